//! `schema.sql` is the whole current schema and `migrations/` builds it step
//! by step: applied in order to an empty database, they must give the same.

use std::path::Path;

use rusqlite::Connection;

/// A description of a database's schema that ignores comments, layout and
/// the order in which objects were created.
fn describe(connection: &Connection) -> Vec<String> {
    let mut described = Vec::new();
    let mut objects = connection
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let rows = objects
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (kind, name, table, sql) = row.unwrap();
        described.push(format!(
            "{kind} {name} on {table}: {}",
            normalise(sql.as_deref().unwrap_or(""))
        ));
        if kind == "table" {
            let mut columns = connection
                .prepare(&format!("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo('{name}')"))
                .unwrap();
            let columns = columns
                .query_map([], |c| {
                    Ok(format!(
                        "  column {} {} notnull={} default={:?} pk={}",
                        c.get::<_, String>(0)?,
                        c.get::<_, String>(1)?,
                        c.get::<_, i64>(2)?,
                        c.get::<_, Option<String>>(3)?,
                        c.get::<_, i64>(4)?
                    ))
                })
                .unwrap();
            described.extend(columns.map(Result::unwrap));
        }
    }
    described
}

/// Drops `--` comments and folds white space, so that layout does not count.
fn normalise(sql: &str) -> String {
    sql.lines()
        .map(|line| line.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

#[path = "support/migrations.rs"]
mod support;
use support::migration_files;

#[test]
fn the_migrations_build_exactly_schema_sql() {
    let from_schema = Connection::open_in_memory().unwrap();
    from_schema
        .execute_batch(include_str!("../schema.sql"))
        .unwrap();

    let from_migrations = Connection::open_in_memory().unwrap();
    let migrations = migration_files();
    assert!(!migrations.is_empty(), "no migrations found");
    for migration in &migrations {
        let sql = std::fs::read_to_string(migration).unwrap();
        from_migrations
            .execute_batch(&sql)
            .unwrap_or_else(|e| panic!("{}: {e}", migration.display()));
    }

    let (expected, actual) = (describe(&from_schema), describe(&from_migrations));
    assert!(expected
        .iter()
        .any(|line| line.starts_with("table customers")));
    let missing: Vec<_> = expected
        .iter()
        .filter(|line| !actual.contains(line))
        .collect();
    let extra: Vec<_> = actual
        .iter()
        .filter(|line| !expected.contains(line))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "schema.sql has, the migrations lack: {missing:#?}\nthe migrations have, schema.sql lacks: {extra:#?}"
    );
    assert_eq!(actual, expected, "same objects, another order");
}

#[test]
fn every_table_is_strict() {
    let connection = Connection::open_in_memory().unwrap();
    connection
        .execute_batch(include_str!("../schema.sql"))
        .unwrap();
    let mut tables = connection
        .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let tables: Vec<(String, i64)> = tables
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.len() >= 5);
    for (name, strict) in tables {
        assert_eq!(strict, 1, "table {name} is not STRICT");
    }
}

