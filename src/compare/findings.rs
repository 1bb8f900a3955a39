//! Findings: what a reviewer should look at across the portfolio. Each finding
//! names the agreements involved and, for each, the clauses (index, byte
//! offsets, page) that support it, so the report can link straight to the
//! text. Detectors read only `Agreement`s; they never re-read documents. The
//! rules for "overlap", "far" and "missing" are documented on each detector
//! and in docs/compare.md.

use super::calendar::Day;
use super::region::Territory;
use super::view::Agreement;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};

/// Settings of a comparison.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The review date: expiries are looked for from here.
    pub as_of: Day,
    /// How far ahead of `as_of` an expiry or renewal is reported.
    pub window_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    OverlappingExclusiveGrant,
    Expiring,
    AutoRenewing,
    RoyaltyOutlier,
    PerpetualOrIrrevocable,
    GrantBack,
    ChangeOfControl,
    Sublicensable,
    Failed,
    MissingTerms,
}

impl FindingKind {
    pub const ALL: [FindingKind; 10] = [
        FindingKind::OverlappingExclusiveGrant,
        FindingKind::Expiring,
        FindingKind::AutoRenewing,
        FindingKind::RoyaltyOutlier,
        FindingKind::PerpetualOrIrrevocable,
        FindingKind::GrantBack,
        FindingKind::ChangeOfControl,
        FindingKind::Sublicensable,
        FindingKind::Failed,
        FindingKind::MissingTerms,
    ];

    /// The JSON name (`overlapping_exclusive_grant`).
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::OverlappingExclusiveGrant => "overlapping_exclusive_grant",
            FindingKind::Expiring => "expiring",
            FindingKind::AutoRenewing => "auto_renewing",
            FindingKind::RoyaltyOutlier => "royalty_outlier",
            FindingKind::PerpetualOrIrrevocable => "perpetual_or_irrevocable",
            FindingKind::GrantBack => "grant_back",
            FindingKind::ChangeOfControl => "change_of_control",
            FindingKind::Sublicensable => "sublicensable",
            FindingKind::Failed => "failed",
            FindingKind::MissingTerms => "missing_terms",
        }
    }

    /// A heading for people.
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::OverlappingExclusiveGrant => "Overlapping exclusive grants",
            FindingKind::Expiring => "Expiring",
            FindingKind::AutoRenewing => "Auto-renewing",
            FindingKind::RoyaltyOutlier => "Royalty outliers",
            FindingKind::PerpetualOrIrrevocable => "Perpetual or irrevocable grants",
            FindingKind::GrantBack => "Grant-backs and assigned improvements",
            FindingKind::ChangeOfControl => "Change-of-control termination",
            FindingKind::Sublicensable => "Sublicensable grants",
            FindingKind::Failed => "Documents that failed",
            FindingKind::MissingTerms => "Core terms not found",
        }
    }
}

/// One clause a finding rests on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClauseRef {
    /// Index into the record's `clauses`.
    pub clause: usize,
    #[serde(rename = "type")]
    pub ctype: String,
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub page: usize,
}

/// One agreement a finding involves.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Involved {
    /// Position of the agreement in the comparison's input (0-based).
    pub agreement: usize,
    pub path: String,
    pub clauses: Vec<ClauseRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    /// 0-based, in the order findings are listed.
    pub id: usize,
    pub kind: FindingKind,
    pub summary: String,
    pub agreements: Vec<Involved>,
    /// Kind-specific facts (dates, shared places, the median and MAD, ...).
    pub details: Map<String, Value>,
}

/// Most clauses listed per agreement in one finding: enough to click through,
/// without one long agreement swamping the findings file.
const MAX_CLAUSES: usize = 12;

fn involve(i: usize, a: &Agreement, mut clauses: Vec<usize>) -> Involved {
    clauses.retain(|&c| c < a.clauses.len());
    clauses.sort_unstable();
    clauses.dedup();
    clauses.truncate(MAX_CLAUSES);
    Involved {
        agreement: i,
        path: a.document.path.clone(),
        clauses: clauses
            .into_iter()
            .map(|c| {
                let cl = &a.clauses[c];
                ClauseRef {
                    clause: c,
                    ctype: cl.ctype.clone(),
                    kind: cl.kind.clone(),
                    start: cl.start,
                    end: cl.end,
                    page: cl.page,
                }
            })
            .collect(),
    }
}

