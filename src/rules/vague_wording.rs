//! `vague-wording`: catch-all wording (兜底表述) in what an applicant must
//! read to know what to bring: material names, conditions, step names and
//! notes, and the acceptance scope. Seed 001 asks to 消除模糊语言、兜底条款
//! in exactly these elements (受理范围、申请条件、申请材料). The finding
//! underlines the phrase itself inside the YAML value.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::yaml::{parse_path, span_within};

use super::{Rule, active, item_finding_at};

pub static RULE: Rule = Rule {
    id: "vague-wording",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "申请材料、申请条件、办理环节或受理范围含兜底表述（其他材料、相关证明、另行通知、以「等」结尾……）",
    summary_en: "catch-all wording (其他材料, 相关证明, 另行通知, a text ending in 等 …) in materials, conditions, steps or the acceptance scope",
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

/// The list of docs/rules.md.
const PHRASES: &[&str] = &[
    "其他材料",
    "其他证明",
    "其他相关",
    "相关材料",
    "相关证明",
    "相关证件",
    "有关材料",
    "其他有关",
    "要求的其他",
    "规定的其他",
    "等材料",
    "等相关",
    "等证明",
    "等证件",
    "另行通知",
    "视情况",
];

/// The first characters of the phrases (a test keeps them in step).
const FIRST_CHARS: &[char] = &['其', '相', '有', '要', '规', '等', '另', '视'];

/// Characters that make a word with a following 等 (高等, 平等, 同等…).
const WORD_BEFORE_DENG: &str = "高平同对均相中初上优次特头超劣何";
/// Characters that make a word with a preceding 等 (等级, 等待, 等于…).
const WORD_AFTER_DENG: &str = "级待候同于额效值次第量价号";

/// Trailing characters that do not change how a text ends.
const TRAILING: &str = "。．.；;，,、：:）)” \t\n";

/// The vague places of a text: character start, length, and the phrase.
/// Most texts hold none, so the search runs on the text itself and only
/// counts characters where a phrase is found.
pub fn find_vague(text: &str) -> Vec<(usize, usize, Vague)> {
    let mut out: Vec<(usize, usize, Vague)> = merged(phrase_hits(text))
        .into_iter()
        .map(|(start, len)| {
            (
                start,
                len,
                Vague::Phrase(text.chars().skip(start).take(len).collect()),
            )
        })
        .collect();
    if let Some(last) = ends_with_deng(text) {
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

/// Character start and length of every listed phrase in `text`.
fn phrase_hits(text: &str) -> Vec<(usize, usize)> {
    let mut hits = Vec::new();
    // Every phrase starts with one of a few characters; most texts hold none.
    if !text.contains(FIRST_CHARS) {
        return hits;
    }
    for phrase in PHRASES {
        for (byte, _) in text.match_indices(phrase) {
            if phrase.starts_with('等') && deng_in_word(text, byte) {
                continue;
            }
            hits.push((text[..byte].chars().count(), phrase.chars().count()));
        }
    }
    hits
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

/// Whether the 等 at byte `at` belongs to a word with its neighbour.
fn deng_in_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + '等'.len_utf8()..].chars().next();
    before.is_some_and(|c| WORD_BEFORE_DENG.contains(c))
        || after.is_some_and(|c| WORD_AFTER_DENG.contains(c))
}

/// The character index of a final 等 that is not part of a word.
fn ends_with_deng(text: &str) -> Option<usize> {
    let body = text.trim_end_matches(|c| TRAILING.contains(c));
    let at = body.strip_suffix('等').map(str::len)?;
    (!deng_in_word(text, at)).then(|| text[..at].chars().count())
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

    #[test]
    fn first_characters_cover_every_phrase() {
        for phrase in PHRASES {
            assert!(
                FIRST_CHARS.contains(&phrase.chars().next().unwrap()),
                "{phrase}"
            );
        }
    }
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

    #[test]
    fn every_listed_phrase_is_found() {
        for p in PHRASES {
            let text = format!("提供户口簿{p}复印件");
            assert_eq!(phrases(&text), [(5, p.chars().count(), phrase(p))], "{p}");
        }
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
        // `  - '符合规定的其他条件'`: the phrase starts in column 8, after the quote.
        assert_eq!(
            found,
            [
                ("acceptance_scope", line("视情况"), 3),
                ("conditions[1]", line("符合规定"), 8)
            ]
        );
        let crate::finding::Location::Text(span) = out[1].location.unwrap() else {
            panic!()
        };
        assert_eq!(span.len, 5);
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
