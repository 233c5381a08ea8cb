//! Tokens by their SHA-256: verification links, sign-in links, access tokens.

use super::{Database, DbError, Statement, Store};
use crate::domain::time::{format, Instant};
use crate::domain::token::{IssuedToken, Purpose, SecretHash};

pub fn insert_token(hash: SecretHash, token: &IssuedToken, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO auth_tokens (token_hash, purpose, contact_id, claim_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        vec![
            hash.to_hex().into(),
            token.purpose.as_str().into(),
            token.contact_id.as_str().into(),
            token.claim_id.as_deref().into(),
            format(now).into(),
            format(token.expires_at).into(),
        ],
    )
}

/// Spends a single-use token. It changes one row only if the token was still
/// unused, so of two racing requests only one sees a change.
pub fn spend_token(hash: SecretHash, now: Instant) -> Statement {
    Statement::new(
        "UPDATE auth_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL",
        vec![hash.to_hex().into(), format(now).into()],
    )
}

/// Exchanges a single-use link for an access token in one statement: the
/// access token is written only while the link is still unused, and the batch
/// that carries this statement spends the link right after it. Of two racing
/// exchanges, only the first writes a row.
pub fn exchange_token(
    link: SecretHash,
    access: SecretHash,
    token: &IssuedToken,
    now: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO auth_tokens (token_hash, purpose, contact_id, created_at, expires_at) \
         SELECT ?1, ?2, contact_id, ?3, ?4 FROM auth_tokens WHERE token_hash = ?5 AND used_at IS NULL",
        vec![
            access.to_hex().into(),
            token.purpose.as_str().into(),
            format(now).into(),
            format(token.expires_at).into(),
            link.to_hex().into(),
        ],
    )
}

/// How many emails went to an address since `since` (`sent`): links are
/// emailed a few an hour at most.
pub fn messages_to_since(to: &str, since: Instant) -> Statement {
    Statement::new(
        "SELECT COUNT(*) AS sent FROM outbox WHERE to_address = ?1 AND created_at >= ?2",
        vec![to.into(), format(since).into()],
    )
}

/// The emails sent since `since` to a contact's address, counted like
/// [`messages_to_since`]: the contact found by the read itself.
pub fn messages_to_contact_since(contact: &super::ContactScope, since: Instant) -> Statement {
    Statement::new(
        format!(
            "SELECT COUNT(*) AS sent FROM outbox WHERE created_at >= ?2 \
             AND to_address = (SELECT email FROM contacts WHERE id = {})",
            contact.sql(1)
        ),
        vec![contact.param(), format(since).into()],
    )
}

/// The count of [`messages_to_since`]'s row.
pub fn decode_sent(rows: &[super::Row]) -> Result<i64, DbError> {
    rows.first()
        .ok_or_else(|| DbError::Decode("COUNT gave no row".into()))?
        .integer("sent")
}

/// Ends every link and access token of a removed contact at once.
pub fn delete_tokens_of_contact(contact_id: &str) -> Statement {
    Statement::new(
        "DELETE FROM auth_tokens WHERE contact_id = ?1",
        vec![contact_id.into()],
    )
}

/// Removes tokens that expired before `cutoff`: they can open nothing.
pub fn delete_expired_tokens(cutoff: Instant) -> Statement {
    Statement::new(
        "DELETE FROM auth_tokens WHERE expires_at < ?1",
        vec![format(cutoff).into()],
    )
}

impl<D: Database> Store<D> {
    pub async fn token(&self, hash: SecretHash) -> Result<Option<IssuedToken>, DbError> {
        let Some(row) = self
            .first(Statement::new(
                "SELECT purpose, contact_id, claim_id, expires_at, used_at FROM auth_tokens WHERE token_hash = ?1",
                vec![hash.to_hex().into()],
            ))
            .await?
        else {
            return Ok(None);
        };
        let purpose = row.text("purpose")?;
        Ok(Some(IssuedToken {
            purpose: Purpose::parse(&purpose)
                .ok_or_else(|| DbError::Decode(format!("purpose {purpose}")))?,
            contact_id: row.text("contact_id")?,
            claim_id: row.opt_text("claim_id")?,
            expires_at: row.instant("expires_at")?,
            used_at: row.opt_instant("used_at")?,
        }))
    }
}
