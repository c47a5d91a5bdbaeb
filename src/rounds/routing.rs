//! Which office reviews what, by the duties seed 000 gives each office
//! (附件 四、职责分工; docs/rounds.md): 编办 reviews every item, public
//! institutions' and state-owned enterprises' included (`all_items`, seed
//! 000 (二)3); a government-priced fee's standard goes to 发改委
//! (`fee_standard`) and every charged item's basis to 财政局 (`fee_basis`);
//! items resting on normative documents to 法制办/司法局
//! (`normative_documents`); an intermediary's item to 审管办
//! (`intermediaries`); a state-owned enterprise's item to 国资委 for
//! guidance (`state_owned_enterprises`: 指导督促, its opinions hold no gate);
//! an item of a public institution or state-owned enterprise also to its
//! 主管部门.

use crate::catalog::Registers;
use crate::catalog::registers::cited_titles;
use crate::finding::Finding;
use crate::model::LawLevel;
use crate::model::{Department, DepartmentKind, Duty, Item, Labelled, Office, Reviewer};
use crate::rules::legal_basis_format;

/// Why an item goes to a reviewer: the duty it is reviewed under, or the
/// supervision of a public institution or state-owned enterprise by its
/// 主管部门 (a department, not an office of `catalog.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// An office's duty (`catalog.yaml` `offices`).
    Duty(Duty),
    /// A public institution's or state-owned enterprise's item → its 主管部门.
    Supervisor,
}

impl Reason {
    /// The JSON key (the duty's key in docs/rounds.md).
    pub fn key(self) -> &'static str {
        match self {
            Reason::Duty(duty) => duty.key(),
            Reason::Supervisor => "supervisor",
        }
    }

    /// What the reviewer looks at, in Chinese and English.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Reason::Duty(duty) => (duty.zh(), duty.en()),
            Reason::Supervisor => ("主管部门审核", "supervisor"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub reviewer: Reviewer,
    pub reason: Reason,
}

/// The duties whose offices review before the supervising department, in
/// the order routes list them; 国资委's guidance comes after it.
const BEFORE_SUPERVISOR: [Duty; 5] = [
    Duty::AllItems,
    Duty::FeeStandard,
    Duty::FeeBasis,
    Duty::NormativeDocuments,
    Duty::Intermediaries,
];

/// Whether `duty` routes the item: every item for `all_items`; a charged
/// item priced by the government (政府定价 or 政府指导价) for
/// `fee_standard`; every charged item for `fee_basis`; an item resting on
/// normative documents for `normative_documents`; an item requiring an
/// intermediary service, or of a body registered as an intermediary, for
/// `intermediaries`; a state-owned enterprise's item for
/// `state_owned_enterprises`. `publication` and `public` review no item by
/// routing (the public sees every item in the consultation).
pub fn routed(
    duty: Duty,
    item: &Item,
    department: Option<&Department>,
    findings: &[&Finding],
    registers: &Registers,
) -> bool {
    let kind = department.map(|d| d.kind);
    let charged = item.fee.as_ref().filter(|f| f.charged);
    match duty {
        Duty::AllItems => true,
        Duty::FeeStandard => charged.is_some_and(|fee| fee.government_priced()),
        Duty::FeeBasis => charged.is_some(),
        Duty::NormativeDocuments => rests_on_normative_documents(item, findings, registers),
        // An item requiring intermediary services, or (the old way) an
        // item of a body registered as an intermediary: seed 000, 附件 (七).
        Duty::Intermediaries => {
            kind == Some(DepartmentKind::Intermediary) || !item.intermediaries.is_empty()
        }
        Duty::StateOwnedEnterprises => kind == Some(DepartmentKind::StateOwnedEnterprise),
        Duty::Publication | Duty::Public => false,
    }
}

