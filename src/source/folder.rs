//! A catalog folder on disk.
//!
//! Only regular files are read, and only inside the catalog: a FIFO, device
//! or socket is refused before it is opened (opening a FIFO blocks), a
//! symbolic link is followed only while its target stays under the
//! catalog's real path, and each real folder is walked once (a link loop
//! such as `items/mzj/loop -> .` adds nothing).

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{
    Entry, EntryKind, GitError, MAX_FILE_BYTES, ReadProblem, Repository, Revision, Source,
    SpecialKind, is_yaml_name,
};

pub struct FolderSource {
    root: PathBuf,
    /// The root's real path, once asked for.
    real_root: OnceLock<Option<PathBuf>>,
}

impl FolderSource {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FolderSource {
            root: root.into(),
            real_root: OnceLock::new(),
        }
    }
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn real_root(&self) -> Option<&Path> {
        self.real_root
            .get_or_init(|| fs::canonicalize(&self.root).ok())
            .as_deref()
    }

    /// Whether a real (canonical) path lies inside the catalog.
    fn inside(&self, real: &Path) -> bool {
        self.real_root().is_some_and(|root| real.starts_with(root))
    }

    fn walk(&self, top: &str) -> Result<Vec<Entry>, String> {
        let mut out = Vec::new();
        let base = self.root.join(top);
        let Ok(base_meta) = fs::symlink_metadata(&base) else {
            return Ok(out);
        };
        let real_base = match fs::canonicalize(&base) {
            Ok(real) if self.inside(&real) => real,
            // `items` itself a link out of the catalog, or leading nowhere.
            Ok(_) => {
                out.push(Entry {
                    path: top.to_string(),
                    kind: EntryKind::OutsideLink,
                });
                return Ok(out);
            }
            Err(_) if base_meta.file_type().is_symlink() => {
                out.push(Entry {
                    path: top.to_string(),
                    kind: EntryKind::DanglingLink,
                });
                return Ok(out);
            }
            Err(e) => return Err(format!("{}: {e}", base.display())),
        };
        let mut seen: HashSet<PathBuf> = HashSet::new();
        seen.insert(real_base.clone());
        let mut pending = vec![(base, top.to_string())];
        while let Some((dir, rel)) = pending.pop() {
            let listing = match fs::read_dir(&dir) {
                Ok(listing) => listing,
                Err(_) => {
                    out.push(Entry {
                        path: rel,
                        kind: EntryKind::UnreadableFolder,
                    });
                    continue;
                }
            };
            for entry in listing {
                let Ok(entry) = entry else {
                    out.push(Entry {
                        path: rel.clone(),
                        kind: EntryKind::UnreadableFolder,
                    });
                    break;
                };
                let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                    // A name that is not UTF-8 cannot be an item's path;
                    // reported under its lossy spelling.
                    let name = entry.file_name().to_string_lossy().into_owned();
                    out.push(Entry {
                        path: format!("{rel}/{name}"),
                        kind: EntryKind::BadName,
                    });
                    continue;
                };
                if name.starts_with('.') {
                    continue;
                }
                let path = entry.path();
                let rel_path = format!("{rel}/{name}");
                let file_type = match entry.file_type() {
                    Ok(t) => t,
                    Err(_) => {
                        out.push(Entry {
                            path: rel_path,
                            kind: EntryKind::UnreadableFolder,
                        });
                        continue;
                    }
                };
                let kind = if file_type.is_dir() && is_yaml_name(&name) {
                    EntryKind::Directory
                } else if file_type.is_dir() {
                    let real = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                    if seen.insert(real) {
                        pending.push((path, rel_path));
                    }
                    continue;
                } else if file_type.is_symlink() {
                    match fs::canonicalize(&path) {
                        Err(_) => EntryKind::DanglingLink,
                        Ok(real) if !self.inside(&real) => EntryKind::OutsideLink,
                        Ok(real) if real.is_dir() && is_yaml_name(&name) => EntryKind::Directory,
                        Ok(real) if real.is_dir() => {
                            // A folder inside the catalog: walked once,
                            // whichever way it is reached first; a link to
                            // a folder being walked anyway (a loop) adds
                            // nothing.
                            if !real.starts_with(&real_base) && seen.insert(real) {
                                pending.push((path, rel_path));
                            }
                            continue;
                        }
                        Ok(_) => EntryKind::File,
                    }
                } else {
                    EntryKind::File
                };
                // Non-YAML names are not catalog files, except links out of
                // the catalog (named, never followed) and dangling ones
                // under a YAML-looking name.
                if is_yaml_name(&name) || kind == EntryKind::OutsideLink {
                    out.push(Entry {
                        path: rel_path,
                        kind,
                    });
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

/// Why a file that is not a regular one cannot be read.
#[cfg(unix)]
fn not_regular(file_type: &fs::FileType) -> ReadProblem {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        return ReadProblem::NotAFile;
    }
    ReadProblem::NotRegular(if file_type.is_fifo() {
        SpecialKind::Fifo
    } else if file_type.is_socket() {
        SpecialKind::Socket
    } else if file_type.is_block_device() || file_type.is_char_device() {
        SpecialKind::Device
    } else {
        SpecialKind::Other
    })
}

#[cfg(not(unix))]
fn not_regular(file_type: &fs::FileType) -> ReadProblem {
    if file_type.is_dir() {
        ReadProblem::NotAFile
    } else {
        ReadProblem::NotRegular(SpecialKind::Other)
    }
}

/// Opens a file known to be regular without waiting on it, should it have
/// been swapped for a FIFO since it was looked at.
fn open_regular(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc_nonblock());
    }
    options.open(path)
}

