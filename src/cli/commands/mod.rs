//! One file per subcommand.

pub mod code;
pub mod completions;
pub mod diff;
pub mod export;
pub mod import;
pub mod init;
pub mod review;
pub mod round;
pub mod stats;
pub mod template;
pub mod validate;
