//! Tokens by their SHA-256: verification links, sign-in links, access tokens.

use super::{Database, DbError, Query, Row, Statement, Store};
use crate::domain::email::Email;
use crate::domain::notification::{LinkKind, LINKS_PER_HOUR, LINK_WINDOW};
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

/// When links of `kind` to `address` were asked for in the hour before
/// `now`.
pub fn link_requests_to(address: &Email, kind: LinkKind, now: Instant) -> Query<Vec<Instant>> {
    Query::new(
        Statement::new(
            "SELECT requested_at FROM link_requests WHERE address = ?1 AND kind = ?2 AND requested_at > ?3",
            vec![
                address.as_str().into(),
                kind.as_str().into(),
                format(now - LINK_WINDOW).into(),
            ],
        ),
        decode_link_requests,
    )
}

/// [`link_requests_to`] the address of a contact, found by the read itself.
pub fn link_requests_to_contact(
    contact: &super::ContactScope,
    kind: LinkKind,
    now: Instant,
) -> Query<Vec<Instant>> {
    Query::new(
        Statement::new(
            format!(
                "SELECT requested_at FROM link_requests WHERE kind = ?2 AND requested_at > ?3 \
                 AND address = (SELECT email FROM contacts WHERE id = {})",
                contact.sql(1)
            ),
            vec![
                contact.param(),
                kind.as_str().into(),
                format(now - LINK_WINDOW).into(),
            ],
        ),
        decode_link_requests,
    )
}

fn decode_link_requests(rows: &[Row]) -> Result<Vec<Instant>, DbError> {
    rows.iter().map(|row| row.instant("requested_at")).collect()
}

/// Records a request for a link of `kind` to `address`, counted among the
/// address's requests of that kind in the hour inside the statement: one
/// beyond [`LINKS_PER_HOUR`] fails the `link_quota` CHECK and its whole
/// batch (with the link's token and email), however many requests raced
/// ([`is_link_quota_full`]).
pub fn record_link_request(id: &str, address: &Email, kind: LinkKind, now: Instant) -> Statement {
    Statement::new(
        "INSERT INTO link_requests (id, address, kind, requested_at, number, quota) \
         SELECT ?1, ?2, ?3, ?4, COUNT(*) + 1, ?6 FROM link_requests \
         WHERE address = ?2 AND kind = ?3 AND requested_at > ?5",
        vec![
            id.into(),
            address.as_str().into(),
            kind.as_str().into(),
            format(now).into(),
            format(now - LINK_WINDOW).into(),
            LINKS_PER_HOUR.into(),
        ],
    )
}

/// Whether a batch failed because [`record_link_request`] found the quota
/// full.
pub fn is_link_quota_full(error: &DbError) -> bool {
    error.is_constraint("link_quota")
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
        self.fetch(Query::new(
            Statement::new(
                "SELECT purpose, contact_id, claim_id, expires_at, used_at FROM auth_tokens WHERE token_hash = ?1",
                vec![hash.to_hex().into()],
            ),
            |rows| {
                rows.first()
                    .map(|row| {
                        let purpose = row.text("purpose")?;
                        Ok(IssuedToken {
                            purpose: Purpose::parse(&purpose)
                                .ok_or_else(|| DbError::Decode(format!("purpose {purpose}")))?,
                            contact_id: row.text("contact_id")?,
                            claim_id: row.opt_text("claim_id")?,
                            expires_at: row.instant("expires_at")?,
                            used_at: row.opt_instant("used_at")?,
                        })
                    })
                    .transpose()
            },
        ))
        .await
    }
}
