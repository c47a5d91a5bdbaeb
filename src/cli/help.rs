//! Help texts. The English wording lives in the clap definitions; this table
//! gives the Chinese (the default) and every command's examples.

use clap::{Arg, ArgAction, Command};
use qingdan::i18n::Lang;

struct CommandHelp {
    /// Subcommand name; empty for `qingdan` itself.
    name: &'static str,
    about_zh: &'static str,
    examples_zh: &'static str,
    examples_en: &'static str,
    /// Argument id and its Chinese help.
    args_zh: &'static [(&'static str, &'static str)],
}

const HELP: &[CommandHelp] = &[
    CommandHelp {
        name: "",
        about_zh: "公共服务事项清单管理工具：以 git 中的 YAML 文件管理事项，逐项检查、比对、编码、发布",
        examples_zh: "示例：\n  qingdan init 瓯江清单 --region 330399 --region-name 瓯江市\n  qingdan -C 瓯江清单 validate\n  qingdan validate --format json > 检查结果.json",
        examples_en: "Examples:\n  qingdan init my-catalog --region 330399 --region-name Oujiang\n  qingdan -C my-catalog validate\n  qingdan --lang en validate --format json > findings.json",
        args_zh: &[
            ("catalog", "清单目录 [默认：./catalog]"),
            (
                "lang",
                "消息和报表的语言：zh 或 en [环境变量：QINGDAN_LANG]",
            ),
            ("quiet", "只输出问题和错误"),
            ("color", "颜色：auto（默认，终端上才着色）、always 或 never"),
        ],
    },
    CommandHelp {
        name: "init",
        about_zh: "新建清单：配置、实施主体名录、JSON Schema 和一个示例事项",
        examples_zh: "示例：\n  qingdan init                      # 在 ./catalog 新建\n  qingdan init 瓯江清单 --region 330399 --region-name 瓯江市\n  qingdan init --ci gitlab          # 为已有清单添加 GitLab 流水线\n  qingdan init --office-names current   # 审核部门用机构改革后的名称（已有清单：追加到 catalog.yaml 末尾）",
        examples_en: "Examples:\n  qingdan init                      # creates ./catalog\n  qingdan init my-catalog --region 330399 --region-name Oujiang\n  qingdan init --ci gitlab          # adds a GitLab pipeline to an existing catalog\n  qingdan init --office-names current   # the offices under today's names (an existing catalog.yaml gains them at its end)",
        args_zh: &[
            ("dir", "新清单的目录 [默认：-C 指定的目录，否则 ./catalog]"),
            ("region", "行政区划代码（6 位数字）[默认：000000]"),
            ("region_name", "行政区划名称 [默认：本级]"),
            ("force", "覆盖已存在的文件"),
            (
                "ci",
                "为此代码托管平台添加 CI 流水线：gitlab、gitea 或 github（已有清单也可添加，不改动清单的文件）",
            ),
            (
                "office_names",
                "在 catalog.yaml 中列出审核部门及其职责，名称用：original（温州方案 2017 年的名称）或 current（2018 年机构改革后的名称）；已有清单的 catalog.yaml 未列 offices 时追加到末尾",
            ),
        ],
    },
    CommandHelp {
        name: "validate",
        about_zh: "按改革规则逐项检查事项",
        examples_zh: "示例：\n  qingdan validate                          # 检查 ./catalog\n  qingdan -C 瓯江清单 validate items/mzj     # 只报告民政局的事项\n  qingdan validate --format json --deny warnings\n  qingdan validate --rev qingdan/report-1    # 检查一报时的清单\n  qingdan validate --format sarif > qingdan.sarif\n  qingdan validate --summary --severity error   # 各规则的错误数量",
        examples_en: "Examples:\n  qingdan validate                          # checks ./catalog\n  qingdan -C my-catalog validate items/mzj   # report one department only\n  qingdan validate --format json --deny warnings\n  qingdan validate --rev qingdan/report-1    # the catalog as filed in report-1\n  qingdan validate --format sarif > qingdan.sarif\n  qingdan validate --summary --severity error   # errors counted per rule",
        args_zh: &[
            (
                "paths",
                "只报告清单中的这些事项文件或目录（跨事项规则仍读取整个清单）",
            ),
            (
                "format",
                "输出格式：human（默认）、json、sarif 或 junit（CI 的测试报告）",
            ),
            (
                "rev",
                "检查某个 git 版本中的清单（直接读取仓库对象，无需检出）",
            ),
            ("deny", "warnings：有警告也以退出码 1 结束"),
            (
                "severity",
                "只报告不低于此级别的问题：error（只看错误）或 warning（错误和警告）",
            ),
            (
                "rules",
                "只报告此规则的问题（可重复，如 --rule vague-wording）",
            ),
            ("summary", "只列出各规则的问题数量，不逐条列出"),
            (
                "max_per_file",
                "同一文件中同一规则最多列出 N 个问题（默认 100），其余合为一行计数，仍计入汇总和退出码",
            ),
        ],
    },
    CommandHelp {
        name: "diff",
        about_zh: "比对两个版本的清单：新增、变更、取消、删除的事项及其字段变化；可生成事项动态调整公告",
        examples_zh: "示例：\n  qingdan diff                                   # HEAD 与工作区\n  qingdan diff qingdan/report-1 qingdan/report-2  # 一报与二报\n  qingdan diff qingdan/report-1 --department mzj --field 申请材料\n  qingdan diff 旧清单 新清单 --format json         # 两个清单目录\n  qingdan diff qingdan/published-2027-06-01 --stat\n  qingdan diff qingdan/published-2027-06-01 HEAD --notice > 动态调整公告.md\n  qingdan diff qingdan/published-2027-06-01 --notice --document-number 瓯政发〔2027〕30号 --date 2027-12-01 -o 公告.xlsx\n  qingdan diff qingdan/report-1 -o 比对结果.xlsx",
        examples_en: "Examples:\n  qingdan diff                                   # HEAD against the working tree\n  qingdan diff qingdan/report-1 qingdan/report-2  # report-1 against report-2\n  qingdan diff qingdan/report-1 --department mzj --field materials\n  qingdan diff old-catalog new-catalog --format json   # two catalog folders\n  qingdan diff qingdan/published-2027-06-01 --stat\n  qingdan --lang en diff qingdan/published-2027-06-01 HEAD --notice > notice.md\n  qingdan diff qingdan/published-2027-06-01 --notice --document-number 瓯政发〔2027〕30号 --date 2027-12-01 -o notice.xlsx\n  qingdan diff qingdan/report-1 -o changes.xlsx",
        args_zh: &[
            ("rev_a", "较早的一方：git 版本或清单目录 [默认：HEAD]"),
            ("rev_b", "较新的一方：git 版本或清单目录 [默认：工作区]"),
            (
                "format",
                "输出格式：table（默认）、json、csv、xlsx 或 markdown；-o 以 .xlsx 结尾时默认 xlsx",
            ),
            ("output", "写入此文件，而不是标准输出"),
            ("force", "覆盖已存在的输出文件"),
            (
                "notice",
                "生成事项动态调整公告（新增、变更、取消）：markdown，或用 -o 文件.xlsx 输出表格",
            ),
            (
                "issuer",
                "公告的发布机关 [默认：本次公布记录，或 catalog.yaml 的 publication.issuer]",
            ),
            ("document_number", "公告的文号 [默认：本次公布记录]"),
            (
                "date",
                "公告的发布日期，YYYY-MM-DD [默认：本次公布记录或审定记录]",
            ),
            ("stat", "只统计各实施主体的变化数量"),
            ("department", "只看该实施主体的事项（可重复）"),
            (
                "field",
                "只看该字段的变化：键名、字段路径或中文名称，如 materials、time_limit.promised、申请材料（可重复）",
            ),
            ("exit_code", "有差异时以退出码 1 结束"),
        ],
    },
    CommandHelp {
        name: "template",
        about_zh: "生成事项填报工作簿（事项、申请材料、办理流程、办理地点、收费项目五张表，带下拉选项和填写说明）",
        examples_zh: "示例：\n  qingdan template                       # 写入 事项填报模板.xlsx\n  qingdan -C 瓯江清单 template -o 民政局填报.xlsx\n  qingdan template --department mzj -o 民政局二报.xlsx   # 预填民政局的事项，改后 import --force\n  qingdan --lang en template -o items.xlsx   # 英文表头\n  qingdan template --register materials     # 材料目录.xlsx，预填 registers/materials.yaml\n  qingdan template --intermediaries        # 中介服务事项.xlsx：中介服务事项、承揽机构两张表",
        examples_en: "Examples:\n  qingdan template                       # writes 事项填报模板.xlsx\n  qingdan -C my-catalog template -o civil-affairs.xlsx\n  qingdan template --department mzj -o mzj.xlsx   # pre-filled; edit, then import --force\n  qingdan --lang en template -o items.xlsx   # English headers\n  qingdan template --register materials     # 材料目录.xlsx, pre-filled from registers/materials.yaml\n  qingdan template --intermediaries        # 中介服务事项.xlsx: the services and agencies sheets",
        args_zh: &[
            (
                "output",
                "要写入的工作簿 [默认：事项填报模板.xlsx；登记簿为其中文名称，如 材料目录.xlsx]",
            ),
            (
                "department",
                "预填该实施主体（departments.yaml 中的 id）的全部有效事项，供二报时修改后用 import --force 导回",
            ),
            (
                "register",
                "生成登记簿工作簿，预填 registers/ 中该登记簿的全部条目：materials 材料目录、laws 法律法规库、proofs 证明事项、fees 收费目录清单、agencies 承揽机构名录",
            ),
            (
                "intermediaries",
                "生成中介服务事项工作簿：中介服务事项表（intermediaries/ 每个文件一行）和承揽机构表（registers/agencies.yaml），均已预填",
            ),
            ("force", "覆盖已存在的文件"),
        ],
    },
    CommandHelp {
        name: "import",
        about_zh: "导入填好的事项工作簿（xlsx，或只含事项列的 CSV）：每个事项写成一个 YAML 文件，然后检查",
        examples_zh: "示例：\n  qingdan import 民政局填报.xlsx --dry-run     # 先看会写哪些文件\n  qingdan import 民政局填报.xlsx\n  qingdan import 事项.csv                      # UTF-8 或 GBK 编码均可，自动识别\n  qingdan import 民政局填报.xlsx --force       # 用表格内容更新已有事项\n  qingdan import *.xlsx --format json\n  qingdan import 材料目录.xlsx --force          # 登记簿工作簿：按工作表识别，整体替换 registers/materials.yaml",
        examples_en: "Examples:\n  qingdan import civil-affairs.xlsx --dry-run   # see what would be written\n  qingdan import civil-affairs.xlsx\n  qingdan import items.csv                      # UTF-8 or GBK, detected\n  qingdan import civil-affairs.xlsx --force     # update existing items from the workbook\n  qingdan import *.xlsx --format json\n  qingdan import 材料目录.xlsx --force          # a register workbook, known by its sheets: replaces registers/materials.yaml",
        args_zh: &[
            (
                "sheets",
                "填好的事项工作簿（.xlsx），或只含「事项」列的 CSV 文件（UTF-8、带 BOM 的 UTF-8 或 GBK），可以有多个",
            ),
            (
                "max_rows",
                "每个工作表最多读取的行数（默认 100000）；超出部分不读取，并给出一条错误",
            ),
            (
                "max_cells",
                "每个工作表最多读取的单元格数（默认 5000000）；超出部分不读取，并给出一条错误",
            ),
            (
                "force",
                "更新清单中已有的事项（只改表格中有的项，注释、ignore、status 保留；从不改事项编码）",
            ),
            (
                "dry_run",
                "试运行：不写任何文件，只列出将写入的文件和发现的问题",
            ),
            ("format", "输出格式：human（默认）或 json"),
            (
                "max_per_file",
                "同一文件中同一规则最多列出 N 个问题（默认 100），其余合为一行计数，仍计入汇总和退出码",
            ),
        ],
    },
    CommandHelp {
        name: "code",
        about_zh: "为尚无编码的在用事项赋予事项编码，写入事项文件并登记到 codes.ledger",
        examples_zh: "示例：\n  qingdan code --dry-run                    # 先看看将赋予哪些编码\n  qingdan code                              # 赋予编码并登记台账\n  qingdan code --format json\n  qingdan code --renumber 2033039900100011  # 两个分支撞号后，为后来的事项重新编码",
        examples_en: "Examples:\n  qingdan code --dry-run                    # see which codes would be given\n  qingdan code                              # give them and record them in the ledger\n  qingdan code --format json\n  qingdan code --renumber 2033039900100011  # after two branches gave one code, recode the later item",
        args_zh: &[
            ("dry_run", "只显示将赋予的编码，不写入任何文件"),
            ("format", "输出格式：table（默认）或 json"),
            (
                "renumber",
                "两个事项撞号时，为后获得该编码的事项赋予新编码（已随 qingdan/published-* 标签公布的编码不可重编）",
            ),
        ],
    },
    CommandHelp {
        name: "export",
        about_zh: "发布在用事项：xlsx 工作簿、csv（每张表一个文件）、json 开放数据、可离线浏览的静态网站（html，含搜索、办事指南和流程图）或 CPSV-AP 关联数据（jsonld）",
        examples_zh: "示例：\n  qingdan export --format xlsx -o 公共服务事项清单.xlsx\n  qingdan export --format csv -o 清单csv              # 目录：每张表一个 csv 文件\n  qingdan export --format json -o catalog.json\n  qingdan export --format html -o 清单网站                  # 目录：打开 清单网站/index.html\n  qingdan export --format jsonld -o catalog.jsonld\n  qingdan export --rev qingdan/approved --format xlsx -o 审定稿.xlsx   # 审定时的清单\n  qingdan --lang en export --format xlsx -o catalog.xlsx               # 英文表头",
        examples_en: "Examples:\n  qingdan export --format xlsx -o catalog.xlsx\n  qingdan export --format csv -o catalog-csv          # a folder: one csv file per table\n  qingdan export --format json -o catalog.json\n  qingdan export --format html -o site                      # a folder: open site/index.html\n  qingdan export --format jsonld -o catalog.jsonld\n  qingdan export --rev qingdan/approved --format xlsx -o approved.xlsx   # the catalog as approved\n  qingdan --lang en export --format xlsx -o catalog.xlsx                 # English headers",
        args_zh: &[
            (
                "format",
                "输出格式：xlsx（公共服务事项清单、办事指南要素表等 9 张工作表）、csv、json、html（静态网站，每个事项一页）或 jsonld（CPSV-AP 公共服务关联数据）；不给时由 -o 的扩展名（.xlsx、.csv、.json、.jsonld）决定",
            ),
            (
                "output",
                "要写入的文件（xlsx、json、jsonld）或目录（csv：每张表一个文件；html：网站）",
            ),
            (
                "rev",
                "导出某个 git 版本中的清单（直接读取仓库对象，无需检出）",
            ),
            ("force", "覆盖已存在的文件或目录中的同名文件"),
        ],
    },
    CommandHelp {
        name: "round",
        about_zh: "审核轮次：一报、一审、二报、二审、审定、公布、动态调整",
        examples_zh: "示例：\n  qingdan round status                      # 当前轮次、截止日期、各部门情况\n  qingdan round advance --dry-run           # 看看关口能否通过\n  qingdan round advance                     # 通过关口并打标签",
        examples_en: "Examples:\n  qingdan round status                      # round, deadlines, each department\n  qingdan round advance --dry-run           # would the gate pass?\n  qingdan round advance                     # pass the gate and tag HEAD",
        args_zh: &[],
    },
    CommandHelp {
        name: "round status",
        about_zh: "显示当前轮次、截止日期，各实施主体的事项、问题、审核意见和导出回执，以及各审核部门的职责和送审事项",
        examples_zh: "示例：\n  qingdan round status\n  qingdan round status --format json\n  qingdan round status --rev qingdan/report-1   # 一报时的情况\n  qingdan round status --office 财政局           # 送财政局审核的事项及事由",
        examples_en: "Examples:\n  qingdan round status\n  qingdan round status --format json\n  qingdan round status --rev qingdan/report-1   # as it was at report-1\n  qingdan round status --office caizheng        # the items routed to the finance bureau, and why",
        args_zh: &[
            (
                "rev",
                "查看某个 git 版本中的清单（轮次由该版本可达的 qingdan/* 标签确定）",
            ),
            ("format", "输出格式：table（默认）或 json"),
            (
                "office",
                "列出送此审核部门（标识或名称，或主管部门的 id）审核的每项事项及其审核事由",
            ),
        ],
    },
    CommandHelp {
        name: "round advance",
        about_zh: "检查当前轮次的关口；通过后为 HEAD 打上轮次标签（未通过以退出码 3 结束并列出全部阻碍）",
        examples_zh: "示例：\n  qingdan round advance --dry-run   # 只检查，不打标签\n  qingdan round advance             # 一报完成后打 qingdan/report-1 标签",
        examples_en: "Examples:\n  qingdan round advance --dry-run   # check only, create no tag\n  qingdan round advance             # after report-1, tags qingdan/report-1",
        args_zh: &[(
            "dry_run",
            "只显示关口检查结果和将创建的标签，不创建任何标签",
        )],
    },
    CommandHelp {
        name: "review",
        about_zh: "审核工作簿：审核部门和实施主体用 Excel 交换审核意见和答复，结果记入 reviews/",
        examples_zh: "示例：\n  qingdan review export --round review-1 -o 一审反馈              # 每个实施主体一个反馈工作簿\n  qingdan review export --round review-1 --office fagaiwei -o 一审   # 发改委审核的全部收费事项\n  qingdan review import 一审/fagaiwei-发改委-一审审核.xlsx",
        examples_en: "Examples:\n  qingdan review export --round review-1 -o feedback              # one feedback workbook per department\n  qingdan review export --round review-1 --office fagaiwei -o review-1   # every government-priced fee item\n  qingdan review import review-1/fagaiwei-review-1-review.xlsx",
        args_zh: &[],
    },
    CommandHelp {
        name: "review export",
        about_zh: "导出审核工作簿：每个实施主体一个（事项的检查问题、各审核部门的意见、答复列、结论下拉列表、事项指纹和汇总表），并在 reviews/<轮次>/ 中记下导出回执；--office 则导出该审核部门审核的全部事项",
        examples_zh: "示例：\n  qingdan review export --round review-1 -o 一审反馈\n  qingdan review export --round 一审 --office 财政局 -o 一审\n  qingdan review export --round review-1 --office zjj -o 一审      # 住建局审核其主管的企业和事业单位\n  qingdan review export --round review-1 -o 一审反馈 --force       # 覆盖已导出的工作簿",
        examples_en: "Examples:\n  qingdan review export --round review-1 -o feedback\n  qingdan review export --round review-1 --office caizheng -o review-1\n  qingdan review export --round review-1 --office zjj -o review-1   # a supervisor's enterprises and institutions\n  qingdan review export --round review-1 -o feedback --force       # replace workbooks exported before",
        args_zh: &[
            (
                "round",
                "工作簿所属的轮次：review-1（一审）、review-2（二审）、adjust（动态调整）等，也可写中文名",
            ),
            ("output", "写入工作簿的目录（不存在则新建）"),
            ("force", "覆盖已存在的同名工作簿"),
            (
                "office",
                "只导出一个审核部门的工作簿：bianban 编办、shenguanban 审管办、fagaiwei 发改委、caizheng 财政局、fazhi 法制办、guoziwei 国资委、public 社会公众，或主管部门的 id",
            ),
        ],
    },
    CommandHelp {
        name: "review import",
        about_zh: "导入填好的审核工作簿：审核部门的意见和实施主体的答复记入 reviews/<轮次>/<实施主体>.yaml；工作簿有任何错误则整个不导入",
        examples_zh: "示例：\n  qingdan review import 一审/fagaiwei-发改委-一审审核.xlsx     # 发改委的意见\n  qingdan review import 一审反馈/*.xlsx                         # 各部门的答复\n  qingdan review import 民政局反馈.xlsx --force                 # 事项导出后已修改，仍然导入",
        examples_en: "Examples:\n  qingdan review import review-1/fagaiwei-review-1-review.xlsx   # the opinions of 发改委\n  qingdan review import feedback/*.xlsx                        # the departments' responses\n  qingdan review import civil-affairs.xlsx --force             # an item changed since the export; import anyway",
        args_zh: &[
            ("files", "填好的审核工作簿（.xlsx），可以有多个"),
            ("force", "事项自导出后已修改（指纹不同）时仍然导入"),
        ],
    },
    CommandHelp {
        name: "stats",
        about_zh: "改革统计：按实施主体和全清单统计材料、时限、网办、跑动等指标；比较两个版本；多个清单并列对比并检查参考事项一致性",
        examples_zh: "示例：\n  qingdan stats                                    # 工作区的清单\n  qingdan stats qingdan/report-1 qingdan/report-2  # 二报相对一报的成效\n  qingdan stats -o 改革统计.html                    # 带图表的网页报告\n  qingdan stats -o 改革统计.xlsx                    # 每项指标一张图\n  qingdan stats --catalogs 甲市.json 乙县.json 丙县@qingdan/published-2027-06-01",
        examples_en: "Examples:\n  qingdan stats                                    # the working tree\n  qingdan stats qingdan/report-1 qingdan/report-2  # report-2 against report-1\n  qingdan stats -o stats.html                      # a report with charts\n  qingdan stats -o stats.xlsx                      # a chart per measure\n  qingdan stats --catalogs a.json b.json c@qingdan/published-2027-06-01",
        args_zh: &[
            ("revs", "git 版本 [默认：工作区]；给出两个版本则比较二者"),
            (
                "catalogs",
                "并列对比多个清单：清单目录、路径@版本（仓库中的某个版本）或 json 导出文件",
            ),
            (
                "format",
                "输出格式：table（默认）、json、csv、xlsx 或 html；默认按 -o 的扩展名",
            ),
            ("output", "写入此文件，而不是标准输出"),
            ("force", "覆盖已存在的输出文件"),
        ],
    },
    CommandHelp {
        name: "completions",
        about_zh: "输出 shell 自动补全脚本",
        examples_zh: "示例：\n  qingdan completions bash > /etc/bash_completion.d/qingdan",
        examples_en: "Example:\n  qingdan completions bash > /etc/bash_completion.d/qingdan",
        args_zh: &[("shell", "bash、zsh、fish、elvish 或 powershell")],
    },
];

