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
        ["errors", "files", "items", "warnings"]
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
