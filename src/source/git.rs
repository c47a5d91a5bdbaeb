//! A catalog as it was at a git revision, read from the repository's
//! objects without a checkout. `validate --rev`, `diff` and `round` read
//! catalogs through this.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use gix::ObjectId;

use super::{Entry, EntryKind, MAX_FILE_BYTES, ReadProblem, Revision, Source, is_yaml_name};

/// Why a revision could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    NotARepository(String),
    UnknownRevision(String),
    /// The catalog folder does not exist at that revision.
    NoCatalog(String),
    Read(String),
}

/// The reason alone, for messages that say what could not be done.
impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitError::NotARepository(error) | GitError::Read(error) => f.write_str(error),
            GitError::UnknownRevision(rev) => write!(f, "unknown revision `{rev}`"),
            GitError::NoCatalog(path) => write!(f, "no folder {path}"),
        }
    }
}

/// One file of the catalog tree at a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    pub id: ObjectId,
    pub kind: EntryKind,
}

pub struct GitSource {
    repo: Repository,
    label: String,
    /// Catalog-relative path → object, for every file under the catalog.
    files: BTreeMap<String, TreeFile>,
    /// The commit the revision names, in hex.
    commit: String,
}

/// Files read from the history other than item files (the ledger at a tag)
/// may be this large: `codes.ledger` grows with every code ever given.
pub const MAX_HISTORY_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A catalog folder inside a git repository. Every read of the history —
/// revisions, trees, tags, a file at a tag — goes through this, on gix:
/// nothing here runs the `git` program, so reads give the same answers
/// whether or not git is installed.
#[derive(Clone)]
pub struct Repository {
    repo: gix::Repository,
    /// The catalog folder's path inside the repository.
    prefix: PathBuf,
}

/// A tag with the commit it names and the time it was made (the tagger's
/// for an annotated tag, the commit's for a lightweight one).
struct TagRef {
    name: String,
    commit: ObjectId,
    time: i64,
}

impl Repository {
    /// The repository holding the folder `catalog_dir`.
    pub fn open(catalog_dir: &Path) -> Result<Repository, GitError> {
        // From a relative path, a linked worktree's repository reports an
        // empty work dir, which cannot be resolved: start from an absolute one.
        let catalog_dir = &catalog_dir
            .canonicalize()
            .map_err(|e| GitError::Read(format!("{}: {e}", catalog_dir.display())))?;
        let repo = gix::discover(catalog_dir).map_err(|e| match e {
            gix::discover::Error::Discover(ref up) if is_absent(up) => {
                GitError::NotARepository(e.to_string())
            }
            e => GitError::Read(e.to_string()),
        })?;
        let prefix = catalog_prefix(&repo, catalog_dir)?;
        Ok(Repository { repo, prefix })
    }

