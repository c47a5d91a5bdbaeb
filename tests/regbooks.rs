//! Register workbooks (docs/registers.md, docs/workbooks.md): `template
//! --register NAME` and `template --intermediaries` on a copy of the sample
//! catalog, filled through openpyxl as an office's Excel would fill them,
//! and `import` of the filled workbooks, the files compared with the
//! sample's hand-written registers.

mod common;

use std::path::Path;

use common::books::python;
use common::{copy_dir, files_under, qingdan_in, root};
use serde_json::{Value, json};

/// openpyxl: appends rows to sheets by header (`{sheet: [{header: cell}]}`);
/// a cell `{"date": "YYYY-MM-DD"}` is written as a date cell, as Excel
/// makes one of a typed date.
const FILL: &str = r#"
import datetime, json, sys, openpyxl
path, sheets = sys.argv[1], json.loads(sys.argv[2])
wb = openpyxl.load_workbook(path)
for name, rows in sheets.items():
    ws = wb[name]
    headers = [c.value for c in ws[1]]
    for cells in rows:
        row = [None] * len(headers)
        for header, value in cells.items():
            if isinstance(value, dict):
                value = datetime.datetime.strptime(value['date'], '%Y-%m-%d')
            row[headers.index(header)] = value
        ws.append(row)
wb.save(path)
"#;

/// openpyxl: sets cells of existing rows: `[[sheet, match header, match
/// text, header, new text]]`.
const EDIT: &str = r#"
import json, sys, openpyxl
path, edits = sys.argv[1], json.loads(sys.argv[2])
wb = openpyxl.load_workbook(path)
for sheet, key, text, header, value in edits:
    ws = wb[sheet]
    headers = {c.value: c.column for c in ws[1]}
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, headers[key]).value == text:
            ws.cell(row, headers[header]).value = value
            break
    else:
        raise SystemExit('no row %s = %s' % (key, text))
wb.save(path)
"#;

fn fill(dir: &Path, workbook: &str, sheets: &Value) {
    python(dir, FILL, &[workbook, &sheets.to_string()]);
}

fn edit(dir: &Path, workbook: &str, edits: &[[&str; 5]]) {
    python(dir, EDIT, &[workbook, &json!(edits).to_string()]);
}

/// A copy of the sample catalog in `dir/catalog`.
fn sample(dir: &Path) {
    copy_dir(&root().join("catalog"), &dir.join("catalog"));
}

/// A sample register or service file, as a value.
fn sample_value(file: &str) -> Value {
    let text = std::fs::read_to_string(root().join("catalog").join(file)).unwrap();
    qingdan::yaml::parse(&text).unwrap().unwrap().value
}

/// A file's text without its comment lines other than the modeline.
fn without_comments(text: &str) -> String {
    text.lines()
        .enumerate()
        .filter(|(i, l)| *i == 0 || !(l.starts_with('#') || l.trim().is_empty()))
        .map(|(_, l)| format!("{l}\n"))
        .collect()
}

