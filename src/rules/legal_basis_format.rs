//! `legal-basis-format`: a legal basis whose title is not written as
//! 《title》, or that names no article (第…条). Seeds 001 and 002 make 实施
//! (设定) 依据 a standard element of every item, and seed 000 has the 法制办
//! review it: a reviewer must be able to look the article up.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};

use super::{Rule, active, item_finding, item_finding_near};

pub static RULE: Rule = Rule {
    id: "legal-basis-format",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "实施依据未写作《法规名称》或未写明条款（第…条）",
    summary_en: "a legal basis without 《title》 or without an article",
    messages: &[
        (
            "basis.title",
            "实施依据「{title}」应写作《法规名称》",
            "legal basis `{title}` should be written as 《title》",
        ),
        (
            "basis.no_article",
            "实施依据{title}未写明条款（第…条）",
            "legal basis {title} names no article (第…条)",
        ),
        (
            "basis.article",
            "条款「{article}」应写明第几条（第…条）",
            "article `{article}` should name the article (第…条)",
        ),
    ],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    for (i, basis) in item.legal_basis.iter().enumerate() {
        let title = basis.title.trim();
        if !is_title(title) {
            out.push(item_finding(
                &RULE,
                view,
                &format!("legal_basis[{i}].title"),
                Message::new("basis.title").arg("title", title),
            ));
        }
        let path = format!("legal_basis[{i}].article");
        match basis.article.as_deref().map(str::trim) {
            None | Some("") => {
                let message = Message::new("basis.no_article").arg("title", title);
                out.push(item_finding_near(
                    &RULE,
                    view,
                    &path,
                    &format!("legal_basis[{i}].title"),
                    message,
                ));
            }
            Some(article) if !names_an_article(article) => {
                out.push(item_finding(
                    &RULE,
                    view,
                    &path,
                    Message::new("basis.article").arg("article", article),
                ));
            }
            Some(_) => {}
        }
    }
}

/// `《…》`, possibly followed by a qualifier such as `（2019年修正）`.
fn is_title(title: &str) -> bool {
    let Some(rest) = title.strip_prefix('《') else {
        return false;
    };
    rest.find('》')
        .is_some_and(|end| !rest[..end].trim().is_empty() && !rest[..end].contains('《'))
}

const NUMERALS: &str = "〇零一二三四五六七八九十百千两0123456789０１２３４５６７８９";

/// Holds `第N条` with N in Chinese or Arabic numerals (第十六条第二款 too).
fn names_an_article(article: &str) -> bool {
    let chars: Vec<char> = article.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        if *c != '第' {
            return false;
        }
        let digits = chars[i + 1..]
            .iter()
            .take_while(|d| NUMERALS.contains(**d))
            .count();
        digits > 0 && chars.get(i + 1 + digits) == Some(&'条')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{MINIMAL_ITEM, item_rule_findings};

    fn run(basis: &str) -> Vec<Finding> {
        let text = MINIMAL_ITEM.replace(
            "  - title: 《公共文化体育设施条例》\n    article: 第十六条\n",
            basis,
        );
        item_rule_findings(&[("items/wsjw/a.yaml", &text)], check_item)
    }

    fn keys(basis: &str) -> Vec<(&'static str, String)> {
        run(basis)
            .iter()
            .map(|f| (f.message.key, f.path.clone().unwrap()))
            .collect()
    }

    #[test]
    fn well_formed_bases_are_clean() {
        assert!(run("  - title: 《公共文化体育设施条例》\n    article: 第十六条\n").is_empty());
        assert!(
            run("  - title: 《中华人民共和国消防法》（2019年修正）\n    article: 第十六条第二款\n")
                .is_empty()
        );
        assert!(run("  - title: 《社会救助暂行办法》\n    article: 第3条\n").is_empty());
    }

    #[test]
    fn title_without_book_marks() {
        assert_eq!(
            keys("  - title: 公共文化体育设施条例\n    article: 第十六条\n"),
            [("basis.title", "legal_basis[0].title".into())]
        );
        assert_eq!(keys("  - title: 《》\n    article: 第十六条\n").len(), 1);
        assert_eq!(
            keys("  - title: 依据《条例》\n    article: 第十六条\n").len(),
            1
        );
    }

    #[test]
    fn missing_or_vague_article() {
        assert_eq!(
            keys("  - title: 《条例》\n"),
            [("basis.no_article", "legal_basis[0].article".into())]
        );
        assert_eq!(
            keys("  - title: 《条例》\n    article: 全文\n"),
            [("basis.article", "legal_basis[0].article".into())]
        );
        assert_eq!(keys("  - title: 《条例》\n    article: 第三章\n").len(), 1);
        assert_eq!(keys("  - title: 《条例》\n    article: 第条\n").len(), 1);
    }
}
