//! Latin hypercube sampling (McKay, Beckman & Conover 1979) and the plan of a run's draws.
//!
//! With `sampling: LatinHypercube`, each uncertain input's range of probabilities is cut into as
//! many equal strata as the run has iterations, and every stratum is used exactly once: iteration
//! `i` draws input `k` at probability `(π_k(i) + u) / N`, where `π_k` is a permutation of the
//! strata that belongs to that input alone and `u` is a uniform from the iteration's own stream
//! for the input. The value is the input's exact quantile there (its inverse distribution
//! function), clamped to the field's range as every draw is (MODEL.md §3).
//!
//! Random events inside an iteration (monthly demand noise, shock sizes, provider failures,
//! bidders at later re-procurements) stay Monte Carlo draws: they are processes, not inputs.
//!
//! Rank correlations between inputs ([`super::correlation`]) rearrange which stratum (Latin
//! hypercube) or which iteration's draw (Monte Carlo) each iteration receives.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rand::RngExt;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::dist::{Sampler, SamplerIdentity, Shape};
use super::maths::{Maths, beta_cdf, ln_beta};
use super::rng::{IterationStreams, stream};
use super::simd::{VectorBuild, builds};

/// How a run draws its uncertain inputs (`simulation.sampling`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sampling {
    /// Each iteration draws each input independently (the only method of files that do not
    /// name one, whose numbers must not change).
    #[default]
    MonteCarlo,
    /// Each input's strata are each used once: the same precision from fewer iterations.
    LatinHypercube,
}

impl Sampling {
    /// True for [`Sampling::MonteCarlo`], which a file need not name.
    pub fn is_monte_carlo(&self) -> bool {
        *self == Sampling::MonteCarlo
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Sampling::MonteCarlo => "Monte Carlo",
            Sampling::LatinHypercube => "Latin hypercube",
        }
    }
}

/// Independent Latin hypercubes a run of at least [`MIN_REPLICATE`] × this many iterations is
/// made of (replicated Latin hypercube sampling, Iman 1981): iterations fall in consecutive
/// blocks, each a Latin hypercube of its own, so that the spread of the blocks' results measures
/// the simulation error, which a single hypercube cannot.
pub const REPLICATES: u64 = 20;

/// The fewest iterations a replicate may have.
pub const MIN_REPLICATE: u64 = 50;

/// How many replicates a run of `n` iterations has: [`REPLICATES`], or 1 for a short run.
pub fn replicates(n: u64) -> u64 {
    if n >= REPLICATES * MIN_REPLICATE {
        REPLICATES
    } else {
        1
    }
}

/// The first iteration of replicate `b` of `k` in a run of `n`.
pub fn replicate_start(b: u64, n: u64, k: u64) -> u64 {
    b * n / k
}

/// The replicate iteration `i` of a run of `n` belongs to (of `k`).
fn replicate_of(i: u64, n: u64, k: u64) -> u64 {
    ((i + 1) * k - 1) / n
}

/// A keyed, pseudo-random permutation of `0..n` computed one position at a time, so a run of a
/// million iterations needs no table per input: a four-round Feistel network on the smallest
/// even number of bits that covers `n`, walked until it lands inside `0..n` (Black & Rogaway,
/// "Ciphers with arbitrary finite domains", 2002).
#[derive(Debug, Clone, Copy)]
pub struct Permutation {
    n: u64,
    half_bits: u32,
    keys: [u64; 4],
}

impl Permutation {
    pub fn new(n: u64, key: u64) -> Self {
        let bits = (64 - n.saturating_sub(1).leading_zeros()).max(2);
        let half_bits = bits.div_ceil(2);
        let mut keys = [0; 4];
        let mut k = key;
        for slot in &mut keys {
            k = splitmix(k);
            *slot = k;
        }
        Permutation { n, half_bits, keys }
    }

    /// Where position `i` (below `n`) goes.
    pub fn apply(&self, i: u64) -> u64 {
        let mut x = i;
        loop {
            x = self.network(x);
            // The network permutes 0..4^half_bits; walking the cycle from a point inside 0..n
            // always comes back inside, so this is a permutation of 0..n.
            if x < self.n {
                return x;
            }
        }
    }

    /// One pass of the four-round network over `0..4^half_bits`.
    #[inline(always)]
    fn network(&self, x: u64) -> u64 {
        let mask = (1u64 << self.half_bits) - 1;
        let (mut left, mut right) = (x >> self.half_bits, x & mask);
        for key in self.keys {
            let next = left ^ (splitmix(right ^ key) & mask);
            left = right;
            right = next;
        }
        (left << self.half_bits) | right
    }

