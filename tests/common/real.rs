//! The real list of one district (tests/fixtures/real: 广安区, 1,135 items).

use super::root;

/// One row of `guangan-district-items.tsv`.
pub struct RealItem {
    pub department: String,
    pub name: String,
    /// The portal's own implementation code.
    pub portal_code: String,
    /// 事项类型代码 (1 许可 … 20 公共服务).
    pub task_type: String,
}

pub fn real_items() -> Vec<RealItem> {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/real/guangan-district-items.tsv"))
            .unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            RealItem {
                department: f[0].into(),
                name: f[2].into(),
                portal_code: f[3].into(),
                task_type: f[4].into(),
            }
        })
        .collect()
}
