//! Grant summary: exclusivity and sublicensing. Exclusivity is what the
//! licence grant itself says: the words qualifying the licence in each grant
//! sentence (exclusive, non-exclusive, sole, co-exclusive), then exclusive
//! appointments found by the exclusivity rules; different answers make it
//! `mixed`, and a licence that says nothing is non-exclusive (the legal
//! default). Sublicensing is true when any clause permits it, even with
//! consent, false when clauses only prohibit it, null when silent.

use super::{cite, Context};
use crate::record::Terms;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    summarise_exclusivity(ctx, terms);

    let allowed = ctx.find("sublicensing", &["permitted", "with_consent"]);
    let prohibited = ctx.find("sublicensing", &["prohibited"]);
    if !allowed.is_empty() {
        terms.sublicensable = Some(true);
        cite(terms, "sublicensable", allowed);
    } else if !prohibited.is_empty() {
        terms.sublicensable = Some(false);
        cite(terms, "sublicensable", prohibited);
    }
}

fn summarise_exclusivity(ctx: &Context, terms: &mut Terms) {
    let grants = ctx.find("license_grant", &[]);
    let mut kinds: Vec<&'static str> = Vec::new();
    let mut support: Vec<usize> = Vec::new();
    let add = |k: &'static str, kinds: &mut Vec<&'static str>| {
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    };
    for &i in &grants {
        let found = qualifiers(ctx.clean_text(i));
        if !found.is_empty() {
            support.push(i);
        }
        for k in found {
            add(k, &mut kinds);
        }
    }
    // exclusive appointments and grants the licence rules did not see
    let grant_spans: Vec<_> = grants.iter().map(|&i| ctx.spans[i]).collect();
    for i in ctx.find("exclusivity", &["exclusive", "sole", "co_exclusive"]) {
        if ctx.value(i, "grant").and_then(|v| v.as_bool()) != Some(true)
            || grant_spans.contains(&ctx.spans[i])
            || !is_operative(ctx.clean_text(i))
        {
            continue;
        }
        let k = match ctx.clauses[i].kind.as_str() {
            "sole" => "sole",
            "co_exclusive" => "co-exclusive",
            _ => "exclusive",
        };
        add(k, &mut kinds);
        support.push(i);
    }
    terms.exclusivity = match kinds.len() {
        0 if grants.is_empty() => None,
        0 => Some("non-exclusive".to_string()),
        1 => Some(kinds[0].to_string()),
        _ => Some("mixed".to_string()),
    };
    if kinds.is_empty() {
        support = grants;
    }
    if !support.is_empty() {
        cite(terms, "exclusivity", support);
    }
}

/// Whether a sentence grants or appoints (rather than recites or refers).
fn is_operative(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    [
        "grant",
        "appoint",
        "hereby",
        "shall have",
        "will have",
        "shall be",
        "will be",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The exclusivity words qualifying a licence in a grant sentence:
/// `exclusive`, `non-exclusive`, `sole`, `co-exclusive`. "Sole and
/// exclusive" is exclusive; "exclusive of", "exclusive remedy" and the like
/// do not qualify a licence.
pub fn qualifiers(text: &str) -> Vec<&'static str> {
    let t = text.to_ascii_lowercase();
    let b = t.as_bytes();
    let mut out: Vec<&'static str> = Vec::new();
    let mut push = |k: &'static str| {
        if !out.contains(&k) {
            out.push(k);
        }
    };
    let mut from = 0;
    while let Some(p) = t[from..].find("exclusive") {
        let start = from + p;
        let end = start + "exclusive".len();
        from = end;
        if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue; // exclusively, exclusivity
        }
        let after = t[end..].trim_start();
        if [
            "of ",
            "remedy",
            "remedies",
            "jurisdiction",
            "venue",
            "forum",
            "property",
            "owner",
        ]
        .iter()
        .any(|w| after.starts_with(w))
        {
            continue;
        }
        // the word before, skipping spaces and hyphens (ASCII or not)
        let before = t[..start].trim_end_matches(|c: char| {
            c.is_whitespace() || c == '-' || (!c.is_ascii() && !c.is_alphanumeric())
        });
        let word = before
            .rsplit(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("");
        let joined = start > 0 && b[start - 1].is_ascii_alphanumeric();
        match word {
            "non" | "un" => push("non-exclusive"),
            "co" => push("co-exclusive"),
            _ if joined => continue, // e.g. "inexclusive"
            _ => push("exclusive"),
        }
    }
    let mut from = 0;
    while let Some(p) = t[from..].find("sole licen") {
        let start = from + p;
        from = start + 4;
        if start == 0 || !b[start - 1].is_ascii_alphanumeric() {
            push("sole");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::qualifiers;

    #[test]
    fn non_exclusive_in_its_spellings_is_non_exclusive() {
        for t in [
            "a non-exclusive licence",
            "a nonexclusive licence",
            "a non exclusive licence",
            "a non- exclusive licence",
            "a Non-Exclusive, royalty-free licence",
            "a non\u{2010} exclusive licence",
        ] {
            assert_eq!(qualifiers(t), vec!["non-exclusive"], "{t}");
        }
    }

    #[test]
    fn sole_and_exclusive_is_exclusive() {
        assert_eq!(
            qualifiers("the sole and exclusive licence to sell"),
            vec!["exclusive"]
        );
    }

    #[test]
    fn sole_licence_is_sole() {
        assert_eq!(qualifiers("grants a sole licence to make"), vec!["sole"]);
    }

    #[test]
    fn exclusive_of_and_exclusively_are_not_qualifiers() {
        assert!(qualifiers("fees exclusive of taxes, used exclusively by it").is_empty());
    }

    #[test]
    fn two_grants_in_one_sentence_give_both() {
        assert_eq!(
            qualifiers("an exclusive licence to sell and a non-exclusive licence to make"),
            vec!["exclusive", "non-exclusive"]
        );
    }

    #[test]
    fn co_exclusive_is_co_exclusive() {
        assert_eq!(qualifiers("a co-exclusive licence"), vec!["co-exclusive"]);
    }
}
