//! Idempotency keys: the same movement gets the same key on every import.

use std::collections::HashSet;

use super::{camt053, fixture, rf_payment, Ntry, Tx, Version};
use crate::domain::statement::{parse_camt, parse_csv, Statement};

fn keys(statement: &Statement) -> Vec<String> {
    statement.entries.iter().map(|e| e.key.clone()).collect()
}

fn assert_unique(statement: &Statement) {
    let keys = keys(statement);
    let unique: HashSet<_> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "{keys:?}");
}

#[test]
fn keys_are_the_same_when_the_same_bytes_are_parsed_twice() {
    for name in [
        "camt054.v8.xml",
        "camt053.v2.multi.statement.xml",
        "camt054.v2.xml",
    ] {
        let bytes = fixture(name);
        let first = parse_camt(&bytes).unwrap();
        let second = parse_camt(&bytes).unwrap();
        assert_eq!(keys(&first), keys(&second), "{name}");
        assert_eq!(first, second);
    }
    let csv = b"2024-05-02;1,00;EUR;A;B;\n2024-05-02;1,00;EUR;A;B;\n";
    assert_eq!(
        keys(&parse_csv(csv).unwrap()),
        keys(&parse_csv(csv).unwrap())
    );
}

#[test]
fn keys_are_unique_within_a_file() {
    let same_reference = Ntry {
        reference: Some("DUP-1"),
        ..Ntry::credit("5.00")
    };
    let statement = parse_camt(
        camt053(
            Version::V2,
            &[
                Ntry::credit("5.00"),
                Ntry::credit("5.00"),
                same_reference.clone(),
                same_reference,
                Ntry::credit("6.00"),
            ],
        )
        .as_bytes(),
    )
    .unwrap();
    assert_unique(&statement);
    for name in [
        "camt054.v4.xml",
        "camt054.v8.xml",
        "camt053.v2.multi.statement.xml",
    ] {
        assert_unique(&parse_camt(&fixture(name)).unwrap());
    }
}

#[test]
fn identical_rows_without_reference_are_two_entries_numbered_two() {
    let statement = parse_csv(
        b"2024-05-02;25,00;EUR;RF18539007547034;Anna;\n\
          2024-05-02;25,00;EUR;RF18539007547034;Anna;\n\
          2024-05-02;25,00;EUR;RF18539007547034;Anna;\n",
    )
    .unwrap();
    let keys = keys(&statement);
    assert!(keys[0].starts_with("sha256:"));
    assert_eq!(keys[0].len(), "sha256:".len() + 64);
    assert_eq!(keys[1], format!("{}#2", keys[0]));
    assert_eq!(keys[2], format!("{}#3", keys[0]));
}

#[test]
fn identical_camt_entries_are_numbered_too() {
    let payment = rf_payment("25.00", "RF18539007547034", "Anna", None);
    let statement =
        parse_camt(camt053(Version::V8, &[payment.clone(), payment]).as_bytes()).unwrap();
    let keys = keys(&statement);
    assert_eq!(keys[1], format!("{}#2", keys[0]));
}

#[test]
fn a_repeated_bank_reference_is_numbered_without_colliding_with_a_real_one() {
    let statement =
        parse_csv(b"2024-05-02;1,00;EUR;;;A#2\n2024-05-02;2,00;EUR;;;A\n2024-05-02;3,00;EUR;;;A\n")
            .unwrap();
    assert_eq!(keys(&statement), ["ref:A#2", "ref:A", "ref:A#3"]);
}

