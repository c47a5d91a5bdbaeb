//! `validate`: load a catalog, run every rule, apply the catalog's policy,
//! and keep the findings for the files asked about.

use crate::catalog::{Catalog, LoadError};
use crate::finding::{Finding, Summary};
use crate::rounds::{self, reviews::Reviews};
use crate::rules;
use crate::source::Source;

#[derive(Debug, Clone)]
pub struct Report {
    pub summary: Summary,
    pub findings: Vec<Finding>,
}

/// Validates a catalog. `only` limits the report to those catalog-relative
/// files or folders; cross-item rules still read the whole catalog.
pub fn validate(source: &dyn Source, only: &[String]) -> Result<(Catalog, Report), LoadError> {
    validate_with_reviews(source, only).map(|(catalog, _, report)| (catalog, report))
}

/// [`validate`], also giving the review files that loaded (the rounds need them).
pub fn validate_with_reviews(source: &dyn Source, only: &[String]) -> Result<(Catalog, Reviews, Report), LoadError> {
    let (catalog, mut findings) = Catalog::load_with(source, rules::check_item)?;
    findings.extend(rules::check_catalog(&catalog));
    let (reviews, review_findings) = rounds::reviews::load(source, &catalog);
    findings.extend(review_findings);
    let findings: Vec<Finding> = rules::apply_policy(&catalog, findings)
        .into_iter()
        .filter(|f| f.file.as_deref().is_none_or(|file| selected(file, only)))
        .collect();
    let chosen = catalog.items.iter().filter(|i| selected(&i.file, only));
    let (files, items) = chosen.fold((0, 0), |(files, items), i| (files + 1, items + usize::from(i.spans.is_some())));
    let summary = Summary::count(files, items, &findings);
    Ok((catalog, reviews, Report { summary, findings }))
}

fn selected(file: &str, only: &[String]) -> bool {
    only.is_empty()
        || only.iter().any(|p| {
            let p = p.trim_end_matches('/');
            p.is_empty() || p == "." || file == p || file.starts_with(&format!("{p}/"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_by_file_or_folder() {
        assert!(selected("items/a/x.yaml", &[]));
        assert!(selected("items/a/x.yaml", &["items/a".into()]));
        assert!(selected("items/a/x.yaml", &["items/a/x.yaml".into()]));
        assert!(!selected("items/ab/x.yaml", &["items/a".into()]));
        assert!(selected("departments.yaml", &[".".into()]));
    }
}
