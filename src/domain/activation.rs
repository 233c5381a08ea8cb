//! Activating Time & Space on an installation: the activation code the
//! customer types into the product, the seats a license allows, how often an
//! installation may be deactivated, and the signed license file for
//! installations that are never online.
//!
//! An activation code is an HMAC the portal computes and the product cannot
//! forge: it binds a serial, an installation and a major version. Its first
//! character names the key that made it, so the secret can be rotated while
//! codes made with the previous one still verify.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use chrono::{Datelike, NaiveTime};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::entropy::crockford;
use super::field::Invalid;
use super::messages as m;
use super::serial::SerialNumber;
use super::time::Instant;

/// The longest installation id.
const MAX_INSTALLATION_ID: usize = 64;

/// An installation of the product, by the id the product reports: 1 to 64
/// ASCII letters, digits, `-`, `_`, `.` and `:`, case kept (the product's ids
/// are case-sensitive, and the id is part of the activation code).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InstallationId(String);

impl InstallationId {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let id = input.trim();
        if id.is_empty() {
            return Err(Invalid::required());
        }
        let well_formed = id.len() <= MAX_INSTALLATION_ID
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
        if well_formed {
            Ok(Self(id.to_owned()))
        } else {
            Err(Invalid::said("invalid", |l| {
                m::field_installation_id(l, &MAX_INSTALLATION_ID.to_string())
            }))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InstallationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The highest key id: one Crockford base32 digit.
pub const MAX_KEY_ID: u8 = 31;
/// The shortest secret accepted for an activation key, in bytes.
pub const MIN_SECRET_LEN: usize = 16;

/// One secret for activation codes and the id that names it in the codes it
/// makes. `id` is 0..=31 ([`keys_from_setting`] guarantees it).
#[derive(Clone, PartialEq, Eq)]
pub struct ActivationKey {
    pub id: u8,
    pub secret: Vec<u8>,
}

/// The secret never appears in logs.
impl fmt::Debug for ActivationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ActivationKey {{ id: {}, secret: … }}", self.id)
    }
}

/// Reads the `ACTIVATION_SECRET` setting: `id:secret` pairs separated by
/// commas, such as `"1:secretA,0:secretB"`. The first is the current key,
/// which issues new codes; the others only verify codes issued before a
/// rotation. Ids are 0..=31 and distinct, secrets at least 16 bytes (taken
/// as the UTF-8 bytes of the text, spaces around them trimmed). Errors never
/// quote a secret.
pub fn keys_from_setting(text: &str) -> Result<Vec<ActivationKey>, String> {
    if text.trim().is_empty() {
        return Err("ACTIVATION_SECRET is empty: it needs at least one id:secret pair".into());
    }
    let mut keys: Vec<ActivationKey> = Vec::new();
    for (index, pair) in text.split(',').enumerate() {
        let position = index + 1;
        let (id, secret) = pair.split_once(':').ok_or_else(|| {
            format!("ACTIVATION_SECRET entry {position} is not of the form id:secret")
        })?;
        let id = id
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|id| *id <= MAX_KEY_ID)
            .ok_or_else(|| {
                format!("ACTIVATION_SECRET entry {position}: the key id must be 0 to {MAX_KEY_ID}")
            })?;
        let secret = secret.trim().as_bytes();
        if secret.len() < MIN_SECRET_LEN {
            return Err(format!(
                "ACTIVATION_SECRET entry {position}: the secret must be at least {MIN_SECRET_LEN} bytes"
            ));
        }
        if keys.iter().any(|key| key.id == id) {
            return Err(format!(
                "ACTIVATION_SECRET entry {position}: key id {id} is used twice"
            ));
        }
        keys.push(ActivationKey {
            id,
            secret: secret.to_vec(),
        });
    }
    Ok(keys)
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters of a code: the key id, then 120 bits of HMAC.
const CODE_CHARS: usize = 25;
/// The HMAC bytes a code carries: 120 bits, 24 base32 characters.
const MAC_BYTES: usize = 15;
const GROUP: usize = 5;

/// An activation code as the customer types it: 25 Crockford base32
/// characters in 5 groups of 5, such as `1R57J-TX8EJ-HF1KM-762JE-TMDWA`.
///
/// The first character is the id of the key that made it; the other 24 are
/// the first 120 bits of HMAC-SHA256(secret, message), where the message is
/// the bytes of `"spica-activation-v1\n" + serial + "\n" + installation_id +
/// "\n" + major_version` (the serial upper-cased, the version in decimal).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ActivationCode(String);

