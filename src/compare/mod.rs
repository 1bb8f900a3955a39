//! Portfolio comparison: many records in, one view across them out. `load`
//! reads records (or extracts them from agreements) into `Agreement`s, `findings`
//! compares them (overlapping exclusive grants, expiries, risky terms, royalty
//! outliers, gaps), and `sheet` and `report` write the CSV and the
//! self-contained HTML review report. Nothing here changes a record: the
//! comparison only reads what extraction wrote.

pub mod calendar;
pub mod findings;
pub mod load;
pub mod region;
pub mod report;
pub mod sheet;
pub mod view;

pub use findings::{Finding, FindingKind, Options};
pub use view::Agreement;

/// What can go wrong while comparing.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}, line {line}: not a licscan record: {message}")]
    BadRecord {
        path: String,
        line: usize,
        message: String,
    },
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("writing: {0}")]
    Write(#[from] std::io::Error),
}
