//! What one run reports (MODEL.md §10): NPC statistics, paired differences from the baseline,
//! probabilities, per-year percentiles and means, and the Spearman sensitivity of every sampled
//! input. Serialises to the JSON of MODEL.md §10 exactly; the per-iteration samples the charts
//! need travel alongside, outside the JSON.

use rayon::prelude::*;
use serde::{Serialize, Serializer};

pub use super::budget_results::{
    ContractSummary, ContractYearResult, Named, OptionScope, Scope, ScopeLine, YearBudget,
};
use super::budget_results::{contract_year, year_budget};
use super::control::{RunControl, RunSettings};
use super::cost::{CostLine, LINE_COUNT};
use super::inputs::{BlockInput, OptionInput, RETAINED_OVERHEAD_PATH, WorldInput};
use super::layout::{
    InputSource, Layout, MEAN_AGENCY, MEAN_PERMANENT, MEAN_UNCOVERED, Records, slot,
};
use super::scenario::OptionKind;
use super::scenario::{PLACEMENTS, SOCIAL_WORK};
use super::validate::Scenario;

/// Mean, standard deviation and percentiles of one quantity over the iterations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub mean: f64,
    /// Sample standard deviation (n − 1 denominator); 0 for a single iteration.
    pub sd: f64,
    pub p5: f64,
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    pub p95: f64,
}

/// The mean of each cost line, serialised as a map keyed by the line keys of MODEL.md §6.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lines(pub [f64; LINE_COUNT]);

impl Lines {
    pub fn get(&self, line: CostLine) -> f64 {
        self.0[line.index()]
    }
}

impl Serialize for Lines {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(CostLine::ALL.iter().map(|l| (l.key(), self.0[l.index()])))
    }
}

/// One financial year of one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearResult {
    /// Calendar year in which the financial year starts (2026 for 2026/27).
    pub year: i32,
    /// Nominal cost of the year, £.
    pub cost_mean: f64,
    pub cost_p10: f64,
    pub cost_p50: f64,
    pub cost_p90: f64,
    /// Mean quality index of the year's twelve months, 0–100.
    pub quality_mean: f64,
    pub quality_p10: f64,
    pub quality_p50: f64,
    pub quality_p90: f64,
    /// Mean FTE over the year's months and the iterations.
    pub permanent_fte: f64,
    pub agency_fte: f64,
    pub uncovered_fte: f64,
    /// Mean nominal £ of each cost line.
    pub lines: Lines,
    /// What the whole-budget model adds (absent for format version 1–2 scenarios).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub whole_budget: Option<YearBudget>,
    /// An outsourced option's contract this year (whole-budget model).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractYearResult>,
}

/// Spearman rank correlation of one sampled input with an option's NPC and its difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    pub input: String,
    pub npc: f64,
    pub npc_vs_baseline: f64,
}

/// An input whose values stand apart in an option's costliest tenth of futures (against the
/// baseline, or for the baseline its own NPC): its mean there against its mean over all futures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TailDriver {
    pub input: String,
    /// Mean of the input over the costliest tenth of futures.
    pub worst_mean: f64,
    /// Mean of the input over all futures.
    pub mean: f64,
    /// `(worst_mean − mean) / sd`, the sd over all futures: how far apart, in the input's spread.
    pub standardised: f64,
}

/// Tail drivers kept per option, the largest standardised differences first.
pub const TAIL_DRIVERS: usize = 5;

/// The futures in the costliest tenth of `values` (at least one): the indices of its largest
/// values, ties broken by index so that the set does not depend on the sort.
pub fn worst_tenth(values: &[f64]) -> Vec<usize> {
    let count = values.len().div_ceil(10);
    let mut order: Vec<usize> = (0..values.len()).collect();
    if count < values.len() {
        order.select_nth_unstable_by(count, |&a, &b| {
            values[b].total_cmp(&values[a]).then(a.cmp(&b))
        });
    }
    order.truncate(count);
    order
}

/// An input's mean and sample sd over all futures, and its mean over each option's costliest
/// tenth.
type TailMeans = (f64, f64, Vec<f64>);

