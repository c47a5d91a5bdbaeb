//! `qingdan diff` as a user runs it. Each case of `tests/fixtures/diff/<case>`
//! is compared as two folders and as two commits of a scratch repository
//! (and as a commit against the working tree): all must agree. The `all`
//! case holds every kind of change for whole-output snapshots of each format.

mod common;

use std::path::{Path, PathBuf};

use common::{Run, copy_dir, fixture, git, qingdan_in};
use serde_json::Value;

fn case_dir(case: &str) -> PathBuf {
    fixture("diff").join(case)
}

/// `qingdan diff base revision …` inside the case folder.
fn folders(case: &str, args: &[&str]) -> Run {
    let mut all = vec!["diff", "base", "revision"];
    all.extend_from_slice(args);
    qingdan_in(&case_dir(case), &all)
}

/// A repository whose first commit holds the case's base in `catalog/` and
/// whose second commit holds its revision; the working tree is the revision.
fn scratch_repo(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    copy_dir(&case_dir(case).join("base"), &repo.join("catalog"));
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "一报"]);
    std::fs::remove_dir_all(repo.join("catalog")).unwrap();
    copy_dir(&case_dir(case).join("revision"), &repo.join("catalog"));
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "二报"]);
    dir
}

fn json_in(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = qingdan_in(dir, &all);
    assert_eq!(run.code, 0, "{}", run.transcript());
    run.stdout
}

/// The case's JSON, the same from folders, two revisions, and a revision
/// against the working tree; snapshotted.
fn check_case(case: &str) -> Value {
    let from_folders = folders(case, &["--format", "json"]);
    assert_eq!(from_folders.code, 0, "{}", from_folders.transcript());
    let repo = scratch_repo(case);
    assert_eq!(
        json_in(repo.path(), &["HEAD~1", "HEAD"]),
        from_folders.stdout,
        "two revisions"
    );
    assert_eq!(
        json_in(repo.path(), &["HEAD~1"]),
        from_folders.stdout,
        "a revision and the working tree"
    );
    insta::assert_snapshot!(
        format!("case_{}", case.replace('-', "_")),
        from_folders.stdout
    );
    serde_json::from_str(&from_folders.stdout).unwrap()
}

fn summary(doc: &Value) -> [u64; 4] {
    ["added", "changed", "cancelled", "removed"].map(|k| doc["summary"][k].as_u64().unwrap())
}

