//! Enumerations of the item record. Each variant has a stable English key
//! (what qingdan writes), a Chinese label (what clerks may write instead and
//! what sheets show), an English label, and for item kinds a numeric code.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One row of an enumeration table.
#[derive(Debug, Clone, Copy)]
pub struct Variant<T: 'static> {
    pub value: T,
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Numeric code (item kinds only): `20`, `01`…
    pub code: Option<&'static str>,
}

/// An enumeration whose values may be written as key, Chinese label or code.
pub trait Labelled: Sized + Copy + PartialEq + 'static {
    /// The schema and message name of the enumeration.
    const NAME: &'static str;
    const VARIANTS: &'static [Variant<Self>];

    fn variant(self) -> &'static Variant<Self> {
        Self::VARIANTS
            .iter()
            .find(|v| v.value == self)
            .expect("every value has a row")
    }
    fn key(self) -> &'static str {
        self.variant().key
    }
    fn zh(self) -> &'static str {
        self.variant().zh
    }
    fn en(self) -> &'static str {
        self.variant().en
    }
    fn code(self) -> Option<&'static str> {
        self.variant().code
    }

    /// Reads a key, a Chinese label or a code; surrounding spaces ignored.
    /// One-digit codes stand for their zero-padded form (`1` = `01`).
    fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::VARIANTS
            .iter()
            .find(|v| {
                v.key == text
                    || v.zh == text
                    || v.code
                        .is_some_and(|c| c == text || c.trim_start_matches('0') == text)
            })
            .map(|v| v.value)
    }

    /// Every spelling the schema accepts.
    fn accepted_values() -> Vec<serde_json::Value> {
        let mut out: Vec<serde_json::Value> = Vec::new();
        for v in Self::VARIANTS {
            out.push(v.key.into());
        }
        for v in Self::VARIANTS {
            out.push(v.zh.into());
        }
        for v in Self::VARIANTS {
            if let Some(code) = v.code {
                out.push(code.into());
                let short = code.trim_start_matches('0');
                if short != code {
                    out.push(short.into());
                }
                out.push(short.parse::<u64>().expect("codes are digits").into());
            }
        }
        out
    }
}

pub(crate) fn serialize_key<T: Labelled, S: Serializer>(value: T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.key())
}

pub(crate) fn deserialize_labelled<'de, T: Labelled, D: Deserializer<'de>>(
    d: D,
) -> Result<T, D::Error> {
    let raw = serde_json::Value::deserialize(d)?;
    let text = match &raw {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        other => other.to_string(),
    };
    T::parse(&text)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown {} value `{text}`", T::NAME)))
}

pub(crate) fn labelled_schema<T: Labelled>() -> Schema {
    let keys: Vec<String> = T::VARIANTS
        .iter()
        .map(|v| match v.code {
            Some(code) => format!("{} {} ({})", code, v.zh, v.key),
            None => format!("{} ({})", v.zh, v.key),
        })
        .collect();
    json_schema!({
        "description": keys.join(" | "),
        "enum": T::accepted_values(),
    })
}

/// Declares a plain enum with its table and the serde and schema glue.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident, $schema_name:literal {
        $($variant:ident => ($key:literal, $zh:literal, $en:literal $(, $code:literal)?)),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl Labelled for $name {
            const NAME: &'static str = $schema_name;
            const VARIANTS: &'static [Variant<Self>] = &[
                $(Variant { value: $name::$variant, key: $key, zh: $zh, en: $en,
                            code: labelled_enum!(@code $($code)?) }),+
            ];
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serialize_key(*self, s)
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_labelled(d)
            }
        }
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> { $schema_name.into() }
            fn json_schema(_: &mut SchemaGenerator) -> Schema { labelled_schema::<Self>() }
        }
    };
    (@code $code:literal) => { Some($code) };
    (@code) => { None };
}

labelled_enum! {
    /// 事项类型 (docs/coding.md).
    ItemKind, "ItemKind" {
        AdministrativeLicense => ("administrative_license", "行政许可", "Administrative licence", "01"),
        AdministrativePenalty => ("administrative_penalty", "行政处罚", "Administrative penalty", "02"),
        AdministrativeCoercion => ("administrative_coercion", "行政强制", "Administrative coercion", "03"),
        AdministrativeLevy => ("administrative_levy", "行政征收", "Administrative levy", "04"),
        AdministrativePayment => ("administrative_payment", "行政给付", "Administrative payment", "05"),
        AdministrativeInspection => ("administrative_inspection", "行政检查", "Administrative inspection", "06"),
        AdministrativeConfirmation => ("administrative_confirmation", "行政确认", "Administrative confirmation", "07"),
        AdministrativeReward => ("administrative_reward", "行政奖励", "Administrative reward", "08"),
        AdministrativeAdjudication => ("administrative_adjudication", "行政裁决", "Administrative adjudication", "09"),
        OtherAdministrativePower => ("other_administrative_power", "其他行政权力", "Other administrative power", "10"),
        PublicService => ("public_service", "公共服务", "Public service", "20"),
    }
}

