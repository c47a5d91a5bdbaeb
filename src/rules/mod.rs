//! The rules of `validate`: one module per rule, each with its id, default
//! severity and tests. Rules return findings; they never print.

pub mod agency_register;
pub mod banned_proof;
pub mod code_format;
pub mod consistency;
pub mod contact_format;
pub mod duplicate_code;
pub mod duplicate_name;
pub mod fee_mismatch;
pub mod fee_not_in_catalog;
pub mod fee_without_basis;
pub mod government_material;
pub mod guide_incomplete;
pub mod ignore_without_reason;
pub mod intermediary_agency;
pub mod intermediary_basis;
pub mod intermediary_department;
pub mod intermediary_link;
pub mod ledger;
pub mod legal_basis_format;
pub mod legal_basis_repealed;
pub mod legal_basis_unknown;
pub mod material_name;
pub mod missing_element;
pub mod out_of_scope;
pub mod parent_item;
pub mod proof_basis_level;
pub mod proof_not_retained;
pub mod proof_without_basis;
pub mod reference_mismatch;
pub mod reference_uncovered;
pub mod register;
pub mod shared_material_required;
pub mod similar_name;
pub mod time_limit;
pub mod unknown_department;
pub mod vague_wording;
pub mod visits;

use std::collections::HashMap;

use crate::catalog::{Catalog, ItemView, LoadedIntermediary, LoadedItem};
use crate::finding::{Finding, Message, Severity};
use crate::model::{Item, Material, SeveritySetting};
use crate::yaml::{Span, parse_path};

pub use crate::finding::Rule;
// The parse and schema diagnostics run while loading; they are rules all
// the same (ids, severities, messages), listed here with the others.
pub use crate::catalog::{parse_error, schema};

/// Every rule qingdan knows, in report order.
pub fn all() -> &'static [&'static Rule] {
    static ALL: [&Rule; 39] = [
        &parse_error::RULE,
        &schema::RULE,
        &register::RULE,
        &unknown_department::RULE,
        &parent_item::RULE,
        &missing_element::RULE,
        &guide_incomplete::RULE,
        &vague_wording::RULE,
        &proof_without_basis::RULE,
        &shared_material_required::RULE,
        &material_name::RULE,
        &government_material::RULE,
        &banned_proof::RULE,
        &proof_basis_level::RULE,
        &proof_not_retained::RULE,
        &time_limit::RULE,
        &fee_without_basis::RULE,
        &fee_not_in_catalog::RULE,
        &fee_mismatch::RULE,
        &consistency::RULE,
        &duplicate_name::RULE,
        &similar_name::RULE,
        &out_of_scope::RULE,
        &legal_basis_format::RULE,
        &legal_basis_unknown::RULE,
        &legal_basis_repealed::RULE,
        &contact_format::RULE,
        &visits::RULE,
        &ignore_without_reason::RULE,
        &code_format::RULE,
        &duplicate_code::RULE,
        &ledger::RULE,
        &reference_mismatch::RULE,
        &reference_uncovered::RULE,
        &intermediary_basis::RULE,
        &intermediary_link::RULE,
        &intermediary_agency::RULE,
        &agency_register::RULE,
        &intermediary_department::RULE,
    ];
    &ALL
}

pub fn find(id: &str) -> Option<&'static Rule> {
    all().iter().copied().find(|r| r.id == id)
}

/// A rule that looks at one item file at a time.
pub type ItemCheck = fn(&Catalog, &ItemView, &mut Vec<Finding>);
/// A rule that looks across the whole catalog.
pub type CatalogCheck = fn(&Catalog, &mut Vec<Finding>);

const ITEM_CHECKS: &[ItemCheck] = &[
    unknown_department::check_item,
    missing_element::check_item,
    guide_incomplete::check_item,
    vague_wording::check_item,
    proof_without_basis::check_item,
    shared_material_required::check_item,
    material_name::check_item,
    government_material::check_item,
    banned_proof::check_item,
    proof_basis_level::check_item,
    proof_not_retained::check_item,
    time_limit::check_item,
    fee_without_basis::check_item,
    fee_not_in_catalog::check_item,
    fee_mismatch::check_item,
    consistency::check_item,
    out_of_scope::check_item,
    legal_basis_format::check_item,
    legal_basis_unknown::check_item,
    legal_basis_repealed::check_item,
    contact_format::check_item,
    visits::check_item,
    ignore_without_reason::check_item,
];

