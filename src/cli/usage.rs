//! clap's own errors (a missing argument, a bad value…) in the user's
//! language. clap words them in English only; its error kind and context
//! (the argument, the value, the valid values, the usage line) are rendered
//! here from a zh/en table, in the shape of every other `qingdan:` error.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use qingdan::i18n::Lang;

/// The texts of this module: key, Chinese, English. `{arg}`, `{value}`,
/// `{valid}`, `{prior}`, `{detail}` are filled from clap's context.
const TEXTS: &[(&str, &str, &str)] = &[
    ("prefix", "qingdan: 错误：", "qingdan: error: "),
    (
        "invalid_value",
        "{arg} 的值「{value}」无效",
        "invalid value '{value}' for {arg}",
    ),
    (
        "valid_values",
        "；可选：{valid}",
        "; possible values: {valid}",
    ),
    (
        "value_validation",
        "{arg} 的值「{value}」无效：{detail}",
        "invalid value '{value}' for {arg}: {detail}",
    ),
    (
        "unknown_argument",
        "不认识的参数 {arg}",
        "unexpected argument '{arg}'",
    ),
    (
        "invalid_subcommand",
        "没有 {arg} 这个命令",
        "unrecognized subcommand '{arg}'",
    ),
    ("suggest", "；是不是 {value}？", "; did you mean {value}?"),
    (
        "missing_argument",
        "缺少必需的参数：{arg}",
        "the following required arguments were not provided: {arg}",
    ),
    (
        "missing_subcommand",
        "{arg} 需要一个命令：{valid}",
        "'{arg}' requires a subcommand: {valid}",
    ),
    (
        "conflict",
        "{arg} 不能与 {prior} 同时使用",
        "the argument {arg} cannot be used with {prior}",
    ),
    (
        "no_equals",
        "{arg} 的值要用等号给出：{arg}=…",
        "equal sign is needed when assigning values to {arg}",
    ),
    (
        "repeated",
        "{arg} 只能给一次",
        "the argument {arg} cannot be used multiple times",
    ),
    (
        "too_many_values",
        "{arg} 多出了值「{value}」",
        "unexpected value '{value}' for {arg}",
    ),
    (
        "number_of_values",
        "{arg} 的值的个数不对",
        "wrong number of values for {arg}",
    ),
    (
        "invalid_utf8",
        "参数不是有效的 UTF-8 文本：{detail}",
        "an argument is not valid UTF-8: {detail}",
    ),
    ("other", "参数有误：{detail}", "bad arguments: {detail}"),
    ("usage", "用法：", "Usage: "),
    (
        "try_help",
        "加 --help 查看帮助。",
        "For more information, try '--help'.",
    ),
    ("list_separator", "、", ", "),
];

fn text(lang: Lang, key: &str) -> &'static str {
    TEXTS
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, zh, en)| lang.pick(zh, en))
        .unwrap_or_else(|| unreachable!("usage text {key}"))
}

/// A template with its placeholders filled.
fn fill(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(text(lang, key).to_string(), |out, (name, value)| {
            out.replace(&format!("{{{name}}}"), value)
        })
}

/// The whole message for stderr: the error, the usage line, the hint. The
/// sentence quotes what was typed, escaped: an argument holding terminal
/// escapes (a pasted file name, a script's variable) is shown, not obeyed.
pub fn render(error: &clap::Error, lang: Lang) -> String {
    let sentence = sentence(error, lang);
    let sentence = qingdan::i18n::terminal_safe(&sentence);
    let mut out = format!("{}{sentence}", text(lang, "prefix"));
    if let Some(usage) = context(error, ContextKind::Usage, lang) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
        let usage = localize(usage, lang);
        out.push_str(&format!("\n\n{}{usage}", text(lang, "usage")));
    }
    out.push_str(&format!("\n\n{}\n", text(lang, "try_help")));
    out
}

/// clap's placeholders in a usage line, in Chinese where they are words
/// (value names such as `<FORMAT>` stay: they are what `--help` shows).
pub fn localize(usage: &str, lang: Lang) -> String {
    match lang {
        Lang::En => usage.to_string(),
        Lang::Zh => usage
            .replace("[OPTIONS]", "[选项]")
            .replace("<COMMAND>", "<命令>"),
    }
}

/// What went wrong, in one sentence.
fn sentence(error: &clap::Error, lang: Lang) -> String {
    let get = |kind| context(error, kind, lang).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let with = |key: &str| {
        fill(
            lang,
            key,
            &[("arg", &arg), ("value", &value), ("detail", &detail(error))],
        )
    };
    match error.kind() {
        ErrorKind::InvalidValue => {
            let mut out = with("invalid_value");
            let valid = get(ContextKind::ValidValue);
            if !valid.is_empty() {
                out.push_str(&fill(lang, "valid_values", &[("valid", &valid)]));
            }
            out + &suggestion(error, lang, ContextKind::SuggestedValue)
        }
        ErrorKind::ValueValidation => with("value_validation"),
        ErrorKind::UnknownArgument => {
            with("unknown_argument") + &suggestion(error, lang, ContextKind::SuggestedArg)
        }
        ErrorKind::InvalidSubcommand => {
            let arg = get(ContextKind::InvalidSubcommand);
            fill(lang, "invalid_subcommand", &[("arg", &arg)])
                + &suggestion(error, lang, ContextKind::SuggestedSubcommand)
        }
        ErrorKind::MissingRequiredArgument => with("missing_argument"),
        ErrorKind::MissingSubcommand => {
            let arg = get(ContextKind::InvalidSubcommand);
            let valid = get(ContextKind::ValidSubcommand);
            fill(
                lang,
                "missing_subcommand",
                &[("arg", &arg), ("valid", &valid)],
            )
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior == arg {
                // clap's way of saying an argument was given twice.
                with("repeated")
            } else {
                fill(lang, "conflict", &[("arg", &arg), ("prior", &prior)])
            }
        }
        ErrorKind::NoEquals => with("no_equals"),
        ErrorKind::TooManyValues => with("too_many_values"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => with("number_of_values"),
        ErrorKind::InvalidUtf8 => with("invalid_utf8"),
        _ => with("other"),
    }
}

/// `；是不是 --format？` when clap has a suggestion.
fn suggestion(error: &clap::Error, lang: Lang, kind: ContextKind) -> String {
    match context(error, kind, lang) {
        Some(value) if !value.is_empty() => fill(lang, "suggest", &[("value", &value)]),
        _ => String::new(),
    }
}

/// clap's own wording of the cause, for kinds that carry one (a value
/// parser's message, an I/O error): the source error, else its first line.
fn detail(error: &clap::Error) -> String {
    if let Some(source) = std::error::Error::source(error) {
        return source.to_string();
    }
    let plain = error.render().to_string();
    let first = plain.lines().next().unwrap_or_default();
    first
        .strip_prefix("error: ")
        .unwrap_or(first)
        .trim()
        .to_string()
}

/// One context value as plain text; lists joined in the language's way.
fn context(error: &clap::Error, kind: ContextKind, lang: Lang) -> Option<String> {
    let joined = |items: Vec<String>| items.join(text(lang, "list_separator"));
    Some(match error.get(kind)? {
        ContextValue::None => String::new(),
        ContextValue::Bool(b) => b.to_string(),
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => joined(list.clone()),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => joined(list.iter().map(|s| s.to_string()).collect()),
        ContextValue::Number(n) => n.to_string(),
        _ => String::new(),
    })
}
