//! The item workbook `qingdan template` writes: the five sheets with
//! frozen, annotated headers, widths that fit Chinese, and drop-down lists
//! for single-valued enumerations drawn from a hidden sheet of values (an
//! inline list is capped at 255 characters; 实施主体 names exceed it). The
//! writing itself is `book`'s, shared with review workbooks and exports.

use rust_xlsxwriter::{Worksheet, XlsxError};
use serde_json::Value;

use crate::book::{
    ValueList, add_drop_downs, add_lists_sheet, fit_row, new_workbook, write_cell, write_headers,
};
// Cells are written as every workbook writes them; import reads them back.
pub use crate::book::{CellOut, cell_out};
use crate::columns::{Kind, Sheet};
use crate::i18n::Lang;
use crate::model::{Department, Item};

/// The file name `template` writes when not told otherwise.
pub const DEFAULT_FILE: &str = "事项填报模板.xlsx";

/// An item workbook; `items` (catalog file, record) pre-fill it.
pub fn workbook(
    departments: &[Department],
    lang: Lang,
    items: &[(&str, &Item)],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = new_workbook()?;
    let lists = value_lists(departments, lang);
    for sheet in Sheet::ALL {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name(lang))?;
        write_headers(ws, sheet.columns(), lang, 0)?;
        add_drop_downs(ws, sheet.columns(), lang, &lists)?;
        write_rows(ws, sheet, lang, departments, items)?;
    }
    add_lists_sheet(&mut book, lang, &lists)?;
    book.save_to_buffer()
}

fn value_lists(departments: &[Department], lang: Lang) -> Vec<ValueList> {
    let mut lists = Vec::new();
    let mut seen_choices = Vec::new();
    for sheet in Sheet::ALL {
        for column in sheet.columns() {
            if let Kind::Choice(choices) = column.kind
                && !seen_choices.contains(&choices)
            {
                seen_choices.push(choices);
                lists.push(ValueList::of_choices(column, lang));
            }
        }
    }
    lists.push(ValueList::yes_no(lang));
    let names = departments.iter().map(|d| d.name.clone()).collect();
    let header = Sheet::Items
        .column_by_key("department")
        .header(lang)
        .to_string();
    lists.push(ValueList {
        kind: Kind::Department,
        header,
        values: names,
    });
    lists
}

/// The rows of one sheet for the pre-filling items: each record with its
/// 序号 and 文件, each material, step and charge with its item's 序号.
fn write_rows(
    ws: &mut Worksheet,
    sheet: Sheet,
    lang: Lang,
    departments: &[Department],
    items: &[(&str, &Item)],
) -> Result<(), XlsxError> {
    let mut row = 1;
    for (i, (file, item)) in items.iter().enumerate() {
        let record = serde_json::to_value(item).expect("items serialize");
        for record in sheet_records(sheet, i + 1, file, &record) {
            let cells: Vec<Option<CellOut>> = sheet
                .columns()
                .iter()
                .map(|column| cell_out(column, &record, departments, lang))
                .collect();
            fit_row(
                ws,
                row,
                crate::book::texts_and_widths(sheet.columns(), &cells),
            )?;
            for (c, cell) in cells.into_iter().enumerate() {
                write_cell(ws, row, c as u16, cell)?;
            }
            row += 1;
        }
    }
    Ok(())
}

/// The rows one item gives a sheet, as records whose keys are the column
/// keys: the item with its 序号 and 文件, or its materials, steps,
/// locations or charges (`fee.items`) with their item's 序号 and their own order.
pub fn sheet_records(sheet: Sheet, seq: usize, file: &str, record: &Value) -> Vec<Value> {
    let seq = Value::from(seq);
    match sheet.list_key() {
        None => {
            let mut record = record.clone();
            if let Value::Object(map) = &mut record {
                map.insert("seq".into(), seq);
                map.insert("file".into(), Value::from(file));
            }
            vec![record]
        }
        Some(key) => {
            let mut parts = key
                .split('.')
                .try_fold(record, |value, part| value.get(part))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for (n, part) in parts.iter_mut().enumerate() {
                if let Value::Object(map) = part {
                    map.insert("item_seq".into(), seq.clone());
                    map.insert("step_seq".into(), Value::from(n + 1));
                }
            }
            parts
        }
    }
}
