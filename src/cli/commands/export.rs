//! `qingdan export [--rev REV] --format xlsx|csv|json|html|jsonld -o OUT [--force]`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use qingdan::catalog::Catalog;
use qingdan::export::{self, ExportError, Publication, Revision};
use qingdan::finding::Severity;
use qingdan::source::{FolderSource, Source};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format [default: from the extension of -o: .xlsx, .csv, .json, .jsonld]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The file to write (xlsx, json, jsonld) or the folder (csv: one file per table; html: the site)
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// Export the catalog as it was at this git revision (read from the repository, no checkout)
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Replace the output if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Xlsx,
    Csv,
    Json,
    Html,
    Jsonld,
}

impl Format {
    fn library(self) -> export::Format {
        match self {
            Format::Xlsx => export::Format::Xlsx,
            Format::Csv => export::Format::Csv,
            Format::Json => export::Format::Json,
            Format::Html => export::Format::Html,
            Format::Jsonld => export::Format::Jsonld,
        }
    }
    /// The format an output name asks for by its extension.
    fn of_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "jsonld" => Some(Format::Jsonld),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
            Format::Jsonld => "jsonld",
        }
    }
}

/// Fewer items than this export in a blink: no bar.
const BAR_FROM_ITEMS: usize = 2_000;

/// `--format`, else the format of `-o`'s extension; both must agree.
fn format(ctx: &Ctx, args: &Args) -> Result<Format, Exit> {
    let path = || args.output.display().to_string().into();
    match (args.format, Format::of_path(&args.output)) {
        (Some(given), Some(named)) if given != named => Err(ctx.fail(
            "cli.export.format_conflict",
            &[
                ("format", given.name().into()),
                ("path", path()),
                ("named", named.name().into()),
            ],
        )),
        (Some(format), _) | (None, Some(format)) => Ok(format),
        (None, None) => Err(ctx.fail("cli.export.format_unknown", &[("path", path())])),
    }
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let format = match format(ctx, &args) {
        Ok(format) => format,
        Err(exit) => return exit,
    };
    let root = ctx.catalog_dir();
    if let Err(exit) = ctx.refuse_output_in_catalog(&args.output, &[&root]) {
        return exit;
    }
    let (source, revision): (Box<dyn Source>, Option<Revision>) = match &args.rev {
        None => (Box::new(FolderSource::new(&root)), None),
        Some(rev) => match ctx.open_revision(&root, rev) {
            Ok(source) => {
                let revision = Revision {
                    rev: rev.clone(),
                    commit: source.commit().to_string(),
                };
                (Box::new(source), Some(revision))
            }
            Err(exit) => return exit,
        },
    };
    let source = source.as_ref();
    let text_of = |file: &str| source.read_text(file).ok();
    let loading = bar(ctx, None, "cli.export.loading");
    let loaded = Catalog::load_with(source, |_, _| {
        loading.inc(1);
        Vec::new()
    });
    loading.finish_and_clear();
    let (catalog, findings) = match loaded {
        Ok(done) => done,
        Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
    };
    let errors: Vec<_> = findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        ctx.warn(&qingdan::render::human::render(
            &errors,
            None,
            ctx.style(),
            &text_of,
        ));
        ctx.fail(
            "cli.export.unreadable_items",
            &[("count", errors.len().into())],
        );
        return Exit::Findings;
    }
    let publication = Publication::new(&catalog, ctx.lang, revision);
    let total = publication.items.len();
    let writing = if total >= BAR_FROM_ITEMS {
        bar(ctx, Some(total), "cli.export.writing")
    } else {
        ProgressBar::hidden()
    };
    let written = export::write(
        &publication,
        format.library(),
        &args.output,
        args.force,
        &mut |done| writing.set_position(done as u64),
    );
    writing.finish_and_clear();
    let path = args.output.display().to_string();
    match written {
        Ok(_) => {
            // Linked data (the json-ld, the site's dataset description)
            // names things under the catalog's base IRI.
            let linked = matches!(format, Format::Jsonld | Format::Html);
            if linked && catalog.config.base_iri().is_none() {
                ctx.warn(&format!("qingdan: {}", ctx.tr("jsonld.no_base_iri", &[])));
            }
            if !ctx.quiet {
                let done = [
                    ("items", total.into()),
                    ("path", path.into()),
                    ("format", format.name().into()),
                ];
                ctx.say(&ctx.tr("cli.export.done", &done));
            }
            Exit::Ok
        }
        Err(ExportError::Exists(_)) => ctx.fail("cli.init.exists", &[("path", path.into())]),
        Err(ExportError::WrongKind(_)) if format.library().writes_folder() => {
            ctx.fail("cli.export.wrong_kind_folder", &[("path", path.into())])
        }
        Err(ExportError::WrongKind(_)) => ctx.fail(
            "cli.export.wrong_kind_file",
            &[("path", path.into()), ("format", format.name().into())],
        ),
        Err(ExportError::Io(_, e)) => ctx.fail(
            "cli.write_failed",
            &[("path", path.into()), ("error", e.to_string().into())],
        ),
    }
}

/// A bar (with a total) or a counter (without) on stderr — only when stderr
/// is a terminal and `-q` was not given; tests and pipes see nothing.
fn bar(ctx: &Ctx, total: Option<usize>, label: &str) -> ProgressBar {
    if ctx.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let label = ctx.tr(label, &[]);
    match total {
        Some(total) => {
            let style = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len}")
                .expect("a valid template");
            ProgressBar::new(total as u64)
                .with_style(style.progress_chars("=> "))
                .with_message(label)
        }
        None => {
            let style = ProgressStyle::with_template("{msg} {pos}").expect("a valid template");
            ProgressBar::no_length()
                .with_style(style)
                .with_message(label)
        }
    }
}
