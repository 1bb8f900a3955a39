//! Loading and validating pattern packs. A pack is TOML: a `family`, and
//! `[[rule]]` tables. Every problem is reported with the file and rule id, so
//! a legal engineer editing a pack sees exactly what to fix.

use super::CLAUSE_KINDS;
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::ops::Range;
use std::path::Path;
use thiserror::Error;

/// A problem with a pattern pack.
#[derive(Debug, Error)]
pub enum PackError {
    #[error("{file}: cannot read: {message}")]
    Io { file: String, message: String },
    #[error("{file}: invalid TOML: {message}")]
    Toml { file: String, message: String },
    #[error("{file}: rule {rule}: {message}")]
    Rule {
        file: String,
        rule: String,
        message: String,
    },
    #[error("{dir}: no pattern packs (*.toml) found")]
    Empty { dir: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    family: String,
    #[serde(default)]
    description: String,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: String,
    #[serde(rename = "type")]
    ctype: String,
    kind: String,
    #[serde(default)]
    description: String,
    triggers: Vec<String>,
    regex: String,
    #[serde(default)]
    unless: Option<String>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    set: toml::Table,
    #[serde(default)]
    must_match: Vec<String>,
    #[serde(default)]
    must_not_match: Vec<String>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub ctype: String,
    pub kind: String,
    pub description: String,
    /// Pack file the rule came from.
    pub file: String,
    pub triggers: Vec<String>,
    /// The regex as written in the pack.
    pub pattern: String,
    /// The compiled regex; see [`Compiled`] for why it may be wrapped.
    pub regex: Regex,
    /// Whether `regex` is the pattern wrapped as `^(?s-u:.)*?(pattern)`.
    pub wrapped: bool,
    pub unless: Option<Regex>,
    /// Literal sets the regex cannot match without (lowercase; see
    /// [`super::required`]): the matcher's second prefilter.
    pub required: super::required::Required,
    /// Whether the regex has named groups (values to capture).
    pub captures_values: bool,
    /// Constant values the rule adds to every clause it finds.
    pub set: Map<String, Value>,
    pub must_match: Vec<String>,
    pub must_not_match: Vec<String>,
}

impl Rule {
    /// Runs the rule alone on one sentence: a trigger must occur (ASCII
    /// case-insensitively, whitespace runs read as one space), so must one
    /// literal of each required set, the regex must match and `unless` must
    /// not. This is exactly what the matcher does.
    pub fn fires<'t>(&self, sentence: &'t str) -> Option<regex::bytes::Captures<'t>> {
        if self.triggers_present(sentence).is_empty()
            || !self
                .required
                .satisfied(sentence.to_ascii_lowercase().as_bytes())
        {
            return None;
        }
        self.confirm(sentence)
    }

    /// The trigger words that occur in `sentence`, ASCII case-insensitively,
    /// reading any run of whitespace as one space (as the matcher does).
    pub fn triggers_present(&self, sentence: &str) -> Vec<&str> {
        let squeezed = crate::ingest::clean::Squeezed::new(&sentence.to_ascii_lowercase()).text;
        self.triggers
            .iter()
            .filter(|t| {
                let t = t.to_ascii_lowercase();
                squeezed.contains(t.as_str())
            })
            .map(String::as_str)
            .collect()
    }

    /// The regex part of `fires`, for a sentence whose trigger already matched.
    pub fn confirm<'t>(&self, sentence: &'t str) -> Option<regex::bytes::Captures<'t>> {
        let caps = self.regex.captures(sentence.as_bytes())?;
        (!self.unless_blocks(sentence.as_bytes())).then_some(caps)
    }

    fn unless_blocks(&self, sentence: &[u8]) -> bool {
        self.unless.as_ref().is_some_and(|u| u.is_match(sentence))
    }

    /// What the matcher keeps of a firing: the named captures that took part,
    /// as ranges in `sentence`. A rule without named groups only needs to
    /// know that its regex matches, which the lazy DFA answers alone; the
    /// capture engines (a backtracker over the whole sentence) run only for
    /// rules that capture values.
    pub fn named_captures(&self, sentence: &str) -> Option<Vec<(String, Range<usize>)>> {
        if !self.captures_values {
            let hay = sentence.as_bytes();
            return (self.regex.is_match(hay) && !self.unless_blocks(hay)).then(Vec::new);
        }
        let c = self.confirm(sentence)?;
        self.whole(&c)?;
        Some(
            self.regex
                .capture_names()
                .flatten()
                .filter_map(|n| c.name(n).map(|m| (n.to_string(), m.start()..m.end())))
                .collect(),
        )
    }

    /// The whole match of the pattern as written, from `confirm`'s captures.
    pub fn whole<'t>(&self, caps: &regex::bytes::Captures<'t>) -> Option<regex::bytes::Match<'t>> {
        caps.get(usize::from(self.wrapped))
    }
}

