//! Balance adjustments: a staff correction of a customer's coupons.

use super::*;
use crate::app::{AdjustedBalance, AdjustmentInput};

/// The adjustment form, with a fresh idempotency key unless it shows a
/// refused one again: a double submit of one rendered form adjusts once.
pub(crate) fn adjustment_form(
    key: &str,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Html {
    html!(
        "<form method=\"post\" action=\"/desk/adjustments\">\
         <input type=\"hidden\" name=\"idempotency_key\" value=\"{}\">{}{}{}\
         <button type=\"submit\">Adjust the balance</button></form>",
        key,
        input(
            "customer_id",
            "Customer (cus_…)",
            "text",
            value(values, "customer_id"),
            errors,
            " required"
        ),
        input(
            "coupons",
            "Coupons to add (negative to take)",
            "number",
            value(values, "coupons"),
            errors,
            " required step=\"1\""
        ),
        input(
            "reason",
            "Reason",
            "text",
            value(values, "reason"),
            errors,
            " required"
        )
    )
}

/// `GET /desk/adjustments`.
pub fn adjustments_page(principal: &Principal, entropy: &mut Entropy) -> Result<Handled> {
    let staff = principal.staff()?;
    let body = adjustment_form(&entropy.id("adj"), &FieldErrors::default(), &Map::new());
    Ok(desk(staff.role, 200, "Adjust a balance", body))
}

/// `POST /desk/adjustments`: the same use case as the API's, keyed by the
/// form's hidden key in the staff member's own scope.
pub async fn adjust<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let input = AdjustmentInput::read(&mut fields);
    let customer_id = fields.parse("customer_id", |t| Text::parse(t, 100));
    let key = fields.parse("idempotency_key", IdempotencyKey::parse);
    let mut errors = fields.errors;
    let shown_key = value(&object, "idempotency_key").to_owned();
    let again = |role: StaffRole, status: u16, errors: &FieldErrors| -> Result<Handled> {
        Ok(desk(
            role,
            status,
            "Adjust a balance",
            adjustment_form(&shown_key, errors, &object),
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
                "<p role=\"status\">The balance of {} is now {} coupon(s).</p>{}",
                customer_id.as_str(),
                balance.to_string(),
                adjustment_form(&entropy.id("adj"), &FieldErrors::default(), &Map::new())
            );
            Ok(desk(role, 200, "Balance adjusted", done))
        }
        Err(AppError::NotFound) => {
            errors.push(
                "customer_id",
                Invalid::new("unknown", "no customer has this id"),
            );
            again(role, 422, &errors)
        }
        Err(AppError::Billing(BillingError::InsufficientBalance)) => {
            errors.push(
                "coupons",
                Invalid::new("insufficient", "would take the balance below zero"),
            );
            again(role, 409, &errors)
        }
        Err(error) => Ok(problem_page(Area::Desk, error.into())),
    }
}
