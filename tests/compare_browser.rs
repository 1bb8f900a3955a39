//! The HTML review report in a real browser: headless Chromium opens the
//! report built from corpus/, and the test reads the DOM it dumps. The page
//! exposes its state in `#status` (view, agreement, clause, finding) and turns
//! any script error into a `<div id="script-error">`, so no driver is needed:
//! a URL fragment (`#finding=N`) is the click. Skips, saying so, only when no
//! Chromium is installed (.ci/run installs it). The screenshot goes to
//! docs/report.png when that file is missing or LICSCAN_UPDATE_SCREENSHOT=1.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LICSCAN_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// A fresh folder; tests run in parallel threads, so each call gets its own.
fn temp_dir(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Runs headless Chromium on a file URL with extra arguments; returns stdout.
fn run_chromium(chrome: &Path, url: &str, extra: &[&str]) -> String {
    let profile = temp_dir("chromium-profile");
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = reader.join().expect("reader thread");
    let _ = std::fs::remove_dir_all(&profile);
    out
}

fn dump_dom(chrome: &Path, file: &Path, fragment: &str) -> String {
    let url = format!("file://{}{fragment}", file.display());
    let dom = run_chromium(chrome, &url, &["--virtual-time-budget=5000", "--dump-dom"]);
    assert!(dom.contains("</html>"), "no DOM from chromium for {url}");
    dom
}

/// The opening tag of the status element, where the page says what it shows.
fn status(dom: &str) -> &str {
    let start = dom.find("<div id=\"status\"").expect("a #status element");
    let end = dom[start..].find('>').expect("end of the tag") + start;
    &dom[start..=end]
}

fn assert_no_script_error(dom: &str) {
    if let Some(at) = dom.find("<div id=\"script-error\"") {
        panic!(
            "the page had script errors: {}",
            &dom[at..(at + 300).min(dom.len())]
        );
    }
}

/// Builds the report (and findings) from the agreements in corpus/.
fn build_report(dir: &Path) -> (PathBuf, Vec<Value>) {
    let html = dir.join("report.html");
    let findings = dir.join("findings.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_licscan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "compare",
            "corpus",
            "--as-of",
            "2022-01-01",
            "--quiet",
            "--html",
        ])
        .arg(&html)
        .arg("--findings")
        .arg(&findings)
        .output()
        .expect("licscan runs");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = std::fs::read_to_string(&findings)
        .expect("findings written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON finding"))
        .collect();
    (html, list)
}

#[test]
fn report_shows_table_charts_highlights_and_opens_a_finding() {
    let Some(chrome) = chromium() else {
        println!("SKIPPED compare_browser: no chromium on PATH (apt-get install -y chromium, or set LICSCAN_CHROMIUM)");
        return;
    };
    let dir = temp_dir("compare-browser");
    let (html, findings) = build_report(&dir);

    // the portfolio view: table rows, both charts with bars, no script errors
    let dom = dump_dom(&chrome, &html, "");
    assert_no_script_error(&dom);
    assert!(
        status(&dom).contains("data-state=\"ready\""),
        "{}",
        status(&dom)
    );
    let table = &dom[dom.find("<tbody id=\"tbody\">").expect("the table body")..];
    assert!(
        table.matches("<tr").count() >= 20,
        "the table lists the corpus"
    );
    for chart in ["expiry-chart", "royalty-chart"] {
        let at = dom
            .find(&format!("id=\"{chart}\""))
            .unwrap_or_else(|| panic!("no {chart}"));
        assert!(
            dom[at..].contains("<rect class=\"bar\""),
            "{chart} has bars"
        );
    }

    // "click" an overlap finding: the page opens its first agreement at the clause
    let (id, f) = findings
        .iter()
        .enumerate()
        .find(|(_, f)| {
            f["kind"] == "overlapping_exclusive_grant"
                && f["agreements"][0]["clauses"]
                    .as_array()
                    .is_some_and(|c| !c.is_empty())
        })
        .expect("the corpus has an overlapping exclusive grant");
    assert_eq!(f["id"], id);
    let doc = &f["agreements"][0]["agreement"];
    let other = &f["agreements"][1]["agreement"];
    let clause = &f["agreements"][0]["clauses"][0]["clause"];
    let dom = dump_dom(&chrome, &html, &format!("#finding={id}"));
    assert_no_script_error(&dom);
    let st = status(&dom);
    assert!(st.contains(&format!("data-finding=\"{id}\"")), "{st}");
    assert!(st.contains(&format!("data-doc=\"{doc}\"")), "{st}");
    assert!(st.contains(&format!("data-clause=\"{clause}\"")), "{st}");
    assert!(
        dom.contains(&format!("<mark id=\"c-{clause}\" class=\"cl t-")),
        "the clause is highlighted"
    );
    assert!(
        dom.contains("class=\"cl t-territory"),
        "territory clauses are highlighted"
    );
    let box_at = dom
        .find("id=\"finding-box\"")
        .expect("the finding is shown");
    let finding_box = &dom[box_at..];
    for a in [doc, other] {
        assert!(
            finding_box.contains(&format!("href=\"#doc={a}&amp;finding={id}\"")),
            "links to agreement {a}"
        );
    }

    // a PDF's page numbers come along
    let pdf = findings
        .iter()
        .flat_map(|f| f["agreements"].as_array().into_iter().flatten())
        .find(|a| {
            a["path"].as_str().is_some_and(|p| p.ends_with(".pdf"))
                && a["clauses"].as_array().is_some_and(|c| c.len() > 1)
        })
        .expect("a finding on a PDF");
    let dom = dump_dom(&chrome, &html, &format!("#doc={}", pdf["agreement"]));
    assert_no_script_error(&dom);
    assert!(
        dom.contains("<span class=\"pb\">page 2</span>"),
        "page breaks are marked"
    );

    // the screenshot for the README
    let shot = dir.join("report.png");
    run_chromium(
        &chrome,
        &format!("file://{}#finding={id}", html.display()),
        &[
            "--virtual-time-budget=5000",
            "--window-size=1400,1000",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.png");
    if !docs.exists() || std::env::var_os("LICSCAN_UPDATE_SCREENSHOT").is_some() {
        std::fs::write(&docs, &png).expect("write docs/report.png");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_script_error_is_caught_and_shown() {
    let Some(chrome) = chromium() else {
        println!("SKIPPED compare_browser: no chromium on PATH (apt-get install -y chromium, or set LICSCAN_CHROMIUM)");
        return;
    };
    let dir = temp_dir("compare-browser-error");
    let (html, _) = build_report(&dir);
    let page = std::fs::read_to_string(&html).expect("report");
    let broken = page.replace("</body>", "<script>null.boom();</script></body>");
    let bad = dir.join("broken.html");
    std::fs::write(&bad, broken).expect("write");
    let dom = dump_dom(&chrome, &bad, "");
    assert!(
        dom.contains("<div id=\"script-error\""),
        "the error marker appears"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
