//! Paths into a record, written as in findings: `materials[2].name`
//! (0-based list indexes).

use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

/// Reads `a.b[2].c`.
pub fn parse_path(text: &str) -> Vec<PathSeg> {
    let mut out = Vec::new();
    for part in text.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            let key = &rest[..open];
            if !key.is_empty() {
                out.push(PathSeg::Key(key.to_string()));
            }
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(close) = stripped.find(']') else {
                    break;
                };
                if let Ok(i) = stripped[..close].parse() {
                    out.push(PathSeg::Index(i));
                }
                rest = &stripped[close + 1..];
            }
        } else {
            out.push(PathSeg::Key(rest.to_string()));
        }
    }
    out
}

/// Writes segments as `a.b[2].c`.
pub fn format_path(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSeg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

/// A JSON pointer (`/materials/2/name`) as path segments; numbers in a
/// pointer are list indexes because record keys are never numeric.
pub fn pointer_to_path(pointer: &str) -> Vec<PathSeg> {
    pointer
        .split('/')
        .skip(1)
        .map(|raw| {
            let seg = raw.replace("~1", "/").replace("~0", "~");
            match seg.parse::<usize>() {
                Ok(i) => PathSeg::Index(i),
                Err(_) => PathSeg::Key(seg),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for text in [
            "materials[2].name",
            "time_limit.promised",
            "[3].code",
            "name",
        ] {
            assert_eq!(format_path(&parse_path(text)), text);
        }
        assert_eq!(
            format_path(&pointer_to_path("/materials/2/name")),
            "materials[2].name"
        );
        assert_eq!(format_path(&pointer_to_path("")), "");
    }
}
