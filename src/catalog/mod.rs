//! Loading a catalog: a source (folder or git revision) becomes records plus
//! findings. One bad item file never stops the others; only an unusable
//! `catalog.yaml` or `departments.yaml` stops the load (exit 2).

use std::collections::HashMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub mod parse_error;
pub mod registers;
pub mod reviews;
pub mod schema;

use crate::coding_rule::{self as coding, Ledger};
use crate::finding::{Finding, ItemRef, Message};
use crate::history::History;
use crate::model::{
    Agency, CatalogConfig, Department, Duty, Intermediary, Item, Labelled, ReferenceItem, Reviewer,
    SeveritySetting,
};
use crate::parallel;
use crate::source::{EntryKind, ReadProblem, Source};
use crate::yaml::{self, Document, PathSeg, SpanNode};
pub use registers::Registers;
use schema::FileKind;

pub const CONFIG_FILE: &str = "catalog.yaml";
pub const DEPARTMENTS_FILE: &str = "departments.yaml";
pub const REFERENCE_FILE: &str = "reference.yaml";
/// 承揽机构名录.
pub const AGENCIES_FILE: &str = "registers/agencies.yaml";
/// The folder of 中介服务事项, one file per service.
pub const INTERMEDIARIES_DIR: &str = "intermediaries";

/// The rules `catalog.yaml` may name, and whether each can be silenced.
/// The rules live above loading; a test in `rules` keeps this list equal to
/// `rules::all()`.
pub const RULE_NAMES: &[(&str, bool)] = &[
    ("parse-error", false),
    ("schema", false),
    ("register", false),
    ("unknown-department", false),
    ("parent-item", false),
    ("missing-element", true),
    ("guide-incomplete", true),
    ("vague-wording", true),
    ("proof-without-basis", true),
    ("shared-material-required", true),
    ("material-name", true),
    ("government-material", true),
    ("banned-proof", true),
    ("proof-basis-level", true),
    ("proof-not-retained", true),
    ("time-limit", true),
    ("fee-without-basis", true),
    ("fee-not-in-catalog", true),
    ("fee-mismatch", true),
    ("consistency", true),
    ("duplicate-name", true),
    ("similar-name", true),
    ("out-of-scope", true),
    ("legal-basis-format", true),
    ("legal-basis-unknown", true),
    ("legal-basis-repealed", true),
    ("contact-format", true),
    ("visits", true),
    ("ignore-without-reason", true),
    ("code-format", true),
    ("duplicate-code", true),
    ("ledger", true),
    ("reference-mismatch", true),
    ("reference-uncovered", true),
    ("intermediary-basis", true),
    ("intermediary-link", true),
    ("intermediary-agency", true),
    ("agency-register", true),
    ("intermediary-department", true),
];

/// Top-level keys whose spans a loaded item keeps for cross-item findings.
pub const KEPT_SPANS: &[&str] = &[
    "name",
    "parent",
    "code",
    "reference_code",
    "department",
    "kind",
    "status",
    "intermediaries",
];

/// One item file as loaded.
#[derive(Debug, Clone)]
pub struct LoadedItem {
    /// Relative to the catalog root: `items/<department>/<name>.yaml`.
    pub file: String,
    /// The record, when the file parsed and passed the schema.
    pub item: Option<Item>,
    /// Where the identifying values are (the keys of [`KEPT_SPANS`]), when
    /// the file parsed. Per-item rules see the whole tree in [`ItemView`].
    pub spans: Option<SpanNode>,
    /// Code, name and department as far as they could be read.
    pub item_ref: ItemRef,
    /// A digest of the text as read, so that a later edit (`qingdan code`)
    /// can tell the file is unchanged and trust the kept spans.
    pub digest: u64,
}

