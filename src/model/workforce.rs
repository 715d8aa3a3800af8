//! Workforce (MODEL.md §5): permanent staff, new starters, agency cover, leavers and hires month by
//! month for one option, with the month's quality score. Keeps per-year sums, not monthly paths.
//!
//! The month-to-month recursion of one option cannot be split, but the options of different
//! iterations are independent. So [`LANES`] of them (iteration × option pairs, in any mix) step
//! through the months together, each quantity held as an array over the lanes ("structure of
//! arrays"), eight lanes to a vector [`V`]. Apart from a rare fallback to `powf` (see
//! [`inverse_root_step`]) there are no branches; every lane does exactly the same arithmetic
//! whatever its neighbours, so results do not depend on which lanes share a block.
//!
//! The loop is compiled three times, for any processor and for x86_64 processors with AVX or
//! AVX-512 ([`VectorBuild`]), and the widest the processor can run is chosen when it runs. All do
//! the same IEEE operations in the same order, so they give the same bits.

#[cfg(doc)]
use super::simd::VectorBuild;
use super::simd::{V, WIDTH, builds};

use super::maths::Maths;
use super::quality::{QualityRows, QualityRules};

/// Lanes (iteration × option pairs) stepped through the months side by side: two vectors, enough
/// independent work to hide much of the latency of each month's chain of operations.
pub(crate) const LANES: usize = 16;

/// One value per lane.
pub(crate) type Row = [f64; LANES];

/// Workforce inputs of one option in one iteration.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WorkforceDraw {
    /// `k_o`: cases per qualified social worker the establishment is sized for.
    pub target_caseload: f64,
    pub reference_caseload: f64,
    pub initial_vacancy_rate: f64,
    pub initial_new_starter_share: f64,
    pub new_starter_productivity: f64,
    pub agency_cover: f64,
    /// `e_o`: agency FTE beyond those covering vacancies, as a share of the establishment
    /// (0 in the model of MODEL.md).
    pub agency_beyond_vacancies: f64,
    /// `f_o`: the share of the month's gap filled by hires: `min(1, 1 / time_to_fill_months)`
    /// in the model of MODEL.md, [`sustaining_fill_rate`] in the whole-budget model.
    pub fill_rate: f64,
    pub annual_turnover: f64,
    pub turnover_pressure: f64,
    pub transition_turnover_uplift: f64,
    pub transition_years: f64,
    pub span_of_control: f64,
    pub support_staff_ratio: f64,
    /// The elementary functions of the scenario (`simulation.maths`).
    pub maths: Maths,
}

/// The monthly hire rate at which vacancies hold at `sustained_vacancy_rate` (docs/MODEL.md §5).
///
/// With leaving probability `q` a month, hires `f·(R − (P − λ))` and the establishment growing
/// by `m` a month with demand, vacancies hold at a rate `v = G/R` when hires equal leavers plus
/// growth: `f·(G + q·P) = (q + m)·P` with `G/P = v/(1 − v)`, so
/// `f = (q + m)·(1 − v) / (q·(1 − v) + v)` (at most 1). `q` is the option's turnover at the
/// pressure of its first month (turnover rises with caseload pressure; the disruption of a
/// transfer is left out, so that a transfer raises vacancies for a while, as it does), and `m`
/// counts growth only (a shrinking service sheds posts, not people).
pub(crate) fn sustaining_fill_rate(
    w: &WorkforceDraw,
    open_cases: f64,
    monthly_growth: f64,
    sustained_vacancy_rate: f64,
) -> f64 {
    let required = open_cases / w.target_caseload;
    let permanent = required * (1.0 - w.initial_vacancy_rate);
    let new_starters = permanent * w.initial_new_starter_share;
    let gap = (required - permanent).max(0.0);
    let agency = w.agency_cover * gap + w.agency_beyond_vacancies * required;
    let capacity = permanent - (1.0 - w.new_starter_productivity) * new_starters + agency;
    let load = open_cases / capacity.max(0.1);
    let pressure = (load / w.reference_caseload - 1.0).max(0.0);
    let turnover = (w.annual_turnover * (1.0 + w.turnover_pressure * pressure)).clamp(0.0, 0.95);
    let q = 1.0 - w.maths.powf(1.0 - turnover, 1.0 / 12.0);
    let m = (monthly_growth - 1.0).max(0.0);
    let v = sustained_vacancy_rate;
    let stay = q * (1.0 - v);
    if stay + v > 0.0 {
        ((q + m) * (1.0 - v) / (stay + v)).min(1.0)
    } else {
        1.0
    }
}

