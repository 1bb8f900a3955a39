//! Liability summary: whether liability is capped, and the cap as an amount
//! (`cap_money`) or as a multiple of the fees paid (`multiple_number`). The
//! first cap clause that states each value gives it; a cap clause that only
//! excludes kinds of damages (or names a sole remedy) still makes `capped`
//! true. Uncapped carve-outs are clauses of their own and set nothing here.

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
    let mut amount_from = None;
    let mut multiple_from = None;
    for &i in &caps {
        if l.cap_amount.is_none() {
            l.cap_amount = ctx.value(i, "cap_money").and_then(money);
            if l.cap_amount.is_some() {
                amount_from = Some(i);
            }
        }
        if l.cap_fees_multiple.is_none() {
            l.cap_fees_multiple = ctx.value(i, "multiple_number").and_then(multiple);
            if l.cap_fees_multiple.is_some() {
                multiple_from = Some(i);
            }
        }
    }
    cite(terms, "liability.capped", caps);
    if let Some(i) = amount_from {
        cite(terms, "liability.cap_amount", [i]);
    }
    if let Some(i) = multiple_from {
        cite(terms, "liability.cap_fees_multiple", [i]);
    }
}

/// A normalised `_money` capture (`{"amount", "currency"}`) as [`Money`].
fn money(v: &Value) -> Option<Money> {
    let amount = v.get("amount").and_then(Value::as_f64)?;
    let currency = v.get("currency").and_then(Value::as_str)?;
    (amount > 0.0).then(|| Money {
        amount,
        currency: currency.to_string(),
    })
}

/// A normalised multiple of the fees; a cap of zero times the fees or of a
/// thousand times them is a misreading, not a cap.
fn multiple(v: &Value) -> Option<f64> {
    v.as_f64().filter(|m| *m > 0.0 && *m <= 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn money_capture_becomes_money() {
        let m = money(&json!({"amount": 500000.0, "currency": "USD"})).unwrap();
        assert_eq!(m.amount, 500000.0);
        assert_eq!(m.currency, "USD");
    }

    #[test]
    fn money_without_currency_is_nothing() {
        assert!(money(&json!({"amount": 10.0})).is_none());
    }

    #[test]
    fn zero_money_is_no_cap_amount() {
        assert!(money(&json!({"amount": 0.0, "currency": "EUR"})).is_none());
    }

    #[test]
    fn two_times_the_fees_is_a_multiple_of_2() {
        assert_eq!(multiple(&json!(2.0)), Some(2.0));
    }

    #[test]
    fn implausible_multiples_are_dropped() {
        assert_eq!(multiple(&json!(0.0)), None);
        assert_eq!(multiple(&json!(1000.0)), None);
        assert_eq!(multiple(&json!("two")), None);
    }
}