#[derive(Debug, Clone)]
pub struct Catalog {
    pub label: String,
    pub config: CatalogConfig,
    pub departments: Vec<Department>,
    /// For each department, its row in `departments.yaml` (0-based).
    pub department_rows: Vec<usize>,
    pub departments_spans: Option<SpanNode>,
    pub reference: Vec<ReferenceItem>,
    pub reference_rows: Vec<usize>,
    pub reference_spans: Option<SpanNode>,
    pub items: Vec<LoadedItem>,
    /// 中介服务事项 that loaded (`intermediaries/<id>.yaml`), by file name.
    pub intermediaries: Vec<LoadedIntermediary>,
    /// 承揽机构名录 (`registers/agencies.yaml`); empty when absent.
    pub agencies: Vec<Agency>,
    /// For each agency, its row in the file (0-based).
    pub agency_rows: Vec<usize>,
    pub agencies_spans: Option<SpanNode>,
    /// The coding rule of `catalog.yaml`, parsed.
    pub coding: coding::Rules,
    /// `codes.ledger`; empty when the file is absent.
    pub ledger: Ledger,
    /// The registers of `registers/` (materials, laws, proofs, fees).
    pub registers: Registers,
    /// What the history checks need from git; nothing until
    /// [`History::load`] is run and stored here (validate does).
    pub history: History,
    department_index: HashMap<String, usize>,
}

impl LoadedItem {
    /// Whether a reference to an item (an intermediary service's
    /// `required_by` entry) names this file: its code, its file, or its
    /// file without the leading `items/`.
    pub fn answers_to(&self, entry: &str) -> bool {
        let entry = entry.trim();
        self.item_ref.code.as_deref() == Some(entry)
            || self.file == entry
            || self.file.strip_prefix("items/") == Some(entry)
    }
}

/// One intermediary service file that parsed and passed the schema.
#[derive(Debug, Clone)]
pub struct LoadedIntermediary {
    /// The file stem: how items and agencies name the service.
    pub id: String,
    /// `intermediaries/<id>.yaml`.
    pub file: String,
    pub record: Intermediary,
    pub spans: SpanNode,
}

/// A catalog could not be loaded at all; the findings say why.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub findings: Vec<Finding>,
}

impl Catalog {
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.department_index.get(id).map(|i| &self.departments[*i])
    }

    /// A department's register name, or `id` itself when the register
    /// lacks it (a message still names something).
    pub fn department_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.department(id).map_or(id, |d| d.name.as_str())
    }

    /// The reviewer `text` names: one of the catalog's offices (by id or
    /// name, or a default office's older id or name), or a department of
    /// the register (a supervisor); `None` when it is neither.
    pub fn reviewer(&self, text: &str) -> Option<Reviewer> {
        let offices = self.config.offices();
        let reviewer = Reviewer::parse_in(text, offices);
        let known = match &reviewer {
            Reviewer::Office(_) => reviewer.office_in(offices).is_some(),
            Reviewer::Department(id) => self.department(id).is_some(),
        };
        known.then_some(reviewer)
    }

    pub fn intermediary(&self, id: &str) -> Option<&LoadedIntermediary> {
        self.intermediaries.iter().find(|s| s.id == id)
    }

    /// Item records that loaded, with their files.
    pub fn records(&self) -> impl Iterator<Item = (&LoadedItem, &Item)> {
        self.items
            .iter()
            .filter_map(|l| l.item.as_ref().map(|i| (l, i)))
    }

    /// The item a sub-item's `parent` names: its code, or its file (as
    /// `items/<department>/<name>.yaml`, or relative to `items/` or to the
    /// sub-item's department folder). A code wins over a file.
    pub fn parent_of(&self, item: &Item) -> Option<&LoadedItem> {
        let parent = item.parent.as_deref()?.trim();
        if parent.is_empty() {
            return None;
        }
        let by_code = self
            .items
            .iter()
            .find(|l| l.item_ref.code.as_deref() == Some(parent));
        by_code.or_else(|| {
            let file = parent.replace('\\', "/");
            let candidates = [
                file.clone(),
                format!("items/{file}"),
                format!("items/{}/{file}", item.department),
            ];
            self.items.iter().find(|l| candidates.contains(&l.file))
        })
    }

    /// Loads everything; the findings are those of loading (parse and schema).
    pub fn load(source: &dyn Source) -> Result<(Catalog, Vec<Finding>), LoadError> {
        Catalog::load_with(source, |_, _| Vec::new())
    }

    /// Loads everything, calling `per_item` on each item file that parsed
    /// while its text is at hand (rules that look inside one item's text run
    /// there, so the catalog need not keep every file's text).
    pub fn load_with(
        source: &dyn Source,
        per_item: impl Fn(&Catalog, &ItemView) -> Vec<Finding> + Sync,
    ) -> Result<(Catalog, Vec<Finding>), LoadError> {
        let mut findings = Vec::new();
        let (config, coding) = load_config(source)?;
        let (departments, department_rows, departments_spans) =
            load_departments(source, &mut findings)?;
        findings.extend(offices_named_as_departments(
            source,
            &config,
            &departments,
            &department_rows,
            departments_spans.as_ref(),
        ));
        let (reference, reference_rows, reference_spans) = load_reference(source, &mut findings);
        let ledger = load_ledger(source, &mut findings);
        let registers = Registers::load(source, &mut findings);
        let intermediaries = load_intermediaries(source, &mut findings);
        let (agencies, agency_rows, agencies_spans) = load_agencies(source, &mut findings);
        let entries = source.item_entries().map_err(|e| LoadError {
            findings: vec![parse_error::unreadable("items", &ReadProblem::Io(e))],
        })?;
        let department_index = departments
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let mut catalog = Catalog {
            label: source.label(),
            config,
            departments,
            department_rows,
            departments_spans,
            reference,
            reference_rows,
            reference_spans,
            items: Vec::with_capacity(entries.len()),
            intermediaries,
            agencies,
            agency_rows,
            agencies_spans,
            coding,
            ledger,
            registers,
            history: History::default(),
            department_index,
        };
        let threads = parallel::threads();
        for batch in entries.chunks(LOAD_BATCH) {
            // Parsing and checking are the work, and each file is its own.
            let catalog_ref = &catalog;
            let check = |view: &ItemView| per_item(catalog_ref, view);
            let results = match source.shared() {
                // Every thread reads its own files.
                Some(shared) => parallel::map(batch, threads, |entry| {
                    load_item(&entry.path, &read_entry(shared, entry), &check)
                }),
                // Files are read here, one after another (a git repository
                // handle is not shareable between threads).
                None => {
                    let texts: Vec<(&str, Result<String, ReadProblem>)> = batch
                        .iter()
                        .map(|entry| (entry.path.as_str(), read_entry(source, entry)))
                        .collect();
                    parallel::map(&texts, threads, |(file, text)| {
                        load_item(file, text, &check)
                    })
                }
            };
            for (loaded, found) in results {
                findings.extend(found);
                catalog.items.push(loaded);
            }
        }
        Ok((catalog, findings))
    }
}

