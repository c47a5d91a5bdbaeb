//! Items of many catalogs that share a `reference_code`: where their name,
//! kind or legal basis differ (四级四同: the same item is the same at every
//! level) and, apart, where materials, time limits or fees differ (实施差异,
//! differences of implementation). Each aspect keeps its distinct values
//! with the catalogs holding them, so memory grows with the differences,
//! not with the items.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Record;
use crate::model::Labelled;
use crate::model::time_limit::Limit;

/// What is compared, in report order; the first three are 四级四同.
pub const ASPECTS: &[&str] = &[
    "name",
    "kind",
    "legal_basis",
    "materials",
    "time_limit",
    "fee",
];
/// How many of [`ASPECTS`] belong to 四级四同.
pub const SAME_FOUR: usize = 3;

/// Reference code → the values each aspect takes.
#[derive(Debug, Default)]
pub struct Groups {
    groups: BTreeMap<String, [Variants; 6]>,
}

/// Distinct values of one aspect, each with the catalogs (indices) holding it.
type Variants = Vec<(String, Vec<u32>)>;

impl Groups {
    /// Notes one record of catalog `catalog` (records without a reference
    /// code, and inactive ones, are not compared).
    pub fn add(&mut self, catalog: u32, record: &Record) {
        let Some(code) = record.reference_code.as_deref().map(str::trim) else {
            return;
        };
        if code.is_empty() || !record.is_active() {
            return;
        }
        let group = self.groups.entry(code.to_string()).or_default();
        for (variants, value) in group.iter_mut().zip(values(record)) {
            match variants.iter_mut().find(|(v, _)| *v == value) {
                Some((_, holders)) => {
                    if holders.last() != Some(&catalog) {
                        holders.push(catalog);
                    }
                }
                None => variants.push((value, vec![catalog])),
            }
        }
    }

    /// Reference items whose aspects differ, by reference code.
    pub fn report(self) -> Vec<Difference> {
        self.groups
            .into_iter()
            .filter_map(|(code, aspects)| {
                let differing: Vec<Aspect> = ASPECTS
                    .iter()
                    .zip(aspects)
                    .filter(|(_, variants)| variants.len() > 1)
                    .map(|(key, variants)| Aspect {
                        key,
                        same_four: ASPECTS[..SAME_FOUR].contains(key),
                        values: variants
                            .into_iter()
                            .map(|(value, catalogs)| Value { value, catalogs })
                            .collect(),
                    })
                    .collect();
                (!differing.is_empty()).then_some(Difference {
                    reference_code: code,
                    aspects: differing,
                })
            })
            .collect()
    }
}

/// One reference item implemented differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub reference_code: String,
    pub aspects: Vec<Aspect>,
}

impl Difference {
    /// Aspects of 四级四同 (`true`) or of 实施差异 (`false`).
    pub fn of_kind(&self, same_four: bool) -> impl Iterator<Item = &Aspect> {
        self.aspects
            .iter()
            .filter(move |a| a.same_four == same_four)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aspect {
    pub key: &'static str,
    pub same_four: bool,
    pub values: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    /// The value in a canonical spelling (lists sorted, limits in qingdan's
    /// spelling); empty for none.
    pub value: String,
    /// Indices of the catalogs, in the order given.
    pub catalogs: Vec<u32>,
}

/// The compared values of a record, in [`ASPECTS`] order.
fn values(record: &Record) -> [String; 6] {
    let mut basis: Vec<String> = record
        .legal_basis
        .iter()
        .map(|b| match &b.article {
            Some(article) => format!("{} {}", b.title.trim(), article.trim()),
            None => b.title.trim().to_string(),
        })
        .collect();
    basis.sort();
    let mut materials: Vec<&str> = record.materials.iter().map(|m| m.name.trim()).collect();
    materials.sort_unstable();
    [
        record.name.trim().to_string(),
        record.kind.map(|k| k.key().to_string()).unwrap_or_default(),
        basis.join("；"),
        materials.join("、"),
        time_limit(record),
        fee(record),
    ]
}

/// `legal / promised`, each in qingdan's spelling (`—` where absent).
fn time_limit(record: &Record) -> String {
    let spell = |text: Option<&String>| match text {
        Some(text) => Limit::parse(text).map_or_else(|| text.trim().to_string(), |l| l.to_string()),
        None => "—".to_string(),
    };
    match &record.time_limit {
        Some(t) => format!(
            "{} / {}",
            spell(t.legal.as_ref()),
            spell(t.promised.as_ref())
        ),
        None => String::new(),
    }
}

/// The charging standard; `free` when nothing is charged.
fn fee(record: &Record) -> String {
    match &record.fee {
        Some(fee) if fee.charged => fee.standard.clone().unwrap_or_default().trim().to_string(),
        _ => "free".to_string(),
    }
}
