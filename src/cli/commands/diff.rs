//! `qingdan diff [REV_A [REV_B]]`: what changed between two revisions, a
//! revision and the working tree, or two catalog folders.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use qingdan::diff::{self, Diff};
use qingdan::fsutil::write_atomic;
use qingdan::labels;
use qingdan::render::diff::sheet::{self, Sheet};
use qingdan::render::diff::{Sides, Words, json, markdown, notice, table, xlsx};
use qingdan::rounds::notice::NoticeFacts;
use qingdan::source::{FolderSource, GitSource, Source};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The older side: a git revision, or a catalog folder [default: HEAD]
    #[arg(value_name = "REV_A")]
    pub rev_a: Option<String>,
    /// The newer side: a git revision, or a catalog folder [default: the working tree]
    #[arg(value_name = "REV_B")]
    pub rev_b: Option<String>,
    /// Output format [default: table; xlsx when -o ends in .xlsx]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Write the dynamic-adjustment notice (new / changed / cancelled items)
    #[arg(long, conflicts_with = "stat")]
    pub notice: bool,
    /// The notice's issuing body [default: the publication record, or catalog.yaml publication.issuer]
    #[arg(long, value_name = "NAME", requires = "notice")]
    pub issuer: Option<String>,
    /// The notice's document number (文号) [default: the publication record]
    #[arg(long, value_name = "NUMBER", requires = "notice")]
    pub document_number: Option<String>,
    /// The notice's date, YYYY-MM-DD [default: the publication or approval record]
    #[arg(long, value_name = "DATE", requires = "notice")]
    pub date: Option<String>,
    /// Only count the changes per department
    #[arg(long)]
    pub stat: bool,
    /// Only items of this department (repeatable)
    #[arg(long, value_name = "ID")]
    pub department: Vec<String>,
    /// Only changes of this field: a key, a path or a Chinese name (repeatable)
    #[arg(long, value_name = "KEY")]
    pub field: Vec<String>,
    /// Exit 1 when there are differences
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Xlsx,
    Markdown,
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let root = ctx.catalog_dir();
    if let Some(out) = &args.output {
        // Neither the catalog nor a folder being compared takes the output.
        let mut catalogs = vec![root.as_path()];
        catalogs.extend(
            [args.rev_a.as_deref(), args.rev_b.as_deref()]
                .into_iter()
                .flatten()
                .map(Path::new)
                .filter(|p| p.is_dir()),
        );
        if let Err(exit) = ctx.refuse_output_in_catalog(out, &catalogs) {
            return exit;
        }
    }
    if let Some(date) = args
        .date
        .as_deref()
        .filter(|d| !qingdan::model::date::is_date(d))
    {
        return ctx.fail("cli.diff.bad_date", &[("date", date.into())]);
    }
    let (old, new, sides) = match open_sides(ctx, &root, &args) {
        Ok(opened) => opened,
        Err(exit) => return exit,
    };
    let mut diff = match diff::compare(old.as_ref(), new.as_ref()) {
        Ok(diff) => diff,
        Err(error) => return ctx.fail("cli.diff.unreadable", &[("error", error.into())]),
    };
    let fields: Vec<String> = args.field.iter().map(|f| field_key(f)).collect();
    diff.retain(&args.department, &fields);
    if !diff.findings.is_empty() {
        ctx.warn(&qingdan::render::human::render(
            &diff.findings,
            None,
            ctx.style(),
            &|_| None,
        ));
    }
    let facts = args
        .notice
        .then(|| notice_facts(ctx, &args, old.as_ref(), new.as_ref(), &diff));
    let format = args.format.unwrap_or(match &args.output {
        Some(path) if is_xlsx(path) => Format::Xlsx,
        _ if args.notice => Format::Markdown,
        _ => Format::Table,
    });
    let output = match render(ctx, &args, &diff, &sides, facts.as_ref(), format) {
        Ok(output) => output,
        Err(exit) => return exit,
    };
    if let Err(exit) = deliver(ctx, &args, output) {
        return exit;
    }
    if args.exit_code && !diff.items.is_empty() {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

type Opened = (Box<dyn Source>, Box<dyn Source>, Sides);

/// Two folders; two revisions; a revision and the working tree; or HEAD and
/// the working tree.
fn open_sides(ctx: &Ctx, root: &Path, args: &Args) -> Result<Opened, Exit> {
    let worktree = ctx.tr("diff.worktree", &[]);
    match (args.rev_a.as_deref(), args.rev_b.as_deref()) {
        (Some(a), Some(b)) if Path::new(a).is_dir() && Path::new(b).is_dir() => {
            // Two folders must both be catalogs: `diff CATALOG /etc` is a
            // mistake, not "every item removed".
            if let Some(folder) = [a, b]
                .into_iter()
                .find(|f| !Path::new(f).join("catalog.yaml").is_file())
            {
                return Err(ctx.fail("cli.not_a_catalog", &[("path", folder.into())]));
            }
            let sides = Sides {
                old: a.to_string(),
                new: b.to_string(),
            };
            Ok((
                Box::new(FolderSource::new(a)),
                Box::new(FolderSource::new(b)),
                sides,
            ))
        }
        (Some(a), Some(b)) => {
            let old = ctx.open_revision(root, a)?;
            let new = reopen(ctx, &old, b)?;
            Ok((
                Box::new(old),
                Box::new(new),
                Sides {
                    old: a.to_string(),
                    new: b.to_string(),
                },
            ))
        }
        (a, _) => {
            let rev = a.unwrap_or("HEAD");
            let old = ctx.open_revision(root, rev)?;
            Ok((
                Box::new(old),
                Box::new(FolderSource::new(root)),
                Sides {
                    old: rev.to_string(),
                    new: worktree,
                },
            ))
        }
    }
}

fn reopen(ctx: &Ctx, opened: &GitSource, rev: &str) -> Result<GitSource, Exit> {
    opened
        .at_revision(rev)
        .map_err(|_| ctx.fail("cli.git.unknown_revision", &[("rev", rev.into())]))
}

/// `申请材料` → `materials`; paths and keys stay as given.
fn field_key(text: &str) -> String {
    labels::item_key(text).map_or_else(|| text.trim().to_string(), str::to_string)
}

fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Text for standard output or a file, or a workbook.
enum Output {
    Text(String),
    Workbook(Vec<Sheet>),
    /// A csv: printed for programs, or written with `-o X.csv` in two
    /// forms — `X.csv` with `X.csv-metadata.json`, and `X-阅读版.csv`.
    Csv(Sheet, String),
}

fn render(
    ctx: &Ctx,
    args: &Args,
    diff: &Diff,
    sides: &Sides,
    facts: Option<&NoticeFacts>,
    format: Format,
) -> Result<Output, Exit> {
    let lang = ctx.lang;
    let words = Words::new(lang, diff);
    if let Some(facts) = facts {
        return match format {
            Format::Markdown => Ok(Output::Text(notice::render(diff, facts, lang))),
            Format::Xlsx => Ok(Output::Workbook(vec![notice::sheet(diff, facts, lang)])),
            _ => Err(ctx.fail("cli.diff.notice_format", &[])),
        };
    }
    let style = qingdan::render::Style {
        color: ctx.color && args.output.is_none(),
        ..ctx.style()
    };
    Ok(match (format, args.stat) {
        (Format::Table, false) => Output::Text(table::render(diff, sides, style)),
        (Format::Table, true) => Output::Text(table::render_stat(diff, sides, style)),
        (Format::Json, false) => Output::Text(json::render(diff)),
        (Format::Json, true) => Output::Text(json::render_stat(diff)),
        (Format::Markdown, false) => Output::Text(markdown::render(diff, sides, lang)),
        (Format::Markdown, true) => Output::Text(markdown::render_stat(diff, sides, lang)),
        (Format::Csv, false) => Output::Csv(sheet::fields(diff, &words), words.tr("diff.col.code")),
        (Format::Csv, true) => Output::Csv(sheet::stat(diff, &words), words.tr("diff.col.code")),
        (Format::Xlsx, false) => Output::Workbook(vec![
            sheet::items(diff, &words),
            sheet::fields(diff, &words),
        ]),
        (Format::Xlsx, true) => Output::Workbook(vec![sheet::stat(diff, &words)]),
    })
}

/// How many items a warning names before it stops.
const NAMED: usize = 10;

/// The notice's facts from the newer side, the options over them; warns of
/// a heading part missing and of adjustments without a reason.
fn notice_facts(
    ctx: &Ctx,
    args: &Args,
    old: &dyn Source,
    new: &dyn Source,
    diff: &Diff,
) -> NoticeFacts {
    let mut facts = qingdan::rounds::notice::facts(old, new, diff);
    let given = [
        (&mut facts.issuer, &args.issuer),
        (&mut facts.document_number, &args.document_number),
        (&mut facts.date, &args.date),
    ];
    for (fact, option) in given {
        if let Some(value) = option.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            *fact = Some(value.to_string());
        }
    }
    let warning = ctx.tr("cli.warning", &[]);
    let missing = [
        (
            facts.issuer.is_none(),
            "cli.diff.missing.issuer",
            "--issuer",
        ),
        (
            facts.document_number.is_none(),
            "cli.diff.missing.number",
            "--document-number",
        ),
        (facts.date.is_none(), "cli.diff.missing.date", "--date"),
    ];
    for (_, what, option) in missing.iter().filter(|(absent, _, _)| *absent) {
        let text = ctx.tr(
            "cli.diff.notice_missing",
            &[
                ("what", ctx.tr(what, &[]).into()),
                ("option", (*option).into()),
            ],
        );
        ctx.warn(&format!("qingdan: {warning}{text}\n"));
    }
    let unexplained: Vec<&str> = notice::announced(diff)
        .into_iter()
        .filter(|i| facts.notes_of(&i.file).is_none_or(|n| n.reasons.is_empty()))
        .map(|i| i.name.as_str())
        .collect();
    if !unexplained.is_empty() {
        let mut items = unexplained[..unexplained.len().min(NAMED)].join(ctx.lang.pick("、", ", "));
        if unexplained.len() > NAMED {
            items.push('…');
        }
        let text = ctx.tr(
            "cli.diff.notice_no_reason",
            &[("count", unexplained.len().into()), ("items", items.into())],
        );
        ctx.warn(&format!("qingdan: {warning}{text}\n"));
    }
    facts
}

