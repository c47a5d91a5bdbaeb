//! Every use of the `git` program: round tags, files at a tag, whether the
//! work tree is clean, creating a tag. Reading catalogs at a revision goes
//! through gix (`source::GitSource`); these few operations shell out so
//! that tags get the user's own identity and configuration. Read functions
//! answer `None` (or nothing) outside a git repository or when git is
//! missing: the checks that need git are then skipped.

use std::path::Path;
use std::process::{Command, Stdio};

/// Tags of review rounds and publications.
pub const ROUND_TAGS: &str = "qingdan/*";
/// Tags of published catalogs: a code they hold is never renumbered.
pub const PUBLISHED_TAGS: &str = "qingdan/published-*";

/// Runs git in `dir`; its stdout, or its stderr as the error.
fn run(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        // Chinese file names as they are, not as octal escapes.
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    run(dir, args).ok()
}

fn lines(out: Option<String>) -> Vec<String> {
    out.map(|out| out.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// True when `dir` is inside a git work tree.
pub fn in_repository(dir: &Path) -> bool {
    git(dir, &["rev-parse", "--is-inside-work-tree"]).is_some_and(|out| out.trim() == "true")
}

/// Tags matching `pattern` reachable from `rev`, newest first.
pub fn tags_reachable(dir: &Path, pattern: &str, rev: &str) -> Vec<String> {
    lines(git(
        dir,
        &[
            "tag",
            "--list",
            pattern,
            "--merged",
            rev,
            "--sort=-creatordate",
        ],
    ))
}

/// Every tag matching `pattern`.
pub fn tags(dir: &Path, pattern: &str) -> Vec<String> {
    lines(git(dir, &["tag", "--list", pattern]))
}

/// The text of `file` (relative to `dir`) at `rev`; `None` when it was absent.
pub fn file_at(dir: &Path, rev: &str, file: &str) -> Option<String> {
    git(dir, &["show", &format!("{rev}:./{file}")])
}

/// The files under `dir` that differ from `HEAD` or are untracked (ignored
/// files do not count); an error when git cannot tell.
pub fn uncommitted(dir: &Path) -> Result<Vec<String>, String> {
    let out = run(
        dir,
        &["status", "--porcelain", "--untracked-files=all", "--", "."],
    )?;
    Ok(out
        .lines()
        .map(|l| l.get(3..).unwrap_or(l).to_string())
        .collect())
}

/// Creates the annotated tag `name` on `HEAD`.
pub fn create_tag(dir: &Path, name: &str, message: &str) -> Result<(), String> {
    run(dir, &["tag", "-a", name, "-m", message, "HEAD"]).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_repository_nothing_is_found() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!in_repository(dir.path()));
        assert!(tags_reachable(dir.path(), ROUND_TAGS, "HEAD").is_empty());
        assert_eq!(file_at(dir.path(), "HEAD", "codes.ledger"), None);
        assert!(uncommitted(dir.path()).is_err());
    }
}
