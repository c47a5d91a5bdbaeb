//! The 1,135 real item names of one district (tests/fixtures/real: 广安区,
//! 34 departments) made into a workbook and imported: every item gets a
//! file with a safe, unique name, and the data's two real duplicates (one
//! department, one name, two portal codes) are reported.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::qingdan_in;
use common::real::{RealItem, real_items};
use qingdan::model::{ItemKind, Labelled};
use qingdan::rules::register::credit_code_check_char;
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

/// Department names in order of first appearance, with ids `d01`…
fn departments(items: &[RealItem]) -> Vec<(String, String)> {
    let mut names: Vec<&str> = Vec::new();
    for item in items {
        if !names.contains(&item.department.as_str()) {
            names.push(&item.department);
        }
    }
    names
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("d{:02}", i + 1), n.to_string()))
        .collect()
}

/// A catalog for the district: catalog.yaml, departments.yaml with valid
/// credit codes, and the portal's list as reference.yaml (JSON is YAML).
fn write_catalog(dir: &Path, items: &[RealItem], departments: &[(String, String)]) {
    std::fs::create_dir_all(dir.join("items")).unwrap();
    std::fs::write(
        dir.join("catalog.yaml"),
        "region:\n  code: \"511602\"\n  name: 广安市广安区\n",
    )
    .unwrap();
    let register: Vec<Value> = departments
        .iter()
        .enumerate()
        .map(|(i, (id, name))| {
            let base = format!("11511602MB{:07}", i + 1);
            let check = credit_code_check_char(&format!("{base}0")).unwrap();
            json!({"id": id, "code": format!("{:03}", i + 1), "name": name, "credit_code": format!("{base}{check}"), "kind": "government_department"})
        })
        .collect();
    std::fs::write(
        dir.join("departments.yaml"),
        serde_json::to_string_pretty(&register).unwrap(),
    )
    .unwrap();
    let reference: Vec<Value> = items
        .iter()
        .map(|i| json!({"code": i.portal_code, "name": i.name, "kind": ItemKind::parse(&i.task_type).unwrap().key()}))
        .collect();
    std::fs::write(
        dir.join("reference.yaml"),
        serde_json::to_string_pretty(&reference).unwrap(),
    )
    .unwrap();
}

/// The workbook a district office would fill: name, kind from task_type,
/// department by name, the portal code as 参考目录编码.
fn write_workbook(path: &Path, items: &[RealItem]) {
    let headers = [
        "序号",
        "事项名称",
        "事项类型",
        "服务类别",
        "实施主体",
        "服务对象",
        "实施依据",
        "办事指南类",
        "参考目录编码",
    ];
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("事项").unwrap();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, item) in items.iter().enumerate() {
        let seq = (r + 1).to_string();
        let cells = [
            &seq,
            &item.name,
            &item.task_type,
            "其他",
            &item.department,
            "自然人",
            "《四川省政务服务管理办法》第十条",
            "否",
            &item.portal_code,
        ];
        for (c, text) in cells.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *text).unwrap();
        }
    }
    book.save(path).unwrap();
}

/// A folder with the district's catalog and its filled workbook, not imported yet.
fn district() -> (tempfile::TempDir, Vec<RealItem>, Vec<(String, String)>) {
    let items = real_items();
    let departments = departments(&items);
    let dir = tempfile::tempdir().unwrap();
    write_catalog(&dir.path().join("catalog"), &items, &departments);
    write_workbook(&dir.path().join("广安区.xlsx"), &items);
    (dir, items, departments)
}

/// What a reviewing office first reads of the district: the count per rule.
/// Today's findings are the real duplicates and the licences (a
/// `public_service` catalog leaves licences to the licence catalog).
#[test]
fn the_district_summary_per_rule() {
    let (dir, _, _) = district();
    let import = qingdan_in(dir.path(), &["import", "广安区.xlsx"]);
    assert_eq!(import.code, 1, "{}", import.transcript());
    let zh = qingdan_in(dir.path(), &["validate", "--summary"]);
    insta::assert_snapshot!("district_summary_zh", zh.transcript());
    let en = qingdan_in(dir.path(), &["--lang", "en", "validate", "--summary"]);
    insta::assert_snapshot!("district_summary_en", en.transcript());
    let errors = qingdan_in(
        dir.path(),
        &["validate", "--severity", "error", "--summary"],
    );
    assert!(!errors.stdout.contains("out-of-scope"), "{}", errors.stdout);
    assert!(
        errors.stdout.contains("duplicate-name"),
        "{}",
        errors.stdout
    );
}

#[test]
fn real_names_become_safe_unique_files_and_the_real_duplicates_are_reported() {
    let (dir, items, departments) = district();
    assert_eq!(items.len(), 1135);
    assert_eq!(departments.len(), 34);

    let run = qingdan_in(dir.path(), &["import", "广安区.xlsx", "--format", "json"]);
    let doc: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.transcript()));
    assert_eq!(run.code, 1, "the duplicates are errors");
    assert_eq!(doc["skipped"], json!([]));
    let files: Vec<&str> = doc["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 1135);
    assert_eq!(
        files.iter().collect::<HashSet<_>>().len(),
        1135,
        "unique names"
    );
    for file in &files {
        let stem = file
            .rsplit('/')
            .next()
            .unwrap()
            .strip_suffix(".yaml")
            .unwrap();
        // Cut to 120 bytes, then `-2` on a collision: two real names share
        // their first 120 bytes.
        let cut = stem
            .rsplit_once('-')
            .filter(|(_, n)| n.parse::<u32>().is_ok())
            .map_or(stem, |(s, _)| s);
        assert!(cut.len() <= 120, "{file}");
        assert!(
            !stem.contains(['\\', ':', '*', '?', '"', '<', '>', '|']) && !stem.starts_with('.'),
            "{file}"
        );
        assert!(dir.path().join("catalog").join(file).is_file(), "{file}");
    }
    assert!(
        files.contains(&"items/d01/企业投资项目备案（技术改造）（市级_县级）.yaml"),
        "`/` became `_`"
    );
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("/拖拉机_联合收割机检验合格标志核发.yaml")),
        "`\\` became `_`"
    );

    let id_of = |name: &str| {
        departments
            .iter()
            .find(|(_, n)| n == name)
            .unwrap()
            .0
            .clone()
    };
    let mut duplicates: Vec<(String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "duplicate-name")
        .map(|f| {
            (
                f["department"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    duplicates.sort();
    let (rsj, spj) = (id_of("区人社局"), id_of("区行政审批局"));
    let mut expected = vec![
        (rsj.clone(), format!("items/{rsj}/求职创业补贴申领.yaml")),
        (rsj.clone(), format!("items/{rsj}/求职创业补贴申领-2.yaml")),
        (
            spj.clone(),
            format!("items/{spj}/城市建筑物、设施上张挂、张贴宣传品审批.yaml"),
        ),
        (
            spj.clone(),
            format!("items/{spj}/城市建筑物、设施上张挂、张贴宣传品审批-2.yaml"),
        ),
    ];
    expected.sort();
    assert_eq!(duplicates, expected);
    let import_findings: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "广安区.xlsx")
        .collect();
    assert!(import_findings.is_empty(), "{import_findings:#?}");

    // Imported again with --force, each row finds its own file, the two
    // duplicates by their reference codes.
    let again = qingdan_in(
        dir.path(),
        &["import", "广安区.xlsx", "--force", "--format", "json"],
    );
    let doc: Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(doc["written"], json!([]));
    assert_eq!(doc["unchanged"].as_array().unwrap().len(), 1135);
}