impl ActivationCode {
    /// Reads a code as typed: spaces and dashes anywhere, any case, and
    /// Crockford's confusables (O for 0, I and L for 1). U is no Crockford
    /// digit and is refused.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let mut digits = String::with_capacity(CODE_CHARS);
        for c in text.chars() {
            if c.is_whitespace() || c == '-' {
                continue;
            }
            let digit = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other if other.is_ascii() && CROCKFORD.contains(&(other as u8)) => other,
                _ => {
                    return Err(Invalid::said("invalid", |l| {
                        m::field_activation_character(l, &c.to_string())
                    }))
                }
            };
            digits.push(digit);
        }
        match digits.len() {
            0 => Err(Invalid::required()),
            CODE_CHARS => Ok(Self::grouped(&digits)),
            _ => Err(Invalid::said("invalid", m::field_activation_code)),
        }
    }

    /// 25 canonical digits as 5 groups of 5.
    fn grouped(digits: &str) -> Self {
        let groups: Vec<&str> = (0..CODE_CHARS)
            .step_by(GROUP)
            .map(|start| &digits[start..start + GROUP])
            .collect();
        Self(groups.join("-"))
    }

    /// The id of the key that made the code.
    pub fn key_id(&self) -> u8 {
        let first = self.0.as_bytes()[0];
        CROCKFORD
            .iter()
            .position(|&digit| digit == first)
            .and_then(|id| u8::try_from(id).ok())
            .unwrap_or(0)
    }

    /// The code grouped with dashes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ActivationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The canonical bytes an activation code authenticates.
fn message(serial: &SerialNumber, installation: &InstallationId, major_version: u32) -> Vec<u8> {
    format!(
        "spica-activation-v1\n{}\n{}\n{major_version}",
        serial.as_str(),
        installation.as_str()
    )
    .into_bytes()
}

fn mac_digits(secret: &[u8], message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(message);
    let tag = mac.finalize().into_bytes();
    crockford(&tag[..MAC_BYTES])
}

/// The activation code for an installation of a license's major version,
/// made with `key` (the current key: the first of [`keys_from_setting`]).
///
/// # Panics
///
/// When `key.id` is above 31, which no key from [`keys_from_setting`] is: a
/// code naming another key than its maker could never be verified.
pub fn issue(
    key: &ActivationKey,
    serial: &SerialNumber,
    installation: &InstallationId,
    major_version: u32,
) -> ActivationCode {
    assert!(key.id <= MAX_KEY_ID, "activation key ids are 0 to 31");
    let mut digits = String::with_capacity(CODE_CHARS);
    digits.push(char::from(CROCKFORD[usize::from(key.id)]));
    digits.push_str(&mac_digits(
        &key.secret,
        &message(serial, installation, major_version),
    ));
    ActivationCode::grouped(&digits)
}

/// Whether `code` was issued for this serial, installation and major version
/// by one of `keys`: the key its first character names, current or rotated
/// out. The comparison takes the same time wherever the codes differ.
pub fn verify(
    keys: &[ActivationKey],
    code: &ActivationCode,
    serial: &SerialNumber,
    installation: &InstallationId,
    major_version: u32,
) -> bool {
    keys.iter()
        .filter(|key| key.id == code.key_id())
        .any(|key| {
            let expected = issue(key, serial, installation, major_version);
            bool::from(expected.0.as_bytes().ct_eq(code.0.as_bytes()))
        })
}

/// How many times a license's installations may be deactivated in one
/// calendar month (UTC): enough to move to a new computer, too few to rotate
/// one seat among many.
pub const DEACTIVATIONS_PER_MONTH: u32 = 3;

/// The deactivations a license may make around `now`: fewer than `limit`
/// since `since`. The store counts them in the statement that deactivates
/// (as it counts seats in the one that activates), so that deactivations
/// racing each other cannot all pass one earlier count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeactivationAllowance {
    pub since: Instant,
    pub limit: u32,
}

/// This calendar month's allowance: [`DEACTIVATIONS_PER_MONTH`] since
/// [`month_start`].
pub fn deactivation_allowance(now: Instant) -> DeactivationAllowance {
    DeactivationAllowance {
        since: month_start(now),
        limit: DEACTIVATIONS_PER_MONTH,
    }
}

