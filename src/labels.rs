//! The Chinese and English names of the item record's keys, in record order,
//! with the record's structure (nested records, list elements), and the
//! labels of enumeration values. Reports that name a field (diff, the
//! catalog site) read them here; the sheets' column table (`columns.rs`)
//! names columns, and a test below keeps the two on one Chinese name per
//! field.

use crate::i18n::Lang;
use crate::model::{
    Authority, BasisRole, CaseType, Category, Delivery, ItemKind, Labelled, Level, MaterialForm,
    MaterialSource, Online, Pricing, ResultKind, Special, Status, Target,
};

/// A record shape: the item and the records nested in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Item,
    LegalBasis,
    Material,
    Step,
    TimeLimit,
    Fee,
    Charge,
    Ignore,
    Result,
    Services,
    Place,
    Transfer,
}

/// One key of a record.
#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// The record of the value (or of each list element), when nested.
    pub record: Option<Record>,
    /// For a list: how one element is called (`申请材料`, `step`).
    pub element: Option<(&'static str, &'static str)>,
}

const fn plain(key: &'static str, zh: &'static str, en: &'static str) -> Field {
    Field {
        key,
        zh,
        en,
        record: None,
        element: None,
    }
}
const fn nested(key: &'static str, zh: &'static str, en: &'static str, record: Record) -> Field {
    Field {
        key,
        zh,
        en,
        record: Some(record),
        element: None,
    }
}
const fn list(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    element: (&'static str, &'static str),
) -> Field {
    Field {
        key,
        zh,
        en,
        record: None,
        element: Some(element),
    }
}
const fn records(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    record: Record,
    element: (&'static str, &'static str),
) -> Field {
    Field {
        key,
        zh,
        en,
        record: Some(record),
        element: Some(element),
    }
}

const ITEM: &[Field] = &[
    plain("code", "事项编码", "item code"),
    plain("reference_code", "参考目录编码", "reference code"),
    plain("name", "事项名称", "item name"),
    plain("kind", "事项类型", "item type"),
    plain("category", "服务类别", "service category"),
    list("themes", "服务主题", "themes", ("服务主题", "theme")),
    plain("department", "实施主体", "department"),
    list(
        "targets",
        "服务对象",
        "service targets",
        ("服务对象", "service target"),
    ),
    records(
        "legal_basis",
        "实施依据",
        "legal basis",
        Record::LegalBasis,
        ("实施依据", "legal basis"),
    ),
    plain("parent", "主项", "main item"),
    plain("guide", "办事指南类", "service guide"),
    plain("level", "行使层级", "level"),
    plain("proxy", "全程代办", "proxy service"),
    plain("authority", "权力来源", "source of authority"),
    plain(
        "delegated_from",
        "下放或委托机关",
        "delegated or entrusted by",
    ),
    list(
        "joint_departments",
        "联办机构",
        "joint departments",
        ("联办机构", "joint department"),
    ),
    plain("acceptance_scope", "受理范围", "acceptance scope"),
    plain("accepting_unit", "受理单位", "accepting unit"),
    plain("location", "办理地点", "location"),
    plain("hours", "办理时间", "office hours"),
    records(
        "locations",
        "办理地点（多处）",
        "locations",
        Record::Place,
        ("办理地点", "location"),
    ),
    list(
        "conditions",
        "申请条件",
        "conditions",
        ("申请条件", "condition"),
    ),
    records(
        "materials",
        "申请材料",
        "materials",
        Record::Material,
        ("申请材料", "material"),
    ),
    records(
        "process",
        "基本流程",
        "process",
        Record::Step,
        ("办理环节", "step"),
    ),
    nested("time_limit", "办理时限", "time limit", Record::TimeLimit),
    plain("case_type", "办件类型", "case type"),
    plain("quantity_limit", "数量限制", "quantity limit"),
    nested("result", "办理结果", "result", Record::Result),
    nested("fee", "收费", "fee", Record::Fee),
    plain("consultation", "咨询方式", "consultation"),
    plain("complaint", "监督投诉方式", "complaints"),
    plain("online", "网上办理", "online service"),
    plain("online_url", "网上办理地址", "online service address"),
    nested(
        "services",
        "便民服务",
        "convenience services",
        Record::Services,
    ),
    plain("visits", "到现场次数", "visits in person"),
    plain("commitment", "告知承诺制", "approval on commitment"),
    plain(
        "transferable",
        "可向社会组织转移",
        "transferable to social organisations",
    ),
    nested("transfer", "转移去向", "transfer", Record::Transfer),
    list(
        "intermediaries",
        "涉及的中介服务",
        "intermediary services required",
        ("中介服务", "intermediary service"),
    ),
    plain("remarks", "备注", "remarks"),
    plain("status", "状态", "status"),
    records(
        "ignore",
        "忽略规则",
        "ignored rules",
        Record::Ignore,
        ("忽略规则", "ignored rule"),
    ),
];

