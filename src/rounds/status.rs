//! `round status` as data: the round, the deadlines, and per department
//! its items, findings, opinions and export receipts.

use std::collections::BTreeMap;

use crate::finding::Severity;
use crate::model::{Duty, Reviewer, Round};

use super::Snapshot;
use super::fingerprint::fingerprint;
use super::gates::{self, Blocker};
use super::reviews::{ItemIndex, OpinionAt, OpinionState};
use super::routing::Reason;
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
    /// Who reviews what: every office of `catalog.yaml` (in its order),
    /// then the supervising departments that review items.
    pub reviewers: Vec<ReviewerStatus>,
}

/// One reviewer's share of the review: its duties, and each active item
/// routed to it with why.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewerStatus {
    pub reviewer: Reviewer,
    /// The name in Chinese and English.
    pub name: (String, String),
    /// The office's duties (none for a supervising department).
    pub duties: Vec<Duty>,
    pub items: Vec<RoutedItem>,
}

impl ReviewerStatus {
    /// How many of its items each reason routed, in the order of `reasons`.
    pub fn counts(&self) -> Vec<(Reason, usize)> {
        let mut out: Vec<(Reason, usize)> = Vec::new();
        for reason in self.items.iter().flat_map(|i| &i.reasons) {
            match out.iter_mut().find(|(r, _)| r == reason) {
                Some((_, n)) => *n += 1,
                None => out.push((*reason, 1)),
            }
        }
        out.sort_by_key(|(r, _)| *r);
        out
    }
}

/// An item routed to a reviewer, with the reason(s).
#[derive(Debug, Clone, PartialEq)]
pub struct RoutedItem {
    pub file: String,
    pub code: Option<String>,
    pub name: String,
    pub department: String,
    pub reasons: Vec<Reason>,
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
        reviewers: reviewers(snap),
    }
}

/// A supervising department's name (in both languages: names are Chinese).
fn supervisor_name(snap: &Snapshot, id: &str) -> (String, String) {
    let name = snap.catalog.department_name(id);
    (name.to_string(), name.to_string())
}

/// Every office with the active items routed to it, then the supervising
/// departments with theirs (register order).
pub fn reviewers(snap: &Snapshot) -> Vec<ReviewerStatus> {
    let mut out: Vec<ReviewerStatus> = snap
        .catalog
        .config
        .offices()
        .iter()
        .map(|office| ReviewerStatus {
            reviewer: Reviewer::office(&office.id),
            name: office.names(),
            duties: office.duties.clone(),
            items: Vec::new(),
        })
        .collect();
    let mut supervisors: Vec<ReviewerStatus> = Vec::new();
    for loaded in &snap.catalog.items {
        let Some(item) = loaded.item.as_ref().filter(|i| i.is_active()) else {
            continue;
        };
        let routes = gates::routes_of(snap, loaded);
        let mut seen: Vec<&Reviewer> = Vec::new();
        for route in &routes {
            if seen.contains(&&route.reviewer) {
                continue;
            }
            seen.push(&route.reviewer);
            let reasons = routes
                .iter()
                .filter(|r| r.reviewer == route.reviewer)
                .map(|r| r.reason)
                .collect();
            let routed = RoutedItem {
                file: loaded.file.clone(),
                code: item.code.clone(),
                name: item.name.clone(),
                department: item.department.clone(),
                reasons,
            };
            let row = match out.iter_mut().find(|r| r.reviewer == route.reviewer) {
                Some(row) => row,
                None => {
                    if !supervisors.iter().any(|r| r.reviewer == route.reviewer) {
                        supervisors.push(ReviewerStatus {
                            reviewer: route.reviewer.clone(),
                            name: supervisor_name(snap, route.reviewer.id()),
                            duties: Vec::new(),
                            items: Vec::new(),
                        });
                    }
                    supervisors
                        .iter_mut()
                        .find(|r| r.reviewer == route.reviewer)
                        .expect("just added")
                }
            };
            row.items.push(routed);
        }
    }
    let position = |r: &ReviewerStatus| {
        snap.catalog
            .departments
            .iter()
            .position(|d| d.id == r.reviewer.id())
    };
    supervisors.sort_by_key(|r| position(r));
    out.extend(supervisors);
    out
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
