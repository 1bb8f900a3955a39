//! The review report: one self-contained HTML file (inline CSS, JS and SVG, a
//! Content-Security-Policy that forbids any network access) with a sortable,
//! filterable, paginated portfolio table, an expiry timeline and a
//! royalty-rate histogram, the findings, and a view per agreement that shows
//! its text with every clause highlighted. Agreement texts sit in inert
//! `<script type="application/json">` blocks, one per distinct text, and are
//! rendered only when that agreement is opened, so the page stays fast at
//! thousands of agreements.

use super::calendar::Day;
use super::findings::{Finding, FindingKind, Options};
use super::view::Agreement;
use super::CompareError;
use crate::ingest::{self, Limits};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// Where an agreement's text comes from in the report.
#[derive(Debug, Clone)]
pub enum DocText {
    /// The text clause offsets refer to; `base_offset` is subtracted from them.
    Text { text: String, base_offset: usize },
    /// The same text as an earlier agreement (same SHA-256).
    Same(usize),
    /// No text: the report shows the clauses' own text and says why.
    Missing(String),
}

/// Whether `text` is what the clauses were extracted from: every clause's
/// text must sit at its offsets.
fn text_matches(a: &Agreement, text: &str, base: usize) -> bool {
    a.clauses.iter().all(|c| {
        c.start >= base
            && text
                .get(c.start - base..c.end.saturating_sub(base))
                .is_some_and(|t| t == c.text)
    })
}

fn read_text(a: &Agreement, limits: &Limits) -> DocText {
    if !a.is_ok() {
        return DocText::Missing("the document could not be read".into());
    }
    let path = Path::new(&a.document.path);
    if !path.exists() {
        return DocText::Missing(format!("{} is no longer there", a.document.path));
    }
    match ingest::ingest(path, &a.document.path, limits) {
        Ok(doc) if text_matches(a, &doc.text, doc.base_offset) => DocText::Text {
            text: doc.text,
            base_offset: doc.base_offset,
        },
        Ok(_) => DocText::Missing(format!(
            "{} changed since it was extracted",
            a.document.path
        )),
        Err(f) => DocText::Missing(format!(
            "{} cannot be read now: {}",
            a.document.path, f.error
        )),
    }
}

/// Reads each distinct agreement text once (by SHA-256), in parallel, until
/// `budget_bytes` of text is embedded; past the budget an agreement shows its
/// clauses only.
pub fn load_texts(agreements: &[Agreement], limits: &Limits, budget_bytes: usize) -> Vec<DocText> {
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    let mut plan: Vec<Option<usize>> = Vec::with_capacity(agreements.len());
    for (i, a) in agreements.iter().enumerate() {
        let same = a
            .document
            .sha256
            .as_deref()
            .filter(|s| !s.is_empty())
            .and_then(|s| match first_of.get(s) {
                Some(&j) => Some(j),
                None => {
                    first_of.insert(s, i);
                    None
                }
            });
        plan.push(same);
    }
    let mut texts: Vec<DocText> = plan
        .par_iter()
        .enumerate()
        .map(|(i, same)| match same {
            Some(j) => DocText::Same(*j),
            None => read_text(&agreements[i], limits),
        })
        .collect();
    let mut used = 0usize;
    for t in texts.iter_mut() {
        if let DocText::Text { text, .. } = t {
            used += text.len();
            if used > budget_bytes {
                *t = DocText::Missing(format!(
                    "text not embedded: the report's text budget ({} MB) was used up",
                    budget_bytes >> 20
                ));
            }
        }
    }
    // an agreement pointing at a text that was dropped loses it too
    for i in 0..texts.len() {
        if let DocText::Same(j) = texts[i] {
            if let DocText::Missing(why) = &texts[j] {
                texts[i] = DocText::Missing(why.clone());
            }
        }
    }
    texts
}

/// Byte offsets -> UTF-16 offsets (what JavaScript strings index by).
fn utf16_positions(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let (mut b, mut u) = (0usize, 0usize);
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = bytes[i].min(text.len());
        while let Some(&(pos, ch)) = chars.peek() {
            if pos + ch.len_utf8() > target {
                break;
            }
            b = pos + ch.len_utf8();
            u += ch.len_utf16();
            chars.next();
        }
        let _ = b;
        out[i] = u;
    }
    out
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

