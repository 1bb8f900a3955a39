//! Governing-law summary: the jurisdiction of the governing-law clause that
//! names one, as an ISO 3166 code. A clause about the agreement itself ("this
//! Agreement shall be governed by...") beats one about some other matter (a
//! legal opinion, a single obligation). The `*_law` capture is read first,
//! then the whole clause, then the clause with the words that follow it, for
//! a sentence that the segmenter cut just before the place's name.

use super::{cite, Context};
use crate::normalize::law;
use crate::record::Terms;
use serde_json::Value;

/// How many bytes after a clause may still complete its place's name.
const LOOKAHEAD: usize = 160;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let mut best: Option<(bool, usize, (String, String))> = None;
    for i in ctx.find("governing_law", &[]) {
        let Some(found) = jurisdiction_of(ctx, i) else {
            continue;
        };
        let whole = about_the_agreement(ctx.clean_text(i));
        if best.as_ref().is_none_or(|b| whole && !b.0) {
            best = Some((whole, i, found));
        }
        if whole {
            break;
        }
    }
    if let Some((_, i, (code, name))) = best {
        terms.governing_law.code = Some(code);
        terms.governing_law.name = Some(name);
        cite(terms, "governing_law.code", [i]);
    }
}

/// The jurisdiction a governing-law clause names, if any.
fn jurisdiction_of(ctx: &Context, i: usize) -> Option<(String, String)> {
    let captured = ["place_law", "heading_law"]
        .iter()
        .find_map(|name| ctx.value(i, name));
    if let Some(v) = captured {
        if let Some(code) = v.get("code").and_then(Value::as_str) {
            let name = v.get("name").and_then(Value::as_str).unwrap_or(code);
            return Some((code.to_string(), name.to_string()));
        }
    }
    let text = ctx.clean_text(i);
    law::jurisdiction(text).or_else(|| {
        let end = ctx.spans[i].end;
        let tail = following_words(ctx.text, end);
        (!tail.is_empty())
            .then(|| law::jurisdiction(&format!("{text} {tail}")))
            .flatten()
    })
}

/// Up to [`LOOKAHEAD`] bytes after `end`, stopping at the end of a sentence
/// or a semicolon.
fn following_words(text: &str, end: usize) -> &str {
    let mut stop = (end + LOOKAHEAD).min(text.len());
    while !text.is_char_boundary(stop) {
        stop -= 1;
    }
    let Some(rest) = text.get(end..stop) else {
        return "";
    };
    let cut = rest
        .char_indices()
        .find(|&(k, c)| c == ';' || (c == '.' && rest[k + 1..].starts_with(char::is_whitespace)))
        .map_or(rest.len(), |(k, _)| k);
    &rest[..cut]
}

/// Whether a clause speaks of the agreement as a whole.
fn about_the_agreement(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [
        "this agreement",
        "this contract",
        "hereunder",
        "hereof",
        "hereto",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn following_words_stop_at_the_end_of_the_sentence() {
        let t = "governed by the laws of the State of Utah. Notices go by mail.";
        assert_eq!(following_words(t, 36), " Utah");
    }

    #[test]
    fn following_words_stop_at_a_semicolon() {
        let t = "laws of the Province of Quebec; and the courts";
        assert_eq!(following_words(t, 23), " Quebec");
    }

    #[test]
    fn following_words_past_the_text_are_empty() {
        assert_eq!(following_words("abc", 3), "");
        assert_eq!(following_words("abc", 10), "");
    }

    #[test]
    fn a_clause_naming_this_agreement_is_about_the_agreement() {
        assert!(about_the_agreement(
            "This Agreement shall be governed by the laws of Ohio."
        ));
        assert!(!about_the_agreement(
            "Counsel's opinion may be limited to the laws of Ohio."
        ));
    }
}
