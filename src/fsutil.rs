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
        Ok(AtomicFile { temp: temp_beside(path)?, path: path.to_path_buf() })
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
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(mode))?;
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
    tempfile::Builder::new().prefix(".qingdan-").suffix(".tmp").tempfile_in(parent_dir(path))
}

/// One file of a batch: where, what, and whether it may replace a file.
pub struct Pending<'a> {
    pub path: PathBuf,
    pub bytes: &'a [u8],
    pub replace: bool,
}

/// Writes many files atomically, replacing what is there: every file goes
/// to a temporary file beside it, the file system is flushed once, then each
/// is renamed into place. (One flush instead of one per file: coding a
/// large catalog writes tens of thousands of files.)
pub fn write_atomic_all(files: &[(PathBuf, String)]) -> io::Result<()> {
    let pending: Vec<Pending> =
        files.iter().map(|(path, text)| Pending { path: path.clone(), bytes: text.as_bytes(), replace: true }).collect();
    write_atomic_batch(&pending).map_err(|(_, e)| e)
}

/// [`write_atomic_all`] with a choice per file: a file that must not
/// replace one fails with `AlreadyExists`. Folders are created as needed.
/// The error names the file it is about.
pub fn write_atomic_batch(files: &[Pending]) -> Result<(), (PathBuf, io::Error)> {
    // Creating and replacing files is most of the cost; files are
    // independent and the time is the disk's: many threads write at once. A failure leaves the temporary files to be
    // dropped (deleted) and nothing replaced.
    let threads = crate::parallel::io_threads();
    // Each folder once (a catalog has tens of folders for thousands of files).
    let mut folders: Vec<(&Path, &Path)> = files.iter().map(|f| (parent_dir(&f.path), f.path.as_path())).collect();
    folders.dedup_by_key(|(folder, _)| *folder);
    folders.sort();
    folders.dedup_by_key(|(folder, _)| *folder);
    for (folder, file) in folders {
        std::fs::create_dir_all(folder).map_err(|e| (file.to_path_buf(), e))?;
    }
    let temps: Vec<tempfile::TempPath> = crate::parallel::map(files, threads, |file| {
        let at = |e: io::Error| (file.path.clone(), e);
        let mut temp = temp_beside(&file.path).map_err(at)?;
        temp.write_all(file.bytes).map_err(at)?;
        keep_mode(&temp, &file.path).map_err(at)?;
        #[cfg(not(target_os = "linux"))]
        temp.as_file().sync_all().map_err(at)?;
        Ok(temp.into_temp_path())
    })
    .into_iter()
    .collect::<Result<_, _>>()?;
    if let Some(first) = files.first() {
        flush_file_system(&first.path).map_err(|e| (first.path.clone(), e))?;
    }
    let pairs: Vec<(tempfile::TempPath, &Pending)> = temps.into_iter().zip(files).collect();
    crate::parallel::map_owned(pairs, threads, |(temp, file)| {
        let persisted = if file.replace { temp.persist(&file.path) } else { temp.persist_noclobber(&file.path) };
        persisted.map_err(|e| (file.path.clone(), e.error))
    })
    .into_iter()
    .collect()
}

/// Flushes the file system that holds `path` to disk.
#[cfg(target_os = "linux")]
pub(crate) fn flush_file_system(path: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::open(path.parent().unwrap_or(Path::new(".")))?;
    // SAFETY: syncfs only reads the descriptor, which stays open for the call.
    if unsafe { libc::syncfs(file.as_raw_fd()) } == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
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
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file is left");
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
        let files = vec![(a.clone(), "new".to_string()), (dir.path().join("b.yaml"), "b".to_string())];
        write_atomic_all(&files).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file is left behind");
    }

    #[test]
    fn a_batch_never_replaces_what_it_must_not() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        std::fs::write(&a, "old").unwrap();
        let new = dir.path().join("sub/b.yaml");
        let files = [Pending { path: new.clone(), bytes: b"b", replace: false }, Pending { path: a.clone(), bytes: b"new", replace: false }];
        let (path, error) = write_atomic_batch(&files).unwrap_err();
        assert_eq!((path, error.kind()), (a.clone(), io::ErrorKind::AlreadyExists));
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "b");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count() + std::fs::read_dir(new.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 3, "no temporary file is left behind");
    }
}
