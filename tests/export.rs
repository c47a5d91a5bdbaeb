//! `qingdan export` as a publisher runs it: the sample catalog to xlsx, csv
//! and json, read back by third parties — LibreOffice (`soffice`), openpyxl,
//! Python's csv module, a JSON Schema validator — with hostile cell text,
//! revisions, and outputs that are already there.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::office::{libreoffice_sheets, read_csv};
use common::{Run, copy_dir, git, qingdan_in, root};
use serde_json::Value;

/// The sheets in order, Chinese and English.
const SHEETS_ZH: [&str; 9] = [
    "公共服务事项清单",
    "办事指南要素表",
    "申请材料",
    "办理流程",
    "收费事项",
    "共享需求",
    "可转移事项",
    "中介服务事项清单",
    "承揽机构名录",
];
const SHEETS_EN: [&str; 9] = [
    "Public service items",
    "Service guide elements",
    "Materials",
    "Process steps",
    "Charged items",
    "Data sharing needs",
    "Transferable items",
    "Intermediary services",
    "Agencies",
];

/// A scratch copy of the sample catalog in `<tmp>/catalog`.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("catalog"), &dir.path().join("catalog"));
    dir
}

fn export(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    qingdan_in(dir, &all)
}

fn export_ok(dir: &Path, args: &[&str]) {
    let run = export(dir, args);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

/// Runs a Python script in `dir`; its standard output.
fn python(dir: &Path, script: &str) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python (scripts/test installs openpyxl): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The counts the json export gives: the other formats must agree.
fn counts(dir: &Path) -> Value {
    export_ok(dir, &["--format", "json", "-o", "counts.json"]);
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("counts.json")).unwrap()).unwrap();
    doc["catalog"]["counts"].clone()
}

/// Data rows each sheet must have, in sheet order: the item tables'
/// from the json export's counts, then the active intermediary services
/// and the agencies as the catalog loads them.
fn expected_rows(counts: &Value) -> Vec<u64> {
    let source = qingdan::source::FolderSource::new(root().join("catalog"));
    let (catalog, _) = qingdan::catalog::Catalog::load(&source).unwrap();
    let services = catalog
        .intermediaries
        .iter()
        .filter(|s| s.record.is_active())
        .count() as u64;
    let agencies = catalog.agencies.len() as u64;
    let mut rows: Vec<u64> = [
        "items",
        "guide_items",
        "materials",
        "steps",
        "charged_items",
        "sharing_needs",
        "transferable_items",
    ]
    .iter()
    .map(|k| counts[k].as_u64().unwrap())
    .collect();
    rows.extend([services, agencies]);
    rows
}

fn headers_of(sheet: usize, lang: qingdan::i18n::Lang) -> Vec<&'static str> {
    qingdan::export::tables::Table::ALL[sheet]
        .columns()
        .iter()
        .map(|c| c.header(lang))
        .collect()
}

#[test]
fn the_workbook_opens_in_libreoffice_with_every_sheet_and_row() {
    let dir = sample();
    export_ok(dir.path(), &["--format", "xlsx", "-o", "清单.xlsx"]);
    let rows = expected_rows(&counts(dir.path()));
    let sheets = libreoffice_sheets(dir.path(), "清单.xlsx");
    assert_eq!(sheets.len(), 9);
    for (i, name) in SHEETS_ZH.iter().enumerate() {
        let sheet = &sheets[*name];
        assert_eq!(sheet[0], headers_of(i, qingdan::i18n::Lang::Zh), "{name}");
        assert_eq!(sheet.len() as u64 - 1, rows[i], "{name}");
    }
    let main = &sheets["公共服务事项清单"];
    assert_eq!(main[1][0], "1");
    assert_eq!(
        main[1][1], "0733039901000010",
        "codes stay text: no digit lost"
    );
    assert_eq!(main[1][3], "", "a single item has no main item");
    assert_eq!(main[1][6], "瓯江市不动产登记中心", "the department by name");
    assert!(
        rows.iter().all(|n| *n > 0),
        "the sample catalog fills every table: {rows:?}"
    );
}

