//! `qingdan review export --round R -o DIR [--office ID] [--force]` and
//! `qingdan review import FILE... [--force]`.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use qingdan::catalog::Catalog;
use qingdan::coding::ledger::today_cst;
use qingdan::finding::{Arg, Finding, Message, Severity};
use qingdan::fsutil::{write_atomic, write_atomic_all};
use qingdan::model::{Carried, Labelled, Receipt, Reviewer, Round};
use qingdan::render;
use qingdan::review::export;
use qingdan::review::file::Current;
use qingdan::review::import::{self, Plan};
use qingdan::review::select::{self, Audience, Selection};
use qingdan::rounds::routing::Reason;
use qingdan::rounds::{self, Snapshot, reviews};
use qingdan::sheets::import::Workbook;
use qingdan::source::{FolderSource, GitSource, Source};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: ReviewCommand,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Write review workbooks: one per department, or one for an office
    Export(ExportArgs),
    /// Read filled review workbooks back into the review files
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The round whose opinions the workbooks carry: review-1, review-2, adjust…
    #[arg(long, value_name = "R", value_parser = parse_round)]
    pub round: Round,
    /// The folder to write the workbooks into
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Replace workbooks that exist
    #[arg(long)]
    pub force: bool,
    /// One workbook of everything routed to this office (bianban, fagaiwei…, or a supervising department's id)
    #[arg(long, value_name = "ID")]
    pub office: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Filled review workbooks (.xlsx)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Import a workbook even when an item changed since it was exported
    #[arg(long)]
    pub force: bool,
}

fn parse_round(text: &str) -> Result<Round, String> {
    let keys: Vec<&str> = Round::VARIANTS.iter().map(|v| v.key).collect();
    Round::parse(text).ok_or_else(|| format!("`{text}`: {}", keys.join(" | ")))
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    match args.command {
        ReviewCommand::Export(args) => run_export(ctx, args),
        ReviewCommand::Import(args) => run_import(ctx, args),
    }
}

fn run_export(ctx: &Ctx, args: ExportArgs) -> Exit {
    let root = ctx.catalog_dir();
    if let Err(exit) = ctx.refuse_output_in_catalog(&args.output, &[&root]) {
        return exit;
    }
    // The receipts are written into the review files.
    let _lock = match ctx.lock(&root, "review export") {
        Ok(lock) => lock,
        Err(exit) => return exit,
    };
    let source = FolderSource::new(&root);
    // The adjust round reviews what changed since the last publication.
    let published = match args.round {
        Round::Adjust => match last_publication(ctx, &root) {
            Ok(published) => Some(published),
            Err(exit) => return exit,
        },
        _ => None,
    };
    let snap = match rounds::snapshot(&source, published.as_ref().map(|s| s as &dyn Source)) {
        Ok(snap) => snap,
        Err(e) => {
            return ctx.fail_with_findings(&e.findings, &|file: &str| source.read_text(file).ok());
        }
    };
    let selections = match selections(ctx, &snap, &args) {
        Ok(selections) => selections,
        Err(exit) => return exit,
    };
    let books: Vec<(PathBuf, &Selection)> = selections
        .iter()
        .map(|s| (args.output.join(export::file_name(s, &snap.catalog)), s))
        .collect();
    if !args.force
        && let Some((path, _)) = books.iter().find(|(path, _)| path.exists())
    {
        return ctx.fail(
            "cli.init.exists",
            &[("path", path.display().to_string().into())],
        );
    }
    let receipts = match receipts(ctx, &source, &snap, &books) {
        Ok(receipts) => receipts,
        Err(exit) => return exit,
    };
    let today = today_cst();
    for (path, selection) in &books {
        if let Err(exit) = write_workbook(ctx, path, selection, &snap.catalog, &today, args.force) {
            return exit;
        }
    }
    for (file, text) in &receipts {
        if let Err(exit) = write_file(ctx, &root.join(file), text.as_bytes(), true) {
            return exit;
        }
        say(ctx, "cli.review.receipt", &[("file", file.as_str().into())]);
    }
    let round = Arg::Localized {
        zh: args.round.zh().to_string(),
        en: args.round.en().to_string(),
    };
    say(
        ctx,
        "cli.review.exported",
        &[("round", round), ("count", books.len().into())],
    );
    Exit::Ok
}

/// The catalog at the newest publication tag reachable from HEAD; the exit
/// when there is none (nothing to compare the adjust round with).
fn last_publication(ctx: &Ctx, root: &Path) -> Result<GitSource, Exit> {
    let tags = rounds::git::tags_reachable(root, rounds::git::ROUND_TAGS, "HEAD")
        .map_err(|e| ctx.fail("cli.git.read", &[("error", e.to_string().into())]))?;
    match rounds::tags::state(&tags).last_published {
        Some(tag) => ctx.open_revision(root, &tag.name()),
        None => Err(ctx.fail("cli.review.adjust_unpublished", &[])),
    }
}

