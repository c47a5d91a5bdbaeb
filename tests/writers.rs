//! Writers that are safe to kill, to run twice at once, and to point at the
//! wrong place: the catalog lock, outputs that never land in a catalog,
//! `init` that only adds, and kills at random moments that leave every file
//! old or new (issue 17, part B).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{copy_dir, files_under, fixture, qingdan_in};

fn bin(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qingdan"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("QINGDAN_LANG")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// A copy of the valid fixture catalog in a scratch folder: (guard, catalog).
fn scratch_catalog() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    copy_dir(&fixture("valid"), &catalog);
    (dir, catalog)
}

/// Every file of the catalog but the temporary ones and the lock.
fn catalog_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .filter(|(path, _)| {
            let name = path.file_name().unwrap().to_string_lossy();
            !qingdan::fsutil::is_temp_name(&name) && name != qingdan::lock::LOCK_FILE
        })
        .collect()
}

#[test]
fn output_writers_never_write_into_the_catalog_even_with_force() {
    let (dir, catalog) = scratch_catalog();
    let before = files_under(&catalog);
    let cases: Vec<Vec<String>> = ["catalog", "catalog/items", "catalog/codes.ledger", "."]
        .iter()
        .flat_map(|target| {
            let t = target.to_string();
            [
                vec!["export", "--format", "html", "-o", &t],
                vec!["export", "--format", "csv", "-o", &t],
                vec!["export", "--format", "xlsx", "-o", &t],
                vec!["export", "--format", "json", "-o", &t],
                vec!["export", "--format", "jsonld", "-o", &t],
                vec!["template", "-o", &t],
                vec!["review", "export", "--round", "review-1", "-o", &t],
                vec!["diff", "catalog", "catalog", "--format", "csv", "-o", &t],
            ]
            .map(|args| args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
        })
        .collect();
    for case in &cases {
        let mut args: Vec<&str> = vec!["-C", "catalog"];
        args.extend(case.iter().map(String::as_str));
        args.push("--force");
        let run = qingdan_in(dir.path(), &args);
        assert_eq!(run.code, 2, "{case:?}: {}", run.transcript());
        assert!(
            run.stderr.contains("清单目录") && run.stderr.contains("--force 也不行"),
            "{case:?}: {}",
            run.stderr
        );
        assert_eq!(
            files_under(&catalog),
            before,
            "{case:?} changed the catalog"
        );
    }
    let run = qingdan_in(
        dir.path(),
        &[
            "-C",
            "catalog",
            "--lang",
            "en",
            "export",
            "--format",
            "html",
            "-o",
            "catalog/items",
            "--force",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("outputs are never written into a catalog"),
        "{}",
        run.stderr
    );
    // Beside the catalog is fine.
    let run = qingdan_in(
        dir.path(),
        &["-C", "catalog", "export", "--format", "csv", "-o", "out"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn init_on_a_catalog_only_adds_what_is_missing() {
    let (dir, catalog) = scratch_catalog();
    std::fs::write(catalog.join(".gitignore"), "target/\n").unwrap();
    let ledger = "053303990020001X\tmzj\t甲\t2027-01-05\n";
    std::fs::write(catalog.join("codes.ledger"), ledger).unwrap();
    let schema = catalog.join("schemas/item.schema.json");
    std::fs::remove_file(&schema).unwrap();
    let run = qingdan_in(dir.path(), &["init", "catalog", "--force"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("不接受 --force"), "{}", run.stderr);
    let run = qingdan_in(dir.path(), &["--lang", "en", "init", "catalog", "--force"]);
    assert!(run.stderr.contains("--force is refused"), "{}", run.stderr);

    let before = files_under(&catalog);
    let run = qingdan_in(dir.path(), &["init", "catalog"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("schemas/item.schema.json"),
        "{}",
        run.stdout
    );
    let after = files_under(&catalog);
    for (path, bytes) in &before {
        if path.ends_with(".gitignore") {
            continue;
        }
        assert_eq!(
            after.get(path),
            Some(bytes),
            "{} was replaced",
            path.display()
        );
    }
    assert_eq!(
        std::fs::read_to_string(catalog.join("codes.ledger")).unwrap(),
        ledger
    );
    assert!(schema.exists(), "the missing schema is added");
    assert!(
        !catalog.join("items/mzj/老年人优待证办理.yaml").exists(),
        "no example item"
    );
    assert_eq!(
        std::fs::read_to_string(catalog.join(".gitignore")).unwrap(),
        "target/\n.qingdan-*.tmp\n.qingdan.lock\n",
        "appended to, nothing lost"
    );
    let run = qingdan_in(dir.path(), &["--lang", "en", "init", "catalog"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("nothing to add"), "{}", run.stdout);
    assert_eq!(files_under(&catalog).len(), after.len());
}

#[test]
fn diff_of_two_folders_needs_two_catalogs() {
    let (dir, _catalog) = scratch_catalog();
    std::fs::create_dir(dir.path().join("etc")).unwrap();
    for (lang, text) in [
        ("zh", "etc 不是清单目录"),
        ("en", "etc is not a catalog folder"),
    ] {
        let run = qingdan_in(dir.path(), &["--lang", lang, "diff", "catalog", "etc"]);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert!(run.stderr.contains(text), "{}", run.stderr);
    }
}

/// A writer run where there is no catalog says so, not that a lock file
/// could not be made (and makes none).
#[test]
fn a_writer_without_a_catalog_says_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, text) in [
        (
            "zh",
            "catalog 不是清单目录（其中没有 catalog.yaml）；请用 -C 指定清单目录",
        ),
        (
            "en",
            "catalog is not a catalog folder (it has no catalog.yaml): name the catalog folder with -C",
        ),
    ] {
        for args in [
            &[
                "review", "export", "--round", "review-1", "--office", "fazhi", "-o", "out",
            ][..],
            &["code"][..],
        ] {
            let run = qingdan_in(dir.path(), &[&["--lang", lang][..], args].concat());
            assert_eq!(run.code, 2, "{}", run.transcript());
            assert!(run.stderr.contains(text), "{}", run.stderr);
            assert!(!run.stderr.contains(".qingdan.lock"), "{}", run.stderr);
        }
    }
    assert!(files_under(dir.path()).is_empty(), "nothing written");
}

#[test]
fn a_second_writer_waits_then_names_the_holder() {
    let (dir, catalog) = scratch_catalog();
    let held = qingdan::lock::acquire(&catalog, "import", Duration::ZERO).unwrap();
    for (lang, text) in [
        ("zh", "清单正由另一个命令修改：qingdan import"),
        (
            "en",
            "another command is changing the catalog: qingdan import",
        ),
    ] {
        let started = Instant::now();
        let run = Command::new(env!("CARGO_BIN_EXE_qingdan"))
            .args(["-C", "catalog", "--lang", lang, "code"])
            .current_dir(dir.path())
            .env("QINGDAN_LOCK_WAIT", "0.3")
            .output()
            .unwrap();
        assert!(started.elapsed() >= Duration::from_millis(300), "it waited");
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert!(stderr.contains(text), "{stderr}");
        assert!(stderr.contains(&std::process::id().to_string()), "{stderr}");
    }
    drop(held);
    // A lock left by a killed run (its pid gone) is taken over.
    std::fs::write(
        catalog.join(".qingdan.lock"),
        "pid: 4194303\nhost: h\ncommand: code\nstarted: 2026-12-01T00:00:00Z\n",
    )
    .unwrap();
    std::fs::write(catalog.join("items/.qingdan-4194303-x.tmp"), "half").unwrap();
    let run = qingdan_in(dir.path(), &["-C", "catalog", "code"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stderr.contains("接管了被中断的命令留下的锁"),
        "{}",
        run.stderr
    );
    assert!(!catalog.join("items/.qingdan-4194303-x.tmp").exists());
    assert!(!catalog.join(".qingdan.lock").exists());
}

#[cfg(unix)]
#[test]
fn code_writes_through_a_symlink_and_gives_a_looped_item_one_code() {
    let (dir, catalog) = scratch_catalog();
    let code = |file: &str| -> Option<String> {
        let text = std::fs::read_to_string(catalog.join(file)).unwrap();
        text.lines().find_map(|l| {
            l.strip_prefix("code: ")
                .map(|c| c.trim_matches('"').to_string())
        })
    };
    let uncoded: Vec<String> = qingdan::generate::item_files(&catalog.join("items"))
        .unwrap()
        .into_iter()
        .map(|p| {
            p.strip_prefix(&catalog)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|f| code(f).is_none())
        .collect();
    assert!(!uncoded.is_empty(), "the fixture has items to code");
    let target = &uncoded[0];
    let real = catalog.join("real.yaml.txt");
    std::fs::rename(catalog.join(target), &real).unwrap();
    let depth = Path::new(target).components().count() - 1;
    let up = "../".repeat(depth);
    std::os::unix::fs::symlink(format!("{up}real.yaml.txt"), catalog.join(target)).unwrap();
    let run = qingdan_in(dir.path(), &["-C", "catalog", "code"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let meta = std::fs::symlink_metadata(catalog.join(target)).unwrap();
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    assert!(code(target).is_some(), "its target got the code");
    let ledger = std::fs::read_to_string(catalog.join("codes.ledger")).unwrap();
    let codes: Vec<&str> = ledger
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "each code once");
}

/// Two `code` runs at once, 50 times: one code per item, one ledger line per code.
#[test]
fn two_code_runs_at_once_give_each_item_one_code() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template");
    qingdan::generate::write_catalog(&template, 24, 3, 17).unwrap();
    for trial in 0..50 {
        let catalog = dir.path().join(format!("c{trial}"));
        copy_dir(&template, &catalog);
        let c = catalog.to_str().unwrap();
        let mut a = bin(dir.path(), &["-C", c, "code"]).spawn().unwrap();
        let mut b = bin(dir.path(), &["-C", c, "code"]).spawn().unwrap();
        assert!(a.wait().unwrap().success(), "trial {trial}");
        assert!(
            b.wait().unwrap().success(),
            "trial {trial}: the second waited"
        );
        let ledger = std::fs::read_to_string(catalog.join("codes.ledger")).unwrap();
        let mut ledger_codes: Vec<&str> = ledger
            .lines()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert_eq!(
            ledger_codes.len(),
            24,
            "trial {trial}: one line per item\n{ledger}"
        );
        ledger_codes.sort();
        ledger_codes.dedup();
        assert_eq!(ledger_codes.len(), 24, "trial {trial}: each code once");
        let mut item_codes = Vec::new();
        for file in qingdan::generate::item_files(&catalog.join("items")).unwrap() {
            let text = std::fs::read_to_string(&file).unwrap();
            let codes: Vec<_> = text.lines().filter(|l| l.starts_with("code:")).collect();
            assert_eq!(codes.len(), 1, "trial {trial}: {}", file.display());
            item_codes.push(
                codes[0]
                    .trim_start_matches("code:")
                    .trim()
                    .trim_matches('"')
                    .to_string(),
            );
        }
        item_codes.sort();
        assert_eq!(item_codes, ledger_codes, "trial {trial}");
        std::fs::remove_dir_all(&catalog).unwrap();
    }
}

/// A tiny deterministic generator for kill delays.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Runs `args` on copies of `old` killed (SIGKILL) after a random delay
/// `trials` times: every file is then the old or the new version (`new`:
/// the same run not killed), and the ledger's lines are whole.
fn kill_trials(work: &Path, old: &Path, args: &[&str], trials: usize, seed: u64) {
    let new = work.join("new");
    copy_dir(old, &new);
    let started = Instant::now();
    let status = bin(work, &[&["-C", new.to_str().unwrap()], args].concat())
        .status()
        .unwrap();
    let full = started.elapsed();
    assert!(
        status.code() == Some(0) || status.code() == Some(1),
        "{args:?}: {status}"
    );
    let (old_files, new_files) = (catalog_files(old), catalog_files(&new));
    assert_ne!(old_files, new_files, "{args:?} changes something");
    let mut rng = Lcg(seed);
    let mut killed = 0;
    for trial in 0..trials {
        let catalog = work.join(format!("k{trial}"));
        copy_dir(old, &catalog);
        let c = catalog.to_str().unwrap();
        let mut child = bin(work, &[&["-C", c], args].concat()).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(full.as_micros() as u64)));
        killed += usize::from(child.try_wait().unwrap().is_none());
        child.kill().unwrap();
        child.wait().unwrap();
        let after = catalog_files(&catalog);
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            old_files.keys().collect::<Vec<_>>(),
            "{args:?} trial {trial}: the same files"
        );
        for (path, bytes) in &after {
            assert!(
                Some(bytes) == old_files.get(path) || Some(bytes) == new_files.get(path),
                "{args:?} trial {trial}: {} is neither old nor new",
                path.display()
            );
            if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::str::from_utf8(bytes).unwrap();
                assert!(qingdan::yaml::parse(text).is_ok(), "{}", path.display());
            }
        }
        let ledger = String::from_utf8(after[&PathBuf::from("codes.ledger")].clone()).unwrap();
        assert!(
            ledger.lines().all(|l| l.split('\t').count() == 4),
            "{args:?} trial {trial}: a whole ledger"
        );
        // The next run takes over the lock and clears what the kill left.
        if trial == 0 {
            let run = qingdan_in(work, &[&["-C", c], args].concat());
            assert!(run.code <= 1, "{}", run.transcript());
            let left: Vec<_> = files_under(&catalog)
                .into_keys()
                .filter(|p| {
                    qingdan::fsutil::is_temp_name(&p.file_name().unwrap().to_string_lossy())
                })
                .collect();
            assert!(left.is_empty(), "{left:?}");
        }
        std::fs::remove_dir_all(&catalog).unwrap();
    }
    assert!(killed > 0, "{args:?}: some runs were killed mid-way");
    eprintln!("{args:?}: full run {full:?}, {killed} of {trials} killed while running");
}

/// The size: 3,000 items, 20 kills (the debug binary codes them in
/// ~1 s and imports them in ~8 s; the whole test took 88 s on the 2-core
/// machine). `QINGDAN_KILL_ITEMS=N` changes the size.
#[test]
fn code_and_import_killed_at_random_leave_every_file_old_or_new() {
    let items = std::env::var("QINGDAN_KILL_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let work = tempfile::tempdir().unwrap();
    let old = work.path().join("old");
    qingdan::generate::write_catalog(&old, items, 1, 2026).unwrap();
    kill_trials(work.path(), &old, &["code"], 10, 1);

    // import --force: a workbook of the department's items puts back
    // the hours each item file lost.
    let book = work.path().join("book.xlsx");
    let o = old.to_str().unwrap();
    let run = qingdan_in(
        work.path(),
        &[
            "-C",
            o,
            "template",
            "--department",
            "d001",
            "-o",
            book.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    for file in qingdan::generate::item_files(&old.join("items")).unwrap() {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace("hours: 工作日", "hours: 每日")).unwrap();
    }
    std::fs::remove_dir_all(work.path().join("new")).unwrap();
    kill_trials(
        work.path(),
        &old,
        &["import", book.to_str().unwrap(), "--force"],
        10,
        2,
    );
}