    /// [`Permutation::apply`] of `from`, `from + 1`, … into each place of `out`: the same
    /// values, worked out a batch at a time. One position's walk is a chain of some fifteen
    /// dependent multiplications; a batch's walks are independent, so their passes through the
    /// network run side by side (in vector registers where the processor has them), and those
    /// still outside `0..n` after a pass are gathered for the next.
    pub fn apply_from(&self, from: u64, out: &mut [u64]) {
        let build = VectorBuild::widest();
        for (b, batch) in out.chunks_mut(BATCH).enumerate() {
            let start = from + (b * BATCH) as u64;
            let mut walk = [0u64; BATCH];
            let mut place = [0u16; BATCH];
            let mut pending = batch.len();
            for (j, (w, p)) in walk.iter_mut().zip(&mut place).take(pending).enumerate() {
                *w = start + j as u64;
                *p = j as u16;
            }
            while pending > 0 {
                networks(build, self, &mut walk[..pending]);
                // Without branches (whether a walk has ended is a coin toss to the processor):
                // every walk writes its value to its place, which a later pass overwrites if it
                // goes on, and is kept for that pass only if it is still outside 0..n.
                let mut kept = 0;
                for t in 0..pending {
                    let (x, p) = (walk[t], place[t]);
                    batch[usize::from(p)] = x;
                    walk[kept] = x;
                    place[kept] = p;
                    kept += usize::from(x >= self.n);
                }
                pending = kept;
            }
        }
    }
}

/// Positions of a permutation [`Permutation::apply_from`] walks together.
const BATCH: usize = 256;

builds!(
    /// One pass of `permutation`'s network over each of `values`, in place.
    fn networks(permutation: &Permutation, values: &mut [u64]) => network_loop
);

#[inline(always)]
fn network_loop(permutation: &Permutation, values: &mut [u64]) {
    for v in values {
        *v = permutation.network(*v);
    }
}

#[inline(always)]
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// An input's inverse distribution function, fast enough to call once per draw.
#[derive(Debug, Clone)]
pub(crate) enum InverseCdf {
    /// The closed forms (uniform, triangular, normal, lognormal) or a constant, in the maths
    /// of the input's scenario.
    Exact(Shape, Maths),
    /// Beta-PERT: a table of the Beta distribution function, inverted by cubic interpolation.
    Pert {
        min: f64,
        width: f64,
        table: std::sync::Arc<BetaTable>,
    },
}

impl InverseCdf {
    pub fn new(sampler: &Sampler) -> Self {
        match sampler.shape() {
            Shape::Pert { min, width, beta } => {
                match BetaTable::shared(beta.shape_a(), beta.shape_b(), sampler.maths()) {
                    Some(table) => InverseCdf::Pert {
                        min: *min,
                        width: *width,
                        table,
                    },
                    None => InverseCdf::Exact(sampler.shape().clone(), sampler.maths()),
                }
            }
            other => InverseCdf::Exact(other.clone(), sampler.maths()),
        }
    }

    /// The unclamped value below which a share `p` of draws fall.
    pub fn quantile(&self, p: f64) -> f64 {
        match self {
            InverseCdf::Exact(shape, maths) => shape.inverse_cdf(p, *maths),
            InverseCdf::Pert { min, width, table } => min + width * table.quantile(p),
        }
    }

    /// [`InverseCdf::quantile`] of each of `values`, in place, with room for a knot interval a
    /// value (see [`BetaTable::quantiles`]).
    fn quantiles(&self, values: &mut [f64], intervals: &mut [u16]) {
        match self {
            InverseCdf::Exact(shape, maths) => {
                for p in values {
                    *p = shape.inverse_cdf(*p, *maths);
                }
            }
            InverseCdf::Pert { min, width, table } => {
                table.quantiles(values, intervals);
                for x in values {
                    *x = min + width * *x;
                }
            }
        }
    }
}

/// Knots of a [`BetaTable`]. With knots spaced as Chebyshev points (closest at the ends, where a
/// PERT density changes fastest), the share below the quantile for `p` is within 1e-7 of `p`
/// for every PERT shape (tested below against statrs' distribution function).
const BETA_KNOTS: usize = 257;

/// Beta tables by the bits of their two shapes.
type TableCache = HashMap<(u64, u64, Maths), std::sync::Arc<BetaTable>>;

/// Slices of probability indexed to their knot interval, so a quantile needs no search.
const BUCKETS: usize = 512;

/// The knot interval holding probability `p`: the last knot whose `F` is at or below it.
fn cdf_values_below(cdf: &[f64], p: f64) -> usize {
    cdf.partition_point(|&f| f <= p).clamp(1, cdf.len() - 1) - 1
}

/// Knot intervals at each end where the interpolated quantile is polished on the exact function.
const TAIL_INTERVALS: usize = 8;

/// The distribution function `F` and density `f` of a Beta(α, β) at fixed knots; a quantile is
/// the cubic Hermite interpolant of the inverse (values and slopes `1/f` matched at the knots) in
/// the knot interval that holds it, and Newton's method on the exact `F` in the intervals at the
/// ends. statrs' own Beta inverse takes about a microsecond a call, which
/// a hundred inputs at a hundred thousand iterations cannot afford.
#[derive(Debug, Clone)]
pub struct BetaTable {
    /// For each of [`BUCKETS`] equal slices of probability, the knot interval its lower end is in.
    bucket: Vec<u16>,
    /// The shapes α and β.
    a: f64,
    b: f64,
    /// The maths its distribution function and density are worked out in.
    maths: Maths,
    ln_b: f64,
    x: Vec<f64>,
    cdf: Vec<f64>,
    /// What a quantile in each knot interval needs, worked out once from the knots.
    intervals: Vec<Interval>,
}

