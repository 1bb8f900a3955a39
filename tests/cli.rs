//! The real binary on the bundled corpus: expected records, error records for
//! broken input, stable output whatever `--jobs`, exact offsets, exit codes.
//! Set LICSCAN_BLESS=1 to rewrite `tests/expected/corpus.jsonl` after a
//! deliberate change, then review the diff like code.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_licscan"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("licscan runs")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("invalid JSON line ({e}): {l}")))
        .collect()
}

fn corpus_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "pdf")) {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        &mut v,
    );
    v
}

#[test]
fn corpus_records_match_the_expected_records() {
    let out = run(&["extract", "--quiet", "corpus"]);
    let got = String::from_utf8(out.stdout).unwrap();
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected/corpus.jsonl");
    if std::env::var_os("LICSCAN_BLESS").is_some() {
        std::fs::write(&expected_path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&expected_path)
        .expect("tests/expected/corpus.jsonl (run with LICSCAN_BLESS=1 to create)");
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    assert_eq!(g.len(), w.len(), "record count differs");
    for (a, b) in g.iter().zip(&w) {
        if a != b {
            let av: Value = serde_json::from_str(a).unwrap();
            let bv: Value = serde_json::from_str(b).unwrap();
            panic!(
                "record for {} differs from tests/expected/corpus.jsonl (LICSCAN_BLESS=1 to accept)\n got terms: {}\nwant terms: {}",
                av["document"]["path"], av["terms"], bv["terms"]
            );
        }
    }
}

#[test]
fn every_corpus_file_yields_exactly_one_record_in_input_order() {
    let files = corpus_files();
    assert!(files.len() >= 12, "the corpus has at least 12 agreements");
    let out = run(&["extract", "--quiet", "corpus"]);
    let recs = records(&out);
    let paths: Vec<String> = recs
        .iter()
        .map(|r| r["document"]["path"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = files
        .iter()
        .map(|p| {
            p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .to_string_lossy()
                .trim_start_matches('/')
                .to_string()
        })
        .collect();
    assert_eq!(paths, want);
}

#[test]
fn damaged_pdfs_are_recovered_or_get_an_error_record_and_the_batch_goes_on() {
    let out = run(&["extract", "--quiet", "corpus"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit 1 when some documents failed"
    );
    let recs = records(&out);
    let failed: Vec<&Value> = recs.iter().filter(|r| r["status"] == "error").collect();
    assert_eq!(failed.len(), 1, "only the scan without text fails");
    assert!(failed[0]["document"]["path"]
        .as_str()
        .unwrap()
        .ends_with("scanned-no-text.pdf"));
    assert_eq!(failed[0]["error"]["kind"], "no_text_layer");
    assert!(failed[0]["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("OCR")));
    assert!(recs.iter().filter(|r| r["status"] == "ok").count() >= 12);

    // The cut-off PDF: lopdf refuses it, the fallback reads pages 1-4 (page 4
    // in part) and says that pages 5-7 are gone.
    let cut = recs
        .iter()
        .find(|r| {
            r["document"]["path"]
                .as_str()
                .unwrap()
                .ends_with("broken-truncated.pdf")
        })
        .unwrap();
    assert_eq!(cut["status"], "ok");
    assert_eq!(
        cut["document"]["page_engines"],
        serde_json::json!([
            {"engine": "pdf_oxide", "first_page": 1, "last_page": 4},
            {"engine": "none", "first_page": 5, "last_page": 7},
        ])
    );
    let warnings = cut["document"]["warnings"].as_array().unwrap();
    assert!(warnings[0]
        .as_str()
        .unwrap()
        .contains("fallback engine pdf_oxide"));
    assert!(warnings[1].as_str().unwrap().starts_with("page 5: "));
    let clauses = cut["clauses"].as_array().unwrap();
    assert!(clauses
        .iter()
        .any(|c| c["type"] == "license_grant" && c["page"] == 2));
    assert!(clauses.iter().all(|c| c["page"].as_u64().unwrap() <= 4));
}

#[test]
fn jobs_1_and_jobs_2_give_identical_output() {
    let a = run(&["extract", "--quiet", "--jobs", "1", "corpus"]);
    let b = run(&["extract", "--quiet", "--jobs", "2", "corpus"]);
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn clause_text_is_exactly_the_bytes_at_its_offsets() {
    let out = run(&["extract", "--quiet", "corpus"]);
    let mut checked = 0;
    for r in records(&out).iter().filter(|r| r["status"] == "ok") {
        let path = r["document"]["path"].as_str().unwrap();
        let bytes = if r["document"]["format"] == "pdf" {
            run(&["text", path]).stdout
        } else {
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
        };
        for c in r["clauses"].as_array().unwrap() {
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert!(
                s < e && e <= bytes.len(),
                "{path}: offsets {s}..{e} out of range"
            );
            assert_eq!(
                std::str::from_utf8(&bytes[s..e]).unwrap(),
                c["text"].as_str().unwrap(),
                "{path} {s}..{e}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} clauses checked");
}

#[test]
fn paths_can_come_from_stdin() {
    use std::io::Write;
    let mut child = bin()
        .args(["extract", "--quiet", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let files = corpus_files();
    let list: String = files
        .iter()
        .filter(|p| p.extension().unwrap() == "txt")
        .take(2)
        .map(|p| format!("{}\n", p.display()))
        .collect();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(records(&out).len(), 2);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_missing_file_gets_an_unreadable_record_and_exit_1() {
    let out = run(&["extract", "--quiet", "corpus/does-not-exist.txt"]);
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["status"], "error");
    assert_eq!(recs[0]["error"]["kind"], "unreadable");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_bad_pattern_folder_is_a_usage_error_with_exit_2() {
    let dir = std::env::temp_dir().join(format!("licscan-badpack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.toml"), "family = \"x\"\n[[rule]]\nid = \"x.1\"\ntype = \"nope\"\nkind = \"k\"\ntriggers=[\"a\"]\nregex='a'\nmust_match=[\"a\"]\n").unwrap();
    let out = run(&["extract", "--patterns", dir.to_str().unwrap(), "corpus"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml") && err.contains("x.1"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn patterns_check_passes_on_the_shipped_packs() {
    let out = run(&["patterns", "check", "patterns"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{s}");
    assert!(s.contains("0 failed"), "{s}");
}

#[test]
fn schema_is_json_schema_of_a_record() {
    let out = run(&["schema"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["properties"]["clauses"].is_object());
    assert!(v["properties"]["terms"].is_object());
}

#[test]
fn text_command_prints_pdf_pages_separated_by_form_feeds() {
    let pdf = corpus_files()
        .into_iter()
        .find(|p| p.extension().unwrap() == "pdf" && !p.to_string_lossy().contains("broken"))
        .expect("a corpus PDF");
    let out = run(&["text", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains('\x0c'), "pages separated by form feeds");
    assert!(text.len() > 1000);
}

#[test]
fn closed_stdout_pipe_ends_quietly() {
    let mut child = bin()
        .args(["extract", "--quiet", "corpus"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(matches!(out.status.code(), Some(0) | Some(1)));
}

#[test]
fn explain_names_rules_triggers_values_and_term_sources() {
    let out = run(&[
        "explain",
        "corpus/05-data-licence.txt",
        "--type",
        "termination",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("rule termination."), "{s}");
    assert!(s.contains("triggers present:"), "{s}");
    assert!(s.contains("termination.for_breach = true"), "{s}");
    assert!(
        !s.contains("governing_law/"),
        "other types are filtered out: {s}"
    );
}

#[test]
fn explain_rejects_an_unknown_type() {
    let out = run(&[
        "explain",
        "corpus/05-data-licence.txt",
        "--type",
        "nonsense",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown clause type"));
}

#[test]
fn list_prints_the_files_extract_would_read_in_order() {
    let out = run(&["extract", "--list", "corpus"]);
    assert_eq!(out.status.code(), Some(0));
    let listed: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let recs = records(&run(&["extract", "--quiet", "corpus"]));
    let read: Vec<String> = recs
        .iter()
        .map(|r| r["document"]["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, read);
    assert!(listed.iter().all(|p| !p.ends_with(".md")));
}

#[test]
fn filesystem_order_gives_the_same_records_in_some_order() {
    let sorted = records(&run(&["extract", "--quiet", "corpus"]));
    let mut streamed = records(&run(&[
        "extract",
        "--quiet",
        "--order",
        "filesystem",
        "corpus",
    ]));
    assert_eq!(streamed.len(), sorted.len());
    let path = |r: &Value| r["document"]["path"].as_str().unwrap().to_string();
    streamed.sort_by_key(path);
    assert_eq!(streamed, sorted);
}

#[test]
fn a_run_killed_part_way_leaves_only_valid_complete_lines() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("licscan-killed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_file = dir.join("records.jsonl");
    // the corpus text files, many times over, as a path list on stdin
    let texts: Vec<PathBuf> = corpus_files()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let mut child = bin()
        .args(["extract", "--quiet", "--jobs", "2", "-o"])
        .arg(&out_file)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    // fed from a thread: the pipe holds only a part of the list
    let mut stdin = child.stdin.take().unwrap();
    let list: Vec<String> = texts.iter().map(|p| p.display().to_string()).collect();
    let feeder = std::thread::spawn(move || {
        for _ in 0..400 {
            for p in &list {
                if writeln!(stdin, "{p}").is_err() {
                    return; // the process was killed
                }
            }
        }
    });
    // kill it as soon as some records are out, while it is still writing
    let started = std::time::Instant::now();
    while std::fs::metadata(&out_file).map_or(0, |m| m.len()) < 200_000 {
        assert!(
            started.elapsed().as_secs() < 60,
            "no output within a minute"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    feeder.join().unwrap();
    assert!(!status.success(), "the run was killed before it finished");
    let bytes = std::fs::read(&out_file).unwrap();
    let complete = &bytes[..bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)];
    let lines: Vec<&[u8]> = complete
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert!(!lines.is_empty());
    assert!(lines.len() < 400 * texts.len(), "killed before the end");
    for line in lines {
        let rec: Value =
            serde_json::from_slice(line).expect("every complete line is a valid record");
        assert_eq!(rec["status"], "ok");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
