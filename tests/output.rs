//! Output that never panics: a reader that goes away (`| head -1`) ends a
//! command quietly, a full disk is a message and exit 2, and a file name
//! that is not UTF-8 is reported rather than crashing the argument parser.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{copy_dir, fixture, qingdan_in, root};

/// A catalog whose report is far larger than a pipe's buffer (64 KiB), so
/// that writing it into a closed pipe must fail: the invalid fixture, each
/// item file thirty times.
fn big_catalog(dir: &Path) -> std::path::PathBuf {
    let catalog = dir.join("big");
    copy_dir(&fixture("invalid"), &catalog);
    for department in std::fs::read_dir(catalog.join("items")).unwrap() {
        let department = department.unwrap().path();
        for file in std::fs::read_dir(&department).unwrap() {
            let file = file.unwrap().path();
            let stem = file.file_stem().unwrap().to_string_lossy().to_string();
            for copy in 1..=30 {
                std::fs::copy(&file, department.join(format!("{stem}{copy}.yaml"))).unwrap();
            }
        }
    }
    catalog
}

struct Piped {
    code: Option<i32>,
    stderr: String,
}

/// `qingdan ARGS | READER` through the shell, as a user types it.
fn through_shell(dir: &Path, args: &str, reader: &str) -> Piped {
    let line = format!(
        "'{}' {args} | {reader} > /dev/null",
        env!("CARGO_BIN_EXE_qingdan")
    );
    run_shell(dir, &line)
}

fn run_shell(dir: &Path, line: &str) -> Piped {
    // `pipefail` makes the shell's status qingdan's, not the reader's.
    let output = Command::new("bash")
        .args(["-o", "pipefail", "-c", line])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("QINGDAN_LANG")
        .output()
        .unwrap();
    Piped {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// qingdan with a stdout whose reading end is already closed: every write
/// fails with EPIPE, whatever the timing.
fn into_closed_pipe(dir: &Path, args: &[&str]) -> Piped {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = Command::new(env!("CARGO_BIN_EXE_qingdan"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("QINGDAN_LANG")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    Piped {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn assert_quiet_end(piped: &Piped, what: &str) {
    assert!(
        !piped.stderr.contains("panicked"),
        "{what} panicked: {}",
        piped.stderr
    );
    assert_ne!(piped.code, Some(101), "{what}: exit 101 is a panic");
}

#[test]
fn validate_into_head_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    big_catalog(dir.path());
    for format in ["human", "json", "sarif"] {
        let piped = through_shell(
            dir.path(),
            &format!("-C big validate --format {format}"),
            "head -1",
        );
        assert_quiet_end(&piped, format);
        assert_eq!(piped.stderr, "", "{format}");
        // `validate --format sarif | true`: the reader is gone before the
        // first write.
        let piped = through_shell(
            dir.path(),
            &format!("-C big validate --format {format}"),
            "true",
        );
        assert_quiet_end(&piped, format);
    }
}

#[test]
fn round_status_into_head_ends_quietly() {
    let piped = through_shell(&fixture("."), "-C valid round status", "head -1");
    assert_quiet_end(&piped, "round status");
    assert_eq!(piped.stderr, "");
    // 0 when every line went out before `head` left, 141 when one came after.
    assert!(matches!(piped.code, Some(0 | 141)), "{:?}", piped.code);
}

#[test]
fn diff_json_into_head_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    big_catalog(dir.path());
    let invalid = fixture("invalid");
    let args = format!("diff '{}' big --format json", invalid.display());
    let piped = through_shell(dir.path(), &args, "head -1");
    assert_quiet_end(&piped, "diff");
}

#[test]
fn a_closed_pipe_ends_with_141_and_no_message() {
    let dir = tempfile::tempdir().unwrap();
    big_catalog(dir.path());
    let invalid = fixture("invalid").display().to_string();
    let valid = fixture("valid").display().to_string();
    let runs: [&[&str]; 5] = [
        &["-C", "big", "validate"],
        &["-C", "big", "validate", "--format", "sarif"],
        &["-C", &valid, "round", "status"],
        &["diff", &invalid, "big", "--format", "json"],
        &["completions", "bash"],
    ];
    for args in runs {
        let piped = into_closed_pipe(dir.path(), args);
        assert_eq!(piped.code, Some(141), "{args:?}: {}", piped.stderr);
        // stderr holds the catalog's own diagnostics (diff reports the
        // unparsable copies there), never a word about the pipe.
        assert_quiet_end(&piped, &format!("{args:?}"));
        assert!(!piped.stderr.contains("标准输出"), "{}", piped.stderr);
    }
}

#[test]
fn a_full_disk_is_a_message_and_exit_2() {
    if !Path::new("/dev/full").exists() {
        return; // Linux only; every machine that runs CI has it.
    }
    let into_full = |args: &str| {
        let valid = fixture("valid").display().to_string();
        let qingdan = env!("CARGO_BIN_EXE_qingdan");
        run_shell(
            &root(),
            &format!("'{qingdan}' -C '{valid}' {args} > /dev/full"),
        )
    };
    let zh = into_full("validate");
    assert_eq!(zh.code, Some(2), "{}", zh.stderr);
    assert!(
        zh.stderr.starts_with("qingdan: 错误：无法写入标准输出："),
        "{}",
        zh.stderr
    );
    let en = into_full("--lang en validate --format json");
    assert_eq!(en.code, Some(2), "{}", en.stderr);
    assert!(
        en.stderr
            .starts_with("qingdan: error: cannot write to standard output: "),
        "{}",
        en.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_reported_lossily() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    // A GBK name from a Windows share: 0xff is never UTF-8.
    let name = OsStr::from_bytes(b"\xff.yaml");
    let output = Command::new(env!("CARGO_BIN_EXE_qingdan"))
        .arg("-C")
        .arg(fixture("valid"))
        .arg("validate")
        .arg(name)
        .env_remove("QINGDAN_LANG")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr, "qingdan: 错误：\u{fffd}.yaml 不存在\n");
    // The same name where a text argument is expected: clap's message.
    let output = Command::new(env!("CARGO_BIN_EXE_qingdan"))
        .arg("-C")
        .arg(fixture("valid"))
        .args(["--lang", "en", "validate", "--rev"])
        .arg(name)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("qingdan: error: an argument is not valid UTF-8"),
        "{stderr}"
    );
}

#[test]
fn validate_paths_fall_back_to_the_catalog() {
    // The help's example, from the catalog's parent folder.
    let run = qingdan_in(
        &root().join("tests/fixtures"),
        &["-C", "valid", "validate", "items/wsjw"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "1 个事项，0 个错误，0 个警告\n");
    // A path found in neither place names the path as given.
    let run = qingdan_in(
        &root().join("tests/fixtures"),
        &["-C", "valid", "validate", "items/nope"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "qingdan: 错误：items/nope 不存在\n");
}