/// A knot interval `[m, m + 1]` of a [`BetaTable`]: the parts of its cubic that do not depend on
/// `p`, each worked out exactly as [`BetaTable::quantile`] would for every `p`, so that keeping
/// them changes no bit of a quantile.
#[derive(Debug, Clone, Copy, Default)]
struct Interval {
    x0: f64,
    /// `x0 + (x1 − x0)`, which need not be `x1` in floating point.
    x0_plus_h: f64,
    f0: f64,
    span: f64,
    s0: f64,
    s1: f64,
    /// Whether the cubic serves (an interval away from the ends, with a density above 0 at both
    /// knots), rather than Newton steps.
    cubic: bool,
}

impl BetaTable {
    /// The table of Beta(a, b), built once per shape and kept: a switching value re-runs the
    /// scenario dozens of times with the same shapes (an input is moved along its axis, its
    /// shape kept), and a preview after an edit changes one shape at most.
    pub fn shared(a: f64, b: f64, maths: Maths) -> Option<std::sync::Arc<Self>> {
        use std::sync::{Arc, Mutex, OnceLock};
        /// Shapes kept before the cache is emptied (about 40 KB each).
        const KEPT: usize = 2_048;
        static CACHE: OnceLock<Mutex<TableCache>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let key = (a.to_bits(), b.to_bits(), maths);
        if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Some(found);
        }
        let table = Arc::new(BetaTable::new(a, b, maths)?);
        if let Ok(mut c) = cache.lock() {
            if c.len() >= KEPT {
                c.clear();
            }
            c.insert(key, Arc::clone(&table));
        }
        Some(table)
    }

    /// The table of Beta(a, b), or `None` for shapes that are not positive and finite (PERT's
    /// lie in [1, 5]).
    pub fn new(a: f64, b: f64, maths: Maths) -> Option<Self> {
        if !(a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite()) {
            return None;
        }
        let ln_b = ln_beta(maths, a, b);
        let last = (BETA_KNOTS - 1) as f64;
        let x: Vec<f64> = (0..BETA_KNOTS)
            .map(|m| 0.5 * (1.0 - maths.cos(std::f64::consts::PI * m as f64 / last)))
            .map(|x| x.clamp(0.0, 1.0))
            .collect();
        let cdf: Vec<f64> = x.iter().map(|&x| beta_cdf(maths, a, b, x)).collect();
        let pdf: Vec<f64> = x
            .iter()
            .map(|&x| {
                if x <= 0.0 || x >= 1.0 {
                    // The density at an end: 0 for a shape above 1, the limit for a shape of 1.
                    let shape = if x <= 0.0 { a } else { b };
                    if shape > 1.0 { 0.0 } else { maths.exp(-ln_b) }
                } else {
                    density(maths, a, b, ln_b, x)
                }
            })
            .collect();
        let bucket = (0..BUCKETS)
            .map(|b| {
                let p = b as f64 / BUCKETS as f64;
                (cdf_values_below(&cdf, p)) as u16
            })
            .collect();
        let last = BETA_KNOTS - 1;
        let intervals = (0..last)
            .map(|m| {
                let (x0, x1) = (x[m], x[m + 1]);
                let (f0, f1) = (cdf[m], cdf[m + 1]);
                let (d0, d1) = (pdf[m], pdf[m + 1]);
                let span = f1 - f0;
                Interval {
                    x0,
                    x0_plus_h: x0 + (x1 - x0),
                    f0,
                    span,
                    s0: span / d0,
                    s1: span / d1,
                    cubic: m >= TAIL_INTERVALS && m < last - TAIL_INTERVALS && d0 > 0.0 && d1 > 0.0,
                }
            })
            .collect();
        Some(BetaTable {
            bucket,
            a,
            b,
            maths,
            ln_b,
            x,
            cdf,
            intervals,
        })
    }

    /// The distribution function at `x`.
    fn cdf(&self, x: f64) -> f64 {
        beta_cdf(self.maths, self.a, self.b, x)
    }

    /// The quantile for `p` to rounding: [`BetaTable::quantile`] polished by Newton steps on the
    /// exact distribution function, for the figures people read (an input's P10 and P90).
    pub fn precise_quantile(&self, p: f64) -> f64 {
        if p <= 0.0 || p >= 1.0 || p.is_nan() {
            return self.quantile(p);
        }
        let x = self.quantile(p);
        self.polish(p, x, 0.0, 1.0, 0.0)
    }

    /// Newton's method from `x` for `F(x) = p`, kept inside `[lo, hi]` by bisection, until
    /// `|F(x) − p| ≤ tolerance` or the step or bracket is below 1e-15.
    fn polish(&self, p: f64, mut x: f64, mut lo: f64, mut hi: f64, tolerance: f64) -> f64 {
        for _ in 0..50 {
            let g = self.cdf(x) - p;
            if g.abs() <= tolerance {
                return x;
            }
            if g > 0.0 {
                hi = x;
            } else {
                lo = x;
            }
            let f = density(self.maths, self.a, self.b, self.ln_b, x);
            let mut next = if f > 0.0 { x - g / f } else { f64::NAN };
            if !(next > lo && next < hi) {
                next = 0.5 * (lo + hi);
            }
            if (next - x).abs() <= 1e-15 || hi - lo <= 1e-15 {
                return next;
            }
            x = next;
        }
        x
    }

    /// The value below which a share `p` (0 to 1) of the distribution lies.
    pub fn quantile(&self, p: f64) -> f64 {
        self.in_interval(p, self.interval_of(p))
    }

    /// [`BetaTable::quantile`] of each of `values`, in place; `intervals` is room for one knot
    /// interval a value. The same bits, in two passes: finding every value's interval, then
    /// working out each value in its interval. One quantile alone is a chain of dependent loads
    /// and arithmetic; in passes, the processor works on several values at once.
    pub fn quantiles(&self, values: &mut [f64], intervals: &mut [u16]) {
        for (&p, m) in values.iter().zip(intervals.iter_mut()) {
            *m = self.interval_of(p);
        }
        for (p, &m) in values.iter_mut().zip(intervals.iter()) {
            *p = self.in_interval(*p, m);
        }
    }

    /// The knot interval `[m, m + 1]` with `F(x_m) <= p < F(x_{m+1})` (the first or last for a
    /// `p` outside them).
    #[inline(always)]
    fn interval_of(&self, p: f64) -> u16 {
        let last = self.x.len() - 1;
        // From the bucket of p: between the knot interval of this slice's lower end and that of
        // the next slice's.
        let slice = ((p * BUCKETS as f64) as usize).min(BUCKETS - 1);
        let low = self.bucket[slice] as usize;
        let high = self
            .bucket
            .get(slice + 1)
            .map_or(last - 1, |&h| (h as usize).max(low));
        let m = if high <= low + 1 {
            // One or two knots to compare with, as nearly every slice has (away from the ends a
            // knot interval spans several slices): counted without a branch, which the
            // processor could only guess at.
            let second = self.cdf.get(low + 2).copied().unwrap_or(f64::INFINITY);
            low + usize::from(self.cdf[low + 1] <= p) + usize::from((high > low) & (second <= p))
        } else {
            low + self.cdf[low + 1..=high + 1].partition_point(|&f| f <= p)
        };
        m.min(last - 1) as u16
    }

    /// The quantile for `p` in knot interval `m` ([`BetaTable::interval_of`]).
    #[inline(always)]
    fn in_interval(&self, p: f64, m: u16) -> f64 {
        if p <= 0.0 {
            return 0.0;
        }
        if p >= 1.0 {
            return 1.0;
        }
        let m = usize::from(m);
        let Interval {
            x0,
            x0_plus_h,
            f0,
            span,
            s0,
            s1,
            cubic,
        } = self.intervals[m];
        if span <= 0.0 {
            return x0;
        }
        if cubic {
            // The inverse as a cubic Hermite in p: values x0, x1, slopes 1/f0, 1/f1 (s0 and s1
            // are the slopes times the span).
            let t = (p - f0) / span;
            let t2 = t * t;
            let t3 = t2 * t;
            return (2.0 * t3 - 3.0 * t2 + 1.0) * x0
                + (t3 - 2.0 * t2 + t) * s0
                + (-2.0 * t3 + 3.0 * t2) * x0_plus_h
                + (t3 - t2) * s1;
        }
        // Near the ends a density like x^0.3 bends faster than a cubic can follow: Newton steps
        // on the exact distribution function, kept inside the interval (a fraction of a percent
        // of draws land here), to far inside what a stratum needs (the test below asks 1e-7).
        let x1 = self.x[m + 1];
        self.polish(p, x0 + (x1 - x0) * (p - f0) / span, x0, x1, 1e-11)
    }
}

