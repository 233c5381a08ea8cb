//! Reads that carry their decoders.
//!
//! Every read is a [`Query<T>`]: one SQL statement and the function that
//! turns its rows into a `T`, built together by a store function, so
//! `store::order_by_id(id)` is a `Query<Option<OrderRecord>>` and no one
//! else decides how its rows read. A use case sends its reads in one round
//! trip as a tuple and gets back a tuple of the same shape:
//!
//! ```ignore
//! let (principal, (order, address)) = self
//!     .read_as(caller, (store::order_by_id(id), store::confirmation_address(id)))
//!     .await?;
//! // order: Option<OrderRecord>, address: Option<Recipient>
//! ```
//!
//! The compiler pairs each statement with its decoder: nothing reads a
//! result by its position in the batch, and a read added, removed or moved
//! changes the types, not the meaning of `rows[2]`. Whatever is [`Reads`]
//! can be sent:
//!
//! - a [`Query<T>`], which gives a `T`;
//! - a tuple of reads (up to eight, nested as deep as needed), which gives
//!   the tuple of their outputs;
//! - a `Vec` of reads built in a loop (one per chunk of ids), which gives a
//!   `Vec` of their outputs, in order;
//! - an `Option` of a read made only in some cases: `None` sends nothing
//!   and gives `None`;
//! - a [`Joined`]: several reads decoded into one record (a customer's
//!   overview is seven statements);
//! - `()`, nothing at all.
//!
//! [`super::Store::read`] sends them in one batch (none when there is
//! nothing to read) and [`super::Store::fetch`] runs one query on its own.
//! A use case that must know who asks before it looks at anything else
//! [`split`]s its reads, sends their statements after the caller's own
//! ([`super::Store::read_first`]) and decodes their [`Results`] only once
//! the caller may see them.
//!
//! Only this splitting and decoding is generic over the reads' shape: the
//! round trip itself is one boxed future for every shape ([`Then`]), so
//! that each use case's reads cost the Worker its decoding and a few
//! instructions, not a copy of the driver's code and of its state machine.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{DbError, Row, Statement};

/// How a statement's rows decode into a `T`.
pub type DecodeRows<T> = fn(&[Row]) -> Result<T, DbError>;

/// A read statement with the decoder of its rows: what a store function
/// returns for anything it reads.
#[must_use = "a query does nothing until it is read"]
pub struct Query<T> {
    statement: Statement,
    decode: DecodeRows<T>,
}

impl<T> Query<T> {
    /// Only the store pairs its statements with their decoders.
    pub(super) fn new(statement: Statement, decode: DecodeRows<T>) -> Self {
        Self { statement, decode }
    }

    /// The statement, as it will be sent.
    pub fn statement(&self) -> &Statement {
        &self.statement
    }

    /// The statement and its decoder apart, to run it on its own.
    pub(super) fn into_parts(self) -> (Statement, DecodeRows<T>) {
        (self.statement, self.decode)
    }
}

impl<T> std::fmt::Debug for Query<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Query").field(&self.statement).finish()
    }
}

/// Reads sent together in one batch, whose results decode to `Output`.
pub trait Reads {
    type Output;
    /// What decodes the results of the statements it appended.
    type Decoder: Decode<Output = Self::Output>;

    /// Appends its statements to `batch`, in order, and keeps their decoders.
    fn into_batch(self, batch: &mut Vec<Statement>) -> Self::Decoder;
}

/// Decodes a batch's results in the order the statements were appended:
/// each [`Query`]'s decoder takes the next result. (Decoders are plain
/// functions and collections of them, held by [`Then`] while the batch is
/// read.)
pub trait Decode: Unpin + 'static {
    type Output;

    fn decode(self, results: &mut Results) -> Result<Self::Output, DbError>;
}

/// Reads apart: their statements, in order, to send in a batch, and the
/// decoder of that batch's [`Results`].
pub fn split<R: Reads>(reads: R) -> (Vec<Statement>, R::Decoder) {
    let mut batch = Vec::new();
    let decoder = reads.into_batch(&mut batch);
    (batch, decoder)
}

/// A batch's results not decoded yet, taken one by one by the decoders:
/// what was read with the caller's own statement stays here until the
/// caller may see it (rows read for a secret that opens nothing are never
/// looked at).
#[must_use = "the rows are only read by `decode`"]
pub struct Results(std::vec::IntoIter<Vec<Row>>);

