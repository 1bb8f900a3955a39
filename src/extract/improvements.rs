//! Improvements summary: present when a clause says who owns improvements,
//! derivative works or new IP, or grants a licence back. The owner is a role
//! (licensor, licensee, joint, creator, grant_back). Rules name a role when
//! the text uses one; when the owner is named by party ("property of Acme"),
//! the name is matched against the parties of the licence grant ("Acme
//! hereby grants to Beta ...") to find its role. A grant-back outranks plain
//! licensee ownership, since the licensee owning but licensing back is what
//! a grant-back means. Clauses of kind `retained` (a party keeps what it owns
//! or makes) are no transfer of IP but still say who owns improvements: they
//! vote like the others, and when they are all there is and both sides keep
//! their own, each owns what it creates.

use super::{cite, Context};
use crate::record::Terms;
use regex::Regex;
use serde_json::Value;
use std::sync::{LazyLock, OnceLock};

/// What marks an assignment as one of new IP rather than of existing rights
/// (marks, goodwill, registrations the other side already owns).
static NEW_IP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:improvement|modification|enhancement|derivative|development|invention|work\s+product|deliverable|works?\s+of\s+authorship|created|developed|conceived|made\s+by|authored|new\s|for\s+hire)")
        .expect("fixed pattern compiles")
});

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    // an assignment of rights that already exist (or a clause a rule marks
    // `new_ip = false`, such as ownership of domain names) says nothing about
    // who owns what the licence produces
    let grants: Vec<&str> = ctx
        .find("license_grant", &["grant"])
        .into_iter()
        .map(|i| ctx.clean_text(i))
        .collect();
    let parties = main_parties(&grants);
    // a licence of improvements is a grant-back only when the main licensee
    // grants it; the licensor licensing its own improvements onward is not
    let grant_back_ok = |i: usize| -> bool {
        if ctx.clauses[i].kind != "grant_back" {
            return true;
        }
        let role = grant_parties(ctx.clean_text(i)).and_then(|g| {
            parties
                .as_ref()
                .unwrap_or(&Parties::default())
                .role_of(&g.licensor)
        });
        let needs_licensee = ctx.value(i, "grantor").and_then(Value::as_str) == Some("licensee");
        match role {
            Some("licensor") => false,
            Some(_) => true,
            None => !needs_licensee,
        }
    };
    let ids: Vec<usize> = ctx
        .find("improvements", &[])
        .into_iter()
        .filter(|&i| {
            about_new_ip(
                ctx.clauses[i].kind.as_str(),
                ctx.value(i, "new_ip"),
                ctx.clean_text(i),
            ) && grant_back_ok(i)
        })
        .collect();
    if ids.is_empty() {
        terms.improvements.present = Some(false);
        return;
    }
    terms.improvements.present = Some(true);
    let owner_of = |i: usize| -> Option<&str> {
        let set = ctx.value(i, "owner").and_then(Value::as_str);
        if matches!(set, Some("joint" | "creator" | "grant_back")) {
            return set;
        }
        let text = ctx.clean_text(i);
        let named = parties.as_ref().and_then(|p| {
            owner_name(text)
                .and_then(|n| {
                    if owns_own_ip(text, &n) {
                        Some("licensor")
                    } else {
                        p.role_of(&n)
                    }
                })
                // "Beta hereby assigns all right ... in the changes": the
                // other party owns them
                .or_else(|| {
                    assignor_name(text)
                        .and_then(|n| p.role_of(&n))
                        .map(other_role)
                })
        });
        named.or(set)
    };
    // a fallback allocation ("if the licensee abandons it, it assigns to the
    // licensor") is not the rule; the party that takes "all ... other than"
    // what the other keeps is the main owner
    let owners: Vec<&str> = ids
        .iter()
        .filter(|&&i| !CONTINGENT.is_match(ctx.clean_text(i)))
        .flat_map(|&i| {
            let weight = if RESIDUAL.is_match(ctx.clean_text(i)) {
                2
            } else {
                1
            };
            std::iter::repeat_n(owner_of(i), weight)
        })
        .flatten()
        .collect();
    // when the only clauses say that each side keeps what it has or makes,
    // and both sides say so, each owns what it creates
    let kept = |role: &str| {
        ids.iter()
            .any(|&i| ctx.clauses[i].kind == "retained" && owner_of(i) == Some(role))
    };
    let only_kept = ids.iter().all(|&i| ctx.clauses[i].kind == "retained");
    terms.improvements.owner = if only_kept && kept("licensor") && kept("licensee") {
        Some("creator".to_string())
    } else {
        pick_owner(&owners).map(str::to_string)
    };
    cite(terms, "improvements.present", ids);
}

