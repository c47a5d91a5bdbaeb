//! Coding 100,000 items: `cargo bench --bench code` (or `-- 20000` for
//! another count). Generates a catalog in a temporary folder, then times
//! loading, planning and writing (ledger and item files).

use std::time::Instant;

use qingdan::catalog::Catalog;
use qingdan::coding;
use qingdan::rules::register::credit_code_check_char;
use qingdan::source::FolderSource;

const DEPARTMENTS: usize = 50;

fn main() {
    let count: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    let started = Instant::now();
    generate(root, count);
    println!("generated {count} items in {:.2} s", started.elapsed().as_secs_f64());

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

fn generate(root: &std::path::Path, count: usize) {
    std::fs::write(root.join("catalog.yaml"), "region: {code: \"330399\", name: 瓯江市}\n").unwrap();
    let mut register = String::new();
    for d in 0..DEPARTMENTS {
        let body = format!("11330399MB0{d:03}000");
        let check = credit_code_check_char(&format!("{body}0")).unwrap();
        register.push_str(&format!("- {{id: d{d:03}, code: \"{:03}\", name: 部门{d}, credit_code: {body}{check}, kind: government_department}}\n", d + 1));
        std::fs::create_dir_all(root.join(format!("items/d{d:03}"))).unwrap();
    }
    std::fs::write(root.join("departments.yaml"), register).unwrap();
    for i in 0..count {
        let d = i % DEPARTMENTS;
        let text = format!(
            "# yaml-language-server: $schema=../../schemas/item.schema.json\n# 第 {i} 号事项\nname: 公共服务事项{i:06}\nkind: public_service\ncategory: other\ndepartment: d{d:03}\ntargets: [natural_person]\nlegal_basis:\n  - title: 《公共服务条例》\n    article: 第{}条\naccepting_unit: 市民中心\nlocation: 市民中心一楼综合窗口\nconditions:\n  - 本市户籍居民\nmaterials:\n  - name: 居民身份证\n    form: original\n    copies: 1\n    source: government\nprocess:\n  - name: 受理\n    actor: 窗口工作人员\n    time_limit: 即办\ntime_limit:\n  legal: 无\n  promised: 3个工作日\nfee:\n  charged: false\nconsultation: 0577-88990000\n",
            i % 90 + 1
        );
        std::fs::write(root.join(format!("items/d{d:03}/事项{i:06}.yaml")), text).unwrap();
    }
}