#[cfg(target_os = "linux")]
fn libc_nonblock() -> i32 {
    libc::O_NONBLOCK
}

#[cfg(all(unix, not(target_os = "linux")))]
fn libc_nonblock() -> i32 {
    0
}

/// Checks that `full` is a regular file a catalog may read, without
/// opening it: what it is, and for a link, that it stays inside.
pub(crate) fn check_regular(
    full: &Path,
    inside: impl Fn(&Path) -> bool,
) -> Result<fs::Metadata, ReadProblem> {
    let link = match fs::symlink_metadata(full) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadProblem::Missing),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return Err(ReadProblem::Io(e.to_string()));
        }
        Err(_) => return Err(ReadProblem::Missing),
    };
    let meta = if link.file_type().is_symlink() {
        let real = fs::canonicalize(full).map_err(|_| ReadProblem::DanglingLink)?;
        if !inside(&real) {
            return Err(ReadProblem::OutsideCatalog);
        }
        fs::metadata(&real).map_err(|_| ReadProblem::DanglingLink)?
    } else {
        link
    };
    if !meta.file_type().is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    Ok(meta)
}

impl Source for FolderSource {
    fn shared(&self) -> Option<&(dyn Source + Sync)> {
        Some(self)
    }

    fn label(&self) -> String {
        self.root.display().to_string()
    }

    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, ReadProblem> {
        self.read_bytes_up_to(path, MAX_FILE_BYTES)
    }

    fn revision(&self) -> Result<Option<Revision>, GitError> {
        Ok(
            Repository::discover(&self.root)?.map(|repository| Revision {
                repository,
                rev: "HEAD".to_string(),
            }),
        )
    }

    fn read_bytes_up_to(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadProblem> {
        let full = self.root.join(path);
        let meta = check_regular(&full, |real| self.inside(real))?;
        let file = match open_regular(&full) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadProblem::Missing),
            Err(e) => return Err(ReadProblem::Io(e.to_string())),
        };
        // Swapped for something else since it was looked at: refused.
        match file.metadata() {
            Ok(now) if now.file_type().is_file() => {}
            Ok(now) => return Err(not_regular(&now.file_type())),
            Err(e) => return Err(ReadProblem::Io(e.to_string())),
        }
        // Read at most one byte past the limit: the file may be huge or
        // may grow meanwhile.
        let expected = meta.len().min(limit + 1) as usize;
        let mut bytes = Vec::with_capacity(expected + 1);
        if let Err(e) = file.take(limit + 1).read_to_end(&mut bytes) {
            return Err(ReadProblem::Io(e.to_string()));
        }
        if bytes.len() as u64 > limit {
            let size = fs::metadata(&full).map_or(bytes.len() as u64, |m| m.len());
            return Err(ReadProblem::TooLarge { bytes: size });
        }
        Ok(bytes)
    }

    fn item_entries(&self) -> Result<Vec<Entry>, String> {
        self.walk("items")
    }

    fn review_entries(&self) -> Result<Vec<Entry>, String> {
        self.walk("reviews")
    }

    fn intermediary_entries(&self) -> Result<Vec<Entry>, String> {
        self.walk("intermediaries")
    }
}
