//! The vocabulary side of the linked data: the inline `@context`, the EU
//! authority-table concepts CPSV-AP points to (currency, language), and
//! qingdan's own enumerations published as SKOS concept schemes where no
//! EU table fits (service categories, targets, item kinds, levels, result
//! kinds, case types, sources of authority, participation roles, channel
//! types).
//!
//! Channel types: CPSV-AP 3.2 recommends the Europass Channel Type table
//! (`http://data.europa.eu/snb/com-channel/25831c2`); its concept IRIs are
//! opaque codes we cannot check offline, so the catalog's own three
//! channel types form a scheme of their own.

use serde_json::{Map, Value, json};

use super::iris::Iris;
use crate::model::{
    Authority, CaseType, Category, ItemKind, Labelled, Level, Online, ResultKind, Target,
};

pub const CURRENCY_SCHEME: &str = "http://publications.europa.eu/resource/authority/currency";
pub const CNY: &str = "http://publications.europa.eu/resource/authority/currency/CNY";
pub const LANGUAGE_SCHEME: &str = "http://publications.europa.eu/resource/authority/language";
pub const ZHO: &str = "http://publications.europa.eu/resource/authority/language/ZHO";
pub const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
pub const MEDIA_TYPE: &str = "https://www.iana.org/assignments/media-types/";

