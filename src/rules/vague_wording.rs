//! `vague-wording`: catch-all wording (兜底表述) in what an applicant must
//! read to know what to bring: material names, conditions, step names and
//! notes, the acceptance scope, and where and when to come (location,
//! hours). Seed 001 asks to 消除模糊语言、兜底条款 in these elements. Catch-alls
//! are found by shape, not from a list of phrases: a lead (其他, 相关, 所需,
//! 要求提供的, 按规定, 根据情况, 等 …) then, within one clause, a noun that
//! stands for unnamed papers or conditions (材料, 证明, 条件 …); a few leads
//! (另行, 详见, 视情况) are vague on their own. The finding underlines the
//! phrase itself inside the YAML value.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::yaml::{parse_path, span_within};

use super::{Rule, active, item_finding_at};

pub static RULE: Rule = Rule {
    id: "vague-wording",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "申请材料、申请条件、办理环节、受理范围、办理地点或办理时间含兜底表述（其他材料、相关证明、要求提供的材料、另行通知、详见…、以「等」结尾……）",
    summary_en: "catch-all wording (其他材料, 相关证明, 要求提供的材料, 另行通知, 详见…, a text ending in 等 …) in materials, conditions, steps, the acceptance scope, location or hours",
    messages: &[
        (
            "vague.phrase",
            "{field}含兜底表述「{phrase}」",
            "{field} contains the catch-all wording 「{phrase}」",
        ),
        (
            "vague.ends_with_deng",
            "{field}以「等」结尾，属兜底表述，应列全",
            "{field} ends with 「等」 (and so on), a catch-all: list everything",
        ),
    ],
};

/// A word that opens a catch-all: 其他 …, 相关 …, 要求提供的 …, 按规定 …
struct Lead {
    text: &'static str,
    /// How many characters may stand between the lead and its noun
    /// (相应证明材料: 0; 有关部门出具的意见: 4).
    gap: usize,
    /// The nouns that make the lead a catch-all (其他组织 is a named kind
    /// of applicant, 其他材料 is not; 按规定时限办理受理手续 names a time
    /// limit, 按规定应当提交的资料 hides papers); none when the lead is
    /// vague on its own (另行通知).
    nouns: &'static [&'static str],
}

const fn lead(text: &'static str, gap: usize, nouns: &'static [&'static str]) -> Lead {
    Lead { text, gap, nouns }
}

/// What a catch-all stands for: papers and conditions nobody named.
const NOUNS: &[&str] = &[
    "材料",
    "资料",
    "证明",
    "证件",
    "证照",
    "证书",
    "文件",
    "手续",
    "要件",
    "条件",
    "意见",
    "凭证",
    "复印件",
    "票据",
    "情形",
];

/// Papers only: what a clause like 按规定…, 有关部门… may hide further off.
const PAPERS: &[&str] = &[
    "材料",
    "资料",
    "证明",
    "证件",
    "文件",
    "意见",
    "凭证",
    "复印件",
];

/// The openers of catch-all phrases (seed 001: 消除模糊语言、兜底条款).
/// Longer leads first, so that 根据实际情况 wins over 根据情况.
const LEADS: &[Lead] = &[
    lead("根据实际情况", 6, &[]),
    lead("根据情况", 6, &[]),
    lead("视具体情况", 6, &[]),
    lead("视情况", 6, &[]),
    lead("按照规定", 8, PAPERS),
    lead("按规定", 8, PAPERS),
    lead("要求提供的", 2, NOUNS),
    lead("要求提交的", 2, NOUNS),
    lead("有关部门", 6, PAPERS),
    lead("相关部门", 6, PAPERS),
    lead("必要时", 8, PAPERS),
    lead("必要的", 2, NOUNS),
    lead("其他", 5, NOUNS),
    lead("其它", 5, NOUNS),
    lead("相关", 3, NOUNS),
    lead("有关", 3, NOUNS),
    lead("相应", 3, NOUNS),
    lead("所需", 3, NOUNS),
    lead("必要", 2, NOUNS),
    lead("补充", 0, NOUNS),
    lead("等", 3, NOUNS),
    lead("另行", 0, &[]),
    lead("详见", 6, &[]),
];

/// Texts that end on a requirement nobody names (经审查符合要求的).
const OPEN_ENDINGS: &[&str] = &[
    "符合要求的",
    "符合要求",
    "符合规定的",
    "符合规定",
    "符合条件的",
];

/// Characters a lead's phrase does not run across.
const BREAKS: &str = "。．.；;，,、：:（）()《》“”\"' \t\n";

/// Characters that make a word with a following 等 (高等, 平等, 同等…).
const WORD_BEFORE_DENG: &str = "高平同对均相中初上优次特头超劣何";
/// Characters that make a word with a preceding 等 (等级, 等待, 等于…).
const WORD_AFTER_DENG: &str = "级待候同于额效值次第量价号功奖";

/// Trailing characters that do not change how a text ends.
const TRAILING: &str = "。．.；;，,、：:）)” \t\n";

/// The vague places of a text: character start, length, and the phrase.
pub fn find_vague(text: &str) -> Vec<(usize, usize, Vague)> {
    let chars: Vec<char> = text.chars().collect();
    let mut hits = lead_hits(&chars);
    hits.extend(open_ending(&chars));
    let mut out: Vec<(usize, usize, Vague)> = merged(hits)
        .into_iter()
        .map(|(start, len)| {
            let phrase = chars[start..start + len].iter().collect();
            (start, len, Vague::Phrase(phrase))
        })
        .collect();
    if let Some(last) = ends_with_deng(text)
        && !out.iter().any(|(s, l, _)| (*s..*s + *l).contains(&last))
    {
        out.push((last, 1, Vague::EndsWithDeng));
    }
    out
}

/// What makes a text vague.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vague {
    Phrase(String),
    EndsWithDeng,
}

