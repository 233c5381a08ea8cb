//! camt.053 (statement) and camt.054 (debit/credit notification) files.
//!
//! The file is read as a stream of XML events and only the `Ntry` being read
//! is held in memory, so a statement of tens of thousands of entries costs
//! little more than its output. Elements are matched by local name and by
//! their path inside the `Ntry`: namespace prefixes do not matter, and every
//! message version (.001.NN) is read alike; where versions differ, both
//! shapes are matched (`Sts` or `Sts/Cd`, `Dbtr/Nm` or `Dbtr/Pty/Nm`,
//! `TxDtls/Amt` or `TxDtls/AmtDtls/TxAmt/Amt`).

use chrono::NaiveDate;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use super::key::{self, Draft, KeyBasis};
use super::{
    bank_reference, currency_code, iso_date, non_empty, BankEntry, Direction, EntryPosition,
    Format, StatedAmount, Statement, StatementError,
};

/// ISO 20022 namespaces are this followed by the message, e.g.
/// "camt.053.001.02".
const NAMESPACE_PREFIX: &str = "urn:iso:std:iso:20022:tech:xsd:";

/// Parses a camt.053 or camt.054 document into its entries, in file order,
/// from every `Stmt` / `Ntfctn` block of the file.
///
/// An `Ntry` with several `TxDtls` that all carry their own amount (a batch
/// booking) becomes one entry per transaction. An `Ntry` with several
/// `TxDtls` that do not all carry an amount cannot be split honestly, so it
/// stays one entry with the booked amount and the references, texts and
/// (if they agree) debtor names of all its transactions.
pub fn parse_camt(xml: &[u8]) -> Result<Statement, StatementError> {
    let mut reader = NsReader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut parser = Parser::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|error| not_xml(reader.error_position(), error))?;
        let position = reader.buffer_position();
        match event {
            Event::Start(start) => {
                let namespace = root_namespace(&reader, &parser, &start, position)?;
                parser.start(&start, namespace, position)?;
            }
            Event::Empty(start) => {
                let namespace = root_namespace(&reader, &parser, &start, position)?;
                parser.start(&start, namespace, position)?;
                parser.end()?;
            }
            Event::End(_) => parser.end()?,
            Event::Text(text) => {
                let content = text
                    .xml10_content()
                    .map_err(|error| not_xml(position, error))?;
                parser.text(&content, position)?;
            }
            Event::CData(data) => {
                let content = data.decode().map_err(|error| not_xml(position, error))?;
                parser.text(&content, position)?;
            }
            Event::GeneralRef(reference) => {
                let content = resolve_reference(&reference, position)?;
                parser.text(&content, position)?;
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    parser.finish(reader.buffer_position())
}

/// The namespace of the root element (`None` for any other element, or when
/// the document has none).
fn root_namespace(
    reader: &NsReader<&[u8]>,
    parser: &Parser,
    start: &BytesStart,
    position: u64,
) -> Result<Option<String>, StatementError> {
    if !parser.stack.is_empty() {
        return Ok(None);
    }
    match reader.resolver().resolve_element(start.name()).0 {
        ResolveResult::Bound(namespace) => String::from_utf8(namespace.as_ref().to_vec())
            .map(Some)
            .map_err(|error| not_xml(position, error)),
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Unknown(prefix) => Err(StatementError::NotXml {
            position,
            reason: format!(
                "undeclared namespace prefix {:?}",
                String::from_utf8_lossy(&prefix)
            ),
        }),
    }
}

/// The two accepted messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Statement,
    Notification,
}

impl Kind {
    /// The kind named by a message identifier such as "camt.054.001.08".
    fn of_message(message: &str) -> Option<Self> {
        let mut parts = message.split('.');
        let kind = match (parts.next(), parts.next()) {
            (Some("camt"), Some("053")) => Self::Statement,
            (Some("camt"), Some("054")) => Self::Notification,
            _ => return None,
        };
        let variant = parts.next();
        let version = parts.next();
        let well_formed = variant == Some("001")
            && version.is_some_and(|v| v.len() == 2 && v.bytes().all(|b| b.is_ascii_digit()))
            && parts.next().is_none();
        well_formed.then_some(kind)
    }

    /// The kind of a document without a namespace, from its body element.
    fn of_body(tag: Tag) -> Option<Self> {
        match tag {
            Tag::BkToCstmrStmt => Some(Self::Statement),
            Tag::BkToCstmrDbtCdtNtfctn => Some(Self::Notification),
            _ => None,
        }
    }

