//! Writing `code` into an item file as a text edit: one line is inserted
//! (or one value replaced) and every other character, comments included,
//! stays as it was. YAML is never re-serialised.

use serde::Deserialize;
use serde_json::Value;

use crate::model::Item;

use crate::yaml::{self, Shape, SpanNode};

/// Why a file could not be edited safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The text is not one YAML mapping.
    NotAMapping,
    /// The layout is one this edit does not handle (the first key shares
    /// its line with other text).
    Layout,
    /// The edited text would not read back as the same record with the new code.
    Verify,
}

impl EditError {
    pub fn key(&self) -> &'static str {
        match self {
            EditError::NotAMapping => "code.edit.not_a_mapping",
            EditError::Layout => "code.edit.layout",
            EditError::Verify => "code.edit.verify",
        }
    }
}

/// The text with `code` set to `code`: a new `code: "…"` line before the
/// first key (after the modeline and leading comments), or the value of an
/// existing `code` key replaced.
pub fn write_code(text: &str, code: &str) -> Result<String, EditError> {
    let doc = yaml::parse(text).ok().flatten().ok_or(EditError::NotAMapping)?;
    let Shape::Map(entries) = &doc.spans.shape else { return Err(EditError::NotAMapping) };
    let first_key = entries.first().map(|(_, key_span, _)| key_span.start.offset);
    let edited = match entries.iter().find(|(key, _, _)| key == "code") {
        Some((_, key_span, value)) => replace_value(text, key_span.start.offset + key_span.len, value, code),
        None => insert_entry(text, &doc.spans, first_key, code)?,
    };
    verify(&doc.value, &edited, code)?;
    Ok(edited)
}

/// [`write_code`] for a file as the loader read it: `root` is the spans the
/// loader kept (the top-level mapping, with its `code` entry if any) and
/// `before` the record. The text is parsed once, to read the edit back.
pub fn write_code_at(text: &str, code: &str, root: &SpanNode, before: &Item) -> Result<String, EditError> {
    let edited = place_from_kept(text, root, code)?;
    let after = yaml::parse(&edited).ok().flatten().ok_or(EditError::Verify)?;
    let record = Item::deserialize(&after.value).map_err(|_| EditError::Verify)?;
    if record != (Item { code: Some(code.to_string()), ..before.clone() }) {
        return Err(EditError::Verify);
    }
    Ok(edited)
}

/// The edit placed from kept spans (no parse).
fn place_from_kept(text: &str, root: &SpanNode, code: &str) -> Result<String, EditError> {
    let Shape::Map(entries) = &root.shape else { return Err(EditError::NotAMapping) };
    match entries.iter().find(|(key, _, _)| key == "code") {
        Some((_, key_span, value)) => Ok(replace_value(text, key_span.start.offset + key_span.len, value, code)),
        // A block mapping starts at its first key.
        None => insert_entry(text, root, Some(root.span.start.offset), code),
    }
}

fn replace_value(text: &str, key_end: u32, value: &SpanNode, code: &str) -> String {
    let quoted = format!("\"{code}\"");
    if value.span.len > 0 {
        let start = byte_at(text, value.span.start.offset as usize);
        let end = byte_at(text, (value.span.start.offset + value.span.len) as usize);
        return format!("{}{quoted}{}", &text[..start], &text[end..]);
    }
    // `code:` with nothing after it: write the value after the colon.
    let key_end = byte_at(text, key_end as usize);
    let colon = key_end + text[key_end..].find(':').unwrap_or(0) + 1;
    format!("{} {quoted}{}", &text[..colon], &text[colon..])
}

