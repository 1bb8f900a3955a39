//! Term summary: agreement and effective dates, initial term, expiration
//! (stated, or computed as effective date + initial term, landing on the
//! anniversary), perpetuity and renewal. Rules capture dates as text
//! (`*_on` groups) so that this module can also read what PDF text and
//! templates do to them: split ordinals ("14t h day of May"), European
//! "1.4.2011", and blanks ("[__], 2021" keeps only the year). The agreement
//! date falls back to the first full date of the preamble, then to a dated
//! signature line; the effective date falls back to the agreement date.

use super::{cite, Context};
use crate::normalize::date::{self, PartialDate};
use crate::normalize::number;
use crate::record::Terms;
use regex::Regex;
use serde_json::Value;
use std::borrow::Cow;
use std::sync::LazyLock;

/// How much of the document start counts as the preamble.
const PREAMBLE: usize = 2500;

/// Date captures, most specific first, for the effective date.
const EFFECTIVE_NAMES: [&str; 4] = [
    "effective_named_on",
    "effective_defined_on",
    "effective_on",
    "effective_start_on",
];

/// Captures that hold the length of the initial term.
const TERM_MONTHS: [&str; 2] = ["term_months", "end_months"];

/// Captures that hold the notice period that stops a renewal.
const NOTICE_DAYS: [&str; 4] = [
    "notice_days",
    "notice_lead_days",
    "notice_before_days",
    "notice_after_days",
];

/// An ordinal that PDF extraction split with spaces ("1 st", "20t h").
static SPLIT_ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([0-9]{1,2}) ?(s ?t|n ?d|r ?d|t ?h)\b").expect("fixed pattern compiles")
});

/// Day.month.year, as written outside the US ("1.4.2011").
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,2})\.([0-9]{1,2})\.((?:19|20)[0-9]{2})$")
        .expect("fixed pattern compiles")
});

/// "the last day of February, 2023": the month's last day.
static LAST_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?last\s+day\s+(?:of|in)\s+").expect("fixed pattern compiles")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)[0-9]{2})\b").expect("fixed pattern compiles"));

/// A dated signature or cover line: "Date: March 4, 2012".
static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bdated?\s*:\s*").expect("fixed pattern compiles"));

/// "20t h" -> "20th", "1 st" -> "1st".
fn join_split_ordinals(s: &str) -> Cow<'_, str> {
    SPLIT_ORDINAL.replace_all(s, |c: &regex::Captures<'_>| {
        format!("{}{}", &c[1], c[2].replace(' ', ""))
    })
}

/// Reads a captured date. A template with blanks for the day or month gives
/// only what it states (the year, or year and month).
pub(crate) fn read_date(raw: &str) -> Option<PartialDate> {
    let joined = join_split_ordinals(raw.trim());
    if let Some(c) = DOTTED.captures(&joined) {
        let (d, m, y) = (
            c[1].parse::<u32>().ok()?,
            c[2].parse::<u32>().ok()?,
            c[3].parse::<i32>().ok()?,
        );
        // day-first; a US reader's month-first would put the month past 12
        return date::parse_date(&format!("{y:04}-{m:02}-{d:02}"));
    }
    if let Some(d) = date::parse_date(&joined) {
        if LAST_DAY.is_match(&joined) && d.day.is_none() {
            let first = PartialDate { day: Some(1), ..d };
            return Some(first.add_months(1).add_days(-1));
        }
        return Some(d);
    }
    let year = YEAR.captures(&joined)?[1].parse().ok()?;
    Some(PartialDate {
        year,
        month: None,
        day: None,
    })
}

/// Years in "fifth (5th) anniversary", "5th", "five (5) year", "four-year".
fn anniversary_years(raw: &str) -> Option<f64> {
    const ORDINALS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    let lower = raw.to_ascii_lowercase();
    if let Some(d) = lower
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse::<f64>().ok())
    {
        return Some(d);
    }
    let head = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|s| !s.is_empty())?;
    match ORDINALS.iter().position(|o| *o == head) {
        Some(i) => Some(i as f64 + 1.0),
        None => match head {
            "fifteenth" => Some(15.0),
            "twentieth" => Some(20.0),
            _ => number::parse_number(head),
        },
    }
}

/// First clause among `ids` whose capture `name` reads as a date.
fn date_value(ctx: &Context, ids: &[usize], names: &[&str]) -> Option<(usize, PartialDate)> {
    ids.iter().find_map(|&i| {
        names.iter().find_map(|name| {
            let v = ctx.value(i, name)?.as_str()?;
            read_date(v).map(|d| (i, d))
        })
    })
}

