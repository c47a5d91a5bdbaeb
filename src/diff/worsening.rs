//! Changes that make things worse for the applicant (不利变更): more
//! materials or copies, longer time limits, more visits, a fee added or
//! raised, less online, conditions added. Reviewers of the adjust round see
//! them flagged; the public notice never marks them.

use serde_json::Value;

use super::fields::{FieldChange, Seg};
use crate::model::time_limit::Limit;

/// Why a change is worse for the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Worsening {
    /// 新增申请材料.
    MaterialAdded,
    /// 申请材料份数增加.
    MoreCopies,
    /// 承诺时限或法定时限延长（或不再承诺）.
    LongerTimeLimit,
    /// 到办事现场次数增加.
    MoreVisits,
    /// 新增收费.
    FeeAdded,
    /// 收费标准提高.
    FeeRaised,
    /// 网上办理程度降低.
    LessOnline,
    /// 新增受理条件.
    ConditionAdded,
}

impl Worsening {
    /// The message key of its label (`diff.worse.*`, in `diff::MESSAGES`).
    pub fn key(self) -> &'static str {
        match self {
            Worsening::MaterialAdded => "diff.worse.material_added",
            Worsening::MoreCopies => "diff.worse.more_copies",
            Worsening::LongerTimeLimit => "diff.worse.longer_time_limit",
            Worsening::MoreVisits => "diff.worse.more_visits",
            Worsening::FeeAdded => "diff.worse.fee_added",
            Worsening::FeeRaised => "diff.worse.fee_raised",
            Worsening::LessOnline => "diff.worse.less_online",
            Worsening::ConditionAdded => "diff.worse.condition_added",
        }
    }
}

fn keys(path: &[Seg]) -> Vec<&str> {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => k.as_str(),
            Seg::Element(_) => "[]",
        })
        .collect()
}

impl FieldChange {
    /// Whether the change is worse for the applicant, and how.
    pub fn worsens(&self) -> Option<Worsening> {
        let (old, new) = (&self.old, &self.new);
        let added = old.is_null() && !new.is_null();
        match keys(&self.path).as_slice() {
            ["materials", "[]"] if added => Some(Worsening::MaterialAdded),
            ["materials", "[]", "copies"] if copies(new) > copies(old) => {
                Some(Worsening::MoreCopies)
            }
            ["conditions", "[]"] if added => Some(Worsening::ConditionAdded),
            ["time_limit"] => ["promised", "legal"]
                .iter()
                .any(|k| longer(old.get(k), new.get(k)))
                .then_some(Worsening::LongerTimeLimit),
            ["time_limit", "promised" | "legal"] => {
                longer(Some(old), Some(new)).then_some(Worsening::LongerTimeLimit)
            }
            ["visits"] => match (old.as_u64(), new.as_u64()) {
                (Some(a), Some(b)) if b > a => Some(Worsening::MoreVisits),
                _ => None,
            },
            ["online"] => match (online_rank(old), online_rank(new)) {
                (Some(a), Some(b)) if b < a => Some(Worsening::LessOnline),
                _ => None,
            },
            ["fee"] => fee(old, new),
            ["fee", "charged"] => (new.as_bool() == Some(true) && old.as_bool() != Some(true))
                .then_some(Worsening::FeeAdded),
            ["fee", "items", "[]"] if added => Some(Worsening::FeeAdded),
            ["fee", "standard"] | ["fee", "items", "[]", "standard"] => {
                raised(old, new).then_some(Worsening::FeeRaised)
            }
            _ => None,
        }
    }
}

/// Copies of a material; an unstated number is one copy.
fn copies(value: &Value) -> u64 {
    value.as_u64().unwrap_or(1)
}

/// A limit that grew, or a limit given up (the applicant loses the
/// promise). A limit newly stated, or one unreadable on either side, is
/// not taken as longer.
fn longer(old: Option<&Value>, new: Option<&Value>) -> bool {
    let limit = |v: Option<&Value>| v.and_then(Value::as_str).and_then(Limit::parse);
    match (limit(old), new.filter(|v| !v.is_null())) {
        (Some(_), None) => true,
        (Some(before), Some(_)) => limit(new).is_some_and(|after| after.exceeds(before)),
        (None, _) => false,
    }
}

fn online_rank(value: &Value) -> Option<u8> {
    match value.as_str()? {
        "none" => Some(0),
        "partial" => Some(1),
        "full" => Some(2),
        _ => None,
    }
}

/// A whole fee record appearing or changing: charged where it was not, a
/// charge added, or a standard raised.
fn fee(old: &Value, new: &Value) -> Option<Worsening> {
    let charged = |v: &Value| v.get("charged").and_then(Value::as_bool) == Some(true);
    if charged(new) && !charged(old) {
        return Some(Worsening::FeeAdded);
    }
    let standard = |v: &Value| v.get("standard").cloned().unwrap_or(Value::Null);
    raised(&standard(old), &standard(new)).then_some(Worsening::FeeRaised)
}

/// A fee standard whose amount went up: the first amount in each text
/// (`每件10元` → 10), compared when both sides state one.
fn raised(old: &Value, new: &Value) -> bool {
    match (old.as_str().and_then(amount), new.as_str().and_then(amount)) {
        (Some(a), Some(b)) => b > a,
        _ => false,
    }
}

