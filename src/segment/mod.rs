//! Segmentation of cleaned text into sentences and numbered sections. Rules
//! match one sentence at a time, and a clause is reported as the sentence it
//! was found in, so sentence boundaries decide what a reviewer sees. Long
//! sentences (enumerations run together) are cut at semicolons so that no
//! clause grows past `MAX_SENTENCE` bytes. Defined terms live in `defined`.

pub mod defined;

use regex::Regex;
use std::sync::LazyLock;

/// Longest sentence kept whole; longer ones are cut at `;` / `:` or spaces.
pub const MAX_SENTENCE: usize = 1100;

/// A byte range of the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A numbered section and its heading, from its heading to the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub start: usize,
    /// "2.1 Grant of Licence", or just "2.1" when there is no heading.
    pub label: String,
}

#[derive(Debug, Clone, Default)]
pub struct Segments {
    pub sentences: Vec<Span>,
    pub sections: Vec<Section>,
}

impl Segments {
    /// Label of the section containing `offset`.
    pub fn section_at(&self, offset: usize) -> Option<&str> {
        let i = self.sections.partition_point(|s| s.start <= offset);
        (i > 0).then(|| self.sections[i - 1].label.as_str())
    }

    /// Index of the sentence containing `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.start <= offset);
        (i > 0 && offset < self.sentences[i - 1].end).then(|| i - 1)
    }
}

const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "l.l.c", "no", "nos", "sec", "secs", "art", "arts", "para",
    "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "st", "u.s", "u.s.a", "u.k", "s.a", "n.v", "b.v",
    "p.c", "l.p", "vs", "v", "cf", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sept", "sep", "oct", "nov", "dec", "ph.d", "fig", "ex", "exh", "sch", "pty", "plc", "gmbh",
    "ag", "s.p.a", "a.g", "dept", "est", "govt", "int'l", "assoc", "bros", "jr", "sr",
];

/// Is the word ending at `dot` (exclusive) one that a period does not end a sentence after?
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let bytes = text.as_bytes();
    let mut s = dot;
    while s > 0
        && (bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'.' || bytes[s - 1] == b'\'')
    {
        s -= 1;
    }
    let word = &text[s..dot];
    if word.is_empty() {
        return false;
    }
    // section numbers and list labels: "2." "2.1." "A." "iv."
    if word.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return true;
    }
    if word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic() {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    let lower = lower.trim_start_matches('.');
    ABBREVIATIONS.contains(&lower)
        || (lower.len() <= 4 && lower.chars().all(|c| "ivxl".contains(c)))
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Can a sentence start at this byte?
fn starts_sentence(b: u8) -> bool {
    b.is_ascii_uppercase()
        || b.is_ascii_digit()
        || b == b'('
        || b == b'"'
        || b == b'['
        || b == b'*'
        || b >= 0x80
}

/// Does the text before `at` end with punctuation that can close a clause?
fn ends_clause(bytes: &[u8], at: usize) -> bool {
    at > 0
        && matches!(
            bytes[at - 1],
            b'.' | b':' | b';' | b'!' | b'?' | b')' | b'"' | b'\''
        )
}

/// Is the word before `at` an all-capitals word (a heading like "RIGHTS GRANTED")?
fn after_heading_word(bytes: &[u8], at: usize) -> bool {
    let mut s = at;
    while s > 0 && bytes[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    at - s >= 2 && bytes[s..at].iter().all(|b| b.is_ascii_uppercase())
}

/// Splits cleaned text into sentences.
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    let mut start = 0;
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        let b = bytes[i];
        let mut cut_at = None; // end of the sentence (exclusive)
        let mut resume = i + 1;
        if matches!(b, b'.' | b'?' | b'!') {
            let mut j = i + 1;
            while j < n && matches!(bytes[j], b'"' | b')' | b'\'') {
                j += 1;
            }
            let mut k = j;
            while k < n && is_space(bytes[k]) {
                k += 1;
            }
            if k > j
                && (k == n || starts_sentence(bytes[k]))
                && (b != b'.' || !is_abbreviation(text, i))
            {
                cut_at = Some(j);
                resume = k;
            }
        } else if is_space(b) {
            // a paragraph gap: a blank line, or a run of 4+ spaces (tabular PDF text and CUAD's layout)
            let mut k = i;
            let mut newlines = 0;
            while k < n && is_space(bytes[k]) {
                newlines += (bytes[k] == b'\n') as usize;
                k += 1;
            }
            // A run of spaces inside a line ends a sentence only where one could end
            // anyway, or before a numbered item, or after an all-capitals heading:
            // "on      January 1, 2000" is one sentence with odd spacing.
            let spaces = k - i;
            let numbered_next = bytes
                .get(k)
                .is_some_and(|&b| b.is_ascii_digit() || b == b'(');
            let gap = newlines >= 2
                || (spaces >= 4 && (ends_clause(bytes, i) || numbered_next))
                || (spaces >= 3 && after_heading_word(bytes, i));
            if gap && k < n && k > start && starts_sentence(bytes[k]) {
                cut_at = Some(i);
                resume = k;
            } else {
                resume = k;
            }
        }
        if let Some(end) = cut_at {
            push_sentence(text, start, end, &mut out);
            start = resume;
        }
        i = resume;
    }
    push_sentence(text, start, n, &mut out);
    out
}

