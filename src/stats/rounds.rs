//! Between two revisions (二报 against 一报, one publication against the
//! last): the measures at both points and what was cut, per department,
//! ranked. Changes are net differences of totals (materials 15 → 12 is 3
//! cut), so no pairing of items is needed.

use serde::Serialize;

use super::{Figures, Stats};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub catalog: Row,
    /// Ranked: most materials cut first, then days, visits, items moved online.
    pub departments: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub before: Figures,
    pub after: Figures,
    pub cut: Cut,
}

/// What went down from before to after (negative: it went up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cut {
    pub items: i64,
    pub materials: i64,
    pub working_days: i64,
    pub natural_days: i64,
    pub visits: i64,
    /// Items online (fully or partly) after, less before.
    pub moved_online: i64,
}

impl Cut {
    pub fn between(before: &Figures, after: &Figures) -> Cut {
        let less = |a: u64, b: u64| a as i64 - b as i64;
        Cut {
            items: less(before.items, after.items),
            materials: less(before.materials, after.materials),
            working_days: less(before.promised_working_days, after.promised_working_days),
            natural_days: less(before.promised_natural_days, after.promised_natural_days),
            visits: less(before.visits, after.visits),
            moved_online: less(after.online_items, before.online_items),
        }
    }

    fn rank_key(&self) -> (i64, i64, i64, i64) {
        (
            self.materials,
            self.working_days * 7 + self.natural_days * 5,
            self.visits,
            self.moved_online,
        )
    }
}

/// The change from `before` to `after`. A department on one side only is
/// compared with nothing on the other.
pub fn compare(before: &Stats, after: &Stats) -> Change {
    let empty = Figures::default();
    let mut departments: Vec<Row> = Vec::new();
    for side in [after, before] {
        for d in &side.departments {
            if departments.iter().any(|r| r.id.as_deref() == Some(&d.id)) {
                continue;
            }
            let find = |stats: &Stats| {
                stats
                    .departments
                    .iter()
                    .find(|x| x.id == d.id)
                    .map_or(empty.clone(), |x| x.figures.clone())
            };
            let (b, a) = (find(before), find(after));
            departments.push(Row {
                id: Some(d.id.clone()),
                name: Some(d.name.clone()),
                cut: Cut::between(&b, &a),
                before: b,
                after: a,
            });
        }
    }
    // Stable: equal ranks keep the register order.
    departments.sort_by_key(|r| std::cmp::Reverse(r.cut.rank_key()));
    Change {
        catalog: Row {
            id: None,
            name: None,
            cut: Cut::between(&before.catalog, &after.catalog),
            before: before.catalog.clone(),
            after: after.catalog.clone(),
        },
        departments,
    }
}
