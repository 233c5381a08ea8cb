//! The cron trigger's safety net, every ten minutes.

use super::{App, AppError, Job};
use crate::domain::time::Instant;
use crate::store::{self, Database};

impl<D: Database> App<D> {
    /// Runs incident timers that are due (so no deadline passes unnoticed
    /// when a queue message is lost), reminds customers whose SUPS coverage
    /// ends within 30 days, re-enqueues emails that are due (their next
    /// attempt's time has come, so its queue message may have been lost) or
    /// whose sender stopped mid-send (its claim's lease ran out), marks
    /// unpaid orders past their lifetime expired, and removes personal data
    /// past their retention period (expired tokens among them). Bulletins
    /// with recipients still pending are resumed (a run's queue message may
    /// have been lost). VAT numbers still without a definite VIES answer
    /// an hour on are checked again.
    pub async fn sweep(&self, now: Instant, seed: [u8; 32]) -> Result<Vec<Job>, AppError> {
        // Read first, so that the emails written below are enqueued once.
        let due = self.store.due_messages(now, 100).await?;
        let mut jobs = self.fire_due_timers(now).await?;
        let mut entropy = crate::domain::entropy::Entropy::new(seed);
        jobs.extend(self.remind_sups(now, &mut entropy).await?);
        self.store.write(vec![store::expire_orders(now)]).await?;
        self.sweep_retention(now).await?;
        jobs.extend(
            self.store
                .unfinished_bulletins(10)
                .await?
                .into_iter()
                .map(|bulletin_id| Job::SendBulletin { bulletin_id }),
        );
        jobs.extend(self.unchecked_vat_numbers(now).await?);
        jobs.extend(
            due.into_iter()
                .map(|outbox_id| Job::DeliverEmail { outbox_id }),
        );
        Ok(jobs)
    }
}
