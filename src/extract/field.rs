//! Field-of-use summary: a licence is restricted when a rule found a
//! limitation to a field, purpose, product or channel. Fields and exclusions
//! are the phrases the rules captured (`field`, `excluded`).

use super::{cite, Context};
use crate::record::Terms;

/// Longest field phrase kept, in words.
const MAX_WORDS: usize = 16;

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
    let cut = raw.find([',', ';', ':', '(', ')']).unwrap_or(raw.len());
    let words: Vec<&str> = raw[..cut].split_whitespace().take(MAX_WORDS).collect();
    let p = words.join(" ");
    let p = p.trim_end_matches(['.', ' ']).to_string();
    let lower = p.to_ascii_lowercase();
    if p.len() < 3 || NOT_A_FIELD.iter().any(|n| lower.starts_with(n)) {
        return None;
    }
    Some(p)
}

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
        for (name, list) in [("field", &mut f.fields), ("excluded", &mut f.excluded)] {
            if let Some(v) = ctx.value(i, name).and_then(|v| v.as_str()).and_then(phrase) {
                if !list.contains(&v) {
                    list.push(v);
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
    use super::phrase;

    #[test]
    fn a_field_phrase_stops_at_its_first_clause() {
        assert_eq!(
            phrase("the treatment of human cancers, including any diagnostic use").as_deref(),
            Some("the treatment of human cancers")
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
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen";
        assert_eq!(phrase(long).unwrap().split(' ').count(), 16);
    }
}