/// The terms shown on an agreement's page: label, value, supporting clauses.
fn term_rows(a: &Agreement) -> Vec<Value> {
    let t = &a.terms;
    let join = |v: &[String]| v.join(", ");
    let fmt = |v: &[f64]| {
        v.iter()
            .map(|x| format!("{x}%"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut territory = a.sources_of("territory");
    if territory.is_empty() && !t.territory.codes.is_empty() {
        territory = a.clauses_of("territory", None);
    }
    let rows: Vec<(&str, String, Vec<usize>)> = vec![
        (
            "Exclusivity",
            opt(t.exclusivity.as_deref()),
            a.sources_of("exclusivity"),
        ),
        (
            "Sublicensable",
            opt(t.sublicensable),
            a.sources_of("sublicensable"),
        ),
        ("Territory", join(&t.territory.codes), territory),
        (
            "Territory excluded",
            join(&t.territory.excluded_codes),
            Vec::new(),
        ),
        (
            "Field of use",
            if t.field_of_use.restricted == Some(true) {
                t.field_of_use.fields.join(" | ")
            } else {
                opt(t
                    .field_of_use
                    .restricted
                    .map(|r| if r { "restricted" } else { "unrestricted" }))
            },
            a.sources_of("field_of_use"),
        ),
        (
            "Agreement date",
            opt(t.term.agreement_date.as_deref()),
            a.sources_of("term.agreement_date"),
        ),
        (
            "Effective date",
            opt(t.term.effective_date.as_deref()),
            a.sources_of("term.effective_date"),
        ),
        (
            "Expiration date",
            match (&t.term.expiration_date, &t.term.expiration_basis) {
                (Some(d), Some(b)) => format!("{d} ({b})"),
                (Some(d), None) => d.clone(),
                (None, Some(b)) => b.clone(),
                _ => String::new(),
            },
            {
                let mut v = a.sources_of("term.expiration_date");
                v.extend(a.sources_of("term.initial_term_months"));
                v
            },
        ),
        (
            "Initial term (months)",
            opt(t.term.initial_term_months),
            a.sources_of("term.initial_term_months"),
        ),
        (
            "Perpetual",
            opt(t.term.perpetual),
            a.sources_of("term.perpetual"),
        ),
        (
            "Auto-renewal",
            opt(t.term.auto_renewal),
            a.sources_of("term.auto_renewal"),
        ),
        (
            "Renewal term (months)",
            opt(t.term.renewal_term_months),
            a.sources_of("term.renewal_term_months"),
        ),
        (
            "Renewal notice (days)",
            opt(t.term.renewal_notice_days),
            a.sources_of("term.renewal_notice_days"),
        ),
        (
            "Royalty rates",
            fmt(&t.royalty.rates_percent),
            a.sources_of("royalty.rates_percent"),
        ),
        (
            "Royalty base",
            opt(t.royalty.base.as_deref()),
            a.sources_of("royalty.base"),
        ),
        (
            "Fixed fees",
            t.royalty
                .fixed_fees
                .iter()
                .map(|m| format!("{} {}", m.amount, m.currency))
                .collect::<Vec<_>>()
                .join(", "),
            a.sources_of("royalty.fixed_fees"),
        ),
        (
            "Minimum royalty",
            opt(t.royalty.minimum),
            a.sources_of("royalty.minimum"),
        ),
        (
            "Audit rights",
            opt(t.royalty.audit_rights),
            a.sources_of("royalty.audit_rights"),
        ),
        (
            "Improvements owner",
            opt(t.improvements.owner.as_deref()),
            a.sources_of("improvements"),
        ),
        (
            "Termination for breach",
            match (t.termination.for_breach, t.termination.breach_cure_days) {
                (Some(b), Some(d)) => format!("{b} (cure {d} days)"),
                (b, _) => opt(b),
            },
            a.sources_of("termination.for_breach"),
        ),
        (
            "Termination for convenience",
            match (
                t.termination.for_convenience,
                t.termination.convenience_notice_days,
            ) {
                (Some(b), Some(d)) => format!("{b} ({d} days' notice)"),
                (b, _) => opt(b),
            },
            a.sources_of("termination.for_convenience"),
        ),
        (
            "Termination on insolvency",
            opt(t.termination.insolvency),
            a.sources_of("termination.insolvency"),
        ),
        (
            "Termination on change of control",
            opt(t.termination.change_of_control),
            a.sources_of("termination.change_of_control"),
        ),
        (
            "Governing law",
            match (&t.governing_law.code, &t.governing_law.name) {
                (Some(c), Some(n)) => format!("{c} ({n})"),
                (c, _) => opt(c.as_deref()),
            },
            a.sources_of("governing_law"),
        ),
    ];
    rows.into_iter().map(|(l, v, s)| json!([l, v, s])).collect()
}

/// One agreement's page data: text (or a pointer to an identical one), clauses
/// with UTF-16 offsets for highlighting, and its terms with their sources.
fn doc_blob(a: &Agreement, i: usize, texts: &[DocText]) -> Value {
    let positions = |text: &str, base: usize| {
        let mut bytes = Vec::with_capacity(a.clauses.len() * 2);
        for c in &a.clauses {
            bytes.push(c.start.saturating_sub(base));
            bytes.push(c.end.saturating_sub(base));
        }
        utf16_positions(text, &bytes)
    };
    let (text_val, same, note, positions) = match texts.get(i) {
        Some(DocText::Text { text, base_offset }) => (
            json!(text),
            Value::Null,
            Value::Null,
            Some(positions(text, *base_offset)),
        ),
        Some(DocText::Same(j)) => match texts.get(*j) {
            // the same bytes, but check: the clauses may come from another run
            Some(DocText::Text { text, base_offset }) if text_matches(a, text, *base_offset) => (
                Value::Null,
                json!(j),
                Value::Null,
                Some(positions(text, *base_offset)),
            ),
            _ => (Value::Null, Value::Null, json!("text not available"), None),
        },
        Some(DocText::Missing(why)) => (Value::Null, Value::Null, json!(why), None),
        None => (Value::Null, Value::Null, json!("text not available"), None),
    };
    let clauses: Vec<Value> = a
        .clauses
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let (s, e) = positions.as_ref().map_or((Value::Null, Value::Null), |p| {
                (json!(p[2 * n]), json!(p[2 * n + 1]))
            });
            // with no text of its own the clause brings its text along
            let own = if positions.is_none() {
                json!(c.text)
            } else {
                Value::Null
            };
            json!([c.ctype, c.kind, c.start, c.end, c.page, c.section, c.rule, s, e, own])
        })
        .collect();
    json!({
        "text": text_val,
        "same": same,
        "note": note,
        "clauses": clauses,
        "terms": term_rows(a),
        "error": a.error.as_ref().map(|e| format!("{}: {}", e.kind, e.message)),
    })
}

/// One table row, as an array (see `COLS` in report.js).
fn table_row(i: usize, a: &Agreement, findings: usize) -> Value {
    let t = &a.terms;
    json!([
        i,
        a.document.path,
        a.status,
        t.exclusivity,
        t.territory.codes.join(" ")
            + &if t.territory.excluded_codes.is_empty() {
                String::new()
            } else {
                format!(" −{}", t.territory.excluded_codes.join(" −"))
            },
        if t.field_of_use.restricted == Some(true) {
            t.field_of_use.fields.first().cloned()
        } else {
            None
        },
        t.term.effective_date,
        t.term
            .expiration_date
            .clone()
            .or_else(|| (t.term.perpetual == Some(true)).then(|| "perpetual".to_string())),
        t.term.auto_renewal,
        t.royalty
            .rates_percent
            .iter()
            .map(|r| format!("{r}%"))
            .collect::<Vec<_>>()
            .join(" "),
        t.royalty.base,
        t.termination.change_of_control,
        t.governing_law.code,
        findings,
        t.sublicensable,
        t.improvements.owner,
    ])
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// JSON safe inside a `<script>` element: no `<` at all (it only occurs in strings).
fn script_json(v: &Value) -> Result<String, CompareError> {
    Ok(serde_json::to_string(v)?.replace('<', "\\u003c"))
}

const CHART_W: f64 = 720.0;
const CHART_H: f64 = 200.0;
const PAD_L: f64 = 40.0;
const PAD_B: f64 = 30.0;

fn bar_chart(
    out: &mut String,
    id: &str,
    title: &str,
    bars: &[(String, usize, String)],
    marker: Option<(f64, String)>,
    note: &str,
) {
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let n = bars.len().max(1) as f64;
    let plot_w = CHART_W - PAD_L - 10.0;
    let plot_h = CHART_H - PAD_B - 20.0;
    let bw = plot_w / n;
    let _ = write!(
        out,
        "<figure class=\"chart\" id=\"{id}\"><figcaption>{}</figcaption><svg viewBox=\"0 0 {CHART_W} {CHART_H}\" role=\"img\" aria-label=\"{}\">",
        esc(title),
        esc(title)
    );
    let base_y = 20.0 + plot_h;
    let _ = write!(
        out,
        "<line x1=\"{PAD_L}\" y1=\"{base_y}\" x2=\"{}\" y2=\"{base_y}\" class=\"axis\"/>",
        CHART_W - 10.0
    );
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"24\" class=\"tick\" text-anchor=\"end\">{}</text>",
        PAD_L - 4.0,
        max as usize
    );
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{base_y}\" class=\"tick\" text-anchor=\"end\">0</text>",
        PAD_L - 4.0
    );
    let label_every = (bars.len() / 12).max(1);
    for (k, (label, count, tip)) in bars.iter().enumerate() {
        let x = PAD_L + k as f64 * bw;
        let h = *count as f64 / max * plot_h;
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" data-label=\"{}\" data-count=\"{count}\"><title>{}</title></rect>",
            x + bw * 0.1,
            base_y - h,
            (bw * 0.8).max(1.0),
            h,
            esc(label),
            esc(tip)
        );
        if k % label_every == 0 {
            let _ = write!(
                out,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + bw / 2.0,
                base_y + 14.0,
                esc(label)
            );
        }
    }
    if let Some((pos, label)) = marker {
        let x = PAD_L + pos * bw;
        let _ = write!(
            out,
            "<line class=\"marker\" x1=\"{x:.1}\" y1=\"14\" x2=\"{x:.1}\" y2=\"{base_y}\"/><text class=\"tick marker-label\" x=\"{:.1}\" y=\"12\">{}</text>",
            x + 3.0,
            esc(&label)
        );
    }
    let _ = write!(out, "</svg><p class=\"note\">{}</p></figure>", esc(note));
}

