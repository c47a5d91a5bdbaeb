//! One file per subcommand.

pub mod completions;
pub mod init;
pub mod validate;
