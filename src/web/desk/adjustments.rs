//! Balance adjustments: a staff correction of a customer's coupons.

use super::*;
use crate::app::{AdjustedBalance, AdjustmentInput};

/// The adjustment form, with a fresh idempotency key unless it shows a
/// refused one again: a double submit of one rendered form adjusts once.
/// The customer is never typed (issue 22): the form starts from the
/// organisation's page (or `?organisation=`) and carries its id hidden;
/// without one it offers the customer search instead.
pub(crate) fn adjustment_form(
    lang: Language,
    key: &str,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Html {
    let customer_id = value(values, "customer_id");
    if customer_id.is_empty() {
        return html!(
            "<p>{}</p>\
             <form method=\"get\" action=\"/desk/organisations\" role=\"search\" aria-label=\"{}\">\
             <p><label for=\"adjust-search\">{}</label>\
             <input id=\"adjust-search\" name=\"q\" type=\"search\" minlength=\"2\" required></p>\
             <button type=\"submit\">{}</button></form>",
            m::desk2_adjust_find_first(lang),
            m::desk2_adjust_search_name(lang),
            m::desk2_adjust_search_label(lang),
            m::desk2_adjust_search_button(lang)
        );
    }
    let errors = &errors.clone().in_language(lang);
    let customer_error = error_for(errors, "customer_id").map_or(Html::EMPTY, |e| {
        html!("<span class=\"field-error\" role=\"alert\">{}</span>", e)
    });
    html!(
        "<form method=\"post\" action=\"/desk/adjustments\">\
         <input type=\"hidden\" name=\"idempotency_key\" value=\"{}\">\
         <input type=\"hidden\" name=\"customer_id\" value=\"{}\">\
         <p>{} <a href=\"/desk/organisations/{}\">{}</a> {}</p>{}{}\
         <button type=\"submit\">{}</button></form>",
        key,
        customer_id,
        m::desk2_adjust_customer(lang),
        customer_id,
        customer_id,
        customer_error,
        input(
            "coupons",
            m::desk2_adjust_coupons(lang),
            "number",
            value(values, "coupons"),
            errors,
            " required step=\"1\""
        ),
        input(
            "reason",
            m::desk2_adjust_reason(lang),
            "text",
            value(values, "reason"),
            errors,
            " required"
        ),
        m::desk2_adjust_button(lang)
    )
}

/// `GET /desk/adjustments?organisation=`: the form for that organisation,
/// or the customer search.
pub fn adjustments_page(
    principal: &Principal,
    request: &Request,
    entropy: &mut Entropy,
    lang: Language,
) -> Result<Handled> {
    let staff = principal.staff()?;
    let mut values = Map::new();
    if let Some(id) = request.query_param("organisation") {
        values.insert("customer_id".into(), Value::String(id));
    }
    let body = adjustment_form(lang, &entropy.id("adj"), &FieldErrors::default(), &values);
    Ok(desk2_page(
        lang,
        staff.role,
        200,
        m::desk2_adjust_title(lang),
        body,
    ))
}

/// `POST /desk/adjustments`: the same use case as the API's, keyed by the
/// form's hidden key in the staff member's own scope.
pub async fn adjust<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
    lang: Language,
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let input = AdjustmentInput::read(&mut fields);
    let customer_id = fields.parse("customer_id", |t| Text::parse(t, 100));
    let key = fields.parse("idempotency_key", IdempotencyKey::parse);
    let mut errors = fields.errors;
    let shown_key = value(&object, "idempotency_key").to_owned();
    let again = |role: StaffRole, status: u16, errors: &FieldErrors| -> Result<Handled> {
        Ok(desk2_page(
            lang,
            role,
            status,
            m::desk2_adjust_title(lang),
            adjustment_form(lang, &shown_key, errors, &object),
        ))
    };
    let (Some(input), Some(customer_id), Some(key)) = (input, customer_id, key) else {
        let staff = app.identify(caller).await?.staff()?;
        return again(staff.role, 422, &errors);
    };
    let fingerprint = RequestFingerprint::of(request.method.as_str(), &request.path, &request.body);
    let keyed = Idempotency {
        key: &key,
        request: &fingerprint,
    };
    let adjustment = Adjustment {
        customer_id: customer_id.as_str(),
        coupons: input.coupons,
        reason: input.reason,
    };
    let (role, adjusted) = match app.adjust(caller, adjustment, &keyed, now, entropy).await {
        Ok((staff, answer)) => (staff.role, Ok(answer)),
        Err(error) => match caller.resolved().map(Principal::staff) {
            // Refused once the caller is known: its own desk says why.
            Some(Ok(staff)) => (staff.role, Err(error)),
            _ => return Err(error.into()),
        },
    };
    match adjusted {
        Ok(answer) => {
            let balance = AdjustedBalance::of(&answer).map_or(0, |b| b.coupon_balance);
            let done = html!(
                "<p role=\"status\">{}</p>{}",
                m::desk2_adjust_done(
                    lang,
                    m::Desk2AdjustDone {
                        customer: customer_id.as_str(),
                        count: balance,
                    }
                ),
                adjustment_form(lang, &entropy.id("adj"), &FieldErrors::default(), &{
                    let mut values = Map::new();
                    values.insert(
                        "customer_id".into(),
                        Value::String(customer_id.as_str().to_owned()),
                    );
                    values
                })
            );
            Ok(desk2_page(
                lang,
                role,
                200,
                m::desk2_adjust_done_title(lang),
                done,
            ))
        }
        Err(AppError::NotFound) => {
            errors.push(
                "customer_id",
                Invalid::said("unknown", m::field_unknown_customer),
            );
            again(role, 422, &errors)
        }
        Err(AppError::Billing(BillingError::InsufficientBalance)) => {
            errors.push(
                "coupons",
                Invalid::said("insufficient", m::field_below_zero),
            );
            again(role, 409, &errors)
        }
        Err(error) => Ok(problem_page(lang, Area::Desk, error.into())),
    }
}

/// A desk page in the reader's language (this module's pages and those of
/// the finance and admin areas next to it).
pub(crate) fn desk2_page(
    lang: Language,
    role: StaffRole,
    status: u16,
    title: &str,
    body: Html,
) -> Handled {
    page_in(lang, Area::DeskAs(role), status, title, body).into()
}
