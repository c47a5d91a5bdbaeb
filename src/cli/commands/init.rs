//! `qingdan init [DIR]`.

use std::path::{Path, PathBuf};

use qingdan::fsutil::write_atomic;
use qingdan::model::OfficeNames;
use qingdan::scaffold::{self, ci};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of the new catalog [default: the -C folder, else ./catalog]
    pub dir: Option<PathBuf>,
    /// 行政区划代码 (6 digits)
    #[arg(long, value_name = "CODE", default_value = scaffold::DEFAULT_REGION_CODE, value_parser = region_code)]
    pub region: String,
    /// Region name
    #[arg(long, value_name = "NAME", default_value = scaffold::DEFAULT_REGION_NAME)]
    pub region_name: String,
    /// Replace files that already exist (not in an existing catalog: there init only adds what is missing)
    #[arg(long)]
    pub force: bool,
    /// Add a CI pipeline for this hosting (to a new or an existing catalog)
    #[arg(long, value_enum, value_name = "HOSTING")]
    pub ci: Option<Hosting>,
    /// List the reviewing offices in catalog.yaml under these names: original (seed 000, 2017) or current (after the 2018 reform); an existing catalog.yaml without offices gains them at its end
    #[arg(long, value_enum, value_name = "NAMES")]
    pub office_names: Option<OfficeNamesArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OfficeNamesArg {
    Original,
    Current,
}