/// Item files read before their batch is parsed in parallel.
const LOAD_BATCH: usize = 256;

fn read_entry(source: &dyn Source, entry: &crate::source::Entry) -> Result<String, ReadProblem> {
    match entry.kind {
        EntryKind::Directory => Err(ReadProblem::NotAFile),
        EntryKind::DanglingLink => Err(ReadProblem::DanglingLink),
        EntryKind::OutsideLink => Err(ReadProblem::OutsideCatalog),
        EntryKind::UnreadableFolder => Err(ReadProblem::UnreadableFolder),
        EntryKind::BadName => Err(ReadProblem::BadName),
        EntryKind::File => source.read_text(&entry.path),
    }
}

/// Only `catalog.yaml` and the register, for commands that need the
/// departments but not the items (`template`). The findings are the
/// register's own problems.
pub fn load_register(source: &dyn Source) -> Result<(Vec<Department>, Vec<Finding>), LoadError> {
    load_config(source)?;
    let mut findings = Vec::new();
    let (departments, _, _) = load_departments(source, &mut findings)?;
    Ok((departments, findings))
}

/// One item file while it is being loaded: what per-item rules see.
pub struct ItemView<'a> {
    pub file: &'a str,
    /// The file's text (for positions inside a value), indexed so that
    /// many positions in one large file stay cheap.
    pub text: &'a yaml::IndexedText<'a>,
    /// The record, when it passed the schema.
    pub item: Option<&'a Item>,
    pub item_ref: &'a ItemRef,
    pub spans: &'a SpanNode,
}

/// Reads and parses one of the catalog's own files; `Ok(None)` when absent.
#[allow(
    clippy::result_large_err,
    reason = "a Finding is what callers report; the error path is rare and not hot"
)]
pub(crate) fn read_document(source: &dyn Source, file: &str) -> Result<Option<Document>, Finding> {
    let text = match source.read_text(file) {
        Ok(text) => text,
        Err(ReadProblem::Missing) => return Ok(None),
        Err(problem) => return Err(parse_error::unreadable(file, &problem)),
    };
    match yaml::parse(&text) {
        Ok(Some(doc)) => Ok(Some(doc)),
        Ok(None) => Err(parse_error::empty(file)),
        Err(e) => Err(parse_error::invalid_yaml(file, &e)),
    }
}