impl ItemKind {
    /// Whether a person applies for items of this kind. Penalties,
    /// coercion, inspections and levies are done to a person: no service
    /// catalog holds them (`out-of-scope`), and templates do not offer them.
    pub fn is_applied_for(self) -> bool {
        !matches!(
            self,
            ItemKind::AdministrativePenalty
                | ItemKind::AdministrativeCoercion
                | ItemKind::AdministrativeInspection
                | ItemKind::AdministrativeLevy
        )
    }
}

labelled_enum! {
    /// 服务类别.
    Category, "Category" {
        PublicEducation => ("public_education", "公共教育", "Public education"),
        Employment => ("employment", "劳动就业", "Employment"),
        SocialSecurity => ("social_security", "社会保障", "Social security"),
        Health => ("health", "医疗卫生", "Health care"),
        Housing => ("housing", "住房保障", "Housing"),
        CultureSports => ("culture_sports", "文化体育", "Culture and sports"),
        PovertyRelief => ("poverty_relief", "扶贫脱贫", "Poverty relief"),
        PolicySupport => ("policy_support", "政策支持", "Policy support"),
        LegalInformation => ("legal_information", "法律和信息咨询", "Legal and information advice"),
        IntellectualProperty => ("intellectual_property", "知识产权保护", "Intellectual property"),
        SkillsTraining => ("skills_training", "就业技能培训", "Skills training"),
        Utilities => ("utilities", "公用事业", "Utilities"),
        PublicTransport => ("public_transport", "公共交通", "Public transport"),
        PublicSafety => ("public_safety", "公共安全", "Public safety"),
        Other => ("other", "其他", "Other"),
    }
}

labelled_enum! {
    /// 服务对象.
    Target, "Target" {
        NaturalPerson => ("natural_person", "自然人", "Natural person"),
        LegalPerson => ("legal_person", "法人", "Legal person"),
        EnterpriseLegalPerson => ("enterprise_legal_person", "企业法人", "Enterprise legal person"),
        InstitutionLegalPerson => ("institution_legal_person", "事业法人", "Public institution"),
        SocialOrganization => ("social_organization", "社会组织法人", "Social organisation"),
        UnincorporatedEnterprise => ("unincorporated_enterprise", "非法人企业", "Unincorporated enterprise"),
        AdministrativeOrgan => ("administrative_organ", "行政机关", "Administrative organ"),
        OtherOrganization => ("other_organization", "其他组织", "Other organisation"),
    }
}

labelled_enum! {
    /// 行使层级.
    Level, "Level" {
        National => ("national", "国家级", "National"),
        Provincial => ("provincial", "省级", "Provincial"),
        Municipal => ("municipal", "市级", "Municipal"),
        County => ("county", "县级", "County"),
        Township => ("township", "乡镇级", "Township"),
        Village => ("village", "村级", "Village"),
    }
}

labelled_enum! {
    /// 网上办理.
    Online, "Online" {
        Full => ("full", "全程网办", "Fully online"),
        Partial => ("partial", "部分网办", "Partly online"),
        NotOnline => ("none", "不能网办", "Not online"),
    }
}

labelled_enum! {
    /// 特别程序: a step outside the promised time limit (公示, 听证, 检验检测,
    /// 鉴定, 专家评审, 招标拍卖), which keeps its own limit and is published apart.
    Special, "Special" {
        Hearing => ("hearing", "听证", "Hearing"),
        Tender => ("tender", "招标", "Tender"),
        Auction => ("auction", "拍卖", "Auction"),
        Inspection => ("inspection", "检验", "Inspection"),
        Testing => ("testing", "检测", "Testing"),
        Quarantine => ("quarantine", "检疫", "Quarantine"),
        Appraisal => ("appraisal", "鉴定", "Appraisal"),
        ExpertReview => ("expert_review", "专家评审", "Expert review"),
        Publicity => ("publicity", "公示", "Public notice"),
        Other => ("other", "其他", "Other"),
    }
}

labelled_enum! {
    /// 办件类型.
    CaseType, "CaseType" {
        Instant => ("instant", "即办件", "Handled at once"),
        Promised => ("promised", "承诺件", "Handled within a promised time"),
    }
}

labelled_enum! {
    /// 办理结果类型.
    ResultKind, "ResultKind" {
        Licence => ("licence", "证照", "Licence or certificate"),
        Approval => ("approval", "批文", "Approval"),
        Proof => ("proof", "证明", "Proof"),
        Other => ("other", "其他", "Other"),
    }
}

