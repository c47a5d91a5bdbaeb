//! The static catalog site (docs/export.md, `export --format html`): an
//! index with search and filters, one page per department and one per item
//! with its service guide (找谁办、哪里办、怎么办) and its process as an SVG
//! flowchart. It works from the file system (file://): no server, no
//! external asset, and the search data is a script assigning a global
//! (browsers refuse fetch() of local files).
//!
//! The same catalog gives the same bytes: nothing reads the clock, and
//! every list follows the published item order or the register's order.

mod department;
mod flowchart;
mod index;
mod intermediary;
mod item;
mod markup;

pub(crate) use markup::split_urls;
mod words;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::ExportError;
use super::output;
use crate::catalog::{Catalog, LoadedIntermediary, LoadedItem};
use crate::i18n::Lang;
use crate::labels::{self, Record};
use crate::model::{Agency, Department, Item, Labelled};

pub use words::{MESSAGES, TEXTS};

const CSS: &str = include_str!("assets/site.css");
const JS: &str = include_str!("assets/site.js");

/// Writes the site into the folder `out` (see [`output::write_folder`]);
/// returns the number of item pages.
/// The dataset description beside `index.html`.
pub const DATASET_FILE: &str = "dataset.jsonld";

pub fn write(
    catalog: &Catalog,
    items: &[(&LoadedItem, &Item)],
    lang: Lang,
    heading: &super::Heading,
    out: &Path,
    replace: bool,
) -> Result<usize, ExportError> {
    let mut site = Site::new(catalog, items, lang);
    site.title = heading.title.clone();
    site.byline = heading.subtitle();
    output::write_folder(out, replace, |dir| site.write_into(dir))?;
    Ok(items.len())
}

/// Everything the pages need to know of each other: titles, page names,
/// which department holds which item.
pub(crate) struct Site<'a> {
    items: &'a [(&'a LoadedItem, &'a Item)],
    lang: Lang,
    /// `catalog.yaml` `publication.title`, or the region's catalog.
    title: String,
    /// Issuer, 文号 and date as the publication states them, when known:
    /// in every page's header and footer.
    byline: Option<String>,
    /// The file stem of each item's page (`items/<stem>.html`), in item order.
    pages: Vec<String>,
    departments: Vec<DepartmentPage<'a>>,
    /// For each item, its department's index in `departments`.
    department_of: Vec<usize>,
    /// For each item, its main item's index when it is a published sub-item.
    main_of: Vec<Option<usize>>,
    /// For each item, the indexes of its published sub-items, in item order.
    sub_items: Vec<Vec<usize>>,
    /// Department names by id (联办机构).
    department_names: HashMap<&'a str, &'a str>,
    /// The DCAT-AP description of the catalog (`dataset.jsonld`), linked
    /// from every page's footer.
    dataset: String,
    /// One page per active intermediary service (`intermediaries/<stem>.html`).
    services: Vec<ServicePage<'a>>,
}

/// An intermediary service's page: the service, the published items that
/// require it (both sides agreeing or not: the item's word is enough to
/// link), and the agencies listing it.
pub(crate) struct ServicePage<'a> {
    loaded: &'a LoadedIntermediary,
    stem: String,
    /// Indexes into the site's items.
    items: Vec<usize>,
    agencies: Vec<&'a Agency>,
}

struct DepartmentPage<'a> {
    id: &'a str,
    /// The register's record; `None` for an id the register lacks.
    record: Option<&'a Department>,
    stem: String,
    /// Indexes into the site's items.
    items: Vec<usize>,
}

impl DepartmentPage<'_> {
    fn name(&self) -> &str {
        self.record.map_or(self.id, |d| d.name.as_str())
    }
}

