//! A generator of large, realistic catalogs for benchmarks and scale tests:
//! N items over M departments, Chinese names, materials, steps, time limits
//! and fees, the same bytes for the same seed. Generated items are clean
//! under every rule, so a benchmark measures checking, not reporting.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use crate::rules::register::credit_code_check_char;
use crate::source::naming::file_name;

/// A small deterministic generator (splitmix64): no dependency, same
/// sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const GROUPS: &[&str] = &[
    "城乡居民",
    "困难群众",
    "退役军人",
    "残疾人",
    "高校毕业生",
    "农村留守儿童",
    "失业人员",
    "老年人",
    "孕产妇",
    "新生儿",
    "外来务工人员",
    "低收入家庭",
    "特困人员",
    "优抚对象",
    "独生子女家庭",
    "个体工商户",
    "小微企业",
    "社会组织",
    "农民专业合作社",
    "中小学生",
    "职工",
    "灵活就业人员",
    "港澳台居民",
    "外籍人员",
    "企业退休人员",
    "被征地农民",
    "建档立卡户",
    "返乡创业人员",
    "见义勇为人员",
    "城镇居民",
];
const SUBJECTS: &[&str] = &[
    "医疗救助",
    "养老保险",
    "住房补贴",
    "就业创业补贴",
    "技能培训补贴",
    "生活补助",
    "临时救助",
    "教育资助",
    "健康体检",
    "法律援助",
    "公租房保障",
    "取暖补贴",
    "交通补贴",
    "护理补贴",
    "助学贷款贴息",
    "创业担保贷款",
    "社保补贴",
    "职业介绍",
    "档案托管",
    "婚育证明",
    "预防接种",
    "慢性病用药",
    "家庭医生签约",
    "康复服务",
    "文化惠民演出",
    "体育场馆开放",
    "图书借阅",
    "公证服务",
    "权利登记",
    "供水报装",
];
const ACTIONS: &[&str] = &[
    "申请",
    "登记",
    "变更",
    "注销",
    "补办",
    "查询",
    "认定",
    "发放",
    "续办",
    "备案",
    "资格确认",
    "年度审核",
];
const PLACES: &[&str] = &[
    "东城",
    "西城",
    "南湖",
    "北岸",
    "江滨",
    "山前",
    "新区",
    "老城",
    "港区",
    "高新区",
    "滨海",
    "河口",
];
const TITLES: &[(&str, &str)] = &[
    ("《社会救助暂行办法》", "第十一条"),
    ("《中华人民共和国社会保险法》", "第十六条"),
    ("《中华人民共和国就业促进法》", "第五十二条"),
    ("《中华人民共和国老年人权益保障法》", "第三十一条"),
    ("《中华人民共和国残疾人保障法》", "第四十八条"),
    ("《中华人民共和国母婴保健法》", "第十四条"),
    ("《公共租赁住房管理办法》", "第七条"),
    ("《中华人民共和国公证法》", "第二十五条"),
];
const MATERIALS: &[(&str, &str)] = &[
    ("居民身份证", "身份证已过有效期"),
    ("户口簿", "提供的户口簿缺少本人页"),
    ("申请表", "未签名或未按手印"),
    ("银行账户信息", "账号与户名不一致"),
    ("近期一寸免冠照片", "照片为生活照或背景不是白色"),
    ("劳动合同", "合同未加盖单位公章"),
    ("收入情况声明", "未写明家庭成员收入"),
    ("医疗费用发票", "发票为复印件且无医院盖章"),
];
const CATEGORIES: &[&str] = &[
    "social_security",
    "employment",
    "health",
    "housing",
    "public_education",
    "culture_sports",
    "legal_information",
    "poverty_relief",
];

/// One department of a generated catalog.
pub struct GeneratedDepartment {
    pub id: String,
    pub code: String,
    pub name: String,
}

/// Writes a catalog of `items` items over `departments` departments into
/// `dir` (which should be empty): catalog.yaml, departments.yaml and the
/// item files.
pub fn write_catalog(dir: &Path, items: usize, departments: usize, seed: u64) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let depts = departments_for(departments);
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("catalog.yaml"),
        "region:\n  code: \"330399\"\n  name: 瓯江市\n",
    )?;
    std::fs::write(dir.join("departments.yaml"), departments_yaml(&depts))?;
    std::fs::write(dir.join("codes.ledger"), "")?;
    let mut taken = std::collections::HashSet::new();
    for n in 0..items {
        let dept = &depts[n % depts.len()];
        let name = unique_name(n);
        let folder = dir.join("items").join(&dept.id);
        if n < depts.len() {
            std::fs::create_dir_all(&folder)?;
        }
        let file = file_name(&name, |candidate| {
            taken.contains(&format!("{}/{candidate}", dept.id))
        });
        taken.insert(format!("{}/{file}", dept.id));
        let joint = &depts[(n + 1) % depts.len()];
        std::fs::write(folder.join(&file), item_yaml(&name, dept, joint, &mut rng))?;
    }
    Ok(())
}

