//! `ledger`: `codes.ledger` is the register of every code ever given. Every
//! item code is in it, no ledger code is on two items, its lines are well
//! formed, and no line present at the newest `qingdan/*` tag reachable from
//! the catalog's revision was changed or removed (append-only; silent
//! outside git). That ledger is read before the rules run
//! (`Catalog::history`): this rule does no I/O.

use std::collections::{HashMap, HashSet};

use crate::catalog::Catalog;
use crate::coding_rule::{LEDGER_FILE, Ledger};
use crate::finding::{Finding, Message, Severity};

use super::Rule;
use super::code_format::at_code;

pub static RULE: Rule = Rule {
    id: "ledger",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "编码台账 codes.ledger 有误：事项编码未登记、一个编码用于两个事项或重复登记、已有的台账行被改动或删除",
    summary_en: "codes.ledger problems: an item code not in it, a code on two items or listed twice, lines changed or lost",
    messages: &[
        (
            "ledger.missing",
            "事项编码「{code}」未登记在 codes.ledger 中；编码只能由 qingdan code 赋予",
            "item code `{code}` is not in codes.ledger; codes are given by qingdan code only",
        ),
        (
            "ledger.two_items",
            "codes.ledger 中的编码「{code}」用于 {count} 个事项：{files}；请运行 qingdan code --renumber {code}",
            "ledger code `{code}` is on {count} {count:item|items}: {files}; run qingdan code --renumber {code}",
        ),
        (
            "ledger.malformed",
            "codes.ledger 此行格式有误，应为：编码<TAB>实施主体<TAB>事项名称<TAB>YYYY-MM-DD",
            "this codes.ledger line is malformed; expected code<TAB>department<TAB>name<TAB>YYYY-MM-DD",
        ),
        (
            "ledger.changed",
            "编码「{code}」的台账行与 {tag} 时不同（原为「{old}」）；台账只能追加，不能修改",
            "the ledger line of `{code}` differs from {tag} (was `{old}`); the ledger is append-only",
        ),
        (
            "ledger.removed",
            "{tag} 时的台账第 {line} 行（编码「{code}」）已被删除；台账只能追加，不能删除",
            "line {line} of the ledger at {tag} (code `{code}`) was removed; the ledger is append-only",
        ),
        (
            "ledger.listed_twice",
            "编码「{code}」在 codes.ledger 中已于第 {first} 行登记，此行重复登记（同一编码只能登记一次）",
            "code `{code}` is already in codes.ledger at line {first}; this line lists it again (a code is listed once)",
        ),
        (
            "ledger.given_twice",
            "编码「{code}」在 codes.ledger 中登记给了两个事项（第 {first} 行：{other}）；请运行 qingdan code --renumber {code}",
            "code `{code}` is listed in codes.ledger for two items (line {first}: {other}); run qingdan code --renumber {code}",
        ),
        (
            "ledger.history_unreadable",
            "无法读取 git 仓库，未能检查台账自最近的轮次标签以来是否只有追加：{error}",
            "cannot read the git repository to check that the ledger only grew since the newest round tag: {error}",
        ),
    ],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    let ledger = &catalog.ledger;
    for (number, _) in &ledger.malformed {
        out.push(
            Finding::new(&RULE, Message::new("ledger.malformed"))
                .in_file(LEDGER_FILE)
                .with_line(*number),
        );
    }
    let mut carriers: HashMap<&str, Vec<&str>> = HashMap::new();
    for loaded in &catalog.items {
        let Some(code) = loaded.item_ref.code.as_deref().filter(|c| !c.is_empty()) else {
            continue;
        };
        carriers.entry(code).or_default().push(&loaded.file);
        if !ledger.contains(code) {
            out.push(at_code(
                &RULE,
                loaded,
                Message::new("ledger.missing").arg("code", code),
            ));
        }
    }
    for line in &ledger.lines {
        let files = carriers.get(line.code.as_str()).filter(|f| f.len() > 1);
        if let Some(files) = files
            && ledger
                .first(&line.code)
                .is_some_and(|first| first.number == line.number)
        {
            let message = Message::new("ledger.two_items")
                .arg("code", line.code.as_str())
                .arg("count", files.len())
                .arg("files", files.join("、"));
            out.push(
                Finding::new(&RULE, message)
                    .in_file(LEDGER_FILE)
                    .with_line(line.number),
            );
        }
    }
    let on_two_items: HashSet<&str> = carriers
        .iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(code, _)| *code)
        .collect();
    listed_twice(ledger, &on_two_items, out);
    match &catalog.history.round_ledger {
        Ok(Some(then)) => compare_with_tag(ledger, &then.ledger, &then.tag, out),
        Ok(None) => {}
        Err(error) => out.push(
            Finding::new(
                &RULE,
                Message::new("ledger.history_unreadable").arg("error", error.as_str()),
            )
            .in_file(LEDGER_FILE),
        ),
    }
}

