//! Tests of the statement readers: the published sample files, documents
//! built here for the cases the samples lack, CSV, keys and robustness.

mod camt;
mod csv;
mod keys;
mod robustness;
mod samples;

use super::StatedAmount;

pub(super) fn dec(value: &str) -> StatedAmount {
    StatedAmount::parse(value).unwrap()
}

/// A sample file from `tests/fixtures/camt/`.
pub(super) fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/camt/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The two shapes of camt this suite builds: version 2 (`<Sts>BOOK</Sts>`,
/// `Dbtr/Nm`, no `TxDtls/Amt`) and version 8 (`<Sts><Cd>`, `Dbtr/Pty/Nm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Version {
    V2,
    V8,
}

impl Version {
    fn number(self) -> &'static str {
        match self {
            Self::V2 => "02",
            Self::V8 => "08",
        }
    }
}

/// A transaction (`TxDtls`) to build.
#[derive(Debug, Clone, Default)]
pub(super) struct Tx {
    /// Amount and currency of the transaction itself.
    pub amount: Option<(&'static str, &'static str)>,
    pub indicator: Option<&'static str>,
    pub reference: Option<&'static str>,
    pub creditor_reference: Option<&'static str>,
    pub text: Vec<&'static str>,
    pub debtor: Option<&'static str>,
}

/// An entry (`Ntry`) to build; `Ntry::credit()` is a plain booked credit.
#[derive(Debug, Clone)]
pub(super) struct Ntry {
    pub amount: Option<&'static str>,
    pub currency: &'static str,
    pub indicator: Option<&'static str>,
    pub reversal: Option<&'static str>,
    pub status: &'static str,
    pub date: Option<&'static str>,
    pub reference: Option<&'static str>,
    pub transactions: Vec<Tx>,
}

impl Ntry {
    pub fn credit(amount: &'static str) -> Self {
        Self {
            amount: Some(amount),
            currency: "EUR",
            indicator: Some("CRDT"),
            reversal: None,
            status: "BOOK",
            date: Some("2024-05-02"),
            reference: None,
            transactions: Vec::new(),
        }
    }

    pub fn xml(&self, version: Version) -> String {
        let mut xml = String::from("<Ntry>");
        if let Some(amount) = self.amount {
            xml += &format!("<Amt Ccy=\"{}\">{amount}</Amt>", self.currency);
        }
        if let Some(indicator) = self.indicator {
            xml += &format!("<CdtDbtInd>{indicator}</CdtDbtInd>");
        }
        if let Some(reversal) = self.reversal {
            xml += &format!("<RvslInd>{reversal}</RvslInd>");
        }
        xml += &match version {
            Version::V2 => format!("<Sts>{}</Sts>", self.status),
            Version::V8 => format!("<Sts><Cd>{}</Cd></Sts>", self.status),
        };
        if let Some(date) = self.date {
            xml += &format!("<BookgDt><Dt>{date}</Dt></BookgDt>");
        }
        if let Some(reference) = self.reference {
            xml += &format!("<AcctSvcrRef>{reference}</AcctSvcrRef>");
        }
        xml += "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>";
        if !self.transactions.is_empty() {
            xml += "<NtryDtls>";
            for tx in &self.transactions {
                xml += &tx.xml(version);
            }
            xml += "</NtryDtls>";
        }
        xml + "</Ntry>"
    }
}

impl Tx {
    fn xml(&self, version: Version) -> String {
        let mut xml = String::from("<TxDtls><Refs>");
        if let Some(reference) = self.reference {
            xml += &format!("<AcctSvcrRef>{reference}</AcctSvcrRef>");
        }
        xml += "<EndToEndId>NOTPROVIDED</EndToEndId></Refs>";
        if let Some((amount, currency)) = self.amount {
            xml += &match version {
                Version::V2 => format!(
                    "<AmtDtls><InstdAmt><Amt Ccy=\"USD\">999.99</Amt></InstdAmt>\
                     <TxAmt><Amt Ccy=\"{currency}\">{amount}</Amt></TxAmt></AmtDtls>"
                ),
                Version::V8 => format!("<Amt Ccy=\"{currency}\">{amount}</Amt>"),
            };
        }
        if let Some(indicator) = self.indicator {
            xml += &format!("<CdtDbtInd>{indicator}</CdtDbtInd>");
        }
        if let Some(debtor) = self.debtor {
            xml += &match version {
                Version::V2 => format!("<RltdPties><Dbtr><Nm>{debtor}</Nm></Dbtr></RltdPties>"),
                Version::V8 => {
                    format!("<RltdPties><Dbtr><Pty><Nm>{debtor}</Nm></Pty></Dbtr></RltdPties>")
                }
            };
        }
        if self.creditor_reference.is_some() || !self.text.is_empty() {
            xml += "<RmtInf>";
            for line in &self.text {
                xml += &format!("<Ustrd>{line}</Ustrd>");
            }
            if let Some(reference) = self.creditor_reference {
                xml += &format!(
                    "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry>\
                     <Issr>ISO</Issr></Tp><Ref>{reference}</Ref></CdtrRefInf></Strd>"
                );
            }
            xml += "</RmtInf>";
        }
        xml + "</TxDtls>"
    }
}

/// A camt.053 document with one statement holding `entries`.
pub(super) fn camt053(version: Version, entries: &[Ntry]) -> String {
    let body: String = entries.iter().map(|entry| entry.xml(version)).collect();
    camt053_around(version, &body)
}

/// A camt.053 document with one statement around `body`, the entries' XML.
pub(super) fn camt053_around(version: Version, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{number}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>SPICA-TEST-1</MsgId><CreDtTm>2024-05-02T18:00:00+02:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>SPICA-TEST-1-1</Id>
      <CreDtTm>2024-05-02T18:00:00+02:00</CreDtTm>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-05-02</Dt></Dt></Bal>
      {body}
    </Stmt>
  </BkToCstmrStmt>
</Document>
"#,
        number = version.number()
    )
}

/// A credit paying an order by its RF reference, as a customer's bank sends
/// it.
pub(super) fn rf_payment(
    amount: &'static str,
    rf: &'static str,
    debtor: &'static str,
    reference: Option<&'static str>,
) -> Ntry {
    Ntry {
        reference,
        transactions: vec![Tx {
            creditor_reference: Some(rf),
            debtor: Some(debtor),
            ..Tx::default()
        }],
        ..Ntry::credit(amount)
    }
}
