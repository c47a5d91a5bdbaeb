//! `code-format`: an item code matches its pattern, its check character is
//! right, its region is the catalog's, and its type and department segments
//! agree with the item's kind and with the department its ledger line
//! recorded (a code never changes when an item moves, so the ledger, not
//! the item's current department, is the reference).

use crate::catalog::{Catalog, LoadedItem};
use crate::coding_rule::{Pattern, check::check_char, kind_code, normalize_ref};
use crate::finding::{Finding, Message, Severity};
use crate::model::{Item, Labelled};
use crate::yaml::PathSeg;

use super::Rule;

pub static RULE: Rule = Rule {
    id: "code-format",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "事项编码不符合编码规则：格式、校验位、行政区划，或类型段、部门段与事项类型和台账登记不一致",
    summary_en: "an item code breaks the coding rule: pattern, check character, region, or type and department segments",
    messages: &[
        (
            "code.format.pattern",
            "事项编码「{code}」不符合编码规则「{pattern}」",
            "item code `{code}` does not match the coding rule `{pattern}`",
        ),
        (
            "code.format.check",
            "事项编码「{code}」的校验位错误，应为「{expected}」",
            "item code `{code}` has a wrong check character; expected `{expected}`",
        ),
        (
            "code.format.region",
            "事项编码「{code}」的行政区划段为「{segment}」，本清单为「{expected}」",
            "item code `{code}` has region `{segment}`; this catalog's region is `{expected}`",
        ),
        (
            "code.format.type",
            "事项编码「{code}」的类型段为「{segment}」，与事项类型「{kind}」（{expected}）不符",
            "item code `{code}` has type `{segment}`, but the item is a {kind} ({expected})",
        ),
        (
            "code.format.department",
            "事项编码「{code}」的部门段为「{segment}」，台账登记的实施主体「{department}」代码为「{expected}」",
            "item code `{code}` has department `{segment}`, but the ledger gave it to `{department}` (code `{expected}`)",
        ),
        (
            "code.format.reference",
            "事项编码「{code}」的参考目录段为「{segment}」，与参考目录编码「{expected}」不符",
            "item code `{code}` holds reference `{segment}`, not the item's reference code `{expected}`",
        ),
        // Configuration (reported under `schema`: a bad rule stops every command).
        (
            "coding.pattern.unknown",
            "catalog.yaml 的 {field} 含无法识别的内容「{placeholder}」；可用占位符：{type}{region}{dept}{ref}{seq:N}{check}",
            "{field} in catalog.yaml holds `{placeholder}`, which is not a placeholder; use {type}{region}{dept}{ref}{seq:N}{check}",
        ),
        (
            "coding.pattern.no_check",
            "catalog.yaml 的 {field} 须以 {check} 结尾",
            "{field} in catalog.yaml must end with {check}",
        ),
        (
            "coding.pattern.check_not_last",
            "catalog.yaml 的 {field} 须以 {check} 结尾，其后不能再有内容",
            "{field} in catalog.yaml must end with {check}, with nothing after it",
        ),
        (
            "coding.pattern.no_seq",
            "catalog.yaml 的 {field} 须含顺序号 {seq:N}",
            "{field} in catalog.yaml must hold a sequence number {seq:N}",
        ),
        (
            "coding.pattern.seq_not_before_check",
            "catalog.yaml 的 {field} 中顺序号 {seq:N} 须紧挨在 {check} 之前",
            "{field} in catalog.yaml must put the sequence number {seq:N} right before {check}",
        ),
        (
            "coding.pattern.twice",
            "catalog.yaml 的 {field} 中「{placeholder}」出现了不止一次",
            "{field} in catalog.yaml holds `{placeholder}` more than once",
        ),
        (
            "coding.pattern.seq_width",
            "catalog.yaml 的 {field} 中「{placeholder}」的位数须为 1 到 9",
            "{field} in catalog.yaml: `{placeholder}` needs a width from 1 to 9",
        ),
        (
            "coding.pattern.ref_without_reference",
            "catalog.yaml 的 {field} 用于未列入参考目录的事项，不能含 {ref}（请写在 coding.reference_pattern 中）",
            "{field} in catalog.yaml is for items without a reference code and cannot hold {ref} (use coding.reference_pattern)",
        ),
        // Items `qingdan code` cannot code.
        (
            "code.cannot.department",
            "无法编码：实施主体「{department}」不在 departments.yaml 中",
            "cannot code: department `{department}` is not in departments.yaml",
        ),
        (
            "code.cannot.exhausted",
            "无法编码：前缀「{prefix}」下的顺序号已用完，请加长 {seq:N} 的位数",
            "cannot code: the sequence numbers under prefix `{prefix}` are used up; widen {seq:N}",
        ),
    ],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    for (loaded, item) in catalog.records() {
        let Some(code) = item.code.as_deref().filter(|c| !c.is_empty()) else {
            continue;
        };
        if let Some(message) = problem(catalog, item, code) {
            out.push(at_code(&RULE, loaded, message));
        }
    }
}

