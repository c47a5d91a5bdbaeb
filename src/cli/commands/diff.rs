//! `qingdan diff [REV_A [REV_B]]`: what changed between two revisions, a
//! revision and the working tree, or two catalog folders.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use qingdan::diff::{self, Diff};
use qingdan::fsutil::write_atomic;
use qingdan::labels;
use qingdan::render::diff::sheet::{self, Sheet};
use qingdan::render::diff::{Sides, Words, json, markdown, notice, table, xlsx};
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
    let format = args.format.unwrap_or(match &args.output {
        Some(path) if is_xlsx(path) => Format::Xlsx,
        _ if args.notice => Format::Markdown,
        _ => Format::Table,
    });
    let output = match render(ctx, &args, &diff, &sides, format) {
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
}

fn render(
    ctx: &Ctx,
    args: &Args,
    diff: &Diff,
    sides: &Sides,
    format: Format,
) -> Result<Output, Exit> {
    let lang = ctx.lang;
    let words = Words::new(lang, diff);
    if args.notice {
        return match format {
            Format::Markdown => Ok(Output::Text(notice::render(diff, lang))),
            Format::Xlsx => Ok(Output::Workbook(vec![notice::sheet(diff, lang)])),
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
        (Format::Csv, false) => Output::Text(sheet::csv(&sheet::fields(diff, &words))),
        (Format::Csv, true) => Output::Text(sheet::csv(&sheet::stat(diff, &words))),
        (Format::Xlsx, false) => Output::Workbook(vec![
            sheet::items(diff, &words),
            sheet::fields(diff, &words),
        ]),
        (Format::Xlsx, true) => Output::Workbook(vec![sheet::stat(diff, &words)]),
    })
}

/// Prints, or writes `-o` (never replacing a file without `--force`).
fn deliver(ctx: &Ctx, args: &Args, output: Output) -> Result<(), Exit> {
    let bytes = match (&output, &args.output) {
        (Output::Text(text), None) => {
            ctx.put(text);
            return Ok(());
        }
        (Output::Workbook(_), None) => return Err(ctx.fail("cli.diff.xlsx_needs_output", &[])),
        (Output::Text(text), Some(_)) => text.clone().into_bytes(),
        (Output::Workbook(sheets), Some(path)) => xlsx::workbook(sheets).map_err(|e| {
            ctx.fail(
                "cli.write_failed",
                &[
                    ("path", path.display().to_string().into()),
                    ("error", e.to_string().into()),
                ],
            )
        })?,
    };
    let path = args.output.as_deref().expect("an output path");
    let shown = path.display().to_string();
    match write_atomic(path, &bytes, args.force) {
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
