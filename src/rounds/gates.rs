//! The gates (docs/rounds.md): what must hold before a round closes. Each
//! gate returns its blockers as data (item, opinion, department, message);
//! the CLI renders them and refuses with exit 3.

use std::collections::BTreeSet;

use crate::catalog::{Catalog, LoadedItem};
use crate::finding::{Finding, Message, Severity};
use crate::model::record;
use crate::model::{Carried, Decision, Duty, Labelled, Opinion, Receipt, Reviewer, Round};
use crate::rules::{parse_error, register, schema, unknown_department};

use super::Snapshot;
use super::fingerprint::fingerprint;
use super::reviews::{ItemIndex, OpinionAt, OpinionState};
use super::routing::{self, Route};
use crate::diff::{Change, ItemChange};

/// The rules the report-1 gate stands on.
pub const REPORT_1_RULES: [&str; 4] = [
    parse_error::RULE.id,
    schema::RULE.id,
    register::RULE.id,
    unknown_department::RULE.id,
];

/// An item as a blocker names it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemAt {
    pub file: String,
    pub code: Option<String>,
    pub name: Option<String>,
}

/// One reason a gate refuses.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocker {
    pub department: Option<String>,
    pub item: Option<ItemAt>,
    pub opinion: Option<OpinionAt>,
    /// The rule, when a finding blocks.
    pub rule: Option<&'static str>,
    /// Where to fix it: the finding's or the opinion's file and line.
    pub file: Option<String>,
    pub line: Option<u32>,
    pub message: Message,
}

impl Blocker {
    fn new(message: Message) -> Blocker {
        Blocker {
            department: None,
            item: None,
            opinion: None,
            rule: None,
            file: None,
            line: None,
            message,
        }
    }
}

/// The blockers of the gate that closes `round`; `published` names the
/// last publication (the adjust gate compares with it).
pub fn check(round: Round, snap: &Snapshot, published: Option<&str>) -> Vec<Blocker> {
    match round {
        Round::Report1 => report_1(snap),
        Round::Review1 => review_1(snap),
        Round::Report2 => report_2(snap),
        Round::Review2 => review_2(snap),
        Round::Approved => approved(snap),
        Round::Published => Vec::new(),
        Round::Adjust => adjust(snap, published.unwrap_or_default()),
    }
}

/// No `parse-error`, `schema`, `register` or `unknown-department` finding.
fn report_1(snap: &Snapshot) -> Vec<Blocker> {
    snap.findings
        .iter()
        .filter(|f| REPORT_1_RULES.contains(&f.rule))
        .map(|f| from_finding(&snap.catalog, f))
        .collect()
}

/// Every department with items has a feedback workbook export receipt in
/// `reviews/review-1/`, and every opinion addressed to it is in one of its
/// receipts (the workbook carried it: a receipt written before the office
/// imported its opinions does not count for them).
fn review_1(snap: &Snapshot) -> Vec<Blocker> {
    let index = ItemIndex::new(&snap.catalog);
    let mut out = Vec::new();
    for department in departments_with_items(&snap.catalog) {
        let doc = snap.reviews.file_of(Round::Review1, &department);
        let receipts: Vec<&Receipt> = doc
            .map(|d| {
                d.review
                    .receipts
                    .iter()
                    .filter(|r| r.office.is_none())
                    .collect()
            })
            .unwrap_or_default();
        if receipts.is_empty() {
            let file = format!("reviews/{}/{department}.yaml", Round::Review1.key());
            out.push(Blocker {
                department: Some(department),
                file: Some(file),
                ..Blocker::new(Message::new("round.gate.no_receipt"))
            });
            continue;
        }
        let Some(doc) = doc else { continue };
        for (i, opinion) in doc.review.opinions.iter().enumerate() {
            let carried = Carried::of(opinion);
            if receipts.iter().any(|r| r.opinions.contains(&carried)) {
                continue;
            }
            let at = OpinionAt {
                file: doc.file.clone(),
                line: doc.opinion_lines.get(i).copied().unwrap_or(1),
                index: i,
                round: doc.round,
                office: opinion.office.clone(),
                decision: opinion.decision,
            };
            out.push(from_opinion(
                snap,
                &index,
                &department,
                at,
                opinion,
                "round.gate.not_sent",
            ));
        }
    }
    out
}