    fn format(self) -> Format {
        match self {
            Self::Statement => Format::Camt053,
            Self::Notification => Format::Camt054,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Statement => "camt.053",
            Self::Notification => "camt.054",
        }
    }

    fn body(self) -> Tag {
        match self {
            Self::Statement => Tag::BkToCstmrStmt,
            Self::Notification => Tag::BkToCstmrDbtCdtNtfctn,
        }
    }

    fn body_name(self) -> &'static str {
        match self {
            Self::Statement => "BkToCstmrStmt",
            Self::Notification => "BkToCstmrDbtCdtNtfctn",
        }
    }

    /// The block that holds the entries.
    fn block(self) -> Tag {
        match self {
            Self::Statement => Tag::Stmt,
            Self::Notification => Tag::Ntfctn,
        }
    }

    fn block_name(self) -> &'static str {
        match self {
            Self::Statement => "Stmt",
            Self::Notification => "Ntfctn",
        }
    }
}

/// The element names this reader looks at; every other name is `Other`.
/// Keeping the open elements as a stack of these makes path matching cheap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Document,
    BkToCstmrStmt,
    BkToCstmrDbtCdtNtfctn,
    Stmt,
    Ntfctn,
    Ntry,
    Amt,
    CdtDbtInd,
    RvslInd,
    Sts,
    Cd,
    BookgDt,
    Dt,
    DtTm,
    AcctSvcrRef,
    NtryDtls,
    TxDtls,
    AmtDtls,
    TxAmt,
    Refs,
    RmtInf,
    Ustrd,
    Strd,
    CdtrRefInf,
    Ref,
    RltdPties,
    Dbtr,
    UltmtDbtr,
    Pty,
    Nm,
    Other,
}

impl Tag {
    fn of(local_name: &[u8]) -> Self {
        match local_name {
            b"Document" => Self::Document,
            b"BkToCstmrStmt" => Self::BkToCstmrStmt,
            b"BkToCstmrDbtCdtNtfctn" => Self::BkToCstmrDbtCdtNtfctn,
            b"Stmt" => Self::Stmt,
            b"Ntfctn" => Self::Ntfctn,
            b"Ntry" => Self::Ntry,
            b"Amt" => Self::Amt,
            b"CdtDbtInd" => Self::CdtDbtInd,
            b"RvslInd" => Self::RvslInd,
            b"Sts" => Self::Sts,
            b"Cd" => Self::Cd,
            b"BookgDt" => Self::BookgDt,
            b"Dt" => Self::Dt,
            b"DtTm" => Self::DtTm,
            b"AcctSvcrRef" => Self::AcctSvcrRef,
            b"NtryDtls" => Self::NtryDtls,
            b"TxDtls" => Self::TxDtls,
            b"AmtDtls" => Self::AmtDtls,
            b"TxAmt" => Self::TxAmt,
            b"Refs" => Self::Refs,
            b"RmtInf" => Self::RmtInf,
            b"Ustrd" => Self::Ustrd,
            b"Strd" => Self::Strd,
            b"CdtrRefInf" => Self::CdtrRefInf,
            b"Ref" => Self::Ref,
            b"RltdPties" => Self::RltdPties,
            b"Dbtr" => Self::Dbtr,
            b"UltmtDbtr" => Self::UltmtDbtr,
            b"Pty" => Self::Pty,
            b"Nm" => Self::Nm,
            _ => Self::Other,
        }
    }
}

/// Depth of an `Ntry`: Document / body / Stmt or Ntfctn / Ntry.
const ENTRY_DEPTH: usize = 3;

/// An amount element's text and `Ccy` attribute, as written.
#[derive(Debug, Clone, Default)]
struct RawAmount {
    value: String,
    currency: Option<String>,
}

/// The elements of one `Ntry`, as written, before they are checked.
#[derive(Debug, Default)]
struct RawEntry {
    amount: Option<RawAmount>,
    indicator: Option<String>,
    reversal: Option<String>,
    status: Option<String>,
    booking: Option<String>,
    reference: Option<String>,
    transactions: Vec<RawTransaction>,
}

