//! Field-of-use summary: a licence is restricted when a rule found a
//! limitation to a field, purpose, product or channel. Fields and exclusions
//! are the phrases the rules captured (`field`, `excluded`); a field runs on
//! past commas inside a list ("hulls, propellers and keels") and stops at a
//! qualifying clause, and a lettered exclusion list gives one item per
//! letter.

use super::{cite, Context};
use crate::record::Terms;
use regex::Regex;
use std::sync::LazyLock;

/// Longest field phrase kept, in words.
const MAX_WORDS: usize = 30;

/// Phrases that follow "solely/only in" without naming a field.
const NOT_A_FIELD: &[&str] = &[
    "accordance",
    "compliance",
    "connection with this",
    "the event",
    "the extent",
    "writing",
    "such",
    "any",
    "each",
    "this agreement",
    "the manner",
    "respect",
    "relation to this",
];

/// A captured field phrase, trimmed to its first clause and a few words; None
/// when it names no field ("solely in accordance with Section 4").
fn phrase(raw: &str) -> Option<String> {
    let p = trimmed(raw);
    let lower = p.to_ascii_lowercase();
    if p.len() < 3 || NOT_A_FIELD.iter().any(|n| lower.starts_with(n)) {
        return None;
    }
    Some(p)
}

/// `raw` up to the end of its first clause, at most `MAX_WORDS` words,
/// without a dangling "and" or "or".
fn trimmed(raw: &str) -> String {
    let cut = CLAUSE_END.find(raw).map_or(raw.len(), |m| m.start());
    let words: Vec<&str> = raw[..cut].split_whitespace().take(MAX_WORDS).collect();
    let p = words.join(" ");
    let p = p.trim_end_matches(['.', ',', ' ']);
    p.strip_suffix(" and")
        .or_else(|| p.strip_suffix(" or"))
        .unwrap_or(p)
        .trim_end_matches(['.', ',', ' '])
        .to_string()
}

/// The items of an exclusion: one per "(a)", "(b)" or ";" when the text
/// is a lettered or semicolon list, else the one phrase.
fn items(raw: &str) -> Vec<String> {
    let raw = raw.trim_start_matches([':', ' ']);
    if !LIST_MARK.is_match(raw) && !raw.contains(';') {
        return phrase(raw).into_iter().collect();
    }
    LIST_MARK
        .split(raw)
        .flat_map(|part| part.split(';'))
        .filter_map(|part| {
            let part = part.trim().trim_start_matches([',', ' ']);
            let part = ["and ", "or "]
                .iter()
                .find_map(|w| part.strip_prefix(w))
                .unwrap_or(part);
            let p = trimmed(part);
            (p.len() >= 3 && p != "and" && p != "or").then_some(p)
        })
        .collect()
}

/// Where a field phrase ends: a semicolon, colon or bracket, or a comma
/// that opens a qualifying clause.
static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[;:()]|,\s*(?:including|includes|provided|except|excluding|but|which|whether|subject|unless|if|where|when|save|other\s+than|in\s+each\s+case|and\s+(?:shall|will|may|must|the|each|neither|in\s+no)\b)")
        .expect("static regex")
});

/// "(a)", "(ii)" opening the items of a list.
static LIST_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*(?:[a-z]|[ivx]{1,4}|\d{1,2})\s*\)").expect("static regex"));

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let ids = ctx.find("field_of_use", &[]);
    if ids.is_empty() {
        return;
    }
    let f = &mut terms.field_of_use;
    // the agreement's own definition of the field is the best summary
    for name in ["Field", "Field of Use", "Licensed Field"] {
        if let Some(def) = ctx.definition(name).and_then(phrase) {
            f.fields.push(def);
            break;
        }
    }
    for &i in &ids {
        if let Some(v) = ctx
            .value(i, "field")
            .and_then(|v| v.as_str())
            .and_then(phrase)
        {
            if !f.fields.contains(&v) {
                f.fields.push(v);
            }
        }
        if let Some(raw) = ctx.value(i, "excluded").and_then(|v| v.as_str()) {
            for v in items(raw) {
                if !f.excluded.contains(&v) {
                    f.excluded.push(v);
                }
            }
        }
    }
    let restricting: Vec<usize> = ids
        .iter()
        .copied()
        .filter(|&i| ctx.clauses[i].kind != "excluded")
        .collect();
    f.restricted = Some(!restricting.is_empty());
    cite(terms, "field_of_use.restricted", ids);
}

#[cfg(test)]
mod tests {
    use super::{items, phrase, MAX_WORDS};

    #[test]
    fn a_field_phrase_stops_at_its_first_clause() {
        assert_eq!(
            phrase("the treatment of human cancers, including any diagnostic use").as_deref(),
            Some("the treatment of human cancers")
        );
    }

    #[test]
    fn a_field_runs_on_through_a_list_of_nouns() {
        assert_eq!(
            phrase("coatings for the decks, masts and keels of sailing yachts").as_deref(),
            Some("coatings for the decks, masts and keels of sailing yachts")
        );
    }

    #[test]
    fn a_lettered_exclusion_list_gives_one_item_per_letter() {
        assert_eq!(
            items(": (a) toys for infants; (b) garden furniture, sheds and fences; and (c) any food product"),
            vec!["toys for infants", "garden furniture, sheds and fences", "any food product"]
        );
    }

    #[test]
    fn a_list_item_ending_in_and_keeps_no_comma() {
        assert_eq!(
            items("(a) lawns and parks, and (b) forests"),
            vec!["lawns and parks", "forests"]
        );
    }

    #[test]
    fn an_exclusion_stops_at_a_condition() {
        assert_eq!(
            items("kiosks and market stalls, unless the Owner agrees in writing"),
            vec!["kiosks and market stalls"]
        );
    }

    #[test]
    fn an_unlettered_exclusion_is_one_phrase() {
        assert_eq!(
            items("cafes, taverns and cinemas"),
            vec!["cafes, taverns and cinemas"]
        );
    }

    #[test]
    fn a_cross_reference_is_not_a_field() {
        assert_eq!(
            phrase("accordance with Article VIII) license during the Term"),
            None
        );
    }

    #[test]
    fn a_long_phrase_is_cut_to_a_few_words() {
        let long = "word ".repeat(MAX_WORDS + 5);
        assert_eq!(phrase(&long).unwrap().split(' ').count(), MAX_WORDS);
    }
}
