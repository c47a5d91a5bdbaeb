//! `time-limit`: a time limit outside the grammar of docs/catalog.md, a
//! promised limit (承诺时限) longer than the statutory one (法定时限), or steps
//! whose limits add up to more than the promise. Seeds 001 and 002 make 办理
//! 时限 part of every item's standard; seed 004 wants it 细化到每个环节 and
//! shortened (缩短办理时限). 5 working days count as 7 natural days.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::time_limit::{self, Limit};
use crate::model::{Item, TimeLimit};

use super::{Rule, active, item_finding};

pub static RULE: Rule = Rule {
    id: "time-limit",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "办理时限无法识别、承诺时限长于法定时限，或各环节时限合计（特别程序除外）超过承诺时限",
    summary_en: "an unparsable time limit, a promised limit above the legal one, or steps (special procedures aside) summing above the promised limit",
    messages: &[
        (
            "time_limit.unparsable",
            "{field}「{value}」无法识别，应写作“即办”“N个工作日”或“N个自然日”（“N日”“N天”）",
            "{field} `{value}` is not a time limit: write 即办, N个工作日 or N个自然日 (N日, N天)",
        ),
        (
            "time_limit.unparsable_legal",
            "法定时限「{value}」无法识别，应写作“即办”“N个工作日”“N个自然日”（“N日”“N天”）或“无”",
            "statutory time limit `{value}` is not a time limit: write 即办, N个工作日, N个自然日 (N日, N天) or 无",
        ),
        (
            "time_limit.no_limit",
            "“无”只能用于法定时限，{field}须写明期限",
            "无 (no limit) is for the statutory limit only; the {field} needs a limit",
        ),
        (
            "time_limit.promised_over_legal",
            "承诺时限「{promised}」长于法定时限「{legal}」（5个工作日按7个自然日计）",
            "promised time limit `{promised}` is longer than the statutory `{legal}` (5 working days count as 7 natural days)",
        ),
        (
            "time_limit.steps_over_promised",
            "各环节时限合计{total}，超过承诺时限「{promised}」（5个工作日按7个自然日计；公示、听证等特别程序应标为 special，不计入承诺时限）",
            "the steps take {total} in all, more than the promised `{promised}` (5 working days count as 7 natural days; mark a public notice, hearing or other special procedure as special: it stays outside the promise)",
        ),
    ],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let Some(item) = active(view) else { return };
    let limits = item.time_limit.as_ref();
    let legal = limits.and_then(|t| read_legal(view, t, out));
    let promised = limits.and_then(|t| {
        read_limit(
            view,
            "time_limit.promised",
            ("承诺时限", "promised time limit"),
            t.promised.as_deref(),
            out,
        )
    });
    let steps = read_steps(view, item, out);
    let (Some(promised), Some(promised_text)) =
        (promised, limits.and_then(|t| t.promised.as_deref()))
    else {
        return;
    };
    if let (Some(legal), Some(legal_text)) = (legal, limits.and_then(|t| t.legal.as_deref()))
        && promised.exceeds(legal)
    {
        let message = Message::new("time_limit.promised_over_legal")
            .arg("promised", promised_text.trim())
            .arg("legal", legal_text.trim());
        out.push(item_finding(&RULE, view, "time_limit.promised", message));
    }
    if let Some(steps) = steps
        && let Some(total) = time_limit::total(&steps)
        && total.exceeds(promised)
    {
        let message = Message::new("time_limit.steps_over_promised")
            .arg("total", total.to_string())
            .arg("promised", promised_text.trim());
        out.push(item_finding(&RULE, view, "time_limit.promised", message));
    }
}

fn read_legal(view: &ItemView, limits: &TimeLimit, out: &mut Vec<Finding>) -> Option<Limit> {
    let text = limits.legal.as_deref().filter(|t| !t.trim().is_empty())?;
    let parsed = Limit::parse(text);
    if parsed.is_none() {
        out.push(item_finding(
            &RULE,
            view,
            "time_limit.legal",
            Message::new("time_limit.unparsable_legal").arg("value", text),
        ));
    }
    parsed
}

/// A promised or step limit: `无` is not allowed there. Blank is no limit
/// to check (a missing promise is `missing-element`'s finding).
fn read_limit(
    view: &ItemView,
    path: &str,
    field: (&str, &str),
    text: Option<&str>,
    out: &mut Vec<Finding>,
) -> Option<Limit> {
    let text = text.filter(|t| !t.trim().is_empty())?;
    let message = match Limit::parse(text) {
        Some(Limit::NoLimit) => Message::new("time_limit.no_limit"),
        Some(limit) => return Some(limit),
        None => Message::new("time_limit.unparsable").arg("value", text),
    };
    out.push(item_finding(
        &RULE,
        view,
        path,
        message.localized("field", field.0, field.1),
    ));
    None
}

