//! Code patterns: `{type}{region}{dept}{seq:4}{check}`,
//! `{ref}-{region:12}-000-{credit}-1-{seq0:2}` and the like
//! (docs/coding.md). A pattern is parsed once; it builds codes and reads
//! them back.

use super::check::check_char;

/// One part of a pattern: literal text or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text written as is (separators such as `-`, fixed digits such as `000`).
    Literal(String),
    /// The item type code, 2 digits.
    Type,
    /// The catalog's 行政区划代码 padded on the right with zeros to this
    /// many digits (6 for `{region}`).
    Region(usize),
    /// The department's 3-digit code.
    Dept,
    /// The implementing body's 统一社会信用代码, 18 characters.
    Credit,
    /// The item's reference code, normalised; its width varies.
    Ref,
    /// A sub-item's main item code; its width varies.
    Parent,
    /// A sequence number of `width` digits, the first being `start` (0 or 1).
    Seq { width: usize, start: u64 },
    /// The check character.
    Check,
}

/// Characters a literal part may hold besides `0-9` and `A-Z`.
pub const SEPARATORS: &str = "-_./";

impl Part {
    /// Width in characters; `None` for `{ref}` and `{parent}`.
    fn width(&self) -> Option<usize> {
        match self {
            Part::Literal(text) => Some(text.len()),
            Part::Type => Some(2),
            Part::Region(n) => Some(*n),
            Part::Dept => Some(3),
            Part::Credit => Some(18),
            Part::Ref | Part::Parent => None,
            Part::Seq { width, .. } => Some(*width),
            Part::Check => Some(1),
        }
    }

    /// Whether a segment read for this part has characters it can hold.
    fn admits(&self, segment: &str) -> bool {
        let digits = || segment.bytes().all(|b| b.is_ascii_digit());
        let alphanumeric = |extra: &str| {
            segment
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || extra.contains(b as char))
        };
        match self {
            Part::Literal(text) => segment == text,
            Part::Type | Part::Region(_) | Part::Dept | Part::Seq { .. } => digits(),
            Part::Credit | Part::Ref | Part::Check => alphanumeric(""),
            // A main item's code may itself hold separators.
            Part::Parent => alphanumeric(SEPARATORS),
        }
    }
}

/// Why a pattern is not usable; the message key names the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// An unknown placeholder, or a `{` without its `}`.
    Unknown(String),
    /// Literal text with a character codes cannot hold.
    Literal(String),
    /// `{check}` somewhere other than at the end.
    CheckNotLast,
    NoSeq,
    /// A placeholder given twice (`{seq}`, `{ref}`, `{parent}`, `{check}`).
    Twice(String),
    /// `{seq:N}` or `{seq0:N}` with N outside 1..=9.
    SeqWidth(String),
    /// `{region:N}` with N outside 6..=12.
    RegionWidth(String),
    /// `{ref}` in the pattern for items without a reference code.
    RefWithoutReference,
    /// `{ref}` and `{parent}` together: two segments of varying width
    /// cannot be told apart when the code is read back.
    TwoVariable,
    /// `{parent}` in a pattern for items that have no main item
    /// (`pattern`, `reference_pattern`).
    ParentOutsideSubItems,
}

impl PatternError {
    /// The message key and the placeholder it concerns.
    pub fn key(&self) -> (&'static str, &str) {
        match self {
            PatternError::Unknown(text) => ("coding.pattern.unknown", text),
            PatternError::Literal(text) => ("coding.pattern.literal", text),
            PatternError::CheckNotLast => ("coding.pattern.check_not_last", ""),
            PatternError::NoSeq => ("coding.pattern.no_seq", ""),
            PatternError::Twice(text) => ("coding.pattern.twice", text),
            PatternError::SeqWidth(text) => ("coding.pattern.seq_width", text),
            PatternError::RegionWidth(text) => ("coding.pattern.region_width", text),
            PatternError::RefWithoutReference => ("coding.pattern.ref_without_reference", ""),
            PatternError::TwoVariable => ("coding.pattern.two_variable", ""),
            PatternError::ParentOutsideSubItems => ("coding.pattern.parent_outside", ""),
        }
    }
}

