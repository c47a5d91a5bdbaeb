//! `qingdan code` as a user runs it: coding a catalog, the second run that
//! changes nothing, codes that never change or come back, comments that
//! survive, reference items, the ledger against a round tag, and two
//! branches that gave one code, merged and renumbered.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Run, qingdan_in, qingdan_without_git};
use qingdan::rules::register::credit_code_check_char;

/// A catalog in a temporary folder: `<tmp>/catalog`.
struct Scratch {
    dir: tempfile::TempDir,
}

const DEPARTMENTS: &[(&str, &str)] = &[
    ("wsjw", "001"),
    ("mzj", "002"),
    ("rsj", "003"),
    ("jyj", "004"),
    ("zjj", "005"),
];

impl Scratch {
    fn new() -> Scratch {
        let scratch = Scratch {
            dir: tempfile::tempdir().unwrap(),
        };
        scratch.write("catalog.yaml", "region: {code: \"330399\", name: 瓯江市}\n");
        scratch.write("departments.yaml", &register());
        scratch.write("codes.ledger", "");
        scratch.write(".gitattributes", "codes.ledger merge=union\n");
        scratch
    }
    fn root(&self) -> &Path {
        self.dir.path()
    }
    fn catalog(&self) -> PathBuf {
        self.root().join("catalog")
    }
    fn write(&self, file: &str, text: &str) {
        let path = self.catalog().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.catalog().join(file)).unwrap()
    }
    fn item(&self, department: &str, name: &str) {
        self.write(
            &format!("items/{department}/{name}.yaml"),
            &item(department, name, "public_service", None),
        );
    }
    /// A sub-item of `department` whose `parent` is `parent`.
    fn sub_item(&self, department: &str, name: &str, parent: &str) {
        self.write(
            &format!("items/{department}/{name}.yaml"),
            &sub_item(department, name, parent),
        );
    }
    fn run(&self, args: &[&str]) -> Run {
        qingdan_in(self.root(), args)
    }
    /// Every file of the catalog with its bytes.
    fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        common::files_under(&self.catalog())
    }
    fn code_of(&self, file: &str) -> Option<String> {
        let text = self.read(file);
        let line = text.lines().find(|l| l.starts_with("code: "))?;
        Some(
            line.trim_start_matches("code: ")
                .trim_matches('"')
                .to_string(),
        )
    }
    fn git(&self, args: &[&str]) -> String {
        git(self.root(), args)
    }
    fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-qm", message]);
    }
}

fn register() -> String {
    let mut out = String::new();
    for (id, code) in DEPARTMENTS {
        let credit = credit_code(&format!("11330399MB0{code}00"));
        out.push_str(&format!("- {{id: {id}, code: \"{code}\", name: 瓯江市{id}, credit_code: {credit}, kind: government_department}}\n"));
    }
    out
}

/// A credit code with its GB 32100 check character.
fn credit_code(first16: &str) -> String {
    let body = format!("{first16}0");
    let check = credit_code_check_char(&format!("{body}0")).unwrap();
    format!("{body}{check}")
}

fn item(department: &str, name: &str, kind: &str, reference: Option<&str>) -> String {
    let reference = reference
        .map(|r| format!("reference_code: {r}\n"))
        .unwrap_or_default();
    format!(
        "# yaml-language-server: $schema=../../schemas/item.schema.json\n{reference}name: {name}\nkind: {kind}\ncategory: other\ndepartment: {department}\ntargets: [natural_person]\nlegal_basis:\n  - title: 《条例》\n    article: 第一条\nguide: false\n"
    )
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=测试",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
        ])
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Item codes of the default rule: 2-digit type, region, department, 4-digit
/// number, check character.
fn well_formed(code: &str) -> bool {
    code.len() == 16
        && code[..15].bytes().all(|b| b.is_ascii_digit())
        && (code.as_bytes()[15].is_ascii_digit() || code.ends_with('X'))
}

