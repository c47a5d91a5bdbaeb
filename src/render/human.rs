//! Findings for people: `file:line:col`, the offending YAML value
//! underlined (miette), then the summary line.

use std::fmt;
use std::io;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::finding::{Finding, Location, Message, Severity, Summary};
use crate::i18n::Lang;
use crate::texts;
use crate::yaml;

use super::Style;

/// Renders findings (and the summary line, when given). `text_of` returns a
/// catalog file's text so that the offending lines can be shown.
pub fn render(
    findings: &[Finding],
    summary: Option<&Summary>,
    style: Style,
    text_of: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = Vec::new();
    write(&mut out, findings, summary, style, text_of).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the report is UTF-8")
}

/// [`render`] into a writer, one finding at a time: 100,000 findings never
/// make one string. Each file's text is indexed once (line starts and
/// character checkpoints), and each finding is drawn from the few lines
/// around it, so a finding costs the same in a file of any size.
pub fn write(
    out: &mut dyn io::Write,
    findings: &[Finding],
    summary: Option<&Summary>,
    style: Style,
    text_of: &dyn Fn(&str) -> Option<String>,
) -> io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(CONTEXT_LINES);
    let mut cached: Option<(String, Option<Indexed>)> = None;
    let mut text = String::new();
    for finding in findings {
        let file_text = finding.file.as_deref().and_then(|file| {
            if cached.as_ref().is_none_or(|(f, _)| f != file) {
                cached = Some((file.to_string(), text_of(file).map(Indexed::new)));
            }
            cached.as_ref().and_then(|(_, t)| t.as_ref())
        });
        let diagnostic = Report::new(finding, style.lang, file_text);
        text.clear();
        handler
            .render_report(&mut text, &diagnostic)
            .expect("writing to a String cannot fail");
        text.push('\n');
        out.write_all(text.as_bytes())?;
    }
    if let Some(summary) = summary {
        out.write_all(summary_line(summary, style.lang).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Bytes of the longest line drawn under a finding.
const MAX_DRAWN_LINE: usize = 4096;

/// Lines shown around the offending value.
const CONTEXT_LINES: usize = 1;

/// A file's text with its index, built once per file.
struct Indexed {
    text: String,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Byte offset of every 1,024th character (`yaml::checkpoints`).
    checkpoints: Vec<usize>,
}

impl Indexed {
    fn new(text: String) -> Indexed {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let checkpoints = yaml::checkpoints(&text);
        Indexed {
            text,
            line_starts,
            checkpoints,
        }
    }

    /// The byte offset of a character offset (the end of the text past it).
    fn byte_of(&self, chars: usize) -> usize {
        yaml::byte_at(&self.text, &self.checkpoints, chars)
    }

    /// The 0-based line holding a byte offset.
    fn line_of(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|start| *start <= byte) - 1
    }

    /// The lines around a span of characters, as a source of their own,
    /// and the span's byte range inside it.
    fn window(&self, name: &str, start: usize, len: usize) -> Option<(Window, usize, usize)> {
        let begin = self.byte_of(start);
        let end = begin + yaml::CharText::byte_of(&self.text[begin..], len);
        // A margin past miette's context, so that it sees the same lines.
        let margin = CONTEXT_LINES + 1;
        let first = self.line_of(begin).saturating_sub(margin);
        let last = self.line_of(end) + margin + 1;
        let from = self.line_starts[first];
        let to = self
            .line_starts
            .get(last)
            .copied()
            .unwrap_or(self.text.len());
        // A line too long to draw (a 600 KB flow list) is not drawn: the
        // finding names its line and column instead.
        let line_len = |line: usize| {
            let end = self.line_starts.get(line + 1).copied();
            end.unwrap_or(self.text.len()) - self.line_starts[line]
        };
        if (first..last.min(self.line_starts.len())).any(|l| line_len(l) > MAX_DRAWN_LINE) {
            return None;
        }
        // Control characters are escaped, the span moved with the text.
        let mut offsets = [begin - from, end - from];
        let text = crate::i18n::escape_keeping(&self.text[from..to], &mut offsets);
        let window = Window {
            name: crate::i18n::terminal_safe(name).into_owned(),
            text,
            first_line: first,
        };
        Some((window, offsets[0], offsets[1] - offsets[0]))
    }
}

/// A few lines of a file, numbered as in the file.
struct Window {
    name: String,
    text: String,
    /// The 0-based line of the file the window starts at.
    first_line: usize,
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                *inner.span(),
                inner.line() + self.first_line,
                inner.column(),
                inner.line_count(),
            )
            .with_language("yaml"),
        ))
    }
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
    source: Option<Window>,
    label: Option<LabeledSpan>,
}

