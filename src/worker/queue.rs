//! Jobs onto the queue after their batch commits, and the consumer that runs
//! them. A message carries ids only; the job reads the current state.

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use worker::{
    console_error, console_log, Env, MessageBatch, MessageBuilder, MessageExt,
    QueueRetryOptionsBuilder,
};

use super::{config, mail, now, vies};
use crate::app::{Delivery, Job};

/// The queue of every job, and its dead-letter queue (wrangler.toml).
const JOBS: &str = "JOBS";
const DEAD_LETTER_QUEUE: &str = "spica-portal-jobs-dlq";

/// Sends jobs whose batch has committed. A lost send is not lost work: the
/// cron sweep finds what stayed pending and sends it again.
pub async fn enqueue(env: &Env, jobs: &[Job]) {
    if jobs.is_empty() {
        return;
    }
    let queue = match env.queue(JOBS) {
        Ok(queue) => queue,
        Err(error) => {
            console_error!("no queue binding {JOBS}: {error}");
            return;
        }
    };
    let now = now();
    // A request's jobs go in one call, each with its own delay, 100 a call
    // (the queue's batch limit): a bulletin's emails are one call, not fifty.
    for chunk in jobs.chunks(100) {
        let batch = chunk.iter().map(|job| {
            MessageBuilder::new(job.clone())
                .delay_seconds(job.delay_seconds(now))
                .build()
        });
        if let Err(error) = queue.send_batch(batch).await {
            console_error!("enqueue {chunk:?} failed, the sweep will retry: {error}");
        }
    }
}

async fn send(queue: &worker::Queue, job: &Job, delay_seconds: u32) -> worker::Result<()> {
    let message = MessageBuilder::new(job.clone())
        .delay_seconds(delay_seconds)
        .build();
    queue.send(message).await
}

/// A new message for an email's next attempt, delayed until it is due: the
/// retry schedule lives in the outbox row, not in the queue's retry count.
async fn enqueue_retry(env: &Env, job: &Job, delay_seconds: u32) -> worker::Result<()> {
    send(&env.queue(JOBS)?, job, delay_seconds).await
}

