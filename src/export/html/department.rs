//! One department's page: what the register says of it and its items.

use std::fmt::Write as _;

use super::Site;
use super::markup::{self, Page, esc};
use super::words::tr;

pub fn page(site: &Site, index: usize) -> String {
    let lang = site.lang;
    let department = &site.departments[index];
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<nav class=\"crumbs\"><a href=\"../index.html\">{}</a></nav>\n<h1>{}</h1>",
        esc(&tr(lang, "site.home", &[])),
        esc(department.name())
    );
    match department.record {
        Some(record) => {
            let _ = writeln!(
                body,
                "<dl>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n</dl>",
                esc(&tr(lang, "site.department.kind", &[])),
                esc(site.value(record.kind)),
                esc(&tr(lang, "site.department.credit_code", &[])),
                esc(&record.credit_code)
            );
        }
        None => {
            let _ = writeln!(
                body,
                "<p>{}</p>",
                esc(&tr(lang, "site.department.unregistered", &[]))
            );
        }
    }
    let count = tr(
        lang,
        "site.items_count",
        &[("count", department.items.len().into())],
    );
    let _ = writeln!(
        body,
        "<h2>{} <small>{}</small></h2>\n<ul class=\"results\">",
        esc(&tr(lang, "site.department.items", &[])),
        esc(&count)
    );
    for &i in &department.items {
        push_item_link(&mut body, site, i, "../items/");
    }
    body.push_str("</ul>\n");
    markup::page(
        lang,
        &site.title,
        &Page {
            title: department.name(),
            root: "../",
            body: &body,
            scripts: &[],
        },
    )
}

/// One entry of an item list: the name as a link, the code, the category.
/// (The index draws the same entries in site.js.)
fn push_item_link(out: &mut String, site: &Site, index: usize, prefix: &str) {
    let (_, item) = site.items[index];
    let _ = writeln!(
        out,
        "<li><a href=\"{prefix}{}.html\">{}</a> <span class=\"code\">{}</span> <span class=\"dept\">{}</span></li>",
        site.pages[index],
        esc(&item.name),
        esc(item.code.as_deref().unwrap_or("")),
        esc(site.value(item.category))
    );
}
