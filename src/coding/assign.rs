//! Giving codes: sequence numbers under each prefix, the plan of a run, the
//! renumbering of a collision, and writing it all out.

use std::collections::HashMap;
use std::path::Path;

use super::edit::{EditError, write_code, write_code_unchanged};
use super::ledger::{self, LEDGER_FILE, Ledger, Line};
use super::pattern::Fields;
use super::{BuildError, Rules, kind_code, parent_of, reference_of};
use crate::catalog::{Catalog, LoadedItem};
use crate::finding::{Finding, Message};
use crate::fsutil::{Staged, put_in_place, stage, write_atomic};
use crate::history::TaggedLedger;
use crate::model::Item;
use crate::rules::code_format;
use crate::yaml::PathSeg;

/// One code given to one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub file: String,
    pub department: String,
    pub name: String,
    pub code: String,
    /// The code it replaces (`--renumber`).
    pub previous: Option<String>,
    /// The file as the loader saw it, so the edit can place its line
    /// without parsing the file again.
    pub loaded: Option<AsLoaded>,
}

/// What the loader kept of an item file: the spans of its top-level keys
/// and a digest of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct AsLoaded {
    pub spans: crate::yaml::SpanNode,
    pub digest: u64,
}

/// What a run of `qingdan code` gives, and the items it could not code.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub assignments: Vec<Assignment>,
    pub problems: Vec<Finding>,
}

/// The highest number ever given under each prefix.
#[derive(Debug, Default)]
struct Sequences {
    highest: HashMap<String, u64>,
}

impl Sequences {
    /// Every code of the ledger and of the items counts, read through both
    /// patterns: a number is never given twice and a gap never filled.
    fn new(rules: &Rules, ledger: &Ledger, catalog: &Catalog) -> Sequences {
        let mut seqs = Sequences::default();
        let item_codes = catalog
            .items
            .iter()
            .filter_map(|l| l.item_ref.code.as_deref());
        for code in ledger
            .lines
            .iter()
            .map(|l| l.code.as_str())
            .chain(item_codes)
        {
            for pattern in rules.all() {
                if let Ok(parsed) = pattern.read(code) {
                    let entry = seqs.highest.entry(parsed.prefix.to_string()).or_insert(0);
                    *entry = (*entry).max(parsed.seq);
                }
            }
        }
        seqs
    }

    /// The next number under `prefix`: `start` (0 or 1, the pattern's
    /// first number) when none was ever given.
    fn next(&mut self, prefix: &str, start: u64) -> u64 {
        match self.highest.get_mut(prefix) {
            Some(highest) => {
                *highest += 1;
                *highest
            }
            None => {
                self.highest.insert(prefix.to_string(), start);
                start
            }
        }
    }
}

/// Why an item gets no code now.
#[derive(Debug, Clone)]
enum Refusal {
    /// Its main item has no code yet but is to be coded in this run: it
    /// waits for it. The finding is what is reported when it never comes.
    Waiting(Finding),
    /// It cannot be coded; the finding says why.
    Cannot(Finding),
}

impl Refusal {
    fn into_finding(self) -> Finding {
        match self {
            Refusal::Waiting(finding) | Refusal::Cannot(finding) => finding,
        }
    }
}

