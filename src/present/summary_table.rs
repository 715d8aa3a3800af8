//! The summary table of a run, defined once: one row per option, with its net present cost, its
//! difference from the baseline in the same futures, and the chances and quality that matter. The
//! window, the HTML report and the command line all lay out these columns, in this order, with
//! these headings and these figures.
//!
//! Money is in £m with one decimal (the group heading says £m); a difference of the baseline from
//! itself is shown as a dash.

use crate::model::{OptionResult, RunResults};

use super::format::{millions, percent};

/// How a column's figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// £m, unsigned: `612.4`.
    Millions,
    /// £m, always signed: `+15.3`, `−2.7`.
    SignedMillions,
    /// A share as a percentage: `59%`.
    Percent,
    /// Index points with one decimal: `74.6`.
    Points,
}

/// One column of the summary table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The heading, on one line: `P(quality at risk)`.
    pub title: &'static str,
    /// The heading broken where a narrow column wraps it: `P(quality\nat risk)`.
    pub narrow_title: &'static str,
    /// What the column means, for a tooltip.
    pub help: &'static str,
    /// The figure's field in the results (`npc.mean`, `p_cheaper`), as the JSON names it.
    pub field: &'static str,
    value: fn(&OptionResult) -> f64,
    figure: Figure,
    /// A comparison with the baseline: the baseline's own row shows a dash.
    vs_baseline: bool,
}

/// A heading over several columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub title: &'static str,
    /// The first column under it.
    pub first: usize,
    /// How many columns it spans.
    pub span: usize,
}

/// The groups of columns, left to right.
pub const GROUPS: [Group; 3] = [
    Group {
        title: "Net present cost (£m)",
        first: 0,
        span: 4,
    },
    Group {
        title: "vs baseline (£m)",
        first: 4,
        span: 3,
    },
    Group {
        title: "Chances and quality",
        first: 7,
        span: 4,
    },
];

/// The columns, left to right (the option's name comes first, before them).
pub const COLUMNS: [Column; 11] = [
    Column {
        title: "Mean",
        narrow_title: "Mean",
        help: "Net present cost: mean over the simulated futures, £m at start-year prices.",
        field: "npc.mean",
        value: |o| o.npc.mean,
        figure: Figure::Millions,
        vs_baseline: false,
    },
    Column {
        title: "P10",
        narrow_title: "P10",
        help: "10% of futures cost less than this (£m).",
        field: "npc.p10",
        value: |o| o.npc.p10,
        figure: Figure::Millions,
        vs_baseline: false,
    },
    Column {
        title: "P50",
        narrow_title: "P50",
        help: "The median: half the futures cost less (£m).",
        field: "npc.p50",
        value: |o| o.npc.p50,
        figure: Figure::Millions,
        vs_baseline: false,
    },
    Column {
        title: "P90",
        narrow_title: "P90",
        help: "90% of futures cost less than this (£m).",
        field: "npc.p90",
        value: |o| o.npc.p90,
        figure: Figure::Millions,
        vs_baseline: false,
    },
    Column {
        title: "Mean",
        narrow_title: "Mean",
        help: "Mean difference in NPC from the baseline in the same futures, £m (negative = \
               cheaper).",
        field: "npc_vs_baseline.mean",
        value: |o| o.npc_vs_baseline.mean,
        figure: Figure::SignedMillions,
        vs_baseline: true,
    },
    Column {
        title: "P10",
        narrow_title: "P10",
        help: "10% of futures have a difference below this (£m).",
        field: "npc_vs_baseline.p10",
        value: |o| o.npc_vs_baseline.p10,
        figure: Figure::SignedMillions,
        vs_baseline: true,
    },
    Column {
        title: "P90",
        narrow_title: "P90",
        help: "90% of futures have a difference below this (£m).",
        field: "npc_vs_baseline.p90",
        value: |o| o.npc_vs_baseline.p90,
        figure: Figure::SignedMillions,
        vs_baseline: true,
    },
    Column {
        title: "P(cheaper)",
        narrow_title: "P(cheaper)",
        help: "Share of futures in which the option costs less than the baseline.",
        field: "p_cheaper",
        value: |o| o.p_cheaper,
        figure: Figure::Percent,
        vs_baseline: true,
    },
    Column {
        title: "Quality",
        narrow_title: "Quality",
        help: "Quality index (0–100), averaged over the years and the futures.",
        field: "mean_quality",
        value: OptionResult::mean_quality,
        figure: Figure::Points,
        vs_baseline: false,
    },
    Column {
        title: "P(quality at risk)",
        narrow_title: "P(quality\nat risk)",
        help: "Share of futures in which quality falls below the threshold in at least one year.",
        field: "p_quality_at_risk",
        value: |o| o.p_quality_at_risk,
        figure: Figure::Percent,
        vs_baseline: false,
    },
    Column {
        title: "P(cheaper and better)",
        narrow_title: "P(cheaper\n& better)",
        help: "Share of futures in which the option is both cheaper than the baseline and of \
               higher mean quality.",
        field: "p_cheaper_and_better",
        value: |o| o.p_cheaper_and_better,
        figure: Figure::Percent,
        vs_baseline: true,
    },
];

