//! What the history checks need from git, read before they run: rules and
//! plans do no I/O. The ledger at the newest round tag reachable from the
//! catalog's revision (rule `ledger`, append-only) and the ledgers of the
//! published tags (`code --renumber`). Reads go through the git layer
//! (`source::Repository`, gix): the answers are the same whether or not
//! the `git` program is installed.

use crate::coding_rule::{LEDGER_FILE, Ledger};
use crate::source::{
    GitError, MAX_HISTORY_FILE_BYTES, ReadProblem, Repository, Source, decode_text_up_to,
};

/// Tags of review rounds and publications: names starting with this.
pub const ROUND_TAGS: &str = "qingdan/";
/// Tags of published catalogs: a code they hold is never renumbered.
pub const PUBLISHED_TAGS: &str = "qingdan/published-";

/// A ledger as it was at a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedLedger {
    pub tag: String,
    pub ledger: Ledger,
}

/// What the catalog-wide checks know of the catalog's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The ledger at the newest round tag reachable from the catalog's
    /// revision: `Ok(None)` outside a repository or before the first tag
    /// (nothing to compare), `Err` with the reason when the repository is
    /// there but could not be read.
    pub round_ledger: Result<Option<TaggedLedger>, String>,
}

/// Nothing known: the history checks stay silent (a catalog in memory).
impl Default for History {
    fn default() -> Self {
        History {
            round_ledger: Ok(None),
        }
    }
}

impl History {
    /// Reads what the checks need from the history behind `source`.
    pub fn load(source: &dyn Source) -> History {
        History {
            round_ledger: round_ledger(source).map_err(|e| e.to_string()),
        }
    }
}

/// The ledger at the newest `qingdan/*` tag reachable from the source's
/// revision.
fn round_ledger(source: &dyn Source) -> Result<Option<TaggedLedger>, GitError> {
    let Some(at) = source.revision()? else {
        return Ok(None);
    };
    let tags = at.repository.tags_reachable(ROUND_TAGS, &at.rev)?;
    let Some(tag) = tags.into_iter().next() else {
        return Ok(None);
    };
    let ledger = ledger_at(&at.repository, &tag)?;
    Ok(Some(TaggedLedger { tag, ledger }))
}

/// The ledger at every `qingdan/published-*` tag of the repository behind
/// `source`, in tag name order; none outside a repository.
pub fn published_ledgers(source: &dyn Source) -> Result<Vec<TaggedLedger>, GitError> {
    let Some(at) = source.revision()? else {
        return Ok(Vec::new());
    };
    let tags = at.repository.tags(PUBLISHED_TAGS)?;
    tags.into_iter()
        .map(|tag| {
            let ledger = ledger_at(&at.repository, &tag)?;
            Ok(TaggedLedger { tag, ledger })
        })
        .collect()
}

/// `codes.ledger` at `tag`; empty when the catalog had none then.
fn ledger_at(repository: &Repository, tag: &str) -> Result<Ledger, GitError> {
    let Some(bytes) = repository.file_at(tag, LEDGER_FILE, MAX_HISTORY_FILE_BYTES)? else {
        return Ok(Ledger::default());
    };
    let text = decode_text_up_to(bytes, MAX_HISTORY_FILE_BYTES)
        .map_err(|problem| GitError::Read(format!("{tag}:{LEDGER_FILE}: {}", why(&problem))))?;
    Ok(Ledger::parse(&text))
}

/// Why a file at a tag cannot be read as text (inside an error message,
/// beside git's own English).
fn why(problem: &ReadProblem) -> String {
    match problem {
        ReadProblem::TooLarge { bytes } => format!("{bytes} bytes"),
        ReadProblem::Binary => "binary".to_string(),
        ReadProblem::NotUtf8 { line } => format!("not UTF-8 at line {line}"),
        other => format!("{other:?}"),
    }
}
