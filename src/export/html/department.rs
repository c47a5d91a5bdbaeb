//! One department's page: what the register says of it and its items.

use maud::{Markup, html};

use super::Site;
use super::markup::{self, Page};
use super::words::tr;

pub fn page(site: &Site, index: usize) -> String {
    let lang = site.lang;
    let department = &site.departments[index];
    let count = tr(
        lang,
        "site.items_count",
        &[("count", department.items.len().into())],
    );
    let body = html! {
        nav class="crumbs" { a href="../index.html" { (tr(lang, "site.home", &[])) } } "\n"
        h1 { (department.name()) } "\n"
        @if let Some(record) = department.record {
            dl {
                "\n"
                dt { (tr(lang, "site.department.kind", &[])) }
                dd { (site.value(record.kind)) } "\n"
                dt { (tr(lang, "site.department.credit_code", &[])) }
                dd { (record.credit_code) } "\n"
            }
            "\n"
        } @else {
            p { (tr(lang, "site.department.unregistered", &[])) } "\n"
        }
        h2 { (tr(lang, "site.department.items", &[])) " " small { (count) } } "\n"
        ul class="results" {
            "\n"
            @for &i in &department.items {
                (item_link(site, i, "../items/"))
            }
        }
        "\n"
    };
    markup::page(
        lang,
        &site.title,
        site.byline.as_deref(),
        Page {
            title: department.name(),
            root: "../",
            body,
            scripts: &[],
        },
    )
}

/// One entry of an item list: the name as a link, the code, the category.
/// (The index draws the same entries in site.js.)
fn item_link(site: &Site, index: usize, prefix: &str) -> Markup {
    let (_, item) = site.items[index];
    html! {
        li {
            a href={ (prefix) (site.pages[index]) ".html" } { (item.name) }
            " " span class="code" { (item.code.as_deref().unwrap_or("")) }
            " " span class="dept" { (site.value(item.category)) }
        }
        "\n"
    }
}
