//! PDF ingestion: one string of text per page, extracted in a supervised worker
//! process. pdf-extract panics, overflows its stack or allocates gigabytes on some
//! damaged files, so the main process never runs it: it sniffs the file, starts
//! `licscan __pdf-worker` under CPU, memory and wall-clock limits, reads the
//! worker's framed output and turns every way a worker can end into a `PdfText`
//! or one `IngestError`. A failing page costs that page; a crashing or runaway
//! worker costs its document, never the run. Joining pages and computing offsets
//! are left to `ingest`.

mod worker;

pub use worker::worker_main;

use super::error::IngestError;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The hidden subcommand that runs [`worker_main`]; `main` must dispatch on it
/// before parsing arguments.
pub const WORKER_ARG: &str = "__pdf-worker";

/// A document needs at least this many non-whitespace characters per page on
/// average to count as having a text layer.
pub const MIN_CHARS_PER_PAGE: usize = 200;

/// Page estimates above this are capped, so a file stuffed with `/Type /Page`
/// cannot buy itself hours of CPU.
const MAX_ESTIMATED_PAGES: u64 = 2000;

/// Output the supervisor reads beyond `max_text_bytes` (frame headers and page
/// error messages) before it stops the worker.
const OUTPUT_OVERHEAD_BYTES: u64 = 16 << 20;

/// How much of the start and of the end of the worker's stderr is kept for
/// error messages.
const STDERR_KEEP_BYTES: usize = 1024;

/// Limits applied to one PDF extraction.
#[derive(Debug, Clone)]
pub struct PdfLimits {
    /// CPU seconds allowed per page (scaled by page count), plus `cpu_base_secs`.
    pub cpu_secs_per_page: f64,
    pub cpu_base_secs: f64,
    /// Address-space limit of the worker process, in bytes.
    pub memory_bytes: u64,
    /// Largest extracted text accepted, in bytes.
    pub max_text_bytes: u64,
    /// The wall-clock limit is twice the CPU budget plus this many seconds, so a
    /// worker stuck on I/O or a lock is stopped too.
    pub wall_grace_secs: f64,
}

impl Default for PdfLimits {
    fn default() -> Self {
        PdfLimits {
            // pdf-extract averages ~5 ms a page; the slowest filings seen need
            // 0.07-0.19 s a page, so 1 s a page leaves a 5x margin on the worst.
            cpu_secs_per_page: 1.0,
            // Loading parses every object before the first page; 30 s is also
            // a floor for short documents whose pages are unusually heavy.
            cpu_base_secs: 30.0,
            // The hungriest real filing seen peaked at 265 MB of address space;
            // a compression bomb reached 3 GB before this limit existed.
            memory_bytes: 2 << 30,
            max_text_bytes: 64 << 20,
            wall_grace_secs: 5.0,
        }
    }
}

impl PdfLimits {
    /// Whole CPU seconds allowed for a document of about `estimated_pages` pages.
    pub fn cpu_budget_secs(&self, estimated_pages: u64) -> u64 {
        let pages = estimated_pages.min(MAX_ESTIMATED_PAGES) as f64;
        let secs = self.cpu_base_secs.max(0.0) + self.cpu_secs_per_page.max(0.0) * pages;
        (secs.ceil() as u64).max(1)
    }

    fn wall_limit(&self, cpu_budget_secs: u64) -> Duration {
        let secs = 2.0 * cpu_budget_secs as f64 + self.wall_grace_secs.max(0.0);
        Duration::from_secs_f64(secs.min(u32::MAX as f64))
    }
}

/// Text of a PDF, one string per page, and the engine that produced each page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfText {
    pub pages: Vec<String>,
    /// Engine name per page, same length as `pages`: "pdf-extract", the
    /// fallback "pdf_oxide", or "none" for a page that crashed every engine.
    pub page_engines: Vec<String>,
    /// Pages that failed (0-based), with the reason (the page's text is then empty).
    pub page_errors: Vec<(usize, String)>,
    /// CPU seconds the worker used (user + system).
    pub cpu_secs: f64,
    /// Peak resident memory of the worker, in bytes.
    pub peak_rss_bytes: u64,
    /// What the reader should know about how the text was obtained (a worker
    /// that crashed and was restarted).
    pub notes: Vec<String>,
}

/// Extracts a PDF's text in an isolated worker process: this executable,
/// started with [`WORKER_ARG`].
pub fn extract_pdf(path: &Path, limits: &PdfLimits) -> Result<PdfText, IngestError> {
    let exe = std::env::current_exe().map_err(|e| {
        IngestError::EngineCrash(format!(
            "cannot locate the executable to start a PDF worker: {e}"
        ))
    })?;
    extract_pdf_with_worker(path, limits, &exe)
}

/// Like [`extract_pdf`], with the worker program given: any executable whose
/// main calls [`worker_main`] when its first argument is [`WORKER_ARG`]
/// (integration tests pass the built `licscan` binary).
pub fn extract_pdf_with_worker(
    path: &Path,
    limits: &PdfLimits,
    worker: &Path,
) -> Result<PdfText, IngestError> {
    let budget = limits.cpu_budget_secs(scan_file(path)?);
    let mut text = PdfText::default();
    let mut start = Start::default();
    let mut cpu_used = 0.0;
    let mut declared = None;
    for attempt in 0..=MAX_RESTARTS {
        // Restarts share the document's CPU budget.
        let remaining = (budget as f64 - cpu_used).ceil().max(1.0) as u64;
        let run = run_worker(worker, path, limits, remaining, start)?;
        cpu_used += run.cpu_secs;
        text.cpu_secs += run.cpu_secs;
        text.peak_rss_bytes = text.peak_rss_bytes.max(run.peak_rss_bytes);
        let crash = match outcome(&run, limits, remaining, start.from) {
            Ok(WorkerReport::Done(part)) => {
                text.append(part);
                return check_text_layer(text);
            }
            Ok(WorkerReport::Failed(err)) => return Err(err),
            Err(err @ IngestError::EngineCrash(_)) if attempt < MAX_RESTARTS => err,
            Err(err) => return Err(err),
        };
        start = match (decode_partial(&run.stdout, start.from), start.fallback_only) {
            // Died while loading: pdf-extract's parser, so try the fallback alone.
            (None, false) if start.from == 0 => {
                text.notes.push(format!(
                    "pdf-extract crashed loading the document, read with the fallback engine ({})",
                    error_message(&crash)
                ));
                Start {
                    fallback_only: true,
                    ..Start::default()
                }
            }
            (Some((pages, part)), fallback_only) => {
                declared = Some(pages);
                let stopped_at = start.from + part.pages.len();
                text.append(part);
                if stopped_at >= pages {
                    return Err(crash);
                }
                if fallback_only || start.skip_primary == Some(stopped_at) {
                    // Both engines have now failed on this page: record it as
                    // failed and go on after it.
                    text.pages.push(String::new());
                    text.page_engines.push(FAILED_PAGE_ENGINE.into());
                    text.page_errors.push((
                        stopped_at,
                        format!("crashed every engine: {}", error_message(&crash)),
                    ));
                    Start {
                        from: stopped_at + 1,
                        skip_primary: None,
                        fallback_only,
                    }
                } else {
                    text.notes.push(format!(
                        "page {}: pdf-extract crashed the worker, the page was read with the fallback engine ({})",
                        stopped_at + 1,
                        error_message(&crash)
                    ));
                    Start {
                        from: stopped_at,
                        skip_primary: Some(stopped_at),
                        fallback_only: false,
                    }
                }
            }
            _ => return Err(crash),
        };
        if declared.is_some_and(|n| start.from >= n) {
            // The page that crashed every engine was the last one.
            return check_text_layer(text);
        }
    }
    unreachable!("the last attempt returns")
}

