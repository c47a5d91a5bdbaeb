//! Where a catalog's files come from. Today a folder on disk; a git revision
//! reads through the same interface. Paths are relative to the catalog root,
//! with `/` separators.

mod folder;
pub mod git;
mod memory;
pub mod naming;
mod overlay;

pub use folder::FolderSource;
pub use git::{GitError, GitSource, MAX_HISTORY_FILE_BYTES, Repository};
pub use gix::ObjectId;
pub use memory::MemorySource;
pub use overlay::Overlay;

/// Files above this size are not parsed (a `parse-error`, docs/catalog.md).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where a catalog stands in its git history: the repository and the
/// revision the source shows (`HEAD` for a work tree, the commit for a
/// revision).
#[derive(Clone)]
pub struct Revision {
    pub repository: Repository,
    pub rev: String,
}

/// A file under `items/` as listed by a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    /// A folder whose name ends in `.yaml`.
    Directory,
    /// A symbolic link that leads nowhere.
    DanglingLink,
    /// A symbolic link whose target is outside the catalog folder: named,
    /// never followed.
    OutsideLink,
    /// A folder that could not be listed; the rest is walked.
    UnreadableFolder,
    /// A name that is not UTF-8.
    BadName,
}

/// A file that is neither a regular file nor a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialKind {
    Fifo,
    Socket,
    Device,
    Other,
}

/// Why a file's text could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    Missing,
    TooLarge {
        bytes: u64,
    },
    Binary,
    /// Not UTF-8; the 1-based line of the first bad byte.
    NotUtf8 {
        line: u32,
    },
    /// A folder.
    NotAFile,
    /// A FIFO, socket or device: never opened.
    NotRegular(SpecialKind),
    DanglingLink,
    /// A symbolic link leading out of the catalog folder: never followed.
    OutsideCatalog,
    /// A folder that could not be listed.
    UnreadableFolder,
    /// A file name that is not UTF-8.
    BadName,
    Io(String),
}

pub trait Source {
    /// How to name the catalog in messages.
    fn label(&self) -> String;
    /// Raw bytes of a catalog file; `Missing` when absent.
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, ReadProblem>;
    /// Every `.yaml`/`.yml` entry under `items/`, sorted by path.
    fn item_entries(&self) -> Result<Vec<Entry>, String>;
    /// Review files under `reviews/`, sorted by path.
    fn review_entries(&self) -> Result<Vec<Entry>, String>;
    /// Intermediary service files under `intermediaries/`, sorted by path.
    fn intermediary_entries(&self) -> Result<Vec<Entry>, String>;

    /// Every item entry with the git blob id of its bytes (`None` when it
    /// cannot be read): two sources' files are equal where their ids are.
    /// Folders hash each file; a git revision overrides this with its tree.
    fn item_ids(&self) -> Result<Vec<(Entry, Option<ObjectId>)>, String> {
        let entries = self.item_entries()?;
        Ok(entries
            .into_iter()
            .map(|entry| {
                let id = match entry.kind {
                    EntryKind::File => self
                        .read_bytes(&entry.path)
                        .ok()
                        .map(|bytes| git::blob_id(&bytes)),
                    _ => None,
                };
                (entry, id)
            })
            .collect())
    }

    /// Raw bytes of a file that may be larger than an item file may be
    /// (`codes.ledger` grows with every code): up to `limit` bytes.
    fn read_bytes_up_to(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadProblem> {
        let _ = limit;
        self.read_bytes(path)
    }
    /// The catalog's place in its git history; `None` outside a repository
    /// (and for catalogs in memory). A repository that is there but cannot
    /// be read is an error, so that no history check is skipped silently.
    fn revision(&self) -> Result<Option<Revision>, GitError> {
        Ok(None)
    }

    /// This source, when it may be read from many threads at once (a folder
    /// may; a git repository handle may not).
    fn shared(&self) -> Option<&(dyn Source + Sync)> {
        None
    }

    /// A catalog file as text: size-limited, not binary, UTF-8 (a BOM is dropped).
    fn read_text(&self, path: &str) -> Result<String, ReadProblem> {
        let bytes = self.read_bytes(path)?;
        decode_text(bytes)
    }
}

/// The checks every source applies to a file's bytes.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, ReadProblem> {
    decode_text_up_to(bytes, MAX_FILE_BYTES)
}

/// [`decode_text`] with another size limit.
pub fn decode_text_up_to(bytes: Vec<u8>, limit: u64) -> Result<String, ReadProblem> {
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    if bytes.contains(&0) {
        return Err(ReadProblem::Binary);
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..good].iter().filter(|b| **b == b'\n').count() as u32 + 1;
            return Err(ReadProblem::NotUtf8 { line });
        }
    };
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

pub fn is_yaml_name(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_checks() {
        assert_eq!(decode_text(b"a: 1".to_vec()).unwrap(), "a: 1");
        assert_eq!(decode_text("\u{feff}a".as_bytes().to_vec()).unwrap(), "a");
        assert_eq!(decode_text(b"a\0b".to_vec()), Err(ReadProblem::Binary));
        assert_eq!(
            decode_text(b"a\nb\n\xff".to_vec()),
            Err(ReadProblem::NotUtf8 { line: 3 })
        );
        let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
        assert!(matches!(
            decode_text(big),
            Err(ReadProblem::TooLarge { .. })
        ));
    }
}