fn load_config(source: &dyn Source) -> Result<(CatalogConfig, coding::Rules), LoadError> {
    let doc = match read_document(source, CONFIG_FILE) {
        Ok(Some(doc)) => doc,
        Ok(None) => {
            let missing = Finding::new(
                &parse_error::RULE,
                Message::new("config.missing").arg("catalog", source.label()),
            )
            .in_file(CONFIG_FILE);
            return Err(LoadError {
                findings: vec![missing],
            });
        }
        Err(finding) => {
            return Err(LoadError {
                findings: vec![finding],
            });
        }
    };
    let mut problems = schema::check(FileKind::Catalog, CONFIG_FILE, &doc, None);
    if !problems.is_empty() {
        return Err(LoadError { findings: problems });
    }
    let config: CatalogConfig = match serde_json::from_value(doc.value.clone()) {
        Ok(config) => config,
        Err(e) => {
            return Err(LoadError {
                findings: vec![schema::not_a_record(CONFIG_FILE, &doc, e.to_string(), None)],
            });
        }
    };
    for (id, setting) in &config.rules {
        let path = vec![PathSeg::Key("rules".into()), PathSeg::Key(id.clone())];
        let span = doc.spans.key_span(&path);
        let message = match RULE_NAMES.iter().find(|(name, _)| name == id) {
            None => Message::new("config.unknown_rule").arg("rule", id.as_str()),
            Some((name, false)) if *setting != SeveritySetting::Error => {
                Message::new("config.not_silenceable").arg("rule", *name)
            }
            Some(_) => continue,
        };
        problems.push(
            Finding::new(&schema::RULE, message)
                .in_file(CONFIG_FILE)
                .at(yaml::format_path(&path), span),
        );
    }
    problems.extend(deadlines_not_dates(&doc));
    problems.extend(office_problems(&doc, &config));
    let rules = match coding::Rules::from_config(&config.coding) {
        Ok(rules) => Some(rules),
        Err((field, error)) => {
            let path = vec![PathSeg::Key("coding".into()), PathSeg::Key(field.into())];
            let span = doc.spans.find(&path).map(|n| n.span);
            problems.push(
                Finding::new(&schema::RULE, coding::pattern_message(field, &error))
                    .in_file(CONFIG_FILE)
                    .at(yaml::format_path(&path), span),
            );
            None
        }
    };
    problems.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    match rules {
        Some(rules) if problems.is_empty() => Ok((config, rules)),
        _ => Err(LoadError { findings: problems }),
    }
}

/// Deadlines of the right shape that are no date (`2027-02-30`): the
/// schema checks only the shape.
fn deadlines_not_dates(doc: &Document) -> Vec<Finding> {
    let Some(deadlines) = doc.value.get("deadlines").and_then(|d| d.as_object()) else {
        return Vec::new();
    };
    deadlines
        .iter()
        .filter_map(|(round, date)| {
            let date = date.as_str().filter(|d| !crate::model::date::is_date(d))?;
            let path = vec![
                PathSeg::Key("deadlines".into()),
                PathSeg::Key(round.clone()),
            ];
            let span = doc.spans.find(&path).map(|n| n.span);
            let message = Message::new("config.not_a_date").arg("value", date);
            Some(
                Finding::new(&schema::RULE, message)
                    .in_file(CONFIG_FILE)
                    .at(yaml::format_path(&path), span),
            )
        })
        .collect()
}

/// `offices` as listed: two offices with one id, or a duty no office
/// holds (its items would go to nobody). Unknown duties are the schema's.
fn office_problems(doc: &Document, config: &CatalogConfig) -> Vec<Finding> {
    let Some(offices) = &config.offices else {
        return Vec::new();
    };
    let key = |segments: Vec<PathSeg>| {
        let span = doc.spans.find(&segments).map(|n| n.span);
        (yaml::format_path(&segments), span)
    };
    let mut out = Vec::new();
    for (i, office) in offices.iter().enumerate() {
        let Some(first) = offices[..i].iter().position(|o| o.id == office.id) else {
            continue;
        };
        let (path, span) = key(vec![
            PathSeg::Key("offices".into()),
            PathSeg::Index(i),
            PathSeg::Key("id".into()),
        ]);
        let (_, first_span) = key(vec![PathSeg::Key("offices".into()), PathSeg::Index(first)]);
        let first_line = first_span.map_or(1, |s| s.start.line as usize);
        let message = Message::new("config.office_twice")
            .arg("id", office.id.as_str())
            .arg("line", first_line);
        out.push(
            Finding::new(&schema::RULE, message)
                .in_file(CONFIG_FILE)
                .at(path, span),
        );
    }
    for variant in Duty::VARIANTS {
        if offices.iter().any(|o| o.holds(variant.value)) {
            continue;
        }
        let offices_key = vec![PathSeg::Key("offices".into())];
        let (path, span) = (
            yaml::format_path(&offices_key),
            doc.spans.key_span(&offices_key),
        );
        let message = Message::new("config.duty_unheld")
            .arg("duty", variant.key)
            .localized("label", variant.zh, variant.en);
        out.push(
            Finding::new(&schema::RULE, message)
                .in_file(CONFIG_FILE)
                .at(path, span),
        );
    }
    out
}

