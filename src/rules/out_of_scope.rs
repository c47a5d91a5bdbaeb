//! `out-of-scope`: an item the catalog should not hold. Seed 004: items
//! already in the administrative licence catalog, and 业务指导、权益维护、纠纷
//! 调解 and internal management matters, are 不列入清理范围.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::ItemKind;
use crate::yaml::{parse_path, span_within};

use super::{Rule, active, item_finding, item_finding_at};

pub static RULE: Rule = Rule {
    id: "out-of-scope",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "不应列入公共服务事项清单的事项：行政许可，或业务指导、权益维护、纠纷调解、内部管理事项",
    summary_en: "an item outside the catalog: an administrative licence, or guidance, rights protection, dispute mediation or internal management",
    messages: &[
        (
            "scope.license",
            "行政许可事项已列入行政许可目录，不列入公共服务事项清单",
            "administrative licences are in the licence catalog and stay out of the public service catalog",
        ),
        (
            "scope.name",
            "事项名称含「{word}」：业务指导、权益维护、纠纷调解和内部管理事项不列入公共服务事项清单",
            "the name contains 「{word}」: guidance, rights protection, dispute mediation and internal management stay out of the catalog",
        ),
    ],
};

/// 指导 (guidance), 维权 (rights protection), 调解 (mediation), 内部 (internal).
const WORDS: &[&str] = &["指导", "维权", "调解", "内部"];

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    if item.kind == ItemKind::AdministrativeLicense {
        out.push(item_finding(
            &RULE,
            view,
            "kind",
            Message::new("scope.license"),
        ));
    }
    let Some(node) = view.spans.find(&parse_path("name")) else {
        return;
    };
    for word in WORDS {
        if let Some(byte) = item.name.find(word) {
            let start = item.name[..byte].chars().count();
            let span = span_within(view.text, node, &item.name, start, word.chars().count());
            out.push(item_finding_at(
                &RULE,
                view,
                "name",
                span,
                Message::new("scope.name").arg("word", *word),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{MINIMAL_ITEM, item_rule_findings};

    fn run(text: &str) -> Vec<Finding> {
        item_rule_findings(&[("items/wsjw/a.yaml", text)], check_item)
    }

    fn named(name: &str) -> Vec<Finding> {
        run(&MINIMAL_ITEM.replace("name: 体育场馆开放", &format!("name: {name}")))
    }

    #[test]
    fn a_licence_is_out_of_scope() {
        let out = run(&MINIMAL_ITEM.replace("kind: public_service", "kind: 行政许可"));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("kind"));
    }

    #[test]
    fn names_of_excluded_matters() {
        let out = named("医疗纠纷调解");
        assert_eq!(out.len(), 1);
        let crate::finding::Location::Text(span) = out[0].location.unwrap() else {
            panic!()
        };
        assert_eq!((span.start.column, span.len), (11, 2));
        assert_eq!(named("消费者维权投诉受理").len(), 1);
        assert_eq!(named("机关内部考核").len(), 1);
        assert_eq!(named("农业技术指导").len(), 1);
    }

    #[test]
    fn near_misses_are_clean() {
        for name in [
            "体育场馆开放",
            "导航服务",
            "调查数据查询",
            "内容审核",
            "电梯维修报修",
            "解除登记",
        ] {
            assert!(named(name).is_empty(), "{name}");
        }
        assert!(
            run(&MINIMAL_ITEM.replace("kind: public_service", "kind: administrative_confirmation"))
                .is_empty()
        );
    }
}
