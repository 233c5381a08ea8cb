//! The published genkgo/camt sample files (tests/fixtures/camt, MIT).
//! Expected values were read from the XML by hand.

use chrono::NaiveDate;

use super::{dec, fixture};
use crate::domain::statement::{parse_camt, Direction, Format, StatementError};

const SAMPLES: [&str; 18] = [
    "camt053.v2.all-balance-types.xml",
    "camt053.v2.five.decimals.xml",
    "camt053.v2.minimal.ultimate.xml",
    "camt053.v2.minimal.xml",
    "camt053.v2.multi.statement.xml",
    "camt053.v2.with-account-name.xml",
    "camt053.v2.with-party-ids.xml",
    "camt053.v2.wrong.xml",
    "camt053.v3.xml",
    "camt053.v4.xml",
    "camt053.v8.xml",
    "camt054.v2.with-account-name.xml",
    "camt054.v2.xml",
    "camt054.v4.xml",
    "camt054.v8-with-UETR.xml",
    "camt054.v8-with-financial-institution.xml",
    "camt054.v8.xml",
    "camt53.only-Dt-with-DtTm.xml",
];

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

#[test]
fn every_sample_file_parses_except_the_wrong_one() {
    let found = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/camt"))
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".xml"))
        .count();
    assert_eq!(found, SAMPLES.len(), "a sample file is not listed here");
    for name in SAMPLES {
        let result = parse_camt(&fixture(name));
        if name == "camt053.v2.wrong.xml" {
            assert!(result.is_err(), "{name} was accepted");
        } else {
            let statement = result.unwrap_or_else(|error| panic!("{name}: {error}"));
            for entry in &statement.entries {
                let written = entry.amount.to_string();
                assert!(
                    written.bytes().any(|b| (b'1'..=b'9').contains(&b)),
                    "{name}: {entry:?}"
                );
                assert_eq!(entry.currency.len(), 3, "{name}: {entry:?}");
            }
        }
    }
}

#[test]
fn the_wrong_sample_is_refused_because_it_has_no_statement() {
    let error = parse_camt(&fixture("camt053.v2.wrong.xml")).unwrap_err();
    assert_eq!(
        error,
        StatementError::NoStatement {
            message: "camt.053.001.02".into(),
            element: "Stmt",
        }
    );
    assert_eq!(
        error.to_string(),
        "the camt.053.001.02 document holds no <Stmt> block"
    );
}

#[test]
fn the_minimal_v2_statement_gives_its_one_credit_with_creditor_reference_and_debtor() {
    let statement = parse_camt(&fixture("camt053.v2.minimal.xml")).unwrap();
    assert_eq!(statement.format, Format::Camt053);
    assert_eq!(statement.message.as_deref(), Some("camt.053.001.02"));
    let [entry] = statement.entries.as_slice() else {
        panic!("{:?}", statement.entries);
    };
    assert_eq!(entry.index, 0);
    assert_eq!(entry.amount, dec("8.85"));
    assert_eq!(entry.currency, "EUR");
    assert_eq!(entry.direction, Direction::Credit);
    assert!(!entry.reversal);
    assert!(entry.booked);
    assert_eq!(entry.booking_date, date(2014, 12, 31));
    assert_eq!(entry.structured_references, ["4654654654654654"]);
    assert!(entry.remittance_text.is_empty());
    assert_eq!(entry.remitter_name.as_deref(), Some("NAME NAME"));
    assert_eq!(entry.bank_reference, None);
    assert!(entry.key.starts_with("sha256:"), "{}", entry.key);
}

#[test]
fn five_decimal_amounts_keep_their_value() {
    let statement = parse_camt(&fixture("camt053.v2.five.decimals.xml")).unwrap();
    let [entry] = statement.entries.as_slice() else {
        panic!("{:?}", statement.entries);
    };
    assert_eq!(entry.amount, dec("8.85"));
    assert_eq!(entry.amount.to_string(), "8.850");
    assert_eq!(entry.remittance_text, ["Transaction Description"]);
    assert_eq!(entry.remitter_name, None, "only a creditor is named");
}

