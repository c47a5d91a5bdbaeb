//! The command line as a person meets it: clap's errors and headings in
//! Chinese by default and English with `--lang en` or `QINGDAN_LANG=en`,
//! English counts in the singular for 1, and `export -o` choosing the format
//! from the file name.

mod common;

use std::process::Command;

use common::{Run, fixture, qingdan, qingdan_in};

fn qingdan_env_en(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_qingdan"))
        .args(args)
        .env("QINGDAN_LANG", "en")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn a_missing_output_zh() {
    insta::assert_snapshot!(qingdan(&["export", "--format", "xlsx"]).transcript());
}

#[test]
fn a_missing_output_en() {
    insta::assert_snapshot!(qingdan(&["--lang", "en", "export", "--format", "xlsx"]).transcript());
}

#[test]
fn a_bad_format_zh() {
    insta::assert_snapshot!(qingdan(&["validate", "--format", "pdf"]).transcript());
}

#[test]
fn a_bad_format_en() {
    // The language comes from the environment here: it is known before
    // the arguments are parsed.
    insta::assert_snapshot!(qingdan_env_en(&["validate", "--format", "pdf"]).transcript());
}

/// What was typed is quoted in the message, with its terminal escapes shown
/// and not obeyed.
#[test]
fn typed_terminal_escapes_are_quoted_not_obeyed() {
    for lang in ["zh", "en"] {
        for args in [
            &["\u{1b}[2Jvalidate"][..],
            &[
                "validate",
                "--format",
                "\u{1b}]8;;http://evil.example\u{7}json\u{202e}",
            ][..],
        ] {
            let run = qingdan(&[&["--lang", lang][..], args].concat());
            assert_eq!(run.code, 2, "{}", run.transcript());
            assert!(
                !run.stderr.contains(['\u{1b}', '\u{7}', '\u{202e}']),
                "{lang}: {:?}",
                run.stderr
            );
            assert!(run.stderr.contains("\\u{1b}"), "{lang}: {}", run.stderr);
        }
    }
}

#[test]
fn a_mistyped_command_gets_a_suggestion() {
    let run = qingdan(&["valdate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("qingdan: 错误：没有 valdate 这个命令；是不是 validate？"),
        "{}",
        run.stderr
    );
    let run = qingdan(&["--lang=en", "valdate"]);
    assert!(
        run.stderr.starts_with(
            "qingdan: error: unrecognized subcommand 'valdate'; did you mean validate?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn chinese_help_uses_one_colon() {
    let run = qingdan(&["round", "--help"]);
    assert_eq!(run.code, 0);
    for heading in [
        "用法：qingdan round [选项] <命令>",
        "\n命令：\n",
        "\n选项：\n",
    ] {
        assert!(run.stdout.contains(heading), "{heading}: {}", run.stdout);
    }
    assert!(!run.stdout.contains(":\n"), "{}", run.stdout);
    let run = qingdan(&["validate", "--help"]);
    assert!(run.stdout.contains("\n参数：\n"), "{}", run.stdout);
}

#[test]
fn english_counts_for_one_and_two() {
    let one = qingdan(&["--lang", "en", "-C", "tests/fixtures/valid", "validate"]);
    assert_eq!(one.stdout, "1 item, 0 errors, 0 warnings\n");
    let two = qingdan(&[
        "--lang",
        "en",
        "-C",
        "tests/fixtures/invalid",
        "validate",
        "items/mzj",
    ]);
    let summary = two.stdout.lines().last().unwrap();
    assert!(summary.starts_with("2 items, "), "{summary}");
}

#[test]
fn export_takes_the_format_from_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = fixture("valid").display().to_string();
    for (name, format) in [
        ("清单.xlsx", "xlsx"),
        ("catalog.JSON", "json"),
        ("catalog.jsonld", "jsonld"),
        ("tables.csv", "csv"),
    ] {
        let run = qingdan_in(dir.path(), &["-C", &catalog, "export", "-o", name]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        assert_eq!(
            run.stdout,
            format!("已导出 1 个在用事项到 {name}（{format}）\n")
        );
    }
    // csv is a folder of tables; the others are one file.
    assert!(dir.path().join("tables.csv").is_dir());
    assert!(dir.path().join("catalog.JSON").is_file());
}

#[test]
fn export_format_and_file_name_must_agree() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = fixture("valid").display().to_string();
    let run = qingdan_in(
        dir.path(),
        &["-C", &catalog, "export", "--format", "xlsx", "-o", "a.json"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "qingdan: 错误：--format xlsx 与 a.json 不符（该扩展名是 json 格式）\n"
    );
    let run = qingdan_in(
        dir.path(),
        &["--lang", "en", "-C", &catalog, "export", "-o", "site"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "qingdan: error: cannot tell the format from site: give --format xlsx, csv, json, html or jsonld\n"
    );
    // An explicit format names what a bare name cannot.
    let run = qingdan_in(
        dir.path(),
        &["-C", &catalog, "export", "--format", "html", "-o", "site"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(std::fs::read_dir(dir.path()).unwrap().count() == 1);
}
