//! The offices that review (`catalog.yaml` `offices`): who they are and
//! which duties (`Duty`) each holds. Absent, the offices are seed 000's
//! joint-meeting members (附件 一、成员单位) with their 2017 names and the
//! duties of 附件 四、职责分工, and the public (社会公众) for the
//! consultation of the second review.

use std::sync::LazyLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::{Duty, Labelled};

/// 审核部门: an office of the joint review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// The id review files and `review export --office` name it by.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_-]*$"))]
    pub id: String,
    /// 名称 (Chinese).
    #[schemars(length(min = 1))]
    pub name: String,
    /// English name, for `--lang en`; the Chinese name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// 审核职责: what the office reviews.
    pub duties: Vec<Duty>,
}

impl Office {
    /// The name in Chinese and in English.
    pub fn names(&self) -> (String, String) {
        let en = self.name_en.as_deref().unwrap_or(&self.name);
        (self.name.clone(), en.to_string())
    }

    pub fn holds(&self, duty: Duty) -> bool {
        self.duties.contains(&duty)
    }

    /// Every duty the office holds is guidance (指导督促): its opinions
    /// hold no gate.
    pub fn guidance_only(&self) -> bool {
        !self.duties.is_empty() && self.duties.iter().all(|d| d.guidance())
    }
}

/// Which names `init --office-names` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeNames {
    /// The names of seed 000 (2017), the default when `offices` is absent.
    Original,
    /// The names after the 2018 institutional reform (docs/catalog.md).
    Current,
}

/// One default office: id, 2017 name, today's name, English names (2017,
/// today), duties.
struct Member {
    id: &'static str,
    name_2017: &'static str,
    name_current: &'static str,
    en_2017: &'static str,
    en_current: &'static str,
    duties: &'static [Duty],
}

/// Seed 000, 附件 一、成员单位 in its order, and the public. The ids are
/// those review files have always used.
const DEFAULTS: &[Member] = &[
    Member {
        id: "zhengfuban",
        name_2017: "政府办公室",
        name_current: "政府办公室",
        en_2017: "General office of the government",
        en_current: "General office of the government",
        duties: &[Duty::Publication],
    },
    Member {
        id: "bianban",
        name_2017: "编办",
        name_current: "编办",
        en_2017: "Establishment office",
        en_current: "Establishment office",
        duties: &[Duty::AllItems],
    },
    Member {
        id: "fagaiwei",
        name_2017: "发改委",
        name_current: "发改委",
        en_2017: "Development and reform commission",
        en_current: "Development and reform commission",
        duties: &[Duty::FeeStandard],
    },
    Member {
        id: "caizheng",
        name_2017: "财政局",
        name_current: "财政局",
        en_2017: "Finance bureau",
        en_current: "Finance bureau",
        duties: &[Duty::FeeBasis],
    },
    Member {
        id: "fazhi",
        name_2017: "法制办",
        name_current: "司法局",
        en_2017: "Legal affairs office",
        en_current: "Justice bureau",
        duties: &[Duty::NormativeDocuments],
    },
    Member {
        id: "guoziwei",
        name_2017: "国资委",
        name_current: "国资委",
        en_2017: "State assets commission",
        en_current: "State assets commission",
        duties: &[Duty::StateOwnedEnterprises],
    },
    Member {
        id: "shenguanban",
        name_2017: "审管办",
        name_current: "政务服务管理办公室",
        en_2017: "Administrative service office",
        en_current: "Government services administration office",
        duties: &[Duty::Intermediaries],
    },
    Member {
        id: "public",
        name_2017: "社会公众",
        name_current: "社会公众",
        en_2017: "The public",
        en_current: "The public",
        duties: &[Duty::Public],
    },
];

