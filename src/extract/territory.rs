//! Territory summary: where the main licence or appointment may be
//! exercised. The grant sentences come first, in document order: places the
//! grant itself names ("a worldwide licence", "to sell in Canada and
//! Mexico") win; a grant "in the Territory" reads the agreement's definition
//! of Territory, and a definition that only points at a schedule is looked
//! up there ("Territory: USA"), or left empty when the schedule is absent.
//! A grant that uses the defined Territory outranks places other grants
//! name, and a grant back to the licensor never sets the territory ("the
//! Licensee grants the Licensor a worldwide licence to its improvements").
//! Without a grant that says where, the definition, then other territory
//! clauses are used. Places are read only from lists after "in",
//! "within", "throughout" (never party addresses or recitals), exclusions go
//! to `excluded_codes`, and a state is dropped when its country is granted.

use super::{cite, values::squash, Context};
use crate::normalize::place::{self, Places};
use crate::record::Terms;
use regex::Regex;
use std::sync::LazyLock;

/// Names under which agreements define their territory.
const TERRITORY_TERMS: &[&str] = &[
    "Territory",
    "Licensed Territory",
    "Sales Territory",
    "Contract Territory",
    "Exclusive Territory",
    "Marketing Territory",
    "Distribution Territory",
];

/// What a grant or definition says about where.
#[derive(Debug, PartialEq)]
enum Where {
    /// Places, and the text they came from.
    Places(Places, String),
    /// The text defers to a defined term or a schedule it cannot resolve.
    Unresolved,
    /// Nothing about territory.
    Silent,
}

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let clauses = ctx.find("territory", &[]);
    let defined_cell = std::cell::OnceCell::new();
    let defined = || defined_cell.get_or_init(|| defined_territory(ctx));

    // grant sentences: licence grants, then operative territory grants
    // (appointments), each in text order
    let mut grants: Vec<usize> = ctx.find("license_grant", &[]);
    grants.dedup_by_key(|i| ctx.spans[*i].start);
    let appointments: Vec<usize> = clauses
        .iter()
        .copied()
        .filter(|&i| {
            ctx.clauses[i].kind == "grant"
                && is_operative(ctx.clean_text(i))
                && !grants.iter().any(|&g| ctx.spans[g] == ctx.spans[i])
        })
        .collect();
    grants.extend(appointments);

    grants.retain(|&i| {
        let text = ctx.clean_text(i);
        !is_recital(text) && !is_grant_back(text)
    });

    // the defined Territory is where the main licence runs; a worldwide
    // word in some other grant is incidental
    if let Some(&i) = grants
        .iter()
        .find(|&&i| mentions_territory(ctx.clean_text(i)))
    {
        if let Where::Places(p, t) = defined() {
            let source = territory_clause_at(ctx, &clauses, i);
            return set(ctx, terms, p.clone(), t, source);
        }
    }

    let mut refers_to_territory = false;
    for &i in &grants {
        let text = ctx.clean_text(i);
        if let Some(p) = listed_places(text) {
            let source = territory_clause_at(ctx, &clauses, i);
            return set(ctx, terms, p, text, source);
        }
        if mentions_territory(text) {
            refers_to_territory = true;
            if let Where::Places(p, t) = defined() {
                let source = territory_clause_at(ctx, &clauses, i);
                return set(ctx, terms, p.clone(), t, source);
            }
            if *defined() == Where::Unresolved {
                return;
            }
        }
    }
    match defined() {
        Where::Places(p, t) => return set(ctx, terms, p.clone(), t, None),
        Where::Unresolved => return,
        Where::Silent if refers_to_territory => return,
        Where::Silent => {}
    }
    for &i in &clauses {
        let text = ctx.clean_text(i);
        if ctx.clauses[i].kind == "definition" || is_recital(text) {
            continue;
        }
        if let Some(p) = listed_places(text) {
            return set(ctx, terms, p, text, Some(i));
        }
    }
}

