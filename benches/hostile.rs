//! The hostile corpus of issue 17, timed: each case is generated in a
//! scratch folder, run once by the release binary, and reported with its
//! wall time, peak resident memory (of that run alone, from `wait4`) and
//! exit code. Every case must finish under 2 s and 200 MiB; the bench
//! fails otherwise.
//!
//! Run: `cargo bench --bench hostile`.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{copy_dir, mkfifo};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LIMIT_SECS: f64 = 2.0;
const LIMIT_MIB: f64 = 200.0;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid")
}

/// A fresh copy of the `invalid` catalog.
fn catalog(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    copy_dir(&fixture(), &dir);
    dir
}

fn item(extra: &str) -> String {
    format!(
        "name: 大文件\nkind: public_service\ncategory: health\ndepartment: wsjw\n\
         targets: [natural_person]\nlegal_basis:\n  - title: 《条例》\n    article: 第一条\n\
         guide: false\n{extra}"
    )
}

/// Runs the binary in `dir`: wall time, peak memory in KiB, exit code.
/// A run over 60 s is killed (and reported as such).
fn run(dir: &Path, args: &[&str]) -> (Duration, i64, i32) {
    let started = Instant::now();
    let child = unsafe {
        Command::new(env!("CARGO_BIN_EXE_qingdan"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .pre_exec(|| {
                // A hung case ends by itself.
                libc::alarm(60);
                Ok(())
            })
            .spawn()
            .expect("qingdan runs")
    };
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child fills the structs we own.
    unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -libc::WTERMSIG(status)
    };
    (started.elapsed(), usage.ru_maxrss, code)
}

fn main() {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    let outside = root.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("passwd"), "root:x:0:0:secret\n").unwrap();
    let mut cases: Vec<(&str, PathBuf, Vec<&str>)> = Vec::new();
    let validate_json = vec!["-C", ".", "validate", "--format", "json"];
    let validate = vec!["-C", ".", "validate"];

    let keys = catalog(root, "keys");
    let text: String = (0..50_000).map(|i| format!("k{i}: 1\n")).collect();
    std::fs::write(keys.join("items/wsjw/keys.yaml"), item(&text)).unwrap();
    cases.push((
        "50,000 unknown keys, json",
        keys.clone(),
        validate_json.clone(),
    ));
    cases.push(("50,000 unknown keys, human", keys, validate.clone()));

    let targets = catalog(root, "targets");
    let text = item("").replace(
        "targets: [natural_person]",
        &format!("targets: [{}]", vec!["x"; 100_000].join(", ")),
    );
    std::fs::write(targets.join("items/wsjw/targets.yaml"), text).unwrap();
    cases.push((
        "targets ×100,000, json",
        targets.clone(),
        validate_json.clone(),
    ));
    cases.push(("targets ×100,000, human", targets, validate.clone()));

    let vague = catalog(root, "vague");
    let materials: String = (0..8_000)
        .map(|i| format!("  - name: 其他相关材料{i}\n    form: original\n"))
        .collect();
    let text = item("").replace("guide: false\n", "guide: false\nmaterials:\n") + &materials;
    std::fs::write(vague.join("items/wsjw/vague.yaml"), text).unwrap();
    cases.push((
        "8,000 vague materials, human",
        vague.clone(),
        validate.clone(),
    ));
    cases.push((
        "8,000 vague materials, human, all listed",
        vague,
        vec!["-C", ".", "validate", "--max-per-file", "100000"],
    ));

    for file in ["catalog.yaml", "departments.yaml", "codes.ledger"] {
        let dir = catalog(root, &format!("fifo-{file}"));
        let _ = std::fs::remove_file(dir.join(file));
        mkfifo(&dir.join(file));
        cases.push((
            match file {
                "catalog.yaml" => "FIFO as catalog.yaml",
                "departments.yaml" => "FIFO as departments.yaml",
                _ => "FIFO as codes.ledger",
            },
            dir,
            validate.clone(),
        ));
    }
    let fifo_item = catalog(root, "fifo-item");
    mkfifo(&fifo_item.join("items/wsjw/fifo.yaml"));
    cases.push(("FIFO as an item file", fifo_item, validate.clone()));

    let link = catalog(root, "link-out");
    std::fs::remove_file(link.join("catalog.yaml")).unwrap();
    std::os::unix::fs::symlink(outside.join("passwd"), link.join("catalog.yaml")).unwrap();
    cases.push(("catalog.yaml -> a file outside", link, validate.clone()));

    let slash = catalog(root, "root-link");
    std::os::unix::fs::symlink("/", slash.join("items/root")).unwrap();
    cases.push(("items/root -> /", slash, validate.clone()));

    let looped = catalog(root, "loop");
    std::os::unix::fs::symlink(".", looped.join("items/wsjw/loop")).unwrap();
    cases.push(("items/wsjw/loop -> .", looped.clone(), validate.clone()));
    cases.push((
        "items/wsjw/loop -> ., code --dry-run",
        looped,
        vec!["-C", ".", "code", "--dry-run"],
    ));

    let bomb = catalog(root, "bomb");
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        text.push_str(&format!("{n}: &{n} [{refs}]\n", n = pair[1]));
    }
    std::fs::write(bomb.join("items/wsjw/bomb.yaml"), text).unwrap();
    cases.push(("alias bomb", bomb, validate.clone()));

    let zero = catalog(root, "zero");
    cases.push((
        "import /dev/zero",
        zero.clone(),
        vec!["-C", ".", "import", "/dev/zero", "--dry-run"],
    ));

    let header = "序号,事项名称,事项类型,服务类别,实施主体,服务对象,实施依据\n";
    let mut text = String::from(header);
    for n in 1..=1_048_575 {
        text.push_str(&format!("{n},,,,,,\n"));
    }
    std::fs::write(zero.join("seq.csv"), text).unwrap();
    cases.push((
        "csv: 1,048,575 rows holding only a 序号",
        zero.clone(),
        vec![
            "-C",
            ".",
            "import",
            "seq.csv",
            "--dry-run",
            "--format",
            "json",
        ],
    ));

    let book = zero.join("rows.xlsx");
    write_big_workbook(&book);
    println!(
        "rows.xlsx: 1,048,575 rows, {:.1} MB",
        std::fs::metadata(&book).unwrap().len() as f64 / 1e6
    );
    cases.push((
        "xlsx: 1,048,575 rows, json",
        zero.clone(),
        vec![
            "-C",
            ".",
            "import",
            "rows.xlsx",
            "--dry-run",
            "--format",
            "json",
        ],
    ));

    let laws = zero.join("laws.xlsx");
    write_big_register(&laws);
    cases.push((
        "register xlsx: 1,048,575 laws, json",
        zero.clone(),
        vec![
            "-C",
            ".",
            "import",
            "laws.xlsx",
            "--dry-run",
            "--format",
            "json",
        ],
    ));

    let mut failed = Vec::new();
    println!(
        "{:<44} {:>8} {:>10} {:>5}",
        "case", "seconds", "peak MiB", "exit"
    );
    for (name, dir, args) in &cases {
        let (took, peak_kb, code) = run(dir, args);
        let mib = peak_kb as f64 / 1024.0;
        println!(
            "{name:<44} {:>8.2} {:>10.1} {:>5}",
            took.as_secs_f64(),
            mib,
            code
        );
        if took.as_secs_f64() > LIMIT_SECS || mib > LIMIT_MIB || !(0..=3).contains(&code) {
            failed.push(*name);
        }
    }
    assert!(
        failed.is_empty(),
        "over {LIMIT_SECS} s or {LIMIT_MIB} MiB, or no exit of ours: {failed:?}"
    );
}

/// A laws register workbook (`template --register laws`) whose sheet fills
/// every row Excel has.
fn write_big_register(path: &Path) {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory().unwrap();
    sheet.set_name("法律法规库").unwrap();
    for (c, h) in ["名称", "效力层级", "文号"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..1_048_576u32 {
        sheet.write_string(r, 0, format!("《法规{r}》")).unwrap();
        sheet.write_string(r, 1, "law").unwrap();
        sheet.write_string(r, 2, format!("第{r}号")).unwrap();
    }
    book.save(path).unwrap();
}

/// An item workbook whose 事项 sheet fills every row Excel has.
fn write_big_workbook(path: &Path) {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory().unwrap();
    sheet.set_name("事项").unwrap();
    let headers = [
        "序号",
        "事项名称",
        "事项类型",
        "服务类别",
        "实施主体",
        "服务对象",
        "实施依据",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..1_048_576u32 {
        sheet.write_number(r, 0, r as f64).unwrap();
        sheet.write_string(r, 1, format!("事项{r}")).unwrap();
        sheet.write_string(r, 2, "public_service").unwrap();
        sheet.write_string(r, 4, "wsjw").unwrap();
    }
    book.save(path).unwrap();
}
