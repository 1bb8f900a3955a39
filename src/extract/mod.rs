//! Extraction: rule hits become clauses, and clauses become the normalised
//! terms of the agreement. Each clause is the sentence a rule fired in, with
//! offsets mapped back to the original text; each clause family then has its
//! own module that summarises its clauses into `record.terms`, noting which
//! clauses support which field in `terms.sources`.

mod field;
mod grant;
mod improvements;
mod law;
mod liability;
mod royalty;
mod term;
mod termination;
mod territory;
pub mod values;

use crate::ingest::Document;
use crate::record::{Clause, Terms};
use crate::rules::RuleSet;
use crate::segment::{self, defined, Segments, Span};
use serde_json::{Map, Value};

/// What the summarisers see: the document, its segmentation and definitions,
/// and the clauses with their spans in the cleaned text.
pub struct Context<'a> {
    pub doc: &'a Document,
    /// The cleaned text that rules ran on.
    pub text: &'a str,
    pub seg: &'a Segments,
    pub defs: &'a defined::Definitions,
    pub clauses: &'a [Clause],
    /// Span of each clause in the cleaned text (same order as `clauses`).
    pub spans: &'a [Span],
}

impl<'a> Context<'a> {
    /// Indexes of clauses of a type (and, if given, one of the kinds).
    pub fn find(&self, ctype: &str, kinds: &[&str]) -> Vec<usize> {
        (0..self.clauses.len())
            .filter(|&i| {
                self.clauses[i].ctype == ctype
                    && (kinds.is_empty() || kinds.contains(&self.clauses[i].kind.as_str()))
            })
            .collect()
    }

    /// The cleaned text of a clause.
    pub fn clean_text(&self, i: usize) -> &'a str {
        let s = self.spans[i];
        &self.text[s.start..s.end]
    }

    /// A captured value of a clause.
    pub fn value(&self, i: usize, name: &str) -> Option<&'a Value> {
        self.clauses[i].values.get(name)
    }

    /// First clause among `ids` having a numeric value `name`.
    pub fn first_number(&self, ids: &[usize], name: &str) -> Option<(usize, f64)> {
        ids.iter()
            .find_map(|&i| self.value(i, name).and_then(Value::as_f64).map(|v| (i, v)))
    }

    /// The definition of a defined term, as cleaned text.
    pub fn definition(&self, term: &str) -> Option<&'a str> {
        self.defs
            .get(term)
            .map(|d| &self.text[d.span.start..d.span.end])
    }
}

/// Records that `field` is supported by clauses `ids`.
pub fn cite(terms: &mut Terms, field: &str, ids: impl IntoIterator<Item = usize>) {
    let e = terms.sources.entry(field.to_string()).or_default();
    for i in ids {
        if !e.contains(&i) {
            e.push(i);
        }
    }
}

/// The text of a byte range, widened to whole characters (rules match
/// bytes, so a capture may end inside a multi-byte character).
fn widen_to_chars(text: &str, range: std::ops::Range<usize>) -> &str {
    let (mut s, mut e) = (range.start.min(text.len()), range.end.min(text.len()));
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    &text[s..e]
}

/// Finds the clauses of a document and summarises its terms.
pub fn extract(doc: &Document, rules: &RuleSet) -> (Vec<Clause>, Terms) {
    let text = doc.clean.text.as_str();
    let seg = segment::segment(text);
    let defs = defined::find(text, &seg);
    let hits = rules.scan(text, &seg.sentences);

    // one clause per (sentence, type, kind); the first rule names it, values merge
    let mut clauses: Vec<Clause> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut keys: Vec<(usize, usize)> = Vec::new(); // (sentence, rule) of the clause's first hit
    for h in &hits {
        let rule = &rules.rules[h.rule];
        let mut vals = Map::new();
        for (name, range) in &h.captures {
            if let Some(v) = values::normalise(name, widen_to_chars(text, range.clone())) {
                vals.insert(name.clone(), v);
            }
        }
        for (k, v) in &rule.set {
            vals.entry(k.clone()).or_insert_with(|| v.clone());
        }
        let existing = (0..clauses.len())
            .rev()
            .take_while(|&i| keys[i].0 == h.sentence)
            .find(|&i| clauses[i].ctype == rule.ctype && clauses[i].kind == rule.kind);
        if let Some(i) = existing {
            for (k, v) in vals {
                clauses[i].values.entry(k).or_insert(v);
            }
            continue;
        }
        let span = seg.sentences[h.sentence];
        let raw_start = doc.clean.to_raw(span.start);
        let raw_end = doc.clean.to_raw(span.end);
        clauses.push(Clause {
            ctype: rule.ctype.clone(),
            kind: rule.kind.clone(),
            start: doc.base_offset + raw_start,
            end: doc.base_offset + raw_end,
            page: doc.page_of(raw_start),
            section: seg.section_at(span.start).map(str::to_string),
            text: doc
                .text
                .get(raw_start..raw_end)
                .unwrap_or_default()
                .to_string(),
            rule: rule.id.clone(),
            values: vals,
        });
        spans.push(span);
        keys.push((h.sentence, h.rule));
    }

    let mut terms = Terms::default();
    let ctx = Context {
        doc,
        text,
        seg: &seg,
        defs: &defs,
        clauses: &clauses,
        spans: &spans,
    };
    term::summarise(&ctx, &mut terms);
    territory::summarise(&ctx, &mut terms);
    field::summarise(&ctx, &mut terms);
    grant::summarise(&ctx, &mut terms);
    royalty::summarise(&ctx, &mut terms);
    improvements::summarise(&ctx, &mut terms);
    termination::summarise(&ctx, &mut terms);
    law::summarise(&ctx, &mut terms);
    liability::summarise(&ctx, &mut terms);
    (clauses, terms)
}

/// For summariser tests: the terms of `text` found with the named shipped
/// packs only (file names in `patterns/`).
#[cfg(test)]
pub(crate) fn terms_with_packs(pack_files: &[&str], text: &str) -> Terms {
    let packs: Vec<(String, String)> = crate::rules::DEFAULT_PACKS
        .iter()
        .filter(|(file, _)| pack_files.contains(file))
        .map(|(file, pack)| (file.to_string(), pack.to_string()))
        .collect();
    assert_eq!(
        packs.len(),
        pack_files.len(),
        "unknown pack in {pack_files:?}"
    );
    let rules = RuleSet::compile(&packs).expect("packs compile");
    let doc = crate::ingest::from_text(Default::default(), text.into(), 0);
    extract(&doc, &rules).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_ending_inside_a_character_is_widened() {
        let t = "fee \u{20AC}500";
        assert_eq!(widen_to_chars(t, 4..5), "\u{20AC}");
        assert_eq!(widen_to_chars(t, 0..100), t);
    }
}
