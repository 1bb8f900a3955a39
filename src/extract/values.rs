//! Normalising what a rule captured. The suffix of a named capture group says
//! what it holds, so pattern authors choose the normaliser without touching
//! Rust: `_days`, `_months` (durations), `_percent` / `_percents` (one or all
//! percentages), `_date` (ISO 8601), `_money` (amount + ISO 4217), `_places`
//! (territory codes), `_law` (jurisdiction code), `_number`; anything else is
//! kept as trimmed text. A capture that does not normalise is left out.

use crate::normalize::{date, duration, law, money, number, percent, place};
use serde_json::{json, Value};

/// Normalises one capture by its group name.
pub fn normalise(name: &str, raw: &str) -> Option<Value> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let suffix = name.rsplit('_').next().unwrap_or(name);
    match suffix {
        "days" => duration::parse_duration(raw)
            .map(|d| round(d.days()))
            .or_else(|| number::parse_number(raw))
            .map(Value::from),
        "months" => duration::parse_duration(raw)
            .map(|d| round(d.months()))
            .or_else(|| number::parse_number(raw))
            .map(Value::from),
        "percent" => percent::find_percents(raw)
            .first()
            .map(|(_, p)| Value::from(*p)),
        "percents" => {
            let all: Vec<f64> = percent::find_percents(raw)
                .into_iter()
                .map(|(_, p)| p)
                .collect();
            (!all.is_empty()).then(|| Value::from(all))
        }
        "date" => date::parse_date(raw).map(|d| Value::from(d.iso())),
        "money" => money::find_money(raw)
            .first()
            .map(|(_, m)| json!({"amount": m.amount, "currency": m.currency})),
        "places" => {
            let p = place::parse_places(raw);
            (!p.codes.is_empty() || !p.excluded.is_empty())
                .then(|| json!({"codes": p.codes, "excluded": p.excluded}))
        }
        "law" => law::jurisdiction(raw).map(|(code, name)| json!({"code": code, "name": name})),
        "number" => number::parse_number(raw).map(Value::from),
        _ => Some(Value::from(squash(raw))),
    }
}

/// Rounds to two decimals, so that 12 months of days reads 365, not 364.99.
pub fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Collapses runs of whitespace to one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_suffix_reads_words_and_digits() {
        assert_eq!(
            normalise("cure_days", "thirty (30) days"),
            Some(Value::from(30.0))
        );
    }

    #[test]
    fn months_suffix_converts_years() {
        assert_eq!(
            normalise("renewal_months", "two (2) years"),
            Some(Value::from(24.0))
        );
    }

    #[test]
    fn date_suffix_gives_iso() {
        assert_eq!(
            normalise("effective_date", "July 11, 2006"),
            Some(Value::from("2006-07-11"))
        );
    }

    #[test]
    fn percents_suffix_lists_every_rate() {
        assert_eq!(
            normalise("rates_percents", "5% up to $1M and 7% thereafter"),
            Some(json!([5.0, 7.0]))
        );
    }

    #[test]
    fn plain_name_keeps_squashed_text() {
        assert_eq!(
            normalise("base", " Net \n Sales "),
            Some(Value::from("Net Sales"))
        );
    }

    #[test]
    fn unparseable_value_is_left_out() {
        assert_eq!(normalise("effective_date", "the date hereof"), None);
    }
}
