//! Running all rules over a document. One aho-corasick automaton holds every
//! trigger word of every rule; a single pass over the text marks which rules
//! are candidates in which sentence; a candidate must also contain the words
//! the rule's regex cannot match without (see [`super::required`]), and only
//! those (rule, sentence) pairs run their regex. The compiled set is built once per process and shared by all
//! threads.

use super::pack::{self, PackError, Rule};
use crate::ingest::clean::Squeezed;
use crate::segment::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::ops::Range;

/// All rules of all packs, compiled.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    automaton: AhoCorasick,
    /// Trigger pattern index -> rules it makes candidates.
    trigger_rules: Vec<Vec<u32>>,
}

/// One rule firing in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub rule: usize,
    pub sentence: usize,
    /// Named captures that participated, absolute offsets.
    pub captures: Vec<(String, Range<usize>)>,
}

impl RuleSet {
    /// Compiles packs given as (file name, TOML text). Rule ids must be unique.
    pub fn compile(packs: &[(String, String)]) -> Result<RuleSet, PackError> {
        let mut rules = Vec::new();
        for (file, text) in packs {
            rules.extend(pack::parse_pack(file, text)?);
        }
        let mut seen = std::collections::HashSet::new();
        for r in &rules {
            if !seen.insert(r.id.as_str()) {
                return Err(PackError::Rule {
                    file: r.file.clone(),
                    rule: r.id.clone(),
                    message: "duplicate rule id".into(),
                });
            }
        }
        let mut words: Vec<String> = Vec::new();
        let mut trigger_rules: Vec<Vec<u32>> = Vec::new();
        for (ri, r) in rules.iter().enumerate() {
            for t in &r.triggers {
                let t = t.to_ascii_lowercase();
                match words.iter().position(|w| *w == t) {
                    Some(p) => trigger_rules[p].push(ri as u32),
                    None => {
                        words.push(t);
                        trigger_rules.push(vec![ri as u32]);
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .map_err(|e| PackError::Rule {
                file: "(all packs)".into(),
                rule: "(triggers)".into(),
                message: e.to_string(),
            })?;
        Ok(RuleSet {
            rules,
            automaton,
            trigger_rules,
        })
    }

    /// The packs built into the binary.
    pub fn builtin() -> Result<RuleSet, PackError> {
        let packs: Vec<(String, String)> = super::DEFAULT_PACKS
            .iter()
            .map(|(f, t)| (format!("patterns/{f}"), t.to_string()))
            .collect();
        RuleSet::compile(&packs)
    }

    /// Every (rule, sentence) hit in text order (sentence, then rule order).
    pub fn scan(&self, text: &str, sentences: &[Span]) -> Vec<Hit> {
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        let mut si = 0usize;
        // trigger phrases are found across line breaks and padding
        let squeezed = Squeezed::new(text);
        for m in self.automaton.find_overlapping_iter(&squeezed.text) {
            let std::ops::Range { start, end } = squeezed.original_range(m.start(), m.end());
            // matches arrive ordered by end; move the sentence cursor forward
            while si < sentences.len() && sentences[si].end <= start {
                si += 1;
            }
            if si >= sentences.len() {
                break;
            }
            // a trigger before this sentence's start (in a gap) belongs to none
            let s = &sentences[si];
            if start < s.start || end > s.end {
                continue;
            }
            for &r in &self.trigger_rules[m.pattern().as_usize()] {
                candidates.push((si as u32, r));
            }
        }
        // rule-major order keeps one rule's DFA cache hot across its sentences
        candidates.sort_unstable_by_key(|&(s, r)| (r, s));
        candidates.dedup();
        let mut hits = Vec::new();
        // the second prefilter: words the rule's regex cannot match without
        // (one sentence lowercased at a time: no copy of a whole document)
        let mut lower: Vec<u8> = Vec::new();
        for (si, ri) in candidates {
            let s = sentences[si as usize];
            let rule = &self.rules[ri as usize];
            lower.clear();
            lower.extend(
                text.as_bytes()[s.start..s.end]
                    .iter()
                    .map(u8::to_ascii_lowercase),
            );
            if !rule.required.satisfied(&lower) {
                continue;
            }
            let sentence = &text[s.start..s.end];
            if let Some(found) = rule.named_captures(sentence) {
                let captures = found
                    .into_iter()
                    .map(|(n, r)| (n, s.start + r.start..s.start + r.end))
                    .collect();
                hits.push(Hit {
                    rule: ri as usize,
                    sentence: si as usize,
                    captures,
                });
            }
        }
        hits.sort_unstable_by_key(|h| (h.sentence, h.rule));
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::sentences;

    fn set() -> RuleSet {
        let pack = r#"
family = "t"
[[rule]]
id = "t.audit"
type = "audit"
kind = "audit"
triggers = ["audit", "inspect"]
regex = '(?:audit|inspect)\s+the\s+(?P<what>books|records)'
must_match = ["may audit the books"]
[[rule]]
id = "t.law"
type = "governing_law"
kind = "governing_law"
triggers = ["governed"]
regex = 'governed by the laws of (?P<place_law>[A-Z][a-z]+)'
must_match = ["governed by the laws of Ontario"]
"#;
        RuleSet::compile(&[("t.toml".into(), pack.into())]).unwrap()
    }

    #[test]
    fn hits_name_the_sentence_and_absolute_captures() {
        let text = "Preamble. The Licensor may inspect the records. This Agreement is governed by the laws of Ontario.";
        let s = sentences(text);
        let hits = set().scan(text, &s);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].rule, 0);
        assert_eq!(hits[0].sentence, 1);
        let (name, r) = &hits[0].captures[0];
        assert_eq!((name.as_str(), &text[r.clone()]), ("what", "records"));
        assert_eq!(&text[hits[1].captures[0].1.clone()], "Ontario");
    }

    #[test]
    fn a_rule_with_two_triggers_in_one_sentence_hits_once() {
        let text = "Licensee may audit the books and inspect the records.";
        let hits = set().scan(text, &sentences(text));
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn a_trigger_phrase_is_found_across_a_line_break() {
        let pack = r#"
family = "t"
[[rule]]
id = "t.eff"
type = "term"
kind = "effective_date"
triggers = ["effective date"]
regex = 'effective\s+date'
must_match = ["the effective date"]
"#;
        let set = RuleSet::compile(&[("t.toml".into(), pack.into())]).unwrap();
        let text = "Intro. The Effective\n   Date is today. Next one.";
        let hits = set.scan(text, &sentences(text));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].sentence, 1);
        assert!(set.rules[0]
            .fires("The Effective\n   Date is today.")
            .is_some());
    }

    #[test]
    fn trigger_without_regex_match_is_no_hit() {
        let text = "No audit will happen.";
        assert!(set().scan(text, &sentences(text)).is_empty());
    }

    #[test]
    fn duplicate_rule_ids_are_refused() {
        let one = r#"
family = "t"
[[rule]]
id = "same"
type = "audit"
kind = "audit"
triggers = ["audit"]
regex = 'audit'
must_match = ["audit"]
"#;
        let e = RuleSet::compile(&[("a.toml".into(), one.into()), ("b.toml".into(), one.into())])
            .unwrap_err();
        assert!(e.to_string().contains("duplicate"));
    }
}