/// Whether an improvements clause speaks of new IP: an assignment must name
/// something new (improvements, inventions, works made for hire ...), since
/// assigning marks or registrations the other side already owns says nothing
/// about what the licence produces; other kinds do unless their rule says
/// they never do (`new_ip = false`).
fn about_new_ip(kind: &str, new_ip: Option<&Value>, text: &str) -> bool {
    if new_ip == Some(&Value::Bool(false)) {
        return false;
    }
    kind != "assignment" || NEW_IP.is_match(text)
}

/// A clause that opens with a condition ("For each product, if ...", "In the
/// event that ...").
static CONTINGENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:[\w.()]+\s+){0,4}?(?:if|in\s+the\s+event|upon\s+(?:any\s+)?(?:termination|expiration|expiry))\b")
        .expect("fixed pattern compiles")
});

/// A residual allocation: "all Inventions other than the Maker's".
static RESIDUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\ball\s+(?:\w+\s+){1,3}?other\s+than\b").expect("fixed pattern compiles")
});

/// The owner the clauses agree on. A grant-back outranks plain licensee
/// ownership (owning but licensing back is what a grant-back means), and
/// "each party owns what it makes" outranks joint ownership, which such
/// clauses keep only for what the parties make together. Otherwise the most
/// frequent owner wins, the first seen on ties.
fn pick_owner<'a>(owners: &[&'a str]) -> Option<&'a str> {
    for first in ["grant_back", "creator"] {
        if owners.contains(&first) {
            return Some(first);
        }
    }
    owners
        .iter()
        .max_by_key(|o| {
            (
                owners.iter().filter(|x| x == o).count(),
                std::cmp::Reverse(owners.iter().position(|x| x == *o)),
            )
        })
        .copied()
}

fn other_role(role: &'static str) -> &'static str {
    match role {
        "licensor" => "licensee",
        _ => "licensor",
    }
}

/// Words that mark a licence of improvements: a grant-back, not the main
/// grant, when a document has both.
static IMPROVEMENT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:improvements?|modifications?|enhancements?|grant-?back)\b")
        .expect("fixed pattern compiles")
});

/// The parties of the main licence grant: the licensor and licensee pair
/// that most grant sentences name (a grant-back names them the other way
/// round), preferring on ties a grant that is not a licence of improvements,
/// then the first.
fn main_parties(grants: &[&str]) -> Option<Parties> {
    let found: Vec<(Parties, bool)> = grants
        .iter()
        .filter_map(|t| grant_parties(t).map(|p| (p, IMPROVEMENT_WORDS.is_match(t))))
        .collect();
    let key = |p: &Parties| (norm(&p.licensor), norm(&p.licensee));
    let best = (0..found.len()).max_by_key(|&i| {
        let k = key(&found[i].0);
        let votes = found.iter().filter(|(p, _)| key(p) == k).count();
        (votes, !found[i].1, std::cmp::Reverse(i))
    })?;
    found.into_iter().nth(best).map(|(p, _)| p)
}

/// The granting and receiving parties of a licence grant sentence.
#[derive(Debug, Default, PartialEq)]
pub struct Parties {
    pub licensor: String,
    pub licensee: String,
}

impl Parties {
    /// The role of a party named in an ownership clause. A shorter form of
    /// a party's name counts ("Parent" for "the Parent Group").
    fn role_of(&self, name: &str) -> Option<&'static str> {
        let n = norm(name);
        if n.is_empty() {
            return None;
        }
        if n == "licensor" || same_party(&n, &self.licensor) {
            Some("licensor")
        } else if n == "licensee" || same_party(&n, &self.licensee) {
            Some("licensee")
        } else {
            None
        }
    }
}

/// Whether a normalised name and a party's name are the same party: equal,
/// or one is the other's leading words.
fn same_party(n: &str, party: &str) -> bool {
    let p = norm(party);
    if p.is_empty() {
        return false;
    }
    let leads = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    // a heading run into the name ("Ownership Maker shall retain") ends with it
    leads(&p, n) || leads(n, &p) || n.ends_with(&format!(" {p}"))
}