const LEGAL_BASIS: &[Field] = &[
    plain("title", "法规名称", "title"),
    plain("article", "条款", "article"),
    plain("role", "依据类型", "role"),
];

const RESULT: &[Field] = &[
    plain("name", "结果名称", "result name"),
    plain("kind", "结果类型", "result type"),
    plain("sample", "结果样本", "result sample"),
    list("delivery", "送达方式", "delivery", ("送达方式", "delivery")),
];

const SERVICES: &[Field] = &[
    plain("appointment", "预约办理", "appointment"),
    plain("mail", "材料可邮寄", "materials by post"),
    plain("self_service", "自助办理", "self-service"),
    plain("any_location", "同城通办", "anywhere in the city"),
    plain("proxy", "代办", "handled by proxy"),
];

const PLACE: &[Field] = &[
    plain("name", "地点名称", "name"),
    plain("address", "地址", "address"),
    plain("hours", "办理时间", "office hours"),
    plain("phone", "联系电话", "phone"),
];

const MATERIAL: &[Field] = &[
    plain("name", "材料名称", "name"),
    plain("form", "材料形式", "form"),
    plain("copies", "份数", "copies"),
    plain("source", "来源渠道", "source"),
    plain("proof", "是否证明", "proof"),
    plain("basis", "设定依据", "basis"),
    plain("when", "材料情形", "when needed"),
    plain("shared", "可共享获取", "shared"),
    plain("shared_from", "共享来源", "shared from"),
    plain("sample", "示范文本", "sample"),
    plain("blank_form", "空白表格", "blank form"),
    list(
        "common_errors",
        "常见错误示例",
        "common errors",
        ("常见错误示例", "common error"),
    ),
];

const STEP: &[Field] = &[
    plain("name", "环节名称", "name"),
    plain("actor", "办理人员", "actor"),
    plain("department", "办理部门", "department"),
    plain("time_limit", "环节时限", "time limit"),
    plain("special", "特别程序", "special procedure"),
    list(
        "materials",
        "提交材料",
        "materials handed in",
        ("提交材料", "material handed in"),
    ),
    plain("note", "说明", "note"),
];

const TIME_LIMIT: &[Field] = &[
    plain("legal", "法定时限", "statutory time limit"),
    plain("promised", "承诺时限", "promised time limit"),
];

const FEE: &[Field] = &[
    plain("charged", "是否收费", "charged"),
    plain("standard", "收费标准", "fee standard"),
    plain("basis", "收费依据", "fee basis"),
    plain("government_priced", "政府定价", "government-priced"),
    records(
        "items",
        "收费项目明细",
        "charges",
        Record::Charge,
        ("收费项目", "charge"),
    ),
];

const CHARGE: &[Field] = &[
    plain("name", "收费项目", "charge"),
    plain("standard", "收费标准", "fee standard"),
    plain("basis", "收费依据", "fee basis"),
    plain("pricing", "定价方式", "pricing"),
];

const TRANSFER: &[Field] = &[
    plain("to", "转移承接主体", "receiving organisation"),
    plain("reason", "转移理由", "reason"),
    plain("scope", "转移范围", "scope"),
];

const IGNORE: &[Field] = &[
    plain("rule", "规则", "rule"),
    plain("reason", "理由", "reason"),
];

