//! Termination summary: for breach (with the cure period in days), for
//! convenience (with the notice period), on insolvency, and on a change of
//! control. Day counts come from the `cure_days` / `notice_days` captures,
//! or, when the rule that found a clause captured none, from the durations
//! the clause states next to its cure or notice words.

use super::{cite, Context};
use crate::normalize::duration::find_durations;
use crate::record::Terms;

/// Cure periods longer than this are terms or deadlines, not cure periods.
const MAX_CURE_DAYS: f64 = 180.0;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let breach = ctx.find("termination", &["breach"]);
    let convenience = ctx.find("termination", &["convenience"]);
    let insolvency = ctx.find("termination", &["insolvency"]);
    let coc = ctx.find("termination", &["change_of_control"]);
    let t = &mut terms.termination;
    t.for_breach = Some(!breach.is_empty());
    t.breach_cure_days = cure_days(ctx, &breach);
    t.for_convenience = Some(!convenience.is_empty());
    t.convenience_notice_days = ctx
        .first_number(&convenience, "notice_days")
        .map(|(_, d)| d)
        .or_else(|| {
            convenience
                .iter()
                .find_map(|&i| notice_days_in(ctx.clean_text(i)))
        });
    t.insolvency = Some(!insolvency.is_empty());
    t.change_of_control = Some(!coc.is_empty());
    for (field, ids) in [
        ("termination.for_breach", breach),
        ("termination.for_convenience", convenience),
        ("termination.insolvency", insolvency),
        ("termination.change_of_control", coc),
    ] {
        if !ids.is_empty() {
            cite(terms, field, ids);
        }
    }
}

/// The cure period for a general breach. Agreements often give a short
/// period for non-payment and a longer one for every other breach; the
/// general one is what a reader asks for, so the longest plausible period
/// stated next to cure words wins.
fn cure_days(ctx: &Context, breach: &[usize]) -> Option<f64> {
    let mut best: Option<f64> = None;
    for &i in breach {
        let captured = ctx
            .value(i, "cure_days")
            .and_then(serde_json::Value::as_f64)
            .into_iter();
        for d in captured.chain(cure_days_in(ctx.clean_text(i))) {
            if d > 0.0 && d <= MAX_CURE_DAYS && best.is_none_or(|b| d > b) {
                best = Some(d);
            }
        }
    }
    best
}

/// Durations in a sentence that speaks of curing or remedying a breach.
fn cure_days_in(text: &str) -> Vec<f64> {
    let lower = text.to_ascii_lowercase();
    let cure_words = ["cure", "remed", "rectif", "correct"];
    if !cure_words.iter().any(|w| lower.contains(w)) {
        return Vec::new();
    }
    find_durations(text)
        .into_iter()
        .map(|(_, d)| d.days())
        .collect()
}

/// Words that may stand between a duration and the word notice.
const QUALIFIERS: [&str; 7] = [
    "s", "prior", "written", "advance", "previous", "express", "formal",
];

/// The first duration written as a notice period: "sixty (60) days' prior
/// written notice", "notice of at least three months".
fn notice_days_in(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    find_durations(text).into_iter().find_map(|(r, d)| {
        let after = lower
            .get(r.end..(r.end + 40).min(lower.len()))
            .unwrap_or("");
        let before = lower.get(r.start.saturating_sub(40)..r.start).unwrap_or("");
        let after_notice = after
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .find(|w| !QUALIFIERS.contains(w))
            .is_some_and(|w| w.starts_with("notice") || w.starts_with("notification"));
        let notice_of = before.contains("notice of") || before.contains("notice period of");
        (after_notice || notice_of).then(|| d.days())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_period_before_the_word_notice() {
        assert_eq!(
            notice_days_in("Either party may terminate on sixty (60) days' prior written notice."),
            Some(60.0)
        );
    }

    #[test]
    fn notice_period_after_notice_of() {
        assert_eq!(
            notice_days_in("may terminate without cause upon written notice of at least 3 months"),
            Some(90.0)
        );
    }

    #[test]
    fn a_duration_unrelated_to_notice_is_not_a_notice_period() {
        assert_eq!(
            notice_days_in("may terminate for any reason after the first two years"),
            None
        );
    }

    #[test]
    fn cure_durations_need_cure_words() {
        assert_eq!(
            cure_days_in("terminate within 30 days of a breach"),
            Vec::<f64>::new()
        );
        assert_eq!(
            cure_days_in("if the breach is not remedied within ten (10) days"),
            vec![10.0]
        );
    }
}
