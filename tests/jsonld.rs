//! `export --format jsonld` as a European public-service registry or a data
//! portal reads it: SHACL shapes run by pyshacl (`.ci/run` installs it) —
//! our own reading of CPSV-AP 3.2.0 (`tests/fixtures/cpsv-ap/shapes.ttl`),
//! and SEMIC's official shapes too when `QINGDAN_CPSV_AP_SHAPES` names a
//! copy (`scripts/cpsv-ap-conformance` sets it); IRIs from code and credit
//! code, stable across exports; the DCAT-AP description of the catalog.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_dir, fixture, qingdan, root};
use serde_json::Value;

const BASE: &str = "https://qingdan.oujiang.example.cn/";

fn export(catalog: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("catalog.jsonld");
    let mut args = vec!["-C", catalog.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.extend(["export", "--format", "jsonld", "-o", out.to_str().unwrap()]);
    let run = qingdan(&args);
    assert_eq!(run.code, 0, "{}", run.transcript());
    (dir, out)
}

/// pyshacl's verdict on a JSON-LD file: conforms, and its report.
fn shacl(data: &Path, shapes: &Path) -> (bool, String) {
    let output = Command::new("python3")
        .args(["-m", "pyshacl", "-s"])
        .arg(shapes)
        .args(["-df", "json-ld"])
        .arg(data)
        .output()
        .expect("python3 runs");
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        report.contains("Conforms:"),
        "pyshacl (pip install pyshacl): {}{report}",
        String::from_utf8_lossy(&output.stderr)
    );
    (report.contains("Conforms: True"), report)
}

/// Our shapes, and the official ones when a copy is named.
fn assert_conforms(data: &Path) {
    let mut shapes = vec![root().join("tests/fixtures/cpsv-ap/shapes.ttl")];
    shapes.extend(std::env::var_os("QINGDAN_CPSV_AP_SHAPES").map(PathBuf::from));
    for shapes in shapes {
        let (conforms, report) = shacl(data, &shapes);
        assert!(conforms, "{}: {report}", shapes.display());
    }
}

/// Our shapes' report on a broken document, which must not conform.
fn violations(dir: &Path, broken: &str) -> String {
    let file = dir.join("broken.jsonld");
    std::fs::write(&file, broken).unwrap();
    let (conforms, report) = shacl(&file, &root().join("tests/fixtures/cpsv-ap/shapes.ttl"));
    assert!(!conforms, "{report}");
    report
}

fn document(file: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
}

/// The graph's nodes of one `@type`.
fn nodes_of<'a>(doc: &'a Value, kind: &str) -> Vec<&'a Value> {
    doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["@type"] == kind)
        .collect()
}

#[test]
fn the_sample_catalog_conforms_in_both_languages() {
    for lang in ["zh", "en"] {
        let (_dir, file) = export(&root().join("catalog"), &["--lang", lang]);
        assert_conforms(&file);
    }
}

#[test]
fn a_generated_catalog_of_1000_items_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    qingdan::generate::write_catalog(&catalog, 1000, 20, 25).unwrap();
    let (_out, file) = export(&catalog, &["-q"]);
    assert_eq!(nodes_of(&document(&file), "PublicService").len(), 1000);
    assert_conforms(&file);
}

#[test]
fn the_shapes_catch_what_they_promise() {
    let (dir, file) = export(&root().join("catalog"), &[]);
    let text = std::fs::read_to_string(&file).unwrap();
    // An old export's faults: a requirement without identifier, a plain
    // currency, an untagged name.
    let broken = text
        .replacen("\"identifier\":\"", "\"notIdentifier\":\"", 1)
        .replace(
            "\"currency\":\"http://publications.europa.eu/resource/authority/currency/CNY\"",
            "\"cv:currency\":\"CNY\"",
        )
        .replace(
            "\"name\":\"瓯江市人民政府办公室\"",
            "\"dct:title\":\"瓯江市人民政府办公室\"",
        );
    let report = violations(dir.path(), &broken);
    for path in ["dct:identifier", "cv:currency", "dct:title"] {
        assert!(
            report.contains(&format!("Result Path: {path}")),
            "{path} in {report}"
        );
    }
}

#[test]
fn the_shapes_catch_faults_in_the_service_guide_elements() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    qingdan::generate::write_catalog(&catalog, 30, 3, 25).unwrap();
    let (_out, file) = export(&catalog, &["-q"]);
    assert_conforms(&file);
    let text = std::fs::read_to_string(&file).unwrap();
    // A participation without its participant or role, a window's address
    // not written out, a result without a name (the graph is compact JSON,
    // `"term":"`; the context, pretty-printed, `"term": {`, stays).
    let faults = [
        ("\"hasParticipant\":\"", "\"notParticipant\":\""),
        ("\"hasParticipant\":{", "\"notParticipant\":{"),
        ("\"role\":\"", "\"notRole\":\""),
        ("\"fullAddress\":\"", "\"notAddress\":\""),
        ("ZHO\",\"name\":", "ZHO\",\"notName\":"),
    ];
    let mut broken = text.clone();
    for (term, fault) in faults {
        assert!(text.contains(term), "the generated catalog has {term}");
        broken = broken.replace(term, fault);
    }
    let report = violations(dir.path(), &broken);
    for (path, node) in [
        ("cv:hasParticipant", "#participation-"),
        ("cv:role", "#participation-"),
        ("locn:fullAddress", "#address-"),
        ("dct:title", "#output>"),
    ] {
        let found = report
            .split("Constraint Violation")
            .any(|v| v.contains(&format!("Result Path: {path}")) && v.contains(node));
        assert!(found, "{path} of a {node} node in {report}");
    }
}

