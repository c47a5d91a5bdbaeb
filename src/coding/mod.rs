//! Item codes (docs/coding.md): patterns, check characters, the ledger, and
//! giving codes. This module returns plans and findings; the CLI renders.

mod assign;
pub mod edit;

pub use assign::{
    ApplyError, AsLoaded, Assignment, EditProblem, Plan, RenumberError, apply, plan, plan_files,
    plan_renumber, published_tag_holding,
};
// The coding rule itself sits below loading; its parts keep their paths here.
pub use crate::coding_rule::{
    BuildError, LEDGER_FILE, Ledger, Pattern, PatternError, Rules, check, kind_code, ledger,
    normalize_ref, parent_of, pattern, pattern_message, reference_of,
};
