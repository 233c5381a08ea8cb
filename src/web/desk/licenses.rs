//! The license catalogue: its import, and product releases.

use super::*;

pub(crate) fn license_upload_form(lang: Language, error: Option<&str>) -> Html {
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
         <p><label for=\"licenses\">{}</label>\
         <input id=\"licenses\" name=\"licenses\" type=\"file\" accept=\".csv,.json,text/csv,application/json\" required{}></p>{}\
         <button type=\"submit\">{}</button></form>",
        m::desk2_licenses_file(lang),
        described,
        message,
        m::desk2_licenses_import(lang)
    )
}

/// `GET /desk/licenses`.
pub fn licenses_page(principal: &Principal, lang: Language) -> Result<Handled> {
    let staff = principal.staff()?;
    Ok(desk2_page(
        lang,
        staff.role,
        200,
        m::desk2_licenses_title(lang),
        license_upload_form(lang, None),
    ))
}

/// `POST /desk/licenses`: the import and its report.
pub async fn import_licenses<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    lang: Language,
) -> Result<Handled> {
    let refused = |role: StaffRole, detail: &str| {
        desk2_page(
            lang,
            role,
            422,
            m::desk2_licenses_title(lang),
            license_upload_form(lang, Some(detail)),
        )
    };
    let Some(file) = multipart_file(request, "licenses").filter(|f| !f.is_empty()) else {
        let staff = app.identify(caller).await?.staff()?;
        return Ok(refused(staff.role, m::desk2_licenses_choose_file(lang)));
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
            return Ok(refused(staff.role, &import_error(lang, &detail)));
        }
    };
    let (staff, report) = match app.import_licenses(caller, rows, now).await {
        Ok(imported) => imported,
        Err(error) => return refusal_page(lang, Area::Desk, error),
    };
    let rejected: Vec<Vec<Html>> = report
        .rejected
        .iter()
        .map(|r| {
            let errors: Vec<String> = r
                .errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.said.get(lang)))
                .collect();
            vec![
                html!("{}", crate::domain::format::number(lang, r.row as i64)),
                html!("{}", r.serial.as_deref().unwrap_or("")),
                html!("{}", errors.join("; ")),
            ]
        })
        .collect();
    let count = |n: usize| crate::domain::format::number(lang, n as i64);
    let body = html!(
        "<p id=\"import-counts\" role=\"status\">{}</p>{}{}",
        m::desk2_licenses_counts(
            lang,
            m::Desk2LicensesCounts {
                imported: &count(report.imported),
                updated: &count(report.updated),
                rejected: &count(report.rejected.len()),
            }
        ),
        table(
            lang,
            m::desk2_licenses_rejected_caption(lang),
            &[
                m::desk2_licenses_row(lang),
                m::desk2_licenses_serial(lang),
                m::desk2_licenses_errors(lang),
            ],
            &rejected
        ),
        license_upload_form(lang, None)
    );
    Ok(desk2_page(
        lang,
        staff.role,
        200,
        m::desk2_licenses_report_title(lang),
        body,
    ))
}

// ---- releases -----------------------------------------------------------------

/// The releases page, with the caller and the releases read in one batch.
pub(crate) async fn releases_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
    lang: Language,
) -> Result<Handled> {
    let (staff, releases) = app.releases(caller).await?;
    let errors = &errors.clone().in_language(lang);
    let role = staff.role;
    let rows: Vec<Vec<Html>> = releases
        .iter()
        .map(|(product, version, on)| {
            vec![
                html!("{}", product),
                html!("{}", version),
                html!("{}", day(lang, on)),
            ]
        })
        .collect();
    let body = html!(
        "{}<h2>{}</h2><form method=\"post\" action=\"/desk/releases\">{}{}{}\
         <button type=\"submit\">{}</button></form>",
        table(
            lang,
            m::desk2_releases_caption(lang),
            &[
                m::desk2_releases_product(lang),
                m::desk2_releases_version(lang),
                m::desk2_releases_released_on(lang),
            ],
            &rows
        ),
        m::desk2_releases_add_heading(lang),
        input(
            "product",
            m::desk2_releases_product(lang),
            "text",
            value(values, "product"),
            errors,
            " required"
        ),
        input(
            "version",
            m::desk2_releases_version_label(lang),
            "text",
            value(values, "version"),
            errors,
            " required"
        ),
        input(
            "released_on",
            m::desk2_releases_released_on(lang),
            "date",
            value(values, "released_on"),
            errors,
            " required"
        ),
        m::desk2_releases_add_button(lang)
    );
    Ok(desk2_page(
        lang,
        role,
        status,
        m::desk2_releases_title(lang),
        body,
    ))
}

/// `GET /desk/releases`.
pub async fn releases_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
) -> Result<Handled> {
    releases_html(app, caller, 200, &FieldErrors::default(), &Map::new(), lang).await
}

/// `POST /desk/releases`.
pub async fn add_release<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    lang: Language,
) -> Result<Handled> {
    app.identify(caller).await?.staff()?;
    let object = form(request)?;
    let release = match crate::app::Release::parse(&object) {
        Ok(release) => release,
        Err(errors) => return releases_html(app, caller, 422, &errors, &object, lang).await,
    };
    match app.record_release(&release).await {
        Ok(()) => Ok(Response::redirect("/desk/releases").into()),
        Err(error) => Ok(problem_page(lang, Area::Desk, error.into())),
    }
}

/// A day as stored (`2026-11-02`) as the reader writes it; anything else
/// as stored.
pub(crate) fn day(lang: Language, stored: &str) -> String {
    chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d").map_or_else(
        |_| stored.to_owned(),
        |d| crate::domain::format::date(lang, d),
    )
}

/// Why a license file cannot be read, in the reader's words.
pub(crate) fn import_error(lang: Language, error: &crate::domain::license::ImportError) -> String {
    use crate::domain::license::ImportError as E;
    match error {
        E::NotUtf8 { line } => m::desk2_import_not_utf8(lang, &line.to_string()),
        E::Empty => m::desk2_import_empty(lang).to_owned(),
        E::UnknownColumn { line, name } => m::desk2_import_unknown_column(
            lang,
            m::Desk2ImportUnknownColumn {
                line: &line.to_string(),
                name,
                columns: &crate::domain::license::COLUMNS.join(", "),
            },
        ),
        E::RepeatedColumn { line, name } => m::desk2_import_repeated_column(
            lang,
            m::Desk2ImportRepeatedColumn {
                line: &line.to_string(),
                name,
            },
        ),
        E::MissingColumns { line, columns } => m::desk2_import_missing_columns(
            lang,
            m::Desk2ImportMissingColumns {
                line: &line.to_string(),
                count: columns.len() as i64,
                columns: &columns.join(", "),
            },
        ),
        E::FieldCount {
            line,
            fields,
            columns,
        } => m::desk2_import_field_count(
            lang,
            m::Desk2ImportFieldCount {
                line: &line.to_string(),
                fields: *fields as i64,
                columns: *columns as i64,
            },
        ),
        E::UnclosedQuote { line } => m::desk2_import_unclosed_quote(lang, &line.to_string()),
        E::TextAfterQuote { line } => m::desk2_import_text_after_quote(lang, &line.to_string()),
        E::NotJson(error) => m::desk2_import_not_json(lang, error),
        E::NotAnArray => m::desk2_import_not_array(lang).to_owned(),
    }
}
