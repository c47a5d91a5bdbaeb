//! `case-type`: 办件类型 disagrees with the promised time limit — an 即办件
//! whose promise is not 即办, or a 承诺件 promised 即办. A consistency check
//! between two elements of one item; [`disagreement`] is the check alone,
//! so a general consistency rule can take it over (issue 19's
//! `consistency`).

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::{CaseType, Item, Limit};

use super::{Rule, active, item_finding};

pub static RULE: Rule = Rule {
    id: "case-type",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "办件类型与承诺时限不一致（即办件的承诺时限应为即办）",
    summary_en: "case type and promised time limit disagree (handled at once means 即办)",
    messages: &[
        (
            "case_type.instant_not_immediate",
            "办件类型为即办件，但承诺时限为「{promised}」：即办件的承诺时限应为「即办」",
            "the case type is handled at once (即办件) but the promised time limit is `{promised}`, not 即办",
        ),
        (
            "case_type.promised_but_immediate",
            "承诺时限为「即办」，办件类型却为承诺件：应为即办件",
            "the promised time limit is 即办 but the case type is promised (承诺件); it should be handled at once (即办件)",
        ),
    ],
};

/// The message when the item's case type and promised time limit disagree;
/// `None` when they agree or either is absent or unreadable.
pub fn disagreement(item: &Item) -> Option<Message> {
    let case_type = item.case_type?;
    let promised = item.time_limit.as_ref()?.promised.as_deref()?;
    let immediate = Limit::parse(promised)? == Limit::Immediate;
    match (case_type, immediate) {
        (CaseType::Instant, false) => {
            Some(Message::new("case_type.instant_not_immediate").arg("promised", promised.trim()))
        }
        (CaseType::Promised, true) => Some(Message::new("case_type.promised_but_immediate")),
        _ => None,
    }
}

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    if let Some(message) = disagreement(item) {
        out.push(item_finding(&RULE, view, "case_type", message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, item_rule_findings};
    use crate::i18n::Lang;

    fn run(case_type: &str, promised: &str) -> Vec<(String, String, u32)> {
        let text = GUIDE_ITEM.replace("promised: 3个工作日", &format!("promised: {promised}"))
            + &format!("case_type: {case_type}\n");
        item_rule_findings(&[("items/wsjw/a.yaml", &text)], check_item)
            .iter()
            .map(|f| {
                (
                    crate::texts::text(Lang::Zh, &f.message),
                    crate::texts::text(Lang::En, &f.message),
                    f.location.unwrap().line(),
                )
            })
            .collect()
    }

    #[test]
    fn agreeing_case_types_are_clean() {
        assert!(run("instant", "即办").is_empty());
        assert!(run("即办件", " 即办 ").is_empty());
        assert!(run("promised", "3个工作日").is_empty());
        assert!(run("promised", "看情况").is_empty(), "time-limit's finding");
    }

    #[test]
    fn an_instant_case_with_days_and_a_promised_case_at_once() {
        let out = run("instant", "3个工作日");
        assert_eq!(
            out[0].0,
            "办件类型为即办件，但承诺时限为「3个工作日」：即办件的承诺时限应为「即办」"
        );
        assert!(out[0].1.contains("`3个工作日`"), "{}", out[0].1);
        assert_eq!(out[0].2, 28, "at the case type");
        let out = run("承诺件", "即办");
        assert_eq!(
            out[0].0,
            "承诺时限为「即办」，办件类型却为承诺件：应为即办件"
        );
    }
}
