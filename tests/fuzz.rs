//! Fuzzing on the stable toolchain (issue 17).
//!
//! - property tests (`proptest`): a record written as YAML reads back as the
//!   same value;
//! - a seeded random-input harness: `arbitrary`-driven structured item files
//!   and byte mutations of real fixture files through the catalog loader and
//!   every rule; byte mutations of an item workbook and a csv file through
//!   `import`'s readers and of a workbook through `review import`'s;
//! - real review workbooks (`review export` of the sample catalog, made by
//!   the binary in the test) with cells changed through their XML, XML
//!   parts mutated inside a valid archive, or the archive's bytes mutated,
//!   through `review import`: no panic, every finding names the workbook
//!   and a sheet and cell, or is one of the workbook-level reasons.
//!
//! Each harness runs `QINGDAN_FUZZ_CASES` cases (default 300, a few seconds)
//! from seed `QINGDAN_FUZZ_SEED` (default 17); a longer run:
//! `QINGDAN_FUZZ_CASES=20000 cargo test --release --test fuzz`. A panic
//! names its seed and case, and becomes a regression test below.

mod common;

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

/// Real review workbooks: `review export` of a copy of the sample catalog
/// by the binary, for an office (发改委) and for every department. The
/// scratch folder holds the catalog (`catalog/`) they were made from.
fn review_workbooks() -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(&root.join("catalog"), &dir.path().join("catalog"));
    let mut books = Vec::new();
    for (out, office) in [("office", Some("fagaiwei")), ("departments", None)] {
        let mut args = vec!["review", "export", "--round", "review-1", "-o", out];
        args.extend(office.map(|o| ["--office", o]).into_iter().flatten());
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_qingdan"))
            .args(&args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(run.status.success(), "{args:?}: {run:?}");
        let mut names: Vec<_> = std::fs::read_dir(dir.path().join(out))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for path in names {
            let label = path.file_name().unwrap().to_string_lossy().to_string();
            books.push((label, std::fs::read(&path).unwrap()));
        }
    }
    (dir, books)
}

/// The entries of a zip archive, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().to_string(), data)
        })
        .collect()
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// What a clerk (or an attacker) may type into a cell.
const CELL_VALUES: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "99999999999999999999",
    "1e308",
    "NaN",
    "2027-02-30",
    "同意",
    "不同意",
    "修改后同意",
    "已修改",
    "不予修改",
    "review-1",
    "review-9",
    "report-1",
    "fagaiwei",
    "sfj",
    "mzj",
    "nobody",
    "items/../../etc/passwd",
    "items/mzj/最低生活保障对象认定.yaml",
    "=SUM(A1:A3)",
    "\u{1b}]8;;http://evil.example\u{7}点我\u{1b}[2J\u{202e}",
    "第一行\n第二行\r\n",
    "&lt;script&gt;",
    "#",
    "- [a, b]",
    "{x: 1}",
    "名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名",
];

/// Replaces the text of one cell (a `<t>` or `<v>` element) of a sheet
/// or the shared strings with `value`, escaped for XML.
fn replace_cell_text(rng: &mut Rng, xml: &[u8], value: &str) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(xml).ok()?;
    let mut spots = Vec::new();
    for (open, close) in [
        ("<t>", "</t>"),
        ("<t xml:space=\"preserve\">", "</t>"),
        ("<v>", "</v>"),
    ] {
        let mut from = 0;
        while let Some(at) = text[from..].find(open) {
            let start = from + at + open.len();
            let Some(len) = text[start..].find(close) else {
                break;
            };
            spots.push((start, start + len));
            from = start + len;
        }
    }
    if spots.is_empty() {
        return None;
    }
    let (start, end) = spots[rng.below(spots.len())];
    let escaped = value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    // XML 1.0 cannot hold most C0 characters even escaped: written as the
    // numeric reference a careless writer would produce.
    let escaped: String = escaped
        .chars()
        .map(|c| match c {
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' => {
                format!("&#{};", c as u32)
            }
            c => c.to_string(),
        })
        .collect();
    Some([&xml[..start], escaped.as_bytes(), &xml[end..]].concat())
}

