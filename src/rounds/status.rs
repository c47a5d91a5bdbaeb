//! `round status` as data: the round, the deadlines, and per department
//! its items, findings, opinions and export receipts.

use std::collections::BTreeMap;

use crate::finding::Severity;
use crate::model::Round;

use super::Snapshot;
use super::fingerprint::fingerprint;
use super::gates::{self, Blocker};
use super::reviews::{ItemIndex, OpinionAt, OpinionState};
use super::tags::RoundState;

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub round: Round,
    /// The tag that opened the round.
    pub tag: Option<String>,
    pub deadlines: Vec<Deadline>,
    pub departments: Vec<DepartmentStatus>,
    /// Findings of no department (the register, catalog.yaml…).
    pub other_errors: usize,
    pub other_warnings: usize,
    /// What the gate of the current round would refuse on now.
    pub blockers: Vec<Blocker>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub round: Round,
    pub date: String,
    pub current: bool,
    /// The date has passed (CST) and the round is not closed.
    pub overdue: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DepartmentStatus {
    pub id: String,
    pub name: String,
    /// Active items.
    pub items: usize,
    pub errors: usize,
    pub warnings: usize,
    pub open: usize,
    pub answered: usize,
    pub resolved: usize,
    /// Answered opinions whose item has not changed since (fingerprint equal).
    pub unchanged: Vec<OpinionAt>,
    pub receipts: usize,
}

/// The status of `snap` in `state`, with `today` (YYYY-MM-DD, CST) for deadlines.
pub fn status(state: &RoundState, snap: &Snapshot, today: &str) -> Status {
    let mut rows: BTreeMap<String, DepartmentStatus> = snap
        .catalog
        .departments
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                DepartmentStatus {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    ..DepartmentStatus::default()
                },
            )
        })
        .collect();
    for (_, item) in snap.catalog.records().filter(|(_, i)| i.is_active()) {
        if let Some(row) = rows.get_mut(&item.department) {
            row.items += 1;
        }
    }
    let (mut other_errors, mut other_warnings) = (0, 0);
    for finding in &snap.findings {
        let row = gates::finding_department(finding).and_then(|d| rows.get_mut(&d));
        let (errors, warnings) = match row {
            Some(row) => (&mut row.errors, &mut row.warnings),
            None => (&mut other_errors, &mut other_warnings),
        };
        match finding.severity {
            Severity::Error => *errors += 1,
            Severity::Warning => *warnings += 1,
        }
    }
    count_opinions(snap, &mut rows);
    for doc in &snap.reviews.docs {
        if let Some(row) = rows.get_mut(&doc.department) {
            row.receipts += doc.review.receipts.len();
        }
    }
    let published = state.last_published.as_ref().map(|t| t.name());
    Status {
        round: state.round,
        tag: state.last.as_ref().map(|t| t.name()),
        deadlines: deadlines(snap, state.round, today),
        departments: rows.into_values().collect(),
        other_errors,
        other_warnings,
        blockers: gates::check(state.round, snap, published.as_deref()),
    }
}

fn count_opinions(snap: &Snapshot, rows: &mut BTreeMap<String, DepartmentStatus>) {
    let index = ItemIndex::new(&snap.catalog);
    for (doc, at, opinion) in snap.reviews.opinions() {
        let Some(row) = rows.get_mut(&doc.department) else {
            continue;
        };
        match OpinionState::of(opinion) {
            OpinionState::Open => row.open += 1,
            OpinionState::Resolved => row.resolved += 1,
            OpinionState::Answered => {
                row.answered += 1;
                let now = index
                    .find(&opinion.item)
                    .and_then(|l| l.item.as_ref())
                    .map(fingerprint);
                if now.as_deref() == Some(opinion.fingerprint.as_str()) {
                    row.unchanged.push(at);
                }
            }
        }
    }
}

fn deadlines(snap: &Snapshot, current: Round, today: &str) -> Vec<Deadline> {
    snap.catalog
        .config
        .deadlines
        .iter()
        .map(|(round, date)| Deadline {
            round: *round,
            date: date.0.clone(),
            current: *round == current,
            // Dates are YYYY-MM-DD: text order is date order.
            overdue: *round >= current && date.0.as_str() < today,
        })
        .collect()
}