/// Every lead followed (within its gap, inside one clause) by a catch-all
/// noun, or standing on its own; nothing inside 《》 (a title is a proper
/// noun: 《相关材料管理办法》 names one document).
fn lead_hits(chars: &[char]) -> Vec<(usize, usize)> {
    let titled = inside_titles(chars);
    let mut hits = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let found = LEADS
            .iter()
            .filter(|l| starts_with(chars, i, l.text))
            .find_map(|l| phrase_at(chars, i, l));
        match found {
            Some(len) if !titled[i] => {
                hits.push((i, len));
                i += len;
            }
            _ => i += 1,
        }
    }
    hits
}

/// The length of the catch-all phrase `lead` opens at `i`, if it is one.
fn phrase_at(chars: &[char], i: usize, lead: &Lead) -> Option<usize> {
    let lead_len = lead.text.chars().count();
    if lead.text == "等" && deng_in_word(chars, i) {
        return None;
    }
    let after = i + lead_len;
    // A lead vague on its own still runs to a noun close by (详见…材料).
    let nouns = if lead.nouns.is_empty() {
        NOUNS
    } else {
        lead.nouns
    };
    let noun_end = (after..=after + lead.gap)
        .take_while(|&j| j == after || !chars.get(j - 1).is_some_and(|c| BREAKS.contains(*c)))
        .find_map(|j| {
            nouns
                .iter()
                .find(|n| starts_with(chars, j, n))
                .map(|n| j + n.chars().count())
        });
    match noun_end {
        Some(end) => Some(end - i),
        None if lead.nouns.is_empty() => Some(lead_len + clause_len(chars, after).min(4)),
        None => None,
    }
}

/// Characters from `from` up to the end of the clause.
fn clause_len(chars: &[char], from: usize) -> usize {
    chars[from.min(chars.len())..]
        .iter()
        .take_while(|c| !BREAKS.contains(**c))
        .count()
}

/// Whether `chars` holds `word` at `i`.
fn starts_with(chars: &[char], i: usize, word: &str) -> bool {
    (i..)
        .zip(word.chars())
        .all(|(at, c)| chars.get(at) == Some(&c))
}

/// For each character, whether it stands between 《 and 》.
fn inside_titles(chars: &[char]) -> Vec<bool> {
    let mut depth = 0usize;
    chars
        .iter()
        .map(|c| match c {
            '《' => {
                depth += 1;
                true
            }
            '》' => {
                depth = depth.saturating_sub(1);
                true
            }
            _ => depth > 0,
        })
        .collect()
}

/// A text that ends on 符合要求 and the like: the requirement is unnamed.
fn open_ending(chars: &[char]) -> Option<(usize, usize)> {
    let end = body_end(chars);
    OPEN_ENDINGS.iter().find_map(|e| {
        let len = e.chars().count();
        (end >= len && starts_with(chars, end - len, e)).then(|| (end - len, len))
    })
}

