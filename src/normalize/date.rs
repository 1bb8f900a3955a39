//! Calendar dates as agreements write them ("July 11, 2006", "the 11th day
//! of July, 2006", "7/11/06", "2006-07-11", "July 2006") as a [`PartialDate`]
//! that keeps only the precision the text gave. A date without a year is
//! never returned, because inventing the year would be a guess; blank
//! templates ("____, 20__") are not dates either. Which date is the effective
//! date or the expiry is decided by the extractors.

use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY", as precise as the date is.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Calendar arithmetic: "one year from 2006-07-11" is 2007-07-11, and a
    /// day past the end of the new month is clamped (2006-01-31 + 1 month is
    /// 2006-02-28). A year-only date moves by whole years (months / 12).
    pub fn add_months(&self, months: i32) -> PartialDate {
        let Some(month) = self.month else {
            return PartialDate {
                year: clamp_year(i64::from(self.year) + i64::from(months) / 12),
                ..*self
            };
        };
        let index =
            i64::from(self.year) * 12 + i64::from(month.clamp(1, 12)) - 1 + i64::from(months);
        let year = clamp_year(index.div_euclid(12));
        let month = (index.rem_euclid(12) + 1) as u32;
        let day = self.day.map(|d| d.clamp(1, days_in_month(year, month)));
        PartialDate {
            year,
            month: Some(month),
            day,
        }
    }

    /// Adds days exactly when the day is known. Without a day the date moves
    /// by the nearest whole number of months (or years, if only the year is
    /// known), since a finer answer would claim precision the text lacks.
    pub fn add_days(&self, days: i64) -> PartialDate {
        match (self.month, self.day) {
            (Some(month), Some(day)) => {
                let month = month.clamp(1, 12);
                let day = day.clamp(1, days_in_month(self.year, month));
                // Past about 2.7 billion years either way, the answer is meaningless; stay put.
                const LIMIT: i64 = 1_000_000_000_000;
                let serial = days_from_civil(i64::from(self.year), month, day).saturating_add(days);
                if !(-LIMIT..=LIMIT).contains(&serial) {
                    return *self;
                }
                let (year, month, day) = civil_from_days(serial);
                match i32::try_from(year) {
                    Ok(year) => PartialDate {
                        year,
                        month: Some(month),
                        day: Some(day),
                    },
                    Err(_) => *self,
                }
            }
            (Some(_), None) => self.add_months(round_to_i32(days as f64 / 30.436_875)),
            _ => self.add_months(round_to_i32(days as f64 / 365.2425).saturating_mul(12)),
        }
    }
}

fn round_to_i32(x: f64) -> i32 {
    // `as` saturates on overflow and maps NaN to 0, which is what we want.
    x.round() as i32
}

fn clamp_year(year: i64) -> i32 {
    year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant.
/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a count of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

const MONTH: &str = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?-u:\b)\.?";
const ORDINAL: &str = r"(?:(?:twenty|thirty)[\s-]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)(?-u:\b)";
const SUFFIX: &str = r"(?:st|nd|rd|th)?(?-u:\b)";
const YEAR: &str = r"[0-9]{4}(?-u:\b)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        concat!(
            r"(?i)",
            // July 11, 2006 / Jul. 11 , 2006 / March 1st, 2010 / July 11, '06
            r"(?-u:\b)(?P<m1>{month})\s*(?P<d1>[0-9]{{1,2}}){suffix}\s*,?\s*(?:(?P<y1>{year})|'(?P<yy1>[0-9]{{2}})(?-u:\b))",
            // July 2006 / July, 2006 / July __, 2006
            r"|(?-u:\b)(?P<m3>{month})(?:\s+_+)?\s*,?\s*(?P<y3>{year})",
            // 11 July 2006 / 11th day of July, 2006 / the first day of March, 2010
            r"|(?:(?-u:\b)(?P<d2>[0-9]{{1,2}}){suffix}\s+(?:day\s+of\s+|of\s+)?|(?-u:\b)(?P<w2>{ordinal})\s+(?:day\s+)?of\s+)(?P<m2>{month})\s*,?\s*(?:A\.D\.\s*|in\s+the\s+year\s+)?(?P<y2>{year})",
            // 2006-07-11
            r"|(?-u:\b)(?P<y5>[0-9]{{4}})-(?P<m5>[0-9]{{2}})-(?P<d5>[0-9]{{2}})(?-u:\b)",
            // 7/11/06 / 07/11/2006
            r"|(?-u:\b)(?P<a4>[0-9]{{1,2}})/(?P<b4>[0-9]{{1,2}})/(?P<y4>[0-9]{{4}}|[0-9]{{2}})(?-u:\b)",
        ),
        month = MONTH,
        suffix = SUFFIX,
        year = YEAR,
        ordinal = ORDINAL,
    );
    Regex::new(&pattern).expect("fixed date pattern compiles")
});

/// The first date in `s` that has a year.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    find_dates(s).into_iter().next().map(|(_, d)| d)
}