const CATALOG_CHECKS: &[CatalogCheck] = &[
    register::check,
    parent_item::check,
    duplicate_name::check,
    similar_name::check,
    code_format::check,
    duplicate_code::check,
    ledger::check,
    reference_mismatch::check,
    reference_uncovered::check,
    intermediary_basis::check,
    intermediary_link::check,
    intermediary_agency::check,
    agency_register::check,
    intermediary_department::check,
];

/// Runs the per-item rules on one item file while it is loaded.
pub fn check_item(catalog: &Catalog, view: &ItemView) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in ITEM_CHECKS {
        check(catalog, view, &mut findings);
    }
    findings
}

/// Runs the rules that look across the loaded catalog (parse and schema
/// findings come from loading, per-item findings from [`check_item`]).
pub fn check_catalog(catalog: &Catalog) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in CATALOG_CHECKS {
        check(catalog, &mut findings);
    }
    findings
}

/// Applies `catalog.yaml`'s severities and the items' `ignore` entries, and
/// puts the findings in report order.
pub fn apply_policy(catalog: &Catalog, findings: Vec<Finding>) -> Vec<Finding> {
    let ignored: HashMap<&str, Vec<&str>> = catalog
        .items
        .iter()
        .filter_map(|loaded| {
            let item = loaded.item.as_ref()?;
            let rules: Vec<&str> = item
                .ignore
                .iter()
                .filter(|i| i.reason.as_deref().is_some_and(|r| !r.trim().is_empty()))
                .map(|i| i.rule.as_str())
                .collect();
            Some((loaded.file.as_str(), rules))
        })
        .collect();
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter_map(|mut f| {
            let rule = find(f.rule)?;
            if rule.can_be_silenced {
                match catalog.config.rules.get(rule.id) {
                    Some(SeveritySetting::Off) => return None,
                    Some(SeveritySetting::Error) => f.severity = Severity::Error,
                    Some(SeveritySetting::Warning) => f.severity = Severity::Warning,
                    None => {}
                }
                let silenced = f
                    .file
                    .as_deref()
                    .and_then(|file| ignored.get(file))
                    .is_some_and(|rules| rules.contains(&rule.id));
                if silenced {
                    return None;
                }
            }
            Some(f)
        })
        .collect();
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept
}

/// The record of the item being checked, when it loaded and is active: the
/// reform rules look at what will be published, not at cancelled items.
pub(crate) fn active<'a>(view: &ItemView<'a>) -> Option<&'a Item> {
    view.item.filter(|item| item.is_active())
}

/// A finding of `rule` on the item being checked, at `path`: the value
/// there, or the nearest parent the file has.
pub(crate) fn item_finding(
    rule: &'static Rule,
    view: &ItemView,
    path: &str,
    message: Message,
) -> Finding {
    let span = view.spans.locate(&parse_path(path));
    item_finding_at(rule, view, path, span, message)
}

/// A finding that a value at `path` is missing or wrong, shown at the value
/// of `anchor` (what requires it, or where it is missing from) when the
/// value at `path` is absent: a one-line mark rather than a whole block.
pub(crate) fn item_finding_near(
    rule: &'static Rule,
    view: &ItemView,
    path: &str,
    anchor: &str,
    message: Message,
) -> Finding {
    let span = match view.spans.find(&parse_path(path)) {
        Some(node) => node.span,
        None => view.spans.locate(&parse_path(anchor)),
    };
    item_finding_at(rule, view, path, span, message)
}

/// A finding at `materials[i].<key>` for each material of the active item
/// being checked that `flaw` finds fault with.
pub(crate) fn material_findings(
    rule: &'static Rule,
    view: &ItemView,
    key: &str,
    flaw: impl Fn(&Material) -> Option<Message>,
    out: &mut Vec<Finding>,
) {
    let Some(item) = active(view) else { return };
    for (i, material) in item.materials.iter().enumerate() {
        if let Some(message) = flaw(material) {
            out.push(item_finding(
                rule,
                view,
                &format!("materials[{i}].{key}"),
                message,
            ));
        }
    }
}