/// Mean and sample sd of `column` over all futures, and its mean over each of `sets`.
fn tail_means(column: &[f64], sets: &[Vec<usize>]) -> TailMeans {
    let m = mean(column);
    let n = column.len();
    let sd = if n > 1 {
        (column.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    let worst = sets
        .iter()
        .map(|set| {
            if set.is_empty() {
                m
            } else {
                set.iter().map(|&i| column[i]).sum::<f64>() / set.len() as f64
            }
        })
        .collect();
    (m, sd, worst)
}

/// Clamped draws per input path, serialised as a JSON object in input order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Clamped(pub Vec<(String, u64)>);

impl Serialize for Clamped {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

fn kind_key<S: Serializer>(kind: &OptionKind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(kind.key())
}

/// Per-iteration figures kept for charts (not part of the JSON).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Samples {
    /// NPC of each iteration, £.
    pub npc: Vec<f64>,
    /// NPC minus the baseline's NPC in the same iteration, £.
    pub npc_vs_baseline: Vec<f64>,
    /// Mean quality over the horizon in each iteration.
    pub mean_quality: Vec<f64>,
}

/// Everything a run reports about one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionResult {
    pub name: String,
    #[serde(serialize_with = "kind_key")]
    pub kind: OptionKind,
    /// Net present cost, £ at start-year prices.
    pub npc: Summary,
    pub npc_vs_baseline: Summary,
    pub p_cheaper: f64,
    pub p_quality_at_risk: f64,
    pub p_cheaper_and_better: f64,
    pub years: Vec<YearResult>,
    /// Sorted by the size of the correlation with the difference from baseline, then with NPC.
    pub sensitivity: Vec<Sensitivity>,
    pub clamped: Clamped,
    /// Whole-budget model: the option's stable id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Whole-budget model: which blocks its provider runs and which the council keeps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<OptionScope>,
    /// Whole-budget model, outsourced options: the contract over the horizon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractSummary>,
    /// What stands apart in the option's costliest tenth of futures ([`TailDriver`]); not in the
    /// JSON, so that a format 1–2 run writes what it always wrote.
    #[serde(skip)]
    pub tail_drivers: Vec<TailDriver>,
    #[serde(skip)]
    pub samples: Samples,
}

/// The results of one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunResults {
    pub scenario: String,
    pub iterations: u64,
    pub seed: u64,
    pub start_year: i32,
    pub horizon_years: usize,
    pub baseline_option: String,
    /// Whole-budget model: what the figures cover and what they leave out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    pub options: Vec<OptionResult>,
    /// Switching values ([`super::switching`]), when worked out: for every run of a format
    /// version 3 scenario by the command line and the report, or when asked for. Absent from the
    /// JSON otherwise, so that a format 1–2 run writes what it always wrote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub switching_values: Option<Vec<super::switching::SwitchingValue>>,
    /// Each option's swing in £ NPC as each of its key inputs moves from its P10 to its P90
    /// ([`super::swing`]): worked out, and written, with the switching values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub swings: Option<Vec<super::swing::Swing>>,
    /// How the inputs were drawn; absent from the JSON for Monte Carlo, so that a format 1–2
    /// run writes what it always wrote.
    #[serde(skip_serializing_if = "super::latin::Sampling::is_monte_carlo")]
    pub sampling: super::latin::Sampling,
    /// The elementary functions the run used; absent from the JSON for the platform's, so that
    /// a file that names none writes what it always wrote.
    #[serde(skip_serializing_if = "super::maths::Maths::is_platform")]
    pub maths: super::maths::Maths,
    /// Each stated rank correlation and the one the run's draws have.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub correlations: Vec<AchievedCorrelation>,
}

/// A rank correlation the scenario asks for between two inputs, and the one its draws have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AchievedCorrelation {
    pub a: String,
    pub b: String,
    pub target: f64,
    /// Spearman's rank correlation of the two inputs' values over the run's iterations.
    pub achieved: f64,
}

impl OptionResult {
    /// Mean quality index over the horizon (the mean of the yearly means), 0–100.
    pub fn mean_quality(&self) -> f64 {
        self.years.iter().map(|y| y.quality_mean).sum::<f64>() / self.years.len().max(1) as f64
    }
}

impl RunResults {
    /// The baseline option's results.
    pub fn baseline(&self) -> Option<&OptionResult> {
        self.options.iter().find(|o| o.name == self.baseline_option)
    }
}

