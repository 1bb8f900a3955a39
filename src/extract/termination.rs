//! Termination summary: for breach (with the cure period in days), for
//! convenience (with the notice period), on insolvency, and on a change of
//! control. Day counts come from the `cure_days` / `notice_days` captures.

use super::{cite, Context};
use crate::record::Terms;

pub fn summarise(ctx: &Context, terms: &mut Terms) {
    let breach = ctx.find("termination", &["breach"]);
    let convenience = ctx.find("termination", &["convenience"]);
    let insolvency = ctx.find("termination", &["insolvency"]);
    let coc = ctx.find("termination", &["change_of_control"]);
    let t = &mut terms.termination;
    t.for_breach = Some(!breach.is_empty());
    t.breach_cure_days = ctx.first_number(&breach, "cure_days").map(|(_, d)| d);
    t.for_convenience = Some(!convenience.is_empty());
    t.convenience_notice_days = ctx
        .first_number(&convenience, "notice_days")
        .map(|(_, d)| d);
    t.insolvency = Some(!insolvency.is_empty());
    t.change_of_control = Some(!coc.is_empty());
    for (field, ids) in [
        ("termination.for_breach", breach),
        ("termination.for_convenience", convenience),
        ("termination.insolvency", insolvency),
        ("termination.change_of_control", coc),
    ] {
        if !ids.is_empty() {
            cite(terms, field, ids);
        }
    }
}