/// Whether the owner named in an ownership clause is given rights in its own
/// named IP and what improves it ("Maker shall own ... the Maker Technology
/// and all Improvements"): the owner of the improved IP is its licensor.
fn owns_own_ip(text: &str, name: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = RE
        .get_or_init(|| {
            Regex::new(r"^(?:'s)?\s+(?:[A-Z][\w-]*\s+){0,2}?(?:Intellectual\s+Property|IP|Technology|Software|Products?|Materials|Marks|System|Platform)\b")
                .ok()
        })
        .as_ref()
    else {
        return false;
    };
    let first = norm(name);
    let Some(first) = first.split(' ').next().filter(|w| w.len() > 1) else {
        return false;
    };
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find(first) else {
        return false;
    };
    let after = at + first.len();
    lower[after..].match_indices(first).any(|(i, _)| {
        let end = after + i + first.len();
        text.is_char_boundary(end)
            && re.is_match(&text[end..])
            && !lower[after..after + i].contains("improvement")
            && lower[end..].contains("improvement")
    })
}

/// A party name as compared: lowercase, whitespace runs as one space (a PDF
/// line break inside "Intellectual Property\nSupplier"), no article or
/// possessive.
fn norm(name: &str) -> String {
    let n = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let n = n.strip_prefix("the ").unwrap_or(&n);
    n.trim_end_matches(['.', ',', ';', ':'])
        .trim_end_matches("'s")
        .trim()
        .to_string()
}

const NAME: &str = r"((?:the\s+)?[A-Z][\w\-&.]*(?:\s+[A-Z][\w\-&.]*){0,2})";

/// Words that start a sentence or name a clause, not a party.
fn not_a_party(s: &str) -> bool {
    let n = norm(s);
    n.is_empty()
        || [
            "subject",
            "section",
            "this",
            "each",
            "either",
            "party",
            "agreement",
            "if",
            "in",
            "upon",
            "notwithstanding",
            "except",
        ]
        .contains(&n.as_str())
}

/// "Acme hereby grants to Beta ..." -> licensor Acme, licensee Beta;
/// "Beta is hereby granted a licence" names only the licensee.
pub fn grant_parties(text: &str) -> Option<Parties> {
    static RE: OnceLock<Option<(Regex, Regex)>> = OnceLock::new();
    let (active, passive) = RE
        .get_or_init(|| {
            let active = Regex::new(&format!(
                r"{NAME},?\s+(?:\([^)]*\)\s+)?(?:(?:hereby|also|further|expressly|irrevocably|shall|will|agrees\s+to|does)\s+)*grants?\s+(?:to\s+)?(?:each\s+(?:individual\s+)?member\s+of\s+)?{NAME}"
            ))
            .ok()?;
            let passive =
                Regex::new(&format!(r"{NAME}\s+(?:is|are|shall\s+be)\s+(?:hereby\s+)?granted\b"))
                    .ok()?;
            Some((active, passive))
        })
        .as_ref()?;
    if let Some(c) = active.captures(text) {
        let (a, b) = (c.get(1)?.as_str(), c.get(2)?.as_str());
        if !not_a_party(a) && !not_a_party(b) {
            return Some(Parties {
                licensor: a.to_string(),
                licensee: b.to_string(),
            });
        }
    }
    let b = passive.captures(text)?.get(1)?.as_str();
    (!not_a_party(b)).then(|| Parties {
        licensor: String::new(),
        licensee: b.to_string(),
    })
}

/// The party an ownership clause gives the IP to, when it names one.
pub fn owner_name(text: &str) -> Option<String> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            Regex::new(&format!(
                r"(?:property\s+of|owned\s+(?:\w+\s+)?by|vest\s+(?:\w+\s+)?in|belong\s+(?:\w+\s+)?to|assigns?\s+(?:\w+\s+)?to|assigned\s+to|in\s+favou?r\s+of)\s+{NAME}|{NAME}\s+(?:(?:shall|will)(?:,[^,]*,)?\s+(?:\w+\s+)?(?:own|retain|be\s+the\s+(?:sole\s+)?(?:and\s+exclusive\s+)?owner)|(?:owns?\s+and\s+)?retains\s+(?:all|sole|exclusive|full|its|the\s+entire)\b|(?:and\s+its\s+(?:licensors|suppliers|affiliates)\s+)?owns?\s+(?:all|sole|exclusive|the\s+entire)\b|(?:is|are)\s+the\s+(?:sole\s+)?(?:and\s+exclusive\s+)?owners?\s+of\b)"
            ))
            .ok()
        })
        .as_ref()?;
    let c = re.captures(text)?;
    c.get(1)
        .or_else(|| c.get(2))
        .map(|m| m.as_str().to_string())
        .filter(|n| !not_a_party(n))
}

