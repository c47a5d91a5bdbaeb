//! One intermediary service's page (中介服务事项): what the service is, on
//! what basis and at what price type, the agencies that may do it, and the
//! items that require it — each item's page links here.

use maud::{Markup, html};

use super::markup::{self, Page, contact, linkify};
use super::words::tr;
use super::{ServicePage, Site};
use crate::export::tables::qualification_line;
use crate::labels::yes_no;
use crate::model::Labelled;

pub fn page(site: &Site, index: usize) -> String {
    let lang = site.lang;
    let service = &site.services[index];
    let record = &service.loaded.record;
    let text = |key: &str| tr(lang, key, &[]);
    let department = site
        .departments
        .iter()
        .find(|d| d.id == record.department.as_str());
    let pricing = record.pricing.map(|p| lang.pick(p.zh(), p.en()));
    let mut rows: Vec<(String, Markup)> = Vec::new();
    if let Some(department) = department {
        rows.push((
            text("site.intermediary.department"),
            html! { a href={ "../departments/" (department.stem) ".html" } { (department.name()) } },
        ));
    }
    rows.push((
        text("site.intermediary.mandatory"),
        html! { (yes_no(record.mandatory, lang)) },
    ));
    for (key, value) in [
        ("site.intermediary.basis", record.basis.as_deref()),
        ("site.intermediary.pricing", pricing),
        ("site.intermediary.standard", record.standard.as_deref()),
        ("site.intermediary.time_limit", record.time_limit.as_deref()),
        (
            "site.intermediary.qualification",
            record.qualification.as_deref(),
        ),
    ] {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            rows.push((text(key), linkify(value)));
        }
    }
    let body = html! {
        nav class="crumbs" { a href="../index.html" { (text("site.home")) } } "\n"
        h1 { (record.name) } "\n"
        p { (text("site.intermediary.kind")) } "\n"
        dl {
            "\n"
            @for (label, value) in &rows {
                dt { (label) } dd { (value) } "\n"
            }
        }
        "\n"
        section id="required-by" {
            "\n"
            h2 { (text("site.intermediary.items")) } "\n"
            ul class="results" {
                "\n"
                @for &i in &service.items {
                    li { a href={ "../items/" (site.pages[i]) ".html" } { (site.items[i].1.name) } } "\n"
                }
            }
            "\n"
        }
        "\n"
        section id="agencies" {
            "\n"
            h2 { (text("site.intermediary.agencies")) } "\n"
            @if service.agencies.is_empty() {
                p { (text("site.intermediary.no_agency")) } "\n"
            }
            @for agency in &service.agencies {
                h3 { (agency.name) } "\n"
                dl {
                    "\n"
                    dt { (tr(lang, "site.department.credit_code", &[])) } dd { (agency.credit_code) } "\n"
                    @for q in &agency.qualifications {
                        dt { (text("site.intermediary.qualification_held")) }
                        dd { (qualification_line(q, lang)) } "\n"
                    }
                    @if let Some(c) = agency.contact.as_deref() {
                        dt { (text("site.intermediary.contact")) } dd { (contact(c)) } "\n"
                    }
                }
                "\n"
            }
        }
        "\n"
    };
    markup::page(
        lang,
        &site.title,
        Page {
            title: &record.name,
            root: "../",
            body,
            scripts: &[],
        },
    )
}

/// The links from an item's page to the services it requires.
pub fn links(site: &Site, item_index: usize) -> Markup {
    let services: Vec<(usize, &ServicePage)> = site
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.items.contains(&item_index))
        .collect();
    html! {
        @if !services.is_empty() {
            section id="intermediaries" {
                "\n"
                h2 { (tr(site.lang, "site.intermediary.required", &[])) } "\n"
                ul {
                    "\n"
                    @for (_, service) in &services {
                        li {
                            a href={ "../intermediaries/" (service.stem) ".html" } { (service.loaded.record.name) }
                            @if service.loaded.record.mandatory {
                                " " small { (tr(site.lang, "site.intermediary.mandatory_mark", &[])) }
                            }
                        }
                        "\n"
                    }
                }
            }
            "\n"
        }
    }
}
