//! The IRIs of the linked data. Every one is made from the catalog's own
//! keys under the base `catalog.yaml` states (`publication.base_iri`), so
//! two exports of the same catalog name the same things the same way:
//!
//! | thing | IRI |
//! |---|---|
//! | coded item | `{base}service/{code}` |
//! | uncoded item | `{base}service/draft/{department}/{file stem}` (until coded) |
//! | department | `{base}organisation/{credit code}` |
//! | theme | `{base}event/{theme}` |
//! | delegating or entrusting authority | `{base}agent/{its name}` |
//! | legal basis | `{base}legal-resource/{hash of title and article}` |
//! | own enumerations | `{base}concept/{scheme}` and `{base}concept/{scheme}/{key}` |
//! | the dataset, its publisher | `{base}dataset`, `{base}publisher` |
//! | parts of an item | `{item}#requirement-1`, `#evidence-2`, `#cost`, `#output`, `#channel-in_person-1`, `#participation-joint-1` … |
//!
//! Without a base the catalog's own `urn:qingdan:{region}:` stands in:
//! stable, but nothing can dereference it (the CLI warns).

use sha2::{Digest, Sha256};

use crate::model::{CatalogConfig, Department, Item, LegalBasis};

pub struct Iris {
    /// Ends with `/` (or `:` for the urn).
    base: String,
    stated: bool,
}

impl Iris {
    pub fn new(config: &CatalogConfig) -> Iris {
        match config.base_iri() {
            Some(base) if base.ends_with('/') => Iris {
                base: base.to_string(),
                stated: true,
            },
            Some(base) => Iris {
                base: format!("{base}/"),
                stated: true,
            },
            None => Iris {
                base: format!("urn:qingdan:{}:", iri_part(&config.region.code)),
                stated: false,
            },
        }
    }

    /// False when the catalog states no base (the `urn:qingdan:` stand-in).
    pub fn is_stated(&self) -> bool {
        self.stated
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// An item: from its code, else from its department and file.
    pub fn service(&self, item: &Item, file: &str) -> String {
        match &item.code {
            Some(code) => format!("{}service/{}", self.base, iri_part(code)),
            None => {
                let name = file.rsplit('/').next().unwrap_or(file);
                let stem = name.strip_suffix(".yaml").unwrap_or(name);
                format!(
                    "{}service/draft/{}/{}",
                    self.base,
                    iri_part(&item.department),
                    iri_part(stem)
                )
            }
        }
    }

    /// A department: from its credit code; an id the register lacks (the
    /// export refuses such catalogs, but the IRI must still be one) from
    /// its id.
    pub fn organisation(&self, id: &str, department: Option<&Department>) -> String {
        match department {
            Some(d) => format!("{}organisation/{}", self.base, iri_part(&d.credit_code)),
            None => format!("{}organisation/id/{}", self.base, iri_part(id)),
        }
    }

    /// An authority named only by text (who delegated an item).
    pub fn agent(&self, name: &str) -> String {
        format!("{}agent/{}", self.base, iri_part(name))
    }

    pub fn event(&self, theme: &str) -> String {
        format!("{}event/{}", self.base, iri_part(theme))
    }

    /// A law and article: hashed, since titles run to dozens of characters.
    pub fn legal_resource(&self, basis: &LegalBasis) -> String {
        let key = format!(
            "{}\n{}",
            basis.title,
            basis.article.as_deref().unwrap_or("")
        );
        format!("{}legal-resource/{}", self.base, short_hash(&key))
    }

    pub fn scheme(&self, scheme: &str) -> String {
        format!("{}concept/{scheme}", self.base)
    }

    pub fn concept(&self, scheme: &str, key: &str) -> String {
        format!("{}concept/{scheme}/{}", self.base, iri_part(key))
    }

    pub fn region(&self, code: &str) -> String {
        format!("{}region/{}", self.base, iri_part(code))
    }

    /// Any other named thing directly under the base (`dataset`,
    /// `publisher`, `catalog.jsonld` …).
    pub fn under(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Text safe inside an IRI: unreserved characters kept, the rest
/// percent-encoded (UTF-8), so Chinese names stay readable once decoded.
pub fn iri_part(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, IRI_ESCAPED).to_string()
}

/// Everything but RFC 3986's unreserved characters.
const IRI_ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base: Option<&str>) -> CatalogConfig {
        let mut value = serde_json::json!({"region": {"code": "330399", "name": "瓯江市"}});
        if let Some(base) = base {
            value["publication"] = serde_json::json!({ "base_iri": base });
        }
        serde_json::from_value(value).unwrap()
    }

    fn department() -> Department {
        serde_json::from_value(serde_json::json!({
            "id": "mzj", "code": "002", "name": "瓯江市民政局",
            "credit_code": "11330399MB0000002X", "kind": "government_department"
        }))
        .unwrap()
    }

    fn item(code: Option<&str>) -> Item {
        let mut item: Item = serde_json::from_value(serde_json::json!({
            "name": "临时救助申请", "kind": "public_service", "category": "social_security",
            "department": "mzj", "targets": ["natural_person"], "legal_basis": []
        }))
        .unwrap();
        item.code = code.map(str::to_string);
        item
    }

    #[test]
    fn items_are_named_by_code_and_departments_by_credit_code() {
        let iris = Iris::new(&config(Some("https://qd.example.cn/ojs")));
        assert!(iris.is_stated());
        assert_eq!(
            iris.service(
                &item(Some("053303990020001X")),
                "items/mzj/临时救助申请.yaml"
            ),
            "https://qd.example.cn/ojs/service/053303990020001X"
        );
        assert_eq!(
            iris.organisation("mzj", Some(&department())),
            "https://qd.example.cn/ojs/organisation/11330399MB0000002X"
        );
    }

    #[test]
    fn an_uncoded_item_is_named_by_department_and_file() {
        let iris = Iris::new(&config(Some("https://qd.example.cn/")));
        assert_eq!(
            iris.service(&item(None), "items/mzj/临时救助申请.yaml"),
            "https://qd.example.cn/service/draft/mzj/%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9%E7%94%B3%E8%AF%B7"
        );
    }

    #[test]
    fn without_a_base_the_region_urn_stands_in() {
        let iris = Iris::new(&config(None));
        assert!(!iris.is_stated());
        assert_eq!(iris.under("dataset"), "urn:qingdan:330399:dataset");
        assert_eq!(iri_part("05/33 X"), "05%2F33%20X");
    }
}
