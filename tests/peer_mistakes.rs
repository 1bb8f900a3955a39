//! Mistakes a peer extractor (LexNLP) makes on real agreements, each run
//! through the whole extraction on a short agreement written for this test:
//! licscan must not repeat them.

use licscan::extract::extract;
use licscan::ingest::from_text;
use licscan::record::{Clause, Terms};
use licscan::rules::RuleSet;

fn run(text: &str) -> (Vec<Clause>, Terms) {
    let rules = RuleSet::builtin().expect("built-in packs compile");
    let doc = from_text(Default::default(), text.to_string(), 0);
    extract(&doc, &rules)
}

#[test]
fn in_witness_whereof_and_at_are_not_india_or_austria() {
    let text = "1. GRANT. Licensor grants Licensee a non-exclusive licence to use the Software in the United States.\n\n\
                IN WITNESS WHEREOF the parties sign. AT&T Services, 100 Main St, AT the offices IN Boston.";
    let (_, terms) = run(text);
    assert_eq!(terms.territory.codes, vec!["US".to_string()]);
}

#[test]
fn ca_is_neither_canada_nor_california() {
    let text = "Licensor grants Licensee an exclusive licence to sell the Products in the Territory. \
                \"Territory\" means the United States. Notices go to 1 Market St, San Francisco, CA 94105.";
    let (_, terms) = run(text);
    assert_eq!(terms.territory.codes, vec!["US".to_string()]);
}

#[test]
fn worldwide_and_throughout_the_world_are_found() {
    for phrase in ["a worldwide licence", "a licence throughout the world"] {
        let text = format!("Licensor hereby grants to Licensee {phrase} to use the Marks.");
        let (_, terms) = run(&text);
        assert_eq!(terms.territory.codes, vec!["001".to_string()], "{phrase}");
    }
}

#[test]
fn excluded_places_are_not_read_as_included() {
    let text =
        "Licensor grants Distributor the exclusive right to sell the Products in the Territory. \
                \"Territory\" means Asia, excluding Hong Kong, Macau and Taiwan.";
    let (_, terms) = run(text);
    for code in ["HK", "MO", "TW"] {
        assert!(
            !terms.territory.codes.contains(&code.to_string()),
            "{code} must not be included"
        );
        assert!(
            terms.territory.excluded_codes.contains(&code.to_string()),
            "{code} is excluded"
        );
    }
}

#[test]
fn a_date_without_a_year_is_not_given_the_current_year() {
    let text = "Royalty reports are due on June 30 of each year. Licensee shall pay on March 31.";
    let (_, terms) = run(text);
    assert_eq!(terms.term.agreement_date, None);
    assert_eq!(terms.term.effective_date, None);
}

#[test]
fn money_with_a_trailing_currency_code_is_the_whole_amount() {
    let text = "Licensee shall pay an upfront licence fee of $55,000USD within ten days of the Effective Date.";
    let (_, terms) = run(text);
    let fee = terms.royalty.fixed_fees.first().expect("the fee is found");
    assert_eq!((fee.amount, fee.currency.as_str()), (55000.0, "USD"));
}

#[test]
fn section_numbers_are_not_money() {
    let text = "Licensee shall pay the licence fee set out in Section 5.1 within thirty days.";
    let (_, terms) = run(text);
    assert!(
        terms.royalty.fixed_fees.is_empty(),
        "{:?}",
        terms.royalty.fixed_fees
    );
}
