//! Offices as data and routing by duty (docs/catalog.md, docs/rounds.md):
//! who reviews what on the sample catalog and on a generated one, the
//! expected sets computed here from the items' fees, pricing, bases,
//! intermediaries and departments (not by qingdan's routing); offices
//! configured in catalog.yaml; review files written before offices were
//! configurable; the reasons `round status` and `review export --office`
//! give; the findings of a wrong `offices` list.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::books;
use common::{copy_dir, fixture, qingdan_in};
use qingdan::catalog::Catalog;
use qingdan::model::office::DEFAULT_OFFICES;
use qingdan::model::{DepartmentKind, Pricing};
use qingdan::source::FolderSource;
use serde_json::Value;

type Routed = BTreeMap<String, BTreeSet<String>>;

/// `round status --format json`: each reviewer's items, as file → reasons.
fn status(dir: &Path, lang: &str) -> Value {
    let run = qingdan_in(
        dir,
        &[
            "--lang", lang, "-C", ".", "round", "status", "--format", "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    serde_json::from_str(&run.stdout).unwrap()
}

/// Reviewer id → the files routed to it, from the status JSON.
fn routed(status: &Value) -> Routed {
    status["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let files = r["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["file"].as_str().unwrap().to_string())
                .collect();
            (r["id"].as_str().unwrap().to_string(), files)
        })
        .collect()
}

/// Reviewer id → file → the reason keys.
fn reasons(status: &Value) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    status["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let items = r["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    let reasons = i["reasons"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|k| k.as_str().unwrap().to_string())
                        .collect();
                    (i["file"].as_str().unwrap().to_string(), reasons)
                })
                .collect();
            (r["id"].as_str().unwrap().to_string(), items)
        })
        .collect()
}

/// The files with a finding on their 实施依据 (`validate --format json`):
/// what `normative_documents` reviews until the laws register says more.
fn legal_basis_findings(dir: &Path) -> BTreeSet<String> {
    let run = qingdan_in(dir, &["-C", ".", "validate", "--format", "json"]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["rule"] == "legal-basis-format"
                || f["path"]
                    .as_str()
                    .is_some_and(|p| p.starts_with("legal_basis"))
        })
        .filter_map(|f| f["file"].as_str().map(str::to_string))
        .collect()
}

/// The titles, as 《…》, that the catalog's laws register lists at the
/// level `normative_document` (read from the YAML, not through qingdan).
fn normative_document_titles(dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dir.join("registers/laws.yaml")) else {
        return Vec::new();
    };
    let mut titles = Vec::new();
    let mut title = None;
    for line in text.lines() {
        let line = line.trim_start_matches(['-', ' ']);
        if let Some(t) = line.strip_prefix("title:") {
            title = Some(t.trim().trim_matches(['"', '\'']).to_string());
        } else if line.trim() == "level: normative_document"
            && let Some(t) = title.take()
        {
            titles.push(t);
        }
    }
    titles
}

/// What seed 000 gives each default office, computed from the items
/// themselves: 编办 every active item; 发改委 the charged items with a
/// charge priced 政府定价 or 政府指导价; 财政局 every charged item; 法制办
/// the items whose 实施依据 has a finding or cites a title that
/// `registers/laws.yaml` lists as a 规范性文件; 审管办 items requiring an
/// intermediary service or of an intermediary; 国资委 the state-owned
/// enterprises' items; each supervising department its institutions' and
/// enterprises' items; 政府办公室 and the public none by routing.
fn expected(dir: &Path) -> Routed {
    let (catalog, _) = Catalog::load(&FolderSource::new(dir)).unwrap();
    let normative = legal_basis_findings(dir);
    let normative_titles = normative_document_titles(dir);
    // Every default office is listed, routed to or not.
    let mut out: Routed = DEFAULT_OFFICES
        .iter()
        .map(|o| (o.id.clone(), BTreeSet::new()))
        .collect();
    let mut add = |id: &str, file: &str| {
        out.entry(id.to_string())
            .or_default()
            .insert(file.to_string());
    };
    for (loaded, item) in catalog.records().filter(|(_, i)| i.is_active()) {
        let file = loaded.file.as_str();
        let department = catalog.departments.iter().find(|d| d.id == item.department);
        let kind = department.map(|d| d.kind);
        add("bianban", file);
        if let Some(fee) = item.fee.as_ref().filter(|f| f.charged) {
            add("caizheng", file);
            let governed = fee
                .charges()
                .iter()
                .any(|c| matches!(c.pricing, Some(Pricing::Government) | Some(Pricing::Guided)));
            if governed {
                add("fagaiwei", file);
            }
        }
        let cites_normative = item.legal_basis.iter().any(|b| {
            normative_titles
                .iter()
                .any(|t| b.title.contains(t.as_str()))
        });
        if normative.contains(file) || cites_normative {
            add("fazhi", file);
        }
        if kind == Some(DepartmentKind::Intermediary) || !item.intermediaries.is_empty() {
            add("shenguanban", file);
        }
        if kind == Some(DepartmentKind::StateOwnedEnterprise) {
            add("guoziwei", file);
        }
        if let Some(d) = department
            && matches!(
                d.kind,
                DepartmentKind::PublicInstitution | DepartmentKind::StateOwnedEnterprise
            )
            && let Some(supervisor) = &d.supervisor
        {
            add(supervisor, file);
        }
    }
    out
}

fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::root().join("catalog"), dir.path());
    commit(dir.path());
    dir
}

/// The folder as a git repository with one commit (`round status` reads
/// the round from its tags).
fn commit(dir: &Path) {
    common::git(dir, &["init", "-q", "-b", "main"]);
    common::git(dir, &["add", "-A"]);
    common::git(dir, &["commit", "-q", "-m", "清单"]);
}

#[test]
fn the_sample_catalog_is_routed_by_duty() {
    let dir = sample_copy();
    let status = status(dir.path(), "zh");
    let got = routed(&status);
    let want = expected(dir.path());
    assert_eq!(got, want);
    // 编办 reviews every active item; the duties are not empty on the
    // sample (a fee of each kind, an intermediary, enterprises).
    let (catalog, _) = Catalog::load(&FolderSource::new(dir.path())).unwrap();
    let active = catalog.records().filter(|(_, i)| i.is_active()).count();
    assert_eq!(got["bianban"].len(), active);
    for id in ["fagaiwei", "caizheng", "guoziwei", "shenguanban"] {
        assert!(!got[id].is_empty(), "{id}");
    }
    // Each reviewer's duties, as keys.
    let duties: BTreeMap<&str, Vec<&str>> = status["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let keys = r["duties"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap())
                .collect();
            (r["id"].as_str().unwrap(), keys)
        })
        .collect();
    assert_eq!(duties["bianban"], ["all_items"]);
    assert_eq!(duties["fazhi"], ["normative_documents"]);
    assert_eq!(duties["zhengfuban"], ["publication"]);
    assert!(duties["zjj"].is_empty());
    assert_eq!(
        status["reviewers"][0]["name"], "政府办公室",
        "seed 000's order, 2017 names"
    );
}

/// A generated catalog with institutions, enterprises, an intermediary,
/// fees of each pricing and a basis without its article.
fn generated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    qingdan::generate::write_catalog(root, 120, 6, 7).unwrap();
    let register = std::fs::read_to_string(root.join("departments.yaml")).unwrap();
    let mut kinds = register.split("- id: ").filter(|s| !s.is_empty());
    let mut out = String::new();
    let changes = [
        "",
        "kind: public_institution\n  supervisor: d001\n",
        "kind: state_owned_enterprise\n  supervisor: d002\n",
        "kind: intermediary\n",
        "kind: state_owned_enterprise\n  supervisor: d001\n",
        "",
    ];
    for change in changes {
        let entry = kinds.next().unwrap();
        let entry = if change.is_empty() {
            entry.to_string()
        } else {
            entry.replace("kind: government_department\n", change)
        };
        out.push_str("- id: ");
        out.push_str(&entry);
    }
    std::fs::write(root.join("departments.yaml"), out).unwrap();
    let files = qingdan::generate::item_files(&root.join("items")).unwrap();
    let fee = |pricing: &str| {
        format!(
            "fee:\n  charged: true\n  items:\n    - name: 工本费\n      standard: 每件10元\n      basis: 《瓯江市收费管理办法》第五条\n      pricing: {pricing}\n"
        )
    };
    for (n, path) in files.iter().enumerate() {
        let mut text = std::fs::read_to_string(path).unwrap();
        let free = "fee:\n  charged: false\n";
        assert!(text.contains(free));
        match n % 9 {
            1 => text = text.replace(free, &fee("government")),
            2 => text = text.replace(free, &fee("guided")),
            3 => text = text.replace(free, &fee("market")),
            _ => {}
        }
        if n % 13 == 4 {
            text.push_str("intermediaries: [jianding]\n");
        }
        if n % 17 == 5 {
            let article = text
                .lines()
                .find(|l| l.trim_start().starts_with("article:"))
                .unwrap()
                .to_string();
            text = text.replacen(&article, "    article: 有关规定", 1);
        }
        std::fs::write(path, text).unwrap();
    }
    commit(root);
    dir
}