/// The reviewers of an item of `department` (`None` when the register
/// lacks it), given the item's findings and the catalog's offices: each
/// office holding a duty that routes the item (an office holding several
/// such duties once per duty), in the order of the duties (编办's
/// `all_items` first), the supervising department after the reviewing
/// duties, 国资委's guidance last.
pub fn routes(
    item: &Item,
    department: Option<&Department>,
    findings: &[&Finding],
    offices: &[Office],
    registers: &Registers,
) -> Vec<Route> {
    let mut out = Vec::new();
    let by_duty = |duty: Duty, out: &mut Vec<Route>| {
        if routed(duty, item, department, findings, registers) {
            for office in offices.iter().filter(|o| o.holds(duty)) {
                out.push(Route {
                    reviewer: Reviewer::office(&office.id),
                    reason: Reason::Duty(duty),
                });
            }
        }
    };
    for duty in BEFORE_SUPERVISOR {
        by_duty(duty, &mut out);
    }
    if let Some(department) = department
        && matches!(
            department.kind,
            DepartmentKind::PublicInstitution | DepartmentKind::StateOwnedEnterprise
        )
        && let Some(supervisor) = &department.supervisor
    {
        out.push(Route {
            reviewer: Reviewer::Department(supervisor.clone()),
            reason: Reason::Supervisor,
        });
    }
    by_duty(Duty::StateOwnedEnterprises, &mut out);
    out
}

/// Whether 法制办/司法局 reviews the item under `normative_documents`
/// (行政规范性文件合法性审查, seed 000 附件 (四)): an item citing a basis
/// the laws register (`registers/laws.yaml`) lists as a 规范性文件, or
/// whose 实施依据 has a finding — the format rule, a repealed or unknown
/// law (`legal-basis-repealed`, `legal-basis-unknown`), any finding at
/// `legal_basis…`. Without the register, the findings alone decide.
pub fn rests_on_normative_documents(
    item: &Item,
    findings: &[&Finding],
    registers: &Registers,
) -> bool {
    let normative = |title: &str| {
        registers
            .law(title)
            .is_some_and(|law| law.level == LawLevel::NormativeDocument)
    };
    findings.iter().any(|f| is_legal_basis_finding(f))
        || item
            .legal_basis
            .iter()
            .flat_map(|b| cited_titles(&b.title))
            .any(normative)
}

