//! `out-of-scope`: an item the catalog should not hold.
//!
//! By kind: 行政处罚, 行政强制, 行政检查 and 行政征收 are done *to* a person,
//! nobody applies for them, so no service list holds them (an error, in
//! either scope). 行政许可 is in the licence catalog (seed 004) and stays out
//! of a `public_service` catalog; a `government_service` catalog (政务服务
//! 事项清单) holds every kind a person applies for.
//!
//! By name: seed 004 leaves 业务指导、权益维护、纠纷调解 and internal
//! management matters out. The test reads what the item *is* — the last
//! activity of its name (医疗纠纷调解 is a mediation; 人民调解员补贴发放 is a
//! payment that mentions mediation) — not whether a word occurs somewhere.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::{ItemKind, Labelled, Scope};
use crate::yaml::{parse_path, span_within};

use super::{Rule, active, item_finding, item_finding_at};

pub static RULE: Rule = Rule {
    id: "out-of-scope",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "不应列入清单的事项：行政处罚、强制、检查、征收（错误）；公共服务事项清单中的行政许可；业务指导、权益维护、纠纷调解、内部管理事项",
    summary_en: "an item outside the catalog: a penalty, coercion, inspection or levy (error); a licence in a public service catalog; guidance, rights protection, dispute mediation or internal management",
    messages: &[
        (
            "scope.license",
            "行政许可事项已列入行政许可目录，不列入公共服务事项清单（政务服务事项清单可在 catalog.yaml 中写 scope: government_service）",
            "administrative licences are in the licence catalog and stay out of a public service catalog (a government service catalog says scope: government_service in catalog.yaml)",
        ),
        (
            "scope.kind",
            "{kind}不是申请人申请办理的事项，不列入公共服务或政务服务事项清单",
            "nobody applies for an item of kind {kind}: it belongs in neither a public service nor a government service catalog",
        ),
        (
            "scope.name",
            "事项名称表明这是{matter}事项（「{word}」）：业务指导、权益维护、纠纷调解和内部管理事项不列入清单",
            "the name makes this a {matter} matter (「{word}」): guidance, rights protection, dispute mediation and internal management stay out of the catalog",
        ),
    ],
};

/// A matter seed 004 leaves out, and how a name shows the item is one:
/// by the words it ends with (its last activity), or by words that make
/// a whole name internal wherever they stand.
struct Excluded {
    zh: &'static str,
    en: &'static str,
    endings: &'static [&'static str],
    anywhere: &'static [&'static str],
}

const EXCLUDED: &[Excluded] = &[
    Excluded {
        zh: "纠纷调解",
        en: "dispute mediation",
        endings: &["调解"],
        anywhere: &[],
    },
    Excluded {
        zh: "业务指导",
        en: "guidance",
        endings: &["业务指导", "工作指导", "指导监督", "监督指导"],
        anywhere: &[],
    },
    Excluded {
        zh: "权益维护",
        en: "rights protection",
        // 投诉 alone is not enough: 纳税服务投诉处理 is supervision of a
        // service, which the item's `complaint` channel covers.
        endings: &["维权"],
        anywhere: &["维权投诉", "维权受理"],
    },
    Excluded {
        zh: "内部管理",
        en: "internal management",
        endings: &["内部管理"],
        anywhere: &["机关内部", "内部考核", "内部审计"],
    },
];

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    if let Some(finding) = kind_finding(catalog.config.scope, item.kind, view) {
        out.push(finding);
    }
    if let Some((excluded, start, word)) = excluded_matter(&item.name)
        && let Some(node) = view.spans.find(&parse_path("name"))
    {
        let span = span_within(view.text, node, &item.name, start, word.chars().count());
        let message = Message::new("scope.name").arg("word", word).localized(
            "matter",
            excluded.zh,
            excluded.en,
        );
        out.push(item_finding_at(&RULE, view, "name", span, message));
    }
}

/// The finding on an item's kind, if the catalog's scope leaves it out.
fn kind_finding(scope: Scope, kind: ItemKind, view: &ItemView) -> Option<Finding> {
    if !kind.is_applied_for() {
        let message = Message::new("scope.kind").localized("kind", kind.zh(), kind.en());
        let mut finding = item_finding(&RULE, view, "kind", message);
        finding.severity = Severity::Error;
        return Some(finding);
    }
    (kind == ItemKind::AdministrativeLicense && scope == Scope::PublicService)
        .then(|| item_finding(&RULE, view, "kind", Message::new("scope.license")))
}

/// The excluded matter a name is, with the character start of the words
/// that show it.
fn excluded_matter(name: &str) -> Option<(&'static Excluded, usize, &'static str)> {
    let head = without_trailing_notes(name);
    EXCLUDED.iter().find_map(|excluded| {
        let ending = excluded
            .endings
            .iter()
            .find(|e| head.ends_with(*e))
            .map(|e| (head.len() - e.len(), *e));
        let inside = || {
            excluded
                .anywhere
                .iter()
                .find_map(|w| name.find(w).map(|byte| (byte, *w)))
        };
        let (byte, word) = ending.or_else(inside)?;
        Some((excluded, name[..byte].chars().count(), word))
    })
}

