//! What the benchmarks that run the release binary share: a generated
//! catalog, and one timed run with its peak memory.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// Departments of a generated catalog.
pub const DEPARTMENTS: usize = 50;

/// A generated catalog of QINGDAN_BENCH_ITEMS items (else 100,000) over
/// [`DEPARTMENTS`] departments, in QINGDAN_BENCH_DIR (kept, for profiling;
/// reused when it holds a catalog) or in a scratch folder.
pub struct Generated {
    /// The scratch folder: outputs go here; removed when dropped.
    pub dir: tempfile::TempDir,
    pub catalog: PathBuf,
    pub items: usize,
    /// How long generating took (zero when a kept catalog was reused).
    pub took: Duration,
}

pub fn generated_catalog() -> Generated {
    let items = std::env::var("QINGDAN_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("a scratch folder");
    let catalog = match std::env::var_os("QINGDAN_BENCH_DIR") {
        Some(kept) => PathBuf::from(kept),
        None => dir.path().join("catalog"),
    };
    let started = Instant::now();
    if !catalog.join("catalog.yaml").exists() {
        qingdan::generate::write_catalog(&catalog, items, DEPARTMENTS, 2026)
            .expect("the catalog is written");
    }
    Generated {
        dir,
        catalog,
        items,
        took: started.elapsed(),
    }
}

/// Wall time and peak resident memory (KiB) of the release binary run with
/// `args`; it must succeed. The peak is the largest of this process's
/// children so far.
pub fn run_qingdan(args: &[&str]) -> (Duration, i64) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_qingdan"))
        .args(args)
        .output()
        .expect("qingdan runs");
    let elapsed = started.elapsed();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    (elapsed, usage.ru_maxrss)
}
