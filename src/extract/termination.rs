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
/// period for non-payment and other periods for particular failures; the
/// general one is what a reader asks for. Sentences about "any other" breach
/// rank first, then sentences about a (material) breach, then the rest; within
/// the best rank the longest period wins. Captured values are used only when
/// the text yields none.
fn cure_days(ctx: &Context, breach: &[usize]) -> Option<f64> {
    let mut best: Option<(u8, f64)> = None;
    for &i in breach {
        let text = ctx.clean_text(i);
        let rank = general_rank(&text.to_ascii_lowercase());
        for d in cure_days_in(text) {
            if d > 0.0 && d <= MAX_CURE_DAYS && best.is_none_or(|b| (rank, d) > b) {
                best = Some((rank, d));
            }
        }
    }
    best.map(|(_, d)| d).or_else(|| {
        ctx.first_number(breach, "cure_days")
            .map(|(_, d)| d)
            .filter(|&d| d <= MAX_CURE_DAYS)
    })
}

/// How clearly a sentence is about breaches in general: 2 for "any other
/// obligation" / "all other breaches", 1 for a (material) breach, else 0.
fn general_rank(lower: &str) -> u8 {
    let other = [
        "any other",
        "all other",
        "other breach",
        "other default",
        "otherwise",
    ];
    if other.iter().any(|w| lower.contains(w)) {
        2
    } else if lower.contains("breach") {
        1
    } else {
        0
    }
}

/// How far (bytes) a cure period may stand from the word cure or remedy.
const CURE_WINDOW: usize = 150;

/// Durations stated near a cure word, leaving out notice periods ("upon ten
/// days notice ... fails to cure within seven days" gives seven), extensions
/// ("an additional sixty days to cure") and the windows for dismissing an
/// insolvency petition ("not dismissed within sixty days").
fn cure_days_in(text: &str) -> Vec<f64> {
    let text = &unblank(text);
    let lower = text.to_ascii_lowercase();
    let cure_at: Vec<usize> = ["cure", "remed", "rectif", "correct"]
        .iter()
        .flat_map(|w| lower.match_indices(w).map(|(i, _)| i))
        .collect();
    if cure_at.is_empty() {
        return Vec::new();
    }
    find_durations(text)
        .into_iter()
        .filter(|(r, _)| !(followed_by_notice(&lower, r.end) && gives_notice(&lower, r.start)))
        .filter(|(r, _)| !is_extension(&lower, r.clone()) && !is_petition_window(&lower, r.start))
        .filter(|(r, _)| cure_at.iter().any(|&c| c.abs_diff(r.start) <= CURE_WINDOW))
        .map(|(_, d)| d.days())
        .collect()
}

/// The text without fill-in blanks: "____ (__30__) days" reads " 30 days"
/// (brackets around a filled-in figure go too, as the words they would
/// repeat were left blank). Offsets into the result are used only within
/// this module.
fn unblank(text: &str) -> String {
    if !text.contains('_') {
        return text.to_string();
    }
    text.replace("(_", "_").replace("_)", "_").replace('_', "")
}

/// Whether a duration extends another period: "an additional sixty days",
/// "thirty (30) further days".
fn is_extension(lower: &str, r: std::ops::Range<usize>) -> bool {
    let extra = |w: &str| ["additional", "further", "extra"].contains(&w);
    let before = lower.get(..r.start).unwrap_or("");
    let prev = before
        .split(|c: char| !c.is_ascii_alphabetic())
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    let inside = lower.get(r.clone()).unwrap_or("");
    let after = lower
        .get(r.end..(r.end + 20).min(lower.len()))
        .unwrap_or("");
    let next = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    extra(prev) || extra(next) || inside.split(' ').any(extra)
}

/// Whether a duration is the time allowed to dismiss or discharge a
/// bankruptcy petition or proceeding, not a cure period.
fn is_petition_window(lower: &str, start: usize) -> bool {
    let before = lower.get(start.saturating_sub(40)..start).unwrap_or("");
    [
        "dismiss", "rescind", "discharg", "vacate", "stayed", "bonded",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// Whether the word before `start` introduces a notice period ("upon",
/// "giving", "at least") rather than a wait after notice ("within", "after").
fn gives_notice(lower: &str, start: usize) -> bool {
    let head = lower.get(..start).unwrap_or("");
    let word = head
        .split(|c: char| !c.is_ascii_alphabetic())
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    [
        "upon",
        "on",
        "with",
        "giving",
        "providing",
        "delivering",
        "serving",
        "least",
        "than",
        "by",
    ]
    .contains(&word)
}

/// Whether the words after `end` (past qualifiers like "prior written") are
/// "notice" or "notification".
fn followed_by_notice(lower: &str, end: usize) -> bool {
    let after = lower.get(end..(end + 40).min(lower.len())).unwrap_or("");
    after
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .find(|w| !QUALIFIERS.contains(w))
        .is_some_and(|w| w.starts_with("notice") || w.starts_with("notification"))
}

/// Words that may stand between a duration and the word notice.
const QUALIFIERS: [&str; 7] = [
    "s", "prior", "written", "advance", "previous", "express", "formal",
];

/// The first duration written as a notice period: "sixty (60) days' prior
/// written notice", "notice of at least three months".
fn notice_days_in(text: &str) -> Option<f64> {
    let text = &unblank(text);
    let lower = text.to_ascii_lowercase();
    find_durations(text).into_iter().find_map(|(r, d)| {
        let before = lower.get(r.start.saturating_sub(40)..r.start).unwrap_or("");
        let after_notice = followed_by_notice(&lower, r.end);
        let notice_of = before.contains("notice")
            && [
                " of",
                " of at least",
                " of not less than",
                " of no less than",
            ]
            .iter()
            .any(|e| before.trim_end().ends_with(e));
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
    fn a_notice_period_typed_into_a_blank_is_read() {
        assert_eq!(
            notice_days_in("either party may terminate at any time upon ________ (____45____) days written notice"),
            Some(45.0)
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
    fn a_notice_period_is_not_a_cure_period() {
        assert_eq!(
            cure_days_in("may terminate on ten (10) days notice if the other fails to cure within seven (7) days"),
            vec![7.0]
        );
    }

    #[test]
    fn a_wait_after_notice_is_a_cure_period() {
        assert_eq!(
            cure_days_in("a breach which remains uncured after thirty days written notice"),
            vec![30.0]
        );
    }

    #[test]
    fn an_extension_of_the_cure_period_is_not_the_cure_period() {
        assert_eq!(
            cure_days_in("the breaching party shall have thirty (30) days to cure, and if it is diligently curing, an additional ninety (90) days"),
            vec![30.0]
        );
    }

    #[test]
    fn a_window_to_dismiss_a_petition_is_not_a_cure_period() {
        assert_eq!(
            cure_days_in("if a petition against it is not dismissed within sixty (60) days, or it fails to cure a breach within thirty (30) days of notice"),
            vec![30.0]
        );
    }

    #[test]
    fn blanks_around_a_filled_in_number_are_ignored() {
        assert_eq!(
            cure_days_in("if the breach is not cured within _forty-five_ (_45_) days after notice"),
            vec![45.0]
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
