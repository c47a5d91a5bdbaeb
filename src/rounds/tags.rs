//! The tags that carry the rounds (docs/rounds.md): `qingdan/report-1` …
//! `qingdan/approved`, then `qingdan/published-YYYY-MM-DD` (`-2`, `-3` for
//! another publication the same day). The round is never stored in a file:
//! it follows from the tags reachable from a revision.

use crate::model::{Labelled, Round};

pub const PREFIX: &str = "qingdan/";
const PUBLISHED: &str = "published-";

/// A tag of the procedure, ordered as the procedure runs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RoundTag {
    /// The close of a round before publication (report-1 … approved).
    Closed(Round),
    /// A publication: its China Standard Time date and its number that day.
    Published { date: String, number: u32 },
}

impl RoundTag {
    /// Reads a tag name; `None` for a tag that is not one of ours.
    pub fn parse(name: &str) -> Option<RoundTag> {
        let rest = name.strip_prefix(PREFIX)?;
        if let Some(published) = rest.strip_prefix(PUBLISHED) {
            return parse_published(published);
        }
        let round = Round::VARIANTS.iter().find(|v| v.key == rest)?.value;
        matches!(
            round,
            Round::Report1 | Round::Review1 | Round::Report2 | Round::Review2 | Round::Approved
        )
        .then_some(RoundTag::Closed(round))
    }

    pub fn name(&self) -> String {
        match self {
            RoundTag::Closed(round) => format!("{PREFIX}{}", round.key()),
            RoundTag::Published { date, number: 1 } => format!("{PREFIX}{PUBLISHED}{date}"),
            RoundTag::Published { date, number } => format!("{PREFIX}{PUBLISHED}{date}-{number}"),
        }
    }

    /// The round that runs after this tag.
    pub fn round_after(&self) -> Round {
        match self {
            RoundTag::Closed(Round::Report1) => Round::Review1,
            RoundTag::Closed(Round::Review1) => Round::Report2,
            RoundTag::Closed(Round::Report2) => Round::Review2,
            RoundTag::Closed(Round::Review2) => Round::Approved,
            RoundTag::Closed(_) => Round::Published,
            RoundTag::Published { .. } => Round::Adjust,
        }
    }

    /// The annotation of the tag (in Chinese: it stays in the repository).
    pub fn message(&self, closing: Round) -> String {
        match (self, closing) {
            (RoundTag::Closed(round), _) => format!("{}完成", round.zh()),
            (RoundTag::Published { date, .. }, Round::Adjust) => {
                format!("动态调整后公布（{date}）")
            }
            (RoundTag::Published { date, .. }, _) => format!("公布（{date}）"),
        }
    }
}

/// `YYYY-MM-DD` or `YYYY-MM-DD-N` with N ≥ 2.
fn parse_published(text: &str) -> Option<RoundTag> {
    let (date, number) = match text.get(10..) {
        Some("") => (text, 1),
        Some(suffix) => (
            &text[..10],
            suffix
                .strip_prefix('-')?
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 2)?,
        ),
        None => return None,
    };
    // A date that does not exist (`published-9999-99-99`) is no publication.
    crate::model::date::is_date(date).then(|| RoundTag::Published {
        date: date.to_string(),
        number,
    })
}

/// Where the procedure stands at a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundState {
    pub round: Round,
    /// The tag that opened the round; `None` in report-1.
    pub last: Option<RoundTag>,
    /// The newest publication, the base of the adjust round.
    pub last_published: Option<RoundTag>,
    /// Tags under `qingdan/` that are no round tag (a misspelt round, a
    /// publication date that does not exist): left out of the rounds, and
    /// said so.
    pub unrecognised: Vec<String>,
}

/// The state after `tags` (names reachable from a revision). The newest tag
/// is the one furthest along the procedure: tags made in one second on one
/// commit (审定 then 公布) have no other order.
pub fn state(tags: &[String]) -> RoundState {
    let ours: Vec<RoundTag> = tags.iter().filter_map(|t| RoundTag::parse(t)).collect();
    let last = ours.iter().max().cloned();
    let last_published = ours
        .iter()
        .filter(|t| matches!(t, RoundTag::Published { .. }))
        .max()
        .cloned();
    let round = last.as_ref().map_or(Round::Report1, RoundTag::round_after);
    let unrecognised = tags
        .iter()
        .filter(|t| t.starts_with(PREFIX) && RoundTag::parse(t).is_none())
        .cloned()
        .collect();
    RoundState {
        round,
        last,
        last_published,
        unrecognised,
    }
}

