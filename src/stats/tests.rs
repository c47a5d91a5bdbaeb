//! Every measure on a hand-built catalog of four items in two departments;
//! the expected figures are worked out by hand beside each assertion.

use serde_json::json;

use super::consistency::Groups;
use super::export_reader::{self, Head, Sink};
use super::rounds::compare;
use super::{Record, Stats, Tally};

fn record(value: serde_json::Value) -> Record {
    serde_json::from_value(value).expect("a record")
}

/// mzj: A (3 materials, one a proof, one shared; 20→10 working days; full
/// online; 0 visits; commitment; 2 steps; guide with sample + common error)
/// and B (1 material; legal 无, promised 即办; partial online; 1 visit; 1
/// step; guide without samples). rsj: C (2 materials; 30 natural → 15
/// natural; 2 visits; not a guide item; 3 steps) and a cancelled D.
fn catalog() -> Vec<Record> {
    vec![
        record(json!({
            "department": "mzj", "name": "A", "kind": "public_service",
            "materials": [
                {"name": "身份证", "sample": "样本.pdf", "common_errors": ["未签字"]},
                {"name": "收入证明", "proof": true},
                {"name": "户口簿", "shared": true}
            ],
            "process": [{"name": "受理"}, {"name": "决定"}],
            "time_limit": {"legal": "20个工作日", "promised": "10个工作日"},
            "online": "full", "visits": 0, "commitment": true
        })),
        record(json!({
            "department": "mzj", "name": "B", "kind": "administrative_payment",
            "materials": [{"name": "申请表"}],
            "process": [{"name": "受理"}],
            "time_limit": {"legal": "无", "promised": "即办"},
            "online": "partial", "visits": 1
        })),
        record(json!({
            "department": "rsj", "name": "C", "kind": "public_service", "guide": false,
            "materials": [{"name": "身份证"}, {"name": "劳动合同"}],
            "process": [{"name": "受理"}, {"name": "审核"}, {"name": "决定"}],
            "time_limit": {"legal": "30个自然日", "promised": "15个自然日"},
            "online": "none", "visits": 2
        })),
        record(json!({
            "department": "rsj", "name": "D", "kind": "public_service", "status": "cancelled",
            "materials": [{"name": "x"}, {"name": "y"}, {"name": "z"}], "visits": 0
        })),
    ]
}

fn stats_of(records: &[Record]) -> Stats {
    let register = vec![
        ("mzj".to_string(), "民政局".to_string()),
        ("rsj".to_string(), "人社局".to_string()),
    ];
    let mut tally = Tally::with_register(&register);
    for r in records {
        tally.add(r);
    }
    tally.finish()
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a figure");
    assert!((actual - expected).abs() < 1e-9, "{actual} ≠ {expected}");
}

#[test]
fn every_measure_of_the_whole_catalog() {
    let stats = stats_of(&catalog());
    let c = &stats.catalog;
    // The cancelled D is not counted: A, B, C.
    assert_eq!(c.items, 3);
    close(c.materials_per_item, 6.0 / 3.0); // 3 + 1 + 2
    close(c.proofs, 1.0 / 3.0);
    close(c.shareable_asked, 1.0 / 3.0);
    // A: 10 wd ÷ 20 wd = 70 ÷ 140 fifths; C: 15 nd ÷ 30 nd = 75 ÷ 150; B has
    // no statutory limit (无). (70 + 75) ÷ (140 + 150).
    close(c.promise_ratio, 145.0 / 290.0);
    close(c.instant_share, 1.0 / 3.0); // B
    close(c.online_full_share, 1.0 / 3.0); // A
    close(c.online_partial_share, 1.0 / 3.0); // B
    close(c.at_most_one_visit_share, 2.0 / 3.0); // A (0), B (1)
    close(c.zero_visit_share, 1.0 / 3.0); // A
    close(c.commitment_share, 1.0 / 3.0); // A
    close(c.steps_per_item, 6.0 / 3.0); // 2 + 1 + 3
    close(c.guide_samples_share, 1.0 / 2.0); // guide items A, B; A has both
    assert_eq!(c.materials, 6);
    assert_eq!(c.visits, 3);
    assert_eq!(c.promised_working_days, 10);
    assert_eq!(c.promised_natural_days, 15);
    assert_eq!(c.online_items, 2);
    assert_eq!(c.kinds["public_service"], 2);
    assert_eq!(c.kinds["administrative_payment"], 1);
}

