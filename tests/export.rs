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
const SHEETS_ZH: [&str; 11] = [
    "公共服务事项清单",
    "办事指南要素表",
    "申请材料",
    "办理流程",
    "收费事项",
    "收费项目",
    "共享需求",
    "证明事项清单",
    "可转移事项",
    "中介服务事项清单",
    "承揽机构名录",
];
const SHEETS_EN: [&str; 11] = [
    "Public service items",
    "Service guide elements",
    "Materials",
    "Process steps",
    "Charged items",
    "Charges",
    "Data sharing needs",
    "Proofs",
    "Transferable items",
    "Intermediary services",
    "Agencies",
];

/// The header row of a table sheet (0-based): a title and a subtitle
/// (the sample's `publication.issuer` and the export's date) above it.
const HEADER: usize = 2;

/// The sheets the workbook has beyond the tables: the printable
/// guides and the summary.
const MORE_SHEETS_ZH: [&str; 2] = ["办事指南", "汇总"];

/// The data rows of a table sheet: below the header, those with a 序号
/// (the main list's department rows have none).
fn data_rows(sheet: &[Vec<String>]) -> Vec<&Vec<String>> {
    sheet[HEADER + 1..]
        .iter()
        .filter(|r| r.first().is_some_and(|c| c.parse::<u64>().is_ok()))
        .collect()
}

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

