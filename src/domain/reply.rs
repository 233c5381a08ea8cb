//! The address a customer replies to about an incident:
//! `incident+<id>.<mac>@<inbound domain>`. The MAC (HMAC-SHA256 of the
//! incident id under `REPLY_SECRET`, truncated) makes the address
//! unguessable, so that a stranger who knows an incident id cannot write
//! into it by email; the sender must still be a contact of the incident's
//! organisation.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The local part's prefix before `+`.
const PREFIX: &str = "incident";
/// The incident ids' prefix (`inc_` and Crockford base32).
const ID_PREFIX: &str = "inc_";
/// Bytes of the MAC kept: 80 bits, 20 hex digits, far beyond guessing by
/// email and short enough for a 64-character local part.
const MAC_BYTES: usize = 10;

/// Why a reply address is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyAddressError {
    #[error("the address is not an incident's reply address")]
    NotAReplyAddress,
    #[error("the address's signature does not match its incident")]
    Forged,
}

/// The key that signs reply addresses.
#[derive(Clone)]
pub struct ReplyKey(Vec<u8>);

impl std::fmt::Debug for ReplyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReplyKey(..)")
    }
}

impl ReplyKey {
    /// A key from the `REPLY_SECRET` setting; `None` when it is too short to
    /// sign anything worth trusting (under 16 bytes).
    pub fn from_setting(secret: &str) -> Option<Self> {
        let secret = secret.trim();
        (secret.len() >= 16).then(|| Self(secret.as_bytes().to_vec()))
    }

    fn mac(&self, incident_id: &str) -> [u8; MAC_BYTES] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"spica incident reply\0");
        mac.update(incident_id.as_bytes());
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; MAC_BYTES];
        out.copy_from_slice(&full[..MAC_BYTES]);
        out
    }
}

/// Replies by email, when configured: the signing key (`REPLY_SECRET`) and
/// the domain whose mail Email Routing hands to the Worker
/// (`INBOUND_EMAIL_DOMAIN`).
#[derive(Debug, Clone)]
pub struct ReplyByEmail {
    pub key: ReplyKey,
    pub domain: String,
}

impl ReplyByEmail {
    /// The settings, when both are given and the secret is long enough.
    pub fn from_settings(secret: Option<&str>, domain: Option<&str>) -> Option<Self> {
        let key = ReplyKey::from_setting(secret?)?;
        let domain = domain?.trim().trim_start_matches('@').to_ascii_lowercase();
        (!domain.is_empty()).then_some(Self { key, domain })
    }

    /// The incident's reply address.
    pub fn address(&self, incident_id: &str) -> String {
        ReplyAddress::for_incident(incident_id, &self.key, &self.domain)
    }

    /// The incident a reply address names.
    pub fn incident(&self, address: &str) -> Result<String, ReplyAddressError> {
        ReplyAddress::parse_address(address, &self.key, &self.domain)
    }
}

/// An incident's reply address.
pub struct ReplyAddress;

impl ReplyAddress {
    /// The local part for the incident: lower case throughout, because mail
    /// systems may lower-case it on the way back.
    pub fn local_part(incident_id: &str, key: &ReplyKey) -> String {
        format!(
            "{PREFIX}+{}.{}",
            incident_id.to_ascii_lowercase(),
            hex::encode(key.mac(incident_id))
        )
    }

    /// The whole address at the inbound domain.
    pub fn for_incident(incident_id: &str, key: &ReplyKey, domain: &str) -> String {
        format!("{}@{domain}", Self::local_part(incident_id, key))
    }