/// The first instant of `now`'s calendar month in UTC: where the count of
/// deactivations starts.
pub fn month_start(now: Instant) -> Instant {
    let first = now
        .date_naive()
        .with_day(1)
        .expect("every month has a first day");
    first.and_time(NaiveTime::MIN).and_utc()
}

/// What is left this month of a license's deactivations, as its pages
/// explain it: how many remain, and when the count starts again (the first
/// instant of the next calendar month, UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeactivationsLeft {
    pub remaining: u32,
    pub resets_at: Instant,
}

/// The allowance left after `used` deactivations since [`month_start`].
pub fn deactivations_left(used: u32, now: Instant) -> DeactivationsLeft {
    let next = month_start(month_start(now) + chrono::Duration::days(32));
    DeactivationsLeft {
        remaining: DEACTIVATIONS_PER_MONTH.saturating_sub(used),
        resets_at: next,
    }
}

/// What a license file for an offline installation says. The installed
/// product verifies it with [`verify_file`] and the portal's public key.
///
/// `issued_at` is an instant as [`crate::domain::time::format`] writes it;
/// `sups_until` the last day covered by SUPS (`YYYY-MM-DD`, as the validation
/// answer says it), or `None` without coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenseFile {
    pub serial: String,
    pub installation_id: String,
    pub product: String,
    pub edition: String,
    pub major_version: u32,
    pub activation_code: String,
    pub issued_at: String,
    pub sups_until: Option<String>,
}

/// The license file text: the payload and its signature.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignedFile {
    payload: LicenseFile,
    signature: String,
}

/// The bytes a license file's signature covers (see [`LicenseSigner::sign`]).
fn signed_bytes(file: &LicenseFile) -> Vec<u8> {
    serde_json::to_vec(file).expect("a license file always serialises")
}

/// A future the license key answers with; boxed, so that [`LicenseSigner`]
/// can hold whichever key the platform gives.
pub type KeyFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, String>> + 'a>>;

/// The portal's Ed25519 key for license files. The core decides what is
/// signed and how the file reads; the signing is the platform's: the Worker
/// holds the key in WebCrypto (no curve arithmetic in its bundle), native
/// builds and tests in `ed25519-dalek`. Ed25519 signatures are
/// deterministic, so both give the same bytes for the same seed.
pub trait LicenseKey {
    /// The 32-byte public key.
    fn public_key(&self) -> KeyFuture<'_, [u8; 32]>;
    /// The 64-byte signature of `message`.
    fn sign<'a>(&'a self, message: &'a [u8]) -> KeyFuture<'a, [u8; 64]>;
}

/// Reads the 32-byte seed of the `LICENSE_SIGNING_KEY` setting: 64
/// hexadecimal characters or base64 (standard or URL-safe, padded or not).
/// Errors never quote the seed.
pub fn seed_from_setting(text: &str) -> Result<[u8; 32], String> {
    let text = text.trim();
    let bytes = if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        hex::decode(text).ok()
    } else {
        [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(text).ok())
    };
    bytes
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| {
            "the license signing key must be a 32-byte seed as 64 hex characters or base64"
                .to_owned()
        })
}

/// Signs license files with the portal's key.
pub struct LicenseSigner {
    key: Box<dyn LicenseKey + Send + Sync>,
}

/// The key never appears in logs.
impl fmt::Debug for LicenseSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LicenseSigner(…)")
    }
}

impl LicenseSigner {
    pub fn new(key: impl LicenseKey + Send + Sync + 'static) -> Self {
        Self { key: Box::new(key) }
    }

    /// The public key (32 bytes, standard base64) the product ships with.
    pub async fn public_key_base64(&self) -> Result<String, String> {
        Ok(STANDARD.encode(self.key.public_key().await?))
    }