/// Expirations per quarter, from two years before `as_of` to ten after.
fn expiry_chart(out: &mut String, agreements: &[Agreement], opts: &Options) {
    let first_year = opts.as_of.year() - 2;
    let quarters = 13 * 4;
    let mut counts = vec![0usize; quarters];
    let (mut before, mut after, mut open) = (0, 0, 0);
    for a in agreements.iter().filter(|a| a.is_ok()) {
        match a
            .terms
            .term
            .expiration_date
            .as_deref()
            .and_then(Day::parse_last)
        {
            Some(d) => {
                let q = ((d.year_fraction() - first_year as f64) * 4.0).floor();
                if q < 0.0 {
                    before += 1;
                } else if q as usize >= quarters {
                    after += 1;
                } else {
                    counts[q as usize] += 1;
                }
            }
            None => open += 1,
        }
    }
    let bars: Vec<(String, usize, String)> = counts
        .iter()
        .enumerate()
        .map(|(q, &c)| {
            let y = first_year + (q / 4) as i64;
            let label = if q % 4 == 0 {
                y.to_string()
            } else {
                String::new()
            };
            (label, c, format!("{y} Q{}: {c} expiring", q % 4 + 1))
        })
        .collect();
    let pos = (opts.as_of.year_fraction() - first_year as f64) * 4.0;
    bar_chart(
        out,
        "expiry-chart",
        "Expirations per quarter",
        &bars,
        Some((pos, format!("as of {}", opts.as_of))),
        &format!(
            "{before} expired before {first_year}, {after} expire after {}, {open} with no expiration date (perpetual, open or not found).",
            first_year + 12
        ),
    );
}

