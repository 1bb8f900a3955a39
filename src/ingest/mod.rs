//! Ingestion: one input path in, its text out. Decides the format (by
//! extension, then by sniffing), reads text files directly and PDFs through a
//! supervised worker process, and keeps what offsets must refer to: the
//! original text, its page starts and a cleaned copy for matching. Failures are
//! values (`IngestError`), never panics, so every input still gets a record.

pub mod clean;
pub mod error;
pub mod pdf;
pub mod text;

use crate::record::{DocumentInfo, PageEngines};
use clean::Cleaned;
use error::IngestError;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// Limits for one document.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_input_bytes: u64,
    pub pdf: pdf::PdfLimits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 512 << 20,
            pdf: pdf::PdfLimits::default(),
        }
    }
}

/// A readable document: the text offsets refer to and its cleaned twin.
#[derive(Debug, Clone)]
pub struct Document {
    pub info: DocumentInfo,
    /// The text clause offsets refer to (PDF pages joined by form feeds).
    pub text: String,
    /// Added to offsets into `text` to give offsets into the file (UTF-8 BOM).
    pub base_offset: usize,
    /// Byte offset in `text` where each page starts; the first is 0.
    pub page_starts: Vec<usize>,
    pub clean: Cleaned,
}

impl Document {
    /// 1-based page of a byte offset in `text`.
    pub fn page_of(&self, offset: usize) -> usize {
        self.page_starts.partition_point(|&s| s <= offset).max(1)
    }
}

/// Builds a document from already-decoded text (used for text files and tests).
pub fn from_text(mut info: DocumentInfo, text: String, base_offset: usize) -> Document {
    let mut page_starts = vec![0];
    page_starts.extend(text.match_indices('\x0c').map(|(i, _)| i + 1));
    // SEC EDGAR text filings mark page breaks with a "<PAGE>" line
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        line_start += line.len();
        if line.trim().eq_ignore_ascii_case("<PAGE>") && line_start < text.len() {
            page_starts.push(line_start);
        }
    }
    page_starts.sort_unstable();
    page_starts.dedup();
    info.pages = page_starts.len();
    info.chars = text.chars().count();
    let clean = clean::clean(&text);
    Document {
        info,
        text,
        base_offset,
        page_starts,
        clean,
    }
}

fn is_pdf_extension(path: &Path) -> Option<bool> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(true),
        "txt" | "text" | "md" => Some(false),
        _ => None,
    }
}

fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, IngestError> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::Unreadable(e.to_string()))?;
    let meta = file
        .metadata()
        .map_err(|e| IngestError::Unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(IngestError::Unreadable("is a directory".into()));
    }
    if meta.len() > max {
        return Err(IngestError::TooLarge(format!(
            "{} bytes, over the input limit of {} bytes",
            meta.len(),
            max
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(IngestError::TooLarge(format!(
            "over the input limit of {max} bytes"
        )));
    }
    Ok(bytes)
}

/// A document that could not be read: what is known of it, and why.
#[derive(Debug, Clone)]
pub struct Failed {
    /// Filled as far as reading got (size and hash when the bytes were read).
    pub info: DocumentInfo,
    pub error: IngestError,
}

/// Reads one input. On failure the `DocumentInfo` is filled as far as reading
/// got, so an error record still says how large the file was and its hash.
pub fn ingest(path: &Path, display: &str, limits: &Limits) -> Result<Document, Box<Failed>> {
    let mut info = DocumentInfo {
        path: display.to_string(),
        ..DocumentInfo::default()
    };
    let bytes = match read_limited(path, limits.max_input_bytes) {
        Ok(b) => b,
        Err(error) => return Err(Box::new(Failed { info, error })),
    };
    info.bytes = bytes.len() as u64;
    info.sha256 = Some(hex(&Sha256::digest(&bytes)));
    let sniff_pdf = bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-");
    let as_pdf = is_pdf_extension(path).unwrap_or(sniff_pdf);
    if as_pdf {
        info.format = Some("pdf".into());
        drop(bytes);
        let pdf = match pdf::extract_pdf(path, &limits.pdf) {
            Ok(p) => p,
            Err(error) => return Err(Box::new(Failed { info, error })),
        };
        info.warnings.extend(pdf.notes.iter().cloned());
        for (page, err) in &pdf.page_errors {
            info.warnings.push(format!("page {}: {}", page + 1, err));
        }
        info.page_engines = PageEngines::runs(&pdf.page_engines);
        let mut engines: Vec<&str> = Vec::new();
        for run in &info.page_engines {
            if run.engine != "none" && !engines.contains(&run.engine.as_str()) {
                engines.push(&run.engine);
            }
        }
        info.engine = Some(if engines.is_empty() {
            "pdf-extract".to_string()
        } else {
            engines.join("+")
        });
        let text = pdf.pages.join("\x0c");
        let mut doc = from_text(info, text, 0);
        doc.info.pages = pdf.pages.len().max(1);
        return Ok(doc);
    }
    info.format = Some("text".into());
    match text::decode(&bytes) {
        Ok(d) => {
            info.engine = Some(d.encoding.to_string());
            if let Some(w) = d.warning {
                info.warnings.push(w);
            }
            Ok(from_text(info, d.text, d.base_offset))
        }
        Err(error) => Err(Box::new(Failed { info, error })),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_feeds_start_new_pages() {
        let d = from_text(DocumentInfo::default(), "one\x0ctwo\x0cthree".into(), 0);
        assert_eq!(d.page_starts, vec![0, 4, 8]);
        assert_eq!(d.page_of(0), 1);
        assert_eq!(d.page_of(5), 2);
        assert_eq!(d.page_of(9), 3);
        assert_eq!(d.info.pages, 3);
    }

    #[test]
    fn edgar_page_markers_start_new_pages() {
        let text = "first page\n\n  1\n<PAGE>\nsecond page\n<page>\nthird";
        let d = from_text(DocumentInfo::default(), text.into(), 0);
        assert_eq!(d.info.pages, 3);
        assert_eq!(d.page_of(text.find("second").unwrap()), 2);
        assert_eq!(d.page_of(text.find("third").unwrap()), 3);
        assert_eq!(d.page_of(0), 1);
    }

    #[test]
    fn missing_file_is_unreadable_not_a_panic() {
        let e = ingest(
            Path::new("/nonexistent/licscan/x.txt"),
            "x.txt",
            &Limits::default(),
        )
        .unwrap_err();
        assert_eq!(e.error.kind(), "unreadable");
    }

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(hex(&Sha256::digest(b"abc"))[..8], *"ba7816bf");
    }
}
