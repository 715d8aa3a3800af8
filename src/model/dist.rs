//! Uncertain inputs: the six distribution families of a scenario file, the checked samplers the
//! engine draws from, the clamp ranges of MODEL.md §3, and turning an input into another family.
//! Exact quantiles are in [`super::quantiles`].
//!
//! Owns no I/O. Samplers are built through statrs' fallible constructors, so a distribution that
//! exists in a checked scenario can always be drawn from.

use rand::Rng;
use rand::RngExt;
use rand::distr::Distribution;
use serde::{Deserialize, Serialize};
use statrs::distribution::{Beta, LogNormal, Normal, Triangular, Uniform};

use super::maths::Maths;

/// One uncertain input as written in a scenario file. A bare number in a file means [`Dist::Fixed`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Dist {
    Fixed(f64),
    Uniform {
        min: f64,
        max: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    /// Beta-PERT with λ = 4.
    Pert {
        min: f64,
        mode: f64,
        max: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    /// `mean` and `sd` are those of the variable itself, not of its logarithm.
    LogNormal {
        mean: f64,
        sd: f64,
    },
}

/// The six families of [`Dist`], for choosing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    Fixed,
    Uniform,
    Triangular,
    Pert,
    Normal,
    LogNormal,
}

impl Family {
    /// Every family, in the order the file format lists them.
    pub const ALL: [Family; 6] = [
        Family::Fixed,
        Family::Uniform,
        Family::Triangular,
        Family::Pert,
        Family::Normal,
        Family::LogNormal,
    ];

    /// The name as written in a file.
    pub fn name(self) -> &'static str {
        match self {
            Family::Fixed => "Fixed",
            Family::Uniform => "Uniform",
            Family::Triangular => "Triangular",
            Family::Pert => "Pert",
            Family::Normal => "Normal",
            Family::LogNormal => "LogNormal",
        }
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The file form of a [`Dist`]: the tagged variants, or a bare number.
///
/// RON hands serde's untagged buffering the variant name of `Pert(min: …)`, so both spellings
/// load. The generic "did not match any variant" error this produces is replaced by
/// [`DIST_EXPECTED`] in `Dist`'s `Deserialize`.
#[derive(Deserialize)]
#[serde(untagged)]
enum DistRepr {
    Bare(f64),
    Tagged(TaggedDist),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
enum TaggedDist {
    Fixed(f64),
    Uniform { min: f64, max: f64 },
    Triangular { min: f64, mode: f64, max: f64 },
    Pert { min: f64, mode: f64, max: f64 },
    Normal { mean: f64, sd: f64 },
    LogNormal { mean: f64, sd: f64 },
}

/// What a file must contain where a distribution is expected; shown when it contains something else.
pub const DIST_EXPECTED: &str = "expected a number or one of Fixed(x), Uniform(min, max), \
Triangular(min, mode, max), Pert(min, mode, max), Normal(mean, sd), LogNormal(mean, sd), \
each with its parameters named";

impl<'de> Deserialize<'de> for Dist {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = DistRepr::deserialize(deserializer).map_err(|e| {
            // Keep serde's own message (a missing field, say) unless it is the untagged
            // enum's "did not match any variant", which tells a user nothing.
            if e.to_string().contains("did not match any variant") {
                serde::de::Error::custom(DIST_EXPECTED)
            } else {
                e
            }
        })?;
        Ok(match repr {
            DistRepr::Bare(x) | DistRepr::Tagged(TaggedDist::Fixed(x)) => Dist::Fixed(x),
            DistRepr::Tagged(TaggedDist::Uniform { min, max }) => Dist::Uniform { min, max },
            DistRepr::Tagged(TaggedDist::Triangular { min, mode, max }) => {
                Dist::Triangular { min, mode, max }
            }
            DistRepr::Tagged(TaggedDist::Pert { min, mode, max }) => Dist::Pert { min, mode, max },
            DistRepr::Tagged(TaggedDist::Normal { mean, sd }) => Dist::Normal { mean, sd },
            DistRepr::Tagged(TaggedDist::LogNormal { mean, sd }) => Dist::LogNormal { mean, sd },
        })
    }
}

/// The distribution as a scenario file writes it: `Pert(min: 0.1, mode: 0.15, max: 0.25)`,
/// `Fixed(2200.0)`. Numbers keep their decimal point, as in a saved file.
impl std::fmt::Display for Dist {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Dist::Fixed(x) = self {
            return write!(f, "Fixed({x:?})");
        }
        write!(f, "{}(", self.family())?;
        for (i, (name, value)) in self.parameters().into_iter().enumerate() {
            if i > 0 {
                write!(f, ", ")?;
            }
            write!(f, "{name}: {value:?}")?;
        }
        write!(f, ")")
    }
}

