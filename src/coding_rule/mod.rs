//! The coding rule (coding.md) as catalogs state it: patterns, check
//! characters and the ledger of issued codes. Loading reads them, the
//! `code-format` and `ledger` rules check against them, `qingdan code`
//! (`coding`) gives codes with them.

pub mod check;
pub mod ledger;
pub mod pattern;

pub use ledger::{LEDGER_FILE, Ledger};
pub use pattern::{BuildError, Pattern, PatternError, normalize_ref};

use crate::finding::Message;
use crate::model::{Coding, Item, Labelled};

/// The two patterns of `catalog.yaml`'s `coding`, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// For items without a reference code.
    pub pattern: Pattern,
    /// For items with one.
    pub reference: Pattern,
}

impl Rules {
    /// Parses both patterns; the error names the field (`pattern` or
    /// `reference_pattern`).
    pub fn from_config(coding: &Coding) -> Result<Rules, (&'static str, PatternError)> {
        let pattern = Pattern::parse(coding.pattern(), false).map_err(|e| ("pattern", e))?;
        let reference = Pattern::parse(coding.reference_pattern(), true)
            .map_err(|e| ("reference_pattern", e))?;
        Ok(Rules { pattern, reference })
    }

    /// The pattern an item is coded with, and the other one.
    pub fn for_item(&self, item: &Item) -> (&Pattern, &Pattern) {
        if reference_of(item).is_some() {
            (&self.reference, &self.pattern)
        } else {
            (&self.pattern, &self.reference)
        }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::from_config(&Coding::default()).expect("the default rule is valid")
    }
}

/// The item's normalised reference code, when it has a usable one.
pub fn reference_of(item: &Item) -> Option<String> {
    let reference = normalize_ref(item.reference_code.as_deref()?);
    (!reference.is_empty()).then_some(reference)
}

/// The two-digit type code of an item's kind.
pub fn kind_code(item: &Item) -> &'static str {
    item.kind.code().expect("every item kind has a code")
}

/// The configuration message for a bad pattern.
pub fn pattern_message(field: &str, error: &PatternError) -> Message {
    let (key, placeholder) = error.key();
    // Placeholder names in the templates without an argument ({check}…)
    // are shown as written.
    Message::new(key)
        .arg("field", format!("coding.{field}"))
        .arg("placeholder", placeholder.to_string())
}
