//! The service item record (docs/catalog.md): one YAML file per item.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::{
    Authority, BasisRole, CaseType, Category, Delivery, ItemKind, Level, MaterialForm,
    MaterialSource, Online, Pricing, ResultKind, Special, Status, Target,
};

/// 公共服务事项 — one service item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "公共服务事项 (service item)")]
pub struct Item {
    /// 事项编码: assigned by `qingdan code`; never edit by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 参考目录编码: the reference catalog's code, kept as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_code: Option<String>,
    /// 事项名称 (required).
    pub name: String,
    /// 事项类型 (required): key, Chinese name or code (20 = 公共服务).
    pub kind: ItemKind,
    /// 服务类别 (required).
    pub category: Category,
    /// 服务主题: 企业设立, 生产经营, 社会事务 …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// 实施主体 (required): a departments.yaml id.
    pub department: String,
    /// 服务对象 (required).
    pub targets: Vec<Target>,
    /// 实施依据 (required): 《title》 and 第…条.
    pub legal_basis: Vec<LegalBasis>,
    /// 主项: the main item's code or file, for a sub-item (子项).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// 办事指南类: true (default) when the item needs a service guide.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub guide: bool,
    /// 行使层级.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// 全程代办: the item can be handled by proxy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<bool>,
    /// 权力来源: 法定本级行使, 上级下放 or 上级委托.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// 下放或委托机关: who delegated or entrusted the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegated_from: Option<String>,
    /// 联办机构: departments.yaml ids of the departments handling it jointly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_departments: Vec<String>,
    /// 受理范围.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance_scope: Option<String>,
    /// 受理单位 (required for guide items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepting_unit: Option<String>,
    /// 办理地点 (required for guide items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// 办理时间.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// 办理地点 (several): each window with its address, hours and phone;
    /// beside or instead of `location` and `hours`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Place>,
    /// 申请条件 (required for guide items): one condition per entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
    /// 申请材料 (required for guide items).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<Material>,
    /// 基本流程 (required for guide items).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub process: Vec<Step>,
    /// 办理时限 (required for guide items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<TimeLimit>,
    /// 办件类型: 即办件 or 承诺件.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_type: Option<CaseType>,
    /// 数量限制.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_limit: Option<String>,
    /// 办理结果: what the applicant receives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ItemResult>,
    /// 收费 (required for guide items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
    /// 咨询方式 (required for guide items): phone, address, url.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<String>,
    /// 监督投诉方式.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint: Option<String>,
    /// 网上办理.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<Online>,
    /// 网上办理地址.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_url: Option<String>,
    /// 便民服务: 预约, 邮寄, 自助, 同城通办, 代办.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Services>,
    /// 到现场次数 (最多跑一次: at most 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visits: Option<u32>,
    /// 告知承诺制: 先办理、后核查.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<bool>,
    /// 可向社会组织转移.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferable: Option<bool>,
    /// 转移去向: to whom, why and what of the item moves (with
    /// `transferable: true`; auxiliary or technical public services only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<Transfer>,
    /// 涉及的中介服务: ids of `intermediaries/` the item requires.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intermediaries: Vec<String>,
    /// 备注.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// 状态: active (default) or cancelled. Items are cancelled, never deleted.
    #[serde(default, skip_serializing_if = "Status::is_active")]
    pub status: Status,
    /// 忽略规则: rules this item silences, each with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<Ignore>,
}

/// 实施依据: one law or regulation and its article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// 法规名称, written as 《…》.
    pub title: String,
    /// 条款: 第…条.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// 依据类型: 设定依据 or 实施依据 (default).
    #[serde(default, skip_serializing_if = "BasisRole::is_implementing")]
    pub role: BasisRole,
}

/// 办理结果.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemResult {
    /// 结果名称.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 结果类型: 证照, 批文, 证明 or 其他.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ResultKind>,
    /// 结果样本: text or a relative path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    /// 送达方式: 窗口领取, 邮寄, 网上下载.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delivery: Vec<Delivery>,
}

/// 便民服务: each true when offered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Services {
    /// 预约办理.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment: Option<bool>,
    /// 申请材料可邮寄.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<bool>,
    /// 自助办理.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_service: Option<bool>,
    /// 同城通办.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_location: Option<bool>,
    /// 代办.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<bool>,
}