/// Linear interpolation between order statistics, `x[(n−1)·p]` (numpy's default). statrs'
/// quantiles use another estimator, so this one is written out to follow MODEL.md §10.
pub fn percentile_of_sorted(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let (a, b) = (sorted[lo], sorted[hi]);
    a + (h - lo as f64) * (b - a)
}

/// Mean in iteration order (so the same on any thread count).
fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.iter().sum::<f64>() / values.len() as f64
}

/// The values at sorted positions `at` (increasing, each below `values.len()`) as a full sort
/// would place them, found by selection: the middle position first, then each side's positions
/// within that side only. Reorders `values`. `go` is asked before each selection, the longest
/// step (a few milliseconds at a million values), and `None` comes back once it says stop.
fn order_statistics(values: &mut [f64], at: &[usize], go: &dyn Fn() -> bool) -> Option<Vec<f64>> {
    fn select(
        values: &mut [f64],
        offset: usize,
        at: &[usize],
        out: &mut [f64],
        go: &dyn Fn() -> bool,
    ) -> Option<()> {
        if at.is_empty() {
            return Some(());
        }
        if !go() {
            return None;
        }
        let m = at.len() / 2;
        let k = at[m] - offset;
        let (left, &mut value, right) = values.select_nth_unstable_by(k, f64::total_cmp);
        out[m] = value;
        let (out_left, out_right) = out.split_at_mut(m);
        select(left, offset, &at[..m], out_left, go)?;
        select(right, at[m] + 1, &at[m + 1..], &mut out_right[1..], go)
    }
    let mut out = vec![f64::NAN; at.len()];
    select(values, 0, at, &mut out, go)?;
    Some(out)
}

/// Percentiles `ps` (increasing) of `values`, interpolated as [`percentile_of_sorted`] does and
/// equal to it bit for bit, by selection rather than a full sort. Reorders `values`.
pub(crate) fn percentiles(
    values: &mut [f64],
    ps: &[f64],
    go: &dyn Fn() -> bool,
) -> Option<Vec<f64>> {
    let n = values.len();
    if n == 0 {
        return Some(vec![f64::NAN; ps.len()]);
    }
    let position = |p: f64| (n - 1) as f64 * p;
    // Each percentile needs the order statistic at floor(h) and the one after it.
    let mut at: Vec<usize> = ps
        .iter()
        .flat_map(|&p| {
            let lo = position(p).floor() as usize;
            [lo, (lo + 1).min(n - 1)]
        })
        .collect();
    at.sort_unstable();
    at.dedup();
    let found = order_statistics(values, &at, go)?;
    let value = |i: usize| found[at.partition_point(|&j| j < i)];
    Some(
        ps.iter()
            .map(|&p| {
                let h = position(p);
                let lo = h.floor() as usize;
                let (a, b) = (value(lo), value((lo + 1).min(n - 1)));
                a + (h - lo as f64) * (b - a)
            })
            .collect(),
    )
}

/// Full statistics of one quantity; `None` if `go` says stop first. Reorders `values`.
pub fn summary(values: &mut [f64], go: &dyn Fn() -> bool) -> Option<Summary> {
    // Deviations from the first value: exact (sd 0, mean = the value) when every iteration
    // agrees, as MODEL.md §11 requires of a fixed scenario, and numerically stable otherwise.
    let n = values.len();
    let origin = values.first().copied().unwrap_or(f64::NAN);
    let shift = values.iter().map(|x| x - origin).sum::<f64>() / n.max(1) as f64;
    let m = origin + shift;
    let sd = if n > 1 {
        (values
            .iter()
            .map(|x| (x - origin - shift).powi(2))
            .sum::<f64>()
            / (n - 1) as f64)
            .sqrt()
    } else {
        0.0
    };
    let p = percentiles(values, &[0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95], go)?;
    Some(Summary {
        mean: m,
        sd,
        p5: p[0],
        p10: p[1],
        p25: p[2],
        p50: p[3],
        p75: p[4],
        p90: p[5],
        p95: p[6],
    })
}

/// Ranks from 1 to n, ties sharing their average rank.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    ranks_unless_stopped(values, &|| true).unwrap_or_default()
}

