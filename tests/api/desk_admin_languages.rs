//! The desk's finance and admin pages in the reader's language (issue 23):
//! a staff member whose browser says `lang=sl` reads tasks, bank
//! statements, adjustments, partners, licenses, releases, claims, the
//! audit log and bulletins in Slovenian, with Slovenian money, dates and
//! plural forms; without the cookie the pages stay English.

use serde_json::json;

use crate::helpers::{camt053, checkout_completed, unique, TestApp, TestResponse, Transport};
use crate::spawn_app;

/// The desk's session cookie with the Slovenian language cookie.
fn slovenian_desk<T: Transport>(app: &TestApp<T>) -> String {
    format!("lang=sl; {}", app.desk_cookie())
}

/// A page whose every English text in `english` is gone and whose every
/// Slovenian text in `slovenian` is there.
fn assert_slovenian(page: &TestResponse, slovenian: &[&str], english: &[&str]) {
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(html.contains("<html lang=\"sl\""), "not a Slovenian page");
    for said in slovenian {
        assert!(html.contains(said), "`{said}` missing:\n{html}");
    }
    for said in english {
        assert!(
            !html.contains(said),
            "English `{said}` on a Slovenian page:\n{html}"
        );
    }
}

fn multipart(field: &str, filename: &str, content_type: &str, content: &str) -> (String, Vec<u8>) {
    let boundary = "----spica-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n\
         Content-Type: {content_type}\r\n\r\n{content}\r\n--{boundary}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

fn upload<T: Transport>(
    app: &TestApp<T>,
    path: &str,
    cookie: &str,
    (content_type, body): (String, Vec<u8>),
) -> TestResponse {
    let origin = app.0.origin();
    let headers = [
        ("content-type", content_type.as_str()),
        ("cookie", cookie),
        ("origin", origin.as_str()),
    ];
    app.0.send("POST", path, &headers, body)
}

/// Euro text (`61.00`) in cents.
fn cents(amount: &str) -> i64 {
    let (whole, fraction) = amount.split_once('.').unwrap();
    whole.parse::<i64>().unwrap() * 100 + fraction.parse::<i64>().unwrap()
}

#[test]
fn a_bank_statement_and_its_tasks_read_in_slovenian_with_slovenian_money_and_dates() {
    let app = spawn_app();
    let cookie = slovenian_desk(&app);
    let (_, token) = app.customer();
    let order = app.order(&token, 2, "bank_transfer");
    let reference = order["bank_transfer"]["reference"].as_str().unwrap();
    let due = cents(order["bank_transfer"]["amount"].as_str().unwrap());
    let paid = format!("{}.{:02}", (due + 500) / 100, (due + 500) % 100);
    let statement = camt053(&[
        (&paid, reference, &unique("B")),
        ("10.00", "no reference at all", &unique("B")),
    ]);
    let report = upload(
        &app,
        "/desk/statements",
        &cookie,
        multipart("statement", "statement.xml", "text/xml", &statement),
    );
    assert_slovenian(
        &report,
        &[
            "<h1>Poročilo o usklajevanju</h1>",
            "Vnosi: 2 (povezani: 0, delna plačila: 0, preplačila: 1, nepovezani: 1, podvojeni: 0, prezrti: 0).",
            "<caption>Vnosi</caption>",
            "<th scope=\"col\">Izid</th>",
            "<td>preplačilo</td>",
            "<td>nepovezano</td>",
            "plačano v celoti; preplačilo 5,00\u{a0}€ je treba vrniti",
            "nobeno naročilo nima tega sklica",
            "<td>10,00\u{a0}€</td>",
            "<caption>Nepovezana nakazila</caption>",
            "<td>26. 11. 2026</td>",
            "Poiščite naročilo: številka, znesek, podjetje ali sklic",
            "Bančni izpisek (camt.053, camt.054 ali CSV)",
            ">Naloži</button>",
        ],
        &[
            "entries:",
            "paid in full",
            "no order has this reference",
            "Unmatched transfers",
            "EUR",
            "2026-11-26",
            "Find the order",
            ">Upload<",
        ],
    );

    let statements = app.get_with_cookie("/desk/statements", &cookie);
    assert_slovenian(
        &statements,
        &[
            "<h1>Bančni izpiski</h1>",
            "<caption>Nepovezana nakazila</caption>",
        ],
        &["Bank statements", "Booked", "Remitter"],
    );
    let html = statements.text();
    let at = html.find("name=\"entry\" value=\"").unwrap() + "name=\"entry\" value=\"".len();
    let entry = &html[at..at + html[at..].find('"').unwrap()];
    let searched = app.get_with_cookie(
        &format!("/desk/statements?entry={entry}&q=nothing-like-it"),
        &cookie,
    );
    assert_slovenian(
        &searched,
        &["Iskanju „nothing-like-it“ ne ustreza nobeno odprto naročilo."],
        &["No open order matches"],
    );

    let tasks = app.get_with_cookie("/desk/tasks", &cookie);
    assert_slovenian(
        &tasks,
        &[
            "<h1>Opravila</h1>",
            "<caption>Odprta opravila, najstarejša najprej</caption>",
            "<td>vračilo preplačila</td>",
            "<td>5,00\u{a0}€</td>",
            ">Zaključi</button>",
            "<label for=\"note-",
            ">Opomba</label>",
            "<h2>Naročila v pregledu</h2>",
            "<td>plačano 5,00\u{a0}€ več, kot znaša naročilo ord_",
            "; treba je vrniti</td>",
        ],
        &[
            "EUR 5.00",
            "paid beyond",
            "Open tasks",
            "Resolve",
            "Orders in review",
            "refund the excess",
        ],
    );
    // The same page for an English reader.
    let english = app
        .get_with_cookie("/desk/tasks", &app.desk_cookie())
        .text();
    assert!(
        english.contains("<td>€5.00</td>")
            && english.contains("<h1>Tasks</h1>")
            && english.contains("<td>€5.00 paid beyond order ord_")
            && english.contains("&#39;s total due, to refund</td>"),
        "{english}"
    );
}

#[test]
fn an_order_in_review_shows_its_coupons_in_slovenian_plural_forms() {
    let app = spawn_app();
    let cookie = slovenian_desk(&app);
    for quantity in [1, 2, 3, 5] {
        let (_, token) = app.customer();
        let order = app.order(&token, quantity, "card");
        let mut event = checkout_completed(&unique("evt_"), &order);
        event["data"]["object"]["amount_total"] = json!(100);
        assert_eq!(app.stripe_event(&event).json()["outcome"], "review");
    }
    let tasks = app.get_with_cookie("/desk/tasks", &cookie);
    assert_slovenian(
        &tasks,
        &[
            "<caption>Plačila, ki se ne ujemajo s svojim naročilom</caption>",
            "<td>1 kupon, ",
            "<td>2 kupona, ",
            "<td>3 kuponi, ",
            "<td>5 kuponov, ",
            "\u{a0}€</td>",
            "<label for=\"action-",
            ">Način poravnave</label>",
            "Pripiši kupone (sprejmi plačilo)",
            ">Poravnaj</button>",
            "<td>pregled plačila</td>",
            "<td>plačano 1,00\u{a0}€, naročilo pa znaša 30,50\u{a0}€</td>",
        ],
        &[
            "coupons, EUR",
            "Settle by",
            "Refund the payment",
            "review the payment",
            " cents",
        ],
    );
}

#[test]
fn a_balance_is_adjusted_in_slovenian_with_its_plural_and_its_refusal() {
    let app = spawn_app();
    let cookie = slovenian_desk(&app);
    let origin = app.0.origin();
    let (_, token) = app.customer();
    let customer_id = app.get_as("/api/me", &token).json()["customer_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let search = app.get_with_cookie("/desk/adjustments", &cookie);
    assert_slovenian(
        &search,
        &[
            "<h1>Popravek stanja</h1>",
            "Najprej poiščite stranko",
            ">Poišči stranko</button>",
        ],
        &["Find the customer", "Adjust a balance"],
    );
    let form = app.get_with_cookie(
        &format!("/desk/adjustments?organisation={customer_id}"),
        &cookie,
    );
    assert_slovenian(
        &form,
        &["Stranka: ", ">Popravi stanje</button>", ">Razlog</label>"],
        &["Adjust the balance", "Coupons to add"],
    );
    let adjust = |coupons: &str| {
        app.post_form_with_cookie(
            "/desk/adjustments",
            &cookie,
            &origin,
            &[
                ("idempotency_key", &unique("adj-")),
                ("customer_id", &customer_id),
                ("coupons", coupons),
                ("reason", "Dobra volja"),
            ],
        )
    };
    let refused = adjust("-100");
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert!(
        refused.text().contains("stanje kuponov bi padlo pod nič")
            && !refused.text().contains("below zero"),
        "{}",
        refused.text()
    );
    assert_eq!(app.balance(&token), 1);
    // From the new customer's one coupon up, then down to one again.
    let said = [(2, "kupona"), (3, "kuponi"), (5, "kuponov"), (1, "kupon")];
    for (wanted, word) in said {
        let adjusted = adjust(&(wanted - app.balance(&token)).to_string());
        assert_slovenian(
            &adjusted,
            &[
                "<h1>Stanje je popravljeno</h1>",
                &format!("Stanje stranke {customer_id} je zdaj {wanted} {word}."),
            ],
            &["coupon(s)", "is now", "Balance adjusted"],
        );
    }
    assert_eq!(app.balance(&token), 1);
}

#[test]
fn partners_licenses_and_releases_read_in_slovenian() {
    let app = spawn_app();
    let cookie = slovenian_desk(&app);
    let origin = app.0.origin();
    assert_slovenian(
        &app.get_with_cookie("/desk/partners", &cookie),
        &[
            "<h1>Partnerji</h1>",
            "<h2>Dodajte partnerja</h2>",
            ">Država</label>",
            "<option value=\"reseller\">Prodajni partner</option>",
            ">Dodaj partnerja</button>",
        ],
        &["Add a partner", "Reseller", "Country (ISO code)"],
    );
    let name = unique("Racunalnistvo ");
    let added = app.post_form_with_cookie(
        "/desk/partners",
        &cookie,
        &origin,
        &[
            ("name", &name),
            ("kind", "technician"),
            ("country", "SI"),
            ("email", "partner@example.si"),
        ],
    );
    assert_slovenian(
        &added,
        &[
            "<h1>Partner je dodan</h1>",
            &format!("Partner {name} (tehnik) je dodan z ID-jem <code>ptn_"),
            "prikazan samo tokrat",
            ">Kopiraj</button>",
            ">Nazaj na partnerje</a>",
        ],
        &["is added as", "shown this once", "Back to the partners"],
    );
    let listing = app.get_with_cookie("/desk/partners", &cookie).text();
    let ours = listing.find(&name).unwrap();
    let at = ours + listing[ours..].find("/desk/partners/ptn_").unwrap() + "/desk/partners/".len();
    let id = listing[at..at + listing[at..].find('/').unwrap()].to_owned();
    assert!(
        listing.contains(&format!(
            "data-confirm=\"Želite preklicati ključ partnerja {name}?"
        )) && listing.contains(&format!("aria-label=\"Prekliči ključ partnerja {name}\"")),
        "{listing}"
    );
    let revoked = app.post_form_with_cookie(
        &format!("/desk/partners/{id}/revoke"),
        &cookie,
        &origin,
        &[],
    );
    assert_eq!(revoked.status, 303);
    let listing = app.get_with_cookie("/desk/partners", &cookie);
    assert_slovenian(
        &listing,
        &["<td>Tehnik</td>", "preklican <time datetime=\"", " ob "],
        &["revoked", "Revoke"],
    );

    let audit = app.get_with_cookie(&format!("/desk/audit?target={id}"), &cookie);
    assert_slovenian(
        &audit,
        &[
            "<h1>Revizijska sled</h1>",
            "<caption>Dejanja osebja in partnerjev</caption>",
            "<th scope=\"col\">Dejanje</th>",
            "(skrbnik)",
            ">Filtriraj</button>",
        ],
        &["Audit log", "(admin)", ">Filter<", "Target (an id)"],
    );

    let serial = crate::helpers::unique_serial();
    let csv = format!(
        "serial,product,edition,version,list_price,installations\n{serial},Time & Space,Pro,8.0,990.00,3\nBAD,,,,,\n"
    );
    let report = upload(
        &app,
        "/desk/licenses",
        &cookie,
        multipart("licenses", "licenses.csv", "text/csv", &csv),
    );
    assert_slovenian(
        &report,
        &[
            "<h1>Poročilo o uvozu licenc</h1>",
            "Uvoženih: 1, posodobljenih: 0, zavrnjenih: 1.",
            "<caption>Zavrnjene vrstice</caption>",
            ">Uvozi</button>",
        ],
        &["imported,", "Rejected rows", ">Import<", "[{"],
    );
    let empty = upload(
        &app,
        "/desk/licenses",
        &cookie,
        multipart("licenses", "empty.csv", "text/csv", ""),
    );
    assert_eq!(empty.status, 422);
    assert!(empty
        .text()
        .contains("Izberite datoteko CSV ali JSON z licencami."));
    let unreadable = [
        (
            "serial,product,edition,version\nTS-1,a,b,7\n",
            "vrstica 1: v glavi manjkata stolpca list_price, installations",
        ),
        (
            "serial,product,edition,version,list_price,installations\nTS-1,a,b,7,1\n",
            "vrstica 2: 5 polj, glava pa ima 6 stolpcev",
        ),
        (
            "serial,product,edition,version,list_price,installations,serial\n",
            "vrstica 1: stolpec „serial“ se ponovi",
        ),
    ];
    for (csv, said) in unreadable {
        let refused = upload(
            &app,
            "/desk/licenses",
            &cookie,
            multipart("licenses", "licenses.csv", "text/csv", csv),
        );
        assert_eq!(refused.status, 422);
        let html = refused.text();
        assert!(
            html.contains(said) && !html.contains("line 1:") && !html.contains("line 2:"),
            "{said}:\n{html}"
        );
    }
    let not_an_array = upload(
        &app,
        "/desk/licenses",
        &cookie,
        multipart("licenses", "licenses.json", "application/json", "[1"),
    );
    assert!(
        not_an_array.text().contains("Datoteka ni veljaven JSON ("),
        "{}",
        not_an_array.text()
    );

    let added = app.post_form_with_cookie(
        "/desk/releases",
        &cookie,
        &origin,
        &[
            ("product", "Time & Space"),
            ("version", "21.1"),
            ("released_on", "2026-11-02"),
        ],
    );
    assert_eq!(added.status, 303, "{}", added.text());
    assert_slovenian(
        &app.get_with_cookie("/desk/releases", &cookie),
        &[
            "<h1>Različice</h1>",
            "<caption>Različice, najnovejše najprej</caption>",
            "<td>2. 11. 2026</td>",
            "<h2>Dodajte različico</h2>",
            ">Različica (na primer 9.1)</label>",
        ],
        &["2026-11-02", "Add a release", "Released on"],
    );
    let english = app
        .get_with_cookie("/desk/releases", &app.desk_cookie())
        .text();
    assert!(english.contains("<td>2 Nov 2026</td>"), "{english}");
}

#[test]
fn claims_and_bulletins_read_in_slovenian() {
    let app = spawn_app();
    let cookie = slovenian_desk(&app);
    let (email, _, _) = crate::organisations::stranger(&app, &crate::helpers::unique_serial());
    assert_slovenian(
        &app.get_with_cookie("/desk/claims", &cookie),
        &[
            "<h1>Prevzemi licenc</h1>",
            "je prevzem licence",
            "<caption>Prevzemi licenc, najstarejši najprej</caption>",
            "<th scope=\"col\">Vpisana serijska številka</th>",
            &email,
            " ob ",
            "<td>odprto</td>",
            ">Serijska številka (če ni enaka vpisani)</label>",
            ">Dodeli</button>",
            ">Vprašaj imetnika</button>",
            ">Razlog</label>",
            ">Zavrni</button>",
        ],
        &[
            "License claims",
            "A registration whose company",
            "Serial typed",
            "Ask the holder",
            ">Assign<",
            ">Refuse<",
            "<td>open</td>",
        ],
    );
    let bulletins = app.get_with_cookie("/desk/bulletins", &cookie);
    assert_slovenian(
        &bulletins,
        &[
            "<h1>Obvestila</h1>",
            "Prazna vrstica začne nov odstavek",
            ">Objavi in pošlji</button>",
        ],
        &[
            "Publish and send",
            "Blank lines part paragraphs",
            "Recipients",
        ],
    );
    // None yet natively; end to end, those other tests published.
    let html = bulletins.text();
    assert!(
        html.contains("<p>Obvestila: še ni ničesar.</p>")
            || html.contains("<th scope=\"col\">Prejemniki</th>"),
        "{html}"
    );
}
