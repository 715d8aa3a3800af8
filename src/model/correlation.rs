//! Rank correlations between uncertain inputs (`simulation.correlations`), induced by the method
//! of Iman & Conover ("A distribution-free approach to inducing rank correlation among input
//! variables", Communications in Statistics B 11(3), 1982): each input keeps its own distribution
//! exactly; only which iteration receives which of its values is rearranged, so that the ranks
//! follow a matrix of normal scores with the stated correlations.
//!
//! A set of correlations must be able to hold together: the matrix they make (1 on the diagonal,
//! 0 for pairs not named) must be positive definite. When it is not, the scenario is refused with
//! the factor by which every stated correlation would have to shrink to hold.

use serde::{Deserialize, Serialize};

use super::dist::Sampler;
use super::latin::{KeyMap, Permutation, Sampling};
use super::layout::{InputSource, Layout};
use super::rng::{stream, stream_key};
use super::validate::{Problem, Scenario};

/// One stated rank correlation between two uncertain inputs, as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// An input's path as the sensitivity table names it (`workforce.agency_premium`,
    /// `options[In-house].annual_turnover`).
    pub a: String,
    pub b: String,
    /// Spearman's rank correlation, strictly between −1 and 1.
    pub rank: f64,
}

/// The correlations of a checked scenario: the inputs named, with their stream keys, and the
/// target matrix over them.
#[derive(Debug, Clone, Default)]
pub struct CheckedCorrelations {
    pub(crate) inputs: Vec<CorrelatedInput>,
    /// Row-major, `inputs.len()` square.
    pub(crate) target: Vec<f64>,
}

#[derive(Debug, Clone)]
pub(crate) struct CorrelatedInput {
    pub path: String,
    pub key: u64,
    pub source: InputSource,
}

impl CheckedCorrelations {
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }
}

/// The stream key and sampler of a sampled input, or `None` for the sum of shock sizes (random
/// events, not an input drawn once per future).
pub(crate) fn key_and_sampler<'a>(
    s: &'a Scenario,
    layout: &Layout,
    source: InputSource,
) -> Option<(u64, &'a Sampler)> {
    Some(match source {
        InputSource::World(w) => (layout.world_keys[w.index()], &s.world[w.index()]),
        InputSource::ShockTotal => return None,
        InputSource::WeeklyCost(k) => (layout.weekly_keys[k], &s.placements[k].weekly_cost),
        InputSource::Option(o, j) => (
            layout.option_keys[o][j.index()],
            &s.options[o].inputs[j.index()],
        ),
        InputSource::Block(k, input) => (
            layout.block_keys[k][input as usize],
            match input {
                super::inputs::BlockInput::UnitCost => &s.blocks[k].unit_cost,
                super::inputs::BlockInput::Inflation => &s.blocks[k].inflation,
            },
        ),
        InputSource::RetainedOverhead => (layout.retained_key, &s.retained_overhead),
        InputSource::Contract(o, j) => (
            layout.contract_keys[o][j.index()],
            &s.options[o].contract.as_ref()?.inputs[j.index()],
        ),
    })
}

