//! `qingdan stats [REV [REV]]` and `qingdan stats --catalogs A B C…`:
//! reform measures of one catalog, the change between two revisions, or
//! many catalogs side by side with their reference items compared.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use qingdan::i18n::Lang;
use qingdan::source::{FolderSource, GitSource, Source};
use qingdan::stats::consistency::Groups;
use qingdan::stats::export_reader::{self, Head, Sink};
use qingdan::stats::render::{self, CatalogRow, Report};
use qingdan::stats::words::fill;
use qingdan::stats::{self, Record, Stats, Tally};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A git revision [default: the working tree]; two revisions compare them
    #[arg(value_name = "REV", num_args = 0..=2, conflicts_with = "catalogs")]
    pub revs: Vec<String>,
    /// Catalogs side by side: folders, PATH@REV (a repository at a revision) or json exports
    #[arg(long, value_name = "CATALOG", num_args = 1..)]
    pub catalogs: Vec<String>,
    /// Output format [default: table; from the -o extension when it is .json/.csv/.xlsx/.html]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Xlsx,
    Html,
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let format = args
        .format
        .unwrap_or_else(|| inferred(args.output.as_deref()));
    let made = if !args.catalogs.is_empty() {
        catalogs(ctx, &args.catalogs, format)
    } else {
        revisions(ctx, &args.revs, format)
    };
    match made {
        Ok(output) => deliver(ctx, &args, output),
        Err(exit) => exit,
    }
}

fn inferred(output: Option<&Path>) -> Format {
    let ext = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some("xlsx") => Format::Xlsx,
        Some("html" | "htm") => Format::Html,
        _ => Format::Table,
    }
}

/// The working tree, one revision, or two revisions compared.
fn revisions(ctx: &Ctx, revs: &[String], format: Format) -> Result<Vec<u8>, Exit> {
    let root = ctx.catalog_dir();
    let lang = ctx.lang;
    let measure = |rev: Option<&str>| -> Result<Stats, Exit> {
        let source = ctx.open_source(&root, rev)?;
        let catalog = ctx.load_catalog(source.as_ref())?;
        Ok(stats::of_catalog(&catalog))
    };
    match revs {
        [] | [_] => {
            let rev = revs.first().map(String::as_str);
            let stats = measure(rev)?;
            let label = rev.map_or_else(|| ctx.tr("diff.worktree", &[]), str::to_string);
            let json = || render::json::render(&stats);
            output(
                ctx,
                format,
                render::stats_report(&stats, &label, lang),
                json,
            )
        }
        [a, b] => {
            let change = stats::rounds::compare(&measure(Some(a))?, &measure(Some(b))?);
            let json = || render::json::render(&change);
            output(
                ctx,
                format,
                render::change_report(&change, a, b, lang),
                json,
            )
        }
        _ => Err(fail(lang, "error.too_many", &[])),
    }
}

/// Tallies one catalog and notes its reference items; the json export
/// reader hands items here one at a time.
struct Gather<'g> {
    index: u32,
    tally: Tally,
    groups: &'g mut Groups,
    region: String,
}

impl Sink for Gather<'_> {
    fn head(&mut self, head: Head) {
        let register: Vec<(String, String)> = head
            .departments
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
        self.tally = Tally::with_register(&register);
        self.region = head.region.name;
    }
    fn item(&mut self, record: Record) {
        self.groups.add(self.index, &record);
        self.tally.add(&record);
    }
}

fn catalogs(ctx: &Ctx, inputs: &[String], format: Format) -> Result<Vec<u8>, Exit> {
    let mut groups = Groups::default();
    let mut rows = Vec::with_capacity(inputs.len());
    for (index, input) in inputs.iter().enumerate() {
        let mut gather = Gather {
            index: index as u32,
            tally: Tally::default(),
            groups: &mut groups,
            region: String::new(),
        };
        gather_one(ctx, input, &mut gather)?;
        let region = std::mem::take(&mut gather.region);
        rows.push(CatalogRow {
            source: input.clone(),
            region,
            figures: gather.tally.finish().catalog,
        });
    }
    let differences = groups.report();
    let report = render::catalogs_report(&rows, &differences, ctx.lang);
    let json = || {
        render::json::render(&render::json::Catalogs {
            catalogs: &rows,
            consistency: &differences,
        })
    };
    output(ctx, format, report, json)
}

