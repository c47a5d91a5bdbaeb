//! A catalog held in memory: the files of a git tree, or a test's files.

use std::collections::BTreeMap;

use super::{Entry, EntryKind, ReadProblem, Source, is_yaml_name};

#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    label: String,
    files: BTreeMap<String, Vec<u8>>,
}

impl MemorySource {
    pub fn new() -> Self {
        MemorySource {
            label: "<memory>".into(),
            files: BTreeMap::new(),
        }
    }
    pub fn with_label(label: impl Into<String>) -> Self {
        MemorySource {
            label: label.into(),
            files: BTreeMap::new(),
        }
    }
    pub fn insert(&mut self, path: &str, text: &str) {
        self.insert_bytes(path, text.as_bytes().to_vec());
    }
    pub fn insert_bytes(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.insert(path.to_string(), bytes);
    }

    fn entries_under(&self, top: &str) -> Vec<Entry> {
        let prefix = format!("{top}/");
        self.files
            .keys()
            .filter(|p| p.starts_with(&prefix) && is_yaml_name(p))
            .map(|p| Entry {
                path: p.clone(),
                kind: EntryKind::File,
            })
            .collect()
    }
}

impl Source for MemorySource {
    fn shared(&self) -> Option<&(dyn Source + Sync)> {
        Some(self)
    }

    fn label(&self) -> String {
        self.label.clone()
    }
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, ReadProblem> {
        self.files.get(path).cloned().ok_or(ReadProblem::Missing)
    }
    fn item_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.entries_under("items"))
    }
    fn review_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.entries_under("reviews"))
    }
    fn intermediary_entries(&self) -> Result<Vec<Entry>, String> {
        Ok(self.entries_under("intermediaries"))
    }
}
