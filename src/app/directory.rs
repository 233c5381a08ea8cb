//! The desk's directory (issue 22): finding an organisation by anything a
//! person may know of it, one organisation's whole file, and the orders a
//! bank entry may pay. Reads only, each one D1 round trip with the caller.

use super::{App, AppError, Caller, StaffIdentity};
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::messages as m;
use crate::domain::search::{amount_cents, SearchTerms, PAGE_SIZE};
use crate::store::{
    self, BankEntryRecord, Database, OrderRecord, OrganisationFile, OrganisationHit,
};

/// A search's text and page as the API and the desk's page send them: `q`
/// (no terms when shorter than two characters) and `page`, from 1 to 500.
pub fn read_search(
    q: Option<&str>,
    page: Option<&str>,
) -> Result<(Option<SearchTerms>, i64), FieldErrors> {
    let terms = q.and_then(SearchTerms::parse);
    match page {
        None => Ok((terms, 1)),
        Some(text) => match text.parse::<i64>() {
            Ok(page) if (1..=500).contains(&page) => Ok((terms, page)),
            _ => {
                let mut errors = FieldErrors::default();
                errors.push(
                    "page",
                    Invalid::said("range", |l| m::field_whole_number_up_to(l, "500")),
                );
                Err(errors)
            }
        },
    }
}

/// A page of organisations found.
#[derive(Debug)]
pub struct Found {
    pub staff: StaffIdentity,
    /// Best first; at most a page.
    pub organisations: Vec<OrganisationHit>,
    pub page: i64,
    /// The next page's number, when there are more.
    pub next_page: Option<i64>,
}

impl<D: Database> App<D> {
    /// The organisations matching `terms` (none without terms), page `page`
    /// (from 1), for any member of staff.
    pub async fn search_organisations(
        &self,
        caller: &Caller,
        terms: Option<&SearchTerms>,
        page: i64,
    ) -> Result<Found, AppError> {
        let (principal, hits) = self
            .read_as(
                caller,
                terms.map(|terms| store::organisations_matching(terms, page)),
            )
            .await?;
        let staff = principal.staff()?;
        let mut organisations = hits.unwrap_or_default();
        let more = organisations.len() as i64 > PAGE_SIZE;
        organisations.truncate(PAGE_SIZE as usize);
        Ok(Found {
            staff,
            organisations,
            page,
            next_page: more.then_some(page + 1),
        })
    }

    /// One organisation's file for the desk; an unknown id is `NotFound`.
    pub async fn organisation_file(
        &self,
        caller: &Caller,
        customer_id: &str,
    ) -> Result<(StaffIdentity, OrganisationFile), AppError> {
        let (principal, file) = self
            .read_as(caller, store::organisation_file(customer_id))
            .await?;
        let staff = principal.staff()?;
        if file.customer.is_none() {
            return Err(AppError::NotFound);
        }
        Ok((staff, file))
    }

    /// The orders a bank entry may pay, found by number, amount, company or
    /// RF reference (none without terms), with each one's company name.
    pub async fn orders_for_matching(
        &self,
        caller: &Caller,
        terms: Option<&SearchTerms>,
    ) -> Result<(StaffIdentity, Vec<(OrderRecord, String)>), AppError> {
        let (principal, orders) = self
            .read_as(
                caller,
                terms.map(|terms| store::orders_matching(terms, amount_cents(&terms.exact))),
            )
            .await?;
        Ok((principal.staff()?, orders.unwrap_or_default()))
    }

    /// The desk's statements page: the unmatched entries and, when the
    /// clerk searched for one entry's order, the candidates; one round trip.
    pub async fn unmatched_with_candidates(
        &self,
        caller: &Caller,
        terms: Option<&SearchTerms>,
    ) -> Result<
        (
            StaffIdentity,
            Vec<BankEntryRecord>,
            Vec<(OrderRecord, String)>,
        ),
        AppError,
    > {
        let (principal, (entries, orders)) = self
            .read_as(
                caller,
                (
                    store::unmatched_bank_entries(200),
                    terms.map(|terms| store::orders_matching(terms, amount_cents(&terms.exact))),
                ),
            )
            .await?;
        Ok((principal.staff()?, entries, orders.unwrap_or_default()))
    }
}
