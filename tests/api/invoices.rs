//! Invoices: issued in the batch that pays an order, a credit
//! note in the refund's; listed and fetched by the organisation as JSON and
//! as UBL, and every UBL document fetched passes EN 16931
//! (`tests/fixtures/einvoice/validate-ubl`, one process per test).

use serde_json::{json, Value};

use crate::helpers::{camt053, checkout_completed, unique, Forgery, TestApp, Transport};
use crate::spawn_app;

/// The organisation's documents for one order, as listed.
pub(crate) fn documents_of(
    app: &TestApp<impl Transport>,
    token: &str,
    order: &Value,
) -> Vec<Value> {
    let list = app.get_as("/api/me/invoices", token);
    assert_eq!(list.status, 200, "{}", list.text());
    list.json()["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|document| document["order_id"] == order["order_id"])
        .cloned()
        .collect()
}

/// One document's JSON (checked against the listing) and its UBL.
pub(crate) fn fetch(app: &TestApp<impl Transport>, token: &str, listed: &Value) -> String {
    let path = format!(
        "/api/me/invoices/{}",
        listed["invoice_id"].as_str().unwrap()
    );
    let one = app.get_as(&path, token);
    assert_eq!(one.status, 200, "{}", one.text());
    assert_eq!(&one.json(), listed);
    let authorization = format!("Bearer {token}");
    let xml = app.0.send(
        "GET",
        &path,
        &[
            ("authorization", &authorization),
            ("accept", "application/xml"),
        ],
        Vec::new(),
    );
    assert_eq!(xml.status, 200, "{}", xml.text());
    assert_eq!(xml.header("content-type"), Some("application/xml"));
    let text = xml.text();
    assert!(text.contains(listed["number"].as_str().unwrap()), "{text}");
    text
}

/// Validates the documents in one run of the EN 16931 validator; a fatal
/// rule in any fails the test.
pub(crate) fn assert_valid(documents: &[String]) {
    let named: Vec<(String, String)> = documents
        .iter()
        .enumerate()
        .map(|(n, xml)| (format!("document-{n}.xml"), xml.clone()))
        .collect();
    let (valid, report) = crate::einvoice::validate(&named);
    assert!(valid, "{report}");
}

#[test]
fn a_card_payment_issues_one_invoice_and_its_refund_one_credit_note() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 2, "card");
    assert!(documents_of(&app, &token, &order).is_empty());
    let paid = unique("evt_");
    let event = checkout_completed(&paid, &order);
    assert_eq!(app.stripe_event(&event).json()["outcome"], "credited");
    // Replays, and another event of the same checkout, issue nothing new.
    assert_eq!(app.stripe_event(&event).json()["outcome"], "duplicate");
    assert_eq!(
        app.stripe_event(&checkout_completed(&unique("evt_"), &order))
            .json()["outcome"],
        "already_paid"
    );
    let documents = documents_of(&app, &token, &order);
    assert_eq!(documents.len(), 1, "{documents:?}");
    let invoice = &documents[0];
    assert_eq!(
        (
            invoice["kind"].as_str(),
            invoice["net"].as_str(),
            invoice["vat"].as_str(),
            invoice["total"].as_str(),
            invoice["currency"].as_str(),
            invoice["vat_category"].as_str()
        ),
        (
            Some("invoice"),
            Some("50.00"),
            Some("11.00"),
            Some("61.00"),
            Some("EUR"),
            Some("standard")
        )
    );
    let mut xml = vec![fetch(&app, &token, invoice)];
    assert!(xml[0].contains("<Invoice"), "{}", xml[0]);

    let refund = refunded(&paid, 6100);
    assert_eq!(app.stripe_event(&refund).json()["outcome"], "reversed");
    assert_eq!(app.stripe_event(&refund).json()["outcome"], "duplicate");
    let documents = documents_of(&app, &token, &order);
    let notes: Vec<&Value> = documents
        .iter()
        .filter(|document| document["kind"] == "credit_note")
        .collect();
    assert_eq!((documents.len(), notes.len()), (2, 1), "{documents:?}");
    assert_eq!(notes[0]["total"], "61.00");
    xml.push(fetch(&app, &token, notes[0]));
    assert!(xml[1].contains("<CreditNote"), "{}", xml[1]);
    assert!(xml[1].contains(invoice["number"].as_str().unwrap()));
    assert_valid(&xml);
}

/// Cents of an amount the JSON shows as "30.50".
fn cents(amount: &Value) -> i64 {
    amount.as_str().unwrap().replace('.', "").parse().unwrap()
}

