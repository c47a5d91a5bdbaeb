//! `schema`: a wrong type, an unknown key, a missing required key, a value
//! outside its list. Every file is checked against the JSON Schema generated
//! from the record types, and every error is reported with its position.

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, Validator};
use serde_json::Value;

use crate::finding::{Finding, ItemRef, Message, Severity};
use crate::model::{enums::listing_by_first_key, schema};
use crate::yaml::{Document, PathSeg, Shape, Span, format_path, pointer_to_path};
use std::collections::HashMap;

use crate::finding::Rule;

pub static RULE: Rule = Rule {
    id: "schema",
    default_severity: Severity::Error,
    can_be_silenced: false,
    summary_zh: "类型错误、未知的键、缺少必填项或取值不在可选范围内",
    summary_en: "a wrong type, unknown key, missing required key, or value outside its list",
    messages: &[
        (
            "schema.duplicate_key",
            "键「{key}」重复出现，以第一次为准",
            "key `{key}` appears twice; the first one counts",
        ),
        (
            "schema.unknown_key",
            "未知的键「{key}」",
            "unknown key `{key}`",
        ),
        (
            "schema.required",
            "缺少必填项「{key}」",
            "required key `{key}` is missing",
        ),
        (
            "schema.type",
            "「{value}」应为{expected}",
            "`{value}` should be {expected}",
        ),
        (
            "schema.enum",
            "「{value}」不在可选范围内，可选：{allowed}",
            "`{value}` is not one of: {allowed}",
        ),
        (
            "schema.minimum",
            "数值不能小于 {limit}",
            "the number must be at least {limit}",
        ),
        (
            "schema.pattern",
            "「{value}」格式不正确（应符合 {pattern}）",
            "`{value}` has the wrong format (expected {pattern})",
        ),
        (
            "schema.other",
            "结构错误：{detail}",
            "structure error: {detail}",
        ),
        (
            "config.missing",
            "在 {catalog} 中找不到 catalog.yaml；请用 -C 指定清单目录，或用 qingdan init 新建",
            "no catalog.yaml in {catalog}; name the catalog folder with -C, or create one with qingdan init",
        ),
        (
            "config.not_a_date",
            "截止日期「{value}」不是日历上的日期（应为 YYYY-MM-DD，如 2027-02-28）",
            "deadline `{value}` is not a calendar date (expected YYYY-MM-DD, such as 2027-02-28)",
        ),
        (
            "config.unknown_rule",
            "未知的规则「{rule}」",
            "unknown rule `{rule}`",
        ),
        (
            "config.office_twice",
            "审核部门 id「{id}」重复（第 {line} 行的审核部门已用此 id）",
            "office id `{id}` is used twice (the office at line {line} has it)",
        ),
        (
            "config.office_is_department",
            "「{id}」既是审核部门的 id，又是实施主体名录中的 id：意见中的「{id}」无法分辨是哪一个，请为审核部门改用其他 id",
            "`{id}` is both an office's id and a department's id in the register: an opinion naming `{id}` could be either; give the office another id",
        ),
        (
            "config.duty_unheld",
            "没有审核部门承担职责「{label}」（{duty}）：请在 offices 中把它交给一个审核部门",
            "no office holds the duty {label} (`{duty}`): give it to one of the offices",
        ),
        (
            "config.not_silenceable",
            "规则「{rule}」不能关闭或降级：一报关口依赖它",
            "rule `{rule}` cannot be switched off or lowered: the report-1 gate stands on it",
        ),
    ],
};

/// Which kind of catalog file a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Item,
    Catalog,
    Departments,
    Reference,
    Review,
    Materials,
    Laws,
    Proofs,
    Fees,
    Consultation,
    Approval,
    Publication,
    Intermediary,
    Agencies,
}