/// How a person writes a value in a cell: the labels of the drop-downs,
/// 是/否, one alias a line, a qualification as its header note says.
enum Cell {
    Text,
    Lines,
    Words,
    Bool,
    Label(&'static [(&'static str, &'static str)]),
    Qualifications,
}

const KINDS: &[(&str, &str)] = &[
    ("licence", "证照"),
    ("proof", "证明"),
    ("form", "表格"),
    ("other", "其他"),
];
const LEVELS: &[(&str, &str)] = &[
    ("law", "法律"),
    ("administrative_regulation", "行政法规"),
    ("state_council_decision", "国务院决定"),
    ("local_regulation", "地方性法规"),
    ("departmental_rule", "部门规章"),
    ("local_rule", "地方政府规章"),
    ("normative_document", "规范性文件"),
];
const PRICING: &[(&str, &str)] = &[
    ("government", "政府定价"),
    ("guided", "政府指导价"),
    ("market", "市场调节价"),
];

/// The rows of `entries` as `{header: cell}` for openpyxl.
fn rows(entries: &Value, columns: &[(&str, &str, Cell)]) -> Value {
    let texts = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    let rows: Vec<Value> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let mut row = serde_json::Map::new();
            for (header, key, cell) in columns {
                let Some(value) = entry.get(*key) else {
                    continue;
                };
                let text = match cell {
                    Cell::Text => value.as_str().unwrap().to_string(),
                    Cell::Lines => texts(value).join("\n"),
                    Cell::Words => texts(value).join("、"),
                    Cell::Bool => if value.as_bool().unwrap() {
                        "是"
                    } else {
                        "否"
                    }
                    .into(),
                    Cell::Label(labels) => {
                        let key = value.as_str().unwrap();
                        labels.iter().find(|(k, _)| *k == key).unwrap().1.into()
                    }
                    Cell::Qualifications => value
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|q| {
                            format!(
                                "{}，{}，有效期 {} 至 {}",
                                q["name"].as_str().unwrap(),
                                q["number"].as_str().unwrap(),
                                q["valid_from"].as_str().unwrap(),
                                q["valid_until"].as_str().unwrap()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                };
                row.insert(header.to_string(), Value::from(text));
            }
            Value::Object(row)
        })
        .collect();
    Value::from(rows)
}

fn material_rows(entries: &Value) -> Value {
    use Cell::*;
    rows(
        entries,
        &[
            ("标准名称", "name", Text),
            ("别名", "aliases", Lines),
            ("类别", "kind", Label(KINDS)),
            ("出具单位", "issuer", Text),
            ("可共享获取", "shareable", Bool),
            ("共享来源系统", "system", Text),
        ],
    )
}

fn agency_rows(entries: &Value) -> Value {
    use Cell::*;
    rows(
        entries,
        &[
            ("机构名称", "name", Text),
            ("统一社会信用代码", "credit_code", Text),
            ("资质及有效期", "qualifications", Qualifications),
            ("可承揽的中介服务", "services", Words),
            ("联系方式", "contact", Text),
        ],
    )
}

fn template(dir: &Path, args: &[&str]) {
    let mut all = vec!["template"];
    all.extend(args);
    let run = qingdan_in(dir, &all);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

fn import(dir: &Path, args: &[&str]) -> common::Run {
    let mut all = vec!["import"];
    all.extend(args);
    qingdan_in(dir, &all)
}

/// Done-when of issues 18 and 23: each register workbook, filled from
/// scratch through openpyxl with the sample's register content, imports
/// as the sample's hand-written register: the same bytes but for the
/// comments (materials, laws, proofs, fees); agencies and the service
/// the same records (the writer quotes dates and writes a one-element
/// list in flow style, where the hand-written files do not).
#[test]
fn register_workbooks_filled_by_openpyxl_give_the_sample_registers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    sample(path);
    for file in ["materials", "laws", "proofs", "fees", "agencies"] {
        std::fs::remove_file(path.join(format!("catalog/registers/{file}.yaml"))).unwrap();
    }
    std::fs::remove_file(path.join("catalog/intermediaries/fwmjch.yaml")).unwrap();
    use Cell::*;

    template(path, &["--register", "materials", "-o", "m.xlsx"]);
    // Absent registers give headers and drop-downs only.
    let seen = python(
        path,
        r#"
import openpyxl
wb = openpyxl.load_workbook('m.xlsx')
ws = wb['材料目录']
lists = sorted(str(v.sqref) for v in ws.data_validations.dataValidation)
print(ws.max_row, wb['取值'].sheet_state, lists)
print(ws['B1'].comment.text)
"#,
        &[],
    );
    assert_eq!(
        seen,
        "1 hidden ['C2:C1048576', 'E2:E1048576']\n经办人员可能写的其他名称，一个单元格内每行一个（Alt+Enter 换行）\n"
    );
    fill(
        path,
        "m.xlsx",
        &json!({"材料目录": material_rows(&sample_value("registers/materials.yaml"))}),
    );

    template(path, &["--register", "laws", "-o", "l.xlsx"]);
    let laws = rows(
        &sample_value("registers/laws.yaml"),
        &[
            ("名称", "title", Text),
            ("效力层级", "level", Label(LEVELS)),
        ],
    );
    fill(path, "l.xlsx", &json!({"法律法规库": laws}));

    template(path, &["--register", "proofs", "-o", "p.xlsx"]);
    let proofs = sample_value("registers/proofs.yaml");
    let cancelled = rows(
        &proofs["cancelled"],
        &[
            ("证明名称", "name", Text),
            ("别名", "aliases", Lines),
            ("取消文件", "act", Text),
            ("出处", "source", Text),
        ],
    );
    fill(path, "p.xlsx", &json!({"已取消的证明": cancelled}));

    template(path, &["--register", "fees", "-o", "f.xlsx"]);
    let fees = rows(
        &sample_value("registers/fees.yaml"),
        &[
            ("收费项目", "name", Text),
            ("执收单位", "department", Text),
            ("收费标准", "standard", Text),
            ("收费依据", "basis", Text),
            ("定价方式", "pricing", Label(PRICING)),
        ],
    );
    fill(path, "f.xlsx", &json!({"收费目录清单": fees}));

    template(path, &["--intermediaries", "-o", "i.xlsx"]);
    let mut service = sample_value("intermediaries/fwmjch.yaml");
    service["id"] = Value::from("fwmjch");
    let services = rows(
        &json!([service]),
        &[
            ("编号", "id", Text),
            ("中介服务事项名称", "name", Text),
            ("行业主管部门", "department", Text),
            ("涉及的公共服务事项", "required_by", Lines),
            ("是否强制", "mandatory", Bool),
            ("设定依据", "basis", Text),
            ("价格形式", "pricing", Label(PRICING)),
            ("收费标准", "standard", Text),
            ("服务时限", "time_limit", Text),
            ("机构资质要求", "qualification", Text),
        ],
    );
    let agencies = agency_rows(&sample_value("registers/agencies.yaml"));
    fill(
        path,
        "i.xlsx",
        &json!({"中介服务事项": services, "承揽机构": agencies}),
    );

    let run = import(path, &["i.xlsx", "m.xlsx", "l.xlsx", "p.xlsx", "f.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let written = |file: &str| std::fs::read_to_string(path.join("catalog").join(file)).unwrap();
    for file in ["materials", "laws", "proofs", "fees"] {
        let file = format!("registers/{file}.yaml");
        let hand = std::fs::read_to_string(root().join("catalog").join(&file)).unwrap();
        assert_eq!(written(&file), without_comments(&hand), "{file}");
    }
    for file in ["registers/agencies.yaml", "intermediaries/fwmjch.yaml"] {
        let ours = qingdan::yaml::parse(&written(file)).unwrap().unwrap().value;
        assert_eq!(ours, sample_value(file), "{file}");
    }
    // And the catalog is the sample again: it validates clean.
    let run = qingdan_in(path, &["validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

/// `template` of the sample's registers and services, imported back,
/// changes no byte; one edited cell changes that entry alone, and the
/// register keeps its comments.
#[test]
fn round_trip_of_the_sample_changes_nothing_but_the_edited_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    sample(path);
    let before = files_under(&path.join("catalog"));
    let books = [
        ("materials", "m.xlsx"),
        ("laws", "l.xlsx"),
        ("proofs", "p.xlsx"),
        ("fees", "f.xlsx"),
        ("agencies", "a.xlsx"),
    ];
    let mut workbooks = Vec::new();
    for (register, file) in books {
        template(path, &["--register", register, "-o", file]);
        workbooks.push(file);
    }
    template(path, &["--intermediaries", "-o", "i.xlsx"]);
    workbooks.push("i.xlsx");
    // Both a.xlsx and i.xlsx hold the agencies: one import takes a file
    // from one workbook only.
    let run = import(path, &workbooks);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!(run.stdout, @r"
    未变 registers/materials.yaml（m.xlsx:材料目录!1）
    未变 registers/laws.yaml（l.xlsx:法律法规库!1）
    未变 registers/proofs.yaml（p.xlsx:已取消的证明!1）
    未变 registers/fees.yaml（f.xlsx:收费目录清单!1）
    未变 registers/agencies.yaml（a.xlsx:承揽机构!1）
    未变 intermediaries/fwmjch.yaml（i.xlsx:中介服务事项!2）

    import

      × i.xlsx: registers/agencies.yaml 已由 a.xlsx:承揽机构!1 导入，同一文件只能来自一个表格；此处未
      │ 导入

    导入：新建 0 个，更新 0 个，未变 6 个，跳过 0 行
    0 个事项，1 个错误，0 个警告
    ");
    workbooks.pop();
    let run = import(path, &workbooks);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let run = import(path, &["i.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(files_under(&path.join("catalog")), before);

    // 社会保障卡 becomes shareable; the service's time limit shortens.
    edit(
        path,
        "m.xlsx",
        &[["材料目录", "标准名称", "社会保障卡", "可共享获取", "是"]],
    );
    edit(
        path,
        "i.xlsx",
        &[["中介服务事项", "编号", "fwmjch", "服务时限", "5个工作日"]],
    );
    let run = import(path, &["m.xlsx", "i.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert_eq!(
        run.stdout.matches("--force").count(),
        2,
        "{}",
        run.transcript()
    );
    assert_eq!(files_under(&path.join("catalog")), before);
    let run = import(path, &["m.xlsx", "i.xlsx", "--force"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let read = |root: &Path, file: &str| std::fs::read_to_string(root.join(file)).unwrap();
    let sample = root().join("catalog");
    let catalog = path.join("catalog");
    assert_eq!(
        read(&catalog, "registers/materials.yaml"),
        read(&sample, "registers/materials.yaml")
            .replace("  issuer: rsj\n", "  issuer: rsj\n  shareable: true\n"),
        "one key more; the comments stay"
    );
    assert_eq!(
        read(&catalog, "intermediaries/fwmjch.yaml"),
        read(&sample, "intermediaries/fwmjch.yaml").replace("7个工作日", "5个工作日"),
        "a text edit of one key"
    );

    // One agency's contact: the other agency's text stays to the letter
    // (its quoted code, its unquoted dates), and so do the comments.
    edit(
        path,
        "a.xlsx",
        &[[
            "承揽机构",
            "机构名称",
            "瓯江市恒远地理信息有限公司",
            "联系方式",
            "0577-88217731；瓯江市滨江路66号",
        ]],
    );
    let run = import(path, &["a.xlsx", "--force"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let hand = read(&sample, "registers/agencies.yaml");
    let first_two = hand.find("- name: 瓯江市恒远").unwrap();
    let ours = read(&catalog, "registers/agencies.yaml");
    assert_eq!(ours[..first_two], hand[..first_two], "{ours}");
    assert!(
        ours[first_two..].ends_with("  contact: 0577-88217731；瓯江市滨江路66号\n"),
        "{ours}"
    );
}

/// Bad cells are findings naming sheet and cell, in both languages; the
/// register with a bad row is not written at all. A date cell in a date
/// column is the date it shows.
#[test]
fn bad_cells_name_their_cell_and_keep_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    sample(path);
    template(path, &["--register", "laws", "-o", "l.xlsx"]);
    fill(
        path,
        "l.xlsx",
        &json!({"法律法规库": [
            {"名称": "《中华人民共和国行政许可法》", "效力层级": "法律",
             "施行日期": {"date": "2004-07-01"}},
            {"名称": "《某条例》", "效力层级": "条例", "施行日期": "2023-02-29"},
        ]}),
    );
    template(path, &["--register", "agencies", "-o", "a.xlsx"]);
    fill(
        path,
        "a.xlsx",
        &json!({"承揽机构": [
            {"机构名称": "瓯江市新测绘公司", "统一社会信用代码": "91330399MA2HT6Q499",
             "资质及有效期": "测绘资质丙级，丙测资字1号，有效期 2026-01-01 至 2029-12-31\n测绘资质乙级，乙测资字2号"},
        ]}),
    );
    let before = files_under(&path.join("catalog"));
    for lang in ["zh", "en"] {
        let run = qingdan_in(path, &["--lang", lang, "import", "l.xlsx", "a.xlsx"]);
        assert_eq!(run.code, 1, "{}", run.transcript());
        insta::assert_snapshot!(format!("bad_cells_{lang}"), run.stdout);
    }
    assert_eq!(files_under(&path.join("catalog")), before);

    // The date cell reads as its date.
    template(path, &["--register", "laws", "-o", "ok.xlsx", "--force"]);
    fill(
        path,
        "ok.xlsx",
        &json!({"法律法规库": [
            {"名称": "《中华人民共和国行政许可法》", "效力层级": "法律",
             "文号": "主席令第七号", "施行日期": {"date": "2004-07-01"}},
        ]}),
    );
    let run = import(path, &["ok.xlsx", "--force"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let laws = std::fs::read_to_string(path.join("catalog/registers/laws.yaml")).unwrap();
    let hand = std::fs::read_to_string(root().join("catalog/registers/laws.yaml")).unwrap();
    assert_eq!(
        laws,
        format!(
            "{hand}- title: 《中华人民共和国行政许可法》\n  level: law\n  number: 主席令第七号\n  effective: \"2004-07-01\"\n"
        ),
        "the pre-filled register with one law more; its comments stay"
    );
}

/// What `template --register` says, in both languages.
#[test]
fn template_register_says_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    sample(path);
    let zh = qingdan_in(path, &["template", "--register", "proofs"]);
    assert_eq!(zh.code, 0, "{}", zh.transcript());
    assert!(path.join("证明事项.xlsx").exists());
    let en = qingdan_in(
        path,
        &[
            "--lang",
            "en",
            "template",
            "--intermediaries",
            "-o",
            "s.xlsx",
        ],
    );
    assert_eq!(en.code, 0, "{}", en.transcript());
    insta::assert_snapshot!(format!("{}{}", zh.stdout, en.stdout), @r"
    已写入 证明事项.xlsx：已取消的证明、保留的证明事项，共 3 行；修改后用 qingdan import 证明事项.xlsx 导入（替换已有登记簿须加 --force）
    wrote s.xlsx: Intermediary services, Agencies, 3 rows; edit it, then qingdan import s.xlsx (--force to replace a register the catalog has)
    ");
    let again = qingdan_in(path, &["template", "--register", "proofs"]);
    assert_eq!(again.code, 2, "{}", again.transcript());
    let sheets = python(
        path,
        "import openpyxl; print(openpyxl.load_workbook('s.xlsx').sheetnames)",
        &[],
    );
    assert_eq!(sheets, "['Intermediary services', 'Agencies', 'Lists']\n");
}

/// A workbook holding item sheets and a register sheet: both are imported.
#[test]
fn a_workbook_with_items_and_a_register_imports_both() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    sample(path);
    template(path, &["-o", "t.xlsx"]);
    let script = r#"
import openpyxl
wb = openpyxl.load_workbook('t.xlsx')
ws = wb['事项']
headers = [c.value for c in ws[1]]
cells = dict(序号=1, 事项名称='婚前医学检查预约', 事项类型='公共服务', 服务类别='医疗卫生',
             实施主体='瓯江市卫生健康委员会', 服务对象='自然人',
             实施依据='《中华人民共和国人口与计划生育法》第二十条', 受理单位='乡镇卫生院',
             办理地点='瓯江市市民中心一楼', 申请条件='夫妻双方至少一方为本市户籍', 法定时限='无',
             承诺时限='3个工作日', 是否收费='否', 咨询方式='0577-88990000', 网上办理='全程网办', 到现场次数=0)
ws.append([cells.get(h) for h in headers])
fees = wb.create_sheet('收费目录清单')
fees.append(['收费项目', '执收单位', '定价方式'])
fees.append(['出生医学证明补发工本费', '瓯江市卫生健康委员会', '政府定价'])
wb.save('t.xlsx')
"#;
    python(path, script, &[]);
    let run = import(path, &["t.xlsx", "--force"]);
    assert!(
        run.stdout.contains("新建 items/wsjw/婚前医学检查预约.yaml")
            && run.stdout.contains("更新 registers/fees.yaml"),
        "{}",
        run.transcript()
    );
    let fees = std::fs::read_to_string(path.join("catalog/registers/fees.yaml")).unwrap();
    assert_eq!(
        fees,
        "# yaml-language-server: $schema=../schemas/fees.schema.json\n# 收费目录清单: every charge an item may make, with its standard, basis and\n# how its price is set.\n- name: 出生医学证明补发工本费\n  department: wsjw\n  pricing: government\n",
        "the sheet is the register"
    );
}

/// A register sheet is read cell by cell: a last cell at XFD1048576 costs
/// nothing (a grid of the sheet's extent would be 17 billion cells), and a
/// register cut at the row limit is not written in part.
#[test]
fn hostile_register_sheets_are_read_within_limits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    sample(path);
    template(path, &["--register", "fees", "-o", "f.xlsx"]);
    let script = r#"
import openpyxl
wb = openpyxl.load_workbook('f.xlsx')
wb['收费目录清单']['XFD1048576'] = '远处的单元格'
wb.save('f.xlsx')
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '法律法规库'
ws.append(['名称', '效力层级'])
for i in range(60):
    ws.append(['《第%d号条例》' % i, '法律'])
wb.save('laws.xlsx')
"#;
    python(path, script, &[]);
    let before = files_under(&path.join("catalog"));
    let run = import(path, &["f.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("未变 registers/fees.yaml"),
        "{}",
        run.transcript()
    );
    for lang in ["zh", "en"] {
        let run = qingdan_in(
            path,
            &[
                "--lang",
                lang,
                "import",
                "laws.xlsx",
                "--max-rows",
                "50",
                "--force",
            ],
        );
        assert_eq!(run.code, 1, "{}", run.transcript());
        insta::assert_snapshot!(format!("cut_register_{lang}"), run.stdout);
    }
    assert_eq!(files_under(&path.join("catalog")), before);
}
