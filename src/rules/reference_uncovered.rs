//! `reference-uncovered`: a reference item that no active item claims
//! through `reference_code` — the reform's 应进必进 (every item of the
//! reference catalog must be implemented). A main item and its sub-items
//! count once: an active sub-item claims its main item's reference code.

use std::collections::HashSet;

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};
use crate::yaml::PathSeg;

use super::Rule;

pub static RULE: Rule = Rule {
    id: "reference-uncovered",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "参考目录中的事项没有任何在用事项认领（应进必进）",
    summary_en: "a reference item that no active item claims",
    messages: &[(
        "reference.uncovered",
        "参考目录事项「{name}」（{code}）没有对应的事项：应进必进",
        "reference item `{name}` ({code}) is implemented by no item",
    )],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    let active = || catalog.records().filter(|(_, i)| i.is_active());
    let own = active().filter_map(|(_, i)| i.reference_code.as_deref());
    let through_sub_items = active()
        .filter_map(|(_, i)| catalog.parent_of(i))
        .filter_map(|main| main.item.as_ref())
        .filter_map(|main| main.reference_code.as_deref());
    let claimed: HashSet<&str> = own.chain(through_sub_items).map(str::trim).collect();
    let spans = catalog.reference_spans.as_ref();
    for (i, reference) in catalog.reference.iter().enumerate() {
        if claimed.contains(reference.code.trim()) {
            continue;
        }
        let row = catalog.reference_rows[i];
        let path = [PathSeg::Index(row), PathSeg::Key("code".into())];
        let span = spans.map(|s| s.locate(&path));
        let message = Message::new("reference.uncovered")
            .arg("name", reference.name.as_str())
            .arg("code", reference.code.as_str());
        out.push(
            Finding::new(&RULE, message)
                .in_file(crate::catalog::REFERENCE_FILE)
                .at(format!("[{row}].code"), span),
        );
    }
}
