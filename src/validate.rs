//! `validate`: load a catalog, run every rule, apply the catalog's policy,
//! and keep the findings for the files asked about.

use std::collections::HashSet;

use crate::catalog::reviews::{self, Reviews};
use crate::catalog::{Catalog, LoadError};
use crate::finding::{Finding, Severity, Summary};
use crate::history::History;
use crate::rules;
use crate::source::Source;

#[derive(Debug, Clone)]
pub struct Report {
    pub summary: Summary,
    pub findings: Vec<Finding>,
}

/// What a reader narrowed a report to (`validate --severity`, `--rule`):
/// findings at least this severe, of these rules (every rule when empty).
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    pub severity: Option<Severity>,
    pub rules: Vec<String>,
}

impl Narrowing {
    fn keeps(&self, finding: &Finding) -> bool {
        // Error ranks before Warning, so "at least as severe" is `<=`.
        self.severity.is_none_or(|least| finding.severity <= least)
            && (self.rules.is_empty() || self.rules.iter().any(|r| r == finding.rule))
    }
}

impl Report {
    /// The report with only the findings `narrowing` keeps, counted again
    /// (files and items stay: the same catalog was read).
    pub fn narrowed(self, narrowing: &Narrowing) -> Report {
        let findings: Vec<Finding> = self
            .findings
            .into_iter()
            .filter(|f| narrowing.keeps(f))
            .collect();
        let mut summary = Summary::count(self.summary.files, self.summary.items, &findings);
        summary.registers_absent = self.summary.registers_absent;
        Report { summary, findings }
    }
}

/// Validates a catalog. `only` limits the report to those catalog-relative
/// files or folders; cross-item rules still read the whole catalog.
pub fn validate(source: &dyn Source, only: &[String]) -> Result<(Catalog, Report), LoadError> {
    validate_with_reviews(source, only).map(|(catalog, _, report)| (catalog, report))
}

/// [`validate`], also giving the review files that loaded (the rounds need them).
pub fn validate_with_reviews(
    source: &dyn Source,
    only: &[String],
) -> Result<(Catalog, Reviews, Report), LoadError> {
    let (mut catalog, mut findings) = Catalog::load_with(source, rules::check_item)?;
    // Read before the rules run: they do no I/O.
    catalog.history = History::load(source);
    findings.extend(rules::check_catalog(&catalog));
    let (reviews, review_findings) = reviews::load(source, &catalog);
    findings.extend(review_findings);
    let only = Selection::new(only);
    let findings: Vec<Finding> = rules::apply_policy(&catalog, findings)
        .into_iter()
        .filter(|f| f.file.as_deref().is_none_or(|file| only.selects(file)))
        .collect();
    let chosen = catalog.items.iter().filter(|i| only.selects(&i.file));
    let (files, items) = chosen.fold((0, 0), |(files, items), i| {
        (files + 1, items + usize::from(i.spans.is_some()))
    });
    let mut summary = Summary::count(files, items, &findings);
    summary.registers_absent = catalog.registers.absent();
    Ok((catalog, reviews, Report { summary, findings }))
}

/// The files and folders a report is limited to. A set, looked up by each
/// folder a file is in: an import validates its 10,000 files in one run.
struct Selection<'a> {
    everything: bool,
    paths: HashSet<&'a str>,
}

impl<'a> Selection<'a> {
    fn new(only: &'a [String]) -> Self {
        let paths: HashSet<&str> = only.iter().map(|p| p.trim_end_matches('/')).collect();
        let everything = only.is_empty() || paths.contains("") || paths.contains(".");
        Selection { everything, paths }
    }

    fn selects(&self, file: &str) -> bool {
        self.everything
            || self.paths.contains(file)
            || file
                .match_indices('/')
                .any(|(i, _)| self.paths.contains(&file[..i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selected(file: &str, only: &[String]) -> bool {
        Selection::new(only).selects(file)
    }

    #[test]
    fn selection_by_file_or_folder() {
        assert!(selected("items/a/x.yaml", &[]));
        assert!(selected("items/a/x.yaml", &["items/a".into()]));
        assert!(selected("items/a/x.yaml", &["items/a/".into()]));
        assert!(selected("items/a/x.yaml", &["items".into()]));
        assert!(selected("items/a/x.yaml", &["items/a/x.yaml".into()]));
        assert!(!selected("items/ab/x.yaml", &["items/a".into()]));
        assert!(!selected("items/a/x.yaml", &["items/a/x".into()]));
        assert!(selected("departments.yaml", &[".".into()]));
    }
}
