//! Hostile item files: each gives one finding naming the file, nothing
//! panics or hangs, and every other item is still checked.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{copy_dir, fixture, mkfifo, qingdan_in};
use serde_json::Value;

/// A copy of the `invalid` fixture catalog in a scratch folder.
fn scratch_catalog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("invalid"), dir.path());
    dir
}

/// (file, rule, message) of every finding, and the summary.
fn findings(dir: &Path) -> (i32, BTreeSet<(String, String, String)>, Value) {
    let run = qingdan_in(
        dir,
        &["-C", ".", "--lang", "en", "validate", "--format", "json"],
    );
    let doc: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.transcript()));
    let set = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (run.code, set, doc["summary"].clone())
}

const HOSTILE: &str = "items/wsjw/hostile.yaml";

/// Adds a hostile file with `make`, then checks the report: one finding for
/// it whose message contains `expected`, and all the other findings intact.
fn check(make: impl FnOnce(&Path), expected: &str) {
    let dir = scratch_catalog();
    let (_, baseline, base_summary) = findings(dir.path());
    make(&dir.path().join(HOSTILE));
    let (code, after, summary) = findings(dir.path());
    assert_eq!(code, 1);
    let new: Vec<_> = after.difference(&baseline).collect();
    assert_eq!(new.len(), 1, "one new finding: {new:?}");
    let (file, rule, message) = new[0];
    assert_eq!(file, HOSTILE);
    assert_eq!(rule, "parse-error");
    assert!(message.contains(expected), "{message}");
    assert!(
        baseline.is_subset(&after),
        "every other finding is still there"
    );
    assert_eq!(
        summary["files"],
        base_summary["files"].as_u64().unwrap() + 1
    );
}

#[test]
fn yaml_that_does_not_parse() {
    check(
        |p| std::fs::write(p, "name: [unclosed\nkind: {\n").unwrap(),
        "YAML syntax error",
    );
}

#[test]
fn a_binary_file() {
    check(
        |p| std::fs::write(p, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap(),
        "binary",
    );
}

#[test]
fn non_utf8_text() {
    // 临时救助 in GBK, as a Chinese editor might save it.
    check(
        |p| std::fs::write(p, b"name: \xc1\xd9\xca\xb1\xbe\xc8\xd6\xfa\n").unwrap(),
        "not UTF-8 (unreadable from line 1)",
    );
}

#[test]
fn an_alias_bomb() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        text.push_str(&format!("{n}: &{n} [{refs}]\n", n = pair[1]));
    }
    check(|p| std::fs::write(p, &text).unwrap(), "alias bomb");
}

#[test]
fn a_file_over_one_mebibyte() {
    let text = format!("name: \"{}\"\n", "长".repeat(400_000));
    check(|p| std::fs::write(p, text).unwrap(), "too large");
}

#[test]
fn an_empty_file() {
    check(|p| std::fs::write(p, "").unwrap(), "empty");
}

#[test]
fn a_directory_named_like_an_item() {
    check(|p| std::fs::create_dir(p).unwrap(), "folder");
}

#[test]
fn a_dangling_symlink() {
    check(
        |p| std::os::unix::fs::symlink("nowhere.yaml", p).unwrap(),
        "symbolic link",
    );
}

