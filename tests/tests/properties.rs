//! Property tests: any valid scenario gives finite, non-negative costs and FTEs and quality in
//! 0–100, or says it overflowed.

use super::*;

/// A distribution drawn in the unit square, scaled to a field's range when applied.
#[derive(Debug, Clone)]
enum UnitDist {
    Fixed(f64),
    Uniform(f64, f64),
    Triangular(f64, f64, f64),
    Pert(f64, f64, f64),
    Normal(f64, f64),
    LogNormal(f64, f64),
}

fn unit_dist() -> impl proptest::strategy::Strategy<Value = UnitDist> {
    use proptest::prelude::*;
    let u = || 0.0..=1.0f64;
    prop_oneof![
        u().prop_map(UnitDist::Fixed),
        (u(), u()).prop_map(|(a, b)| UnitDist::Uniform(a.min(b), a.max(b))),
        (u(), u(), u()).prop_map(|(a, b, c)| {
            let mut v = [a, b, c];
            v.sort_by(f64::total_cmp);
            UnitDist::Triangular(v[0], v[1], v[2])
        }),
        (u(), u(), u()).prop_map(|(a, b, c)| {
            let mut v = [a, b, c];
            v.sort_by(f64::total_cmp);
            UnitDist::Pert(v[0], v[1], v[2])
        }),
        (u(), u()).prop_map(|(m, s)| UnitDist::Normal(m, s)),
        (u(), u()).prop_map(|(m, s)| UnitDist::LogNormal(m, s)),
    ]
}

/// The top of the values generated for a range without an upper limit, in the plausible draw.
/// MODEL.md §3 bounds these fields below only; growth of 100% a year, 100,000 cases or £10m a
/// head already lie far past any council's figures. [`EXTREME_MAX`] goes on to where the
/// arithmetic of a 30-year horizon overflows.
fn generated_max(range: Range, extreme: bool) -> f64 {
    if range.max.is_finite() {
        range.max
    } else if extreme {
        EXTREME_MAX
    } else if range == Range::GROWTH {
        1.0
    } else if range == Range::RAMP_YEARS {
        30.0
    } else if range == Range::AT_LEAST_ONE {
        1e5
    } else {
        1e7
    }
}

/// The top of every unbounded range in the extreme draw.
const EXTREME_MAX: f64 = 1e300;

fn scaled(u: &UnitDist, range: Range, extreme: bool) -> Dist {
    let (lo, hi) = (range.min, generated_max(range, extreme));
    let x = |t: f64| lo + t * (hi - lo);
    match *u {
        UnitDist::Fixed(a) => Dist::Fixed(x(a)),
        UnitDist::Uniform(a, b) => Dist::Uniform {
            min: x(a),
            max: x(b),
        },
        UnitDist::Triangular(a, m, b) => Dist::Triangular {
            min: x(a),
            mode: x(m),
            max: x(b),
        },
        UnitDist::Pert(a, m, b) => Dist::Pert {
            min: x(a),
            mode: x(m),
            max: x(b),
        },
        UnitDist::Normal(m, s) => Dist::Normal {
            mean: x(m),
            sd: s * (hi - lo) / 2.0,
        },
        UnitDist::LogNormal(m, s) => {
            // LogNormal needs a positive mean; keep it inside the range where the range allows.
            let mean = x(m).max(hi * 1e-3).max(1e-3);
            Dist::LogNormal {
                mean,
                sd: s * 2.0 * mean,
            }
        }
    }
}

/// Everything a random valid scenario is made from, each in the unit interval or a small count.
#[derive(Debug, Clone)]
struct ScenarioDraw {
    horizon_years: i64,
    world: Vec<UnitDist>,
    /// Per option: kind, contract years, its inputs and its contract's inputs (used by a trust
    /// or company).
    options: Vec<(usize, i64, Vec<UnitDist>, Vec<UnitDist>)>,
    baseline: usize,
    placements: Vec<(f64, UnitDist)>,
    weights: [f64; 4],
    zero_at: [f64; 4],
    discount_rate: f64,
    quality_threshold: f64,
    seed: u64,
    /// Unbounded ranges up to [`EXTREME_MAX`] rather than plausible figures.
    extreme: bool,
}