/// The keys of a record, in the order the record lists them.
pub fn fields(record: Record) -> &'static [Field] {
    match record {
        Record::Item => ITEM,
        Record::LegalBasis => LEGAL_BASIS,
        Record::Material => MATERIAL,
        Record::Step => STEP,
        Record::TimeLimit => TIME_LIMIT,
        Record::Fee => FEE,
        Record::Charge => CHARGE,
        Record::Ignore => IGNORE,
        Record::Result => RESULT,
        Record::Services => SERVICES,
        Record::Place => PLACE,
        Record::Transfer => TRANSFER,
    }
}

pub fn field(record: Record, key: &str) -> Option<&'static Field> {
    fields(record).iter().find(|f| f.key == key)
}

impl Field {
    pub fn label(&self, lang: Lang) -> &'static str {
        pick(lang, self.zh, self.en)
    }
    /// How one element of a list is called; the field's own label otherwise.
    pub fn element_label(&self, lang: Lang) -> &'static str {
        self.element
            .map_or(self.label(lang), |(zh, en)| pick(lang, zh, en))
    }
}

/// The item key a label names (`申请材料`, `materials`, `Materials`).
pub fn item_key(text: &str) -> Option<&'static str> {
    let text = text.trim();
    ITEM.iter()
        .find(|f| f.key == text || f.zh == text || f.en.eq_ignore_ascii_case(text))
        .map(|f| f.key)
}

/// The label of an enumeration value written as its key (`health` → 医疗卫生);
/// `None` for a key that is not an enumeration or a value it does not know.
pub fn value_label(record: Record, key: &str, value: &str, lang: Lang) -> Option<&'static str> {
    match (record, key) {
        (Record::Item, "kind") => label_of::<ItemKind>(value, lang),
        (Record::Item, "category") => label_of::<Category>(value, lang),
        (Record::Item, "targets") => label_of::<Target>(value, lang),
        (Record::Item, "level") => label_of::<Level>(value, lang),
        (Record::Item, "online") => label_of::<Online>(value, lang),
        (Record::Item, "status") => label_of::<Status>(value, lang),
        (Record::Item, "case_type") => label_of::<CaseType>(value, lang),
        (Record::Item, "authority") => label_of::<Authority>(value, lang),
        (Record::Result, "kind") => label_of::<ResultKind>(value, lang),
        (Record::Result, "delivery") => label_of::<Delivery>(value, lang),
        (Record::LegalBasis, "role") => label_of::<BasisRole>(value, lang),
        (Record::Material, "form") => label_of::<MaterialForm>(value, lang),
        (Record::Material, "source") => label_of::<MaterialSource>(value, lang),
        (Record::Step, "special") => label_of::<Special>(value, lang),
        (Record::Charge, "pricing") => label_of::<Pricing>(value, lang),
        _ => None,
    }
}

fn label_of<T: Labelled>(value: &str, lang: Lang) -> Option<&'static str> {
    T::parse(value).map(|v| pick(lang, v.zh(), v.en()))
}

/// 是 / 否, yes / no.
pub fn yes_no(value: bool, lang: Lang) -> &'static str {
    match (value, lang) {
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

/// A key path of a finding (`materials[0].name`, `fee.items[1].standard`)
/// in words: `申请材料第1项·材料名称`, `material 1 · name`. Keys the table
/// does not know stay as written.
pub fn path_label(path: &str, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut record = Some(Record::Item);
    let mut last: Option<&'static Field> = None;
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let (key, indices) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (segment, ""),
        };
        if !key.is_empty() {
            last = record.and_then(|r| field(r, key));
            record = last.and_then(|f| f.record);
            parts.push(last.map_or_else(|| key.to_string(), |f| f.label(lang).to_string()));
        }
        for index in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            let element = last.map_or(key, |f| f.element_label(lang));
            let shown = match index.parse::<usize>() {
                Ok(n) => match lang {
                    Lang::Zh => format!("{element}第{}项", n + 1),
                    Lang::En => format!("{element} {}", n + 1),
                },
                Err(_) => format!("{element}“{index}”"),
            };
            match parts.last_mut() {
                Some(part) if !key.is_empty() => *part = shown,
                _ => parts.push(shown),
            }
        }
    }
    parts.join(pick(lang, "·", " · "))
}

/// A field an opinion may name: a diff path (`fee.standard`) with its
/// labels (`收费·收费标准`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChoice {
    pub path: String,
    pub zh: String,
    pub en: String,
}

