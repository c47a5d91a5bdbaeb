//! `fee-not-in-catalog`: a charge whose name is not in the fee register
//! (收费目录清单). Seed 003 asks for 收费目录清单管理: what is not listed is
//! not charged; seed 000 gives 发改委 the standard and 财政局 the basis.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};

use super::{Rule, charges, item_finding_near};

pub static RULE: Rule = Rule {
    id: "fee-not-in-catalog",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "收费项目不在收费目录清单中",
    summary_en: "a charge whose name is not in the fee register",
    messages: &[
        (
            "fee.not_in_catalog",
            "收费项目「{charge}」不在收费目录清单中：目录清单之外不得收费",
            "charge `{charge}` is not in the fee register: nothing outside the register may be charged",
        ),
        (
            "fee.unnamed",
            "收费未写明收费项目，无法对照收费目录清单：请在 fee.items 中逐项写明收费项目名称",
            "the fee names no charge, so it cannot be checked against the fee register: list each charge by name in `fee.items`",
        ),
    ],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    if catalog.registers.fees.is_none() {
        return;
    }
    for (path, charge) in charges(view) {
        let finding = match charge.name {
            None => item_finding_near(
                &RULE,
                view,
                "fee.items",
                "fee.charged",
                Message::new("fee.unnamed"),
            ),
            Some(name) if catalog.registers.fee(name).is_none() => item_finding_near(
                &RULE,
                view,
                &format!("{path}.name"),
                &path,
                Message::new("fee.not_in_catalog").arg("charge", name),
            ),
            Some(_) => continue,
        };
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::GUIDE_ITEM;
    use crate::rules::testing::{FEES, findings_with_registers};

    fn run(fee: &str, registers: &[(&str, &str)]) -> Vec<Finding> {
        let item = GUIDE_ITEM.replace("fee:\n  charged: false\n", fee);
        findings_with_registers(&item, registers, check_item)
    }

    #[test]
    fn a_charge_the_register_lacks() {
        let fee = "fee:\n  charged: true\n  items:\n    - name: 不动产登记费\n    - name: 工本费\n";
        let out = run(fee, &[FEES]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("fee.items[1].name"));
    }

    #[test]
    fn an_unnamed_charge_cannot_be_checked() {
        let fee = "fee:\n  charged: true\n  standard: 每件80元\n  basis: 《某公交公司管理办法》\n";
        let out = run(fee, &[FEES]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "fee.unnamed");
    }

    #[test]
    fn listed_charges_free_items_and_no_register_are_clean() {
        let fee = "fee:\n  charged: true\n  items:\n    - name: 不动产 登记费\n";
        assert!(run(fee, &[FEES]).is_empty());
        assert!(run("fee:\n  charged: false\n", &[FEES]).is_empty());
        let fee = "fee:\n  charged: true\n  items:\n    - name: 工本费\n";
        assert!(run(fee, &[]).is_empty());
    }
}
