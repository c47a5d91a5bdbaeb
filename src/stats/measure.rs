//! The reform measures (issue 24): what one item contributes ([`Record`]),
//! the running totals of a department or a catalog ([`Totals`]), and the
//! figures made from them ([`Figures`]). Totals only add, so a catalog of a
//! million items is tallied one item at a time.

use serde::{Deserialize, Serialize};

use crate::model::time_limit::Limit;
use crate::model::{Item, ItemKind, Labelled, Online};

/// What the measures read of one item. Built from a loaded [`Item`] or read
/// straight from a json export (keys the reader does not know are skipped,
/// so exports of newer versions still read).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Record {
    pub department: String,
    /// 实施主体名称: only json exports carry it.
    pub department_name: Option<String>,
    pub name: String,
    pub kind: Option<ItemKind>,
    pub reference_code: Option<String>,
    pub legal_basis: Vec<Basis>,
    pub guide: Option<bool>,
    pub materials: Vec<RecordMaterial>,
    pub process: Vec<serde::de::IgnoredAny>,
    pub time_limit: Option<RecordLimit>,
    pub fee: Option<RecordFee>,
    pub online: Option<Online>,
    pub visits: Option<u32>,
    pub commitment: Option<bool>,
    /// 办件类型: `instant` (or `即办件`) / `promised` when set.
    pub case_type: Option<String>,
    /// 主项: set for a sub-item (子项), which is counted apart.
    pub parent: Option<String>,
    /// Absent or `active` in exports; loaded catalogs pass active items only.
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Basis {
    pub title: String,
    pub article: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RecordMaterial {
    pub name: String,
    pub proof: bool,
    pub shared: bool,
    pub sample: Option<String>,
    pub common_errors: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RecordLimit {
    pub legal: Option<String>,
    pub promised: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RecordFee {
    pub charged: bool,
    pub standard: Option<String>,
}

impl Record {
    pub fn from_item(item: &Item) -> Record {
        Record {
            department: item.department.clone(),
            department_name: None,
            name: item.name.clone(),
            kind: Some(item.kind),
            reference_code: item.reference_code.clone(),
            legal_basis: item
                .legal_basis
                .iter()
                .map(|b| Basis {
                    title: b.title.clone(),
                    article: b.article.clone(),
                })
                .collect(),
            guide: Some(item.guide),
            materials: item
                .materials
                .iter()
                .map(|m| RecordMaterial {
                    name: m.name.clone(),
                    proof: m.proof,
                    shared: m.shared,
                    sample: m.sample.clone(),
                    common_errors: m.common_errors.clone(),
                })
                .collect(),
            process: vec![serde::de::IgnoredAny; item.process.len()],
            time_limit: item.time_limit.as_ref().map(|t| RecordLimit {
                legal: t.legal.clone(),
                promised: t.promised.clone(),
            }),
            fee: item.fee.as_ref().map(|f| RecordFee {
                charged: f.charged,
                standard: f.standard.clone(),
            }),
            online: item.online,
            visits: item.visits,
            commitment: item.commitment,
            case_type: item.case_type.map(|c| c.key().to_string()),
            parent: item.parent.clone(),
            status: Some(item.status.key().to_string()),
        }
    }

    pub fn is_active(&self) -> bool {
        self.status.as_deref().is_none_or(|s| s == "active")
    }

    /// A sub-item (子项): it names a main item.
    pub fn is_sub_item(&self) -> bool {
        self.parent.as_deref().is_some_and(|p| !p.trim().is_empty())
    }

    /// 即办件: from `case_type` where the record has one, else a promise of
    /// `即办`.
    pub fn is_instant(&self) -> bool {
        match self.case_type.as_deref() {
            Some(case) => matches!(case, "instant" | "即办件" | "即办"),
            None => self.promised() == Some(Limit::Immediate),
        }
    }

    fn promised(&self) -> Option<Limit> {
        self.time_limit
            .as_ref()
            .and_then(|t| t.promised.as_deref())
            .and_then(Limit::parse)
    }

    fn legal(&self) -> Option<Limit> {
        self.time_limit
            .as_ref()
            .and_then(|t| t.legal.as_deref())
            .and_then(Limit::parse)
    }

    /// A guide item with a sample text and a common-error example somewhere
    /// (what the `guide-incomplete` rule asks for).
    fn guide_has_samples(&self) -> bool {
        self.materials.iter().any(|m| m.sample.is_some())
            && self.materials.iter().any(|m| !m.common_errors.is_empty())
    }
}

/// Running totals: every measure is a ratio of two of these. `items`
/// counts main items and `sub_items` the sub-items apart; the per-item
/// measures are over both (each sub-item has its own guide), in `handled`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub items: u64,
    pub sub_items: u64,
    /// Main items and sub-items: what the per-item measures divide by.
    pub handled: u64,
    pub materials: u64,
    pub proofs: u64,
    pub shareable_asked: u64,
    pub steps: u64,
    /// Items with both limits parsed and a statutory limit other than 无.
    pub limited_items: u64,
    /// Σ promised and Σ legal over those items, in fifths of a natural day
    /// (5 working days = 7 natural days: [`Limit::fifths`]).
    pub promised_fifths: u64,
    pub legal_fifths: u64,
    /// Σ promised limits as written, per unit (for the between-rounds view).
    pub promised_working_days: u64,
    pub promised_natural_days: u64,
    pub instant: u64,
    pub online_full: u64,
    pub online_partial: u64,
    /// Σ `visits` over items that state it.
    pub visits: u64,
    pub at_most_one_visit: u64,
    pub zero_visit: u64,
    pub commitment: u64,
    pub guide_items: u64,
    pub guide_with_samples: u64,
    /// Items by kind, in [`ItemKind::VARIANTS`] order.
    pub kinds: [u64; KINDS],
}

pub const KINDS: usize = 11;

impl Totals {
    /// Counts one active item (others are not in the catalog's figures).
    pub fn add(&mut self, record: &Record) {
        if !record.is_active() {
            return;
        }
        if record.is_sub_item() {
            self.sub_items += 1;
        } else {
            self.items += 1;
        }
        self.handled += 1;
        self.materials += record.materials.len() as u64;
        self.proofs += record.materials.iter().filter(|m| m.proof).count() as u64;
        self.shareable_asked += record.materials.iter().filter(|m| m.shared).count() as u64;
        self.steps += record.process.len() as u64;
        self.add_limits(record);
        self.instant += u64::from(record.is_instant());
        self.online_full += u64::from(record.online == Some(Online::Full));
        self.online_partial += u64::from(record.online == Some(Online::Partial));
        if let Some(visits) = record.visits {
            self.visits += u64::from(visits);
            self.at_most_one_visit += u64::from(visits <= 1);
            self.zero_visit += u64::from(visits == 0);
        }
        self.commitment += u64::from(record.commitment == Some(true));
        if record.guide.unwrap_or(true) {
            self.guide_items += 1;
            self.guide_with_samples += u64::from(record.guide_has_samples());
        }
        if let Some(kind) = record.kind {
            let at = ItemKind::VARIANTS.iter().position(|v| v.value == kind);
            self.kinds[at.expect("every kind has a row")] += 1;
        }
    }

    fn add_limits(&mut self, record: &Record) {
        let promised = record.promised();
        match promised {
            Some(Limit::WorkingDays(n)) => self.promised_working_days += u64::from(n),
            Some(Limit::NaturalDays(n)) => self.promised_natural_days += u64::from(n),
            _ => {}
        }
        let both = promised
            .and_then(Limit::fifths)
            .zip(record.legal().and_then(Limit::fifths));
        if let Some((promised, legal)) = both {
            self.limited_items += 1;
            self.promised_fifths += promised;
            self.legal_fifths += legal;
        }
    }

    pub fn merge(&mut self, other: &Totals) {
        let Totals {
            items,
            sub_items,
            handled,
            materials,
            proofs,
            shareable_asked,
            steps,
            limited_items,
            promised_fifths,
            legal_fifths,
            promised_working_days,
            promised_natural_days,
            instant,
            online_full,
            online_partial,
            visits,
            at_most_one_visit,
            zero_visit,
            commitment,
            guide_items,
            guide_with_samples,
            kinds,
        } = other;
        self.items += items;
        self.sub_items += sub_items;
        self.handled += handled;
        self.materials += materials;
        self.proofs += proofs;
        self.shareable_asked += shareable_asked;
        self.steps += steps;
        self.limited_items += limited_items;
        self.promised_fifths += promised_fifths;
        self.legal_fifths += legal_fifths;
        self.promised_working_days += promised_working_days;
        self.promised_natural_days += promised_natural_days;
        self.instant += instant;
        self.online_full += online_full;
        self.online_partial += online_partial;
        self.visits += visits;
        self.at_most_one_visit += at_most_one_visit;
        self.zero_visit += zero_visit;
        self.commitment += commitment;
        self.guide_items += guide_items;
        self.guide_with_samples += guide_with_samples;
        for (mine, theirs) in self.kinds.iter_mut().zip(kinds) {
            *mine += theirs;
        }
    }

    pub fn figures(&self) -> Figures {
        let per_item = |n: u64| ratio(n, self.handled);
        Figures {
            items: self.items,
            sub_items: self.sub_items,
            materials_per_item: per_item(self.materials),
            proofs: per_item(self.proofs),
            shareable_asked: per_item(self.shareable_asked),
            promise_ratio: ratio(self.promised_fifths, self.legal_fifths),
            instant_share: per_item(self.instant),
            online_full_share: per_item(self.online_full),
            online_partial_share: per_item(self.online_partial),
            at_most_one_visit_share: per_item(self.at_most_one_visit),
            zero_visit_share: per_item(self.zero_visit),
            commitment_share: per_item(self.commitment),
            steps_per_item: per_item(self.steps),
            guide_samples_share: ratio(self.guide_with_samples, self.guide_items),
            materials: self.materials,
            visits: self.visits,
            promised_working_days: self.promised_working_days,
            promised_natural_days: self.promised_natural_days,
            online_items: self.online_full + self.online_partial,
            kinds: ItemKind::VARIANTS
                .iter()
                .zip(self.kinds)
                .filter(|(_, n)| *n > 0)
                .map(|(v, n)| (v.key.to_string(), n))
                .collect(),
        }
    }
}

/// `a ÷ b`, or none when there is nothing to divide by.
fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// The measures of one department or catalog. Shares are fractions 0–1;
/// `null` in json where the denominator is zero.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Main items.
    pub items: u64,
    /// Sub-items (子项), counted apart.
    pub sub_items: u64,
    pub materials_per_item: Option<f64>,
    pub proofs: Option<f64>,
    pub shareable_asked: Option<f64>,
    pub promise_ratio: Option<f64>,
    pub instant_share: Option<f64>,
    pub online_full_share: Option<f64>,
    pub online_partial_share: Option<f64>,
    pub at_most_one_visit_share: Option<f64>,
    pub zero_visit_share: Option<f64>,
    pub commitment_share: Option<f64>,
    pub steps_per_item: Option<f64>,
    pub guide_samples_share: Option<f64>,
    /// Totals the between-rounds view subtracts.
    pub materials: u64,
    pub visits: u64,
    pub promised_working_days: u64,
    pub promised_natural_days: u64,
    pub online_items: u64,
    /// Items by kind key (kinds with none left out).
    pub kinds: std::collections::BTreeMap<String, u64>,
}

/// The measures every report shows, in order: json key and whether it is a
/// share (shown as a percentage) or an average.
pub const MEASURES: &[(&str, Scale)] = &[
    ("materials_per_item", Scale::Average),
    ("proofs", Scale::Average),
    ("shareable_asked", Scale::Average),
    ("promise_ratio", Scale::Share),
    ("instant_share", Scale::Share),
    ("online_full_share", Scale::Share),
    ("online_partial_share", Scale::Share),
    ("at_most_one_visit_share", Scale::Share),
    ("zero_visit_share", Scale::Share),
    ("commitment_share", Scale::Share),
    ("steps_per_item", Scale::Average),
    ("guide_samples_share", Scale::Share),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Share,
    Average,
}

impl Figures {
    /// A measure by its json key.
    pub fn get(&self, key: &str) -> Option<f64> {
        match key {
            "materials_per_item" => self.materials_per_item,
            "proofs" => self.proofs,
            "shareable_asked" => self.shareable_asked,
            "promise_ratio" => self.promise_ratio,
            "instant_share" => self.instant_share,
            "online_full_share" => self.online_full_share,
            "online_partial_share" => self.online_partial_share,
            "at_most_one_visit_share" => self.at_most_one_visit_share,
            "zero_visit_share" => self.zero_visit_share,
            "commitment_share" => self.commitment_share,
            "steps_per_item" => self.steps_per_item,
            "guide_samples_share" => self.guide_samples_share,
            _ => None,
        }
    }
}
