//! Review files, `reviews/<round>/<department>.yaml`: the offices'
//! opinions, the departments' responses and export receipts. They load
//! through the same parse and schema checks as every catalog file; a file
//! in the wrong place, an opinion naming no item or an unknown reviewer is
//! a `schema` finding naming the file and line.

use std::collections::HashMap;

use super::schema::{self, FileKind};
use super::{Catalog, LoadedItem, parse_error, read_document};
use crate::finding::{Finding, ItemRef, Message};
use crate::model::record;
use crate::model::{
    Approval, Consultation, Decision, Labelled, Office, Opinion, Publication, ReviewFile, Reviewer,
    Round,
};
use crate::source::{Entry, EntryKind, ReadProblem, Source};
use crate::yaml::{Span, parse_path};

pub const FOLDER: &str = "reviews";

/// One review file that loaded.
#[derive(Debug, Clone)]
pub struct ReviewDoc {
    /// `reviews/<round>/<department>.yaml`.
    pub file: String,
    pub round: Round,
    pub department: String,
    pub review: ReviewFile,
    /// The 1-based line of each opinion.
    pub opinion_lines: Vec<u32>,
    /// Opinions naming no item or an unknown reviewer (the file loads anyway).
    pub problems: Vec<Finding>,
}

/// Every review file of a catalog that loaded.
#[derive(Debug, Clone, Default)]
pub struct Reviews {
    pub docs: Vec<ReviewDoc>,
    /// The round records (consultation, approval, publication) that loaded.
    pub records: Records,
}

/// The round records kept beside the review files (`model::record`).
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub consultation: Option<Consultation>,
    pub approval: Option<Approval>,
    pub publication: Option<Publication>,
}

/// An opinion as a blocker or a status line points at it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpinionAt {
    pub file: String,
    pub line: u32,
    /// Its index in the file's `opinions`.
    pub index: usize,
    pub round: Round,
    pub office: Reviewer,
    pub decision: Decision,
}

/// Where an opinion stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpinionState {
    /// Neither answered nor resolved.
    Open,
    /// The department responded; the office has not closed it.
    Answered,
    /// The office closed it, or it asked for nothing (`decision: pass`).
    Resolved,
}

impl OpinionState {
    pub fn of(opinion: &Opinion) -> OpinionState {
        if opinion.resolved || opinion.decision == Decision::Pass {
            OpinionState::Resolved
        } else if opinion.answer().is_some() {
            OpinionState::Answered
        } else {
            OpinionState::Open
        }
    }
}

impl Reviews {
    /// Every opinion with its file, in file order.
    pub fn opinions(&self) -> impl Iterator<Item = (&ReviewDoc, OpinionAt, &Opinion)> {
        self.docs.iter().flat_map(|doc| {
            doc.review
                .opinions
                .iter()
                .enumerate()
                .map(move |(index, opinion)| {
                    let at = OpinionAt {
                        file: doc.file.clone(),
                        line: doc.opinion_lines.get(index).copied().unwrap_or(1),
                        index,
                        round: doc.round,
                        office: opinion.office.clone(),
                        decision: opinion.decision,
                    };
                    (doc, at, opinion)
                })
        })
    }

    /// The review file of `department` in `round`, when there is one.
    pub fn file_of(&self, round: Round, department: &str) -> Option<&ReviewDoc> {
        self.docs
            .iter()
            .find(|d| d.round == round && d.department == department)
    }
}

/// Finds the item an opinion names: by code first, then by file.
pub struct ItemIndex<'a> {
    items: &'a [LoadedItem],
    by_code: HashMap<&'a str, usize>,
    by_file: HashMap<&'a str, usize>,
}

impl<'a> ItemIndex<'a> {
    pub fn new(catalog: &'a Catalog) -> ItemIndex<'a> {
        let mut by_code = HashMap::new();
        let mut by_file = HashMap::new();
        for (i, loaded) in catalog.items.iter().enumerate() {
            if let Some(code) = loaded.item_ref.code.as_deref() {
                by_code.entry(code).or_insert(i);
            }
            by_file.insert(loaded.file.as_str(), i);
        }
        ItemIndex {
            items: &catalog.items,
            by_code,
            by_file,
        }
    }

    pub fn find(&self, reference: &str) -> Option<&'a LoadedItem> {
        let reference = reference.trim();
        let file = reference.strip_prefix("./").unwrap_or(reference);
        self.by_code
            .get(reference)
            .or_else(|| self.by_file.get(file))
            .map(|i| &self.items[*i])
    }
}

