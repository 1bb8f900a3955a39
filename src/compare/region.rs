//! Territory arithmetic: whether two grants' territories share any place.
//! Codes are those licscan emits (ISO 3166-1/-2, `EU`, UN M49 regions); a
//! built-in M49 table expands regions to their countries, `001` is the whole
//! world, a country contains its subdivisions (`US` contains `US-CA`), and
//! excluded codes subtract. Unknown codes are compared as themselves.

use std::collections::HashSet;

const NORTHERN_AFRICA: &[&str] = &["DZ", "EG", "LY", "MA", "SD", "TN", "EH"];
const SUB_SAHARAN_AFRICA: &[&str] = &[
    "IO", "BI", "KM", "DJ", "ER", "ET", "TF", "KE", "MG", "MW", "MU", "YT", "MZ", "RE", "RW", "SC",
    "SO", "SS", "UG", "TZ", "ZM", "ZW", "AO", "CM", "CF", "TD", "CG", "CD", "GQ", "GA", "ST", "BW",
    "SZ", "LS", "NA", "ZA", "BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "MR", "NE",
    "NG", "SH", "SN", "SL", "TG",
];
const NORTHERN_AMERICA: &[&str] = &["BM", "CA", "GL", "PM", "US"];
const CARIBBEAN: &[&str] = &[
    "AI", "AG", "AW", "BS", "BB", "BQ", "VG", "KY", "CU", "CW", "DM", "DO", "GD", "GP", "HT", "JM",
    "MQ", "MS", "PR", "BL", "KN", "LC", "MF", "VC", "SX", "TT", "TC", "VI",
];
const CENTRAL_AMERICA: &[&str] = &["BZ", "CR", "SV", "GT", "HN", "MX", "NI", "PA"];
const SOUTH_AMERICA: &[&str] = &[
    "AR", "BO", "BV", "BR", "CL", "CO", "EC", "FK", "GF", "GY", "PY", "PE", "GS", "SR", "UY", "VE",
];
const CENTRAL_ASIA: &[&str] = &["KZ", "KG", "TJ", "TM", "UZ"];
const EASTERN_ASIA: &[&str] = &["CN", "HK", "MO", "KP", "JP", "MN", "KR", "TW"];
const SOUTH_EASTERN_ASIA: &[&str] = &[
    "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN",
];
const SOUTHERN_ASIA: &[&str] = &["AF", "BD", "BT", "IN", "IR", "MV", "NP", "PK", "LK"];
const WESTERN_ASIA: &[&str] = &[
    "AM", "AZ", "BH", "CY", "GE", "IQ", "IL", "JO", "KW", "LB", "OM", "QA", "SA", "PS", "SY", "TR",
    "AE", "YE",
];
const EASTERN_EUROPE: &[&str] = &["BY", "BG", "CZ", "HU", "PL", "MD", "RO", "RU", "SK", "UA"];
const NORTHERN_EUROPE: &[&str] = &[
    "AX", "DK", "EE", "FO", "FI", "GG", "IS", "IE", "IM", "JE", "LV", "LT", "NO", "SJ", "SE", "GB",
];
const SOUTHERN_EUROPE: &[&str] = &[
    "AL", "AD", "BA", "HR", "GI", "GR", "VA", "IT", "MT", "ME", "MK", "PT", "SM", "RS", "SI", "ES",
    "XK",
];
const WESTERN_EUROPE: &[&str] = &["AT", "BE", "FR", "DE", "LI", "LU", "MC", "NL", "CH"];
const OCEANIA: &[&str] = &[
    "AU", "NZ", "CX", "CC", "HM", "NF", "FJ", "NC", "PG", "SB", "VU", "GU", "KI", "MH", "FM", "NR",
    "MP", "PW", "UM", "AS", "CK", "PF", "NU", "PN", "WS", "TK", "TO", "TV", "WF",
];
const EU: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// The countries of a region code, or None when the code is not a known region.
pub fn region_members(code: &str) -> Option<Vec<&'static str>> {
    let parts: &[&[&str]] = match code {
        "002" => &[NORTHERN_AFRICA, SUB_SAHARAN_AFRICA],
        "015" => &[NORTHERN_AFRICA],
        "202" => &[SUB_SAHARAN_AFRICA],
        "019" => &[NORTHERN_AMERICA, CARIBBEAN, CENTRAL_AMERICA, SOUTH_AMERICA],
        "021" => &[NORTHERN_AMERICA],
        "419" => &[CARIBBEAN, CENTRAL_AMERICA, SOUTH_AMERICA],
        "029" => &[CARIBBEAN],
        "013" => &[CENTRAL_AMERICA],
        "005" => &[SOUTH_AMERICA],
        "142" => &[
            CENTRAL_ASIA,
            EASTERN_ASIA,
            SOUTH_EASTERN_ASIA,
            SOUTHERN_ASIA,
            WESTERN_ASIA,
        ],
        "143" => &[CENTRAL_ASIA],
        "030" => &[EASTERN_ASIA],
        "035" => &[SOUTH_EASTERN_ASIA],
        "034" => &[SOUTHERN_ASIA],
        "145" => &[WESTERN_ASIA],
        "150" => &[
            EASTERN_EUROPE,
            NORTHERN_EUROPE,
            SOUTHERN_EUROPE,
            WESTERN_EUROPE,
        ],
        "151" => &[EASTERN_EUROPE],
        "154" => &[NORTHERN_EUROPE],
        "039" => &[SOUTHERN_EUROPE],
        "155" => &[WESTERN_EUROPE],
        "009" => &[OCEANIA],
        "EU" => &[EU],
        _ => return None,
    };
    Some(parts.iter().flat_map(|p| p.iter().copied()).collect())
}