/// A finding at an item's `code` value.
pub fn at_code(rule: &'static Rule, loaded: &LoadedItem, message: Message) -> Finding {
    let span = loaded
        .spans
        .as_ref()
        .and_then(|s| s.find(&[PathSeg::Key("code".into())]))
        .map(|n| n.span);
    Finding::new(rule, message)
        .in_file(&loaded.file)
        .at("code", span)
        .for_item(Some(loaded.item_ref.clone()))
}

/// The code's problem, if no reading of it under either pattern is sound.
/// A code like `{ref}…` can be read more than one way (the reference
/// segment has no fixed length), so every reading is tried and the item's
/// own pattern speaks when none is sound.
fn problem(catalog: &Catalog, item: &Item, code: &str) -> Option<Message> {
    let (first, second) = catalog.coding.for_item(item);
    let readings: Vec<_> = [first, second]
        .into_iter()
        .filter_map(|p| p.read(code).map(|parsed| (p, parsed)))
        .collect();
    if readings.is_empty() {
        let msg = Message::new("code.format.pattern").arg("code", code);
        return Some(msg.arg("pattern", pattern_text(catalog, first)));
    }
    let problems: Vec<Option<Message>> = readings
        .into_iter()
        .map(|(pattern, parsed)| problem_under(catalog, item, code, pattern, parsed))
        .collect();
    if problems.iter().any(Option::is_none) {
        None
    } else {
        problems.into_iter().flatten().next()
    }
}

fn problem_under(
    catalog: &Catalog,
    item: &Item,
    code: &str,
    pattern: &Pattern,
    parsed: crate::coding_rule::pattern::Parsed,
) -> Option<Message> {
    let msg = |key: &'static str| Message::new(key).arg("code", code);
    let (body, last) = code.split_at(code.len() - 1);
    if let Some(expected) = check_char(body)
        && last != expected.to_string()
    {
        return Some(msg("code.format.check").arg("expected", expected.to_string()));
    }
    let region = &catalog.config.region.code;
    if let Some(segment) = parsed.region.filter(|s| s != region) {
        return Some(
            msg("code.format.region")
                .arg("segment", segment)
                .arg("expected", region.as_str()),
        );
    }
    let kind = kind_code(item);
    if let Some(segment) = parsed.kind.filter(|s| *s != kind) {
        let label = item.kind;
        return Some(
            msg("code.format.type")
                .arg("segment", segment)
                .localized("kind", label.zh(), label.en())
                .arg("expected", kind),
        );
    }
    if let Some(segment) = parsed.dept
        && let Some((department, expected)) = ledger_department(catalog, code)
        && segment != expected
    {
        return Some(
            msg("code.format.department")
                .arg("segment", segment)
                .arg("department", department)
                .arg("expected", expected),
        );
    }
    let reference = item
        .reference_code
        .as_deref()
        .map(normalize_ref)
        .filter(|r| !r.is_empty());
    if pattern.has_ref()
        && let (Some(segment), Some(expected)) = (parsed.reference, reference)
        && segment != expected
    {
        return Some(
            msg("code.format.reference")
                .arg("segment", segment)
                .arg("expected", expected),
        );
    }
    None
}