/// Loads every review file; the findings say what is wrong with them.
pub fn load(source: &dyn Source, catalog: &Catalog) -> (Reviews, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut reviews = Reviews::default();
    let entries = match source.review_entries() {
        Ok(entries) => entries,
        Err(e) => {
            return (
                reviews,
                vec![parse_error::unreadable(FOLDER, &ReadProblem::Io(e))],
            );
        }
    };
    let index = ItemIndex::new(catalog);
    for entry in entries {
        if record::is_record(&entry.path) {
            if let Err(mut problems) = load_record(source, &entry, &mut reviews.records) {
                findings.append(&mut problems);
            }
            continue;
        }
        match load_entry(source, catalog, &index, &entry) {
            Ok(Some(mut doc)) => {
                findings.append(&mut doc.problems);
                reviews.docs.push(doc);
            }
            Ok(None) => {}
            Err(problems) => findings.extend(problems),
        }
    }
    (reviews, findings)
}

/// The review file of `department` in `round` as it is now: `None` when
/// there is none, the findings when it does not load cleanly (a writer
/// must not build on it then).
pub fn read_file(
    source: &dyn Source,
    catalog: &Catalog,
    round: Round,
    department: &str,
) -> Result<Option<ReviewDoc>, Vec<Finding>> {
    let entry = Entry {
        path: path_of(round, department),
        kind: EntryKind::File,
    };
    let doc = load_entry(source, catalog, &ItemIndex::new(catalog), &entry)?;
    match doc {
        Some(doc) if doc.problems.is_empty() => Ok(Some(doc)),
        Some(mut doc) => Err(std::mem::take(&mut doc.problems)),
        None => Ok(None),
    }
}

/// The document of a review folder entry: `None` when it is not there,
/// the finding when it is not a readable file.
fn read_entry(
    source: &dyn Source,
    entry: &Entry,
) -> Result<Option<crate::yaml::Document>, Vec<Finding>> {
    if entry.kind != EntryKind::File {
        let problem = match entry.kind {
            EntryKind::Directory => ReadProblem::NotAFile,
            EntryKind::OutsideLink => ReadProblem::OutsideCatalog,
            EntryKind::UnreadableFolder => ReadProblem::UnreadableFolder,
            EntryKind::BadName => ReadProblem::BadName,
            _ => ReadProblem::DanglingLink,
        };
        return Err(vec![parse_error::unreadable(&entry.path, &problem)]);
    }
    read_document(source, &entry.path).map_err(|f| vec![f])
}

/// A round record: read through its schema into `records`.
fn load_record(
    source: &dyn Source,
    entry: &Entry,
    records: &mut Records,
) -> Result<(), Vec<Finding>> {
    let Some(doc) = read_entry(source, entry)? else {
        return Ok(());
    };
    fn typed<T: serde::de::DeserializeOwned>(
        kind: FileKind,
        file: &str,
        doc: &crate::yaml::Document,
    ) -> Result<T, Vec<Finding>> {
        let problems = schema::check(kind, file, doc, None);
        if !problems.is_empty() {
            return Err(problems);
        }
        serde_json::from_value(doc.value.clone())
            .map_err(|e| vec![schema::not_a_record(file, doc, e.to_string(), None)])
    }
    let file = entry.path.as_str();
    match file {
        record::CONSULTATION_FILE => {
            records.consultation = Some(typed(FileKind::Consultation, file, &doc)?)
        }
        record::APPROVAL_FILE => records.approval = Some(typed(FileKind::Approval, file, &doc)?),
        _ => records.publication = Some(typed(FileKind::Publication, file, &doc)?),
    }
    Ok(())
}

/// `reviews/<round>/<department>.yaml`.
pub fn path_of(round: Round, department: &str) -> String {
    format!("{FOLDER}/{}/{department}.yaml", round.key())
}

