//! `qingdan init [DIR]`.

use std::path::PathBuf;

use qingdan::fsutil::write_atomic;
use qingdan::scaffold;

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
    let files = scaffold::files(&args.region, &args.region_name);
    if !args.force
        && let Some((path, _)) = files.iter().find(|(path, _)| dir.join(path).exists())
    {
        return ctx.fail(
            "cli.init.exists",
            &[("path", dir.join(path).display().to_string().into())],
        );
    }
    for (path, text) in &files {
        let target = dir.join(path);
        if let Err(e) = write_atomic(&target, text.as_bytes(), args.force) {
            let key = if e.kind() == std::io::ErrorKind::AlreadyExists {
                "cli.init.exists"
            } else {
                "cli.write_failed"
            };
            return ctx.fail(
                key,
                &[
                    ("path", target.display().to_string().into()),
                    ("error", e.to_string().into()),
                ],
            );
        }
    }
    if !ctx.quiet {
        let dir_text = dir.display().to_string();
        ctx.say(&ctx.tr(
            "cli.init.done",
            &[("dir", dir_text.into()), ("files", files.len().into())],
        ));
    }
    Exit::Ok
}
