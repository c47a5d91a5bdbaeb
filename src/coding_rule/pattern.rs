//! Code patterns: `{type}{region}{dept}{seq:4}{check}` and the like
//! (docs/coding.md). A pattern is parsed once; it builds codes and reads them back.

use super::check::check_char;

/// One placeholder of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The item type code, 2 digits.
    Type,
    /// The catalog's 行政区划代码, 6 digits.
    Region,
    /// The department's 3-digit code.
    Dept,
    /// The item's reference code, normalised; its width varies.
    Ref,
    /// A sequence number of this many digits.
    Seq(usize),
    /// The check character.
    Check,
}

impl Part {
    /// Width in characters; `None` for `{ref}`.
    fn width(self) -> Option<usize> {
        match self {
            Part::Type => Some(2),
            Part::Region => Some(6),
            Part::Dept => Some(3),
            Part::Ref => None,
            Part::Seq(n) => Some(n),
            Part::Check => Some(1),
        }
    }
}

/// Why a pattern is not usable; the message key names the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// Text outside placeholders, or an unknown placeholder.
    Unknown(String),
    NoCheck,
    CheckNotLast,
    NoSeq,
    /// `{seq:N}` not right before `{check}`.
    SeqNotBeforeCheck,
    /// A placeholder given twice (`{seq}`, `{ref}`, `{check}`).
    Twice(String),
    /// `{seq:N}` with N outside 1..=9.
    SeqWidth(String),
    /// `{ref}` in the pattern for items without a reference code.
    RefWithoutReference,
}

impl PatternError {
    /// The message key and the placeholder it concerns.
    pub fn key(&self) -> (&'static str, &str) {
        match self {
            PatternError::Unknown(text) => ("coding.pattern.unknown", text),
            PatternError::NoCheck => ("coding.pattern.no_check", ""),
            PatternError::CheckNotLast => ("coding.pattern.check_not_last", ""),
            PatternError::NoSeq => ("coding.pattern.no_seq", ""),
            PatternError::SeqNotBeforeCheck => ("coding.pattern.seq_not_before_check", ""),
            PatternError::Twice(text) => ("coding.pattern.twice", text),
            PatternError::SeqWidth(text) => ("coding.pattern.seq_width", text),
            PatternError::RefWithoutReference => ("coding.pattern.ref_without_reference", ""),
        }
    }
}

/// The values a code is built from.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    pub kind: &'a str,
    pub region: &'a str,
    pub dept: &'a str,
    /// The normalised reference code (see [`normalize_ref`]).
    pub reference: &'a str,
}

/// A code read back through a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    pub kind: Option<&'a str>,
    pub region: Option<&'a str>,
    pub dept: Option<&'a str>,
    pub reference: Option<&'a str>,
    /// Everything before the sequence number.
    pub prefix: &'a str,
    pub seq: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    parts: Vec<Part>,
}

