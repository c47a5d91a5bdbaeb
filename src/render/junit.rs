//! Findings as JUnit XML, the test report every CI hosting shows (GitLab's
//! `artifacts:reports:junit`, Gitea and GitHub through a report action):
//! one test case per checked file, classname its folder; an error-level
//! finding is a `<failure>`, warnings go to the case's `<system-out>` (a
//! warning does not fail the pipeline unless `--deny warnings` does).

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::texts;

/// Writes the report. `files` are every file checked (cases that pass
/// included); files of findings not among them get a case too.
pub fn write(
    out: &mut dyn Write,
    files: &[String],
    findings: &[Finding],
    lang: Lang,
) -> io::Result<()> {
    let mut cases: BTreeMap<&str, Vec<&Finding>> =
        files.iter().map(|f| (f.as_str(), Vec::new())).collect();
    for finding in findings {
        let file = finding.file.as_deref().unwrap_or("catalog.yaml");
        cases.entry(file).or_default().push(finding);
    }
    let failures = cases
        .values()
        .filter(|found| found.iter().any(|f| f.severity == Severity::Error))
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="qingdan validate" tests="{}" failures="{failures}" errors="0">"#,
        cases.len()
    )?;
    writeln!(
        out,
        r#"  <testsuite name="qingdan validate" tests="{}" failures="{failures}" errors="0" skipped="0">"#,
        cases.len()
    )?;
    for (file, found) in &cases {
        case(out, file, found, lang)?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

fn case(out: &mut dyn Write, file: &str, found: &[&Finding], lang: Lang) -> io::Result<()> {
    let class = file.rsplit_once('/').map_or("", |(dir, _)| dir);
    write!(
        out,
        r#"    <testcase classname="{}" name="{}" file="{}""#,
        escape(class),
        escape(file),
        escape(file)
    )?;
    if found.is_empty() {
        return writeln!(out, "/>");
    }
    writeln!(out, ">")?;
    let (errors, warnings): (Vec<&Finding>, Vec<&Finding>) =
        found.iter().partition(|f| f.severity == Severity::Error);
    if !errors.is_empty() {
        let first = &errors[0];
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            escape(first.rule),
            escape(&texts::text(lang, &first.message)),
            escape(&lines(&errors, lang))
        )?;
    }
    if !warnings.is_empty() {
        writeln!(
            out,
            "      <system-out>{}</system-out>",
            escape(&lines(&warnings, lang))
        )?;
    }
    writeln!(out, "    </testcase>")
}

/// `file:line:column: severity [rule] message`, one finding a line.
fn lines(findings: &[&Finding], lang: Lang) -> String {
    let mut text = String::new();
    for f in findings {
        let file = f.file.as_deref().unwrap_or("catalog.yaml");
        let at = f
            .location
            .map(|l| format!(":{}:{}", l.line(), l.column()))
            .unwrap_or_default();
        let severity = texts::tr(lang, &format!("severity.{}", f.severity.key()), &[]);
        text.push_str(&format!(
            "{file}{at}: {severity} [{}] {}\n",
            f.rule,
            texts::text(lang, &f.message)
        ));
    }
    text
}

/// Text as XML character data or an attribute value; characters XML 1.0
/// cannot hold at all are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Message;

    fn finding(severity: Severity, file: &str) -> Finding {
        Finding {
            rule: "visits",
            severity,
            file: Some(file.to_string()),
            path: None,
            location: None,
            message: Message::new("report.summary")
                .arg("items", 1usize)
                .arg("errors", 0usize)
                .arg("warnings", 0usize),
            item: None,
            omitted: None,
        }
    }

    fn render(files: &[&str], findings: &[Finding], lang: Lang) -> String {
        let files: Vec<String> = files.iter().map(|f| f.to_string()).collect();
        let mut out = Vec::new();
        write(&mut out, &files, findings, lang).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn passing_failing_and_warned_cases() {
        let text = render(
            &["items/a/甲.yaml", "items/b/<乙>.yaml"],
            &[
                finding(Severity::Error, "items/a/甲.yaml"),
                finding(Severity::Warning, "items/b/<乙>.yaml"),
                finding(Severity::Error, "departments.yaml"),
            ],
            Lang::En,
        );
        assert!(text.contains(r#"tests="3" failures="2""#), "{text}");
        assert!(text.contains(r#"name="items/b/&lt;乙&gt;.yaml""#), "{text}");
        assert!(text.contains(r#"<failure type="visits" message="1 item, 0 errors, 0 warnings">"#));
        assert!(text.contains("<system-out>items/b/&lt;乙&gt;.yaml: warning [visits]"));
        let zh = render(
            &["x.yaml"],
            &[finding(Severity::Warning, "x.yaml")],
            Lang::Zh,
        );
        assert!(zh.contains("x.yaml: 警告 [visits] 1 个事项"), "{zh}");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(escape("a\u{1}b&'"), "ab&amp;&apos;");
    }
}
