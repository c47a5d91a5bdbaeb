//! Writing files without ever losing what is there: every write goes to a
//! temporary file in the same folder, renamed into place.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically. Without `replace`, an existing file
/// is left alone and the error kind is `AlreadyExists`.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.file().write_all(bytes)?;
    file.commit(replace)
}

/// A file written in place of `path`: a temporary file beside it until
/// [`AtomicFile::commit`] renames it there (dropped uncommitted, it is
/// removed). For outputs too large to hold in memory (exports).
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl AtomicFile {
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        std::fs::create_dir_all(parent_dir(path))?;
        Ok(AtomicFile {
            temp: temp_beside(path)?,
            path: path.to_path_buf(),
        })
    }

    /// The temporary file to write to.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.temp.as_file_mut()
    }

    /// Renames the written file into place. Without `replace`, an existing
    /// file is left alone and the error kind is `AlreadyExists`.
    pub fn commit(self, replace: bool) -> io::Result<()> {
        let AtomicFile { temp, path } = self;
        keep_mode(&temp, &path)?;
        temp.as_file().sync_all()?;
        if replace {
            temp.persist(&path).map_err(|e| e.error)?;
        } else {
            temp.persist_noclobber(&path).map_err(|e| e.error)?;
        }
        Ok(())
    }
}

/// A temporary file is private (0600); the file it becomes is not: keep
/// the mode of the file it replaces, else the usual 0644.
fn keep_mode(temp: &tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (temp, path);
    Ok(())
}

/// The folder a file is in (`.` for a bare name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A temporary file in the target's folder, so the rename stays on one file system.
fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    temp_builder().tempfile_in(parent_dir(path))
}

/// Temporary files and folders are named `.qingdan-<pid>-<random>.tmp`:
/// the `.gitignore` of `qingdan init` ignores them (`.qingdan-*.tmp`), and
/// the pid tells whether the run that made one is still alive.
pub fn temp_builder() -> tempfile::Builder<'static, 'static> {
    static PREFIX: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let prefix = PREFIX.get_or_init(|| format!("{TEMP_PREFIX}{}-", std::process::id()));
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(TEMP_SUFFIX);
    builder
}

const TEMP_PREFIX: &str = ".qingdan-";
const TEMP_SUFFIX: &str = ".tmp";

/// The `.gitignore` pattern of temporary files.
pub const TEMP_PATTERN: &str = ".qingdan-*.tmp";

/// Whether a file name is one of qingdan's temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// The pid a temporary file's name holds, if it holds one.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    rest.split('-').next()?.parse().ok()
}

/// Whether a process with this pid runs on this machine.
pub fn pid_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        if pid == 0 || pid > i32::MAX as u32 {
            return false;
        }
        // SAFETY: signal 0 only checks that the process exists.
        let done = unsafe { libc::kill(pid as i32, 0) };
        done == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(target_os = "linux"))]
    {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
    }
}

/// Removes the temporary files and folders in `dir` left by runs that are
/// no longer alive (a killed export); returns how many.
pub fn remove_dead_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = temp_pid(&name.to_string_lossy()) else {
            continue;
        };
        if pid_alive(pid) {
            continue;
        }
        let gone = match entry.file_type() {
            Ok(kind) if kind.is_dir() => std::fs::remove_dir_all(entry.path()),
            _ => std::fs::remove_file(entry.path()),
        };
        removed += usize::from(gone.is_ok());
    }
    removed
}

/// An absolute path with every existing part resolved (symlinks, `..`):
/// the deepest existing ancestor canonicalised, the rest appended.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    loop {
        match base.canonicalize() {
            Ok(found) => {
                let mut out = found;
                for part in rest.iter().rev() {
                    match part {
                        std::path::Component::ParentDir => {
                            out.pop();
                        }
                        std::path::Component::CurDir => {}
                        other => out.push(other),
                    }
                }
                return Ok(out);
            }
            Err(_) => {
                let Some(parent) = base.parent() else {
                    return Ok(absolute);
                };
                if let Some(last) = base.components().next_back() {
                    rest.push(last);
                }
                base = parent;
            }
        }
    }
}