/// Every date with a year in `s`, with its byte range. Invalid dates
/// (2006-02-31, month 13) are skipped.
pub fn find_dates(s: &str) -> Vec<(Range<usize>, PartialDate)> {
    DATE.captures_iter(s)
        .filter_map(|caps| Some((caps.get(0)?.range(), read(&caps)?)))
        .collect()
}

fn read(caps: &Captures<'_>) -> Option<PartialDate> {
    let text = |name: &str| caps.name(name).map(|m| m.as_str());
    let number = |name: &str| text(name).and_then(|t| t.parse::<u32>().ok());
    let (year, month, day) = if let Some(m) = text("m1") {
        let year = match text("y1") {
            Some(y) => y.parse().ok()?,
            None => two_digit_year(number("yy1")?),
        };
        (year, month_number(m)?, Some(number("d1")?))
    } else if let Some(m) = text("m3") {
        (text("y3")?.parse().ok()?, month_number(m)?, None)
    } else if let Some(m) = text("m2") {
        let day = match text("w2") {
            Some(words) => ordinal_day(words)?,
            None => number("d2")?,
        };
        (text("y2")?.parse().ok()?, month_number(m)?, Some(day))
    } else if let Some(y) = text("y5") {
        (y.parse().ok()?, number("m5")?, Some(number("d5")?))
    } else {
        let (first, second) = (number("a4")?, number("b4")?);
        let year_text = text("y4")?;
        let year = if year_text.len() == 2 {
            two_digit_year(year_text.parse().ok()?)
        } else {
            year_text.parse().ok()?
        };
        // US order (month first), unless only the other order is possible (25/12/2006).
        let (month, day) = if first > 12 && second <= 12 {
            (second, first)
        } else {
            (first, second)
        };
        (year, month, Some(day))
    };
    valid(year, month, day)
}

fn valid(year: i32, month: u32, day: Option<u32>) -> Option<PartialDate> {
    if !(1800..=2199).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    if let Some(day) = day {
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
    }
    Some(PartialDate {
        year,
        month: Some(month),
        day,
    })
}

fn two_digit_year(yy: u32) -> i32 {
    let yy = yy as i32;
    if yy < 50 {
        2000 + yy
    } else {
        1900 + yy
    }
}

fn month_number(name: &str) -> Option<u32> {
    const HEADS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let head = name.get(..3)?;
    HEADS
        .iter()
        .position(|h| head.eq_ignore_ascii_case(h))
        .map(|i| i as u32 + 1)
}