/// 办理地点: one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// 地点名称 (required).
    pub name: String,
    /// 地址.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// 办理时间.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// 联系电话.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// 申请材料.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// 材料名称.
    pub name: String,
    /// 材料形式.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<MaterialForm>,
    /// 份数 (at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub copies: Option<u32>,
    /// 来源渠道.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<MaterialSource>,
    /// 是否证明: a certificate proving a fact.
    #[serde(default, skip_serializing_if = "is_false")]
    pub proof: bool,
    /// 设定依据 (required when proof).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 材料情形: when the material is needed (仅因火灾申请救助时提供).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// 可共享获取: the office can obtain it by data sharing.
    #[serde(default, skip_serializing_if = "is_false")]
    pub shared: bool,
    /// 共享来源: department or system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_from: Option<String>,
    /// 示范文本: text or a relative path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    /// 空白表格: text or a relative path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blank_form: Option<String>,
    /// 常见错误示例.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub common_errors: Vec<String>,
}

/// 办理流程的一个环节.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// 环节名称.
    pub name: String,
    /// 办理人员.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// 办理部门.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// 环节时限.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<String>,
    /// 特别程序: this step's limit stands apart from the promised limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<Special>,
    /// Names of the materials handed in at this step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<String>,
    /// 说明.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// 办理时限: 即办, N个工作日, N个自然日 / N日 / N天, or 无 (legal only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    /// 法定时限.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal: Option<String>,
    /// 承诺时限.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised: Option<String>,
}

/// 收费.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// 是否收费.
    pub charged: bool,
    /// 收费标准.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// 收费依据.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 政府定价 (older files): `true` reads as `pricing: government`,
    /// `false` as `pricing: market` for the one unnamed charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government_priced: Option<bool>,
    /// 收费项目明细: one row per charge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Charge>,
}

/// 收费项目: one charge of an item's fee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    /// 收费项目名称 (as in the 收费目录清单).
    pub name: String,
    /// 收费标准.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// 收费依据.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 定价方式.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing: Option<Pricing>,
}

/// One charge as the rules and outputs see it: a row of `items`, or the
/// older `standard`/`basis`/`government_priced` as one unnamed charge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChargeView<'a> {
    /// Where it is written: `fee.items[i]`, or `fee` for the older form.
    pub index: Option<usize>,
    pub name: Option<&'a str>,
    pub standard: Option<&'a str>,
    pub basis: Option<&'a str>,
    pub pricing: Option<Pricing>,
}

impl Fee {
    /// The charges of a fee that is charged: the rows of `items`, else the
    /// older single charge when it states anything; none when free.
    pub fn charges(&self) -> Vec<ChargeView<'_>> {
        if !self.charged {
            return Vec::new();
        }
        if !self.items.is_empty() {
            return self
                .items
                .iter()
                .enumerate()
                .map(|(i, c)| ChargeView {
                    index: Some(i),
                    name: Some(c.name.as_str()),
                    standard: c.standard.as_deref(),
                    basis: c.basis.as_deref(),
                    pricing: c.pricing,
                })
                .collect();
        }
        vec![ChargeView {
            index: None,
            name: None,
            standard: self.standard.as_deref(),
            basis: self.basis.as_deref(),
            pricing: self.government_priced.map(|government| {
                if government {
                    Pricing::Government
                } else {
                    Pricing::Market
                }
            }),
        }]
    }

    /// Whether any charge is priced by the government (政府定价 or 政府指导价).
    pub fn government_priced(&self) -> bool {
        self.charges()
            .iter()
            .any(|c| matches!(c.pricing, Some(Pricing::Government | Pricing::Guided)))
    }
}

/// 转移去向: a public service moving to social organisations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// 承接主体: the organisation (or kind of organisation) taking it on.
    pub to: String,
    /// 转移理由: why the function is auxiliary or technical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 转移范围: all of the item, or which part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// An item silencing one rule for itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    /// The rule id.
    pub rule: String,
    /// Why the rule does not apply (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[allow(
    clippy::derivable_impls,
    reason = "Status is declared by the labelled-enum macro, which has no place for #[default]"
)]
impl Default for Status {
    fn default() -> Self {
        Status::Active
    }
}

