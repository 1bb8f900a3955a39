//! Royalty summary: every royalty and revenue-share percentage (tiers listed,
//! in text order, each once), the base they apply to, fixed fees, whether a
//! minimum applies and whether the licensor may audit. Rates come from the
//! `rates_percents` / `rate_percent` captures of royalty clauses, so interest
//! on late payments (not a royalty) never enters unless a rule says so.

use super::{cite, Context};
use crate::record::{Money, Terms};
use serde_json::Value;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let rates = ctx.find("royalty", &["royalty_rate", "revenue_share"]);
    let r = &mut terms.royalty;
    for &i in &rates {
        for name in ["rates_percents", "rate_percent"] {
            match ctx.value(i, name) {
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_f64)
                    .for_each(|p| push_rate(&mut r.rates_percent, p)),
                Some(v) => {
                    if let Some(p) = v.as_f64() {
                        push_rate(&mut r.rates_percent, p)
                    }
                }
                None => {}
            }
        }
        if r.base.is_none() {
            r.base = ctx
                .value(i, "base")
                .and_then(Value::as_str)
                .map(|s| s.to_lowercase());
        }
    }
    let fees = ctx.find("royalty", &["fixed_fee", "milestone"]);
    for &i in &fees {
        if let Some(m) = ctx.value(i, "fee_money") {
            if let (Some(a), Some(c)) = (
                m.get("amount").and_then(Value::as_f64),
                m.get("currency").and_then(Value::as_str),
            ) {
                r.fixed_fees.push(Money {
                    amount: a,
                    currency: c.to_string(),
                });
            }
        }
    }
    let minimum = ctx.find("royalty", &["minimum"]);
    r.minimum = Some(!minimum.is_empty());
    let audit = ctx.find("audit", &[]);
    r.audit_rights = Some(!audit.is_empty());
    if !rates.is_empty() {
        cite(terms, "royalty.rates_percent", rates);
    }
    if !fees.is_empty() {
        cite(terms, "royalty.fixed_fees", fees);
    }
    if !minimum.is_empty() {
        cite(terms, "royalty.minimum", minimum);
    }
    if !audit.is_empty() {
        cite(terms, "royalty.audit_rights", audit);
    }
}

fn push_rate(list: &mut Vec<f64>, p: f64) {
    if p > 0.0 && p <= 100.0 && !list.iter().any(|&x| (x - p).abs() < 1e-9) {
        list.push(p);
    }
}
