//! The words of the statistics reports, Chinese and English: measure
//! names, headings, aspect names. Keys are the json keys.

use crate::i18n::Lang;

const WORDS: &[(&str, &str, &str)] = &[
    // Measures (json keys).
    ("items", "事项数", "Items"),
    ("sub_items", "子项数", "Sub-items"),
    ("materials_per_item", "平均申请材料数", "Materials per item"),
    ("proofs", "平均证明材料数", "Proofs per item"),
    (
        "shareable_asked",
        "平均仍需提交的可共享材料数",
        "Shareable materials still asked, per item",
    ),
    (
        "promise_ratio",
        "时限压缩率（承诺÷法定）",
        "Promised ÷ statutory time",
    ),
    ("instant_share", "即办件占比", "Instant items"),
    ("online_full_share", "全程网办占比", "Fully online"),
    ("online_partial_share", "部分网办占比", "Partly online"),
    (
        "at_most_one_visit_share",
        "最多跑一次占比",
        "At most one visit",
    ),
    ("zero_visit_share", "零跑动占比", "Zero visits"),
    (
        "commitment_share",
        "告知承诺制占比",
        "Notification and commitment",
    ),
    ("steps_per_item", "平均办理环节数", "Steps per item"),
    (
        "guide_samples_share",
        "有示范文本和常见错误的指南事项占比",
        "Guide items with samples and common errors",
    ),
    // Groups of related measures (the terminal table's narrower tables).
    ("group.materials", "事项与材料", "Items and materials"),
    ("group.time", "时限与环节", "Time and steps"),
    (
        "group.online",
        "网办、跑动与指南",
        "Online, visits and guides",
    ),
    // Headings.
    ("catalog", "全部", "Whole catalog"),
    ("department", "实施主体", "Department"),
    ("measure", "指标", "Measure"),
    ("source", "清单", "Catalog"),
    ("region", "行政区划", "Region"),
    (
        "title.stats",
        "改革统计：{label}",
        "Reform statistics: {label}",
    ),
    (
        "title.rounds",
        "改革成效：{before} → {after}",
        "Reform progress: {before} → {after}",
    ),
    ("title.catalogs", "各清单对比", "Catalogs side by side"),
    (
        "title.consistency",
        "参考事项一致性",
        "Reference items compared",
    ),
    (
        "title.same_four",
        "四级四同差异",
        "Differences in name, kind or basis (四级四同)",
    ),
    (
        "title.implementation",
        "实施差异",
        "Differences of implementation (实施差异)",
    ),
    ("before", "之前", "Before"),
    ("after", "之后", "After"),
    ("cut.items", "事项减少", "Items removed"),
    ("cut.materials", "材料减少", "Materials cut"),
    ("cut.working_days", "承诺工作日减少", "Working days cut"),
    ("cut.natural_days", "承诺自然日减少", "Natural days cut"),
    ("cut.visits", "跑动次数减少", "Visits cut"),
    ("cut.moved_online", "新增网办事项", "Items moved online"),
    ("reference_code", "参考目录编码", "Reference code"),
    ("aspect", "差异项", "Aspect"),
    ("value", "取值", "Value"),
    ("held_by", "所在清单", "Catalogs"),
    ("aspect.name", "事项名称", "Name"),
    ("aspect.kind", "事项类型", "Kind"),
    ("aspect.legal_basis", "设定依据", "Legal basis"),
    ("aspect.materials", "申请材料", "Materials"),
    (
        "aspect.time_limit",
        "办理时限（法定 / 承诺）",
        "Time limit (statutory / promised)",
    ),
    ("aspect.fee", "收费标准", "Fee"),
    ("fee.free", "不收费", "Free of charge"),
    ("none", "（无）", "(none)"),
    (
        "no_differences",
        "共享参考编码的事项没有差异。",
        "Items sharing a reference code do not differ.",
    ),
    (
        "differences",
        "{count} 个参考事项存在差异",
        "{count} reference items differ",
    ),
    ("chart.note", "每项指标一张图", "One chart per measure"),
    // Errors of the command.
    (
        "error.export",
        "{file}：不是可读取的 json 导出文件（{error}）",
        "{file}: not a readable json export ({error})",
    ),
    (
        "error.not_found",
        "{path}：既不是清单文件夹，也不是 json 导出文件，也不是 路径@版本",
        "{path}: neither a catalog folder, a json export nor PATH@REV",
    ),
    (
        "error.too_many",
        "最多比较两个版本；多个清单请用 --catalogs",
        "at most two revisions; use --catalogs for many catalogs",
    ),
];

/// The word for `key` in `lang`; the key itself when it has none (a test
/// checks every key used is here).
pub fn word(lang: Lang, key: &str) -> &'static str {
    match WORDS.iter().find(|(k, _, _)| *k == key) {
        Some((_, zh, en)) => lang.pick(zh, en),
        None => {
            debug_assert!(false, "no word for {key}");
            ""
        }
    }
}

/// A word with `{name}` placeholders filled.
pub fn fill(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut text = word(lang, key).to_string();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_placeholders() {
        let holes = |t: &str| {
            let mut names: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            names.sort();
            names
        };
        for (key, zh, en) in WORDS {
            assert_eq!(holes(zh), holes(en), "{key}");
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
        }
    }

    #[test]
    fn every_measure_and_aspect_has_words() {
        for (key, _) in crate::stats::MEASURES {
            assert!(WORDS.iter().any(|(k, _, _)| k == key), "{key}");
        }
        for key in crate::stats::consistency::ASPECTS {
            let key = format!("aspect.{key}");
            assert!(WORDS.iter().any(|(k, _, _)| *k == key), "{key}");
        }
    }
}
