//! Fuzzing on the stable toolchain (issue 17).
//!
//! - property tests (`proptest`): a record written as YAML reads back as the
//!   same value;
//! - a seeded random-input harness: `arbitrary`-driven structured item files
//!   and byte mutations of real fixture files through the catalog loader and
//!   every rule; byte mutations of an item workbook and a csv file through
//!   `import`'s readers and of a workbook through `review import`'s.
//!
//! Each harness runs `QINGDAN_FUZZ_CASES` cases (default 300, a few seconds)
//! from seed `QINGDAN_FUZZ_SEED` (default 17); a longer run:
//! `QINGDAN_FUZZ_CASES=20000 cargo test --release --test fuzz`. A panic
//! names its seed and case, and becomes a regression test below.

use arbitrary::{Arbitrary, Unstructured};
use proptest::prelude::*;
use qingdan::catalog::Catalog;
use qingdan::i18n::Lang;
use qingdan::sheets::import::Workbook;
use qingdan::source::{MemorySource, Source};

fn cases() -> u64 {
    std::env::var("QINGDAN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

fn seed() -> u64 {
    std::env::var("QINGDAN_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(17)
}

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Byte mutations: flips, inserts, deletes, splices of YAML-ish tokens.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    const TOKENS: &[&[u8]] = &[
        b"\n",
        b": ",
        b"- ",
        b"[",
        b"]",
        b"{",
        b"}",
        b"&a ",
        b"*a",
        b"!!binary ",
        b"\"",
        b"'",
        b"\t",
        b"#",
        b"|\n",
        b">-\n",
        b"---\n",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\0",
        "名".as_bytes(),
        b"99999999999999999999",
        b"~",
        b"? ",
        b"<<: *a\n",
        b"\x1b[2J",
    ];
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            2 if !out.is_empty() => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 => {
                let n = rng.below(8);
                let junk = rng.bytes(n);
                out.splice(at..at, junk);
            }
            _ if !out.is_empty() => {
                // Duplicate a slice (repeats keys, lines, zip entries).
                let from = rng.below(out.len());
                let end = (from + rng.below(64)).min(out.len());
                let piece = out[from..end].to_vec();
                out.splice(at..at, piece);
            }
            _ => {}
        }
    }
    out
}

const CONFIG: &str = "region: {code: \"330399\", name: 瓯江市}\n";
const REGISTER: &str = "\
- {id: wsjw, code: \"001\", name: 瓯江市卫生健康委员会, credit_code: 11330300MB0126903T, kind: government_department}
";

fn source_with(files: &[(&str, Vec<u8>)]) -> MemorySource {
    let mut source = MemorySource::new();
    source.insert("catalog.yaml", CONFIG);
    source.insert("departments.yaml", REGISTER);
    for (path, bytes) in files {
        source.insert_bytes(path, bytes.clone());
    }
    source
}

/// Loads and validates; renders every finding in both languages and every
/// format. Nothing may panic.
fn exercise(source: &MemorySource) {
    if let Ok((_, report)) = qingdan::validate::validate(source, &[]) {
        let text_of = |file: &str| source.read_text(file).ok();
        for lang in [Lang::Zh, Lang::En] {
            let style = qingdan::render::Style {
                lang,
                ..Default::default()
            };
            let _ = qingdan::render::human::render(
                &report.findings,
                Some(&report.summary),
                style,
                &text_of,
            );
            let _ = qingdan::render::json::render(&report.findings, &report.summary, lang);
            let _ = qingdan::render::sarif::render(&report.findings, "catalog", lang);
        }
    }
}

/// A structured item file, made from arbitrary bytes.
#[derive(Debug, Arbitrary)]
struct FuzzItem {
    name: String,
    kind: u8,
    targets: Vec<String>,
    materials: Vec<(String, u8, Option<u16>)>,
    visits: Option<i64>,
    extra: Vec<(String, String)>,
    flow: bool,
}

impl FuzzItem {
    fn yaml(&self) -> String {
        let kinds = ["public_service", "administrative_license", "other", ""];
        let quote = |s: &str| serde_json::to_string(s).unwrap();
        let mut out = format!(
            "name: {}\nkind: {}\ncategory: health\ndepartment: wsjw\n",
            quote(&self.name),
            kinds[self.kind as usize % kinds.len()]
        );
        let targets: Vec<String> = self.targets.iter().map(|t| quote(t)).collect();
        if self.flow {
            out.push_str(&format!("targets: [{}]\n", targets.join(", ")));
        } else {
            out.push_str("targets:\n");
            for t in &targets {
                out.push_str(&format!("  - {t}\n"));
            }
        }
        out.push_str("legal_basis:\n  - title: 《条例》\n    article: 第一条\n");
        if !self.materials.is_empty() {
            out.push_str("materials:\n");
            for (name, form, copies) in &self.materials {
                let forms = ["original", "copy", "bad"];
                out.push_str(&format!(
                    "  - name: {}\n    form: {}\n",
                    quote(name),
                    forms[*form as usize % 3]
                ));
                if let Some(c) = copies {
                    out.push_str(&format!("    copies: {c}\n"));
                }
            }
        }
        if let Some(v) = self.visits {
            out.push_str(&format!("visits: {v}\n"));
        }
        for (k, v) in &self.extra {
            out.push_str(&format!("{}: {}\n", quote(k), quote(v)));
        }
        out
    }
}