fn paths(item: &Value) -> Vec<&str> {
    item["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}

#[test]
fn added() {
    let doc = check_case("added");
    assert_eq!(summary(&doc), [1, 0, 0, 0]);
    assert_eq!(doc["items"][0]["name"], "出生医学证明办理");
    assert_eq!(doc["items"][0]["fields"], Value::Array(vec![]));
}

#[test]
fn field_changed() {
    let doc = check_case("field-changed");
    assert_eq!(summary(&doc), [0, 1, 0, 0]);
    assert_eq!(
        paths(&doc["items"][0]),
        ["time_limit.promised", "consultation"]
    );
    assert_eq!(doc["items"][0]["fields"][0]["old"], "5个工作日");
    assert_eq!(doc["items"][0]["fields"][0]["new"], "3个工作日");
}

/// The case: a removed item of 民政局 and a new, unrelated item of
/// 卫健委 that share only boilerplate are not one renamed item.
#[test]
fn unrelated_items_of_two_departments_stay_removed_and_added() {
    let doc = check_case("unrelated-departments");
    assert_eq!(summary(&doc), [1, 0, 0, 1]);
}

#[test]
fn material_inserted_mid_list_is_one_addition() {
    let doc = check_case("material-inserted");
    assert_eq!(paths(&doc["items"][0]), ["materials[结婚证]"]);
    assert_eq!(doc["items"][0]["fields"][0]["old"], Value::Null);
    assert_eq!(doc["items"][0]["fields"][0]["new"]["name"], "结婚证");
}

#[test]
fn materials_reordered_is_no_change() {
    let doc = check_case("materials-reordered");
    assert_eq!(summary(&doc), [0, 0, 0, 0]);
}

#[test]
fn file_renamed_is_one_changed_item() {
    let doc = check_case("file-renamed");
    assert_eq!(summary(&doc), [0, 1, 0, 0]);
    let item = &doc["items"][0];
    assert_eq!(item["file"], "items/wsjw/生育登记服务.yaml");
    assert_eq!(item["old_file"], "items/wsjw/生育登记.yaml");
    assert_eq!(paths(item), ["name"]);
}

#[test]
fn coded_item_moved_to_another_department() {
    let doc = check_case("moved-coded");
    let item = &doc["items"][0];
    assert_eq!(
        (item["change"].as_str(), item["department"].as_str()),
        (Some("changed"), Some("mzj"))
    );
    assert_eq!(item["old_file"], "items/wsjw/临时救助申请.yaml");
    assert_eq!(paths(item), ["department"]);
}

#[test]
fn uncoded_item_moved_to_another_department() {
    let doc = check_case("moved-uncoded");
    assert_eq!(summary(&doc), [0, 1, 0, 0]);
    assert_eq!(paths(&doc["items"][0]), ["department"]);
}

#[test]
fn cancelled() {
    let doc = check_case("cancelled");
    assert_eq!(summary(&doc), [0, 0, 1, 0]);
    assert!(
        paths(&doc["items"][0]).is_empty(),
        "the status change is the cancellation itself"
    );
}

#[test]
fn deleted_is_removed_and_a_warning() {
    let doc = check_case("deleted");
    assert_eq!(summary(&doc), [0, 0, 0, 1]);
    let run = folders("deleted", &["--lang", "en"]);
    assert!(run.stderr.contains("item-deleted"), "{}", run.stderr);
    assert!(run.stderr.contains("never deleted"), "{}", run.stderr);
}

#[test]
fn formatting_only_is_no_change() {
    let doc = check_case("formatting-only");
    assert_eq!(summary(&doc), [0, 0, 0, 0]);
}

#[test]
fn cancelled_and_changed_carries_the_other_changes() {
    let doc = check_case("cancelled-and-changed");
    assert_eq!(summary(&doc), [0, 0, 1, 0]);
    assert_eq!(paths(&doc["items"][0]), ["time_limit.promised", "remarks"]);
}

// Whole outputs of every format, on the case holding every kind of change.

fn all(args: &[&str]) -> String {
    folders("all", args).transcript()
}

#[test]
fn table_zh() {
    insta::assert_snapshot!(all(&[]));
}

#[test]
fn table_en() {
    insta::assert_snapshot!(all(&["--lang", "en"]));
}

#[test]
fn json_is_the_same_in_both_languages() {
    let zh = folders("all", &["--format", "json"]);
    assert_eq!(
        zh.stdout,
        folders("all", &["--format", "json", "--lang", "en"]).stdout
    );
    insta::assert_snapshot!(zh.transcript());
}

#[test]
fn json_has_the_spec_shape() {
    let doc: Value = serde_json::from_str(&folders("all", &["--format", "json"]).stdout).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&doc), ["items", "summary"]);
    assert_eq!(
        keys(&doc["summary"]),
        ["added", "cancelled", "changed", "removed"]
    );
    for item in doc["items"].as_array().unwrap() {
        assert_eq!(
            keys(item),
            [
                "change",
                "code",
                "department",
                "fields",
                "file",
                "name",
                "old_file"
            ]
        );
        for field in item["fields"].as_array().unwrap() {
            assert_eq!(keys(field), ["new", "old", "path"]);
        }
    }
}

#[test]
fn markdown_zh() {
    insta::assert_snapshot!(all(&["--format", "markdown"]));
}

#[test]
fn markdown_en() {
    insta::assert_snapshot!(all(&["--format", "markdown", "--lang", "en"]));
}

#[test]
fn csv_zh() {
    let out = all(&["--format", "csv"]);
    assert!(out.contains("\u{feff}变化,"), "UTF-8 with a BOM");
    assert!(
        out.contains(",'=并入社会救助一件事"),
        "formulas are defused"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn csv_en() {
    insta::assert_snapshot!(all(&["--format", "csv", "--lang", "en"]));
}

#[test]
fn stat_zh() {
    insta::assert_snapshot!(all(&["--stat"]));
}

#[test]
fn stat_en() {
    insta::assert_snapshot!(all(&["--stat", "--lang", "en", "--format", "markdown"]));
}

#[test]
fn stat_json() {
    insta::assert_snapshot!(all(&["--stat", "--format", "json"]));
}

#[test]
fn notice_zh() {
    insta::assert_snapshot!(all(&["--notice"]));
}

#[test]
fn notice_en() {
    insta::assert_snapshot!(all(&["--notice", "--lang", "en"]));
}

/// A workbook written with `-o`, read back as `sheet: row | row` lines.
fn workbook(args: &[&str]) -> String {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    let mut all_args = args.to_vec();
    let out_text = out.to_str().unwrap();
    all_args.extend_from_slice(&["-o", out_text, "-q"]);
    let run = folders("all", &all_args);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let mut text = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        text.push_str(&format!("== {name}\n"));
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::String(s) => s.replace('\n', "⏎"),
                    Data::Empty => String::new(),
                    other => panic!("every cell is a string cell, not {other:?}"),
                })
                .collect();
            text.push_str(&cells.join(" | "));
            text.push('\n');
        }
    }
    text
}