fn set(ctx: &Context, terms: &mut Terms, p: Places, text: &str, source: Option<usize>) {
    let _ = ctx;
    terms.territory.codes = p.codes;
    terms.territory.excluded_codes = p.excluded;
    terms.territory.phrase = Some(squash(text).chars().take(300).collect());
    if let Some(i) = source {
        cite(terms, "territory.codes", [i]);
    }
}

/// The territory clause in the same sentence as clause `i`, if any.
fn territory_clause_at(ctx: &Context, clauses: &[usize], i: usize) -> Option<usize> {
    if ctx.clauses[i].ctype == "territory" {
        return Some(i);
    }
    clauses
        .iter()
        .copied()
        .find(|&j| ctx.spans[j] == ctx.spans[i])
}

/// What the agreement's definition of its territory says.
fn defined_territory(ctx: &Context) -> Where {
    for name in TERRITORY_TERMS {
        let Some(d) = ctx.defs.get(name) else {
            continue;
        };
        let def = &ctx.text[d.span.start..d.span.end];
        let parenthetical = ctx.text[d.span.end..].starts_with('(');
        let p = definition_places(def, parenthetical);
        if !p.codes.is_empty() {
            return Where::Places(p, def.to_string());
        }
        // the first definition may only point at a schedule that defines
        // the Territory again
        if let Some((p, t)) = restated_places(ctx) {
            return Where::Places(p, t);
        }
        if let Some((p, t)) = schedule_places(ctx.text) {
            return Where::Places(p, t);
        }
        return Where::Unresolved;
    }
    // "in the following Territory:" with the places in the next paragraph
    if let Some(m) = FOLLOWING.find(ctx.text) {
        let rest = &ctx.text[m.end()..];
        let rest = &rest[..floor(rest, 300)];
        let p = tidy(place::parse_places(rest));
        if !p.codes.is_empty() {
            return Where::Places(p, rest.to_string());
        }
    }
    // a schedule the grant points at without a definition
    match schedule_places(ctx.text) {
        Some((p, t)) => Where::Places(p, t),
        None => Where::Silent,
    }
}

/// The places of a later "Territory" means ... definition found by the
/// territory rules.
fn restated_places(ctx: &Context) -> Option<(Places, String)> {
    ctx.find("territory", &["definition"])
        .into_iter()
        .find_map(|i| {
            let text = ctx.clean_text(i);
            let m = MEANS.find(text)?;
            let rest = &text[m.end()..];
            let p = definition_places(rest, false);
            (!p.codes.is_empty()).then(|| (p, rest.to_string()))
        })
}

/// The places of a definition: a parenthetical definition ("to sell in
/// Japan (the "Territory")") takes the list that ends just before it; a
/// "means" definition takes all of its places.
fn definition_places(def: &str, parenthetical: bool) -> Places {
    if parenthetical {
        // only the list right before the term, when it ends there
        return match chains(def).last() {
            Some(last) if def[last.end..].trim().len() <= 2 => {
                let before = &def[..last.start];
                let start = EXCLUDE_BEFORE
                    .find(before)
                    .map_or(last.start, |m| m.start());
                tidy(place::parse_places(&def[start..last.end]))
            }
            _ => Places::default(),
        };
    }
    tidy(place::parse_places(&def[..floor(def, 600)]))
}

/// "Territory: USA", "TERRITORY United States" at the start of a line of a
/// schedule or exhibit that the definition points at; or a table whose
/// header has a TERRITORY column, read in the rows below it.
fn schedule_places(text: &str) -> Option<(Places, String)> {
    if !text.contains("Territor") && !text.contains("TERRITOR") {
        return None;
    }
    for m in SCHEDULE_ROW.captures_iter(text) {
        let row = m.get(1)?.as_str();
        let p = tidy(place::parse_places(row));
        if !p.codes.is_empty() {
            return Some((p, row.to_string()));
        }
    }
    if !text.contains("TERRITORY") {
        return None;
    }
    for m in TABLE_HEADER.find_iter(text) {
        let rows: String = text[m.end()..]
            .lines()
            .take_while(|l| !TABLE_END.is_match(l))
            .take(8)
            .collect::<Vec<_>>()
            .join("\n");
        let p = tidy(place::parse_places(&rows));
        if !p.codes.is_empty() {
            return Some((p, rows));
        }
    }
    None
}

