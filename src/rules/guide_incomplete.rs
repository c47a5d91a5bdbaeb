//! `guide-incomplete`: a service-guide item that shows an applicant neither a
//! sample text (示范文本) nor a common-error example (常见错误示例) for any
//! material (seed 004 lists 示范文本及常见错误示例 among the guide's
//! elements), that does not say what the applicant receives (办理结果,
//! seeds 001 and 004), or that is handled online without its address
//! (网上办理地址, seed 004's 网上申报). Warnings, so that catalogs written
//! before these elements existed keep passing their gates.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::{Labelled, Online};
use crate::yaml::PathSeg;

use super::{Rule, active, item_finding_at, item_finding_near};

pub static RULE: Rule = Rule {
    id: "guide-incomplete",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "办事指南类事项没有示范文本或常见错误示例、没有办理结果，或可网办却没有网上办理地址",
    summary_en: "a guide item with no sample text or common-error example, no result, or online without its address",
    messages: &[
        (
            "guide.no_examples",
            "办事指南没有任何材料的示范文本（sample）或常见错误示例（common_errors）",
            "the service guide gives no sample text (`sample`) and no common-error example (`common_errors`) for any material",
        ),
        (
            "guide.no_result",
            "办事指南没有写明办理结果（result）：申请人最终得到什么",
            "the service guide does not say what the applicant receives (`result`)",
        ),
        (
            "guide.no_online_url",
            "事项可「{online}」，但没有网上办理地址（online_url）",
            "the item is `{online}` but has no online address (`online_url`)",
        ),
    ],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    if !item.guide {
        return;
    }
    let has_result = item.result.as_ref().is_some_and(|r| {
        r.name.as_deref().is_some_and(|n| !n.trim().is_empty()) || r.kind.is_some()
    });
    if !has_result {
        out.push(item_finding_near(
            &RULE,
            view,
            "result",
            "name",
            Message::new("guide.no_result"),
        ));
    }
    if let Some(online) = item.online.filter(|o| *o != Online::NotOnline)
        && item
            .online_url
            .as_deref()
            .is_none_or(|u| u.trim().is_empty())
    {
        out.push(item_finding_near(
            &RULE,
            view,
            "online_url",
            "online",
            Message::new("guide.no_online_url").localized("online", online.zh(), online.en()),
        ));
    }
    // A guide item without materials is `missing-element`'s finding.
    if item.materials.is_empty() {
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

    /// The findings about examples (the other checks have their own tests).
    fn run(text: &str) -> Vec<Finding> {
        let mut out = item_rule_findings(&[("items/wsjw/a.yaml", text)], check_item);
        out.retain(|f| f.message.key == "guide.no_examples");
        out
    }

    fn keys(text: &str) -> Vec<&'static str> {
        item_rule_findings(&[("items/wsjw/a.yaml", text)], check_item)
            .iter()
            .map(|f| f.message.key)
            .collect()
    }

    const RESULT: &str = "result:\n  name: 生育登记服务单\n  kind: proof\n";

    #[test]
    fn a_guide_without_a_result() {
        let text = with_material_extra("    sample: 见窗口\n");
        let out = item_rule_findings(&[("items/wsjw/a.yaml", &text)], check_item);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("result"));
        assert_eq!(out[0].location.unwrap().line(), 1, "at the name");
        assert_eq!(
            crate::texts::text(crate::i18n::Lang::Zh, &out[0].message),
            "办事指南没有写明办理结果（result）：申请人最终得到什么"
        );
        assert_eq!(
            crate::texts::text(crate::i18n::Lang::En, &out[0].message),
            "the service guide does not say what the applicant receives (`result`)"
        );
        assert!(keys(&(text.clone() + RESULT)).is_empty());
        assert!(
            keys(&(text + "result:\n  sample: 样本\n")).contains(&"guide.no_result"),
            "a sample alone does not say what it is"
        );
    }

    #[test]
    fn an_online_item_without_its_address() {
        let text = with_material_extra("    sample: 见窗口\n") + RESULT;
        let online = text.clone() + "online: partial\n";
        let out = item_rule_findings(&[("items/wsjw/a.yaml", &online)], check_item);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("online_url"));
        assert_eq!(
            crate::texts::text(crate::i18n::Lang::Zh, &out[0].message),
            "事项可「部分网办」，但没有网上办理地址（online_url）"
        );
        assert_eq!(
            crate::texts::text(crate::i18n::Lang::En, &out[0].message),
            "the item is `Partly online` but has no online address (`online_url`)"
        );
        assert!(keys(&(online + "online_url: https://zwfw.oujiang.gov.cn/a\n")).is_empty());
        assert!(keys(&(text + "online: none\n")).is_empty());
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