#[test]
fn xlsx_zh() {
    insta::assert_snapshot!(workbook(&[]));
}

#[test]
fn xlsx_en() {
    insta::assert_snapshot!(workbook(&["--lang", "en", "--format", "xlsx"]));
}

#[test]
fn notice_xlsx_zh() {
    insta::assert_snapshot!(workbook(&["--notice"]));
}

#[test]
fn notice_xlsx_en() {
    insta::assert_snapshot!(workbook(&["--notice", "--lang", "en"]));
}

#[test]
fn colours_only_when_asked() {
    let plain = folders("all", &[]);
    assert!(!plain.stdout.contains('\u{1b}'));
    let coloured = folders("all", &["--color", "always"]);
    assert!(coloured.stdout.contains("\u{1b}["), "{}", coloured.stdout);
}

#[test]
fn filters_by_department_and_field() {
    let doc: Value =
        serde_json::from_str(&folders("all", &["--format", "json", "--department", "mzj"]).stdout)
            .unwrap();
    let names: Vec<&str> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["低保申请", "临时救助申请"],
        "an item that moved away still counts for its old department"
    );
    let doc: Value =
        serde_json::from_str(&folders("all", &["--format", "json", "--field", "申请材料"]).stdout)
            .unwrap();
    assert_eq!(doc["summary"]["changed"], 1);
    assert_eq!(
        paths(&doc["items"][0]),
        ["materials[结婚证]", "materials[户口簿].copies"]
    );
}

