//! `visits`: an item that makes the applicant come more than once
//! (`visits` > 1). Seed 000 commits to 群众最多跑一次; seed 001 to
//! 减少群众重复提交申请和到现场办理的次数.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};

use super::{Rule, active, item_finding};

pub static RULE: Rule = Rule {
    id: "visits",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "到现场次数超过 1 次（最多跑一次）",
    summary_en: "`visits` above 1 (at most one visit)",
    messages: &[(
        "visits.too_many",
        "到现场次数为 {visits} 次，“最多跑一次”要求不超过 1 次",
        "the applicant must come {visits} times; “at most one visit” allows 1",
    )],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(visits) = active(view).and_then(|item| item.visits) else {
        return;
    };
    if visits > 1 {
        out.push(item_finding(
            &RULE,
            view,
            "visits",
            Message::new("visits.too_many").arg("visits", u64::from(visits)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{MINIMAL_ITEM, item_rule_findings};

    fn run(extra: &str) -> Vec<Finding> {
        item_rule_findings(
            &[("items/wsjw/a.yaml", &format!("{MINIMAL_ITEM}{extra}"))],
            check_item,
        )
    }

    #[test]
    fn two_visits() {
        let out = run("visits: 2\n");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("visits"));
        assert_eq!(out[0].severity, Severity::Warning);
    }

    #[test]
    fn at_most_one_visit_is_clean() {
        assert!(run("visits: 1\n").is_empty());
        assert!(run("visits: 0\n").is_empty());
        assert!(run("").is_empty());
    }
}