fn insert_entry(text: &str, root: &SpanNode, first_key: Option<u32>, code: &str) -> Result<String, EditError> {
    let Shape::Map(entries) = &root.shape else { return Err(EditError::NotAMapping) };
    let root_start = byte_at(text, root.span.start.offset as usize);
    if text[root_start..].starts_with('{') {
        let at = root_start + 1;
        let separator = if entries.is_empty() { "" } else { ", " };
        return Ok(format!("{}code: \"{code}\"{separator}{}", &text[..at], &text[at..]));
    }
    let Some(first_key) = first_key else { return Err(EditError::Layout) };
    let key_at = byte_at(text, first_key as usize);
    let line_start = text[..key_at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..key_at];
    if !indent.chars().all(|c| c == ' ') {
        return Err(EditError::Layout);
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Ok(format!("{}{indent}code: \"{code}\"{newline}{}", &text[..line_start], &text[line_start..]))
}

/// The edited text must read as the same record plus the new code.
fn verify(before: &Value, edited: &str, code: &str) -> Result<(), EditError> {
    let after = yaml::parse(edited).ok().flatten().ok_or(EditError::Verify)?.value;
    if after.get("code").and_then(Value::as_str) != Some(code) {
        return Err(EditError::Verify);
    }
    let without_code = |v: &Value| {
        let mut v = v.clone();
        if let Value::Object(map) = &mut v {
            map.remove("code");
        }
        v
    };
    if without_code(before) != without_code(&after) {
        return Err(EditError::Verify);
    }
    Ok(())
}

/// The byte index of a character offset (the text's end when beyond it).
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_goes_after_the_modeline_and_comments() {
        let text = "# yaml-language-server: $schema=../../schemas/item.schema.json\n# 民政局\nname: 临时救助  # 名称\nkind: public_service\n";
        let edited = write_code(text, "2033039900200017").unwrap();
        assert_eq!(
            edited,
            "# yaml-language-server: $schema=../../schemas/item.schema.json\n# 民政局\ncode: \"2033039900200017\"\nname: 临时救助  # 名称\nkind: public_service\n"
        );
    }

    #[test]
    fn crlf_files_stay_crlf() {
        assert_eq!(write_code("name: 甲\r\nkind: x\r\n", "A1").unwrap(), "code: \"A1\"\r\nname: 甲\r\nkind: x\r\n");
    }

    #[test]
    fn an_empty_or_old_code_is_replaced_in_place() {
        assert_eq!(write_code("code:\nname: 甲\n", "A1").unwrap(), "code: \"A1\"\nname: 甲\n");
        assert_eq!(write_code("name: 甲\ncode: ~ # 待编码\n", "A1").unwrap(), "name: 甲\ncode: \"A1\" # 待编码\n");
        assert_eq!(write_code("name: 甲\ncode: \"B2\"\n", "A1").unwrap(), "name: 甲\ncode: \"A1\"\n");
        assert_eq!(write_code("name: 甲\ncode: B2\n", "A1").unwrap(), "name: 甲\ncode: \"A1\"\n");
    }

    /// The loader's kept spans place the line exactly where a full parse does.
    #[test]
    fn placing_from_kept_spans_matches_the_full_edit() {
        let texts = [
            "# yaml-language-server: $schema=../../schemas/item.schema.json\n# 民政局\nname: 临时救助  # 名称\nkind: public_service\n",
            "kind: public_service\nname: 甲\n",
            "name: 甲\r\nkind: x\r\n",
            "  name: 甲\n  kind: x\n",
            "name: 甲\ncode: ~ # 待编码\n",
            "{name: 甲, kind: x}\n",
        ];
        for text in texts {
            let doc = yaml::parse(text).unwrap().unwrap();
            let kept = doc.spans.keep_top_level(crate::catalog::KEPT_SPANS);
            let full = write_code(text, "A1").unwrap();
            assert_eq!(place_from_kept(text, &kept, "A1").unwrap(), full, "{text:?}");
        }
    }

    #[test]
    fn the_kept_spans_edit_checks_the_record() {
        let text = "name: 甲\nkind: public_service\ncategory: other\ndepartment: mzj\ntargets: [natural_person]\nlegal_basis: [{title: 《条例》, article: 第一条}]\nguide: false\n";
        let doc = yaml::parse(text).unwrap().unwrap();
        let record = Item::deserialize(&doc.value).unwrap();
        let kept = doc.spans.keep_top_level(crate::catalog::KEPT_SPANS);
        let edited = write_code_at(text, "A1", &kept, &record).unwrap();
        assert_eq!(edited, format!("code: \"A1\"\n{text}"));
        // The file changed since it was loaded: the read-back refuses.
        let changed = text.replace("甲", "乙");
        assert_eq!(write_code_at(&changed, "A1", &kept, &record), Err(EditError::Verify));
    }

    #[test]
    fn flow_mappings() {
        assert_eq!(write_code("{name: 甲, kind: x}\n", "A1").unwrap(), "{code: \"A1\", name: 甲, kind: x}\n");
    }

    #[test]
    fn refuses_what_it_cannot_edit_safely() {
        assert_eq!(write_code("- a\n", "A1"), Err(EditError::NotAMapping));
        assert_eq!(write_code("? name\n: 甲\n", "A1"), Err(EditError::Layout));
        assert_eq!(write_code("name: [unclosed\n", "A1"), Err(EditError::NotAMapping));
    }
}