/// Whether an output at `out` would write into the catalog at `root`,
/// anything inside it, or a folder containing it (symlinks resolved).
pub fn overlaps_catalog(out: &Path, root: &Path) -> bool {
    match (resolve(out), resolve(root)) {
        (Ok(out), Ok(root)) => out.starts_with(&root) || root.starts_with(&out),
        // Unknown: refuse rather than risk the catalog.
        _ => true,
    }
}

/// Where a write to the catalog file `path` goes: the file itself, or, for
/// a symlink whose target is inside the catalog at `root`, its target (so
/// the link stays a link). A link that leads outside the catalog is an
/// error: nothing is written there.
pub fn write_target(root: &Path, path: &Path) -> io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = resolve(path)?;
            if target.starts_with(resolve(root)?) {
                Ok(target)
            } else {
                Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!(
                        "symbolic link to {} outside the catalog / 符号链接指向清单目录之外",
                        target.display()
                    ),
                ))
            }
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// One file of a batch: where, what, and whether it may replace a file.
pub struct Pending<'a> {
    pub path: PathBuf,
    pub bytes: &'a [u8],
    pub replace: bool,
}

/// Writes many files atomically, replacing what is there: every file is
/// [`stage`]d beside its target, then all are [`put_in_place`].
pub fn write_atomic_all(files: &[(PathBuf, String)]) -> io::Result<()> {
    let pending: Vec<Pending> = files
        .iter()
        .map(|(path, text)| Pending {
            path: path.clone(),
            bytes: text.as_bytes(),
            replace: true,
        })
        .collect();
    write_atomic_batch(&pending).map_err(|(_, e)| e)
}

/// [`write_atomic_all`] with a choice per file: a file that must not
/// replace one fails with `AlreadyExists`. Folders are created as needed.
/// The error names the file it is about.
pub fn write_atomic_batch(files: &[Pending]) -> Result<(), (PathBuf, io::Error)> {
    // Each folder once (a catalog has tens of folders for thousands of files).
    let folders: std::collections::BTreeMap<&Path, &Path> = files
        .iter()
        .map(|f| (parent_dir(&f.path), f.path.as_path()))
        .collect();
    for (folder, file) in folders {
        std::fs::create_dir_all(folder).map_err(|e| (file.to_path_buf(), e))?;
    }
    // A failure leaves the staged files to be dropped (deleted) and
    // nothing replaced.
    let staged = crate::parallel::map(files, crate::parallel::io_threads(), |file| {
        stage(&file.path, file.bytes, file.replace).map_err(|e| (file.path.clone(), e))
    });
    put_in_place(staged.into_iter().collect::<Result<_, _>>()?)
}

/// A file written to a temporary file beside its target, not yet in place
/// (dropped, the temporary file is removed). [`put_in_place`] renames a
/// batch of them.
pub struct Staged {
    temp: tempfile::TempPath,
    path: PathBuf,
    replace: bool,
}

/// Writes `bytes` beside `path`, in its folder (which must exist), keeping
/// the mode of the file it will replace.
pub fn stage(path: &Path, bytes: &[u8], replace: bool) -> io::Result<Staged> {
    let mut temp = temp_beside(path)?;
    temp.write_all(bytes)?;
    keep_mode(&temp, path)?;
    #[cfg(not(target_os = "linux"))]
    temp.as_file().sync_all()?;
    Ok(Staged {
        temp: temp.into_temp_path(),
        path: path.to_path_buf(),
        replace,
    })
}

/// Puts staged files in place: the file system is flushed once (instead of
/// once per file: coding a large catalog writes tens of thousands), then
/// each is renamed over its target. Creating and replacing files is the
/// disk's time, not the processor's: many threads rename at once.
pub fn put_in_place(staged: Vec<Staged>) -> Result<(), (PathBuf, io::Error)> {
    if let Some(first) = staged.first() {
        flush_file_system(&first.path).map_err(|e| (first.path.clone(), e))?;
    }
    crate::parallel::map_owned(
        staged,
        crate::parallel::io_threads(),
        |Staged {
             temp,
             path,
             replace,
         }| {
            let persisted = if replace {
                temp.persist(&path)
            } else {
                temp.persist_noclobber(&path)
            };
            persisted.map_err(|e| (path, e.error))
        },
    )
    .into_iter()
    .collect()
}