/// Places listed after "in", "within", "throughout" (or worldwide words)
/// in a sentence: the territory a grant names itself.
fn listed_places(text: &str) -> Option<Places> {
    let mut all = Places::default();
    for c in chains(text) {
        let before = &text[..c.start];
        if !c.worldwide && !LOCATIVE.is_match(before) {
            continue;
        }
        let start = EXCLUDE_BEFORE.find(before).map_or(c.start, |m| m.start());
        let p = place::parse_places(&text[start..c.end]);
        for code in p.codes {
            if !all.codes.contains(&code) {
                all.codes.push(code);
            }
        }
        for code in p.excluded {
            if !all.excluded.contains(&code) {
                all.excluded.push(code);
            }
        }
    }
    let p = tidy(all);
    (!p.codes.is_empty()).then_some(p)
}

/// A run of place names separated only by list words.
struct Chain {
    start: usize,
    end: usize,
    /// Starts with "worldwide", "throughout the world" and the like.
    worldwide: bool,
}

fn chains(text: &str) -> Vec<Chain> {
    let mut out: Vec<Chain> = Vec::new();
    for hit in place::find_places(text) {
        let worldwide = hit.entry.codes.iter().any(|c| c == "001");
        if let Some(last) = out.last_mut() {
            if is_list_gap(&text[last.end..hit.range.start]) {
                last.end = hit.range.end;
                continue;
            }
        }
        out.push(Chain {
            start: hit.range.start,
            end: hit.range.end,
            worldwide,
        });
    }
    out
}

/// Only list words, exclusion words and punctuation between two places.
fn is_list_gap(gap: &str) -> bool {
    if gap.len() > 120 || gap.contains(';') || gap.contains(". ") {
        return false;
    }
    gap.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| LIST_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w)))
}

const LIST_WORDS: &[&str] = &[
    "and",
    "or",
    "nor",
    "the",
    "in",
    "of",
    "its",
    "their",
    "all",
    "any",
    "each",
    "s",
    "plus",
    "country",
    "countries",
    "territory",
    "territories",
    "possession",
    "possessions",
    "nation",
    "nations",
    "region",
    "regions",
    "state",
    "states",
    "province",
    "provinces",
    "commonwealth",
    "republic",
    "kingdom",
    "mainland",
    "respective",
    "thereof",
    "including",
    "excluding",
    "except",
    "but",
    "not",
    "other",
    "than",
    "with",
    "exception",
    "outside",
    "save",
    "for",
    "as",
    "well",
    "together",
    "military",
    "bases",
    "fifty",
    "50",
    "district",
    "columbia",
    "special",
    "administrative",
    "sar",
    "islands",
    "is",
    "are",
    "member",
    // words of long official names ("the Islamic Republic of Iran")
    "islamic",
    "federal",
    "federative",
    "socialist",
    "democratic",
    "people",
    "popular",
    "arab",
    "united",
    "plurinational",
    "bolivarian",
    "union",
    "federation",
    "principality",
    "grand",
    "duchy",
    "sultanate",
    "emirate",
    "emirates",
    "confederation",
];

/// Drops states of a country that is itself granted ("the United States,
/// including the District of Columbia" is US) and excluded codes.
fn tidy(mut p: Places) -> Places {
    let countries: Vec<String> = p
        .codes
        .iter()
        .filter(|c| !c.contains('-'))
        .cloned()
        .collect();
    p.codes.retain(|c| match c.split_once('-') {
        Some((country, _)) => !countries.iter().any(|k| k == country),
        None => true,
    });
    let excluded = p.excluded.clone();
    p.codes.retain(|c| !excluded.contains(c));
    // worldwide covers any place named beside it
    if p.codes.iter().any(|c| c == "001") {
        p.codes = vec!["001".to_string()];
    }
    p
}

