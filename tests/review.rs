//! `qingdan review export` and `qingdan review import` as offices and
//! departments use them: workbooks exported from a copy of the sample
//! catalog, filled through openpyxl, imported back into review files.

mod common;

use std::path::{Path, PathBuf};

use common::books::{self, Edit};
use common::{Run, copy_dir, qingdan_in, root};
use qingdan::model::{Decision, Item, ReviewFile, Reviewer};

/// A second government-priced item, of another department than the
/// sample's 自来水 item.
const CERTIFICATE: &str = "items/wsjw/出生医学证明补发.yaml";
const CERTIFICATE_ITEM: &str = "name: 出生医学证明补发
kind: public_service
category: health
department: wsjw
targets: [natural_person]
legal_basis:
  - title: 《中华人民共和国母婴保健法》
    article: 第二十三条
guide: false
fee:
  charged: true
  items:
    - {name: 出生医学证明补发工本费, standard: 每份10元, basis: 《关于出生医学证明收费的通知》, pricing: government}
";
/// The certificate's charge in the fee register (fee-not-in-catalog).
const CERTIFICATE_FEE: &str = "- name: 出生医学证明补发工本费
  department: wsjw
  standard: 每份10元
  basis: 《关于出生医学证明收费的通知》
  pricing: government
";
const WATER: &str = "items/zls/居民用户自来水报装.yaml";

/// A copy of the sample catalog with one more government-priced item.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let scratch = Scratch {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(&root().join("catalog"), &scratch.catalog());
        scratch.write(CERTIFICATE, CERTIFICATE_ITEM);
        let fees = scratch.read("registers/fees.yaml").unwrap_or_default() + CERTIFICATE_FEE;
        scratch.write("registers/fees.yaml", &fees);
        scratch
    }
    fn root(&self) -> &Path {
        self.dir.path()
    }
    fn catalog(&self) -> PathBuf {
        self.root().join("catalog")
    }
    fn write(&self, file: &str, text: &str) {
        std::fs::write(self.catalog().join(file), text).unwrap();
    }
    fn read(&self, file: &str) -> Option<String> {
        std::fs::read_to_string(self.catalog().join(file)).ok()
    }
    fn review(&self, file: &str) -> ReviewFile {
        let text = self
            .read(file)
            .unwrap_or_else(|| panic!("{file} was not written"));
        serde_json::from_value(qingdan::yaml::parse(&text).unwrap().unwrap().value).unwrap()
    }
    fn fingerprint(&self, file: &str) -> String {
        qingdan::rounds::fingerprint(&self.item(file))
    }
    fn item(&self, file: &str) -> Item {
        serde_json::from_value(
            qingdan::yaml::parse(&self.read(file).unwrap())
                .unwrap()
                .unwrap()
                .value,
        )
        .unwrap()
    }
    fn run(&self, args: &[&str]) -> Run {
        qingdan_in(self.root(), args)
    }
    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, 0, "{args:?}\n{}", run.transcript());
        run
    }
    /// The path (relative to the root) of the one workbook in `folder` starting with `prefix`.
    fn book(&self, folder: &str, prefix: &str) -> String {
        format!(
            "{folder}/{}",
            books::named(&self.root().join(folder), prefix)
        )
    }
}

/// The government-priced charged items of the catalog, read from the files.
fn government_priced(scratch: &Scratch) -> Vec<String> {
    let source = qingdan::source::FolderSource::new(scratch.catalog());
    let (catalog, _) = qingdan::catalog::Catalog::load(&source).unwrap();
    let mut files: Vec<String> = catalog
        .records()
        .filter(|(_, i)| i.fee.as_ref().is_some_and(|f| f.government_priced()))
        .map(|(l, _)| l.file.clone())
        .collect();
    files.sort();
    files
}

fn files_of(rows: &[Vec<(String, String)>]) -> Vec<String> {
    let mut files: Vec<String> = rows
        .iter()
        .map(|r| books::cell(r, "文件").to_string())
        .collect();
    files.sort();
    files.dedup();
    files
}

