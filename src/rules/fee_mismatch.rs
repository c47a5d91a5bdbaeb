//! `fee-mismatch`: a charge whose standard, basis or pricing differs from
//! the fee register's (收费目录清单). Seed 000: 发改委 reviews the standard,
//! 财政局 the basis; a clerk cannot declare a price 政府定价 on their own.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::Labelled;
use crate::model::names::normalize;

use super::{Rule, charges, item_finding_near};

pub static RULE: Rule = Rule {
    id: "fee-mismatch",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "收费标准、依据或定价方式与收费目录清单不一致",
    summary_en: "a charge whose standard, basis or pricing differs from the fee register",
    messages: &[
        (
            "fee.standard_differs",
            "收费项目「{charge}」的收费标准「{item}」与收费目录清单的「{register}」不一致",
            "charge `{charge}`: standard `{item}` differs from the fee register's `{register}`",
        ),
        (
            "fee.basis_differs",
            "收费项目「{charge}」的收费依据「{item}」与收费目录清单的「{register}」不一致",
            "charge `{charge}`: basis `{item}` differs from the fee register's `{register}`",
        ),
        (
            "fee.pricing_differs",
            "收费项目「{charge}」的定价方式是{item}，收费目录清单为{register}",
            "charge `{charge}` is priced `{item}`; the fee register says `{register}`",
        ),
    ],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    if catalog.registers.fees.is_none() {
        return;
    }
    for (path, charge) in charges(view) {
        let Some(name) = charge.name else { continue };
        let Some(entry) = catalog.registers.fee(name) else {
            continue;
        };
        let anchor = format!("{path}.name");
        let mut differs = |key: &str, message: Message| {
            let message = message.arg("charge", name);
            out.push(item_finding_near(
                &RULE,
                view,
                &format!("{path}.{key}"),
                &anchor,
                message,
            ));
        };
        let texts = [
            (
                "standard",
                "fee.standard_differs",
                charge.standard,
                entry.standard.as_deref(),
            ),
            (
                "basis",
                "fee.basis_differs",
                charge.basis,
                entry.basis.as_deref(),
            ),
        ];
        for (key, message, item, register) in texts {
            if let (Some(item), Some(register)) = (item, register)
                && normalize(item) != normalize(register)
            {
                differs(
                    key,
                    Message::new(message)
                        .arg("item", item)
                        .arg("register", register),
                );
            }
        }
        if let (Some(item), Some(register)) = (charge.pricing, entry.pricing)
            && item != register
        {
            let message = Message::new("fee.pricing_differs")
                .localized("item", item.zh(), item.en())
                .localized("register", register.zh(), register.en());
            differs("pricing", message);
        }
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

    const CHARGE: &str = "fee:\n  charged: true\n  items:\n    - name: 不动产登记费\n      standard: 每件80元\n      basis: 《关于不动产登记收费标准等有关问题的通知》\n      pricing: government\n";

    #[test]
    fn each_difference_is_a_finding() {
        let fee = CHARGE
            .replace("每件80元", "每件100元")
            .replace("pricing: government", "pricing: market");
        let out = run(&fee, &[FEES]);
        let paths: Vec<_> = out.iter().map(|f| f.path.clone().unwrap()).collect();
        assert_eq!(paths, ["fee.items[0].standard", "fee.items[0].pricing"]);
        let fee = CHARGE.replace(
            "《关于不动产登记收费标准等有关问题的通知》",
            "《某公交公司管理办法》",
        );
        assert_eq!(run(&fee, &[FEES])[0].message.key, "fee.basis_differs");
    }

    #[test]
    fn the_same_charge_however_spaced_and_no_register_are_clean() {
        assert!(run(CHARGE, &[FEES]).is_empty());
        let spaced = CHARGE.replace("每件80元", "每件 80 元");
        assert!(run(&spaced, &[FEES]).is_empty());
        let fee = CHARGE.replace("每件80元", "每件100元");
        assert!(run(&fee, &[]).is_empty());
    }

    #[test]
    fn government_priced_reads_as_pricing() {
        // The older form has no name, so it is fee-not-in-catalog's.
        let fee = "fee:\n  charged: true\n  standard: 每件100元\n  government_priced: false\n";
        assert!(run(fee, &[FEES]).is_empty());
    }
}