#[test]
fn two_hundred_items_get_unique_well_formed_codes_and_a_second_run_changes_nothing() {
    let s = Scratch::new();
    for i in 0..200 {
        let (department, _) = DEPARTMENTS[i % DEPARTMENTS.len()];
        s.item(department, &format!("事项{i:03}"));
    }
    let run = s.run(&["code", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["coded"].as_array().unwrap().len(), 200);
    let mut codes = HashSet::new();
    for i in 0..200 {
        let (id, dept) = DEPARTMENTS[i % DEPARTMENTS.len()];
        let code = s.code_of(&format!("items/{id}/事项{i:03}.yaml")).unwrap();
        assert!(well_formed(&code), "{code}");
        assert_eq!(code[..11], format!("20330399{dept}"), "{id}");
        assert!(codes.insert(code));
    }
    assert_eq!(s.read("codes.ledger").lines().count(), 200);
    let validate = s.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    assert!(
        validate
            .stdout
            .ends_with("200 个事项，0 个错误，0 个警告\n")
    );

    let before = s.snapshot();
    let again = s.run(&["code"]);
    assert_eq!(again.code, 0);
    assert_eq!(again.stdout, "没有需要编码的事项\n");
    assert_eq!(s.snapshot(), before, "a second run changes no byte");
}

#[test]
fn codes_are_given_in_department_then_file_order() {
    let s = Scratch::new();
    s.item("mzj", "乙");
    s.item("mzj", "甲");
    s.item("jyj", "丙");
    let run = s.run(&["code", "--dry-run", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files: Vec<&str> = doc["coded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "items/jyj/丙.yaml",
            "items/mzj/乙.yaml",
            "items/mzj/甲.yaml"
        ]
    );
    assert_eq!(doc["coded"][1]["code"], "2033039900200014");
    assert_eq!(s.read("codes.ledger"), "", "a dry run writes nothing");
    assert_eq!(s.code_of("items/mzj/乙.yaml"), None);
}

#[test]
fn a_cancelled_items_number_is_never_given_again() {
    let s = Scratch::new();
    s.item("mzj", "事项1");
    s.item("mzj", "事项2");
    assert_eq!(s.run(&["code"]).code, 0);
    let second = s.code_of("items/mzj/事项2.yaml").unwrap();
    assert_eq!(&second[11..15], "0002");
    // Cancelled: the item stays with its code.
    let cancelled = s.read("items/mzj/事项2.yaml") + "status: cancelled\n";
    s.write("items/mzj/事项2.yaml", &cancelled);
    s.item("mzj", "事项3");
    assert_eq!(s.run(&["code"]).code, 0);
    assert_eq!(&s.code_of("items/mzj/事项3.yaml").unwrap()[11..15], "0003");
    assert_eq!(
        s.code_of("items/mzj/事项2.yaml").unwrap(),
        second,
        "a cancelled item keeps its code"
    );
    // Even a deleted file's number stays taken: the ledger remembers it.
    std::fs::remove_file(s.catalog().join("items/mzj/事项2.yaml")).unwrap();
    std::fs::remove_file(s.catalog().join("items/mzj/事项3.yaml")).unwrap();
    s.item("mzj", "事项4");
    assert_eq!(s.run(&["code"]).code, 0);
    assert_eq!(&s.code_of("items/mzj/事项4.yaml").unwrap()[11..15], "0004");
}

#[test]
fn a_renamed_or_moved_item_keeps_its_code_without_a_finding() {
    let s = Scratch::new();
    s.item("mzj", "甲");
    assert_eq!(s.run(&["code"]).code, 0);
    let code = s.code_of("items/mzj/甲.yaml").unwrap();
    let moved = s
        .read("items/mzj/甲.yaml")
        .replace("name: 甲", "name: 甲改名")
        .replace("department: mzj", "department: rsj");
    std::fs::remove_file(s.catalog().join("items/mzj/甲.yaml")).unwrap();
    s.write("items/rsj/甲改名.yaml", &moved);
    let validate = s.run(&["--lang", "en", "validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    assert_eq!(validate.stdout, "1 item, 0 errors, 0 warnings\n");
    assert_eq!(s.run(&["code"]).stdout, "没有需要编码的事项\n");
    assert_eq!(s.code_of("items/rsj/甲改名.yaml").unwrap(), code);
}

#[test]
fn comments_and_formatting_survive() {
    let s = Scratch::new();
    let text = "# yaml-language-server: $schema=../../schemas/item.schema.json\n# 民政局 · 经办人：张三\n\nname: 甲   # 名称以文件为准\nkind: 公共服务\ncategory: other\ndepartment: mzj\ntargets:\n    - natural_person   # 四格缩进\nlegal_basis: [{title: 《条例》, article: 第一条}]\nguide: false\n# 文件末尾的注释\n";
    s.write("items/mzj/甲.yaml", text);
    assert_eq!(s.run(&["code"]).code, 0);
    let edited = s.read("items/mzj/甲.yaml");
    let expected = text.replace("\nname: 甲", "\ncode: \"2033039900200014\"\nname: 甲");
    assert_eq!(edited, expected);
}

#[test]
fn reference_items_are_coded_through_their_reference_code() {
    let s = Scratch::new();
    s.write(
        "reference.yaml",
        "- {code: ZJ-GGFW-0301, name: 生育登记服务}\n- {code: \"3300-0018\", name: 失业登记}\n",
    );
    s.write(
        "items/wsjw/生育登记服务.yaml",
        &item(
            "wsjw",
            "生育登记服务",
            "public_service",
            Some("zj-ggfw-0301"),
        ),
    );
    s.write(
        "items/rsj/失业登记.yaml",
        &item("rsj", "失业登记", "public_service", Some("\"3300-0018\"")),
    );
    let run = s.run(&["code"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let letters = s.code_of("items/wsjw/生育登记服务.yaml").unwrap();
    assert!(letters.starts_with("ZJGGFW030133039900101"), "{letters}");
    assert_eq!(letters.len(), 22);
    assert_eq!(
        qingdan::coding::check::mod_37_36(&letters[..21]),
        letters.chars().last()
    );
    let digits = s.code_of("items/rsj/失业登记.yaml").unwrap();
    assert!(digits.starts_with("3300001833039900301"), "{digits}");
    assert_eq!(
        qingdan::coding::check::mod_11_2(&digits[..digits.len() - 1]),
        digits.chars().last()
    );
    // The reference item's name is close enough, but its code is not in reference.yaml.
    let validate = s.run(&["--lang", "en", "validate"]);
    assert!(
        validate.stdout.contains("reference-mismatch"),
        "{}",
        validate.transcript()
    );
}

#[test]
fn the_code_table_zh() {
    let s = Scratch::new();
    s.item("mzj", "临时救助申请");
    s.item("wsjw", "出生医学证明补发");
    s.write(
        "items/wsjw/生育登记服务.yaml",
        &item(
            "wsjw",
            "生育登记服务",
            "public_service",
            Some("ZJ-GGFW-0301"),
        ),
    );
    insta::assert_snapshot!(s.run(&["code"]).transcript());
}

#[test]
fn the_code_table_en() {
    let s = Scratch::new();
    s.item("mzj", "临时救助申请");
    s.item("wsjw", "出生医学证明补发");
    insta::assert_snapshot!(s.run(&["--lang", "en", "code", "--dry-run"]).transcript());
}

#[test]
fn a_bad_pattern_exits_2_naming_catalog_yaml_and_the_line() {
    let s = Scratch::new();
    s.write("catalog.yaml", "region: {code: \"330399\", name: 瓯江市}\ncoding:\n  pattern: \"{type}{region}{dept}{seq:4}{check}-x\"\n");
    s.item("mzj", "甲");
    let run = s.run(&["--lang", "en", "code"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("catalog.yaml:3:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("holds the text `-x`, with characters a code cannot hold"),
        "{}",
        run.stderr
    );
    assert_eq!(s.run(&["validate"]).code, 2);
}

#[test]
fn an_item_that_cannot_be_coded_is_reported_and_the_rest_are_coded() {
    let s = Scratch::new();
    s.item("mzj", "甲");
    s.write("items/mzj/坏.yaml", "name: [unclosed\n");
    let run = s.run(&["--lang", "en", "code"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("items/mzj/坏.yaml"), "{}", run.stdout);
    assert!(s.code_of("items/mzj/甲.yaml").is_some());
}

/// A repository whose one commit holds these `mzj` items, coded, tagged
/// `qingdan/report-1` (a lightweight tag).
fn coded_at_report_1(names: &[&str]) -> Scratch {
    let s = Scratch::new();
    for name in names {
        s.item("mzj", name);
    }
    assert_eq!(s.run(&["code"]).code, 0);
    s.git(&["init", "-q"]);
    s.commit_all("一报");
    s.git(&["tag", "qingdan/report-1"]);
    s
}

#[test]
fn a_ledger_line_removed_after_a_round_tag_is_reported() {
    let s = coded_at_report_1(&["甲", "乙"]);
    assert_eq!(s.run(&["validate"]).code, 0);
    let ledger = s.read("codes.ledger");
    let kept: String = ledger.lines().skip(1).map(|l| format!("{l}\n")).collect();
    s.write("codes.ledger", &kept);
    let run = s.run(&["--lang", "en", "validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let found = findings(&run);
    assert!(
        found
            .iter()
            .any(|(rule, m)| rule == "ledger"
                && m.contains("line 1 of the ledger at qingdan/report-1")),
        "{found:?}"
    );
    // The item whose line went is not in the ledger any more either.
    assert!(
        found
            .iter()
            .any(|(rule, m)| rule == "ledger" && m.contains("is not in codes.ledger")),
        "{found:?}"
    );
}

/// The findings of `validate --format json` in English: (rule, message).
fn findings(run: &Run) -> Vec<(String, String)> {
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap().to_string();
            (text("rule"), text("message"))
        })
        .collect()
}

/// The tag the ledger is compared with is the newest round tag reachable
/// from HEAD — annotated or lightweight, and never one on another branch —
/// and git need not be installed to find it.
#[test]
fn the_ledger_is_compared_with_the_newest_reachable_round_tag_without_git() {
    let s = coded_at_report_1(&["甲"]);
    s.item("mzj", "乙");
    assert_eq!(s.run(&["code"]).code, 0);
    s.commit_all("一审");
    s.git(&["tag", "-a", "qingdan/review-1", "-m", "一审完成"]);
    // A later tag on another branch, whose ledger has a line main lacks.
    s.git(&["checkout", "-qb", "side"]);
    s.item("mzj", "丙");
    assert_eq!(s.run(&["code"]).code, 0);
    s.commit_all("别的分支");
    s.git(&["tag", "-a", "qingdan/review-2", "-m", "别的分支"]);
    s.git(&["checkout", "-q", "main"]);

    let ledger = s.read("codes.ledger");
    let without_second: String = ledger.lines().take(1).map(|l| format!("{l}\n")).collect();
    s.write("codes.ledger", &without_second);
    let args = ["--lang", "en", "validate", "--format", "json"];
    let with_git = s.run(&args);
    let without_git = qingdan_without_git(s.root(), &args);
    assert_eq!(with_git.code, 1, "{}", with_git.transcript());
    assert_eq!(without_git.transcript(), with_git.transcript());
    let removed: Vec<_> = findings(&without_git)
        .into_iter()
        .filter(|(rule, m)| rule == "ledger" && m.contains("was removed"))
        .map(|(_, m)| m)
        .collect();
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(
        removed[0].starts_with("line 2 of the ledger at qingdan/review-1 "),
        "{removed:?}"
    );
}

/// A repository that is there but cannot be read is said so: the
/// append-only check is never skipped silently.
#[test]
fn an_unreadable_repository_is_a_finding_not_a_skipped_check() {
    let s = coded_at_report_1(&["甲"]);
    // The tag names a commit whose objects are gone.
    let objects = s.root().join(".git/objects");
    for entry in std::fs::read_dir(&objects).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().len() == 2 {
            std::fs::remove_dir_all(path).unwrap();
        }
    }
    for lang in ["zh", "en"] {
        let run = qingdan_without_git(s.root(), &["--lang", lang, "validate", "--format", "json"]);
        assert_eq!(run.code, 1, "{}", run.transcript());
        let expected = match lang {
            "zh" => "无法读取 git 仓库，未能检查台账",
            _ => "cannot read the git repository to check that the ledger only grew",
        };
        assert!(
            findings(&run)
                .iter()
                .any(|(rule, m)| rule == "ledger" && m.starts_with(expected)),
            "{}",
            run.stdout
        );
    }
}

/// Two branches each code a new item of one department; after the merge
/// both items hold one code.
fn two_branches_one_code() -> (Scratch, String) {
    let s = Scratch::new();
    s.item("mzj", "甲");
    assert_eq!(s.run(&["code"]).code, 0);
    s.git(&["init", "-q"]);
    s.git(&["add", "-A"]);
    s.git(&["commit", "-qm", "起点"]);
    s.git(&["checkout", "-qb", "a"]);
    s.item("mzj", "乙");
    assert_eq!(s.run(&["code"]).code, 0);
    s.git(&["add", "-A"]);
    s.git(&["commit", "-qm", "a: 乙"]);
    s.git(&["checkout", "-q", "main"]);
    s.git(&["checkout", "-qb", "b"]);
    s.item("mzj", "丙");
    assert_eq!(s.run(&["code"]).code, 0);
    s.git(&["add", "-A"]);
    s.git(&["commit", "-qm", "b: 丙"]);
    s.git(&["checkout", "-q", "main"]);
    s.git(&["merge", "-q", "--no-edit", "a"]);
    s.git(&["merge", "-q", "--no-edit", "b"]);
    let code = s.code_of("items/mzj/乙.yaml").unwrap();
    assert_eq!(s.code_of("items/mzj/丙.yaml").unwrap(), code);
    (s, code)
}

#[test]
fn merged_branches_report_duplicate_code_and_renumber_fixes_it() {
    let (s, code) = two_branches_one_code();
    assert_eq!(
        s.read("codes.ledger").lines().count(),
        3,
        "the union merge keeps both lines"
    );
    let validate = s.run(&["--lang", "en", "validate"]);
    assert_eq!(validate.code, 1);
    assert!(
        validate.stdout.contains("duplicate-code"),
        "{}",
        validate.stdout
    );

    let run = s.run(&[
        "--lang",
        "en",
        "code",
        "--renumber",
        &code,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["coded"][0]["file"], "items/mzj/丙.yaml",
        "branch b merged second: its item yields"
    );
    assert_eq!(doc["coded"][0]["previous_code"], code.as_str());
    let fresh = s.code_of("items/mzj/丙.yaml").unwrap();
    assert_eq!(&fresh[11..15], "0003");
    assert_eq!(s.code_of("items/mzj/乙.yaml").unwrap(), code);
    let validate = s.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    // Nothing is left to renumber.
    assert_eq!(s.run(&["code", "--renumber", &code]).code, 2);
}

#[test]
fn renumber_is_refused_once_a_published_tag_holds_the_code() {
    let (s, code) = two_branches_one_code();
    s.git(&["tag", "qingdan/published-2027"]);
    let run = s.run(&["--lang", "en", "code", "--renumber", &code]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("was published with qingdan/published-2027"),
        "{}",
        run.stderr
    );
    assert_eq!(
        s.code_of("items/mzj/丙.yaml").unwrap(),
        code,
        "nothing changed"
    );
    // The tag is read without git too.
    let without_git = qingdan_without_git(s.root(), &["--lang", "en", "code", "--renumber", &code]);
    assert_eq!(without_git.transcript(), run.transcript());
}

#[test]
fn renumber_of_a_code_on_one_item_is_refused() {
    let s = Scratch::new();
    s.item("mzj", "甲");
    assert_eq!(s.run(&["code"]).code, 0);
    let code = s.code_of("items/mzj/甲.yaml").unwrap();
    let run = s.run(&["code", "--renumber", &code]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("编码一经赋予不再改变"),
        "{}",
        run.stderr
    );
}

/// Changing the rule re-codes nothing: `code` leaves every coded item
/// alone, and `validate` names the codes the new rule does not read.
#[test]
fn a_changed_rule_keeps_every_code_and_says_so() {
    let s = Scratch::new();
    s.item("mzj", "甲");
    assert_eq!(s.run(&["code"]).code, 0);
    let code = s.code_of("items/mzj/甲.yaml").unwrap();
    s.write(
        "catalog.yaml",
        "region: {code: \"330399\", name: 瓯江市}\ncoding: {preset: national}\n",
    );
    s.item("mzj", "乙");
    let before = s.read("items/mzj/甲.yaml");
    let run = s.run(&["code", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["coded"].as_array().unwrap().len(),
        1,
        "only the new item"
    );
    let credit = credit_code("11330399MB000200");
    assert_eq!(
        s.code_of("items/mzj/乙.yaml").unwrap(),
        format!("20330399002001-330399000000-000-{credit}-1-00")
    );
    assert_eq!(s.read("items/mzj/甲.yaml"), before, "the old code stays");
    let validate = s.run(&["--lang", "en", "validate", "--format", "json"]);
    assert_eq!(validate.code, 1, "{}", validate.transcript());
    let report: serde_json::Value = serde_json::from_str(&validate.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["file"], "items/mzj/甲.yaml");
    assert_eq!(
        findings[0]["message"],
        format!(
            "item code `{code}` does not match the coding rule `{{type}}{{region}}{{dept}}{{seq:3}}-{{region:12}}-000-{{credit}}-1-00`"
        )
    );
}

/// A sub-item: an item of `department` whose `parent` names its main item.
fn sub_item(department: &str, name: &str, parent: &str) -> String {
    format!(
        "{}parent: \"{parent}\"\n",
        item(department, name, "public_service", None)
    )
}

/// Sub-items are coded by `coding.sub_item_pattern` under their main
/// item's code: in the run that codes the main item too (main items
/// first), and in later runs after the numbers already given; the ledger
/// records them like any code, validate finds nothing, and a sub-item code
/// whose main item segment is another item's code is reported naming both.
#[test]
fn sub_items_are_coded_under_their_main_items_code() {
    let s = Scratch::new();
    s.write(
        "catalog.yaml",
        "region: {code: \"330399\", name: 瓯江市}\ncoding:\n  sub_item_pattern: \"{parent}-{seq:2}\"\n",
    );
    s.item("mzj", "最低生活保障申请");
    // 因病 and 因灾 sort before their main item, and are coded after it.
    s.sub_item("mzj", "低保（因病）", "最低生活保障申请.yaml");
    s.sub_item("mzj", "低保（因灾）", "items/mzj/最低生活保障申请.yaml");
    s.item("mzj", "临时救助申请");
    let run = s.run(&["code"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let main = s.code_of("items/mzj/最低生活保障申请.yaml").unwrap();
    assert_eq!(main, "2033039900200022", "after 临时救助申请's 0001");
    // In file order: 灾 (U+707E) before 病 (U+75C5).
    assert_eq!(
        s.code_of("items/mzj/低保（因灾）.yaml").unwrap(),
        format!("{main}-01")
    );
    assert_eq!(
        s.code_of("items/mzj/低保（因病）.yaml").unwrap(),
        format!("{main}-02")
    );
    let ledger = s.read("codes.ledger");
    let lines: Vec<&str> = ledger.lines().collect();
    assert_eq!(lines.len(), 4, "{ledger}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{main}-02\tmzj\t低保（因病）\t"))),
        "{ledger}"
    );
    let validate = s.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    assert_eq!(s.run(&["code"]).stdout, "没有需要编码的事项\n");

    // A later sub-item, its main named by code, continues the numbers the
    // codes read back give.
    s.sub_item("mzj", "低保（因残）", &main);
    assert_eq!(s.run(&["code"]).code, 0);
    assert_eq!(
        s.code_of("items/mzj/低保（因残）.yaml").unwrap(),
        format!("{main}-03")
    );

    // Moved under another main item: the code stays, and code-format says
    // whose code its main item segment is not.
    let moved = s.read("items/mzj/低保（因残）.yaml").replace(
        &format!("parent: \"{main}\""),
        "parent: \"临时救助申请.yaml\"",
    );
    s.write("items/mzj/低保（因残）.yaml", &moved);
    let validate = s.run(&["--lang", "en", "validate", "--format", "json"]);
    assert_eq!(validate.code, 1, "{}", validate.transcript());
    let other = s.code_of("items/mzj/临时救助申请.yaml").unwrap();
    assert_eq!(
        findings(&validate),
        [(
            "code-format".to_string(),
            format!(
                "item code `{main}-03` holds main item code `{main}`, but its main item `临时救助申请` has code `{other}`"
            )
        )]
    );
}

/// What `code` says of sub-items it cannot code, as a person reads it.
#[test]
fn sub_items_that_cannot_be_coded_zh() {
    let s = Scratch::new();
    s.item("mzj", "主项");
    s.sub_item("mzj", "子项甲", "主项.yaml");
    s.sub_item("mzj", "子项乙", "不存在的主项.yaml");
    s.write(
        "items/mzj/旧主项.yaml",
        &(item("mzj", "旧主项", "public_service", None) + "status: cancelled\n"),
    );
    s.sub_item("mzj", "子项丙", "旧主项.yaml");
    let run = s.run(&["code"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert_eq!(
        s.code_of("items/mzj/子项甲.yaml"),
        Some("2033039900200014-01".to_string())
    );
    insta::assert_snapshot!(run.transcript());
}
