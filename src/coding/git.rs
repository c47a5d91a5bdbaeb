//! The little git access coding needs: round tags and files at a tag. It
//! shells out to `git` for now; keeping it in one place lets a gix-based
//! reader replace it. Every function answers `None` (or nothing) outside a
//! git repository or when git is missing: the checks that need git are
//! then skipped.

use std::path::Path;
use std::process::{Command, Stdio};

/// Tags of review rounds and publications.
pub const ROUND_TAGS: &str = "qingdan/*";
/// Tags of published catalogs: a code they hold is never renumbered.
pub const PUBLISHED_TAGS: &str = "qingdan/published-*";

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

/// True when `dir` is inside a git work tree.
pub fn in_repository(dir: &Path) -> bool {
    git(dir, &["rev-parse", "--is-inside-work-tree"]).is_some_and(|out| out.trim() == "true")
}

/// Tags matching `pattern` reachable from HEAD, newest first.
pub fn tags_reachable(dir: &Path, pattern: &str) -> Vec<String> {
    let args = ["tag", "--list", pattern, "--merged", "HEAD", "--sort=-creatordate"];
    git(dir, &args).map(|out| out.lines().map(str::to_string).collect()).unwrap_or_default()
}

/// Every tag matching `pattern`.
pub fn tags(dir: &Path, pattern: &str) -> Vec<String> {
    git(dir, &["tag", "--list", pattern]).map(|out| out.lines().map(str::to_string).collect()).unwrap_or_default()
}

/// The text of `file` (relative to `dir`) at `rev`; `None` when it was absent.
pub fn file_at(dir: &Path, rev: &str, file: &str) -> Option<String> {
    git(dir, &["show", &format!("{rev}:./{file}")])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_repository_nothing_is_found() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!in_repository(dir.path()));
        assert!(tags_reachable(dir.path(), ROUND_TAGS).is_empty());
        assert_eq!(file_at(dir.path(), "HEAD", "codes.ledger"), None);
    }
}
