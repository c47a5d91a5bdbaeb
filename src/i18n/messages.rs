//! Messages of reports and commands: key, Simplified Chinese, English.
//! Placeholders are `{name}`; both languages must use the same ones
//! (tested). Each rule keeps its own messages beside its check.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Reports.
    ("severity.error", "错误", "error"),
    ("severity.warning", "警告", "warning"),
    (
        "report.summary",
        "{items} 个事项，{errors} 个错误，{warnings} 个警告",
        "{items} {items:item|items}, {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}",
    ),
    (
        "report.omitted",
        "本文件另有 {count} 个「{rule}」问题未列出（可用 --max-per-file 调整上限）",
        "{count} more `{rule}` findings in this file are not listed (see --max-per-file)",
    ),
    (
        "rule.help.silenceable",
        "如确有理由不适用，可在事项的 ignore 中写明规则 {rule} 和理由（reason），或在 catalog.yaml 的 rules 中调整级别",
        "If it truly does not apply, list {rule} with a reason under the item's ignore, or change its level under rules in catalog.yaml",
    ),
    (
        "rule.help.gate",
        "此规则不能关闭或忽略：一报关口依赖它",
        "This rule cannot be switched off or ignored: the report-1 gate stands on it",
    ),
    // Item workbooks (template, import).
    (
        "import.workbook_unpacks_too_large",
        "工作簿解压后共 {bytes} 字节，超过上限 {limit} 字节（疑似压缩炸弹），未读取",
        "the workbook unpacks to {bytes} bytes, over the limit of {limit} (a zip bomb?), and was not read",
    ),
    (
        "import.unreadable_workbook",
        "无法作为 xlsx 工作簿打开：{error}",
        "cannot be opened as an xlsx workbook: {error}",
    ),
    (
        "import.unreadable_file",
        "无法读取：{error}",
        "cannot be read: {error}",
    ),
    (
        "import.xls_workbook",
        "这是旧版 Excel 97-2003（.xls）文件；请在 Excel 中另存为 .xlsx（或 CSV）后再导入",
        "this is an Excel 97-2003 (.xls) file; save it as .xlsx (or csv) in Excel and import that",
    ),
    (
        "import.csv_encoding",
        "CSV 文件既不是 UTF-8 也不是 GB18030/GBK 编码（按 {encoding} 读取时出错）；请在 Excel 中另存为「CSV UTF-8」",
        "the csv file is neither UTF-8 nor GB18030/GBK (reading it as {encoding} failed); save it as CSV UTF-8 in Excel",
    ),
    (
        "import.unreadable_csv",
        "无法读取 CSV 文件：{error}",
        "cannot read the csv file: {error}",
    ),
    (
        "import.no_items_sheet",
        "工作簿中没有「事项」工作表（也可用英文名 Items）；工作簿中的工作表：{sheets}",
        "the workbook has no 事项 (Items) sheet; its sheets: {sheets}",
    ),
    (
        "import.broken_sheet",
        "工作表无法读取（{error}），已跳过；其事项的这部分内容保持不变",
        "the sheet cannot be read ({error}) and was skipped; its items keep what they have of it",
    ),
    (
        "import.unknown_header",
        "未知的列「{header}」，已忽略",
        "unknown column `{header}`, ignored",
    ),
    (
        "import.duplicate_header",
        "列「{header}」重复出现，只读取第一列",
        "column `{header}` appears twice; only the first is read",
    ),
    (
        "import.more_unknown_headers",
        "另有 {count} 个未知的列，已忽略",
        "{count} more unknown {count:column|columns}, ignored",
    ),
    (
        "import.control_character",
        "「{column}」含有控制字符 {char}（可能是终端转义序列），未导入：{value}",
        "{column} holds the control character {char} (a terminal escape?) and was not imported: {value}",
    ),
    (
        "import.too_many_rows",
        "工作表的行数超过上限（{limit} 行，可用 --max-rows 调整），从第 {row} 行起未读取",
        "the sheet has more rows than the limit ({limit}, see --max-rows); rows from {row} on were not read",
    ),
    (
        "import.too_many_cells",
        "工作表的单元格数超过上限（{limit} 个，可用 --max-cells 调整），从第 {row} 行起未读取",
        "the sheet has more cells than the limit ({limit}, see --max-cells); rows from {row} on were not read",
    ),
    (
        "import.not_regular",
        "不是普通文件（设备、命名管道、套接字或文件夹），未读取",
        "not a regular file (a device, named pipe, socket or folder); it was not read",
    ),
    (
        "import.input_too_large",
        "文件过大（{bytes} 字节，上限 {limit} 字节），未读取",
        "the file is too large ({bytes} bytes, limit {limit}) and was not read",
    ),
    (
        "import.beyond_last_column",
        "工作表在 XFD 列（Excel 的最后一列）之后还有单元格，已忽略",
        "the sheet has cells beyond column XFD, Excel's last; they were ignored",
    ),
    (
        "import.merged_header",
        "表头 {cells} 是合并单元格：只有第一列有列名，其余列未读取；请取消合并，每列写一个列名",
        "header cells {cells} are merged: only the first column has a name and the others were not read; unmerge them, one name a column",
    ),
    (
        "import.merged_filled",
        "{cells} 是合并单元格，已将其内容用于合并范围内的每一行",
        "cells {cells} are merged; their value was used for every row they cover",
    ),
    (
        "import.merged_cells",
        "{cells} 是跨列的合并单元格，只读取了第一个单元格",
        "cells {cells} are merged across columns; only the first cell was read",
    ),
    (
        "import.formula_value",
        "单元格是公式「{formula}」，已读取其计算结果「{value}」；请核对，最好直接填写内容",
        "the cell holds the formula `{formula}`; its computed value `{value}` was read. Check it; better type the value",
    ),
    (
        "import.date_cell",
        "「{column}」单元格是日期（{value}），不是文本；请将单元格设为文本格式后重新填写，此行未导入",
        "the {column} cell is a date ({value}), not text; format the cell as text and type it again. The row was not imported",
    ),
    (
        "import.number_lost_digits",
        "「{column}」是超过 15 位的数字单元格（{value}），Excel 只保留 15 位有效数字，内容已丢失位数；请将单元格设为文本格式后重新填写，此行未导入",
        "the {column} cell is a number of more than 15 digits ({value}): Excel keeps 15, so digits were lost. Format the cell as text and type it again; the row was not imported",
    ),
    (
        "import.missing_columns",
        "缺少必填列：{columns}；本工作表未导入",
        "required columns missing: {columns}; this sheet was not imported",
    ),
    (
        "import.required_cell",
        "「{column}」为必填，此行未导入",
        "{column} is required; the row was not imported",
    ),
    (
        "import.unreadable_cell",
        "「{column}」单元格是{what}，无法读取，请改为文本；此行未导入",
        "the {column} cell holds {what} and cannot be read; write it as text. The row was not imported",
    ),
    (
        "import.code_is_number",
        "「{column}」是数字单元格（{value}），编码可能已丢失位数或前导零；请将单元格设为文本格式后重新填写，此行未导入",
        "the {column} cell is a number ({value}): a code may have lost digits or leading zeros. Format the cell as text and type it again; the row was not imported",
    ),
    (
        "import.bad_choice",
        "「{value}」不是「{column}」的可选值，可选：{allowed}；此行未导入",
        "`{value}` is not a value of {column}; one of: {allowed}. The row was not imported",
    ),
    (
        "import.bad_bool",
        "「{column}」应填「是」或「否」，而不是「{value}」；此行未导入",
        "{column} takes Yes or No, not `{value}`; the row was not imported",
    ),
    (
        "import.bad_number",
        "「{column}」应为不小于 {min} 的整数，而不是「{value}」；此行未导入",
        "{column} must be a whole number of at least {min}, not `{value}`; the row was not imported",
    ),
    (
        "import.fee_needs_charged",
        "填写了收费标准、收费依据或政府定价时，「{column}」为必填；此行未导入",
        "{column} is required when the fee standard, basis or government pricing is given; the row was not imported",
    ),
    (
        "import.unsafe_department",
        "实施主体 id「{department}」不能用作目录名（应为小写字母、数字、- 或 _）；此行未导入",
        "department id `{department}` cannot be a folder name (lower-case letters, digits, - or _); the row was not imported",
    ),
    (
        "import.duplicate_seq",
        "序号「{seq}」与第 {row} 行重复，此行未导入",
        "No. `{seq}` repeats row {row}; the row was not imported",
    ),
    (
        "import.no_item_for_seq",
        "「事项」表中没有序号为「{seq}」的事项，此行未导入",
        "no item with No. `{seq}` in the Items sheet; the row was not imported",
    ),
    (
        "import.duplicate_row",
        "与 {first} 是同一事项，此行未导入",
        "the same item as {first}; the row was not imported",
    ),
    (
        "import.unknown_code",
        "清单中没有编码为「{code}」的事项；新事项请将事项编码留空（由 qingdan code 赋码），此行未导入",
        "no item has the code `{code}`; leave the code empty for a new item (qingdan code gives codes). The row was not imported",
    ),
    (
        "import.not_a_record",
        "此行不能成为事项：{detail}",
        "the row cannot become an item: {detail}",
    ),
    (
        "import.needs_force",
        "{workbook} 的 {count} 行事项都已在清单中，均未导入：这是从清单导出或预填的表格，如需用表格内容更新这些事项，请加 --force",
        "all {count} item rows of {workbook} are items the catalog has, none imported: a workbook exported or pre-filled from the catalog updates them with --force",
    ),
    (
        "import.exists",
        "清单中已有此事项（{file}）；如需用表格内容更新，请加 --force。此行未导入",
        "the item exists ({file}); add --force to update it from the workbook. The row was not imported",
    ),
    (
        "import.existing_unreadable",
        "清单中的对应事项文件 {file} 无法读取，请先修正该文件；此行未导入",
        "the matching item file {file} cannot be read; fix it first. The row was not imported",
    ),
    (
        "import.department_differs",
        "对应的事项文件 {file} 属于其他实施主体，表格中为「{department}」；导入不移动事项，此行未导入",
        "the matching item file {file} belongs to another department, the row says `{department}`; import does not move items. The row was not imported",
    ),
    // Commands.
    ("cli.error", "错误：", "error: "),
    (
        "cli.validate.registers_absent",
        "说明：清单没有{registers}（registers/ 下无此文件），依赖它们的规则未检查",
        "note: the catalog has no {registers} (no such file in registers/); the rules that need them did not run",
    ),
    (
        "cli.init.done",
        "已在 {dir} 新建清单：{files} 个文件。下一步：qingdan -C {dir} validate",
        "created a catalog in {dir}: {files} {files:file|files}. Next: qingdan -C {dir} validate",
    ),
    (
        "cli.init.exists",
        "{path} 已存在；如确需覆盖，请加 --force",
        "{path} already exists; add --force to replace it",
    ),
    (
        "cli.init.force_existing",
        "{dir} 已是一个清单：init 只补充缺少的文件，从不覆盖已有文件，不接受 --force",
        "{dir} is a catalog already: init only adds missing files and never replaces one; --force is refused",
    ),
    (
        "cli.init.added",
        "{dir} 已是一个清单，补充了 {files} 个缺少的文件：{names}",
        "{dir} is a catalog already; added {files} missing {files:file|files}: {names}",
    ),
    (
        "cli.init.gitignore_extended",
        "{path} 追加了临时文件和锁文件的忽略规则：{lines}",
        "{path} gained the ignore lines of temporary and lock files: {lines}",
    ),
    (
        "cli.init.pipeline_kept",
        "{path} 已存在，未改动（init 只补充缺少的文件）",
        "{path} exists and was left as it is (init only adds what is missing)",
    ),
    (
        "cli.round.unrecognised_tag",
        "警告：标签 {tag} 不是 qingdan 的轮次标签（轮次名称或公布日期不对），未计入轮次",
        "warning: the tag {tag} is no qingdan round tag (a wrong round name or a publication date that does not exist); it is left out of the rounds",
    ),
    (
        "cli.init.complete",
        "{dir} 已是一个完整的清单，没有需要补充的文件",
        "{dir} is a complete catalog; nothing to add",
    ),
    (
        "cli.lock.held",
        "清单正由另一个命令修改：qingdan {command}（进程 {pid}，主机 {host}，开始于 {started}），等待 {seconds} 秒后仍未结束；请待其完成后重试",
        "another command is changing the catalog: qingdan {command} (process {pid} on {host}, started {started}); it did not finish within {seconds} s. Try again when it is done",
    ),
    (
        "cli.lock.held_unknown",
        "清单正由另一个命令修改（锁文件 {path}），等待 {seconds} 秒后仍未结束；请待其完成后重试",
        "another command is changing the catalog (lock file {path}); it did not finish within {seconds} s. Try again when it is done",
    ),
    (
        "cli.lock.failed",
        "无法锁定清单（{path}）：{error}",
        "cannot lock the catalog ({path}): {error}",
    ),
    (
        "cli.lock.stale",
        "qingdan: 接管了被中断的命令留下的锁：qingdan {command}（进程 {pid}，开始于 {started}）；清除了 {removed} 个遗留的临时文件",
        "qingdan: took over the lock left by an interrupted command: qingdan {command} (process {pid}, started {started}); removed {removed} leftover temporary {removed:file|files}",
    ),
    (
        "cli.output_in_catalog",
        "{path} 在清单目录 {catalog} 内或包含该目录：输出从不写入清单，加 --force 也不行；请写到清单目录之外",
        "{path} is inside the catalog folder {catalog} or contains it: outputs are never written into a catalog, --force or not; write it outside the catalog",
    ),
    (
        "cli.not_a_catalog",
        "{path} 不是清单目录（其中没有 catalog.yaml）",
        "{path} is not a catalog folder (it has no catalog.yaml)",
    ),
    (
        "cli.write_failed",
        "无法写入 {path}：{error}",
        "cannot write {path}: {error}",
    ),
    (
        "cli.template.done",
        "已写入 {file}：事项、申请材料、办理流程、办理地点、收费项目五张工作表，实施主体下拉列表含 {departments} 个单位",
        "wrote {file}: sheets Items, Materials, Steps, Locations and Charges; the department list holds {departments} {departments:department|departments}",
    ),
    (
        "cli.template.done_prefilled",
        "已写入 {file}：{department} 的 {items} 个有效事项，修改后用 qingdan import {file} --force 导回",
        "wrote {file}: the {items} active items of {department}; edit it, then qingdan import {file} --force",
    ),
    (
        "cli.template.unknown_department",
        "departments.yaml 中没有 id 为「{department}」的实施主体",
        "departments.yaml lists no department with id `{department}`",
    ),
    (
        "cli.import.created",
        "新建 {file}（{from}）",
        "created {file} ({from})",
    ),
    (
        "cli.import.updated",
        "更新 {file}（{from}）",
        "updated {file} ({from})",
    ),
    (
        "cli.import.would_create",
        "将新建 {file}（{from}）",
        "would create {file} ({from})",
    ),
    (
        "cli.import.would_update",
        "将更新 {file}（{from}）",
        "would update {file} ({from})",
    ),
    (
        "cli.import.unchanged",
        "未变 {file}（{from}）",
        "unchanged {file} ({from})",
    ),
    (
        "cli.import.summary",
        "导入：新建 {created} 个，更新 {updated} 个，未变 {unchanged} 个，跳过 {skipped} 行",
        "import: {created} created, {updated} updated, {unchanged} unchanged, {skipped} {skipped:row|rows} skipped",
    ),
    (
        "cli.import.summary_dry_run",
        "试运行，未写入任何文件：将新建 {created} 个，将更新 {updated} 个，未变 {unchanged} 个，跳过 {skipped} 行",
        "dry run, nothing written: {created} to create, {updated} to update, {unchanged} unchanged, {skipped} {skipped:row|rows} skipped",
    ),
    (
        "cli.path_outside",
        "{path} 不在清单目录 {catalog} 内",
        "{path} is not inside the catalog folder {catalog}",
    ),
    // qingdan export.
    (
        "export.copies",
        "{copies} 份",
        "{copies} {copies:copy|copies}",
    ),
    (
        "export.special",
        "特别程序：{special}，不计入承诺时限",
        "special procedure: {special}, outside the promised limit",
    ),
    (
        "export.proof.retained",
        "列入保留的证明事项清单",
        "on the retained list",
    ),
    (
        "export.proof.not_retained",
        "不在保留的证明事项清单中",
        "not on the retained list",
    ),
    ("export.proof.cancelled", "已取消", "cancelled"),
    (
        "export.proof.cancelled_by",
        "已取消（{act}）",
        "cancelled ({act})",
    ),
    (
        "export.title",
        "{region}公共服务事项清单",
        "Public service catalog of {region}",
    ),
    (
        "cli.export.done",
        "已导出 {items} 个在用事项到 {path}（{format}）",
        "exported {items} active items to {path} ({format})",
    ),
    (
        "cli.export.wrong_kind_file",
        "{path} 是一个目录；{format} 格式的 -o 应为文件",
        "{path} is a folder; -o names a file for {format}",
    ),
    (
        "cli.export.wrong_kind_folder",
        "{path} 是一个文件；csv 格式的 -o 应为目录（每张表一个文件）",
        "{path} is a file; -o names a folder for csv (one file per table)",
    ),
    (
        "cli.export.unreadable_items",
        "{count} 个事项文件无法读取，未导出任何内容；请先修正（qingdan validate 会列出问题）",
        "{count} item {count:file|files} cannot be read; nothing was exported. Fix them first (qingdan validate lists them)",
    ),
    ("cli.export.loading", "读取事项", "reading items"),
    ("cli.export.writing", "导出", "exporting"),
    // qingdan code.
    (
        "code.edit.not_a_mapping",
        "文件不是一个 YAML 映射，无法写入事项编码",
        "the file is not one YAML mapping; the code cannot be written",
    ),
    (
        "code.edit.layout",
        "文件的排版无法安全地插入事项编码（第一个键与其他内容同行）；请手工整理后重试",
        "the code cannot be inserted safely (the first key shares its line); tidy the file and retry",
    ),
    (
        "code.edit.verify",
        "写入事项编码后文件内容会改变，已放弃写入",
        "writing the code would change the record; nothing was written",
    ),
    (
        "code.edit.changed",
        "文件在编码过程中被修改，未写入事项编码；请重新运行 qingdan code",
        "the file changed while codes were being given; no code was written to it: run qingdan code again",
    ),
    (
        "code.renumber.not_found",
        "没有事项使用编码「{code}」",
        "no item has code `{code}`",
    ),
    (
        "code.renumber.single",
        "只有一个事项使用编码「{code}」；编码一经赋予不再改变，--renumber 只用于两个事项撞号",
        "only one item has code `{code}`; a code never changes, --renumber is for two items that share one",
    ),
    (
        "code.renumber.no_owner",
        "无法根据 codes.ledger 判断哪个事项先获得编码「{code}」",
        "codes.ledger does not tell which item got `{code}` first",
    ),
    (
        "code.renumber.published",
        "编码「{code}」已随 {tag} 公布，不能重新编码",
        "code `{code}` was published with {tag} and cannot be renumbered",
    ),
    (
        "cli.code.done",
        "已为 {count} 个事项赋予编码，并登记在 codes.ledger 中",
        "gave {count} {count:item its code|items their codes} and recorded them in codes.ledger",
    ),
    (
        "cli.code.dry_run",
        "试运行：将为 {count} 个事项赋予编码（未写入任何文件）",
        "dry run: {count} {count:item|items} would get codes (nothing written)",
    ),
    (
        "cli.code.nothing",
        "没有需要编码的事项",
        "no item needs a code",
    ),
    ("cli.code.col.code", "事项编码", "Code"),
    ("cli.code.col.previous", "原编码", "Previous code"),
    ("cli.code.col.department", "实施主体", "Department"),
    ("cli.code.col.name", "事项名称", "Name"),
    ("cli.code.col.file", "文件", "File"),
    (
        "cli.read_failed",
        "无法读取 {path}：{error}",
        "cannot read {path}: {error}",
    ),
    ("cli.no_such_path", "{path} 不存在", "{path} does not exist"),
    (
        "cli.git.not_a_repository",
        "{path} 不在 git 仓库中：{error}",
        "{path} is not in a git repository: {error}",
    ),
    (
        "cli.git.unknown_revision",
        "未知的 git 版本「{rev}」",
        "unknown git revision `{rev}`",
    ),
    (
        "cli.git.no_catalog",
        "版本「{rev}」中没有清单目录 {path}",
        "revision `{rev}` has no catalog folder {path}",
    ),
    // diff.
    ("diff.change.added", "新增", "added"),
    ("diff.change.changed", "变更", "changed"),
    ("diff.change.cancelled", "取消", "cancelled"),
    ("diff.change.removed", "删除", "removed"),
    ("diff.none", "没有差异", "no differences"),
    (
        "diff.summary",
        "新增 {added} 项，变更 {changed} 项，取消 {cancelled} 项，删除 {removed} 项",
        "{added} added, {changed} changed, {cancelled} cancelled, {removed} removed",
    ),
    (
        "diff.title",
        "事项比对：{old} → {new}",
        "Item changes: {old} → {new}",
    ),
    ("diff.worktree", "工作区", "working tree"),
    ("diff.col.change", "变化", "change"),
    ("diff.col.code", "事项编码", "item code"),
    ("diff.col.name", "事项名称", "item name"),
    ("diff.col.department", "实施主体", "department"),
    ("diff.col.file", "文件", "file"),
    ("diff.col.old_file", "原文件", "old file"),
    ("diff.col.fields", "变更字段数", "changed fields"),
    ("diff.col.path", "字段路径", "path"),
    ("diff.col.field", "字段", "field"),
    ("diff.col.old", "原值", "old value"),
    ("diff.col.new", "新值", "new value"),
    ("diff.col.total", "合计", "total"),
    ("diff.sheet.items", "事项", "Items"),
    ("diff.sheet.fields", "字段变更", "Field changes"),
    ("diff.sheet.stat", "统计", "Summary"),
    (
        "notice.title",
        "公共服务事项动态调整公告",
        "Dynamic adjustment of public service items",
    ),
    (
        "notice.intro",
        "根据公共服务事项动态调整制度，现将本次调整情况公布如下：新增事项 {added} 项，变更事项 {changed} 项，取消事项 {cancelled} 项。",
        "Under the dynamic adjustment system for public service items, this adjustment is announced as follows: {added} new, {changed} changed and {cancelled} cancelled items.",
    ),
    (
        "notice.added",
        "一、新增事项（{count} 项）",
        "1. New items ({count})",
    ),
    (
        "notice.changed",
        "二、变更事项（{count} 项）",
        "2. Changed items ({count})",
    ),
    (
        "notice.cancelled",
        "三、取消事项（{count} 项）",
        "3. Cancelled items ({count})",
    ),
    ("notice.added.kind", "新增", "new"),
    ("notice.changed.kind", "变更", "changed"),
    ("notice.cancelled.kind", "取消", "cancelled"),
    ("notice.nothing", "无。", "None."),
    ("notice.code", "（事项编码：{code}）", " (item code {code})"),
    (
        "notice.item",
        "{department}“{name}”{code}",
        "{department}: “{name}”{code}",
    ),
    ("notice.cancelled_item", "予以取消", "cancelled"),
    ("notice.element_added", "新增{field}", "added {field}"),
    ("notice.element_removed", "删除{field}", "removed {field}"),
    (
        "notice.value_added",
        "新增{field}“{new}”",
        "added {field} “{new}”",
    ),
    (
        "notice.value_removed",
        "删除{field}（原为“{old}”）",
        "removed {field} (was “{old}”)",
    ),
    (
        "notice.value_changed",
        "{field}由“{old}”调整为“{new}”",
        "{field} changed from “{old}” to “{new}”",
    ),
    ("notice.col.number", "序号", "No."),
    ("notice.col.kind", "调整类型", "adjustment"),
    ("notice.col.content", "调整内容", "details"),
    ("notice.sheet", "事项动态调整", "Adjustments"),
    (
        "cli.diff.xlsx_needs_output",
        "xlsx 格式需要用 -o 指定输出文件",
        "the xlsx format needs an output file: -o FILE.xlsx",
    ),
    (
        "cli.diff.notice_format",
        "--notice 只能输出 markdown（默认）或 xlsx",
        "--notice writes markdown (the default) or xlsx",
    ),
    (
        "cli.diff.unreadable",
        "无法列出清单文件：{error}",
        "cannot list the catalog files: {error}",
    ),
    ("cli.written", "已写入 {path}", "wrote {path}"),
    (
        "cli.export.format_unknown",
        "无法从 {path} 判断导出格式：请用 --format 指定 xlsx、csv、json、html 或 jsonld",
        "cannot tell the format from {path}: give --format xlsx, csv, json, html or jsonld",
    ),
    (
        "cli.export.format_conflict",
        "--format {format} 与 {path} 不符（该扩展名是 {named} 格式）",
        "--format {format} does not match {path} (that extension means {named})",
    ),
    (
        "cli.stdout_failed",
        "无法写入标准输出：{error}",
        "cannot write to standard output: {error}",
    ),
    (
        "diff.deleted",
        "事项文件已删除：已公布的事项只能取消（status: cancelled），不能删除文件",
        "the item file was deleted: published items are cancelled (status: cancelled), never deleted",
    ),
    (
        "cli.git.read",
        "读取 git 仓库失败：{error}",
        "cannot read the git repository: {error}",
    ),
    (
        "cli.git.missing",
        "找不到 git 程序：round advance 用 git 检查工作区并以你的身份创建标签；请安装 git 并将其加入 PATH",
        "git was not found: round advance runs git to check the work tree and to create tags as you; install git and put it on PATH",
    ),
    ("report.rules.rule", "规则", "rule"),
    ("report.rules.severity", "级别", "severity"),
    ("report.rules.count", "数量", "count"),
    ("report.rules.what", "查找内容", "what it finds"),
    ("report.rules.none", "没有发现问题", "no findings"),
    (
        "cli.unknown_rule",
        "没有规则 {rule}（可用的规则：{rules}）",
        "there is no rule {rule} (the rules: {rules})",
    ),
];
