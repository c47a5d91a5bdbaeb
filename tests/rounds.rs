//! The rounds end to end: a scratch repository walks a catalog through
//! 一报 → 一审 → 二报 → 二审 → 审定 → 公布 and one 动态调整. Every gate first
//! refuses (exit 3, blockers named), then passes once its condition is met.
//! Opinions and export receipts are written by hand, as offices do until
//! `review export` / `review import` exist.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Run, qingdan_in};
use qingdan::model::Item;
use qingdan::diff::{self, Change};
use qingdan::source::GitSource;

const CONFIG: &str = "region: {code: \"330399\", name: 瓯江市}\ndeadlines:\n  report-1: 2000-01-31\n  review-1: 2000-03-31\n  report-2: 2999-04-30\n";

const REGISTER: &str = "\
- {id: wsjw, code: \"001\", name: 瓯江市卫生健康委员会, credit_code: \"11330399002601424H\", kind: government_department}
- {id: zjj, code: \"007\", name: 瓯江市住房和城乡建设局, credit_code: \"113303990026021952\", kind: government_department}
- {id: zls, code: \"012\", name: 瓯江市自来水有限公司, credit_code: \"91330399145368295P\", kind: state_owned_enterprise, supervisor: zjj}
";

const BIRTH: &str = "items/wsjw/生育登记.yaml";
const VACCINE: &str = "items/wsjw/预防接种证补办.yaml";
const HOUSING: &str = "items/zjj/公共租赁住房申请.yaml";
const WATER: &str = "items/zls/居民用户自来水报装.yaml";

fn item(name: &str, department: &str, extra: &str) -> String {
    format!(
        "name: {name}\nkind: public_service\ncategory: other\ndepartment: {department}\ntargets: [natural_person]\nlegal_basis:\n  - title: 《条例》\n    article: 第一条\nguide: false\n{extra}"
    )
}

const FEE: &str = "fee: {charged: true, standard: 每本10元, basis: 《收费标准通知》, government_priced: true}\n";

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git").args(args).current_dir(dir).env("GIT_CONFIG_NOSYSTEM", "1").output().expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// A git repository with the catalog in `catalog/`.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo { dir: tempfile::tempdir().unwrap() };
        git(repo.root(), &["init", "-q", "-b", "main"]);
        for (key, value) in [("user.name", "审核员"), ("user.email", "review@example.org"), ("commit.gpgsign", "false"), ("tag.gpgsign", "false")] {
            git(repo.root(), &["config", key, value]);
        }
        repo.write("catalog.yaml", CONFIG);
        repo.write("departments.yaml", REGISTER);
        repo.write(BIRTH, &item("生育登记", "wsjw", ""));
        repo.write(VACCINE, &item("预防接种证补办", "wsjw", FEE));
        repo.write(HOUSING, &item("公共租赁住房申请", "zjj", ""));
        repo.write(WATER, &item("居民用户自来水报装", "zls", ""));
        repo.commit("一报");
        repo
    }
    fn root(&self) -> &Path {
        self.dir.path()
    }
    fn catalog(&self) -> PathBuf {
        self.root().join("catalog")
    }
    fn write(&self, file: &str, text: &str) {
        let path = self.catalog().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.catalog().join(file)).unwrap()
    }
    fn edit(&self, file: &str, from: &str, to: &str) {
        let text = self.read(file);
        assert!(text.contains(from), "{file} has no {from}");
        self.write(file, &text.replacen(from, to, 1));
    }
    fn commit(&self, message: &str) {
        git(self.root(), &["add", "-A"]);
        git(self.root(), &["commit", "-q", "--allow-empty", "-m", message]);
    }
    fn run(&self, args: &[&str]) -> Run {
        qingdan_in(self.root(), args)
    }
    fn advance(&self) -> Run {
        self.run(&["--lang", "en", "round", "advance"])
    }
    fn tags(&self) -> Vec<String> {
        git(self.root(), &["tag", "--list", "qingdan/*"]).lines().map(str::to_string).collect()
    }
    fn round(&self) -> String {
        let run = self.run(&["round", "status", "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        doc["round"].as_str().unwrap().to_string()
    }
    /// The fingerprint of an item file as it is now.
    fn fingerprint(&self, file: &str) -> String {
        let doc = qingdan::yaml::parse(&self.read(file)).unwrap().unwrap();
        let item: Item = serde_json::from_value(doc.value).unwrap();
        qingdan::rounds::fingerprint(&item)
    }
    fn opinion(&self, file: &str, office: &str, decision: &str, extra: &str) -> String {
        format!(
            "  - item: {file}\n    office: {office}\n    opinion: 请核实\n    decision: {decision}\n    fingerprint: \"{}\"\n{extra}",
            self.fingerprint(file)
        )
    }
}

const RECEIPT: &str = "receipts:\n  - {workbook: 反馈.xlsx, date: 2027-03-10, items: 2}\n";

/// The advance refused: exit 3, nothing tagged, each of `named` in the report.
fn assert_refused(repo: &Repo, run: &Run, named: &[&str]) {
    let tags = repo.tags();
    assert_eq!(run.code, 3, "{}", run.transcript());
    assert!(run.stdout.contains("refused"), "{}", run.stdout);
    for text in named {
        assert!(run.stdout.contains(text), "`{text}` not in:\n{}", run.stdout);
    }
    assert_eq!(repo.tags(), tags);
}

fn assert_advanced(run: &Run, tag: &str) {
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains(tag), "{}", run.stdout);
}

