//! `qingdan stats`, `validate --format junit` and `init --ci` on the real
//! binary: the sample catalog's report in both languages, planted changes
//! between two revisions, three catalogs compared, and the outputs opened
//! by the programs people use (Chromium, LibreOffice, bash for pipelines).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{git, qingdan, qingdan_in};
use serde_json::Value;

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn json_of(run: &common::Run) -> Value {
    assert_eq!(run.code, 0, "{}", run.transcript());
    serde_json::from_str(&run.stdout).expect("json")
}

#[test]
fn the_sample_catalog_in_both_languages() {
    let zh = qingdan(&["stats"]);
    insta::assert_snapshot!("stats_sample_zh", zh.transcript());
    let en = qingdan(&["--lang", "en", "stats", "--format", "csv"]);
    insta::assert_snapshot!("stats_sample_en_csv", en.transcript());
}

#[test]
fn the_json_has_every_measure_per_department() {
    let json = json_of(&qingdan(&["stats", "--format", "json"]));
    let keys = [
        "items",
        "materials_per_item",
        "proofs",
        "shareable_asked",
        "promise_ratio",
        "instant_share",
        "online_full_share",
        "online_partial_share",
        "at_most_one_visit_share",
        "zero_visit_share",
        "commitment_share",
        "steps_per_item",
        "guide_samples_share",
    ];
    for key in keys {
        assert!(json["catalog"].get(key).is_some(), "catalog.{key}");
    }
    let departments = json["departments"].as_array().unwrap();
    let sum: u64 = departments
        .iter()
        .map(|d| d["items"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, json["catalog"]["items"].as_u64().unwrap());
    for d in departments {
        assert!(d["id"].is_string() && d["name"].is_string());
        let share = d["online_full_share"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&share));
    }
}

/// A generated catalog in a scratch repository, committed and tagged.
fn generated_repository(dir: &Path) -> PathBuf {
    let catalog = dir.join("catalog");
    qingdan::generate::write_catalog(&catalog, 24, 3, 7).unwrap();
    git(dir, &["init", "-q"]);
    catalog
}

fn item_files(catalog: &Path) -> Vec<PathBuf> {
    qingdan::generate::item_files(&catalog.join("items")).unwrap()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Drops the first material of an item file (every generated item has two or more).
fn drop_first_material(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("materials:\n").unwrap() + "materials:\n".len();
    let next = start + 1 + text[start + 1..].find("  - name:").unwrap();
    std::fs::write(path, format!("{}{}", &text[..start], &text[next..])).unwrap();
}

#[test]
fn planted_changes_between_two_revisions_appear_exactly() {
    let dir = scratch();
    let catalog = generated_repository(dir.path());
    let files = item_files(&catalog);
    // Report 1: one item promised in 10 working days, one not online.
    let limit = std::fs::read_to_string(&files[0]).unwrap();
    let at = limit.find("time_limit:\n  legal: ").unwrap();
    let old_limit = &limit[at..limit[at..].find("fee:").unwrap() + at];
    let old_limit = old_limit.to_string();
    edit(
        &files[0],
        &old_limit,
        "time_limit:\n  legal: 15个工作日\n  promised: 10个工作日\n",
    );
    edit(&files[1], "online: partial", "online: none");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "一报"]);
    git(dir.path(), &["tag", "qingdan/report-1"]);
    // Report 2: 3 materials removed, the promise cut to 5 days, the item online.
    for file in &files[3..6] {
        drop_first_material(file);
    }
    edit(&files[0], "promised: 10个工作日", "promised: 5个工作日");
    edit(&files[1], "online: none", "online: full");
    git(dir.path(), &["commit", "-qam", "二报"]);
    git(dir.path(), &["tag", "qingdan/report-2"]);

    let args = [
        "-C",
        "catalog",
        "stats",
        "qingdan/report-1",
        "qingdan/report-2",
    ];
    let run = qingdan_in(dir.path(), &[&args[..], &["--format", "json"]].concat());
    let json = json_of(&run);
    let cut = &json["catalog"]["cut"];
    assert_eq!(cut["materials"], 3);
    assert_eq!(cut["working_days"], 5);
    assert_eq!(cut["natural_days"], 0);
    assert_eq!(cut["moved_online"], 1);
    assert_eq!(cut["visits"], 0);
    assert_eq!(cut["items"], 0);
    // Per department, the sums agree with the whole.
    let departments = json["departments"].as_array().unwrap();
    let sum = |key: &str| -> i64 {
        departments
            .iter()
            .map(|d| d["cut"][key].as_i64().unwrap())
            .sum()
    };
    assert_eq!(sum("materials"), 3);
    assert_eq!(sum("moved_online"), 1);
    // Ranked: the department that cut the most materials first.
    let materials: Vec<i64> = departments
        .iter()
        .map(|d| d["cut"]["materials"].as_i64().unwrap())
        .collect();
    assert!(materials.windows(2).all(|w| w[0] >= w[1]), "{materials:?}");

    let table = qingdan_in(dir.path(), &args);
    assert_eq!(table.code, 0, "{}", table.transcript());
    assert!(
        table
            .stdout
            .contains("改革成效：qingdan/report-1 → qingdan/report-2")
    );
    assert!(table.stdout.contains("材料减少"));
    let en = qingdan_in(dir.path(), &[&["--lang", "en"][..], &args].concat());
    // Headings wrap within their cells to keep the table within 100
    // columns; the measures, as rows, never do.
    assert!(
        en.stdout
            .contains("Reform progress: qingdan/report-1 → qingdan/report-2"),
        "{}",
        en.stdout
    );
    assert!(en.stdout.contains("│ Materials per item"), "{}", en.stdout);
}

