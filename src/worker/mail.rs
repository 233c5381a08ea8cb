//! Email senders: an HTTP email API configured by secrets, or the Workers
//! `send_email` binding. With neither, messages stay in the outbox.

use worker::{Env, Fetch};

use super::config::setting;
use crate::app::{EmailRequest, MailSender, SendFailure};
use crate::domain::notification::RetrySchedule;

pub enum Sender {
    /// `POST {EMAIL_API_BASE}/emails` with `Authorization: Bearer EMAIL_API_KEY`.
    HttpApi {
        base: String,
        key: String,
        from: String,
    },
    /// The `EMAIL` send_email binding.
    Binding {
        binding: worker::SendEmail,
        from: String,
    },
}

/// The sender this Worker is configured with, if any.
pub fn configured(env: &Env) -> Option<Sender> {
    // Required (config::REQUIRED_SETTINGS): the app is not built without it.
    let from = setting(env, "EMAIL_FROM")?;
    if let Some(key) = setting(env, "EMAIL_API_KEY") {
        let base =
            setting(env, "EMAIL_API_BASE").unwrap_or_else(|| "https://api.resend.com".into());
        return Some(Sender::HttpApi {
            base: base.trim_end_matches('/').to_owned(),
            key,
            from,
        });
    }
    env.send_email("EMAIL")
        .ok()
        .map(|binding| Sender::Binding { binding, from })
}

/// The retry schedule of emails; `EMAIL_RETRY_FIRST_SECONDS` (1 to 3600)
/// shortens its first wait for tests, the rest stays (doubling, at most an
/// hour, for three days).
pub fn retry_schedule(env: &Env) -> RetrySchedule {
    setting(env, "EMAIL_RETRY_FIRST_SECONDS")
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|s| (1..=3600).contains(s))
        .map_or_else(RetrySchedule::default, |seconds| {
            RetrySchedule::with_first_delay(chrono::Duration::seconds(seconds))
        })
}

fn retryable(reason: String) -> SendFailure {
    SendFailure {
        retryable: true,
        reason,
    }
}

impl MailSender for Sender {
    /// The HTTP API drops a repeated `Idempotency-Key` (Resend keeps keys for
    /// 24 hours); the `send_email` binding has no such key.
    fn drops_repeats(&self) -> bool {
        matches!(self, Self::HttpApi { .. })
    }

    async fn send(&self, email: &EmailRequest) -> Result<String, SendFailure> {
        let sent = self.send_once(email).await;
        if let Err(failure) = &sent {
            worker::console_error!("email {}: {}", email.idempotency_key, failure.reason);
        }
        sent
    }
}

impl Sender {
    async fn send_once(&self, email: &EmailRequest) -> Result<String, SendFailure> {
        match self {
            Self::HttpApi { base, key, from } => {
                let request = super::fetch::request(
                    "POST",
                    &format!("{base}/emails"),
                    &[
                        ("authorization", &format!("Bearer {key}")),
                        ("content-type", "application/json"),
                        ("idempotency-key", &email.idempotency_key),
                    ],
                    &email.api_body(from).to_string(),
                )
                .map_err(|e| retryable(e.to_string()))?;
                let mut response = Fetch::Request(request)
                    .send()
                    .await
                    .map_err(|e| retryable(e.to_string()))?;
                let status = response.status_code();
                let text = response.text().await.unwrap_or_default();
                match status {
                    200..=299 => Ok(serde_json::from_str::<serde_json::Value>(&text)
                        .ok()
                        .and_then(|body| {
                            body.get("id").and_then(|id| id.as_str()).map(str::to_owned)
                        })
                        .unwrap_or_default()),
                    408 | 409 | 429 | 500..=599 => {
                        Err(retryable(format!("email API answered {status}")))
                    }
                    _ => Err(SendFailure {
                        retryable: false,
                        reason: format!("email API refused the message: {status}"),
                    }),
                }
            }
            Self::Binding { binding, from } => {
                let mut builder =
                    worker::SendEmailBuilder::builder(from, &email.to, &email.subject)
                        .text(&email.text);
                if let Some(html) = &email.html {
                    builder = builder.html(html);
                }
                if !email.headers.is_empty() {
                    let headers = js_sys::Object::new();
                    for (name, value) in &email.headers {
                        js_sys::Reflect::set(&headers, &name.into(), &value.into())
                            .map_err(|e| retryable(format!("{e:?}")))?;
                    }
                    builder = builder.headers(wasm_bindgen::JsCast::unchecked_ref(&headers));
                }
                if let Some(reply_to) = &email.reply_to {
                    builder = builder.reply_to(reply_to);
                }
                let builder = builder.build();
                binding
                    .send_with_builder(&builder)
                    .await
                    .map(|result| result.message_id())
                    .map_err(|e| retryable(format!("{e:?}")))
            }
        }
    }
}