impl FieldChoice {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The fields of an item an opinion may name, in record order: every key
/// of the item (a list as a whole: 申请材料), and the keys of its nested
/// records after their record (收费, 收费·收费标准). Not 忽略规则, which is
/// the catalog's business, not a reviewer's. Built once: review import asks
/// for every opinion row.
pub fn field_choices() -> &'static [FieldChoice] {
    static CHOICES: std::sync::LazyLock<Vec<FieldChoice>> =
        std::sync::LazyLock::new(build_field_choices);
    &CHOICES
}

fn build_field_choices() -> Vec<FieldChoice> {
    let mut out = Vec::new();
    for f in ITEM.iter().filter(|f| f.key != "ignore") {
        out.push(FieldChoice {
            path: f.key.to_string(),
            zh: f.zh.to_string(),
            en: capitalized(f.en),
        });
        if let (Some(record), None) = (f.record, f.element) {
            for inner in fields(record) {
                out.push(FieldChoice {
                    path: format!("{}.{}", f.key, inner.key),
                    zh: format!("{}·{}", f.zh, inner.zh),
                    en: format!("{} · {}", capitalized(f.en), inner.en),
                });
            }
        }
    }
    out
}

/// `Fee`: a label as a list's entry starts.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The diff path a reviewer's text names: a label of [`field_choices`]
/// (Chinese or English), or a path whose keys are the record's
/// (`fee.standard`, `materials[结婚证].copies`); `None` otherwise.
pub fn field_path(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(choice) = field_choices()
        .iter()
        .find(|c| c.path == text || c.zh == text || c.en.eq_ignore_ascii_case(text))
    {
        return Some(choice.path.clone());
    }
    let mut record = Some(Record::Item);
    for segment in text.split('.') {
        let (key, rest) = segment.split_once('[').unwrap_or((segment, ""));
        let f = field(record?, key)?;
        if !rest.is_empty() && (f.element.is_none() || !rest.ends_with(']') || rest.len() < 2) {
            return None;
        }
        record = f.record;
    }
    Some(text.to_string())
}

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of the record types has a label: a new key cannot be
    /// forgotten here.
    #[test]
    fn every_record_key_has_a_label() {
        let schema = serde_json::to_value(schemars::schema_for!(crate::model::Item)).unwrap();
        let keys = |props: &serde_json::Value| -> Vec<String> {
            props.as_object().unwrap().keys().cloned().collect()
        };
        let mut item_keys = keys(&schema["properties"]);
        item_keys.sort();
        let mut ours: Vec<String> = ITEM.iter().map(|f| f.key.to_string()).collect();
        ours.sort();
        assert_eq!(item_keys, ours);
        for (def, record) in [
            ("Material", Record::Material),
            ("Step", Record::Step),
            ("TimeLimit", Record::TimeLimit),
            ("Fee", Record::Fee),
            ("LegalBasis", Record::LegalBasis),
            ("Ignore", Record::Ignore),
            ("ItemResult", Record::Result),
            ("Services", Record::Services),
            ("Place", Record::Place),
            ("Transfer", Record::Transfer),
        ] {
            let mut theirs = keys(&schema["$defs"][def]["properties"]);
            theirs.sort();
            let mut ours: Vec<String> = fields(record).iter().map(|f| f.key.to_string()).collect();
            ours.sort();
            assert_eq!(theirs, ours, "{def}");
        }
    }

    #[test]
    fn labels_and_values() {
        assert_eq!(item_key("申请材料"), Some("materials"));
        assert_eq!(item_key("Time limit"), Some("time_limit"));
        assert_eq!(
            value_label(Record::Item, "category", "health", Lang::Zh),
            Some("医疗卫生")
        );
        assert_eq!(
            value_label(Record::Material, "form", "copy", Lang::En),
            Some("Copy")
        );
        assert_eq!(value_label(Record::Item, "name", "x", Lang::Zh), None);
        // The elements of issue 20, as diff names them.
        let result = field(Record::Item, "result").unwrap();
        assert_eq!(result.record, Some(Record::Result));
        assert_eq!(
            field(Record::Result, "kind").unwrap().label(Lang::Zh),
            "结果类型"
        );
        assert_eq!(
            value_label(Record::Result, "delivery", "mail", Lang::En),
            Some("By post")
        );
        assert_eq!(
            value_label(Record::Item, "case_type", "instant", Lang::Zh),
            Some("即办件")
        );
        assert_eq!(
            value_label(Record::LegalBasis, "role", "setting", Lang::Zh),
            Some("设定依据")
        );
        assert_eq!(item_key("联办机构"), Some("joint_departments"));
    }
}

