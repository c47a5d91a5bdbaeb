//! Item workbooks II: csv in three encodings, hostile workbooks (each
//! built here, the broken ones as zip bytes), and files that are no
//! workbook at all. Each must give a finding naming the cell or sheet,
//! never a panic, and the other rows must still be imported.

mod common;

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use common::book::{items_tree, read, scratch};
use common::qingdan_in;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use serde_json::Value;

/// Columns A to K of the test sheets.
const HEADERS: &[&str] = &[
    "序号",
    "事项名称",
    "事项类型",
    "服务类别",
    "实施主体",
    "服务对象",
    "实施依据",
    "办事指南类",
    "办理时间",
    "参考目录编码",
    "备注",
];

/// A good row: not a service-guide item, so no guide element is missing.
fn row(seq: &str, name: &str) -> Vec<String> {
    [
        seq,
        name,
        "公共服务",
        "社会保障",
        "瓯江市民政局",
        "自然人、法人",
        "《社会救助暂行办法》第十一条\n《瓯江市社会救助办法》第五条",
        "否",
        "",
        "",
        "",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn rows() -> Vec<Vec<String>> {
    let mut bad = row("2", "困难残疾人生活补贴");
    bad[3] = "卫生".into();
    let mut third = row("3", "临时救助（含“救急难”）申请");
    third[10] = "逗号,引号\"和\n换行".into();
    vec![row("1", "最低生活保障申请"), bad, third]
}

fn write_rows(ws: &mut Worksheet, first_row: u32, rows: &[Vec<String>]) {
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(first_row + r as u32, c as u16, text)
                    .unwrap();
            }
        }
    }
}

/// A workbook with one 事项 sheet: the headers, then `rows`; `edit` may add
/// hostile cells before it is saved.
fn items_book(rows: &[Vec<String>], edit: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("事项").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    write_rows(ws, 1, rows);
    edit(ws);
    book.save_to_buffer().unwrap()
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADERS).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

fn import_json(dir: &Path, file: &str, bytes: &[u8]) -> (i32, Value) {
    std::fs::write(dir.join(file), bytes).unwrap();
    let run = qingdan_in(dir, &["import", file, "--format", "json"]);
    let doc =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.transcript()));
    (run.code, doc)
}

/// (path, rule, severity) of the findings about the workbook.
fn sheet_findings(doc: &Value, file: &str) -> Vec<(String, String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == file)
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("path"), s("rule"), s("severity"))
        })
        .collect()
}

fn message_at(doc: &Value, path: &str) -> String {
    let found = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path);
    found.unwrap_or_else(|| panic!("no finding at {path}: {doc:#}"))["message"]
        .as_str()
        .unwrap()
        .to_string()
}

fn written(doc: &Value) -> Vec<String> {
    doc["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["file"].as_str().unwrap().to_string())
        .collect()
}

fn tree_text(dir: &Path) -> Vec<(String, String)> {
    items_tree(dir)
        .into_iter()
        .map(|(p, b)| {
            (
                p.strip_prefix(dir).unwrap().display().to_string(),
                String::from_utf8(b).unwrap(),
            )
        })
        .collect()
}

fn err(path: &str, rule: &str) -> (String, String, String) {
    (path.into(), rule.into(), "error".into())
}

fn warn(path: &str, rule: &str) -> (String, String, String) {
    (path.into(), rule.into(), "warning".into())
}

#[test]
fn csv_in_utf8_with_bom_without_and_gbk_gives_the_same_yaml_as_the_xlsx() {
    let rows = rows();
    let xlsx = scratch();
    let (code, doc) = import_json(xlsx.path(), "民政局.xlsx", &items_book(&rows, |_| {}));
    assert_eq!(code, 1, "one row is bad");
    assert_eq!(
        sheet_findings(&doc, "民政局.xlsx"),
        [err("事项!D3", "schema")]
    );
    assert_eq!(written(&doc).len(), 2);
    let expected = tree_text(xlsx.path());
    let quoted = expected.iter().find(|(p, _)| p.contains("救急难")).unwrap();
    assert!(quoted.1.contains("逗号,引号"), "{}", quoted.1);

    let text = csv_text(&rows);
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy, "the test text is GBK");
    let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    for (name, bytes) in [
        ("bom.csv", utf8_bom),
        ("utf8.CSV", text.clone().into_bytes()),
        ("gbk.csv", gbk.into_owned()),
    ] {
        let dir = scratch();
        let (code, doc) = import_json(dir.path(), name, &bytes);
        assert_eq!(code, 1, "{name}");
        assert_eq!(
            sheet_findings(&doc, name),
            [err("D3", "schema")],
            "{name}: csv cells have no sheet"
        );
        let finding = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"] == name)
            .unwrap();
        assert_eq!(
            (finding["line"].as_u64(), finding["column"].as_u64()),
            (Some(3), Some(4))
        );
        assert_eq!(tree_text(dir.path()), expected, "{name}");
    }
}

