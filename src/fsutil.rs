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
    tempfile::Builder::new()
        .prefix(".qingdan-")
        .suffix(".tmp")
        .tempfile_in(parent_dir(path))
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
