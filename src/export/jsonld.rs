//! The catalog as linked data (SPEC section 5, `export --format jsonld`):
//! one CPSV-AP 3.x `PublicService` per active item, in a JSON-LD document
//! whose `@context` is written inline, so that it expands offline.
//!
//! Where the catalog and CPSV-AP differ:
//! - an item has no description field: `description` is its acceptance
//!   scope (受理范围), else a sentence naming department, category and item;
//! - ISO 8601 has no working day: `processingTime` is `PnD` for the promised
//!   limit (the legal one when none is promised) and `workingDays`
//!   (`urn:qingdan:terms:workingDays`, a boolean) says whether those days
//!   are working days (工作日) or calendar days;
//! - fee standards are text: a `Cost` carries the standard as its
//!   description (a value of 0 CNY when free) and the fee basis as the
//!   `LegalResource` it `isDefinedBy`;
//! - channels (window, online) and contact points are described in text;
//!   telephone numbers and web pages found in the consultation text are
//!   given as `telephone` and `contactPage`.
//!
//! One service per line inside `@graph`: the same catalog gives the same bytes.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::ExportError;
use super::html::split_urls;
use super::output;
use crate::catalog::{Catalog, LoadedItem};
use crate::i18n::{Lang, tr};
use crate::model::{Item, Labelled, Limit, Material, Online};

pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "jsonld.description",
        "{department}实施的{category}类公共服务事项：{name}",
        "{category} service of {department}: {name}",
    ),
    ("jsonld.channel.in_person", "窗口办理", "In person"),
    ("jsonld.free", "不收费", "Free of charge"),
    (
        "jsonld.common_errors",
        "常见错误示例：{errors}",
        "Common errors: {errors}",
    ),
    ("jsonld.sample", "示范文本：{sample}", "Sample: {sample}"),
];

const CNY: &str = "http://publications.europa.eu/resource/authority/currency/CNY";

/// Writes the document to the file `out` (see [`output::write_file`]);
/// returns the number of services.
pub fn write(
    catalog: &Catalog,
    items: &[(&LoadedItem, &Item)],
    lang: Lang,
    out: &Path,
    replace: bool,
) -> Result<usize, ExportError> {
    output::write_file(out, replace, |w| write_to(catalog, items, lang, w))?;
    Ok(items.len())
}

pub fn write_to(
    catalog: &Catalog,
    items: &[(&LoadedItem, &Item)],
    lang: Lang,
    w: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        w,
        "{{\n\"@context\": {},\n\"@graph\": [",
        serde_json::to_string_pretty(&context())?
    )?;
    for (i, (loaded, item)) in items.iter().enumerate() {
        serde_json::to_writer(&mut *w, &service(catalog, loaded, item, lang))?;
        w.write_all(if i + 1 < items.len() { b",\n" } else { b"\n" })?;
    }
    w.write_all(b"]\n}\n")
}