#[test]
fn deeply_nested_yaml() {
    let flow = format!("name: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    check(|p| std::fs::write(p, flow).unwrap(), "nested too deeply");
    let mapping = format!("name: {}1{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    check(|p| std::fs::write(p, mapping).unwrap(), "nested too deeply");
}

// ---------------------------------------------------------------------------
// Files that are not regular files, links out of the catalog, loops, folders
// that cannot be read (issue 17). Every run has a deadline: a command that
// opens a FIFO would block for ever.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary in `dir`, killed (and the test failed) after `limit`.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> common::Run {
    run_as(dir, args, limit, None)
}

/// [`run_within`], as the user and group `ids` when given (the test runs
/// as root and drops to them, as `setpriv --reuid --regid --clear-groups`
/// would: std clears the supplementary groups when root sets a uid).
fn run_as(dir: &Path, args: &[&str], limit: Duration, ids: Option<(u32, u32)>) -> common::Run {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_qingdan"));
    if let Some((uid, gid)) = ids {
        command.uid(uid).gid(gid);
    }
    let mut child = command
        .args(args)
        .current_dir(dir)
        .env_remove("QINGDAN_LANG")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let err = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("qingdan {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    common::Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

const LIMIT: Duration = Duration::from_secs(20);

/// `validate --format json` in English, within the deadline.
fn validate_json(dir: &Path) -> (common::Run, Value) {
    let run = run_within(
        dir,
        &["-C", ".", "--lang", "en", "validate", "--format", "json"],
        LIMIT,
    );
    let doc = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
    (run, doc)
}

/// The findings naming `file`, as (rule, message).
fn findings_of(doc: &Value, file: &str) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|f| f["file"] == file)
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap().to_string(),
                        f["message"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A secret outside every catalog: no output may ever hold it.
const SECRET: &str = "root:x:0:0:TOP-SECRET-LINE";

fn outside_secret() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("passwd"), format!("{SECRET}\n")).unwrap();
    std::fs::write(
        dir.path().join("item.yaml"),
        format!("name: {SECRET}\nkind: public_service\n"),
    )
    .unwrap();
    dir
}

fn assert_no_secret(run: &common::Run) {
    assert!(
        !run.stdout.contains("TOP-SECRET") && !run.stderr.contains("TOP-SECRET"),
        "content outside the catalog leaked: {}",
        run.transcript()
    );
}

#[test]
fn a_fifo_as_an_item_file_is_named_at_once() {
    let dir = scratch_catalog();
    mkfifo(&dir.path().join(HOSTILE));
    let (run, doc) = validate_json(dir.path());
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert_eq!(
        findings_of(&doc, HOSTILE),
        [(
            "parse-error".to_string(),
            "this is a named pipe (FIFO), not a regular file, and was not read".to_string()
        )]
    );
}

#[test]
fn a_fifo_as_a_catalog_file_stops_or_is_reported_at_once() {
    // catalog.yaml and departments.yaml are needed: exit 2, naming them.
    for file in ["catalog.yaml", "departments.yaml"] {
        let dir = scratch_catalog();
        std::fs::remove_file(dir.path().join(file)).unwrap();
        mkfifo(&dir.path().join(file));
        let run = run_within(dir.path(), &["-C", ".", "validate"], LIMIT);
        assert_eq!(run.code, 2, "{file}: {}", run.transcript());
        assert!(run.stderr.contains(file), "{}", run.transcript());
        assert!(run.stderr.contains("命名管道"), "{}", run.transcript());
    }
    // reference.yaml, codes.ledger and a review file are findings.
    for file in [
        "reference.yaml",
        "codes.ledger",
        "reviews/review-1/wsjw.yaml",
    ] {
        let dir = scratch_catalog();
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        mkfifo(&path);
        for args in [
            &["-C", ".", "validate"][..],
            &["-C", ".", "round", "status"],
            &["-C", ".", "code", "--dry-run"],
        ] {
            let run = run_within(dir.path(), args, LIMIT);
            // Finished, with an exit code of ours (round status reports
            // the rounds and exits 0).
            assert!(
                (0..=3).contains(&run.code),
                "{file} {args:?}: {}",
                run.transcript()
            );
            if args[2] == "validate" && file != "reviews/review-1/wsjw.yaml" {
                assert!(
                    run.stdout.contains(file) && run.stdout.contains("命名管道"),
                    "{file}: {}",
                    run.transcript()
                );
            }
        }
    }
}

#[test]
fn a_catalog_yaml_linked_out_of_the_catalog_is_never_read() {
    let outside = outside_secret();
    let dir = scratch_catalog();
    std::fs::remove_file(dir.path().join("catalog.yaml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("passwd"),
        dir.path().join("catalog.yaml"),
    )
    .unwrap();
    for lang in ["zh", "en"] {
        let run = run_within(dir.path(), &["-C", ".", "--lang", lang, "validate"], LIMIT);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert_no_secret(&run);
        assert!(run.stderr.contains("catalog.yaml"), "{}", run.transcript());
        let expected = if lang == "zh" {
            "符号链接指向清单文件夹之外"
        } else {
            "leads outside the catalog folder"
        };
        assert!(run.stderr.contains(expected), "{}", run.transcript());
    }
}

#[test]
fn an_item_linked_out_of_the_catalog_is_a_finding_naming_the_link() {
    let outside = outside_secret();
    let dir = scratch_catalog();
    std::os::unix::fs::symlink(outside.path().join("item.yaml"), dir.path().join(HOSTILE)).unwrap();
    let (run, doc) = validate_json(dir.path());
    assert_eq!(run.code, 1);
    assert_no_secret(&run);
    assert_eq!(
        findings_of(&doc, HOSTILE),
        [(
            "parse-error".to_string(),
            "the symbolic link leads outside the catalog folder; it was neither followed nor read"
                .to_string()
        )]
    );
    // A link that stays inside is read as before.
    let inside = dir.path().join("items/wsjw/inside.yaml");
    std::os::unix::fs::symlink("hostile.yaml", &inside).unwrap();
    let (_, doc) = validate_json(dir.path());
    assert_eq!(
        findings_of(&doc, "items/wsjw/inside.yaml").len(),
        1,
        "the link leads to the outside link: refused too"
    );
}

#[test]
fn a_folder_link_to_the_root_is_not_walked() {
    let dir = scratch_catalog();
    let (_, before) = validate_json(dir.path());
    std::os::unix::fs::symlink("/", dir.path().join("items/root")).unwrap();
    let start = Instant::now();
    let (run, doc) = validate_json(dir.path());
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(run.code, 1);
    assert_eq!(
        findings_of(&doc, "items/root"),
        [(
            "parse-error".to_string(),
            "the symbolic link leads outside the catalog folder; it was neither followed nor read"
                .to_string()
        )]
    );
    assert_eq!(doc["summary"]["items"], before["summary"]["items"]);
}

#[test]
fn a_folder_loop_visits_each_folder_once() {
    let dir = scratch_catalog();
    let (_, before) = validate_json(dir.path());
    std::os::unix::fs::symlink(".", dir.path().join("items/wsjw/loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("items/wsjw/up")).unwrap();
    let (run, after) = validate_json(dir.path());
    assert_eq!(run.code, 1);
    assert_eq!(after["summary"], before["summary"], "{}", run.transcript());
    assert_eq!(after["findings"], before["findings"]);
    // `code` plans each item once, too.
    let run = run_within(dir.path(), &["-C", ".", "code", "--dry-run"], LIMIT);
    assert!(!run.stdout.contains("loop/"), "{}", run.transcript());
}

/// The user a test drops to when it runs as root: `nobody`.
const NOBODY: (u32, u32) = (65534, 65534);

/// Whether this process may drop to [`NOBODY`] (it is root) and the
/// binary is reachable for that user (every folder on its path searchable
/// by others).
fn can_drop_to_nobody() -> bool {
    use std::os::unix::fs::PermissionsExt;
    if unsafe { libc::geteuid() } != 0 {
        return false;
    }
    let binary = Path::new(env!("CARGO_BIN_EXE_qingdan"));
    binary
        .ancestors()
        .skip(1)
        .all(|dir| std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0))
}

#[test]
fn an_unreadable_folder_is_a_finding_and_the_rest_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    // chmod 000 does not stop root: as root, the binary runs as nobody.
    let as_user = if unsafe { libc::geteuid() } != 0 {
        None
    } else if can_drop_to_nobody() {
        Some(NOBODY)
    } else {
        println!(
            "skipped: running as root and the binary is not reachable for nobody, \
             so no run can find a chmod 000 folder unreadable"
        );
        return;
    };
    let dir = scratch_catalog();
    // nobody must reach the catalog: the scratch folder is 0700.
    std::fs::set_permissions(dir.path(), PermissionsExt::from_mode(0o755)).unwrap();
    let validate = |dir: &Path| {
        let args = ["-C", ".", "--lang", "en", "validate", "--format", "json"];
        let run = run_as(dir, &args, LIMIT, as_user);
        let doc: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", run.transcript()));
        (run, doc)
    };
    let (run, before) = validate(dir.path());
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(findings_of(&before, "items/mzj").is_empty());
    let folder = dir.path().join("items/mzj");
    std::fs::set_permissions(&folder, PermissionsExt::from_mode(0o000)).unwrap();
    // The folder really is unreadable for the user the binary runs as.
    if as_user.is_none() {
        assert!(std::fs::read_dir(&folder).is_err());
    }
    let (run, doc) = validate(dir.path());
    std::fs::set_permissions(&folder, PermissionsExt::from_mode(0o755)).unwrap();
    assert_eq!(run.code, 1, "exit 1, not 2: {}", run.transcript());
    let found = findings_of(&doc, "items/mzj");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("items/mzj") || found[0].1.to_lowercase().contains("permission"),
        "{found:?}"
    );
    // The rest goes on: fewer items, the other departments' findings intact.
    let items = |doc: &Value| doc["summary"]["items"].as_u64().unwrap();
    assert!(items(&doc) < items(&before) && items(&doc) > 0, "{doc}");
    let elsewhere = |doc: &Value| {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                f["file"]
                    .as_str()
                    .is_some_and(|f| !f.starts_with("items/mzj"))
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(elsewhere(&doc), elsewhere(&before));
}

// ---------------------------------------------------------------------------
// Workbook and csv inputs: devices and FIFOs refused at once, sheets read up
// to a cap on rows and cells.

#[test]
fn import_refuses_a_device_or_a_fifo_at_once() {
    let dir = scratch_catalog();
    let fifo = dir.path().join("items.csv");
    mkfifo(&fifo);
    for (input, lang, expected) in [
        ("/dev/zero", "zh", "不是普通文件"),
        ("/dev/zero", "en", "not a regular file"),
        ("items.csv", "en", "not a regular file"),
        (".", "en", "not a regular file"),
    ] {
        let start = Instant::now();
        let run = run_within(
            dir.path(),
            &["-C", ".", "--lang", lang, "import", input, "--dry-run"],
            LIMIT,
        );
        assert!(start.elapsed() < Duration::from_secs(5));
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert!(
            run.stdout.contains(expected) && run.stdout.contains(input),
            "{}",
            run.transcript()
        );
        let run = run_within(
            dir.path(),
            &["-C", ".", "--lang", lang, "review", "import", input],
            LIMIT,
        );
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert!(run.stdout.contains(expected), "{}", run.transcript());
    }
}

const CSV_HEADER: &str = "序号,事项名称,事项类型,服务类别,实施主体,服务对象,实施依据\n";

#[test]
fn a_million_rows_holding_only_a_number_are_cheap() {
    let dir = scratch_catalog();
    let mut text = String::from(CSV_HEADER);
    for n in 1..=1_048_575 {
        text.push_str(&format!("{n},,,,,,\n"));
    }
    std::fs::write(dir.path().join("rows.csv"), &text).unwrap();
    let run = run_within(
        dir.path(),
        &["-C", ".", "--lang", "en", "import", "rows.csv", "--dry-run"],
        LIMIT,
    );
    assert!(
        !run.stdout.contains("rows from"),
        "hollow rows are not rows: {}",
        run.transcript()
    );
    assert!(run.code <= 1, "{}", run.transcript());
}

#[test]
fn rows_past_the_cap_are_one_finding() {
    let dir = scratch_catalog();
    let mut text = String::from(CSV_HEADER);
    for n in 1..=50 {
        text.push_str(&format!(
            "{n},事项{n},public_service,health,wsjw,natural_person,《条例》第一条\n"
        ));
    }
    std::fs::write(dir.path().join("rows.csv"), &text).unwrap();
    for (lang, expected) in [
        (
            "en",
            "more rows than the limit (20, see --max-rows); rows from 22 on were not read",
        ),
        (
            "zh",
            "工作表的行数超过上限（20 行，可用 --max-rows 调整），从第 22 行起未读取",
        ),
    ] {
        let run = run_within(
            dir.path(),
            &[
                "-C",
                ".",
                "--lang",
                lang,
                "import",
                "rows.csv",
                "--dry-run",
                "--max-rows",
                "20",
                "--format",
                "json",
            ],
            LIMIT,
        );
        assert_eq!(run.code, 1, "{}", run.transcript());
        assert_eq!(
            run.stdout.matches(expected).count(),
            1,
            "{}",
            run.transcript()
        );
    }
    let run = run_within(
        dir.path(),
        &[
            "-C",
            ".",
            "--lang",
            "en",
            "import",
            "rows.csv",
            "--dry-run",
            "--max-cells",
            "100",
            "--format",
            "json",
        ],
        LIMIT,
    );
    assert!(
        run.stdout
            .contains("more cells than the limit (100, see --max-cells)"),
        "{}",
        run.transcript()
    );
}

// ---------------------------------------------------------------------------
// Files made to cost: findings capped per rule and file, schema problems
// once per distinct problem, the renderer's cost independent of file size.

/// An item of the `invalid` fixture's wsjw department with `extra` added.
fn big_item(extra: &str) -> String {
    format!(
        "name: 大文件\nkind: public_service\ncategory: health\ndepartment: wsjw\n\
         targets: [natural_person]\nlegal_basis:\n  - title: 《条例》\n    article: 第一条\n\
         guide: false\n{extra}"
    )
}

#[test]
fn fifty_thousand_unknown_keys_are_capped_and_counted() {
    let dir = scratch_catalog();
    let keys: String = (0..50_000).map(|i| format!("k{i}: 1\n")).collect();
    std::fs::write(dir.path().join(HOSTILE), big_item(&keys)).unwrap();
    let start = Instant::now();
    let (run, doc) = validate_json(dir.path());
    assert!(start.elapsed() < Duration::from_secs(15));
    assert_eq!(run.code, 1);
    let ours: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == HOSTILE)
        .collect();
    assert_eq!(ours.len(), 101, "100 listed and one marker");
    let marker = ours[100];
    assert_eq!(marker["rule"], "schema");
    assert_eq!(marker["severity"], "error");
    assert_eq!(marker["path"], Value::Null);
    assert_eq!(marker["omitted"], 49_900);
    assert_eq!(
        marker["message"],
        "49900 more `schema` findings in this file are not listed (see --max-per-file)"
    );
    assert!(ours[..100].iter().all(|f| f.get("omitted").is_none()));
    // The summary counts every finding, listed or not.
    let (_, _, base) = findings(&scratch_catalog_path());
    assert_eq!(
        doc["summary"]["errors"].as_u64().unwrap(),
        base["errors"].as_u64().unwrap() + 50_000
    );
    // --max-per-file changes the cap; the human report says it in Chinese.
    let run = run_within(
        dir.path(),
        &["-C", ".", "validate", "--max-per-file", "3"],
        LIMIT,
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout.matches("未知的键「k").count(),
        3,
        "{}",
        &run.stdout[..2000.min(run.stdout.len())]
    );
    assert!(
        run.stdout
            .contains("本文件另有 49997 个「schema」问题未列出")
    );
    // SARIF: the marker carries the count.
    let run = run_within(
        dir.path(),
        &[
            "-C",
            ".",
            "validate",
            "--format",
            "sarif",
            "--max-per-file",
            "3",
        ],
        LIMIT,
    );
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let omitted: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.get("properties").and_then(|p| p.get("omitted")))
        .collect();
    assert!(omitted.contains(&&Value::from(49_997)), "{omitted:?}");
}