/// Royalty rates in 1-point bins up to 30%, each agreement's distinct rates once.
fn royalty_chart(out: &mut String, agreements: &[Agreement]) {
    let mut counts = vec![0usize; 31];
    let mut total = 0;
    for a in agreements {
        let mut rates: Vec<f64> = a.terms.royalty.rates_percent.clone();
        rates.sort_by(f64::total_cmp);
        rates.dedup();
        for r in rates.into_iter().filter(|r| r.is_finite() && *r >= 0.0) {
            counts[(r.floor() as usize).min(30)] += 1;
            total += 1;
        }
    }
    let bars: Vec<(String, usize, String)> = counts
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let label = if k == 30 {
                "30+".to_string()
            } else {
                k.to_string()
            };
            let range = if k == 30 {
                "30% and over".to_string()
            } else {
                format!("{k}% to under {}%", k + 1)
            };
            (label, c, format!("{range}: {c} rates"))
        })
        .collect();
    bar_chart(
        out,
        "royalty-chart",
        "Royalty rates (%)",
        &bars,
        None,
        &format!("{total} distinct rates across the portfolio (tiers counted separately; all bases together)."),
    );
}

/// Everything the report shows.
pub struct ReportInput<'a> {
    pub agreements: &'a [Agreement],
    pub findings: &'a [Finding],
    pub texts: &'a [DocText],
    pub opts: Options,
    pub generator: String,
}

