//! `qingdan validate [PATH...]`.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use qingdan::finding::Severity;
use qingdan::render;
use qingdan::validate::validate;

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
        match relative_to(&root, path, args.rev.is_none()) {
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
    let (catalog, report) = match validate(source, &only) {
        Ok(done) => done,
        Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
    };
    match args.format {
        Format::Human => {
            let summary = (!ctx.quiet).then_some(&report.summary);
            print!(
                "{}",
                render::human::render(&report.findings, summary, ctx.style(), &text_of)
            );
        }
        Format::Json => print!(
            "{}",
            render::json::render(&report.findings, &report.summary, ctx.lang)
        ),
        Format::Sarif => {
            let base = root.display().to_string();
            print!(
                "{}",
                render::sarif::render(&report.findings, &base, ctx.lang)
            );
        }
        Format::Junit => {
            let files = checked_files(&catalog, &only);
            let mut out = std::io::stdout().lock();
            // A closed pipe is not a failure of the check.
            let _ = render::junit::write(&mut out, &files, &report.findings, ctx.lang);
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

/// A path given on the command line as a catalog-relative path, or the
/// message key saying why it is not one. Under `--rev` the path need not
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