#[cfg(test)]
mod paths {
    use super::*;

    #[test]
    fn finding_paths_in_words() {
        assert_eq!(
            path_label("materials[0].name", Lang::Zh),
            "申请材料第1项·材料名称"
        );
        assert_eq!(
            path_label("materials[0].name", Lang::En),
            "material 1 · name"
        );
        assert_eq!(
            path_label("fee.items[1].standard", Lang::Zh),
            "收费·收费项目第2项·收费标准"
        );
        assert_eq!(path_label("conditions[3]", Lang::Zh), "申请条件第4项");
        assert_eq!(
            path_label("time_limit.promised", Lang::Zh),
            "办理时限·承诺时限"
        );
        assert_eq!(
            path_label("process[1].materials[1]", Lang::Zh),
            "办理环节第2项·提交材料第2项"
        );
        assert_eq!(path_label("nonsense[2].x", Lang::Zh), "nonsense第3项·x");
        assert_eq!(path_label("", Lang::Zh), "");
    }

    #[test]
    fn fields_an_opinion_may_name() {
        let choices = field_choices();
        let standard = choices.iter().find(|c| c.path == "fee.standard").unwrap();
        assert_eq!(standard.zh, "收费·收费标准");
        assert!(
            choices
                .iter()
                .any(|c| c.path == "materials" && c.zh == "申请材料")
        );
        assert!(!choices.iter().any(|c| c.path.starts_with("ignore")));
        let mut labels: Vec<&str> = choices.iter().map(|c| c.zh.as_str()).collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), choices.len(), "labels are unique");
        assert_eq!(field_path("收费·收费标准").as_deref(), Some("fee.standard"));
        assert_eq!(
            field_path("Fee · fee standard").as_deref(),
            Some("fee.standard")
        );
        assert_eq!(
            field_path("time_limit.promised").as_deref(),
            Some("time_limit.promised")
        );
        assert_eq!(
            field_path("materials[结婚证].copies").as_deref(),
            Some("materials[结婚证].copies")
        );
        assert_eq!(field_path("收费标准是多少"), None);
        assert_eq!(field_path("fee.nonsense"), None);
        assert_eq!(field_path("name[x]"), None);
        assert_eq!(field_path(""), None);
    }
}

#[cfg(test)]
mod agree_with_columns {
    use super::*;
    use crate::columns::{Column, ITEM_COLUMNS, MATERIAL_COLUMNS, STEP_COLUMNS};

    /// The label of a column's key here: `time_limit.legal` is the field
    /// `legal` of the time-limit record.
    fn label_of(record: Record, key: &str) -> Option<&'static Field> {
        match key.split_once('.') {
            Some((outer, inner)) => field(record, outer)
                .and_then(|f| f.record)
                .and_then(|r| field(r, inner)),
            None => field(record, key),
        }
    }

    fn disagreements(record: Record, columns: &[Column]) -> Vec<String> {
        columns
            .iter()
            .filter_map(|c| label_of(record, c.key).map(|f| (c, f)))
            .filter(|(c, f)| c.zh != f.zh)
            .map(|(c, f)| format!("{}: column {} / label {}", c.key, c.zh, f.zh))
            .collect()
    }

    /// Sheets (columns.rs) and reports (this table) name a field the same
    /// way in Chinese, so a clerk sees one word for one thing everywhere.
    #[test]
    fn sheets_and_reports_use_one_chinese_name_per_field() {
        let compared = ITEM_COLUMNS
            .iter()
            .filter(|c| label_of(Record::Item, c.key).is_some())
            .count();
        assert!(
            compared >= 25,
            "only {compared} item columns name a record field"
        );
        let mut all = disagreements(Record::Item, ITEM_COLUMNS);
        all.extend(disagreements(Record::Material, MATERIAL_COLUMNS));
        all.extend(disagreements(Record::Step, STEP_COLUMNS));
        assert!(all.is_empty(), "{all:#?}");
    }
}
