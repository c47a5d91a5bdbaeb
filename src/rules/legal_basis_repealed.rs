//! `legal-basis-repealed`: a legal basis whose law the laws register says
//! is repealed (`repealed` on or before today, China Standard Time). A
//! repealed law sets nothing; seed 000 gives 法制办 the legality review.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};

use super::{Rule, cited_laws, item_finding};

pub static RULE: Rule = Rule {
    id: "legal-basis-repealed",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "实施依据已废止",
    summary_en: "a legal basis whose law is repealed",
    messages: &[(
        "law.repealed",
        "实施依据《{title}》已于 {date} 废止，应改为现行有效的依据",
        "legal basis 《{title}》 was repealed on {date}: cite the law in force",
    )],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    if catalog.registers.laws.is_none() {
        return;
    }
    let today = crate::model::date::today_cst();
    for (path, title) in cited_laws(view) {
        let repealed = catalog
            .registers
            .law(title)
            .and_then(|law| law.repealed.as_ref())
            .filter(|date| date.0 <= today);
        if let Some(date) = repealed {
            let message = Message::new("law.repealed")
                .arg("title", title)
                .arg("date", date.0.as_str());
            out.push(item_finding(&RULE, view, &path, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::GUIDE_ITEM;
    use crate::rules::testing::{LAWS, findings_with_registers};

    fn run(title: &str, registers: &[(&str, &str)]) -> Vec<Finding> {
        let item = GUIDE_ITEM.replace("《中华人民共和国人口与计划生育法》", title);
        findings_with_registers(&item, registers, check_item)
    }

    #[test]
    fn a_repealed_law() {
        let out = run("《城市居民最低生活保障条例》", &[LAWS]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("legal_basis[0].title"));
        let date = out[0].message.args.iter().find(|(k, _)| *k == "date");
        assert_eq!(date.unwrap().1, "2021-01-01".into());
    }

    #[test]
    fn laws_in_force_unknown_titles_and_no_register() {
        assert!(run("《中华人民共和国人口与计划生育法》", &[LAWS]).is_empty());
        // Repealed from a day still to come: in force today.
        assert!(run("《某市未来废止办法》", &[LAWS]).is_empty());
        assert!(run("《无人知晓条例》", &[LAWS]).is_empty());
        assert!(run("《城市居民最低生活保障条例》", &[]).is_empty());
    }
}
