//! Text clean-up before matching, with an exact map back to the original.
//! Patterns are written for plain ASCII punctuation and spacing, but the
//! offsets a record reports must point into the text the user has, so every
//! edit made here is remembered as a checkpoint and `to_raw` undoes it.

/// A text with every run of whitespace read as one space, and the way back
/// to the text's own offsets. Trigger phrases and place names ("effective
/// date", "West Virginia") are split by line breaks and the padding of
/// laid-out text; matched on the squeezed copy, they are found where a
/// reader (and a rule's `\s+`) finds them. Memory grows with the number of
/// whitespace runs, not with the text.
#[derive(Debug, Clone, Default)]
pub struct Squeezed {
    pub text: String,
    /// (squeezed offset, bytes to add from there on), ascending.
    shifts: Vec<(usize, usize)>,
}

impl Squeezed {
    pub fn new(s: &str) -> Squeezed {
        let bytes = s.as_bytes();
        let mut text = String::with_capacity(s.len());
        let mut shifts = Vec::new();
        let mut copied = 0; // s[copied..i] is waiting to be copied as it is
        let mut i = 0;
        while i < bytes.len() {
            let len = whitespace_len(s, i);
            if len == 0 {
                i += 1;
                continue;
            }
            // a whitespace run from i: one space in its place
            text.push_str(&s[copied..i]);
            let mut end = i + len;
            loop {
                let more = whitespace_len(s, end);
                if more == 0 {
                    break;
                }
                end += more;
            }
            text.push(' ');
            if end - i != 1 {
                shifts.push((text.len(), end - text.len()));
            }
            copied = end;
            i = end;
        }
        text.push_str(&s[copied..]);
        Squeezed { text, shifts }
    }

    /// Offset in the original text of the squeezed byte at `at`.
    fn original(&self, at: usize) -> usize {
        let i = self.shifts.partition_point(|&(from, _)| from <= at);
        at + if i == 0 { 0 } else { self.shifts[i - 1].1 }
    }

    /// Original byte range of the squeezed range `start..end` (not empty):
    /// from its first byte to just after its last.
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.original(start)..self.original(end - 1) + 1
    }
}

/// Length in bytes of the whitespace character at byte `i` of `s` (a
/// character boundary or not), or 0.
fn whitespace_len(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        None => 0,
        Some(b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') => 1,
        Some(&b) if b < 0x80 => 0,
        Some(_) => match s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        },
    }
}

/// Cleaned text plus the checkpoints that map its offsets back.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    /// (clean offset, raw offset) after each edit, ascending in both.
    checkpoints: Vec<(usize, usize)>,
}

impl Cleaned {
    /// Maps a byte offset in the cleaned text to the raw text.
    pub fn to_raw(&self, clean: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(c, _)| c <= clean);
        match i {
            0 => clean,
            _ => {
                let (c, r) = self.checkpoints[i - 1];
                r + (clean - c)
            }
        }
    }
}

/// What one raw character becomes, or `None` to keep it.
fn replacement(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        // Unicode's own line and paragraph breaks, which some producers emit
        '\u{2028}' | '\u{2029}' => "\n",
        // typographic ligatures: the letters they stand for
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        '\u{2032}' => "'",
        '\u{2033}' => "\"",
        '\u{00AD}' => "-",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}' => "",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => "\"",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => "'",
        // Greek question mark: some PDF producers emit it for a semicolon
        '\u{037E}' => ";",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => "-",
        _ => return None,
    })
}

