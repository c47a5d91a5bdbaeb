//! The 二报 round trip: `template --department` pre-fills a workbook with a
//! department's items; imported back unchanged with `--force`, it changes
//! no byte of any file (qingdan's or a hand-edited one); a clerk's edit in
//! Excel changes that value only.

mod common;

use std::path::Path;

use common::book::files_under;
use common::{qingdan_in, root};

/// Every file under `dir` with its bytes, paths relative to `dir`.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|(path, bytes)| (path.strip_prefix(dir).unwrap().display().to_string(), bytes))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for (file, bytes) in snapshot(from) {
        let target = to.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

fn department_ids(catalog: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(catalog.join("departments.yaml")).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("- id: "))
        .map(|id| id.trim().to_string())
        .collect()
}

/// Pre-fills a workbook for each department and imports it back.
fn round_trip_every_department(dir: &Path) -> usize {
    let mut unchanged = 0;
    for id in department_ids(&dir.join("catalog")) {
        let book = format!("{id}.xlsx");
        let written = qingdan_in(dir, &["template", "--department", &id, "-o", &book]);
        assert_eq!(written.code, 0, "{}", written.transcript());
        let run = qingdan_in(dir, &["import", &book, "--force", "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", run.transcript()));
        assert_eq!(doc["written"], serde_json::json!([]), "{id}: {doc:#}");
        assert_eq!(doc["skipped"], serde_json::json!([]), "{id}: {doc:#}");
        let sheet_findings: Vec<_> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["file"] == book.as_str())
            .collect();
        assert!(sheet_findings.is_empty(), "{id}: {sheet_findings:#?}");
        unchanged += doc["unchanged"].as_array().unwrap().len();
    }
    unchanged
}

/// Round-trips every department of `dir/catalog` and checks that no byte
/// changed; the number of items that came back unchanged.
fn assert_no_byte_changes(dir: &Path) -> usize {
    let before = snapshot(&dir.join("catalog"));
    let unchanged = round_trip_every_department(dir);
    assert!(
        snapshot(&dir.join("catalog")) == before,
        "no byte of the catalog changed"
    );
    unchanged
}

/// Written by hand: labels for keys, flow and block styles, a folded
/// scalar, a condition spanning two lines, comments, odd spacing.
const HAND_EDITED: &str = r#"# 经办人：李四（手工修改）
name:   "城乡居民最低生活保障边缘家庭认定"   # 引号和多余空格
kind: 公共服务
category: 社会保障
department: mzj
targets:
  - 自然人
legal_basis:
  - {title: 《社会救助暂行办法》, article: 第十一条}
  - title: 瓯江市低保边缘家庭认定办法
guide: false
acceptance_scope: >
  家庭人均收入低于当地低保标准1.5倍的
  本市户籍家庭
conditions:
  - "具有本市户籍\n且在本市居住"
  - '  家庭财产符合规定  '
remarks: |
  第一行
  第二行
visits: 0
"#;

#[test]
fn the_sample_catalog_comes_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("catalog"), &dir.path().join("catalog"));
    std::fs::write(
        dir.path().join("catalog/items/mzj/低保边缘家庭认定.yaml"),
        HAND_EDITED,
    )
    .unwrap();
    let before = snapshot(&dir.path().join("catalog"));
    let items = before
        .iter()
        .filter(|(f, _)| f.starts_with("items/"))
        .count();
    assert_eq!(
        round_trip_every_department(dir.path()),
        items,
        "every active item was in a workbook"
    );
    assert!(
        snapshot(&dir.path().join("catalog")) == before,
        "no byte of the catalog changed"
    );
}

/// A sub-item with every element issue 20 added: result, online address,
/// case type, services, several places, a material's case and blank form, a
/// setting basis, authority, quantity limit, joint departments, parent, and
/// the columns that used to be lost (行使层级, 全程代办, a step's 提交材料).
const EVERY_ELEMENT: &str = include_str!("fixtures/sub-items/最低生活保障申请（因灾）.yaml");
/// A catalog copy with the every-element sub-item.
fn sample_with_every_element(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("catalog/items/mzj/最低生活保障申请（因灾）.yaml");
    copy_dir(&root().join("catalog"), &dir.join("catalog"));
    std::fs::write(&file, EVERY_ELEMENT).unwrap();
    file
}

#[test]
fn every_new_element_comes_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    sample_with_every_element(dir.path());
    let check = qingdan_in(dir.path(), &["validate"]);
    assert_eq!(
        check.code,
        0,
        "the sub-item is clean: {}",
        check.transcript()
    );
    assert!(check.stdout.contains("0 个警告"), "{}", check.transcript());
    assert_no_byte_changes(dir.path());
}

