//! The license catalogue: its import, and product releases.

use super::*;

pub(crate) fn license_upload_form(error: Option<&str>) -> Html {
    let (described, message) = error.map_or((Html::EMPTY, Html::EMPTY), |e| {
        (
            html!(" aria-invalid=\"true\" aria-describedby=\"licenses-error\""),
            html!(
                "<p id=\"licenses-error\" class=\"field-error\" role=\"alert\">{}</p>",
                e
            ),
        )
    });
    html!(
        "<form method=\"post\" action=\"/desk/licenses\" enctype=\"multipart/form-data\">\
         <p><label for=\"licenses\">Licenses (CSV or a JSON array: serial, product, edition, version, list_price, \
         installations, partner_id, licensee_name, licensee_country, licensee_vat_id)</label>\
         <input id=\"licenses\" name=\"licenses\" type=\"file\" accept=\".csv,.json,text/csv,application/json\" required{}></p>{}\
         <button type=\"submit\">Import</button></form>",
        described,
        message
    )
}

/// `GET /desk/licenses`.
pub fn licenses_page(principal: &Principal) -> Result<Handled> {
    let staff = principal.staff()?;
    Ok(desk(
        staff.role,
        200,
        "License import",
        license_upload_form(None),
    ))
}

/// `POST /desk/licenses`: the import and its report.
pub async fn import_licenses<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let refused = |role: StaffRole, detail: &str| {
        desk(
            role,
            422,
            "License import",
            license_upload_form(Some(detail)),
        )
    };
    let Some(file) = multipart_file(request, "licenses").filter(|f| !f.is_empty()) else {
        let staff = app.identify(caller).await?.staff()?;
        return Ok(refused(
            staff.role,
            "Choose a CSV or JSON file of licenses.",
        ));
    };
    let json = file.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let format = if json {
        crate::app::ImportFormat::Json
    } else {
        crate::app::ImportFormat::Csv
    };
    let rows = match crate::app::license_rows(format, file) {
        Ok(rows) => rows,
        Err(detail) => {
            let staff = app.identify(caller).await?.staff()?;
            return Ok(refused(staff.role, &detail));
        }
    };
    let (staff, report) = match app.import_licenses(caller, rows, now).await {
        Ok(imported) => imported,
        Err(error) => return refusal_page(UNTRANSLATED, Area::Desk, error),
    };
    let report = serde_json::to_value(&report).unwrap_or_default();
    let rejected: Vec<Vec<Html>> = report["rejected"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            vec![
                html!("{}", r["row"].to_string()),
                html!("{}", r["serial"].as_str().unwrap_or("")),
                html!("{}", r["errors"].to_string()),
            ]
        })
        .collect();
    let body = html!(
        "<p id=\"import-counts\" role=\"status\">{} imported, {} updated, {} rejected.</p>{}{}",
        report["imported"].to_string(),
        report["updated"].to_string(),
        rejected.len(),
        table(
            UNTRANSLATED,
            "Rejected rows",
            &["Row", "Serial", "Errors"],
            &rejected
        ),
        license_upload_form(None)
    );
    Ok(desk(staff.role, 200, "License import report", body))
}

// ---- releases -----------------------------------------------------------------

/// The releases page, with the caller and the releases read in one batch.
pub(crate) async fn releases_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Result<Handled> {
    let (staff, releases) = app.releases(caller).await?;
    let role = staff.role;
    let rows: Vec<Vec<Html>> = releases
        .iter()
        .map(|(product, version, on)| {
            vec![html!("{}", product), html!("{}", version), html!("{}", on)]
        })
        .collect();
    let body = html!(
        "{}<h2>Add a release</h2><form method=\"post\" action=\"/desk/releases\">{}{}{}\
         <button type=\"submit\">Add the release</button></form>",
        table(
            UNTRANSLATED,
            "Releases, newest first",
            &["Product", "Version", "Released on"],
            &rows
        ),
        input(
            "product",
            "Product",
            "text",
            value(values, "product"),
            errors,
            " required"
        ),
        input(
            "version",
            "Version (such as 9.1)",
            "text",
            value(values, "version"),
            errors,
            " required"
        ),
        input(
            "released_on",
            "Released on",
            "date",
            value(values, "released_on"),
            errors,
            " required"
        )
    );
    Ok(desk(role, status, "Releases", body))
}

/// `GET /desk/releases`.
pub async fn releases_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    releases_html(app, caller, 200, &FieldErrors::default(), &Map::new()).await
}

/// `POST /desk/releases`.
pub async fn add_release<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    app.identify(caller).await?.staff()?;
    let object = form(request)?;
    let release = match crate::app::Release::parse(&object) {
        Ok(release) => release,
        Err(errors) => return releases_html(app, caller, 422, &errors, &object).await,
    };
    match app.record_release(&release).await {
        Ok(()) => Ok(Response::redirect("/desk/releases").into()),
        Err(error) => Ok(problem_page(UNTRANSLATED, Area::Desk, error.into())),
    }
}