/// Cleans `raw`: unusual spaces become spaces, Unicode line separators line
/// breaks, ligatures their letters, soft hyphens "-", zero-width characters
/// go, curly quotes and dashes become ASCII, and a word broken at a hyphen
/// across a line end ("non-\n exclusive", "Know-\nHow") keeps the hyphen but
/// loses the break.
pub fn clean(raw: &str) -> Cleaned {
    let mut out = Cleaned {
        text: String::with_capacity(raw.len()),
        checkpoints: Vec::new(),
    };
    let bytes = raw.as_bytes();
    let mut i = 0;
    let mut plain_from = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'-' && i > 0 && bytes[i - 1].is_ascii_alphabetic() {
            if let Some(j) = hyphen_break_end(bytes, i) {
                out.text.push_str(&raw[plain_from..=i]);
                out.checkpoints.push((out.text.len(), j));
                i = j;
                plain_from = j;
                continue;
            }
            i += 1;
            continue;
        }
        if b < 0x80 {
            i += 1;
            continue;
        }
        // multi-byte character: decode it at this boundary
        let ch = match raw[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = ch.len_utf8();
        if let Some(rep) = replacement(ch) {
            out.text.push_str(&raw[plain_from..i]);
            out.text.push_str(rep);
            out.checkpoints.push((out.text.len(), i + len));
            plain_from = i + len;
        }
        i += len;
    }
    out.text.push_str(&raw[plain_from..]);
    out
}

/// Skips spaces, tabs and no-break spaces (as PDF text indents lines) from `j`.
fn skip_blanks(bytes: &[u8], mut j: usize) -> usize {
    loop {
        match bytes.get(j) {
            Some(b' ' | b'\t') => j += 1,
            Some(0xC2) if bytes.get(j + 1) == Some(&0xA0) => j += 2,
            _ => return j,
        }
    }
}

/// Skips one line break (`\n` or `\r\n`) and the blanks around it, if `j`
/// starts one.
fn skip_line_break(bytes: &[u8], j: usize) -> Option<usize> {
    let mut j = skip_blanks(bytes, j);
    if bytes.get(j) == Some(&b'\r') {
        j += 1;
    }
    (bytes.get(j) == Some(&b'\n')).then(|| skip_blanks(bytes, j + 1))
}

/// If the hyphen at `at` ends a line and a word goes on after the break,
/// where that word starts. The word goes on when the next line starts with a
/// lower-case letter (also after one blank line, as double-spaced text puts
/// it), or with a capital after a word of two letters or more ("Non-\n
/// Compete", "Know-\nHow"); a single letter before the hyphen ("Schedule A-",
/// "Exhibit B-") may be a label, so its break stays.
fn hyphen_break_end(bytes: &[u8], at: usize) -> Option<usize> {
    let j = skip_line_break(bytes, at + 1)?;
    let next = *bytes.get(j)?;
    if next.is_ascii_lowercase() {
        return Some(j);
    }
    if next.is_ascii_uppercase() {
        let word = bytes[..at]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        return (word >= 2).then_some(j);
    }
    // one blank line between the halves: only a lower-case word goes on
    let k = skip_line_break(bytes, j)?;
    bytes
        .get(k)
        .is_some_and(u8::is_ascii_lowercase)
        .then_some(k)
}

#[cfg(test)]
mod tests {
    #[test]
    fn squeezed_offsets_point_back_into_the_text() {
        let raw = "a  b\n\n\u{3000}c West\n   Virginia";
        let sq = Squeezed::new(raw);
        assert_eq!(sq.text, "a b c West Virginia");
        assert_eq!(sq.original_range(0, 3), 0..4);
        assert_eq!(&raw[sq.original_range(4, 5)], "c");
        let w = sq.text.find("West").unwrap();
        assert_eq!(
            &raw[sq.original_range(w, sq.text.len())],
            "West\n   Virginia"
        );
    }

    use super::*;

    #[test]
    fn plain_ascii_is_unchanged_and_maps_to_itself() {
        let c = clean("The Licensee shall pay.");
        assert_eq!(c.text, "The Licensee shall pay.");
        assert_eq!(c.to_raw(4), 4);
    }