/// The terms used, mapped to CPSV-AP 3.x (`cv:`, `cpsv:`), Dublin Core,
/// ELI and SKOS; the few of qingdan's own under `urn:qingdan:terms:`.
pub fn context() -> Value {
    let id = |iri: &str| json!({"@id": iri, "@type": "@id"});
    json!({
        "cpsv": "http://purl.org/vocab/cpsv#",
        "cv": "http://data.europa.eu/m8g/",
        "dct": "http://purl.org/dc/terms/",
        "eli": "http://data.europa.eu/eli/ontology#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "qingdan": "urn:qingdan:terms:",
        "PublicService": "cpsv:PublicService",
        "PublicOrganisation": "cv:PublicOrganisation",
        "Evidence": "cv:Evidence",
        "Requirement": "cv:Requirement",
        "Cost": "cv:Cost",
        "Channel": "cv:Channel",
        "ContactPoint": "cv:ContactPoint",
        "LegalResource": "eli:LegalResource",
        "Location": "dct:Location",
        "Concept": "skos:Concept",
        "identifier": "dct:identifier",
        "name": "dct:title",
        "description": "dct:description",
        "prefLabel": "skos:prefLabel",
        "type": id("dct:type"),
        "spatial": id("dct:spatial"),
        "addressee": id("dct:audience"),
        "thematicArea": id("cv:thematicArea"),
        "hasCompetentAuthority": id("cv:hasCompetentAuthority"),
        "holdsRequirement": id("cv:holdsRequirement"),
        "hasInput": id("cpsv:hasInput"),
        "hasCost": id("cv:hasCost"),
        "hasValue": {"@id": "cv:hasValue", "@type": "xsd:double"},
        "currency": id("cv:currency"),
        "isDefinedBy": id("cv:isDefinedBy"),
        "processingTime": {"@id": "cv:processingTime", "@type": "xsd:duration"},
        "workingDays": {"@id": "qingdan:workingDays", "@type": "xsd:boolean"},
        "hasLegalResource": id("cv:hasLegalResource"),
        "hasChannel": id("cv:hasChannel"),
        "contactPoint": id("cv:contactPoint"),
        "telephone": "cv:telephone",
        "contactPage": id("cv:contactPage"),
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Service<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    identifier: &'a str,
    name: &'a str,
    description: String,
    has_competent_authority: Organisation<'a>,
    thematic_area: Concept,
    addressee: Vec<Concept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    holds_requirement: Vec<Node>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_input: Vec<Node>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_cost: Vec<Cost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    processing_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    working_days: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_legal_resource: Vec<Node>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_channel: Vec<Channel>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contact_point: Vec<ContactPoint>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Organisation<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    pref_label: &'a str,
    spatial: Concept,
}

/// A controlled value: our own IRI and its label.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Concept {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    pref_label: String,
}

/// A node with a name and maybe a description (evidence, requirement,
/// legal resource).
#[derive(Serialize)]
struct Node {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Cost {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    has_value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_defined_by: Option<Node>,
}

#[derive(Serialize)]
struct Channel {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "type")]
    channel_type: Concept,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ContactPoint {
    #[serde(rename = "@type")]
    kind: &'static str,
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    telephone: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contact_page: Vec<String>,
}

fn service<'a>(
    catalog: &'a Catalog,
    loaded: &'a LoadedItem,
    item: &'a Item,
    lang: Lang,
) -> Service<'a> {
    let region = &catalog.config.region.code;
    let id = match &item.code {
        Some(code) => format!("urn:qingdan:{region}:item:{}", iri_part(code)),
        None => format!("urn:qingdan:{region}:file:{}", short_hash(&loaded.file)),
    };
    let authority = organisation(catalog, item);
    let (processing_time, working_days) = processing_time(item);
    Service {
        id,
        kind: "PublicService",
        identifier: item.code.as_deref().unwrap_or(&loaded.file),
        name: &item.name,
        description: description(item, authority.pref_label, lang),
        has_competent_authority: authority,
        thematic_area: concept("category", item.category, lang),
        addressee: item
            .targets
            .iter()
            .map(|t| concept("target", *t, lang))
            .collect(),
        holds_requirement: item
            .conditions
            .iter()
            .map(|c| node("Requirement", c, None))
            .collect(),
        has_input: item.materials.iter().map(|m| evidence(m, lang)).collect(),
        has_cost: item
            .fee
            .as_ref()
            .map(|fee| cost(fee, lang))
            .into_iter()
            .collect(),
        processing_time,
        working_days,
        has_legal_resource: item
            .legal_basis
            .iter()
            .map(|b| {
                node(
                    "LegalResource",
                    &format!("{}{}", b.title, b.article.as_deref().unwrap_or("")),
                    None,
                )
            })
            .collect(),
        has_channel: channels(item, lang),
        contact_point: item
            .consultation
            .as_deref()
            .map(contact_point)
            .into_iter()
            .collect(),
    }
}