fn amount(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    rest[..end].trim_end_matches('.').parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(path: &str, old: Value, new: Value) -> FieldChange {
        let path = path
            .split('.')
            .map(|p| match p.strip_prefix('[') {
                Some(element) => Seg::Element(element.trim_end_matches(']').into()),
                None => Seg::Key(p.into()),
            })
            .collect();
        FieldChange { path, old, new }
    }

    fn worsens(path: &str, old: Value, new: Value) -> Option<Worsening> {
        change(path, old, new).worsens()
    }

    #[test]
    fn more_materials_and_copies() {
        assert_eq!(
            worsens("materials.[结婚证]", Value::Null, json!({"name": "结婚证"})),
            Some(Worsening::MaterialAdded)
        );
        assert_eq!(
            worsens("materials.[身份证].copies", json!(1), json!(2)),
            Some(Worsening::MoreCopies)
        );
        assert_eq!(
            worsens("materials.[身份证].copies", Value::Null, json!(2)),
            Some(Worsening::MoreCopies)
        );
        // Not worse: the same, fewer, one stated where none was, a material taken away.
        assert_eq!(
            worsens("materials.[身份证].copies", json!(1), json!(1)),
            None
        );
        assert_eq!(
            worsens("materials.[身份证].copies", json!(2), json!(1)),
            None
        );
        assert_eq!(
            worsens("materials.[身份证].copies", Value::Null, json!(1)),
            None
        );
        assert_eq!(
            worsens("materials.[结婚证]", json!({"name": "结婚证"}), Value::Null),
            None
        );
        assert_eq!(
            worsens("materials.[身份证].form", json!("original"), json!("copy")),
            None
        );
    }

    #[test]
    fn longer_time_limits() {
        for key in ["time_limit.promised", "time_limit.legal"] {
            assert_eq!(
                worsens(key, json!("3个工作日"), json!("5个工作日")),
                Some(Worsening::LongerTimeLimit)
            );
            assert_eq!(worsens(key, json!("5个工作日"), json!("3个工作日")), None);
            assert_eq!(worsens(key, json!("5个工作日"), json!("7个自然日")), None);
            assert_eq!(worsens(key, json!("即办"), json!("即办 ")), None);
            assert_eq!(worsens(key, Value::Null, json!("5个工作日")), None);
        }
        // 即办 → days, days → no promise at all.
        assert_eq!(
            worsens("time_limit.promised", json!("即办"), json!("1个工作日")),
            Some(Worsening::LongerTimeLimit)
        );
        assert_eq!(
            worsens("time_limit.promised", json!("3个工作日"), Value::Null),
            Some(Worsening::LongerTimeLimit)
        );
        assert_eq!(
            worsens(
                "time_limit",
                json!({"promised": "3个工作日"}),
                json!({"promised": "10个工作日"})
            ),
            Some(Worsening::LongerTimeLimit)
        );
        assert_eq!(
            worsens("time_limit", Value::Null, json!({"promised": "10个工作日"})),
            None
        );
        // An unreadable limit is not judged.
        assert_eq!(
            worsens("time_limit.promised", json!("尽快"), json!("9个工作日")),
            None
        );
    }

    #[test]
    fn more_visits() {
        assert_eq!(
            worsens("visits", json!(0), json!(1)),
            Some(Worsening::MoreVisits)
        );
        assert_eq!(worsens("visits", json!(1), json!(0)), None);
        assert_eq!(worsens("visits", json!(1), json!(1)), None);
        assert_eq!(worsens("visits", Value::Null, json!(1)), None);
    }

    #[test]
    fn fees_added_or_raised() {
        assert_eq!(
            worsens("fee.charged", json!(false), json!(true)),
            Some(Worsening::FeeAdded)
        );
        assert_eq!(worsens("fee.charged", json!(true), json!(false)), None);
        assert_eq!(
            worsens(
                "fee",
                Value::Null,
                json!({"charged": true, "standard": "10元"})
            ),
            Some(Worsening::FeeAdded)
        );
        assert_eq!(worsens("fee", Value::Null, json!({"charged": false})), None);
        assert_eq!(
            worsens("fee.standard", json!("每件10元"), json!("每件12.5元")),
            Some(Worsening::FeeRaised)
        );
        assert_eq!(
            worsens("fee.standard", json!("每件10元"), json!("每件8元")),
            None
        );
        assert_eq!(
            worsens("fee.standard", json!("按规定"), json!("每件8元")),
            None
        );
        assert_eq!(
            worsens("fee.items.[工本费]", Value::Null, json!({"name": "工本费"})),
            Some(Worsening::FeeAdded)
        );
        assert_eq!(
            worsens("fee.items.[工本费].standard", json!("5元"), json!("15元")),
            Some(Worsening::FeeRaised)
        );
    }

    #[test]
    fn less_online_and_conditions_added() {
        assert_eq!(
            worsens("online", json!("full"), json!("partial")),
            Some(Worsening::LessOnline)
        );
        assert_eq!(
            worsens("online", json!("partial"), json!("none")),
            Some(Worsening::LessOnline)
        );
        assert_eq!(worsens("online", json!("none"), json!("full")), None);
        assert_eq!(worsens("online", Value::Null, json!("none")), None);
        assert_eq!(
            worsens("conditions.[年满18周岁]", Value::Null, json!("年满18周岁")),
            Some(Worsening::ConditionAdded)
        );
        assert_eq!(
            worsens("conditions.[年满18周岁]", json!("年满18周岁"), Value::Null),
            None
        );
        assert_eq!(worsens("name", json!("甲"), json!("乙")), None);
    }
}
