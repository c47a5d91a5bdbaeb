//! 中介服务事项 (`intermediaries/<id>.yaml`, one file per service, its id the
//! file stem) and the 承揽机构名录 (`registers/agencies.yaml`): the services
//! items require from intermediaries, and the agencies that may do them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::{Pricing, Status};

/// 中介服务事项 — a service an item requires of an intermediary agency
/// (a survey, an appraisal, a report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "中介服务事项 (intermediary service)")]
pub struct Intermediary {
    /// 中介服务事项名称 (required).
    pub name: String,
    /// 行业主管部门 (required): a departments.yaml id.
    pub department: String,
    /// 涉及的公共服务事项: the items that require the service, each by its
    /// code or its file (`items/<department>/<name>.yaml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_by: Vec<String>,
    /// 是否强制: the applicant must obtain the service (required).
    pub mandatory: bool,
    /// 设定依据 (required when mandatory: a mandatory service without legal
    /// basis must be cancelled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 价格形式.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing: Option<Pricing>,
    /// 收费标准.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// 服务时限.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<String>,
    /// 机构资质要求: the qualification an agency needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
    /// 状态: active (default) or cancelled.
    #[serde(default, skip_serializing_if = "Status::is_active")]
    pub status: Status,
}

impl Intermediary {
    pub fn is_active(&self) -> bool {
        self.status.is_active()
    }
}

/// 承揽机构 — an agency that may do intermediary services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// 机构名称.
    pub name: String,
    /// 统一社会信用代码 (18 characters, GB 32100 check character).
    pub credit_code: String,
    /// 资质: each with its validity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<Qualification>,
    /// 可承揽的中介服务: ids of `intermediaries/`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// 联系方式.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// 资质证书.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// 资质名称及等级.
    pub name: String,
    /// 证书编号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 有效期起 (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub valid_from: Option<String>,
    /// 有效期至 (YYYY-MM-DD, required).
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub valid_until: String,
}

impl Qualification {
    /// Whether the certificate is valid on `today` (YYYY-MM-DD): the
    /// shape is fixed, so dates compare as text.
    pub fn valid_on(&self, today: &str) -> bool {
        self.valid_until.as_str() >= today
            && self.valid_from.as_deref().is_none_or(|from| from <= today)
    }
}

/// The whole `registers/agencies.yaml` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "承揽机构名录 (agencies)")]
pub struct Agencies(pub Vec<Agency>);

pub const INTERMEDIARY_KEYS: &[&str] = &[
    "name",
    "department",
    "required_by",
    "mandatory",
    "basis",
    "pricing",
    "standard",
    "time_limit",
    "qualification",
    "status",
];
pub const AGENCY_KEYS: &[&str] = &[
    "name",
    "credit_code",
    "qualifications",
    "services",
    "contact",
];
pub const QUALIFICATION_KEYS: &[&str] = &["name", "number", "valid_from", "valid_until"];

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys of a serialised value in text order.
    fn keys_in_order<T: Serialize>(value: &T, keys: &[&str]) -> Vec<String> {
        let text = serde_json::to_string(value).unwrap();
        let mut found: Vec<(usize, String)> = keys
            .iter()
            .filter_map(|k| {
                text.find(&format!("\"{k}\":"))
                    .map(|at| (at, k.to_string()))
            })
            .collect();
        found.sort();
        found.into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn key_tables_follow_the_struct_fields() {
        let service = Intermediary {
            name: "n".into(),
            department: "d".into(),
            required_by: vec!["r".into()],
            mandatory: true,
            basis: Some("b".into()),
            pricing: Some(Pricing::Market),
            standard: Some("s".into()),
            time_limit: Some("t".into()),
            qualification: Some("q".into()),
            status: Status::Cancelled,
        };
        assert_eq!(
            keys_in_order(&service, INTERMEDIARY_KEYS),
            INTERMEDIARY_KEYS
        );
        let agency = Agency {
            name: "n".into(),
            credit_code: "c".into(),
            qualifications: vec![Qualification {
                name: "q".into(),
                number: Some("1".into()),
                valid_from: Some("2020-01-01".into()),
                valid_until: "2030-01-01".into(),
            }],
            services: vec!["s".into()],
            contact: Some("c".into()),
        };
        assert_eq!(keys_in_order(&agency, AGENCY_KEYS), AGENCY_KEYS);
        let qualification = &agency.qualifications[0];
        assert_eq!(
            keys_in_order(qualification, QUALIFICATION_KEYS),
            QUALIFICATION_KEYS
        );
    }

    #[test]
    fn a_qualification_is_valid_between_its_dates() {
        let q = Qualification {
            name: "q".into(),
            number: None,
            valid_from: Some("2025-01-01".into()),
            valid_until: "2026-12-01".into(),
        };
        assert!(q.valid_on("2026-12-01"));
        assert!(!q.valid_on("2026-12-02"));
        assert!(!q.valid_on("2024-12-31"));
    }
}