/// Sums over the twelve months of one year (FTE-months, hires, quality points).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct YearSums {
    /// Σ `P_t`, permanent qualified social workers.
    pub permanent: f64,
    /// Σ `N_t`, staff in their first year.
    pub new_starters: f64,
    /// Σ `A_t`, agency social workers.
    pub agency: f64,
    /// Σ `U_t`, vacancies left uncovered.
    pub uncovered: f64,
    /// Σ `gap_t`, vacant posts (covered by agency or not).
    pub vacant: f64,
    /// Σ `h_t`, hires.
    pub hires: f64,
    /// Σ `M_t`, line managers.
    pub managers: f64,
    /// Σ `S_t`, other staff.
    pub support: f64,
    /// Σ `Q_t`, quality index.
    pub quality: f64,
    /// `P` and `N` at the start of the year (case holders).
    pub start_permanent: f64,
    pub start_new_starters: f64,
}

impl YearSums {
    /// The figures of the whole establishment, whose case holders these sums describe:
    /// every FTE figure times `scale` (all qualified social workers per case holder); hires too,
    /// since every post turns over alike. Quality is unchanged.
    pub fn scaled(&self, scale: f64) -> YearSums {
        YearSums {
            permanent: self.permanent * scale,
            new_starters: self.new_starters * scale,
            agency: self.agency * scale,
            uncovered: self.uncovered * scale,
            vacant: self.vacant * scale,
            hires: self.hires * scale,
            managers: self.managers * scale,
            support: self.support * scale,
            quality: self.quality,
            start_permanent: self.start_permanent,
            start_new_starters: self.start_new_starters,
        }
    }
}

/// `C(−1/12, k)` for k = 0 … 7: the binomial series of `(1 + ε)^(−1/12)`.
const INVERSE_ROOT_SERIES: [f64; 8] = [
    1.0,
    -1.0 / 12.0,
    13.0 / 288.0,
    -325.0 / 10368.0,
    12025.0 / 497664.0,
    -589225.0 / 29859840.0,
    35942725.0 / 2149908480.0,
    -2623818925.0 / 180592312320.0,
];

/// Largest `|ε|` the series is used for: the first omitted term is then below 2e-18.
const SERIES_LIMIT: f64 = 0.01;

/// SIMD vectors per block of lanes.
const VECTORS: usize = LANES / WIDTH;

const ZERO: V = V::ZERO;
const ONE: V = V::ONE;

/// Lanes `WIDTH·b …` of a row.
#[inline(always)]
pub(crate) fn load(row: &Row, b: usize) -> V {
    V::new(std::array::from_fn(|k| row[WIDTH * b + k]))
}

#[inline(always)]
fn store(row: &mut Row, b: usize, v: V) {
    row[WIDTH * b..][..WIDTH].copy_from_slice(v.as_array());
}

/// `max(0, x)`.
#[inline(always)]
fn positive_part(x: V) -> V {
    x.fast_max(ZERO)
}

/// `x` clamped to `[low, high]`.
///
/// `fast_max(a, b)` is one instruction on x86 (`maxpd`: `a > b ? a : b`), and `fast_min` the
/// mirror image, rather than a compare and a three-instruction select.
#[inline(always)]
pub(crate) fn clamp(x: V, low: V, high: V) -> V {
    x.fast_max(low).fast_min(high)
}

