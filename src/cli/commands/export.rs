//! `qingdan export [--rev REV] --format html|jsonld -o OUT [--force]`.

use std::path::PathBuf;

use clap::ValueEnum;
use qingdan::catalog::Catalog;
use qingdan::export::output::{self, OutputError};
use qingdan::export::{html, jsonld};
use qingdan::finding::Severity;

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum)]
    pub format: Format,
    /// The folder to write (html) or the file (jsonld)
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
    Html,
    Jsonld,
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let source = match ctx.open_source(&ctx.catalog_dir(), args.rev.as_deref()) {
        Ok(source) => source,
        Err(exit) => return exit,
    };
    let text_of = |file: &str| source.read_text(file).ok();
    let (catalog, findings) = match Catalog::load(source.as_ref()) {
        Ok(done) => done,
        Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
    };
    // A file that did not load would be missing from the publication.
    let errors: Vec<_> = findings.into_iter().filter(|f| f.severity == Severity::Error).collect();
    if !errors.is_empty() {
        eprint!("{}", qingdan::render::human::render(&errors, None, ctx.style(), &text_of));
        ctx.fail("cli.export.unreadable", &[("count", errors.len().into())]);
        return Exit::Findings;
    }
    let items = output::published_items(&catalog);
    let written = match args.format {
        Format::Html => html::write(&catalog, &items, ctx.lang, &args.output, args.force),
        Format::Jsonld => jsonld::write(&catalog, &items, ctx.lang, &args.output, args.force),
    };
    let path = args.output.display().to_string();
    match written {
        Ok(count) => {
            if !ctx.quiet {
                let key = if args.format == Format::Html { "cli.export.site_done" } else { "cli.export.jsonld_done" };
                println!("{}", ctx.tr(key, &[("items", count.into()), ("path", path.into())]));
            }
            Exit::Ok
        }
        Err(OutputError::Exists(_)) => ctx.fail("cli.init.exists", &[("path", path.into())]),
        Err(OutputError::WrongKind(_)) if args.format == Format::Html => ctx.fail("cli.export.needs_folder", &[("path", path.into())]),
        Err(OutputError::WrongKind(_)) => ctx.fail("cli.export.needs_file", &[("path", path.into())]),
        Err(OutputError::Io(_, e)) => ctx.fail("cli.write_failed", &[("path", path.into()), ("error", e.to_string().into())]),
    }
}
