//! Segmentation of cleaned text into sentences and numbered sections. Rules
//! match one sentence at a time, and a clause is reported as the sentence it
//! was found in, so sentence boundaries decide what a reviewer sees. Text laid
//! out like a printed page (wide gaps for line breaks, capitals, page numbers
//! and footers between pages) is read as running text: a sentence goes on
//! across a line or a page unless the layout shows a heading or an item label.
//! Long sentences (enumerations run together) are cut at semicolons so that no
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

/// Is the word ending at `dot` (exclusive) one that a period does not end a
/// sentence after? `from` is where the current sentence started.
fn is_abbreviation(text: &str, from: usize, dot: usize) -> bool {
    let bytes = text.as_bytes();
    let mut s = dot;
    while s > from
        && (bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'.' || bytes[s - 1] == b'\'')
    {
        s -= 1;
    }
    let word = &text[s..dot];
    if word.is_empty() {
        return false;
    }
    // section numbers and list labels: "2." "2.1." "A." "iv." ; but a number
    // inside a sentence is an amount, a year or a reference ("in 2010.",
    // "under Section 4.2.") and its period ends the sentence
    if word.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return label_position(bytes, from, s) || before_capitals_word(bytes, dot + 1);
    }
    let lower = word.to_ascii_lowercase();
    let lower = lower.trim_start_matches('.');
    let roman = lower.len() <= 4 && lower.chars().all(|c| "ivxl".contains(c));
    if word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic() || roman {
        // "Exhibit B." and "Party A." end a sentence; "John A. Smith" does not
        let (ws, we) = word_before(bytes, s);
        return !(ws >= from
            && we > ws
            && is_reference_word(&bytes[ws..we])
            && !label_position(bytes, from, ws));
    }
    ABBREVIATIONS.contains(&lower)
}

/// Does a lower-case item label ("b. ", "iv) ") start at `k`? At a line start
/// after a finished clause it opens a new item.
fn lowercase_label_at(bytes: &[u8], k: usize) -> bool {
    let rest = &bytes[k..bytes.len().min(k + 6)];
    let letters = rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let label = &rest[..letters];
    (letters == 1 || (letters <= 4 && label.iter().all(|b| b"ivxl".contains(b))))
        && matches!(rest.get(letters), Some(b'.' | b')'))
        && rest
            .get(letters + 1)
            .is_some_and(|&b| b == b' ' || b == b'\t')
}

