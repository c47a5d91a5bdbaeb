//! `diff` at scale: a generated catalog of 100,000 items (override with
//! QINGDAN_BENCH_ITEMS) committed in a scratch git repository, then 1% of
//! its items changed (edited, cancelled, deleted, renamed, added) in a
//! second commit. Reports the release binary's diff time between the two
//! revisions and against the working tree, beside a full parse of both
//! trees (every item blob read and parsed), which is what a diff that did
//! not compare blob ids would cost.
//!
//! Run: `cargo bench --bench diff`

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use qingdan::generate::{item_files, write_catalog};
use qingdan::source::{GitSource, Source};

fn main() {
    let items: usize = std::env::var("QINGDAN_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("a scratch folder");
    let repo = dir.path();
    let catalog = repo.join("catalog");

    let started = Instant::now();
    write_catalog(&catalog, items, 50, 2026).expect("the catalog is written");
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "一报"]);
    let changed = change_one_percent(&catalog);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "二报"]);
    println!(
        "catalog: {items} items, {changed} files changed in the second commit; set up in {:.1} s",
        secs(started.elapsed())
    );

    let parse = best_of(3, || full_parse(&catalog));
    println!(
        "full parse of both trees (read every item blob + qingdan::yaml::parse): {:.2} s",
        secs(parse)
    );

    let (two_revs, summary) = best_run(&catalog, &["HEAD~1", "HEAD"]);
    println!(
        "qingdan diff HEAD~1 HEAD: {:.2} s ({:.1}% of the full parse); {summary}",
        secs(two_revs),
        100.0 * secs(two_revs) / secs(parse)
    );
    let (worktree, _) = best_run(&catalog, &["HEAD~1"]);
    println!(
        "qingdan diff HEAD~1 (against the working tree, every file hashed): {:.2} s",
        secs(worktree)
    );
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn best_of(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..runs).map(|_| f()).min().expect("at least one run")
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.org")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Every 100th item file: a quarter edited, a quarter cancelled, a quarter
/// deleted, a quarter renamed; and as many new items as deleted ones (each
/// a copy of another, unchanged item under a new name, in the deleted one's
/// folder).
fn change_one_percent(catalog: &Path) -> usize {
    let files = item_files(&catalog.join("items")).unwrap();
    let mut changed = 0;
    for (i, file) in files.iter().step_by(100).enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        // A new item is written after another item, not the deleted one.
        let other = std::fs::read_to_string(&files[(i * 100 + 57) % files.len()]).unwrap();
        match i % 4 {
            0 => std::fs::write(file, format!("{text}remarks: 二报时调整\n")).unwrap(),
            1 => std::fs::write(file, format!("{text}status: cancelled\n")).unwrap(),
            2 => {
                std::fs::remove_file(file).unwrap();
                let name = format!("新增事项第{i}号");
                let added = other.lines().map(|l| {
                    if l.starts_with("name:") {
                        format!("name: {name}")
                    } else {
                        l.to_string()
                    }
                });
                let added: Vec<String> = added.collect();
                std::fs::write(
                    file.with_file_name(format!("{name}.yaml")),
                    added.join("\n") + "\n",
                )
                .unwrap();
                changed += 1;
            }
            _ => std::fs::rename(file, file.with_extension("renamed.yaml")).unwrap(),
        }
        changed += 1;
    }
    changed
}

/// What a diff without blob ids would do: both trees read and parsed whole.
fn full_parse(catalog: &Path) -> Duration {
    let started = Instant::now();
    let old = GitSource::open(catalog, "HEAD~1").unwrap();
    let new = old.at_revision("HEAD").unwrap();
    for source in [&old, &new] {
        for entry in source.item_entries().unwrap() {
            let text = source.read_text(&entry.path).unwrap();
            std::hint::black_box(qingdan::yaml::parse(&text).unwrap());
        }
    }
    started.elapsed()
}

/// Best wall time of three runs of the release binary, and its summary line.
fn best_run(catalog: &Path, revs: &[&str]) -> (Duration, String) {
    let mut best = Duration::MAX;
    let mut summary = String::new();
    for _ in 0..3 {
        let started = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_qingdan"))
            .args([
                "-C",
                catalog.to_str().unwrap(),
                "--lang",
                "en",
                "-q",
                "diff",
            ])
            .args(revs)
            .args(["--stat", "--format", "markdown"])
            .output()
            .expect("qingdan runs");
        best = best.min(started.elapsed());
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        summary = stdout.lines().nth(2).unwrap_or_default().to_string();
    }
    (best, summary)
}