/// Gives every item file of a catalog a reference code by its position.
fn add_reference_codes(catalog: &Path) {
    for (n, file) in item_files(catalog).iter().enumerate() {
        edit(
            file,
            "\nname: ",
            &format!("\nreference_code: R{n:03}\nname: "),
        );
    }
}

#[test]
fn three_catalogs_compared_with_their_reference_items() {
    let dir = scratch();
    // A folder, a json export, and a repository at a revision.
    let a = dir.path().join("甲市");
    qingdan::generate::write_catalog(&a, 6, 2, 11).unwrap();
    add_reference_codes(&a);
    let b = dir.path().join("乙县");
    common::copy_dir(&a, &b);
    let c = dir.path().join("丙县");
    common::copy_dir(&a, &c);
    let b_files = item_files(&b);
    let c_files = item_files(&c);
    // 四级四同: a name differs in 乙县. 实施差异: a material in 乙县, a promise in 丙县.
    let name = std::fs::read_to_string(&b_files[0]).unwrap();
    let line = name
        .lines()
        .find(|l| l.starts_with("name: "))
        .unwrap()
        .to_string();
    edit(&b_files[0], &line, &format!("{line}（试行）"));
    drop_first_material(&b_files[1]);
    let text = std::fs::read_to_string(&c_files[2]).unwrap();
    let promised = text
        .lines()
        .find(|l| l.starts_with("  promised: "))
        .unwrap()
        .to_string();
    edit(&c_files[2], &promised, "  promised: 即办");
    let export = qingdan(&[
        "-C",
        b.to_str().unwrap(),
        "export",
        "--format",
        "json",
        "-o",
        dir.path().join("乙县.json").to_str().unwrap(),
    ]);
    assert_eq!(export.code, 0, "{}", export.transcript());
    git(&c, &["init", "-q"]);
    git(&c, &["add", "."]);
    git(&c, &["commit", "-qm", "公布"]);
    // After the commit: the working tree differs, the revision is read.
    edit(&c_files[3], "online: partial", "online: full");

    let inputs = ["甲市", "乙县.json", "丙县@HEAD"];
    let args = [&["stats", "--format", "json", "--catalogs"][..], &inputs].concat();
    let json = json_of(&qingdan_in(dir.path(), &args));
    let catalogs = json["catalogs"].as_array().unwrap();
    assert_eq!(catalogs.len(), 3);
    for (row, source) in catalogs.iter().zip(inputs) {
        assert_eq!(row["source"], source);
        assert_eq!(row["items"], 6);
        assert_eq!(row["region"], "瓯江市");
    }
    assert_eq!(
        catalogs[1]["materials"].as_u64().unwrap() + 1,
        catalogs[0]["materials"].as_u64().unwrap()
    );
    // The working-tree edit of 丙县 is not in HEAD.
    assert_eq!(catalogs[2]["online_items"], catalogs[0]["online_items"]);

    let differences = json["consistency"].as_array().unwrap();
    let found: Vec<(String, String, bool)> = differences
        .iter()
        .flat_map(|d| {
            d["aspects"].as_array().unwrap().iter().map(move |a| {
                (
                    d["reference_code"].as_str().unwrap().to_string(),
                    a["key"].as_str().unwrap().to_string(),
                    a["same_four"].as_bool().unwrap(),
                )
            })
        })
        .collect();
    let expected = [
        ("R000", "name", true),
        ("R001", "materials", false),
        ("R002", "time_limit", false),
    ];
    let expected: Vec<(String, String, bool)> = expected
        .iter()
        .map(|(r, k, s)| (r.to_string(), k.to_string(), *s))
        .collect();
    assert_eq!(found, expected);
    // Who holds which name: 甲市 and 丙县 the original, 乙县 the new one.
    let names = &differences[0]["aspects"][0]["values"];
    assert_eq!(names[0]["catalogs"], serde_json::json!([0, 2]));
    assert_eq!(names[1]["catalogs"], serde_json::json!([1]));

    let table = qingdan_in(
        dir.path(),
        &[&["stats", "--catalogs"][..], &inputs].concat(),
    );
    insta::assert_snapshot!("stats_catalogs_table", table.transcript());
}

