//! Messages of reports and commands: key, Simplified Chinese, English.
//! Placeholders are `{name}`; both languages must use the same ones
//! (tested). Each rule keeps its own messages beside its check.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Reports.
    ("severity.error", "错误", "error"),
    ("severity.warning", "警告", "warning"),
    ("report.summary", "{items} 个事项，{errors} 个错误，{warnings} 个警告", "{items} items, {errors} errors, {warnings} warnings"),
    ("report.catalog_unusable", "无法读取清单", "the catalog cannot be read"),
    ("report.at_line", "第 {line} 行", "line {line}"),
    // Commands.
    ("cli.error", "错误：", "error: "),
    ("cli.init.done", "已在 {dir} 新建清单：{files} 个文件。下一步：qingdan -C {dir} validate", "created a catalog in {dir}: {files} files. Next: qingdan -C {dir} validate"),
    ("cli.init.exists", "{path} 已存在；如确需覆盖，请加 --force", "{path} already exists; add --force to replace it"),
    ("cli.write_failed", "无法写入 {path}：{error}", "cannot write {path}: {error}"),
    ("cli.path_outside", "{path} 不在清单目录 {catalog} 内", "{path} is not inside the catalog folder {catalog}"),
    ("cli.no_such_path", "{path} 不存在", "{path} does not exist"),
];
