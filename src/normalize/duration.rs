//! Durations: "thirty (30) days", "two (2) years", "sixty (60) calendar
//! days", "ten business days", "a 12-month period". A duration keeps the unit
//! the drafter used (a value plus a [`Unit`]) and converts to days or months
//! only on request, with fixed conventions (a month is 30 days, a year 365).
//! Deciding whether a duration is a term, a notice period or a cure period is
//! the extractors' job.

use super::number::{number_pattern, parse_number};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The unit a duration was written in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Day,
    /// "business days", "working days", "banking days".
    BusinessDay,
    Week,
    Month,
    Quarter,
    Year,
}

/// A length of time as written: `value` counted in `unit`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duration {
    pub value: f64,
    pub unit: Unit,
}

impl Duration {
    /// Length in days: week 7, month 30, quarter 90, year 365. Business days
    /// count one each, as labelled ("ten business days" is 10), because the
    /// calendar length depends on weekends and holidays we cannot see.
    pub fn days(&self) -> f64 {
        let per = match self.unit {
            Unit::Day | Unit::BusinessDay => 1.0,
            Unit::Week => 7.0,
            Unit::Month => 30.0,
            Unit::Quarter => 90.0,
            Unit::Year => 365.0,
        };
        self.value * per
    }

    /// Length in months: year 12, quarter 3, week 12/52, day (business or
    /// calendar) 12/365.
    pub fn months(&self) -> f64 {
        match self.unit {
            Unit::Day | Unit::BusinessDay => self.value * 12.0 / 365.0,
            Unit::Week => self.value * 12.0 / 52.0,
            Unit::Month => self.value,
            Unit::Quarter => self.value * 3.0,
            Unit::Year => self.value * 12.0,
        }
    }
}

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    let number = number_pattern();
    let pattern = format!(
        r"(?i)(?P<num>{number}|(?-u:\b)an?[\s-]+)[\s-]*(?:(?P<qual>calendar|business|working|banking|consecutive|full|successive|additional|further|fiscal|contract)[\s-]+)?(?P<unit>days?|weeks?|months?|quarters?|years?)(?-u:\b)"
    );
    Regex::new(&pattern).expect("fixed duration pattern compiles")
});

/// The first duration in `s`, if any.
pub fn parse_duration(s: &str) -> Option<Duration> {
    find_durations(s).into_iter().next().map(|(_, d)| d)
}

/// Every duration in `s`, in order, with its byte range (number through unit).
pub fn find_durations(s: &str) -> Vec<(Range<usize>, Duration)> {
    let mut found = Vec::new();
    for caps in DURATION.captures_iter(s) {
        let (Some(whole), Some(num), Some(unit)) =
            (caps.get(0), caps.name("num"), caps.name("unit"))
        else {
            continue;
        };
        // "a month-to-month basis" is not a one-month duration.
        if s[whole.end()..].starts_with("-to-") {
            continue;
        }
        let Some(value) = parse_number(
            num.as_str()
                .trim_end_matches(|c: char| c == '-' || c.is_whitespace()),
        ) else {
            continue;
        };
        let business = caps.name("qual").is_some_and(|q| {
            let q = q.as_str();
            ["business", "working", "banking"]
                .iter()
                .any(|b| q.eq_ignore_ascii_case(b))
        });
        let Some(unit) = unit_of(unit.as_str(), business) else {
            continue;
        };
        found.push((whole.range(), Duration { value, unit }));
    }
    found
}