/// Where a text ends once trailing punctuation and spaces are left off.
fn body_end(chars: &[char]) -> usize {
    let trailing = chars
        .iter()
        .rev()
        .take_while(|c| TRAILING.contains(**c))
        .count();
    chars.len() - trailing
}

/// Overlapping hits (其他相关 + 相关材料 in 其他相关材料) become one.
fn merged(mut hits: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    hits.sort();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (start, len) in hits {
        match out.last_mut() {
            Some((s, l)) if start < *s + *l => *l = (*l).max(start + len - *s),
            _ => out.push((start, len)),
        }
    }
    out
}

/// Whether the 等 at character `at` belongs to a word with its neighbour.
fn deng_in_word(chars: &[char], at: usize) -> bool {
    let before = at.checked_sub(1).and_then(|b| chars.get(b));
    let after = chars.get(at + 1);
    before.is_some_and(|c| WORD_BEFORE_DENG.contains(*c))
        || after.is_some_and(|c| WORD_AFTER_DENG.contains(*c))
}

/// The character index of a final 等 that is not part of a word.
fn ends_with_deng(text: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let at = body_end(&chars).checked_sub(1)?;
    (chars[at] == '等' && !deng_in_word(&chars, at)).then_some(at)
}

/// The texts the rule reads: path, the element's name (zh, en), the text.
fn texts(item: &crate::model::Item) -> Vec<(String, &'static str, &'static str, &str)> {
    let mut out = Vec::new();
    if let Some(scope) = &item.acceptance_scope {
        out.push((
            "acceptance_scope".to_string(),
            "受理范围",
            "the acceptance scope",
            scope.as_str(),
        ));
    }
    for (key, zh, en, text) in [
        ("location", "办理地点", "the location", &item.location),
        ("hours", "办理时间", "the hours entry", &item.hours),
    ] {
        if let Some(text) = text {
            out.push((key.to_string(), zh, en, text.as_str()));
        }
    }
    for (i, condition) in item.conditions.iter().enumerate() {
        out.push((
            format!("conditions[{i}]"),
            "申请条件",
            "a condition",
            condition.as_str(),
        ));
    }
    for (i, material) in item.materials.iter().enumerate() {
        out.push((
            format!("materials[{i}].name"),
            "申请材料",
            "a material",
            material.name.as_str(),
        ));
    }
    for (i, step) in item.process.iter().enumerate() {
        out.push((
            format!("process[{i}].name"),
            "办理环节",
            "a step",
            step.name.as_str(),
        ));
        if let Some(note) = &step.note {
            out.push((
                format!("process[{i}].note"),
                "环节说明",
                "a step note",
                note.as_str(),
            ));
        }
    }
    out
}

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    for (path, zh, en, text) in texts(item) {
        let hits = find_vague(text);
        if hits.is_empty() {
            continue;
        }
        let Some(node) = view.spans.find(&parse_path(&path)) else {
            continue;
        };
        for (start, len, vague) in hits {
            let message = match vague {
                Vague::Phrase(phrase) => Message::new("vague.phrase").arg("phrase", phrase),
                Vague::EndsWithDeng => Message::new("vague.ends_with_deng"),
            };
            let span = span_within(view.text, node, text, start, len);
            out.push(item_finding_at(
                &RULE,
                view,
                &path,
                span,
                message.localized("field", zh, en),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::catalog::tests::{GUIDE_ITEM, item_rule_findings};

    fn run(text: &str) -> Vec<Finding> {
        item_rule_findings(&[("items/wsjw/a.yaml", text)], check_item)
    }

    fn phrases(text: &str) -> Vec<(usize, usize, Vague)> {
        find_vague(text)
    }

    fn phrase(p: &str) -> Vague {
        Vague::Phrase(p.to_string())
    }

    /// Catch-alls clerks really write, each with the phrase underlined:
    /// the thirteen, the former phrase list, and more of the same shapes.
    const CATCH_ALLS: &[(&str, &str)] = &[
        ("其它材料", "其它材料"),
        ("其他资料", "其他资料"),
        ("所需材料", "所需材料"),
        ("相应证明材料", "相应证明"),
        ("必要时提供的补充材料", "必要时提供的补充材料"),
        ("审批机关要求提供的材料", "要求提供的材料"),
        ("根据实际情况提供的证明", "根据实际情况提供的证明"),
        ("有关部门出具的意见", "有关部门出具的意见"),
        ("按规定应当提交的资料", "按规定应当提交的资料"),
        ("其它条件", "其它条件"),
        ("经审查符合要求的", "符合要求的"),
        ("详见窗口公告", "详见窗口公告"),
        ("其他材料", "其他材料"),
        ("其他证明", "其他证明"),
        ("相关材料", "相关材料"),
        ("相关证明", "相关证明"),
        ("相关证件", "相关证件"),
        ("有关材料", "有关材料"),
        ("户口簿等相关证明", "等相关证明"),
        ("身份证等证件", "等证件"),
        ("房产证等材料", "等材料"),
        ("其他有效证件", "其他有效证件"),
        ("其他必要材料", "其他必要材料"),
        ("相关资格证书", "相关资格证书"),
        ("与申请事项有关的其他材料", "有关的其他材料"),
        ("规定的其他文件", "其他文件"),
        ("所需相关手续", "所需相关手续"),
        ("补充材料", "补充材料"),
        ("法律法规规定的其他材料", "其他材料"),
        ("其他需要提供的资料", "其他需要提供的资料"),
        ("申请人认为需要提供的其他资料", "其他资料"),
        ("相关部门要求的证明", "相关部门要求的证明"),
        ("符合规定的其他条件", "其他条件"),
        ("具备相应条件", "相应条件"),
        ("满足有关要求的其他情形", "其他情形"),
        ("另行通知领取时间", "另行通知领取"),
        ("视情况进行实地核查", "视情况进行实地"),
        ("根据情况补充材料", "根据情况补充材料"),
        ("详见大厅公示", "详见大厅公示"),
        ("另行公告", "另行公告"),
        ("具体地点详见官网", "详见官网"),
        ("其他有关证明", "其他有关证明"),
        ("所需的其他凭证", "所需的其他凭证"),
        ("需要时提供必要的复印件", "必要的复印件"),
        ("单位出具的相关情况证明", "相关情况证明"),
    ];

    /// Texts that must stay clean: the sample catalog's material and step
    /// names, real item names of 广安区 that hold a lead word, and the
    /// traps (等 in a word, 其他组织 as a target, titles in 《》).
    const CLEAN: &[&str] = &[
        "《出生医学证明》补发申请表",
        "《出生医学证明》遗失声明",
        "不动产登记资料查询申请书",
        "买卖合同或法院、仲裁机构受理通知书",
        "代办人居民身份证",
        "医疗机构出具的疾病诊断证明书",
        "家庭重大变故情况说明",
        "学区内住房的不动产权证书或购房合同",
        "律师执业证和律师事务所调查专用介绍信",
        "儿童居民户口簿或居民身份证",
        "住房和经济状况核查",
        "审核确认并公示",
        "家庭经济状况核对授权书",
        "建设工程规划许可证及附图",
        "司法机关调查取证介绍信",
        "乡镇（街道）审核公示",
        "中等职业学校学生国家助学金查询",
        "三级社会体育指导员技术等级称号认定",
        "教师资格证相关政策咨询",
        "学校办学基本情况咨询",
        "草原等级评定(县级)",
        "驾驶培训机构招生站点设置情况备案",
        "应急预案及其修订情况的备案",
        "安全评价报告以及落实情况的备案",
        "博物馆、图书馆和其他文物收藏单位设置藏品档案的备案",
        "其他建设工程消防验收备案",
        "在其他经营场所设置游戏游艺设备从事经营活动备案",
        "其他经营单位增设艺术品经营业务的备案",
        "建设工程招标投标情况书面报告",
        "燃气设施建设工程竣工验收情况备案",
        "举办焰火晚会以及其他大型焰火燃放活动许可",
        "对在河道管理范围内从事有关活动造成国家、集体、个人经济损失的裁决",
        "剧毒化学品以及储存数量构成重大危险源的其他危险货物备案",
        "普通公路参建单位（设计、施工、监理等）相关资质、信用等级查询",
        "由于工程施工、设备维修等原因确需停止供水的审批",
        "公民、法人和其他组织",
        "具有高等学历",
        "男女平等",
        "具有同等学力",
        "残疾等级证明",
        "等待审核",
        "有关规定",
        "相关部门审核",
        "情况说明",
        "按规定的期限办理",
        "一等功证书",
        "《相关材料报送管理办法》",
        "其他",
        "具有符合国家保密要求的保管条件",
        "审查申请文件形式要件，符合要求的出具受理凭证并代收商标注册费",
        "按规定时限办理受理手续",
        "工作日 9:00—12:00，13:30—17:00",
    ];

    #[test]
    fn every_catch_all_is_found_and_underlined() {
        assert!(CATCH_ALLS.len() >= 40);
        for (text, underlined) in CATCH_ALLS {
            let found: Vec<String> = phrases(text)
                .into_iter()
                .map(|(start, len, _)| text.chars().skip(start).take(len).collect())
                .collect();
            assert_eq!(found, [*underlined], "{text}");
        }
    }

    #[test]
    fn every_clean_phrase_stays_clean() {
        assert!(CLEAN.len() >= 40);
        for text in CLEAN {
            assert!(phrases(text).is_empty(), "{text}: {:?}", phrases(text));
        }
    }

    #[test]
    fn hours_and_location_are_read() {
        let text = GUIDE_ITEM.replace("location: 市民中心一楼\n", "location: 另行通知\n")
            + "hours: 详见窗口公告\n";
        let paths: Vec<_> = run(&text).iter().map(|f| f.path.clone().unwrap()).collect();
        assert_eq!(paths, ["location", "hours"]);
    }

    #[test]
    fn overlapping_phrases_are_one() {
        assert_eq!(phrases("其他相关材料"), [(0, 6, phrase("其他相关材料"))]);
        assert_eq!(phrases("户口簿等相关证明"), [(3, 5, phrase("等相关证明"))]);
    }

    #[test]
    fn a_text_ending_with_deng() {
        assert_eq!(phrases("身份证、户口簿等"), [(7, 1, Vague::EndsWithDeng)]);
        assert_eq!(phrases("身份证、户口簿等。"), [(7, 1, Vague::EndsWithDeng)]);
        assert_eq!(phrases("身份证等等"), [(4, 1, Vague::EndsWithDeng)]);
    }

    #[test]
    fn deng_inside_a_word_is_not_vague() {
        for text in [
            "残疾等级证明",
            "具有高等学历",
            "男女平等",
            "等待审核",
            "具有同等学力",
            "取得高等",
            "学历为中等",
            "数额相等",
            "同等材料",
        ] {
            assert!(phrases(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn near_misses_are_clean() {
        for text in [
            "其他",
            "相关部门审核",
            "有关规定",
            "通知申请人",
            "情况说明",
            "按规定的期限办理",
        ] {
            assert!(phrases(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_sample_guide_item_is_clean() {
        assert!(run(GUIDE_ITEM).is_empty());
    }

    #[test]
    fn findings_underline_the_phrase_inside_the_value() {
        let text = GUIDE_ITEM.replace(
            "  - 夫妻双方至少一方为本市户籍\n",
            "  - 夫妻双方至少一方为本市户籍\n  - '符合规定的其他条件'\n",
        ) + "acceptance_scope: |\n  本市户籍居民\n  视情况受理外地户籍\n";
        let out = run(&text);
        let found: Vec<_> = out
            .iter()
            .map(|f| {
                (
                    f.path.as_deref().unwrap(),
                    f.location.unwrap().line(),
                    f.location.unwrap().column(),
                )
            })
            .collect();
        let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1;
        // `  - '符合规定的其他条件'`: the phrase 其他条件 starts in column 11, after the quote.
        assert_eq!(
            found,
            [
                ("acceptance_scope", line("视情况"), 3),
                ("conditions[1]", line("符合规定"), 11)
            ]
        );
        let crate::finding::Location::Text(span) = out[1].location.unwrap() else {
            panic!()
        };
        assert_eq!(span.len, 4, "其他条件");
        assert_eq!(out[1].message.key, "vague.phrase");
    }

    #[test]
    fn material_step_and_note() {
        let text = GUIDE_ITEM
            .replace("  - name: 居民身份证\n", "  - name: 居民身份证等相关证件\n")
            .replace(
                "    time_limit: 即办\n",
                "    time_limit: 即办\n    note: 其他事项另行通知\n",
            );
        let paths: Vec<_> = run(&text).iter().map(|f| f.path.clone().unwrap()).collect();
        assert_eq!(paths, ["materials[0].name", "process[0].note"]);
    }

    #[test]
    fn cancelled_items_are_not_read() {
        let text = GUIDE_ITEM.replace("  - name: 居民身份证\n", "  - name: 其他材料\n")
            + "status: cancelled\n";
        assert!(run(&text).is_empty());
    }
}