/// Restarts after a worker crash: each goes on from the page that crashed
/// (pdf-extract is stopped by an abort or stack overflow it cannot recover
/// from); the budget for the whole document is shared.
const MAX_RESTARTS: usize = 3;

/// The engine name recorded for a page no engine could read (its text is
/// empty and a page error says why).
const FAILED_PAGE_ENGINE: &str = "none";

/// Where a worker starts, after crashes of its predecessors.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Start {
    /// First page to extract (0-based).
    from: usize,
    /// The page pdf-extract crashed on, which only the fallback engine reads.
    skip_primary: Option<usize>,
    /// pdf-extract crashed loading the document: the fallback engine reads it all.
    fallback_only: bool,
}

impl Start {
    fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        if self.from > 0 {
            args.extend(["--from".to_string(), self.from.to_string()]);
        }
        if let Some(page) = self.skip_primary {
            args.extend(["--skip-primary".to_string(), page.to_string()]);
        }
        if self.fallback_only {
            args.push("--fallback-only".to_string());
        }
        args
    }
}

impl PdfText {
    fn append(&mut self, part: PdfText) {
        self.pages.extend(part.pages);
        self.page_engines.extend(part.page_engines);
        self.page_errors.extend(part.page_errors);
        self.notes.extend(part.notes);
    }
}

// ---------------------------------------------------------------------------
// Checks in the parent: is it a PDF, and how many pages does it claim?

/// Checks that the file is a PDF and estimates its pages, reading it once in
/// chunks (files can be hundreds of megabytes).
fn scan_file(path: &Path) -> Result<u64, IngestError> {
    let unreadable = |e: std::io::Error| IngestError::Unreadable(e.to_string());
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(IngestError::Unreadable("is a directory".into()));
    }
    let mut head = Vec::with_capacity(1024);
    (&mut file)
        .take(1024)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    sniff_pdf(&head)?;
    let mut counter = PageCounter::default();
    counter.feed(&head);
    let mut total = head.len() as u64;
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(unreadable(e)),
        };
        counter.feed(&buf[..n]);
        total += n as u64;
    }
    Ok(estimate_pages(counter.finish(), total))
}

/// `Ok` when `%PDF-` occurs in the first 1024 bytes (as PDF readers accept);
/// otherwise `NotAPdf`, naming what the file looks like when that is clear.
fn sniff_pdf(bytes: &[u8]) -> Result<(), IngestError> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(());
    }
    let what = if head.is_empty() {
        "the file is empty".to_string()
    } else if head.starts_with(b"PK\x03\x04") {
        "it is a ZIP archive (a .docx, .xlsx or .zip renamed?)".to_string()
    } else if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        "it is an OLE compound file (a legacy Word .doc renamed?)".to_string()
    } else if head.starts_with(b"{\\rtf") {
        "it is an RTF document".to_string()
    } else {
        let lower: Vec<u8> = head.iter().take(256).map(u8::to_ascii_lowercase).collect();
        if lower.windows(5).any(|w| w == b"<html") || lower.windows(9).any(|w| w == b"<!doctype") {
            "it is an HTML page".to_string()
        } else {
            "no %PDF- header in the first 1024 bytes".to_string()
        }
    };
    Err(IngestError::NotAPdf(what))
}

/// Counts `/Type /Page` (not `/Pages`) across chunks: the page objects a file
/// declares outside compressed object streams.
#[derive(Debug, Default)]
struct PageCounter {
    state: CounterState,
    count: u64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CounterState {
    /// Matched this many bytes of "/Type" (0: looking for its slash).
    Type(usize),
    /// After "/Type", where whitespace may come before "/Page".
    Space,
    /// Matched this many bytes of "/Page" (at least its slash).
    Page(usize),
    /// After "/Page": a delimiter next makes a page object, a letter "/Pages".
    End,
}

impl Default for CounterState {
    fn default() -> Self {
        CounterState::Type(0)
    }
}

impl PageCounter {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.step(b);
        }
    }

    fn step(&mut self, b: u8) {
        use CounterState::{End, Page, Space, Type};
        const TYPE: &[u8] = b"/Type";
        const PAGE: &[u8] = b"/Page";
        let restart = if b == b'/' { Type(1) } else { Type(0) };
        self.state = match self.state {
            Type(k) if b == TYPE[k] => {
                if k + 1 == TYPE.len() {
                    Space
                } else {
                    Type(k + 1)
                }
            }
            Space if is_pdf_whitespace(b) => Space,
            Space if b == b'/' => Page(1),
            Page(k) if b == PAGE[k] => {
                if k + 1 == PAGE.len() {
                    End
                } else {
                    Page(k + 1)
                }
            }
            End if !is_pdf_regular(b) => {
                self.count += 1;
                restart
            }
            _ => restart,
        };
    }

    fn finish(self) -> u64 {
        self.count + u64::from(self.state == CounterState::End)
    }
}

fn is_pdf_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_pdf_regular(b: u8) -> bool {
    !is_pdf_whitespace(b) && !b"()<>[]{}/%".contains(&b)
}

/// Pages to budget for. When page objects are hidden in compressed object
/// streams the count is 0, so the file size stands in (about one page per
/// 20 KB, more than real filings use, so the budget errs on the generous side).
fn estimate_pages(declared_pages: u64, file_bytes: u64) -> u64 {
    let by_size = file_bytes / (20 << 10);
    let pages = if declared_pages == 0 {
        by_size
    } else {
        declared_pages
    };
    pages.clamp(1, MAX_ESTIMATED_PAGES)
}

// ---------------------------------------------------------------------------
// The worker's output protocol.
//
// The worker writes a header line, then frames, each a line of ASCII fields and,
// for frames with a payload, exactly `len` bytes after the newline:
//
//   LICSCAN-PDF-WORKER 1\n
//   N <pages>\n                                page count, once, after loading
//   P <index> <engine> <len>\n<text>           page text, indexes 0.. in order
//   E <index> <len>\n<message>                 the page just sent failed
//   F <kind> <len>\n<message>                  the document failed (last frame)
//   D <pages>\n                                all pages sent (last frame)
//
// Lengths make any text safe to carry, and a result counts only when it ends in
// `F` or in a `D` that agrees with `N` and the pages sent: output cut short by
// a crash can never pass as a complete document.

const PROTOCOL_HEADER: &[u8] = b"LICSCAN-PDF-WORKER 1\n";

/// A frame of the worker's output.
#[derive(Debug, Clone, PartialEq)]
enum Frame<'a> {
    Pages(usize),
    Page {
        index: usize,
        engine: &'a str,
        text: &'a str,
    },
    PageError {
        index: usize,
        message: &'a str,
    },
    /// Something the record should mention (the fallback engine took over).
    Note(&'a str),
    Fatal {
        kind: &'a str,
        message: &'a str,
    },
    Done(usize),
}

