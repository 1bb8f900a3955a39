//! Money: an amount with an ISO 4217 currency, found only where the text
//! names a currency by sign ("$1,000", "€500", "US$"), by code ("USD 2.5
//! million", "$55,000USD") or by word ("one million dollars"), so section
//! numbers like "5.1" are never money. The doubled legal form "Five Thousand
//! Dollars ($5,000)" is one value, read from its digits. A bare "$" or
//! "dollars" is taken as USD; what the money pays for is left to extractors.

use super::number::{parse_digits, parse_number, scale_word, words_pattern};
use regex::{Captures, Regex};
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

/// An amount of money in an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    pub amount: f64,
    pub currency: String,
}

const CODE: &str = r"(?-i:USD|EUR|GBP|JPY|CNY|RMB|CAD|AUD|CHF|HKD|SGD|NZD|INR|KRW|ILS|NIS|SEK|NOK|DKK|BRL|MXN|ZAR|TWD|RUB|PLN)";
// One-letter prefixes must touch the sign ("C$", "A$") so that an article
// ("A $5 fee") is never read as a currency; longer ones may be spaced ("US $").
const SYMBOL: &str = r"(?:(?-u:\b)(?-i:US|U\.S\.|CDN|Cdn|AU|NZ|HK|MX|NT)\s?\$|(?-u:\b)(?-i:CA|C|A|S|R)\$|\$|€|£|¥|₹|₩|₪|₽)";
/// Digits as money writes them, also with Swiss apostrophes ("50'000").
const AMOUNT: &str = r"(?:[0-9]{1,3}(?:'[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";
const SCALE: &str =
    r"(?:\s*(?:thousand|million|billion|trillion)(?-u:\b)|(?-i:MM|mm|bn|BN|M|m|B|K|k)(?-u:\b))";
const CURRENCY_WORD: &str = r"(?:(?:U\.S\.|US|United\s+States|American|Canadian|Australian|Hong\s+Kong|Singapore|New\s+Zealand)\s+dollars?|dollars?|euros?|pounds?\s+sterling|British\s+pounds?|sterling|(?:Japanese\s+)?yen|Swiss\s+francs?|(?:Chinese\s+)?(?:renminbi|yuan)|(?:Indian\s+)?rupees?|Korean\s+won|(?:New\s+Israeli\s+)?(?:shekels?|sheqels?))(?-u:\b)";

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    let words = words_pattern();
    let code = format!(r"(?-u:\b){CODE}");
    let pattern = format!(
        concat!(
            r"(?i)",
            // $1,000 / CAD $5,000 / $55,000USD
            r"(?:(?P<apc>{code})\s?)?(?P<asym>{symbol})\s?(?P<aamt>{digits})(?P<ascale>{scale})?(?:\s?(?P<asc>{code})(?-u:\b))?",
            // USD 2.5 million
            r"|(?P<bc>{code})\s?(?P<bamt>{digits})(?P<bscale>{scale})?",
            // Five Thousand ($5,000) Dollars
            r"|(?P<dw>{words})\s*\(\s*(?:(?P<dc>{code})\s?)?(?P<dsym>{symbol})?\s?(?P<damt>{digits})(?P<dscale>{scale})?\s*\)\s*(?P<dcur>{word})",
            // one million dollars / 55,000 USD / 2.5 million euros
            r"|(?:(?P<cw>{words})|(?-u:\b)(?P<camt>{digits})(?P<cscale>{scale})?)\s*(?:(?P<cc>{code})(?-u:\b)|(?P<ccur>{word}))",
        ),
        code = code,
        symbol = SYMBOL,
        digits = AMOUNT,
        scale = SCALE,
        words = words,
        word = CURRENCY_WORD,
    );
    Regex::new(&pattern).expect("fixed money pattern compiles")
});

/// One regex match before words-and-digits pairs are merged.
struct Found {
    range: Range<usize>,
    money: Money,
    /// The amount was written in digits (preferred over words).
    digits: bool,
    /// The currency was named, not assumed from a bare "$" or "dollars".
    explicit: bool,
}

/// Every amount of money in `s`, with its byte range.
pub fn find_money(s: &str) -> Vec<(Range<usize>, Money)> {
    let mut found: Vec<Found> = MONEY.captures_iter(s).filter_map(|c| read(&c)).collect();
    merge_parenthesised(s, &mut found);
    found.into_iter().map(|f| (f.range, f.money)).collect()
}