fn validator(kind: FileKind) -> &'static Validator {
    fn compile(schema: Value) -> Validator {
        jsonschema::validator_for(&schema).expect("generated schemas compile")
    }
    static ITEM: LazyLock<Validator> = LazyLock::new(|| compile(schema::item()));
    static CATALOG: LazyLock<Validator> = LazyLock::new(|| compile(schema::catalog()));
    static DEPARTMENTS: LazyLock<Validator> = LazyLock::new(|| compile(schema::departments()));
    static REFERENCE: LazyLock<Validator> = LazyLock::new(|| compile(schema::reference()));
    static REVIEW: LazyLock<Validator> = LazyLock::new(|| compile(schema::review()));
    static MATERIALS: LazyLock<Validator> = LazyLock::new(|| compile(schema::materials()));
    static LAWS: LazyLock<Validator> = LazyLock::new(|| compile(schema::laws()));
    static PROOFS: LazyLock<Validator> = LazyLock::new(|| compile(schema::proofs()));
    static FEES: LazyLock<Validator> = LazyLock::new(|| compile(schema::fees()));
    static CONSULTATION: LazyLock<Validator> = LazyLock::new(|| compile(schema::consultation()));
    static APPROVAL: LazyLock<Validator> = LazyLock::new(|| compile(schema::approval()));
    static PUBLICATION: LazyLock<Validator> = LazyLock::new(|| compile(schema::publication()));
    static INTERMEDIARY: LazyLock<Validator> = LazyLock::new(|| compile(schema::intermediary()));
    static AGENCIES: LazyLock<Validator> = LazyLock::new(|| compile(schema::agencies()));
    match kind {
        FileKind::Item => &ITEM,
        FileKind::Catalog => &CATALOG,
        FileKind::Departments => &DEPARTMENTS,
        FileKind::Reference => &REFERENCE,
        FileKind::Review => &REVIEW,
        FileKind::Materials => &MATERIALS,
        FileKind::Laws => &LAWS,
        FileKind::Proofs => &PROOFS,
        FileKind::Fees => &FEES,
        FileKind::Consultation => &CONSULTATION,
        FileKind::Approval => &APPROVAL,
        FileKind::Publication => &PUBLICATION,
        FileKind::Intermediary => &INTERMEDIARY,
        FileKind::Agencies => &AGENCIES,
    }
}

