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

use std::path::Path;

use qingdan::fsutil::write_atomic;

use crate::cli::{Ctx, Exit};

/// Writes an output file the command made (never replacing one without
/// `force`), saying so unless quiet.
pub fn write_output(ctx: &Ctx, path: &Path, bytes: &[u8], force: bool) -> Exit {
    let shown = path.display().to_string();
    match write_atomic(path, bytes, force) {
        Ok(()) => {
            if !ctx.quiet {
                eprintln!("{}", ctx.tr("cli.written", &[("path", shown.into())]));
            }
            Exit::Ok
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            ctx.fail("cli.init.exists", &[("path", shown.into())])
        }
        Err(e) => ctx.fail(
            "cli.write_failed",
            &[("path", shown.into()), ("error", e.to_string().into())],
        ),
    }
}