/// What a dash in the table stands for: a comparison of the baseline with itself.
pub const DASH: &str = "—";

/// One figure of the table: the text shown and the exact value behind it (none for a dash).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub value: Option<f64>,
}

/// One row: the option's name (with "(baseline)" after the baseline's) and a cell per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: String,
    pub is_baseline: bool,
    pub cells: Vec<Cell>,
}

impl Column {
    /// How this column's figure is written, for a front that formats the exact value itself (the
    /// workbook's number formats).
    pub fn figure(&self) -> Figure {
        self.figure
    }

    /// This column's cell for `option`.
    pub fn cell(&self, option: &OptionResult, is_baseline: bool) -> Cell {
        if self.vs_baseline && is_baseline {
            return Cell {
                text: DASH.to_string(),
                value: None,
            };
        }
        let value = (self.value)(option);
        let text = match self.figure {
            Figure::Millions => millions(value, false),
            Figure::SignedMillions => millions(value, true),
            Figure::Percent => percent(value),
            Figure::Points => format!("{value:.1}"),
        };
        Cell {
            text,
            value: Some(value),
        }
    }
}

/// The option's name as the table's first column writes it.
pub fn option_label(name: &str, is_baseline: bool) -> String {
    if is_baseline {
        format!("{name} (baseline)")
    } else {
        name.to_string()
    }
}

/// Every row of the table, in the order of the options.
pub fn rows(results: &RunResults) -> Vec<Row> {
    results
        .options
        .iter()
        .map(|o| {
            let is_baseline = o.name == results.baseline_option;
            Row {
                name: option_label(&o.name, is_baseline),
                is_baseline,
                cells: COLUMNS.iter().map(|c| c.cell(o, is_baseline)).collect(),
            }
        })
        .collect()
}

/// The group a column sits under.
pub fn group_of(column: usize) -> Option<&'static Group> {
    GROUPS
        .iter()
        .find(|g| (g.first..g.first + g.span).contains(&column))
}

/// The 95% normal quantile: a simulated figure lies within this many standard errors of the one
/// infinitely many futures would give, 19 times in 20.
const Z_95: f64 = 1.959_963_984_540_054;

/// The Monte Carlo precision of the table's headline figures, each the widest over the options:
/// half the width of the 95% interval of a mean NPC (£), of a mean difference from the baseline
/// (£) and of P(cheaper) (a share). With common random numbers the difference's own standard
/// deviation gives its error, far below the NPC's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Precision {
    pub npc_mean: f64,
    pub difference_mean: f64,
    pub p_cheaper: f64,
}

/// `None` for a single future, which has no spread to measure. Monte Carlo: `1.96·sd/√n`, and
/// `1.96·√(p(1−p)/n)` for a share. Latin hypercube of [`REPLICATES`] replicates: Student's `t`
/// (n − 1 = 19 degrees of freedom) times the standard deviation of the replicates' own figures
/// over `√k`; a shorter Latin hypercube run, which is a single hypercube, falls back on Monte
/// Carlo's formula, an upper bound (Owen 1997).
///
/// [`REPLICATES`]: crate::model::latin::REPLICATES
pub fn precision(results: &RunResults) -> Option<Precision> {
    let n = results.iterations as f64;
    if results.iterations < 2 {
        return None;
    }
    if let Some(p) = replicated_precision(results) {
        return Some(p);
    }
    let half = |sd: f64| Z_95 * sd / n.sqrt();
    let mut p = Precision {
        npc_mean: 0.0,
        difference_mean: 0.0,
        p_cheaper: 0.0,
    };
    for o in &results.options {
        p.npc_mean = p.npc_mean.max(half(o.npc.sd));
        if o.name != results.baseline_option {
            p.difference_mean = p.difference_mean.max(half(o.npc_vs_baseline.sd));
            let q = o.p_cheaper;
            p.p_cheaper = p.p_cheaper.max(half((q * (1.0 - q)).sqrt()));
        }
    }
    Some(p)
}