fn organisation<'a>(catalog: &'a Catalog, item: &'a Item) -> Organisation<'a> {
    let region = &catalog.config.region;
    let department = catalog.department(&item.department);
    Organisation {
        id: format!(
            "urn:qingdan:{}:department:{}",
            region.code,
            iri_part(&item.department)
        ),
        kind: "PublicOrganisation",
        identifier: department.map(|d| d.credit_code.as_str()),
        pref_label: department.map_or(item.department.as_str(), |d| d.name.as_str()),
        spatial: Concept {
            id: format!("urn:qingdan:region:{}", iri_part(&region.code)),
            kind: "Location",
            pref_label: region.name.clone(),
        },
    }
}

fn concept<T: Labelled>(scheme: &str, value: T, lang: Lang) -> Concept {
    Concept {
        id: format!("urn:qingdan:{scheme}:{}", value.key()),
        kind: "Concept",
        pref_label: lang.pick(value.zh(), value.en()).to_string(),
    }
}

fn node(kind: &'static str, name: &str, description: Option<String>) -> Node {
    Node {
        kind,
        name: name.to_string(),
        description,
    }
}

fn description(item: &Item, department: &str, lang: Lang) -> String {
    match item
        .acceptance_scope
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        Some(scope) => scope.to_string(),
        None => tr(
            lang,
            "jsonld.description",
            &[
                ("department", department.to_string().into()),
                (
                    "category",
                    lang.pick(item.category.zh(), item.category.en())
                        .to_string()
                        .into(),
                ),
                ("name", item.name.clone().into()),
            ],
        ),
    }
}

/// A material as evidence: its name; form, copies, source, proof basis,
/// sample and common errors as the description.
fn evidence(material: &Material, lang: Lang) -> Node {
    let mut parts: Vec<String> = Vec::new();
    if let Some(form) = material.form {
        parts.push(lang.pick(form.zh(), form.en()).to_string());
    }
    if let Some(copies) = material.copies {
        parts.push(tr(
            lang,
            "site.copies",
            &[("copies", (copies as usize).into())],
        ));
    }
    if let Some(source) = material.source {
        parts.push(lang.pick(source.zh(), source.en()).to_string());
    }
    if let Some(basis) = material.basis.as_deref().filter(|_| material.proof) {
        parts.push(basis.to_string());
    }
    if let Some(sample) = &material.sample {
        parts.push(tr(
            lang,
            "jsonld.sample",
            &[("sample", sample.clone().into())],
        ));
    }
    if !material.common_errors.is_empty() {
        let errors = material.common_errors.join(lang.pick("；", "; "));
        parts.push(tr(
            lang,
            "jsonld.common_errors",
            &[("errors", errors.into())],
        ));
    }
    let description = (!parts.is_empty()).then(|| parts.join(lang.pick("；", "; ")));
    node("Evidence", &material.name, description)
}

fn cost(fee: &crate::model::Fee, lang: Lang) -> Cost {
    if !fee.charged {
        let description = Some(tr(lang, "jsonld.free", &[]));
        return Cost {
            kind: "Cost",
            has_value: Some(0.0),
            currency: Some(CNY),
            description,
            is_defined_by: None,
        };
    }
    Cost {
        kind: "Cost",
        has_value: None,
        currency: Some(CNY),
        description: fee.standard.clone(),
        is_defined_by: fee.basis.as_deref().map(|b| node("LegalResource", b, None)),
    }
}

/// `PnD` of the promised limit, else the legal one, and whether the days
/// are working days; nothing for 无 or a limit outside the grammar.
fn processing_time(item: &Item) -> (Option<String>, Option<bool>) {
    let limit = item
        .time_limit
        .as_ref()
        .and_then(|t| t.promised.as_deref().or(t.legal.as_deref()))
        .and_then(Limit::parse);
    match limit {
        Some(Limit::Immediate) => (Some("P0D".into()), Some(false)),
        Some(Limit::WorkingDays(n)) => (Some(format!("P{n}D")), Some(true)),
        Some(Limit::NaturalDays(n)) => (Some(format!("P{n}D")), Some(false)),
        Some(Limit::NoLimit) | None => (None, None),
    }
}

