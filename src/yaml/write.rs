//! Writing records as YAML: deterministic, keys in record order, Chinese
//! unescaped, strings quoted only when a reader could take them for
//! something else, multi-line text as `|` blocks. What this writes, our
//! reader (`yaml::parse`) reads back as the same value (tested). Item files
//! and review files differ only in their [`Layout`].

use serde_json::{Map, Value};

use crate::model::Item;

/// The first line of every item file: editors find the schema through it.
pub const ITEM_MODELINE: &str = "# yaml-language-server: $schema=../../schemas/item.schema.json\n";

/// The first line of a review file written whole.
pub const REVIEW_MODELINE: &str =
    "# yaml-language-server: $schema=../../schemas/review.schema.json\n";

/// Flow lists (`[a, b]`) only while the line stays this short.
const FLOW_WIDTH: usize = 80;

/// The keys of a record, in order, at a path of mapping keys.
pub type KeyOrder = fn(&[&str]) -> &'static [&'static str];

/// What kind of file is written: its first line and its key order.
#[derive(Clone, Copy)]
pub struct Layout {
    pub modeline: &'static str,
    pub key_order: KeyOrder,
}

pub const ITEM_LAYOUT: Layout = Layout {
    modeline: ITEM_MODELINE,
    key_order: crate::model::item::key_order,
};
pub const REVIEW_LAYOUT: Layout = Layout {
    modeline: REVIEW_MODELINE,
    key_order: crate::model::review::key_order,
};

/// The publication record (`round advance --document-number`).
pub const PUBLICATION_LAYOUT: Layout = Layout {
    modeline: "# yaml-language-server: $schema=../../schemas/publication.schema.json\n",
    key_order: crate::model::record::publication_key_order,
};

/// The whole text of an item file.
pub fn item_text(item: &Item) -> String {
    let value = serde_json::to_value(item).expect("items serialize");
    item_value_text(&value)
}

/// An item file's text for a record held as a JSON value.
pub fn item_value_text(value: &Value) -> String {
    document_text(&ITEM_LAYOUT, value)
}

/// A whole file's text: the modeline, then the record.
pub fn document_text(layout: &Layout, value: &Value) -> String {
    let mut out = String::from(layout.modeline);
    match value {
        Value::Object(map) => write_map(&mut out, map, &mut Vec::new(), 0, layout.key_order),
        other => out.push_str(&format!("{}\n", scalar(other, 0))),
    }
    out
}

/// A whole file whose record is a list (a register): the modeline, then
/// one `- ` entry per element, in record key order (the path of an
/// element's keys is empty, of a nested list's the key holding it).
pub fn list_document_text(layout: &Layout, items: &[Value]) -> String {
    let mut out = String::from(layout.modeline);
    if items.is_empty() {
        out.push_str("[]\n");
    } else {
        write_list(&mut out, items, &mut Vec::new(), 0, layout.key_order);
    }
    out
}

/// One top-level entry of a file of `layout`.
pub fn entry_text(layout: &Layout, key: &str, value: &Value) -> String {
    let mut map = Map::new();
    map.insert(key.to_string(), value.clone());
    let mut out = String::new();
    write_map(&mut out, &map, &mut Vec::new(), 0, layout.key_order);
    out
}

/// Keys of `map` in record order, then any others in their map order.
fn ordered_keys<'a>(
    map: &'a Map<String, Value>,
    path: &[&str],
    key_order: KeyOrder,
) -> Vec<&'a String> {
    let order = key_order(path);
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(order.len()));
    keys
}

fn write_map<'a>(
    out: &mut String,
    map: &'a Map<String, Value>,
    path: &mut Vec<&'a str>,
    indent: usize,
    order: KeyOrder,
) {
    if map.is_empty() {
        out.push_str(&" ".repeat(indent));
        out.push_str("{}\n");
        return;
    }
    for key in ordered_keys(map, path, order) {
        let value = &map[key];
        out.push_str(&" ".repeat(indent));
        out.push_str(&plain_or_quoted(key));
        out.push(':');
        path.push(key);
        write_value_after_key(out, value, path, indent, order);
        path.pop();
    }
}

/// The value of a mapping entry, after `key:`.
fn write_value_after_key<'a>(
    out: &mut String,
    value: &'a Value,
    path: &mut Vec<&'a str>,
    indent: usize,
    order: KeyOrder,
) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, path, indent + 2, order);
        }
        Value::Array(items) if !items.is_empty() => {
            match flow_list(items, indent + path.last().map_or(0, |k| k.len()) + 2) {
                Some(flow) => {
                    out.push(' ');
                    out.push_str(&flow);
                    out.push('\n');
                }
                None => {
                    out.push('\n');
                    write_list(out, items, path, indent + 2, order);
                }
            }
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other, indent + 2));
            out.push('\n');
        }
    }
}

