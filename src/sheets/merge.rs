//! Changing some top-level keys of an item or review file as a text edit,
//! so that comments, key order and the untouched keys stay exactly as they
//! were. No YAML crate keeps comments through re-serialising (docs/design.md).

use serde_json::Value;

use crate::yaml::write::{ITEM_LAYOUT, Layout, document_text, entry_text};
use crate::yaml::{self, Shape};

/// One top-level entry in the text: its key and 0-based line range.
struct Entry {
    key: String,
    /// First line of the key.
    start: usize,
    /// One past the last line of its value.
    end: usize,
}

/// The file's text with `changes` applied (`None` removes a key): changed
/// entries are re-written in place, new ones inserted in record order.
/// Returns the new text, which reads back as `expected`; when the file is
/// not a plain block mapping the whole record is re-written instead.
pub fn apply(text: &str, changes: &[(String, Option<Value>)], expected: &Value) -> String {
    apply_in(&ITEM_LAYOUT, text, changes, expected)
}

/// [`apply`] for a file of another layout (a review file).
pub fn apply_in(
    layout: &Layout,
    text: &str,
    changes: &[(String, Option<Value>)],
    expected: &Value,
) -> String {
    // The file's BOM and line endings are its own: the edit is made on
    // the plain text and they are put back.
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text),
    };
    let crlf = body.contains("\r\n");
    let plain = if crlf {
        body.replace("\r\n", "\n")
    } else {
        body.to_string()
    };
    let edited = apply_plain(layout, &plain, changes, expected);
    let edited = if crlf {
        edited.replace('\n', "\r\n")
    } else {
        edited
    };
    format!("{bom}{edited}")
}

fn apply_plain(
    layout: &Layout,
    text: &str,
    changes: &[(String, Option<Value>)],
    expected: &Value,
) -> String {
    if let Some(edited) = edit(layout, text, changes)
        && yaml::parse(&edited)
            .ok()
            .flatten()
            .is_some_and(|d| d.value == *expected)
    {
        return edited;
    }
    document_text(layout, expected)
}

fn edit(layout: &Layout, text: &str, changes: &[(String, Option<Value>)]) -> Option<String> {
    let doc = yaml::parse(text).ok()??;
    let Shape::Map(map) = &doc.spans.shape else {
        return None;
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line_of = char_offset_lines(text);
    let mut entries: Vec<Entry> = Vec::new();
    for (key, key_span, value) in map {
        if key_span.start.column != 1 {
            return None;
        }
        let start = key_span.start.line as usize - 1;
        let value_end = (value.span.start.offset + value.span.len).saturating_sub(1) as usize;
        let last = line_of
            .get(value_end)
            .copied()
            .unwrap_or(lines.len().saturating_sub(1))
            .max(start);
        entries.push(Entry {
            key: key.clone(),
            start,
            end: last + 1,
        });
    }
    for pair in entries.windows(2) {
        if pair[0].end > pair[1].start {
            return None;
        }
    }
    let change = |key: &str| changes.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    let mut out = String::with_capacity(text.len() + 256);
    let mut inserted: Vec<&str> = Vec::new();
    let mut cursor = 0;
    for (i, entry) in entries.iter().enumerate() {
        // New keys that come before this one go in front of it: after the
        // file's opening comments for the first key, else before this key's
        // own comments.
        let insert_at = if i == 0 { entry.start } else { cursor };
        push_lines(&mut out, &lines[cursor..insert_at]);
        for (key, value) in changes {
            let Some(value) = value else { continue };
            if !inserted.contains(&key.as_str())
                && !entries.iter().any(|e| e.key == *key)
                && order(layout, key) < order(layout, &entry.key)
            {
                out.push_str(&entry_text(layout, key, value));
                inserted.push(key);
            }
        }
        push_lines(&mut out, &lines[insert_at..entry.start]);
        match change(&entry.key) {
            None => push_lines(&mut out, &lines[entry.start..entry.end]),
            Some(Some(value)) => {
                let new = entry_text(layout, &entry.key, value);
                // A one-line entry replaced by one line keeps its trailing
                // comment (`promised: 10个工作日  # 承诺`).
                match trailing_comment(&lines[entry.start..entry.end]) {
                    Some(comment) if new.matches('\n').count() == 1 => {
                        out.push_str(new.trim_end_matches('\n'));
                        out.push_str(comment);
                        out.push('\n');
                    }
                    _ => out.push_str(&new),
                }
            }
            Some(None) => {}
        }
        cursor = entry.end;
    }
    let tail_start = cursor;
    let mut tail_inserts = String::new();
    for (key, value) in changes {
        if let Some(value) = value
            && !inserted.contains(&key.as_str())
            && !entries.iter().any(|e| e.key == *key)
        {
            tail_inserts.push_str(&entry_text(layout, key, value));
        }
    }
    out.push_str(&tail_inserts);
    push_lines(&mut out, &lines[tail_start..]);
    Some(out)
}

/// The comment ending a one-line entry, with the spaces before it: the
/// first ` #` outside quotes.
fn trailing_comment<'t>(lines: &[&'t str]) -> Option<&'t str> {
    let [line] = lines else { return None };
    let line = line.trim_end_matches(['\n', '\r']);
    let (mut single, mut double) = (false, false);
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && previous.is_whitespace() => {
                let start = line[..i].trim_end().len();
                return Some(&line[start..]);
            }
            _ => {}
        }
        previous = c;
    }
    None
}