impl Frame<'_> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Frame::Pages(n) => out.extend_from_slice(format!("N {n}\n").as_bytes()),
            Frame::Page {
                index,
                engine,
                text,
            } => {
                out.extend_from_slice(format!("P {index} {engine} {}\n", text.len()).as_bytes());
                out.extend_from_slice(text.as_bytes());
            }
            Frame::PageError { index, message } => {
                out.extend_from_slice(format!("E {index} {}\n", message.len()).as_bytes());
                out.extend_from_slice(message.as_bytes());
            }
            Frame::Note(message) => {
                out.extend_from_slice(format!("W {}\n", message.len()).as_bytes());
                out.extend_from_slice(message.as_bytes());
            }
            Frame::Fatal { kind, message } => {
                out.extend_from_slice(format!("F {kind} {}\n", message.len()).as_bytes());
                out.extend_from_slice(message.as_bytes());
            }
            Frame::Done(n) => out.extend_from_slice(format!("D {n}\n").as_bytes()),
        }
    }
}

/// What a complete worker output says.
#[derive(Debug, Clone, PartialEq)]
enum WorkerReport {
    Done(PdfText),
    Failed(IngestError),
}

/// Decodes a whole worker output whose pages start at `first` (a restarted
/// worker goes on where the last one stopped); anything but a complete,
/// consistent stream is an error describing where it broke off.
fn decode_output(bytes: &[u8], first: usize) -> Result<WorkerReport, String> {
    let mut decoder = Decoder::new(first);
    let rest = decoder.header(bytes)?;
    decoder.frames(rest)?.ok_or_else(|| {
        format!(
            "output ends after {} pages without a final frame",
            decoder.text.pages.len()
        )
    })
}

/// What a worker that died part-way had finished: the page count it declared
/// and the complete pages it sent, or None if it sent no page count (it died
/// while loading the document). A trailing page without text is left out,
/// since its error frame may be what was cut off.
fn decode_partial(bytes: &[u8], first: usize) -> Option<(usize, PdfText)> {
    let mut decoder = Decoder::new(first);
    let rest = decoder.header(bytes).ok()?;
    // The error that stopped decoding is the crash itself: keep what came before.
    let _ = decoder.frames(rest);
    let declared = decoder.declared?;
    let text = &mut decoder.text;
    let last_blank = text.pages.last().is_some_and(|p| p.is_empty());
    let last_index = first + text.pages.len();
    let error_follows = text
        .page_errors
        .last()
        .is_some_and(|(i, _)| *i + 1 == last_index);
    if last_blank && !error_follows {
        text.pages.pop();
        text.page_engines.pop();
    }
    Some((declared, decoder.text))
}

/// Frame-by-frame reader of one worker's output.
struct Decoder {
    first: usize,
    declared: Option<usize>,
    text: PdfText,
}

impl Decoder {
    fn new(first: usize) -> Self {
        Decoder {
            first,
            declared: None,
            text: PdfText::default(),
        }
    }

    fn header<'b>(&self, bytes: &'b [u8]) -> Result<&'b [u8], String> {
        if bytes.is_empty() {
            return Err("no output".into());
        }
        bytes
            .strip_prefix(PROTOCOL_HEADER)
            .ok_or_else(|| "output does not start with the protocol header".into())
    }

    /// Applies frames until the final one (its report) or the end of the
    /// bytes (None); an inconsistent frame is an error.
    fn frames(&mut self, mut bytes: &[u8]) -> Result<Option<WorkerReport>, String> {
        let text = &mut self.text;
        while !bytes.is_empty() {
            let (frame, rest) = next_frame(bytes)?;
            bytes = rest;
            let more = !bytes.is_empty();
            let next_index = self.first + text.pages.len();
            match frame {
                Frame::Pages(n) => {
                    if self.declared.is_some() || !text.pages.is_empty() || n < self.first {
                        return Err("page count sent twice, after pages or too small".into());
                    }
                    self.declared = Some(n);
                }
                Frame::Page {
                    index,
                    engine,
                    text: page,
                } => {
                    let expected = self.declared.ok_or("page sent before the page count")?;
                    if index != next_index || index >= expected {
                        return Err(format!("page {index} out of order"));
                    }
                    text.pages.push(page.to_string());
                    text.page_engines.push(engine.to_string());
                }
                Frame::PageError { index, message } => {
                    if text.pages.is_empty()
                        || index + 1 != next_index
                        || text.page_errors.last().is_some_and(|(i, _)| *i == index)
                    {
                        return Err(format!("error for page {index} does not follow that page"));
                    }
                    text.page_errors.push((index, message.to_string()));
                }
                Frame::Note(message) => text.notes.push(message.to_string()),
                Frame::Fatal { kind, message } => {
                    if more {
                        return Err("data after the final frame".into());
                    }
                    let err = error_from_kind(kind, message.to_string())
                        .ok_or(format!("unknown error kind {kind:?}"))?;
                    return Ok(Some(WorkerReport::Failed(err)));
                }
                Frame::Done(n) => {
                    if more {
                        return Err("data after the final frame".into());
                    }
                    if self.declared != Some(n) || next_index != n {
                        return Err(format!(
                            "done after {} of {:?} pages but claims {n}",
                            next_index, self.declared
                        ));
                    }
                    return Ok(Some(WorkerReport::Done(std::mem::take(text))));
                }
            }
        }
        Ok(None)
    }
}

/// Splits one frame off the front of `bytes`.
fn next_frame(bytes: &[u8]) -> Result<(Frame<'_>, &[u8]), String> {
    let nl = bytes
        .iter()
        .take(256)
        .position(|&b| b == b'\n')
        .ok_or("frame header cut off or too long")?;
    let line = std::str::from_utf8(&bytes[..nl]).map_err(|_| "frame header is not text")?;
    let rest = &bytes[nl + 1..];
    let fields: Vec<&str> = line.split(' ').collect();
    let number = |s: &str| {
        s.parse::<usize>()
            .map_err(|_| format!("bad number {s:?} in frame {line:?}"))
    };
    let payload = |len: &str| -> Result<(&str, &[u8]), String> {
        let len = number(len)?;
        if rest.len() < len {
            return Err(format!(
                "frame {line:?} cut off after {} of {len} bytes",
                rest.len()
            ));
        }
        let text = std::str::from_utf8(&rest[..len])
            .map_err(|_| format!("frame {line:?} is not UTF-8"))?;
        Ok((text, &rest[len..]))
    };
    match fields.as_slice() {
        ["N", n] => Ok((Frame::Pages(number(n)?), rest)),
        ["D", n] => Ok((Frame::Done(number(n)?), rest)),
        ["P", index, engine, len] if !engine.is_empty() => {
            let (text, rest) = payload(len)?;
            Ok((
                Frame::Page {
                    index: number(index)?,
                    engine,
                    text,
                },
                rest,
            ))
        }
        ["E", index, len] => {
            let (message, rest) = payload(len)?;
            Ok((
                Frame::PageError {
                    index: number(index)?,
                    message,
                },
                rest,
            ))
        }
        ["W", len] => {
            let (message, rest) = payload(len)?;
            Ok((Frame::Note(message), rest))
        }
        ["F", kind, len] => {
            let (message, rest) = payload(len)?;
            Ok((Frame::Fatal { kind, message }, rest))
        }
        _ => Err(format!("unknown frame {line:?}")),
    }
}