/// A fresh code for an item, or why there is none. `given` holds the codes
/// given so far in this run, by file: a sub-item whose main item was coded
/// in this run is coded under that new code.
#[allow(
    clippy::result_large_err,
    reason = "a Finding is what callers report; the error path is rare and not hot"
)]
fn fresh_code(
    catalog: &Catalog,
    seqs: &mut Sequences,
    loaded: &LoadedItem,
    item: &Item,
    given: &HashMap<String, String>,
) -> Result<String, Refusal> {
    let problem = |message: Message| {
        Finding::new(&code_format::RULE, message)
            .in_file(&loaded.file)
            .for_item(Some(loaded.item_ref.clone()))
    };
    let Some(department) = catalog.department(&item.department) else {
        return Err(Refusal::Cannot(problem(
            Message::new("code.cannot.department").arg("department", item.department.as_str()),
        )));
    };
    let reference = reference_of(item).unwrap_or_default();
    let pattern = catalog.coding.own(item);
    let parent = if pattern.has_parent() {
        Some(
            main_code(catalog, loaded, item, given).map_err(|(waiting, message)| {
                // At the `parent` value, which is what to look at.
                let span = loaded
                    .spans
                    .as_ref()
                    .and_then(|s| s.find(&[PathSeg::Key("parent".into())]))
                    .map(|n| n.span);
                let finding = problem(message.arg("pattern", pattern.text())).at("parent", span);
                if waiting {
                    Refusal::Waiting(finding)
                } else {
                    Refusal::Cannot(finding)
                }
            })?,
        )
    } else {
        None
    };
    let fields = Fields {
        kind: kind_code(item),
        region: &catalog.config.region.code,
        dept: &department.code,
        credit: &department.credit_code,
        reference: &reference,
        parent: parent.as_deref(),
    };
    let cannot = |error: BuildError, prefix: &str| {
        Refusal::Cannot(problem(match error {
            BuildError::Exhausted => Message::new("code.cannot.exhausted").arg("prefix", prefix),
            BuildError::NoParent => Message::new("code.cannot.parent"),
            BuildError::Characters(text) => {
                Message::new("code.cannot.characters").arg("text", text)
            }
        }))
    };
    let prefix = pattern.prefix(&fields).map_err(|e| cannot(e, ""))?;
    let seq = seqs.next(&prefix, pattern.seq_start());
    pattern.build(&fields, seq).map_err(|e| cannot(e, &prefix))
}

/// The code of a sub-item's main item: the one it carries, or the one given
/// to it in this run. The error says whether the sub-item is to wait for
/// its main item (uncoded, to be coded in this run) and why it has none.
fn main_code(
    catalog: &Catalog,
    loaded: &LoadedItem,
    item: &Item,
    given: &HashMap<String, String>,
) -> Result<String, (bool, Message)> {
    let named = parent_of(item).unwrap_or_default();
    let Some(main) = catalog.parent_of(item) else {
        return Err((
            false,
            Message::new("code.cannot.parent_unknown").arg("parent", named),
        ));
    };
    if main.file == loaded.file {
        return Err((false, Message::new("code.cannot.parent_itself")));
    }
    let name = main
        .item_ref
        .name
        .clone()
        .unwrap_or_else(|| main.file.clone());
    let uncoded = || Message::new("code.cannot.parent_uncoded").arg("main", name.as_str());
    let Some(main_item) = &main.item else {
        // A file that does not load is never coded.
        return Err((false, uncoded()));
    };
    if !main_item.is_active() {
        return Err((
            false,
            Message::new("code.cannot.parent_cancelled").arg("main", name.as_str()),
        ));
    }
    if let Some(code) = main
        .item_ref
        .code
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        return Ok(code.to_string());
    }
    match given.get(&main.file) {
        Some(code) => Ok(code.clone()),
        None => Err((true, uncoded())),
    }
}

/// The codes a run gives: every active item without a code, in order of
/// department id, then file path; sub-items after the main items they are
/// coded under, so that a main item coded in this run lends its new code.
pub fn plan(catalog: &Catalog) -> Plan {
    plan_files(catalog, &|file| std::path::PathBuf::from(file))
}

