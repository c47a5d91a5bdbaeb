//! The catalog as a DCAT-AP dataset, so that a data portal can harvest it:
//! title, description, publisher, dates, licence, and two distributions —
//! the json export (`{base}catalog.json`) and the json-ld
//! (`{base}catalog.jsonld`), the names under which a publisher puts them
//! beside the site. The services of the json-ld are `dct:isPartOf` it.
//!
//! The dates come from `codes.ledger` (the first and last day a published
//! item was coded), never from the clock: the same catalog gives the same
//! bytes.

use serde_json::{Value, json};

use super::iris::Iris;
use super::tr;
use super::vocab::{FILE_TYPE, MEDIA_TYPE, ZHO, node};
use crate::catalog::{Catalog, LoadedItem};
use crate::i18n::Lang;
use crate::model::Item;

/// The dataset's nodes: the dataset, its publisher, its licence when the
/// catalog states one, and the region it covers.
pub fn nodes(
    catalog: &Catalog,
    items: &[(&LoadedItem, &Item)],
    iris: &Iris,
    lang: Lang,
) -> Vec<Value> {
    let region = &catalog.config.region;
    let publication = catalog.config.publication.clone().unwrap_or_default();
    let region_name = || region.name.clone().into();
    // The English description names the English title when there is one.
    let stated = match (lang, &publication.title_en) {
        (Lang::En, Some(title_en)) => Some(text(lang, title_en.clone())),
        _ => publication.title.clone().map(Value::String),
    };
    let title = stated.unwrap_or_else(|| {
        text(
            lang,
            tr(lang, "jsonld.dataset.title", &[("region", region_name())]),
        )
    });
    let description = tr(
        lang,
        "jsonld.dataset.description",
        &[("region", region_name()), ("count", items.len().into())],
    );
    let (issued, modified) = coded_between(catalog, items);
    let licence = publication
        .licence
        .as_deref()
        .map(|l| licence_node(iris, l));
    let dataset = iris.under("dataset");
    let distributions = [
        ("catalog.json", "JSON", "application/json"),
        ("catalog.jsonld", "JSON_LD", "application/ld+json"),
    ]
    .map(|(file, format, media)| {
        distribution(iris, &dataset, file, format, media, licence.as_ref(), lang)
    });
    let mut out = vec![node(vec![
        ("@id", Some(json!(dataset))),
        ("@type", Some(json!("Dataset"))),
        ("identifier", Some(json!(dataset))),
        ("name", Some(title)),
        ("description", Some(text(lang, description))),
        ("publisher", Some(json!(iris.under("publisher")))),
        ("issued", issued.map(Value::from)),
        ("modified", modified.map(Value::from)),
        ("license", licence.as_ref().map(|l| l["@id"].clone())),
        ("language", Some(json!(ZHO))),
        ("spatial", Some(json!(iris.region(&region.code)))),
        ("landingPage", iris.is_stated().then(|| landing_page(iris))),
        ("distribution", Some(Value::Array(distributions.to_vec()))),
    ])];
    out.push(publisher(catalog, &publication.issuer, iris, lang));
    out.extend(licence);
    out.push(json!({
        "@id": iris.region(&region.code),
        "@type": "Location",
        "identifier": region.code,
        "prefLabel": {"zh": region.name},
    }));
    out
}

/// Text of qingdan's own words: tagged with the language it is in.
pub fn text(lang: Lang, text: String) -> Value {
    match lang {
        Lang::Zh => Value::String(text),
        Lang::En => json!({"@value": text, "@language": "en"}),
    }
}

fn distribution(
    iris: &Iris,
    dataset: &str,
    file: &str,
    format: &str,
    media: &str,
    licence: Option<&Value>,
    lang: Lang,
) -> Value {
    let url = iris.under(file);
    node(vec![
        ("@id", Some(json!(format!("{dataset}#{file}")))),
        ("@type", Some(json!("Distribution"))),
        ("name", Some(text(lang, file.to_string()))),
        ("accessURL", Some(json!(url))),
        ("downloadURL", Some(json!(url))),
        ("format", Some(json!(format!("{FILE_TYPE}{format}")))),
        ("mediaType", Some(json!(format!("{MEDIA_TYPE}{media}")))),
        ("license", licence.map(|l| l["@id"].clone())),
    ])
}

fn landing_page(iris: &Iris) -> Value {
    json!({"@id": iris.under("index.html"), "@type": "foaf:Document"})
}

/// The publisher (a `foaf:Agent`, as the shapes ask): the issuer the
/// catalog names, else the region's government. An issuer in the register
/// is identified by its credit code, the government by its region code.
fn publisher(catalog: &Catalog, issuer: &Option<String>, iris: &Iris, lang: Lang) -> Value {
    let region = &catalog.config.region;
    let (name, identifier) = match issuer {
        Some(issuer) => {
            let registered = catalog.departments.iter().find(|d| &d.name == issuer);
            let identifier =
                registered.map_or_else(|| iris.under("publisher"), |d| d.credit_code.clone());
            (Value::String(issuer.clone()), identifier)
        }
        None => (
            text(
                lang,
                tr(
                    lang,
                    "jsonld.government",
                    &[("region", region.name.clone().into())],
                ),
            ),
            region.code.clone(),
        ),
    };
    json!({
        "@id": iris.under("publisher"),
        "@type": "foaf:Agent",
        "identifier": identifier,
        "name": name,
    })
}

/// A licence IRI as it is; a licence named in words gets an IRI of ours.
fn licence_node(iris: &Iris, licence: &str) -> Value {
    if licence.starts_with("http://") || licence.starts_with("https://") {
        json!({"@id": licence, "@type": "dct:LicenseDocument"})
    } else {
        json!({"@id": iris.under("licence"), "@type": "dct:LicenseDocument", "name": licence})
    }
}

/// The first and last ledger date of the published items' codes.
fn coded_between(
    catalog: &Catalog,
    items: &[(&LoadedItem, &Item)],
) -> (Option<String>, Option<String>) {
    let dates: Vec<&str> = items
        .iter()
        .filter_map(|(_, item)| item.code.as_deref())
        .filter_map(|code| catalog.ledger.first(code))
        .map(|line| line.date.as_str())
        .collect();
    let first = dates.iter().min().map(|d| d.to_string());
    let last = dates.iter().max().map(|d| d.to_string());
    (first, last)
}

/// The dataset description on its own (the site ships it as
/// `dataset.jsonld`): the same nodes as in the json-ld export, without the
/// services.
pub fn description(catalog: &Catalog, items: &[(&LoadedItem, &Item)], lang: Lang) -> Value {
    let iris = Iris::new(&catalog.config);
    let mut graph = nodes(catalog, items, &iris, lang);
    graph.extend(super::vocab::authority_nodes());
    json!({"@context": super::vocab::context(), "@graph": graph})
}
