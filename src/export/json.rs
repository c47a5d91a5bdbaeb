//! The publication as one open-data document:
//! `{"catalog": {region, revision, counts, departments}, "items": [...],
//! "intermediaries": [...], "agencies": [...]}`,
//! keys in English, values as the records hold them (enumeration keys, not
//! labels), so the document does not depend on `--lang`. No timestamps: the
//! same catalog gives the same bytes. Its schema, `schemas/export.schema.json`,
//! is generated from [`Document`].

use std::cell::RefCell;
use std::io::{self, BufWriter, Write};

use schemars::JsonSchema;
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::tables::{is_charged, is_sharing_need, is_transferable, proof_of};
use super::{Progress, Publication};
use crate::model::{Agency, Department, Intermediary, Item, Region};

/// The schema of the exported document (`export.schema.json`).
pub fn schema() -> serde_json::Value {
    crate::model::schema::generate::<Document>()
}

/// The exported document (what `schemas/export.schema.json` describes).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(title = "公共服务事项清单 (exported catalog)")]
pub struct Document {
    pub catalog: CatalogInfo,
    /// 在用事项: the active items, by department id, then code, then file.
    pub items: Vec<PublishedItem>,
    /// 中介服务事项清单: the active services of `intermediaries/`, by id;
    /// items name them in their `intermediaries`.
    pub intermediaries: Vec<PublishedIntermediary>,
    /// 承揽机构名录: the agencies of `registers/agencies.yaml`, in its order.
    pub agencies: Vec<Agency>,
}

/// One intermediary service: its id (the file stem, as items' and
/// agencies' `intermediaries`/`services` name it) and its record.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PublishedIntermediary {
    /// 编号: the file stem under `intermediaries/`.
    pub id: String,
    #[serde(flatten)]
    pub record: Intermediary,
}

/// 清单概况.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CatalogInfo {
    /// 行政区划.
    pub region: Region,
    /// The git revision exported (`--rev`); absent when the catalog was
    /// read from the working tree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<RevisionInfo>,
    /// 生成日期 (`YYYY-MM-DD`): the commit's date under `--rev`, the day of
    /// the export otherwise; the same input and date give the same bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    pub counts: Counts,
    /// 实施主体名录, as departments.yaml lists it.
    pub departments: Vec<Department>,
}

/// The git revision the catalog was read from.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RevisionInfo {
    /// As given to `--rev`.
    pub rev: String,
    /// The commit it named (hex).
    pub commit: String,
}

/// How many of each the document holds.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Counts {
    /// 在用事项.
    pub items: usize,
    /// 办事指南类事项.
    pub guide_items: usize,
    /// 申请材料.
    pub materials: usize,
    /// 办理环节.
    pub steps: usize,
    /// 收费事项.
    pub charged_items: usize,
    /// 收费项目: the charges of the charged items.
    pub charges: usize,
    /// 共享需求: materials issued by government or obtainable by data sharing.
    pub sharing_needs: usize,
    /// 证明: materials that are proofs (the rows of 证明事项清单).
    pub proofs: usize,
    /// 可向社会组织转移的事项.
    pub transferable_items: usize,
    /// 中介服务事项 (active).
    pub intermediaries: usize,
    /// 承揽机构.
    pub agencies: usize,
}

/// One published item: the record (without `ignore` and `status`, which
/// are the catalog's own business) with its department name; where the
/// catalog keeps it (a file path) is no business of the public.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PublishedItem {
    /// 实施主体名称.
    pub department_name: String,
    #[serde(flatten)]
    pub record: Item,
}

impl PublishedItem {
    fn new(item: &Item, department_name: &str) -> PublishedItem {
        let mut record = item.clone();
        record.ignore.clear();
        PublishedItem {
            department_name: department_name.to_string(),
            record,
        }
    }
}

/// The summary part of the document.
pub fn catalog_info(publication: &Publication) -> CatalogInfo {
    let mut counts = Counts {
        items: publication.items.len(),
        ..Counts::default()
    };
    for (_, item) in &publication.items {
        counts.guide_items += usize::from(item.guide);
        counts.materials += item.materials.len();
        counts.steps += item.process.len();
        counts.charged_items += usize::from(is_charged(item));
        counts.charges += item.fee.as_ref().map_or(0, |f| f.charges().len());
        counts.sharing_needs += item.materials.iter().filter(|m| is_sharing_need(m)).count();
        let catalog = publication.catalog;
        counts.proofs += item
            .materials
            .iter()
            .filter(|m| proof_of(catalog, m).is_some())
            .count();
        counts.transferable_items += usize::from(is_transferable(item));
    }
    counts.intermediaries = (publication.catalog.intermediaries.iter())
        .filter(|s| s.record.is_active())
        .count();
    counts.agencies = publication.catalog.agencies.len();
    let revision = publication.revision.as_ref().map(|r| RevisionInfo {
        rev: r.rev.clone(),
        commit: r.commit.clone(),
    });
    CatalogInfo {
        region: publication.catalog.config.region.clone(),
        revision,
        generated: publication.date.clone(),
        counts,
        departments: publication.catalog.departments.clone(),
    }
}

/// The active intermediary services, in the catalog's order (by id).
fn intermediaries(publication: &Publication) -> Vec<PublishedIntermediary> {
    publication
        .catalog
        .intermediaries
        .iter()
        .filter(|s| s.record.is_active())
        .map(|s| PublishedIntermediary {
            id: s.id.clone(),
            record: s.record.clone(),
        })
        .collect()
}

/// Writes the document, pretty-printed, newline-terminated. Items are
/// serialised one at a time (no copy of the whole catalog).
pub fn write(publication: &Publication, out: &mut dyn Write, progress: Progress) -> io::Result<()> {
    let mut out = BufWriter::new(out);
    let document = Streamed {
        catalog: catalog_info(publication),
        items: StreamedItems {
            publication,
            progress: RefCell::new(progress),
        },
        intermediaries: intermediaries(publication),
        agencies: &publication.catalog.agencies,
    };
    serde_json::to_writer_pretty(&mut out, &document)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// [`Document`] with its items made as they are written.
#[derive(Serialize)]
struct Streamed<'a, 'p> {
    catalog: CatalogInfo,
    items: StreamedItems<'a, 'p>,
    intermediaries: Vec<PublishedIntermediary>,
    agencies: &'a [Agency],
}

struct StreamedItems<'a, 'p> {
    publication: &'a Publication<'a>,
    // Serialize takes `&self`; the callback needs `&mut`.
    progress: RefCell<Progress<'p>>,
}

impl Serialize for StreamedItems<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let catalog = self.publication.catalog;
        let mut seq = serializer.serialize_seq(Some(self.publication.items.len()))?;
        for (n, (_, item)) in self.publication.items.iter().enumerate() {
            let name = catalog
                .department(&item.department)
                .map_or(item.department.as_str(), |d| d.name.as_str());
            seq.serialize_element(&PublishedItem::new(item, name))?;
            (self.progress.borrow_mut())(n + 1);
        }
        seq.end()
    }
}
