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
