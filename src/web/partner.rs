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
    let rows: Vec<Vec<String>> = account
        .subscriptions
        .iter()
        .map(|s| {
            let coverage = crate::app::coverage_of(s);
            vec![
                escape(&s.serial),
                coverage.map_or(String::new(), |c| format!("{} to {}", c.from, c.last_day())),
                if coverage.is_some_and(|c| c.covers(today)) {
                    "active".into()
                } else {
                    "ended".into()
                },
                s.monthly_fee_cents
                    .and_then(Money::from_cents)
                    .map_or(String::new(), |f| format!("EUR {f}")),
            ]
        })
        .collect();
    let month = request
        .query_param("month")
        .unwrap_or_else(|| today.format("%Y-%m").to_string());
    let statement = match crate::domain::subscription::parse_month(&month) {
        Ok((year, number)) => {
            let statement = account.statement(year, number);
            let total = statement.total;
            let rows: Vec<Vec<String>> = statement
                .lines
                .iter()
                .map(|(serial, l)| {
                    vec![
                        escape(serial),
                        format!("{} of {}", l.days_covered, l.days_in_month),
                        format!("EUR {}", l.amount),
                    ]
                })
                .collect();
            format!(
                "{}<p>Total for {}: <strong>EUR {total}</strong></p>",
                table("Statement", &["License", "Days covered", "Fee"], &rows),
                escape(&month)
            )
        }
        Err(_) => "<p role=\"alert\">Give the month as YYYY-MM.</p>".to_owned(),
    };
    let body = format!(
        "<p>{}</p>{}<h2>Monthly statement</h2><form method=\"get\" action=\"/partner\"><p><label for=\"month\">Month (YYYY-MM)</label> \
         <input id=\"month\" name=\"month\" value=\"{}\"></p><button type=\"submit\">Show</button></form>{statement}\
         {}<h2>Technician activation</h2>{}",
        escape(&partner.name),
        table("SUPS subscriptions", &["License", "Covered", "State", "Monthly fee"], &rows),
        escape(&month),
        if partner.sells_sups() {
            super::desk::sups_form(&entropy.id("sups"), &FieldErrors::default(), &Map::new())
        } else {
            String::new()
        },
        activation_form("/partner/activations", true),
    );
    Ok(page_in(Area::Partner, 200, "Partner", &body).into())
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
