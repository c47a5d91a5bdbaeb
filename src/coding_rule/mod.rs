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

/// The three patterns of `catalog.yaml`'s `coding`, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// For items without a reference code.
    pub pattern: Pattern,
    /// For items with one.
    pub reference: Pattern,
    /// For sub-items (items with a `parent`) without a reference code; the
    /// only one that may hold `{parent}`.
    pub sub_item: Pattern,
}

impl Rules {
    /// Parses the patterns; the error names the field (`pattern`,
    /// `reference_pattern` or `sub_item_pattern`).
    pub fn from_config(coding: &Coding) -> Result<Rules, (&'static str, PatternError)> {
        // Only sub-items have a main item: `{parent}` elsewhere could never
        // be filled in.
        let no_parent = |field: &'static str, pattern: Pattern| {
            if pattern.has_parent() {
                Err((field, PatternError::ParentOutsideSubItems))
            } else {
                Ok(pattern)
            }
        };
        let pattern = Pattern::parse(coding.pattern(), false).map_err(|e| ("pattern", e))?;
        let pattern = no_parent("pattern", pattern)?;
        let reference = Pattern::parse(coding.reference_pattern(), true)
            .map_err(|e| ("reference_pattern", e))?;
        let reference = no_parent("reference_pattern", reference)?;
        let sub_item = Pattern::parse(coding.sub_item_pattern(), false)
            .map_err(|e| ("sub_item_pattern", e))?;
        Ok(Rules {
            pattern,
            reference,
            sub_item,
        })
    }

    /// The pattern an item is coded with: `reference_pattern` when it has a
    /// reference code (a sub-item of the reference catalog keeps that
    /// catalog's code), else `sub_item_pattern` for a sub-item, else
    /// `pattern`.
    pub fn own(&self, item: &Item) -> &Pattern {
        if reference_of(item).is_some() {
            &self.reference
        } else if parent_of(item).is_some() {
            &self.sub_item
        } else {
            &self.pattern
        }
    }

    /// Every pattern, the item's own first: a kept code may have been given
    /// under another one (an item gains a reference code or a main item
    /// later, and its code never changes).
    pub fn for_item(&self, item: &Item) -> Vec<&Pattern> {
        let own = self.own(item);
        let others = self.all().into_iter().filter(|p| !std::ptr::eq(*p, own));
        std::iter::once(own).chain(others).collect()
    }

    /// Every pattern, for reading codes whatever item they belong to.
    pub fn all(&self) -> [&Pattern; 3] {
        [&self.pattern, &self.reference, &self.sub_item]
    }
}

/// The `parent` a sub-item names (its main item's code or file), when it
/// names one.
pub fn parent_of(item: &Item) -> Option<&str> {
    item.parent
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
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
