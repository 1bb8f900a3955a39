//! `licscan patterns check`: validates packs and runs every rule's own
//! examples. A rule whose must-match example does not fire, or whose
//! must-not-match example does, is reported with its file and id.

use super::RuleSet;

/// One failed example.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFailure {
    pub file: String,
    pub rule: String,
    /// `must_match` or `must_not_match`.
    pub list: &'static str,
    pub example: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.list == "must_match" {
            "does not match"
        } else {
            "matches"
        };
        write!(
            f,
            "{}: rule {}: {} example {:?}",
            self.file, self.rule, verb, self.example
        )
    }
}

/// Runs every rule's examples; returns (examples run, failures).
pub fn check_examples(set: &RuleSet) -> (usize, Vec<ExampleFailure>) {
    let mut run = 0;
    let mut failures = Vec::new();
    for r in &set.rules {
        for (list, examples, want) in [
            ("must_match", &r.must_match, true),
            ("must_not_match", &r.must_not_match, false),
        ] {
            for ex in examples {
                run += 1;
                if r.fires(ex).is_some() != want {
                    failures.push(ExampleFailure {
                        file: r.file.clone(),
                        rule: r.id.clone(),
                        list,
                        example: ex.clone(),
                    });
                }
            }
        }
    }
    (run, failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_rule_passes_its_own_examples() {
        let set = RuleSet::builtin().expect("built-in packs compile");
        let (run, failures) = check_examples(&set);
        assert!(run >= set.rules.len());
        let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
        assert!(
            failures.is_empty(),
            "{} failing examples:\n{}",
            failures.len(),
            report.join("\n")
        );
    }

    #[test]
    fn a_failing_example_is_reported() {
        let pack = r#"
family = "t"
[[rule]]
id = "t.x"
type = "audit"
kind = "audit"
triggers = ["audit"]
regex = 'audit rights'
must_match = ["audit rights", "an audit"]
must_not_match = ["no audit rights"]
"#;
        let set = RuleSet::compile(&[("t.toml".into(), pack.into())]).unwrap();
        let (run, f) = check_examples(&set);
        assert_eq!(run, 3);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].example, "an audit");
        assert_eq!(f[1].list, "must_not_match");
    }
}
