//! The writers' lock: one command at a time changes a catalog.
//!
//! `.qingdan.lock` in the catalog folder is locked (an exclusive advisory
//! lock of the operating system, released by the kernel when the holder
//! ends, however it ends) and holds who has it: pid, host, command and
//! start time, so that a second writer can say who it waits for. Released,
//! the file is removed while still locked; a run that locked the removed
//! file checks that its file is still the one at the path and else starts
//! over. A lock file found naming a holder when the lock is taken was left
//! by a run that was killed (the kernel dropped its lock, the file stayed):
//! a stale lock, taken over and reported.
//! Every writer of a catalog takes the lock, so whoever holds it may remove
//! the temporary files of killed runs (`.qingdan-*.tmp`) it finds there.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name in the catalog folder (ignored by the `.gitignore`
/// `qingdan init` writes).
pub const LOCK_FILE: &str = ".qingdan.lock";

/// How long a writer waits for another to finish before giving up.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(5);

/// Who holds (or held) the lock, as its file says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub command: String,
    /// Start time, `YYYY-MM-DDTHH:MM:SSZ`.
    pub started: String,
}

impl Holder {
    /// This process, running `command`.
    pub fn me(command: &str) -> Holder {
        Holder {
            pid: std::process::id(),
            host: host_name(),
            command: command.to_string(),
            started: utc_now(),
        }
    }

    fn text(&self) -> String {
        format!(
            "pid: {}\nhost: {}\ncommand: {}\nstarted: {}\n",
            self.pid,
            one_line(&self.host),
            one_line(&self.command),
            self.started
        )
    }

    /// The holder a lock file names; `None` for an empty (released) file.
    pub fn parse(text: &str) -> Option<Holder> {
        let mut holder = Holder::default();
        let mut any = false;
        for line in text.lines() {
            let Some((key, value)) = line.split_once(": ") else {
                continue;
            };
            any = true;
            match key {
                "pid" => holder.pid = value.trim().parse().unwrap_or(0),
                "host" => holder.host = value.to_string(),
                "command" => holder.command = value.to_string(),
                "started" => holder.started = value.to_string(),
                _ => {}
            }
        }
        any.then_some(holder)
    }
}

/// Now as `YYYY-MM-DDTHH:MM:SSZ`.
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest / 60 % 60,
        rest % 60
    )
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another run holds it (what its file says, when it says anything).
    Held(Option<Holder>),
    /// The lock file cannot be created or locked.
    Io(io::Error),
}

/// The held lock; dropped, it is released (the file emptied, then unlocked).
#[derive(Debug)]
pub struct CatalogLock {
    file: File,
    path: PathBuf,
    /// The holder the file named when it was taken: a run that was killed.
    pub stale: Option<Holder>,
    /// Temporary files of killed runs removed when the lock was taken.
    pub removed_temp_files: usize,
}

impl CatalogLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for CatalogLock {
    /// The file is removed while still locked (a run waiting on it sees it
    /// gone and opens a new one), then unlocked.
    fn drop(&mut self) {
        if std::fs::remove_file(&self.path).is_err() {
            let _ = self.file.set_len(0);
        }
        let _ = self.file.unlock();
    }
}

/// Takes the lock of the catalog in `root` for `command`, waiting up to
/// `wait` for another run to finish. Once it is held, stale temporary
/// files in the catalog are removed.
pub fn acquire(root: &Path, command: &str, wait: Duration) -> Result<CatalogLock, LockError> {
    let path = root.join(LOCK_FILE);
    let deadline = Instant::now() + wait;
    let mut file = loop {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(LockError::Io)?;
        match file.try_lock() {
            // The holder before may have removed the file between our open
            // and our lock: only the file still at `path` counts.
            Ok(()) if same_file(&file, &path) => break file,
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                if Instant::now() >= deadline {
                    return Err(LockError::Held(read_holder(&mut file)));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
    };
    let stale = read_holder(&mut file);
    let me = Holder::me(command);
    file.set_len(0).map_err(LockError::Io)?;
    file.rewind().map_err(LockError::Io)?;
    file.write_all(me.text().as_bytes())
        .and_then(|_| file.flush())
        .map_err(LockError::Io)?;
    let removed_temp_files = remove_stale_temp_files(root);
    Ok(CatalogLock {
        file,
        path,
        stale,
        removed_temp_files,
    })
}

/// Whether the open `file` is the one at `path` now.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(4096).read_to_string(&mut text).ok()?;
    Holder::parse(&text)
}

/// The name of this machine, for the lock file ("?" when it cannot be read).
pub fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at
        // most that many bytes.
        if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            return String::from_utf8_lossy(&buf[..end]).into_owned();
        }
    }
    "?".to_string()
}

/// Removes `.qingdan-*.tmp` files (and folders) in the catalog's own
/// folders: the lock is held, so none of them belongs to a live run. The
/// walk follows no symlink. Returns how many were removed.
fn remove_stale_temp_files(root: &Path) -> usize {
    let mut removed = 0;
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            if crate::fsutil::is_temp_name(&name.to_string_lossy()) {
                let gone = if kind.is_dir() {
                    std::fs::remove_dir_all(entry.path())
                } else {
                    std::fs::remove_file(entry.path())
                };
                removed += usize::from(gone.is_ok());
            } else if kind.is_dir() && name != ".git" {
                folders.push(entry.path());
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_then_is_told_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path(), "code", Duration::ZERO).unwrap();
        assert_eq!(first.stale, None);
        let Err(LockError::Held(Some(holder))) =
            acquire(dir.path(), "import", Duration::from_millis(100))
        else {
            panic!("the lock is held")
        };
        assert_eq!(
            (holder.pid, holder.command.as_str()),
            (std::process::id(), "code")
        );
        assert_eq!(holder.host, host_name());
        drop(first);
        let again = acquire(dir.path(), "import", Duration::ZERO).unwrap();
        assert_eq!(again.stale, None, "a released lock is not stale");
    }

    #[test]
    fn a_lock_left_by_a_killed_run_is_taken_over_and_its_temp_files_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dead = "pid: 4194303\nhost: h\ncommand: code\nstarted: 2026-12-01T00:00:00Z\n";
        std::fs::write(dir.path().join(LOCK_FILE), dead).unwrap();
        std::fs::create_dir_all(dir.path().join("items/mzj")).unwrap();
        std::fs::write(dir.path().join("items/mzj/.qingdan-1-abc.tmp"), "half").unwrap();
        std::fs::write(dir.path().join("items/mzj/甲.yaml"), "name: 甲\n").unwrap();
        let lock = acquire(dir.path(), "import", Duration::ZERO).unwrap();
        assert_eq!(lock.stale.as_ref().map(|h| h.pid), Some(4194303));
        assert_eq!(lock.removed_temp_files, 1);
        assert!(dir.path().join("items/mzj/甲.yaml").exists());
        let text = std::fs::read_to_string(lock.path()).unwrap();
        assert_eq!(Holder::parse(&text).unwrap().command, "import");
        drop(lock);
        assert!(
            !dir.path().join(LOCK_FILE).exists(),
            "released, the file goes"
        );
    }
}
