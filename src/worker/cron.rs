//! The cron trigger: the safety net for work whose queue message was lost.

use worker::{console_error, console_log, Env};

use super::{config, now, queue};
use crate::domain::entropy::Entropy;
use crate::store::CronRun;

pub async fn sweep(env: &Env) {
    let app = match config::app(env) {
        Ok(app) => app,
        Err(error) => return console_error!("cron: {error}"),
    };
    let seed = match super::seed() {
        Ok(seed) => seed,
        Err(error) => return console_error!("cron: {error}"),
    };
    let started_at = now();
    let (jobs, error) = match app.sweep(started_at, seed).await {
        Ok(jobs) => {
            console_log!("cron: {} job(s) re-enqueued", jobs.len());
            queue::enqueue(env, &jobs).await;
            (jobs.len(), None)
        }
        Err(error) => {
            console_error!("cron sweep failed: {error}");
            (0, Some(error.to_string()))
        }
    };
    let run = CronRun {
        started_at,
        finished_at: now(),
        jobs: i64::try_from(jobs).unwrap_or(i64::MAX),
        error,
    };
    // Another stream than the sweep's own.
    let mut entropy = Entropy::new(seed.map(|b| b ^ 0x5a));
    if let Err(error) = app.record_cron_run(&run, &mut entropy).await {
        console_error!("cron: the run was not recorded: {error}");
    }
}