impl Results {
    pub(super) fn new(results: Vec<Vec<Row>>) -> Self {
        Self(results.into_iter())
    }

    /// The rest of the results, decoded by the decoder of the reads they
    /// were [`split`] from: all of them, none left over.
    pub fn decode<D: Decode>(mut self, decoder: D) -> Result<D::Output, DbError> {
        let output = decoder.decode(&mut self)?;
        self.finish()?;
        Ok(output)
    }

    fn next(&mut self) -> Result<Vec<Row>, DbError> {
        self.0
            .next()
            .ok_or_else(|| DbError::Decode("fewer results than reads".into()))
    }

    /// Every result was decoded: a driver that answered more results than
    /// it was sent statements is answering something else.
    fn finish(mut self) -> Result<(), DbError> {
        match self.0.next() {
            None => Ok(()),
            Some(_) => Err(DbError::Decode("more results than reads".into())),
        }
    }
}

impl<T: 'static> Reads for Query<T> {
    type Output = T;
    type Decoder = DecodeRows<T>;

    fn into_batch(self, batch: &mut Vec<Statement>) -> Self::Decoder {
        batch.push(self.statement);
        self.decode
    }
}

impl<T: 'static> Decode for DecodeRows<T> {
    type Output = T;

    fn decode(self, results: &mut Results) -> Result<T, DbError> {
        self(&results.next()?)
    }
}

impl<R: Reads> Reads for Option<R> {
    type Output = Option<R::Output>;
    type Decoder = Option<R::Decoder>;

    fn into_batch(self, batch: &mut Vec<Statement>) -> Self::Decoder {
        self.map(|reads| reads.into_batch(batch))
    }
}

impl<D: Decode> Decode for Option<D> {
    type Output = Option<D::Output>;

    fn decode(self, results: &mut Results) -> Result<Self::Output, DbError> {
        self.map(|decoder| decoder.decode(results)).transpose()
    }
}

impl<R: Reads> Reads for Vec<R> {
    type Output = Vec<R::Output>;
    type Decoder = Vec<R::Decoder>;

    fn into_batch(self, batch: &mut Vec<Statement>) -> Self::Decoder {
        self.into_iter()
            .map(|reads| reads.into_batch(batch))
            .collect()
    }
}

impl<D: Decode> Decode for Vec<D> {
    type Output = Vec<D::Output>;

    fn decode(self, results: &mut Results) -> Result<Self::Output, DbError> {
        self.into_iter()
            .map(|decoder| decoder.decode(results))
            .collect()
    }
}

impl Reads for () {
    type Output = ();
    type Decoder = ();

    fn into_batch(self, _: &mut Vec<Statement>) -> Self::Decoder {}
}

impl Decode for () {
    type Output = ();

    fn decode(self, _: &mut Results) -> Result<(), DbError> {
        Ok(())
    }
}

/// Reads whose outputs make one record together, as `join` puts them.
#[must_use = "a query does nothing until it is read"]
pub struct Joined<R: Reads, T> {
    reads: R,
    join: fn(R::Output) -> Result<T, DbError>,
}

impl<R: Reads, T> Joined<R, T> {
    pub(super) fn new(reads: R, join: fn(R::Output) -> Result<T, DbError>) -> Self {
        Self { reads, join }
    }
}

impl<R: Reads, T: 'static> Reads for Joined<R, T> {
    type Output = T;
    type Decoder = Join<R::Decoder, T>;

    fn into_batch(self, batch: &mut Vec<Statement>) -> Self::Decoder {
        Join {
            decoder: self.reads.into_batch(batch),
            join: self.join,
        }
    }
}

/// The decoder of a [`Joined`].
pub struct Join<D: Decode, T> {
    decoder: D,
    join: fn(D::Output) -> Result<T, DbError>,
}

impl<D: Decode, T: 'static> Decode for Join<D, T> {
    type Output = T;

    fn decode(self, results: &mut Results) -> Result<T, DbError> {
        (self.join)(self.decoder.decode(results)?)
    }
}

/// A round trip, then what makes its answer the caller's: the future of
/// every read whose answer is decoded into a shape of its own. The trip is
/// boxed, so that its future (the driver's, the round trip's metering) is
/// one for all shapes and only `then` is made for each.
#[must_use = "futures do nothing unless awaited"]
pub struct Then<'a, A, F> {
    trip: Pin<Box<dyn Future<Output = A> + 'a>>,
    then: Option<F>,
}