fn toml_to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Rules are compiled as ASCII byte regexes: `\w`, `\b` and case folding
/// mean their ASCII sense, which is what English legal text needs, and keeps
/// every rule inside the fast lazy DFA (Unicode word boundaries would force
/// the slow engines on any text with a non-ASCII character).
fn compile(
    file: &str,
    id: &str,
    what: &str,
    src: &str,
    case_sensitive: bool,
) -> Result<Regex, PackError> {
    builder(src, case_sensitive)
        .build()
        .map_err(|e| PackError::Rule {
            file: file.into(),
            rule: id.into(),
            message: format!("{what}: {e}"),
        })
}

/// Compiles a rule's regex (or its `unless`) for the matcher, which only ever
/// searches one sentence from its start. The pattern is wrapped as
/// `^(?s-u:.)*?(pattern)`, which finds the same leftmost-first match with the
/// same captures (group 1 is the whole match, see [`Rule::whole`]) but is
/// anchored: the regex crate then skips literal extraction when compiling
/// (half the start-up time of a run) and the reverse search for the match
/// start (half the lazy-DFA states). A pattern that could read differently
/// inside the wrapper (see [`self_contained`]) is compiled as written.
/// Returns the regex and whether it is wrapped.
fn compile_sentence(
    file: &str,
    id: &str,
    what: &str,
    src: &str,
    case_sensitive: bool,
    capture: bool,
) -> Result<(Regex, bool), PackError> {
    if self_contained(src) {
        let wrapped = if capture {
            format!("^(?s-u:.)*?({src})")
        } else {
            format!("^(?s-u:.)*?(?:{src})")
        };
        if let Ok(re) = builder(&wrapped, case_sensitive).build() {
            return Ok((re, true));
        }
    }
    compile(file, id, what, src, case_sensitive).map(|re| (re, false))
}

