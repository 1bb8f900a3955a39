//! The command line: subcommands, options and their help texts.

use clap::{Args, Parser, Subcommand};
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
    /// Files or folders (searched recursively for .pdf, .txt, .text, .md). With no PATH, or `-`,
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
    /// In folders, read every file (sniffing its format), not just .pdf/.txt/.text/.md.
    #[arg(long)]
    pub all_files: bool,
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
}
