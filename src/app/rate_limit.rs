//! The public posts' rate limit, counted in the request's first round trip
//! rather than in one of its own: the counter's upsert goes first in the
//! batch of reads (or, for a request that writes without reading, just
//! before its write), and a request past the limit writes nothing.

use std::cell::{Cell, RefCell};

use super::{rate_window, App, AppError};
use crate::app::AccessError;
use crate::domain::time::Instant;
use crate::store::{self, Database, DbError, Row, Statement, Store};

/// A request's view of the database that counts it in a rate-limit bucket
/// with its first round trip. Past the limit every later round trip fails,
/// and [`RateLimited::settle`] says why.
pub struct RateLimited<'a, D> {
    db: &'a D,
    /// The counter's upsert, until a round trip has taken it.
    counter: RefCell<Option<Statement>>,
    limit: i64,
    retry_after: u32,
    refused: Cell<bool>,
}

impl<D: Database> RateLimited<'_, D> {
    /// Counts the request if no round trip has yet (it read and wrote
    /// nothing, yet it counts): 429 past the limit, whatever was answered.
    pub async fn settle(&self) -> Result<(), AppError> {
        let pending = self.counter.take();
        if let Some(counter) = pending {
            self.count(&self.db.query(counter).await?)?;
        }
        if self.refused.get() {
            return Err(AppError::Access(AccessError::RateLimited(self.retry_after)));
        }
        Ok(())
    }

    fn count(&self, counted: &[Row]) -> Result<(), DbError> {
        let count = match counted.first() {
            Some(row) => row.integer("requests")?,
            None => return Err(DbError::Decode("RETURNING gave no row".into())),
        };
        if count > self.limit {
            self.refused.set(true);
        }
        Ok(())
    }

    /// Stops a refused request's every round trip, so that it writes nothing.
    fn refusal(&self) -> Result<(), DbError> {
        if self.refused.get() {
            return Err(DbError::Failed("rate limited".into()));
        }
        Ok(())
    }
}

impl<D: Database> Database for RateLimited<'_, D> {
    async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        if self.counter.borrow().is_none() {
            self.refusal()?;
            return self.db.query(statement).await;
        }
        Ok(self.reads(vec![statement]).await?.pop().unwrap_or_default())
    }

    async fn reads(&self, statements: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError> {
        self.refusal()?;
        let pending = self.counter.take();
        let Some(counter) = pending else {
            return self.db.reads(statements).await;
        };
        let mut results = self
            .db
            .reads(std::iter::once(counter).chain(statements).collect())
            .await?;
        let counted = results.remove(0);
        self.count(&counted)?;
        self.refusal()?;
        Ok(results)
    }

    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<u64>, DbError> {
        let pending = self.counter.take();
        if let Some(counter) = pending {
            self.count(&self.db.query(counter).await?)?;
        }
        self.refusal()?;
        self.db.batch(statements).await
    }

    fn micros(&self) -> u64 {
        self.db.micros()
    }
}

impl<D: Database> App<RateLimited<'_, D>> {
    /// Counts the request if nothing counted it yet; 429 past the limit.
    pub async fn settle_rate_limit(&self) -> Result<(), AppError> {
        self.store.db().settle().await
    }
}

impl<D: Database> App<D> {
    /// The same app for one request that is counted in `bucket` (none: not
    /// limited) with its first round trip, `limit` a minute.
    pub fn rate_limited(
        &self,
        bucket: Option<&str>,
        limit: i64,
        now: Instant,
    ) -> App<RateLimited<'_, D>> {
        let (window, retry_after) = rate_window(now);
        App {
            store: Store::new(RateLimited {
                db: self.store.db(),
                counter: RefCell::new(bucket.map(|bucket| store::count_request(bucket, window))),
                limit,
                retry_after,
                refused: Cell::new(false),
            }),
            config: self.config.clone(),
        }
    }
}
