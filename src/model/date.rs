//! Calendar dates as catalog files write them (`YYYY-MM-DD`), checked and
//! computed with jiff: the ledger's dates, `catalog.yaml`'s deadlines, the
//! dates in publication tags, and today in China Standard Time.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;

/// A date written exactly `YYYY-MM-DD` that exists in the calendar
/// (`2027-02-30` and `2027-99-99` do not; `2028-02-29` does).
pub fn parse(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    // jiff alone would also take other ISO 8601 spellings (`+002027-01-05`,
    // `20270105`); files write this one.
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// Whether `text` is a real date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    parse(text).is_some()
}

/// China Standard Time: UTC+8 all year, no daylight saving.
const CST: Offset = Offset::constant(8);

/// Today in China Standard Time, `YYYY-MM-DD`.
pub fn today_cst() -> String {
    date_cst(Timestamp::now().as_second())
}

/// The China Standard Time date of a Unix time (seconds).
pub fn date_cst(unix_secs: i64) -> String {
    let instant = Timestamp::from_second(unix_secs).unwrap_or(Timestamp::UNIX_EPOCH);
    CST.to_datetime(instant)
        .date()
        .strftime("%Y-%m-%d")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_dates_written_yyyy_mm_dd() {
        for real in ["2027-01-05", "2028-02-29", "2000-02-29", "2027-12-31"] {
            assert!(is_date(real), "{real}");
        }
        for not in [
            "2027-99-99",
            "2027-02-30",
            "2027-02-29",
            "1900-02-29",
            "2027-04-31",
            "2027-00-10",
            "2027-01-00",
            "2027-1-5",
            "20270105",
            "+002027-01-05",
            "2027-01-05 ",
            "２０２７-01-05",
            "",
        ] {
            assert!(!is_date(not), "{not}");
        }
        assert_eq!(parse("2028-02-29").map(|d| d.day_of_year()), Some(60));
    }

    #[test]
    fn dates_are_china_standard_time() {
        // 2017-01-15T16:00:00Z is midnight of 2017-01-16 in Beijing.
        assert_eq!(date_cst(1_484_496_000), "2017-01-16");
        assert_eq!(date_cst(1_484_496_000 - 1), "2017-01-15");
        assert_eq!(date_cst(0), "1970-01-01");
        assert_eq!(date_cst(951_782_400), "2000-02-29");
        assert!(is_date(&today_cst()));
    }
}