/// The inverse of `IngestError::kind`.
fn error_from_kind(kind: &str, message: String) -> Option<IngestError> {
    Some(match kind {
        "unreadable" => IngestError::Unreadable(message),
        "encrypted" => IngestError::Encrypted(message),
        "no_text_layer" => IngestError::NoTextLayer(message),
        "not_a_pdf" => IngestError::NotAPdf(message),
        "truncated" => IngestError::Truncated(message),
        "timeout" => IngestError::Timeout(message),
        "too_large" => IngestError::TooLarge(message),
        "engine_crash" => IngestError::EngineCrash(message),
        "undecodable" => IngestError::Undecodable(message),
        _ => return None,
    })
}

/// The message an error carries, without its kind's wording (which the
/// supervisor adds back through `error_from_kind`).
fn error_message(e: &IngestError) -> &str {
    match e {
        IngestError::Unreadable(m)
        | IngestError::Encrypted(m)
        | IngestError::NoTextLayer(m)
        | IngestError::NotAPdf(m)
        | IngestError::Truncated(m)
        | IngestError::Timeout(m)
        | IngestError::TooLarge(m)
        | IngestError::EngineCrash(m)
        | IngestError::Undecodable(m) => m,
    }
}

// ---------------------------------------------------------------------------
// Running the worker.

/// Everything observed about one finished worker.
#[derive(Debug, Clone, Default)]
struct WorkerRun {
    /// Exit code, when the worker exited.
    code: Option<i32>,
    /// Terminating signal, when it was killed.
    signal: Option<i32>,
    /// The supervisor killed it at the wall-clock limit.
    wall_timeout: bool,
    /// Stdout went over its cap and the worker was killed.
    output_overflow: bool,
    stdout: Vec<u8>,
    /// The start and end of what the worker wrote to stderr.
    stderr: String,
    cpu_secs: f64,
    peak_rss_bytes: u64,
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
type Resource = libc::__rlimit_resource_t;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
type Resource = libc::c_int;

/// A limit no higher than the parent's own hard limit, which the child could
/// not exceed anyway (setrlimit would fail).
fn clamp_limit(resource: Resource, soft: u64, hard: u64) -> libc::rlimit {
    let mut current = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes to the struct passed.
    let ok = unsafe { libc::getrlimit(resource, &mut current) } == 0;
    let cap = if ok {
        current.rlim_max
    } else {
        libc::RLIM_INFINITY
    };
    let clamp = |v: u64| {
        let v = v as libc::rlim_t;
        if cap == libc::RLIM_INFINITY {
            v
        } else {
            v.min(cap)
        }
    };
    libc::rlimit {
        rlim_cur: clamp(soft),
        rlim_max: clamp(hard),
    }
}

fn run_worker(
    worker: &Path,
    path: &Path,
    limits: &PdfLimits,
    cpu_budget: u64,
    start: Start,
) -> Result<WorkerRun, IngestError> {
    use std::os::unix::process::CommandExt;

    let address_space = clamp_limit(libc::RLIMIT_AS, limits.memory_bytes, limits.memory_bytes);
    // SIGXCPU at the budget; SIGKILL two seconds later if that was ignored.
    let cpu = clamp_limit(libc::RLIMIT_CPU, cpu_budget, cpu_budget + 2);
    let core = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };

