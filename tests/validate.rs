//! `qingdan validate` as a user runs it: whole outputs in both languages and
//! both formats, exit codes, and the sample catalog staying clean.

mod common;

use common::{qingdan, qingdan_in};

#[test]
fn the_sample_catalog_is_clean() {
    let run = qingdan(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.ends_with("0 个错误，0 个警告\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn valid_fixture_zh() {
    insta::assert_snapshot!(qingdan(&["-C", "tests/fixtures/valid", "validate"]).transcript());
}

#[test]
fn invalid_fixture_human_zh() {
    insta::assert_snapshot!(qingdan(&["-C", "tests/fixtures/invalid", "validate"]).transcript());
}

#[test]
fn invalid_fixture_human_en() {
    insta::assert_snapshot!(
        qingdan(&["-C", "tests/fixtures/invalid", "--lang", "en", "validate"]).transcript()
    );
}

#[test]
fn invalid_fixture_json_zh() {
    insta::assert_snapshot!(
        qingdan(&[
            "-C",
            "tests/fixtures/invalid",
            "validate",
            "--format",
            "json"
        ])
        .transcript()
    );
}

#[test]
fn invalid_fixture_json_en() {
    let run = common::Run {
        ..qingdan_env_lang_en(&[
            "-C",
            "tests/fixtures/invalid",
            "validate",
            "--format",
            "json",
        ])
    };
    insta::assert_snapshot!(run.transcript());
}

/// `QINGDAN_LANG=en` works like `--lang en`.
fn qingdan_env_lang_en(args: &[&str]) -> common::Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_qingdan"))
        .args(args)
        .current_dir(common::root())
        .env("QINGDAN_LANG", "en")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    common::Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn json_has_the_spec_shape() {
    let run = qingdan(&[
        "-C",
        "tests/fixtures/invalid",
        "validate",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let summary = doc["summary"].as_object().unwrap();
    assert_eq!(
        summary.keys().collect::<Vec<_>>(),
        ["errors", "files", "items", "registers_absent", "warnings"]
    );
    // The fixture has no registers/: every register is absent, and the
    // human report says so once, on stderr.
    assert_eq!(
        doc["summary"]["registers_absent"],
        serde_json::json!(["materials", "laws", "proofs", "fees"])
    );
    for finding in doc["findings"].as_array().unwrap() {
        let keys: Vec<_> = finding.as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            [
                "column",
                "department",
                "file",
                "item_code",
                "item_name",
                "line",
                "message",
                "path",
                "rule",
                "severity"
            ]
        );
    }
}

#[test]
fn warnings_pass_unless_denied() {
    let run = qingdan(&["-C", "tests/fixtures/warnings", "validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
    let denied = qingdan(&[
        "-C",
        "tests/fixtures/warnings",
        "validate",
        "--deny",
        "warnings",
    ]);
    assert_eq!(denied.code, 1);
}

#[test]
fn paths_limit_the_report() {
    let run = qingdan(&[
        "-C",
        "tests/fixtures/invalid",
        "--lang",
        "en",
        "validate",
        "tests/fixtures/invalid/items/mzj",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("items/mzj/临时救助申请.yaml"));
    assert!(!run.stdout.contains("items/wsjw/"));
    assert!(
        run.stdout.ends_with("2 items, 2 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_path_outside_the_catalog_is_refused() {
    let run = qingdan(&[
        "-C",
        "tests/fixtures/invalid",
        "--lang",
        "en",
        "validate",
        "src",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not inside the catalog folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_without_catalog_yaml_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = qingdan_in(dir.path(), &["validate"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("找不到 catalog.yaml"), "{}", run.stderr);
}

#[test]
fn an_unparsable_catalog_yaml_exits_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("catalog.yaml"),
        "region: {code: \"330399\"\n",
    )
    .unwrap();
    let run = qingdan_in(dir.path(), &["-C", ".", "--lang", "en", "validate"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("catalog.yaml:"), "{}", run.stderr);
}

#[test]
fn init_then_validate_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let run = qingdan_in(
        dir.path(),
        &[
            "init",
            "新清单",
            "--region",
            "330300",
            "--region-name",
            "温州市",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let run = qingdan_in(dir.path(), &["-C", "新清单", "validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "1 个事项，0 个错误，0 个警告\n");
    // A second init has nothing to add and replaces nothing; --force is refused.
    let again = qingdan_in(dir.path(), &["init", "新清单"]);
    assert_eq!(again.code, 0, "{}", again.transcript());
    assert!(
        again.stdout.contains("没有需要补充的文件"),
        "{}",
        again.stdout
    );
    let forced = qingdan_in(dir.path(), &["-q", "init", "新清单", "--force"]);
    assert_eq!(forced.code, 2);
    assert!(
        forced.stderr.contains("不接受 --force"),
        "{}",
        forced.stderr
    );
}

#[test]
fn init_writes_into_the_c_folder_by_default() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(qingdan_in(dir.path(), &["-C", "x", "init"]).code, 0);
    assert!(dir.path().join("x/catalog.yaml").exists());
    assert!(dir.path().join("x/schemas/item.schema.json").exists());
    assert_eq!(qingdan_in(dir.path(), &["-C", "x", "validate"]).code, 0);
}

#[test]
fn help_has_examples_in_both_languages() {
    for sub in ["init", "validate", "completions"] {
        let zh = qingdan(&[sub, "--help"]);
        assert_eq!(zh.code, 0);
        assert!(zh.stdout.contains("示例"), "{sub}: {}", zh.stdout);
        let en = qingdan(&["--lang", "en", sub, "--help"]);
        assert!(en.stdout.contains("Example"), "{sub}: {}", en.stdout);
    }
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(qingdan(&["validate", "--format", "xml"]).code, 2);
    assert_eq!(qingdan(&["nonsense"]).code, 2);
}

#[test]
fn completions_are_printed() {
    let run = qingdan(&["completions", "bash"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("qingdan"));
}

/// `examples/flawed`: a copy of the sample catalog broken so that every rule
/// fires; the README walks through this report.
const FLAWED: &str = "examples/flawed";

#[test]
fn flawed_example_human_zh() {
    insta::assert_snapshot!(qingdan(&["-C", FLAWED, "validate"]).transcript());
}

#[test]
fn flawed_example_human_en() {
    insta::assert_snapshot!(qingdan(&["-C", FLAWED, "--lang", "en", "validate"]).transcript());
}

#[test]
fn flawed_example_json() {
    insta::assert_snapshot!(qingdan(&["-C", FLAWED, "validate", "--format", "json"]).transcript());
}

#[test]
fn every_rule_fires_in_the_flawed_example() {
    let run = qingdan(&["-C", FLAWED, "validate", "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let fired: std::collections::BTreeSet<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    let missing: Vec<&str> = qingdan::rules::all()
        .iter()
        .map(|r| r.id)
        .filter(|id| !fired.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "rules that do not fire in {FLAWED}: {missing:?}"
    );
}

#[test]
fn an_ignore_with_a_reason_keeps_the_flawed_marriage_item_clean() {
    // 内地居民结婚登记 has `visits: 2` and ignores `visits` with a reason.
    let file = format!("{FLAWED}/items/mzj/内地居民结婚登记.yaml");
    let run = qingdan(&["-C", FLAWED, "validate", &file]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "1 个事项，0 个错误，0 个警告\n");
}

#[test]
fn colours_when_asked() {
    let run = qingdan(&[
        "-C",
        "tests/fixtures/warnings",
        "--color",
        "always",
        "validate",
    ]);
    assert!(run.stdout.contains("\u{1b}["), "colour codes are written");
    insta::assert_snapshot!(run.transcript());
    let plain = qingdan(&[
        "-C",
        "tests/fixtures/warnings",
        "--color",
        "never",
        "validate",
    ]);
    assert!(!plain.stdout.contains('\u{1b}'));
}

/// A report narrowed as a reviewing office reads it: errors only, some
/// rules, the count per rule; `-q` ends with the count table.
#[test]
fn reports_narrowed_by_severity_rule_and_summary() {
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["-C", FLAWED, "validate", "--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&qingdan(&all).stdout).unwrap()
    };
    let rules_of = |doc: &serde_json::Value| -> std::collections::BTreeSet<String> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let errors = json(&["--severity", "error"]);
    assert_eq!(errors["summary"]["warnings"], 0);
    assert!(errors["summary"]["errors"].as_u64().unwrap() > 0);
    let two = json(&["--rule", "consistency", "--rule", "similar-name"]);
    assert_eq!(
        rules_of(&two).into_iter().collect::<Vec<_>>(),
        ["consistency", "similar-name"]
    );

    let summary = qingdan(&[
        "-C",
        FLAWED,
        "validate",
        "--summary",
        "--rule",
        "consistency",
    ]);
    assert_eq!(summary.code, 1, "an error is still an error");
    assert!(
        summary.stdout.contains("│ consistency ┆ 错误 ┆ 5    ┆"),
        "{}",
        summary.stdout
    );
    assert!(!summary.stdout.contains("×"), "no finding is listed");
    assert!(summary.stdout.ends_with("26 个事项，5 个错误，0 个警告\n"));

    let quiet = qingdan(&["-C", FLAWED, "-q", "validate", "--rule", "visits"]);
    assert!(quiet.stdout.contains("⚠"), "{}", quiet.stdout);
    assert!(quiet.stdout.trim_end().ends_with('┘'), "{}", quiet.stdout);

    let warnings_only = qingdan(&["-C", FLAWED, "validate", "--rule", "visits", "--summary"]);
    assert_eq!(warnings_only.code, 0, "warnings pass unless denied");

    for (lang, text) in [("zh", "没有规则 nope"), ("en", "there is no rule nope")] {
        let unknown = qingdan(&["-C", FLAWED, "--lang", lang, "validate", "--rule", "nope"]);
        assert_eq!(unknown.code, 2);
        assert!(unknown.stderr.contains(text), "{}", unknown.stderr);
    }
}

/// The `valid` fixture in a scratch folder, with `extra` appended to
/// `catalog.yaml` and `ledger` as `codes.ledger`.
fn valid_catalog_with(extra: &str, ledger: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("valid"), dir.path());
    let config = dir.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&config).unwrap() + extra;
    std::fs::write(config, text).unwrap();
    std::fs::write(dir.path().join("codes.ledger"), ledger).unwrap();
    dir
}

#[test]
fn a_deadline_that_is_no_calendar_date_stops_validate() {
    let dir = valid_catalog_with(
        "deadlines:\n  report-1: 2028-02-29\n  review-1: 2027-02-30\n",
        "",
    );
    let zh = qingdan_in(dir.path(), &["-C", ".", "--color", "never", "validate"]);
    assert_eq!(zh.code, 2, "{}", zh.transcript());
    let en = qingdan_in(
        dir.path(),
        &["-C", ".", "--color", "never", "--lang", "en", "validate"],
    );
    assert_eq!(en.code, 2, "{}", en.transcript());
    insta::assert_snapshot!(format!("{}\n---\n{}", zh.stderr, en.stderr));
}

#[test]
fn ledger_lines_with_a_non_ascii_code_or_no_real_date_are_ledger_findings() {
    let ledger = "2033039900100011\tmzj\t甲\t2028-02-29\n\
                  ２033039900100011\tmzj\t乙\t2027-01-05\n\
                  2033039900100020\tmzj\t丙\t2027-02-30\n\
                  2033039900100039\tmzj\t丁\t2027-99-99\n";
    let dir = valid_catalog_with("", ledger);
    let run = qingdan_in(dir.path(), &["-C", ".", "validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let lines: Vec<(&str, u64)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "codes.ledger")
        .map(|f| (f["rule"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(lines, [("ledger", 2), ("ledger", 3), ("ledger", 4)]);
}

/// The report does not depend on how many threads load, check and join:
/// `QINGDAN_THREADS` sizes the pool, the order of findings stays the files'.
#[test]
fn the_report_is_the_same_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    qingdan::generate::write_catalog(dir.path(), 800, 20, 2026).unwrap();
    file_twice_under_another_department(dir.path());
    let run = |threads: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_qingdan"))
            .args(["-C", ".", "validate", "--format", "json"])
            .current_dir(dir.path())
            .env("QINGDAN_THREADS", threads)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let one = run("1");
    assert!(one.1.contains("\"similar-name\""), "the join has work");
    for threads in ["2", "5", "not a number"] {
        assert_eq!(run(threads), one, "QINGDAN_THREADS={threads}");
    }
}

/// Gives the similarity join a pair to find: the first item of `d001`
/// again, under `d002`, its name one word longer.
fn file_twice_under_another_department(catalog: &std::path::Path) {
    let first = std::fs::read_dir(catalog.join("items/d001"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let text = std::fs::read_to_string(&first).unwrap();
    let name = text
        .lines()
        .find_map(|l| l.strip_prefix("name: "))
        .unwrap()
        .to_string();
    let again = text
        .replace(&format!("name: {name}"), &format!("name: {name}办理"))
        .replace("department: d001", "department: d002");
    std::fs::write(catalog.join(format!("items/d002/{name}办理.yaml")), again).unwrap();
}

#[test]
fn absent_registers_are_said_once_on_stderr_and_are_no_finding() {
    let run = qingdan(&[
        "-C",
        "tests/fixtures/valid",
        "validate",
        "--deny",
        "warnings",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        run.stderr,
        "说明：清单没有材料目录、法律法规库、证明事项、收费目录清单（registers/ 下无此文件），依赖它们的规则未检查\n"
    );
    let en = qingdan(&["-C", "tests/fixtures/valid", "--lang", "en", "validate"]);
    assert_eq!(
        en.stderr,
        "note: the catalog has no materials register, laws register, proofs register, fees register (no such file in registers/); the rules that need them did not run\n"
    );
    // The sample catalog has all four: nothing to say.
    let sample = qingdan(&["validate", "--format", "json"]);
    assert_eq!(sample.code, 0, "{}", sample.transcript());
    assert!(sample.stderr.is_empty());
    let doc: serde_json::Value = serde_json::from_str(&sample.stdout).unwrap();
    assert_eq!(doc["summary"]["registers_absent"], serde_json::json!([]));
}
