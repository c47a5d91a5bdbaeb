//! One item's page: its service guide arranged as citizens ask — who
//! handles it (找谁办), where (哪里办), how (怎么办: conditions, materials
//! with samples and common errors, the process and its flowchart, time
//! limits, fees) — then the legal basis and the rest (seed 004's elements).

use maud::{Markup, html};

use super::markup::{self, Page, contact, linkify};
use super::words::tr;
use super::{Site, field_label, flowchart};
use crate::i18n::Lang;
use crate::labels::{Record, yes_no};
use crate::model::{BasisRole, Item, Labelled, Material, Place, Step};

pub fn page(site: &Site, index: usize) -> String {
    let (_, item) = site.items[index];
    let body = html! {
        (heading(site, index, item))
        (who(site, index, item))
        (where_(site, item))
        (how(site, item))
        (sub_items(site, index))
        (super::intermediary::links(site, index))
        (basis(site, item))
        (more(site, item))
    };
    markup::page(
        site.lang,
        &site.title,
        site.byline.as_deref(),
        Page {
            title: &item.name,
            root: "../",
            body,
            scripts: &[],
        },
    )
}

/// Label / value rows (`<dl>`), the rows without a value left out.
struct Rows(Vec<(String, Markup)>);

impl Rows {
    fn new() -> Rows {
        Rows(Vec::new())
    }
    fn markup(&mut self, label: String, value: Markup) {
        self.0.push((label, value));
    }
    fn text(&mut self, label: String, value: Option<&str>) {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            self.markup(label, linkify(value));
        }
    }
    /// The list, or nothing when no row has a value.
    fn finish(self) -> Markup {
        html! {
            @if !self.0.is_empty() {
                dl {
                    "\n"
                    @for (label, value) in &self.0 {
                        dt { (label) } dd { (value) } "\n"
                    }
                }
                "\n"
            }
        }
    }
}

fn heading(site: &Site, index: usize, item: &Item) -> Markup {
    let department = &site.departments[site.department_of[index]];
    let mut tags = Vec::new();
    if let Some(code) = &item.code {
        tags.push(format!("{} {}", site.label("code"), code));
    }
    tags.push(site.value(item.kind).to_string());
    tags.push(site.value(item.category).to_string());
    if let Some(online) = item.online {
        tags.push(site.value(online).to_string());
    }
    html! {
        nav class="crumbs" {
            a href="../index.html" { (tr(site.lang, "site.home", &[])) }
            " › "
            a href={ "../departments/" (department.stem) ".html" } { (department.name()) }
        }
        "\n"
        h1 { (item.name) } "\n"
        p class="tags" {
            @for tag in &tags {
                span { (tag) }
            }
        }
        "\n"
        @if let Some(main) = site.main_of[index] {
            p class="main-item" {
                (tr(site.lang, "site.main_item", &[])) (site.lang.pick("：", ": "))
                (item_link(site, main))
            }
            "\n"
        }
    }
}

/// A link to another item's page.
fn item_link(site: &Site, index: usize) -> Markup {
    html! {
        a href={ (site.pages[index]) ".html" } { (site.items[index].1.name) }
    }
}

/// A main item's sub-items (子项), each a link to its page.
fn sub_items(site: &Site, index: usize) -> Markup {
    let subs = &site.sub_items[index];
    let content = html! {
        @if !subs.is_empty() {
            ul class="sub-items" {
                "\n"
                @for sub in subs {
                    li { (item_link(site, *sub)) } "\n"
                }
            }
            "\n"
        }
    };
    section("sub-items", &tr(site.lang, "site.sub_items", &[]), content)
}

/// A titled section of the guide; nothing when it has no content.
fn section(id: &str, title: &str, content: Markup) -> Markup {
    html! {
        @if !content.0.is_empty() {
            section id=(id) {
                "\n"
                h2 { (title) } "\n"
                (content)
            }
            "\n"
        }
    }
}

fn who(site: &Site, index: usize, item: &Item) -> Markup {
    let department = &site.departments[site.department_of[index]];
    let mut rows = Rows::new();
    rows.markup(
        site.label("department"),
        html! {
            a href={ "../departments/" (department.stem) ".html" } { (department.name()) }
        },
    );
    rows.text(site.label("accepting_unit"), item.accepting_unit.as_deref());
    let joint: Vec<&str> = item
        .joint_departments
        .iter()
        .map(|id| {
            site.department_names
                .get(id.as_str())
                .copied()
                .unwrap_or(id)
        })
        .collect();
    if !joint.is_empty() {
        rows.text(
            site.label("joint_departments"),
            Some(&joint.join(site.lang.pick("、", ", "))),
        );
    }
    for (key, text) in [
        ("consultation", &item.consultation),
        ("complaint", &item.complaint),
    ] {
        if let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) {
            rows.markup(site.label(key), contact(text));
        }
    }
    section("who", &tr(site.lang, "site.who", &[]), rows.finish())
}

