//! Territory phrases to place codes: "worldwide except Japan and Korea" is
//! `codes: ["001"], excluded: ["JP", "KR"]`. Countries come from the ISO
//! 3166-1 list (isocountry); aliases, subdivisions, regions and exclusion
//! cues are data in `patterns/data/places.toml`, compiled once into one
//! Aho-Corasick automaton. Bare two-letter words ("IN", "AT", "CA") are
//! never places. This module owns the vocabulary that `law` reuses; it does
//! not decide which sentence is the territory clause.

use crate::ingest::clean::Squeezed;
use aho_corasick::{AhoCorasick, MatchKind};
use isocountry::CountryCode;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

const PLACES_TOML: &str = include_str!("../../patterns/data/places.toml");

/// Places a phrase grants (`codes`) and carves out (`excluded`), each
/// de-duplicated in order of first appearance. A code never appears in both:
/// "Greater China excluding Taiwan" is CN, HK, MO with TW excluded.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Places {
    pub codes: Vec<String>,
    pub excluded: Vec<String>,
}

/// A problem with `patterns/data/places.toml`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlaceDataError {
    #[error("patterns/data/places.toml does not parse: {0}")]
    Toml(String),
    #[error("patterns/data/places.toml: place {name:?}: {reason}")]
    Place { name: String, reason: String },
    #[error("patterns/data/places.toml: cannot build the name automaton: {0}")]
    Automaton(String),
    #[error("patterns/data/places.toml: example {text:?} gives {got:?}, expected {expected:?}")]
    Example {
        text: String,
        expected: Places,
        got: Places,
    },
}

/// The codes in `s`, split into granted and excluded places.
///
/// Places after an exclusion cue ("except", "excluding", "other than", "but
/// not including", "with the exception of", "outside") are excluded while
/// only list words separate them; a ";" or a sentence end closes the
/// exclusion. A place written "non-U.S." or "ex-U.S." is excluded too.
pub fn parse_places(s: &str) -> Places {
    match vocabulary() {
        Ok(v) => v.parse(s),
        Err(_) => Places::default(),
    }
}

/// Loads `patterns/data/places.toml` and runs its examples; for `cargo test` and
/// `licscan patterns check`.
pub fn check_vocabulary() -> Result<(), PlaceDataError> {
    let v = vocabulary().map_err(Clone::clone)?;
    for example in &v.examples {
        let got = v.parse(&example.text);
        let expected = Places {
            codes: example.codes.clone(),
            excluded: example.excluded.clone(),
        };
        if got != expected {
            return Err(PlaceDataError::Example {
                text: example.text.clone(),
                expected,
                got,
            });
        }
    }
    Ok(())
}

/// One place of the vocabulary: what it grants and what it is called.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) codes: Vec<String>,
    pub(crate) name: String,
    law: Option<String>,
}

impl Entry {
    /// The code of this place as a legal system: a single country or
    /// subdivision (or its `law` override), never a region or group.
    pub(crate) fn jurisdiction_code(&self) -> Option<&str> {
        if let Some(law) = &self.law {
            return Some(law);
        }
        match self.codes.as_slice() {
            [code] if !code.bytes().all(|b| b.is_ascii_digit()) => Some(code),
            _ => None,
        }
    }
}

/// A place named in a text.
pub(crate) struct PlaceHit {
    pub(crate) range: Range<usize>,
    pub(crate) entry: &'static Entry,
}

/// Every place named in `s`, in order (cues and ambiguous names left out).
pub(crate) fn find_places(s: &str) -> Vec<PlaceHit> {
    let Ok(v) = vocabulary() else {
        return Vec::new();
    };
    v.scan(s)
        .into_iter()
        .filter_map(|hit| match v.patterns[hit.pattern].target {
            Target::Place(e) => Some(PlaceHit {
                range: hit.range,
                entry: &v.entries[e],
            }),
            _ => None,
        })
        .collect()
}

