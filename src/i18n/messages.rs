//! Messages of reports and commands: key, Simplified Chinese, English.
//! Placeholders are `{name}`; both languages must use the same ones
//! (tested). Each rule keeps its own messages beside its check.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Reports.
    ("severity.error", "错误", "error"),
    ("severity.warning", "警告", "warning"),
    ("report.summary", "{items} 个事项，{errors} 个错误，{warnings} 个警告", "{items} items, {errors} errors, {warnings} warnings"),
    ("rule.help.silenceable", "如确有理由不适用，可在事项的 ignore 中写明规则 {rule} 和理由（reason），或在 catalog.yaml 的 rules 中调整级别", "If it truly does not apply, list {rule} with a reason under the item's ignore, or change its level under rules in catalog.yaml"),
    ("rule.help.gate", "此规则不能关闭或忽略：一报关口依赖它", "This rule cannot be switched off or ignored: the report-1 gate stands on it"),
    // Commands.
    ("cli.error", "错误：", "error: "),
    ("cli.init.done", "已在 {dir} 新建清单：{files} 个文件。下一步：qingdan -C {dir} validate", "created a catalog in {dir}: {files} files. Next: qingdan -C {dir} validate"),
    ("cli.init.exists", "{path} 已存在；如确需覆盖，请加 --force", "{path} already exists; add --force to replace it"),
    ("cli.write_failed", "无法写入 {path}：{error}", "cannot write {path}: {error}"),
    ("cli.path_outside", "{path} 不在清单目录 {catalog} 内", "{path} is not inside the catalog folder {catalog}"),
    ("cli.no_such_path", "{path} 不存在", "{path} does not exist"),
    ("cli.git.not_a_repository", "{path} 不在 git 仓库中：{error}", "{path} is not in a git repository: {error}"),
    ("cli.git.unknown_revision", "未知的 git 版本「{rev}」", "unknown git revision `{rev}`"),
    ("cli.git.no_catalog", "版本「{rev}」中没有清单目录 {path}", "revision `{rev}` has no catalog folder {path}"),
    // diff.
    ("diff.deleted", "事项文件已删除：已公布的事项只能取消（status: cancelled），不能删除文件", "the item file was deleted: published items are cancelled (status: cancelled), never deleted"),
    ("cli.git.read", "读取 git 仓库失败：{error}", "cannot read the git repository: {error}"),
];