fn short_name(a: &Agreement) -> &str {
    let p = a.document.path.as_str();
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

fn details(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Every finding for a portfolio, grouped by kind in `FindingKind::ALL` order.
pub fn find_all(agreements: &[Agreement], opts: &Options) -> Vec<Finding> {
    let mut all = Vec::new();
    all.extend(overlapping_exclusive_grants(agreements));
    all.extend(expiring(agreements, opts));
    all.extend(royalty_outliers(agreements));
    all.extend(risky_terms(agreements));
    all.extend(gaps(agreements));
    all.sort_by_key(|f| f.kind);
    for (i, f) in all.iter_mut().enumerate() {
        f.id = i;
    }
    all
}

// ---------------------------------------------------------------- overlaps

/// Words too common in field-of-use phrases to tell two fields apart.
const FIELD_STOPWORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "from",
    "that",
    "this",
    "such",
    "any",
    "all",
    "its",
    "their",
    "other",
    "which",
    "shall",
    "will",
    "may",
    "not",
    "into",
    "under",
    "within",
    "including",
    "include",
    "includes",
    "solely",
    "only",
    "use",
    "used",
    "using",
    "uses",
    "purpose",
    "purposes",
    "field",
    "fields",
    "licensed",
    "license",
    "licence",
    "licensee",
    "licensor",
    "agreement",
    "party",
    "parties",
    "product",
    "products",
    "service",
    "services",
    "right",
    "rights",
    "territory",
    "section",
    "article",
    "prior",
    "written",
    "consent",
    "provided",
    "term",
    "terms",
    "means",
    "connection",
    "relating",
    "related",
    "respect",
    "extent",
    "each",
    "make",
    "sell",
    "have",
    "been",
    "being",
    "than",
    "same",
    "herein",
    "hereunder",
    "thereof",
    "company",
    // consent and proviso boilerplate that field phrases often run into
    "unreasonably",
    "withheld",
    "conditioned",
    "delayed",
    "before",
    "after",
    "subject",
    "accordance",
    "during",
    "form",
    "sign",
    "signs",
    "benefit",
    "behalf",
    "extent",
    "permitted",
    "otherwise",
];

/// Significant words of field phrases: lowercase, at least four letters, not a
/// stop word, a trailing plural `s` dropped.
pub fn field_words(fields: &[String]) -> HashSet<String> {
    let mut out = HashSet::new();
    for f in fields {
        for w in f.split(|c: char| !c.is_alphanumeric()) {
            let w = w.to_lowercase();
            if w.chars().count() < 4 || FIELD_STOPWORDS.contains(&w.as_str()) {
                continue;
            }
            let w = match w.strip_suffix('s') {
                Some(stem) if !stem.ends_with('s') && stem.chars().count() >= 4 => stem.to_string(),
                _ => w,
            };
            if !FIELD_STOPWORDS.contains(&w.as_str()) {
                out.insert(w);
            }
        }
    }
    out
}

/// What an exclusive grant covers, ready for pairwise comparison.
struct Grant {
    idx: usize,
    territory: Territory,
    /// None: no field restriction known, so the grant covers every field.
    field_words: Option<HashSet<String>>,
    start: Option<Day>,
    end: Option<Day>,
}

fn is_exclusive(exclusivity: Option<&str>) -> bool {
    matches!(exclusivity, Some("exclusive" | "sole" | "mixed"))
}

/// The grant's date range: from the effective date (else the agreement date)
/// to the expiration date; open at either end when unknown, and open-ended
/// when the grant is perpetual or renews automatically.
fn grant_range(a: &Agreement) -> (Option<Day>, Option<Day>) {
    let t = &a.terms.term;
    let start = t
        .effective_date
        .as_deref()
        .or(t.agreement_date.as_deref())
        .and_then(Day::parse_first);
    let open = t.perpetual == Some(true) || t.auto_renewal == Some(true);
    let end = if open {
        None
    } else {
        t.expiration_date.as_deref().and_then(Day::parse_last)
    };
    (start, end)
}

fn grant(idx: usize, a: &Agreement) -> Option<Grant> {
    if !a.is_ok() || !is_exclusive(a.terms.exclusivity.as_deref()) {
        return None;
    }
    let territory = Territory::new(&a.terms.territory.codes, &a.terms.territory.excluded_codes)?;
    let fu = &a.terms.field_of_use;
    let field_words = if fu.restricted == Some(true) {
        Some(field_words(&fu.fields)).filter(|w| !w.is_empty())
    } else {
        None
    };
    let (start, end) = grant_range(a);
    Some(Grant {
        idx,
        territory,
        field_words,
        start,
        end,
    })
}

fn ranges_meet(a: &Grant, b: &Grant) -> bool {
    let before =
        |end: Option<Day>, start: Option<Day>| matches!((end, start), (Some(e), Some(s)) if e < s);
    !before(a.end, b.start) && !before(b.end, a.start)
}

/// Partners named (with their clauses) in one overlap finding; the rest are
/// counted and listed by index in `details.overlaps_with`.
pub const MAX_PARTNERS: usize = 10;

/// What two grants share: places, and field words when both are restricted.
/// None when they cannot overlap.
fn overlap(g: &Grant, h: &Grant) -> Option<(Vec<String>, Vec<String>)> {
    if !ranges_meet(g, h) {
        return None;
    }
    let words: Vec<String> = match (&g.field_words, &h.field_words) {
        (Some(x), Some(y)) => {
            let mut w: Vec<String> = x.intersection(y).cloned().collect();
            if w.is_empty() {
                return None;
            }
            w.sort();
            w.truncate(8);
            w
        }
        _ => Vec::new(),
    };
    let places = g.territory.shared(&h.territory, 12);
    (!places.is_empty()).then_some((places, words))
}

/// A grant overlapping another: its index in `grants`, shared places, shared field words.
type Partner = (usize, Vec<String>, Vec<String>);

/// Two exclusive (or partly exclusive: `sole`, `mixed`) grants overlap when
/// their territories share a place, their fields may be the same, and their
/// date ranges meet. Fields are kept apart only when both grants are
/// restricted and their phrases share no significant word; a grant with no
/// territory found is not compared (the gaps finding reports it).
///
/// One finding per agreement that overlaps any other, naming it first and up
/// to `MAX_PARTNERS` of the agreements it overlaps, so that a portfolio of
/// thousands of worldwide grants yields thousands of findings, not millions
/// of pairs. Each overlapping pair therefore appears once from each side.
pub fn overlapping_exclusive_grants(agreements: &[Agreement]) -> Vec<Finding> {
    let grants: Vec<Grant> = agreements
        .iter()
        .enumerate()
        .filter_map(|(i, a)| grant(i, a))
        .collect();
    // partners[n]: (grant index, shared places, shared words) for the first few, all indexes
    let mut named: Vec<Vec<Partner>> = vec![Vec::new(); grants.len()];
    let mut all: Vec<Vec<usize>> = vec![Vec::new(); grants.len()];
    for n in 0..grants.len() {
        for m in n + 1..grants.len() {
            let Some((places, words)) = overlap(&grants[n], &grants[m]) else {
                continue;
            };
            for (x, y) in [(n, m), (m, n)] {
                all[x].push(grants[y].idx);
                if named[x].len() < MAX_PARTNERS {
                    named[x].push((y, places.clone(), words.clone()));
                }
            }
        }
    }
    let clauses = |x: &Agreement| {
        let mut c = x.sources_of("exclusivity");
        let mut t = x.sources_of("territory");
        if t.is_empty() {
            t = x.clauses_of("territory", None);
        }
        c.extend(t);
        c.extend(x.sources_of("field_of_use"));
        c
    };
    let range = |g: &Grant| json!([g.start.map(|d| d.to_string()), g.end.map(|d| d.to_string())]);
    let mut out = Vec::new();
    for (n, g) in grants.iter().enumerate() {
        if all[n].is_empty() {
            continue;
        }
        let a = &agreements[g.idx];
        let mut involved = vec![involve(g.idx, a, clauses(a))];
        let mut partners = Vec::new();
        for (m, places, words) in &named[n] {
            let h = &grants[*m];
            let b = &agreements[h.idx];
            involved.push(involve(h.idx, b, clauses(b)));
            partners.push(json!({
                "agreement": h.idx,
                "exclusivity": b.terms.exclusivity,
                "shared_places": places,
                "shared_field_words": words,
                "range": range(h),
            }));
        }
        let (_, places, words) = &named[n][0];
        let first = short_name(&agreements[grants[named[n][0].0].idx]);
        let summary = if all[n].len() == 1 {
            format!(
                "{}'s {} grant overlaps {}'s in {}{}",
                short_name(a),
                a.terms.exclusivity.as_deref().unwrap_or("exclusive"),
                first,
                places.join(", "),
                if words.is_empty() {
                    String::new()
                } else {
                    format!(" (fields share: {})", words.join(", "))
                }
            )
        } else {
            let names: Vec<&str> = named[n]
                .iter()
                .take(3)
                .map(|(m, _, _)| short_name(&agreements[grants[*m].idx]))
                .collect();
            format!(
                "{}'s {} grant overlaps {} other exclusive grants: {}{}",
                short_name(a),
                a.terms.exclusivity.as_deref().unwrap_or("exclusive"),
                all[n].len(),
                names.join(", "),
                if all[n].len() > names.len() {
                    ", ..."
                } else {
                    ""
                }
            )
        };
        out.push(Finding {
            id: 0,
            kind: FindingKind::OverlappingExclusiveGrant,
            summary,
            agreements: involved,
            details: details(json!({
                "exclusivity": a.terms.exclusivity,
                "range": range(g),
                "overlaps": all[n].len(),
                "overlaps_with": all[n],
                "partners": partners,
            })),
        });
    }
    out
}

// ---------------------------------------------------------------- expiries

/// Renewals rolled forward at most this many times (a monthly renewal from
/// 1900 still reaches today).
const MAX_ROLLS: usize = 2000;

/// Agreements whose expiration falls within the window after `as_of`. An
/// auto-renewing agreement whose stated expiration has passed is rolled
/// forward by its renewal term to the next renewal date; its notice deadline
/// is that date minus `renewal_notice_days`.
pub fn expiring(agreements: &[Agreement], opts: &Options) -> Vec<Finding> {
    let window_end = opts.as_of.add_days(opts.window_days);
    let mut out: Vec<(Day, Finding)> = Vec::new();
    for (i, a) in agreements.iter().enumerate() {
        let t = &a.terms.term;
        let Some(exp) = t.expiration_date.as_deref().and_then(Day::parse_last) else {
            continue;
        };
        let mut clauses = a.sources_of("term.expiration_date");
        clauses.extend(a.sources_of("term.initial_term_months"));
        clauses.extend(a.sources_of("term.effective_date"));
        if t.auto_renewal == Some(true) {
            let mut next = exp;
            let mut rolled = 0;
            if let Some(m) = t.renewal_term_months.filter(|m| *m >= 1.0) {
                while next < opts.as_of && rolled < MAX_ROLLS {
                    next = next.add_months(m.round() as i64);
                    rolled += 1;
                }
            }
            if next < opts.as_of || next > window_end {
                continue;
            }
            clauses.extend(a.sources_of("term.auto_renewal"));
            clauses.extend(a.sources_of("term.renewal_notice_days"));
            clauses.extend(a.sources_of("term.renewal_term_months"));
            let deadline = t
                .renewal_notice_days
                .map(|d| next.add_days(-(d.round() as i64)));
            let summary = match deadline {
                Some(dl) if dl < opts.as_of => format!(
                    "{} renews on {next}; the notice deadline ({dl}) has passed",
                    short_name(a)
                ),
                Some(dl) => format!(
                    "{} renews on {next} unless notice is given by {dl}",
                    short_name(a)
                ),
                None => format!(
                    "{} renews on {next} (notice period not found)",
                    short_name(a)
                ),
            };
            out.push((
                next,
                Finding {
                    id: 0,
                    kind: FindingKind::AutoRenewing,
                    summary,
                    agreements: vec![involve(i, a, clauses)],
                    details: details(json!({
                        "expiration_date": exp.to_string(),
                        "renews_on": next.to_string(),
                        "renewals_rolled_forward": rolled,
                        "renewal_term_months": t.renewal_term_months,
                        "renewal_notice_days": t.renewal_notice_days,
                        "notice_deadline": deadline.map(|d| d.to_string()),
                        "notice_deadline_passed": deadline.map(|d| d < opts.as_of),
                    })),
                },
            ));
        } else if exp >= opts.as_of && exp <= window_end {
            out.push((
                exp,
                Finding {
                    id: 0,
                    kind: FindingKind::Expiring,
                    summary: format!(
                        "{} expires on {exp} ({} days after {})",
                        short_name(a),
                        exp.0 - opts.as_of.0,
                        opts.as_of
                    ),
                    agreements: vec![involve(i, a, clauses)],
                    details: details(json!({
                        "expiration_date": exp.to_string(),
                        "expiration_basis": t.expiration_basis,
                        "perpetual": t.perpetual,
                    })),
                },
            ));
        }
    }
    out.sort_by_key(|(d, f)| (*d, f.agreements.first().map_or(0, |x| x.agreement)));
    out.into_iter().map(|(_, f)| f).collect()
}

// ---------------------------------------------------------------- royalties

/// Fewest rates sharing a base before outliers are looked for.
pub const MIN_RATES_FOR_OUTLIERS: usize = 5;
/// Smallest MAD used, in percentage points, so that a portfolio where most
/// rates are equal does not flag every small difference.
pub const MIN_MAD: f64 = 0.5;

/// `Net Sales`, `net sale` -> `net sale`: case and plurals do not split a base.
pub fn base_key(base: &str) -> String {
    base.split_whitespace()
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(s) if s.len() >= 3 => s.to_string(),
                _ => w,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

fn clause_mentions_rate(c: &super::view::ClauseView, rate: f64) -> bool {
    ["rates_percents", "rate_percent"]
        .iter()
        .any(|k| match c.values.get(*k) {
            Some(Value::Number(n)) => n.as_f64().is_some_and(|x| (x - rate).abs() < 1e-9),
            Some(Value::Array(a)) => a
                .iter()
                .any(|v| v.as_f64().is_some_and(|x| (x - rate).abs() < 1e-9)),
            _ => false,
        })
}

/// Rates far from the portfolio's median for the same base: outside
/// median +- 2 x MAD (MAD floored at `MIN_MAD`), looked for only when at least
/// `MIN_RATES_FOR_OUTLIERS` rates share the base. Each agreement contributes
/// its distinct rates (tiers included) once.
pub fn royalty_outliers(agreements: &[Agreement]) -> Vec<Finding> {
    let mut by_base: BTreeMap<String, Vec<(usize, Vec<f64>)>> = BTreeMap::new();
    for (i, a) in agreements.iter().enumerate() {
        let r = &a.terms.royalty;
        let Some(base) = r.base.as_deref().filter(|b| !b.trim().is_empty()) else {
            continue;
        };
        let mut rates: Vec<f64> = r
            .rates_percent
            .iter()
            .copied()
            .filter(|x| x.is_finite())
            .collect();
        rates = sorted(rates);
        rates.dedup();
        if !rates.is_empty() {
            by_base.entry(base_key(base)).or_default().push((i, rates));
        }
    }
    let mut out = Vec::new();
    for (base, members) in by_base {
        let pool = sorted(
            members
                .iter()
                .flat_map(|(_, r)| r.iter().copied())
                .collect(),
        );
        if pool.len() < MIN_RATES_FOR_OUTLIERS {
            continue;
        }
        let med = median(&pool);
        let mad = median(&sorted(pool.iter().map(|x| (x - med).abs()).collect()));
        let limit = 2.0 * mad.max(MIN_MAD);
        for (i, rates) in &members {
            let far: Vec<f64> = rates
                .iter()
                .copied()
                .filter(|r| (r - med).abs() > limit)
                .collect();
            if far.is_empty() {
                continue;
            }
            let a = &agreements[*i];
            let mut clauses: Vec<usize> = a
                .clauses
                .iter()
                .enumerate()
                .filter(|(_, c)| far.iter().any(|r| clause_mentions_rate(c, *r)))
                .map(|(n, _)| n)
                .collect();
            if clauses.is_empty() {
                clauses = a.sources_of("royalty.rates_percent");
            }
            let list: Vec<String> = far.iter().map(|r| format!("{r}%")).collect();
            out.push(Finding {
                id: 0,
                kind: FindingKind::RoyaltyOutlier,
                summary: format!(
                    "{}: {} of {base}, against a portfolio median of {med}% (MAD {mad:.2}, {} rates)",
                    short_name(a),
                    list.join(", "),
                    pool.len()
                ),
                agreements: vec![involve(*i, a, clauses)],
                details: details(json!({
                    "base": base,
                    "rates_percent": far,
                    "median": med,
                    "mad": mad,
                    "low": med - limit,
                    "high": med + limit,
                    "rates_sharing_base": pool.len(),
                })),
            });
        }
    }
    out
}

// ---------------------------------------------------------------- risky terms

/// Perpetual or irrevocable grants, grant-backs and assigned improvements,
/// change-of-control termination rights and sublicensable grants: one finding
/// per agreement and kind.
pub fn risky_terms(agreements: &[Agreement]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, a) in agreements.iter().enumerate() {
        if !a.is_ok() {
            continue;
        }
        let name = short_name(a);
        let mut push = |kind, summary: String, clauses: Vec<usize>, d: Value| {
            out.push(Finding {
                id: 0,
                kind,
                summary,
                agreements: vec![involve(i, a, clauses)],
                details: details(d),
            })
        };

        let perpetual = a.terms.term.perpetual == Some(true);
        let irrevocable: Vec<usize> = a
            .clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.ctype == "license_grant"
                    && (c.kind == "irrevocable" || c.text.to_lowercase().contains(" irrevocabl"))
            })
            .map(|(n, _)| n)
            .collect();
        if perpetual || !irrevocable.is_empty() {
            let mut c = a.sources_of("term.perpetual");
            c.extend(a.clauses_of("license_grant", Some("perpetual")));
            c.extend(irrevocable.iter().copied());
            let what = match (perpetual, !irrevocable.is_empty()) {
                (true, true) => "perpetual and irrevocable",
                (true, false) => "perpetual",
                _ => "irrevocable",
            };
            push(
                FindingKind::PerpetualOrIrrevocable,
                format!("{name}: {what} grant"),
                c,
                json!({"perpetual": perpetual, "irrevocable": !irrevocable.is_empty()}),
            );
        }

        let owner = a.terms.improvements.owner.as_deref();
        let backs = a.clauses_of("improvements", Some("grant_back"));
        let assigns = a.clauses_of("improvements", Some("assignment"));
        if owner == Some("grant_back") || !backs.is_empty() || !assigns.is_empty() {
            let mut c = a.sources_of("improvements");
            c.extend(backs.iter().copied());
            c.extend(assigns.iter().copied());
            let what = match (
                owner == Some("grant_back") || !backs.is_empty(),
                !assigns.is_empty(),
            ) {
                (true, true) => "grant-back and assignment of improvements",
                (true, false) => "grant-back of improvements",
                _ => "assignment of improvements",
            };
            push(
                FindingKind::GrantBack,
                format!("{name}: {what}"),
                c,
                json!({"owner": owner, "grant_back": owner == Some("grant_back") || !backs.is_empty(), "assignment": !assigns.is_empty()}),
            );
        }

        if a.terms.termination.change_of_control == Some(true) {
            let mut c = a.sources_of("termination.change_of_control");
            c.extend(a.clauses_of("termination", Some("change_of_control")));
            push(
                FindingKind::ChangeOfControl,
                format!("{name} can be terminated on a change of control"),
                c,
                json!({}),
            );
        }

        if a.terms.sublicensable == Some(true) {
            push(
                FindingKind::Sublicensable,
                format!("{name}: the licensee may sublicense"),
                a.sources_of("sublicensable"),
                json!({}),
            );
        }
    }
    out
}

