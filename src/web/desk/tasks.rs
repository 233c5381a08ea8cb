//! Tasks and orders in review: what finance settles by hand.

use super::*;

pub(crate) fn tasks_html(
    role: StaffRole,
    status: u16,
    queue: &TaskQueue,
    failed: Failed<'_>,
) -> Handled {
    let tasks: Vec<Vec<Html>> = queue
        .tasks
        .iter()
        .map(|t| {
            let id = &t.id;
            vec![
                when(UNTRANSLATED, t.created_at),
                html!("{}", status_text(UNTRANSLATED, &t.kind)),
                organisation(t.customer_id.as_deref(), t.customer_name.as_deref()),
                html!(
                    "{}",
                    t.order_number
                        .as_deref()
                        .or(t.order_id.as_deref())
                        .unwrap_or("")
                ),
                t.amount_cents
                    .and_then(Money::from_cents)
                    .map_or(Html::EMPTY, |m| html!("EUR {}", m)),
                html!("{}", t.detail),
                html!(
                    "<form method=\"post\" action=\"/desk/tasks/{}/resolve\" class=\"inline\">{}\
                     <button type=\"submit\">Resolve</button></form>",
                    id,
                    row_field(&t.id, "note", "Note", failed)
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
                html!("{} coupons, EUR {}", order.quantity.get(), order.total),
                html!("{}", record.review_reason.as_deref().unwrap_or("")),
                html!(
                    "<form method=\"post\" action=\"/desk/orders/{}/settle\" class=\"inline\">{}{}\
                     <button type=\"submit\">Settle</button></form>",
                    id,
                    select_field(
                        &format!("action-{id}"),
                        "action",
                        "Settle by",
                        &[
                            ("credit", "Credit the coupons (accept the payment)"),
                            ("refund", "Refund the payment"),
                            ("cancel", "Cancel the order"),
                        ],
                        &chosen,
                    ),
                    row_field(id, "note", "Note", failed)
                ),
            ]
        })
        .collect();
    let body = html!(
        "{}\n<h2>Orders in review</h2>{}",
        table(
            UNTRANSLATED,
            "Open tasks, oldest first",
            &["Raised", "Kind", "Customer", "Order", "Amount", "Detail", "Resolve"],
            &tasks
        ),
        table(
            UNTRANSLATED,
            "Payments that did not fit their order",
            &["Order", "Customer", "Order total", "Why", "Settle"],
            &orders
        )
    );
    desk(role, status, "Tasks", body)
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
) -> Result<Handled> {
    let (staff, queue) = app.task_queue(caller).await?;
    Ok(tasks_html(staff.role, 422, &queue, failed))
}

/// `GET /desk/tasks`.
pub async fn tasks_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, queue) = app.task_queue(caller).await?;
    Ok(tasks_html(staff.role, 200, &queue, None))
}

/// `POST /desk/tasks/{id}/resolve`.
pub async fn resolve_task<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let Some(note) = crate::app::tasks::note(&mut fields) else {
        return tasks_again(app, caller, Some((id, &fields.errors, &object))).await;
    };
    match app.resolve_task(caller, id, &note, now).await {
        Ok(_) => Ok(Response::redirect("/desk/tasks").into()),
        Err(error) => refusal_page(UNTRANSLATED, Area::Desk, error),
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
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let (action, note) = match crate::app::tasks::settlement(&mut fields) {
        Ok(parsed) => parsed,
        Err(errors) => return tasks_again(app, caller, Some((id, &errors, &object))).await,
    };
    match app
        .settle_order(caller, id, action, &note, now, entropy)
        .await
    {
        Ok((_, _, jobs)) => Ok(Handled::with_jobs(Response::redirect("/desk/tasks"), jobs)),
        Err(error) => refusal_page(UNTRANSLATED, Area::Desk, error),
    }
}
