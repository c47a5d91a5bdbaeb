//! Publishing the catalog (docs/export.md, `export`): the active items, in a
//! fixed order, as the tables the seeds ask for (xlsx, csv) or as one open
//! data document (json). One module per format; `tables` holds the rows
//! that xlsx and csv share, so the two can never disagree. The same input
//! gives the same bytes: nothing here reads the clock.
//!
//! Nothing here knows the terminal: writers report progress through a
//! callback that receives the number of items done.

pub mod csv;
pub mod html;
pub mod json;
pub mod jsonld;
pub mod output;
pub mod tables;
pub mod xlsx;

use std::io;
use std::path::{Path, PathBuf};

use crate::catalog::{Catalog, LoadedItem};
use crate::fsutil::AtomicFile;
use crate::i18n::Lang;
use crate::model::Item;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
    Json,
    /// The static catalog site (a folder).
    Html,
    /// CPSV-AP linked data.
    Jsonld,
}

impl Format {
    /// True when `-o` names a folder (csv: one file per table; html: the
    /// site) rather than a file.
    pub fn writes_folder(self) -> bool {
        matches!(self, Format::Csv | Format::Html)
    }
}

/// Where the exported catalog came from: a git revision, as given and as
/// the commit it named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub rev: String,
    pub commit: String,
}

/// The catalog as it is published: its active items in the fixed order.
pub struct Publication<'a> {
    pub catalog: &'a Catalog,
    /// Active items sorted by department id, then code, then file.
    pub items: Vec<(&'a LoadedItem, &'a Item)>,
    pub lang: Lang,
    /// `None` for the working tree.
    pub revision: Option<Revision>,
    /// The publication's date (`YYYY-MM-DD`): the commit date under
    /// `--rev`, today otherwise; `None` leaves it out.
    pub date: Option<String>,
    /// The publication record (`reviews/published/publication.yaml`), when
    /// the catalog has one.
    pub record: Option<crate::model::Publication>,
}

/// The publication record (`reviews/published/publication.yaml`) from its
/// YAML text; `None` when it does not read as one (validation reports a
/// broken record, an export just leaves it out).
pub fn publication_record(text: &str) -> Option<crate::model::Publication> {
    let document = crate::yaml::parse(text).ok()??;
    serde_json::from_value(document.value).ok()
}

/// Where the publication record lives in a catalog.
pub const PUBLICATION_RECORD: &str = crate::model::record::PUBLICATION_FILE;

/// The title and subtitle printed outputs and the site carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// `catalog.yaml` `publication.title`, or the region's name and
    /// 公共服务事项清单.
    pub title: String,
    pub issuer: Option<String>,
    pub document_number: Option<String>,
    pub date: Option<String>,
}

impl Heading {
    /// `瓯江市人民政府办公室　瓯政办发〔2027〕3号　2027-06-30`: what is known.
    pub fn subtitle(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.issuer, &self.document_number, &self.date]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join("\u{3000}"))
    }
}

impl<'a> Publication<'a> {
    pub fn new(catalog: &'a Catalog, lang: Lang, revision: Option<Revision>) -> Publication<'a> {
        let mut items: Vec<(&LoadedItem, &Item)> = catalog
            .records()
            .filter(|(_, item)| item.is_active())
            .collect();
        items.sort_by(|(a_file, a), (b_file, b)| {
            // Items without a code (not yet coded) come after the coded ones.
            let key = |file: &'a LoadedItem, item: &'a Item| {
                (
                    &item.department,
                    item.code.is_none(),
                    &item.code,
                    &file.file,
                )
            };
            key(a_file, a).cmp(&key(b_file, b))
        });
        let items = with_sub_items_under_main(catalog, items);
        Publication {
            catalog,
            items,
            lang,
            revision,
            date: None,
            record: None,
        }
    }

    /// The heading: the record's issuer, 文号 and date before
    /// `catalog.yaml`'s issuer and the publication's date.
    pub fn heading(&self) -> Heading {
        let info = self.catalog.config.publication.as_ref();
        let record = self.record.as_ref();
        Heading {
            title: catalog_title(&self.catalog.config, self.lang),
            issuer: record
                .map(|r| r.issuer.clone())
                .or_else(|| info.and_then(|p| p.issuer.clone())),
            document_number: record.map(|r| r.document_number.clone()),
            date: record
                .map(|r| r.date.0.clone())
                .or_else(|| self.date.clone()),
        }
    }
}

/// The catalog's title in `lang`: `publication.title` (Chinese) or
/// `publication.title_en` (English), else one made of the region's name —
/// an English output never carries the Chinese title as its own.
pub fn catalog_title(config: &crate::model::CatalogConfig, lang: Lang) -> String {
    let info = config.publication.as_ref();
    let stated = match lang {
        Lang::Zh => info.and_then(|p| p.title.clone()),
        Lang::En => info.and_then(|p| p.title_en.clone()),
    };
    stated.unwrap_or_else(|| {
        crate::i18n::GENERAL.tr(
            lang,
            "export.title",
            &[("region", config.region.name.clone().into())],
        )
    })
}

/// The items in their order, each sub-item moved right after its main item
/// (sub-items keep their own order); a sub-item whose main item is not
/// published stays where it was.
fn with_sub_items_under_main<'a>(
    catalog: &'a Catalog,
    items: Vec<(&'a LoadedItem, &'a Item)>,
) -> Vec<(&'a LoadedItem, &'a Item)> {
    let published: std::collections::HashSet<&str> =
        items.iter().map(|(l, _)| l.file.as_str()).collect();
    let main_of = |item: &Item| {
        catalog
            .parent_of(item)
            .map(|p| p.file.as_str())
            .filter(|f| published.contains(f))
    };
    let mut children: std::collections::HashMap<&str, Vec<(&'a LoadedItem, &'a Item)>> =
        std::collections::HashMap::new();
    let mut top = Vec::new();
    for (file, item) in items {
        match main_of(item) {
            Some(main) if main != file.file => children.entry(main).or_default().push((file, item)),
            _ => top.push((file, item)),
        }
    }
    let mut out = Vec::with_capacity(top.len());
    for entry in top {
        out.push(entry);
        // One level: a sub-item of a sub-item follows its own main item.
        let mut i = out.len() - 1;
        while i < out.len() {
            if let Some(subs) = children.remove(out[i].0.file.as_str()) {
                out.extend(subs);
            }
            i += 1;
        }
    }
    // Cycles (a → b → a) leave items behind: they keep their place at the end.
    let mut rest: Vec<_> = children.into_values().flatten().collect();
    rest.sort_by(|a, b| a.0.file.cmp(&b.0.file));
    out.extend(rest);
    out
}