fn write_list<'a>(
    out: &mut String,
    items: &'a [Value],
    path: &mut Vec<&'a str>,
    indent: usize,
    order: KeyOrder,
) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        // A collection is written one level in; its first line then moves
        // up beside the dash.
        let mut block = String::new();
        match item {
            Value::Object(map) if !map.is_empty() => {
                write_map(&mut block, map, path, indent + 2, order)
            }
            Value::Array(inner) if !inner.is_empty() => {
                write_list(&mut block, inner, path, indent + 2, order)
            }
            other => {
                out.push_str(&scalar(other, indent + 2));
                out.push('\n');
                continue;
            }
        }
        out.push_str(&block[indent + 2..]);
    }
}

/// `[a, b]` when every element is a short plain scalar and the line fits.
fn flow_list(items: &[Value], used: usize) -> Option<String> {
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        let text = match item {
            Value::String(s) if is_plain_safe(s, true) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        parts.push(text);
    }
    let flow = format!("[{}]", parts.join(", "));
    (used + flow.chars().count() <= FLOW_WIDTH).then_some(flow)
}

/// A scalar as written after `key: ` or `- `; `indent` is where the lines
/// of a `|` block go.
fn scalar(value: &Value, indent: usize) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s, indent),
        Value::Array(_) => "[]".to_string(),
        Value::Object(_) => "{}".to_string(),
    }
}

fn string(s: &str, indent: usize) -> String {
    if is_plain_safe(s, false) {
        return s.to_string();
    }
    if let Some(block) = literal_block(s, indent) {
        return block;
    }
    double_quoted(s)
}