/// [`plan`] where `same_file` names the file an item path is (its
/// canonical path): one file reached by several paths (a folder loop, a
/// link) gets one code, for its first path.
pub fn plan_files(catalog: &Catalog, same_file: &dyn Fn(&str) -> std::path::PathBuf) -> Plan {
    let mut seqs = Sequences::new(&catalog.coding, &catalog.ledger, catalog);
    let mut pending: Vec<(&LoadedItem, &Item)> = catalog
        .records()
        .filter(|(_, item)| {
            item.is_active() && item.code.as_deref().is_none_or(|c| c.trim().is_empty())
        })
        .collect();
    pending.sort_by(|a, b| order(a).cmp(&order(b)));
    let mut seen = std::collections::HashSet::new();
    pending.retain(|(loaded, _)| seen.insert(same_file(&loaded.file)));
    let mut given = HashMap::new();
    let mut out = Plan::default();
    // Each pass codes what it can; a sub-item waits for the pass after its
    // main item's. A pass that codes nothing leaves only sub-items whose
    // main items could not be coded.
    while !pending.is_empty() {
        let mut waiting = Vec::new();
        let mut progress = false;
        for (loaded, item) in pending {
            match fresh_code(catalog, &mut seqs, loaded, item, &given) {
                Ok(code) => {
                    progress = true;
                    given.insert(loaded.file.clone(), code.clone());
                    out.assignments.push(assignment(loaded, item, code, None));
                }
                Err(Refusal::Waiting(finding)) => waiting.push((loaded, item, finding)),
                Err(refusal) => out.problems.push(refusal.into_finding()),
            }
        }
        if !progress {
            out.problems
                .extend(waiting.into_iter().map(|(_, _, finding)| finding));
            break;
        }
        pending = waiting.into_iter().map(|(l, i, _)| (l, i)).collect();
    }
    out.assignments
        .sort_by(|a, b| (&a.department, &a.file).cmp(&(&b.department, &b.file)));
    // The same order for what could not be coded.
    out.problems.sort_by_cached_key(|f| {
        let department = f.item.as_ref().and_then(|i| i.department.clone());
        (department, f.file.clone())
    });
    out
}

/// The order items are coded in: department id, then file path.
fn order<'a>(entry: &(&'a LoadedItem, &'a Item)) -> (&'a str, &'a str) {
    (&entry.1.department, &entry.0.file)
}

fn assignment(
    loaded: &LoadedItem,
    item: &Item,
    code: String,
    previous: Option<String>,
) -> Assignment {
    let kept = loaded.spans.clone().map(|spans| AsLoaded {
        spans,
        digest: loaded.digest,
    });
    Assignment {
        file: loaded.file.clone(),
        department: item.department.clone(),
        name: item.name.clone(),
        code,
        previous,
        loaded: kept,
    }
}

/// Why `--renumber CODE` did nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum RenumberError {
    /// No item carries the code.
    NotFound,
    /// One item only: a code never changes.
    NotACollision,
    /// The items carrying the code cannot be told apart from the ledger.
    NoOwner,
    /// A published catalog holds the colliding item's code.
    Published(String),
    /// The colliding item cannot get a new code.
    Cannot(Finding),
}

impl RenumberError {
    pub fn message(&self, code: &str) -> Message {
        match self {
            RenumberError::NotFound => Message::new("code.renumber.not_found").arg("code", code),
            RenumberError::NotACollision => Message::new("code.renumber.single").arg("code", code),
            RenumberError::NoOwner => Message::new("code.renumber.no_owner").arg("code", code),
            RenumberError::Published(tag) => Message::new("code.renumber.published")
                .arg("code", code)
                .arg("tag", tag.as_str()),
            RenumberError::Cannot(finding) => finding.message.clone(),
        }
    }
}