#[test]
fn a_file_with_two_statements_gives_the_entries_of_both() {
    let statement = parse_camt(&fixture("camt053.v2.multi.statement.xml")).unwrap();
    let entries = &statement.entries;
    assert_eq!(entries.len(), 2);
    assert_eq!(
        (entries[0].amount.clone(), entries[0].direction),
        (dec("8.85"), Direction::Credit)
    );
    assert_eq!(entries[0].remittance_text, ["Transaction Description 1"]);
    assert_eq!(
        (entries[1].amount.clone(), entries[1].direction),
        (dec("7.00"), Direction::Debit)
    );
    assert_eq!(entries[1].remittance_text, ["Transaction Description 2"]);
    assert_eq!(entries[1].index, 1);
    assert_ne!(entries[0].key, entries[1].key);
}

#[test]
fn an_ultimate_debtor_names_the_remitter_when_there_is_no_debtor() {
    let statement = parse_camt(&fixture("camt053.v2.minimal.ultimate.xml")).unwrap();
    assert_eq!(
        statement.entries[0].remitter_name.as_deref(),
        Some("DEBTOR NAME NM")
    );
}

#[test]
fn v3_uses_the_booked_amount_not_the_lone_transactions_amount() {
    let statement = parse_camt(&fixture("camt053.v3.xml")).unwrap();
    assert_eq!(statement.message.as_deref(), Some("camt.053.001.03"));
    let [entry] = statement.entries.as_slice() else {
        panic!("{:?}", statement.entries);
    };
    // Ntry/Amt is 8.85 EUR; its only TxDtls says 105.750 EUR.
    assert_eq!(
        (entry.amount.clone(), entry.currency.as_str()),
        (dec("8.85"), "EUR")
    );
    assert!(!entry.reversal, "RvslInd is absent");
    assert_eq!(
        entry.bank_reference.as_deref(),
        Some("XXXXXXXXXXXXXXXXXXXXXXEUR")
    );
    assert_eq!(entry.key, "ref:XXXXXXXXXXXXXXXXXXXXXXEUR");
}

#[test]
fn v4_keeps_the_booked_euros_although_the_transaction_says_zero_kronor() {
    let statement = parse_camt(&fixture("camt053.v4.xml")).unwrap();
    assert_eq!(statement.message.as_deref(), Some("camt.053.001.04"));
    let entry = &statement.entries[0];
    assert_eq!(
        (entry.amount.clone(), entry.currency.as_str()),
        (dec("8.85"), "EUR")
    );
    assert_eq!(
        entry.bank_reference.as_deref(),
        Some("AAAASESS-FP-CN_98765/01")
    );
    assert_eq!(entry.remitter_name.as_deref(), Some("NAME NAME"));
}

#[test]
fn v8_reads_the_status_code_the_date_of_a_date_time_and_the_party_name() {
    let statement = parse_camt(&fixture("camt053.v8.xml")).unwrap();
    assert_eq!(statement.message.as_deref(), Some("camt.053.001.08"));
    let [entry] = statement.entries.as_slice() else {
        panic!("{:?}", statement.entries);
    };
    assert!(entry.booked);
    assert_eq!(entry.booking_date, date(2014, 12, 31));
    assert_eq!(entry.remitter_name.as_deref(), Some("NAME NAME"));
    assert_eq!(entry.structured_references, ["4654654654654654"]);
    assert_eq!(entry.key, "ref:AAAASESS-FP-CN_98765/01");
}

#[test]
fn a_statement_without_entries_is_an_empty_list() {
    let statement = parse_camt(&fixture("camt53.only-Dt-with-DtTm.xml")).unwrap();
    assert_eq!(statement.format, Format::Camt053);
    assert!(statement.entries.is_empty());
}

