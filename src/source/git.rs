//! A catalog as it was at a git revision, read from the repository's
//! objects without a checkout. `validate --rev`, `diff` and `round` read
//! catalogs through this.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gix::ObjectId;

use super::{Entry, EntryKind, MAX_FILE_BYTES, ReadProblem, Source, is_yaml_name};

/// Why a revision could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    NotARepository(String),
    UnknownRevision(String),
    /// The catalog folder does not exist at that revision.
    NoCatalog(String),
    Read(String),
}

/// One file of the catalog tree at a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    pub id: ObjectId,
    pub kind: EntryKind,
}

pub struct GitSource {
    repo: gix::Repository,
    /// The catalog folder's path inside the repository.
    prefix: PathBuf,
    label: String,
    /// Catalog-relative path → object, for every file under the catalog.
    files: BTreeMap<String, TreeFile>,
    /// The commit the revision names, in hex.
    commit: String,
}

impl GitSource {
    /// The catalog in folder `catalog_dir` (a folder of a git work tree) as
    /// it was at `rev` (anything `git rev-parse` understands).
    pub fn open(catalog_dir: &Path, rev: &str) -> Result<GitSource, GitError> {
        // From a relative path, a linked worktree's repository reports an
        // empty work dir, which cannot be resolved: start from an absolute one.
        let catalog_dir = &catalog_dir
            .canonicalize()
            .map_err(|e| GitError::Read(format!("{}: {e}", catalog_dir.display())))?;
        let repo =
            gix::discover(catalog_dir).map_err(|e| GitError::NotARepository(e.to_string()))?;
        let prefix = catalog_prefix(&repo, catalog_dir)?;
        GitSource::read(repo, prefix, rev)
    }

    /// The same catalog at another revision, reusing the opened repository
    /// (`diff REV_A REV_B` opens it once).
    pub fn at_revision(&self, rev: &str) -> Result<GitSource, GitError> {
        GitSource::read(self.repo.clone(), self.prefix.clone(), rev)
    }

    fn read(repo: gix::Repository, prefix: PathBuf, rev: &str) -> Result<GitSource, GitError> {
        let (commit, files) = tree_files(&repo, &prefix, rev)?;
        let label = format!("{rev}:{}", prefix.display());
        Ok(GitSource {
            repo,
            prefix,
            label,
            files,
            commit,
        })
    }

    /// The commit the revision resolved to (full hex id).
    pub fn commit(&self) -> &str {
        &self.commit
    }

    /// Every file of the catalog at this revision, with its object id (two
    /// revisions' files differ exactly where their ids differ).
    pub fn files(&self) -> &BTreeMap<String, TreeFile> {
        &self.files
    }

    fn entries_under(&self, top: &str) -> Vec<Entry> {
        let prefix = format!("{top}/");
        self.files
            .iter()
            .filter(|(path, _)| path.starts_with(&prefix) && is_yaml_name(path))
            .map(|(path, file)| Entry {
                path: path.clone(),
                kind: file.kind,
            })
            .collect()
    }
}

/// The commit of `rev` and every file under `prefix` in its tree.
fn tree_files(
    repo: &gix::Repository,
    prefix: &Path,
    rev: &str,
) -> Result<(String, BTreeMap<String, TreeFile>), GitError> {
    let commit = repo
        .rev_parse_single(rev)
        .map_err(|_| GitError::UnknownRevision(rev.to_string()))?
        .object()
        .map_err(|e| GitError::Read(e.to_string()))?
        .peel_to_commit()
        .map_err(|_| GitError::UnknownRevision(rev.to_string()))?;
    let commit_id = commit.id.to_string();
    let root = commit.tree().map_err(|e| GitError::Read(e.to_string()))?;
    let tree = if prefix.as_os_str().is_empty() {
        root
    } else {
        let entry = root
            .lookup_entry_by_path(prefix)
            .map_err(|e| GitError::Read(e.to_string()))?
            .ok_or_else(|| GitError::NoCatalog(prefix.display().to_string()))?;
        if !entry.mode().is_tree() {
            return Err(GitError::NoCatalog(prefix.display().to_string()));
        }
        entry
            .object()
            .map_err(|e| GitError::Read(e.to_string()))?
            .into_tree()
    };
    let mut recorder = gix::traverse::tree::Recorder::default();
    tree.traverse()
        .breadthfirst(&mut recorder)
        .map_err(|e| GitError::Read(e.to_string()))?;
    let mut files = BTreeMap::new();
    for record in recorder.records {
        let kind = if record.mode.is_link() {
            EntryKind::DanglingLink
        } else if record.mode.is_blob() {
            EntryKind::File
        } else {
            continue;
        };
        files.insert(
            record.filepath.to_string(),
            TreeFile {
                id: record.oid,
                kind,
            },
        );
    }
    Ok((commit_id, resolve_links(repo, files)))
}

