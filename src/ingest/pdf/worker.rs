//! The PDF worker: the child process that runs the extraction engines. It loads
//! one document, extracts each page on its own under `catch_unwind` (a panic
//! costs that page, not the document) and streams the frames the supervisor in
//! `pdf.rs` decodes. It trusts nothing it reads but does not limit itself: CPU
//! time, memory and crashes are the supervisor's business.

use super::{error_message, Frame, IngestError, FAILED_PAGE_ENGINE, PROTOCOL_HEADER, WORKER_ARG};
use pdf_extract::Document;
use std::cell::RefCell;
use std::ffi::OsString;
use std::fs::File;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Exit codes; the output, not the code, carries the result.
const EXIT_DONE: i32 = 0;
const EXIT_USAGE: i32 = 2;
const EXIT_FAILED: i32 = 3;
const EXIT_OUTPUT: i32 = 4;

/// Page error messages are cut to this many bytes.
const MAX_MESSAGE_BYTES: usize = 1000;

/// The engines, in the order they are tried. pdf-extract gives the best
/// reading order on ordinary filings, so it goes first; pdf_oxide is the
/// fallback for what it cannot read: documents whose cross-reference table is
/// broken or that were cut short (lopdf refuses them whole), pages that fail
/// or come out empty, and pages that crashed a previous worker.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Engine {
    PdfExtract,
    PdfOxide,
}

/// Every engine, in the order they are tried (the tests check their names).
#[cfg(test)]
const ENGINES: &[Engine] = &[Engine::PdfExtract, Engine::PdfOxide];

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::PdfExtract => "pdf-extract",
            Engine::PdfOxide => "pdf_oxide",
        }
    }
}

/// What the supervisor asks of this worker.
#[derive(Debug, Clone, PartialEq)]
struct Job {
    path: PathBuf,
    max_text_bytes: u64,
    /// First page to extract (0-based): a restart after a crash goes on from
    /// where the crashed worker stopped.
    from: usize,
    /// A page not to give pdf-extract (it crashed the previous worker).
    skip_primary: Option<usize>,
    /// Skip pdf-extract entirely (it crashed the previous worker while loading).
    fallback_only: bool,
}

/// The fallback engine's view of the document, opened on first use.
struct Fallback<'a> {
    path: &'a Path,
    doc: Option<Result<pdf_oxide::PdfDocument, String>>,
}

impl<'a> Fallback<'a> {
    fn new(path: &'a Path) -> Self {
        Fallback { path, doc: None }
    }

    fn doc(&mut self) -> Result<&pdf_oxide::PdfDocument, String> {
        let path = self.path;
        let doc = self.doc.get_or_insert_with(|| {
            guarded(|| pdf_oxide::PdfDocument::open(path))?.map_err(|e| e.to_string())
        });
        doc.as_ref().map_err(Clone::clone)
    }

    fn page_count(&mut self) -> Result<usize, String> {
        let doc = self.doc()?;
        guarded(|| doc.page_count())?.map_err(|e| e.to_string())
    }

    fn page_text(&mut self, index: usize) -> Result<String, String> {
        let doc = self.doc()?;
        guarded(|| doc.extract_text(index))?.map_err(|e| e.to_string())
    }
}

fn pdf_extract_page(doc: &Document, page_num: u32) -> Result<String, String> {
    let run = guarded(|| {
        let mut text = String::new();
        let mut output = pdf_extract::PlainTextOutput::new(&mut text);
        pdf_extract::output_doc_page(doc, &mut output, page_num).map(|()| text)
    });
    run?.map_err(|e| e.to_string())
}

fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// A page pdf-extract failed on or found empty: the fallback's text if it has
/// some, else pdf-extract's result stands (with both messages when both
/// failed). `fallback` is None when the fallback sees a different number of
/// pages, so its page numbers cannot be trusted to mean the same pages.
fn with_fallback(
    primary: Result<String, String>,
    index: usize,
    fallback: Option<&mut Fallback>,
) -> (Engine, Result<String, String>) {
    let Some(fallback) = fallback else {
        return (Engine::PdfExtract, primary);
    };
    match (fallback.page_text(index), primary) {
        (Ok(text), _) if !is_blank(&text) => (Engine::PdfOxide, Ok(text)),
        (Err(e), Err(first)) => (Engine::PdfExtract, Err(format!("{first}; pdf_oxide: {e}"))),
        (_, primary) => (Engine::PdfExtract, primary),
    }
}