#[test]
fn structured_items_through_the_loader() {
    let mut rng = Rng::new(seed());
    for case in 0..cases() {
        let n = 64 + rng.below(512);
        let raw = rng.bytes(n);
        let Ok(item) = FuzzItem::arbitrary(&mut Unstructured::new(&raw)) else {
            continue;
        };
        let text = item.yaml();
        let result = std::panic::catch_unwind(|| {
            exercise(&source_with(&[(
                "items/wsjw/a.yaml",
                text.clone().into_bytes(),
            )]))
        });
        assert!(result.is_ok(), "seed {} case {case}: {text:?}", seed());
    }
}

/// Some real item files, a register and a ledger, as the mutations' seeds.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    for dir in ["invalid/items/wsjw", "invalid/items/mzj", "valid/items"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().is_file() {
                files.push((
                    "items/wsjw/a.yaml".to_string(),
                    std::fs::read(entry.path()).unwrap(),
                ));
            }
        }
    }
    files.push((
        "departments.yaml".to_string(),
        std::fs::read(root.join("invalid/departments.yaml")).unwrap(),
    ));
    files.push(("catalog.yaml".to_string(), CONFIG.as_bytes().to_vec()));
    files
}

#[test]
fn mutated_fixtures_through_the_loader() {
    let corpus = corpus();
    assert!(corpus.len() > 3);
    let mut rng = Rng::new(seed() ^ 1);
    for case in 0..cases() {
        let (path, seed_bytes) = &corpus[rng.below(corpus.len())];
        let bytes = mutate(&mut rng, seed_bytes);
        let result = std::panic::catch_unwind(|| {
            let mut source = source_with(&[]);
            source.insert_bytes(path, bytes.clone());
            exercise(&source);
            let _ = Catalog::load(&source);
        });
        assert!(
            result.is_ok(),
            "seed {} case {case}: {path} {:?}",
            seed(),
            String::from_utf8_lossy(&bytes)
        );
    }
}

fn template_bytes() -> Vec<u8> {
    let departments = qingdan::catalog::load_register(&source_with(&[]))
        .unwrap()
        .0;
    qingdan::sheets::template::workbook(&departments, Lang::Zh, &[]).unwrap()
}

#[test]
fn mutated_workbooks_and_csv_through_the_readers() {
    let source = source_with(&[]);
    let (catalog, _) = Catalog::load(&source).unwrap();
    let csv = "序号,事项名称,事项类型,服务类别,实施主体,服务对象,实施依据\n\
               1,生育登记,public_service,health,wsjw,natural_person,《条例》第一条\n"
        .as_bytes()
        .to_vec();
    let xlsx = template_bytes();
    let mut rng = Rng::new(seed() ^ 2);
    for case in 0..cases() {
        let (label, base) = if rng.below(2) == 0 {
            ("a.csv", &csv)
        } else {
            ("a.xlsx", &xlsx)
        };
        // Workbooks are zips: mutate the bytes, or rarely keep them whole
        // so a valid archive with odd content still comes through.
        let bytes = mutate(&mut rng, base);
        let result = std::panic::catch_unwind(|| {
            let workbook = Workbook {
                label: label.to_string(),
                bytes: bytes.clone(),
            };
            let plan = qingdan::sheets::import::plan(&catalog, &source, vec![workbook], false);
            let _ = qingdan::sheets::import::validate_plan(&source, &plan);
            let review = Workbook {
                label: label.to_string(),
                bytes: bytes.clone(),
            };
            let _ = qingdan::review::import::plan(&catalog, &source, review, false);
        });
        assert!(result.is_ok(), "seed {} case {case}: {label}", seed());
    }
}

/// A JSON value the item writer may meet: texts (any characters), numbers,
/// booleans, lists and mappings, a few levels deep.
fn value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        any::<String>().prop_map(Value::String),
        "[ -~]{0,12}".prop_map(Value::String),
        any::<bool>().prop_map(Value::Bool),
        any::<u32>().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 1..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases() as u32,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn written_yaml_reads_back_the_same(
        fields in prop::collection::btree_map("[a-z_]{1,10}", value(), 1..6)
    ) {
        let value = serde_json::Value::Object(fields.into_iter().collect());
        let text = qingdan::yaml::write::item_value_text(&value);
        let doc = qingdan::yaml::parse(&text)
            .unwrap_or_else(|e| panic!("{e:?} reading back:\n{text}"))
            .expect("a document");
        prop_assert_eq!(doc.value, value, "{}", text);
    }
}
