//! Grant summary: exclusivity and sublicensing. Exclusivity is read from the
//! exclusivity clauses that qualify a grant (several different answers make
//! it `mixed`); sublicensing is true when any clause permits it, even with
//! consent, false when clauses only prohibit it, null when the agreement is
//! silent.

use super::{cite, Context};
use crate::record::Terms;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let ex = ctx.find(
        "exclusivity",
        &["exclusive", "non_exclusive", "sole", "co_exclusive"],
    );
    let grants: Vec<usize> = ex
        .iter()
        .copied()
        .filter(|&i| ctx.value(i, "grant").and_then(|v| v.as_bool()) == Some(true))
        .collect();
    let chosen = if grants.is_empty() { &ex } else { &grants };
    let mut kinds: Vec<&str> = Vec::new();
    for &i in chosen.iter() {
        let k = match ctx.clauses[i].kind.as_str() {
            "non_exclusive" => "non-exclusive",
            "co_exclusive" => "co-exclusive",
            k => k,
        };
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    // "sole and exclusive" is one answer: sole
    if kinds.contains(&"sole") && kinds.contains(&"exclusive") && kinds.len() == 2 {
        kinds = vec!["sole"];
    }
    terms.exclusivity = match kinds.len() {
        0 => None,
        1 => Some(kinds[0].to_string()),
        _ => Some("mixed".to_string()),
    };
    if !chosen.is_empty() {
        cite(terms, "exclusivity", chosen.clone());
    }

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
