//! One item's page: its service guide arranged as citizens ask — who
//! handles it (找谁办), where (哪里办), how (怎么办: conditions, materials
//! with samples and common errors, the process and its flowchart, time
//! limits, fees) — then the legal basis and the rest (seed 004's elements).

use std::fmt::Write as _;

use super::markup::{self, Page, esc, linkify};
use super::{Site, field_label, flowchart};
use crate::i18n::{Lang, tr};
use crate::labels::{Record, yes_no};
use crate::model::{Item, Labelled, Material, Step};

pub fn page(site: &Site, index: usize) -> String {
    let (_, item) = site.items[index];
    let mut body = String::new();
    push_heading(&mut body, site, index, item);
    push_who(&mut body, site, index, item);
    push_where(&mut body, site, item);
    push_how(&mut body, site, item);
    push_basis(&mut body, site, item);
    push_more(&mut body, site, item);
    markup::page(
        site.lang,
        &site.title,
        &Page {
            title: &item.name,
            root: "../",
            body: &body,
            scripts: &[],
        },
    )
}

/// Label / value rows (`<dl>`); values are HTML already.
struct Rows(String);

impl Rows {
    fn new() -> Rows {
        Rows(String::new())
    }
    fn html(&mut self, label: &str, value: &str) {
        let _ = writeln!(self.0, "<dt>{}</dt><dd>{value}</dd>", esc(label));
    }
    fn text(&mut self, label: &str, value: Option<&str>) {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            self.html(label, &linkify(value));
        }
    }
    fn finish(self) -> String {
        if self.0.is_empty() {
            String::new()
        } else {
            format!("<dl>\n{}</dl>\n", self.0)
        }
    }
}

fn push_heading(out: &mut String, site: &Site, index: usize, item: &Item) {
    let department = &site.departments[site.department_of[index]];
    let _ = write!(
        out,
        "<nav class=\"crumbs\"><a href=\"../index.html\">{}</a> › <a href=\"../departments/{}.html\">{}</a></nav>\n<h1>{}</h1>\n",
        esc(&tr(site.lang, "site.home", &[])),
        department.stem,
        esc(department.name()),
        esc(&item.name)
    );
    let mut tags = Vec::new();
    if let Some(code) = &item.code {
        tags.push(format!("{} {}", site.label("code"), code));
    }
    tags.push(site.value(item.kind).to_string());
    tags.push(site.value(item.category).to_string());
    if let Some(online) = item.online {
        tags.push(site.value(online).to_string());
    }
    let tags: Vec<String> = tags
        .iter()
        .map(|t| format!("<span>{}</span>", esc(t)))
        .collect();
    let _ = writeln!(out, "<p class=\"tags\">{}</p>", tags.join(""));
}

fn section(out: &mut String, id: &str, title: &str, content: &str) {
    if !content.is_empty() {
        let _ = write!(
            out,
            "<section id=\"{id}\">\n<h2>{}</h2>\n{content}</section>\n",
            esc(title)
        );
    }
}

fn push_who(out: &mut String, site: &Site, index: usize, item: &Item) {
    let department = &site.departments[site.department_of[index]];
    let mut rows = Rows::new();
    rows.html(
        site.label("department"),
        &format!(
            "<a href=\"../departments/{}.html\">{}</a>",
            department.stem,
            esc(department.name())
        ),
    );
    rows.text(site.label("accepting_unit"), item.accepting_unit.as_deref());
    rows.text(site.label("consultation"), item.consultation.as_deref());
    rows.text(site.label("complaint"), item.complaint.as_deref());
    section(out, "who", &tr(site.lang, "site.who", &[]), &rows.finish());
}

fn push_where(out: &mut String, site: &Site, item: &Item) {
    let lang = site.lang;
    let mut rows = Rows::new();
    rows.text(site.label("location"), item.location.as_deref());
    rows.text(site.label("hours"), item.hours.as_deref());
    rows.text(site.label("online"), item.online.map(|o| site.value(o)));
    rows.text(
        site.label("visits"),
        item.visits.map(|v| v.to_string()).as_deref(),
    );
    rows.text(site.label("proxy"), item.proxy.map(|p| yes_no(p, lang)));
    section(out, "where", &tr(lang, "site.where", &[]), &rows.finish());
}

fn push_how(out: &mut String, site: &Site, item: &Item) {
    let mut how = String::new();
    if !item.conditions.is_empty() {
        let _ = write!(
            how,
            "<h3>{}</h3>\n{}",
            esc(site.label("conditions")),
            list("ol", &item.conditions)
        );
    }
    if !item.materials.is_empty() {
        let _ = writeln!(
            how,
            "<h3>{}</h3>\n<ol class=\"materials\">",
            esc(site.label("materials"))
        );
        for material in &item.materials {
            push_material(&mut how, site, material);
        }
        how.push_str("</ol>\n");
    }
    push_process(&mut how, site, &item.process);
    if let Some(limit) = &item.time_limit {
        let mut rows = Rows::new();
        rows.text(
            field_label(Record::TimeLimit, "legal", site.lang),
            limit.legal.as_deref(),
        );
        rows.text(
            field_label(Record::TimeLimit, "promised", site.lang),
            limit.promised.as_deref(),
        );
        let _ = write!(
            how,
            "<h3>{}</h3>\n{}",
            esc(site.label("time_limit")),
            rows.finish()
        );
    }
    if let Some(fee) = &item.fee {
        let label = |key| field_label(Record::Fee, key, site.lang);
        let mut rows = Rows::new();
        rows.text(label("charged"), Some(yes_no(fee.charged, site.lang)));
        rows.text(label("standard"), fee.standard.as_deref());
        rows.text(label("basis"), fee.basis.as_deref());
        if fee.charged {
            rows.text(
                label("government_priced"),
                Some(yes_no(fee.government_priced, site.lang)),
            );
        }
        let _ = write!(
            how,
            "<h3>{}</h3>\n{}",
            esc(site.label("fee")),
            rows.finish()
        );
    }
    section(out, "how", &tr(site.lang, "site.how", &[]), &how);
}

