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

use std::collections::HashMap;

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
    /// Where each file's findings are in `findings`: routing and the review
    /// workbooks ask per item, and a scan per item is items × findings.
    by_file: HashMap<String, Vec<usize>>,
}

impl Snapshot {
    /// The findings in `file`.
    pub fn findings_of(&self, file: &str) -> Vec<&Finding> {
        self.by_file
            .get(file)
            .map(|at| at.iter().map(|&i| &self.findings[i]).collect())
            .unwrap_or_default()
    }
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
    let mut by_file: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, finding) in report.findings.iter().enumerate() {
        if let Some(file) = &finding.file {
            by_file.entry(file.clone()).or_default().push(i);
        }
    }
    Ok(Snapshot {
        catalog,
        findings: report.findings,
        reviews,
        changes,
        by_file,
    })
}
