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

/// Month-day-year with dashes, as signature blocks write it ("7-29-10").
static DASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([0-9]{1,2})-([0-9]{1,2})-([0-9]{4}|[0-9]{2})(?-u:\b)")
        .expect("fixed pattern compiles")
});

/// A line of the cover or preamble that holds only a date, perhaps with
/// blanks ("March 3, 2012", "___________ __, 2000", ", 2006"), or the
/// title and its date ("LICENCE AGREEMENT   , 2009").
static DATE_ONLY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    const MONTH: &str = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
    let pattern = format!(
        r"(?mi)^[ \t]*(?-i:[A-Z][A-Z \t]*(?:AGREEMENT|CONTRACT|LICEN[CS]E)[ \t]+)?((?:{MONTH}[ \t]*(?:[0-9]{{1,2}}(?:st|nd|rd|th)?|_+)?[ \t]*,?|(?:_+[ \t]*)*_+[ \t]*,|,|[0-9]{{1,2}}(?:st|nd|rd|th)?[ \t]+{MONTH}[ \t]*,?)[ \t]*(?:19|20)[0-9]{{2}})[ \t]*\r?$"
    );
    Regex::new(&pattern).expect("fixed pattern compiles")
});

/// Where the preamble gives way to recitals: a date after this point is
/// about something else (an earlier agreement, a defined period).
static PREAMBLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:whereas|recitals?|background|witnesseth|now,?\s+therefore|in\s+witness)\b|/s/|\bby\s*:")
        .expect("fixed pattern compiles")
});

/// A recital ("WHEREAS, the parties entered into an agreement dated ...").
static RECITAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bwhereas\b").expect("fixed pattern compiles"));

/// What marks a date in a signature block: a "Date" label, a "/s/"
/// signature, or the testimonium that introduces the block.
static SIGNATURE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bdate[ \t]*(?::|\))|\(date\)|\bdate[ \t]*(?:\r?\n|$)|\bdate[ \t]{2,}|/s/|\bin\s+witness\s+whereof\b")
        .expect("fixed pattern compiles")
});

/// Words before "Date" that make it some other date ("Effective Date:").
static NOT_SIGNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:effective|commencement|termination|expiration|expiry|start|end|closing|completion|delivery|launch|due|payment|invoice|shipping|ship|filing|renewal|target|anniversary|record|the|this|such|that|any|each|which|a|of|on|by)[ \t]*$")
        .expect("fixed pattern compiles")
});

/// A sentence about not renewing ("notice of non-renewal", "elect not to
/// renew").
static NONRENEWAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bnon-?\s?renewal\b|\bnot\s+(?:to\s+)?(?:be\s+)?renew")
        .expect("fixed pattern compiles")
});

/// How far from its cue a signature date may be written.
const SIGNATURE_REACH: usize = 100;

/// How far the testimonium ("IN WITNESS WHEREOF") reaches into the block.
const TESTIMONIUM_REACH: usize = 1500;

/// "the last day of February, 2023": the month's last day.
static LAST_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?last\s+day\s+(?:of|in)\s+").expect("fixed pattern compiles")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)[0-9]{2})\b").expect("fixed pattern compiles"));

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
    if let Some(c) = DASHED
        .captures(&joined)
        .filter(|c| c[0].len() == joined.len())
    {
        return dashed(&c);
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

/// A dashed month-day-year ("7-29-10", "04-01-2006").
fn dashed(c: &regex::Captures<'_>) -> Option<PartialDate> {
    let (m, d, y) = (
        c[1].parse::<u32>().ok()?,
        c[2].parse::<u32>().ok()?,
        c[3].parse::<i32>().ok()?,
    );
    let y = match (c[3].len(), y) {
        (2, y) if y < 50 => 2000 + y,
        (2, y) => 1900 + y,
        (_, y) => y,
    };
    date::parse_date(&format!("{y:04}-{m:02}-{d:02}"))
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

/// Whether a clause's date (the first of `names` it captured) is written in
/// a recital: after a "WHEREAS" of the same sentence.
fn in_recital(ctx: &Context, i: usize, names: &[&str]) -> bool {
    let text = ctx.clean_text(i);
    let Some(raw) = names
        .iter()
        .find_map(|n| ctx.value(i, n).and_then(Value::as_str))
    else {
        return false;
    };
    let at = text.find(raw).unwrap_or(0);
    RECITAL.is_match(&text[..at])
}

/// The preamble up to the recitals (or, in a short agreement, up to its
/// signature block).
fn preamble_before_recitals<'a>(ctx: &Context<'a>) -> &'a str {
    let p = preamble(ctx);
    PREAMBLE_END.find(p).map_or(p, |m| &p[..m.start()])
}

