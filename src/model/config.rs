//! catalog.yaml: region, coding rule, rule severities, deadlines.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::{LawLevel, Round};
use super::office::{DEFAULT_OFFICES, Office};

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
    /// 证明事项的设定依据可采用的效力层级 (`proof-basis-level`); when
    /// absent: law, administrative_regulation, state_council_decision,
    /// local_regulation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proof_levels: Vec<LawLevel>,
    /// 审核部门: the offices of the joint review, each with its duties
    /// (docs/catalog.md). When absent: seed 000's members with their 2017
    /// names (编办, 发改委, 财政局, 法制办, 国资委, 审管办, 政府办公室) and
    /// the public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offices: Option<Vec<Office>>,
}

/// 发布信息: every field optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationInfo {
    /// 清单标题: the published catalog's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 英文标题: the title of the English outputs (`--lang en`: workbook,
    /// site, dataset description); without it they read "Public service
    /// catalog of" and the region's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
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
    /// The levels a proof's basis may have (`proof_levels`, or the default).
    pub fn proof_levels(&self) -> &[LawLevel] {
        if self.proof_levels.is_empty() {
            LawLevel::PROOF_LEVELS
        } else {
            &self.proof_levels
        }
    }

    /// The offices: as listed, or the default.
    pub fn offices(&self) -> &[Office] {
        self.offices.as_deref().unwrap_or(&DEFAULT_OFFICES)
    }

    /// `publication.base_iri`, when stated.
    pub fn base_iri(&self) -> Option<&str> {
        self.publication.as_ref()?.base_iri.as_deref()
    }
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

/// The coding rule (qingdan docs/coding.md).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coding {
    /// A named rule: `national` gives codes in the shape of the national
    /// platform, 基本编码-区划(12位)-000-实施主体信用代码-1-业务办理项.
    /// `pattern`, `reference_pattern` and `sub_item_pattern`, when written,
    /// take precedence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<Preset>,
    /// Pattern for items without a reference_code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = DEFAULT_PATTERN))]
    pub pattern: Option<String>,
    /// Pattern for items with a reference_code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = DEFAULT_REFERENCE_PATTERN))]
    pub reference_pattern: Option<String>,
    /// Pattern for sub-items (items with a `parent`) without a
    /// reference_code; `{parent}` is the main item's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = DEFAULT_SUB_ITEM_PATTERN))]
    pub sub_item_pattern: Option<String>,
}

/// A named coding rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// 全国一体化政务服务平台的实施编码形状.
    National,
}

pub const DEFAULT_PATTERN: &str = "{type}{region}{dept}{seq:4}{check}";
pub const DEFAULT_REFERENCE_PATTERN: &str = "{ref}{region}{dept}{seq:2}{check}";
/// Sub-items without a reference code: the main item's code, `-` and a
/// 2-digit number from `01`.
pub const DEFAULT_SUB_ITEM_PATTERN: &str = "{parent}-{seq:2}";
/// `preset: national`, items with a reference code: the reference code as
/// 基本编码, the 12-digit 区划, `000`, the implementing body's credit code,
/// `1` and a 2-digit 业务办理项 from `00`.
pub const NATIONAL_REFERENCE_PATTERN: &str = "{ref}-{region:12}-000-{credit}-1-{seq0:2}";
/// `preset: national`, items without one: a 14-digit 基本编码 made by rule
/// (type, region, department, 3-digit number) in the same shape.
pub const NATIONAL_PATTERN: &str = "{type}{region}{dept}{seq:3}-{region:12}-000-{credit}-1-00";
/// `preset: national`, sub-items without a reference code: a basic code
/// made by rule like any other item. On the national platform a 子项 has a
/// basic code of its own (the 35 sub-items of one real main item carry 35
/// basic codes, every one with 业务办理项 `00`); the main item is named by
/// `parent`, not inside the code (docs/coding.md).
pub const NATIONAL_SUB_ITEM_PATTERN: &str = NATIONAL_PATTERN;

impl Preset {
    /// The preset's (pattern, reference_pattern, sub_item_pattern).
    pub fn patterns(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Preset::National => (
                NATIONAL_PATTERN,
                NATIONAL_REFERENCE_PATTERN,
                NATIONAL_SUB_ITEM_PATTERN,
            ),
        }
    }
}

impl Coding {
    /// The pattern for items without a reference code: as written, else
    /// the preset's, else the default.
    pub fn pattern(&self) -> &str {
        match (&self.pattern, self.preset) {
            (Some(text), _) => text,
            (None, Some(preset)) => preset.patterns().0,
            (None, None) => DEFAULT_PATTERN,
        }
    }

    /// The pattern for items with a reference code.
    pub fn reference_pattern(&self) -> &str {
        match (&self.reference_pattern, self.preset) {
            (Some(text), _) => text,
            (None, Some(preset)) => preset.patterns().1,
            (None, None) => DEFAULT_REFERENCE_PATTERN,
        }
    }

    /// The pattern for sub-items without a reference code.
    pub fn sub_item_pattern(&self) -> &str {
        match (&self.sub_item_pattern, self.preset) {
            (Some(text), _) => text,
            (None, Some(preset)) => preset.patterns().2,
            (None, None) => DEFAULT_SUB_ITEM_PATTERN,
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