#[test]
fn partial_refunds_issue_a_credit_note_each_for_the_coupons_they_return() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 3, "card");
    let paid = unique("evt_");
    let event = checkout_completed(&paid, &order);
    assert_eq!(app.stripe_event(&event).json()["outcome"], "credited");
    let refund = |id: &str, cents: i64| {
        json!({
            "id": id,
            "type": "charge.refunded",
            "data": {"object": {"object": "charge", "payment_intent": format!("pi_{paid}"),
                "amount": 9150, "amount_refunded": cents, "currency": "eur", "refunded": cents == 9150}}
        })
    };
    let notes = || -> Vec<Value> {
        let mut notes: Vec<Value> = documents_of(&app, &token, &order)
            .into_iter()
            .filter(|document| document["kind"] == "credit_note")
            .collect();
        notes.reverse();
        notes
    };
    // One coupon's money back: a note for one coupon.
    let first = unique("evt_");
    assert_eq!(
        app.stripe_event(&refund(&first, 3050)).json()["outcome"],
        "reversed"
    );
    assert_eq!(
        app.stripe_event(&refund(&first, 3050)).json()["outcome"],
        "duplicate"
    );
    let one = notes();
    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(
        (&one[0]["net"], &one[0]["vat"], &one[0]["total"]),
        (&json!("25.00"), &json!("5.50"), &json!("30.50"))
    );
    // Then the rest: Stripe reports the cumulative amount, 91.50; the note
    // credits the two coupons not credited yet, and another event of the
    // same extent credits nothing.
    assert_eq!(
        app.stripe_event(&refund(&unique("evt_"), 9150)).json()["outcome"],
        "reversed"
    );
    assert_eq!(
        app.stripe_event(&refund(&unique("evt_"), 9150)).json()["outcome"],
        "already_reversed"
    );
    let all = notes();
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(
        (&all[1]["net"], &all[1]["vat"], &all[1]["total"]),
        (&json!("50.00"), &json!("11.00"), &json!("61.00"))
    );
    let invoice = documents_of(&app, &token, &order)
        .into_iter()
        .find(|document| document["kind"] == "invoice")
        .unwrap();
    for field in ["net", "vat", "total"] {
        assert_eq!(
            all.iter().map(|note| cents(&note[field])).sum::<i64>(),
            cents(&invoice[field]),
            "{field}"
        );
    }
    let mut xml = vec![fetch(&app, &token, &invoice)];
    for note in &all {
        let text = fetch(&app, &token, note);
        assert!(text.contains(invoice["number"].as_str().unwrap()), "{text}");
        xml.push(text);
    }
    assert!(xml[1].contains("<cbc:CreditedQuantity unitCode=\"C62\">1<"));
    assert!(xml[2].contains("<cbc:CreditedQuantity unitCode=\"C62\">2<"));
    assert_valid(&xml);
    // The money each event returned, as the organisation's export shows it.
    let export = app.get_as("/api/me/export", &token).json();
    let refunds: Vec<i64> = export["payments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|payment| payment["order_id"] == order["order_id"])
        .filter_map(|payment| payment["amount_cents"].as_i64())
        .filter(|cents| *cents < 0)
        .collect();
    assert_eq!(refunds, [-3050, -6100], "{export}");
}

#[test]
fn a_bank_transfer_imported_from_a_statement_issues_one_invoice() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let order = app.order(&token, 2, "bank_transfer");
    let reference = order["bank_transfer"]["reference_grouped"]
        .as_str()
        .unwrap()
        .to_owned();
    let statement = camt053(&[("61.00", &format!("Coupons {reference}"), &unique("BANKREF"))]);
    let report = app.post_statement("application/xml", &statement);
    assert_eq!(report.status, 200, "{}", report.text());
    // The same file again pays nothing and issues nothing.
    app.post_statement("application/xml", &statement);
    let documents = documents_of(&app, &token, &order);
    assert_eq!(documents.len(), 1, "{documents:?}");
    assert_eq!(
        (
            documents[0]["kind"].as_str(),
            documents[0]["total"].as_str()
        ),
        (Some("invoice"), Some("61.00"))
    );
    assert_eq!(
        emailed_invoice(&app, &email, &order),
        format!(
            "/portal/invoices/{}",
            documents[0]["invoice_id"].as_str().unwrap()
        )
    );
    let xml = fetch(&app, &token, &documents[0]);
    assert!(xml.contains(&reference.replace(' ', "")), "{xml}");
    assert_valid(&[xml]);
}

#[test]
fn another_organisations_invoice_is_not_found() {
    let app = spawn_app();
    let (_, owner) = app.customer();
    let order = app.order(&owner, 1, "card");
    app.stripe_event(&checkout_completed(&unique("evt_"), &order));
    let invoice = documents_of(&app, &owner, &order).remove(0);
    let (_, stranger) = app.customer();
    let path = format!(
        "/api/me/invoices/{}",
        invoice["invoice_id"].as_str().unwrap()
    );
    app.get_as(&path, &stranger).problem(404);
    assert!(documents_of(&app, &stranger, &order).is_empty());
    assert_eq!(app.get("/api/me/invoices").status, 401);
}

