//! The portfolio as a spreadsheet: one CSV row per agreement, one column per
//! normalised term (RFC 4180, UTF-8, header row first). Lists are joined with
//! `; `, unknown values are empty cells, and text cells that a spreadsheet
//! would run as a formula (starting with `=`, `+`, `-`, `@`) get a leading `'`.
//! The columns are documented in docs/compare.md; keep the two in step.

use super::view::Agreement;
use super::CompareError;
use std::io::Write;

/// Column names, in order.
pub const COLUMNS: &[&str] = &[
    "index",
    "path",
    "status",
    "error_kind",
    "format",
    "pages",
    "sha256",
    "exclusivity",
    "sublicensable",
    "territory_codes",
    "territory_excluded_codes",
    "field_restricted",
    "fields_of_use",
    "agreement_date",
    "effective_date",
    "expiration_date",
    "expiration_basis",
    "initial_term_months",
    "perpetual",
    "auto_renewal",
    "renewal_term_months",
    "renewal_notice_days",
    "royalty_rates_percent",
    "royalty_base",
    "fixed_fees",
    "royalty_minimum",
    "audit_rights",
    "improvements_owner",
    "termination_for_breach",
    "breach_cure_days",
    "termination_for_convenience",
    "convenience_notice_days",
    "termination_insolvency",
    "termination_change_of_control",
    "governing_law_code",
    "governing_law_name",
    "findings",
];

fn b(v: Option<bool>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

fn n(v: Option<f64>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

fn s(v: &Option<String>) -> String {
    text(v.as_deref().unwrap_or(""))
}

/// Defuses spreadsheet formulas in free text.
fn text(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    }
}

/// One row's cells, in `COLUMNS` order. `findings` is how many findings
/// involve the agreement.
pub fn row(index: usize, a: &Agreement, findings: usize) -> Vec<String> {
    let t = &a.terms;
    vec![
        index.to_string(),
        text(&a.document.path),
        a.status.as_str().to_string(),
        a.error.as_ref().map_or(String::new(), |e| e.kind.clone()),
        s(&a.document.format),
        a.document.pages.to_string(),
        s(&a.document.sha256),
        s(&t.exclusivity),
        b(t.sublicensable),
        t.territory.codes.join("; "),
        t.territory.excluded_codes.join("; "),
        b(t.field_of_use.restricted),
        text(&t.field_of_use.fields.join("; ")),
        s(&t.term.agreement_date),
        s(&t.term.effective_date),
        s(&t.term.expiration_date),
        s(&t.term.expiration_basis),
        n(t.term.initial_term_months),
        b(t.term.perpetual),
        b(t.term.auto_renewal),
        n(t.term.renewal_term_months),
        n(t.term.renewal_notice_days),
        t.royalty
            .rates_percent
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        s(&t.royalty.base),
        t.royalty
            .fixed_fees
            .iter()
            .map(|m| format!("{} {}", m.amount, m.currency))
            .collect::<Vec<_>>()
            .join("; "),
        b(t.royalty.minimum),
        b(t.royalty.audit_rights),
        s(&t.improvements.owner),
        b(t.termination.for_breach),
        n(t.termination.breach_cure_days),
        b(t.termination.for_convenience),
        n(t.termination.convenience_notice_days),
        b(t.termination.insolvency),
        b(t.termination.change_of_control),
        s(&t.governing_law.code),
        s(&t.governing_law.name),
        findings.to_string(),
    ]
}

/// Writes the header and one row per agreement.
pub fn write_csv(
    out: impl Write,
    agreements: &[Agreement],
    findings_per_agreement: &[usize],
) -> Result<(), CompareError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(COLUMNS)?;
    for (i, a) in agreements.iter().enumerate() {
        w.write_record(row(
            i,
            a,
            findings_per_agreement.get(i).copied().unwrap_or(0),
        ))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_one_cell_per_column() {
        assert_eq!(row(0, &Agreement::default(), 0).len(), COLUMNS.len());
    }

    #[test]
    fn a_formula_like_cell_is_defused() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("net sales"), "net sales");
    }

    #[test]
    fn quotes_and_commas_are_quoted_per_rfc_4180() {
        let mut a = Agreement::default();
        a.document.path = "a, \"b\".txt".into();
        let mut out = Vec::new();
        write_csv(&mut out, &[a], &[2]).expect("CSV to memory");
        let s = String::from_utf8(out).expect("UTF-8");
        assert!(s.starts_with("index,path,status"));
        assert!(s.contains("0,\"a, \"\"b\"\".txt\","), "{s}");
        assert!(s.ends_with(",2\r\n"));
    }
}