/// `(1 + ε)^(−1/12)` to degree 7, by Estrin's scheme (short dependency chains).
#[inline(always)]
fn inverse_root_series(e: V) -> V {
    let c = INVERSE_ROOT_SERIES.map(V::splat);
    let e2 = e * e;
    let e4 = e2 * e2;
    let low = (c[0] + c[1] * e) + e2 * (c[2] + c[3] * e);
    let high = (c[4] + c[5] * e) + e2 * (c[6] + c[7] * e);
    low + e4 * high
}

/// `y ← x^(−1/12)`, one step from last month's `y`.
///
/// `ε = x·y¹² − 1` measures how far `y` is from the root, and `y·(1 + ε)^(−1/12)` is the root
/// itself; the series is exact to rounding for `|ε| ≤ 1%`. Each month corrects against the
/// current `x`, so rounding does not accumulate, and there is no division. A lane whose step is
/// longer (the first month, a jump in turnover, or `y` not yet set) takes `powf` instead.
#[inline(always)]
fn inverse_root_step(x: V, y: V, maths: Maths) -> V {
    let y2 = y * y;
    let y4 = y2 * y2;
    let e = x * (y4 * y4 * y4) - ONE;
    let stepped = y * inverse_root_series(e);
    let near = e.abs().simd_le(V::splat(SERIES_LIMIT));
    if near.all() {
        return stepped;
    }
    let xs = x.to_array();
    let mut out = stepped.to_array();
    for (j, (y, x)) in out.iter_mut().zip(xs).enumerate() {
        if !near.lane(j) {
            *y = maths.powf(x, -1.0 / 12.0);
        }
    }
    V::new(out)
}

/// `x^(1/12) = x · y¹¹` for `y = x^(−1/12)`.
#[inline(always)]
fn root_from_inverse(x: V, y: V) -> V {
    let y2 = y * y;
    let y4 = y2 * y2;
    let y8 = y4 * y4;
    x * ((y8 * y2) * y)
}

/// The inputs of a block of lanes, one array per quantity.
#[derive(Debug, Clone, Default)]
struct Inputs {
    inverse_target: Row,
    agency_cover: Row,
    agency_beyond: Row,
    /// `1 − ρ`: the share of a new starter's output still missing.
    new_starter_shortfall: Row,
    inverse_reference: Row,
    annual_turnover: Row,
    turnover_pressure: Row,
    uplift: Row,
    transition_months: Row,
    fill_rate: Row,
    inverse_span: Row,
    support_staff_ratio: Row,
    quality: QualityRows,
}

/// Per-year running sums of a block.
#[derive(Debug, Clone, Default)]
struct Sums {
    permanent: Row,
    new_starters: Row,
    agency: Row,
    uncovered: Row,
    vacant: Row,
    hires: Row,
    quality: Row,
}

/// Scratch space for [`simulate_workforce`], reused from call to call.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lanes {
    inputs: Inputs,
    sums: Sums,
    permanent: Row,
    new_starters: Row,
    inverse_root: Row,
    /// `[month][lane]`.
    cases: Vec<Row>,
    /// The elementary functions of the lanes' scenario.
    maths: Maths,
}

builds!(
    /// Runs the monthly workforce model for lanes `draws[l]`, `rules[l]`, writing
    /// `years[l·H + y]` for lane `l` and year `y`, with the given build of the loop (the engine
    /// asks for [`VectorBuild::widest`]). Lane `l` belongs to iteration `l / options`, whose
    /// monthly demand is `cases[(l / options)·T ..][..T]` (`T` = twelve times the horizon).
    pub(crate) fn simulate_workforce(
        draws: &[WorkforceDraw],
        rules: &[QualityRules],
        cases: &[f64],
        options: usize,
        lanes: &mut Lanes,
        years: &mut [YearSums],
    ) => workforce_loop
);

