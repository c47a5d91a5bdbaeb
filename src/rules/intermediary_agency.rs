//! `intermediary-agency`: an active intermediary service that no agency of
//! `registers/agencies.yaml` may do — none lists it among its services
//! while holding a qualification valid today. An applicant required to buy
//! the service would find nobody to buy it from.

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};
use crate::model::date::today_cst;

use super::{Rule, intermediary_finding};

pub static RULE: Rule = Rule {
    id: "intermediary-agency",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "中介服务事项没有具备有效资质的承揽机构",
    summary_en: "an intermediary service that no agency with a valid qualification may do",
    messages: &[(
        "intermediary.no_agency",
        "中介服务「{name}」在承揽机构名录（registers/agencies.yaml）中没有具备有效资质的承揽机构：在机构的 services 中列上「{id}」，并写明在有效期内的资质",
        "no agency of registers/agencies.yaml with a valid qualification may do the intermediary service 「{name}」: list `{id}` in an agency's services, with a qualification in force",
    )],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    check_on(catalog, &today_cst(), out);
}

/// The check as on `today` (YYYY-MM-DD).
pub fn check_on(catalog: &Catalog, today: &str, out: &mut Vec<Finding>) {
    for service in catalog
        .intermediaries
        .iter()
        .filter(|s| s.record.is_active())
    {
        let served = catalog.agencies.iter().any(|agency| {
            agency.services.contains(&service.id)
                && agency.qualifications.iter().any(|q| q.valid_on(today))
        });
        if !served {
            let message = Message::new("intermediary.no_agency")
                .arg("name", service.record.name.as_str())
                .arg("id", service.id.as_str());
            out.push(intermediary_finding(&RULE, service, "name", message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::catalog_with_services;

    const SERVICE: &str = "name: 房屋面积测绘\ndepartment: wsjw\nmandatory: false\n";

    fn run(agencies: &str) -> Vec<Finding> {
        let catalog = catalog_with_services(&[("intermediaries/ch.yaml", SERVICE)], agencies, &[]);
        let mut out = Vec::new();
        check_on(&catalog, "2026-12-02", &mut out);
        out
    }

    fn agency(services: &str, until: &str) -> String {
        format!(
            "- name: 甲测绘公司\n  credit_code: 91330399MA2HT6Q499\n  services: {services}\n  qualifications:\n    - name: 测绘资质乙级\n      valid_until: {until}\n"
        )
    }

    #[test]
    fn a_qualified_agency_serves_the_service() {
        assert!(run(&agency("[ch]", "2027-06-30")).is_empty());
    }

    #[test]
    fn no_agency_an_agency_for_other_services_or_only_expired_ones() {
        for agencies in [
            String::new(),
            agency("[other]", "2027-06-30"),
            agency("[ch]", "2026-12-01"),
        ] {
            let out = run(&agencies);
            assert_eq!(out.len(), 1, "{agencies}");
            assert_eq!(out[0].message.key, "intermediary.no_agency");
            assert_eq!(out[0].location.unwrap().line(), 1);
        }
    }

    #[test]
    fn the_message_names_the_service_in_both_languages() {
        let out = run("");
        let zh = crate::texts::text(crate::i18n::Lang::Zh, &out[0].message);
        assert!(
            zh.contains("「房屋面积测绘」") && zh.contains("列上「ch」"),
            "{zh}"
        );
        let en = crate::texts::text(crate::i18n::Lang::En, &out[0].message);
        assert!(en.contains("list `ch` in an agency's services"), "{en}");
    }
}
