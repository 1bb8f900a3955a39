//! Numbers as agreements write them: digits with thousands separators
//! ("1,000", "2.5"), English words ("one hundred twenty", "ninety-nine",
//! "twelve and one-half"), scale words ("2.5 million") and the belt-and-braces
//! form "thirty (30)", where the digits win. This module also owns the regex
//! fragments for those forms, so that durations, percentages and money agree
//! on what a number looks like; it never decides what the number measures.

/// Digits with optional thousands separators and decimals: "1,000,000.50", "30".
pub(crate) const DIGITS: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";

/// One cardinal number word, ending at a word boundary.
const WORD: &str = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion)(?-u:\b)";

/// A fraction written in words: "one-half", "a half", "three-quarters".
const FRACTION: &str =
    r"(?:(?:one|a)[\s-]+half|(?:one|a)[\s-]+quarter|three[\s-]+quarters)(?-u:\b)";

/// A number written in words, such as "one hundred and twenty" or
/// "twelve and one-half". Use inside a case-insensitive regex.
pub(crate) fn words_pattern() -> String {
    format!(r"(?-u:\b)(?:{WORD}(?:(?:[\s-]+|\s+and\s+){WORD})*(?:\s+and\s+{FRACTION})?|{FRACTION})")
}

/// A number in words, in digits, or both with one of them in parentheses
/// ("thirty (30)", "30 (thirty)"). Feed the matched text to [`parse_number`].
pub(crate) fn number_pattern() -> String {
    let words = words_pattern();
    format!(r"(?:{words}(?:\s*\(\s*{DIGITS}\s*\))?|(?-u:\b){DIGITS}(?:\s*\(\s*{words}\s*\))?)")
}

/// Parses a whole string as one number; `None` if any part of it is not a number.
///
/// "a"/"an" count as 1 only when they are the entire input. When words and
/// digits both appear ("thirty (30)"), the digits are returned because they
/// are what the drafter checked.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let Some(open) = s.find('(') else {
        return parse_plain(s);
    };
    let close = open + s[open..].find(')')?;
    if !s[close + 1..].trim().is_empty() {
        return None;
    }
    let outer = s[..open].trim();
    let inner = s[open + 1..close].trim();
    let inner_value = parse_plain(inner);
    if starts_with_digit(inner) && inner_value.is_some() {
        return inner_value;
    }
    parse_plain(outer).or(inner_value)
}

fn starts_with_digit(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

fn parse_plain(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    if s.eq_ignore_ascii_case("a") || s.eq_ignore_ascii_case("an") {
        return Some(1.0);
    }
    if starts_with_digit(s) {
        parse_scaled_digits(s)
    } else {
        parse_words(s)
    }
}

/// Digits optionally followed by a scale word: "2.5 million".
fn parse_scaled_digits(s: &str) -> Option<f64> {
    let end = s
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b',' || b == b'.'))
        .unwrap_or(s.len());
    let value = parse_digits(&s[..end])?;
    let rest = s[end..].trim();
    if rest.is_empty() {
        return Some(value);
    }
    scale_word(rest).map(|scale| value * scale)
}

/// Multiplier for a scale word ("thousand", "million", ...), any case.
pub(crate) fn scale_word(s: &str) -> Option<f64> {
    const SCALES: [(&str, f64); 4] = [
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
    ];
    SCALES
        .iter()
        .find(|(w, _)| s.eq_ignore_ascii_case(w))
        .map(|&(_, v)| v)
}

/// Parses "1,000,000.50" (commas and Swiss apostrophes ignored) without allocating.
pub(crate) fn parse_digits(s: &str) -> Option<f64> {
    let mut buf = [0u8; 48];
    let mut len = 0;
    let mut dots = 0;
    for b in s.bytes() {
        match b {
            b',' | b'\'' => continue,
            b'.' => dots += 1,
            b'0'..=b'9' => {}
            _ => return None,
        }
        *buf.get_mut(len)? = b;
        len += 1;
    }
    if len == 0 || dots > 1 || buf[0] == b'.' {
        return None;
    }
    std::str::from_utf8(&buf[..len]).ok()?.parse().ok()
}

#[derive(Clone, Copy, PartialEq)]
enum Word {
    Unit(u64),
    Teen(u64),
    Tens(u64),
    Hundred,
    Scale(u64),
}

fn lookup_word(token: &str) -> Option<Word> {
    const WORDS: [(&str, Word); 34] = [
        ("zero", Word::Unit(0)),
        ("one", Word::Unit(1)),
        ("two", Word::Unit(2)),
        ("three", Word::Unit(3)),
        ("four", Word::Unit(4)),
        ("five", Word::Unit(5)),
        ("six", Word::Unit(6)),
        ("seven", Word::Unit(7)),
        ("eight", Word::Unit(8)),
        ("nine", Word::Unit(9)),
        ("ten", Word::Teen(10)),
        ("eleven", Word::Teen(11)),
        ("twelve", Word::Teen(12)),
        ("thirteen", Word::Teen(13)),
        ("fourteen", Word::Teen(14)),
        ("fifteen", Word::Teen(15)),
        ("sixteen", Word::Teen(16)),
        ("seventeen", Word::Teen(17)),
        ("eighteen", Word::Teen(18)),
        ("nineteen", Word::Teen(19)),
        ("twenty", Word::Tens(20)),
        ("thirty", Word::Tens(30)),
        ("forty", Word::Tens(40)),
        ("fourty", Word::Tens(40)),
        ("fifty", Word::Tens(50)),
        ("sixty", Word::Tens(60)),
        ("seventy", Word::Tens(70)),
        ("eighty", Word::Tens(80)),
        ("ninety", Word::Tens(90)),
        ("hundred", Word::Hundred),
        ("thousand", Word::Scale(1_000)),
        ("million", Word::Scale(1_000_000)),
        ("billion", Word::Scale(1_000_000_000)),
        ("trillion", Word::Scale(1_000_000_000_000)),
    ];
    WORDS
        .iter()
        .find(|(w, _)| token.eq_ignore_ascii_case(w))
        .map(|&(_, v)| v)
}

