//! Item fingerprints (docs/rounds.md): the first 12 hex digits of the
//! SHA-256 of the item's canonical JSON — the typed record serialized with
//! keys sorted and no whitespace. Comments, layout, key order and Chinese
//! labels for enumeration keys therefore leave it unchanged.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::model::Item;

pub fn fingerprint(item: &Item) -> String {
    let value = serde_json::to_value(item).expect("records serialize");
    let digest = Sha256::digest(canonical_json(&value).as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Compact JSON with every object's keys sorted (whatever map order
/// serde_json was built with).
pub fn canonical_json(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let fields: Vec<String> = keys
                .iter()
                .map(|k| {
                    format!(
                        "{}:{}",
                        Value::String((*k).clone()),
                        canonical_json(&map[k.as_str()])
                    )
                })
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(values) => format!(
            "[{}]",
            values
                .iter()
                .map(canonical_json)
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::MINIMAL_ITEM;

    fn item(text: &str) -> Item {
        let doc = crate::yaml::parse(text).unwrap().unwrap();
        serde_json::from_value(doc.value).unwrap()
    }

    #[test]
    fn keys_are_sorted_without_whitespace() {
        let value = serde_json::json!({"b": [1, {"d": "文", "c": null}], "a": true});
        assert_eq!(
            canonical_json(&value),
            r#"{"a":true,"b":[1,{"c":null,"d":"文"}]}"#
        );
    }

    #[test]
    fn twelve_hex_digits_of_the_record_not_the_text() {
        let plain = fingerprint(&item(MINIMAL_ITEM));
        assert_eq!(plain.len(), 12);
        assert!(
            plain
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        let relabelled =
            MINIMAL_ITEM.replace("category: culture_sports", "# 类别\ncategory: 文化体育");
        assert_eq!(fingerprint(&item(&relabelled)), plain);
        let changed = MINIMAL_ITEM.replace("第十六条", "第十七条");
        assert_ne!(fingerprint(&item(&changed)), plain);
    }

    #[test]
    fn the_digest_is_sha256_of_the_canonical_json() {
        // echo -n '{"a":1}' | sha256sum → 015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862
        let digest = Sha256::digest(canonical_json(&serde_json::json!({"a": 1})).as_bytes());
        assert_eq!(
            format!("{digest:x}"),
            "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"
        );
    }
}
