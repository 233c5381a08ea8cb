//! The staff list (admins keep it) and the audit log.

use super::{App, AppError, Caller, StaffIdentity};
use crate::app::AccessError;
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
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
}

impl<D: Database> App<D> {
    /// Adds a staff member, who can then sign in through Access with this
    /// address. An address already on the list is 409.
    pub async fn add_staff_member(
        &self,
        email: &Email,
        name: &Text,
        role: StaffRole,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<StaffMemberRecord, AppError> {
        let id = entropy.id("stf");
        match self
            .store
            .write(vec![store::insert_staff_member(
                &id,
                email.as_str(),
                name.as_str(),
                role,
                now,
            )])
            .await
        {
            Err(error) if error.is_unique_violation("staff_members.email") => {
                return Err(AppError::Access(AccessError::EmailTaken))
            }
            other => other?,
        };
        self.store
            .staff_member(&id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The staff list, read with who asks in one round trip.
    pub async fn staff_members(&self, caller: &Caller) -> Result<Vec<StaffMemberRecord>, AppError> {
        let (_, rows) = self.read_as(caller, vec![store::staff_members()]).await?;
        Ok(store::decode_staff_members(&rows[0])?)
    }

    /// Renames a member, changes their role, or (de)activates them: a
    /// deactivated member's Access assertions are refused from the next
    /// request on.
    pub async fn change_staff_member(
        &self,
        id: &str,
        change: MemberChange,
        now: Instant,
    ) -> Result<StaffMemberRecord, AppError> {
        let member = self
            .store
            .staff_member(id)
            .await?
            .ok_or(AppError::NotFound)?;
        let name = change
            .name
            .as_ref()
            .map_or(member.name.as_str(), Text::as_str);
        let role = change.role.unwrap_or(member.role);
        let active = change.active.unwrap_or(member.deactivated_at.is_none());
        self.store
            .write(vec![store::update_staff_member(
                id, name, role, active, now,
            )])
            .await?;
        self.store.staff_member(id).await?.ok_or(AppError::NotFound)
    }

    /// The audit log, read with who asks in one round trip.
    pub async fn audit_log(
        &self,
        caller: &Caller,
        target: Option<&str>,
        actor: Option<&str>,
        limit: i64,
    ) -> Result<(StaffIdentity, Vec<AuditEntry>), AppError> {
        let (principal, rows) = self
            .read_as(caller, vec![store::audit_entries(target, actor, limit)])
            .await?;
        Ok((principal.staff()?, store::decode_audit_entries(&rows[0])?))
    }
}