/// A name without its trailing parenthesised notes: 草原等级评定(县级) is
/// an 评定, 医疗纠纷调解（市级） a mediation.
fn without_trailing_notes(name: &str) -> &str {
    let mut head = name.trim_end();
    while let Some(open) = head
        .strip_suffix('）')
        .and_then(|h| h.rfind('（'))
        .or_else(|| head.strip_suffix(')').and_then(|h| h.rfind('(')))
    {
        head = head[..open].trim_end();
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{MINIMAL_ITEM, item_rule_findings, item_rule_findings_with};

    fn run(text: &str) -> Vec<Finding> {
        item_rule_findings(&[("items/wsjw/a.yaml", text)], check_item)
    }

    fn named(name: &str) -> Vec<Finding> {
        run(&MINIMAL_ITEM.replace("name: 体育场馆开放", &format!("name: {name}")))
    }

    fn of_kind(kind: &str, config: &str) -> Vec<Finding> {
        let text = MINIMAL_ITEM.replace("kind: public_service", &format!("kind: {kind}"));
        item_rule_findings_with(config, &[("items/wsjw/a.yaml", &text)], check_item)
    }

    #[test]
    fn a_licence_is_out_of_a_public_service_catalog_only() {
        let out = of_kind("行政许可", "");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("kind"));
        assert_eq!(out[0].severity, Severity::Warning);
        assert_eq!(out[0].message.key, "scope.license");
        assert!(of_kind("行政许可", "scope: government_service\n").is_empty());
    }

    #[test]
    fn kinds_nobody_applies_for_are_errors_in_either_scope() {
        for kind in ["行政处罚", "行政强制", "行政检查", "行政征收"] {
            for config in ["", "scope: government_service\n"] {
                let out = of_kind(kind, config);
                assert_eq!(out.len(), 1, "{kind} {config}");
                assert_eq!(out[0].severity, Severity::Error);
                assert_eq!(out[0].message.key, "scope.kind");
            }
        }
    }

    #[test]
    fn an_inspection_named_like_a_service_is_out_of_scope() {
        let text = MINIMAL_ITEM
            .replace("name: 体育场馆开放", "name: 违法建筑查处")
            .replace("kind: public_service", "kind: administrative_inspection");
        let out = run(&text);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, Severity::Error);
    }

    #[test]
    fn kinds_a_person_applies_for_are_in_scope() {
        for kind in [
            "行政给付",
            "行政确认",
            "行政奖励",
            "行政裁决",
            "其他行政权力",
            "公共服务",
        ] {
            for config in ["", "scope: government_service\n"] {
                assert!(of_kind(kind, config).is_empty(), "{kind} {config}");
            }
        }
    }

    #[test]
    fn names_of_excluded_matters() {
        let out = named("医疗纠纷调解");
        assert_eq!(out.len(), 1);
        let crate::finding::Location::Text(span) = out[0].location.unwrap() else {
            panic!()
        };
        assert_eq!((span.start.column, span.len), (11, 2));
        for name in [
            "劳动争议调解（区级）",
            "消费者维权投诉受理",
            "机关内部考核",
            "基层医疗机构业务指导",
            "消费者维权",
            "内部管理",
        ] {
            assert_eq!(named(name).len(), 1, "{name}");
        }
    }

    /// The real names of 广安区: each mentions an excluded word but
    /// is a payment, an enquiry, a certification, a licence or a service.
    #[test]
    fn real_services_that_mention_an_excluded_word_are_clean() {
        for name in [
            "人民调解员补贴发放",
            "人民调解业务信息查询",
            "三级社会体育指导员技术等级称号认定",
            "一次性内部资料性出版物准印证核发",
            "职业指导服务",
            "孕产妇健康指导",
            "知识产权维权援助",
        ] {
            assert!(named(name).is_empty(), "{name}");
        }
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
            "草原等级评定(县级)",
        ] {
            assert!(named(name).is_empty(), "{name}");
        }
    }

    #[test]
    fn messages_name_the_matter_in_both_languages() {
        let out = named("医疗纠纷调解");
        let zh = crate::texts::text(crate::i18n::Lang::Zh, &out[0].message);
        let en = crate::texts::text(crate::i18n::Lang::En, &out[0].message);
        assert_eq!(
            zh,
            "事项名称表明这是纠纷调解事项（「调解」）：业务指导、权益维护、纠纷调解和内部管理事项不列入清单"
        );
        assert!(
            en.starts_with("the name makes this a dispute mediation matter (「调解」)"),
            "{en}"
        );
        let kind = of_kind("行政检查", "");
        let en = crate::texts::text(crate::i18n::Lang::En, &kind[0].message);
        assert!(
            en.starts_with("nobody applies for an item of kind Administrative inspection"),
            "{en}"
        );
    }
}
