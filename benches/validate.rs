//! `validate` at scale: a generated catalog of 100,000 items (override with
//! QINGDAN_BENCH_ITEMS), checked by the release binary. Reports items per
//! second and peak memory beside the floor: reading the same files and
//! parsing them with the same YAML parser, doing nothing else.
//!
//! Run: `cargo bench --bench validate`. With QINGDAN_BENCH_DIR=DIR the
//! generated catalog is written there and kept (for profiling).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use qingdan::generate::item_files;
use saphyr_parser::Parser;

fn main() {
    let generated = common::generated_catalog();
    let (catalog, items, departments) = (&generated.catalog, generated.items, common::DEPARTMENTS);
    let bytes = total_bytes(&catalog.join("items"));
    println!(
        "catalog: {items} items over {departments} departments, {:.1} MB of YAML, generated in {:.2} s",
        bytes as f64 / 1e6,
        secs(generated.took)
    );

    let files = item_files(&catalog.join("items")).unwrap();
    let floor = best_of(3, || parse_only(&files));
    println!(
        "floor (read + saphyr-parser events): {:.2} s, {:.0} items/s",
        secs(floor),
        items as f64 / secs(floor)
    );

    let tree = best_of(3, || parse_tree(&files));
    println!(
        "read + qingdan::yaml::parse (value + spans): {:.2} s",
        secs(tree)
    );

    let (validate, peak_kb) = run_validate(catalog);
    println!(
        "qingdan validate: {:.2} s, {:.0} items/s, peak memory {:.0} MiB, {:.2}× the floor",
        secs(validate),
        items as f64 / secs(validate),
        peak_kb as f64 / 1024.0,
        secs(validate) / secs(floor),
    );
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn best_of(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..runs).map(|_| f()).min().expect("at least one run")
}

fn total_bytes(dir: &Path) -> u64 {
    item_files(dir)
        .unwrap()
        .iter()
        .map(|p| p.metadata().unwrap().len())
        .sum()
}

fn parse_only(files: &[std::path::PathBuf]) -> Duration {
    let started = Instant::now();
    let mut events = 0usize;
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let mut parser = Parser::new_from_str(&text);
        while let Some(event) = parser.next_event() {
            event.expect("generated YAML parses");
            events += 1;
        }
    }
    assert!(events > files.len());
    started.elapsed()
}

fn parse_tree(files: &[std::path::PathBuf]) -> Duration {
    let started = Instant::now();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let doc = qingdan::yaml::parse(&text).unwrap().unwrap();
        std::hint::black_box(doc);
    }
    started.elapsed()
}

/// Wall time and peak resident memory (KiB) of the release binary.
fn run_validate(catalog: &Path) -> (Duration, i64) {
    common::run_qingdan(&[
        "-C",
        catalog.to_str().unwrap(),
        "-q",
        "validate",
        "--format",
        "json",
    ])
}
