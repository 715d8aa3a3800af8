//! Switching values (HM Treasury Green Book): the value an uncertain input would have to take for
//! an option's verdict against the baseline to change. For an option and an input, two values
//! of the input's central value (its mean): where the option's mean net present cost difference
//! from the baseline reaches zero, and where the chance that it costs less reaches 50%.
//!
//! Each is found by running the scenario again on the same seed, so every iteration is the same
//! future as in the run it explains (common random numbers), with only the input's distribution
//! moved along its axis (its shape kept, [`Dist::shifted`]), and by a root-finder on the shift
//! (the Illinois variant of regula falsi, which keeps a bracket like bisection and converges
//! faster than it on the near-straight lines these differences follow). The search stays within
//! the input's plausible range ([`plausible_range`]); a value outside it is reported as none.
//!
//! Depends on the rest of the model only: no words, no files, no printing.

use serde::Serialize;

use super::dist::{Dist, Range};
use super::engine::{RunControl, RunError, RunSettings, run_npc};
use super::inputs::{dist_at, dist_at_mut};
use super::maths::Maths;
use super::quantiles::Quantiles;
use super::results::{OptionResult, RunResults};
use super::scenario::{OptionKind, ScenarioFile};
use super::validate::{Scenario, validate};

/// How many of each option's most influential inputs get a switching value by default.
pub const SWITCHING_TOP: usize = 10;

/// The largest number of runs spent on one root: the bracket is then reported as found to
/// within its width, which is far below any figure shown.
const MAX_STEPS: usize = 24;

/// The search stops when the root is known to within this share of the plausible range.
const X_TOLERANCE_SHARE: f64 = 1e-3;

/// …or when the mean difference (or the median one, for the 50% chance) is within this of zero,
/// £: well below the £0.1m the figures are shown to.
const F_TOLERANCE_POUNDS: f64 = 5_000.0;

/// One option's switching values for one input. Values are the input's central value (the mean
/// of its distribution, before clamping) in the file's own units (a fraction for a rate, £ for
/// money).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SwitchingValue {
    /// The option, by name.
    pub option: String,
    /// The input's field path, as the sensitivity lists it.
    pub input: String,
    /// Spearman's rank correlation of the input with the option's difference from the
    /// baseline in the run explained: why the input was chosen.
    pub rank_correlation: f64,
    /// The input's central value as the file states it (its mean).
    pub central: f64,
    /// The input's own P10 and P90 (after clamping to its field's range).
    pub p10: f64,
    pub p90: f64,
    /// The plausible range searched, of the central value ([`plausible_range`]).
    pub search_low: f64,
    pub search_high: f64,
    /// The option's mean difference from the baseline in the run explained, £ NPC.
    pub mean_difference: f64,
    /// The central value at which the mean difference from the baseline is zero; `None` when
    /// there is none within the plausible range.
    pub zero_mean_difference: Option<f64>,
    /// Whether that value lies inside the input's own P10–P90.
    pub zero_mean_within_p10_p90: Option<bool>,
    /// The central value at which the option costs less than the baseline in 50% of futures;
    /// `None` when there is none within the plausible range.
    pub even_chance: Option<f64>,
    /// Whether that value lies inside the input's own P10–P90.
    pub even_chance_within_p10_p90: Option<bool>,
    /// How many runs the search took.
    pub runs: usize,
}

/// The range over which an input's central value is searched: from its distribution's stated
/// low to its stated high (uniform, triangular, PERT), or its P1 to P99 (normal, log-normal),
/// within its field's allowed range. `None` for a fixed input, which states no range.
pub fn plausible_range(dist: &Dist, range: Range, maths: Maths) -> Option<(f64, f64)> {
    let (lo, hi) = match *dist {
        Dist::Fixed(_) => return None,
        Dist::Uniform { min, max }
        | Dist::Triangular { min, max, .. }
        | Dist::Pert { min, max, .. } => (min, max),
        Dist::Normal { .. } | Dist::LogNormal { .. } => {
            let q = Quantiles::new(dist, range, maths).ok()?;
            (q.quantile(0.01), q.quantile(0.99))
        }
    };
    let (lo, hi) = (lo.max(range.min), hi.min(range.max));
    (lo < hi).then_some((lo, hi))
}