/// The elements of one `TxDtls`, as written.
#[derive(Debug, Default)]
struct RawTransaction {
    /// `TxDtls/Amt` (version 3 and later).
    amount: Option<RawAmount>,
    /// `TxDtls/AmtDtls/TxAmt/Amt`.
    detail_amount: Option<RawAmount>,
    indicator: Option<String>,
    reference: Option<String>,
    structured: Vec<String>,
    unstructured: Vec<String>,
    debtor: Option<String>,
    ultimate_debtor: Option<String>,
}

impl RawTransaction {
    fn has_amount(&self) -> bool {
        self.amount.is_some() || self.detail_amount.is_some()
    }

    /// The debtor, else the ultimate debtor (on whose behalf it was paid):
    /// staff recognise a customer by either.
    fn remitter(&self) -> Option<String> {
        self.debtor
            .as_deref()
            .and_then(non_empty)
            .or_else(|| self.ultimate_debtor.as_deref().and_then(non_empty))
    }
}

/// Which element an amount came from, for error messages.
#[derive(Debug, Clone, Copy)]
struct AmountPath {
    amount: &'static str,
    currency: &'static str,
}

const ENTRY_AMOUNT: AmountPath = AmountPath {
    amount: "Amt",
    currency: "Amt/@Ccy",
};
const TRANSACTION_AMOUNT: AmountPath = AmountPath {
    amount: "TxDtls/Amt",
    currency: "TxDtls/Amt/@Ccy",
};
const TRANSACTION_DETAIL_AMOUNT: AmountPath = AmountPath {
    amount: "TxDtls/AmtDtls/TxAmt/Amt",
    currency: "TxDtls/AmtDtls/TxAmt/Amt/@Ccy",
};

/// The reading state: the open elements, the text of the current one, and
/// the entry being collected.
#[derive(Debug, Default)]
struct Parser {
    stack: Vec<Tag>,
    text: String,
    /// `Ccy` of the last `Amt` opened inside the entry.
    amount_currency: Option<String>,
    kind: Option<Kind>,
    message: Option<String>,
    root_seen: bool,
    blocks: usize,
    entries_seen: usize,
    entry: Option<RawEntry>,
    drafts: Vec<Draft>,
}