impl From<f64> for Dist {
    fn from(x: f64) -> Self {
        Dist::Fixed(x)
    }
}

impl Dist {
    /// The variant's family; its name is as written in a file.
    pub fn family(&self) -> Family {
        match self {
            Dist::Fixed(_) => Family::Fixed,
            Dist::Uniform { .. } => Family::Uniform,
            Dist::Triangular { .. } => Family::Triangular,
            Dist::Pert { .. } => Family::Pert,
            Dist::Normal { .. } => Family::Normal,
            Dist::LogNormal { .. } => Family::LogNormal,
        }
    }

    /// The same input as a distribution of another family, keeping its mean and standard
    /// deviation where the family allows, with every bound inside `range`. From a fixed value
    /// (no spread) the spread is a tenth of the value, or `min_spread` where that is more (a fixed
    /// zero has no tenth): a percentage field might ask for one percentage point.
    pub fn as_family(&self, family: Family, range: Range, min_spread: f64) -> Dist {
        let centre = self.mean();
        let mut spread = self.variance().max(0.0).sqrt();
        if !(spread.is_finite() && spread > 0.0) {
            spread = (centre.abs() * 0.1).max(min_spread);
        }
        let clamp = |x: f64| x.clamp(range.min, range.max);
        let around = |half_width: f64| (clamp(centre - half_width), clamp(centre + half_width));
        match family {
            // Half-widths that give the same standard deviation: √3 σ, √6 σ; PERT's λ = 4
            // puts its range at about six standard deviations.
            Family::Uniform => {
                let (min, max) = around(3f64.sqrt() * spread);
                Dist::Uniform { min, max }
            }
            Family::Triangular => {
                let (min, max) = around(6f64.sqrt() * spread);
                Dist::Triangular {
                    min,
                    mode: clamp(centre),
                    max,
                }
            }
            Family::Pert => {
                let (min, max) = around(3.0 * spread);
                Dist::Pert {
                    min,
                    mode: clamp(centre),
                    max,
                }
            }
            Family::Normal => Dist::Normal {
                mean: centre,
                sd: spread,
            },
            Family::LogNormal => Dist::LogNormal {
                mean: centre,
                sd: spread,
            },
            Family::Fixed => Dist::Fixed(centre),
        }
    }

