//! One file per subcommand.

pub mod code;
pub mod completions;
pub mod export;
pub mod import;
pub mod init;
pub mod template;
pub mod validate;
