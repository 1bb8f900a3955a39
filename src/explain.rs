//! `licscan explain`: why each clause was found and where each term came
//! from, for someone tuning a pattern pack. Renders one record as plain text:
//! per clause its rule, the trigger words present, the regex's captured
//! values and the sentence; then each terms field with the clauses that
//! support it.

use crate::record::Record;
use crate::rules::RuleSet;
use serde_json::Value;
use std::fmt::Write;

/// Renders the explanation of one record. `only_type` keeps clauses (and
/// terms sources) of one clause type.
pub fn explain(rec: &Record, rules: &RuleSet, only_type: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, {} pages, status {:?})",
        rec.document.path,
        rec.document.format.as_deref().unwrap_or("?"),
        rec.document.pages,
        rec.status
    );
    if let Some(e) = &rec.error {
        let _ = writeln!(out, "error {}: {}", e.kind, e.message);
        return out;
    }
    let keep = |t: &str| only_type.is_none_or(|o| o == t);
    let _ = writeln!(out, "\nclauses:");
    for (i, c) in rec
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| keep(&c.ctype))
    {
        let rule = rules.rules.iter().find(|r| r.id == c.rule);
        let triggers: Vec<&str> = rule
            .map(|r| r.triggers_present(&c.text))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "[{i}] {}/{}  bytes {}..{}  page {}  section {}",
            c.ctype,
            c.kind,
            c.start,
            c.end,
            c.page,
            c.section.as_deref().unwrap_or("-")
        );
        let _ = writeln!(
            out,
            "    rule {}{}",
            c.rule,
            rule.map(|r| format!(" ({}): {}", r.file, r.description))
                .unwrap_or_default()
        );
        let _ = writeln!(
            out,
            "    triggers present: {}",
            if triggers.is_empty() {
                "-".to_string()
            } else {
                triggers.join(", ")
            }
        );
        if !c.values.is_empty() {
            let vals: Vec<String> = c.values.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let _ = writeln!(out, "    values: {}", vals.join("  "));
        }
        let text: String = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown: String = text.chars().take(300).collect();
        let _ = writeln!(
            out,
            "    text: {}{}",
            shown,
            if text.chars().count() > 300 {
                " ..."
            } else {
                ""
            }
        );
    }
    let _ = writeln!(out, "\nterms:");
    let terms = serde_json::to_value(&rec.terms).unwrap_or(Value::Null);
    if let Value::Object(families) = &terms {
        for (family, v) in families.iter().filter(|(k, _)| k.as_str() != "sources") {
            let fields: Vec<(String, &Value)> = match v {
                Value::Object(m) => m
                    .iter()
                    .map(|(k, v)| (format!("{family}.{k}"), v))
                    .collect(),
                other => vec![(family.clone(), other)],
            };
            for (path, value) in fields {
                if value.is_null() || value.as_array().is_some_and(|a| a.is_empty()) {
                    continue;
                }
                let sources = rec.terms.sources.get(&path).cloned().unwrap_or_default();
                let sources: Vec<usize> = sources
                    .into_iter()
                    .filter(|&i| rec.clauses.get(i).is_some_and(|c| keep(&c.ctype)))
                    .collect();
                if only_type.is_some_and(|t| !path.starts_with(t)) && sources.is_empty() {
                    continue;
                }
                let list = |ids: &[usize]| {
                    ids.iter()
                        .map(|i| format!("[{i}]"))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                // a field without its own citation was derived from its family's clauses
                let family_ids: Vec<usize> = rec
                    .terms
                    .sources
                    .iter()
                    .filter(|(k, _)| k.split('.').next() == Some(family.as_str()))
                    .flat_map(|(_, ids)| ids.iter().copied())
                    .collect();
                let from = if !sources.is_empty() {
                    list(&sources)
                } else if !family_ids.is_empty() {
                    format!("{} (the {family} clauses)", list(&family_ids))
                } else {
                    "(no clause: a default or a defined term)".to_string()
                };
                let _ = writeln!(out, "  {path} = {value}   from {from}");
            }
        }
    }
    out
}
