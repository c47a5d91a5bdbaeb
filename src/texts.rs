//! Every message table, assembled where they all meet: above the areas that
//! own them (rules, rounds, review, the site, JSON-LD, the general ones in
//! `i18n`) and below the renderers and the CLI, which may show any of them.

use crate::i18n::{self, Arg, Lang, Message, Texts};

/// All the tables: rule messages first, then the areas'.
pub static ALL: Texts = Texts::new(|| {
    crate::rules::all()
        .iter()
        .map(|rule| rule.messages)
        .chain([
            i18n::MESSAGES,
            crate::diff::MESSAGES,
            crate::rounds::MESSAGES,
            crate::review::MESSAGES,
            crate::export::html::MESSAGES,
            crate::export::jsonld::MESSAGES,
        ])
        .collect()
});

/// The template of any key (the key itself when unknown).
pub fn template(lang: Lang, key: &str) -> &str {
    ALL.template(lang, key)
}

/// Any message in one language.
pub fn text(lang: Lang, message: &Message) -> String {
    ALL.text(lang, message)
}

/// Any keyed text without a `Message` value.
pub fn tr(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
    ALL.tr(lang, key, args)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

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
        for (key, zh, en) in ALL.entries() {
            assert_eq!(placeholders(zh), placeholders(en), "{key}");
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
        }
    }

    #[test]
    fn keys_are_unique() {
        let mut seen = HashSet::new();
        for (key, _, _) in ALL.entries() {
            assert!(seen.insert(key), "{key} twice");
        }
    }

    /// The table each part of the tree looks its keys up in: an area that
    /// renders text itself uses its own assembly, the rest `ALL`.
    fn table_of(file: &str) -> &'static Texts {
        if file.starts_with("export/html/") {
            &crate::export::html::TEXTS
        } else if file == "export/jsonld.rs" {
            &crate::export::jsonld::TEXTS
        } else if file == "export/tables.rs" {
            &i18n::GENERAL
        } else if file.starts_with("review/") {
            &crate::review::TEXTS
        } else {
            &ALL
        }
    }

    #[test]
    fn every_key_in_the_code_is_in_its_table() {
        // Message keys are written as string literals "area.name" in calls to
        // Message::new / tr; find them in the sources.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut pending = vec![root.clone()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let file = path.strip_prefix(&root).unwrap().to_string_lossy();
                let text = std::fs::read_to_string(&path).unwrap();
                // A Message is rendered by whoever shows it: any table.
                for part in text.split("Message::new(\"").skip(1) {
                    let key = part.split('"').next().unwrap();
                    if !ALL.contains(key) {
                        missing.push(format!("{file}: {key}"));
                    }
                }
                for call in [
                    "tr(lang, \"",
                    "tr(self.lang, \"",
                    "tr(ctx.lang, \"",
                    "tr(words.lang, \"",
                    "tr(site.lang, \"",
                    ".tr(\"",
                ] {
                    for part in text.split(call).skip(1) {
                        let key = part.split('"').next().unwrap();
                        if !table_of(&file).contains(key) {
                            missing.push(format!("{file}: {key}"));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys without text: {missing:?}");
    }

    #[test]
    fn fills_rule_messages_by_language() {
        let m = Message::new("missing.element").localized("element", "受理单位", "accepting unit");
        assert_eq!(text(Lang::Zh, &m), "办事指南类事项缺少「受理单位」");
        assert_eq!(
            text(Lang::En, &m),
            "the service guide lacks its accepting unit"
        );
    }
}
