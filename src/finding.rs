//! The one finding model shared by every command. A finding holds a message
//! key and arguments; text is produced at render time, in the chosen language.

pub use crate::i18n::{Arg, Message};
use crate::yaml::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

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

/// The item a finding concerns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemRef {
    pub code: Option<String>,
    pub name: Option<String>,
    pub department: Option<String>,
}

/// Where in a file: a span in a YAML text, or a bare position (a sheet
/// cell, or a line whose text could not be read).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Location {
    Text(Span),
    Point { line: u32, column: u32 },
}

impl Location {
    pub fn line(&self) -> u32 {
        match self {
            Location::Text(span) => span.start.line,
            Location::Point { line, .. } => *line,
        }
    }
    pub fn column(&self) -> u32 {
        match self {
            Location::Text(span) => span.start.column,
            Location::Point { column, .. } => *column,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// Relative to the catalog folder; for a sheet, the workbook as given.
    pub file: Option<String>,
    /// YAML path (`materials[2].name`) or cell (`事项!G12`).
    pub path: Option<String>,
    pub location: Option<Location>,
    pub message: Message,
    pub item: Option<ItemRef>,
    /// On the marker that ends a capped run ([`cap`]): how many findings of
    /// this rule in this file were left out.
    pub omitted: Option<usize>,
}

impl Finding {
    /// A finding of `rule` at its default severity; the catalog's policy
    /// sets the final severity later.
    pub fn new(rule: &'static Rule, message: Message) -> Self {
        Finding {
            rule: rule.id,
            severity: rule.default_severity,
            file: None,
            path: None,
            location: None,
            message,
            item: None,
            omitted: None,
        }
    }
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
    pub fn at(mut self, path: impl Into<String>, span: Option<Span>) -> Self {
        let path = path.into();
        self.path = if path.is_empty() { None } else { Some(path) };
        self.location = span.map(Location::Text);
        self
    }
    pub fn at_span(mut self, span: Span) -> Self {
        self.location = Some(Location::Text(span));
        self
    }
    /// A line without a column or span (the text there could not be read).
    pub fn with_line(mut self, line: u32) -> Self {
        self.location = Some(Location::Point { line, column: 1 });
        self
    }
    pub fn for_item(mut self, item: Option<ItemRef>) -> Self {
        self.item = item;
        self
    }

    /// Report order: file, then position, then rule.
    pub fn sort_key(&self) -> (Option<&str>, u32, u32, &'static str) {
        let (line, column) = self.location.map_or((0, 0), |l| (l.line(), l.column()));
        (self.file.as_deref(), line, column, self.rule)
    }
}

/// The default of `--max-per-file`: findings of one rule in one file listed
/// before the rest are summed up in one marker.
pub const DEFAULT_MAX_PER_FILE: usize = 100;

/// Caps the findings of each rule in each file at `max`: the first `max`
/// are kept, then one marker of the same rule and severity, with no path,
/// saying how many were left out (`omitted`). Findings without a file are
/// capped by rule. The order is kept; the summary is counted before, so
/// left-out findings still count.
pub fn cap(findings: Vec<Finding>, max: usize) -> Vec<Finding> {
    let max = max.max(1);
    use std::collections::HashMap;
    type Key = (Option<String>, &'static str, Severity);
    let mut counts: HashMap<Key, usize> = HashMap::new();
    for f in &findings {
        *counts
            .entry((f.file.clone(), f.rule, f.severity))
            .or_default() += 1;
    }
    if counts.values().all(|n| *n <= max) {
        return findings;
    }
    let mut seen: HashMap<Key, usize> = HashMap::new();
    let mut out = Vec::with_capacity(findings.len().min(counts.len() * (max + 1)));
    for f in findings {
        let key = (f.file.clone(), f.rule, f.severity);
        let total = counts[&key];
        let n = seen.entry(key).or_default();
        *n += 1;
        if *n > max {
            continue;
        }
        let marker = (*n == max && total > max).then(|| Finding {
            rule: f.rule,
            severity: f.severity,
            file: f.file.clone(),
            path: None,
            location: None,
            message: Message::new("report.omitted")
                .arg("count", (total - max) as u64)
                .arg("rule", f.rule),
            item: f.item.clone(),
            omitted: Some(total - max),
        });
        out.push(f);
        out.extend(marker);
    }
    out
}

/// Counts for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub items: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The registers of `registers/` the catalog lacks: the rules that
    /// need them were silent (not a finding).
    pub registers_absent: Vec<crate::model::RegisterName>,
}

impl Summary {
    pub fn count(files: usize, items: usize, findings: &[Finding]) -> Summary {
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        Summary {
            files,
            items,
            errors,
            warnings: findings.len() - errors,
            registers_absent: Vec::new(),
        }
    }
}