fn order(layout: &Layout, key: &str) -> usize {
    let keys = (layout.key_order)(&[]);
    keys.iter().position(|k| *k == key).unwrap_or(keys.len())
}

fn push_lines(out: &mut String, lines: &[&str]) {
    for line in lines {
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push('\n');
        }
    }
}

/// For each character offset, its 0-based line.
fn char_offset_lines(text: &str) -> Vec<usize> {
    let mut line = 0;
    text.chars()
        .map(|c| {
            let here = line;
            if c == '\n' {
                line += 1;
            }
            here
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FILE: &str = "\
# yaml-language-server: $schema=../../schemas/item.schema.json
# 经办人：张三
name: 生育登记
kind: public_service   # 行间注释
targets: [natural_person]
# 申请条件由卫健委核定
conditions:
  - 一
  - 二
remarks: |
  # 不是注释
  第二行
ignore:
  - rule: visits
    reason: 法定
";

    fn run(changes: &[(String, Option<Value>)]) -> String {
        let mut expected = yaml::parse(FILE).unwrap().unwrap().value;
        for (key, value) in changes {
            match value {
                Some(v) => expected[key] = v.clone(),
                None => {
                    expected.as_object_mut().unwrap().remove(key);
                }
            }
        }
        let edited = edit(&ITEM_LAYOUT, FILE, changes).unwrap();
        assert_eq!(
            yaml::parse(&edited).unwrap().unwrap().value,
            expected,
            "\n{edited}"
        );
        edited
    }

    #[test]
    fn a_trailing_comment_the_line_ending_and_the_bom_stay() {
        let text = "name: 甲\npromised: 10个工作日  # 承诺\nlegal: 5个工作日\n";
        let expected = json!({"name": "甲", "promised": "9个工作日", "legal": "5个工作日"});
        let changes = [("promised".to_string(), Some(json!("9个工作日")))];
        assert_eq!(
            apply(text, &changes, &expected),
            "name: 甲\npromised: 9个工作日  # 承诺\nlegal: 5个工作日\n"
        );
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        assert_eq!(
            apply(&crlf, &changes, &expected),
            "\u{feff}name: 甲\r\npromised: 9个工作日  # 承诺\r\nlegal: 5个工作日\r\n"
        );
        // A `#` inside quotes is text, not a comment.
        let quoted = "name: 甲\npromised: \"10 #1\"\nlegal: 5个工作日\n";
        assert_eq!(
            apply(quoted, &changes, &expected),
            "name: 甲\npromised: 9个工作日\nlegal: 5个工作日\n"
        );
    }

    #[test]
    fn a_changed_key_is_replaced_in_place() {
        let edited = run(&[("conditions".into(), Some(json!(["三"])))]);
        assert_eq!(
            edited,
            FILE.replace("conditions:\n  - 一\n  - 二\n", "conditions: [三]\n")
        );
    }

    #[test]
    fn a_block_scalar_is_replaced_whole() {
        let edited = run(&[("remarks".into(), Some(json!("新备注")))]);
        assert_eq!(
            edited,
            FILE.replace("remarks: |\n  # 不是注释\n  第二行\n", "remarks: 新备注\n")
        );
    }

    #[test]
    fn new_keys_go_in_record_order_and_removed_keys_go() {
        let edited = run(&[
            ("code".into(), Some(json!("X"))),
            ("category".into(), Some(json!("health"))),
            ("status".into(), Some(json!("cancelled"))),
            ("remarks".into(), None),
        ]);
        let expected = FILE
            .replace("# 经办人：张三\nname", "# 经办人：张三\ncode: X\nname")
            .replace("targets:", "category: health\ntargets:")
            .replace(
                "remarks: |\n  # 不是注释\n  第二行\n",
                "status: cancelled\n",
            );
        assert_eq!(edited, expected);
    }

    #[test]
    fn flow_documents_are_rewritten_whole() {
        let text = "{name: a, kind: public_service}\n";
        assert!(edit(&ITEM_LAYOUT, text, &[("name".into(), Some(json!("b")))]).is_none());
        let expected = json!({"name": "b", "kind": "public_service"});
        let out = apply(text, &[("name".into(), Some(json!("b")))], &expected);
        assert_eq!(yaml::parse(&out).unwrap().unwrap().value, expected);
    }
}
