//! The command line: subcommands, options and their help texts.

use clap::{Args, Parser, Subcommand};
use licscan::inputs::Order;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "licscan",
    version,
    about = "Reads licence and partnership agreements (PDF and text) and writes normalised JSON records of their licence terms.",
    long_about = "Reads licence and partnership agreements (PDF and text) and writes one JSON record per document: \
the clauses found (each with byte offsets, page, section and the rule that found it) and the normalised terms \
(territory codes, field of use, term dates, royalties, improvements, termination, governing law ...).\n\n\
Exit codes: 0 all documents read, 1 some documents failed (their error records are still written), \
2 usage or pattern-pack error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract records from agreements (files or folders) as JSON Lines.
    Extract(ExtractArgs),
    /// Explain a document's record: each clause's rule, trigger words and captured values,
    /// and the clauses each term came from.
    Explain {
        /// The agreement (PDF or text).
        file: PathBuf,
        /// Only clauses (and terms) of this clause type, e.g. territory, royalty.
        #[arg(long = "type", value_name = "TYPE")]
        ctype: Option<String>,
        /// Use the pattern packs in this folder instead of the built-in ones.
        #[arg(long, value_name = "DIR")]
        patterns: Option<PathBuf>,
    },
    /// Print the text that clause offsets refer to (PDF pages separated by form feeds).
    Text {
        /// The agreement (PDF or text).
        file: PathBuf,
    },
    /// Work with pattern packs.
    Patterns {
        #[command(subcommand)]
        command: PatternsCommand,
    },
    /// Print the JSON Schema of a record.
    Schema,
    /// Compare a portfolio: a CSV of terms, findings (overlapping exclusive grants, expiries,
    /// royalty outliers, risky terms, gaps) and a self-contained HTML review report.
    Compare(CompareArgs),
}

#[derive(Debug, Subcommand)]
pub enum PatternsCommand {
    /// Validate packs and run every rule's own must-match / must-not-match examples.
    Check {
        /// Folder of *.toml packs (default: the packs built into licscan).
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders (folders are searched recursively for .pdf, .txt and .text; a named file is
    /// always read, .md included). With no PATH, or `-`,
    /// one path per line is read from stdin.
    pub paths: Vec<PathBuf>,
    /// Write records to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Documents processed in parallel (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Use the pattern packs in this folder instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// In folders, read every file (sniffing its format), not just .pdf/.txt/.text.
    #[arg(long)]
    pub all_files: bool,
    /// Order of each folder's files: `sorted` by name (stable output; holds one folder's names
    /// in memory) or `filesystem` (as listed by the OS; holds nothing, for folders with millions
    /// of files).
    #[arg(long, value_enum, default_value_t = Order::Sorted, value_name = "ORDER")]
    pub order: Order,
    /// Print the paths that would be read, one per line, and stop.
    #[arg(long)]
    pub list: bool,
    /// No progress bar and no summary line on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Largest input file, in MB.
    #[arg(long, value_name = "MB", default_value_t = 512)]
    pub max_file_mb: u64,
    /// PDF worker memory limit, in MB.
    #[arg(long, value_name = "MB", default_value_t = 2048)]
    pub pdf_memory_mb: u64,
    /// PDF CPU-time budget: this many seconds per page, plus --pdf-cpu-base.
    #[arg(long, value_name = "SECS", default_value_t = 1.0)]
    pub pdf_cpu_per_page: f64,
    /// PDF CPU-time budget: fixed seconds added to the per-page budget.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub pdf_cpu_base: f64,
    /// Most text accepted from one PDF, in MB (a larger result is a `too_large` error record).
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub pdf_max_text_mb: u64,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Record files (.jsonl/.json, from `licscan extract`) or agreements (files or folders,
    /// extracted first).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write the portfolio as CSV, one row per agreement (columns: docs/compare.md).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Write the HTML review report (one self-contained file).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Write the findings as JSON Lines (default: to stdout when no other output is asked for).
    #[arg(long, value_name = "FILE")]
    pub findings: Option<PathBuf>,
    /// Review date (YYYY-MM-DD) from which expiries are looked for (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Report expiries and renewals up to this many days after --as-of.
    #[arg(long, value_name = "DAYS", default_value_t = 365)]
    pub window_days: i64,
    /// Most agreement text embedded in the HTML report, in MB (identical texts count once);
    /// past it an agreement's page shows its clauses only.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub max_text_mb: usize,
    /// Documents extracted in parallel when agreements are given (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Use the pattern packs in this folder instead of the built-in ones (agreement inputs).
    #[arg(long, value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// No summary line on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}