    let mut cmd = Command::new(worker);
    cmd.arg(WORKER_ARG)
        .arg("--max-text-bytes")
        .arg(limits.max_text_bytes.to_string())
        .args(start.args())
        .arg("--")
        .arg(path)
        // A backtrace would bury the one line that says what went wrong.
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: the closure runs between fork and exec and only calls setrlimit,
    // which is async-signal-safe; the structs were built before the fork.
    unsafe {
        cmd.pre_exec(move || {
            for (resource, limit) in [
                (libc::RLIMIT_AS, &address_space),
                (libc::RLIMIT_CPU, &cpu),
                (libc::RLIMIT_CORE, &core),
            ] {
                if libc::setrlimit(resource, limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    let started = Instant::now();
    let mut child = cmd.spawn().map_err(|e| {
        IngestError::EngineCrash(format!(
            "cannot start the PDF worker {}: {e}",
            worker.display()
        ))
    })?;
    let pid = child.id() as libc::pid_t;
    // From here the pid is reaped with wait4 (for its CPU time and peak
    // memory), so `child` only hands over its pipes.
    let mut guard = Reaper { pid, reaped: false };
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(IngestError::EngineCrash(
            "the PDF worker's pipes were not set up".into(),
        ));
    };
    drop(child);

    let cap = limits.max_text_bytes.saturating_add(OUTPUT_OVERHEAD_BYTES);
    let (tx, rx) = mpsc::channel();
    let out_thread = std::thread::spawn(move || {
        let mut data = Vec::new();
        // A read error leaves the output incomplete, which decoding reports.
        let _ = stdout.take(cap.saturating_add(1)).read_to_end(&mut data);
        let overflow = data.len() as u64 > cap;
        let _ = tx.send(());
        (data, overflow)
    });
    let err_thread = std::thread::spawn(move || read_ends(stderr, STDERR_KEEP_BYTES));

    let deadline = started + limits.wall_limit(cpu_budget);
    let mut run = WorkerRun::default();
    // The worker closes stdout when it exits, so waiting on the reader costs
    // no polling in the usual case.
    let remaining = deadline.saturating_duration_since(Instant::now());
    if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(remaining) {
        run.wall_timeout = true;
        guard.kill();
    }
    let (stdout_bytes, overflow) = out_thread.join().unwrap_or_default();
    if overflow {
        run.output_overflow = true;
        guard.kill();
    }
    // Usually the worker is already exiting when its stdout closes, so poll
    // soon and back off.
    let mut pause = Duration::from_micros(50);
    let (status, usage) = loop {
        match guard.try_wait() {
            Ok(Some(done)) => break done,
            Ok(None) if Instant::now() >= deadline => {
                run.wall_timeout = true;
                guard.kill();
                match guard.wait() {
                    Ok(done) => break done,
                    Err(e) => {
                        return Err(IngestError::EngineCrash(format!(
                            "cannot wait for the PDF worker: {e}"
                        )))
                    }
                }
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(10));
            }
            Err(e) => {
                return Err(IngestError::EngineCrash(format!(
                    "cannot wait for the PDF worker: {e}"
                )))
            }
        }
    };
    run.stdout = stdout_bytes;
    run.stderr = err_thread.join().unwrap_or_default();
    if libc::WIFEXITED(status) {
        run.code = Some(libc::WEXITSTATUS(status));
    } else if libc::WIFSIGNALED(status) {
        run.signal = Some(libc::WTERMSIG(status));
    }
    run.cpu_secs = timeval_secs(usage.ru_utime) + timeval_secs(usage.ru_stime);
    // Linux reports kilobytes, macOS bytes.
    let rss = usage.ru_maxrss.max(0) as u64;
    run.peak_rss_bytes = if cfg!(target_os = "macos") {
        rss
    } else {
        rss * 1024
    };
    Ok(run)
}

fn timeval_secs(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 / 1e6
}

/// The first and last `keep` bytes of a stream, read to its end: the runtime's
/// own message (say, a failed allocation) comes first, the latest detail last.
fn read_ends(mut r: impl Read, keep: usize) -> String {
    let mut head: Vec<u8> = Vec::new();
    let mut tail: Vec<u8> = Vec::new();
    let mut skipped = false;
    let mut buf = [0u8; 4096];
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let mut data = &buf[..n];
        if head.len() < keep {
            let take = data.len().min(keep - head.len());
            head.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        tail.extend_from_slice(data);
        if tail.len() > 2 * keep {
            tail.drain(..tail.len() - keep);
            skipped = true;
        }
    }
    if tail.len() > keep {
        tail.drain(..tail.len() - keep);
        skipped = true;
    }
    let gap = if skipped { "\n[...]\n" } else { "" };
    let text = format!(
        "{}{gap}{}",
        String::from_utf8_lossy(&head),
        String::from_utf8_lossy(&tail)
    );
    // One line, so the message reads well in a record or a terminal.
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("note: run with `RUST_BACKTRACE"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Owns a child pid: kills and reaps it if the supervisor leaves early.
struct Reaper {
    pid: libc::pid_t,
    reaped: bool,
}

impl Reaper {
    fn kill(&mut self) {
        if !self.reaped {
            // SAFETY: the pid is our unreaped child, so it cannot have been reused.
            unsafe { libc::kill(self.pid, libc::SIGKILL) };
        }
    }

    fn wait4(
        &mut self,
        flags: libc::c_int,
    ) -> std::io::Result<Option<(libc::c_int, libc::rusage)>> {
        loop {
            let mut status: libc::c_int = 0;
            // SAFETY: rusage is plain data that wait4 fills in.
            let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
            // SAFETY: status and usage are valid for writes.
            let r = unsafe { libc::wait4(self.pid, &mut status, flags, &mut usage) };
            if r == self.pid {
                self.reaped = true;
                return Ok(Some((status, usage)));
            }
            if r == 0 {
                return Ok(None);
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }

    fn try_wait(&mut self) -> std::io::Result<Option<(libc::c_int, libc::rusage)>> {
        self.wait4(libc::WNOHANG)
    }

    fn wait(&mut self) -> std::io::Result<(libc::c_int, libc::rusage)> {
        loop {
            if let Some(done) = self.wait4(0)? {
                return Ok(done);
            }
        }
    }
}

impl Drop for Reaper {
    fn drop(&mut self) {
        if !self.reaped {
            self.kill();
            let _ = self.wait();
        }
    }
}

// ---------------------------------------------------------------------------
// From what the worker did to a result.

/// The worker's report, or the error its way of ending implies.
fn outcome(
    run: &WorkerRun,
    limits: &PdfLimits,
    cpu_budget: u64,
    first_page: usize,
) -> Result<WorkerReport, IngestError> {
    if run.wall_timeout {
        let secs = limits.wall_limit(cpu_budget).as_secs_f64();
        return Err(IngestError::Timeout(format!(
            "wall-clock limit of {secs:.0} s (CPU used: {:.1} s)",
            run.cpu_secs
        )));
    }
    if run.output_overflow {
        return Err(IngestError::TooLarge(format!(
            "worker output over the text limit of {} bytes",
            limits.max_text_bytes
        )));
    }
    let stderr = if run.stderr.is_empty() {
        String::new()
    } else {
        format!("; worker stderr: {}", run.stderr)
    };
    if let Some(sig) = run.signal {
        return Err(signal_error(sig, run, limits, cpu_budget, &stderr));
    }
    let code = run.code.unwrap_or(-1);
    match decode_output(&run.stdout, first_page) {
        Ok(WorkerReport::Done(text)) if code == 0 => Ok(WorkerReport::Done(text)),
        Ok(WorkerReport::Failed(err)) => Ok(WorkerReport::Failed(err)),
        Ok(WorkerReport::Done(_)) => Err(IngestError::EngineCrash(format!(
            "worker exited with code {code} after a complete result{stderr}"
        ))),
        Err(why) => Err(IngestError::EngineCrash(format!(
            "worker exited with code {code} without a complete result ({why}){stderr}"
        ))),
    }
}

fn signal_error(
    sig: i32,
    run: &WorkerRun,
    limits: &PdfLimits,
    cpu_budget: u64,
    stderr: &str,
) -> IngestError {
    let name = signal_name(sig);
    if sig == libc::SIGXCPU || sig == libc::SIGKILL && run.cpu_secs + 0.5 >= cpu_budget as f64 {
        return IngestError::Timeout(format!("CPU limit of {cpu_budget} s ({name})"));
    }
    if run.stderr.contains("memory allocation of") {
        return IngestError::TooLarge(format!(
            "memory limit of {} MB ({name}){stderr}",
            limits.memory_bytes >> 20
        ));
    }
    if run.stderr.contains("overflowed its stack") {
        return IngestError::EngineCrash(format!("stack overflow ({name}){stderr}"));
    }
    IngestError::EngineCrash(format!("worker killed by {name}{stderr}"))
}

fn signal_name(sig: i32) -> String {
    let name = match sig {
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGINT => "SIGINT",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGXCPU => "SIGXCPU",
        libc::SIGXFSZ => "SIGXFSZ",
        libc::SIGTRAP => "SIGTRAP",
        _ => return format!("signal {sig}"),
    };
    name.to_string()
}

/// Rejects results with nothing to read: every page failed, or so little text
/// came out that the pages are probably scanned images.
fn check_text_layer(text: PdfText) -> Result<PdfText, IngestError> {
    if text.pages.is_empty() {
        return Err(IngestError::Truncated("the document has no pages".into()));
    }
    let failed: std::collections::HashSet<usize> =
        text.page_errors.iter().map(|(i, _)| *i).collect();
    let good_pages = text.pages.len() - failed.len();
    if good_pages == 0 {
        let (index, first) = &text.page_errors[0];
        return Err(IngestError::EngineCrash(format!(
            "all {} pages failed; page {}: {first}",
            text.pages.len(),
            index + 1
        )));
    }
    let chars: usize = text
        .pages
        .iter()
        .enumerate()
        .filter(|(i, _)| !failed.contains(i))
        .map(|(_, page)| page.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if chars < MIN_CHARS_PER_PAGE * good_pages {
        return Err(IngestError::NoTextLayer(format!(
            "{:.0} non-whitespace characters per page on average over {good_pages} pages, under {MIN_CHARS_PER_PAGE}",
            chars as f64 / good_pages as f64
        )));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(frames: &[Frame]) -> Vec<u8> {
        let mut out = PROTOCOL_HEADER.to_vec();
        for f in frames {
            f.encode(&mut out);
        }
        out
    }

    fn two_pages() -> Vec<u8> {
        encode(&[
            Frame::Pages(2),
            Frame::Page {
                index: 0,
                engine: "pdf-extract",
                text: "first\npage",
            },
            Frame::Page {
                index: 1,
                engine: "pdf-extract",
                text: "",
            },
            Frame::PageError {
                index: 1,
                message: "panic: index out of bounds",
            },
            Frame::Done(2),
        ])
    }

    fn counted(bytes: &[u8]) -> u64 {
        let mut c = PageCounter::default();
        c.feed(bytes);
        c.finish()
    }

    #[test]
    fn page_objects_are_counted_but_page_trees_are_not() {
        let pdf =
            b"1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R]>> 2 0 obj <</Type /Page>> 3 0 obj <</Type/Page/Parent 1 0 R>>";
        assert_eq!(counted(pdf), 2);
    }

    #[test]
    fn page_count_survives_chunk_boundaries_and_newlines() {
        let pdf = b"<</Type\r\n/Page\n>><</Type /Page>><</Type /Pages>>";
        let mut c = PageCounter::default();
        for b in pdf.chunks(3) {
            c.feed(b);
        }
        assert_eq!(c.finish(), 2);
    }

    #[test]
    fn page_at_end_of_file_counts() {
        assert_eq!(counted(b"/Type /Page"), 1);
        assert_eq!(counted(b"/Type /PageLabel"), 0);
        assert_eq!(counted(b"//Type /Page "), 1);
    }

    #[test]
    fn hidden_pages_are_estimated_from_size_and_capped() {
        assert_eq!(estimate_pages(12, 5 << 20), 12);
        assert_eq!(estimate_pages(0, 200 << 10), 10);
        assert_eq!(estimate_pages(0, 100), 1);
        assert_eq!(estimate_pages(1_000_000, 100), MAX_ESTIMATED_PAGES);
    }

    #[test]
    fn cpu_budget_is_base_plus_per_page() {
        let limits = PdfLimits::default();
        assert_eq!(limits.cpu_budget_secs(10), 40);
        assert_eq!(limits.cpu_budget_secs(u64::MAX), 30 + MAX_ESTIMATED_PAGES);
        let tiny = PdfLimits {
            cpu_base_secs: 0.0,
            cpu_secs_per_page: 0.0,
            ..PdfLimits::default()
        };
        assert_eq!(tiny.cpu_budget_secs(5), 1);
    }

    #[test]
    fn pdf_header_within_first_kilobyte_is_a_pdf() {
        assert!(sniff_pdf(b"%PDF-1.7\n").is_ok());
        let mut junk = vec![b' '; 1000];
        junk.extend_from_slice(b"%PDF-1.4");
        assert!(sniff_pdf(&junk).is_ok());
    }

    #[test]
    fn docx_renamed_to_pdf_is_not_a_pdf_and_says_zip() {
        let e = sniff_pdf(b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml").unwrap_err();
        assert_eq!(e.kind(), "not_a_pdf");
        assert!(e.to_string().contains("ZIP"), "{e}");
    }

    #[test]
    fn legacy_word_file_is_not_a_pdf_and_says_ole() {
        let e = sniff_pdf(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0").unwrap_err();
        assert!(e.to_string().contains("OLE"), "{e}");
    }

    #[test]
    fn empty_and_header_after_first_kilobyte_are_not_pdfs() {
        assert!(sniff_pdf(b"").unwrap_err().to_string().contains("empty"));
        let mut late = vec![b'x'; 1024];
        late.extend_from_slice(b"%PDF-1.4");
        assert_eq!(sniff_pdf(&late).unwrap_err().kind(), "not_a_pdf");
    }

    #[test]
    fn scan_reports_missing_file_and_directory_as_unreadable() {
        assert_eq!(
            scan_file(Path::new("/nonexistent/licscan.pdf"))
                .unwrap_err()
                .kind(),
            "unreadable"
        );
        assert_eq!(scan_file(Path::new("/")).unwrap_err().kind(), "unreadable");
    }

    #[test]
    fn complete_output_decodes_pages_engines_and_errors() {
        let WorkerReport::Done(text) = decode_output(&two_pages(), 0).unwrap() else {
            panic!("not done")
        };
        assert_eq!(text.pages, vec!["first\npage".to_string(), String::new()]);
        assert_eq!(text.page_engines, vec!["pdf-extract", "pdf-extract"]);
        assert_eq!(
            text.page_errors,
            vec![(1, "panic: index out of bounds".to_string())]
        );
    }

    #[test]
    fn output_cut_anywhere_is_rejected() {
        let full = two_pages();
        for cut in 0..full.len() {
            assert!(
                decode_output(&full[..cut], 0).is_err(),
                "accepted output cut at {cut}"
            );
        }
    }

    #[test]
    fn done_must_agree_with_pages_sent() {
        let out = encode(&[
            Frame::Pages(2),
            Frame::Page {
                index: 0,
                engine: "pdf-extract",
                text: "a",
            },
            Frame::Done(2),
        ]);
        assert!(decode_output(&out, 0).is_err());
        let out = encode(&[
            Frame::Pages(1),
            Frame::Page {
                index: 0,
                engine: "pdf-extract",
                text: "a",
            },
            Frame::Done(1),
        ]);
        assert!(decode_output(&out, 0).is_ok());
    }

    #[test]
    fn bytes_after_the_final_frame_are_rejected() {
        let mut out = two_pages();
        out.extend_from_slice(b"D 2\n");
        assert!(decode_output(&out, 0).is_err());
    }

    #[test]
    fn payload_may_contain_frame_syntax() {
        let tricky = "D 0\nF truncated 3\nabc";
        let out = encode(&[
            Frame::Pages(1),
            Frame::Page {
                index: 0,
                engine: "pdf-extract",
                text: tricky,
            },
            Frame::Done(1),
        ]);
        let WorkerReport::Done(text) = decode_output(&out, 0).unwrap() else {
            panic!("not done")
        };
        assert_eq!(text.pages[0], tricky);
    }

    #[test]
    fn fatal_frame_becomes_that_error() {
        let out = encode(&[Frame::Fatal {
            kind: "encrypted",
            message: "needs a password",
        }]);
        assert_eq!(
            decode_output(&out, 0).unwrap(),
            WorkerReport::Failed(IngestError::Encrypted("needs a password".into()))
        );
    }

    #[test]
    fn every_error_kind_round_trips() {
        for e in [
            IngestError::Unreadable("a".into()),
            IngestError::Encrypted("b".into()),
            IngestError::NoTextLayer("c".into()),
            IngestError::NotAPdf("d".into()),
            IngestError::Truncated("e".into()),
            IngestError::Timeout("f".into()),
            IngestError::TooLarge("g".into()),
            IngestError::EngineCrash("h".into()),
            IngestError::Undecodable("i".into()),
        ] {
            assert_eq!(
                error_from_kind(e.kind(), error_message(&e).to_string()),
                Some(e)
            );
        }
    }

    fn exited(code: i32, stdout: Vec<u8>) -> WorkerRun {
        WorkerRun {
            code: Some(code),
            stdout,
            ..WorkerRun::default()
        }
    }

    fn killed(sig: i32, stderr: &str, cpu_secs: f64) -> WorkerRun {
        WorkerRun {
            signal: Some(sig),
            stderr: stderr.into(),
            cpu_secs,
            ..WorkerRun::default()
        }
    }

    fn kind_of(run: WorkerRun) -> &'static str {
        match outcome(&run, &PdfLimits::default(), 40, 0) {
            Ok(WorkerReport::Done(_)) => "done",
            Ok(WorkerReport::Failed(e)) | Err(e) => e.kind(),
        }
    }

    #[test]
    fn stderr_keeps_its_first_and_last_lines_on_one_line() {
        let mut err = b"memory allocation of 8 bytes failed\n".to_vec();
        err.extend_from_slice(&[b'x'; 10_000]);
        err.extend_from_slice(b"\nlast words\n");
        let kept = read_ends(&err[..], 64);
        assert!(
            kept.starts_with("memory allocation of 8 bytes failed | xxx"),
            "{kept}"
        );
        assert!(
            kept.contains(" | [...] | ") && kept.ends_with("xxx | last words"),
            "{kept}"
        );
        assert_eq!(read_ends(&b"a\n\nb\n"[..], 64), "a | b");
    }

    #[test]
    fn clean_exit_with_complete_output_is_done() {
        assert_eq!(kind_of(exited(0, two_pages())), "done");
    }

    #[test]
    fn clean_exit_with_partial_output_is_an_engine_crash() {
        let out = two_pages();
        assert_eq!(
            kind_of(exited(0, out[..out.len() - 4].to_vec())),
            "engine_crash"
        );
        assert_eq!(kind_of(exited(101, Vec::new())), "engine_crash");
    }

    #[test]
    fn cpu_limit_signals_are_timeouts() {
        assert_eq!(kind_of(killed(libc::SIGXCPU, "", 40.0)), "timeout");
        assert_eq!(kind_of(killed(libc::SIGKILL, "", 41.9)), "timeout");
        let e = outcome(
            &killed(libc::SIGXCPU, "", 40.0),
            &PdfLimits::default(),
            40,
            0,
        )
        .unwrap_err();
        assert!(e.to_string().contains("CPU limit of 40 s"), "{e}");
    }

    #[test]
    fn sigkill_well_under_the_cpu_budget_is_a_crash() {
        assert_eq!(kind_of(killed(libc::SIGKILL, "", 1.0)), "engine_crash");
    }

    #[test]
    fn allocation_failure_is_too_large() {
        let e = outcome(
            &killed(
                libc::SIGABRT,
                "memory allocation of 2147483648 bytes failed",
                3.0,
            ),
            &PdfLimits::default(),
            40,
            0,
        )
        .unwrap_err();
        assert_eq!(e.kind(), "too_large");
        assert!(e.to_string().contains("memory limit of 2048 MB"), "{e}");
    }

    #[test]
    fn stack_overflow_is_an_engine_crash_naming_it() {
        let stderr = "thread 'main' has overflowed its stack\nfatal runtime error: stack overflow";
        let e = outcome(
            &killed(libc::SIGABRT, stderr, 0.2),
            &PdfLimits::default(),
            40,
            0,
        )
        .unwrap_err();
        assert_eq!(e.kind(), "engine_crash");
        assert!(e.to_string().contains("stack overflow (SIGABRT)"), "{e}");
    }

    #[test]
    fn segfault_is_an_engine_crash_naming_the_signal() {
        let e = outcome(
            &killed(libc::SIGSEGV, "", 0.2),
            &PdfLimits::default(),
            40,
            0,
        )
        .unwrap_err();
        assert!(e.to_string().contains("SIGSEGV"), "{e}");
    }

    #[test]
    fn wall_timeout_and_output_overflow_win_over_exit_status() {
        let run = WorkerRun {
            wall_timeout: true,
            signal: Some(libc::SIGKILL),
            ..WorkerRun::default()
        };
        assert_eq!(kind_of(run), "timeout");
        let run = WorkerRun {
            output_overflow: true,
            signal: Some(libc::SIGKILL),
            ..WorkerRun::default()
        };
        assert_eq!(kind_of(run), "too_large");
    }

    #[test]
    fn reported_failure_keeps_its_kind_whatever_the_exit_code() {
        let out = encode(&[Frame::Fatal {
            kind: "truncated",
            message: "xref not found",
        }]);
        assert_eq!(kind_of(exited(3, out)), "truncated");
    }

    fn text_of(pages: &[&str]) -> PdfText {
        PdfText {
            pages: pages.iter().map(|p| p.to_string()).collect(),
            page_engines: vec!["pdf-extract".into(); pages.len()],
            ..PdfText::default()
        }
    }

    #[test]
    fn pages_without_text_are_no_text_layer() {
        let e = check_text_layer(text_of(&["", "  \n", "EX-10.1"])).unwrap_err();
        assert_eq!(e.kind(), "no_text_layer");
        assert!(
            e.to_string()
                .contains("2 non-whitespace characters per page"),
            "{e}"
        );
    }

    #[test]
    fn short_document_with_enough_text_per_page_passes() {
        let page = "word ".repeat(50);
        assert!(check_text_layer(text_of(&[&page])).is_ok());
        let long = "x".repeat(1000);
        assert!(check_text_layer(text_of(&[&long, "", ""])).is_ok());
    }

    #[test]
    fn failed_pages_do_not_count_towards_the_average() {
        let page = "x".repeat(300);
        let mut text = text_of(&[&page, ""]);
        text.page_errors.push((1, "panic".into()));
        assert!(check_text_layer(text).is_ok());
    }

    #[test]
    fn all_pages_failed_is_an_engine_crash() {
        let mut text = text_of(&["", ""]);
        text.page_errors = vec![(0, "panic: a".into()), (1, "panic: b".into())];
        let e = check_text_layer(text).unwrap_err();
        assert_eq!(e.kind(), "engine_crash");
        assert!(e.to_string().contains("page 1: panic: a"), "{e}");
    }

    /// Stand-in workers (shell scripts run with the worker's arguments) and a
    /// tiny PDF, all written once before any test spawns one: exec fails with
    /// "text file busy" while another thread's fork still holds a script open.
    fn fixture(name: &str) -> std::path::PathBuf {
        use std::os::unix::fs::PermissionsExt;
        static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
        let dir = DIR.get_or_init(|| {
            let page = "x".repeat(250);
            let ok =
                format!("printf 'LICSCAN-PDF-WORKER 1\\nN 1\\nP 0 pdf-extract 250\\n{page}D 1\\n'");
            let hdr = "LICSCAN-PDF-WORKER 1\\nN 3\\n";
            let p = |i: usize, engine: &str| format!("P {i} {engine} 250\\n{page}");
            // Crashes on page 2 (index 1) unless told to skip pdf-extract there.
            let crash_once = format!(
                "case \"$*\" in *'--from 1 --skip-primary 1'*) printf '{hdr}{}{}D 3\\n' ;; \
                 *) printf '{hdr}{}'; echo 'overflowed its stack' >&2; kill -ABRT $$ ;; esac",
                p(1, "pdf_oxide"),
                p(2, "pdf-extract"),
                p(0, "pdf-extract"),
            );
            // Page 2 crashes both engines.
            let crash_always = format!(
                "case \"$*\" in *'--from 2'*) printf '{hdr}{}D 3\\n' ;; \
                 *'--skip-primary 1'*) printf '{hdr}'; kill -SEGV $$ ;; \
                 *) printf '{hdr}{}'; kill -SEGV $$ ;; esac",
                p(2, "pdf-extract"),
                p(0, "pdf-extract"),
            );
            // Crashes while loading unless only the fallback runs.
            let crash_loading = format!(
                "case \"$*\" in *--fallback-only*) printf 'LICSCAN-PDF-WORKER 1\\nN 1\\n{}D 1\\n' ;; \
                 *) kill -SEGV $$ ;; esac",
                p(0, "pdf_oxide"),
            );
            let scripts = [
                ("ok.sh", ok.as_str()),
                ("crash-once.sh", crash_once.as_str()),
                ("crash-always.sh", crash_always.as_str()),
                ("crash-loading.sh", crash_loading.as_str()),
                ("segv.sh", "echo 'about to crash' >&2; kill -SEGV $$"),
                ("spin.sh", "while :; do :; done"),
                ("sleep.sh", "exec sleep 30"),
                ("flood.sh", "exec cat /dev/zero"),
            ];
            let dir = std::env::temp_dir().join(format!("licscan-pdf-test-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            for (name, script) in scripts {
                let path = dir.join(name);
                std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
            std::fs::write(
                dir.join("tiny.pdf"),
                b"%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n%%EOF\n",
            )
            .unwrap();
            std::fs::write(
                dir.join("contract.pdf"),
                b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
            )
            .unwrap();
            dir
        });
        dir.join(name)
    }

    fn tiny_pdf() -> std::path::PathBuf {
        fixture("tiny.pdf")
    }

    fn quick() -> PdfLimits {
        PdfLimits {
            cpu_base_secs: 1.0,
            cpu_secs_per_page: 0.0,
            wall_grace_secs: 0.0,
            ..PdfLimits::default()
        }
    }

    #[test]
    fn supervisor_returns_a_complete_worker_result() {
        let text = extract_pdf_with_worker(&tiny_pdf(), &quick(), &fixture("ok.sh")).unwrap();
        assert_eq!(text.pages, vec!["x".repeat(250)]);
    }

    #[test]
    fn a_page_that_crashes_pdf_extract_is_read_by_the_fallback_in_a_new_worker() {
        let text =
            extract_pdf_with_worker(&tiny_pdf(), &quick(), &fixture("crash-once.sh")).unwrap();
        assert_eq!(text.pages, vec!["x".repeat(250); 3]);
        assert_eq!(
            text.page_engines,
            ["pdf-extract", "pdf_oxide", "pdf-extract"]
        );
        assert!(text.page_errors.is_empty());
        assert_eq!(text.notes.len(), 1);
        assert!(
            text.notes[0].starts_with("page 2: pdf-extract crashed"),
            "{:?}",
            text.notes
        );
        assert!(text.notes[0].contains("stack overflow"), "{:?}", text.notes);
    }

    #[test]
    fn a_page_that_crashes_every_engine_costs_that_page_only() {
        let text =
            extract_pdf_with_worker(&tiny_pdf(), &quick(), &fixture("crash-always.sh")).unwrap();
        assert_eq!(text.pages.len(), 3);
        assert_eq!(text.pages[1], "");
        assert_eq!(text.page_engines, ["pdf-extract", "none", "pdf-extract"]);
        assert_eq!(text.page_errors.len(), 1);
        assert_eq!(text.page_errors[0].0, 1);
        assert!(
            text.page_errors[0].1.contains("SIGSEGV"),
            "{:?}",
            text.page_errors
        );
    }

    #[test]
    fn a_crash_while_loading_retries_with_the_fallback_alone() {
        let text =
            extract_pdf_with_worker(&tiny_pdf(), &quick(), &fixture("crash-loading.sh")).unwrap();
        assert_eq!(text.page_engines, ["pdf_oxide"]);
        assert!(
            text.notes[0].contains("crashed loading"),
            "{:?}",
            text.notes
        );
    }

    #[test]
    fn notes_are_kept_in_order() {
        let out = encode(&[
            Frame::Note("first"),
            Frame::Pages(1),
            Frame::Page {
                index: 0,
                engine: "pdf_oxide",
                text: "abc",
            },
            Frame::Note("second"),
            Frame::Done(1),
        ]);
        let WorkerReport::Done(text) = decode_output(&out, 0).unwrap() else {
            panic!("not done")
        };
        assert_eq!(text.notes, ["first", "second"]);
    }

    #[test]
    fn partial_output_keeps_complete_pages_only() {
        let full = two_pages();
        // Cut inside page 2's text: page 1 is kept.
        let cut = full.len() - 30;
        let (declared, text) = decode_partial(&full[..cut], 0).unwrap();
        assert_eq!((declared, text.pages.len()), (2, 1));
        // No page count yet: the worker died loading.
        assert!(decode_partial(PROTOCOL_HEADER, 0).is_none());
        // A restarted worker's pages are numbered from where it started.
        let resumed = encode(&[
            Frame::Pages(3),
            Frame::Page {
                index: 2,
                engine: "pdf_oxide",
                text: "abc",
            },
        ]);
        assert_eq!(decode_partial(&resumed, 2).unwrap().1.pages, ["abc"]);
        assert!(decode_partial(&resumed, 0).unwrap().1.pages.is_empty());
    }

    #[test]
    fn supervisor_reports_a_segfaulting_worker_with_its_stderr() {
        let worker = fixture("segv.sh");
        let e = extract_pdf_with_worker(&tiny_pdf(), &quick(), &worker).unwrap_err();
        assert_eq!(e.kind(), "engine_crash");
        assert!(
            e.to_string().contains("SIGSEGV") && e.to_string().contains("about to crash"),
            "{e}"
        );
    }

    #[test]
    fn supervisor_stops_a_spinning_worker_at_its_cpu_limit() {
        let worker = fixture("spin.sh");
        let e = extract_pdf_with_worker(&tiny_pdf(), &quick(), &worker).unwrap_err();
        assert_eq!(e.kind(), "timeout");
        assert!(e.to_string().contains("CPU limit of 1 s"), "{e}");
    }

    #[test]
    fn supervisor_stops_a_sleeping_worker_at_the_wall_clock_limit() {
        let worker = fixture("sleep.sh");
        let started = Instant::now();
        let e = extract_pdf_with_worker(&tiny_pdf(), &quick(), &worker).unwrap_err();
        assert_eq!(e.kind(), "timeout");
        assert!(e.to_string().contains("wall-clock"), "{e}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn supervisor_stops_a_worker_that_writes_too_much() {
        let worker = fixture("flood.sh");
        let limits = PdfLimits {
            max_text_bytes: 0,
            ..quick()
        };
        let e = extract_pdf_with_worker(&tiny_pdf(), &limits, &worker).unwrap_err();
        assert_eq!(e.kind(), "too_large");
    }

    #[test]
    fn supervisor_rejects_a_docx_without_starting_a_worker() {
        let path = fixture("contract.pdf");
        let e =
            extract_pdf_with_worker(&path, &quick(), Path::new("/nonexistent/worker")).unwrap_err();
        assert_eq!(e.kind(), "not_a_pdf");
    }
}
