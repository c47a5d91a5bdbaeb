//! Writing `code` into an item file as a text edit: one line is inserted
//! (or one value replaced) and every other character, comments included,
//! stays as it was. YAML is never re-serialised.

use serde_json::Value;

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
    /// The file changed after it was read for planning.
    Changed,
}

impl EditError {
    pub fn key(&self) -> &'static str {
        match self {
            EditError::NotAMapping => "code.edit.not_a_mapping",
            EditError::Layout => "code.edit.layout",
            EditError::Verify => "code.edit.verify",
            EditError::Changed => "code.edit.changed",
        }
    }
}

/// The text with `code` set to `code`: a new `code: "…"` line before the
/// first key (after the modeline and leading comments), or the value of an
/// existing `code` key replaced.
pub fn write_code(text: &str, code: &str) -> Result<String, EditError> {
    let doc = yaml::parse(text)
        .ok()
        .flatten()
        .ok_or(EditError::NotAMapping)?;
    let Shape::Map(entries) = &doc.spans.shape else {
        return Err(EditError::NotAMapping);
    };
    let first_key = entries
        .first()
        .map(|(_, key_span, _)| key_span.start.offset);
    let edited = match entries.iter().find(|(key, _, _)| key == "code") {
        Some((_, key_span, value)) => {
            replace_value(text, key_span.start.offset + key_span.len, value, code)
        }
        None => insert_entry(text, &doc.spans, first_key, code)?,
    };
    verify(&doc.value, &edited, code)?;
    Ok(edited)
}

/// [`write_code`] for a file exactly as the loader read it (the caller has
/// checked that its text is unchanged): `root` is the spans the loader kept
/// (the top-level mapping, with its `code` entry if any). Where the layout
/// makes the result certain, the edit is placed from those spans with no
/// parse at all: a new line before the first key of a block mapping, or a
/// one-word value of `code` replaced. Anything else is the full edit, read
/// back.
pub fn write_code_unchanged(text: &str, code: &str, root: &SpanNode) -> Result<String, EditError> {
    match place_certain(text, root, code) {
        Some(edited) => Ok(edited),
        None => write_code(text, code),
    }
}

/// The edit, when the kept spans alone make it certain.
fn place_certain(text: &str, root: &SpanNode, code: &str) -> Option<String> {
    let Shape::Map(entries) = &root.shape else {
        return None;
    };
    if !is_code_word(code) {
        return None;
    }
    match entries.iter().find(|(key, _, _)| key == "code") {
        // `code:`, `code: ~`, `code: ""`, `code: B2`, `code: "B2"`: one word
        // right after the colon, with no tag, anchor (an alias elsewhere
        // would change too), comment or block scalar in between.
        Some((_, key_span, value)) if matches!(value.shape, Shape::Scalar(_)) => {
            let start = byte_at(text, value.span.start.offset as usize);
            let end = byte_at(text, (value.span.start.offset + value.span.len) as usize);
            let key_end = key_span.start.offset + key_span.len;
            let certain = if value.span.len == 0 {
                // `code:` with nothing after it but a comment (no tag or
                // anchor): the value goes right after the colon.
                let after_key = text[byte_at(text, key_end as usize)..].trim_start_matches(' ');
                after_key.strip_prefix(':').is_some_and(|rest| {
                    let line = rest.split('\n').next().unwrap_or("").trim();
                    line.is_empty() || (line.starts_with('#') && rest.starts_with([' ', '\t']))
                })
            } else {
                text[..start].trim_end().ends_with(':') && is_one_word(&text[start..end])
            };
            certain.then(|| replace_value(text, key_end, value, code))
        }
        Some(_) => None,
        // A block mapping that starts with a plain key, alone on its line
        // after spaces: a whole line inserted before it can only be one more
        // key. (The mapping may also start with a tag or an anchor, or be a
        // flow mapping: those take the full edit.)
        None if !entries.is_empty()
            && starts_plain(&text[byte_at(text, root.span.start.offset as usize)..]) =>
        {
            insert_entry(text, root, Some(root.span.start.offset), code).ok()
        }
        None => None,
    }
}