/// Switching values for every option other than the baseline and each of its `top` most
/// influential inputs (by rank correlation with its difference from the baseline), on the
/// iterations and seed of `results`, which must be the run of `scenario`.
pub fn switching_values(
    scenario: &Scenario,
    results: &RunResults,
    top: usize,
    control: &RunControl,
) -> Result<Vec<SwitchingValue>, RunError> {
    let base = scenario.baseline_index();
    let mut out = Vec::new();
    for (o, option) in results.options.iter().enumerate() {
        if o == base {
            continue;
        }
        for (path, rho) in most_influential(option, top) {
            if let Some(mut value) = switching_value(scenario, results, o, path, control)? {
                value.rank_correlation = rho;
                out.push(value);
            }
        }
    }
    Ok(out)
}

/// The switching values of option `o` (its index in the scenario) for the input at `path`;
/// `None` when the path names no uncertain input of the file.
pub fn switching_value(
    scenario: &Scenario,
    results: &RunResults,
    o: usize,
    path: &str,
    control: &RunControl,
) -> Result<Option<SwitchingValue>, RunError> {
    let Some((dist, range)) = dist_at(scenario.file(), path) else {
        return Ok(None);
    };
    let Some(search) = plausible_range(dist, range, scenario.maths()) else {
        return Ok(None);
    };
    switching_value_within(scenario, results, o, path, search, control)
}

/// As [`switching_value`], searching the central value over `(low, high)` instead of the input's
/// plausible range: for a fixed input, which states no range of its own.
pub fn switching_value_within(
    scenario: &Scenario,
    results: &RunResults,
    o: usize,
    path: &str,
    (search_low, search_high): (f64, f64),
    control: &RunControl,
) -> Result<Option<SwitchingValue>, RunError> {
    let file = scenario.file();
    let Some((dist, range)) = dist_at(file, path) else {
        return Ok(None);
    };
    let Some(option) = results.options.get(o) else {
        return Ok(None);
    };
    let Ok(q) = Quantiles::new(dist, range, scenario.maths()) else {
        return Ok(None);
    };
    let central = dist.mean();
    let (p10, p90) = (q.quantile(0.1), q.quantile(0.9));
    let mut search = Search {
        runner: Runner::new(file, o, path, results),
        points: vec![Point::of(0.0, &option.samples.npc_vs_baseline)],
        runs: 0,
        control,
    };
    let (lo, hi) = (
        search_low.min(central) - central,
        search_high.max(central) - central,
    );
    let x_tolerance = X_TOLERANCE_SHARE * (hi - lo);
    // Which way the input moves the difference, as the run explained says.
    let rho = option
        .sensitivity
        .iter()
        .find(|s| s.input == path)
        .map(|s| s.npc_vs_baseline)
        .filter(|r| r.is_finite() && *r != 0.0);
    let zero_mean = search.root(lo, hi, x_tolerance, rho, |p| p.mean)?;
    let even = search.root(lo, hi, x_tolerance, rho, |p| p.median)?;
    let within = |x: f64| p10 <= x && x <= p90;
    let zero_mean_difference = zero_mean.map(|d| central + d);
    let even_chance = even.map(|d| central + d);
    Ok(Some(SwitchingValue {
        option: option.name.clone(),
        input: path.to_string(),
        rank_correlation: f64::NAN,
        central,
        p10,
        p90,
        search_low,
        search_high,
        mean_difference: option.npc_vs_baseline.mean,
        zero_mean_difference,
        zero_mean_within_p10_p90: zero_mean_difference.map(within),
        even_chance,
        even_chance_within_p10_p90: even_chance.map(within),
        runs: search.runs,
    }))
}

/// One run of the search: the shift of the input and what it did to the option's difference
/// from the baseline (£ NPC).
#[derive(Debug, Clone, Copy)]
struct Point {
    shift: f64,
    mean: f64,
    /// The middle difference: the option costs less in 50% of futures where it is zero.
    median: f64,
}

impl Point {
    fn of(shift: f64, differences: &[f64]) -> Point {
        let n = differences.len().max(1) as f64;
        let mean = differences.iter().sum::<f64>() / n;
        let mut sorted = differences.to_vec();
        sorted.sort_by(f64::total_cmp);
        Point {
            shift,
            mean,
            median: middle(&sorted),
        }
    }
}

/// The value with as many below it as above it; NaN for none.
/// An option's `top` inputs by the size of their rank correlation with its NPC difference from
/// the baseline, largest first (ties keep the results' order), with that correlation.
pub fn most_influential(option: &OptionResult, top: usize) -> Vec<(&str, f64)> {
    let mut ranked: Vec<(&str, f64)> = option
        .sensitivity
        .iter()
        .filter(|s| s.npc_vs_baseline.is_finite())
        .map(|s| (s.input.as_str(), s.npc_vs_baseline))
        .collect();
    ranked.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    ranked.truncate(top);
    ranked
}