/// `--renumber CODE`: a fresh code for the item that got `code` second. The
/// original owner is the item of the code's first ledger line. `published`
/// holds the ledger of every `qingdan/published-*` tag, read by the caller
/// ([`crate::history::published_ledgers`]).
#[allow(
    clippy::result_large_err,
    reason = "a Finding is what callers report; the error path is rare and not hot"
)]
pub fn plan_renumber(
    catalog: &Catalog,
    code: &str,
    published: &[TaggedLedger],
) -> Result<Assignment, RenumberError> {
    let mut carriers: Vec<(&LoadedItem, &Item)> = catalog
        .records()
        .filter(|(_, i)| i.code.as_deref() == Some(code))
        .collect();
    carriers.sort_by(|a, b| order(a).cmp(&order(b)));
    match carriers.len() {
        0 => return Err(RenumberError::NotFound),
        1 => return Err(RenumberError::NotACollision),
        _ => {}
    }
    let owner = owner_of(&catalog.ledger, code, &carriers).ok_or(RenumberError::NoOwner)?;
    let (loaded, item) = carriers
        .into_iter()
        .enumerate()
        .find(|(i, _)| *i != owner)
        .map(|(_, c)| c)
        .expect("two or more");
    if let Some(tag) = published_tag_holding(published, &catalog.ledger, code) {
        return Err(RenumberError::Published(tag));
    }
    let mut seqs = Sequences::new(&catalog.coding, &catalog.ledger, catalog);
    let fresh = fresh_code(catalog, &mut seqs, loaded, item, &HashMap::new())
        .map_err(|refusal| RenumberError::Cannot(refusal.into_finding()))?;
    Ok(assignment(loaded, item, fresh, Some(code.to_string())))
}

/// Which carrier owns the code: the one matching its first ledger line by
/// department and name, else by name, else the only one in that department.
fn owner_of(ledger: &Ledger, code: &str, carriers: &[(&LoadedItem, &Item)]) -> Option<usize> {
    let first = ledger.first(code)?;
    let unique = |matches: Vec<usize>| (matches.len() == 1).then(|| matches[0]);
    let find = |f: &dyn Fn(&Item) -> bool| {
        carriers
            .iter()
            .enumerate()
            .filter(|(_, c)| f(c.1))
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    unique(find(&|i| {
        i.department == first.department && i.name == first.name
    }))
    .or_else(|| unique(find(&|i| i.name == first.name)))
    .or_else(|| unique(find(&|i| i.department == first.department)))
}

/// A `qingdan/published-*` tag whose ledger gave `code` to an item other
/// than its original owner (a line for it other than the first line): that
/// code has been published on the colliding item and must stay.
pub fn published_tag_holding(
    published: &[TaggedLedger],
    ledger: &Ledger,
    code: &str,
) -> Option<String> {
    let owner_line = ledger.first(code).map(|l| l.text.as_str());
    published
        .iter()
        .find(|at| {
            let lines = at.ledger.lines_of(code);
            lines.len() > 1 || lines.iter().any(|l| Some(l.text.as_str()) != owner_line)
        })
        .map(|at| at.tag.clone())
}

/// An item file that could not be edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditProblem {
    pub file: String,
    pub error: EditError,
}

/// Why writing failed: nothing was written when the ledger could not be.
#[derive(Debug)]
pub enum ApplyError {
    Read { file: String, error: String },
    Write { file: String, error: std::io::Error },
}

/// Writes a plan: each edit is made in memory and staged beside its file
/// (a temporary file), then the ledger lines are appended (the ledger is
/// the register of what was given), then the item files are replaced.
/// Assignments whose file cannot be edited safely are dropped and returned
/// as problems. With `dry_run` nothing is written.
pub fn apply(
    root: &Path,
    assignments: Vec<Assignment>,
    today: &str,
    dry_run: bool,
) -> Result<(Vec<Assignment>, Vec<EditProblem>), ApplyError> {
    let mut staged = Vec::with_capacity(assignments.len());
    let mut done = Vec::with_capacity(assignments.len());
    let mut problems = Vec::new();
    // Editing is quick; writing waits on the disk: many threads, one pass,
    // and no file's text is held longer than its own write.
    let prepared = crate::parallel::map(&assignments, crate::parallel::io_threads(), |a| {
        prepare(root, a, dry_run)
    });
    for (a, result) in assignments.into_iter().zip(prepared) {
        match result? {
            Ok(file) => {
                staged.extend(file);
                done.push(a);
            }
            Err(error) => problems.push(EditProblem {
                file: a.file.clone(),
                error,
            }),
        }
    }
    if dry_run || done.is_empty() {
        return Ok((done, problems));
    }
    append_ledger(root, &done, today)?;
    put_in_place(staged).map_err(|(path, error)| ApplyError::Write {
        file: path.display().to_string(),
        error,
    })?;
    Ok((done, problems))
}