/// The Beta(a, b) density at `x` inside (0, 1), with `ln_b = ln B(a, b)`.
fn density(maths: Maths, a: f64, b: f64, ln_b: f64, x: f64) -> f64 {
    maths.exp((a - 1.0) * maths.ln(x) + (b - 1.0) * maths.ln_1p(-x) - ln_b)
}

/// A hasher for keys that are already hashes (stream keys): uses them as they are.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Where each iteration of a run takes each uncertain input from.
#[derive(Debug, Default)]
pub struct DrawPlan {
    sampling: Sampling,
    seed: u64,
    iterations: u64,
    /// Latin hypercube: each sampled input's inverse distribution function and, for each
    /// replicate, its order of strata, by stream key.
    latin: KeyMap<(InverseCdf, Vec<Permutation>)>,
    /// Replicates of the run (1: one hypercube).
    replicates: u64,
    /// Inputs with a rank correlation: for each iteration, the stratum (Latin hypercube) or the
    /// iteration whose draw it takes (Monte Carlo), by stream key.
    arranged: KeyMap<Vec<u32>>,
    /// Latin hypercube, a run of at most [`COLUMN_ITERATIONS`]: each uncorrelated input's
    /// unclamped value in every iteration, by stream key ([`Columns`]).
    columns: KeyMap<std::sync::Arc<Vec<f64>>>,
    /// Latin hypercube, a longer run: the uncorrelated inputs whose values a [`Block`] holds,
    /// in its order, and each one's place in that order by stream key.
    blocked: Vec<u64>,
    slots: KeyMap<usize>,
}

/// The unclamped values of a long Latin hypercube run's uncorrelated inputs in one stretch of
/// consecutive iterations ([`DrawPlan::fill_block`]), worked out input by input before the
/// stretch is simulated: each input's inverse distribution function then stays in the cache
/// while it is used, and its strata are walked a batch at a time ([`Permutation::apply_from`]).
/// The values are the same as drawing each on its own.
#[derive(Debug, Default)]
pub struct Block {
    first: u64,
    len: usize,
    /// `[slot][iteration - first]`.
    values: Vec<f64>,
    streams: Vec<IterationStreams>,
    strata: Vec<u64>,
    intervals: Vec<u16>,
}

