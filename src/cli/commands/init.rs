//! `qingdan init [DIR]`.

use std::path::{Path, PathBuf};

use qingdan::fsutil::write_atomic;
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
    /// Replace files that already exist
    #[arg(long)]
    pub force: bool,
    /// Add a CI pipeline for this hosting (to a new or an existing catalog)
    #[arg(long, value_enum, value_name = "HOSTING")]
    pub ci: Option<Hosting>,
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
    // `--ci` on an existing catalog only adds the pipeline.
    let existing = args.ci.is_some() && dir.join("catalog.yaml").is_file();
    if !existing && let Err(exit) = write_catalog(ctx, &dir, &args) {
        return exit;
    }
    match args.ci {
        Some(hosting) => write_pipeline(ctx, &dir, hosting, args.force),
        None => Exit::Ok,
    }
}

fn write_catalog(ctx: &Ctx, dir: &Path, args: &Args) -> Result<(), Exit> {
    let files = scaffold::files(&args.region, &args.region_name);
    if !args.force
        && let Some((path, _)) = files.iter().find(|(path, _)| dir.join(path).exists())
    {
        return Err(ctx.fail(
            "cli.init.exists",
            &[("path", dir.join(path).display().to_string().into())],
        ));
    }
    for (path, text) in &files {
        let target = dir.join(path);
        if let Err(e) = write_atomic(&target, text.as_bytes(), args.force) {
            let key = if e.kind() == std::io::ErrorKind::AlreadyExists {
                "cli.init.exists"
            } else {
                "cli.write_failed"
            };
            return Err(ctx.fail(
                key,
                &[
                    ("path", target.display().to_string().into()),
                    ("error", e.to_string().into()),
                ],
            ));
        }
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
    super::write_output(ctx, &root.join(path), text.as_bytes(), force)
}