#[test]
fn fagaiwei_gets_every_government_priced_item_of_every_department() {
    let scratch = Scratch::new();
    scratch.ok(&[
        "review", "export", "--round", "review-1", "--office", "fagaiwei", "-o", "一审",
    ]);
    let book = scratch.book("一审", "fagaiwei-");
    let rows = books::rows(&scratch.root().join(&book), "意见");
    let expected = government_priced(&scratch);
    assert!(
        expected.len() >= 2
            && expected.contains(&WATER.to_string())
            && expected.contains(&CERTIFICATE.to_string()),
        "{expected:?}"
    );
    assert_eq!(files_of(&rows), expected);
    assert!(
        rows.iter()
            .all(|r| books::cell(r, "审核事由") == "收费标准"),
        "{rows:?}"
    );
    // Its receipts record the office, one per department, with that department's count.
    let zls = scratch.review("reviews/review-1/zls.yaml");
    assert_eq!(zls.receipts.len(), 1);
    assert_eq!(zls.receipts[0].office, Some(Reviewer::office("fagaiwei")));
    assert_eq!(
        (zls.receipts[0].items, zls.receipts[0].workbook.as_str()),
        (1, "fagaiwei-发改委-一审审核.xlsx")
    );
}

#[test]
fn opinions_and_responses_round_trip_through_workbooks() {
    let scratch = Scratch::new();
    // 发改委 gives its opinions in its workbook.
    scratch.ok(&[
        "review", "export", "--round", "review-1", "--office", "fagaiwei", "-o", "一审",
    ]);
    let office_book = scratch.book("一审", "fagaiwei-");
    books::fill(
        scratch.root(),
        &office_book,
        &[
            Edit {
                matching: &[("文件", WATER)],
                set: &[("审核意见", "请附价格主管部门的批复文号"), ("结论", "修改")],
            },
            Edit {
                matching: &[("文件", CERTIFICATE)],
                set: &[("结论", "通过")],
            },
        ],
    );
    let run = scratch.ok(&["review", "import", &office_book]);
    assert!(
        run.stdout.contains("reviews/review-1/zls.yaml")
            && run.stdout.contains("reviews/review-1/wsjw.yaml"),
        "{}",
        run.stdout
    );
    let zls = scratch.review("reviews/review-1/zls.yaml");
    let opinion = &zls.opinions[0];
    assert_eq!(
        (
            opinion.office.id(),
            opinion.decision,
            opinion.opinion.as_str()
        ),
        ("fagaiwei", Decision::Revise, "请附价格主管部门的批复文号")
    );
    assert_eq!(opinion.fingerprint, scratch.fingerprint(WATER));
    assert_eq!(
        opinion.item, "2033039901200016",
        "an item with a code is named by it"
    );
    let wsjw = scratch.review("reviews/review-1/wsjw.yaml");
    assert_eq!(
        (
            wsjw.opinions[0].decision,
            wsjw.opinions[0].opinion.as_str(),
            wsjw.opinions[0].item.as_str()
        ),
        (Decision::Pass, "通过", CERTIFICATE)
    );
    // Importing the same workbook again adds nothing.
    let again = scratch.ok(&["review", "import", &office_book]);
    assert!(
        again.stdout.contains("no new opinion") || again.stdout.contains("没有新的意见"),
        "{}",
        again.stdout
    );
    assert_eq!(
        scratch.review("reviews/review-1/zls.yaml").opinions.len(),
        1
    );

    // The department answers in its feedback workbook; the export receipt
    // is added beside the opinions, which stay as they were.
    let opinions_text = scratch.read("reviews/review-1/zls.yaml").unwrap();
    scratch.ok(&["review", "export", "--round", "review-1", "-o", "一审反馈"]);
    let after_export = scratch.read("reviews/review-1/zls.yaml").unwrap();
    assert!(
        after_export.starts_with(opinions_text.split("receipts:").next().unwrap()),
        "{after_export}"
    );
    let department_book = scratch.book("一审反馈", "zls-");
    let rows = books::rows(&scratch.root().join(&department_book), "意见");
    let water = rows
        .iter()
        .find(|r| books::cell(r, "文件") == WATER && books::cell(r, "审核部门") == "发改委")
        .unwrap();
    assert_eq!(
        (books::cell(water, "结论"), books::cell(water, "意见编号")),
        ("修改", "1")
    );
    books::fill(
        scratch.root(),
        &department_book,
        &[Edit {
            matching: &[("文件", WATER), ("审核部门", "发改委")],
            set: &[("部门答复", "已补充批复文号：瓯发改价〔2016〕12号")],
        }],
    );
    scratch.ok(&["review", "import", &department_book]);
    let zls = scratch.review("reviews/review-1/zls.yaml");
    assert_eq!(
        zls.opinions[0].response.as_deref(),
        Some("已补充批复文号：瓯发改价〔2016〕12号")
    );
    assert_eq!(
        zls.receipts.iter().filter(|r| r.office.is_none()).count(),
        1,
        "the department's own receipt"
    );
    let validate = scratch.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
}