impl Report {
    fn new(finding: &Finding, lang: Lang, text: Option<&Indexed>) -> Report {
        let message = crate::i18n::terminal_safe(&texts::text(lang, &finding.message)).into_owned();
        let mut report = Report {
            title: message.clone(),
            rule: finding.rule,
            severity: finding.severity,
            source: None,
            label: None,
        };
        let window = match (&finding.file, finding.location, text) {
            (Some(file), Some(Location::Text(span)), Some(text)) => {
                text.window(file, span.start.offset as usize, span.len as usize)
            }
            _ => None,
        };
        match (&finding.file, finding.location, window) {
            (Some(_), Some(Location::Text(_)), Some((window, offset, len))) => {
                let path = finding.path.as_deref().map(crate::i18n::terminal_safe);
                report.label = Some(LabeledSpan::new(path.map(|p| p.into_owned()), offset, len));
                report.source = Some(window);
            }
            (Some(file), Some(location), _) => {
                let file = crate::i18n::terminal_safe(file);
                let at = match finding.path.as_deref().map(crate::i18n::terminal_safe) {
                    Some(path) if !matches!(location, Location::Text(_)) => {
                        format!("{file}:{path}")
                    }
                    _ => format!("{file}:{}:{}", location.line(), location.column()),
                };
                report.title = format!("{at}: {message}");
            }
            (Some(file), None, _) => {
                let file = crate::i18n::terminal_safe(file);
                report.title = format!("{file}: {message}");
            }
            (None, _, _) => {}
        }
        report
    }
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
        let text = Indexed::new("名称: 其他材料\n".repeat(1000));
        assert_eq!(text.byte_of(0), 0);
        assert_eq!(text.byte_of(4), 8);
        // Past a checkpoint: line 300 starts at character 300 × 9.
        assert_eq!(text.byte_of(300 * 9 + 4), 300 * 21 + 8);
        assert_eq!(text.byte_of(1_000_000), text.text.len());
        let (window, offset, len) = text.window("a.yaml", 300 * 9 + 4, 4).unwrap();
        assert_eq!(window.first_line, 298);
        assert_eq!(&window.text[offset..offset + len], "其他材料");
        assert_eq!(window.text.lines().count(), 5);
    }

    #[test]
    fn a_finding_costs_the_same_in_a_small_and_a_huge_file() {
        use crate::finding::{Finding, Message};
        use crate::yaml::{Pos, Span};
        let rule = &crate::catalog::schema::RULE;
        let at = |line: u32| {
            Finding::new(rule, Message::new("schema.unknown_key").arg("key", "k"))
                .in_file("a.yaml")
                .at(
                    "k",
                    Some(Span {
                        start: Pos {
                            line,
                            column: 1,
                            offset: (line - 1) * 5,
                        },
                        len: 1,
                    }),
                )
        };
        let small = "k: 1\n".repeat(3);
        let huge = "k: 1\n".repeat(200_000);
        let one = |text: &str| {
            let text = text.to_string();
            render(&[at(2)], None, Style::default(), &|_| Some(text.clone()))
        };
        // The same lines are shown, whatever the file's size.
        assert_eq!(one(&small), one(&huge));
        // And a finding deep in the file is numbered as in the file.
        let text = huge.clone();
        let deep = render(&[at(150_000)], None, Style::default(), &|_| {
            Some(text.clone())
        });
        assert!(deep.contains("150000 │ k: 1"), "{deep}");
        // A line too long to draw is named, not drawn (miette cannot draw
        // a column past 65,535 at all).
        let long = format!("k: [{}]\n", "x, ".repeat(100_000));
        let shown = render(&[at(1)], None, Style::default(), &|_| Some(long.clone()));
        assert!(shown.starts_with("schema\n\n  × a.yaml:1:1: "), "{shown}");
        assert!(shown.len() < 500);
    }
}