/// The item files of a generated catalog's `items` folder, sorted.
pub fn item_files(items_dir: &Path) -> io::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for dept in std::fs::read_dir(items_dir)? {
        for file in std::fs::read_dir(dept?.path())? {
            out.push(file?.path());
        }
    }
    out.sort();
    Ok(out)
}

pub fn departments_for(count: usize) -> Vec<GeneratedDepartment> {
    (0..count)
        .map(|i| GeneratedDepartment {
            id: format!("d{:03}", i + 1),
            code: format!("{:03}", i + 1),
            name: format!("瓯江市第{}服务局", i + 1),
        })
        .collect()
}

fn departments_yaml(depts: &[GeneratedDepartment]) -> String {
    let mut out = String::new();
    for (i, d) in depts.iter().enumerate() {
        let base = format!("11330399MB{:07}", i + 1);
        let check = credit_code_check_char(&format!("{base}0")).unwrap_or('0');
        let _ = write!(
            out,
            "- id: {}\n  code: \"{}\"\n  name: {}\n  credit_code: \"{base}{check}\"\n  kind: government_department\n",
            d.id, d.code, d.name
        );
    }
    out
}

/// Item `n`'s name: every name differs, and names of different items share
/// few character pairs (no `similar-name` noise).
fn unique_name(n: usize) -> String {
    let per = GROUPS.len() * SUBJECTS.len() * ACTIONS.len();
    let base = n % per;
    let group = GROUPS[base % GROUPS.len()];
    let subject = SUBJECTS[(base / GROUPS.len()) % SUBJECTS.len()];
    let action = ACTIONS[base / (GROUPS.len() * SUBJECTS.len())];
    let round = n / per;
    if round == 0 {
        format!("{group}{subject}{action}")
    } else {
        format!(
            "{}{group}{subject}{action}（第{round}批）",
            PLACES[round % PLACES.len()]
        )
    }
}

fn item_yaml(
    name: &str,
    dept: &GeneratedDepartment,
    joint: &GeneratedDepartment,
    rng: &mut Rng,
) -> String {
    let (title, article) = *rng.pick(TITLES);
    let category = rng.pick(CATEGORIES);
    let promised = 1 + rng.below(10);
    // Every fifth item was delegated by the province and is handled
    // jointly with the next department (联办).
    let mut delegated = String::new();
    if promised.is_multiple_of(5) {
        delegated.push_str("authority: delegated\ndelegated_from: 浙江省人民政府\n");
        if joint.id != dept.id {
            let _ = writeln!(delegated, "joint_departments: [{}]", joint.id);
        }
    }
    let mut out = String::with_capacity(3000);
    let _ = write!(
        out,
        "# yaml-language-server: $schema=../../schemas/item.schema.json\n\
         name: {name}\n\
         kind: public_service\n\
         category: {category}\n\
         themes:\n  - 社会事务\n\
         department: {id}\n\
         targets:\n  - natural_person\n\
         legal_basis:\n  - title: {title}\n    article: {article}\n\
         level: municipal\n\
         {delegated}\
         acceptance_scope: 户籍或居住证在本市的申请人\n\
         accepting_unit: {dname}\n\
         location: 瓯江市民中心{floor}楼{window}号窗口\n\
         hours: 工作日 9:00-12:00，13:30-17:00\n\
         conditions:\n  - 申请人具有完全民事行为能力\n  - 符合本市{name}的政策规定\n",
        id = dept.id,
        dname = dept.name,
        floor = 1 + rng.below(5),
        window = 1 + rng.below(40),
    );
    // Every third item is handled at township windows too (三级平台), each
    // with its own address, hours and phone.
    if promised.is_multiple_of(3) {
        let _ = write!(
            out,
            "locations:\n  - name: 瓯江市民中心\n    address: 瓯江市江滨中路100号\n    hours: 工作日 9:00-12:00，13:30-17:00\n    phone: 0577-8813{p:04}\n  - name: 瓯北街道便民服务中心\n    address: 瓯北街道双塔路8号\n    hours: 工作日 8:30-12:00\n    phone: 0577-6712{p:04}\n",
            p = promised * 101,
        );
    }
    out.push_str("materials:\n");
    let count = 2 + rng.below(4);
    let start = rng.below(MATERIALS.len());
    for i in 0..count {
        let (material, error) = MATERIALS[(start + i) % MATERIALS.len()];
        let form = if i % 2 == 0 { "original" } else { "copy" };
        let _ = write!(
            out,
            "  - name: {material}\n    form: {form}\n    copies: 1\n    source: applicant\n    sample: 示范文本见窗口\n    common_errors:\n      - {error}\n"
        );
    }
    out.push_str("process:\n");
    let steps = [
        ("受理", "窗口工作人员", "即办".to_string()),
        (
            "审核",
            "业务科室",
            format!("{}个工作日", promised.div_ceil(2)),
        ),
        (
            "办结",
            "业务科室负责人",
            format!("{}个工作日", promised / 2),
        ),
    ];
    for (step, actor, limit) in &steps {
        let _ = write!(
            out,
            "  - name: {step}\n    actor: {actor}\n    time_limit: {limit}\n    note: 按规定时限办理{step}手续\n"
        );
    }
    let _ = write!(
        out,
        "time_limit:\n  legal: {legal}个工作日\n  promised: {promised}个工作日\n\
         case_type: promised\n\
         result:\n  name: {name}结果通知书\n  kind: proof\n  delivery: [window, mail]\n\
         fee:\n  charged: false\n\
         consultation: 电话 0577-8{phone:07}；地址：瓯江市民中心\n\
         complaint: 电话 12345\n\
         online: partial\n\
         online_url: https://zwfw.oujiang.gov.cn/{id}\n\
         services:\n  appointment: true\n  mail: {mail}\n\
         visits: 1\n",
        legal = promised + 5,
        phone = rng.below(10_000_000),
        id = dept.id,
        mail = promised.is_multiple_of(2),
    );
    out
}