/// Entry point of the hidden `__pdf-worker` subcommand (runs in the child).
/// Usage: `licscan __pdf-worker --max-text-bytes N -- FILE`.
pub fn worker_main() -> i32 {
    let Some(job) = parse_args(std::env::args_os().collect()) else {
        eprintln!("usage: licscan {WORKER_ARG} --max-text-bytes N [--from PAGE] [--skip-primary PAGE] [--fallback-only] -- FILE (internal; started by licscan itself)");
        return EXIT_USAGE;
    };
    // The protocol owns the real stdout; anything else that prints (a library's
    // stray println) lands on stderr instead of corrupting the frames.
    let out = match take_stdout() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("cannot set up the worker's output: {e}");
            return EXIT_OUTPUT;
        }
    };
    std::panic::set_hook(Box::new(|info| {
        record_panic(info.payload(), info.location())
    }));
    let mut sink = Sink::new(out);
    let code = match extract(&job, &mut sink) {
        Ok(pages) => {
            sink.send(&[Frame::Done(pages)]);
            EXIT_DONE
        }
        Err(e) => {
            sink.send(&[Frame::Fatal {
                kind: e.kind(),
                message: error_message(&e),
            }]);
            EXIT_FAILED
        }
    };
    match sink.finish() {
        Ok(()) => code,
        Err(e) => {
            eprintln!("cannot write the worker's output: {e}");
            EXIT_OUTPUT
        }
    }
}

/// `[.., __pdf-worker, --max-text-bytes, N, [--from K] [--skip-primary K] [--fallback-only] --, FILE]`.
fn parse_args(args: Vec<OsString>) -> Option<Job> {
    let start = args.iter().position(|a| a == WORKER_ARG)?;
    let (path, options) = match &args[start + 1..] {
        [options @ .., dashes, path] if dashes == "--" => (PathBuf::from(path), options),
        _ => return None,
    };
    let mut job = Job {
        path,
        max_text_bytes: 0,
        from: 0,
        skip_primary: None,
        fallback_only: false,
    };
    let mut limit_given = false;
    let mut options = options.iter();
    while let Some(flag) = options.next() {
        match flag.to_str()? {
            "--max-text-bytes" => {
                job.max_text_bytes = options.next()?.to_str()?.parse().ok()?;
                limit_given = true;
            }
            "--from" => job.from = options.next()?.to_str()?.parse().ok()?,
            "--skip-primary" => job.skip_primary = Some(options.next()?.to_str()?.parse().ok()?),
            "--fallback-only" => job.fallback_only = true,
            _ => return None,
        }
    }
    limit_given.then_some(job)
}

/// Extracts every page into `sink`; the number of pages in the document, or
/// why the document as a whole failed.
fn extract(job: &Job, sink: &mut Sink) -> Result<usize, IngestError> {
    let path = job.path.as_path();
    let mut fallback = Fallback::new(path);
    if job.fallback_only {
        return extract_with_fallback(job, &mut fallback, sink)
            .map_err(|e| IngestError::EngineCrash(format!("pdf_oxide: {e}")));
    }
    let mut doc = match guarded(|| Document::load(path)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            let error = load_error(e);
            if matches!(error, IngestError::Truncated(_)) {
                // lopdf refuses the whole file (broken xref, cut short): the
                // fallback rebuilds what it can.
                let note = format!(
                    "pdf-extract could not open the file ({}); its text is from the fallback engine pdf_oxide",
                    cut(error_message(&error), MAX_MESSAGE_BYTES)
                );
                sink.send(&[Frame::Note(&note)]);
                return extract_with_fallback(job, &mut fallback, sink).map_err(|e| {
                    IngestError::Truncated(format!("{}; pdf_oxide: {e}", error_message(&error)))
                });
            }
            return Err(error);
        }
        Err(panic) => {
            return extract_with_fallback(job, &mut fallback, sink).map_err(|e| {
                IngestError::EngineCrash(format!("lopdf, loading: {panic}; pdf_oxide: {e}"))
            })
        }
    };
    // lopdf already tries the empty user password while loading; a document
    // still encrypted after that needs a real one.
    if doc.is_encrypted() {
        if let Err(e) = doc.decrypt("") {
            return Err(IngestError::Encrypted(format!(
                "a password is needed ({e})"
            )));
        }
    }
    let page_nums: Vec<u32> =
        guarded(|| doc.get_pages().into_keys().collect()).map_err(|panic| {
            IngestError::EngineCrash(format!("lopdf, reading the page tree: {panic}"))
        })?;
    if page_nums.is_empty() {
        return extract_with_fallback(job, &mut fallback, sink).map_err(|e| {
            IngestError::Truncated(format!("the page tree lists no pages; pdf_oxide: {e}"))
        });
    }
    // The fallback's page i is lopdf's page i only when both count the same pages.
    let mut fallback_agrees: Option<bool> = None;
    let mut out = PageSink::new(sink, page_nums.len(), job.max_text_bytes);
    for (index, &page_num) in page_nums.iter().enumerate().skip(job.from) {
        let primary = if job.skip_primary == Some(index) {
            Err("pdf-extract crashed a worker on this page".to_string())
        } else {
            pdf_extract_page(&doc, page_num)
        };
        let (engine, result) = match primary {
            Ok(text) if !is_blank(&text) => (Engine::PdfExtract, Ok(text)),
            primary => {
                let usable = *fallback_agrees
                    .get_or_insert_with(|| fallback.page_count() == Ok(page_nums.len()));
                with_fallback(primary, index, usable.then_some(&mut fallback))
            }
        };
        out.page(index, engine, result)?;
    }
    Ok(page_nums.len())
}

