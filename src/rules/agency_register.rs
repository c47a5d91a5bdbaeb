//! `agency-register`: problems of `registers/agencies.yaml`, the 承揽机构名录
//! — an agency without a valid 统一社会信用代码 (GB 32100: 18 characters of
//! its alphabet, the right check character), a qualification expired or
//! not yet in force, a service that is not in `intermediaries/`.

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};
use crate::model::date::{is_date, today_cst};

use super::register::credit_code_check_char;
use super::{Rule, agency_finding};

pub static RULE: Rule = Rule {
    id: "agency-register",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "承揽机构名录有误：统一社会信用代码无效、资质过期或未生效、可承揽的中介服务不存在",
    summary_en: "agency register problems: an invalid credit code, a qualification expired or not yet in force, an unknown service",
    messages: &[
        (
            "agency.credit_code_shape",
            "承揽机构「{name}」的统一社会信用代码「{code}」无效：应为 18 位数字或大写字母（不含 I、O、S、V、Z）",
            "the credit code `{code}` of the agency 「{name}」 is invalid: 18 digits or capital letters (no I, O, S, V, Z)",
        ),
        (
            "agency.credit_code_check",
            "承揽机构「{name}」的统一社会信用代码「{code}」校验位错误，应为「{expected}」",
            "the credit code `{code}` of the agency 「{name}」 has a wrong check character; expected `{expected}`",
        ),
        (
            "agency.expired",
            "承揽机构「{name}」的资质「{qualification}」已于 {date} 到期",
            "the qualification 「{qualification}」 of the agency 「{name}」 expired on {date}",
        ),
        (
            "agency.not_yet_valid",
            "承揽机构「{name}」的资质「{qualification}」自 {date} 起才生效",
            "the qualification 「{qualification}」 of the agency 「{name}」 is in force only from {date}",
        ),
        (
            "agency.bad_date",
            "日期「{date}」不是日历上的日期（应为 YYYY-MM-DD）",
            "`{date}` is not a calendar date (expected YYYY-MM-DD)",
        ),
        (
            "agency.unknown_service",
            "承揽机构「{name}」可承揽的中介服务「{id}」不在 intermediaries/ 中",
            "the agency 「{name}」 lists the intermediary service `{id}`, which is not in intermediaries/",
        ),
    ],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    check_on(catalog, &today_cst(), out);
}

