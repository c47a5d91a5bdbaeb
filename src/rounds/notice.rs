//! What the adjustment notice states beyond the diff (docs/diff.md): who
//! issues it, its 文号 and date, and for each item the reason of its
//! change (the adjust-round opinion that covered it) and its basis (the
//! item's legal bases). Read from the newer side of the comparison.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::catalog::reviews::{self, ItemIndex, OpinionState};
use crate::diff::{Change, Diff, ItemChange};
use crate::model::record::{APPROVAL_FILE, Approval, PUBLICATION_FILE};
use crate::model::{Item, Round};
use crate::source::Source;

use super::fingerprint::fingerprint;

/// The notice's heading and the notes of each item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoticeFacts {
    /// 发布机关.
    pub issuer: Option<String>,
    /// 文号.
    pub document_number: Option<String>,
    /// 发布日期, YYYY-MM-DD.
    pub date: Option<String>,
    /// The 市政府常务会议 that approved the adjustment (its record, when
    /// this notice's): the notice says it was approved there.
    pub approval: Option<Approval>,
    /// By the item's file (where it is now).
    pub notes: HashMap<String, ItemNotes>,
}

/// Why an item changed and on what basis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemNotes {
    /// The texts of the opinions that covered the change.
    pub reasons: Vec<String>,
    /// `《title》article`, each legal basis of the item.
    pub basis: Vec<String>,
}

impl NoticeFacts {
    pub fn notes_of(&self, file: &str) -> Option<&ItemNotes> {
        self.notes.get(file)
    }
}

/// Reads the facts of the notice of `diff` (from `old` to `new`).
///
/// The publication record (`reviews/published/publication.yaml`) gives
/// issuer, 文号 and date only when the newer side holds one the older side
/// does not: the record of the last publication is not this notice's. The
/// approval record gives the date likewise (the notice follows the
/// meeting), and `catalog.yaml` `publication.issuer` the issuer. A newer
/// side that does not load gives no facts.
pub fn facts(old: &dyn Source, new: &dyn Source, diff: &Diff) -> NoticeFacts {
    let Ok((catalog, _)) = Catalog::load(new) else {
        return NoticeFacts::default();
    };
    let (reviews, _) = reviews::load(new, &catalog);
    let fresh = |file: &str| match new.read_text(file) {
        Ok(text) => old.read_text(file).ok().as_deref() != Some(text.as_str()),
        Err(_) => false,
    };
    let publication = reviews
        .records
        .publication
        .as_ref()
        .filter(|_| fresh(PUBLICATION_FILE));
    let approval = reviews
        .records
        .approval
        .as_ref()
        .filter(|_| fresh(APPROVAL_FILE));
    let issuer = publication.map(|p| p.issuer.clone()).or_else(|| {
        catalog
            .config
            .publication
            .as_ref()
            .and_then(|p| p.issuer.clone())
    });
    let document_number = publication.map(|p| p.document_number.clone());
    let date = publication
        .map(|p| p.date.0.clone())
        .or_else(|| approval.map(|a| a.date.0.clone()));
    let index = ItemIndex::new(&catalog);
    // A deleted item is found on the older side (loaded only for one).
    let removed = diff.items.iter().any(|i| i.change == Change::Removed);
    let old_catalog = removed
        .then(|| Catalog::load(old).ok().map(|(c, _)| c))
        .flatten();
    let old_index = old_catalog.as_ref().map(ItemIndex::new);
    let mut notes = HashMap::new();
    for change in &diff.items {
        let side = if change.change == Change::Removed {
            match &old_index {
                Some(old_index) => old_index,
                None => continue,
            }
        } else {
            &index
        };
        let Some(item) = side.find(&change.file).and_then(|l| l.item.as_ref()) else {
            continue;
        };
        let now = fingerprint(item);
        // Closed opinions of the adjust round on the item: those written on
        // it as it is now first (they covered the change at the gate).
        let mut covering: Vec<(bool, &str)> = reviews
            .opinions()
            .filter(|(_, at, opinion)| {
                at.round == Round::Adjust
                    && OpinionState::of(opinion) == OpinionState::Resolved
                    && names(change, &index, &opinion.item)
            })
            .map(|(_, _, o)| (o.fingerprint != now, o.opinion.trim()))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        covering.sort_by_key(|(older, _)| *older);
        let current = covering.first().map(|(older, _)| *older);
        let mut reasons: Vec<String> = Vec::new();
        for (older, text) in covering {
            if Some(older) == current && !reasons.iter().any(|r| r == text) {
                reasons.push(text.to_string());
            }
        }
        notes.insert(
            change.file.clone(),
            ItemNotes {
                reasons,
                basis: basis(item),
            },
        );
    }
    NoticeFacts {
        issuer,
        document_number,
        date,
        approval: approval.cloned(),
        notes,
    }
}

