//! Rule packs: the data that says what legal phrasing means. Each pack in
//! `patterns/*.toml` is a list of rules (id, clause type and kind, trigger
//! words, a regex with named captures, examples that must and must not match).
//! `pack` loads and validates them, `matcher` runs them over a document
//! (one aho-corasick pass picks candidate sentences, regexes run only there),
//! and `check` runs every rule's own examples.

pub mod check;
pub mod matcher;
pub mod pack;
pub mod required;

pub use matcher::{Hit, RuleSet};
pub use pack::{PackError, Rule};

/// The packs compiled into the binary, so it works without `patterns/`.
pub const DEFAULT_PACKS: &[(&str, &str)] = &[
    (
        "assignment.toml",
        include_str!("../../patterns/assignment.toml"),
    ),
    ("audit.toml", include_str!("../../patterns/audit.toml")),
    (
        "exclusivity.toml",
        include_str!("../../patterns/exclusivity.toml"),
    ),
    (
        "field_of_use.toml",
        include_str!("../../patterns/field_of_use.toml"),
    ),
    (
        "governing_law.toml",
        include_str!("../../patterns/governing_law.toml"),
    ),
    (
        "improvements.toml",
        include_str!("../../patterns/improvements.toml"),
    ),
    (
        "license_grant.toml",
        include_str!("../../patterns/license_grant.toml"),
    ),
    (
        "liability.toml",
        include_str!("../../patterns/liability.toml"),
    ),
    ("other.toml", include_str!("../../patterns/other.toml")),
    ("royalty.toml", include_str!("../../patterns/royalty.toml")),
    (
        "sublicensing.toml",
        include_str!("../../patterns/sublicensing.toml"),
    ),
    ("term.toml", include_str!("../../patterns/term.toml")),
    (
        "termination.toml",
        include_str!("../../patterns/termination.toml"),
    ),
    (
        "territory.toml",
        include_str!("../../patterns/territory.toml"),
    ),
];

/// Clause types and their kinds: the record's vocabulary. A rule naming
/// anything else is a pack error.
pub const CLAUSE_KINDS: &[(&str, &[&str])] = &[
    ("license_grant", &["grant", "perpetual", "irrevocable"]),
    ("field_of_use", &["restriction", "definition", "excluded"]),
    ("territory", &["grant", "definition"]),
    (
        "exclusivity",
        &[
            "exclusive",
            "non_exclusive",
            "sole",
            "co_exclusive",
            "restriction",
        ],
    ),
    ("sublicensing", &["permitted", "with_consent", "prohibited"]),
    (
        "term",
        &[
            "effective_date",
            "agreement_date",
            "initial",
            "expiration",
            "perpetual",
            "renewal",
            "renewal_notice",
        ],
    ),
    (
        "royalty",
        &[
            "royalty_rate",
            "revenue_share",
            "fixed_fee",
            "milestone",
            "minimum",
            "reporting",
        ],
    ),
    ("audit", &["audit"]),
    (
        "improvements",
        &["ownership", "assignment", "grant_back", "joint", "retained"],
    ),
    (
        "termination",
        &[
            "breach",
            "convenience",
            "insolvency",
            "change_of_control",
            "effects",
        ],
    ),
    (
        "assignment",
        &["anti_assignment", "non_transferable", "change_of_control"],
    ),
    ("governing_law", &["governing_law"]),
    ("non_compete", &["non_compete"]),
    ("most_favored", &["most_favored"]),
    ("non_assertion", &["non_assertion"]),
    ("liability", &["cap", "uncapped"]),
];