#[test]
fn per_department_in_register_order() {
    let stats = stats_of(&catalog());
    let ids: Vec<&str> = stats.departments.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["mzj", "rsj"]);
    let mzj = &stats.departments[0].figures;
    assert_eq!(stats.departments[0].name, "民政局");
    assert_eq!(mzj.items, 2);
    close(mzj.materials_per_item, 2.0);
    close(mzj.promise_ratio, 0.5); // only A has both limits
    close(mzj.at_most_one_visit_share, 1.0);
    let rsj = &stats.departments[1].figures;
    assert_eq!(rsj.items, 1);
    close(rsj.promise_ratio, 0.5);
    close(rsj.zero_visit_share, 0.0);
    // No guide item in rsj: nothing to divide by.
    assert_eq!(rsj.guide_samples_share, None);
}

#[test]
fn case_type_decides_instant_where_set() {
    let mut r = record(json!({"department": "a", "time_limit": {"promised": "即办"}}));
    assert!(r.is_instant());
    r.case_type = Some("承诺件".to_string());
    assert!(!r.is_instant());
    r.case_type = Some("即办件".to_string());
    assert!(r.is_instant());
}

#[test]
fn an_empty_catalog_divides_by_nothing() {
    let stats = stats_of(&[]);
    assert_eq!(stats.catalog.items, 0);
    assert_eq!(stats.catalog.materials_per_item, None);
    assert!(stats.departments.is_empty());
    let json = serde_json::to_value(&stats).unwrap();
    assert_eq!(json["catalog"]["promise_ratio"], serde_json::Value::Null);
}

#[test]
fn between_rounds_counts_what_was_cut() {
    let before = catalog();
    let mut after = catalog();
    after[0].materials.pop(); // A: one material fewer
    after[0].time_limit.as_mut().unwrap().promised = Some("5个工作日".into());
    after[2].online = Some(crate::model::Online::Partial); // C goes online
    after[2].visits = Some(1);
    let change = compare(&stats_of(&before), &stats_of(&after));
    let cut = change.catalog.cut;
    assert_eq!(cut.materials, 1);
    assert_eq!(cut.working_days, 5);
    assert_eq!(cut.natural_days, 0);
    assert_eq!(cut.visits, 1);
    assert_eq!(cut.moved_online, 1);
    assert_eq!(cut.items, 0);
    // mzj cut a material and days, rsj only visits and moved online: mzj first.
    let order: Vec<_> = change
        .departments
        .iter()
        .map(|r| r.id.clone().unwrap())
        .collect();
    assert_eq!(order, ["mzj", "rsj"]);
    assert_eq!(change.departments[1].cut.moved_online, 1);
}

#[test]
fn consistency_separates_same_four_from_implementation() {
    let base = json!({
        "department": "mzj", "name": "临时救助", "kind": "administrative_payment",
        "reference_code": "R1",
        "legal_basis": [{"title": "社会救助暂行办法"}],
        "materials": [{"name": "申请表"}],
        "time_limit": {"legal": "20个工作日", "promised": "10个工作日"}
    });
    let mut groups = Groups::default();
    groups.add(0, &record(base.clone()));
    let mut renamed = base.clone();
    renamed["name"] = json!("临时救助金给付");
    groups.add(1, &record(renamed));
    let mut slower = base.clone();
    slower["time_limit"]["promised"] = json!("15个工作日");
    groups.add(2, &record(slower));
    // Without a reference code nothing is compared.
    let mut loose = base;
    loose["reference_code"] = serde_json::Value::Null;
    loose["name"] = json!("别的");
    groups.add(3, &record(loose));

    let report = groups.report();
    assert_eq!(report.len(), 1);
    let r1 = &report[0];
    assert_eq!(r1.reference_code, "R1");
    let same: Vec<_> = r1.of_kind(true).map(|a| a.key).collect();
    let implementation: Vec<_> = r1.of_kind(false).map(|a| a.key).collect();
    assert_eq!(same, ["name"]);
    assert_eq!(implementation, ["time_limit"]);
    let names = &r1.aspects[0].values;
    assert_eq!(names[0].value, "临时救助");
    assert_eq!(names[0].catalogs, [0, 2]);
    assert_eq!(names[1].catalogs, [1]);
}

#[derive(Default)]
struct Collect {
    head: Option<Head>,
    names: Vec<String>,
}

impl Sink for Collect {
    fn head(&mut self, head: Head) {
        self.head = Some(head);
    }
    fn item(&mut self, record: Record) {
        self.names.push(record.name);
    }
}

