//! Governing law: the one legal system a governing-law sentence names, as a
//! code and a display name ("governed by the laws of the State of New York"
//! is `("US-NY", "New York")`). It reuses the place vocabulary, so aliases
//! added to `patterns/data/places.toml` work here too. A subdivision beats its own
//! country ("the United States and the State of California" is US-CA);
//! regions and groups are never jurisdictions. A legal system named by its
//! adjective ("English law", "Swiss law") counts too. Finding the
//! governing-law sentence is the extractors' job.

use super::place::{find_places, PlaceHit};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::sync::LazyLock;

/// How far (in bytes) after a country a subdivision may stand and still
/// refine it, as in "the laws of the United States and the State of Delaware".
const REFINE_WINDOW: usize = 160;

static ANCHORS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build([
            "laws of",
            "law of",
            "governed by",
            "construed under",
            "construed in accordance with",
        ])
        .ok()
});

/// Legal systems agreements name by adjective, which the place vocabulary
/// (names of places) does not hold: `(adjective, code, name)`.
const ADJECTIVES: &[(&str, &str, &str)] = &[
    ("English", "GB-ENG", "England"),
    ("Scottish", "GB-SCT", "Scotland"),
    ("Scots", "GB-SCT", "Scotland"),
    ("Swiss", "CH", "Switzerland"),
    ("German", "DE", "Germany"),
    ("French", "FR", "France"),
    ("Italian", "IT", "Italy"),
    ("Spanish", "ES", "Spain"),
    ("Dutch", "NL", "Netherlands"),
    ("Belgian", "BE", "Belgium"),
    ("Austrian", "AT", "Austria"),
    ("Swedish", "SE", "Sweden"),
    ("Danish", "DK", "Denmark"),
    ("Finnish", "FI", "Finland"),
    ("Norwegian", "NO", "Norway"),
    ("Irish", "IE", "Ireland"),
    ("Israeli", "IL", "Israel"),
    ("Japanese", "JP", "Japan"),
    ("Chinese", "CN", "China"),
    ("Korean", "KR", "Korea"),
    ("Singaporean", "SG", "Singapore"),
    ("Australian", "AU", "Australia"),
    ("Canadian", "CA", "Canada"),
    ("Mexican", "MX", "Mexico"),
    ("Brazilian", "BR", "Brazil"),
    ("R.O.C.", "TW", "Taiwan"),
];

/// An adjective directly before "law(s)", as in "construed under Swiss law".
static ADJECTIVE_LAW: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let words: Vec<String> = ADJECTIVES.iter().map(|a| regex::escape(a.0)).collect();
    Regex::new(&format!(
        r"(?i)\b(?:{})(?:\s+|\b)(?:(?:substantive\s+|domestic\s+|internal\s+)?laws?)\b",
        words.join("|")
    ))
    .ok()
});

/// The jurisdiction of a governing-law sentence as `(code, name)`.
///
/// The first place after "laws of" / "law of" wins, else the first place
/// after "governed by", else the first place in the sentence. If that place
/// is a country and one of its own subdivisions follows closely in the same
/// clause, the subdivision wins. Runs of whitespace count as one space.
pub fn jurisdiction(s: &str) -> Option<(String, String)> {
    let squashed;
    let s = if s.contains("  ") || s.contains(['\n', '\t', '\r']) {
        squashed = s.split_whitespace().collect::<Vec<_>>().join(" ");
        squashed.as_str()
    } else {
        s
    };
    let hits: Vec<PlaceHit> = find_places(s)
        .into_iter()
        .filter(|h| h.entry.jurisdiction_code().is_some())
        .collect();
    let after = anchor_end(s).unwrap_or(0);
    let adjective = adjective_law(s, after);
    let start = hits.iter().position(|h| h.range.start >= after);
    // an adjective after the anchor beats a place before it or after it
    if let Some((at, code, name)) = adjective {
        let place_at = start.map(|i| hits[i].range.start);
        if at >= after && place_at.is_none_or(|p| at < p) || hits.is_empty() {
            return Some((code.to_string(), name.to_string()));
        }
    }
    let start = start.unwrap_or(0);
    let chosen = hits.get(start)?;
    let code = chosen.entry.jurisdiction_code()?;
    if !code.contains('-') {
        let refined = hits[start + 1..]
            .iter()
            .take_while(|h| {
                h.range.start <= chosen.range.end + REFINE_WINDOW
                    && !ends_clause(s.get(chosen.range.end..h.range.start).unwrap_or(";"))
            })
            .find(|h| {
                h.entry
                    .jurisdiction_code()
                    .and_then(|c| c.split_once('-'))
                    .is_some_and(|(country, _)| country == code)
            });
        if let Some(sub) = refined {
            let sub_code = sub.entry.jurisdiction_code()?;
            return Some((sub_code.to_string(), sub.entry.name.clone()));
        }
    }
    Some((code.to_string(), chosen.entry.name.clone()))
}

/// The first legal-system adjective at or after `after` (else the first at
/// all), as `(start, code, name)`.
fn adjective_law(s: &str, after: usize) -> Option<(usize, &'static str, &'static str)> {
    let re = ADJECTIVE_LAW.as_ref()?;
    let found: Vec<(usize, &'static str, &'static str)> = re
        .find_iter(s)
        .filter_map(|m| {
            ADJECTIVES
                .iter()
                .find(|a| m.as_str().starts_with(a.0))
                .map(|a| (m.start(), a.1, a.2))
        })
        .collect();
    found
        .iter()
        .find(|f| f.0 >= after)
        .or(found.first())
        .copied()
}

