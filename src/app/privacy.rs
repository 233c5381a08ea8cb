//! Personal data: how long each kind is kept (the retention sweep removes
//! it when its period ends, and the privacy page lists the same periods, so
//! the page cannot say what the code does not do).

use super::{App, AppError, Caller, CustomerPrincipal};
use crate::domain::time::{format, Instant};
use crate::store::{self, Database, Row, Value};

/// Expired links, access tokens and browser sessions are kept this long
/// after they expire, so that a late click is told "expired", not "unknown".
pub const EXPIRED_GRACE: chrono::Duration = chrono::Duration::days(1);

/// Rate-limit counts are per minute; an hour later they limit nothing.
pub const RATE_COUNTER_KEEP: chrono::Duration = chrono::Duration::hours(1);

/// The periods that are settings (`RETENTION_EMAIL_BODY_DAYS`,
/// `RETENTION_UNCONFIRMED_DAYS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Days a settled email's body is kept; its row (to whom, when, which
    /// subject) stays, as the record that it was sent.
    pub email_body_days: i64,
    /// Days a registration waits for its email to be confirmed.
    pub unconfirmed_days: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            email_body_days: 90,
            unconfirmed_days: 30,
        }
    }
}

/// One line of the privacy page: what is kept, why, and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub what: &'static str,
    pub why: &'static str,
    pub how_long: String,
}

impl Retention {
    /// The accepted range of a period setting, in days.
    pub const DAYS: std::ops::RangeInclusive<i64> = 1..=3650;

    /// What the portal keeps, as the privacy page shows it: each period is
    /// the one [`App::sweep_retention`] applies.
    pub fn kept(&self) -> Vec<Kept> {
        let days = |n: i64| {
            if n == 1 {
                "1 day".to_owned()
            } else {
                format!("{n} days")
            }
        };
        vec![
            Kept {
                what: "Your organisation, your name, email address and phone number",
                why: "To give you support and licenses, and to reach you about them",
                how_long: "While the account is in use".into(),
            },
            Kept {
                what: "A registration whose email address was never confirmed",
                why: "To let you confirm it",
                how_long: format!(
                    "{} after registration, then deleted",
                    days(self.unconfirmed_days)
                ),
            },
            Kept {
                what: "The text of emails sent to you",
                why: "So that support staff can see what you were told",
                how_long: format!(
                    "{} after it was sent; then only who it went to, when and its subject stay",
                    days(self.email_body_days)
                ),
            },
            Kept {
                what: "Sign-in links, access tokens and browser sessions",
                why: "To let you sign in",
                how_long: format!("Until they expire, then {}", days(EXPIRED_GRACE.num_days())),
            },
            Kept {
                what: "Counts of requests per address and license",
                why: "To limit abuse",
                how_long: format!("{} hour", RATE_COUNTER_KEEP.num_hours()),
            },
            Kept {
                what: "Orders, payments, the coupon ledger and invoices",
                why: "Tax and accounting law",
                how_long: "10 years".into(),
            },
        ]
    }
}

/// Everything the portal holds about a contact and its organisation.
#[derive(Debug, Clone)]
pub struct Export {
    pub principal: CustomerPrincipal,
    /// One JSON document: who, when, and each part of
    /// [`store::EXPORTED`] by its name, as rows of its columns.
    pub document: serde_json::Value,
}

