//! Requests retried with an `Idempotency-Key`: the first answer again, the
//! effect once. The use cases that take a key check it first
//! ([`App::earlier_answer`]), write the answer they give in the batch of
//! their effect ([`crate::store::remember`]), and answer what that batch
//! remembered, read back ([`App::remembered_answer`]): so the first answer and
//! every replay are the same bytes.

use super::{App, AppError, Job};
use crate::domain::idempotency::{self, Decision, IdempotencyKey, RequestFingerprint};
use crate::store::{Database, DbError};

/// A keyed request: who sent it, its key, and its fingerprint.
#[derive(Debug, Clone, Copy)]
pub struct Idempotency<'a> {
    /// The caller the key belongs to: `"staff"`, `"partner:{id}"`.
    pub scope: &'a str,
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

impl<D: Database> App<D> {
    /// The earlier answer under this key, if the same request came before;
    /// refused if the key came with another request.
    pub(super) async fn earlier_answer(
        &self,
        keyed: &Idempotency<'_>,
    ) -> Result<Option<Answer>, AppError> {
        let remembered = self.store.remembered(keyed.scope, keyed.key).await?;
        match idempotency::decide(remembered.as_ref(), keyed.request) {
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

    /// The answer after the batch that remembered it: read back when it
    /// committed; when it failed, the answer of the request with the same key
    /// that committed first, if one did (it raced this one), else the
    /// failure as `refused` names it.
    pub(super) async fn remembered_answer(
        &self,
        keyed: &Idempotency<'_>,
        written: Result<Vec<u64>, DbError>,
        jobs: Vec<Job>,
        refused: impl FnOnce(DbError) -> AppError,
    ) -> Result<Answer, AppError> {
        match written {
            Ok(_) => {
                let remembered = self
                    .store
                    .remembered(keyed.scope, keyed.key)
                    .await?
                    .ok_or_else(|| DbError::Decode("the answer was not remembered".into()))?;
                Ok(Answer {
                    status: remembered.status,
                    body: remembered.body,
                    replayed: false,
                    jobs,
                })
            }
            Err(error) => match self.earlier_answer(keyed).await? {
                Some(answer) => Ok(answer),
                None => Err(refused(error)),
            },
        }
    }
}
