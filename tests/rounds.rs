//! The rounds end to end: a scratch repository walks a catalog through
//! 一报 → 一审 → 二报 → 二审 → 审定 → 公布 and one 动态调整. Every gate first
//! refuses (exit 3, blockers named), then passes once its condition is met.
//! Opinions and export receipts are written by hand, as offices do until
//! `review export` / `review import` exist.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::books::{self, Edit};
use common::{Run, qingdan_in, qingdan_without_git};
use qingdan::diff::{self, Change};
use qingdan::model::Item;
use qingdan::source::GitSource;

const CONFIG: &str = "region: {code: \"330399\", name: 瓯江市}\ndeadlines:\n  report-1: 2000-01-31\n  review-1: 2000-03-31\n  report-2: 2999-04-30\npublication: {issuer: 瓯江市人民政府}\n";

const REGISTER: &str = "\
- {id: wsjw, code: \"001\", name: 瓯江市卫生健康委员会, credit_code: \"11330399002601424H\", kind: government_department}
- {id: zjj, code: \"007\", name: 瓯江市住房和城乡建设局, credit_code: \"113303990026021952\", kind: government_department}
- {id: zls, code: \"012\", name: 瓯江市自来水有限公司, credit_code: \"91330399145368295P\", kind: state_owned_enterprise, supervisor: zjj}
";

const BIRTH: &str = "items/wsjw/生育登记.yaml";
const VACCINE: &str = "items/wsjw/预防接种证补办.yaml";
const HOUSING: &str = "items/zjj/公共租赁住房申请.yaml";
const WATER: &str = "items/zls/居民用户自来水报装.yaml";
const BIRTH_CERTIFICATE: &str = "items/wsjw/出生医学证明补发.yaml";

fn item(name: &str, department: &str, extra: &str) -> String {
    format!(
        "name: {name}\nkind: public_service\ncategory: other\ndepartment: {department}\ntargets: [natural_person]\nlegal_basis:\n  - title: 《条例》\n    article: 第一条\nguide: false\n{extra}"
    )
}

const FEE: &str =
    "fee: {charged: true, standard: 每本10元, basis: 《收费标准通知》, government_priced: true}\n";

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A git repository with the catalog in `catalog/`.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        git(repo.root(), &["init", "-q", "-b", "main"]);
        for (key, value) in [
            ("user.name", "审核员"),
            ("user.email", "review@example.org"),
            ("commit.gpgsign", "false"),
            ("tag.gpgsign", "false"),
        ] {
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
        git(
            self.root(),
            &["commit", "-q", "--allow-empty", "-m", message],
        );
    }
    fn run(&self, args: &[&str]) -> Run {
        qingdan_in(self.root(), args)
    }
    fn advance(&self) -> Run {
        self.run(&["--lang", "en", "round", "advance"])
    }
    /// Advances on the step that publishes, under the 文号 `number`.
    fn publish(&self, number: &str) -> Run {
        self.run(&[
            "--lang",
            "en",
            "round",
            "advance",
            "--document-number",
            number,
        ])
    }
    fn tags(&self) -> Vec<String> {
        git(self.root(), &["tag", "--list", "qingdan/*"])
            .lines()
            .map(str::to_string)
            .collect()
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
}

/// Review workbooks, as the offices and departments fill them.
impl Repo {
    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, 0, "{args:?}\n{}", run.transcript());
        run
    }
    /// An office exports its workbook of `round` into `folder`, writes
    /// `(item file, opinion, decision)` on the item rows and imports it.
    fn office_opinions(
        &self,
        round: &str,
        office: &str,
        folder: &str,
        opinions: &[(&str, &str, &str)],
    ) {
        self.ok(&[
            "review", "export", "--round", round, "--office", office, "-o", folder, "--force",
        ]);
        let book = format!(
            "{folder}/{}",
            books::named(&self.root().join(folder), &format!("{office}-"))
        );
        let cells: Vec<[(&str, &str); 2]> = opinions
            .iter()
            .map(|(_, opinion, decision)| [("审核意见", *opinion), ("结论", *decision)])
            .collect();
        let matches: Vec<[(&str, &str); 1]> = opinions
            .iter()
            .map(|(file, _, _)| [("文件", *file)])
            .collect();
        let edits: Vec<Edit> = matches
            .iter()
            .zip(&cells)
            .map(|(m, c)| Edit {
                matching: m,
                set: c,
            })
            .collect();
        books::fill(self.root(), &book, &edits);
        self.ok(&["review", "import", &book]);
    }
    /// The department's feedback workbook of `folder`: `(item file, office
    /// label, cell header, text)` set on the opinion rows, then imported.
    fn department_fills(
        &self,
        folder: &str,
        department: &str,
        cells: &[(&str, &str, &str, &str)],
    ) -> String {
        let book = format!(
            "{folder}/{}",
            books::named(&self.root().join(folder), &format!("{department}-"))
        );
        let matches: Vec<[(&str, &str); 2]> = cells
            .iter()
            .map(|(file, office, _, _)| [("文件", *file), ("审核部门", *office)])
            .collect();
        let sets: Vec<[(&str, &str); 1]> = cells
            .iter()
            .map(|(_, _, header, text)| [(*header, *text)])
            .collect();
        let edits: Vec<Edit> = matches
            .iter()
            .zip(&sets)
            .map(|(m, s)| Edit {
                matching: m,
                set: s,
            })
            .collect();
        books::fill(self.root(), &book, &edits);
        book
    }
}