fn middle(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Runs the scenario with one input shifted, on the options that matter for one option's
/// difference from the baseline.
struct Runner {
    /// The scenario reduced to the options the difference needs.
    file: ScenarioFile,
    path: String,
    /// The option and the baseline, as indices of the reduced file.
    option: usize,
    baseline: usize,
    settings: RunSettings,
}

impl Runner {
    fn new(file: &ScenarioFile, o: usize, path: &str, results: &RunResults) -> Runner {
        let mut reduced = file.clone();
        let option_name = file
            .options
            .get(o)
            .map(|x| x.name.clone())
            .unwrap_or_default();
        let baseline_name = file.appraisal.baseline_option.clone();
        // The option, the baseline, and every in-house option (where a contract that ends brings
        // the service back to). Each option's draws are keyed by its own id or name, so the kept
        // options see exactly the futures of the full run.
        reduced.options.retain(|x| {
            x.name == option_name || x.name == baseline_name || x.kind == OptionKind::InHouse
        });
        let position = |name: &str| reduced.options.iter().position(|x| x.name == name);
        Runner {
            option: position(&option_name).unwrap_or(0),
            baseline: position(&baseline_name).unwrap_or(0),
            file: reduced,
            path: path.to_string(),
            settings: RunSettings {
                iterations: results.iterations,
                seed: results.seed,
            },
        }
    }

    /// The option's difference from the baseline in every iteration with the input shifted by
    /// `shift`; `None` when the shifted input breaks a rule of the file (a log-normal's mean
    /// at or below zero).
    fn differences(&self, shift: f64, control: &RunControl) -> Result<Option<Vec<f64>>, RunError> {
        let mut file = self.file.clone();
        let Some(dist) = dist_at_mut(&mut file, &self.path) else {
            return Ok(None);
        };
        *dist = dist.shifted(shift);
        let Ok(scenario) = validate(&file) else {
            return Ok(None);
        };
        let npc = run_npc(&scenario, self.settings, control)?;
        let (Some(option), Some(base)) = (npc.get(self.option), npc.get(self.baseline)) else {
            return Ok(None);
        };
        Ok(Some(option.iter().zip(base).map(|(a, b)| a - b).collect()))
    }
}

/// The runs of one option and input so far, shared by both roots.
struct Search<'a> {
    runner: Runner,
    /// Every point run, the unshifted one first.
    points: Vec<Point>,
    runs: usize,
    control: &'a RunControl,
}

