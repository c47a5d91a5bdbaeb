//! Coding 100,000 items: `cargo bench --bench code` (QINGDAN_BENCH_ITEMS
//! for another count). Generates an uncoded catalog with the shared
//! generator (`qingdan::generate`) and times the release binary's
//! `qingdan code` on it (its table of every code included), then a second
//! run that has nothing to code. A second catalog shows where the time
//! goes: loading, planning, editing and writing (library calls), and the
//! floor: replacing as many files atomically, doing nothing else.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use qingdan::catalog::Catalog;
use qingdan::coding;
use qingdan::source::FolderSource;

fn main() {
    let count: usize = std::env::var("QINGDAN_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let (by_binary, by_phase) = (scratch.path().join("binary"), scratch.path().join("phases"));
    let started = Instant::now();
    for root in [&by_binary, &by_phase] {
        qingdan::generate::write_catalog(root, count, common::DEPARTMENTS, 2026)
            .expect("the catalog is written");
    }
    // A catalog being coded was written long before: its own writes are
    // not the coding's to flush.
    let _ = std::process::Command::new("sync").status();
    println!(
        "generated 2 × {count} uncoded items in {:.2} s",
        secs(started.elapsed())
    );

    let (took, peak_kb) = common::run_qingdan(&["-C", by_binary.to_str().unwrap(), "code"]);
    let ledger = std::fs::read_to_string(by_binary.join(coding::LEDGER_FILE)).expect("a ledger");
    assert_eq!(ledger.lines().count(), count);
    println!(
        "qingdan code: {count} items coded in {:.2} s, {:.0} items/s, peak memory {:.0} MiB",
        secs(took),
        count as f64 / secs(took),
        peak_kb as f64 / 1024.0
    );
    let (again, _) = common::run_qingdan(&["-C", by_binary.to_str().unwrap(), "code"]);
    assert_eq!(
        std::fs::read_to_string(by_binary.join(coding::LEDGER_FILE)).unwrap(),
        ledger,
        "nothing more is coded"
    );
    println!("qingdan code again (nothing to code): {:.2} s", secs(again));

    phases(&by_phase, count);
    floor(&by_phase);
}

/// What the disk alone costs: every item file replaced atomically (read,
/// staged with one more line, flushed once, renamed) as `code` does it, with
/// no parsing, planning or editing.
fn floor(root: &Path) {
    let files = qingdan::generate::item_files(&root.join("items")).expect("the items are listed");
    let started = Instant::now();
    let staged: Vec<_> = qingdan::parallel::map(&files, qingdan::parallel::io_threads(), |path| {
        let mut bytes = std::fs::read(path).expect("an item file reads");
        bytes.extend_from_slice(b"# floor\n");
        qingdan::fsutil::stage(path, &bytes, true).expect("staged")
    });
    qingdan::fsutil::put_in_place(staged).expect("in place");
    println!(
        "floor: {} files replaced atomically (no parsing) in {:.2} s",
        files.len(),
        secs(started.elapsed())
    );
}

/// The same work as library calls, timed phase by phase.
fn phases(root: &Path, count: usize) {
    let started = Instant::now();
    let (catalog, _) = Catalog::load(&FolderSource::new(root)).expect("the catalog loads");
    let loaded = started.elapsed();
    let plan = coding::plan(&catalog);
    let planned = started.elapsed();
    let (done, problems) =
        coding::apply(root, plan.assignments, &coding::ledger::today_cst(), false)
            .expect("written");
    let total = started.elapsed();
    assert_eq!(done.len(), count);
    assert!(problems.is_empty() && plan.problems.is_empty());
    println!(
        "phases: load {:.2} s, plan {:.2} s, edit and write {:.2} s ({:.2} s in all)",
        secs(loaded),
        secs(planned - loaded),
        secs(total - planned),
        secs(total)
    );
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}
