//! One file per subcommand.

pub mod code;
pub mod completions;
pub mod init;
pub mod round;
pub mod validate;
