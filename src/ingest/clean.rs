//! Text clean-up before matching, with an exact map back to the original.
//! Patterns are written for plain ASCII punctuation and spacing, but the
//! offsets a record reports must point into the text the user has, so every
//! edit made here is remembered as a checkpoint and `to_raw` undoes it.

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
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{2002}' | '\u{2003}' => " ",
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

/// Cleans `raw`: unusual spaces become spaces, soft hyphens "-", zero-width
/// characters go, curly quotes and dashes become ASCII, and a hyphen at a line
/// end ("non-\n exclusive") keeps the hyphen but loses the break.
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
            // hyphen, then a line break with optional indentation, then a lowercase letter
            let mut j = i + 1;
            if j < bytes.len() && bytes[j] == b'\r' {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                j += 1;
                while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
                    j += 1;
                }
                if j < bytes.len() && bytes[j].is_ascii_lowercase() {
                    out.text.push_str(&raw[plain_from..=i]);
                    out.checkpoints.push((out.text.len(), j));
                    i = j;
                    plain_from = j;
                    continue;
                }
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

#[cfg(test)]
mod tests {
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
}
