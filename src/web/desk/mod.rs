//! The staff desk's pages, one module an area. Each calls the same parser
//! and use case as its API endpoint; a wrong field shows the form again
//! (422) with what was typed and the error next to the field. This module
//! holds what the areas' forms share.

mod adjustments;
mod audit;
mod bulletins;
mod callers;
mod claims;
mod directory;
mod health;
mod incidents;
mod licenses;
mod outbox;
mod partners;
mod statements;
mod tasks;

pub use adjustments::*;
pub use audit::*;
pub use bulletins::*;
pub use callers::*;
pub use claims::*;
pub use directory::*;
pub use health::*;
pub use incidents::*;
pub use licenses::*;
pub use outbox::*;
pub use partners::*;
pub use statements::*;
pub use tasks::*;

use super::prelude::*;
use crate::app::BillingError;
use crate::domain::phone::Phone;

/// A form that failed: which one (a task or order id), its errors, and what
/// was typed.
pub(crate) type Failed<'a> = Option<(&'a str, &'a FieldErrors, &'a Map<String, Value>)>;

/// A field of one row's form: ids carry the row's id, so that many forms
/// on a page keep their labels and errors apart.
pub(crate) fn row_field(row: &str, name: &str, label: &str, failed: Failed) -> Html {
    let id = format!("{name}-{row}");
    let (typed, error) = match failed {
        Some((which, errors, values)) if which == row => {
            (value(values, name).to_owned(), error_for(errors, name))
        }
        _ => (String::new(), None),
    };
    let (described, message) = error.map_or((Html::EMPTY, Html::EMPTY), |e| {
        (
            html!(" aria-invalid=\"true\" aria-describedby=\"{}-error\"", id),
            html!(
                "<span id=\"{}-error\" class=\"field-error\" role=\"alert\">{}</span>",
                id,
                e
            ),
        )
    });
    html!(
        "<label for=\"{}\">{}</label> <input id=\"{}\" name=\"{}\" value=\"{}\" required{}>{} ",
        id,
        label,
        id,
        name,
        typed,
        described,
        message
    )
}

/// A select whose chosen option is what was sent.
pub(crate) fn select_field(
    id: &str,
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    chosen: &str,
) -> Html {
    let options = options_html(options, chosen);
    html!(
        "<label for=\"{}\">{}</label> <select id=\"{}\" name=\"{}\">{}</select> ",
        id,
        label,
        id,
        name,
        options
    )
}

pub(crate) fn desk(role: StaffRole, status: u16, title: &str, body: Html) -> Handled {
    page_in(UNTRANSLATED, Area::DeskAs(role), status, title, body).into()
}