    /// True when the input carries no uncertainty.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Dist::Fixed(_))
    }

    /// The distribution of `k` times the variable (`k > 0`): every location and spread scaled, the
    /// family and its shape kept.
    pub fn scaled(&self, k: f64) -> Dist {
        match *self {
            Dist::Fixed(x) => Dist::Fixed(x * k),
            Dist::Uniform { min, max } => Dist::Uniform {
                min: min * k,
                max: max * k,
            },
            Dist::Triangular { min, mode, max } => Dist::Triangular {
                min: min * k,
                mode: mode * k,
                max: max * k,
            },
            Dist::Pert { min, mode, max } => Dist::Pert {
                min: min * k,
                mode: mode * k,
                max: max * k,
            },
            Dist::Normal { mean, sd } => Dist::Normal {
                mean: mean * k,
                sd: sd * k,
            },
            Dist::LogNormal { mean, sd } => Dist::LogNormal {
                mean: mean * k,
                sd: sd * k,
            },
        }
    }

    /// The distribution of the variable plus `delta`: its location moved, its spread kept. Drawn
    /// on the same random numbers, every family but the log-normal gives each draw plus `delta`
    /// exactly (before clamping); a log-normal keeps its standard deviation in the variable's own
    /// units (its shape in logarithms changes a little), as the file can state no other.
    pub fn shifted(&self, delta: f64) -> Dist {
        match *self {
            Dist::Fixed(x) => Dist::Fixed(x + delta),
            Dist::Uniform { min, max } => Dist::Uniform {
                min: min + delta,
                max: max + delta,
            },
            Dist::Triangular { min, mode, max } => Dist::Triangular {
                min: min + delta,
                mode: mode + delta,
                max: max + delta,
            },
            Dist::Pert { min, mode, max } => Dist::Pert {
                min: min + delta,
                mode: mode + delta,
                max: max + delta,
            },
            Dist::Normal { mean, sd } => Dist::Normal {
                mean: mean + delta,
                sd,
            },
            Dist::LogNormal { mean, sd } => Dist::LogNormal {
                mean: mean + delta,
                sd,
            },
        }
    }

    /// The analytic mean of the distribution (before clamping).
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Fixed(x) => x,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Pert { min, mode, max } => (min + 4.0 * mode + max) / 6.0,
            Dist::Normal { mean, .. } | Dist::LogNormal { mean, .. } => mean,
        }
    }

    /// The analytic variance of the distribution (before clamping).
    pub fn variance(&self) -> f64 {
        match *self {
            Dist::Fixed(_) => 0.0,
            Dist::Uniform { min, max } => (max - min).powi(2) / 12.0,
            Dist::Triangular { min, mode, max } => {
                (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18.0
            }
            Dist::Pert { min, mode, max } => {
                if max <= min {
                    return 0.0;
                }
                let (a, b) = pert_shapes(min, mode, max);
                (max - min).powi(2) * a * b / ((a + b).powi(2) * (a + b + 1.0))
            }
            Dist::Normal { sd, .. } | Dist::LogNormal { sd, .. } => sd * sd,
        }
    }

    /// Every parameter with its name, in file order.
    pub fn parameters(&self) -> Vec<(&'static str, f64)> {
        match *self {
            Dist::Fixed(x) => vec![("value", x)],
            Dist::Uniform { min, max } => vec![("min", min), ("max", max)],
            Dist::Triangular { min, mode, max } | Dist::Pert { min, mode, max } => {
                vec![("min", min), ("mode", mode), ("max", max)]
            }
            Dist::Normal { mean, sd } | Dist::LogNormal { mean, sd } => {
                vec![("mean", mean), ("sd", sd)]
            }
        }
    }

    /// Every rule the parameters break, as plain sentences (empty when valid).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, value) in self.parameters() {
            if !value.is_finite() {
                out.push(format!("{name} must be a finite number, not {value}"));
            }
        }
        if !out.is_empty() {
            return out;
        }
        // Each finite, but too far apart to draw between: the width overflows.
        let too_wide = |min: f64, max: f64| {
            format!(
                "min {min} and max {max} are too far apart to compute with (the width passes \
                 about 1.8e308)"
            )
        };
        match *self {
            Dist::Fixed(_) => {}
            Dist::Uniform { min, max }
            | Dist::Triangular { min, max, .. }
            | Dist::Pert { min, max, .. }
                if (max - min).is_infinite() =>
            {
                out.push(too_wide(min, max));
            }
            Dist::Uniform { min, max } => {
                if min > max {
                    out.push(format!("min {min} is above max {max}"));
                }
            }
            Dist::Triangular { min, mode, max } | Dist::Pert { min, mode, max } => {
                if min > mode {
                    out.push(format!("min {min} is above mode {mode}"));
                }
                if mode > max {
                    out.push(format!("mode {mode} is above max {max}"));
                }
                if min > max && min <= mode && mode <= max {
                    out.push(format!("min {min} is above max {max}"));
                }
            }
            Dist::Normal { sd, .. } => {
                if sd < 0.0 {
                    out.push(format!("sd {sd} is negative"));
                }
            }
            Dist::LogNormal { mean, sd } => {
                if mean <= 0.0 {
                    out.push(format!("LogNormal mean {mean} must be above 0"));
                }
                if sd < 0.0 {
                    out.push(format!("sd {sd} is negative"));
                }
                if mean > 0.0 && !(sd / mean).powi(2).is_finite() {
                    out.push(format!(
                        "sd {sd} is too large for mean {mean} to compute with (sd/mean must \
                         stay below about 1e154)"
                    ));
                }
            }
        }
        out
    }
}

