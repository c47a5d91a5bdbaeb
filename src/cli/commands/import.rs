//! `qingdan import SHEET.xlsx... [--force] [--dry-run]`.

use std::path::PathBuf;

use clap::ValueEnum;
use qingdan::finding::{Finding, Summary};
use qingdan::fsutil::{Pending, write_atomic_batch};
use qingdan::render;
use qingdan::sheets::import::{self, Action, Plan, Workbook};
use qingdan::source::{FolderSource, Source};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Filled item workbooks (.xlsx), or csv files of the Items columns
    #[arg(required = true, value_name = "SHEET")]
    pub sheets: Vec<PathBuf>,
    /// Update items that already exist (only the keys the workbook carries)
    #[arg(long)]
    pub force: bool,
    /// Write nothing; list what would be written
    #[arg(long)]
    pub dry_run: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Rows read per sheet at most
    #[arg(long, value_name = "N", default_value_t = qingdan::sheets::DEFAULT_MAX_ROWS)]
    pub max_rows: u32,
    /// Cells read per sheet at most
    #[arg(long, value_name = "N", default_value_t = qingdan::sheets::DEFAULT_MAX_CELLS)]
    pub max_cells: u64,
    /// List at most N findings of one rule in one file; the rest are counted in one line
    #[arg(long, value_name = "N", default_value_t = qingdan::finding::DEFAULT_MAX_PER_FILE as u64,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_per_file: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let root = ctx.catalog_dir();
    // One writer at a time, planning from the catalog as it is once held.
    let _lock = match ctx.lock_unless(args.dry_run, &root, "import") {
        Ok(lock) => lock,
        Err(exit) => return exit,
    };
    let source = FolderSource::new(&root);
    let text_of = |file: &str| source.read_text(file).ok();
    let catalog = match ctx.load_catalog(&source) {
        Ok(catalog) => catalog,
        Err(exit) => return exit,
    };
    qingdan::sheets::set_limits(qingdan::sheets::Limits {
        rows: args.max_rows,
        cells: args.max_cells,
        per_file: args.max_per_file as usize,
    });
    let mut workbooks = Vec::new();
    let mut unopened = Vec::new();
    for path in &args.sheets {
        let label = path.display().to_string();
        match qingdan::sheets::read_input(path) {
            Ok(bytes) => workbooks.push(Workbook { label, bytes }),
            Err(message) => unopened.push(import::unreadable(&label, message)),
        }
    }
    let mut plan = import::plan(&catalog, &source, workbooks, args.force);
    drop(catalog);
    let failed_to_open = !unopened.is_empty() || !plan.unreadable.is_empty();
    plan.findings.extend(unopened);
    // The workbooks' findings are counted, then capped at once: a sheet of
    // 100,000 bad rows keeps 100 of a rule. Left-out findings still count
    // in the summary and the exit code.
    let max = args.max_per_file as usize;
    let read = Summary::count(0, 0, &plan.findings);
    plan.findings = qingdan::finding::cap(std::mem::take(&mut plan.findings), max);
    let report = match import::validate_plan(&source, &plan) {
        Ok(report) => report,
        Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
    };
    if !args.dry_run
        && let Err(exit) = write(ctx, &root, &plan)
    {
        return exit;
    }
    let summary = Summary {
        errors: read.errors + report.summary.errors,
        warnings: read.warnings + report.summary.warnings,
        ..Summary::count(report.summary.files, report.summary.items, &[])
    };
    let mut findings = std::mem::take(&mut plan.findings);
    findings.extend(qingdan::finding::cap(report.findings, max));
    match args.format {
        Format::Human => {
            let overlay = import::overlay(&source, &plan);
            ctx.put(&human(
                ctx,
                &plan,
                &findings,
                &summary,
                args.dry_run,
                &overlay,
            ))
        }
        Format::Json => {
            // Written as it is made: no value tree of a 100,000-row plan.
            let doc = JsonOutput {
                dry_run: args.dry_run,
                plan: &plan,
                findings: &findings,
                lang: ctx.lang,
            };
            // A failed stdout is reported by `Out` at the end.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, ctx.out.writer());
            let _ = serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(std::io::Error::from)
                .and_then(|()| std::io::Write::write_all(&mut out, b"\n"))
                .and_then(|()| std::io::Write::flush(&mut out));
        }
    }
    if failed_to_open {
        Exit::Failed
    } else if !plan.skipped.is_empty() || summary.errors > 0 {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

/// Writes every created or updated file atomically, the file system
/// flushed once for all of them; a new file never replaces one.
fn write(ctx: &Ctx, root: &std::path::Path, plan: &Plan) -> Result<(), Exit> {
    let files: Vec<Pending> = plan
        .planned
        .iter()
        .filter(|p| p.action != Action::Unchanged)
        .map(|p| {
            // A symlinked item is written through to its target in the catalog.
            let path = root.join(&p.file);
            let path = match p.action {
                Action::Update => qingdan::fsutil::write_target(root, &path).map_err(|e| (path, e)),
                _ => Ok(path),
            };
            path.map(|path| Pending {
                path,
                bytes: p.text.as_bytes(),
                replace: p.action == Action::Update,
            })
        })
        .collect::<Result<_, _>>()
        .map_err(|(path, e)| ctx.write_failed(&path, &e))?;
    write_atomic_batch(&files).map_err(|(path, e)| ctx.write_failed(&path, &e))
}

fn human(
    ctx: &Ctx,
    plan: &Plan,
    findings: &[Finding],
    summary: &Summary,
    dry_run: bool,
    source: &dyn Source,
) -> String {
    let mut out = String::new();
    if !ctx.quiet {
        for planned in &plan.planned {
            let key = match (planned.action, dry_run) {
                (Action::Create, false) => "cli.import.created",
                (Action::Create, true) => "cli.import.would_create",
                (Action::Update, false) => "cli.import.updated",
                (Action::Update, true) => "cli.import.would_update",
                (Action::Unchanged, _) => "cli.import.unchanged",
            };
            let from = planned.from.full();
            out.push_str(&ctx.tr(
                key,
                &[("file", planned.file.clone().into()), ("from", from.into())],
            ));
            out.push('\n');
        }
        if !plan.planned.is_empty() {
            out.push('\n');
        }
    }
    let text_of = |file: &str| source.read_text(file).ok();
    out.push_str(&render::human::render(
        findings,
        None,
        ctx.style(),
        &text_of,
    ));
    if !ctx.quiet {
        let count = |action| plan.planned.iter().filter(|p| p.action == action).count();
        let args = [
            ("created", count(Action::Create).into()),
            ("updated", count(Action::Update).into()),
            ("unchanged", count(Action::Unchanged).into()),
            ("skipped", plan.skipped.len().into()),
        ];
        out.push_str(&ctx.tr(
            if dry_run {
                "cli.import.summary_dry_run"
            } else {
                "cli.import.summary"
            },
            &args,
        ));
        out.push('\n');
        // Every error found counts, the workbook's own and those left out.
        out.push_str(&render::human::summary_line(summary, ctx.lang));
        out.push('\n');
    }
    out
}

/// `{"dry_run", "written", "unchanged", "skipped", "findings"}` (docs/outputs.md).
struct JsonOutput<'a> {
    dry_run: bool,
    plan: &'a Plan,
    findings: &'a [Finding],
    lang: qingdan::i18n::Lang,
}