/// Writes the four registers of `registers/` for a generated catalog:
/// `materials` materials (the ones generated items ask for among them,
/// with aliases), `laws` laws (the titles generated items cite among
/// them), `fees` charges, and a proofs register with a cancelled and a
/// retained list. Names beyond those are made up and numbered.
pub fn write_registers(dir: &Path, materials: usize, laws: usize, fees: usize) -> io::Result<()> {
    let registers = dir.join("registers");
    std::fs::create_dir_all(&registers)?;
    let mut out = String::new();
    for n in 0..materials {
        match MATERIALS.get(n) {
            Some((name, _)) => {
                let _ = write!(
                    out,
                    "- name: {name}\n  aliases: [{name}原件, 本人{name}]\n  kind: other\n"
                );
            }
            None => {
                let group = GROUPS[n % GROUPS.len()];
                let subject = SUBJECTS[(n / GROUPS.len()) % SUBJECTS.len()];
                let _ = write!(
                    out,
                    "- name: {group}{subject}核定通知书{n}\n  aliases: [{group}{subject}通知{n}]\n  kind: licence\n  shareable: {}\n  system: 电子证照库\n",
                    n % 3 == 0
                );
            }
        }
    }
    std::fs::write(registers.join("materials.yaml"), &out)?;
    out.clear();
    for n in 0..laws {
        match TITLES.get(n) {
            Some((title, _)) => {
                let _ = writeln!(out, "- title: {title}\n  level: law");
            }
            None => {
                let place = PLACES[n % PLACES.len()];
                let subject = SUBJECTS[(n / PLACES.len()) % SUBJECTS.len()];
                let _ = writeln!(
                    out,
                    "- title: 《瓯江市{place}{subject}管理办法（第{n}号）》\n  level: normative_document"
                );
            }
        }
    }
    std::fs::write(registers.join("laws.yaml"), &out)?;
    out.clear();
    for n in 0..fees {
        let subject = SUBJECTS[n % SUBJECTS.len()];
        let _ = writeln!(
            out,
            "- name: {subject}服务费{n}\n  standard: 每件{}元\n  basis: 《瓯江市{subject}收费标准》\n  pricing: government",
            10 + n % 90
        );
    }
    std::fs::write(registers.join("fees.yaml"), &out)?;
    std::fs::write(
        registers.join("proofs.yaml"),
        "cancelled:\n  - name: 单身证明\n  - name: 无子女证明\n  - name: 未购房证明\nretained:\n  - name: 收入情况声明\n",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_catalogs_are_deterministic_and_clean() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write_catalog(a.path(), 300, 7, 42).unwrap();
        write_catalog(b.path(), 300, 7, 42).unwrap();
        let file = "items/d003/退役军人医疗救助申请.yaml";
        assert_eq!(
            std::fs::read(a.path().join(file)).unwrap(),
            std::fs::read(b.path().join(file)).unwrap()
        );
        let source = crate::source::FolderSource::new(a.path());
        let (catalog, report) = crate::validate::validate(&source, &[]).unwrap();
        assert_eq!(catalog.records().count(), 300);
        assert!(
            report.findings.is_empty(),
            "{:?}",
            &report.findings[..report.findings.len().min(3)]
        );
    }
}
