//! `register`: problems of `departments.yaml` and `reference.yaml` — a
//! duplicate id or code, a credit code whose check character is wrong, a
//! supervisor that is not registered or is missing where routing needs one.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};
use crate::model::DepartmentKind;
use crate::yaml::{PathSeg, SpanNode};

use super::Rule;

pub static RULE: Rule = Rule {
    id: "register",
    default_severity: Severity::Error,
    can_be_silenced: false,
    summary_zh: "实施主体名录或参考目录有误：编号或代码重复、统一社会信用代码校验位错误、主管部门不明",
    summary_en: "register problems: duplicate id or code, bad credit code, unknown supervisor",
    messages: &[
        (
            "departments.missing",
            "找不到 departments.yaml（实施主体名录）",
            "departments.yaml (the register of implementing bodies) is missing",
        ),
        (
            "register.duplicate_id",
            "实施主体编号「{id}」重复（第 {first} 条已使用）",
            "department id `{id}` is used twice (first in entry {first})",
        ),
        (
            "register.duplicate_code",
            "部门代码「{code}」重复（第 {first} 条已使用）",
            "department code `{code}` is used twice (first in entry {first})",
        ),
        (
            "register.credit_code",
            "统一社会信用代码「{code}」校验位错误，应为「{expected}」",
            "credit code `{code}` has a wrong check character; expected `{expected}`",
        ),
        (
            "register.unknown_supervisor",
            "主管部门「{supervisor}」不在名录中",
            "supervisor `{supervisor}` is not in the register",
        ),
        (
            "register.missing_supervisor",
            "「{id}」是事业单位或国有企业，须填写主管部门（supervisor），审核意见据此分送",
            "`{id}` is a public institution or state-owned enterprise and needs a supervisor: opinions are routed by it",
        ),
        (
            "register.duplicate_reference",
            "参考目录编码「{code}」重复（第 {first} 条已使用）",
            "reference code `{code}` is used twice (first in entry {first})",
        ),
    ],
};

const DEPARTMENTS: &str = "departments.yaml";
const REFERENCE: &str = "reference.yaml";

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    check_departments(catalog, out);
    check_reference(catalog, out);
}

fn check_departments(catalog: &Catalog, out: &mut Vec<Finding>) {
    let spans = catalog.departments_spans.as_ref();
    let report = |out: &mut Vec<Finding>, index: usize, key: &str, message: Message| {
        out.push(at(DEPARTMENTS, spans, index, key, message));
    };
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut codes: HashMap<&str, usize> = HashMap::new();
    for (i, d) in catalog.departments.iter().enumerate() {
        let index = catalog.department_rows[i];
        if let Some(first) = ids.insert(&d.id, index) {
            ids.insert(&d.id, first);
            report(
                out,
                index,
                "id",
                Message::new("register.duplicate_id")
                    .arg("id", d.id.as_str())
                    .arg("first", first + 1),
            );
        }
        if let Some(first) = codes.insert(&d.code, index) {
            codes.insert(&d.code, first);
            report(
                out,
                index,
                "code",
                Message::new("register.duplicate_code")
                    .arg("code", d.code.as_str())
                    .arg("first", first + 1),
            );
        }
        if let Some(expected) = credit_code_check_char(&d.credit_code)
            && !d.credit_code.ends_with(expected)
        {
            report(
                out,
                index,
                "credit_code",
                Message::new("register.credit_code")
                    .arg("code", d.credit_code.as_str())
                    .arg("expected", expected.to_string()),
            );
        }
        match (&d.supervisor, d.kind) {
            (Some(sup), _) if catalog.department(sup).is_none() || sup == &d.id => {
                report(
                    out,
                    index,
                    "supervisor",
                    Message::new("register.unknown_supervisor").arg("supervisor", sup.as_str()),
                );
            }
            (None, DepartmentKind::PublicInstitution | DepartmentKind::StateOwnedEnterprise) => {
                report(
                    out,
                    index,
                    "id",
                    Message::new("register.missing_supervisor").arg("id", d.id.as_str()),
                );
            }
            _ => {}
        }
    }
}

