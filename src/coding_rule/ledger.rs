//! `codes.ledger`: the register of every code ever given, one line per
//! code, append-only: `<code>\t<department id>\t<name>\t<YYYY-MM-DD>`.

use std::collections::HashMap;

use crate::model::date::is_date;
/// The ledger's dates are China Standard Time.
pub use crate::model::date::today_cst;

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
    /// Lines that are not four tab-separated fields with an ASCII code and a
    /// real date: line number and text.
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
    // A code is ASCII (digits, letters, the pattern's literals): a
    // look-alike such as a full-width digit would be a different code.
    let ascii_code = !code.is_empty() && code.bytes().all(|b| b.is_ascii_graphic());
    if !ascii_code || department.is_empty() || !is_date(date) {
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
    fn a_code_that_is_not_ascii_or_a_date_that_does_not_exist_is_malformed() {
        let text = "2033039900100011\tmzj\t甲\t2028-02-29\n\
                    ２033039900100011\tmzj\t乙\t2027-01-05\n\
                    2033039900100020\tmzj\t丙\t2027-02-30\n\
                    2033039900100039\tmzj\t丁\t2027-99-99\n\
                    2033 039900100039\tmzj\t戊\t2027-01-05\n";
        let ledger = Ledger::parse(text);
        assert_eq!(ledger.lines.len(), 1, "only the leap day stands");
        let numbers: Vec<u32> = ledger.malformed.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [2, 3, 4, 5]);
    }
}