/// The party that assigns its rights without naming the assignee ("Beta
/// hereby assigns all right, title and interest in ..."): the other party
/// is the owner.
pub fn assignor_name(text: &str) -> Option<String> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            Regex::new(&format!(
                r"{NAME}\s+(?:hereby\s+)?(?:(?:irrevocably|agrees\s+to|shall|will)\s+)?assigns?\s+(?:all|any|its|the\s+entire)\b"
            ))
            .ok()
        })
        .as_ref()?;
    let name = re.captures(text)?.get(1)?.as_str();
    (!not_a_party(name)).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn party_names_compare_across_line_breaks() {
        assert_eq!(
            super::norm("the  Intellectual Property\n   Supplier's"),
            "intellectual property supplier"
        );
    }

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
    fn a_grant_after_an_opening_phrase_names_the_real_licensor() {
        let p = grant_parties(
            "Under the terms of this Agreement, Delta grants to the Dealer a licence.",
        )
        .unwrap();
        assert_eq!(p.licensor, "Delta");
        assert_eq!(p.licensee, "the Dealer");
    }

    #[test]
    fn a_passive_grant_names_the_licensee_only() {
        let p = grant_parties("the Sponsor is hereby granted a non-exclusive licence").unwrap();
        assert_eq!(p.licensor, "");
        assert_eq!(p.role_of("the Sponsor"), Some("licensee"));
        assert_eq!(p.role_of("Maker"), None);
    }

    #[test]
    fn a_group_member_grant_maps_the_short_name() {
        let p = grant_parties(
            "Holdco hereby grants to each individual member of the Buyer Group a licence.",
        )
        .unwrap();
        assert_eq!(p.role_of("Buyer"), Some("licensee"));
        assert_eq!(p.role_of("Holdco"), Some("licensor"));
    }

    #[test]
    fn a_party_that_retains_rights_is_the_owner() {
        assert_eq!(
            owner_name("The Maker shall retain all title to any changes made to the Kit.")
                .as_deref(),
            Some("The Maker")
        );
        assert_eq!(
            owner_name("Dealer agrees that Maker retains all rights in the Kit and its upgrades.")
                .as_deref(),
            Some("Maker")
        );
    }

    #[test]
    fn a_party_that_owns_what_it_provides_is_the_owner() {
        assert_eq!(
            owner_name(
                "The Client agrees that the Host and its licensors own all rights in the Platform and its upgrades."
            )
            .as_deref(),
            Some("the Host")
        );
        assert_eq!(
            owner_name("Maker is the sole owner of the Kit and any changes to it.").as_deref(),
            Some("Maker")
        );
    }

    #[test]
    fn an_assignment_without_an_assignee_names_the_assignor() {
        assert_eq!(
            assignor_name("Dealer hereby assigns all right, title and interest in its changes.")
                .as_deref(),
            Some("Dealer")
        );
        assert_eq!(other_role("licensee"), "licensor");
    }

    #[test]
    fn making_what_you_own_outranks_joint_ownership() {
        assert_eq!(pick_owner(&["joint", "joint", "creator"]), Some("creator"));
        assert_eq!(pick_owner(&["licensee", "grant_back"]), Some("grant_back"));
        assert_eq!(pick_owner(&["joint", "licensor", "joint"]), Some("joint"));
        assert_eq!(pick_owner(&[]), None);
    }

    #[test]
    fn owning_improvements_to_its_own_ip_makes_a_party_the_licensor() {
        let t = "Maker shall, at all times, own all rights in the Maker Technology and all Improvements thereto.";
        let n = owner_name(t).unwrap();
        assert_eq!(n, "Maker");
        assert!(owns_own_ip(t, &n));
        let t =
            "Dealer shall own all Improvements made by the Dealer Group and all rights therein.";
        assert!(!owns_own_ip(t, "Dealer"));
    }

    #[test]
    fn a_heading_run_into_the_owner_name_still_maps() {
        let p = grant_parties("Maker hereby grants Dealer a licence.").unwrap();
        assert_eq!(p.role_of("Ownership Of Rights Maker"), Some("licensor"));
    }

    #[test]
    fn an_assignment_of_existing_marks_is_not_about_new_ip() {
        assert!(!NEW_IP.is_match(
            "The Dealer shall transfer such right, title or interest in the Marks to the Maker."
        ));
        assert!(NEW_IP
            .is_match("The Vendor hereby assigns all rights in the Developments to the Buyer."));
    }

    /// The improvements summary of a text, with the shipped grant and
    /// improvements packs.
    fn summary(text: &str) -> crate::record::ImprovementTerms {
        super::super::terms_with_packs(&["license_grant.toml", "improvements.toml"], text)
            .improvements
    }

    #[test]
    fn a_named_owner_of_improvements_is_mapped_to_its_grant_role() {
        let t = summary(
            "Maker Co hereby grants to the Dealer a non-exclusive licence to use the Kit.\n\n\
             The Dealer agrees that all upgrades it proposes for the Kit shall become the exclusive property of Maker Co.\n",
        );
        assert_eq!(t.present, Some(true));
        assert_eq!(t.owner.as_deref(), Some("licensor"));
    }

    #[test]
    fn a_contingent_reassignment_does_not_decide_the_owner() {
        let t = summary(
            "Maker Co hereby grants to the Dealer a non-exclusive licence to use the Kit.\n\n\
             The Dealer will own, and Maker Co hereby assigns to the Dealer, all right, title and interest in all Inventions developed under this Agreement.\n\n\
             For each product, if the Dealer abandons it, the Dealer will assign to Maker Co all right, title and interest in the Inventions developed for it.\n",
        );
        assert_eq!(t.owner.as_deref(), Some("licensee"));
    }

    #[test]
    fn an_assignment_of_existing_marks_alone_is_no_improvements_clause() {
        let t = summary(
            "The Dealer shall sign all documents required to transfer such right, title or interest in the Marks to Maker Co.\n",
        );
        assert_eq!(t.present, Some(false));
    }

    #[test]
    fn kept_ownership_still_names_the_owner() {
        let t = summary(
            "Maker Co hereby grants to the Dealer a non-exclusive licence to use the Kit.\n\n\
             The Dealer acknowledges that Maker Co retains all right, title and interest in the Kit and any modifications to it.\n",
        );
        assert_eq!(t.present, Some(true));
        assert_eq!(t.owner.as_deref(), Some("licensor"));
    }

    #[test]
    fn an_assignment_of_existing_things_or_a_marked_clause_is_not_about_new_ip() {
        assert!(!about_new_ip(
            "assignment",
            None,
            "The Dealer hereby assigns to the Maker all rights in the Marks."
        ));
        assert!(about_new_ip(
            "ownership",
            None,
            "All upgrades shall be the property of the Maker."
        ));
        assert!(!about_new_ip(
            "ownership",
            Some(&Value::Bool(false)),
            "The Portal shall own the domain name, and may create derivative works."
        ));
    }

    #[test]
    fn both_sides_keeping_their_own_work_means_each_owns_what_it_creates() {
        let t = summary(
            "Maker Co hereby grants to the Dealer a non-exclusive licence to use the Kit.\n\n\
             Maker Co owns and retains all right, title and interest in the Kit, including all fixes and enhancements made by Maker Co.\n\n\
             The Dealer owns all right, title and interest in its own apps, including all improvements to them made by the Dealer.\n",
        );
        assert_eq!(t.owner.as_deref(), Some("creator"));
    }

    #[test]
    fn a_grant_back_does_not_swap_the_main_parties() {
        let p = main_parties(&[
            "The Dealer hereby grants to Maker Co a licence to use its Improvements.",
            "Maker Co hereby grants to the Dealer a licence under the Kit Patents.",
            "Maker Co also grants to the Dealer a licence to use the Kit Know-How.",
        ])
        .unwrap();
        assert_eq!(p.role_of("Maker Co"), Some("licensor"));
        assert_eq!(p.role_of("the Dealer"), Some("licensee"));
    }

    #[test]
    fn a_licence_of_improvements_from_the_licensee_is_a_grant_back() {
        let t = summary(
            "Maker Co hereby grants to the Dealer an exclusive licence under the Kit Patents.\n\n\
             The Dealer shall own all Improvements made by or for the Dealer.\n\n\
             The Dealer hereby grants to Maker Co a non-exclusive, royalty-free licence to use every such Improvement for research.\n",
        );
        assert_eq!(t.owner.as_deref(), Some("grant_back"));
    }

    #[test]
    fn a_licence_of_improvements_from_the_licensor_is_no_grant_back() {
        let t = summary(
            "Maker Co hereby grants to the Dealer an exclusive licence under the Kit Patents.\n\n\
             Maker Co hereby grants to the Dealer a licence to use all Maker Co Improvements in the Field.\n",
        );
        assert_eq!(t.present, Some(false));
    }

    #[test]
    fn subject_to_is_not_a_party() {
        assert_eq!(
            grant_parties("Subject to Section 2 grants to X a licence."),
            None
        );
    }
}
