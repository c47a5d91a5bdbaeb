//! The dynamic-adjustment notice (事项动态调整): new, changed and cancelled
//! items in sentences a publisher can post. A deleted item is announced as
//! cancelled: to the public it is gone either way.

use serde_json::Value;

use super::sheet::Sheet;
use super::{Words, markdown};
use crate::diff::{Change, Diff, FieldChange, ItemChange, Seg};
use crate::finding::Arg;
use crate::i18n::Lang;
use crate::rounds::notice::{ItemNotes, NoticeFacts};
use crate::texts;

/// Keys the public does not see (an item's rule exemptions).
const INTERNAL_KEYS: &[&str] = &["ignore"];

/// The notice's three sections: heading key, kind key, the items announced.
fn sections(diff: &Diff) -> [(&'static str, &'static str, Vec<&ItemChange>); 3] {
    let of = |wanted: &[Change]| {
        diff.items
            .iter()
            .filter(|i| wanted.contains(&i.change))
            .collect::<Vec<_>>()
    };
    let changed = diff
        .items
        .iter()
        .filter(|i| i.change == Change::Changed && !public_fields(i).is_empty())
        .collect();
    [
        ("notice.added", "notice.added.kind", of(&[Change::Added])),
        ("notice.changed", "notice.changed.kind", changed),
        (
            "notice.cancelled",
            "notice.cancelled.kind",
            of(&[Change::Cancelled, Change::Removed]),
        ),
    ]
}

/// The items the notice announces, in its order.
pub fn announced(diff: &Diff) -> Vec<&ItemChange> {
    sections(diff)
        .into_iter()
        .flat_map(|(_, _, items)| items)
        .collect()
}

fn public_fields(item: &ItemChange) -> Vec<&FieldChange> {
    item.fields
        .iter()
        .filter(|f| !INTERNAL_KEYS.contains(&f.top_key()))
        .collect()
}