/// Iterations a [`Block`] holds: eight chunks of the run. Each input's Beta table (some 17 KB) is
/// read from memory once a block rather than once a chunk, when a chunk's 256 draws would touch
/// most of its cache lines once each.
const BLOCK_ITERATIONS: u64 = 2_048;

impl Block {
    /// Whether this block holds iterations `first..first + len`.
    fn holds(&self, first: u64, len: usize) -> bool {
        self.len > 0 && first >= self.first && first + len as u64 <= self.first + self.len as u64
    }

    /// The value in `slot` for `iteration`, if this block holds it.
    fn value(&self, slot: usize, iteration: u64) -> Option<f64> {
        let j = usize::try_from(iteration.checked_sub(self.first)?).ok()?;
        if j >= self.len {
            return None;
        }
        self.values.get(slot * self.len + j).copied()
    }
}

/// One input's unclamped Latin hypercube values in iterations `first..first + out.len()` of a
/// run of `n` iterations in `k` replicates: its stratum in its replicate's hypercube plus the
/// uniform of its own stream (`streams[j]` belongs to iteration `first + j`), as a share of the
/// replicate, through its inverse distribution function; `strata` and `intervals` are room for
/// the strata and the knot intervals.
#[allow(clippy::too_many_arguments)]
fn fill_values(
    inverse: &InverseCdf,
    orders: &[Permutation],
    (n, k): (u64, u64),
    key: u64,
    first: u64,
    streams: &[IterationStreams],
    (strata, intervals): (&mut [u64], &mut [u16]),
    out: &mut [f64],
) {
    let end = first + out.len() as u64;
    let mut i = first;
    while i < end {
        let b = replicate_of(i, n, k);
        let start = replicate_start(b, n, k);
        let next = replicate_start(b + 1, n, k);
        let size = (next - start) as f64;
        let stop = next.min(end);
        let (from, to) = ((i - first) as usize, (stop - first) as usize);
        orders[b as usize].apply_from(i - start, &mut strata[from..to]);
        for j in from..to {
            let u: f64 = streams[j].stream(key).random();
            out[j] = (strata[j] as f64 + u) / size;
        }
        i = stop;
    }
    inverse.quantiles(out, intervals);
}

/// The longest run whose Latin hypercube values are worked out as whole columns and kept between
/// runs ([`Columns`]): 8 bytes an input an iteration.
const COLUMN_ITERATIONS: u64 = 20_000;

/// Latin hypercube columns kept between runs, by everything a column depends on: the seed, the
/// run's length, the input's stream key and its sampler. A switching value re-runs the scenario
/// dozens of times with one input moved, and a preview after an edit changes one input: every
/// other input's column is the same as the last run's, and is taken from here rather than drawn
/// again (in the default scenario, drawing is two-thirds of a Latin hypercube run's time).
struct Columns {
    kept: HashMap<ColumnKey, std::sync::Arc<Vec<f64>>>,
    bytes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ColumnKey {
    seed: u64,
    iterations: u64,
    key: u64,
    sampler: SamplerIdentity,
}

/// Bytes of columns kept before the store is emptied: a switching-value search at 10,000
/// iterations of the default scenario keeps about 10 MB.
const COLUMN_BYTES: usize = 32 << 20;

impl Columns {
    fn store() -> &'static std::sync::Mutex<Columns> {
        use std::sync::{Mutex, OnceLock};
        static STORE: OnceLock<Mutex<Columns>> = OnceLock::new();
        STORE.get_or_init(|| {
            Mutex::new(Columns {
                kept: HashMap::new(),
                bytes: 0,
            })
        })
    }

    /// Lets the kept columns go: a run too long for columns needs the memory more.
    fn clear() {
        if let Ok(mut c) = Self::store().lock() {
            c.kept = HashMap::new();
            c.bytes = 0;
        }
    }

    /// The column of `key`, from the store or worked out (and kept).
    fn get_or_build(
        seed: u64,
        iterations: u64,
        key: u64,
        sampler: &Sampler,
        build: impl FnOnce() -> Vec<f64>,
    ) -> std::sync::Arc<Vec<f64>> {
        use std::sync::Arc;
        let store = Self::store();
        let id = ColumnKey {
            seed,
            iterations,
            key,
            sampler: sampler.identity(),
        };
        if let Some(found) = store.lock().ok().and_then(|c| c.kept.get(&id).cloned()) {
            return found;
        }
        let column = Arc::new(build());
        if let Ok(mut c) = store.lock() {
            let size = column.len() * std::mem::size_of::<f64>();
            if c.bytes + size > COLUMN_BYTES {
                c.kept.clear();
                c.bytes = 0;
            }
            if c.kept.insert(id, Arc::clone(&column)).is_none() {
                c.bytes += size;
            }
        }
        column
    }
}

impl DrawPlan {
    /// Independent Monte Carlo draws: what every file that names no method gets.
    pub fn monte_carlo() -> Self {
        DrawPlan::default()
    }

