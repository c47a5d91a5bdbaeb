//! `qingdan template [-o FILE] [--department ID]`.

use std::path::PathBuf;

use qingdan::catalog::{self, Catalog};
use qingdan::fsutil::write_atomic;
use qingdan::model::{Department, Item};
use qingdan::sheets::registers::{self, Book};
use qingdan::sheets::template;
use qingdan::source::{FolderSource, Source};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workbook to write [default: 事项填报模板.xlsx]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Pre-fill the workbook with this department's active items (二报)
    #[arg(long, value_name = "ID")]
    pub department: Option<String>,
    /// Write a register's workbook, pre-filled with its entries
    #[arg(long, value_enum, value_name = "NAME", conflicts_with_all = ["department", "intermediaries"])]
    pub register: Option<RegisterArg>,
    /// Write the 中介服务事项 and 承揽机构 workbook, pre-filled
    #[arg(long, conflicts_with = "department")]
    pub intermediaries: bool,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

/// The registers `--register` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RegisterArg {
    Materials,
    Laws,
    Proofs,
    Fees,
    Agencies,
}

impl RegisterArg {
    fn book(self) -> Book {
        match self {
            RegisterArg::Materials => Book::Materials,
            RegisterArg::Laws => Book::Laws,
            RegisterArg::Proofs => Book::Proofs,
            RegisterArg::Fees => Book::Fees,
            RegisterArg::Agencies => Book::Agencies,
        }
    }
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let book = match (args.register, args.intermediaries) {
        (Some(register), _) => Some(register.book()),
        (None, true) => Some(Book::Intermediaries),
        (None, false) => None,
    };
    if let Some(book) = book {
        return register_book(ctx, book, args.output, args.force);
    }
    let output = args
        .output
        .unwrap_or_else(|| PathBuf::from(template::DEFAULT_FILE));
    let path = output.display().to_string();
    if let Err(exit) = ctx.refuse_output_in_catalog(&output, &[&ctx.catalog_dir()]) {
        return exit;
    }
    if output.exists() && !args.force {
        return ctx.fail("cli.init.exists", &[("path", path.into())]);
    }
    let source = FolderSource::new(ctx.catalog_dir());
    let text_of = |file: &str| source.read_text(file).ok();
    let (departments, catalog) = match &args.department {
        None => match catalog::load_register(&source) {
            Ok((departments, _)) => (departments, None),
            Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
        },
        Some(_) => match Catalog::load(&source) {
            Ok((catalog, _)) => (catalog.departments.clone(), Some(catalog)),
            Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
        },
    };
    let items = match (&args.department, &catalog) {
        (Some(id), Some(catalog)) => match department_items(catalog, &departments, id) {
            Some(items) => items,
            None => {
                return ctx.fail(
                    "cli.template.unknown_department",
                    &[("department", id.as_str().into())],
                );
            }
        },
        _ => Vec::new(),
    };
    let bytes = match template::workbook(&departments, ctx.lang, &items) {
        Ok(bytes) => bytes,
        Err(e) => {
            return ctx.fail(
                "cli.write_failed",
                &[("path", path.into()), ("error", e.to_string().into())],
            );
        }
    };
    if let Err(exit) =
        write_atomic(&output, &bytes, args.force).map_err(|e| ctx.write_failed(&output, &e))
    {
        return exit;
    }
    if !ctx.quiet {
        let (key, count) = match &args.department {
            Some(_) => ("cli.template.done_prefilled", items.len()),
            None => ("cli.template.done", departments.len()),
        };
        let department = args.department.clone().unwrap_or_default();
        ctx.say(&ctx.tr(
            key,
            &[
                ("file", path.into()),
                ("departments", count.into()),
                ("items", count.into()),
                ("department", department.into()),
            ],
        ));
    }
    Exit::Ok
}

/// The department's active items in file order, with their files; `None`
/// for a department the register does not list.
fn department_items<'a>(
    catalog: &'a Catalog,
    departments: &[Department],
    id: &str,
) -> Option<Vec<(&'a str, &'a Item)>> {
    departments.iter().find(|d| d.id == id)?;
    let mut items: Vec<(&str, &Item)> = catalog
        .records()
        .filter(|(_, item)| item.department == id && item.is_active())
        .map(|(loaded, item)| (loaded.file.as_str(), item))
        .collect();
    items.sort_by_key(|(file, _)| *file);
    Some(items)
}

/// `template --register NAME` / `--intermediaries`: the register workbook,
/// pre-filled with the catalog's entries.
fn register_book(ctx: &Ctx, book: Book, output: Option<PathBuf>, force: bool) -> Exit {
    let output = output.unwrap_or_else(|| PathBuf::from(book.default_file()));
    let path = output.display().to_string();
    if let Err(exit) = ctx.refuse_output_in_catalog(&output, &[&ctx.catalog_dir()]) {
        return exit;
    }
    if output.exists() && !force {
        return ctx.fail("cli.init.exists", &[("path", path.into())]);
    }
    let source = FolderSource::new(ctx.catalog_dir());
    let text_of = |file: &str| source.read_text(file).ok();
    let catalog = match Catalog::load(&source) {
        Ok((catalog, _)) => catalog,
        Err(e) => return ctx.fail_with_findings(&e.findings, &text_of),
    };
    let (bytes, rows) = match registers::workbook(book, &source, &catalog, ctx.lang) {
        Ok(Ok(written)) => written,
        Ok(Err(e)) => {
            return ctx.fail(
                "cli.write_failed",
                &[("path", path.into()), ("error", e.to_string().into())],
            );
        }
        Err(message) => return ctx.fail_message(&message),
    };
    if let Err(exit) =
        write_atomic(&output, &bytes, force).map_err(|e| ctx.write_failed(&output, &e))
    {
        return exit;
    }
    if !ctx.quiet {
        let sheets: Vec<&str> = book.sheets().iter().map(|s| s.name(ctx.lang)).collect();
        ctx.say(&ctx.tr(
            "cli.template.done_register",
            &[
                ("file", path.into()),
                ("sheets", sheets.join(ctx.lang.pick("、", ", ")).into()),
                ("rows", rows.into()),
            ],
        ));
    }
    Exit::Ok
}
