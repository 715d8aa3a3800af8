//! The tornado in pounds: for an option and an uncertain input, the option's mean difference in
//! net present cost from the baseline with the input held at its P10, and at its P90, every
//! other input drawn as usual. Both runs use the seed of the run they explain, so each is the
//! same set of futures with only that input held (common random numbers), and the swing is the
//! input's own effect, not sampling noise.
//!
//! Depends on the rest of the model only.

use serde::Serialize;

use super::dist::Dist;
use super::engine::{RunControl, RunError, RunSettings, run_npc};
use super::inputs::{dist_at, dist_at_mut};
use super::quantiles::Quantiles;
use super::results::RunResults;
use super::validate::{Scenario, validate};

/// One option's swing on one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    /// The option, by name.
    pub option: String,
    /// The input's field path.
    pub input: String,
    /// The input's own P10 and P90 (after clamping), in the file's units.
    pub p10: f64,
    pub p90: f64,
    /// The option's mean difference from the baseline with the input held at its P10, £ NPC.
    pub at_p10: f64,
    /// …and at its P90.
    pub at_p90: f64,
}

impl Swing {
    /// How much the mean difference moves as the input goes from its P10 to its P90, £: positive
    /// when a higher input makes the option dearer against the baseline.
    pub fn swing(&self) -> f64 {
        self.at_p90 - self.at_p10
    }
}

/// The swings of every option other than the baseline on each of its `top` most influential
/// inputs (by rank correlation with its difference from the baseline), on the iterations and
/// seed of `results`, the run of `scenario`. An input among the top of several options is run
/// once for all of them.
pub fn swings(
    scenario: &Scenario,
    results: &RunResults,
    top: usize,
    control: &RunControl,
) -> Result<Vec<Swing>, RunError> {
    let base = scenario.baseline_index();
    // Each input once, with the options whose top inputs it is among.
    let mut wanted: Vec<(String, Vec<usize>)> = Vec::new();
    for (o, option) in results.options.iter().enumerate() {
        if o == base {
            continue;
        }
        for (path, _) in super::switching::most_influential(option, top) {
            match wanted.iter_mut().find(|(p, _)| p == path) {
                Some((_, options)) => options.push(o),
                None => wanted.push((path.to_string(), vec![o])),
            }
        }
    }
    let settings = RunSettings {
        iterations: results.iterations,
        seed: results.seed,
    };
    let mut out = Vec::new();
    for (path, options) in wanted {
        let Some((at_p10, at_p90, p10, p90)) =
            held_at_ends(scenario, &path, &options, settings, control)?
        else {
            continue;
        };
        for (k, &o) in options.iter().enumerate() {
            out.push(Swing {
                option: results.options[o].name.clone(),
                input: path.clone(),
                p10,
                p90,
                at_p10: at_p10[k],
                at_p90: at_p90[k],
            });
        }
    }
    Ok(out)
}

/// The mean difference of each of `options` from the baseline with the input at `path` held
/// at its P10 and at its P90, and those two values; `None` for an input that is fixed or that
/// the file does not hold.
#[allow(clippy::type_complexity)]
fn held_at_ends(
    scenario: &Scenario,
    path: &str,
    options: &[usize],
    settings: RunSettings,
    control: &RunControl,
) -> Result<Option<(Vec<f64>, Vec<f64>, f64, f64)>, RunError> {
    let file = scenario.file();
    let Some((dist, range)) = dist_at(file, path) else {
        return Ok(None);
    };
    let Ok(q) = Quantiles::new(dist, range, scenario.maths()) else {
        return Ok(None);
    };
    let (p10, p90) = (q.quantile(0.1), q.quantile(0.9));
    if dist.is_fixed() || p10 == p90 {
        return Ok(None);
    }
    let base = scenario.baseline_index();
    let mut ends = Vec::with_capacity(2);
    for value in [p10, p90] {
        let mut held = file.clone();
        let Some(slot) = dist_at_mut(&mut held, path) else {
            return Ok(None);
        };
        *slot = Dist::Fixed(value);
        // A value held fixed has no ranks to correlate.
        held.simulation
            .correlations
            .retain(|c| c.a != path && c.b != path);
        let Ok(checked) = validate(&held) else {
            return Ok(None);
        };
        let npc = run_npc(&checked, settings, control)?;
        let means: Vec<f64> = options
            .iter()
            .map(|&o| {
                let n = npc[o].len().max(1) as f64;
                npc[o]
                    .iter()
                    .zip(&npc[base])
                    .map(|(a, b)| a - b)
                    .sum::<f64>()
                    / n
            })
            .collect();
        ends.push(means);
    }
    let at_p90 = ends.pop().unwrap_or_default();
    let at_p10 = ends.pop().unwrap_or_default();
    Ok(Some((at_p10, at_p90, p10, p90)))
}
