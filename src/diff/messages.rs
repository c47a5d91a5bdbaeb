//! Messages of the diff area: what makes a change worse for the applicant.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "diff.worse.material_added",
        "增加申请材料",
        "a material is added",
    ),
    (
        "diff.worse.more_copies",
        "材料份数增加",
        "more copies of a material",
    ),
    (
        "diff.worse.longer_time_limit",
        "办理时限延长",
        "a longer time limit",
    ),
    (
        "diff.worse.more_visits",
        "到现场次数增加",
        "more visits in person",
    ),
    ("diff.worse.fee_added", "新增收费", "a fee is added"),
    ("diff.worse.fee_raised", "收费标准提高", "a higher fee"),
    (
        "diff.worse.less_online",
        "网上办理程度降低",
        "less can be done online",
    ),
    (
        "diff.worse.condition_added",
        "增加申请条件",
        "a condition is added",
    ),
];
