//! The national preset on the real list (tests/fixtures/real: 1,135 items
//! of 广安区, region 511602). The portal's implementation codes read
//! 基本编码-区划(12位)-000-实施主体信用代码-1-业务办理项(2位). Every row whose code
//! has those six segments and a credit segment that is a valid 统一社会信用代码
//! becomes an item of a catalog with `coding: {preset: national}`: one
//! department per credit code, the first segment as `reference_code`.
//! `qingdan code` must give each a code with the portal's basic code, region
//! and credit segments in the portal's shape; the other rows are counted.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use common::qingdan_in;
use common::real::{RealItem as Row, real_items};
use qingdan::model::{ItemKind, Labelled};
use qingdan::rules::register::credit_code_check_char;
use serde_json::{Value, json};

/// Why a portal code is left out of the test, if it is.
fn left_out(code: &str) -> Option<&'static str> {
    let segments: Vec<&str> = code.split('-').collect();
    if segments.len() != 6 {
        return Some("not six segments");
    }
    let credit = segments[3];
    if credit.len() != 18 {
        return Some("credit segment not 18 characters");
    }
    if credit_code_check_char(credit).is_none_or(|c| !credit.ends_with(c)) {
        return Some("credit segment fails the GB 32100 check");
    }
    None
}

/// The shape of a code: each segment's length, with `-` between.
fn shape(code: &str) -> Vec<usize> {
    code.split('-').map(str::len).collect()
}

/// The catalog: catalog.yaml with the preset, a department per credit code
/// (named after the first row that has it), an item file per row.
/// Returns each item file with its row.
fn write_catalog<'a>(dir: &Path, rows: &[&'a Row]) -> BTreeMap<String, &'a Row> {
    std::fs::write(
        dir.join("catalog.yaml"),
        "region:\n  code: \"511602\"\n  name: 广安市广安区\ncoding:\n  preset: national\n",
    )
    .unwrap();
    let mut bodies: Vec<(&str, &str)> = Vec::new();
    for row in rows {
        let credit = row.portal_code.split('-').nth(3).unwrap();
        if !bodies.iter().any(|(c, _)| *c == credit) {
            bodies.push((credit, &row.department));
        }
    }
    let id = |credit: &str| {
        let i = bodies.iter().position(|(c, _)| *c == credit).unwrap();
        format!("b{:02}", i + 1)
    };
    let register: Vec<Value> = bodies
        .iter()
        .enumerate()
        .map(|(i, (credit, name))| {
            json!({"id": id(credit), "code": format!("{:03}", i + 1), "name": name, "credit_code": credit, "kind": "government_department"})
        })
        .collect();
    std::fs::write(
        dir.join("departments.yaml"),
        serde_json::to_string_pretty(&register).unwrap(),
    )
    .unwrap();
    let mut files = BTreeMap::new();
    for (n, row) in rows.iter().enumerate() {
        let segments: Vec<&str> = row.portal_code.split('-').collect();
        let department = id(segments[3]);
        let file = format!("items/{department}/事项{n:04}.yaml");
        let kind = ItemKind::parse(&row.task_type).unwrap().key();
        let text = format!(
            "reference_code: \"{}\"\nname: {}\nkind: {kind}\ncategory: other\ndepartment: {department}\ntargets: [natural_person]\nlegal_basis:\n  - title: 《四川省政务服务管理办法》\n    article: 第十条\nguide: false\n",
            segments[0],
            serde_json::to_string(&row.name).unwrap(),
        );
        let path = dir.join(&file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        files.insert(file, *row);
    }
    files
}