impl Pattern {
    /// Parses a pattern. `allow_ref` is false for the pattern of items
    /// without a reference code.
    pub fn parse(text: &str, allow_ref: bool) -> Result<Pattern, PatternError> {
        let mut parts = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let Some(after) = rest.strip_prefix('{') else {
                let literal = rest.split('{').next().unwrap_or(rest);
                return Err(PatternError::Unknown(literal.to_string()));
            };
            let Some(close) = after.find('}') else {
                return Err(PatternError::Unknown(rest.to_string()));
            };
            let name = &after[..close];
            parts.push(placeholder(name)?);
            rest = &after[close + 1..];
        }
        check_parts(&parts, allow_ref)?;
        Ok(Pattern { parts })
    }

    pub fn has_ref(&self) -> bool {
        self.parts.contains(&Part::Ref)
    }

    /// The sequence number's width.
    pub fn seq_width(&self) -> usize {
        self.parts
            .iter()
            .find_map(|p| if let Part::Seq(n) = p { Some(*n) } else { None })
            .expect("checked")
    }

    /// Everything before the sequence number, for these fields.
    pub fn prefix(&self, fields: &Fields) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Type => out.push_str(fields.kind),
                Part::Region => out.push_str(fields.region),
                Part::Dept => out.push_str(fields.dept),
                Part::Ref => out.push_str(fields.reference),
                Part::Seq(_) | Part::Check => break,
            }
        }
        out
    }

    /// The code with this prefix and sequence number; `None` when the
    /// number does not fit or a character is outside `0-9A-Z`.
    pub fn build(&self, prefix: &str, seq: u64) -> Option<String> {
        let width = self.seq_width();
        let number = format!("{seq:0width$}");
        if number.len() > width {
            return None;
        }
        // Parts between {seq} and {check} are not allowed (check_parts), so
        // the body is the prefix and the number.
        let body = format!("{prefix}{number}");
        let check = check_char(&body)?;
        Some(format!("{body}{check}"))
    }

    /// Reads a code back: its segments, prefix and sequence number. `None`
    /// when its length or characters do not fit the pattern (the check
    /// character is not verified here).
    pub fn read<'a>(&self, code: &'a str) -> Option<Parsed<'a>> {
        if !code
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        {
            return None;
        }
        let fixed: usize = self.parts.iter().filter_map(|p| p.width()).sum();
        let ref_width = match (self.has_ref(), code.len().checked_sub(fixed)?) {
            (true, 0) => return None,
            (true, n) => n,
            (false, 0) => 0,
            (false, _) => return None,
        };
        let mut parsed = Parsed {
            kind: None,
            region: None,
            dept: None,
            reference: None,
            prefix: "",
            seq: 0,
        };
        let mut at = 0;
        for part in &self.parts {
            let width = part.width().unwrap_or(ref_width);
            let segment = &code[at..at + width];
            let digits = segment.bytes().all(|b| b.is_ascii_digit());
            match part {
                Part::Type if digits => parsed.kind = Some(segment),
                Part::Region if digits => parsed.region = Some(segment),
                Part::Dept if digits => parsed.dept = Some(segment),
                Part::Ref => parsed.reference = Some(segment),
                Part::Seq(_) if digits => {
                    parsed.prefix = &code[..at];
                    parsed.seq = segment.parse().ok()?;
                }
                Part::Check => {}
                _ => return None,
            }
            at += width;
        }
        Some(parsed)
    }
}

fn placeholder(name: &str) -> Result<Part, PatternError> {
    let part = match name {
        "type" => Part::Type,
        "region" => Part::Region,
        "dept" => Part::Dept,
        "ref" => Part::Ref,
        "check" => Part::Check,
        _ => {
            let Some(width) = name.strip_prefix("seq:") else {
                return Err(PatternError::Unknown(format!("{{{name}}}")));
            };
            match width.parse::<usize>() {
                Ok(n @ 1..=9) => Part::Seq(n),
                _ => return Err(PatternError::SeqWidth(format!("{{{name}}}"))),
            }
        }
    };
    Ok(part)
}

fn check_parts(parts: &[Part], allow_ref: bool) -> Result<(), PatternError> {
    let count = |f: fn(&Part) -> bool| parts.iter().filter(|p| f(p)).count();
    let seqs = count(|p| matches!(p, Part::Seq(_)));
    let checks = count(|p| *p == Part::Check);
    let refs = count(|p| *p == Part::Ref);
    if checks == 0 {
        return Err(PatternError::NoCheck);
    }
    if checks > 1 {
        return Err(PatternError::Twice("{check}".into()));
    }
    if parts.last() != Some(&Part::Check) {
        return Err(PatternError::CheckNotLast);
    }
    match seqs {
        0 => return Err(PatternError::NoSeq),
        1 => {}
        _ => return Err(PatternError::Twice("{seq}".into())),
    }
    // The number sits right before the check character: everything before
    // it is the prefix the numbers are counted under.
    if !matches!(parts[parts.len() - 2], Part::Seq(_)) {
        return Err(PatternError::SeqNotBeforeCheck);
    }
    if refs > 1 {
        return Err(PatternError::Twice("{ref}".into()));
    }
    if refs == 1 && !allow_ref {
        return Err(PatternError::RefWithoutReference);
    }
    Ok(())
}