    /// A plan for `iterations` iterations of a run seeded with `seed`, drawing the samplers
    /// named by their stream keys; `arranged` holds the correlated inputs' orders.
    pub fn new<'a>(
        sampling: Sampling,
        seed: u64,
        iterations: u64,
        samplers: impl IntoIterator<Item = (u64, &'a Sampler)>,
        arranged: KeyMap<Vec<u32>>,
    ) -> Self {
        Self::build(
            sampling,
            seed,
            iterations,
            samplers,
            arranged,
            iterations <= COLUMN_ITERATIONS,
        )
    }

    /// [`DrawPlan::new`], with whole columns (`columns`) or drawing each value when asked.
    fn build<'a>(
        sampling: Sampling,
        seed: u64,
        iterations: u64,
        samplers: impl IntoIterator<Item = (u64, &'a Sampler)>,
        arranged: KeyMap<Vec<u32>>,
        columns: bool,
    ) -> Self {
        let sampled: Vec<(u64, &Sampler)> = match sampling {
            Sampling::MonteCarlo => Vec::new(),
            Sampling::LatinHypercube => samplers
                .into_iter()
                .filter(|(_, s)| !s.is_fixed())
                .collect(),
        };
        // Each PERT input's table takes some 50 µs: built in parallel.
        let latin: KeyMap<(InverseCdf, Vec<Permutation>)> = sampled
            .par_iter()
            .map(|&(k, s)| (k, (InverseCdf::new(s), strata(seed, iterations, k))))
            .collect();
        let k = replicates(iterations);
        let uncorrelated = sampled
            .iter()
            .filter(|(key, _)| !arranged.contains_key(key));
        let (columns, blocked) = if columns {
            let streams: Vec<IterationStreams> = (0..iterations)
                .map(|i| IterationStreams::new(seed, i))
                .collect();
            let columns = uncorrelated
                .collect::<Vec<_>>()
                .par_iter()
                .filter_map(|&&(key, sampler)| {
                    let (inverse, orders) = latin.get(&key)?;
                    let column = Columns::get_or_build(seed, iterations, key, sampler, || {
                        let mut column = vec![0.0; streams.len()];
                        let mut strata = vec![0; streams.len()];
                        let mut intervals = vec![0; streams.len()];
                        let run = (iterations, k);
                        let room = (&mut strata[..], &mut intervals[..]);
                        fill_values(inverse, orders, run, key, 0, &streams, room, &mut column);
                        column
                    });
                    Some((key, column))
                })
                .collect();
            (columns, Vec::new())
        } else {
            if sampling == Sampling::LatinHypercube {
                Columns::clear();
            }
            (
                KeyMap::default(),
                uncorrelated.map(|&(key, _)| key).collect(),
            )
        };
        let slots = blocked
            .iter()
            .enumerate()
            .map(|(slot, &key)| (key, slot))
            .collect();
        DrawPlan {
            sampling,
            seed,
            iterations,
            latin,
            replicates: k,
            arranged,
            columns,
            blocked,
            slots,
        }
    }

    /// Makes `block` hold iterations `first..first + len` (a chunk of the run): leaves it as it
    /// is if it does, or works out the stretch of [`BLOCK_ITERATIONS`] that holds them. A
    /// thread simulates consecutive chunks, so one block serves several.
    pub fn cover(&self, first: u64, len: usize, block: &mut Block) {
        if self.blocked.is_empty() || block.holds(first, len) {
            return;
        }
        let start = first / BLOCK_ITERATIONS * BLOCK_ITERATIONS;
        let end = (start + BLOCK_ITERATIONS)
            .min(self.iterations)
            .max(first + len as u64);
        self.fill_block(start, (end - start) as usize, block);
    }

    /// Works out the values of iterations `first..first + len` of every input a [`Block`]
    /// holds (none, unless the run is a Latin hypercube too long for whole columns).
    pub fn fill_block(&self, first: u64, len: usize, block: &mut Block) {
        block.first = first;
        block.len = 0;
        if self.blocked.is_empty() {
            return;
        }
        block.streams.clear();
        block
            .streams
            .extend((first..first + len as u64).map(|i| IterationStreams::new(self.seed, i)));
        block.strata.resize(len, 0);
        block.intervals.resize(len, 0);
        block.values.resize(self.blocked.len() * len, 0.0);
        let run = (self.iterations, self.replicates);
        for (&key, out) in self.blocked.iter().zip(block.values.chunks_exact_mut(len)) {
            if let Some((inverse, orders)) = self.latin.get(&key) {
                let room = (&mut block.strata[..], &mut block.intervals[..]);
                fill_values(inverse, orders, run, key, first, &block.streams, room, out);
            }
        }
        block.len = len;
    }

    pub fn sampling(&self) -> Sampling {
        self.sampling
    }