#[test]
fn openpyxl_sees_sheets_rows_frozen_headers_print_setup_and_string_cells() {
    let dir = sample();
    export_ok(dir.path(), &["--format", "xlsx", "-o", "c.xlsx"]);
    let rows = expected_rows(&counts(dir.path()));
    let report = python(
        dir.path(),
        r#"
import json, openpyxl
wb = openpyxl.load_workbook('c.xlsx')
out = {}
for ws in wb:
    types = sorted({c.data_type for row in ws.iter_rows(min_row=2) for c in row if c.value is not None})
    out[ws.title] = {
        'rows': ws.max_row - 1,
        'headers': [c.value for c in ws[1]],
        'freeze': ws.freeze_panes,
        'landscape': ws.page_setup.orientation == 'landscape',
        'repeat': ws.print_title_rows,
        'fit': bool(ws.sheet_properties.pageSetUpPr.fitToPage) and ws.page_setup.fitToHeight == 0,
        'wrapped': all(c.alignment.wrap_text for c in ws[2] if c.data_type == 's'),
        'width': ws.column_dimensions['C'].width,
        'types': types,
    }
print(json.dumps({'sheets': wb.sheetnames, 'detail': out}, ensure_ascii=False))
"#,
    );
    let report: Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["sheets"], serde_json::json!(SHEETS_ZH));
    for (i, name) in SHEETS_ZH.iter().enumerate() {
        let sheet = &report["detail"][name];
        assert_eq!(sheet["rows"], rows[i], "{name}");
        assert_eq!(
            sheet["headers"],
            serde_json::json!(headers_of(i, qingdan::i18n::Lang::Zh))
        );
        assert_eq!(sheet["freeze"], "A2", "{name}");
        assert_eq!(sheet["landscape"], true, "{name}");
        assert_eq!(sheet["repeat"], "$1:$1", "{name}");
        assert_eq!(sheet["fit"], true, "{name}");
        assert_eq!(sheet["wrapped"], true, "{name}");
        assert!(
            sheet["width"].as_f64().unwrap() >= 10.0,
            "{name}: widths fit Chinese"
        );
        // Text is `s`, numbers (序号, counts) are `n`; never a formula.
        let types: Vec<&str> = sheet["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(
            types.iter().all(|t| *t == "s" || *t == "n"),
            "{name}: {types:?}"
        );
    }
}