fn floor(s: &str, n: usize) -> usize {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    n
}

fn is_operative(text: &str) -> bool {
    OPERATIVE.is_match(text)
}

fn is_recital(text: &str) -> bool {
    RECITAL.is_match(text)
}

/// A licence the licensee grants back to the licensor.
fn is_grant_back(text: &str) -> bool {
    GRANT_BACK.is_match(text)
}

fn mentions_territory(text: &str) -> bool {
    TERRITORY_WORD.is_match(text)
}

static LOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in|within|throughout|across|for|into|covering|to)\s+(?:(?:the|all|any|each|of|whole|entire|following|countries|country|territory|territories|area|areas|region|regions|market|markets|geographic(?:al)?)\s+)*$")
        .expect("static regex")
});

static EXCLUDE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:except(?:ing)?(?:\s+for)?|excluding|other\s+than|outside(?:\s+of)?|but\s+not(?:\s+including)?|with\s+the\s+exception\s+of|save\s+for)\s+(?:the\s+)?$")
        .expect("static regex")
});

static OPERATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:grant(?:s|ed)?|appoints?|appointed|engages?|hereby\s+licen[cs]es?)\b")
        .expect("static regex")
});

static GRANT_BACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bgrant(?:s|ed)?\s+back\b|\bgrant-?backs?\b|\bgrants?\s+(?:to\s+)?(?:the\s+)?(?-i:Licensor|LICENSOR)\b")
        .expect("static regex")
});

/// "Territory" means, "Licensed Territory" shall mean, "Territory":
static MEANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)["\u{201C}](?:Licensed\s+|Sales\s+|Contract\s+)?Territory["\u{201D}]\s*(?:shall\s+)?(?:means?|refers?\s+to|is\s+defined\s+as|:)"#)
        .expect("static regex")
});

static RECITAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?:RECITALS?\W+)?(?:[A-Z0-9]{1,3}[.)]\s*)?(?i:whereas)\b")
        .expect("static regex")
});

/// "the Territory", "Licensed Territory", or a lower-case "territory
/// specified in" a schedule.
static TERRITORY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Territory|TERRITORY|territory\s+(?:specified|set\s+(?:forth|out)|described|listed|defined|identified|designated))\b")
        .expect("static regex")
});

/// "in the following (designated) Territory" with the places after it.
static FOLLOWING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:following|below)\s+(?:\w+\s+)?(?:Territory|Territories|territory|territories|countries)\b[^.\n]*[.:]?|\bTerritory\s+(?i:(?:is\s+)?(?:set\s+(?:forth|out)|described|listed))\s+below\b[^.\n]*[.:]?")
        .expect("static regex")
});

/// A schedule row: "Territory: USA" or "TERRITORY United States" at the
/// start of a line.
static SCHEDULE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?(?:Licensed[ \t]+|LICENSED[ \t]+)?(?:Territory|TERRITORY|Territories|TERRITORIES)(?:[ \t]*:[ \t]*|[ \t]+)([^\n]{2,200})")
        .expect("static regex")
});

/// A table header line with a TERRITORY column among other upper-case
/// column names set apart by runs of spaces.
static TABLE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:[A-Z][A-Z/&]+(?: [A-Z/&]+)?[ \t]{2,})+TERRITORY(?:[ \t]{2,}[A-Z][A-Z/&]+(?: [A-Z/&]+)?)*[ \t]*$|(?m)^[ \t]*TERRITORY(?:[ \t]{2,}[A-Z][A-Z/&]+(?: [A-Z/&]+)?)+[ \t]*$")
        .expect("static regex")
});

