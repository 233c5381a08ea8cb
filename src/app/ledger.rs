//! The customer's view of the coupon ledger, and staff corrections.

use serde::{Deserialize, Serialize};

use super::input::Fields;
use super::{Answer, App, AppError, Caller, CustomerPrincipal, Idempotency, StaffIdentity};
use crate::app::BillingError;
use crate::domain::entropy::Entropy;
use crate::domain::field::Invalid;
use crate::domain::ledger::Entry;
use crate::domain::messages as m;
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{self, Database, Effect, KeyOwner, LedgerLine};

/// A customer's balance and latest entries, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    pub balance: i64,
    pub lines: Vec<LedgerLine>,
}

/// An adjustment's answer, remembered under its idempotency key as its
/// JSON text, and given again, word for word, to the same request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct AdjustedBalance {
    pub customer_id: String,
    /// The organisation's balance in coupons after the adjustment.
    pub coupon_balance: i64,
}

impl AdjustedBalance {
    /// The balance an adjustment's answer (new or remembered) reports.
    pub fn of(answer: &Answer) -> Option<Self> {
        serde_json::from_str(&answer.body).ok()
    }
}

/// The most coupons one adjustment adds or takes.
pub const MAX_ADJUSTMENT_COUPONS: i64 = 1000;
/// The longest reason an adjustment keeps.
const REASON_CHARS: usize = 500;

/// What staff ask of an adjustment, as the API's JSON and the desk's form
/// both give it: one rule for its range and its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustmentInput {
    /// Coupons to add (positive) or take (negative); never zero.
    pub coupons: i64,
    pub reason: Text,
}

impl AdjustmentInput {
    /// `coupons` (a whole number, or its text) and `reason`; every error is
    /// recorded in `fields`.
    pub fn read(fields: &mut Fields<'_>) -> Option<Self> {
        let coupons = fields.whole_number("coupons", |n| {
            if n != 0 && n.abs() <= MAX_ADJUSTMENT_COUPONS {
                Ok(n)
            } else {
                Err(Invalid::said("range", |l| {
                    m::field_adjustment_range(l, &MAX_ADJUSTMENT_COUPONS.to_string())
                }))
            }
        });
        let reason = fields.parse("reason", |t| Text::parse(t, REASON_CHARS));
        Some(Self {
            coupons: coupons?,
            reason: reason?,
        })
    }
}

/// A staff adjustment as requested.
pub struct Adjustment<'a> {
    pub customer_id: &'a str,
    /// Coupons to add (positive) or take (negative); never zero.
    pub coupons: i64,
    pub reason: Text,
}

impl<D: Database> App<D> {
    /// The calling customer and their ledger, in one round trip.
    pub async fn my_ledger(
        &self,
        caller: &Caller,
    ) -> Result<(CustomerPrincipal, Ledger), AppError> {
        let scope = caller.customer_scope();
        let (principal, (balance, lines)) = self
            .read_as(
                caller,
                (store::balance_of(&scope), store::ledger_of(&scope, 500)),
            )
            .await?;
        let ledger = Ledger { balance, lines };
        Ok((principal.customer()?, ledger))
    }

    pub async fn ledger(&self, customer_id: &str) -> Result<Vec<LedgerLine>, AppError> {
        Ok(self.store.ledger(customer_id, 500).await?)
    }

    /// Adjusts a balance, once per idempotency key: the caller, what the
    /// key remembers and the organisation's balance are read in one batch;
    /// the entry and the answer (201 with the balance this entry leaves,
    /// as read) are the next. The same key and request again answer the
    /// same, another request under the key is refused. One that would fall
    /// below zero is refused by the balance account's trigger, and nothing
    /// is written (nor remembered: a retry is decided afresh).
    pub async fn adjust(
        &self,
        caller: &Caller,
        adjustment: Adjustment<'_>,
        keyed: &Idempotency<'_>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(StaffIdentity, Answer), AppError> {
        let (staff, planned) = self
            .plan_adjustment(caller, adjustment, keyed, now, entropy)
            .await?;
        let answer = match planned {
            Planned::Earlier(answer) => answer,
            Planned::Write(write) => self.commit_adjustment(keyed, write).await?,
        };
        Ok((staff, answer))
    }

