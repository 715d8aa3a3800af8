//! Plain-English sentences generated from a run's numbers. They never claim more certainty than
//! the numbers hold: a probability is always stated as one, and a result near 50% is called a
//! toss-up rather than a saving.

use crate::model::{OptionResult, RunResults};

use super::chart_data::ChartKind;
use super::format::{financial_year, gbp_m, gbp_m_signed, percent};

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
    // Each outsourced option's contract: overspends, what comes back, returns in-house.
    out.extend(super::budget::contract_headlines(results));
    out
}

/// The option's own name, in lower case when it is a generic description ("the in-house service").
pub fn display_name(o: &OptionResult) -> String {
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

/// The one sentence that goes with a chart: on its presentation slide and under it in the report.
/// `tornado_option` is the option the sensitivity chart shows.
pub fn chart_headline(
    kind: ChartKind,
    results: &RunResults,
    threshold: f64,
    tornado_option: usize,
) -> String {
    let Some(base) = results.baseline() else {
        return String::new();
    };
    let base_name = display_name(base);
    let last_year = results.start_year + results.horizon_years as i32 - 1;
    let others: Vec<&OptionResult> = results
        .options
        .iter()
        .filter(|o| o.name != base.name)
        .collect();
    let cheapest = results
        .options
        .iter()
        .min_by(|a, b| a.npc.p50.total_cmp(&b.npc.p50));
    match kind {
        ChartKind::BudgetRisk => super::budget::contract_headlines(results)
            .into_iter()
            .next()
            .unwrap_or_else(|| "No option runs under a contract.".to_string()),
        ChartKind::NpcDistribution | ChartKind::SCurve => {
            let ranges: Vec<String> = results
                .options
                .iter()
                .map(|o| {
                    format!(
                        "{} {} ({}–{})",
                        display_name(o),
                        gbp_m(o.npc.p50),
                        gbp_m(o.npc.p10),
                        gbp_m(o.npc.p90)
                    )
                })
                .collect();
            format!(
                "Median net present cost over {} years, with the 10–90% range: {}.",
                results.horizon_years,
                join(&ranges)
            )
        }
        ChartKind::Difference => {
            if others.is_empty() {
                return "There is only one option: add another to compare it with the baseline."
                    .to_string();
            }
            let parts: Vec<String> = others
                .iter()
                .map(|o| {
                    format!(
                        "{} is cheaper than {base_name} in {} of futures (median difference {})",
                        display_name(o),
                        percent(o.p_cheaper),
                        super::gbp_m_signed(o.npc_vs_baseline.p50)
                    )
                })
                .collect();
            capitalise(&format!("{}.", join(&parts)))
        }
        ChartKind::AnnualCost => {
            let parts: Vec<String> = results
                .options
                .iter()
                .filter_map(|o| {
                    let y = o.years.last()?;
                    Some(format!("{} {}", display_name(o), gbp_m(y.cost_p50)))
                })
                .collect();
            format!(
                "In {} the median annual cost is {} (nominal).",
                financial_year(last_year),
                join(&parts)
            )
        }
        ChartKind::Quality => {
            let parts: Vec<String> = results
                .options
                .iter()
                .map(|o| format!("{} {}", display_name(o), percent(o.p_quality_at_risk)))
                .collect();
            format!(
                "Chance that quality falls below {threshold:.0} in at least one year: {}.",
                join(&parts)
            )
        }
        ChartKind::Workforce => {
            let parts: Vec<String> = results
                .options
                .iter()
                .filter_map(|o| {
                    let y = o.years.last()?;
                    Some(format!(
                        "{} {:.0} permanent and {:.0} agency",
                        display_name(o),
                        y.permanent_fte,
                        y.agency_fte
                    ))
                })
                .collect();
            format!(
                "Social workers in {} (mean FTE): {}.",
                financial_year(last_year),
                join(&parts)
            )
        }
        ChartKind::CostBreakdown => {
            let totals = super::chart_data::cost_group_totals(results);
            let names = super::chart_data::cost_group_names(results);
            let biggest = (0..names.len())
                .max_by(|a, b| {
                    let sum = |g: &usize| totals[*g].iter().sum::<f64>();
                    sum(a).total_cmp(&sum(b))
                })
                .map(|g| names[g].to_lowercase());
            match (biggest, cheapest) {
                (Some(group), Some(c)) => format!(
                    "The largest kind of cost for every option together is {group}; {} has the \
                     lowest median net present cost.",
                    display_name(c)
                ),
                _ => String::new(),
            }
        }
        ChartKind::Tornado => {
            let Some(option) = results.options.get(tornado_option) else {
                return String::new();
            };
            let is_baseline = option.name == base.name;
            let against = if is_baseline {
                "net present cost".to_string()
            } else {
                format!("cost against {base_name}")
            };
            if let Some(top) = super::chart_data::swing_bars(results, &option.name).first() {
                return format!(
                    "What moves {}'s {against} most is {}: from its P10 to its P90 it moves the \
                     mean difference by {} (from {} to {}).",
                    display_name(option),
                    top.title.to_lowercase(),
                    gbp_m_signed(top.swing_m() * 1e6),
                    gbp_m_signed(top.at_p10_m * 1e6),
                    gbp_m_signed(top.at_p90_m * 1e6),
                );
            }
            match super::chart_data::tornado_entries(option, is_baseline).first() {
                Some((input, rho)) => format!(
                    "What moves {}'s {against} most is {} (rank correlation {}).",
                    display_name(option),
                    input.to_lowercase(),
                    signed_2dp(*rho)
                ),
                None => "Every input is fixed: nothing to rank.".to_string(),
            }
        }
        ChartKind::CostQuality => {
            let parts: Vec<String> = others
                .iter()
                .map(|o| {
                    format!(
                        "{} in {} of futures",
                        display_name(o),
                        percent(o.p_cheaper_and_better)
                    )
                })
                .collect();
            if parts.is_empty() {
                "Each dot is one simulated future: cost across, quality up.".to_string()
            } else {
                format!(
                    "Cheaper than {base_name} and of higher mean quality: {}.",
                    join(&parts)
                )
            }
        }
    }
}

/// `+0.62`, `−0.31`.
fn signed_2dp(x: f64) -> String {
    if x < 0.0 {
        format!("−{:.2}", -x)
    } else {
        format!("+{x:.2}")
    }
}

/// "a, b and c".
fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