/// A code as `qingdan code` makes them: letters, digits and the separators
/// a pattern may hold, so that `"…"` around it needs no escape.
fn is_code_word(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(code_byte)
}

fn code_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || super::pattern::SEPARATORS.as_bytes().contains(&b)
}

/// Whether text starts with a plain scalar (no YAML indicator).
fn starts_plain(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && !"-?:,[]{}#&*!|>'\"%@`".contains(c))
}

/// A scalar's text that is one word on one line: empty, `~`, or letters and
/// digits, bare or in matching quotes.
fn is_one_word(value: &str) -> bool {
    let inner = match value.as_bytes() {
        [b'"', .., b'"'] | [b'\'', .., b'\''] if value.len() >= 2 => &value[1..value.len() - 1],
        _ => value,
    };
    inner == "~" || inner.bytes().all(code_byte)
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

fn insert_entry(
    text: &str,
    root: &SpanNode,
    first_key: Option<u32>,
    code: &str,
) -> Result<String, EditError> {
    let Shape::Map(entries) = &root.shape else {
        return Err(EditError::NotAMapping);
    };
    let root_start = byte_at(text, root.span.start.offset as usize);
    if text[root_start..].starts_with('{') {
        let at = root_start + 1;
        let separator = if entries.is_empty() { "" } else { ", " };
        return Ok(format!(
            "{}code: \"{code}\"{separator}{}",
            &text[..at],
            &text[at..]
        ));
    }
    let Some(first_key) = first_key else {
        return Err(EditError::Layout);
    };
    let key_at = byte_at(text, first_key as usize);
    let line_start = text[..key_at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..key_at];
    if !indent.chars().all(|c| c == ' ') {
        return Err(EditError::Layout);
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Ok(format!(
        "{}{indent}code: \"{code}\"{newline}{}",
        &text[..line_start],
        &text[line_start..]
    ))
}

/// The edited text must read as the same record plus the new code.
fn verify(before: &Value, edited: &str, code: &str) -> Result<(), EditError> {
    let after = yaml::parse(edited)
        .ok()
        .flatten()
        .ok_or(EditError::Verify)?
        .value;
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
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
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
        assert_eq!(
            write_code("name: 甲\r\nkind: x\r\n", "A1").unwrap(),
            "code: \"A1\"\r\nname: 甲\r\nkind: x\r\n"
        );
    }

    #[test]
    fn an_empty_or_old_code_is_replaced_in_place() {
        assert_eq!(
            write_code("code:\nname: 甲\n", "A1").unwrap(),
            "code: \"A1\"\nname: 甲\n"
        );
        assert_eq!(
            write_code("name: 甲\ncode: ~ # 待编码\n", "A1").unwrap(),
            "name: 甲\ncode: \"A1\" # 待编码\n"
        );
        assert_eq!(
            write_code("name: 甲\ncode: \"B2\"\n", "A1").unwrap(),
            "name: 甲\ncode: \"A1\"\n"
        );
        assert_eq!(
            write_code("name: 甲\ncode: B2\n", "A1").unwrap(),
            "name: 甲\ncode: \"A1\"\n"
        );
    }

    fn kept(text: &str) -> SpanNode {
        yaml::parse(text)
            .unwrap()
            .unwrap()
            .spans
            .keep_top_level(crate::catalog::KEPT_SPANS)
    }

    /// Where the kept spans make the edit certain, it is the full edit
    /// exactly; where they do not, the full edit runs.
    #[test]
    fn the_certain_edit_is_the_full_edit() {
        let certain = [
            "# yaml-language-server: $schema=../../schemas/item.schema.json\n# 民政局\nname: 临时救助  # 名称\nkind: public_service\n",
            "kind: public_service\nname: 甲\n",
            "name: 甲\r\nkind: x\r\n",
            "  name: 甲\n  kind: x\n",
            "%YAML 1.2\n---\nname: 甲\n",
            "name: 甲\ncode: ~ # 待编码\n",
            "code:\nname: 甲\n",
            "code:   # 待编码\nname: 甲\n",
            "code:\r\nname: 甲\r\n",
            "name: 甲\ncode: \"\"\n",
            "name: 甲\ncode: 'B2'\n",
            "name: 甲\ncode: B-2\n",
            "name: 甲\ncode:\n  B2\n",
            "{name: 甲, code: B2}\n",
        ];
        for text in certain {
            assert_eq!(
                place_certain(text, &kept(text), "A1"),
                Some(write_code(text, "A1").unwrap()),
                "{text:?}"
            );
            // A code with a pattern's separators needs no escape either.
            let national = "511A0138000000-511602000000-000-115113010833722043-1-00";
            assert_eq!(
                place_certain(text, &kept(text), national),
                Some(write_code(text, national).unwrap()),
                "{text:?}"
            );
        }
        let read_back = [
            "{name: 甲, kind: x}\n",
            "&root\nname: 甲\n",
            "!!map\nname: 甲\n",
            "\"name\": 甲\n",
            "name: 甲\ncode: &c B2\nother: *c\n",
            "name: 甲\ncode: !!str B2\n",
            "name: 甲\ncode: # 待编码\n  B2\n",
            "name: 甲\ncode: |\n  B2\n",
            "name: 甲\ncode: B 2\n",
            "name: 甲\ncode: &c\nother: *c\n",
            "name: 甲\ncode: !!null\n",
        ];
        for text in read_back {
            assert_eq!(place_certain(text, &kept(text), "A1"), None, "{text:?}");
            assert_eq!(
                write_code_unchanged(text, "A1", &kept(text)),
                write_code(text, "A1"),
                "{text:?}"
            );
        }
    }

    /// Every item file the project ships takes the certain edit, and it is
    /// the full edit.
    #[test]
    fn shipped_item_files_take_the_certain_edit() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let generated = tempfile::tempdir().unwrap();
        crate::generate::write_catalog(generated.path(), 200, 5, 7).unwrap();
        let mut files = yaml_files(&root.join("tests/fixtures"));
        files.extend(yaml_files(&root.join("examples")));
        files.extend(yaml_files(&generated.path().join("items")));
        let mut seen = 0;
        for file in files
            .iter()
            .filter(|f| f.components().any(|c| c.as_os_str() == "items"))
        {
            {
                let Ok(text) = std::fs::read_to_string(file) else {
                    continue;
                };
                let Ok(Some(doc)) = yaml::parse(&text) else {
                    continue;
                };
                let Ok(full) = write_code(&text, "A1") else {
                    continue;
                };
                let kept = doc.spans.keep_top_level(crate::catalog::KEPT_SPANS);
                assert_eq!(
                    place_certain(&text, &kept, "A1"),
                    Some(full),
                    "{}",
                    file.display()
                );
                seen += 1;
            }
        }
        assert!(seen > 250, "{seen} files");
    }

    fn yaml_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(yaml_files(&path));
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn flow_mappings() {
        assert_eq!(
            write_code("{name: 甲, kind: x}\n", "A1").unwrap(),
            "{code: \"A1\", name: 甲, kind: x}\n"
        );
    }

    #[test]
    fn refuses_what_it_cannot_edit_safely() {
        assert_eq!(write_code("- a\n", "A1"), Err(EditError::NotAMapping));
        assert_eq!(write_code("? name\n: 甲\n", "A1"), Err(EditError::Layout));
        assert_eq!(
            write_code("name: [unclosed\n", "A1"),
            Err(EditError::NotAMapping)
        );
    }
}
