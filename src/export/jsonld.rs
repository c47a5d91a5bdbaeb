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
//! - fee → a `cv:Cost` in CNY (EU currency table; a value of 0 when free),
//!   its standard and basis as the description;
//! - accepting unit, location and hours → the in-person `cv:Channel`
//!   (hours as its `openingHours`); online → an online channel;
//!   consultation and complaint → `cv:ContactPoint`s, with the telephone
//!   numbers and web pages found in the text;
//! - proxy, commitment, transferable, visits → `qingdan:` terms; remarks →
//!   `rdfs:comment`; guide, status and ignore are bookkeeping, not published;
//! - intermediaries → `cv:requires` the intermediary service, itself a
//!   `PublicService` (`{base}service/intermediaries/{id}`) whose competent authority
//!   is the department in charge and whose thematic areas and audience are
//!   those of the published items requiring it (only services some
//!   published item requires are described; basis, pricing and standard
//!   make its description).
//!
//! Record elements still to come slot in: a result → `cpsv:produces` a
//! `cv:Output` (`{item}#output`); sub-items → `cv:relatedService` (the
//! sub-item's own service IRI); locations → one in-person channel each
//! (`{item}#channel-in-person-N`); online_url → the online channel's
//! `cv:contactPage`-like page on the contact point and the channel's
//! description.
//!
//! One node per line inside `@graph`: the same catalog gives the same bytes.

mod dataset;
pub(crate) mod iris;
mod vocab;

use std::collections::BTreeMap;
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
use crate::model::{Item, Labelled, Limit, Material, Online, Step};
use dataset::text;
use vocab::{CHANNEL, CNY, IN_PERSON, ZHO, node};

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
        "jsonld.fee_basis",
        "收费依据：{basis}",
        "Fee basis: {basis}",
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
    for node in &shared {
        serde_json::to_writer(&mut *w, node)?;
        w.write_all(if items.is_empty() { b"\n" } else { b",\n" })?;
    }
    for (i, (loaded, item)) in items.iter().enumerate() {
        let service = Service::new(catalog, &iris, loaded, item, lang);
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
        let department = catalog.department(&item.department);
        let id = iris.organisation(&item.department, department);
        nodes.entry(id.clone()).or_insert_with(|| {
            json!({
                "@id": id,
                "@type": "PublicOrganisation",
                "identifier": department.map_or(item.department.as_str(), |d| d.credit_code.as_str()),
                "prefLabel": {"zh": department.map_or(item.department.as_str(), |d| d.name.as_str())},
                "spatial": region,
            })
        });
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
        }
    }

    fn node(&self) -> Value {
        let item = self.item;
        let iris = self.iris;
        let (processing_time, working_days) = processing_time(item);
        let concepts = |scheme: &str, keys: Vec<&str>| {
            let iris: Vec<String> = keys.iter().map(|k| iris.concept(scheme, k)).collect();
            (!iris.is_empty()).then(|| json!(iris))
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
            ("holdsRequirement", list(self.requirements())),
            ("hasInput", list(self.evidences())),
            ("follows", self.rule()),
            ("hasCost", item.fee.as_ref().map(|fee| self.cost(fee))),
            ("processingTime", processing_time.map(Value::from)),
            ("workingDays", working_days.map(Value::from)),
            ("hasChannel", list(self.channels())),
            ("contactPoint", list(self.contact_points())),
            ("proxy", item.proxy.map(Value::from)),
            ("commitment", item.commitment.map(Value::from)),
            ("transferable", item.transferable.map(Value::from)),
            ("visits", item.visits.map(Value::from)),
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

    fn cost(&self, fee: &crate::model::Fee) -> Value {
        let (id, identifier) = self.part("cost", "");
        let description = if fee.charged {
            let basis = fee.basis.as_ref().map(|b| {
                tr(
                    self.lang,
                    "jsonld.fee_basis",
                    &[("basis", b.clone().into())],
                )
            });
            let parts: Vec<String> = fee.standard.iter().cloned().chain(basis).collect();
            (!parts.is_empty()).then(|| text(self.lang, parts.join(self.lang.pick("；", "; "))))
        } else {
            Some(self.own("jsonld.free", &[]))
        };
        node(vec![
            ("@id", Some(json!(id))),
            ("@type", Some(json!("Cost"))),
            ("identifier", Some(json!(identifier))),
            ("hasValue", (!fee.charged).then(|| json!(0.0))),
            ("currency", Some(json!(CNY))),
            ("description", description),
        ])
    }

    /// The window (who, where and when) and, for items handled online, the web.
    fn channels(&self) -> Vec<Value> {
        let item = self.item;
        let mut out = Vec::new();
        let place: Vec<&str> = [item.accepting_unit.as_deref(), item.location.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !place.is_empty() || item.hours.is_some() {
            let (id, identifier) = self.part("channel-", IN_PERSON);
            let hours = item.hours.as_ref().map(|hours| {
                let (id, _) = self.part("hours", "");
                json!({"@id": id, "@type": "time:TemporalEntity", "description": hours})
            });
            out.push(node(vec![
                ("@id", Some(json!(id))),
                ("@type", Some(json!("Channel"))),
                ("identifier", Some(json!(identifier))),
                ("type", Some(json!(self.iris.concept(CHANNEL, IN_PERSON)))),
                (
                    "description",
                    (!place.is_empty()).then(|| json!(place.join("；"))),
                ),
                ("openingHours", hours),
            ]));
        }
        if let Some(online) = item.online.filter(|o| *o != Online::NotOnline) {
            let (id, identifier) = self.part("channel-", "online");
            out.push(json!({
                "@id": id,
                "@type": "Channel",
                "identifier": identifier,
                "type": self.iris.concept(CHANNEL, online.key()),
                "description": self.own("jsonld.online", &[]),
            }));
        }
        out
    }

    fn contact_points(&self) -> Vec<Value> {
        let item = self.item;
        let consultation = item
            .consultation
            .as_deref()
            .map(|text| self.contact_point("contact", text, None));
        let complaint = item.complaint.as_deref().map(|text| {
            self.contact_point("complaint", text, Some(self.own("jsonld.complaint", &[])))
        });
        consultation.into_iter().chain(complaint).collect()
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
    fn own_words_are_tagged_with_the_export_language() {
        let zh = document(&[("items/wsjw/a.yaml", GUIDE_ITEM)], Lang::Zh);
        assert_eq!(service(&zh)["hasCost"]["description"], "不收费");
        let en = document(&[("items/wsjw/a.yaml", GUIDE_ITEM)], Lang::En);
        assert_eq!(
            service(&en)["hasCost"]["description"],
            json!({"@value": "Free of charge", "@language": "en"})
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