/// The Chinese help of one command. Headings are written here rather than
/// by clap (which ends each with an ASCII `:`), so that every heading takes
/// the full-width colon of `用法：`.
fn template_zh(cmd: &Command) -> String {
    let mut template = String::from("{before-help}{about-with-newline}\n用法：{usage}\n\n");
    if cmd.has_subcommands() {
        template.push_str("命令：\n{subcommands}\n\n");
    }
    if cmd.get_positionals().next().is_some() {
        template.push_str("参数：\n{positionals}\n\n");
    }
    template.push_str("选项：\n{options}{after-help}");
    template
}

pub fn localize(mut root: Command, lang: Lang) -> Command {
    for help in HELP {
        root = match help.name.split_once(' ') {
            _ if help.name.is_empty() => apply(root, help, lang),
            // A nested subcommand: `round status`.
            Some((parent, child)) => root.mut_subcommand(parent, |p| {
                p.mut_subcommand(child, |c| apply(c, help, lang))
            }),
            None => root.mut_subcommand(help.name, |c| apply(c, help, lang)),
        };
    }
    if lang == Lang::Zh {
        // Usage lines are made by clap only once the tree is built.
        root.build();
        localize_usage(&mut root);
    }
    root
}

/// `用法：qingdan round [选项] <命令>` rather than clap's English words.
fn localize_usage(cmd: &mut Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    let usage = crate::cli::usage::localize(usage, Lang::Zh);
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        localize_usage(sub);
    }
}