/// Whether a material is a proof (证明): marked `proof: true`, or a proof
/// in the materials register.
pub(crate) fn is_proof(catalog: &Catalog, material: &Material) -> bool {
    material.proof
        || catalog
            .registers
            .material(&material.name)
            .is_some_and(|(entry, _)| entry.kind == crate::model::MaterialKind::Proof)
}

/// The 《…》 titles the active item's legal bases cite, each with the path
/// of its `title`.
pub(crate) fn cited_laws<'a>(view: &ItemView<'a>) -> Vec<(String, &'a str)> {
    let Some(item) = active(view) else {
        return Vec::new();
    };
    item.legal_basis
        .iter()
        .enumerate()
        .flat_map(|(i, basis)| {
            crate::catalog::registers::cited_titles(&basis.title)
                .into_iter()
                .map(move |title| (format!("legal_basis[{i}].title"), title))
        })
        .collect()
}

/// The charges of the active item being checked, each with the path of its
/// name (`fee.items[i].name`, or `fee` for the older unnamed charge).
pub(crate) fn charges<'a>(view: &ItemView<'a>) -> Vec<(String, crate::model::ChargeView<'a>)> {
    let Some(fee) = active(view).and_then(|item| item.fee.as_ref()) else {
        return Vec::new();
    };
    fee.charges()
        .into_iter()
        .map(|c| {
            let path = match c.index {
                Some(i) => format!("fee.items[{i}]"),
                None => "fee".to_string(),
            };
            (path, c)
        })
        .collect()
}

/// A finding of `rule` on the item being checked, at an exact span.
pub(crate) fn item_finding_at(
    rule: &'static Rule,
    view: &ItemView,
    path: &str,
    span: Span,
    message: Message,
) -> Finding {
    Finding::new(rule, message)
        .in_file(view.file)
        .at(path, Some(span))
        .for_item(Some(view.item_ref.clone()))
}

/// A finding of a cross-item rule on one loaded item file, at `path`.
pub(crate) fn loaded_finding(
    rule: &'static Rule,
    loaded: &LoadedItem,
    path: &str,
    message: Message,
) -> Finding {
    let span = loaded
        .spans
        .as_ref()
        .map(|spans| spans.locate(&parse_path(path)));
    Finding::new(rule, message)
        .in_file(loaded.file.as_str())
        .at(path, span)
        .for_item(Some(loaded.item_ref.clone()))
}

/// A finding on an intermediary service file, at `path` (or the nearest
/// parent the file has).
pub(crate) fn intermediary_finding(
    rule: &'static Rule,
    service: &LoadedIntermediary,
    path: &str,
    message: Message,
) -> Finding {
    let span = service.spans.locate(&parse_path(path));
    Finding::new(rule, message)
        .in_file(service.file.as_str())
        .at(path, Some(span))
}

/// A finding on row `row` of `registers/agencies.yaml`, at `path` under it.
pub(crate) fn agency_finding(
    rule: &'static Rule,
    catalog: &Catalog,
    row: usize,
    path: &str,
    message: Message,
) -> Finding {
    let full = format!("[{row}].{path}");
    let span = catalog
        .agencies_spans
        .as_ref()
        .map(|spans| spans.locate(&parse_path(&full)));
    Finding::new(rule, message)
        .in_file(crate::catalog::AGENCIES_FILE)
        .at(full, span)
}

