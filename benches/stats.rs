//! `stats` at scale: on a generated catalog of 100,000 items
//! (QINGDAN_BENCH_ITEMS), and `stats --catalogs` over 100 json exports of
//! 10,000 items each (QINGDAN_BENCH_EXPORTS × QINGDAN_BENCH_EXPORT_ITEMS), a
//! province of a million items. Reports wall time and peak memory of the
//! release binary; the targets are under 60 s and under 1 GiB.
//!
//! One export is generated and exported; the others are cheap textual
//! variants of it (region, a reference code per item, some promises cut to
//! 即办 so the consistency report has differences to group).
//!
//! Run: `cargo bench --bench stats`.

mod common;

use std::time::{Duration, Instant};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let exports = env_number("QINGDAN_BENCH_EXPORTS", 100);
    let per_export = env_number("QINGDAN_BENCH_EXPORT_ITEMS", 10_000);
    let dir = tempfile::tempdir().expect("a scratch folder");

    let started = Instant::now();
    let one = dir.path().join("one");
    qingdan::generate::write_catalog(&one, per_export, common::DEPARTMENTS, 24).unwrap();
    let base = dir.path().join("base.json");
    common::run_qingdan(&[
        "-C",
        one.to_str().unwrap(),
        "-q",
        "export",
        "--format",
        "json",
        "-o",
        base.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&base).unwrap();
    let text = with_reference_codes(&text);
    let mut paths = Vec::with_capacity(exports);
    let mut bytes = 0;
    for k in 0..exports {
        let variant = text
            .replacen(
                "\"name\": \"瓯江市\"",
                &format!("\"name\": \"瓯江市{k:03}区\""),
                1,
            )
            .replacen("\"promised\": \"5个工作日\"", "\"promised\": \"即办\"", k);
        let path = dir.path().join(format!("{k:03}.json"));
        std::fs::write(&path, &variant).unwrap();
        bytes += variant.len();
        paths.push(path.to_string_lossy().into_owned());
    }
    println!(
        "exports: {exports} × {per_export} items, {:.0} MB of json, made in {:.1} s",
        bytes as f64 / 1e6,
        secs(started.elapsed())
    );
    let out = dir.path().join("province.json");
    let mut args = vec!["-q", "stats", "-o", out.to_str().unwrap(), "--catalogs"];
    args.extend(paths.iter().map(String::as_str));
    let (took, peak_kb) = common::run_qingdan(&args);
    let report = std::fs::metadata(&out).unwrap().len();
    println!(
        "qingdan stats --catalogs: {:.2} s, {:.0} items/s, peak memory {:.0} MiB (report {:.1} MB)",
        secs(took),
        (exports * per_export) as f64 / secs(took),
        peak_kb as f64 / 1024.0,
        report as f64 / 1e6
    );
    drop(paths);

    let generated = common::generated_catalog();
    println!(
        "catalog: {} items over {} departments, generated in {:.1} s",
        generated.items,
        common::DEPARTMENTS,
        secs(generated.took)
    );
    let catalog = generated.catalog.to_str().unwrap();
    let (took, peak_kb) = common::run_qingdan(&["-C", catalog, "stats", "--format", "json"]);
    println!(
        "qingdan stats: {:.2} s, {:.0} items/s, peak memory {:.0} MiB (the largest of every run so far)",
        secs(took),
        generated.items as f64 / secs(took),
        peak_kb as f64 / 1024.0
    );
}

/// `"reference_code": "R00042"` before each item's `"file"` key: the n-th
/// item of every variant shares the n-th reference code.
fn with_reference_codes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut n = 0;
    for piece in text.split_inclusive('\n') {
        if piece.trim_start().starts_with("\"file\": ") {
            let indent = &piece[..piece.len() - piece.trim_start().len()];
            out.push_str(&format!("{indent}\"reference_code\": \"R{n:05}\",\n"));
            n += 1;
        }
        out.push_str(piece);
    }
    out
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}
