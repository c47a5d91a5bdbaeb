//! `missing-element`: a service-guide item (`guide: true`, the default)
//! lacks an element the guide must show (seed 004's element table):
//! 受理单位, 办理地点, 申请条件, 申请材料, 基本流程, 办理时限, 收费, 咨询方式.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::Item;
use crate::yaml::{PathSeg, Span, SpanNode};

use super::Rule;

pub static RULE: Rule = Rule {
    id: "missing-element",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "办事指南类事项缺少指南要素或要素为空",
    summary_en: "a service-guide element missing or empty on a guide item",
    messages: &[(
        "missing.element",
        "办事指南类事项缺少「{element}」",
        "the service guide lacks its {element}",
    )],
};

/// A guide element: its key, its Chinese and English names, and whether
/// the item has it.
type Element = (&'static str, &'static str, &'static str, fn(&Item) -> bool);

const ELEMENTS: &[Element] = &[
    ("accepting_unit", "受理单位", "accepting unit", |i| {
        filled(&i.accepting_unit)
    }),
    ("location", "办理地点", "location", |i| {
        filled(&i.location) || !i.locations.is_empty()
    }),
    ("conditions", "申请条件", "conditions", |i| {
        i.conditions.iter().any(|c| !c.trim().is_empty())
    }),
    ("materials", "申请材料", "materials", |i| {
        !i.materials.is_empty()
    }),
    ("process", "基本流程", "process", |i| {
        !i.process.is_empty()
    }),
    (
        "time_limit.legal",
        "法定时限",
        "statutory time limit",
        |i| i.time_limit.as_ref().is_some_and(|t| filled(&t.legal)),
    ),
    (
        "time_limit.promised",
        "承诺时限",
        "promised time limit",
        |i| i.time_limit.as_ref().is_some_and(|t| filled(&t.promised)),
    ),
    ("fee", "收费", "fee", |i| i.fee.is_some()),
    ("consultation", "咨询方式", "consultation", |i| {
        filled(&i.consultation)
    }),
];

fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = view.item else { return };
    if !item.guide || !item.is_active() {
        return;
    }
    for (key, zh, en, present) in ELEMENTS {
        if present(item) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                Message::new("missing.element").localized("element", *zh, *en),
            )
            .in_file(view.file)
            .at(*key, Some(where_it_belongs(view.spans, key)))
            .for_item(Some(view.item_ref.clone())),
        );
    }
}

/// The empty value if the key is there, else the start of the record.
fn where_it_belongs(doc: &SpanNode, key: &str) -> Span {
    let path: Vec<PathSeg> = key
        .split('.')
        .map(|k| PathSeg::Key(k.to_string()))
        .collect();
    if let Some(span) = doc.key_span(&path) {
        return span;
    }
    if let Some(span) = doc.key_span(&path[..1]) {
        return span;
    }
    Span {
        start: doc.span.start,
        len: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, item_rule_findings};

    fn run(text: &str) -> Vec<Finding> {
        item_rule_findings(&[("items/wsjw/a.yaml", text)], check_item)
    }

    #[test]
    fn complete_guide_item_is_clean() {
        assert!(run(GUIDE_ITEM).is_empty());
    }

    #[test]
    fn missing_and_empty_elements() {
        let text = GUIDE_ITEM
            .replace("location: 市民中心一楼\n", "")
            .replace("consultation: 0577-88990000\n", "consultation: \"  \"\n");
        let out = run(&text);
        let keys: Vec<_> = out.iter().map(|f| f.path.as_deref().unwrap()).collect();
        assert_eq!(keys, ["location", "consultation"]);
        assert_eq!(
            out[1].location.unwrap().line(),
            run_line(&text, "consultation:")
        );
    }

    fn run_line(text: &str, needle: &str) -> u32 {
        text.lines().position(|l| l.starts_with(needle)).unwrap() as u32 + 1
    }

    #[test]
    fn non_guide_and_cancelled_items_need_no_guide() {
        assert!(run(crate::catalog::tests::MINIMAL_ITEM).is_empty());
        let cancelled = GUIDE_ITEM.replace("location: 市民中心一楼\n", "") + "status: cancelled\n";
        assert!(run(&cancelled).is_empty());
    }

    #[test]
    fn promised_time_limit_is_an_element() {
        let out = run(&GUIDE_ITEM.replace("  promised: 3个工作日\n", ""));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("time_limit.promised"));
    }
}
