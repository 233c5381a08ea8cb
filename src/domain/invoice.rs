//! Invoices and credit notes: what an issued one says, and the UBL 2.1
//! e-invoice (EN 16931) that carries it.
//!
//! An invoice is issued when an order is paid and never changes after: the
//! seller's and the buyer's data are frozen into it, so a later change of
//! address or VAT number leaves the documents already issued as they were.
//! A refund issues a credit note that names the invoice it credits.
//! Both are issued after the money moved, so they state it as prepaid and
//! nothing as still due.

use std::fmt;

use chrono::NaiveDate;

use super::country::Country;
use super::html::{Html, XmlText};
use super::language::Language;
use super::messages as m;
use super::money::{Money, CURRENCY};
use super::vat::{Amounts, VatCategory};
use crate::html;

/// What the lines sell: support coupons.
pub const ITEM_NAME: &str = "Support coupon: 15 minutes of direct support";

/// An invoice's number: the year and its gapless sequence in that year,
/// written `2026-00001`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct InvoiceNumber {
    pub year: i32,
    pub seq: i64,
}

impl fmt::Display for InvoiceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:05}", self.year, self.seq)
    }
}

/// Whether a document bills a sale or credits one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Invoice,
    CreditNote,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::CreditNote => "credit_note",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Invoice, Self::CreditNote]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// A party's name and postal address, as the document shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: Country,
    /// With its country prefix (`SI12345678`); a buyer may have none.
    pub vat_id: Option<String>,
}

/// The vendor: its party data and the account transfers go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seller {
    pub party: Party,
    pub iban: String,
    pub bic: String,
}

/// How the order was paid (UNCL 4461 codes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentMeans {
    /// By card through Stripe (48).
    Card,
    /// By SEPA credit transfer (58) to the seller's IBAN, quoting the RF
    /// reference.
    CreditTransfer { reference: String },
}

impl PaymentMeans {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Card => "48",
            Self::CreditTransfer { .. } => "58",
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Card => "card",
            Self::CreditTransfer { .. } => "bank_transfer",
        }
    }
}

/// The invoice a credit note credits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credited {
    pub number: InvoiceNumber,
    pub issued_on: NaiveDate,
}

/// An issued invoice or credit note: everything it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: Kind,
    pub number: InvoiceNumber,
    pub issued_on: NaiveDate,
    pub seller: Seller,
    pub buyer: Party,
    /// Coupons sold (or credited), at the net unit price.
    pub quantity: u32,
    pub unit_price: Money,
    /// The VAT breakdown and totals: one category per document.
    pub amounts: Amounts,
    pub payment: PaymentMeans,
    /// The order it bills (or credits), by id.
    pub order_id: String,
    /// The order's number (`ORD-2026-00017`), as the buyer knows it from
    /// the pro-forma and the emails: the buyer's reference (BT-10) and the
    /// order reference (BT-13), and what the printable page shows.
    pub order_number: Option<String>,
    /// For a credit note, the invoice it credits.
    pub credits: Option<Credited>,
}

impl Document {
    /// How the document names its order: the number, or the id of an
    /// order that has none.
    pub fn order_reference(&self) -> &str {
        self.order_number.as_deref().unwrap_or(&self.order_id)
    }

    /// The net amount of the one line: quantity times the net unit price.
    pub fn line_amount(&self) -> Money {
        self.unit_price.times(self.quantity)
    }

    /// The legal mention of a document without VAT (reverse charge, not
    /// subject), with its VATEX code.
    pub fn exemption(&self) -> Option<(&'static str, &'static str)> {
        self.amounts.category.exemption()
    }

    /// The language the e-invoice's free texts (its note, BT-22, and its
    /// payment terms, BT-20) are written in: the buyer's, Slovenian for a
    /// buyer in Slovenia and English elsewhere. Codes stay codes.
    pub fn buyer_language(&self) -> Language {
        Language::of_country(self.buyer.country.code())
    }

    /// The legal mention of a document without VAT in `lang`, with its
    /// VATEX code.
    pub fn exemption_in(&self, lang: Language) -> Option<(&'static str, &'static str)> {
        self.exemption()
            .map(|(code, _)| (code, mention(lang, self.amounts.category)))
    }

    /// The payment terms (BT-20): the document was paid before it was
    /// issued, or refunds what was paid, so nothing is due.
    pub fn payment_terms(&self, lang: Language) -> String {
        match (&self.kind, &self.payment) {
            (Kind::CreditNote, _) => m::document_ubl_terms_credit_note(lang).to_owned(),
            (Kind::Invoice, PaymentMeans::Card) => m::document_ubl_terms_card(lang).to_owned(),
            (Kind::Invoice, PaymentMeans::CreditTransfer { reference }) => {
                m::document_ubl_terms_transfer(lang, reference)
            }
        }
    }

