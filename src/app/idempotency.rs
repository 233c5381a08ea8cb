//! Requests retried with an `Idempotency-Key`: the first answer again, the
//! effect once. A use case that takes a key reads what the key remembers in
//! its first batch ([`Idempotency::read`], [`Idempotency::earlier`]), and
//! ends its write batch with [`Idempotency::remembering`]'s statements: the
//! answer it gives, remembered in the batch of its effect, and a check of
//! what the key holds after it. [`App::keyed_answer`] answers from that
//! batch's changes without reading the answer back.

use super::{App, AppError, Job};
use crate::app::IncidentsError;
use crate::domain::idempotency::{self, Decision, IdempotencyKey, Remembered, RequestFingerprint};
use crate::domain::time::Instant;
use crate::store::{self, Database, DbError, Effect, KeyOwner, Query, Statement};

/// A keyed request: its key and its fingerprint. Whose key it is follows
/// from the caller ([`KeyOwner`]).
#[derive(Debug, Clone, Copy)]
pub struct Idempotency<'a> {
    pub key: &'a IdempotencyKey,
    pub request: &'a RequestFingerprint,
}

/// An answer as it was (or is being) remembered under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// The JSON body.
    pub body: String,
    /// Whether this repeats an earlier answer (nothing was done now).
    pub replayed: bool,
    pub jobs: Vec<Job>,
}

impl Idempotency<'_> {
    /// What the key remembers, for the use case's first batch.
    pub(super) fn read(&self, owner: &KeyOwner) -> Query<Option<Remembered>> {
        store::remembered(owner, self.key)
    }

    /// The earlier answer under this key, from what [`Idempotency::read`]
    /// found, if the same request came before; refused if the key came with
    /// another request.
    pub(super) fn earlier(
        &self,
        remembered: Option<&Remembered>,
    ) -> Result<Option<Answer>, AppError> {
        replay(remembered, self.request)
    }

    /// The last two statements of a keyed batch: the answer, remembered if
    /// the batch wrote `effect`, and the check that the key holds this
    /// request's answer after the batch, whoever wrote it.
    pub(super) fn remembering(
        &self,
        owner: &KeyOwner,
        answer: (u16, &str),
        effect: &Effect<'_>,
        now: Instant,
    ) -> [Statement; 2] {
        [
            store::remember(owner, self.key, self.request, answer, effect, now),
            store::confirm_remembered(owner, self.key, self.request, answer),
        ]
    }
}

impl<D: Database> App<D> {
    /// The answer of a batch that ended with [`Idempotency::remembering`]'s
    /// statements: the batch's own when it remembered it; the same, replayed,
    /// when a request with the same key and the same answer committed first
    /// (their batches raced); otherwise, what the key holds now, read (a
    /// race with another request under the key, or one that read another
    /// state: rare, and the only case that reads after writing), or a
    /// conflict if the key holds nothing. A failed batch is what `refused`
    /// names: a request with the same key never fails, it writes nothing.
    pub(super) async fn keyed_answer(
        &self,
        keyed: &Idempotency<'_>,
        owner: &KeyOwner,
        written: Result<Vec<u64>, DbError>,
        (status, body): (u16, String),
        jobs: Vec<Job>,
        refused: impl FnOnce(DbError) -> AppError,
    ) -> Result<Answer, AppError> {
        let changes = written.map_err(refused)?;
        let [.., remembered, confirmed] = changes.as_slice() else {
            return Err(DbError::Decode("a keyed batch without its answer".into()).into());
        };
        if *remembered == 1 || *confirmed == 1 {
            let replayed = *remembered == 0;
            return Ok(Answer {
                status,
                body,
                replayed,
                jobs: if replayed { Vec::new() } else { jobs },
            });
        }
        let remembered = self.store.remembered(owner, keyed.key).await?;
        replay(remembered.as_ref(), keyed.request)?
            .ok_or(AppError::Incidents(IncidentsError::Conflict))
    }
}

/// The answer a key remembers for this request, replayed; refused if the
/// key came with another request.
fn replay(
    remembered: Option<&Remembered>,
    request: &RequestFingerprint,
) -> Result<Option<Answer>, AppError> {
    match idempotency::decide(remembered, request) {
        Decision::Proceed => Ok(None),
        Decision::Replay { status, body } => Ok(Some(Answer {
            status,
            body,
            replayed: true,
            jobs: Vec::new(),
        })),
        Decision::KeyReused => Err(AppError::IdempotencyKeyReused),
    }
}
