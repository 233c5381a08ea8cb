//! Invitations of colleagues: offers that reserve nothing until accepted.

use super::customers::CONTACT_COLUMNS;
use super::{ContactRecord, CustomerScope, DbError, Query, Row, Statement};
use crate::domain::email::Email;
use crate::domain::id::{ContactId, CustomerId, InvitationId};
use crate::domain::invitation::Standing;
use crate::domain::language::Language;
use crate::domain::time::{format, Instant};
use crate::domain::token::SecretHash;

/// An invitation, with what its page and the organisation's list show: the
/// organisation's name and whether it is still active, and who invited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRecord {
    pub id: InvitationId,
    pub customer_id: CustomerId,
    pub company_name: String,
    pub invited_by: ContactId,
    pub invited_by_name: String,
    pub name: String,
    pub email: Email,
    pub phone: String,
    pub created_at: Instant,
    pub standing: Standing,
}

const COLUMNS: &str = "i.id, i.customer_id, u.company_name, u.status = 'active' AS organisation_active, \
     i.invited_by, k.name AS invited_by_name, i.name, i.email, i.phone, i.created_at, i.expires_at, \
     i.accepted_at, i.replaced_at, i.withdrawn_at";

impl InvitationRecord {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        Ok(Self {
            id: row.parsed("id", |id| InvitationId::parse(id).ok())?,
            customer_id: row.parsed("customer_id", |id| CustomerId::parse(id).ok())?,
            company_name: row.text("company_name")?,
            invited_by: row.parsed("invited_by", |id| ContactId::parse(id).ok())?,
            invited_by_name: row.text("invited_by_name")?,
            name: row.text("name")?,
            email: row.parsed("email", |e| Email::parse(e).ok())?,
            phone: row.text("phone")?,
            created_at: row.instant("created_at")?,
            standing: Standing {
                expires_at: row.instant("expires_at")?,
                accepted_at: row.opt_instant("accepted_at")?,
                withdrawn_at: row.opt_instant("withdrawn_at")?,
                replaced_at: row.opt_instant("replaced_at")?,
                organisation_active: row.integer("organisation_active")? == 1,
            },
        })
    }
}

/// Invitations chosen by `condition` on `i`, with their organisation and inviter.
fn invitations_where<T>(
    condition: &str,
    params: Vec<super::Value>,
    decode: fn(&[Row]) -> Result<T, DbError>,
) -> Query<T> {
    Query::new(
        Statement::new(
            format!(
                "SELECT {COLUMNS} FROM invitations i JOIN customers u ON u.id = i.customer_id \
                 JOIN contacts k ON k.id = i.invited_by WHERE {condition}"
            ),
            params,
        ),
        decode,
    )
}

/// The invitation an emailed link was sent with, whatever became of it.
pub fn invitation_by_link(link: SecretHash) -> Query<Option<InvitationRecord>> {
    invitations_where(
        "i.token_hash = ?1",
        vec![link.to_hex().into()],
        decode_invitation,
    )
}

/// One of the organisation's invitations.
pub fn invitation_of(
    scope: &CustomerScope,
    invitation_id: &str,
) -> Query<Option<InvitationRecord>> {
    invitations_where(
        &format!("i.id = ?2 AND i.customer_id = {}", scope.sql(1)),
        vec![scope.param(), invitation_id.into()],
        decode_invitation,
    )
}

/// The organisation's invitations still waited on (neither accepted,
/// withdrawn nor replaced; perhaps expired), oldest first.
pub fn waiting_invitations_in(scope: &CustomerScope) -> Query<Vec<InvitationRecord>> {
    invitations_where(
        &format!(
            "i.customer_id = {} AND i.accepted_at IS NULL AND i.replaced_at IS NULL \
             AND i.withdrawn_at IS NULL ORDER BY i.created_at, i.id LIMIT 200",
            scope.sql(1)
        ),
        vec![scope.param()],
        |rows| rows.iter().map(InvitationRecord::from_row).collect(),
    )
}

fn decode_invitation(rows: &[Row]) -> Result<Option<InvitationRecord>, DbError> {
    rows.first().map(InvitationRecord::from_row).transpose()
}

/// The contact, if any, that holds the address an invitation was sent to:
/// read with the invitation, so that its page can say so before anyone
/// presses the button.
pub fn contact_holding_invited_address(link: SecretHash) -> Query<Option<ContactRecord>> {
    Query::new(
        Statement::new(
            format!(
                "SELECT {CONTACT_COLUMNS} FROM contacts WHERE status <> 'removed' \
                 AND email = (SELECT email FROM invitations WHERE token_hash = ?1)"
            ),
            vec![link.to_hex().into()],
        ),
        super::customers::decode_contact,
    )
}

/// A new invitation, as the use case writes it.
pub struct NewInvitation<'a> {
    pub id: &'a str,
    pub customer_id: &'a str,
    pub invited_by: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub link: SecretHash,
    pub expires_at: Instant,
}

