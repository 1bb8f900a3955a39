//! Words a rule's regex cannot match without. A rule's trigger words say when
//! it is worth trying; the regex usually needs more than one of them (an
//! audit rule wants "audit" *and* "records"), so most candidate sentences
//! fail the regex after paying for it. This module reads the regex's syntax
//! tree and derives a conjunction of literal sets: every match contains at
//! least one literal of each set. The matcher checks them in each candidate
//! sentence (after the trigger pass) and skips the regex when a set has no
//! literal there. The analysis only ever answers
//! with conditions that are necessary; when unsure it requires nothing.

use memchr::memmem::Finder;
use regex_syntax::hir::{Class, Hir, HirKind};
use regex_syntax::ParserBuilder;

/// A literal set must have no literal shorter than this to be worth checking
/// (short strings such as "the", "any" or "for" occur in nearly every
/// sentence, so checking them costs more than the regex they would save).
const MIN_LITERAL: usize = 4;
/// Largest finite set of strings followed through a concatenation.
const MAX_ALTERNATIVES: usize = 64;
/// Largest class expanded into its members (after case folding).
const MAX_CLASS: usize = 4;
/// At most this many sets are kept per rule (the longest literals first).
const MAX_SETS: usize = 6;

/// The literal sets (lowercase ASCII bytes) every match of `pattern` needs,
/// parsed with the same flags the matcher compiles it with. An unparsable
/// pattern requires nothing (compiling it reports the error).
pub fn required_literals(pattern: &str, case_sensitive: bool) -> Vec<Vec<Vec<u8>>> {
    let hir = match ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .case_insensitive(!case_sensitive)
        .dot_matches_new_line(true)
        .build()
        .parse(pattern)
    {
        Ok(h) => h,
        Err(_) => return Vec::new(),
    };
    let mut sets: Vec<Vec<Vec<u8>>> = required(&hir)
        .into_iter()
        .filter(|s| useful(s))
        .map(|mut s| {
            s.sort();
            s.dedup();
            s
        })
        .collect();
    sets.sort_by_key(|s| std::cmp::Reverse(shortest(s)));
    sets.dedup();
    sets.truncate(MAX_SETS);
    sets
}

fn shortest(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

fn useful(set: &[Vec<u8>]) -> bool {
    !set.is_empty() && shortest(set) >= MIN_LITERAL
}

/// The finite set of strings `h` matches (lowercased), when it is small.
fn exact(h: &Hir) -> Option<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(l) => Some(vec![l.0.to_ascii_lowercase()]),
        HirKind::Class(Class::Bytes(c)) => {
            let mut bytes: Vec<u8> = Vec::new();
            for r in c.ranges() {
                if usize::from(r.end() - r.start()) >= MAX_CLASS * 2 {
                    return None;
                }
                for b in r.start()..=r.end() {
                    bytes.push(b.to_ascii_lowercase());
                }
            }
            bytes.sort_unstable();
            bytes.dedup();
            (!bytes.is_empty() && bytes.len() <= MAX_CLASS)
                .then(|| bytes.into_iter().map(|b| vec![b]).collect())
        }
        HirKind::Class(Class::Unicode(_)) => None,
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Repetition(r) => {
            if r.min == 0 && r.max == Some(1) {
                let mut s = exact(&r.sub)?;
                s.push(Vec::new());
                Some(s)
            } else if r.min == 1 && r.max == Some(1) {
                exact(&r.sub)
            } else {
                None
            }
        }
        HirKind::Concat(xs) => {
            let mut acc = vec![Vec::new()];
            for x in xs {
                acc = product(&acc, &exact(x)?)?;
            }
            Some(acc)
        }
        HirKind::Alternation(xs) => {
            let mut all = Vec::new();
            for x in xs {
                all.extend(exact(x)?);
                if all.len() > MAX_ALTERNATIVES {
                    return None;
                }
            }
            Some(all)
        }
    }
}

fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_ALTERNATIVES {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    Some(out)
}

