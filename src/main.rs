//! The `licscan` command: parses the command line and wires the pipeline
//! stages together. Exit codes: 0 all documents read, 1 some failed (their
//! error records are written), 2 usage or pattern-pack errors.

mod cli;

use anyhow::Context as _;
use clap::Parser;
use cli::{Cli, Command, CompareArgs, ExtractArgs, PatternsCommand};
use licscan::emit::{JsonLines, Tally};
use licscan::ingest::{self, Limits};
use licscan::inputs::Walker;
use licscan::pipeline;
use licscan::rules::{check, pack, RuleSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("__pdf-worker") {
        return ExitCode::from(licscan::ingest::pdf::worker_main().clamp(0, 255) as u8);
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Text { file } => text(&file),
        Command::Explain {
            file,
            ctype,
            patterns,
        } => explain(&file, ctype.as_deref(), patterns.as_deref()),
        Command::Patterns {
            command: PatternsCommand::Check { dir },
        } => patterns_check(dir.as_deref()),
        Command::Schema => schema(),
        Command::Compare(args) => compare(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("licscan: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn load_rules(dir: Option<&Path>) -> anyhow::Result<RuleSet> {
    Ok(match dir {
        Some(d) => RuleSet::compile(&pack::read_dir(d)?)?,
        None => RuleSet::builtin()?,
    })
}

fn extract(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let roots: Box<dyn Iterator<Item = PathBuf>> =
        if args.paths.is_empty() || args.paths.iter().any(|p| p == Path::new("-")) {
            Walker::lines(std::io::stdin().lock())
        } else {
            Box::new(args.paths.into_iter())
        };
    let inputs = Walker::new(roots, args.all_files).order(args.order);
    if args.list {
        return list(inputs);
    }
    let rules = Arc::new(load_rules(args.patterns.as_deref()).context("loading pattern packs")?);
    let limits = Arc::new(Limits {
        max_input_bytes: args.max_file_mb.saturating_mul(1 << 20),
        pdf: ingest::pdf::PdfLimits {
            cpu_secs_per_page: args.pdf_cpu_per_page,
            cpu_base_secs: args.pdf_cpu_base,
            memory_bytes: args.pdf_memory_mb.saturating_mul(1 << 20),
            max_text_bytes: args.pdf_max_text_mb.saturating_mul(1 << 20),
            ..Default::default()
        },
    });
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = JsonLines::new(std::io::BufWriter::new(out));
    let progress = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} documents  {msg}  [{elapsed_precise}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    });
    let started = Instant::now();
    let mut tally = Tally::default();
    pipeline::run(inputs, rules, limits, jobs, |rec| -> anyhow::Result<()> {
        tally.add(&rec);
        if let Some(bar) = &progress {
            bar.inc(1);
            bar.set_message(format!(
                "{} errors, {:.1} MB",
                tally.errors,
                tally.bytes as f64 / 1e6
            ));
        }
        writer.write(&rec).context("writing a record")
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if !args.quiet {
        eprintln!("licscan: {}", tally.summary(started.elapsed()));
    }
    Ok(if tally.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `extract --list`: the paths that would be read, one per line; folders that
/// cannot be listed are reported on stderr (they would get an error record).
fn list(inputs: Walker) -> anyhow::Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut code = ExitCode::SUCCESS;
    for input in inputs {
        if let Some(problem) = &input.problem {
            eprintln!("licscan: {}: {problem}", input.path.display());
            code = ExitCode::from(1);
        }
        let written = writeln!(out, "{}", input.path.display());
        if let Err(e) = written {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(code);
            }
            return Err(e).context("writing the list");
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("writing the list"),
        _ => Ok(code),
    }
}

fn text(file: &Path) -> anyhow::Result<ExitCode> {
    match ingest::ingest(file, &file.display().to_string(), &Limits::default()) {
        Ok(doc) => {
            let mut out = std::io::stdout().lock();
            out.write_all(doc.text.as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Err(f) => {
            eprintln!(
                "licscan: {}: {} ({})",
                file.display(),
                f.error,
                f.error.kind()
            );
            Ok(ExitCode::from(1))
        }
    }
}

fn explain(file: &Path, ctype: Option<&str>, patterns: Option<&Path>) -> anyhow::Result<ExitCode> {
    if let Some(t) = ctype {
        if !licscan::rules::CLAUSE_KINDS
            .iter()
            .any(|(name, _)| *name == t)
        {
            let names: Vec<&str> = licscan::rules::CLAUSE_KINDS
                .iter()
                .map(|(n, _)| *n)
                .collect();
            anyhow::bail!("unknown clause type {t:?}; types: {}", names.join(", "));
        }
    }
    let rules = load_rules(patterns).context("loading pattern packs")?;
    let input = licscan::inputs::Input {
        path: file.to_path_buf(),
        problem: None,
    };
    let rec = pipeline::process(&input, &rules, &Limits::default());
    let mut out = std::io::stdout().lock();
    out.write_all(licscan::explain::explain(&rec, &rules, ctype).as_bytes())?;
    Ok(if rec.error.is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn patterns_check(dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let set = load_rules(dir)?;
    let (run, failures) = check::check_examples(&set);
    for f in &failures {
        println!("FAIL {f}");
    }
    let files: std::collections::BTreeSet<&str> =
        set.rules.iter().map(|r| r.file.as_str()).collect();
    println!(
        "{} packs, {} rules, {} examples: {} passed, {} failed",
        files.len(),
        set.rules.len(),
        run,
        run - failures.len(),
        failures.len()
    );
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn schema() -> anyhow::Result<ExitCode> {
    let schema = schemars::schema_for!(licscan::record::Record);
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::SUCCESS)
}

fn create(path: &Path) -> anyhow::Result<std::io::BufWriter<std::fs::File>> {
    Ok(std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
    ))
}

fn compare(args: CompareArgs) -> anyhow::Result<ExitCode> {
    use licscan::compare::{calendar::Day, findings, load, report, sheet};
    let started = Instant::now();
    let as_of = match &args.as_of {
        Some(s) => Day::parse_first(s)
            .filter(|_| s.len() == 10)
            .with_context(|| format!("--as-of {s:?} is not a date (YYYY-MM-DD)"))?,
        None => Day::today(),
    };
    let opts = findings::Options {
        as_of,
        window_days: args.window_days.max(0),
    };
    let rules = Arc::new(load_rules(args.patterns.as_deref()).context("loading pattern packs")?);
    let limits = Arc::new(Limits::default());
    let extraction = load::Extraction {
        rules,
        limits: Arc::clone(&limits),
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
    };
    let agreements = load::load(&args.inputs, &extraction)?;
    let found = findings::find_all(&agreements, &opts);
    let mut per_agreement = vec![0usize; agreements.len()];
    for f in &found {
        for inv in &f.agreements {
            if let Some(n) = per_agreement.get_mut(inv.agreement) {
                *n += 1;
            }
        }
    }
    if let Some(p) = &args.csv {
        sheet::write_csv(create(p)?, &agreements, &per_agreement)
            .with_context(|| format!("writing {}", p.display()))?;
    }
    let write_findings = |out: &mut dyn Write| -> anyhow::Result<()> {
        for f in &found {
            serde_json::to_writer(&mut *out, f)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        Ok(())
    };
    match &args.findings {
        Some(p) => {
            write_findings(&mut create(p)?).with_context(|| format!("writing {}", p.display()))?
        }
        None if args.csv.is_none() && args.html.is_none() => {
            write_findings(&mut std::io::BufWriter::new(std::io::stdout().lock()))?
        }
        None => {}
    }
    if let Some(p) = &args.html {
        let texts = report::load_texts(
            &agreements,
            &limits,
            args.max_text_mb.saturating_mul(1 << 20),
        );
        let input = report::ReportInput {
            agreements: &agreements,
            findings: &found,
            texts: &texts,
            opts,
            generator: format!("licscan {}", env!("CARGO_PKG_VERSION")),
        };
        report::write_html(create(p)?, &input)
            .with_context(|| format!("writing {}", p.display()))?;
    }
    let failed = agreements.iter().filter(|a| !a.is_ok()).count();
    if !args.quiet {
        eprintln!(
            "licscan: {} agreements ({} failed), {} findings, {:.2} s",
            agreements.len(),
            failed,
            found.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