/// Student's t distribution's 97.5th percentile with 19 degrees of freedom.
const T_975_19: f64 = 2.093_024_054_408_263;

/// The simulation error of a run made of independent Latin hypercubes, from the spread of their
/// results; `None` for any other run.
fn replicated_precision(results: &RunResults) -> Option<Precision> {
    use crate::model::latin::{REPLICATES, Sampling, replicate_start, replicates};
    use statrs::distribution::{ContinuousCDF, StudentsT};
    let n = results.iterations;
    let k = replicates(n);
    if results.sampling != Sampling::LatinHypercube || k < REPLICATES {
        return None;
    }
    // Student's t at 97.5% with k − 1 degrees of freedom: statrs' iterative inverse with the
    // platform's maths; with portable maths, its value for the only k a run has (20 replicates,
    // 19 degrees of freedom; tabulated to 2.093024054408263, e.g. R's qt(0.975, 19)).
    let t = match results.maths {
        crate::model::maths::Maths::Portable if k == 20 => T_975_19,
        _ => StudentsT::new(0.0, 1.0, (k - 1) as f64)
            .ok()?
            .inverse_cdf(0.975),
    };
    // t times the standard error of the mean of the replicates' figures.
    let half = |figure: &dyn Fn(&[f64]) -> f64, samples: &[f64]| -> Option<f64> {
        if samples.len() as u64 != n {
            return None;
        }
        let per: Vec<f64> = (0..k)
            .map(|b| {
                let (start, end) = (replicate_start(b, n, k), replicate_start(b + 1, n, k));
                figure(&samples[start as usize..end as usize])
            })
            .collect();
        let mean = per.iter().sum::<f64>() / k as f64;
        let var = per.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (k - 1) as f64;
        Some(t * (var / k as f64).sqrt())
    };
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let cheaper = |v: &[f64]| v.iter().filter(|d| **d < 0.0).count() as f64 / v.len() as f64;
    let mut p = Precision {
        npc_mean: 0.0,
        difference_mean: 0.0,
        p_cheaper: 0.0,
    };
    for o in &results.options {
        p.npc_mean = p.npc_mean.max(half(&mean, &o.samples.npc)?);
        if o.name != results.baseline_option {
            let d = &o.samples.npc_vs_baseline;
            p.difference_mean = p.difference_mean.max(half(&mean, d)?);
            p.p_cheaper = p.p_cheaper.max(half(&cheaper, d)?);
        }
    }
    Some(p)
}

/// The first run of a run to a precision: enough futures to measure the spread by.
pub const PILOT_ITERATIONS: u64 = 2_000;

/// The precision the window's "Run until precise" aims at: ±£0.5m on each mean difference from
/// the baseline and ±1 point on each P(cheaper), the command line's `--precision 0.5,1`.
pub const WINDOW_PRECISION: PrecisionTarget = PrecisionTarget {
    difference_mean: 0.5e6,
    p_cheaper: 0.01,
};

/// A precision to run until: the half-widths of the 95% intervals of every option's mean
/// difference from the baseline (£) and of its P(cheaper) (a share).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrecisionTarget {
    pub difference_mean: f64,
    pub p_cheaper: f64,
}

/// Where a run is short of `target`, the iterations that should reach it, estimated from this
/// run's spread (a half-width falls with the square root of the count), with 5% to spare and
/// rounded up to a whole thousand; `None` when the run already meets it.
pub fn iterations_for(results: &RunResults, target: PrecisionTarget) -> Option<u64> {
    let p = precision(results)?;
    let ratio = |got: f64, wanted: f64| {
        if wanted > 0.0 {
            got / wanted
        } else {
            f64::INFINITY
        }
    };
    let worst =
        ratio(p.difference_mean, target.difference_mean).max(ratio(p.p_cheaper, target.p_cheaper));
    if worst <= 1.0 {
        return None;
    }
    let wanted = results.iterations as f64 * worst * worst * 1.05;
    let thousands = (wanted / 1_000.0).ceil().min(u64::MAX as f64 / 1_000.0);
    Some((thousands as u64).saturating_mul(1_000))
}