/// An assignment's file edited and, unless `dry_run`, staged; or why it
/// cannot be edited.
fn prepare(
    root: &Path,
    a: &Assignment,
    dry_run: bool,
) -> Result<Result<Option<Staged>, EditError>, ApplyError> {
    let (path, text) = match edit_file(root, a)? {
        Ok(edit) => edit,
        Err(error) => return Ok(Err(error)),
    };
    if dry_run {
        return Ok(Ok(None));
    }
    let staged = stage(&path, text.as_bytes(), true).map_err(|error| ApplyError::Write {
        file: a.file.clone(),
        error,
    })?;
    Ok(Ok(Some(staged)))
}

/// An assignment's file with its code written in, or why it cannot be.
fn edit_file(
    root: &Path,
    a: &Assignment,
) -> Result<Result<(std::path::PathBuf, String), EditError>, ApplyError> {
    // A symlinked item file is edited at its target (inside the catalog),
    // so the link stays.
    let path = crate::fsutil::write_target(root, &root.join(&a.file)).map_err(|error| {
        ApplyError::Write {
            file: a.file.clone(),
            error,
        }
    })?;
    let bytes = std::fs::read(&path).map_err(|e| ApplyError::Read {
        file: a.file.clone(),
        error: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ApplyError::Read {
        file: a.file.clone(),
        error: e.to_string(),
    })?;
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text.as_str()),
    };
    let edited = match &a.loaded {
        // The code was planned from the file as loaded: a file changed
        // since (someone is editing it) is left alone.
        Some(loaded) if crate::catalog::text_digest(body) != loaded.digest => {
            Err(EditError::Changed)
        }
        Some(loaded) => write_code_unchanged(body, &a.code, &loaded.spans),
        None => write_code(body, &a.code),
    };
    Ok(edited.map(|edited| (path, format!("{bom}{edited}"))))
}