#[test]
fn a_stale_workbook_is_refused_and_accepted_with_force() {
    let scratch = Scratch::new();
    scratch.ok(&[
        "review", "export", "--round", "review-1", "--office", "fagaiwei", "-o", "一审",
    ]);
    let book = scratch.book("一审", "fagaiwei-");
    let exported = scratch.fingerprint(CERTIFICATE);
    books::fill(
        scratch.root(),
        &book,
        &[
            Edit {
                matching: &[("文件", WATER)],
                set: &[("审核意见", "请核实"), ("结论", "修改")],
            },
            Edit {
                matching: &[("文件", CERTIFICATE)],
                set: &[("审核意见", "收费标准偏高"), ("结论", "修改")],
            },
        ],
    );
    scratch.write(
        CERTIFICATE,
        &CERTIFICATE_ITEM.replace("每份10元", "每份8元"),
    );
    let run = scratch.run(&["--lang", "en", "review", "import", &book]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("changed since the")
            && run.stdout.contains("nothing of it was imported"),
        "{}",
        run.stdout
    );
    assert!(
        scratch
            .read("reviews/review-1/wsjw.yaml")
            .is_some_and(|t| !t.contains("opinions")),
        "nothing written"
    );
    assert!(
        scratch
            .read("reviews/review-1/zls.yaml")
            .is_some_and(|t| !t.contains("opinions")),
        "not even the fresh row's file"
    );
    let forced = scratch.ok(&["--lang", "en", "review", "import", "--force", &book]);
    assert!(
        forced.stdout.contains("imported under --force"),
        "{}",
        forced.stdout
    );
    let wsjw = scratch.review("reviews/review-1/wsjw.yaml");
    assert_eq!(
        wsjw.opinions[0].fingerprint, exported,
        "the opinion is on the version the office saw"
    );
    assert_ne!(exported, scratch.fingerprint(CERTIFICATE));
}

#[test]
fn writers_refuse_to_replace_without_force() {
    let scratch = Scratch::new();
    scratch.ok(&["review", "export", "--round", "review-1", "-o", "一审反馈"]);
    let receipts = scratch.review("reviews/review-1/wsjw.yaml").receipts.len();
    let run = scratch.run(&[
        "--lang",
        "en",
        "review",
        "export",
        "--round",
        "review-1",
        "-o",
        "一审反馈",
    ]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("already exists; add --force"),
        "{}",
        run.stderr
    );
    assert_eq!(
        scratch.review("reviews/review-1/wsjw.yaml").receipts.len(),
        receipts,
        "no receipt for a refused export"
    );
    scratch.ok(&[
        "review",
        "export",
        "--round",
        "review-1",
        "-o",
        "一审反馈",
        "--force",
    ]);
    assert_eq!(
        scratch.review("reviews/review-1/wsjw.yaml").receipts.len(),
        receipts,
        "a re-export rewrites the department's receipt"
    );
}