/// One review file: the document, or the findings that kept it out.
/// `Ok(None)` for a file that is not there.
fn load_entry(
    source: &dyn Source,
    catalog: &Catalog,
    index: &ItemIndex,
    entry: &Entry,
) -> Result<Option<ReviewDoc>, Vec<Finding>> {
    let Some((round, department)) = place(catalog, &entry.path) else {
        return Err(vec![
            Finding::new(&schema::RULE, Message::new("review.misplaced"))
                .in_file(entry.path.as_str()),
        ]);
    };
    let Some(doc) = read_entry(source, entry)? else {
        return Ok(None);
    };
    let owner = ItemRef {
        department: Some(department.clone()),
        ..ItemRef::default()
    };
    let problems = schema::check(FileKind::Review, &entry.path, &doc, Some(&owner));
    if !problems.is_empty() {
        return Err(problems);
    }
    let review: ReviewFile = serde_json::from_value(doc.value.clone()).map_err(|e| {
        vec![schema::not_a_record(
            &entry.path,
            &doc,
            e.to_string(),
            Some(&owner),
        )]
    })?;
    let review = resolve_reviewers(review, catalog.config.offices());
    let at = |path: &str| doc.spans.locate(&parse_path(path));
    let problems = check_opinions(&entry.path, &review, catalog, index, &owner, &at);
    let opinion_lines = (0..review.opinions.len())
        .map(|i| at(&format!("opinions[{i}]")).start.line)
        .collect();
    Ok(Some(ReviewDoc {
        file: entry.path.clone(),
        round,
        department,
        review,
        opinion_lines,
        problems,
    }))
}

/// `reviews/<round>/<department>.yaml` → the round and the department,
/// when both are known.
fn place(catalog: &Catalog, path: &str) -> Option<(Round, String)> {
    let rest = path.strip_prefix(FOLDER)?.strip_prefix('/')?;
    let (round, file) = rest.split_once('/')?;
    let department = file
        .strip_suffix(".yaml")
        .or_else(|| file.strip_suffix(".yml"))?;
    let round = Round::VARIANTS.iter().find(|v| v.key == round)?.value;
    catalog.department(department)?;
    Some((round, department.to_string()))
}

/// Each opinion must name an item of the catalog and a known reviewer.
fn check_opinions(
    file: &str,
    review: &ReviewFile,
    catalog: &Catalog,
    index: &ItemIndex,
    owner: &ItemRef,
    at: &dyn Fn(&str) -> Span,
) -> Vec<Finding> {
    let offices = catalog.config.offices();
    let mut out = Vec::new();
    let mut report = |path: String, message: Message| {
        out.push(
            Finding::new(&schema::RULE, message)
                .in_file(file)
                .at(path.clone(), Some(at(&path)))
                .for_item(Some(owner.clone())),
        );
    };
    for (i, opinion) in review.opinions.iter().enumerate() {
        if index.find(&opinion.item).is_none() {
            report(
                format!("opinions[{i}].item"),
                Message::new("review.unknown_item").arg("item", opinion.item.as_str()),
            );
        }
        let known = match &opinion.office {
            Reviewer::Office(_) => opinion.office.office_in(offices).is_some(),
            Reviewer::Department(id) => catalog.department(id).is_some(),
        };
        if !known {
            let (zh, en) = office_listing(offices);
            let message = Message::new("review.unknown_office")
                .arg("office", opinion.office.id())
                .localized("allowed", zh, en);
            report(format!("opinions[{i}].office"), message);
        }
    }
    out
}

/// The reviewers of a review file as the catalog's offices name them
/// (`Reviewer::resolve`): a file written before `catalog.yaml` listed its
/// offices, naming 法制办 or `fazhi`, names the office now holding that id
/// or name.
pub fn resolve_reviewers(mut review: ReviewFile, offices: &[Office]) -> ReviewFile {
    for opinion in &mut review.opinions {
        opinion.office = opinion.office.resolve(offices);
    }
    for receipt in &mut review.receipts {
        if let Some(office) = &mut receipt.office {
            *office = office.resolve(offices);
        }
        for carried in &mut receipt.opinions {
            carried.office = carried.office.resolve(offices);
        }
    }
    review
}

/// The catalog's offices for a message: `编办 (bianban)、…`, `bianban, …`.
pub fn office_listing(offices: &[Office]) -> (String, String) {
    let zh: Vec<String> = offices
        .iter()
        .map(|o| format!("{}（{}）", o.name, o.id))
        .collect();
    let en: Vec<&str> = offices.iter().map(|o| o.id.as_str()).collect();
    (zh.join("、"), en.join(", "))
}
