//! `intermediary-link`: an item and an intermediary service must agree on
//! which requires which. An item names the services it requires
//! (`intermediaries: [id]`); a service names the items that require it
//! (`required_by: [code or file]`); either side naming the other without
//! being named back, or naming something that is not there, is a finding.
//! A service's department in charge must be in the register.

use std::collections::HashSet;

use crate::catalog::{Catalog, LoadedItem};
use crate::finding::{Finding, Message, Severity};
use crate::model::Item;

use super::{Rule, intermediary_finding, loaded_finding};

pub static RULE: Rule = Rule {
    id: "intermediary-link",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "事项与中介服务事项互不对应：一方列了另一方而对方没有列回，或列出的事项、中介服务、主管部门不存在",
    summary_en: "an item and an intermediary service disagree: one names the other and is not named back, or names an item, service or department that is not there",
    messages: &[
        (
            "intermediary.unknown_service",
            "事项所需的中介服务「{id}」不在 intermediaries/ 中",
            "the item requires the intermediary service `{id}`, which is not in intermediaries/",
        ),
        (
            "intermediary.item_not_named_back",
            "事项列了中介服务「{id}」（{name}），但该服务的 required_by 没有列这个事项；请在 intermediaries/{id}.yaml 的 required_by 中加上「{item}」",
            "the item names the intermediary service `{id}` ({name}), whose required_by does not name it; add `{item}` to required_by in intermediaries/{id}.yaml",
        ),
        (
            "intermediary.unknown_item",
            "required_by 中的「{item}」不是清单中的事项（写事项编码或 items/ 下的文件路径）",
            "`{item}` in required_by is no item of the catalog (write an item code or a file under items/)",
        ),
        (
            "intermediary.service_not_named_back",
            "required_by 列了事项「{name}」（{file}），但该事项的 intermediaries 没有列「{id}」",
            "required_by names the item 「{name}」 ({file}), whose intermediaries do not name `{id}`",
        ),
        (
            "intermediary.unknown_department",
            "行业主管部门「{department}」不在 departments.yaml 中",
            "the department in charge `{department}` is not in departments.yaml",
        ),
    ],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    let items: Vec<(&LoadedItem, &Item)> =
        catalog.records().filter(|(_, i)| i.is_active()).collect();
    // Items naming services.
    for (loaded, item) in &items {
        for id in unique(&item.intermediaries) {
            let message = match catalog.intermediary(id) {
                None => Message::new("intermediary.unknown_service").arg("id", id),
                Some(service)
                    if !service
                        .record
                        .required_by
                        .iter()
                        .any(|entry| loaded.answers_to(entry)) =>
                {
                    let item_name = loaded
                        .item_ref
                        .code
                        .clone()
                        .unwrap_or_else(|| loaded.file.clone());
                    Message::new("intermediary.item_not_named_back")
                        .arg("id", id)
                        .arg("name", service.record.name.as_str())
                        .arg("item", item_name)
                }
                Some(_) => continue,
            };
            out.push(loaded_finding(&RULE, loaded, "intermediaries", message));
        }
    }
    // Services naming items.
    for service in &catalog.intermediaries {
        let record = &service.record;
        if !record.is_active() {
            continue;
        }
        if catalog.department(&record.department).is_none() {
            let message = Message::new("intermediary.unknown_department")
                .arg("department", record.department.as_str());
            out.push(intermediary_finding(&RULE, service, "department", message));
        }
        for (i, entry) in record.required_by.iter().enumerate() {
            let path = format!("required_by[{i}]");
            // Cancelled items are no longer published; naming one is stale.
            let found = items.iter().find(|(loaded, _)| loaded.answers_to(entry));
            let message = match found {
                None => Message::new("intermediary.unknown_item").arg("item", entry.as_str()),
                Some((loaded, item)) if !item.intermediaries.contains(&service.id) => {
                    Message::new("intermediary.service_not_named_back")
                        .arg("name", item.name.as_str())
                        .arg("file", loaded.file.as_str())
                        .arg("id", service.id.as_str())
                }
                Some(_) => continue,
            };
            out.push(intermediary_finding(&RULE, service, &path, message));
        }
    }
}

