//! `consistency`: fields of one item that contradict each other. Each case
//! is one function of [`CASES`]; a new cross-field check is one more
//! function there (and its messages below), not a sibling rule.

use std::collections::HashMap;

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::{CaseType, Item, ItemKind, Labelled, Limit, Online};

use super::{Rule, active, item_finding};

pub static RULE: Rule = Rule {
    id: "consistency",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "事项的字段互相矛盾：网办程度与到现场次数、收费与收费标准、材料重复、环节材料或办理部门不明、办件类型与承诺时限、行政职权标为可转移、转移去向与可转移标记不符",
    summary_en: "fields of an item that contradict each other: online service and visits, fee and standard, a material twice, a step's unknown material or department, case type and promised limit, an administrative power marked transferable, a transfer without its receiver",
    messages: &[
        (
            "consistency.zero_visits_offline",
            "不能网办（online: none）的事项到现场次数为 0，又不提供代办：申请人怎样办理？",
            "an item that is not online (online: none) needs 0 visits and offers no proxy service: how does an applicant apply?",
        ),
        (
            "consistency.visits_fully_online",
            "全程网办的事项到现场次数应为 0，这里为 {visits} 次",
            "a fully online item needs 0 visits, not {visits}",
        ),
        (
            "consistency.free_with_amount",
            "不收费（charged: false），收费标准却写了金额「{standard}」",
            "the item is free (charged: false) but its fee standard states an amount: 「{standard}」",
        ),
        (
            "consistency.material_twice",
            "申请材料「{name}」列了两次（第 {first} 项和第 {second} 项）",
            "the material 「{name}」 is listed twice (entries {first} and {second})",
        ),
        (
            "consistency.step_material_unknown",
            "环节「{step}」提交的材料「{name}」不在申请材料中",
            "the step 「{step}」 takes the material 「{name}」, which is not among the item's materials",
        ),
        (
            "consistency.step_department",
            "环节的办理部门「{department}」不是部门或单位：写实施主体名录中的主体，或以局、中心、处、所等结尾的单位名称（经办人写在 actor）",
            "the step's department 「{department}」 is not a department or unit: name a department of the register or a unit (局, 中心, 处, 所 …); a person goes under actor",
        ),
        (
            "consistency.case_type_instant",
            "办件类型为即办件，但承诺时限为「{promised}」：即办件的承诺时限应为「即办」",
            "the case type is handled at once (即办件) but the promised time limit is `{promised}`, not 即办",
        ),
        (
            "consistency.case_type_promised",
            "承诺时限为「即办」，办件类型却为承诺件：应为即办件",
            "the promised time limit is 即办 but the case type is promised (承诺件); it should be handled at once (即办件)",
        ),
        (
            "consistency.transferable_power",
            "{kind}是法定行政职权，不能向社会组织转移（只转移辅助性、技术性职能）",
            "an item of kind {kind} is a statutory power and cannot move to social organisations (only auxiliary and technical functions do)",
        ),
        (
            "consistency.transfer_without_receiver",
            "事项标为可向社会组织转移（transferable: true），须在 transfer 下写明 to（承接的社会组织）、reason（属辅助性、技术性职能的理由）和 scope（转移范围）",
            "the item is marked transferable (transferable: true) and needs, under transfer, to (the receiving organisation), reason (why the function is auxiliary or technical) and scope (what moves)",
        ),
        (
            "consistency.transfer_not_transferable",
            "写了转移去向（transfer），却未标明可向社会组织转移（transferable: true）",
            "the item states a transfer (transfer) but is not marked transferable (transferable: true)",
        ),
    ],
};

/// One cross-field case: the active item, its file's view, the findings.
type Case = fn(&Catalog, &ItemView, &Item, &mut Vec<Finding>);

const CASES: &[Case] = &[
    zero_visits_offline,
    visits_fully_online,
    free_with_amount,
    material_twice,
    step_material_unknown,
    step_department,
    case_type,
    transferable_power,
    transfer_and_transferable,
];

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    for case in CASES {
        case(catalog, view, item, out);
    }
}

/// `online: none` with `visits: 0`: consistent only when someone else
/// comes for the applicant (`proxy`; mail joins it with `services`).
fn zero_visits_offline(_: &Catalog, view: &ItemView, item: &Item, out: &mut Vec<Finding>) {
    let offline = item.online == Some(Online::NotOnline);
    let services = item.services.as_ref();
    let someone_else = item.proxy == Some(true)
        || services.is_some_and(|s| s.proxy == Some(true) || s.mail == Some(true));
    if offline && item.visits == Some(0) && !someone_else {
        let message = Message::new("consistency.zero_visits_offline");
        out.push(item_finding(&RULE, view, "visits", message));
    }
}

