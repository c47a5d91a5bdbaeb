//! The column table of the item sheets (docs/workbooks.md): one row per column
//! of 事项, 申请材料, 办理流程, 办理地点 and 收费项目, with its record key, headers, width, kind of
//! value and the note shown on its header. `template`, `import` and the
//! exports read this table; no header or label is spelled anywhere else.

use crate::i18n::Lang;
use crate::model::{
    Authority, CaseType, Category, Decision, Delivery, ItemKind, Labelled, LawLevel, Level,
    MaterialForm, MaterialKind, MaterialSource, Online, Pricing, ResultKind, Special, Target,
};

/// The sheets of an item workbook: the items, and one sheet per list of
/// records an item holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sheet {
    Items,
    Materials,
    Steps,
    Locations,
    /// 收费项目: one row per charge of an item's fee (`fee.items`).
    Charges,
}

impl Sheet {
    pub const ALL: [Sheet; 5] = [
        Sheet::Items,
        Sheet::Materials,
        Sheet::Steps,
        Sheet::Locations,
        Sheet::Charges,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Sheet::Items => "事项",
            Sheet::Materials => "申请材料",
            Sheet::Steps => "办理流程",
            Sheet::Locations => "办理地点",
            Sheet::Charges => "收费项目",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Sheet::Items => "Items",
            Sheet::Materials => "Materials",
            Sheet::Steps => "Steps",
            Sheet::Locations => "Locations",
            Sheet::Charges => "Charges",
        }
    }
    /// The record list a sheet's rows make, dotted when nested
    /// (`fee.items`); `None` for the 事项 sheet, whose rows are records.
    pub fn list_key(self) -> Option<&'static str> {
        match self {
            Sheet::Items => None,
            Sheet::Materials => Some("materials"),
            Sheet::Steps => Some("process"),
            Sheet::Locations => Some("locations"),
            Sheet::Charges => Some("fee.items"),
        }
    }
    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }
    pub fn columns(self) -> &'static [Column] {
        match self {
            Sheet::Items => ITEM_COLUMNS,
            Sheet::Materials => MATERIAL_COLUMNS,
            Sheet::Steps => STEP_COLUMNS,
            Sheet::Locations => LOCATION_COLUMNS,
            Sheet::Charges => CHARGE_COLUMNS,
        }
    }
    /// The sheet a workbook's sheet name stands for, Chinese or English.
    pub fn from_name(name: &str) -> Option<Sheet> {
        let name = normalize_header(name);
        Sheet::ALL
            .into_iter()
            .find(|s| normalize_header(s.zh()) == name || normalize_header(s.en()) == name)
    }
    /// The column a header names, Chinese or English; full-width letters,
    /// spaces and a `*` marking a required column are tolerated.
    pub fn column(self, header: &str) -> Option<&'static Column> {
        find_column(self.columns(), header)
    }
    pub fn column_by_key(self, key: &str) -> &'static Column {
        self.columns()
            .iter()
            .find(|c| c.key == key)
            .expect("the key is in the table")
    }
}

/// What a column holds and how a cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 序号 / 事项序号 / 步骤序号: joins rows; not a record key.
    Seq,
    /// 文件: the item file a pre-filled row came from; not a record key.
    File,
    /// One text.
    Text,
    /// A code kept as text: a number cell has lost digits and is refused.
    Code,
    /// A list of texts, one a line (申请条件, 常见错误示例).
    Lines,
    /// A list of texts split on lines, `；`, `;` and `、` (服务主题).
    Words,
    /// 实施依据: one `《title》article` a line.
    LegalBasis,
    /// 是/否.
    Bool,
    /// A whole number at least this.
    Count(u32),
    /// One value of an enumeration (a drop-down in the template).
    Choice(Choices),
    /// Several values of an enumeration, split like `Words` (no drop-down).
    ChoiceList(Choices),
    /// 实施主体: a department's name or id (a drop-down of names).
    Department,
    /// 联办机构: departments' names or ids, split like `Words`; a name the
    /// register does not know is kept as written (validate reports it).
    Departments,
    /// A date, `YYYY-MM-DD` (a date cell is read as the date it shows).
    Date,
    /// 出具单位: a department (its name shown, its id kept) or an outside
    /// body's name, kept as written.
    Issuer,
    /// 资质及有效期 of an agency: one qualification a line,
    /// `名称，证书编号，有效期 起始日 至 截止日`.
    Qualifications,
}

impl Kind {
    /// Multi-valued cells get no drop-down and are wrapped.
    pub fn is_multi(self) -> bool {
        matches!(
            self,
            Kind::Lines
                | Kind::Words
                | Kind::LegalBasis
                | Kind::ChoiceList(_)
                | Kind::Departments
                | Kind::Qualifications
        )
    }
}

/// The enumerations a sheet column may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    ItemKind,
    Category,
    Target,
    Online,
    MaterialForm,
    MaterialSource,
    /// 特别程序 of a step.
    Special,
    Level,
    CaseType,
    ResultKind,
    Delivery,
    Authority,
    /// 审核意见结论 (review workbooks).
    Decision,
    /// 定价方式 of a charge; 价格形式 of an intermediary service.
    Pricing,
    /// 类别 of the materials register.
    MaterialKind,
    /// 效力层级 of the laws register.
    LawLevel,
}

/// One allowed value: the key qingdan writes and the labels people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Label {
    pub fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

fn labels_of<T: Labelled>() -> Vec<Label> {
    T::VARIANTS
        .iter()
        .map(|v| Label {
            key: v.key,
            zh: v.zh,
            en: v.en,
        })
        .collect()
}

fn parse_with<T: Labelled>(text: &str) -> Option<&'static str> {
    T::parse(text).map(|v| v.key())
}

impl Choices {
    pub fn labels(self) -> Vec<Label> {
        match self {
            Choices::ItemKind => labels_of::<ItemKind>(),
            Choices::Category => labels_of::<Category>(),
            Choices::Target => labels_of::<Target>(),
            Choices::Online => labels_of::<Online>(),
            Choices::MaterialForm => labels_of::<MaterialForm>(),
            Choices::MaterialSource => labels_of::<MaterialSource>(),
            Choices::Special => labels_of::<Special>(),
            Choices::Level => labels_of::<Level>(),
            Choices::CaseType => labels_of::<CaseType>(),
            Choices::ResultKind => labels_of::<ResultKind>(),
            Choices::Delivery => labels_of::<Delivery>(),
            Choices::Authority => labels_of::<Authority>(),
            Choices::Decision => labels_of::<Decision>(),
            Choices::Pricing => labels_of::<Pricing>(),
            Choices::MaterialKind => labels_of::<MaterialKind>(),
            Choices::LawLevel => labels_of::<LawLevel>(),
        }
    }