/// The department the ledger first gave a code to, with its register code.
fn ledger_department(catalog: &Catalog, code: &str) -> Option<(String, String)> {
    let line = catalog.ledger.first(code)?;
    let department = catalog.department(&line.department)?;
    Some((line.department.clone(), department.code.clone()))
}

fn pattern_text<'a>(catalog: &'a Catalog, pattern: &Pattern) -> &'a str {
    if *pattern == catalog.coding.reference {
        &catalog.config.coding.reference_pattern
    } else {
        &catalog.config.coding.pattern
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with;
    use crate::coding_rule::Rules;

    /// A code of the default rule in region 330399.
    pub fn code(kind: &str, dept: &str, seq: u64) -> String {
        let rules = Rules::default();
        rules
            .pattern
            .build(&format!("{kind}330399{dept}"), seq)
            .unwrap()
    }

    pub fn item(code: &str, department: &str, name: &str) -> String {
        format!(
            "code: \"{code}\"\nname: {name}\nkind: public_service\ncategory: other\ndepartment: {department}\ntargets: [natural_person]\nlegal_basis: [{{title: 《条例》, article: 第一条}}]\nguide: false\n"
        )
    }

    fn run(files: &[(&str, &str)]) -> Vec<&'static str> {
        let mut out = Vec::new();
        check(&catalog_with(files), &mut out);
        out.iter().map(|f| f.message.key).collect()
    }

    #[test]
    fn a_good_code_passes_and_a_moved_item_keeps_its_code() {
        let good = code("20", "002", 1);
        let ledger = format!("{good}\tmzj\t甲\t2027-01-05\n");
        assert!(
            run(&[
                ("codes.ledger", &ledger),
                ("items/mzj/甲.yaml", &item(&good, "mzj", "甲"))
            ])
            .is_empty()
        );
        // Moved to wsjw (001) and renamed: the ledger still says mzj (002).
        assert!(
            run(&[
                ("codes.ledger", &ledger),
                ("items/wsjw/乙.yaml", &item(&good, "wsjw", "乙"))
            ])
            .is_empty()
        );
    }

    #[test]
    fn each_segment_is_checked() {
        let good = code("20", "002", 1);
        let ledger = |c: &str, d: &str| format!("{c}\t{d}\t甲\t2027-01-05\n");
        let wrong_check = format!(
            "{}{}",
            &good[..15],
            if good.ends_with('0') { '1' } else { '0' }
        );
        assert_eq!(
            run(&[("items/mzj/甲.yaml", &item(&wrong_check, "mzj", "甲"))]),
            ["code.format.check"]
        );
        assert_eq!(
            run(&[("items/mzj/甲.yaml", &item("20330399", "mzj", "甲"))]),
            ["code.format.pattern"]
        );
        let region = Rules::default().pattern.build("20330300002", 1).unwrap();
        assert_eq!(
            run(&[("items/mzj/甲.yaml", &item(&region, "mzj", "甲"))]),
            ["code.format.region"]
        );
        let license = code("01", "002", 1);
        assert_eq!(
            run(&[("items/mzj/甲.yaml", &item(&license, "mzj", "甲"))]),
            ["code.format.type"]
        );
        let other_dept = code("20", "001", 1);
        let files = [
            ("codes.ledger", ledger(&other_dept, "mzj")),
            ("items/mzj/甲.yaml", item(&other_dept, "mzj", "甲")),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
        assert_eq!(run(&files), ["code.format.department"]);
    }

    #[test]
    fn a_code_given_by_rule_stays_valid_when_a_reference_code_is_added() {
        // `{ref}` has no fixed length, so this code also reads as ref `2033`
        // + region `039900`…; the sound reading under `pattern` counts.
        let good = code("20", "002", 1);
        let ledger = format!("{good}\tmzj\t甲\t2027-01-05\n");
        let text =
            item(&good, "mzj", "甲").replace("name: 甲", "reference_code: ZJ-GGFW-0301\nname: 甲");
        assert!(run(&[("codes.ledger", &ledger), ("items/mzj/甲.yaml", &text)]).is_empty());
    }
}
