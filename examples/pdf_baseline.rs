//! Benchmark baseline: pdf-extract's own time on a folder of PDFs, in this
//! process, one page at a time (the same calls licscan's worker makes, without
//! the worker process, the supervision or the extraction stages). Used by
//! scripts/bench.sh to state licscan's PDF throughput as a ratio of this.
//!
//!     cargo run --release --example pdf_baseline -- DIR

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: pdf_baseline DIR");
        std::process::exit(2);
    };
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(2);
        }
    };
    files.sort();
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let (mut pages, mut failed) = (0usize, 0usize);
    for f in &files {
        let Ok(doc) = pdf_extract::Document::load(f) else {
            failed += 1;
            continue;
        };
        for &n in doc.get_pages().keys() {
            let page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut text = String::new();
                let mut out = pdf_extract::PlainTextOutput::new(&mut text);
                pdf_extract::output_doc_page(&doc, &mut out, n).map(|()| text.len())
            }));
            pages += 1;
            if !matches!(page, Ok(Ok(_))) {
                failed += 1;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} files, {pages} pages, {failed} failures, {secs:.2} s, {:.1} pages/s",
        files.len(),
        pages as f64 / secs
    );
}
