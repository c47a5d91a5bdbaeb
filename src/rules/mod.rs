//! The rules of `validate`: one module per rule, each with its id, default
//! severity and tests. Rules return findings; they never print.

pub mod code_format;
pub mod duplicate_code;
pub mod ignore_without_reason;
pub mod ledger;
pub mod missing_element;
pub mod parse_error;
pub mod reference_mismatch;
pub mod reference_uncovered;
pub mod register;
pub mod schema;
pub mod unknown_department;

use std::collections::HashMap;

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Severity};
use crate::model::SeveritySetting;

/// A rule's identity and defaults.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub default_severity: Severity,
    /// False for the rules the report-1 gate stands on: they can be neither
    /// switched off in `catalog.yaml` nor ignored by an item.
    pub can_be_silenced: bool,
    /// What the rule finds, for help texts and SARIF.
    pub summary_zh: &'static str,
    pub summary_en: &'static str,
    /// The rule's messages: key, Simplified Chinese, English.
    pub messages: &'static [(&'static str, &'static str, &'static str)],
}

/// Every rule qingdan knows, in report order.
pub fn all() -> &'static [&'static Rule] {
    static ALL: [&Rule; 11] = [
        &parse_error::RULE,
        &schema::RULE,
        &register::RULE,
        &unknown_department::RULE,
        &missing_element::RULE,
        &ignore_without_reason::RULE,
        &code_format::RULE,
        &duplicate_code::RULE,
        &ledger::RULE,
        &reference_mismatch::RULE,
        &reference_uncovered::RULE,
    ];
    &ALL
}

pub fn find(id: &str) -> Option<&'static Rule> {
    all().iter().copied().find(|r| r.id == id)
}

/// A rule that looks at one item file at a time.
pub type ItemCheck = fn(&Catalog, &ItemView, &mut Vec<Finding>);
/// A rule that looks across the whole catalog.
pub type CatalogCheck = fn(&Catalog, &mut Vec<Finding>);

const ITEM_CHECKS: &[ItemCheck] = &[
    unknown_department::check_item,
    missing_element::check_item,
    ignore_without_reason::check_item,
];

const CATALOG_CHECKS: &[CatalogCheck] = &[
    register::check,
    code_format::check,
    duplicate_code::check,
    ledger::check,
    reference_mismatch::check,
    reference_uncovered::check,
];

/// Runs the per-item rules on one item file while it is loaded.
pub fn check_item(catalog: &Catalog, view: &ItemView) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in ITEM_CHECKS {
        check(catalog, view, &mut findings);
    }
    findings
}

/// Runs the rules that look across the loaded catalog (parse and schema
/// findings come from loading, per-item findings from [`check_item`]).
pub fn check_catalog(catalog: &Catalog) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in CATALOG_CHECKS {
        check(catalog, &mut findings);
    }
    findings
}

/// Applies `catalog.yaml`'s severities and the items' `ignore` entries, and
/// puts the findings in report order.
pub fn apply_policy(catalog: &Catalog, findings: Vec<Finding>) -> Vec<Finding> {
    let ignored: HashMap<&str, Vec<&str>> = catalog
        .items
        .iter()
        .filter_map(|loaded| {
            let item = loaded.item.as_ref()?;
            let rules: Vec<&str> = item
                .ignore
                .iter()
                .filter(|i| i.reason.as_deref().is_some_and(|r| !r.trim().is_empty()))
                .map(|i| i.rule.as_str())
                .collect();
            Some((loaded.file.as_str(), rules))
        })
        .collect();
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter_map(|mut f| {
            let rule = find(f.rule)?;
            if rule.can_be_silenced {
                match catalog.config.rules.get(rule.id) {
                    Some(SeveritySetting::Off) => return None,
                    Some(SeveritySetting::Error) => f.severity = Severity::Error,
                    Some(SeveritySetting::Warning) => f.severity = Severity::Warning,
                    None => {}
                }
                let silenced = f
                    .file
                    .as_deref()
                    .and_then(|file| ignored.get(file))
                    .is_some_and(|rules| rules.contains(&rule.id));
                if silenced {
                    return None;
                }
            }
            Some(f)
        })
        .collect();
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept
}
