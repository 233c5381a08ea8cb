//! The cron trigger: the safety net for work whose queue message was lost.

use worker::{console_error, console_log, Env};

use super::{config, now, queue};

pub async fn sweep(env: &Env) {
    let app = match config::app(env) {
        Ok(app) => app,
        Err(error) => return console_error!("cron: {error}"),
    };
    let seed = match super::seed() {
        Ok(seed) => seed,
        Err(error) => return console_error!("cron: {error}"),
    };
    match app.sweep(now(), seed).await {
        Ok(jobs) => {
            console_log!("cron: {} job(s) re-enqueued", jobs.len());
            queue::enqueue(env, &jobs).await;
        }
        Err(error) => console_error!("cron sweep failed: {error}"),
    }
}