/// Every schema problem of a document, in file order.
pub fn check(kind: FileKind, file: &str, doc: &Document, item: Option<&ItemRef>) -> Vec<Finding> {
    let mut findings = Vec::new();
    // One finding per distinct problem: the same message at the same place
    // but for the list index (`targets: [x, x, …]`) is reported once, at
    // its first element.
    let mut seen: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    let mut report = |path: Vec<PathSeg>, span: Span, message: Message| {
        let shape: String = path
            .iter()
            .map(|seg| match seg {
                PathSeg::Key(k) => k.as_str(),
                PathSeg::Index(_) => "[]",
            })
            .collect::<Vec<_>>()
            .join("\u{1}");
        if path.iter().any(|seg| matches!(seg, PathSeg::Index(_)))
            && !seen.insert((shape, format!("{message:?}")))
        {
            return;
        }
        findings.push(
            Finding::new(&RULE, message)
                .in_file(file)
                .at(format_path(&path), Some(span))
                .for_item(item.cloned()),
        );
    };
    for (path, span) in &doc.duplicate_keys {
        let key = match path.last() {
            Some(PathSeg::Key(k)) => k.clone(),
            _ => String::new(),
        };
        report(
            path.clone(),
            *span,
            Message::new("schema.duplicate_key").arg("key", key),
        );
    }
    let validator = validator(kind);
    // Most files are valid: the yes/no check is much cheaper than collecting errors.
    if doc.duplicate_keys.is_empty() && validator.is_valid(&doc.value) {
        return findings;
    }
    for error in validator.iter_errors(&doc.value) {
        let path = pointer_to_path(error.instance_path().as_str());
        let at = |path: &[PathSeg]| doc.spans.locate(path);
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                // The mapping's keys, indexed once: 50,000 unknown keys are
                // not 50,000 scans of the mapping.
                let keys: HashMap<&str, Span> = match doc.spans.find(&path).map(|n| &n.shape) {
                    Some(Shape::Map(entries)) => entries
                        .iter()
                        .rev()
                        .map(|(k, span, _)| (k.as_str(), *span))
                        .collect(),
                    _ => HashMap::new(),
                };
                for key in unexpected {
                    let mut key_path = path.clone();
                    key_path.push(PathSeg::Key(key.clone()));
                    let span = keys.get(key.as_str()).copied().unwrap_or_else(|| at(&path));
                    report(
                        key_path,
                        span,
                        Message::new("schema.unknown_key").arg("key", key.as_str()),
                    );
                }
            }
            ValidationErrorKind::Required { property } => {
                let key = property.as_str().unwrap_or_default().to_string();
                // Point at the key of the mapping that lacks it, or its start.
                let span = doc.spans.key_span(&path).unwrap_or_else(|| Span {
                    start: at(&path).start,
                    len: 0,
                });
                let mut missing = path.clone();
                missing.push(PathSeg::Key(key.clone()));
                report(
                    missing,
                    span,
                    Message::new("schema.required").arg("key", key),
                );
            }
            ValidationErrorKind::Type { kind } => {
                let (zh, en) = type_names(kind);
                let message = Message::new("schema.type")
                    .localized("expected", zh, en)
                    .arg("value", short(error.instance()));
                report(path.clone(), at(&path), message);
            }
            ValidationErrorKind::Enum { options } => {
                let first = options.get(0).and_then(Value::as_str).unwrap_or_default();
                let (zh, en) = listing_by_first_key(first).unwrap_or_else(|| {
                    let plain = options.to_string();
                    (plain.clone(), plain)
                });
                let message = Message::new("schema.enum")
                    .arg("value", short(error.instance()))
                    .localized("allowed", zh, en);
                report(path.clone(), at(&path), message);
            }
            ValidationErrorKind::Minimum { limit } => {
                let message = Message::new("schema.minimum").arg("limit", limit.to_string());
                report(path.clone(), at(&path), message);
            }
            ValidationErrorKind::Pattern { pattern } => {
                let message = Message::new("schema.pattern")
                    .arg("value", short(error.instance()))
                    .arg("pattern", pattern.as_str());
                report(path.clone(), at(&path), message);
            }
            _ => {
                let message = Message::new("schema.other").arg("detail", error.to_string());
                report(path.clone(), at(&path), message);
            }
        }
    }
    findings
}

/// A document that passed the schema but still did not make a record
/// (a `deadlines` key that is no round…).
pub fn not_a_record(file: &str, doc: &Document, detail: String, item: Option<&ItemRef>) -> Finding {
    // The reader's message names the offending value (`1e+20`): point at
    // the first value of the document that is it, else at the document.
    let path = offending_value(&detail)
        .and_then(|wanted| path_of_value(&doc.value, &wanted, &mut Vec::new()));
    let (path, span) = match path {
        Some(path) => (format_path(&path), doc.spans.locate(&path)),
        None => (String::new(), doc.spans.span),
    };
    Finding::new(&RULE, Message::new("schema.other").arg("detail", detail))
        .in_file(file)
        .at(path, Some(span))
        .for_item(item.cloned())
}

/// The value a deserializer's message quotes: `` invalid type: floating
/// point `1e+20`, expected u32 `` → the number 1e20.
fn offending_value(detail: &str) -> Option<Value> {
    let start = detail.find('`')? + 1;
    let len = detail[start..].find('`')?;
    let quoted = &detail[start..start + len];
    if detail[..start].contains("integer") || detail[..start].contains("floating point") {
        quoted.parse::<f64>().ok().map(Value::from)
    } else if detail[..start].contains("string") {
        Some(Value::String(quoted.to_string()))
    } else {
        None
    }
}