/// A finding about the item's 实施依据: the format rule, or any finding
/// at `legal_basis…`.
fn is_legal_basis_finding(finding: &Finding) -> bool {
    finding.rule == legal_basis_format::RULE.id
        || finding
            .path
            .as_deref()
            .is_some_and(|p| p.starts_with("legal_basis"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::MINIMAL_ITEM;
    use crate::finding::Message;
    use crate::model::office::DEFAULT_OFFICES;

    /// Routes without registers (the tests of the laws register say so).
    fn routes(
        item: &Item,
        department: Option<&Department>,
        findings: &[&Finding],
        offices: &[Office],
    ) -> Vec<Route> {
        super::routes(item, department, findings, offices, &Registers::default())
    }

    fn laws(yaml: &str) -> Registers {
        let doc = crate::yaml::parse(yaml).unwrap().unwrap();
        Registers::new(
            None,
            Some(serde_json::from_value(doc.value).unwrap()),
            None,
            None,
        )
    }

    #[test]
    fn a_basis_the_laws_register_calls_a_normative_document_goes_to_fazhi() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        let register = laws(
            "- {title: 《瓯江市居住证管理办法》, level: normative_document}\n\
             - {title: 《中华人民共和国人口与计划生育法》, level: law}\n",
        );
        let citing = |title: &str| {
            let mut item = item("");
            item.legal_basis[0].title = title.to_string();
            item
        };
        let reviewers = |item: &Item, registers: &Registers| {
            let routes = super::routes(item, Some(&government), &[], &DEFAULT_OFFICES, registers);
            ids(&routes)
                .into_iter()
                .map(|(who, why)| format!("{who}:{why}"))
                .collect::<Vec<_>>()
        };
        let normative = citing("《瓯江市居住证管理办法》");
        assert_eq!(
            reviewers(&normative, &register),
            ["bianban:all_items", "fazhi:normative_documents"]
        );
        // A law is no normative document; without the register nothing says so.
        let law = citing("《中华人民共和国人口与计划生育法》");
        assert_eq!(reviewers(&law, &register), ["bianban:all_items"]);
        assert_eq!(
            reviewers(&normative, &Registers::default()),
            ["bianban:all_items"]
        );
    }

    fn item(extra: &str) -> Item {
        let doc = crate::yaml::parse(&format!("{MINIMAL_ITEM}{extra}"))
            .unwrap()
            .unwrap();
        serde_json::from_value(doc.value).unwrap()
    }

    fn department(kind: DepartmentKind, supervisor: Option<&str>) -> Department {
        Department {
            id: "x".into(),
            code: "001".into(),
            name: "x".into(),
            credit_code: "x".into(),
            kind,
            supervisor: supervisor.map(str::to_string),
        }
    }

    fn ids(routes: &[Route]) -> Vec<(&str, &str)> {
        routes
            .iter()
            .map(|r| (r.reviewer.id(), r.reason.key()))
            .collect()
    }

    const GOVERNMENT_PRICED: &str =
        "fee: {charged: true, standard: 每件10元, basis: 《收费文件》, government_priced: true}\n";
    const CHARGED: &str = "fee: {charged: true, standard: 每件10元, basis: 《收费文件》}\n";

    #[test]
    fn a_government_priced_fee_goes_to_fagaiwei_and_caizheng() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        let routes = routes(
            &item(GOVERNMENT_PRICED),
            Some(&government),
            &[],
            &DEFAULT_OFFICES,
        );
        assert_eq!(
            ids(&routes),
            [
                ("bianban", "all_items"),
                ("fagaiwei", "fee_standard"),
                ("caizheng", "fee_basis")
            ]
        );
    }

    #[test]
    fn a_fee_without_government_price_goes_to_caizheng_only() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        assert_eq!(
            ids(&routes(
                &item(CHARGED),
                Some(&government),
                &[],
                &DEFAULT_OFFICES
            )),
            [("bianban", "all_items"), ("caizheng", "fee_basis")]
        );
        let free = item("fee: {charged: false, government_priced: true}\n");
        assert_eq!(
            ids(&routes(&free, Some(&government), &[], &DEFAULT_OFFICES)),
            [("bianban", "all_items")]
        );
    }

    #[test]
    fn a_legal_basis_finding_goes_to_fazhi() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        let format = Finding::new(&legal_basis_format::RULE, Message::new("basis.no_article"))
            .at("legal_basis[0].article", None);
        assert_eq!(
            ids(&routes(
                &item(""),
                Some(&government),
                &[&format],
                &DEFAULT_OFFICES
            )),
            [("bianban", "all_items"), ("fazhi", "normative_documents")]
        );
        let other = Finding::new(&crate::rules::visits::RULE, Message::new("visits.too_many"))
            .at("visits", None);
        assert_eq!(
            ids(&routes(
                &item(""),
                Some(&government),
                &[&other],
                &DEFAULT_OFFICES
            )),
            [("bianban", "all_items")]
        );
    }

    #[test]
    fn an_intermediary_item_goes_to_shenguanban() {
        let intermediary = department(DepartmentKind::Intermediary, None);
        assert_eq!(
            ids(&routes(
                &item(""),
                Some(&intermediary),
                &[],
                &DEFAULT_OFFICES
            )),
            [("bianban", "all_items"), ("shenguanban", "intermediaries")]
        );
    }

    #[test]
    fn an_item_requiring_an_intermediary_service_goes_to_shenguanban() {
        let institution = department(DepartmentKind::PublicInstitution, Some("zrzyj"));
        let requiring = item("intermediaries: [fwmjch]\n");
        assert_eq!(
            ids(&routes(
                &requiring,
                Some(&institution),
                &[],
                &DEFAULT_OFFICES
            )),
            [
                ("bianban", "all_items"),
                ("shenguanban", "intermediaries"),
                ("zrzyj", "supervisor")
            ]
        );
    }

    #[test]
    fn a_transferable_item_is_reviewed_by_bianban_with_every_item() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        let transferable = item("transferable: true\ntransfer: {to: 瓯江市体育总会}\n");
        assert_eq!(
            ids(&routes(
                &transferable,
                Some(&government),
                &[],
                &DEFAULT_OFFICES
            )),
            [("bianban", "all_items")]
        );
    }

    #[test]
    fn a_public_institution_item_goes_to_its_supervisor() {
        let institution = department(DepartmentKind::PublicInstitution, Some("zrzyj"));
        assert_eq!(
            ids(&routes(
                &item(""),
                Some(&institution),
                &[],
                &DEFAULT_OFFICES
            )),
            [("bianban", "all_items"), ("zrzyj", "supervisor")]
        );
    }

    #[test]
    fn a_state_owned_enterprise_item_goes_to_its_supervisor_and_guoziwei() {
        let enterprise = department(DepartmentKind::StateOwnedEnterprise, Some("zjj"));
        assert_eq!(
            ids(&routes(&item(""), Some(&enterprise), &[], &DEFAULT_OFFICES)),
            [
                ("bianban", "all_items"),
                ("zjj", "supervisor"),
                ("guoziwei", "state_owned_enterprises")
            ]
        );
        let charged = routes(&item(CHARGED), Some(&enterprise), &[], &DEFAULT_OFFICES);
        assert_eq!(
            ids(&charged),
            [
                ("bianban", "all_items"),
                ("caizheng", "fee_basis"),
                ("zjj", "supervisor"),
                ("guoziwei", "state_owned_enterprises")
            ]
        );
    }

    fn office(id: &str, duties: &[Duty]) -> Office {
        Office {
            id: id.into(),
            name: id.into(),
            name_en: None,
            duties: duties.to_vec(),
        }
    }

    #[test]
    fn configured_offices_get_the_items_of_every_duty_they_hold() {
        let offices = [
            office("wbb", &[Duty::AllItems]),
            office("jiage", &[Duty::FeeStandard, Duty::FeeBasis]),
            office("shenji", &[Duty::AllItems, Duty::Intermediaries]),
            office("szfb", &[Duty::Publication, Duty::Public]),
        ];
        let government = department(DepartmentKind::GovernmentDepartment, None);
        let priced = item(&format!("{GOVERNMENT_PRICED}intermediaries: [fwmjch]\n"));
        assert_eq!(
            ids(&routes(&priced, Some(&government), &[], &offices)),
            [
                ("wbb", "all_items"),
                ("shenji", "all_items"),
                ("jiage", "fee_standard"),
                ("jiage", "fee_basis"),
                ("shenji", "intermediaries")
            ]
        );
        // A duty nobody holds routes to nobody (catalog.yaml refuses such
        // a list; routing itself invents no office).
        let enterprise = department(DepartmentKind::StateOwnedEnterprise, Some("zjj"));
        assert_eq!(
            ids(&routes(&item(""), Some(&enterprise), &[], &offices)),
            [
                ("wbb", "all_items"),
                ("shenji", "all_items"),
                ("zjj", "supervisor")
            ]
        );
    }

    #[test]
    fn every_item_goes_to_bianban() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        assert_eq!(
            ids(&routes(&item(""), Some(&government), &[], &DEFAULT_OFFICES)),
            [("bianban", "all_items")]
        );
        assert_eq!(
            ids(&routes(&item(""), None, &[], &DEFAULT_OFFICES)),
            [("bianban", "all_items")]
        );
    }
}