/// Checks the file's correlations against the scenario's uncertain inputs: each names two
/// different sampled inputs, once, with a correlation strictly between −1 and 1, and together
/// they make a valid correlation matrix.
pub(crate) fn check(s: &Scenario) -> Result<CheckedCorrelations, Vec<Problem>> {
    let stated = &s.file().simulation.correlations;
    if stated.is_empty() {
        return Ok(CheckedCorrelations::default());
    }
    let layout = Layout::new(s);
    let mut problems = Vec::new();
    let mut inputs: Vec<CorrelatedInput> = Vec::new();
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for (i, c) in stated.iter().enumerate() {
        let base = format!("simulation.correlations[{i}]");
        let mut find = |field: &str, path: &str, problems: &mut Vec<Problem>| {
            if let Some(at) = inputs.iter().position(|x| x.path == path) {
                return Some(at);
            }
            let found = layout
                .sampled
                .iter()
                .find(|x| x.path == path && x.source != InputSource::ShockTotal);
            match found {
                Some(x) => {
                    let (key, _) = key_and_sampler(s, &layout, x.source)?;
                    inputs.push(CorrelatedInput {
                        path: path.to_string(),
                        key,
                        source: x.source,
                    });
                    Some(inputs.len() - 1)
                }
                None => {
                    problems.push(Problem {
                        path: format!("{base}.{field}"),
                        message: format!(
                            "\"{path}\" is not an uncertain input of this scenario: name an input \
                             that has a distribution, as the sensitivity table does \
                             (workforce.agency_premium, options[In-house].annual_turnover)"
                        ),
                    });
                    None
                }
            }
        };
        let a = find("a", &c.a, &mut problems);
        let b = find("b", &c.b, &mut problems);
        if !(c.rank.is_finite() && c.rank > -1.0 && c.rank < 1.0) {
            problems.push(Problem {
                path: format!("{base}.rank"),
                message: format!(
                    "{} must lie strictly between −1 and 1 (a rank correlation)",
                    c.rank
                ),
            });
            continue;
        }
        let (Some(a), Some(b)) = (a, b) else { continue };
        if a == b {
            problems.push(Problem {
                path: format!("{base}.b"),
                message: format!("correlates \"{}\" with itself", c.a),
            });
        } else if pairs
            .iter()
            .any(|&(x, y, _)| (x, y) == (a, b) || (x, y) == (b, a))
        {
            problems.push(Problem {
                path: base.clone(),
                message: format!("\"{}\" and \"{}\" are correlated twice: keep one", c.a, c.b),
            });
        } else {
            pairs.push((a, b, c.rank));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let k = inputs.len();
    let mut target = identity(k);
    for &(a, b, r) in &pairs {
        target[a * k + b] = r;
        target[b * k + a] = r;
    }
    if cholesky(&target, k).is_none() {
        let scale = largest_valid_scale(&target, k);
        return Err(vec![Problem {
            path: "simulation.correlations".to_string(),
            message: format!(
                "these correlations cannot all hold at once (together they are not a valid \
                 correlation matrix): they would if each were multiplied by {scale:.2} or less; \
                 weaken the strongest, or remove one that contradicts the others"
            ),
        }]);
    }
    Ok(CheckedCorrelations { inputs, target })
}

fn identity(k: usize) -> Vec<f64> {
    let mut m = vec![0.0; k * k];
    for i in 0..k {
        m[i * k + i] = 1.0;
    }
    m
}

/// The lower-triangular `L` with `L Lᵀ = m`, or `None` when `m` is not positive definite.
fn cholesky(m: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..=i {
            let sum: f64 = (0..j).map(|p| l[i * k + p] * l[j * k + p]).sum();
            if i == j {
                let d = m[i * k + i] - sum;
                if d <= 1e-12 {
                    return None;
                }
                l[i * k + j] = d.sqrt();
            } else {
                l[i * k + j] = (m[i * k + j] - sum) / l[j * k + j];
            }
        }
    }
    Some(l)
}

/// The largest `λ` (to two decimals, rounded down) for which `I + λ(m − I)` is positive definite.
fn largest_valid_scale(m: &[f64], k: usize) -> f64 {
    let scaled = |lambda: f64| -> Vec<f64> {
        m.iter()
            .enumerate()
            .map(|(i, &x)| if i / k == i % k { 1.0 } else { lambda * x })
            .collect()
    };
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..40 {
        let mid = 0.5 * (lo + hi);
        if cholesky(&scaled(mid), k).is_some() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo * 100.0).floor() / 100.0
}

/// Solves `L x = b` for lower-triangular `L`.
fn forward(l: &[f64], k: usize, b: &[f64]) -> Vec<f64> {
    let mut x = vec![0.0; k];
    for i in 0..k {
        let sum: f64 = (0..i).map(|p| l[i * k + p] * x[p]).sum();
        x[i] = (b[i] - sum) / l[i * k + i];
    }
    x
}

/// For each correlated input, the order its values are handed to the iterations of a run of
/// `n` iterations: the stratum (Latin hypercube) or the iteration whose own draw it takes (Monte
/// Carlo), by stream key.
pub(crate) fn arrange(
    s: &Scenario,
    layout: &Layout,
    correlations: &CheckedCorrelations,
    sampling: Sampling,
    seed: u64,
    n: usize,
) -> KeyMap<Vec<u32>> {
    let k = correlations.inputs.len();
    if k == 0 {
        return KeyMap::default();
    }
    // Van der Waerden scores, each input's in its own random order.
    let maths = s.maths();
    let scores: Vec<f64> = (1..=n)
        .map(|j| maths.normal_quantile(j as f64 / (n as f64 + 1.0)))
        .collect();
    let mut x = vec![0.0; n * k];
    for (c, input) in correlations.inputs.iter().enumerate() {
        let order = Permutation::new(n as u64, seed ^ input.key ^ stream_key("iman-conover"));
        for i in 0..n {
            x[i * k + c] = scores[order.apply(i as u64) as usize];
        }
    }
    // Remove the scores' chance correlation and give them the target one: x ← P Q⁻¹ x, where
    // P Pᵀ is the target and Q Qᵀ the scores' own correlation matrix.
    // Checked when the file was loaded; a matrix that is not valid arranges nothing.
    let Some(target) = cholesky(&correlations.target, k) else {
        return KeyMap::default();
    };
    let sum_sq: f64 = scores.iter().map(|s| s * s).sum();
    let mut own = vec![0.0; k * k];
    for row in x.chunks_exact(k) {
        for a in 0..k {
            for b in 0..k {
                own[a * k + b] += row[a] * row[b];
            }
        }
    }
    own.iter_mut().for_each(|v| *v /= sum_sq);
    if let Some(q) = cholesky(&own, k) {
        for row in x.chunks_exact_mut(k) {
            let z = forward(&q, k, row);
            for a in 0..k {
                row[a] = (0..=a).map(|p| target[a * k + p] * z[p]).sum();
            }
        }
    }
    let mut arranged = KeyMap::default();
    for (c, input) in correlations.inputs.iter().enumerate() {
        // The rank of each iteration's score among the input's scores.
        let mut by_score: Vec<u32> = (0..n as u32).collect();
        by_score.sort_by(|&i, &j| x[i as usize * k + c].total_cmp(&x[j as usize * k + c]));
        let mut rank = vec![0u32; n];
        for (r, &i) in by_score.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        let order = match sampling {
            Sampling::LatinHypercube => rank,
            Sampling::MonteCarlo => {
                // The iterations' own draws, smallest first: rank r takes the r-th smallest.
                let Some((_, sampler)) = key_and_sampler(s, layout, input.source) else {
                    continue;
                };
                let draws: Vec<f64> = (0..n as u64)
                    .map(|i| sampler.draw(&mut stream(seed, i, input.key)).0)
                    .collect();
                let mut by_value: Vec<u32> = (0..n as u32).collect();
                by_value.sort_by(|&i, &j| {
                    draws[i as usize]
                        .total_cmp(&draws[j as usize])
                        .then(i.cmp(&j))
                });
                rank.iter().map(|&r| by_value[r as usize]).collect()
            }
        };
        arranged.insert(input.key, order);
    }
    arranged
}

/// Spearman's rank correlation of two equally long samples (average ranks for ties).
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let ra = ranks(a);
    let rb = ranks(b);
    let n = ra.len() as f64;
    let mean = (n + 1.0) / 2.0;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        sab += (x - mean) * (y - mean);
        saa += (x - mean) * (x - mean);
        sbb += (y - mean) * (y - mean);
    }
    if saa == 0.0 || sbb == 0.0 {
        return 0.0;
    }
    sab / (saa * sbb).sqrt()
}

fn ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&i, &j| v[i].total_cmp(&v[j]));
    let mut r = vec![0.0; v.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && v[order[end]] == v[order[start]] {
            end += 1;
        }
        let average = (start + end + 1) as f64 / 2.0;
        for &i in &order[start..end] {
            r[i] = average;
        }
        start = end;
    }
    r
}