#[test]
fn english_sheet_names_and_headers() {
    let dir = sample();
    let run = qingdan_in(
        dir.path(),
        &[
            "--lang", "en", "export", "--format", "xlsx", "-o", "en.xlsx",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "exported 39 active items to en.xlsx (xlsx)\n");
    let names = python(
        dir.path(),
        "import openpyxl\nprint('|'.join(openpyxl.load_workbook('en.xlsx').sheetnames))",
    );
    assert_eq!(names.trim(), SHEETS_EN.join("|"));
}

/// 中介服务事项清单 and 承揽机构名录 as openpyxl reads them, cell by cell
/// against the YAML of `intermediaries/` and `registers/agencies.yaml`.
#[test]
fn the_intermediary_sheets_say_what_the_yaml_says() {
    let dir = sample();
    export_ok(dir.path(), &["--format", "xlsx", "-o", "c.xlsx"]);
    let report = python(
        dir.path(),
        r#"
import json, openpyxl
wb = openpyxl.load_workbook('c.xlsx')
print(json.dumps({n: [list(r) for r in wb[n].iter_rows(values_only=True)]
                  for n in ['中介服务事项清单', '承揽机构名录', '可转移事项']}, ensure_ascii=False))
"#,
    );
    let sheets: Value = serde_json::from_str(&report).unwrap();
    let source = qingdan::source::FolderSource::new(root().join("catalog"));
    let (catalog, _) = qingdan::catalog::Catalog::load(&source).unwrap();
    let services = sheets["中介服务事项清单"].as_array().unwrap();
    assert_eq!(services.len(), 2, "a header and the one service");
    let service = &catalog.intermediary("fwmjch").unwrap().record;
    let department = catalog.department(&service.department).unwrap();
    let row = &services[1];
    assert_eq!(row[1], "fwmjch");
    assert_eq!(row[2], service.name.as_str());
    assert_eq!(row[3], department.name.as_str());
    assert_eq!(row[4], "房屋所有权首次登记（0733039901000029）");
    assert_eq!(row[5], "是");
    assert_eq!(row[6], service.basis.as_deref().unwrap());
    assert_eq!(row[7], "市场调节价");
    assert_eq!(row[8], service.standard.as_deref().unwrap());
    assert_eq!(row[9], service.time_limit.as_deref().unwrap());
    assert_eq!(row[10], service.qualification.as_deref().unwrap());
    let agencies = sheets["承揽机构名录"].as_array().unwrap();
    assert_eq!(agencies.len(), 1 + catalog.agencies.len());
    for (row, agency) in agencies[1..].iter().zip(&catalog.agencies) {
        assert_eq!(row[1], agency.name.as_str());
        assert_eq!(row[2], agency.credit_code.as_str());
        let q = &agency.qualifications[0];
        let line = format!(
            "{}，{}，有效期 {} 至 {}",
            q.name,
            q.number.as_deref().unwrap(),
            q.valid_from.as_deref().unwrap(),
            q.valid_until
        );
        assert_eq!(row[3], line.as_str());
        assert_eq!(row[4], "房屋面积测绘");
        assert_eq!(row[5], agency.contact.as_deref().unwrap());
    }
    // 可转移事项 says who takes each item on, not an unrelated 备注.
    let transferable = sheets["可转移事项"].as_array().unwrap();
    assert_eq!(transferable[0][7], "转移承接主体");
    let receivers: Vec<&str> = transferable[1..]
        .iter()
        .map(|r| r[7].as_str().unwrap())
        .collect();
    assert_eq!(receivers, ["瓯江市体育总会", "瓯江市图书馆学会"]);
}

/// An item whose texts a spreadsheet would run as formulas.
fn add_hostile_item(dir: &Path) {
    let text = std::fs::read_to_string(dir.join("catalog/items/mzj/临时救助申请.yaml")).unwrap();
    let text = text
        .replace("code: \"053303990020001X\"\n", "")
        .replace(
            "\nname: 临时救助申请\n",
            "\nname: '=HYPERLINK(\"http://x\",\"y\")'\n",
        )
        .replace(
            "consultation: 咨询电话",
            "consultation: '@SUM(A1)'\n# 原咨询方式：咨询电话",
        )
        .replace("  - name: 临时救助申请书", "  - name: '+1'")
        .replace("  - name: 申请人居民身份证", "  - name: '-1'")
        .replace(
            "    note: 情况紧急的",
            "    note: \"\\tcmd\"\n    # 情况紧急的",
        );
    std::fs::write(dir.join("catalog/items/mzj/公式.yaml"), text).unwrap();
}

#[test]
fn hostile_text_never_becomes_a_formula() {
    let dir = sample();
    add_hostile_item(dir.path());
    export_ok(dir.path(), &["--format", "xlsx", "-o", "h.xlsx"]);
    let report = python(
        dir.path(),
        r#"
import json, zipfile, openpyxl
z = zipfile.ZipFile('h.xlsx')
sheets = [n for n in z.namelist() if n.startswith('xl/worksheets/sheet')]
formulas = [n for n in sheets if '<f>' in z.read(n).decode() or '<f ' in z.read(n).decode()]
wb = openpyxl.load_workbook('h.xlsx')
found = {}
for ws in wb:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value[:1] in '=@+-\t':
                found.setdefault(c.value, set()).add(c.data_type)
print(json.dumps({'sheets': len(sheets), 'formulas': formulas, 'found': {k: sorted(v) for k, v in found.items()}}))
"#,
    );
    let report: Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["sheets"], 9);
    assert_eq!(
        report["formulas"],
        serde_json::json!([]),
        "no <f> element in any sheet"
    );
    for text in [
        "=HYPERLINK(\"http://x\",\"y\")",
        "@SUM(A1)",
        "+1",
        "-1",
        "\tcmd",
    ] {
        assert_eq!(
            report["found"][text],
            serde_json::json!(["s"]),
            "{text} is a string cell: {report}"
        );
    }
    // LibreOffice shows the text, not the link's label `y`.
    let sheets = libreoffice_sheets(dir.path(), "h.xlsx");
    let names: Vec<&str> = sheets["公共服务事项清单"]
        .iter()
        .map(|r| r[2].as_str())
        .collect();
    assert!(
        names.contains(&"=HYPERLINK(\"http://x\",\"y\")"),
        "{names:?}"
    );

    export_ok(dir.path(), &["--format", "csv", "-o", "csv"]);
    let main = read_csv(&dir.path().join("csv/公共服务事项清单.csv"));
    assert!(
        main.iter()
            .any(|r| r[2] == "'=HYPERLINK(\"http://x\",\"y\")"),
        "the csv cell gets a leading '"
    );
    let materials = read_csv(&dir.path().join("csv/申请材料.csv"));
    let names: Vec<&str> = materials.iter().map(|r| r[5].as_str()).collect();
    assert!(
        names.contains(&"'+1") && names.contains(&"'-1"),
        "{names:?}"
    );
    let transferable = std::fs::read_to_string(dir.path().join("csv/办理流程.csv")).unwrap();
    assert!(
        transferable.contains(",'\tcmd"),
        "a tab-led cell is quoted too"
    );
}

