//! Operating the portal: the desk's health page (work waiting for the
//! queue, emails in trouble, missed deadlines, the cron sweep's last run)
//! and settling an email that failed or whose delivery is unknown.

use super::{App, AppError, Caller, Job, OperationsError, StaffIdentity};
use crate::domain::entropy::Entropy;
use crate::domain::time::{week_start_in_ljubljana, Instant};
use crate::store::{self, Backlog, Breach, CronRun, Database, TroubledEmail};

/// Emails in trouble shown at most, newest first.
const TROUBLED_SHOWN: i64 = 100;

/// Whether this batch settled the email: a racing colleague's may have.
fn settled_here(changed: &[u64]) -> Result<(), AppError> {
    if changed.first() == Some(&1) {
        Ok(())
    } else {
        Err(OperationsError::EmailSettled.into())
    }
}

/// How long the cron sweep's runs are kept.
pub const CRON_RUNS_KEPT: chrono::Duration = chrono::Duration::days(7);

/// What the health page shows.
#[derive(Debug, Clone)]
pub struct Health {
    pub backlog: Backlog,
    pub troubled: Vec<TroubledEmail>,
    /// Since Monday 00:00 in Ljubljana.
    pub breaches: Vec<Breach>,
    pub week_start: Instant,
    pub last_cron_run: Option<CronRun>,
}

impl<D: Database> App<D> {
    /// The health of the portal, read with the caller in one batch.
    pub async fn health(
        &self,
        caller: &Caller,
        now: Instant,
    ) -> Result<(StaffIdentity, Health), AppError> {
        let week_start = week_start_in_ljubljana(now);
        let (principal, (backlog, troubled, breaches, last_cron_run)) = self
            .read_as(
                caller,
                (
                    store::backlog(now),
                    store::troubled_emails(TROUBLED_SHOWN),
                    store::breaches_since(week_start),
                    store::last_cron_run(),
                ),
            )
            .await?;
        let staff = principal.staff()?;
        let health = Health {
            backlog,
            troubled,
            breaches,
            week_start,
            last_cron_run,
        };
        Ok((staff, health))
    }

    /// Closes an email in trouble: staff have looked and nothing is to be
    /// sent (the person was told otherwise, or it arrived after all).
    pub async fn close_email(
        &self,
        caller: &Caller,
        outbox_id: &str,
        now: Instant,
    ) -> Result<(), AppError> {
        let staff = self.unsettled_email(caller, outbox_id, false).await?;
        let changed = self
            .store
            .write(vec![store::close_email(outbox_id, &staff.id, now)])
            .await?;
        settled_here(&changed)
    }

    /// Sends an email in trouble again, as a new message with its kept
    /// text; the old one is settled and points to it. Returns the new
    /// message's delivery job. A link email is never resent: its link was
    /// taken out once it failed, and has expired since.
    pub async fn resend_email(
        &self,
        caller: &Caller,
        outbox_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Vec<Job>, AppError> {
        let staff = self.unsettled_email(caller, outbox_id, true).await?;
        let new_id = entropy.id("msg");
        let changed = self
            .store
            .write(store::resend_email(outbox_id, &new_id, &staff.id, now))
            .await?;
        settled_here(&changed)?;
        Ok(vec![Job::DeliverEmail { outbox_id: new_id }])
    }

    /// The staff member, once the email is known to be in trouble and not
    /// settled (and, to be resent, no link email), read in one batch.
    async fn unsettled_email(
        &self,
        caller: &Caller,
        outbox_id: &str,
        resend: bool,
    ) -> Result<StaffIdentity, AppError> {
        let (principal, email) = self
            .read_as(caller, store::troubled_email(outbox_id))
            .await?;
        let staff = principal.staff()?;
        match email {
            None => Err(AppError::NotFound),
            Some((_, true)) => Err(OperationsError::EmailSettled.into()),
            Some((email, false)) if resend && !email.resendable() => {
                Err(OperationsError::LinkEmailNotResent.into())
            }
            Some(_) => Ok(staff),
        }
    }

    /// Records a run of the cron sweep, for the health page.
    pub async fn record_cron_run(
        &self,
        run: &CronRun,
        entropy: &mut Entropy,
    ) -> Result<(), AppError> {
        self.store
            .write(vec![
                store::record_cron_run(&entropy.id("crn"), run),
                store::forget_cron_runs(run.started_at - CRON_RUNS_KEPT),
            ])
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app, entropy, now, run, staff_member};

    fn run_at(minutes: i64, jobs: i64) -> CronRun {
        let started_at = now() + chrono::Duration::minutes(minutes);
        CronRun {
            started_at,
            finished_at: started_at + chrono::Duration::seconds(2),
            jobs,
            error: None,
        }
    }

    #[test]
    fn the_health_page_shows_the_last_cron_run_and_a_week_of_runs_is_kept() {
        let app = app();
        let (_, health) = run(app.health(&staff_member(), now())).unwrap();
        assert_eq!(health.last_cron_run, None);
        run(app.record_cron_run(&run_at(0, 3), &mut entropy(1))).unwrap();
        run(app.record_cron_run(&run_at(10, 0), &mut entropy(2))).unwrap();
        let (_, health) = run(app.health(&staff_member(), now())).unwrap();
        assert_eq!(health.last_cron_run, Some(run_at(10, 0)));
        let week = CRON_RUNS_KEPT.num_minutes();
        run(app.record_cron_run(&run_at(week + 5, 1), &mut entropy(3))).unwrap();
        let kept = run(app.store.query(crate::store::Statement::new(
            "SELECT COUNT(*) AS n FROM cron_runs",
            vec![],
        )))
        .unwrap()[0]
            .integer("n")
            .unwrap();
        assert_eq!(kept, 2, "the run of a week ago is forgotten");
    }
}
