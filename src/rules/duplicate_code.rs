//! `duplicate-code`: two items with one code (typically two branches that
//! each coded a new item of one department; `qingdan code --renumber`).

use std::collections::BTreeMap;

use crate::catalog::{Catalog, LoadedItem};
use crate::finding::{Finding, Message, Severity};

use super::Rule;
use super::code_format::at_code;

pub static RULE: Rule = Rule {
    id: "duplicate-code",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "两个事项使用同一个事项编码",
    summary_en: "two items share one code",
    messages: &[(
        "code.duplicate",
        "事项编码「{code}」与 {other} 重复；请运行 qingdan code --renumber {code}",
        "item code `{code}` is also on {other}; run qingdan code --renumber {code}",
    )],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    // Cancelled items keep their codes: they count too.
    let mut by_code: BTreeMap<&str, Vec<&LoadedItem>> = BTreeMap::new();
    for loaded in &catalog.items {
        if let Some(code) = loaded.item_ref.code.as_deref().filter(|c| !c.is_empty()) {
            by_code.entry(code).or_default().push(loaded);
        }
    }
    for (code, items) in by_code.into_iter().filter(|(_, items)| items.len() > 1) {
        for (i, loaded) in items.iter().enumerate() {
            let other = if i == 0 { items[1] } else { items[0] };
            let message = Message::new("code.duplicate")
                .arg("code", code)
                .arg("other", other.file.as_str());
            out.push(at_code(&RULE, loaded, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with;
    use crate::rules::code_format::tests::{code, item};

    #[test]
    fn both_items_are_reported_cancelled_ones_too() {
        let c = code("20", "002", 1);
        let cancelled = item(&c, "mzj", "乙") + "status: cancelled\n";
        let catalog = catalog_with(&[
            ("items/mzj/甲.yaml", &item(&c, "mzj", "甲")),
            ("items/mzj/乙.yaml", &cancelled),
        ]);
        let mut out = Vec::new();
        check(&catalog, &mut out);
        let files: Vec<_> = out.iter().map(|f| f.file.as_deref().unwrap()).collect();
        assert_eq!(files, ["items/mzj/乙.yaml", "items/mzj/甲.yaml"]);
    }
}
