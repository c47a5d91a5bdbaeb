//! The time-limit grammar (docs/catalog.md) (办理时限): `即办` (0),
//! `N个工作日`, `N个自然日` / `N日` / `N天` (natural days), and `无` (no
//! statutory limit, for `legal` only). Validation, export and diff share it.
//!
//! Comparisons count 5 working days as 7 natural days (a working week), so
//! every limit is measured in fifths of a natural day: a natural day is 5, a
//! working day 7. That keeps the arithmetic exact.

use std::fmt;

/// One parsed time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// 即办: done on the spot.
    Immediate,
    WorkingDays(u32),
    NaturalDays(u32),
    /// 无: no statutory limit (legal limits only).
    NoLimit,
}

impl Limit {
    /// Reads a limit; `None` when the text is outside the grammar. Spaces
    /// around the text and full-width digits (what a Chinese input method
    /// types) are accepted.
    pub fn parse(text: &str) -> Option<Limit> {
        let text = text.trim();
        match text {
            "即办" => return Some(Limit::Immediate),
            "无" => return Some(Limit::NoLimit),
            _ => {}
        }
        let digits_end = text
            .char_indices()
            .find(|(_, c)| digit(*c).is_none())
            .map_or(text.len(), |(i, _)| i);
        let (number, unit) = text.split_at(digits_end);
        let n = number_value(number)?;
        match unit {
            "个工作日" => Some(Limit::WorkingDays(n)),
            "个自然日" | "日" | "天" => Some(Limit::NaturalDays(n)),
            _ => None,
        }
    }

    /// The limit in fifths of a natural day (即办 = 0); `None` for 无.
    pub fn fifths(self) -> Option<u64> {
        match self {
            Limit::Immediate => Some(0),
            Limit::WorkingDays(n) => Some(u64::from(n) * 7),
            Limit::NaturalDays(n) => Some(u64::from(n) * 5),
            Limit::NoLimit => None,
        }
    }

    /// True when `self` allows more time than `other`; `无` is longer than
    /// any limit.
    pub fn exceeds(self, other: Limit) -> bool {
        match (self.fifths(), other.fifths()) {
            (Some(a), Some(b)) => a > b,
            (None, Some(_)) => true,
            _ => false,
        }
    }
}

/// The canonical spelling: what qingdan writes.
impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Immediate => f.write_str("即办"),
            Limit::WorkingDays(n) => write!(f, "{n}个工作日"),
            Limit::NaturalDays(n) => write!(f, "{n}个自然日"),
            Limit::NoLimit => f.write_str("无"),
        }
    }
}

/// The total of several limits, in the unit they share (working days when
/// every part is 即办 or working days, natural days when every part is 即办
/// or natural days), else in fifths of a natural day. `None` when a part is
/// 无.
pub fn total(limits: &[Limit]) -> Option<Limit> {
    let mut working = 0u64;
    let mut natural = 0u64;
    for limit in limits {
        match limit {
            Limit::Immediate => {}
            Limit::WorkingDays(n) => working += u64::from(*n),
            Limit::NaturalDays(n) => natural += u64::from(*n),
            Limit::NoLimit => return None,
        }
    }
    let narrow = |n: u64| u32::try_from(n).ok();
    match (working, natural) {
        (0, 0) => Some(Limit::Immediate),
        (w, 0) => narrow(w).map(Limit::WorkingDays),
        (0, n) => narrow(n).map(Limit::NaturalDays),
        // Mixed units: natural days, rounded up so a sum is never understated.
        (w, n) => narrow((w * 7 + n * 5).div_ceil(5)).map(Limit::NaturalDays),
    }
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn number_value(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    text.chars()
        .try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar() {
        assert_eq!(Limit::parse("即办"), Some(Limit::Immediate));
        assert_eq!(Limit::parse("无"), Some(Limit::NoLimit));
        assert_eq!(Limit::parse("5个工作日"), Some(Limit::WorkingDays(5)));
        assert_eq!(Limit::parse(" 7个自然日 "), Some(Limit::NaturalDays(7)));
        assert_eq!(Limit::parse("15日"), Some(Limit::NaturalDays(15)));
        assert_eq!(Limit::parse("3天"), Some(Limit::NaturalDays(3)));
        assert_eq!(Limit::parse("１０个工作日"), Some(Limit::WorkingDays(10)));
    }

    #[test]
    fn outside_the_grammar() {
        for text in [
            "",
            "个工作日",
            "5工作日",
            "5个月",
            "五个工作日",
            "5 个工作日",
            "即时",
            "-1日",
            "99999999999日",
            "5个工作日内",
        ] {
            assert_eq!(Limit::parse(text), None, "{text}");
        }
    }

    #[test]
    fn five_working_days_are_seven_natural_days() {
        let five = Limit::WorkingDays(5);
        assert!(!five.exceeds(Limit::NaturalDays(7)));
        assert!(!Limit::NaturalDays(7).exceeds(five));
        assert!(Limit::NaturalDays(8).exceeds(five));
        assert!(Limit::WorkingDays(6).exceeds(Limit::NaturalDays(8)));
        assert!(!Limit::Immediate.exceeds(Limit::Immediate));
        assert!(Limit::NoLimit.exceeds(Limit::WorkingDays(30)));
        assert!(!Limit::WorkingDays(30).exceeds(Limit::NoLimit));
    }

    #[test]
    fn totals_keep_a_shared_unit() {
        use Limit::*;
        assert_eq!(
            total(&[Immediate, WorkingDays(2), WorkingDays(3)]),
            Some(WorkingDays(5))
        );
        assert_eq!(total(&[NaturalDays(2), Immediate]), Some(NaturalDays(2)));
        assert_eq!(total(&[]), Some(Immediate));
        assert_eq!(
            total(&[WorkingDays(5), NaturalDays(1)]),
            Some(NaturalDays(8))
        );
        assert_eq!(
            total(&[WorkingDays(1), NaturalDays(1)]),
            Some(NaturalDays(3))
        );
        assert_eq!(total(&[NoLimit]), None);
    }

    #[test]
    fn canonical_spelling() {
        assert_eq!(Limit::parse("3天").unwrap().to_string(), "3个自然日");
        assert_eq!(Limit::WorkingDays(2).to_string(), "2个工作日");
    }
}
