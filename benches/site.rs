//! `export --format html` and `--format jsonld` at scale: a generated
//! catalog of 100,000 items (override with QINGDAN_BENCH_ITEMS), exported by
//! the release binary. Reports wall time, output size and peak memory of
//! each (target: under 30 s each).
//!
//! Run: `cargo bench --bench site`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use qingdan::generate::write_catalog;

fn main() {
    let items: usize = std::env::var("QINGDAN_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let departments = 50;
    let dir = tempfile::tempdir().expect("a scratch folder");
    let catalog = dir.path().join("catalog");
    let started = Instant::now();
    write_catalog(&catalog, items, departments, 2026).expect("the catalog is written");
    println!(
        "catalog: {items} items over {departments} departments, generated in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    for (format, out) in [
        ("html", dir.path().join("site")),
        ("jsonld", dir.path().join("catalog.jsonld")),
    ] {
        let (elapsed, peak_kb) = run_export(&catalog, format, &out);
        println!(
            "qingdan export --format {format}: {:.2} s, {:.0} items/s, {:.1} MB written, peak memory {:.0} MiB",
            elapsed.as_secs_f64(),
            items as f64 / elapsed.as_secs_f64(),
            size(&out) as f64 / 1e6,
            peak_kb as f64 / 1024.0,
        );
    }
}

/// Wall time and peak resident memory (KiB) of one export. The peak is the
/// largest of the children so far: html runs first, so the jsonld figure
/// is only meaningful when it is larger.
fn run_export(catalog: &Path, format: &str, out: &Path) -> (Duration, i64) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_qingdan"))
        .args([
            "-C",
            catalog.to_str().unwrap(),
            "-q",
            "export",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .expect("qingdan runs");
    let elapsed = started.elapsed();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    (elapsed, usage.ru_maxrss)
}

/// Bytes of a file, or of every file under a folder.
fn size(path: &Path) -> u64 {
    if path.is_file() {
        return path.metadata().unwrap().len();
    }
    std::fs::read_dir(path)
        .unwrap()
        .map(|e| size(&e.unwrap().path()))
        .sum()
}
