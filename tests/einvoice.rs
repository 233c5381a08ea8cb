//! Every kind of document the portal issues passes the official EN 16931
//! rules: invoices and credit notes of each VAT category are written to a
//! temporary directory and checked together by `tests/fixtures/einvoice/validate-ubl`
//! (the CEN schematron, one process for all files). A fatal rule fails the test.

#[path = "support/einvoice.rs"]
mod support;
use support::validate;

use chrono::NaiveDate;
use spica_portal::domain::country::Country;
use spica_portal::domain::invoice::{
    Credited, Document, InvoiceNumber, Kind, Party, PaymentMeans, Seller,
};
use spica_portal::domain::money::Money;
use spica_portal::domain::vat::{Treatment, VatCategory, VatRate};

fn party(name: &str, country: &str, vat_id: Option<&str>) -> Party {
    Party {
        name: name.to_owned(),
        street: "Trg <republike> & 3".to_owned(),
        postal_code: "1000".to_owned(),
        city: "Ljubljana".to_owned(),
        country: Country::parse(country).unwrap(),
        vat_id: vat_id.map(str::to_owned),
    }
}

/// Three coupons at 25.00 in `category`, paid by `payment`; a credit note
/// credits invoice 2026-00001.
fn document(category: VatCategory, kind: Kind, payment: PaymentMeans) -> Document {
    let (buyer, points) = match category {
        VatCategory::Standard => (party("Domači d.o.o.", "SI", Some("SI87654321")), 2200),
        VatCategory::ReverseCharge => (party("Kunde GmbH", "DE", Some("DE123456789")), 0),
        // A buyer outside the EU may have registered a tax number; the
        // document must not show it (BR-O-02).
        VatCategory::NotSubject => (party("Client Inc.", "US", Some("US-EIN-1")), 0),
    };
    let unit_price = Money::parse("25.00").unwrap();
    let treatment = Treatment {
        category,
        rate: VatRate::from_basis_points(points).unwrap(),
    };
    let issued_on = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let invoice_number = InvoiceNumber { year: 2026, seq: 1 };
    // An order numbered (all are, since migration 0022) and one that is not.
    let order_number =
        matches!(payment, PaymentMeans::CreditTransfer { .. }).then(|| "ORD-2026-00017".to_owned());
    Document {
        kind,
        number: match kind {
            Kind::Invoice => invoice_number,
            Kind::CreditNote => InvoiceNumber { year: 2026, seq: 2 },
        },
        issued_on,
        seller: Seller {
            party: party("Spica & Co d.o.o.", "SI", Some("SI12345678")),
            iban: "SI56 1910 0000 0123 438".to_owned(),
            bic: "bakosi2x".to_owned(),
        },
        buyer,
        quantity: 3,
        unit_price,
        amounts: treatment.apply(unit_price.times(3)),
        payment,
        order_id: "ord_<1>".to_owned(),
        order_number,
        credits: (kind == Kind::CreditNote).then_some(Credited {
            number: invoice_number,
            issued_on,
        }),
    }
}

fn transfer() -> PaymentMeans {
    PaymentMeans::CreditTransfer {
        reference: "RF18539007547034".to_owned(),
    }
}

/// Every category, both kinds, both means of payment.
fn every_document() -> Vec<(String, Document)> {
    let mut documents = Vec::new();
    for category in [
        VatCategory::Standard,
        VatCategory::ReverseCharge,
        VatCategory::NotSubject,
    ] {
        for kind in [Kind::Invoice, Kind::CreditNote] {
            for payment in [PaymentMeans::Card, transfer()] {
                let name = format!(
                    "{}-{}-{}.xml",
                    category.code(),
                    kind.as_str(),
                    payment.as_str()
                );
                documents.push((name, document(category, kind, payment)));
            }
        }
    }
    documents
}

#[test]
fn every_invoice_and_credit_note_passes_en16931() {
    let documents: Vec<(String, String)> = every_document()
        .into_iter()
        .map(|(name, document)| (name, document.to_ubl()))
        .collect();
    let (valid, report) = validate(&documents);
    assert!(valid, "{report}");
}

