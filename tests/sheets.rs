//! `qingdan template` and `qingdan import` as a clerk runs them: workbooks
//! built here with rust_xlsxwriter (and one filled by openpyxl), imported
//! into a scratch catalog, the files and whole outputs compared.

mod common;

use std::path::Path;

use calamine::{Reader, SheetVisible, Xlsx};
use common::book::{C, item, items_tree, read, scratch, t, write_book};
use common::{qingdan_in, root};
use qingdan::catalog::Catalog;
use qingdan::model::Item;
use qingdan::source::FolderSource;

const ITEM_HEADERS: &[&str] = &[
    "序号",
    "事项名称",
    "事项类型",
    "服务类别",
    "服务主题",
    "实施主体",
    "服务对象",
    "实施依据",
    "受理单位",
    "办理地点",
    "申请条件",
    "法定时限",
    "承诺时限",
    "是否收费",
    "咨询方式",
    "网上办理",
    "到现场次数",
    "备注",
    "办事指南类",
];

/// Two good items, with materials and steps, in Chinese.
fn chinese_book(path: &Path) {
    let items = vec![
        t(&[
            "1",
            "老年人优待证办理",
            "公共服务",
            "社会保障",
            "社会事务、老年人",
            "瓯江市民政局",
            "自然人",
            "《浙江省实施〈中华人民共和国老年人权益保障法〉办法》第三十条\n《瓯江市老年人优待办法》第五条",
            "户籍所在地乡镇（街道）便民服务中心",
            "瓯江市江滨中路100号",
            "年满60周岁\n具有本市户籍",
            "无",
            "即办",
            "否",
            "咨询电话：0577-88122001",
            "全程网办",
            "0",
            "凭身份证即可办理",
            "是",
        ]),
        t(&[
            "2",
            "拖拉机/联合收割机驾驶证补发",
            "public_service",
            "other",
            "",
            "jtj",
            "natural_person；legal_person",
            "《拖拉机和联合收割机驾驶证管理规定》第二十条",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "否",
        ]),
    ];
    let materials = vec![
        t(&["1", "居民身份证", "原件", "1", "政府部门核发", "否"]),
        t(&["1", "近期一寸免冠照片", "原件", "2", "申请人自备", "否"]),
    ];
    let steps = vec![
        t(&["1", "2", "审核发证", "民政所工作人员", "即办"]),
        t(&["1", "1", "受理", "窗口工作人员", "即办"]),
    ];
    write_book(
        path,
        &[
            ("事项", ITEM_HEADERS, items),
            (
                "申请材料",
                &[
                    "事项序号",
                    "材料名称",
                    "材料形式",
                    "份数",
                    "来源渠道",
                    "是否证明",
                ],
                materials,
            ),
            (
                "办理流程",
                &["事项序号", "步骤序号", "环节名称", "办理人员", "环节时限"],
                steps,
            ),
        ],
    );
}