/// The Beta shapes (α, β) of a Beta-PERT with λ = 4 on `[min, max]`.
pub(crate) fn pert_shapes(min: f64, mode: f64, max: f64) -> (f64, f64) {
    let range = max - min;
    (
        1.0 + 4.0 * (mode - min) / range,
        1.0 + 4.0 * (max - mode) / range,
    )
}

/// The location μ and scale σ of the logarithm of a LogNormal with this `mean` and `sd` (of the
/// value itself).
pub(crate) fn lognormal_parameters(mean: f64, sd: f64, maths: Maths) -> (f64, f64) {
    // (sd/mean)², not sd²/mean²: the squares of large figures overflow first.
    let sigma2 = maths.ln_1p((sd / mean).powi(2));
    (maths.ln(mean) - sigma2 / 2.0, sigma2.sqrt())
}

/// The interval a drawn value is clamped to where it is used (MODEL.md §3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

impl Range {
    pub const UNIT: Range = Range::new(0.0, 1.0);
    pub const RATE_95: Range = Range::new(0.0, 0.95);
    pub const SIGNED_95: Range = Range::new(-0.95, 0.95);
    pub const GROWTH: Range = Range::new(-0.5, f64::INFINITY);
    pub const EFFICIENCY: Range = Range::new(-0.2, 0.2);
    pub const REDUCTION: Range = Range::new(-0.5, 0.9);
    pub const QUALITY_DELTA: Range = Range::new(-100.0, 100.0);
    pub const AT_LEAST_ONE: Range = Range::new(1.0, f64::INFINITY);
    pub const RAMP_YEARS: Range = Range::new(1.0 / 12.0, f64::INFINITY);
    pub const NON_NEGATIVE: Range = Range::new(0.0, f64::INFINITY);

    pub const fn new(min: f64, max: f64) -> Self {
        Range { min, max }
    }

    pub fn contains(&self, x: f64) -> bool {
        x >= self.min && x <= self.max
    }

    /// `[0, 1]`, `[1, ∞)` and the like, for messages.
    pub fn describe(&self) -> String {
        if self.max.is_infinite() {
            format!("[{}, ∞)", self.min)
        } else {
            format!("[{}, {}]", self.min, self.max)
        }
    }
}

/// A distribution checked for drawing, with its clamp range.
#[derive(Debug, Clone)]
pub struct Sampler {
    kind: SamplerKind,
    /// The same distribution in statrs' terms, for its inverse (Latin hypercube sampling).
    shape: Shape,
    range: Range,
    /// The elementary functions its draws and inverse use.
    maths: Maths,
    /// The distribution as written, for [`Sampler::identity`].
    dist: Dist,
}

/// What a sampler's draws depend on ([`Sampler::identity`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct SamplerIdentity {
    bits: [u64; 6],
    maths: Maths,
}

#[derive(Debug, Clone)]
enum SamplerKind {
    Fixed(f64),
    Uniform(Uniform),
    Triangular(Triangular),
    Pert {
        min: f64,
        width: f64,
        alpha: GammaShape,
        beta: GammaShape,
    },
    Normal {
        mean: f64,
        sd: f64,
        d: Normal,
    },
    LogNormal {
        mu: f64,
        sigma: f64,
        d: LogNormal,
    },
}

/// A Gamma(shape, 1) distribution with shape ≥ 1, sampled by Marsaglia & Tsang's method ("A
/// simple method for generating gamma variables", ACM TOMS 26(3), 2000), an exact rejection
/// method, with its constants worked out once rather than on every draw. Beta-PERT shapes are
/// always between 1 and 5.
#[derive(Debug, Clone, Copy)]
struct GammaShape {
    /// `shape − 1/3`.
    d: f64,
    /// `1 / √(9d)`.
    c: f64,
}

