//! Staff members, browser sessions and the audit log.

use super::{Database, DbError, Query, Row, Statement, Store};
use crate::domain::language::Language;
use crate::domain::staff::StaffRole;
use crate::domain::time::{format, Instant};
use crate::domain::token::{Purpose, SecretHash};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMemberRecord {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    pub created_at: Instant,
    pub deactivated_at: Option<Instant>,
    /// Their own language; `None` follows the browser.
    pub language: Option<Language>,
}

impl StaffMemberRecord {
    pub(super) fn from_row(row: &Row) -> Result<Self, DbError> {
        let role = row.text("role")?;
        Ok(Self {
            id: row.text("id")?,
            email: row.text("email")?,
            name: row.text("name")?,
            role: StaffRole::parse(&role)
                .map_err(|_| DbError::Decode(format!("unknown staff role {role}")))?,
            created_at: row.instant("created_at")?,
            deactivated_at: row.opt_instant("deactivated_at")?,
            language: match row.opt_text("language")? {
                None => None,
                Some(code) => Some(
                    Language::parse(&code)
                        .map_err(|_| DbError::Decode(format!("unknown language {code}")))?,
                ),
            },
        })
    }
}

pub(super) const MEMBER_COLUMNS: &str =
    "id, email, name, role, created_at, deactivated_at, language";

pub fn insert_staff_member(
    id: &str,
    email: &str,
    name: &str,
    role: StaffRole,
    language: Option<Language>,
    now: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO staff_members (id, email, name, role, created_at, updated_at, language) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        vec![
            id.into(),
            email.into(),
            name.into(),
            role.as_str().into(),
            format(now).into(),
            language.map(Language::as_str).into(),
        ],
    )
}

/// Changes a member's name, role and language, and deactivates or
/// reactivates them.
pub fn update_staff_member(
    id: &str,
    name: &str,
    role: StaffRole,
    active: bool,
    language: Option<Language>,
    now: Instant,
) -> Statement {
    Statement::new(
        "UPDATE staff_members SET name = ?2, role = ?3, updated_at = ?4, language = ?6, \
         deactivated_at = CASE WHEN ?5 THEN NULL ELSE COALESCE(deactivated_at, ?4) END WHERE id = ?1",
        vec![
            id.into(),
            name.into(),
            role.as_str().into(),
            format(now).into(),
            active.into(),
            language.map(Language::as_str).into(),
        ],
    )
}

/// What a browser session is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Customer,
    Staff,
    Partner,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Staff => "staff",
            Self::Partner => "partner",
        }
    }
}

pub fn insert_browser_session(
    hash: SecretHash,
    kind: SessionKind,
    subject_id: &str,
    now: Instant,
    expires_at: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO browser_sessions (id_hash, kind, subject_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        vec![
            hash.to_hex().into(),
            kind.as_str().into(),
            subject_id.into(),
            format(now).into(),
            format(expires_at).into(),
        ],
    )
}

/// Opens a customer's browser session from an emailed sign-in link in one
/// statement, only while the link is unused; the same
/// batch spends the link after it, so of two racing uses of one link only
/// the first opens a session.
pub fn exchange_link_for_session(
    link: SecretHash,
    purpose: Purpose,
    session: SecretHash,
    now: Instant,
    expires_at: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO browser_sessions (id_hash, kind, subject_id, created_at, expires_at) \
         SELECT ?1, 'customer', contact_id, ?2, ?3 FROM auth_tokens \
         WHERE token_hash = ?4 AND purpose = ?5 AND used_at IS NULL AND expires_at > ?2",
        vec![
            session.to_hex().into(),
            format(now).into(),
            format(expires_at).into(),
            link.to_hex().into(),
            purpose.as_str().into(),
        ],
    )
}

pub fn revoke_browser_session(hash: SecretHash, now: Instant) -> Statement {
    Statement::new(
        "UPDATE browser_sessions SET revoked_at = ?2 WHERE id_hash = ?1 AND revoked_at IS NULL",
        vec![hash.to_hex().into(), format(now).into()],
    )
}

/// Forgets sessions that ended before `cutoff`.
pub fn delete_expired_sessions(cutoff: Instant) -> Statement {
    Statement::new(
        "DELETE FROM browser_sessions WHERE expires_at < ?1",
        vec![format(cutoff).into()],
    )
}

/// One audit row: who did what to which target, with the request's
/// essentials. Keyed by the request's id, so a request that writes in two
/// batches is recorded once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: String,
    pub actor_kind: String,
    pub actor_id: String,
    pub actor_name: String,
    pub role: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub created_at: Instant,
}

impl AuditEntry {
    pub(super) fn from_row(row: &Row) -> Result<Self, DbError> {
        Ok(Self {
            id: row.text("id")?,
            actor_kind: row.text("actor_kind")?,
            actor_id: row.text("actor_id")?,
            actor_name: row.text("actor_name")?,
            role: row.text("role")?,
            action: row.text("action")?,
            target: row.text("target")?,
            detail: row.text("detail")?,
            created_at: row.instant("created_at")?,
        })
    }

    pub fn insert(&self) -> Statement {
        Statement::new(
            "INSERT INTO audit_log (id, actor_kind, actor_id, actor_name, role, action, target, detail, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO NOTHING",
            vec![
                self.id.as_str().into(),
                self.actor_kind.as_str().into(),
                self.actor_id.as_str().into(),
                self.actor_name.as_str().into(),
                self.role.as_str().into(),
                self.action.as_str().into(),
                self.target.as_str().into(),
                self.detail.as_str().into(),
                format(self.created_at).into(),
            ],
        )
    }
}

impl<D: Database> Store<D> {
    pub async fn staff_member(&self, id: &str) -> Result<Option<StaffMemberRecord>, DbError> {
        self.fetch(staff_member(id)).await
    }
}

/// One staff member, by id.
pub fn staff_member(id: &str) -> Query<Option<StaffMemberRecord>> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM staff_members WHERE id = ?1");
    Query::new(Statement::new(sql, vec![id.into()]), |rows| {
        rows.first().map(StaffMemberRecord::from_row).transpose()
    })
}

/// Every staff member, by email.
pub fn staff_members() -> Query<Vec<StaffMemberRecord>> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM staff_members ORDER BY email");
    Query::new(Statement::new(sql, vec![]), |rows| {
        rows.iter().map(StaffMemberRecord::from_row).collect()
    })
}

/// The newest audit entries, filtered by target and actor when given.
pub fn audit_entries(
    target: Option<&str>,
    actor: Option<&str>,
    limit: i64,
) -> Query<Vec<AuditEntry>> {
    Query::new(
        Statement::new(
            "SELECT id, actor_kind, actor_id, actor_name, role, action, target, detail, created_at \
             FROM audit_log WHERE (?1 IS NULL OR ' ' || target || ' ' LIKE '% ' || ?1 || ' %') \
             AND (?2 IS NULL OR actor_id = ?2 OR actor_name = ?2) ORDER BY created_at DESC, id LIMIT ?3",
            vec![target.into(), actor.into(), limit.into()],
        ),
        |rows| rows.iter().map(AuditEntry::from_row).collect(),
    )
}