#[test]
fn receipts_do_not_pile_up_over_three_exports() {
    let scratch = Scratch::new();
    for _ in 0..3 {
        for office in [None, Some("fagaiwei"), Some("bianban")] {
            let mut args = vec![
                "review", "export", "--round", "review-1", "-o", "书", "--force",
            ];
            args.extend(office.iter().flat_map(|o| ["--office", *o]));
            scratch.ok(&args);
        }
    }
    // One receipt per department, round and reviewer.
    let wsjw = scratch.review("reviews/review-1/wsjw.yaml");
    let offices: Vec<Option<&str>> = wsjw
        .receipts
        .iter()
        .map(|r| r.office.as_ref().map(|o| o.id()))
        .collect();
    assert_eq!(
        offices,
        [None, Some("fagaiwei"), Some("bianban")],
        "{:?}",
        wsjw.receipts
    );
    for entry in std::fs::read_dir(scratch.catalog().join("reviews/review-1")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let file = scratch.review(&format!("reviews/review-1/{name}"));
        let mut offices: Vec<Option<String>> = file
            .receipts
            .iter()
            .map(|r| r.office.as_ref().map(|o| o.id().to_string()))
            .collect();
        let all = offices.len();
        offices.dedup();
        assert_eq!(offices.len(), all, "{name}: {:?}", file.receipts);
        assert!(all <= 3, "{name}: {:?}", file.receipts);
    }
}

