//! Idempotency keys and the first answer given under each.

use super::{Database, DbError, PartnerScope, Query, Row, StaffScope, Statement, Store, Value};
use crate::domain::idempotency::{IdempotencyKey, Remembered, RequestFingerprint};
use crate::domain::time::{format, Instant};

/// Counts one request in a rate-limit bucket's window and returns the count
/// so far. An upsert that reads: it may go in a batch of reads.
pub fn count_request(bucket: &str, window_start: Instant) -> Query<i64> {
    Query::new(
        Statement::new(
            "INSERT INTO rate_counters (bucket, window_start, requests) VALUES (?1, ?2, 1) \
             ON CONFLICT (bucket, window_start) DO UPDATE SET requests = requests + 1 RETURNING requests",
            vec![bucket.into(), format(window_start).into()],
        ),
        decode_count,
    )
}

/// The requests counted in a rate-limit bucket's window so far, without
/// counting one.
pub fn requests_counted(bucket: &str, window_start: Instant) -> Query<i64> {
    Query::new(
        Statement::new(
            "SELECT requests FROM rate_counters WHERE bucket = ?1 AND window_start = ?2",
            vec![bucket.into(), format(window_start).into()],
        ),
        decode_count,
    )
}

/// The `requests` of a count's rows (none counted: 0).
fn decode_count(rows: &[Row]) -> Result<i64, DbError> {
    rows.first().map_or(Ok(0), |row| row.integer("requests"))
}

/// Whose idempotency keys a request's are: a staff member's (scope
/// `staff:{id}`) or a partner's (`partner:{id}`), the id found inside the
/// statement as the caller's own scopes find it, so that the key's answer is
/// read in the batch that learns who calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOwner {
    Staff(StaffScope),
    Partner(PartnerScope),
}

impl KeyOwner {
    pub fn staff(id: &str) -> Self {
        Self::Staff(StaffScope::Id(id.to_owned()))
    }

    pub fn partner(id: &str) -> Self {
        Self::Partner(PartnerScope::Id(id.to_owned()))
    }

    fn prefix(&self) -> &'static str {
        match self {
            Self::Staff(_) => "staff:",
            Self::Partner(_) => "partner:",
        }
    }

    /// The scope's text, once the owner's id is known (as it is once the
    /// caller is).
    pub fn text(&self) -> Option<String> {
        match self {
            Self::Staff(StaffScope::Id(id)) | Self::Partner(PartnerScope::Id(id)) => {
                Some(format!("{}{id}", self.prefix()))
            }
            _ => None,
        }
    }

    /// The SQL for the scope's text, with its one parameter at `?{n}`.
    fn sql(&self, n: usize) -> String {
        let id = match self {
            Self::Staff(staff) => staff.sql(n),
            Self::Partner(partner) => partner.sql(n),
        };
        format!("('{}' || {id})", self.prefix())
    }

    fn param(&self) -> Value {
        match self {
            Self::Staff(staff) => staff.param(),
            Self::Partner(partner) => partner.param(),
        }
    }
}

/// The row a use case's batch writes for its effect (its `id` in `table`):
/// the answer is remembered only if the effect was written.
pub struct Effect<'a> {
    pub table: &'static str,
    pub id: &'a str,
}

/// What a key remembers, if it was used.
pub fn remembered(owner: &KeyOwner, key: &IdempotencyKey) -> Query<Option<Remembered>> {
    let sql = format!(
        "SELECT request_hash, response_status, response_body FROM idempotency_keys \
         WHERE scope = {} AND key = ?2",
        owner.sql(1)
    );
    Query::new(
        Statement::new(sql, vec![owner.param(), key.as_str().into()]),
        decode_remembered,
    )
}