/// The values a code is built from.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    pub kind: &'a str,
    /// The catalog's 6-digit 区划.
    pub region: &'a str,
    pub dept: &'a str,
    /// The implementing body's 统一社会信用代码.
    pub credit: &'a str,
    /// The normalised reference code (see [`normalize_ref`]).
    pub reference: &'a str,
    /// A sub-item's main item code.
    pub parent: Option<&'a str>,
}

/// Why a code cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The sequence number does not fit its width.
    Exhausted,
    /// The pattern holds `{parent}` and the item has no main item code.
    NoParent,
    /// A value holds a character codes cannot hold.
    Characters(String),
}

/// A code read back through a pattern. Placeholders that may appear more
/// than once (`{type}`, `{region:N}`, `{dept}`, `{credit}`) give every
/// segment read, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed<'a> {
    pub kind: Vec<&'a str>,
    /// Region segments as written: a `{region:N}` segment has N digits.
    pub region: Vec<&'a str>,
    pub dept: Vec<&'a str>,
    pub credit: Vec<&'a str>,
    pub reference: Option<&'a str>,
    pub parent: Option<&'a str>,
    /// Everything before the sequence number.
    pub prefix: &'a str,
    pub seq: u64,
}

/// Why a code does not read through a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// Its length or characters do not fit.
    Shape,
    /// A literal part differs: at character `position` (from 1) the
    /// pattern has `expected`, the code `found`.
    Literal {
        position: usize,
        expected: String,
        found: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    text: String,
    parts: Vec<Part>,
}

/// `{region:N}`: the 区划 padded on the right with zeros to `width` digits.
pub fn padded_region(region: &str, width: usize) -> String {
    format!("{region:0<width$}")
}

