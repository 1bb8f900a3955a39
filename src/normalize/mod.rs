//! Normalisation: pure functions that turn legal phrasing ("thirty (30)
//! days", "Five Thousand Dollars ($5,000)", "the 11th day of July, 2006",
//! "worldwide excluding Japan") into numbers, durations, percentages, money,
//! dates, place codes and governing-law jurisdictions. Every function takes
//! text and returns values with byte ranges into that text; none of them
//! allocates per character, panics on odd input, or decides which clause a
//! value belongs to — that is left to the extractors.

pub mod date;
pub mod duration;
pub mod law;
pub mod money;
pub mod number;
pub mod percent;
pub mod place;

#[cfg(test)]
mod tests {
    /// Tiny deterministic generator so the test needs no extra crate.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    const PIECES: &[&str] = &[
        "thirty",
        " (30) ",
        "days",
        "%",
        "percent",
        "$",
        "€",
        "£",
        "¥",
        "USD",
        "1,000",
        "5.1",
        "2006",
        "July",
        " 11",
        ",",
        "/",
        "-",
        "th day of ",
        "million",
        "U.S.",
        "Japan",
        "except ",
        "excluding ",
        "New",
        " Mexico",
        "laws of ",
        "State of ",
        "Georgia",
        "é",
        "ß",
        "İ",
        "ﬁ",
        "\u{0301}",
        "🇯🇵",
        "\u{200b}",
        "\n",
        ";",
        ". ",
        "(",
        ")",
        "a ",
        "an",
        "one-half",
        "and",
        "__",
        "Ω",
        "٣",
        "₹",
    ];

    #[test]
    fn odd_unicode_inputs_never_panic_and_ranges_are_char_boundaries() {
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(rng.next() % 12) {
                s.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
            }
            let _ = super::number::parse_number(&s);
            let _ = super::law::jurisdiction(&s);
            let _ = super::place::parse_places(&s);
            for (r, _) in super::duration::find_durations(&s) {
                assert!(s.get(r).is_some(), "{s:?}");
            }
            for (r, _) in super::percent::find_percents(&s) {
                assert!(s.get(r).is_some(), "{s:?}");
            }
            for (r, _) in super::money::find_money(&s) {
                assert!(s.get(r).is_some(), "{s:?}");
            }
            for (r, _) in super::date::find_dates(&s) {
                assert!(s.get(r).is_some(), "{s:?}");
            }
        }
    }
}
