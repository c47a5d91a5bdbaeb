//! Every text shown to people, in Simplified Chinese (default) and English.
//! Code refers to messages by key; `--lang` picks the column at render time.

mod messages;

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The Chinese or the English of a pair.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// `zh`, `zh-CN`, `zh_CN.UTF-8` → Chinese; `en…` → English.
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::Zh)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A message argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(u64),
    /// A value with a different wording per language (enumeration labels…).
    Localized {
        zh: String,
        en: String,
    },
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as u64)
    }
}

/// A message key of `i18n` with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Message {
            key,
            args: Vec::new(),
        }
    }
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
    pub fn localized(
        mut self,
        name: &'static str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        self.args.push((
            name,
            Arg::Localized {
                zh: zh.into(),
                en: en.into(),
            },
        ));
        self
    }
}

/// A message: key, Simplified Chinese, English.
pub type Entry = (&'static str, &'static str, &'static str);

/// The messages of this module: those shared by several areas (file
/// problems, sheets, summaries…). Areas with their own table keep it.
pub use messages::MESSAGES;

/// The general messages alone, for an area that needs no other table.
pub static GENERAL: Texts = Texts::new(|| vec![MESSAGES]);

/// A lookup over message tables. Each area owns its table; whoever turns
/// messages into text assembles the tables it can meet. Indexed on first use.
pub struct Texts {
    tables: fn() -> Vec<&'static [Entry]>,
    index: OnceLock<HashMap<&'static str, (&'static str, &'static str)>>,
}

impl Texts {
    pub const fn new(tables: fn() -> Vec<&'static [Entry]>) -> Self {
        Texts {
            tables,
            index: OnceLock::new(),
        }
    }

    /// Every entry of every table, duplicates included.
    pub fn entries(&self) -> impl Iterator<Item = &'static Entry> {
        (self.tables)().into_iter().flatten()
    }

    fn index(&self) -> &HashMap<&'static str, (&'static str, &'static str)> {
        self.index
            .get_or_init(|| self.entries().map(|(k, zh, en)| (*k, (*zh, *en))).collect())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.index().contains_key(key)
    }

    /// The template of a key; the key itself when it is unknown (a test checks
    /// that every key the code uses is in its table).
    pub fn template<'a>(&self, lang: Lang, key: &'a str) -> &'a str {
        match self.index().get(key) {
            Some((zh, en)) => lang.pick(zh, en),
            None => key,
        }
    }

    /// A message in one language, `{name}` placeholders filled from its arguments.
    pub fn text(&self, lang: Lang, message: &Message) -> String {
        fill(self.template(lang, message.key), lang, &message.args)
    }

    /// A keyed text without a `Message` value.
    pub fn tr(&self, lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
        fill(self.template(lang, key), lang, args)
    }
}

/// A template with `{name}` placeholders filled from `args`.
pub fn fill(template: &str, lang: Lang, args: &[(&'static str, Arg)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let placeholder = &after[..close];
                let (name, forms) = match placeholder.split_once(':') {
                    Some((name, forms)) => (name, Some(forms)),
                    None => (placeholder, None),
                };
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, arg)) => match forms {
                        Some(forms) => out.push_str(plural(arg, forms)),
                        None => out.push_str(&arg_text(lang, arg)),
                    },
                    None => {
                        out.push('{');
                        out.push_str(placeholder);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `{count:item|items}`: the word for the number in `count`, singular for
/// exactly 1 (English counts; Chinese templates need no such placeholder).
fn plural<'a>(arg: &Arg, forms: &'a str) -> &'a str {
    let (one, other) = forms.split_once('|').unwrap_or((forms, forms));
    match arg {
        Arg::Number(1) => one,
        _ => other,
    }
}

fn arg_text(lang: Lang, arg: &Arg) -> String {
    match arg {
        Arg::Text(t) => t.clone(),
        Arg::Number(n) => n.to_string(),
        Arg::Localized { zh, en } => match lang {
            Lang::Zh => zh.clone(),
            Lang::En => en.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_arguments_by_language() {
        let message = Message::new("export.copies").arg("copies", 2u64);
        assert_eq!(GENERAL.text(Lang::Zh, &message), "2 份");
        assert_eq!(GENERAL.text(Lang::En, &message), "2 copies");
        let localized = Message::new("export.copies").localized("a", "甲", "A");
        assert_eq!(fill("{a}·{b}", Lang::En, &localized.args), "A·{b}");
    }

    #[test]
    fn an_unknown_key_reads_as_itself() {
        assert_eq!(GENERAL.tr(Lang::En, "no.such.key", &[]), "no.such.key");
        assert!(!GENERAL.contains("no.such.key"));
    }

    #[test]
    fn english_counts_take_the_singular_for_one() {
        let template = "{count} {count:item|items}, {errors} {errors:error|errors}";
        let filled = |count: u64, errors: u64| {
            fill(
                template,
                Lang::En,
                &[("count", count.into()), ("errors", errors.into())],
            )
        };
        assert_eq!(filled(1, 2), "1 item, 2 errors");
        assert_eq!(filled(2, 1), "2 items, 1 error");
        assert_eq!(filled(0, 0), "0 items, 0 errors");
    }

    #[test]
    fn language_names() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}

/// Whether a character may rewrite a terminal when printed: C0 controls but
/// tab and newline, DEL, C1 controls, and the bidirectional overrides and
/// isolates (U+202A–202E, U+2066–2069).
pub fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text as it may be printed on a terminal: every unsafe character (see
/// [`is_unsafe_control`]) shown as an escape, `\u{1b}`; a CRLF line end
/// stays. The one helper for
/// everything a person reads in a terminal (reports, tables, round status).
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe_control(c) && c != '\r') && !has_lone_cr(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(escape_keeping(text, &mut []))
}

fn has_lone_cr(text: &str) -> bool {
    text.match_indices('\r')
        .any(|(i, _)| text.as_bytes().get(i + 1) != Some(&b'\n'))
}

/// [`terminal_safe`], also moving the byte offsets in `offsets` (each on a
/// character boundary of `text`) to where the same characters are after.
pub fn escape_keeping(text: &str, offsets: &mut [usize]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut moved = vec![None; offsets.len()];
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        for (n, offset) in offsets.iter().enumerate() {
            if *offset == i && moved[n].is_none() {
                moved[n] = Some(out.len());
            }
        }
        // A line ending of CRLF files is kept.
        let line_end = c == '\r' && chars.peek().is_some_and(|(_, next)| *next == '\n');
        if is_unsafe_control(c) && !line_end {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    for (offset, moved) in offsets.iter_mut().zip(moved) {
        *offset = moved.unwrap_or(out.len());
    }
    out
}

#[cfg(test)]
mod terminal_tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_lines_kept() {
        assert_eq!(terminal_safe("名称\t一\n二\r\n"), "名称\t一\n二\r\n");
        assert_eq!(
            terminal_safe("a\u{1b}]8;;http://x\u{7}b\u{7f}\u{9b}c\u{202e}d\u{2066}\r"),
            "a\\u{1b}]8;;http://x\\u{7}b\\u{7f}\\u{9b}c\\u{202e}d\\u{2066}\\u{d}"
        );
        let mut offsets = [0, 2, 3];
        let text = escape_keeping("\u{1b}ab", &mut offsets);
        assert_eq!(text, "\\u{1b}ab");
        assert_eq!(offsets, [0, 7, 8]);
    }
}