/// First clause among `ids` with one of the numeric captures `names`.
fn number_value(ctx: &Context, ids: &[usize], names: &[&str]) -> Option<(usize, f64)> {
    ids.iter().find_map(|&i| {
        names
            .iter()
            .find_map(|n| ctx.value(i, n).and_then(Value::as_f64).map(|v| (i, v)))
    })
}

/// The preamble, cut at a character boundary.
fn preamble<'a>(ctx: &Context<'a>) -> &'a str {
    let mut end = ctx.text.len().min(PREAMBLE);
    while !ctx.text.is_char_boundary(end) {
        end -= 1;
    }
    &ctx.text[..end]
}

/// The first full date of the preamble that is not the filing stamp the
/// document was published under ("Source: ACME CORP, 10-K, 3/1/2012").
fn preamble_date(ctx: &Context) -> Option<PartialDate> {
    // "1s t day of June" reads once the ordinal is whole again; the join keeps
    // the filing-stamp test below meaningful (it only looks back on the line)
    let joined = join_split_ordinals(preamble(ctx));
    let text = joined.as_ref();
    date::find_dates(text)
        .into_iter()
        .filter(|(_, d)| d.day.is_some())
        .find(|(r, _)| {
            let line_start = text[..r.start].rfind('\n').map_or(0, |p| p + 1);
            let mut from = line_start.max(r.start.saturating_sub(120));
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let before = &text[from..r.start];
            !before.to_ascii_lowercase().contains("source:")
        })
        .map(|(_, d)| d)
}