/// The whole document through the fallback engine: its page count, or why it
/// could not read the document at all.
fn extract_with_fallback(
    job: &Job,
    fallback: &mut Fallback,
    sink: &mut Sink,
) -> Result<usize, String> {
    let pages = fallback.page_count()?;
    if pages == 0 {
        return Err("no pages found".into());
    }
    let mut out = PageSink::new(sink, pages, job.max_text_bytes);
    for index in job.from..pages {
        let result = fallback.page_text(index);
        out.page(index, Engine::PdfOxide, result)
            .map_err(|e| error_message(&e).to_string())?;
    }
    Ok(pages)
}

/// Sends the page count, then pages, keeping the running text total.
struct PageSink<'s> {
    sink: &'s mut Sink,
    total: u64,
    max_text_bytes: u64,
}

impl<'s> PageSink<'s> {
    fn new(sink: &'s mut Sink, pages: usize, max_text_bytes: u64) -> Self {
        sink.send(&[Frame::Pages(pages)]);
        PageSink {
            sink,
            total: 0,
            max_text_bytes,
        }
    }

    fn page(
        &mut self,
        index: usize,
        engine: Engine,
        result: Result<String, String>,
    ) -> Result<(), IngestError> {
        match result {
            Ok(text) => {
                let engine = engine.name();
                self.total += text.len() as u64;
                if self.total > self.max_text_bytes {
                    return Err(IngestError::TooLarge(format!(
                        "text over the limit of {} bytes by page {}",
                        self.max_text_bytes,
                        index + 1
                    )));
                }
                self.sink.send(&[Frame::Page {
                    index,
                    engine,
                    text: &text,
                }]);
            }
            Err(message) => {
                let message = cut(&message, MAX_MESSAGE_BYTES);
                self.sink.send(&[
                    Frame::Page {
                        index,
                        engine: FAILED_PAGE_ENGINE,
                        text: "",
                    },
                    Frame::PageError { index, message },
                ]);
            }
        }
        self.sink.flush();
        Ok(())
    }
}

/// lopdf's reason for refusing a file. The supervisor has already read the
/// whole file, so an I/O error here comes from decoding a damaged stream (a
/// bad PNG predictor, a cut Flate stream) and counts as broken structure,
/// which the fallback engine then gets to try.
fn load_error(e: pdf_extract::Error) -> IngestError {
    match e {
        pdf_extract::Error::IO(io) => IngestError::Truncated(format!("lopdf: {io}")),
        pdf_extract::Error::InvalidPassword | pdf_extract::Error::Decryption(_) => {
            IngestError::Encrypted(format!("a password is needed ({e})"))
        }
        other => IngestError::Truncated(format!("lopdf: {other}")),
    }
}

/// Runs `f`; a panic becomes `Err` with its message and location.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    LAST_PANIC.with(|p| p.borrow_mut().take());
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let recorded = LAST_PANIC.with(|p| p.borrow_mut().take());
        let message = recorded.unwrap_or_else(|| payload_text(payload.as_ref()).to_string());
        format!("panic: {message}")
    })
}

thread_local! {
    /// The last panic's message and location, left by the silent hook.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The worker's panic hook: silent, it only remembers the message for `guarded`.
fn record_panic(payload: &(dyn std::any::Any + Send), location: Option<&std::panic::Location<'_>>) {
    let mut message = payload_text(payload).to_string();
    if let Some(at) = location {
        message = format!(
            "{message} (at {}:{})",
            short_source_path(at.file()),
            at.line()
        );
    }
    LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
}

/// `.../registry/src/index.crates.io-xxxx/pdf-extract-0.12.1/src/lib.rs` ->
/// `pdf-extract-0.12.1/src/lib.rs`: the crate and file are what matter.
fn short_source_path(file: &str) -> &str {
    match file.find("/registry/src/") {
        Some(at) => {
            let rest = &file[at + "/registry/src/".len()..];
            rest.split_once('/').map_or(rest, |(_, path)| path)
        }
        None => file,
    }
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "unknown panic"
    }
}

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A private copy of stdout for the protocol; fd 1 is pointed at stderr.
fn take_stdout() -> std::io::Result<File> {
    use std::os::unix::io::FromRawFd;
    std::io::stdout().flush()?;
    // SAFETY: dup and dup2 on the process's own standard descriptors; the new
    // descriptor is owned by the returned File alone.
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if libc::dup2(2, 1) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(File::from_raw_fd(fd))
    }
}

