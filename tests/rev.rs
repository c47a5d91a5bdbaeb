//! `validate --rev`: the catalog at a git revision, read from the
//! repository objects, gives the same findings as a checkout of it.

mod common;

use std::path::Path;

use common::{copy_dir, fixture, git, qingdan_in};

/// A repository whose first commit holds the valid fixture in `catalog/`
/// and whose second commit breaks one item; the work tree has a further,
/// uncommitted change.
fn scratch_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    copy_dir(&fixture("valid"), &repo.join("catalog"));
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "一报"]);
    let item = repo.join("catalog/items/wsjw/生育登记.yaml");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(&item, text.replace("category: health", "category: 卫生")).unwrap();
    std::fs::write(repo.join("catalog/items/wsjw/坏文件.yaml"), "name: [\n").unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "二报"]);
    std::fs::write(repo.join("catalog/items/wsjw/未提交.yaml"), "name: [\n").unwrap();
    dir
}

fn json(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = qingdan_in(dir, &all);
    (run.code, run.stdout)
}

#[test]
fn a_revision_reads_like_its_checkout() {
    let dir = scratch_repo();
    let repo = dir.path();
    let (code, first) = json(repo, &["validate", "--rev", "HEAD~1"]);
    assert_eq!(code, 0, "{first}");
    let (code, second) = json(repo, &["validate", "--rev", "HEAD"]);
    assert_eq!(code, 1);
    // A checkout of HEAD, without the uncommitted file.
    let checkout = tempfile::tempdir().unwrap();
    git(
        checkout.path(),
        &["clone", "-q", repo.to_str().unwrap(), "co"],
    );
    let (_, checked_out) = json(&checkout.path().join("co"), &["validate"]);
    assert_eq!(second, checked_out);
    assert!(
        second.contains("\"file\": \"items/wsjw/生育登记.yaml\""),
        "{second}"
    );
    assert!(!second.contains("未提交"), "the work tree is not read");
    // The work tree itself has the uncommitted file too.
    let (_, worktree) = json(repo, &["validate"]);
    assert!(worktree.contains("未提交"));
}

#[test]
fn paths_under_a_revision_need_not_exist_in_the_work_tree() {
    let dir = scratch_repo();
    std::fs::remove_file(dir.path().join("catalog/items/wsjw/坏文件.yaml")).unwrap();
    let (code, out) = json(
        dir.path(),
        &[
            "validate",
            "--rev",
            "HEAD",
            "catalog/items/wsjw/坏文件.yaml",
        ],
    );
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["files"], 1);
    assert_eq!(doc["findings"][0]["rule"], "parse-error");
}

#[test]
fn an_unknown_revision_exits_2() {
    let dir = scratch_repo();
    let run = qingdan_in(
        dir.path(),
        &["--lang", "en", "validate", "--rev", "no-such-tag"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown git revision `no-such-tag`"),
        "{}",
        run.stderr
    );
}

#[test]
fn outside_a_repository_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), &dir.path().join("catalog"));
    let run = qingdan_in(dir.path(), &["--lang", "en", "validate", "--rev", "HEAD"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
}

/// A coded copy of the valid fixture whose ledger also holds 30,000 lines
/// of codes given earlier (a big city's history, ≈1.8 MB: past the 1 MiB
/// an item file may have), committed and tagged `qingdan/report-1`; a
/// second commit removes one of the ledger's lines.
fn repo_with_a_big_ledger() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    copy_dir(&fixture("valid"), &repo.join("catalog"));
    let coded = qingdan_in(repo, &["code"]);
    assert_eq!(coded.code, 0, "{}", coded.transcript());
    let ledger = repo.join("catalog/codes.ledger");
    let mut text = std::fs::read_to_string(&ledger).unwrap();
    for n in 0..30_000 {
        text.push_str(&format!(
            "H33039900{n:06}\twsjw\t已取消的事项{n}\t2026-01-05\n"
        ));
    }
    std::fs::write(&ledger, &text).unwrap();
    assert!(text.lines().count() > 30_000 && text.len() > 1024 * 1024);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "一报"]);
    git(repo, &["tag", "qingdan/report-1"]);
    let removed = text.replacen("H33039900000007\twsjw\t已取消的事项7\t2026-01-05\n", "", 1);
    std::fs::write(&ledger, removed).unwrap();
    git(repo, &["commit", "-q", "-am", "删去一行台账"]);
    dir
}

#[test]
fn a_revision_with_a_ledger_past_1_mib_validates_and_exports_clean() {
    let dir = repo_with_a_big_ledger();
    let repo = dir.path();
    let (code, out) = json(repo, &["validate", "--rev", "qingdan/report-1"]);
    assert_eq!(code, 0, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["findings"], serde_json::json!([]), "{out}");
    let run = qingdan_in(
        repo,
        &[
            "export",
            "--rev",
            "qingdan/report-1",
            "--format",
            "json",
            "-o",
            "catalog.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo.join("catalog.json")).unwrap()).unwrap();
    assert!(exported.to_string().contains("生育登记"));
}

/// The ledger may be large; an item file at a revision keeps the 1 MiB cap.
#[test]
fn an_item_file_past_1_mib_at_a_revision_is_still_refused() {
    let dir = repo_with_a_big_ledger();
    let repo = dir.path();
    let big = format!("name: 大文件\n# {}\n", "填".repeat(400_000));
    std::fs::write(repo.join("catalog/items/wsjw/大文件.yaml"), &big).unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "大文件"]);
    let (code, out) = json(repo, &["validate", "--rev", "HEAD", "catalog/items/wsjw"]);
    assert_eq!(code, 1, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        doc["findings"][0]["file"], "items/wsjw/大文件.yaml",
        "{out}"
    );
    let expected = format!(
        "the file is too large ({} bytes, limit 1 MiB) and was not parsed",
        big.len()
    );
    assert_eq!(doc["findings"][0]["message"], expected.as_str());
}

/// Under `--rev` the ledger is compared with the newest round tag reachable
/// from that revision, as it is for the work tree.
#[test]
fn a_revision_is_held_to_the_ledger_of_its_round_tag() {
    let dir = repo_with_a_big_ledger();
    let (code, out) = json(dir.path(), &["validate", "--rev", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let messages: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].ends_with(
            " of the ledger at qingdan/report-1 (code `H33039900000007`) was removed; the ledger is append-only"
        ),
        "{messages:?}"
    );
    let (_, worktree) = json(dir.path(), &["validate"]);
    assert_eq!(worktree, out, "the work tree is that revision");
}