/// An office whose id is also a department's: an opinion naming that id
/// could be either reviewer. Named at the office's id in catalog.yaml, or,
/// for the default offices, at the department's id in departments.yaml.
fn offices_named_as_departments(
    source: &dyn Source,
    config: &CatalogConfig,
    departments: &[Department],
    department_rows: &[usize],
    departments_spans: Option<&SpanNode>,
) -> Vec<Finding> {
    let clashes: Vec<(usize, usize)> = config
        .offices()
        .iter()
        .enumerate()
        .filter_map(|(i, o)| Some((i, departments.iter().position(|d| d.id == o.id)?)))
        .collect();
    if clashes.is_empty() {
        return Vec::new();
    }
    let listed = config.offices.is_some();
    let doc = if listed {
        read_document(source, CONFIG_FILE).ok().flatten()
    } else {
        None
    };
    clashes
        .into_iter()
        .map(|(office, department)| {
            let id = departments[department].id.as_str();
            let message = Message::new("config.office_is_department").arg("id", id);
            let (file, path) = if listed {
                let path = vec![
                    PathSeg::Key("offices".into()),
                    PathSeg::Index(office),
                    PathSeg::Key("id".into()),
                ];
                (CONFIG_FILE, path)
            } else {
                let row = department_rows
                    .get(department)
                    .copied()
                    .unwrap_or(department);
                (
                    DEPARTMENTS_FILE,
                    vec![PathSeg::Index(row), PathSeg::Key("id".into())],
                )
            };
            let span = if listed {
                doc.as_ref()
                    .and_then(|d| d.spans.find(&path))
                    .map(|n| n.span)
            } else {
                departments_spans
                    .and_then(|s| s.find(&path))
                    .map(|n| n.span)
            };
            Finding::new(&schema::RULE, message)
                .in_file(file)
                .at(yaml::format_path(&path), span)
        })
        .collect()
}

/// `codes.ledger` may grow well past an item file's size limit.
const LEDGER_MAX_BYTES: u64 = 256 * 1024 * 1024;

fn load_ledger(source: &dyn Source, findings: &mut Vec<Finding>) -> Ledger {
    let text = source
        .read_bytes_up_to(coding::LEDGER_FILE, LEDGER_MAX_BYTES)
        .and_then(|bytes| crate::source::decode_text_up_to(bytes, LEDGER_MAX_BYTES));
    match text {
        Ok(text) => Ledger::parse(&text),
        Err(ReadProblem::Missing) => Ledger::default(),
        Err(problem) => {
            findings.push(parse_error::unreadable(coding::LEDGER_FILE, &problem));
            Ledger::default()
        }
    }
}

type Rows<T> = (Vec<T>, Vec<usize>, Option<SpanNode>);

fn load_departments(
    source: &dyn Source,
    findings: &mut Vec<Finding>,
) -> Result<Rows<Department>, LoadError> {
    let doc = match read_document(source, DEPARTMENTS_FILE) {
        Ok(Some(doc)) => doc,
        Ok(None) => {
            let missing = Finding::new(&parse_error::RULE, Message::new("departments.missing"))
                .in_file(DEPARTMENTS_FILE);
            return Err(LoadError {
                findings: vec![missing],
            });
        }
        Err(finding) => {
            return Err(LoadError {
                findings: vec![finding],
            });
        }
    };
    Ok(load_list(
        FileKind::Departments,
        DEPARTMENTS_FILE,
        doc,
        findings,
    ))
}

fn load_reference(source: &dyn Source, findings: &mut Vec<Finding>) -> Rows<ReferenceItem> {
    load_optional_list(source, FileKind::Reference, REFERENCE_FILE, findings)
}