/// A conjunction of literal sets that every match of `h` satisfies.
fn required(h: &Hir) -> Vec<Vec<Vec<u8>>> {
    if let Some(e) = exact(h) {
        return if e.iter().all(|s| !s.is_empty()) {
            vec![e]
        } else {
            Vec::new()
        };
    }
    match h.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Concat(xs) => {
            // runs of small finite pieces form literals ("licen" + [cs] + "e");
            // anything else ends the run and adds what it requires itself
            let mut out = Vec::new();
            let mut run: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
            let flush = |run: &mut Option<Vec<Vec<u8>>>, out: &mut Vec<Vec<Vec<u8>>>| {
                if let Some(r) = run.take() {
                    if r.iter().all(|s| !s.is_empty()) {
                        out.push(r);
                    }
                }
                *run = Some(vec![Vec::new()]);
            };
            for x in xs {
                match exact(x) {
                    Some(e) => {
                        let next = run.as_ref().and_then(|r| product(r, &e));
                        match next {
                            Some(n) => run = Some(n),
                            None => {
                                // too many combinations: keep what was built
                                // and start again from this piece
                                flush(&mut run, &mut out);
                                run = Some(e);
                            }
                        }
                    }
                    None => {
                        flush(&mut run, &mut out);
                        out.extend(required(x));
                    }
                }
            }
            flush(&mut run, &mut out);
            out
        }
        HirKind::Alternation(xs) => {
            // each branch must supply one literal: take each branch's best
            // useful set; a branch without one makes the whole thing optional
            let mut union = Vec::new();
            for x in xs {
                let best = required(x)
                    .into_iter()
                    .filter(|s| useful(s))
                    .max_by_key(|s| shortest(s));
                match best {
                    Some(s) => union.extend(s),
                    None => return Vec::new(),
                }
            }
            vec![union]
        }
        _ => Vec::new(),
    }
}

/// A rule's required literal sets, ready to search for.
#[derive(Debug, Clone, Default)]
pub struct Required {
    sets: Vec<Vec<Finder<'static>>>,
}

impl Required {
    /// The sets for `pattern` (see [`required_literals`]).
    pub fn of(pattern: &str, case_sensitive: bool) -> Required {
        let sets = required_literals(pattern, case_sensitive)
            .iter()
            .map(|set| set.iter().map(|l| Finder::new(l).into_owned()).collect())
            .collect();
        Required { sets }
    }

    /// Does `lower` (an ASCII-lowercased sentence) have a literal of every set?
    pub fn satisfied(&self, lower: &[u8]) -> bool {
        self.sets
            .iter()
            .all(|set| set.iter().any(|f| f.find(lower).is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(p: &str) -> Vec<Vec<String>> {
        required_literals(p, false)
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|l| String::from_utf8(l).unwrap())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn words_separated_by_gaps_are_each_required() {
        let r = req(r"\baudit\b.*?\brecords\b");
        assert!(r.contains(&vec!["records".to_string()]));
        assert!(r.contains(&vec!["audit".to_string()]));
    }

    #[test]
    fn a_small_class_inside_a_word_gives_each_spelling() {
        let r = req(r"licen[cs]e\s+fees");
        assert!(r.contains(&vec!["licence".to_string(), "license".to_string()]));
        assert!(r.contains(&vec!["fees".to_string()]));
    }

    #[test]
    fn an_alternation_requires_one_literal_of_each_branch() {
        let r = req(r"(?:terminat\w+|expir\w+)\s+of\s+this");
        assert!(r.contains(&vec!["expir".to_string(), "terminat".to_string()]));
    }

    #[test]
    fn optional_parts_require_nothing() {
        let r = req(r"(?:audit)?\s*records?");
        assert_eq!(r, vec![vec!["record".to_string(), "records".to_string()]]);
    }

    #[test]
    fn a_branch_without_a_word_makes_the_alternation_optional() {
        assert!(req(r"(?:audit|\d+)\s+").is_empty());
    }

    #[test]
    fn short_literals_are_not_required() {
        assert!(req(r"of\s+\d+").is_empty());
        assert!(req(r"\bfee\b").is_empty());
    }

    #[test]
    fn case_sensitive_patterns_are_still_checked_lowercase() {
        let r = required_literals(r"(?-i:Territory)", true);
        assert_eq!(r, vec![vec![b"territory".to_vec()]]);
    }

    #[test]
    fn satisfied_needs_every_set() {
        let req = Required::of(r"\baudit\b.*?\brecords\b", false);
        assert!(req.satisfied(b"may audit the records"));
        assert!(!req.satisfied(b"may audit the books"));
    }
}
