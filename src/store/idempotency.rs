//! Idempotency keys and the first answer given under each.

use super::{Database, DbError, Statement, Store};
use crate::domain::idempotency::{IdempotencyKey, Remembered, RequestFingerprint};
use crate::domain::time::{format, Instant};

/// Where a remembered answer reports a balance, filled in by the batch itself.
pub struct BalanceField<'a> {
    /// The JSON path in the body, such as `$.coupon_balance`.
    pub path: &'static str,
    pub customer_id: &'a str,
}

/// Counts one request in a rate-limit bucket's window and returns the count
/// so far (`requests`). An upsert that reads: it may go in a batch of reads.
pub fn count_request(bucket: &str, window_start: Instant) -> Statement {
    Statement::new(
        "INSERT INTO rate_counters (bucket, window_start, requests) VALUES (?1, ?2, 1) \
         ON CONFLICT (bucket, window_start) DO UPDATE SET requests = requests + 1 RETURNING requests",
        vec![bucket.into(), format(window_start).into()],
    )
}

/// Remembers a key's first answer, in the batch of the effect it answers. A
/// plain INSERT: of two concurrent requests with one key, the second fails on
/// the primary key and its whole batch rolls back. With `balance`, the body's
/// field is set to the customer's balance as this batch leaves it, so the
/// answer reports the balance its own effect produced.
pub fn remember(
    scope: &str,
    key: &IdempotencyKey,
    request: &RequestFingerprint,
    status: u16,
    body: &str,
    balance: Option<BalanceField<'_>>,
    now: Instant,
) -> Statement {
    let (path, customer) = balance.map_or((None, None), |b| (Some(b.path), Some(b.customer_id)));
    Statement::new(
        "INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at) \
         VALUES (?1, ?2, ?3, ?4, CASE WHEN ?7 IS NULL THEN ?5 ELSE json_set(?5, ?7, \
         COALESCE((SELECT balance FROM coupon_accounts WHERE customer_id = ?8), 0)) END, ?6)",
        vec![
            scope.into(),
            key.as_str().into(),
            request.as_str().into(),
            i64::from(status).into(),
            body.into(),
            format(now).into(),
            path.into(),
            customer.into(),
        ],
    )
}

impl<D: Database> Store<D> {
    /// What a caller's key remembers, if it was used.
    pub async fn remembered(
        &self,
        scope: &str,
        key: &IdempotencyKey,
    ) -> Result<Option<Remembered>, DbError> {
        let row = self
            .first(Statement::new(
                "SELECT request_hash, response_status, response_body FROM idempotency_keys \
                 WHERE scope = ?1 AND key = ?2",
                vec![scope.into(), key.as_str().into()],
            ))
            .await?;
        row.map(|row| {
            let status = row.integer("response_status")?;
            Ok(Remembered {
                fingerprint: row.text("request_hash")?,
                status: u16::try_from(status)
                    .map_err(|_| DbError::Decode(format!("response_status {status}")))?,
                body: row.text("response_body")?,
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;
    use crate::store::sqlite::Sqlite;

    #[test]
    fn a_key_remembers_one_answer_per_scope() {
        let store = Store::new(Sqlite::in_memory().unwrap());
        let now = from_unix_millis(0).unwrap();
        let key = IdempotencyKey::parse("k-1").unwrap();
        let request = RequestFingerprint::of("POST", "/p", b"{}");
        let write = |scope: &str, body: &str| {
            pollster::block_on(
                store.write(vec![remember(scope, &key, &request, 201, body, None, now)]),
            )
        };
        write("staff", "{\"n\":1}").unwrap();
        let again = write("staff", "{\"n\":2}").unwrap_err();
        assert!(again.is_unique_violation("idempotency_keys"), "{again}");
        write("partner:ptn_1", "{\"n\":3}").unwrap();
        let remembered = pollster::block_on(store.remembered("staff", &key))
            .unwrap()
            .unwrap();
        assert_eq!(
            (remembered.status, remembered.body.as_str()),
            (201, "{\"n\":1}")
        );
        assert_eq!(remembered.fingerprint, request.as_str());
        let other = IdempotencyKey::parse("k-2").unwrap();
        assert!(pollster::block_on(store.remembered("staff", &other))
            .unwrap()
            .is_none());
    }

    #[test]
    fn a_remembered_balance_is_the_one_its_batch_leaves() {
        let store = Store::new(Sqlite::in_memory().unwrap());
        let now = from_unix_millis(0).unwrap();
        let key = IdempotencyKey::parse("k").unwrap();
        let request = RequestFingerprint::of("POST", "/p", b"{}");
        pollster::block_on(store.write(vec![
            Statement::new(
                "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, \
                 country, created_at) VALUES ('cus_1', 'active', 'TS-1', 'K', 'S', '1000', 'L', 'SI', \
                 '2026-01-01T00:00:00.000Z')",
                vec![],
            ),
            Statement::new(
                "INSERT INTO coupon_accounts (customer_id, balance) VALUES ('cus_1', 7)",
                vec![],
            ),
            remember(
                "staff",
                &key,
                &request,
                201,
                "{\"customer_id\":\"cus_1\",\"coupon_balance\":null}",
                Some(BalanceField {
                    path: "$.coupon_balance",
                    customer_id: "cus_1",
                }),
                now,
            ),
        ]))
        .unwrap();
        let remembered = pollster::block_on(store.remembered("staff", &key))
            .unwrap()
            .unwrap();
        assert_eq!(
            remembered.body,
            "{\"customer_id\":\"cus_1\",\"coupon_balance\":7}"
        );
    }
}