impl GammaShape {
    fn new(shape: f64) -> Self {
        let d = shape - 1.0 / 3.0;
        GammaShape {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
        }
    }

    fn sample<R: Rng + ?Sized>(&self, rng: &mut R, maths: Maths) -> f64 {
        loop {
            let x = maths.standard_normal(rng);
            let v = 1.0 + self.c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u: f64 = rng.random();
            let x2 = x * x;
            // The squeeze accepts about 98% of draws without a logarithm.
            if u < 1.0 - 0.0331 * x2 * x2
                || maths.ln(u) < 0.5 * x2 + self.d * (1.0 - v + maths.ln(v))
            {
                return self.d * v;
            }
        }
    }
}

/// Why a [`Dist`] could not be turned into a [`Sampler`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct DistError(pub String);

/// A checked distribution in statrs' terms, before clamping: what the engine draws from (through
/// [`Sampler`]) and what [`super::quantiles`] inverts. The one place a [`Dist`] becomes statrs
/// distributions, through their fallible constructors.
#[derive(Debug, Clone)]
pub(crate) enum Shape {
    /// No uncertainty, or a distribution of zero width.
    Fixed(f64),
    Uniform(Uniform),
    Triangular(Triangular),
    /// A Beta distribution stretched over `[min, min + width]`.
    Pert {
        min: f64,
        width: f64,
        beta: Beta,
    },
    Normal {
        mean: f64,
        sd: f64,
        d: Normal,
    },
    /// The logarithm is Normal(μ, σ).
    LogNormal {
        mu: f64,
        sigma: f64,
        d: LogNormal,
    },
}

impl Shape {
    /// The unclamped value below which a share `p` (0 to 1) of draws fall: each family's inverse
    /// distribution function, in statrs on the platform's maths (PERT through the Beta
    /// distribution's), in [`super::maths`] when portable (PERT through its Beta table, polished
    /// to rounding). Uniform and triangular inverses are arithmetic and square roots in both.
    pub(crate) fn inverse_cdf(&self, p: f64, maths: Maths) -> f64 {
        use statrs::distribution::ContinuousCDF;
        match (self, maths) {
            (Shape::Fixed(x), _) => *x,
            (Shape::Uniform(d), _) => d.inverse_cdf(p),
            (Shape::Triangular(d), _) => d.inverse_cdf(p),
            (Shape::Pert { min, width, beta }, Maths::Platform) => {
                min + width * beta.inverse_cdf(p)
            }
            (Shape::Pert { min, width, beta }, Maths::Portable) => {
                match super::latin::BetaTable::shared(beta.shape_a(), beta.shape_b(), maths) {
                    Some(table) => min + width * table.precise_quantile(p),
                    None => f64::NAN,
                }
            }
            (Shape::Normal { d, .. }, Maths::Platform) => d.inverse_cdf(p),
            (Shape::Normal { mean, sd, .. }, Maths::Portable) => {
                mean + sd * maths.normal_quantile(p)
            }
            (Shape::LogNormal { d, .. }, Maths::Platform) => d.inverse_cdf(p),
            (Shape::LogNormal { mu, sigma, .. }, Maths::Portable) => {
                maths.exp(mu + sigma * maths.normal_quantile(p))
            }
        }
    }

