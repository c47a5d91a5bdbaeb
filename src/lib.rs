//! qingdan (清单): govern a catalog of public service items kept as YAML in
//! git. The library holds the model, loading, rules and rendering; the
//! binary's `cli` module parses arguments and calls it.

pub mod book;
pub mod catalog;
pub mod coding;
pub mod coding_rule;
pub mod columns;
pub mod diff;
pub mod export;
pub mod finding;
pub mod fsutil;
pub mod generate;
pub mod history;
pub mod i18n;
pub mod labels;
pub mod lock;
pub mod model;
pub mod parallel;
pub mod render;
pub mod review;
pub mod rounds;
pub mod rules;
pub mod scaffold;
pub mod sheets;
pub mod similarity;
pub mod source;
pub mod stats;
pub mod texts;
pub mod validate;
pub mod yaml;