/// The `invalid` fixture as it is (for its baseline summary).
fn scratch_catalog_path() -> std::path::PathBuf {
    fixture("invalid")
}

#[test]
fn a_hundred_thousand_bad_list_values_are_one_finding() {
    let dir = scratch_catalog();
    let text = big_item("").replace(
        "targets: [natural_person]",
        &format!("targets: [{}]", vec!["x"; 100_000].join(", ")),
    );
    std::fs::write(dir.path().join(HOSTILE), text).unwrap();
    let (run, doc) = validate_json(dir.path());
    assert_eq!(run.code, 1);
    let ours = findings_of(&doc, HOSTILE);
    assert_eq!(ours.len(), 1, "{ours:?}");
    assert!(ours[0].1.starts_with("`x` is not one of"), "{ours:?}");
    // The human report is one finding, not gigabytes.
    let run = run_within(dir.path(), &["-C", ".", "validate"], LIMIT);
    assert!(run.stdout.len() < 2_000_000, "{} bytes", run.stdout.len());
}

#[test]
fn many_findings_in_a_large_file_render_quickly() {
    let dir = scratch_catalog();
    let materials: String = (0..8_000)
        .map(|i| format!("  - name: 其他相关材料{i}\n    form: original\n"))
        .collect();
    let text = big_item("").replace("guide: false\n", "guide: false\nmaterials:\n") + &materials;
    std::fs::write(dir.path().join(HOSTILE), text).unwrap();
    let start = Instant::now();
    let run = run_within(
        dir.path(),
        &["-C", ".", "validate", "--max-per-file", "100000"],
        LIMIT,
    );
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("其他相关材料7999"));
}