#[test]
fn a_broken_review_file_stops_the_export() {
    let scratch = Scratch::new();
    std::fs::create_dir_all(scratch.catalog().join("reviews/review-1")).unwrap();
    scratch.write("reviews/review-1/zls.yaml", "opinions:\n  - item: items/zls/不存在.yaml\n    office: bianban\n    opinion: x\n    decision: revise\n    fingerprint: \"0123456789ab\"\n");
    let run = scratch.run(&[
        "--lang",
        "en",
        "review",
        "export",
        "--round",
        "review-1",
        "-o",
        "一审反馈",
    ]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("names no item") && run.stderr.contains("Nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!scratch.root().join("一审反馈").exists());
}

/// The messages of an export and of imports with every kind of row
/// problem, whole, in Chinese and English.
#[test]
fn the_messages_in_chinese_and_english() {
    for (lang, name) in [("zh", "review_messages_zh"), ("en", "review_messages_en")] {
        let scratch = Scratch::new();
        let mut transcript = String::new();
        let mut run = |args: &[&str]| {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            transcript.push_str(&format!(
                "$ qingdan {}\n{}\n",
                args.join(" "),
                scratch.run(&all).transcript()
            ));
        };
        run(&[
            "review", "export", "--round", "review-1", "--office", "fagaiwei", "-o", "out",
        ]);
        run(&[
            "review", "export", "--round", "review-1", "--office", "zjj", "-o", "out",
        ]);
        run(&[
            "review", "export", "--round", "review-1", "--office", "nobody", "-o", "out",
        ]);
        let book = scratch.book("out", "fagaiwei-");
        books::fill_in(
            scratch.root(),
            &book,
            lang,
            &[
                Edit {
                    matching: &[("文件", WATER)],
                    set: &[("审核意见", "请核实"), ("结论", "再议")],
                },
                Edit {
                    matching: &[("文件", CERTIFICATE)],
                    set: &[
                        ("审核意见", "收费标准偏高"),
                        ("文件", "items/wsjw/不存在.yaml"),
                    ],
                },
            ],
        );
        run(&["review", "import", &book, "missing.xlsx"]);
        let supervisor = scratch.book("out", "zjj-");
        books::fill_in(
            scratch.root(),
            &supervisor,
            lang,
            &[Edit {
                matching: &[("文件", WATER)],
                set: &[("审核意见", "报装流程请精简")],
            }],
        );
        run(&["review", "import", &supervisor]);
        books::fill_in(
            scratch.root(),
            &supervisor,
            lang,
            &[Edit {
                matching: &[("文件", WATER)],
                set: &[("结论", "修改"), ("部门答复", "（审核部门不写答复）")],
            }],
        );
        run(&["review", "import", &supervisor]);
        std::fs::write(scratch.root().join("out/broken.xlsx"), b"PK\x03\x04 broken").unwrap();
        run(&["review", "import", "out/broken.xlsx"]);
        run(&["template", "-o", "out/item-workbook.xlsx"]);
        run(&["review", "import", "out/item-workbook.xlsx"]);
        insta::assert_snapshot!(name, transcript);
    }
}

/// The items each duty of seed 000 routes to its office, computed from the
/// item files and the register (not through qingdan's routing).
fn expected_routes(catalog: &Path) -> Vec<(&'static str, std::collections::BTreeSet<String>)> {
    use qingdan::model::{DepartmentKind, Departments};
    let parse = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        qingdan::yaml::parse(&text).unwrap().unwrap().value
    };
    let register: Departments =
        serde_json::from_value(parse(&catalog.join("departments.yaml"))).unwrap();
    let kind = |id: &str| register.0.iter().find(|d| d.id == id).map(|d| d.kind);
    let mut routes: Vec<(&str, std::collections::BTreeSet<String>)> =
        ["bianban", "fagaiwei", "caizheng", "guoziwei", "shenguanban"]
            .into_iter()
            .map(|o| (o, Default::default()))
            .collect();
    for path in qingdan::generate::item_files(&catalog.join("items")).unwrap() {
        let item: Item = serde_json::from_value(parse(&path)).unwrap();
        if !item.is_active() {
            continue;
        }
        let file = path
            .strip_prefix(catalog)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let charged = item.fee.as_ref().filter(|f| f.charged);
        let duties = [
            true,
            charged.is_some_and(|f| f.government_priced()),
            charged.is_some(),
            kind(&item.department) == Some(DepartmentKind::StateOwnedEnterprise),
            kind(&item.department) == Some(DepartmentKind::Intermediary)
                || !item.intermediaries.is_empty(),
        ];
        for ((_, items), routed) in routes.iter_mut().zip(duties) {
            if routed {
                items.insert(file.clone());
            }
        }
    }
    routes
}

#[test]
fn every_office_gets_exactly_its_duty_s_items_on_the_sample_and_a_generated_catalog() {
    let generated = tempfile::tempdir().unwrap();
    qingdan::generate::write_catalog(&generated.path().join("catalog"), 120, 8, 21).unwrap();
    let sample = Scratch::new();
    for root in [sample.root(), generated.path()] {
        let catalog = root.join("catalog");
        let expected = expected_routes(&catalog);
        assert!(
            expected[0].1.len() > expected[2].1.len(),
            "{}: 编办 sees more than 财政局",
            root.display()
        );
        for (office, items) in expected {
            let run = qingdan_in(
                root,
                &[
                    "review", "export", "--round", "review-1", "--office", office, "-o", "书",
                ],
            );
            assert_eq!(run.code, 0, "{}", run.transcript());
            let book = root
                .join("书")
                .join(books::named(&root.join("书"), &format!("{office}-")));
            let rows = books::rows(&book, "意见");
            let routed: std::collections::BTreeSet<String> = rows
                .iter()
                .map(|r| books::cell(r, "文件").to_string())
                .collect();
            assert_eq!(routed, items, "{office} in {}", root.display());
            // Each row says why the item is there.
            let reason = match office {
                "bianban" => "全部事项审核",
                "fagaiwei" => "收费标准",
                "caizheng" => "收费依据",
                "guoziwei" => "国有企业指导督促",
                _ => "中介服务",
            };
            for row in &rows {
                assert_eq!(books::cell(row, "审核事由"), reason, "{office}: {row:?}");
            }
        }
    }
}

/// An item resting on a basis without its article (legal-basis-format, so
/// 法制办 reviews it) and on one the laws register knows.
const NORMATIVE: &str = "items/wsjw/母婴保健技术服务执业许可咨询.yaml";
const NORMATIVE_ITEM: &str = "name: 母婴保健技术服务执业许可咨询
kind: public_service
category: health
department: wsjw
targets: [legal_person]
legal_basis:
  - title: 《中华人民共和国母婴保健法》
  - title: 《不动产登记暂行条例》
    article: 第二十条
guide: false
";

/// A sheet of a workbook in `scratch` as openpyxl reads it.
fn inspect(scratch: &Scratch, book: &str, sheet: &str) -> serde_json::Value {
    books::inspect(&scratch.root().join(book), sheet)
}

fn headers(sheet: &serde_json::Value) -> Vec<String> {
    sheet["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap_or_default().to_string())
        .collect()
}

/// The row whose cell under `header` is `value`.
fn row_where<'a>(sheet: &'a serde_json::Value, header: &str, value: &str) -> &'a serde_json::Value {
    sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| value_of(r, header) == value)
        .unwrap_or_else(|| panic!("no row with {header} = {value}"))
}