#[test]
fn csv_reads_back_through_python_with_chinese_intact_and_agrees_with_the_workbook() {
    let dir = sample();
    export_ok(dir.path(), &["--format", "csv", "-o", "表格"]);
    export_ok(dir.path(), &["--format", "xlsx", "-o", "c.xlsx"]);
    let script = r#"
import csv, json, os, openpyxl
out = {}
wb = openpyxl.load_workbook('c.xlsx')
for name in wb.sheetnames:
    raw = open(os.path.join('表格', name + '.csv'), 'rb').read()
    assert raw.startswith(b'\xef\xbb\xbf'), 'BOM'
    assert raw.count(b'\r\n') > 0 and raw.count(b'\r') == raw.count(b'\r\n'), 'CRLF only'
    with open(os.path.join('表格', name + '.csv'), encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f))
    sheet = [['' if v is None else (str(v) if not isinstance(v, float) else str(int(v))) for v in r]
             for r in wb[name].iter_rows(values_only=True)]
    out[name] = {'rows': len(rows), 'same': rows == sheet, 'first': rows[1] if len(rows) > 1 else []}
print(json.dumps(out, ensure_ascii=False))
"#;
    let report: Value = serde_json::from_str(&python(dir.path(), script)).unwrap();
    for name in SHEETS_ZH {
        assert_eq!(
            report[name]["same"], true,
            "{name}: csv and xlsx agree cell for cell"
        );
    }
    let first = &report["公共服务事项清单"]["first"];
    assert_eq!(first[2], "不动产权证书补发");
    assert_eq!(first[7], "自然人、法人、其他组织");
}

#[test]
fn the_main_table_as_csv_in_chinese_and_english() {
    let dir = sample();
    export_ok(dir.path(), &["--format", "csv", "-o", "zh"]);
    let run = qingdan_in(
        dir.path(),
        &["--lang", "en", "export", "--format", "csv", "-o", "en"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = |path: &str| {
        let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a BOM").to_string();
        assert!(text.ends_with("\r\n"));
        // The snapshot shows records one a line; the file ends them with CRLF.
        text.replace("\r\n", "\n")
    };
    insta::assert_snapshot!("main_table_zh", text("zh/公共服务事项清单.csv"));
    insta::assert_snapshot!("main_table_en", text("en/public-service-items.csv"));
}

/// Every file below `dir`, with its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn exporting_twice_gives_the_same_bytes() {
    let dir = sample();
    for (format, first, second) in [("xlsx", "1.xlsx", "2.xlsx"), ("json", "1.json", "2.json")] {
        export_ok(dir.path(), &["--format", format, "-o", first]);
        export_ok(dir.path(), &["--format", format, "-o", second]);
        let a = std::fs::read(dir.path().join(first)).unwrap();
        assert_eq!(
            a,
            std::fs::read(dir.path().join(second)).unwrap(),
            "{format}"
        );
    }
    export_ok(dir.path(), &["--format", "csv", "-o", "1"]);
    export_ok(dir.path(), &["--format", "csv", "-o", "2"]);
    assert_eq!(tree(&dir.path().join("1")), tree(&dir.path().join("2")));
    assert_eq!(tree(&dir.path().join("1")).len(), 9);
}

#[test]
fn json_validates_against_its_schema_and_holds_active_items_only() {
    let dir = sample();
    let cancelled = dir.path().join("catalog/items/zls/水表故障报修.yaml");
    let text = std::fs::read_to_string(&cancelled).unwrap();
    std::fs::write(&cancelled, format!("{text}status: cancelled\n")).unwrap();
    export_ok(dir.path(), &["--format", "json", "-o", "open.json"]);
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("open.json")).unwrap())
            .unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/export.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");

    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 38);
    assert_eq!(doc["catalog"]["counts"]["items"], 38);
    assert!(items.iter().all(|i| i["name"] != "水表故障报修"
        && i.get("status").is_none()
        && i.get("ignore").is_none()));
    assert!(
        doc["catalog"].get("revision").is_none(),
        "the working tree: no revision"
    );
    assert_eq!(doc["catalog"]["region"]["name"], "瓯江市");
    // The fixed order: department id, then code.
    let keys: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            (
                i["department"].as_str().unwrap().into(),
                i["code"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(items[0]["department_name"], "瓯江市不动产登记中心");
    assert_eq!(items[0]["file"], "items/bdcdj/不动产权证书补发.yaml");
}

#[test]
fn a_revision_exports_the_catalog_as_it_was() {
    let dir = sample();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "审定"]);
    git(repo, &["tag", "qingdan/approved"]);
    // After the tag: one item cancelled in the work tree, not committed.
    let item = repo.join("catalog/items/zls/水表故障报修.yaml");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(&item, format!("{text}status: cancelled\n")).unwrap();

    export_ok(
        repo,
        &[
            "--rev",
            "qingdan/approved",
            "--format",
            "json",
            "-o",
            "approved.json",
        ],
    );
    export_ok(repo, &["--format", "json", "-o", "now.json"]);
    let read = |f: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(repo.join(f)).unwrap()).unwrap()
    };
    let (approved, now) = (read("approved.json"), read("now.json"));
    assert_eq!(approved["catalog"]["counts"]["items"], 39);
    assert_eq!(now["catalog"]["counts"]["items"], 38);
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(repo)
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap();
    assert_eq!(approved["catalog"]["revision"]["rev"], "qingdan/approved");
    assert_eq!(approved["catalog"]["revision"]["commit"], head.trim());

    export_ok(
        repo,
        &[
            "--rev",
            "qingdan/approved",
            "--format",
            "xlsx",
            "-o",
            "approved.xlsx",
        ],
    );
    let rows = python(
        repo,
        "import openpyxl\nprint(openpyxl.load_workbook('approved.xlsx')['公共服务事项清单'].max_row)",
    );
    assert_eq!(rows.trim(), "40", "39 items and the header");

    let unknown = export(
        repo,
        &["--rev", "no-such-tag", "--format", "json", "-o", "x.json"],
    );
    assert_eq!(unknown.code, 2);
    assert!(!repo.join("x.json").exists());
}

