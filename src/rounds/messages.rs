//! Messages of the rounds: review files, gates, and the `round` commands.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Review files (schema findings).
    (
        "review.misplaced",
        "审核意见文件应位于 reviews/<轮次>/<实施主体 id>.yaml（轮次如 review-1，实施主体须在 departments.yaml 中）",
        "a review file belongs in reviews/<round>/<department id>.yaml (a round such as review-1, a department of departments.yaml)",
    ),
    (
        "review.unknown_item",
        "意见所指事项「{item}」不存在（应为事项编码或事项文件路径）",
        "the opinion names no item of the catalog: `{item}` (give an item code or an item file)",
    ),
    (
        "review.unknown_office",
        "未知的审核部门「{office}」，可选：{allowed}，或主管部门在 departments.yaml 中的 id",
        "unknown reviewer `{office}`; one of: {allowed}, or a supervising department's id in departments.yaml",
    ),
    // Gates.
    (
        "round.gate.nothing_changed",
        "自 {tag} 以来没有事项变更，无需重新公布",
        "no item changed since {tag}: there is nothing to publish",
    ),
    (
        "round.gate.no_receipt",
        "尚未向该部门导出反馈工作簿（没有导出回执）",
        "no feedback workbook exported to the department yet (no export receipt)",
    ),
    (
        "round.gate.not_sent",
        "{office}的意见（{decision}）不在该部门任何一份反馈工作簿的回执中：请重新导出反馈工作簿（review export --round review-1）",
        "the opinion of {office} ({decision}) is in none of the department's feedback workbook receipts: export the feedback workbooks again (review export --round review-1)",
    ),
    (
        "round.gate.no_consultation",
        "没有向社会征求意见的记录：请填写 reviews/review-2/consultation.yaml（period 期间、channel 方式、comments 意见条数、handling 处理情况），或导入社会公众（public）的意见",
        "no record of the public consultation: write reviews/review-2/consultation.yaml (period, channel, comments, handling) or import opinions of the public (public)",
    ),
    (
        "round.gate.no_approval",
        "没有审定记录：请填写 reviews/approved/approval.yaml（meeting 会议、date 日期、minutes_number 纪要号）",
        "no record of the approval: write reviews/approved/approval.yaml (meeting, date, minutes_number)",
    ),
    (
        "round.gate.uncoded",
        "事项尚未赋码，不能公布（qingdan code）",
        "the item has no code and cannot be published (qingdan code)",
    ),
    (
        "round.gate.no_response",
        "{office}的意见（{decision}）尚未答复",
        "the opinion of {office} ({decision}) has no response",
    ),
    (
        "round.gate.open",
        "{office}的意见（{decision}）既未答复也未办结",
        "the opinion of {office} ({decision}) is neither answered nor resolved",
    ),
    (
        "round.gate.uncovered",
        "自 {tag} 以来{change}，尚无{reviewers}针对当前版本的审核意见（reviews/adjust/）",
        "{change} since {tag}, and there is no opinion of {reviewers} on the item as it is now (reviews/adjust/)",
    ),
    (
        "round.gate.not_passed",
        "{office}对当前版本的意见为「{decision}」，尚未办结",
        "the opinion of {office} on the item as it is now is `{decision}`, not resolved",
    ),
    (
        "round.gate.removed",
        "自 {tag} 以来事项文件被删除；已公布的事项只能取消（status: cancelled），不能删除",
        "the item file was deleted since {tag}; published items are cancelled (status: cancelled), never deleted",
    ),
    // qingdan round.
    (
        "cli.round.current",
        "当前轮次：{round}（{key}），尚无 qingdan/* 标签",
        "round: {round} ({key}), no qingdan/* tag yet",
    ),
    (
        "cli.round.current_since",
        "当前轮次：{round}（{key}），始于标签 {tag}",
        "round: {round} ({key}), since tag {tag}",
    ),
    (
        "cli.round.deadlines",
        "截止日期（catalog.yaml）：",
        "deadlines (catalog.yaml):",
    ),
    (
        "cli.round.no_deadlines",
        "截止日期：未设置（可在 catalog.yaml 的 deadlines 中填写）",
        "deadlines: none set (deadlines in catalog.yaml)",
    ),
    ("cli.round.deadline", "{round}  {date}", "{round}  {date}"),
    ("cli.round.current_mark", "当前轮次", "current round"),
    ("cli.round.overdue_mark", "已逾期", "overdue"),
    ("cli.round.note_separator", "，", ", "),
    ("cli.round.col.department", "实施主体", "Department"),
    ("cli.round.col.name", "名称", "Name"),
    ("cli.round.col.items", "事项", "Items"),
    ("cli.round.col.errors", "错误", "Errors"),
    ("cli.round.col.warnings", "警告", "Warnings"),
    ("cli.round.col.open", "意见未答复", "Open"),
    ("cli.round.col.answered", "已答复", "Answered"),
    ("cli.round.col.resolved", "已办结", "Resolved"),
    (
        "cli.round.col.unchanged",
        "答复后未修改",
        "Answered, unchanged",
    ),
    ("cli.round.col.receipts", "导出回执", "Receipts"),
    ("cli.round.col.item", "事项", "Item"),
    ("cli.round.col.where", "位置", "Where"),
    ("cli.round.col.reason", "原因", "Reason"),
    (
        "cli.round.routing",
        "审核分工（按职责送审）：",
        "who reviews what (routed by duty):",
    ),
    ("cli.round.col.reviewer", "审核部门", "Reviewer"),
    ("cli.round.col.id", "标识", "Id"),
    ("cli.round.col.duties", "职责", "Duties"),
    ("cli.round.col.routed", "送审事项", "Items"),
    ("cli.round.col.reasons", "事由（事项数）", "Reasons (items)"),
    ("cli.round.col.why", "审核事由", "Why routed"),
    (
        "routing.summary",
        "{office}（{id}）的审核职责：{duties}；工作簿中 {count} 项事项的审核事由：{reasons}",
        "{office} ({id}) reviews: {duties}; why the {count} {count:item|items} of the workbook are routed: {reasons}",
    ),
    (
        "routing.supervisor",
        "所属事业单位、国有企业的事项",
        "the items of its institutions and enterprises",
    ),
    (
        "routing.unrouted",
        "未按职责送审（已提意见或征求意见）",
        "not routed (an opinion given, or the consultation)",
    ),
    ("cli.round.supervisor", "主管部门", "supervising department"),
    (
        "cli.round.office_items",
        "送{office}（{id}）审核的 {count} 项事项及事由：",
        "the {count} {count:item|items} routed to {office} ({id}), with the reasons:",
    ),
    (
        "cli.round.other_findings",
        "不属于任何实施主体的问题：{errors} 个错误，{warnings} 个警告",
        "findings of no department: {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}",
    ),
    (
        "cli.round.unchanged",
        "已答复但事项自提出意见以来未修改（指纹相同）的意见：",
        "answered opinions whose item has not changed since (same fingerprint):",
    ),
    (
        "cli.round.gate_open",
        "{round}关口可以通过：qingdan round advance 将创建标签 {tags}",
        "the {round} gate passes: qingdan round advance would create {tags}",
    ),
    (
        "cli.round.gate_closed",
        "{round}关口尚有 {count} 项阻碍；详见 qingdan round advance --dry-run",
        "the {round} gate has {count} {count:blocker|blockers}; see qingdan round advance --dry-run",
    ),
    (
        "cli.round.refused",
        "{round}关口未通过：{count} 项阻碍，未创建标签",
        "the {round} gate refused: {count} {count:blocker|blockers}, no tag created",
    ),
    (
        "cli.round.would_advance",
        "试运行：{round}关口通过；将创建标签 {tags}，进入{next}（未创建任何标签）",
        "dry run: the {round} gate passes; {tags} would be created and the round would become {next} (no tag created)",
    ),
    (
        "cli.round.advanced",
        "{round}关口通过：已创建标签 {tags}；当前轮次：{next}",
        "the {round} gate passed: created {tags}; the round is now {next}",
    ),
    (
        "cli.round.no_document_number",
        "这一步公布清单：请用 --document-number 给出公布文件的文号（写入 reviews/published/publication.yaml）",
        "this step publishes the catalog: give the publication's document number with --document-number (written to reviews/published/publication.yaml)",
    ),
    (
        "cli.round.no_issuer",
        "catalog.yaml 未写发布机关（publication.issuer），公布记录需要它",
        "catalog.yaml names no issuer (publication.issuer); the publication record needs it",
    ),
    (
        "cli.round.published_record",
        "已写入并提交公布记录 {file}（文号 {number}）",
        "publication record {file} written and committed (document number {number})",
    ),
    (
        "cli.round.commit_failed",
        "无法提交 {file}：{error}",
        "cannot commit {file}: {error}",
    ),
    (
        "cli.round.dirty",
        "工作区有未提交的修改（{files}）；请先提交，轮次标签只能打在已提交的版本上",
        "the work tree has uncommitted changes ({files}); commit them first: round tags mark committed versions only",
    ),
    (
        "cli.round.dirty_dry_run",
        "注意：工作区有未提交的修改（{files}）；以下按 HEAD 检查",
        "note: the work tree has uncommitted changes ({files}); checking HEAD",
    ),
    (
        "cli.round.tag_failed",
        "无法创建标签 {tag}：{error}",
        "cannot create tag {tag}: {error}",
    ),
];