impl OfficeNamesArg {
    fn names(self) -> OfficeNames {
        match self {
            OfficeNamesArg::Original => OfficeNames::Original,
            OfficeNamesArg::Current => OfficeNames::Current,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Hosting {
    Gitlab,
    Gitea,
    Github,
}

fn region_code(text: &str) -> Result<String, String> {
    if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err(format!("`{text}`: 6 digits / 6 位数字"))
    }
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    let dir = args.dir.clone().unwrap_or_else(|| ctx.catalog_dir());
    // On an existing catalog only what is missing is added (the pipeline
    // included); nothing is replaced.
    let done = if dir.join("catalog.yaml").exists() {
        complete(ctx, &dir, &args)
    } else {
        write_catalog(ctx, &dir, &args).err().unwrap_or(Exit::Ok)
    };
    if done != Exit::Ok {
        return done;
    }
    match args.ci {
        Some(hosting) => write_pipeline(ctx, &dir, hosting, args.force),
        None => Exit::Ok,
    }
}

fn write_catalog(ctx: &Ctx, dir: &Path, args: &Args) -> Result<(), Exit> {
    let names = args.office_names.map(OfficeNamesArg::names);
    let files = scaffold::files_with(&args.region, &args.region_name, names);
    if !args.force
        && let Some((path, _)) = files.iter().find(|(path, _)| dir.join(path).exists())
    {
        return Err(ctx.fail(
            "cli.init.exists",
            &[("path", dir.join(path).display().to_string().into())],
        ));
    }
    for (path, text) in &files {
        write(ctx, &dir.join(path), text, args.force)?;
    }
    if !ctx.quiet {
        let dir_text = dir.display().to_string();
        ctx.say(&ctx.tr(
            "cli.init.done",
            &[("dir", dir_text.into()), ("files", files.len().into())],
        ));
    }
    Ok(())
}

/// The pipeline file at the root of the repository the catalog is in (the
/// catalog folder itself when it is in none yet); an existing one is
/// replaced only with `--force`.
fn write_pipeline(ctx: &Ctx, dir: &Path, hosting: Hosting, force: bool) -> Exit {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let root = dir
        .ancestors()
        .find(|a| a.join(".git").exists())
        .unwrap_or(&dir)
        .to_path_buf();
    let relative = dir.strip_prefix(&root).unwrap_or(Path::new(""));
    let catalog = match relative.to_string_lossy().replace('\\', "/") {
        rel if rel.is_empty() => ".".to_string(),
        rel => rel,
    };
    let hosting = match hosting {
        Hosting::Gitlab => ci::Hosting::Gitlab,
        Hosting::Gitea => ci::Hosting::Gitea,
        Hosting::Github => ci::Hosting::Github,
    };
    let (path, text) = ci::pipeline(hosting, &catalog);
    let target = root.join(path);
    if !force && target.exists() {
        // init adds what is missing and replaces nothing.
        let shown = target.display().to_string();
        ctx.say(&ctx.tr("cli.init.pipeline_kept", &[("path", shown.into())]));
        return Exit::Ok;
    }
    super::write_output(ctx, &target, text.as_bytes(), force)
}

/// `init` on an existing catalog: only the files it lacks are added (never
/// the example item), `.gitignore` gains the lines it lacks, and nothing is
/// replaced — `--force` is refused.
fn complete(ctx: &Ctx, dir: &Path, args: &Args) -> Exit {
    let shown = dir.display().to_string();
    if args.force {
        return ctx.fail("cli.init.force_existing", &[("dir", shown.into())]);
    }
    let missing: Vec<(String, String)> = scaffold::files(&args.region, &args.region_name)
        .into_iter()
        .filter(|(path, _)| path != scaffold::EXAMPLE_ITEM)
        .filter(|(path, _)| std::fs::symlink_metadata(dir.join(path)).is_err())
        .collect();
    for (path, text) in &missing {
        if let Err(exit) = write(ctx, &dir.join(path), text, false) {
            return exit;
        }
    }
    let offices = match args.office_names {
        Some(names) => match add_offices(ctx, dir, names.names()) {
            Ok(added) => added,
            Err(exit) => return exit,
        },
        None => false,
    };
    let gitignore = dir.join(".gitignore");
    let extended = match std::fs::read_to_string(&gitignore) {
        Ok(text) if !missing.iter().any(|(p, _)| p == ".gitignore") => {
            scaffold::gitignore_completed(&text)
        }
        _ => None,
    };
    if let Some((text, lines)) = &extended {
        // Appended to: every line the user wrote stays.
        if let Err(exit) = write(
            ctx,
            &qingdan::fsutil::write_target(dir, &gitignore).unwrap_or(gitignore.clone()),
            text,
            true,
        ) {
            return exit;
        }
        if !ctx.quiet {
            ctx.say(&ctx.tr(
                "cli.init.gitignore_extended",
                &[
                    ("path", gitignore.display().to_string().into()),
                    ("lines", lines.join("、").into()),
                ],
            ));
        }
    }
    if ctx.quiet {
        return Exit::Ok;
    }
    if missing.is_empty() {
        if extended.is_none() && !offices {
            ctx.say(&ctx.tr("cli.init.complete", &[("dir", shown.into())]));
        }
    } else {
        let names: Vec<&str> = missing.iter().map(|(p, _)| p.as_str()).collect();
        ctx.say(&ctx.tr(
            "cli.init.added",
            &[
                ("dir", shown.into()),
                ("files", missing.len().into()),
                ("names", names.join("、").into()),
            ],
        ));
    }
    Exit::Ok
}

/// `--office-names` on an existing catalog: catalog.yaml without `offices`
/// gains them at its end (every line stays); one that lists offices is
/// left as it is. Whether it gained them.
fn add_offices(ctx: &Ctx, dir: &Path, names: OfficeNames) -> Result<bool, Exit> {
    let path = dir.join("catalog.yaml");
    let shown = path.display().to_string();
    let existing = std::fs::read_to_string(&path).map_err(|e| ctx.write_failed(&path, &e))?;
    match scaffold::offices_completed(&existing, names) {
        Some(text) => {
            let target = qingdan::fsutil::write_target(dir, &path).unwrap_or(path.clone());
            write(ctx, &target, &text, true)?;
            if !ctx.quiet {
                ctx.say(&ctx.tr("cli.init.offices_added", &[("path", shown.into())]));
            }
            Ok(true)
        }
        None => {
            if !ctx.quiet {
                ctx.say(&ctx.tr("cli.init.offices_kept", &[("path", shown.into())]));
            }
            Ok(false)
        }
    }
}

fn write(ctx: &Ctx, target: &Path, text: &str, replace: bool) -> Result<(), Exit> {
    write_atomic(target, text.as_bytes(), replace).map_err(|e| ctx.write_failed(target, &e))
}
