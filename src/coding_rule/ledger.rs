//! `codes.ledger`: the register of every code ever given, one line per
//! code, append-only: `<code>\t<department id>\t<name>\t<YYYY-MM-DD>`.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

pub const LEDGER_FILE: &str = "codes.ledger";

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub code: String,
    pub department: String,
    pub name: String,
    pub date: String,
    /// 1-based line number in the file.
    pub number: u32,
    /// The line as written, without its end of line.
    pub text: String,
}

impl Line {
    pub fn new(code: &str, department: &str, name: &str, date: &str) -> Line {
        let text = format!("{code}\t{department}\t{}\t{date}", clean(name));
        Line {
            code: code.into(),
            department: department.into(),
            name: clean(name),
            date: date.into(),
            number: 0,
            text,
        }
    }
}

/// Tabs and line breaks would split a line: they become spaces.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    pub lines: Vec<Line>,
    /// Lines that are not four tab-separated fields with a date: line number and text.
    pub malformed: Vec<(u32, String)>,
    by_code: HashMap<String, Vec<usize>>,
}

impl Ledger {
    pub fn parse(text: &str) -> Ledger {
        let mut ledger = Ledger::default();
        for (i, raw) in text.lines().enumerate() {
            let number = i as u32 + 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if raw.trim().is_empty() {
                continue;
            }
            match parse_line(raw, number) {
                Some(line) => ledger.push(line),
                None => ledger.malformed.push((number, raw.to_string())),
            }
        }
        ledger
    }

    fn push(&mut self, line: Line) {
        self.by_code
            .entry(line.code.clone())
            .or_default()
            .push(self.lines.len());
        self.lines.push(line);
    }

    /// Every line for a code, in file order.
    pub fn lines_of(&self, code: &str) -> Vec<&Line> {
        self.by_code
            .get(code)
            .map(|ix| ix.iter().map(|i| &self.lines[*i]).collect())
            .unwrap_or_default()
    }

    /// The first line for a code: the one who got it first.
    pub fn first(&self, code: &str) -> Option<&Line> {
        self.by_code
            .get(code)
            .and_then(|ix| ix.first())
            .map(|i| &self.lines[*i])
    }

    pub fn contains(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    /// Codes given more than once, in order of their first line.
    pub fn repeated(&self) -> Vec<&str> {
        let mut out: Vec<(usize, &str)> = self
            .by_code
            .iter()
            .filter(|(_, ix)| ix.len() > 1)
            .map(|(code, ix)| (ix[0], code.as_str()))
            .collect();
        out.sort();
        out.into_iter().map(|(_, code)| code).collect()
    }
}

fn parse_line(raw: &str, number: u32) -> Option<Line> {
    let fields: Vec<&str> = raw.split('\t').collect();
    let [code, department, name, date] = fields.as_slice() else {
        return None;
    };
    if code.is_empty() || department.is_empty() || !is_date(date) {
        return None;
    }
    Some(Line {
        code: code.to_string(),
        department: department.to_string(),
        name: name.to_string(),
        date: date.to_string(),
        number,
        text: raw.to_string(),
    })
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The ledger text with these lines appended (a missing final line break
/// is added first, so an old line is never changed).
pub fn appended(existing: &str, lines: &[Line]) -> String {
    let mut out = String::with_capacity(existing.len() + lines.len() * 64);
    out.push_str(existing);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for line in lines {
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}

/// Today in China Standard Time (UTC+8, no daylight saving), YYYY-MM-DD.
pub fn today_cst() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    date_cst(secs)
}

/// The China Standard Time date of a Unix time.
pub fn date_cst(unix_secs: u64) -> String {
    let days = ((unix_secs + 8 * 3600) / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian
/// (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_malformed_lines() {
        let text = "2033039900100011\twsjw\t生育登记\t2027-01-05\n\nbroken line\nX\tmzj\t名\t2027-1-5\r\n2033039900100011\tmzj\t又一个\t2027-01-06";
        let ledger = Ledger::parse(text);
        assert_eq!(ledger.lines.len(), 2);
        assert_eq!(
            ledger.malformed,
            [
                (3, "broken line".to_string()),
                (4, "X\tmzj\t名\t2027-1-5".to_string())
            ]
        );
        assert_eq!(ledger.first("2033039900100011").unwrap().department, "wsjw");
        assert_eq!(ledger.lines_of("2033039900100011")[1].number, 5);
        assert_eq!(ledger.repeated(), ["2033039900100011"]);
    }

    #[test]
    fn appending_never_touches_old_lines() {
        let line = Line::new("A1", "wsjw", "名\t称", "2027-01-05");
        assert_eq!(line.text, "A1\twsjw\t名 称\t2027-01-05");
        assert_eq!(
            appended("old", std::slice::from_ref(&line)),
            "old\nA1\twsjw\t名 称\t2027-01-05\n"
        );
        assert_eq!(appended("", &[]), "");
    }

    #[test]
    fn dates_are_china_standard_time() {
        // 2017-01-15T16:00:00Z is midnight of 2017-01-16 in Beijing.
        assert_eq!(date_cst(1_484_496_000), "2017-01-16");
        assert_eq!(date_cst(1_484_496_000 - 1), "2017-01-15");
        assert_eq!(date_cst(0), "1970-01-01");
        assert_eq!(date_cst(951_782_400), "2000-02-29");
    }
}