#[test]
fn the_national_preset_reproduces_the_portal_codes() {
    let all = real_items();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut used: Vec<&Row> = Vec::new();
    for row in &all {
        match left_out(&row.portal_code) {
            Some(reason) => *counts.entry(reason).or_default() += 1,
            None => used.push(row),
        }
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("catalog")).unwrap();
    let files = write_catalog(&dir.path().join("catalog"), &used);

    let run = qingdan_in(dir.path(), &["code", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let coded = doc["coded"].as_array().unwrap();
    assert_eq!(coded.len(), used.len(), "every row gets a code");

    let mut given = HashSet::new();
    let (mut identical, mut fifth, mut business) = (0, 0, 0);
    for entry in coded {
        let file = entry["file"].as_str().unwrap();
        let code = entry["code"].as_str().unwrap();
        let portal = files[file].portal_code.as_str();
        let (ours, theirs): (Vec<&str>, Vec<&str>) =
            (code.split('-').collect(), portal.split('-').collect());
        assert_eq!(shape(code), shape(portal), "{file}: {code} vs {portal}");
        for (segment, what) in [(0, "basic code"), (1, "region"), (3, "credit code")] {
            assert_eq!(
                ours[segment], theirs[segment],
                "{what} of {file}: {code} vs {portal}"
            );
        }
        assert_eq!(ours[2], "000");
        identical += usize::from(code == portal);
        // The rest differ only in the fifth segment (`2` on the portal) or
        // in the 业务办理项 (two items of one body under one basic code).
        fifth += usize::from(ours[4] != theirs[4] && ours[5] == theirs[5]);
        business += usize::from(ours[4] == theirs[4] && ours[5] != theirs[5]);
        assert!(given.insert(code.to_string()), "{code} given twice");
    }
    // The codes given pass every code rule.
    let validate = qingdan_in(dir.path(), &["validate", "--format", "json"]);
    let report: Value = serde_json::from_str(&validate.stdout).unwrap();
    let code_findings: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            ["code-format", "duplicate-code", "ledger"].contains(&f["rule"].as_str().unwrap())
        })
        .collect();
    assert!(code_findings.is_empty(), "{code_findings:#?}");

    let departments = used
        .iter()
        .map(|r| r.portal_code.split('-').nth(3).unwrap())
        .collect::<HashSet<_>>()
        .len();
    println!(
        "{} rows: {} coded with the portal's basic code, region and credit segments in its shape \
         ({} implementing bodies; {} codes identical to the portal's, {} differ in the fifth \
         segment only, {} in the 业务办理项 only)",
        all.len(),
        used.len(),
        departments,
        identical,
        fifth,
        business
    );
    assert_eq!(identical + fifth + business, used.len());
    for (reason, n) in &counts {
        println!("  left out, {reason}: {n}");
    }
    assert_eq!(
        used.len() + counts.values().sum::<usize>(),
        all.len(),
        "every row is coded or counted"
    );
    assert!(used.len() > 900, "most of the real list is coded");
}

/// Why the national preset does not number sub-items in the 业务办理项
/// segment (docs/coding.md): on the real list a sub-item (a row with a
/// `main_item`) carries a basic code of its own, and its 业务办理项 is `00`
/// like every other item's.
#[test]
fn real_sub_items_have_basic_codes_of_their_own() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/real/guangan-district-items.tsv"),
    )
    .unwrap();
    let mut by_main: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (main, code) = (cells[1], cells[3]);
        if main != "未分类" {
            by_main.entry(main).or_default().push(code);
        }
    }
    let sub_items: Vec<&str> = by_main.values().flatten().copied().collect();
    let six: Vec<Vec<&str>> = sub_items
        .iter()
        .map(|c| c.split('-').collect::<Vec<_>>())
        .filter(|s| s.len() == 6)
        .collect();
    let business_00 = six.iter().filter(|s| s[5] == "00").count();
    let (largest, codes) = by_main.iter().max_by_key(|(_, c)| c.len()).unwrap();
    let basic: HashSet<&str> = codes.iter().map(|c| c.split('-').next().unwrap()).collect();
    println!(
        "{} sub-items of {} main items; {} six-segment codes, {} with 业务办理项 00; {largest}: {} sub-items, {} basic codes",
        sub_items.len(),
        by_main.len(),
        six.len(),
        business_00,
        codes.len(),
        basic.len()
    );
    assert_eq!((sub_items.len(), by_main.len()), (520, 131));
    assert_eq!((six.len(), business_00), (510, 510));
    assert_eq!(
        (*largest, codes.len(), basic.len()),
        ("企业设立、变更、注销登记", 35, 35)
    );
}
