//! The desk in the staff's language (issue 23): the queue, an incident,
//! an organisation, the caller form, the search, the outbox and health in
//! Slovenian (the `lang=sl` cookie), with plural forms and `30,50 €`; and
//! each staff member's own language, stored (`/api/staff/members`,
//! `/desk/staff`) and spoken when no cookie says otherwise.
//!
//! Natively only: the time-left phrases need the Worker's clock moved on
//! by hours.

use serde_json::{json, Value};

use crate::helpers::{access_assertion, Forgery, TestApp, TestResponse, Transport};
use crate::spawn_app;

const SL: &str = "lang=sl";

fn organisation_of<T: Transport>(app: &TestApp<T>, token: &str) -> String {
    app.get_as("/api/me", token).json()["customer_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A desk page as the break-glass administrator's browser, with `extra`
/// cookies (`lang=sl`).
fn desk_page<T: Transport>(app: &TestApp<T>, path: &str, extra: &str) -> String {
    let cookie = format!("{}; {extra}", app.desk_cookie());
    let page = app.get_with_cookie(path, &cookie);
    assert_eq!(page.status, 200, "{path}: {}", page.text());
    page.text()
}

fn seconds(at: &Value) -> i64 {
    spica_portal::domain::time::parse(at.as_str().unwrap())
        .unwrap()
        .timestamp()
}

/// Moves the Worker's clock on until `left` seconds remain before `at`.
fn until_left<T: Transport>(app: &TestApp<T>, at: i64, left: i64) {
    let now = app.0.now_seconds();
    assert!(now <= at - left, "the clock is already past");
    app.0.let_time_pass(at - left - now);
}

fn assert_none_of(page: &str, english: &[&str]) {
    // What the page shows, not the sentences it hands its scripts (whose
    // `{placeholders}` are named in English).
    let page = page
        .split("<div id=\"script-words\"")
        .next()
        .unwrap_or_default();
    for words in english {
        assert!(
            !page.contains(words),
            "English “{words}” on a Slovenian page"
        );
    }
}

#[test]
fn the_queue_in_slovenian_says_its_tabs_statuses_and_minutes_left_in_plural_forms() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let organisation = organisation_of(&app, &token);
    let incident = app.incident(&token);
    let due = seconds(&incident["callback_due_by"]);
    let queue = format!("/desk?organisation_id={organisation}");

    let page = desk_page(&app, &queue, SL);
    assert!(page.contains("<html lang=\"sl\""), "{page}");
    for words in [
        "<title>Služba za podporo",
        "aria-label=\"Pogledi na zahtevke\"",
        ">Odprti</a>",
        ">Čakajo na stranko</a>",
        ">Zamujeni</a>",
        ">Zaprti</a>",
        ">Moji</a>",
        ">Nedodeljeni</a>",
        "<caption>Odprti zahtevki, najbližji rok najprej</caption>",
        "<th scope=\"col\">Preostali čas</th>",
        "<td>čaka na povratni klic</td>",
        "<td>še nihče</td>",
        "Samo zahtevki podjetja",
        ">Prikaži</button>",
    ] {
        assert!(page.contains(words), "{words}: {page}");
    }
    assert_none_of(
        &page,
        &[
            "Open incidents",
            "Time left",
            "nobody yet",
            "Awaiting customer",
            "awaiting callback",
            " left<",
            "Support desk",
        ],
    );

    // The default view's charts.
    let home = desk_page(&app, "/desk", SL);
    for words in [
        "<h2>Zadnjih 30 dni</h2>",
        ">Ure od prijave do prvega uspešnega povratnega klica</title>",
        ">Prodani kuponi na dan, zadnjih 30 dni</title>",
        ">Cilj ",
        ">Meja ",
    ] {
        assert!(home.contains(words), "{words}: {home}");
    }
    assert_none_of(
        &home,
        &[
            "The last 30 days",
            "Coupons sold",
            "not yet reached",
            "Target ",
        ],
    );

    // Under four hours the minutes, in each of Slovenian's plural forms.
    for (minutes, said) in [
        (103, "še 103 minute"),
        (102, "še 102 minuti"),
        (101, "še 101 minuta"),
        (100, "še 100 minut"),
    ] {
        until_left(&app, due, minutes * 60 + 30);
        let page = desk_page(&app, &queue, SL);
        assert!(page.contains(&format!("<td>{said}</td>")), "{said}: {page}");
    }
    let english = desk_page(&app, &queue, "");
    assert!(english.contains("<td>100 min left</td>"), "{english}");
    assert!(english.contains("<html lang=\"en\""));

    // Past the deadline: missed, under the breached tab.
    until_left(&app, due, -60);
    let breached = desk_page(&app, &format!("{queue}&status=breached"), SL);
    assert!(breached.contains("<td>rok zamujen</td>"), "{breached}");
    assert!(breached.contains("<caption>Zamujeni zahtevki, najbližji rok najprej</caption>"));
    let closed = desk_page(&app, &format!("{queue}&status=closed"), SL);
    assert!(
        closed.contains("<p id=\"queue-empty\" role=\"status\">Ni zaprtih zahtevkov.</p>"),
        "{closed}"
    );
}

#[test]
fn the_incident_page_in_slovenian_says_how_long_ago_and_how_long_left() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let incident = app.incident(&token);
    let id = incident["incident_id"].as_str().unwrap();
    let due = seconds(&incident["callback_due_by"]);
    let path = format!("/desk/incidents/{id}");

    until_left(&app, due, 200 * 60 + 30);
    let page = desk_page(&app, &path, SL);
    for words in [
        "<dt>Številka</dt>",
        "<dt>Stranka</dt>",
        "<dt>Želeni časi klica</dt><dd>weekdays 8-12</dd>",
        "<dt>Odprt</dt>",
        "<dt>Skrajni rok</dt>",
        "(še 3 ure in 20 minut)",
        "<h2>Zabeležite poskus povratnega klica</h2>",
        "<h2>Zabeležite sejo podpore</h2>",
        "<h2>Pišite stranki</h2>",
        "data-confirm=\"Želite zapreti ta zahtevek in stranki po e-pošti poslati obračun?\"",
        ">Začni telefonski klic</button>",
        ">Prevzemi zahtevek</button>",
        "<option value=\"no_answer\">Brez odgovora</option>",
        "Začetek (ljubljanski čas)",
    ] {
        assert!(page.contains(words), "{words}: {page}");
    }
    assert_none_of(
        &page,
        &[
            " left)",
            " ago)",
            "Record a callback attempt",
            "Start phone call",
            "Preferred call times",
            "Take it (mine)",
            "Close incident",
            "Ljubljana time",
        ],
    );
    let english = desk_page(&app, &path, "");
    assert!(english.contains("(3 h 20 min left)"), "{english}");

    // Two days on: raised "pred 2 dnevoma", the deadline passed.
    until_left(&app, seconds(&incident["created_at"]), -(2 * 86_400 + 60));
    let page = desk_page(&app, &path, SL);
    assert!(page.contains("(pred 2 dnevoma)"), "{page}");
    assert!(page.contains("(potekel pred "), "{page}");
    let english = desk_page(&app, &path, "");
    assert!(english.contains("(2 days ago)"), "{english}");

    // A running phone call, said in Slovenian.
    let cookie = format!("{}; {SL}", app.desk_cookie());
    let started = app.post_form_with_cookie(
        &format!("{path}/phone/start"),
        &cookie,
        &app.0.origin(),
        &[],
    );
    assert_eq!(started.status, 303, "{}", started.text());
    let page = app.get_with_cookie(&path, &cookie).text();
    assert!(page.contains("Telefonski klic poteka od "), "{page}");
    assert!(page.contains(">Ustavi telefonski klic</button>"), "{page}");
}