/// Buffered frame writer that starts with the protocol header and keeps the
/// first write error, so extraction needs no error plumbing for a parent that
/// went away.
struct Sink {
    out: std::io::BufWriter<File>,
    buf: Vec<u8>,
    error: Option<std::io::Error>,
}

impl Sink {
    fn new(out: File) -> Self {
        let mut sink = Sink {
            out: std::io::BufWriter::with_capacity(64 << 10, out),
            buf: Vec::new(),
            error: None,
        };
        sink.write(PROTOCOL_HEADER.to_vec());
        sink
    }

    fn send(&mut self, frames: &[Frame]) {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        for f in frames {
            f.encode(&mut buf);
        }
        self.write(buf);
    }

    fn write(&mut self, bytes: Vec<u8>) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(&bytes) {
                self.error = Some(e);
            }
        }
        self.buf = bytes;
    }

    fn flush(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.out.flush() {
                self.error = Some(e);
            }
        }
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.flush();
        match self.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn worker_arguments_give_path_and_text_limit() {
        let parsed = parse_args(args(&[
            "licscan",
            WORKER_ARG,
            "--max-text-bytes",
            "1000",
            "--",
            "a b.pdf",
        ]));
        assert_eq!(
            parsed,
            Some(Job {
                path: PathBuf::from("a b.pdf"),
                max_text_bytes: 1000,
                from: 0,
                skip_primary: None,
                fallback_only: false,
            })
        );
    }

    #[test]
    fn restart_arguments_give_first_page_and_engine_choice() {
        let parsed = parse_args(args(&[
            "licscan",
            WORKER_ARG,
            "--max-text-bytes",
            "9",
            "--from",
            "4",
            "--skip-primary",
            "4",
            "--",
            "x.pdf",
        ]))
        .unwrap();
        assert_eq!((parsed.from, parsed.skip_primary), (4, Some(4)));
        let parsed = parse_args(args(&[
            "licscan",
            WORKER_ARG,
            "--fallback-only",
            "--max-text-bytes",
            "9",
            "--",
            "x.pdf",
        ]))
        .unwrap();
        assert!(parsed.fallback_only);
    }

    #[test]
    fn malformed_worker_arguments_are_refused() {
        assert_eq!(parse_args(args(&["licscan", WORKER_ARG, "x.pdf"])), None);
        for bad in [
            &["--max-text-bytes", "lots"][..],
            &["--from", "3"],
            &["--max-text-bytes", "9", "--from"],
            &["--max-text-bytes", "9", "--skip-primary", "-1"],
            &["--max-text-bytes", "9", "--fast"],
        ] {
            let mut list = vec!["licscan", WORKER_ARG];
            list.extend_from_slice(bad);
            list.extend_from_slice(&["--", "x.pdf"]);
            assert_eq!(parse_args(args(&list)), None, "{bad:?}");
        }
        assert_eq!(parse_args(args(&["licscan", "scan"])), None);
    }

    #[test]
    fn lopdf_io_errors_are_broken_structure_so_the_fallback_runs() {
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, "invalid PNG filter type");
        let e = load_error(pdf_extract::Error::IO(io));
        assert_eq!(e.kind(), "truncated");
        assert!(error_message(&e).contains("PNG filter"), "{e}");
    }

    #[test]
    fn panics_become_errors_with_their_message() {
        let e = guarded(|| panic!("bad font {}", 7)).unwrap_err();
        assert!(e.starts_with("panic: bad font 7"), "{e}");
        assert_eq!(guarded(|| 5), Ok(5));
    }

    #[test]
    fn panic_locations_in_dependencies_name_crate_and_file() {
        let file = "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pdf-extract-0.12.1/src/lib.rs";
        assert_eq!(short_source_path(file), "pdf-extract-0.12.1/src/lib.rs");
        assert_eq!(short_source_path("src/ingest/pdf.rs"), "src/ingest/pdf.rs");
    }

    #[test]
    fn long_messages_are_cut_on_a_char_boundary() {
        assert_eq!(cut("abcdé", 5), "abcd");
        assert_eq!(cut("abc", 5), "abc");
    }

    #[test]
    fn every_engine_has_a_distinct_name() {
        let mut names: Vec<&str> = ENGINES.iter().map(|e| e.name()).collect();
        names.dedup();
        assert_eq!(names.len(), ENGINES.len());
        assert!(names.iter().all(|n| !n.is_empty() && !n.contains(' ')));
    }
}