/// 办件类型 against the promise: an 即办件 is promised 即办, a 承诺件 is not.
fn case_type(_: &Catalog, view: &ItemView, item: &Item, out: &mut Vec<Finding>) {
    let Some(case_type) = item.case_type else {
        return;
    };
    let Some(promised) = item.time_limit.as_ref().and_then(|t| t.promised.as_deref()) else {
        return;
    };
    // A promise outside the grammar is `time-limit`'s finding.
    let Some(limit) = Limit::parse(promised) else {
        return;
    };
    let message = match (case_type, limit == Limit::Immediate) {
        (CaseType::Instant, false) => {
            Message::new("consistency.case_type_instant").arg("promised", promised.trim())
        }
        (CaseType::Promised, true) => Message::new("consistency.case_type_promised"),
        _ => return,
    };
    out.push(item_finding(&RULE, view, "case_type", message));
}

/// 全程网办 means nobody comes to a counter.
fn visits_fully_online(_: &Catalog, view: &ItemView, item: &Item, out: &mut Vec<Finding>) {
    if let (Some(Online::Full), Some(visits @ 1..)) = (item.online, item.visits) {
        let message =
            Message::new("consistency.visits_fully_online").arg("visits", u64::from(visits));
        out.push(item_finding(&RULE, view, "visits", message));
    }
}

/// A free item whose standard still names a price (每件50元).
fn free_with_amount(_: &Catalog, view: &ItemView, item: &Item, out: &mut Vec<Finding>) {
    let Some(fee) = &item.fee else { return };
    let Some(standard) = fee.standard.as_deref() else {
        return;
    };
    if !fee.charged && states_an_amount(standard) {
        let message = Message::new("consistency.free_with_amount").arg("standard", standard);
        out.push(item_finding(&RULE, view, "fee.standard", message));
    }
}

/// Whether a text names a sum of money: a digit, then 元 within a few
/// characters (50元, 1.5 元, 20元/件).
fn states_an_amount(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        c.is_ascii_digit()
            && chars[i + 1..]
                .iter()
                .take(3)
                .find(|c| !(c.is_ascii_digit() || matches!(c, '.' | ' ')))
                .is_some_and(|c| *c == '元')
    })
}

/// The same material twice: the applicant cannot tell whether to bring two.
fn material_twice(_: &Catalog, view: &ItemView, item: &Item, out: &mut Vec<Finding>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, material) in item.materials.iter().enumerate() {
        let name = material.name.trim();
        match first.get(name) {
            Some(&f) => {
                let message = Message::new("consistency.material_twice")
                    .arg("name", name)
                    .arg("first", (f + 1) as u64)
                    .arg("second", (i + 1) as u64);
                out.push(item_finding(
                    &RULE,
                    view,
                    &format!("materials[{i}].name"),
                    message,
                ));
            }
            None => {
                first.insert(name, i);
            }
        }
    }
}

/// A step takes a material the item does not list.
fn step_material_unknown(_: &Catalog, view: &ItemView, item: &Item, out: &mut Vec<Finding>) {
    let known = |name: &str| item.materials.iter().any(|m| m.name.trim() == name.trim());
    for (i, step) in item.process.iter().enumerate() {
        for (j, name) in step.materials.iter().enumerate() {
            if !known(name) {
                let message = Message::new("consistency.step_material_unknown")
                    .arg("step", step.name.as_str())
                    .arg("name", name.as_str());
                let path = format!("process[{i}].materials[{j}]");
                out.push(item_finding(&RULE, view, &path, message));
            }
        }
    }
}

/// What a unit's name ends with (瓯江市婚姻登记处, 乡镇人民政府, 社区居委会).
const UNIT_ENDINGS: &[&str] = &[
    "局",
    "委",
    "委员会",
    "会",
    "办",
    "办公室",
    "厅",
    "部",
    "处",
    "科",
    "室",
    "股",
    "中心",
    "站",
    "所",
    "院",
    "馆",
    "队",
    "政府",
    "街道",
    "乡镇",
    "镇",
    "乡",
    "公司",
    "集团",
    "银行",
    "医院",
    "学校",
    "大学",
    "窗口",
    "大厅",
    "机构",
    "单位",
    "部门",
    "法院",
    "检察院",
    "协会",
    "社区",
    "村",
];

/// A step's department must be one: in the register (id or name) or a
/// unit's name; a person or an activity written there is a slip.
fn step_department(catalog: &Catalog, view: &ItemView, item: &Item, out: &mut Vec<Finding>) {
    for (i, step) in item.process.iter().enumerate() {
        let Some(department) = step.department.as_deref() else {
            continue;
        };
        if !names_a_unit(catalog, department) {
            let message = Message::new("consistency.step_department").arg("department", department);
            let path = format!("process[{i}].department");
            out.push(item_finding(&RULE, view, &path, message));
        }
    }
}

