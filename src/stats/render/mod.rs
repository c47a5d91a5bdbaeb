//! The statistics as a report a person reads: titled sections of rows and
//! one chart per measure, made once in the chosen language and written as a
//! terminal table, csv, xlsx (with charts) or a self-contained html page.
//! The json is the data itself (`json`).

pub mod csv;
pub mod html;
pub mod json;
pub mod table;
pub mod xlsx;

use super::consistency::{ASPECTS, Difference};
use super::rounds::{Change, Cut, Row};
use super::words::{fill, word};
use super::{Figures, MEASURES, Scale, Stats};
use crate::i18n::Lang;

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    pub sections: Vec<Section>,
    pub charts: Vec<Chart>,
    pub lang: Lang,
}

/// One table.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// How a narrow medium (the terminal) may split a wide table; csv,
    /// xlsx and html show the table whole.
    pub split: Option<Split>,
}

/// A wide table of measures, as narrower tables: the first `lead` columns
/// name the row and begin every part; `summary` says the first row is the
/// whole catalog, shown on its own as measure | value rows; `groups` are
/// the parts, each a title and the columns of related measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub lead: usize,
    pub summary: bool,
    pub groups: Vec<(String, Vec<usize>)>,
}

/// The measure columns in related groups, by json key.
const GROUPS: &[(&str, &[&str])] = &[
    (
        "group.materials",
        &[
            "items",
            "sub_items",
            "materials_per_item",
            "proofs",
            "shareable_asked",
        ],
    ),
    (
        "group.time",
        &[
            "promise_ratio",
            "instant_share",
            "commitment_share",
            "steps_per_item",
        ],
    ),
    (
        "group.online",
        &[
            "online_full_share",
            "online_partial_share",
            "at_most_one_visit_share",
            "zero_visit_share",
            "guide_samples_share",
        ],
    ),
];

/// The split of a table of [`measure_headers`] after `lead` columns.
fn measure_split(lead: usize, summary: bool, lang: Lang) -> Split {
    let keys = measure_keys();
    let groups = GROUPS
        .iter()
        .map(|(title, members)| {
            let columns = members
                .iter()
                .map(|m| lead + keys.iter().position(|k| k == m).expect("a measure"))
                .collect();
            (word(lang, title).to_string(), columns)
        })
        .collect();
    Split {
        lead,
        summary,
        groups,
    }
}

/// The keys of the measure columns, in order: the counts, then [`MEASURES`].
fn measure_keys() -> Vec<&'static str> {
    ["items", "sub_items"]
        .into_iter()
        .chain(MEASURES.iter().map(|(k, _)| *k))
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(i64),
    Measure(Option<f64>, Scale),
}

impl Cell {
    /// The cell as shown: shares as percentages, averages with two decimals,
    /// `—` where there is nothing to divide by.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Measure(None, _) => "—".to_string(),
            Cell::Measure(Some(v), Scale::Share) => format!("{:.1}%", v * 100.0),
            Cell::Measure(Some(v), Scale::Average) => format!("{v:.2}"),
        }
    }
}

/// A bar chart of one measure: a bar per category, one series per side.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub scale: Scale,
    pub categories: Vec<String>,
    /// Series name and a value per category.
    pub series: Vec<(String, Vec<Option<f64>>)>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn measure_headers(lang: Lang, first: &[&str]) -> Vec<String> {
    first
        .iter()
        .copied()
        .chain(measure_keys())
        .map(|k| word(lang, k).to_string())
        .collect()
}

fn measure_cells(figures: &Figures) -> Vec<Cell> {
    [figures.items, figures.sub_items]
        .into_iter()
        .map(|n| Cell::Count(n as i64))
        .chain(
            MEASURES
                .iter()
                .map(|(key, scale)| Cell::Measure(figures.get(key), *scale)),
        )
        .collect()
}

/// One chart per measure over named figures.
fn charts(series: &[(String, Vec<(&str, &Figures)>)], lang: Lang) -> Vec<Chart> {
    MEASURES
        .iter()
        .map(|(key, scale)| Chart {
            title: word(lang, key).to_string(),
            scale: *scale,
            categories: series[0].1.iter().map(|(n, _)| n.to_string()).collect(),
            series: series
                .iter()
                .map(|(name, points)| {
                    let values = points.iter().map(|(_, f)| f.get(key)).collect();
                    (name.clone(), values)
                })
                .collect(),
        })
        .collect()
}

/// `qingdan stats [REV]`: the catalog, then a row per department.
pub fn stats_report(stats: &Stats, label: &str, lang: Lang) -> Report {
    let whole = word(lang, "catalog");
    let mut rows = vec![row_of(whole, &stats.catalog)];
    rows.extend(
        stats
            .departments
            .iter()
            .map(|d| row_of(&d.name, &d.figures)),
    );
    let points: Vec<(&str, &Figures)> = stats
        .departments
        .iter()
        .map(|d| (d.name.as_str(), &d.figures))
        .collect();
    Report {
        title: fill(lang, "title.stats", &[("label", label)]),
        sections: vec![Section {
            title: word(lang, "department").to_string(),
            headers: measure_headers(lang, &["department"]),
            rows,
            split: Some(measure_split(1, true, lang)),
        }],
        charts: charts(&[(label.to_string(), points)], lang),
        lang,
    }
}

fn row_of(name: &str, figures: &Figures) -> Vec<Cell> {
    let mut row = vec![text(name)];
    row.extend(measure_cells(figures));
    row
}

const CUTS: &[&str] = &[
    "cut.items",
    "cut.materials",
    "cut.working_days",
    "cut.natural_days",
    "cut.visits",
    "cut.moved_online",
];

