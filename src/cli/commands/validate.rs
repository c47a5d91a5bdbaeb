//! `qingdan validate [PATH...]`.

use std::path::{Path, PathBuf};

use std::io::Write as _;

use clap::ValueEnum;
use qingdan::finding::Severity;
use qingdan::validate::{Narrowing, validate};
use qingdan::{render, rules};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Limit the report to these item files or folders of the catalog
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Fail (exit 1) on warnings too
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
    /// Check the catalog as it was at this git revision (read from the repository, no checkout)
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Report only findings at least this severe: error, or warning (errors and warnings)
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub severity: Option<Level>,
    /// Report only this rule's findings (repeat for several rules)
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Print the count per rule instead of every finding
    #[arg(long)]
    pub summary: bool,
    /// List at most N findings of one rule in one file; the rest are counted in one line
    #[arg(long, value_name = "N", default_value_t = qingdan::finding::DEFAULT_MAX_PER_FILE as u64,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_per_file: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    /// JUnit XML, for the test report of CI hostings.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let root = ctx.catalog_dir();
    let source = match ctx.open_source(&root, args.rev.as_deref()) {
        Ok(source) => source,
        Err(exit) => return exit,
    };
    let source = source.as_ref();
    let text_of = |file: &str| source.read_text(file).ok();
    let mut only = Vec::new();
    for path in &args.paths {
        match catalog_path(&root, path, args.rev.is_none()) {
            Ok(rel) => only.push(rel),
            Err(key) => {
                let args = [
                    ("path", path.display().to_string().into()),
                    ("catalog", root.display().to_string().into()),
                ];
                return ctx.fail(key, &args);
            }
        }
    }
    if let Some(unknown) = args.rules.iter().find(|r| rules::find(r).is_none()) {
        let known: Vec<&str> = rules::all().iter().map(|r| r.id).collect();
        let args = [
            ("rule", unknown.clone().into()),
            ("rules", known.join(", ").into()),
        ];
        return ctx.fail("cli.unknown_rule", &args);
    }
    let narrowing = Narrowing {
        severity: args.severity.map(|level| match level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        }),
        rules: args.rules.clone(),
    };
    let (catalog, mut report) = match validate(source, &only) {
        Ok((catalog, report)) => (catalog, report.narrowed(&narrowing)),
        Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
    };
    // The count per rule is taken before the cap: left-out findings count.
    // Only the human report with --summary or -q shows it.
    let wants_counts = args.format == Format::Human && (args.summary || ctx.quiet);
    let counts = if wants_counts {
        render::rule_counts::render(&report.findings, ctx.style())
    } else {
        String::new()
    };
    // The summary was counted before: left-out findings still count.
    report.findings = qingdan::finding::cap(report.findings, args.max_per_file as usize);
    match args.format {
        Format::Human => {
            // A failed stdout is reported by `Out` at the end.
            let _ = human(ctx, &args, &report, &counts, &text_of);
            let absent = &report.summary.registers_absent;
            if !absent.is_empty() && !ctx.quiet && ctx.out.delivered() {
                let zh: Vec<&str> = absent.iter().map(|r| r.zh()).collect();
                let en: Vec<&str> = absent.iter().map(|r| r.en()).collect();
                let registers = match ctx.lang {
                    qingdan::i18n::Lang::Zh => zh.join("、"),
                    qingdan::i18n::Lang::En => en.join(", "),
                };
                let note = ctx.tr(
                    "cli.validate.registers_absent",
                    &[("registers", registers.into())],
                );
                ctx.warn(&format!(
                    "{note}
"
                ));
            }
        }
        Format::Json => {
            let _ = render::json::write(
                &mut ctx.out.writer(),
                &report.findings,
                &report.summary,
                ctx.lang,
            );
        }
        Format::Sarif => {
            let base = root.display().to_string();
            let _ = render::sarif::write(&mut ctx.out.writer(), &report.findings, &base, ctx.lang);
        }
        Format::Junit => {
            let files = checked_files(&catalog, &only);
            let mut out = Vec::new();
            // Writing to memory cannot fail; stdout's errors are the
            // command's writer's to report.
            let _ = render::junit::write(&mut out, &files, &report.findings, ctx.lang);
            ctx.put(&String::from_utf8_lossy(&out));
        }
    }
    let denied = |f: &&qingdan::finding::Finding| {
        f.severity == Severity::Error
            || (args.deny == Some(Deny::Warnings) && f.severity == Severity::Warning)
    };
    if report.findings.iter().any(|f| denied(&f)) {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

/// The item files the report covers: all, or those under the given paths.
fn checked_files(catalog: &qingdan::catalog::Catalog, only: &[String]) -> Vec<String> {
    let wanted = |file: &str| {
        only.is_empty()
            || only.iter().any(|o| {
                o.is_empty()
                    || file == o
                    || file.starts_with(&format!("{}/", o.trim_end_matches('/')))
            })
    };
    catalog
        .items
        .iter()
        .map(|l| l.file.clone())
        .filter(|f| wanted(f))
        .collect()
}

/// The human report: every finding then the summary line; with `--summary`
/// the per-rule table instead of the findings; `-q` the findings then the table.
fn human(
    ctx: &Ctx,
    args: &Args,
    report: &qingdan::validate::Report,
    counts: &str,
    text_of: &dyn Fn(&str) -> Option<String>,
) -> std::io::Result<()> {
    let style = ctx.style();
    let out = &mut ctx.out.writer();
    if args.summary {
        let line = render::human::summary_line(&report.summary, ctx.lang);
        return writeln!(out, "{counts}{line}");
    }
    if ctx.quiet {
        render::human::write(out, &report.findings, None, style, text_of)?;
        return write!(out, "{counts}");
    }
    render::human::write(out, &report.findings, Some(&report.summary), style, text_of)
}

/// A path given on the command line as a catalog-relative path: found from
/// the current directory, else (a relative path) from the catalog, so that
/// `qingdan -C 瓯江清单 validate items/mzj` works from the catalog's parent.
/// The error is the one from the current directory.
fn catalog_path(root: &Path, path: &Path, must_exist: bool) -> Result<String, &'static str> {
    let from_here = relative_to(root, path, must_exist);
    if from_here.is_ok() || path.is_absolute() {
        return from_here;
    }
    relative_to(root, &root.join(path), must_exist).or(from_here)
}

/// A path as a catalog-relative path, or the message key saying why it is
/// not one. Under `--rev` the path need not
/// exist in the work tree.
fn relative_to(root: &Path, path: &Path, must_exist: bool) -> Result<String, &'static str> {
    let full = match path.canonicalize() {
        Ok(full) => full,
        Err(_) if must_exist => return Err("cli.no_such_path"),
        Err(_) => absolute(path),
    };
    let root = root.canonicalize().unwrap_or_else(|_| absolute(root));
    let rel = full.strip_prefix(&root).map_err(|_| "cli.path_outside")?;
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/"))
}

/// `path` made absolute and `..`-free without touching the file system.
fn absolute(path: &Path) -> PathBuf {
    let joined = std::env::current_dir().unwrap_or_default().join(path);
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
