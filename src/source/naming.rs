//! Item file names (docs/catalog.md): made from the item name, safe on every
//! file system, at most 120 bytes, unique within the department folder.

const MAX_STEM_BYTES: usize = 120;

/// The file stem for an item name: `/ \ : * ? " < > |` and control
/// characters become `_`, leading dots and spaces are dropped, and the
/// result is cut to 120 bytes on a character boundary.
pub fn file_stem(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = replaced.trim_start_matches(['.', ' ']);
    let mut stem = String::new();
    for c in trimmed.chars() {
        if stem.len() + c.len_utf8() > MAX_STEM_BYTES {
            break;
        }
        stem.push(c);
    }
    if stem.is_empty() {
        "_".to_string()
    } else {
        stem
    }
}

/// The file name for an item, avoiding the names `taken` says are in use:
/// `名称.yaml`, then `名称-2.yaml`, `名称-3.yaml`…
pub fn file_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let stem = file_stem(name);
    let first = format!("{stem}.yaml");
    if !taken(&first) {
        return first;
    }
    (2..)
        .map(|n| format!("{stem}-{n}.yaml"))
        .find(|candidate| !taken(candidate))
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_become_underscores() {
        assert_eq!(
            file_stem("拖拉机/联合收割机驾驶证"),
            "拖拉机_联合收割机驾驶证"
        );
        assert_eq!(file_stem("a\\b:c*d?e\"f<g>h|i\tj"), "a_b_c_d_e_f_g_h_i_j");
        assert_eq!(file_stem("..隐藏"), "隐藏");
        assert_eq!(file_stem(" . x"), "x");
        assert_eq!(file_stem("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_stem(""), "_");
    }

    #[test]
    fn long_names_are_cut_on_a_character_boundary() {
        let name = "长".repeat(100);
        let stem = file_stem(&name);
        assert_eq!(stem.len(), 120);
        assert_eq!(stem, "长".repeat(40));
        let mixed = format!("a{}", "长".repeat(50));
        assert_eq!(file_stem(&mixed).len(), 118);
    }

    #[test]
    fn collisions_get_a_number() {
        let taken = ["甲.yaml", "甲-2.yaml"];
        assert_eq!(file_name("甲", |n| taken.contains(&n)), "甲-3.yaml");
        assert_eq!(file_name("乙", |n| taken.contains(&n)), "乙.yaml");
    }
}