#[test]
fn an_export_is_read_item_by_item() {
    let text = r#"{"catalog": {"region": {"code": "330399", "name": "瓯江市"},
        "counts": {"items": 2}, "departments": [{"id": "mzj", "name": "民政局", "code": "001"}]},
        "items": [{"file": "items/mzj/a.yaml", "department": "mzj", "name": "A", "future_key": [1]},
                  {"department": "mzj", "name": "B"}]}"#;
    let mut sink = Collect::default();
    export_reader::read(text.as_bytes(), &mut sink).unwrap();
    assert_eq!(sink.names, ["A", "B"]);
    assert_eq!(sink.head.unwrap().region.name, "瓯江市");
}

#[test]
fn a_broken_export_names_line_and_column() {
    let text = "{\"items\": [\n{\"name\": 5}]}";
    let error = export_reader::read(text.as_bytes(), &mut Collect::default()).unwrap_err();
    assert_eq!((error.line, error.column), (2, 11));
    assert!(error.message.contains("invalid type"), "{}", error.message);
    let missing = export_reader::read(&b"{}"[..], &mut Collect::default()).unwrap_err();
    assert!(missing.message.contains("items"), "{}", missing.message);
}

/// mzj: a main item M (2 materials, no case type, no promise), its
/// sub-item S (1 material; `case_type: instant` though 3 working days are
/// promised) and an item P (`case_type: promised` though 即办 is promised).
fn with_sub_items() -> Vec<Record> {
    vec![
        record(json!({
            "department": "mzj", "name": "M",
            "materials": [{"name": "身份证"}, {"name": "申请表"}]
        })),
        record(json!({
            "department": "mzj", "name": "S", "parent": "items/mzj/M.yaml",
            "materials": [{"name": "火灾证明"}],
            "time_limit": {"promised": "3个工作日"}, "case_type": "instant"
        })),
        record(json!({
            "department": "mzj", "name": "P",
            "time_limit": {"promised": "即办"}, "case_type": "promised"
        })),
    ]
}

#[test]
fn sub_items_are_counted_apart_and_measured_with_the_rest() {
    let stats = stats_of(&with_sub_items());
    let c = &stats.catalog;
    assert_eq!(c.items, 2); // M and P
    assert_eq!(c.sub_items, 1); // S
    // Per-item measures are over every handled item, each with its guide:
    // (2 + 1 + 0) materials ÷ 3.
    close(c.materials_per_item, 3.0 / 3.0);
    // S is instant by its case type, P is not by its case type: 1 ÷ 3.
    close(c.instant_share, 1.0 / 3.0);
    assert_eq!(stats.departments[0].figures.sub_items, 1);
    let json = serde_json::to_value(&stats).unwrap();
    assert_eq!(json["catalog"]["items"], 2);
    assert_eq!(json["catalog"]["sub_items"], 1);
}

#[test]
fn a_loaded_item_brings_its_case_type_and_main_item() {
    let item: crate::model::Item = serde_json::from_value(json!({
        "name": "S", "kind": "public_service", "category": "social_security",
        "department": "mzj", "targets": ["natural_person"], "legal_basis": [],
        "parent": "M.yaml", "case_type": "即办件",
        "time_limit": {"promised": "3个工作日"}
    }))
    .unwrap();
    let record = Record::from_item(&item);
    assert!(record.is_sub_item());
    assert!(
        record.is_instant(),
        "the case type decides, not the promise"
    );
    let mut main = item.clone();
    main.parent = None;
    main.case_type = None;
    let record = Record::from_item(&main);
    assert!(!record.is_sub_item());
    assert!(!record.is_instant(), "3 working days promised is no 即办");
}

/// Display columns of a terminal line (CJK characters take two).
fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| {
            if c.len_utf8() == 3 && c > '\u{2e80}' {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn the_terminal_table_is_readable_in_100_columns() {
    use super::render::{stats_report, table};
    for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
        let stats = stats_of(&catalog());
        let text = table::render(&stats_report(&stats, "HEAD", lang));
        let widest = text.lines().map(columns).max().unwrap();
        assert!(widest <= 100, "{widest} columns:\n{text}");
        // The whole catalog as measure | value rows, then three narrower
        // tables of related measures, a department per row in each.
        let (measure, whole, group) = match lang {
            crate::i18n::Lang::Zh => ("指标", "全部", "时限与环节"),
            crate::i18n::Lang::En => ("Measure", "Whole catalog", "Time and steps"),
        };
        assert!(text.contains(&format!("│ {measure}")), "{text}");
        assert!(text.contains(whole), "{text}");
        assert!(text.contains(group), "{text}");
        assert_eq!(text.matches("│ 民政局").count(), 3, "{text}");
    }
}