#[test]
fn the_organisation_page_in_slovenian_says_money_coupons_and_tables_in_slovenian() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let organisation = organisation_of(&app, &token);
    app.order(&token, 1, "bank_transfer");
    let path = format!("/desk/organisations/{organisation}");

    let page = desk_page(&app, &path, SL);
    for words in [
        "30,50\u{a0}€",
        "bančno nakazilo",
        "čaka na plačilo",
        "Na voljo: <strong>1 kupon</strong>.",
        "ID za DDV SI12345678",
        "registrirano s serijsko številko",
        "<caption>Kontaktne osebe</caption>",
        "<caption>Licence</caption>",
        "<caption>Naročila</caption>",
        "<caption>Evidenca kuponov</caption>",
        "Brezplačni prvi kupon",
        "Odprite zahtevek za to stranko",
        "Vsi zahtevki tega podjetja v vrsti zahtevkov:",
    ] {
        assert!(page.contains(words), "{words}: {page}");
    }
    assert_none_of(
        &page,
        &[
            "EUR",
            "coupon(s)",
            "bank transfer",
            "Coupon ledger",
            "registered with serial",
            "VAT id",
        ],
    );
    let english = desk_page(&app, &path, "");
    assert!(english.contains("€30.50"), "{english}");
    assert!(english.contains("<strong>1 coupon</strong> available."));

    for (added, said) in [(1, "2 kupona"), (1, "3 kuponi"), (2, "5 kuponov")] {
        app.adjust(&token, added);
        let page = desk_page(&app, &path, SL);
        assert!(
            page.contains(&format!("Na voljo: <strong>{said}</strong>.")),
            "{said}"
        );
    }

    let form = desk_page(&app, &format!("{path}/incidents/new"), SL);
    assert!(
        form.contains("<title>Odprite zahtevek za klicatelja"),
        "{form}"
    );
    assert!(form.contains("Na voljo je 5 kuponov."), "{form}");
    assert!(form.contains(">Odpri zahtevek</button>"), "{form}");
    assert_none_of(&form, &["coupon", "Who phoned", "Open the incident"]);

    let search = desk_page(&app, "/desk/organisations?q=Kovinar", SL);
    assert!(
        search.contains("<caption>Najdene stranke</caption>"),
        "{search}"
    );
    assert!(search.contains("najboljši zadetki najprej"), "{search}");
    assert_none_of(&search, &["Customers found", "best matches first"]);
}

