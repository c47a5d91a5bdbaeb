//! catalog.yaml: region, coding rule, rule severities, deadlines.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::Round;

/// catalog.yaml.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "清单配置 (catalog.yaml)")]
pub struct CatalogConfig {
    /// 行政区划.
    pub region: Region,
    /// 编码规则 (qingdan docs/coding.md); the default rule when absent.
    #[serde(default)]
    pub coding: Coding,
    /// Severity overrides by rule id: error, warning or off.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, SeveritySetting>,
    /// Deadlines by round (YYYY-MM-DD), shown by `round status`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deadlines: BTreeMap<Round, Date>,
    /// 发布信息: how the published catalog names itself (exports, site,
    /// linked data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<PublicationInfo>,
}

/// 发布信息: every field optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationInfo {
    /// 清单标题: the published catalog's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 发布机关: who publishes the catalog (a departments.yaml name gives
    /// its credit code to the linked data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// 基础 IRI: where the catalog is published (http:// or https://); the
    /// linked data names items, departments and the dataset under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^https?://[^\s<>\x22{}|\\^`]+$"))]
    pub base_iri: Option<String>,
    /// 许可协议: a licence IRI (https://…) or its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
}

impl CatalogConfig {
    /// `publication.base_iri`, when stated.
    pub fn base_iri(&self) -> Option<&str> {
        self.publication.as_ref()?.base_iri.as_deref()
    }
}

/// 行政区划: 6-digit code and name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// 行政区划代码, 6 digits.
    #[schemars(regex(pattern = r"^[0-9]{6}$"))]
    pub code: String,
    /// 名称.
    pub name: String,
}

/// The coding rule (qingdan docs/coding.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coding {
    /// Pattern for items without a reference_code.
    #[serde(default = "default_pattern")]
    pub pattern: String,
    /// Pattern for items with a reference_code.
    #[serde(default = "default_reference_pattern")]
    pub reference_pattern: String,
}

pub const DEFAULT_PATTERN: &str = "{type}{region}{dept}{seq:4}{check}";
pub const DEFAULT_REFERENCE_PATTERN: &str = "{ref}{region}{dept}{seq:2}{check}";

fn default_pattern() -> String {
    DEFAULT_PATTERN.to_string()
}
fn default_reference_pattern() -> String {
    DEFAULT_REFERENCE_PATTERN.to_string()
}

impl Default for Coding {
    fn default() -> Self {
        Coding {
            pattern: default_pattern(),
            reference_pattern: default_reference_pattern(),
        }
    }
}

/// A rule's configured severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeveritySetting {
    Error,
    Warning,
    Off,
}

/// A calendar date, YYYY-MM-DD.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Date(#[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))] pub String);