labelled_enum! {
    /// 送达方式.
    Delivery, "Delivery" {
        Window => ("window", "窗口领取", "Collected at the window"),
        Mail => ("mail", "邮寄", "By post"),
        Online => ("online", "网上下载", "Downloaded online"),
    }
}

labelled_enum! {
    /// 依据类型.
    BasisRole, "BasisRole" {
        Setting => ("setting", "设定依据", "Setting basis"),
        Implementing => ("implementing", "实施依据", "Implementing basis"),
    }
}

labelled_enum! {
    /// 权力来源.
    Authority, "Authority" {
        Statutory => ("statutory", "法定本级行使", "Statutory, exercised at this level"),
        Delegated => ("delegated", "上级下放", "Delegated by a higher level"),
        Entrusted => ("entrusted", "上级委托", "Entrusted by a higher level"),
    }
}

labelled_enum! {
    /// 状态.
    Status, "Status" {
        Active => ("active", "有效", "Active"),
        Cancelled => ("cancelled", "已取消", "Cancelled"),
    }
}

labelled_enum! {
    /// 材料形式.
    MaterialForm, "MaterialForm" {
        Original => ("original", "原件", "Original"),
        Copy => ("copy", "复印件", "Copy"),
        Electronic => ("electronic", "电子件", "Electronic"),
    }
}

labelled_enum! {
    /// 来源渠道.
    MaterialSource, "MaterialSource" {
        Applicant => ("applicant", "申请人自备", "Applicant"),
        Government => ("government", "政府部门核发", "Issued by government"),
        Other => ("other", "其他", "Other"),
    }
}

labelled_enum! {
    /// 实施主体类型.
    DepartmentKind, "DepartmentKind" {
        GovernmentDepartment => ("government_department", "政府部门", "Government department"),
        PublicInstitution => ("public_institution", "事业单位", "Public institution"),
        StateOwnedEnterprise => ("state_owned_enterprise", "国有企业", "State-owned enterprise"),
        Intermediary => ("intermediary", "中介服务机构", "Intermediary"),
    }
}

labelled_enum! {
    /// 审核职责: what an office reviews, from seed 000 附件 四、职责分工
    /// (`catalog.yaml` `offices`: each office holds some of them).
    Duty, "Duty" {
        AllItems => ("all_items", "全部事项审核", "every item"),
        FeeStandard => ("fee_standard", "收费标准", "fee standard"),
        FeeBasis => ("fee_basis", "收费依据", "fee basis"),
        NormativeDocuments => ("normative_documents", "规范性文件合法性", "normative documents"),
        StateOwnedEnterprises => ("state_owned_enterprises", "国有企业指导督促", "state-owned enterprise guidance"),
        Intermediaries => ("intermediaries", "中介服务", "intermediary"),
        Publication => ("publication", "上网公布", "publication"),
        Public => ("public", "社会征求意见", "public consultation"),
    }
}

impl Duty {
    /// Guidance only (指导督促): opinions given under it hold no gate.
    pub fn guidance(self) -> bool {
        self == Duty::StateOwnedEnterprises
    }
}

labelled_enum! {
    /// 定价方式 / 价格形式: how a charge's price is set — the one vocabulary
    /// for prices everywhere (fees, charges, intermediary services, routing).
    Pricing, "Pricing" {
        Government => ("government", "政府定价", "Government pricing"),
        Guided => ("guided", "政府指导价", "Government-guided pricing"),
        Market => ("market", "市场调节价", "Market pricing"),
    }
}

labelled_enum! {
    /// 审核意见结论.
    Decision, "Decision" {
        Pass => ("pass", "通过", "Pass"),
        Revise => ("revise", "修改", "Revise"),
        Reject => ("reject", "不予列入", "Reject"),
        Transfer => ("transfer", "转交", "Transfer"),
    }
}

labelled_enum! {
    /// Rounds of the procedure (一报 … 动态调整).
    Round, "Round" {
        Report1 => ("report-1", "一报", "First report"),
        Review1 => ("review-1", "一审", "First review"),
        Report2 => ("report-2", "二报", "Second report"),
        Review2 => ("review-2", "二审", "Second review"),
        Approved => ("approved", "审定", "Approval"),
        Published => ("published", "公布", "Publication"),
        Adjust => ("adjust", "动态调整", "Adjustment"),
    }
}

/// The accepted values of an enumeration, for messages: Chinese labels
/// for Chinese readers, keys for English ones.
pub fn listing<T: Labelled>() -> (String, String) {
    let zh: Vec<&str> = T::VARIANTS.iter().map(|v| v.zh).collect();
    let en: Vec<&str> = T::VARIANTS.iter().map(|v| v.key).collect();
    (zh.join("、"), en.join(", "))
}