#[test]
fn the_outbox_and_health_pages_speak_slovenian() {
    let app = spawn_app();
    app.customer();
    let outbox = desk_page(&app, "/desk/outbox", SL);
    assert!(outbox.contains("<title>Odhodna pošta"), "{outbox}");
    assert!(outbox.contains("<caption>Zadnjih 100 e-poštnih sporočil</caption>"));
    assert!(
        outbox.contains("<th scope=\"col\">Prejemnik</th>"),
        "{outbox}"
    );
    assert_none_of(&outbox, &["The last 100 emails", "Last error"]);
    let health = desk_page(&app, "/desk/health", SL);
    assert!(health.contains("<title>Stanje sistema"), "{health}");
    assert!(health.contains("Periodični pregled"), "{health}");
    assert!(
        health.contains("Zamujeni roki za povratni klic ta teden"),
        "{health}"
    );
    assert_none_of(&health, &["cron sweep", "Emails due now", "job(s)"]);
}

fn member<'a>(members: &'a Value, email: &str) -> &'a Value {
    members["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == email)
        .unwrap()
}

/// `/desk` as the member signed in through Access, with these headers.
fn desk_as<T: Transport>(app: &TestApp<T>, email: &str, extra: &[(&str, &str)]) -> TestResponse {
    let assertion = access_assertion(email, app.0.now_seconds(), Forgery::None);
    let mut headers = vec![("cf-access-jwt-assertion", assertion.as_str())];
    headers.extend_from_slice(extra);
    app.0.send("GET", "/desk", &headers, Vec::new())
}

