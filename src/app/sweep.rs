//! The cron trigger's safety net, every ten minutes.

use super::{App, AppError, Job};
use crate::domain::time::Instant;
use crate::store::{self, Database};

/// How long a pending message may wait before the sweep assumes its queue
/// message was lost and sends a new one.
const SWEEP_AFTER_MINUTES: i64 = 10;

impl<D: Database> App<D> {
    /// Runs incident timers that are due (so no deadline passes unnoticed
    /// when a queue message is lost), reminds customers whose SUPS coverage
    /// ends within 30 days, re-enqueues emails whose queue message
    /// was lost, marks unpaid orders past their lifetime expired, and clears
    /// tokens that expired a day ago.
    pub async fn sweep(&self, now: Instant, seed: [u8; 32]) -> Result<Vec<Job>, AppError> {
        let mut jobs = self.fire_due_timers(now).await?;
        let mut entropy = crate::domain::entropy::Entropy::new(seed);
        jobs.extend(self.remind_sups(now, &mut entropy).await?);
        let cutoff = now - chrono::Duration::minutes(SWEEP_AFTER_MINUTES);
        let stale = self.store.stale_pending_messages(cutoff, 100).await?;
        self.store
            .write(vec![
                store::expire_orders(now),
                store::delete_expired_tokens(now - chrono::Duration::days(1)),
            ])
            .await?;
        jobs.extend(
            stale
                .into_iter()
                .map(|outbox_id| Job::DeliverEmail { outbox_id }),
        );
        Ok(jobs)
    }
}
