//! `validate` at scale: a generated catalog of 100,000 items (override with
//! QINGDAN_BENCH_ITEMS), checked by the release binary. Reports items per
//! second and peak memory beside the floor: reading the same files and
//! parsing them with the same YAML parser, doing nothing else.
//!
//! Then the cost of the registers: the same catalog validated with and
//! without `registers/` (2,000 materials, 3,000 laws, 500 fees), runs
//! alternating (QINGDAN_BENCH_RUNS pairs, else 5) so that a busy machine
//! weighs on both alike; medians reported.
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

    registers_cost(catalog);
}

/// Validate with and without the registers, alternating; medians.
fn registers_cost(catalog: &Path) {
    let runs: usize = std::env::var("QINGDAN_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let on = catalog.join("registers");
    let off = catalog.join("registers.off");
    let _ = std::fs::remove_dir_all(&on);
    let _ = std::fs::remove_dir_all(&off);
    qingdan::generate::write_registers(catalog, 2_000, 3_000, 500).unwrap();
    std::fs::rename(&on, &off).unwrap();
    let (mut without, mut with) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        without.push(run_validate(catalog).0);
        std::fs::rename(&off, &on).unwrap();
        with.push(run_validate(catalog).0);
        std::fs::rename(&on, &off).unwrap();
    }
    std::fs::remove_dir_all(&off).unwrap();
    let median = |runs: &mut Vec<Duration>| {
        runs.sort();
        runs[runs.len() / 2]
    };
    let (without, with) = (median(&mut without), median(&mut with));
    println!(
        "validate without registers: {:.2} s; with 2,000 materials, 3,000 laws, 500 fees: {:.2} s ({:+.1} %), medians of {runs} alternating runs",
        secs(without),
        secs(with),
        (secs(with) / secs(without) - 1.0) * 100.0,
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