#[test]
fn template_has_the_sheets_headers_and_a_hidden_list_sheet() {
    let dir = scratch();
    let run = qingdan_in(dir.path(), &["template"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript(), @"
    exit: 0
    --- stdout
    已写入 事项填报模板.xlsx：事项、申请材料、办理流程、办理地点、收费项目五张工作表，实施主体下拉列表含 13 个单位
    ");
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("事项填报模板.xlsx")).unwrap();
    let sheets: Vec<(String, SheetVisible)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    assert_eq!(
        sheets,
        [
            ("事项".into(), SheetVisible::Visible),
            ("申请材料".into(), SheetVisible::Visible),
            ("办理流程".into(), SheetVisible::Visible),
            ("办理地点".into(), SheetVisible::Visible),
            ("收费项目".into(), SheetVisible::Visible),
            ("取值".into(), SheetVisible::Hidden),
        ]
    );
    for sheet in qingdan::columns::Sheet::ALL {
        let range = book.worksheet_range(sheet.zh()).unwrap();
        let headers: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let expected: Vec<&str> = sheet.columns().iter().map(|c| c.zh).collect();
        assert_eq!(headers, expected);
    }
    let lists = book.worksheet_range("取值").unwrap();
    let all: Vec<String> = lists.cells().map(|(_, _, c)| c.to_string()).collect();
    for value in [
        "公共服务",
        "医疗卫生",
        "是",
        "否",
        "全程网办",
        "复印件",
        "申请人自备",
        "瓯江市民政局",
        "公示",
        "政府指导价",
    ] {
        assert!(all.iter().any(|v| v == value), "{value} in the list sheet");
    }
    // Nobody applies for these kinds: the drop-down leaves them out.
    for kind in ["行政处罚", "行政强制", "行政检查", "行政征收"] {
        assert!(!all.iter().any(|v| v == kind), "{kind} is not offered");
    }
    let again = qingdan_in(dir.path(), &["template"]);
    assert_eq!(again.code, 2, "{}", again.transcript());
    assert!(qingdan_in(dir.path(), &["template", "--force"]).code == 0);
}

#[test]
fn template_in_english() {
    let dir = scratch();
    let run = qingdan_in(
        dir.path(),
        &["--lang", "en", "template", "-o", "items.xlsx"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("items.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Items",
            "Materials",
            "Steps",
            "Locations",
            "Charges",
            "Lists"
        ]
    );
    let range = book.worksheet_range("Items").unwrap();
    let headers: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&headers[..4], ["No.", "File", "Name", "Kind"]);
}

/// Validations, notes and frozen panes as a third-party reader sees them.
#[test]
fn template_seen_and_filled_by_openpyxl_imports_byte_for_byte() {
    let dir = scratch();
    assert_eq!(
        qingdan_in(dir.path(), &["template", "-o", "t.xlsx"]).code,
        0
    );
    let script = r#"
import openpyxl
wb = openpyxl.load_workbook('t.xlsx')
ws = wb['事项']
assert ws.freeze_panes == 'A2', ws.freeze_panes
assert all(c.comment is not None for c in ws[1]), 'every header has a note'
assert wb['取值'].sheet_state == 'hidden'
lists = {str(v.sqref).split(':')[0]: v.formula1 for v in ws.data_validations.dataValidation}
assert lists['D2'].startswith("'取值'!"), lists
assert 'J2' not in lists, 'no drop-down on 服务对象'
def append(ws, **cells):
    headers = [c.value for c in ws[1]]
    row = [None] * len(headers)
    for header, value in cells.items():
        row[headers.index(header)] = value
    ws.append(row)
append(ws, 序号=1, 事项名称='生育登记服务', 事项类型='公共服务', 服务类别='医疗卫生',
       实施主体='瓯江市卫生健康委员会', 服务对象='自然人',
       实施依据='《中华人民共和国人口与计划生育法》第二十条', 办事指南类='是', 受理单位='乡镇卫生院',
       办理地点='瓯江市市民中心一楼', 申请条件='夫妻双方至少一方为本市户籍', 法定时限='无',
       承诺时限='3个工作日', 是否收费='否', 咨询方式='0577-88990000', 网上办理='全程网办', 到现场次数=0)
append(wb['申请材料'], 事项序号=1, 材料名称='居民身份证', 材料形式='原件', 份数=1, 来源渠道='政府部门核发',
       是否证明='否', 可共享获取='否', 常见错误示例='复印件不清晰')
append(wb['办理流程'], 事项序号=1, 步骤序号=1, 环节名称='受理', 办理人员='窗口工作人员', 环节时限='即办')
wb.save('filled.xlsx')
"#;
    let python = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        python.status.success(),
        "openpyxl (scripts/test installs it): {}",
        String::from_utf8_lossy(&python.stderr)
    );
    let run = qingdan_in(dir.path(), &["import", "filled.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(read(dir.path(), "items/wsjw/生育登记服务.yaml"), @r#"
    # yaml-language-server: $schema=../../schemas/item.schema.json
    name: 生育登记服务
    kind: public_service
    category: health
    department: wsjw
    targets: [natural_person]
    legal_basis:
      - title: 《中华人民共和国人口与计划生育法》
        article: 第二十条
    accepting_unit: 乡镇卫生院
    location: 瓯江市市民中心一楼
    conditions: [夫妻双方至少一方为本市户籍]
    materials:
      - name: 居民身份证
        form: original
        copies: 1
        source: government
        common_errors: [复印件不清晰]
    process:
      - name: 受理
        actor: 窗口工作人员
        time_limit: 即办
    time_limit:
      legal: 无
      promised: 3个工作日
    fee:
      charged: false
    consultation: "0577-88990000"
    online: full
    visits: 0
    "#);
}

#[test]
fn import_in_chinese_joins_materials_and_steps() {
    let dir = scratch();
    chinese_book(&dir.path().join("民政局.xlsx"));
    let run = qingdan_in(dir.path(), &["import", "民政局.xlsx"]);
    insta::assert_snapshot!("import_zh", run.transcript());
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(
        "import_zh_file",
        read(dir.path(), "items/mzj/老年人优待证办理.yaml")
    );
    let second = item(dir.path(), "items/jtj/拖拉机_联合收割机驾驶证补发.yaml");
    assert_eq!(second.name, "拖拉机/联合收割机驾驶证补发");
    assert_eq!(second.targets.len(), 2);
    let first = item(dir.path(), "items/mzj/老年人优待证办理.yaml");
    let steps: Vec<&str> = first.process.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(steps, ["受理", "审核发证"], "steps in 步骤序号 order");
    assert_eq!(first.materials[1].copies, Some(2));
}

#[test]
fn import_in_english() {
    let dir = scratch();
    chinese_book(&dir.path().join("民政局.xlsx"));
    let run = qingdan_in(
        dir.path(),
        &["--lang", "en", "import", "民政局.xlsx", "--dry-run"],
    );
    insta::assert_snapshot!("import_en_dry_run", run.transcript());
    assert!(
        items_tree(dir.path()).is_empty(),
        "--dry-run writes nothing"
    );
}

#[test]
fn english_headers_in_another_order_give_the_same_record() {
    let zh = scratch();
    chinese_book(&zh.path().join("a.xlsx"));
    qingdan_in(zh.path(), &["import", "a.xlsx"]);
    let en = scratch();
    let headers = [
        "Department",
        "Name",
        "Category",
        "Kind",
        "No.",
        "Targets",
        "legal basis",
        "Themes",
        "Accepting unit",
        "Location",
        "Conditions",
        "Legal time limit",
        "Promised time limit",
        "Charged",
        "Consultation",
        "Online",
        "Visits",
        "Remarks",
    ];
    let items = vec![t(&[
        "mzj",
        "老年人优待证办理",
        "social_security",
        "Public service",
        "1",
        "Natural person",
        "《浙江省实施〈中华人民共和国老年人权益保障法〉办法》第三十条\n《瓯江市老年人优待办法》第五条",
        "社会事务;老年人",
        "户籍所在地乡镇（街道）便民服务中心",
        "瓯江市江滨中路100号",
        "年满60周岁\n\n具有本市户籍",
        "无",
        "即办",
        "No",
        "咨询电话：0577-88122001",
        "Fully online",
        "0",
        "凭身份证即可办理",
    ])];
    let materials = vec![
        t(&["近期一寸免冠照片", "1", "original", "2", "Applicant"]),
        t(&["居民身份证", "1", "Original", "1", "Issued by government"]),
    ];
    let steps = vec![
        t(&["1", "受理", "窗口工作人员", "即办"]),
        t(&["1", "审核发证", "民政所工作人员", "即办"]),
    ];
    write_book(
        &en.path().join("b.xlsx"),
        &[
            ("Items", &headers, items),
            (
                "Materials",
                &["Material", "Item No.", "Form", "Copies", "Source"],
                materials,
            ),
            ("Steps", &["Item No.", "Step", "Actor", "Time limit"], steps),
        ],
    );
    let run = qingdan_in(en.path(), &["import", "b.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let file = "items/mzj/老年人优待证办理.yaml";
    let mut expected = item(zh.path(), file);
    expected.materials.reverse();
    assert_eq!(item(en.path(), file), expected);
}

#[test]
fn a_bad_row_is_skipped_with_its_cell_named() {
    let dir = scratch();
    let long_name = "长".repeat(50);
    let mut rows = vec![
        t(&[
            "1",
            "临时救助申请",
            "公共服务",
            "社会保障",
            "",
            "卫健委",
            "自然人",
            "《法》第一条",
        ]),
        t(&[
            "2",
            "",
            "公共服务",
            "社会保障",
            "",
            "mzj",
            "自然人",
            "《法》第一条",
        ]),
        t(&[
            "3",
            "低保申请",
            "公共服务",
            "卫生",
            "",
            "mzj",
            "自然人",
            "《法》第一条",
        ]),
        t(&[
            "4",
            "特困供养",
            "公共服务",
            "社会保障",
            "",
            "mzj",
            "自然人",
            "《法》第一条",
        ]),
        t(&[
            "5",
            "特困供养",
            "公共服务",
            "社会保障",
            "",
            "mzj",
            "自然人",
            "《法》第一条",
        ]),
    ];
    rows.push(vec![
        C::T("6"),
        C::T(&long_name),
        C::T("公共服务"),
        C::T("社会保障"),
        C::T(""),
        C::T("mzj"),
        C::T("自然人"),
        C::T("《法》第一条"),
        C::T(""),
        C::T(""),
        C::N(3303990020001.0),
    ]);
    let headers = [
        "序号",
        "事项名称",
        "事项类型",
        "服务类别",
        "服务主题",
        "实施主体",
        "服务对象",
        "实施依据",
        "受理单位",
        "办理地点",
        "事项编码",
        "经办人",
    ];
    write_book(&dir.path().join("表.xlsx"), &[("事项", &headers, rows)]);
    let run = qingdan_in(dir.path(), &["import", "表.xlsx", "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let written: Vec<&str> = doc["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["file"].as_str().unwrap())
        .collect();
    assert_eq!(written, ["items/mzj/特困供养.yaml"]);
    let cells: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "表.xlsx")
        .map(|f| (f["path"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        cells,
        [
            ("事项!L1", "import"),
            ("事项!F2", "unknown-department"),
            ("事项!B3", "schema"),
            ("事项!D4", "schema"),
            ("事项!B6", "import"),
            ("事项!K7", "schema"),
        ]
    );
    let skipped: Vec<u64> = doc["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["row"].as_u64().unwrap())
        .collect();
    assert_eq!(skipped, [2, 3, 4, 6, 7]);
    let first = &doc["findings"][1];
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(6))
    );

    // Without the number code, the long name is cut to 120 bytes.
    let rows = [t(&[
        "1",
        "x",
        "公共服务",
        "社会保障",
        "",
        "mzj",
        "自然人",
        "《法》第一条",
    ])];
    let mut row = rows[0].clone();
    row[1] = C::T(&long_name);
    write_book(
        &dir.path().join("长.xlsx"),
        &[("事项", &headers[..8], vec![row])],
    );
    let run = qingdan_in(dir.path(), &["import", "长.xlsx"]);
    assert!(
        run.stdout
            .contains(&format!("items/mzj/{}.yaml", "长".repeat(40))),
        "{}",
        run.stdout
    );
}

#[test]
fn existing_items_need_force_and_keep_what_the_sheet_does_not_carry() {
    let dir = scratch();
    chinese_book(&dir.path().join("a.xlsx"));
    qingdan_in(dir.path(), &["import", "a.xlsx"]);
    let file = "items/mzj/老年人优待证办理.yaml";
    let path = dir.path().join("catalog").join(file);
    let hand_edited = read(dir.path(), file).replace(
        "name: 老年人优待证办理\n",
        "code: \"20330399002000019\"\nname: 老年人优待证办理\n# 经办人：张三\n",
    ) + "status: cancelled\nignore:\n  - rule: visits\n    reason: 法定要求\n";
    std::fs::write(&path, &hand_edited).unwrap();

    let refused = qingdan_in(dir.path(), &["import", "a.xlsx"]);
    assert_eq!(refused.code, 1);
    // Every row is an existing item: one hint about --force, not one error a row.
    assert!(
        refused.stdout.contains("行事项都已在清单中") && refused.stdout.contains("--force"),
        "{}",
        refused.stdout
    );
    assert_eq!(
        read(dir.path(), file),
        hand_edited,
        "nothing changes without --force"
    );

    // Same values again: nothing to write, not a byte changes.
    let same = qingdan_in(dir.path(), &["import", "a.xlsx", "--force"]);
    assert!(
        same.stdout.contains("未变 items/mzj/老年人优待证办理.yaml"),
        "{}",
        same.stdout
    );
    assert_eq!(read(dir.path(), file), hand_edited);

    // A row naming the item by its code renames it; the code stays.
    let mut headers = ITEM_HEADERS.to_vec();
    headers.push("事项编码");
    let row = t(&[
        "1",
        "老年人优待证申领",
        "公共服务",
        "社会保障",
        "社会事务、老年人",
        "瓯江市民政局",
        "自然人",
        "《瓯江市老年人优待办法》第五条",
        "户籍所在地乡镇（街道）便民服务中心",
        "瓯江市江滨中路100号",
        "年满60周岁\n具有本市户籍",
        "无",
        "即办",
        "否",
        "咨询电话：0577-88122001",
        "全程网办",
        "0",
        "",
        "是",
        "20330399002000019",
    ]);
    write_book(&dir.path().join("b.xlsx"), &[("事项", &headers, vec![row])]);
    let run = qingdan_in(dir.path(), &["import", "b.xlsx", "--force"]);
    assert!(
        run.stdout.contains("更新 items/mzj/老年人优待证办理.yaml"),
        "{}",
        run.transcript()
    );
    let text = read(dir.path(), file);
    let expected = hand_edited
        .replace("name: 老年人优待证办理", "name: 老年人优待证申领")
        .replace("  - title: 《浙江省实施〈中华人民共和国老年人权益保障法〉办法》\n    article: 第三十条\n", "")
        .replace("remarks: 凭身份证即可办理\n", "");
    assert_eq!(
        text, expected,
        "only the sheet's keys changed; materials and steps kept (no such sheets)"
    );
}

#[test]
fn an_unreadable_workbook_is_exit_2_and_writes_nothing() {
    let dir = scratch();
    std::fs::write(dir.path().join("坏.xlsx"), b"PK\x03\x04 not a zip").unwrap();
    let run = qingdan_in(dir.path(), &["import", "坏.xlsx"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stdout.contains("坏.xlsx"), "{}", run.stdout);
    let missing = qingdan_in(dir.path(), &["import", "没有.xlsx"]);
    assert_eq!(missing.code, 2);
    assert!(items_tree(dir.path()).is_empty());
}

#[test]
fn writes_leave_no_temporary_files() {
    let dir = scratch();
    chinese_book(&dir.path().join("a.xlsx"));
    qingdan_in(dir.path(), &["import", "a.xlsx"]);
    let names: Vec<String> = items_tree(dir.path())
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".yaml") && !n.starts_with(".qingdan-")),
        "{names:?}"
    );
}

/// The sample catalog written into a workbook and imported into an empty
/// catalog gives the same records, less what no column holds (行使层级,
/// 全程代办, step material names, status, ignore). Codes are left out: a new
/// catalog's items get theirs from `qingdan code`, and import never gives one.
#[test]
fn the_sample_catalog_round_trips_through_a_workbook() {
    let source = FolderSource::new(root().join("catalog"));
    let (catalog, _) = Catalog::load(&source).unwrap();
    let uncoded: Vec<(&str, Item)> = catalog
        .records()
        .map(|(l, i)| {
            (
                l.file.as_str(),
                Item {
                    code: None,
                    ..i.clone()
                },
            )
        })
        .collect();
    let items: Vec<(&str, &Item)> = uncoded.iter().map(|(f, i)| (*f, i)).collect();
    let bytes =
        qingdan::sheets::template::workbook(&catalog.departments, qingdan::i18n::Lang::Zh, &items)
            .unwrap();
    let dir = scratch();
    // The services the items name (`intermediaries`) and their agencies.
    for file in ["intermediaries/fwmjch.yaml", "registers/agencies.yaml"] {
        let to = dir.path().join("catalog").join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join("catalog").join(file), to).unwrap();
    }
    std::fs::write(dir.path().join("all.xlsx"), bytes).unwrap();
    let run = qingdan_in(dir.path(), &["import", "all.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    for (file, original) in items {
        // 行使层级, 全程代办 and a step's 提交材料 come back; only the
        // ignores (no column: they are the reviewers') are not in a workbook.
        let mut expected = original.clone();
        expected.ignore.clear();
        assert_eq!(item(dir.path(), file), expected, "{file}");
    }
}

/// A step marked 特别程序 in the 办理流程 sheet becomes `special:` in the
/// item file, by its Chinese label.
#[test]
fn a_special_procedure_is_imported_from_its_column() {
    let dir = scratch();
    let path = dir.path().join("特别程序.xlsx");
    // The eight required columns, then 办事指南类 = 否 in the last one.
    let mut cells = [""; 19];
    cells[..8].copy_from_slice(&[
        "1",
        "最低生活保障申请",
        "公共服务",
        "社会保障",
        "",
        "瓯江市民政局",
        "自然人",
        "《社会救助暂行办法》第十一条",
    ]);
    cells[18] = "否";
    let items = vec![t(&cells)];
    let steps = vec![
        t(&["1", "1", "审核确认", "经办人员", "4个工作日", ""]),
        t(&["1", "2", "公示", "经办人员", "7日", "公示"]),
    ];
    write_book(
        &path,
        &[
            ("事项", ITEM_HEADERS, items),
            (
                "办理流程",
                &[
                    "事项序号",
                    "步骤序号",
                    "环节名称",
                    "办理人员",
                    "环节时限",
                    "特别程序",
                ],
                steps,
            ),
        ],
    );
    let run = qingdan_in(dir.path(), &["import", "特别程序.xlsx"]);
    assert!(
        run.stdout.contains("最低生活保障申请"),
        "{}",
        run.transcript()
    );
    let imported = item(dir.path(), "items/mzj/最低生活保障申请.yaml");
    let special: Vec<Option<qingdan::model::Special>> =
        imported.process.iter().map(|s| s.special).collect();
    assert_eq!(special, [None, Some(qingdan::model::Special::Publicity)]);
}

/// The 收费项目 sheet joins its charges to their item by 事项序号, as the
/// 申请材料 sheet does, and 定价方式 reads its Chinese label.
#[test]
fn charges_are_imported_from_their_sheet() {
    let dir = scratch();
    let path = dir.path().join("收费.xlsx");
    let mut row = [""; 19];
    row[..8].copy_from_slice(&[
        "1",
        "老年人优待证办理",
        "公共服务",
        "社会保障",
        "",
        "瓯江市民政局",
        "自然人",
        "《瓯江市老年人优待办法》第五条",
    ]);
    row[13] = "是";
    row[18] = "否";
    let charges = vec![
        t(&[
            "1",
            "老年人优待证工本费",
            "每证5元",
            "《瓯江市老年人优待办法》第九条",
            "政府指导价",
        ]),
        t(&["1", "老年人优待证补办费", "每证10元", "", "市场调节价"]),
    ];
    write_book(
        &path,
        &[
            ("事项", ITEM_HEADERS, vec![t(&row)]),
            (
                "收费项目",
                &[
                    "事项序号",
                    "收费项目名称",
                    "收费标准",
                    "收费依据",
                    "定价方式",
                ],
                charges,
            ),
        ],
    );
    let run = qingdan_in(dir.path(), &["import", "收费.xlsx"]);
    assert!(
        run.stdout.contains("新建 items/mzj/老年人优待证办理.yaml"),
        "{}",
        run.transcript()
    );
    let imported = item(dir.path(), "items/mzj/老年人优待证办理.yaml");
    let fee = serde_json::to_value(imported.fee.expect("a fee")).unwrap();
    assert_eq!(
        fee,
        serde_json::json!({
            "charged": true,
            "items": [
                {"name": "老年人优待证工本费", "standard": "每证5元",
                 "basis": "《瓯江市老年人优待办法》第九条", "pricing": "guided"},
                {"name": "老年人优待证补办费", "standard": "每证10元", "pricing": "market"},
            ]
        })
    );
}
