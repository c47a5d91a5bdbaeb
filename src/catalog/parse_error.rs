//! `parse-error`: a file that is not YAML, not UTF-8, binary, over 1 MiB, or
//! not a file at all. Such a file is not checked further; the others are.

use crate::finding::{Finding, Message, Severity};
use crate::source::{ReadProblem, SpecialKind};
use crate::yaml::{Span, YamlError, YamlErrorKind};

use crate::finding::Rule;

pub static RULE: Rule = Rule {
    id: "parse-error",
    default_severity: Severity::Error,
    can_be_silenced: false,
    summary_zh: "文件不是合法的 YAML、不是 UTF-8 文本、是二进制文件或超过 1 MiB",
    summary_en: "a file that is not YAML, not UTF-8, binary, or over 1 MiB",
    messages: &[
        ("parse.missing", "文件不存在", "the file does not exist"),
        (
            "parse.too_large",
            "文件过大（{bytes} 字节，上限 1 MiB），未解析",
            "the file is too large ({bytes} bytes, limit 1 MiB) and was not parsed",
        ),
        (
            "parse.binary",
            "文件是二进制文件，不是 YAML 文本",
            "the file is binary, not YAML text",
        ),
        (
            "parse.not_utf8",
            "文件不是 UTF-8 编码（第 {line} 行起无法识别）；请另存为 UTF-8",
            "the file is not UTF-8 (unreadable from line {line}); save it as UTF-8",
        ),
        (
            "parse.not_a_file",
            "这是一个目录，不是事项文件",
            "this is a folder, not an item file",
        ),
        (
            "parse.fifo",
            "这是一个命名管道（FIFO），不是普通文件，未读取",
            "this is a named pipe (FIFO), not a regular file, and was not read",
        ),
        (
            "parse.socket",
            "这是一个套接字，不是普通文件，未读取",
            "this is a socket, not a regular file, and was not read",
        ),
        (
            "parse.device",
            "这是一个设备文件，不是普通文件，未读取",
            "this is a device, not a regular file, and was not read",
        ),
        (
            "parse.special",
            "这不是普通文件，未读取",
            "this is not a regular file and was not read",
        ),
        (
            "parse.outside_link",
            "符号链接指向清单文件夹之外，未跟随、未读取",
            "the symbolic link leads outside the catalog folder; it was neither followed nor read",
        ),
        (
            "parse.unreadable_folder",
            "无法读取这个文件夹（没有权限？），其中的文件未检查；其余照常检查",
            "cannot list this folder (no permission?); the files in it were not checked, the rest were",
        ),
        (
            "parse.bad_name",
            "文件名不是 UTF-8 编码，无法作为清单文件读取；请重命名",
            "the file name is not UTF-8 and cannot be read as a catalog file; rename it",
        ),
        (
            "parse.dangling_link",
            "符号链接指向的文件不存在",
            "the symbolic link leads to no file",
        ),
        (
            "parse.io",
            "无法读取文件：{error}",
            "cannot read the file: {error}",
        ),
        (
            "parse.syntax",
            "YAML 语法错误：{detail}",
            "YAML syntax error: {detail}",
        ),
        (
            "parse.too_deep",
            "YAML 嵌套层级过深",
            "the YAML is nested too deeply",
        ),
        (
            "parse.too_many_nodes",
            "YAML 别名展开后内容过多（疑似别名炸弹），未解析",
            "the YAML grows too large when its aliases are expanded (an alias bomb?) and was not parsed",
        ),
        (
            "parse.too_many_values",
            "YAML 中的值超过上限（{limit} 个），未解析",
            "the YAML holds more values than the limit ({limit}) and was not parsed",
        ),
        (
            "parse.multiple_documents",
            "一个文件只能包含一个 YAML 文档",
            "a file may hold only one YAML document",
        ),
        (
            "parse.unknown_anchor",
            "引用了未定义的锚点",
            "an alias refers to an undefined anchor",
        ),
        (
            "parse.complex_key",
            "键必须是文本",
            "a key must be plain text",
        ),
        ("parse.empty", "文件为空", "the file is empty"),
    ],
};