fn vocabulary() -> Result<&'static Vocabulary, &'static PlaceDataError> {
    static VOCABULARY: OnceLock<Result<Vocabulary, PlaceDataError>> = OnceLock::new();
    VOCABULARY
        .get_or_init(|| Vocabulary::load(PLACES_TOML))
        .as_ref()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    ambiguous: Vec<String>,
    cues: Cues,
    #[serde(default)]
    regions: Vec<PlaceDef>,
    #[serde(default)]
    countries: Vec<PlaceDef>,
    #[serde(default)]
    subdivisions: Vec<PlaceDef>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cues {
    exclude: Vec<String>,
    include: Vec<String>,
    glue: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceDef {
    code: Option<String>,
    codes: Option<Vec<String>>,
    name: String,
    names: Option<Vec<String>>,
    law: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    text: String,
    #[serde(default)]
    codes: Vec<String>,
    #[serde(default)]
    excluded: Vec<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Target {
    Place(usize),
    /// An ambiguous name: matched so that nothing shorter inside it matches.
    Blocker,
    Exclude,
    Include,
}

struct Pattern {
    text: String,
    target: Target,
}

struct Hit {
    range: Range<usize>,
    pattern: usize,
}

struct Vocabulary {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    entries: Vec<Entry>,
    glue: Vec<String>,
    examples: Vec<Example>,
}

/// Collects entries and names; a later name with the same spelling replaces
/// an earlier one, so the TOML file overrides the ISO list.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    by_key: HashMap<(Vec<String>, Option<String>), usize>,
    patterns: Vec<Pattern>,
    by_text: HashMap<String, usize>,
}

impl Builder {
    fn entry(&mut self, codes: Vec<String>, law: Option<String>, name: &str) -> usize {
        let key = (codes, law);
        // A `law` override makes a distinct legal system ("England" and
        // "England and Wales" are both GB-ENG but keep their own names).
        if let Some(&i) = self.by_key.get(&key).filter(|_| key.1.is_none()) {
            self.entries[i].name = name.to_string();
            return i;
        }
        let i = self.entries.len();
        self.entries.push(Entry {
            codes: key.0.clone(),
            name: name.to_string(),
            law: key.1.clone(),
        });
        self.by_key.insert(key, i);
        i
    }

    fn pattern(&mut self, text: &str, target: Target) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match self.by_text.get(text) {
            Some(&i) => self.patterns[i].target = target,
            None => {
                self.by_text.insert(text.to_string(), self.patterns.len());
                self.patterns.push(Pattern {
                    text: text.to_string(),
                    target,
                });
            }
        }
    }
}

impl Vocabulary {
    fn load(source: &str) -> Result<Vocabulary, PlaceDataError> {
        let file: File = toml::from_str(source).map_err(|e| PlaceDataError::Toml(e.to_string()))?;
        let mut b = Builder::default();

        // Official names, then their short forms when only one country has it
        // ("Korea" is both KP and KR, so it is left to the TOML file).
        let mut short_owners: HashMap<&str, usize> = HashMap::new();
        for country in CountryCode::iter() {
            let full = country.name();
            *short_owners.entry(short_name(full)).or_default() += 1;
        }
        let mut shorts = Vec::new();
        for country in CountryCode::iter() {
            let full = country.name();
            let short = short_name(full);
            let e = b.entry(vec![country.alpha2().to_string()], None, short);
            b.pattern(full, Target::Place(e));
            if short != full && short_owners.get(short) == Some(&1) {
                shorts.push((short, e));
            }
        }
        for (short, e) in shorts {
            if !b.by_text.contains_key(short) {
                b.pattern(short, Target::Place(e));
            }
        }

        for def in file
            .regions
            .iter()
            .chain(&file.countries)
            .chain(&file.subdivisions)
        {
            let codes = place_codes(def)?;
            let e = b.entry(codes, def.law.clone(), &def.name);
            match &def.names {
                Some(names) => names.iter().for_each(|n| b.pattern(n, Target::Place(e))),
                None => b.pattern(&def.name, Target::Place(e)),
            }
        }
        for name in &file.ambiguous {
            b.pattern(name, Target::Blocker);
        }
        for cue in &file.cues.exclude {
            b.pattern(cue, Target::Exclude);
        }
        for cue in &file.cues.include {
            b.pattern(cue, Target::Include);
        }

        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(b.patterns.iter().map(|p| p.text.as_str()))
            .map_err(|e| PlaceDataError::Automaton(e.to_string()))?;
        Ok(Vocabulary {
            automaton,
            patterns: b.patterns,
            entries: b.entries,
            glue: file.cues.glue,
            examples: file.examples,
        })
    }

    /// Leftmost-longest non-overlapping matches among those that pass the
    /// word-boundary and capitalisation checks, with ranges in `s`. A name
    /// broken by a line break and indentation ("West\n    Virginia") is
    /// matched as if each whitespace run were one space.
    fn scan(&self, s: &str) -> Vec<Hit> {
        let flat = Squeezed::new(s);
        self.scan_flat(&flat.text)
            .into_iter()
            .map(|h| Hit {
                range: flat.original_range(h.range.start, h.range.end),
                pattern: h.pattern,
            })
            .collect()
    }

    /// Checking before choosing means a rejected long match never hides a
    /// valid shorter one.
    fn scan_flat(&self, s: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .automaton
            .find_overlapping_iter(s)
            .filter(|m| {
                let text = self.patterns[m.pattern().as_usize()].text.as_bytes();
                is_whole_word(s, m.start(), m.end())
                    && capitals_match(text, &s.as_bytes()[m.range()])
            })
            .map(|m| Hit {
                range: m.range(),
                pattern: m.pattern().as_usize(),
            })
            .collect();
        hits.sort_by(|a, b| {
            (a.range.start, b.range.end, b.pattern).cmp(&(b.range.start, a.range.end, a.pattern))
        });
        let mut chosen = Vec::with_capacity(hits.len());
        let mut end = 0;
        for hit in hits {
            if hit.range.start >= end {
                end = hit.range.end;
                chosen.push(hit);
            }
        }
        chosen
    }

    fn parse(&self, s: &str) -> Places {
        let mut places = Places::default();
        let mut excluding = false;
        let mut last = 0;
        for hit in self.scan(s) {
            let gap = s.get(last..hit.range.start).unwrap_or("");
            if !self.is_glue(gap) {
                excluding = false;
            }
            last = hit.range.end;
            match self.patterns[hit.pattern].target {
                Target::Exclude => excluding = true,
                Target::Include => excluding = false,
                Target::Blocker => {}
                Target::Place(e) => {
                    let list = if excluding || is_negated(s, hit.range.start) {
                        &mut places.excluded
                    } else {
                        &mut places.codes
                    };
                    for code in &self.entries[e].codes {
                        if !list.contains(code) {
                            list.push(code.clone());
                        }
                    }
                }
            }
        }
        let Places { codes, excluded } = &mut places;
        codes.retain(|c| !excluded.contains(c));
        places
    }

    /// True if `gap` holds only list words and punctuation, with no ";" or
    /// sentence end.
    fn is_glue(&self, gap: &str) -> bool {
        let sentence_end = gap
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'.' && w[1].is_ascii_whitespace());
        if gap.contains(';') || sentence_end {
            return false;
        }
        gap.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| self.glue.iter().any(|g| g.eq_ignore_ascii_case(w)))
    }
}

