//! Tasks and orders in review: what finance settles by hand.

use super::*;

pub(crate) fn tasks_html(
    role: StaffRole,
    status: u16,
    queue: &TaskQueue,
    failed: Failed<'_>,
    lang: Language,
) -> Handled {
    let errors;
    let failed = match failed {
        Some((which, failed_errors, values)) => {
            errors = failed_errors.clone().in_language(lang);
            Some((which, &errors, values))
        }
        None => None,
    };
    let tasks: Vec<Vec<Html>> = queue
        .tasks
        .iter()
        .map(|t| {
            let id = &t.id;
            vec![
                when(lang, t.created_at),
                html!("{}", status_text(lang, &t.kind)),
                organisation(t.customer_id.as_deref(), t.customer_name.as_deref()),
                html!(
                    "{}",
                    t.order_number
                        .as_deref()
                        .or(t.order_id.as_deref())
                        .unwrap_or("")
                ),
                t.amount_cents.map_or(Html::EMPTY, |cents| {
                    html!("{}", crate::domain::format::money(lang, cents))
                }),
                html!("{}", reason_text(lang, &t.detail)),
                html!(
                    "<form method=\"post\" action=\"/desk/tasks/{}/resolve\" class=\"inline\">{}\
                     <button type=\"submit\">{}</button></form>",
                    id,
                    row_field(&t.id, "note", m::desk2_tasks_note(lang), failed),
                    m::desk2_tasks_resolve(lang)
                ),
            ]
        })
        .collect();
    let orders: Vec<Vec<Html>> = queue
        .in_review
        .iter()
        .map(|record| {
            let order = &record.order;
            let id = &order.id;
            let chosen = match failed {
                Some((which, _, values)) if which == id => value(values, "action").to_owned(),
                _ => String::new(),
            };
            vec![
                html!(
                    "{}",
                    record.number.as_ref().map_or(id.as_str(), |n| n.as_str())
                ),
                organisation(
                    Some(order.customer_id.as_str()),
                    queue
                        .names
                        .get(order.customer_id.as_str())
                        .map(String::as_str),
                ),
                html!(
                    "{}",
                    m::desk2_tasks_order_total(
                        lang,
                        m::Desk2TasksOrderTotal {
                            count: i64::from(order.quantity.get()),
                            total: &crate::domain::format::money(lang, order.total.cents()),
                        }
                    )
                ),
                html!(
                    "{}",
                    reason_text(lang, record.review_reason.as_deref().unwrap_or(""))
                ),
                html!(
                    "<form method=\"post\" action=\"/desk/orders/{}/settle\" class=\"inline\">{}{}\
                     <button type=\"submit\">{}</button></form>",
                    id,
                    select_field(
                        &format!("action-{id}"),
                        "action",
                        m::desk2_tasks_settle_by(lang),
                        &[
                            ("credit", m::desk2_tasks_credit(lang)),
                            ("refund", m::desk2_tasks_refund(lang)),
                            ("cancel", m::desk2_tasks_cancel(lang)),
                        ],
                        &chosen,
                    ),
                    row_field(id, "note", m::desk2_tasks_note(lang), failed),
                    m::desk2_tasks_settle(lang)
                ),
            ]
        })
        .collect();
    let body = html!(
        "{}\n<h2>{}</h2>{}",
        table(
            lang,
            m::desk2_tasks_caption(lang),
            &[
                m::desk2_tasks_raised(lang),
                m::desk2_tasks_kind(lang),
                m::desk2_tasks_customer(lang),
                m::desk2_tasks_order(lang),
                m::desk2_tasks_amount(lang),
                m::desk2_tasks_detail(lang),
                m::desk2_tasks_resolve(lang),
            ],
            &tasks
        ),
        m::desk2_tasks_in_review_heading(lang),
        table(
            lang,
            m::desk2_tasks_in_review_caption(lang),
            &[
                m::desk2_tasks_order(lang),
                m::desk2_tasks_customer(lang),
                m::desk2_tasks_total_column(lang),
                m::desk2_tasks_why(lang),
                m::desk2_tasks_settle(lang),
            ],
            &orders
        )
    );
    desk2_page(lang, role, status, m::desk2_tasks_title(lang), body)
}

