//! `contact-format`: a consultation (咨询方式) that gives no phone number,
//! address or web address, and an item that cannot be handled online
//! (`online: none`) without an online consultation address. Seed 004 lists
//! 咨询方式 among the guide's elements and asks items not yet online to offer
//! 全程在线咨询; seed 001 asks the same.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::Online;

use super::{Rule, active, item_finding};

pub static RULE: Rule = Rule {
    id: "contact-format",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "咨询方式没有电话、地址或网址；不能网办的事项没有在线咨询网址",
    summary_en: "consultation without phone, address or url; `online: none` without an online consultation url",
    messages: &[
        (
            "contact.nothing",
            "咨询方式「{consultation}」未写明电话、地址或网址",
            "consultation `{consultation}` gives no phone number, address or web address",
        ),
        (
            "contact.no_online_url",
            "不能网上办理的事项须在咨询方式中提供在线咨询网址",
            "an item that cannot be handled online needs an online consultation web address in its consultation",
        ),
    ],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    let consultation = item.consultation.as_deref().map(str::trim).unwrap_or("");
    if !consultation.is_empty()
        && !has_phone(consultation)
        && !has_address(consultation)
        && !has_url(consultation)
    {
        out.push(item_finding(
            &RULE,
            view,
            "consultation",
            Message::new("contact.nothing").arg("consultation", consultation),
        ));
    }
    if item.online == Some(Online::NotOnline) && !has_url(consultation) {
        out.push(item_finding(
            &RULE,
            view,
            "online",
            Message::new("contact.no_online_url"),
        ));
    }
}

/// Five digits or more in a row, dashes allowed (0577-88990000, 12345).
fn has_phone(text: &str) -> bool {
    let mut digits = 0;
    for c in text.chars() {
        match c {
            '0'..='9' | '０'..='９' => {
                digits += 1;
                if digits >= 5 {
                    return true;
                }
            }
            '-' | '－' | '—' => {}
            _ => digits = 0,
        }
    }
    false
}

/// Words of an address; a house number (`100号`) counts too. A bare
/// “窗口” does not: it says nowhere.
const ADDRESS_MARKS: &[&str] = &["地址", "路", "街", "巷", "楼", "室"];

fn has_address(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let house_number = chars
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1] == '号');
    house_number || ADDRESS_MARKS.iter().any(|m| text.contains(m))
}

fn has_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["http://", "https://", "www."]
        .iter()
        .any(|m| lower.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, item_rule_findings};

    fn run(consultation: &str, extra: &str) -> Vec<Finding> {
        let text = GUIDE_ITEM.replace(
            "consultation: 0577-88990000\n",
            &format!("consultation: {consultation}\n{extra}"),
        );
        item_rule_findings(&[("items/wsjw/a.yaml", &text)], check_item)
    }

    #[test]
    fn phone_address_or_url_is_enough() {
        for consultation in [
            "0577-88990000",
            "热线12345",
            "瓯江市江滨中路100号",
            "市民中心三楼C05窗口",
            "江滨中100号",
            "https://zwfw.oujiang.gov.cn",
            "WWW.OUJIANG.GOV.CN",
        ] {
            assert!(run(consultation, "").is_empty(), "{consultation}");
        }
    }

    #[test]
    fn consultation_without_any_contact() {
        for consultation in [
            "请咨询窗口工作人员",
            "电话：8899",
            "咨询：卫健委",
            "拨打咨询号码",
        ] {
            let out = run(consultation, "");
            assert_eq!(out.len(), 1, "{consultation}");
            assert_eq!(out[0].message.key, "contact.nothing");
        }
    }

    #[test]
    fn offline_items_need_an_online_consultation() {
        let out = run("0577-88990000", "online: none\n");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("online"));
        assert!(
            run(
                "0577-88990000；在线咨询：https://zwfw.oujiang.gov.cn/zxzx",
                "online: none\n"
            )
            .is_empty()
        );
        assert!(run("0577-88990000", "online: partial\n").is_empty());
    }
}
