//! Checking customers' VAT numbers with the EU's VIES service: a queue job
//! after registration or a changed number, and the sweep for numbers still
//! without a definite answer. Orders never wait for it: until VIES confirms
//! a number, the seller's rate applies.

use super::{App, AppError, Job};
use crate::domain::country::Country;
use crate::domain::entropy::Entropy;
use crate::domain::time::Instant;
use crate::domain::vat;
use crate::domain::vies::{Answer, CheckRequest};
use crate::store::{self, Database};

/// VIES, over HTTP in the Worker, or in tests a stand-in.
#[allow(async_fn_in_trait)]
pub trait VatChecker {
    /// VIES's answer about one number; a failure to reach it is
    /// `Answer::Unavailable`.
    async fn check(&self, request: &CheckRequest) -> Answer;
}

/// How long a check waits after VIES was unavailable.
pub const VIES_RETRY_SECONDS: u32 = 300;

/// Outages within an hour after which the job stops retrying itself and
/// the sweep, hourly, takes the number over.
const RETRIES_PER_HOUR: i64 = 3;

/// Numbers the sweep checks again at most per run.
const SWEEP_CHECKS: i64 = 20;

/// What a customer sees of their VAT number's check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VatStatus {
    Confirmed,
    /// VIES said the number is not valid, or it is no EU number VIES knows.
    NotConfirmed,
    /// No definite answer yet (not asked yet, or VIES was unavailable).
    BeingChecked,
}

impl VatStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::NotConfirmed => "not_confirmed",
            Self::BeingChecked => "being_checked",
        }
    }

    /// The status of `vat_id` given VIES's latest definite answer about
    /// it; None without a number.
    pub fn of(vat_id: Option<&str>, answer: Option<&store::ViesAnswer>) -> Option<Self> {
        let vat_id = vat_id?;
        if CheckRequest::for_vat_id(vat_id).is_none() {
            return Some(Self::NotConfirmed);
        }
        Some(match answer {
            None => Self::BeingChecked,
            Some(answer) if answer.confirmed => Self::Confirmed,
            Some(_) => Self::NotConfirmed,
        })
    }
}

/// Where a customer stands with VAT today: what VIES said of the number,
/// and how VAT applies to an order placed now, with the reason wherever it
/// is not reverse charge though it could have been. One function for the
/// profile, the coupons page and the price of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VatStanding {
    pub status: Option<VatStatus>,
    pub decision: vat::Decision,
}

impl VatStanding {
    /// From the customer's record as it is (or is about to be) and VIES's
    /// latest definite answer about its current number.
    pub fn of(
        seller: Country,
        customer: &store::CustomerRecord,
        answer: Option<&store::ViesAnswer>,
    ) -> Result<Self, AppError> {
        let country = Country::parse(&customer.country)
            .map_err(|_| store::DbError::Decode(format!("country {}", customer.country)))?;
        let vat_id = customer.vat_id.as_deref();
        let buyer = vat::Buyer {
            country,
            company_name: &customer.company_name,
            vat_id,
            vies: answer.map_or(vat::Vies::NoAnswerYet, store::ViesAnswer::vies),
        };
        Ok(Self {
            status: VatStatus::of(vat_id, answer),
            decision: vat::decide(seller, &buyer),
        })
    }
}

/// The job that checks a customer's VAT number, if the number changes to
/// one VIES can check.
pub(super) fn check_job(customer_id: &str, old: Option<&str>, new: Option<&str>) -> Option<Job> {
    let new = new.filter(|n| Some(*n) != old)?;
    CheckRequest::for_vat_id(new).map(|_| Job::CheckVat {
        customer_id: customer_id.to_owned(),
    })
}