#[test]
fn a_generated_catalog_is_routed_by_duty() {
    let dir = generated();
    let got = routed(&status(dir.path(), "en"));
    let want = expected(dir.path());
    assert_eq!(got, want);
    assert_eq!(got["bianban"].len(), 120);
    for id in [
        "fagaiwei",
        "caizheng",
        "fazhi",
        "guoziwei",
        "shenguanban",
        "d001",
        "d002",
    ] {
        assert!(!got[id].is_empty(), "{id}: {got:?}");
    }
    assert!(got["fagaiwei"].len() < got["caizheng"].len());
}

const CUSTOM_OFFICES: &str = "
offices:
  - {id: bianban, name: 委编办, name_en: Establishment office, duties: [all_items]}
  - {id: jiage, name: 价格和收费审核组, name_en: Prices and fees panel, duties: [fee_standard, fee_basis]}
  - {id: sfj, name: 司法局, duties: [normative_documents]}
  - {id: szfb, name: 政府办公室, duties: [publication, public]}
  - {id: sjj, name: 数据局, duties: [intermediaries, state_owned_enterprises]}
";

fn with_offices(dir: &Path, offices: &str) {
    let config = dir.join("catalog.yaml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(offices);
    std::fs::write(config, text).unwrap();
}

#[test]
fn offices_configured_in_catalog_yaml_route_by_their_duties() {
    let dir = sample_copy();
    let default = routed(&status(dir.path(), "zh"));
    with_offices(dir.path(), CUSTOM_OFFICES);
    let status = status(dir.path(), "zh");
    let got = routed(&status);
    let offices: Vec<&str> = status["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "office")
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(offices, ["bianban", "jiage", "sfj", "szfb", "sjj"]);
    // One office holding both fee duties gets every charged item; a
    // government-priced one for both reasons.
    assert_eq!(got["jiage"], default["caizheng"]);
    let union: BTreeSet<String> = default["guoziwei"]
        .union(&default["shenguanban"])
        .cloned()
        .collect();
    assert_eq!(got["sjj"], union);
    assert_eq!(got["sfj"], default["fazhi"]);
    assert_eq!(got["bianban"], default["bianban"]);
    assert!(got["szfb"].is_empty());
    let reasons = reasons(&status);
    for file in &default["caizheng"] {
        let want: Vec<&str> = if default["fagaiwei"].contains(file) {
            vec!["fee_standard", "fee_basis"]
        } else {
            vec!["fee_basis"]
        };
        assert_eq!(reasons["jiage"][file], want, "{file}");
    }
    assert!(!default["fagaiwei"].is_empty());
    for office in ["fagaiwei", "caizheng", "guoziwei", "shenguanban", "public"] {
        assert!(!got.contains_key(office), "{office} is no office here");
    }
}

#[test]
fn review_export_and_round_status_say_why_items_are_routed() {
    let dir = sample_copy();
    with_offices(dir.path(), CUSTOM_OFFICES);
    let root = dir.path();
    let outside = tempfile::tempdir().unwrap();
    let mut transcripts = Vec::new();
    for lang in ["zh", "en"] {
        let out = outside.path().join(lang).display().to_string();
        let run = qingdan_in(
            root,
            &[
                "--lang", lang, "-C", ".", "review", "export", "--round", "review-1", "--office",
                "jiage", "-o", &out,
            ],
        );
        assert_eq!(run.code, 0, "{}", run.transcript());
        transcripts.push(run.transcript().replace(&out, "OUT"));
        // The workbook's 审核事由 column gives each item's reasons.
        let out = Path::new(&out);
        let workbook = books::named(out, "jiage");
        let sheet = if lang == "zh" { "意见" } else { "Opinions" };
        let rows = books::rows(&out.join(&workbook), sheet);
        let header = if lang == "zh" {
            "审核事由"
        } else {
            "Why routed"
        };
        let mut column: Vec<String> = rows
            .iter()
            .map(|row| books::cell(row, header).to_string())
            .collect();
        column.sort();
        let both = if lang == "zh" {
            "收费标准、收费依据"
        } else {
            "fee standard, fee basis"
        };
        assert!(column.iter().any(|c| c == both), "{column:?}");
    }
    let run = qingdan_in(
        root,
        &["-C", ".", "round", "status", "--office", "价格和收费审核组"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    transcripts.push(tail_from(&run.stdout, "审核分工"));
    let run = qingdan_in(
        root,
        &[
            "--lang", "en", "-C", ".", "round", "status", "--office", "jiage",
        ],
    );
    transcripts.push(tail_from(&run.stdout, "who reviews what"));
    insta::assert_snapshot!("offices_reasons", transcripts.join("\n=====\n"));
}

/// The output from the line starting with `from`.
fn tail_from(text: &str, from: &str) -> String {
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} in {text}"));
    text[at..].to_string()
}

#[test]
fn review_files_naming_offices_as_before_still_load() {
    let dir = sample_copy();
    let root = dir.path();
    let (catalog, _) = Catalog::load(&FolderSource::new(root)).unwrap();
    let charged = catalog
        .records()
        .find(|(_, i)| i.fee.as_ref().is_some_and(|f| f.charged))
        .unwrap();
    let department = charged.1.department.clone();
    let file = charged.0.file.clone();
    // Written before offices were configurable: office keys, a 2017 name.
    let review = format!(
        "opinions:\n  - item: {file}\n    office: fagaiwei\n    opinion: 请核实收费标准\n    decision: 修改\n    fingerprint: \"0123456789ab\"\n  - item: {file}\n    office: 法制办\n    opinion: 请核实依据\n    decision: 通过\n    fingerprint: \"0123456789ab\"\n  - item: {file}\n    office: bianban\n    opinion: 请核实\n    decision: revise\n    fingerprint: \"0123456789ab\"\nreceipts:\n  - {{workbook: fagaiwei-发改委-一审审核.xlsx, date: 2027-03-09, items: 1, office: fagaiwei}}\n"
    );
    let reviews = root.join("reviews/review-1");
    std::fs::create_dir_all(&reviews).unwrap();
    std::fs::write(reviews.join(format!("{department}.yaml")), review).unwrap();
    // Under the default offices, and under today's names (init
    // --office-names current): every reviewer is known.
    for names in [None, Some("current")] {
        if let Some(names) = names {
            let run = qingdan_in(root, &["-C", ".", "init", "--office-names", names]);
            assert_eq!(run.code, 0, "{}", run.transcript());
        }
        let run = qingdan_in(root, &["-C", ".", "validate", "--format", "json"]);
        let report: Value = serde_json::from_str(&run.stdout).unwrap();
        let about_reviews: Vec<&Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                f["file"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("reviews/"))
            })
            .collect();
        assert!(about_reviews.is_empty(), "{about_reviews:?}");
        let status = status(root, "zh");
        let department_row = status["departments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == department.as_str())
            .unwrap();
        assert_eq!(department_row["opinions"]["open"], 2);
        assert_eq!(department_row["receipts"], 1);
    }
    let config = std::fs::read_to_string(root.join("catalog.yaml")).unwrap();
    assert!(config.contains("name: 司法局"));
    // A catalog whose 编办 has another id still reads `bianban` as 编办;
    // one without 发改委 finds `fagaiwei` unknown, naming file and line.
    let config = config[..config.find("\n# 审核部门及其职责").unwrap()].to_string()
        + "\noffices:\n  - {id: wbb, name: 编办, duties: [all_items, fee_standard, fee_basis, normative_documents, state_owned_enterprises, intermediaries, publication, public]}\n";
    std::fs::write(root.join("catalog.yaml"), config).unwrap();
    let run = qingdan_in(root, &["-C", ".", "validate"]);
    let unknown: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("未知的审核部门"))
        .collect();
    assert_eq!(unknown.len(), 2, "{}", run.stdout);
    assert!(unknown.iter().any(|l| l.contains("「fagaiwei」")));
    assert!(
        unknown
            .iter()
            .any(|l| l.contains("「法制办」") || l.contains("「fazhi」"))
    );
    assert!(
        run.stdout
            .contains(&format!("[reviews/review-1/{department}.yaml:3:")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_wrong_offices_list_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    let base = std::fs::read_to_string(dir.path().join("catalog.yaml")).unwrap();
    let cases = [
        (
            "twice",
            "offices:\n  - {id: bianban, name: 编办, duties: [all_items, fee_standard, fee_basis, normative_documents]}\n  - {id: caizheng, name: 财政局, duties: [state_owned_enterprises, intermediaries]}\n  - {id: bianban, name: 编办二, duties: [publication, public]}\n",
        ),
        (
            "unheld",
            "offices:\n  - {id: bianban, name: 编办, duties: [all_items, fee_standard, fee_basis, normative_documents, intermediaries]}\n",
        ),
        (
            "unknown_duty",
            "offices:\n  - id: bianban\n    name: 编办\n    duties: [all_items, fees]\n",
        ),
    ];
    let mut out = String::new();
    // An office id that is a department's too: an error, the catalog
    // still loads.
    let listed = "offices:\n  - {id: bianban, name: 编办, duties: [all_items, fee_standard, fee_basis, normative_documents, intermediaries]}\n  - {id: mzj, name: 民政审核组, duties: [state_owned_enterprises, publication, public]}\n";
    std::fs::write(dir.path().join("catalog.yaml"), format!("{base}{listed}")).unwrap();
    for lang in ["zh", "en"] {
        let run = qingdan_in(
            dir.path(),
            &["--lang", lang, "-C", ".", "validate", "catalog.yaml"],
        );
        assert_eq!(run.code, 1);
        out.push_str(&format!(
            "## office_is_department ({lang})\n{}\n",
            run.transcript()
        ));
    }
    // With the default offices, the department is named in the register.
    std::fs::write(dir.path().join("catalog.yaml"), &base).unwrap();
    let register = std::fs::read_to_string(dir.path().join("departments.yaml")).unwrap();
    std::fs::write(
        dir.path().join("departments.yaml"),
        register.replacen("- id: mzj\n", "- id: public\n", 1),
    )
    .unwrap();
    let run = qingdan_in(dir.path(), &["-C", ".", "validate", "--format", "json"]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let clash: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"].as_str().unwrap().contains("既是审核部门的 id"))
        .collect();
    assert_eq!(clash.len(), 1, "{report}");
    assert_eq!(clash[0]["file"], "departments.yaml");
    assert_eq!(clash[0]["path"], "[1].id");
    assert_eq!(clash[0]["line"], 7);
    std::fs::write(dir.path().join("departments.yaml"), register).unwrap();
    for (name, offices) in cases {
        std::fs::write(dir.path().join("catalog.yaml"), format!("{base}{offices}")).unwrap();
        for lang in ["zh", "en"] {
            let run = qingdan_in(dir.path(), &["--lang", lang, "-C", ".", "validate"]);
            assert_ne!(run.code, 0);
            out.push_str(&format!("## {name} ({lang})\n{}\n", run.transcript()));
        }
    }
    insta::assert_snapshot!("offices_findings", out);
}

#[test]
fn an_office_holding_only_guidance_holds_no_gate() {
    let dir = sample_copy();
    let root = dir.path();
    common::git(root, &["tag", "qingdan/report-1"]);
    common::git(root, &["tag", "qingdan/review-1"]);
    let (catalog, _) = Catalog::load(&FolderSource::new(root)).unwrap();
    let (loaded, item) = catalog
        .records()
        .find(|(_, i)| {
            catalog
                .departments
                .iter()
                .any(|d| d.id == i.department && d.kind == DepartmentKind::StateOwnedEnterprise)
        })
        .unwrap();
    let review = format!(
        "opinions:\n  - item: {}\n    office: guoziwei\n    opinion: 请督促企业公布服务承诺\n    decision: revise\n    fingerprint: \"0123456789ab\"\n",
        loaded.file
    );
    std::fs::create_dir_all(root.join("reviews/review-1")).unwrap();
    std::fs::write(
        root.join(format!("reviews/review-1/{}.yaml", item.department)),
        review,
    )
    .unwrap();
    let blockers = |root: &Path| {
        let status = status(root, "zh");
        assert_eq!(status["round"], "report-2");
        status["gate"]["blockers"].as_array().unwrap().len()
    };
    // 国资委 guides (指导督促): its unanswered opinion does not hold 二报.
    assert_eq!(blockers(root), 0);
    // An office that also reviews intermediaries is no guide only: its
    // opinion waits for the department's answer.
    with_offices(
        root,
        "offices:\n  - {id: bianban, name: 编办, duties: [all_items, fee_standard, fee_basis, normative_documents, publication, public]}\n  - {id: guoziwei, name: 国资委, duties: [state_owned_enterprises, intermediaries]}\n",
    );
    assert_eq!(blockers(root), 1);
}
