//! `export --format html|jsonld`: the site as a browser shows it (headless
//! Chromium, `scripts/test` installs it), the linked data as a JSON-LD processor
//! reads it (Python pyld), the same bytes twice, refusals, `--rev`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_dir, files_under, git, qingdan, qingdan_in, root};
use qingdan::catalog::Catalog;
use qingdan::export::Publication;
use qingdan::source::FolderSource;

/// Name and step count of every active item of the sample catalog.
fn sample_items() -> Vec<(String, usize)> {
    let (catalog, _) = Catalog::load(&FolderSource::new(root().join("catalog"))).unwrap();
    Publication::new(&catalog, qingdan::i18n::Lang::Zh, None)
        .items
        .iter()
        .map(|(_, item)| (item.name.clone(), item.process.len()))
        .collect()
}

fn export(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut all = vec!["-C", "catalog", "export", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = qingdan(&all);
    assert_eq!(run.code, 0, "{}", run.transcript());
    (dir, out)
}

/// The page's DOM after its scripts ran, as headless Chromium dumps it.
fn dump_dom(url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ])
        .args(["--disable-sync", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--dump-dom", url])
        .output()
        .expect("chromium runs (scripts/test installs it)");
    assert!(
        output.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn file_url(path: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", path.display())
}

/// The names in the result list of a dumped index.
fn listed_names(dom: &str) -> Vec<String> {
    let list = dom
        .split("<ul id=\"results\"")
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    list.split("<li><a href=\"items/")
        .skip(1)
        .map(|li| {
            li.split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn the_index_lists_every_item_and_a_hash_narrows_it() {
    let (_dir, site) = export(&["--format", "html"]);
    let index = site.join("index.html");
    let mut expected: Vec<String> = sample_items().into_iter().map(|(name, _)| name).collect();
    let mut listed = listed_names(&dump_dom(&file_url(&index, "")));
    expected.sort();
    listed.sort();
    assert_eq!(listed, expected, "every active item, once");

    let query = "救助";
    let narrowed = listed_names(&dump_dom(&file_url(&index, "#q=%E6%95%91%E5%8A%A9")));
    let matching: Vec<&String> = expected.iter().filter(|n| n.contains(query)).collect();
    assert!(
        !narrowed.is_empty() && narrowed.len() < expected.len(),
        "{narrowed:?}"
    );
    // Names with the term, and items whose theme or material has it
    // (社会救助).
    assert!(
        matching.iter().all(|n| narrowed.contains(n)),
        "{narrowed:?}"
    );
    assert!(
        narrowed.len() > matching.len(),
        "the theme 社会救助 counts too"
    );

    let dom = dump_dom(&file_url(&index, "#dept=mzj"));
    let list = dom
        .split("<ul id=\"results\"")
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    let departments: Vec<&str> = list
        .split("<span class=\"dept\">")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    assert!(
        !departments.is_empty() && departments.len() < expected.len(),
        "{departments:?}"
    );
    assert!(
        departments.iter().all(|d| *d == "瓯江市民政局"),
        "{departments:?}"
    );
}

#[test]
fn item_pages_draw_one_flowchart_node_per_step() {
    let (_dir, site) = export(&["--format", "html"]);
    let items = sample_items();
    let pages: Vec<PathBuf> = std::fs::read_dir(site.join("items"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(pages.len(), items.len());
    let mut steps_by_name: BTreeMap<String, usize> = items.into_iter().collect();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let name = html
            .split("<h1>")
            .nth(1)
            .unwrap()
            .split("</h1>")
            .next()
            .unwrap()
            .to_string();
        let steps = steps_by_name
            .remove(&name)
            .unwrap_or_else(|| panic!("{name} has one page"));
        assert_eq!(html.matches("<g class=\"step\"").count(), steps, "{name}");
    }
    // In the browser: the SVG is part of the page, one group per step.
    let page = pages
        .iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains("<svg"))
        .unwrap();
    let html = std::fs::read_to_string(page).unwrap();
    let dom = dump_dom(&file_url(page, ""));
    assert!(dom.contains("<svg class=\"flowchart\""));
    assert_eq!(
        dom.matches("<g class=\"step\"").count(),
        html.matches("<g class=\"step\"").count()
    );
    assert!(
        dom.matches("<line class=\"arrow\"").count() + 1
            == dom.matches("<g class=\"step\"").count()
    );
}

#[test]
fn the_site_speaks_english_with_lang_en() {
    let (_dir, site) = export(&["--format", "html", "--lang", "en"]);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"en\">") && index.contains("Search items"));
    let page = std::fs::read_dir(site.join("items"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(
        std::fs::read_to_string(page)
            .unwrap()
            .contains("How to apply")
    );
}

#[test]
fn the_json_ld_expands_and_every_service_has_the_mandatory_properties() {
    let (dir, file) = export(&["--format", "jsonld"]);
    let script = r#"
import json, sys
from pyld import jsonld
doc = json.load(open(sys.argv[1], encoding="utf-8"))
expanded = jsonld.expand(doc)
CV, DCT = "http://data.europa.eu/m8g/", "http://purl.org/dc/terms/"
by_id = {n["@id"]: n for n in expanded if "@id" in n}
services = [n for n in expanded if "http://purl.org/vocab/cpsv#PublicService" in n.get("@type", [])]
for s in services:
    for p in [DCT + "identifier", DCT + "title", DCT + "description", CV + "hasCompetentAuthority"]:
        assert s.get(p), (p, s.get("@id"))
    authority = by_id[s[CV + "hasCompetentAuthority"][0]["@id"]]
    assert CV + "PublicOrganisation" in authority["@type"], authority
    assert authority["http://www.w3.org/2004/02/skos/core#prefLabel"][0]["@value"], authority
print(len(services))
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&file)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "pyld (scripts/test installs it): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let count: usize = String::from_utf8(output.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // Every item, and the intermediary service 房屋所有权首次登记 requires.
    assert_eq!(count, sample_items().len() + 1);
}

#[test]
fn the_same_catalog_gives_the_same_bytes() {
    let (_a, first) = export(&["--format", "html"]);
    let (_b, second) = export(&["--format", "html"]);
    assert_eq!(files_under(&first), files_under(&second));
    let (_c, first) = export(&["--format", "jsonld"]);
    let (_d, second) = export(&["--format", "jsonld"]);
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(second).unwrap()
    );
}

#[test]
fn existing_output_is_refused_without_force() {
    for format in ["html", "jsonld"] {
        let (_dir, out) = export(&["--format", format]);
        let before = files_under(out.parent().unwrap());
        let again = qingdan(&[
            "-C",
            "catalog",
            "export",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(again.code, 2, "{}", again.transcript());
        assert!(again.stderr.contains("--force"), "{}", again.stderr);
        assert_eq!(
            files_under(out.parent().unwrap()),
            before,
            "nothing changed"
        );
        let forced = qingdan(&[
            "-C",
            "catalog",
            "-q",
            "export",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
            "--force",
        ]);
        assert_eq!(forced.code, 0, "{}", forced.transcript());
        assert_eq!(
            files_under(out.parent().unwrap()),
            before,
            "replaced by the same, nothing left behind"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("site");
    std::fs::write(&file, "a file").unwrap();
    let wrong = qingdan(&[
        "-C",
        "catalog",
        "export",
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(wrong.code, 2, "{}", wrong.transcript());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "a file");
}

#[test]
fn active_items_of_a_revision_or_the_working_tree() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    copy_dir(&root().join("catalog"), &repo.join("catalog"));
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "公布"]);
    let item = repo.join("catalog/items/mzj/临时救助申请.yaml");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(&item, format!("{text}status: cancelled\n")).unwrap();
    let count = |args: &[&str]| {
        let out = repo.join(format!("out-{}.jsonld", args.len()));
        let mut all = vec!["export", "--format", "jsonld", "-o", out.to_str().unwrap()];
        all.extend_from_slice(args);
        let run = qingdan_in(repo, &all);
        assert_eq!(run.code, 0, "{}", run.transcript());
        let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        let names: Vec<String> = doc["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["@type"] == "PublicService")
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect();
        names
    };
    let committed = count(&["--rev", "HEAD"]);
    let working = count(&[]);
    assert!(committed.contains(&"临时救助申请".to_string()));
    assert!(
        !working.contains(&"临时救助申请".to_string()),
        "a cancelled item is not published"
    );
    assert_eq!(committed.len(), working.len() + 1);
}

/// What a citizen reads, page by page: the index, a department page and the
/// fullest item page (materials, process, fee), in both languages.
#[test]
fn pages_as_written() {
    for lang in ["zh", "en"] {
        let (_dir, site) = export(&["--format", "html", "--lang", lang]);
        for page in [
            "index.html",
            "departments/mzj.html",
            "items/053303990020001X.html",
        ] {
            // The publication's date is the day of the export.
            let html = std::fs::read_to_string(site.join(page))
                .unwrap()
                .replace(&qingdan::model::date::today_cst(), "[today]");
            let name = page.trim_end_matches(".html").replace('/', "_");
            insta::assert_snapshot!(format!("page_{lang}_{name}"), html);
        }
    }
}

const HOSTILE: [&str; 2] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
];

/// The sample catalog with the hostile texts as an item's name, its
/// department's name and a material's name: `which` picks the text.
fn hostile_catalog(which: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    copy_dir(&root().join("catalog"), &catalog);
    let text = HOSTILE[which];
    let quoted = serde_json::to_string(text).unwrap();
    let edit = |path: &str, from: &str, to: &str| {
        let file = catalog.join(path);
        let before = std::fs::read_to_string(&file).unwrap();
        assert!(before.contains(from), "{path}: {from}");
        std::fs::write(&file, before.replacen(from, to, 1)).unwrap();
    };
    let item = "items/mzj/临时救助申请.yaml";
    edit(item, "name: 临时救助申请\n", &format!("name: {quoted}\n"));
    edit(
        item,
        "  - name: 临时救助申请书\n",
        &format!("  - name: {quoted}\n"),
    );
    edit(
        "departments.yaml",
        "name: 瓯江市民政局\n",
        &format!("name: {quoted}\n"),
    );
    dir
}

#[test]
fn hostile_names_render_inert_on_every_page_kind() {
    for (which, text) in HOSTILE.iter().enumerate() {
        let dir = hostile_catalog(which);
        let site = dir.path().join("site");
        let run = qingdan_in(
            dir.path(),
            &[
                "-C",
                "catalog",
                "-q",
                "export",
                "--format",
                "html",
                "-o",
                site.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.transcript());
        // As the pages write it, and as Chromium serialises a text node
        // (quotes left as they are).
        let in_dom = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let escaped = in_dom.replace('"', "&quot;");
        let item = std::fs::read_dir(site.join("items"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| std::fs::read_to_string(p).unwrap().contains(&escaped))
            .expect("the item page shows the hostile name, escaped");
        for (page, times) in [
            (site.join("index.html"), 2),
            (site.join("departments/mzj.html"), 3),
            (item.clone(), 5),
        ] {
            let html = std::fs::read_to_string(&page).unwrap();
            assert!(
                !html.contains("<script>alert") && !html.contains("<img"),
                "{}: a raw tag",
                page.display()
            );
            assert!(
                html.matches(&escaped).count() >= times,
                "{}: the hostile text, escaped, {times} times or more",
                page.display()
            );
        }
        // data.js is JSON in a script file: the name is a string there and
        // comes to the page as text (site.js sets textContent only).
        let data = std::fs::read_to_string(site.join("assets/data.js")).unwrap();
        assert!(data.contains(&serde_json::to_string(text).unwrap()));
        // In the browser: the result list drawn from data.js, the
        // department page and the item page hold no element the text names.
        let index = file_url(&site.join("index.html"), "#dept=mzj");
        for url in [
            index,
            file_url(&site.join("departments/mzj.html"), ""),
            file_url(&item, ""),
        ] {
            let dom = dump_dom(&url);
            assert!(
                !dom.contains("<img") && !dom.contains("<script>alert"),
                "{url}: an element from catalog text"
            );
            assert!(dom.contains(&in_dom), "{url}: the text is shown");
        }
    }
}

/// Every `id` of every page is used once on that page, and no id of a
/// page is one the site's stylesheet styles for another page's element.
#[test]
fn ids_are_unique_and_contacts_are_links() {
    let (_dir, site) = export(&["--format", "html"]);
    let mut pages = vec![site.join("index.html")];
    for folder in ["items", "departments"] {
        pages.extend(
            std::fs::read_dir(site.join(folder))
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
    }
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let mut ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        ids.sort();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count, "{}: {ids:?}", page.display());
        if page.starts_with(site.join("items")) {
            assert!(!ids.contains(&"more"), "{}", page.display());
        }
    }
    let item = std::fs::read_to_string(site.join("items/053303990020001X.html")).unwrap();
    assert!(item.contains("<a href=\"tel:0577-12345\">0577-12345</a>"));
    assert!(!item.contains("可向社会组织转移"), "no internal field");
}

/// Departments and themes to browse come before the result list, and a
/// theme's link shows that theme's items.
#[test]
fn browsing_comes_first_and_a_theme_link_filters() {
    let (_dir, site) = export(&["--format", "html"]);
    let index = site.join("index.html");
    let html = std::fs::read_to_string(&index).unwrap();
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("<section id=\"browse\">") < at("<ul id=\"results\""));
    assert!(at("<section id=\"themes\">") < at("<ul id=\"results\""));
    let link = html
        .split("<section id=\"themes\">")
        .nth(1)
        .unwrap()
        .split("<a href=\"")
        .nth(1)
        .unwrap();
    let (href, rest) = link.split_once("\">").unwrap();
    let theme = rest.split('<').next().unwrap();
    let (catalog, _) = Catalog::load(&FolderSource::new(root().join("catalog"))).unwrap();
    let mut expected: Vec<String> = Publication::new(&catalog, qingdan::i18n::Lang::Zh, None)
        .items
        .iter()
        .filter(|(_, item)| item.themes.iter().any(|t| t == theme))
        .map(|(_, item)| item.name.clone())
        .collect();
    let mut listed = listed_names(&dump_dom(&file_url(&index, href)));
    expected.sort();
    listed.sort();
    assert!(!expected.is_empty());
    assert_eq!(listed, expected, "{theme}: {href}");
}

#[test]
fn search_finds_by_department_material_theme_and_pinyin_initials() {
    let (_dir, site) = export(&["--format", "html"]);
    let index = site.join("index.html");
    let found = |query: &str| listed_names(&dump_dom(&file_url(&index, &format!("#q={query}"))));
    // A department's name: its items, nobody else's.
    let transport = found("公共交通集团");
    assert_eq!(
        transport,
        ["公交IC卡挂失补办", "公交老年卡办理"],
        "{transport:?}"
    );
    // A material only one item asks for.
    assert_eq!(found("破损的不动产权证书"), ["不动产权证书补发"]);
    // A theme.
    let housing = found("住房公积金");
    assert!(
        housing.contains(&"住房公积金个人贷款申请".to_string()) && housing.len() == 2,
        "{housing:?}"
    );
    let marriage = found("婚姻登记");
    assert!(
        marriage.contains(&"内地居民结婚登记".to_string()),
        "{marriage:?}"
    );
    // Pinyin initials: 公交老年卡办理 → gjlnkbl.
    assert_eq!(found("gjlnk"), ["公交老年卡办理"]);
    // Full-width letters as half-width, any case: ｉｃ卡 finds IC卡.
    assert_eq!(found("%EF%BD%89%EF%BD%83%E5%8D%A1"), ["公交IC卡挂失补办"]);
}

#[test]
fn the_header_and_footer_name_the_publication_not_the_tool() {
    let (_dir, site) = export(&["--format", "html"]);
    let page = std::fs::read_to_string(site.join("index.html")).unwrap();
    let header = page.split("<header").nth(1).unwrap();
    assert!(header.contains("瓯江市公共服务事项清单"), "{header}");
    assert!(header.contains("瓯江市人民政府办公室"), "{header}");
    let footer = page.split("<footer").nth(1).unwrap();
    assert!(
        footer.contains("瓯江市人民政府办公室") && !footer.contains("qingdan"),
        "{footer}"
    );
}

/// axe-core (WCAG 2.1 A and AA rules) in headless Chromium on the three
/// page kinds: no serious or critical violation. `tests/a11y` holds the
/// runner and its lockfile; scripts/test runs `npm ci` there.
#[test]
fn axe_core_finds_no_serious_violation_on_three_page_kinds() {
    let (_dir, site) = export(&["--format", "html"]);
    let runner = root().join("tests/a11y/axe.js");
    let pages = [
        "index.html",
        "departments/mzj.html",
        "items/053303990020001X.html",
    ];
    let out = Command::new("node")
        .arg(&runner)
        .args(pages.iter().map(|p| site.join(p)))
        .output()
        .expect("node runs (scripts/test installs tests/a11y's modules)");
    assert!(
        out.status.success(),
        "axe.js: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), pages.len());
    for page in &lines {
        let serious: Vec<&serde_json::Value> = page["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
            .collect();
        assert!(serious.is_empty(), "{}: {serious:?}", page["page"]);
    }
}

/// The sample catalog with the two sub-items of `mzj/最低生活保障申请`
/// (tests/fixtures/sub-items), exported as a site.
fn export_with_sub_items(lang: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("catalog"), &dir.path().join("catalog"));
    common::add_sub_items(&dir.path().join("catalog"));
    let out = dir.path().join("out");
    let run = qingdan_in(
        dir.path(),
        &[
            "export",
            "--format",
            "html",
            "--lang",
            lang,
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    (dir, out)
}

/// The pages a sub-item's link on its main item's page leads to.
fn sub_item_links(html: &str) -> Vec<String> {
    let list = html
        .split("<ul class=\"sub-items\">")
        .nth(1)
        .expect("the main item lists its sub-items")
        .split("</ul>")
        .next()
        .unwrap();
    list.split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

/// A main item's page with its locations, result and sub-items, and the
/// fullest sub-item's page (every element of issue 20), in both languages.
#[test]
fn main_and_sub_item_pages_as_written() {
    for lang in ["zh", "en"] {
        let (_dir, site) = export_with_sub_items(lang);
        let today = qingdan::model::date::today_cst();
        let main = std::fs::read_to_string(site.join("items/ZJGGFW0512330399002010.html"))
            .unwrap()
            .replace(&today, "[today]");
        insta::assert_snapshot!(format!("page_{lang}_main_item"), main);
        let links = sub_item_links(&main);
        assert_eq!(links.len(), 2, "{links:?}");
        let sub = std::fs::read_to_string(site.join("items").join(&links[0]))
            .unwrap()
            .replace(&today, "[today]");
        insta::assert_snapshot!(format!("page_{lang}_sub_item"), sub);
        assert!(
            sub.contains("href=\"ZJGGFW0512330399002010.html\""),
            "the sub-item links back to its main item"
        );
    }
}

/// In the browser, the main item's page shows its sub-items as links to
/// pages that exist, and its places with their phones as tel: links.
#[test]
fn the_browser_finds_the_sub_items_on_the_main_items_page() {
    let (_dir, site) = export_with_sub_items("zh");
    let page = site.join("items/ZJGGFW0512330399002010.html");
    let dom = dump_dom(&file_url(&page, ""));
    let section = dom
        .split("<section id=\"sub-items\">")
        .nth(1)
        .expect("a sub-items section in the DOM")
        .split("</section>")
        .next()
        .unwrap();
    assert!(section.contains("本事项的子项"), "{section}");
    for name in ["最低生活保障申请（因灾）", "最低生活保障申请（因病）"] {
        assert!(section.contains(name), "{name} in {section}");
    }
    for link in sub_item_links(&dom) {
        assert!(site.join("items").join(&link).is_file(), "{link} exists");
    }
    assert!(
        dom.contains("<ol class=\"places\">"),
        "the places are listed"
    );
    assert!(
        dom.contains("href=\"tel:0577-88125010\""),
        "a place's phone is a link"
    );
}

/// From the page of 房屋所有权首次登记, a browser follows the link to the
/// page of the intermediary service it requires (房屋面积测绘), which shows
/// the two agencies and links back to the item.
#[test]
fn an_item_page_leads_to_the_intermediary_service_it_requires() {
    for (lang, required, agencies) in [
        ("zh", "涉及的中介服务", "可承揽的机构"),
        (
            "en",
            "Intermediary services required",
            "Agencies that may do it",
        ),
    ] {
        let (_dir, site) = export(&["--format", "html", "--lang", lang]);
        let item = site.join("items/0733039901000029.html");
        let dom = dump_dom(&file_url(&item, ""));
        let section = dom
            .split("<section id=\"intermediaries\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{lang}: no intermediaries section"));
        assert!(section.contains(required), "{lang}");
        let href = section
            .split("<a href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(href, "../intermediaries/fwmjch.html");
        let service = item.parent().unwrap().join(href);
        let dom = dump_dom(&file_url(&service, ""));
        assert!(dom.contains("<h1>房屋面积测绘</h1>"), "{lang}");
        assert!(dom.contains(agencies), "{lang}");
        assert!(dom.contains("瓯江市瓯信测绘有限公司"));
        assert!(dom.contains("瓯江市恒远地理信息有限公司"));
        assert!(
            dom.contains("<a href=\"../items/0733039901000029.html\">房屋所有权首次登记</a>"),
            "{lang}: back to the item"
        );
    }
    // An item requiring nothing has no such section.
    let (_dir, site) = export(&["--format", "html"]);
    let html = std::fs::read_to_string(site.join("items/053303990020001X.html")).unwrap();
    assert!(!html.contains("id=\"intermediaries\""));
}

/// The page of 居民用户自来水报装, given a second charge, as the browser
/// shows it: under 收费 each charge of the YAML under its own name, with its
/// standard, basis and pricing, in both languages.
#[test]
fn an_item_page_shows_each_of_its_charges() {
    use qingdan::model::Labelled;
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    copy_dir(&root().join("catalog"), &catalog);
    let file = catalog.join("items/zls/居民用户自来水报装.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let second = "      pricing: government\n    - name: 水表移装费\n      standard: 每只水表移装200元\n      basis: 《瓯江市发展和改革委员会关于规范市区城镇供水户表安装收费的通知》\n      pricing: guided\n";
    std::fs::write(
        &file,
        text.replacen("      pricing: government\n", second, 1),
    )
    .unwrap();
    let (loaded, _) = Catalog::load(&FolderSource::new(&catalog)).unwrap();
    let (_, item) = loaded
        .records()
        .find(|(_, i)| i.name == "居民用户自来水报装")
        .unwrap();
    let charges = item.fee.as_ref().unwrap().charges();
    assert_eq!(charges.len(), 2);
    for (lang, heading) in [("zh", "<h3>收费</h3>"), ("en", "<h3>Fee</h3>")] {
        let out = dir.path().join(lang);
        let run = qingdan_in(
            dir.path(),
            &[
                "--lang",
                lang,
                "export",
                "--format",
                "html",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.transcript());
        let dom = dump_dom(&file_url(&out.join("items/2033039901200016.html"), ""));
        let fee = dom
            .split(heading)
            .nth(1)
            .unwrap_or_else(|| panic!("{lang}: a fee part"))
            .split("</section>")
            .next()
            .unwrap();
        let mut at = 0;
        for charge in &charges {
            let pricing = charge.pricing.unwrap();
            let pricing = if lang == "zh" {
                pricing.zh()
            } else {
                pricing.en()
            };
            // Each charge's own heading, then its rows, in the YAML's order.
            for text in [
                format!("<h4>{}</h4>", charge.name.unwrap()),
                format!("<dd>{}</dd>", charge.standard.unwrap()),
                format!("<dd>{}</dd>", charge.basis.unwrap()),
                format!("<dd>{pricing}</dd>"),
            ] {
                let found = fee[at..]
                    .find(&text)
                    .unwrap_or_else(|| panic!("{lang}: {text} in order in {fee}"));
                at += found + text.len();
            }
        }
    }
}

/// The English site carries the English title (`publication.title_en`), or
/// one made of the region's name, never the Chinese title; the search box
/// says what it searches, in each language.
#[test]
fn the_english_site_has_an_english_title_and_the_search_says_what_it_searches() {
    let (_dir, site) = export(&["--format", "html", "--lang", "en"]);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<h1>Oujiang Public Service Catalog</h1>"));
    assert!(!index.contains("瓯江市公共服务事项清单"), "{index}");
    assert!(index.contains("placeholder=\"Name, code, pinyin initials, department…\""));
    assert!(index.contains("aria-describedby=\"q-hint\""));
    assert!(index.contains("pinyin initials of names (e.g. gjlnk), departments, themes, service targets, materials and results"));
    let (_dir, site) = export(&["--format", "html"]);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<h1>瓯江市公共服务事项清单</h1>"));
    assert!(index.contains("placeholder=\"名称、编码、拼音首字母、部门、材料等\""));
    assert!(
        index
            .contains("名称的拼音首字母（如 gjlnk）、实施主体、主题、服务对象、申请材料和办理结果")
    );
    // Without title_en: an English title made of the region's name.
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    copy_dir(&root().join("catalog"), &catalog);
    let config = catalog.join("catalog.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("  title_en: Oujiang Public Service Catalog\n", ""),
    )
    .unwrap();
    let run = qingdan_in(
        dir.path(),
        &["--lang", "en", "export", "--format", "html", "-o", "site"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let page =
        std::fs::read_to_string(dir.path().join("site/items/2033039901200016.html")).unwrap();
    assert!(page.contains("Public service catalog of 瓯江市"), "{page}");
    assert!(!page.contains("瓯江市公共服务事项清单"));
}
