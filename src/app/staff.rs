//! The staff list (admins keep it) and the audit log.

use super::{App, AppError, Caller, StaffIdentity};
use crate::app::AccessError;
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::language::Language;
use crate::domain::staff::StaffRole;
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{self, AuditEntry, Database, StaffMemberRecord};

/// A change to a member: each field only when given.
#[derive(Debug, Default)]
pub struct MemberChange {
    pub name: Option<Text>,
    pub role: Option<StaffRole>,
    pub active: Option<bool>,
    /// `Some(None)` clears it: the member's pages follow the browser.
    pub language: Option<Option<Language>>,
}

impl<D: Database> App<D> {
    /// Adds a staff member of a role, with their own language or none,
    /// who can then sign in through Access with this address. An address already on the list is 409. Answered from what
    /// was written.
    pub async fn add_staff_member(
        &self,
        caller: &Caller,
        email: &Email,
        name: &Text,
        (role, language): (StaffRole, Option<Language>),
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<StaffMemberRecord, AppError> {
        self.identify(caller).await?;
        let member = StaffMemberRecord {
            id: entropy.id("stf"),
            email: email.as_str().to_owned(),
            name: name.as_str().to_owned(),
            role,
            created_at: now,
            deactivated_at: None,
            language,
        };
        match self
            .store
            .write(vec![store::insert_staff_member(
                &member.id,
                &member.email,
                &member.name,
                role,
                language,
                now,
            )])
            .await
        {
            Err(error) if error.is_unique_violation("staff_members.email") => {
                Err(AppError::Access(AccessError::EmailTaken))
            }
            Err(error) => Err(error.into()),
            Ok(_) => Ok(member),
        }
    }

    /// The staff list, read with who asks in one round trip.
    pub async fn staff_members(&self, caller: &Caller) -> Result<Vec<StaffMemberRecord>, AppError> {
        Ok(self.staff_list(caller).await?.1)
    }

    /// The staff list with who asks (the desk's page speaks their language).
    pub async fn staff_list(
        &self,
        caller: &Caller,
    ) -> Result<(StaffIdentity, Vec<StaffMemberRecord>), AppError> {
        let (principal, members) = self.read_as(caller, store::staff_members()).await?;
        Ok((principal.staff()?, members))
    }

    /// Renames a member, changes their role or language, or (de)activates them: a
    /// deactivated member's Access assertions are refused from the next
    /// request on. The member is read with who asks, and the answer is
    /// the member as written.
    pub async fn change_staff_member(
        &self,
        caller: &Caller,
        id: &str,
        change: MemberChange,
        now: Instant,
    ) -> Result<StaffMemberRecord, AppError> {
        let (_, member) = self.read_as(caller, store::staff_member(id)).await?;
        let member = member.ok_or(AppError::NotFound)?;
        let active = change.active.unwrap_or(member.deactivated_at.is_none());
        let changed = StaffMemberRecord {
            name: change
                .name
                .map_or(member.name, |name| name.as_str().to_owned()),
            role: change.role.unwrap_or(member.role),
            language: change.language.unwrap_or(member.language),
            deactivated_at: if active {
                None
            } else {
                member.deactivated_at.or(Some(now))
            },
            ..member
        };
        self.store
            .write(vec![store::update_staff_member(
                id,
                &changed.name,
                changed.role,
                active,
                changed.language,
                now,
            )])
            .await?;
        Ok(changed)
    }

    /// The audit log, read with who asks in one round trip.
    pub async fn audit_log(
        &self,
        caller: &Caller,
        target: Option<&str>,
        actor: Option<&str>,
        limit: i64,
    ) -> Result<(StaffIdentity, Vec<AuditEntry>), AppError> {
        let (principal, entries) = self
            .read_as(caller, store::audit_entries(target, actor, limit))
            .await?;
        Ok((principal.staff()?, entries))
    }
}