/// A row of a workbook, as JSON.
struct Row<'a>(&'a import::RowRef);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("row", &self.0.row)?;
        map.serialize_entry("sheet", &self.0.sheet)?;
        map.serialize_entry("workbook", &self.0.workbook)?;
        map.end()
    }
}

/// A sequence serialized item by item from an iterator made on demand.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for JsonOutput<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Written<'a>(&'a import::Planned);
        impl Serialize for Written<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(3))?;
                map.serialize_entry("action", self.0.action.key())?;
                map.serialize_entry("file", &self.0.file)?;
                map.serialize_entry("from", &Row(&self.0.from))?;
                map.end()
            }
        }
        // Keys in the order they always had (sorted); each finding in the
        // shape and order of `validate --format json`.
        let planned = &self.plan.planned;
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("dry_run", &self.dry_run)?;
        map.serialize_entry(
            "findings",
            &Seq(|| {
                self.findings
                    .iter()
                    .map(|f| render::json::finding(f, self.lang))
            }),
        )?;
        map.serialize_entry("skipped", &Seq(|| self.plan.skipped.iter().map(Row)))?;
        map.serialize_entry(
            "unchanged",
            &Seq(|| {
                planned
                    .iter()
                    .filter(|p| p.action == Action::Unchanged)
                    .map(|p| &p.file)
            }),
        )?;
        map.serialize_entry(
            "written",
            &Seq(|| {
                planned
                    .iter()
                    .filter(|p| p.action != Action::Unchanged)
                    .map(Written)
            }),
        )?;
        map.end()
    }
}
