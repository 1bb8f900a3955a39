//! Improvements summary: present when a clause says who owns improvements,
//! derivative works or new IP, or grants a licence back. The owner is a role
//! (licensor, licensee, joint, creator, grant_back). Rules name a role when
//! the text uses one; when the owner is named by party ("property of Acme"),
//! the name is matched against the parties of the licence grant ("Acme
//! hereby grants to Beta ...") to find its role. A grant-back outranks plain
//! licensee ownership, since the licensee owning but licensing back is what
//! a grant-back means.

use super::{cite, Context};
use crate::record::Terms;
use regex::Regex;
use serde_json::Value;
use std::sync::OnceLock;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let ids = ctx.find("improvements", &[]);
    if ids.is_empty() {
        terms.improvements.present = Some(false);
        return;
    }
    terms.improvements.present = Some(true);
    let parties = ctx
        .find("license_grant", &["grant"])
        .iter()
        .find_map(|&i| grant_parties(ctx.clean_text(i)));
    let owners: Vec<&str> = ids
        .iter()
        .filter_map(|&i| {
            let set = ctx.value(i, "owner").and_then(Value::as_str);
            if matches!(set, Some("joint" | "creator" | "grant_back")) {
                return set;
            }
            let named = parties
                .as_ref()
                .and_then(|p| owner_name(ctx.clean_text(i)).and_then(|n| p.role_of(&n)));
            named.or(set)
        })
        .collect();
    let owner = if owners.contains(&"grant_back") {
        Some("grant_back")
    } else {
        // the most frequent owner, first seen on ties
        owners
            .iter()
            .max_by_key(|o| {
                (
                    owners.iter().filter(|x| x == o).count(),
                    std::cmp::Reverse(owners.iter().position(|x| x == *o)),
                )
            })
            .copied()
    };
    terms.improvements.owner = owner.map(str::to_string);
    cite(terms, "improvements.present", ids);
}

/// The granting and receiving parties of a licence grant sentence.
#[derive(Debug, PartialEq)]
pub struct Parties {
    pub licensor: String,
    pub licensee: String,
}

impl Parties {
    /// The role of a party named in an ownership clause.
    fn role_of(&self, name: &str) -> Option<&'static str> {
        let n = norm(name);
        if n.is_empty() {
            return None;
        }
        if n == norm(&self.licensor) || n == "licensor" {
            Some("licensor")
        } else if n == norm(&self.licensee) || n == "licensee" {
            Some("licensee")
        } else {
            None
        }
    }
}

fn norm(name: &str) -> String {
    let n = name.trim().to_ascii_lowercase();
    let n = n.strip_prefix("the ").unwrap_or(&n);
    n.trim_end_matches(['.', ',', ';', ':'])
        .trim_end_matches("'s")
        .trim()
        .to_string()
}

const NAME: &str = r"((?:the\s+)?[A-Z][\w\-&.]*(?:\s+[A-Z][\w\-&.]*){0,2})";

/// "Acme hereby grants to Beta ..." -> licensor Acme, licensee Beta.
pub fn grant_parties(text: &str) -> Option<Parties> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            Regex::new(&format!(
                r"{NAME},?\s+(?:\([^)]*\)\s+)?(?:hereby\s+)?(?:\w+\s+)?grants?\s+(?:to\s+)?{NAME}"
            ))
            .ok()
        })
        .as_ref()?;
    let c = re.captures(text)?;
    let (a, b) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    let bad = |s: &str| {
        let n = norm(s);
        n.is_empty()
            || ["subject", "section", "this", "each", "either", "party"].contains(&n.as_str())
    };
    if bad(a) || bad(b) {
        return None;
    }
    Some(Parties {
        licensor: a.to_string(),
        licensee: b.to_string(),
    })
}

/// The party an ownership clause gives the IP to, when it names one.
pub fn owner_name(text: &str) -> Option<String> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            Regex::new(&format!(
                r"(?:property\s+of|owned\s+(?:\w+\s+)?by|vest\s+(?:\w+\s+)?in|belong\s+(?:\w+\s+)?to|assigns?\s+(?:\w+\s+)?to|assigned\s+to|in\s+favou?r\s+of)\s+{NAME}|{NAME}\s+(?:shall|will)\s+(?:\w+\s+)?(?:own|retain|be\s+the\s+(?:sole\s+)?(?:and\s+exclusive\s+)?owner)"
            ))
            .ok()
        })
        .as_ref()?;
    let c = re.captures(text)?;
    c.get(1)
        .or_else(|| c.get(2))
        .map(|m| m.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grant_sentence_names_licensor_and_licensee() {
        let p =
            grant_parties("Acme Corp hereby grants to Beta a licence to use the Tools.").unwrap();
        assert_eq!(p.licensor, "Acme Corp");
        assert_eq!(p.licensee, "Beta");
    }

    #[test]
    fn owner_named_by_party_maps_to_its_role() {
        let p = grant_parties("Gamma grants the Reseller a licence.").unwrap();
        let n =
            owner_name("All modifications shall be the sole property of the Reseller.").unwrap();
        assert_eq!(p.role_of(&n), Some("licensee"));
        let n = owner_name("Gamma shall own all improvements to the Tools.").unwrap();
        assert_eq!(p.role_of(&n), Some("licensor"));
    }

    #[test]
    fn assignee_is_the_owner() {
        assert_eq!(
            owner_name("The Consultant hereby assigns to the Client all rights in the Work.")
                .as_deref(),
            Some("the Client")
        );
    }

    #[test]
    fn subject_to_is_not_a_party() {
        assert_eq!(
            grant_parties("Subject to Section 2 grants to X a licence."),
            None
        );
    }
}