    /// [`Repository::open`], with `None` when no repository holds the
    /// folder (the history checks then stay silent); a repository that is
    /// there but cannot be read is an error.
    pub fn discover(catalog_dir: &Path) -> Result<Option<Repository>, GitError> {
        match Repository::open(catalog_dir) {
            Ok(repo) => Ok(Some(repo)),
            Err(GitError::NotARepository(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The catalog as it was at `rev` (anything `git rev-parse` understands).
    pub fn at(&self, rev: &str) -> Result<GitSource, GitError> {
        let (commit, files) = tree_files(&self.repo, &self.prefix, rev)?;
        let label = format!("{rev}:{}", self.prefix.display());
        Ok(GitSource {
            repo: self.clone(),
            label,
            files,
            commit,
        })
    }

    /// The names of every tag starting with `prefix` (`qingdan/`), sorted.
    pub fn tags(&self, prefix: &str) -> Result<Vec<String>, GitError> {
        Ok(self.tag_refs(prefix)?.into_iter().map(|t| t.name).collect())
    }

    /// The tags starting with `prefix` that `rev` contains (the tag's
    /// commit is `rev` or one of its ancestors), newest first. A repository
    /// without any commit has none.
    pub fn tags_reachable(&self, prefix: &str, rev: &str) -> Result<Vec<String>, GitError> {
        let Some(tip) = self.commit_of(rev)? else {
            return Ok(Vec::new());
        };
        let mut tags = self.tag_refs(prefix)?;
        let reachable = self.reachable(tip, tags.iter().map(|t| t.commit).collect())?;
        tags.retain(|t| reachable.contains(&t.commit));
        tags.sort_by(|a, b| (b.time, &b.name).cmp(&(a.time, &a.name)));
        Ok(tags.into_iter().map(|t| t.name).collect())
    }

    /// The bytes of the catalog file `path` at `rev`; `None` when it was
    /// absent then. Larger than `limit` is an error, as is anything but a
    /// file at that path.
    pub fn file_at(&self, rev: &str, path: &str, limit: u64) -> Result<Option<Vec<u8>>, GitError> {
        let Some(commit) = self.commit_of(rev)? else {
            return Err(GitError::UnknownRevision(rev.to_string()));
        };
        let tree = self
            .repo
            .find_commit(commit)
            .map_err(read_error)?
            .tree()
            .map_err(read_error)?;
        let Some(entry) = tree
            .lookup_entry_by_path(self.prefix.join(path))
            .map_err(read_error)?
        else {
            return Ok(None);
        };
        let at = || format!("{rev}:{}", self.prefix.join(path).display());
        if !entry.mode().is_blob() {
            return Err(GitError::Read(format!("{}: not a file", at())));
        }
        let size = self
            .repo
            .find_header(entry.oid())
            .map_err(read_error)?
            .size();
        if size > limit {
            return Err(GitError::Read(format!("{}: {size} bytes", at())));
        }
        let object = self.repo.find_object(entry.oid()).map_err(read_error)?;
        Ok(Some(object.detach().data))
    }

    /// The files under the catalog folder that differ from `HEAD` (staged
    /// or not) or are untracked and not ignored, with their paths in the
    /// repository, sorted: `git status` as gix sees it (the index, the
    /// work tree through the repository's filters, `.gitignore`).
    pub fn uncommitted(&self) -> Result<Vec<String>, GitError> {
        let patterns: Vec<gix::bstr::BString> = match self.prefix.to_str() {
            Some("") => Vec::new(),
            // Literal: a folder named with `*` or `[` is no pattern.
            Some(prefix) => vec![format!(":(literal){prefix}").into()],
            None => return Err(GitError::Read(self.prefix.display().to_string())),
        };
        let iter = self
            .repo
            .status(gix::progress::Discard)
            .map_err(read_error)?
            .untracked_files(gix::status::UntrackedFiles::Files)
            .index_worktree_rewrites(None)
            .into_iter(patterns)
            .map_err(read_error)?;
        let mut out = Vec::new();
        for item in iter {
            out.push(item.map_err(read_error)?.location().to_string());
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// The commit `rev` names; `None` for `HEAD` in a repository without
    /// commits.
    fn commit_of(&self, rev: &str) -> Result<Option<ObjectId>, GitError> {
        if rev == "HEAD" {
            // HEAD is always a revision: failing to follow it is a broken
            // repository, not a mistyped name.
            let mut head = self.repo.head().map_err(read_error)?;
            if head.is_unborn() {
                return Ok(None);
            }
            let commit = head.peel_to_commit().map_err(read_error)?;
            return Ok(Some(commit.id));
        }
        let commit = self
            .repo
            .rev_parse_single(rev)
            .map_err(|_| GitError::UnknownRevision(rev.to_string()))?
            .object()
            .map_err(read_error)?
            .peel_to_commit()
            .map_err(|_| GitError::UnknownRevision(rev.to_string()))?;
        Ok(Some(commit.id))
    }

    /// Every tag under `refs/tags/<prefix>` that leads to a commit.
    fn tag_refs(&self, prefix: &str) -> Result<Vec<TagRef>, GitError> {
        let platform = self.repo.references().map_err(read_error)?;
        let full = format!("refs/tags/{prefix}");
        let iter = platform.prefixed(full.as_str()).map_err(read_error)?;
        let mut out = Vec::new();
        for reference in iter {
            let mut reference = reference.map_err(read_error)?;
            let name = reference.name().shorten().to_string();
            let Some(direct) = reference.target().try_id().map(ToOwned::to_owned) else {
                continue;
            };
            let object = self.repo.find_object(direct).map_err(read_error)?;
            let tagged_time = match object.kind {
                gix::object::Kind::Tag => {
                    let tag = object.into_tag();
                    let tagger = tag.tagger().map_err(read_error)?;
                    tagger.and_then(|t| t.time().ok()).map(|t| t.seconds)
                }
                _ => None,
            };
            let target = reference.peel_to_id().map_err(read_error)?;
            let Ok(commit) = self.repo.find_commit(target) else {
                continue; // a tag of a tree or blob: no revision of the catalog
            };
            let time = match tagged_time {
                Some(time) => time,
                None => commit.time().map_err(read_error)?.seconds,
            };
            out.push(TagRef {
                name,
                commit: commit.id,
                time,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Which of `wanted` are `tip` or its ancestors; the walk stops once
    /// all are found.
    fn reachable(
        &self,
        tip: ObjectId,
        mut wanted: HashSet<ObjectId>,
    ) -> Result<HashSet<ObjectId>, GitError> {
        let mut found = HashSet::new();
        if wanted.is_empty() {
            return Ok(found);
        }
        let walk = self.repo.rev_walk([tip]).all().map_err(read_error)?;
        for info in walk {
            let id = info.map_err(read_error)?.id;
            if wanted.remove(&id) {
                found.insert(id);
                if wanted.is_empty() {
                    break;
                }
            }
        }
        Ok(found)
    }
}

/// No repository at or above the folder (as opposed to one that is broken).
fn is_absent(error: &gix::discover::upwards::Error) -> bool {
    use gix::discover::upwards::Error as E;
    matches!(
        error,
        E::NoGitRepository { .. }
            | E::NoGitRepositoryWithinCeiling { .. }
            | E::NoGitRepositoryWithinFs { .. }
    )
}

fn read_error(error: impl std::fmt::Display) -> GitError {
    GitError::Read(error.to_string())
}

impl GitSource {
    /// The catalog in folder `catalog_dir` (a folder of a git work tree) as
    /// it was at `rev` (anything `git rev-parse` understands).
    pub fn open(catalog_dir: &Path, rev: &str) -> Result<GitSource, GitError> {
        Repository::open(catalog_dir)?.at(rev)
    }

    /// The same catalog at another revision, reusing the opened repository
    /// (`diff REV_A REV_B` opens it once).
    pub fn at_revision(&self, rev: &str) -> Result<GitSource, GitError> {
        self.repo.at(rev)
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
        self.read_bytes_up_to(path, MAX_FILE_BYTES)
    }

    fn read_bytes_up_to(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadProblem> {
        let file = self.files.get(path).ok_or(ReadProblem::Missing)?;
        match file.kind {
            EntryKind::DanglingLink => return Err(ReadProblem::DanglingLink),
            EntryKind::Directory => return Err(ReadProblem::NotAFile),
            EntryKind::File => {}
            // A git tree has no such entries; a link is a blob.
            _ => return Err(ReadProblem::DanglingLink),
        }
        let repo = &self.repo.repo;
        // The header gives the size without inflating the object.
        let header = repo
            .find_header(file.id)
            .map_err(|e| ReadProblem::Io(e.to_string()))?;
        if header.size() > limit {
            return Err(ReadProblem::TooLarge {
                bytes: header.size(),
            });
        }
        let object = repo
            .find_object(file.id)
            .map_err(|e| ReadProblem::Io(e.to_string()))?;
        Ok(object.detach().data)
    }

    fn revision(&self) -> Result<Option<Revision>, GitError> {
        Ok(Some(Revision {
            repository: self.repo.clone(),
            rev: self.commit.clone(),
        }))
    }

    fn item_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.entries_under("items"))
    }

    fn review_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.entries_under("reviews"))
    }

    fn intermediary_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.entries_under("intermediaries"))
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