/// The terms used: CPSV-AP 3.2 (`cv:`, `cpsv:`), Dublin Core, DCAT, ELI,
/// SKOS, FOAF, OWL-Time, ADMS; qingdan's own few under
/// `urn:qingdan:terms:` (a vocabulary, the same for every catalog).
/// `name` and `description` default to `zh`; `prefLabel` is a language map.
pub fn context() -> Value {
    let id = |iri: &str| json!({"@id": iri, "@type": "@id"});
    let zh = |iri: &str| json!({"@id": iri, "@language": "zh"});
    let terms: Vec<(&str, Value)> = vec![
        ("cpsv", json!("http://purl.org/vocab/cpsv#")),
        ("cv", json!("http://data.europa.eu/m8g/")),
        ("dct", json!("http://purl.org/dc/terms/")),
        ("dcat", json!("http://www.w3.org/ns/dcat#")),
        ("eli", json!("http://data.europa.eu/eli/ontology#")),
        ("skos", json!("http://www.w3.org/2004/02/skos/core#")),
        ("foaf", json!("http://xmlns.com/foaf/0.1/")),
        ("time", json!("http://www.w3.org/2006/time#")),
        ("adms", json!("http://www.w3.org/ns/adms#")),
        ("rdfs", json!("http://www.w3.org/2000/01/rdf-schema#")),
        ("locn", json!("http://www.w3.org/ns/locn#")),
        ("xsd", json!("http://www.w3.org/2001/XMLSchema#")),
        ("qingdan", json!("urn:qingdan:terms:")),
        ("PublicService", json!("cpsv:PublicService")),
        ("PublicOrganisation", json!("cv:PublicOrganisation")),
        ("Evidence", json!("cv:Evidence")),
        ("Requirement", json!("cv:Requirement")),
        ("Rule", json!("cpsv:Rule")),
        ("Cost", json!("cv:Cost")),
        ("Channel", json!("cv:Channel")),
        ("ContactPoint", json!("cv:ContactPoint")),
        ("Event", json!("cv:Event")),
        ("Output", json!("cv:Output")),
        ("Participation", json!("cv:Participation")),
        ("Address", json!("locn:Address")),
        ("LegalResource", json!("eli:LegalResource")),
        ("Location", json!("dct:Location")),
        ("Concept", json!("skos:Concept")),
        ("ConceptScheme", json!("skos:ConceptScheme")),
        ("Dataset", json!("dcat:Dataset")),
        ("Distribution", json!("dcat:Distribution")),
        ("identifier", json!("dct:identifier")),
        ("name", zh("dct:title")),
        ("description", zh("dct:description")),
        ("comment", zh("rdfs:comment")),
        (
            "prefLabel",
            json!({"@id": "skos:prefLabel", "@container": "@language"}),
        ),
        ("notation", json!("skos:notation")),
        ("inScheme", id("skos:inScheme")),
        ("type", id("dct:type")),
        ("language", id("dct:language")),
        ("spatial", id("dct:spatial")),
        ("addressee", id("dct:audience")),
        ("isPartOf", id("dct:isPartOf")),
        ("thematicArea", id("cv:thematicArea")),
        ("isGroupedBy", id("cv:isGroupedBy")),
        ("hasCompetentAuthority", id("cv:hasCompetentAuthority")),
        ("holdsRequirement", id("cv:holdsRequirement")),
        ("hasInput", id("cpsv:hasInput")),
        ("requires", id("dct:requires")),
        ("follows", id("cpsv:follows")),
        ("hasCost", id("cv:hasCost")),
        (
            "hasValue",
            json!({"@id": "cv:hasValue", "@type": "xsd:double"}),
        ),
        ("currency", id("cv:currency")),
        (
            "processingTime",
            json!({"@id": "cv:processingTime", "@type": "xsd:duration"}),
        ),
        ("hasLegalResource", id("cv:hasLegalResource")),
        ("hasChannel", id("cv:hasChannel")),
        ("openingHours", id("cv:openingHours")),
        ("contactPoint", id("cv:contactPoint")),
        ("telephone", json!("cv:telephone")),
        ("contactPage", id("cv:contactPage")),
        ("referenceIdentifier", id("adms:identifier")),
        ("produces", id("cpsv:produces")),
        ("relatedService", id("cv:relatedService")),
        ("hasParticipation", id("cv:hasParticipation")),
        ("hasParticipant", id("cv:hasParticipant")),
        ("role", id("cv:role")),
        ("address", id("locn:address")),
        ("fullAddress", zh("locn:fullAddress")),
        ("mainService", id("qingdan:mainService")),
        ("settingBasis", id("qingdan:settingBasis")),
        ("caseType", id("qingdan:caseType")),
        ("authority", id("qingdan:authority")),
        ("quantityLimit", zh("qingdan:quantityLimit")),
        (
            "appointment",
            json!({"@id": "qingdan:appointment", "@type": "xsd:boolean"}),
        ),
        (
            "mailMaterials",
            json!({"@id": "qingdan:mailMaterials", "@type": "xsd:boolean"}),
        ),
        (
            "selfService",
            json!({"@id": "qingdan:selfService", "@type": "xsd:boolean"}),
        ),
        (
            "anyLocation",
            json!({"@id": "qingdan:anyLocation", "@type": "xsd:boolean"}),
        ),
        (
            "proxyService",
            json!({"@id": "qingdan:proxyService", "@type": "xsd:boolean"}),
        ),
        (
            "workingDays",
            json!({"@id": "qingdan:workingDays", "@type": "xsd:boolean"}),
        ),
        ("level", id("qingdan:level")),
        (
            "proxy",
            json!({"@id": "qingdan:proxy", "@type": "xsd:boolean"}),
        ),
        (
            "commitment",
            json!({"@id": "qingdan:commitment", "@type": "xsd:boolean"}),
        ),
        (
            "transferable",
            json!({"@id": "qingdan:transferable", "@type": "xsd:boolean"}),
        ),
        (
            "visits",
            json!({"@id": "qingdan:visits", "@type": "xsd:integer"}),
        ),
        ("publisher", id("dct:publisher")),
        ("issued", json!({"@id": "dct:issued", "@type": "xsd:date"})),
        (
            "modified",
            json!({"@id": "dct:modified", "@type": "xsd:date"}),
        ),
        ("license", id("dct:license")),
        ("distribution", id("dcat:distribution")),
        ("accessURL", id("dcat:accessURL")),
        ("downloadURL", id("dcat:downloadURL")),
        ("format", id("dct:format")),
        ("mediaType", id("dcat:mediaType")),
        ("landingPage", id("dcat:landingPage")),
    ];
    Value::Object(terms.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// One of qingdan's enumerations as a concept scheme: its path segment,
/// its names, and its values (key, 中文, English).
pub struct Scheme {
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub concepts: Vec<(&'static str, &'static str, &'static str)>,
}

/// The scheme of channel types and its keys.
pub const CHANNEL: &str = "channel-type";
pub const IN_PERSON: &str = "in_person";

/// The scheme of the roles an organisation plays in a service besides
/// the competent authority, and its keys.
pub const ROLE: &str = "participation-role";
pub const JOINT: &str = "joint";
pub const DELEGATING: &str = "delegating";
pub const ENTRUSTING: &str = "entrusting";

fn values<T: Labelled>() -> Vec<(&'static str, &'static str, &'static str)> {
    T::VARIANTS.iter().map(|v| (v.key, v.zh, v.en)).collect()
}

pub fn schemes() -> Vec<Scheme> {
    let online = |o: Online| (o.key(), o.zh(), o.en());
    vec![
        Scheme {
            slug: "category",
            zh: "服务类别",
            en: "Service category",
            concepts: values::<Category>(),
        },
        Scheme {
            slug: "target",
            zh: "服务对象",
            en: "Service target",
            concepts: values::<Target>(),
        },
        Scheme {
            slug: "item-kind",
            zh: "事项类型",
            en: "Item kind",
            concepts: values::<ItemKind>(),
        },
        Scheme {
            slug: "level",
            zh: "行使层级",
            en: "Level",
            concepts: values::<Level>(),
        },
        Scheme {
            slug: "result-kind",
            zh: "办理结果类型",
            en: "Result kind",
            concepts: values::<ResultKind>(),
        },
        Scheme {
            slug: "case-type",
            zh: "办件类型",
            en: "Case type",
            concepts: values::<CaseType>(),
        },
        Scheme {
            slug: "authority",
            zh: "权力来源",
            en: "Source of authority",
            concepts: values::<Authority>(),
        },
        Scheme {
            slug: ROLE,
            zh: "参与角色",
            en: "Participation role",
            concepts: vec![
                (JOINT, "联办机构", "Joint handling department"),
                (DELEGATING, "下放机关", "Delegating authority"),
                (ENTRUSTING, "委托机关", "Entrusting authority"),
            ],
        },
        Scheme {
            slug: CHANNEL,
            zh: "办理渠道",
            en: "Channel type",
            concepts: vec![
                (IN_PERSON, "窗口办理", "In person"),
                online(Online::Full),
                online(Online::Partial),
            ],
        },
    ]
}

fn labels(zh: &str, en: &str) -> Value {
    json!({"zh": zh, "en": en})
}

/// Every scheme and its concepts, as graph nodes.
pub fn scheme_nodes(iris: &Iris) -> Vec<Value> {
    let mut nodes = Vec::new();
    for scheme in schemes() {
        let scheme_iri = iris.scheme(scheme.slug);
        nodes.push(json!({
            "@id": scheme_iri,
            "@type": "ConceptScheme",
            "prefLabel": labels(scheme.zh, scheme.en),
        }));
        for (key, zh, en) in scheme.concepts {
            nodes.push(json!({
                "@id": iris.concept(scheme.slug, key),
                "@type": "Concept",
                "inScheme": scheme_iri,
                "notation": key,
                "prefLabel": labels(zh, en),
            }));
        }
    }
    nodes
}

/// The authority-table concepts the document uses, typed so that a reader
/// (and the shapes) need not fetch the tables.
pub fn authority_nodes() -> Vec<Value> {
    vec![
        json!({
            "@id": CNY, "@type": "Concept", "inScheme": CURRENCY_SCHEME,
            "notation": "CNY", "prefLabel": labels("人民币", "Renminbi"),
        }),
        json!({
            "@id": ZHO, "@type": ["Concept", "dct:LinguisticSystem"], "inScheme": LANGUAGE_SCHEME,
            "notation": "ZHO", "prefLabel": labels("中文", "Chinese"),
        }),
    ]
}

/// A node with the optional properties that have a value.
pub fn node(pairs: Vec<(&str, Option<Value>)>) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs {
        if let Some(value) = value {
            map.insert(key.to_string(), value);
        }
    }
    Value::Object(map)
}