#[test]
fn a_catalog_walks_through_every_round_and_one_adjustment() {
    let repo = Repo::new();
    assert_eq!(repo.round(), "report-1");

    // 一报: a dirty tree is refused (exit 2); then a schema error blocks.
    repo.write(HOUSING, &item("公共租赁住房申请", "zjj", "colour: red\n"));
    let run = repo.advance();
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("uncommitted changes") && run.stderr.contains("公共租赁住房申请"), "{}", run.stderr);
    repo.commit("一报（有误）");
    assert_refused(&repo, &repo.advance(), &["[schema]", HOUSING, "colour"]);
    repo.write(HOUSING, &item("公共租赁住房申请", "zjj", ""));
    repo.commit("一报（改正）");
    let dry = repo.run(&["--lang", "en", "round", "advance", "--dry-run"]);
    assert!(dry.code == 0 && dry.stdout.contains("dry run") && repo.tags().is_empty(), "{}", dry.transcript());
    assert_advanced(&repo.advance(), "qingdan/report-1");
    assert_eq!(repo.round(), "review-1");

    // 一审: every department with items needs a feedback workbook receipt; an
    // office's workbook does not count.
    assert_refused(&repo, &repo.advance(), &["瓯江市卫生健康委员会", "瓯江市住房和城乡建设局", "瓯江市自来水有限公司"]);
    let wsjw = format!(
        "opinions:\n{}{}{}{RECEIPT}",
        repo.opinion(BIRTH, "bianban", "revise", ""),
        repo.opinion(VACCINE, "fagaiwei", "revise", ""),
        repo.opinion(VACCINE, "caizheng", "pass", ""),
    );
    repo.write("reviews/review-1/wsjw.yaml", &wsjw);
    repo.write("reviews/review-1/zjj.yaml", &format!("opinions:\n{}{RECEIPT}", repo.opinion(HOUSING, "bianban", "revise", "")));
    let office_only = "receipts:\n  - {workbook: 发改委.xlsx, date: 2027-03-10, items: 1, office: fagaiwei}\n";
    repo.write("reviews/review-1/zls.yaml", &format!("opinions:\n{}{office_only}", repo.opinion(WATER, "zjj", "revise", "")));
    repo.commit("一审意见");
    let run = repo.advance();
    assert_refused(&repo, &run, &["瓯江市自来水有限公司", "no feedback workbook"]);
    assert!(!run.stdout.contains("瓯江市卫生健康委员会"), "{}", run.stdout);
    repo.write("reviews/review-1/zls.yaml", &format!("{}{}", repo.read("reviews/review-1/zls.yaml"), "  - {workbook: 反馈.xlsx, date: 2027-03-10, items: 1}\n"));
    repo.commit("一审回执");
    assert_advanced(&repo.advance(), "qingdan/review-1");
    assert_eq!(repo.round(), "report-2");

    // 二报: every opinion asking for a revision needs a response.
    assert_refused(&repo, &repo.advance(), &["生育登记", "预防接种证补办", "公共租赁住房申请", "居民用户自来水报装", "Development and reform commission"]);
    repo.edit(BIRTH, "article: 第一条", "article: 第二条");
    repo.edit(VACCINE, "每本10元", "每本5元");
    repo.edit(WATER, "article: 第一条", "article: 第三条");
    let answer = |file: &str, from: &str| {
        let text = repo.read(file).replace(from, &format!("{from}    response: 已修改\n"));
        repo.write(file, &text);
    };
    answer("reviews/review-1/wsjw.yaml", "    decision: revise\n");
    answer("reviews/review-1/zls.yaml", "    decision: revise\n");
    repo.commit("二报（部分答复）");
    let run = repo.advance();
    assert_refused(&repo, &run, &["公共租赁住房申请", "reviews/review-1/zjj.yaml:2"]);
    assert!(!run.stdout.contains("生育登记"), "{}", run.stdout);
    // zjj answers without changing its item: round status flags it.
    answer("reviews/review-1/zjj.yaml", "    decision: revise\n");
    repo.commit("二报");
    let status: serde_json::Value = serde_json::from_str(&repo.run(&["round", "status", "--format", "json"]).stdout).unwrap();
    let zjj = status["departments"].as_array().unwrap().iter().find(|d| d["id"] == "zjj").unwrap();
    assert_eq!(zjj["unchanged_answers"][0]["file"], "reviews/review-1/zjj.yaml");
    assert_eq!(status["gate"]["passes"], true);
    assert_advanced(&repo.advance(), "qingdan/report-2");
    assert_eq!(repo.round(), "review-2");
    // What changed between the two reports.
    let first = GitSource::open(&repo.catalog(), "qingdan/report-1").unwrap();
    let second = GitSource::open(&repo.catalog(), "qingdan/report-2").unwrap();
    let revised: Vec<_> = diff::compare(&first, &second).unwrap().items.into_iter().map(|c| (c.change, c.file)).collect();
    let changed = |file: &str| (Change::Changed, file.to_string());
    assert_eq!(revised, [changed(BIRTH), changed(VACCINE), changed(WATER)]);

    // 二审: a public comment stays open and an error-level finding appears.
    let comment = repo.opinion(WATER, "public", "revise", "");
    repo.write("reviews/review-2/zls.yaml", &format!("opinions:\n{comment}"));
    repo.edit(BIRTH, "guide: false\n", "guide: false\nacceptance_scope: 需提交其他材料\n");
    repo.commit("征求意见");
    assert_refused(&repo, &repo.advance(), &["[vague-wording]", BIRTH, "The public", "neither answered nor resolved"]);
    repo.edit(BIRTH, "acceptance_scope: 需提交其他材料\n", "");
    repo.edit("reviews/review-2/zls.yaml", "    decision: revise\n", "    decision: revise\n    response: 已采纳\n");
    repo.commit("二审");
    assert_advanced(&repo.advance(), "qingdan/review-2");
    assert_eq!(repo.round(), "approved");

    // 审定 → 公布: advancing publishes.
    let run = repo.advance();
    assert_advanced(&run, "qingdan/approved");
    let today = qingdan::coding::ledger::today_cst();
    let published = format!("qingdan/published-{today}");
    assert!(run.stdout.contains(&published), "{}", run.stdout);
    assert_eq!(repo.round(), "adjust");

    // 动态调整: nothing changed, nothing to publish.
    assert_refused(&repo, &repo.advance(), &["nothing to publish"]);
    // A deleted item is refused outright; a cancelled one needs its reviewers.
    std::fs::remove_file(repo.catalog().join(WATER)).unwrap();
    repo.commit("删除事项");
    assert_refused(&repo, &repo.advance(), &[WATER, "never deleted"]);
    repo.write(WATER, &format!("{}status: cancelled\n", repo.read_at(&published, WATER)));
    repo.edit(VACCINE, "每本5元", "每本3元");
    repo.write("items/wsjw/出生医学证明补发.yaml", &item("出生医学证明补发", "wsjw", ""));
    repo.commit("动态调整");
    let run = repo.advance();
    assert_refused(&repo, &run, &["居民用户自来水报装", "was cancelled", "预防接种证补办", "出生医学证明补发", "Establishment office"]);
    assert!(run.stdout.contains("Development and reform commission or Finance bureau"), "{}", run.stdout);
    // Opinions of the responsible reviewers on the items as they are now; one
    // written on an earlier version (another fingerprint) does not count.
    let adjust_wsjw = format!(
        "opinions:\n{}{}",
        repo.opinion(VACCINE, "fagaiwei", "pass", ""),
        repo.opinion("items/wsjw/出生医学证明补发.yaml", "bianban", "revise", ""),
    );
    repo.write("reviews/adjust/wsjw.yaml", &adjust_wsjw);
    let water = repo.opinion(WATER, "zjj", "pass", "");
    repo.write("reviews/adjust/zls.yaml", &format!("opinions:\n{}", water.replace(&repo.fingerprint(WATER), "000000000000")));
    repo.commit("调整意见");
    let run = repo.advance();
    assert_refused(&repo, &run, &["出生医学证明补发", "`Revise`", "居民用户自来水报装", "supervising department zjj or State assets commission"]);
    assert!(!run.stdout.contains("预防接种证补办"), "{}", run.stdout);
    repo.edit("reviews/adjust/wsjw.yaml", "    decision: revise\n", "    decision: revise\n    resolved: true\n");
    repo.write("reviews/adjust/zls.yaml", &format!("opinions:\n{water}"));
    repo.commit("调整意见办结");
    assert_advanced(&repo.advance(), &format!("{published}-2"));
    assert_eq!(repo.round(), "adjust");

    let mut tags = repo.tags();
    tags.sort();
    let mut expected: Vec<String> =
        ["approved", "report-1", "report-2", "review-1", "review-2"].iter().map(|t| format!("qingdan/{t}")).collect();
    expected.extend([published.clone(), format!("{published}-2")]);
    expected.sort();
    assert_eq!(tags, expected);
    let message = git(repo.root(), &["tag", "-l", "--format=%(contents:subject)", "qingdan/report-1"]);
    assert_eq!(message.trim(), "一报完成");
}

