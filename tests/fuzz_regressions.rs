//! Inputs the fuzzers (fuzz/, `cargo fuzz`) found crashing, kept as
//! regression tests: each file in tests/fuzz-regressions/ goes through text
//! ingestion and extraction, which must not panic and must give clauses whose
//! offsets slice out exactly their text.

use licscan::ingest::{from_text, text::decode};
use licscan::rules::RuleSet;

#[test]
fn every_fuzz_regression_input_extracts_with_exact_offsets() {
    let rules = RuleSet::builtin().expect("built-in packs compile");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fuzz-regressions exists") {
        let path = entry.expect("readable entry").path();
        let bytes = std::fs::read(&path).expect("readable file");
        n += 1;
        let Ok(d) = decode(&bytes) else { continue };
        let doc = from_text(Default::default(), d.text, d.base_offset);
        let (clauses, _) = licscan::extract::extract(&doc, &rules);
        for c in clauses {
            let (s, e) = (c.start - doc.base_offset, c.end - doc.base_offset);
            assert_eq!(
                &doc.text[s..e],
                c.text,
                "{}: clause {s}..{e}",
                path.display()
            );
        }
    }
    assert!(n >= 1, "no regression inputs found");
}