impl<'a, A, F> Then<'a, A, F> {
    pub fn new(trip: impl Future<Output = A> + 'a, then: F) -> Self {
        Self {
            trip: Box::pin(trip),
            then: Some(then),
        }
    }
}

impl<A, B, F: FnOnce(A) -> B + Unpin> Future for Then<'_, A, F> {
    type Output = B;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<B> {
        let this = &mut *self;
        match this.trip.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(answer) => match this.then.take() {
                Some(then) => Poll::Ready(then(answer)),
                None => panic!("`Then` polled after it completed"),
            },
        }
    }
}

/// Tuples of reads: each part appends its statements in turn and decodes
/// its own results.
macro_rules! tuple_reads {
    ($($part:ident)+) => {
        impl<$($part: Reads),+> Reads for ($($part,)+) {
            type Output = ($($part::Output,)+);
            type Decoder = ($($part::Decoder,)+);

            #[allow(non_snake_case)]
            fn into_batch(self, batch: &mut Vec<Statement>) -> Self::Decoder {
                let ($($part,)+) = self;
                ($($part.into_batch(batch),)+)
            }
        }

        impl<$($part: Decode),+> Decode for ($($part,)+) {
            type Output = ($($part::Output,)+);

            #[allow(non_snake_case)]
            fn decode(self, results: &mut Results) -> Result<Self::Output, DbError> {
                let ($($part,)+) = self;
                Ok(($($part.decode(results)?,)+))
            }
        }
    };
}

tuple_reads!(A B);
tuple_reads!(A B C);
tuple_reads!(A B C D);
tuple_reads!(A B C D E);
tuple_reads!(A B C D E F);
tuple_reads!(A B C D E F G);
tuple_reads!(A B C D E F G H);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::Sqlite;
    use crate::store::{Store, Value};

    fn number(n: i64) -> Query<i64> {
        Query::new(Statement::new("SELECT ?1 AS n", vec![n.into()]), |rows| {
            rows.iter().map(|row| row.integer("n")).sum()
        })
    }

    fn text(t: &str) -> Query<String> {
        Query::new(
            Statement::new("SELECT ?1 AS t", vec![Value::from(t)]),
            |rows| rows.iter().map(|row| row.text("t")).collect(),
        )
    }

    fn store() -> Store<Sqlite> {
        Store::new(Sqlite::in_memory().expect("schema loads"))
    }

    #[test]
    fn a_batch_decodes_into_the_shape_it_was_read_in() {
        let store = store();
        let read = (
            number(1),
            (text("two"), vec![number(3), number(4)]),
            Some(text("five")),
            None::<Query<i64>>,
            Joined::new((number(6), number(7)), |(a, b)| Ok(a * b)),
            (),
        );
        let (one, (two, more), five, none, product, ()) =
            pollster::block_on(store.read(read)).unwrap();
        assert_eq!(one, 1);
        assert_eq!(two, "two");
        assert_eq!(more, vec![3, 4]);
        assert_eq!(five.as_deref(), Some("five"));
        assert_eq!(none, None);
        assert_eq!(product, 42);
    }

    #[test]
    fn nothing_to_read_takes_no_round_trip() {
        let store = store();
        let metered = Store::new(crate::store::Metered::new(store.db()));
        let (none, empty) =
            pollster::block_on(metered.read((None::<Query<i64>>, Vec::<Query<i64>>::new())))
                .unwrap();
        assert_eq!((none, empty), (None, Vec::new()));
        assert_eq!(metered.db().round_trips().count, 0);
        pollster::block_on(metered.read(number(1))).unwrap();
        assert_eq!(metered.db().round_trips().count, 1);
    }

    #[test]
    fn results_that_do_not_match_the_reads_are_an_error() {
        let (_, decoder) = split((number(1), number(2)));
        let fewer = Results::new(vec![vec![]]).decode(decoder);
        assert!(matches!(fewer, Err(DbError::Decode(_))));
        let (_, decoder) = split(number(1));
        let row = Row(vec![("n".into(), Value::Integer(1))]);
        let more = Results::new(vec![vec![row.clone()], vec![row]]).decode(decoder);
        assert!(matches!(more, Err(DbError::Decode(_))));
    }
}