fn load_agencies(source: &dyn Source, findings: &mut Vec<Finding>) -> Rows<Agency> {
    load_optional_list(source, FileKind::Agencies, AGENCIES_FILE, findings)
}

/// A list file a catalog may leave out: nothing when absent.
fn load_optional_list<T: DeserializeOwned>(
    source: &dyn Source,
    kind: FileKind,
    file: &str,
    findings: &mut Vec<Finding>,
) -> Rows<T> {
    match read_document(source, file) {
        Ok(Some(doc)) => load_list(kind, file, doc, findings),
        Ok(None) => (Vec::new(), Vec::new(), None),
        Err(finding) => {
            findings.push(finding);
            (Vec::new(), Vec::new(), None)
        }
    }
}

/// Every file of `intermediaries/` that makes a record; the others are
/// findings (parse or schema) and left out.
fn load_intermediaries(
    source: &dyn Source,
    findings: &mut Vec<Finding>,
) -> Vec<LoadedIntermediary> {
    let entries = match source.intermediary_entries() {
        Ok(entries) => entries,
        Err(e) => {
            findings.push(parse_error::unreadable(
                INTERMEDIARIES_DIR,
                &ReadProblem::Io(e),
            ));
            return Vec::new();
        }
    };
    let mut loaded = Vec::new();
    for entry in entries {
        let file = entry.path.as_str();
        let id = file
            .rsplit('/')
            .next()
            .and_then(|name| name.rsplit_once('.'))
            .map_or(file, |(stem, _)| stem)
            .to_string();
        let text = match read_entry(source, &entry) {
            Ok(text) => text,
            Err(problem) => {
                findings.push(parse_error::unreadable(file, &problem));
                continue;
            }
        };
        let doc = match yaml::parse(&text) {
            Ok(Some(doc)) => doc,
            Ok(None) => {
                findings.push(parse_error::empty(file));
                continue;
            }
            Err(e) => {
                findings.push(parse_error::invalid_yaml(file, &e));
                continue;
            }
        };
        let problems = schema::check(FileKind::Intermediary, file, &doc, None);
        if !problems.is_empty() {
            findings.extend(problems);
            continue;
        }
        match Intermediary::deserialize(&doc.value) {
            Ok(record) => loaded.push(LoadedIntermediary {
                id,
                file: file.to_string(),
                record,
                spans: doc.spans,
            }),
            Err(e) => findings.push(schema::not_a_record(file, &doc, e.to_string(), None)),
        }
    }
    loaded
}

/// A list file: every row that makes a record is kept, with its row number.
fn load_list<T: DeserializeOwned>(
    kind: FileKind,
    file: &str,
    doc: Document,
    findings: &mut Vec<Finding>,
) -> Rows<T> {
    findings.extend(schema::check(kind, file, &doc, None));
    let mut records = Vec::new();
    let mut rows = Vec::new();
    if let Value::Array(values) = doc.value {
        for (row, value) in values.into_iter().enumerate() {
            if let Ok(record) = serde_json::from_value::<T>(value) {
                records.push(record);
                rows.push(row);
            }
        }
    }
    (records, rows, Some(doc.spans))
}

/// One item file from its text: the record, its findings (loading's and
/// `per_item`'s).
fn load_item(
    file: &str,
    text: &Result<String, ReadProblem>,
    per_item: &impl Fn(&ItemView) -> Vec<Finding>,
) -> (LoadedItem, Vec<Finding>) {
    let mut loaded = LoadedItem {
        file: file.to_string(),
        item: None,
        spans: None,
        item_ref: ItemRef::default(),
        digest: 0,
    };
    let mut findings = Vec::new();
    let text = match text {
        Ok(text) => text,
        Err(problem) => {
            findings.push(parse_error::unreadable(file, problem));
            return (loaded, findings);
        }
    };
    loaded.digest = text_digest(text);
    let doc = match yaml::parse(text) {
        Ok(Some(doc)) => doc,
        Ok(None) => {
            findings.push(parse_error::empty(file));
            return (loaded, findings);
        }
        Err(e) => {
            findings.push(parse_error::invalid_yaml(file, &e));
            return (loaded, findings);
        }
    };
    loaded.item_ref = item_ref(&doc.value);
    let problems = schema::check(FileKind::Item, file, &doc, Some(&loaded.item_ref));
    if problems.is_empty() {
        match Item::deserialize(&doc.value) {
            Ok(item) => loaded.item = Some(item),
            Err(e) => findings.push(schema::not_a_record(
                file,
                &doc,
                e.to_string(),
                Some(&loaded.item_ref),
            )),
        }
    }
    findings.extend(problems);
    let indexed = yaml::IndexedText::new(text);
    let view = ItemView {
        file,
        text: &indexed,
        item: loaded.item.as_ref(),
        item_ref: &loaded.item_ref,
        spans: &doc.spans,
    };
    findings.extend(per_item(&view));
    // Only the spans cross-item rules point at are kept: a whole span tree
    // per item would cost more memory than the records themselves.
    loaded.spans = Some(doc.spans.keep_top_level(KEPT_SPANS));
    (loaded, findings)
}

