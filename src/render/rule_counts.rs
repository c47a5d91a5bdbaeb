//! The per-rule count table of `validate --summary` (and the end of `-q`):
//! one row per rule and severity that found something, in report order,
//! with what the rule finds, so that a reviewer sees the shape of a report
//! of thousands of findings at a glance.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::rules;
use crate::texts;

use super::Style;

/// Rules with their counts, in the order of `rules::all()`; a rule whose
/// findings come at two severities (an item's own override) has two rows.
pub fn counts(findings: &[Finding]) -> Vec<(&'static str, Severity, usize)> {
    let mut out: Vec<(&'static str, Severity, usize)> = Vec::new();
    for rule in rules::all() {
        for severity in [Severity::Error, Severity::Warning] {
            let n = findings
                .iter()
                .filter(|f| f.rule == rule.id && f.severity == severity)
                .count();
            if n > 0 {
                out.push((rule.id, severity, n));
            }
        }
    }
    out
}

/// The table, or a line saying nothing was found.
pub fn render(findings: &[Finding], style: Style) -> String {
    let rows = counts(findings);
    if rows.is_empty() {
        return format!("{}\n", texts::tr(style.lang, "report.rules.none", &[]));
    }
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.force_no_tty();
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(style.width as u16);
    table.set_header(
        [
            "report.rules.rule",
            "report.rules.severity",
            "report.rules.count",
            "report.rules.what",
        ]
        .map(|k| texts::tr(style.lang, k, &[])),
    );
    for (id, severity, n) in rows {
        let rule = rules::find(id).expect("counts come from rules::all()");
        table.add_row([
            id.to_string(),
            texts::tr(style.lang, &format!("severity.{}", severity.key()), &[]),
            n.to_string(),
            summary(rule, style.lang).to_string(),
        ]);
    }
    format!("{table}\n")
}

fn summary(rule: &rules::Rule, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => rule.summary_zh,
        Lang::En => rule.summary_en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Message;

    fn finding(rule: &'static rules::Rule, severity: Severity) -> Finding {
        let mut f = Finding::new(rule, Message::new("vague.phrase"));
        f.severity = severity;
        f
    }

    #[test]
    fn counts_follow_rule_order_and_split_by_severity() {
        let findings = [
            finding(&rules::similar_name::RULE, Severity::Warning),
            finding(&rules::vague_wording::RULE, Severity::Error),
            finding(&rules::similar_name::RULE, Severity::Warning),
            finding(&rules::vague_wording::RULE, Severity::Warning),
        ];
        assert_eq!(
            counts(&findings),
            [
                ("vague-wording", Severity::Error, 1),
                ("vague-wording", Severity::Warning, 1),
                ("similar-name", Severity::Warning, 2),
            ]
        );
    }

    #[test]
    fn nothing_found_is_one_line_in_either_language() {
        let zh = render(&[], Style::default());
        let en = render(
            &[],
            Style {
                lang: Lang::En,
                ..Style::default()
            },
        );
        assert_eq!(zh, "没有发现问题\n");
        assert_eq!(en, "no findings\n");
    }
}