pub async fn consume(batch: MessageBatch<Job>, env: &Env) -> worker::Result<()> {
    let app = config::app(env)?;
    let dead_letters = batch.queue() == DEAD_LETTER_QUEUE;
    let sender = mail::configured(env);
    let schedule = mail::retry_schedule(env);
    let vies = vies::configured(env);
    // Every message read first, as `batch.messages()` would: an unreadable
    // one fails the batch.
    let messages = batch
        .raw_iter()
        .map(|message| match job(&message.body()) {
            Some(job) => Ok((message, job)),
            None => Err(worker::Error::RustError(format!(
                "unreadable message {}",
                message.id()
            ))),
        })
        .collect::<worker::Result<Vec<_>>>()?;
    for (message, job) in &messages {
        let outcome = match job {
            Job::DeliverEmail { outbox_id } if dead_letters => app
                .dead_lettered_email(outbox_id, &schedule, now())
                .await
                .map(|given_up| {
                    console_log!("dead-lettered email {outbox_id}: given up {given_up}");
                    None
                }),
            Job::DeliverEmail { outbox_id } => app
                .deliver_email(outbox_id, sender.as_ref(), &schedule, now())
                .await
                .map(Some),
            // The sweep resumes a bulletin with recipients still pending.
            Job::SendBulletin { .. } if dead_letters => Ok(None),
            Job::SendBulletin { bulletin_id } => match super::seed() {
                Ok(seed) => match app.send_bulletin_batch(bulletin_id, now(), seed).await {
                    Ok(jobs) => {
                        enqueue(env, &jobs).await;
                        Ok(None)
                    }
                    Err(error) => Err(error),
                },
                Err(error) => {
                    console_error!("bulletin {bulletin_id}: {error}");
                    Err(crate::app::AppError::Unavailable(
                        crate::domain::messages::problem_unavailable_randomness,
                    ))
                }
            },
            // The sweep checks numbers still without an answer.
            Job::CheckVat { .. } if dead_letters => Ok(None),
            Job::CheckVat { customer_id } => match super::seed() {
                Ok(seed) => {
                    let mut entropy = crate::domain::entropy::Entropy::new(seed);
                    app.check_vat(customer_id, &vies, now(), &mut entropy)
                        .await
                        .map(|retry| retry.map(Delivery::RetryAfter))
                }
                Err(error) => {
                    console_error!("VAT check of {customer_id}: {error}");
                    Err(crate::app::AppError::Unavailable(
                        crate::domain::messages::problem_unavailable_randomness,
                    ))
                }
            },
            // The cron sweep runs every due timer that is not done.
            Job::IncidentTimer { .. } if dead_letters => Ok(None),
            timer @ Job::IncidentTimer { .. } => run_timer(&app, env, timer).await.map(|_| None),
        };
        match outcome {
            Ok(Some(Delivery::RetryAfter(seconds))) => {
                console_log!("job {:?}: retry in {seconds} s", job);
                // A new delayed message, and this one done. If the send
                // fails, the queue retries this one after the same delay
                // (and the sweep finds the message when it is due anyway).
                match enqueue_retry(env, job, seconds).await {
                    Ok(()) => message.ack(),
                    Err(error) => {
                        console_error!("re-enqueue {:?} failed: {error}", job);
                        message.retry_with_options(
                            &QueueRetryOptionsBuilder::new()
                                .with_delay_seconds(seconds)
                                .build(),
                        );
                    }
                }
            }
            Ok(delivery) => {
                console_log!("job {:?}: {delivery:?}", job);
                message.ack();
            }
            Err(error) => {
                console_error!("job {:?} failed: {error}", job);
                message.retry_with_options(
                    &QueueRetryOptionsBuilder::new()
                        .with_delay_seconds(30)
                        .build(),
                );
            }
        }
    }
    Ok(())
}

/// The job a message carries, read from the object that `MessageBuilder`
/// made of it (serde's form of [`Job`]: `{"kind": "deliver_email",
/// "outbox_id": …}`). Read by hand: serde would buffer the internally tagged
/// enum through its generic `Content`, 8 KB of the gzipped WASM for four
/// kinds.
fn job(body: &JsValue) -> Option<Job> {
    let field = |name: &str| Reflect::get(body, &JsValue::from_str(name)).ok();
    let text = |name: &str| field(name)?.as_string();
    let integer = |name: &str| {
        let number = field(name)?.as_f64()?;
        (number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0).then_some(number as i64)
    };
    Some(match text("kind")?.as_str() {
        "deliver_email" => Job::DeliverEmail {
            outbox_id: text("outbox_id")?,
        },
        "incident_timer" => Job::IncidentTimer {
            incident_id: text("incident_id")?,
            timer: text("timer")?,
            window: integer("window")?,
            attempt: integer("attempt")?,
            due_at: text("due_at")?,
        },
        "send_bulletin" => Job::SendBulletin {
            bulletin_id: text("bulletin_id")?,
        },
        "check_vat" => Job::CheckVat {
            customer_id: text("customer_id")?,
        },
        _ => return None,
    })
}

/// A timer not yet due hops on (a queue delay is at most 12 hours); a due
/// one runs and its emails are enqueued.
async fn run_timer(
    app: &crate::app::App<super::d1::D1>,
    env: &Env,
    job: &Job,
) -> Result<(), crate::app::AppError> {
    let Some((incident_id, scheduled)) = job.timer() else {
        console_error!("unreadable timer {job:?}");
        return Ok(());
    };
    if job.delay_seconds(now()) > 0 {
        enqueue(env, std::slice::from_ref(job)).await;
        return Ok(());
    }
    let jobs = app.fire_timer(incident_id, &scheduled, now()).await?;
    enqueue(env, &jobs).await;
    Ok(())
}