/// The workbooks to write: one per department with items, or the office's.
fn selections<'a>(
    ctx: &Ctx,
    snap: &'a Snapshot,
    args: &ExportArgs,
) -> Result<Vec<Selection<'a>>, Exit> {
    let Some(id) = &args.office else {
        let departments = select::departments(snap, args.round);
        return Ok(departments
            .iter()
            .map(|d| select::for_department(snap, args.round, d))
            .collect());
    };
    let Some(reviewer) = snap.catalog.reviewer(id) else {
        let (zh, en) = reviews::office_listing(snap.catalog.config.offices());
        return Err(ctx.fail_message(
            &Message::new("review.unknown_office")
                .arg("office", id.as_str())
                .localized("allowed", zh, en),
        ));
    };
    Ok(vec![select::for_reviewer(snap, args.round, &reviewer)])
}

/// The new text of each review file that takes a receipt; the exit when
/// one of them does not load (nothing is written then).
fn receipts(
    ctx: &Ctx,
    source: &dyn Source,
    snap: &Snapshot,
    books: &[(PathBuf, &Selection)],
) -> Result<Vec<(String, String)>, Exit> {
    let today = today_cst();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut problems: Vec<Finding> = Vec::new();
    for (path, selection) in books {
        let workbook = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let office = match &selection.audience {
            Audience::Department(_) => None,
            Audience::Reviewer(reviewer) => Some(reviewer.clone()),
        };
        for (department, items) in selection.departments() {
            if let Err(mut found) =
                reviews::read_file(source, &snap.catalog, selection.round, &department)
            {
                problems.append(&mut found);
                continue;
            }
            let file = reviews::path_of(selection.round, &department);
            let current = Current::read(source, &file).unwrap_or_default();
            // A department's workbook carries every opinion of the round
            // on its items; the review-1 gate checks them off.
            let opinions = match office {
                Some(_) => Vec::new(),
                None => selection
                    .entries
                    .iter()
                    .flat_map(|e| e.opinions.iter().map(|(_, o)| Carried::of(o)))
                    .collect(),
            };
            let receipt = Receipt {
                workbook: workbook.clone(),
                date: today.clone(),
                items,
                office: office.clone(),
                opinions,
            };
            out.push((file, current.with_receipt(&receipt)));
        }
    }
    if problems.is_empty() {
        return Ok(out);
    }
    ctx.warn(&render::human::render(
        &problems,
        None,
        ctx.style(),
        &|file: &str| source.read_text(file).ok(),
    ));
    Err(ctx.fail("cli.review.review_file", &[]))
}

fn write_workbook(
    ctx: &Ctx,
    path: &Path,
    selection: &Selection,
    catalog: &Catalog,
    today: &str,
    force: bool,
) -> Result<(), Exit> {
    let label = path.display().to_string();
    let bytes = export::workbook(selection, catalog, ctx.lang, today).map_err(|e| {
        ctx.fail(
            "cli.write_failed",
            &[
                ("path", label.as_str().into()),
                ("error", e.to_string().into()),
            ],
        )
    })?;
    write_file(ctx, path, &bytes, force)?;
    let opinions: usize = selection.entries.iter().map(|e| e.opinions.len()).sum();
    let findings: usize = selection.entries.iter().map(|e| e.findings.len()).sum();
    let args = [
        ("file", label.into()),
        ("items", selection.entries.len().into()),
        ("opinions", opinions.into()),
        ("findings", findings.into()),
    ];
    say(ctx, "cli.review.written", &args);
    if let Audience::Reviewer(reviewer) = &selection.audience {
        say_routing(ctx, catalog, selection, reviewer);
    }
    Ok(())
}

