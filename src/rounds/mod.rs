//! The rounds of seed 000's procedure (docs/rounds.md, docs/policy.md): 一报 → 一审 → 二报 →
//! 二审 → 审定 → 公布, then 动态调整. The round follows from git tags
//! (`tags`), each gate returns its blockers (`gates`), opinions live in
//! review files (`reviews`), items are fingerprinted (`fingerprint`) and
//! routed to their reviewers (`routing`). Nothing here prints.

pub mod fingerprint;
pub mod gates;
pub mod git;
mod messages;
pub mod notice;
pub mod routing;
pub mod status;
pub mod tags;

// Review files are loaded with the catalog; rounds keeps their path.
pub use crate::catalog::reviews;
pub use fingerprint::fingerprint;
pub use messages::MESSAGES;

use crate::catalog::{Catalog, LoadError};
use crate::finding::Finding;
use crate::rules::parse_error;
use crate::source::{ReadProblem, Source};

use crate::diff::ItemChange;
use reviews::Reviews;

/// One version of the catalog as the gates and the status see it.
pub struct Snapshot {
    pub catalog: Catalog,
    /// Every finding of `validate` (review files included), after the
    /// catalog's policy.
    pub findings: Vec<Finding>,
    pub reviews: Reviews,
    /// Items changed since the last publication (the adjust round).
    pub changes: Vec<ItemChange>,
}

/// Reads `source`; `published` is the catalog at the last publication,
/// when the round is adjust.
pub fn snapshot(
    source: &dyn Source,
    published: Option<&dyn Source>,
) -> Result<Snapshot, LoadError> {
    let (catalog, reviews, report) = crate::validate::validate_with_reviews(source, &[])?;
    let changes = match published {
        Some(old) => {
            crate::diff::compare(old, source)
                .map_err(|e| LoadError {
                    findings: vec![parse_error::unreadable("items", &ReadProblem::Io(e))],
                })?
                .items
        }
        None => Vec::new(),
    };
    Ok(Snapshot {
        catalog,
        findings: report.findings,
        reviews,
        changes,
    })
}
