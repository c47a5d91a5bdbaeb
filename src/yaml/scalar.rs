//! Plain scalars resolved by the YAML 1.2 core schema: `123` is a number,
//! `true` a boolean, `~` null; everything else (dates included) is text.

use serde_json::{Number, Value};

/// The value of a plain scalar; text stays text (the string is moved, not
/// copied).
pub fn resolve_plain(text: String) -> Value {
    not_text(&text).unwrap_or(Value::String(text))
}

/// The null, boolean or number a plain scalar stands for; `None` when it is
/// text.
pub fn not_text(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Every number starts so (a float needs a digit before or after its
    // dot); this spares most text the scans below.
    if !matches!(
        text.as_bytes().first(),
        Some(b'0'..=b'9' | b'-' | b'+' | b'.')
    ) {
        return None;
    }
    if let Some(n) = integer(text) {
        return Some(Value::Number(n));
    }
    if is_float(text)
        && let Ok(f) = text.parse::<f64>()
        && let Some(n) = Number::from_f64(f)
    {
        return Some(Value::Number(n));
    }
    None
}

fn integer(text: &str) -> Option<Number> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(hex) = text.strip_prefix("0x") {
        (16, hex)
    } else if let Some(oct) = text.strip_prefix("0o") {
        (8, oct)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    match i64::from_str_radix(digits, radix) {
        Ok(v) => Some(Number::from(if negative { -v } else { v })),
        // Too long for an integer (an 18-digit id typed as a number): keep it
        // a number, so the schema reports it instead of silently accepting it.
        Err(_) => text.parse::<f64>().ok().and_then(Number::from_f64),
    }
}

fn is_float(text: &str) -> bool {
    let body = text.trim_start_matches(['-', '+']);
    matches!(body, ".inf" | ".Inf" | ".INF")
        || (body.contains(['.', 'e', 'E'])
            && body
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
            && body.chars().any(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves() {
        let resolve_plain = |text: &str| resolve_plain(text.to_string());
        assert_eq!(resolve_plain("20"), Value::from(20));
        assert_eq!(resolve_plain("-3"), Value::from(-3));
        assert_eq!(resolve_plain("0x1f"), Value::from(31));
        assert_eq!(resolve_plain("1.5"), Value::from(1.5));
        assert!(resolve_plain("11330300MB0126903T").is_string());
        assert!(resolve_plain("113303001234567890").is_number());
        assert!(resolve_plain("第5条").is_string());
        assert!(resolve_plain("1.2.3").is_string());
        assert!(resolve_plain("2017-02-28").is_string());
        assert!(resolve_plain("yes").is_string());
        assert_eq!(resolve_plain(".5"), Value::from(0.5));
        assert_eq!(resolve_plain("+.5e1"), Value::from(5.0));
        assert!(resolve_plain("e5").is_string());
        assert!(resolve_plain("１２").is_string());
    }
}
