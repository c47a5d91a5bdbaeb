//! A catalog folder on disk.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{
    Entry, EntryKind, GitError, MAX_FILE_BYTES, ReadProblem, Repository, Revision, Source,
    is_yaml_name,
};

pub struct FolderSource {
    root: PathBuf,
}

impl FolderSource {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FolderSource { root: root.into() }
    }
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn walk(&self, top: &str) -> Result<Vec<Entry>, String> {
        let mut out = Vec::new();
        let base = self.root.join(top);
        if !base.exists() {
            return Ok(out);
        }
        let mut pending = vec![(base, top.to_string())];
        while let Some((dir, rel)) = pending.pop() {
            let listing = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for entry in listing {
                let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                let path = entry.path();
                let rel_path = format!("{rel}/{name}");
                // The listing knows plain files and folders; only a link
                // needs a look at what it leads to.
                let is_dir = match entry.file_type() {
                    Ok(t) if t.is_file() => Ok(false),
                    Ok(t) if t.is_dir() => Ok(true),
                    _ => fs::metadata(&path).map(|meta| meta.is_dir()),
                };
                let kind = match is_dir {
                    Err(_) => EntryKind::DanglingLink,
                    Ok(true) => {
                        if !is_yaml_name(&name) {
                            pending.push((path, rel_path));
                            continue;
                        }
                        EntryKind::Directory
                    }
                    Ok(_) => EntryKind::File,
                };
                if is_yaml_name(&name) {
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
        // Open first and ask why only when that fails: one system call
        // fewer per file on the common path.
        let file = match fs::File::open(&full) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(if fs::symlink_metadata(&full).is_ok() {
                    ReadProblem::DanglingLink
                } else {
                    ReadProblem::Missing
                });
            }
            Err(e) => return Err(ReadProblem::Io(e.to_string())),
        };
        // Read at most one byte past the limit: the file may be huge, may
        // grow meanwhile, or be a device that never ends.
        let expected = file.metadata().map_or(0, |m| m.len().min(limit + 1)) as usize;
        let mut bytes = Vec::with_capacity(expected + 1);
        match file.take(limit + 1).read_to_end(&mut bytes) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                return Err(ReadProblem::NotAFile);
            }
            Err(e) => return Err(ReadProblem::Io(e.to_string())),
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