/// The tags `round advance` creates when `round` closes on `today` (CST),
/// given every tag of the repository: leaving 审定 tags it and publishes.
pub fn tags_closing(round: Round, today: &str, existing: &[String]) -> Vec<RoundTag> {
    match round {
        Round::Report1 | Round::Review1 | Round::Report2 | Round::Review2 => {
            vec![RoundTag::Closed(round)]
        }
        Round::Approved => vec![
            RoundTag::Closed(Round::Approved),
            publication(today, existing),
        ],
        Round::Published | Round::Adjust => vec![publication(today, existing)],
    }
}

/// The first free publication tag of the day.
fn publication(today: &str, existing: &[String]) -> RoundTag {
    (1..)
        .map(|number| RoundTag::Published {
            date: today.to_string(),
            number,
        })
        .find(|tag| !existing.contains(&tag.name()))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn names_read_back() {
        for name in [
            "qingdan/report-1",
            "qingdan/approved",
            "qingdan/published-2027-06-01",
            "qingdan/published-2027-06-01-3",
        ] {
            assert_eq!(RoundTag::parse(name).unwrap().name(), name);
        }
        for name in [
            "qingdan/adjust",
            "qingdan/published",
            "qingdan/published-2027-6-1",
            "qingdan/published-2027-06-01-1",
            "v1.0",
            "qingdan/published-2027-06-01x",
            "qingdan/published-9999-99-99",
            "qingdan/published-2027-02-30",
            "qingdan/published-2027-02-30-2",
        ] {
            assert_eq!(RoundTag::parse(name), None, "{name}");
        }
    }

    #[test]
    fn no_tag_is_report_1() {
        let s = state(&names(&["v1.0"]));
        assert_eq!((s.round, s.last), (Round::Report1, None));
    }

    #[test]
    fn the_furthest_tag_gives_the_round() {
        let s = state(&names(&["qingdan/report-1", "qingdan/review-1"]));
        assert_eq!(s.round, Round::Report2);
        let s = state(&names(&[
            "qingdan/approved",
            "qingdan/published-2027-06-01",
            "qingdan/review-2",
            "qingdan/published-2027-05-01-2",
        ]));
        assert_eq!(s.round, Round::Adjust);
        assert_eq!(
            s.last_published.unwrap().name(),
            "qingdan/published-2027-06-01"
        );
        let s = state(&names(&[
            "qingdan/published-2027-06-01",
            "qingdan/published-2027-06-01-2",
        ]));
        assert_eq!(s.last.unwrap().name(), "qingdan/published-2027-06-01-2");
        assert_eq!(state(&names(&["qingdan/approved"])).round, Round::Published);
    }

    #[test]
    fn closing_tags() {
        let closing = |round, existing: &[&str]| -> Vec<String> {
            tags_closing(round, "2027-06-01", &names(existing))
                .iter()
                .map(RoundTag::name)
                .collect()
        };
        assert_eq!(closing(Round::Report1, &[]), ["qingdan/report-1"]);
        assert_eq!(
            closing(Round::Approved, &[]),
            ["qingdan/approved", "qingdan/published-2027-06-01"]
        );
        assert_eq!(
            closing(Round::Adjust, &["qingdan/published-2027-06-01"]),
            ["qingdan/published-2027-06-01-2"]
        );
        let two = [
            "qingdan/published-2027-06-01",
            "qingdan/published-2027-06-01-2",
        ];
        assert_eq!(
            closing(Round::Adjust, &two),
            ["qingdan/published-2027-06-01-3"]
        );
    }

    #[test]
    fn annotations_are_chinese() {
        assert_eq!(
            RoundTag::Closed(Round::Report1).message(Round::Report1),
            "一报完成"
        );
        let published = RoundTag::Published {
            date: "2027-06-01".into(),
            number: 1,
        };
        assert_eq!(
            published.message(Round::Adjust),
            "动态调整后公布（2027-06-01）"
        );
    }
}
