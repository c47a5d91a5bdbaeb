//! The files `qingdan init` writes: configuration, register, schemas and one
//! clean example item.

pub mod ci;

use crate::model::office::{self, OfficeNames};
use crate::model::{Labelled, schema};
use crate::rules::register::credit_code_check_char;

/// Every schema file a catalog carries, by file name: the records' and the
/// export document's.
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    let mut all = schema::all();
    all.push(("export.schema.json", crate::export::json::schema()));
    all
}

/// The region a new catalog starts with until the clerk sets it.
pub const DEFAULT_REGION_CODE: &str = "000000";
pub const DEFAULT_REGION_NAME: &str = "本级";

/// The example item of a new catalog (not added to an existing one).
pub const EXAMPLE_ITEM: &str = "items/mzj/老年人优待证办理.yaml";

/// The lines of `.gitignore` a catalog needs: the temporary files of writes
/// (left by a killed run until the next run removes them) and the writers'
/// lock.
pub fn gitignore_lines() -> [&'static str; 2] {
    [crate::fsutil::TEMP_PATTERN, crate::lock::LOCK_FILE]
}

fn gitignore() -> String {
    let mut text =
        String::from("# qingdan: temporary files of interrupted writes, the writers' lock\n");
    for line in gitignore_lines() {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// `.gitignore`'s text with the lines it lacks appended (`None` when it
/// has them all).
pub fn gitignore_completed(existing: &str) -> Option<(String, Vec<&'static str>)> {
    let has = |line: &str| existing.lines().any(|l| l.trim() == line);
    let missing: Vec<&str> = gitignore_lines().into_iter().filter(|l| !has(l)).collect();
    if missing.is_empty() {
        return None;
    }
    let mut text = existing.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    Some((text, missing))
}

/// The `offices` block of catalog.yaml with seed 000's offices under the
/// 2017 or today's names (`init --office-names`), with a comment saying
/// which.
pub fn offices_block(names: OfficeNames) -> String {
    let mut text = String::from(match names {
        OfficeNames::Original => {
            "\n# 审核部门及其职责（docs/catalog.md）：温州方案（seed 000）联席会议成员单位的 2017 年名称。\n"
        }
        OfficeNames::Current => {
            "\n# 审核部门及其职责（docs/catalog.md）：2018 年机构改革后的名称（法制办并入司法局；\n# 审管办多为政务服务管理办公室，或并入数据局、行政审批局——请按本地机构改名）。\n"
        }
    });
    text.push_str("offices:\n");
    for office in office::default_offices(names) {
        let duties: Vec<&str> = office.duties.iter().map(|d| d.key()).collect();
        text.push_str(&format!(
            "  - id: {}\n    name: {}\n",
            office.id, office.name
        ));
        if let Some(en) = &office.name_en {
            text.push_str(&format!("    name_en: {en}\n"));
        }
        text.push_str(&format!("    duties: [{}]\n", duties.join(", ")));
    }
    text
}

/// An existing catalog.yaml with the `offices` block appended (every line
/// the user wrote stays), or `None` when it lists offices already or does
/// not read.
pub fn offices_completed(existing: &str, names: OfficeNames) -> Option<String> {
    let doc = crate::yaml::parse(existing).ok()??;
    if doc.value.get("offices").is_some() {
        return None;
    }
    let mut text = existing.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&offices_block(names));
    Some(text)
}

/// Catalog-relative path and content of every file of a new catalog.
pub fn files(region_code: &str, region_name: &str) -> Vec<(String, String)> {
    files_with(region_code, region_name, None)
}

/// The files of a new catalog; `offices`: catalog.yaml lists the offices
/// under those names (else it leaves them to the default).
pub fn files_with(
    region_code: &str,
    region_name: &str,
    offices: Option<OfficeNames>,
) -> Vec<(String, String)> {
    let base = format!("11{region_code}MB0000001");
    // The check character is computed over the first 17 characters.
    let credit_code = match credit_code_check_char(&format!("{base}0")) {
        Some(check) => format!("{base}{check}"),
        None => format!("{base}0"),
    };
    let fill = |template: &str| {
        template
            .replace("@REGION_CODE@", region_code)
            .replace("@REGION_NAME@", region_name)
            .replace("@CREDIT_CODE@", &credit_code)
    };
    let mut out = vec![
        (
            "catalog.yaml".to_string(),
            fill(include_str!("catalog.yaml")) + &offices.map(offices_block).unwrap_or_default(),
        ),
        (
            "departments.yaml".to_string(),
            fill(include_str!("departments.yaml")),
        ),
        ("codes.ledger".to_string(), String::new()),
        // Two branches that each code an item append to the ledger's end;
        // the union merge keeps both lines instead of a conflict.
        (
            ".gitattributes".to_string(),
            "codes.ledger merge=union\n".to_string(),
        ),
        (
            "registers/materials.yaml".to_string(),
            include_str!("materials.yaml").to_string(),
        ),
        (
            "registers/laws.yaml".to_string(),
            include_str!("laws.yaml").to_string(),
        ),
        (
            "registers/proofs.yaml".to_string(),
            include_str!("proofs.yaml").to_string(),
        ),
        (
            "registers/fees.yaml".to_string(),
            include_str!("fees.yaml").to_string(),
        ),
        (".gitignore".to_string(), gitignore()),
        (EXAMPLE_ITEM.to_string(), fill(include_str!("item.yaml"))),
    ];
    for (name, value) in schemas() {
        out.push((format!("schemas/{name}"), schema::to_text(&value)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    #[test]
    fn gitignore_gains_only_what_it_lacks() {
        assert_eq!(gitignore_completed(&gitignore()), None);
        let (text, missing) = gitignore_completed("target/\n.qingdan.lock").unwrap();
        assert_eq!(missing, [".qingdan-*.tmp"]);
        assert_eq!(text, "target/\n.qingdan.lock\n.qingdan-*.tmp\n");
    }

    #[test]
    fn the_offices_block_reads_back_as_the_default_offices() {
        for names in [OfficeNames::Original, OfficeNames::Current] {
            let text = files_with("330300", "温州市", Some(names))
                .into_iter()
                .find(|(path, _)| path == "catalog.yaml")
                .unwrap()
                .1;
            let doc = crate::yaml::parse(&text).unwrap().unwrap();
            let config: crate::model::CatalogConfig = serde_json::from_value(doc.value).unwrap();
            assert_eq!(config.offices.unwrap(), office::default_offices(names));
        }
        let current = offices_block(OfficeNames::Current);
        assert!(current.contains("name: 司法局"), "{current}");
        assert!(!offices_block(OfficeNames::Original).contains("司法局"));
    }

    #[test]
    fn an_existing_catalog_yaml_gains_offices_only_when_it_has_none() {
        let mine = "# 我的注释\nregion: {code: \"330300\", name: 温州市}";
        let text = offices_completed(mine, OfficeNames::Current).unwrap();
        assert!(text.starts_with("# 我的注释\nregion: {code: \"330300\", name: 温州市}\n"));
        let doc = crate::yaml::parse(&text).unwrap().unwrap();
        let config: crate::model::CatalogConfig = serde_json::from_value(doc.value).unwrap();
        assert_eq!(config.offices().len(), 8);
        assert_eq!(offices_completed(&text, OfficeNames::Original), None);
        assert_eq!(offices_completed("region: [", OfficeNames::Original), None);
    }

    #[test]
    fn a_new_catalog_is_clean() {
        let mut source = MemorySource::new();
        for (path, text) in files("330300", "温州市") {
            source.insert(&path, &text);
        }
        let (catalog, report) = crate::validate::validate(&source, &[]).unwrap();
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        assert_eq!(catalog.records().count(), 1);
        assert!(catalog.departments[0].credit_code.starts_with("11330300"));
        // The registers are there, and the proofs register holds only the
        // three proofs seed 004 names, with no act invented.
        assert!(catalog.registers.absent().is_empty());
        let proofs = catalog.registers.proofs.as_ref().unwrap();
        let names: Vec<&str> = proofs.cancelled.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["单身证明", "无子女证明", "未购房证明"]);
        assert!(proofs.cancelled.iter().all(|p| p.act.is_none()));
        assert!(
            catalog
                .registers
                .law("中华人民共和国老年人权益保障法")
                .is_some()
        );
    }
}