/// The value of a trailing fraction word ("half", "quarters") with its numerator.
fn fraction_denominator(token: &str) -> Option<f64> {
    match token.to_ascii_lowercase().as_str() {
        "half" | "halves" => Some(2.0),
        "quarter" | "quarters" => Some(4.0),
        _ => None,
    }
}

fn parse_words(s: &str) -> Option<f64> {
    let mut tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    let mut fraction = 0.0;
    if let Some(denominator) = tokens.last().and_then(|t| fraction_denominator(t)) {
        tokens.pop();
        let numerator = match tokens.last() {
            Some(t) if t.eq_ignore_ascii_case("a") || t.eq_ignore_ascii_case("an") => 1.0,
            Some(t) => match lookup_word(t) {
                Some(Word::Unit(n)) if n > 0 => n as f64,
                _ => return None,
            },
            None => 1.0,
        };
        if !tokens.is_empty() {
            tokens.pop();
        }
        fraction = numerator / denominator;
        if tokens.last().is_some_and(|t| t.eq_ignore_ascii_case("and")) {
            tokens.pop();
        }
        if tokens.is_empty() {
            return Some(fraction);
        }
    }
    parse_cardinal(&tokens).map(|whole| whole + fraction)
}

/// "one hundred and twenty" -> 120; rejects sequences such as "one two".
fn parse_cardinal(tokens: &[&str]) -> Option<f64> {
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut seen = false;
    let mut previous: Option<Word> = None;
    for token in tokens {
        if token.eq_ignore_ascii_case("and") {
            continue;
        }
        let word = lookup_word(token)?;
        match word {
            Word::Unit(n) => {
                if matches!(previous, Some(Word::Unit(_) | Word::Teen(_))) {
                    return None;
                }
                current += n;
            }
            Word::Teen(n) | Word::Tens(n) => {
                if !current.is_multiple_of(100) {
                    return None;
                }
                current += n;
            }
            Word::Hundred => {
                if current >= 100 || previous == Some(Word::Hundred) {
                    return None;
                }
                current = current.max(1) * 100;
            }
            Word::Scale(scale) => {
                if matches!(previous, Some(Word::Scale(_))) {
                    return None;
                }
                total = total.checked_add(current.max(1).checked_mul(scale)?)?;
                current = 0;
            }
        }
        seen = true;
        previous = Some(word);
    }
    seen.then(|| (total + current) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_digits_parse() {
        assert_eq!(parse_number("30"), Some(30.0));
    }

    #[test]
    fn thousands_separators_are_ignored() {
        assert_eq!(parse_number("1,000"), Some(1000.0));
        assert_eq!(parse_number("1,000,000.50"), Some(1_000_000.5));
    }

    #[test]
    fn decimals_parse() {
        assert_eq!(parse_number("2.5"), Some(2.5));
    }

    #[test]
    fn thirty_in_words_is_30() {
        assert_eq!(parse_number("thirty"), Some(30.0));
    }

    #[test]
    fn thirty_in_words_and_digits_is_30() {
        assert_eq!(parse_number("thirty (30)"), Some(30.0));
    }

    #[test]
    fn digits_in_parentheses_win_over_words() {
        assert_eq!(parse_number("thirty (31)"), Some(31.0));
    }

    #[test]
    fn digits_before_words_in_parentheses_win() {
        assert_eq!(parse_number("30 (thirty)"), Some(30.0));
    }

    #[test]
    fn hyphenated_words_parse() {
        assert_eq!(parse_number("ninety-nine"), Some(99.0));
    }

    #[test]
    fn hundreds_without_and_parse() {
        assert_eq!(parse_number("one hundred twenty"), Some(120.0));
    }

    #[test]
    fn hundreds_with_and_parse() {
        assert_eq!(
            parse_number("One Hundred and Fifty Thousand"),
            Some(150_000.0)
        );
    }

    #[test]
    fn teens_parse() {
        assert_eq!(parse_number("twelve"), Some(12.0));
    }

    #[test]
    fn large_word_numbers_parse() {
        assert_eq!(
            parse_number("two million five hundred thousand"),
            Some(2_500_000.0)
        );
    }

    #[test]
    fn a_alone_is_one() {
        assert_eq!(parse_number("a"), Some(1.0));
        assert_eq!(parse_number("An"), Some(1.0));
    }

    #[test]
    fn a_inside_other_words_is_not_a_number() {
        assert_eq!(parse_number("a thirty"), None);
    }

    #[test]
    fn one_half_is_a_half() {
        assert_eq!(parse_number("one-half"), Some(0.5));
    }

    #[test]
    fn twelve_and_one_half_is_12_5() {
        assert_eq!(parse_number("twelve and one-half"), Some(12.5));
    }

    #[test]
    fn scale_word_after_digits_multiplies() {
        assert_eq!(parse_number("2.5 million"), Some(2_500_000.0));
    }

    #[test]
    fn run_on_units_are_rejected() {
        assert_eq!(parse_number("one two"), None);
    }

    #[test]
    fn non_numbers_are_rejected() {
        assert_eq!(parse_number("Section"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("thirty (30"), None);
    }

    #[test]
    fn overlong_digit_strings_do_not_panic() {
        let long = "9".repeat(400);
        assert_eq!(parse_number(&long), None);
    }
}
