//! A source with some files replaced or added: the catalog as it will be
//! once an import is written, so that it can be validated before (or
//! instead of, under `--dry-run`) writing.

use std::collections::BTreeMap;

use super::{Entry, EntryKind, ReadProblem, Source};

pub struct Overlay<'a> {
    base: &'a dyn Source,
    /// Borrowed: an import's 100,000 planned files are not copied.
    files: BTreeMap<&'a str, &'a str>,
}

impl<'a> Overlay<'a> {
    pub fn new(base: &'a dyn Source) -> Self {
        Overlay {
            base,
            files: BTreeMap::new(),
        }
    }
    pub fn insert(&mut self, path: &'a str, text: &'a str) {
        self.files.insert(path, text);
    }
}

impl Source for Overlay<'_> {
    fn label(&self) -> String {
        self.base.label()
    }
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, ReadProblem> {
        match self.files.get(path) {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => self.base.read_bytes(path),
        }
    }
    fn item_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.with_added(self.base.item_entries()?, "items/"))
    }
    fn review_entries(&self) -> Result<Vec<Entry>, String> {
        self.base.review_entries()
    }
    fn intermediary_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.with_added(self.base.intermediary_entries()?, "intermediaries/"))
    }
}

impl Overlay<'_> {
    /// `entries` of the base with the added files under `folder`.
    fn with_added(&self, mut entries: Vec<Entry>, folder: &str) -> Vec<Entry> {
        // Looked up in a set: linear in the files, however many are added.
        let known: std::collections::HashSet<String> =
            entries.iter().map(|e| e.path.clone()).collect();
        for path in self.files.keys().filter(|p| p.starts_with(folder)) {
            if !known.contains(*path) {
                entries.push(Entry {
                    path: path.to_string(),
                    kind: EntryKind::File,
                });
            }
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    #[test]
    fn added_and_replaced_files_are_seen() {
        let mut base = MemorySource::new();
        base.insert("items/a/x.yaml", "name: x\n");
        base.insert("items/a/z.yaml", "name: z\n");
        let mut overlay = Overlay::new(&base);
        overlay.insert("items/a/y.yaml", "name: y\n");
        overlay.insert("items/a/x.yaml", "name: x2\n");
        let paths: Vec<String> = overlay
            .item_entries()
            .unwrap()
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert_eq!(
            paths,
            ["items/a/x.yaml", "items/a/y.yaml", "items/a/z.yaml"]
        );
        assert_eq!(overlay.read_text("items/a/x.yaml").unwrap(), "name: x2\n");
        assert_eq!(overlay.read_text("items/a/z.yaml").unwrap(), "name: z\n");
        overlay.insert("intermediaries/fwmjch.yaml", "name: s\n");
        let services: Vec<String> = overlay
            .intermediary_entries()
            .unwrap()
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert_eq!(
            services,
            ["intermediaries/fwmjch.yaml"],
            "a new service too"
        );
    }
}
