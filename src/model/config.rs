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
    /// Which list the catalog is: `public_service` (公共服务事项清单, the
    /// default) or `government_service` (政务服务事项清单: every kind a
    /// person applies for, licences included).
    #[serde(default, skip_serializing_if = "is_default_scope")]
    pub scope: Scope,
    /// 编码规则 (coding.md); the default rule when absent.
    #[serde(default)]
    pub coding: Coding,
    /// Severity overrides by rule id: error, warning or off.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, SeveritySetting>,
    /// Deadlines by round (YYYY-MM-DD), shown by `round status`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deadlines: BTreeMap<Round, Date>,
}

/// The kind of list a catalog is; `out-of-scope` reads it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// 公共服务事项清单: licences stay in the licence catalog (seed 004).
    #[default]
    PublicService,
    /// 政务服务事项清单: every kind a person applies for.
    GovernmentService,
}

fn is_default_scope(scope: &Scope) -> bool {
    *scope == Scope::PublicService
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

/// The coding rule (coding.md).
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