    /// Reads what an adjustment needs and decides it: the key's earlier
    /// answer, or the batch to write.
    pub(super) async fn plan_adjustment(
        &self,
        caller: &Caller,
        adjustment: Adjustment<'_>,
        keyed: &Idempotency<'_>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(StaffIdentity, Planned), AppError> {
        let owner = KeyOwner::Staff(caller.staff_scope());
        let (principal, (remembered, account)) = self
            .read_as(
                caller,
                (
                    keyed.read(&owner),
                    store::account_of(adjustment.customer_id),
                ),
            )
            .await?;
        let staff = principal.staff()?;
        if let Some(earlier) = keyed.earlier(remembered.as_ref())? {
            return Ok((staff, Planned::Earlier(earlier)));
        }
        let balance = account.ok_or(AppError::NotFound)?;
        let owner = KeyOwner::staff(&staff.id);
        let scope = owner.text().unwrap_or_default();
        let entry = Entry::adjustment(
            entropy.id("led"),
            adjustment.customer_id,
            adjustment.coupons,
            adjustment.reason.as_str(),
            &staff.email,
            &format!("{scope}:{}", keyed.key.as_str()),
            now,
        );
        let body = serde_json::to_string(&AdjustedBalance {
            customer_id: adjustment.customer_id.to_owned(),
            coupon_balance: balance + adjustment.coupons,
        })
        .unwrap_or_else(|_| "{}".to_owned());
        let mut batch = vec![store::append_entry(&entry)];
        batch.extend(keyed.remembering(
            &owner,
            (201, &body),
            &Effect {
                table: "ledger_entries",
                id: &entry.id,
            },
            now,
        ));
        Ok((staff, Planned::Write(Write { owner, batch, body })))
    }

    pub(super) async fn commit_adjustment(
        &self,
        keyed: &Idempotency<'_>,
        write: Write,
    ) -> Result<Answer, AppError> {
        let written = self.store.write(write.batch).await;
        self.keyed_answer(
            keyed,
            &write.owner,
            written,
            (201, write.body),
            Vec::new(),
            |error| {
                if error.is_constraint("balance >= 0") {
                    AppError::Billing(BillingError::InsufficientBalance)
                } else {
                    error.into()
                }
            },
        )
        .await
    }
}

/// An adjustment decided from its read.
pub(super) enum Planned {
    /// The answer its key gave before.
    Earlier(Answer),
    Write(Write),
}

