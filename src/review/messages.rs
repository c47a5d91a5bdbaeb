//! Messages of review workbooks and the `review` commands.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "cli.review.adjust_unpublished",
        "动态调整审核的是自上次公布以来变更的事项，但从 HEAD 找不到公布标签（qingdan/published-…）：清单尚未公布",
        "the adjust round reviews the items changed since the last publication, but no publication tag (qingdan/published-…) is reachable from HEAD: the catalog has not been published",
    ),
    // Reading a review workbook.
    (
        "review.not_a_workbook",
        "不是 qingdan review export 导出的审核工作簿：「汇总」表开头没有轮次和实施主体（或审核部门）",
        "not a review workbook of qingdan review export: the Summary sheet does not start with the round and the department (or reviewer)",
    ),
    (
        "review.unknown_round",
        "「汇总」表中的轮次「{round}」无法识别",
        "the round `{round}` in the Summary sheet is not a round",
    ),
    (
        "review.unknown_audience",
        "「汇总」表中的「{id}」既不是 departments.yaml 中的实施主体，也不是审核部门",
        "`{id}` in the Summary sheet is neither a department of departments.yaml nor a reviewer",
    ),
    (
        "review.no_opinions_sheet",
        "工作簿中没有「意见」工作表（也可用英文名 Opinions）",
        "the workbook has no 意见 (Opinions) sheet",
    ),
    // The 位置 column of the 问题 sheet.
    (
        "review.place",
        "{field}（第{line}行）",
        "{field} (line {line})",
    ),
    ("review.place_line", "第{line}行", "line {line}"),
    (
        "review.unknown_field",
        "「字段」中的「{field}」不是事项的字段：请从下拉列表中选择（如「收费·收费标准」），或写字段路径（如 fee.standard）；针对整个事项时留空",
        "`{field}` under Field is not a field of an item: pick one from the list (e.g. Fee · fee standard) or write its path (e.g. fee.standard); leave it empty for the whole item",
    ),
    (
        "review.no_item",
        "此行既没有事项编码也没有文件，无法对应到事项",
        "the row has neither a code nor a file: it names no item",
    ),
    (
        "review.row_unknown_item",
        "清单中没有此行的事项「{item}」；事项可能已改名或删除，请重新导出",
        "no item of the catalog is `{item}`; it may have been renamed or deleted. Export again",
    ),
    (
        "review.item_unreadable",
        "事项文件 {file} 无法读取，请先修正该文件",
        "the item file {file} cannot be read; fix it first",
    ),
    (
        "review.no_fingerprint",
        "「指纹」为空；请填写 qingdan review export 导出的工作簿",
        "the fingerprint is empty; fill a workbook of qingdan review export",
    ),
    (
        "review.stale",
        "事项「{name}」自导出以来已修改（导出时指纹 {then}，现在 {now}）；请重新导出后再填写，或确认意见仍然适用后加 --force",
        "the item `{name}` changed since the export (fingerprint {then} then, {now} now); export again, or add --force if the opinion still applies",
    ),
    (
        "review.stale_forced",
        "事项「{name}」自导出以来已修改（导出时指纹 {then}，现在 {now}）；已按 --force 导入，意见记录导出时的指纹",
        "the item `{name}` changed since the export (fingerprint {then} then, {now} now); imported under --force, the opinion keeps the exported fingerprint",
    ),
    (
        "review.opinion_moved",
        "{file} 中的第 {number} 条意见不是此事项的（或不是本审核部门的）；审核意见文件自导出后已改动，请重新导出",
        "opinion {number} of {file} is not on this item (or not this reviewer's); the review file changed since the export. Export again",
    ),
    (
        "review.duplicate_opinion_no",
        "意见编号 {number} 与第 {row} 行重复",
        "opinion number {number} repeats row {row}",
    ),
    (
        "review.file_unusable",
        "审核意见文件 {file} 有误，请先修正；本工作簿未导入",
        "the review file {file} has errors; fix it first. The workbook was not imported",
    ),
    (
        "review.nothing_to_answer",
        "此行没有审核意见，无法答复；答复请写在意见所在的行",
        "the row has no opinion to answer; write the response on the opinion's row",
    ),
    (
        "review.decision_required",
        "填写了审核意见，但没有选择「结论」",
        "an opinion needs its decision",
    ),
    (
        "review.opinion_required",
        "结论为「{decision}」时须写明审核意见",
        "a decision of {decision} needs the opinion written out",
    ),
    (
        "review.department_cannot_change",
        "部门反馈工作簿只导入「部门答复」；对「{column}」的修改未导入",
        "a department's feedback workbook gives responses only; the change to {column} was not imported",
    ),
    // qingdan review export.
    (
        "cli.review.written",
        "已写入 {file}：{items} 个事项，{opinions} 条意见，{findings} 个问题",
        "wrote {file}: {items} {items:item|items}, {opinions} {opinions:opinion|opinions}, {findings} {findings:finding|findings}",
    ),
    (
        "cli.review.receipt",
        "导出回执已记入 {file}",
        "export receipt recorded in {file}",
    ),
    (
        "cli.review.exported",
        "{round}：共导出 {count} 个工作簿",
        "{round}: {count} {count:workbook|workbooks} exported",
    ),
    (
        "cli.review.review_file",
        "审核意见文件有误，无法记入导出回执；请先修正上述问题，未写入任何文件",
        "a review file has errors and cannot take the export receipt; fix them first. Nothing was written",
    ),
    // qingdan review import.
    (
        "cli.review.imported",
        "已导入 {workbook} → {file}：新增意见 {added} 条，修改 {updated} 条，答复 {answered} 条",
        "imported {workbook} → {file}: {added} {added:opinion|opinions} added, {updated} changed, {answered} answered",
    ),
    (
        "cli.review.nothing",
        "{workbook}：没有新的意见或答复",
        "{workbook}: no new opinion or response",
    ),
    (
        "cli.review.refused",
        "{workbook} 有 {count} 个错误，未导入任何内容",
        "{workbook} has {count} {count:error|errors}; nothing of it was imported",
    ),
    (
        "cli.review.summary",
        "导入 {workbooks} 个工作簿：写入 {files} 个审核意见文件，{refused} 个工作簿未导入",
        "{workbooks} {workbooks:workbook|workbooks}: {files} review {files:file|files} written, {refused} {refused:workbook|workbooks} not imported",
    ),
];
