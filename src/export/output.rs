//! Outputs of the html and jsonld writers: written whole or not at all,
//! never replacing what is there without `replace`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{ExportError, check_output, commit};
use crate::fsutil::AtomicFile;

/// Writes one file through `write`: into a temporary file beside `out`,
/// renamed into place when complete (`fsutil::AtomicFile`).
pub fn write_file(
    out: &Path,
    replace: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ExportError> {
    check_output(out, false, replace)?;
    let io_error = |e: io::Error| ExportError::Io(out.to_path_buf(), e);
    let mut file = AtomicFile::create(out).map_err(io_error)?;
    {
        let mut buffered = io::BufWriter::new(file.file());
        write(&mut buffered).map_err(io_error)?;
        buffered.flush().map_err(io_error)?;
    }
    commit(file, out, replace).map(|_| ())
}

/// Writes a folder through `fill`: into a temporary folder beside `out`,
/// which takes the place of `out` only when `fill` succeeded. A folder
/// being replaced is moved aside first and removed after, so `out` is
/// always either the old folder or the complete new one.
pub fn write_folder(
    out: &Path,
    replace: bool,
    fill: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<(), ExportError> {
    check_output(out, true, replace)?;
    let io_error = |e: io::Error| ExportError::Io(out.to_path_buf(), e);
    let dir = parent_dir(out);
    std::fs::create_dir_all(dir).map_err(io_error)?;
    // A killed export left its staging folder here: gone now.
    crate::fsutil::remove_dead_temps(dir);
    let temp = crate::fsutil::temp_builder()
        .tempdir_in(dir)
        .map_err(io_error)?;
    fill(temp.path()).map_err(io_error)?;
    // A temporary folder is private (0700); a published site is not.
    set_mode(temp.path(), 0o755).map_err(io_error)?;
    let old = move_aside(out, dir).map_err(io_error)?;
    if let Err(e) = std::fs::rename(temp.path(), out) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, out);
        }
        return Err(io_error(e));
    }
    // The folder is in place: the guard must not delete it.
    let _ = temp.keep();
    if let Some(old) = old {
        std::fs::remove_dir_all(&old).map_err(io_error)?;
    }
    Ok(())
}

/// Renames a non-empty folder at `out` to a fresh name beside it; an empty
/// folder is simply removed (the rename over it would do the same).
fn move_aside(out: &Path, dir: &Path) -> io::Result<Option<PathBuf>> {
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(None);
    };
    if !meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, "not a folder"));
    }
    if std::fs::read_dir(out)?.next().is_none() {
        std::fs::remove_dir(out)?;
        return Ok(None);
    }
    let aside = crate::fsutil::temp_builder().tempdir_in(dir)?.keep();
    std::fs::rename(out, &aside)?;
    Ok(Some(aside))
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_replaced_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_folder(&out, false, |d| std::fs::write(d.join("a.html"), "one")).unwrap();
        assert!(matches!(
            write_folder(&out, false, |_| Ok(())),
            Err(ExportError::Exists(_))
        ));
        let failed = write_folder(&out, true, |d| {
            std::fs::write(d.join("b.html"), "half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(matches!(failed, Err(ExportError::Io(..))));
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).unwrap(),
            "one",
            "the old site stays"
        );
        write_folder(&out, true, |d| std::fs::write(d.join("b.html"), "two")).unwrap();
        assert!(!out.join("a.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("b.html")).unwrap(), "two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("site")],
            "nothing temporary is left"
        );
    }

    #[test]
    fn an_empty_folder_is_taken_and_a_file_is_the_wrong_kind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir(&out).unwrap();
        write_folder(&out, false, |d| std::fs::write(d.join("a.html"), "one")).unwrap();
        let file = dir.path().join("catalog.jsonld");
        write_file(&file, false, |w| w.write_all(b"{}")).unwrap();
        assert!(matches!(
            write_file(&file, false, |_| Ok(())),
            Err(ExportError::Exists(_))
        ));
        assert!(matches!(
            write_folder(&file, true, |_| Ok(())),
            Err(ExportError::WrongKind(_))
        ));
        assert!(matches!(
            write_file(&out, true, |_| Ok(())),
            Err(ExportError::WrongKind(_))
        ));
        assert_eq!(std::fs::read(&file).unwrap(), b"{}");
    }
}
