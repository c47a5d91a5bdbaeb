//! The index page (search form, results drawn by site.js, departments to
//! browse) and `assets/data.js`, the compact search data: one array per
//! item, values of lists as indexes, so that 100,000 items stay a few
//! megabytes and filter in milliseconds.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::Site;
use maud::{Markup, html};

use super::markup::{self, Page};
// Percent-encoding as URLSearchParams reads it back from the hash.
use super::words::tr;
use crate::export::jsonld::iris::iri_part;
use crate::model::{Category, Labelled, Online, Target};

/// The filters: form field name, item key (for its label), choices as
/// (value written in the URL, label).
struct Filter {
    field: &'static str,
    key: &'static str,
    choices: Vec<(String, String)>,
}

fn filters(site: &Site) -> Vec<Filter> {
    let items = || site.items.iter().map(|(_, item)| *item);
    let departments = site
        .departments
        .iter()
        .filter(|d| !d.items.is_empty())
        .map(|d| (d.id.to_string(), d.name().to_string()))
        .collect();
    let categories: BTreeSet<Category> = items().map(|i| i.category).collect();
    let targets: BTreeSet<Target> = items().flat_map(|i| i.targets.iter().copied()).collect();
    let themes: BTreeSet<&str> = items()
        .flat_map(|i| i.themes.iter().map(String::as_str))
        .collect();
    let online: BTreeSet<Online> = items().filter_map(|i| i.online).collect();
    vec![
        Filter {
            field: "dept",
            key: "department",
            choices: departments,
        },
        Filter {
            field: "cat",
            key: "category",
            choices: enum_choices(site, categories),
        },
        Filter {
            field: "target",
            key: "targets",
            choices: enum_choices(site, targets),
        },
        Filter {
            field: "theme",
            key: "themes",
            choices: themes
                .into_iter()
                .map(|t| (t.to_string(), t.to_string()))
                .collect(),
        },
        Filter {
            field: "online",
            key: "online",
            choices: enum_choices(site, online),
        },
    ]
}

/// Values in the enumeration's own order (the derived `Ord`).
fn enum_choices<T: Labelled>(site: &Site, values: BTreeSet<T>) -> Vec<(String, String)> {
    values
        .into_iter()
        .map(|v| (v.key().to_string(), site.value(v).to_string()))
        .collect()
}

pub fn page(site: &Site) -> String {
    let lang = site.lang;
    let all = tr(lang, "site.search.all", &[]);
    let body = html! {
        h1 { (site.title) } "\n"
        form id="search" role="search" {
            "\n"
            label class="query" {
                (tr(lang, "site.search.label", &[]))
                input id="q" name="q" type="search" aria-describedby="q-hint"
                    placeholder=(tr(lang, "site.search.placeholder", &[])) autocomplete="off";
            }
            "\n"
            // What the search looks through (`search_text` and the pinyin
            // initials), said in full under the box.
            p id="q-hint" class="hint" { (tr(lang, "site.search.hint", &[])) }
            "\n"
            @for filter in filters(site) {
                label {
                    (site.label(filter.key))
                    select id=(filter.field) name=(filter.field) {
                        option value="" { (all) }
                        @for (value, label) in &filter.choices {
                            option value=(value) { (label) }
                        }
                    }
                }
                "\n"
            }
        }
        "\n"
        (departments(site))
        (themes(site))
        noscript { p { (tr(lang, "site.search.noscript", &[])) } } "\n"
        p id="count" data-template=(tr(lang, "site.search.count", &[])) {} "\n"
        ul id="results" class="results" {} "\n"
        button id="more" type="button" hidden { (tr(lang, "site.search.more", &[])) } "\n"
    };
    markup::page(
        lang,
        &site.title,
        site.byline.as_deref(),
        Page {
            title: &site.title,
            root: "",
            body,
            scripts: &["assets/data.js", "assets/site.js"],
        },
    )
}

fn departments(site: &Site) -> Markup {
    html! {
        section id="browse" {
            "\n"
            h2 { (tr(site.lang, "site.browse", &[])) } "\n"
            ul class="departments" {
                "\n"
                @for department in &site.departments {
                    li {
                        a href={ "departments/" (department.stem) ".html" } { (department.name()) }
                        " "
                        small {
                            (tr(site.lang, "site.items_count", &[("count", department.items.len().into())]))
                        }
                    }
                    "\n"
                }
            }
            "\n"
        }
        "\n"
    }
}