/// The listing of the enumeration whose first key is `first_key` (the first
/// value of a schema `enum`), if it is one of ours.
pub fn listing_by_first_key(first_key: &str) -> Option<(String, String)> {
    type Listing = fn() -> (String, String);
    let tables: [(&str, Listing); 22] = [
        (ItemKind::VARIANTS[0].key, listing::<ItemKind>),
        (Category::VARIANTS[0].key, listing::<Category>),
        (Target::VARIANTS[0].key, listing::<Target>),
        (Level::VARIANTS[0].key, listing::<Level>),
        (Online::VARIANTS[0].key, listing::<Online>),
        (Special::VARIANTS[0].key, listing::<Special>),
        (Status::VARIANTS[0].key, listing::<Status>),
        (MaterialForm::VARIANTS[0].key, listing::<MaterialForm>),
        (MaterialSource::VARIANTS[0].key, listing::<MaterialSource>),
        (DepartmentKind::VARIANTS[0].key, listing::<DepartmentKind>),
        (Duty::VARIANTS[0].key, listing::<Duty>),
        (Pricing::VARIANTS[0].key, listing::<Pricing>),
        (Decision::VARIANTS[0].key, listing::<Decision>),
        (Round::VARIANTS[0].key, listing::<Round>),
        (CaseType::VARIANTS[0].key, listing::<CaseType>),
        (ResultKind::VARIANTS[0].key, listing::<ResultKind>),
        (Delivery::VARIANTS[0].key, listing::<Delivery>),
        (BasisRole::VARIANTS[0].key, listing::<BasisRole>),
        (Authority::VARIANTS[0].key, listing::<Authority>),
        (MaterialKind::VARIANTS[0].key, listing::<MaterialKind>),
        (LawLevel::VARIANTS[0].key, listing::<LawLevel>),
        ("error", || {
            (
                "error、warning、off".to_string(),
                "error, warning, off".to_string(),
            )
        }),
    ];
    tables
        .iter()
        .find(|(key, _)| *key == first_key)
        .map(|(_, f)| f())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_key_label_and_code() {
        assert_eq!(
            ItemKind::parse("public_service"),
            Some(ItemKind::PublicService)
        );
        assert_eq!(ItemKind::parse("公共服务"), Some(ItemKind::PublicService));
        assert_eq!(ItemKind::parse("20"), Some(ItemKind::PublicService));
        assert_eq!(ItemKind::parse("1"), Some(ItemKind::AdministrativeLicense));
        assert_eq!(ItemKind::parse("01"), Some(ItemKind::AdministrativeLicense));
        assert_eq!(ItemKind::parse("0"), None);
        assert_eq!(ItemKind::parse("2"), Some(ItemKind::AdministrativePenalty));
    }

    #[test]
    fn categories_read_label_and_write_key() {
        let c: Category = serde_json::from_value("医疗卫生".into()).unwrap();
        assert_eq!(c, Category::Health);
        assert_eq!(serde_json::to_value(c).unwrap(), "health");
        assert!(serde_json::from_value::<Category>("卫生".into()).is_err());
    }

    #[test]
    fn kind_accepts_integer_codes() {
        let k: ItemKind = serde_json::from_value(20.into()).unwrap();
        assert_eq!(k, ItemKind::PublicService);
        let values = ItemKind::accepted_values();
        assert!(values.contains(&serde_json::json!(7)));
        assert!(values.contains(&serde_json::json!("7")));
        assert!(values.contains(&serde_json::json!("07")));
    }
}

labelled_enum! {
    /// 材料类别 (材料目录).
    MaterialKind, "MaterialKind" {
        Licence => ("licence", "证照", "Licence"),
        Proof => ("proof", "证明", "Proof"),
        Form => ("form", "表格", "Form"),
        Other => ("other", "其他", "Other"),
    }
}

labelled_enum! {
    /// 效力层级 (法律法规库).
    LawLevel, "LawLevel" {
        Law => ("law", "法律", "Law"),
        AdministrativeRegulation => ("administrative_regulation", "行政法规", "Administrative regulation"),
        StateCouncilDecision => ("state_council_decision", "国务院决定", "State Council decision"),
        LocalRegulation => ("local_regulation", "地方性法规", "Local regulation"),
        DepartmentalRule => ("departmental_rule", "部门规章", "Departmental rule"),
        LocalRule => ("local_rule", "地方政府规章", "Local government rule"),
        NormativeDocument => ("normative_document", "规范性文件", "Normative document"),
    }
}

impl LawLevel {
    /// The levels that may set a proof (证明事项) when `catalog.yaml` does
    /// not say otherwise: seed 004's 法律、行政法规、国务院决定、地方性法规.
    pub const PROOF_LEVELS: &'static [LawLevel] = &[
        LawLevel::Law,
        LawLevel::AdministrativeRegulation,
        LawLevel::StateCouncilDecision,
        LawLevel::LocalRegulation,
    ];
}