    /// The UBL 2.1 document: an `Invoice`, or a `CreditNote` for a credit
    /// note, under the EN 16931 core specification; its notes in the
    /// buyer's language.
    pub fn to_ubl(&self) -> String {
        let lang = self.buyer_language();
        let (root, namespace, type_code, line, quantity) = match self.kind {
            Kind::Invoice => (
                "Invoice",
                "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
                html!("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"),
                "InvoiceLine",
                "InvoicedQuantity",
            ),
            Kind::CreditNote => (
                "CreditNote",
                "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
                html!("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"),
                "CreditNoteLine",
                "CreditedQuantity",
            ),
        };
        let billing_reference = self.credits.as_ref().map(|credited| {
            html!(
                "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{}</cbc:ID>\
                 <cbc:IssueDate>{}</cbc:IssueDate></cac:InvoiceDocumentReference>\
                 </cac:BillingReference>",
                XmlText(&credited.number.to_string()),
                XmlText(&credited.issued_on.to_string())
            )
        });
        let amounts = &self.amounts;
        let document = html!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <{} xmlns=\"{}\" \
             xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" \
             xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\
             <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>\
             <cbc:ID>{}</cbc:ID><cbc:IssueDate>{}</cbc:IssueDate>{}{}\
             <cbc:DocumentCurrencyCode>{}</cbc:DocumentCurrencyCode>\
             <cbc:BuyerReference>{}</cbc:BuyerReference>\
             <cac:OrderReference><cbc:ID>{}</cbc:ID></cac:OrderReference>{}\
             <cac:AccountingSupplierParty>{}</cac:AccountingSupplierParty>\
             <cac:AccountingCustomerParty>{}</cac:AccountingCustomerParty>{}\
             <cac:PaymentTerms><cbc:Note>{}</cbc:Note></cac:PaymentTerms>\
             <cac:TaxTotal><cbc:TaxAmount currencyID=\"{}\">{}</cbc:TaxAmount>\
             <cac:TaxSubtotal><cbc:TaxableAmount currencyID=\"{}\">{}</cbc:TaxableAmount>\
             <cbc:TaxAmount currencyID=\"{}\">{}</cbc:TaxAmount>{}</cac:TaxSubtotal></cac:TaxTotal>\
             <cac:LegalMonetaryTotal>\
             <cbc:LineExtensionAmount currencyID=\"{}\">{}</cbc:LineExtensionAmount>\
             <cbc:TaxExclusiveAmount currencyID=\"{}\">{}</cbc:TaxExclusiveAmount>\
             <cbc:TaxInclusiveAmount currencyID=\"{}\">{}</cbc:TaxInclusiveAmount>\
             <cbc:PrepaidAmount currencyID=\"{}\">{}</cbc:PrepaidAmount>\
             <cbc:PayableAmount currencyID=\"{}\">0.00</cbc:PayableAmount>\
             </cac:LegalMonetaryTotal>\
             <cac:{}><cbc:ID>1</cbc:ID><cbc:{} unitCode=\"C62\">{}</cbc:{}>\
             <cbc:LineExtensionAmount currencyID=\"{}\">{}</cbc:LineExtensionAmount>\
             <cac:Item><cbc:Name>{}</cbc:Name>{}</cac:Item>\
             <cac:Price><cbc:PriceAmount currencyID=\"{}\">{}</cbc:PriceAmount></cac:Price>\
             </cac:{}></{}>\n",
            root,
            namespace,
            XmlText(&self.number.to_string()),
            XmlText(&self.issued_on.to_string()),
            type_code,
            self.exemption_in(lang)
                .map(|(_, text)| html!("<cbc:Note>{}</cbc:Note>", XmlText(text))),
            CURRENCY,
            XmlText(self.order_reference()),
            XmlText(self.order_reference()),
            billing_reference,
            self.seller_party(),
            self.buyer_party(),
            self.payment_means(),
            XmlText(&self.payment_terms(lang)),
            CURRENCY,
            amounts.vat,
            CURRENCY,
            amounts.net,
            CURRENCY,
            amounts.vat,
            self.tax_category("TaxCategory", true, lang),
            CURRENCY,
            self.line_amount(),
            CURRENCY,
            amounts.net,
            CURRENCY,
            amounts.total_due,
            CURRENCY,
            amounts.total_due,
            CURRENCY,
            line,
            quantity,
            self.quantity,
            quantity,
            CURRENCY,
            self.line_amount(),
            XmlText(ITEM_NAME),
            self.tax_category("ClassifiedTaxCategory", false, lang),
            CURRENCY,
            self.unit_price,
            line,
            root,
        );
        document.into_string()
    }

    /// Not subject to VAT (BR-O-02): the document names no VAT identifier
    /// at all, so the seller's number goes as its seller identifier (BT-29).
    fn not_subject(&self) -> bool {
        self.amounts.category == VatCategory::NotSubject
    }

    fn seller_party(&self) -> Html {
        let party = &self.seller.party;
        let identifier = self
            .not_subject()
            .then_some(party.vat_id.as_deref())
            .flatten()
            .map(|id| {
                html!(
                    "<cac:PartyIdentification><cbc:ID>{}</cbc:ID></cac:PartyIdentification>",
                    XmlText(id)
                )
            });
        html!(
            "<cac:Party>{}{}</cac:Party>",
            identifier,
            self.party_body(party)
        )
    }

    fn buyer_party(&self) -> Html {
        html!("<cac:Party>{}</cac:Party>", self.party_body(&self.buyer))
    }

    /// Address, VAT identifier (unless not subject) and legal name.
    fn party_body(&self, party: &Party) -> Html {
        let tax_scheme = party
            .vat_id
            .as_deref()
            .filter(|_| !self.not_subject())
            .map(|id| {
                html!(
                    "<cac:PartyTaxScheme><cbc:CompanyID>{}</cbc:CompanyID>\
                     <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>",
                    XmlText(id)
                )
            });
        html!(
            "<cac:PostalAddress><cbc:StreetName>{}</cbc:StreetName><cbc:CityName>{}</cbc:CityName>\
             <cbc:PostalZone>{}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>{}\
             </cbc:IdentificationCode></cac:Country></cac:PostalAddress>{}\
             <cac:PartyLegalEntity><cbc:RegistrationName>{}</cbc:RegistrationName>\
             </cac:PartyLegalEntity>",
            XmlText(&party.street),
            XmlText(&party.city),
            XmlText(&party.postal_code),
            party.country.code(),
            tax_scheme,
            XmlText(&party.name)
        )
    }

    /// How the invoice was paid; a credit note pays nothing, so says none.
    fn payment_means(&self) -> Option<Html> {
        if self.kind == Kind::CreditNote {
            return None;
        }
        let account = match &self.payment {
            PaymentMeans::Card => None,
            PaymentMeans::CreditTransfer { reference } => Some(html!(
                "<cbc:PaymentID>{}</cbc:PaymentID><cac:PayeeFinancialAccount><cbc:ID>{}</cbc:ID>\
                 <cac:FinancialInstitutionBranch><cbc:ID>{}</cbc:ID></cac:FinancialInstitutionBranch>\
                 </cac:PayeeFinancialAccount>",
                XmlText(reference),
                XmlText(&compact(&self.seller.iban)),
                XmlText(&compact(&self.seller.bic))
            )),
        };
        Some(html!(
            "<cac:PaymentMeans><cbc:PaymentMeansCode>{}</cbc:PaymentMeansCode>{}</cac:PaymentMeans>",
            self.payment.code(),
            account
        ))
    }

    /// The category, its rate (none when not subject, BR-O-05) and, in the
    /// breakdown, why no VAT is charged.
    fn tax_category(&self, element: &str, breakdown: bool, lang: Language) -> Html {
        let category = self.amounts.category;
        let percent = (!self.not_subject())
            .then(|| html!("<cbc:Percent>{}</cbc:Percent>", self.amounts.rate));
        let exemption = self
            .exemption_in(lang)
            .filter(|_| breakdown)
            .map(|(code, text)| {
                html!(
                    "<cbc:TaxExemptionReasonCode>{}</cbc:TaxExemptionReasonCode>\
                 <cbc:TaxExemptionReason>{}</cbc:TaxExemptionReason>",
                    code,
                    XmlText(text)
                )
            });
        html!(
            "<cac:{}><cbc:ID>{}</cbc:ID>{}{}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:{}>",
            XmlText(element),
            category.code(),
            percent,
            exemption,
            XmlText(element)
        )
    }
}

/// The legal mention of a category without VAT, in `lang` (empty for the
/// standard rate, which needs none).
pub fn mention(lang: Language, category: VatCategory) -> &'static str {
    match category {
        VatCategory::Standard => "",
        VatCategory::ReverseCharge => m::document_mention_reverse_charge(lang),
        VatCategory::NotSubject => m::document_mention_not_subject(lang),
    }
}

/// An IBAN or BIC as written for machines: no spaces, upper case.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_the_year_and_five_digits() {
        let number = InvoiceNumber { year: 2026, seq: 1 };
        assert_eq!(number.to_string(), "2026-00001");
        let large = InvoiceNumber {
            year: 2027,
            seq: 123_456,
        };
        assert_eq!(large.to_string(), "2027-123456");
    }

    #[test]
    fn kinds_round_trip() {
        for kind in [Kind::Invoice, Kind::CreditNote] {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("Invoice"), None);
    }

    #[test]
    fn ibans_and_bics_are_written_compact() {
        assert_eq!(compact("SI56 1910 0000 0123 438"), "SI56191000000123438");
        assert_eq!(compact("bakosi2x"), "BAKOSI2X");
    }
}