/// An order of three coupons at `unit_cents` priced at `rate_bp`, paid and
/// invoiced, then refunded in the cumulative steps `throughs`, all through
/// the store's own statements on SQLite: the invoice and its credit notes.
fn partially_credited(unit_cents: i64, rate_bp: i64, throughs: &[i64]) -> Vec<Document> {
    use spica_portal::domain::time::from_unix_millis;
    use spica_portal::store::{self, sqlite::Sqlite, Statement, Store};

    let db = Store::new(Sqlite::in_memory().unwrap());
    let amounts = Treatment {
        category: VatCategory::Standard,
        rate: VatRate::from_basis_points(rate_bp).unwrap(),
    }
    .apply(Money::from_cents(3 * unit_cents).unwrap());
    let now = from_unix_millis(1_796_083_200_000).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let seller = document(VatCategory::Standard, Kind::Invoice, PaymentMeans::Card).seller;
    let mut statements = vec![
        Statement::new(
            "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, \
             city, country, vat_id, created_at) VALUES ('cus_1', 'active', 'TS-1', 'Kupec d.o.o.', \
             'Ulica 1', '2000', 'Maribor', 'SI', 'SI87654321', '2026-01-01T00:00:00.000Z')",
            vec![],
        ),
        Statement::new(
            "INSERT INTO coupon_orders (id, customer_id, quantity, unit_price_cents, total_cents, \
             currency, payment_method, status, created_at, expires_at, vat_category, vat_rate_bp, \
             vat_cents, total_due_cents, buyer_country, buyer_vat_id) VALUES ('ord_1', 'cus_1', 3, \
             ?1, ?2, 'EUR', 'card', 'paid', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', \
             'standard', ?3, ?4, ?5, 'SI', 'SI87654321')",
            vec![
                unit_cents.into(),
                (3 * unit_cents).into(),
                rate_bp.into(),
                amounts.vat.cents().into(),
                amounts.total_due.cents().into(),
            ],
        ),
    ];
    statements.extend(store::issue_invoices(
        &[("inv_1".to_owned(), "ord_1".to_owned())],
        &seller,
        day,
        now,
    ));
    for (n, through) in throughs.iter().enumerate() {
        statements.push(store::issue_credit_note(
            &format!("crn_{n}"),
            "ord_1",
            *through,
            day,
            now,
        ));
    }
    pollster::block_on(db.write(statements)).unwrap();
    pollster::block_on(db.fetch(store::invoices_issued(day, day)))
        .unwrap()
        .into_iter()
        .map(|record| record.document)
        .collect()
}

#[test]
fn partial_credit_notes_pass_en16931_and_sum_to_their_invoice() {
    let mut files = Vec::new();
    for (unit_cents, rate_bp) in [(2525, 2200), (2500, 950), (3333, 2050)] {
        for throughs in [&[1, 2, 3][..], &[1, 3], &[2, 3]] {
            let documents = partially_credited(unit_cents, rate_bp, throughs);
            assert_eq!(documents.len(), 1 + throughs.len());
            let (invoice, notes) = documents.split_first().unwrap();
            let vat: i64 = notes.iter().map(|n| n.amounts.vat.cents()).sum();
            let total: i64 = notes.iter().map(|n| n.amounts.total_due.cents()).sum();
            assert_eq!(
                (vat, total),
                (
                    invoice.amounts.vat.cents(),
                    invoice.amounts.total_due.cents()
                ),
                "{unit_cents} at {rate_bp}, {throughs:?}"
            );
            for document in notes {
                let steps: Vec<String> = throughs.iter().map(i64::to_string).collect();
                files.push((
                    format!(
                        "partial-{unit_cents}-{rate_bp}-{}-{}.xml",
                        steps.join("-"),
                        document.number
                    ),
                    document.to_ubl(),
                ));
            }
        }
    }
    let (valid, report) = validate(&files);
    assert!(valid, "{report}");
}

