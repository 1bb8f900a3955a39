//! Text ingestion + extraction on arbitrary bytes: never panics, and every
//! clause's offsets slice out exactly its text (the promise a reviewer relies on).
#![no_main]

use libfuzzer_sys::fuzz_target;
use licscan::ingest::{from_text, text::decode};
use licscan::rules::RuleSet;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::builtin().expect("built-in packs compile"));

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data) else { return };
    let doc = from_text(Default::default(), decoded.text, decoded.base_offset);
    let (clauses, _terms) = licscan::extract::extract(&doc, &RULES);
    for c in &clauses {
        let (s, e) = (c.start - doc.base_offset, c.end - doc.base_offset);
        assert!(s < e && e <= doc.text.len(), "offsets {s}..{e} outside the text");
        assert_eq!(&doc.text[s..e], c.text, "clause text differs from its offsets");
        assert!(c.page >= 1 && c.page <= doc.page_starts.len());
    }
});
