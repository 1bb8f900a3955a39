//! Field-of-use summary: a licence is restricted when a rule found a
//! limitation to a field, purpose, product or channel. Fields and exclusions
//! are the phrases the rules captured (`field`, `excluded`).

use super::{cite, values::squash, Context};
use crate::record::Terms;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let ids = ctx.find("field_of_use", &[]);
    if ids.is_empty() {
        return;
    }
    let f = &mut terms.field_of_use;
    for &i in &ids {
        for (name, list) in [("field", &mut f.fields), ("excluded", &mut f.excluded)] {
            if let Some(v) = ctx.value(i, name).and_then(|v| v.as_str()) {
                let v = squash(v);
                if !list.contains(&v) {
                    list.push(v);
                }
            }
        }
    }
    if f.fields.is_empty() {
        if let Some(def) = ctx
            .definition("Field")
            .or_else(|| ctx.definition("Field of Use"))
        {
            f.fields.push(squash(def).chars().take(200).collect());
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