    /// The license file text: `{"payload":<payload>,"signature":"<base64>"}`,
    /// the signature an Ed25519 signature (standard base64) over the exact
    /// bytes of `serde_json::to_vec(payload)`, which is also how the payload
    /// appears in the text.
    ///
    /// Those bytes are compact UTF-8 JSON without any whitespace, the fields
    /// in this order: `serial`, `installation_id`, `product`, `edition`,
    /// `major_version` (a JSON number), `activation_code`, `issued_at`,
    /// `sups_until` (a string, or `null`); within strings only `"`, `\` and
    /// U+0000 to U+001F are escaped (`\"`, `\\`, `\n`, `\u001f`), everything
    /// else is written as it is, `/` and non-ASCII included. For example:
    ///
    /// ```text
    /// {"serial":"TS-2024-00017","installation_id":"WS-1","product":"Time & Space","edition":"Professional","major_version":7,"activation_code":"1R57J-TX8EJ-HF1KM-762JE-TMDWA","issued_at":"2028-02-29T12:00:00.000Z","sups_until":null}
    /// ```
    ///
    /// A verifier that has parsed the file serialises the payload again the
    /// same way, as `verify_file` does, so reformatting the file's JSON
    /// does not break it.
    pub async fn sign(&self, file: &LicenseFile) -> Result<String, String> {
        let signature = self.key.sign(&signed_bytes(file)).await?;
        let signed = SignedFile {
            payload: file.clone(),
            signature: STANDARD.encode(signature),
        };
        serde_json::to_string(&signed).map_err(|error| error.to_string())
    }
}

/// The license key natively: `ed25519-dalek`, which the Worker's bundle
/// does without (it signs with WebCrypto).
#[cfg(not(target_arch = "wasm32"))]
mod dalek {
    use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

    use super::*;

    /// An Ed25519 key from its 32-byte seed.
    pub struct DalekKey(SigningKey);

    impl LicenseKey for DalekKey {
        fn public_key(&self) -> KeyFuture<'_, [u8; 32]> {
            Box::pin(std::future::ready(Ok(self.0.verifying_key().to_bytes())))
        }