fn row_json(row: &Row) -> serde_json::Value {
    row.0
        .iter()
        .map(|(column, value)| {
            let value = match value {
                Value::Null => serde_json::Value::Null,
                Value::Integer(n) => (*n).into(),
                Value::Text(text) => text.as_str().into(),
            };
            (column.clone(), value)
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

impl<D: Database> App<D> {
    /// The calling contact's export, read with the caller in one batch.
    pub async fn export(&self, caller: &Caller, now: Instant) -> Result<Export, AppError> {
        let (principal, rows) = self
            .read_as(caller, store::export_of(&caller.customer_scope()))
            .await?;
        let principal = principal.customer()?;
        let mut document = serde_json::Map::new();
        document.insert("exported_at".into(), format(now).into());
        document.insert("contact_id".into(), principal.contact.id.as_str().into());
        document.insert("customer_id".into(), principal.customer.id.as_str().into());
        for (part, rows) in store::EXPORTED.iter().zip(&rows) {
            document.insert(
                part.name.into(),
                rows.iter().map(row_json).collect::<Vec<_>>().into(),
            );
        }
        Ok(Export {
            principal,
            document: document.into(),
        })
    }

    /// Removes, in one batch of set-based statements, what has served its
    /// purpose: expired tokens, sessions and address-change links, old rate
    /// counts, the bodies of settled emails past their period, and
    /// registrations never confirmed that nothing refers to.
    pub async fn sweep_retention(&self, now: Instant) -> Result<(), AppError> {
        let retention = self.config.retention;
        self.store
            .write(store::retention_sweep(&store::RetentionCutoffs {
                now,
                expired: now - EXPIRED_GRACE,
                rate_counters: now - RATE_COUNTER_KEEP,
                email_bodies: now - chrono::Duration::days(retention.email_body_days),
                unconfirmed: now - chrono::Duration::days(retention.unconfirmed_days),
            }))
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::registration::tests::registration;
    use super::super::testing::{app, customer, entropy, now, run};
    use super::*;
    use crate::app::{EmailRequest, MailSender, SendFailure};
    use crate::domain::notification::RetrySchedule;
    use crate::store::{sqlite::Sqlite, Statement};

    /// An email service that accepts every message.
    struct Accepting;

    impl MailSender for Accepting {
        async fn send(&self, _email: &EmailRequest) -> Result<String, SendFailure> {
            Ok("prov_1".into())
        }

        fn drops_repeats(&self) -> bool {
            true
        }
    }

    fn count(app: &App<Sqlite>, sql: &'static str, param: &str) -> i64 {
        run(app.store.query(Statement::new(sql, vec![param.into()]))).unwrap()[0]
            .integer("n")
            .unwrap()
    }

    /// A test application whose SQLite enforces foreign keys, as D1 does,
    /// so that a deletion in the wrong order fails here too.
    fn app_with_foreign_keys() -> App<Sqlite> {
        let app = app();
        run(app
            .store
            .query(Statement::new("PRAGMA foreign_keys = ON", vec![])))
        .unwrap();
        let on = run(app
            .store
            .query(Statement::new("PRAGMA foreign_keys", vec![])))
        .unwrap();
        assert_eq!(on[0].integer("foreign_keys").unwrap(), 1);
        app
    }

    fn days(n: i64) -> chrono::Duration {
        chrono::Duration::days(n)
    }

    fn deliver_all(app: &App<Sqlite>, at: Instant) {
        let rows = run(app.store.query(Statement::new(
            "SELECT id FROM outbox WHERE status = 'pending'",
            vec![],
        )))
        .unwrap();
        for row in rows {
            let id = row.text("id").unwrap();
            run(app.deliver_email(&id, Some(&Accepting), &RetrySchedule::default(), at)).unwrap();
        }
    }

    #[test]
    fn an_unconfirmed_registration_goes_after_its_period_and_a_confirmed_one_stays() {
        let app = app_with_foreign_keys();
        let kept = customer(&app, "kept@kovinar.si", 1);
        let stale = run(app.register(
            registration("late@kovinar.si", "TS-LATE"),
            now(),
            &mut entropy(2),
        ))
        .unwrap();
        deliver_all(&app, now());
        let kept_mail = "SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?1";
        let kept_before = count(&app, kept_mail, "kept@kovinar.si");
        let period = days(Retention::default().unconfirmed_days);

        run(app.sweep_retention(now() + period - days(1))).unwrap();
        let customers = "SELECT COUNT(*) AS n FROM customers WHERE id = ?1";
        assert_eq!(count(&app, customers, stale.customer_id.as_str()), 1);

        run(app.sweep_retention(now() + period + days(1))).unwrap();
        assert_eq!(count(&app, customers, stale.customer_id.as_str()), 0);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM contacts WHERE email = ?1",
                "late@kovinar.si"
            ),
            0
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?1",
                "late@kovinar.si"
            ),
            0
        );
        assert_eq!(count(&app, customers, kept.contact.customer_id.as_str()), 1);
        assert_eq!(count(&app, kept_mail, "kept@kovinar.si"), kept_before);
        // A replay changes nothing.
        run(app.sweep_retention(now() + period + days(1))).unwrap();
        assert_eq!(count(&app, customers, kept.contact.customer_id.as_str()), 1);
    }

    #[test]
    fn an_unconfirmed_registration_that_something_refers_to_stays() {
        let app = app_with_foreign_keys();
        let stale = run(app.register(
            registration("held@kovinar.si", "TS-HELD"),
            now(),
            &mut entropy(3),
        ))
        .unwrap();
        run(app.store.write(vec![Statement::new(
            "INSERT INTO staff_tasks (id, task_key, kind, customer_id, detail, created_at) VALUES ('tsk_x', 'k', 'coupon_debt', ?1, '{}', '2026-01-01T00:00:00.000Z')",
            vec![stale.customer_id.as_str().into()],
        )]))
        .unwrap();
        run(app.sweep_retention(now() + days(365))).unwrap();
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM customers WHERE id = ?1",
                stale.customer_id.as_str()
            ),
            1
        );
    }

    #[test]
    fn a_sent_emails_body_goes_after_its_period_and_its_row_stays() {
        let app = app();
        customer(&app, "ana@kovinar.si", 1);
        deliver_all(&app, now());
        let body = "SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?1 AND body_text LIKE '%Ana Novak%'";
        let period = days(Retention::default().email_body_days);
        let before = count(&app, body, "ana@kovinar.si");
        assert!(before > 0);

        run(app.sweep_retention(now() + period - days(1))).unwrap();
        assert_eq!(count(&app, body, "ana@kovinar.si"), before);

        run(app.sweep_retention(now() + period + days(1))).unwrap();
        assert_eq!(count(&app, body, "ana@kovinar.si"), 0);
        let removed = "SELECT COUNT(*) AS n FROM outbox WHERE to_address = ?1 AND subject <> '' AND sent_at IS NOT NULL AND body_html IS NULL AND body_text = '[removed after its retention period]'";
        assert_eq!(count(&app, removed, "ana@kovinar.si"), before);
    }

    #[test]
    fn expired_tokens_sessions_and_old_rate_counts_go() {
        let app = app();
        let later = now() + days(30);
        run(app.store.write(vec![
            Statement::new(
                "INSERT INTO rate_counters (bucket, window_start, requests) VALUES ('a', ?1, 1), ('b', ?2, 1)",
                vec![
                    crate::domain::time::format(later - chrono::Duration::hours(2)).into(),
                    crate::domain::time::format(later).into(),
                ],
            ),
            Statement::new(
                "INSERT INTO browser_sessions (id_hash, kind, subject_id, created_at, expires_at) VALUES ('old', 'staff', 'stf_1', ?1, ?1), ('new', 'staff', 'stf_1', ?2, ?2)",
                vec![
                    crate::domain::time::format(now()).into(),
                    crate::domain::time::format(later).into(),
                ],
            ),
        ]))
        .unwrap();
        customer(&app, "ana@kovinar.si", 1);
        run(app.sweep_retention(later)).unwrap();
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM rate_counters WHERE bucket <> ?1",
                ""
            ),
            1
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM browser_sessions WHERE id_hash <> ?1",
                ""
            ),
            1
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) AS n FROM auth_tokens WHERE expires_at < ?1",
                &crate::domain::time::format(later - EXPIRED_GRACE)
            ),
            0
        );
    }

    #[test]
    fn the_privacy_pages_periods_are_the_settings() {
        let retention = Retention {
            email_body_days: 45,
            unconfirmed_days: 7,
        };
        let kept = retention.kept();
        assert!(kept.iter().any(|k| k.how_long.starts_with("45 days")));
        assert!(kept.iter().any(|k| k.how_long.starts_with("7 days")));
    }
}