/// "Bolivia" for "Bolivia (Plurinational State of)", "Taiwan" for "Taiwan, Province of China".
fn short_name(full: &str) -> &str {
    let cut = full
        .find(" (")
        .or_else(|| full.find(", "))
        .unwrap_or(full.len());
    &full[..cut]
}

fn place_codes(def: &PlaceDef) -> Result<Vec<String>, PlaceDataError> {
    let fail = |reason: String| PlaceDataError::Place {
        name: def.name.clone(),
        reason,
    };
    let codes = match (&def.code, &def.codes) {
        (Some(code), None) => vec![code.clone()],
        (None, Some(codes)) if !codes.is_empty() => codes.clone(),
        _ => {
            return Err(fail(
                "needs exactly one of `code` or a non-empty `codes`".into(),
            ))
        }
    };
    for code in codes.iter().chain(&def.law) {
        if !is_valid_code(code) {
            return Err(fail(format!(
                "{code:?} is not an M49, ISO 3166-1 alpha-2, EU or ISO 3166-2 code"
            )));
        }
    }
    if def.names.as_ref().is_some_and(Vec::is_empty) {
        return Err(fail("`names` is empty".into()));
    }
    Ok(codes)
}

fn is_valid_code(code: &str) -> bool {
    let country = |c: &str| c == "EU" || (c.len() == 2 && CountryCode::for_alpha2(c).is_ok());
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    match code.split_once('-') {
        Some((c, sub)) => {
            country(c)
                && (1..=3).contains(&sub.len())
                && sub
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }
        None => country(code),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_whole_word(s: &str, start: usize, end: usize) -> bool {
    let before = s.get(..start).and_then(|p| p.chars().next_back());
    let after = s.get(end..).and_then(|p| p.chars().next());
    // A match that does not sit on char boundaries is not a word at all.
    s.is_char_boundary(start)
        && s.is_char_boundary(end)
        && !before.is_some_and(is_word_char)
        && !after.is_some_and(is_word_char)
}

/// Every capital in the name must be a capital in the text.
fn capitals_match(name: &[u8], text: &[u8]) -> bool {
    name.len() == text.len()
        && name
            .iter()
            .zip(text)
            .all(|(n, t)| !n.is_ascii_uppercase() || t.is_ascii_uppercase())
}

/// "non-U.S." and "ex-U.S." name a place to leave out.
fn is_negated(s: &str, start: usize) -> bool {
    let before = &s.as_bytes()[..start.min(s.len())];
    ["non-", "non ", "ex-"].iter().any(|prefix| {
        let n = prefix.len();
        before.len() >= n
            && before[before.len() - n..].eq_ignore_ascii_case(prefix.as_bytes())
            && (before.len() == n || !before[before.len() - n - 1].is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(s: &str) -> Vec<String> {
        parse_places(s).codes
    }

    fn places(codes: &[&str], excluded: &[&str]) -> Places {
        Places {
            codes: codes.iter().map(|c| c.to_string()).collect(),
            excluded: excluded.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn vocabulary_loads_and_its_examples_pass() {
        assert_eq!(check_vocabulary(), Ok(()));
    }

    #[test]
    fn in_witness_whereof_yields_no_place() {
        assert_eq!(
            parse_places("IN WITNESS WHEREOF, the parties have signed"),
            Places::default()
        );
    }

    #[test]
    fn at_yields_no_place() {
        assert_eq!(parse_places("AT"), Places::default());
    }

    #[test]
    fn ca_alone_yields_nothing() {
        assert_eq!(parse_places("CA"), Places::default());
    }

    #[test]
    fn bare_two_letter_words_yield_nothing() {
        assert_eq!(parse_places("DE ME OR IN AT US CN JP"), Places::default());
    }

    #[test]
    fn worldwide_is_001() {
        assert_eq!(codes("a worldwide license"), vec!["001"]);
    }

    #[test]
    fn throughout_the_world_is_001() {
        assert_eq!(codes("throughout the world"), vec!["001"]);
    }

    #[test]
    fn upper_case_worldwide_is_001() {
        assert_eq!(codes("WORLD-WIDE"), vec!["001"]);
    }

    #[test]
    fn excluding_hong_kong_macau_and_taiwan_are_excluded_not_included() {
        assert_eq!(
            parse_places("excluding Hong Kong, Macau and Taiwan"),
            places(&[], &["HK", "MO", "TW"])
        );
    }

    #[test]
    fn worldwide_except_two_countries() {
        assert_eq!(
            parse_places("worldwide except Japan and Korea"),
            places(&["001"], &["JP", "KR"])
        );
    }

    #[test]
    fn worldwide_excluding_one_country() {
        assert_eq!(
            parse_places("worldwide excluding Japan"),
            places(&["001"], &["JP"])
        );
    }

    #[test]
    fn with_the_exception_of_excludes() {
        assert_eq!(
            parse_places("throughout the world with the exception of Germany"),
            places(&["001"], &["DE"])
        );
    }

    #[test]
    fn but_not_including_excludes() {
        assert_eq!(
            parse_places("North America, but not including Mexico"),
            places(&["021"], &["MX"])
        );
    }

    #[test]
    fn including_after_an_exclusion_grants_again() {
        assert_eq!(
            parse_places("Asia excluding Japan but including Korea"),
            places(&["142", "KR"], &["JP"])
        );
    }

    #[test]
    fn exclusion_cue_far_from_a_place_does_not_exclude_it() {
        assert_eq!(
            codes("except as set out in Schedule 2, the Territory is France"),
            vec!["FR"]
        );
    }

    #[test]
    fn excluded_member_of_a_group_leaves_the_group() {
        assert_eq!(
            parse_places("Greater China excluding Taiwan"),
            places(&["CN", "HK", "MO"], &["TW"])
        );
    }

    #[test]
    fn us_aliases_are_us() {
        assert_eq!(codes("the United States of America"), vec!["US"]);
        assert_eq!(codes("the U.S. and USA"), vec!["US"]);
    }

    #[test]
    fn us_code_of_laws_abbreviation_is_not_us() {
        assert_eq!(codes("35 U.S.C. 271"), Vec::<String>::new());
    }

    #[test]
    fn uk_aliases_are_gb() {
        assert_eq!(codes("the UK, Great Britain and the U.K."), vec!["GB"]);
    }

    #[test]
    fn england_as_a_territory_is_gb() {
        assert_eq!(codes("England"), vec!["GB"]);
    }

    #[test]
    fn prc_aliases_are_cn() {
        assert_eq!(codes("the PRC"), vec!["CN"]);
        assert_eq!(codes("the People's Republic of China"), vec!["CN"]);
        assert_eq!(codes("mainland China"), vec!["CN"]);
    }

    #[test]
    fn korea_aliases_are_kr() {
        assert_eq!(
            codes("Korea, South Korea and the Republic of Korea"),
            vec!["KR"]
        );
    }

    #[test]
    fn macao_and_macau_are_mo() {
        assert_eq!(codes("Macao or Macau"), vec!["MO"]);
    }

    #[test]
    fn holland_is_nl() {
        assert_eq!(codes("Holland"), vec!["NL"]);
    }

    #[test]
    fn every_iso_country_is_known_by_its_official_name() {
        for country in CountryCode::iter() {
            let name = country.name();
            let got = codes(name);
            assert!(
                got.contains(&country.alpha2().to_string()) || name == "Georgia",
                "{name} gave {got:?}"
            );
        }
    }

    #[test]
    fn short_official_names_are_known() {
        assert_eq!(codes("Bolivia"), vec!["BO"]);
        assert_eq!(codes("Tanzania"), vec!["TZ"]);
    }

    #[test]
    fn us_states_are_subdivisions() {
        assert_eq!(codes("California and Texas"), vec!["US-CA", "US-TX"]);
    }

    #[test]
    fn canadian_provinces_are_subdivisions() {
        assert_eq!(codes("Ontario, Québec and Quebec"), vec!["CA-ON", "CA-QC"]);
    }

    #[test]
    fn georgia_alone_is_ambiguous() {
        assert_eq!(parse_places("Georgia"), Places::default());
    }

    #[test]
    fn state_of_georgia_is_us_ga() {
        assert_eq!(codes("the State of Georgia"), vec!["US-GA"]);
    }

    #[test]
    fn new_mexico_is_not_also_mexico() {
        assert_eq!(codes("New Mexico"), vec!["US-NM"]);
    }

    #[test]
    fn new_jersey_is_not_jersey() {
        assert_eq!(codes("New Jersey"), vec!["US-NJ"]);
    }

    #[test]
    fn papua_new_guinea_is_not_guinea() {
        assert_eq!(codes("Papua New Guinea"), vec!["PG"]);
    }

    #[test]
    fn west_virginia_is_not_virginia() {
        assert_eq!(codes("West Virginia"), vec!["US-WV"]);
    }

    #[test]
    fn a_name_broken_across_lines_is_one_name() {
        let s = "Kentucky and West\n     Virginia";
        assert_eq!(codes(s), vec!["US-KY", "US-WV"]);
        let hits = find_places(s);
        assert_eq!(&s[hits[1].range.clone()], "West\n     Virginia");
        assert_eq!(
            codes("the United\r\n  Kingdom and New\tYork"),
            vec!["GB", "US-NY"]
        );
    }

    #[test]
    fn northern_ireland_is_not_ireland() {
        assert_eq!(codes("Northern Ireland"), vec!["GB-NIR"]);
    }

    #[test]
    fn arkansas_is_not_kansas() {
        assert_eq!(codes("Arkansas"), vec!["US-AR"]);
    }

    #[test]
    fn name_inside_a_longer_word_is_not_a_place() {
        assert_eq!(codes("Indianapolis and Romanian"), Vec::<String>::new());
    }

    #[test]
    fn lower_case_common_words_are_not_places() {
        assert_eq!(codes("fine china and roast turkey"), Vec::<String>::new());
    }

    #[test]
    fn upper_case_names_are_places() {
        assert_eq!(codes("THE UNITED STATES AND CANADA"), vec!["US", "CA"]);
    }

    #[test]
    fn capitalised_name_with_lower_case_tail_falls_back_to_shorter_name() {
        assert_eq!(codes("United States of america"), vec!["US"]);
    }

    #[test]
    fn regions_have_m49_codes() {
        assert_eq!(
            codes("Europe, Asia and Latin America"),
            vec!["150", "142", "419"]
        );
    }

    #[test]
    fn european_union_is_eu() {
        assert_eq!(codes("the European Union"), vec!["EU"]);
        assert_eq!(codes("the EU"), vec!["EU"]);
    }

    #[test]
    fn eea_is_eu_plus_iceland_liechtenstein_norway() {
        assert_eq!(codes("the EEA"), vec!["EU", "IS", "LI", "NO"]);
    }

    #[test]
    fn middle_east_is_western_asia() {
        assert_eq!(codes("the Middle East"), vec!["145"]);
    }

    #[test]
    fn greater_china_is_four_codes() {
        assert_eq!(codes("Greater China"), vec!["CN", "HK", "MO", "TW"]);
    }

    #[test]
    fn codes_are_deduplicated_in_order_of_first_appearance() {
        assert_eq!(codes("Japan, France, Japan and France"), vec!["JP", "FR"]);
    }

    #[test]
    fn non_prefix_excludes() {
        assert_eq!(parse_places("all non-U.S. countries"), places(&[], &["US"]));
    }

    #[test]
    fn semicolon_ends_an_exclusion() {
        assert_eq!(
            parse_places("worldwide excluding Japan; and Korea"),
            places(&["001", "KR"], &["JP"])
        );
    }

    #[test]
    fn every_code_in_the_data_is_valid() {
        assert!(is_valid_code("001"));
        assert!(is_valid_code("US-CA"));
        assert!(is_valid_code("AU-NSW"));
        assert!(is_valid_code("EU"));
        assert!(!is_valid_code("XX"));
        assert!(!is_valid_code("us"));
        assert!(!is_valid_code("US-california"));
    }

    #[test]
    fn place_without_codes_is_a_data_error() {
        let bad =
            "regions = [{ name = \"Nowhere\" }]\n[cues]\nexclude = []\ninclude = []\nglue = []\n";
        assert!(matches!(
            Vocabulary::load(bad),
            Err(PlaceDataError::Place { .. })
        ));
    }

    #[test]
    fn unknown_code_is_a_data_error() {
        let bad = "regions = [{ code = \"ZZ\", name = \"Nowhere\" }]\n[cues]\nexclude = []\ninclude = []\nglue = []\n";
        assert!(matches!(
            Vocabulary::load(bad),
            Err(PlaceDataError::Place { .. })
        ));
    }

    #[test]
    fn broken_toml_is_a_data_error() {
        assert!(matches!(
            Vocabulary::load("cues = ["),
            Err(PlaceDataError::Toml(_))
        ));
    }

    #[test]
    fn odd_unicode_does_not_panic() {
        for s in [
            "",
            "ÅÅÅ",
            "é U.S.é",
            "Japan\u{0301}",
            "🇯🇵 Japan 🇯🇵",
            "Côte d'Ivoire",
            "ex-",
            "non-",
        ] {
            let _ = parse_places(s);
        }
    }
}