/// Trims a range and pushes it, cut into pieces of at most MAX_SENTENCE bytes.
fn push_sentence(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    while start < end && is_space(bytes[start]) {
        start += 1;
    }
    while end > start && is_space(bytes[end - 1]) {
        end -= 1;
    }
    while end - start > MAX_SENTENCE {
        let window = &text.as_bytes()[start..start + MAX_SENTENCE];
        // prefer the last "; " or ": " in the back half, then the last space
        let half = MAX_SENTENCE / 3;
        let cut = window[half..]
            .iter()
            .rposition(|&b| b == b';' || b == b':')
            .map(|p| half + p + 1)
            .or_else(|| {
                window[half..]
                    .iter()
                    .rposition(|&b| b == b' ')
                    .map(|p| half + p + 1)
            })
            .unwrap_or(MAX_SENTENCE);
        let mut cut = start + cut;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut e = cut;
        while e > start && is_space(bytes[e - 1]) {
            e -= 1;
        }
        if e > start {
            out.push(Span { start, end: e });
        }
        start = cut;
        while start < end && is_space(bytes[start]) {
            start += 1;
        }
    }
    if end > start {
        out.push(Span { start, end });
    }
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(ARTICLE\s+|Article\s+|SECTION\s+|Section\s+|Clause\s+|CLAUSE\s+)?([0-9]{1,2}(?:\.[0-9]{1,2}){0,3}|[IVXL]{1,6})(?:\.|\))?(?:\s+(?:[-:]\s*)?([A-Z][A-Za-z0-9,&'/\- ]{1,70}?)(?:\.|:|\s{2,}|$))?(?:\s|$)",
    )
    .expect("static regex")
});

/// Finds section headings at sentence starts.
pub fn sections(text: &str, sentences: &[Span]) -> Vec<Section> {
    let mut out = Vec::new();
    for s in sentences {
        let mut end = s.end.min(s.start + 120);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let line = &text[s.start..end];
        // HEADING is anchored and every way it can start begins with one of
        // these bytes; most sentences are turned away here without a search
        if !line
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b"ASCIVXL".contains(&b))
        {
            continue;
        }
        let Some(c) = HEADING.captures(line) else {
            continue;
        };
        let named = c.get(1).is_some(); // "Section 6.2", "ARTICLE V"
        let number = &c[2];
        let title = c.get(3).map_or("", |t| t.as_str().trim());
        // a heading's words are capitalised: "Grant of Licence", "TERM AND TERMINATION"
        let words: Vec<&str> = title.split_whitespace().collect();
        let capitalised = words
            .iter()
            .filter(|w| {
                w.chars()
                    .next()
                    .is_some_and(|ch| ch.is_uppercase() || !ch.is_alphabetic())
            })
            .count();
        let small = [
            "of", "and", "or", "the", "to", "for", "in", "on", "a", "an", "by", "with",
        ];
        let heading_like = !words.is_empty()
            && words.len() <= 8
            && words.iter().all(|w| {
                small.contains(w) || w.chars().next().is_some_and(|ch| !ch.is_lowercase())
            })
            && capitalised >= 1;
        let label = if heading_like {
            format!("{number} {title}")
        } else {
            number.to_string()
        };
        // a bare number counts when it is named ("Section 6") or dotted ("6.2")
        if !heading_like && !named && !number.contains('.') {
            continue;
        }
        out.push(Section {
            start: s.start,
            label,
        });
    }
    out
}