fn read(caps: &Captures<'_>) -> Option<Found> {
    let range = caps.get(0)?.range();
    let text = |name: &str| caps.name(name).map(|m| m.as_str());
    let (amount, digits, currency, explicit) = if let Some(amt) = text("aamt") {
        let amount = scaled(amt, text("ascale"))?;
        let (currency, explicit) = match text("asc").or(text("apc")) {
            Some(code) => (code_currency(code), true),
            None => symbol_currency(text("asym")?),
        };
        (amount, true, currency, explicit)
    } else if let Some(amt) = text("bamt") {
        (
            scaled(amt, text("bscale"))?,
            true,
            code_currency(text("bc")?),
            true,
        )
    } else if let Some(amt) = text("damt") {
        let amount = scaled(amt, text("dscale"))?;
        let named = text("dc").map(|c| (code_currency(c), true));
        let symbol = text("dsym")
            .map(symbol_currency)
            .filter(|&(_, explicit)| explicit);
        let (currency, explicit) = named.or(symbol).unwrap_or(word_currency(text("dcur")?));
        (amount, true, currency, explicit)
    } else {
        let (amount, digits) = match text("camt") {
            Some(amt) => (scaled(amt, text("cscale"))?, true),
            None => (parse_number(text("cw")?)?, false),
        };
        let (currency, explicit) = match text("cc") {
            Some(code) => (code_currency(code), true),
            None => word_currency(text("ccur")?),
        };
        (amount, digits, currency, explicit)
    };
    Some(Found {
        range,
        money: Money {
            amount,
            currency: currency.to_string(),
        },
        digits,
        explicit,
    })
}

fn scaled(amount: &str, scale: Option<&str>) -> Option<f64> {
    let value = parse_digits(amount)?;
    let factor = match scale.map(str::trim) {
        None => 1.0,
        Some("MM" | "mm" | "M" | "m") => 1e6,
        Some("bn" | "BN" | "B") => 1e9,
        Some("K" | "k") => 1e3,
        Some(word) => scale_word(word)?,
    };
    Some(value * factor)
}

fn code_currency(code: &str) -> &'static str {
    const CODES: [&str; 23] = [
        "USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "CHF", "HKD", "SGD", "NZD", "INR", "KRW",
        "ILS", "SEK", "NOK", "DKK", "BRL", "MXN", "ZAR", "TWD", "RUB", "PLN",
    ];
    match code {
        "RMB" => "CNY",
        "NIS" => "ILS",
        _ => CODES.iter().find(|c| **c == code).copied().unwrap_or("USD"),
    }
}

/// The currency of a sign, and whether the sign names it (a bare "$" does not).
fn symbol_currency(symbol: &str) -> (&'static str, bool) {
    match symbol.trim_end_matches('$').trim_end() {
        "" => ("USD", false),
        "US" | "U.S." => ("USD", true),
        "CDN" | "Cdn" | "CA" | "C" => ("CAD", true),
        "AU" | "A" => ("AUD", true),
        "NZ" => ("NZD", true),
        "HK" => ("HKD", true),
        "S" => ("SGD", true),
        "R" => ("BRL", true),
        "MX" => ("MXN", true),
        "NT" => ("TWD", true),
        "€" => ("EUR", true),
        "£" => ("GBP", true),
        "¥" => ("JPY", true),
        "₹" => ("INR", true),
        "₩" => ("KRW", true),
        "₪" => ("ILS", true),
        "₽" => ("RUB", true),
        _ => ("USD", false),
    }
}

/// The currency of a currency word, and whether it names one ("dollars" alone does not).
fn word_currency(word: &str) -> (&'static str, bool) {
    const WORDS: [(&str, &str); 14] = [
        ("canadian", "CAD"),
        ("australian", "AUD"),
        ("hong", "HKD"),
        ("singapore", "SGD"),
        ("zealand", "NZD"),
        ("euro", "EUR"),
        ("pound", "GBP"),
        ("sterling", "GBP"),
        ("yen", "JPY"),
        ("franc", "CHF"),
        ("renminbi", "CNY"),
        ("yuan", "CNY"),
        ("rupee", "INR"),
        ("won", "KRW"),
    ];
    let lower = word.to_ascii_lowercase();
    if let Some((_, code)) = WORDS.iter().find(|(w, _)| lower.contains(w)) {
        return (code, true);
    }
    if lower.contains("shekel") || lower.contains("sheqel") {
        return ("ILS", true);
    }
    let named = ["u.s.", "us ", "united", "american"]
        .iter()
        .any(|w| lower.contains(w));
    ("USD", named)
}

/// Folds "Five Thousand Dollars ($5,000)" and "$5,000 (Five Thousand
/// Dollars)" into one value: digits win the amount, a named currency wins
/// over an assumed one.
fn merge_parenthesised(s: &str, found: &mut Vec<Found>) {
    let mut merged: Vec<Found> = Vec::with_capacity(found.len());
    for next in found.drain(..) {
        if let Some(last) = merged.last_mut() {
            if let Some(close) = parenthesised_after(s, &last.range, &next.range) {
                if next.digits && !last.digits {
                    last.money.amount = next.money.amount;
                    last.digits = true;
                }
                if next.explicit && !last.explicit {
                    last.money.currency = next.money.currency;
                    last.explicit = true;
                }
                last.range.end = close;
                continue;
            }
        }
        merged.push(next);
    }
    *found = merged;
}