#[test]
fn an_existing_output_is_refused_without_force() {
    let dir = sample();
    let path = dir.path().join("out.xlsx");
    std::fs::write(&path, "a clerk's file").unwrap();
    let run = export(dir.path(), &["--format", "xlsx", "-o", "out.xlsx"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 2
    --- stderr
    qingdan: 错误：out.xlsx 已存在；如确需覆盖，请加 --force
    ");
    assert_eq!(std::fs::read(&path).unwrap(), b"a clerk's file");
    export_ok(
        dir.path(),
        &["--format", "xlsx", "-o", "out.xlsx", "--force"],
    );
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));

    // csv: a folder with files in it is refused; an empty one is taken.
    std::fs::create_dir(dir.path().join("full")).unwrap();
    std::fs::write(dir.path().join("full/公共服务事项清单.csv"), "old").unwrap();
    assert_eq!(
        export(dir.path(), &["--format", "csv", "-o", "full"]).code,
        2
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("full/公共服务事项清单.csv")).unwrap(),
        "old"
    );
    export_ok(dir.path(), &["--format", "csv", "-o", "full", "--force"]);
    assert_eq!(tree(&dir.path().join("full")).len(), 9);
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    export_ok(dir.path(), &["--format", "csv", "-o", "empty"]);

    // The wrong kind of output: exit 2, nothing written.
    let run = qingdan_in(
        dir.path(),
        &["--lang", "en", "export", "--format", "json", "-o", "empty"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("empty is a folder"), "{}", run.stderr);
    assert_eq!(
        export(dir.path(), &["--format", "csv", "-o", "out.xlsx"]).code,
        2
    );
}