/// The notice in markdown: the title, its 文号, the three sections (each
/// entry with its reason and basis), and the issuer and date at the foot,
/// as an official document is laid out.
pub fn render(diff: &Diff, facts: &NoticeFacts, lang: Lang) -> String {
    let words = Words::new(lang, diff);
    let sections = sections(diff);
    let counts: Vec<(&'static str, usize)> = vec![
        ("added", sections[0].2.len()),
        ("changed", sections[1].2.len()),
        ("cancelled", sections[2].2.len()),
    ];
    let mut out = format!("# {}\n\n", words.tr("notice.title"));
    if let Some(number) = &facts.document_number {
        out.push_str(&markdown_line(number));
        out.push_str("\n\n");
    }
    let mut intro_args: Vec<(&'static str, Arg)> =
        counts.iter().map(|(k, n)| (*k, (*n).into())).collect();
    // 经市政府常务会议审定 belongs in the opening sentence, as in a notice on paper.
    let intro = match &facts.approval {
        Some(approval) => {
            intro_args.extend([
                ("meeting", markdown_line(&approval.meeting).into()),
                ("date", date(&approval.date.0, lang).into()),
                ("minutes", markdown_line(&approval.minutes_number).into()),
            ]);
            "notice.intro_approved"
        }
        None => "notice.intro",
    };
    out.push_str(&texts::tr(lang, intro, &intro_args));
    out.push('\n');
    for (key, _, items) in &sections {
        out.push_str(&format!(
            "\n## {}\n\n",
            texts::tr(lang, key, &[("count", items.len().into())])
        ));
        if items.is_empty() {
            out.push_str(&words.tr("notice.nothing"));
            out.push('\n');
        }
        for (n, item) in items.iter().enumerate() {
            out.push_str(&format!(
                "{}. {}\n",
                n + 1,
                markdown_line(&entry(&words, item))
            ));
            for line in notes(lang, facts.notes_of(&item.file)) {
                out.push_str(&format!("   - {}\n", markdown_line(&line)));
            }
        }
    }
    let foot: Vec<String> = [
        facts.issuer.clone(),
        facts.date.as_deref().map(|d| date(d, lang)),
    ]
    .into_iter()
    .flatten()
    .collect();
    for line in foot {
        out.push_str(&format!("\n{}\n", markdown_line(&line)));
    }
    out
}

/// `本次调整已经…审定，会议纪要…。`: the meeting that approved the
/// adjustment, when its record is this notice's (the sheet's preamble).
fn approved(facts: &NoticeFacts, lang: Lang) -> Option<String> {
    let approval = facts.approval.as_ref()?;
    let args = [
        ("meeting", approval.meeting.as_str().into()),
        ("date", date(&approval.date.0, lang).into()),
        ("minutes", approval.minutes_number.as_str().into()),
    ];
    Some(texts::tr(lang, "notice.approved", &args))
}

/// `调整理由：…`, `调整依据：…`: the lines under an entry that has them.
fn notes(lang: Lang, notes: Option<&ItemNotes>) -> Vec<String> {
    let Some(notes) = notes else {
        return Vec::new();
    };
    let joiner = lang.pick("；", "; ");
    let basis = lang.pick("、", ", ");
    [
        ("notice.reason", notes.reasons.join(joiner)),
        ("notice.basis", notes.basis.join(basis)),
    ]
    .into_iter()
    .filter(|(_, text)| !text.is_empty())
    .map(|(key, text)| texts::tr(lang, key, &[("text", text.into())]))
    .collect()
}

/// `2027年12月1日`; `2027-12-01` in English (the text as given when it is
/// not a date).
fn date(text: &str, lang: Lang) -> String {
    match (crate::model::date::parse(text), lang) {
        (Some(d), Lang::Zh) => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        _ => text.to_string(),
    }
}

/// One notice entry: `瓯江市卫生健康委员会“生育登记”（事项编码：…）：…。`
fn entry(words: &Words, item: &ItemChange) -> String {
    let code = item
        .code
        .as_deref()
        .map(|c| texts::tr(words.lang, "notice.code", &[("code", c.into())]))
        .unwrap_or_default();
    let args = [
        ("department", words.department_name(&item.department).into()),
        ("name", item.name.clone().into()),
        ("code", code.into()),
    ];
    let head = texts::tr(words.lang, "notice.item", &args);
    let (joiner, end) = match words.lang {
        Lang::Zh => ("；", "。"),
        Lang::En => ("; ", "."),
    };
    let body = body(words, item, joiner);
    let colon = if body.is_empty() {
        ""
    } else if words.lang == Lang::Zh {
        "："
    } else {
        ": "
    };
    format!("{head}{colon}{body}{end}")
}

/// What changed, in sentences joined by `joiner`; empty for a new item.
fn body(words: &Words, item: &ItemChange, joiner: &str) -> String {
    match item.change {
        Change::Added => String::new(),
        Change::Changed => public_fields(item)
            .iter()
            .map(|f| sentence(words, f))
            .collect::<Vec<_>>()
            .join(joiner),
        Change::Cancelled | Change::Removed => words.tr("notice.cancelled_item"),
    }
}

/// `承诺时限由“5个工作日”调整为“3个工作日”`, `新增申请材料“结婚证”`.
fn sentence(words: &Words, change: &FieldChange) -> String {
    let label = words.field(&change.path);
    let element = matches!(change.path.last(), Some(Seg::Element(_)));
    let inline = |v: &Value| {
        words
            .value(&change.path, v)
            .replace('\n', if words.lang == Lang::Zh { "；" } else { "; " })
    };
    let (old, new) = (inline(&change.old), inline(&change.new));
    let (key, args): (&str, Vec<(&'static str, Arg)>) = match (&change.old, &change.new) {
        (Value::Null, _) if element => ("notice.element_added", vec![("field", label.into())]),
        (_, Value::Null) if element => ("notice.element_removed", vec![("field", label.into())]),
        (Value::Null, _) => (
            "notice.value_added",
            vec![("field", label.into()), ("new", new.into())],
        ),
        (_, Value::Null) => (
            "notice.value_removed",
            vec![("field", label.into()), ("old", old.into())],
        ),
        _ => (
            "notice.value_changed",
            vec![
                ("field", label.into()),
                ("old", old.into()),
                ("new", new.into()),
            ],
        ),
    };
    texts::tr(words.lang, key, &args)
}

/// A line of text that markdown reads as the text itself: the notice is
/// published, so HTML (`<script>`, `<img onerror=…>`, entities) is escaped
/// as well as markdown's own syntax (emphasis, code, links, headings).
fn markdown_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in markdown::cell(text).replace("<br>", " ").chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '`' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The notice as one sheet: the title and the issuer, 文号 and date above
/// the table 序号, 调整类型, 实施主体, 事项名称, 事项编码, 调整内容, 调整理由,
/// 调整依据.
pub fn sheet(diff: &Diff, facts: &NoticeFacts, lang: Lang) -> Sheet {
    let words = Words::new(lang, diff);
    let keys = [
        "notice.col.number",
        "notice.col.kind",
        "diff.col.department",
        "diff.col.name",
        "diff.col.code",
        "notice.col.content",
        "notice.col.reason",
        "notice.col.basis",
    ];
    let mut rows = Vec::new();
    for (_, kind, items) in sections(diff) {
        let kind = words.tr(kind);
        for item in items {
            let content = body(&words, item, "\n");
            let notes = facts.notes_of(&item.file);
            rows.push(vec![
                (rows.len() + 1).to_string(),
                kind.clone(),
                words.department_name(&item.department),
                item.name.clone(),
                item.code.clone().unwrap_or_default(),
                content,
                notes.map(|n| n.reasons.join("\n")).unwrap_or_default(),
                notes.map(|n| n.basis.join("\n")).unwrap_or_default(),
            ]);
        }
    }
    let mut preamble = vec![words.tr("notice.title")];
    let lines = [
        ("notice.issuer", "issuer", facts.issuer.clone()),
        ("notice.number", "number", facts.document_number.clone()),
        (
            "notice.date",
            "date",
            facts.date.as_deref().map(|d| date(d, lang)),
        ),
    ];
    for (key, arg, value) in lines {
        if let Some(value) = value {
            preamble.push(texts::tr(lang, key, &[(arg, value.into())]));
        }
    }
    preamble.extend(approved(facts, lang));
    Sheet {
        name: words.tr("notice.sheet"),
        preamble,
        headers: keys.iter().map(|k| words.tr(k)).collect(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::ItemChange;
    use crate::rounds::notice::ItemNotes;

    /// What an office or a record wrote is published text like the rest.
    #[test]
    fn heading_reasons_and_bases_are_escaped() {
        let diff = Diff {
            items: vec![ItemChange {
                change: Change::Added,
                code: None,
                name: "生育登记".into(),
                department: "wsjw".into(),
                file: "items/wsjw/a.yaml".into(),
                old_file: None,
                fields: Vec::new(),
            }],
            ..Diff::default()
        };
        let facts = NoticeFacts {
            issuer: Some("<b>瓯江市人民政府</b>".into()),
            document_number: Some("# 瓯政发〔2027〕*1*号".into()),
            date: Some("2027-12-01".into()),
            approval: Some(crate::model::record::Approval {
                meeting: "市政府第<12>次常务会议".into(),
                date: crate::model::config::Date("2027-11-20".into()),
                minutes_number: "*〔2027〕12号*".into(),
            }),
            notes: [(
                "items/wsjw/a.yaml".to_string(),
                ItemNotes {
                    reasons: vec!["同意 <script>x</script>".into(), "[链接](http://x)".into()],
                    basis: vec!["《甲法》第一条".into(), "《乙条例》".into()],
                },
            )]
            .into(),
        };
        let zh = render(&diff, &facts, Lang::Zh);
        assert!(zh.contains("\n\\# 瓯政发〔2027〕\\*1\\*号\n"), "{zh}");
        assert!(
            zh.contains(
                "   - 调整理由：同意 &lt;script&gt;x&lt;/script&gt;；\\[链接\\](http://x)\n"
            ),
            "{zh}"
        );
        assert!(
            zh.contains("   - 调整依据：《甲法》第一条、《乙条例》\n"),
            "{zh}"
        );
        assert!(
            zh.ends_with("\n&lt;b&gt;瓯江市人民政府&lt;/b&gt;\n\n2027年12月1日\n"),
            "{zh}"
        );
        assert!(
            zh.contains(
                "根据公共服务事项动态调整制度，经市政府第&lt;12&gt;次常务会议（2027年11月20日）审定（会议纪要\\*〔2027〕12号\\*），现将本次调整情况公布如下："
            ),
            "{zh}"
        );
        let en = render(&diff, &facts, Lang::En);
        assert!(
            en.contains("approved at 市政府第&lt;12&gt;次常务会议 on 2027-11-20 (minutes \\*〔2027〕12号\\*), this adjustment is announced as follows:"),
            "{en}"
        );
        assert!(
            en.contains("   - Basis: 《甲法》第一条, 《乙条例》\n"),
            "{en}"
        );
        assert!(en.ends_with("\n\n2027-12-01\n"), "{en}");
        // Without facts, no heading and no notes.
        let bare = render(&diff, &NoticeFacts::default(), Lang::Zh);
        assert!(
            !bare.contains("调整理由") && !bare.contains("2027"),
            "{bare}"
        );
    }

    #[test]
    fn published_text_is_escaped_for_markdown_and_html() {
        assert_eq!(
            markdown_line("<script>alert(1)</script> & <img src=x onerror=f()>"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=f()&gt;"
        );
        assert_eq!(
            markdown_line("# *甲* _乙_ `丙` [丁](http://x) ![戊](y) ~~己~~ a|b\\c\n二"),
            "\\# \\*甲\\* \\_乙\\_ \\`丙\\` \\[丁\\](http://x) \\!\\[戊\\](y) \\~\\~己\\~\\~ a\\|b\\\\c 二"
        );
    }
}