/// A numbered heading ends a table.
static TABLE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*\d+(?:\.\d+)*\.?[ \t]+[A-Z]").expect("static regex"));

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(s: &str) -> Vec<String> {
        listed_places(s).map(|p| p.codes).unwrap_or_default()
    }

    #[test]
    fn places_after_in_are_the_grant_territory() {
        assert_eq!(
            listed(
                "Owner grants Acme a licence to sell the Goods in the United States and Canada."
            ),
            vec!["US", "CA"]
        );
    }

    #[test]
    fn a_party_named_after_a_state_is_not_a_place() {
        assert_eq!(
            listed("Nevada hereby grants to the Buyer a licence for use throughout the world."),
            vec!["001"]
        );
    }

    #[test]
    fn a_party_address_is_not_the_territory() {
        assert!(listed_places(
            "Acme Inc., a Delaware corporation, grants Beta a licence to the Marks."
        )
        .is_none());
    }

    #[test]
    fn worldwide_adjective_counts_without_a_preposition() {
        assert_eq!(listed("a non-exclusive, worldwide licence"), vec!["001"]);
    }

    #[test]
    fn exclusions_are_kept_apart() {
        let p =
            listed_places("the right to sell throughout the world except Japan and Korea").unwrap();
        assert_eq!(p.codes, vec!["001"]);
        assert_eq!(p.excluded, vec!["JP", "KR"]);
    }

    #[test]
    fn every_place_after_except_is_excluded_under_its_official_name() {
        let p = listed_places(
            "a licence to exploit the Songs in the world, except the People's Republic of China and the Islamic Republic of Iran",
        )
        .unwrap();
        assert_eq!(p.codes, vec!["001"]);
        assert_eq!(p.excluded, vec!["CN", "IR"]);
    }

    #[test]
    fn a_grant_back_to_the_licensor_is_not_the_main_grant() {
        assert!(is_grant_back(
            "Licensee hereby grants to Licensor a worldwide licence to its improvements."
        ));
        assert!(is_grant_back(
            "Licensee shall grant back a licence to the Owner."
        ));
        assert!(!is_grant_back(
            "Licensor grants Licensee a licence in Canada."
        ));
    }

    #[test]
    fn a_restated_definition_is_read_after_means() {
        let m = MEANS
            .find("Part 2. The \"Territory\" means the UK and Switzerland.")
            .unwrap();
        assert_eq!(m.as_str(), "\"Territory\" means");
    }

    #[test]
    fn a_state_of_a_granted_country_is_dropped() {
        let p = tidy(place::parse_places(
            "the United States, the District of Columbia and Puerto Rico",
        ));
        assert_eq!(p.codes, vec!["US", "PR"]);
    }

    #[test]
    fn worldwide_covers_other_places_named_beside_it() {
        assert_eq!(
            listed("a licence to use the Marks throughout the world and at its plant in Texas"),
            vec!["001"]
        );
    }

    #[test]
    fn a_parenthetical_definition_takes_the_list_before_it() {
        let p = definition_places(
            "Owner, of Ohio, appoints Acme as distributor in Brazil and Chile ",
            true,
        );
        assert_eq!(p.codes, vec!["BR", "CL"]);
    }

    #[test]
    fn a_schedule_row_gives_the_territory() {
        let text = "Schedule A\n\nTerritory: Germany and Austria\nProducts: pumps\n";
        let (p, _) = schedule_places(text).unwrap();
        assert_eq!(p.codes, vec!["DE", "AT"]);
    }

    #[test]
    fn a_territory_column_of_a_table_gives_the_territory() {
        let text = "Appendix 1\n\nTITLE        TERRITORY        FEE\n\nSeries One   Canada   10%\n\n2  PAYMENT\nin France";
        let (p, _) = schedule_places(text).unwrap();
        assert_eq!(p.codes, vec!["CA"]);
    }

    #[test]
    fn a_recital_is_not_a_grant() {
        assert!(is_recital("WHEREAS, Acme wishes to sell in France;"));
        assert!(is_recital("RECITALS A. WHEREAS Acme sells goods"));
        assert!(!is_recital("Owner grants Acme a licence."));
    }
}