/// Every new element written in a workbook (by `template --department`),
/// imported as a new item, written back and imported again: the same
/// record, then the same bytes.
#[test]
fn every_new_element_survives_workbook_to_yaml_to_workbook() {
    let first = tempfile::tempdir().unwrap();
    let original = sample_with_every_element(first.path());
    let relative = original.strip_prefix(first.path()).unwrap().to_path_buf();
    let mut texts = Vec::new();
    let mut from = first.path().to_path_buf();
    let generations: Vec<tempfile::TempDir> =
        (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    for next in &generations {
        let book = next.path().join("mzj.xlsx");
        let book = book.to_str().unwrap();
        let written = qingdan_in(&from, &["template", "--department", "mzj", "-o", book]);
        assert_eq!(written.code, 0, "{}", written.transcript());
        copy_dir(&root().join("catalog"), &next.path().join("catalog"));
        let run = qingdan_in(
            next.path(),
            &["import", "mzj.xlsx", "--force", "--format", "json"],
        );
        let doc: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", run.transcript()));
        assert_eq!(run.code, 0, "{doc:#}");
        assert_eq!(doc["written"].as_array().unwrap().len(), 1, "{doc:#}");
        let text = std::fs::read_to_string(next.path().join(&relative)).unwrap();
        texts.push(text);
        from = next.path().to_path_buf();
    }
    let parse = |text: &str| -> qingdan::model::Item {
        let doc = qingdan::yaml::parse(text).unwrap().unwrap();
        serde_json::from_value(doc.value).unwrap()
    };
    assert_eq!(
        parse(&texts[0]),
        parse(EVERY_ELEMENT),
        "the record came back"
    );
    assert_eq!(
        texts[0], texts[1],
        "written back and re-imported: the same YAML"
    );
    assert_eq!(texts[0], EVERY_ELEMENT, "in qingdan's own style");
}

#[test]
fn a_generated_catalog_comes_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    qingdan::generate::write_catalog(&dir.path().join("catalog"), 120, 3, 7).unwrap();
    assert_eq!(assert_no_byte_changes(dir.path()), 120);
}

/// A clerk changes one promised time limit in Excel (openpyxl here): that
/// file alone changes, and in it only the `time_limit` entry.
#[test]
fn a_clerks_edit_changes_that_value_only() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("catalog"), &dir.path().join("catalog"));
    let before = snapshot(&dir.path().join("catalog"));
    assert_eq!(
        qingdan_in(
            dir.path(),
            &["template", "--department", "mzj", "-o", "mzj.xlsx"]
        )
        .code,
        0
    );
    let script = r#"
import openpyxl
wb = openpyxl.load_workbook('mzj.xlsx')
ws = wb['事项']
headers = [c.value for c in ws[1]]
file_col, promised_col = headers.index('文件') + 1, headers.index('承诺时限') + 1
for row in range(2, ws.max_row + 1):
    if ws.cell(row, file_col).value == 'items/mzj/最低生活保障申请.yaml':
        ws.cell(row, promised_col).value = '10个工作日'
wb.save('mzj.xlsx')
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
    let run = qingdan_in(dir.path(), &["import", "mzj.xlsx", "--force"]);
    assert!(
        run.stdout.contains("更新 items/mzj/最低生活保障申请.yaml"),
        "{}",
        run.transcript()
    );
    let after = snapshot(&dir.path().join("catalog"));
    let changed: Vec<&str> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(changed, ["items/mzj/最低生活保障申请.yaml"]);
    let file = "items/mzj/最低生活保障申请.yaml";
    let old = String::from_utf8(before.iter().find(|(f, _)| f == file).unwrap().1.clone()).unwrap();
    let new = String::from_utf8(after.iter().find(|(f, _)| f == file).unwrap().1.clone()).unwrap();
    let diff: Vec<(&str, &str)> = old
        .lines()
        .zip(new.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(old.lines().count(), new.lines().count());
    assert_eq!(diff.len(), 1, "{diff:?}");
    assert!(diff[0].1.contains("promised: 10个工作日"), "{diff:?}");
}

#[test]
fn template_for_an_unknown_department_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("catalog"), &dir.path().join("catalog"));
    let run = qingdan_in(dir.path(), &["template", "--department", "nosuch"]);
    insta::assert_snapshot!(run.transcript(), @"
    exit: 2
    --- stderr
    qingdan: 错误：departments.yaml 中没有 id 为「nosuch」的实施主体
    ");
    assert!(!dir.path().join("事项填报模板.xlsx").exists());
}
