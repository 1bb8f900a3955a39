//! The PDF worker: the child process that runs the extraction engines. It loads
//! one document, extracts each page on its own under `catch_unwind` (a panic
//! costs that page, not the document) and streams the frames the supervisor in
//! `pdf.rs` decodes. It trusts nothing it reads but does not limit itself: CPU
//! time, memory and crashes are the supervisor's business.

use super::{error_message, Frame, IngestError, PROTOCOL_HEADER, WORKER_ARG};
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

/// A text extractor for single pages. Engines are tried in order and the first
/// that succeeds gives the page's text, so a fallback engine is one more variant.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Engine {
    PdfExtract,
}

const ENGINES: &[Engine] = &[Engine::PdfExtract];

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::PdfExtract => "pdf-extract",
        }
    }

    fn page_text(self, doc: &Document, page_num: u32) -> Result<String, String> {
        match self {
            Engine::PdfExtract => {
                let run = guarded(|| {
                    let mut text = String::new();
                    let mut output = pdf_extract::PlainTextOutput::new(&mut text);
                    pdf_extract::output_doc_page(doc, &mut output, page_num).map(|()| text)
                });
                run?.map_err(|e| e.to_string())
            }
        }
    }
}

/// The text of one page from the first engine that manages, else the first
/// engine's error.
fn extract_page(doc: &Document, page_num: u32) -> (Engine, Result<String, String>) {
    let mut first_error = None;
    for &engine in ENGINES {
        match engine.page_text(doc, page_num) {
            Ok(text) => return (engine, Ok(text)),
            Err(e) => {
                first_error.get_or_insert((engine, e));
            }
        }
    }
    let (engine, error) =
        first_error.unwrap_or((Engine::PdfExtract, "no extraction engine".into()));
    (engine, Err(error))
}

/// Entry point of the hidden `__pdf-worker` subcommand (runs in the child).
/// Usage: `licscan __pdf-worker --max-text-bytes N -- FILE`.
pub fn worker_main() -> i32 {
    let Some((path, max_text_bytes)) = parse_args(std::env::args_os().collect()) else {
        eprintln!("usage: licscan {WORKER_ARG} --max-text-bytes N -- FILE (internal; started by licscan itself)");
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
    let code = match extract(&path, max_text_bytes, &mut sink) {
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

/// `[.., __pdf-worker, --max-text-bytes, N, --, FILE]`.
fn parse_args(args: Vec<OsString>) -> Option<(PathBuf, u64)> {
    let start = args.iter().position(|a| a == WORKER_ARG)?;
    match &args[start + 1..] {
        [flag, n, dashes, path] if flag == "--max-text-bytes" && dashes == "--" => {
            Some((PathBuf::from(path), n.to_str()?.parse().ok()?))
        }
        _ => None,
    }
}

/// Extracts every page into `sink`; the number of pages sent, or why the
/// document as a whole failed.
fn extract(path: &Path, max_text_bytes: u64, sink: &mut Sink) -> Result<usize, IngestError> {
    let mut doc = match guarded(|| Document::load(path)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(load_error(e)),
        Err(panic) => return Err(IngestError::EngineCrash(format!("lopdf, loading: {panic}"))),
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
        return Err(IngestError::Truncated(
            "the page tree lists no pages".into(),
        ));
    }
    sink.send(&[Frame::Pages(page_nums.len())]);
    let mut total = 0u64;
    for (index, &page_num) in page_nums.iter().enumerate() {
        let (engine, result) = extract_page(&doc, page_num);
        let engine = engine.name();
        match result {
            Ok(text) => {
                total += text.len() as u64;
                if total > max_text_bytes {
                    return Err(IngestError::TooLarge(format!(
                        "text over the limit of {max_text_bytes} bytes by page {}",
                        index + 1
                    )));
                }
                sink.send(&[Frame::Page {
                    index,
                    engine,
                    text: &text,
                }]);
            }
            Err(message) => {
                let message = cut(&message, MAX_MESSAGE_BYTES);
                sink.send(&[
                    Frame::Page {
                        index,
                        engine,
                        text: "",
                    },
                    Frame::PageError { index, message },
                ]);
            }
        }
        sink.flush();
    }
    Ok(page_nums.len())
}

fn load_error(e: pdf_extract::Error) -> IngestError {
    match e {
        pdf_extract::Error::IO(io) => IngestError::Unreadable(io.to_string()),
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
        assert_eq!(parsed, Some((PathBuf::from("a b.pdf"), 1000)));
    }

    #[test]
    fn malformed_worker_arguments_are_refused() {
        assert_eq!(parse_args(args(&["licscan", WORKER_ARG, "x.pdf"])), None);
        assert_eq!(
            parse_args(args(&[
                "licscan",
                WORKER_ARG,
                "--max-text-bytes",
                "lots",
                "--",
                "x.pdf"
            ])),
            None
        );
        assert_eq!(parse_args(args(&["licscan", "scan"])), None);
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
