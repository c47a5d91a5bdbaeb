//! The catalog as linked data (docs/export.md, `export --format jsonld`):
//! one CPSV-AP 3.2 `PublicService` per active item, in a JSON-LD document
//! whose `@context` is written inline, so that it expands offline. The
//! document conforms to the SHACL shapes SEMIC publishes with CPSV-AP
//! 3.2.0 (`scripts/cpsv-ap-conformance`, `tests/jsonld.rs`).
//!
//! The graph holds, one node per line: the dataset (`dataset`), the
//! concept schemes (`vocab`), the departments, themes and legal resources
//! the services share, then the services. IRIs: `iris`.
//!
//! How the record maps:
//! - code → `dct:identifier` (an uncoded item: its file); reference_code →
//!   `adms:identifier`; name → `dct:title`@zh; kind → `dct:type`, category
//!   → `cv:thematicArea`, targets → `dct:audience`, level →
//!   `qingdan:level` (concepts of the schemes in `vocab`); themes →
//!   `cv:isGroupedBy` a `cv:Event` per theme; department →
//!   `cv:hasCompetentAuthority`; legal_basis → `cv:hasLegalResource`;
//! - an item has no description field: `dct:description` is its acceptance
//!   scope (受理范围), else a sentence naming department, category and item;
//! - conditions → `cv:Requirement`s; materials → `cv:Evidence` (`cpsv:hasInput`);
//!   process → one `cpsv:Rule` (`cpsv:follows`) describing the steps;
//! - ISO 8601 has no working day: `processingTime` is `PnD` for the promised
//!   limit (the legal one when none is promised) and `qingdan:workingDays`
//!   says whether those days are working days (工作日) or calendar days;
//! - fee → `cv:Cost`s in CNY (EU currency table; one of value 0 when
//!   free), one per charge with its name, standard, basis and pricing as
//!   the description;
//! - legal_basis `role: setting` → also `qingdan:settingBasis` (CPSV-AP
//!   has one `cv:hasLegalResource` for every basis and the legal resource
//!   is shared by items, so the role belongs to the link, not the node);
//! - material `when` and `blank_form` → the evidence's description;
//! - result → `cpsv:produces` a `cv:Output` (`{item}#output`): name (else
//!   "{item}的办理结果"), kind as a concept of the `result-kind` scheme,
//!   delivery and sample as its description;
//! - sub-items (`parent`) → `cv:relatedService` both ways, and
//!   `qingdan:mainService` from the sub-item to its main item;
//! - joint_departments → a `cv:Participation` each (role `joint`, the
//!   department as participant); delegated_from → one more (role
//!   `delegating`, `entrusting` for an entrusted item), its agent named by
//!   the text; authority → `qingdan:authority`, case_type →
//!   `qingdan:caseType` (concepts);
//! - accepting unit, location and hours → the in-person `cv:Channel`
//!   (hours as its `openingHours`); each of `locations` → one more
//!   (`#channel-in_person-N`: `locn:address`, `openingHours`, its phone
//!   in a `cv:ContactPoint` the channel names); online → an online
//!   channel, describing `online_url` and naming the online contact
//!   point; consultation, complaint, the places' phones and online_url
//!   → `cv:ContactPoint`s, with the telephone numbers and web pages
//!   found in the text;
//! - quantity_limit → `qingdan:quantityLimit`; the services flags →
//!   `qingdan:appointment`, `mailMaterials`, `selfService`,
//!   `anyLocation`, `proxyService`; proxy, commitment, transferable,
//!   visits → `qingdan:` terms; remarks → `rdfs:comment`; guide, status
//!   and ignore are bookkeeping, not published.
//! - intermediaries → `cv:requires` the intermediary service, itself a
//!   `PublicService` (`{base}service/intermediaries/{id}`) whose competent authority
//!   is the department in charge and whose thematic areas and audience are
//!   those of the published items requiring it (only services some
//!   published item requires are described; basis, pricing and standard
//!   make its description).
//!
//! One node per line inside `@graph`: the same catalog gives the same bytes.

mod dataset;
pub(crate) mod iris;
mod vocab;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

pub use dataset::description as dataset_description;
pub use iris::Iris;

use super::ExportError;
use super::html::split_urls;
use super::output;
use crate::catalog::{Catalog, LoadedItem};
use crate::i18n::{self, Arg, Lang, Texts};
use crate::model::{Authority, BasisRole, Item, Labelled, Limit, Material, Online, Step};
use dataset::text;
use vocab::{CHANNEL, CNY, DELEGATING, ENTRUSTING, IN_PERSON, JOINT, ROLE, ZHO, node};

/// JSON-LD's lookup: its own words and the general messages.
pub static TEXTS: Texts = Texts::new(|| vec![MESSAGES, i18n::MESSAGES]);

pub(super) fn tr(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
    TEXTS.tr(lang, key, args)
}

pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "jsonld.description",
        "{department}实施的{category}类公共服务事项：{name}",
        "{category} service of {department}: {name}",
    ),
    ("jsonld.free", "不收费", "Free of charge"),
    (
        "jsonld.copies",
        "{copies} 份",
        "{copies} {copies:copy|copies}",
    ),
    (
        "jsonld.fee_basis",
        "收费依据：{basis}",
        "Fee basis: {basis}",
    ),
    (
        "jsonld.pricing",
        "定价方式：{pricing}",
        "Pricing: {pricing}",
    ),
    (
        "jsonld.common_errors",
        "常见错误示例：{errors}",
        "Common errors: {errors}",
    ),
    ("jsonld.sample", "示范文本：{sample}", "Sample: {sample}"),
    (
        "jsonld.shared",
        "可共享获取：{from}",
        "Obtainable by data sharing: {from}",
    ),
    ("jsonld.process", "办理流程", "Process"),
    (
        "jsonld.intermediary",
        "中介服务事项：{name}",
        "Intermediary service: {name}",
    ),
    (
        "jsonld.intermediary.basis",
        "设定依据：{value}",
        "Basis: {value}",
    ),
    (
        "jsonld.intermediary.pricing",
        "价格形式：{value}",
        "Pricing: {value}",
    ),
    (
        "jsonld.intermediary.standard",
        "收费标准：{value}",
        "Fee standard: {value}",
    ),
    (
        "jsonld.intermediary.qualification",
        "机构资质要求：{value}",
        "Qualification required: {value}",
    ),
    ("jsonld.complaint", "监督投诉", "Complaints"),
    ("jsonld.online", "网上办理", "Online"),
    ("jsonld.online_at", "网上办理：{url}", "Online: {url}"),
    ("jsonld.result", "{name}的办理结果", "Result of {name}"),
    ("jsonld.delivery", "送达方式：{ways}", "Delivered: {ways}"),
    (
        "jsonld.result_sample",
        "结果样本：{sample}",
        "Sample of the result: {sample}",
    ),
    ("jsonld.when", "提供情形：{when}", "Needed when: {when}"),
    (
        "jsonld.blank_form",
        "空白表格：{form}",
        "Blank form: {form}",
    ),
    (
        "jsonld.joint",
        "{department}联合办理",
        "Handled jointly with {department}",
    ),
    (
        "jsonld.delegated",
        "由{authority}下放",
        "Delegated by {authority}",
    ),
    (
        "jsonld.entrusted",
        "受{authority}委托",
        "Entrusted by {authority}",
    ),
    (
        "jsonld.dataset.title",
        "{region}公共服务事项清单",
        "Public service catalog of {region}",
    ),
    (
        "jsonld.dataset.description",
        "{region}公共服务事项清单：{count} 个在用事项，按 CPSV-AP 3.2 描述。",
        "The public service catalog of {region}: {count} active items, described in CPSV-AP 3.2.",
    ),
    (
        "jsonld.government",
        "{region}人民政府",
        "People's Government of {region}",
    ),
    (
        "jsonld.no_base_iri",
        "警告：catalog.yaml 没有 publication.base_iri，关联数据的 IRI 用 urn:qingdan:（不能解析访问）；请写明发布地址，如 base_iri: https://…/",
        "warning: catalog.yaml has no publication.base_iri, so the linked data is named with urn:qingdan: IRIs (they cannot be looked up); state where the catalog is published, e.g. base_iri: https://…/",
    ),
];

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
    let iris = Iris::new(&catalog.config);
    writeln!(
        w,
        "{{\n\"@context\": {},\n\"@graph\": [",
        serde_json::to_string_pretty(&vocab::context())?
    )?;
    let mut shared = dataset::nodes(catalog, items, &iris, lang);
    shared.extend(vocab::authority_nodes());
    shared.extend(vocab::scheme_nodes(&iris));
    shared.extend(shared_nodes(catalog, items, &iris));
    shared.extend(intermediary_nodes(catalog, items, &iris, lang));
    let links = SubItems::new(catalog, items, &iris);
    for node in &shared {
        serde_json::to_writer(&mut *w, node)?;
        w.write_all(if items.is_empty() { b"\n" } else { b",\n" })?;
    }
    for (i, (loaded, item)) in items.iter().enumerate() {
        let service = Service::new(catalog, &iris, loaded, item, lang).linked(&links, i);
        serde_json::to_writer(&mut *w, &service.node())?;
        w.write_all(if i + 1 < items.len() { b",\n" } else { b"\n" })?;
    }
    w.write_all(b"]\n}\n")
}

/// The nodes services share, each once: departments, themes as events,
/// legal resources; sorted by IRI.
fn shared_nodes(catalog: &Catalog, items: &[(&LoadedItem, &Item)], iris: &Iris) -> Vec<Value> {
    let mut nodes: BTreeMap<String, Value> = BTreeMap::new();
    let region = iris.region(&catalog.config.region.code);
    for (_, item) in items {
        // The competent authority and the departments handling it jointly
        // (participants, so `foaf:Agent`s with a title as well).
        for id_key in std::iter::once(&item.department).chain(&item.joint_departments) {
            let department = catalog.department(id_key);
            let id = iris.organisation(id_key, department);
            nodes.entry(id.clone()).or_insert_with(|| {
                let name = department.map_or(id_key.as_str(), |d| d.name.as_str());
                json!({
                    "@id": id,
                    "@type": ["PublicOrganisation", "foaf:Agent"],
                    "identifier": department.map_or(id_key.as_str(), |d| d.credit_code.as_str()),
                    "name": name,
                    "prefLabel": {"zh": name},
                    "spatial": region,
                })
            });
        }
        for theme in &item.themes {
            let id = iris.event(theme);
            nodes.entry(id.clone()).or_insert_with(
                || json!({"@id": id, "@type": "Event", "identifier": theme, "name": theme}),
            );
        }
        for basis in &item.legal_basis {
            let id = iris.legal_resource(basis);
            let title = format!("{}{}", basis.title, basis.article.as_deref().unwrap_or(""));
            nodes
                .entry(id.clone())
                .or_insert_with(|| json!({"@id": id, "@type": "LegalResource", "name": title}));
        }
    }
    nodes.into_values().collect()
}