    /// The incident a local part names, if its MAC is right (compared in
    /// constant time). Case does not matter: incident ids are Crockford
    /// base32, read upper case.
    pub fn parse(local_part: &str, key: &ReplyKey) -> Result<String, ReplyAddressError> {
        let local = local_part.trim().to_ascii_lowercase();
        let rest = local
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.strip_prefix('+'))
            .ok_or(ReplyAddressError::NotAReplyAddress)?;
        let (id, mac) = rest
            .rsplit_once('.')
            .ok_or(ReplyAddressError::NotAReplyAddress)?;
        let code = id
            .strip_prefix(ID_PREFIX)
            .filter(|code| {
                !code.is_empty()
                    && code.len() <= 40
                    && code.chars().all(|c| c.is_ascii_alphanumeric())
            })
            .ok_or(ReplyAddressError::NotAReplyAddress)?;
        let given = hex::decode(mac).map_err(|_| ReplyAddressError::Forged)?;
        let incident_id = format!("{ID_PREFIX}{}", code.to_ascii_uppercase());
        if given.len() == MAC_BYTES && bool::from(given.ct_eq(&key.mac(&incident_id))) {
            Ok(incident_id)
        } else {
            Err(ReplyAddressError::Forged)
        }
    }

    /// The incident an address (`local@domain`) names, if it is at the
    /// inbound domain and signed.
    pub fn parse_address(
        address: &str,
        key: &ReplyKey,
        domain: &str,
    ) -> Result<String, ReplyAddressError> {
        let (local, at) = address
            .trim()
            .rsplit_once('@')
            .ok_or(ReplyAddressError::NotAReplyAddress)?;
        if !at.eq_ignore_ascii_case(domain) {
            return Err(ReplyAddressError::NotAReplyAddress);
        }
        Self::parse(local, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> ReplyKey {
        ReplyKey::from_setting("a reply secret of enough length").unwrap()
    }

    const INCIDENT: &str = "inc_7K3M9QX2D4F6H8J0ABCDEFGHJK";

    #[test]
    fn an_incidents_reply_address_names_it_back() {
        let address = ReplyAddress::for_incident(INCIDENT, &key(), "reply.spica.test");
        assert!(address.starts_with("incident+inc_7k3m9qx2"), "{address}");
        assert!(address.ends_with("@reply.spica.test"));
        let (local, _) = address.split_once('@').unwrap();
        assert!(local.len() <= 64, "{local}");
        assert_eq!(ReplyAddress::parse(local, &key()).unwrap(), INCIDENT);
        assert_eq!(
            ReplyAddress::parse_address(&address.to_uppercase(), &key(), "reply.spica.test")
                .unwrap(),
            INCIDENT
        );
    }

    #[test]
    fn an_address_for_another_incident_or_under_another_key_is_forged() {
        let local = ReplyAddress::local_part(INCIDENT, &key());
        let (_, mac) = local.rsplit_once('.').unwrap();
        let other = format!("incident+inc_7k3m9qx2d4f6h8j0abcdefghjm.{mac}");
        assert_eq!(
            ReplyAddress::parse(&other, &key()),
            Err(ReplyAddressError::Forged)
        );
        let another_key = ReplyKey::from_setting("another secret of enough length").unwrap();
        assert_eq!(
            ReplyAddress::parse(&local, &another_key),
            Err(ReplyAddressError::Forged)
        );
        let short = &local[..local.len() - 2];
        assert_eq!(
            ReplyAddress::parse(short, &key()),
            Err(ReplyAddressError::Forged)
        );
        assert_eq!(
            ReplyAddress::parse(&format!("{local}zz"), &key()),
            Err(ReplyAddressError::Forged)
        );
    }

    #[test]
    fn other_addresses_are_not_reply_addresses() {
        for local in [
            "support",
            "incident",
            "incident+",
            "incident+inc_.00",
            "other+inc_AB.00",
            "incident+ord_AB.00",
        ] {
            assert_eq!(
                ReplyAddress::parse(local, &key()),
                Err(ReplyAddressError::NotAReplyAddress),
                "{local}"
            );
        }
        let address = ReplyAddress::for_incident(INCIDENT, &key(), "reply.spica.test");
        assert_eq!(
            ReplyAddress::parse_address(&address, &key(), "elsewhere.test"),
            Err(ReplyAddressError::NotAReplyAddress)
        );
    }

    #[test]
    fn a_short_secret_signs_nothing() {
        assert!(ReplyKey::from_setting("short").is_none());
    }
}
