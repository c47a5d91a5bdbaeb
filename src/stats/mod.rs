//! `qingdan stats`: reform measures of a catalog, per department and whole
//! (issue 24); the change between two revisions (`rounds`); and many
//! catalogs side by side with the items that share a reference code
//! (`consistency`). Pure functions over records: loading is the caller's,
//! and a json export is read one item at a time (`export_reader`).

pub mod consistency;
pub mod export_reader;
pub mod measure;
pub mod render;
pub mod rounds;
pub mod words;

use std::collections::HashMap;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::model::Department;

pub use measure::{Figures, MEASURES, Record, Scale, Totals};

/// The measures of one catalog: whole, and per department in register order
/// (departments the register does not list follow, by id).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub catalog: Figures,
    pub departments: Vec<DepartmentFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentFigures {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// Totals per department, filled one record at a time.
#[derive(Debug, Default)]
pub struct Tally {
    /// Department id → (name, totals), in first-seen order via `order`.
    departments: HashMap<String, (String, Totals)>,
    order: Vec<String>,
    /// How many of `order` come from the register.
    registered: usize,
}

impl Tally {
    /// A tally whose departments come in the register's order.
    pub fn with_register(register: &[(String, String)]) -> Tally {
        let mut tally = Tally::default();
        for (id, name) in register {
            tally.entry(id, Some(name));
        }
        tally.registered = tally.order.len();
        tally
    }

    fn entry(&mut self, id: &str, name: Option<&str>) -> &mut (String, Totals) {
        if !self.departments.contains_key(id) {
            self.order.push(id.to_string());
            let name = name.unwrap_or(id).to_string();
            self.departments
                .insert(id.to_string(), (name, Totals::default()));
        }
        self.departments.get_mut(id).expect("just inserted")
    }

    pub fn add(&mut self, record: &Record) {
        let name = record.department_name.as_deref();
        self.entry(&record.department, name).1.add(record);
    }

    /// Departments with no active item are left out.
    pub fn finish(self) -> Stats {
        let mut whole = Totals::default();
        let mut departments = Vec::new();
        let registered = self.registered;
        let mut order = self.order;
        // Unregistered departments (seen only in items) after the register, by id.
        order[registered..].sort();
        for id in order {
            let (name, totals) = &self.departments[&id];
            whole.merge(totals);
            if totals.items > 0 {
                departments.push(DepartmentFigures {
                    id,
                    name: name.clone(),
                    figures: totals.figures(),
                });
            }
        }
        Stats {
            catalog: whole.figures(),
            departments,
        }
    }
}

/// The register as (id, name) pairs.
pub fn register(departments: &[Department]) -> Vec<(String, String)> {
    departments
        .iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect()
}

/// The measures of a loaded catalog (items that did not load are not counted).
pub fn of_catalog(catalog: &Catalog) -> Stats {
    let mut tally = Tally::with_register(&register(&catalog.departments));
    for (_, item) in catalog.records() {
        tally.add(&Record::from_item(item));
    }
    tally.finish()
}

#[cfg(test)]
mod tests;
