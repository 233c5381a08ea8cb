//! camt documents built here, in version 2 and version 8 shapes.

use chrono::NaiveDate;

use super::{camt053, dec, rf_payment, Ntry, Tx, Version};
use crate::domain::statement::{
    parse_camt, Direction, EntryPosition, Format, Statement, StatementError,
};

const VERSIONS: [Version; 2] = [Version::V2, Version::V8];

fn parse(version: Version, entries: &[Ntry]) -> Statement {
    let xml = camt053(version, entries);
    parse_camt(xml.as_bytes()).unwrap_or_else(|error| panic!("{error}\n{xml}"))
}

fn entry_at(entry: usize) -> EntryPosition {
    EntryPosition {
        entry,
        transaction: None,
    }
}

#[test]
fn a_structured_creditor_reference_is_kept_as_given() {
    for version in VERSIONS {
        let statement = parse(
            version,
            &[rf_payment(
                "25.00",
                "RF18 5390 0754 7034",
                "Anna Muster",
                None,
            )],
        );
        let entry = &statement.entries[0];
        assert_eq!(entry.structured_references, ["RF18 5390 0754 7034"]);
        assert_eq!(entry.remitter_name.as_deref(), Some("Anna Muster"));
        assert_eq!(entry.amount, dec("25.00"));
        assert_eq!(entry.booking_date, NaiveDate::from_ymd_opt(2024, 5, 2));
        let expected = format!("camt.053.001.{}", version.number());
        assert_eq!(statement.message, Some(expected));
    }
}

#[test]
fn unstructured_lines_become_remittance_text_in_order() {
    for version in VERSIONS {
        let entry = Ntry {
            transactions: vec![Tx {
                text: vec!["Order 4711", "RF18539007547034 thank you"],
                ..Tx::default()
            }],
            ..Ntry::credit("40.00")
        };
        let statement = parse(version, &[entry]);
        assert_eq!(
            statement.entries[0].remittance_text,
            ["Order 4711", "RF18539007547034 thank you"]
        );
        assert!(statement.entries[0].structured_references.is_empty());
    }
}

#[test]
fn a_debit_entry_is_marked_debit() {
    for version in VERSIONS {
        let entry = Ntry {
            indicator: Some("DBIT"),
            ..Ntry::credit("12.50")
        };
        let statement = parse(version, &[entry]);
        assert_eq!(statement.entries[0].direction, Direction::Debit);
        assert_eq!(statement.entries[0].amount, dec("12.50"));
    }
}

#[test]
fn a_reversed_credit_is_marked_reversal() {
    for version in VERSIONS {
        let reversed = Ntry {
            indicator: Some("DBIT"),
            reversal: Some("true"),
            ..Ntry::credit("25.00")
        };
        let plain = Ntry {
            reversal: Some("false"),
            ..Ntry::credit("25.00")
        };
        let statement = parse(version, &[reversed, plain]);
        assert!(statement.entries[0].reversal);
        assert_eq!(statement.entries[0].direction, Direction::Debit);
        assert!(!statement.entries[1].reversal);
    }
}

#[test]
fn a_pending_entry_is_not_booked() {
    for version in VERSIONS {
        let pending = Ntry {
            status: "PDNG",
            date: None,
            ..Ntry::credit("25.00")
        };
        let statement = parse(version, &[pending, Ntry::credit("25.00")]);
        assert!(!statement.entries[0].booked, "{version:?}");
        assert_eq!(statement.entries[0].booking_date, None);
        assert!(statement.entries[1].booked, "{version:?}");
    }
}

#[test]
fn a_batch_entry_with_two_transactions_becomes_two_entries() {
    for version in VERSIONS {
        let batch = Ntry {
            reference: Some("BATCH-2024-05-02-1"),
            transactions: vec![
                Tx {
                    amount: Some(("25.00", "EUR")),
                    creditor_reference: Some("RF18539007547034"),
                    debtor: Some("Anna Muster"),
                    ..Tx::default()
                },
                Tx {
                    amount: Some(("50.00", "EUR")),
                    creditor_reference: Some("RF71 1234 5678 9"),
                    debtor: Some("Bernd Beispiel"),
                    ..Tx::default()
                },
            ],
            ..Ntry::credit("75.00")
        };
        let statement = parse(version, &[batch]);
        let entries = &statement.entries;
        assert_eq!(entries.len(), 2, "{version:?}");
        assert_eq!(entries[0].amount, dec("25.00"));
        assert_eq!(entries[0].structured_references, ["RF18539007547034"]);
        assert_eq!(entries[0].remitter_name.as_deref(), Some("Anna Muster"));
        assert_eq!(entries[0].key, "ref:BATCH-2024-05-02-1/1");
        assert_eq!(entries[1].amount, dec("50.00"));
        assert_eq!(entries[1].structured_references, ["RF71 1234 5678 9"]);
        assert_eq!(entries[1].remitter_name.as_deref(), Some("Bernd Beispiel"));
        assert_eq!(entries[1].key, "ref:BATCH-2024-05-02-1/2");
        for entry in entries {
            assert_eq!(entry.direction, Direction::Credit);
            assert_eq!(entry.currency, "EUR");
            assert_eq!(entry.bank_reference.as_deref(), Some("BATCH-2024-05-02-1"));
        }
        assert_eq!((entries[0].index, entries[1].index), (0, 1));
    }
}

