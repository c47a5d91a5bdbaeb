//! Which office reviews what (docs/rounds.md, seed 000's duties per office):
//! a charged item goes to 发改委 when government-priced (the fee standard)
//! and to 财政局 (the fee basis); a legal-basis finding to 法制办; an
//! intermediary's item to 审管办; an item of a state-owned enterprise or
//! public institution to its 主管部门 (and 国资委 for state-owned
//! enterprises); everything no other route claims to 编办.

use crate::finding::Finding;
use crate::model::{Department, DepartmentKind, Item, Office, Reviewer};
use crate::rules::legal_basis_format;

/// Why an item goes to a reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// 政府定价的收费标准 → 发改委.
    FeeStandard,
    /// 收费依据 → 财政局.
    FeeBasis,
    /// A finding on the legal basis → 法制办.
    LegalBasis,
    /// An intermediary's item → 审管办.
    Intermediary,
    /// A public institution's or state-owned enterprise's item → its 主管部门.
    Supervisor,
    /// A state-owned enterprise's item → 国资委.
    StateOwned,
    /// Everything else → 编办.
    General,
}

impl Reason {
    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            Reason::FeeStandard => "fee_standard",
            Reason::FeeBasis => "fee_basis",
            Reason::LegalBasis => "legal_basis",
            Reason::Intermediary => "intermediary",
            Reason::Supervisor => "supervisor",
            Reason::StateOwned => "state_owned",
            Reason::General => "general",
        }
    }

    /// What the reviewer looks at, in Chinese and English.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Reason::FeeStandard => ("收费标准", "fee standard"),
            Reason::FeeBasis => ("收费依据", "fee basis"),
            Reason::LegalBasis => ("实施依据", "legal basis"),
            Reason::Intermediary => ("中介服务", "intermediary"),
            Reason::Supervisor => ("主管部门审核", "supervisor"),
            Reason::StateOwned => ("国有企业", "state-owned enterprise"),
            Reason::General => ("一般审核", "general review"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub reviewer: Reviewer,
    pub reason: Reason,
}

/// The reviewers of an item of `department` (`None` when the register
/// lacks it), given the item's findings.
pub fn routes(item: &Item, department: Option<&Department>, findings: &[&Finding]) -> Vec<Route> {
    let mut out = Vec::new();
    let mut add = |reviewer: Reviewer, reason| out.push(Route { reviewer, reason });
    if let Some(fee) = item.fee.as_ref().filter(|f| f.charged) {
        if fee.government_priced() {
            add(Reviewer::Office(Office::Fagaiwei), Reason::FeeStandard);
        }
        add(Reviewer::Office(Office::Caizheng), Reason::FeeBasis);
    }
    if findings.iter().any(|f| is_legal_basis_finding(f)) {
        add(Reviewer::Office(Office::Fazhi), Reason::LegalBasis);
    }
    if let Some(department) = department {
        match department.kind {
            DepartmentKind::Intermediary => {
                add(Reviewer::Office(Office::Shenguanban), Reason::Intermediary)
            }
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
    if out.is_empty() {
        out.push(Route {
            reviewer: Reviewer::Office(Office::Bianban),
            reason: Reason::General,
        });
    }
    out
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
            [("fagaiwei", "fee_standard"), ("caizheng", "fee_basis")]
        );
    }

    #[test]
    fn a_fee_without_government_price_goes_to_caizheng_only() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        assert_eq!(
            ids(&routes(&item(CHARGED), Some(&government), &[])),
            [("caizheng", "fee_basis")]
        );
        let free = item("fee: {charged: false, government_priced: true}\n");
        assert_eq!(
            ids(&routes(&free, Some(&government), &[])),
            [("bianban", "general")]
        );
    }

    #[test]
    fn a_legal_basis_finding_goes_to_fazhi() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        let format = Finding::new(&legal_basis_format::RULE, Message::new("basis.no_article"))
            .at("legal_basis[0].article", None);
        assert_eq!(
            ids(&routes(&item(""), Some(&government), &[&format])),
            [("fazhi", "legal_basis")]
        );
        let other = Finding::new(&crate::rules::visits::RULE, Message::new("visits.too_many"))
            .at("visits", None);
        assert_eq!(
            ids(&routes(&item(""), Some(&government), &[&other])),
            [("bianban", "general")]
        );
    }

    #[test]
    fn an_intermediary_item_goes_to_shenguanban() {
        let intermediary = department(DepartmentKind::Intermediary, None);
        assert_eq!(
            ids(&routes(&item(""), Some(&intermediary), &[])),
            [("shenguanban", "intermediary")]
        );
    }

    #[test]
    fn a_public_institution_item_goes_to_its_supervisor() {
        let institution = department(DepartmentKind::PublicInstitution, Some("zrzyj"));
        assert_eq!(
            ids(&routes(&item(""), Some(&institution), &[])),
            [("zrzyj", "supervisor")]
        );
    }

    #[test]
    fn a_state_owned_enterprise_item_goes_to_its_supervisor_and_guoziwei() {
        let enterprise = department(DepartmentKind::StateOwnedEnterprise, Some("zjj"));
        assert_eq!(
            ids(&routes(&item(""), Some(&enterprise), &[])),
            [("zjj", "supervisor"), ("guoziwei", "state_owned")]
        );
        let charged = routes(&item(CHARGED), Some(&enterprise), &[]);
        assert_eq!(
            ids(&charged),
            [
                ("caizheng", "fee_basis"),
                ("zjj", "supervisor"),
                ("guoziwei", "state_owned")
            ]
        );
    }

    #[test]
    fn everything_else_goes_to_bianban() {
        let government = department(DepartmentKind::GovernmentDepartment, None);
        assert_eq!(
            ids(&routes(&item(""), Some(&government), &[])),
            [("bianban", "general")]
        );
        assert_eq!(ids(&routes(&item(""), None, &[])), [("bianban", "general")]);
    }
}