/// The body of [`simulate_workforce`], inlined into each build of it.
#[inline(always)]
fn workforce_loop(
    draws: &[WorkforceDraw],
    rules: &[QualityRules],
    cases: &[f64],
    options: usize,
    lanes: &mut Lanes,
    years: &mut [YearSums],
) {
    let iterations = draws.len() / options.max(1);
    if iterations == 0 || !cases.len().is_multiple_of(iterations) {
        return;
    }
    let months = cases.len() / iterations;
    let horizon = months / 12;
    for first in (0..draws.len()).step_by(LANES) {
        let count = LANES.min(draws.len() - first);
        // Lanes past the end repeat the block's first lane; their results are not kept.
        let lane = |k: usize| first + if k < count { k } else { 0 };
        let starts: [usize; LANES] = std::array::from_fn(|k| (lane(k) / options) * months);
        lanes.cases.resize(months, [0.0; LANES]);
        for (t, row) in lanes.cases.iter_mut().enumerate() {
            for (d, start) in row.iter_mut().zip(starts) {
                *d = cases[start + t];
            }
        }
        lanes.maths = draws[first].maths;
        for k in 0..LANES {
            let w = &draws[lane(k)];
            set_lane(&mut lanes.inputs, k, w, &rules[lane(k)]);
            let permanent = lanes.cases[0][k] / w.target_caseload * (1.0 - w.initial_vacancy_rate);
            lanes.permanent[k] = permanent;
            lanes.new_starters[k] = permanent * w.initial_new_starter_share;
            lanes.inverse_root[k] = f64::NAN;
        }
        for y in 0..horizon {
            run_year(lanes, y, |k, sums| {
                if k < count {
                    years[(first + k) * horizon + y] = sums;
                }
            });
        }
    }
}

/// Lane `k`'s inputs from its draw and quality rules.
#[inline(always)]
fn set_lane(inputs: &mut Inputs, k: usize, w: &WorkforceDraw, rules: &QualityRules) {
    inputs.inverse_target[k] = 1.0 / w.target_caseload;
    inputs.agency_cover[k] = w.agency_cover;
    inputs.agency_beyond[k] = w.agency_beyond_vacancies;
    inputs.new_starter_shortfall[k] = 1.0 - w.new_starter_productivity;
    inputs.inverse_reference[k] = 1.0 / w.reference_caseload;
    inputs.annual_turnover[k] = w.annual_turnover;
    inputs.turnover_pressure[k] = w.turnover_pressure;
    inputs.uplift[k] = w.transition_turnover_uplift;
    inputs.transition_months[k] = 12.0 * w.transition_years;
    inputs.fill_rate[k] = w.fill_rate;
    inputs.inverse_span[k] = 1.0 / w.span_of_control;
    inputs.support_staff_ratio[k] = w.support_staff_ratio;
    inputs.quality.set(k, rules);
}

/// The twelve months of year `y` for every lane of a block; `out(k, sums)` receives lane `k`'s
/// year, with the staff it started the year with.
#[inline(always)]
fn run_year(lanes: &mut Lanes, y: usize, mut out: impl FnMut(usize, YearSums)) {
    let start_permanent = lanes.permanent;
    let start_new_starters = lanes.new_starters;
    lanes.sums = Sums::default();
    for m in 0..12 {
        step_month(lanes, 12 * y + m);
    }
    let sums = &lanes.sums;
    let inputs = &lanes.inputs;
    for k in 0..LANES {
        let staff = sums.permanent[k] + sums.agency[k];
        out(
            k,
            YearSums {
                permanent: sums.permanent[k],
                new_starters: sums.new_starters[k],
                agency: sums.agency[k],
                uncovered: sums.uncovered[k],
                vacant: sums.vacant[k],
                hires: sums.hires[k],
                managers: staff * inputs.inverse_span[k],
                support: staff * inputs.support_staff_ratio[k],
                quality: sums.quality[k],
                start_permanent: start_permanent[k],
                start_new_starters: start_new_starters[k],
            },
        );
    }
}