#[allow(
    clippy::derivable_impls,
    reason = "BasisRole is declared by the labelled-enum macro, which has no place for #[default]"
)]
impl Default for BasisRole {
    fn default() -> Self {
        BasisRole::Implementing
    }
}

impl BasisRole {
    pub fn is_implementing(&self) -> bool {
        *self == BasisRole::Implementing
    }
}

impl Status {
    pub fn is_active(&self) -> bool {
        *self == Status::Active
    }
}

impl Item {
    pub fn is_active(&self) -> bool {
        self.status.is_active()
    }
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// Key order of the record, as written (the order of the struct fields;
/// a test keeps the two in step).
pub const ITEM_KEYS: &[&str] = &[
    "code",
    "reference_code",
    "name",
    "kind",
    "category",
    "themes",
    "department",
    "targets",
    "legal_basis",
    "parent",
    "guide",
    "level",
    "proxy",
    "authority",
    "delegated_from",
    "joint_departments",
    "acceptance_scope",
    "accepting_unit",
    "location",
    "hours",
    "locations",
    "conditions",
    "materials",
    "process",
    "time_limit",
    "case_type",
    "quantity_limit",
    "result",
    "fee",
    "consultation",
    "complaint",
    "online",
    "online_url",
    "services",
    "visits",
    "commitment",
    "transferable",
    "transfer",
    "intermediaries",
    "remarks",
    "status",
    "ignore",
];
pub const LEGAL_BASIS_KEYS: &[&str] = &["title", "article", "role"];
pub const RESULT_KEYS: &[&str] = &["name", "kind", "sample", "delivery"];
pub const SERVICES_KEYS: &[&str] = &[
    "appointment",
    "mail",
    "self_service",
    "any_location",
    "proxy",
];
pub const PLACE_KEYS: &[&str] = &["name", "address", "hours", "phone"];
pub const MATERIAL_KEYS: &[&str] = &[
    "name",
    "form",
    "copies",
    "source",
    "proof",
    "basis",
    "when",
    "shared",
    "shared_from",
    "sample",
    "blank_form",
    "common_errors",
];
pub const STEP_KEYS: &[&str] = &[
    "name",
    "actor",
    "department",
    "time_limit",
    "special",
    "materials",
    "note",
];
pub const TIME_LIMIT_KEYS: &[&str] = &["legal", "promised"];
pub const FEE_KEYS: &[&str] = &["charged", "standard", "basis", "government_priced", "items"];
pub const CHARGE_KEYS: &[&str] = &["name", "standard", "basis", "pricing"];
pub const IGNORE_KEYS: &[&str] = &["rule", "reason"];
pub const TRANSFER_KEYS: &[&str] = &["to", "reason", "scope"];

/// The key order of the mapping at `path` (the keys leading to it; list
/// indexes left out) in an item record; empty for unknown places.
pub fn key_order(path: &[&str]) -> &'static [&'static str] {
    match path {
        [] => ITEM_KEYS,
        ["legal_basis"] => LEGAL_BASIS_KEYS,
        ["materials"] => MATERIAL_KEYS,
        ["process"] => STEP_KEYS,
        ["time_limit"] => TIME_LIMIT_KEYS,
        ["fee"] => FEE_KEYS,
        ["fee", "items"] => CHARGE_KEYS,
        ["ignore"] => IGNORE_KEYS,
        ["result"] => RESULT_KEYS,
        ["services"] => SERVICES_KEYS,
        ["locations"] => PLACE_KEYS,
        ["transfer"] => TRANSFER_KEYS,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serialising keeps the struct's field order in the JSON text.
    fn assert_order<T: Serialize>(value: &T, keys: &[&str]) {
        let text = serde_json::to_string(value).unwrap();
        let positions: Vec<usize> = keys
            .iter()
            .map(|k| {
                text.find(&format!("\"{k}\":"))
                    .unwrap_or_else(|| panic!("{k} in {text}"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{keys:?} out of order in {text}"
        );
    }

    #[test]
    fn key_tables_follow_the_struct_fields() {
        let material = Material {
            name: "a".into(),
            form: Some(MaterialForm::Copy),
            copies: Some(1),
            source: Some(MaterialSource::Other),
            proof: true,
            basis: Some("b".into()),
            when: Some("w".into()),
            shared: true,
            shared_from: Some("c".into()),
            sample: Some("d".into()),
            blank_form: Some("f".into()),
            common_errors: vec!["e".into()],
        };
        let step = Step {
            name: "a".into(),
            actor: Some("b".into()),
            department: Some("c".into()),
            time_limit: Some("d".into()),
            special: Some(Special::Publicity),
            materials: vec!["e".into()],
            note: Some("f".into()),
        };
        let item = Item {
            code: Some("1".into()),
            reference_code: Some("2".into()),
            name: "n".into(),
            kind: ItemKind::PublicService,
            category: Category::Other,
            themes: vec!["t".into()],
            department: "d".into(),
            targets: vec![Target::NaturalPerson],
            legal_basis: vec![LegalBasis {
                title: "《a》".into(),
                article: Some("b".into()),
                role: BasisRole::Setting,
            }],
            parent: Some("p".into()),
            guide: false,
            level: Some(Level::County),
            proxy: Some(true),
            authority: Some(Authority::Delegated),
            delegated_from: Some("f".into()),
            joint_departments: vec!["j".into()],
            acceptance_scope: Some("s".into()),
            accepting_unit: Some("u".into()),
            location: Some("l".into()),
            hours: Some("h".into()),
            locations: vec![Place {
                name: "n".into(),
                address: Some("a".into()),
                hours: Some("h".into()),
                phone: Some("p".into()),
            }],
            conditions: vec!["c".into()],
            materials: vec![material.clone()],
            process: vec![step.clone()],
            time_limit: Some(TimeLimit {
                legal: Some("无".into()),
                promised: Some("即办".into()),
            }),
            case_type: Some(CaseType::Instant),
            quantity_limit: Some("q".into()),
            result: Some(ItemResult {
                name: Some("n".into()),
                kind: Some(ResultKind::Licence),
                sample: Some("s".into()),
                delivery: vec![Delivery::Window],
            }),
            fee: Some(Fee {
                charged: true,
                standard: Some("s".into()),
                basis: Some("b".into()),
                government_priced: Some(true),
                items: vec![Charge {
                    name: "n".into(),
                    standard: Some("s".into()),
                    basis: Some("b".into()),
                    pricing: Some(Pricing::Guided),
                }],
            }),
            consultation: Some("c".into()),
            complaint: Some("c".into()),
            online: Some(Online::Full),
            online_url: Some("https://x".into()),
            services: Some(Services {
                appointment: Some(true),
                mail: Some(true),
                self_service: Some(true),
                any_location: Some(true),
                proxy: Some(true),
            }),
            visits: Some(0),
            commitment: Some(true),
            transferable: Some(true),
            transfer: Some(Transfer {
                to: "t".into(),
                reason: Some("r".into()),
                scope: Some("s".into()),
            }),
            intermediaries: vec!["i".into()],
            remarks: Some("r".into()),
            status: Status::Cancelled,
            ignore: vec![Ignore {
                rule: "visits".into(),
                reason: Some("r".into()),
            }],
        };
        assert_order(&item, ITEM_KEYS);
        assert_order(&material, MATERIAL_KEYS);
        assert_order(&step, STEP_KEYS);
        assert_order(item.time_limit.as_ref().unwrap(), TIME_LIMIT_KEYS);
        assert_order(item.fee.as_ref().unwrap(), FEE_KEYS);
        assert_order(&item.fee.as_ref().unwrap().items[0], CHARGE_KEYS);
        assert_order(&item.legal_basis[0], LEGAL_BASIS_KEYS);
        assert_order(&item.ignore[0], IGNORE_KEYS);
        assert_order(item.result.as_ref().unwrap(), RESULT_KEYS);
        assert_order(item.services.as_ref().unwrap(), SERVICES_KEYS);
        assert_order(&item.locations[0], PLACE_KEYS);
        assert_order(item.transfer.as_ref().unwrap(), TRANSFER_KEYS);
        let keys = serde_json::to_value(&item)
            .unwrap()
            .as_object()
            .unwrap()
            .len();
        assert_eq!(keys, ITEM_KEYS.len(), "every key is in the table");
    }
}