#[test]
fn iris_come_from_code_and_credit_code_and_stay_the_same() {
    let catalog = root().join("catalog");
    let (_a, first) = export(&catalog, &[]);
    let (_b, second) = export(&catalog, &[]);
    let ids = |file: &Path| -> BTreeSet<String> {
        let text = std::fs::read_to_string(file).unwrap();
        text.split("\"@id\":\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&first), ids(&second), "the same IRIs every export");
    let doc = document(&first);
    let services = nodes_of(&doc, "PublicService");
    assert!(!services.is_empty());
    let registered = qingdan_register(&catalog);
    for service in services {
        let code = service["identifier"].as_str().unwrap();
        assert_eq!(service["@id"], format!("{BASE}service/{code}"));
        let authority = service["hasCompetentAuthority"].as_str().unwrap();
        let credit = authority.strip_prefix(&format!("{BASE}organisation/"));
        assert!(
            registered
                .iter()
                .any(|d| Some(d.credit_code.as_str()) == credit),
            "{authority} is a registered credit code"
        );
    }
}

fn qingdan_register(catalog: &Path) -> Vec<qingdan::model::Department> {
    qingdan::catalog::read_register(&qingdan::source::FolderSource::new(catalog))
}

/// The DCAT-AP nodes as rdflib reads them: the dataset's title and its
/// distributions' download URLs, one per line.
fn dcat_summary(file: &Path) -> String {
    let script = r#"
import sys, rdflib
from rdflib.namespace import DCAT, DCTERMS, RDF
g = rdflib.Graph().parse(sys.argv[1], format="json-ld")
(dataset,) = g.subjects(RDF.type, DCAT.Dataset)
print(g.value(dataset, DCTERMS.title))
print(g.value(dataset, DCTERMS.publisher) is not None, g.value(dataset, DCTERMS.license))
for d in sorted(g.objects(dataset, DCAT.distribution)):
    print(g.value(d, DCAT.downloadURL), g.value(d, DCTERMS.format))
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "rdflib (pip install pyshacl): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_dataset_description_names_both_distributions() {
    let (_dir, file) = export(&root().join("catalog"), &[]);
    let file_type = "http://publications.europa.eu/resource/authority/file-type";
    let expected = format!(
        "瓯江市公共服务事项清单\nTrue https://creativecommons.org/licenses/by/4.0/\n\
         {BASE}catalog.json {file_type}/JSON\n{BASE}catalog.jsonld {file_type}/JSON_LD\n"
    );
    assert_eq!(dcat_summary(&file), expected);

    // The site ships the same description and every page links it.
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    let run = qingdan(&[
        "-C",
        "catalog",
        "-q",
        "export",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(dcat_summary(&out.join("dataset.jsonld")), expected);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"dataset.jsonld\">开放数据集描述（DCAT-AP）</a>"));
    let page = std::fs::read_dir(out.join("items"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let page = std::fs::read_to_string(page.path()).unwrap();
    assert!(page.contains("<a href=\"../dataset.jsonld\">"));
}

#[test]
fn without_a_base_iri_it_warns_names_with_the_region_urn_and_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    copy_dir(&fixture("valid"), &catalog);
    for (lang, warning) in [
        ("zh", "警告：catalog.yaml 没有 publication.base_iri"),
        ("en", "warning: catalog.yaml has no publication.base_iri"),
    ] {
        let out = dir.path().join(format!("{lang}.jsonld"));
        let run = qingdan(&[
            "-C",
            catalog.to_str().unwrap(),
            "--lang",
            lang,
            "-q",
            "export",
            "--format",
            "jsonld",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        assert!(run.stderr.contains(warning), "{}", run.stderr);
        let doc = document(&out);
        let service = nodes_of(&doc, "PublicService")[0];
        assert!(service["@id"].as_str().unwrap().starts_with("urn:qingdan:"));
        assert_conforms(&out);
    }
}

#[test]
fn a_base_iri_that_is_no_web_address_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    copy_dir(&fixture("valid"), &catalog);
    let config = catalog.join("catalog.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}publication:\n  base_iri: qingdan.example.cn\n"),
    )
    .unwrap();
    let out = dir.path().join("out.jsonld");
    let run = qingdan(&[
        "-C",
        catalog.to_str().unwrap(),
        "export",
        "--format",
        "jsonld",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("catalog.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("base_iri"), "{}", run.stderr);
    assert!(!out.exists());
}

/// 房屋所有权首次登记 requires (`dct:requires`) 房屋面积测绘, described as a
/// public service of its department in charge; the document conforms
/// (`the_sample_catalog_conforms_in_both_languages`).
#[test]
fn an_item_requires_its_intermediary_service() {
    let catalog = root().join("catalog");
    let (_dir, file) = export(&catalog, &[]);
    let doc = document(&file);
    let services = nodes_of(&doc, "PublicService");
    let item = services
        .iter()
        .find(|s| s["identifier"] == "0733039901000029")
        .unwrap();
    let iri = format!("{BASE}service/intermediaries/fwmjch");
    assert_eq!(item["requires"], serde_json::json!([iri]));
    let service = services.iter().find(|s| s["@id"] == iri.as_str()).unwrap();
    assert_eq!(service["name"], "房屋面积测绘");
    let zrzyj = qingdan_register(&catalog)
        .into_iter()
        .find(|d| d.id == "zrzyj")
        .unwrap();
    assert_eq!(
        service["hasCompetentAuthority"],
        format!("{BASE}organisation/{}", zrzyj.credit_code).as_str()
    );
    assert!(
        service["description"]
            .as_str()
            .unwrap()
            .contains("价格形式：市场调节价")
    );
    // Items requiring nothing link nothing.
    let others = services.iter().filter(|s| s["requires"].is_null()).count();
    assert_eq!(others, services.len() - 1);
}