fn cut_cells(cut: &Cut) -> Vec<Cell> {
    [
        cut.items,
        cut.materials,
        cut.working_days,
        cut.natural_days,
        cut.visits,
        cut.moved_online,
    ]
    .into_iter()
    .map(Cell::Count)
    .collect()
}

/// `qingdan stats REV_A REV_B`: the measures before and after, then what
/// each department cut, ranked.
pub fn change_report(change: &Change, before: &str, after: &str, lang: Lang) -> Report {
    let (b, a) = (&change.catalog.before, &change.catalog.after);
    let mut measures = vec![
        vec![
            text(word(lang, "items")),
            Cell::Count(b.items as i64),
            Cell::Count(a.items as i64),
        ],
        vec![
            text(word(lang, "sub_items")),
            Cell::Count(b.sub_items as i64),
            Cell::Count(a.sub_items as i64),
        ],
    ];
    for (key, scale) in MEASURES {
        measures.push(vec![
            text(word(lang, key)),
            Cell::Measure(b.get(key), *scale),
            Cell::Measure(a.get(key), *scale),
        ]);
    }
    let headers = ["measure", "before", "after"].map(|k| word(lang, k).to_string());
    let mut cut_headers = vec![word(lang, "department").to_string()];
    cut_headers.extend(CUTS.iter().map(|k| word(lang, k).to_string()));
    let whole = word(lang, "catalog");
    let cut_row = |name: &str, row: &Row| {
        let mut cells = vec![text(name)];
        cells.extend(cut_cells(&row.cut));
        cells
    };
    let mut cuts = vec![cut_row(whole, &change.catalog)];
    for row in &change.departments {
        cuts.push(cut_row(row.name.as_deref().unwrap_or_default(), row));
    }
    let befores: Vec<(&str, &Figures)> = change
        .departments
        .iter()
        .map(|r| (r.name.as_deref().unwrap_or_default(), &r.before))
        .collect();
    let afters: Vec<(&str, &Figures)> = change
        .departments
        .iter()
        .map(|r| (r.name.as_deref().unwrap_or_default(), &r.after))
        .collect();
    Report {
        title: fill(
            lang,
            "title.rounds",
            &[("before", before), ("after", after)],
        ),
        sections: vec![
            Section {
                title: word(lang, "catalog").to_string(),
                headers: headers.to_vec(),
                rows: measures,
                split: None,
            },
            Section {
                title: word(lang, "department").to_string(),
                headers: cut_headers,
                rows: cuts,
                split: None,
            },
        ],
        charts: charts(
            &[(before.to_string(), befores), (after.to_string(), afters)],
            lang,
        ),
        lang,
    }
}

/// One catalog of `stats --catalogs`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CatalogRow {
    /// As given on the command line.
    pub source: String,
    pub region: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// `qingdan stats --catalogs …`: a row per catalog, then the reference
/// items implemented differently (四级四同, then 实施差异).
pub fn catalogs_report(rows: &[CatalogRow], differences: &[Difference], lang: Lang) -> Report {
    let table_rows = rows
        .iter()
        .map(|r| {
            let mut cells = vec![text(&r.source), text(&r.region)];
            cells.extend(measure_cells(&r.figures));
            cells
        })
        .collect();
    let points: Vec<(&str, &Figures)> = rows
        .iter()
        .map(|r| (r.source.as_str(), &r.figures))
        .collect();
    let mut sections = vec![Section {
        title: word(lang, "title.catalogs").to_string(),
        headers: measure_headers(lang, &["source", "region"]),
        rows: table_rows,
        split: Some(measure_split(2, false, lang)),
    }];
    for (same_four, key) in [(true, "title.same_four"), (false, "title.implementation")] {
        sections.push(difference_section(
            rows,
            differences,
            same_four,
            word(lang, key),
            lang,
        ));
    }
    Report {
        title: word(lang, "title.consistency").to_string(),
        sections,
        charts: charts(&[(word(lang, "source").to_string(), points)], lang),
        lang,
    }
}

fn difference_section(
    rows: &[CatalogRow],
    differences: &[Difference],
    same_four: bool,
    title: &str,
    lang: Lang,
) -> Section {
    let mut out = Vec::new();
    for difference in differences {
        for aspect in difference.of_kind(same_four) {
            for value in &aspect.values {
                let holders: Vec<&str> = value
                    .catalogs
                    .iter()
                    .filter_map(|i| rows.get(*i as usize).map(|r| r.source.as_str()))
                    .collect();
                out.push(vec![
                    text(&difference.reference_code),
                    text(word(lang, &format!("aspect.{}", aspect.key))),
                    text(value_text(aspect.key, &value.value, lang)),
                    text(holders.join(lang.pick("、", ", "))),
                ]);
            }
        }
    }
    Section {
        title: title.to_string(),
        headers: ["reference_code", "aspect", "value", "held_by"]
            .map(|k| word(lang, k).to_string())
            .to_vec(),
        rows: out,
        split: None,
    }
}

/// A compared value as shown: kinds by their label, `free` in words.
fn value_text(aspect: &str, value: &str, lang: Lang) -> String {
    use crate::model::{ItemKind, Labelled};
    debug_assert!(ASPECTS.contains(&aspect));
    match aspect {
        _ if value.is_empty() => word(lang, "none").to_string(),
        "kind" => ItemKind::parse(value)
            .map_or(value.to_string(), |k| lang.pick(k.zh(), k.en()).to_string()),
        "fee" if value == "free" => word(lang, "fee.free").to_string(),
        _ => value.to_string(),
    }
}