// ---------------------------------------------------------------------------
// Control characters: escaped when printed, refused by import.

const ESCAPES: &str = "\u{1b}]8;;http://evil.example\u{7}点我\u{1b}]8;;\u{7}\u{1b}[2J\u{202e}";

#[test]
fn terminal_escapes_in_an_item_are_printed_escaped() {
    let dir = scratch_catalog();
    let text = big_item("").replace(
        "name: 大文件",
        &format!("name: \"大文件{}\"\nnonsense: 1", ESCAPES.escape_default()),
    );
    std::fs::write(dir.path().join(HOSTILE), text).unwrap();
    for args in [
        &["-C", ".", "validate", "--color", "never"][..],
        &["-C", ".", "--lang", "en", "validate"],
        &["-C", ".", "round", "status"],
    ] {
        let run = run_within(dir.path(), args, LIMIT);
        for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(
                !run.stdout.contains(bad) && !run.stderr.contains(bad),
                "{args:?} printed {bad:?} raw"
            );
        }
    }
    let run = run_within(dir.path(), &["-C", ".", "validate"], LIMIT);
    assert!(
        run.stdout.contains("\\u{1b}]8;;http://evil.example"),
        "{}",
        run.stdout
    );
}

#[test]
fn import_refuses_control_characters_naming_the_cell() {
    let dir = scratch_catalog();
    let text = format!(
        "{CSV_HEADER}1,临时{ESCAPES}救助,public_service,health,wsjw,natural_person,《条例》第一条\n\
         2,好事项,public_service,health,wsjw,natural_person,《条例》第一条\n"
    );
    std::fs::write(dir.path().join("bad.csv"), text).unwrap();
    let run = run_within(
        dir.path(),
        &[
            "-C",
            ".",
            "--lang",
            "en",
            "import",
            "bad.csv",
            "--dry-run",
            "--format",
            "json",
        ],
        LIMIT,
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(!run.stdout.contains('\u{1b}'));
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let refused: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .contains("control character U+001B")
        })
        .collect();
    assert_eq!(refused.len(), 1, "{}", run.stdout);
    assert_eq!(refused[0]["path"], "B2");
    assert!(run.stdout.contains("好事项"), "the other row is imported");
}