/// Writes an invitation after [`replace_open_invitations`] of the same
/// address. Only an active contact of an active organisation invites: for
/// anyone else `invited_by` is NULL, and its NOT NULL constraint fails the
/// whole batch (the email with it), so an invitation by a contact removed
/// meanwhile sends nothing.
pub fn insert_invitation(invitation: &NewInvitation<'_>, now: Instant) -> Vec<Statement> {
    vec![
        Statement::new(
            "UPDATE invitations SET replaced_at = ?3 WHERE customer_id = ?1 AND email = ?2 \
             AND accepted_at IS NULL AND replaced_at IS NULL AND withdrawn_at IS NULL",
            vec![
                invitation.customer_id.into(),
                invitation.email.into(),
                format(now).into(),
            ],
        ),
        Statement::new(
            "INSERT INTO invitations (id, customer_id, invited_by, name, email, phone, token_hash, created_at, expires_at) \
             VALUES (?1, ?2, (SELECT k.id FROM contacts k JOIN customers u ON u.id = k.customer_id \
               WHERE k.id = ?3 AND k.customer_id = ?2 AND k.status = 'active' AND u.status = 'active'), \
             ?4, ?5, ?6, ?7, ?8, ?9)",
            vec![
                invitation.id.into(),
                invitation.customer_id.into(),
                invitation.invited_by.into(),
                invitation.name.into(),
                invitation.email.into(),
                invitation.phone.into(),
                invitation.link.to_hex().into(),
                format(now).into(),
                format(invitation.expires_at).into(),
            ],
        ),
    ]
}

/// Whether a batch failed because the inviter may no longer invite.
pub fn is_inviter_gone(error: &DbError) -> bool {
    error.is_constraint("invitations.invited_by")
}

/// A colleague withdraws an invitation still waited on.
pub fn withdraw_invitation(
    invitation_id: &str,
    customer_id: &str,
    by: &str,
    now: Instant,
) -> Statement {
    Statement::new(
        "UPDATE invitations SET withdrawn_at = ?3, withdrawn_by = ?4 \
         WHERE id = ?1 AND customer_id = ?2 \
         AND accepted_at IS NULL AND replaced_at IS NULL AND withdrawn_at IS NULL",
        vec![
            invitation_id.into(),
            customer_id.into(),
            format(now).into(),
            by.into(),
        ],
    )
}

/// Accepting an invitation, the first statements of its batch: the new
/// active contact, written from the invitation only while it is open (not
/// accepted, withdrawn, replaced or expired, its organisation active), and
/// the invitation marked accepted by it. The address's UNIQUE index among
/// contacts not removed fails the batch if the address became someone's
/// contact meanwhile; of two acceptances of one link only the first writes
/// a contact (the first statement's change count tells).
pub fn accept_invitation(
    link: SecretHash,
    contact_id: &str,
    language: Language,
    now: Instant,
) -> Vec<Statement> {
    vec![
        Statement::new(
            "INSERT INTO contacts (id, customer_id, status, name, email, phone, newsletter, invited_by, created_at, verified_at, language) \
             SELECT ?2, i.customer_id, 'active', i.name, i.email, i.phone, 0, i.invited_by, ?3, ?3, ?4 \
             FROM invitations i JOIN customers u ON u.id = i.customer_id AND u.status = 'active' \
             WHERE i.token_hash = ?1 AND i.accepted_at IS NULL AND i.replaced_at IS NULL \
             AND i.withdrawn_at IS NULL AND i.expires_at > ?3",
            vec![
                link.to_hex().into(),
                contact_id.into(),
                format(now).into(),
                language.as_str().into(),
            ],
        ),
        Statement::new(
            "UPDATE invitations SET accepted_at = ?3, contact_id = ?2 \
             WHERE token_hash = ?1 AND accepted_at IS NULL \
             AND EXISTS (SELECT 1 FROM contacts WHERE id = ?2)",
            vec![
                link.to_hex().into(),
                contact_id.into(),
                format(now).into(),
            ],
        ),
    ]
}

/// An access token for the contact an acceptance wrote earlier in the
/// batch (none when it wrote none).
pub fn issue_access_to_new_contact(
    access: SecretHash,
    contact_id: &str,
    now: Instant,
    expires_at: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO auth_tokens (token_hash, purpose, contact_id, created_at, expires_at) \
         SELECT ?1, 'access', id, ?3, ?4 FROM contacts WHERE id = ?2",
        vec![
            access.to_hex().into(),
            contact_id.into(),
            format(now).into(),
            format(expires_at).into(),
        ],
    )
}

/// A browser session for the contact an acceptance wrote earlier in the
/// batch (none when it wrote none).
pub fn open_session_for_new_contact(
    session: SecretHash,
    contact_id: &str,
    now: Instant,
    expires_at: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO browser_sessions (id_hash, kind, subject_id, created_at, expires_at) \
         SELECT ?1, 'customer', id, ?3, ?4 FROM contacts WHERE id = ?2",
        vec![
            session.to_hex().into(),
            contact_id.into(),
            format(now).into(),
            format(expires_at).into(),
        ],
    )
}

/// Removes invitations that expired before `cutoff`: their links open
/// nothing (an accepted one's contact keeps who invited them).
pub fn delete_expired_invitations(cutoff: Instant) -> Statement {
    Statement::new(
        "DELETE FROM invitations WHERE expires_at < ?1",
        vec![format(cutoff).into()],
    )
}