fn decode_remembered(rows: &[Row]) -> Result<Option<Remembered>, DbError> {
    rows.first()
        .map(|row| {
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

/// Remembers a key's first answer, in the batch of the effect it answers,
/// if that batch wrote the effect: of two concurrent requests with one key,
/// the second writes neither its effect (each use case guards its own) nor
/// its answer, and [`confirm_remembered`] tells it what the first left.
pub fn remember(
    owner: &KeyOwner,
    key: &IdempotencyKey,
    request: &RequestFingerprint,
    (status, body): (u16, &str),
    effect: &Effect<'_>,
    now: Instant,
) -> Statement {
    let sql = format!(
        "INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at) \
         SELECT {}, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM {} WHERE id = ?7) \
         ON CONFLICT DO NOTHING",
        owner.sql(1),
        effect.table
    );
    Statement::new(
        sql,
        vec![
            owner.param(),
            key.as_str().into(),
            request.as_str().into(),
            i64::from(status).into(),
            body.into(),
            format(now).into(),
            effect.id.into(),
        ],
    )
}

/// [`remember`] for the answer of a batch that inserts an incident (the
/// desk's incident for a caller): the answer's `IncidentNumber::PENDING`
/// becomes the number the INSERT allocated, and the key must be new. A
/// twin request under the same key that raced this one and committed
/// first fails this whole batch (its incident, timers and emails with it),
/// so one key opens one incident; the loser then replays the winner's.
pub fn remember_new_incident(
    owner: &KeyOwner,
    key: &IdempotencyKey,
    request: &RequestFingerprint,
    (status, body): (u16, &str),
    incident_id: &str,
    now: Instant,
) -> Statement {
    let sql = format!(
        "INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at) \
         SELECT {}, ?2, ?3, ?4, replace(?5, ?8, number), ?6 FROM incidents WHERE id = ?7",
        owner.sql(1)
    );
    Statement::new(
        sql,
        vec![
            owner.param(),
            key.as_str().into(),
            request.as_str().into(),
            i64::from(status).into(),
            body.into(),
            format(now).into(),
            incident_id.into(),
            crate::domain::number::IncidentNumber::PENDING.into(),
        ],
    )
}

/// Changes one row when the key remembers exactly this request and answer
/// (whichever batch wrote it), none otherwise: how a batch that lost a race
/// for its key learns, without another read, that the winner's answer is
/// its own.
pub fn confirm_remembered(
    owner: &KeyOwner,
    key: &IdempotencyKey,
    request: &RequestFingerprint,
    (status, body): (u16, &str),
) -> Statement {
    let sql = format!(
        "UPDATE idempotency_keys SET created_at = created_at WHERE scope = {} AND key = ?2 \
         AND request_hash = ?3 AND response_status = ?4 AND response_body = ?5",
        owner.sql(1)
    );
    Statement::new(
        sql,
        vec![
            owner.param(),
            key.as_str().into(),
            request.as_str().into(),
            i64::from(status).into(),
            body.into(),
        ],
    )
}

impl<D: Database> Store<D> {
    /// What a key remembers, if it was used.
    pub async fn remembered(
        &self,
        owner: &KeyOwner,
        key: &IdempotencyKey,
    ) -> Result<Option<Remembered>, DbError> {
        self.fetch(remembered(owner, key)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;
    use crate::store::sqlite::Sqlite;

    fn customer() -> Statement {
        Statement::new(
            "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, \
             country, created_at) VALUES ('cus_1', 'active', 'TS-1', 'K', 'S', '1000', 'L', 'SI', \
             '2026-01-01T00:00:00.000Z')",
            vec![],
        )
    }

    #[test]
    fn a_key_remembers_one_answer_per_scope_and_only_for_a_written_effect() {
        let store = Store::new(Sqlite::in_memory().unwrap());
        let now = from_unix_millis(0).unwrap();
        let key = IdempotencyKey::parse("k-1").unwrap();
        let request = RequestFingerprint::of("POST", "/p", b"{}");
        let staff = KeyOwner::Staff(StaffScope::Id("stf_1".into()));
        let partner = KeyOwner::Partner(PartnerScope::Id("ptn_1".into()));
        let written = |owner: &KeyOwner, body: &str, effect: &str| {
            pollster::block_on(store.write(vec![remember(
                owner,
                &key,
                &request,
                (201, body),
                &Effect {
                    table: "customers",
                    id: effect,
                },
                now,
            )]))
            .unwrap()
        };
        assert_eq!(written(&staff, "{\"n\":0}", "cus_1"), [0], "no effect yet");
        pollster::block_on(store.write(vec![customer()])).unwrap();
        assert_eq!(written(&staff, "{\"n\":1}", "cus_1"), [1]);
        assert_eq!(
            written(&staff, "{\"n\":2}", "cus_1"),
            [0],
            "the first stays"
        );
        assert_eq!(written(&partner, "{\"n\":3}", "cus_1"), [1]);
        let remembered = pollster::block_on(store.remembered(&staff, &key))
            .unwrap()
            .unwrap();
        assert_eq!(
            (remembered.status, remembered.body.as_str()),
            (201, "{\"n\":1}")
        );
        assert_eq!(remembered.fingerprint, request.as_str());
        let other = IdempotencyKey::parse("k-2").unwrap();
        assert!(pollster::block_on(store.remembered(&staff, &other))
            .unwrap()
            .is_none());
    }

    #[test]
    fn a_confirmation_changes_a_row_only_for_the_same_request_and_answer() {
        let store = Store::new(Sqlite::in_memory().unwrap());
        let now = from_unix_millis(0).unwrap();
        let key = IdempotencyKey::parse("k").unwrap();
        let request = RequestFingerprint::of("POST", "/p", b"{}");
        let owner = KeyOwner::Staff(StaffScope::Id("stf_1".into()));
        let effect = Effect {
            table: "customers",
            id: "cus_1",
        };
        let changes = pollster::block_on(store.write(vec![
            customer(),
            remember(&owner, &key, &request, (201, "{\"a\":1}"), &effect, now),
            confirm_remembered(&owner, &key, &request, (201, "{\"a\":1}")),
        ]))
        .unwrap();
        assert_eq!(changes, [1, 1, 1]);
        let confirm = |request: &RequestFingerprint, body: &str| {
            pollster::block_on(store.write(vec![confirm_remembered(
                &owner,
                &key,
                request,
                (201, body),
            )]))
            .unwrap()
        };
        assert_eq!(confirm(&request, "{\"a\":1}"), [1]);
        assert_eq!(confirm(&request, "{\"a\":2}"), [0]);
        let another = RequestFingerprint::of("POST", "/p", b"{\"x\":1}");
        assert_eq!(confirm(&another, "{\"a\":1}"), [0]);
    }
}