/// The advance refused: exit 3, nothing tagged, each of `named` in the report.
fn assert_refused(repo: &Repo, run: &Run, named: &[&str]) {
    let tags = repo.tags();
    assert_eq!(run.code, 3, "{}", run.transcript());
    assert!(run.stdout.contains("refused"), "{}", run.stdout);
    for text in named {
        assert!(
            run.stdout.contains(text),
            "`{text}` not in:\n{}",
            run.stdout
        );
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
    assert!(
        run.stderr.contains("uncommitted changes") && run.stderr.contains("公共租赁住房申请"),
        "{}",
        run.stderr
    );
    repo.commit("一报（有误）");
    assert_refused(&repo, &repo.advance(), &["[schema]", HOUSING, "colour"]);
    repo.write(HOUSING, &item("公共租赁住房申请", "zjj", ""));
    repo.commit("一报（改正）");
    let dry = repo.run(&["--lang", "en", "round", "advance", "--dry-run"]);
    assert!(
        dry.code == 0 && dry.stdout.contains("dry run") && repo.tags().is_empty(),
        "{}",
        dry.transcript()
    );
    assert_advanced(&repo.advance(), "qingdan/report-1");
    assert_eq!(repo.round(), "review-1");

    // 一审: every department with items needs a feedback workbook receipt; an
    // office's workbook does not count. The offices give their opinions in
    // their workbooks: 编办 the general items, 发改委 and 财政局 the fee, 住建局
    // its water company.
    let departments = [
        "瓯江市卫生健康委员会",
        "瓯江市住房和城乡建设局",
        "瓯江市自来水有限公司",
    ];
    let run = repo.advance();
    assert_refused(&repo, &run, &departments);
    assert!(
        run.stdout.contains("no feedback workbook"),
        "{}",
        run.stdout
    );
    // Feedback workbooks exported before the offices imported their
    // opinions carried none of them: their receipts do not close the round.
    repo.ok(&[
        "review",
        "export",
        "--round",
        "review-1",
        "-o",
        "一审反馈（早）",
    ]);
    repo.office_opinions(
        "review-1",
        "bianban",
        "一审",
        &[
            (BIRTH, "请核实实施依据", "修改"),
            (HOUSING, "请核实实施依据", "修改"),
        ],
    );
    repo.office_opinions(
        "review-1",
        "fagaiwei",
        "一审",
        &[(VACCINE, "请附收费标准批复", "修改")],
    );
    repo.office_opinions(
        "review-1",
        "caizheng",
        "一审",
        &[(VACCINE, "收费依据齐全", "通过")],
    );
    repo.office_opinions(
        "review-1",
        "zjj",
        "一审",
        &[(WATER, "请核实实施依据", "修改")],
    );
    repo.commit("一审意见");
    let run = repo.advance();
    assert_refused(
        &repo,
        &run,
        &[
            "生育登记",
            "公共租赁住房申请",
            "居民用户自来水报装",
            "reviews/review-1/wsjw.yaml:3",
            "is in none of the department's feedback workbook receipts",
        ],
    );
    assert!(
        !run.stdout.contains("no feedback workbook"),
        "{}",
        run.stdout
    );
    // Each department gets its feedback workbook with the opinions: the
    // receipts, rewritten, close the round.
    repo.ok(&["review", "export", "--round", "review-1", "-o", "一审反馈"]);
    assert_eq!(
        repo.read("reviews/review-1/wsjw.yaml")
            .matches("一审反馈.xlsx")
            .count(),
        1,
        "one receipt per department, round and office"
    );
    repo.commit("一审反馈");
    assert_advanced(&repo.advance(), "qingdan/review-1");
    assert_eq!(repo.round(), "report-2");

    // 二报: every opinion asking for a revision needs a response. The
    // departments answer in their feedback workbooks, then revise the items.
    assert_refused(
        &repo,
        &repo.advance(),
        &[
            "生育登记",
            "预防接种证补办",
            "公共租赁住房申请",
            "居民用户自来水报装",
            "Development and reform commission",
        ],
    );
    let wsjw = repo.department_fills(
        "一审反馈",
        "wsjw",
        &[
            (BIRTH, "编办", "部门答复", "已修改"),
            (VACCINE, "发改委", "部门答复", "已附批复"),
        ],
    );
    let zls = repo.department_fills(
        "一审反馈",
        "zls",
        &[(WATER, "瓯江市住房和城乡建设局", "部门答复", "已修改")],
    );
    // The departments revise as asked before importing their answers: an
    // item changed after the opinion is the answer, not a stale workbook.
    repo.edit(BIRTH, "article: 第一条", "article: 第二条");
    repo.edit(VACCINE, "每本10元", "每本5元");
    repo.edit(WATER, "article: 第一条", "article: 第三条");
    repo.ok(&["review", "import", &wsjw, &zls]);
    repo.commit("二报（部分答复）");
    let run = repo.advance();
    assert_refused(
        &repo,
        &run,
        &["公共租赁住房申请", "reviews/review-1/zjj.yaml:3"],
    );
    assert!(!run.stdout.contains("生育登记"), "{}", run.stdout);
    // zjj answers without changing its item: round status flags it.
    let zjj = repo.department_fills(
        "一审反馈",
        "zjj",
        &[(HOUSING, "编办", "部门答复", "依据无误，不予修改")],
    );
    repo.ok(&["review", "import", &zjj]);
    repo.commit("二报");
    let status: serde_json::Value =
        serde_json::from_str(&repo.run(&["round", "status", "--format", "json"]).stdout).unwrap();
    let zjj = status["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "zjj")
        .unwrap();
    assert_eq!(
        zjj["unchanged_answers"][0]["file"],
        "reviews/review-1/zjj.yaml"
    );
    assert_eq!(status["gate"]["passes"], true);
    assert_advanced(&repo.advance(), "qingdan/report-2");
    assert_eq!(repo.round(), "review-2");
    // What changed between the two reports.
    let first = GitSource::open(&repo.catalog(), "qingdan/report-1").unwrap();
    let second = GitSource::open(&repo.catalog(), "qingdan/report-2").unwrap();
    let revised: Vec<_> = diff::compare(&first, &second)
        .unwrap()
        .items
        .into_iter()
        .map(|c| (c.change, c.file))
        .collect();
    let changed = |file: &str| (Change::Changed, file.to_string());
    assert_eq!(revised, [changed(BIRTH), changed(VACCINE), changed(WATER)]);

    // 二审 needs the public consulted: a consultation record or the public's opinions.
    assert_refused(
        &repo,
        &repo.advance(),
        &[
            "reviews/review-2/consultation.yaml",
            "no record of the public consultation",
        ],
    );
    // 二审: a public comment (the consultation's workbook holds every item)
    // stays open and an error-level finding appears.
    repo.office_opinions(
        "review-2",
        "public",
        "二审",
        &[(WATER, "报装应可网上办理", "修改")],
    );
    repo.edit(
        BIRTH,
        "guide: false\n",
        "guide: false\nacceptance_scope: 需提交其他材料\n",
    );
    repo.commit("征求意见");
    assert_refused(
        &repo,
        &repo.advance(),
        &[
            "[vague-wording]",
            BIRTH,
            "The public",
            "neither answered nor resolved",
        ],
    );
    repo.edit(BIRTH, "acceptance_scope: 需提交其他材料\n", "");
    repo.ok(&["review", "export", "--round", "review-2", "-o", "二审反馈"]);
    let zls = repo.department_fills(
        "二审反馈",
        "zls",
        &[(WATER, "社会公众", "部门答复", "已采纳")],
    );
    repo.ok(&["review", "import", &zls]);
    repo.commit("二审");
    assert_advanced(&repo.advance(), "qingdan/review-2");
    assert_eq!(repo.round(), "approved");

    // 审定 → 公布: the approval on record and every item coded; advancing
    // publishes under the 文号 it is given, recorded in the published tag.
    let run = repo.advance();
    assert_refused(
        &repo,
        &run,
        &[
            "生育登记",
            "has no code",
            "reviews/approved/approval.yaml",
            "no record of the approval",
        ],
    );
    repo.ok(&["code"]);
    repo.commit("赋码");
    assert_refused(&repo, &repo.advance(), &["no record of the approval"]);
    repo.write(
        "reviews/approved/approval.yaml",
        "meeting: 瓯江市人民政府第12次常务会议\ndate: 2027-05-20\nminutes_number: 〔2027〕12号\n",
    );
    repo.commit("审定记录");
    let run = repo.advance();
    assert!(
        run.code != 0 && run.stderr.contains("--document-number") && repo.tags().len() == 4,
        "{}",
        run.transcript()
    );
    let run = repo.publish("瓯政发〔2027〕12号");
    assert_advanced(&run, "qingdan/approved");
    let today = qingdan::coding::ledger::today_cst();
    let published = format!("qingdan/published-{today}");
    assert!(run.stdout.contains(&published), "{}", run.stdout);
    assert_eq!(repo.round(), "adjust");
    let record = repo.read_at(&published, "reviews/published/publication.yaml");
    assert!(
        record.contains("issuer: 瓯江市人民政府\n")
            && record.contains("document_number: 瓯政发〔2027〕12号\n")
            && record.contains(&format!("date: \"{today}\"")),
        "{record}"
    );
    assert_eq!(
        repo.read_at("qingdan/approved", "reviews/published/publication.yaml"),
        record
    );

    // 动态调整: nothing changed, nothing to publish.
    assert_refused(&repo, &repo.advance(), &["nothing to publish"]);
    // A deleted item is refused outright; a cancelled one needs its reviewers.
    std::fs::remove_file(repo.catalog().join(WATER)).unwrap();
    repo.commit("删除事项");
    assert_refused(&repo, &repo.advance(), &[WATER, "never deleted"]);
    repo.write(
        WATER,
        &format!("{}status: cancelled\n", repo.read_at(&published, WATER)),
    );
    repo.edit(VACCINE, "每本5元", "每本3元");
    repo.write(BIRTH_CERTIFICATE, &item("出生医学证明补发", "wsjw", ""));
    repo.commit("动态调整");
    let run = repo.advance();
    assert_refused(
        &repo,
        &run,
        &[
            "居民用户自来水报装",
            "was cancelled",
            "预防接种证补办",
            "出生医学证明补发",
            "Establishment office",
        ],
    );
    assert!(
        run.stdout
            .contains("Development and reform commission or Finance bureau"),
        "{}",
        run.stdout
    );
    // Opinions of the responsible reviewers on the items as they are now; one
    // given on an earlier version (the item changed after the export, the
    // workbook imported with --force) does not count.
    repo.office_opinions(
        "adjust",
        "fagaiwei",
        "调整",
        &[(VACCINE, "收费标准下调，同意", "通过")],
    );
    repo.office_opinions(
        "adjust",
        "bianban",
        "调整",
        &[(BIRTH_CERTIFICATE, "请补充办理流程", "修改")],
    );
    repo.ok(&[
        "review",
        "export",
        "--round",
        "adjust",
        "--office",
        "zjj",
        "-o",
        "调整-住建局",
    ]);
    let zjj_book = format!(
        "调整-住建局/{}",
        books::named(&repo.root().join("调整-住建局"), "zjj-")
    );
    books::fill(
        repo.root(),
        &zjj_book,
        &[Edit {
            matching: &[("文件", WATER)],
            set: &[("审核意见", "同意取消"), ("结论", "通过")],
        }],
    );
    repo.edit(
        WATER,
        "status: cancelled\n",
        "remarks: 并入居民用户供水服务\nstatus: cancelled\n",
    );
    let stale = repo.run(&["--lang", "en", "review", "import", &zjj_book]);
    assert!(
        stale.code == 1 && stale.stdout.contains("changed since the"),
        "{}",
        stale.transcript()
    );
    repo.ok(&["review", "import", "--force", &zjj_book]);
    assert!(
        !repo
            .read("reviews/adjust/zls.yaml")
            .contains(&repo.fingerprint(WATER)),
        "the opinion is on the exported version"
    );
    repo.commit("调整意见");
    let run = repo.advance();
    assert_refused(
        &repo,
        &run,
        &[
            "出生医学证明补发",
            "`Revise`",
            "居民用户自来水报装",
            "supervising department zjj or State assets commission",
        ],
    );
    assert!(!run.stdout.contains("预防接种证补办"), "{}", run.stdout);
    // 编办 accepts the revision in its workbook (已办结); 住建局 reviews the
    // item as it is now.
    repo.ok(&[
        "review", "export", "--round", "adjust", "--office", "bianban", "-o", "调整", "--force",
    ]);
    let bianban_book = format!(
        "调整/{}",
        books::named(&repo.root().join("调整"), "bianban-")
    );
    books::fill(
        repo.root(),
        &bianban_book,
        &[Edit {
            matching: &[("文件", BIRTH_CERTIFICATE)],
            set: &[("已办结", "是")],
        }],
    );
    repo.ok(&["review", "import", &bianban_book]);
    repo.office_opinions(
        "adjust",
        "zjj",
        "调整",
        &[(WATER, "同意取消（已核对现行版本）", "通过")],
    );
    repo.commit("调整意见办结");
    let run = repo.publish("瓯政发〔2027〕30号");
    assert_advanced(&run, &format!("{published}-2"));
    assert!(
        repo.read_at(
            &format!("{published}-2"),
            "reviews/published/publication.yaml"
        )
        .contains("瓯政发〔2027〕30号")
    );
    assert_eq!(repo.round(), "adjust");

    let mut tags = repo.tags();
    tags.sort();
    let mut expected: Vec<String> = ["approved", "report-1", "report-2", "review-1", "review-2"]
        .iter()
        .map(|t| format!("qingdan/{t}"))
        .collect();
    expected.extend([published.clone(), format!("{published}-2")]);
    expected.sort();
    assert_eq!(tags, expected);
    let message = git(
        repo.root(),
        &[
            "tag",
            "-l",
            "--format=%(contents:subject)",
            "qingdan/report-1",
        ],
    );
    assert_eq!(message.trim(), "一报完成");
}

impl Repo {
    fn read_at(&self, rev: &str, file: &str) -> String {
        git(self.root(), &["show", &format!("{rev}:catalog/{file}")])
    }
}

/// The first review round with opinions given and answered through workbooks.
fn repo_in_review_1() -> Repo {
    let repo = Repo::new();
    assert_eq!(repo.advance().code, 0);
    repo.office_opinions(
        "review-1",
        "bianban",
        "一审",
        &[(BIRTH, "请核实", "修改"), (HOUSING, "请核实", "修改")],
    );
    repo.office_opinions(
        "review-1",
        "fagaiwei",
        "一审",
        &[(VACCINE, "请核实", "通过")],
    );
    repo.ok(&["review", "export", "--round", "review-1", "-o", "一审反馈"]);
    let zjj = repo.department_fills(
        "一审反馈",
        "zjj",
        &[(HOUSING, "编办", "部门答复", "不予修改")],
    );
    repo.ok(&["review", "import", &zjj]);
    repo.commit("一审意见");
    repo
}

#[test]
fn the_status_table_in_chinese_and_english() {
    let repo = repo_in_review_1();
    insta::assert_snapshot!(
        "round_status_zh",
        repo.run(&["round", "status"]).transcript()
    );
    insta::assert_snapshot!(
        "round_status_en",
        repo.run(&["--lang", "en", "round", "status"]).transcript()
    );
}

#[test]
fn the_status_of_an_earlier_revision() {
    let repo = repo_in_review_1();
    let run = repo.run(&[
        "--lang",
        "en",
        "round",
        "status",
        "--rev",
        "qingdan/report-1",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["round"], "review-1");
    let wsjw = doc["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "wsjw")
        .unwrap();
    assert_eq!(wsjw["opinions"]["open"], 0, "no opinion at report-1");
    let deadline = doc["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["round"] == "review-1")
        .unwrap();
    assert_eq!(
        (deadline["current"].as_bool(), deadline["overdue"].as_bool()),
        (Some(true), Some(true))
    );
    let report_1 = doc["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["round"] == "report-1")
        .unwrap();
    assert_eq!(
        report_1["overdue"], false,
        "a closed round is never overdue"
    );
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
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        found.contains(&(
            "reviews/review-1/zls.yaml".into(),
            7,
            "unknown key `colour`".into()
        )),
        "{found:?}"
    );
    let unknown_item = found
        .iter()
        .find(|(file, line, _)| file == "reviews/review-1/zjj.yaml" && *line == 2)
        .unwrap();
    assert!(unknown_item.2.contains("names no item"), "{found:?}");
    let unknown_office = found
        .iter()
        .find(|(file, line, _)| file == "reviews/review-1/zjj.yaml" && *line == 3)
        .unwrap();
    assert!(
        unknown_office.2.contains("unknown reviewer `nobody`"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(file, _, m)| file == "reviews/second-review/wsjw.yaml"
                && m.contains("belongs in reviews/")),
        "{found:?}"
    );
}

#[test]
fn advancing_outside_a_repository_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("catalog")).unwrap();
    std::fs::write(dir.path().join("catalog/catalog.yaml"), CONFIG).unwrap();
    std::fs::write(dir.path().join("catalog/departments.yaml"), REGISTER).unwrap();
    let run = qingdan_in(dir.path(), &["--lang", "en", "round", "advance"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
    // Outside git the status is report-1: no tag can be reached.
    let status = qingdan_in(dir.path(), &["round", "status", "--format", "json"]);
    assert!(
        status.stdout.contains("\"round\": \"report-1\""),
        "{}",
        status.transcript()
    );
}

#[test]
fn a_linked_worktree_reads_revisions_and_advances() {
    let repo = Repo::new();
    let worktree = repo.root().join("wt");
    git(
        repo.root(),
        &["worktree", "add", "-q", worktree.to_str().unwrap()],
    );
    let run = qingdan_in(&worktree, &["--lang", "en", "round", "advance"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(repo.tags(), ["qingdan/report-1"]);
}

/// The Done-when: `qingdan diff qingdan/report-1 qingdan/report-2`
/// shows the revisions. Legal bases are matched by their text (docs/diff.md), so a
/// changed article is one basis removed and one added.
#[test]
fn diff_shows_the_revisions_between_the_reports() {
    let repo = Repo::new();
    assert_eq!(repo.advance().code, 0);
    repo.edit(BIRTH, "article: 第一条", "article: 第二条");
    repo.commit("二报");
    git(
        repo.root(),
        &["tag", "-a", "qingdan/report-2", "-m", "二报完成"],
    );
    let run = repo.run(&[
        "--lang",
        "en",
        "diff",
        "qingdan/report-1",
        "qingdan/report-2",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["changed"], 1);
    let paths: Vec<&str> = doc["items"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["legal_basis[《条例》第二条]", "legal_basis[《条例》第一条]"],
        "{}",
        run.stdout
    );
}

/// Reading the rounds needs no git program: the tags and the work tree's
/// state are read from the repository itself. Only `round advance`, which
/// creates tags as the user, runs git — and says so when it is missing.
#[test]
fn round_status_reads_the_same_without_git_and_advance_says_git_is_missing() {
    let repo = Repo::new();
    assert_advanced(&repo.advance(), "qingdan/report-1");
    repo.edit(BIRTH, "article: 第一条", "article: 第二条");
    repo.commit("二报");
    // (arguments, exit): the dry run meets the gate of 一审 (no receipts yet).
    for (args, code) in [
        (&["round", "status"][..], 0),
        (&["--lang", "en", "round", "status", "--format", "json"], 0),
        (&["round", "status", "--rev", "qingdan/report-1"], 0),
        (&["--lang", "en", "round", "advance", "--dry-run"], 3),
    ] {
        let with_git = repo.run(args);
        assert_eq!(with_git.code, code, "{}", with_git.transcript());
        let without_git = qingdan_without_git(repo.root(), args);
        assert_eq!(without_git.transcript(), with_git.transcript(), "{args:?}");
    }
    assert_eq!(repo.round(), "review-1");

    for (lang, says) in [
        ("zh", "找不到 git 程序：round advance 用 git"),
        ("en", "git was not found: round advance runs git"),
    ] {
        let run = qingdan_without_git(repo.root(), &["--lang", lang, "round", "advance"]);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
    assert_eq!(repo.tags(), ["qingdan/report-1"], "no tag was made");
}

/// A hand-made tag that reads like a publication but names a date that
/// does not exist is no round: the round stays where it was, and `round
/// status` says why the tag was left out (zh and en).
#[test]
fn a_tag_that_is_no_round_tag_is_left_out_and_named() {
    let repo = Repo::new();
    assert_eq!(repo.advance().code, 0);
    git(repo.root(), &["tag", "qingdan/published-2027-02-30"]);
    git(repo.root(), &["tag", "qingdan/review-one"]);
    assert_eq!(repo.round(), "review-1", "the bad tags are not rounds");
    let zh = repo.run(&["round", "status"]);
    assert_eq!(zh.code, 0, "{}", zh.transcript());
    for tag in ["qingdan/published-2027-02-30", "qingdan/review-one"] {
        assert!(
            zh.stderr
                .contains(&format!("标签 {tag} 不是 qingdan 的轮次标签")),
            "{}",
            zh.stderr
        );
    }
    let en = repo.run(&["--lang", "en", "round", "status"]);
    assert!(
        en.stderr
            .contains("the tag qingdan/published-2027-02-30 is no qingdan round tag"),
        "{}",
        en.stderr
    );
}

/// 动态调整 as the reviewer sees it: three items changed since the
/// publication (份数 1→2, a shorter time limit, a new item) out of five.
/// The reviewer's workbook holds those three, each with its changes; the
/// worse one (份数 1→2) is flagged there, and only there: the public notice
/// announces the change without a mark.
#[test]
fn the_adjust_workbook_holds_the_changes_since_publication() {
    let repo = Repo::new();
    repo.write(
        BIRTH,
        &item(
            "生育登记",
            "wsjw",
            "materials:\n  - {name: 居民户口簿, copies: 1}\n",
        ),
    );
    repo.write(
        HOUSING,
        &item(
            "公共租赁住房申请",
            "zjj",
            "time_limit: {promised: 10个工作日}\n",
        ),
    );
    repo.commit("公布版本");
    // Before any publication there is nothing to compare with.
    for (lang, said) in [
        ("zh", "找不到公布标签（qingdan/published-…）"),
        (
            "en",
            "no publication tag (qingdan/published-…) is reachable",
        ),
    ] {
        let run = repo.run(&[
            "--lang", lang, "review", "export", "--round", "adjust", "--office", "bianban", "-o",
            "早",
        ]);
        assert!(
            run.code == 2 && run.stderr.contains(said),
            "{}",
            run.transcript()
        );
    }
    git(repo.root(), &["tag", "qingdan/published-2027-06-01"]);
    repo.edit(BIRTH, "copies: 1", "copies: 2");
    repo.edit(HOUSING, "10个工作日", "5个工作日");
    repo.write(BIRTH_CERTIFICATE, &item("出生医学证明补发", "wsjw", ""));
    repo.commit("动态调整");

    for (lang, sheets, headers, yes, no, worse) in [
        (
            "zh",
            ["意见", "变更"],
            [
                "文件",
                "调整类型",
                "变更内容",
                "是否不利变更",
                "不利变更说明",
            ],
            "是",
            "否",
            "材料份数增加：申请材料“居民户口簿”的份数：1 → 2",
        ),
        (
            "en",
            ["Opinions", "Changes"],
            [
                "File",
                "Change",
                "What changed",
                "Worse for applicants",
                "How it is worse",
            ],
            "Yes",
            "No",
            "more copies of a material: copies of material “居民户口簿”: 1 → 2",
        ),
    ] {
        let folder = format!("调整-{lang}");
        repo.ok(&[
            "--lang", lang, "review", "export", "--round", "adjust", "--office", "bianban", "-o",
            &folder,
        ]);
        let dir = repo.root().join(&folder);
        let book = dir.join(books::named(&dir, "bianban-"));
        let [file, kind, changes, flagged, detail] = headers;
        let files = |sheet: &str| {
            let mut files: Vec<String> = books::rows(&book, sheet)
                .iter()
                .map(|r| books::cell(r, file).to_string())
                .collect();
            files.sort();
            files
        };
        let mut changed = vec![BIRTH, BIRTH_CERTIFICATE, HOUSING];
        changed.sort();
        assert_eq!(files(sheets[0]), changed, "not all five items");
        assert_eq!(files(sheets[1]), changed);
        let rows = books::rows(&book, sheets[1]);
        let row = |wanted: &str| {
            rows.iter()
                .find(|r| books::cell(r, file) == wanted)
                .unwrap()
        };
        let birth = row(BIRTH);
        assert_eq!(books::cell(birth, flagged), yes);
        assert_eq!(books::cell(birth, detail), worse);
        assert!(
            books::cell(birth, changes).ends_with(": 1 → 2")
                || books::cell(birth, changes).ends_with("：1 → 2"),
            "{birth:?}"
        );
        let housing = row(HOUSING);
        assert_eq!(
            books::cell(housing, flagged),
            no,
            "a shorter limit is no worse"
        );
        assert!(
            books::cell(housing, changes).contains("10个工作日 → 5个工作日"),
            "{housing:?}"
        );
        assert_eq!(books::cell(housing, detail), "");
        assert_eq!(
            books::cell(row(BIRTH_CERTIFICATE), kind),
            if lang == "zh" { "新增" } else { "added" }
        );

        let notice = repo.run(&[
            "--lang",
            lang,
            "diff",
            "qingdan/published-2027-06-01",
            "--notice",
            "--document-number",
            "瓯政发〔2027〕30号",
            "--date",
            "2027-12-01",
        ]);
        assert_eq!(notice.code, 0, "{}", notice.transcript());
        assert!(notice.stdout.contains("“居民户口簿”"), "{}", notice.stdout);
        let mark = worse.split([':', '：']).next().unwrap();
        for hidden in [mark, "不利", "worse"] {
            assert!(
                !notice.stdout.contains(hidden),
                "{hidden}: {}",
                notice.stdout
            );
        }
    }
    // The departments' workbooks: those with changed items only.
    repo.ok(&["review", "export", "--round", "adjust", "-o", "部门"]);
    let mut names: Vec<String> = std::fs::read_dir(repo.root().join("部门"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "wsjw-瓯江市卫生健康委员会-动态调整反馈.xlsx",
            "zjj-瓯江市住房和城乡建设局-动态调整反馈.xlsx"
        ]
    );
}