impl Repo {
    fn read_at(&self, rev: &str, file: &str) -> String {
        git(self.root(), &["show", &format!("{rev}:catalog/{file}")])
    }
}

/// The first review round with opinions written and one receipt missing.
fn repo_in_review_1() -> Repo {
    let repo = Repo::new();
    assert_eq!(repo.advance().code, 0);
    let wsjw = format!("opinions:\n{}{}{RECEIPT}", repo.opinion(BIRTH, "bianban", "revise", ""), repo.opinion(VACCINE, "fagaiwei", "pass", ""));
    repo.write("reviews/review-1/wsjw.yaml", &wsjw);
    repo.write("reviews/review-1/zjj.yaml", &format!("opinions:\n{}{RECEIPT}", repo.opinion(HOUSING, "bianban", "revise", "    response: 不予修改\n")));
    repo.commit("一审意见");
    repo
}

#[test]
fn the_status_table_in_chinese_and_english() {
    let repo = repo_in_review_1();
    insta::assert_snapshot!("round_status_zh", repo.run(&["round", "status"]).transcript());
    insta::assert_snapshot!("round_status_en", repo.run(&["--lang", "en", "round", "status"]).transcript());
}

#[test]
fn the_status_of_an_earlier_revision() {
    let repo = repo_in_review_1();
    let run = repo.run(&["--lang", "en", "round", "status", "--rev", "qingdan/report-1", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["round"], "review-1");
    let wsjw = doc["departments"].as_array().unwrap().iter().find(|d| d["id"] == "wsjw").unwrap();
    assert_eq!(wsjw["opinions"]["open"], 0, "no opinion at report-1");
    let deadline = doc["deadlines"].as_array().unwrap().iter().find(|d| d["round"] == "review-1").unwrap();
    assert_eq!((deadline["current"].as_bool(), deadline["overdue"].as_bool()), (Some(true), Some(true)));
    let report_1 = doc["deadlines"].as_array().unwrap().iter().find(|d| d["round"] == "report-1").unwrap();
    assert_eq!(report_1["overdue"], false, "a closed round is never overdue");
}

#[test]
fn a_bad_review_file_is_a_finding_naming_the_file_and_line() {
    let repo = repo_in_review_1();
    repo.write("reviews/review-1/zls.yaml", "opinions:\n  - item: items/zls/不存在.yaml\n    office: nobody\n    opinion: x\n    decision: revise\n    fingerprint: \"0123456789ab\"\n    colour: red\n");
    repo.write("reviews/review-1/zjj.yaml", "opinions:\n  - item: items/zls/不存在.yaml\n    office: nobody\n    opinion: x\n    decision: revise\n    fingerprint: \"0123456789ab\"\n");
    repo.write("reviews/second-review/wsjw.yaml", "opinions: []\n");
    let run = repo.run(&["--lang", "en", "validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, u64, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap_or(0), f["message"].as_str().unwrap().to_string()))
        .collect();
    assert!(found.contains(&("reviews/review-1/zls.yaml".into(), 7, "unknown key `colour`".into())), "{found:?}");
    let unknown_item = found.iter().find(|(file, line, _)| file == "reviews/review-1/zjj.yaml" && *line == 2).unwrap();
    assert!(unknown_item.2.contains("names no item"), "{found:?}");
    let unknown_office = found.iter().find(|(file, line, _)| file == "reviews/review-1/zjj.yaml" && *line == 3).unwrap();
    assert!(unknown_office.2.contains("unknown reviewer `nobody`"), "{found:?}");
    assert!(found.iter().any(|(file, _, m)| file == "reviews/second-review/wsjw.yaml" && m.contains("belongs in reviews/")), "{found:?}");
}

#[test]
fn advancing_outside_a_repository_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("catalog")).unwrap();
    std::fs::write(dir.path().join("catalog/catalog.yaml"), CONFIG).unwrap();
    std::fs::write(dir.path().join("catalog/departments.yaml"), REGISTER).unwrap();
    let run = qingdan_in(dir.path(), &["--lang", "en", "round", "advance"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("not in a git repository"), "{}", run.stderr);
    // Outside git the status is report-1: no tag can be reached.
    let status = qingdan_in(dir.path(), &["round", "status", "--format", "json"]);
    assert!(status.stdout.contains("\"round\": \"report-1\""), "{}", status.transcript());
}

#[test]
fn a_linked_worktree_reads_revisions_and_advances() {
    let repo = Repo::new();
    let worktree = repo.root().join("wt");
    git(repo.root(), &["worktree", "add", "-q", worktree.to_str().unwrap()]);
    let run = qingdan_in(&worktree, &["--lang", "en", "round", "advance"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(repo.tags(), ["qingdan/report-1"]);
}

/// The Done-when: `qingdan diff qingdan/report-1 qingdan/report-2`
/// shows the revisions. Legal bases are matched by their text (SPEC), so a
/// changed article is one basis removed and one added.
#[test]
fn diff_shows_the_revisions_between_the_reports() {
    let repo = Repo::new();
    assert_eq!(repo.advance().code, 0);
    repo.edit(BIRTH, "article: 第一条", "article: 第二条");
    repo.commit("二报");
    git(repo.root(), &["tag", "-a", "qingdan/report-2", "-m", "二报完成"]);
    let run = repo.run(&["--lang", "en", "diff", "qingdan/report-1", "qingdan/report-2", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["changed"], 1);
    let paths: Vec<&str> = doc["items"][0]["fields"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["legal_basis[《条例》第二条]", "legal_basis[《条例》第一条]"], "{}", run.stdout);
}