/// The characters the check character is computed over: `0-9` and `A-Z`,
/// separators left out.
fn significant(body: &str) -> String {
    body.chars()
        .filter(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        .collect()
}

impl Pattern {
    /// Parses a pattern. `allow_ref` is false for the pattern of items
    /// without a reference code.
    pub fn parse(text: &str, allow_ref: bool) -> Result<Pattern, PatternError> {
        let mut parts = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let Some(after) = rest.strip_prefix('{') else {
                let end = rest.find('{').unwrap_or(rest.len());
                parts.push(literal(&rest[..end])?);
                rest = &rest[end..];
                continue;
            };
            let Some(close) = after.find('}') else {
                return Err(PatternError::Unknown(rest.to_string()));
            };
            let name = &after[..close];
            parts.push(placeholder(name)?);
            rest = &after[close + 1..];
        }
        check_parts(&parts, allow_ref)?;
        Ok(Pattern {
            text: text.to_string(),
            parts,
        })
    }

    /// The pattern as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn has_ref(&self) -> bool {
        self.parts.contains(&Part::Ref)
    }

    pub fn has_parent(&self) -> bool {
        self.parts.contains(&Part::Parent)
    }

    fn has_check(&self) -> bool {
        self.parts.contains(&Part::Check)
    }

    fn seq(&self) -> (usize, u64) {
        self.parts
            .iter()
            .find_map(|p| match p {
                Part::Seq { width, start } => Some((*width, *start)),
                _ => None,
            })
            .expect("checked")
    }

    /// The sequence number's width.
    pub fn seq_width(&self) -> usize {
        self.seq().0
    }

    /// The first sequence number: 1 for `{seq:N}`, 0 for `{seq0:N}`.
    pub fn seq_start(&self) -> u64 {
        self.seq().1
    }

    /// What a placeholder becomes for these fields; `None` for the
    /// sequence number and the check character.
    fn value(part: &Part, fields: &Fields) -> Result<Option<String>, BuildError> {
        Ok(Some(match part {
            Part::Literal(text) => text.clone(),
            Part::Type => fields.kind.to_string(),
            Part::Region(width) => padded_region(fields.region, *width),
            Part::Dept => fields.dept.to_string(),
            Part::Credit => fields.credit.to_string(),
            Part::Ref => fields.reference.to_string(),
            Part::Parent => fields.parent.ok_or(BuildError::NoParent)?.to_string(),
            Part::Seq { .. } | Part::Check => return Ok(None),
        }))
    }

    /// Everything before the sequence number, for these fields: the
    /// numbers are counted under it.
    pub fn prefix(&self, fields: &Fields) -> Result<String, BuildError> {
        let mut out = String::new();
        for part in &self.parts {
            match Self::value(part, fields)? {
                Some(value) => out.push_str(&value),
                None => break,
            }
        }
        Ok(out)
    }

    /// The code for these fields with this sequence number.
    pub fn build(&self, fields: &Fields, seq: u64) -> Result<String, BuildError> {
        let mut out = String::new();
        for part in &self.parts {
            let value = match part {
                Part::Seq { width, .. } => {
                    let number = format!("{seq:0width$}");
                    if number.len() > *width {
                        return Err(BuildError::Exhausted);
                    }
                    number
                }
                // {check} is last (check_parts): over everything before it.
                Part::Check => check_char(&significant(&out))
                    .ok_or_else(|| BuildError::Characters(out.clone()))?
                    .to_string(),
                _ => Self::value(part, fields)?.expect("a value"),
            };
            if !part.admits(&value) {
                return Err(BuildError::Characters(value));
            }
            out.push_str(&value);
        }
        Ok(out)
    }

    /// The check character a code should end with, when the pattern has
    /// one: over everything before it, separators left out. `None` without
    /// `{check}` or for characters outside `0-9A-Z`.
    pub fn expected_check(&self, code: &str) -> Option<char> {
        if !self.has_check() || code.is_empty() {
            return None;
        }
        let body = &code[..code.len() - code.chars().last()?.len_utf8()];
        check_char(&significant(body))
    }

    /// Reads a code back: its segments, prefix and sequence number. The
    /// check character is not verified here.
    pub fn read<'a>(&self, code: &'a str) -> Result<Parsed<'a>, Mismatch> {
        if !code.is_ascii() {
            return Err(Mismatch::Shape);
        }
        let fixed: usize = self.parts.iter().filter_map(|p| p.width()).sum();
        let variable = self.has_ref() || self.has_parent();
        let variable_width = match (variable, code.len().checked_sub(fixed)) {
            (_, None) | (true, Some(0)) => return Err(Mismatch::Shape),
            (true, Some(n)) => n,
            (false, Some(0)) => 0,
            (false, Some(_)) => return Err(Mismatch::Shape),
        };
        let mut parsed = Parsed::default();
        let mut at = 0;
        for part in &self.parts {
            let width = part.width().unwrap_or(variable_width);
            let segment = &code[at..at + width];
            if !part.admits(segment) {
                return Err(match part {
                    Part::Literal(text) => Mismatch::Literal {
                        position: at + 1,
                        expected: text.clone(),
                        found: segment.to_string(),
                    },
                    _ => Mismatch::Shape,
                });
            }
            match part {
                Part::Type => parsed.kind.push(segment),
                Part::Region(_) => parsed.region.push(segment),
                Part::Dept => parsed.dept.push(segment),
                Part::Credit => parsed.credit.push(segment),
                Part::Ref => parsed.reference = Some(segment),
                Part::Parent => parsed.parent = Some(segment),
                Part::Seq { .. } => {
                    parsed.prefix = &code[..at];
                    parsed.seq = segment.parse().map_err(|_| Mismatch::Shape)?;
                }
                Part::Literal(_) | Part::Check => {}
            }
            at += width;
        }
        Ok(parsed)
    }
}