fn list(tag: &str, entries: &[String]) -> String {
    let mut out = format!("<{tag}>\n");
    for entry in entries {
        let _ = writeln!(out, "<li>{}</li>", linkify(entry));
    }
    let _ = writeln!(out, "</{tag}>");
    out
}

/// A material as a card: name; form, copies and source; proof and sharing;
/// the sample text and the common errors.
fn push_material(out: &mut String, site: &Site, material: &Material) {
    let lang = site.lang;
    let label = |key| field_label(Record::Material, key, lang);
    let _ = writeln!(
        out,
        "<li class=\"material\">\n<h4>{}</h4>",
        esc(&material.name)
    );
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
    if !facts.is_empty() {
        let _ = writeln!(out, "<p class=\"facts\">{}</p>", esc(&facts.join(" · ")));
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
    rows.text(label("sample"), material.sample.as_deref());
    out.push_str(&rows.finish());
    if !material.common_errors.is_empty() {
        let _ = write!(
            out,
            "<div class=\"errors\"><strong>{}</strong>\n{}</div>\n",
            esc(label("common_errors")),
            list("ul", &material.common_errors)
        );
    }
    out.push_str("</li>\n");
}

/// The flowchart, then the steps as a list with what the chart leaves out
/// (materials handed in, notes).
fn push_process(out: &mut String, site: &Site, steps: &[Step]) {
    let lang = site.lang;
    let _ = writeln!(out, "<h3>{}</h3>", esc(site.label("process")));
    if steps.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&tr(lang, "site.no_process", &[])));
        return;
    }
    let _ = write!(
        out,
        "<figure>\n{}</figure>\n<ol class=\"steps\">\n",
        flowchart::svg(steps, lang, &tr(lang, "site.flowchart", &[]))
    );
    for step in steps {
        let label = |key| field_label(Record::Step, key, lang);
        let mut rows = Rows::new();
        rows.text(label("actor"), step.actor.as_deref());
        rows.text(label("department"), step.department.as_deref());
        rows.text(label("time_limit"), step.time_limit.as_deref());
        rows.text(
            label("special"),
            step.special.map(|s| lang.pick(s.zh(), s.en())),
        );
        if !step.materials.is_empty() {
            rows.text(
                label("materials"),
                Some(&step.materials.join(lang.pick("、", ", "))),
            );
        }
        rows.text(label("note"), step.note.as_deref());
        let _ = write!(
            out,
            "<li><strong>{}</strong>\n{}</li>\n",
            esc(&step.name),
            rows.finish()
        );
    }
    out.push_str("</ol>\n");
    push_special_steps(out, lang, steps);
}

/// The special procedures named apart, below the steps: their limits are
/// not part of the promise (特别程序不计入承诺时限).
fn push_special_steps(out: &mut String, lang: Lang, steps: &[Step]) {
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
    if special.is_empty() {
        return;
    }
    let steps = special.join(lang.pick("；", "; "));
    let _ = writeln!(
        out,
        "<p class=\"special\">{}</p>",
        esc(&tr(lang, "site.special_steps", &[("steps", steps.into())]))
    );
}

fn push_basis(out: &mut String, site: &Site, item: &Item) {
    let entries: Vec<String> = item
        .legal_basis
        .iter()
        .map(|b| format!("{}{}", b.title, b.article.as_deref().unwrap_or("")))
        .collect();
    if !entries.is_empty() {
        section(
            out,
            "basis",
            site.label("legal_basis"),
            &list("ul", &entries),
        );
    }
}

fn push_more(out: &mut String, site: &Site, item: &Item) {
    let lang = site.lang;
    let targets: Vec<&str> = item.targets.iter().map(|t| site.value(*t)).collect();
    let mut rows = Rows::new();
    rows.text(
        site.label("targets"),
        Some(&targets.join(lang.pick("、", ", "))),
    );
    rows.text(
        site.label("themes"),
        Some(&item.themes.join(lang.pick("、", ", "))),
    );
    rows.text(
        site.label("acceptance_scope"),
        item.acceptance_scope.as_deref(),
    );
    rows.text(site.label("level"), item.level.map(|l| site.value(l)));
    rows.text(
        site.label("commitment"),
        item.commitment.map(|c| yes_no(c, lang)),
    );
    rows.text(
        site.label("transferable"),
        item.transferable.map(|t| yes_no(t, lang)),
    );
    rows.text(site.label("reference_code"), item.reference_code.as_deref());
    rows.text(site.label("remarks"), item.remarks.as_deref());
    section(
        out,
        "more",
        &tr(lang, "site.more_info", &[]),
        &rows.finish(),
    );
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
