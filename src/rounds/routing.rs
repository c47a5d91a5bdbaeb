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

use crate::finding::Finding;
use crate::model::{Department, DepartmentKind, Item, Office, Reviewer};
use crate::rules::legal_basis_format;

/// Why an item goes to a reviewer: the duty it is reviewed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// 审核部门和所属事业单位以及国有企业公共服务事项 → 编办 (every item).
    AllItems,
    /// 政府定价的收费标准 → 发改委.
    FeeStandard,
    /// 收费依据 → 财政局.
    FeeBasis,
    /// 行政规范性文件合法性审查 → 法制办/司法局.
    NormativeDocuments,
    /// 涉及中介服务机构的事项 → 审管办.
    Intermediary,
    /// A public institution's or state-owned enterprise's item → its 主管部门.
    Supervisor,
    /// 国有企业公共服务事项的指导督促 → 国资委 (guidance: holds no gate).
    StateOwned,
}

impl Reason {
    /// The JSON key (the duty's key in docs/rounds.md).
    pub fn key(self) -> &'static str {
        match self {
            Reason::AllItems => "all_items",
            Reason::FeeStandard => "fee_standard",
            Reason::FeeBasis => "fee_basis",
            Reason::NormativeDocuments => "normative_documents",
            Reason::Intermediary => "intermediaries",
            Reason::Supervisor => "supervisor",
            Reason::StateOwned => "state_owned_enterprises",
        }
    }

    /// What the reviewer looks at, in Chinese and English.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Reason::AllItems => ("全部事项审核", "every item"),
            Reason::FeeStandard => ("收费标准", "fee standard"),
            Reason::FeeBasis => ("收费依据", "fee basis"),
            Reason::NormativeDocuments => ("规范性文件合法性", "normative documents"),
            Reason::Intermediary => ("中介服务", "intermediary"),
            Reason::Supervisor => ("主管部门审核", "supervisor"),
            Reason::StateOwned => ("国有企业指导督促", "state-owned enterprise guidance"),
        }
    }

    /// Guidance only (指导督促): the reviewer's opinions hold no gate.
    pub fn guidance(self) -> bool {
        self == Reason::StateOwned
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub reviewer: Reviewer,
    pub reason: Reason,
}

/// The reviewers of an item of `department` (`None` when the register
/// lacks it), given the item's findings: 编办 first, then by duty.
pub fn routes(item: &Item, department: Option<&Department>, findings: &[&Finding]) -> Vec<Route> {
    let mut out = Vec::new();
    let mut add = |reviewer: Reviewer, reason| out.push(Route { reviewer, reason });
    add(Reviewer::Office(Office::Bianban), Reason::AllItems);
    if let Some(fee) = item.fee.as_ref().filter(|f| f.charged) {
        if fee.government_priced() {
            add(Reviewer::Office(Office::Fagaiwei), Reason::FeeStandard);
        }
        add(Reviewer::Office(Office::Caizheng), Reason::FeeBasis);
    }
    if rests_on_normative_documents(item, findings) {
        add(Reviewer::Office(Office::Fazhi), Reason::NormativeDocuments);
    }
    // An item requiring intermediary services, or (the old way) an item of
    // a body registered as an intermediary: seed 000, 附件 (七). 编办's
    // opinion on transferable items comes through its every-item review.
    let old_way = department.is_some_and(|d| d.kind == DepartmentKind::Intermediary);
    if old_way || !item.intermediaries.is_empty() {
        add(Reviewer::Office(Office::Shenguanban), Reason::Intermediary);
    }
    if let Some(department) = department {
        match department.kind {
            DepartmentKind::Intermediary => {}
            DepartmentKind::PublicInstitution | DepartmentKind::StateOwnedEnterprise => {
                if let Some(supervisor) = &department.supervisor {
                    add(Reviewer::Department(supervisor.clone()), Reason::Supervisor);
                }
                if department.kind == DepartmentKind::StateOwnedEnterprise {
                    add(Reviewer::Office(Office::Guoziwei), Reason::StateOwned);
                }
            }
            DepartmentKind::GovernmentDepartment => {}
        }
    }
    out
}

/// Whether 法制办/司法局 reviews the item under `normative_documents`.
///
/// This is where the laws register (`registers/laws.yaml`, issue 18) plugs
/// in: an item citing a basis the register marks `normative_document`, or a
/// repealed one, goes there. Until the register is in the catalog, an item
/// goes there when its 实施依据 has a finding (the format rule, or any
/// finding at `legal_basis…`), as before.
pub fn rests_on_normative_documents(_item: &Item, findings: &[&Finding]) -> bool {
    findings.iter().any(|f| is_legal_basis_finding(f))
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
        let routes = routes(&item(GOVERNMENT_PRICED), Some(&government), &[]);
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
            ids(&routes(&item(CHARGED), Some(&government), &[])),
            [("bianban", "all_items"), ("caizheng", "fee_basis")]
        );
        let free = item("fee: {charged: false, government_priced: true}\n");
        assert_eq!(
            ids(&routes(&free, Some(&government), &[])),
            [("bianban", "all_items")]
        );
    }

    #[test]
    fn a_legal_basis_finding_goes_to_fazhi() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        let format = Finding::new(&legal_basis_format::RULE, Message::new("basis.no_article"))
            .at("legal_basis[0].article", None);
        assert_eq!(
            ids(&routes(&item(""), Some(&government), &[&format])),
            [("bianban", "all_items"), ("fazhi", "normative_documents")]
        );
        let other = Finding::new(&crate::rules::visits::RULE, Message::new("visits.too_many"))
            .at("visits", None);
        assert_eq!(
            ids(&routes(&item(""), Some(&government), &[&other])),
            [("bianban", "all_items")]
        );
    }

    #[test]
    fn an_intermediary_item_goes_to_shenguanban() {
        let intermediary = department(DepartmentKind::Intermediary, None);
        assert_eq!(
            ids(&routes(&item(""), Some(&intermediary), &[])),
            [("bianban", "all_items"), ("shenguanban", "intermediaries")]
        );
    }

    #[test]
    fn an_item_requiring_an_intermediary_service_goes_to_shenguanban() {
        let institution = department(DepartmentKind::PublicInstitution, Some("zrzyj"));
        let requiring = item("intermediaries: [fwmjch]\n");
        assert_eq!(
            ids(&routes(&requiring, Some(&institution), &[])),
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
            ids(&routes(&transferable, Some(&government), &[])),
            [("bianban", "all_items")]
        );
    }

    #[test]
    fn a_public_institution_item_goes_to_its_supervisor() {
        let institution = department(DepartmentKind::PublicInstitution, Some("zrzyj"));
        assert_eq!(
            ids(&routes(&item(""), Some(&institution), &[])),
            [("bianban", "all_items"), ("zrzyj", "supervisor")]
        );
    }

    #[test]
    fn a_state_owned_enterprise_item_goes_to_its_supervisor_and_guoziwei() {
        let enterprise = department(DepartmentKind::StateOwnedEnterprise, Some("zjj"));
        assert_eq!(
            ids(&routes(&item(""), Some(&enterprise), &[])),
            [
                ("bianban", "all_items"),
                ("zjj", "supervisor"),
                ("guoziwei", "state_owned_enterprises")
            ]
        );
        let charged = routes(&item(CHARGED), Some(&enterprise), &[]);
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

    #[test]
    fn every_item_goes_to_bianban() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        assert_eq!(
            ids(&routes(&item(""), Some(&government), &[])),
            [("bianban", "all_items")]
        );
        assert_eq!(
            ids(&routes(&item(""), None, &[])),
            [("bianban", "all_items")]
        );
    }
}
