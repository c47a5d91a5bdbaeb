//! `qingdan template [-o FILE] [--department ID]`.

use std::path::PathBuf;

use qingdan::catalog::{self, Catalog};
use qingdan::fsutil::write_atomic;
use qingdan::model::{Department, Item};
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
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
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
    if let Err(e) = write_atomic(&output, &bytes, args.force) {
        let key = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "cli.init.exists"
        } else {
            "cli.write_failed"
        };
        return ctx.fail(
            key,
            &[("path", path.into()), ("error", e.to_string().into())],
        );
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
