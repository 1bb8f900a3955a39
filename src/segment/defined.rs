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
    Regex::new(r#""([A-Z][A-Za-z0-9 \-/&'.]{0,60}?)"\s*(?:\([^)]{0,40}\)\s*)?(?:,\s*)?(?:shall\s+|will\s+)?(?:mean|means|refers?\s+to|is\s+defined\s+as|shall\s+have\s+the\s+meaning|has\s+the\s+meaning|includes|shall\s+include|:)\s*"#)
        .expect("static regex")
});

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
        defs.by_key
            .entry(term.as_str().to_ascii_lowercase())
            .or_insert(Definition {
                term: term.as_str().to_string(),
                span: Span {
                    start: all.end(),
                    end,
                },
            });
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
    fn undefined_term_is_none() {
        assert_eq!(def("The Territory is large.", "territory"), None);
    }
}