/// `export` with `--lang en`, which must succeed.
fn export_en_ok(dir: &Path, args: &[&str]) {
    let mut all = vec!["--lang", "en", "export"];
    all.extend_from_slice(args);
    let run = qingdan_in(dir, &all);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

/// The table sheets' names as a JSON list, for a script's environment.
fn sheets_json() -> String {
    serde_json::to_string(&SHEETS_ZH).unwrap()
}

/// Runs a Python script in `dir`; its standard output.
fn python(dir: &Path, script: &str) -> String {
    python_with(dir, script, &[])
}

/// Runs a Python script in `dir` with `env` set; its standard output.
fn python_with(dir: &Path, script: &str, env: &[(&str, &str)]) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .envs(env.iter().copied())
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
        "charges",
        "sharing_needs",
        "proofs",
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
    assert_eq!(sheets.len(), SHEETS_ZH.len() + MORE_SHEETS_ZH.len());
    for (i, name) in SHEETS_ZH.iter().enumerate() {
        let sheet = &sheets[*name];
        assert_eq!(
            sheet[HEADER],
            headers_of(i, qingdan::i18n::Lang::Zh),
            "{name}"
        );
        assert_eq!(data_rows(sheet).len() as u64, rows[i], "{name}");
    }
    let main = &sheets["公共服务事项清单"];
    assert_eq!(main[0][0], "瓯江市公共服务事项清单", "the title");
    assert!(
        main[1][0].starts_with("瓯江市人民政府办公室　"),
        "{:?}",
        main[1]
    );
    assert_eq!(
        main[HEADER + 1][0],
        "瓯江市不动产登记中心",
        "a department row above its items"
    );
    let first = data_rows(main)[0];
    assert_eq!(first[0], "1");
    assert_eq!(
        first[1], "0733039901000010",
        "codes stay text: no digit lost"
    );
    assert_eq!(first[3], "", "a single item has no main item");
    assert_eq!(first[6], "瓯江市不动产登记中心", "the department by name");
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
def width(text):
    return sum(1 if ord(ch) < 0x1100 else 2 for ch in text)
for ws in wb:
    # openpyxl keys a run of equally wide columns by its first letter.
    widths = {}
    for dim in ws.column_dimensions.values():
        for i in range(dim.min or 1, (dim.max or dim.min or 1) + 1):
            widths[i] = dim.width
    data = [row for row in ws.iter_rows(min_row=4) if isinstance(row[0].value, (int, float))]
    types = sorted({c.data_type for row in data for c in row if c.value is not None})
    # Every row holding more lines than one has a height for them: at
    # least 15 points a line break, and more than the default 15.
    short = []
    for row in data:
        lines = max(str(c.value).count('\n') + 1 for c in row if c.value is not None)
        long = any(c.data_type == 's' and width(c.value) > widths.get(c.column, 8) for c in row)
        height = ws.row_dimensions[row[0].row].height
        if (lines > 1 or long) and (height is None or height < 15 * lines or height <= 15):
            short.append(row[0].row)
    out[ws.title] = {
        'rows': len(data),
        'headers': [c.value for c in ws[3]],
        'title': ws['A1'].value,
        'freeze': ws.freeze_panes,
        'landscape': ws.page_setup.orientation == 'landscape',
        'paper': ws.page_setup.paperSize,
        'repeat': ws.print_title_rows,
        'footer': ws.oddFooter.center.text,
        'fit': bool(ws.sheet_properties.pageSetUpPr.fitToPage) and ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0,
        'wrapped': all(c.alignment.wrap_text and c.alignment.vertical == 'top' for row in data for c in row if c.data_type == 's'),
        'bordered': all(c.border.left.style == 'thin' for row in data for c in row),
        'short_rows': short,
        'tall_rows': sum(1 for row in data if (ws.row_dimensions[row[0].row].height or 0) > 15),
        'width': ws.column_dimensions['C'].width,
        'types': types,
    }
print(json.dumps({'sheets': wb.sheetnames, 'detail': out}, ensure_ascii=False))
"#,
    );
    let report: Value = serde_json::from_str(&report).unwrap();
    let all: Vec<&str> = SHEETS_ZH.iter().chain(&MORE_SHEETS_ZH).copied().collect();
    assert_eq!(report["sheets"], serde_json::json!(all));
    for (i, name) in SHEETS_ZH.iter().enumerate() {
        let sheet = &report["detail"][name];
        assert_eq!(sheet["rows"], rows[i], "{name}");
        assert_eq!(
            sheet["headers"],
            serde_json::json!(headers_of(i, qingdan::i18n::Lang::Zh))
        );
        assert!(
            sheet["title"]
                .as_str()
                .unwrap()
                .starts_with("瓯江市公共服务事项清单"),
            "{name}: {sheet}"
        );
        assert_eq!(sheet["freeze"], "A4", "{name}");
        assert_eq!(sheet["paper"], 9, "{name}: A4");
        assert_eq!(sheet["repeat"], "$3:$3", "{name}");
        assert_eq!(sheet["footer"], "第 &P 页 共 &N 页", "{name}");
        assert_eq!(sheet["fit"], true, "{name}");
        assert_eq!(sheet["wrapped"], true, "{name}");
        assert_eq!(sheet["bordered"], true, "{name}");
        assert_eq!(
            sheet["short_rows"],
            serde_json::json!([]),
            "{name}: rows too short for their lines"
        );
        assert!(
            sheet["width"].as_f64().unwrap() >= 10.0,
            "{name}: widths fit Chinese"
        );
        if i == 0 || i == 1 {
            assert_eq!(
                sheet["landscape"], true,
                "{name}: wide tables print landscape"
            );
            assert!(sheet["tall_rows"].as_u64().unwrap() > 0, "{name}: {sheet}");
        }
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
    assert_eq!(
        names.trim(),
        format!("{}|Service guides|Summary", SHEETS_EN.join("|"))
    );
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
print(json.dumps({n: [list(r) for r in wb[n].iter_rows(min_row=3, values_only=True)]
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
    assert_eq!(report["sheets"], SHEETS_ZH.len() + MORE_SHEETS_ZH.len());
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
    let names: Vec<&str> = data_rows(&sheets["公共服务事项清单"])
        .into_iter()
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
for name in json.loads(os.environ['SHEETS']):
    raw = open(os.path.join('表格', name + '.csv'), 'rb').read()
    assert raw.startswith(b'\xef\xbb\xbf'), 'BOM'
    assert raw.count(b'\r\n') > 0 and raw.count(b'\r') == raw.count(b'\r\n'), 'CRLF only'
    with open(os.path.join('表格', name + '.csv'), encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f))
    sheet = [['' if v is None else (str(v) if not isinstance(v, float) else str(int(v))) for v in r]
             for i, r in enumerate(wb[name].iter_rows(min_row=3, values_only=True))
             if i == 0 or isinstance(r[0], (int, float))]
    out[name] = {'rows': len(rows), 'same': rows == sheet, 'first': rows[1] if len(rows) > 1 else []}
print(json.dumps(out, ensure_ascii=False))
"#;
    let report: Value = serde_json::from_str(&python_with(
        dir.path(),
        script,
        &[("SHEETS", &sheets_json())],
    ))
    .unwrap();
    for name in SHEETS_ZH {
        assert_eq!(
            report[name]["same"], true,
            "{name}: csv and xlsx agree cell for cell"
        );
    }
    let first = &report["公共服务事项清单"]["first"];
    assert_eq!(first[2], "不动产权证书补发");
    assert_eq!(first[7], "市级", "行使层级");
    assert_eq!(first[8], "自然人、法人、其他组织");
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
    // Each table as the programs' csv, its CSVW metadata and the people's csv.
    assert_eq!(tree(&dir.path().join("1")).len(), 3 * SHEETS_ZH.len());
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
    assert_eq!(
        items[0].get("file"),
        None,
        "no internal paths: {}",
        items[0]
    );
    let generated = doc["catalog"]["generated"].as_str().unwrap();
    assert!(qingdan::model::date::is_date(generated), "{generated}");
    // The intermediary services and their agencies, as their YAML says,
    // and the items' links to them (issue 23).
    let yaml = |path: &str| {
        let text = std::fs::read_to_string(dir.path().join("catalog").join(path)).unwrap();
        qingdan::yaml::parse(&text).unwrap().unwrap().value
    };
    let mut service = yaml("intermediaries/fwmjch.yaml");
    service["id"] = Value::from("fwmjch");
    assert_eq!(doc["intermediaries"], serde_json::json!([service]));
    assert_eq!(doc["agencies"], yaml("registers/agencies.yaml"));
    assert_eq!(doc["agencies"].as_array().unwrap().len(), 2);
    let requiring: Vec<&str> = items
        .iter()
        .filter(|i| i["intermediaries"] == serde_json::json!(["fwmjch"]))
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(requiring, ["房屋所有权首次登记"]);
    let counts = &doc["catalog"]["counts"];
    assert_eq!(
        (
            counts["intermediaries"].as_u64(),
            counts["agencies"].as_u64()
        ),
        (Some(1), Some(2))
    );
    assert_eq!(
        (counts["charges"].as_u64(), counts["proofs"].as_u64()),
        (Some(2), Some(5))
    );
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
    let seconds = Command::new("git")
        .args(["show", "-s", "--format=%ct", "qingdan/approved"])
        .current_dir(repo)
        .output()
        .unwrap();
    let seconds: i64 = String::from_utf8(seconds.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(
        approved["catalog"]["generated"],
        qingdan::model::date::date_cst(seconds),
        "the commit's date under --rev"
    );

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
        "import openpyxl\nws = openpyxl.load_workbook('approved.xlsx')['公共服务事项清单']\nprint(sum(1 for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)))",
    );
    assert_eq!(rows.trim(), "39", "39 items");

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
    assert_eq!(tree(&dir.path().join("full")).len(), 3 * SHEETS_ZH.len());
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

#[test]
fn the_peoples_csv_keeps_every_code_in_libreoffice_and_the_programs_csv_is_exact() {
    let dir = sample();
    export_ok(dir.path(), &["--format", "csv", "-o", "表格"]);
    let tables = dir.path().join("表格");
    let exact = read_csv(&tables.join("公共服务事项清单.csv"));
    let codes: Vec<&str> = exact[1..].iter().map(|r| r[1].as_str()).collect();
    assert!(codes.iter().any(|c| c.starts_with('0')), "{codes:?}");
    // Python's csv module reads the exact codes from the programs' file,
    // and the CSVW metadata types them as strings.
    let script = r#"
import csv, json
with open('表格/公共服务事项清单.csv', encoding='utf-8-sig', newline='') as f:
    rows = list(csv.reader(f))
meta = json.load(open('表格/公共服务事项清单.csv-metadata.json', encoding='utf-8'))
code = [c for c in meta['tableSchema']['columns'] if c['titles'] == '事项编码'][0]
print(json.dumps({'codes': [r[1] for r in rows[1:]], 'datatype': code['datatype'], 'url': meta['url']}, ensure_ascii=False))
"#;
    let report: Value = serde_json::from_str(&python(dir.path(), script)).unwrap();
    assert_eq!(report["codes"], serde_json::json!(codes));
    assert_eq!(report["datatype"], "string");
    assert_eq!(report["url"], "公共服务事项清单.csv");
    // LibreOffice opens the people's file with its default filter: every
    // code is still there, digit for digit.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("lo-profile").display()
    );
    let status = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(dir.path().join("lo"))
        .arg(tables.join("公共服务事项清单-阅读版.csv"))
        .output()
        .expect("soffice runs");
    assert!(status.status.success());
    let script = r#"
import json, openpyxl
ws = openpyxl.load_workbook('lo/公共服务事项清单-阅读版.xlsx').active
print(json.dumps([str(r[1]).strip() for r in ws.iter_rows(min_row=2, values_only=True)]))
"#;
    let opened: Value = serde_json::from_str(&python(dir.path(), script)).unwrap();
    assert_eq!(
        opened,
        serde_json::json!(codes),
        "codes as LibreOffice shows them"
    );
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
import json, os, openpyxl
wb = openpyxl.load_workbook('c.xlsx')
out = {}
for name in json.loads(os.environ['SHEETS']):
    ws = wb[name]
    # A title and a subtitle above the header row.
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    out[name] = [dict(zip(rows[2], r), height=ws.row_dimensions[i + 4].height)
                 for i, r in enumerate(rows[3:])]
print(json.dumps(out, ensure_ascii=False))
"#;
    let book: Value = serde_json::from_str(&python_with(
        dir.path(),
        script,
        &[("SHEETS", &sheets_json())],
    ))
    .unwrap();
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
        height >= qingdan::book::LINE_HEIGHT * places.lines().count() as f64,
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

/// The proofs register of the charge and proof sheets' test: a cancelled
/// proof with its act, and a retained list naming two of the sample's
/// proofs (one by the end of its name) and one with the basis its item
/// leaves out.
const PROOFS_REGISTER: &str = "\
cancelled:
  - name: 单身证明
    act: 某市关于取消一批证明事项的决定
retained:
  - name: 火灾事故认定书
    issuer: 消防救援机构
  - name: 建设工程竣工验收备案证明
    basis: 《建设工程质量管理条例》第四十九条
  - name: 疾病诊断证明书
    issuer: wsjw
";

/// Reads table sheets of a workbook through openpyxl: their data rows (those
/// with a 序号), each cell as text (`""` for an empty cell).
fn openpyxl_rows(dir: &Path, book: &str, sheets: &[&str]) -> Value {
    let script = r#"
import json, os, openpyxl
wb = openpyxl.load_workbook(os.environ['BOOK'])
out = {}
for name in json.loads(os.environ['SHEETS']):
    rows = wb[name].iter_rows(min_row=4, values_only=True)
    out[name] = [['' if v is None else (str(int(v)) if isinstance(v, (int, float)) else v) for v in r]
                 for r in rows if isinstance(r[0], (int, float))]
    out[name + ':header'] = list(next(wb[name].iter_rows(min_row=3, max_row=3, values_only=True)))
print(json.dumps(out, ensure_ascii=False))
"#;
    let sheets = serde_json::to_string(sheets).unwrap();
    let out = python_with(dir, script, &[("BOOK", book), ("SHEETS", &sheets)]);
    serde_json::from_str(&out).unwrap()
}

/// 证明事项清单 as openpyxl reads it: every material the YAML marks
/// `proof: true`, the materials register's proofs and the proofs register's
/// names (a cancelled one still asked included, though its item says it is
/// no proof), with the item's basis or the retained list's, the issuer from
/// the registers (a department id by name) and the register's word on it.
#[test]
fn the_proof_sheet_lists_every_proof_with_basis_issuer_and_register() {
    let dir = sample();
    let catalog = dir.path().join("catalog");
    std::fs::write(catalog.join("registers/proofs.yaml"), PROOFS_REGISTER).unwrap();
    let relief = catalog.join("items/mzj/临时救助申请.yaml");
    let text = std::fs::read_to_string(&relief).unwrap();
    std::fs::write(
        &relief,
        text.replace("  - name: 申请人居民身份证", "  - name: 单身证明"),
    )
    .unwrap();
    export_ok(dir.path(), &["--format", "xlsx", "-o", "c.xlsx"]);
    export_en_ok(dir.path(), &["--format", "xlsx", "-o", "en.xlsx"]);
    let zh = openpyxl_rows(dir.path(), "c.xlsx", &["证明事项清单"]);
    assert_eq!(
        zh["证明事项清单:header"],
        serde_json::json!([
            "序号",
            "事项序号",
            "事项编码",
            "事项名称",
            "实施主体",
            "证明名称",
            "材料情形",
            "设定依据",
            "开具单位",
            "证明事项清单对照"
        ])
    );
    // 序号, 事项编码 and 事项名称 apart: 实施主体, 证明名称, 设定依据,
    // 开具单位, 证明事项清单对照.
    let rows: Vec<Vec<&str>> = zh["证明事项清单"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let r = r.as_array().unwrap();
            [3, 5, 7, 8, 9].map(|i| r[i].as_str().unwrap()).to_vec()
        })
        .collect();
    let expected = [
        [
            "房屋所有权首次登记",
            "建设工程竣工验收备案证明",
            "《建设工程质量管理条例》第四十九条",
            "住房和城乡建设部门",
            "列入保留的证明事项清单",
        ],
        [
            "不动产登记资料查询",
            "买卖合同或法院、仲裁机构受理通知书",
            "《不动产登记资料查询暂行办法》第二十条；仅利害关系人查询时提供",
            "",
            "不在保留的证明事项清单中",
        ],
        [
            "临时救助申请",
            "单身证明",
            "",
            "",
            "已取消（某市关于取消一批证明事项的决定）",
        ],
        [
            "临时救助申请",
            "火灾事故认定书",
            "《中华人民共和国消防法》第五十一条；仅因火灾申请救助时提供",
            "消防救援机构",
            "列入保留的证明事项清单",
        ],
        [
            "最低生活保障申请",
            "医疗机构出具的疾病诊断证明书",
            "《社会救助暂行办法》第十一条；仅家庭成员因重大疾病丧失劳动能力、需核减收入时提供",
            "瓯江市卫生健康委员会",
            "列入保留的证明事项清单",
        ],
        [
            "失业保险金申领",
            "解除或者终止劳动关系的证明",
            "《中华人民共和国劳动合同法》第五十条；《失业保险金申领发放办法》第五条",
            "",
            "不在保留的证明事项清单中",
        ],
    ];
    assert_eq!(rows, expected.map(|r| r.to_vec()));
    // Every material the YAML calls a proof is on the sheet, under its
    // item's code and department.
    let source = qingdan::source::FolderSource::new(catalog.clone());
    let (loaded, _) = qingdan::catalog::Catalog::load(&source).unwrap();
    let sheet = zh["证明事项清单"].as_array().unwrap();
    for (_, item) in loaded.records() {
        for material in item.materials.iter().filter(|m| m.proof) {
            let department = loaded.department(&item.department).unwrap();
            assert!(
                sheet
                    .iter()
                    .any(|r| r[2] == item.code.as_deref().unwrap_or("")
                        && r[3] == item.name.as_str()
                        && r[4] == department.name.as_str()
                        && r[5] == material.name.as_str()),
                "{} {}",
                item.name,
                material.name
            );
        }
    }
    let en = openpyxl_rows(dir.path(), "en.xlsx", &["Proofs"]);
    assert_eq!(
        en["Proofs:header"].as_array().unwrap()[5..],
        [
            "Proof",
            "When needed",
            "Basis",
            "Issued by",
            "Proofs register"
        ]
    );
    let words: Vec<&str> = en["Proofs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[9].as_str().unwrap())
        .collect();
    assert_eq!(
        words,
        [
            "on the retained list",
            "not on the retained list",
            "cancelled (某市关于取消一批证明事项的决定)",
            "on the retained list",
            "on the retained list",
            "not on the retained list"
        ]
    );
}

/// 收费项目 as openpyxl reads it: one row per charge of every charged item
/// (`fee.items`, or the older standard and basis as one unnamed charge),
/// cell for cell what the YAML says, in both languages; the csv tables hold
/// the same rows under their Chinese and English names.
#[test]
fn the_charge_sheet_has_one_row_per_charge_as_the_yaml_says() {
    use qingdan::model::Labelled;
    let dir = sample();
    export_ok(dir.path(), &["--format", "xlsx", "-o", "c.xlsx"]);
    export_ok(dir.path(), &["--format", "csv", "-o", "zh"]);
    export_en_ok(dir.path(), &["--format", "xlsx", "-o", "en.xlsx"]);
    export_en_ok(dir.path(), &["--format", "csv", "-o", "en"]);
    let source = qingdan::source::FolderSource::new(dir.path().join("catalog"));
    let (catalog, _) = qingdan::catalog::Catalog::load(&source).unwrap();
    let zh = openpyxl_rows(dir.path(), "c.xlsx", &["收费项目"]);
    let en = openpyxl_rows(dir.path(), "en.xlsx", &["Charges"]);
    assert_eq!(
        zh["收费项目:header"],
        serde_json::json!([
            "序号",
            "事项序号",
            "事项编码",
            "事项名称",
            "实施主体",
            "收费项目名称",
            "收费标准",
            "收费依据",
            "定价方式"
        ])
    );
    assert_eq!(
        en["Charges:header"].as_array().unwrap()[5..],
        ["Charge", "Standard", "Basis", "Pricing"]
    );
    // What the YAML says: each active item's charges, with the labels of
    // their pricing in each language.
    let mut expected_zh = Vec::new();
    let mut expected_en = Vec::new();
    for (_, item) in catalog.records().filter(|(_, i)| i.status.is_active()) {
        let Some(fee) = &item.fee else { continue };
        let department = catalog.department(&item.department).unwrap();
        for charge in fee.charges() {
            let row = |pricing: &str| {
                vec![
                    item.code.clone().unwrap_or_default(),
                    item.name.clone(),
                    department.name.clone(),
                    charge.name.unwrap_or_default().to_string(),
                    charge.standard.unwrap_or_default().to_string(),
                    charge.basis.unwrap_or_default().to_string(),
                    pricing.to_string(),
                ]
            };
            expected_zh.push(row(charge.pricing.map_or("", |p| p.zh())));
            expected_en.push(row(charge.pricing.map_or("", |p| p.en())));
        }
    }
    assert!(
        expected_zh.len() >= 2,
        "the sample charges for more than one thing"
    );
    let cells = |sheet: &Value| -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = sheet
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array().unwrap()[2..]
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect()
            })
            .collect();
        rows.sort();
        rows
    };
    expected_zh.sort();
    expected_en.sort();
    assert_eq!(cells(&zh["收费项目"]), expected_zh);
    assert_eq!(cells(&en["Charges"]), expected_en);
    // The csv tables, read by Python's csv module.
    let script = r#"
import csv, json
out = {}
for path in ['zh/收费项目.csv', 'en/charges.csv', 'zh/证明事项清单.csv', 'en/proofs.csv']:
    with open(path, encoding='utf-8-sig', newline='') as f:
        out[path] = list(csv.reader(f))
print(json.dumps(out, ensure_ascii=False))
"#;
    let csv: Value = serde_json::from_str(&python(dir.path(), script)).unwrap();
    for (path, sheet) in [
        ("zh/收费项目.csv", &zh["收费项目"]),
        ("en/charges.csv", &en["Charges"]),
    ] {
        let rows = csv[path].as_array().unwrap();
        assert_eq!(&rows[1..], sheet.as_array().unwrap().as_slice(), "{path}");
    }
    assert_eq!(csv["en/proofs.csv"][0][5], "Proof");
    assert_eq!(
        csv["zh/证明事项清单.csv"].as_array().unwrap().len(),
        1 + counts(dir.path())["proofs"].as_u64().unwrap() as usize
    );
}