/// Why a reviewer's workbook holds its items: the reviewer's duties, and
/// how many items each reason routed (the 审核事由 column has each item's).
fn say_routing(ctx: &Ctx, catalog: &Catalog, selection: &Selection, reviewer: &Reviewer) {
    let separator = ctx.lang.pick("、", ", ");
    let duties = match reviewer.office_in(catalog.config.offices()) {
        Some(office) => office
            .duties
            .iter()
            .map(|d| ctx.lang.pick(d.zh(), d.en()))
            .collect::<Vec<_>>()
            .join(separator),
        None => ctx.tr("routing.supervisor", &[]),
    };
    let mut counts: Vec<(Option<Reason>, usize)> = Vec::new();
    for entry in &selection.entries {
        let reasons = entry.reasons_of(reviewer);
        let keys: Vec<Option<Reason>> = if reasons.is_empty() {
            vec![None]
        } else {
            reasons.into_iter().map(Some).collect()
        };
        for key in keys {
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => counts.push((key, 1)),
            }
        }
    }
    counts.sort_by_key(|(k, _)| (k.is_none(), *k));
    let reasons: Vec<String> = counts
        .iter()
        .map(|(reason, n)| {
            let label = match reason {
                Some(reason) => ctx
                    .lang
                    .pick(reason.label().0, reason.label().1)
                    .to_string(),
                None => ctx.tr("routing.unrouted", &[]),
            };
            format!("{label} {n}")
        })
        .collect();
    let (zh, en) = export::reviewer_name(catalog, reviewer);
    let args = [
        ("office", ctx.lang.pick(&zh, &en).into()),
        ("id", reviewer.id().into()),
        ("duties", duties.into()),
        ("count", selection.entries.len().into()),
        (
            "reasons",
            if reasons.is_empty() {
                "—".to_string()
            } else {
                reasons.join(separator)
            }
            .into(),
        ),
    ];
    say(ctx, "routing.summary", &args);
}

fn write_file(ctx: &Ctx, path: &Path, bytes: &[u8], replace: bool) -> Result<(), Exit> {
    write_atomic(path, bytes, replace).map_err(|e| ctx.write_failed(path, &e))
}

/// A progress line, unless `-q`.
fn say(ctx: &Ctx, key: &str, args: &[(&'static str, Arg)]) {
    if !ctx.quiet {
        ctx.say(&ctx.tr(key, args));
    }
}

fn run_import(ctx: &Ctx, args: ImportArgs) -> Exit {
    let root = ctx.catalog_dir();
    let _lock = match ctx.lock(&root, "review import") {
        Ok(lock) => lock,
        Err(exit) => return exit,
    };
    let source = FolderSource::new(&root);
    let text_of = |file: &str| source.read_text(file).ok();
    let catalog = match ctx.load_catalog(&source) {
        Ok(catalog) => catalog,
        Err(exit) => return exit,
    };
    let (mut unreadable, mut refused, mut written) = (false, 0usize, 0usize);
    for path in &args.files {
        let label = path.display().to_string();
        let plan = match qingdan::sheets::read_input(path) {
            Ok(bytes) => import::plan(
                &catalog,
                &source,
                Workbook {
                    label: label.clone(),
                    bytes,
                },
                args.force,
            ),
            Err(message) => Plan {
                workbook: label.clone(),
                findings: vec![qingdan::sheets::import::unreadable(&label, message)],
                unreadable: true,
                ..Plan::default()
            },
        };
        ctx.put(&render::human::render(
            &plan.findings,
            None,
            ctx.style(),
            &text_of,
        ));
        unreadable |= plan.unreadable;
        if plan.has_errors() {
            refused += 1;
            let errors = plan
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            say(
                ctx,
                "cli.review.refused",
                &[("workbook", label.into()), ("count", errors.into())],
            );
            continue;
        }
        if let Err(exit) = write_plan(ctx, &root, &plan) {
            return exit;
        }
        written += plan.files.len();
    }
    let summary = [
        ("workbooks", args.files.len().into()),
        ("files", written.into()),
        ("refused", refused.into()),
    ];
    say(ctx, "cli.review.summary", &summary);
    if unreadable {
        Exit::Failed
    } else if refused > 0 {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

/// Writes a workbook's review files together (one flush, then renames).
fn write_plan(ctx: &Ctx, root: &Path, plan: &Plan) -> Result<(), Exit> {
    let files: Vec<(PathBuf, String)> = plan
        .files
        .iter()
        // A symlinked review file is written at its target in the catalog.
        .map(|p| {
            let path = root.join(&p.file);
            let path = qingdan::fsutil::write_target(root, &path).unwrap_or(path);
            (path, p.text.clone())
        })
        .collect();
    if let Some(dir) = files.first().and_then(|(path, _)| path.parent())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return Err(ctx.fail(
            "cli.write_failed",
            &[
                ("path", dir.display().to_string().into()),
                ("error", e.to_string().into()),
            ],
        ));
    }
    if let Err(e) = write_atomic_all(&files) {
        return Err(ctx.fail(
            "cli.write_failed",
            &[
                ("path", plan.workbook.as_str().into()),
                ("error", e.to_string().into()),
            ],
        ));
    }
    if plan.files.is_empty() {
        say(
            ctx,
            "cli.review.nothing",
            &[("workbook", plan.workbook.as_str().into())],
        );
    }
    for p in &plan.files {
        let args = [
            ("workbook", plan.workbook.as_str().into()),
            ("file", p.file.as_str().into()),
            ("added", p.added.into()),
            ("updated", p.updated.into()),
            ("answered", p.answered.into()),
        ];
        say(ctx, "cli.review.imported", &args);
    }
    Ok(())
}