fn check_reference(catalog: &Catalog, out: &mut Vec<Finding>) {
    let spans = catalog.reference_spans.as_ref();
    let mut codes: HashMap<&str, usize> = HashMap::new();
    for (i, r) in catalog.reference.iter().enumerate() {
        let index = catalog.reference_rows[i];
        if let Some(first) = codes.insert(&r.code, index) {
            codes.insert(&r.code, first);
            out.push(at(
                REFERENCE,
                spans,
                index,
                "code",
                Message::new("register.duplicate_reference")
                    .arg("code", r.code.as_str())
                    .arg("first", first + 1),
            ));
        }
    }
}

fn at(file: &str, spans: Option<&SpanNode>, index: usize, key: &str, message: Message) -> Finding {
    let path = [PathSeg::Index(index), PathSeg::Key(key.to_string())];
    let span = spans.map(|s| s.locate(&path));
    Finding::new(&RULE, message)
        .in_file(file)
        .at(format!("[{index}].{key}"), span)
}

/// The GB 32100-2015 check character of an 18-character 统一社会信用代码,
/// or `None` when the first 17 characters are outside its alphabet.
pub fn credit_code_check_char(code: &str) -> Option<char> {
    const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return None;
    }
    let mut sum = 0usize;
    let mut weight = 1usize;
    for c in &chars[..17] {
        sum += ALPHABET.find(*c)? * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(check)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with_register;

    #[test]
    fn known_credit_codes() {
        // Published codes of real bodies.
        assert_eq!(credit_code_check_char("91350100M000100Y43"), Some('3'));
        assert_eq!(credit_code_check_char("11330300MB0126903T"), Some('T'));
        assert_eq!(credit_code_check_char("91110000600037341L"), Some('L'));
        assert_eq!(credit_code_check_char("short"), None);
        assert_eq!(credit_code_check_char("9135010IM000100Y43"), None);
    }

    const GOOD: &str = "- {id: wsjw, code: \"001\", name: 卫健委, credit_code: 11330300MB0126903T, kind: government_department}\n";

    fn run(register: &str) -> Vec<Finding> {
        let c = catalog_with_register(register, "");
        let mut out = Vec::new();
        check(&c, &mut out);
        out
    }

    #[test]
    fn clean_register() {
        let text = format!(
            "{GOOD}- {{id: zls, code: \"002\", name: 自来水公司, credit_code: 91350100M000100Y43, kind: state_owned_enterprise, supervisor: wsjw}}\n"
        );
        assert!(run(&text).is_empty());
    }

    #[test]
    fn duplicates_and_bad_check_character() {
        let text = format!(
            "{GOOD}- {{id: wsjw, code: \"001\", name: 又一个, credit_code: 11330300MB0126903X, kind: government_department}}\n"
        );
        let keys: Vec<_> = run(&text)
            .iter()
            .map(|f| (f.message.key, f.path.clone().unwrap()))
            .collect();
        assert_eq!(
            keys,
            [
                ("register.duplicate_id", "[1].id".to_string()),
                ("register.duplicate_code", "[1].code".to_string()),
                ("register.credit_code", "[1].credit_code".to_string()),
            ]
        );
    }

    #[test]
    fn supervisors() {
        let text = format!(
            "{GOOD}- {{id: zls, code: \"002\", name: 自来水公司, credit_code: 91350100M000100Y43, kind: state_owned_enterprise}}\n- {{id: sy, code: \"003\", name: 中心, credit_code: 91350100M000100Y43, kind: public_institution, supervisor: nobody}}\n"
        );
        let keys: Vec<_> = run(&text).iter().map(|f| f.message.key).collect();
        assert_eq!(
            keys,
            ["register.missing_supervisor", "register.unknown_supervisor"]
        );
    }

    #[test]
    fn duplicate_reference_codes() {
        let c = catalog_with_register(GOOD, "- {code: A1, name: 甲}\n- {code: A1, name: 乙}\n");
        let mut out = Vec::new();
        check(&c, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].file.as_deref(), Some("reference.yaml"));
        assert_eq!(out[0].location.unwrap().line(), 2);
    }
}