#[test]
fn import_prints_escapes_in_a_workbook_and_its_file_name_escaped() {
    use common::book::{C, write_book};
    let dir = scratch_catalog();
    // A workbook whose file name and one item name try to rewrite the
    // terminal: OSC 8 link, clear screen, a bidi override.
    let file = "清单\u{1b}[31m\u{202e}.xlsx";
    let bad_name = format!("临时{ESCAPES}救助");
    let headers: Vec<&str> = CSV_HEADER.trim_end().split(',').collect();
    let row = |n: f64, name: &'static str| {
        vec![
            C::N(n),
            C::T(name),
            C::T("public_service"),
            C::T("health"),
            C::T("wsjw"),
            C::T("natural_person"),
            C::T("《条例》第一条"),
        ]
    };
    let bad: &'static str = Box::leak(bad_name.into_boxed_str());
    write_book(
        &dir.path().join(file),
        &[(
            "事项",
            &headers[..],
            vec![row(1.0, bad), row(2.0, "好事项")],
        )],
    );
    for (lang, refused) in [("zh", "控制字符"), ("en", "control character")] {
        let run = run_within(
            dir.path(),
            &["-C", ".", "--lang", lang, "import", file, "--dry-run"],
            LIMIT,
        );
        assert_eq!(run.code, 1, "{}", run.transcript());
        for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(
                !run.stdout.contains(bad) && !run.stderr.contains(bad),
                "{lang}: printed {bad:?} raw:\n{}",
                run.transcript()
            );
        }
        // The good row's "would create … from <workbook>" line names the
        // workbook escaped; the refused cell shows its value escaped.
        let created = run
            .stdout
            .lines()
            .find(|l| l.contains("好事项"))
            .unwrap_or_else(|| panic!("{}", run.transcript()));
        assert!(
            created.contains("清单\\u{1b}[31m\\u{202e}.xlsx"),
            "{created}"
        );
        assert!(run.stdout.contains(refused), "{}", run.transcript());
        assert!(
            run.stdout.contains("\\u{1b}]8;;http://evil.example"),
            "{}",
            run.transcript()
        );
    }
    // A workbook that cannot be read names its file escaped, on stderr too.
    let missing = "无此文件\u{1b}]8;;http://evil.example\u{7}.xlsx";
    let run = run_within(
        dir.path(),
        &["-C", ".", "import", missing, "--dry-run"],
        LIMIT,
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(!run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'));
    assert!(
        run.transcript().contains("无此文件\\u{1b}]8;;"),
        "{}",
        run.transcript()
    );
}

#[test]
fn import_lists_100_findings_of_a_rule_in_a_workbook_and_counts_them_all() {
    let dir = scratch_catalog();
    // 250 rows without 服务类别: 250 schema errors in one workbook.
    let mut text = String::from(CSV_HEADER);
    for n in 1..=250 {
        text.push_str(&format!(
            "{n},事项{n},public_service,,wsjw,natural_person,《条例》第一条\n"
        ));
    }
    std::fs::write(dir.path().join("rows.csv"), text).unwrap();
    let json = |extra: &[&str]| {
        let mut args = vec!["-C", ".", "--lang", "en", "import", "rows.csv", "--dry-run"];
        args.extend(["--format", "json"]);
        args.extend(extra);
        let run = run_within(dir.path(), &args, LIMIT);
        assert_eq!(run.code, 1, "{}", run.transcript());
        serde_json::from_str::<Value>(&run.stdout).unwrap()
    };
    for (extra, listed) in [(&[][..], 100), (&["--max-per-file", "10"][..], 10)] {
        let doc = json(extra);
        let findings = doc["findings"].as_array().unwrap();
        let schema: Vec<&Value> = findings.iter().filter(|f| f["rule"] == "schema").collect();
        assert_eq!(schema.len(), listed + 1, "{extra:?}");
        let marker = schema.last().unwrap();
        assert_eq!(marker["omitted"], 250 - listed as u64);
        assert_eq!(marker["path"], Value::Null);
        assert_eq!(marker["file"], "rows.csv");
        // Every row is still reported as skipped.
        assert_eq!(doc["skipped"].as_array().unwrap().len(), 250);
    }
    // The summary counts the findings left out.
    for (lang, total, omitted) in [
        ("en", "250 errors", "150 more"),
        ("zh", "250 个错误", "另有 150 个"),
    ] {
        let run = run_within(
            dir.path(),
            &["-C", ".", "--lang", lang, "import", "rows.csv", "--dry-run"],
            LIMIT,
        );
        assert_eq!(run.code, 1);
        assert!(run.stdout.contains(total), "{}", run.transcript());
        assert!(run.stdout.contains(omitted), "{}", run.transcript());
    }
}

// ---------------------------------------------------------------------------
// Limits and type errors name what they hit.

#[test]
fn a_long_flow_list_is_a_size_limit_not_an_alias_bomb_and_renders() {
    let dir = scratch_catalog();
    std::fs::write(
        dir.path().join(HOSTILE),
        format!("a: [{}]\n", vec!["x"; 300_000].join(", ")),
    )
    .unwrap();
    let (_, doc) = validate_json(dir.path());
    assert_eq!(
        findings_of(&doc, HOSTILE),
        [(
            "parse-error".to_string(),
            "the YAML holds more values than the limit (200000) and was not parsed".to_string()
        )]
    );
    // The human report names the line and column (miette cannot draw a
    // 600,000-column line: it panicked before, a crash the fuzzing found).
    let run = run_within(dir.path(), &["-C", ".", "validate"], LIMIT);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("items/wsjw/hostile.yaml:1:"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("YAML 中的值超过上限（200000 个）"));
}

#[test]
fn a_number_too_large_is_reported_at_its_value() {
    let dir = scratch_catalog();
    std::fs::write(
        dir.path().join(HOSTILE),
        big_item("visits: 99999999999999999999\n"),
    )
    .unwrap();
    let (_, doc) = validate_json(dir.path());
    let ours: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == HOSTILE)
        .collect();
    assert_eq!(ours.len(), 1, "{ours:?}");
    assert_eq!(ours[0]["path"], "visits");
    assert_eq!(ours[0]["line"], 10);
    assert_eq!(ours[0]["column"], 9);
}
