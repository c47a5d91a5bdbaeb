//! `ignore-without-reason`: an `ignore` entry without a reason, naming an
//! unknown rule, or naming a rule that cannot be silenced. A reviewer must
//! be able to read why a rule does not apply.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::yaml::parse_path;

use super::{Rule, find};

pub static RULE: Rule = Rule {
    id: "ignore-without-reason",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "忽略规则时未写明理由，或写了不存在的规则",
    summary_en: "an `ignore` entry without a reason, or naming an unknown rule",
    messages: &[
        (
            "ignore.no_reason",
            "忽略规则「{rule}」时必须写明理由（reason）",
            "ignoring rule `{rule}` needs a reason",
        ),
        (
            "ignore.unknown_rule",
            "没有名为「{rule}」的规则",
            "there is no rule named `{rule}`",
        ),
        (
            "ignore.not_silenceable",
            "规则「{rule}」不能被忽略",
            "rule `{rule}` cannot be ignored",
        ),
    ],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = view.item else { return };
    for (i, entry) in item.ignore.iter().enumerate() {
        let mut report = |field: &str, message: Message| {
            let path = format!("ignore[{i}].{field}");
            let span = view.spans.locate(&parse_path(&path));
            out.push(
                Finding::new(&RULE, message)
                    .in_file(view.file)
                    .at(path, Some(span))
                    .for_item(Some(view.item_ref.clone())),
            );
        };
        match find(&entry.rule) {
            None => report(
                "rule",
                Message::new("ignore.unknown_rule").arg("rule", entry.rule.as_str()),
            ),
            Some(rule) if !rule.can_be_silenced => report(
                "rule",
                Message::new("ignore.not_silenceable").arg("rule", rule.id),
            ),
            Some(_) => {}
        }
        if entry.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            report(
                "reason",
                Message::new("ignore.no_reason").arg("rule", entry.rule.as_str()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{MINIMAL_ITEM, item_rule_findings};

    fn run(ignore: &str) -> Vec<Finding> {
        item_rule_findings(
            &[(
                "items/wsjw/a.yaml",
                &format!("{MINIMAL_ITEM}ignore:\n{ignore}"),
            )],
            check_item,
        )
    }

    #[test]
    fn entry_with_reason_is_clean() {
        assert!(run("  - rule: missing-element\n    reason: 该事项由窗口当场办结\n").is_empty());
    }

    #[test]
    fn entry_without_reason() {
        let out = run("  - rule: missing-element\n");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "ignore.no_reason");
        assert_eq!(out[0].path.as_deref(), Some("ignore[0].reason"));
        let blank = run("  - rule: missing-element\n    reason: \" \"\n");
        assert_eq!(blank[0].message.key, "ignore.no_reason");
    }

    #[test]
    fn unknown_and_unsilenceable_rules() {
        let out = run("  - rule: no-such-rule\n    reason: x\n  - rule: schema\n    reason: x\n");
        let keys: Vec<_> = out.iter().map(|f| f.message.key).collect();
        assert_eq!(keys, ["ignore.unknown_rule", "ignore.not_silenceable"]);
    }
}
