//! `code-format`: an item code matches its pattern, its check character is
//! right, its region is the catalog's, and its type and department segments
//! agree with the item's kind and with the department its ledger line
//! recorded (a code never changes when an item moves, so the ledger, not
//! the item's current department, is the reference). A sub-item's
//! `{parent}` segment is the code of its main item.

use crate::catalog::{Catalog, LoadedItem};
use crate::coding_rule::pattern::{Mismatch, Parsed, padded_region};
use crate::coding_rule::{Pattern, kind_code, normalize_ref, parent_of};
use crate::finding::{Finding, Message, Severity};
use crate::model::{Department, Item, Labelled};
use crate::yaml::PathSeg;

use super::Rule;
use super::register::credit_code_check_char;

pub static RULE: Rule = Rule {
    id: "code-format",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "事项编码不符合编码规则：格式、校验位、行政区划，或类型段、部门段、主项段与事项类型、台账登记和主项不一致",
    summary_en: "an item code breaks the coding rule: pattern, check character, region, or type, department and main item segments",
    messages: &[
        (
            "code.format.pattern",
            "事项编码「{code}」不符合编码规则「{pattern}」",
            "item code `{code}` does not match the coding rule `{pattern}`",
        ),
        (
            "code.format.literal",
            "事项编码「{code}」第 {position} 位起应为「{expected}」，实为「{found}」（编码规则「{pattern}」）",
            "item code `{code}` has `{found}` at character {position} where the coding rule `{pattern}` has `{expected}`",
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
            "code.format.credit_invalid",
            "事项编码「{code}」的信用代码段「{segment}」不是有效的统一社会信用代码（GB 32100 校验不通过）",
            "item code `{code}` holds `{segment}`, which is not a valid unified social credit code (GB 32100 check)",
        ),
        (
            "code.format.credit",
            "事项编码「{code}」的信用代码段为「{segment}」，实施主体「{department}」的统一社会信用代码为「{expected}」",
            "item code `{code}` holds credit code `{segment}`, but `{department}` has credit code `{expected}`",
        ),
        (
            "code.format.reference",
            "事项编码「{code}」的参考目录段为「{segment}」，与参考目录编码「{expected}」不符",
            "item code `{code}` holds reference `{segment}`, not the item's reference code `{expected}`",
        ),
        (
            "code.format.parent",
            "事项编码「{code}」的主项段为「{segment}」，而主项「{main}」的编码为「{expected}」",
            "item code `{code}` holds main item code `{segment}`, but its main item `{main}` has code `{expected}`",
        ),
        (
            "code.format.parent_uncoded",
            "事项编码「{code}」的主项段为「{segment}」，而主项「{main}」还没有事项编码",
            "item code `{code}` holds main item code `{segment}`, but its main item `{main}` has no code yet",
        ),
        (
            "code.format.parent_unknown",
            "事项编码「{code}」的主项段「{segment}」不是本清单任何事项的编码，台账中也没有",
            "item code `{code}` holds main item code `{segment}`, which is no item's code in this catalog or its ledger",
        ),
        // Configuration (reported under `schema`: a bad rule stops every command).
        (
            "coding.pattern.unknown",
            "catalog.yaml 的 {field} 含无法识别的占位符「{placeholder}」；可用占位符：{type}{region}{region:N}{dept}{credit}{ref}{parent}{seq:N}{seq0:N}{check}",
            "{field} in catalog.yaml holds `{placeholder}`, which is not a placeholder; use {type}{region}{region:N}{dept}{credit}{ref}{parent}{seq:N}{seq0:N}{check}",
        ),
        (
            "coding.pattern.literal",
            "catalog.yaml 的 {field} 中的文字「{placeholder}」含编码不能使用的字符；占位符以外只能写 0-9、A-Z 和 - _ . /",
            "{field} in catalog.yaml holds the text `{placeholder}`, with characters a code cannot hold; outside placeholders write only 0-9, A-Z and - _ . /",
        ),
        (
            "coding.pattern.check_not_last",
            "catalog.yaml 的 {field} 中 {check} 须在末尾，其后不能再有内容",
            "{field} in catalog.yaml must end with {check} when it has one, with nothing after it",
        ),
        (
            "coding.pattern.no_seq",
            "catalog.yaml 的 {field} 须含顺序号 {seq:N} 或 {seq0:N}",
            "{field} in catalog.yaml must hold a sequence number {seq:N} or {seq0:N}",
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
            "coding.pattern.region_width",
            "catalog.yaml 的 {field} 中「{placeholder}」的位数须为 6 到 12（行政区划代码右补 0）",
            "{field} in catalog.yaml: `{placeholder}` needs a width from 6 to 12 (the region code padded with zeros)",
        ),
        (
            "coding.pattern.ref_without_reference",
            "catalog.yaml 的 {field} 用于未列入参考目录的事项，不能含 {ref}（请写在 coding.reference_pattern 中）",
            "{field} in catalog.yaml is for items without a reference code and cannot hold {ref} (use coding.reference_pattern)",
        ),
        (
            "coding.pattern.two_variable",
            "catalog.yaml 的 {field} 不能同时含 {ref} 和 {parent}：两段长度都不固定，编码无法读回",
            "{field} in catalog.yaml cannot hold both {ref} and {parent}: both vary in length, so codes could not be read back",
        ),
        (
            "coding.pattern.parent_outside",
            "catalog.yaml 的 {field} 不能含 {parent}：只有子项有主项，子项的编码规则请写在 coding.sub_item_pattern 中",
            "{field} in catalog.yaml cannot hold {parent}: only sub-items have a main item; write their rule in coding.sub_item_pattern",
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
        (
            "code.cannot.parent",
            "无法编码：编码规则含 {parent}，但该事项没有主项编码",
            "cannot code: the coding rule holds {parent}, but the item has no main item code",
        ),
        (
            "code.cannot.parent_unknown",
            "无法编码：主项「{parent}」不存在，而子项的编码规则「{pattern}」以主项编码开头",
            "cannot code: main item `{parent}` does not exist, and the sub-item rule `{pattern}` starts from the main item's code",
        ),
        (
            "code.cannot.parent_itself",
            "无法编码：事项把自己填为主项，而子项的编码规则「{pattern}」以主项编码开头",
            "cannot code: the item names itself as its main item, and the sub-item rule `{pattern}` starts from the main item's code",
        ),
        (
            "code.cannot.parent_cancelled",
            "无法编码：主项「{main}」已取消，不能在其编码下为子项编码",
            "cannot code: main item `{main}` is cancelled, so no sub-item is coded under its code",
        ),
        (
            "code.cannot.parent_uncoded",
            "无法编码：主项「{main}」没有事项编码，本次也无法为其编码（见该主项的问题）；子项的编码规则「{pattern}」以主项编码开头",
            "cannot code: main item `{main}` has no code and could not be coded in this run (see its problem); the sub-item rule `{pattern}` starts from the main item's code",
        ),
        (
            "code.cannot.characters",
            "无法编码：「{text}」含编码不能使用的字符（只能用 0-9、A-Z 和 - _ . /）",
            "cannot code: `{text}` holds characters a code cannot hold (only 0-9, A-Z and - _ . /)",
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
    let patterns = catalog.coding.for_item(item);
    let first = patterns[0];
    let mut readings = Vec::new();
    let mut own = None;
    for pattern in patterns {
        match pattern.read(code) {
            Ok(parsed) => readings.push((pattern, parsed)),
            Err(mismatch) if own.is_none() => own = Some(mismatch),
            Err(_) => {}
        }
    }
    if readings.is_empty() {
        return Some(mismatch_message(code, first, own));
    }
    let problems: Vec<(&Pattern, Option<Message>)> = readings
        .into_iter()
        .map(|(pattern, parsed)| (pattern, problem_under(catalog, item, code, pattern, parsed)))
        .collect();
    if problems.iter().any(|(_, problem)| problem.is_none()) {
        return None;
    }
    // A code that merely looks like `<something>-NN` is no sub-item code:
    // for an item that is not a sub-item, a reading under the sub-item
    // pattern counts when it is sound and is never what is reported.
    let sub_item = &catalog.coding.sub_item;
    let reported = problems
        .into_iter()
        .filter(|(pattern, _)| std::ptr::eq(*pattern, first) || !std::ptr::eq(*pattern, sub_item))
        .find_map(|(_, problem)| problem);
    reported.or_else(|| Some(mismatch_message(code, first, own)))
}

/// The message for a code its own pattern does not read.
fn mismatch_message(code: &str, pattern: &Pattern, mismatch: Option<Mismatch>) -> Message {
    let msg = Message::new(match mismatch {
        Some(Mismatch::Literal { .. }) => "code.format.literal",
        _ => "code.format.pattern",
    })
    .arg("code", code)
    .arg("pattern", pattern.text());
    match mismatch {
        Some(Mismatch::Literal {
            position,
            expected,
            found,
        }) => msg
            .arg("position", position.to_string())
            .arg("expected", expected)
            .arg("found", found),
        _ => msg,
    }
}

fn problem_under(
    catalog: &Catalog,
    item: &Item,
    code: &str,
    pattern: &Pattern,
    parsed: Parsed,
) -> Option<Message> {
    let msg = |key: &'static str| Message::new(key).arg("code", code);
    if let Some(expected) = pattern.expected_check(code)
        && !code.ends_with(expected)
    {
        return Some(msg("code.format.check").arg("expected", expected.to_string()));
    }
    let region = &catalog.config.region.code;
    for segment in parsed.region {
        let expected = padded_region(region, segment.len());
        if segment != expected {
            return Some(
                msg("code.format.region")
                    .arg("segment", segment)
                    .arg("expected", expected),
            );
        }
    }
    let kind = kind_code(item);
    if let Some(segment) = parsed.kind.into_iter().find(|s| *s != kind) {
        let label = item.kind;
        return Some(
            msg("code.format.type")
                .arg("segment", segment)
                .localized("kind", label.zh(), label.en())
                .arg("expected", kind),
        );
    }
    let owner = ledger_department(catalog, code);
    if let Some(department) = owner
        && let Some(segment) = parsed.dept.into_iter().find(|s| *s != department.code)
    {
        return Some(
            msg("code.format.department")
                .arg("segment", segment)
                .arg("department", department.id.as_str())
                .arg("expected", department.code.as_str()),
        );
    }
    // The credit segment names the body the code was given to: the
    // ledger's department, or the item's own when the ledger has no line.
    let body = owner.or_else(|| catalog.department(&item.department));
    for segment in parsed.credit {
        if credit_code_check_char(segment).is_none_or(|c| !segment.ends_with(c)) {
            return Some(msg("code.format.credit_invalid").arg("segment", segment));
        }
        if let Some(department) = body
            && segment != department.credit_code
        {
            return Some(
                msg("code.format.credit")
                    .arg("segment", segment)
                    .arg("department", department.id.as_str())
                    .arg("expected", department.credit_code.as_str()),
            );
        }
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
    parsed
        .parent
        .and_then(|segment| parent_problem(catalog, item, segment))
        .map(|m| m.arg("code", code))
}

/// A `{parent}` segment that is not the code of the item's main item. An
/// item whose main item cannot be found (`parent-item` says why), or that
/// has no `parent` now (it was a sub-item when it was coded, and a code
/// never changes), needs a segment that is some item's code or a ledger
/// code.
fn parent_problem(catalog: &Catalog, item: &Item, segment: &str) -> Option<Message> {
    let msg = |key: &'static str| Message::new(key).arg("segment", segment);
    let main = parent_of(item).and_then(|_| catalog.parent_of(item));
    if let Some(main) = main {
        let name = main
            .item_ref
            .name
            .clone()
            .unwrap_or_else(|| main.file.clone());
        return match main.item_ref.code.as_deref().filter(|c| !c.is_empty()) {
            Some(expected) if expected == segment => None,
            Some(expected) => Some(
                msg("code.format.parent")
                    .arg("main", name)
                    .arg("expected", expected),
            ),
            None => Some(msg("code.format.parent_uncoded").arg("main", name)),
        };
    }
    let known = catalog
        .items
        .iter()
        .any(|l| l.item_ref.code.as_deref() == Some(segment))
        || catalog.ledger.contains(segment);
    (!known).then(|| msg("code.format.parent_unknown"))
}

/// The department the ledger first gave a code to.
fn ledger_department<'a>(catalog: &'a Catalog, code: &str) -> Option<&'a Department> {
    let line = catalog.ledger.first(code)?;
    catalog.department(&line.department)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with;
    use crate::coding_rule::Rules;
    use crate::coding_rule::pattern::Fields;
    use crate::i18n::Lang;
    use crate::texts::text;

    /// A code of the default rule in region 330399.
    pub fn code(kind: &str, dept: &str, seq: u64) -> String {
        code_in(kind, "330399", dept, seq)
    }

    fn code_in(kind: &str, region: &str, dept: &str, seq: u64) -> String {
        let fields = Fields {
            kind,
            region,
            dept,
            credit: "",
            reference: "",
            parent: None,
        };
        Rules::default().pattern.build(&fields, seq).unwrap()
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
        let region = code_in("20", "330300", "002", 1);
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

    fn sub_item(code: &str, name: &str, parent: &str) -> String {
        format!("{}parent: \"{parent}\"\n", item(code, "mzj", name))
    }

    fn messages(files: &[(&str, &str)]) -> Vec<Message> {
        let mut out = Vec::new();
        check(&catalog_with(files), &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    /// `{parent}` (the default `sub_item_pattern` is `{parent}-{seq:2}`):
    /// the segment is the code of the item's actual main item.
    #[test]
    fn a_parent_segment_is_the_main_items_code() {
        let main = code("20", "002", 1);
        let other = code("20", "002", 2);
        let good = format!("{main}-01");
        let main_file = item(&main, "mzj", "主");
        let other_file = item(&other, "mzj", "另一主项");
        let clean = messages(&[
            ("items/mzj/主.yaml", &main_file),
            ("items/mzj/子.yaml", &sub_item(&good, "子", "主.yaml")),
            // Named by code as well as by file.
            (
                "items/mzj/子2.yaml",
                &sub_item(&format!("{main}-02"), "子2", &main),
            ),
        ]);
        assert!(clean.is_empty(), "{clean:?}");

        let wrong = format!("{other}-01");
        let found = messages(&[
            ("items/mzj/主.yaml", &main_file),
            ("items/mzj/另一主项.yaml", &other_file),
            ("items/mzj/子.yaml", &sub_item(&wrong, "子", "主.yaml")),
        ]);
        assert_eq!(keys(&found), ["code.format.parent"]);
        assert_eq!(
            text(Lang::Zh, &found[0]),
            format!("事项编码「{wrong}」的主项段为「{other}」，而主项「主」的编码为「{main}」")
        );
        assert_eq!(
            text(Lang::En, &found[0]),
            format!(
                "item code `{wrong}` holds main item code `{other}`, but its main item `主` has code `{main}`"
            )
        );

        let uncoded = item("", "mzj", "主").replace("code: \"\"\n", "");
        let found = messages(&[
            ("items/mzj/主.yaml", &uncoded),
            ("items/mzj/子.yaml", &sub_item(&good, "子", "主.yaml")),
        ]);
        assert_eq!(keys(&found), ["code.format.parent_uncoded"]);
        assert_eq!(
            text(Lang::En, &found[0]),
            format!(
                "item code `{good}` holds main item code `{main}`, but its main item `主` has no code yet"
            )
        );
    }

    /// A code never changes: an item that is no longer a sub-item keeps
    /// its code, sound while the segment is a code the catalog gave.
    #[test]
    fn a_former_sub_item_keeps_its_code() {
        let main = code("20", "002", 1);
        let good = format!("{main}-01");
        let ledger = format!("{main}\tmzj\t主\t2027-01-05\n{good}\tmzj\t子\t2027-01-05\n");
        let found = messages(&[
            ("codes.ledger", &ledger),
            ("items/mzj/子.yaml", &item(&good, "mzj", "子")),
        ]);
        assert!(found.is_empty(), "{found:?}");
        // A segment no code the catalog gave: this is no sub-item code, and
        // the item's own pattern speaks.
        let stray = format!("{}-01", code("20", "002", 7));
        let found = messages(&[("items/mzj/子.yaml", &item(&stray, "mzj", "子"))]);
        assert_eq!(keys(&found), ["code.format.pattern"]);
        // A sub-item whose main item cannot be found (`parent-item` reports
        // it) still has its segment checked against the codes given.
        let found = messages(&[(
            "items/mzj/子.yaml",
            &sub_item(&stray, "子", "无此主项.yaml"),
        )]);
        assert_eq!(keys(&found), ["code.format.parent_unknown"]);
        assert_eq!(
            text(Lang::Zh, &found[0]),
            format!(
                "事项编码「{stray}」的主项段「{}」不是本清单任何事项的编码，台账中也没有",
                code("20", "002", 7)
            )
        );
    }

    /// A main item's code in the national shape, separators and all, reads
    /// back whole as the `{parent}` segment of its sub-items' codes; the
    /// main item's own code is not taken for a sub-item's.
    #[test]
    fn sub_items_of_a_national_main_item() {
        let config = "region: {code: \"330399\", name: 瓯江市}\ncoding: {preset: national, sub_item_pattern: \"{parent}/{seq:2}\"}\n";
        let main = format!("330A0138000000-330399000000-000-{MZJ_CREDIT}-1-00");
        let main_file = item(&main, "mzj", "主")
            .replace("name: 主", "reference_code: 330A0138000000\nname: 主");
        let ledger = format!("{main}\tmzj\t主\t2027-01-05\n");
        let sub = format!("{main}/01");
        let files = |sub_code: &str| {
            messages(&[
                ("catalog.yaml", config),
                ("codes.ledger", &ledger),
                ("items/mzj/主.yaml", &main_file),
                ("items/mzj/子.yaml", &sub_item(sub_code, "子", "主.yaml")),
            ])
        };
        assert!(files(&sub).is_empty(), "{:?}", files(&sub));
        let other = sub.replace("-1-00/", "-1-01/");
        assert_eq!(keys(&files(&other)), ["code.format.parent"]);
    }

    #[test]
    fn parent_only_in_the_sub_item_pattern() {
        use crate::coding_rule::PatternError;
        use crate::model::Coding;
        let coding = |pattern: Option<&str>, reference: Option<&str>| Coding {
            pattern: pattern.map(String::from),
            reference_pattern: reference.map(String::from),
            ..Coding::default()
        };
        assert_eq!(
            Rules::from_config(&coding(Some("{parent}{seq:2}"), None)),
            Err(("pattern", PatternError::ParentOutsideSubItems))
        );
        assert_eq!(
            Rules::from_config(&coding(None, Some("{parent}-{region}{seq:2}"))),
            Err(("reference_pattern", PatternError::ParentOutsideSubItems))
        );
        let message =
            crate::coding_rule::pattern_message("pattern", &PatternError::ParentOutsideSubItems);
        assert_eq!(
            text(Lang::Zh, &message),
            "catalog.yaml 的 coding.pattern 不能含 {parent}：只有子项有主项，子项的编码规则请写在 coding.sub_item_pattern 中"
        );
        assert_eq!(
            text(Lang::En, &message),
            "coding.pattern in catalog.yaml cannot hold {parent}: only sub-items have a main item; write their rule in coding.sub_item_pattern"
        );
        let rules = Rules::default();
        assert_eq!(rules.sub_item.text(), "{parent}-{seq:2}");
    }

    /// The national preset: mzj's credit code from the register.
    const NATIONAL: &str = "region: {code: \"330399\", name: 瓯江市}\ncoding: {preset: national}\n";
    const MZJ_CREDIT: &str = "91440300708461136T";

    fn national(code: &str) -> Vec<Message> {
        let ledger = format!("{code}\tmzj\t甲\t2027-01-05\n");
        let text =
            item(code, "mzj", "甲").replace("name: 甲", "reference_code: 330A0138000000\nname: 甲");
        let mut out = Vec::new();
        check(
            &catalog_with(&[
                ("catalog.yaml", NATIONAL),
                ("codes.ledger", &ledger),
                ("items/mzj/甲.yaml", &text),
            ]),
            &mut out,
        );
        out.into_iter().map(|f| f.message).collect()
    }

    fn keys(messages: &[Message]) -> Vec<&'static str> {
        messages.iter().map(|m| m.key).collect()
    }

    #[test]
    fn national_codes_are_checked_segment_by_segment() {
        let good = format!("330A0138000000-330399000000-000-{MZJ_CREDIT}-1-00");
        assert!(national(&good).is_empty(), "{:?}", national(&good));
        let separator = good.replacen("-000-", "_000-", 1);
        assert_eq!(keys(&national(&separator)), ["code.format.literal"]);
        let region = good.replace("330399000000", "330399000001");
        assert_eq!(keys(&national(&region)), ["code.format.region"]);
        // wsjw's valid credit code where the ledger says mzj.
        let other_body = good.replace(MZJ_CREDIT, "11330300MB0126903T");
        assert_eq!(keys(&national(&other_body)), ["code.format.credit"]);
        let broken = good.replace(MZJ_CREDIT, "91440300708461136X");
        assert_eq!(keys(&national(&broken)), ["code.format.credit_invalid"]);
        let fixed = good.replace("-000-", "-001-");
        assert_eq!(keys(&national(&fixed)), ["code.format.literal"]);
        // A default-rule code under the national preset is off its pattern:
        // changing the rule re-codes nothing, and validate says so.
        assert_eq!(
            keys(&national(&code("20", "002", 1))),
            ["code.format.pattern"]
        );
    }

    #[test]
    fn national_messages_in_both_languages() {
        let good = format!("330A0138000000-330399000000-000-{MZJ_CREDIT}-1-00");
        let rule = "{ref}-{region:12}-000-{credit}-1-{seq0:2}";
        let separator = good.replacen("-000-", "_000-", 1);
        let broken = good.replace(MZJ_CREDIT, "91440300708461136X");
        let cases = [
            (
                &separator,
                format!(
                    "事项编码「{separator}」第 28 位起应为「-000-」，实为「_000-」（编码规则「{rule}」）"
                ),
                format!(
                    "item code `{separator}` has `_000-` at character 28 where the coding rule `{rule}` has `-000-`"
                ),
            ),
            (
                &broken,
                format!(
                    "事项编码「{broken}」的信用代码段「91440300708461136X」不是有效的统一社会信用代码（GB 32100 校验不通过）"
                ),
                format!(
                    "item code `{broken}` holds `91440300708461136X`, which is not a valid unified social credit code (GB 32100 check)"
                ),
            ),
        ];
        for (code, zh, en) in cases {
            let message = &national(code)[0];
            assert_eq!(text(Lang::Zh, message), zh);
            assert_eq!(text(Lang::En, message), en);
        }
    }
}