#[test]
fn an_overlapping_statement_gives_the_same_keys_to_the_shared_entries() {
    let monday = rf_payment("25.00", "RF18539007547034", "Anna", None);
    let tuesday = Ntry {
        date: Some("2024-05-03"),
        ..rf_payment("50.00", "RF71123456789", "Bernd", None)
    };
    let referenced = rf_payment("75.00", "RF05 1234", "Carla", Some("BANK-REF-9"));
    let batch = Ntry {
        reference: Some("BATCH-1"),
        transactions: vec![
            Tx {
                amount: Some(("10.00", "EUR")),
                ..Tx::default()
            },
            Tx {
                amount: Some(("20.00", "EUR")),
                ..Tx::default()
            },
        ],
        ..Ntry::credit("30.00")
    };
    let wednesday = Ntry {
        date: Some("2024-05-04"),
        ..rf_payment("60.00", "RF80 9", "Dora", None)
    };
    let first = parse_camt(
        camt053(
            Version::V2,
            &[monday, tuesday.clone(), referenced.clone(), batch.clone()],
        )
        .as_bytes(),
    )
    .unwrap();
    let second =
        parse_camt(camt053(Version::V2, &[tuesday, referenced, batch, wednesday]).as_bytes())
            .unwrap();
    let first_keys = keys(&first);
    let second_keys = keys(&second);
    assert_eq!(first_keys[1..], second_keys[..4]);
    assert_ne!(first_keys[0], second_keys[4]);
    assert_eq!(second_keys[1], "ref:BANK-REF-9");
    assert_eq!(second_keys[2..4], ["ref:BATCH-1/1", "ref:BATCH-1/2"]);
}

#[test]
fn an_overlapping_csv_export_gives_the_same_keys_to_the_shared_rows() {
    let first = parse_csv(
        b"Date;Amount;Currency;Reference;Name;Ref\n\
          2024-05-02;25,00;EUR;RF18539007547034;Anna;\n\
          2024-05-03;50,00;EUR;RF71123456789;Bernd;\n",
    )
    .unwrap();
    let second = parse_csv(
        b"2024-05-03,50.00,EUR,RF71123456789,Bernd,\n\
          2024-05-04,60.00,EUR,RF80,Dora,\n",
    )
    .unwrap();
    assert_eq!(first.entries[1].key, second.entries[0].key);
    assert_ne!(first.entries[0].key, second.entries[1].key);
}

#[test]
fn the_written_precision_of_an_amount_does_not_change_the_key() {
    let a = parse_csv(b"2024-05-02;25,00;EUR;X;Y;\n").unwrap();
    let b = parse_csv(b"2024-05-02;25;EUR;X;Y;\n").unwrap();
    assert_eq!(a.entries[0].key, b.entries[0].key);
    let five_decimals = parse_camt(&fixture("camt053.v2.five.decimals.xml")).unwrap();
    let all_balances = parse_camt(&fixture("camt053.v2.all-balance-types.xml")).unwrap();
    assert_eq!(five_decimals.entries[0].key, all_balances.entries[0].key);
}

#[test]
fn each_fingerprinted_field_tells_movements_apart() {
    let base = "2024-05-02;25,00;EUR;Text;Name;";
    let variants = [
        "2024-05-03;25,00;EUR;Text;Name;",
        "2024-05-02;-25,00;EUR;Text;Name;",
        "2024-05-02;25,01;EUR;Text;Name;",
        "2024-05-02;25,00;CHF;Text;Name;",
        "2024-05-02;25,00;EUR;Text2;Name;",
        "2024-05-02;25,00;EUR;Text;Name2;",
    ];
    let key = |row: &str| parse_csv(row.as_bytes()).unwrap().entries[0].key.clone();
    let base_key = key(base);
    for variant in variants {
        assert_ne!(key(variant), base_key, "{variant}");
    }
}

#[test]
fn a_reversal_is_not_the_movement_it_reverses() {
    let payment = rf_payment("25.00", "RF18539007547034", "Anna", None);
    let reversal = Ntry {
        reversal: Some("true"),
        ..payment.clone()
    };
    let statement = parse_camt(camt053(Version::V2, &[payment, reversal]).as_bytes()).unwrap();
    let keys = keys(&statement);
    assert!(!keys[1].contains('#'), "{keys:?}");
    assert_ne!(keys[0], keys[1]);
}