#[test]
fn a_batch_transaction_with_its_own_bank_reference_is_keyed_by_it() {
    let batch = Ntry {
        reference: Some("BATCH-7"),
        transactions: vec![
            Tx {
                amount: Some(("10.00", "EUR")),
                reference: Some("TX-7-A"),
                ..Tx::default()
            },
            Tx {
                amount: Some(("20.00", "EUR")),
                ..Tx::default()
            },
        ],
        ..Ntry::credit("30.00")
    };
    let statement = parse(Version::V8, &[batch]);
    assert_eq!(statement.entries[0].key, "ref:TX-7-A");
    assert_eq!(
        statement.entries[0].bank_reference.as_deref(),
        Some("TX-7-A")
    );
    assert_eq!(statement.entries[1].key, "ref:BATCH-7/2");
}

#[test]
fn a_batch_transaction_that_says_debit_inside_a_credit_is_a_debit() {
    let batch = Ntry {
        transactions: vec![
            Tx {
                amount: Some(("30.00", "EUR")),
                indicator: Some("CRDT"),
                ..Tx::default()
            },
            Tx {
                amount: Some(("5.00", "EUR")),
                indicator: Some("DBIT"),
                ..Tx::default()
            },
        ],
        ..Ntry::credit("25.00")
    };
    let statement = parse(Version::V8, &[batch]);
    assert_eq!(statement.entries[0].direction, Direction::Credit);
    assert_eq!(statement.entries[1].direction, Direction::Debit);
}

#[test]
fn the_version_2_batch_amount_comes_from_the_transaction_amount_not_the_instructed_one() {
    let batch = Ntry {
        transactions: vec![
            Tx {
                amount: Some(("30.00", "EUR")),
                ..Tx::default()
            },
            Tx {
                amount: Some(("45.00", "EUR")),
                ..Tx::default()
            },
        ],
        ..Ntry::credit("75.00")
    };
    let statement = parse(Version::V2, &[batch]);
    let amounts: Vec<_> = statement.entries.iter().map(|e| e.amount.clone()).collect();
    assert_eq!(amounts, [dec("30.00"), dec("45.00")]);
}

#[test]
fn a_non_euro_entry_keeps_its_currency() {
    for version in VERSIONS {
        let francs = Ntry {
            currency: "CHF",
            ..Ntry::credit("1234.5")
        };
        let lower_case = Ntry {
            currency: "usd",
            ..Ntry::credit("9.99")
        };
        let statement = parse(version, &[francs, lower_case]);
        assert_eq!(statement.entries[0].currency, "CHF");
        assert_eq!(statement.entries[0].amount, dec("1234.50"));
        assert_eq!(statement.entries[1].currency, "USD");
    }
}

#[test]
fn a_missing_amount_is_refused_naming_the_entry_and_the_element() {
    for version in VERSIONS {
        let missing = Ntry {
            amount: None,
            ..Ntry::credit("1.00")
        };
        let xml = camt053(version, &[Ntry::credit("1.00"), missing]);
        let error = parse_camt(xml.as_bytes()).unwrap_err();
        assert_eq!(
            error,
            StatementError::MissingElement {
                at: entry_at(2),
                element: "Amt",
            }
        );
        assert_eq!(error.to_string(), "entry 2: missing element Amt");
    }
}

#[test]
fn a_missing_credit_debit_indicator_is_refused() {
    let missing = Ntry {
        indicator: None,
        ..Ntry::credit("1.00")
    };
    let error = parse_camt(camt053(Version::V2, &[missing]).as_bytes()).unwrap_err();
    assert_eq!(
        error,
        StatementError::MissingElement {
            at: entry_at(1),
            element: "CdtDbtInd",
        }
    );
}