    /// The share of the unclamped distribution at or below `x`, by the same maths as
    /// [`Shape::inverse_cdf`].
    pub(crate) fn cdf(&self, x: f64, maths: Maths) -> f64 {
        use statrs::distribution::ContinuousCDF;
        match (self, maths) {
            (Shape::Fixed(v), _) => f64::from(u8::from(*v <= x)),
            (Shape::Uniform(d), _) => d.cdf(x),
            (Shape::Triangular(d), _) => d.cdf(x),
            (Shape::Pert { min, width, beta }, _) => super::maths::beta_cdf(
                maths,
                beta.shape_a(),
                beta.shape_b(),
                ((x - min) / width).clamp(0.0, 1.0),
            ),
            (Shape::Normal { d, .. }, Maths::Platform) => d.cdf(x),
            (Shape::Normal { mean, sd, .. }, Maths::Portable) => maths.normal_cdf((x - mean) / sd),
            (Shape::LogNormal { d, .. }, Maths::Platform) => d.cdf(x),
            (Shape::LogNormal { mu, sigma, .. }, Maths::Portable) => {
                if x <= 0.0 {
                    0.0
                } else {
                    maths.normal_cdf((maths.ln(x) - mu) / sigma)
                }
            }
        }
    }

    /// The shape of `dist`, or which rule its parameters break. A Fixed value outside the field's
    /// `range` is an error; a distribution that reaches outside it is clamped where it is used.
    /// `maths` works out a LogNormal's parameters.
    pub(crate) fn new(dist: &Dist, range: Range, maths: Maths) -> Result<Self, DistError> {
        let problems = dist.problems();
        if let Some(first) = problems.into_iter().next() {
            return Err(DistError(first));
        }
        let err = |e: &dyn std::fmt::Display| {
            DistError(format!(
                "these parameters cannot be drawn from ({e}): are they far larger than meant?"
            ))
        };
        Ok(match *dist {
            Dist::Fixed(x) => {
                if !range.contains(x) {
                    return Err(DistError(format!(
                        "{x} is outside the allowed range {}",
                        range.describe()
                    )));
                }
                Shape::Fixed(x)
            }
            // A distribution of zero width is a fixed value.
            Dist::Uniform { min, max } if min == max => Shape::Fixed(min),
            Dist::Triangular { min, max, .. } | Dist::Pert { min, max, .. } if min == max => {
                Shape::Fixed(min)
            }
            Dist::Normal { mean, sd } | Dist::LogNormal { mean, sd } if sd == 0.0 => {
                Shape::Fixed(mean)
            }
            Dist::Uniform { min, max } => {
                Shape::Uniform(Uniform::new(min, max).map_err(|e| err(&e))?)
            }
            Dist::Triangular { min, mode, max } => {
                Shape::Triangular(Triangular::new(min, max, mode).map_err(|e| err(&e))?)
            }
            Dist::Pert { min, mode, max } => {
                let (alpha, beta) = pert_shapes(min, mode, max);
                Shape::Pert {
                    min,
                    width: max - min,
                    beta: Beta::new(alpha, beta).map_err(|e| err(&e))?,
                }
            }
            Dist::Normal { mean, sd } => Shape::Normal {
                mean,
                sd,
                d: Normal::new(mean, sd).map_err(|e| err(&e))?,
            },
            Dist::LogNormal { mean, sd } => {
                let (mu, sigma) = lognormal_parameters(mean, sd, maths);
                Shape::LogNormal {
                    mu,
                    sigma,
                    d: LogNormal::new(mu, sigma).map_err(|e| err(&e))?,
                }
            }
        })
    }
}

impl Sampler {
    /// Builds the sampler, or says which rule the parameters break. A Fixed value outside the
    /// field's range is an error; a distribution that reaches outside it is clamped when drawn.
    /// `maths` is the scenario's (`simulation.maths`).
    pub fn new(dist: &Dist, range: Range, maths: Maths) -> Result<Self, DistError> {
        let shape = Shape::new(dist, range, maths)?;
        let kind = match shape.clone() {
            Shape::Fixed(x) => SamplerKind::Fixed(x),
            Shape::Uniform(d) => SamplerKind::Uniform(d),
            Shape::Triangular(d) => SamplerKind::Triangular(d),
            // Drawn as X / (X + Y) from two gamma draws, faster than statrs' Beta sampler.
            Shape::Pert { min, width, beta } => SamplerKind::Pert {
                min,
                width,
                alpha: GammaShape::new(beta.shape_a()),
                beta: GammaShape::new(beta.shape_b()),
            },
            Shape::Normal { mean, sd, d } => SamplerKind::Normal { mean, sd, d },
            Shape::LogNormal { mu, sigma, d } => SamplerKind::LogNormal { mu, sigma, d },
        };
        Ok(Sampler {
            kind,
            shape,
            range,
            maths,
            dist: *dist,
        })
    }