fn names_a_unit(catalog: &Catalog, text: &str) -> bool {
    let text = text.trim();
    let head = text
        .strip_suffix('）')
        .and_then(|h| h.rfind('（').map(|open| &h[..open]))
        .unwrap_or(text);
    catalog.department(text).is_some()
        || catalog.departments.iter().any(|d| d.name == text)
        || UNIT_ENDINGS.iter().any(|e| head.ends_with(e))
}

/// Seed 000 moves only 辅助性、技术性 functions to social organisations;
/// an administrative power (every kind but 公共服务) stays with the office.
/// A `transfer:` block marks the item for transfer as much as the flag.
fn transferable_power(_: &Catalog, view: &ItemView, item: &Item, out: &mut Vec<Finding>) {
    let marked = item.transferable == Some(true) || item.transfer.is_some();
    if marked && item.kind != ItemKind::PublicService {
        let message = Message::new("consistency.transferable_power").localized(
            "kind",
            item.kind.zh(),
            item.kind.en(),
        );
        let at = if item.transferable == Some(true) {
            "transferable"
        } else {
            "transfer"
        };
        out.push(item_finding(&RULE, view, at, message));
    }
}

/// Seed 000 lists transferable services apart, with who takes them on
/// (编办 gives its opinion on that): the flag and `transfer` go together.
/// Powers are `transferable_power`'s, not reported twice.
fn transfer_and_transferable(_: &Catalog, view: &ItemView, item: &Item, out: &mut Vec<Finding>) {
    if item.kind != ItemKind::PublicService {
        return;
    }
    let receiver = item
        .transfer
        .as_ref()
        .is_some_and(|t| !t.to.trim().is_empty());
    match (item.transferable == Some(true), item.transfer.is_some()) {
        (true, _) if !receiver => {
            let message = Message::new("consistency.transfer_without_receiver");
            out.push(super::item_finding_near(
                &RULE,
                view,
                "transfer.to",
                "transferable",
                message,
            ));
        }
        (false, true) => {
            let message = Message::new("consistency.transfer_not_transferable");
            out.push(item_finding(&RULE, view, "transfer", message));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, MINIMAL_ITEM, item_rule_findings};
    use crate::i18n::Lang;
    use crate::texts::text;

    fn run(text: &str) -> Vec<Finding> {
        item_rule_findings(&[("items/wsjw/a.yaml", text)], check_item)
    }

    /// (path, message key) of each finding.
    fn found(text: &str) -> Vec<(String, &'static str)> {
        run(text)
            .into_iter()
            .map(|f| (f.path.unwrap(), f.message.key))
            .collect()
    }

    fn one(path: &str, key: &'static str) -> Vec<(String, &'static str)> {
        vec![(path.to_string(), key)]
    }

    #[test]
    fn the_sample_guide_item_is_consistent() {
        assert!(run(GUIDE_ITEM).is_empty());
        assert!(run(MINIMAL_ITEM).is_empty());
    }

    #[test]
    fn case_type_against_the_promise() {
        let with = |case_type: &str, promised: &str| {
            GUIDE_ITEM.replace("promised: 3个工作日", &format!("promised: {promised}"))
                + &format!("case_type: {case_type}\n")
        };
        assert!(run(&with("instant", "即办")).is_empty());
        assert!(run(&with("即办件", " 即办 ")).is_empty());
        assert!(run(&with("promised", "3个工作日")).is_empty());
        assert!(
            run(&with("promised", "看情况")).is_empty(),
            "time-limit's finding"
        );
        let out = run(&with("instant", "3个工作日"));
        assert_eq!(
            (out[0].path.as_deref(), out[0].location.unwrap().line()),
            (Some("case_type"), 28)
        );
        assert_eq!(
            text(Lang::Zh, &out[0].message),
            "办件类型为即办件，但承诺时限为「3个工作日」：即办件的承诺时限应为「即办」"
        );
        assert!(text(Lang::En, &out[0].message).contains("`3个工作日`"));
        assert_eq!(
            found(&with("承诺件", "即办")),
            one("case_type", "consistency.case_type_promised")
        );
    }

    #[test]
    fn offline_with_no_visit_needs_a_proxy() {
        let text = format!("{GUIDE_ITEM}online: none\nvisits: 0\n");
        assert_eq!(
            found(&text),
            one("visits", "consistency.zero_visits_offline")
        );
        assert!(run(&format!("{text}proxy: true\n")).is_empty(), "代办");
        assert!(
            run(&format!("{text}services: {{proxy: true}}\n")).is_empty(),
            "村（社区）代办"
        );
        assert!(
            run(&format!("{text}services: {{mail: true}}\n")).is_empty(),
            "材料邮寄"
        );
        assert_eq!(
            found(&format!("{text}services: {{appointment: true}}\n")),
            one("visits", "consistency.zero_visits_offline"),
            "an appointment still means a visit"
        );
        assert!(run(&format!("{GUIDE_ITEM}online: none\nvisits: 1\n")).is_empty());
    }

    #[test]
    fn fully_online_with_visits() {
        let text = format!("{GUIDE_ITEM}online: full\nvisits: 3\n");
        assert_eq!(
            found(&text),
            one("visits", "consistency.visits_fully_online")
        );
        assert!(run(&format!("{GUIDE_ITEM}online: full\nvisits: 0\n")).is_empty());
        assert!(run(&format!("{GUIDE_ITEM}online: partial\nvisits: 1\n")).is_empty());
    }

    #[test]
    fn free_with_a_price() {
        let text = GUIDE_ITEM.replace(
            "fee:\n  charged: false\n",
            "fee:\n  charged: false\n  standard: 每件50元\n",
        );
        assert_eq!(
            found(&text),
            one("fee.standard", "consistency.free_with_amount")
        );
        for standard in ["不收费", "免费", "无", "工本费免收"] {
            let text = GUIDE_ITEM.replace(
                "fee:\n  charged: false\n",
                &format!("fee:\n  charged: false\n  standard: {standard}\n"),
            );
            assert!(run(&text).is_empty(), "{standard}");
        }
        assert!(states_an_amount("每张 1.5 元"));
        assert!(!states_an_amount("第3条规定免收"));
    }

    #[test]
    fn a_material_listed_twice() {
        let text = GUIDE_ITEM.replace(
            "process:\n",
            "  - name: 居民身份证\n    form: copy\nprocess:\n",
        );
        assert_eq!(
            found(&text),
            one("materials[1].name", "consistency.material_twice")
        );
    }

    #[test]
    fn a_step_takes_an_unknown_material() {
        let text = GUIDE_ITEM.replace(
            "    time_limit: 即办\n",
            "    time_limit: 即办\n    materials: [居民身份证, 结婚证]\n",
        );
        assert_eq!(
            found(&text),
            one(
                "process[0].materials[1]",
                "consistency.step_material_unknown"
            )
        );
    }

    #[test]
    fn a_step_department_that_is_no_department() {
        let with = |department: &str| {
            GUIDE_ITEM.replace(
                "    time_limit: 即办\n",
                &format!("    time_limit: 即办\n    department: {department}\n"),
            )
        };
        assert_eq!(
            found(&with("窗口工作人员")),
            one("process[0].department", "consistency.step_department")
        );
        assert_eq!(found(&with("审核")).len(), 1);
        for unit in [
            "mzj",
            "瓯江市民政局",
            "瓯江市婚姻登记处",
            "瓯江市社会保险事业管理中心",
            "乡镇人民政府",
            "乡镇（街道）",
            "村（社区）",
        ] {
            assert!(run(&with(unit)).is_empty(), "{unit}");
        }
    }

    #[test]
    fn a_transferable_power() {
        let yaml =
            MINIMAL_ITEM.replace("kind: public_service", "kind: 行政给付") + "transferable: true\n";
        let out = run(&yaml);
        assert_eq!(out.len(), 1);
        assert_eq!(
            text(Lang::Zh, &out[0].message),
            "行政给付是法定行政职权，不能向社会组织转移（只转移辅助性、技术性职能）"
        );
        assert!(
            text(Lang::En, &out[0].message)
                .starts_with("an item of kind Administrative payment is a statutory power")
        );
        let with_transfer = format!("{MINIMAL_ITEM}transferable: true\n{TRANSFER}");
        assert!(run(&with_transfer).is_empty());
        // A transfer block on a power is the same finding, once.
        let power = MINIMAL_ITEM.replace("kind: public_service", "kind: 行政给付") + TRANSFER;
        assert_eq!(
            found(&power),
            one("transfer", "consistency.transferable_power")
        );
    }

    const TRANSFER: &str = "transfer:\n  to: 瓯江市体育总会\n  reason: 场馆预约属技术性服务\n  scope: 场馆预约和开放时段公示\n";

    #[test]
    fn a_transferable_service_names_its_receiver_and_the_flag_goes_with_it() {
        let flag_only = format!("{MINIMAL_ITEM}transferable: true\n");
        assert_eq!(
            found(&flag_only),
            one("transfer.to", "consistency.transfer_without_receiver")
        );
        let out = run(&flag_only);
        assert!(text(Lang::Zh, &out[0].message).contains("to（承接的社会组织）"));
        assert!(text(Lang::En, &out[0].message).contains("needs, under transfer, to"));
        let blank = format!("{MINIMAL_ITEM}transferable: true\ntransfer:\n  to: \" \"\n");
        assert_eq!(found(&blank).len(), 1);
        let block_only = format!("{MINIMAL_ITEM}{TRANSFER}");
        assert_eq!(
            found(&block_only),
            one("transfer", "consistency.transfer_not_transferable")
        );
    }
}
