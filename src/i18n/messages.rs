//! The message table: key, Simplified Chinese, English. Placeholders are
//! `{name}`; both languages must use the same ones (tested).

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Reading files (parse-error).
    ("parse.missing", "文件不存在", "the file does not exist"),
    ("parse.too_large", "文件过大（{bytes} 字节，上限 1 MiB），未解析", "the file is too large ({bytes} bytes, limit 1 MiB) and was not parsed"),
    ("parse.binary", "文件是二进制文件，不是 YAML 文本", "the file is binary, not YAML text"),
    ("parse.not_utf8", "文件不是 UTF-8 编码（第 {line} 行起无法识别）；请另存为 UTF-8", "the file is not UTF-8 (unreadable from line {line}); save it as UTF-8"),
    ("parse.not_a_file", "这是一个目录，不是事项文件", "this is a folder, not an item file"),
    ("parse.dangling_link", "符号链接指向的文件不存在", "the symbolic link leads to no file"),
    ("parse.io", "无法读取文件：{error}", "cannot read the file: {error}"),
    ("parse.syntax", "YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    ("parse.too_deep", "YAML 嵌套层级过深", "the YAML is nested too deeply"),
    ("parse.too_many_nodes", "YAML 别名展开后内容过多（疑似别名炸弹），未解析", "the YAML grows too large when its aliases are expanded (an alias bomb?) and was not parsed"),
    ("parse.multiple_documents", "一个文件只能包含一个 YAML 文档", "a file may hold only one YAML document"),
    ("parse.unknown_anchor", "引用了未定义的锚点", "an alias refers to an undefined anchor"),
    ("parse.complex_key", "键必须是文本", "a key must be plain text"),
    ("parse.empty", "文件为空", "the file is empty"),
    // Record structure (schema).
    ("schema.duplicate_key", "键「{key}」重复出现，以第一次为准", "key `{key}` appears twice; the first one counts"),
    ("schema.unknown_key", "未知的键「{key}」", "unknown key `{key}`"),
    ("schema.required", "缺少必填项「{key}」", "required key `{key}` is missing"),
    ("schema.type", "「{value}」应为{expected}", "`{value}` should be {expected}"),
    ("schema.enum", "「{value}」不在可选范围内，可选：{allowed}", "`{value}` is not one of: {allowed}"),
    ("schema.minimum", "数值不能小于 {limit}", "the number must be at least {limit}"),
    ("schema.pattern", "「{value}」格式不正确（应符合 {pattern}）", "`{value}` has the wrong format (expected {pattern})"),
    ("schema.other", "结构错误：{detail}", "structure error: {detail}"),
    // Catalog configuration.
    ("config.missing", "在 {catalog} 中找不到 catalog.yaml；请用 -C 指定清单目录，或用 qingdan init 新建", "no catalog.yaml in {catalog}; name the catalog folder with -C, or create one with qingdan init"),
    ("config.unknown_rule", "未知的规则「{rule}」", "unknown rule `{rule}`"),
    ("config.not_silenceable", "规则「{rule}」不能关闭或降级：一报关口依赖它", "rule `{rule}` cannot be switched off or lowered: the report-1 gate stands on it"),
    ("departments.missing", "找不到 departments.yaml（实施主体名录）", "departments.yaml (the register of implementing bodies) is missing"),
    // unknown-department.
    ("department.unknown", "实施主体「{department}」不在 departments.yaml 中", "department `{department}` is not in departments.yaml"),
    ("department.wrong_folder", "实施主体为「{department}」，但文件位于「items/{folder}」目录，应放在「items/{department}」", "department is `{department}` but the file is in `items/{folder}`; it belongs in `items/{department}`"),
    // missing-element.
    ("missing.element", "办事指南类事项缺少「{element}」", "the service guide lacks its {element}"),
    // ignore-without-reason.
    ("ignore.no_reason", "忽略规则「{rule}」时必须写明理由（reason）", "ignoring rule `{rule}` needs a reason"),
    ("ignore.unknown_rule", "没有名为「{rule}」的规则", "there is no rule named `{rule}`"),
    ("ignore.not_silenceable", "规则「{rule}」不能被忽略", "rule `{rule}` cannot be ignored"),
    // register.
    ("register.duplicate_id", "实施主体编号「{id}」重复（第 {first} 条已使用）", "department id `{id}` is used twice (first in entry {first})"),
    ("register.duplicate_code", "部门代码「{code}」重复（第 {first} 条已使用）", "department code `{code}` is used twice (first in entry {first})"),
    ("register.credit_code", "统一社会信用代码「{code}」校验位错误，应为「{expected}」", "credit code `{code}` has a wrong check character; expected `{expected}`"),
    ("register.unknown_supervisor", "主管部门「{supervisor}」不在名录中", "supervisor `{supervisor}` is not in the register"),
    ("register.missing_supervisor", "「{id}」是事业单位或国有企业，须填写主管部门（supervisor），审核意见据此分送", "`{id}` is a public institution or state-owned enterprise and needs a supervisor: opinions are routed by it"),
    ("register.duplicate_reference", "参考目录编码「{code}」重复（第 {first} 条已使用）", "reference code `{code}` is used twice (first in entry {first})"),
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
