//! Reading the 事项 columns from a csv file (docs/workbooks.md). The encoding
//! is detected, not asked: a BOM says UTF-8 (or UTF-16, Excel's "Unicode
//! text"); text that is valid UTF-8 is UTF-8; anything else is GB18030,
//! which is what Chinese Excel writes (GBK is a subset). Cells are named
//! `G12`: a csv file has no sheets.

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::columns::Sheet;
use crate::finding::{Finding, Message};

use super::grid::SheetBuilder;
use super::read::{Cell, SheetData, Unreadable};

/// The text of a csv file, and the encoding it was read in.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static Encoding), Unreadable> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(not_text(encoding))
        } else {
            Ok((text.into_owned(), encoding))
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), UTF_8));
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(not_text(GB18030));
    }
    Ok((text.into_owned(), GB18030))
}

fn not_text(encoding: &'static Encoding) -> Unreadable {
    Unreadable(Message::new("import.csv_encoding").arg("encoding", encoding.name()))
}

/// The field separator: a comma, or a tab when the first line has more
/// tabs than commas (Excel's "Unicode text" is tab-separated).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    }
}

/// The 事项 sheet of a csv file; `None` when it has no usable header.
pub fn read(
    bytes: &[u8],
    workbook: &str,
    findings: &mut Vec<Finding>,
) -> Result<Option<SheetData>, Unreadable> {
    let (text, _) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut builder = SheetBuilder::new(Sheet::Items, "", workbook, Vec::new());
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Unreadable(Message::new("import.unreadable_csv").arg("error", e.to_string()))
        })?;
        for (col, field) in record.iter().enumerate() {
            builder.push(row as u32, col as u32, Cell::text_cell(field), None);
        }
        if builder.full() {
            break;
        }
    }
    Ok(builder.finish(findings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        let text = "事项名称,实施主体\n生育登记,卫健委\n";
        let (bom, enc) = decode(&[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
        assert_eq!((bom.as_str(), enc), (text, UTF_8));
        assert_eq!(decode(text.as_bytes()).unwrap().1, UTF_8);
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let (back, enc) = decode(&gbk).unwrap();
        assert_eq!((back.as_str(), enc), (text, GB18030));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).unwrap().0, text);
    }

    #[test]
    fn tabs_or_commas() {
        assert_eq!(delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(delimiter("a,b\tc\n"), b',');
    }
}
