//! Loading the registers of `registers/` (docs/registers.md) and looking
//! names up in them. Each register is optional: `None` while its file is
//! absent, so the rules that need it stay silent.
//!
//! Names are compared normalised as `similar-name` normalises them
//! (`model::names`): spaces, punctuation and brackets of either width do
//! not count. A material is found by its whole name, or by a register name
//! that ends it (家庭成员居民身份证 → 居民身份证; 身份证复印件 → 身份证): a
//! register name inside a longer name that goes on (身份证明) is no match.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::read_document;
use super::schema::{self, FileKind};
use crate::finding::Finding;
use crate::model::names::normalize;
use crate::model::{
    CancelledProof, FeeEntry, LawEntry, MaterialEntry, Proofs, RegisterName, RetainedProof,
};
use crate::source::Source;
use crate::yaml::Document;

/// The registers that loaded, with their name indexes.
#[derive(Debug, Clone, Default)]
pub struct Registers {
    pub materials: Option<Vec<MaterialEntry>>,
    pub laws: Option<Vec<LawEntry>>,
    pub proofs: Option<Proofs>,
    pub fees: Option<Vec<FeeEntry>>,
    material_index: NameIndex,
    law_index: NameIndex,
    cancelled_index: NameIndex,
    retained_index: NameIndex,
    fee_index: NameIndex,
}

/// What a name lookup found: the entry's row and whether the name matched
/// an alias (not the standard name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    pub entry: usize,
    pub alias: bool,
}

/// Normalised names and aliases of a register's entries.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    keys: HashMap<String, NameMatch>,
    /// The lengths (in characters) the keys have, longest first.
    lengths: Vec<usize>,
}

/// What follows a material's name to say which copy is meant: 居民身份证复印件
/// is 居民身份证.
const COPY_SUFFIXES: &[&str] = &[
    "原件及复印件",
    "原件和复印件",
    "原件或复印件",
    "复印件",
    "原件",
    "副本",
    "正本",
    "扫描件",
    "电子件",
    "电子证照",
];

impl NameIndex {
    /// Adds a name of entry `entry`; the first entry to claim a name keeps it.
    fn insert(&mut self, name: &str, entry: usize, alias: bool) {
        let key = normalize(name);
        if key.is_empty() {
            return;
        }
        let len = key.chars().count();
        self.keys.entry(key).or_insert(NameMatch { entry, alias });
        if let Err(at) = self.lengths.binary_search_by(|l| len.cmp(l)) {
            self.lengths.insert(at, len);
        }
    }

    fn build<'a>(entries: impl Iterator<Item = (&'a str, &'a [String])>) -> NameIndex {
        let mut index = NameIndex::default();
        let entries: Vec<_> = entries.collect();
        // Standard names first: an alias never hides another entry's name.
        for (i, (name, _)) in entries.iter().enumerate() {
            index.insert(name, i, false);
        }
        for (i, (_, aliases)) in entries.iter().enumerate() {
            for alias in *aliases {
                index.insert(alias, i, true);
            }
        }
        index
    }

    /// The entry named exactly `text` (normalised).
    pub fn exact(&self, text: &str) -> Option<NameMatch> {
        self.keys.get(&normalize(text)).copied()
    }

    /// The entry a material name means: the whole name, or the longest
    /// register name that ends it, with a copy word (复印件) left off.
    pub fn find(&self, text: &str) -> Option<NameMatch> {
        let whole = normalize(text);
        if let Some(found) = self.keys.get(&whole) {
            return Some(*found);
        }
        let stripped = COPY_SUFFIXES
            .iter()
            .find_map(|suffix| whole.strip_suffix(suffix))
            .filter(|rest| !rest.is_empty());
        [Some(whole.as_str()), stripped]
            .into_iter()
            .flatten()
            .find_map(|name| self.ending(name))
    }

    /// The longest key that ends `name` (names of the right lengths only).
    fn ending(&self, name: &str) -> Option<NameMatch> {
        let starts: Vec<usize> = name.char_indices().map(|(i, _)| i).collect();
        self.lengths
            .iter()
            .filter(|len| **len <= starts.len())
            .find_map(|len| self.keys.get(&name[starts[starts.len() - len]..]))
            .copied()
    }
}

/// The 《…》 titles a basis text cites; the whole text when it has none.
pub fn cited_titles(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('《') {
        let after = &rest[open + '《'.len_utf8()..];
        let Some(close) = after.find('》') else {
            break;
        };
        out.push(&after[..close]);
        rest = &after[close + '》'.len_utf8()..];
    }
    if out.is_empty() && !text.trim().is_empty() {
        out.push(text.trim());
    }
    out
}

