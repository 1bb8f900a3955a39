//! The comparison's view of one record: `record::Record` read back from JSON
//! Lines (every field defaults, so a record from an older or newer licscan,
//! or a hand-made one in a test, still loads; what is missing counts as "not
//! found"), and the questions comparing asks of it.

use crate::record::Status;
pub use crate::record::{
    Clause as ClauseView, DocumentInfo as Document, ErrorInfo as ErrorView, Record as Agreement,
    Terms as TermsView,
};
use serde_json::Value;

/// Fills what `value` lacks from `defaults`, recursively (objects only).
fn fill_missing(value: &mut Value, defaults: &Value) {
    if let (Value::Object(v), Value::Object(d)) = (value, defaults) {
        for (k, dv) in d {
            match v.get_mut(k) {
                Some(existing) => fill_missing(existing, dv),
                None => {
                    v.insert(k.clone(), dv.clone());
                }
            }
        }
    }
}

impl Agreement {
    /// Reads a record tolerantly: fields it lacks take their default values
    /// (the written schema keeps every field required; reading is lenient).
    pub fn from_json(mut value: Value) -> Result<Agreement, serde_json::Error> {
        let defaults = serde_json::to_value(Agreement::default())?;
        fill_missing(&mut value, &defaults);
        serde_json::from_value(value)
    }

    pub fn is_ok(&self) -> bool {
        self.status != Status::Error
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
        let v = serde_json::from_str(r#"{"status":"ok","document":{"path":"x.txt"}}"#)
            .expect("valid JSON");
        let a = Agreement::from_json(v).expect("fills the missing fields");
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