/// If `inner` sits in parentheses right after `outer`, the end of the ")".
fn parenthesised_after(s: &str, outer: &Range<usize>, inner: &Range<usize>) -> Option<usize> {
    let between = s.get(outer.end..inner.start)?.trim();
    if between != "(" {
        return None;
    }
    let after = s.get(inner.end..)?;
    let rest = after.trim_start();
    rest.starts_with(')')
        .then(|| inner.end + (after.len() - rest.len()) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Vec<(f64, String)> {
        find_money(s)
            .into_iter()
            .map(|(_, m)| (m.amount, m.currency))
            .collect()
    }

    fn one(amount: f64, currency: &str) -> Vec<(f64, String)> {
        vec![(amount, currency.to_string())]
    }

    #[test]
    fn dollar_sign_is_usd() {
        assert_eq!(
            money("a fee of $1,000,000 payable"),
            one(1_000_000.0, "USD")
        );
    }

    #[test]
    fn us_dollar_sign_is_usd() {
        assert_eq!(money("US$1,000,000"), one(1_000_000.0, "USD"));
    }

    #[test]
    fn code_glued_after_amount_keeps_the_thousands() {
        assert_eq!(money("$55,000USD"), one(55_000.0, "USD"));
    }

    #[test]
    fn code_then_amount_then_million() {
        assert_eq!(money("USD 2.5 million"), one(2_500_000.0, "USD"));
    }

    #[test]
    fn dollar_sign_with_million() {
        assert_eq!(money("$2.5 million"), one(2_500_000.0, "USD"));
    }

    #[test]
    fn euro_sign_is_eur() {
        assert_eq!(money("€500"), one(500.0, "EUR"));
    }

    #[test]
    fn eur_code_prefix() {
        assert_eq!(money("EUR 10,000"), one(10_000.0, "EUR"));
    }

    #[test]
    fn pound_sign_is_gbp() {
        assert_eq!(money("£1,000"), one(1_000.0, "GBP"));
    }

    #[test]
    fn cad_code_before_dollar_sign_is_cad() {
        assert_eq!(money("CAD $5,000"), one(5_000.0, "CAD"));
    }

    #[test]
    fn yen_sign_is_jpy() {
        assert_eq!(money("¥100,000"), one(100_000.0, "JPY"));
    }

    #[test]
    fn words_and_digits_in_parentheses_are_one_value() {
        let s = "Five Thousand Dollars ($5,000) upon signing";
        let found = find_money(s);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1,
            Money {
                amount: 5_000.0,
                currency: "USD".into()
            }
        );
        assert_eq!(&s[found[0].0.clone()], "Five Thousand Dollars ($5,000)");
    }

    #[test]
    fn digits_then_words_in_parentheses_are_one_value() {
        assert_eq!(money("$5,000 (Five Thousand Dollars)"), one(5_000.0, "USD"));
    }

    #[test]
    fn words_with_parenthesised_digits_before_dollars_are_one_value() {
        assert_eq!(money("Five Thousand ($5,000) Dollars"), one(5_000.0, "USD"));
    }

    #[test]
    fn one_million_dollars_in_words() {
        assert_eq!(money("one million dollars"), one(1_000_000.0, "USD"));
    }

    #[test]
    fn canadian_dollars_are_cad() {
        assert_eq!(money("10,000 Canadian dollars"), one(10_000.0, "CAD"));
    }

    #[test]
    fn amount_then_code() {
        assert_eq!(money("55,000 USD"), one(55_000.0, "USD"));
    }

    #[test]
    fn letter_scale_suffix() {
        assert_eq!(money("$2.5M"), one(2_500_000.0, "USD"));
    }

    #[test]
    fn section_number_is_not_money() {
        assert!(money("Section 5.1").is_empty());
        assert!(money("5.1").is_empty());
    }

    #[test]
    fn article_before_dollar_sign_is_not_a_currency_prefix() {
        assert_eq!(money("PAY A $5 FEE"), one(5.0, "USD"));
    }

    #[test]
    fn spaced_us_prefix_is_part_of_the_amount() {
        let found = find_money("US $500");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 0..7);
    }

    #[test]
    fn swiss_apostrophe_thousands_are_read() {
        assert_eq!(money("CHF 50'000"), one(50_000.0, "CHF"));
    }

    #[test]
    fn lowercase_code_is_not_a_currency() {
        assert!(money("usd 5").is_empty());
    }

    #[test]
    fn several_amounts_are_all_found() {
        assert_eq!(
            money("$10,000 on signing and €2,000 per year"),
            vec![(10_000.0, "USD".to_string()), (2_000.0, "EUR".to_string())]
        );
    }
}