fn where_(site: &Site, item: &Item) -> Markup {
    let lang = site.lang;
    let visits = item.visits.map(|v| v.to_string());
    let mut rows = Rows::new();
    rows.text(site.label("location"), item.location.as_deref());
    rows.text(site.label("hours"), item.hours.as_deref());
    rows.text(site.label("online"), item.online.map(|o| site.value(o)));
    rows.text(site.label("online_url"), item.online_url.as_deref());
    rows.text(site.label("visits"), visits.as_deref());
    rows.text(site.label("proxy"), item.proxy.map(|p| yes_no(p, lang)));
    let services = services(site, item);
    if !services.is_empty() {
        rows.text(
            tr(lang, "site.services", &[]),
            Some(&services.join(lang.pick("、", ", "))),
        );
    }
    let content = html! {
        (rows.finish())
        @if !item.locations.is_empty() {
            h3 { (site.label("locations")) } "\n"
            ol class="places" {
                "\n"
                @for place in &item.locations {
                    (self::place(site, place))
                }
            }
            "\n"
        }
    };
    section("where", &tr(lang, "site.where", &[]), content)
}

/// The convenience services offered (预约办理、同城通办…), by name.
fn services(site: &Site, item: &Item) -> Vec<String> {
    let Some(services) = &item.services else {
        return Vec::new();
    };
    [
        ("appointment", services.appointment),
        ("mail", services.mail),
        ("self_service", services.self_service),
        ("any_location", services.any_location),
        ("proxy", services.proxy),
    ]
    .into_iter()
    .filter(|(_, offered)| *offered == Some(true))
    .map(|(key, _)| field_label(Record::Services, key, site.lang))
    .collect()
}

/// One place (办理地点): its name, then address, hours and phone.
fn place(site: &Site, place: &Place) -> Markup {
    let label = |key| field_label(Record::Place, key, site.lang);
    let mut rows = Rows::new();
    rows.text(label("address"), place.address.as_deref());
    rows.text(label("hours"), place.hours.as_deref());
    if let Some(phone) = place.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        rows.markup(label("phone"), contact(phone));
    }
    html! {
        li class="place" { strong { (place.name) } "\n" (rows.finish()) } "\n"
    }
}

/// 办理结果: what the applicant receives and how it is delivered.
fn result(site: &Site, item: &Item) -> Option<Markup> {
    let result = item.result.as_ref()?;
    let lang = site.lang;
    let label = |key| field_label(Record::Result, key, lang);
    let delivery: Vec<&str> = result.delivery.iter().map(|d| site.value(*d)).collect();
    let mut rows = Rows::new();
    rows.text(label("name"), result.name.as_deref());
    rows.text(label("kind"), result.kind.map(|k| site.value(k)));
    rows.text(label("sample"), result.sample.as_deref());
    rows.text(
        label("delivery"),
        Some(&delivery.join(lang.pick("、", ", "))),
    );
    Some(rows.finish())
}

fn how(site: &Site, item: &Item) -> Markup {
    let lang = site.lang;
    let time_limit = item.time_limit.as_ref().map(|limit| {
        let mut rows = Rows::new();
        rows.text(
            field_label(Record::TimeLimit, "legal", lang),
            limit.legal.as_deref(),
        );
        rows.text(
            field_label(Record::TimeLimit, "promised", lang),
            limit.promised.as_deref(),
        );
        rows.text(
            site.label("case_type"),
            item.case_type.map(|c| site.value(c)),
        );
        rows.finish()
    });
    let fee = item.fee.as_ref().map(|fee| {
        let label = |key| field_label(Record::Fee, key, lang);
        let charge_label = |key| field_label(Record::Charge, key, lang);
        let mut rows = Rows::new();
        rows.text(label("charged"), Some(yes_no(fee.charged, lang)));
        let charges = fee.charges();
        let one = charges.len() == 1;
        let mut parts = vec![rows.finish()];
        // Each charge on its own: its name (收费项目), standard, basis and
        // how its price is set.
        for charge in charges {
            let mut rows = Rows::new();
            rows.text(charge_label("name"), charge.name);
            rows.text(charge_label("standard"), charge.standard);
            rows.text(charge_label("basis"), charge.basis);
            rows.text(
                charge_label("pricing"),
                charge.pricing.map(|p| site.value(p)),
            );
            parts.push(html! {
                @if !one { h4 { (charge.name.unwrap_or_default()) } "\n" }
                (rows.finish())
            });
        }
        html! { @for part in parts { (part) } }
    });
    let content = html! {
        @if !item.conditions.is_empty() {
            h3 { (site.label("conditions")) } "\n"
            ol { "\n" (entries(&item.conditions)) } "\n"
        }
        @if !item.materials.is_empty() {
            h3 { (site.label("materials")) } "\n"
            ol class="materials" {
                "\n"
                @for m in &item.materials {
                    (material(site, m))
                }
            }
            "\n"
        }
        (process(site, &item.process))
        @if let Some(rows) = time_limit {
            h3 { (site.label("time_limit")) } "\n"
            (rows)
        }
        @if let Some(rows) = result(site, item) {
            h3 { (site.label("result")) } "\n"
            (rows)
        }
        @if let Some(rows) = fee {
            h3 { (site.label("fee")) } "\n"
            (rows)
        }
    };
    section("how", &tr(lang, "site.how", &[]), content)
}

