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
    // Item workbooks (template, import).
    ("import.unreadable_workbook", "无法作为 xlsx 工作簿打开：{error}", "cannot be opened as an xlsx workbook: {error}"),
    ("import.no_items_sheet", "工作簿中没有「事项」工作表（也可用英文名 Items）", "the workbook has no 事项 (Items) sheet"),
    ("import.unknown_header", "未知的列「{header}」，已忽略", "unknown column `{header}`, ignored"),
    ("import.duplicate_header", "列「{header}」重复出现，只读取第一列", "column `{header}` appears twice; only the first is read"),
    ("import.missing_columns", "缺少必填列：{columns}；本工作表未导入", "required columns missing: {columns}; this sheet was not imported"),
    ("import.required_cell", "「{column}」为必填，此行未导入", "{column} is required; the row was not imported"),
    ("import.unreadable_cell", "「{column}」单元格是{what}，无法读取，请改为文本；此行未导入", "the {column} cell holds {what} and cannot be read; write it as text. The row was not imported"),
    ("import.code_is_number", "「{column}」是数字单元格（{value}），编码可能已丢失位数或前导零；请将单元格设为文本格式后重新填写，此行未导入", "the {column} cell is a number ({value}): a code may have lost digits or leading zeros. Format the cell as text and type it again; the row was not imported"),
    ("import.bad_choice", "「{value}」不是「{column}」的可选值，可选：{allowed}；此行未导入", "`{value}` is not a value of {column}; one of: {allowed}. The row was not imported"),
    ("import.bad_bool", "「{column}」应填「是」或「否」，而不是「{value}」；此行未导入", "{column} takes Yes or No, not `{value}`; the row was not imported"),
    ("import.bad_number", "「{column}」应为不小于 {min} 的整数，而不是「{value}」；此行未导入", "{column} must be a whole number of at least {min}, not `{value}`; the row was not imported"),
    ("import.fee_needs_charged", "填写了收费标准、收费依据或政府定价时，「{column}」为必填；此行未导入", "{column} is required when the fee standard, basis or government pricing is given; the row was not imported"),
    ("import.unsafe_department", "实施主体 id「{department}」不能用作目录名（应为小写字母、数字、- 或 _）；此行未导入", "department id `{department}` cannot be a folder name (lower-case letters, digits, - or _); the row was not imported"),
    ("import.duplicate_seq", "序号「{seq}」与第 {row} 行重复，此行未导入", "No. `{seq}` repeats row {row}; the row was not imported"),
    ("import.no_item_for_seq", "「事项」表中没有序号为「{seq}」的事项，此行未导入", "no item with No. `{seq}` in the Items sheet; the row was not imported"),
    ("import.duplicate_row", "与 {first} 行是同一事项，此行未导入", "the same item as row {first}; the row was not imported"),
    ("import.unknown_code", "清单中没有编码为「{code}」的事项；新事项请将事项编码留空（由 qingdan code 赋码），此行未导入", "no item has the code `{code}`; leave the code empty for a new item (qingdan code gives codes). The row was not imported"),
    ("import.not_a_record", "此行不能成为事项：{detail}", "the row cannot become an item: {detail}"),
    ("import.exists", "清单中已有此事项（{file}）；如需用表格内容更新，请加 --force。此行未导入", "the item exists ({file}); add --force to update it from the workbook. The row was not imported"),
    ("import.existing_unreadable", "清单中的对应事项文件 {file} 无法读取，请先修正该文件；此行未导入", "the matching item file {file} cannot be read; fix it first. The row was not imported"),
    ("import.department_differs", "对应的事项文件 {file} 属于其他实施主体，表格中为「{department}」；导入不移动事项，此行未导入", "the matching item file {file} belongs to another department, the row says `{department}`; import does not move items. The row was not imported"),
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
    ("cli.git.read", "读取 git 仓库失败：{error}", "cannot read the git repository: {error}"),
];