impl<D: Database> App<D> {
    /// Asks VIES about the customer's current VAT number and records the
    /// answer in one batch. After an outage, the seconds to wait before
    /// asking again, a few times an hour; beyond that the sweep asks.
    pub async fn check_vat<C: VatChecker>(
        &self,
        customer_id: &str,
        checker: &C,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Option<u32>, AppError> {
        let (customer, outages) = self
            .store
            .read((
                store::customer_by_id(customer_id),
                store::outages_since(customer_id, now - chrono::Duration::hours(1)),
            ))
            .await?;
        let Some(vat_id) = customer.and_then(|c| c.vat_id) else {
            return Ok(None);
        };
        let Some(request) = CheckRequest::for_vat_id(&vat_id) else {
            return Ok(None);
        };
        let answer = checker.check(&request).await;
        let id = entropy.id("vat");
        self.store
            .write(vec![store::insert_vat_check(
                &id,
                customer_id,
                &vat_id,
                &answer,
                now,
            )])
            .await?;
        Ok(match answer {
            Answer::Unavailable(_) if outages < RETRIES_PER_HOUR => Some(VIES_RETRY_SECONDS),
            _ => None,
        })
    }

    /// The checks the sweep sends again: numbers without a definite answer
    /// and not asked about for an hour.
    pub(super) async fn unchecked_vat_numbers(&self, now: Instant) -> Result<Vec<Job>, AppError> {
        let customers = self
            .store
            .fetch(store::unchecked_vat_numbers(
                now - chrono::Duration::hours(1),
                SWEEP_CHECKS,
            ))
            .await?;
        Ok(customers
            .into_iter()
            .map(|customer_id| Job::CheckVat { customer_id })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::app::testing::{app, customer, entropy, now, run};
    use crate::domain::vies::Details;
    use crate::store::sqlite::Sqlite;
    use crate::store::Statement;

    /// VIES answering `answer`, counting the requests.
    struct StandIn {
        answer: Answer,
        asked: Cell<u32>,
    }

    impl VatChecker for StandIn {
        async fn check(&self, request: &CheckRequest) -> Answer {
            assert_eq!(request.country_code, "DE");
            self.asked.set(self.asked.get() + 1);
            self.answer.clone()
        }
    }

    fn vies(answer: Answer) -> StandIn {
        StandIn {
            answer,
            asked: Cell::new(0),
        }
    }

    /// A company in Germany with `vat_id`, named as VIES names
    /// DE123456789's holder.
    fn german(app: &App<Sqlite>, vat_id: &str) -> crate::app::CustomerPrincipal {
        let mut principal = customer(app, "ana@kovinar.si", 1);
        run(app.store.write(vec![Statement::new(
            "UPDATE customers SET country = 'DE', vat_id = ?2, company_name = 'Sternwarte Berlin' \
             WHERE id = ?1",
            vec![principal.customer.id.as_str().into(), vat_id.into()],
        )]))
        .unwrap();
        principal.customer.company_name = "Sternwarte Berlin".into();
        principal.customer.country = "DE".into();
        principal.customer.vat_id = Some(vat_id.into());
        principal
    }

    fn category(app: &App<Sqlite>, principal: &crate::app::CustomerPrincipal) -> &'static str {
        let caller = crate::app::Caller::customer(principal.clone(), now());
        run(app.pricing(&caller, now()))
            .unwrap()
            .1
            .treatment
            .category
            .as_str()
    }

    fn statuses(app: &App<Sqlite>) -> Vec<(String, Option<String>)> {
        run(app.store.query(Statement::new(
            "SELECT status, name FROM vat_checks ORDER BY checked_at, rowid",
            vec![],
        )))
        .unwrap()
        .iter()
        .map(|r| (r.text("status").unwrap(), r.opt_text("name").unwrap()))
        .collect()
    }

    #[test]
    fn an_outage_is_retried_a_few_times_then_left_to_the_sweep_and_orders_go_on() {
        let app = app();
        let principal = german(&app, "DE123456789");
        let id = principal.customer.id.as_str();
        let down = vies(Answer::Unavailable("VIES: MS_UNAVAILABLE".into()));
        let retries: Vec<_> = (0..4)
            .map(|n| run(app.check_vat(id, &down, now(), &mut entropy(n))).unwrap())
            .collect();
        let retry = Some(VIES_RETRY_SECONDS);
        assert_eq!(retries, [retry, retry, retry, None]);
        assert_eq!(statuses(&app).len(), 4);
        assert_eq!(category(&app, &principal), "standard");
        // Within the hour the sweep leaves the number to the job's retries.
        assert_eq!(run(app.unchecked_vat_numbers(now())).unwrap(), []);
        let later = now() + chrono::Duration::minutes(61);
        assert_eq!(
            run(app.unchecked_vat_numbers(later)).unwrap(),
            [Job::CheckVat {
                customer_id: id.to_owned()
            }]
        );
    }

    #[test]
    fn a_confirmed_number_is_recorded_with_its_evidence_and_a_replay_changes_nothing() {
        let app = app();
        let principal = german(&app, "DE123456789");
        let id = principal.customer.id.as_str();
        let details = Details {
            name: Some("Sternwarte Berlin GmbH".into()),
            request_identifier: Some("WAPIAAAAW".into()),
            ..Details::default()
        };
        let up = vies(Answer::Confirmed(details));
        for n in 0..2 {
            assert_eq!(
                run(app.check_vat(id, &up, now(), &mut entropy(n))).unwrap(),
                None
            );
        }
        assert_eq!(up.asked.get(), 2);
        let confirmed = (
            "confirmed".to_owned(),
            Some("Sternwarte Berlin GmbH".to_owned()),
        );
        assert_eq!(statuses(&app), [confirmed.clone(), confirmed]);
        assert_eq!(category(&app, &principal), "reverse_charge");
        let later = now() + chrono::Duration::hours(2);
        assert_eq!(run(app.unchecked_vat_numbers(later)).unwrap(), []);
    }

    #[test]
    fn a_number_never_checked_is_swept_and_one_outside_the_eu_is_never_asked() {
        let app = app();
        let principal = german(&app, "DE123456789");
        let id = principal.customer.id.to_string();
        // The test customer's SI number has never been asked about either.
        assert_eq!(
            run(app.unchecked_vat_numbers(now())).unwrap(),
            [Job::CheckVat {
                customer_id: id.clone()
            }]
        );
        run(app.store.write(vec![Statement::new(
            "UPDATE customers SET country = 'CH', vat_id = 'CHE123456789' WHERE id = ?1",
            vec![id.as_str().into()],
        )]))
        .unwrap();
        assert_eq!(run(app.unchecked_vat_numbers(now())).unwrap(), []);
        let never = vies(Answer::Confirmed(Details::default()));
        assert_eq!(
            run(app.check_vat(&id, &never, now(), &mut entropy(1))).unwrap(),
            None
        );
        assert_eq!(never.asked.get(), 0);
        assert_eq!(statuses(&app), []);
    }

    #[test]
    fn the_job_goes_with_a_new_checkable_number_only() {
        let job = Some(Job::CheckVat {
            customer_id: "cus_1".into(),
        });
        assert_eq!(check_job("cus_1", None, Some("DE123456789")), job);
        assert_eq!(
            check_job("cus_1", Some("SI12345678"), Some("DE123456789")),
            job
        );
        assert_eq!(
            check_job("cus_1", Some("DE123456789"), Some("DE123456789")),
            None
        );
        assert_eq!(check_job("cus_1", Some("DE123456789"), None), None);
        assert_eq!(check_job("cus_1", None, Some("CHE123456789")), None);
    }
}