/// The first full date written on a "Date:" line (signature blocks).
fn signature_date(ctx: &Context) -> Option<PartialDate> {
    DATE_LINE.find_iter(ctx.text).find_map(|m| {
        let mut end = (m.end() + 40).min(ctx.text.len());
        while !ctx.text.is_char_boundary(end) {
            end -= 1;
        }
        let (range, d) = date::find_dates(&ctx.text[m.end()..end])
            .into_iter()
            .next()?;
        (range.start == 0 && d.day.is_some()).then_some(d)
    })
}

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let t = &mut terms.term;
    let agreement = ctx.find("term", &["agreement_date"]);
    let effective = ctx.find("term", &["effective_date"]);
    let mut sources: Vec<(&str, Vec<usize>)> = Vec::new();

    // a dated clause near the top states the agreement date; one further down
    // (a recital about an earlier agreement) yields to a date on the cover
    let (near, far): (Vec<usize>, Vec<usize>) = agreement
        .iter()
        .partition(|&&i| ctx.spans[i].start < 2 * PREAMBLE);
    let agreement_date = date_value(ctx, &near, &["agreement_on"])
        .map(|(i, d)| {
            sources.push(("term.agreement_date", vec![i]));
            d
        })
        .or_else(|| preamble_date(ctx))
        .or_else(|| {
            date_value(ctx, &far, &["agreement_on"]).map(|(i, d)| {
                sources.push(("term.agreement_date", vec![i]));
                d
            })
        })
        .or_else(|| signature_date(ctx));
    let effective_date = date_value(ctx, &effective, &EFFECTIVE_NAMES)
        .or_else(|| date_value(ctx, &effective, &["commencement_on"]))
        .map(|(i, d)| {
            sources.push(("term.effective_date", vec![i]));
            d
        })
        .or_else(|| ctx.definition("Effective Date").and_then(date::parse_date))
        .or(agreement_date);
    t.agreement_date = agreement_date.map(|d| d.iso());
    t.effective_date = effective_date.map(|d| d.iso());

    let initial = ctx.find("term", &["initial", "expiration"]);
    let months = number_value(ctx, &initial, &TERM_MONTHS).or_else(|| {
        initial.iter().find_map(|&i| {
            let years = match ctx.value(i, "anniversary_ordinal").and_then(Value::as_str) {
                Some(raw) => anniversary_years(raw),
                None => ctx.value(i, "end_year_number").and_then(Value::as_f64),
            };
            years.map(|y| (i, y * 12.0))
        })
    });
    if let Some((i, m)) = months {
        t.initial_term_months = Some(m);
        sources.push(("term.initial_term_months", vec![i]));
    }
    let ends_with = |what: &str| {
        initial
            .iter()
            .copied()
            .find(|&i| ctx.value(i, "ends_with").and_then(Value::as_str) == Some(what))
    };
    if let Some((i, d)) = date_value(ctx, &initial, &["expiration_on"]) {
        t.expiration_date = Some(d.iso());
        t.expiration_basis = Some("stated".into());
        sources.push(("term.expiration_date", vec![i]));
    } else if let (Some(m), Some(eff)) = (t.initial_term_months, effective_date) {
        // "five years from the Effective Date" ends on the fifth anniversary
        // a year-only date moves by whole years only
        if m.fract() == 0.0 && (eff.month.is_some() || m % 12.0 == 0.0) {
            t.expiration_date = Some(eff.add_months(m as i32).iso());
            t.expiration_basis = Some("computed".into());
        }
    } else if let Some(i) = ends_with("patent_expiry") {
        t.expiration_basis = Some("patent_expiry".into());
        sources.push(("term.expiration_basis", vec![i]));
    }

    let perpetual = ctx.find("term", &["perpetual"]);
    let perpetual_grant = ctx.find("license_grant", &["perpetual"]);
    let open_ended = t.expiration_date.is_none() && t.initial_term_months.is_none();
    // "until terminated" or "until the Lease ends": no fixed end, unless a
    // stated period or date already gives one
    let until_event = ends_with("until_terminated")
        .or_else(|| ends_with("event"))
        .filter(|_| open_ended);
    if !perpetual.is_empty() || !perpetual_grant.is_empty() || until_event.is_some() {
        t.perpetual = Some(true);
        sources.push((
            "term.perpetual",
            perpetual
                .iter()
                .chain(&perpetual_grant)
                .chain(&until_event)
                .copied()
                .collect(),
        ));
    } else if !initial.is_empty() || t.expiration_basis.is_some() {
        t.perpetual = Some(false);
    }

    let renewal = ctx.find("term", &["renewal"]);
    if !renewal.is_empty() {
        t.auto_renewal = Some(true);
        sources.push(("term.auto_renewal", renewal.clone()));
        let by_unit = || {
            renewal.iter().find_map(|&i| {
                let unit = ctx.value(i, "renewal_unit")?.as_str()?.to_ascii_lowercase();
                let months = if unit.starts_with("month") { 1.0 } else { 12.0 };
                Some((i, months))
            })
        };
        if let Some((i, m)) = number_value(ctx, &renewal, &["renewal_months"]).or_else(by_unit) {
            t.renewal_term_months = Some(m);
            sources.push(("term.renewal_term_months", vec![i]));
        }
    }
    let notice = ctx.find("term", &["renewal_notice"]);
    if let Some((i, d)) = number_value(ctx, &notice, &NOTICE_DAYS)
        .or_else(|| number_value(ctx, &renewal, &NOTICE_DAYS))
    {
        t.renewal_notice_days = Some(d);
        sources.push(("term.renewal_notice_days", vec![i]));
    }
    for (field, ids) in sources {
        cite(terms, field, ids);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(raw: &str) -> Option<String> {
        read_date(raw).map(|d| d.iso())
    }

    #[test]
    fn a_split_ordinal_is_joined() {
        assert_eq!(iso("14t h day of May, 2012").as_deref(), Some("2012-05-14"));
        assert_eq!(iso("1 st day of June 2004").as_deref(), Some("2004-06-01"));
    }

    #[test]
    fn a_dotted_date_is_day_first() {
        assert_eq!(iso("3.7.2015").as_deref(), Some("2015-07-03"));
    }

    #[test]
    fn a_blank_template_keeps_only_what_it_states() {
        assert_eq!(iso("[ ], 2021").as_deref(), Some("2021"));
        assert_eq!(iso("day of , 2009").as_deref(), Some("2009"));
        assert_eq!(iso("October __, 2016").as_deref(), Some("2016-10"));
    }

    #[test]
    fn the_last_day_of_a_month_is_a_full_date() {
        assert_eq!(
            iso("the last day of February, 2024").as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn anniversaries_count_years() {
        assert_eq!(anniversary_years("fifth (5th)"), Some(5.0));
        assert_eq!(anniversary_years("third"), Some(3.0));
        assert_eq!(anniversary_years("four-year"), Some(4.0));
        assert_eq!(anniversary_years("twentieth"), Some(20.0));
        assert_eq!(anniversary_years("10t h"), Some(10.0));
    }
}
