//! The committed JSON Schemas must equal the ones generated from the Rust
//! types: in `schemas/` and in every catalog's `schemas/` folder.
//! Regenerate with `QINGDAN_BLESS=1 cargo test --test schemas`.

use std::path::{Path, PathBuf};

use qingdan::model::schema;

/// Every folder holding schema copies: `schemas/` and `<catalog>/schemas/`.
fn schema_folders(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.join("schemas"), root.join("catalog/schemas")];
    for top in ["examples", "tests/fixtures"] {
        let Ok(entries) = std::fs::read_dir(root.join(top)) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().join("catalog.yaml").exists() {
                out.push(entry.path().join("schemas"));
            }
        }
    }
    out.sort();
    out
}

/// Files in `folder` that differ from the generated schemas.
fn drifted(folder: &Path, generated: &[(&str, String)]) -> Vec<String> {
    generated
        .iter()
        .filter(|(name, text)| {
            std::fs::read_to_string(folder.join(name)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(name, _)| folder.join(name).display().to_string())
        .collect()
}

#[test]
fn committed_schemas_match_the_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated: Vec<(&str, String)> = qingdan::scaffold::schemas()
        .into_iter()
        .map(|(n, v)| (n, schema::to_text(&v)))
        .collect();
    let bless = std::env::var_os("QINGDAN_BLESS").is_some();
    let mut stale = Vec::new();
    for folder in schema_folders(root) {
        if bless {
            std::fs::create_dir_all(&folder).unwrap();
            for (name, text) in &generated {
                std::fs::write(folder.join(name), text).unwrap();
            }
        }
        stale.extend(drifted(&folder, &generated));
    }
    assert!(
        stale.is_empty(),
        "schemas differ from the types; run QINGDAN_BLESS=1 cargo test --test schemas:\n{}",
        stale.join("\n")
    );
}

#[test]
fn a_changed_field_is_drift() {
    // What the check above sees when a model field changes without
    // regenerating: the committed text no longer equals the generated one.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut item = schema::item();
    item["properties"]["name"]["type"] = "integer".into();
    let changed = vec![("item.schema.json", schema::to_text(&item))];
    assert_eq!(drifted(&root.join("schemas"), &changed).len(), 1);
}
