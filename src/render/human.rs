//! Findings for people: `file:line:col`, the offending YAML value
//! underlined (miette), then the summary line.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use crate::finding::{Finding, Location, Message, Severity, Summary};
use crate::i18n::Lang;
use crate::texts;

use super::Style;

/// Renders findings (and the summary line, when given). `text_of` returns a
/// catalog file's text so that the offending lines can be shown.
pub fn render(
    findings: &[Finding],
    summary: Option<&Summary>,
    style: Style,
    text_of: &dyn Fn(&str) -> Option<String>,
) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    let mut cached: Option<(String, Option<String>)> = None;
    for finding in findings {
        let text = finding.file.as_deref().and_then(|file| {
            if cached.as_ref().is_none_or(|(f, _)| f != file) {
                cached = Some((file.to_string(), text_of(file)));
            }
            cached.as_ref().and_then(|(_, t)| t.clone())
        });
        let diagnostic = Report::new(finding, style.lang, text);
        handler
            .render_report(&mut out, &diagnostic)
            .expect("writing to a String cannot fail");
        out.push('\n');
    }
    if let Some(summary) = summary {
        out.push_str(&summary_line(summary, style.lang));
        out.push('\n');
    }
    out
}

/// `30 个事项，2 个错误，1 个警告` / `30 items, 2 errors, 1 warnings`.
pub fn summary_line(summary: &Summary, lang: Lang) -> String {
    texts::text(
        lang,
        &Message::new("report.summary")
            .arg("items", summary.items)
            .arg("errors", summary.errors)
            .arg("warnings", summary.warnings),
    )
}

/// A finding as a miette diagnostic.
struct Report {
    title: String,
    rule: &'static str,
    severity: Severity,
    source: Option<NamedSource<String>>,
    label: Option<LabeledSpan>,
}

impl Report {
    fn new(finding: &Finding, lang: Lang, text: Option<String>) -> Report {
        let message = texts::text(lang, &finding.message);
        let mut report = Report {
            title: message.clone(),
            rule: finding.rule,
            severity: finding.severity,
            source: None,
            label: None,
        };
        match (&finding.file, finding.location, text) {
            (Some(file), Some(Location::Text(span)), Some(text)) => {
                let (offset, len) =
                    byte_range(&text, span.start.offset as usize, span.len as usize);
                report.label = Some(LabeledSpan::new(finding.path.clone(), offset, len));
                report.source = Some(NamedSource::new(file.clone(), text).with_language("yaml"));
            }
            (Some(file), Some(location), _) => {
                let at = match &finding.path {
                    Some(path) if !matches!(location, Location::Text(_)) => {
                        format!("{file}:{path}")
                    }
                    _ => format!("{file}:{}:{}", location.line(), location.column()),
                };
                report.title = format!("{at}: {message}");
            }
            (Some(file), None, _) => report.title = format!("{file}: {message}"),
            (None, _, _) => {}
        }
        report
    }
}

/// Character offsets of a span as byte offsets into `text`.
fn byte_range(text: &str, start: usize, len: usize) -> (usize, usize) {
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let begin = indices.nth(start).unwrap_or(text.len());
    let end = if len == 0 {
        begin
    } else {
        indices.nth(len - 1).unwrap_or(text.len())
    };
    (begin, end - begin)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title)
    }
}
impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title)
    }
}
impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_offsets_become_byte_offsets() {
        let text = "名称: 其他材料\n";
        assert_eq!(byte_range(text, 4, 4), (8, 12));
        assert_eq!(byte_range(text, 0, 0), (0, 0));
        assert_eq!(byte_range(text, 100, 3), (text.len(), 0));
    }
}
