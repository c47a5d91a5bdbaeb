//! The command line: argument parsing, the terminal, exit codes. Everything
//! else is the library's.

mod commands;
mod help;
mod out;
mod usage;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use qingdan::finding::{Arg, Finding};
use qingdan::i18n::Lang;
use qingdan::render::{self, Style};
use qingdan::source::{FolderSource, GitError, GitSource, Source};
use qingdan::texts;

/// How a command ended (docs/outputs.md). `code` is the one place that
/// gives exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done; nothing at error level.
    Ok,
    /// Error-level findings.
    Findings,
    /// The command could not do its job.
    Failed,
    /// A round gate refused.
    Gate,
    /// The reader of standard output went away (`qingdan validate | head`).
    PipeClosed,
}

impl Exit {
    /// Exit statuses (SPEC section 5: 0, 1, 2, 3). A closed pipe ends
    /// quietly with 141, the status a shell reports for `git` or `grep`
    /// killed by SIGPIPE: the output was cut short, which a script with
    /// `pipefail` may want to know, and no message is printed.
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Findings => 1,
            Exit::Failed => 2,
            Exit::Gate => 3,
            Exit::PipeClosed => 141,
        }
    }
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
    Lang::parse(text).ok_or_else(|| "zh | en".to_string())
}

/// What every command needs from the global options, and where it writes.
pub struct Ctx {
    pub lang: Lang,
    pub quiet: bool,
    pub color: bool,
    pub catalog: Option<PathBuf>,
    pub out: out::Out,
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

    /// A message for the terminal: whatever user text its arguments carry
    /// (item names, file names, tags) comes out terminal-safe, escapes and
    /// bidi overrides shown as `\u{1b}` rather than obeyed.
    pub fn tr(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        qingdan::i18n::terminal_safe(&texts::tr(self.lang, key, args)).into_owned()
    }

    /// Text on stdout.
    pub fn put(&self, text: &str) {
        self.out.put(text);
    }

    /// A line on stdout.
    pub fn say(&self, text: &str) {
        self.out.line(text);
    }

    /// Text on stderr.
    pub fn warn(&self, text: &str) {
        self.out.err(text);
    }

