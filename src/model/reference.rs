//! reference.yaml: the unified reference catalog (参考目录), optional.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::ItemKind;

/// 参考目录事项.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferenceItem {
    /// The reference catalog's code, as published.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// 事项类型.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ItemKind>,
}

/// The whole reference.yaml file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "参考目录 (reference catalog)")]
pub struct Reference(pub Vec<ReferenceItem>);