/// Why a task was raised or an order is in review, as stored (the
/// portal's English sentence, which the API keeps), in the reader's words;
/// a sentence this does not know as stored.
pub(crate) fn reason_text(lang: Language, stored: &str) -> String {
    let euros = |cents: i64| crate::domain::format::money(lang, cents);
    None.or_else(|| {
        let (paid, due) = stored
            .strip_prefix("paid ")?
            .strip_suffix(" cents")?
            .split_once(" cents, the order's total due is ")?;
        Some(m::desk2_reason_card_amount(
            lang,
            m::Desk2ReasonCardAmount {
                paid: &euros(paid.parse().ok()?),
                due: &euros(due.parse().ok()?),
            },
        ))
    })
    .or_else(|| {
        let currency = stored
            .strip_prefix("paid in ")?
            .strip_suffix(", the order is in EUR")?;
        Some(m::desk2_reason_card_currency(lang, currency))
    })
    .or_else(|| {
        let status = stored.strip_prefix("card payment for an order that is ")?;
        Some(m::desk2_reason_card_status(
            lang,
            status_text(lang, status).as_str(),
        ))
    })
    .or_else(|| {
        let (amount, order) = stored
            .strip_prefix("EUR ")?
            .strip_suffix("'s total due, to refund")?
            .split_once(" paid beyond order ")?;
        let amount = Money::parse(amount).ok()?;
        Some(m::desk2_reason_refund_excess(
            lang,
            m::Desk2ReasonRefundExcess {
                amount: &euros(amount.cents()),
                order,
            },
        ))
    })
    .or_else(|| {
        let count = stored.strip_suffix(" refunded coupon(s) were already used")?;
        Some(m::desk2_reason_coupon_debt(lang, count.parse().ok()?))
    })
    .unwrap_or_else(|| stored.to_owned())
}

/// The organisation a task or order is of, by name, linked to its page.
fn organisation(id: Option<&str>, name: Option<&str>) -> Html {
    match (id, name) {
        (Some(id), Some(name)) => html!("<a href=\"/desk/organisations/{}\">{}</a>", id, name),
        (Some(id), None) => html!("<a href=\"/desk/organisations/{}\">{}</a>", id, id),
        _ => Html::EMPTY,
    }
}

/// The tasks page again with a refused form's errors (422), from one read.
pub(crate) async fn tasks_again<D: Database>(
    app: &App<D>,
    caller: &Caller,
    failed: Failed<'_>,
    lang: Language,
) -> Result<Handled> {
    let (staff, queue) = app.task_queue(caller).await?;
    Ok(tasks_html(staff.role, 422, &queue, failed, lang))
}

/// `GET /desk/tasks`.
pub async fn tasks_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
) -> Result<Handled> {
    let (staff, queue) = app.task_queue(caller).await?;
    Ok(tasks_html(staff.role, 200, &queue, None, lang))
}

/// `POST /desk/tasks/{id}/resolve`.
pub async fn resolve_task<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    lang: Language,
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let Some(note) = crate::app::tasks::note(&mut fields) else {
        return tasks_again(app, caller, Some((id, &fields.errors, &object)), lang).await;
    };
    match app.resolve_task(caller, id, &note, now).await {
        Ok(_) => Ok(Response::redirect("/desk/tasks").into()),
        Err(error) => refusal_page(lang, Area::Desk, error),
    }
}