    /// `qingdan: 错误：…` on stderr; returns `Exit::Failed`.
    pub fn fail(&self, key: &str, args: &[(&'static str, Arg)]) -> Exit {
        self.fail_text(&self.tr(key, args))
    }

    /// A library message that stops a command, on stderr; returns `Exit::Failed`.
    pub fn fail_message(&self, message: &qingdan::finding::Message) -> Exit {
        self.fail_text(&qingdan::i18n::terminal_safe(&texts::text(
            self.lang, message,
        )))
    }

    fn fail_text(&self, text: &str) -> Exit {
        let error = self.tr("cli.error", &[]);
        self.warn(&format!("qingdan: {error}{text}\n"));
        Exit::Failed
    }

    /// The writers' lock of the catalog in `root` (waiting a few seconds for
    /// another writer; `QINGDAN_LOCK_WAIT` seconds when set), or the exit
    /// after saying who holds it. A lock left by a killed run is taken over
    /// with a note on stderr.
    pub fn lock(
        &self,
        root: &std::path::Path,
        command: &str,
    ) -> Result<qingdan::lock::CatalogLock, Exit> {
        use qingdan::lock::{self, LockError};
        // Said before the lock: "cannot lock catalog/.qingdan.lock" would
        // hide that there is no catalog here at all.
        if !root.join("catalog.yaml").is_file() {
            let path = root.display().to_string();
            return Err(self.fail("cli.not_a_catalog", &[("path", path.into())]));
        }
        let wait = std::env::var("QINGDAN_LOCK_WAIT")
            .ok()
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map_or(lock::DEFAULT_WAIT, std::time::Duration::from_secs_f64);
        let path = root.join(lock::LOCK_FILE).display().to_string();
        let seconds = format!("{:.0}", wait.as_secs_f64());
        match lock::acquire(root, command, wait) {
            Ok(held) => {
                if let Some(stale) = &held.stale {
                    self.warn(&format!(
                        "{}\n",
                        self.tr(
                            "cli.lock.stale",
                            &[
                                ("command", stale.command.clone().into()),
                                ("pid", u64::from(stale.pid).into()),
                                ("started", stale.started.clone().into()),
                                ("removed", held.removed_temp_files.into()),
                            ],
                        )
                    ));
                }
                Ok(held)
            }
            Err(LockError::Held(Some(holder))) => Err(self.fail(
                "cli.lock.held",
                &[
                    ("command", holder.command.into()),
                    ("pid", u64::from(holder.pid).into()),
                    ("host", holder.host.into()),
                    ("started", holder.started.into()),
                    ("seconds", seconds.into()),
                ],
            )),
            Err(LockError::Held(None)) => Err(self.fail(
                "cli.lock.held_unknown",
                &[("path", path.into()), ("seconds", seconds.into())],
            )),
            Err(LockError::Io(e)) => Err(self.fail(
                "cli.lock.failed",
                &[("path", path.into()), ("error", e.to_string().into())],
            )),
        }
    }

    /// [`Ctx::lock`] unless nothing is written (`--dry-run`).
    pub fn lock_unless(
        &self,
        dry_run: bool,
        root: &std::path::Path,
        command: &str,
    ) -> Result<Option<qingdan::lock::CatalogLock>, Exit> {
        if dry_run {
            Ok(None)
        } else {
            self.lock(root, command).map(Some)
        }
    }

    /// A write that failed: "exists, add --force" or "cannot write".
    pub fn write_failed(&self, path: &std::path::Path, e: &std::io::Error) -> Exit {
        let key = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "cli.init.exists"
        } else {
            "cli.write_failed"
        };
        self.fail(
            key,
            &[
                ("path", path.display().to_string().into()),
                ("error", e.to_string().into()),
            ],
        )
    }

    /// Refuses an output path in the catalog folder, inside it or holding
    /// it, whatever `--force` says.
    pub fn refuse_output_in_catalog(
        &self,
        out: &std::path::Path,
        catalogs: &[&std::path::Path],
    ) -> Result<(), Exit> {
        match catalogs
            .iter()
            .find(|root| qingdan::fsutil::overlaps_catalog(out, root))
        {
            Some(root) => Err(self.fail(
                "cli.output_in_catalog",
                &[
                    ("path", out.display().to_string().into()),
                    ("catalog", root.display().to_string().into()),
                ],
            )),
            None => Ok(()),
        }
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
        self.warn(&render::human::render(
            findings,
            None,
            self.style(),
            text_of,
        ));
        Exit::Failed
    }

    /// The command's exit, unless writing stdout failed: a closed pipe ends
    /// quietly, any other write error (a full disk) is a message and exit 2.
    fn finish(&self, exit: Exit) -> Exit {
        match self.out.finish() {
            None => exit,
            Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::PipeClosed,
            Some(e) => self.fail("cli.stdout_failed", &[("error", e.to_string().into())]),
        }
    }
}

/// The language before arguments are parsed: help texts and clap's errors
/// depend on it. Arguments are read as `OsString`: a file name need not be
/// UTF-8.
fn early_lang(args: &[OsString]) -> Lang {
    let args: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
    // Arguments after `--` are values, not options.
    let options = args.iter().take_while(|a| *a != "--");
    let mut found = None;
    let mut previous_was_lang = false;
    for arg in options {
        if previous_was_lang {
            found = Lang::parse(arg);
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            found = Lang::parse(value);
        }
        previous_was_lang = arg == "--lang";
    }
    found.or_else(env_lang).unwrap_or_default()
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
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = early_lang(&args);
    let out = out::Out::default();
    let cli = match parse(&args, lang) {
        Ok(cli) => cli,
        Err(error) => return ExitCode::from(usage_error(&out, &error, lang)),
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
        out,
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
        Command::Completions(args) => commands::completions::run(&ctx, lang, args),
    };
    ExitCode::from(ctx.finish(exit).code())
}

fn parse(args: &[OsString], lang: Lang) -> Result<Cli, clap::Error> {
    let matches = command(lang).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// `--help` and `--version` as clap prints them; every other clap error in
/// the user's language. The status is clap's: 0 for help, 2 otherwise.
fn usage_error(out: &out::Out, error: &clap::Error, lang: Lang) -> u8 {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // clap's printing keeps the help's colours on a terminal and
            // returns write errors rather than panicking; help cut short by
            // `| head` is still help shown.
            let _ = error.print();
        }
        _ => out.err(&usage::render(error, lang)),
    }
    error.exit_code() as u8
}