    /// A constant with no clamp range; cannot fail.
    pub(crate) fn constant(x: f64) -> Self {
        Sampler {
            kind: SamplerKind::Fixed(x),
            shape: Shape::Fixed(x),
            range: Range::new(f64::NEG_INFINITY, f64::INFINITY),
            maths: Maths::Platform,
            dist: Dist::Fixed(x),
        }
    }

    /// Everything its draws depend on, as bits: two samplers with the same identity draw the
    /// same values from the same random numbers.
    pub(crate) fn identity(&self) -> SamplerIdentity {
        let (family, a, b, c) = match self.dist {
            Dist::Fixed(x) => (0, x, 0.0, 0.0),
            Dist::Uniform { min, max } => (1, min, max, 0.0),
            Dist::Triangular { min, mode, max } => (2, min, mode, max),
            Dist::Pert { min, mode, max } => (3, min, mode, max),
            Dist::Normal { mean, sd } => (4, mean, sd, 0.0),
            Dist::LogNormal { mean, sd } => (5, mean, sd, 0.0),
        };
        SamplerIdentity {
            bits: [
                family,
                a.to_bits(),
                b.to_bits(),
                c.to_bits(),
                self.range.min.to_bits(),
                self.range.max.to_bits(),
            ],
            maths: self.maths,
        }
    }

    /// The elementary functions its draws and inverse use.
    pub fn maths(&self) -> Maths {
        self.maths
    }

    /// The value when the input carries no uncertainty.
    pub fn fixed_value(&self) -> Option<f64> {
        match self.kind {
            SamplerKind::Fixed(x) => Some(x),
            _ => None,
        }
    }

    /// True when drawing needs no random numbers.
    pub fn is_fixed(&self) -> bool {
        matches!(self.kind, SamplerKind::Fixed(_))
    }

    /// The clamp range of the field this sampler feeds.
    pub fn range(&self) -> Range {
        self.range
    }

    /// The distribution in statrs' terms.
    pub(crate) fn shape(&self) -> &Shape {
        &self.shape
    }

    /// A value clamped to the field's range, and whether clamping changed it.
    pub fn clamp(&self, raw: f64) -> (f64, bool) {
        let clamped = raw.clamp(self.range.min, self.range.max);
        (clamped, clamped != raw)
    }