/// The default offices with the 2017 or today's names.
pub fn default_offices(names: OfficeNames) -> Vec<Office> {
    DEFAULTS
        .iter()
        .map(|d| {
            let (name, en) = match names {
                OfficeNames::Original => (d.name_2017, d.en_2017),
                OfficeNames::Current => (d.name_current, d.en_current),
            };
            Office {
                id: d.id.to_string(),
                name: name.to_string(),
                name_en: Some(en.to_string()),
                duties: d.duties.to_vec(),
            }
        })
        .collect()
}

/// The offices of a catalog that does not list them.
pub static DEFAULT_OFFICES: LazyLock<Vec<Office>> =
    LazyLock::new(|| default_offices(OfficeNames::Original));

/// Finds an office in a list by what a person or an older file wrote.
pub fn find<'a>(offices: &'a [Office], text: &str) -> Option<&'a Office> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let exact = |o: &&Office| {
        o.id == text || o.name == text || o.name_en.as_deref().is_some_and(|en| en == text)
    };
    if let Some(office) = offices.iter().find(exact) {
        return Some(office);
    }
    // An older file names a default office by its id or by either of its
    // names: the office holding that id, else one with its name.
    let default = DEFAULTS
        .iter()
        .find(|d| d.id == text || d.name_2017 == text || d.name_current == text)?;
    offices.iter().find(|o| o.id == default.id).or_else(|| {
        offices
            .iter()
            .find(|o| o.name == default.name_2017 || o.name == default.name_current)
    })
}

/// The id a default office is written with, for text that names one by
/// id or name (reading review files before the catalog's offices are known).
pub fn default_id(text: &str) -> Option<&'static str> {
    let text = text.trim();
    DEFAULTS
        .iter()
        .find(|d| d.id == text || d.name_2017 == text || d.name_current == text)
        .map(|d| d.id)
}

/// The duties in the order routing gives them.
pub fn duties() -> impl Iterator<Item = Duty> {
    Duty::VARIANTS.iter().map(|v| v.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_hold_every_duty_once_under_the_ids_review_files_use() {
        for names in [OfficeNames::Original, OfficeNames::Current] {
            let offices = default_offices(names);
            for duty in duties() {
                let holders: Vec<&str> = offices
                    .iter()
                    .filter(|o| o.holds(duty))
                    .map(|o| o.id.as_str())
                    .collect();
                assert_eq!(holders.len(), 1, "{duty:?}: {holders:?}");
            }
            let ids: Vec<&str> = offices.iter().map(|o| o.id.as_str()).collect();
            assert_eq!(
                ids,
                [
                    "zhengfuban",
                    "bianban",
                    "fagaiwei",
                    "caizheng",
                    "fazhi",
                    "guoziwei",
                    "shenguanban",
                    "public"
                ]
            );
        }
    }

    #[test]
    fn an_office_is_found_by_id_name_or_an_older_name() {
        let current = default_offices(OfficeNames::Current);
        assert_eq!(find(&current, "fazhi").unwrap().name, "司法局");
        assert_eq!(find(&current, "法制办").unwrap().id, "fazhi");
        assert_eq!(find(&current, " 司法局 ").unwrap().id, "fazhi");
        assert_eq!(
            find(&DEFAULT_OFFICES, "Finance bureau").unwrap().id,
            "caizheng"
        );
        assert!(find(&DEFAULT_OFFICES, "zjj").is_none());
        assert!(find(&DEFAULT_OFFICES, "").is_none());
        // A catalog that renamed 编办's id still takes files naming 编办.
        let custom = vec![Office {
            id: "wbb".into(),
            name: "编办".into(),
            name_en: None,
            duties: vec![Duty::AllItems],
        }];
        assert_eq!(find(&custom, "bianban").unwrap().id, "wbb");
        assert_eq!(find(&custom, "编办").unwrap().names().1, "编办");
        assert!(find(&custom, "fagaiwei").is_none());
    }

    #[test]
    fn only_guidance_holds_no_gate() {
        let offices = default_offices(OfficeNames::Original);
        let guidance: Vec<&str> = offices
            .iter()
            .filter(|o| o.guidance_only())
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(guidance, ["guoziwei"]);
    }
}