/// One mutation of a real workbook (review, item or register): cells changed through its XML
/// (the archive still valid), an XML part's bytes mutated inside a valid
/// archive, or the archive's own bytes mutated.
fn mutate_workbook(rng: &mut Rng, book: &[u8]) -> Vec<u8> {
    let mut entries = unzip(book);
    let parts: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, (name, _))| {
            name.ends_with("sharedStrings.xml") || name.contains("worksheets/sheet")
        })
        .map(|(i, _)| i)
        .collect();
    match rng.below(4) {
        0 | 1 => {
            for _ in 0..1 + rng.below(6) {
                let part = parts[rng.below(parts.len())];
                let value = CELL_VALUES[rng.below(CELL_VALUES.len())];
                if let Some(xml) = replace_cell_text(rng, &entries[part].1, value) {
                    entries[part].1 = xml;
                }
            }
            rezip(&entries)
        }
        2 => {
            let part = parts[rng.below(parts.len())];
            entries[part].1 = mutate(rng, &entries[part].1);
            rezip(&entries)
        }
        _ => mutate(rng, book),
    }
}

/// What `run` returns for a mutated workbook; when it panics, the workbook
/// is kept in the temporary folder to reproduce the case, and the test fails
/// naming seed, case and file.
fn without_panic<T>(case: u64, label: &str, bytes: &[u8], run: impl FnOnce() -> T) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(value) => value,
        Err(_) => {
            let kept = std::env::temp_dir().join(format!("qingdan-fuzz-{}-{case}.xlsx", seed()));
            let _ = std::fs::write(&kept, bytes);
            panic!(
                "seed {} case {case}: {label} panicked (kept as {})",
                seed(),
                kept.display()
            );
        }
    }
}