#[test]
fn a_notification_without_booking_date_or_reference_is_still_read() {
    let statement = parse_camt(&fixture("camt054.v2.with-account-name.xml")).unwrap();
    assert_eq!(statement.format, Format::Camt054);
    assert_eq!(statement.message.as_deref(), Some("camt.054.001.02"));
    let [entry] = statement.entries.as_slice() else {
        panic!("{:?}", statement.entries);
    };
    assert_eq!(entry.booking_date, None);
    assert_eq!(
        (entry.amount.clone(), entry.currency.as_str()),
        (dec("200000"), "SEK")
    );
    assert_eq!(entry.direction, Direction::Debit);
    assert_eq!(entry.remitter_name.as_deref(), Some("MUELLER"));
    assert!(entry.key.starts_with("sha256:"));
}

#[test]
fn transactions_without_amounts_stay_one_entry_with_all_their_references() {
    let statement = parse_camt(&fixture("camt054.v2.xml")).unwrap();
    let [entry] = statement.entries.as_slice() else {
        panic!("{:?}", statement.entries);
    };
    assert_eq!(
        (entry.amount.clone(), entry.currency.as_str()),
        (dec("200000"), "SEK")
    );
    assert_eq!(entry.booking_date, date(2007, 10, 18), "from BookgDt/DtTm");
    assert_eq!(
        entry.structured_references,
        [
            "ISR ref number V1",
            "ISR ref number V2",
            "Ref number V3 block 1",
            "Ref number V3 block 2"
        ]
    );
    assert_eq!(
        entry.remittance_text,
        [
            "Unstructured Remittance Information V1",
            "Unstructured Remittance Information V3 block 1",
            "Unstructured Remittance Information V3 block 2"
        ]
    );
    assert_eq!(entry.remitter_name.as_deref(), Some("MUELLER"));
    assert_eq!(entry.key, "ref:AAAASESS-FP-ACCR001");
}

#[test]
fn a_batch_notification_is_split_into_its_transactions() {
    for (name, message) in [
        ("camt054.v4.xml", "camt.054.001.04"),
        ("camt054.v8.xml", "camt.054.001.08"),
    ] {
        let statement = parse_camt(&fixture(name)).unwrap();
        assert_eq!(statement.message.as_deref(), Some(message));
        let entries = &statement.entries;
        assert_eq!(entries.len(), 3, "{name}");
        let amounts: Vec<_> = entries.iter().map(|e| e.amount.clone()).collect();
        assert_eq!(amounts, [dec("3.1"), dec("3.2"), dec("3.2")], "{name}");
        for (i, entry) in entries.iter().enumerate() {
            assert_eq!(entry.index, i);
            assert_eq!(entry.currency, "CHF");
            // The entry is a DBIT; its transactions claim CRDT. A debit is
            // never read as a credit.
            assert_eq!(entry.direction, Direction::Debit);
            assert_eq!(entry.booking_date, date(2007, 10, 18));
            assert_eq!(entry.remitter_name.as_deref(), Some("UNIFITS GmbH"));
            assert_eq!(entry.bank_reference.as_deref(), Some("ACSR160617103200001"));
            assert_eq!(entry.key, format!("ref:ACSR160617103200001/{}", i + 1));
        }
        assert_eq!(entries[0].structured_references, ["ISR ref number V1"]);
        assert_eq!(
            entries[0].remittance_text,
            ["Unstructured Remittance Information V1"]
        );
        assert_eq!(entries[1].structured_references, ["ISR ref number V2"]);
        assert!(entries[1].remittance_text.is_empty());
        assert_eq!(entries[2].structured_references.len(), 2);
    }
}

#[test]
fn a_creditor_agent_is_not_taken_for_the_remitter() {
    let statement = parse_camt(&fixture("camt054.v8-with-financial-institution.xml")).unwrap();
    let entry = &statement.entries[0];
    assert_eq!(entry.remitter_name, None);
    assert_eq!(entry.key, "ref:ACSR160617103200001");
    assert_eq!(entry.booking_date, None);
}

#[test]
fn a_transaction_with_only_a_uetr_is_read() {
    let statement = parse_camt(&fixture("camt054.v8-with-UETR.xml")).unwrap();
    let [entry] = statement.entries.as_slice() else {
        panic!("{:?}", statement.entries);
    };
    assert!(entry.booked);
    assert_eq!(entry.bank_reference, None);
    assert!(entry.structured_references.is_empty());
}
