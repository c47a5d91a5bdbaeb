//! What a review workbook holds, as data: a department's feedback workbook
//! holds its items with their findings and every opinion of the round on
//! them; an office's workbook holds every item routed to it (or that it
//! gave an opinion on) across departments, with its own opinions.

use std::collections::HashSet;

use crate::catalog::LoadedItem;
use crate::diff::ItemChange;
use crate::finding::Finding;
use crate::model::{Duty, Item, Opinion, Reviewer, Round};
use crate::rounds::Snapshot;
use crate::rounds::fingerprint::fingerprint;
use crate::rounds::gates::routes_of;
use crate::rounds::reviews::ItemIndex;
use crate::rounds::routing::{Reason, Route};

/// Whom a workbook is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// A department's feedback workbook (the one the review-1 gate asks for).
    Department(String),
    /// An office's (or supervising department's) workbook.
    Reviewer(Reviewer),
}

/// One item of a workbook.
#[derive(Debug)]
pub struct Entry<'a> {
    pub loaded: &'a LoadedItem,
    pub item: &'a Item,
    pub fingerprint: String,
    /// Who reviews it and why.
    pub routes: Vec<Route>,
    pub findings: Vec<&'a Finding>,
    /// Opinions of the round on the item, with their index in the
    /// department's review file: all of them for the department, the
    /// reviewer's own for a reviewer.
    pub opinions: Vec<(usize, &'a Opinion)>,
    /// In the adjust round: what changed since the last publication.
    pub change: Option<&'a ItemChange>,
}

impl Entry<'_> {
    /// Why `reviewer` reviews the item (empty: it is not routed there).
    pub fn reasons_of(&self, reviewer: &Reviewer) -> Vec<Reason> {
        self.routes
            .iter()
            .filter(|r| r.reviewer == *reviewer)
            .map(|r| r.reason)
            .collect()
    }
}

#[derive(Debug)]
pub struct Selection<'a> {
    pub audience: Audience,
    pub round: Round,
    pub entries: Vec<Entry<'a>>,
}

impl Selection<'_> {
    /// The departments whose items the workbook holds, each with its count.
    pub fn departments(&self) -> Vec<(String, u32)> {
        let mut out: Vec<(String, u32)> = Vec::new();
        for entry in &self.entries {
            match out.iter_mut().find(|(d, _)| *d == entry.item.department) {
                Some((_, n)) => *n += 1,
                None => out.push((entry.item.department.clone(), 1)),
            }
        }
        out
    }
}

/// The items a review of `round` looks at: records that loaded, active
/// ones; in the adjust round, the items changed since the last publication
/// (`Snapshot::changes`, a cancellation included) and no other.
fn reviewed(snap: &Snapshot, round: Round) -> impl Iterator<Item = (&LoadedItem, &Item)> {
    let changed: HashSet<&str> = snap.changes.iter().map(|c| c.file.as_str()).collect();
    snap.catalog
        .records()
        .filter(move |(loaded, item)| match round {
            Round::Adjust => changed.contains(loaded.file.as_str()),
            _ => item.is_active(),
        })
}

/// Departments with items under review, in register order.
pub fn departments(snap: &Snapshot, round: Round) -> Vec<String> {
    let with_items: Vec<&str> = reviewed(snap, round)
        .map(|(_, item)| item.department.as_str())
        .collect();
    snap.catalog
        .departments
        .iter()
        .map(|d| d.id.clone())
        .filter(|id| with_items.contains(&id.as_str()))
        .collect()
}

/// A department's feedback workbook.
pub fn for_department<'a>(snap: &'a Snapshot, round: Round, department: &str) -> Selection<'a> {
    let index = ItemIndex::new(&snap.catalog);
    let entries = reviewed(snap, round)
        .filter(|(_, item)| item.department == department)
        .map(|(loaded, item)| entry(snap, &index, round, (loaded, item), |_| true))
        .collect();
    Selection {
        audience: Audience::Department(department.to_string()),
        round,
        entries,
    }
}

/// A reviewer's workbook: every item routed to it, and every item it gave
/// an opinion on in the round; for the public (consultation), every item.
pub fn for_reviewer<'a>(snap: &'a Snapshot, round: Round, reviewer: &Reviewer) -> Selection<'a> {
    let index = ItemIndex::new(&snap.catalog);
    let mut entries = Vec::new();
    for (loaded, item) in reviewed(snap, round) {
        let entry = entry(snap, &index, round, (loaded, item), |o| {
            o.office == *reviewer
        });
        let consulted = reviewer
            .office_in(snap.catalog.config.offices())
            .is_some_and(|o| o.holds(Duty::Public));
        if consulted || !entry.reasons_of(reviewer).is_empty() || !entry.opinions.is_empty() {
            entries.push(entry);
        }
    }
    Selection {
        audience: Audience::Reviewer(reviewer.clone()),
        round,
        entries,
    }
}

/// One item with its findings and the opinions `keep` keeps.
fn entry<'a>(
    snap: &'a Snapshot,
    index: &ItemIndex,
    round: Round,
    (loaded, item): (&'a LoadedItem, &'a Item),
    keep: impl Fn(&Opinion) -> bool,
) -> Entry<'a> {
    let findings = snap.findings_of(&loaded.file);
    let opinions = snap
        .reviews
        .file_of(round, &item.department)
        .map(|doc| {
            doc.review
                .opinions
                .iter()
                .enumerate()
                .filter(|(_, o)| {
                    keep(o) && index.find(&o.item).is_some_and(|l| l.file == loaded.file)
                })
                .collect()
        })
        .unwrap_or_default();
    let change = (round == Round::Adjust)
        .then(|| snap.changes.iter().find(|c| c.file == loaded.file))
        .flatten();
    Entry {
        loaded,
        item,
        fingerprint: fingerprint(item),
        routes: routes_of(snap, loaded),
        findings,
        opinions,
        change,
    }
}
