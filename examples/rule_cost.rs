// Per-rule cost for pattern authors: candidate sentences (trigger hits), hits and regex time of
// every built-in rule over a folder of text files, slowest first. Each rule runs twice: the first
// (cold) pass also builds lazy-DFA states, the second (warm) pass only searches.
//     cargo run --release --example rule_cost -- ../shared/cuad-dev/txt
use licscan::rules::RuleSet;
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let set = RuleSet::builtin().unwrap();
    let mut sents: Vec<(String, String)> = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let t = licscan::ingest::clean::clean(&std::fs::read_to_string(e.unwrap().path()).unwrap())
            .text;
        for s in licscan::segment::sentences(&t) {
            let x = t[s.start..s.end].to_string();
            sents.push((x.to_ascii_lowercase(), x));
        }
    }
    let mut rows = vec![];
    let mut total = 0.0;
    let mut total_warm = 0.0;
    let mut tc = 0;
    let mut tb = 0;
    for r in &set.rules {
        let trig: Vec<String> = r.triggers.iter().map(|t| t.to_ascii_lowercase()).collect();
        let cands: Vec<&str> = sents
            .iter()
            .filter(|(l, _)| trig.iter().any(|t| l.contains(t.as_str())))
            .map(|(_, s)| s.as_str())
            .collect();
        let before = cands.len();
        let cands: Vec<&str> = cands
            .into_iter()
            .filter(|s| r.required.satisfied(s.to_ascii_lowercase().as_bytes()))
            .collect();
        tb += before;
        // the first pass pays for building lazy-DFA states, the second only searches
        let t0 = Instant::now();
        let hit = cands.iter().filter(|s| r.confirm(s).is_some()).count();
        let d = t0.elapsed().as_secs_f64();
        let t0 = Instant::now();
        let again = cands.iter().filter(|s| r.confirm(s).is_some()).count();
        let warm = t0.elapsed().as_secs_f64();
        assert_eq!(hit, again);
        total += d;
        total_warm += warm;
        tc += cands.len();
        rows.push((d, warm, r.id.clone(), cands.len(), hit));
    }
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    println!(
        "{} sentences, {tb} trigger candidates, {tc} after required words, regex total {total:.3}s (warm {total_warm:.3}s)",
        sents.len()
    );
    for (t, warm, id, c, h) in rows.iter().take(30) {
        println!(
            "{:.1}ms (warm {:.1}ms) {id} cand={c} hit={h} ({:.2}us/cand)",
            t * 1e3,
            warm * 1e3,
            t * 1e6 / *c as f64
        );
    }
}