        fn sign<'a>(&'a self, message: &'a [u8]) -> KeyFuture<'a, [u8; 64]> {
            Box::pin(std::future::ready(Ok(self.0.sign(message).to_bytes())))
        }
    }

    impl LicenseSigner {
        pub fn from_seed(seed: [u8; 32]) -> Self {
            Self::new(DalekKey(SigningKey::from_bytes(&seed)))
        }

        /// The signer for a `LICENSE_SIGNING_KEY` setting (see
        /// [`seed_from_setting`]).
        pub fn from_setting(text: &str) -> Result<Self, String> {
            seed_from_setting(text).map(Self::from_seed)
        }
    }

    /// What the installed product does with a license file: reads it,
    /// serialises the payload again to the signed bytes and checks the
    /// signature against the portal's public key (strictly: no malleable
    /// signatures, no weak keys). A payload changed in any field, or signed
    /// with another key, is refused.
    pub fn verify_file(public_key_base64: &str, text: &str) -> Result<LicenseFile, String> {
        let key: [u8; 32] = STANDARD
            .decode(public_key_base64.trim())
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or("the public key is not 32 bytes in base64")?;
        let key =
            VerifyingKey::from_bytes(&key).map_err(|_| "the public key is not an Ed25519 key")?;
        let signed: SignedFile =
            serde_json::from_str(text).map_err(|error| format!("not a license file: {error}"))?;
        let signature: [u8; 64] = STANDARD
            .decode(&signed.signature)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or("the signature is not 64 bytes in base64")?;
        key.verify_strict(
            &signed_bytes(&signed.payload),
            &Signature::from_bytes(&signature),
        )
        .map_err(|_| "the signature does not match: the file was changed or not issued by Spica")?;
        Ok(signed.payload)
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use dalek::verify_file;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SERIAL: &str = "TS-2024-00017";
    const INSTALLATION: &str = "WS-Ljubljana.01:a";
    /// Computed once, independently of this module, with Python's `hmac`
    /// and a Crockford encoder that reads the 120 bits as one big integer:
    /// key 1 = b"spica-activation-test-key-one", serial TS-2024-00017,
    /// installation WS-Ljubljana.01:a, major version 7.
    const CODE_KEY_ONE_V7: &str = "1R57J-TX8EJ-HF1KM-762JE-TMDWA";
    /// The same with key 0 = b"spica-activation-test-key-zero".
    const CODE_KEY_ZERO_V7: &str = "0B2JQ-2WASZ-TNGGR-QTA35-K4M9H";
    /// Key 1, major version 8.
    const CODE_KEY_ONE_V8: &str = "14FWG-C878S-DQ1MT-86QGP-YYBAS";

    fn key_one() -> ActivationKey {
        ActivationKey {
            id: 1,
            secret: b"spica-activation-test-key-one".to_vec(),
        }
    }

    fn key_zero() -> ActivationKey {
        ActivationKey {
            id: 0,
            secret: b"spica-activation-test-key-zero".to_vec(),
        }
    }

    fn serial() -> SerialNumber {
        SerialNumber::parse(SERIAL).unwrap()
    }

    fn installation() -> InstallationId {
        InstallationId::parse(INSTALLATION).unwrap()
    }

    fn at(text: &str) -> Instant {
        crate::domain::time::parse(text).unwrap()
    }

    #[test]
    fn installation_ids_are_trimmed_and_keep_their_case() {
        assert_eq!(
            InstallationId::parse("  WS-Ljubljana.01:a ")
                .unwrap()
                .as_str(),
            "WS-Ljubljana.01:a"
        );
        assert_ne!(
            InstallationId::parse("ws-1").unwrap(),
            InstallationId::parse("WS-1").unwrap()
        );
        assert!(InstallationId::parse(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn malformed_installation_ids_are_refused() {
        for bad in ["a b", "a/b", "a,b", "ščž", "a\u{0}", &"a".repeat(65)] {
            assert!(InstallationId::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(InstallationId::parse("  ").unwrap_err().code, "required");
    }

    #[test]
    fn the_setting_lists_the_current_key_first() {
        let keys = keys_from_setting(
            " 1:spica-activation-test-key-one , 0:spica-activation-test-key-zero",
        )
        .unwrap();
        assert_eq!(keys, [key_one(), key_zero()]);
        let colon = keys_from_setting("31:a:secret:with:colons").unwrap();
        assert_eq!(colon[0].id, 31);
        assert_eq!(colon[0].secret, b"a:secret:with:colons");
    }

    #[test]
    fn bad_settings_are_refused_without_quoting_the_secret() {
        for bad in [
            "",
            "  ",
            "no-colon-in-this-entry",
            "32:0123456789abcdef",
            "x:0123456789abcdef",
            "-1:0123456789abcdef",
            "1:short-secret",
            "1:0123456789abcdef,1:fedcba9876543210",
            "1:0123456789abcdef,",
        ] {
            let error = keys_from_setting(bad).unwrap_err();
            assert!(!error.contains("0123456789abcdef"), "{error}");
            assert!(!error.contains("short-secret"), "{error}");
        }
        assert_eq!(keys_from_setting("1:0123456789abcdef").unwrap().len(), 1);
    }

    #[test]
    fn key_debug_output_hides_the_secret() {
        assert!(!format!("{:?}", key_one()).contains("spica"));
    }

    #[test]
    fn codes_match_the_fixed_vectors() {
        let code = issue(&key_one(), &serial(), &installation(), 7);
        assert_eq!(code.as_str(), CODE_KEY_ONE_V7);
        assert_eq!(code.key_id(), 1);
        assert_eq!(
            issue(&key_zero(), &serial(), &installation(), 7).as_str(),
            CODE_KEY_ZERO_V7
        );
        assert_eq!(
            issue(&key_one(), &serial(), &installation(), 8).as_str(),
            CODE_KEY_ONE_V8
        );
    }

    #[test]
    fn changing_any_input_changes_the_code() {
        let code = issue(&key_one(), &serial(), &installation(), 7);
        let other_serial = SerialNumber::parse("TS-2024-00018").unwrap();
        let other_installation = InstallationId::parse("WS-Ljubljana.01:A").unwrap();
        let other_secret = ActivationKey {
            secret: b"spica-activation-test-key-two".to_vec(),
            ..key_one()
        };
        let other_id = ActivationKey {
            id: 31,
            ..key_one()
        };
        for changed in [
            issue(&key_one(), &other_serial, &installation(), 7),
            issue(&key_one(), &serial(), &other_installation, 7),
            issue(&key_one(), &serial(), &installation(), 8),
            issue(&other_secret, &serial(), &installation(), 7),
            issue(&other_id, &serial(), &installation(), 7),
        ] {
            assert_ne!(changed, code);
            assert!(!verify(
                &[key_one()],
                &changed,
                &serial(),
                &installation(),
                7
            ));
        }
        assert_eq!(
            issue(&other_id, &serial(), &installation(), 7).as_str(),
            "ZR57J-TX8EJ-HF1KM-762JE-TMDWA"
        );
    }

    #[test]
    fn a_code_verifies_only_for_what_it_was_issued_for() {
        let keys = [key_one()];
        let code = ActivationCode::parse(CODE_KEY_ONE_V7).unwrap();
        assert!(verify(&keys, &code, &serial(), &installation(), 7));
        assert!(!verify(&keys, &code, &serial(), &installation(), 8));
        assert!(!verify(
            &keys,
            &code,
            &SerialNumber::parse("TS-2024-00018").unwrap(),
            &installation(),
            7
        ));
        assert!(!verify(
            &keys,
            &code,
            &serial(),
            &InstallationId::parse("WS-Ljubljana.01:A").unwrap(),
            7
        ));
        let last_char_changed = ActivationCode::parse("1R57J-TX8EJ-HF1KM-762JE-TMDWB").unwrap();
        assert!(!verify(
            &keys,
            &last_char_changed,
            &serial(),
            &installation(),
            7
        ));
    }

    #[test]
    fn a_rotated_out_key_still_verifies_its_codes_while_new_codes_use_the_current_key() {
        let before = keys_from_setting("0:spica-activation-test-key-zero").unwrap();
        let old_code = issue(&before[0], &serial(), &installation(), 7);
        let after =
            keys_from_setting("1:spica-activation-test-key-one,0:spica-activation-test-key-zero")
                .unwrap();
        let new_code = issue(&after[0], &serial(), &installation(), 7);
        assert_eq!(new_code.key_id(), 1);
        assert_eq!(old_code.key_id(), 0);
        assert!(verify(&after, &old_code, &serial(), &installation(), 7));
        assert!(verify(&after, &new_code, &serial(), &installation(), 7));
        let retired = keys_from_setting("1:spica-activation-test-key-one").unwrap();
        assert!(!verify(&retired, &old_code, &serial(), &installation(), 7));
    }

    #[test]
    fn a_code_names_a_key_that_must_match_its_secret() {
        let forged_id =
            ActivationCode::parse(CODE_KEY_ZERO_V7.replacen('0', "1", 1).as_str()).unwrap();
        assert!(!verify(
            &[key_one(), key_zero()],
            &forged_id,
            &serial(),
            &installation(),
            7
        ));
    }

    #[test]
    fn codes_are_read_as_typed() {
        let expected = ActivationCode::parse(CODE_KEY_ONE_V7).unwrap();
        for typed in [
            "1r57j tx8ej hf1km 762je tmdwa",
            "1R57JTX8EJHF1KM762JETMDWA",
            " 1R57J-TX8EJ-HFIKM-762JE-TMDWA ",
            "1r57j-tx8ej-hflkm-762je-tmdwa",
            "1R57J--TX8EJ HF1KM-762JE-TMDWA",
        ] {
            assert_eq!(ActivationCode::parse(typed).unwrap(), expected, "{typed:?}");
        }
        assert_eq!(
            ActivationCode::parse("o0000-00000-00000-00000-0000O")
                .unwrap()
                .as_str(),
            "00000-00000-00000-00000-00000"
        );
    }

    #[test]
    fn malformed_codes_are_refused() {
        for bad in [
            "1R57J-TX8EJ-HF1KM-762JE-TMDWU",
            "1R57J-TX8EJ-HF1KM-762JE-TMDW",
            "1R57J-TX8EJ-HF1KM-762JE-TMDWAA",
            "1R57J_TX8EJ_HF1KM_762JE_TMDWA",
            "1R57J-TX8EJ-HF1KM-762JE-TMDWÄ",
        ] {
            assert!(ActivationCode::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(ActivationCode::parse(" - ").unwrap_err().code, "required");
    }

    #[test]
    fn the_first_character_is_the_key_id() {
        assert_eq!(
            ActivationCode::parse("Z0000-00000-00000-00000-00000")
                .unwrap()
                .key_id(),
            31
        );
        assert_eq!(
            ActivationCode::parse("A0000-00000-00000-00000-00000")
                .unwrap()
                .key_id(),
            10
        );
    }

    #[test]
    #[should_panic(expected = "activation key ids are 0 to 31")]
    fn a_key_id_beyond_one_digit_cannot_issue_codes() {
        let key = ActivationKey {
            id: 32,
            ..key_one()
        };
        issue(&key, &serial(), &installation(), 7);
    }

    proptest! {
        #[test]
        fn issued_codes_read_back_in_any_case_and_grouping(
            secret in proptest::collection::vec(any::<u8>(), 16..64),
            id in 0u8..=31,
            major in 1u32..100,
        ) {
            let key = ActivationKey { id, secret };
            let code = issue(&key, &serial(), &installation(), major);
            prop_assert_eq!(code.as_str().len(), 29);
            prop_assert_eq!(code.key_id(), id);
            let typed = code.as_str().replace('-', " ").to_lowercase();
            let parsed = ActivationCode::parse(&typed).unwrap();
            prop_assert_eq!(&parsed, &code);
            prop_assert!(verify(&[key], &parsed, &serial(), &installation(), major));
        }
    }

    #[test]
    fn three_deactivations_are_allowed_per_calendar_month() {
        assert_eq!(
            deactivation_allowance(at("2028-02-29T23:59:59.999Z")),
            DeactivationAllowance {
                since: at("2028-02-01T00:00:00Z"),
                limit: 3
            }
        );
    }

    #[test]
    fn what_is_left_resets_on_the_first_of_the_next_month() {
        assert_eq!(
            deactivations_left(1, at("2026-12-31T23:59:59Z")),
            DeactivationsLeft {
                remaining: 2,
                resets_at: at("2027-01-01T00:00:00Z")
            }
        );
        assert_eq!(
            deactivations_left(3, at("2028-02-29T12:00:00Z")).remaining,
            0
        );
        assert_eq!(
            deactivations_left(5, at("2028-01-31T12:00:00Z")).resets_at,
            at("2028-02-01T00:00:00Z")
        );
    }

    #[test]
    fn months_start_at_midnight_utc_on_the_first() {
        assert_eq!(
            month_start(at("2028-02-29T23:59:59.999Z")),
            at("2028-02-01T00:00:00Z")
        );
        assert_eq!(
            month_start(at("2028-03-01T00:00:00Z")),
            at("2028-03-01T00:00:00Z")
        );
        assert_eq!(
            month_start(at("2027-12-31T23:59:59.999Z")),
            at("2027-12-01T00:00:00Z")
        );
        assert_eq!(
            month_start(at("2028-01-01T00:00:00.001Z")),
            at("2028-01-01T00:00:00Z")
        );
        assert_eq!(
            month_start(at("2028-01-01T00:30:00+01:00")),
            at("2027-12-01T00:00:00Z")
        );
    }

    /// RFC 8032, section 7.1, test 1.
    const RFC8032_SEED_HEX: &str =
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const RFC8032_SEED_BASE64: &str = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    const RFC8032_PUBLIC_BASE64: &str = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    /// The payload below, compact, signed with the RFC 8032 seed by Python's
    /// `cryptography` (Ed25519 signatures are deterministic).
    const SIGNED_PAYLOAD: &str = r#"{"serial":"TS-2024-00017","installation_id":"WS-Ljubljana.01:a","product":"Time & Space","edition":"Professional","major_version":7,"activation_code":"1R57J-TX8EJ-HF1KM-762JE-TMDWA","issued_at":"2028-02-29T12:00:00.000Z","sups_until":"2029-03-01"}"#;
    const SIGNATURE_BASE64: &str =
        "dnKMR4cGhSJ+dn0Pw+2bVPCC/r3gH4140u89lW3KDZ9nCK/zY4UII/Ol9AtFjkNA0Y/1uXoXY/kW7OoG8u6SCg==";

    fn license_file() -> LicenseFile {
        LicenseFile {
            serial: SERIAL.into(),
            installation_id: INSTALLATION.into(),
            product: "Time & Space".into(),
            edition: "Professional".into(),
            major_version: 7,
            activation_code: CODE_KEY_ONE_V7.into(),
            issued_at: "2028-02-29T12:00:00.000Z".into(),
            sups_until: Some("2029-03-01".into()),
        }
    }

    fn signer() -> LicenseSigner {
        LicenseSigner::from_setting(RFC8032_SEED_HEX).unwrap()
    }

    fn sign(signer: &LicenseSigner, file: &LicenseFile) -> String {
        pollster::block_on(signer.sign(file)).unwrap()
    }

    fn public_key(signer: &LicenseSigner) -> String {
        pollster::block_on(signer.public_key_base64()).unwrap()
    }

    #[test]
    fn the_signing_seed_is_read_as_hex_or_base64() {
        assert_eq!(public_key(&signer()), RFC8032_PUBLIC_BASE64);
        for setting in [
            RFC8032_SEED_BASE64,
            RFC8032_SEED_BASE64.trim_end_matches('='),
            &RFC8032_SEED_HEX.to_uppercase(),
            &format!(" {RFC8032_SEED_HEX}\n"),
        ] {
            assert_eq!(
                public_key(&LicenseSigner::from_setting(setting).unwrap()),
                RFC8032_PUBLIC_BASE64,
                "{setting:?}"
            );
        }
    }

    #[test]
    fn bad_signing_seeds_are_refused_without_quoting_them() {
        for bad in [
            "",
            "9d61b19d",
            &RFC8032_SEED_HEX[..62],
            &format!("{RFC8032_SEED_HEX}00"),
            "not base64!",
        ] {
            let error = LicenseSigner::from_setting(bad).unwrap_err();
            assert!(!error.contains("9d61"), "{error}");
        }
        assert!(!format!("{:?}", signer()).contains("9d61"));
    }

    #[test]
    fn the_signature_covers_the_compact_payload_bytes() {
        let text = sign(&signer(), &license_file());
        assert_eq!(
            text,
            format!(r#"{{"payload":{SIGNED_PAYLOAD},"signature":"{SIGNATURE_BASE64}"}}"#)
        );
    }

    #[test]
    fn signed_strings_escape_only_quotes_backslashes_and_control_characters() {
        let file = LicenseFile {
            product: "Zeit/Raum \"Ž\" \\ 1\n2\u{1f}".into(),
            ..license_file()
        };
        let bytes = String::from_utf8(signed_bytes(&file)).unwrap();
        assert!(
            bytes.contains(r#""product":"Zeit/Raum \"Ž\" \\ 1\n2\u001f","#),
            "{bytes}"
        );
        let text = sign(&signer(), &file);
        assert_eq!(verify_file(RFC8032_PUBLIC_BASE64, &text).unwrap(), file);
    }

    #[test]
    fn a_signed_file_verifies_with_the_public_key() {
        let text = sign(&signer(), &license_file());
        assert_eq!(
            verify_file(RFC8032_PUBLIC_BASE64, &text).unwrap(),
            license_file()
        );
        let without_sups = LicenseFile {
            sups_until: None,
            ..license_file()
        };
        let text = sign(&signer(), &without_sups);
        assert!(text.contains(r#""sups_until":null"#));
        assert_eq!(
            verify_file(RFC8032_PUBLIC_BASE64, &text).unwrap(),
            without_sups
        );
    }

    #[test]
    fn a_file_survives_reformatting_of_its_json() {
        let text = sign(&signer(), &license_file());
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(
            verify_file(RFC8032_PUBLIC_BASE64, &pretty).unwrap(),
            license_file()
        );
    }

    #[test]
    fn changing_one_byte_of_the_payload_breaks_the_signature() {
        let text = sign(&signer(), &license_file());
        for (from, to) in [
            ("\"major_version\":7", "\"major_version\":8"),
            ("TS-2024-00017", "TS-2024-00018"),
            ("2029-03-01", "2039-03-01"),
            ("Professional", "Professionam"),
        ] {
            let tampered = text.replacen(from, to, 1);
            assert_ne!(tampered, text);
            assert!(
                verify_file(RFC8032_PUBLIC_BASE64, &tampered).is_err(),
                "{to} was accepted"
            );
        }
    }

    #[test]
    fn another_key_or_a_damaged_file_is_refused() {
        let text = sign(&signer(), &license_file());
        let other = LicenseSigner::from_seed([7; 32]);
        assert!(verify_file(&public_key(&other), &text).is_err());
        assert!(verify_file(RFC8032_PUBLIC_BASE64, &sign(&other, &license_file())).is_err());
        let damaged_signature = text.replacen("dnKMR4", "dnKMR5", 1);
        assert!(verify_file(RFC8032_PUBLIC_BASE64, &damaged_signature).is_err());
        let extra_field = text.replacen(r#""sups_until""#, r#""seats":99,"sups_until""#, 1);
        assert!(verify_file(RFC8032_PUBLIC_BASE64, &extra_field).is_err());
        assert!(verify_file(RFC8032_PUBLIC_BASE64, "not json").is_err());
        assert!(verify_file("short", &text).is_err());
    }
}