/// `A12`: column letters, then a row number from 1.
fn is_cell(text: &str) -> bool {
    let digits = text.trim_start_matches(|c: char| c.is_ascii_uppercase());
    digits.len() < text.len()
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// The findings of a review import that belong to the workbook as a whole
/// (it cannot be read, or is no review workbook): every other finding —
/// a round or audience there is not included — names its sheet and cell.
const WORKBOOK_FINDINGS: &[&str] = &[
    "import.unreadable_file",
    "import.unreadable_workbook",
    "import.workbook_unpacks_too_large",
    "import.xls_workbook",
    "review.no_opinions_sheet",
    "review.not_a_workbook",
];

#[test]
fn mutated_real_review_workbooks_through_review_import() {
    let (dir, books) = review_workbooks();
    let source = qingdan::source::FolderSource::new(dir.path().join("catalog"));
    let (catalog, _) = Catalog::load(&source).unwrap();
    // The workbooks as exported import cleanly: the mutations start from
    // something review import accepts.
    for (label, bytes) in &books {
        let workbook = Workbook {
            label: label.clone(),
            bytes: bytes.clone(),
        };
        let plan = qingdan::review::import::plan(&catalog, &source, workbook, false);
        assert!(!plan.has_errors(), "{label}: {:?}", plan.findings);
    }
    let mut rng = Rng::new(seed() ^ 3);
    let mut rejected = 0;
    for case in 0..cases() {
        let (label, book) = &books[rng.below(books.len())];
        let bytes = mutate_workbook(&mut rng, book);
        let force = rng.below(4) == 0;
        let plan = without_panic(case, label, &bytes, || {
            let workbook = Workbook {
                label: label.clone(),
                bytes: bytes.clone(),
            };
            qingdan::review::import::plan(&catalog, &source, workbook, force)
        });
        rejected += usize::from(plan.has_errors());
        for finding in &plan.findings {
            assert_eq!(finding.file.as_deref(), Some(label.as_str()), "{finding:?}");
            // Every message renders in both languages.
            for lang in [Lang::Zh, Lang::En] {
                assert!(!qingdan::texts::text(lang, &finding.message).is_empty());
            }
            match &finding.path {
                Some(path) => {
                    let (sheet, cell) = path.rsplit_once('!').unwrap_or(("", path));
                    assert!(
                        !sheet.is_empty() && is_cell(cell),
                        "seed {} case {case}: {path} names no sheet and cell",
                        seed()
                    );
                }
                None => assert!(
                    WORKBOOK_FINDINGS.contains(&finding.message.key),
                    "seed {} case {case}: {finding:?} names no cell",
                    seed()
                ),
            }
        }
        if plan.has_errors() {
            assert!(plan.files.is_empty(), "all or nothing");
        }
    }
    // The mutations reach past the archive: some workbooks are refused.
    assert!(rejected > 0 || cases() < 20, "no mutation was refused");
    println!("{} review workbook cases, {rejected} refused", cases());
}

/// Seed 17, case 4674 (10,000 cases): a sheet whose `<dimension>` ends
/// above where it starts made calamine overflow (a panic in a debug build).
/// It is an unreadable workbook, named.
#[test]
fn a_review_workbook_with_a_reversed_dimension_is_unreadable_not_a_panic() {
    let (dir, books) = review_workbooks();
    let source = qingdan::source::FolderSource::new(dir.path().join("catalog"));
    let (catalog, _) = Catalog::load(&source).unwrap();
    let (label, book) = &books[0];
    let mut entries = unzip(book);
    for (name, data) in &mut entries {
        if name.contains("worksheets/sheet") {
            let text = String::from_utf8(data.clone()).unwrap();
            let start = text.find("<dimension ref=\"").unwrap() + "<dimension ref=\"".len();
            let end = start + text[start..].find('"').unwrap();
            *data = format!("{}A5:M4{}", &text[..start], &text[end..]).into_bytes();
        }
    }
    let workbook = Workbook {
        label: label.clone(),
        bytes: rezip(&entries),
    };
    let plan = qingdan::review::import::plan(&catalog, &source, workbook, false);
    assert!(plan.files.is_empty());
    assert_eq!(plan.findings.len(), 1, "{:?}", plan.findings);
    assert_eq!(plan.findings[0].message.key, "import.unreadable_file");
    assert_eq!(plan.findings[0].file.as_deref(), Some(label.as_str()));
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

    /// `import --force` edits item files as text: setting or removing one
    /// entry reads back as the record wanted and leaves every other entry's
    /// lines — their comments included — as they were.
    #[test]
    fn a_text_edit_changes_only_its_target(
        fields in prop::collection::btree_map("[a-z]{1,8}", value(), 2..6),
        commented in prop::collection::vec(any::<bool>(), 6),
        new_value in value(),
        pick in any::<prop::sample::Index>(),
        remove in any::<bool>(),
    ) {
        let value = serde_json::Value::Object(fields.clone().into_iter().collect());
        let text = with_comments(&qingdan::yaml::write::item_value_text(&value), &commented);
        let read = qingdan::yaml::parse(&text).ok().flatten().map(|d| d.value);
        prop_assume!(read.as_ref() == Some(&value));
        let key = fields.keys().nth(pick.index(fields.len())).unwrap().clone();
        let mut expected = fields.clone();
        let change = if remove {
            expected.remove(&key);
            None
        } else {
            expected.insert(key.clone(), new_value.clone());
            Some(new_value)
        };
        let expected = serde_json::Value::Object(expected.into_iter().collect());
        let edited = qingdan::sheets::merge::apply(&text, &[(key.clone(), change)], &expected);
        let doc = qingdan::yaml::parse(&edited)
            .unwrap_or_else(|e| panic!("{e:?} reading back:\n{edited}"))
            .expect("a document");
        prop_assert_eq!(&doc.value, &expected, "{}\n-- from --\n{}", edited, text);
        for (other, block) in top_level_blocks(&text) {
            if other != key {
                prop_assert!(edited.contains(&block), "{other} changed:\n{edited}\n-- from --\n{text}");
            }
        }
    }
}

/// The text with a comment after each top-level line whose flag is set.
fn with_comments(text: &str, commented: &[bool]) -> String {
    let mut n = 0;
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line);
        let top = !line.starts_with([' ', '-', '#']) && line.contains(':');
        if top {
            if commented[n % commented.len()] {
                out.push_str(&format!("  # 注释{n}"));
            }
            n += 1;
        }
        out.push('\n');
    }
    out
}

