//! The record types of every catalog file, their enumerations and schemas.
//! This module knows nothing else of the project.

pub mod config;
pub mod date;
pub mod department;
pub mod enums;
pub mod intermediary;
pub mod item;
pub mod names;
pub mod office;
pub mod record;
pub mod reference;
pub mod registers;
pub mod review;
pub mod schema;
pub mod time_limit;

pub use config::{CatalogConfig, Coding, Preset, PublicationInfo, Region, Scope, SeveritySetting};
pub use department::{Department, Departments};
pub use enums::*;
pub use intermediary::{Agencies, Agency, Intermediary, Qualification};
pub use item::{
    Charge, ChargeView, Fee, Ignore, Item, ItemResult, LegalBasis, Material, Place, Services, Step,
    TimeLimit, Transfer,
};
pub use office::{Office, OfficeNames};
pub use record::{Approval, Consultation, Publication};
pub use reference::{Reference, ReferenceItem};
pub use registers::{
    CancelledProof, FeeEntry, Fees, LawEntry, Laws, MaterialEntry, Materials, Proofs, RegisterName,
    RetainedProof,
};
pub use review::{Carried, Opinion, Receipt, ReviewFile, Reviewer};
pub use time_limit::Limit;