fn append_ledger(root: &Path, done: &[Assignment], today: &str) -> Result<(), ApplyError> {
    let path = crate::fsutil::write_target(root, &root.join(LEDGER_FILE)).map_err(|error| {
        ApplyError::Write {
            file: LEDGER_FILE.into(),
            error,
        }
    })?;
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(ApplyError::Read {
                file: LEDGER_FILE.into(),
                error: e.to_string(),
            });
        }
    };
    let lines: Vec<Line> = done
        .iter()
        .map(|a| Line::new(&a.code, &a.department, &a.name, today))
        .collect();
    let text = ledger::appended(&existing, &lines);
    write_atomic(&path, text.as_bytes(), true).map_err(|error| ApplyError::Write {
        file: LEDGER_FILE.into(),
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with;
    use crate::rules::code_format::tests::{code, item};

    fn uncoded(name: &str) -> String {
        item("", "mzj", name).replace("code: \"\"\n", "")
    }

    #[test]
    fn numbers_continue_after_the_highest_ever_given_and_gaps_stay() {
        let ledger = format!(
            "{}\tmzj\t甲\t2027-01-05\n{}\tmzj\t乙\t2027-01-05\n",
            code("20", "002", 1),
            code("20", "002", 5)
        );
        let catalog = catalog_with(&[
            ("codes.ledger", &ledger),
            ("items/mzj/丙.yaml", &uncoded("丙")),
            ("items/wsjw/丁.yaml", &uncoded("丁").replace("mzj", "wsjw")),
        ]);
        let plan = plan(&catalog);
        let codes: Vec<_> = plan
            .assignments
            .iter()
            .map(|a| (a.file.as_str(), a.code.clone()))
            .collect();
        assert_eq!(
            codes,
            [
                ("items/mzj/丙.yaml", code("20", "002", 6)),
                ("items/wsjw/丁.yaml", code("20", "001", 1))
            ]
        );
    }

    /// A sub-item of `main` (a file of its department folder).
    fn sub_item(name: &str, main: &str) -> String {
        format!("{}parent: \"{main}\"\n", uncoded(name))
    }

    fn planned(plan: &Plan) -> Vec<(&str, &str)> {
        plan.assignments
            .iter()
            .map(|a| (a.file.as_str(), a.code.as_str()))
            .collect()
    }

    /// 乙 sorts before its main item 甲, yet is coded after it, under the
    /// code 甲 gets in the same run; a sub-item of a main item coded before
    /// continues after the sub-item numbers its ledger holds.
    #[test]
    fn main_items_are_coded_before_their_sub_items() {
        let old_main = code("20", "002", 1);
        let ledger = format!(
            "{old_main}\tmzj\t旧主项\t2027-01-05\n{old_main}-01\tmzj\t旧子项\t2027-01-05\n"
        );
        let catalog = catalog_with(&[
            ("codes.ledger", &ledger),
            ("items/mzj/旧主项.yaml", &item(&old_main, "mzj", "旧主项")),
            ("items/mzj/乙.yaml", &sub_item("乙", "甲.yaml")),
            ("items/mzj/甲.yaml", &uncoded("甲")),
            ("items/mzj/丙.yaml", &sub_item("丙", "items/mzj/甲.yaml")),
            ("items/mzj/丁.yaml", &sub_item("丁", &old_main)),
        ]);
        let plan = plan(&catalog);
        assert!(plan.problems.is_empty(), "{:?}", plan.problems);
        let main = code("20", "002", 2);
        let (first, second, old_next) = (
            format!("{main}-01"),
            format!("{main}-02"),
            format!("{old_main}-02"),
        );
        // Listed in department and file order, whatever pass coded them.
        assert_eq!(
            planned(&plan),
            [
                ("items/mzj/丁.yaml", old_next.as_str()),
                ("items/mzj/丙.yaml", first.as_str()),
                ("items/mzj/乙.yaml", second.as_str()),
                ("items/mzj/甲.yaml", main.as_str()),
            ]
        );
    }

    /// Sub-items that cannot be coded say why, each with its own message;
    /// the items that can are coded all the same.
    #[test]
    fn a_sub_item_whose_main_item_cannot_be_coded_says_why() {
        let catalog = catalog_with(&[
            ("items/mzj/a.yaml", &sub_item("a", "无此主项.yaml")),
            ("items/mzj/b.yaml", &sub_item("b", "b.yaml")),
            (
                "items/mzj/旧.yaml",
                &format!("{}status: cancelled\n", uncoded("旧")),
            ),
            ("items/mzj/c.yaml", &sub_item("c", "旧.yaml")),
            (
                "items/mzj/外.yaml",
                &uncoded("外").replace("department: mzj", "department: nobody"),
            ),
            ("items/mzj/d.yaml", &sub_item("d", "外.yaml")),
            // A sub-item of d, which waits for d, which cannot be coded.
            ("items/mzj/e.yaml", &sub_item("e", "d.yaml")),
            ("items/mzj/主.yaml", &uncoded("主")),
            ("items/mzj/f.yaml", &sub_item("f", "主.yaml")),
        ]);
        let plan = plan(&catalog);
        let main = code("20", "002", 1);
        let sub = format!("{main}-01");
        assert_eq!(
            planned(&plan),
            [
                ("items/mzj/f.yaml", sub.as_str()),
                ("items/mzj/主.yaml", &main)
            ]
        );
        let problems: Vec<(&str, &str)> = plan
            .problems
            .iter()
            .map(|f| (f.file.as_deref().unwrap(), f.message.key))
            .collect();
        assert_eq!(
            problems,
            [
                ("items/mzj/a.yaml", "code.cannot.parent_unknown"),
                ("items/mzj/b.yaml", "code.cannot.parent_itself"),
                ("items/mzj/c.yaml", "code.cannot.parent_cancelled"),
                ("items/mzj/d.yaml", "code.cannot.parent_uncoded"),
                ("items/mzj/e.yaml", "code.cannot.parent_uncoded"),
                ("items/mzj/外.yaml", "code.cannot.department"),
            ]
        );
        let text = |file: &str, lang| {
            let finding = plan
                .problems
                .iter()
                .find(|f| f.file.as_deref() == Some(file))
                .unwrap();
            crate::texts::text(lang, &finding.message)
        };
        use crate::i18n::Lang::{En, Zh};
        assert_eq!(
            text("items/mzj/a.yaml", Zh),
            "无法编码：主项「无此主项.yaml」不存在，而子项的编码规则「{parent}-{seq:2}」以主项编码开头"
        );
        assert_eq!(
            text("items/mzj/a.yaml", En),
            "cannot code: main item `无此主项.yaml` does not exist, and the sub-item rule `{parent}-{seq:2}` starts from the main item's code"
        );
        assert_eq!(
            text("items/mzj/c.yaml", Zh),
            "无法编码：主项「旧」已取消，不能在其编码下为子项编码"
        );
        assert_eq!(
            text("items/mzj/c.yaml", En),
            "cannot code: main item `旧` is cancelled, so no sub-item is coded under its code"
        );
        assert_eq!(
            text("items/mzj/d.yaml", Zh),
            "无法编码：主项「外」没有事项编码，本次也无法为其编码（见该主项的问题）；子项的编码规则「{parent}-{seq:2}」以主项编码开头"
        );
        assert_eq!(
            text("items/mzj/d.yaml", En),
            "cannot code: main item `外` has no code and could not be coded in this run (see its problem); the sub-item rule `{parent}-{seq:2}` starts from the main item's code"
        );
        assert_eq!(
            text("items/mzj/b.yaml", En),
            "cannot code: the item names itself as its main item, and the sub-item rule `{parent}-{seq:2}` starts from the main item's code"
        );
    }

    /// A sub-item with a reference code keeps the reference catalog's code
    /// (`reference_pattern`), and a catalog may code sub-items like any
    /// other item.
    #[test]
    fn which_pattern_codes_a_sub_item() {
        let main = code("20", "002", 1);
        let ledger = format!("{main}\tmzj\t主\t2027-01-05\n");
        let referenced =
            sub_item("乙", "主.yaml").replace("name: 乙", "reference_code: ZJ0512\nname: 乙");
        let files = |config: &'static str| {
            catalog_with(&[
                ("catalog.yaml", config),
                ("codes.ledger", &ledger),
                ("items/mzj/主.yaml", &item(&main, "mzj", "主")),
                ("items/mzj/乙.yaml", &referenced),
                ("items/mzj/甲.yaml", &sub_item("甲", "主.yaml")),
            ])
        };
        let region = "region: {code: \"330399\", name: 瓯江市}\n";
        let catalog = files(region);
        let p = plan(&catalog);
        let codes = planned(&p);
        assert!(codes[0].1.starts_with("ZJ0512330399002"), "{codes:?}");
        assert_eq!(codes[1].1, format!("{main}-01"));
        let flat = "region: {code: \"330399\", name: 瓯江市}\ncoding: {sub_item_pattern: \"{type}{region}{dept}{seq:4}{check}\"}\n";
        let catalog = files(flat);
        let p = plan(&catalog);
        assert_eq!(planned(&p)[1].1, code("20", "002", 2));
    }

    /// `--renumber` gives a sub-item of a collision the next number under
    /// its main item's code; the owner of the first ledger line keeps it.
    #[test]
    fn renumber_a_sub_item() {
        let main = code("20", "002", 1);
        let c = format!("{main}-01");
        let ledger = format!(
            "{main}\tmzj\t主\t2027-01-05\n{c}\tmzj\t乙\t2027-01-05\n{c}\tmzj\t甲\t2027-01-06\n"
        );
        let with_code = |name: &str| format!("code: \"{c}\"\n{}", sub_item(name, "主.yaml"));
        let catalog = catalog_with(&[
            ("codes.ledger", &ledger),
            ("items/mzj/主.yaml", &item(&main, "mzj", "主")),
            ("items/mzj/甲.yaml", &with_code("甲")),
            ("items/mzj/乙.yaml", &with_code("乙")),
        ]);
        let a = plan_renumber(&catalog, &c, &[]).unwrap();
        let fresh = format!("{main}-02");
        assert_eq!(
            (a.file.as_str(), a.code.as_str(), a.previous.as_deref()),
            ("items/mzj/甲.yaml", fresh.as_str(), Some(c.as_str()))
        );
    }

    /// A file edited by someone between planning and writing keeps that
    /// person's text; its item gets no code and no ledger line.
    #[test]
    fn a_file_changed_after_planning_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |path: &str, text: &str| {
            std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
            std::fs::write(root.join(path), text).unwrap();
        };
        write("catalog.yaml", "region: {code: \"330399\", name: 瓯江市}\n");
        write("departments.yaml", crate::catalog::tests::REGISTER);
        write("items/mzj/丙.yaml", &uncoded("丙"));
        write("items/mzj/丁.yaml", &uncoded("丁"));
        let catalog = Catalog::load(&crate::source::FolderSource::new(root))
            .unwrap()
            .0;
        let plan = plan(&catalog);
        let changed = uncoded("丙").replace("丙", "丙（新）");
        write("items/mzj/丙.yaml", &changed);
        let (done, problems) = apply(root, plan.assignments, "2027-01-05", false).unwrap();
        assert_eq!(
            done.iter().map(|a| a.file.as_str()).collect::<Vec<_>>(),
            ["items/mzj/丁.yaml"]
        );
        assert_eq!(
            problems,
            [EditProblem {
                file: "items/mzj/丙.yaml".into(),
                error: EditError::Changed
            }]
        );
        assert_eq!(
            std::fs::read_to_string(root.join("items/mzj/丙.yaml")).unwrap(),
            changed
        );
        let ledger = std::fs::read_to_string(root.join(LEDGER_FILE)).unwrap();
        assert_eq!(ledger.lines().count(), 1);
        assert!(
            ledger.contains("\t丁\t") && !ledger.contains("丙"),
            "{ledger}"
        );
    }

    #[test]
    fn renumber_gives_the_later_ledger_line_a_fresh_code() {
        let c = code("20", "002", 1);
        let ledger = format!("{c}\tmzj\t乙\t2027-01-05\n{c}\tmzj\t甲\t2027-01-06\n");
        let catalog = catalog_with(&[
            ("codes.ledger", &ledger),
            ("items/mzj/甲.yaml", &item(&c, "mzj", "甲")),
            ("items/mzj/乙.yaml", &item(&c, "mzj", "乙")),
        ]);
        let a = plan_renumber(&catalog, &c, &[]).unwrap();
        assert_eq!(
            (a.file.as_str(), a.code.clone(), a.previous.as_deref()),
            ("items/mzj/甲.yaml", code("20", "002", 2), Some(c.as_str()))
        );
        assert_eq!(
            plan_renumber(&catalog, "X", &[]),
            Err(RenumberError::NotFound)
        );
        // A publication whose ledger held only the owner's line does not
        // stop it; one that held the second line does.
        let at = |tag: &str, text: &str| TaggedLedger {
            tag: tag.into(),
            ledger: Ledger::parse(text),
        };
        let owner_only = at(
            "qingdan/published-2027-01-05",
            ledger.lines().next().unwrap(),
        );
        assert!(plan_renumber(&catalog, &c, std::slice::from_ref(&owner_only)).is_ok());
        let both = at("qingdan/published-2027-01-06", &ledger);
        assert_eq!(
            plan_renumber(&catalog, &c, &[owner_only, both]),
            Err(RenumberError::Published(
                "qingdan/published-2027-01-06".into()
            ))
        );
    }
}