/// A digest of a file's text (as a source gives it: no BOM), to tell that
/// it has not changed within one run.
pub fn text_digest(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The register's rows that read, for commands that only show department
/// names (diff); nothing when `departments.yaml` is missing or unreadable.
pub fn read_register(source: &dyn Source) -> Vec<Department> {
    match read_document(source, DEPARTMENTS_FILE) {
        Ok(Some(doc)) => {
            load_list(
                FileKind::Departments,
                DEPARTMENTS_FILE,
                doc,
                &mut Vec::new(),
            )
            .0
        }
        _ => Vec::new(),
    }
}

/// Code, name and department of a record that may not have passed the schema.
pub(crate) fn item_ref(value: &Value) -> ItemRef {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    ItemRef {
        code: text("code"),
        name: text("name"),
        department: text("department"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Arg;
    use crate::source::MemorySource;

    pub const REGISTER: &str = "\
- {id: wsjw, code: \"001\", name: 瓯江市卫生健康委员会, credit_code: 11330300MB0126903T, kind: government_department}
- {id: mzj, code: \"002\", name: 瓯江市民政局, credit_code: 91440300708461136T, kind: government_department}
";

    /// The smallest valid record: required keys only, no service guide.
    pub const MINIMAL_ITEM: &str = "\
name: 体育场馆开放
kind: public_service
category: culture_sports
department: wsjw
targets: [natural_person]
legal_basis:
  - title: 《公共文化体育设施条例》
    article: 第十六条
guide: false
";

    /// A guide item with every element.
    pub const GUIDE_ITEM: &str = "\
name: 生育登记
kind: public_service
category: health
department: wsjw
targets: [natural_person]
legal_basis:
  - title: 《中华人民共和国人口与计划生育法》
    article: 第二十条
accepting_unit: 乡镇卫生院
location: 市民中心一楼
conditions:
  - 夫妻双方至少一方为本市户籍
materials:
  - name: 居民身份证
    form: original
    copies: 1
    source: government
process:
  - name: 受理
    actor: 窗口工作人员
    time_limit: 即办
time_limit:
  legal: 无
  promised: 3个工作日
fee:
  charged: false
consultation: 0577-88990000
";

    pub fn catalog_with_register(register: &str, reference: &str) -> Catalog {
        let mut source = MemorySource::new();
        source.insert(CONFIG_FILE, "region: {code: \"330399\", name: 瓯江市}\n");
        source.insert(DEPARTMENTS_FILE, register);
        if !reference.is_empty() {
            source.insert(REFERENCE_FILE, reference);
        }
        Catalog::load(&source).expect("test catalogs load").0
    }

    /// A catalog with the two-department register and these item files.
    pub fn catalog_with(files: &[(&str, &str)]) -> Catalog {
        let mut source = MemorySource::new();
        source.insert(CONFIG_FILE, "region: {code: \"330399\", name: 瓯江市}\n");
        source.insert(DEPARTMENTS_FILE, REGISTER);
        for (path, text) in files {
            source.insert(path, text);
        }
        Catalog::load(&source).expect("test catalogs load").0
    }

    /// The findings of one per-item rule on a catalog with these item files.
    pub fn item_rule_findings(
        files: &[(&str, &str)],
        rule: fn(&Catalog, &ItemView, &mut Vec<Finding>),
    ) -> Vec<Finding> {
        item_rule_findings_with("", files, rule)
    }

    /// [`item_rule_findings`] with more lines of `catalog.yaml` (`scope: …`).
    pub fn item_rule_findings_with(
        config: &str,
        files: &[(&str, &str)],
        rule: fn(&Catalog, &ItemView, &mut Vec<Finding>),
    ) -> Vec<Finding> {
        let mut source = MemorySource::new();
        let config = format!("region: {{code: \"330399\", name: 瓯江市}}\n{config}");
        source.insert(CONFIG_FILE, &config);
        source.insert(DEPARTMENTS_FILE, REGISTER);
        for (path, text) in files {
            source.insert(path, text);
        }
        let per_item = |catalog: &Catalog, view: &ItemView| {
            let mut out = Vec::new();
            rule(catalog, view, &mut out);
            out
        };
        Catalog::load_with(&source, per_item)
            .expect("test catalogs load")
            .1
            .into_iter()
            .filter(|f| f.rule != "schema")
            .collect()
    }

    fn load(files: &[(&str, &[u8])]) -> Result<(Catalog, Vec<Finding>), LoadError> {
        let mut source = MemorySource::new();
        for (path, bytes) in files {
            source.insert_bytes(path, bytes.to_vec());
        }
        Catalog::load(&source)
    }

    #[test]
    fn a_bad_file_does_not_stop_the_others() {
        let (catalog, findings) = load(&[
            (CONFIG_FILE, b"region: {code: \"330399\", name: x}\n"),
            (DEPARTMENTS_FILE, REGISTER.as_bytes()),
            ("items/wsjw/a.yaml", b"name: [unclosed\n"),
            ("items/wsjw/b.yaml", GUIDE_ITEM.as_bytes()),
            ("items/wsjw/c.yaml", b"\xff\xfe"),
        ])
        .unwrap();
        assert_eq!(catalog.items.len(), 3);
        assert_eq!(catalog.records().count(), 1);
        let rules: Vec<_> = findings
            .iter()
            .map(|f| (f.file.as_deref().unwrap(), f.rule))
            .collect();
        assert_eq!(
            rules,
            [
                ("items/wsjw/a.yaml", "parse-error"),
                ("items/wsjw/c.yaml", "parse-error")
            ]
        );
    }

    #[test]
    fn a_missing_config_stops_the_load() {
        let err = load(&[(DEPARTMENTS_FILE, REGISTER.as_bytes())]).unwrap_err();
        assert_eq!(err.findings[0].message.key, "config.missing");
    }

    #[test]
    fn config_may_not_switch_off_the_gate_rules() {
        let err = load(&[
            (CONFIG_FILE, b"region: {code: \"330399\", name: x}\nrules:\n  schema: off\n  nonsense: warning\n  missing-element: warning\n"),
            (DEPARTMENTS_FILE, REGISTER.as_bytes()),
        ])
        .unwrap_err();
        let keys: Vec<_> = err
            .findings
            .iter()
            .map(|f| (f.message.key, f.location.unwrap().line()))
            .collect();
        assert_eq!(
            keys,
            [("config.not_silenceable", 3), ("config.unknown_rule", 4)]
        );
    }

    #[test]
    fn a_deadline_must_be_a_calendar_date() {
        let config = "region: {code: \"330399\", name: x}\ndeadlines:\n  report-1: 2028-02-29\n  一审: 2027-02-30\n  report-2: \"2027-99-99\"\n";
        let err = load(&[
            (CONFIG_FILE, config.as_bytes()),
            (DEPARTMENTS_FILE, REGISTER.as_bytes()),
        ])
        .unwrap_err();
        let found: Vec<_> = err
            .findings
            .iter()
            .map(|f| {
                let value = f.message.args.iter().find(|(k, _)| *k == "value");
                (
                    f.message.key,
                    f.location.unwrap().line(),
                    value.map(|(_, v)| v.clone()),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("config.not_a_date", 4, Some(Arg::from("2027-02-30"))),
                ("config.not_a_date", 5, Some(Arg::from("2027-99-99")))
            ]
        );
    }

    #[test]
    fn a_bad_department_row_keeps_the_good_ones() {
        let register = format!(
            "{REGISTER}- {{id: bad, code: 7, name: x, credit_code: x, kind: government_department}}\n"
        );
        let (catalog, findings) = load(&[
            (CONFIG_FILE, b"region: {code: \"330399\", name: x}\n"),
            (DEPARTMENTS_FILE, register.as_bytes()),
        ])
        .unwrap();
        assert_eq!(catalog.departments.len(), 2);
        assert!(
            findings
                .iter()
                .all(|f| f.rule == "schema" && f.path.as_deref().unwrap().starts_with("[2]"))
        );
    }
}
