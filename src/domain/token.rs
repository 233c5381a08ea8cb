//! Bearer secrets: email-verification and sign-in links, access tokens, and
//! the staff token. A secret is shown once to its owner; the portal keeps only
//! its SHA-256 and compares hashes in constant time.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use thiserror::Error;

use super::entropy::Entropy;
use super::field::Invalid;
use super::messages as m;
use super::time::Instant;

/// A freshly drawn or presented secret: 256 random bits in URL-safe base64.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

impl Token {
    pub fn generate(entropy: &mut Entropy) -> Self {
        Self(URL_SAFE_NO_PAD.encode(entropy.next_block()))
    }

    /// Accepts only what [`Token::generate`] can produce, so that junk never
    /// reaches a database lookup.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Invalid::required());
        }
        match URL_SAFE_NO_PAD.decode(input) {
            Ok(bytes) if bytes.len() == 32 => Ok(Self(input.to_owned())),
            _ => Err(Invalid::said("invalid", m::field_token)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> SecretHash {
        SecretHash::of(&self.0)
    }
}

/// The SHA-256 of a secret: what the database holds instead of the secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SecretHash([u8; 32]);

impl std::fmt::Debug for SecretHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretHash({})", self.to_hex())
    }
}

impl SecretHash {
    pub fn of(secret: &str) -> Self {
        Self(Sha256::digest(secret.as_bytes()).into())
    }

    pub fn to_hex(self) -> String {
        hex::encode(self.0)
    }

    /// Whether `presented` is the secret behind this hash, in time that does
    /// not depend on where the two differ.
    pub fn admits(&self, presented: &str) -> bool {
        SecretHash::of(presented).0.ct_eq(&self.0).into()
    }
}

/// What a token opens, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The link in the registration email; activates the account.
    VerifyEmail,
    /// The link in a sign-in email; exchanged once for an access token.
    SignIn,
    /// The bearer token of a signed-in contact.
    Access,
    /// The link that asks a license holder's contact to accept a claimant
    /// into the organisation; the token names the claim.
    ConfirmJoin,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::SignIn => "sign_in",
            Self::Access => "access",
            Self::ConfirmJoin => "confirm_join",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "verify_email" => Some(Self::VerifyEmail),
            "sign_in" => Some(Self::SignIn),
            "access" => Some(Self::Access),
            "confirm_join" => Some(Self::ConfirmJoin),
            _ => None,
        }
    }

    /// How long a token of this purpose lives: a verification link survives
    /// a weekend, a sign-in link a coffee, an access token a working day.
    pub fn lifetime(self) -> chrono::Duration {
        match self {
            Self::VerifyEmail => chrono::Duration::hours(72),
            Self::SignIn => chrono::Duration::minutes(15),
            Self::Access => chrono::Duration::hours(12),
            Self::ConfirmJoin => chrono::Duration::days(7),
        }
    }

    /// Links are spent when used; an access token is reused until it expires.
    pub fn single_use(self) -> bool {
        !matches!(self, Self::Access)
    }
}

/// A token as the database remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    pub purpose: Purpose,
    /// The contact it was issued to (`con_…`).
    pub contact_id: String,
    /// The license claim a join confirmation decides.
    pub claim_id: Option<String>,
    pub expires_at: Instant,
    pub used_at: Option<Instant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TokenError {
    #[error("the token is not known")]
    Unknown,
    #[error("the token has expired")]
    Expired,
    #[error("the token has been used already")]
    AlreadyUsed,
}

impl IssuedToken {
    pub fn issue(purpose: Purpose, contact_id: &str, now: Instant) -> Self {
        Self {
            purpose,
            contact_id: contact_id.to_owned(),
            claim_id: None,
            expires_at: now + purpose.lifetime(),
            used_at: None,
        }
    }

    /// Whether the token may be used now for `purpose`. A token of another
    /// purpose is as unknown as one never issued.
    pub fn check(&self, purpose: Purpose, now: Instant) -> Result<(), TokenError> {
        if self.purpose != purpose {
            Err(TokenError::Unknown)
        } else if purpose.single_use() && self.used_at.is_some() {
            Err(TokenError::AlreadyUsed)
        } else if now >= self.expires_at {
            Err(TokenError::Expired)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    fn now() -> Instant {
        from_unix_millis(1_790_000_000_000).unwrap()
    }

    #[test]
    fn generated_tokens_parse_and_junk_does_not() {
        let token = Token::generate(&mut Entropy::new([3; 32]));
        assert_eq!(token.as_str().len(), 43);
        assert_eq!(Token::parse(token.as_str()).unwrap(), token);
        assert_eq!(Token::parse("").unwrap_err().code, "required");
        assert!(Token::parse("abc").is_err());
        assert!(Token::parse(&"*".repeat(43)).is_err());
    }

    #[test]
    fn a_hash_admits_only_its_secret() {
        let hash = SecretHash::of("staff-secret");
        assert!(hash.admits("staff-secret"));
        assert!(!hash.admits("staff-secret "));
        assert!(!hash.admits(""));
        assert_eq!(hash.to_hex().len(), 64);
    }

    #[test]
    fn a_sign_in_link_works_once_and_until_it_expires() {
        let mut token = IssuedToken::issue(Purpose::SignIn, "con_1", now());
        assert_eq!(token.check(Purpose::SignIn, now()), Ok(()));
        assert_eq!(
            token.check(Purpose::Access, now()),
            Err(TokenError::Unknown)
        );
        let late = now() + Purpose::SignIn.lifetime();
        assert_eq!(token.check(Purpose::SignIn, late), Err(TokenError::Expired));
        token.used_at = Some(now());
        assert_eq!(
            token.check(Purpose::SignIn, now()),
            Err(TokenError::AlreadyUsed)
        );
    }

    #[test]
    fn an_access_token_is_reused_until_it_expires() {
        let mut token = IssuedToken::issue(Purpose::Access, "con_1", now());
        token.used_at = Some(now());
        assert_eq!(token.check(Purpose::Access, now()), Ok(()));
        let late = now() + chrono::Duration::hours(12);
        assert_eq!(token.check(Purpose::Access, late), Err(TokenError::Expired));
    }
}