/// Links inside the catalog that lead to a file of the same tree read as
/// that file; the others stay dangling (git stores a link, not its target).
fn resolve_links(
    repo: &gix::Repository,
    files: BTreeMap<String, TreeFile>,
) -> BTreeMap<String, TreeFile> {
    let mut out = files.clone();
    for (path, file) in &files {
        if file.kind != EntryKind::DanglingLink {
            continue;
        }
        let Ok(object) = repo.find_object(file.id) else {
            continue;
        };
        let target = String::from_utf8_lossy(&object.data).into_owned();
        let base = Path::new(path).parent().unwrap_or(Path::new(""));
        if let Some(resolved) = normalise(&base.join(target))
            && let Some(found) = files.get(&resolved).filter(|f| f.kind == EntryKind::File)
        {
            out.insert(path.clone(), found.clone());
        }
    }
    out
}

/// `a/b/../c` → `a/c`; `None` when the path leaves the catalog.
fn normalise(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// The catalog folder's path inside the repository.
fn catalog_prefix(repo: &gix::Repository, catalog_dir: &Path) -> Result<PathBuf, GitError> {
    let workdir = repo
        .workdir()
        .ok_or_else(|| GitError::NotARepository("bare repository".into()))?;
    // gix gives a linked worktree discovered from a relative path as "".
    let workdir = if workdir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        workdir
    };
    let workdir = workdir
        .canonicalize()
        .map_err(|e| GitError::Read(e.to_string()))?;
    let dir = catalog_dir
        .canonicalize()
        .map_err(|e| GitError::Read(e.to_string()))?;
    dir.strip_prefix(&workdir)
        .map(Path::to_path_buf)
        .map_err(|_| GitError::NotARepository(catalog_dir.display().to_string()))
}

impl Source for GitSource {
    fn label(&self) -> String {
        self.label.clone()
    }

    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, ReadProblem> {
        let file = self.files.get(path).ok_or(ReadProblem::Missing)?;
        match file.kind {
            EntryKind::DanglingLink => return Err(ReadProblem::DanglingLink),
            EntryKind::Directory => return Err(ReadProblem::NotAFile),
            EntryKind::File => {}
            // A git tree has no such entries; a link is a blob.
            _ => return Err(ReadProblem::DanglingLink),
        }
        // The header gives the size without inflating the object.
        let header = self
            .repo
            .find_header(file.id)
            .map_err(|e| ReadProblem::Io(e.to_string()))?;
        if header.size() > MAX_FILE_BYTES {
            return Err(ReadProblem::TooLarge {
                bytes: header.size(),
            });
        }
        let object = self
            .repo
            .find_object(file.id)
            .map_err(|e| ReadProblem::Io(e.to_string()))?;
        Ok(object.detach().data)
    }

    fn item_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.entries_under("items"))
    }

    fn review_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.entries_under("reviews"))
    }

    /// The tree already names every blob: nothing is read.
    fn item_ids(&self) -> Result<Vec<(Entry, Option<ObjectId>)>, String> {
        let entries = self.entries_under("items");
        Ok(entries
            .into_iter()
            .map(|entry| {
                let id = self
                    .files
                    .get(&entry.path)
                    .filter(|f| f.kind == EntryKind::File)
                    .map(|f| f.id);
                (entry, id)
            })
            .collect())
    }
}

/// The id git gives a blob of these bytes, so that a file of the working
/// tree can be compared with a file of a revision without parsing either.
pub fn blob_id(bytes: &[u8]) -> ObjectId {
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes)
        .expect("SHA-1 hashing of bytes in memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_ids_are_gits() {
        // `printf 'hello\n' | git hash-object --stdin`
        assert_eq!(
            blob_id(b"hello\n").to_string(),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
    }

    #[test]
    fn paths_are_normalised_inside_the_catalog() {
        assert_eq!(
            normalise(Path::new("items/a/../b/x.yaml")).as_deref(),
            Some("items/b/x.yaml")
        );
        assert_eq!(normalise(Path::new("../x.yaml")), None);
    }
}