/// The country a subdivision belongs to (`US-CA` -> `US`).
fn country_of(code: &str) -> Option<&str> {
    code.split_once('-').map(|(c, _)| c)
}

/// A territory as a set of places: everything (`001`) or listed countries and
/// subdivisions, minus excluded ones.
#[derive(Debug, Clone, Default)]
pub struct Territory {
    pub worldwide: bool,
    include: HashSet<String>,
    /// Countries with at least one included subdivision.
    subdivided: HashSet<String>,
    exclude: HashSet<String>,
}

fn expand(codes: &[String], into: &mut HashSet<String>) -> bool {
    let mut worldwide = false;
    for c in codes {
        let c = c.trim().to_ascii_uppercase();
        if c == "001" {
            worldwide = true;
        } else if let Some(members) = region_members(&c) {
            into.extend(members.into_iter().map(String::from));
        } else if !c.is_empty() {
            into.insert(c);
        }
    }
    worldwide
}

impl Territory {
    /// None when no territory was found (nothing to compare).
    pub fn new(codes: &[String], excluded: &[String]) -> Option<Territory> {
        let mut t = Territory::default();
        t.worldwide = expand(codes, &mut t.include);
        if !t.worldwide && t.include.is_empty() {
            return None;
        }
        expand(excluded, &mut t.exclude);
        t.subdivided = t
            .include
            .iter()
            .filter_map(|c| country_of(c).map(String::from))
            .collect();
        Some(t)
    }

    fn excludes(&self, place: &str) -> bool {
        self.exclude.contains(place) || country_of(place).is_some_and(|c| self.exclude.contains(c))
    }

    /// Places within `self` that `other` could also cover, before exclusions.
    fn candidates<'a>(&'a self, other: &'a Territory) -> Vec<&'a str> {
        let mut out = Vec::new();
        for p in &self.include {
            if other.include.contains(p) || country_of(p).is_some_and(|c| other.include.contains(c))
            {
                out.push(p.as_str());
            } else if other.subdivided.contains(p) {
                out.extend(
                    other
                        .include
                        .iter()
                        .filter(|s| country_of(s) == Some(p.as_str()))
                        .map(String::as_str),
                );
            }
        }
        out
    }

    /// Places both territories cover (sorted, at most `limit`); `001` when both
    /// are worldwide. Empty when they are disjoint.
    pub fn shared(&self, other: &Territory, limit: usize) -> Vec<String> {
        let mut out: Vec<String> = match (self.worldwide, other.worldwide) {
            (true, true) => vec!["001".to_string()],
            (true, false) => other.include.iter().cloned().collect(),
            (false, true) => self.include.iter().cloned().collect(),
            (false, false) => self
                .candidates(other)
                .into_iter()
                .map(String::from)
                .collect(),
        };
        out.retain(|p| !self.excludes(p) && !other.excludes(p));
        out.sort();
        out.dedup();
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(codes: &[&str], excl: &[&str]) -> Territory {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Territory::new(&v(codes), &v(excl)).expect("a territory")
    }

    #[test]
    fn worldwide_contains_any_country() {
        assert_eq!(t(&["001"], &[]).shared(&t(&["BR"], &[]), 5), vec!["BR"]);
    }

    #[test]
    fn a_region_contains_its_countries() {
        assert_eq!(
            t(&["150"], &[]).shared(&t(&["DE", "US"], &[]), 5),
            vec!["DE"]
        );
        assert!(t(&["005"], &[]).shared(&t(&["MX"], &[]), 5).is_empty());
    }

    #[test]
    fn a_country_contains_its_subdivisions() {
        assert_eq!(
            t(&["US"], &[]).shared(&t(&["US-CA"], &[]), 5),
            vec!["US-CA"]
        );
        assert_eq!(
            t(&["US-CA"], &[]).shared(&t(&["US"], &[]), 5),
            vec!["US-CA"]
        );
        assert!(t(&["US-CA"], &[]).shared(&t(&["US-NY"], &[]), 5).is_empty());
    }

    #[test]
    fn excluded_codes_subtract() {
        assert!(t(&["001"], &["JP"]).shared(&t(&["JP"], &[]), 5).is_empty());
        assert!(t(&["419"], &["BR"]).shared(&t(&["BR"], &[]), 5).is_empty());
        assert!(t(&["US"], &[])
            .shared(&t(&["US-CA"], &["US"]), 5)
            .is_empty());
    }

    #[test]
    fn two_worldwide_grants_share_the_world() {
        assert_eq!(
            t(&["001"], &["JP"]).shared(&t(&["001"], &[]), 5),
            vec!["001"]
        );
    }

    #[test]
    fn no_codes_is_no_territory() {
        assert!(Territory::new(&[], &[]).is_none());
    }
}