#[test]
fn a_csv_file_in_no_known_encoding_is_refused() {
    let dir = scratch();
    let (code, doc) = import_json(dir.path(), "乱码.csv", b"\x81\x20\xff\xfe\x80,\xff\n");
    assert_eq!(code, 2);
    assert!(
        message_at_file(&doc, "乱码.csv").contains("GB18030"),
        "{doc:#}"
    );
    assert!(items_tree(dir.path()).is_empty());
}

fn message_at_file(doc: &Value, file: &str) -> String {
    let found = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == file)
        .expect("a finding");
    found["message"].as_str().unwrap().to_string()
}

#[test]
fn formulas_give_their_cached_value_or_their_cell_is_named() {
    let rows = vec![row("1", "最低生活保障申请"), row("2", "特困人员认定")];
    let bytes = items_book(&rows, |ws| {
        let cached = Formula::new("=\"瓯江市\"&\"民政局\"").set_result("瓯江市民政局");
        ws.write_formula(1, 4, cached).unwrap();
        ws.write_formula(2, 1, Formula::new("=UPPER(\"x\")"))
            .unwrap();
    });
    // rust_xlsxwriter writes a cached 0; a workbook saved by a program that
    // does not calculate has none at all.
    let bytes = rewrite_entry(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("</f><v>0</v>", "</f>")
    });
    let dir = scratch();
    let (code, doc) = import_json(dir.path(), "公式.xlsx", &bytes);
    assert_eq!(code, 1);
    assert_eq!(
        sheet_findings(&doc, "公式.xlsx"),
        [warn("事项!E2", "import"), err("事项!B3", "schema")]
    );
    assert!(message_at(&doc, "事项!E2").contains("瓯江市民政局"));
    assert!(
        message_at(&doc, "事项!B3").contains("没有计算结果的公式"),
        "{}",
        message_at(&doc, "事项!B3")
    );
    assert_eq!(written(&doc), ["items/mzj/最低生活保障申请.yaml"]);
}

#[test]
fn merged_cells_title_rows_and_two_row_headers() {
    let dir = scratch();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("事项").unwrap();
    let plain = Format::new();
    // A title over the header, a header merged across two columns, and
    // 实施主体 merged down over two rows.
    ws.merge_range(0, 0, 0, 10, "瓯江市民政局公共服务事项清单（二报）", &plain)
        .unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        if c != 8 {
            ws.write_string(1, c as u16, *h).unwrap();
        }
    }
    ws.merge_range(1, 7, 1, 8, "办事指南类", &plain).unwrap();
    let mut rows = vec![row("1", "最低生活保障申请"), row("2", "特困人员认定")];
    rows[1][4].clear();
    write_rows(ws, 2, &rows);
    ws.merge_range(2, 4, 3, 4, "瓯江市民政局", &plain).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (code, doc) = import_json(dir.path(), "合并.xlsx", &bytes);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(
        sheet_findings(&doc, "合并.xlsx"),
        [warn("事项!H2", "import"), warn("事项!E3", "import")]
    );
    assert!(message_at(&doc, "事项!H2").contains("H2:I2"));
    assert!(message_at(&doc, "事项!E3").contains("E3:E4"));
    assert_eq!(
        written(&doc),
        [
            "items/mzj/最低生活保障申请.yaml",
            "items/mzj/特困人员认定.yaml"
        ]
    );
}

#[test]
fn numbers_that_lost_digits_and_dates_are_named() {
    let rows = vec![
        row("1", "最低生活保障申请"),
        row("2", "特困人员认定"),
        row("3", "临时救助申请"),
        row("4", "低保边缘家庭认定"),
    ];
    let bytes = items_book(&rows, |ws| {
        ws.write_number(1, 9, 511602000000000011.0).unwrap(); // 参考目录编码: a code as a number
        ws.write_number(2, 10, 330302199001011234.0).unwrap(); // 备注: an ID number as a number
        let date = Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(3, 8, ExcelDateTime::from_ymd(2017, 2, 28).unwrap(), &date)
            .unwrap();
        ws.write_number(4, 10, 12345.0).unwrap(); // a short number in a text column is its text
    });
    let dir = scratch();
    let (code, doc) = import_json(dir.path(), "数字.xlsx", &bytes);
    assert_eq!(code, 1);
    assert_eq!(
        sheet_findings(&doc, "数字.xlsx"),
        [
            err("事项!J2", "schema"),
            err("事项!K3", "schema"),
            err("事项!I4", "schema")
        ]
    );
    assert!(message_at(&doc, "事项!J2").contains("数字单元格"));
    assert!(message_at(&doc, "事项!K3").contains("15"));
    assert!(
        message_at(&doc, "事项!I4").contains("2017-02-28"),
        "{}",
        message_at(&doc, "事项!I4")
    );
    assert_eq!(written(&doc), ["items/mzj/低保边缘家庭认定.yaml"]);
    assert!(read(dir.path(), "items/mzj/低保边缘家庭认定.yaml").contains("remarks: \"12345\"\n"));
}