#[test]
fn malformed_entry_values_are_refused_with_what_is_wrong() {
    let cases = [
        (
            Ntry::credit("0.00"),
            "entry 1: Amt is not a positive decimal amount: \"0.00\"",
        ),
        (
            Ntry::credit("-5.00"),
            "entry 1: Amt is not a positive decimal amount: \"-5.00\"",
        ),
        (
            Ntry::credit("5,00"),
            "entry 1: Amt is not a positive decimal amount: \"5,00\"",
        ),
        (
            Ntry {
                currency: "EURO",
                ..Ntry::credit("5.00")
            },
            "entry 1: Amt/@Ccy is not a three-letter ISO 4217 currency code: \"EURO\"",
        ),
        (
            Ntry {
                indicator: Some("CREDIT"),
                ..Ntry::credit("5.00")
            },
            "entry 1: CdtDbtInd has an invalid value \"CREDIT\"",
        ),
        (
            Ntry {
                reversal: Some("yes"),
                ..Ntry::credit("5.00")
            },
            "entry 1: RvslInd has an invalid value \"yes\"",
        ),
        (
            Ntry {
                date: Some("02.05.2024"),
                ..Ntry::credit("5.00")
            },
            "entry 1: BookgDt has an invalid value \"02.05.2024\"",
        ),
    ];
    for (entry, message) in cases {
        let error = parse_camt(camt053(Version::V2, &[entry]).as_bytes()).unwrap_err();
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn a_batch_transaction_with_a_bad_amount_is_refused_naming_the_transaction() {
    let batch = Ntry {
        transactions: vec![
            Tx {
                amount: Some(("5.00", "EUR")),
                ..Tx::default()
            },
            Tx {
                amount: Some(("0", "EUR")),
                ..Tx::default()
            },
        ],
        ..Ntry::credit("5.00")
    };
    let error = parse_camt(camt053(Version::V8, &[batch]).as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "entry 1, transaction 2: TxDtls/Amt is not a positive decimal amount: \"0\""
    );
}

#[test]
fn an_amount_without_currency_is_refused() {
    let xml = camt053(Version::V2, &[Ntry::credit("5.00")]).replace(" Ccy=\"EUR\">5.00", ">5.00");
    let error = parse_camt(xml.as_bytes()).unwrap_err();
    assert_eq!(
        error,
        StatementError::MissingElement {
            at: entry_at(1),
            element: "Amt/@Ccy",
        }
    );
}

#[test]
fn text_that_is_not_xml_is_refused() {
    for input in [
        &b"Date;Amount;Currency\n2024-05-02;25,00;EUR"[..],
        b"",
        b"   \n",
        b"%PDF-1.4 \x00\x01\x02",
    ] {
        let error = parse_camt(input).unwrap_err();
        assert!(
            matches!(error, StatementError::NotXml { .. }),
            "{input:?}: {error:?}"
        );
    }
}

#[test]
fn xml_that_is_not_well_formed_is_refused() {
    let good = camt053(Version::V2, &[Ntry::credit("5.00")]);
    let broken = [
        good.replace("</Stmt>", ""),
        good.replace("</Document>", ""),
        good.replace("<Stmt>", "<Stmt a=>"),
        good.replace("<CdtDbtInd>CRDT", "<CdtDbtInd>CR&DT"),
        good.replace("<CdtDbtInd>CRDT", "<CdtDbtInd>&custom;CRDT"),
        good.replace("<Stmt>", "<Stmt attr=\"1\" attr=\"2\">"),
        format!("{good}<Document/>"),
        format!("{good}trailing text"),
        good[..good.len() / 2].to_owned(),
    ];
    for xml in broken {
        assert_ne!(xml, good);
        let error = parse_camt(xml.as_bytes()).unwrap_err();
        assert!(
            matches!(error, StatementError::NotXml { .. }),
            "{error:?}\n{xml}"
        );
    }
}

#[test]
fn other_iso_20022_messages_are_refused_by_name() {
    let account_report = camt053(Version::V2, &[Ntry::credit("5.00")])
        .replace("camt.053.001.02", "camt.052.001.02")
        .replace("BkToCstmrStmt", "BkToCstmrAcctRpt")
        .replace("Stmt>", "Rpt>");
    let error = parse_camt(account_report.as_bytes()).unwrap_err();
    assert_eq!(
        error,
        StatementError::UnsupportedMessage {
            message: "camt.052.001.02".into()
        }
    );

    let payment_order = r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">
  <CstmrCdtTrfInitn><GrpHdr><MsgId>1</MsgId></GrpHdr></CstmrCdtTrfInitn>
</Document>"#;
    let error = parse_camt(payment_order.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "unsupported message pain.001.001.03: only camt.053 (statement) and camt.054 \
         (notification) are accepted"
    );

    let html = b"<html><body>Statement</body></html>";
    assert_eq!(
        parse_camt(html).unwrap_err(),
        StatementError::NotIso20022 {
            found: "html".into()
        }
    );
}

#[test]
fn a_statement_namespace_around_a_notification_body_is_refused() {
    let xml = camt053(Version::V2, &[])
        .replace("BkToCstmrStmt", "BkToCstmrDbtCdtNtfctn")
        .replace("Stmt>", "Ntfctn>");
    let error = parse_camt(xml.as_bytes()).unwrap_err();
    assert!(
        matches!(
            error,
            StatementError::UnexpectedElement {
                expected: "BkToCstmrStmt",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn namespace_prefixes_do_not_matter() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <c:BkToCstmrDbtCdtNtfctn>
    <c:GrpHdr><c:MsgId>N1</c:MsgId></c:GrpHdr>
    <c:Ntfctn>
      <c:Id>N1</c:Id>
      <c:Ntry>
        <c:Amt Ccy="EUR">19.90</c:Amt>
        <c:CdtDbtInd>CRDT</c:CdtDbtInd>
        <c:Sts><c:Cd>BOOK</c:Cd></c:Sts>
        <c:BookgDt><c:DtTm>2024-05-02T23:59:59.123+02:00</c:DtTm></c:BookgDt>
        <c:AcctSvcrRef>N1-1</c:AcctSvcrRef>
        <c:NtryDtls><c:TxDtls>
          <c:RltdPties><c:Dbtr><c:Pty><c:Nm>Carla &amp; Co</c:Nm></c:Pty></c:Dbtr></c:RltdPties>
          <c:RmtInf><c:Ustrd><![CDATA[Order <17>]]></c:Ustrd></c:RmtInf>
        </c:TxDtls></c:NtryDtls>
      </c:Ntry>
    </c:Ntfctn>
  </c:BkToCstmrDbtCdtNtfctn>
</c:Document>"#;
    let statement = parse_camt(xml.as_bytes()).unwrap();
    assert_eq!(statement.format, Format::Camt054);
    assert_eq!(statement.message.as_deref(), Some("camt.054.001.08"));
    let entry = &statement.entries[0];
    assert_eq!(entry.amount, dec("19.90"));
    assert!(entry.booked);
    assert_eq!(entry.booking_date, NaiveDate::from_ymd_opt(2024, 5, 2));
    assert_eq!(entry.remitter_name.as_deref(), Some("Carla & Co"));
    assert_eq!(entry.remittance_text, ["Order <17>"]);
    assert_eq!(entry.key, "ref:N1-1");
}

#[test]
fn a_document_without_namespace_is_known_by_its_body() {
    let xml = camt053(Version::V2, &[Ntry::credit("5.00")]).replace(
        " xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"",
        "",
    );
    let statement = parse_camt(xml.as_bytes()).unwrap();
    assert_eq!(statement.format, Format::Camt053);
    assert_eq!(statement.message, None);
    assert_eq!(statement.entries.len(), 1);
}

#[test]
fn a_byte_order_mark_before_the_declaration_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(camt053(Version::V8, &[Ntry::credit("5.00")]).as_bytes());
    assert_eq!(parse_camt(&bytes).unwrap().entries.len(), 1);
}

#[test]
fn a_placeholder_bank_reference_is_no_reference() {
    let entry = Ntry {
        reference: Some("NOTPROVIDED"),
        ..Ntry::credit("5.00")
    };
    let statement = parse(Version::V2, &[entry]);
    assert_eq!(statement.entries[0].bank_reference, None);
    assert!(statement.entries[0].key.starts_with("sha256:"));
}

#[test]
fn elements_outside_their_place_are_not_read_as_entry_data() {
    // An Amt in a balance and a Ref under Refs/Prtry are not entry data.
    let entry = Ntry {
        transactions: vec![Tx::default()],
        ..Ntry::credit("5.00")
    };
    let xml = camt053(Version::V2, &[entry]).replace(
        "<EndToEndId>NOTPROVIDED</EndToEndId>",
        "<Prtry><Tp>Seq</Tp><Ref>100</Ref></Prtry>",
    );
    let statement = parse_camt(xml.as_bytes()).unwrap();
    assert_eq!(statement.entries.len(), 1);
    assert_eq!(statement.entries[0].amount, dec("5.00"));
    assert!(statement.entries[0].structured_references.is_empty());
}