impl Registers {
    /// The registers whose files are absent, in name order.
    pub fn absent(&self) -> Vec<RegisterName> {
        RegisterName::ALL
            .into_iter()
            .filter(|name| !self.present(*name))
            .collect()
    }

    pub fn present(&self, name: RegisterName) -> bool {
        match name {
            RegisterName::Materials => self.materials.is_some(),
            RegisterName::Laws => self.laws.is_some(),
            RegisterName::Proofs => self.proofs.is_some(),
            RegisterName::Fees => self.fees.is_some(),
        }
    }

    /// The register entry a material name means.
    pub fn material(&self, name: &str) -> Option<(&MaterialEntry, NameMatch)> {
        let materials = self.materials.as_ref()?;
        let found = self.material_index.find(name)?;
        Some((&materials[found.entry], found))
    }

    /// The law a title names (《》 and bracket widths do not count).
    pub fn law(&self, title: &str) -> Option<&LawEntry> {
        let laws = self.laws.as_ref()?;
        let found = self.law_index.exact(title)?;
        Some(&laws[found.entry])
    }

    /// The cancelled proof a material name means.
    pub fn cancelled_proof(&self, name: &str) -> Option<&CancelledProof> {
        let proofs = self.proofs.as_ref()?;
        let found = self.cancelled_index.find(name)?;
        Some(&proofs.cancelled[found.entry])
    }

    /// The retained proof a material name means.
    pub fn retained_proof(&self, name: &str) -> Option<&RetainedProof> {
        let proofs = self.proofs.as_ref()?;
        let found = self.retained_index.find(name)?;
        Some(&proofs.retained[found.entry])
    }

    /// The fee register's charge of this name.
    pub fn fee(&self, name: &str) -> Option<&FeeEntry> {
        let fees = self.fees.as_ref()?;
        let found = self.fee_index.exact(name)?;
        Some(&fees[found.entry])
    }

    /// Builds the indexes of the registers given.
    pub fn new(
        materials: Option<Vec<MaterialEntry>>,
        laws: Option<Vec<LawEntry>>,
        proofs: Option<Proofs>,
        fees: Option<Vec<FeeEntry>>,
    ) -> Registers {
        let no_aliases: &[String] = &[];
        let material_index = NameIndex::build(
            materials
                .iter()
                .flatten()
                .map(|m| (m.name.as_str(), m.aliases.as_slice())),
        );
        let law_index = NameIndex::build(
            laws.iter()
                .flatten()
                .map(|l| (l.title.as_str(), no_aliases)),
        );
        let cancelled_index = NameIndex::build(
            proofs
                .iter()
                .flat_map(|p| &p.cancelled)
                .map(|p| (p.name.as_str(), p.aliases.as_slice())),
        );
        let retained_index = NameIndex::build(
            proofs
                .iter()
                .flat_map(|p| &p.retained)
                .map(|p| (p.name.as_str(), p.aliases.as_slice())),
        );
        let fee_index =
            NameIndex::build(fees.iter().flatten().map(|f| (f.name.as_str(), no_aliases)));
        Registers {
            materials,
            laws,
            proofs,
            fees,
            material_index,
            law_index,
            cancelled_index,
            retained_index,
            fee_index,
        }
    }

    /// Reads the four registers; their schema problems go to `findings`.
    pub fn load(source: &dyn Source, findings: &mut Vec<Finding>) -> Registers {
        let materials = load_rows(
            source,
            RegisterName::Materials,
            FileKind::Materials,
            findings,
        );
        let laws = load_rows(source, RegisterName::Laws, FileKind::Laws, findings);
        let fees = load_rows(source, RegisterName::Fees, FileKind::Fees, findings);
        let proofs = read(source, RegisterName::Proofs, findings).map(|doc| {
            let Some(doc) = doc else {
                return Proofs::default();
            };
            findings.extend(schema::check(
                FileKind::Proofs,
                RegisterName::Proofs.file(),
                &doc,
                None,
            ));
            Proofs {
                cancelled: rows(doc.value.get("cancelled")),
                retained: rows(doc.value.get("retained")),
            }
        });
        Registers::new(materials, laws, proofs, fees)
    }
}