/// The entries of a list, one `<li>` a line, addresses as links.
fn entries(entries: &[String]) -> Markup {
    html! {
        @for entry in entries {
            li { (linkify(entry)) } "\n"
        }
    }
}

/// A material as a card: name; form, copies and source; proof and sharing;
/// the sample text and the common errors.
fn material(site: &Site, material: &Material) -> Markup {
    let lang = site.lang;
    let label = |key| field_label(Record::Material, key, lang);
    let mut facts: Vec<String> = Vec::new();
    if let Some(form) = material.form {
        facts.push(site.value(form).to_string());
    }
    if let Some(copies) = material.copies {
        facts.push(tr(
            lang,
            "site.copies",
            &[("copies", (copies as usize).into())],
        ));
    }
    if let Some(source) = material.source {
        facts.push(site.value(source).to_string());
    }
    let mut rows = Rows::new();
    if material.proof {
        rows.text(label("proof"), Some(yes_no(true, lang)));
        rows.text(label("basis"), material.basis.as_deref());
    }
    if material.shared {
        rows.text(label("shared"), Some(yes_no(true, lang)));
        rows.text(label("shared_from"), material.shared_from.as_deref());
    }
    rows.text(label("when"), material.when.as_deref());
    rows.text(label("sample"), material.sample.as_deref());
    rows.text(label("blank_form"), material.blank_form.as_deref());
    html! {
        li class="material" {
            "\n"
            h4 { (material.name) } "\n"
            @if !facts.is_empty() {
                p class="facts" { (facts.join(" · ")) } "\n"
            }
            (rows.finish())
            @if !material.common_errors.is_empty() {
                div class="errors" {
                    strong { (label("common_errors")) } "\n"
                    ul { "\n" (entries(&material.common_errors)) } "\n"
                }
                "\n"
            }
        }
        "\n"
    }
}

/// The flowchart, then the steps as a list with what the chart leaves out
/// (materials handed in, notes).
fn process(site: &Site, steps: &[Step]) -> Markup {
    let lang = site.lang;
    let label = |key| field_label(Record::Step, key, lang);
    let details = |step: &Step| {
        let materials = step.materials.join(lang.pick("、", ", "));
        let mut rows = Rows::new();
        rows.text(label("actor"), step.actor.as_deref());
        rows.text(label("department"), step.department.as_deref());
        rows.text(label("time_limit"), step.time_limit.as_deref());
        rows.text(
            label("special"),
            step.special.map(|s| lang.pick(s.zh(), s.en())),
        );
        if !step.materials.is_empty() {
            rows.text(label("materials"), Some(&materials));
        }
        rows.text(label("note"), step.note.as_deref());
        rows.finish()
    };
    html! {
        h3 { (site.label("process")) } "\n"
        @if steps.is_empty() {
            p { (tr(lang, "site.no_process", &[])) } "\n"
        } @else {
            figure {
                "\n"
                (flowchart::svg(steps, lang, &tr(lang, "site.flowchart", &[])))
            }
            "\n"
            ol class="steps" {
                "\n"
                @for step in steps {
                    li { strong { (step.name) } "\n" (details(step)) } "\n"
                }
            }
            "\n"
            @if let Some(special) = special_steps(lang, steps) {
                p class="special" { (tr(lang, "site.special_steps", &[("steps", special.into())])) } "\n"
            }
        }
    }
}

