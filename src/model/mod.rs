//! The record types of every catalog file, their enumerations and schemas.
//! This module knows nothing else of the project.

pub mod config;
pub mod date;
pub mod department;
pub mod enums;
pub mod item;
pub mod names;
pub mod reference;
pub mod registers;
pub mod review;
pub mod schema;
pub mod time_limit;

pub use config::{CatalogConfig, Coding, Preset, PublicationInfo, Region, Scope, SeveritySetting};
pub use department::{Department, Departments};
pub use enums::*;
pub use item::{Charge, ChargeView, Fee, Ignore, Item, LegalBasis, Material, Step, TimeLimit};
pub use reference::{Reference, ReferenceItem};
pub use registers::{
    CancelledProof, FeeEntry, Fees, LawEntry, Laws, MaterialEntry, Materials, Proofs, RegisterName,
    RetainedProof,
};
pub use review::{Opinion, Receipt, ReviewFile, Reviewer};
pub use time_limit::Limit;
