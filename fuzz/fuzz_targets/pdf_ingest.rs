//! PDF ingestion on arbitrary bytes, through the real supervised worker
//! process: the parent (sniffing, page estimate, limits, frame decoding,
//! outcome mapping) must never panic whatever the worker does, and a result
//! is either text or a typed error. Needs the release binary:
//! `cargo build --release` in the repository first (LICSCAN_BIN overrides).
#![no_main]

use libfuzzer_sys::fuzz_target;
use licscan::ingest::pdf::{extract_pdf_with_worker, PdfLimits};
use std::path::PathBuf;
use std::sync::LazyLock;

static WORKER: LazyLock<PathBuf> = LazyLock::new(|| {
    std::env::var_os("LICSCAN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/release/licscan")))
});

static FILE: LazyLock<PathBuf> =
    LazyLock::new(|| std::env::temp_dir().join(format!("licscan-fuzz-pdf-{}.pdf", std::process::id())));

fuzz_target!(|data: &[u8]| {
    // most inputs should look like a PDF, or the sniffing check rejects them all
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend_from_slice(data);
    if std::fs::write(&*FILE, &bytes).is_err() {
        return;
    }
    let limits = PdfLimits { cpu_base_secs: 2.0, cpu_secs_per_page: 0.1, memory_bytes: 512 << 20, ..PdfLimits::default() };
    if let Ok(text) = extract_pdf_with_worker(&FILE, &limits, &WORKER) {
        assert_eq!(text.pages.len(), text.page_engines.len());
    }
});
