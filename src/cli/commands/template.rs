//! `qingdan template [-o FILE]`.

use std::path::PathBuf;

use qingdan::catalog;
use qingdan::fsutil::write_atomic;
use qingdan::sheets::template;
use qingdan::source::{FolderSource, Source};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workbook to write [default: 事项填报模板.xlsx]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let output = args.output.unwrap_or_else(|| PathBuf::from(template::DEFAULT_FILE));
    let path = output.display().to_string();
    if output.exists() && !args.force {
        return ctx.fail("cli.init.exists", &[("path", path.into())]);
    }
    let source = FolderSource::new(&ctx.catalog_dir());
    let departments = match catalog::load_register(&source) {
        Ok((departments, _)) => departments,
        Err(e) => return ctx.fail_with_findings(&e.findings, &|file: &str| source.read_text(file).ok()),
    };
    let bytes = match template::workbook(&departments, ctx.lang, &[]) {
        Ok(bytes) => bytes,
        Err(e) => return ctx.fail("cli.write_failed", &[("path", path.into()), ("error", e.to_string().into())]),
    };
    if let Err(e) = write_atomic(&output, &bytes, args.force) {
        let key = if e.kind() == std::io::ErrorKind::AlreadyExists { "cli.init.exists" } else { "cli.write_failed" };
        return ctx.fail(key, &[("path", path.into()), ("error", e.to_string().into())]);
    }
    if !ctx.quiet {
        println!("{}", ctx.tr("cli.template.done", &[("file", path.into()), ("departments", departments.len().into())]));
    }
    Exit::Ok
}
