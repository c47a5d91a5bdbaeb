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
    // qingdan code.
    ("code.edit.not_a_mapping", "文件不是一个 YAML 映射，无法写入事项编码", "the file is not one YAML mapping; the code cannot be written"),
    ("code.edit.layout", "文件的排版无法安全地插入事项编码（第一个键与其他内容同行）；请手工整理后重试", "the code cannot be inserted safely (the first key shares its line); tidy the file and retry"),
    ("code.edit.verify", "写入事项编码后文件内容会改变，已放弃写入", "writing the code would change the record; nothing was written"),
    ("code.renumber.not_found", "没有事项使用编码「{code}」", "no item has code `{code}`"),
    ("code.renumber.single", "只有一个事项使用编码「{code}」；编码一经赋予不再改变，--renumber 只用于两个事项撞号", "only one item has code `{code}`; a code never changes, --renumber is for two items that share one"),
    ("code.renumber.no_owner", "无法根据 codes.ledger 判断哪个事项先获得编码「{code}」", "codes.ledger does not tell which item got `{code}` first"),
    ("code.renumber.published", "编码「{code}」已随 {tag} 公布，不能重新编码", "code `{code}` was published with {tag} and cannot be renumbered"),
    ("cli.code.done", "已为 {count} 个事项赋予编码，并登记在 codes.ledger 中", "gave {count} items their codes and recorded them in codes.ledger"),
    ("cli.code.dry_run", "试运行：将为 {count} 个事项赋予编码（未写入任何文件）", "dry run: {count} items would get codes (nothing written)"),
    ("cli.code.nothing", "没有需要编码的事项", "no item needs a code"),
    ("cli.code.col.code", "事项编码", "Code"),
    ("cli.code.col.previous", "原编码", "Previous code"),
    ("cli.code.col.department", "实施主体", "Department"),
    ("cli.code.col.name", "事项名称", "Name"),
    ("cli.code.col.file", "文件", "File"),
    ("cli.read_failed", "无法读取 {path}：{error}", "cannot read {path}: {error}"),
    ("cli.no_such_path", "{path} 不存在", "{path} does not exist"),
    ("cli.git.not_a_repository", "{path} 不在 git 仓库中：{error}", "{path} is not in a git repository: {error}"),
    ("cli.git.unknown_revision", "未知的 git 版本「{rev}」", "unknown git revision `{rev}`"),
    ("cli.git.no_catalog", "版本「{rev}」中没有清单目录 {path}", "revision `{rev}` has no catalog folder {path}"),
    ("cli.git.read", "读取 git 仓库失败：{error}", "cannot read the git repository: {error}"),
];
