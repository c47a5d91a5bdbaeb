//! A catalog folder on disk.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Entry, EntryKind, MAX_FILE_BYTES, ReadProblem, Source, is_yaml_name};

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
                let kind = match fs::metadata(&path) {
                    Err(_) => EntryKind::DanglingLink,
                    Ok(meta) if meta.is_dir() => {
                        if !is_yaml_name(&name) {
                            pending.push((path, rel_path));
                            continue;
                        }
                        EntryKind::Directory
                    }
                    Ok(_) => EntryKind::File,
                };
                if is_yaml_name(&name) {
                    out.push(Entry { path: rel_path, kind });
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

impl Source for FolderSource {
    fn label(&self) -> String {
        self.root.display().to_string()
    }

    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, ReadProblem> {
        self.read_bytes_up_to(path, MAX_FILE_BYTES)
    }

    fn folder(&self) -> Option<&Path> {
        Some(&self.root)
    }

    fn read_bytes_up_to(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadProblem> {
        let full = self.root.join(path);
        let meta = match fs::metadata(&full) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(if fs::symlink_metadata(&full).is_ok() {
                    ReadProblem::DanglingLink
                } else {
                    ReadProblem::Missing
                });
            }
            Err(e) => return Err(ReadProblem::Io(e.to_string())),
        };
        if meta.is_dir() {
            return Err(ReadProblem::NotAFile);
        }
        if meta.len() > limit {
            return Err(ReadProblem::TooLarge { bytes: meta.len() });
        }
        // Read at most one byte past the limit: the file may grow meanwhile,
        // and a device file may never end.
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        fs::File::open(&full)
            .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
            .map_err(|e| ReadProblem::Io(e.to_string()))?;
        Ok(bytes)
    }

    fn item_entries(&self) -> Result<Vec<Entry>, String> {
        self.walk("items")
    }

    fn review_entries(&self) -> Result<Vec<Entry>, String> {
        self.walk("reviews")
    }
}