impl<'a> Site<'a> {
    pub(crate) fn new(
        catalog: &'a Catalog,
        items: &'a [(&'a LoadedItem, &'a Item)],
        lang: Lang,
    ) -> Site<'a> {
        let title = super::catalog_title(&catalog.config, lang);
        let pages = item_stems(items);
        let (departments, department_of) = department_pages(catalog, items);
        let dataset = super::jsonld::dataset_description(catalog, items, lang);
        let (main_of, sub_items) = sub_item_links(catalog, items);
        let department_names = catalog
            .departments
            .iter()
            .map(|d| (d.id.as_str(), d.name.as_str()))
            .collect();
        let services = service_pages(catalog, items);
        Site {
            services,
            dataset: format!("{dataset:#}\n"),
            items,
            lang,
            title,
            byline: None,
            pages,
            departments,
            department_of,
            main_of,
            sub_items,
            department_names,
        }
    }

    fn write_into(&self, dir: &Path) -> io::Result<()> {
        for sub in ["assets", "items", "departments", "intermediaries"] {
            std::fs::create_dir(dir.join(sub))?;
        }
        std::fs::write(dir.join("assets/site.css"), CSS)?;
        std::fs::write(dir.join("assets/site.js"), JS)?;
        std::fs::write(dir.join("assets/data.js"), index::data_js(self))?;
        std::fs::write(dir.join("index.html"), index::page(self))?;
        std::fs::write(dir.join(DATASET_FILE), &self.dataset)?;
        let threads = crate::parallel::threads();
        let departments: Vec<usize> = (0..self.departments.len()).collect();
        crate::parallel::map(&departments, threads, |&d| {
            let path = dir
                .join("departments")
                .join(format!("{}.html", self.departments[d].stem));
            std::fs::write(path, department::page(self, d))
        })
        .into_iter()
        .collect::<io::Result<()>>()?;
        let items: Vec<usize> = (0..self.items.len()).collect();
        crate::parallel::map(&items, threads, |&i| {
            std::fs::write(
                dir.join("items").join(format!("{}.html", self.pages[i])),
                item::page(self, i),
            )
        })
        .into_iter()
        .collect::<io::Result<()>>()?;
        for (i, service) in self.services.iter().enumerate() {
            let path = dir
                .join("intermediaries")
                .join(format!("{}.html", service.stem));
            std::fs::write(path, intermediary::page(self, i))?;
        }
        // The folder is renamed into place next: its files must be on disk first.
        crate::fsutil::flush_file_system(&dir.join("index.html"))
    }

    fn label(&self, key: &str) -> String {
        field_label(Record::Item, key, self.lang)
    }

    fn value<T: Labelled>(&self, value: T) -> &'static str {
        self.lang.pick(value.zh(), value.en())
    }
}

/// Which published item is whose main item (`parent`, resolved by the
/// catalog), and each main item's sub-items.
type SubItemLinks = (Vec<Option<usize>>, Vec<Vec<usize>>);

fn sub_item_links(catalog: &Catalog, items: &[(&LoadedItem, &Item)]) -> SubItemLinks {
    let index: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, (loaded, _))| (loaded.file.as_str(), i))
        .collect();
    let main_of: Vec<Option<usize>> = items
        .iter()
        .enumerate()
        .map(|(i, (_, item))| {
            let main = catalog.parent_of(item)?;
            index.get(main.file.as_str()).copied().filter(|m| *m != i)
        })
        .collect();
    let mut sub_items = vec![Vec::new(); items.len()];
    for (i, main) in main_of.iter().enumerate() {
        if let Some(main) = main {
            sub_items[*main].push(i);
        }
    }
    (main_of, sub_items)
}

/// A field's name as the site shows it: as a heading or a label, so in
/// English with a capital first letter (the labels table writes "legal
/// basis" for running text; the site's own headings read "How to apply").
fn field_label(record: Record, key: &str, lang: Lang) -> String {
    let label = labels::field(record, key).map_or("", |f| f.label(lang));
    match lang {
        Lang::Zh => label.to_string(),
        Lang::En => capitalised(label),
    }
}

/// The text with its first letter upper-case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Page names that are safe on every file system and in a URL: the item
/// code when it is plain ASCII and not taken yet (case-insensitively, for
/// file systems that ignore case), else a hash of the item's file path.
fn item_stems(items: &[(&LoadedItem, &Item)]) -> Vec<String> {
    let mut taken = HashSet::new();
    items
        .iter()
        .map(|(loaded, item)| match item.code.as_deref() {
            Some(code) if is_safe_stem(code) && !taken.contains(&code.to_ascii_lowercase()) => {
                take(&mut taken, code.to_string())
            }
            _ => {
                let stem = hashed_stem("f-", &loaded.file, &taken);
                take(&mut taken, stem)
            }
        })
        .collect()
}

fn take(taken: &mut HashSet<String>, stem: String) -> String {
    taken.insert(stem.to_ascii_lowercase());
    stem
}

fn is_safe_stem(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `prefix` and the first 16 hex digits of the SHA-256 of `text`, with a
/// number added in the unlikely case that it is taken.
fn hashed_stem(prefix: &str, text: &str, taken: &HashSet<String>) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let stem = format!("{prefix}{hex}");
    (1..)
        .map(|n| {
            if n == 1 {
                stem.clone()
            } else {
                format!("{stem}-{n}")
            }
        })
        .find(|s| !taken.contains(s))
        .expect("a free name")
}