/// [`ranks`], asking `go` between its steps (each a few milliseconds at a million values) and
/// giving `None` once it says stop.
///
/// The radix sort runs on `f32` keys (four passes over eight-byte pairs rather than eight over
/// sixteen); values that share an `f32` key, which are rare, are then put in their exact `f64`
/// order, so the ranks are exact.
fn ranks_unless_stopped(values: &[f64], go: &dyn Fn() -> bool) -> Option<Vec<f64>> {
    let mut order: Vec<(f32, u32)> = values.iter().map(|&x| x as f32).zip(0u32..).collect();
    if !go() {
        return None;
    }
    radsort::sort_by_key(&mut order, |pair| pair.0);
    if !go() {
        return None;
    }
    let n = order.len();
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && order[j].0 == order[i].0 {
            j += 1;
        }
        if j - i > 1 {
            order[i..j]
                .sort_unstable_by(|a, b| values[a.1 as usize].total_cmp(&values[b.1 as usize]));
        }
        i = j;
    }
    if !go() {
        return None;
    }
    let mut out = vec![0.0; n];
    let mut i = 0;
    let mut next_question = 0;
    while i < n {
        // Writing the ranks scatters over the whole output, a cache miss apiece at a million
        // values: asked about every 64k of them.
        if i >= next_question {
            if !go() {
                return None;
            }
            next_question = i + (1 << 16);
        }
        let mut j = i + 1;
        // Values with different f32 keys differ, so the f64 values are looked up only when the
        // keys are equal.
        if j < n && order[j].0 == order[i].0 {
            let value = values[order[i].1 as usize];
            while j < n && order[j].0 == order[i].0 && values[order[j].1 as usize] == value {
                j += 1;
            }
        }
        // Ranks i+1 … j share their mean.
        let rank = (i + j + 1) as f64 / 2.0;
        for &(_, index) in &order[i..j] {
            out[index as usize] = rank;
        }
        i = j;
    }
    Some(out)
}

/// Pearson correlation of two rank vectors (Spearman's ρ with ties); 0 when either is constant.
pub fn rank_correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len();
    if n < 2 {
        return 0.0;
    }
    let centre = (n as f64 + 1.0) / 2.0;
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - centre, y - centre);
        ab += dx * dy;
        aa += dx * dx;
        bb += dy * dy;
    }
    if aa <= 0.0 || bb <= 0.0 {
        0.0
    } else {
        (ab / (aa * bb).sqrt()).clamp(-1.0, 1.0)
    }
}

/// An outsourced option's contract summary, with each year's quantiles of its contract figures.
type ContractFigures = (ContractSummary, Vec<[f64; 6]>);

/// Spearman's rank correlation of two samples.
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    rank_correlation(&ranks(a), &ranks(b))
}

/// Frees a cancelled run's columns on the thread pool: handing hundreds of megabytes back to the
/// system takes longer than stopping, and whoever pressed Cancel should not wait for it.
pub(crate) fn release<T: Send + 'static>(columns: T) {
    rayon::spawn(move || drop(columns));
}

