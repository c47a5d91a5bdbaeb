//! The command line: argument parsing, the terminal, exit codes. Everything
//! else is the library's.

mod commands;
mod help;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use qingdan::finding::{Arg, Finding};
use qingdan::i18n::{self, Lang};
use qingdan::render::{self, Style};
use qingdan::source::{FolderSource, GitError, GitSource, Source};

/// Exit codes (SPEC section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done; nothing at error level.
    Ok = 0,
    /// Error-level findings.
    Findings = 1,
    /// The command could not do its job.
    Failed = 2,
    /// A round gate refused.
    Gate = 3,
}

#[derive(Debug, Parser)]
#[command(
    name = "qingdan",
    version,
    about = "Govern a catalog of public service items kept as YAML files in git"
)]
#[command(disable_help_subcommand = true)]
pub struct Cli {
    /// Catalog folder [default: ./catalog]
    #[arg(short = 'C', long = "catalog", global = true, value_name = "DIR")]
    pub catalog: Option<PathBuf>,
    /// Language of messages and reports: zh or en [env: QINGDAN_LANG]
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Print only findings and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Colours: auto, always or never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new catalog: configuration, register, schemas, one example item
    Init(commands::init::Args),
    /// Check every item against the rules
    Validate(commands::validate::Args),
    /// Write an empty item workbook for clerks to fill
    Template(commands::template::Args),
    /// Import filled item workbooks into item files
    Import(commands::import::Args),
    /// Give every active item without a code its code
    Code(commands::code::Args),
    /// The review rounds: where the catalog stands, and advancing it
    Round(commands::round::Args),
    /// Review workbooks: opinions and responses exchanged in Excel
    Review(commands::review::Args),
    /// Compare the catalog between rounds: added, changed, cancelled, removed items
    Diff(commands::diff::Args),
    /// Publish the active items: xlsx, csv, json, a static site (html) or linked data (jsonld)
    Export(commands::export::Args),
    /// Reform statistics: per department, between two revisions, or across catalogs
    Stats(commands::stats::Args),
    /// Print a shell completion script
    Completions(commands::completions::Args),
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| format!("`{text}`: zh | en"))
}

/// What every command needs from the global options.
pub struct Ctx {
    pub lang: Lang,
    pub quiet: bool,
    pub color: bool,
    pub catalog: Option<PathBuf>,
}

impl Ctx {
    pub fn style(&self) -> Style {
        Style {
            lang: self.lang,
            color: self.color,
            width: 100,
        }
    }

    /// The catalog folder: `-C DIR`, else `./catalog`.
    pub fn catalog_dir(&self) -> PathBuf {
        self.catalog
            .clone()
            .unwrap_or_else(|| PathBuf::from("catalog"))
    }

    pub fn tr(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        i18n::tr(self.lang, key, args)
    }

    /// `qingdan: 错误：…` on stderr; returns `Exit::Failed`.
    pub fn fail(&self, key: &str, args: &[(&'static str, Arg)]) -> Exit {
        eprintln!(
            "qingdan: {}{}",
            self.tr("cli.error", &[]),
            self.tr(key, args)
        );
        Exit::Failed
    }

    /// A library message that stops a command, on stderr; returns `Exit::Failed`.
    pub fn fail_message(&self, message: &qingdan::finding::Message) -> Exit {
        eprintln!(
            "qingdan: {}{}",
            self.tr("cli.error", &[]),
            i18n::text(self.lang, message)
        );
        Exit::Failed
    }

    /// The catalog at a git revision, or the exit after saying why not.
    pub fn open_revision(&self, root: &std::path::Path, rev: &str) -> Result<GitSource, Exit> {
        GitSource::open(root, rev).map_err(|e| {
            let path = root.display().to_string();
            match e {
                GitError::NotARepository(error) => self.fail(
                    "cli.git.not_a_repository",
                    &[("path", path.into()), ("error", error.into())],
                ),
                GitError::UnknownRevision(rev) => {
                    self.fail("cli.git.unknown_revision", &[("rev", rev.into())])
                }
                GitError::NoCatalog(prefix) => self.fail(
                    "cli.git.no_catalog",
                    &[("rev", rev.into()), ("path", prefix.into())],
                ),
                GitError::Read(error) => self.fail("cli.git.read", &[("error", error.into())]),
            }
        })
    }

    /// The catalog in the work tree, or at `rev` when given.
    pub fn open_source(
        &self,
        root: &std::path::Path,
        rev: Option<&str>,
    ) -> Result<Box<dyn Source>, Exit> {
        match rev {
            None => Ok(Box::new(FolderSource::new(root))),
            Some(rev) => Ok(Box::new(self.open_revision(root, rev)?)),
        }
    }

    /// The catalog of `source` (findings of its items aside), or the exit
    /// after showing why it cannot be loaded.
    pub fn load_catalog(&self, source: &dyn Source) -> Result<qingdan::catalog::Catalog, Exit> {
        qingdan::catalog::Catalog::load(source)
            .map(|(catalog, _)| catalog)
            .map_err(|e| {
                self.fail_with_findings(&e.findings, &|file: &str| source.read_text(file).ok())
            })
    }

    /// Findings that stop a command (an unusable catalog.yaml…), on stderr.
    pub fn fail_with_findings(
        &self,
        findings: &[Finding],
        text_of: &dyn Fn(&str) -> Option<String>,
    ) -> Exit {
        eprint!(
            "{}",
            render::human::render(findings, None, self.style(), text_of)
        );
        Exit::Failed
    }
}

/// The language before arguments are parsed: help texts depend on it.
fn early_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    for (i, arg) in args.iter().enumerate() {
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Lang::parse(value).unwrap_or_default();
        }
        if arg == "--lang"
            && let Some(value) = args.get(i + 1)
        {
            return Lang::parse(value).unwrap_or_default();
        }
    }
    env_lang().unwrap_or_default()
}

fn env_lang() -> Option<Lang> {
    std::env::var("QINGDAN_LANG")
        .ok()
        .and_then(|v| Lang::parse(&v))
}

pub fn command(lang: Lang) -> clap::Command {
    help::localize(Cli::command(), lang)
}

pub fn main() -> ExitCode {
    let lang = early_lang();
    let matches = command(lang).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let ctx = Ctx {
        lang: cli.lang.or_else(env_lang).unwrap_or_default(),
        quiet: cli.quiet,
        color,
        catalog: cli.catalog,
    };
    let exit = match cli.command {
        Command::Init(args) => commands::init::run(&ctx, args),
        Command::Validate(args) => commands::validate::run(&ctx, args),
        Command::Template(args) => commands::template::run(&ctx, args),
        Command::Import(args) => commands::import::run(&ctx, args),
        Command::Code(args) => commands::code::run(&ctx, args),
        Command::Round(args) => commands::round::run(&ctx, args),
        Command::Review(args) => commands::review::run(&ctx, args),
        Command::Diff(args) => commands::diff::run(&ctx, args),
        Command::Export(args) => commands::export::run(&ctx, args),
        Command::Stats(args) => commands::stats::run(&ctx, args),
        Command::Completions(args) => commands::completions::run(lang, args),
    };
    ExitCode::from(exit as u8)
}