/// Each id once, in order (an id listed twice is one requirement).
fn unique(ids: &[String]) -> Vec<&str> {
    let mut seen = HashSet::new();
    ids.iter()
        .map(|id| id.as_str())
        .filter(|id| seen.insert(*id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::MINIMAL_ITEM;
    use crate::rules::testing::catalog_with_services;

    const SERVICE: &str = "name: 房屋面积测绘\ndepartment: wsjw\nmandatory: false\n";

    fn run(service: &str, item: &str) -> Vec<(String, String, &'static str)> {
        let catalog = catalog_with_services(
            &[("intermediaries/ch.yaml", service)],
            "",
            &[("items/wsjw/a.yaml", item)],
        );
        let mut out = Vec::new();
        check(&catalog, &mut out);
        out.into_iter()
            .map(|f| (f.file.unwrap(), f.path.unwrap(), f.message.key))
            .collect()
    }

    fn item_requiring(id: &str) -> String {
        format!("{MINIMAL_ITEM}intermediaries: [{id}]\n")
    }

    #[test]
    fn both_sides_agreeing_is_clean_by_file_or_code() {
        let by_file = format!("{SERVICE}required_by: [items/wsjw/a.yaml]\n");
        assert!(run(&by_file, &item_requiring("ch")).is_empty());
        let by_short_file = format!("{SERVICE}required_by: [wsjw/a.yaml]\n");
        assert!(run(&by_short_file, &item_requiring("ch")).is_empty());
        let by_code = format!("{SERVICE}required_by: [\"2000330399001000X\"]\n");
        let coded = format!("code: \"2000330399001000X\"\n{}", item_requiring("ch"));
        assert!(run(&by_code, &coded).is_empty());
    }

    #[test]
    fn an_item_naming_a_service_that_does_not_name_it_back() {
        let out = run(SERVICE, &item_requiring("ch"));
        assert_eq!(
            out,
            [(
                "items/wsjw/a.yaml".to_string(),
                "intermediaries".to_string(),
                "intermediary.item_not_named_back"
            )]
        );
    }

    #[test]
    fn a_service_naming_an_item_that_does_not_name_it_back() {
        let service = format!("{SERVICE}required_by: [items/wsjw/a.yaml]\n");
        let out = run(&service, MINIMAL_ITEM);
        assert_eq!(
            out,
            [(
                "intermediaries/ch.yaml".to_string(),
                "required_by[0]".to_string(),
                "intermediary.service_not_named_back"
            )]
        );
    }

    #[test]
    fn unknown_names_on_either_side_and_an_unknown_department() {
        let service = format!("{SERVICE}required_by: [items/wsjw/none.yaml]\n")
            .replace("department: wsjw", "department: nobody");
        let out = run(&service, &item_requiring("gone"));
        let keys: Vec<&str> = out.iter().map(|(_, _, k)| *k).collect();
        assert_eq!(
            keys,
            [
                "intermediary.unknown_service",
                "intermediary.unknown_department",
                "intermediary.unknown_item"
            ]
        );
    }

    #[test]
    fn the_messages_say_how_to_mend_in_both_languages() {
        let catalog = catalog_with_services(
            &[("intermediaries/ch.yaml", SERVICE)],
            "",
            &[("items/wsjw/a.yaml", &item_requiring("ch"))],
        );
        let mut out = Vec::new();
        check(&catalog, &mut out);
        let zh = crate::texts::text(crate::i18n::Lang::Zh, &out[0].message);
        assert!(
            zh.contains("intermediaries/ch.yaml 的 required_by 中加上「items/wsjw/a.yaml」"),
            "{zh}"
        );
        let en = crate::texts::text(crate::i18n::Lang::En, &out[0].message);
        assert!(
            en.contains("add `items/wsjw/a.yaml` to required_by"),
            "{en}"
        );
    }
}