/// Each top-level entry's key and its lines (the key line and what is
/// indented below it).
fn top_level_blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let top = !line.starts_with([' ', '-', '#']) && !line.is_empty();
        if top {
            let key = line.split(':').next().unwrap_or_default();
            let key = key.trim_matches(['"', '\'']).to_string();
            blocks.push((key, String::new()));
        }
        if let Some((_, block)) = blocks.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
}

/// Real item and register workbooks: `template` of the sample catalog by
/// the binary (a department's items, the laws register, the intermediary
/// services with their agencies). The scratch folder holds the catalog.
fn item_and_register_workbooks() -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(&root.join("catalog"), &dir.path().join("catalog"));
    let mut books = Vec::new();
    for (out, what) in [
        ("mzj.xlsx", &["--department", "mzj"][..]),
        ("laws.xlsx", &["--register", "laws"][..]),
        ("services.xlsx", &["--intermediaries"][..]),
    ] {
        let args = [&["-C", "catalog", "template", "-o", out][..], what].concat();
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_qingdan"))
            .args(&args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(run.status.success(), "{args:?}: {run:?}");
        books.push((
            out.to_string(),
            std::fs::read(dir.path().join(out)).unwrap(),
        ));
    }
    (dir, books)
}

/// The workbook with every sheet's `<dimension>` reversed (`A5:M4`).
fn reversed_dimensions(book: &[u8]) -> Vec<u8> {
    let mut entries = unzip(book);
    for (name, data) in &mut entries {
        if name.contains("worksheets/sheet") {
            let text = String::from_utf8(data.clone()).unwrap();
            let text = match text.find("<dimension ref=\"") {
                Some(at) => {
                    let start = at + "<dimension ref=\"".len();
                    let end = start + text[start..].find('"').unwrap();
                    format!("{}A5:M4{}", &text[..start], &text[end..])
                }
                None => text.replacen("<sheetData", "<dimension ref=\"A5:M4\"/><sheetData", 1),
            };
            *data = text.into_bytes();
        }
    }
    rezip(&entries)
}

#[test]
fn mutated_real_item_and_register_workbooks_through_import() {
    let (dir, books) = item_and_register_workbooks();
    let source = qingdan::source::FolderSource::new(dir.path().join("catalog"));
    let (catalog, _) = Catalog::load(&source).unwrap();
    let mut rng = Rng::new(seed() ^ 4);
    let mut rejected = 0;
    for case in 0..cases() {
        let (label, book) = &books[rng.below(books.len())];
        let bytes = mutate_workbook(&mut rng, book);
        let force = rng.below(2) == 0;
        let plan = without_panic(case, label, &bytes, || {
            let workbook = Workbook {
                label: label.clone(),
                bytes: bytes.clone(),
            };
            let plan = qingdan::sheets::import::plan(&catalog, &source, vec![workbook], force);
            let _ = qingdan::sheets::import::validate_plan(&source, &plan);
            plan
        });
        rejected += usize::from(
            plan.findings
                .iter()
                .any(|f| f.severity == qingdan::finding::Severity::Error),
        );
        for finding in &plan.findings {
            assert_eq!(finding.file.as_deref(), Some(label.as_str()), "{finding:?}");
            for lang in [Lang::Zh, Lang::En] {
                assert!(!qingdan::texts::text(lang, &finding.message).is_empty());
            }
        }
    }
    assert!(rejected > 0 || cases() < 20, "no mutation was refused");
    println!(
        "{} item and register workbook cases, {rejected} with errors",
        cases()
    );
}