fn literal(text: &str) -> Result<Part, PatternError> {
    let fits = text
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || SEPARATORS.contains(c));
    if fits {
        Ok(Part::Literal(text.to_string()))
    } else {
        Err(PatternError::Literal(text.to_string()))
    }
}

fn placeholder(name: &str) -> Result<Part, PatternError> {
    let written = || format!("{{{name}}}");
    let part = match name {
        "type" => Part::Type,
        "region" => Part::Region(6),
        "dept" => Part::Dept,
        "credit" => Part::Credit,
        "ref" => Part::Ref,
        "parent" => Part::Parent,
        "check" => Part::Check,
        _ => {
            let (kind, width) = name
                .split_once(':')
                .ok_or_else(|| PatternError::Unknown(written()))?;
            let width = width.parse::<usize>().ok();
            match (kind, width) {
                ("seq", Some(width @ 1..=9)) => Part::Seq { width, start: 1 },
                ("seq0", Some(width @ 1..=9)) => Part::Seq { width, start: 0 },
                ("seq" | "seq0", _) => return Err(PatternError::SeqWidth(written())),
                ("region", Some(width @ 6..=12)) => Part::Region(width),
                ("region", _) => return Err(PatternError::RegionWidth(written())),
                _ => return Err(PatternError::Unknown(written())),
            }
        }
    };
    Ok(part)
}

