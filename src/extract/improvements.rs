//! Improvements summary: present when a clause says who owns improvements,
//! derivative works or new IP, or grants a licence back. The owner is the
//! `owner` value the rules set (licensor, licensee, joint, creator,
//! grant_back); a grant-back outranks plain licensee ownership, since the
//! licensee owning but licensing back is what a grant-back means.

use super::{cite, Context};
use crate::record::Terms;
use serde_json::Value;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let ids = ctx.find("improvements", &[]);
    if ids.is_empty() {
        terms.improvements.present = Some(false);
        return;
    }
    terms.improvements.present = Some(true);
    let owners: Vec<&str> = ids
        .iter()
        .filter_map(|&i| ctx.value(i, "owner").and_then(Value::as_str))
        .collect();
    let owner = if owners.contains(&"grant_back") {
        Some("grant_back")
    } else {
        // the most frequent owner, first seen on ties
        owners
            .iter()
            .max_by_key(|o| {
                (
                    owners.iter().filter(|x| x == o).count(),
                    std::cmp::Reverse(owners.iter().position(|x| x == *o)),
                )
            })
            .copied()
    };
    terms.improvements.owner = owner.map(str::to_string);
    cite(terms, "improvements.present", ids);
}