/// Every opinion of the first review asking for a revision has a response.
fn report_2(snap: &Snapshot) -> Vec<Blocker> {
    let index = ItemIndex::new(&snap.catalog);
    snap.reviews
        .opinions()
        .filter(|(_, at, opinion)| {
            at.round == Round::Review1
                && opinion.decision == Decision::Revise
                && !guidance(snap, &opinion.office)
                && opinion.answer().is_none()
        })
        .map(|(doc, at, opinion)| {
            from_opinion(
                snap,
                &index,
                &doc.department,
                at,
                opinion,
                "round.gate.no_response",
            )
        })
        .collect()
}

/// No error-level finding; no opinion open (neither answered nor resolved).
fn review_2(snap: &Snapshot) -> Vec<Blocker> {
    let index = ItemIndex::new(&snap.catalog);
    let findings = snap
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| from_finding(&snap.catalog, f));
    let open = snap
        .reviews
        .opinions()
        .filter(|(_, _, opinion)| OpinionState::of(opinion) == OpinionState::Open)
        // 国资委's guidance (指导督促) holds no gate.
        .filter(|(_, _, opinion)| !guidance(snap, &opinion.office))
        .map(|(doc, at, opinion)| {
            from_opinion(
                snap,
                &index,
                &doc.department,
                at,
                opinion,
                "round.gate.open",
            )
        });
    let mut out: Vec<Blocker> = findings.chain(open).collect();
    // Seed 000: 以适当方式向社会征求意见 — a record of the consultation, or
    // the public's own opinions.
    let consulted = snap.reviews.records.consultation.is_some()
        || snap
            .reviews
            .opinions()
            .any(|(_, _, o)| holds(snap, &o.office, Duty::Public));
    if !consulted {
        out.push(Blocker {
            file: Some(record::CONSULTATION_FILE.to_string()),
            ..Blocker::new(Message::new("round.gate.no_consultation"))
        });
    }
    out
}

/// The approval on record (`reviews/approved/approval.yaml`), every active
/// item coded, no error-level finding: what is published is what was
/// approved, and every published item has its code.
fn approved(snap: &Snapshot) -> Vec<Blocker> {
    let mut out: Vec<Blocker> = snap
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| from_finding(&snap.catalog, f))
        .collect();
    for (loaded, item) in snap.catalog.records().filter(|(_, i)| i.is_active()) {
        if item.code.as_deref().is_some_and(|c| !c.trim().is_empty()) {
            continue;
        }
        out.push(Blocker {
            department: Some(item.department.clone()),
            item: Some(ItemAt {
                file: loaded.file.clone(),
                code: None,
                name: Some(item.name.clone()),
            }),
            file: Some(loaded.file.clone()),
            ..Blocker::new(Message::new("round.gate.uncoded"))
        });
    }
    if snap.reviews.records.approval.is_none() {
        out.push(Blocker {
            file: Some(record::APPROVAL_FILE.to_string()),
            ..Blocker::new(Message::new("round.gate.no_approval"))
        });
    }
    out
}

/// Every change since the last publication is covered by a passing (or
/// resolved) opinion of a responsible reviewer, in `reviews/adjust/`,
/// written on the item as it is now (fingerprint equal).
fn adjust(snap: &Snapshot, published: &str) -> Vec<Blocker> {
    // A publication without a change would announce nothing.
    if snap.changes.is_empty() {
        return vec![Blocker::new(
            Message::new("round.gate.nothing_changed").arg("tag", published),
        )];
    }
    let index = ItemIndex::new(&snap.catalog);
    snap.changes
        .iter()
        .filter_map(|change| uncovered(snap, &index, change, published))
        .collect()
}