fn ordinal_day(words: &str) -> Option<u32> {
    const ORDINALS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    let mut day = 0;
    for token in words
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
    {
        let lower = token.to_ascii_lowercase();
        day += match lower.as_str() {
            "twenty" => 20,
            "thirty" => 30,
            "twentieth" => 20,
            "thirtieth" => 30,
            other => ORDINALS.iter().position(|o| *o == other)? as u32 + 1,
        };
    }
    (day > 0).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    #[test]
    fn month_day_comma_year() {
        assert_eq!(
            parse_date("dated July 11, 2006 between"),
            Some(ymd(2006, 7, 11))
        );
    }

    #[test]
    fn space_before_comma_is_allowed() {
        assert_eq!(parse_date("July 11 , 2006"), Some(ymd(2006, 7, 11)));
    }

    #[test]
    fn ordinal_day_of_month_year() {
        assert_eq!(parse_date("11th day of July, 2006"), Some(ymd(2006, 7, 11)));
    }

    #[test]
    fn this_ordinal_day_of_month_without_comma() {
        assert_eq!(
            parse_date("made this 11th day of July 2006"),
            Some(ymd(2006, 7, 11))
        );
    }

    #[test]
    fn the_first_day_of_march() {
        assert_eq!(
            parse_date("the 1st day of March, 2010"),
            Some(ymd(2010, 3, 1))
        );
    }

    #[test]
    fn ordinal_in_words_day_of_month() {
        assert_eq!(
            parse_date("the twenty-first day of March, 2010"),
            Some(ymd(2010, 3, 21))
        );
    }

    #[test]
    fn short_us_numeric_date_with_two_digit_year() {
        assert_eq!(parse_date("7/11/06"), Some(ymd(2006, 7, 11)));
    }

    #[test]
    fn long_us_numeric_date() {
        assert_eq!(parse_date("07/11/2006"), Some(ymd(2006, 7, 11)));
    }

    #[test]
    fn day_first_numeric_date_when_unambiguous() {
        assert_eq!(parse_date("25/12/2006"), Some(ymd(2006, 12, 25)));
    }

    #[test]
    fn two_digit_year_of_fifty_or_more_is_1900s() {
        assert_eq!(parse_date("1/2/99"), Some(ymd(1999, 1, 2)));
    }

    #[test]
    fn iso_date() {
        assert_eq!(parse_date("2006-07-11"), Some(ymd(2006, 7, 11)));
    }

    #[test]
    fn month_and_year_has_no_day() {
        assert_eq!(
            parse_date("July 2006"),
            Some(PartialDate {
                year: 2006,
                month: Some(7),
                day: None
            })
        );
    }

    #[test]
    fn month_blank_day_year_has_no_day() {
        assert_eq!(
            parse_date("July __, 2006"),
            Some(PartialDate {
                year: 2006,
                month: Some(7),
                day: None
            })
        );
    }

    #[test]
    fn day_month_year() {
        assert_eq!(parse_date("11 July 2006"), Some(ymd(2006, 7, 11)));
    }

    #[test]
    fn abbreviated_month_with_dot() {
        assert_eq!(parse_date("Jul. 11, 2006"), Some(ymd(2006, 7, 11)));
    }

    #[test]
    fn ordinal_suffix_after_month() {
        assert_eq!(parse_date("March 1st, 2010"), Some(ymd(2010, 3, 1)));
    }

    #[test]
    fn upper_case_month() {
        assert_eq!(parse_date("JULY 11, 2006"), Some(ymd(2006, 7, 11)));
    }

    #[test]
    fn date_without_a_year_gives_nothing() {
        assert_eq!(parse_date("on July 11 the parties met"), None);
        assert_eq!(parse_date("the 11th day of July"), None);
    }

    #[test]
    fn blank_year_template_is_not_a_date() {
        assert_eq!(parse_date("____, 20__"), None);
        assert_eq!(parse_date("July 1, 20__"), None);
    }

    #[test]
    fn february_thirty_first_is_rejected() {
        assert_eq!(parse_date("2006-02-31"), None);
        assert_eq!(parse_date("February 31, 2006"), None);
    }

    #[test]
    fn month_thirteen_is_rejected() {
        assert_eq!(parse_date("13/13/2006"), None);
    }

    #[test]
    fn leap_day_is_accepted_in_leap_years_only() {
        assert_eq!(parse_date("February 29, 2008"), Some(ymd(2008, 2, 29)));
        assert_eq!(parse_date("February 29, 2007"), None);
    }

    #[test]
    fn find_dates_returns_all_with_ranges() {
        let s = "from July 11, 2006 until 2007-07-10";
        let found = find_dates(s);
        assert_eq!(found.len(), 2);
        assert_eq!(&s[found[0].0.clone()], "July 11, 2006");
        assert_eq!(&s[found[1].0.clone()], "2007-07-10");
    }

    #[test]
    fn may_as_a_verb_without_year_is_not_a_date() {
        assert_eq!(parse_date("Licensee may terminate"), None);
    }

    #[test]
    fn iso_formats_to_its_precision() {
        assert_eq!(ymd(2006, 7, 1).iso(), "2006-07-01");
        assert_eq!(
            PartialDate {
                year: 2006,
                month: Some(7),
                day: None
            }
            .iso(),
            "2006-07"
        );
        assert_eq!(
            PartialDate {
                year: 2006,
                month: None,
                day: None
            }
            .iso(),
            "2006"
        );
    }

    #[test]
    fn one_year_later_is_the_same_day() {
        assert_eq!(ymd(2006, 7, 11).add_months(12), ymd(2007, 7, 11));
    }

    #[test]
    fn adding_a_month_clamps_to_month_end() {
        assert_eq!(ymd(2006, 1, 31).add_months(1), ymd(2006, 2, 28));
        assert_eq!(ymd(2008, 1, 31).add_months(1), ymd(2008, 2, 29));
    }

    #[test]
    fn negative_months_go_back_across_years() {
        assert_eq!(ymd(2006, 1, 15).add_months(-2), ymd(2005, 11, 15));
    }

    #[test]
    fn year_only_dates_move_by_whole_years() {
        let y = PartialDate {
            year: 2006,
            month: None,
            day: None,
        };
        assert_eq!(y.add_months(24).year, 2008);
    }

    #[test]
    fn adding_days_crosses_month_and_year() {
        assert_eq!(ymd(2006, 12, 25).add_days(10), ymd(2007, 1, 4));
        assert_eq!(ymd(2008, 2, 28).add_days(1), ymd(2008, 2, 29));
        assert_eq!(ymd(2006, 3, 1).add_days(-1), ymd(2006, 2, 28));
    }

    #[test]
    fn adding_days_without_a_day_moves_whole_months() {
        let d = PartialDate {
            year: 2006,
            month: Some(7),
            day: None,
        };
        assert_eq!(
            d.add_days(90),
            PartialDate {
                year: 2006,
                month: Some(10),
                day: None
            }
        );
    }

    #[test]
    fn extreme_arithmetic_does_not_panic() {
        let d = ymd(i32::MAX, 12, 31);
        let _ = d.add_days(i64::MAX);
        let _ = d.add_days(i64::MIN);
        let _ = d.add_months(i32::MAX);
        let _ = ymd(i32::MIN, 1, 1).add_months(i32::MIN);
        let _ = PartialDate {
            year: 0,
            month: Some(0),
            day: Some(99),
        }
        .add_days(1);
    }
}