    /// Input `key`'s draw in iteration `iteration`, clamped, and whether clamping changed it;
    /// from `block` if it holds the value.
    pub fn draw(
        &self,
        block: &Block,
        sampler: &Sampler,
        key: u64,
        iteration: u64,
        streams: &IterationStreams,
    ) -> (f64, bool) {
        if let Some(x) = sampler.fixed_value() {
            return (x, false);
        }
        if self.sampling == Sampling::LatinHypercube {
            // Whole columns and blocks hold only inputs without a rank correlation.
            if let Some(column) = self.columns.get(&key) {
                return sampler.clamp(column[iteration as usize]);
            }
            if let Some(x) = self
                .slots
                .get(&key)
                .and_then(|&slot| block.value(slot, iteration))
            {
                return sampler.clamp(x);
            }
        }
        let arranged = if self.arranged.is_empty() {
            None
        } else {
            self.arranged
                .get(&key)
                .map(|a| u64::from(a[iteration as usize]))
        };
        match self.sampling {
            Sampling::MonteCarlo => match arranged {
                None => sampler.draw(&mut streams.stream(key)),
                Some(source) => sampler.draw(&mut stream(self.seed, source, key)),
            },
            Sampling::LatinHypercube => {
                let u: f64 = streams.stream(key).random();
                let entry = self.latin.get(&key);
                // A correlated input is one hypercube over the whole run, arranged by rank;
                // any other is drawn in its replicate's own hypercube.
                let (n, k) = (self.iterations, self.replicates);
                let p = match (arranged, entry) {
                    (Some(stratum), _) => (stratum as f64 + u) / n as f64,
                    (None, Some((_, orders))) => stratum_probability(orders, n, k, iteration, u),
                    (None, None) => {
                        stratum_probability(&strata(self.seed, n, key), n, k, iteration, u)
                    }
                };
                let raw = match entry {
                    Some((inverse, _)) => inverse.quantile(p),
                    // Every sampled input is in the plan; this serves one that is not.
                    None => InverseCdf::new(sampler).quantile(p),
                };
                sampler.clamp(raw)
            }
        }
    }
}

/// Where an input without a rank correlation is drawn in `iteration` of a run of `n` iterations
/// in `k` replicates, whose orders of strata are `orders`: its stratum in its replicate's
/// hypercube, plus `u` (uniform on [0, 1)), as a share of the replicate.
fn stratum_probability(orders: &[Permutation], n: u64, k: u64, iteration: u64, u: f64) -> f64 {
    let b = replicate_of(iteration, n, k);
    let start = replicate_start(b, n, k);
    let size = replicate_start(b + 1, n, k) - start;
    let stratum = orders[b as usize].apply(iteration - start);
    (stratum as f64 + u) / size as f64
}

