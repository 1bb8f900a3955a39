//! Royalty summary: every royalty and revenue-share percentage (tiers listed,
//! in text order, each once), the base they apply to, fixed fees (each amount
//! once: a fee is often restated, e.g. as a total), whether a
//! minimum applies and whether the licensor may audit. Rates are the
//! percentages of royalty and revenue-share clauses, re-read from the clause
//! text and kept only when their context is a payment share: interest on late
//! payments, taxes, audit thresholds and ownership stakes are left out.

use super::{cite, Context};
use crate::normalize::percent::find_percents;
use crate::record::{Money, Terms};
use serde_json::Value;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let rates = ctx.find("royalty", &["royalty_rate", "revenue_share"]);
    let r = &mut terms.royalty;
    for &i in &rates {
        let clause = ctx.clean_text(i);
        let mut found = payment_percents(clause);
        if found.is_empty() {
            found.extend(labelled_percent(clause, &ctx.text[ctx.spans[i].end..]));
        }
        for p in found {
            push_rate(&mut r.rates_percent, p);
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
                let fee = Money {
                    amount: a,
                    currency: c.to_string(),
                };
                if !r.fixed_fees.contains(&fee) {
                    r.fixed_fees.push(fee);
                }
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

/// Words that, close before or after a percentage, show it is not a share
/// of money paid for the licence or the business.
const NOT_A_RATE: [&str; 21] = [
    "interest",
    "per annum",
    "per month",
    "prime rate",
    "tax",
    "vat",
    "withholding",
    "underpa",
    "under-pa",
    "overpa",
    "discrepanc",
    "error",
    "variance",
    "understate",
    "shares",
    "stock",
    "equity",
    "owned",
    "ownership",
    "voting",
    "discount",
];

/// Words that, close before a percentage, show it is a threshold ("the
/// shortfall exceeds 5%"). After a percentage the same word marks the upper
/// tier of a royalty ("55% of receipts exceeding that amount"), so it is
/// looked for only before.
const NOT_A_RATE_BEFORE: [&str; 1] = ["exceed"];

/// Words of which at least one must stand near a percentage for it to be a
/// royalty, commission or revenue share.
const RATE_WORDS: [&str; 12] = [
    "royalt",
    "revenue",
    "commission",
    "profit",
    "share",
    "sales",
    "receipts",
    "proceeds",
    "income",
    "price",
    "gross",
    "earned",
];

/// How far (bytes) context words are looked for around a percentage.
const NEAR: usize = 80;

/// How far (bytes) after a label such as "Royalty rate:" its value is looked for.
const LABEL_VALUE: usize = 60;

/// The percentage a form-style label ("Royalty percentage:   5%") gives when
/// the label ends its clause and the value stands first in the text after it.
fn labelled_percent(clause: &str, after: &str) -> Option<f64> {
    if !clause.trim_end().ends_with(':') {
        return None;
    }
    let next = window(after, 0, LABEL_VALUE);
    let skipped = next.len() - next.trim_start().len();
    find_percents(next)
        .into_iter()
        .next()
        .filter(|(r, _)| r.start == skipped)
        .map(|(_, p)| p)
}

/// The royalty, commission and revenue-share percentages a clause states.
fn payment_percents(text: &str) -> Vec<f64> {
    let lower = text.to_ascii_lowercase();
    find_percents(text)
        .into_iter()
        .map(|(r, p)| (r.clone(), ungarbled(&text[r], p)))
        .filter(|(r, _)| {
            let before = window(&lower, r.start.saturating_sub(NEAR), r.start);
            let after = window(&lower, r.end, r.end + NEAR / 2);
            let near = window(&lower, r.start.saturating_sub(NEAR), r.end + NEAR);
            RATE_WORDS.iter().any(|w| near.contains(w))
                && !NOT_A_RATE
                    .iter()
                    .any(|w| before.contains(w) || after.contains(w))
                && !NOT_A_RATE_BEFORE.iter().any(|w| before.contains(w))
        })
        .map(|(_, p)| p)
        .collect()
}

/// A doubled percentage whose digits read above 100 while its words do not
/// ("thirty percent (3016)", where OCR took the % sign for digits) is worth
/// what the words say.
fn ungarbled(matched: &str, p: f64) -> f64 {
    if p <= 100.0 {
        return p;
    }
    let words = matched.split('(').next().unwrap_or_default();
    find_percents(words)
        .first()
        .map(|&(_, w)| w)
        .filter(|&w| w <= 100.0)
        .unwrap_or(p)
}

/// A slice of `s` clamped to its length and widened to character boundaries.
fn window(s: &str, start: usize, end: usize) -> &str {
    let (mut a, mut b) = (start.min(s.len()), end.min(s.len()));
    while !s.is_char_boundary(a) {
        a -= 1;
    }
    while !s.is_char_boundary(b) {
        b += 1;
    }
    &s[a..b]
}

fn push_rate(list: &mut Vec<f64>, p: f64) {
    if p > 0.0 && p <= 100.0 && !list.iter().any(|&x| (x - p).abs() < 1e-9) {
        list.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The royalty summary of a text, with the shipped royalty pack.
    fn summary(text: &str) -> crate::record::RoyaltyTerms {
        super::super::terms_with_packs(&["royalty.toml"], text).royalty
    }

    #[test]
    fn a_fee_restated_as_a_total_is_listed_once() {
        let t = summary(
            "The Distributor shall pay the Owner a licence fee of USD 250,000 on signature.\n\n\
             The licence fee of USD 250,000 is the total licence fee payable for the Initial Term.\n\n\
             The Distributor shall also pay a licence fee of USD 75,000 for each renewal.\n",
        );
        let fees: Vec<f64> = t.fixed_fees.iter().map(|m| m.amount).collect();
        assert_eq!(fees, [250_000.0, 75_000.0]);
    }

    #[test]
    fn a_royalty_percentage_is_a_rate() {
        assert_eq!(
            payment_percents("Licensee shall pay a royalty of five percent (5%) of Net Sales."),
            vec![5.0]
        );
    }

    #[test]
    fn late_payment_interest_is_not_a_rate() {
        assert_eq!(
            payment_percents(
                "Royalties are due quarterly; late royalties bear interest at 1.5% per month."
            ),
            Vec::<f64>::new()
        );
    }

    #[test]
    fn a_percentage_of_gross_amounts_earned_is_a_rate() {
        assert_eq!(
            payment_percents(
                "The Owner shall receive one third (33%) of the gross amounts earned by the Agent."
            ),
            vec![33.0]
        );
    }

    #[test]
    fn garbled_digits_after_a_percentage_in_words_give_the_words() {
        assert_eq!(
            payment_percents(
                "The Company shall pay the Owner thirty percent (3016) of the Net Sales."
            ),
            vec![30.0]
        );
    }

    #[test]
    fn a_label_ending_its_clause_takes_the_percentage_after_it() {
        assert_eq!(
            labelled_percent("Royalty rate:", "      4.5%      Advertising rate: 3%"),
            Some(4.5)
        );
    }

    #[test]
    fn a_label_takes_no_percentage_that_is_not_first_after_it() {
        assert_eq!(
            labelled_percent("Royalty rate:", " as agreed, and 4.5% later"),
            None
        );
        assert_eq!(labelled_percent("Royalty rate", " 4.5%"), None);
    }

    #[test]
    fn the_upper_tier_of_a_revenue_share_is_a_rate() {
        assert_eq!(
            payment_percents(
                "The Agent shall pay forty per cent (40%) of Net Receipts up to $1,000,000 \
                 and forty-five per cent (45%) of Net Receipts exceeding that amount."
            ),
            vec![40.0, 45.0]
        );
    }

    #[test]
    fn a_percentage_after_exceeds_is_a_threshold_not_a_rate() {
        assert_eq!(
            payment_percents("If the royalty shortfall exceeds ten percent (10%), the Licensor may end the licence."),
            Vec::<f64>::new()
        );
    }

    #[test]
    fn an_audit_threshold_is_not_a_rate() {
        assert_eq!(
            payment_percents(
                "If the audit shows royalties were underpaid by more than 5%, Licensee pays its cost."
            ),
            Vec::<f64>::new()
        );
    }
}