#[test]
fn exit_codes() {
    assert_eq!(folders("all", &["--exit-code"]).code, 1);
    assert_eq!(folders("all", &[]).code, 0);
    assert_eq!(folders("formatting-only", &["--exit-code"]).code, 0);
    let run = folders("all", &["--format", "xlsx", "--lang", "en"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("-o FILE.xlsx"), "{}", run.stderr);
    let run = folders("all", &["--notice", "--format", "json", "--lang", "en"]);
    assert_eq!(run.code, 2);
}

#[test]
fn an_unknown_revision_exits_2() {
    let repo = scratch_repo("added");
    let run = qingdan_in(repo.path(), &["--lang", "en", "diff", "no-such-tag"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown git revision `no-such-tag`"),
        "{}",
        run.stderr
    );
    let run = qingdan_in(
        repo.path(),
        &["--lang", "en", "diff", "HEAD", "no-such-tag"],
    );
    assert_eq!(run.code, 2);
}

#[test]
fn head_against_the_working_tree_by_default() {
    let repo = scratch_repo("added");
    assert_eq!(
        json_in(repo.path(), &[]),
        "{\n  \"summary\": {\n    \"added\": 0,\n    \"changed\": 0,\n    \"cancelled\": 0,\n    \"removed\": 0\n  },\n  \"items\": []\n}\n"
    );
    let item = repo.path().join("catalog/items/wsjw/生育登记.yaml");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(
        &item,
        text.replace("3个工作日", "5个工作日")
            .replace("5个工作日", "1个工作日"),
    )
    .unwrap();
    let doc: Value = serde_json::from_str(&json_in(repo.path(), &[])).unwrap();
    assert_eq!(paths(&doc["items"][0]), ["time_limit.promised"]);
}

#[test]
fn output_files_are_not_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("changes.md");
    std::fs::write(&out, "keep").unwrap();
    let out_text = out.to_str().unwrap();
    let run = folders(
        "all",
        &["--format", "markdown", "-o", out_text, "--lang", "en"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep");
    let run = folders("all", &["--format", "markdown", "-o", out_text, "--force"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# 事项比对")
    );
}

#[test]
fn works_in_a_linked_worktree() {
    let repo = scratch_repo("field-changed");
    let linked = repo.path().join("linked");
    git(
        repo.path(),
        &[
            "worktree",
            "add",
            "-q",
            "--detach",
            linked.to_str().unwrap(),
            "HEAD~1",
        ],
    );
    let from_folders = folders("field-changed", &["--format", "json"]).stdout;
    assert_eq!(json_in(&linked, &["HEAD", "main"]), from_folders);
    let backwards: Value = serde_json::from_str(&json_in(&linked, &["main"])).unwrap();
    assert_eq!(
        backwards["items"][0]["fields"][0]["new"], "5个工作日",
        "main against the linked working tree"
    );
}

#[test]
fn the_diff_csv_comes_in_two_forms_with_its_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("变化.csv");
    let run = folders(
        "all",
        &["--format", "csv", "-o", out.to_str().unwrap(), "-q"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let exact = std::fs::read_to_string(&out).unwrap();
    let people = std::fs::read_to_string(dir.path().join("变化-阅读版.csv")).unwrap();
    let meta: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("变化.csv-metadata.json")).unwrap(),
    )
    .unwrap();
    assert!(exact.contains(",2033039900100012,"), "{exact}");
    assert!(
        people.contains(",\t2033039900100012,") && !exact.contains('\t'),
        "codes get the text marker in the people's form only"
    );
    assert_eq!(meta["url"], "变化.csv");
    let code = meta["tableSchema"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["titles"] == "事项编码")
        .unwrap()
        .clone();
    assert_eq!(code["datatype"], "string");
    // Written again without --force: refused, nothing replaced.
    let again = folders(
        "all",
        &["--format", "csv", "-o", out.to_str().unwrap(), "-q"],
    );
    assert_ne!(again.code, 0);
}

/// The notice's issuer, 文号 and date: options win over the publication
/// record; a date is checked.
#[test]
fn notice_heading_from_options() {
    let run = folders(
        "all",
        &[
            "--notice",
            "--issuer",
            "瓯江市人民政府办公室",
            "--document-number",
            "瓯政办发〔2027〕88号",
            "--date",
            "2027-12-15",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("\n瓯政办发〔2027〕88号\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("\n瓯江市人民政府办公室\n\n2027年12月15日\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("瓯政发〔2027〕30号"));
    assert!(!run.stderr.contains("公告缺少"), "{}", run.stderr);
    for (lang, date, said) in [
        ("zh", "2027-02-30", "--date「2027-02-30」不是日期"),
        ("en", "2027/12/01", "--date `2027/12/01` is not a date"),
    ] {
        let run = folders("all", &["--notice", "--date", date, "--lang", lang]);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert!(run.stderr.contains(said), "{}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    // The heading options belong to the notice.
    assert_eq!(folders("all", &["--issuer", "甲"]).code, 2);
}

/// A publication record both sides hold is the last publication's, not
/// this notice's: its 文号 is not reused, and the publisher is told.
#[test]
fn a_stale_publication_record_is_not_this_notice() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&case_dir("all"), dir.path());
    copy_dir(
        &case_dir("all").join("revision/reviews/published"),
        &dir.path().join("base/reviews/published"),
    );
    for (lang, said) in [
        (
            "zh",
            "公告缺少文号：reviews/published/publication.yaml 中没有本次公布的记录，请用 --document-number 给出",
        ),
        (
            "en",
            "the notice has no document number: reviews/published/publication.yaml holds no record of this publication; give --document-number",
        ),
    ] {
        let run = qingdan_in(
            dir.path(),
            &["diff", "base", "revision", "--notice", "--lang", lang],
        );
        assert_eq!(run.code, 0, "{}", run.transcript());
        assert!(!run.stdout.contains("瓯政发〔2027〕30号"), "{}", run.stdout);
        assert!(run.stderr.contains(said), "{}", run.stderr);
    }
}

/// Only closed opinions of the adjust round give reasons; a change that is
/// worse for the applicant (份数 1→2) is announced as a change, never
/// marked as such in the public notice.
#[test]
fn the_public_notice_names_reasons_but_not_worsening() {
    let markdown = folders("all", &["--notice", "-q"]).stdout;
    let workbook = workbook(&["--notice"]);
    for text in [&markdown, &workbook] {
        assert!(
            text.contains("申请材料“户口簿”的份数由“1”调整为“2”"),
            "{text}"
        );
        assert!(
            !text.contains("事项名称请与省级目录核对"),
            "an open opinion is no reason"
        );
        for mark in [
            "不利",
            "材料份数增加：",
            "增加申请材料：",
            "增加申请条件：",
            "⚠",
        ] {
            assert!(!text.contains(mark), "{mark} in {text}");
        }
    }
}