    /// The labels a template's drop-down offers: every label, except the
    /// item kinds nobody applies for (an import still reads them, so that
    /// `out-of-scope` can say why such an item does not belong).
    pub fn offered(self) -> Vec<Label> {
        match self {
            Choices::ItemKind => ItemKind::VARIANTS
                .iter()
                .filter(|v| v.value.is_applied_for())
                .map(|v| Label {
                    key: v.key,
                    zh: v.zh,
                    en: v.en,
                })
                .collect(),
            _ => self.labels(),
        }
    }

    /// The key for a cell value: a key, a Chinese label, a code (item
    /// kinds), or an English label in any case.
    pub fn parse(self, text: &str) -> Option<&'static str> {
        let by_key_or_label = match self {
            Choices::ItemKind => parse_with::<ItemKind>(text),
            Choices::Category => parse_with::<Category>(text),
            Choices::Target => parse_with::<Target>(text),
            Choices::Online => parse_with::<Online>(text),
            Choices::MaterialForm => parse_with::<MaterialForm>(text),
            Choices::MaterialSource => parse_with::<MaterialSource>(text),
            Choices::Special => parse_with::<Special>(text),
            Choices::Level => parse_with::<Level>(text),
            Choices::CaseType => parse_with::<CaseType>(text),
            Choices::ResultKind => parse_with::<ResultKind>(text),
            Choices::Delivery => parse_with::<Delivery>(text),
            Choices::Authority => parse_with::<Authority>(text),
            Choices::Decision => parse_with::<Decision>(text),
            Choices::Pricing => parse_with::<Pricing>(text),
            Choices::MaterialKind => parse_with::<MaterialKind>(text),
            Choices::LawLevel => parse_with::<LawLevel>(text),
        };
        let text = text.trim();
        by_key_or_label.or_else(|| {
            self.labels()
                .into_iter()
                .find(|l| l.en.eq_ignore_ascii_case(text))
                .map(|l| l.key)
        })
    }
}

/// 是/否 as the template offers them.
pub const YES_NO: [Label; 2] = [
    Label {
        key: "true",
        zh: "是",
        en: "Yes",
    },
    Label {
        key: "false",
        zh: "否",
        en: "No",
    },
];

/// A 是/否 cell: 是/否, 有/无, Yes/No, Y/N, true/false, 1/0.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "是" | "有" | "yes" | "y" | "true" | "1" | "√" => Some(true),
        "否" | "无" | "no" | "n" | "false" | "0" | "×" => Some(false),
        _ => None,
    }
}

/// Columns that join rows and name files; they are not keys of the record.
pub const JOIN_KEYS: &[&str] = &["seq", "file", "item_seq", "step_seq"];

/// One column of a sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The record key, dotted for nested keys (`time_limit.legal`), or a
    /// join key (`seq`, `file`, `item_seq`, `step_seq`).
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Width in Excel character units (a Chinese character takes two).
    pub width: f64,
    pub kind: Kind,
    /// The row cannot become a record without it.
    pub required: bool,
    /// What to write, shown as the header's note.
    pub note_zh: &'static str,
    pub note_en: &'static str,
}

impl Column {
    pub fn header(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
    pub fn note(&self, lang: Lang) -> &'static str {
        lang.pick(self.note_zh, self.note_en)
    }
    /// True for columns that are keys of the record (not join columns).
    pub fn is_record_key(&self) -> bool {
        !JOIN_KEYS.contains(&self.key)
    }
    /// The top-level record key the column writes into (`fee` for `fee.basis`).
    pub fn top_key(&self) -> &'static str {
        self.key.split('.').next().unwrap_or(self.key)
    }
}