/// Flushes the file system that holds `path` to disk.
#[cfg(target_os = "linux")]
pub(crate) fn flush_file_system(path: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::open(path.parent().unwrap_or(Path::new(".")))?;
    // SAFETY: syncfs only reads the descriptor, which stays open for the call.
    if unsafe { libc::syncfs(file.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn flush_file_system(_path: &Path) -> io::Result<()> {
    // Without syncfs each temporary file was synced as it was written.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_carry_the_pid_and_dead_ones_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let live = temp_builder().tempfile_in(dir.path()).unwrap();
        let name = live
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        assert!(is_temp_name(&name), "{name}");
        assert_eq!(temp_pid(&name), Some(std::process::id()));
        std::fs::create_dir(dir.path().join(".qingdan-4194303-x1.tmp")).unwrap();
        std::fs::write(dir.path().join(".qingdan-4194303-x1.tmp/a.csv"), "a").unwrap();
        std::fs::write(dir.path().join("keep.csv"), "a").unwrap();
        assert_eq!(remove_dead_temps(dir.path()), 1);
        assert!(live.path().exists(), "a live run's file stays");
        assert!(dir.path().join("keep.csv").exists());
    }

    #[cfg(unix)]
    #[test]
    fn outputs_overlapping_the_catalog_are_seen_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("cat");
        std::fs::create_dir_all(root.join("items")).unwrap();
        std::os::unix::fs::symlink(root.join("items"), dir.path().join("link")).unwrap();
        for inside in [
            root.clone(),
            root.join("items"),
            root.join("codes.ledger"),
            root.join("new/site"),
            dir.path().to_path_buf(),
            dir.path().join("link/x"),
            root.join("items/../../cat"),
        ] {
            assert!(overlaps_catalog(&inside, &root), "{}", inside.display());
        }
        assert!(!overlaps_catalog(&dir.path().join("site"), &root));
        assert!(!overlaps_catalog(&dir.path().join("cat2"), &root));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_catalog_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("cat");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("real.yaml"), "a").unwrap();
        std::fs::write(dir.path().join("outside.yaml"), "a").unwrap();
        std::os::unix::fs::symlink("real.yaml", root.join("link.yaml")).unwrap();
        std::os::unix::fs::symlink("../outside.yaml", root.join("out.yaml")).unwrap();
        let target = write_target(&root, &root.join("link.yaml")).unwrap();
        assert_eq!(target, root.canonicalize().unwrap().join("real.yaml"));
        assert!(write_target(&root, &root.join("out.yaml")).is_err());
        assert_eq!(
            write_target(&root, &root.join("real.yaml")).unwrap(),
            root.join("real.yaml")
        );
    }

    #[cfg(unix)]
    #[test]
    fn many_files_keep_their_mode_and_new_ones_are_readable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.yaml");
        std::fs::write(&old, "a").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
        let new = dir.path().join("new.yaml");
        write_atomic_all(&[(old.clone(), "b".into()), (new.clone(), "c".into())]).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!((mode(&old), mode(&new)), (0o640, 0o644));
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "b");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file is left"
        );
    }

    #[test]
    fn never_replaces_without_leave() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/a.yaml");
        write_atomic(&path, b"one", false).unwrap();
        let err = write_atomic(&path, b"two", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn many_files_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        std::fs::write(&a, "old").unwrap();
        let files = vec![
            (a.clone(), "new".to_string()),
            (dir.path().join("b.yaml"), "b".to_string()),
        ];
        write_atomic_all(&files).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file is left behind"
        );
    }

    #[test]
    fn a_batch_never_replaces_what_it_must_not() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        std::fs::write(&a, "old").unwrap();
        let new = dir.path().join("sub/b.yaml");
        let files = [
            Pending {
                path: new.clone(),
                bytes: b"b",
                replace: false,
            },
            Pending {
                path: a.clone(),
                bytes: b"new",
                replace: false,
            },
        ];
        let (path, error) = write_atomic_batch(&files).unwrap_err();
        assert_eq!(
            (path, error.kind()),
            (a.clone(), io::ErrorKind::AlreadyExists)
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "b");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count()
            + std::fs::read_dir(new.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 3, "no temporary file is left behind");
    }
}
