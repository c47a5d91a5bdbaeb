//! One renderer per output format. Renderers turn findings into text in the
//! chosen language; nothing else in the library produces human text.

pub mod diff;
pub mod human;
pub mod json;
pub mod junit;
pub mod rule_counts;
pub mod sarif;

use crate::i18n::Lang;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
    /// Columns available for wrapping.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            lang: Lang::Zh,
            color: false,
            width: 100,
        }
    }
}