/// The intermediary services the published items require, each a
/// `PublicService` with its department in charge (a `PublicOrganisation`
/// node when no item's department is it already): in file order.
fn intermediary_nodes(
    catalog: &Catalog,
    items: &[(&LoadedItem, &Item)],
    iris: &Iris,
    lang: Lang,
) -> Vec<Value> {
    let mut out = Vec::new();
    let region = iris.region(&catalog.config.region.code);
    for service in catalog
        .intermediaries
        .iter()
        .filter(|s| s.record.is_active())
    {
        let requiring: Vec<&Item> = items
            .iter()
            .filter(|(_, item)| item.intermediaries.contains(&service.id))
            .map(|(_, item)| *item)
            .collect();
        if requiring.is_empty() {
            continue;
        }
        let record = &service.record;
        let mut categories: Vec<&str> = requiring.iter().map(|i| i.category.key()).collect();
        categories.sort_unstable();
        categories.dedup();
        let mut targets: Vec<&str> = requiring
            .iter()
            .flat_map(|i| i.targets.iter().map(|t| t.key()))
            .collect();
        targets.sort_unstable();
        targets.dedup();
        let department = catalog.department(&record.department);
        let authority = iris.organisation(&record.department, department);
        if !items.iter().any(|(_, i)| i.department == record.department) {
            out.push(json!({
                "@id": authority,
                "@type": "PublicOrganisation",
                "identifier": department.map_or(record.department.as_str(), |d| d.credit_code.as_str()),
                "prefLabel": {"zh": department.map_or(record.department.as_str(), |d| d.name.as_str())},
                "spatial": region,
            }));
        }
        let mut lines = vec![tr(
            lang,
            "jsonld.intermediary",
            &[("name", record.name.as_str().into())],
        )];
        let pricing = record.pricing.map(|p| lang.pick(p.zh(), p.en()));
        for (key, value) in [
            ("jsonld.intermediary.basis", record.basis.as_deref()),
            ("jsonld.intermediary.pricing", pricing),
            ("jsonld.intermediary.standard", record.standard.as_deref()),
            (
                "jsonld.intermediary.qualification",
                record.qualification.as_deref(),
            ),
        ] {
            if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                lines.push(tr(lang, key, &[("value", value.into())]));
            }
        }
        let concepts = |scheme: &str, keys: &[&str]| -> Value {
            json!(
                keys.iter()
                    .map(|k| iris.concept(scheme, k))
                    .collect::<Vec<_>>()
            )
        };
        out.push(node(vec![
            ("@id", Some(json!(intermediary_iri(iris, &service.id)))),
            ("@type", Some(json!("PublicService"))),
            (
                "identifier",
                Some(json!(format!("intermediaries/{}", service.id))),
            ),
            ("name", Some(json!(record.name))),
            (
                "description",
                Some(text(lang, lines.join(lang.pick("；", "; ")))),
            ),
            ("thematicArea", Some(concepts("category", &categories))),
            ("addressee", Some(concepts("target", &targets))),
            ("hasCompetentAuthority", Some(json!(authority))),
            ("spatial", Some(json!(region))),
            ("language", Some(json!(ZHO))),
            ("isPartOf", Some(json!(iris.under("dataset")))),
        ]));
    }
    out
}

/// The IRI of an intermediary service.
fn intermediary_iri(iris: &Iris, id: &str) -> String {
    iris.under(&format!("service/intermediaries/{}", iris::iri_part(id)))
}

/// Main items and sub-items among the published items (`parent`, resolved
/// by the catalog): each item's main service and sub-services, as IRIs.
struct SubItems {
    main: Vec<Option<String>>,
    subs: Vec<Vec<String>>,
}

impl SubItems {
    fn new(catalog: &Catalog, items: &[(&LoadedItem, &Item)], iris: &Iris) -> SubItems {
        let index: HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, (loaded, _))| (loaded.file.as_str(), i))
            .collect();
        let ids: Vec<String> = items
            .iter()
            .map(|(loaded, item)| iris.service(item, &loaded.file))
            .collect();
        let mut main = vec![None; items.len()];
        let mut subs = vec![Vec::new(); items.len()];
        for (i, (_, item)) in items.iter().enumerate() {
            let Some(m) = catalog
                .parent_of(item)
                .and_then(|p| index.get(p.file.as_str()).copied())
                .filter(|m| *m != i)
            else {
                continue;
            };
            main[i] = Some(ids[m].clone());
            subs[m].push(ids[i].clone());
        }
        SubItems { main, subs }
    }
}

/// One item on its way to a `PublicService` node.
struct Service<'a> {
    catalog: &'a Catalog,
    iris: &'a Iris,
    item: &'a Item,
    lang: Lang,
    /// The service's IRI; its parts are fragments of it.
    id: String,
    /// The service's identifier; its parts' identifiers extend it.
    identifier: &'a str,
    /// Its main item's service, for a sub-item.
    main: Option<String>,
    /// Its sub-items' services, for a main item.
    subs: Vec<String>,
}

