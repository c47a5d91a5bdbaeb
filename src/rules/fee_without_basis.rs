//! `fee-without-basis`: a charged item (`fee.charged: true`) without its
//! basis (收费依据) or standard (收费标准). Seed 004 lists 收费依据及标准 as
//! a guide element; seed 000 has 发改委 review the standard and 财政局 the
//! basis; seed 003 keeps a fee catalog.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};

use super::{Rule, active, item_finding_near};

pub static RULE: Rule = Rule {
    id: "fee-without-basis",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "收费事项未写明收费依据或收费标准",
    summary_en: "`charged: true` without a `basis` or a `standard`",
    messages: &[
        (
            "fee.no_basis",
            "收费事项须写明收费依据（fee.basis）",
            "a charged item needs its fee basis (`fee.basis`)",
        ),
        (
            "fee.no_standard",
            "收费事项须写明收费标准（fee.standard）",
            "a charged item needs its fee standard (`fee.standard`)",
        ),
    ],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(fee) = active(view).and_then(|item| item.fee.as_ref()) else {
        return;
    };
    if !fee.charged {
        return;
    }
    let filled = |text: Option<&str>| text.is_some_and(|t| !t.trim().is_empty());
    for charge in fee.charges() {
        // A row of `items` answers for itself; the older form at `fee`.
        let base = match charge.index {
            Some(i) => format!("fee.items[{i}]"),
            None => "fee".to_string(),
        };
        let anchor = match charge.index {
            Some(_) => format!("{base}.name"),
            None => "fee.charged".to_string(),
        };
        if !filled(charge.basis) {
            out.push(item_finding_near(
                &RULE,
                view,
                &format!("{base}.basis"),
                &anchor,
                Message::new("fee.no_basis"),
            ));
        }
        if !filled(charge.standard) {
            out.push(item_finding_near(
                &RULE,
                view,
                &format!("{base}.standard"),
                &anchor,
                Message::new("fee.no_standard"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, item_rule_findings};

    fn run(fee: &str) -> Vec<Finding> {
        let text = GUIDE_ITEM.replace("fee:\n  charged: false\n", fee);
        item_rule_findings(&[("items/wsjw/a.yaml", &text)], check_item)
    }

    #[test]
    fn charged_without_basis_or_standard() {
        let keys: Vec<_> = run("fee:\n  charged: true\n")
            .iter()
            .map(|f| f.message.key)
            .collect();
        assert_eq!(keys, ["fee.no_basis", "fee.no_standard"]);
        let out = run("fee:\n  charged: true\n  standard: 每件10元\n");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("fee.basis"));
        // The finding points at `charged: true` when `fee.basis` is absent.
        assert_eq!(
            out[0].location.unwrap().line(),
            GUIDE_ITEM.lines().position(|l| l == "fee:").unwrap() as u32 + 2
        );
        assert_eq!(out[0].location.unwrap().column(), 12);
    }

    #[test]
    fn free_items_and_complete_fees_are_clean() {
        assert!(run("fee:\n  charged: false\n").is_empty());
        assert!(
            run("fee:\n  charged: true\n  standard: 每件10元\n  basis: 《瓯江市收费目录》\n")
                .is_empty()
        );
    }

    #[test]
    fn each_charge_needs_its_basis_and_standard() {
        let fee = "fee:\n  charged: true\n  items:\n    - name: 工本费\n      standard: 每本10元\n      basis: 《收费文件》\n    - name: 检测费\n      standard: 每次20元\n";
        let paths: Vec<_> = run(fee).iter().map(|f| f.path.clone().unwrap()).collect();
        assert_eq!(paths, ["fee.items[1].basis"]);
    }
}