fn apply(mut cmd: Command, help: &CommandHelp, lang: Lang) -> Command {
    let examples = match lang {
        Lang::Zh => help.examples_zh,
        Lang::En => help.examples_en,
    };
    cmd = cmd.after_help(examples);
    if lang == Lang::En {
        return cmd;
    }
    let template = template_zh(&cmd);
    cmd = cmd
        .about(help.about_zh)
        .help_template(template)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助"),
        );
    if help.name.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本"),
        );
    }
    for (id, text) in help.args_zh {
        cmd = cmd.mut_arg(*id, |a| a.help(*text));
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| {
            // Defaults and value lists are spelled out in the Chinese help.
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_argument_has_chinese_help() {
        let cmd = crate::cli::command(Lang::Zh);
        cmd.clone().debug_assert();
        let mut commands = vec![cmd];
        while let Some(c) = commands.pop() {
            assert!(c.get_about().is_some(), "{} has no about", c.get_name());
            let about = c.get_about().unwrap().to_string();
            assert!(!about.is_ascii(), "{} about is not Chinese", c.get_name());
            for a in c.get_arguments() {
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(
                    !help.is_ascii(),
                    "{} {} help is not Chinese: {help}",
                    c.get_name(),
                    a.get_id()
                );
            }
            commands.extend(c.get_subcommands().cloned());
        }
    }
}