/// Does an all-capitals word (a heading: "8. NOTICES") follow the spaces at `at`?
fn before_capitals_word(bytes: &[u8], at: usize) -> bool {
    let mut k = at;
    while k < bytes.len() && is_space(bytes[k]) {
        k += 1;
    }
    let e = k + bytes[k..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    e - k >= 2 && bytes[k..e].iter().all(u8::is_ascii_uppercase)
}

/// Does a word at `at` stand where an item label stands: at the start of the
/// sentence or of a line (a line break or a wide gap, not after a comma), after
/// a colon or semicolon, or after "Section" / "ARTICLE" that itself stands
/// there ("Section 2. Grant")?
fn label_position(bytes: &[u8], from: usize, mut at: usize) -> bool {
    // at most one step back over "Section": "Section Section 2." is no heading
    for step in 0..2 {
        let mut p = at;
        let mut newline = false;
        while p > from && is_space(bytes[p - 1]) {
            newline |= bytes[p - 1] == b'\n';
            p -= 1;
        }
        if p <= from || matches!(bytes[p - 1], b':' | b';') {
            return true;
        }
        let (ws, we) = word_before(bytes, at);
        let word = &bytes[ws.max(from)..we];
        if we == p && !word.is_empty() && is_reference_word(word) && step == 0 {
            at = ws;
            continue;
        }
        return (newline || at - p >= 3)
            && bytes[p - 1] != b','
            && !(we == p && is_connective(word));
    }
    false
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

/// Does the text before `at` end a list item: a clause's punctuation, or a
/// semicolon and "and" / "or" ("...; or")?
fn ends_item(bytes: &[u8], at: usize) -> bool {
    if ends_clause(bytes, at) {
        return true;
    }
    let (s, e) = word_before(bytes, at);
    e == at
        && is_one_of(&bytes[s..e], &["and", "or"])
        && bytes[..s].trim_ascii_end().last() == Some(&b';')
}

/// Words a heading never ends with and a running sentence is never continued
/// by at a heading's end: "LIABLE TO", "FOR", "SHALL", "HEREUNDER".
#[rustfmt::skip]
const CONNECTIVES: &[&str] = &[
    "a", "an", "the", "of", "to", "for", "and", "or", "nor", "in", "on", "at", "by", "with",
    "from", "as", "be", "is", "are", "was", "were", "been", "being", "has", "have", "shall",
    "will", "may", "must", "would", "should", "could", "can", "not", "any", "all", "such", "that",
    "this", "these", "those", "which", "who", "whether", "if", "than", "under", "upon", "into",
    "its", "their", "no", "each", "either", "neither", "every", "hereunder", "herein",
    "hereof", "thereof", "thereunder", "therein", "including", "without", "per",
];

fn is_connective(word: &[u8]) -> bool {
    is_one_of(word, CONNECTIVES)
}

/// Does the text from `from` to a gap at `at` read as a capitals heading
/// ("1. RIGHTS GRANTED", "LIMITATION OF LIABILITY") rather than one line of a
/// sentence set in capitals, and does the text after the gap (at `next`) not
/// continue it? A heading is short, has no comma, and neither ends with nor
/// is followed by a connective word.
fn heading_before_gap(bytes: &[u8], from: usize, at: usize, next: usize) -> bool {
    let mut s = at;
    while s > from && bytes[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    let last = &bytes[s..at];
    if last.len() < 2 || !last.iter().all(|b| b.is_ascii_uppercase()) || is_connective(last) {
        return false;
    }
    let mut e = next;
    while e < bytes.len() && e - next < 12 && bytes[e].is_ascii_alphabetic() {
        e += 1;
    }
    if is_connective(&bytes[next..e]) || is_one_of(&bytes[next..e], PARTICIPLES) {
        return false;
    }
    // at most 8 words back to the line start (or the sentence start), no comma;
    // a longer heading when a numbered item follows ("10. DUTIES ... 10.1 Each")
    let most = if enumerator_at(bytes, at, next) {
        16
    } else {
        8
    };
    let mut words = 1;
    let mut j = s;
    while j > from {
        let b = bytes[j - 1];
        if b == b'\n' {
            break;
        }
        if b == b',' {
            return false;
        }
        if is_space(b) && j < s && !is_space(bytes[j]) {
            words += 1;
            if words > most {
                return false;
            }
        }
        j -= 1;
    }
    // "EXCEPT FOR LIABILITY      ARISING ..." opens a sentence, not a heading
    let first = bytes[j..s]
        .split(|b| !b.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or(last);
    !is_one_of(first, OPENERS)
}

/// Words a sentence, never a heading, opens with.
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "except", "notwithstanding", "subject", "provided", "unless", "if", "in", "no", "neither",
    "nothing", "any", "each", "either", "such", "without", "upon", "whether", "where", "when",
    "all", "under",
];

/// Words that go on with a sentence after a line break ("... LIABILITY ARISING").
#[rustfmt::skip]
const PARTICIPLES: &[&str] = &["arising", "resulting", "relating", "caused", "incurred", "suffered"];

fn is_one_of(word: &[u8], list: &[&str]) -> bool {
    word.len() <= 16 && list.iter().any(|c| c.as_bytes().eq_ignore_ascii_case(word))
}

/// Does an item label start at `k` ("(a)", "(iv)", "(12)", "2.", "3.1", "4)")
/// after a gap that starts at `gap`? A count in brackets after a number word
/// ("thirty      (30) days") and a bare quantity ("of      30 days",
/// "2.5 percent") continue the sentence instead.
fn enumerator_at(bytes: &[u8], gap: usize, k: usize) -> bool {
    let rest = &bytes[k..bytes.len().min(k + 12)];
    match rest.first() {
        Some(b'(') => {
            let inner = rest[1..]
                .iter()
                .position(|&b| b == b')')
                .map(|p| &rest[1..1 + p]);
            let Some(inner) = inner else { return false };
            let digits =
                !inner.is_empty() && inner.len() <= 2 && inner.iter().all(u8::is_ascii_digit);
            let letter = inner.len() == 1 && inner[0].is_ascii_alphabetic();
            let roman = !inner.is_empty()
                && inner.len() <= 5
                && inner.iter().all(|b| b"ivxlIVXL".contains(b));
            (letter || roman) || (digits && !after_number_word(bytes, gap))
        }
        Some(b)
            if b.is_ascii_digit() && {
                let (s, e) = word_before(bytes, gap);
                !is_reference_word(&bytes[s..e])
            } =>
        {
            // "2." "3.1" "4)" followed by a space and a capital or a bracket
            let mut j = 0;
            let mut dotted = false;
            while j < rest.len() && (rest[j].is_ascii_digit() || rest[j] == b'.') {
                dotted |= rest[j] == b'.';
                j += 1;
            }
            if j < rest.len() && rest[j] == b')' {
                dotted = true;
                j += 1;
            }
            let mut m = j;
            while m < rest.len() && rest[m] == b' ' {
                m += 1;
            }
            dotted
                && j < 8
                && m > j
                && rest
                    .get(m)
                    .is_some_and(|&b| b.is_ascii_uppercase() || b == b'(')
        }
        _ => false,
    }
}

/// Does the word before `at` spell a number ("thirty", "Ninety", "five")?
fn after_number_word(bytes: &[u8], at: usize) -> bool {
    let mut s = at;
    while s > 0 && at - s < 20 && (bytes[s - 1].is_ascii_alphabetic() || bytes[s - 1] == b'-') {
        s -= 1;
    }
    let w = String::from_utf8_lossy(&bytes[s..at]).to_ascii_lowercase();
    const NUMBERS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "teen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety", "hundred", "thousand", "million",
    ];
    NUMBERS.iter().any(|n| w.ends_with(n))
}

/// Words that name a part of the agreement, so that a number or letter after
/// them is a reference ("Section 4.2", "Exhibit B", "Party A"), not a label.
#[rustfmt::skip]
const REFERENCES: &[&str] = &[
    "section", "sections", "article", "articles", "clause", "clauses", "paragraph",
    "paragraphs", "subsection", "exhibit", "exhibits", "schedule", "schedules", "appendix",
    "annex", "attachment", "addendum", "part", "party", "item", "rider", "table",
];

/// The word that ends at `at` (skipping spaces before `at`), as (start, end).
fn word_before(bytes: &[u8], at: usize) -> (usize, usize) {
    let mut e = at;
    while e > 0 && is_space(bytes[e - 1]) {
        e -= 1;
    }
    // words compared with the short lists above are short
    let mut s = e;
    while s > 0 && e - s < 16 && bytes[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    (s, e)
}

fn is_reference_word(word: &[u8]) -> bool {
    is_one_of(word, REFERENCES)
}

/// If page furniture starts at `k` (the start of a line), the end of it and
/// of the blank space after it; else `k`. Furniture is a line holding only a
/// page number ("7", "- 7 -", "Page 7", "Page 7 of 30"), a filing footer
/// ("Source: ...") or an EDGAR page marker ("<PAGE>"), followed by a line
/// break.
fn skip_page_furniture(bytes: &[u8], mut k: usize) -> usize {
    let n = bytes.len();
    for _ in 0..4 {
        let line_end = bytes[k..n.min(k + 160)]
            .iter()
            .position(|&b| b == b'\n')
            .map(|p| k + p);
        let Some(line_end) = line_end else { break };
        let line = bytes[k..line_end].trim_ascii();
        if !(is_page_number(line)
            || line.starts_with(b"Source: ")
            || line.eq_ignore_ascii_case(b"<PAGE>"))
        {
            break;
        }
        k = line_end;
        while k < n && is_space(bytes[k]) {
            k += 1;
        }
    }
    k
}

/// "7", "-7-", "- 7 -", "Page 7", "Page 7 of 30", "7 of 30", "5    6"
fn is_page_number(line: &[u8]) -> bool {
    if line.len() <= 12
        && line.iter().any(u8::is_ascii_digit)
        && line.iter().all(|&b| b.is_ascii_digit() || b == b' ')
        && line.split(|&b| b == b' ').all(|t| t.len() <= 3)
    {
        return true;
    }
    let mut rest = line;
    if rest.len() >= 5 && rest[..5].eq_ignore_ascii_case(b"page ") {
        rest = rest[5..].trim_ascii_start();
    }
    let rest = rest.trim_ascii_start();
    let rest = rest.strip_prefix(b"-").unwrap_or(rest).trim_ascii();
    let rest = rest.strip_suffix(b"-").unwrap_or(rest).trim_ascii();
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let tail = rest[digits..].trim_ascii();
    tail.is_empty()
        || (tail.len() >= 4
            && tail[..3].eq_ignore_ascii_case(b"of ")
            && tail[3..].trim_ascii().iter().all(u8::is_ascii_digit))
}

/// Where a page number that ends the last line of a page starts ("... AND ON
/// Page 54 of 85", "...; 4"), with the spaces before it; else `at`.
fn trailing_page_number(bytes: &[u8], from: usize, at: usize) -> usize {
    let mut s = at;
    let mut tokens = 0;
    // back over at most four tokens ("Page 7 of 30"), stopping at the line start
    while tokens < 4 && s > from {
        let mut t = s;
        while t > from && !is_space(bytes[t - 1]) {
            t -= 1;
        }
        if t == s || t == from {
            break;
        }
        let mut u = t;
        while u > from && bytes[u - 1] == b' ' {
            u -= 1;
        }
        tokens += 1;
        let line = &bytes[t..at];
        let page_word = line.len() > 5 && line[..5].eq_ignore_ascii_case(b"page ");
        if page_word && is_page_number(line) {
            return u;
        }
        // a bare number after the end of a clause: "... Company); 4"
        if tokens == 1
            && is_page_number(line)
            && u > from
            && matches!(bytes[u - 1], b'.' | b';' | b':')
        {
            return u;
        }
        s = u;
    }
    at
}

/// Does the sentence before a page break at `at` go on after it, at `next`?
/// It does when the next page starts in lower case, or when the last page
/// ended without a clause's punctuation, neither on a short heading line
/// nor before a numbered item.
fn continues_across_page(bytes: &[u8], from: usize, at: usize, next: usize) -> bool {
    if bytes[next].is_ascii_lowercase() {
        return true;
    }
    if at <= from || ends_clause(bytes, at) || enumerator_at(bytes, at, next) {
        return false;
    }
    // a heading: few words and no comma since the line (or sentence) start
    let mut words = 0;
    let mut j = at;
    while j > from && bytes[j - 1] != b'\n' {
        if bytes[j - 1] == b',' {
            return true;
        }
        if !is_space(bytes[j - 1]) && (j == at || is_space(bytes[j])) {
            words += 1;
            if words > 8 {
                return true;
            }
        }
        j -= 1;
    }
    false
}

/// Does the sentence before a blank line at `at` go on after it, at `next`?
/// Double-spaced PDF text puts a blank line after every line, so a line cut
/// off after a word or a comma, that is no heading, goes on, unless the next
/// line starts with an item label ("4.2 the", "(b)") or the last one ended an
/// item ("...; and").
fn continues_after_blank_line(bytes: &[u8], from: usize, at: usize, next: usize) -> bool {
    if next >= bytes.len()
        || at == 0
        || !(bytes[at - 1].is_ascii_alphabetic() || bytes[at - 1] == b',')
    {
        return false;
    }
    if ends_item(bytes, at) {
        return false;
    }
    let label = matches!(bytes[next], b'(' | b'[')
        || bytes[next].is_ascii_digit()
        || lowercase_label_at(bytes, next)
        || enumerator_at(bytes, at, next);
    !label && continues_across_page(bytes, from, at, next)
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
            if bytes[j..k].contains(&b'\n') {
                k = skip_page_furniture(bytes, k);
            }
            let line_start = bytes[j..k].contains(&b'\n');
            if k > j
                && (k == n
                    || starts_sentence(bytes[k])
                    || (line_start && lowercase_label_at(bytes, k)))
                && (b != b'.' || !is_abbreviation(text, start, i))
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
            // A page break: page numbers and running footers on lines of their own
            // (or ending the last line of a page) sit between the two halves of a
            // sentence or between two sentences
            let after_page = if newlines >= 1 {
                skip_page_furniture(bytes, k)
            } else {
                k
            };
            let before_page = if newlines >= 2 {
                trailing_page_number(bytes, start, i)
            } else {
                i
            };
            // several blank lines in a row are a page break too
            if after_page > k || before_page < i || newlines >= 4 {
                if after_page < n && !continues_across_page(bytes, start, before_page, after_page) {
                    if before_page > start {
                        cut_at = Some(before_page);
                    } else {
                        start = after_page;
                    }
                }
                resume = after_page;
            } else {
                // a blank line is a paragraph break unless the line before it
                // is cut off mid-sentence, as in double-spaced PDF text
                let gap = (newlines >= 2 && !continues_after_blank_line(bytes, start, i, k))
                    || (spaces >= 4 && (ends_clause(bytes, i) || enumerator_at(bytes, i, k)))
                    // PDF text sets each item on a line of its own: a line
                    // that ends a clause and a next line that opens with an
                    // item label
                    || (newlines == 1
                        && ends_clause(bytes, i)
                        && k < n
                        && (enumerator_at(bytes, i, k) || lowercase_label_at(bytes, k)))
                    || (spaces >= 3 && k < n && heading_before_gap(bytes, start, i, k));
                let opens = k < n
                    && (starts_sentence(bytes[k])
                        || (newlines >= 1
                            && ends_clause(bytes, i)
                            && lowercase_label_at(bytes, k)));
                // a lead-in ending in a colon stays with the item it introduces
                // ("may terminate if:" / "(a) the other party breaches"), as a
                // PDF sets each item on a line of its own
                let lead_in = i > 0
                    && bytes[i - 1] == b':'
                    && k < n
                    && (enumerator_at(bytes, i, k) || lowercase_label_at(bytes, k));
                if gap && k > start && opens && !lead_in {
                    cut_at = Some(i);
                }
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
    fn a_sentence_in_capitals_with_wide_gaps_stays_whole() {
        let t = "EXCEPT FOR CLAIMS UNDER SECTION 9, NEITHER PARTY WILL BE LIABLE TO      \
                 THE OTHER FOR LOST REVENUE OR INDIRECT LOSS, HOWEVER      \
                 ARISING, EVEN IF WARNED OF IT.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_short_line_in_capitals_ending_on_a_connective_does_not_split() {
        let t = "IN NO CASE SHALL THE VENDOR BE LIABLE FOR      CONSEQUENTIAL LOSS OF ANY KIND.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_short_capitals_line_that_opens_a_sentence_does_not_split() {
        let t = "SAVE AS NOTED, AND EXCEPT FOR LOSS      CAUSED BY FRAUD, NO PARTY PAYS DAMAGES.";
        assert_eq!(texts(t), vec![t]);
        let t = "EXCEPT FOR CLAIMS      ARISING FROM FRAUD, NO PARTY PAYS DAMAGES.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_lower_case_item_label_on_a_new_line_starts_a_sentence() {
        let t = "Each side pays its own costs.\n\n   c.   Notices. Notices are sent by post.";
        assert_eq!(
            texts(t),
            vec![
                "Each side pays its own costs.",
                "c.   Notices.",
                "Notices are sent by post."
            ]
        );
        let t = "Costs are shared, e.g. travel and meals.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_capitals_heading_before_capitals_text_splits() {
        let t = "9. LIMITS ON LIABILITY   EXCEPT AS STATED ABOVE, NO PARTY OWES DAMAGES.";
        assert_eq!(
            texts(t),
            vec![
                "9. LIMITS ON LIABILITY",
                "EXCEPT AS STATED ABOVE, NO PARTY OWES DAMAGES."
            ]
        );
    }

    #[test]
    fn a_long_capitals_heading_splits_before_a_numbered_item() {
        let t = "12. RIGHTS AND DUTIES OF THE PARTIES AS TO SUPPORT AND UPKEEP OF HARDWARE   \
                 12.1 Each party keeps its own hardware.";
        assert_eq!(
            texts(t),
            vec![
                "12. RIGHTS AND DUTIES OF THE PARTIES AS TO SUPPORT AND UPKEEP OF HARDWARE",
                "12.1 Each party keeps its own hardware."
            ]
        );
    }

    #[test]
    fn a_bracket_after_a_gap_splits_only_before_an_item_label() {
        let t = "The vendor owes no damages      (such as lost savings) under this deal.";
        assert_eq!(texts(t), vec![t]);
        let t = "The buyer shall      (a) pay the price and      (ii) take delivery.";
        assert_eq!(
            texts(t),
            vec![
                "The buyer shall",
                "(a) pay the price and",
                "(ii) take delivery."
            ]
        );
    }

    #[test]
    fn a_count_after_a_gap_continues_the_sentence() {
        let t = "If the fault lasts for a period of      45 days, the buyer may end the deal.";
        assert_eq!(texts(t), vec![t]);
        let t = "The buyer may end the deal on sixty      (60) days notice.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_year_or_section_number_before_a_period_ends_the_sentence() {
        assert_eq!(
            texts("The deal ends on May 1, 2031. The buyer may extend it."),
            vec!["The deal ends on May 1, 2031.", "The buyer may extend it."]
        );
        assert_eq!(
            texts("Fees are set out in Section 5.3. Either side may audit them."),
            vec![
                "Fees are set out in Section 5.3.",
                "Either side may audit them."
            ]
        );
    }

    #[test]
    fn a_numbered_label_after_section_starts_the_sentence() {
        assert_eq!(
            texts("Section 7. Secrecy. Each side keeps the other's data private."),
            vec![
                "Section 7. Secrecy.",
                "Each side keeps the other's data private."
            ]
        );
    }

    #[test]
    fn a_letter_after_schedule_ends_the_sentence_but_an_initial_does_not() {
        assert_eq!(
            texts("Prices are listed in Schedule C. They change yearly."),
            vec!["Prices are listed in Schedule C.", "They change yearly."]
        );
        let t = "The notice goes to Mary K. Lane at the head office.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_page_number_inside_a_sentence_is_skipped_over() {
        let t = "The term lasts for a period of\n\n   7\n\nthree years from delivery.";
        assert_eq!(texts(t), vec![t]);
        let t =
            "The dealer holds the stock (other than the Demo\n\n- 12 -\n\nUnits) at its own risk.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_page_number_between_sentences_belongs_to_neither() {
        let t = "Fees are due monthly.\n\nPage 3 of 9\n\nSource: A FILER, 10-K, 1/2/2003\n\nThe buyer keeps records.";
        assert_eq!(
            texts(t),
            vec!["Fees are due monthly.", "The buyer keeps records."]
        );
    }

    #[test]
    fn an_edgar_page_marker_inside_a_sentence_is_skipped_over() {
        let t = "Supplier hereby appoints Distributor as its\n\n                 2\n<PAGE>\n\n     exclusive distributor in the Territory.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_page_number_ending_a_line_does_not_split_the_sentence() {
        let t = "NO PARTY IS LIABLE FOR INDIRECT LOSS HOWEVER CAUSED AND ON Page 4 of 20\n\n\n\nANY THEORY OF LAW.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_colon_lead_in_stays_with_its_first_item() {
        let t = "Either side may end this deal if:\n\n(a) the other side breaks it; or\n\n(b) the other side goes bankrupt.";
        assert_eq!(
            texts(t),
            vec![
                "Either side may end this deal if:\n\n(a) the other side breaks it; or",
                "(b) the other side goes bankrupt."
            ]
        );
        let t = "The vendor may end the deal as follows:\n\n  ii) on notice of sixty days.";
        assert_eq!(texts(t), vec![t]);
    }

    #[test]
    fn a_blank_line_inside_a_sentence_of_double_spaced_text_does_not_split() {
        let t = "This deal is governed by and construed under the\n\nLaws of the State of Utah, without regard to its\n\nChoice of law rules.";
        assert_eq!(texts(t), vec![t]);
        let t = "The buyer may resell them; and\n\n4.2 the seller may buy them back.";
        assert_eq!(
            texts(t),
            vec![
                "The buyer may resell them; and",
                "4.2 the seller may buy them back."
            ]
        );
        let t = "Licensed Products\n\nThe buyer may resell them.";
        assert_eq!(
            texts(t),
            vec!["Licensed Products", "The buyer may resell them."]
        );
    }

    #[test]
    fn an_item_label_on_the_next_line_after_a_clause_end_starts_a_sentence() {
        let t = "Either side may end this deal when:\ni. the other side breaks it;\nii. the other side goes bankrupt.\n(c) It is sold.";
        assert_eq!(
            texts(t),
            vec![
                "Either side may end this deal when:\ni. the other side breaks it;",
                "ii. the other side goes bankrupt.",
                "(c) It is sold."
            ]
        );
        let t = "The fee is due on signing;\nit is not refundable.";
        assert_eq!(texts(t), vec![t]);
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