/// A line near the top holding only a date (a title's date line, perhaps
/// with blanks for what was still to be filled in).
fn date_line(ctx: &Context) -> Option<PartialDate> {
    let top = preamble_before_recitals(ctx);
    DATE_ONLY_LINE
        .captures_iter(top)
        .find_map(|c| read_date(c.get(1)?.as_str()))
}

/// Every date written in a signature block, to the month at least.
fn signature_dates(text: &str) -> Vec<PartialDate> {
    let cues: Vec<(usize, usize)> = SIGNATURE_CUE
        .find_iter(text)
        .filter(|m| {
            let cue = m.as_str().to_ascii_lowercase();
            let mut from = m.start().saturating_sub(40);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            !cue.starts_with("date") || !NOT_SIGNING.is_match(&text[from..m.start()])
        })
        .map(|m| {
            let reach = if m.as_str().len() > 10 {
                TESTIMONIUM_REACH
            } else {
                SIGNATURE_REACH
            };
            (m.start().saturating_sub(SIGNATURE_REACH), m.end() + reach)
        })
        .collect();
    if cues.is_empty() {
        return Vec::new();
    }
    let near_cue = |r: &std::ops::Range<usize>| {
        cues.iter().any(|&(a, b)| r.start < b && r.end > a) && !filing_stamp(text, r.start)
    };
    let mut found: Vec<PartialDate> = date::find_dates(text)
        .into_iter()
        .filter(|(r, d)| d.month.is_some() && near_cue(r))
        .map(|(_, d)| d)
        .collect();
    found.extend(
        DASHED
            .captures_iter(text)
            .filter(|c| c.get(0).is_some_and(|m| near_cue(&m.range())))
            .filter_map(|c| dashed(&c)),
    );
    found
}

/// Whether the date at `at` is the filing stamp a document was published
/// under ("Source: ACME CORP, 10-K, 3/1/2012"), judged by its line.
fn filing_stamp(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let mut from = line_start.max(at.saturating_sub(120));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at].to_ascii_lowercase().contains("source:")
}