/// Sentences and sections of a cleaned text.
pub fn segment(text: &str) -> Segments {
    let sentences = sentences(text);
    let sections = sections(text, &sentences);
    Segments {
        sentences,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn period_then_capital_ends_a_sentence() {
        assert_eq!(
            texts("The term is one year. It renews."),
            vec!["The term is one year.", "It renews."]
        );
    }

    #[test]
    fn company_abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts("Acme Inc. and Beta Corp. agree. Done."),
            vec!["Acme Inc. and Beta Corp. agree.", "Done."]
        );
    }

    #[test]
    fn section_numbers_stay_with_their_heading() {
        let t = "as set out below.     2. LICENSED PRODUCTS.     (a) The Licensee may sell.";
        assert_eq!(
            texts(t),
            vec![
                "as set out below.",
                "2. LICENSED PRODUCTS.",
                "(a) The Licensee may sell."
            ]
        );
    }

    #[test]
    fn us_abbreviation_does_not_split() {
        assert_eq!(
            texts("sold in the U.S. and Canada only."),
            vec!["sold in the U.S. and Canada only."]
        );
    }

    #[test]
    fn spaces_inside_a_sentence_do_not_split_it() {
        let t = "The term commences on      January 1, 2000 and ends on      December 31, 2003.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn spaces_after_a_capitals_heading_split() {
        let t = "1. RIGHTS GRANTED   Licensor grants a licence.";
        assert_eq!(
            texts(t),
            vec!["1. RIGHTS GRANTED", "Licensor grants a licence."]
        );
    }

    #[test]
    fn blank_line_before_capital_splits() {
        assert_eq!(
            texts("TERM\n\nThe term is one year"),
            vec!["TERM", "The term is one year"]
        );
    }

    #[test]
    fn single_newline_inside_a_sentence_does_not_split() {
        assert_eq!(
            texts("shall pay five\npercent of Net Sales."),
            vec!["shall pay five\npercent of Net Sales."]
        );
    }

    #[test]
    fn long_sentence_is_cut_at_semicolons() {
        let part = "the Licensee shall keep records of all sales made in the Territory";
        let t = (0..40).map(|_| part).collect::<Vec<_>>().join("; ");
        let s = sentences(&t);
        assert!(s.len() > 1);
        assert!(s.iter().all(|x| x.end - x.start <= MAX_SENTENCE));
        assert!(s
            .iter()
            .all(|x| t.is_char_boundary(x.start) && t.is_char_boundary(x.end)));
    }

    #[test]
    fn multibyte_text_never_splits_inside_a_character() {
        let t = "é".repeat(3000);
        for s in sentences(&t) {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
        }
    }

    #[test]
    fn numbered_heading_becomes_a_section() {
        let t = "Preamble text here.\n\n2.1 Grant of Licence. The Licensor grants a licence.";
        let seg = segment(t);
        assert_eq!(seg.sections.len(), 1);
        assert_eq!(seg.sections[0].label, "2.1 Grant of Licence");
        let at = t.find("The Licensor").unwrap();
        assert_eq!(seg.section_at(at), Some("2.1 Grant of Licence"));
        assert_eq!(seg.section_at(0), None);
    }

    #[test]
    fn a_named_section_number_without_heading_starts_a_section() {
        let t = "Intro.\n\nSection 6.02 These obligations survive for five (5) years.";
        let seg = segment(t);
        assert_eq!(seg.sections.len(), 1);
        assert_eq!(seg.sections[0].label, "6.02");
    }

    #[test]
    fn article_heading_is_found() {
        let t = "ARTICLE V TERM AND TERMINATION\n\nThis Agreement runs for two years.";
        let seg = segment(t);
        assert_eq!(seg.sections[0].label, "V TERM AND TERMINATION");
    }

    #[test]
    fn heading_scan_window_never_splits_a_character() {
        let t = format!("Intro.\n\n2.1 Grant {}", "\u{00B7}".repeat(100));
        let _ = segment(&t);
    }

    #[test]
    fn a_sentence_starting_with_a_number_is_not_a_heading() {
        let t = "Intro.\n\n30 days after notice the licence ends.";
        assert!(segment(t).sections.is_empty());
    }
}
