//! Workbooks and scratch catalogs for the sheet tests: rust_xlsxwriter
//! writes what a clerk would, the files are read back as records.

use std::path::{Path, PathBuf};

use qingdan::model::Item;
use rust_xlsxwriter::Workbook;
use serde::Deserialize;

use super::root;

/// A scratch catalog: the sample's configuration and register, no items.
pub fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    std::fs::create_dir_all(catalog.join("items")).unwrap();
    for file in ["catalog.yaml", "departments.yaml"] {
        std::fs::copy(root().join("catalog").join(file), catalog.join(file)).unwrap();
    }
    dir
}

/// A cell of a test workbook: text, or a number cell.
#[derive(Clone, Copy)]
pub enum C<'a> {
    T(&'a str),
    N(f64),
}

/// A sheet of a test workbook: name, header row, data rows.
pub type Sheet<'a> = (&'a str, &'a [&'a str], Vec<Vec<C<'a>>>);

/// Writes a workbook of sheets to `path`.
pub fn write_book(path: &Path, sheets: &[Sheet]) {
    let mut book = Workbook::new();
    for (name, headers, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    C::T("") => {}
                    C::T(text) => {
                        ws.write_string(r as u32 + 1, c as u16, *text).unwrap();
                    }
                    C::N(n) => {
                        ws.write_number(r as u32 + 1, c as u16, *n).unwrap();
                    }
                }
            }
        }
    }
    book.save(path).unwrap();
}

pub fn t(cells: &[&'static str]) -> Vec<C<'static>> {
    cells.iter().map(|s| C::T(s)).collect()
}

pub fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join("catalog").join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

pub fn item(dir: &Path, file: &str) -> Item {
    let text = read(dir, file);
    Item::deserialize(&qingdan::yaml::parse(&text).unwrap().unwrap().value).unwrap()
}

/// Every file under the catalog's items/, with its bytes.
pub fn items_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_under(&dir.join("catalog/items"))
}

/// Every file under `dir`, with its bytes, sorted.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}
