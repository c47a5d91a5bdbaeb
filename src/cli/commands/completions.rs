//! `qingdan completions SHELL`.

use clap_complete::Shell;
use qingdan::i18n::Lang;

use crate::cli::Exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// bash, zsh, fish, elvish or powershell
    pub shell: Shell,
}

pub fn run(lang: Lang, args: Args) -> Exit {
    let mut cmd = crate::cli::command(lang);
    clap_complete::generate(args.shell, &mut cmd, "qingdan", &mut std::io::stdout());
    Exit::Ok
}
