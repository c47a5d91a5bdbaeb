//! Findings for scripts: the JSON shape of docs/outputs.md, exactly.

use serde::Serialize;

use crate::finding::{Finding, Summary};
use crate::i18n::Lang;
use crate::texts;

#[derive(Serialize)]
struct Document<'a> {
    summary: &'a Summary,
    findings: Findings<'a>,
}

/// The findings, serialized one at a time as they are written.
struct Findings<'a>(&'a [Finding], Lang);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|f| finding(f, self.1)))
    }
}

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    file: Option<&'a str>,
    path: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    message: String,
    item_code: Option<&'a str>,
    item_name: Option<&'a str>,
    department: Option<&'a str>,
    /// Only on the marker of a capped run: how many were left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted: Option<usize>,
}

impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Summary", 5)?;
        st.serialize_field("files", &self.files)?;
        st.serialize_field("items", &self.items)?;
        st.serialize_field("errors", &self.errors)?;
        st.serialize_field("warnings", &self.warnings)?;
        let absent: Vec<&str> = self.registers_absent.iter().map(|r| r.key()).collect();
        st.serialize_field("registers_absent", &absent)?;
        st.end()
    }
}

/// One finding in the JSON shape (also used inside other commands' JSON).
pub fn finding(f: &Finding, lang: Lang) -> JsonFinding<'_> {
    let item = f.item.as_ref();
    JsonFinding {
        rule: f.rule,
        severity: f.severity.key(),
        file: f.file.as_deref(),
        path: f.path.as_deref(),
        line: f.location.map(|l| l.line()),
        column: f.location.map(|l| l.column()),
        message: texts::text(lang, &f.message),
        item_code: item.and_then(|i| i.code.as_deref()),
        item_name: item.and_then(|i| i.name.as_deref()),
        department: item.and_then(|i| i.department.as_deref()),
        omitted: f.omitted,
    }
}

/// `{"summary": {...}, "findings": [...]}`, pretty-printed, newline-terminated.
pub fn render(findings: &[Finding], summary: &Summary, lang: Lang) -> String {
    let mut out = Vec::new();
    write(&mut out, findings, summary, lang).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`render`] into a writer, finding by finding.
pub fn write(
    out: &mut dyn std::io::Write,
    findings: &[Finding],
    summary: &Summary,
    lang: Lang,
) -> std::io::Result<()> {
    let doc = Document {
        summary,
        findings: Findings(findings, lang),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
