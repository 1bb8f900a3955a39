//! Percentages: "5%", "7.5 %", "five percent", "ten per cent" and the doubled
//! legal form "five percent (5%)", which is one value, not two. When words
//! and digits disagree the digits win. What the percentage is a rate of
//! (royalty, interest, discount) is decided by the extractors.

use super::number::{parse_number, words_pattern, DIGITS};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const MARK: &str = r"(?:%|percent(?-u:\b)|per[\s-]?cent(?-u:\b)|pct(?-u:\b)\.?)";

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    let words = words_pattern();
    let base =
        format!(r"(?:{words}(?:\s*\(\s*{DIGITS}\s*\))?|(?-u:\b){DIGITS}(?:\s*\(\s*{words}\s*\))?)");
    let pattern = format!(
        r"(?i)(?P<wd>{words})\s*\(\s*(?P<wdd>{DIGITS})\s*%\s*\)(?:\s*{MARK})?|(?P<num>{base})\s*{MARK}(?:\s*\(\s*(?:(?P<alt>{DIGITS})|{words})\s*{MARK}?\s*\))?"
    );
    Regex::new(&pattern).expect("fixed percent pattern compiles")
});

/// Every percentage in `s` with its byte range, as a number (5% is `5.0`).
pub fn find_percents(s: &str) -> Vec<(Range<usize>, f64)> {
    let mut found = Vec::new();
    for caps in PERCENT.captures_iter(s) {
        let Some(whole) = caps.get(0) else { continue };
        // The digits of a doubled form win; otherwise read the leading number.
        let digits = caps.name("wdd").or_else(|| caps.name("alt"));
        let value = digits
            .and_then(|d| parse_number(d.as_str()))
            .or_else(|| caps.name("num").and_then(|n| parse_number(n.as_str())))
            .or_else(|| caps.name("wd").and_then(|n| parse_number(n.as_str())));
        if let Some(value) = value {
            found.push((whole.range(), value));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<f64> {
        find_percents(s).into_iter().map(|(_, v)| v).collect()
    }

    #[test]
    fn digits_with_percent_sign() {
        assert_eq!(values("a royalty of 5% of Net Sales"), vec![5.0]);
    }

    #[test]
    fn space_before_percent_sign_is_allowed() {
        assert_eq!(values("7.5 %"), vec![7.5]);
    }

    #[test]
    fn five_percent_in_words_and_digits_is_one_value() {
        assert_eq!(values("five percent (5%)"), vec![5.0]);
    }

    #[test]
    fn five_percent_in_words_and_digits_covers_the_whole_phrase() {
        let s = "five percent (5%) of";
        let found = find_percents(s);
        assert_eq!(found.len(), 1);
        assert_eq!(&s[found[0].0.clone()], "five percent (5%)");
    }

    #[test]
    fn percent_in_words() {
        assert_eq!(values("five percent"), vec![5.0]);
    }

    #[test]
    fn digits_then_word_percent() {
        assert_eq!(values("5 percent"), vec![5.0]);
    }

    #[test]
    fn per_cent_as_two_words() {
        assert_eq!(values("ten per cent"), vec![10.0]);
    }

    #[test]
    fn fifty_percent_in_words_and_digits_is_one_value() {
        assert_eq!(values("fifty percent (50%)"), vec![50.0]);
    }

    #[test]
    fn twelve_and_one_half_percent_is_12_5() {
        assert_eq!(values("twelve and one-half percent (12.5%)"), vec![12.5]);
    }

    #[test]
    fn words_with_digit_percent_in_parentheses_is_one_value() {
        assert_eq!(values("five (5%) percent"), vec![5.0]);
        assert_eq!(values("five (5%) of"), vec![5.0]);
    }

    #[test]
    fn digits_then_words_in_parentheses_is_one_value() {
        assert_eq!(values("5% (five percent)"), vec![5.0]);
    }

    #[test]
    fn digits_win_when_words_disagree() {
        assert_eq!(values("six percent (5%)"), vec![5.0]);
    }

    #[test]
    fn several_percentages_are_all_found() {
        assert_eq!(values("3% in year one and 4.5% thereafter"), vec![3.0, 4.5]);
    }

    #[test]
    fn percentage_points_are_not_percent() {
        assert_eq!(values("5 percentage points"), Vec::<f64>::new());
    }

    #[test]
    fn plain_numbers_are_not_percent() {
        assert_eq!(values("Section 5.1 and 30 days"), Vec::<f64>::new());
    }
}
