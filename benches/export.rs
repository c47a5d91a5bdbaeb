//! `export` at scale: a generated catalog of 100,000 items (override with
//! QINGDAN_BENCH_ITEMS) exported by the release binary to xlsx (the target:
//! under 30 s and under 1 GiB), then to csv and json, with wall time and
//! peak memory (the child's `getrusage`).
//!
//! Run: `cargo bench --bench export`. With QINGDAN_BENCH_DIR=DIR the
//! generated catalog is written there and kept (and reused when it exists).

mod common;

use std::path::Path;

fn main() {
    let generated = common::generated_catalog();
    let items = generated.items;
    println!(
        "catalog: {items} items over {} departments, generated in {:.2} s",
        common::DEPARTMENTS,
        generated.took.as_secs_f64()
    );

    // xlsx first: the peak memory reported is the largest so far.
    for (format, name) in [("xlsx", "清单.xlsx"), ("csv", "csv"), ("json", "清单.json")] {
        let out = generated.dir.path().join(name);
        let (catalog, out_arg) = (generated.catalog.to_str().unwrap(), out.to_str().unwrap());
        let (elapsed, peak_kib) = common::run_qingdan(&[
            "-C", catalog, "-q", "export", "--format", format, "-o", out_arg,
        ]);
        println!(
            "qingdan export --format {format}: {:.2} s, {:.0} items/s, peak memory {:.0} MiB, output {:.1} MB",
            elapsed.as_secs_f64(),
            items as f64 / elapsed.as_secs_f64(),
            peak_kib as f64 / 1024.0,
            size(&out) as f64 / 1e6,
        );
    }
}

/// Bytes of a file, or of the files in a folder.
fn size(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum()
    } else {
        std::fs::metadata(path).expect("the output is there").len()
    }
}
