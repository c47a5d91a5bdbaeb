//! Findings as SARIF 2.1.0, for code-hosting services and editors: rule
//! metadata with help text, results with regions, columns counted in
//! Unicode code points (as qingdan counts them).

use serde_json::{Value, json};

use crate::finding::{Finding, Location, Severity};
use crate::i18n::Lang;
use crate::rules::{self, Rule};
use crate::texts;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// `catalog_uri` is the catalog folder as a URI reference relative to where
/// the tool ran (`catalog/`), the base of every result's file.
pub fn render(findings: &[Finding], catalog_uri: &str, lang: Lang) -> String {
    let mut out = Vec::new();
    write(&mut out, findings, catalog_uri, lang).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("SARIF is UTF-8")
}

/// Stands for the results in the document around them.
const RESULTS_HOLE: &str = "\u{0}results\u{0}";
/// The indentation of one result in the pretty-printed document.
const RESULT_INDENT: &str = "        ";

/// [`render`] into a writer: the document around the results is printed
/// once, then each result as it is made, so 100,000 results never make one
/// value or one string.
pub fn write(
    out: &mut dyn std::io::Write,
    findings: &[Finding],
    catalog_uri: &str,
    lang: Lang,
) -> std::io::Result<()> {
    let all = rules::all();
    let rule_index = |id: &str| all.iter().position(|r| r.id == id);
    let frame = serde_json::to_string_pretty(&document(catalog_uri, lang, RESULTS_HOLE.into()))
        .expect("SARIF serializes");
    let hole = serde_json::to_string(RESULTS_HOLE).expect("a string serializes");
    let (before, after) = frame
        .split_once(&hole)
        .expect("the results' place is in the frame");
    out.write_all(before.as_bytes())?;
    if findings.is_empty() {
        out.write_all(b"[]")?;
    } else {
        out.write_all(b"[")?;
        for (i, f) in findings.iter().enumerate() {
            let one = serde_json::to_string_pretty(&result(f, rule_index(f.rule), lang))
                .expect("a result serializes");
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            for (n, line) in one.lines().enumerate() {
                if n > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(RESULT_INDENT.as_bytes())?;
                out.write_all(line.as_bytes())?;
            }
        }
        out.write_all(b"\n")?;
        out.write_all(&RESULT_INDENT.as_bytes()[2..])?;
        out.write_all(b"]")?;
    }
    out.write_all(after.as_bytes())?;
    out.write_all(b"\n")
}

/// The SARIF document with `results` as its results.
fn document(catalog_uri: &str, lang: Lang, results: Value) -> Value {
    let all = rules::all();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "qingdan",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/qingdan/qingdan",
                "rules": all.iter().map(|r| rule(r, lang)).collect::<Vec<_>>(),
            }},
            "originalUriBaseIds": {"CATALOG": {"uri": uri_dir(catalog_uri)}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn rule(rule: &Rule, lang: Lang) -> Value {
    let summary = match lang {
        Lang::Zh => rule.summary_zh,
        Lang::En => rule.summary_en,
    };
    let how = if rule.can_be_silenced {
        "rule.help.silenceable"
    } else {
        "rule.help.gate"
    };
    let help = format!(
        "{summary}。{}",
        texts::tr(lang, how, &[("rule", rule.id.into())])
    );
    let help = if lang == Lang::En {
        help.replace('。', ". ")
    } else {
        help
    };
    json!({
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": help},
        "defaultConfiguration": {"level": level(rule.default_severity)},
    })
}

fn result(f: &Finding, rule_index: Option<usize>, lang: Lang) -> Value {
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": texts::text(lang, &f.message)},
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = index.into();
    }
    if let Some(omitted) = f.omitted {
        // The marker of a capped run stands for this many more results.
        result["properties"] = json!({"omitted": omitted});
    }
    if let Some(file) = &f.file {
        let mut physical =
            json!({"artifactLocation": {"uri": percent_encode(file), "uriBaseId": "CATALOG"}});
        if let Some(location) = f.location {
            physical["region"] = region(&location);
        }
        let mut location = json!({"physicalLocation": physical});
        if let Some(path) = &f.path {
            location["logicalLocations"] = json!([{"fullyQualifiedName": path, "kind": "member"}]);
        }
        result["locations"] = json!([location]);
    }
    result
}

fn region(location: &Location) -> Value {
    match location {
        Location::Text(span) => json!({
            "startLine": span.start.line,
            "startColumn": span.start.column,
            "charOffset": span.start.offset,
            "charLength": span.len,
        }),
        Location::Point { line, column } => json!({"startLine": line, "startColumn": column}),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn uri_dir(path: &str) -> String {
    let encoded = percent_encode(path.trim_end_matches('/'));
    if encoded.is_empty() || encoded == "." {
        "./".into()
    } else {
        format!("{encoded}/")
    }
}

/// A path as a URI reference: unreserved characters and `/` stay, every
/// other byte (Chinese names included) is percent-encoded.
fn percent_encode(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH_ESCAPED).to_string()
}

/// Everything but RFC 3986's unreserved characters and the path separator.
const PATH_ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_results_are_the_document_printed_whole() {
        use crate::finding::Message;
        use crate::yaml::{Pos, Span};
        let rule = &crate::catalog::schema::RULE;
        let finding = |n: u32| {
            Finding::new(rule, Message::new("schema.unknown_key").arg("key", "键"))
                .in_file("items/mzj/临时.yaml")
                .at(
                    "k",
                    Some(Span {
                        start: Pos {
                            line: n,
                            column: 2,
                            offset: n * 3,
                        },
                        len: 2,
                    }),
                )
        };
        for findings in [vec![], vec![finding(1)], (1..5).map(finding).collect()] {
            let all = rules::all();
            let results: Vec<Value> = findings
                .iter()
                .map(|f| result(f, all.iter().position(|r| r.id == f.rule), Lang::En))
                .collect();
            let whole =
                serde_json::to_string_pretty(&document("catalog", Lang::En, Value::Array(results)))
                    .unwrap()
                    + "\n";
            assert_eq!(render(&findings, "catalog", Lang::En), whole);
        }
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            percent_encode("items/mzj/临时.yaml"),
            "items/mzj/%E4%B8%B4%E6%97%B6.yaml"
        );
        assert_eq!(percent_encode("a b#c"), "a%20b%23c");
        assert_eq!(uri_dir("catalog"), "catalog/");
        assert_eq!(uri_dir("."), "./");
    }
}