/// The first full date of the preamble that is not the filing stamp the
/// document was published under ("Source: ACME CORP, 10-K, 3/1/2012").
fn preamble_date(ctx: &Context) -> Option<PartialDate> {
    // "1s t day of June" reads once the ordinal is whole again; the join keeps
    // the filing-stamp test below meaningful (it only looks back on the line)
    let joined = join_split_ordinals(preamble_before_recitals(ctx));
    let text = joined.as_ref();
    date::find_dates(text)
        .into_iter()
        .filter(|(_, d)| d.day.is_some())
        .find(|(r, _)| !filing_stamp(text, r.start))
        .map(|(_, d)| d)
}

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let t = &mut terms.term;
    let agreement = ctx.find("term", &["agreement_date"]);
    let effective = ctx.find("term", &["effective_date"]);
    let mut sources: Vec<(&str, Vec<usize>)> = Vec::new();

    // a recital's date is an earlier agreement's
    let (agreement, effective): (Vec<usize>, Vec<usize>) = (
        agreement
            .into_iter()
            .filter(|&i| !in_recital(ctx, i, &["agreement_made_on", "agreement_on"]))
            .collect(),
        effective
            .into_iter()
            .filter(|&i| !in_recital(ctx, i, &EFFECTIVE_NAMES))
            .collect(),
    );
    // read the signature blocks once, and only if a fallback needs them
    let signatures = std::cell::OnceCell::new();
    let latest_signature =
        || *signatures.get_or_init(|| signature_dates(ctx.text).into_iter().max());
    // "effective on the date of the last signature": the signature block dates it
    let on_signature = effective
        .iter()
        .copied()
        .find(|&i| ctx.value(i, "effective_when").and_then(Value::as_str) == Some("signature"));

    let stated_effective = date_value(ctx, &effective, &EFFECTIVE_NAMES)
        .or_else(|| date_value(ctx, &effective, &["commencement_on"]));
    let signed_effective = |agreement_date: Option<PartialDate>| {
        let i = on_signature?;
        // "effective on the date of execution" is the date the agreement
        // is dated, when it has one; "the date of the last signature" is not
        if ctx.value(i, "signature_weak").is_some() && agreement_date.is_some() {
            return None;
        }
        let d = latest_signature()?;
        let after = ctx.value(i, "after_signature").is_some();
        Some((i, if after { d.add_days(1) } else { d }))
    };

    // a dated clause near the top states the agreement date; one further down
    // (a recital about an earlier agreement) yields to a date on the cover
    let (near, far): (Vec<usize>, Vec<usize>) = agreement
        .iter()
        .partition(|&&i| ctx.spans[i].start < 2 * PREAMBLE);
    // "made this 22 day of June" outranks the "dated" of an amended agreement
    const AGREEMENT_NAMES: [&str; 2] = ["agreement_made_on", "agreement_on"];
    let near_effective = stated_effective.filter(|&(i, _)| ctx.spans[i].start < 2 * PREAMBLE);
    let agreement_date = date_value(ctx, &near, &AGREEMENT_NAMES)
        .map(|(i, d)| {
            sources.push(("term.agreement_date", vec![i]));
            d
        })
        .or_else(|| date_line(ctx))
        .or_else(|| {
            near_effective.map(|(i, d)| {
                sources.push(("term.agreement_date", vec![i]));
                d
            })
        })
        .or_else(|| preamble_date(ctx))
        .or_else(|| on_signature.and_then(|_| latest_signature()))
        .or_else(|| {
            date_value(ctx, &far, &AGREEMENT_NAMES).map(|(i, d)| {
                sources.push(("term.agreement_date", vec![i]));
                d
            })
        })
        .or_else(latest_signature);
    // "effective on the date first above written", said before any other
    // effective date, is the agreement date
    let first_written = effective
        .iter()
        .copied()
        .find(|&i| ctx.value(i, "effective_when").and_then(Value::as_str) == Some("first_written"));
    let stated_effective = match (first_written, stated_effective, agreement_date) {
        (Some(f), Some((i, _)), Some(d)) if f < i => Some((f, d)),
        (Some(f), None, Some(d)) => Some((f, d)),
        _ => stated_effective,
    };
    let effective_date = stated_effective
        .or_else(|| signed_effective(agreement_date))
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
        // "five years from the Effective Date" ends on the fifth anniversary;
        // a year-only date moves by whole years ("six months from [ ], 2004"
        // ends in 2004 as far as the text tells)
        if m.fract() == 0.0 {
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
        } else if let Some(m) = t.initial_term_months {
            // "renews automatically on the same terms": a renewal states no
            // length of its own, so it runs as long as the initial term
            t.renewal_term_months = Some(m);
        }
    }
    // a sentence about not renewing is the best evidence of the notice that
    // stops a renewal (others may be reminders or notices of other things)
    let mut notice = ctx.find("term", &["renewal_notice"]);
    notice.sort_by_key(|&i| !NONRENEWAL.is_match(ctx.clean_text(i)));
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
    fn a_dashed_date_is_month_first() {
        assert_eq!(iso("7-29-10").as_deref(), Some("2010-07-29"));
        assert_eq!(iso("04-01-2006").as_deref(), Some("2006-04-01"));
    }

    #[test]
    fn a_date_line_may_be_blank_or_follow_the_title() {
        let line = |t: &str| {
            DATE_ONLY_LINE
                .captures(t)
                .and_then(|c| read_date(c.get(1)?.as_str()))
                .map(|d| d.iso())
        };
        assert_eq!(
            line("SUPPLY AGREEMENT\n\n, 2006\n").as_deref(),
            Some("2006")
        );
        assert_eq!(line("x\n   ________ __, 2001\n").as_deref(), Some("2001"));
        assert_eq!(line("AGENCY AGREEMENT   , 2009\n").as_deref(), Some("2009"));
        assert_eq!(line("\nMarch 3, 2012\n").as_deref(), Some("2012-03-03"));
        assert_eq!(line("The fee was paid on March 3, 2012.\n"), None);
        assert_eq!(line("2012\n"), None);
    }

    #[test]
    fn signature_dates_are_those_by_a_date_label_or_signature() {
        let block = "By: /s/ A. Smith\nDate: 7/1/98   Date: 7-7-98\n\nSource: ACME, 10-K, 3/1/2012";
        let mut got: Vec<String> = signature_dates(block).iter().map(|d| d.iso()).collect();
        got.sort();
        assert_eq!(got, vec!["1998-07-01", "1998-07-07"]);
        assert!(signature_dates("Payment is due on March 1, 2010.").is_empty());
        assert!(
            signature_dates("The parties agree that the\nEffective Date: 1/1/2030\n").is_empty()
        );
    }

    /// The term summary of a text, with the term pack as shipped.
    fn summary(text: &str) -> crate::record::TermTerms {
        super::super::terms_with_packs(&["term.toml"], text).term
    }

    #[test]
    fn an_agreement_effective_on_the_last_signature_takes_the_latest_signature_date() {
        let t = summary(
            "SUPPLY AGREEMENT\n\nThis Agreement between Maker and Dealer is effective as of the date last signed below.\n\n\
             The term of this Agreement shall be two (2) years from the Effective Date.\n\n\
             MAKER                      DEALER\nBy: /s/ A. Smith           By: /s/ B. Jones\n\
             Date: 3/2/2015             Date: 3/9/2015\n",
        );
        assert_eq!(t.effective_date.as_deref(), Some("2015-03-09"));
        assert_eq!(t.agreement_date.as_deref(), Some("2015-03-09"));
        assert_eq!(t.expiration_date.as_deref(), Some("2017-03-09"));
    }

    #[test]
    fn the_day_after_the_last_signature_is_one_day_later() {
        let t = summary(
            "This Agreement is effective beginning on the day after the date of last signature hereto.\n\n\
             By: /s/ A. Smith  Date: 5/30/2011\n",
        );
        assert_eq!(t.effective_date.as_deref(), Some("2011-05-31"));
    }

    #[test]
    fn a_recital_date_is_not_the_agreement_date() {
        let t = summary(
            "LICENCE AGREEMENT\n\nRECITALS\n\nWHEREAS, the parties entered into a supply agreement dated June 1, 2001; and\n\n\
             IN WITNESS WHEREOF the parties have executed this Agreement as of this 4th day of May, 2009.\n",
        );
        assert_eq!(t.agreement_date.as_deref(), Some("2009-05-04"));
    }

    #[test]
    fn the_made_date_outranks_the_date_of_an_amended_agreement() {
        let t = summary(
            "This Second Amendment to the Supply Agreement dated May 2, 2015 between Maker and Dealer is made this 9 day of July 2019.\n",
        );
        assert_eq!(t.agreement_date.as_deref(), Some("2019-07-09"));
    }

    #[test]
    fn a_blank_dated_title_line_gives_the_year() {
        let t = summary(
            "AGENCY AGREEMENT\n\n, 2006\n\nDear Sirs:\n\nThe Company proposes to sell shares.\n",
        );
        assert_eq!(t.agreement_date.as_deref(), Some("2006"));
    }

    #[test]
    fn a_renewal_without_its_own_length_runs_as_long_as_the_initial_term() {
        let t = summary(
            "This Agreement shall be for a term of two (2) years; thereafter it shall renew automatically on the same terms.\n",
        );
        assert_eq!(t.initial_term_months, Some(24.0));
        assert_eq!(t.renewal_term_months, Some(24.0));
    }

    #[test]
    fn a_non_renewal_sentence_gives_the_notice_over_a_reminder() {
        let t = summary(
            "The Vendor shall send a renewal notice to the Client at least twelve (12) months prior to the expiration of the Initial Term.\n\
             This Agreement renews automatically for one year terms unless the Client gives sixty (60) days notice of non-renewal before the end of the term.\n",
        );
        assert_eq!(t.renewal_notice_days, Some(60.0));
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