fn uncovered(
    snap: &Snapshot,
    index: &ItemIndex,
    change: &ItemChange,
    published: &str,
) -> Option<Blocker> {
    let department = Some(change.department.clone())
        .filter(|d| !d.is_empty())
        .or_else(|| folder_department(&change.file));
    let item = Some(ItemAt {
        file: change.file.clone(),
        code: change.code.clone(),
        name: Some(change.name.clone()),
    });
    let blocker = |message: Message| Blocker {
        department: department.clone(),
        item: item.clone(),
        file: Some(change.file.clone()),
        ..Blocker::new(message)
    };
    if change.change == Change::Removed {
        return Some(blocker(
            Message::new("round.gate.removed").arg("tag", published),
        ));
    }
    let loaded = snap.catalog.items.iter().find(|l| l.file == change.file)?;
    let routes = routes_of(snap, loaded);
    let now = loaded.item.as_ref().map(fingerprint);
    let on_this_version: Vec<(OpinionAt, &Opinion)> = snap
        .reviews
        .opinions()
        .filter(|(_, at, opinion)| {
            at.round == Round::Adjust
                && routes.iter().any(|r| r.reviewer == opinion.office)
                && now.as_deref() == Some(opinion.fingerprint.as_str())
                && index
                    .find(&opinion.item)
                    .is_some_and(|l| l.file == loaded.file)
        })
        .map(|(_, at, opinion)| (at, opinion))
        .collect();
    if on_this_version
        .iter()
        .any(|(_, o)| OpinionState::of(o) == OpinionState::Resolved)
    {
        return None;
    }
    if let Some((at, opinion)) = on_this_version.into_iter().next() {
        let (zh, en) = reviewer_label(&snap.catalog, &opinion.office);
        let message = Message::new("round.gate.not_passed")
            .localized("office", zh, en)
            .localized("decision", opinion.decision.zh(), opinion.decision.en());
        return Some(Blocker {
            file: Some(at.file.clone()),
            line: Some(at.line),
            opinion: Some(at),
            ..blocker(message)
        });
    }
    let (zh, en) = reviewers_label(&snap.catalog, &routes);
    let (change_zh, change_en) = change_label(change.change);
    let message = Message::new("round.gate.uncovered")
        .arg("tag", published)
        .localized("change", change_zh, change_en)
        .localized("reviewers", zh, en);
    Some(blocker(message))
}

/// The reviewers of a loaded item; an item that does not load goes to 编办.
pub fn routes_of(snap: &Snapshot, loaded: &LoadedItem) -> Vec<Route> {
    let findings = snap.findings_of(&loaded.file);
    match &loaded.item {
        Some(item) => routing::routes(
            item,
            snap.catalog.department(&item.department),
            &findings,
            snap.catalog.config.offices(),
            &snap.catalog.registers,
        ),
        None => snap
            .catalog
            .config
            .offices()
            .iter()
            .filter(|o| o.holds(Duty::AllItems))
            .map(|o| Route {
                reviewer: Reviewer::office(&o.id),
                reason: routing::Reason::Duty(Duty::AllItems),
            })
            .collect(),
    }
}

/// Whether the reviewer is an office all of whose duties are guidance
/// (国资委's 指导督促): its opinions hold no gate.
fn guidance(snap: &Snapshot, reviewer: &Reviewer) -> bool {
    reviewer
        .office_in(snap.catalog.config.offices())
        .is_some_and(|o| o.guidance_only())
}

/// Whether the reviewer is an office holding `duty`.
fn holds(snap: &Snapshot, reviewer: &Reviewer, duty: Duty) -> bool {
    reviewer
        .office_in(snap.catalog.config.offices())
        .is_some_and(|o| o.holds(duty))
}

