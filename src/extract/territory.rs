//! Territory summary. The agreement's own definition of "Territory" wins when
//! it names places; otherwise the places named in the territory clauses (a
//! grant "in the United States and Canada"). Exclusions are kept apart, so
//! "worldwide excluding Japan" is `001` with `JP` excluded.

use super::{cite, Context};
use crate::normalize::place;
use crate::record::Terms;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let clauses = ctx.find("territory", &[]);
    let mut candidates: Vec<(Option<usize>, &str)> = Vec::new();
    for name in ["Territory", "Licensed Territory", "Sales Territory"] {
        if let Some(def) = ctx.definition(name) {
            candidates.push((None, def));
        }
    }
    for &i in &clauses {
        candidates.push((Some(i), ctx.clean_text(i)));
    }
    for (source, text) in candidates {
        let p = place::parse_places(text);
        if p.codes.is_empty() {
            continue;
        }
        terms.territory.codes = p.codes;
        terms.territory.excluded_codes = p.excluded;
        terms.territory.phrase = Some(super::values::squash(text).chars().take(300).collect());
        if let Some(i) = source {
            cite(terms, "territory.codes", [i]);
        }
        break;
    }
}