/// Writes the report.
pub fn write_html(mut out: impl Write, r: &ReportInput) -> Result<(), CompareError> {
    let mut per_agreement = vec![0usize; r.agreements.len()];
    for f in r.findings {
        for inv in &f.agreements {
            if let Some(c) = per_agreement.get_mut(inv.agreement) {
                *c += 1;
            }
        }
    }
    let mut kind_counts: Vec<Value> = Vec::new();
    for k in FindingKind::ALL {
        let n = r.findings.iter().filter(|f| f.kind == k).count();
        kind_counts.push(json!([k.name(), k.label(), n]));
    }
    let failed = r.agreements.iter().filter(|a| !a.is_ok()).count();
    let embedded = r
        .texts
        .iter()
        .filter(|t| matches!(t, DocText::Text { .. }))
        .count();
    let data = json!({
        "asOf": r.opts.as_of.to_string(),
        "windowDays": r.opts.window_days,
        "rows": r.agreements.iter().enumerate().map(|(i, a)| table_row(i, a, per_agreement[i])).collect::<Vec<_>>(),
        "findings": r.findings.iter().map(|f| json!([
            f.kind.name(),
            f.summary,
            f.agreements.iter().map(|a| json!([a.agreement, a.clauses.iter().map(|c| json!([c.clause, c.start, c.end, c.page])).collect::<Vec<_>>()])).collect::<Vec<_>>(),
        ])).collect::<Vec<_>>(),
        "kinds": kind_counts,
    });

    let mut head = String::new();
    let _ = write!(
        head,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>licscan portfolio review ({} agreements)</title>\
<script>window.__errors=[];window.addEventListener('error',function(e){{window.__errors.push(String(e.message||e));var d=document.createElement('div');d.id='script-error';d.textContent='Script error: '+(e.message||e);(document.body||document.documentElement).appendChild(d);}});</script>\
<style>{CSS}</style></head><body>",
        r.agreements.len()
    );
    let _ = write!(
        head,
        "<header><h1>Portfolio review</h1><p class=\"meta\">{} agreements ({} failed), {} findings, as of {} (window {} days). {} agreement texts embedded. Generated by {}.</p>\
<nav><a href=\"#portfolio\" data-view=\"portfolio\">Portfolio</a><a href=\"#findings\" data-view=\"findings\">Findings</a><a href=\"#charts\" data-view=\"charts\">Charts</a><span id=\"doc-tab\"></span></nav></header><main>",
        r.agreements.len(),
        failed,
        r.findings.len(),
        r.opts.as_of,
        r.opts.window_days,
        embedded,
        esc(&r.generator)
    );
    head.push_str(
        "<section id=\"portfolio\" class=\"view\"><div class=\"controls\"><input id=\"q\" type=\"search\" placeholder=\"Filter: any text, or column:value (law:US-NY)\" size=\"40\">\
<select id=\"f-status\"><option value=\"\">any status</option><option>ok</option><option>error</option></select>\
<select id=\"f-excl\"><option value=\"\">any exclusivity</option><option>exclusive</option><option>non-exclusive</option><option>sole</option><option>co-exclusive</option><option>mixed</option><option value=\"-\">not found</option></select>\
<select id=\"f-kind\"><option value=\"\">with or without findings</option></select>\
<span id=\"count\"></span></div><table id=\"table\"><thead><tr id=\"thead\"></tr></thead><tbody id=\"tbody\"></tbody></table><div class=\"pager\" id=\"pager\"></div></section>",
    );
    head.push_str("<section id=\"charts\" class=\"view\">");
    expiry_chart(&mut head, r.agreements, &r.opts);
    royalty_chart(&mut head, r.agreements);
    head.push_str("</section>");
    head.push_str(
        "<section id=\"findings\" class=\"view\"><div class=\"controls\"><select id=\"fk\"><option value=\"\">all kinds</option></select><input id=\"fq\" type=\"search\" placeholder=\"Filter findings\" size=\"30\"><span id=\"fcount\"></span></div><ol id=\"flist\"></ol><div class=\"pager\" id=\"fpager\"></div></section>\
<section id=\"agreement\" class=\"view\"></section></main>\
<div id=\"status\" data-state=\"loading\"></div>\n",
    );
    out.write_all(head.as_bytes())?;
    out.write_all(b"<script type=\"application/json\" id=\"data\">")?;
    out.write_all(script_json(&data)?.as_bytes())?;
    out.write_all(b"</script>\n")?;
    for (i, a) in r.agreements.iter().enumerate() {
        write!(out, "<script type=\"application/json\" id=\"d-{i}\">")?;
        out.write_all(script_json(&doc_blob(a, i, r.texts))?.as_bytes())?;
        out.write_all(b"</script>\n")?;
    }
    writeln!(out, "<script>{JS}</script></body></html>")?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::view::ClauseView;

    #[test]
    fn utf16_positions_count_surrogate_pairs_and_accents() {
        let text = "é😀ab";
        // bytes: é=2, 😀=4, a=1, b=1
        assert_eq!(utf16_positions(text, &[0, 2, 6, 7, 8]), vec![0, 1, 3, 4, 5]);
    }

    #[test]
    fn script_json_never_contains_a_closing_tag() {
        let s = script_json(&json!({"t": "</script><b>"})).expect("JSON");
        assert!(!s.contains('<'));
    }

    #[test]
    fn a_text_that_moved_under_the_clauses_does_not_match() {
        let a = Agreement {
            clauses: vec![ClauseView {
                start: 4,
                end: 9,
                text: "grant".into(),
                ..ClauseView::default()
            }],
            ..Agreement::default()
        };
        assert!(text_matches(&a, "The grant", 0));
        assert!(!text_matches(&a, "A grant!!", 0));
    }

    #[test]
    fn the_report_is_one_file_with_no_network_references() {
        let a = Agreement {
            status: crate::record::Status::Ok,
            ..Agreement::default()
        };
        let texts = vec![DocText::Missing("test".into())];
        let input = ReportInput {
            agreements: &[a],
            findings: &[],
            texts: &texts,
            opts: Options {
                as_of: Day(19000),
                window_days: 365,
            },
            generator: "test".into(),
        };
        let mut out = Vec::new();
        write_html(&mut out, &input).expect("HTML");
        let html = String::from_utf8(out).expect("UTF-8");
        assert!(html.contains("id=\"expiry-chart\"") && html.contains("id=\"royalty-chart\""));
        assert!(!html.contains("http://") && !html.contains("https://"));
    }
}