    /// One draw, clamped to the field's range; the flag says whether clamping changed it.
    pub fn draw<R: Rng + ?Sized>(&self, rng: &mut R) -> (f64, bool) {
        let raw = match &self.kind {
            SamplerKind::Fixed(x) => *x,
            SamplerKind::Uniform(d) => d.sample(rng),
            SamplerKind::Triangular(d) => d.sample(rng),
            SamplerKind::Pert {
                min,
                width,
                alpha,
                beta,
            } => {
                // Beta(α, β) = X / (X + Y) for independent X ~ Gamma(α), Y ~ Gamma(β).
                let x = alpha.sample(rng, self.maths);
                let y = beta.sample(rng, self.maths);
                min + width * (x / (x + y))
            }
            SamplerKind::Normal { d, mean, sd } => match self.maths {
                Maths::Platform => d.sample(rng),
                Maths::Portable => mean + sd * self.maths.standard_normal(rng),
            },
            SamplerKind::LogNormal { d, mu, sigma } => match self.maths {
                Maths::Platform => d.sample(rng),
                Maths::Portable => self.maths.exp(mu + sigma * self.maths.standard_normal(rng)),
            },
        };
        self.clamp(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pert_moments_match_the_beta_formulae() {
        let d = Dist::Pert {
            min: 0.0,
            mode: 1.0,
            max: 4.0,
        };
        // α = 2, β = 4: mean = 4·2/6 = 4/3; var = 16·8/(36·7).
        assert!((d.mean() - 4.0 / 3.0).abs() < 1e-12);
        assert!((d.variance() - 16.0 * 8.0 / (36.0 * 7.0)).abs() < 1e-12);
    }

    #[test]
    fn invalid_parameters_are_named() {
        let d = Dist::Pert {
            min: 0.3,
            mode: 0.2,
            max: 0.5,
        };
        assert_eq!(d.problems(), vec!["min 0.3 is above mode 0.2".to_string()]);
        let n = Dist::Normal {
            mean: 1.0,
            sd: -1.0,
        };
        assert_eq!(n.problems(), vec!["sd -1 is negative".to_string()]);
        let l = Dist::LogNormal { mean: 0.0, sd: 1.0 };
        assert!(l.problems()[0].contains("above 0"));
    }

    #[test]
    fn huge_but_finite_parameters_are_drawn_or_refused_in_words() {
        // Found by the property test: sd²/mean² overflowed to inf/inf = NaN, and statrs refused
        // the sampler with "Location is NaN".
        let big = Dist::LogNormal {
            mean: 1e300,
            sd: 2e300,
        };
        assert!(big.problems().is_empty());
        let sampler = Sampler::new(&big, Range::NON_NEGATIVE, Maths::Platform).unwrap();
        let (x, _) = sampler.draw(&mut crate::model::rng::stream(1, 0, 0));
        assert!(x.is_finite() && x >= 0.0, "{x}");
        // A width past f64's range, or sd/mean whose square is: refused, naming the rule.
        let wide = Dist::Uniform {
            min: -1e308,
            max: 1e308,
        };
        assert!(
            wide.problems()[0].contains("too far apart"),
            "{:?}",
            wide.problems()
        );
        let steep = Dist::LogNormal {
            mean: 1e-200,
            sd: 1e200,
        };
        assert!(steep.problems()[0].contains("too large for mean"));
    }

    #[test]
    fn displays_as_a_file_writes_it() {
        let d = Dist::Pert {
            min: 0.1,
            mode: 0.15,
            max: 0.25,
        };
        assert_eq!(d.to_string(), "Pert(min: 0.1, mode: 0.15, max: 0.25)");
        assert_eq!(Dist::Fixed(2200.0).to_string(), "Fixed(2200.0)");
        assert_eq!(
            Dist::LogNormal { mean: 1.0, sd: 0.5 }.to_string(),
            "LogNormal(mean: 1.0, sd: 0.5)"
        );
    }

    #[test]
    fn another_family_keeps_the_centre_and_stays_in_range() {
        let d = Dist::Pert {
            min: 0.1,
            mode: 0.15,
            max: 0.2,
        };
        for family in Family::ALL {
            let c = d.as_family(family, Range::RATE_95, 0.01);
            assert_eq!(c.family(), family);
            assert!((c.mean() - 0.15).abs() < 1e-9, "{family}: {}", c.mean());
            assert!(c.problems().is_empty(), "{family}: {:?}", c.problems());
            // The same standard deviation, except a fixed value (none) and a PERT (its range is
            // six of them, which λ = 4 makes only roughly so).
            if !matches!(family, Family::Fixed | Family::Pert) {
                assert!(
                    (c.variance().sqrt() - d.variance().sqrt()).abs() < 1e-9,
                    "{family}"
                );
            }
        }
        // From a fixed zero, the spread asked for; bounds clamped to the field's range.
        let zero = Dist::Fixed(0.0).as_family(Family::Uniform, Range::UNIT, 0.01);
        let half = 3f64.sqrt() * 0.01;
        assert_eq!(
            zero,
            Dist::Uniform {
                min: 0.0,
                max: half
            }
        );
        assert_eq!(Family::Pert.to_string(), "Pert");
    }

    #[test]
    fn fixed_outside_its_range_is_refused() {
        let e = Sampler::new(&Dist::Fixed(1.2), Range::UNIT, Maths::Platform);
        assert!(e.is_err());
        assert!(Sampler::new(&Dist::Fixed(0.4), Range::UNIT, Maths::Platform).is_ok());
    }
}
