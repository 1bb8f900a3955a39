//! One document through every stage (ingest, segment, match, extract,
//! normalise) into one record, and many documents in parallel with their
//! records delivered in input order. At most `window` documents are in flight,
//! so memory stays bounded however many inputs there are. A panic inside a
//! stage is caught and becomes an error record: the batch never stops.

use crate::extract;
use crate::ingest::{self, Limits};
use crate::inputs::Input;
use crate::record::{DocumentInfo, Record, Status, SCHEMA_VERSION};
use crate::rules::RuleSet;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Arc;

/// Reads and extracts one input into its record.
pub fn process(input: &Input, rules: &RuleSet, limits: &Limits) -> Record {
    let display = input.path.display().to_string();
    if let Some(problem) = &input.problem {
        let info = DocumentInfo {
            path: display,
            ..DocumentInfo::default()
        };
        return Record::failed(info, "unreadable", problem.clone());
    }
    let run = catch_unwind(AssertUnwindSafe(|| {
        match ingest::ingest(&input.path, &display, limits) {
            Ok(doc) => {
                let (clauses, terms) = extract::extract(&doc, rules);
                Record {
                    schema_version: SCHEMA_VERSION.to_string(),
                    status: Status::Ok,
                    document: doc.info,
                    error: None,
                    clauses,
                    terms,
                }
            }
            Err(f) => Record::failed(f.info, f.error.kind(), f.error.to_string()),
        }
    }));
    run.unwrap_or_else(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let info = DocumentInfo {
            path: display,
            ..DocumentInfo::default()
        };
        Record::failed(
            info,
            "internal",
            format!("licscan bug while processing (please report): {msg}"),
        )
    })
}

/// Runs `process` over inputs on `jobs` threads and hands each record, in
/// input order, to `sink`. The sink's error stops the run (e.g. a closed pipe).
pub fn run<E>(
    inputs: impl Iterator<Item = Input>,
    rules: Arc<RuleSet>,
    limits: Arc<Limits>,
    jobs: usize,
    mut sink: impl FnMut(Record) -> Result<(), E>,
) -> Result<(), E> {
    let jobs = jobs.max(1);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(_) => {
            // no threads to be had: run in this thread, still in order
            for input in inputs {
                sink(process(&input, &rules, &limits))?;
            }
            return Ok(());
        }
    };
    let window = jobs * 4;
    let (tx, rx) = mpsc::channel::<(usize, Record)>();
    let mut pending: BTreeMap<usize, Record> = BTreeMap::new();
    let mut next = 0usize;
    let mut in_flight = 0usize;
    let mut deliver = |pending: &mut BTreeMap<usize, Record>, next: &mut usize| -> Result<(), E> {
        while let Some(r) = pending.remove(next) {
            *next += 1;
            sink(r)?;
        }
        Ok(())
    };
    for (seq, input) in inputs.enumerate() {
        while in_flight >= window {
            let Ok((s, r)) = rx.recv() else { break };
            in_flight -= 1;
            pending.insert(s, r);
            deliver(&mut pending, &mut next)?;
        }
        let (tx, rules, limits) = (tx.clone(), Arc::clone(&rules), Arc::clone(&limits));
        pool.spawn(move || {
            let rec = process(&input, &rules, &limits);
            let _ = tx.send((seq, rec));
        });
        in_flight += 1;
    }
    drop(tx);
    while in_flight > 0 {
        let Ok((s, r)) = rx.recv() else { break };
        in_flight -= 1;
        pending.insert(s, r);
        deliver(&mut pending, &mut next)?;
    }
    Ok(())
}
