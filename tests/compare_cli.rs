//! `licscan compare` as a command: records in, CSV / findings / HTML out. The
//! CSV header must match the column list in docs/compare.md, every finding
//! must point at real clauses, and agreements given directly are extracted.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn licscan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_licscan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("licscan runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn records_give_a_csv_row_per_agreement_and_findings_with_clauses() {
    let dir = temp_dir("compare-cli");
    let records = dir.join("corpus.jsonl");
    let out = licscan(&["extract", "corpus", "--quiet", "-o", s(&records)]);
    assert!(out.status.code().is_some_and(|c| c <= 1));
    let (csv, findings, html) = (dir.join("p.csv"), dir.join("f.jsonl"), dir.join("r.html"));
    let out = licscan(&[
        "compare",
        s(&records),
        "--as-of",
        "2022-01-01",
        "--quiet",
        "--csv",
        s(&csv),
        "--findings",
        s(&findings),
        "--html",
        s(&html),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the corpus holds one broken PDF"
    );

    let n_records = std::fs::read_to_string(&records)
        .expect("records")
        .lines()
        .count();
    let table = std::fs::read_to_string(&csv).expect("CSV");
    let mut lines = table.split("\r\n").filter(|l| !l.is_empty());
    let header = lines.next().expect("a header row");
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/compare.md"))
            .expect("docs/compare.md");
    let section = doc
        .split("## CSV columns")
        .nth(1)
        .expect("a CSV columns section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let documented: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert_eq!(
        header.split(',').collect::<Vec<_>>(),
        documented,
        "docs/compare.md lists the columns"
    );
    let mut reader = csv::Reader::from_path(&csv).expect("CSV parses");
    assert_eq!(reader.records().count(), n_records);

    let recs: Vec<Value> = std::fs::read_to_string(&records)
        .expect("records")
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect();
    let list: Vec<Value> = std::fs::read_to_string(&findings)
        .expect("findings")
        .lines()
        .map(|l| serde_json::from_str(l).expect("finding"))
        .collect();
    // extraction improves under this test, so only findings the corpus is built to give
    for kind in ["overlapping_exclusive_grant", "failed", "missing_terms"] {
        assert!(list.iter().any(|f| f["kind"] == kind), "a {kind} finding");
    }
    assert!(list
        .iter()
        .any(|f| f["kind"] == "expiring" || f["kind"] == "auto_renewing"));
    for (i, f) in list.iter().enumerate() {
        assert_eq!(f["id"], i);
        for a in f["agreements"].as_array().expect("agreements") {
            let rec = &recs[a["agreement"].as_u64().expect("index") as usize];
            assert_eq!(a["path"], rec["document"]["path"]);
            for c in a["clauses"].as_array().expect("clauses") {
                let clause = &rec["clauses"][c["clause"].as_u64().expect("clause") as usize];
                assert_eq!(c["start"], clause["start"]);
                assert_eq!(c["page"], clause["page"]);
            }
        }
    }
    let page = std::fs::read_to_string(&html).expect("HTML");
    assert!(
        !page.contains("http://") && !page.contains("https://")
            || page.contains("default-src 'none'")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn agreements_are_extracted_when_given_directly() {
    let out = licscan(&[
        "compare",
        "corpus/01-patent-licence.txt",
        "--quiet",
        "--as-of",
        "2019-06-01",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().count() > 0,
        "findings go to stdout when no file is named"
    );
    for l in stdout.lines() {
        let f: Value = serde_json::from_str(l).expect("a JSON finding");
        assert_eq!(f["agreements"][0]["path"], "corpus/01-patent-licence.txt");
    }
}

#[test]
fn a_bad_as_of_date_is_a_usage_error() {
    let out = licscan(&[
        "compare",
        "corpus/01-patent-licence.txt",
        "--as-of",
        "next year",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
