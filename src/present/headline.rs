//! Plain-English sentences generated from a run's numbers. They never claim more certainty than
//! the numbers hold: a probability is always stated as one, and a result near 50% is called a
//! toss-up rather than a saving.

use crate::model::{OptionResult, RunResults};

use super::format::{gbp_m, percent};

/// Below this distance from 50%, "costs less" is too strong: call it a close call.
const CLOSE_CALL: f64 = 0.10;

/// Two or three sentences for the top of a summary.
pub fn headlines(results: &RunResults) -> Vec<String> {
    let Some(base) = results.baseline() else {
        return Vec::new();
    };
    let years = results.horizon_years;
    let base_name = display_name(base);
    let mut out = Vec::new();
    let others: Vec<&OptionResult> = results
        .options
        .iter()
        .filter(|o| o.name != base.name)
        .collect();
    if others.is_empty() {
        out.push(format!(
            "Over {years} years {base_name} has a net present cost of {} in the middle case \
             (P50), with a 10–90% range of {} to {}, in today's money.",
            gbp_m(base.npc.p50),
            gbp_m(base.npc.p10),
            gbp_m(base.npc.p90)
        ));
    }
    for o in &others {
        let p = o.p_cheaper;
        let median = o.npc_vs_baseline.p50;
        let sentence = if (p - 0.5).abs() < CLOSE_CALL {
            format!(
                "{} and {base_name} are a close call: {} costs less in {} of simulated futures \
                 over {years} years (median difference {} in today's money).",
                capitalise(&display_name(o)),
                display_name(o),
                percent(p),
                signed_difference(median)
            )
        } else if p >= 0.5 {
            format!(
                "In {} of simulated futures {} costs less than {base_name} over {years} years; \
                 the median saving is {} in today's money.",
                percent(p),
                display_name(o),
                gbp_m(-median)
            )
        } else {
            format!(
                "In {} of simulated futures {} costs more than {base_name} over {years} years; \
                 the median extra cost is {} in today's money.",
                percent(1.0 - p),
                display_name(o),
                gbp_m(median)
            )
        };
        out.push(sentence);
    }
    // Quality: name the option with the lowest chance of falling below the threshold.
    if let Some(safest) = results
        .options
        .iter()
        .min_by(|a, b| a.p_quality_at_risk.total_cmp(&b.p_quality_at_risk))
    {
        let worst = results
            .options
            .iter()
            .max_by(|a, b| a.p_quality_at_risk.total_cmp(&b.p_quality_at_risk));
        match worst {
            Some(w) if w.name != safest.name => out.push(format!(
                "Quality falls below the threshold in at least one year in {} of futures under \
                 {}, against {} under {}.",
                percent(w.p_quality_at_risk),
                display_name(w),
                percent(safest.p_quality_at_risk),
                display_name(safest)
            )),
            _ => out.push(format!(
                "Quality falls below the threshold in at least one year in {} of futures under \
                 every option.",
                percent(safest.p_quality_at_risk)
            )),
        }
    }
    out
}

/// The option's own name, in lower case when it is a generic description ("the in-house service").
fn display_name(o: &OptionResult) -> String {
    let name = o.name.trim();
    match name.to_lowercase().as_str() {
        "in-house" => "in-house".to_string(),
        "children's trust" | "community interest company" => format!("the {}", name.to_lowercase()),
        _ => name.to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn signed_difference(pounds: f64) -> String {
    if pounds < 0.0 {
        format!("{} saving", gbp_m(-pounds))
    } else {
        format!("{} extra cost", gbp_m(pounds))
    }
}
