//! The comparison's view of one record: the parts of `record::Record` that
//! comparing needs, readable back from JSON Lines. Every field defaults, so a
//! record from an older or newer licscan (or a hand-made one in a test) still
//! loads; what is missing simply counts as "not found".

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One agreement as the comparison sees it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Agreement {
    pub status: String,
    pub document: Document,
    pub error: Option<ErrorView>,
    pub clauses: Vec<ClauseView>,
    pub terms: TermsView,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    pub path: String,
    pub format: Option<String>,
    pub sha256: Option<String>,
    pub bytes: u64,
    pub pages: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorView {
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ClauseView {
    #[serde(rename = "type")]
    pub ctype: String,
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub page: usize,
    pub section: Option<String>,
    pub text: String,
    pub rule: String,
    pub values: Map<String, Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TermsView {
    pub term: TermView,
    pub territory: TerritoryView,
    pub field_of_use: FieldView,
    pub exclusivity: Option<String>,
    pub sublicensable: Option<bool>,
    pub royalty: RoyaltyView,
    pub improvements: ImprovementsView,
    pub termination: TerminationView,
    pub governing_law: LawView,
    pub sources: BTreeMap<String, Vec<usize>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TermView {
    pub agreement_date: Option<String>,
    pub effective_date: Option<String>,
    pub expiration_date: Option<String>,
    pub expiration_basis: Option<String>,
    pub initial_term_months: Option<f64>,
    pub perpetual: Option<bool>,
    pub auto_renewal: Option<bool>,
    pub renewal_term_months: Option<f64>,
    pub renewal_notice_days: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TerritoryView {
    pub codes: Vec<String>,
    pub excluded_codes: Vec<String>,
    pub phrase: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldView {
    pub restricted: Option<bool>,
    pub fields: Vec<String>,
    pub excluded: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Money {
    pub amount: f64,
    pub currency: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RoyaltyView {
    pub rates_percent: Vec<f64>,
    pub base: Option<String>,
    pub fixed_fees: Vec<Money>,
    pub minimum: Option<bool>,
    pub audit_rights: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ImprovementsView {
    pub present: Option<bool>,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TerminationView {
    pub for_breach: Option<bool>,
    pub breach_cure_days: Option<f64>,
    pub for_convenience: Option<bool>,
    pub convenience_notice_days: Option<f64>,
    pub insolvency: Option<bool>,
    pub change_of_control: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LawView {
    pub code: Option<String>,
    pub name: Option<String>,
}

impl Agreement {
    pub fn is_ok(&self) -> bool {
        self.status != "error"
    }

    /// Clause indexes supporting a terms field: the exact `sources` entry, else
    /// every entry under it (`termination` gathers `termination.*`), valid ones only.
    pub fn sources_of(&self, field: &str) -> Vec<usize> {
        let mut out: Vec<usize> = match self.terms.sources.get(field) {
            Some(v) => v.clone(),
            None => {
                let prefix = format!("{field}.");
                self.terms
                    .sources
                    .iter()
                    .filter(|(k, _)| k.starts_with(&prefix))
                    .flat_map(|(_, v)| v.iter().copied())
                    .collect()
            }
        };
        out.retain(|&i| i < self.clauses.len());
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Indexes of clauses of a type (optionally of a kind), for terms that
    /// `sources` does not list.
    pub fn clauses_of(&self, ctype: &str, kind: Option<&str>) -> Vec<usize> {
        self.clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| c.ctype == ctype && kind.is_none_or(|k| c.kind == k))
            .map(|(i, _)| i)
            .collect()
    }

    /// True when the agreement grants a licence (an exclusivity was read or a
    /// grant clause was found), so a missing royalty is worth a reviewer's look.
    pub fn is_licence(&self) -> bool {
        self.terms.exclusivity.is_some() || self.clauses.iter().any(|c| c.ctype == "license_grant")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_with_missing_fields_still_loads() {
        let a: Agreement = serde_json::from_str(r#"{"status":"ok","document":{"path":"x.txt"}}"#)
            .expect("valid JSON");
        assert_eq!(a.document.path, "x.txt");
        assert!(a.terms.territory.codes.is_empty());
    }

    #[test]
    fn sources_of_a_group_gathers_its_fields() {
        let mut a = Agreement {
            clauses: vec![ClauseView::default(); 4],
            ..Agreement::default()
        };
        a.terms.sources.insert("term.perpetual".into(), vec![3, 1]);
        a.terms
            .sources
            .insert("term.auto_renewal".into(), vec![1, 9]);
        assert_eq!(a.sources_of("term"), vec![1, 3]);
        assert_eq!(a.sources_of("term.perpetual"), vec![1, 3]);
    }
}
