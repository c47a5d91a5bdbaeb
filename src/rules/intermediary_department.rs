//! `intermediary-department`: an intermediary agency registered as an
//! implementing body (`kind: intermediary` in departments.yaml) — the old
//! way of listing intermediaries. It still loads; the warning says how to
//! move: the service to `intermediaries/`, the agency to
//! `registers/agencies.yaml`.

use crate::catalog::{Catalog, DEPARTMENTS_FILE};
use crate::finding::{Finding, Message, Severity};
use crate::model::DepartmentKind;
use crate::yaml::{PathSeg, format_path};

use super::Rule;

pub static RULE: Rule = Rule {
    id: "intermediary-department",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "中介服务机构作为实施主体列在 departments.yaml 中（旧写法）",
    summary_en: "an intermediary agency listed as an implementing body in departments.yaml (the old way)",
    messages: &[(
        "intermediary.posing_as_department",
        "「{name}」是中介服务机构，不是实施主体：把它承揽的服务写成 intermediaries/<编号>.yaml（写明行业主管部门和需要它的事项，事项中写 intermediaries: [<编号>]），把机构写入 registers/agencies.yaml，再从 departments.yaml 删除「{id}」",
        "「{name}」 is an intermediary agency, not an implementing body: write the service it does as intermediaries/<id>.yaml (with the department in charge and the items requiring it, which name it in intermediaries: [<id>]), put the agency in registers/agencies.yaml, then remove `{id}` from departments.yaml",
    )],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    for (department, &row) in catalog.departments.iter().zip(&catalog.department_rows) {
        if department.kind != DepartmentKind::Intermediary {
            continue;
        }
        let path = [PathSeg::Index(row), PathSeg::Key("kind".into())];
        let span = catalog.departments_spans.as_ref().map(|s| s.locate(&path));
        let message = Message::new("intermediary.posing_as_department")
            .arg("name", department.name.as_str())
            .arg("id", department.id.as_str());
        out.push(
            Finding::new(&RULE, message)
                .in_file(DEPARTMENTS_FILE)
                .at(format_path(&path), span),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{REGISTER, catalog_with_register};

    #[test]
    fn an_intermediary_in_the_register_is_warned_with_the_way_out() {
        let register = format!(
            "{REGISTER}- {{id: chfw, code: \"014\", name: 瓯信测绘有限公司, credit_code: 91330399MA2HT6Q499, kind: intermediary}}\n"
        );
        let catalog = catalog_with_register(&register, "");
        let mut out = Vec::new();
        check(&catalog, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, Severity::Warning);
        assert_eq!(out[0].path.as_deref(), Some("[2].kind"));
        assert_eq!(out[0].location.unwrap().line(), 3);
        let zh = crate::texts::text(crate::i18n::Lang::Zh, &out[0].message);
        assert!(
            zh.contains("registers/agencies.yaml") && zh.contains("删除「chfw」"),
            "{zh}"
        );
        let en = crate::texts::text(crate::i18n::Lang::En, &out[0].message);
        assert!(en.contains("remove `chfw` from departments.yaml"), "{en}");
    }

    #[test]
    fn bodies_of_other_kinds_are_not() {
        let catalog = catalog_with_register(REGISTER, "");
        let mut out = Vec::new();
        check(&catalog, &mut out);
        assert!(out.is_empty());
    }
}