/// Migration 0006 on a populated database, as D1 runs it: foreign keys on,
/// the file as one transaction. Each customer becomes an organisation with
/// one contact; tokens, orders and incidents keep working for that contact.
#[test]
fn organisations_migration_keeps_every_customer_as_an_organisation_with_one_contact() {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch("PRAGMA foreign_keys = on;").unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for name in [
        "0001_registration.sql",
        "0002_coupons.sql",
        "0003_direct_support.sql",
        "0004_licenses.sql",
    ] {
        db.execute_batch(&std::fs::read_to_string(dir.join(name)).unwrap())
            .unwrap();
    }
    db.execute_batch(
        "INSERT INTO customers (id, status, serial, company_name, street, postal_code, city, country, vat_id, \
           contact_name, email, phone, newsletter, terms_version, terms_accepted_at, created_at, verified_at) VALUES \
         ('cus_a', 'active', 'TS-1', 'Kovinar d.o.o.', 'Cesta 1', '1000', 'Ljubljana', 'SI', NULL, 'Ana', 'ana@kovinar.si', '+38611', 0, 'v', 't1', 't1', 't1'), \
         ('cus_b', 'active', 'TS-1', 'Other', 'Cesta 2', '1000', 'Ljubljana', 'SI', NULL, 'Bo', 'bo@other.si', '+38612', 0, 'v', 't2', 't2', 't2'), \
         ('cus_c', 'active', '0', 'Zero', 'Cesta 3', '1000', 'Ljubljana', 'SI', NULL, 'Ce', 'ce@zero.si', '+38613', 0, 'v', 't3', 't3', 't3');
         INSERT INTO licenses (serial, product, edition, major_version, list_price_cents, installations, created_at, updated_at) \
           VALUES ('TS-1', 'Time & Space', 'Pro', 8, 100000, 3, 't', 't');
         INSERT INTO license_claims (id, customer_id, status, created_at) VALUES ('clm_c', 'cus_c', 'open', 't3');
         INSERT INTO auth_tokens (token_hash, purpose, customer_id, created_at, expires_at) VALUES ('h1', 'access', 'cus_a', 't', 'z');
         INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, currency, payment_method, status, created_at, expires_at) \
           VALUES ('ord_1', 'cus_a', 2, 2500, 5000, 'EUR', 'card', 'paid', 't', 'z');
         INSERT INTO incidents (id, customer_id, subject, description, channel, status, callback_window, window_opened_at, \
           callback_target_by, callback_due_by, failed_attempts, attempts, revision, created_at) \
           VALUES ('inc_1', 'cus_a', 's', 'd', 'chat', 'awaiting_callback', 1, 't', 't', 't', 0, 0, 1, 't');
         INSERT INTO incident_messages (id, incident_id, author, author_name, body, created_at) VALUES ('imsg_1', 'inc_1', 'customer', 'Ana', 'hi', 't');",
    )
    .unwrap();

    let migration = std::fs::read_to_string(dir.join("0006_organisations.sql")).unwrap();
    db.execute_batch(&format!("BEGIN;\n{migration}\nCOMMIT;"))
        .unwrap();

    let one = |sql: &str| -> String { db.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(one("SELECT group_concat(id || '=' || customer_id || ':' || email, ' ') FROM (SELECT * FROM contacts ORDER BY id)"),
        "con_a=cus_a:ana@kovinar.si con_b=cus_b:bo@other.si con_c=cus_c:ce@zero.si");
    assert_eq!(
        one("SELECT holder_id FROM licenses WHERE serial = 'TS-1'"),
        "cus_a",
        "the first registrant holds it"
    );
    assert_eq!(
        one("SELECT group_concat(customer_id || ':' || serial || ':' || status, ' ') FROM (SELECT * FROM license_claims ORDER BY customer_id)"),
        "cus_b:TS-1:open cus_c:0:open",
        "the second registrant of the serial and the serial-0 one are claims"
    );
    assert_eq!(
        one("SELECT contact_id FROM auth_tokens WHERE token_hash = 'h1'"),
        "con_a"
    );
    assert_eq!(
        one("SELECT contact_id FROM coupon_orders WHERE id = 'ord_1'"),
        "con_a"
    );
    assert_eq!(
        one("SELECT contact_id FROM incidents WHERE id = 'inc_1'"),
        "con_a"
    );
    assert_eq!(
        one("SELECT contact_id FROM incident_messages WHERE id = 'imsg_1'"),
        "con_a"
    );
    let violations: i64 = db
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(violations, 0);
    // The old address is still one person's.
    assert!(db
        .execute_batch("INSERT INTO contacts (id, customer_id, status, name, email, phone, newsletter, created_at) \
                        VALUES ('con_x', 'cus_b', 'active', 'X', 'ana@kovinar.si', '+3861', 0, 't')")
        .is_err());
}