#[test]
fn unreadable_item_files_stop_the_export() {
    let dir = sample();
    std::fs::write(dir.path().join("catalog/items/mzj/坏.yaml"), "name: [\n").unwrap();
    let run = qingdan_in(
        dir.path(),
        &["--lang", "en", "export", "--format", "json", "-o", "x.json"],
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stderr.contains("items/mzj/坏.yaml"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 item file cannot be read; nothing was exported"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "no progress or other output on a pipe"
    );
    assert!(!dir.path().join("x.json").exists());
}

/// Sub-items and the new elements in the published workbook, read by
/// openpyxl and checked against the YAML records: each sub-item follows its
/// main item with the main item's name in 所属主项; the guide table shows
/// result, case type, online address and every place; the materials and
/// steps tables show 材料情形, 空白表格 and 提交材料; json carries the keys.
#[test]
fn sub_items_and_new_elements_in_xlsx_and_json_agree_with_the_yaml() {
    let dir = sample();
    common::add_sub_items(&dir.path().join("catalog"));
    export_ok(dir.path(), &["--format", "xlsx", "-o", "c.xlsx"]);
    export_ok(dir.path(), &["--format", "json", "-o", "c.json"]);
    let script = r#"
import json, openpyxl
wb = openpyxl.load_workbook('c.xlsx')
out = {}
for name in wb.sheetnames:
    ws = wb[name]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    out[name] = [dict(zip(rows[0], r), height=ws.row_dimensions[i + 2].height)
                 for i, r in enumerate(rows[1:])]
print(json.dumps(out, ensure_ascii=False))
"#;
    let book: Value = serde_json::from_str(&python(dir.path(), script)).unwrap();
    let read = |file: &str| -> qingdan::model::Item {
        let text =
            std::fs::read_to_string(dir.path().join("catalog/items/mzj").join(file)).unwrap();
        serde_json::from_value(qingdan::yaml::parse(&text).unwrap().unwrap().value).unwrap()
    };
    let main = read("最低生活保障申请.yaml");
    let disaster = read("最低生活保障申请（因灾）.yaml");
    let illness = read("最低生活保障申请（因病）.yaml");

    let items = book["公共服务事项清单"].as_array().unwrap();
    let at = items
        .iter()
        .position(|r| r["事项名称"] == main.name.as_str())
        .unwrap();
    let names: Vec<&str> = items[at..at + 3]
        .iter()
        .map(|r| r["事项名称"].as_str().unwrap())
        .collect();
    assert_eq!(names, [main.name.as_str(), &disaster.name, &illness.name]);
    assert_eq!(items[at]["所属主项"], Value::Null, "a main item has none");
    assert_eq!(items[at + 1]["所属主项"], main.name.as_str(), "by code");
    assert_eq!(items[at + 2]["所属主项"], main.name.as_str(), "by file");

    let guide = book["办事指南要素表"].as_array().unwrap();
    let row = guide
        .iter()
        .find(|r| r["事项名称"] == disaster.name.as_str())
        .unwrap();
    let result = disaster.result.as_ref().unwrap();
    assert_eq!(row["结果名称"], result.name.as_deref().unwrap());
    assert_eq!(row["结果类型"], "批文");
    assert_eq!(row["送达方式"], "窗口领取、邮寄");
    assert_eq!(row["办件类型"], "承诺件");
    assert_eq!(row["网上办理地址"], disaster.online_url.as_deref().unwrap());
    let places = row["办理地点（多处）"].as_str().unwrap();
    assert_eq!(places.lines().count(), disaster.locations.len());
    let height = row["height"].as_f64().unwrap_or(0.0);
    assert!(
        height >= 16.0 * places.lines().count() as f64,
        "the row shows every place: {height}pt"
    );
    for (n, place) in disaster.locations.iter().enumerate() {
        let line = places.lines().nth(n).unwrap();
        assert!(
            line.starts_with(&format!("{}. {}", n + 1, place.name)),
            "{line}"
        );
        for part in [&place.address, &place.hours, &place.phone]
            .into_iter()
            .flatten()
        {
            assert!(line.contains(part.as_str()), "{line} has {part}");
        }
    }

    let materials = book["申请材料"].as_array().unwrap();
    let of = |name: &str| {
        materials
            .iter()
            .find(|r| r["事项名称"] == disaster.name.as_str() && r["材料名称"] == name)
            .unwrap()
            .clone()
    };
    for material in &disaster.materials {
        let row = of(&material.name);
        assert_eq!(row["材料情形"].as_str(), material.when.as_deref());
        assert_eq!(row["空白表格"].as_str(), material.blank_form.as_deref());
    }
    let steps = book["办理流程"].as_array().unwrap();
    let accept = steps
        .iter()
        .find(|r| r["事项名称"] == disaster.name.as_str() && r["环节名称"] == "受理")
        .unwrap();
    assert_eq!(accept["提交材料"], disaster.process[0].materials.join("\n"));

    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("c.json")).unwrap()).unwrap();
    let published = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == disaster.name.as_str())
        .unwrap();
    let record = serde_json::to_value(&disaster).unwrap();
    for key in [
        "result",
        "online_url",
        "case_type",
        "services",
        "locations",
        "authority",
        "delegated_from",
        "quantity_limit",
        "joint_departments",
        "parent",
    ] {
        assert_eq!(published[key], record[key], "{key}");
    }
    assert_eq!(published["legal_basis"][0]["role"], "setting");
}