#[test]
fn a_code_excel_rounded_into_a_csv_file_is_refused() {
    let mut rows = rows();
    rows.truncate(1);
    rows[0][9] = "5.11602E+17".into();
    let dir = scratch();
    let (code, doc) = import_json(dir.path(), "a.csv", csv_text(&rows).as_bytes());
    assert_eq!(code, 1);
    assert_eq!(sheet_findings(&doc, "a.csv"), [err("J2", "schema")]);
}

#[test]
fn missing_sheets_and_headers() {
    let dir = scratch();
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Sheet1").unwrap();
    let (code, doc) = import_json(dir.path(), "无事项.xlsx", &book.save_to_buffer().unwrap());
    assert_eq!(code, 1);
    assert_eq!(sheet_findings(&doc, "无事项.xlsx"), [err("", "import")]);
    assert!(message_at_file(&doc, "无事项.xlsx").contains("Sheet1"));

    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("事项").unwrap();
    for (c, h) in ["序号", "事项名称", "实施主体", "经办人"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 1, "最低生活保障申请").unwrap();
    book.add_worksheet().set_name("申请材料").unwrap();
    let (code, doc) = import_json(dir.path(), "缺列.xlsx", &book.save_to_buffer().unwrap());
    assert_eq!(code, 1);
    assert_eq!(
        sheet_findings(&doc, "缺列.xlsx"),
        [
            err("事项!A1", "import"),
            warn("事项!D1", "import"),
            err("申请材料!A1", "import")
        ]
    );
    assert!(
        message_at(&doc, "事项!A1").contains("事项类型、服务类别、服务对象、实施依据"),
        "{}",
        message_at(&doc, "事项!A1")
    );
    assert!(items_tree(dir.path()).is_empty());
}

#[test]
fn ten_thousand_empty_rows_are_fast_and_silent() {
    let rows = vec![row("1", "最低生活保障申请")];
    let bytes = items_book(&rows, |ws| {
        let format = Format::new().set_num_format("@");
        for r in 2..10_002 {
            // Numbered, formatted, blank: what a clerk's template looks like.
            ws.write_number(r, 0, f64::from(r)).unwrap();
            ws.write_blank(r, 1, &format).unwrap();
            ws.write_string(r, 2, " ").unwrap();
        }
    });
    let dir = scratch();
    let started = Instant::now();
    let (code, doc) = import_json(dir.path(), "空行.xlsx", &bytes);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(code, 0, "{doc:#}");
    assert!(sheet_findings(&doc, "空行.xlsx").is_empty(), "{doc:#}");
    assert_eq!(written(&doc), ["items/mzj/最低生活保障申请.yaml"]);
}

#[test]
fn files_that_are_no_workbook() {
    let dir = scratch();
    let good = items_book(&rows(), |_| {});
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "不是工作簿.xlsx",
            zip_of(&[("readme.txt", b"hello".as_slice())]),
            "xlsx",
        ),
        ("截断.xlsx", good[..good.len() / 2].to_vec(), "xlsx"),
        ("空.xlsx", Vec::new(), "xlsx"),
        (
            "旧版.xls",
            [
                [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1].as_slice(),
                &[0; 504],
            ]
            .concat(),
            ".xls",
        ),
    ];
    for (name, bytes, says) in cases {
        let (code, doc) = import_json(dir.path(), name, &bytes);
        assert_eq!(code, 2, "{name}");
        assert_eq!(
            sheet_findings(&doc, name),
            [err("", "parse-error")],
            "{name}"
        );
        assert!(
            message_at_file(&doc, name).contains(says),
            "{name}: {}",
            message_at_file(&doc, name)
        );
    }
    assert!(items_tree(dir.path()).is_empty());
}