/// Migration 0013 on a populated database, as D1 runs it: an order placed
/// before VAT keeps what it asked for (no VAT, total due = total), keeps
/// its payments, and takes the buyer's country and VAT number.
#[test]
fn vat_migration_keeps_existing_orders_at_what_they_asked() {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch("PRAGMA foreign_keys = on;").unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let migrations = migration_files();
    let vat = dir.join("0013_vat.sql");
    for migration in migrations.iter().take_while(|path| **path != vat) {
        db.execute_batch(&std::fs::read_to_string(migration).unwrap())
            .unwrap();
    }
    db.execute_batch(
        "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, country, vat_id, created_at) \
           VALUES ('cus_a', 'active', 'TS-1', 'Kovinar GmbH', 'Strasse 1', '10115', 'Berlin', 'DE', 'DE123456789', 't');
         INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, currency, payment_method, status, received_cents, created_at, expires_at) \
           VALUES ('ord_1', 'cus_a', 2, 2500, 5000, 'EUR', 'bank_transfer', 'paid', 5000, 't', 'z');
         INSERT INTO payments (id, order_id, source, source_key, amount_cents, created_at) \
           VALUES ('pay_1', 'ord_1', 'bank', 'ref:B1', 5000, 't');",
    )
    .unwrap();

    let migration = std::fs::read_to_string(&vat).unwrap();
    db.execute_batch(&format!("BEGIN;\n{migration}\nCOMMIT;"))
        .unwrap();

    let order: (String, i64, i64, i64, String, String, i64) = db
        .query_row(
            "SELECT vat_category, vat_rate_bp, vat_cents, total_due_cents, buyer_country, buyer_vat_id, received_cents \
             FROM coupon_orders WHERE id = 'ord_1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .unwrap();
    assert_eq!(
        order,
        (
            "standard".into(),
            0,
            0,
            5000,
            "DE".into(),
            "DE123456789".into(),
            5000
        )
    );
    let payments: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM payments WHERE order_id = 'ord_1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(payments, 1);
    let violations: i64 = db
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(violations, 0);
    let rate: i64 = db
        .query_row(
            "SELECT rate_bp FROM vat_rates WHERE country = 'SI' ORDER BY starts_on DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rate, 2200);
}

/// Migration 0016 on a populated database, as D1 runs it: the rebuilt
/// invoices table keeps every document, an earlier credit note is marked as
/// having credited its whole invoice, the trigger still refuses updates, and
/// an order may now have several credit notes but still one invoice.
#[test]
fn partial_credit_notes_migration_keeps_the_documents_issued_before() {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch("PRAGMA foreign_keys = on;").unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let rebuild = dir.join("0016_partial_credit_notes.sql");
    for migration in migration_files()
        .iter()
        .take_while(|path| **path != rebuild)
    {
        db.execute_batch(&std::fs::read_to_string(migration).unwrap())
            .unwrap();
    }
    let document = |id: &str, kind: &str, seq: i64, order: &str, credits: &str| {
        format!(
            "INSERT INTO invoices (id, kind, year, seq, number, order_id, credits_invoice_id, customer_id, issued_on, \
               seller_name, seller_street, seller_postal_code, seller_city, seller_country, seller_vat_id, seller_iban, \
               seller_bic, buyer_name, buyer_street, buyer_postal_code, buyer_city, buyer_country, currency, quantity, \
               unit_price_cents, net_cents, vat_cents, total_cents, vat_category, vat_rate_bp, payment_means, created_at) \
             VALUES ('{id}', '{kind}', 2026, {seq}, '2026-0000{seq}', '{order}', {credits}, 'cus_a', '2026-11-30', 'S', 'St', \
               '1000', 'Ljubljana', 'SI', 'SI1', 'IBAN', 'BIC', 'B', 'Bt', '2000', 'Maribor', 'SI', 'EUR', 2, 2500, 5000, \
               1100, 6100, 'standard', 2200, 'card', 't');"
        )
    };
    db.execute_batch(&format!(
        "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, country, vat_id, created_at) \
           VALUES ('cus_a', 'active', 'TS-1', 'Kupec', 'Ulica 1', '2000', 'Maribor', 'SI', 'SI87654321', 't');
         INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, currency, payment_method, status, \
           created_at, expires_at, vat_category, vat_rate_bp, vat_cents, total_due_cents, buyer_country) \
           VALUES ('ord_1', 'cus_a', 2, 2500, 5000, 'EUR', 'card', 'paid', 't', 'z', 'standard', 2200, 1100, 6100, 'SI'), \
                  ('ord_2', 'cus_a', 2, 2500, 5000, 'EUR', 'card', 'paid', 't', 'z', 'standard', 2200, 1100, 6100, 'SI');
         {}{}{}",
        document("inv_1", "invoice", 1, "ord_1", "NULL"),
        document("inv_2", "invoice", 2, "ord_2", "NULL"),
        document("crn_1", "credit_note", 3, "ord_1", "'inv_1'"),
    ))
    .unwrap();

    let migration = std::fs::read_to_string(&rebuild).unwrap();
    db.execute_batch(&format!("BEGIN;\n{migration}\nCOMMIT;"))
        .unwrap();

    let mut rows = db
        .prepare("SELECT id, seq, credits_invoice_id, credited_through FROM invoices ORDER BY seq")
        .unwrap();
    let documents: Vec<(String, i64, Option<String>, Option<i64>)> = rows
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        documents,
        [
            ("inv_1".into(), 1, None, None),
            ("inv_2".into(), 2, None, None),
            ("crn_1".into(), 3, Some("inv_1".into()), Some(2)),
        ]
    );
    let violations: i64 = db
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(violations, 0);
    assert!(db
        .execute("UPDATE invoices SET vat_cents = 0 WHERE id = 'inv_1'", [])
        .unwrap_err()
        .to_string()
        .contains("never change"));
    // A second invoice for an order is refused; a second credit note for
    // another extent of the other order is not.
    assert!(db
        .execute_batch(&document("inv_3", "invoice", 4, "ord_1", "NULL"))
        .is_err());
    db.execute_batch(&format!(
        "{}{}",
        document("crn_2", "credit_note", 4, "ord_2", "'inv_2'")
            .replace(
                "credits_invoice_id,",
                "credits_invoice_id, credited_through,"
            )
            .replace("'inv_2', 'cus_a'", "'inv_2', 2, 'cus_a'"),
        document("crn_3", "credit_note", 5, "ord_2", "'inv_2'")
            .replace(
                "credits_invoice_id,",
                "credits_invoice_id, credited_through,"
            )
            .replace("'inv_2', 'cus_a'", "'inv_2', 4, 'cus_a'"),
    ))
    .unwrap();
}

