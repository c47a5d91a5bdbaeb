//! `reference-mismatch`: an item's `reference_code` is not in
//! `reference.yaml`, or its name is far from the reference item's name
//! (character-bigram Jaccard below 0.5).

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};
use crate::similarity::name_jaccard;
use crate::yaml::PathSeg;

use super::Rule;

pub static RULE: Rule = Rule {
    id: "reference-mismatch",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "参考目录编码不在 reference.yaml 中，或事项名称与参考目录事项名称相差过大",
    summary_en: "`reference_code` not in reference.yaml, or the name far from the reference item's",
    messages: &[
        (
            "reference.unknown",
            "参考目录编码「{code}」不在 reference.yaml 中",
            "reference code `{code}` is not in reference.yaml",
        ),
        (
            "reference.name",
            "事项名称「{name}」与参考目录事项「{reference}」（{code}）相差过大（相似度 {percent}%）",
            "name `{name}` is far from reference item `{reference}` ({code}): {percent}% alike",
        ),
    ],
};

/// Below this bigram Jaccard similarity a name is not the reference item's.
const MIN_SIMILARITY: f64 = 0.5;

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    for (loaded, item) in catalog.records().filter(|(_, i)| i.is_active()) {
        let Some(code) = item.reference_code.as_deref() else {
            continue;
        };
        let span = loaded
            .spans
            .as_ref()
            .and_then(|s| s.find(&[PathSeg::Key("reference_code".into())]))
            .map(|n| n.span);
        let finding = |message| {
            Finding::new(&RULE, message)
                .in_file(&loaded.file)
                .at("reference_code", span)
                .for_item(Some(loaded.item_ref.clone()))
        };
        match catalog
            .reference
            .iter()
            .find(|r| r.code.trim() == code.trim())
        {
            None => out.push(finding(Message::new("reference.unknown").arg("code", code))),
            // A sub-item carries its main item's reference code under its
            // own name (主项 → 子项): the main item's name is what compares.
            Some(_) if shares_main_reference(catalog, item, code) => {}
            Some(reference) => {
                let similarity = name_jaccard(&item.name, &reference.name);
                if similarity < MIN_SIMILARITY {
                    let percent = (similarity * 100.0).round() as u64;
                    out.push(finding(
                        Message::new("reference.name")
                            .arg("name", item.name.as_str())
                            .arg("reference", reference.name.as_str())
                            .arg("code", code)
                            .arg("percent", percent),
                    ));
                }
            }
        }
    }
}

/// True for a sub-item whose main item has the same reference code.
fn shares_main_reference(catalog: &Catalog, item: &crate::model::Item, code: &str) -> bool {
    catalog
        .parent_of(item)
        .and_then(|main| main.item.as_ref())
        .and_then(|main| main.reference_code.as_deref())
        .is_some_and(|main_code| main_code.trim() == code.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with;

    fn item(name: &str, reference: &str) -> String {
        format!(
            "reference_code: {reference}\nname: {name}\nkind: public_service\ncategory: other\ndepartment: mzj\ntargets: [natural_person]\nlegal_basis: [{{title: 《条例》, article: 第一条}}]\nguide: false\n"
        )
    }

    fn run(files: &[(&str, &str)]) -> Vec<&'static str> {
        let mut out = Vec::new();
        check(&catalog_with(files), &mut out);
        let mut uncovered = Vec::new();
        crate::rules::reference_uncovered::check(&catalog_with(files), &mut uncovered);
        out.iter()
            .chain(&uncovered)
            .map(|f| f.message.key)
            .collect()
    }

    const REFERENCE: &str =
        "- {code: R1, name: 最低生活保障申请}\n- {code: R2, name: 临时救助申请}\n";

    #[test]
    fn claimed_and_close() {
        let files = [
            ("reference.yaml", REFERENCE),
            ("items/mzj/a.yaml", &item("最低生活保障申请", "R1")),
            ("items/mzj/b.yaml", &item("临时救助申请（急难型）", "R2")),
        ];
        assert!(run(&files).is_empty());
    }

    #[test]
    fn unknown_far_and_uncovered() {
        let files = [
            ("reference.yaml", REFERENCE),
            ("items/mzj/a.yaml", &item("婚姻登记", "R1")),
            ("items/mzj/b.yaml", &item("临时救助申请", "R9")),
        ];
        assert_eq!(
            run(&files),
            ["reference.name", "reference.unknown", "reference.uncovered"]
        );
    }

    #[test]
    fn a_main_item_and_its_sub_items_count_once() {
        let main = item("最低生活保障申请", "R1") + "code: \"M1\"\n";
        // Sub-items under their own names: one with the main item's reference
        // code (not compared by name), one without (it covers R2 through…
        // nothing: its main item claims R1 only).
        let same = item("城市低保", "R1") + "parent: \"M1\"\n";
        let files = [
            ("reference.yaml", REFERENCE),
            ("items/mzj/main.yaml", main.as_str()),
            ("items/mzj/same.yaml", same.as_str()),
        ];
        assert_eq!(run(&files), ["reference.uncovered"], "R2 only");
        // A sub-item alone covers its main item's reference: the cancelled
        // main item's R1 is still implemented through the sub-item.
        let cancelled = main.clone() + "status: cancelled\n";
        let plain_sub =
            item("城市低保", "R2").replace("reference_code: R2\n", "") + "parent: \"M1\"\n";
        let files = [
            ("reference.yaml", REFERENCE),
            ("items/mzj/main.yaml", cancelled.as_str()),
            ("items/mzj/sub.yaml", plain_sub.as_str()),
            ("items/mzj/b.yaml", &item("临时救助申请", "R2")),
        ];
        assert!(run(&files).is_empty(), "{:?}", run(&files));
    }
}
