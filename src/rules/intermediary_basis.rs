//! `intermediary-basis`: a mandatory intermediary service (`mandatory:
//! true`) without its legal basis. Seed 003 and the State Council's rule on
//! 行政审批中介服务: a service an applicant is forced to buy without a legal
//! basis must be cancelled, so the basis is what keeps it on the list.

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};

use super::{Rule, intermediary_finding};

pub static RULE: Rule = Rule {
    id: "intermediary-basis",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "强制的中介服务事项未写明设定依据",
    summary_en: "a mandatory intermediary service without its legal basis",
    messages: &[(
        "intermediary.no_basis",
        "中介服务「{name}」为申请人必须办理（mandatory: true），须写明设定依据（basis）；没有法定依据的强制中介服务应予取消",
        "the intermediary service 「{name}」 is mandatory (mandatory: true) and needs its legal basis (`basis`); a mandatory service without legal basis must be cancelled",
    )],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    for service in catalog.intermediaries.iter() {
        let record = &service.record;
        let has_basis = record
            .basis
            .as_deref()
            .is_some_and(|b| !b.trim().is_empty());
        if record.is_active() && record.mandatory && !has_basis {
            let message = Message::new("intermediary.no_basis").arg("name", record.name.as_str());
            let path = if record.basis.is_some() {
                "basis"
            } else {
                "mandatory"
            };
            out.push(intermediary_finding(&RULE, service, path, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::catalog_with_services;

    fn run(service: &str) -> Vec<Finding> {
        let catalog = catalog_with_services(&[("intermediaries/ch.yaml", service)], "", &[]);
        let mut out = Vec::new();
        check(&catalog, &mut out);
        out
    }

    const SERVICE: &str = "name: 房屋面积测绘\ndepartment: wsjw\nmandatory: true\n";

    #[test]
    fn a_mandatory_service_without_basis_is_found_at_mandatory() {
        let out = run(SERVICE);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "intermediary.no_basis");
        assert_eq!(out[0].file.as_deref(), Some("intermediaries/ch.yaml"));
        assert_eq!(out[0].location.unwrap().line(), 3);
        let zh = crate::texts::text(crate::i18n::Lang::Zh, &out[0].message);
        assert!(
            zh.contains("「房屋面积测绘」") && zh.contains("应予取消"),
            "{zh}"
        );
        let en = crate::texts::text(crate::i18n::Lang::En, &out[0].message);
        assert!(en.contains("must be cancelled"), "{en}");
    }

    #[test]
    fn a_basis_or_a_voluntary_service_is_clean() {
        assert!(run(&format!("{SERVICE}basis: 《房产测绘管理办法》第六条\n")).is_empty());
        assert!(run(&SERVICE.replace("mandatory: true", "mandatory: false")).is_empty());
        assert!(run(&format!("{SERVICE}status: cancelled\n")).is_empty());
    }

    #[test]
    fn a_blank_basis_counts_as_none() {
        let out = run(&format!("{SERVICE}basis: \"  \"\n"));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("basis"));
    }
}
