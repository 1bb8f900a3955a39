//! Governing-law summary: the jurisdiction of the first governing-law clause
//! that names one (`law` capture, else the whole clause), as an ISO 3166 code.

use super::{cite, Context};
use crate::normalize::law;
use crate::record::Terms;
use serde_json::Value;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    for i in ctx.find("governing_law", &[]) {
        let found = match ctx
            .value(i, "place_law")
            .or_else(|| ctx.value(i, "heading_law"))
        {
            Some(v) => v.get("code").and_then(Value::as_str).map(|c| {
                (
                    c.to_string(),
                    v.get("name")
                        .and_then(Value::as_str)
                        .unwrap_or(c)
                        .to_string(),
                )
            }),
            None => law::jurisdiction(ctx.clean_text(i)),
        };
        if let Some((code, name)) = found {
            terms.governing_law.code = Some(code);
            terms.governing_law.name = Some(name);
            cite(terms, "governing_law.code", [i]);
            return;
        }
    }
}
