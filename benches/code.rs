//! Coding 100,000 items: `cargo bench --bench code` (or `-- 20000` for
//! another count). Generates a catalog in a temporary folder with the shared
//! generator (`qingdan::generate`), then times loading, planning and writing
//! (ledger and item files).

use std::time::Instant;

use qingdan::catalog::Catalog;
use qingdan::coding;
use qingdan::source::FolderSource;

const DEPARTMENTS: usize = 50;

fn main() {
    let count: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    let started = Instant::now();
    qingdan::generate::write_catalog(root, count, DEPARTMENTS, 2026).expect("the catalog is written");
    println!("generated {count} items in {:.2} s", started.elapsed().as_secs_f64());
    // A catalog being coded was written long before: its own writes are
    // not the coding's to flush.
    let _ = std::process::Command::new("sync").status();

    let started = Instant::now();
    let source = FolderSource::new(root);
    let (catalog, _) = Catalog::load(&source).expect("the catalog loads");
    let loaded = started.elapsed();
    let plan = coding::plan(&catalog);
    let planned = started.elapsed();
    let (done, problems) = coding::apply(root, plan.assignments, &coding::ledger::today_cst(), false).expect("written");
    let total = started.elapsed();
    assert_eq!(done.len(), count);
    assert!(problems.is_empty() && plan.problems.is_empty());
    println!(
        "coded {count} items in {:.2} s (load {:.2} s, plan {:.2} s, edit and write {:.2} s)",
        total.as_secs_f64(),
        loaded.as_secs_f64(),
        (planned - loaded).as_secs_f64(),
        (total - planned).as_secs_f64()
    );

    let started = Instant::now();
    let (catalog, _) = Catalog::load(&FolderSource::new(root)).expect("the catalog loads");
    let again = coding::plan(&catalog);
    assert!(again.assignments.is_empty());
    println!("second run (nothing to code) in {:.2} s", started.elapsed().as_secs_f64());
}