/// The steps' limits, or `None` when one could not be read (its own
/// finding says so; a sum without it would mislead). Steps without a limit
/// add nothing, and neither do special procedures (特别程序: 公示, 听证 …):
/// practice keeps them outside the promised limit and publishes them apart.
fn read_steps(view: &ItemView, item: &Item, out: &mut Vec<Finding>) -> Option<Vec<Limit>> {
    let mut limits = Some(Vec::new());
    for (i, step) in item.process.iter().enumerate() {
        let Some(text) = step.time_limit.as_deref().filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let path = format!("process[{i}].time_limit");
        match read_limit(
            view,
            &path,
            ("环节时限", "step time limit"),
            Some(text),
            out,
        ) {
            Some(_) if step.special.is_some() => {}
            Some(limit) => limits.iter_mut().for_each(|l| l.push(limit)),
            None => limits = None,
        }
    }
    limits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, item_rule_findings};

    /// GUIDE_ITEM with its legal and promised limits and one more step.
    fn run(legal: &str, promised: &str, step: &str) -> Vec<Finding> {
        let text = GUIDE_ITEM
            .replace(
                "  legal: 无\n  promised: 3个工作日\n",
                &format!("  legal: {legal}\n  promised: {promised}\n"),
            )
            .replace(
                "    time_limit: 即办\n",
                &format!("    time_limit: 即办\n  - name: 审核\n    time_limit: {step}\n"),
            );
        item_rule_findings(&[("items/wsjw/a.yaml", &text)], check_item)
    }

    fn keys(legal: &str, promised: &str, step: &str) -> Vec<(&'static str, String)> {
        run(legal, promised, step)
            .iter()
            .map(|f| (f.message.key, f.path.clone().unwrap()))
            .collect()
    }

    #[test]
    fn consistent_limits_are_clean() {
        assert!(run("无", "3个工作日", "3个工作日").is_empty());
        assert!(run("20个工作日", "10个工作日", "2个工作日").is_empty());
        // Units that differ: 5 working days = 7 natural days, both ways.
        assert!(run("7个自然日", "5个工作日", "7日").is_empty());
        assert!(run("5个工作日", "7天", "5个工作日").is_empty());
        assert!(run("即办", "即办", "即办").is_empty());
    }

    #[test]
    fn unparsable_limits() {
        assert_eq!(
            keys("三十日", "3个工作日", "1个工作日"),
            [("time_limit.unparsable_legal", "time_limit.legal".into())]
        );
        assert_eq!(
            keys("无", "尽快", "1个工作日"),
            [("time_limit.unparsable", "time_limit.promised".into())]
        );
        assert_eq!(
            keys("无", "无", "1个工作日"),
            [("time_limit.no_limit", "time_limit.promised".into())]
        );
        assert_eq!(
            keys("无", "3个工作日", "1周"),
            [("time_limit.unparsable", "process[1].time_limit".into())]
        );
    }

    #[test]
    fn promised_longer_than_legal() {
        assert_eq!(
            keys("5个工作日", "8个自然日", "1日"),
            [(
                "time_limit.promised_over_legal",
                "time_limit.promised".into()
            )]
        );
        assert_eq!(
            keys("7日", "6个工作日", "1日"),
            [(
                "time_limit.promised_over_legal",
                "time_limit.promised".into()
            )]
        );
        assert_eq!(keys("即办", "1个工作日", "即办").len(), 1);
    }

    #[test]
    fn steps_longer_than_the_promise() {
        let out = run("无", "3个工作日", "4个工作日");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "time_limit.steps_over_promised");
        assert_eq!(
            out[0].message.args[0].1,
            crate::finding::Arg::Text("4个工作日".into())
        );
        // Mixed units are compared in natural days: 2 working + 1 natural = 3.8 natural days.
        assert!(run("无", "3个工作日", "2个工作日").is_empty());
        assert_eq!(keys("无", "5个自然日", "5个工作日").len(), 1);
        assert!(run("无", "7个自然日", "5个工作日").is_empty());
    }

    #[test]
    fn an_unreadable_step_stops_the_sum() {
        assert_eq!(
            keys("无", "1个工作日", "很久"),
            [("time_limit.unparsable", "process[1].time_limit".into())]
        );
    }

    /// The honest guide: 即办 + 5个工作日 + 公示 7日 against a
    /// promise of 5个工作日. The 公示 is a special procedure: outside the sum.
    #[test]
    fn special_procedures_stay_outside_the_promise() {
        let steps = |special: &str| {
            GUIDE_ITEM
                .replace("  promised: 3个工作日\n", "  promised: 5个工作日\n")
                .replace(
                    "    time_limit: 即办\n",
                    &format!(
                        "    time_limit: 即办\n  - name: 审核\n    time_limit: 5个工作日\n  - name: 公示\n    time_limit: 7日\n{special}"
                    ),
                )
        };
        let findings = |text: &str| item_rule_findings(&[("items/wsjw/a.yaml", text)], check_item);
        let hidden = findings(&steps(""));
        assert_eq!(hidden.len(), 1, "without special the 公示 counts");
        assert_eq!(hidden[0].message.key, "time_limit.steps_over_promised");
        assert!(findings(&steps("    special: publicity\n")).is_empty());
        // A special step's own limit is still read.
        let unreadable =
            steps("    special: publicity\n").replace("time_limit: 7日", "time_limit: 一周");
        assert_eq!(findings(&unreadable).len(), 1);
    }
}