// ---------------------------------------------------------------- gaps

/// Core terms a reviewer expects and the machine did not find.
pub fn missing_core_terms(a: &Agreement) -> Vec<&'static str> {
    let t = &a.terms;
    let mut missing = Vec::new();
    if t.territory.codes.is_empty() {
        missing.push("territory");
    }
    if t.term.expiration_date.is_none()
        && t.term.expiration_basis.is_none()
        && t.term.perpetual != Some(true)
    {
        missing.push("term");
    }
    if a.is_licence() && t.royalty.rates_percent.is_empty() && t.royalty.fixed_fees.is_empty() {
        missing.push("royalty");
    }
    if t.governing_law.code.is_none() {
        missing.push("governing_law");
    }
    missing
}

/// Documents that failed, and documents where a core term (territory,
/// term/expiration, royalty for a licence, governing law) was not found: where
/// the machine did not look, or looked and saw nothing.
pub fn gaps(agreements: &[Agreement]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, a) in agreements.iter().enumerate() {
        if !a.is_ok() {
            let (kind, message) = a
                .error
                .as_ref()
                .map_or(("unknown", ""), |e| (e.kind.as_str(), e.message.as_str()));
            out.push(Finding {
                id: 0,
                kind: FindingKind::Failed,
                summary: format!("{} could not be read ({kind}): {message}", short_name(a)),
                agreements: vec![involve(i, a, Vec::new())],
                details: details(json!({"error_kind": kind, "message": message})),
            });
            continue;
        }
        let missing = missing_core_terms(a);
        if !missing.is_empty() {
            out.push(Finding {
                id: 0,
                kind: FindingKind::MissingTerms,
                summary: format!("{}: not found: {}", short_name(a), missing.join(", ")),
                agreements: vec![involve(i, a, Vec::new())],
                details: details(json!({"missing": missing})),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::view::{ClauseView, ErrorView};

    /// An exclusive grant in `codes`, for `fields`, from `start` to `end`.
    fn grant(path: &str, codes: &[&str], fields: &[&str], start: &str, end: &str) -> Agreement {
        let mut a = Agreement {
            status: crate::record::Status::Ok,
            clauses: vec![ClauseView {
                ctype: "exclusivity".into(),
                kind: "exclusive".into(),
                start: 10,
                end: 20,
                page: 1,
                ..ClauseView::default()
            }],
            ..Agreement::default()
        };
        a.document.path = path.into();
        a.terms.exclusivity = Some("exclusive".into());
        a.terms.sources.insert("exclusivity".into(), vec![0]);
        a.terms.territory.codes = codes.iter().map(|s| s.to_string()).collect();
        a.terms.field_of_use.restricted = Some(!fields.is_empty());
        a.terms.field_of_use.fields = fields.iter().map(|s| s.to_string()).collect();
        a.terms.term.effective_date = Some(start.into());
        a.terms.term.expiration_date = Some(end.into());
        a.terms.governing_law.code = Some("US-NY".into());
        a
    }

    fn day(s: &str) -> Day {
        Day::parse_first(s).expect("a date")
    }

    #[test]
    fn overlapping_exclusive_grants_are_found_with_their_clauses() {
        let a = grant(
            "a.txt",
            &["150"],
            &["medical imaging devices"],
            "2020-01-01",
            "2025-12-31",
        );
        let b = grant(
            "b.txt",
            &["DE"],
            &["veterinary imaging"],
            "2024-01-01",
            "2030-12-31",
        );
        let f = overlapping_exclusive_grants(&[a, b]);
        assert_eq!(f.len(), 2, "one finding from each side");
        assert_eq!(f[0].details["partners"][0]["shared_places"], json!(["DE"]));
        assert_eq!(
            f[0].details["partners"][0]["shared_field_words"],
            json!(["imaging"])
        );
        assert_eq!(f[0].agreements[1].agreement, 1);
        assert_eq!(f[1].agreements[0].agreement, 1);
        assert_eq!(f[0].agreements[0].clauses[0].start, 10);
    }

    #[test]
    fn many_overlaps_are_grouped_per_agreement() {
        let set: Vec<Agreement> = (0..30)
            .map(|i| {
                grant(
                    &format!("{i}.txt"),
                    &["001"],
                    &[],
                    "2020-01-01",
                    "2030-12-31",
                )
            })
            .collect();
        let f = overlapping_exclusive_grants(&set);
        assert_eq!(f.len(), 30);
        assert_eq!(f[0].details["overlaps"], json!(29));
        assert_eq!(f[0].agreements.len(), 1 + MAX_PARTNERS);
    }

    #[test]
    fn grants_in_different_fields_do_not_overlap() {
        let a = grant(
            "a.txt",
            &["001"],
            &["medical imaging devices"],
            "2020-01-01",
            "2030-12-31",
        );
        let b = grant(
            "b.txt",
            &["001"],
            &["agricultural drones"],
            "2020-01-01",
            "2030-12-31",
        );
        assert!(overlapping_exclusive_grants(&[a, b]).is_empty());
    }

    #[test]
    fn an_unrestricted_field_overlaps_any_field() {
        let a = grant("a.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        let b = grant(
            "b.txt",
            &["US-CA"],
            &["agricultural drones"],
            "2020-01-01",
            "2030-12-31",
        );
        assert_eq!(overlapping_exclusive_grants(&[a, b]).len(), 2);
    }

    #[test]
    fn grants_in_disjoint_territories_do_not_overlap() {
        let a = grant("a.txt", &["419"], &[], "2020-01-01", "2030-12-31");
        let b = grant("b.txt", &["150", "US"], &[], "2020-01-01", "2030-12-31");
        assert!(overlapping_exclusive_grants(&[a, b]).is_empty());
    }

    #[test]
    fn an_excluded_country_is_not_an_overlap() {
        let mut a = grant("a.txt", &["001"], &[], "2020-01-01", "2030-12-31");
        a.terms.territory.excluded_codes = vec!["JP".into()];
        let b = grant("b.txt", &["JP"], &[], "2020-01-01", "2030-12-31");
        assert!(overlapping_exclusive_grants(&[a, b]).is_empty());
    }

    #[test]
    fn grants_whose_terms_do_not_meet_do_not_overlap() {
        let a = grant("a.txt", &["US"], &[], "2015-01-01", "2019-12-31");
        let b = grant("b.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        assert!(overlapping_exclusive_grants(&[a, b]).is_empty());
    }

    #[test]
    fn a_perpetual_grant_is_open_ended() {
        let mut a = grant("a.txt", &["US"], &[], "2015-01-01", "2019-12-31");
        a.terms.term.perpetual = Some(true);
        let b = grant("b.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        assert_eq!(overlapping_exclusive_grants(&[a, b]).len(), 2);
    }

    #[test]
    fn a_non_exclusive_grant_never_overlaps() {
        let a = grant("a.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        let mut b = grant("b.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        b.terms.exclusivity = Some("non-exclusive".into());
        assert!(overlapping_exclusive_grants(&[a, b]).is_empty());
    }

    #[test]
    fn field_words_ignore_boilerplate_and_plurals() {
        let w = field_words(&["the Licensed Products for medical devices".into()]);
        assert_eq!(
            w,
            HashSet::from(["medical".to_string(), "device".to_string()])
        );
    }

    #[test]
    fn an_expiry_inside_the_window_is_found() {
        let a = grant("a.txt", &["US"], &[], "2020-01-01", "2025-06-30");
        let opts = Options {
            as_of: day("2025-01-01"),
            window_days: 365,
        };
        let f = expiring(std::slice::from_ref(&a), &opts);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FindingKind::Expiring);
        let late = Options {
            as_of: day("2025-07-01"),
            window_days: 365,
        };
        assert!(expiring(&[a], &late).is_empty());
    }

    #[test]
    fn an_auto_renewal_rolls_forward_and_gives_the_notice_deadline() {
        let mut a = grant("a.txt", &["US"], &[], "2020-01-01", "2022-12-31");
        a.terms.term.auto_renewal = Some(true);
        a.terms.term.renewal_term_months = Some(12.0);
        a.terms.term.renewal_notice_days = Some(90.0);
        let opts = Options {
            as_of: day("2025-03-01"),
            window_days: 365,
        };
        let f = expiring(&[a], &opts);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FindingKind::AutoRenewing);
        assert_eq!(f[0].details["renews_on"], json!("2025-12-31"));
        assert_eq!(f[0].details["notice_deadline"], json!("2025-10-02"));
    }

    fn royalty(rate: f64) -> Agreement {
        let mut a = grant("r.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        a.terms.royalty.base = Some("Net Sales".into());
        a.terms.royalty.rates_percent = vec![rate];
        a
    }

    #[test]
    fn a_rate_far_from_the_median_is_an_outlier() {
        let set: Vec<Agreement> = [3.0, 4.0, 5.0, 5.0, 6.0, 25.0].map(royalty).into();
        let f = royalty_outliers(&set);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].agreements[0].agreement, 5);
        assert_eq!(f[0].details["median"], json!(5.0));
    }

    #[test]
    fn fewer_than_five_rates_give_no_outliers() {
        let set: Vec<Agreement> = [3.0, 4.0, 5.0, 40.0].map(royalty).into();
        assert!(royalty_outliers(&set).is_empty());
    }

    #[test]
    fn rates_on_different_bases_are_not_compared() {
        let mut set: Vec<Agreement> = [3.0, 4.0, 5.0, 5.0, 6.0].map(royalty).into();
        let mut other = royalty(25.0);
        other.terms.royalty.base = Some("gross revenue".into());
        set.push(other);
        assert!(royalty_outliers(&set).is_empty());
    }

    #[test]
    fn change_of_control_grant_back_perpetual_and_sublicence_are_flagged() {
        let mut a = grant("a.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        a.terms.termination.change_of_control = Some(true);
        a.terms.improvements.owner = Some("grant_back".into());
        a.terms.term.perpetual = Some(true);
        a.terms.sublicensable = Some(true);
        let kinds: Vec<FindingKind> = risky_terms(&[a]).iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [
                FindingKind::PerpetualOrIrrevocable,
                FindingKind::GrantBack,
                FindingKind::ChangeOfControl,
                FindingKind::Sublicensable
            ]
        );
    }

    #[test]
    fn an_irrevocable_grant_clause_is_flagged() {
        let mut a = grant("a.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        a.clauses.push(ClauseView {
            ctype: "license_grant".into(),
            kind: "grant".into(),
            text: "Licensor grants a non-exclusive, irrevocable license".into(),
            ..ClauseView::default()
        });
        let f = risky_terms(&[a]);
        assert_eq!(f[0].kind, FindingKind::PerpetualOrIrrevocable);
        assert_eq!(f[0].agreements[0].clauses[0].clause, 1);
    }

    #[test]
    fn a_failed_document_and_missing_terms_are_reported() {
        let failed = Agreement {
            status: crate::record::Status::Error,
            error: Some(ErrorView {
                kind: "encrypted".into(),
                message: "password".into(),
            }),
            ..Agreement::default()
        };
        let mut bare = grant("b.txt", &[], &[], "2020-01-01", "2030-12-31");
        bare.terms.governing_law.code = None;
        let f = gaps(&[failed, bare]);
        assert_eq!(f[0].kind, FindingKind::Failed);
        assert_eq!(
            f[1].details["missing"],
            json!(["territory", "royalty", "governing_law"])
        );
    }

    #[test]
    fn findings_are_numbered_in_kind_order() {
        let mut a = grant("a.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        a.terms.sublicensable = Some(true);
        let b = grant("b.txt", &["US"], &[], "2020-01-01", "2030-12-31");
        let opts = Options {
            as_of: day("2020-01-01"),
            window_days: 30,
        };
        let f = find_all(&[a, b], &opts);
        assert_eq!(f[0].kind, FindingKind::OverlappingExclusiveGrant);
        assert!(f.iter().enumerate().all(|(i, x)| x.id == i));
    }
}