/// A file whose text could not be read.
pub fn unreadable(file: &str, problem: &ReadProblem) -> Finding {
    let message = match problem {
        ReadProblem::Missing => Message::new("parse.missing"),
        ReadProblem::TooLarge { bytes } => Message::new("parse.too_large").arg("bytes", *bytes),
        ReadProblem::Binary => Message::new("parse.binary"),
        ReadProblem::NotUtf8 { line } => Message::new("parse.not_utf8").arg("line", *line as u64),
        ReadProblem::NotAFile => Message::new("parse.not_a_file"),
        ReadProblem::NotRegular(kind) => Message::new(match kind {
            SpecialKind::Fifo => "parse.fifo",
            SpecialKind::Socket => "parse.socket",
            SpecialKind::Device => "parse.device",
            SpecialKind::Other => "parse.special",
        }),
        ReadProblem::DanglingLink => Message::new("parse.dangling_link"),
        ReadProblem::OutsideCatalog => Message::new("parse.outside_link"),
        ReadProblem::UnreadableFolder => Message::new("parse.unreadable_folder"),
        ReadProblem::BadName => Message::new("parse.bad_name"),
        ReadProblem::Io(error) => Message::new("parse.io").arg("error", error.as_str()),
    };
    let finding = Finding::new(&RULE, message).in_file(file);
    match problem {
        ReadProblem::NotUtf8 { line } => finding.at("", None).with_line(*line),
        _ => finding,
    }
}

/// A text that is not one YAML document.
pub fn invalid_yaml(file: &str, error: &YamlError) -> Finding {
    let message = match &error.kind {
        YamlErrorKind::Syntax(detail) => {
            Message::new("parse.syntax").arg("detail", detail.as_str())
        }
        YamlErrorKind::TooDeep => Message::new("parse.too_deep"),
        YamlErrorKind::TooManyNodes => Message::new("parse.too_many_nodes"),
        YamlErrorKind::TooManyValues => {
            Message::new("parse.too_many_values").arg("limit", crate::yaml::MAX_NODES as u64)
        }
        YamlErrorKind::MultipleDocuments => Message::new("parse.multiple_documents"),
        YamlErrorKind::UnknownAnchor => Message::new("parse.unknown_anchor"),
        YamlErrorKind::ComplexKey => Message::new("parse.complex_key"),
    };
    Finding::new(&RULE, message).in_file(file).at_span(Span {
        start: error.pos,
        len: 0,
    })
}

/// A file with no YAML document in it.
pub fn empty(file: &str) -> Finding {
    Finding::new(&RULE, Message::new("parse.empty")).in_file(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Location;

    #[test]
    fn positions_come_from_the_parser() {
        let err = crate::yaml::parse("a: [1\n").unwrap_err();
        let f = invalid_yaml("items/x/a.yaml", &err);
        assert_eq!(f.rule, "parse-error");
        assert!(matches!(f.location, Some(Location::Text(_))));
    }

    #[test]
    fn well_formed_files_are_clean() {
        let c = crate::catalog::tests::catalog_with(&[(
            "items/wsjw/a.yaml",
            crate::catalog::tests::GUIDE_ITEM,
        )]);
        assert_eq!(c.records().count(), 1);
        let (_, findings) =
            crate::validate::validate(&one_file(crate::catalog::tests::GUIDE_ITEM), &[]).unwrap();
        assert!(findings.findings.iter().all(|f| f.rule != RULE.id));
    }

    fn one_file(text: &str) -> crate::source::MemorySource {
        let mut source = crate::source::MemorySource::new();
        source.insert("catalog.yaml", "region: {code: \"330399\", name: x}\n");
        source.insert("departments.yaml", crate::catalog::tests::REGISTER);
        source.insert("items/wsjw/a.yaml", text);
        source
    }

    #[test]
    fn hostile_texts_are_parse_errors() {
        for text in ["a: [1\n", "", "a: 1\n---\nb: 2\n", "a: *nothing\n"] {
            let (_, report) = crate::validate::validate(&one_file(text), &[]).unwrap();
            assert_eq!(report.findings.len(), 1, "{text:?}");
            assert_eq!(report.findings[0].rule, RULE.id, "{text:?}");
        }
    }

    #[test]
    fn non_utf8_names_its_line() {
        let f = unreadable("items/x/a.yaml", &ReadProblem::NotUtf8 { line: 4 });
        assert_eq!(f.location.unwrap().line(), 4);
        assert_eq!(f.message.key, "parse.not_utf8");
    }
}
