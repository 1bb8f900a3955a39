//! Why a document could not be read. Every ingestion failure is one of these
//! kinds, so an error record always names a stable `error.kind` that scripts can
//! group on, plus the engine's own message for a human.

use thiserror::Error;

/// A failure to turn an input file into text. The record keeps `kind()` and the
/// display message.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum IngestError {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error("the PDF is encrypted: {0}")]
    Encrypted(String),
    #[error("the PDF has no text layer (likely a scan; OCR would be needed): {0}")]
    NoTextLayer(String),
    #[error("not a PDF although named .pdf: {0}")]
    NotAPdf(String),
    #[error("the file is truncated or its structure is broken: {0}")]
    Truncated(String),
    #[error("extraction exceeded its time limit: {0}")]
    Timeout(String),
    #[error("over a size or memory limit: {0}")]
    TooLarge(String),
    #[error("the extraction engine crashed: {0}")]
    EngineCrash(String),
    #[error("the file is neither a PDF nor decodable text: {0}")]
    Undecodable(String),
}

impl IngestError {
    /// The stable machine-readable name written to `error.kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Unreadable(_) => "unreadable",
            IngestError::Encrypted(_) => "encrypted",
            IngestError::NoTextLayer(_) => "no_text_layer",
            IngestError::NotAPdf(_) => "not_a_pdf",
            IngestError::Truncated(_) => "truncated",
            IngestError::Timeout(_) => "timeout",
            IngestError::TooLarge(_) => "too_large",
            IngestError::EngineCrash(_) => "engine_crash",
            IngestError::Undecodable(_) => "undecodable",
        }
    }
}