/// `{ref}`: the reference code upper-cased, everything but `0-9A-Z` removed.
pub fn normalize_ref(reference_code: &str) -> String {
    reference_code
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::{DEFAULT_PATTERN, DEFAULT_REFERENCE_PATTERN};

    fn fields<'a>(reference: &'a str) -> Fields<'a> {
        Fields {
            kind: "20",
            region: "330300",
            dept: "003",
            reference,
        }
    }

    #[test]
    fn the_default_rule_builds_the_coding_md_example() {
        let p = Pattern::parse(DEFAULT_PATTERN, false).unwrap();
        let prefix = p.prefix(&fields(""));
        assert_eq!(prefix, "20330300003");
        assert_eq!(p.build(&prefix, 12).as_deref(), Some("2033030000300123"));
        let parsed = p.read("2033030000300123").unwrap();
        assert_eq!(
            (
                parsed.kind,
                parsed.region,
                parsed.dept,
                parsed.prefix,
                parsed.seq
            ),
            (Some("20"), Some("330300"), Some("003"), "20330300003", 12)
        );
        assert_eq!(p.build(&prefix, 10_000), None, "four digits at most");
    }

    #[test]
    fn reference_codes_have_any_width() {
        let p = Pattern::parse(DEFAULT_REFERENCE_PATTERN, true).unwrap();
        let reference = normalize_ref("ggfw-0012a");
        assert_eq!(reference, "GGFW0012A");
        let code = p.build(&p.prefix(&fields(&reference)), 1).unwrap();
        assert!(code.starts_with("GGFW0012A33030000301"));
        let parsed = p.read(&code).unwrap();
        assert_eq!(parsed.reference, Some("GGFW0012A"));
        assert_eq!(parsed.seq, 1);
        assert_eq!(
            p.read("33030000301X"),
            None,
            "a reference segment is never empty"
        );
    }

    #[test]
    fn bad_patterns() {
        let err = |text: &str| Pattern::parse(text, false).unwrap_err();
        assert_eq!(err("{type}{region}{dept}{seq:4}"), PatternError::NoCheck);
        assert_eq!(err("{type}{check}{seq:4}"), PatternError::CheckNotLast);
        assert_eq!(err("{type}{region}{check}"), PatternError::NoSeq);
        assert_eq!(
            err("{type}-{seq:4}{check}"),
            PatternError::Unknown("-".into())
        );
        assert_eq!(
            err("{kind}{seq:4}{check}"),
            PatternError::Unknown("{kind}".into())
        );
        assert_eq!(
            err("{type}{seq:0}{check}"),
            PatternError::SeqWidth("{seq:0}".into())
        );
        assert_eq!(
            err("{type}{seq}{check}"),
            PatternError::Unknown("{seq}".into())
        );
        assert_eq!(
            err("{seq:2}{seq:2}{check}"),
            PatternError::Twice("{seq}".into())
        );
        assert_eq!(
            err("{ref}{seq:2}{check}"),
            PatternError::RefWithoutReference
        );
        assert_eq!(err("{seq:2}{type}{check}"), PatternError::SeqNotBeforeCheck);
        assert_eq!(
            err("{type}{seq:2}{check"),
            PatternError::Unknown("{check".into())
        );
        assert!(Pattern::parse("{ref}{seq:2}{check}", true).is_ok());
    }

    #[test]
    fn codes_that_do_not_fit() {
        let p = Pattern::parse(DEFAULT_PATTERN, false).unwrap();
        assert_eq!(p.read("203303000030012"), None, "too short");
        assert_eq!(p.read("2033030000300l23"), None, "not a digit");
        assert_eq!(p.read("2033030000300a23"), None, "lower case");
    }
}
