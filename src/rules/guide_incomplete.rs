//! `guide-incomplete`: a service-guide item that shows an applicant neither a
//! sample text (示范文本) nor a common-error example (常见错误示例) for any
//! material. Seed 004 lists 示范文本及常见错误示例 among the guide's elements.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};

use crate::yaml::PathSeg;

use super::{Rule, active, item_finding_at};

pub static RULE: Rule = Rule {
    id: "guide-incomplete",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "办事指南类事项没有任何示范文本或常见错误示例",
    summary_en: "a guide item with no sample text and no common-error example anywhere",
    messages: &[(
        "guide.no_examples",
        "办事指南没有任何材料的示范文本（sample）或常见错误示例（common_errors）",
        "the service guide gives no sample text (`sample`) and no common-error example (`common_errors`) for any material",
    )],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    // A guide item without materials is `missing-element`'s finding.
    if !item.guide || item.materials.is_empty() {
        return;
    }
    let helped = item.materials.iter().any(|m| {
        m.sample.as_deref().is_some_and(|s| !s.trim().is_empty())
            || m.common_errors.iter().any(|e| !e.trim().is_empty())
    });
    if !helped {
        // The key, not the whole list: the list is long.
        let key = [PathSeg::Key("materials".into())];
        let span = view.spans.key_span(&key).unwrap_or(view.spans.span);
        out.push(item_finding_at(
            &RULE,
            view,
            "materials",
            span,
            Message::new("guide.no_examples"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, MINIMAL_ITEM, item_rule_findings};
    use crate::rules::testing::guide_item_with_material as with_material_extra;

    fn run(text: &str) -> Vec<Finding> {
        item_rule_findings(&[("items/wsjw/a.yaml", text)], check_item)
    }

    #[test]
    fn a_guide_without_examples() {
        let out = run(GUIDE_ITEM);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("materials"));
        let crate::finding::Location::Text(span) = out[0].location.unwrap() else {
            panic!()
        };
        assert_eq!((span.start.column, span.len), (1, 9));
        assert_eq!(
            run(&with_material_extra(
                "    sample: \" \"\n    common_errors: [\"\"]\n"
            ))
            .len(),
            1
        );
    }

    #[test]
    fn one_sample_or_one_error_example_is_enough() {
        assert!(run(&with_material_extra("    sample: 填写样本见窗口\n")).is_empty());
        assert!(
            run(&with_material_extra(
                "    common_errors: [证件已过有效期]\n"
            ))
            .is_empty()
        );
    }

    #[test]
    fn items_without_a_guide_are_clean() {
        assert!(run(MINIMAL_ITEM).is_empty());
    }
}
