//! `import` at scale: a workbook of 10,000 generated items (override with
//! QINGDAN_BENCH_ITEMS) with their materials and steps, written by the
//! template writer, imported by the release binary into an empty catalog.
//! Reports the wall time (target: under 5 s) and peak memory.
//!
//! Run: `cargo bench --bench import`. With QINGDAN_BENCH_DIR=DIR the
//! workbook and the catalogs are written there and kept (for profiling).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use qingdan::catalog::Catalog;
use qingdan::generate::write_catalog;
use qingdan::i18n::Lang;
use qingdan::sheets::template;
use qingdan::source::FolderSource;

fn main() {
    let items: usize = std::env::var("QINGDAN_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let departments = 50;
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let kept = std::env::var_os("QINGDAN_BENCH_DIR").map(std::path::PathBuf::from);
    let dir = kept.as_deref().unwrap_or(scratch.path());

    let started = Instant::now();
    let workbook = dir.join("items.xlsx");
    let (materials, steps) = write_workbook(&dir.join("generated"), &workbook, items, departments);
    let size = std::fs::metadata(&workbook).map(|m| m.len()).unwrap_or(0);
    println!(
        "workbook: {items} items, {materials} materials, {steps} steps, {:.1} MB, written in {:.2} s",
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    // An empty catalog with the same register.
    let target = dir.join("catalog");
    write_catalog(&target, 0, departments, 2026).expect("the empty catalog is written");
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_qingdan"))
        .args([
            "-C",
            target.to_str().unwrap(),
            "-q",
            "import",
            workbook.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .expect("qingdan runs");
    let elapsed = started.elapsed();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let written = count_files(&target.join("items"));
    assert_eq!(written, items, "every item imported");
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    println!(
        "qingdan import: {:.2} s, {:.0} items/s, peak memory {:.0} MiB (target: under 5 s)",
        elapsed.as_secs_f64(),
        items as f64 / elapsed.as_secs_f64(),
        usage.ru_maxrss as f64 / 1024.0
    );
}

/// Generates a catalog, loads it, and writes its items into a workbook
/// through the template writer. Returns the material and step counts.
fn write_workbook(
    generated: &Path,
    workbook: &Path,
    items: usize,
    departments: usize,
) -> (usize, usize) {
    write_catalog(generated, items, departments, 2026).expect("the catalog is written");
    let (catalog, _) = Catalog::load(&FolderSource::new(generated)).expect("the catalog loads");
    // No 文件 column values: the target catalog is empty, the rows are new.
    let records: Vec<(&str, &qingdan::model::Item)> =
        catalog.records().map(|(_, item)| ("", item)).collect();
    let materials = records.iter().map(|(_, i)| i.materials.len()).sum();
    let steps = records.iter().map(|(_, i)| i.process.len()).sum();
    let bytes = template::workbook(&catalog.departments, Lang::Zh, &records)
        .expect("the workbook is written");
    std::fs::write(workbook, bytes).expect("the workbook is saved");
    (materials, steps)
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|d| std::fs::read_dir(d.path()).map_or(0, |f| f.count()))
                .sum()
        })
        .unwrap_or(0)
}