/// The 100,000 columns are written into the sheet's XML directly (Excel
/// stops at 16,384), with a last cell at XFD1048576: a reader that sizes a
/// grid by the sheet's extent would need hundreds of gigabytes.
#[test]
fn a_sheet_of_100000_columns_costs_neither_time_nor_memory() {
    let good = items_book(&[row("1", "最低生活保障申请")], |_| {});
    let wide: String = (11..100_000)
        .map(|c| {
            format!(
                "<c r=\"{}1\" t=\"inlineStr\"><is><t>列{c}</t></is></c>",
                letters(c)
            )
        })
        .collect();
    let far = "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>远</t></is></c></row>";
    let bytes = rewrite_entry(&good, "xl/worksheets/sheet1.xml", |xml| {
        let xml = xml.replacen("</row>", &format!("{wide}</row>"), 1);
        xml.replace("</sheetData>", &format!("{far}</sheetData>"))
    });
    let dir = scratch();
    let started = Instant::now();
    let (code, doc) = import_json(dir.path(), "宽.xlsx", &bytes);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(code, 0, "warnings only");
    let findings = sheet_findings(&doc, "宽.xlsx");
    assert_eq!(
        findings.len(),
        12,
        "ten unknown columns, the rest summed up, the cells beyond XFD: {findings:?}"
    );
    assert_eq!(
        findings[..3],
        [
            warn("事项", "import"),
            warn("事项", "import"),
            warn("事项!L1", "import")
        ]
    );
    assert_eq!(written(&doc), ["items/mzj/最低生活保障申请.yaml"]);
    assert!(
        peak_child_memory_mib() < 300,
        "{} MiB",
        peak_child_memory_mib()
    );
}

fn peak_child_memory_mib() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss / 1024
}

/// `A`… for a 0-based column, without Excel's limit.
fn letters(col: u32) -> String {
    qingdan::sheets::column_letters(col)
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The workbook with one entry's text changed.
fn rewrite_entry(xlsx: &[u8], entry: &str, edit: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        entries.push((file.name().unwrap().to_string(), bytes));
    }
    let mut edit = Some(edit);
    for (name, bytes) in &mut entries {
        if name == entry {
            let text = String::from_utf8(std::mem::take(bytes)).unwrap();
            *bytes = (edit.take().unwrap())(text).into_bytes();
        }
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_of(&refs)
}

/// The import findings: a skipped row says which item failed (JSON
/// `item_name`, `department`), a repeated row names the first row's cell
/// with its column, and the summary counts the workbook's own errors.
#[test]
fn import_findings_name_their_item_and_cell() {
    let mut bad = row("2", "困难残疾人生活补贴");
    bad[3] = "卫生".into();
    let rows = vec![
        row("1", "最低生活保障申请"),
        bad,
        row("3", "最低生活保障申请"),
    ];
    let dir = scratch();
    let (code, doc) = import_json(dir.path(), "民政局.xlsx", &items_book(&rows, |_| {}));
    assert_eq!(code, 1);
    let finding = |path: &str| -> Value {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("no finding at {path}: {doc:#}"))
            .clone()
    };
    let skipped = finding("事项!D3");
    assert_eq!(skipped["item_name"], "困难残疾人生活补贴");
    assert_eq!(skipped["department"], "mzj");
    let repeated = finding("事项!B4");
    assert_eq!(repeated["item_name"], "最低生活保障申请");
    assert!(
        repeated["message"]
            .as_str()
            .unwrap()
            .contains("与 事项!B2 是同一事项"),
        "{repeated:#}"
    );

    let human = qingdan_in(dir.path(), &["import", "民政局.xlsx", "--dry-run"]);
    let printed = human.stdout.matches("× ").count();
    assert!(printed >= 2, "{}", human.stdout);
    assert!(
        human.stdout.contains(&format!("{printed} 个错误")),
        "the summary counts every error it prints: {}",
        human.stdout
    );
}

/// A workbook that only repeats items the catalog has (pre-filled from it)
/// gives one hint about --force, not one error per row.
#[test]
fn a_prefilled_workbook_without_force_is_one_hint() {
    let rows = vec![row("1", "最低生活保障申请"), row("2", "特困人员认定")];
    let dir = scratch();
    let bytes = items_book(&rows, |_| {});
    let (code, _) = import_json(dir.path(), "民政局.xlsx", &bytes);
    assert_eq!(code, 0);
    let (code, doc) = import_json(dir.path(), "民政局.xlsx", &bytes);
    assert_eq!(code, 1);
    let own: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "民政局.xlsx")
        .collect();
    assert_eq!(own.len(), 1, "{doc:#}");
    let message = own[0]["message"].as_str().unwrap();
    assert!(
        message.contains("2 行事项都已在清单中") && message.contains("--force"),
        "{message}"
    );
    let en = qingdan_in(
        dir.path(),
        &["--lang", "en", "import", "民政局.xlsx", "--dry-run"],
    );
    assert!(
        en.stdout.contains("all 2 item rows of 民政局.xlsx"),
        "{}",
        en.stdout
    );
}