/// A code on more than one ledger line: the same line written twice (two
/// runs at once, a merge that kept both sides), or one code given to two
/// items. The latter stays settled once `code --renumber` gave the later
/// item a new code: a later line for the same department and name with
/// another code.
/// Codes `on_two_items` are reported as such already.
fn listed_twice(ledger: &Ledger, on_two_items: &HashSet<&str>, out: &mut Vec<Finding>) {
    let renumbered = |line: &crate::coding_rule::ledger::Line| {
        ledger.lines.iter().any(|later| {
            later.number > line.number
                && later.code != line.code
                && later.department == line.department
                && later.name == line.name
        })
    };
    for line in &ledger.lines {
        let Some(first) = ledger.first(&line.code).filter(|f| f.number != line.number) else {
            continue;
        };
        let same_item = first.department == line.department && first.name == line.name;
        let message = if same_item {
            Message::new("ledger.listed_twice")
        } else if renumbered(line) || renumbered(first) || on_two_items.contains(line.code.as_str())
        {
            continue;
        } else {
            Message::new("ledger.given_twice")
                .arg("other", format!("{} {}", first.department, first.name))
        };
        let message = message
            .arg("code", line.code.as_str())
            .arg("first", first.number as u64);
        out.push(
            Finding::new(&RULE, message)
                .in_file(LEDGER_FILE)
                .with_line(line.number),
        );
    }
}