/// A way to break a workbook's bytes.
type Breakage = fn(&[u8]) -> Vec<u8>;

/// The first cell reference of every sheet made too large for calamine's
/// arithmetic (`A99999999999`).
fn huge_cell_references(book: &[u8]) -> Vec<u8> {
    let mut entries = unzip(book);
    for (name, data) in &mut entries {
        if name.contains("worksheets/sheet") {
            let text = String::from_utf8(data.clone()).unwrap();
            let Some(at) = text.find("<c r=\"") else {
                continue;
            };
            let start = at + "<c r=\"".len();
            let end = start + text[start..].find('"').unwrap();
            *data = format!("{}A99999999999{}", &text[..start], &text[end..]).into_bytes();
        }
    }
    rezip(&entries)
}

/// The review workbook's overflow (above) met in item and register
/// workbooks, and a cell reference calamine overflows on (seed 17, case
/// 3018 of 5,000): the sheet is unreadable, named, and the run goes on.
#[test]
fn item_and_register_workbooks_calamine_overflows_on_are_unreadable_not_a_panic() {
    let (dir, books) = item_and_register_workbooks();
    let source = qingdan::source::FolderSource::new(dir.path().join("catalog"));
    let (catalog, _) = Catalog::load(&source).unwrap();
    let breakages: [Breakage; 2] = [reversed_dimensions, huge_cell_references];
    for ((label, book), breakage) in books
        .iter()
        .flat_map(|b| breakages.iter().map(move |f| (b, f)))
    {
        let workbook = Workbook {
            label: label.clone(),
            bytes: breakage(book),
        };
        let plan = qingdan::sheets::import::plan(&catalog, &source, vec![workbook], true);
        assert!(plan.planned.is_empty(), "{label}: nothing written");
        assert!(
            plan.findings
                .iter()
                .any(|f| f.file.as_deref() == Some(label.as_str())
                    && qingdan::texts::text(Lang::En, &f.message).contains("malformed sheet")),
            "{label}: {:?}",
            plan.findings
        );
    }
}

/// A 汇总 that names a round there is not, or an office no catalog has:
/// the finding names the cell to correct.
#[test]
fn a_bad_round_or_audience_in_the_summary_names_its_cell() {
    let (dir, books) = review_workbooks();
    let source = qingdan::source::FolderSource::new(dir.path().join("catalog"));
    let (catalog, _) = Catalog::load(&source).unwrap();
    let (label, book) = books
        .iter()
        .find(|(label, _)| label.starts_with("fagaiwei"))
        .unwrap();
    for (from, to, key) in [
        ("<t>review-1</t>", "<t>review-9</t>", "review.unknown_round"),
        (
            "<t>fagaiwei</t>",
            "<t>nobody</t>",
            "review.unknown_audience",
        ),
    ] {
        let mut entries = unzip(book);
        let strings = entries
            .iter_mut()
            .find(|(name, _)| name.ends_with("sharedStrings.xml"))
            .unwrap();
        let text = String::from_utf8(strings.1.clone()).unwrap();
        assert!(text.contains(from), "{from} in the shared strings");
        strings.1 = text.replacen(from, to, 1).into_bytes();
        let workbook = Workbook {
            label: label.clone(),
            bytes: rezip(&entries),
        };
        let plan = qingdan::review::import::plan(&catalog, &source, workbook, false);
        assert_eq!(plan.findings.len(), 1, "{:?}", plan.findings);
        let finding = &plan.findings[0];
        assert_eq!(finding.message.key, key);
        let path = finding.path.as_deref().unwrap_or_default();
        assert!(path.starts_with("汇总!B"), "{path}");
    }
}
