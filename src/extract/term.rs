//! Term summary: agreement and effective dates, initial term, expiration
//! (stated, or computed from effective date + initial term), perpetuity and
//! renewal. Dates come from rule captures first; the agreement date falls back
//! to the first full date in the preamble, where agreements state it.

use super::{cite, Context};
use crate::normalize::date::{self, PartialDate};
use crate::record::Terms;
use serde_json::Value;

/// How much of the document start counts as the preamble.
const PREAMBLE: usize = 2500;

fn date_value(ctx: &Context, ids: &[usize], name: &str) -> Option<(usize, PartialDate)> {
    ids.iter().find_map(|&i| {
        let v = ctx.value(i, name)?.as_str()?;
        date::parse_date(v).map(|d| (i, d))
    })
}

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let t = &mut terms.term;
    let agreement = ctx.find("term", &["agreement_date"]);
    let effective = ctx.find("term", &["effective_date"]);
    let mut sources: Vec<(&str, Vec<usize>)> = Vec::new();

    let agreement_date = date_value(ctx, &agreement, "agreement_date")
        .map(|(i, d)| {
            sources.push(("term.agreement_date", vec![i]));
            d
        })
        .or_else(|| {
            let mut end = ctx.text.len().min(PREAMBLE);
            while !ctx.text.is_char_boundary(end) {
                end -= 1;
            }
            date::find_dates(&ctx.text[..end])
                .into_iter()
                .find(|(_, d)| d.day.is_some())
                .map(|(_, d)| d)
        });
    let effective_date = date_value(ctx, &effective, "effective_date")
        .or_else(|| date_value(ctx, &effective, "defined_date"))
        .map(|(i, d)| {
            sources.push(("term.effective_date", vec![i]));
            d
        })
        .or_else(|| ctx.definition("Effective Date").and_then(date::parse_date))
        .or(agreement_date);
    t.agreement_date = agreement_date.map(|d| d.iso());
    t.effective_date = effective_date.map(|d| d.iso());

    let initial = ctx.find("term", &["initial", "expiration"]);
    if let Some((i, m)) = ctx.first_number(&initial, "term_months") {
        t.initial_term_months = Some(m);
        sources.push(("term.initial_term_months", vec![i]));
    }
    if let Some((i, d)) = date_value(ctx, &initial, "expiration_date") {
        t.expiration_date = Some(d.iso());
        t.expiration_basis = Some("stated".into());
        sources.push(("term.expiration_date", vec![i]));
    } else if let (Some(m), Some(eff)) = (t.initial_term_months, effective_date) {
        if m.fract() == 0.0 && eff.month.is_some() {
            let exp = eff.add_months(m as i32).add_days(-1);
            t.expiration_date = Some(exp.iso());
            t.expiration_basis = Some("computed".into());
        }
    } else if let Some(&i) = initial
        .iter()
        .find(|&&i| ctx.value(i, "ends_with").and_then(Value::as_str) == Some("patent_expiry"))
    {
        t.expiration_basis = Some("patent_expiry".into());
        sources.push(("term.expiration_basis", vec![i]));
    }

    let perpetual = ctx.find("term", &["perpetual"]);
    let perpetual_grant = ctx.find("license_grant", &["perpetual"]);
    if !perpetual.is_empty() || !perpetual_grant.is_empty() {
        t.perpetual = Some(true);
        sources.push((
            "term.perpetual",
            perpetual.iter().chain(&perpetual_grant).copied().collect(),
        ));
    } else if !initial.is_empty() || t.expiration_basis.is_some() {
        t.perpetual = Some(false);
    }

    let renewal = ctx.find("term", &["renewal"]);
    if !renewal.is_empty() {
        t.auto_renewal = Some(true);
        sources.push(("term.auto_renewal", renewal.clone()));
        if let Some((i, m)) = ctx.first_number(&renewal, "renewal_months") {
            t.renewal_term_months = Some(m);
            sources.push(("term.renewal_term_months", vec![i]));
        }
    }
    let notice = ctx.find("term", &["renewal_notice"]);
    if let Some((i, d)) = ctx
        .first_number(&notice, "notice_days")
        .or_else(|| ctx.first_number(&renewal, "notice_days"))
    {
        t.renewal_notice_days = Some(d);
        sources.push(("term.renewal_notice_days", vec![i]));
    }
    for (field, ids) in sources {
        cite(terms, field, ids);
    }
}