/// The check as on `today` (YYYY-MM-DD).
pub fn check_on(catalog: &Catalog, today: &str, out: &mut Vec<Finding>) {
    for (agency, &row) in catalog.agencies.iter().zip(&catalog.agency_rows) {
        let name = agency.name.as_str();
        let code = agency.credit_code.trim();
        match credit_code_check_char(code) {
            None => out.push(agency_finding(
                &RULE,
                catalog,
                row,
                "credit_code",
                Message::new("agency.credit_code_shape")
                    .arg("name", name)
                    .arg("code", code),
            )),
            Some(expected) if !code.ends_with(expected) => out.push(agency_finding(
                &RULE,
                catalog,
                row,
                "credit_code",
                Message::new("agency.credit_code_check")
                    .arg("name", name)
                    .arg("code", code)
                    .arg("expected", expected.to_string()),
            )),
            Some(_) => {}
        }
        for (q, qualification) in agency.qualifications.iter().enumerate() {
            let report = |out: &mut Vec<Finding>, key: &str, message: Message| {
                let path = format!("qualifications[{q}].{key}");
                out.push(agency_finding(&RULE, catalog, row, &path, message));
            };
            let dates = [
                ("valid_until", Some(&qualification.valid_until)),
                ("valid_from", qualification.valid_from.as_ref()),
            ];
            let mut well_formed = true;
            for (key, date) in dates {
                if let Some(date) = date.filter(|d| !is_date(d)) {
                    well_formed = false;
                    report(
                        out,
                        key,
                        Message::new("agency.bad_date").arg("date", date.as_str()),
                    );
                }
            }
            if !well_formed {
                continue;
            }
            let with_names = |key: &'static str, date: &str| {
                Message::new(key)
                    .arg("name", name)
                    .arg("qualification", qualification.name.as_str())
                    .arg("date", date)
            };
            if qualification.valid_until.as_str() < today {
                report(
                    out,
                    "valid_until",
                    with_names("agency.expired", &qualification.valid_until),
                );
            } else if let Some(from) = qualification.valid_from.as_deref().filter(|f| *f > today) {
                report(out, "valid_from", with_names("agency.not_yet_valid", from));
            }
        }
        for (s, id) in agency.services.iter().enumerate() {
            if catalog.intermediary(id).is_none() {
                let message = Message::new("agency.unknown_service")
                    .arg("name", name)
                    .arg("id", id.as_str());
                out.push(agency_finding(
                    &RULE,
                    catalog,
                    row,
                    &format!("services[{s}]"),
                    message,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::catalog_with_services;

    const SERVICE: &str = "name: 房屋面积测绘\ndepartment: wsjw\nmandatory: false\n";
    const GOOD: &str = "\
- name: 甲测绘公司
  credit_code: 91330399MA2HT6Q499
  services: [ch]
  qualifications:
    - name: 测绘资质乙级
      valid_from: 2024-01-01
      valid_until: 2027-06-30
";

    fn run(agencies: &str) -> Vec<(String, &'static str, u32)> {
        let catalog = catalog_with_services(&[("intermediaries/ch.yaml", SERVICE)], agencies, &[]);
        let mut out = Vec::new();
        check_on(&catalog, "2026-12-02", &mut out);
        out.into_iter()
            .map(|f| {
                assert_eq!(f.file.as_deref(), Some("registers/agencies.yaml"));
                (f.path.unwrap(), f.message.key, f.location.unwrap().line())
            })
            .collect()
    }

    #[test]
    fn a_valid_agency_is_clean() {
        assert!(run(GOOD).is_empty());
    }

    #[test]
    fn a_wrong_check_character_or_shape() {
        let wrong = GOOD.replace("91330399MA2HT6Q499", "91330399MA2HT6Q490");
        assert_eq!(
            run(&wrong),
            [("[0].credit_code".to_string(), "agency.credit_code_check", 2)]
        );
        let short = GOOD.replace("91330399MA2HT6Q499", "9133039IO");
        assert_eq!(
            run(&short),
            [("[0].credit_code".to_string(), "agency.credit_code_shape", 2)]
        );
    }

    #[test]
    fn an_expired_or_future_qualification() {
        let expired = GOOD.replace("2027-06-30", "2026-12-01");
        assert_eq!(
            run(&expired),
            [(
                "[0].qualifications[0].valid_until".to_string(),
                "agency.expired",
                7
            )]
        );
        let future = GOOD.replace("2024-01-01", "2027-01-01");
        assert_eq!(
            run(&future),
            [(
                "[0].qualifications[0].valid_from".to_string(),
                "agency.not_yet_valid",
                6
            )]
        );
        let impossible = GOOD.replace("2027-06-30", "2027-02-30");
        assert_eq!(
            run(&impossible),
            [(
                "[0].qualifications[0].valid_until".to_string(),
                "agency.bad_date",
                7
            )]
        );
    }

    #[test]
    fn an_unknown_service() {
        let other = GOOD.replace("services: [ch]", "services: [ch, pg]");
        assert_eq!(
            run(&other),
            [("[0].services[1]".to_string(), "agency.unknown_service", 3)]
        );
    }

    #[test]
    fn the_expiry_message_in_both_languages() {
        let catalog = catalog_with_services(
            &[("intermediaries/ch.yaml", SERVICE)],
            &GOOD.replace("2027-06-30", "2026-01-31"),
            &[],
        );
        let mut out = Vec::new();
        check_on(&catalog, "2026-12-02", &mut out);
        let zh = crate::texts::text(crate::i18n::Lang::Zh, &out[0].message);
        assert_eq!(
            zh,
            "承揽机构「甲测绘公司」的资质「测绘资质乙级」已于 2026-01-31 到期"
        );
        let en = crate::texts::text(crate::i18n::Lang::En, &out[0].message);
        assert_eq!(
            en,
            "the qualification 「测绘资质乙级」 of the agency 「甲测绘公司」 expired on 2026-01-31"
        );
    }
}
