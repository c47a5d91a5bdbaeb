//! The statistics as json: the data itself, English keys, shares as
//! fractions 0–1 (`null` where nothing divides), independent of `--lang`.

use serde::Serialize;

use crate::stats::consistency::Difference;
use crate::stats::render::CatalogRow;

/// `stats --catalogs`: a row per catalog and the differing reference items.
#[derive(Debug, Serialize)]
pub struct Catalogs<'a> {
    pub catalogs: &'a [CatalogRow],
    pub consistency: &'a [Difference],
}

/// Pretty json, newline-terminated.
pub fn render(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("plain data serialises");
    text.push('\n');
    text
}