fn scenario_draw(extreme: bool) -> impl proptest::strategy::Strategy<Value = ScenarioDraw> {
    use care_options::model::inputs::ContractInput;
    use care_options::model::{OptionInput, WorldInput};
    use proptest::collection::vec;
    use proptest::prelude::*;
    let option = (
        0..3usize,
        0..=100i64,
        vec(unit_dist(), OptionInput::COUNT),
        vec(unit_dist(), ContractInput::COUNT),
    );
    (
        1..=30i64,
        vec(unit_dist(), WorldInput::COUNT),
        vec(option, 1..=5),
        any::<usize>(),
        vec((0.01..=1.0f64, unit_dist()), 1..=4),
        [0.0..=1.0f64, 0.0..=1.0f64, 0.0..=1.0f64, 0.0..=1.0f64],
        [0.0..=1.0f64, 0.0..=1.0f64, 0.0..=1.0f64, 0.0..=1.0f64],
        (0.0..=1.0f64, 0.0..=100.0f64, any::<u64>()),
    )
        .prop_map(
            move |(horizon_years, world, options, baseline, placements, weights, zero_at, rest)| {
                ScenarioDraw {
                    horizon_years,
                    baseline: baseline % options.len(),
                    world,
                    options,
                    placements,
                    weights,
                    zero_at,
                    discount_rate: rest.0,
                    quality_threshold: rest.1,
                    seed: rest.2,
                    extreme,
                }
            },
        )
}

fn build_scenario(d: &ScenarioDraw) -> ScenarioFile {
    use care_options::model::inputs::ContractInput;
    use care_options::model::scenario::Intervention;
    use care_options::model::{OptionInput, OptionKind, WorldInput, inputs::WEEKLY_COST_RANGE};
    let mut file = default_file();
    file.horizon_years = d.horizon_years;
    file.simulation.seed = d.seed;
    for (&w, u) in WorldInput::ALL.iter().zip(&d.world) {
        if let Some(dist) = w.get_mut(&mut file) {
            *dist = scaled(u, w.range(), d.extreme);
        }
    }
    let template = file.options[0].clone();
    // The default's contract, for the outsourced options; without an in-house option to return
    // to, a breach brings an improvement plan instead.
    let contract = file.options.iter().find_map(|o| o.contract.clone());
    let has_in_house = d.options.iter().any(|(kind, ..)| *kind == 0);
    file.options = d
        .options
        .iter()
        .enumerate()
        .map(|(i, (kind, contract_years, inputs, terms))| {
            let mut o = template.clone();
            o.name = format!("Option {i}");
            o.id = Some(format!("option-{i}"));
            o.kind = OptionKind::ALL[*kind];
            o.contract_years = *contract_years;
            for (&j, u) in OptionInput::ALL.iter().zip(inputs) {
                if let Some(dist) = j.get_mut(&mut o) {
                    *dist = scaled(u, j.range(), d.extreme);
                }
            }
            if o.kind != OptionKind::InHouse {
                o.contract = contract.clone().map(|mut c| {
                    for (input, u) in ContractInput::ALL.into_iter().zip(terms) {
                        let range = input.range(&c);
                        *input.get_mut(&mut c) = scaled(u, range, d.extreme);
                    }
                    if !has_in_house {
                        c.on_kpi_breach = Intervention::ImprovementPlan;
                    }
                    c
                });
            }
            o
        })
        .collect();
    file.appraisal.baseline_option = format!("Option {}", d.baseline);
    file.appraisal.discount_rate = d.discount_rate;
    file.appraisal.quality_threshold = d.quality_threshold;
    let share_total: f64 = d.placements.iter().map(|(s, _)| s).sum();
    let template = file.placements.mix[0].clone();
    file.placements.mix = d
        .placements
        .iter()
        .enumerate()
        .map(|(k, (share, cost))| {
            let mut p = template.clone();
            p.name = format!("Placement {k}");
            p.share = share / share_total;
            p.weekly_cost = scaled(cost, WEEKLY_COST_RANGE, d.extreme);
            p
        })
        .collect();
    let [a, b, c, e] = d.weights.map(|w| w + 0.01);
    let total = a + b + c + e;
    let q = &mut file.quality;
    q.weights.caseload = a / total;
    q.weights.stability = b / total;
    q.weights.agency = c / total;
    q.weights.experience = 1.0 - (a + b + c) / total;
    q.caseload_zero_at = 1.0 + 0.01 + 4.0 * d.zero_at[0];
    q.turnover_zero_at = 0.01 + 2.0 * d.zero_at[1];
    q.agency_zero_at = 0.01 + 2.0 * d.zero_at[2];
    q.new_starter_zero_at = 0.01 + 2.0 * d.zero_at[3];
    file
}