/// The order of strata of the input with stream key `key` in each replicate of a run of `n`
/// iterations.
fn strata(seed: u64, n: u64, key: u64) -> Vec<Permutation> {
    let k = replicates(n);
    (0..k)
        .map(|b| {
            let size = replicate_start(b + 1, n, k) - replicate_start(b, n, k);
            Permutation::new(size, splitmix(seed ^ key ^ splitmix(b)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dist::{Dist, Range};
    use statrs::distribution::{Beta, ContinuousCDF};

    #[test]
    fn a_permutation_uses_every_position_once() {
        for n in [1u64, 2, 3, 7, 64, 1000, 4097] {
            let p = Permutation::new(n, 42);
            let mut seen = vec![false; n as usize];
            for i in 0..n {
                let j = p.apply(i) as usize;
                assert!(!seen[j], "n = {n}: {j} twice");
                seen[j] = true;
            }
        }
        // Different keys give different orders.
        let a: Vec<u64> = (0..50).map(|i| Permutation::new(50, 1).apply(i)).collect();
        let b: Vec<u64> = (0..50).map(|i| Permutation::new(50, 2).apply(i)).collect();
        assert_ne!(a, b);
    }

    #[test]
    fn the_beta_table_puts_each_quantile_within_a_ten_millionth_of_its_probability() {
        // What Latin hypercube sampling needs of an inverse: the value it gives for `p` has
        // `F(value)` within 1e-7 of `p`, a tenth of a stratum at a million iterations.
        // PERT shapes: α = 1 + 4(mode − min)/(max − min), β = 6 − α.
        for a in [1.0, 1.02, 1.3, 2.0, 3.0, 4.2, 4.98, 5.0] {
            let b = 6.0 - a;
            let exact = Beta::new(a, b).unwrap();
            for maths in [Maths::Platform, Maths::Portable] {
                let table = BetaTable::new(a, b, maths).unwrap();
                let mut worst = 0.0f64;
                let mut worst_precise = 0.0f64;
                let probabilities = (0..=20_000)
                    .map(|i| (f64::from(i) + 0.5) / 20_001.0)
                    .chain([1e-12, 1e-9, 1e-6, 1e-4, 1.0 - 1e-4, 1.0 - 1e-6, 1.0 - 1e-9]);
                let probabilities: Vec<f64> = probabilities.collect();
                // In a batch, the same bits as one at a time.
                let mut batch = probabilities.clone();
                let mut intervals = vec![0; batch.len()];
                table.quantiles(&mut batch, &mut intervals);
                for (&p, &x) in probabilities.iter().zip(&batch) {
                    assert_eq!(x.to_bits(), table.quantile(p).to_bits(), "α = {a}, p = {p}");
                }
                for p in probabilities {
                    worst = worst.max((exact.cdf(table.quantile(p)) - p).abs());
                    worst_precise =
                        worst_precise.max((exact.cdf(table.precise_quantile(p)) - p).abs());
                }
                assert!(worst < 1e-7, "{maths:?}, α = {a}: worst error {worst:e}");
                assert!(
                    worst_precise < 1e-13,
                    "{maths:?}, α = {a}: worst error of the precise quantile {worst_precise:e}"
                );
            }
        }
    }

    #[test]
    fn a_run_is_cut_into_replicates_that_cover_it() {
        for n in [1u64, 999, 1000, 1001, 2000, 12_345] {
            let k = replicates(n);
            assert_eq!(replicate_start(0, n, k), 0);
            assert_eq!(replicate_start(k, n, k), n);
            for i in 0..n {
                let b = replicate_of(i, n, k);
                assert!(replicate_start(b, n, k) <= i && i < replicate_start(b + 1, n, k));
            }
        }
        assert_eq!(replicates(999), 1);
        assert_eq!(replicates(1000), REPLICATES);
    }

    #[test]
    fn kept_columns_give_the_values_drawn_one_by_one() {
        // Whole columns (kept between runs) and values drawn one at a time agree to the bit,
        // for a second plan that finds the columns already kept, and beside a correlated input.
        let pert = Dist::Pert {
            min: 0.1,
            mode: 0.2,
            max: 0.5,
        };
        let normal = Dist::Normal { mean: 3.0, sd: 1.0 };
        let a = Sampler::new(&pert, Range::UNIT, Maths::Portable).unwrap();
        let b = Sampler::new(&normal, Range::NON_NEGATIVE, Maths::Platform).unwrap();
        let n = 1_500u64;
        let samplers = [(21u64, &a), (22, &b), (23, &a)];
        let mut arranged = KeyMap::default();
        arranged.insert(23, (0..n as u32).rev().collect::<Vec<_>>());
        let plan = |columns| {
            DrawPlan::build(
                Sampling::LatinHypercube,
                9,
                n,
                samplers,
                arranged.clone(),
                columns,
            )
        };
        let (blocked, columns, kept) = (plan(false), plan(true), plan(true));
        assert_eq!(columns.columns.len(), 2);
        assert!(blocked.columns.is_empty());
        assert_eq!(blocked.blocked.len(), 2);
        // Blocks of 256 iterations from 0, and one of 300 from 37 that crosses replicates (of
        // 75 iterations each).
        let mut block = Block::default();
        let none = Block::default();
        let stretches = (0..n).step_by(256).map(|first| (first, 256.min(n - first)));
        for (first, len) in stretches.chain([(37, 300)]) {
            blocked.fill_block(first, len as usize, &mut block);
            for (key, sampler) in samplers {
                for i in first..first + len {
                    let streams = IterationStreams::new(9, i);
                    let drawn = blocked.draw(&none, sampler, key, i, &streams);
                    let from_block = blocked.draw(&block, sampler, key, i, &streams);
                    assert_eq!(drawn, from_block, "{key}, {i}");
                    assert_eq!(drawn, columns.draw(&none, sampler, key, i, &streams));
                    assert_eq!(drawn, kept.draw(&none, sampler, key, i, &streams));
                }
            }
        }
    }

    #[test]
    fn every_build_of_the_network_gives_the_same_values() {
        let p = Permutation::new(5_000, 11);
        let start: Vec<u64> = (0..1_000).map(|i| i * 16).collect();
        let mut portable = start.clone();
        networks(VectorBuild::Portable, &p, &mut portable);
        for (&x, &y) in start.iter().zip(&portable) {
            assert_eq!(y, p.network(x));
        }
        for build in VectorBuild::ALL.into_iter().filter(|b| b.available()) {
            let mut values = start.clone();
            networks(build, &p, &mut values);
            assert_eq!(values, portable, "{}", build.name());
        }
    }

    #[test]
    fn a_batch_of_positions_goes_where_each_goes_alone() {
        for n in [1u64, 2, 75, 1000, 5000, 50_000] {
            let p = Permutation::new(n, 3);
            for (from, len) in [(0, n), (n / 3, n - n / 3), (n - 1, 1)] {
                let mut out = vec![0; len as usize];
                p.apply_from(from, &mut out);
                for (j, &x) in out.iter().enumerate() {
                    assert_eq!(
                        x,
                        p.apply(from + j as u64),
                        "n = {n}, position {}",
                        from + j as u64
                    );
                }
            }
        }
    }

    #[test]
    fn latin_hypercube_uses_each_stratum_once_per_input() {
        let pert = Dist::Pert {
            min: 0.1,
            mode: 0.2,
            max: 0.5,
        };
        let sampler = Sampler::new(&pert, Range::UNIT, Maths::Portable).unwrap();
        let n = 1000u64;
        let keys = [11u64, 12];
        let plan = DrawPlan::new(
            Sampling::LatinHypercube,
            7,
            n,
            keys.iter().map(|&k| (k, &sampler)),
            KeyMap::default(),
        );
        let quantiles =
            crate::model::quantiles::Quantiles::new(&pert, Range::UNIT, Maths::Portable).unwrap();
        let k = replicates(n);
        assert_eq!(k, REPLICATES);
        for key in keys {
            for b in 0..k {
                let (start, end) = (replicate_start(b, n, k), replicate_start(b + 1, n, k));
                let size = (end - start) as usize;
                let mut hits = vec![0u32; size];
                for i in start..end {
                    let streams = IterationStreams::new(7, i);
                    let (x, _) = plan.draw(&Block::default(), &sampler, key, i, &streams);
                    // The stratum of its replicate a value fell in, from the exact distribution
                    // function.
                    let stratum = (quantiles.share_below(x) * size as f64).floor() as usize;
                    hits[stratum.min(size - 1)] += 1;
                }
                assert!(hits.iter().all(|&h| h == 1), "replicate {b}: {hits:?}");
            }
        }
    }
}