/// The path of the first value equal to `wanted` (numbers compared as
/// numbers), depth first in document order.
fn path_of_value(value: &Value, wanted: &Value, path: &mut Vec<PathSeg>) -> Option<Vec<PathSeg>> {
    let same = match (value, wanted) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::String(a), Value::String(b)) => a == b,
        _ => false,
    };
    if same {
        return Some(path.clone());
    }
    match value {
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            path.push(PathSeg::Index(i));
            let found = path_of_value(v, wanted, path);
            path.pop();
            found
        }),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            path.push(PathSeg::Key(k.clone()));
            let found = path_of_value(v, wanted, path);
            path.pop();
            found
        }),
        _ => None,
    }
}

fn short(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(40).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn type_names(kind: &TypeKind) -> (String, String) {
    let types: Vec<JsonType> = match kind {
        TypeKind::Single(t) => vec![*t],
        TypeKind::Multiple(set) => set.iter().collect(),
    };
    let zh: Vec<&str> = types.iter().map(|t| type_name(*t).0).collect();
    let en: Vec<&str> = types.iter().map(|t| type_name(*t).1).collect();
    (zh.join("或"), en.join(" or "))
}

fn type_name(t: JsonType) -> (&'static str, &'static str) {
    match t {
        JsonType::String => ("文本", "text"),
        JsonType::Integer => ("整数", "a whole number"),
        JsonType::Number => ("数字", "a number"),
        JsonType::Boolean => ("是/否（true/false）", "true or false"),
        JsonType::Array => ("列表", "a list"),
        JsonType::Object => ("键值映射", "a mapping"),
        JsonType::Null => ("空值", "empty"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<Finding> {
        let doc = crate::yaml::parse(text).unwrap().unwrap();
        check(FileKind::Item, "items/a/x.yaml", &doc, None)
    }

    const CLEAN: &str = "name: 生育登记\nkind: public_service\ncategory: health\ndepartment: wsjw\ntargets: [natural_person]\nlegal_basis:\n  - title: 《人口与计划生育法》\n    article: 第二十条\n";

    #[test]
    fn a_clean_record_passes() {
        assert!(findings(CLEAN).is_empty());
    }

    #[test]
    fn labels_and_codes_are_accepted() {
        let text = CLEAN
            .replace("kind: public_service", "kind: 20")
            .replace("category: health", "category: 医疗卫生");
        assert!(findings(&text).is_empty());
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let f = findings(&format!("{CLEAN}colour: red\n"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message.key, "schema.unknown_key");
        assert_eq!(f[0].path.as_deref(), Some("colour"));
        assert_eq!(f[0].location.unwrap().line(), 9);
    }

    #[test]
    fn value_outside_its_list() {
        let f = findings(&CLEAN.replace("natural_person", "居民"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message.key, "schema.enum");
        assert_eq!(f[0].path.as_deref(), Some("targets[0]"));
    }

    #[test]
    fn missing_required_key() {
        let f = findings(&CLEAN.replace("name: 生育登记\n", ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message.key, "schema.required");
        assert_eq!(f[0].path.as_deref(), Some("name"));
    }

    #[test]
    fn wrong_type_in_a_nested_record() {
        let text = format!("{CLEAN}materials:\n  - name: 身份证\n    copies: 两份\n");
        let f = findings(&text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].message.key, "schema.type");
        assert_eq!(f[0].path.as_deref(), Some("materials[0].copies"));
        assert_eq!(f[0].location.unwrap().line(), 11);
    }

    #[test]
    fn empty_values_count_as_missing() {
        let f = findings(&CLEAN.replace("name: 生育登记", "name:"));
        assert_eq!(f[0].message.key, "schema.required");
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let f = findings(&format!("{CLEAN}name: 又一个\n"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message.key, "schema.duplicate_key");
    }
}