/// Every line of the ledger at `tag` must still be there, unchanged.
pub fn compare_with_tag(now: &Ledger, then: &Ledger, tag: &str, out: &mut Vec<Finding>) {
    let present: HashSet<&str> = now.lines.iter().map(|l| l.text.as_str()).collect();
    for old in then
        .lines
        .iter()
        .filter(|l| !present.contains(l.text.as_str()))
    {
        let finding = match now.first(&old.code) {
            Some(line) => Finding::new(
                &RULE,
                Message::new("ledger.changed")
                    .arg("code", old.code.as_str())
                    .arg("tag", tag)
                    .arg("old", old.text.replace('\t', " ")),
            )
            .with_line(line.number),
            None => Finding::new(
                &RULE,
                Message::new("ledger.removed")
                    .arg("code", old.code.as_str())
                    .arg("tag", tag)
                    .arg("line", old.number as u64),
            ),
        };
        out.push(finding.in_file(LEDGER_FILE));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with;
    use crate::history::TaggedLedger;
    use crate::rules::code_format::tests::{code, item};

    fn run(files: &[(&str, &str)]) -> Vec<(&'static str, Option<u32>)> {
        let mut out = Vec::new();
        check(&catalog_with(files), &mut out);
        out.iter()
            .map(|f| (f.message.key, f.location.map(|l| l.line())))
            .collect()
    }

    #[test]
    fn item_codes_must_be_in_the_ledger() {
        let c = code("20", "002", 1);
        assert_eq!(
            run(&[("items/mzj/甲.yaml", &item(&c, "mzj", "甲"))]),
            [("ledger.missing", Some(1))]
        );
        let ledger = format!("{c}\tmzj\t甲\t2027-01-05\n");
        assert!(
            run(&[
                ("codes.ledger", &ledger),
                ("items/mzj/甲.yaml", &item(&c, "mzj", "甲"))
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_ledger_code_on_two_items_and_malformed_lines() {
        let c = code("20", "002", 1);
        let ledger = format!("{c}\tmzj\t甲\t2027-01-05\nnot a line\n{c}\tmzj\t乙\t2027-01-06\n");
        let found = run(&[
            ("codes.ledger", &ledger),
            ("items/mzj/甲.yaml", &item(&c, "mzj", "甲")),
            ("items/mzj/乙.yaml", &item(&c, "mzj", "乙")),
        ]);
        assert_eq!(
            found,
            [("ledger.malformed", Some(2)), ("ledger.two_items", Some(1))]
        );
    }

    #[test]
    fn a_code_listed_twice() {
        let c = code("20", "002", 1);
        let d = code("20", "002", 2);
        let items = [("items/mzj/甲.yaml", item(&c, "mzj", "甲"))];
        let with = |ledger: &str| {
            let mut files = vec![("codes.ledger", ledger)];
            files.extend(items.iter().map(|(p, t)| (*p, t.as_str())));
            run(&files)
        };
        // One line written twice (two runs at once).
        let twice = format!("{c}\tmzj\t甲\t2027-01-05\n{c}\tmzj\t甲\t2027-01-05\n");
        assert_eq!(with(&twice), [("ledger.listed_twice", Some(2))]);
        // One code given to two items; only one carries it now.
        let given = format!("{c}\tmzj\t甲\t2027-01-05\n{c}\tmzj\t乙\t2027-01-05\n");
        assert_eq!(with(&given), [("ledger.given_twice", Some(2))]);
        // Settled: `code --renumber` gave 乙 a new code on a later line.
        let settled = format!("{given}{d}\tmzj\t乙\t2027-01-06\n");
        assert!(with(&settled).is_empty(), "{:?}", with(&settled));
        let zh = crate::texts::text(
            crate::i18n::Lang::Zh,
            &Message::new("ledger.listed_twice")
                .arg("code", c.as_str())
                .arg("first", 1u64),
        );
        assert!(zh.contains("重复登记"), "{zh}");
    }

    /// The ledger at the tag comes with the catalog (`History`), read
    /// before the rules; when the repository could not be read, that is
    /// said, never passed over.
    #[test]
    fn the_history_is_handed_in() {
        let c = code("20", "002", 1);
        let line = format!("{c}\tmzj\t甲\t2027-01-05\n");
        let mut catalog = catalog_with(&[
            ("codes.ledger", &line),
            ("items/mzj/甲.yaml", &item(&c, "mzj", "甲")),
        ]);
        let keys = |catalog: &Catalog| {
            let mut out = Vec::new();
            check(catalog, &mut out);
            out.iter().map(|f| f.message.key).collect::<Vec<_>>()
        };
        assert!(keys(&catalog).is_empty(), "no history: nothing to compare");
        let then = format!("{line}{}\tmzj\t乙\t2027-01-05\n", code("20", "002", 2));
        catalog.history.round_ledger = Ok(Some(TaggedLedger {
            tag: "qingdan/report-1".into(),
            ledger: Ledger::parse(&then),
        }));
        assert_eq!(keys(&catalog), ["ledger.removed"]);
        catalog.history.round_ledger = Err("object not found".into());
        assert_eq!(keys(&catalog), ["ledger.history_unreadable"]);
    }

    #[test]
    fn lines_at_a_tag_must_stay() {
        let then = Ledger::parse(
            "A1\tmzj\t甲\t2027-01-05\nB2\tmzj\t乙\t2027-01-05\nC3\tmzj\t丙\t2027-01-05\n",
        );
        let now = Ledger::parse(
            "A1\tmzj\t甲\t2027-01-05\nB2\tmzj\t乙改\t2027-01-05\nD4\tmzj\t丁\t2027-02-01\n",
        );
        let mut out = Vec::new();
        compare_with_tag(&now, &then, "qingdan/review-1", &mut out);
        let found: Vec<_> = out
            .iter()
            .map(|f| (f.message.key, f.location.map(|l| l.line())))
            .collect();
        assert_eq!(
            found,
            [("ledger.changed", Some(2)), ("ledger.removed", None)]
        );
    }
}
