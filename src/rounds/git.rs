//! The rounds' use of git. Tags and the work tree's state are read through
//! the git layer (`source::Repository`, on gix), so `round status` answers
//! the same with or without the `git` program. Only creating a tag runs
//! `git`: the tags `round advance` makes carry the user's own identity and
//! configuration (signing included).

use std::path::Path;
use std::process::{Command, Stdio};

pub use crate::history::{PUBLISHED_TAGS, ROUND_TAGS};
use crate::source::{GitError, Repository};

/// Tags starting with `prefix` reachable from `rev`, newest first; none
/// outside a repository.
pub fn tags_reachable(dir: &Path, prefix: &str, rev: &str) -> Result<Vec<String>, GitError> {
    match Repository::discover(dir)? {
        Some(repository) => repository.tags_reachable(prefix, rev),
        None => Ok(Vec::new()),
    }
}

/// Every tag starting with `prefix`, sorted; none outside a repository.
pub fn tags(dir: &Path, prefix: &str) -> Result<Vec<String>, GitError> {
    match Repository::discover(dir)? {
        Some(repository) => repository.tags(prefix),
        None => Ok(Vec::new()),
    }
}

/// Why running `git` did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// No `git` program on `PATH`.
    Missing,
    /// git ran and failed: its message.
    Failed(String),
}

/// Runs git in `dir`; its stdout.
fn run(dir: &Path, args: &[&str]) -> Result<String, RunError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        // Chinese file names as they are, not as octal escapes.
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => RunError::Missing,
            _ => RunError::Failed(e.to_string()),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(RunError::Failed(stderr.trim().to_string()));
    }
    String::from_utf8(output.stdout).map_err(|e| RunError::Failed(e.to_string()))
}

/// The files under the catalog folder `dir` that differ from `HEAD` or are
/// untracked (ignored files do not count), with their repository paths.
pub fn uncommitted(dir: &Path) -> Result<Vec<String>, GitError> {
    Repository::open(dir)?.uncommitted()
}

/// Whether the `git` program can be run (before work that ends in a tag).
pub fn available() -> Result<(), RunError> {
    run(Path::new("."), &["--version"]).map(|_| ())
}

/// Creates the annotated tag `name` on `HEAD`, as the user.
pub fn create_tag(dir: &Path, name: &str, message: &str) -> Result<(), RunError> {
    run(dir, &["tag", "-a", name, "-m", message, "HEAD"]).map(|_| ())
}

/// Adds `file` (relative to the catalog folder `dir`) and commits it
/// alone, as the user.
pub fn commit_file(dir: &Path, file: &str, message: &str) -> Result<(), RunError> {
    run(dir, &["add", "--", file])?;
    run(dir, &["commit", "-q", "-m", message, "--", file]).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_repository_no_tag_is_found_and_the_state_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(tags_reachable(dir.path(), ROUND_TAGS, "HEAD"), Ok(vec![]));
        assert_eq!(tags(dir.path(), ROUND_TAGS), Ok(vec![]));
        assert!(uncommitted(dir.path()).is_err());
    }
}
