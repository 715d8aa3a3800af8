//! Each option against the baseline as a two-by-two table: the share of futures in which it
//! costs less or not, and has higher mean quality or not. Counted as the run's own chances are
//! (cheaper: a net present cost below the baseline's in the same future; better: a mean quality
//! above the baseline's), so the "cheaper and better" cell is the summary's P(cheaper and better)
//! and the cheaper row adds up to P(cheaper). Depends on the model only.

use crate::model::results::RunResults;

/// Shares of futures (0 to 1) in each cell; the four add up to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcomes {
    pub cheaper_better: f64,
    pub cheaper_not_better: f64,
    pub not_cheaper_better: f64,
    pub not_cheaper_not_better: f64,
}

/// The table for option `o` of `results`; `None` for the baseline, or without per-future figures.
pub fn outcomes(results: &RunResults, o: usize) -> Option<Outcomes> {
    let option = results.options.get(o)?;
    if option.name == results.baseline_option {
        return None;
    }
    let base = results.baseline()?;
    let diff = &option.samples.npc_vs_baseline;
    let quality = &option.samples.mean_quality;
    let base_quality = &base.samples.mean_quality;
    let n = diff.len();
    if n == 0 || quality.len() != n || base_quality.len() != n {
        return None;
    }
    let mut counts = [0usize; 4];
    for i in 0..n {
        let cheaper = diff[i] < 0.0;
        let better = quality[i] > base_quality[i];
        counts[usize::from(!cheaper) * 2 + usize::from(!better)] += 1;
    }
    let share = |k: usize| counts[k] as f64 / n as f64;
    Some(Outcomes {
        cheaper_better: share(0),
        cheaper_not_better: share(1),
        not_cheaper_better: share(2),
        not_cheaper_not_better: share(3),
    })
}

/// Row and column headings of the table.
pub const ROWS: [&str; 2] = ["Cheaper", "Same cost or dearer"];
pub const COLUMNS: [&str; 2] = ["Higher quality", "Same or lower quality"];

impl Outcomes {
    /// The cells in reading order: row by row.
    pub fn cells(&self) -> [[f64; 2]; 2] {
        [
            [self.cheaper_better, self.cheaper_not_better],
            [self.not_cheaper_better, self.not_cheaper_not_better],
        ]
    }
}