/// Whether an opinion's `item` names the changed item: through the newer
/// catalog, or by the code or file a deleted item had.
fn names(change: &ItemChange, index: &ItemIndex, reference: &str) -> bool {
    if change.change == Change::Removed {
        let reference = reference.trim();
        reference.strip_prefix("./").unwrap_or(reference) == change.file
            || change.code.as_deref() == Some(reference)
    } else {
        index.find(reference).is_some_and(|l| l.file == change.file)
    }
}

fn basis(item: &Item) -> Vec<String> {
    item.legal_basis
        .iter()
        .map(|b| {
            format!(
                "{}{}",
                b.title.trim(),
                b.article.as_deref().unwrap_or("").trim()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    const ITEM: &str = "name: 生育登记\nkind: public_service\ncategory: health\ndepartment: wsjw\ntargets: [natural_person]\nlegal_basis:\n  - {title: 《甲法》, article: 第一条}\n  - {title: 《乙条例》}\nguide: false\n";

    fn side(extra: &[(&str, &str)]) -> MemorySource {
        let mut source = MemorySource::new();
        source.insert(
            "catalog.yaml",
            "region: {code: \"330399\", name: 瓯江市}\npublication: {issuer: 瓯江市人民政府办公室}\n",
        );
        source.insert(
            "departments.yaml",
            "- {id: wsjw, code: \"001\", name: 瓯江市卫生健康委员会, credit_code: \"11330399002601424H\", kind: government_department}\n",
        );
        for (path, text) in extra {
            source.insert(path, text);
        }
        source
    }

    const APPROVAL: &str =
        "meeting: 市政府第30次常务会议\ndate: 2027-11-20\nminutes_number: 〔2027〕30号\n";
    const PUBLICATION: &str =
        "issuer: 瓯江市人民政府\ndocument_number: 瓯政发〔2027〕12号\ndate: 2027-06-01\n";

    #[test]
    fn the_heading_comes_from_records_the_older_side_lacks() {
        // The last publication's record on both sides; a new approval.
        let old = side(&[(PUBLICATION_FILE, PUBLICATION)]);
        let new = side(&[
            (PUBLICATION_FILE, PUBLICATION),
            (APPROVAL_FILE, APPROVAL),
            ("items/wsjw/a.yaml", ITEM),
        ]);
        let diff = crate::diff::compare(&old, &new).unwrap();
        let facts = super::facts(&old, &new, &diff);
        assert_eq!(facts.issuer.as_deref(), Some("瓯江市人民政府办公室"));
        assert_eq!(facts.document_number, None, "the old 文号 is not reused");
        assert_eq!(facts.date.as_deref(), Some("2027-11-20"));
        assert_eq!(
            facts.notes_of("items/wsjw/a.yaml").unwrap().basis,
            ["《甲法》第一条", "《乙条例》"]
        );
        assert!(
            facts
                .notes_of("items/wsjw/a.yaml")
                .unwrap()
                .reasons
                .is_empty()
        );
        // This publication's record: all three from it.
        let new = side(&[
            (
                PUBLICATION_FILE,
                &PUBLICATION
                    .replace("12号", "30号")
                    .replace("06-01", "12-01"),
            ),
            ("items/wsjw/a.yaml", ITEM),
        ]);
        let facts = super::facts(&old, &new, &diff);
        assert_eq!(
            (
                facts.issuer.as_deref(),
                facts.document_number.as_deref(),
                facts.date.as_deref()
            ),
            (
                Some("瓯江市人民政府"),
                Some("瓯政发〔2027〕30号"),
                Some("2027-12-01")
            )
        );
    }
}
