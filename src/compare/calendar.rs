//! Calendar arithmetic for the comparison: ISO dates (full or partial) to day
//! numbers and back, months added with end-of-month clamping, and today's date.
//! A partial date is read as its first day when it starts a range and its last
//! day when it ends one, so ranges never shrink to less than the text says.

use crate::normalize::date::{civil_from_days, days_from_civil};
use std::time::{SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Splits `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (anything after a tenth character ignored).
fn parts(s: &str) -> Option<(i64, Option<u32>, Option<u32>)> {
    let mut it = s.trim().get(..s.trim().len().min(10))?.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    if !(1000..=9999).contains(&y) {
        return None;
    }
    let m = match it.next() {
        Some(t) => Some(t.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let d = match (m, it.next()) {
        (Some(m), Some(t)) => Some(
            t.parse::<u32>()
                .ok()
                .filter(|d| *d >= 1 && *d <= days_in_month(y, m))?,
        ),
        (_, None) => None,
        (None, Some(_)) => return None,
    };
    Some((y, m, d))
}

impl Day {
    /// The first day an ISO date (full or partial) can mean.
    pub fn parse_first(s: &str) -> Option<Day> {
        let (y, m, d) = parts(s)?;
        Some(Day(days_from_civil(y, m.unwrap_or(1), d.unwrap_or(1))))
    }

    /// The last day an ISO date (full or partial) can mean.
    pub fn parse_last(s: &str) -> Option<Day> {
        let (y, m, d) = parts(s)?;
        let m2 = m.unwrap_or(12);
        Some(Day(days_from_civil(
            y,
            m2,
            d.unwrap_or_else(|| days_in_month(y, m2)),
        )))
    }

    pub fn today() -> Day {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Day(secs.div_euclid(86_400))
    }

    /// Adds whole months, clamping the day to the month's end (Jan 31 + 1 = Feb 28/29).
    pub fn add_months(self, months: i64) -> Day {
        let (y, m, d) = civil_from_days(self.0);
        let total = y * 12 + (m as i64 - 1) + months;
        let (ny, nm) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
        Day(days_from_civil(ny, nm, d.min(days_in_month(ny, nm))))
    }

    pub fn add_days(self, days: i64) -> Day {
        Day(self.0 + days)
    }

    /// Year as a fraction (2024.5 is mid-2024), for chart axes.
    pub fn year_fraction(self) -> f64 {
        let (y, _, _) = civil_from_days(self.0);
        let start = days_from_civil(y, 1, 1);
        let len = days_from_civil(y + 1, 1, 1) - start;
        y as f64 + (self.0 - start) as f64 / len as f64
    }

    pub fn year(self) -> i64 {
        civil_from_days(self.0).0
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_date_round_trips() {
        for s in ["1970-01-01", "2000-02-29", "2024-12-31", "2019-03-03"] {
            assert_eq!(
                Day::parse_first(s).map(|d| d.to_string()).as_deref(),
                Some(s)
            );
        }
    }

    #[test]
    fn a_partial_date_spans_its_month_or_year() {
        assert_eq!(
            Day::parse_first("2024-02")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-02-01")
        );
        assert_eq!(
            Day::parse_last("2024-02").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            Day::parse_last("2023").map(|d| d.to_string()).as_deref(),
            Some("2023-12-31")
        );
    }

    #[test]
    fn nonsense_dates_are_none() {
        for s in ["", "soon", "2023-13-01", "2023-02-30", "99-01-01"] {
            assert_eq!(Day::parse_first(s), None, "{s}");
        }
    }

    #[test]
    fn adding_a_month_to_january_31_clamps_to_february() {
        let d = Day::parse_first("2023-01-31").map(|d| d.add_months(1).to_string());
        assert_eq!(d.as_deref(), Some("2023-02-28"));
    }
}