/// One lane's workforce again from the start of year `from` (a service that changes hands
/// then), with `permanent` and `new_starters` in post, under `draw` and `rules` from then on:
/// writes `years[y]` for `y ≥ from`. `cases` is the iteration's monthly demand path. The same
/// monthly arithmetic as [`simulate_workforce`], in the portable build.
#[allow(clippy::too_many_arguments)]
pub(crate) fn resume_workforce(
    draw: &WorkforceDraw,
    rules: &QualityRules,
    cases: &[f64],
    from: usize,
    permanent: f64,
    new_starters: f64,
    lanes: &mut Lanes,
    years: &mut [YearSums],
) {
    let horizon = years.len().min(cases.len() / 12);
    lanes.cases.resize(cases.len(), [0.0; LANES]);
    for (row, d) in lanes.cases.iter_mut().zip(cases) {
        *row = [*d; LANES];
    }
    lanes.maths = draw.maths;
    for k in 0..LANES {
        set_lane(&mut lanes.inputs, k, draw, rules);
        lanes.permanent[k] = permanent;
        lanes.new_starters[k] = new_starters;
        lanes.inverse_root[k] = f64::NAN;
    }
    for (y, year) in years.iter_mut().enumerate().take(horizon).skip(from) {
        run_year(lanes, y, |k, sums| {
            if k == 0 {
                *year = sums;
            }
        });
    }
}