/// One sentence under the table: "Simulation error at 2,000 futures (95%): at most ±£5.2m on a
/// mean NPC, ±£1.9m on a mean difference, ±1.7 points on P(cheaper)."
pub fn precision_sentence(results: &RunResults) -> Option<String> {
    let p = precision(results)?;
    let mut parts = vec![format!("±£{:.1}m on a mean NPC", p.npc_mean / 1e6)];
    if results.options.len() > 1 {
        parts.push(format!(
            "±£{:.1}m on a mean difference",
            p.difference_mean / 1e6
        ));
        parts.push(format!("±{:.1} points on P(cheaper)", p.p_cheaper * 100.0));
    }
    let bound = if results.sampling != crate::model::latin::Sampling::LatinHypercube {
        ""
    } else if replicated_precision(results).is_some() {
        " (from the spread of the 20 independent Latin hypercubes the run is made of)"
    } else {
        " (Monte Carlo's formula, an upper bound under Latin hypercube sampling)"
    };
    Some(format!(
        "Simulation error at {} futures (95%): at most {}{bound}.{}",
        super::thousands(results.iterations),
        parts.join(", "),
        sampling_sentence(results).map_or(String::new(), |s| format!(" {s}"))
    ))
}

/// How the inputs were drawn, when it is not plain independent Monte Carlo: "Inputs drawn by
/// Latin hypercube sampling … Rank correlation asked between A and B: 0.50; in the draws: 0.49."
pub fn sampling_sentence(results: &RunResults) -> Option<String> {
    use crate::model::latin::Sampling;
    let mut out = Vec::new();
    if results.sampling == Sampling::LatinHypercube {
        let k = crate::model::latin::replicates(results.iterations);
        out.push(if k > 1 {
            format!(
                "Inputs drawn by Latin hypercube sampling: {k} independent hypercubes of about \
                 {} futures, in each of which every input's range is cut into that many equal \
                 slices of probability, each used once.",
                super::thousands(results.iterations / k)
            )
        } else {
            format!(
                "Inputs drawn by Latin hypercube sampling: each input's range cut into {} equal \
                 slices of probability, each used once.",
                super::thousands(results.iterations)
            )
        });
    }
    for c in &results.correlations {
        out.push(format!(
            "Rank correlation asked between {} and {}: {:.2}; in the draws: {:.2}.",
            c.a, c.b, c.target, c.achieved
        ));
    }
    (!out.is_empty()).then(|| out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand: 10,000 futures; an NPC sd of £50m gives 1.96 × 50 / 100 = ±£0.98m; a
    /// difference sd of £10m ±£0.196m; P(cheaper) of 50% gives 1.96 × 0.5 / 100 = ±0.98 points.
    /// Worked by hand: 2,000 futures in 20 replicates of 100; every future of replicate `b`
    /// differs from the baseline by £b m, so the replicates' mean differences are 0…19 (£m): sd
    /// √35 = 5.916, standard error 5.916 / √20 = 1.3229, and t(19, 97.5%) = 2.0930 gives
    /// ±£2.769m. A difference below zero only in replicate 0 (£0 is not below) gives
    /// P(cheaper) 0 in every replicate: ±0.
    #[test]
    fn the_portable_t_value_is_statrs_value() {
        use statrs::distribution::{ContinuousCDF, StudentsT};
        let t = StudentsT::new(0.0, 1.0, 19.0).unwrap().inverse_cdf(0.975);
        assert!((t - T_975_19).abs() < 1e-12, "{t}");
    }

    #[test]
    fn a_latin_hypercube_run_measures_its_error_from_its_replicates() {
        let file = crate::io::parse_scenario(crate::DEFAULT_SCENARIO).unwrap();
        let scenario = crate::model::validate(&file).unwrap();
        let settings = crate::model::RunSettings {
            iterations: 2_000,
            seed: 7,
        };
        let mut results =
            crate::model::run(&scenario, settings, &crate::model::RunControl::new()).unwrap();
        assert_eq!(
            results.sampling,
            crate::model::latin::Sampling::LatinHypercube
        );
        let base = results.baseline_option.clone();
        for o in &mut results.options {
            o.samples.npc = vec![1e9; 2_000];
            o.samples.npc_vs_baseline = if o.name == base {
                vec![0.0; 2_000]
            } else {
                (0..2_000).map(|i| (i / 100) as f64 * 1e6).collect()
            };
        }
        let p = precision(&results).unwrap();
        assert!((p.difference_mean - 2.769e6).abs() < 1e3, "{p:?}");
        assert_eq!(p.npc_mean, 0.0);
        assert_eq!(p.p_cheaper, 0.0);
    }

    #[test]
    fn the_simulation_error_is_the_half_width_of_each_95_percent_interval() {
        let file = crate::io::parse_scenario(crate::DEFAULT_SCENARIO).unwrap();
        let scenario = crate::model::validate(&file).unwrap();
        let settings = crate::model::RunSettings {
            iterations: 20,
            seed: 7,
        };
        let mut results =
            crate::model::run(&scenario, settings, &crate::model::RunControl::new()).unwrap();
        results.iterations = 10_000;
        let base = results.baseline_option.clone();
        for o in &mut results.options {
            o.npc.sd = 50e6;
            o.npc_vs_baseline.sd = if o.name == base { 0.0 } else { 10e6 };
            o.p_cheaper = 0.5;
        }
        results.sampling = crate::model::latin::Sampling::MonteCarlo;
        let p = precision(&results).unwrap();
        assert!((p.npc_mean - 0.979_982e6).abs() < 1.0, "{p:?}");
        assert!((p.difference_mean - 0.195_996e6).abs() < 1.0, "{p:?}");
        assert!((p.p_cheaper - 0.009_799_8).abs() < 1e-6, "{p:?}");
        assert_eq!(
            precision_sentence(&results).unwrap(),
            "Simulation error at 10,000 futures (95%): at most ±£1.0m on a mean NPC, ±£0.2m on \
             a mean difference, ±1.0 points on P(cheaper)."
        );
        // A Latin hypercube run says how its inputs were drawn, and that the error is a bound.
        results.sampling = crate::model::latin::Sampling::LatinHypercube;
        let sentence = precision_sentence(&results).unwrap();
        assert!(
            sentence.contains("an upper bound under Latin hypercube sampling")
                && sentence.ends_with(
                    "Inputs drawn by Latin hypercube sampling: 20 independent hypercubes of \
                     about 500 futures, in each of which every input's range is cut into that \
                     many equal slices of probability, each used once."
                ),
            "{sentence}"
        );
        // To ±£0.1m on a difference, about four times the count (1.96²: ±£0.196m → ±£0.1m),
        // with 5% to spare, in whole thousands; a precision already met asks for nothing more.
        let target = PrecisionTarget {
            difference_mean: 0.1e6,
            p_cheaper: 0.01,
        };
        assert_eq!(iterations_for(&results, target), Some(41_000));
        let met = PrecisionTarget {
            difference_mean: 0.2e6,
            p_cheaper: 0.01,
        };
        assert_eq!(iterations_for(&results, met), None);
        results.iterations = 1;
        assert!(precision(&results).is_none(), "one future has no spread");
    }

    #[test]
    fn the_groups_cover_every_column_once_in_order() {
        let mut next = 0;
        for g in GROUPS {
            assert_eq!(g.first, next, "{}", g.title);
            next += g.span;
        }
        assert_eq!(next, COLUMNS.len());
        for (k, c) in COLUMNS.iter().enumerate() {
            assert!(group_of(k).is_some(), "{}", c.title);
            assert_eq!(
                c.narrow_title.replace('\n', " ").replace('&', "and"),
                c.title
            );
        }
    }

    #[test]
    fn the_baseline_row_shows_a_dash_for_every_comparison_with_itself() {
        let file = crate::io::parse_scenario(crate::DEFAULT_SCENARIO).unwrap();
        let scenario = crate::model::validate(&file).unwrap();
        let settings = crate::model::RunSettings {
            iterations: 200,
            seed: 7,
        };
        let results =
            crate::model::run(&scenario, settings, &crate::model::RunControl::new()).unwrap();
        let rows = rows(&results);
        let base = rows.iter().find(|r| r.is_baseline).unwrap();
        assert!(base.name.ends_with(" (baseline)"));
        for (c, cell) in COLUMNS.iter().zip(&base.cells) {
            assert_eq!(cell.text == DASH, c.vs_baseline, "{}", c.field);
        }
        let other = rows.iter().find(|r| !r.is_baseline).unwrap();
        assert!(other.cells.iter().all(|c| c.value.is_some()));
        let trust = &results.options[1];
        assert_eq!(other.cells[0].value, Some(trust.npc.mean));
        assert_eq!(other.cells[0].text, millions(trust.npc.mean, false));
    }
}