fn plain_or_quoted(s: &str) -> String {
    if is_plain_safe(s, false) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// Multi-line text as a literal block (`|` keeps one final newline, `|-`
/// none), when every line can be written as it is.
fn literal_block(s: &str, indent: usize) -> Option<String> {
    if !s.contains('\n')
        || s.chars().any(|c| c != '\n' && c != '\t' && needs_escape(c))
        || s.contains('\r')
    {
        return None;
    }
    let (body, chomp) = match s.strip_suffix('\n') {
        Some(body) if body.ends_with('\n') => return None,
        Some(body) => (body, "|"),
        None => (s, "|-"),
    };
    let lines: Vec<&str> = body.split('\n').collect();
    // The block's indentation is read from its first non-empty line, so
    // no line may start with white space; and a block needs some text.
    if lines.iter().any(|l| l.starts_with([' ', '\t'])) || lines.iter().all(|l| l.is_empty()) {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::from(chomp);
    for line in lines {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Some(out)
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters YAML cannot hold as they are (control characters, line
/// separators a reader may break on, the BOM, non-characters).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// Whether `s` can be written without quotes and read back as the same
/// string, by our reader and by YAML 1.1 readers (`yes`, dates, `1:20`).
fn is_plain_safe(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.starts_with([' ', '\t']) || s.ends_with([' ', '\t', ':']) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.chars().any(|c| needs_escape(c) || c == '\t') || s.contains(": ") || s.contains(" #") {
        return false;
    }
    // Flow lists hold only words: no ASCII punctuation a flow reader may
    // take for syntax.
    if in_flow
        && s.chars()
            .any(|c| c.is_ascii_punctuation() && !matches!(c, '_' | '.' | '/' | '(' | ')'))
    {
        return false;
    }
    !looks_like_another_type(s)
}

/// Text a YAML reader might resolve to a number, boolean, null or date.
fn looks_like_another_type(s: &str) -> bool {
    if super::scalar::not_text(s).is_some() {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "y" | "n" | "yes" | "no" | "on" | "off" | "<<" | "=" | ".nan" | ".inf"
    ) {
        return true;
    }
    if s.starts_with("---") || s.starts_with("...") {
        return true;
    }
    // Numbers, dates, times and sexagesimals of YAML 1.1 are made of these.
    let first = s.as_bytes()[0];
    (first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.'))
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() || "+-._:xXoObBtTzZ ".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;
    use serde::Deserialize;
    use serde_json::json;

    fn read_back(text: &str) -> Value {
        parse(text).unwrap().unwrap().value
    }

    #[test]
    fn quotes_only_what_needs_it() {
        let value = json!({"a": "是", "b": "003", "c": "yes", "d": "2017-02-28", "e": "a: b", "f": "第5条",
            "g": "0577-88990000", "h": "", "i": "true", "j": "- x", "k": "《法》第一条", "l": "1:20", "m": "~"});
        let text = item_value_text(&value);
        assert!(text.starts_with(ITEM_MODELINE));
        for line in [
            "a: 是",
            "b: \"003\"",
            "c: \"yes\"",
            "d: \"2017-02-28\"",
            "e: \"a: b\"",
            "f: 第5条",
            "h: \"\"",
            "i: \"true\"",
            "k: 《法》第一条",
            "l: \"1:20\"",
            "m: \"~\"",
        ] {
            assert!(text.contains(&format!("\n{line}\n")), "{line} in\n{text}");
        }
        assert_eq!(read_back(&text), value);
    }

    #[test]
    fn multi_line_text_is_a_literal_block() {
        let value =
            json!({"remarks": "第一行\n第二行", "note": "末尾换行\n", "odd": " 前导空格\n第二行"});
        let text = item_value_text(&value);
        assert!(text.contains("remarks: |-\n  第一行\n  第二行\n"), "{text}");
        assert!(text.contains("note: |\n  末尾换行\n"), "{text}");
        assert_eq!(read_back(&text), value);
    }

    #[test]
    fn records_keep_their_order_and_lists_their_style() {
        let value = json!({"name": "生育登记", "code": "1", "targets": ["natural_person", "legal_person"],
            "materials": [{"name": "身份证", "copies": 1, "common_errors": ["未签字", "复印不清"]}],
            "conditions": ["夫妻双方至少一方为本市户籍"]});
        let text = item_value_text(&value);
        let expected = "\
code: \"1\"
name: 生育登记
targets: [natural_person, legal_person]
conditions: [夫妻双方至少一方为本市户籍]
materials:
  - name: 身份证
    copies: 1
    common_errors: [未签字, 复印不清]
";
        assert_eq!(&text[ITEM_MODELINE.len()..], expected);
        assert_eq!(read_back(&text), value);
    }

    /// A small deterministic generator of awkward strings (no extra crate).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[(self.next() % from.len() as u64) as usize]
        }
        fn text(&mut self) -> String {
            const PIECES: &[&str] = &[
                "是",
                "否",
                "yes",
                "No",
                "on",
                "null",
                "~",
                "true",
                "1",
                "0.5",
                "1e3",
                "-3",
                "+7",
                "0x1F",
                "007",
                "2017-02-28",
                "12:30",
                ": ",
                ":",
                " #",
                "#",
                "- ",
                "-",
                "? ",
                "[",
                "]",
                "{",
                "}",
                ",",
                "&a",
                "*a",
                "!",
                "|",
                ">",
                "'",
                "\"",
                "%",
                "@",
                "`",
                "\\",
                "\n",
                "\n\n",
                " ",
                "  ",
                "\t",
                "\r",
                "\u{85}",
                "\u{2028}",
                "\u{feff}",
                "\u{7f}",
                "\u{0}",
                "《社会救助暂行办法》",
                "第四十七条",
                "其他材料",
                "瓯江市",
                "😀",
                "---",
                "...",
                "<<",
                "=",
                ".inf",
                "a",
                "Z",
            ];
            let n = (self.next() % 5) as usize;
            (0..n).map(|_| self.pick(PIECES)).collect()
        }
    }

    #[test]
    fn awkward_strings_read_back_unchanged() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..5000 {
            let (a, b, c) = (rng.text(), rng.text(), rng.text());
            let value = json!({"name": a, "conditions": [b, c.clone()], "materials": [{"name": c, "common_errors": [a]}],
                "time_limit": {"legal": b}});
            let text = item_value_text(&value);
            let back = parse(&text)
                .unwrap_or_else(|e| panic!("{e:?} in\n{text}"))
                .unwrap()
                .value;
            assert_eq!(back, value, "\n{text}");
        }
    }

    #[test]
    fn items_round_trip_through_our_reader() {
        let mut rng = Rng(42);
        let base: Item = serde_json::from_value(json!({
            "name": "x", "kind": "public_service", "category": "health", "department": "wsjw",
            "targets": ["natural_person"], "legal_basis": [{"title": "《法》", "article": "第一条"}]
        }))
        .unwrap();
        for _ in 0..500 {
            let mut item = base.clone();
            item.name = rng.text();
            item.remarks = Some(rng.text());
            item.themes = vec![rng.text(), rng.text()];
            item.conditions = vec![rng.text()];
            item.code = Some(rng.text());
            item.legal_basis[0].article = Some(rng.text());
            item.visits = Some((rng.next() % 4) as u32);
            item.guide = rng.next().is_multiple_of(2);
            let text = item_text(&item);
            let doc = parse(&text).unwrap().unwrap();
            let back = Item::deserialize(&doc.value).unwrap_or_else(|e| panic!("{e} in\n{text}"));
            assert_eq!(back, item, "\n{text}");
        }
    }

    #[test]
    fn the_sample_catalog_round_trips() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        let source = crate::source::FolderSource::new(&root);
        let (catalog, _) = crate::catalog::Catalog::load(&source).unwrap();
        assert!(catalog.records().count() > 30);
        for (_, item) in catalog.records() {
            let text = item_text(item);
            let back = Item::deserialize(&parse(&text).unwrap().unwrap().value).unwrap();
            assert_eq!(&back, item, "\n{text}");
        }
    }
}
