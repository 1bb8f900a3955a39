//! Defined terms the agreement itself defines: `"Territory" means ...`,
//! `"Field" shall mean ...` and parenthetical ones (`in Canada (the
//! "Territory")`). Extraction uses them to read "in the Territory within the
//! Field" as the defined values. Keys are lower-cased, first definition wins
//! (a `means` definition beats a parenthetical one).

use super::{Segments, Span};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One defined term and the span of text that defines it.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub term: String,
    /// The defining text (after "means", or before a parenthetical).
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Definitions {
    by_key: HashMap<String, Definition>,
}

impl Definitions {
    /// Looks a term up, case-insensitively ("territory", "Licensed Field").
    pub fn get(&self, term: &str) -> Option<&Definition> {
        self.by_key.get(&term.to_ascii_lowercase())
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

static MEANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""([A-Z][A-Za-z0-9 \-/&'.]{0,60}?)"((?:\s*(?:,|or|and|and/or)\s*"[A-Z][A-Za-z0-9 \-/&'.]{0,60}?")*)\s*(?:\([^)]{0,40}\)\s*)?(?:,\s*)?(?:shall\s+|will\s+)?(?:means|mean|refers?\s+to|(?:is|are|shall\s+be)\s+defined\s+as|shall\s+have\s+the\s+meaning|has\s+the\s+meaning|includes|shall\s+include|:)\s*"#)
        .expect("static regex")
});

/// Another quoted name of the same definition: `"PRC" or "Territory" means`.
static ALIAS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#""([^"]+)""#).expect("static regex"));

/// A heading that defines a licence term: `7. TERRITORY: Canada`,
/// `Field of Use: veterinary`. Only these terms, whose headings in term
/// sheets and schedules are definitions.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:^|[\n.:;]\s*|\s\d{1,2}(?:\.\d{1,2})*\.?\s+)((?:Licensed\s+|LICENSED\s+)?(?:Territory|TERRITORY|Field\s+of\s+Use|FIELD\s+OF\s+USE))[ \t]*:[ \t]*"#)
        .expect("static regex")
});

/// The next numbered heading ("8. RESERVED RIGHTS") ends a label's text.
static NEXT_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s\d{1,2}\.\s+[A-Z][A-Z]").expect("static regex"));

static PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\((?:(?:the|each|collectively|together|individually|hereinafter|referred|to|as|a|an|such|herein|called|,)\s*)*"([A-Z][A-Za-z0-9 \-/&'.]{0,60}?)"\s*\)"#)
        .expect("static regex")
});

/// How far back a parenthetical definition reaches for its meaning.
const PAREN_REACH: usize = 300;

/// Finds the definitions in a cleaned text.
pub fn find(text: &str, seg: &Segments) -> Definitions {
    let mut defs = Definitions::default();
    for m in MEANS.captures_iter(text) {
        let (Some(all), Some(term)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let Some(si) = seg.sentence_at(all.end().min(text.len().saturating_sub(1))) else {
            continue;
        };
        let mut end = seg.sentences[si].end;
        // a definition that runs on (list of countries) continues into the next sentence pieces
        // only when cut for length; keep the sentence
        if end <= all.end() {
            end = (all.end() + 200).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
        }
        let span = Span {
            start: all.end(),
            end,
        };
        let aliases = m.get(2).map_or("", |a| a.as_str());
        let names = std::iter::once(term.as_str()).chain(
            ALIAS
                .captures_iter(aliases)
                .filter_map(|c| c.get(1))
                .map(|c| c.as_str()),
        );
        for name in names {
            defs.by_key
                .entry(name.to_ascii_lowercase())
                .or_insert(Definition {
                    term: name.to_string(),
                    span,
                });
        }
    }
    for m in PAREN.captures_iter(text) {
        let (Some(all), Some(term)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let sentence_start = seg
            .sentence_at(all.start())
            .map_or(0, |i| seg.sentences[i].start);
        let mut start = all.start().saturating_sub(PAREN_REACH).max(sentence_start);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        defs.by_key
            .entry(term.as_str().to_ascii_lowercase())
            .or_insert(Definition {
                term: term.as_str().to_string(),
                span: Span {
                    start,
                    end: all.start(),
                },
            });
    }
    for m in LABEL.captures_iter(text) {
        let (Some(all), Some(term)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let Some(si) = seg.sentence_at(all.end().min(text.len().saturating_sub(1))) else {
            continue;
        };
        let start = all.end() + (text[all.end()..].len() - text[all.end()..].trim_start().len());
        let mut end = seg.sentences[si].end.max(start);
        if let Some(h) = NEXT_HEADING.find(&text[start..end]) {
            end = start + h.start();
        }
        if let Some(nl) = text[start..end].find('\n') {
            end = start + nl; // one row of a schedule or term sheet
        }
        let name = term
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        defs.by_key
            .entry(name.to_ascii_lowercase())
            .or_insert(Definition {
                term: name,
                span: Span { start, end },
            });
    }
    defs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn def<'a>(text: &'a str, term: &str) -> Option<&'a str> {
        let seg = segment(text);
        let d = find(text, &seg);
        d.get(term).map(|d| &text[d.span.start..d.span.end])
    }

    #[test]
    fn means_definition_is_found() {
        let t =
            r#"1.4 "Territory" means the United States and Canada. 1.5 "Field" means oncology."#;
        assert_eq!(def(t, "territory"), Some("the United States and Canada."));
        assert_eq!(def(t, "Field"), Some("oncology."));
    }

    #[test]
    fn shall_mean_definition_is_found() {
        let t = r#""Licensed Products" shall mean any product covered by a Valid Claim."#;
        assert_eq!(
            def(t, "licensed products"),
            Some("any product covered by a Valid Claim.")
        );
    }

    #[test]
    fn parenthetical_definition_takes_the_preceding_words() {
        let t =
            r#"Licensor grants a right to distribute in Canada (the "Territory") all programs."#;
        assert_eq!(
            def(t, "Territory"),
            Some("Licensor grants a right to distribute in Canada ")
        );
    }

    #[test]
    fn means_beats_a_later_parenthetical() {
        let t = r#""Territory" means Japan. The Licensee may sell in Japan and Korea (the "Territory")."#;
        assert_eq!(def(t, "territory"), Some("Japan."));
    }

    #[test]
    fn every_quoted_name_of_a_definition_is_defined() {
        let t = r#"1.9 "EU" or "Territory" means the member states of the European Union."#;
        assert_eq!(
            def(t, "territory"),
            Some("the member states of the European Union.")
        );
        assert_eq!(
            def(t, "EU"),
            Some("the member states of the European Union.")
        );
    }

    #[test]
    fn shall_be_defined_as_is_a_definition() {
        let t = r#""Territory" shall be defined as the Kingdom of Spain. 2. GRANT"#;
        assert_eq!(def(t, "territory"), Some("the Kingdom of Spain."));
    }

    #[test]
    fn a_numbered_heading_with_a_colon_defines_the_territory() {
        let t = "6. PRICE: list price. 7. TERRITORY: Chile and Peru 8. NOTICES: by email.";
        assert_eq!(def(t, "territory"), Some("Chile and Peru"));
    }

    #[test]
    fn a_colon_label_in_a_term_sheet_defines_the_field() {
        let t = "Products: pumps\nField of Use: dairy farming\nTerm: two years";
        assert_eq!(def(t, "field of use"), Some("dairy farming"));
    }

    #[test]
    fn undefined_term_is_none() {
        assert_eq!(def("The Territory is large.", "territory"), None);
    }
}
