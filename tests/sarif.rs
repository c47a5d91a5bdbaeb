//! `validate --format sarif` is valid SARIF 2.1.0 (checked against the OASIS
//! schema in `tests/sarif/`) and its whole output is pinned.

mod common;

use common::qingdan;

fn sarif(lang: &str) -> serde_json::Value {
    let run = qingdan(&[
        "-C",
        "tests/fixtures/invalid",
        "--lang",
        lang,
        "validate",
        "--format",
        "sarif",
    ]);
    assert_eq!(run.code, 1);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn output_validates_against_the_sarif_schema() {
    let schema_text =
        std::fs::read_to_string(common::root().join("tests/sarif/sarif-schema-2.1.0.json"))
            .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    // The published schema's `run.language` pattern is not a valid regex
    // (an unbalanced `]`), which the meta-schema rejects; mend just that
    // pattern so the rest of the schema, formats (uri…) included, applies.
    let mut schema = schema;
    for definition in ["run", "toolComponent"] {
        schema["definitions"][definition]["properties"]["language"]["pattern"] =
            "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
    }
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for lang in ["zh", "en"] {
        let doc = sarif(lang);
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{lang}: {errors:#?}");
    }
}

#[test]
fn rules_carry_help_and_results_carry_regions() {
    let doc = sarif("en");
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 15);
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 12);
    assert_eq!(region["startColumn"], 7);
}

#[test]
fn snapshot_en() {
    let run = qingdan(&[
        "-C",
        "tests/fixtures/invalid",
        "--lang",
        "en",
        "validate",
        "--format",
        "sarif",
    ]);
    insta::assert_snapshot!(run.transcript());
}