/// Test inputs shared by the rules' tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::catalog::tests::{GUIDE_ITEM, MINIMAL_ITEM, REGISTER};
    use crate::catalog::{AGENCIES_FILE, CONFIG_FILE, Catalog, DEPARTMENTS_FILE};
    use crate::source::MemorySource;

    /// A catalog with the two-department register, these intermediary
    /// service files, this `registers/agencies.yaml` (none when empty) and
    /// these item files.
    pub fn catalog_with_services(
        services: &[(&str, &str)],
        agencies: &str,
        items: &[(&str, &str)],
    ) -> Catalog {
        let mut source = MemorySource::new();
        source.insert(CONFIG_FILE, "region: {code: \"330399\", name: 瓯江市}\n");
        source.insert(DEPARTMENTS_FILE, REGISTER);
        if !agencies.is_empty() {
            source.insert(AGENCIES_FILE, agencies);
        }
        for (path, text) in services.iter().chain(items) {
            source.insert(path, text);
        }
        let (catalog, findings) = Catalog::load(&source).expect("test catalogs load");
        assert!(findings.is_empty(), "{findings:?}");
        catalog
    }

    /// The minimal item under another name and department, with more keys.
    pub fn item_named(name: &str, department: &str, extra: &str) -> String {
        MINIMAL_ITEM
            .replace("name: 体育场馆开放", &format!("name: {name}"))
            .replace("department: wsjw", &format!("department: {department}"))
            + extra
    }

    /// A materials register: 居民身份证 (shareable, alias 身份证), 户口簿
    /// (shareable), 身份证明 (a proof), 申请表 (a form).
    pub const MATERIALS: (&str, &str) = (
        "registers/materials.yaml",
        "- name: 居民身份证\n  aliases: [身份证, 二代身份证]\n  kind: licence\n  issuer: 公安机关\n  shareable: true\n  system: 人口库\n- name: 户口簿\n  kind: licence\n  shareable: true\n  system: 人口库\n- name: 申请表\n  kind: form\n- name: 无犯罪记录证明\n  kind: proof\n  issuer: 公安机关\n",
    );
    /// A laws register: a law, a normative document, a repealed regulation.
    pub const LAWS: (&str, &str) = (
        "registers/laws.yaml",
        "- title: 《中华人民共和国人口与计划生育法》\n  level: law\n- title: 《社会救助暂行办法》\n  level: administrative_regulation\n- title: 《关于进一步做好无犯罪记录证明出具工作的通知（试行）》\n  level: normative_document\n- title: 《城市居民最低生活保障条例》\n  level: administrative_regulation\n  repealed: 2021-01-01\n- title: 《某市未来废止办法》\n  level: local_rule\n  repealed: 2999-01-01\n",
    );
    /// A proofs register: the three 奇葩证明 of seed 004 cancelled; one retained.
    pub const PROOFS: (&str, &str) = (
        "registers/proofs.yaml",
        "cancelled:\n  - name: 单身证明\n    aliases: [未婚证明]\n  - name: 无子女证明\n  - name: 未购房证明\nretained:\n  - name: 无犯罪记录证明\n    basis: 《社会救助暂行办法》\n    issuer: 公安机关\n",
    );
    /// A fee register with one charge.
    pub const FEES: (&str, &str) = (
        "registers/fees.yaml",
        "- name: 不动产登记费\n  department: wsjw\n  standard: 每件80元\n  basis: 《关于不动产登记收费标准等有关问题的通知》\n  pricing: government\n",
    );

    /// The findings of `rule` on the guide item whose one material is
    /// `name` with these keys (indented four spaces), with these registers.
    pub fn named_material_findings(
        name: &str,
        keys: &str,
        registers: &[(&str, &str)],
        rule: fn(
            &crate::catalog::Catalog,
            &crate::catalog::ItemView,
            &mut Vec<crate::finding::Finding>,
        ),
    ) -> Vec<crate::finding::Finding> {
        let item = GUIDE_ITEM.replace(
            "  - name: 居民身份证\n    form: original\n    copies: 1\n    source: government\n",
            &format!("  - name: {name}\n{keys}"),
        );
        findings_with_registers(&item, registers, rule)
    }

    /// The findings of `rule` on one item file with these registers.
    pub fn findings_with_registers(
        item: &str,
        registers: &[(&str, &str)],
        rule: fn(
            &crate::catalog::Catalog,
            &crate::catalog::ItemView,
            &mut Vec<crate::finding::Finding>,
        ),
    ) -> Vec<crate::finding::Finding> {
        let mut files = registers.to_vec();
        files.push(("items/wsjw/a.yaml", item));
        crate::catalog::tests::item_rule_findings(&files, rule)
    }

    /// The guide item with more keys on its one material.
    pub fn guide_item_with_material(extra: &str) -> String {
        GUIDE_ITEM.replace(
            "    source: government\n",
            &format!("    source: government\n{extra}"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{MINIMAL_ITEM, catalog_with, item_rule_findings};

    #[test]
    fn the_test_registers_load_clean() {
        let files = [
            testing::MATERIALS,
            testing::LAWS,
            testing::PROOFS,
            testing::FEES,
        ];
        let mut source = crate::source::MemorySource::new();
        source.insert("catalog.yaml", "region: {code: \"330399\", name: 瓯江市}\n");
        source.insert("departments.yaml", crate::catalog::tests::REGISTER);
        for (path, text) in files {
            source.insert(path, text);
        }
        let (catalog, findings) = Catalog::load(&source).unwrap();
        assert!(findings.is_empty(), "{findings:?}");
        assert!(catalog.registers.absent().is_empty());
        assert_eq!(catalog.registers.materials.as_ref().unwrap().len(), 4);
        assert_eq!(
            catalog.registers.proofs.as_ref().unwrap().cancelled.len(),
            3
        );
    }

    #[test]
    fn loading_knows_every_rule_by_name() {
        // catalog.yaml's `rules:` is checked while loading, below the rules.
        let known: Vec<(&str, bool)> = all().iter().map(|r| (r.id, r.can_be_silenced)).collect();
        assert_eq!(known, crate::catalog::RULE_NAMES);
    }

    /// Every rule, then the catalog's policy, as `validate` runs them.
    fn validate(files: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        let catalog = catalog_with(files);
        let mut findings = per_item(files);
        findings.extend(check_catalog(&catalog));
        apply_policy(&catalog, findings)
            .into_iter()
            .map(|f| (f.rule, f.file.unwrap_or_default()))
            .collect()
    }

    fn per_item(files: &[(&str, &str)]) -> Vec<Finding> {
        fn every_item_check(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
            out.extend(check_item(catalog, view));
        }
        item_rule_findings(files, every_item_check)
    }

    const IGNORE_VISITS: &str =
        "ignore:\n  - rule: visits\n    reason: 需两次到场核验原件，已报审管办同意\n";

    #[test]
    fn an_ignored_finding_with_a_reason_disappears() {
        let flawed = format!("{MINIMAL_ITEM}visits: 3\n");
        assert_eq!(
            validate(&[("items/wsjw/a.yaml", &flawed)]),
            [("visits", "items/wsjw/a.yaml".to_string())]
        );
        let ignored = format!("{flawed}{IGNORE_VISITS}");
        assert!(validate(&[("items/wsjw/a.yaml", &ignored)]).is_empty());
    }

    #[test]
    fn an_ignore_without_reason_silences_nothing() {
        let flawed = format!("{MINIMAL_ITEM}visits: 3\nignore:\n  - rule: visits\n");
        let rules: Vec<_> = validate(&[("items/wsjw/a.yaml", &flawed)])
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        assert_eq!(rules, ["visits", "ignore-without-reason"]);
    }

    #[test]
    fn an_ignore_silences_a_cross_item_rule_for_that_item_only() {
        let a = testing::guide_item_with_material("    sample: 样本\n")
            + "result:\n  name: 生育登记服务单\n";
        let b = a.replace("department: wsjw", "department: mzj");
        let b_ignoring =
            format!("{b}ignore:\n  - rule: similar-name\n    reason: 两部门分别受理城乡居民\n");
        let found = validate(&[("items/wsjw/a.yaml", &a), ("items/mzj/a.yaml", &b_ignoring)]);
        assert_eq!(found, [("similar-name", "items/wsjw/a.yaml".to_string())]);
    }

    #[test]
    fn every_reform_rule_of_the_spec_exists() {
        let ids = [
            "parse-error",
            "schema",
            "register",
            "unknown-department",
            "missing-element",
            "guide-incomplete",
            "vague-wording",
            "proof-without-basis",
            "shared-material-required",
            "time-limit",
            "fee-without-basis",
            "duplicate-name",
            "similar-name",
            "out-of-scope",
            "legal-basis-format",
            "contact-format",
            "visits",
            "ignore-without-reason",
        ];
        for id in ids {
            assert!(find(id).is_some(), "{id}");
        }
        let severities: Vec<_> = [
            "guide-incomplete",
            "similar-name",
            "out-of-scope",
            "legal-basis-format",
            "contact-format",
            "visits",
        ]
        .iter()
        .map(|id| find(id).unwrap().default_severity)
        .collect();
        assert!(severities.iter().all(|s| *s == Severity::Warning));
    }
}