/// Prints, or writes `-o` (never replacing a file without `--force`).
fn deliver(ctx: &Ctx, args: &Args, output: Output) -> Result<(), Exit> {
    let bytes = match (&output, &args.output) {
        (Output::Text(text), None) => {
            ctx.put(text);
            return Ok(());
        }
        (Output::Workbook(_), None) => return Err(ctx.fail("cli.diff.xlsx_needs_output", &[])),
        (Output::Csv(sheet, _), None) => {
            ctx.put(&sheet::csv(sheet));
            return Ok(());
        }
        (Output::Text(text), Some(_)) => text.clone().into_bytes(),
        (Output::Csv(sheet, code), Some(path)) => {
            // The two companions first: a refusal leaves the main file alone.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = name.strip_suffix(".csv").unwrap_or(&name);
            let people = path.with_file_name(format!(
                "{stem}{}.csv",
                ctx.lang.pick("-阅读版", "-reading")
            ));
            let metadata = path.with_file_name(format!("{name}-metadata.json"));
            for (companion, text) in [
                (people, sheet::csv_for_people(sheet, code)),
                (metadata, sheet::csv_metadata(sheet, &name)),
            ] {
                write_file(ctx, &companion, text.as_bytes(), args.force)?;
            }
            sheet::csv(sheet).into_bytes()
        }
        (Output::Workbook(sheets), Some(path)) => {
            xlsx::workbook(sheets, ctx.lang).map_err(|e| {
                ctx.fail(
                    "cli.write_failed",
                    &[
                        ("path", path.display().to_string().into()),
                        ("error", e.to_string().into()),
                    ],
                )
            })?
        }
    };
    let path = args.output.as_deref().expect("an output path");
    write_file(ctx, path, &bytes, args.force)
}

/// Writes one file (never replacing one without `--force`) and says so.
fn write_file(ctx: &Ctx, path: &std::path::Path, bytes: &[u8], force: bool) -> Result<(), Exit> {
    let shown = path.display().to_string();
    match write_atomic(path, bytes, force) {
        Ok(()) => {
            if !ctx.quiet {
                ctx.warn(&format!(
                    "{}\n",
                    ctx.tr("cli.written", &[("path", shown.into())])
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(ctx.fail("cli.init.exists", &[("path", shown.into())]))
        }
        Err(e) => Err(ctx.fail(
            "cli.write_failed",
            &[("path", shown.into()), ("error", e.to_string().into())],
        )),
    }
}