/// A json export (streamed), a folder, or `PATH@REV`.
fn gather_one(ctx: &Ctx, input: &str, gather: &mut Gather) -> Result<(), Exit> {
    let path = Path::new(input);
    if path.is_file() {
        let file = File::open(path).map_err(|e| export_error(ctx.lang, input, &e.to_string()))?;
        return export_reader::read(BufReader::with_capacity(1 << 16, file), gather)
            .map_err(|e| export_error(ctx.lang, input, &e.to_string()));
    }
    let source: Box<dyn Source> = if path.is_dir() {
        Box::new(FolderSource::new(path))
    } else if let Some((dir, rev)) = input.rsplit_once('@')
        && Path::new(dir).is_dir()
    {
        Box::new(open_at(ctx, dir, rev)?)
    } else {
        return Err(fail(ctx.lang, "error.not_found", &[("path", input)]));
    };
    let catalog = ctx.load_catalog(source.as_ref())?;
    gather.region = catalog.config.region.name.clone();
    gather.tally = Tally::with_register(&stats::register(&catalog.departments));
    for (_, item) in catalog.records() {
        gather.item(Record::from_item(item));
    }
    Ok(())
}

fn open_at(ctx: &Ctx, dir: &str, rev: &str) -> Result<GitSource, Exit> {
    ctx.open_revision(Path::new(dir), rev)
}

fn export_error(lang: Lang, file: &str, error: &str) -> Exit {
    fail(lang, "error.export", &[("file", file), ("error", error)])
}

/// A message of this command on stderr; the command could not do its job.
fn fail(lang: Lang, key: &str, args: &[(&str, &str)]) -> Exit {
    let prefix = qingdan::texts::tr(lang, "cli.error", &[]);
    let text = fill(lang, key, args);
    eprintln!("qingdan: {prefix}{}", qingdan::i18n::terminal_safe(&text));
    Exit::Failed
}

fn output(
    ctx: &Ctx,
    format: Format,
    report: Report,
    json: impl FnOnce() -> String,
) -> Result<Vec<u8>, Exit> {
    Ok(match format {
        // Department names and labels are user text: escaped on a terminal.
        Format::Table => qingdan::i18n::terminal_safe(&render::table::render(&report))
            .into_owned()
            .into_bytes(),
        Format::Json => json().into_bytes(),
        Format::Html => render::html::render(&report).into_bytes(),
        Format::Csv => render::csv::render(&report).map_err(|e| {
            ctx.fail(
                "cli.write_failed",
                &[("path", "csv".into()), ("error", e.to_string().into())],
            )
        })?,
        Format::Xlsx => render::xlsx::render(&report).map_err(|e| {
            ctx.fail(
                "cli.write_failed",
                &[("path", "xlsx".into()), ("error", e.to_string().into())],
            )
        })?,
    })
}

/// Prints, or writes `-o` (never replacing a file without `--force`). A
/// workbook is not written to a terminal.
fn deliver(ctx: &Ctx, args: &Args, bytes: Vec<u8>) -> Exit {
    let Some(path) = args.output.as_deref() else {
        if args.format == Some(Format::Xlsx) {
            return ctx.fail("cli.diff.xlsx_needs_output", &[]);
        }
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        // A closed pipe (`| head`) is not a failure of the report.
        let _ = out.write_all(&bytes).and_then(|()| out.flush());
        return Exit::Ok;
    };
    super::write_output(ctx, path, &bytes, args.force)
}