/// The column of `table` a header names, Chinese or English.
pub fn find_column(table: &'static [Column], header: &str) -> Option<&'static Column> {
    let header = normalize_header(header);
    table
        .iter()
        .find(|c| normalize_header(c.zh) == header || normalize_header(c.en) == header)
}

/// Header text made comparable: full-width forms and the ideographic space
/// as half-width, no spaces, no `*`, ASCII lower case.
pub fn normalize_header(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .filter(|c| !c.is_whitespace() && *c != '*')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[allow(
    clippy::too_many_arguments,
    reason = "one call per row of the const column table, read like a table row"
)]
const fn col(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    width: f64,
    kind: Kind,
    required: bool,
    note_zh: &'static str,
    note_en: &'static str,
) -> Column {
    Column {
        key,
        zh,
        en,
        width,
        kind,
        required,
        note_zh,
        note_en,
    }
}

const BOOL_ZH: &str = "填「是」或「否」";
const BOOL_EN: &str = "Yes or No";

/// 办理时间: of an item, and of each of its places.
const HOURS: Column = col(
    "hours",
    "办理时间",
    "Hours",
    24.0,
    Kind::Text,
    false,
    "如：工作日上午8:30—12:00，下午14:00—17:30",
    "Opening hours",
);

pub const ITEM_COLUMNS: &[Column] = &[
    col(
        "seq",
        "序号",
        "No.",
        6.0,
        Kind::Seq,
        false,
        "本表内的序号（1、2、3…）。申请材料、办理流程、办理地点和收费项目表用「事项序号」指向这里",
        "Row number within this sheet (1, 2, 3…). The Materials, Steps, Locations and Charges sheets refer to it as Item No.",
    ),
    col(
        "file",
        "文件",
        "File",
        24.0,
        Kind::File,
        false,
        "事项文件（由 qingdan template --department 填写），请勿修改；新事项留空",
        "The item file (filled by qingdan template --department); do not edit. Leave empty for a new item",
    ),
    col(
        "name",
        "事项名称",
        "Name",
        30.0,
        Kind::Text,
        true,
        "必填。事项的规范名称，在本部门内不得重复",
        "Required. The item's name, unique within the department",
    ),
    col(
        "kind",
        "事项类型",
        "Kind",
        14.0,
        Kind::Choice(Choices::ItemKind),
        true,
        "必填。从下拉列表中选择（公共服务填「公共服务」）",
        "Required. Pick from the list (Public service for most items)",
    ),
    col(
        "category",
        "服务类别",
        "Category",
        16.0,
        Kind::Choice(Choices::Category),
        true,
        "必填。从下拉列表中选择",
        "Required. Pick from the list",
    ),
    col(
        "themes",
        "服务主题",
        "Themes",
        16.0,
        Kind::Words,
        false,
        "可填多个，用顿号「、」、分号或换行分隔，如：企业设立、社会事务",
        "Several allowed, separated by 、, ; or new lines, e.g. 企业设立、社会事务",
    ),
    col(
        "reference_code",
        "参考目录编码",
        "Reference code",
        20.0,
        Kind::Code,
        false,
        "参考目录中对应事项的编码，照原样填写（单元格须为文本格式）",
        "The reference catalogue's code, as published (a text cell)",
    ),
    col(
        "code",
        "事项编码",
        "Code",
        22.0,
        Kind::Code,
        false,
        "由 qingdan code 赋码，请勿手填；已有编码的事项按编码对应清单中的事项",
        "Given by qingdan code; do not type one. A row with a code updates the item with that code",
    ),
    col(
        "department",
        "实施主体",
        "Department",
        26.0,
        Kind::Department,
        true,
        "必填。从下拉列表中选择实施主体名称（也可填名录中的 id）",
        "Required. Pick the department's name from the list (its id works too)",
    ),
    col(
        "targets",
        "服务对象",
        "Targets",
        16.0,
        Kind::ChoiceList(Choices::Target),
        true,
        "必填。可填多个，用顿号「、」、分号或换行分隔，如：自然人、企业法人",
        "Required. Several allowed, separated by 、, ; or new lines, e.g. Natural person; Enterprise legal person",
    ),
    col(
        "legal_basis",
        "实施依据",
        "Legal basis",
        40.0,
        Kind::LegalBasis,
        true,
        "必填。每行一条，写成《法规名称》第…条；设定依据在行首写「设定依据：」，不写的为实施依据",
        "Required. One a line: 《title》 then the article (第…条); a setting basis starts with Setting: , others are implementing bases",
    ),
    col(
        "parent",
        "主项",
        "Main item",
        22.0,
        Kind::Code,
        false,
        "子项填所属主项的事项编码（或事项文件）；主项和单独的事项留空",
        "For a sub-item: the main item's code (or file). Empty for main and single items",
    ),
    col(
        "guide",
        "办事指南类",
        "Service guide",
        10.0,
        Kind::Bool,
        false,
        "是否需要办事指南，填「是」或「否」，留空为「是」",
        "Does the item need a service guide? Yes or No; empty means Yes",
    ),
    col(
        "level",
        "行使层级",
        "Level",
        12.0,
        Kind::Choice(Choices::Level),
        false,
        "从下拉列表中选择",
        "Pick from the list",
    ),
    col(
        "proxy",
        "全程代办",
        "Proxy service",
        10.0,
        Kind::Bool,
        false,
        "可全程代办的填「是」",
        "Yes when the whole item can be handled by proxy",
    ),
    col(
        "authority",
        "权力来源",
        "Source of authority",
        16.0,
        Kind::Choice(Choices::Authority),
        false,
        "从下拉列表中选择：法定本级行使、上级下放或上级委托",
        "Pick from the list: statutory, delegated or entrusted",
    ),
    col(
        "delegated_from",
        "下放或委托机关",
        "Delegated or entrusted by",
        20.0,
        Kind::Text,
        false,
        "上级下放或委托的，填下放或委托的机关",
        "When delegated or entrusted: the authority that did so",
    ),
    col(
        "joint_departments",
        "联办机构",
        "Joint departments",
        24.0,
        Kind::Departments,
        false,
        "协同办理的其他实施主体，可填多个，用顿号「、」分隔（须在实施主体名录中）",
        "Other departments handling it jointly, separated by 、 or ; (registered departments)",
    ),
    col(
        "acceptance_scope",
        "受理范围",
        "Acceptance scope",
        30.0,
        Kind::Text,
        false,
        "可以申请的人或情形，写具体，不要写「等」",
        "Who or what may apply; be specific",
    ),
    col(
        "accepting_unit",
        "受理单位",
        "Accepting unit",
        24.0,
        Kind::Text,
        false,
        "办事指南类必填。受理申请的单位",
        "Required for service-guide items. The unit that accepts applications",
    ),
    col(
        "location",
        "办理地点",
        "Location",
        30.0,
        Kind::Text,
        false,
        "办事指南类必填（或在「办理地点」表逐处填写）。具体地址和窗口",
        "Required for service-guide items (or list each place in the Locations sheet). Address and counter",
    ),
    HOURS,
    col(
        "conditions",
        "申请条件",
        "Conditions",
        40.0,
        Kind::Lines,
        false,
        "办事指南类必填。每行一个条件",
        "Required for service-guide items. One condition a line",
    ),
    col(
        "time_limit.legal",
        "法定时限",
        "Legal time limit",
        12.0,
        Kind::Text,
        false,
        "如：20个工作日、30日、即办；法律未规定的填「无」",
        "e.g. 20个工作日, 30日, 即办; 无 when the law sets none",
    ),
    col(
        "time_limit.promised",
        "承诺时限",
        "Promised time limit",
        12.0,
        Kind::Text,
        false,
        "办事指南类必填。如：5个工作日、即办，不得超过法定时限",
        "Required for service-guide items. e.g. 5个工作日 or 即办; not above the legal limit",
    ),
    col(
        "case_type",
        "办件类型",
        "Case type",
        12.0,
        Kind::Choice(Choices::CaseType),
        false,
        "从下拉列表中选择：即办件或承诺件（承诺时限为即办的是即办件）",
        "Pick from the list: handled at once, or within a promised time",
    ),
    col(
        "quantity_limit",
        "数量限制",
        "Quantity limit",
        16.0,
        Kind::Text,
        false,
        "有数量限制的写明限制，如：每年不超过100件",
        "Any limit on the number granted",
    ),
    col(
        "result.name",
        "结果名称",
        "Result name",
        20.0,
        Kind::Text,
        false,
        "办事指南类应填。申请人最终得到的证照、批文或证明的名称",
        "Expected for service-guide items. What the applicant receives",
    ),
    col(
        "result.kind",
        "结果类型",
        "Result type",
        12.0,
        Kind::Choice(Choices::ResultKind),
        false,
        "从下拉列表中选择：证照、批文、证明或其他",
        "Pick from the list",
    ),
    col(
        "result.sample",
        "结果样本",
        "Result sample",
        20.0,
        Kind::Text,
        false,
        "办理结果样本的说明或相对路径",
        "A description of the result's sample, or a relative path to it",
    ),
    col(
        "result.delivery",
        "送达方式",
        "Delivery",
        16.0,
        Kind::ChoiceList(Choices::Delivery),
        false,
        "可填多个，用顿号「、」分隔：窗口领取、邮寄、网上下载",
        "Several allowed, separated by ; : collected at the window, by post, downloaded online",
    ),
    col(
        "fee.charged",
        "是否收费",
        "Charged",
        10.0,
        Kind::Bool,
        false,
        "办事指南类必填。填「是」或「否」",
        "Required for service-guide items. Yes or No",
    ),
    col(
        "fee.standard",
        "收费标准",
        "Fee standard",
        20.0,
        Kind::Text,
        false,
        "收费的填写标准，如：每件10元",
        "When charged: the amount",
    ),
    col(
        "fee.basis",
        "收费依据",
        "Fee basis",
        24.0,
        Kind::Text,
        false,
        "收费的填写依据文件及文号",
        "When charged: the document that sets the fee",
    ),
    col(
        "fee.government_priced",
        "政府定价",
        "Government priced",
        10.0,
        Kind::Bool,
        false,
        BOOL_ZH,
        BOOL_EN,
    ),
    col(
        "consultation",
        "咨询方式",
        "Consultation",
        30.0,
        Kind::Text,
        false,
        "办事指南类必填。电话、地址或网址",
        "Required for service-guide items. Phone, address or URL",
    ),
    col(
        "complaint",
        "监督投诉方式",
        "Complaint",
        24.0,
        Kind::Text,
        false,
        "投诉电话或地址",
        "Phone or address for complaints",
    ),
    col(
        "online",
        "网上办理",
        "Online",
        12.0,
        Kind::Choice(Choices::Online),
        false,
        "从下拉列表中选择",
        "Pick from the list",
    ),
    col(
        "online_url",
        "网上办理地址",
        "Online address",
        30.0,
        Kind::Text,
        false,
        "可网上办理的应填写网上申报的网址",
        "Expected for items handled online: the web address",
    ),
    col(
        "services.appointment",
        "预约办理",
        "Appointment",
        10.0,
        Kind::Bool,
        false,
        "可预约办理的填「是」",
        "Yes when appointments can be made",
    ),
    col(
        "services.mail",
        "材料可邮寄",
        "Materials by post",
        10.0,
        Kind::Bool,
        false,
        "申请材料可邮寄递交的填「是」",
        "Yes when materials may be sent by post",
    ),
    col(
        "services.self_service",
        "自助办理",
        "Self-service",
        10.0,
        Kind::Bool,
        false,
        "可在自助终端办理的填「是」",
        "Yes when a self-service terminal handles it",
    ),
    col(
        "services.any_location",
        "同城通办",
        "Anywhere in the city",
        10.0,
        Kind::Bool,
        false,
        "可在本市任一窗口办理的填「是」",
        "Yes when any window in the city handles it",
    ),
    col(
        "services.proxy",
        "代办",
        "By proxy",
        10.0,
        Kind::Bool,
        false,
        "村（社区）或窗口可代办的填「是」",
        "Yes when a village, community or window handles it for the applicant",
    ),
    col(
        "visits",
        "到现场次数",
        "Visits",
        12.0,
        Kind::Count(0),
        false,
        "申请人最多需到现场几次，填数字（最多跑一次：0 或 1）",
        "How many times the applicant must come in person (a number)",
    ),
    col(
        "commitment",
        "告知承诺制",
        "Commitment",
        12.0,
        Kind::Bool,
        false,
        "先办理、后核查的填「是」",
        "Yes when granted first and checked later",
    ),
    col(
        "transferable",
        "可向社会组织转移",
        "Transferable",
        18.0,
        Kind::Bool,
        false,
        "可转移给社会组织承接的填「是」",
        "Yes when social organisations could take it over",
    ),
    col(
        "transfer.to",
        "转移承接主体",
        "Transfer to",
        18.0,
        Kind::Text,
        false,
        "可转移的填承接的社会组织，如：瓯江市体育总会",
        "For a transferable item: the organisation taking it over",
    ),
    col(
        "transfer.reason",
        "转移理由",
        "Transfer reason",
        24.0,
        Kind::Text,
        false,
        "说明为何属辅助性、技术性职能（只有公共服务事项可转移）",
        "Why the function is auxiliary or technical (public services only)",
    ),
    col(
        "transfer.scope",
        "转移范围",
        "Transfer scope",
        20.0,
        Kind::Text,
        false,
        "整项转移，或写明转移哪一部分",
        "All of the item, or which part moves",
    ),
    col(
        "intermediaries",
        "涉及的中介服务",
        "Intermediary services",
        18.0,
        Kind::Words,
        false,
        "事项需要的中介服务事项编号（intermediaries/ 下的文件名），多个用顿号分隔，如：fwmjch",
        "Ids of the intermediary services the item requires (file names under intermediaries/), e.g. fwmjch",
    ),
    col(
        "remarks",
        "备注",
        "Remarks",
        24.0,
        Kind::Text,
        false,
        "其他需要说明的情况",
        "Anything else",
    ),
];

pub const MATERIAL_COLUMNS: &[Column] = &[
    col(
        "item_seq",
        "事项序号",
        "Item No.",
        10.0,
        Kind::Seq,
        true,
        "必填。该材料所属事项在「事项」表中的序号",
        "Required. The No. of the material's item in the Items sheet",
    ),
    col(
        "name",
        "材料名称",
        "Material",
        30.0,
        Kind::Text,
        true,
        "必填。写明具体材料，不要写「其他材料」「相关材料」",
        "Required. Name the document; no catch-alls such as 其他材料",
    ),
    col(
        "form",
        "材料形式",
        "Form",
        12.0,
        Kind::Choice(Choices::MaterialForm),
        false,
        "从下拉列表中选择",
        "Pick from the list",
    ),
    col(
        "copies",
        "份数",
        "Copies",
        8.0,
        Kind::Count(1),
        false,
        "填数字，至少 1",
        "A number, at least 1",
    ),
    col(
        "source",
        "来源渠道",
        "Source",
        14.0,
        Kind::Choice(Choices::MaterialSource),
        false,
        "从下拉列表中选择",
        "Pick from the list",
    ),
    col(
        "proof",
        "是否证明",
        "Proof",
        10.0,
        Kind::Bool,
        false,
        "证明某一事实的证明材料填「是」，并填写设定依据",
        "Yes for a certificate proving a fact; then give its basis",
    ),
    col(
        "basis",
        "设定依据",
        "Basis",
        24.0,
        Kind::Text,
        false,
        "证明材料的设定依据（法规名称及条款）",
        "The law that requires the certificate",
    ),
    col(
        "when",
        "材料情形",
        "When needed",
        24.0,
        Kind::Text,
        false,
        "只在某些情形下需要的材料写明情形，如：仅因火灾申请救助时提供",
        "When only some applicants need it: in which case",
    ),
    col(
        "shared",
        "可共享获取",
        "Shared",
        10.0,
        Kind::Bool,
        false,
        "可通过部门间数据共享获取的填「是」（此类材料不得要求申请人提供）",
        "Yes when the office can obtain it from another department's data (then it must not be asked for)",
    ),
    col(
        "shared_from",
        "共享来源",
        "Shared from",
        20.0,
        Kind::Text,
        false,
        "共享数据的来源部门或系统",
        "The department or system that shares it",
    ),
    col(
        "sample",
        "示范文本",
        "Sample",
        24.0,
        Kind::Text,
        false,
        "示范文本或填写样本的说明或相对路径",
        "Sample text, or a relative path to it",
    ),
    col(
        "blank_form",
        "空白表格",
        "Blank form",
        24.0,
        Kind::Text,
        false,
        "空白表格的说明或相对路径",
        "The blank form, or a relative path to it",
    ),
    col(
        "common_errors",
        "常见错误示例",
        "Common errors",
        30.0,
        Kind::Lines,
        false,
        "每行一个常见错误",
        "One common error a line",
    ),
];

pub const STEP_COLUMNS: &[Column] = &[
    col(
        "item_seq",
        "事项序号",
        "Item No.",
        10.0,
        Kind::Seq,
        true,
        "必填。该环节所属事项在「事项」表中的序号",
        "Required. The No. of the step's item in the Items sheet",
    ),
    col(
        "step_seq",
        "步骤序号",
        "Step No.",
        10.0,
        Kind::Count(1),
        false,
        "环节的先后顺序（1、2、3…）；留空按行的顺序",
        "Order of the step (1, 2, 3…); empty means row order",
    ),
    col(
        "name",
        "环节名称",
        "Step",
        20.0,
        Kind::Text,
        true,
        "必填。如：受理、审核、办结",
        "Required. e.g. 受理, 审核, 办结",
    ),
    col(
        "actor",
        "办理人员",
        "Actor",
        20.0,
        Kind::Text,
        false,
        "如：窗口工作人员",
        "Who handles it",
    ),
    col(
        "department",
        "办理部门",
        "Handling unit",
        24.0,
        Kind::Text,
        false,
        "办理该环节的部门（可选）",
        "The unit that handles it (optional)",
    ),
    col(
        "time_limit",
        "环节时限",
        "Time limit",
        12.0,
        Kind::Text,
        false,
        "如：即办、1个工作日",
        "e.g. 即办, 1个工作日",
    ),
    col(
        "special",
        "特别程序",
        "Special procedure",
        12.0,
        Kind::Choice(Choices::Special),
        false,
        "公示、听证、检验检测、鉴定、专家评审、招标拍卖等特别程序选其一：其环节时限不计入承诺时限；普通环节留空",
        "For a public notice, hearing, inspection or testing, appraisal, expert review, tender or auction: its time limit stays outside the promised limit; empty for an ordinary step",
    ),
    col(
        "materials",
        "提交材料",
        "Materials handed in",
        24.0,
        Kind::Lines,
        false,
        "该环节需提交的申请材料名称，每行一个",
        "The materials handed in at this step, one a line",
    ),
    col(
        "note",
        "说明",
        "Note",
        30.0,
        Kind::Text,
        false,
        "需要说明的情况",
        "Anything to explain",
    ),
];

pub const LOCATION_COLUMNS: &[Column] = &[
    col(
        "item_seq",
        "事项序号",
        "Item No.",
        10.0,
        Kind::Seq,
        true,
        "必填。该地点所属事项在「事项」表中的序号",
        "Required. The No. of the place's item in the Items sheet",
    ),
    col(
        "name",
        "地点名称",
        "Place",
        24.0,
        Kind::Text,
        true,
        "必填。如：某某街道便民服务中心",
        "Required. e.g. the township's service centre",
    ),
    col(
        "address",
        "地址",
        "Address",
        30.0,
        Kind::Text,
        false,
        "具体地址和窗口",
        "Address and counter",
    ),
    HOURS,
    col(
        "phone",
        "联系电话",
        "Phone",
        16.0,
        Kind::Text,
        false,
        "该地点的咨询电话",
        "The place's phone number",
    ),
];

pub const CHARGE_COLUMNS: &[Column] = &[
    col(
        "item_seq",
        "事项序号",
        "Item No.",
        10.0,
        Kind::Seq,
        true,
        "必填。该收费项目所属事项在「事项」表中的序号（该事项「是否收费」填「是」）",
        "Required. The No. of the charge's item in the Items sheet (whose Charged is Yes)",
    ),
    col(
        "name",
        "收费项目名称",
        "Charge",
        24.0,
        Kind::Text,
        true,
        "必填。与收费目录清单中的收费项目名称一致",
        "Required. The charge's name as the fee register has it",
    ),
    CHARGE_STANDARD,
    CHARGE_BASIS,
    CHARGE_PRICING,
];

/// 收费标准, 收费依据 and 定价方式: of an item's charge and of the fee register.
const CHARGE_STANDARD: Column = col(
    "standard",
    "收费标准",
    "Standard",
    24.0,
    Kind::Text,
    false,
    "如：每件 10 元",
    "e.g. 10 yuan a copy",
);
const CHARGE_BASIS: Column = col(
    "basis",
    "收费依据",
    "Basis",
    30.0,
    Kind::Text,
    false,
    "设定该收费的文件名称及文号",
    "The document that sets the charge",
);
const CHARGE_PRICING: Column = col(
    "pricing",
    "定价方式",
    "Pricing",
    14.0,
    Kind::Choice(Choices::Pricing),
    false,
    "从下拉列表中选择：政府定价、政府指导价或市场调节价",
    "Pick from the list: government, government-guided or market pricing",
);

/// Columns only the published catalog has (`qingdan export`): the main
/// item of a sub-item by name, and the summaries of an item's materials, samples, common
/// errors and steps that make one row of the service-guide element table
/// (办事指南要素表, seed 004), and what 证明事项清单 says of each proof
/// (its name, issuer and the proofs register's word). Every other exported
/// column is one of the sheets' columns above.
pub const EXPORT_COLUMNS: &[Column] = &[
    col(
        "parent_name",
        "所属主项",
        "Main item name",
        24.0,
        Kind::Text,
        false,
        "子项所属主项的名称",
        "A sub-item's main item, by name",
    ),
    col(
        "guide.materials",
        "申请材料",
        "Materials",
        40.0,
        Kind::Lines,
        false,
        "每行一个材料：名称（形式，份数）",
        "One material a line: name (form, copies)",
    ),
    col(
        "guide.locations",
        "办理地点（多处）",
        "Locations",
        40.0,
        Kind::Lines,
        false,
        "每行一处：地点名称（地址，办理时间，电话）",
        "One place a line: name (address, hours, phone)",
    ),
    col(
        "guide.samples",
        "示范文本",
        "Samples",
        36.0,
        Kind::Lines,
        false,
        "每行一个：材料名称：示范文本",
        "One a line: material: sample",
    ),
    col(
        "guide.common_errors",
        "常见错误示例",
        "Common errors",
        36.0,
        Kind::Lines,
        false,
        "每行一个：材料名称：常见错误",
        "One a line: material: common error",
    ),
    col(
        "guide.process",
        "基本流程",
        "Process",
        40.0,
        Kind::Lines,
        false,
        "每行一个环节：环节名称（办理人员，环节时限）",
        "One step a line: step (actor, time limit)",
    ),
    col(
        "proof.name",
        "证明名称",
        "Proof",
        24.0,
        Kind::Text,
        false,
        "事项要求申请人提供的证明",
        "A proof the item asks the applicant for",
    ),
    col(
        "proof.issuer",
        "开具单位",
        "Issued by",
        20.0,
        Kind::Department,
        false,
        "材料目录或保留的证明事项清单所列的开具单位",
        "The issuer the materials register or the retained list gives",
    ),
    col(
        "proof.register",
        "证明事项清单对照",
        "Proofs register",
        20.0,
        Kind::Text,
        false,
        "列入保留的证明事项清单、不在清单中，或已取消",
        "On the retained list, not on it, or cancelled",
    ),
];

/// An export-only column by its key.
/// The columns of 中介服务事项 (one row per `intermediaries/` file; `id` is
/// its file stem).
pub const INTERMEDIARY_COLUMNS: &[Column] = &[
    col(
        "id",
        "编号",
        "Id",
        10.0,
        Kind::Code,
        true,
        "中介服务的编号，即 intermediaries/ 下的文件名（不含 .yaml），小写字母和数字，如：fwmjch",
        "The service's id: its file name under intermediaries/ without .yaml, e.g. fwmjch",
    ),
    col(
        "name",
        "中介服务事项名称",
        "Intermediary service",
        22.0,
        Kind::Text,
        true,
        "如：房屋面积测绘",
        "e.g. 房屋面积测绘 (floor area survey)",
    ),
    col(
        "department",
        "行业主管部门",
        "Department in charge",
        22.0,
        Kind::Department,
        true,
        "从下拉列表选择",
        "Pick from the list",
    ),
    col(
        "required_by",
        "涉及的公共服务事项",
        "Required by items",
        30.0,
        Kind::Lines,
        false,
        "需要本服务的事项，每行一个：事项编码或 items/ 下的文件",
        "The items requiring the service, one a line: item code or file under items/",
    ),
    col(
        "mandatory",
        "是否强制",
        "Mandatory",
        10.0,
        Kind::Bool,
        true,
        "申请人必须办理的填「是」；强制的须写设定依据",
        "Yes when the applicant must obtain it; a mandatory service needs its basis",
    ),
    col(
        "basis",
        "设定依据",
        "Basis",
        30.0,
        Kind::Text,
        false,
        "法律法规名称和条款，如：《房产测绘管理办法》第六条",
        "Law and article, e.g. 《房产测绘管理办法》第六条",
    ),
    col(
        "pricing",
        "价格形式",
        "Pricing",
        12.0,
        Kind::Choice(Choices::Pricing),
        false,
        "从下拉列表选择：政府定价、政府指导价或市场调节价",
        "Pick from the list: government, guided or market pricing",
    ),
    col(
        "standard",
        "收费标准",
        "Fee standard",
        30.0,
        Kind::Text,
        false,
        "如：住宅每平方米建筑面积1.36元",
        "e.g. 1.36 yuan per square metre of floor area",
    ),
    col(
        "time_limit",
        "服务时限",
        "Time limit",
        12.0,
        Kind::Text,
        false,
        "如：7个工作日",
        "e.g. 7个工作日 (7 working days)",
    ),
    col(
        "qualification",
        "机构资质要求",
        "Qualification required",
        24.0,
        Kind::Text,
        false,
        "承揽机构须具备的资质，如：测绘资质（不动产测绘专业，乙级及以上）",
        "The qualification an agency needs",
    ),
];

/// The columns of 承揽机构 (one row per agency of `registers/agencies.yaml`).
pub const AGENCY_COLUMNS: &[Column] = &[
    col(
        "name",
        "机构名称",
        "Agency",
        26.0,
        Kind::Text,
        true,
        "承揽机构的全称",
        "The agency's full name",
    ),
    col(
        "credit_code",
        "统一社会信用代码",
        "Credit code",
        22.0,
        Kind::Code,
        true,
        "18 位统一社会信用代码",
        "The 18-character unified social credit code",
    ),
    col(
        "qualifications",
        "资质及有效期",
        "Qualifications",
        40.0,
        Kind::Qualifications,
        false,
        "每行一个资质：名称，证书编号，有效期 起始日 至 截止日（YYYY-MM-DD）",
        "One qualification a line: name, certificate number, valid from … to … (YYYY-MM-DD)",
    ),
    col(
        "services",
        "可承揽的中介服务",
        "Services",
        24.0,
        Kind::Words,
        false,
        "中介服务事项的编号，多个用顿号分隔，如：fwmjch",
        "Intermediary service ids, e.g. fwmjch",
    ),
    col(
        "contact",
        "联系方式",
        "Contact",
        30.0,
        Kind::Text,
        false,
        "电话、地址",
        "Phone, address",
    ),
];

/// 别名 of a register entry: one a line in its cell.
const ALIASES: Column = col(
    "aliases",
    "别名",
    "Aliases",
    24.0,
    Kind::Lines,
    false,
    "经办人员可能写的其他名称，一个单元格内每行一个（Alt+Enter 换行）",
    "Other names clerks write for it, one a line within the cell (Alt+Enter)",
);

/// The columns of 材料目录 (`registers/materials.yaml`, one row per material).
pub const REGISTER_MATERIAL_COLUMNS: &[Column] = &[
    col(
        "name",
        "标准名称",
        "Standard name",
        24.0,
        Kind::Text,
        true,
        "必填。材料或证照的标准名称，如：居民身份证",
        "Required. The material's standard name, e.g. 居民身份证",
    ),
    ALIASES,
    col(
        "kind",
        "类别",
        "Kind",
        10.0,
        Kind::Choice(Choices::MaterialKind),
        true,
        "必填。从下拉列表选择：证照、证明、表格或其他",
        "Required. Pick from the list: licence, proof, form or other",
    ),
    col(
        "issuer",
        "出具单位",
        "Issuer",
        20.0,
        Kind::Issuer,
        false,
        "本清单的实施主体（名称或 id），或外单位名称，如：公安机关",
        "A department of this catalog (name or id), or an outside body, e.g. 公安机关",
    ),
    col(
        "shareable",
        "可共享获取",
        "Shareable",
        10.0,
        Kind::Bool,
        false,
        "可通过信息共享或电子证照库获取的填「是」，不得再要求申请人提供",
        "Yes when obtainable through data sharing or the e-licence library: applicants are no longer asked for it",
    ),
    col(
        "system",
        "共享来源系统",
        "Sharing system",
        16.0,
        Kind::Text,
        false,
        "如：人口库、电子证照库",
        "e.g. 人口库 (population database), 电子证照库 (e-licence library)",
    ),
];

/// The columns of 法律法规库 (`registers/laws.yaml`, one row per law).
pub const REGISTER_LAW_COLUMNS: &[Column] = &[
    col(
        "title",
        "名称",
        "Title",
        36.0,
        Kind::Text,
        true,
        "必填。带书名号的全称，如：《中华人民共和国社会保险法》",
        "Required. The full title in 《》, e.g. 《中华人民共和国社会保险法》",
    ),
    col(
        "level",
        "效力层级",
        "Level",
        14.0,
        Kind::Choice(Choices::LawLevel),
        true,
        "必填。从下拉列表选择：法律、行政法规、国务院决定、地方性法规、部门规章、地方政府规章或规范性文件",
        "Required. Pick from the list: law, administrative regulation, State Council decision, local regulation, departmental rule, local government rule or normative document",
    ),
    col(
        "number",
        "文号",
        "Number",
        20.0,
        Kind::Text,
        false,
        "如：主席令第三十五号",
        "The document number, e.g. 主席令第三十五号",
    ),
    col(
        "issuer",
        "制定机关",
        "Issuer",
        18.0,
        Kind::Text,
        false,
        "如：全国人民代表大会常务委员会",
        "e.g. 全国人民代表大会常务委员会 (NPC Standing Committee)",
    ),
    col(
        "effective",
        "施行日期",
        "Effective",
        12.0,
        Kind::Date,
        false,
        "YYYY-MM-DD，如：2011-07-01",
        "YYYY-MM-DD, e.g. 2011-07-01",
    ),
    col(
        "repealed",
        "废止日期",
        "Repealed",
        12.0,
        Kind::Date,
        false,
        "已废止的填废止日期（YYYY-MM-DD），自该日起不能作为依据",
        "For a repealed law, the day (YYYY-MM-DD) from which it is no basis",
    ),
];

/// The columns of 已取消的证明 (`cancelled` of `registers/proofs.yaml`).
pub const CANCELLED_PROOF_COLUMNS: &[Column] = &[
    col(
        "name",
        "证明名称",
        "Proof",
        22.0,
        Kind::Text,
        true,
        "必填。已取消的证明，如：单身证明",
        "Required. The cancelled proof, e.g. 单身证明",
    ),
    ALIASES,
    col(
        "act",
        "取消文件",
        "Cancelling act",
        30.0,
        Kind::Text,
        false,
        "取消该证明的文件名称及文号；未核实的留空",
        "The act that abolished it, with its number; leave empty when not verified",
    ),
    col(
        "source",
        "出处",
        "Source",
        30.0,
        Kind::Text,
        false,
        "登记此条的依据或出处",
        "Where the register's keeper read of it",
    ),
];

/// The columns of 保留的证明事项 (`retained` of `registers/proofs.yaml`).
pub const RETAINED_PROOF_COLUMNS: &[Column] = &[
    col(
        "name",
        "证明名称",
        "Proof",
        22.0,
        Kind::Text,
        true,
        "必填。保留的证明事项名称",
        "Required. The retained proof's name",
    ),
    ALIASES,
    col(
        "basis",
        "设定依据",
        "Basis",
        30.0,
        Kind::Text,
        false,
        "法律法规名称和条款，如：《中华人民共和国母婴保健法》第二十三条",
        "Law and article, e.g. 《中华人民共和国母婴保健法》第二十三条",
    ),
    col(
        "issuer",
        "开具单位",
        "Issuer",
        20.0,
        Kind::Issuer,
        false,
        "本清单的实施主体（名称或 id），或外单位名称",
        "A department of this catalog (name or id), or an outside body",
    ),
];

/// The columns of 收费目录清单 (`registers/fees.yaml`, one row per charge).
pub const REGISTER_FEE_COLUMNS: &[Column] = &[
    col(
        "name",
        "收费项目",
        "Charge",
        24.0,
        Kind::Text,
        true,
        "必填。收费项目名称，事项的收费项目须与之一致",
        "Required. The charge's name; items name their charges so",
    ),
    col(
        "department",
        "执收单位",
        "Collecting department",
        20.0,
        Kind::Issuer,
        false,
        "本清单的实施主体（名称或 id）或其他执收单位名称",
        "A department of this catalog (name or id), or another collecting body",
    ),
    CHARGE_STANDARD,
    CHARGE_BASIS,
    CHARGE_PRICING,
];

pub fn export_column(key: &str) -> &'static Column {
    EXPORT_COLUMNS
        .iter()
        .find(|c| c.key == key)
        .expect("the key is in the export table")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn headers_are_unique_within_a_sheet_in_both_languages() {
        for sheet in Sheet::ALL {
            let mut seen = HashSet::new();
            for c in sheet.columns() {
                assert!(seen.insert(normalize_header(c.zh)), "{}", c.zh);
                assert!(seen.insert(normalize_header(c.en)), "{}", c.en);
                assert!(!c.note_zh.is_empty() && !c.note_en.is_empty());
            }
        }
    }

    #[test]
    fn the_intermediary_and_agency_columns_are_their_records_keys() {
        for table in [INTERMEDIARY_COLUMNS, AGENCY_COLUMNS] {
            let mut seen = HashSet::new();
            for c in table {
                assert!(seen.insert(normalize_header(c.zh)), "{}", c.zh);
                assert!(seen.insert(normalize_header(c.en)), "{}", c.en);
                assert!(!c.note_zh.is_empty() && !c.note_en.is_empty());
            }
        }
        let keys: Vec<&str> = INTERMEDIARY_COLUMNS.iter().map(|c| c.key).collect();
        let mut record = vec!["id"];
        record.extend(
            crate::model::intermediary::INTERMEDIARY_KEYS
                .iter()
                .filter(|k| **k != "status"),
        );
        assert_eq!(keys, record);
        let keys: Vec<&str> = AGENCY_COLUMNS.iter().map(|c| c.key).collect();
        assert_eq!(keys, crate::model::intermediary::AGENCY_KEYS);
    }

    #[test]
    fn the_items_sheet_has_the_spec_columns_in_order() {
        let spec = "序号, 文件, 事项名称, 事项类型, 服务类别, 服务主题, 参考目录编码, 事项编码, 实施主体, 服务对象, 实施依据, 主项, 办事指南类, 行使层级, 全程代办, 权力来源, 下放或委托机关, 联办机构, 受理范围, 受理单位, 办理地点, 办理时间, 申请条件, 法定时限, 承诺时限, 办件类型, 数量限制, 结果名称, 结果类型, 结果样本, 送达方式, 是否收费, 收费标准, 收费依据, 政府定价, 咨询方式, 监督投诉方式, 网上办理, 网上办理地址, 预约办理, 材料可邮寄, 自助办理, 同城通办, 代办, 到现场次数, 告知承诺制, 可向社会组织转移, 转移承接主体, 转移理由, 转移范围, 涉及的中介服务, 备注";
        let ours: Vec<&str> = ITEM_COLUMNS.iter().map(|c| c.zh).collect();
        assert_eq!(ours.join(", "), spec);
        let materials: Vec<&str> = MATERIAL_COLUMNS.iter().map(|c| c.zh).collect();
        assert_eq!(
            materials.join(", "),
            "事项序号, 材料名称, 材料形式, 份数, 来源渠道, 是否证明, 设定依据, 材料情形, 可共享获取, 共享来源, 示范文本, 空白表格, 常见错误示例"
        );
        let steps: Vec<&str> = STEP_COLUMNS.iter().map(|c| c.zh).collect();
        assert_eq!(
            steps.join(", "),
            "事项序号, 步骤序号, 环节名称, 办理人员, 办理部门, 环节时限, 特别程序, 提交材料, 说明"
        );
        let charges: Vec<&str> = CHARGE_COLUMNS.iter().map(|c| c.zh).collect();
        assert_eq!(
            charges.join(", "),
            "事项序号, 收费项目名称, 收费标准, 收费依据, 定价方式"
        );
    }

    #[test]
    fn headers_match_loosely() {
        assert_eq!(Sheet::Items.column(" 事项 名称 ").unwrap().key, "name");
        assert_eq!(Sheet::Items.column("*事项名称").unwrap().key, "name");
        assert_eq!(
            Sheet::Items.column("ＬＥＧＡＬ　ＢＡＳＩＳ").unwrap().key,
            "legal_basis"
        );
        assert_eq!(
            Sheet::Items.column("legal basis").unwrap().key,
            "legal_basis"
        );
        assert!(Sheet::Items.column("材料名称").is_none());
        assert_eq!(Sheet::from_name("申请 材料"), Some(Sheet::Materials));
        assert_eq!(Sheet::from_name("steps"), Some(Sheet::Steps));
        assert_eq!(Sheet::from_name("收费项目"), Some(Sheet::Charges));
        assert_eq!(Choices::Pricing.parse("政府指导价"), Some("guided"));
    }

    #[test]
    fn choices_read_keys_and_labels_in_both_languages() {
        assert_eq!(Choices::Category.parse("医疗卫生"), Some("health"));
        assert_eq!(Choices::Category.parse("health care"), Some("health"));
        assert_eq!(Choices::ItemKind.parse("20"), Some("public_service"));
        let offered: Vec<&str> = Choices::ItemKind.offered().iter().map(|l| l.zh).collect();
        assert_eq!(
            offered,
            [
                "行政许可",
                "行政给付",
                "行政确认",
                "行政奖励",
                "行政裁决",
                "其他行政权力",
                "公共服务"
            ],
            "the template offers only kinds a person applies for"
        );
        assert_eq!(
            Choices::ItemKind.parse("行政检查"),
            Some("administrative_inspection")
        );
        assert_eq!(Choices::Online.parse("none"), Some("none"));
        assert_eq!(Choices::Online.parse("网办"), None);
        assert_eq!(parse_bool(" 是 "), Some(true));
        assert_eq!(parse_bool("No"), Some(false));
        assert_eq!(parse_bool("也许"), None);
    }
}
