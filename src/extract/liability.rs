//! Liability summary: whether liability is capped, and the cap as an amount
//! (`cap_money`) or as a multiple of the fees paid (`multiple_number`).

use super::{cite, Context};
use crate::record::{Money, Terms};
use serde_json::Value;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let caps = ctx.find("liability", &["cap"]);
    if caps.is_empty() {
        return;
    }
    let l = &mut terms.liability;
    l.capped = Some(true);
    for &i in &caps {
        if l.cap_amount.is_none() {
            if let Some(m) = ctx.value(i, "cap_money") {
                if let (Some(a), Some(c)) = (
                    m.get("amount").and_then(Value::as_f64),
                    m.get("currency").and_then(Value::as_str),
                ) {
                    l.cap_amount = Some(Money {
                        amount: a,
                        currency: c.to_string(),
                    });
                }
            }
        }
        if l.cap_fees_multiple.is_none() {
            l.cap_fees_multiple = ctx.value(i, "multiple_number").and_then(Value::as_f64);
        }
    }
    cite(terms, "liability.capped", caps);
}
