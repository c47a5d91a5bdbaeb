//! The site's own words (everything else it shows is a field label from
//! `labels` or a catalog value): key, Simplified Chinese, English.

use crate::i18n::{self, Arg, Lang, Texts};

/// The site's lookup: its own words and the general messages.
pub static TEXTS: Texts = Texts::new(|| vec![MESSAGES, i18n::MESSAGES]);

pub fn tr(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
    TEXTS.tr(lang, key, args)
}

pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "site.dataset",
        "开放数据集描述（DCAT-AP）",
        "Open dataset description (DCAT-AP)",
    ),
    ("site.home", "首页", "Home"),
    ("site.search.label", "搜索事项", "Search items"),
    (
        "site.search.placeholder",
        "名称、编码、拼音首字母、部门、材料等",
        "Name, code, pinyin initials, department…",
    ),
    (
        "site.search.hint",
        "可搜索事项名称、编码、名称的拼音首字母（如 gjlnk）、实施主体、主题、服务对象、申请材料和办理结果；输入多个词时须全部匹配。",
        "Searches item names, codes, the pinyin initials of names (e.g. gjlnk), departments, themes, service targets, materials and results; several words must all match.",
    ),
    ("site.search.all", "全部", "All"),
    ("site.search.count", "找到 {n} 个事项", "{n} items found"),
    ("site.search.more", "显示更多", "Show more"),
    (
        "site.search.noscript",
        "搜索需要启用 JavaScript；也可以按实施主体浏览全部事项。",
        "Search needs JavaScript; every item can also be browsed by department.",
    ),
    ("site.browse", "按实施主体浏览", "Browse by department"),
    ("site.themes", "按主题浏览", "Browse by theme"),
    (
        "site.items_count",
        "{count} 个事项",
        "{count} {count:item|items}",
    ),
    ("site.who", "找谁办", "Who handles it"),
    ("site.main_item", "所属主项", "Main item"),
    ("site.sub_items", "本事项的子项", "Sub-items of this item"),
    ("site.services", "便民服务", "Convenience services"),
    ("site.where", "哪里办", "Where to go"),
    ("site.how", "怎么办", "How to apply"),
    ("site.more_info", "其他信息", "More information"),
    ("site.flowchart", "办理流程图", "Process flowchart"),
    ("site.no_process", "未列明办理流程", "No process is given"),
    (
        "site.special_steps",
        "特别程序不计入承诺时限：{steps}",
        "Special procedures are not counted in the promised time limit: {steps}",
    ),
    (
        "site.copies",
        "{copies} 份",
        "{copies} {copies:copy|copies}",
    ),
    ("site.department.kind", "主体类型", "Type"),
    (
        "site.department.credit_code",
        "统一社会信用代码",
        "Unified social credit code",
    ),
    (
        "site.department.items",
        "本单位的事项",
        "Items of this department",
    ),
    (
        "site.intermediary.kind",
        "中介服务事项",
        "Intermediary service",
    ),
    (
        "site.intermediary.department",
        "行业主管部门",
        "Department in charge",
    ),
    ("site.intermediary.mandatory", "是否强制", "Mandatory"),
    ("site.intermediary.basis", "设定依据", "Basis"),
    ("site.intermediary.pricing", "价格形式", "Pricing"),
    ("site.intermediary.standard", "收费标准", "Fee standard"),
    ("site.intermediary.time_limit", "服务时限", "Time limit"),
    (
        "site.intermediary.qualification",
        "机构资质要求",
        "Qualification required",
    ),
    (
        "site.intermediary.items",
        "需要本服务的事项",
        "Items requiring this service",
    ),
    (
        "site.intermediary.agencies",
        "可承揽的机构",
        "Agencies that may do it",
    ),
    (
        "site.intermediary.no_agency",
        "承揽机构名录中暂无具备有效资质的机构",
        "No agency with a valid qualification is listed yet",
    ),
    (
        "site.intermediary.qualification_held",
        "资质",
        "Qualification",
    ),
    ("site.intermediary.contact", "联系方式", "Contact"),
    (
        "site.intermediary.required",
        "涉及的中介服务",
        "Intermediary services required",
    ),
    (
        "site.intermediary.mandatory_mark",
        "（必须）",
        "(mandatory)",
    ),
    (
        "site.department.unregistered",
        "（未登记的实施主体）",
        "(not in the register)",
    ),
];