    #[test]
    fn no_break_space_becomes_space_and_offsets_map_back() {
        let raw = "thirty\u{00A0}(30) days";
        let c = clean(raw);
        assert_eq!(c.text, "thirty (30) days");
        let at = c.text.find("days").unwrap();
        assert_eq!(&raw[c.to_raw(at)..c.to_raw(at + 4)], "days");
        assert_eq!(c.to_raw(0), 0);
        assert_eq!(c.to_raw(6), 6);
    }

    #[test]
    fn soft_hyphen_becomes_hyphen() {
        assert_eq!(clean("sub\u{00AD}license").text, "sub-license");
    }

    #[test]
    fn zero_width_space_is_removed() {
        let raw = "exclu\u{200B}sive right";
        let c = clean(raw);
        assert_eq!(c.text, "exclusive right");
        let at = c.text.find("right").unwrap();
        assert_eq!(&raw[c.to_raw(at)..], "right");
    }

    #[test]
    fn line_end_hyphen_keeps_hyphen_and_loses_break() {
        let raw = "a non-\n   exclusive licence";
        let c = clean(raw);
        assert_eq!(c.text, "a non-exclusive licence");
        let at = c.text.find("exclusive").unwrap();
        assert_eq!(&raw[c.to_raw(at)..c.to_raw(at + 9)], "exclusive");
    }

    #[test]
    fn hyphen_before_capitalised_line_is_kept_with_break() {
        assert_eq!(clean("Schedule A-\nPart").text, "Schedule A-\nPart");
    }

    #[test]
    fn greek_question_mark_becomes_semicolon() {
        assert_eq!(clean("list\u{037E} provided").text, "list; provided");
    }

    #[test]
    fn curly_quotes_become_straight() {
        let raw = "(the \u{201C}Territory\u{201D})";
        let c = clean(raw);
        assert_eq!(c.text, "(the \"Territory\")");
        let s = c.text.find("Territory").unwrap();
        assert_eq!(&raw[c.to_raw(s)..c.to_raw(s + 9)], "Territory");
        assert_eq!(c.to_raw(c.text.len()), raw.len());
    }

    #[test]
    fn line_end_hyphen_before_a_capital_joins_a_compound() {
        let raw = "a Non-\nCompete covenant and Know-\n\u{00A0}How";
        let c = clean(raw);
        assert_eq!(c.text, "a Non-Compete covenant and Know-How");
        let at = c.text.find("How").unwrap();
        assert_eq!(&raw[c.to_raw(at)..c.to_raw(at + 3)], "How");
    }

    #[test]
    fn line_end_hyphen_across_a_blank_line_joins_a_lower_case_word() {
        assert_eq!(clean("sub-\n\nlicense it").text, "sub-license it");
        assert_eq!(clean("A-\n\nB").text, "A-\n\nB");
        assert_eq!(clean("Non-\n\nCompete").text, "Non-\n\nCompete");
    }

    #[test]
    fn line_end_hyphen_with_no_break_space_indent_joins() {
        let raw = "non-\u{00A0}\n\u{00A0} exclusive";
        let c = clean(raw);
        assert_eq!(c.text, "non-exclusive");
        assert_eq!(&raw[c.to_raw(4)..], "exclusive");
    }

    #[test]
    fn ligatures_become_letters_and_offsets_map_back() {
        let raw = "the \u{FB01}eld of use, \u{FB02}at \u{FB03}x";
        let c = clean(raw);
        assert_eq!(c.text, "the field of use, flat ffix");
        let at = c.text.find("of use").unwrap();
        assert_eq!(&raw[c.to_raw(at)..c.to_raw(at + 6)], "of use");
        assert_eq!(c.to_raw(c.text.len()), raw.len());
    }

    #[test]
    fn hair_and_ideographic_spaces_become_spaces_and_line_separator_a_break() {
        assert_eq!(
            clean("five\u{200A}(5)\u{3000}days\u{2028}Next").text,
            "five (5) days\nNext"
        );
    }
}