/// A register's document: `None` when absent; `Some(None)` when present
/// but unreadable (reported; its rules then run on an empty register
/// rather than calling it absent).
fn read(
    source: &dyn Source,
    name: RegisterName,
    findings: &mut Vec<Finding>,
) -> Option<Option<Document>> {
    match read_document(source, name.file()) {
        Ok(doc) => doc.map(Some),
        Err(finding) => {
            findings.push(finding);
            Some(None)
        }
    }
}

/// A list register: every row that makes a record is kept.
fn load_rows<T: DeserializeOwned>(
    source: &dyn Source,
    name: RegisterName,
    kind: FileKind,
    findings: &mut Vec<Finding>,
) -> Option<Vec<T>> {
    let doc = read(source, name, findings)?;
    Some(doc.map_or_else(Vec::new, |doc| {
        findings.extend(schema::check(kind, name.file(), &doc, None));
        rows(Some(&doc.value))
    }))
}

fn rows<T: DeserializeOwned>(value: Option<&Value>) -> Vec<T> {
    match value {
        Some(Value::Array(values)) => values
            .iter()
            .filter_map(|v| serde_json::from_value(v.clone()).ok())
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MaterialKind;

    fn materials(entries: &[(&str, &[&str])]) -> Registers {
        let entries = entries
            .iter()
            .map(|(name, aliases)| MaterialEntry {
                name: name.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                kind: MaterialKind::Licence,
                issuer: None,
                shareable: true,
                system: None,
            })
            .collect();
        Registers::new(Some(entries), None, None, None)
    }

    fn found(registers: &Registers, name: &str) -> Option<(String, bool)> {
        registers
            .material(name)
            .map(|(entry, m)| (entry.name.clone(), m.alias))
    }

    #[test]
    fn a_material_is_found_by_name_alias_or_a_name_ending_it() {
        let r = materials(&[("居民身份证", &["身份证", "二代身份证"]), ("户口簿", &[])]);
        assert_eq!(found(&r, "居民身份证"), Some(("居民身份证".into(), false)));
        assert_eq!(found(&r, " 身 份 证 "), Some(("居民身份证".into(), true)));
        assert_eq!(
            found(&r, "家庭成员居民身份证"),
            Some(("居民身份证".into(), false))
        );
        assert_eq!(
            found(&r, "申请人身份证复印件"),
            Some(("居民身份证".into(), true))
        );
        assert_eq!(found(&r, "户口簿（原件）"), Some(("户口簿".into(), false)));
        assert_eq!(found(&r, "结婚证"), None);
    }

    #[test]
    fn an_alias_inside_a_longer_name_is_no_match() {
        // 身份证明 goes on after 身份证: it is another material.
        let r = materials(&[("居民身份证", &["身份证"])]);
        assert_eq!(found(&r, "身份证明"), None);
        assert_eq!(found(&r, "身份证明材料"), None);
        // …and when the register has it, it is that one.
        let r = materials(&[("居民身份证", &["身份证"]), ("身份证明", &[])]);
        assert_eq!(
            found(&r, "家庭成员身份证明"),
            Some(("身份证明".into(), false))
        );
    }

    #[test]
    fn a_standard_name_wins_over_another_entrys_alias() {
        let r = materials(&[("户口簿", &["居民身份证"]), ("居民身份证", &[])]);
        assert_eq!(found(&r, "居民身份证"), Some(("居民身份证".into(), false)));
    }

    #[test]
    fn law_titles_match_whatever_the_bracket_width() {
        let law = LawEntry {
            title: "《国务院对确需保留的行政审批项目设定行政许可的决定（2016年修订）》".into(),
            level: crate::model::LawLevel::StateCouncilDecision,
            number: None,
            issuer: None,
            effective: None,
            repealed: None,
        };
        let r = Registers::new(None, Some(vec![law]), None, None);
        assert!(
            r.law("国务院对确需保留的行政审批项目设定行政许可的决定(2016年修订)")
                .is_some()
        );
        assert!(
            r.law("《国务院对确需保留的行政审批项目设定行政许可的决定》")
                .is_none()
        );
    }

    #[test]
    fn titles_cited_in_a_basis() {
        assert_eq!(
            cited_titles("《社会救助暂行办法》第十一条、《浙江省社会救助条例》"),
            ["社会救助暂行办法", "浙江省社会救助条例"]
        );
        assert_eq!(cited_titles("本局内部工作规定"), ["本局内部工作规定"]);
        assert!(cited_titles(" ").is_empty());
    }
}
