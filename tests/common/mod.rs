//! Running the real binary the way a user does, with the environment pinned
//! so that outputs are the same on every machine.

#![allow(dead_code)]

use std::collections::BTreeMap;
pub mod book;
pub mod office;
pub mod real;

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The outcome of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Everything a user would see, for whole-output snapshots.
    pub fn transcript(&self) -> String {
        let mut out = format!("exit: {}\n", self.code);
        if !self.stdout.is_empty() {
            out.push_str("--- stdout\n");
            out.push_str(&self.stdout);
        }
        if !self.stderr.is_empty() {
            out.push_str("--- stderr\n");
            out.push_str(&self.stderr);
        }
        out
    }
}

pub fn qingdan_in(dir: &Path, args: &[&str]) -> Run {
    run_command(command(dir, args))
}

/// [`qingdan_in`] with a `PATH` that holds no program at all, `git`
/// included: what reads the history must read it without git.
pub fn qingdan_without_git(dir: &Path, args: &[&str]) -> Run {
    let empty = tempfile::tempdir().unwrap();
    let mut command = command(dir, args);
    command.env("PATH", empty.path());
    run_command(command)
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qingdan"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("QINGDAN_LANG")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1");
    command
}

fn run_command(mut command: Command) -> Run {
    let output = command.output().expect("the binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `qingdan` from the project root.
pub fn qingdan(args: &[&str]) -> Run {
    qingdan_in(&root(), args)
}

/// Runs git in `dir` with a fixed identity and no user or system config.
pub fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "审核员")
        .env("GIT_AUTHOR_EMAIL", "review@example.org")
        .env("GIT_COMMITTER_NAME", "审核员")
        .env("GIT_COMMITTER_EMAIL", "review@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Makes a named pipe (FIFO) at `path`.
pub fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a NUL-terminated path we own.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// Copies a folder tree (a fixture or the sample catalog into a scratch folder).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` (paths relative to it) with its bytes; empty
/// when `dir` does not exist.
pub fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}
pub mod books;

/// Copies the two sub-items of `tests/fixtures/sub-items` (of the sample's
/// `mzj/最低生活保障申请`) into a catalog's `items/mzj/`.
pub fn add_sub_items(catalog: &Path) {
    let from = fixture("sub-items");
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(
                &path,
                catalog.join("items/mzj").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
    }
}