fn cell_of<'a>(row: &'a serde_json::Value, header: &str) -> &'a serde_json::Value {
    row["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["header"] == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

fn value_of<'a>(row: &'a serde_json::Value, header: &str) -> &'a str {
    cell_of(row, header)["value"].as_str().unwrap()
}

#[test]
fn each_office_sees_the_content_its_duty_reviews() {
    use qingdan::model::Labelled;
    use qingdan::review::columns::CONTENT_COLUMNS;
    let scratch = Scratch::new();
    scratch.write(NORMATIVE, NORMATIVE_ITEM);
    for office in ["bianban", "caizheng", "fazhi"] {
        scratch.ok(&[
            "review", "export", "--round", "review-1", "--office", office, "-o", "一审",
        ]);
    }
    scratch.ok(&["review", "export", "--round", "review-1", "-o", "反馈"]);
    let all: Vec<String> = CONTENT_COLUMNS.iter().map(|c| c.zh.to_string()).collect();
    assert!(all.len() >= 45, "{all:?}");

    // 编办: every element of every item; so does a department's own workbook.
    let bianban = inspect(&scratch, &scratch.book("一审", "bianban-"), "意见");
    let wsjw = inspect(&scratch, &scratch.book("反馈", "wsjw-"), "意见");
    for sheet in [&bianban, &wsjw] {
        let shown = headers(sheet);
        for header in &all {
            assert!(shown.contains(header), "{header} missing from {shown:?}");
        }
    }
    let water = scratch.item(WATER);
    let row = row_where(&bianban, "文件", WATER);
    assert_eq!(
        value_of(row, "事项类型"),
        water.kind.zh(),
        "enumerations by their Chinese label"
    );
    assert_eq!(
        value_of(row, "申请条件"),
        water.conditions.join("\n"),
        "a line per condition"
    );

    // 财政局: the fee and every charge, nothing else of the item.
    let caizheng = inspect(&scratch, &scratch.book("一审", "caizheng-"), "意见");
    let shown = headers(&caizheng);
    for header in [
        "是否收费",
        "收费标准",
        "收费依据",
        "政府定价",
        "收费项目明细",
    ] {
        assert!(shown.contains(&header.to_string()), "{header}: {shown:?}");
    }
    for header in ["申请条件", "实施依据", "事项类型"] {
        assert!(!shown.contains(&header.to_string()), "{header}: {shown:?}");
    }
    for file in [WATER, CERTIFICATE] {
        let item = scratch.item(file);
        let charges = value_of(row_where(&caizheng, "文件", file), "收费项目明细");
        let fee = item.fee.as_ref().unwrap();
        assert!(!fee.items.is_empty());
        for (i, charge) in fee.items.iter().enumerate() {
            let standard = charge.standard.as_deref().unwrap();
            let basis = charge.basis.as_deref().unwrap();
            let pricing = charge.pricing.unwrap().zh();
            for line in [
                format!("{}. {}", i + 1, charge.name),
                format!("收费标准：{standard}"),
                format!("收费依据：{basis}"),
                format!("定价方式：{pricing}"),
            ] {
                assert!(charges.lines().any(|l| l == line), "{line} in {charges}");
            }
        }
    }

    // 法制办: the bases, each with its level from the laws register.
    let fazhi_book = scratch.book("一审", "fazhi-");
    let fazhi = inspect(&scratch, &fazhi_book, "意见");
    assert!(headers(&fazhi).contains(&"实施依据".to_string()));
    assert!(!headers(&fazhi).contains(&"收费标准".to_string()));
    assert_eq!(
        value_of(row_where(&fazhi, "文件", NORMATIVE), "实施依据"),
        "《中华人民共和国母婴保健法》（法律）\n《不动产登记暂行条例》第二十条（行政法规）"
    );
    // Its findings are placed by Chinese field names.
    let findings = inspect(&scratch, &fazhi_book, "问题");
    let places: Vec<&str> = findings["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| value_of(r, "文件") == NORMATIVE)
        .map(|r| value_of(r, "位置"))
        .collect();
    assert!(
        places
            .iter()
            .any(|p| p.starts_with("实施依据第1项·条款（第") && p.ends_with("行）")),
        "{places:?}"
    );
    assert!(
        places.iter().all(|p| !p.contains("legal_basis")),
        "{places:?}"
    );

    // 申请材料 and 办理流程: each material and step under its item.
    let materials = inspect(&scratch, &scratch.book("一审", "bianban-"), "申请材料");
    let steps = inspect(&scratch, &scratch.book("一审", "bianban-"), "办理流程");
    assert_eq!(
        &headers(&materials)[..3],
        ["事项编码", "事项名称", "材料名称"]
    );
    let of_water = |sheet: &serde_json::Value, header: &str| -> Vec<String> {
        sheet["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| value_of(r, "事项名称") == water.name)
            .map(|r| value_of(r, header).to_string())
            .collect()
    };
    let names: Vec<String> = water.materials.iter().map(|m| m.name.clone()).collect();
    assert_eq!(of_water(&materials, "材料名称"), names);
    let steps_of: Vec<String> = water.process.iter().map(|s| s.name.clone()).collect();
    assert!(!steps_of.is_empty());
    assert_eq!(of_water(&steps, "环节名称"), steps_of);
}

#[test]
fn given_cells_are_protected_and_only_the_audience_writes() {
    let scratch = Scratch::new();
    scratch.ok(&[
        "review", "export", "--round", "review-1", "--office", "caizheng", "-o", "一审",
    ]);
    scratch.ok(&["review", "export", "--round", "review-1", "-o", "反馈"]);
    let office_book = scratch.book("一审", "caizheng-");
    let office = inspect(&scratch, &office_book, "意见");
    assert_eq!(office["protected"], true);
    let department = inspect(&scratch, &scratch.book("反馈", "zls-"), "意见");
    assert_eq!(department["protected"], true);
    for (sheet, writable) in [
        (&office, &["字段", "审核意见", "结论", "已办结"][..]),
        (&department, &["部门答复"][..]),
    ] {
        let rows = sheet["rows"].as_array().unwrap();
        assert!(!rows.is_empty());
        for row in rows {
            for cell in row["cells"].as_array().unwrap() {
                let header = cell["header"].as_str().unwrap();
                let open = writable.contains(&header);
                assert_eq!(cell["locked"], !open, "{header} in {row}");
            }
        }
    }
    for sheet in ["汇总", "问题", "申请材料", "办理流程"] {
        assert_eq!(
            inspect(&scratch, &office_book, sheet)["protected"],
            true,
            "{sheet}"
        );
    }
    // Rows are as tall as their longest text: the charges wrap over lines.
    let row = row_where(&office, "文件", WATER);
    let charges = value_of(row, "收费项目明细");
    let lines = charges.lines().count();
    assert!(lines >= 4, "{charges}");
    let height = row["height"].as_f64().expect("a row height is set");
    assert!(height >= lines as f64 * 15.0, "{height} for {lines} lines");
}

#[test]
fn an_opinion_names_a_field_and_comes_back_on_import() {
    let scratch = Scratch::new();
    scratch.ok(&[
        "review", "export", "--round", "review-1", "--office", "caizheng", "-o", "一审",
    ]);
    let book = scratch.book("一审", "caizheng-");
    books::fill(
        scratch.root(),
        &book,
        &[
            Edit {
                matching: &[("文件", WATER)],
                set: &[
                    ("字段", "收费·收费标准"),
                    ("审核意见", "请写明DN25及以上水表的收费"),
                    ("结论", "修改"),
                ],
            },
            Edit {
                matching: &[("文件", CERTIFICATE)],
                set: &[("字段", "收费高低"), ("结论", "通过")],
            },
        ],
    );
    // A field that is none of the item's: the cell is named, nothing written.
    let sheet = inspect(&scratch, &book, "意见");
    let column = headers(&sheet).iter().position(|h| h == "字段").unwrap();
    let row = 2 + sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| value_of(r, "文件") == CERTIFICATE)
        .unwrap();
    let cell = format!("意见!{}{row}", (b'A' + column as u8) as char);
    for (lang, words) in [
        ("zh", "「字段」中的「收费高低」不是事项的字段"),
        ("en", "`收费高低` under Field is not a field of an item"),
    ] {
        let run = scratch.run(&["--lang", lang, "review", "import", &book]);
        assert_ne!(run.code, 0);
        let report = run.transcript();
        assert!(
            report.contains(&format!("{cell}: {words}")),
            "{lang}: {cell}\n{report}"
        );
    }
    assert!(
        scratch
            .read("reviews/review-1/zls.yaml")
            .is_none_or(|t| !t.contains("opinions"))
    );
    books::fill(
        scratch.root(),
        &book,
        &[Edit {
            matching: &[("文件", CERTIFICATE)],
            set: &[("字段", "fee.items")],
        }],
    );
    scratch.ok(&["review", "import", &book]);
    let zls = scratch.review("reviews/review-1/zls.yaml");
    assert_eq!(zls.opinions[0].field.as_deref(), Some("fee.standard"));
    let wsjw = scratch.review("reviews/review-1/wsjw.yaml");
    assert_eq!(wsjw.opinions[0].field.as_deref(), Some("fee.items"));
    assert!(
        scratch
            .read("reviews/review-1/zls.yaml")
            .unwrap()
            .contains("field: fee.standard"),
        "written as its path"
    );
    // The department's workbook shows the field by its label, in either language.
    scratch.ok(&["review", "export", "--round", "review-1", "-o", "反馈"]);
    scratch.ok(&[
        "--lang", "en", "review", "export", "--round", "review-1", "-o", "feedback",
    ]);
    let feedback = scratch.book("反馈", "zls-");
    let zh = inspect(&scratch, &feedback, "意见");
    assert_eq!(
        value_of(row_where(&zh, "文件", WATER), "字段"),
        "收费·收费标准"
    );
    // The department answers; the field it was shown is no change of its own.
    books::fill(
        scratch.root(),
        &feedback,
        &[Edit {
            matching: &[("文件", WATER)],
            set: &[("部门答复", "已补充DN25及以上水表的收费")],
        }],
    );
    let run = scratch.ok(&["review", "import", &feedback]);
    assert!(
        !run.transcript().contains("部门反馈工作簿只导入"),
        "{}",
        run.transcript()
    );
    let zls = scratch.review("reviews/review-1/zls.yaml");
    assert_eq!(zls.opinions[0].field.as_deref(), Some("fee.standard"));
    assert_eq!(zls.opinions[0].answer(), Some("已补充DN25及以上水表的收费"));
    let en = inspect(&scratch, &scratch.book("feedback", "zls-"), "Opinions");
    assert_eq!(
        value_of(row_where(&en, "File", WATER), "Field"),
        "Fee · fee standard"
    );
}