/// Migration 0017 on a populated database, as D1 runs it: every email is
/// told its contact (the one who held the address when it was written, its
/// organisation with it) or none (the desk, an invitee, an address nobody
/// holds now), and its kind from its subject.
#[test]
fn outbox_recipients_migration_tells_each_email_its_contact_and_kind() {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch("PRAGMA foreign_keys = on;").unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let rebuild = dir.join("0017_outbox_recipients.sql");
    for migration in migration_files()
        .iter()
        .take_while(|path| **path != rebuild)
    {
        db.execute_batch(&std::fs::read_to_string(migration).unwrap())
            .unwrap();
    }
    db.execute_batch(
        "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, country, created_at) VALUES \
           ('cus_a', 'active', 'TS-1', 'A', 'U 1', '1000', 'Ljubljana', 'SI', 't1'), \
           ('cus_b', 'active', 'TS-2', 'B', 'U 2', '1000', 'Ljubljana', 'SI', 't1'), \
           ('cus_c', 'active', 'TS-3', 'C', 'U 3', '1000', 'Ljubljana', 'SI', 't5');
         INSERT INTO contacts (id, customer_id, status, name, email, phone, newsletter, created_at, removed_at, pending_email) VALUES \
           ('con_x', 'cus_a', 'removed', 'X', 'x@a.si', '+3861', 0, 't1', 't4', NULL), \
           ('con_w', 'cus_a', 'active', 'W', 'w@a.si', '+3862', 0, 't1', NULL, 'w2@a.si'), \
           ('con_d', 'cus_b', 'active', 'D', 'desk@spica.si', '+3863', 0, 't3', NULL, NULL), \
           ('con_z', 'cus_c', 'active', 'Z', 'x@a.si', '+3864', 0, 't5', NULL, NULL);
         INSERT INTO bulletins (id, subject, body, published_by, published_at) VALUES ('bul_1', 'Incident: news', 'b', 's', 't2');
         INSERT INTO bulletin_recipients (bulletin_id, contact_id, status, outbox_id) VALUES ('bul_1', 'con_w', 'queued', 'obx_1');
         INSERT INTO outbox (id, to_address, subject, body_text, status, created_at, next_attempt_at) VALUES \
           ('m01', 'x@a.si', 'Pro-forma for 2 support coupon(s), order ord_1', 't', 'sent', 't2', 't2'), \
           ('m02', 'desk@spica.si', 'New support incident inc_1: call back by z', 't', 'sent', 't2', 't2'), \
           ('m03', 'desk@spica.si', 'Re: Offline [inc_1]', 'X wrote', 'sent', 't2', 't2'), \
           ('m04', 'x@a.si', 'Re: Offline [inc_1]', 'Maja (Spica support) wrote', 'sent', 't2', 't2'), \
           ('m05', 'desk@spica.si', 'Welcome to Time & Space support', 't', 'sent', 't3', 't3'), \
           ('m06', 'desk@spica.si', 'Incident inc_1: the callback deadline was missed (SLA breached)', 't', 'sent', 't4', 't4'), \
           ('m07', 'x@a.si', 'Welcome to Time & Space support', 't', 'sent', 't6', 't6'), \
           ('m08', 'n@a.si', 'A invites you to A on the Spica Customer Support Portal', 't', 'sent', 't2', 't2'), \
           ('obx_1', 'w@a.si', 'Incident: news', 't', 'sent', 't2', 't2'), \
           ('m09', 'w2@a.si', 'Confirm your new email address for Time & Space support', 't', 'sent', 't2', 't2'), \
           ('m10', 'old@a.si', 'Your Time & Space support email address was changed', 't', 'sent', 't2', 't2'), \
           ('m11', 'w@a.si', 'Something from before', 't', 'sent', 't2', 't2'), \
           ('m12', 'w@a.si', 'Your Time & Space sign-in link', 't', 'pending', 't2', 't2');",
    )
    .unwrap();

    let migration = std::fs::read_to_string(&rebuild).unwrap();
    db.execute_batch(&format!("BEGIN;\n{migration}\nCOMMIT;"))
        .unwrap();

    let told: Vec<String> = db
        .prepare("SELECT id || ' ' || COALESCE(contact_id, '-') || ' ' || COALESCE(customer_id, '-') || ' ' || kind FROM outbox ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        told,
        [
            "m01 con_x cus_a payment",
            "m02 - - desk",
            "m03 - - desk",
            "m04 con_x cus_a incident",
            "m05 - - account",
            "m06 - - desk",
            "m07 con_z cus_c account",
            "m08 - - invitation",
            "m09 con_w cus_a address_change",
            "m10 - - account",
            "m11 con_w cus_a legacy",
            "m12 con_w cus_a sign_in",
            "obx_1 con_w cus_a bulletin",
        ]
    );
    let violations: i64 = db
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(violations, 0);
    let pending: String = db
        .query_row(
            "SELECT status || next_attempt_at FROM outbox WHERE id = 'm12'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(pending, "pendingt2", "rows keep what they had");
}

/// Migration 0018 on a populated database, as D1 runs it: an invited
/// contact with its link becomes an open invitation with the same link (so
/// an email already sent still works), and leaves contacts, freeing its
/// address; one whose link was swept just goes; a removed one stays.
#[test]
fn invitations_migration_moves_invited_contacts_out_of_contacts() {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch("PRAGMA foreign_keys = on;").unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let invitations = dir.join("0018_invitations.sql");
    for migration in migration_files()
        .iter()
        .take_while(|path| **path != invitations)
    {
        db.execute_batch(&std::fs::read_to_string(migration).unwrap())
            .unwrap();
    }
    let contact = |id: &str, status: &str, email: &str, invited_by: &str, removed: &str| {
        format!(
            "INSERT INTO contacts (id, customer_id, status, name, email, phone, newsletter, invited_by, created_at, removed_at) \
             VALUES ('{id}', 'cus_a', '{status}', 'Name {id}', '{email}', '+38640111222', 0, {invited_by}, 't1', {removed});"
        )
    };
    db.execute_batch(&format!(
        "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, country, created_at) \
           VALUES ('cus_a', 'active', 'TS-1', 'Kovinar', 'Cesta 1', '1000', 'Ljubljana', 'SI', 't');
         {}{}{}{}
         INSERT INTO auth_tokens (token_hash, purpose, contact_id, created_at, expires_at) VALUES \
           ('h_ana', 'access', 'con_ana', 't1', 'z'), ('h_bor', 'invitation', 'con_bor', 't1', '2026-12-08T00:00:00.000Z');",
        contact("con_ana", "active", "ana@kovinar.si", "NULL", "NULL"),
        contact("con_bor", "invited", "bor@kovinar.si", "'con_ana'", "NULL"),
        contact("con_cene", "invited", "cene@kovinar.si", "'con_ana'", "NULL"),
        contact("con_dan", "removed", "dan@kovinar.si", "'con_ana'", "'t2'"),
    ))
    .unwrap();

    let migration = std::fs::read_to_string(&invitations).unwrap();
    db.execute_batch(&format!("BEGIN;\n{migration}\nCOMMIT;"))
        .unwrap();

    let one = |sql: &str| -> String { db.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(
        one("SELECT group_concat(id || ':' || customer_id || ':' || invited_by || ':' || email || ':' || token_hash || ':' || expires_at, ' ') FROM invitations"),
        "ivt_bor:cus_a:con_ana:bor@kovinar.si:h_bor:2026-12-08T00:00:00.000Z"
    );
    assert_eq!(
        one("SELECT group_concat(id || '=' || status, ' ') FROM (SELECT * FROM contacts ORDER BY id)"),
        "con_ana=active con_dan=removed"
    );
    assert_eq!(
        one("SELECT group_concat(token_hash, ' ') FROM auth_tokens"),
        "h_ana"
    );
    let violations: i64 = db
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(violations, 0);
    // The invited addresses are free: their owners may register.
    db.execute_batch(
        "INSERT INTO contacts (id, customer_id, status, name, email, phone, newsletter, created_at) VALUES \
           ('con_bor2', 'cus_a', 'pending_verification', 'Bor', 'bor@kovinar.si', '+3861', 0, 't3'), \
           ('con_cene2', 'cus_a', 'pending_verification', 'Cene', 'cene@kovinar.si', '+3861', 0, 't3');",
    )
    .unwrap();
}

/// Migration 0022 numbers the incidents and orders already there, per year
/// of creation, in the order they were created (INC-2025-00001, then
/// INC-2026-00001, 00002, …).
#[test]
fn numbers_migration_numbers_existing_rows_per_year_in_order_of_creation() {
    let db = Connection::open_in_memory().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let numbering = dir.join("0022_numbers_and_assignees.sql");
    for migration in migration_files()
        .iter()
        .take_while(|path| **path != numbering)
    {
        db.execute_batch(&std::fs::read_to_string(migration).unwrap())
            .unwrap();
    }
    let incident = |id: &str, created: &str| {
        format!(
            "INSERT INTO incidents (id, customer_id, subject, description, channel, status, callback_window, \
               window_opened_at, callback_target_by, callback_due_by, failed_attempts, attempts, revision, created_at) \
             VALUES ('{id}', 'cus_a', 'S', 'D', 'voice', 'awaiting_callback', 1, 't', 't', 't', 0, 0, 1, '{created}');"
        )
    };
    let order = |id: &str, created: &str| {
        format!(
            "INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, currency, payment_method, \
               status, created_at, expires_at, vat_category, vat_rate_bp, vat_cents, total_due_cents, buyer_country) \
             VALUES ('{id}', 'cus_a', 2, 2500, 5000, 'EUR', 'card', 'paid', '{created}', 'z', 'standard', 2200, 1100, 6100, 'SI');"
        )
    };
    db.execute_batch(&format!(
        "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, country, vat_id, created_at) \
           VALUES ('cus_a', 'active', 'TS-1', 'Kupec', 'Ulica 1', '2000', 'Maribor', 'SI', 'SI87654321', 't');
         {}{}{}{}{}",
        incident("inc_c", "2026-03-01T00:00:00.000Z"),
        incident("inc_a", "2025-12-31T23:59:59.000Z"),
        incident("inc_b", "2026-01-01T00:00:00.000Z"),
        order("ord_b", "2026-02-01T00:00:00.000Z"),
        order("ord_a", "2026-01-05T00:00:00.000Z"),
    ))
    .unwrap();
    db.execute_batch(&std::fs::read_to_string(&numbering).unwrap())
        .unwrap();
    let numbers = |sql: &str| -> Vec<(String, String)> {
        let mut statement = db.prepare(sql).unwrap();
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(
        numbers("SELECT id, number FROM incidents ORDER BY id"),
        vec![
            ("inc_a".into(), "INC-2025-00001".into()),
            ("inc_b".into(), "INC-2026-00001".into()),
            ("inc_c".into(), "INC-2026-00002".into()),
        ]
    );
    assert_eq!(
        numbers("SELECT id, number FROM coupon_orders ORDER BY id"),
        vec![
            ("ord_a".into(), "ORD-2026-00001".into()),
            ("ord_b".into(), "ORD-2026-00002".into()),
        ]
    );
}

/// Migration 0024 gives every contact a language: 'sl' in an organisation
/// in Slovenia, 'en' elsewhere; afterwards only 'sl' and 'en' are accepted.
#[test]
fn language_migration_speaks_slovenian_to_slovenian_organisations() {
    let db = Connection::open_in_memory().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let languages = dir.join("0024_contact_language.sql");
    for migration in migration_files()
        .iter()
        .take_while(|path| **path != languages)
    {
        db.execute_batch(&std::fs::read_to_string(migration).unwrap())
            .unwrap();
    }
    let customer = |id: &str, country: &str| {
        format!(
            "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, country, created_at) \
               VALUES ('{id}', 'active', 'TS-1', 'Company {id}', 'Cesta 1', '1000', 'Ljubljana', '{country}', 't');"
        )
    };
    let contact = |id: &str, customer: &str, status: &str, removed: &str| {
        format!(
            "INSERT INTO contacts (id, customer_id, status, name, email, phone, newsletter, created_at, removed_at) \
             VALUES ('{id}', '{customer}', '{status}', 'Name {id}', '{id}@example.test', '+38640111222', 0, 't1', {removed});"
        )
    };
    db.execute_batch(&format!(
        "{}{}{}{}{}{}",
        customer("cus_si", "SI"),
        customer("cus_at", "AT"),
        contact("con_ana", "cus_si", "active", "NULL"),
        contact("con_dan", "cus_si", "removed", "'t2'"),
        contact("con_eva", "cus_at", "active", "NULL"),
        contact("con_fin", "cus_at", "pending_verification", "NULL"),
    ))
    .unwrap();

    let migration = std::fs::read_to_string(&languages).unwrap();
    db.execute_batch(&format!("BEGIN;\n{migration}\nCOMMIT;"))
        .unwrap();

    let languages: String = db
        .query_row(
            "SELECT group_concat(id || '=' || language, ' ') FROM (SELECT * FROM contacts ORDER BY id)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(languages, "con_ana=sl con_dan=sl con_eva=en con_fin=en");
    let refused = db.execute_batch("UPDATE contacts SET language = 'de' WHERE id = 'con_ana'");
    assert!(refused.is_err(), "a third language was accepted");
}