/// Turns the per-iteration records of a run into its reported statistics; `None` when the run is
/// cancelled meanwhile. Cancellation is checked between columns (each a few milliseconds at a
/// million iterations), so a cancel during the statistics is as quick as one during the draws.
pub(crate) fn summarise(
    scenario: &Scenario,
    layout: &Layout,
    settings: RunSettings,
    records: &Records,
    means: &[f64],
    clamps: &[u64],
    control: &RunControl,
) -> Option<RunResults> {
    let cancelled = || control.is_cancelled();
    let file = scenario.file();
    let horizon = layout.horizon_years;
    let n = settings.iterations as usize;
    let nf = n as f64;
    let base = scenario.baseline_index();
    let block = |o: usize, s: usize| records.column(layout.option_offset(o) + s);

    if cancelled() {
        return None;
    }
    // Each option's NPC and mean quality, then the differences of NPC from the baseline's.
    let mut columns: Vec<Vec<f64>> = (0..2 * layout.option_count)
        .into_par_iter()
        .map(
            |t| match (cancelled(), t.checked_sub(layout.option_count)) {
                (true, _) => Vec::new(),
                (false, None) => block(t, slot::npc(horizon)),
                (false, Some(o)) => block(o, slot::mean_quality(horizon)),
            },
        )
        .collect();
    let mean_quality = columns.split_off(layout.option_count);
    let npc = columns;
    let diffs: Vec<Vec<f64>> = npc
        .par_iter()
        .map(|col| {
            if cancelled() {
                return Vec::new();
            }
            col.iter().zip(&npc[base]).map(|(a, b)| a - b).collect()
        })
        .collect();

    // Each option's costliest tenth of futures: against the baseline, or the baseline's own.
    let worst: Vec<Vec<usize>> = (0..layout.option_count)
        .into_par_iter()
        .map(|o| {
            if cancelled() {
                return Vec::new();
            }
            worst_tenth(if o == base { &npc[o] } else { &diffs[o] })
        })
        .collect();
    // Ranks of every sampled input and of each option's NPC and difference, computed once; and
    // each input's means overall and over each option's costliest tenth, from the same copy.
    let (input_ranks, input_tails): (Vec<Vec<f64>>, Vec<TailMeans>) = layout
        .sampled
        .par_iter()
        .enumerate()
        .map(|(k, _)| {
            if cancelled() {
                return (Vec::new(), (0.0, 0.0, Vec::new()));
            }
            let column = records.column(layout.sampled_offset() + k);
            let tails = tail_means(&column, &worst);
            let ranks = ranks_unless_stopped(&column, &|| !cancelled()).unwrap_or_default();
            (ranks, tails)
        })
        .unzip();
    drop(worst);
    if cancelled() {
        release((npc, mean_quality, diffs, input_ranks));
        return None;
    }
    // Each option's NPC ranks, then each option's difference ranks.
    let target_ranks: Vec<Vec<f64>> = npc
        .par_iter()
        .chain(diffs.par_iter())
        .map(|column| ranks_unless_stopped(column, &|| !cancelled()).unwrap_or_default())
        .collect();
    if cancelled() {
        release((npc, mean_quality, diffs, input_ranks, target_ranks));
        return None;
    }
    let options_n = layout.option_count;
    let (npc_ranks, diff_ranks) = target_ranks.split_at(options_n);

    // From here on the work is a flat list of small tasks (one column's percentiles, one
    // option's probabilities), each asking `cancelled` before every step of more than a few
    // milliseconds: nested or long tasks would let a cancel wait for several of them in turn.
    let go = || !cancelled();

    // Each year's cost and quality: mean and P10/P50/P90, by (option, year, cost or quality).
    let year_stats: Option<Vec<(f64, Vec<f64>)>> = (0..options_n * horizon * 2)
        .into_par_iter()
        .map(|t| {
            let (o, y, is_quality) = (t / (2 * horizon), t / 2 % horizon, t % 2 == 1);
            if cancelled() {
                return None;
            }
            let offset = layout.option_offset(o);
            let slot = if is_quality {
                slot::quality(horizon, y)
            } else {
                slot::cost(y)
            };
            let mut column = records.column(offset + slot);
            let m = mean(&column);
            Some((m, percentiles(&mut column, &[0.10, 0.50, 0.90], &go)?))
        })
        .collect();
    let Some(year_stats) = year_stats else {
        release((npc, mean_quality, diffs, input_ranks, target_ranks));
        return None;
    };

    // NPC and difference summaries, by (option, NPC or difference).
    let summaries: Option<Vec<Summary>> = (0..options_n * 2)
        .into_par_iter()
        .map(|t| {
            if cancelled() {
                return None;
            }
            let column = if t < options_n {
                &npc[t]
            } else {
                &diffs[t - options_n]
            };
            summary(&mut column.clone(), &go)
        })
        .collect();
    let Some(summaries) = summaries else {
        release((npc, mean_quality, diffs, input_ranks, target_ranks));
        return None;
    };

    // Probabilities, sensitivity and clamp counts, by option.
    let relevant = |o: usize, source: InputSource| match source {
        InputSource::World(_)
        | InputSource::ShockTotal
        | InputSource::WeeklyCost(_)
        | InputSource::Block(..)
        | InputSource::RetainedOverhead => true,
        InputSource::Option(owner, _) | InputSource::Contract(owner, _) => {
            owner == o || owner == base
        }
    };
    struct Counts {
        cheaper: usize,
        cheaper_and_better: usize,
        risky: usize,
        sensitivity: Vec<Sensitivity>,
        tail_drivers: Vec<TailDriver>,
    }
    let counts: Option<Vec<Counts>> = (0..options_n)
        .into_par_iter()
        .map(|o| {
            if cancelled() {
                return None;
            }
            let at_risk = block(o, slot::at_risk(horizon));
            let mut cheaper = 0usize;
            let mut cheaper_and_better = 0usize;
            for i in 0..n {
                if diffs[o][i] < 0.0 {
                    cheaper += 1;
                    if mean_quality[o][i] > mean_quality[base][i] {
                        cheaper_and_better += 1;
                    }
                }
            }
            let risky = at_risk.iter().filter(|&&x| x > 0.5).count();
            let mut sensitivity: Vec<Sensitivity> = layout
                .sampled
                .iter()
                .zip(&input_ranks)
                .filter(|(input, _)| relevant(o, input.source))
                .map(|(input, r)| {
                    go().then(|| Sensitivity {
                        input: input.path.clone(),
                        npc: rank_correlation(r, &npc_ranks[o]),
                        npc_vs_baseline: rank_correlation(r, &diff_ranks[o]),
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            sensitivity.sort_by(|a, b| {
                b.npc_vs_baseline
                    .abs()
                    .total_cmp(&a.npc_vs_baseline.abs())
                    .then(b.npc.abs().total_cmp(&a.npc.abs()))
            });
            let mut tail_drivers: Vec<TailDriver> = layout
                .sampled
                .iter()
                .zip(&input_tails)
                .filter(|(input, (_, sd, _))| relevant(o, input.source) && *sd > 0.0)
                .filter_map(|(input, (m, sd, worst))| {
                    let worst_mean = *worst.get(o)?;
                    Some(TailDriver {
                        input: input.path.clone(),
                        worst_mean,
                        mean: *m,
                        standardised: (worst_mean - m) / sd,
                    })
                })
                .collect();
            tail_drivers.sort_by(|a, b| {
                b.standardised
                    .abs()
                    .total_cmp(&a.standardised.abs())
                    .then_with(|| a.input.cmp(&b.input))
            });
            tail_drivers.truncate(TAIL_DRIVERS);
            Some(Counts {
                cheaper,
                cheaper_and_better,
                risky,
                sensitivity,
                tail_drivers,
            })
        })
        .collect();
    let Some(counts) = counts else {
        release((npc, mean_quality, diffs, input_ranks, target_ranks));
        return None;
    };
    if cancelled() {
        release((npc, mean_quality, diffs, input_ranks, target_ranks));
        return None;
    }
    release((input_ranks, target_ranks));

    // Contracts of outsourced options: their summaries and each year's quantiles.
    let contracts: Option<Vec<Option<ContractFigures>>> = (0..options_n)
        .into_par_iter()
        .map(|o| {
            if !layout.has_contract[o] {
                return Some(None);
            }
            ContractSummary::of(layout, records, o, &go).map(Some)
        })
        .collect();
    let Some(mut contracts) = contracts else {
        release((npc, mean_quality, diffs));
        return None;
    };

    // Assembly: the per-iteration columns move into the results rather than being copied.
    let options = scenario
        .options
        .iter()
        .zip(counts)
        .zip(npc.into_iter().zip(diffs).zip(mean_quality))
        .enumerate()
        .map(
            |(o, ((option, counts), ((npc_column, diff_column), quality_column)))| {
                let contract = contracts[o].take();
                let years = (0..horizon)
                    .map(|y| {
                        let t = (o * horizon + y) * 2;
                        let (cost_mean, ref c) = year_stats[t];
                        let (quality_mean, ref q) = year_stats[t + 1];
                        let [c10, c50, c90] = [c[0], c[1], c[2]];
                        let [q10, q50, q90] = [q[0], q[1], q[2]];
                        let stride = layout.means.stride;
                        let m = &means[(o * horizon + y) * stride..][..stride];
                        let mut lines = [0.0; LINE_COUNT];
                        for (l, total) in lines.iter_mut().zip(m) {
                            *l = total / nf;
                        }
                        let whole_budget = layout
                            .means
                            .whole_budget
                            .then(|| year_budget(scenario, layout, m, nf));
                        let contract_year = contract
                            .as_ref()
                            .map(|(_, q)| contract_year(layout, m, nf, q[y]));
                        YearResult {
                            year: file.start_year + y as i32,
                            cost_mean,
                            cost_p10: c10,
                            cost_p50: c50,
                            cost_p90: c90,
                            quality_mean,
                            quality_p10: q10,
                            quality_p50: q50,
                            quality_p90: q90,
                            permanent_fte: m[MEAN_PERMANENT] / nf,
                            agency_fte: m[MEAN_AGENCY] / nf,
                            uncovered_fte: m[MEAN_UNCOVERED] / nf,
                            lines: Lines(lines),
                            whole_budget,
                            contract: contract_year,
                        }
                    })
                    .collect();

                let mut clamped = Vec::new();
                for &w in WorldInput::ALL {
                    if !scenario.world[w.index()].is_fixed() {
                        clamped.push((w.path().to_string(), clamps[w.index()]));
                    }
                }
                for (k, p) in scenario.placements.iter().enumerate() {
                    if !p.weekly_cost.is_fixed() {
                        clamped.push((p.path.clone(), clamps[layout.weekly_clamp_index(k)]));
                    }
                }
                for &j in OptionInput::ALL {
                    if !option.inputs[j.index()].is_fixed() {
                        clamped.push((
                            j.path(&option.name),
                            clamps[layout.option_clamp_index(o, j)],
                        ));
                    }
                }
                for (k, b) in scenario.blocks.iter().enumerate() {
                    for (input, sampler) in [
                        (BlockInput::UnitCost, &b.unit_cost),
                        (BlockInput::Inflation, &b.inflation),
                    ] {
                        if !sampler.is_fixed() {
                            clamped.push((
                                input.path(&b.name),
                                clamps[layout.block_clamp_index(k, input)],
                            ));
                        }
                    }
                }
                if layout.means.whole_budget && !scenario.retained_overhead.is_fixed() {
                    clamped.push((
                        RETAINED_OVERHEAD_PATH.to_string(),
                        clamps[layout.retained_clamp_index()],
                    ));
                }
                let file_option = &file.options[o];
                let scope = file_option.provider_runs.as_ref().map(|runs| {
                    let mut all = vec![SOCIAL_WORK.to_string(), PLACEMENTS.to_string()];
                    all.extend(scenario.blocks.iter().map(|b| b.id.clone()));
                    OptionScope {
                        provider_runs: all.iter().filter(|b| runs.contains(b)).cloned().collect(),
                        council_keeps: all.into_iter().filter(|b| !runs.contains(b)).collect(),
                    }
                });

                OptionResult {
                    name: option.name.clone(),
                    kind: option.kind,
                    npc: summaries[o],
                    npc_vs_baseline: summaries[options_n + o],
                    p_cheaper: counts.cheaper as f64 / nf,
                    p_quality_at_risk: counts.risky as f64 / nf,
                    p_cheaper_and_better: counts.cheaper_and_better as f64 / nf,
                    years,
                    sensitivity: counts.sensitivity,
                    tail_drivers: counts.tail_drivers,
                    clamped: Clamped(clamped),
                    id: file_option.id.clone(),
                    scope,
                    contract: contract.map(|(summary, _)| summary),
                    samples: Samples {
                        npc: npc_column,
                        npc_vs_baseline: diff_column,
                        mean_quality: quality_column,
                    },
                }
            },
        )
        .collect();

    Some(RunResults {
        scenario: file.name.clone(),
        iterations: settings.iterations,
        seed: settings.seed,
        start_year: file.start_year,
        horizon_years: horizon,
        baseline_option: file.appraisal.baseline_option.clone(),
        scope: Scope::of(file),
        options,
        switching_values: None,
        swings: None,
        sampling: scenario.sampling(),
        maths: scenario.maths(),
        correlations: achieved_correlations(file, layout, records),
    })
}

/// The rank correlation of each stated pair of inputs over the run's draws.
fn achieved_correlations(
    file: &super::scenario::ScenarioFile,
    layout: &Layout,
    records: &Records,
) -> Vec<AchievedCorrelation> {
    let column = |path: &str| {
        layout
            .sampled
            .iter()
            .position(|x| x.path == path)
            .map(|slot| records.column(layout.sampled_offset() + slot))
    };
    file.simulation
        .correlations
        .iter()
        .filter_map(|c| {
            let (a, b) = (column(&c.a)?, column(&c.b)?);
            Some(AchievedCorrelation {
                a: c.a.clone(),
                b: c.b.clone(),
                target: c.rank,
                achieved: super::correlation::spearman(&a, &b),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::uniforms;

    #[test]
    fn the_costliest_tenth_is_the_largest_values_ties_by_index() {
        let values = [3.0, 9.0, 1.0, 9.0, 5.0, 7.0, 2.0, 8.0, 4.0, 6.0, 0.0, 9.0];
        // Twelve futures: a tenth rounded up is two; three share the largest value.
        let mut worst = worst_tenth(&values);
        worst.sort_unstable();
        assert_eq!(worst, vec![1, 3]);
        assert_eq!(worst_tenth(&[5.0]), vec![0]);
        assert!(worst_tenth(&[]).is_empty());
        let (m, sd, tails) = tail_means(&[1.0, 2.0, 3.0, 4.0], &[vec![3], vec![2, 3]]);
        assert_eq!(m, 2.5);
        assert!((sd - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(tails, vec![4.0, 3.5]);
    }

    #[test]
    fn percentiles_interpolate_like_numpy() {
        let x = [1.0, 2.0, 3.0, 4.0];
        // numpy.percentile([1,2,3,4], 10) == 1.3
        assert!((percentile_of_sorted(&x, 0.10) - 1.3).abs() < 1e-12);
        assert!((percentile_of_sorted(&x, 0.50) - 2.5).abs() < 1e-12);
        let mut y = vec![4.0, 1.0, 3.0, 2.0];
        let p = percentiles(&mut y, &[0.10, 0.50, 0.90], &|| true).unwrap();
        assert!((p[0] - 1.3).abs() < 1e-12 && (p[1] - 2.5).abs() < 1e-12);
        assert!((p[2] - 3.7).abs() < 1e-12);
    }

    #[test]
    fn percentiles_by_selection_equal_those_of_a_full_sort() {
        // Ties, signed zeros and a spread of sizes, including one and two values.
        let mut next = uniforms(12345);
        let ps = [0.0, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 1.0];
        for n in [1usize, 2, 3, 10, 101, 1000, 4097] {
            let values: Vec<f64> = (0..n)
                .map(|i| match i % 7 {
                    0 => 0.0,
                    1 => -0.0,
                    2 => (next() * 10.0).floor(),
                    _ => next() * 1e6 - 5e5,
                })
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let mut work = values.clone();
            let got = percentiles(&mut work, &ps, &|| true).unwrap();
            for (p, g) in ps.iter().zip(&got) {
                let want = percentile_of_sorted(&sorted, *p);
                assert_eq!(g.to_bits(), want.to_bits(), "n {n}, p {p}");
            }
        }
    }

    #[test]
    fn a_summary_stops_when_told_to() {
        let mut values: Vec<f64> = (0..1000).map(f64::from).collect();
        assert!(summary(&mut values, &|| false).is_none());
        let s = summary(&mut values, &|| true).unwrap();
        assert_eq!((s.p50, s.mean), (499.5, 499.5));
    }

    #[test]
    fn ties_share_their_average_rank() {
        assert_eq!(ranks(&[10.0, 20.0, 10.0, 30.0]), vec![1.5, 3.0, 1.5, 4.0]);
        assert_eq!(ranks(&[0.0, -1.0, -0.0]), vec![2.5, 1.0, 2.5]);
    }

    #[test]
    fn ranks_are_exact_where_f32_keys_collide() {
        // Neighbours closer than f32 can tell apart, values beyond f32's range, and tiny ones.
        let mut next = uniforms(11);
        let columns: Vec<Vec<f64>> = vec![
            (0..4000).map(|_| 0.1 + next() * 1e-9).collect(),
            (0..4000).map(|_| 6e8 + (next() * 1e5).floor()).collect(),
            (0..4000).map(|_| (next() - 0.5) * 1e-300).collect(),
            (0..4000).map(|_| (next() + 1.0) * 1e300).collect(),
        ];
        for values in columns {
            let got = ranks(&values);
            // Rank by definition: 1 + (number below) + (number equal − 1) / 2.
            for (i, x) in values.iter().enumerate().step_by(97) {
                let below = values.iter().filter(|y| *y < x).count() as f64;
                let equal = values.iter().filter(|y| *y == x).count() as f64;
                assert_eq!(got[i], 1.0 + below + (equal - 1.0) / 2.0, "{x}");
            }
        }
    }

    #[test]
    fn spearman_of_monotone_data_is_one() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        let b = [1.0, 4.0, 9.0, 16.0, 25.0];
        assert!((spearman(&a, &b) - 1.0).abs() < 1e-12);
        let c = [5.0, 4.0, 3.0, 2.0, 1.0];
        assert!((spearman(&a, &c) + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&a, &[1.0; 5]), 0.0);
    }
}