/// Where the strongest anchor phrase ends: "law(s) of" first, then the others.
fn anchor_end(s: &str) -> Option<usize> {
    let anchors = ANCHORS.as_ref()?;
    let mut fallback = None;
    for m in anchors.find_iter(s) {
        if m.pattern().as_usize() <= 1 {
            return Some(m.end());
        }
        fallback.get_or_insert(m.end());
    }
    fallback
}

fn ends_clause(gap: &str) -> bool {
    gap.contains(';')
        || gap
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'.' && w[1].is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn law(s: &str) -> Option<(String, String)> {
        jurisdiction(s)
    }

    fn is(code: &str, name: &str) -> Option<(String, String)> {
        Some((code.to_string(), name.to_string()))
    }

    #[test]
    fn state_of_new_york_is_us_ny() {
        assert_eq!(
            law("This Agreement shall be governed by the laws of the State of New York."),
            is("US-NY", "New York")
        );
    }

    #[test]
    fn province_of_ontario_with_federal_laws_of_canada_is_ca_on() {
        assert_eq!(
            law("the laws of the Province of Ontario and the federal laws of Canada applicable therein"),
            is("CA-ON", "Ontario")
        );
    }

    #[test]
    fn england_and_wales_is_gb_eng() {
        assert_eq!(
            law("governed by the laws of England and Wales"),
            is("GB-ENG", "England and Wales")
        );
    }

    #[test]
    fn england_is_gb_eng() {
        assert_eq!(law("the laws of England"), is("GB-ENG", "England"));
    }

    #[test]
    fn scotland_is_gb_sct() {
        assert_eq!(law("the law of Scotland"), is("GB-SCT", "Scotland"));
    }

    #[test]
    fn israel_is_il() {
        assert_eq!(law("the laws of Israel"), is("IL", "Israel"));
    }

    #[test]
    fn prc_is_cn() {
        assert_eq!(
            law("the laws of the PRC").map(|j| j.0),
            Some("CN".to_string())
        );
    }

    #[test]
    fn hong_kong_is_hk() {
        assert_eq!(law("the laws of Hong Kong"), is("HK", "Hong Kong"));
    }

    #[test]
    fn delaware_is_us_de() {
        assert_eq!(law("governed by Delaware law"), is("US-DE", "Delaware"));
    }

    #[test]
    fn commonwealth_of_massachusetts_is_us_ma() {
        assert_eq!(
            law("the laws of the Commonwealth of Massachusetts"),
            is("US-MA", "Massachusetts")
        );
    }

    #[test]
    fn state_beats_its_federal_country() {
        assert_eq!(
            law("the laws of the United States and the State of California"),
            is("US-CA", "California")
        );
    }

    #[test]
    fn switzerland_is_ch() {
        assert_eq!(law("the laws of Switzerland"), is("CH", "Switzerland"));
    }

    #[test]
    fn place_after_laws_of_beats_earlier_place() {
        assert_eq!(
            law("Licensee, a California corporation, agrees this is governed by the laws of the State of New York"),
            is("US-NY", "New York")
        );
    }

    #[test]
    fn subdivision_in_a_later_sentence_does_not_refine() {
        assert_eq!(
            law("the laws of the United States. Venue lies in the courts of Texas."),
            is("US", "United States")
        );
    }

    #[test]
    fn subdivision_of_another_country_does_not_refine() {
        assert_eq!(
            law("the laws of Canada, without regard to New York rules"),
            is("CA", "Canada")
        );
    }

    #[test]
    fn regions_are_not_jurisdictions() {
        assert_eq!(law("the laws applicable worldwide"), None);
    }

    #[test]
    fn no_place_is_no_jurisdiction() {
        assert_eq!(
            law("governed by the laws of the jurisdiction of incorporation"),
            None
        );
    }

    #[test]
    fn english_law_is_gb_eng() {
        assert_eq!(
            law("This Agreement is governed by English law."),
            is("GB-ENG", "England")
        );
    }

    #[test]
    fn swiss_law_after_anchor_beats_place_before_it() {
        assert_eq!(
            law("Licensee, a Delaware company, agrees this is governed by Swiss law"),
            is("CH", "Switzerland")
        );
    }

    #[test]
    fn english_word_alone_is_no_jurisdiction() {
        assert_eq!(law("governed by the English version of this text"), None);
    }

    #[test]
    fn province_before_federal_law_of_its_country_wins() {
        assert_eq!(
            law("laws of the Province of Alberta and the federal laws of Canada applicable in it"),
            is("CA-AB", "Alberta")
        );
    }

    #[test]
    fn runs_of_spaces_and_line_breaks_are_read_as_one_space() {
        assert_eq!(
            law("the  laws  of  the  Province  of\n  British   Columbia"),
            is("CA-BC", "British Columbia")
        );
    }

    #[test]
    fn upper_case_sentence_is_read() {
        assert_eq!(
            law("GOVERNED BY THE LAWS OF THE STATE OF DELAWARE"),
            is("US-DE", "Delaware")
        );
    }
}
