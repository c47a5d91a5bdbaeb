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
///
/// Capping again merges: a marker already there stands for the findings it
/// left out, so findings can be capped while they are collected (an import
/// of 100,000 bad rows keeps 100 of a rule, not 300,000) and once more at
/// the end, with the same result as one cap of everything.
pub fn cap(findings: Vec<Finding>, max: usize) -> Vec<Finding> {
    let max = max.max(1);
    use std::collections::HashMap;
    type Key = (Option<String>, &'static str, Severity);
    // Per key: findings in all (a marker counts those it left out), and
    // whether the marker was placed yet.
    let mut counts: HashMap<Key, (usize, bool)> = HashMap::new();
    for f in &findings {
        counts
            .entry((f.file.clone(), f.rule, f.severity))
            .or_default()
            .0 += weight(f);
    }
    if counts.values().all(|(n, _)| *n <= max) {
        return findings;
    }
    let marker = |f: &Finding, omitted: usize| Finding {
        rule: f.rule,
        severity: f.severity,
        file: f.file.clone(),
        path: None,
        location: None,
        message: Message::new("report.omitted")
            .arg("count", omitted as u64)
            .arg("rule", f.rule),
        item: f.item.clone(),
        omitted: Some(omitted),
    };
    let mut seen: HashMap<Key, usize> = HashMap::new();
    let mut out = Vec::with_capacity(findings.len().min(counts.len() * (max + 1)));
    // A key whose marker has no listed finding to follow (it cannot happen
    // with one `max`): the marker goes last.
    let mut unplaced: Vec<Finding> = Vec::new();
    for f in findings {
        let key = (f.file.clone(), f.rule, f.severity);
        let (total, placed) = counts.get_mut(&key).expect("counted above");
        if f.omitted.is_some() {
            if *total > max && !*placed && !unplaced.iter().any(|u| same_key(u, &f)) {
                unplaced.push(f);
            }
            continue;
        }
        let n = seen.entry(key).or_default();
        *n += 1;
        if *n > max {
            continue;
        }
        let end = (*n == max && *total > max).then(|| marker(&f, *total - max));
        if end.is_some() {
            *placed = true;
        }
        out.push(f);
        out.extend(end);
    }
    for f in unplaced {
        let (total, placed) = counts[&(f.file.clone(), f.rule, f.severity)];
        if !placed {
            let listed = seen
                .get(&(f.file.clone(), f.rule, f.severity))
                .copied()
                .unwrap_or(0);
            out.push(marker(&f, total - listed));
        }
    }
    out
}

/// How many findings one stands for: a marker of [`cap`] those it left out.
pub fn weight(finding: &Finding) -> usize {
    finding.omitted.unwrap_or(1)
}

fn same_key(a: &Finding, b: &Finding) -> bool {
    a.file == b.file && a.rule == b.rule && a.severity == b.severity
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
    /// Counts `findings`; a marker of [`cap`] counts those it left out.
    pub fn count(files: usize, items: usize, findings: &[Finding]) -> Summary {
        let (errors, warnings) = findings.iter().fold((0, 0), |(e, w), f| {
            if f.severity == Severity::Error {
                (e + weight(f), w)
            } else {
                (e, w + weight(f))
            }
        });
        Summary {
            files,
            items,
            errors,
            warnings,
            registers_absent: Vec::new(),
        }
    }
}

#[cfg(test)]
mod cap_tests {
    use super::*;

    fn found(file: &str, rule: &'static str, n: usize) -> Finding {
        Finding {
            rule,
            severity: Severity::Error,
            file: Some(file.to_string()),
            path: Some(format!("A{n}")),
            location: None,
            message: Message::new("report.omitted"),
            item: None,
            omitted: None,
        }
    }

    fn paths(findings: &[Finding]) -> Vec<String> {
        findings
            .iter()
            .map(|f| match f.omitted {
                Some(m) => format!("{}:{}+{m}", f.file.as_deref().unwrap(), f.rule),
                None => f.path.clone().unwrap(),
            })
            .collect()
    }

    #[test]
    fn the_first_are_kept_then_one_marker_counting_the_rest() {
        let all: Vec<Finding> = (1..=7).map(|n| found("a.xlsx", "schema", n)).collect();
        let capped = cap(all.clone(), 3);
        assert_eq!(paths(&capped), ["A1", "A2", "A3", "a.xlsx:schema+4"]);
        // The summary counts what the marker left out.
        assert_eq!(Summary::count(0, 0, &capped).errors, 7);
        assert_eq!(cap(all[..3].to_vec(), 3), all[..3].to_vec());
    }

    #[test]
    fn capping_while_collecting_equals_one_cap_at_the_end() {
        let all: Vec<Finding> = (1..=50)
            .map(|n| found("a.xlsx", if n % 3 == 0 { "import" } else { "schema" }, n))
            .collect();
        let once = cap(all.clone(), 4);
        // Capped every 7 findings as they come, then once more.
        let mut collected = Vec::new();
        for chunk in all.chunks(7) {
            collected.extend(chunk.iter().cloned());
            collected = cap(collected, 4);
        }
        assert_eq!(paths(&cap(collected.clone(), 4)), paths(&once));
        assert_eq!(Summary::count(0, 0, &collected).errors, 50);
        // A marker sorted before its findings still ends up after them.
        collected.sort_by_key(|f| f.omitted.is_none());
        assert_eq!(paths(&cap(collected, 4)), paths(&once));
    }
}
