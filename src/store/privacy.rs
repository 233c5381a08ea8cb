//! Personal data: the retention sweep's statements.

use super::{delete_expired_sessions, delete_expired_tokens, Statement};
use crate::domain::time::{format, Instant};

/// What the body of an email becomes once its period is over.
pub const BODY_REMOVED: &str = "[removed after its retention period]";

/// The instants before which each kind of data has served its purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionCutoffs {
    pub now: Instant,
    /// Tokens and sessions that expired before this.
    pub expired: Instant,
    pub rate_counters: Instant,
    /// Settled emails created before this lose their bodies.
    pub email_bodies: Instant,
    /// Registrations still unconfirmed that were made before this go.
    pub unconfirmed: Instant,
}

/// Organisations registered before `?1` and never confirmed that nothing
/// else refers to: no money, no license, no incident, no order, no claim by
/// another organisation, no bulletin. Their contacts, links, claims and the
/// emails that went only to them go with them.
const STALE_REGISTRATIONS: &str = "SELECT c.id FROM customers c \
     WHERE c.status = 'pending_verification' AND c.created_at < ?1 \
     AND NOT EXISTS (SELECT 1 FROM ledger_entries x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM coupon_accounts x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM coupon_orders x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM staff_tasks x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM sups_subscriptions x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM incidents x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM licenses x WHERE x.holder_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM activations x WHERE x.customer_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM customers x WHERE x.merged_into = c.id) \
     AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id AND ( \
          EXISTS (SELECT 1 FROM contacts x WHERE x.invited_by = k.id AND x.customer_id <> c.id) \
       OR EXISTS (SELECT 1 FROM bulletin_recipients x WHERE x.contact_id = k.id) \
       OR EXISTS (SELECT 1 FROM coupon_orders x WHERE x.contact_id = k.id) \
       OR EXISTS (SELECT 1 FROM incidents x WHERE x.contact_id = k.id) \
       OR EXISTS (SELECT 1 FROM incident_messages x WHERE x.contact_id = k.id) \
       OR EXISTS (SELECT 1 FROM license_claims x WHERE x.contact_id = k.id AND x.customer_id <> c.id)))";

/// The retention sweep, one batch: each statement removes a kind of data
/// whose period is over, set-based, whatever the number of rows. The stale
/// registrations are chosen by the same query in each statement; the rows
/// deleted before the last are none that the query looks at, so every
/// statement sees the same set.
pub fn retention_sweep(cutoffs: &RetentionCutoffs) -> Vec<Statement> {
    let unconfirmed = || vec![format(cutoffs.unconfirmed).into()];
    let contacts = format!("SELECT id FROM contacts WHERE customer_id IN ({STALE_REGISTRATIONS})");
    vec![
        delete_expired_tokens(cutoffs.expired),
        delete_expired_sessions(cutoffs.expired),
        Statement::new(
            "UPDATE contacts SET pending_email = NULL, email_token_hash = NULL, email_token_expires_at = NULL \
             WHERE email_token_expires_at < ?1",
            vec![format(cutoffs.expired).into()],
        ),
        Statement::new(
            "DELETE FROM rate_counters WHERE window_start < ?1",
            vec![format(cutoffs.rate_counters).into()],
        ),
        Statement::new(
            "UPDATE outbox SET body_text = ?2, body_html = NULL, headers = NULL \
             WHERE status NOT IN ('pending', 'sending') AND created_at < ?1 AND body_text <> ?2",
            vec![format(cutoffs.email_bodies).into(), BODY_REMOVED.into()],
        ),
        Statement::new(
            format!(
                "DELETE FROM outbox WHERE status NOT IN ('pending', 'sending') \
                 AND to_address IN (SELECT email FROM contacts WHERE id IN ({contacts})) \
                 AND to_address NOT IN (SELECT email FROM contacts WHERE id NOT IN ({contacts}))"
            ),
            unconfirmed(),
        ),
        Statement::new(
            format!(
                "DELETE FROM auth_tokens WHERE contact_id IN ({contacts}) \
                 OR claim_id IN (SELECT id FROM license_claims WHERE customer_id IN ({STALE_REGISTRATIONS}))"
            ),
            unconfirmed(),
        ),
        Statement::new(
            format!("DELETE FROM unsubscribe_tokens WHERE contact_id IN ({contacts})"),
            unconfirmed(),
        ),
        Statement::new(
            format!("DELETE FROM license_claims WHERE customer_id IN ({STALE_REGISTRATIONS})"),
            unconfirmed(),
        ),
        Statement::new(
            format!("DELETE FROM contacts WHERE customer_id IN ({STALE_REGISTRATIONS})"),
            unconfirmed(),
        ),
        Statement::new(
            format!("DELETE FROM customers WHERE id IN ({STALE_REGISTRATIONS})"),
            unconfirmed(),
        ),
    ]
}
