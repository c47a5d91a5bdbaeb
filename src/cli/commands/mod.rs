//! One file per subcommand.

pub mod completions;
pub mod diff;
pub mod init;
pub mod validate;
