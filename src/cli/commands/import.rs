//! `qingdan import SHEET.xlsx... [--force] [--dry-run]`.

use std::path::PathBuf;

use clap::ValueEnum;
use qingdan::finding::{Finding, Severity, Summary};
use qingdan::fsutil::{Pending, write_atomic_batch};
use qingdan::render;
use qingdan::sheets::import::{self, Action, Plan, Workbook};
use qingdan::source::{FolderSource, Source};
use qingdan::validate::Report;
use serde_json::json;

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
    let failed_to_open = !unopened.is_empty() || !plan.unreadable.is_empty();
    plan.findings.extend(unopened);
    let report = match import::validate_plan(&source, &plan) {
        Ok(report) => report,
        Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
    };
    if !args.dry_run
        && let Err(exit) = write(ctx, &root, &plan)
    {
        return exit;
    }
    let mut findings = plan.findings.clone();
    findings.extend(report.findings.iter().cloned());
    let overlay = import::overlay(&source, &plan);
    match args.format {
        Format::Human => ctx.put(&human(
            ctx,
            &plan,
            &findings,
            &report,
            args.dry_run,
            &overlay,
        )),
        Format::Json => ctx.put(&json_output(ctx, &plan, &findings, args.dry_run)),
    }
    if failed_to_open {
        Exit::Failed
    } else if !plan.skipped.is_empty() || findings.iter().any(|f| f.severity == Severity::Error) {
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
    report: &Report,
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
        // Every error printed above counts, the workbook's own too.
        let summary = Summary::count(report.summary.files, report.summary.items, findings);
        out.push_str(&render::human::summary_line(&summary, ctx.lang));
        out.push('\n');
    }
    out
}

fn json_output(ctx: &Ctx, plan: &Plan, findings: &[Finding], dry_run: bool) -> String {
    let row = |r: &import::RowRef| json!({"workbook": r.workbook, "sheet": r.sheet, "row": r.row});
    let written: Vec<_> = plan
        .planned
        .iter()
        .filter(|p| p.action != Action::Unchanged)
        .map(|p| json!({"file": p.file, "action": p.action.key(), "from": row(&p.from)}))
        .collect();
    let unchanged: Vec<_> = plan
        .planned
        .iter()
        .filter(|p| p.action == Action::Unchanged)
        .map(|p| &p.file)
        .collect();
    let doc = json!({
        "dry_run": dry_run,
        "written": written,
        "unchanged": unchanged,
        "skipped": plan.skipped.iter().map(row).collect::<Vec<_>>(),
        "findings": findings.iter().map(|f| render::json::finding(f, ctx.lang)).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&doc).expect("import output serializes");
    text.push('\n');
    text
}