/// One page per active intermediary service, in file order; its stem is
/// the service id when safe, else a hash.
fn service_pages<'a>(
    catalog: &'a Catalog,
    items: &[(&'a LoadedItem, &'a Item)],
) -> Vec<ServicePage<'a>> {
    let mut taken = HashSet::new();
    catalog
        .intermediaries
        .iter()
        .filter(|s| s.record.is_active())
        .map(|loaded| {
            let stem =
                if is_safe_stem(&loaded.id) && !taken.contains(&loaded.id.to_ascii_lowercase()) {
                    take(&mut taken, loaded.id.clone())
                } else {
                    let stem = hashed_stem("s-", &loaded.id, &taken);
                    take(&mut taken, stem)
                };
            let requiring = items
                .iter()
                .enumerate()
                .filter(|(_, (file, item))| {
                    item.intermediaries.contains(&loaded.id)
                        || loaded.record.required_by.iter().any(|e| file.answers_to(e))
                })
                .map(|(i, _)| i)
                .collect();
            let agencies = catalog
                .agencies
                .iter()
                .filter(|a| a.services.contains(&loaded.id))
                .collect();
            ServicePage {
                loaded,
                stem,
                items: requiring,
                agencies,
            }
        })
        .collect()
}

/// One page per registered department (register order), then one per id
/// that items name but the register lacks (sorted); and each item's page.
fn department_pages<'a>(
    catalog: &'a Catalog,
    items: &[(&'a LoadedItem, &'a Item)],
) -> (Vec<DepartmentPage<'a>>, Vec<usize>) {
    let mut pages: Vec<DepartmentPage> = catalog
        .departments
        .iter()
        .map(|d| DepartmentPage {
            id: &d.id,
            record: Some(d),
            stem: String::new(),
            items: Vec::new(),
        })
        .collect();
    let registered: HashSet<&str> = pages.iter().map(|p| p.id).collect();
    let unknown: BTreeSet<&str> = items
        .iter()
        .map(|(_, item)| item.department.as_str())
        .filter(|id| !registered.contains(id))
        .collect();
    pages.extend(unknown.into_iter().map(|id| DepartmentPage {
        id,
        record: None,
        stem: String::new(),
        items: Vec::new(),
    }));
    let mut taken = HashSet::new();
    for page in &mut pages {
        page.stem = if is_safe_stem(page.id) && !taken.contains(&page.id.to_ascii_lowercase()) {
            take(&mut taken, page.id.to_string())
        } else {
            let stem = hashed_stem("d-", page.id, &taken);
            take(&mut taken, stem)
        };
    }
    let index: HashMap<&str, usize> = pages.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let department_of: Vec<usize> = items
        .iter()
        .map(|(_, item)| index[item.department.as_str()])
        .collect();
    for (i, d) in department_of.iter().enumerate() {
        pages[*d].items.push(i);
    }
    (pages, department_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, MINIMAL_ITEM, catalog_with};

    #[test]
    fn english_labels_are_capitalised_and_chinese_ones_kept() {
        assert_eq!(
            field_label(Record::Item, "legal_basis", Lang::En),
            "Legal basis"
        );
        assert_eq!(
            field_label(Record::Item, "legal_basis", Lang::Zh),
            "实施依据"
        );
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn page_names_are_codes_or_hashes_and_never_collide() {
        let coded = format!("code: \"A-1\"\n{MINIMAL_ITEM}");
        let hostile =
            format!("code: \"../x\"\n{MINIMAL_ITEM}").replace("体育场馆开放", "体育场馆开放二");
        let twin =
            format!("code: \"a-1\"\n{MINIMAL_ITEM}").replace("体育场馆开放", "体育场馆开放三");
        let catalog = catalog_with(&[
            ("items/wsjw/a.yaml", &coded),
            ("items/wsjw/b.yaml", &hostile),
            ("items/wsjw/c.yaml", &twin),
            ("items/wsjw/d.yaml", GUIDE_ITEM),
        ]);
        let items = crate::export::Publication::new(&catalog, crate::i18n::Lang::Zh, None).items;
        let site = Site::new(&catalog, &items, Lang::Zh);
        let stems: HashMap<&str, &str> = items
            .iter()
            .zip(&site.pages)
            .map(|((loaded, _), stem)| (loaded.file.as_str(), stem.as_str()))
            .collect();
        assert_eq!(stems["items/wsjw/a.yaml"], "A-1");
        for file in [
            "items/wsjw/b.yaml",
            "items/wsjw/c.yaml",
            "items/wsjw/d.yaml",
        ] {
            assert!(
                stems[file].starts_with("f-") && stems[file].len() == 18,
                "{file}: {}",
                stems[file]
            );
        }
        assert_eq!(
            site.departments
                .iter()
                .find(|d| d.id == "wsjw")
                .unwrap()
                .items
                .len(),
            4
        );
    }
}
