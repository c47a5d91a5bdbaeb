//! `qingdan code [--dry-run] [--format table|json] [--renumber CODE]`.

use clap::ValueEnum;
use comfy_table::{Table, presets};
use qingdan::catalog::Catalog;
use qingdan::coding::{self, ApplyError, Assignment};
use qingdan::finding::{Finding, Message, Severity};
use qingdan::history;
use qingdan::i18n::terminal_safe;
use qingdan::render;
use qingdan::rules::code_format;
use qingdan::source::{FolderSource, Source};
use serde::Serialize;

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show the codes that would be given, writing nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Give a fresh code to the item that got CODE second (two branches gave one code)
    #[arg(long, value_name = "CODE")]
    pub renumber: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let root = ctx.catalog_dir();
    // One writer at a time, planning from the catalog as it is once held:
    // two runs at once would give one number twice.
    let _lock = match ctx.lock_unless(args.dry_run, &root, "code") {
        Ok(lock) => lock,
        Err(exit) => return exit,
    };
    let source = FolderSource::new(&root);
    let text_of = |file: &str| source.read_text(file).ok();
    let (catalog, load_findings) = match Catalog::load(&source) {
        Ok(done) => done,
        Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
    };
    let (assignments, mut problems) = match &args.renumber {
        Some(code) => match plan_renumber(ctx, &source, &catalog, code) {
            Ok(a) => (vec![a], Vec::new()),
            Err(exit) => return exit,
        },
        None => {
            // One code per file, however many paths reach it.
            let plan = coding::plan_files(&catalog, &|file| {
                let path = root.join(file);
                path.canonicalize().unwrap_or(path)
            });
            (
                plan.assignments,
                unreadable_items(&catalog, load_findings)
                    .into_iter()
                    .chain(plan.problems)
                    .collect(),
            )
        }
    };
    let (done, edit_problems) = match coding::apply(
        &root,
        assignments,
        &coding::ledger::today_cst(),
        args.dry_run,
    ) {
        Ok(done) => done,
        Err(ApplyError::Read { file, error }) => {
            return ctx.fail(
                "cli.read_failed",
                &[("path", file.into()), ("error", error.into())],
            );
        }
        Err(ApplyError::Write { file, error }) => {
            return ctx.fail(
                "cli.write_failed",
                &[("path", file.into()), ("error", error.to_string().into())],
            );
        }
    };
    for p in edit_problems {
        problems
            .push(Finding::new(&code_format::RULE, Message::new(p.error.key())).in_file(p.file));
    }
    match args.format {
        Format::Table => print_table(ctx, &done, args.dry_run, &problems, &text_of),
        Format::Json => print_json(ctx, &done, args.dry_run, &problems),
    }
    if problems.iter().any(|f| f.severity == Severity::Error) {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

/// Item files that did not load as records: they may need a code, and the
/// loading findings say why they got none.
/// `--renumber`: the published tags' ledgers are read first (a repository
/// that cannot be read stops the command rather than lose the check).
fn plan_renumber(
    ctx: &Ctx,
    source: &FolderSource,
    catalog: &Catalog,
    code: &str,
) -> Result<Assignment, Exit> {
    let published = history::published_ledgers(source)
        .map_err(|e| ctx.fail("cli.git.read", &[("error", e.to_string().into())]))?;
    coding::plan_renumber(catalog, code, &published).map_err(|e| ctx.fail_message(&e.message(code)))
}

fn unreadable_items(catalog: &Catalog, findings: Vec<Finding>) -> Vec<Finding> {
    let skipped: Vec<&str> = catalog
        .items
        .iter()
        .filter(|l| l.item.is_none() && l.item_ref.code.is_none())
        .map(|l| l.file.as_str())
        .collect();
    findings
        .into_iter()
        .filter(|f| {
            f.severity == Severity::Error
                && f.file
                    .as_deref()
                    .is_some_and(|file| skipped.contains(&file))
        })
        .collect()
}

fn print_table(
    ctx: &Ctx,
    done: &[Assignment],
    dry_run: bool,
    problems: &[Finding],
    text_of: &dyn Fn(&str) -> Option<String>,
) {
    if !done.is_empty() {
        ctx.say(&table(ctx, done).to_string());
    }
    if !problems.is_empty() {
        ctx.put(&render::human::render(problems, None, ctx.style(), text_of));
    }
    if ctx.quiet {
        return;
    }
    let key = match (done.is_empty(), dry_run) {
        (true, _) => "cli.code.nothing",
        (false, true) => "cli.code.dry_run",
        (false, false) => "cli.code.done",
    };
    ctx.say(&ctx.tr(key, &[("count", done.len().into())]));
}

fn table(ctx: &Ctx, done: &[Assignment]) -> Table {
    let renumbering = done.iter().any(|a| a.previous.is_some());
    let mut header = vec![ctx.tr("cli.code.col.code", &[])];
    if renumbering {
        header.push(ctx.tr("cli.code.col.previous", &[]));
    }
    header.extend(
        [
            "cli.code.col.department",
            "cli.code.col.name",
            "cli.code.col.file",
        ]
        .map(|k| ctx.tr(k, &[])),
    );
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_header(header);
    for a in done {
        let mut row = vec![a.code.clone()];
        if renumbering {
            row.push(a.previous.clone().unwrap_or_default());
        }
        row.extend([a.department.clone(), a.name.clone(), a.file.clone()]);
        table.add_row(row.iter().map(|c| terminal_safe(c).into_owned()));
    }
    table
}

#[derive(Serialize)]
struct JsonOut<'a> {
    dry_run: bool,
    coded: Vec<JsonCode<'a>>,
    findings: Vec<render::json::JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonCode<'a> {
    code: &'a str,
    previous_code: Option<&'a str>,
    department: &'a str,
    name: &'a str,
    file: &'a str,
}

fn print_json(ctx: &Ctx, done: &[Assignment], dry_run: bool, problems: &[Finding]) {
    let coded = done
        .iter()
        .map(|a| JsonCode {
            code: &a.code,
            previous_code: a.previous.as_deref(),
            department: &a.department,
            name: &a.name,
            file: &a.file,
        })
        .collect();
    let findings = problems
        .iter()
        .map(|f| render::json::finding(f, ctx.lang))
        .collect();
    let out = JsonOut {
        dry_run,
        coded,
        findings,
    };
    ctx.say(&serde_json::to_string_pretty(&out).expect("plain data serializes"));
}
