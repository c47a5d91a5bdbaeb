//! departments.yaml: the register of implementing bodies (实施主体).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::DepartmentKind;

/// 实施主体 — one implementing body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Short ascii id, also the folder name under items/.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]{0,31}$"))]
    pub id: String,
    /// 3-digit department code used in item codes.
    #[schemars(regex(pattern = r"^[0-9]{3}$"))]
    pub code: String,
    /// 名称.
    pub name: String,
    /// 统一社会信用代码 (18 characters, GB 32100 check character).
    #[schemars(regex(pattern = r"^[0-9A-HJ-NPQRTUWXY]{18}$"))]
    pub credit_code: String,
    /// 主体类型.
    pub kind: DepartmentKind,
    /// 主管部门: the supervising department's id (public institutions, state-owned enterprises).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<String>,
}

/// The whole departments.yaml file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "实施主体名录 (departments)")]
pub struct Departments(pub Vec<Department>);