impl<'a> Service<'a> {
    fn new(
        catalog: &'a Catalog,
        iris: &'a Iris,
        loaded: &'a LoadedItem,
        item: &'a Item,
        lang: Lang,
    ) -> Service<'a> {
        Service {
            catalog,
            iris,
            item,
            lang,
            id: iris.service(item, &loaded.file),
            identifier: item.code.as_deref().unwrap_or(&loaded.file),
            main: None,
            subs: Vec::new(),
        }
    }

    /// With its main item or sub-items, `i` being its place in `links`.
    fn linked(mut self, links: &SubItems, i: usize) -> Service<'a> {
        self.main = links.main[i].clone();
        self.subs = links.subs[i].clone();
        self
    }

    fn node(&self) -> Value {
        let item = self.item;
        let iris = self.iris;
        let (processing_time, working_days) = processing_time(item);
        let concepts = |scheme: &str, keys: Vec<&str>| {
            let iris: Vec<String> = keys.iter().map(|k| iris.concept(scheme, k)).collect();
            (!iris.is_empty()).then(|| json!(iris))
        };
        let related: Vec<Value> = self
            .main
            .iter()
            .chain(&self.subs)
            .map(|s| json!(s))
            .collect();
        let services = item.services.as_ref();
        let flag = |get: fn(&crate::model::Services) -> Option<bool>| {
            services.and_then(get).map(Value::from)
        };
        node(vec![
            ("@id", Some(json!(self.id))),
            ("@type", Some(json!("PublicService"))),
            ("identifier", Some(json!(self.identifier))),
            (
                "referenceIdentifier",
                item.reference_code
                    .as_ref()
                    .map(|c| json!({"@type": "adms:Identifier", "notation": c})),
            ),
            ("name", Some(json!(item.name))),
            ("description", Some(self.description())),
            ("type", concepts("item-kind", vec![item.kind.key()])),
            (
                "thematicArea",
                concepts("category", vec![item.category.key()]),
            ),
            (
                "addressee",
                concepts("target", item.targets.iter().map(|t| t.key()).collect()),
            ),
            (
                "level",
                item.level.map(|l| json!(iris.concept("level", l.key()))),
            ),
            (
                "isGroupedBy",
                list(item.themes.iter().map(|t| json!(iris.event(t))).collect()),
            ),
            (
                "hasCompetentAuthority",
                Some(json!(iris.organisation(
                    &item.department,
                    self.catalog.department(&item.department)
                ))),
            ),
            (
                "spatial",
                Some(json!(iris.region(&self.catalog.config.region.code))),
            ),
            ("language", Some(json!(ZHO))),
            ("isPartOf", Some(json!(iris.under("dataset")))),
            (
                "hasLegalResource",
                list(
                    item.legal_basis
                        .iter()
                        .map(|b| json!(iris.legal_resource(b)))
                        .collect(),
                ),
            ),
            (
                "settingBasis",
                list(
                    item.legal_basis
                        .iter()
                        .filter(|b| b.role == BasisRole::Setting)
                        .map(|b| json!(iris.legal_resource(b)))
                        .collect(),
                ),
            ),
            ("hasParticipation", list(self.participations())),
            (
                "authority",
                item.authority
                    .map(|a| json!(iris.concept("authority", a.key()))),
            ),
            ("relatedService", list(related)),
            ("mainService", self.main.as_ref().map(|m| json!(m))),
            ("holdsRequirement", list(self.requirements())),
            ("hasInput", list(self.evidences())),
            ("follows", self.rule()),
            ("produces", self.output()),
            ("hasCost", item.fee.as_ref().map(|fee| self.costs(fee))),
            ("processingTime", processing_time.map(Value::from)),
            ("workingDays", working_days.map(Value::from)),
            (
                "caseType",
                item.case_type
                    .map(|c| json!(iris.concept("case-type", c.key()))),
            ),
            (
                "quantityLimit",
                item.quantity_limit.as_ref().map(|q| json!(q)),
            ),
            ("hasChannel", list(self.channels())),
            ("contactPoint", list(self.contact_points())),
            ("proxy", item.proxy.map(Value::from)),
            ("commitment", item.commitment.map(Value::from)),
            ("transferable", item.transferable.map(Value::from)),
            ("visits", item.visits.map(Value::from)),
            ("appointment", flag(|s| s.appointment)),
            ("mailMaterials", flag(|s| s.mail)),
            ("selfService", flag(|s| s.self_service)),
            ("anyLocation", flag(|s| s.any_location)),
            ("proxyService", flag(|s| s.proxy)),
            ("comment", item.remarks.as_ref().map(|r| json!(r))),
            ("requires", list(self.required_services())),
        ])
    }

    /// The intermediary services the item requires that the catalog has
    /// (an unknown id is `intermediary-link`'s finding, not a dangling link).
    fn required_services(&self) -> Vec<Value> {
        self.item
            .intermediaries
            .iter()
            .filter(|id| {
                self.catalog
                    .intermediary(id)
                    .is_some_and(|s| s.record.is_active())
            })
            .map(|id| json!(intermediary_iri(self.iris, id)))
            .collect()
    }

    /// A part of the service: its IRI (a fragment of the service's) and
    /// identifier.
    fn part(&self, kind: &str, suffix: &str) -> (String, String) {
        (
            format!("{}#{kind}{suffix}", self.id),
            format!("{}#{kind}{suffix}", self.identifier),
        )
    }

    /// Text of qingdan's own words, tagged with its language.
    fn own(&self, key: &str, args: &[(&'static str, crate::finding::Arg)]) -> Value {
        text(self.lang, tr(self.lang, key, args))
    }

    fn description(&self) -> Value {
        let item = self.item;
        if let Some(scope) = item
            .acceptance_scope
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            return json!(scope);
        }
        let department = self
            .catalog
            .department(&item.department)
            .map_or(item.department.as_str(), |d| d.name.as_str());
        let category = self.lang.pick(item.category.zh(), item.category.en());
        self.own(
            "jsonld.description",
            &[
                ("department", department.to_string().into()),
                ("category", category.to_string().into()),
                ("name", item.name.clone().into()),
            ],
        )
    }

    fn requirements(&self) -> Vec<Value> {
        numbered(&self.item.conditions)
            .map(|(n, condition)| {
                let (id, identifier) = self.part("requirement-", &n);
                json!({"@id": id, "@type": "Requirement", "identifier": identifier, "name": condition})
            })
            .collect()
    }

    fn evidences(&self) -> Vec<Value> {
        numbered(&self.item.materials)
            .map(|(n, material)| {
                let (id, identifier) = self.part("evidence-", &n);
                node(vec![
                    ("@id", Some(json!(id))),
                    ("@type", Some(json!("Evidence"))),
                    ("identifier", Some(json!(identifier))),
                    ("name", Some(json!(material.name))),
                    ("description", self.evidence_description(material)),
                ])
            })
            .collect()
    }

    /// Form, copies, source, proof basis, sharing, sample and common
    /// errors, in the export's language.
    fn evidence_description(&self, material: &Material) -> Option<Value> {
        let lang = self.lang;
        let mut parts: Vec<String> = Vec::new();
        if let Some(form) = material.form {
            parts.push(lang.pick(form.zh(), form.en()).to_string());
        }
        if let Some(copies) = material.copies {
            parts.push(tr(
                lang,
                "jsonld.copies",
                &[("copies", (copies as usize).into())],
            ));
        }
        if let Some(source) = material.source {
            parts.push(lang.pick(source.zh(), source.en()).to_string());
        }
        if let Some(when) = &material.when {
            parts.push(tr(lang, "jsonld.when", &[("when", when.clone().into())]));
        }
        if let Some(basis) = material.basis.as_deref().filter(|_| material.proof) {
            parts.push(basis.to_string());
        }
        if material.shared {
            let from = material.shared_from.clone().unwrap_or_default();
            parts.push(tr(lang, "jsonld.shared", &[("from", from.into())]));
        }
        if let Some(sample) = &material.sample {
            parts.push(tr(
                lang,
                "jsonld.sample",
                &[("sample", sample.clone().into())],
            ));
        }
        if let Some(form) = &material.blank_form {
            parts.push(tr(
                lang,
                "jsonld.blank_form",
                &[("form", form.clone().into())],
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
        (!parts.is_empty()).then(|| text(lang, parts.join(lang.pick("；", "; "))))
    }

    /// The process as the one rule the service follows.
    fn rule(&self) -> Option<Value> {
        if self.item.process.is_empty() {
            return None;
        }
        let steps: Vec<String> = numbered(&self.item.process)
            .map(|(n, step)| format!("{n}. {}", step_text(step)))
            .collect();
        let (id, identifier) = self.part("process", "");
        Some(json!({
            "@id": id,
            "@type": "Rule",
            "identifier": identifier,
            "name": self.own("jsonld.process", &[]),
            "description": steps.join("；"),
        }))
    }

    /// The fee as `cv:Cost`s: one of 0 CNY when free; else one per charge
    /// (`Fee::charges`: the rows of `fee.items`, or the older standard and
    /// basis as one), its name, standard, basis and pricing as the
    /// description. A single cost is `#cost` and stands alone; several are
    /// `#cost-1`, `#cost-2`… in a list.
    fn costs(&self, fee: &crate::model::Fee) -> Value {
        let charges = fee.charges();
        if charges.len() > 1 {
            let costs = charges.iter().enumerate().map(|(i, charge)| {
                let description = self.charge_text(charge);
                self.cost(&format!("-{}", i + 1), None, description)
            });
            return Value::Array(costs.collect());
        }
        match charges.first() {
            Some(charge) => self.cost("", None, self.charge_text(charge)),
            None if fee.charged => self.cost("", None, None),
            None => self.cost("", Some(0.0), Some(self.own("jsonld.free", &[]))),
        }
    }

    fn cost(&self, suffix: &str, value: Option<f64>, description: Option<Value>) -> Value {
        let (id, identifier) = self.part("cost", suffix);
        node(vec![
            ("@id", Some(json!(id))),
            ("@type", Some(json!("Cost"))),
            ("identifier", Some(json!(identifier))),
            ("hasValue", value.map(|v| json!(v))),
            ("currency", Some(json!(CNY))),
            ("description", description),
        ])
    }

    /// `居民户表安装工程费：每户680元；收费依据：…；定价方式：政府定价`.
    fn charge_text(&self, charge: &crate::model::ChargeView) -> Option<Value> {
        let lang = self.lang;
        let head = match (charge.name, charge.standard) {
            (Some(name), Some(standard)) => {
                Some(format!("{name}{}{standard}", lang.pick("：", ": ")))
            }
            (name, standard) => name.or(standard).map(String::from),
        };
        let basis = charge
            .basis
            .map(|b| tr(lang, "jsonld.fee_basis", &[("basis", b.to_string().into())]));
        let pricing = charge.pricing.map(|p| {
            let label = lang.pick(p.zh(), p.en());
            tr(lang, "jsonld.pricing", &[("pricing", label.into())])
        });
        let parts: Vec<String> = head.into_iter().chain(basis).chain(pricing).collect();
        (!parts.is_empty()).then(|| text(lang, parts.join(lang.pick("；", "; "))))
    }

    /// The result as the service's `cv:Output`: its name (the item's name
    /// when the result has none), kind and, as the description, how it
    /// is delivered and its sample.
    fn output(&self) -> Option<Value> {
        let result = self.item.result.as_ref()?;
        let lang = self.lang;
        let (id, identifier) = self.part("output", "");
        let name = match result.name.as_deref().filter(|n| !n.trim().is_empty()) {
            Some(name) => json!(name),
            None => self.own("jsonld.result", &[("name", self.item.name.clone().into())]),
        };
        let mut parts = Vec::new();
        if !result.delivery.is_empty() {
            let ways: Vec<&str> = result
                .delivery
                .iter()
                .map(|d| lang.pick(d.zh(), d.en()))
                .collect();
            let ways = ways.join(lang.pick("、", ", "));
            parts.push(tr(lang, "jsonld.delivery", &[("ways", ways.into())]));
        }
        if let Some(sample) = &result.sample {
            parts.push(tr(
                lang,
                "jsonld.result_sample",
                &[("sample", sample.clone().into())],
            ));
        }
        Some(node(vec![
            ("@id", Some(json!(id))),
            ("@type", Some(json!("Output"))),
            ("identifier", Some(json!(identifier))),
            ("name", Some(name)),
            (
                "type",
                result
                    .kind
                    .map(|k| json!(self.iris.concept("result-kind", k.key()))),
            ),
            (
                "description",
                (!parts.is_empty()).then(|| text(lang, parts.join(lang.pick("；", "; ")))),
            ),
            ("language", Some(json!(ZHO))),
        ]))
    }

    /// The departments handling the item jointly, and who delegated or
    /// entrusted it, as `cv:Participation`s.
    fn participations(&self) -> Vec<Value> {
        let item = self.item;
        let mut out = Vec::new();
        for (n, id) in numbered(&item.joint_departments) {
            let department = self.catalog.department(id);
            let name = department.map_or(id.as_str(), |d| d.name.as_str());
            out.push(self.participation(
                &format!("joint-{n}"),
                JOINT,
                json!(self.iris.organisation(id, department)),
                self.own("jsonld.joint", &[("department", name.to_string().into())]),
            ));
        }
        if let Some(from) = item
            .delegated_from
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            let (role, key) = if item.authority == Some(Authority::Entrusted) {
                (ENTRUSTING, "jsonld.entrusted")
            } else {
                (DELEGATING, "jsonld.delegated")
            };
            let agent = self.iris.agent(from);
            let participant = json!({
                "@id": agent,
                "@type": "foaf:Agent",
                "identifier": from,
                "name": from,
            });
            out.push(self.participation(
                "delegated",
                role,
                participant,
                self.own(key, &[("authority", from.to_string().into())]),
            ));
        }
        out
    }

    fn participation(
        &self,
        kind: &str,
        role: &str,
        participant: Value,
        description: Value,
    ) -> Value {
        let (id, identifier) = self.part("participation-", kind);
        json!({
            "@id": id,
            "@type": "Participation",
            "identifier": identifier,
            "description": description,
            "role": self.iris.concept(ROLE, role),
            "hasParticipant": participant,
        })
    }

    /// The window (who, where and when), one in-person channel per place
    /// of `locations`, and, for items handled online, the web.
    fn channels(&self) -> Vec<Value> {
        let item = self.item;
        let mut out = Vec::new();
        let place: Vec<&str> = [item.accepting_unit.as_deref(), item.location.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !place.is_empty() || item.hours.is_some() {
            let (id, identifier) = self.part("channel-", IN_PERSON);
            out.push(node(vec![
                ("@id", Some(json!(id))),
                ("@type", Some(json!("Channel"))),
                ("identifier", Some(json!(identifier))),
                ("type", Some(json!(self.iris.concept(CHANNEL, IN_PERSON)))),
                (
                    "description",
                    (!place.is_empty()).then(|| json!(place.join("；"))),
                ),
                ("openingHours", self.hours("hours", item.hours.as_deref())),
            ]));
        }
        for (n, place) in numbered(&item.locations) {
            let (id, identifier) = self.part("channel-", &format!("{IN_PERSON}-{n}"));
            let address = place.address.as_ref().map(|address| {
                let (id, _) = self.part("address-", &n);
                json!({"@id": id, "@type": "Address", "fullAddress": address})
            });
            let contact = place
                .phone
                .as_ref()
                .map(|_| json!(self.part("contact-", &format!("{IN_PERSON}-{n}")).0));
            out.push(node(vec![
                ("@id", Some(json!(id))),
                ("@type", Some(json!("Channel"))),
                ("identifier", Some(json!(identifier))),
                ("type", Some(json!(self.iris.concept(CHANNEL, IN_PERSON)))),
                ("description", Some(json!(place.name))),
                ("address", address),
                (
                    "openingHours",
                    self.hours(&format!("hours-{n}"), place.hours.as_deref()),
                ),
                ("contactPoint", contact),
            ]));
        }
        if let Some(online) = item.online.filter(|o| *o != Online::NotOnline) {
            let (id, identifier) = self.part("channel-", "online");
            let url = item.online_url.as_deref().filter(|u| !u.trim().is_empty());
            let description = match url {
                Some(url) => self.own("jsonld.online_at", &[("url", url.to_string().into())]),
                None => self.own("jsonld.online", &[]),
            };
            out.push(node(vec![
                ("@id", Some(json!(id))),
                ("@type", Some(json!("Channel"))),
                ("identifier", Some(json!(identifier))),
                (
                    "type",
                    Some(json!(self.iris.concept(CHANNEL, online.key()))),
                ),
                ("description", Some(description)),
                (
                    "contactPoint",
                    url.map(|_| json!(self.part("contact-", "online").0)),
                ),
            ]));
        }
        out
    }

    /// Opening hours as a `time:TemporalEntity` described in words.
    fn hours(&self, kind: &str, hours: Option<&str>) -> Option<Value> {
        let hours = hours?;
        let (id, _) = self.part(kind, "");
        Some(json!({"@id": id, "@type": "time:TemporalEntity", "description": hours}))
    }

    /// Consultation, complaint, each place's telephone and the online
    /// address; a channel names the contact point of its own.
    fn contact_points(&self) -> Vec<Value> {
        let item = self.item;
        let mut out: Vec<Value> = Vec::new();
        out.extend(
            item.consultation
                .as_deref()
                .map(|text| self.contact_point("contact", text, None)),
        );
        out.extend(item.complaint.as_deref().map(|text| {
            self.contact_point("complaint", text, Some(self.own("jsonld.complaint", &[])))
        }));
        for (n, place) in numbered(&item.locations) {
            if let Some(phone) = &place.phone {
                let kind = format!("contact-{IN_PERSON}-{n}");
                out.push(self.contact_point(&kind, phone, Some(json!(place.name))));
            }
        }
        if let Some(url) = item.online_url.as_deref().filter(|u| !u.trim().is_empty()) {
            out.push(self.contact_point(
                "contact-online",
                url,
                Some(self.own("jsonld.online", &[])),
            ));
        }
        out
    }

    /// A contact text, with the telephone numbers and web pages in it.
    fn contact_point(&self, kind: &str, text: &str, name: Option<Value>) -> Value {
        let (id, identifier) = self.part(kind, "");
        let found = contact_details(text);
        let pages: Vec<Value> = found
            .pages
            .iter()
            .map(|url| json!({"@id": url, "@type": "foaf:Document"}))
            .collect();
        node(vec![
            ("@id", Some(json!(id))),
            ("@type", Some(json!("ContactPoint"))),
            ("identifier", Some(json!(identifier))),
            ("name", name),
            ("description", Some(json!(text))),
            (
                "telephone",
                list(found.telephones.into_iter().map(Value::from).collect()),
            ),
            ("contactPage", list(pages)),
        ])
    }
}

/// A list, or nothing when empty.
fn list(values: Vec<Value>) -> Option<Value> {
    (!values.is_empty()).then_some(Value::Array(values))
}

/// Entries numbered from 1, the number as text.
fn numbered<T>(entries: &[T]) -> impl Iterator<Item = (String, &T)> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| ((i + 1).to_string(), e))
}

/// 环节名称（办理人员，办理部门，时限，说明）.
fn step_text(step: &Step) -> String {
    let details: Vec<&str> = [&step.actor, &step.department, &step.time_limit, &step.note]
        .into_iter()
        .filter_map(|d| d.as_deref())
        .collect();
    if details.is_empty() {
        step.name.clone()
    } else {
        format!("{}（{}）", step.name, details.join("，"))
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

/// Telephone numbers and web pages found in a contact text.
struct ContactDetails {
    telephones: Vec<String>,
    pages: Vec<String>,
}

fn contact_details(text: &str) -> ContactDetails {
    let mut telephones = Vec::new();
    let mut pages = Vec::new();
    for (part, is_url) in split_urls(text) {
        if is_url {
            pages.push(part.to_string());
        } else {
            telephones.extend(phone_numbers(part));
        }
    }
    ContactDetails { telephones, pages }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, catalog_with};
    use crate::export::Publication;

    fn document(files: &[(&str, &str)], lang: Lang) -> Value {
        let catalog = catalog_with(files);
        let items = Publication::new(&catalog, lang, None).items;
        let mut bytes = Vec::new();
        write_to(&catalog, &items, lang, &mut bytes).unwrap();
        serde_json::from_slice(&bytes).expect("the document is JSON")
    }

    fn service(doc: &Value) -> &Value {
        doc["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@type"] == "PublicService")
            .expect("a service")
    }

    #[test]
    fn a_guide_item_becomes_a_public_service() {
        let doc = document(&[("items/wsjw/a.yaml", GUIDE_ITEM)], Lang::Zh);
        let service = service(&doc);
        assert_eq!(
            service["identifier"], "items/wsjw/a.yaml",
            "an uncoded item is named by its file"
        );
        let id = service["@id"].as_str().unwrap();
        assert_eq!(id, "urn:qingdan:330399:service/draft/wsjw/a");
        assert_eq!(service["processingTime"], "P3D");
        assert_eq!(service["workingDays"], true);
        assert_eq!(service["hasInput"][0]["name"], "居民身份证");
        assert_eq!(service["hasInput"][0]["@id"], format!("{id}#evidence-1"));
        assert_eq!(service["hasCost"]["hasValue"], 0.0);
        assert_eq!(service["hasCost"]["currency"], vocab::CNY);
        assert_eq!(service["contactPoint"][0]["telephone"][0], "0577-88990000");
        assert!(
            service["description"]
                .as_str()
                .unwrap()
                .contains("生育登记")
        );
    }

    #[test]
    fn legal_resources_and_departments_are_shared_nodes() {
        let doc = document(&[("items/wsjw/a.yaml", GUIDE_ITEM)], Lang::Zh);
        let service = service(&doc);
        let law = service["hasLegalResource"][0].as_str().unwrap();
        let node = doc["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@id"] == law)
            .expect("the legal resource is in the graph");
        assert_eq!(node["name"], "《中华人民共和国人口与计划生育法》第二十条");
    }

    #[test]
    fn each_charge_is_a_cost_with_its_name_standard_basis_and_pricing() {
        let fee = "fee:\n  charged: true\n  items:\n    - name: 工本费\n      standard: 每张20元\n      basis: 《某办法》第三条\n      pricing: government\n    - name: 邮寄费\n      pricing: market\n";
        let item = GUIDE_ITEM.replace("fee:\n  charged: false\n", fee);
        assert_ne!(item, GUIDE_ITEM, "the guide item states a fee to replace");
        let zh = document(&[("items/wsjw/a.yaml", item.as_str())], Lang::Zh);
        let costs = service(&zh)["hasCost"].as_array().unwrap().clone();
        assert_eq!(costs.len(), 2);
        let id = service(&zh)["@id"].as_str().unwrap().to_string();
        assert_eq!(costs[0]["@id"], format!("{id}#cost-1"));
        assert_eq!(
            costs[0]["description"],
            "工本费：每张20元；收费依据：《某办法》第三条；定价方式：政府定价"
        );
        assert_eq!(costs[1]["description"], "邮寄费；定价方式：市场调节价");
        assert!(costs.iter().all(|c| c.get("hasValue").is_none()));
        let en = document(&[("items/wsjw/a.yaml", item.as_str())], Lang::En);
        assert_eq!(
            service(&en)["hasCost"][1]["description"],
            json!({"@value": "邮寄费; Pricing: Market pricing", "@language": "en"})
        );
        // One charge stays one cost, `#cost`.
        let one = item.replace("    - name: 邮寄费\n      pricing: market\n", "");
        let doc = document(&[("items/wsjw/a.yaml", one.as_str())], Lang::Zh);
        assert_eq!(service(&doc)["hasCost"]["@id"], format!("{id}#cost"));
    }

    #[test]
    fn own_words_are_tagged_with_the_export_language() {
        let zh = document(&[("items/wsjw/a.yaml", GUIDE_ITEM)], Lang::Zh);
        assert_eq!(service(&zh)["hasCost"]["description"], "不收费");
        let en = document(&[("items/wsjw/a.yaml", GUIDE_ITEM)], Lang::En);
        assert_eq!(
            service(&en)["hasCost"]["description"],
            json!({"@value": "Free of charge", "@language": "en"})
        );
    }

    /// A main item with the whole service guide of issue 20, and its
    /// sub-item.
    fn linked_items() -> Vec<(&'static str, String)> {
        let main = format!(
            "{GUIDE_ITEM}\
authority: delegated
delegated_from: 浙江省卫生健康委员会
joint_departments: [mzj]
case_type: promised
quantity_limit: 每户每年限办一次
result:
  name: 生育服务证
  kind: licence
  delivery: [window, mail]
online: full
online_url: https://zwfw.example.cn/sydj
services: {{appointment: true, mail: false}}
locations:
  - name: 市民中心卫生窗口
    address: 瓯江市江滨中路100号
    hours: 工作日 9:00-17:00
    phone: 0577-88990001
"
        )
        .replace(
            "    article: 第二十条\n",
            "    article: 第二十条\n    role: setting\n  - title: 《浙江省人口与计划生育条例》\n",
        )
        .replace(
            "    source: government\n",
            "    source: government\n    when: 仅再生育时提供\n    blank_form: 生育登记表\n",
        );
        let sub =
            GUIDE_ITEM.replace("name: 生育登记", "name: 生育登记（再生育）") + "parent: a.yaml\n";
        vec![("items/wsjw/a.yaml", main), ("items/wsjw/b.yaml", sub)]
    }

    fn linked_document(lang: Lang) -> Value {
        let files = linked_items();
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        document(&files, lang)
    }

    fn service_named<'d>(doc: &'d Value, name: &str) -> &'d Value {
        doc["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@type"] == "PublicService" && n["name"] == name)
            .expect("the service")
    }

    #[test]
    fn the_result_is_the_output_the_service_produces() {
        let doc = linked_document(Lang::Zh);
        let main = service_named(&doc, "生育登记");
        let id = main["@id"].as_str().unwrap();
        let output = &main["produces"];
        assert_eq!(output["@type"], "Output");
        assert_eq!(output["@id"], format!("{id}#output"));
        assert_eq!(output["identifier"], "items/wsjw/a.yaml#output");
        assert_eq!(output["name"], "生育服务证");
        assert_eq!(
            output["type"],
            "urn:qingdan:330399:concept/result-kind/licence"
        );
        assert_eq!(output["description"], "送达方式：窗口领取、邮寄");
        let en = linked_document(Lang::En);
        assert_eq!(
            service_named(&en, "生育登记")["produces"]["description"],
            json!({"@value": "Delivered: Collected at the window, By post", "@language": "en"})
        );
    }

    #[test]
    fn main_item_and_sub_item_are_related_services() {
        let doc = linked_document(Lang::Zh);
        let main = service_named(&doc, "生育登记");
        let sub = service_named(&doc, "生育登记（再生育）");
        assert_eq!(main["relatedService"], json!([sub["@id"]]));
        assert_eq!(sub["relatedService"], json!([main["@id"]]));
        assert_eq!(sub["mainService"], main["@id"]);
        assert!(main.get("mainService").is_none(), "a main item has none");
    }

    #[test]
    fn each_place_is_an_in_person_channel_with_address_hours_and_phone() {
        let doc = linked_document(Lang::Zh);
        let main = service_named(&doc, "生育登记");
        let id = main["@id"].as_str().unwrap();
        let channels = main["hasChannel"].as_array().unwrap();
        let window = channels
            .iter()
            .find(|c| c["@id"] == format!("{id}#channel-in_person-1"))
            .expect("the place's channel");
        assert_eq!(window["description"], "市民中心卫生窗口");
        assert_eq!(
            window["type"],
            "urn:qingdan:330399:concept/channel-type/in_person"
        );
        assert_eq!(window["address"]["@type"], "Address");
        assert_eq!(window["address"]["fullAddress"], "瓯江市江滨中路100号");
        assert_eq!(window["openingHours"]["description"], "工作日 9:00-17:00");
        let contact = window["contactPoint"].as_str().unwrap();
        let point = main["contactPoint"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["@id"] == contact)
            .expect("the channel's contact point is the service's");
        assert_eq!(point["telephone"], json!(["0577-88990001"]));
        assert_eq!(point["name"], "市民中心卫生窗口");
    }

    #[test]
    fn the_online_address_is_the_online_channel_and_a_contact_page() {
        for (lang, description) in [
            (Lang::Zh, json!("网上办理：https://zwfw.example.cn/sydj")),
            (
                Lang::En,
                json!({"@value": "Online: https://zwfw.example.cn/sydj", "@language": "en"}),
            ),
        ] {
            let doc = linked_document(lang);
            let main = service_named(&doc, "生育登记");
            let id = main["@id"].as_str().unwrap();
            let online = main["hasChannel"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["@id"] == format!("{id}#channel-online"))
                .expect("the online channel");
            assert_eq!(
                online["type"],
                "urn:qingdan:330399:concept/channel-type/full"
            );
            assert_eq!(online["description"], description);
            assert_eq!(online["contactPoint"], format!("{id}#contact-online"));
            let page = main["contactPoint"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["@id"] == format!("{id}#contact-online"))
                .expect("the online contact point");
            assert_eq!(
                page["contactPage"],
                json!([{"@id": "https://zwfw.example.cn/sydj", "@type": "foaf:Document"}])
            );
        }
    }

    #[test]
    fn joint_departments_and_the_delegating_authority_participate() {
        let doc = linked_document(Lang::Zh);
        let main = service_named(&doc, "生育登记");
        let id = main["@id"].as_str().unwrap();
        let roles = "urn:qingdan:330399:concept/participation-role";
        let mzj = "urn:qingdan:330399:organisation/91440300708461136T";
        assert_eq!(
            main["hasParticipation"],
            json!([
                {
                    "@id": format!("{id}#participation-joint-1"),
                    "@type": "Participation",
                    "identifier": "items/wsjw/a.yaml#participation-joint-1",
                    "description": "瓯江市民政局联合办理",
                    "role": format!("{roles}/joint"),
                    "hasParticipant": mzj,
                },
                {
                    "@id": format!("{id}#participation-delegated"),
                    "@type": "Participation",
                    "identifier": "items/wsjw/a.yaml#participation-delegated",
                    "description": "由浙江省卫生健康委员会下放",
                    "role": format!("{roles}/delegating"),
                    "hasParticipant": {
                        "@id": "urn:qingdan:330399:agent/%E6%B5%99%E6%B1%9F%E7%9C%81%E5%8D%AB%E7%94%9F%E5%81%A5%E5%BA%B7%E5%A7%94%E5%91%98%E4%BC%9A",
                        "@type": "foaf:Agent",
                        "identifier": "浙江省卫生健康委员会",
                        "name": "浙江省卫生健康委员会",
                    },
                },
            ])
        );
        assert_eq!(
            main["authority"],
            "urn:qingdan:330399:concept/authority/delegated"
        );
        // The joint department is in the graph, an agent with a title,
        // though no item of its own is published.
        let node = doc["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@id"] == mzj)
            .expect("the joint department's node");
        assert_eq!(node["@type"], json!(["PublicOrganisation", "foaf:Agent"]));
        assert_eq!(node["name"], "瓯江市民政局");
    }

    #[test]
    fn the_setting_basis_is_told_apart_and_the_rest_are_qingdan_terms() {
        let doc = linked_document(Lang::Zh);
        let main = service_named(&doc, "生育登记");
        let all = main["hasLegalResource"].as_array().unwrap();
        assert_eq!(all.len(), 2, "every basis is a legal resource");
        assert_eq!(main["settingBasis"], json!([all[0]]));
        assert_eq!(
            main["caseType"],
            "urn:qingdan:330399:concept/case-type/promised"
        );
        assert_eq!(main["quantityLimit"], "每户每年限办一次");
        assert_eq!(main["appointment"], true);
        assert_eq!(main["mailMaterials"], false);
        assert!(main.get("selfService").is_none(), "unstated stays unstated");
        let evidence = &main["hasInput"][0]["description"];
        assert_eq!(
            evidence,
            "原件；1 份；政府部门核发；提供情形：仅再生育时提供；空白表格：生育登记表"
        );
    }

    #[test]
    fn phones_and_pages_in_consultation_text() {
        let found = contact_details(
            "电话：0577-88122001；地址：江滨中路100号；在线：https://a.cn/zx；2027年",
        );
        assert_eq!(found.telephones, vec!["0577-88122001"]);
        assert_eq!(found.pages, vec!["https://a.cn/zx"]);
    }
}