fn change_label(kind: Change) -> (&'static str, &'static str) {
    match kind {
        Change::Added => ("新增事项", "the item was added"),
        Change::Changed => ("事项有变更", "the item changed"),
        Change::Cancelled => ("事项被取消", "the item was cancelled"),
        Change::Removed => ("事项被删除", "the item was deleted"),
    }
}

/// A reviewer's name: an office's label, or a supervising department's name.
pub fn reviewer_label(catalog: &Catalog, reviewer: &Reviewer) -> (String, String) {
    match reviewer {
        Reviewer::Office(id) => match reviewer.office_in(catalog.config.offices()) {
            Some(office) => office.names(),
            None => (id.clone(), id.clone()),
        },
        Reviewer::Department(id) => {
            let name = catalog
                .department(id)
                .map_or(id.as_str(), |d| d.name.as_str());
            (name.to_string(), format!("supervising department {id}"))
        }
    }
}

fn reviewers_label(catalog: &Catalog, routes: &[Route]) -> (String, String) {
    let labels: Vec<(String, String)> = routes
        .iter()
        .map(|r| reviewer_label(catalog, &r.reviewer))
        .collect();
    let zh: Vec<&str> = labels.iter().map(|(zh, _)| zh.as_str()).collect();
    let en: Vec<&str> = labels.iter().map(|(_, en)| en.as_str()).collect();
    (zh.join("或"), en.join(" or "))
}

/// `items/<department>/…` or `reviews/<round>/<department>.yaml` → the department.
pub fn folder_department(file: &str) -> Option<String> {
    let parts: Vec<&str> = file.split('/').collect();
    match parts.as_slice() {
        ["items", department, _, ..] => Some(department.to_string()),
        ["reviews", _, name] => name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .map(str::to_string),
        _ => None,
    }
}

/// The department of a finding: its item's, or its file's folder.
pub fn finding_department(finding: &Finding) -> Option<String> {
    finding
        .item
        .as_ref()
        .and_then(|i| i.department.clone())
        .or_else(|| finding.file.as_deref().and_then(folder_department))
}

fn from_finding(catalog: &Catalog, finding: &Finding) -> Blocker {
    let file = finding.file.clone();
    let item = file
        .as_deref()
        .filter(|f| f.starts_with("items/"))
        .map(|f| {
            let reference = finding.item.clone().unwrap_or_default();
            ItemAt {
                file: f.to_string(),
                code: reference.code,
                name: reference.name,
            }
        });
    let department =
        finding_department(finding).filter(|d| catalog.department(d).is_some() || item.is_some());
    Blocker {
        department,
        item,
        rule: Some(finding.rule),
        file,
        line: finding.location.map(|l| l.line()),
        ..Blocker::new(finding.message.clone())
    }
}

fn from_opinion(
    snap: &Snapshot,
    index: &ItemIndex,
    department: &str,
    at: OpinionAt,
    opinion: &Opinion,
    key: &'static str,
) -> Blocker {
    let item = match index.find(&opinion.item) {
        Some(l) => ItemAt {
            file: l.file.clone(),
            code: l.item_ref.code.clone(),
            name: l.item_ref.name.clone(),
        },
        None => ItemAt {
            file: opinion.item.clone(),
            code: None,
            name: None,
        },
    };
    let (zh, en) = reviewer_label(&snap.catalog, &opinion.office);
    let message = Message::new(key).localized("office", zh, en).localized(
        "decision",
        opinion.decision.zh(),
        opinion.decision.en(),
    );
    Blocker {
        department: Some(department.to_string()),
        item: Some(item),
        file: Some(at.file.clone()),
        line: Some(at.line),
        opinion: Some(at),
        ..Blocker::new(message)
    }
}

/// Departments with at least one item file that is not a cancelled item.
pub fn departments_with_items(catalog: &Catalog) -> BTreeSet<String> {
    catalog
        .items
        .iter()
        .filter(|l| l.item.as_ref().is_none_or(|i| i.is_active()))
        .filter_map(|l| folder_department(&l.file))
        .collect()
}