fn check_parts(parts: &[Part], allow_ref: bool) -> Result<(), PatternError> {
    let count = |f: fn(&Part) -> bool| parts.iter().filter(|p| f(p)).count();
    let seqs = count(|p| matches!(p, Part::Seq { .. }));
    let checks = count(|p| *p == Part::Check);
    let refs = count(|p| *p == Part::Ref);
    let parents = count(|p| *p == Part::Parent);
    if checks > 1 {
        return Err(PatternError::Twice("{check}".into()));
    }
    if checks == 1 && parts.last() != Some(&Part::Check) {
        return Err(PatternError::CheckNotLast);
    }
    match seqs {
        0 => return Err(PatternError::NoSeq),
        1 => {}
        _ => return Err(PatternError::Twice("{seq}".into())),
    }
    if refs > 1 {
        return Err(PatternError::Twice("{ref}".into()));
    }
    if parents > 1 {
        return Err(PatternError::Twice("{parent}".into()));
    }
    if refs == 1 && !allow_ref {
        return Err(PatternError::RefWithoutReference);
    }
    if refs + parents > 1 {
        return Err(PatternError::TwoVariable);
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
    use crate::model::config::{
        DEFAULT_PATTERN, DEFAULT_REFERENCE_PATTERN, NATIONAL_PATTERN, NATIONAL_REFERENCE_PATTERN,
    };

    const CREDIT: &str = "115113010833722043";

    fn fields<'a>(reference: &'a str) -> Fields<'a> {
        Fields {
            kind: "20",
            region: "330300",
            dept: "003",
            credit: CREDIT,
            reference,
            parent: None,
        }
    }

    #[test]
    fn the_default_rule_builds_the_coding_md_example() {
        let p = Pattern::parse(DEFAULT_PATTERN, false).unwrap();
        let prefix = p.prefix(&fields("")).unwrap();
        assert_eq!(prefix, "20330300003");
        assert_eq!(p.build(&fields(""), 12).as_deref(), Ok("2033030000300123"));
        let parsed = p.read("2033030000300123").unwrap();
        assert_eq!(
            (
                parsed.kind,
                parsed.region,
                parsed.dept,
                parsed.prefix,
                parsed.seq
            ),
            (vec!["20"], vec!["330300"], vec!["003"], "20330300003", 12)
        );
        assert_eq!(p.build(&fields(""), 10_000), Err(BuildError::Exhausted));
        assert_eq!(p.seq_start(), 1);
        assert_eq!(p.expected_check("2033030000300123"), Some('3'));
    }

    #[test]
    fn reference_codes_have_any_width() {
        let p = Pattern::parse(DEFAULT_REFERENCE_PATTERN, true).unwrap();
        let reference = normalize_ref("ggfw-0012a");
        assert_eq!(reference, "GGFW0012A");
        let code = p.build(&fields(&reference), 1).unwrap();
        assert!(code.starts_with("GGFW0012A33030000301"));
        let parsed = p.read(&code).unwrap();
        assert_eq!(parsed.reference, Some("GGFW0012A"));
        assert_eq!(parsed.seq, 1);
        assert_eq!(
            p.read("33030000301X"),
            Err(Mismatch::Shape),
            "a reference segment is never empty"
        );
    }

    /// Literal text: separators and fixed digits, written as they are and
    /// left out of the check character.
    #[test]
    fn literal_text_and_separators() {
        let p = Pattern::parse("{type}-{region}-{dept}-{seq:4}{check}", false).unwrap();
        let code = p.build(&fields(""), 12).unwrap();
        assert_eq!(
            code, "20-330300-003-00123",
            "the same check as without separators"
        );
        let parsed = p.read(&code).unwrap();
        assert_eq!(parsed.prefix, "20-330300-003-");
        assert_eq!((parsed.dept, parsed.seq), (vec!["003"], 12));
        assert_eq!(p.expected_check(&code), Some('3'));
        assert_eq!(
            p.read("20_330300-003-00123"),
            Err(Mismatch::Literal {
                position: 3,
                expected: "-".into(),
                found: "_".into()
            })
        );
        assert_eq!(p.read("20-330300-003-0012"), Err(Mismatch::Shape));
    }

    #[test]
    fn region_padded_to_n_digits() {
        let p = Pattern::parse("{region:12}{seq:2}", false).unwrap();
        let f = Fields {
            region: "511602",
            ..fields("")
        };
        assert_eq!(p.build(&f, 3).as_deref(), Ok("51160200000003"));
        assert_eq!(
            p.read("51160200000003").unwrap().region,
            vec!["511602000000"]
        );
        assert_eq!(padded_region("511602", 6), "511602");
        assert_eq!(padded_region("51", 12), "510000000000");
    }

    #[test]
    fn credit_code_of_the_implementing_body() {
        let p = Pattern::parse("{credit}-{seq:3}", false).unwrap();
        let code = p.build(&fields(""), 7).unwrap();
        assert_eq!(code, format!("{CREDIT}-007"));
        assert_eq!(p.read(&code).unwrap().credit, vec![CREDIT]);
        assert_eq!(p.read("11511301083372204a-007"), Err(Mismatch::Shape));
    }

    #[test]
    fn parent_code_of_a_sub_item() {
        let p = Pattern::parse("{parent}-{seq0:2}", false).unwrap();
        let main = "2033030000300123";
        let f = Fields {
            parent: Some(main),
            ..fields("")
        };
        assert_eq!(p.prefix(&f).as_deref(), Ok("2033030000300123-"));
        assert_eq!(p.build(&f, 0).as_deref(), Ok("2033030000300123-00"));
        let parsed = p.read("2033030000300123-04").unwrap();
        assert_eq!((parsed.parent, parsed.seq), (Some(main), 4));
        // A main item's code with separators of its own reads back whole.
        let f = Fields {
            parent: Some("511A0138000000-511602000000-00"),
            ..fields("")
        };
        let code = p.build(&f, 1).unwrap();
        assert_eq!(
            p.read(&code).unwrap().parent,
            Some("511A0138000000-511602000000-00")
        );
        assert_eq!(p.build(&fields(""), 0), Err(BuildError::NoParent));
        let f = Fields {
            parent: Some("主项"),
            ..fields("")
        };
        assert_eq!(p.build(&f, 0), Err(BuildError::Characters("主项".into())));
    }

    #[test]
    fn a_sequence_may_start_at_zero_and_check_is_optional() {
        let p = Pattern::parse("{dept}{seq0:2}", false).unwrap();
        assert_eq!(p.seq_start(), 0);
        assert_eq!(p.build(&fields(""), 0).as_deref(), Ok("00300"));
        assert_eq!(p.expected_check("00300"), None);
        assert_eq!(p.read("00300").unwrap().seq, 0);
        // The sequence number need not be last: the numbers are counted
        // under everything before it.
        let p = Pattern::parse("{type}{seq:3}-{dept}-00", false).unwrap();
        assert_eq!(p.prefix(&fields("")).as_deref(), Ok("20"));
        assert_eq!(p.build(&fields(""), 5).as_deref(), Ok("20005-003-00"));
    }

    #[test]
    fn the_national_preset_reproduces_a_portal_code() {
        let p = Pattern::parse(NATIONAL_REFERENCE_PATTERN, true).unwrap();
        let f = Fields {
            region: "511602",
            ..fields("511A0138000000")
        };
        assert_eq!(
            p.build(&f, p.seq_start()).as_deref(),
            Ok("511A0138000000-511602000000-000-115113010833722043-1-00")
        );
        let parsed = p
            .read("511A0138000000-511602000000-000-115113010833722043-1-00")
            .unwrap();
        assert_eq!(parsed.reference, Some("511A0138000000"));
        assert_eq!(parsed.credit, vec![CREDIT]);
        let p = Pattern::parse(NATIONAL_PATTERN, false).unwrap();
        let code = p.build(&f, 1).unwrap();
        assert_eq!(
            code,
            "20511602003001-511602000000-000-115113010833722043-1-00"
        );
        assert_eq!(p.read(&code).unwrap().prefix, "20511602003");
    }

    #[test]
    fn bad_patterns() {
        use PatternError::*;
        let cases = [
            ("{type}{check}{seq:4}", CheckNotLast),
            ("{type}{region}{check}", NoSeq),
            ("{type}-{seq:4}x{check}", Literal("x".into())),
            ("{type}·{seq:4}", Literal("·".into())),
            ("{kind}{seq:4}{check}", Unknown("{kind}".into())),
            ("{type}{seq:0}{check}", SeqWidth("{seq:0}".into())),
            ("{type}{seq0:10}", SeqWidth("{seq0:10}".into())),
            ("{type}{seq}{check}", Unknown("{seq}".into())),
            ("{region:5}{seq:2}", RegionWidth("{region:5}".into())),
            ("{region:13}{seq:2}", RegionWidth("{region:13}".into())),
            ("{seq:2}{seq0:2}{check}", Twice("{seq}".into())),
            ("{seq:2}{check}{check}", Twice("{check}".into())),
            ("{parent}{parent}{seq:2}", Twice("{parent}".into())),
            ("{ref}{seq:2}{check}", RefWithoutReference),
            ("{type}{seq:2}{check", Unknown("{check".into())),
        ];
        for (text, error) in cases {
            assert_eq!(Pattern::parse(text, false), Err(error), "{text}");
        }
        assert_eq!(
            Pattern::parse("{ref}{parent}{seq:2}", true),
            Err(TwoVariable)
        );
        assert!(Pattern::parse("{ref}{seq:2}{check}", true).is_ok());
        // Fixed-width placeholders may repeat.
        assert!(Pattern::parse("{type}{region}{seq:2}-{region:12}", false).is_ok());
    }

    #[test]
    fn codes_that_do_not_fit() {
        let p = Pattern::parse(DEFAULT_PATTERN, false).unwrap();
        assert_eq!(p.read("203303000030012"), Err(Mismatch::Shape), "too short");
        assert_eq!(
            p.read("2033030000300l23"),
            Err(Mismatch::Shape),
            "not a digit"
        );
        assert_eq!(
            p.read("2033030000300a23"),
            Err(Mismatch::Shape),
            "lower case"
        );
        assert_eq!(
            p.read("2033030000300１2"),
            Err(Mismatch::Shape),
            "not ASCII"
        );
    }
}
