//! JSON Schemas generated from the record types. The committed copies in
//! `schemas/` and in every catalog's `schemas/` must equal these.

use schemars::{JsonSchema, SchemaGenerator, generate::SchemaSettings};
use serde_json::Value;

use super::{
    Agencies, Approval, CatalogConfig, Consultation, Departments, Fees, Intermediary, Item, Laws,
    Materials, Proofs, Publication, Reference, ReviewFile,
};

/// The schema files of the records, by file name (`scaffold::schemas` adds
/// the export document's).
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("item.schema.json", generate::<Item>()),
        ("catalog.schema.json", generate::<CatalogConfig>()),
        ("departments.schema.json", generate::<Departments>()),
        ("reference.schema.json", generate::<Reference>()),
        ("review.schema.json", generate::<ReviewFile>()),
        ("materials.schema.json", generate::<Materials>()),
        ("laws.schema.json", generate::<Laws>()),
        ("proofs.schema.json", generate::<Proofs>()),
        ("fees.schema.json", generate::<Fees>()),
        ("consultation.schema.json", generate::<Consultation>()),
        ("approval.schema.json", generate::<Approval>()),
        ("publication.schema.json", generate::<Publication>()),
        ("intermediary.schema.json", generate::<Intermediary>()),
        ("agencies.schema.json", generate::<Agencies>()),
    ]
}

/// A schema as the text written to disk (pretty, newline-terminated).
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("schemas serialize");
    text.push('\n');
    text
}

pub fn item() -> Value {
    generate::<Item>()
}
pub fn catalog() -> Value {
    generate::<CatalogConfig>()
}
pub fn departments() -> Value {
    generate::<Departments>()
}
pub fn reference() -> Value {
    generate::<Reference>()
}
pub fn review() -> Value {
    generate::<ReviewFile>()
}
pub fn materials() -> Value {
    generate::<Materials>()
}
pub fn laws() -> Value {
    generate::<Laws>()
}
pub fn proofs() -> Value {
    generate::<Proofs>()
}
pub fn fees() -> Value {
    generate::<Fees>()
}
pub fn intermediary() -> Value {
    generate::<Intermediary>()
}
pub fn agencies() -> Value {
    generate::<Agencies>()
}

pub fn consultation() -> Value {
    generate::<Consultation>()
}
pub fn approval() -> Value {
    generate::<Approval>()
}
pub fn publication() -> Value {
    generate::<Publication>()
}

pub(crate) fn generate<T: JsonSchema>() -> Value {
    let generator = SchemaGenerator::new(SchemaSettings::draft2020_12());
    let mut value = generator.into_root_schema_for::<T>().to_value();
    drop_null_alternatives(&mut value);
    value
}

/// An empty YAML value (`key:`) is read as an absent key before validation,
/// so optional fields need no `null` alternative; without it a wrong nested
/// value gets a precise error instead of an opaque `anyOf` failure.
fn drop_null_alternatives(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(alternatives)) = map.get("anyOf") {
                let kept: Vec<Value> = alternatives
                    .iter()
                    .filter(|a| a.get("type").is_none_or(|t| t != "null"))
                    .cloned()
                    .collect();
                if kept.len() == 1 {
                    map.remove("anyOf");
                    if let Value::Object(inner) = &kept[0] {
                        for (k, v) in inner {
                            map.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                }
            }
            if let Some(Value::Array(options)) = map.get_mut("enum") {
                options.retain(|o| !o.is_null());
            }
            for v in map.values_mut() {
                drop_null_alternatives(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_alternatives),
        _ => {}
    }
}