#[test]
fn a_staff_member_s_own_language_is_stored_and_spoken_unless_the_switch_says_otherwise() {
    let app = spawn_app();
    let email = app.staff_member("agent");
    let members = app.staff_get("/api/staff/members").json();
    let id = member(&members, &email)["member_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(member(&members, &email)["language"], Value::Null);
    let english_browser = [("accept-language", "en-GB,en;q=0.9")];
    let page = desk_as(&app, &email, &english_browser).text();
    assert!(page.contains("<html lang=\"en\""), "{page}");

    // Set through the API: the desk speaks it to an English browser.
    let path = format!("/api/staff/members/{id}");
    let changed = app.staff_send("PATCH", &path, &json!({ "language": "sl" }));
    assert_eq!(changed.status, 200, "{}", changed.text());
    assert_eq!(changed.json()["language"], "sl");
    let page = desk_as(&app, &email, &english_browser).text();
    assert!(page.contains("<html lang=\"sl\""), "{page}");
    assert!(page.contains("<title>Služba za podporo"), "{page}");
    // The switch's cookie wins.
    let switched = [("accept-language", "sl"), ("cookie", "lang=en")];
    let page = desk_as(&app, &email, &switched).text();
    assert!(page.contains("<html lang=\"en\""), "{page}");
    assert!(page.contains("<title>Support desk"), "{page}");

    // Only sl or en; null goes back to the browser's.
    for wrong in [json!("de"), json!("SL"), json!(1)] {
        let refused = app.staff_send("PATCH", &path, &json!({ "language": wrong }));
        let problem = refused.problem(422);
        assert_eq!(
            problem["errors"][0]["field"], "language",
            "{wrong}: {problem}"
        );
    }
    let kept = app.staff_get("/api/staff/members").json();
    assert_eq!(member(&kept, &email)["language"], "sl");
    let cleared = app.staff_send("PATCH", &path, &json!({ "language": null, "name": "Ana" }));
    assert_eq!(
        cleared.json()["language"],
        Value::Null,
        "{}",
        cleared.text()
    );
    assert_eq!(cleared.json()["name"], "Ana");
    let page = desk_as(&app, &email, &english_browser).text();
    assert!(page.contains("<html lang=\"en\""), "{page}");

    // Added with a language.
    let added = app.staff_send(
        "POST",
        "/api/staff/members",
        &json!({"email": "mojca@spica.test", "name": "Mojca", "role": "finance", "language": "sl"}),
    );
    assert_eq!(added.status, 201, "{}", added.text());
    assert_eq!(added.json()["language"], "sl");

    // The admin's staff page shows and sets each member's language.
    let cookie = app.desk_cookie();
    let staff = app.get_with_cookie("/desk/staff", &format!("{cookie}; {SL}"));
    assert_eq!(staff.status, 200, "{}", staff.text());
    let staff = staff.text();
    assert!(staff.contains("<caption>Člani osebja</caption>"), "{staff}");
    assert!(
        staff.contains(&format!("action=\"/desk/staff/{id}/language\"")),
        "{staff}"
    );
    assert!(
        staff.contains("<option value=\"\" selected>Po brskalniku</option>"),
        "{staff}"
    );
    let set = app.post_form_with_cookie(
        &format!("/desk/staff/{id}/language"),
        &cookie,
        &app.0.origin(),
        &[("language", "sl")],
    );
    assert_eq!(set.status, 303, "{}", set.text());
    assert_eq!(set.header("location"), Some("/desk/staff"));
    let members = app.staff_get("/api/staff/members").json();
    assert_eq!(member(&members, &email)["language"], "sl");
    let page = desk_as(&app, &email, &english_browser).text();
    assert!(page.contains("<html lang=\"sl\""), "{page}");
    let staff = app.get_with_cookie("/desk/staff", &cookie).text();
    assert!(
        staff.contains("<option value=\"sl\" selected>Slovenščina</option>"),
        "{staff}"
    );
    let refused = app.post_form_with_cookie(
        &format!("/desk/staff/{id}/language"),
        &cookie,
        &app.0.origin(),
        &[("language", "de")],
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
}
