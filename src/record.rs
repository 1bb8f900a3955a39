//! The record licscan writes for each input document: its identity, its status,
//! the clauses found (each pointing back to exact byte offsets) and the
//! normalised terms summarised from them. This is the stable, documented output
//! schema; `licscan schema` prints it from these very types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Version of the record layout: the major number changes on an incompatible
/// change, the minor one when fields are added (1.1: `document.page_engines`).
pub const SCHEMA_VERSION: &str = "1.1";

/// One JSON Lines record: exactly one per input document, even on failure.
/// Reading records back (`compare`) is tolerant: every field defaults, so a
/// record from another licscan version or a hand-made one still loads.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    pub schema_version: String,
    /// `ok` when the document was read, `error` when it could not be.
    pub status: Status,
    pub document: DocumentInfo,
    /// Set when `status` is `error`.
    pub error: Option<ErrorInfo>,
    /// Clauses in text order.
    pub clauses: Vec<Clause>,
    pub terms: Terms,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Ok,
    Error,
}

/// What was read, and how.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct DocumentInfo {
    /// The path as given on the command line (or found under a given folder).
    pub path: String,
    /// `text` or `pdf`; null when the file could not be read at all.
    pub format: Option<String>,
    /// How the text was produced: `utf-8`, `utf-16le`, `windows-1252`, `pdf-extract`, ...
    pub engine: Option<String>,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: Option<String>,
    pub bytes: u64,
    /// Pages (PDF: real pages; text: form-feed separated pages, at least 1).
    pub pages: usize,
    /// Characters of text that offsets refer to.
    pub chars: usize,
    /// Anything the reader should know (a non-UTF-8 encoding, pages that failed).
    pub warnings: Vec<String>,
    /// PDF only: which engine produced the text of which pages, as runs of
    /// consecutive pages (`pdf-extract` first, the fallback `pdf_oxide` for
    /// pages or files it could not read, `none` for a page no engine read).
    #[serde(default)]
    pub page_engines: Vec<PageEngines>,
}

/// Pages `first_page..=last_page` (1-based) whose text came from `engine`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PageEngines {
    pub engine: String,
    pub first_page: usize,
    pub last_page: usize,
}

impl PageEngines {
    /// Runs of consecutive pages with the same engine, from one engine name per page.
    pub fn runs(per_page: &[String]) -> Vec<PageEngines> {
        let mut runs: Vec<PageEngines> = Vec::new();
        for (i, engine) in per_page.iter().enumerate() {
            match runs.last_mut() {
                Some(run) if run.engine == *engine => run.last_page = i + 1,
                _ => runs.push(PageEngines {
                    engine: engine.clone(),
                    first_page: i + 1,
                    last_page: i + 1,
                }),
            }
        }
        runs
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct ErrorInfo {
    /// Stable error name: unreadable, encrypted, no_text_layer, not_a_pdf,
    /// truncated, timeout, too_large, engine_crash, undecodable.
    pub kind: String,
    pub message: String,
}

/// One clause: a span of the text that a rule recognised.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Clause {
    #[serde(rename = "type")]
    pub ctype: String,
    pub kind: String,
    /// UTF-8 byte offset, inclusive: into the file for text input, into the
    /// `licscan text` output for a PDF.
    pub start: usize,
    /// UTF-8 byte offset, exclusive.
    pub end: usize,
    /// 1-based page number.
    pub page: usize,
    /// Number and heading of the enclosing section, when known ("2.1 Grant").
    pub section: Option<String>,
    /// Exactly the text between `start` and `end`.
    pub text: String,
    /// Id of the rule that found the clause.
    pub rule: String,
    /// Values the rule captured, normalised (numbers, ISO dates, codes).
    #[schemars(with = "BTreeMap<String, Value>")]
    pub values: Map<String, Value>,
}

/// One normalised summary per agreement. Null means "not found"; every set
/// field lists its supporting clauses in `sources`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Terms {
    pub term: TermTerms,
    pub territory: TerritoryTerms,
    pub field_of_use: FieldOfUseTerms,
    /// exclusive, non-exclusive, sole, co-exclusive, mixed; null when no grant says.
    pub exclusivity: Option<String>,
    /// true: licensee may sublicense (possibly with consent); false: prohibited; null: silent.
    pub sublicensable: Option<bool>,
    pub royalty: RoyaltyTerms,
    pub improvements: ImprovementTerms,
    pub termination: TerminationTerms,
    pub governing_law: GoverningLaw,
    pub liability: LiabilityTerms,
    /// Terms field (dotted path) -> indexes into `clauses` that support it.
    pub sources: BTreeMap<String, Vec<usize>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct TermTerms {
    /// ISO 8601 (YYYY-MM-DD, or YYYY-MM / YYYY when partial).
    pub agreement_date: Option<String>,
    pub effective_date: Option<String>,
    /// Stated, or computed as effective date + initial term.
    pub expiration_date: Option<String>,
    /// `stated`, `computed`, `patent_expiry` (ends with the last patent; date unknown).
    pub expiration_basis: Option<String>,
    pub initial_term_months: Option<f64>,
    pub perpetual: Option<bool>,
    pub auto_renewal: Option<bool>,
    pub renewal_term_months: Option<f64>,
    pub renewal_notice_days: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct TerritoryTerms {
    /// ISO 3166-1 alpha-2, ISO 3166-2, `EU`, UN M49 regions (`001` = worldwide).
    pub codes: Vec<String>,
    pub excluded_codes: Vec<String>,
    /// The phrase the codes were read from.
    pub phrase: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct FieldOfUseTerms {
    /// true when the licence is limited to a field, purpose, product or channel.
    pub restricted: Option<bool>,
    pub fields: Vec<String>,
    pub excluded: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Money {
    pub amount: f64,
    /// ISO 4217.
    pub currency: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct RoyaltyTerms {
    /// Every royalty / revenue-share percentage, tiers listed, in text order.
    pub rates_percent: Vec<f64>,
    /// What the rates apply to: net sales, gross revenue, ...
    pub base: Option<String>,
    pub fixed_fees: Vec<Money>,
    pub minimum: Option<bool>,
    pub audit_rights: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct ImprovementTerms {
    pub present: Option<bool>,
    /// licensor, licensee, joint, creator, grant_back.
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct TerminationTerms {
    pub for_breach: Option<bool>,
    pub breach_cure_days: Option<f64>,
    pub for_convenience: Option<bool>,
    pub convenience_notice_days: Option<f64>,
    pub insolvency: Option<bool>,
    pub change_of_control: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct GoverningLaw {
    /// ISO 3166: `US-NY`, `CA-ON`, `GB-ENG`, `IL`.
    pub code: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct LiabilityTerms {
    pub capped: Option<bool>,
    pub cap_amount: Option<Money>,
    /// Cap as a multiple of fees paid or payable (1.0 = fees paid).
    pub cap_fees_multiple: Option<f64>,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Error => "error",
        }
    }
}

impl Record {
    /// The record for a document that could not be read.
    pub fn failed(document: DocumentInfo, kind: &str, message: String) -> Record {
        Record {
            schema_version: SCHEMA_VERSION.to_string(),
            status: Status::Error,
            document,
            error: Some(ErrorInfo {
                kind: kind.to_string(),
                message,
            }),
            clauses: Vec::new(),
            terms: Terms::default(),
        }
    }
}
