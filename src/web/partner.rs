//! The partner pages.

use super::prelude::*;

pub async fn partner<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &crate::app::Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let account = app.partner_account(caller).await?;
    let partner = &account.partner;
    let today = now.date_naive();
    let rows: Vec<Vec<Html>> = account
        .subscriptions
        .iter()
        .map(|s| {
            let coverage = crate::app::coverage_of(s);
            vec![
                html!("{}", s.serial),
                coverage.map_or(Html::EMPTY, |c| {
                    html!("{} to {}", c.from.to_string(), c.last_day().to_string())
                }),
                if coverage.is_some_and(|c| c.covers(today)) {
                    html!("active")
                } else {
                    html!("ended")
                },
                s.monthly_fee_cents
                    .and_then(Money::from_cents)
                    .map_or(Html::EMPTY, |f| html!("EUR {}", f)),
            ]
        })
        .collect();
    let month = request
        .query_param("month")
        .unwrap_or_else(|| crate::domain::time::year_month(today));
    let statement = match crate::domain::subscription::parse_month(&month) {
        Ok((year, number)) => {
            let statement = account.statement(year, number);
            let total = statement.total;
            let rows: Vec<Vec<Html>> = statement
                .lines
                .iter()
                .map(|(serial, l)| {
                    vec![
                        html!("{}", serial),
                        html!("{} of {}", l.days_covered, l.days_in_month),
                        html!("EUR {}", l.amount),
                    ]
                })
                .collect();
            html!(
                "{}<p>Total for {}: <strong>EUR {}</strong></p>",
                table("Statement", &["License", "Days covered", "Fee"], &rows),
                month,
                total
            )
        }
        Err(_) => html!("<p role=\"alert\">Give the month as YYYY-MM.</p>"),
    };
    let body = html!(
        "<p>{}</p>{}<h2>Monthly statement</h2><form method=\"get\" action=\"/partner\"><p><label for=\"month\">Month (YYYY-MM)</label> \
         <input id=\"month\" name=\"month\" value=\"{}\"></p><button type=\"submit\">Show</button></form>{}\
         {}<h2>Technician activation</h2>{}",
        partner.name,
        table("SUPS subscriptions", &["License", "Covered", "State", "Monthly fee"], &rows),
        month,
        statement,
        if partner.sells_sups() {
            super::desk::sups_form(&entropy.id("sups"), &FieldErrors::default(), &Map::new())
        } else {
            Html::EMPTY
        },
        activation_form("/partner/activations", true),
    );
    Ok(page_in(Area::Partner, 200, "Partner", body).into())
}

pub async fn partner_activate<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &crate::app::Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    activate_from_form(app, caller, request, Area::Partner, now, entropy).await
}
