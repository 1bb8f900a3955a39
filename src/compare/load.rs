//! Loading a portfolio: record files (`.jsonl`, `.json`) are read as licscan
//! records; any other path (a file or a folder) is an agreement, run through
//! the extraction pipeline first. Agreements keep the order they were given
//! in, which is the order of the CSV rows and of `agreement` in findings.

use super::view::Agreement;
use super::CompareError;
use crate::ingest::Limits;
use crate::inputs::Walker;
use crate::pipeline;
use crate::record::Record;
use crate::rules::RuleSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// True for `.jsonl` / `.json` paths, which hold records rather than agreements.
pub fn is_records_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jsonl" | "json" | "ndjson"))
}

/// The comparison's view of a freshly extracted record.
pub fn from_record(rec: &Record) -> Agreement {
    rec.clone()
}

/// Reads a records file: JSON Lines, or one JSON array of records.
pub fn read_records(path: &Path) -> Result<Vec<Agreement>, CompareError> {
    let shown = path.display().to_string();
    let io = |source| CompareError::Io {
        path: shown.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut reader = std::io::BufReader::new(file);
    let starts_with_array = reader
        .fill_buf()
        .map_err(io)?
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        == Some(&b'[');
    if starts_with_array {
        let values: Vec<serde_json::Value> =
            serde_json::from_reader(reader).map_err(|e| CompareError::BadRecord {
                path: shown.clone(),
                line: e.line(),
                message: e.to_string(),
            })?;
        return values
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                Agreement::from_json(v).map_err(|e| CompareError::BadRecord {
                    path: shown.clone(),
                    line: 1,
                    message: format!("record {}: {e}", i + 1),
                })
            })
            .collect();
    }
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let a = serde_json::from_str(&line)
            .and_then(Agreement::from_json)
            .map_err(|e| CompareError::BadRecord {
                path: shown.clone(),
                line: n + 1,
                message: e.to_string(),
            })?;
        out.push(a);
    }
    Ok(out)
}

/// How agreements given as files are extracted.
pub struct Extraction {
    pub rules: Arc<RuleSet>,
    pub limits: Arc<Limits>,
    pub jobs: usize,
}

/// Loads every input in order: record files read, agreements extracted.
pub fn load(paths: &[PathBuf], extraction: &Extraction) -> Result<Vec<Agreement>, CompareError> {
    let mut out = Vec::new();
    let mut pending: Vec<PathBuf> = Vec::new();
    let flush = |pending: &mut Vec<PathBuf>, out: &mut Vec<Agreement>| {
        if pending.is_empty() {
            return;
        }
        let roots: Box<dyn Iterator<Item = PathBuf>> =
            Box::new(std::mem::take(pending).into_iter());
        let _ = pipeline::run(
            Walker::new(roots, false),
            Arc::clone(&extraction.rules),
            Arc::clone(&extraction.limits),
            extraction.jobs,
            |rec| -> Result<(), std::convert::Infallible> {
                out.push(from_record(&rec));
                Ok(())
            },
        );
    };
    for p in paths {
        if is_records_file(p) && !p.is_dir() {
            flush(&mut pending, &mut out);
            out.extend(read_records(p)?);
        } else {
            pending.push(p.clone());
        }
    }
    flush(&mut pending, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_jsonl_paths_are_records() {
        assert!(is_records_file(Path::new("a/records.JSONL")));
        assert!(is_records_file(Path::new("r.json")));
        assert!(!is_records_file(Path::new("agreement.txt")));
        assert!(!is_records_file(Path::new("agreement.pdf")));
    }

    #[test]
    fn a_bad_line_names_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("licscan-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let p = dir.join("bad.jsonl");
        std::fs::write(&p, "{\"status\":\"ok\"}\n\nnot json\n").expect("write");
        let err = read_records(&p).expect_err("line 3 is not JSON");
        assert!(err.to_string().contains("line 3"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