/// Is `src` safe to put inside a group: balanced parentheses outside
/// character classes, no dangling escape, no leading repetition and no
/// verbose mode (whose `#` comments would swallow the closing parenthesis)?
/// Anything unusual (nested classes included) answers no.
fn self_contained(src: &str) -> bool {
    let b = src.as_bytes();
    if matches!(b.first(), Some(b'*' | b'+' | b'?' | b'{')) {
        return false;
    }
    let (mut i, mut depth) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'\\' => {
                if i + 1 >= b.len() {
                    return false;
                }
                i += 2;
                continue;
            }
            b'[' => {
                // a class: `]` right after `[` or `[^` is a literal
                i += 1;
                if b.get(i) == Some(&b'^') {
                    i += 1;
                }
                if b.get(i) == Some(&b']') {
                    i += 1;
                }
                loop {
                    match b.get(i) {
                        None | Some(b'[') => return false,
                        Some(b'\\') => i += 2,
                        Some(b']') => break,
                        Some(_) => i += 1,
                    }
                }
            }
            b'(' => {
                depth += 1;
                if b.get(i + 1) == Some(&b'?') {
                    let flags = b[i + 2..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphabetic() || **c == b'-');
                    if flags.clone().any(|&c| c == b'x') {
                        return false;
                    }
                }
            }
            b')' => {
                if depth == 0 {
                    return false;
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    depth == 0
}

/// Rule regexes run on one sentence at a time, and a sentence of a PDF or of
/// a laid-out text file often spans several lines, so `.` matches a line
/// break too: "within the sentence" is what a pattern author means by it.
fn builder(src: &str, case_sensitive: bool) -> RegexBuilder {
    let mut b = RegexBuilder::new(src);
    b.unicode(false)
        .case_insensitive(!case_sensitive)
        .dot_matches_new_line(true)
        .size_limit(64 << 20);
    b
}

/// Parses and compiles one pack's text.
pub fn parse_pack(file: &str, text: &str) -> Result<Vec<Rule>, PackError> {
    let pack: PackFile = toml::from_str(text).map_err(|e| PackError::Toml {
        file: file.into(),
        message: e.to_string(),
    })?;
    let _ = (&pack.family, &pack.description);
    let mut rules = Vec::with_capacity(pack.rules.len());
    for r in pack.rules {
        let err = |message: String| PackError::Rule {
            file: file.into(),
            rule: r.id.clone(),
            message,
        };
        let Some((_, kinds)) = CLAUSE_KINDS.iter().find(|(t, _)| *t == r.ctype) else {
            return Err(err(format!("unknown clause type {:?}", r.ctype)));
        };
        if !kinds.contains(&r.kind.as_str()) {
            return Err(err(format!(
                "type {} has no kind {:?} (kinds: {})",
                r.ctype,
                r.kind,
                kinds.join(", ")
            )));
        }
        if r.triggers.is_empty() || r.triggers.iter().any(|t| t.trim().is_empty()) {
            return Err(err("needs at least one non-empty trigger word".into()));
        }
        if r.must_match.is_empty() {
            return Err(err("needs at least one must_match example".into()));
        }
        let (regex, wrapped) =
            compile_sentence(file, &r.id, "regex", &r.regex, r.case_sensitive, true)?;
        let unless = match &r.unless {
            Some(u) => Some(compile_sentence(file, &r.id, "unless", u, r.case_sensitive, false)?.0),
            None => None,
        };
        let required = super::required::Required::of(&r.regex, r.case_sensitive);
        let captures_values = regex.capture_names().flatten().next().is_some();
        rules.push(Rule {
            required,
            captures_values,
            id: r.id,
            ctype: r.ctype,
            kind: r.kind,
            description: r.description,
            file: file.to_string(),
            triggers: r.triggers,
            pattern: r.regex,
            regex,
            wrapped,
            unless,
            set: r
                .set
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
            must_match: r.must_match,
            must_not_match: r.must_not_match,
        });
    }
    Ok(rules)
}

/// Reads every `*.toml` pack in a folder, in file-name order.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, PackError> {
    let io = |e: std::io::Error| PackError::Io {
        file: dir.display().to_string(),
        message: e.to_string(),
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(PackError::Empty {
            dir: dir.display().to_string(),
        });
    }
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| PackError::Io {
                file: p.display().to_string(),
                message: e.to_string(),
            })?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
family = "t"
[[rule]]
id = "t.one"
type = "audit"
kind = "audit"
triggers = ["audit"]
regex = 'right to (?P<what>audit)'
must_match = ["The Licensor has the right to audit the books."]
must_not_match = ["No audit."]
"#;

    #[test]
    fn a_valid_pack_compiles() {
        let rules = parse_pack("t.toml", GOOD).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].id, "t.one");
        assert!(rules[0].fires("the RIGHT TO AUDIT").is_some());
    }

    #[test]
    fn unknown_kind_is_an_error_naming_the_rule() {
        let bad = GOOD.replace("kind = \"audit\"", "kind = \"nope\"");
        let e = parse_pack("t.toml", &bad).unwrap_err().to_string();
        assert!(
            e.contains("t.toml") && e.contains("t.one") && e.contains("nope"),
            "{e}"
        );
    }

    #[test]
    fn bad_regex_is_an_error_naming_the_rule() {
        let bad = GOOD.replace("right to (?P<what>audit)", "right to (");
        let e = parse_pack("t.toml", &bad).unwrap_err().to_string();
        assert!(e.contains("t.one") && e.contains("regex"), "{e}");
    }

    #[test]
    fn unknown_field_is_a_toml_error() {
        let bad = GOOD.replace("must_match", "must_mach");
        assert!(matches!(
            parse_pack("t.toml", &bad),
            Err(PackError::Toml { .. })
        ));
    }

    #[test]
    fn unless_blocks_a_match() {
        let with_unless = GOOD.replace("must_match", "unless = 'no right'\nmust_match");
        let rules = parse_pack("t.toml", &with_unless).unwrap();
        assert!(rules[0].fires("there is no right to audit").is_none());
    }

    #[test]
    fn a_wildcard_spans_the_line_breaks_of_a_laid_out_sentence() {
        let pack = r#"
family = "t"
[[rule]]
id = "t.laid_out"
type = "audit"
kind = "audit"
triggers = ["audit"]
regex = 'may.*?audit'
unless = 'never.*?audit'
must_match = ["We may audit."]
must_not_match = ["We audit."]
"#;
        let rules = parse_pack("t.toml", pack).unwrap();
        let wrapped = "The Licensor may, once in each year and on\nnotice, audit the records.";
        assert!(rules[0].fires(wrapped).is_some());
        assert!(rules[0]
            .fires("The Licensor may\nnever\naudit them.")
            .is_none());
    }

    #[test]
    fn only_self_contained_patterns_are_wrapped() {
        assert!(self_contained(r"\bright\s+to\s+(?P<what>audit|inspect)"));
        assert!(self_contained(r"[^\])(]+\)|(?i:x)"));
        assert!(!self_contained(r"a)|(b"));
        assert!(!self_contained(r"(?x)a # comment"));
        assert!(!self_contained(r"*a"));
        assert!(!self_contained(r"a\"));
        assert!(!self_contained(r"[a-z&&[^x]]"));
    }

    #[test]
    fn wrapped_rules_find_what_their_patterns_find() {
        // every built-in rule, on every example: same whole match and captures
        // as the pattern compiled as written
        for (file, text) in crate::rules::DEFAULT_PACKS {
            for r in parse_pack(file, text).unwrap() {
                assert!(r.wrapped, "{} is not wrapped", r.id);
                let plain = builder(&r.pattern, false).build().unwrap();
                for ex in r.must_match.iter().chain(&r.must_not_match) {
                    let want = plain.captures(ex.as_bytes());
                    let got = r.regex.captures(ex.as_bytes());
                    assert_eq!(want.is_some(), got.is_some(), "{} on {ex:?}", r.id);
                    let (Some(want), Some(got)) = (want, got) else {
                        continue;
                    };
                    assert_eq!(want.get(0), r.whole(&got), "{} on {ex:?}", r.id);
                    for name in plain.capture_names().flatten() {
                        assert_eq!(want.name(name), got.name(name), "{} on {ex:?}", r.id);
                    }
                }
            }
        }
    }

    #[test]
    fn without_its_trigger_a_rule_does_not_fire() {
        let rules = parse_pack(
            "t.toml",
            &GOOD.replace("triggers = [\"audit\"]", "triggers = [\"books\"]"),
        )
        .unwrap();
        assert!(rules[0].fires("the right to audit").is_none());
    }
}