fn unit_of(word: &str, business: bool) -> Option<Unit> {
    let head = word.get(..3)?.to_ascii_lowercase();
    Some(match head.as_str() {
        "day" if business => Unit::BusinessDay,
        "day" => Unit::Day,
        "wee" => Unit::Week,
        "mon" => Unit::Month,
        "qua" => Unit::Quarter,
        "yea" => Unit::Year,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(s: &str) -> Option<(f64, Unit)> {
        parse_duration(s).map(|d| (d.value, d.unit))
    }

    #[test]
    fn thirty_days_in_words_and_digits_is_30_days() {
        assert_eq!(
            first("within thirty (30) days of notice"),
            Some((30.0, Unit::Day))
        );
    }

    #[test]
    fn ninety_days_in_words() {
        assert_eq!(first("ninety days"), Some((90.0, Unit::Day)));
    }

    #[test]
    fn two_years_in_words_and_digits() {
        assert_eq!(first("for two (2) years"), Some((2.0, Unit::Year)));
    }

    #[test]
    fn one_month_in_words() {
        assert_eq!(first("one month"), Some((1.0, Unit::Month)));
    }

    #[test]
    fn one_year_in_words_and_digits() {
        assert_eq!(first("one (1) year"), Some((1.0, Unit::Year)));
    }

    #[test]
    fn six_months_in_digits() {
        assert_eq!(first("6 months"), Some((6.0, Unit::Month)));
    }

    #[test]
    fn calendar_days_are_days() {
        assert_eq!(first("sixty (60) calendar days"), Some((60.0, Unit::Day)));
    }

    #[test]
    fn business_days_are_business_days() {
        assert_eq!(first("ten business days"), Some((10.0, Unit::BusinessDay)));
    }

    #[test]
    fn ten_business_days_count_ten_days() {
        assert_eq!(
            parse_duration("ten business days").map(|d| d.days()),
            Some(10.0)
        );
    }

    #[test]
    fn a_period_of_three_years_is_three_years() {
        assert_eq!(
            first("for a period of three years"),
            Some((3.0, Unit::Year))
        );
    }

    #[test]
    fn hyphenated_one_year_is_a_year() {
        assert_eq!(first("a one-year term"), Some((1.0, Unit::Year)));
    }

    #[test]
    fn hyphenated_twelve_month_is_twelve_months() {
        assert_eq!(first("each 12-month period"), Some((12.0, Unit::Month)));
    }

    #[test]
    fn a_year_is_one_year() {
        assert_eq!(first("within a year"), Some((1.0, Unit::Year)));
    }

    #[test]
    fn annual_is_not_a_duration() {
        assert_eq!(first("an annual fee"), None);
    }

    #[test]
    fn month_to_month_is_not_a_duration() {
        assert_eq!(first("on a month-to-month basis"), None);
    }

    #[test]
    fn upper_case_text_is_read() {
        assert_eq!(first("THIRTY (30) DAYS"), Some((30.0, Unit::Day)));
    }

    #[test]
    fn word_inside_a_longer_word_is_not_a_number() {
        assert_eq!(first("someone days"), None);
    }

    #[test]
    fn find_durations_returns_all_with_ranges() {
        let s = "thirty (30) days or two (2) years";
        let found = find_durations(s);
        assert_eq!(found.len(), 2);
        assert_eq!(&s[found[0].0.clone()], "thirty (30) days");
        assert_eq!(&s[found[1].0.clone()], "two (2) years");
    }

    #[test]
    fn year_converts_to_365_days_and_12_months() {
        let d = Duration {
            value: 1.0,
            unit: Unit::Year,
        };
        assert_eq!(d.days(), 365.0);
        assert_eq!(d.months(), 12.0);
    }

    #[test]
    fn month_converts_to_30_days() {
        assert_eq!(
            Duration {
                value: 2.0,
                unit: Unit::Month
            }
            .days(),
            60.0
        );
    }

    #[test]
    fn week_and_quarter_convert() {
        assert_eq!(
            Duration {
                value: 2.0,
                unit: Unit::Week
            }
            .days(),
            14.0
        );
        assert_eq!(
            Duration {
                value: 1.0,
                unit: Unit::Quarter
            }
            .days(),
            90.0
        );
        assert_eq!(
            Duration {
                value: 52.0,
                unit: Unit::Week
            }
            .months(),
            12.0
        );
        assert_eq!(
            Duration {
                value: 365.0,
                unit: Unit::Day
            }
            .months(),
            12.0
        );
    }

    #[test]
    fn one_and_a_half_years() {
        assert_eq!(first("one and a half years"), Some((1.5, Unit::Year)));
    }
}