/// Why an export wrote nothing.
#[derive(Debug)]
pub enum ExportError {
    /// The output exists and `--force` was not given.
    Exists(PathBuf),
    /// A file was asked for and a folder is there, or the other way round.
    WrongKind(PathBuf),
    Io(PathBuf, io::Error),
}

/// Reports progress: called with the number of items done so far.
pub type Progress<'p> = &'p mut dyn FnMut(usize);

/// Writes the publication to `out` (a file for xlsx and json, a folder
/// for csv). Without `replace`, an existing output is refused; every file
/// goes to a temporary file renamed into place. Returns the files written.
pub fn write(
    publication: &Publication,
    format: Format,
    out: &Path,
    replace: bool,
    progress: Progress,
) -> Result<Vec<PathBuf>, ExportError> {
    check_output(out, format.writes_folder(), replace)?;
    let io_error = |e: io::Error| ExportError::Io(out.to_path_buf(), e);
    match format {
        Format::Csv => {
            let mut written = Vec::new();
            output::write_folder(out, replace, |dir| {
                written = csv::write(publication, dir, progress)?;
                Ok(())
            })?;
            // The files were written in the staging folder, now `out`.
            Ok(written
                .iter()
                .filter_map(|p| p.file_name())
                .map(|name| out.join(name))
                .collect())
        }
        Format::Xlsx => {
            let mut file = AtomicFile::create(out).map_err(io_error)?;
            xlsx::write(publication, file.file(), progress)
                .map_err(|e| io_error(io::Error::other(e.to_string())))?;
            commit(file, out, replace)
        }
        Format::Json => {
            let mut file = AtomicFile::create(out).map_err(io_error)?;
            json::write(publication, file.file(), progress).map_err(io_error)?;
            commit(file, out, replace)
        }
        Format::Html => {
            html::write(
                publication.catalog,
                &publication.items,
                publication.lang,
                &publication.heading(),
                out,
                replace,
            )?;
            Ok(vec![out.to_path_buf()])
        }
        Format::Jsonld => {
            jsonld::write(
                publication.catalog,
                &publication.items,
                publication.lang,
                out,
                replace,
            )?;
            Ok(vec![out.to_path_buf()])
        }
    }
}

/// Renames a finished output into place; an output that appeared meanwhile
/// is `Exists` unless `replace`.
pub(crate) fn commit(
    file: AtomicFile,
    out: &Path,
    replace: bool,
) -> Result<Vec<PathBuf>, ExportError> {
    match file.commit(replace) {
        Ok(()) => Ok(vec![out.to_path_buf()]),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(ExportError::Exists(out.to_path_buf()))
        }
        Err(e) => Err(ExportError::Io(out.to_path_buf(), e)),
    }
}

/// Refuses an output that is there already (unless `replace`), and one of
/// the wrong kind. An empty folder holds nothing to lose and is taken.
pub(crate) fn check_output(out: &Path, folder: bool, replace: bool) -> Result<(), ExportError> {
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    if meta.is_dir() != folder {
        return Err(ExportError::WrongKind(out.to_path_buf()));
    }
    let empty_folder =
        folder && std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
    if replace || empty_folder {
        Ok(())
    } else {
        Err(ExportError::Exists(out.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(publication: &str) -> crate::model::CatalogConfig {
        let text = format!("region: {{code: \"330399\", name: 瓯江市}}\n{publication}");
        let value = crate::yaml::parse(&text).unwrap().unwrap().value;
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn the_title_in_each_language() {
        let stated = config("publication:\n  title: 瓯江清单\n  title_en: Oujiang Catalog\n");
        assert_eq!(catalog_title(&stated, Lang::Zh), "瓯江清单");
        assert_eq!(catalog_title(&stated, Lang::En), "Oujiang Catalog");
        // An English output never takes the Chinese title as its own.
        let chinese = config("publication:\n  title: 瓯江清单\n");
        assert_eq!(
            catalog_title(&chinese, Lang::En),
            "Public service catalog of 瓯江市"
        );
        let none = config("");
        assert_eq!(catalog_title(&none, Lang::Zh), "瓯江市公共服务事项清单");
    }
}