/// Month `t` for every lane of a block.
#[inline(always)]
fn step_month(lanes: &mut Lanes, t: usize) {
    let Lanes {
        inputs: i,
        sums,
        permanent,
        new_starters,
        inverse_root,
        cases,
        maths,
    } = lanes;
    let Some(cases) = cases.get(t) else {
        return;
    };
    let month_number = V::splat(t as f64);
    for b in 0..VECTORS {
        let d = load(cases, b);
        let p = load(permanent, b);
        let n = load(new_starters, b);
        let required = d * load(&i.inverse_target, b);
        let gap = positive_part(required - p);
        let covering = load(&i.agency_cover, b) * gap;
        // In the model of MODEL.md agency_beyond is 0, and `c·gap + 0·R` is `c·gap` to the bit.
        let agency = covering + load(&i.agency_beyond, b) * required;
        let capacity = p - load(&i.new_starter_shortfall, b) * n + agency;
        let floor = V::splat(0.1);
        let load_per_worker = d / capacity.fast_max(floor);
        let caseload_ratio = load_per_worker * load(&i.inverse_reference, b);
        let pressure = positive_part(caseload_ratio - ONE);
        let uplift = month_number
            .simd_lt(load(&i.transition_months, b))
            .select(load(&i.uplift, b), ZERO);
        let turnover = clamp(
            load(&i.annual_turnover, b) * (ONE + load(&i.turnover_pressure, b) * pressure) + uplift,
            ZERO,
            V::splat(0.95),
        );
        let x = ONE - turnover;
        let root = inverse_root_step(x, load(inverse_root, b), *maths);
        store(inverse_root, b, root);
        let leaving = ONE - root_from_inverse(x, root);
        let leavers = leaving * p;
        let hires = load(&i.fill_rate, b) * positive_part(required - (p - leavers));
        let add = |row: &mut Row, v: V| store(row, b, load(row, b) + v);
        add(&mut sums.permanent, p);
        add(&mut sums.new_starters, n);
        add(&mut sums.agency, agency);
        add(&mut sums.uncovered, gap - covering);
        add(&mut sums.vacant, gap);
        add(&mut sums.hires, hires);
        add(
            &mut sums.quality,
            i.quality.score(b, caseload_ratio, turnover, p, agency, n),
        );
        store(permanent, b, p - leavers + hires);
        store(
            new_starters,
            b,
            (n - leaving * n) * V::splat(11.0 / 12.0) + hires,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::VectorBuild;
    use crate::model::test_support::{hand_worked_quality, uniforms};

    /// Every build of the loop this processor can run gives the portable build's bits, over
    /// lanes with wide-ranging inputs: turnover up to the 0.95 limit, long and no transitions,
    /// demand paths that drift, jump and fall to one case, and a last block not full.
    #[test]
    fn every_build_gives_the_same_bits() {
        let mut u = uniforms(2026);
        let options = 3;
        let iterations = 2 * LANES + 5;
        let months = 12 * 7;
        let mut cases = Vec::with_capacity(iterations * months);
        for _ in 0..iterations {
            let mut d = 50.0 + 3000.0 * u();
            for t in 0..months {
                cases.push(d);
                d = (d * (0.9 + 0.25 * u()) * if t % 29 == 28 { 2.0 } else { 1.0 }).max(1.0);
            }
        }
        let quality = hand_worked_quality();
        let draws: Vec<WorkforceDraw> = (0..iterations * options)
            .map(|_| WorkforceDraw {
                target_caseload: 1.0 + 30.0 * u(),
                reference_caseload: 1.0 + 30.0 * u(),
                initial_vacancy_rate: 0.95 * u(),
                initial_new_starter_share: u(),
                new_starter_productivity: u(),
                agency_cover: u(),
                agency_beyond_vacancies: if u() < 0.5 { 0.0 } else { 0.1 * u() },
                fill_rate: (1.0 / (1.0 + 12.0 * u())).min(1.0),
                annual_turnover: 0.95 * u(),
                turnover_pressure: 3.0 * u(),
                transition_turnover_uplift: 1.9 * u() - 0.95,
                transition_years: (4.0 * u()).floor(),
                span_of_control: 1.0 + 10.0 * u(),
                support_staff_ratio: u(),
                maths: if u() < 0.5 {
                    Maths::Platform
                } else {
                    Maths::Portable
                },
            })
            .collect();
        let rules: Vec<QualityRules> = (0..draws.len())
            .map(|_| QualityRules::new(&quality, 40.0 * u() - 20.0))
            .collect();
        let run = |build: VectorBuild| {
            let mut years = vec![YearSums::default(); draws.len() * (months / 12)];
            let mut lanes = Lanes::default();
            simulate_workforce(
                build, &draws, &rules, &cases, options, &mut lanes, &mut years,
            );
            years
                .iter()
                .flat_map(|y| {
                    [
                        y.permanent,
                        y.new_starters,
                        y.agency,
                        y.uncovered,
                        y.vacant,
                        y.hires,
                        y.managers,
                        y.support,
                        y.quality,
                    ]
                })
                .map(f64::to_bits)
                .collect::<Vec<u64>>()
        };
        let portable = run(VectorBuild::Portable);
        assert!(portable.iter().all(|&b| f64::from_bits(b).is_finite()));
        for build in VectorBuild::ALL.into_iter().filter(|b| b.available()) {
            println!("comparing the {} build with the portable one", build.name());
            assert!(run(build) == portable, "the {} build differs", build.name());
        }
    }

    /// A few ulps of rounding in the multiplications; far inside MODEL.md's 1e-9.
    const ROOT_RELATIVE_TOLERANCE: f64 = 1e-14;

    #[test]
    fn twelfth_root_matches_powf_along_a_path() {
        let mut y = V::splat(f64::NAN);
        let mut x = 0.85;
        for step in 0..500 {
            // Small drifts, an occasional jump, and repeats; one lane lags a step behind.
            x = match step % 97 {
                0 => 0.3 + (step as f64 / 1000.0),
                50 => x,
                _ => (x * (1.0 + 0.004 * ((step as f64).sin()))).clamp(0.05, 1.0),
            };
            let xs = V::new(std::array::from_fn(|k| match k % 4 {
                0 | 1 => x,
                2 => 0.05 + x / 2.0,
                _ => 1.0,
            }));
            y = inverse_root_step(xs, y, Maths::Portable);
            for (got, x) in root_from_inverse(xs, y)
                .to_array()
                .into_iter()
                .zip(xs.to_array())
            {
                let exact = x.powf(1.0 / 12.0);
                assert!(
                    (got - exact).abs() <= ROOT_RELATIVE_TOLERANCE * exact,
                    "x={x}: {got} vs {exact}"
                );
            }
        }
    }
}