#[test]
fn twenty_payments_at_once_take_consecutive_numbers_without_gap_or_repeat() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let orders: Vec<Value> = (0..20).map(|_| app.order(&token, 1, "card")).collect();
    let outcomes: Vec<Value> = std::thread::scope(|scope| {
        let handles: Vec<_> = orders
            .iter()
            .map(|order| {
                let app = &app;
                scope.spawn(move || {
                    app.stripe_event(&checkout_completed(&unique("evt_"), order))
                        .json()["outcome"]
                        .clone()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(outcomes.iter().all(|o| o == "credited"), "{outcomes:?}");
    let ours: Vec<Value> = orders
        .iter()
        .flat_map(|order| documents_of(&app, &token, order))
        .collect();
    let mut numbers: Vec<&str> = ours
        .iter()
        .map(|document| document["number"].as_str().unwrap())
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!((ours.len(), numbers.len()), (20, 20), "{ours:?}");
    // Other tests issue documents in the same database meanwhile (the e2e
    // suite shares one), but each is numbered inside its own INSERT: any
    // snapshot of a year, read in one query, runs 1..N with no gap and no
    // repeat, and holds our 20.
    let finance = app.staff_member("finance");
    let mut years: Vec<&str> = numbers.iter().map(|number| &number[..4]).collect();
    years.dedup();
    for year in years {
        let path = format!("/api/staff/invoices?from={year}-01-01&to={year}-12-31");
        let listed = app.send_as_staff("GET", &path, &finance, Forgery::None, None);
        assert_eq!(listed.status, 200, "{}", listed.text());
        let listed = listed.json();
        let listed: Vec<&str> = listed["invoices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|document| document["number"].as_str().unwrap())
            .collect();
        let mut seqs: Vec<i64> = listed
            .iter()
            .map(|number| {
                let (prefix, seq) = number.split_once('-').unwrap();
                assert_eq!(prefix, year, "{number}");
                seq.parse().unwrap()
            })
            .collect();
        seqs.sort_unstable();
        let expected: Vec<i64> = (1..).take(seqs.len()).collect();
        assert_eq!(seqs, expected, "the year's numbers: {listed:?}");
        for number in numbers.iter().filter(|number| number.starts_with(year)) {
            assert!(listed.contains(number), "{number} not in {listed:?}");
        }
    }
}

#[test]
fn a_staff_match_and_a_staff_credit_of_a_reviewed_payment_each_issue_one_invoice() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let transfer = app.order(&token, 1, "bank_transfer");
    let report = app
        .post_statement(
            "text/csv",
            &format!(
                "booking date,amount,currency,reference,remitter,bank reference\n\
                 2026-11-26,30.50,EUR,coupon please,Kovinar,{}\n",
                unique("CSV-")
            ),
        )
        .json();
    let entry_id = report["lines"][0]["bank_entry_id"].as_str().unwrap();
    let matched = app.staff_send(
        "POST",
        &format!("/api/staff/bank-entries/{entry_id}/match"),
        &json!({"order_id": transfer["order_id"]}),
    );
    assert_eq!(matched.status, 200, "{}", matched.text());

    let card = app.order(&token, 1, "card");
    let mut event = checkout_completed(&unique("evt_"), &card);
    event["data"]["object"]["amount_total"] = json!(100);
    assert_eq!(app.stripe_event(&event).json()["outcome"], "review");
    assert!(documents_of(&app, &token, &card).is_empty());
    let settled = app.staff_send(
        "POST",
        &format!(
            "/api/staff/orders/{}/settle",
            card["order_id"].as_str().unwrap()
        ),
        &json!({"action": "credit", "note": "accepted"}),
    );
    assert_eq!(settled.status, 200, "{}", settled.text());

    let mut xml = Vec::new();
    for order in [&transfer, &card] {
        let documents = documents_of(&app, &token, order);
        assert_eq!(documents.len(), 1, "{documents:?}");
        assert_eq!(documents[0]["total"], "30.50");
        // Its confirmation links it.
        assert_eq!(
            emailed_invoice(&app, &email, order),
            format!(
                "/portal/invoices/{}",
                documents[0]["invoice_id"].as_str().unwrap()
            )
        );
        xml.push(fetch(&app, &token, &documents[0]));
    }
    assert_valid(&xml);
}

#[test]
fn finance_exports_a_period_as_json_and_csv_and_no_one_else_may() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let order = app.order(&token, 1, "card");
    app.stripe_event(&checkout_completed(&unique("evt_"), &order));
    let invoice = documents_of(&app, &token, &order).remove(0);
    let company = app.get_as("/api/me", &token).json()["company"].clone();
    let day = invoice["issued_on"].as_str().unwrap();
    let finance = app.staff_member("finance");
    let get = |path: &str, email: &str| app.send_as_staff("GET", path, email, Forgery::None, None);

    let path = format!("/api/staff/invoices?from={day}&to={day}");
    let listed = get(&path, &finance);
    assert_eq!(listed.status, 200, "{}", listed.text());
    let found: Vec<Value> = listed.json()["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["invoice_id"] == invoice["invoice_id"])
        .cloned()
        .collect();
    assert_eq!(found.len(), 1, "{}", listed.text());
    let mut expected = invoice.clone();
    expected["customer_id"] = found[0]["customer_id"].clone();
    expected["buyer"] = company["name"].clone();
    expected["buyer_vat_id"] = company["vat_id"].clone();
    expected["vat_note"] = Value::Null;
    assert_eq!(found[0], expected);
    assert!(found[0]["customer_id"]
        .as_str()
        .unwrap()
        .starts_with("cus_"));

    let csv = get(&format!("{path}&format=csv"), &finance);
    assert_eq!(csv.status, 200, "{}", csv.text());
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.header("content-disposition"),
        Some(format!("attachment; filename=\"invoices-{day}-to-{day}.csv\"").as_str())
    );
    let text = csv.text();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("number,date,kind,buyer,buyer VAT number,net,VAT,gross,VAT category")
    );
    let number = invoice["number"].as_str().unwrap();
    let line = lines
        .find(|line| line.starts_with(&format!("{number},")))
        .unwrap_or_else(|| panic!("{number} not in {text}"));
    let name = company["name"].as_str().unwrap();
    let name = if name.contains([',', '"']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_owned()
    };
    assert_eq!(
        line,
        format!(
            "{number},{day},invoice,{name},{},{},{},{},{}",
            company["vat_id"].as_str().unwrap_or_default(),
            invoice["net"].as_str().unwrap(),
            invoice["vat"].as_str().unwrap(),
            invoice["total"].as_str().unwrap(),
            invoice["vat_category"].as_str().unwrap()
        )
    );

    // An admin may too; an agent and a customer may not.
    assert_eq!(app.staff_get(&path).status, 200);
    let agent = app.staff_member("agent");
    get(&path, &agent).problem(403);
    app.get_as(&path, &token).problem(403);
}

#[test]
fn a_period_must_be_two_dates_in_order_within_a_year() {
    let app = spawn_app();
    let finance = app.staff_member("finance");
    let refused = |query: &str| {
        let response = app.send_as_staff(
            "GET",
            &format!("/api/staff/invoices{query}"),
            &finance,
            Forgery::None,
            None,
        );
        let problem = response.problem(422);
        problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|error| error["field"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(refused(""), ["from", "to"]);
    assert_eq!(refused("?from=2026-12-01"), ["to"]);
    assert_eq!(refused("?from=2026-13-01&to=2026-12-31"), ["from"]);
    assert_eq!(refused("?from=2026-12-01&to=1.12.2026"), ["to"]);
    assert_eq!(refused("?from=2026-12-31&to=2026-12-01"), ["to"]);
    assert_eq!(refused("?from=2025-01-01&to=2026-01-02"), ["to"]);
    assert_eq!(
        refused("?from=2026-12-01&to=2026-12-31&format=xlsx"),
        ["format"]
    );
    // A leap year's whole length is allowed.
    let year = app.send_as_staff(
        "GET",
        "/api/staff/invoices?from=2028-01-01&to=2028-12-31",
        &finance,
        Forgery::None,
        None,
    );
    assert_eq!(year.status, 200, "{}", year.text());
    assert_eq!(year.json()["invoices"], json!([]));
}

/// A card order of `quantity` coupons paid through the Stripe webhook: its
/// invoice as listed.
fn paid_by_card(app: &TestApp<impl Transport>, token: &str, quantity: i64) -> (Value, String) {
    let order = app.order(token, quantity, "card");
    let paid = unique("evt_");
    assert_eq!(
        app.stripe_event(&checkout_completed(&paid, &order)).json()["outcome"],
        "credited"
    );
    (documents_of(app, token, &order).remove(0), paid)
}

/// Stripe's event of a whole refund of `cents` paid by the checkout of
/// event `paid`.
fn refunded(paid: &str, cents: i64) -> Value {
    json!({
        "id": unique("evt_"),
        "type": "charge.refunded",
        "data": {"object": {"object": "charge", "payment_intent": format!("pi_{paid}"),
            "amount": cents, "amount_refunded": cents, "currency": "eur", "refunded": true}}
    })
}

/// The invoice page that `order`'s payment confirmation to `email` links:
/// the confirmation names the order by its number, never by its id.
fn emailed_invoice(app: &TestApp<impl Transport>, email: &str, order: &Value) -> String {
    let order_id = order["order_id"].as_str().unwrap();
    let number = order["number"].as_str().expect("the order's number");
    let confirmation = app
        .outbox(email)
        .into_iter()
        .find(|message| {
            message["text"]
                .as_str()
                .unwrap()
                .contains(&format!("for order {number}."))
        })
        .unwrap_or_else(|| panic!("no confirmation of {number} to {email}"));
    let text = confirmation["text"].as_str().unwrap();
    assert!(!text.contains(order_id), "{text}");
    linked_path(text, "/portal/invoices/")
}

/// The path (without the origin) of the first URL in `text` that leads to
/// `prefix`.
fn linked_path(text: &str, prefix: &str) -> String {
    text.split_whitespace()
        .find_map(|word| word.find(prefix).map(|at| word[at..].to_owned()))
        .unwrap_or_else(|| panic!("no link to {prefix} in {text}"))
}

/// A page as the browser with `cookie` gets it, answered 200.
/// An ISO date (`2026-12-01`) as an English reader's page writes it.
pub(crate) fn en_date(iso: &Value) -> String {
    let day = chrono::NaiveDate::parse_from_str(iso.as_str().unwrap(), "%Y-%m-%d").unwrap();
    spica_portal::domain::format::date(spica_portal::domain::language::Language::En, day)
}

fn page(app: &TestApp<impl Transport>, path: &str, cookie: &str) -> String {
    let answer = app.get_with_cookie(path, cookie);
    assert_eq!(answer.status, 200, "{path}: {}", answer.text());
    answer.text()
}

/// The UBL download of a document's page, checked as a browser saves it.
fn downloaded(app: &TestApp<impl Transport>, path: &str, cookie: &str, name: &str) -> String {
    let xml = app.get_with_cookie(path, cookie);
    assert_eq!(xml.status, 200, "{}", xml.text());
    assert_eq!(xml.header("content-type"), Some("application/xml"));
    let disposition = format!("attachment; filename=\"{name}.xml\"");
    assert_eq!(
        xml.header("content-disposition"),
        Some(disposition.as_str())
    );
    xml.text()
}

/// What an element of a UBL document holds: the first `<tag>…</tag>`
/// after `after`.
fn ubl_text<'x>(xml: &'x str, after: &str, tag: &str) -> &'x str {
    let from = xml
        .find(after)
        .unwrap_or_else(|| panic!("{after} in {xml}"));
    let open = format!("<{tag}>");
    let start = xml[from..].find(&open).unwrap() + from + open.len();
    let end = xml[start..].find("</").unwrap() + start;
    &xml[start..end]
}

#[test]
fn the_payment_email_links_the_invoice_page_and_its_ubl_file_for_the_buyer_only() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let (invoice, _) = paid_by_card(&app, &token, 2);
    let id = invoice["invoice_id"].as_str().unwrap();
    let number = invoice["number"].as_str().unwrap();
    let confirmation = app
        .outbox(&email)
        .into_iter()
        .find(|message| {
            message["subject"]
                .as_str()
                .unwrap()
                .starts_with("Payment received")
        })
        .expect("the payment's confirmation");
    let text = app.email_received(confirmation["id"].as_str().unwrap());
    // The email names the invoice that its own batch issued.
    let page_path = format!("/portal/invoices/{id}");
    let xml_path = format!("{page_path}/xml");
    assert_eq!(linked_path(&text, "/portal/invoices/"), page_path, "{text}");
    assert!(text.contains(&format!("{page_path}/xml\n")), "{text}");

    // Opened signed out, each link goes through sign-in and back.
    for path in [&page_path, &xml_path] {
        let first = app.get(path);
        let sign_in = format!("/sign-in?next={}", crate::helpers::urlencode(path));
        assert_eq!(
            (first.status, first.header("location")),
            (303, Some(sign_in.as_str()))
        );
    }
    let cookie = app.browser(&email);
    let html = page(&app, &page_path, &cookie);
    let xml = downloaded(&app, &xml_path, &cookie, &format!("invoice-{number}"));
    let company = app.get_as("/api/me", &token).json()["company"].clone();
    let seller = ubl_text(&xml, "AccountingSupplierParty", "cbc:RegistrationName");
    for expected in [
        format!("<h1>Invoice {number}</h1>"),
        format!("<dd id=\"issue-date\">{}</dd>", en_date(&invoice["issued_on"])),
        seller.to_owned(),
        company["name"].as_str().unwrap().to_owned(),
        company["vat_id"].as_str().unwrap().to_owned(),
        "IBAN".to_owned(),
        "<td class=\"number\">2</td><td class=\"number\">€25.00</td><td class=\"number\">€50.00</td>".to_owned(),
        "Standard rate (S)</td><td class=\"number\">22\u{a0}%</td>".to_owned(),
        "<dt>Total VAT</dt><dd>€11.00</dd>".to_owned(),
        "<strong>€61.00</strong>".to_owned(),
        "Paid by card.".to_owned(),
    ] {
        assert!(html.contains(&expected), "{expected} not in {html}");
    }
    // The order by the number the buyer knows, on the page and in the UBL
    // (buyer's reference, order reference); its id nowhere.
    let order_id = invoice["order_id"].as_str().unwrap();
    let order = app.get_as(&format!("/api/me/coupon-orders/{order_id}"), &token);
    let order_number = order.json()["number"].as_str().unwrap().to_owned();
    assert!(
        html.contains(&format!("<dt>Order</dt><dd>{order_number}</dd>")),
        "{html}"
    );
    assert_eq!(
        ubl_text(&xml, "<cac:OrderReference>", "cbc:ID"),
        order_number
    );
    assert_eq!(
        ubl_text(&xml, "<cbc:DocumentCurrencyCode>", "cbc:BuyerReference"),
        order_number
    );
    assert!(!html.contains(order_id) && !xml.contains(order_id), "{xml}");
    // Charged VAT needs no exemption mention.
    assert!(!html.contains("id=\"vat-mention\""), "{html}");
    // The page prints on A4 without the portal around it.
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/style.css\">"));
    let css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/style.css"),
    )
    .unwrap();
    let print = &css[css.rfind("@page").expect("an @page rule")..];
    assert!(print.contains("size: A4;"), "{print}");
    let hidden = &print[print.find("@media print").unwrap()..];
    assert!(
        hidden.contains("header,\n  footer,\n  .no-print {\n    display: none;"),
        "{hidden}"
    );
    assert!(html.contains("<p class=\"no-print\">"), "{html}");

    // In Slovenian: its words, amounts and dates.
    let sl = page(&app, &page_path, &format!("{cookie}; lang=sl"));
    let issued =
        chrono::NaiveDate::parse_from_str(invoice["issued_on"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
    for expected in [
        format!("<h1>Račun {number}</h1>"),
        format!(
            "<dd id=\"issue-date\">{}</dd>",
            spica_portal::domain::format::date(spica_portal::domain::language::Language::Sl, issued)
        ),
        "<td class=\"number\">2</td><td class=\"number\">25,00\u{a0}€</td><td class=\"number\">50,00\u{a0}€</td>".to_owned(),
        "Splošna stopnja (S)</td><td class=\"number\">22\u{a0}%</td>".to_owned(),
        "<dt>Skupaj DDV</dt><dd>11,00\u{a0}€</dd>".to_owned(),
        "<dt>Za plačilo</dt><dd>0,00\u{a0}€ (plačano)</dd>".to_owned(),
        "Plačano s plačilno kartico.".to_owned(),
        "ID za DDV: ".to_owned(),
        "Slovenija".to_owned(),
        "· IBAN SI56 1910 0000 0123 438 · BIC".to_owned(),
    ] {
        assert!(sl.contains(&expected), "{expected} not in {sl}");
    }
    for english in ["Invoice", "Seller", "Paid by", "EUR", "Total", "Issue date"] {
        assert!(
            !sl.contains(english),
            "{english} on the Slovenian invoice: {sl}"
        );
    }
    let sl_list = page(&app, "/portal/invoices", &format!("{cookie}; lang=sl"));
    assert!(
        sl_list.contains("61,00\u{a0}€") && sl_list.contains("<td>Račun</td>"),
        "{sl_list}"
    );

    // The list links both.
    let list = page(&app, "/portal/invoices", &cookie);
    for expected in [
        format!("<a href=\"{page_path}\">{number}</a>"),
        format!("<a href=\"{xml_path}\">"),
        "€61.00".to_owned(),
    ] {
        assert!(list.contains(&expected), "{expected} not in {list}");
    }
    assert!(page(&app, "/portal", &cookie).contains("<a href=\"/portal/invoices\">Invoices</a>"));

    // Another organisation finds neither.
    let (stranger, _) = app.customer();
    let other = app.browser(&stranger);
    for path in [&page_path, &xml_path] {
        assert_eq!(app.get_with_cookie(path, &other).status, 404, "{path}");
    }
    assert!(!page(&app, "/portal/invoices", &other).contains(number));
    assert_valid(&[xml]);
}

#[test]
fn the_invoice_pages_of_reverse_charge_and_not_subject_sales_give_the_legal_mention() {
    let app = spawn_app();
    let mut xml = Vec::new();
    for (name, country, vat_id, category, code) in [
        (
            "Sternwarte Berlin GmbH",
            "DE",
            Some("DE123456789"),
            "Reverse charge (AE)",
            "VATEX-EU-AE",
        ),
        (
            "Kovinar Inc.",
            "US",
            None,
            "Not subject to VAT (O)",
            "VATEX-EU-O",
        ),
    ] {
        let (email, token) = app.buyer_named(name, country, vat_id);
        // VIES answers through the queue; an order waits for nothing.
        let started = std::time::Instant::now();
        while app.get_as("/api/me", &token).json()["company"]["vat_status"] == "being_checked" {
            assert!(started.elapsed().as_secs() < 30, "VIES never answered");
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        let (invoice, paid) = paid_by_card(&app, &token, 1);
        assert_eq!(invoice["total"], "25.00", "{invoice}");
        let number = invoice["number"].as_str().unwrap();
        let path = format!(
            "/portal/invoices/{}",
            invoice["invoice_id"].as_str().unwrap()
        );
        let cookie = app.browser(&email);
        let html = page(&app, &path, &cookie);
        let mention = match code {
            "VATEX-EU-AE" => "Reverse charge: VAT to be accounted for by the customer",
            _ => "Not subject to VAT in the EU: the place of supply is outside",
        };
        for expected in [
            format!("{category}</td><td class=\"number\">0\u{a0}%</td>"),
            format!("<p id=\"vat-mention\">{mention}"),
            format!("({code})</p>"),
            "<dt>Total VAT</dt><dd>€0.00</dd>".to_owned(),
        ] {
            assert!(html.contains(&expected), "{expected} not in {html}");
        }
        assert_eq!(vat_id.is_some_and(|id| html.contains(id)), vat_id.is_some());
        xml.push(downloaded(
            &app,
            &format!("{path}/xml"),
            &cookie,
            &format!("invoice-{number}"),
        ));

        // Its refund's credit note names the invoice it credits.
        assert_eq!(
            app.stripe_event(&refunded(&paid, 2500)).json()["outcome"],
            "reversed"
        );
        let list = app.get_as("/api/me/invoices", &token).json();
        let note = list["invoices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|document| document["kind"] == "credit_note")
            .expect("a credit note")
            .clone();
        let note_number = note["number"].as_str().unwrap();
        let path = format!("/portal/invoices/{}", note["invoice_id"].as_str().unwrap());
        let html = page(&app, &path, &cookie);
        for expected in [
            format!("<h1>Credit note {note_number}</h1>"),
            format!(
                "<dd id=\"credited-invoice\">{number} of {}</dd>",
                en_date(&invoice["issued_on"])
            ),
            format!("<p id=\"vat-mention\">{mention}"),
        ] {
            assert!(html.contains(&expected), "{expected} not in {html}");
        }
        xml.push(downloaded(
            &app,
            &format!("{path}/xml"),
            &cookie,
            &format!("credit-note-{note_number}"),
        ));
    }
    assert_valid(&xml);
}

#[test]
fn finance_sees_a_periods_invoices_on_the_desk_and_downloads_the_csv_and_support_may_not() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let (invoice, _) = paid_by_card(&app, &token, 1);
    let number = invoice["number"].as_str().unwrap();
    let day = invoice["issued_on"].as_str().unwrap();
    let finance = app.staff_member("finance");
    let agent = app.staff_member("agent");
    let get = |path: &str, email: &str| app.send_as_staff("GET", path, email, Forgery::None, None);

    let path = format!("/desk/invoices?from={day}&to={day}");
    let desk = get(&path, &finance);
    assert_eq!(desk.status, 200, "{}", desk.text());
    let html = desk.text();
    let csv_path = format!("/desk/invoices.csv?from={day}&to={day}");
    for expected in [
        "<form method=\"get\" action=\"/desk/invoices\">".to_owned(),
        format!("value=\"{day}\""),
        format!(
            "<td>{number}</td><td>{}</td><td>Invoice</td>",
            en_date(&invoice["issued_on"])
        ),
        format!(
            "<a href=\"{}\" download>Download CSV</a>",
            csv_path.replace('&', "&amp;")
        ),
        "<th scope=\"row\">Invoices</th>".to_owned(),
        "<a href=\"/desk/invoices\">Invoices</a>".to_owned(),
    ] {
        assert!(html.contains(&expected), "{expected} not in {html}");
    }
    // In Slovenian (the browser's language; a staff member's own once the
    // desk has one): its words, dates and amounts.
    let assertion = crate::helpers::access_assertion(&finance, app.0.now_seconds(), Forgery::None);
    let sl = app
        .0
        .send(
            "GET",
            &path,
            &[
                ("cf-access-jwt-assertion", &assertion),
                ("accept-language", "sl"),
            ],
            Vec::new(),
        )
        .text();
    let issued = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let sl_day =
        spica_portal::domain::format::date(spica_portal::domain::language::Language::Sl, issued);
    for expected in [
        format!("<td>{number}</td><td>{sl_day}</td><td>Račun</td>"),
        format!("Dokumenti, izdani od {sl_day} do {sl_day}"),
        "<th scope=\"row\">Računi</th>".to_owned(),
        "<th scope=\"row\">Dobropisi</th>".to_owned(),
        "Prenesite CSV".to_owned(),
        "30,50\u{a0}€".to_owned(),
    ] {
        assert!(sl.contains(&expected), "{expected} not in {sl}");
    }
    for english in ["Download CSV", "Credit notes", "Documents issued", "EUR"] {
        assert!(
            !sl.contains(english),
            "{english} on the Slovenian desk page: {sl}"
        );
    }

    // Without a period: this month so far, which holds today's invoice.
    let default = get("/desk/invoices", &finance);
    assert_eq!(default.status, 200, "{}", default.text());
    assert!(default.text().contains(&format!("<td>{number}</td>")));

    // The desk's CSV is the API's file.
    let csv = get(&csv_path, &finance);
    assert_eq!(csv.status, 200, "{}", csv.text());
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let api = get(
        &format!("/api/staff/invoices?from={day}&to={day}&format=csv"),
        &finance,
    );
    let line = |text: String| {
        text.split("\r\n")
            .find(|line| line.starts_with(&format!("{number},")))
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("{number} not in {text}"))
    };
    assert_eq!(
        csv.header("content-disposition"),
        api.header("content-disposition")
    );
    assert_eq!(line(csv.text()), line(api.text()));

    // A wrong period: the form again with the error beside its field, and
    // the CSV refused as the API refuses it.
    let wrong = get(
        &format!("/desk/invoices?from={day}&to=2020-01-01"),
        &finance,
    );
    assert_eq!(wrong.status, 422, "{}", wrong.text());
    assert!(wrong.text().contains("id=\"to-error\""), "{}", wrong.text());
    let problem = get(&format!("/desk/invoices.csv?from={day}"), &finance).problem(422);
    assert_eq!(problem["errors"][0]["field"], "to", "{problem}");

    // Support staff may not; the agent's desk does not link the page.
    for path in [&path, &csv_path] {
        assert_eq!(get(path, &agent).status, 403, "{path}");
    }
    let agents_desk = get("/desk", &agent).text();
    assert!(!agents_desk.contains("/desk/invoices"), "{agents_desk}");
}

/// The pro-forma of `order` as a browser that chose `lang` reads it.
fn pro_forma(app: &TestApp<impl Transport>, order: &Value, cookie: &str, lang: &str) -> String {
    let path = format!(
        "/portal/orders/{}/pro-forma",
        order["order_id"].as_str().unwrap()
    );
    page(app, &path, &format!("{cookie}; lang={lang}"))
}

/// The day an ISO instant falls on in Ljubljana, as `lang` writes it.
fn local_day(instant: &Value, lang: spica_portal::domain::language::Language) -> String {
    use spica_portal::domain::time;
    let at = time::parse(instant.as_str().unwrap()).unwrap();
    spica_portal::domain::format::date(lang, time::in_ljubljana(at).0.date())
}

#[test]
fn a_slovenian_buyer_prints_the_pro_forma_in_slovenian_with_the_epc_and_upn_codes() {
    use spica_portal::domain::language::Language;
    let app = spawn_app();
    let (email, token) = app.customer();
    let order = app.order(&token, 1, "bank_transfer");
    let id = order["order_id"].as_str().unwrap();
    let number = order["number"].as_str().unwrap();
    let path = format!("/portal/orders/{id}/pro-forma");

    // Opened signed out (the email links it), it goes through sign-in and back.
    let first = app.get(&path);
    let sign_in = format!("/sign-in?next={}", crate::helpers::urlencode(&path));
    assert_eq!(
        (first.status, first.header("location")),
        (303, Some(sign_in.as_str()))
    );
    let cookie = app.browser(&email);
    // The order's page links it.
    let order_page = page(&app, &format!("/portal/orders/{id}"), &cookie);
    assert!(
        order_page.contains(&format!(
            "<a id=\"pro-forma-link\" href=\"{path}\">Print the pro-forma</a>"
        )),
        "{order_page}"
    );

    let sl = pro_forma(&app, &order, &cookie, "sl");
    let reference = order["bank_transfer"]["reference_grouped"]
        .as_str()
        .unwrap();
    for expected in [
        "<html lang=\"sl\">".to_owned(),
        format!("<h1>Predračun {number}</h1>"),
        format!("<dd id=\"order-number\">{number}</dd>"),
        // The seller's full details and account.
        "<h2 id=\"seller\">Prodajalec</h2>".to_owned(),
        "<strong>Spica d.o.o.</strong><br>Pot k sejmišču 33<br>1231 Ljubljana<br>Slovenija<br>ID za DDV: SI12345678".to_owned(),
        "<dd id=\"iban\">SI56 1910 0000 0123 438</dd>".to_owned(),
        "<dd id=\"bic\">BAKOSI2X</dd>".to_owned(),
        // The buyer's.
        "<h2 id=\"buyer\">Kupec</h2>".to_owned(),
        "<strong>Kovinar d.o.o.</strong><br>Tržaška cesta 12<br>1000 Ljubljana<br>Slovenija<br>ID za DDV: SI12345678".to_owned(),
        // The line with VAT, in Slovenian formats.
        "<td>Kupon za podporo: 15 minut neposredne podpore</td><td class=\"number\">1</td>\
         <td class=\"number\">25,00\u{a0}€</td><td class=\"number\">25,00\u{a0}€</td>\
         <td class=\"number\">22\u{a0}% (S)</td><td class=\"number\">5,50\u{a0}€</td>".to_owned(),
        "<dd id=\"total-due\"><strong>30,50\u{a0}€</strong></dd>".to_owned(),
        // The reference, the dates, the codes.
        format!("<dd id=\"rf-reference\" class=\"reference\">{reference}</dd>"),
        format!("<dd id=\"issue-date\">{}</dd>", local_day(&order["created_at"], Language::Sl)),
        format!("<dd id=\"due-date\">{}</dd>", local_day(&order["expires_at"], Language::Sl)),
        format!(
            "Prosimo, da 30,50\u{a0}€ nakažete do {} na spodnji račun in navedete sklic {reference}.",
            local_day(&order["expires_at"], Language::Sl)
        ),
        "id=\"epc-qr\"".to_owned(),
        "id=\"upn-qr\"".to_owned(),
        "Koda UPN QR".to_owned(),
        "<button type=\"button\" data-print hidden>Natisni</button>".to_owned(),
    ] {
        assert!(sl.contains(&expected), "{expected} not in {sl}");
    }
    assert!(sl.contains("Rok plačila") && sl.contains("Sklic") && sl.contains("Za plačilo"));
    for english in [
        "Pro-forma",
        "Seller",
        "Buyer",
        "Due date",
        "Reference",
        "Total due",
        "EUR",
        "Print",
        "Support coupon",
        "VAT number",
        "Slovenia<",
    ] {
        assert!(
            !sl.contains(english),
            "{english} on the Slovenian pro-forma: {sl}"
        );
    }
    // The dates are the reader's, never a machine's.
    assert!(!sl.contains(order["expires_at"].as_str().unwrap()));

    // The same pro-forma in English.
    let en = pro_forma(&app, &order, &cookie, "en");
    for expected in [
        "<html lang=\"en\">".to_owned(),
        format!("<h1>Pro-forma {number}</h1>"),
        "<dd id=\"total-due\"><strong>€30.50</strong></dd>".to_owned(),
        format!(
            "<dd id=\"due-date\">{}</dd>",
            local_day(&order["expires_at"], Language::En)
        ),
        "<dd id=\"iban\">SI56 1910 0000 0123 438</dd>".to_owned(),
        "Slovenia<br>VAT number: SI12345678".to_owned(),
        "id=\"upn-qr\"".to_owned(),
    ] {
        assert!(en.contains(&expected), "{expected} not in {en}");
    }

    // Another organisation's order is not found; its pro-forma neither.
    let (stranger, _) = app.customer();
    let other = app.browser(&stranger);
    assert_eq!(app.get_with_cookie(&path, &other).status, 404);
}

#[test]
fn a_foreign_buyers_pro_forma_has_only_the_epc_code_and_a_paid_one_links_its_invoice() {
    let app = spawn_app();
    let (email, token) = app.buyer_named("Alpenblick Handels GmbH", "AT", Some("ATU12345678"));
    let order = app.order(&token, 2, "bank_transfer");
    let cookie = app.browser(&email);
    let en = pro_forma(&app, &order, &cookie, "en");
    for expected in [
        "id=\"epc-qr\"",
        "Austria",
        "<dd id=\"iban\">SI56 1910 0000 0123 438</dd>",
    ] {
        assert!(en.contains(expected), "{expected} not in {en}");
    }
    assert!(!en.contains("upn-qr"), "{en}");

    // Paid by a transfer, it says so and links the invoice instead.
    let due = order["total_due"].as_str().unwrap();
    let reference = order["bank_transfer"]["reference"].as_str().unwrap();
    let statement = camt053(&[(due, reference, &unique("BANKREF"))]);
    let report = app.post_statement("application/xml", &statement);
    assert_eq!(report.json()["matched"], 1, "{}", report.text());
    let invoice = documents_of(&app, &token, &order)[0].clone();
    let paid = pro_forma(&app, &order, &cookie, "sl");
    for expected in [
        "Naročilo je plačano: ničesar ni treba plačati.".to_owned(),
        format!(
            "<a href=\"/portal/invoices/{}\">Račun {}</a>",
            invoice["invoice_id"].as_str().unwrap(),
            invoice["number"].as_str().unwrap()
        ),
    ] {
        assert!(paid.contains(&expected), "{expected} not in {paid}");
    }
    assert!(!paid.contains("epc-qr"), "{paid}");

    // A card order has none.
    let card = app.order(&token, 1, "card");
    let page = pro_forma(&app, &card, &cookie, "en");
    assert!(
        page.contains("This order is paid by card, so it has no pro-forma."),
        "{page}"
    );
}