/// `POST /desk/orders/{id}/settle`.
pub async fn settle_order<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
    lang: Language,
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let (action, note) = match crate::app::tasks::settlement(&mut fields) {
        Ok(parsed) => parsed,
        Err(errors) => return tasks_again(app, caller, Some((id, &errors, &object)), lang).await,
    };
    match app
        .settle_order(caller, id, action, &note, now, entropy)
        .await
    {
        Ok((_, _, jobs)) => Ok(Handled::with_jobs(Response::redirect("/desk/tasks"), jobs)),
        Err(error) => refusal_page(lang, Area::Desk, error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::{CardSettlement, Order, OrderStatus, PaymentMethod, Quantity};
    use crate::domain::reconciliation::{apply_transfer, OrderChange};

    /// A domestic buyer's card order of two coupons: 61.00 due.
    fn order() -> Order {
        Order::place(
            "ord_1".into(),
            "cus_1",
            Quantity::parse(2).unwrap(),
            PaymentMethod::Card,
            crate::domain::order::domestic_pricing(false),
            None,
            crate::domain::time::from_unix_millis(0).unwrap(),
            chrono::Duration::days(30),
        )
    }

    fn review(order: &Order, cents: i64, currency: &str) -> String {
        match order.settle_card(cents, currency) {
            CardSettlement::Review(reason) => reason,
            _ => panic!("not sent to review"),
        }
    }

    #[test]
    fn every_reason_the_core_gives_is_said_in_each_language() {
        let order = order();
        let mut in_review = order.clone();
        in_review.status = OrderStatus::Review;
        let said = |stored: &str| {
            (
                reason_text(Language::Sl, stored),
                reason_text(Language::En, stored),
            )
        };
        assert_eq!(
            said(&review(&order, 100, "eur")),
            (
                "plačano 1,00\u{a0}€, naročilo pa znaša 61,00\u{a0}€".to_owned(),
                "paid €1.00, the order's total due is €61.00".to_owned()
            )
        );
        assert_eq!(
            said(&review(&order, 6100, "usd")).0,
            "plačano v valuti usd, naročilo pa je v evrih"
        );
        assert_eq!(
            said(&review(&in_review, 6100, "eur")).0,
            "plačilo s kartico za naročilo v stanju „v pregledu“"
        );
        // Written by the store's SQL.
        assert_eq!(
            said("EUR 5.00 paid beyond order ord_1's total due, to refund").0,
            "plačano 5,00\u{a0}€ več, kot znaša naročilo ord_1; treba je vrniti"
        );
        for (count, sl, en) in [
            (
                1,
                "1 vrnjen kupon je bil že porabljen",
                "1 refunded coupon was already used",
            ),
            (
                2,
                "2 vrnjena kupona sta bila že porabljena",
                "2 refunded coupons were already used",
            ),
            (
                3,
                "3 vrnjeni kuponi so bili že porabljeni",
                "3 refunded coupons were already used",
            ),
            (
                5,
                "5 vrnjenih kuponov je bilo že porabljenih",
                "5 refunded coupons were already used",
            ),
        ] {
            let stored = format!("{count} refunded coupon(s) were already used");
            assert_eq!(said(&stored), (sl.to_owned(), en.to_owned()));
        }
        assert_eq!(said("something new").0, "something new");
    }

    #[test]
    fn every_transfer_detail_the_core_gives_is_said_in_slovenian() {
        let sl = |stored: &str| super::super::statements::detail_text(Language::Sl, stored);
        let mut change = OrderChange::new(order());
        let (_, partial) = apply_transfer(&mut change, "a", Money::from_cents(2000).unwrap());
        assert_eq!(sl(&partial), "prejeto 20,00\u{a0}€ od 61,00\u{a0}€");
        let (_, overpaid) = apply_transfer(&mut change, "b", Money::from_cents(4600).unwrap());
        assert_eq!(
            sl(&overpaid),
            "plačano v celoti; preplačilo 5,00\u{a0}€ je treba vrniti"
        );
        let (_, surplus) = apply_transfer(&mut change, "c", Money::from_cents(100).unwrap());
        assert_eq!(
            sl(&surplus),
            "stanje naročila: plačano; vrniti je treba 1,00\u{a0}€"
        );
        let mut exact = OrderChange::new(order());
        let (_, paid) = apply_transfer(&mut exact, "d", Money::from_cents(6100).unwrap());
        assert_eq!(sl(&paid), "plačano v celoti");
        for (stored, said) in [
            ("imported before", "uvoženo že prej"),
            (
                "no order has this reference",
                "nobeno naročilo nima tega sklica",
            ),
            ("a debit", "breme (odliv)"),
            ("a reversal", "storno"),
            ("not booked", "ni knjiženo"),
            ("in USD, not EUR", "v valuti USD, ne v evrih"),
        ] {
            assert_eq!(sl(stored), said);
        }
    }
}