/// The special procedures named apart, below the steps: their limits are
/// not part of the promise (特别程序不计入承诺时限).
fn special_steps(lang: Lang, steps: &[Step]) -> Option<String> {
    let special: Vec<String> = steps
        .iter()
        .filter(|s| s.special.is_some())
        .map(|s| match s.time_limit.as_deref() {
            Some(limit) => format!(
                "{}{}{limit}{}",
                s.name,
                lang.pick("（", " ("),
                lang.pick("）", ")")
            ),
            None => s.name.clone(),
        })
        .collect();
    (!special.is_empty()).then(|| special.join(lang.pick("；", "; ")))
}

fn basis(site: &Site, item: &Item) -> Markup {
    let entries_: Vec<String> = item
        .legal_basis
        .iter()
        .map(|b| {
            // 设定依据 is named; 实施依据, the default, is the section's title.
            let role = match b.role {
                BasisRole::Setting => format!(
                    "{}{}",
                    site.value(BasisRole::Setting),
                    site.lang.pick("：", ": ")
                ),
                BasisRole::Implementing => String::new(),
            };
            format!("{role}{}{}", b.title, b.article.as_deref().unwrap_or(""))
        })
        .collect();
    let content = html! {
        @if !entries_.is_empty() {
            ul { "\n" (entries(&entries_)) } "\n"
        }
    };
    section("basis", &site.label("legal_basis"), content)
}

/// The rest a citizen may want; internal fields (可向社会组织转移) are left
/// out.
fn more(site: &Site, item: &Item) -> Markup {
    let lang = site.lang;
    let targets: Vec<&str> = item.targets.iter().map(|t| site.value(*t)).collect();
    let targets = targets.join(lang.pick("、", ", "));
    let themes = item.themes.join(lang.pick("、", ", "));
    let mut rows = Rows::new();
    rows.text(site.label("targets"), Some(&targets));
    rows.text(site.label("themes"), Some(&themes));
    rows.text(
        site.label("acceptance_scope"),
        item.acceptance_scope.as_deref(),
    );
    rows.text(site.label("level"), item.level.map(|l| site.value(l)));
    rows.text(
        site.label("authority"),
        item.authority.map(|a| site.value(a)),
    );
    rows.text(site.label("delegated_from"), item.delegated_from.as_deref());
    rows.text(site.label("quantity_limit"), item.quantity_limit.as_deref());
    rows.text(
        site.label("commitment"),
        item.commitment.map(|c| yes_no(c, lang)),
    );
    rows.text(site.label("reference_code"), item.reference_code.as_deref());
    rows.text(site.label("remarks"), item.remarks.as_deref());
    // Not `more`: the index's 显示更多 button has that id (and its style).
    section("other", &tr(lang, "site.more_info", &[]), rows.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, catalog_with};
    use crate::export::Publication;
    use crate::i18n::Lang;

    #[test]
    fn the_guide_page_answers_who_where_how() {
        let hostile = GUIDE_ITEM.replace("name: 生育登记", "name: \"<script>alert(1)</script>\"");
        let catalog = catalog_with(&[("items/wsjw/a.yaml", &hostile)]);
        let items = Publication::new(&catalog, crate::i18n::Lang::Zh, None).items;
        let site = Site::new(&catalog, &items, Lang::Zh);
        let html = page(&site, 0);
        for heading in [
            "找谁办",
            "哪里办",
            "怎么办",
            "申请条件",
            "申请材料",
            "基本流程",
            "办理时限",
            "实施依据",
        ] {
            assert!(html.contains(heading), "{heading}");
        }
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                && !html.contains("<script>alert")
        );
        assert_eq!(
            html.matches("<g class=\"step\"").count(),
            items[0].1.process.len()
        );
    }

    #[test]
    fn special_procedures_are_named_apart_below_the_steps() {
        let text = GUIDE_ITEM.replace(
            "    time_limit: 即办\n",
            "    time_limit: 即办\n  - name: 公示\n    time_limit: 7日\n    special: publicity\n",
        );
        let catalog = catalog_with(&[("items/wsjw/a.yaml", &text)]);
        for (lang, row, note) in [
            (Lang::Zh, "特别程序", "特别程序不计入承诺时限：公示（7日）"),
            (
                Lang::En,
                "Public notice",
                "Special procedures are not counted in the promised time limit: 公示 (7日)",
            ),
        ] {
            let items = Publication::new(&catalog, lang, None).items;
            let site = Site::new(&catalog, &items, lang);
            let html = page(&site, 0);
            assert!(html.contains(row), "{lang:?}");
            assert!(html.contains(note), "{lang:?}: {html}");
        }
        let items = Publication::new(&catalog, Lang::Zh, None).items;
        let plain = page(&Site::new(&catalog, &items, Lang::Zh), 0);
        assert_eq!(plain.matches("特别程序不计入承诺时限").count(), 1);
    }
}