/// An adjustment's batch, and the answer it gives once written.
pub(super) struct Write {
    owner: KeyOwner,
    batch: Vec<store::Statement>,
    body: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app, customer, entropy, now, run, staff_member};
    use crate::domain::idempotency::{IdempotencyKey, RequestFingerprint};
    use crate::domain::ledger::EntryKind;

    fn read_input(json: serde_json::Value) -> Result<AdjustmentInput, Vec<(String, &'static str)>> {
        let object = json.as_object().unwrap().clone();
        let mut fields = Fields::new(&object);
        let input = AdjustmentInput::read(&mut fields);
        input.ok_or_else(|| {
            fields
                .errors
                .into_list()
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect()
        })
    }

    /// The API's JSON number and the desk form's text are one rule.
    #[test]
    fn an_adjustment_reads_alike_from_json_and_from_a_form() {
        let from_json = read_input(serde_json::json!({"coupons": -3, "reason": "refund"})).unwrap();
        let from_form =
            read_input(serde_json::json!({"coupons": " -3 ", "reason": "refund"})).unwrap();
        assert_eq!(from_json, from_form);
        assert_eq!(from_json.coupons, -3);
        for coupons in [
            serde_json::json!(0),
            serde_json::json!(1001),
            serde_json::json!("-1001"),
        ] {
            let errors =
                read_input(serde_json::json!({"coupons": coupons, "reason": "x"})).unwrap_err();
            assert_eq!(errors, vec![("coupons".to_owned(), "range")], "{coupons}");
        }
        let errors = read_input(serde_json::json!({"coupons": 1.5})).unwrap_err();
        assert_eq!(
            errors,
            vec![
                ("coupons".to_owned(), "type"),
                ("reason".to_owned(), "required")
            ]
        );
        let long = "x".repeat(501);
        assert!(read_input(serde_json::json!({"coupons": 1, "reason": long})).is_err());
    }

    fn goodwill(customer_id: &str, coupons: i64) -> Adjustment<'_> {
        Adjustment {
            customer_id,
            coupons,
            reason: Text::parse("goodwill", 100).unwrap(),
        }
    }

    fn write(planned: Planned) -> Write {
        match planned {
            Planned::Write(write) => write,
            Planned::Earlier(answer) => panic!("planned as a replay: {answer:?}"),
        }
    }

    fn adjustments(app: &crate::app::App<crate::store::sqlite::Sqlite>, id: &str) -> usize {
        run(app.ledger(id))
            .unwrap()
            .iter()
            .filter(|line| line.kind == EntryKind::Adjustment)
            .count()
    }

    #[test]
    fn two_adjustments_with_one_key_planned_from_one_read_adjust_once_and_answer_alike() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let id = customer.customer.id.as_str();
        let key = IdempotencyKey::parse("adj-1").unwrap();
        let request = RequestFingerprint::of("POST", "/adjust", b"3");
        let keyed = Idempotency {
            key: &key,
            request: &request,
        };
        let staff = staff_member();
        let plan = |seed| {
            let (_, planned) = run(app.plan_adjustment(
                &staff,
                goodwill(id, 3),
                &keyed,
                now(),
                &mut entropy(seed),
            ))
            .unwrap();
            write(planned)
        };
        let (one, two) = (plan(10), plan(11));
        let first = run(app.commit_adjustment(&keyed, one)).unwrap();
        let before = app.store.db().queries();
        let second = run(app.commit_adjustment(&keyed, two)).unwrap();
        assert_eq!(
            app.store.db().queries() - before,
            3,
            "its batch alone: the answer is confirmed in it, not read after it"
        );
        assert!(!first.replayed);
        assert!(second.replayed, "the second wrote nothing");
        assert_eq!(first.body, second.body);
        assert_eq!(run(app.store.coupon_balance(id)).unwrap(), 1 + 3);
        assert_eq!(adjustments(&app, id), 1);
    }

    #[test]
    fn another_request_racing_under_the_same_key_is_refused_and_adjusts_nothing() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let id = customer.customer.id.as_str();
        let key = IdempotencyKey::parse("adj-1").unwrap();
        let (three, five) = (
            RequestFingerprint::of("POST", "/adjust", b"3"),
            RequestFingerprint::of("POST", "/adjust", b"5"),
        );
        let staff = staff_member();
        let plan = |request, coupons, seed| {
            let keyed = Idempotency { key: &key, request };
            let (_, planned) = run(app.plan_adjustment(
                &staff,
                goodwill(id, coupons),
                &keyed,
                now(),
                &mut entropy(seed),
            ))
            .unwrap();
            write(planned)
        };
        let (one, two) = (plan(&three, 3, 10), plan(&five, 5, 11));
        let keyed = |request| Idempotency { key: &key, request };
        run(app.commit_adjustment(&keyed(&three), one)).unwrap();
        let refused = run(app.commit_adjustment(&keyed(&five), two));
        assert!(
            matches!(refused, Err(AppError::IdempotencyKeyReused)),
            "{refused:?}"
        );
        assert_eq!(run(app.store.coupon_balance(id)).unwrap(), 1 + 3);
        assert_eq!(adjustments(&app, id), 1);
    }
}