#[test]
fn a_broken_export_is_named_with_its_line() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("坏.json"),
        "{\"items\": [\n  {\"name\": []}\n]}",
    )
    .unwrap();
    let run = qingdan_in(dir.path(), &["stats", "--catalogs", "坏.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("坏.json：不是可读取的 json 导出文件（2:"),
        "{}",
        run.stderr
    );
    let missing = qingdan_in(
        dir.path(),
        &["--lang", "en", "stats", "--catalogs", "无此清单"],
    );
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("neither a catalog folder"),
        "{}",
        missing.stderr
    );
}

/// The page's DOM as headless Chromium builds it.
fn chromium_dom(path: &Path) -> String {
    let profile = scratch();
    let output = Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu"])
        .args(["--disable-background-networking", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", path.display()))
        .output()
        .expect("chromium runs (scripts/test installs it)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_html_report_opens_in_chromium_with_a_chart_per_measure() {
    let dir = scratch();
    let page = dir.path().join("统计.html");
    let run = qingdan(&["stats", "-o", page.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing fetched from elsewhere.
    assert!(
        !text.contains("src=") && !text.contains("href="),
        "external asset"
    );
    let dom = chromium_dom(&page);
    assert_eq!(dom.matches("<svg").count(), 12, "one chart per measure");
    assert!(dom.contains("<figcaption>全程网办占比</figcaption>"));
    // A bar per department in each chart (13 departments hold items; the
    // intermediary 瓯信测绘 is an agency now, not a department).
    assert_eq!(dom.matches("class=\"bar\"").count(), 12 * 13);
    assert!(dom.contains("瓯江市民政局"));
}

#[test]
fn the_workbook_opens_in_libreoffice_with_its_charts() {
    let dir = scratch();
    let book = dir.path().join("stats.xlsx");
    let run = qingdan(&["--lang", "en", "stats", "-o", book.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    let charts = zip
        .file_names()
        .filter(|n| n.as_deref().is_ok_and(|n| n.starts_with("xl/charts/chart")))
        .count();
    assert_eq!(charts, 12);
    let sheets = common::office::libreoffice_sheets(dir.path(), "stats.xlsx");
    let first = &sheets["Department"][1];
    assert_eq!(first[..2], ["Whole catalog", "39"]);
    let data = &sheets["Chart data"];
    assert!(data.iter().any(|row| row[0] == "Fully online"), "{data:?}");
}

#[test]
fn xlsx_is_not_written_to_a_terminal_and_outputs_are_not_replaced() {
    let dir = scratch();
    let run = qingdan(&["stats", "--format", "xlsx"]);
    assert_eq!(run.code, 2);
    let out = dir.path().join("s.json");
    let out = out.to_str().unwrap();
    assert_eq!(qingdan(&["-q", "stats", "-o", out]).code, 0);
    assert!(
        std::fs::read_to_string(out)
            .unwrap()
            .starts_with("{\n  \"catalog\"")
    );
    assert_eq!(qingdan(&["stats", "-o", out]).code, 2);
    assert_eq!(qingdan(&["-q", "stats", "-o", out, "--force"]).code, 0);
}

#[test]
fn junit_output_parses_as_junit_xml() {
    let run = qingdan(&[
        "-C",
        "tests/fixtures/invalid",
        "validate",
        "--format",
        "junit",
    ]);
    assert_eq!(run.code, 1);
    let script = r#"
import sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
assert root.tag == "testsuites", root.tag
suite = root.find("testsuite")
cases = suite.findall("testcase")
assert int(suite.get("tests")) == len(cases)
failed = [c for c in cases if c.find("failure") is not None]
assert int(suite.get("failures")) == len(failed)
for c in cases:
    assert c.get("classname") is not None and c.get("name")
print(len(cases), len(failed))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(run.stdout.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let counts = String::from_utf8(output.stdout).unwrap();
    let (cases, failed) = counts.trim().split_once(' ').unwrap();
    assert!(cases.parse::<u32>().unwrap() >= failed.parse::<u32>().unwrap());
    assert!(failed.parse::<u32>().unwrap() > 0);
    // The clean sample catalog: every case passes.
    let clean = qingdan(&["validate", "--format", "junit"]);
    assert_eq!(clean.code, 0);
    assert!(
        clean.stdout.contains(r#"tests="39" failures="0""#),
        "{}",
        clean.stdout
    );
}