/// The themes, each a link that sets the search's theme filter (the page
/// reads its address's hash), with its number of items.
fn themes(site: &Site) -> Markup {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, item) in site.items {
        for theme in &item.themes {
            *counts.entry(theme.as_str()).or_default() += 1;
        }
    }
    html! {
        @if !counts.is_empty() {
            section id="themes" {
                "\n"
                h2 { (tr(site.lang, "site.themes", &[])) } "\n"
                ul class="themes" {
                    "\n"
                    @for (theme, count) in &counts {
                        li {
                            a href={ "#theme=" (iri_part(theme)) } { (theme) }
                            " "
                            small { (tr(site.lang, "site.items_count", &[("count", (*count).into())])) }
                        }
                        "\n"
                    }
                }
                "\n"
            }
            "\n"
        }
    }
}

/// `window.QINGDAN = {...}`: the filter values (as in the URL) and, per
/// item, `[name, code, department, category, [targets], [themes], online,
/// page, search text, pinyin initials]` with list values as indexes into
/// those arrays (-1: none).
pub fn data_js(site: &Site) -> String {
    let filters = filters(site);
    let keys: Vec<Vec<&str>> = filters
        .iter()
        .map(|f| f.choices.iter().map(|(v, _)| v.as_str()).collect())
        .collect();
    let position = |filter: usize, value: &str| {
        keys[filter]
            .iter()
            .position(|k| *k == value)
            .map_or(-1, |p| p as i64)
    };
    let department_names: Vec<&str> = site
        .departments
        .iter()
        .filter(|d| !d.items.is_empty())
        .map(|d| d.name())
        .collect();
    let mut out = String::with_capacity(site.items.len() * 96 + 1024);
    out.push_str(
        "// The search data of the catalog site, written by qingdan export.\nwindow.QINGDAN = {\n",
    );
    for (name, filter) in ["d", "c", "t", "h", "o"].iter().zip(&keys) {
        let _ = writeln!(out, "\"{name}\": {},", json(filter));
    }
    let _ = writeln!(out, "\"dn\": {},\n\"i\": [", json(&department_names));
    for (i, (_, item)) in site.items.iter().enumerate() {
        let targets: Vec<i64> = item.targets.iter().map(|t| position(2, t.key())).collect();
        let themes: Vec<i64> = item.themes.iter().map(|t| position(3, t)).collect();
        let entry = serde_json::json!([
            item.name,
            item.code.as_deref().unwrap_or(""),
            position(0, site.departments[site.department_of[i]].id),
            position(1, item.category.key()),
            targets,
            themes,
            item.online.map_or(-1, |o| position(4, o.key())),
            site.pages[i],
            search_text(site, i),
            initials(&item.name),
        ]);
        let comma = if i + 1 < site.items.len() { "," } else { "" };
        let _ = writeln!(out, "{entry}{comma}");
    }
    out.push_str("]\n};\n");
    out
}

/// What a search looks through, normalised as `similar-name` normalises
/// (full-width letters half-width, lower case, no spaces or punctuation):
/// name, code, department, themes, targets, material names and the
/// result's name, `|` apart so that no term matches across two of them.
fn search_text(site: &Site, i: usize) -> String {
    let item = site.items[i].1;
    let lang = site.lang;
    let department = site.departments[site.department_of[i]].name();
    let mut parts: Vec<&str> = vec![&item.name, item.code.as_deref().unwrap_or(""), department];
    parts.extend(item.themes.iter().map(String::as_str));
    let targets: Vec<&str> = item
        .targets
        .iter()
        .map(|t| lang.pick(t.zh(), t.en()))
        .collect();
    parts.extend(targets);
    parts.extend(item.materials.iter().map(|m| m.name.as_str()));
    parts.extend(item.result.as_ref().and_then(|r| r.name.as_deref()));
    parts
        .iter()
        .map(|p| crate::similarity::normalize(p))
        .collect::<Vec<_>>()
        .join("|")
}

/// The pinyin initials of a name (老年证 → lnz); characters without a
/// reading (Latin letters, digits) as they are, normalised.
pub fn initials(name: &str) -> String {
    use pinyin::ToPinyin;
    crate::similarity::normalize(name)
        .chars()
        .map(|c| match c.to_pinyin() {
            Some(p) => p.first_letter().chars().next().unwrap_or(c),
            None => c,
        })
        .collect()
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("strings and numbers serialise")
}