impl Search<'_> {
    /// The point at `shift`, run unless it has been.
    fn at(&mut self, shift: f64) -> Result<Option<Point>, RunError> {
        if let Some(p) = self.points.iter().find(|p| p.shift == shift) {
            return Ok(Some(*p));
        }
        let Some(d) = self.runner.differences(shift, self.control)? else {
            return Ok(None);
        };
        self.runs += 1;
        let p = Point::of(shift, &d);
        self.points.push(p);
        Ok(Some(p))
    }

    /// The shift within `[lo, hi]` at which `f` is zero, or `None` when `f` keeps its sign
    /// over the range. Where `f` changes sign more than once, the root nearest the file's own
    /// value is found: the smallest change that turns the verdict.
    ///
    /// `rho`, the input's rank correlation with the difference, says which end of the range
    /// moves the difference towards zero; that end is run first. When it brings the difference
    /// nearer zero without crossing it, the other end, which takes it further away, is not run:
    /// the difference is taken to move one way with the input, as its rank correlation says it
    /// does. Without `rho`, or when the first end moves the difference away, both ends are run.
    fn root(
        &mut self,
        lo: f64,
        hi: f64,
        x_tolerance: f64,
        rho: Option<f64>,
        f: impl Fn(&Point) -> f64,
    ) -> Result<Option<f64>, RunError> {
        let at_file = self.points.first().map(&f).unwrap_or(f64::NAN);
        let ends = match rho {
            // Raising the input raises the difference when rho > 0: to bring a positive
            // difference down, lower the input.
            Some(r) if (at_file > 0.0) == (r > 0.0) => [lo, hi],
            Some(_) => [hi, lo],
            None => [lo, hi],
        };
        for (k, end) in ends.into_iter().enumerate() {
            if end == 0.0 {
                continue;
            }
            let Some(p) = self.at(end)? else { continue };
            let there = f(&p);
            let crossed = (there < 0.0) != (at_file < 0.0) || there.abs() <= F_TOLERANCE_POUNDS;
            let nearer = there.abs() < at_file.abs();
            if k == 0 && rho.is_some() && (crossed || nearer) {
                break;
            }
        }
        let mut known: Vec<(f64, f64)> = self
            .points
            .iter()
            .map(|p| (p.shift, f(p)))
            .filter(|(s, v)| (lo..=hi).contains(s) && v.is_finite())
            .collect();
        known.sort_by(|a, b| a.0.total_cmp(&b.0));
        if let Some(&(s, _)) = known.iter().find(|(_, v)| v.abs() <= F_TOLERANCE_POUNDS) {
            // Already at zero: the nearest such point to the file's own value.
            let nearest = known
                .iter()
                .filter(|(_, v)| v.abs() <= F_TOLERANCE_POUNDS)
                .map(|(s, _)| *s)
                .min_by(|a, b| a.abs().total_cmp(&b.abs()))
                .unwrap_or(s);
            return Ok(Some(nearest));
        }
        let bracket = known
            .windows(2)
            .filter(|w| (w[0].1 < 0.0) != (w[1].1 < 0.0))
            .map(|w| (w[0], w[1]))
            .min_by(|a, b| {
                let distance = |(l, h): &((f64, f64), (f64, f64))| {
                    if l.0 <= 0.0 && 0.0 <= h.0 {
                        0.0
                    } else {
                        l.0.abs().min(h.0.abs())
                    }
                };
                distance(a).total_cmp(&distance(b))
            });
        let Some(((mut a, mut fa), (mut b, mut fb))) = bracket else {
            return Ok(None);
        };
        // Illinois: regula falsi that halves the value kept at an end chosen twice in a row, so
        // that a curved function cannot hold one end still for ever.
        let mut side = 0i8;
        for _ in 0..MAX_STEPS {
            if (b - a).abs() <= x_tolerance {
                break;
            }
            let mut x = b - fb * (b - a) / (fb - fa);
            if !x.is_finite() || x <= a.min(b) || x >= a.max(b) {
                x = (a + b) / 2.0;
            }
            let Some(p) = self.at(x)? else {
                return Ok(None);
            };
            let fx = f(&p);
            if fx.abs() <= F_TOLERANCE_POUNDS {
                return Ok(Some(x));
            }
            if (fx < 0.0) == (fb < 0.0) {
                b = x;
                fb = fx;
                if side == -1 {
                    fa /= 2.0;
                }
                side = -1;
            } else {
                a = x;
                fa = fx;
                if side == 1 {
                    fb /= 2.0;
                }
                side = 1;
            }
        }
        // Known to within the bracket: its point nearer zero.
        Ok(Some(if fa.abs() < fb.abs() { a } else { b }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plausible_range_is_the_stated_one_within_the_field() {
        let pert = Dist::Pert {
            min: -0.02,
            mode: 0.02,
            max: 0.10,
        };
        assert_eq!(
            plausible_range(&pert, Range::UNIT, Maths::Platform),
            Some((0.0, 0.10)),
            "cut at the field's lower end"
        );
        assert_eq!(
            plausible_range(&Dist::Fixed(0.2), Range::UNIT, Maths::Platform),
            None
        );
        let normal = Dist::Normal { mean: 1.0, sd: 1.0 };
        let (lo, hi) = plausible_range(&normal, Range::new(-10.0, 10.0), Maths::Platform).unwrap();
        // P1 and P99 of a normal: μ ∓ 2.3263σ.
        assert!((lo - (1.0 - 2.326_347_874)).abs() < 1e-6, "{lo}");
        assert!((hi - (1.0 + 2.326_347_874)).abs() < 1e-6, "{hi}");
    }

    /// The runs of a search use only the option, the baseline and the in-house options: they
    /// must see the very futures of the full run, or the switching values would explain
    /// another run.
    #[test]
    fn a_reduced_run_sees_the_futures_of_the_full_run() {
        let file = crate::io::parse_scenario(crate::DEFAULT_SCENARIO).unwrap();
        let scenario = validate(&file).unwrap();
        let settings = RunSettings {
            iterations: 150,
            seed: 11,
        };
        let results = super::super::run(&scenario, settings, &RunControl::new()).unwrap();
        for o in 1..file.options.len() {
            let runner = Runner::new(&file, o, "workforce.agency_premium", &results);
            assert!(runner.file.options.len() < file.options.len());
            let d = runner
                .differences(0.0, &RunControl::new())
                .unwrap()
                .unwrap();
            assert_eq!(d, results.options[o].samples.npc_vs_baseline, "option {o}");
        }
    }

    #[test]
    fn the_middle_of_an_even_count_is_the_mean_of_the_two_middle_values() {
        assert_eq!(middle(&[1.0, 2.0, 3.0, 10.0]), 2.5);
        assert_eq!(middle(&[1.0, 2.0, 30.0]), 2.0);
        assert!(middle(&[]).is_nan());
    }
}