/// Every figure of a run: finite; costs, NPCs and FTEs at least 0; quality within 0–100;
/// probabilities within 0–1.
fn assert_every_output_sane(r: &RunResults) -> Result<(), String> {
    let check = |ok: bool, what: String| if ok { Ok(()) } else { Err(what) };
    let non_negative = |x: f64| x.is_finite() && x >= 0.0;
    let quality = |x: f64| x.is_finite() && (0.0..=100.0).contains(&x);
    for o in &r.options {
        let n = &o.name;
        for (what, s) in [("npc", &o.npc), ("npc_vs_baseline", &o.npc_vs_baseline)] {
            for x in [s.mean, s.sd, s.p5, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95] {
                check(x.is_finite(), format!("{n} {what}: {x}"))?;
            }
        }
        // Under a contract the council gets an underspend back a year later, so a year's cost,
        // and with a steep enough fall in general prices an NPC, may be below zero: there only
        // finiteness holds, and the cost before refunds must not be negative.
        let refunds = o.contract.is_some();
        for x in [o.npc.mean, o.npc.p5, o.npc.p50, o.npc.p95] {
            check(
                if refunds {
                    x.is_finite()
                } else {
                    non_negative(x)
                },
                format!("{n} npc {x}"),
            )?;
        }
        for p in [o.p_cheaper, o.p_quality_at_risk, o.p_cheaper_and_better] {
            check((0.0..=1.0).contains(&p), format!("{n} probability {p}"))?;
        }
        for y in &o.years {
            let refunded = y
                .contract
                .as_ref()
                .map_or(0.0, |c| c.returned_to_council.min(0.0));
            for x in [y.cost_mean, y.cost_p10, y.cost_p50, y.cost_p90] {
                check(
                    if refunds {
                        x.is_finite()
                    } else {
                        non_negative(x)
                    },
                    format!("{n} {} cost {x}", y.year),
                )?;
            }
            let before_refunds = y.cost_mean - refunded;
            check(
                before_refunds >= -1e-9 * y.cost_mean.abs().max(refunded.abs()),
                format!("{n} {} cost before refunds {before_refunds}", y.year),
            )?;
            for x in [y.permanent_fte, y.agency_fte, y.uncovered_fte] {
                check(non_negative(x), format!("{n} {} FTE {x}", y.year))?;
            }
            for x in [y.quality_mean, y.quality_p10, y.quality_p50, y.quality_p90] {
                check(quality(x), format!("{n} {} quality {x}", y.year))?;
            }
            for line in CostLine::ALL {
                let x = y.lines.get(line);
                check(
                    non_negative(x),
                    format!("{n} {} {}: {x}", y.year, line.key()),
                )?;
            }
        }
        for s in &o.sensitivity {
            check(
                s.npc.is_finite() && s.npc_vs_baseline.is_finite(),
                format!("{n} sensitivity {s:?}"),
            )?;
        }
        for &x in &o.samples.npc {
            check(
                if refunds {
                    x.is_finite()
                } else {
                    non_negative(x)
                },
                format!("{n} sample NPC {x}"),
            )?;
        }
        for &x in &o.samples.npc_vs_baseline {
            check(x.is_finite(), format!("{n} sample difference {x}"))?;
        }
        for &x in &o.samples.mean_quality {
            check(quality(x), format!("{n} sample quality {x}"))?;
        }
    }
    Ok(())
}

/// Runs random valid scenarios; `extreme` ones may instead be refused as overflowing.
fn check_valid_scenarios(extreme: bool, cases: u32) {
    use care_options::model::RunError;
    use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let overflowed = std::cell::Cell::new(0);
    runner
        .run(&scenario_draw(extreme), |draw| {
            let file = build_scenario(&draw);
            let scenario = validate(&file)
                .map_err(|e| TestCaseError::fail(format!("a scenario in range is refused: {e}")))?;
            let settings = RunSettings {
                iterations: 24,
                seed: draw.seed,
            };
            match run(&scenario, settings, &RunControl::new()) {
                Ok(results) => assert_every_output_sane(&results).map_err(TestCaseError::fail),
                Err(e @ RunError::Overflow { .. }) if extreme => {
                    overflowed.set(overflowed.get() + 1);
                    assert!(e.to_string().contains("implausibly large"));
                    Ok(())
                }
                Err(e) => Err(TestCaseError::fail(e.to_string())),
            }
        })
        .unwrap();
    if extreme {
        // The extreme draw is meant to reach the overflow; if it never does, it tests nothing new.
        assert!(overflowed.get() > 0);
    }
}

#[test]
fn any_valid_scenario_gives_finite_costs_ftes_and_quality_in_range() {
    check_valid_scenarios(false, 256);
}

#[test]
fn valid_but_extreme_scenarios_give_sane_figures_or_say_they_overflowed() {
    check_valid_scenarios(true, 128);
}

#[test]
fn figures_past_the_range_of_f64_are_refused_not_shown_as_infinity() {
    // Valid (growth has no upper bound in MODEL.md §3) but past what f64 holds over 30 years.
    let mut file = default_file();
    file.horizon_years = 30;
    file.workforce.pay_inflation = Dist::Fixed(1e9);
    let scenario = validate(&file).unwrap();
    let e = run(
        &scenario,
        RunSettings {
            iterations: 20,
            seed: 1,
        },
        &RunControl::new(),
    )
    .unwrap_err();
    assert!(
        matches!(e, care_options::model::RunError::Overflow { .. }),
        "{e}"
    );
    assert!(e.to_string().contains("implausibly large"), "{e}");
}
