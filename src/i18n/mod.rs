//! Every text shown to people, in Simplified Chinese (default) and English.
//! Code refers to messages by key; `--lang` picks the column at render time.

mod messages;

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::finding::{Arg, Message};

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

/// Every message: the rules' own and the rest.
fn all_messages() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    crate::rules::all()
        .iter()
        .flat_map(|r| r.messages.iter())
        .chain(messages::MESSAGES.iter())
        .chain(crate::rounds::MESSAGES.iter())
        .chain(crate::review::MESSAGES.iter())
        .chain(crate::export::html::MESSAGES.iter())
        .chain(crate::export::jsonld::MESSAGES.iter())
}

static TABLE: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| all_messages().map(|(k, zh, en)| (*k, (*zh, *en))).collect());

/// The template of a key; the key itself when it is unknown (a test checks
/// that every key the code uses is in the table).
pub fn template(lang: Lang, key: &str) -> &str {
    match TABLE.get(key) {
        Some((zh, en)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => key,
    }
}

/// A message in one language, `{name}` placeholders filled from its arguments.
pub fn text(lang: Lang, message: &Message) -> String {
    fill(template(lang, message.key), lang, &message.args)
}

/// A keyed text without a `Message` value.
pub fn tr(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
    fill(template(lang, key), lang, args)
}

fn fill(template: &str, lang: Lang, args: &[(&'static str, Arg)]) -> String {
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

    /// The argument names a template uses; `{count:item|items}` uses `count`.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .map(|name| name.split_once(':').map_or(name, |(name, _)| name))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for (key, zh, en) in all_messages() {
            assert_eq!(placeholders(zh), placeholders(en), "{key}");
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
        }
    }

    #[test]
    fn keys_are_unique() {
        assert_eq!(TABLE.len(), all_messages().count());
    }

    #[test]
    fn every_key_in_the_code_is_in_the_table() {
        // Message keys are written as string literals "area.name" in calls to
        // Message::new / tr; find them in the sources.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut pending = vec![root];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for call in [
                    "Message::new(\"",
                    "tr(lang, \"",
                    "tr(self.lang, \"",
                    "tr(ctx.lang, \"",
                    "tr(words.lang, \"",
                    ".tr(\"",
                ] {
                    for part in text.split(call).skip(1) {
                        let key = part.split('"').next().unwrap();
                        if !TABLE.contains_key(key) {
                            missing.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys without text: {missing:?}");
    }

    #[test]
    fn fills_arguments_by_language() {
        let m = Message::new("missing.element").localized("element", "受理单位", "accepting unit");
        assert_eq!(text(Lang::Zh, &m), "办事指南类事项缺少「受理单位」");
        assert_eq!(
            text(Lang::En, &m),
            "the service guide lacks its accepting unit"
        );
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