impl Parser {
    /// `namespace` is only looked at for the root element.
    fn start(
        &mut self,
        start: &BytesStart,
        namespace: Option<String>,
        position: u64,
    ) -> Result<(), StatementError> {
        let tag = Tag::of(start.local_name().as_ref());
        let mut currency = None;
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|error| not_xml(position, error))?;
            if tag == Tag::Amt && attribute.key.as_ref() == b"Ccy" {
                let value = attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|error| not_xml(position, error))?;
                currency = Some(value.into_owned());
            }
        }
        match self.stack.len() {
            0 => self.root(tag, start, namespace, position)?,
            1 => self.body(tag, start)?,
            2 if Some(tag) == self.kind.map(Kind::block) => self.blocks += 1,
            ENTRY_DEPTH
                if tag == Tag::Ntry && Some(self.stack[2]) == self.kind.map(Kind::block) =>
            {
                self.entries_seen += 1;
                self.entry = Some(RawEntry::default());
            }
            _ => {
                if let Some(entry) = self.entry.as_mut() {
                    match tag {
                        Tag::TxDtls
                            if matches!(self.stack[ENTRY_DEPTH..], [Tag::Ntry, Tag::NtryDtls]) =>
                        {
                            entry.transactions.push(RawTransaction::default());
                        }
                        Tag::Amt => self.amount_currency = currency,
                        _ => {}
                    }
                }
            }
        }
        self.stack.push(tag);
        self.text.clear();
        Ok(())
    }

    fn root(
        &mut self,
        tag: Tag,
        start: &BytesStart,
        namespace: Option<String>,
        position: u64,
    ) -> Result<(), StatementError> {
        if self.root_seen {
            return Err(StatementError::NotXml {
                position,
                reason: "more than one root element".to_owned(),
            });
        }
        self.root_seen = true;
        if tag != Tag::Document {
            return Err(StatementError::NotIso20022 {
                found: local_name(start),
            });
        }
        if let Some(namespace) = namespace {
            let message = namespace
                .strip_prefix(NAMESPACE_PREFIX)
                .unwrap_or(&namespace)
                .to_owned();
            let kind =
                Kind::of_message(&message).ok_or_else(|| StatementError::UnsupportedMessage {
                    message: message.clone(),
                })?;
            self.kind = Some(kind);
            self.message = Some(message);
        }
        Ok(())
    }

    fn body(&mut self, tag: Tag, start: &BytesStart) -> Result<(), StatementError> {
        match self.kind {
            Some(kind) if tag == kind.body() => Ok(()),
            Some(kind) => Err(StatementError::UnexpectedElement {
                message: self.message_name(),
                expected: kind.body_name(),
                found: local_name(start),
            }),
            None => {
                self.kind =
                    Some(
                        Kind::of_body(tag).ok_or_else(|| StatementError::UnexpectedElement {
                            message: self.message_name(),
                            expected: "BkToCstmrStmt or BkToCstmrDbtCdtNtfctn",
                            found: local_name(start),
                        })?,
                    );
                Ok(())
            }
        }
    }

    fn text(&mut self, content: &str, position: u64) -> Result<(), StatementError> {
        if self.stack.is_empty() {
            if content.trim().is_empty() {
                return Ok(());
            }
            return Err(StatementError::NotXml {
                position,
                reason: "text outside the root element".to_owned(),
            });
        }
        if self.entry.is_some() {
            self.text.push_str(content);
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), StatementError> {
        if self.entry.is_some() {
            if self.stack.len() > ENTRY_DEPTH + 1 {
                self.leaf();
            } else if self.stack.len() == ENTRY_DEPTH + 1 {
                if let Some(raw) = self.entry.take() {
                    let drafts = entry_drafts(raw, self.entries_seen)?;
                    self.drafts.extend(drafts);
                }
            }
        }
        self.stack.pop();
        self.text.clear();
        Ok(())
    }

    /// Stores the text of the element being closed if its path inside the
    /// `Ntry` is one this reader uses.
    fn leaf(&mut self) {
        let Some(entry) = self.entry.as_mut() else {
            return;
        };
        let text = std::mem::take(&mut self.text);
        use Tag::*;
        match &self.stack[ENTRY_DEPTH..] {
            [Ntry, Amt] => {
                entry.amount = Some(RawAmount {
                    value: text,
                    currency: self.amount_currency.take(),
                });
            }
            [Ntry, CdtDbtInd] => entry.indicator = Some(text),
            [Ntry, RvslInd] => entry.reversal = Some(text),
            // Versions 2 to 4 write the code as the text of `Sts`, later ones
            // in `Sts/Cd`; the whitespace around `Cd` must not undo it.
            [Ntry, Sts] | [Ntry, Sts, Cd] => {
                if let Some(status) = non_empty(&text) {
                    entry.status = Some(status);
                }
            }
            [Ntry, BookgDt, Dt | DtTm] => entry.booking = Some(text),
            [Ntry, AcctSvcrRef] => entry.reference = Some(text),
            [Ntry, NtryDtls, TxDtls, rest @ ..] => {
                let Some(transaction) = entry.transactions.last_mut() else {
                    return;
                };
                match rest {
                    [Amt] => {
                        transaction.amount = Some(RawAmount {
                            value: text,
                            currency: self.amount_currency.take(),
                        });
                    }
                    [AmtDtls, TxAmt, Amt] => {
                        transaction.detail_amount = Some(RawAmount {
                            value: text,
                            currency: self.amount_currency.take(),
                        });
                    }
                    [CdtDbtInd] => transaction.indicator = Some(text),
                    [Refs, AcctSvcrRef] => transaction.reference = Some(text),
                    [RmtInf, Ustrd] => transaction.unstructured.extend(non_empty(&text)),
                    [RmtInf, Strd, CdtrRefInf, Ref] => {
                        transaction.structured.extend(non_empty(&text));
                    }
                    [RltdPties, Dbtr, Nm] | [RltdPties, Dbtr, Pty, Nm] => {
                        transaction.debtor = Some(text);
                    }
                    [RltdPties, UltmtDbtr, Nm] | [RltdPties, UltmtDbtr, Pty, Nm] => {
                        transaction.ultimate_debtor = Some(text);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn message_name(&self) -> String {
        match (&self.message, self.kind) {
            (Some(message), _) => message.clone(),
            (None, Some(kind)) => kind.name().to_owned(),
            (None, None) => "ISO 20022".to_owned(),
        }
    }

    fn finish(self, position: u64) -> Result<Statement, StatementError> {
        if !self.root_seen {
            return Err(StatementError::NotXml {
                position,
                reason: "no root element".to_owned(),
            });
        }
        if !self.stack.is_empty() {
            return Err(StatementError::NotXml {
                position,
                reason: "the file ends before the root element is closed".to_owned(),
            });
        }
        let Some(kind) = self.kind else {
            return Err(StatementError::NoStatement {
                message: self.message_name(),
                element: "BkToCstmrStmt or BkToCstmrDbtCdtNtfctn",
            });
        };
        if self.blocks == 0 {
            return Err(StatementError::NoStatement {
                message: self.message_name(),
                element: kind.block_name(),
            });
        }
        Ok(Statement {
            format: kind.format(),
            message: self.message,
            entries: key::finish(self.drafts),
        })
    }
}

/// Checks one `Ntry` and turns it into one entry, or one per transaction of
/// a batch booking.
fn entry_drafts(raw: RawEntry, number: usize) -> Result<Vec<Draft>, StatementError> {
    let at = EntryPosition {
        entry: number,
        transaction: None,
    };
    let (amount, currency) = amount(raw.amount.as_ref(), at, ENTRY_AMOUNT)?;
    let direction = match raw.indicator.as_deref() {
        Some(value) => indicator(value, at, "CdtDbtInd")?,
        None => {
            return Err(StatementError::MissingElement {
                at,
                element: "CdtDbtInd",
            })
        }
    };
    let reversal = match raw.reversal.as_deref().map(str::trim) {
        None | Some("false" | "0") => false,
        Some("true" | "1") => true,
        Some(other) => {
            return Err(StatementError::BadValue {
                at,
                element: "RvslInd",
                value: other.to_owned(),
            })
        }
    };
    let booking_date = raw
        .booking
        .as_deref()
        .map(|value| {
            booking_date(value).ok_or_else(|| StatementError::BadValue {
                at,
                element: "BookgDt",
                value: value.to_owned(),
            })
        })
        .transpose()?;
    let entry_reference = raw.reference.as_deref().and_then(bank_reference);
    let base = BankEntry {
        index: 0,
        booking_date,
        amount,
        currency,
        direction,
        reversal,
        booked: raw.status.as_deref() == Some("BOOK"),
        bank_reference: None,
        structured_references: Vec::new(),
        remittance_text: Vec::new(),
        remitter_name: None,
        key: String::new(),
    };
    let transactions = raw.transactions;

    if transactions.len() > 1 && transactions.iter().all(RawTransaction::has_amount) {
        return transactions
            .into_iter()
            .enumerate()
            .map(|(i, transaction)| {
                batch_transaction(
                    &base,
                    entry_reference.as_deref(),
                    number,
                    i + 1,
                    transaction,
                )
            })
            .collect();
    }

    if transactions.len() > 1 {
        let mut names: Vec<String> = Vec::new();
        let mut entry = base;
        for transaction in transactions {
            if let Some(name) = transaction.remitter() {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            entry.structured_references.extend(transaction.structured);
            entry.remittance_text.extend(transaction.unstructured);
        }
        entry.remitter_name = (names.len() == 1).then(|| names.remove(0));
        entry.bank_reference = entry_reference;
        return Ok(vec![referenced(entry)]);
    }

    // One transaction or none: the entry's amount is what was booked. A lone
    // transaction's own amount may be an instructed amount in another
    // currency, or even zero (both occur in the published sample files).
    let transaction = transactions.into_iter().next().unwrap_or_default();
    let mut entry = base;
    entry.remitter_name = transaction.remitter();
    entry.bank_reference = transaction
        .reference
        .as_deref()
        .and_then(bank_reference)
        .or(entry_reference);
    entry.structured_references = transaction.structured;
    entry.remittance_text = transaction.unstructured;
    Ok(vec![referenced(entry)])
}

/// One transaction of a batch booking, with its own amount.
fn batch_transaction(
    base: &BankEntry,
    entry_reference: Option<&str>,
    number: usize,
    position: usize,
    transaction: RawTransaction,
) -> Result<Draft, StatementError> {
    let at = EntryPosition {
        entry: number,
        transaction: Some(position),
    };
    let (amount, currency) = match &transaction.amount {
        Some(raw) => amount(Some(raw), at, TRANSACTION_AMOUNT)?,
        None => amount(
            transaction.detail_amount.as_ref(),
            at,
            TRANSACTION_DETAIL_AMOUNT,
        )?,
    };
    let own_direction = transaction
        .indicator
        .as_deref()
        .map(|value| indicator(value, at, "TxDtls/CdtDbtInd"))
        .transpose()?;
    // A transaction counts as a credit only if the booked entry is one too:
    // a debit read as a credit could confirm an order that was never paid.
    let direction = if base.direction == Direction::Debit || own_direction == Some(Direction::Debit)
    {
        Direction::Debit
    } else {
        Direction::Credit
    };
    let own_reference = transaction.reference.as_deref().and_then(bank_reference);
    let basis = match (&own_reference, entry_reference) {
        (Some(own), _) => KeyBasis::Reference(own.clone()),
        (None, Some(entry)) => KeyBasis::Reference(format!("{entry}/{position}")),
        (None, None) => KeyBasis::Fingerprint,
    };
    let remitter_name = transaction.remitter();
    Ok(Draft {
        entry: BankEntry {
            amount,
            currency,
            direction,
            bank_reference: own_reference.or_else(|| entry_reference.map(str::to_owned)),
            structured_references: transaction.structured,
            remittance_text: transaction.unstructured,
            remitter_name,
            ..base.clone()
        },
        basis,
    })
}

/// An entry keyed by its bank reference when it has one.
fn referenced(entry: BankEntry) -> Draft {
    let basis = entry
        .bank_reference
        .clone()
        .map_or(KeyBasis::Fingerprint, KeyBasis::Reference);
    Draft { entry, basis }
}

/// A positive ISO 20022 amount (digits, at most one decimal point, no sign)
/// and its currency.
fn amount(
    raw: Option<&RawAmount>,
    at: EntryPosition,
    path: AmountPath,
) -> Result<(StatedAmount, String), StatementError> {
    let raw = raw.ok_or(StatementError::MissingElement {
        at,
        element: path.amount,
    })?;
    let amount = StatedAmount::parse(raw.value.trim()).map_err(|_| StatementError::BadAmount {
        at,
        element: path.amount,
        value: raw.value.clone(),
    })?;
    let currency = match raw.currency.as_deref() {
        None => {
            return Err(StatementError::MissingElement {
                at,
                element: path.currency,
            })
        }
        Some(value) => currency_code(value).ok_or_else(|| StatementError::BadCurrency {
            at,
            element: path.currency,
            value: value.to_owned(),
        })?,
    };
    Ok((amount, currency))
}

fn indicator(
    value: &str,
    at: EntryPosition,
    element: &'static str,
) -> Result<Direction, StatementError> {
    match value.trim() {
        "CRDT" => Ok(Direction::Credit),
        "DBIT" => Ok(Direction::Debit),
        other => Err(StatementError::BadValue {
            at,
            element,
            value: other.to_owned(),
        }),
    }
}

/// The date of `BookgDt/Dt` ("2014-12-31", possibly with a zone) or
/// `BookgDt/DtTm` ("2014-12-31T13:15:00+01:00"), as the bank wrote it: the
/// bank's calendar day is the booking day, whatever the zone.
fn booking_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let rest = value.get(10..)?;
    let tail_ok = rest.is_empty() || rest.starts_with(['T', 'Z', '+', '-']);
    if !tail_ok {
        return None;
    }
    iso_date(value.get(..10)?)
}

/// The character(s) an entity or character reference stands for. Only the
/// five predefined entities exist: a document-defined entity is refused
/// rather than silently dropped.
fn resolve_reference(reference: &BytesRef, position: u64) -> Result<String, StatementError> {
    if reference.is_char_ref() {
        return match reference.resolve_char_ref() {
            Ok(Some(character)) => Ok(character.to_string()),
            Ok(None) => Err(StatementError::NotXml {
                position,
                reason: "empty character reference".to_owned(),
            }),
            Err(error) => Err(not_xml(position, error)),
        };
    }
    let name = reference
        .decode()
        .map_err(|error| not_xml(position, error))?;
    resolve_xml_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| StatementError::NotXml {
            position,
            reason: format!("unknown entity &{name};"),
        })
}

fn local_name(start: &BytesStart) -> String {
    String::from_utf8_lossy(start.local_name().as_ref()).into_owned()
}

fn not_xml(position: u64, error: impl std::fmt::Display) -> StatementError {
    StatementError::NotXml {
        position,
        reason: error.to_string(),
    }
}