#[test]
fn a_domestic_invoice_carries_vat_and_both_vat_numbers() {
    let xml = document(VatCategory::Standard, Kind::Invoice, transfer()).to_ubl();
    assert!(xml.starts_with("<?xml"));
    assert!(xml.contains("<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>"));
    assert!(xml.contains("<cbc:ID>2026-00001</cbc:ID>"));
    assert!(xml.contains("<cbc:TaxAmount currencyID=\"EUR\">16.50</cbc:TaxAmount>"));
    assert!(xml.contains("<cbc:TaxInclusiveAmount currencyID=\"EUR\">91.50<"));
    assert!(xml.contains("<cbc:Percent>22</cbc:Percent>"));
    assert!(xml.contains("<cbc:CompanyID>SI12345678</cbc:CompanyID>"));
    assert!(xml.contains("<cbc:CompanyID>SI87654321</cbc:CompanyID>"));
    assert!(xml.contains("<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>"));
    assert!(xml.contains("<cbc:PaymentID>RF18539007547034</cbc:PaymentID>"));
    assert!(xml.contains("<cbc:ID>SI56191000000123438</cbc:ID>"));
    assert!(xml.contains("Trg &lt;republike&gt; &amp; 3"));
    // The order by the number the buyer knows (BT-10, BT-13), not its id.
    assert!(xml.contains("<cbc:BuyerReference>ORD-2026-00017</cbc:BuyerReference>"));
    assert!(
        xml.contains("<cac:OrderReference><cbc:ID>ORD-2026-00017</cbc:ID></cac:OrderReference>")
    );
    assert!(!xml.contains("ord_"));
    assert!(!xml.contains("TaxExemptionReason"));
}

#[test]
fn not_subject_names_no_vat_identifier_and_no_rate() {
    let xml = document(VatCategory::NotSubject, Kind::Invoice, PaymentMeans::Card).to_ubl();
    assert!(!xml.contains("PartyTaxScheme"));
    assert!(!xml.contains("<cbc:Percent>"));
    assert!(!xml.contains("US-EIN-1"));
    assert!(xml.contains("<cac:PartyIdentification><cbc:ID>SI12345678</cbc:ID>"));
    assert!(xml.contains("<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>"));
    assert!(xml.contains("VATEX-EU-O"));
    // An order without a number is referred to by its id.
    assert!(xml.contains("<cac:OrderReference><cbc:ID>ord_&lt;1&gt;</cbc:ID></cac:OrderReference>"));
}

#[test]
fn a_credit_note_refers_to_its_invoice_and_asks_no_payment() {
    let xml = document(VatCategory::ReverseCharge, Kind::CreditNote, transfer()).to_ubl();
    assert!(xml.contains(
        "<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""
    ));
    assert!(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"));
    assert!(xml.contains("<cac:InvoiceDocumentReference><cbc:ID>2026-00001</cbc:ID>"));
    assert!(xml.contains("<cbc:CreditedQuantity unitCode=\"C62\">3</cbc:CreditedQuantity>"));
    assert!(!xml.contains("PaymentMeans"));
    assert!(xml.contains("<cbc:Percent>0</cbc:Percent>"));
    assert!(xml.contains("VATEX-EU-AE"));
}

#[test]
fn the_free_texts_are_in_the_buyers_language_and_the_codes_stay_codes() {
    // A buyer in Slovenia reads Slovenian.
    let domestic = document(VatCategory::Standard, Kind::Invoice, transfer()).to_ubl();
    assert!(domestic.contains(
        "<cac:PaymentTerms><cbc:Note>Plačano vnaprej z bančnim nakazilom, \
         sklic RF18539007547034: ničesar ni treba plačati.</cbc:Note></cac:PaymentTerms>"
    ));
    // A buyer elsewhere reads English, the legal mention included.
    let foreign = document(
        VatCategory::ReverseCharge,
        Kind::Invoice,
        PaymentMeans::Card,
    )
    .to_ubl();
    assert!(foreign.contains("<cbc:Note>Reverse charge: VAT to be accounted for by the customer"));
    assert!(foreign.contains(
        "<cac:PaymentTerms><cbc:Note>Paid in advance by card: nothing is due.</cbc:Note>"
    ));
    assert!(foreign.contains("<cbc:TaxExemptionReasonCode>VATEX-EU-AE<"));
    let note = document(
        VatCategory::NotSubject,
        Kind::CreditNote,
        PaymentMeans::Card,
    )
    .to_ubl();
    assert!(note.contains("The amount is refunded to the means of payment"));
    // The terms come after the means and before the tax total, as UBL orders them.
    let (means, terms, tax) = (
        domestic.find("<cac:PaymentMeans>").unwrap(),
        domestic.find("<cac:PaymentTerms>").unwrap(),
        domestic.find("<cac:TaxTotal>").unwrap(),
    );
    assert!(means < terms && terms < tax);
}
