//! `qingdan completions SHELL`.

use clap_complete::Shell;
use qingdan::i18n::Lang;

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// bash, zsh, fish, elvish or powershell
    pub shell: Shell,
}

pub fn run(ctx: &Ctx, lang: Lang, args: Args) -> Exit {
    let mut cmd = crate::cli::command(lang);
    // clap_complete panics on a failed write: the script is made in memory
    // and written like every other output.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "qingdan", &mut script);
    ctx.out.put_bytes(&script);
    Exit::Ok
}
