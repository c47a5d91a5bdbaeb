//! The registers of a catalog's `registers/` folder (docs/registers.md),
//! kept by the reviewing offices: 材料目录 (`materials.yaml`), 法律法规库
//! (`laws.yaml`), 证明事项 (`proofs.yaml`), 收费目录清单 (`fees.yaml`).
//! Each is optional; a rule that needs one is silent while it is absent.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::config::Date;
use super::enums::{LawLevel, MaterialKind, Pricing};

/// 材料目录 / 证照目录 — one material under its standard name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaterialEntry {
    /// 标准名称.
    pub name: String,
    /// 别名: the names clerks write for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// 类别: licence 证照, proof 证明, form 表格, other.
    pub kind: MaterialKind,
    /// 出具单位: a departments.yaml id or an outside body's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// 可共享获取: obtainable through data sharing or the 电子证照库.
    #[serde(default, skip_serializing_if = "is_false")]
    pub shareable: bool,
    /// 共享来源系统: 人口库, 电子证照库…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
}

/// 法律法规库 — one law, regulation or document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawEntry {
    /// 名称, written as 《…》.
    pub title: String,
    /// 效力层级.
    pub level: LawLevel,
    /// 文号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 制定机关.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// 施行日期 (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
    /// 废止日期 (YYYY-MM-DD): from this day it is no basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repealed: Option<Date>,
}

/// 证明事项: proofs cancelled and the retained list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "证明事项 (registers/proofs.yaml)")]
pub struct Proofs {
    /// 已取消的证明: no item may ask for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cancelled: Vec<CancelledProof>,
    /// 保留的证明事项清单: when not empty, every proof asked must be on it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retained: Vec<RetainedProof>,
}

/// A proof that has been cancelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelledProof {
    /// 证明名称.
    pub name: String,
    /// 别名.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// 取消文件: the act that abolished it (name and 文号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act: Option<String>,
    /// 出处: where the register's keeper read of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A proof on the retained list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetainedProof {
    /// 证明名称.
    pub name: String,
    /// 别名.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// 设定依据: 《title》 and article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 开具单位.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

/// 收费目录清单 — one charge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeEntry {
    /// 收费项目.
    pub name: String,
    /// 执收单位: a departments.yaml id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
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

/// The whole `registers/materials.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "材料目录 (registers/materials.yaml)")]
pub struct Materials(pub Vec<MaterialEntry>);

/// The whole `registers/laws.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "法律法规库 (registers/laws.yaml)")]
pub struct Laws(pub Vec<LawEntry>);

/// The whole `registers/fees.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "收费目录清单 (registers/fees.yaml)")]
pub struct Fees(pub Vec<FeeEntry>);

/// The four registers, by name as `template --register` takes it and
/// file as the catalog keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegisterName {
    Materials,
    Laws,
    Proofs,
    Fees,
}

impl RegisterName {
    pub const ALL: [RegisterName; 4] = [
        RegisterName::Materials,
        RegisterName::Laws,
        RegisterName::Proofs,
        RegisterName::Fees,
    ];

    /// The name (`materials`), also the JSON summary's word.
    pub fn key(self) -> &'static str {
        match self {
            RegisterName::Materials => "materials",
            RegisterName::Laws => "laws",
            RegisterName::Proofs => "proofs",
            RegisterName::Fees => "fees",
        }
    }

    /// The catalog-relative file.
    pub fn file(self) -> &'static str {
        match self {
            RegisterName::Materials => "registers/materials.yaml",
            RegisterName::Laws => "registers/laws.yaml",
            RegisterName::Proofs => "registers/proofs.yaml",
            RegisterName::Fees => "registers/fees.yaml",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            RegisterName::Materials => "材料目录",
            RegisterName::Laws => "法律法规库",
            RegisterName::Proofs => "证明事项",
            RegisterName::Fees => "收费目录清单",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            RegisterName::Materials => "materials register",
            RegisterName::Laws => "laws register",
            RegisterName::Proofs => "proofs register",
            RegisterName::Fees => "fees register",
        }
    }

    pub fn parse(text: &str) -> Option<RegisterName> {
        RegisterName::ALL
            .into_iter()
            .find(|r| r.key() == text || r.zh() == text)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}