/// The window (where and when) and, for items handled online, the web.
fn channels(item: &Item, lang: Lang) -> Vec<Channel> {
    let mut out = Vec::new();
    let place: Vec<&str> = [item.location.as_deref(), item.hours.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        let channel_type = Concept {
            id: "urn:qingdan:channel:in_person".into(),
            kind: "Concept",
            pref_label: tr(lang, "jsonld.channel.in_person", &[]),
        };
        out.push(Channel {
            kind: "Channel",
            channel_type,
            description: Some(place.join(lang.pick("；", "; "))),
        });
    }
    if let Some(online) = item.online.filter(|o| *o != Online::NotOnline) {
        out.push(Channel {
            kind: "Channel",
            channel_type: concept("online", online, lang),
            description: None,
        });
    }
    out
}

/// The consultation text, with the telephone numbers and web pages in it.
fn contact_point(text: &str) -> ContactPoint {
    let mut telephone = Vec::new();
    let mut contact_page = Vec::new();
    for (part, is_url) in split_urls(text) {
        if is_url {
            contact_page.push(part.to_string());
        } else {
            telephone.extend(phone_numbers(part));
        }
    }
    ContactPoint {
        kind: "ContactPoint",
        description: text.to_string(),
        telephone,
        contact_page,
    }
}

/// Runs of ASCII digits and hyphens holding at least 7 digits
/// (`0577-88122001`, `12345678`): house numbers and years are shorter.
fn phone_numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .map(|run| run.trim_matches('-'))
        .filter(|run| run.bytes().filter(u8::is_ascii_digit).count() >= 7)
        .map(str::to_string)
        .collect()
}

/// Text safe inside an IRI: unreserved characters kept, the rest
/// percent-encoded.
fn iri_part(text: &str) -> String {
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
    use crate::catalog::tests::{GUIDE_ITEM, catalog_with};
    use crate::export::Publication;

    fn document(files: &[(&str, &str)]) -> Value {
        let catalog = catalog_with(files);
        let items = Publication::new(&catalog, crate::i18n::Lang::Zh, None).items;
        let mut bytes = Vec::new();
        write_to(&catalog, &items, Lang::Zh, &mut bytes).unwrap();
        serde_json::from_slice(&bytes).expect("the document is JSON")
    }

    #[test]
    fn a_guide_item_becomes_a_public_service() {
        let doc = document(&[("items/wsjw/a.yaml", GUIDE_ITEM)]);
        let service = &doc["@graph"][0];
        assert_eq!(service["@type"], "PublicService");
        assert_eq!(
            service["identifier"], "items/wsjw/a.yaml",
            "an uncoded item is named by its file"
        );
        assert_eq!(service["processingTime"], "P3D");
        assert_eq!(service["workingDays"], true);
        assert_eq!(service["hasInput"][0]["name"], "居民身份证");
        assert_eq!(service["hasCost"][0]["hasValue"], 0.0);
        assert_eq!(service["contactPoint"][0]["telephone"][0], "0577-88990000");
        assert_eq!(
            service["hasLegalResource"][0]["name"],
            "《中华人民共和国人口与计划生育法》第二十条"
        );
        assert!(
            service["description"]
                .as_str()
                .unwrap()
                .contains("生育登记")
        );
    }

    #[test]
    fn phones_and_pages_in_consultation_text() {
        let point = contact_point(
            "电话：0577-88122001；地址：江滨中路100号；在线：https://a.cn/zx；2027年",
        );
        assert_eq!(point.telephone, vec!["0577-88122001"]);
        assert_eq!(point.contact_page, vec!["https://a.cn/zx"]);
        assert_eq!(iri_part("05/33 X"), "05%2F33%20X");
    }
}
