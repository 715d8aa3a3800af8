//! Integration tests: the model against hand-worked figures, distributions against their analytic
//! moments, reproducibility, every shipped scenario, bad input, and the real executable.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use care_options::io::{parse_scenario, scenario_to_ron};
use care_options::model::dist::Sampler;
use care_options::model::{
    CostLine, Dist, Range, RunControl, RunResults, RunSettings, ScenarioFile, run, validate,
};

/// Relative tolerance for figures worked by hand (MODEL.md §11).
const HAND_WORKED_TOLERANCE: f64 = 1e-9;

fn close(actual: f64, expected: f64, what: &str) {
    let scale = expected.abs().max(1e-300);
    assert!(
        ((actual - expected) / scale).abs() <= HAND_WORKED_TOLERANCE,
        "{what}: got {actual}, expected {expected}"
    );
}

fn run_file(file: &ScenarioFile, iterations: u64, seed: u64) -> RunResults {
    let scenario = validate(file).unwrap_or_else(|e| panic!("{e}"));
    run(
        &scenario,
        RunSettings { iterations, seed },
        &RunControl::new(),
    )
    .unwrap()
}

fn default_file() -> ScenarioFile {
    parse_scenario(care_options::DEFAULT_SCENARIO).unwrap()
}

fn scenario_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------------
// MODEL.md §11: a fully fixed scenario, worked by hand.
// ---------------------------------------------------------------------------------------------

/// Every input fixed, no volatility, no shocks, no failure. Two years so that year 1's
/// re-procurement, stranded-cost taper and discounting are exercised too.
const FIXED: &str = r#"(
    format_version: 1,
    name: "Hand-worked check",
    description: "Every input fixed (MODEL.md §11).",
    start_year: 2026,
    horizon_years: 2,
    simulation: (iterations: 3, seed: 1),
    appraisal: (
        discount_rate: 0.035,
        general_inflation: 0.02,
        baseline_option: "In-house",
        quality_threshold: 60.0,
    ),
    demand: (
        open_cases: 1200.0,
        looked_after_share: 0.25,
        annual_growth: 0.06,
        monthly_volatility: 0.0,
        shock_probability_per_year: 0.0,
        shock_size: 0.1,
        effect_ramp_years: 2.0,
    ),
    workforce: (
        initial_vacancy_rate: 0.2,
        initial_new_starter_share: 0.25,
        new_starter_productivity: 0.5,
        reference_caseload: 15.0,
        turnover_pressure: 1.0,
        salary_new_starter: 36000.0,
        salary_experienced: 45000.0,
        salary_manager: 57000.0,
        salary_support: 28000.0,
        oncost_rate: 0.3,
        pay_inflation: 0.03,
        agency_premium: 0.4,
        cost_per_hire: 6000.0,
        non_pay_per_fte: 9000.0,
    ),
    placements: (
        inflation: 0.05,
        mix: [
            (name: "Fostering", share: 0.75, weekly_cost: 800.0),
            (name: "Children's homes", share: 0.25, weekly_cost: 6000.0),
        ],
    ),
    quality: (
        weights: (caseload: 0.35, stability: 0.25, agency: 0.2, experience: 0.2),
        caseload_zero_at: 1.5,
        turnover_zero_at: 0.35,
        agency_zero_at: 0.45,
        new_starter_zero_at: 0.5,
    ),
    options: [
        (
            name: "In-house",
            kind: InHouse,
            target_caseload: 15.0,
            agency_cover: 0.5,
            time_to_fill_months: 4.0,
            span_of_control: 6.5,
            support_staff_ratio: 0.8,
            annual_turnover: 0.2,
            transition_turnover_uplift: 0.05,
            transition_years: 0.5,
            pension_rate_delta: 0.01,
            overhead_rate: 0.15,
            vat_leakage: 0.05,
            annual_efficiency: 0.01,
            looked_after_reduction: 0.1,
            practice_quality_delta: 2.0,
            setup_cost: 1000000.0,
            optimism_bias: 0.25,
            governance_cost: 250000.0,
            client_side_cost: 400000.0,
            stranded_cost: 800000.0,
            stranded_years: 2.0,
            contract_years: 1,
            reprocurement_cost: 300000.0,
            failure_probability: 0.0,
            failure_cost: 6000000.0,
        ),
    ],
)"#;

/// One year of the hand-worked model: each cost line summed over its months, as MODEL.md §6
/// writes them (month by month, not from yearly sums as the engine does).
#[derive(Default, Debug)]
struct HandYear {
    lines: [f64; 15],
    quality: f64,
    permanent: f64,
    agency: f64,
    uncovered: f64,
}

/// MODEL.md §4–8 written out directly, month by month, for the FIXED scenario.
fn hand_worked() -> Vec<HandYear> {
    let (d0, ell, g, ramp): (f64, f64, f64, f64) = (1200.0, 0.25, 0.06, 2.0);
    let (v0, ns0, rho, kref, beta) = (0.2, 0.25, 0.5, 15.0, 1.0);
    let (s_new, s_exp, s_mgr, s_sup) = (36000.0, 45000.0, 57000.0, 28000.0);
    let (oncost, pi_pay, premium, cph, npf): (f64, f64, f64, f64, f64) =
        (0.3, 0.03, 0.4, 6000.0, 9000.0);
    let (pi_plc, pi_gen): (f64, f64) = (0.05, 0.02);
    let weekly = 0.75 * 800.0 + 0.25 * 6000.0; // Σ m_k·w_k = £2,100 a week
    let (k, c, ttf, span, ssr): (f64, f64, f64, f64, f64) = (15.0, 0.5, 4.0, 6.5, 0.8);
    let (tau0, uplift, d_years, pension) = (0.2, 0.05, 0.5, 0.01);
    let (overhead_rate, vat, eff, reduction, delta): (f64, f64, f64, f64, f64) =
        (0.15, 0.05, 0.01, 0.1, 2.0);
    let (setup, ob, gov, client, stranded, stranded_years) =
        (1_000_000.0, 0.25, 250_000.0, 400_000.0, 800_000.0, 2.0);
    let (contract_years, reproc) = (1usize, 300_000.0);
    let (wc, ws, wa, we) = (0.35, 0.25, 0.2, 0.2);
    let (zc, zt, za, zn) = (1.5, 0.35, 0.45, 0.5);
    let oc = oncost + pension;
    let f = (1.0 / ttf).min(1.0);
    let horizon = 2;
    let months = 12 * horizon;

    let mut years: Vec<HandYear> = (0..horizon).map(|_| HandYear::default()).collect();
    let mut d = d0;
    let mut p = d0 / k * (1.0 - v0);
    let mut n = p * ns0;
    for t in 0..months {
        if t >= 1 {
            d = (d * (1.0 + g).powf(1.0 / 12.0)).max(1.0);
        }
        let y = t / 12;
        let yf = y as i32;
        let i_pay = (1.0 + pi_pay).powi(yf);
        let i_plc = (1.0 + pi_plc).powi(yf);
        let i_gen = (1.0 + pi_gen).powi(yf);
        let e_y = (1.0 - eff).powi(yf);

        let cla = d * ell * (1.0 - reduction * (t as f64 / (12.0 * ramp)).min(1.0));
        let r = d / k;
        let gap = (r - p).max(0.0);
        let a = c * gap;
        let u = gap - a;
        let cap = p - (1.0 - rho) * n + a;
        let load = d / cap.max(0.1);
        let press = (load / kref - 1.0).max(0.0);
        let up = if (t as f64) < 12.0 * d_years {
            uplift
        } else {
            0.0
        };
        let tau = (tau0 * (1.0 + beta * press) + up).clamp(0.0, 0.95);
        let q = 1.0 - (1.0 - tau).powf(1.0 / 12.0);
        let leavers = q * p;
        let h = f * (r - (p - leavers)).max(0.0);
        let m = (p + a) / span;
        let s = (p + a) * ssr;

        let permanent = (n * s_new + (p - n) * s_exp) * (1.0 + oc) * i_pay / 12.0;
        let agency = a * s_exp * (1.0 + oncost) * (1.0 + premium) * i_pay / 12.0;
        let managers = m * s_mgr * (1.0 + oc) * i_pay / 12.0;
        let support = s * s_sup * (1.0 + oc) * i_pay / 12.0;
        let recruitment = h * cph * i_gen;
        let placements = cla * weekly * (52.0 / 12.0) * i_plc;
        let non_pay = (p + a + m + s) * npf * i_gen / 12.0 * e_y;
        let overhead = overhead_rate * (permanent + agency + managers + support + non_pay) * e_y;
        let vat_line = vat * (non_pay + overhead);
        let governance = gov * i_gen / 12.0;
        let client_side = client * i_gen / 12.0;
        let stranded_line = stranded * (1.0 - y as f64 / stranded_years).max(0.0) * i_gen / 12.0;
        let setup_line = if t == 0 { setup * (1.0 + ob) } else { 0.0 };
        let reproc_line = if t > 0 && t % (12 * contract_years) == 0 {
            reproc * i_gen
        } else {
            0.0
        };

        let s_case = (1.0 - (load / kref - 1.0) / (zc - 1.0)).clamp(0.0, 1.0);
        let s_stab = (1.0 - tau / zt).clamp(0.0, 1.0);
        let s_agcy = (1.0 - (a / (p + a)) / za).clamp(0.0, 1.0);
        let s_exp_score = (1.0 - (n / p) / zn).clamp(0.0, 1.0);
        let quality = (100.0 * (wc * s_case + ws * s_stab + wa * s_agcy + we * s_exp_score)
            + delta)
            .clamp(0.0, 100.0);

        let out = &mut years[y];
        let lines = [
            permanent,
            agency,
            managers,
            support,
            recruitment,
            placements,
            non_pay,
            overhead,
            vat_line,
            governance,
            client_side,
            stranded_line,
            setup_line,
            reproc_line,
            0.0,
        ];
        for (total, line) in out.lines.iter_mut().zip(lines) {
            *total += line;
        }
        out.quality += quality / 12.0;
        out.permanent += p / 12.0;
        out.agency += a / 12.0;
        out.uncovered += u / 12.0;

        p = p - leavers + h;
        n = (n - q * n) * (11.0 / 12.0) + h;
    }
    years
}

#[test]
fn fixed_scenario_matches_the_hand_worked_model() {
    let file = parse_scenario(FIXED).unwrap();
    let results = run_file(&file, 3, 99);
    let hand = hand_worked();
    let o = &results.options[0];
    for (y, (got, want)) in o.years.iter().zip(&hand).enumerate() {
        for line in CostLine::ALL {
            close(
                got.lines.get(line),
                want.lines[line.index()],
                &format!("year {y} {}", line.key()),
            );
        }
        let total: f64 = want.lines.iter().sum();
        close(got.cost_mean, total, &format!("year {y} cost"));
        close(got.cost_p10, total, &format!("year {y} cost P10"));
        close(got.cost_p90, total, &format!("year {y} cost P90"));
        close(got.quality_mean, want.quality, &format!("year {y} quality"));
        close(
            got.quality_p50,
            want.quality,
            &format!("year {y} quality P50"),
        );
        close(
            got.permanent_fte,
            want.permanent,
            &format!("year {y} permanent FTE"),
        );
        close(got.agency_fte, want.agency, &format!("year {y} agency FTE"));
        close(
            got.uncovered_fte,
            want.uncovered,
            &format!("year {y} uncovered FTE"),
        );
    }
    // NPC = Σ_y (C_y / I^gen_y) / (1 + r)^y.
    let npc: f64 = hand
        .iter()
        .enumerate()
        .map(|(y, h)| {
            h.lines.iter().sum::<f64>() / 1.02_f64.powi(y as i32) / 1.035_f64.powi(y as i32)
        })
        .sum();
    close(o.npc.mean, npc, "NPC");
    for p in [o.npc.p5, o.npc.p25, o.npc.p50, o.npc.p75, o.npc.p95] {
        close(p, npc, "NPC percentile");
    }
    assert_eq!(o.npc.sd, 0.0);
    // Year 1 holds the one re-procurement (contract of one year) and half the stranded cost.
    close(
        o.years[1].lines.get(CostLine::Reprocurement),
        300_000.0 * 1.02,
        "re-procurement",
    );
    close(
        o.years[1].lines.get(CostLine::Stranded),
        400_000.0 * 1.02,
        "stranded taper",
    );
    close(
        o.years[0].lines.get(CostLine::Setup),
        1_250_000.0,
        "set-up with optimism bias",
    );
    assert!(
        o.sensitivity.is_empty(),
        "a fixed scenario has no sampled input"
    );
}

// ---------------------------------------------------------------------------------------------
// Distributions.
// ---------------------------------------------------------------------------------------------

/// Draws per family for the moment checks.
const DRAWS: usize = 200_000;
/// Allowed error in the sample mean, in standard errors.
const MEAN_STANDARD_ERRORS: f64 = 5.0;
/// Allowed relative error of the sample variance.
const VARIANCE_RELATIVE: f64 = 0.03;

#[test]
fn every_family_has_its_analytic_mean_and_variance() {
    use rand::SeedableRng;
    let families = [
        Dist::Uniform { min: 2.0, max: 5.0 },
        Dist::Triangular {
            min: 1.0,
            mode: 2.0,
            max: 6.0,
        },
        Dist::Pert {
            min: 0.1,
            mode: 0.17,
            max: 0.25,
        },
        Dist::Pert {
            min: 3000.0,
            mode: 6000.0,
            max: 15000.0,
        },
        Dist::Normal { mean: 0.0, sd: 5.0 },
        Dist::LogNormal {
            mean: 800.0,
            sd: 150.0,
        },
    ];
    let unbounded = Range::new(f64::NEG_INFINITY, f64::INFINITY);
    for dist in families {
        let sampler = Sampler::new(&dist, unbounded).unwrap();
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(42);
        let xs: Vec<f64> = (0..DRAWS).map(|_| sampler.draw(&mut rng).0).collect();
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        let se = (dist.variance() / n).sqrt();
        assert!(
            (mean - dist.mean()).abs() <= MEAN_STANDARD_ERRORS * se,
            "{dist:?}: mean {mean} vs {}",
            dist.mean()
        );
        assert!(
            ((var - dist.variance()) / dist.variance()).abs() <= VARIANCE_RELATIVE,
            "{dist:?}: variance {var} vs {}",
            dist.variance()
        );
    }
}

#[test]
fn draws_outside_the_range_are_clamped_and_counted() {
    let mut file = default_file();
    // A Normal around 0.1 with sd 0.2 spills below 0 about 31% of the time.
    file.options[0].agency_cover = Dist::Normal { mean: 0.1, sd: 0.2 };
    let results = run_file(&file, 2000, 5);
    let clamped = &results.options[0].clamped.0;
    let (_, count) = clamped
        .iter()
        .find(|(path, _)| path == "options[In-house].agency_cover")
        .unwrap();
    assert!(*count > 400 && *count < 850, "clamped {count} of 2000");
}

// ---------------------------------------------------------------------------------------------
// Reproducibility.
// ---------------------------------------------------------------------------------------------

#[test]
fn same_seed_same_bits_and_another_seed_differs() {
    let file = default_file();
    let a = run_file(&file, 1500, 11);
    let b = run_file(&file, 1500, 11);
    assert_eq!(a, b);
    let c = run_file(&file, 1500, 12);
    assert_ne!(a.options[0].npc.mean, c.options[0].npc.mean);
}

#[test]
fn one_thread_and_many_threads_give_identical_bits() {
    let file = default_file();
    let in_pool = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| run_file(&file, 3000, 7))
    };
    let one = in_pool(1);
    let three = in_pool(3);
    assert_eq!(one, three);
    for (x, y) in one.options[1]
        .samples
        .npc
        .iter()
        .zip(&three.options[1].samples.npc)
    {
        assert_eq!(x.to_bits(), y.to_bits());
    }
}

#[test]
fn adding_an_option_leaves_the_others_unchanged() {
    let file = default_file();
    let before = run_file(&file, 1000, 3);
    let mut more = file.clone();
    let mut extra = more.options[2].clone();
    extra.name = "Second company".to_string();
    more.options.insert(1, extra);
    let after = run_file(&more, 1000, 3);
    for name in ["In-house", "Children's trust", "Community interest company"] {
        let a = before.options.iter().find(|o| o.name == name).unwrap();
        let b = after.options.iter().find(|o| o.name == name).unwrap();
        assert_eq!(a.samples.npc, b.samples.npc, "{name}");
        assert_eq!(a.years, b.years, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// Shipped scenarios.
// ---------------------------------------------------------------------------------------------

#[test]
fn every_shipped_scenario_loads_validates_runs_and_round_trips() {
    let files = scenario_files();
    assert!(files.len() >= 4, "default plus three cases");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = parse_scenario(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let results = run_file(&file, 300, 1);
        assert!(results.options.iter().all(|o| o.npc.mean > 0.0));
        let saved = scenario_to_ron(&file).unwrap();
        let back = parse_scenario(&saved).unwrap();
        assert_eq!(back, file, "{} round trip", path.display());
        assert!(
            !file.description.trim().is_empty(),
            "{} needs a description",
            path.display()
        );
    }
}

#[test]
fn shipped_default_matches_the_model_contract() {
    let contract = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/default-scenario.ron"),
    );
    // The shared folder sits beside the checkout in development and CI; skip quietly elsewhere.
    // The shipped file adds notes (format version 2); its values are the contract's.
    if let Ok(contract) = contract {
        let contract = parse_scenario(&contract).unwrap();
        let shipped = default_file();
        assert!(!shipped.notes.is_empty());
        assert!(contract.same_inputs(&shipped));
        let mut without_notes = shipped;
        without_notes.notes.clear();
        assert_eq!(contract, without_notes);
    }
}

/// The path of every input a note can be on: each distribution, each plain number of the
/// appraisal, quality and placements, and each option's contract length; with whether its value is
/// a structural zero (no company to set up in-house, say).
fn note_paths(file: &ScenarioFile) -> Vec<(String, bool)> {
    use care_options::model::inputs::weekly_cost_path;
    use care_options::model::{OptionInput, WorldInput};
    let zero = |d: &Dist| *d == Dist::Fixed(0.0);
    let mut paths: Vec<(String, bool)> = WorldInput::ALL
        .iter()
        .map(|i| (i.path().to_string(), zero(i.get(file))))
        .collect();
    for p in &file.placements.mix {
        paths.push((weekly_cost_path(&p.name), zero(&p.weekly_cost)));
        paths.push((format!("placements.mix[{}].share", p.name), false));
    }
    for o in &file.options {
        for &i in OptionInput::ALL {
            paths.push((i.path(&o.name), zero(i.get(o))));
        }
        paths.push((
            format!("options[{}].contract_years", o.name),
            o.contract_years == 0,
        ));
    }
    for plain in [
        "appraisal.discount_rate",
        "appraisal.quality_threshold",
        "quality.weights.caseload",
        "quality.weights.stability",
        "quality.weights.agency",
        "quality.weights.experience",
        "quality.caseload_zero_at",
        "quality.turnover_zero_at",
        "quality.agency_zero_at",
        "quality.new_starter_zero_at",
    ] {
        paths.push((plain.to_string(), false));
    }
    paths
}

/// Names of the publications the shipped notes cite.
const SOURCES: &[&str] = &[
    "DfE",
    "NAO",
    "National Audit Office",
    "PSSRU",
    "CMA",
    "Green Book",
    "HMRC",
    "LGPS",
    "NJC",
    "Community Care",
    "CYP Now",
    "Ofsted",
    "West Sussex",
];

#[test]
fn every_input_of_every_shipped_scenario_says_where_it_comes_from() {
    for path in scenario_files() {
        let file = parse_scenario(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let shown = path.display();
        let paths = note_paths(&file);
        for (input, structural_zero) in &paths {
            let note = file
                .notes
                .get(input)
                .unwrap_or_else(|| panic!("{shown}: {input} has no note"));
            let cites = SOURCES.iter().any(|s| note.contains(s));
            let judgement = note.to_lowercase().contains("judgement");
            assert!(
                cites || judgement || *structural_zero,
                "{shown}: the note on {input} neither cites a source nor says judgement: {note}"
            );
        }
        // No note is left on an input the scenario does not have.
        for key in file.notes.keys() {
            assert!(
                paths.iter().any(|(p, _)| p == key),
                "{shown}: a note on {key}, which is not an input of this scenario"
            );
        }
    }
}

#[test]
fn a_bare_number_means_fixed() {
    let text =
        care_options::DEFAULT_SCENARIO.replace("open_cases: Fixed(2200.0)", "open_cases: 2200");
    assert_ne!(text, care_options::DEFAULT_SCENARIO);
    let file = parse_scenario(&text).unwrap();
    assert_eq!(file.demand.open_cases, Dist::Fixed(2200.0));
}

// ---------------------------------------------------------------------------------------------
// Bad input: every rule has its own message, nothing panics.
// ---------------------------------------------------------------------------------------------

/// An edit to the default scenario.
type Edit = Box<dyn Fn(&mut ScenarioFile)>;

fn problems_of(edit: impl FnOnce(&mut ScenarioFile)) -> Vec<String> {
    let mut file = default_file();
    edit(&mut file);
    match validate(&file) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn each_validation_rule_names_its_field_and_rule() {
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|f| {
                f.options[1].annual_turnover = Dist::Pert {
                    min: 0.3,
                    mode: 0.2,
                    max: 0.4,
                }
            }),
            "options[Children's trust].annual_turnover: min 0.3 is above mode 0.2",
        ),
        (
            Box::new(|f| {
                f.options[2].practice_quality_delta = Dist::Normal {
                    mean: 0.0,
                    sd: -1.0,
                }
            }),
            "options[Community interest company].practice_quality_delta: sd -1 is negative",
        ),
        (
            Box::new(|f| f.placements.mix[0].share = 1.2),
            "placements.mix[In-house fostering].share: share 1.2 is out of [0, 1]",
        ),
        (
            Box::new(|f| f.placements.mix[0].share = 0.4),
            "placements.mix: shares sum to",
        ),
        (
            Box::new(|f| f.quality.weights.caseload = 0.5),
            "quality.weights: weights sum to",
        ),
        (
            Box::new(|f| f.appraisal.baseline_option = "Nobody".to_string()),
            "appraisal.baseline_option: \"Nobody\" is not one of the options",
        ),
        (
            Box::new(|f| f.options[2].name = "Children's trust".to_string()),
            "options[Children's trust]: the option name \"Children's trust\" is used twice",
        ),
        (
            Box::new(|f| f.simulation.iterations = 0),
            "simulation.iterations: 0 is outside 1…1000000",
        ),
        (
            Box::new(|f| f.simulation.iterations = 1_000_001),
            "simulation.iterations: 1000001 is outside",
        ),
        (
            Box::new(|f| f.horizon_years = 31),
            "horizon_years: 31 is outside 1…30 years",
        ),
        (
            Box::new(|f| f.horizon_years = 0),
            "horizon_years: 0 is outside",
        ),
        (
            Box::new(|f| f.format_version = 3),
            "format_version: this file is format_version 3, written by a newer Care Options",
        ),
        (
            Box::new(|f| f.workforce.agency_premium = Dist::Fixed(f64::NAN)),
            "workforce.agency_premium: value must be a finite number",
        ),
        (
            Box::new(|f| f.options[0].annual_turnover = Dist::Fixed(0.99)),
            "options[In-house].annual_turnover: 0.99 is outside the allowed range [0, 0.95]",
        ),
        (
            Box::new(|f| f.placements.mix[1].weekly_cost = Dist::LogNormal { mean: 0.0, sd: 5.0 }),
            "placements.mix[Independent fostering agency].weekly_cost: LogNormal mean 0 must be above 0",
        ),
    ];
    for (edit, expected) in cases {
        let problems = problems_of(edit);
        assert!(
            problems.iter().any(|p| p.starts_with(expected)),
            "expected a problem starting {expected:?}, got {problems:?}"
        );
    }
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let problems = problems_of(|f| {
        f.horizon_years = 40;
        f.options[0].agency_cover = Dist::Fixed(2.0);
        f.options[1].setup_cost = Dist::Pert {
            min: 5.0,
            mode: 1.0,
            max: 7.0,
        };
        f.quality.turnover_zero_at = 0.0;
    });
    assert_eq!(problems.len(), 4, "{problems:?}");
}

fn parse_error(text: &str) -> care_options::io::ParseError {
    parse_scenario(text).expect_err("should not parse")
}

#[test]
fn syntax_and_type_errors_carry_line_and_column() {
    let broken =
        care_options::DEFAULT_SCENARIO.replacen("horizon_years: 10,", "horizon_years: ten,", 1);
    let e = parse_error(&broken);
    assert!(e.line.is_some() && e.column.is_some(), "{e}");
    let line = broken
        .lines()
        .position(|l| l.contains("horizon_years: ten"))
        .unwrap()
        + 1;
    assert_eq!(e.line, Some(line), "{e}");

    let unknown = care_options::DEFAULT_SCENARIO.replacen(
        "seed: 20261121,",
        "seed: 20261121,\n        sed: 3,",
        1,
    );
    let e = parse_error(&unknown);
    assert!(e.message.contains("sed"), "unknown field named: {e}");

    let bad_dist =
        care_options::DEFAULT_SCENARIO.replacen("Fixed(2200.0)", "Gaussian(mean: 1.0)", 1);
    let e = parse_error(&bad_dist);
    assert!(e.message.contains("Pert(min, mode, max)"), "{e}");
    assert!(e.line.is_some());

    let missing = care_options::DEFAULT_SCENARIO.replacen(
        "        oncost_rate: Pert(min: 0.28, mode: 0.33, max: 0.38),\n",
        "",
        1,
    );
    assert_ne!(missing, care_options::DEFAULT_SCENARIO);
    let e = parse_error(&missing);
    assert!(e.message.contains("oncost_rate"), "{e}");
}

#[test]
fn truncated_empty_and_random_files_fail_cleanly() {
    let text = care_options::DEFAULT_SCENARIO;
    for cut in [1, 10, 100, text.len() / 3, text.len() / 2, text.len() - 3] {
        let mut end = cut;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let e = parse_error(&text[..end]);
        assert!(!e.message.is_empty());
    }
    assert!(parse_error("").message.contains("empty"));
    assert!(parse_error("   \n ").message.contains("empty"));
    // Random bytes, made text where the bytes happen to be UTF-8.
    let mut state = 0x1234_5678_u64;
    for _ in 0..200 {
        let bytes: Vec<u8> = (0..300)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 56) as u8
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        assert!(parse_scenario(&text).is_err());
    }
}

// ---------------------------------------------------------------------------------------------
// Fuzzing: mutated copies of the shipped scenarios through load → validate → a short run.
// ---------------------------------------------------------------------------------------------

/// Numbers a mutation puts in place of one in the file: the extremes of f64, i64 and u64 and
/// just past them, signed zero, the non-finite spellings RON reads, and the edges of the rules.
const EXTREME_NUMBERS: &[&str] = &[
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "-0",
    "-0.0",
    "0",
    "NaN",
    "inf",
    "-inf",
    "5e-324",
    "1e-320",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "9223372036854775807",
    "99999999999999999999999999",
    "4294967296",
    "2147483648",
    "1000000",
    "1000001",
    "-1",
    "0.5",
    "1e9",
    "30",
    "31",
    "1e15",
];

/// One change to a file's bytes; positions are taken modulo the file's length.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte {
        at: usize,
        xor: u8,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Duplicate {
        from: usize,
        len: usize,
        to: usize,
    },
    /// A line of one of the shipped files put in place of, or before, a line of this one.
    SpliceLine {
        seed: usize,
        from: usize,
        to: usize,
        replace: bool,
    },
    Number {
        nth: usize,
        with: usize,
    },
}

fn mutation() -> impl proptest::strategy::Strategy<Value = Mutation> {
    use proptest::prelude::*;
    prop_oneof![
        1 => (any::<usize>(), 1..=255u8).prop_map(|(at, xor)| Mutation::FlipByte { at, xor }),
        1 => (any::<usize>(), 1..200usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        1 => (any::<usize>(), 1..400usize, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        1 => (any::<usize>(), any::<usize>(), any::<usize>(), any::<bool>()).prop_map(
            |(seed, from, to, replace)| Mutation::SpliceLine {
                seed,
                from,
                to,
                replace
            }
        ),
        4 => (any::<usize>(), 0..EXTREME_NUMBERS.len())
            .prop_map(|(nth, with)| Mutation::Number { nth, with }),
    ]
}

/// Byte ranges of the numbers in a text: a digit run with its sign, point and exponent.
fn number_spans(text: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let starts = text[i].is_ascii_digit()
            || (text[i] == b'-' && text.get(i + 1).is_some_and(u8::is_ascii_digit));
        let inside_word = i > 0 && (text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'_');
        if starts && !inside_word {
            let start = i;
            i += 1;
            while i < text.len()
                && (text[i].is_ascii_digit()
                    || text[i] == b'.'
                    || text[i] == b'e'
                    || text[i] == b'E'
                    || ((text[i] == b'-' || text[i] == b'+') && matches!(text[i - 1], b'e' | b'E')))
            {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

fn apply_mutation(bytes: &mut Vec<u8>, m: &Mutation, seeds: &[Vec<u8>]) {
    let n = bytes.len();
    match *m {
        Mutation::FlipByte { at, xor } if n > 0 => bytes[at % n] ^= xor,
        Mutation::Delete { at, len } if n > 0 => {
            let at = at % n;
            bytes.drain(at..(at + len).min(n));
        }
        Mutation::Duplicate { from, len, to } if n > 0 => {
            let from = from % n;
            let piece = bytes[from..(from + len).min(n)].to_vec();
            let to = to % (n + 1);
            bytes.splice(to..to, piece);
        }
        Mutation::SpliceLine {
            seed,
            from,
            to,
            replace,
        } => {
            let donor: Vec<&[u8]> = seeds[seed % seeds.len()].split(|&b| b == b'\n').collect();
            let line = donor[from % donor.len()].to_vec();
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let to = to % lines.len();
            if replace {
                lines[to] = line;
            } else {
                lines.insert(to, line);
            }
            *bytes = lines.join(&b'\n');
        }
        Mutation::Number { nth, with } => {
            let spans = number_spans(bytes);
            if !spans.is_empty() {
                let (start, end) = spans[nth % spans.len()];
                bytes.splice(start..end, EXTREME_NUMBERS[with].bytes());
            }
        }
        _ => {}
    }
}

/// The shipped scenarios and the old-format fixture: the files mutations start from.
fn fuzz_seeds() -> Vec<Vec<u8>> {
    let mut paths = scenario_files();
    paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron"));
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// Longest horizon × options a fuzz case runs, so a case that duplicated many options stays quick
/// in debug builds; larger ones are still loaded and validated.
const FUZZ_RUN_CELLS: usize = 30 * 12;

/// Loads, validates and briefly runs one mutated file; the property is that nothing panics and
/// every rejection carries a message.
fn fuzz_one(bytes: Vec<u8>) {
    use care_options::io::{DiskStamp, LoadError, content_hash, scenario_from_bytes};
    let stamp = DiskStamp {
        modified: None,
        len: bytes.len() as u64,
        hash: content_hash(&bytes),
    };
    let parsed = match scenario_from_bytes(Path::new("fuzz.ron"), bytes, stamp) {
        Ok(loaded) => {
            let file = &loaded.file;
            if file.horizon_years as usize * file.options.len() <= FUZZ_RUN_CELLS {
                let settings = RunSettings {
                    iterations: 2,
                    seed: file.simulation.seed,
                };
                match run(&loaded.scenario, settings, &RunControl::new()) {
                    Ok(results) => {
                        let _ = care_options::present::headlines(&results);
                        let _ = care_options::io::results_json(&results);
                        let _ = care_options::io::results_csv(&results);
                    }
                    Err(e) => assert!(!e.to_string().is_empty()),
                }
            }
            loaded.file
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            match e {
                LoadError::Parse { error, .. } => {
                    assert!(!error.message.trim().is_empty(), "{error:?}");
                    return;
                }
                LoadError::Invalid { problems, file, .. } => {
                    assert!(!problems.is_empty());
                    for p in &problems {
                        assert!(!p.problem.message.trim().is_empty(), "{p:?}");
                        assert!(!p.problem.path.is_empty(), "{p:?}");
                    }
                    *file
                }
                LoadError::NotText { .. } | LoadError::Read { .. } => return,
            }
        }
    };
    // Whatever parses, valid or not, can be opened in the window, saved and opened again.
    let text = scenario_to_ron(&parsed).unwrap();
    let back = parse_scenario(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(scenario_to_ron(&back).unwrap(), text);
}

/// Fuzz cases: 2,000 in the test suite; `PROPTEST_CASES=100000` for a long run, with
/// `FUZZ_SEED=n` to explore other cases than the suite's fixed sequence.
fn fuzz_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

#[test]
fn fuzz_mutated_scenarios_never_panic_and_every_rejection_says_why() {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let seeds = fuzz_seeds();
    let config = Config {
        cases: fuzz_cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let rng = match std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        Some(seed) => {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
        }
        None => TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    };
    let mut runner = TestRunner::new_with_rng(config, rng);
    let started = std::time::Instant::now();
    let strategy = (0..seeds.len(), proptest::collection::vec(mutation(), 1..5));
    runner
        .run(&strategy, |(seed, mutations)| {
            let mut bytes = seeds[seed].clone();
            for m in &mutations {
                apply_mutation(&mut bytes, m, &seeds);
            }
            fuzz_one(bytes);
            Ok(())
        })
        .unwrap();
    eprintln!(
        "fuzz: {} cases in {:.1} s",
        fuzz_cases(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn number_spans_find_every_number_and_no_name() {
    let text = b"(a1: 12, b: -3.5e-2, c: Pert(min: 0.1, mode: 2, max: 1e6), d_2: x)";
    let found: Vec<&str> = number_spans(text)
        .iter()
        .map(|&(s, e)| std::str::from_utf8(&text[s..e]).unwrap())
        .collect();
    assert_eq!(found, ["12", "-3.5e-2", "0.1", "2", "1e6"]);
}

// ---------------------------------------------------------------------------------------------
// Extreme but valid inputs.
// ---------------------------------------------------------------------------------------------

fn assert_sane(results: &RunResults) {
    for o in &results.options {
        for y in &o.years {
            for x in [
                y.cost_mean,
                y.cost_p10,
                y.cost_p90,
                y.permanent_fte,
                y.agency_fte,
                y.uncovered_fte,
            ] {
                assert!(x.is_finite() && x >= 0.0, "{}: {x}", o.name);
            }
            for line in CostLine::ALL {
                let x = y.lines.get(line);
                assert!(x.is_finite() && x >= 0.0, "{} {}: {x}", o.name, line.key());
            }
            for q in [y.quality_mean, y.quality_p10, y.quality_p90] {
                assert!((0.0..=100.0).contains(&q), "{}: quality {q}", o.name);
            }
        }
        assert!(o.npc.mean.is_finite() && o.npc.p5 >= 0.0);
        for s in &o.sensitivity {
            assert!(s.npc.is_finite() && s.npc_vs_baseline.is_finite());
        }
    }
}

#[test]
fn extreme_but_valid_inputs_stay_finite_and_in_range() {
    let edits: Vec<Edit> = vec![
        Box::new(|f| f.demand.open_cases = Dist::Fixed(1.0)),
        Box::new(|f| f.demand.open_cases = Dist::Fixed(1_000_000.0)),
        Box::new(|f| {
            for o in &mut f.options {
                o.annual_turnover = Dist::Fixed(0.95);
            }
        }),
        Box::new(|f| f.horizon_years = 30),
        Box::new(|f| {
            f.demand.monthly_volatility = Dist::Fixed(0.5);
            f.demand.shock_probability_per_year = Dist::Fixed(1.0);
        }),
        Box::new(|f| {
            for o in &mut f.options {
                o.agency_cover = Dist::Fixed(0.0);
                o.time_to_fill_months = Dist::Fixed(1000.0);
            }
        }),
    ];
    for (i, edit) in edits.iter().enumerate() {
        let mut file = default_file();
        edit(&mut file);
        let results = run_file(&file, if i == 3 { 50 } else { 200 }, 9);
        assert_sane(&results);
    }
    // One iteration.
    let results = run_file(&default_file(), 1, 9);
    assert_sane(&results);
    assert_eq!(results.options[0].npc.sd, 0.0);
}

// ---------------------------------------------------------------------------------------------
// Property: any valid scenario gives finite, non-negative costs and FTEs and quality in 0–100.
// ---------------------------------------------------------------------------------------------

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
    /// Per option: kind, contract years and its inputs.
    options: Vec<(usize, i64, Vec<UnitDist>)>,
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
    use care_options::model::{OptionInput, WorldInput};
    use proptest::collection::vec;
    use proptest::prelude::*;
    let option = (0..3usize, 0..=100i64, vec(unit_dist(), OptionInput::COUNT));
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
    use care_options::model::{OptionInput, OptionKind, WorldInput, inputs::WEEKLY_COST_RANGE};
    let mut file = default_file();
    file.horizon_years = d.horizon_years;
    file.simulation.seed = d.seed;
    for (&w, u) in WorldInput::ALL.iter().zip(&d.world) {
        *w.get_mut(&mut file) = scaled(u, w.range(), d.extreme);
    }
    let template = file.options[0].clone();
    file.options = d
        .options
        .iter()
        .enumerate()
        .map(|(i, (kind, contract_years, inputs))| {
            let mut o = template.clone();
            o.name = format!("Option {i}");
            o.kind = OptionKind::ALL[*kind];
            o.contract_years = *contract_years;
            for (&j, u) in OptionInput::ALL.iter().zip(inputs) {
                *j.get_mut(&mut o) = scaled(u, j.range(), d.extreme);
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
        for x in [o.npc.mean, o.npc.p5, o.npc.p50, o.npc.p95] {
            check(non_negative(x), format!("{n} npc {x}"))?;
        }
        for p in [o.p_cheaper, o.p_quality_at_risk, o.p_cheaper_and_better] {
            check((0.0..=1.0).contains(&p), format!("{n} probability {p}"))?;
        }
        for y in &o.years {
            for x in [y.cost_mean, y.cost_p10, y.cost_p50, y.cost_p90] {
                check(non_negative(x), format!("{n} {} cost {x}", y.year))?;
            }
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
            check(non_negative(x), format!("{n} sample NPC {x}"))?;
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

#[test]
fn cancel_stops_a_run() {
    let scenario = validate(&default_file()).unwrap();
    let control = RunControl::new();
    control.cancel();
    let r = run(
        &scenario,
        RunSettings {
            iterations: 100_000,
            seed: 1,
        },
        &control,
    );
    assert_eq!(r.unwrap_err(), care_options::model::RunError::Cancelled);
}

#[test]
fn after_cancel_at_most_one_chunk_per_thread_completes() {
    use care_options::model::engine::CHUNK_ITERATIONS;
    let scenario = validate(&default_file()).unwrap();
    let control = RunControl::new();
    let threads = rayon::current_num_threads() as u64;
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            run(
                &scenario,
                RunSettings {
                    iterations: 200_000,
                    seed: 1,
                },
                &control,
            )
        });
        // Wait until the draws are under way, then cancel.
        while control.done() == 0 {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        control.cancel();
        let at_cancel = control.done();
        let result = worker.join().unwrap();
        assert_eq!(
            result.unwrap_err(),
            care_options::model::RunError::Cancelled
        );
        let after = control.done() - at_cancel;
        // Each thread finishes at most the chunk it was in (and stops sooner: every group of
        // iterations checks the flag); no new chunk starts.
        assert!(
            after <= threads * CHUNK_ITERATIONS as u64,
            "{after} iterations completed after cancel on {threads} threads"
        );
        assert!(
            at_cancel < 200_000,
            "the run had finished its draws already"
        );
    });
}

// ---------------------------------------------------------------------------------------------
// The real executable.
// ---------------------------------------------------------------------------------------------

fn exe() -> Command {
    Command::new(env!("CARGO_BIN_EXE_care-options"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("care-options-test-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn cli_run_prints_a_summary_and_writes_json_with_every_key() {
    let dir = temp_dir("run");
    let json = dir.join("out.json");
    let csv = dir.join("out.csv");
    let out = exe()
        .args([
            "run",
            "scenarios/default.ron",
            "--iterations",
            "2000",
            "--seed",
            "5",
        ])
        .arg("--json")
        .arg(&json)
        .arg("--csv")
        .arg(&csv)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Community interest company"));
    assert!(stdout.contains("P(cheaper)"));
    assert!(stdout.contains("2,000 iterations, seed 5"));

    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    for key in [
        "scenario",
        "iterations",
        "seed",
        "start_year",
        "horizon_years",
        "baseline_option",
        "options",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let option = &v["options"][1];
    for key in [
        "name",
        "kind",
        "npc",
        "npc_vs_baseline",
        "p_cheaper",
        "p_quality_at_risk",
        "p_cheaper_and_better",
        "years",
        "sensitivity",
        "clamped",
    ] {
        assert!(option.get(key).is_some(), "missing options[].{key}");
    }
    for key in ["mean", "sd", "p5", "p10", "p25", "p50", "p75", "p90", "p95"] {
        assert!(option["npc"].get(key).is_some() && option["npc_vs_baseline"].get(key).is_some());
    }
    let year = &option["years"][0];
    for key in [
        "year",
        "cost_mean",
        "cost_p10",
        "cost_p50",
        "cost_p90",
        "quality_mean",
        "quality_p10",
        "quality_p50",
        "quality_p90",
        "permanent_fte",
        "agency_fte",
        "uncovered_fte",
        "lines",
    ] {
        assert!(year.get(key).is_some(), "missing years[].{key}");
    }
    for line in CostLine::ALL {
        assert!(
            year["lines"].get(line.key()).is_some(),
            "missing line {}",
            line.key()
        );
    }
    assert_eq!(option["kind"], "Trust");
    let s = &option["sensitivity"][0];
    assert!(
        s.get("input").is_some() && s.get("npc").is_some() && s.get("npc_vs_baseline").is_some()
    );
    assert!(
        option["clamped"]
            .as_object()
            .unwrap()
            .contains_key("options[Children's trust].setup_cost")
    );

    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(csv_text.lines().count(), 1 + 3 * 10);
    assert!(csv_text.starts_with("option,kind,year,financial_year,cost_mean_gbp"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_run_into_a_reader_that_stopped_still_writes_its_files_and_succeeds() {
    // `care-options run … | head`: the reader is gone before the summary is printed.
    let dir = temp_dir("closed-stdout");
    let json = dir.join("out.json");
    let _ = std::fs::remove_file(&json);
    let mut child = exe()
        .args(["run", "scenarios/default.ron", "--iterations", "2000"])
        .arg("--json")
        .arg(&json)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(!stderr.contains("internal error"), "{stderr}");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(written["iterations"], 2000);
}

#[test]
fn cli_refuses_a_run_that_would_not_fit_in_memory_and_gives_the_estimate() {
    use care_options::model::MemoryEstimate;
    // 30 years and 400 options: about 200 GB at a million iterations.
    let mut file = default_file();
    file.horizon_years = 30;
    let template = file.options[0].clone();
    file.options = (0..400)
        .map(|i| {
            let mut o = template.clone();
            o.name = format!("Option {i}");
            o
        })
        .collect();
    file.appraisal.baseline_option = "Option 0".to_string();
    let scenario = validate(&file).unwrap();
    let needed = MemoryEstimate::of(&scenario).bytes(1_000_000);
    let Some(available) = care_options::io::machine::available_memory() else {
        eprintln!("this system does not say how much memory is available: nothing to refuse");
        return;
    };
    if needed <= available {
        eprintln!("{needed} bytes fit in the {available} available here: nothing to refuse");
        return;
    }
    let dir = temp_dir("memory");
    let path = dir.join("huge.ron");
    std::fs::write(&path, scenario_to_ron(&file).unwrap()).unwrap();
    let out = exe()
        .arg("run")
        .arg(&path)
        .args(["--iterations", "1000000"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("a run of 1,000,000 iterations of this scenario needs about")
            && stderr.contains(" GB of memory")
            && stderr.contains("not started"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_refuses_more_than_a_million_iterations_naming_the_limit() {
    let out = exe()
        .args(["run", "scenarios/default.ron", "--iterations", "1000001"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("1000001 iterations is outside 1…1000000"),
        "{stderr}"
    );
}

#[test]
fn cli_validate_reports_file_line_column_path_and_rule() {
    let dir = temp_dir("validate");
    let bad = dir.join("bad.ron");
    let text = care_options::DEFAULT_SCENARIO.replacen(
        "annual_turnover: Pert(min: 0.08, mode: 0.14, max: 0.28)",
        "annual_turnover: Pert(min: 0.3, mode: 0.14, max: 0.28)",
        1,
    );
    std::fs::write(&bad, &text).unwrap();
    let out = exe().arg("validate").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .position(|l| l.contains("min: 0.3, mode: 0.14"))
        .unwrap()
        + 1;
    let expected = format!(
        "{}:{line}:13: options[Children's trust].annual_turnover: min 0.3 is above mode 0.14",
        bad.display()
    );
    assert!(stderr.contains(&expected), "{stderr}\nexpected {expected}");

    let out = exe()
        .arg("validate")
        .arg("scenarios/default.ron")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));

    let out = exe()
        .arg("validate")
        .arg(dir.join("missing.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_never_panics_on_broken_files() {
    let dir = temp_dir("broken");
    let text = care_options::DEFAULT_SCENARIO;
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        text.as_bytes()[..text.len() / 2].to_vec(),
        vec![0xff, 0xfe, 0x00, 0x41, 0x80, 0x81],
        b"(format_version: 1)".to_vec(),
        text.replace("10000", "-5").into_bytes(),
        text.replace("horizon_years: 10", "horizon_years: 99999999999999999999")
            .into_bytes(),
    ];
    let mut state = 99u64;
    cases.push(
        (0..2000)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                (state >> 56) as u8
            })
            .collect(),
    );
    for (i, bytes) in cases.iter().enumerate() {
        let path = dir.join(format!("case{i}.ron"));
        std::fs::write(&path, bytes).unwrap();
        for command in ["validate", "run"] {
            let out = exe()
                .arg(command)
                .arg(&path)
                .args(if command == "run" {
                    vec!["--iterations", "50"]
                } else {
                    vec![]
                })
                .output()
                .unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(1) | Some(2)),
                "case {i} {command}: exit {code:?}"
            );
            assert!(
                !out.stderr.is_empty(),
                "case {i}: a rejection needs a message"
            );
            assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn format_versions_load_upgrade_and_save_at_the_oldest_that_holds_the_content() {
    // A version-1 file (MODEL.md §9, before notes existed) loads and is upgraded in memory.
    let v1 = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron"),
    )
    .unwrap();
    assert!(v1.contains("format_version: 1"));
    let mut file = parse_scenario(&v1).unwrap();
    assert_eq!(
        file.format_version,
        care_options::model::scenario::FORMAT_VERSION
    );
    assert!(file.notes.is_empty());
    // Without notes it is saved as version 1, which any reader of MODEL.md's format reads.
    assert!(
        scenario_to_ron(&file)
            .unwrap()
            .contains("format_version: 1,")
    );

    // With a note it needs version 2, and the note survives save → load.
    let note = "DfE CSWW 2023, England turnover 17.1% (DATA.md)";
    file.notes
        .insert("workforce.initial_vacancy_rate".into(), note.into());
    let text = scenario_to_ron(&file).unwrap();
    assert!(text.contains("format_version: 2,"), "{text}");
    let back = parse_scenario(&text).unwrap();
    assert_eq!(back, file);
    assert_eq!(back.notes["workforce.initial_vacancy_rate"], note);

    // A file from a newer program says which program it needs, not which field it lacks.
    let v3 = v1.replace(
        "format_version: 1,",
        "format_version: 3,\n    colour_scheme: \"teal\",",
    );
    let e = parse_error(&v3);
    assert!(
        e.message
            .contains("format_version 3, written by a newer Care Options")
            && e.message.contains("reads format_version 2 and older"),
        "{}",
        e.message
    );
}

// ---------------------------------------------------------------------------------------------
// Reports and exported charts.
// ---------------------------------------------------------------------------------------------

/// An exported PNG must be at least this wide (the promise in the README).
const MIN_EXPORT_WIDTH: u32 = 1600;

/// Decodes a PNG and checks it is wide enough and not blank: a chart has a white background,
/// coloured data and dark text, so it holds many colours and a fair share of non-white pixels.
fn assert_real_chart_png(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let image = image::load_from_memory(&bytes)
        .unwrap_or_else(|e| panic!("{} does not decode: {e}", path.display()))
        .to_rgb8();
    assert!(
        image.width() >= MIN_EXPORT_WIDTH,
        "{} is {} px wide",
        path.display(),
        image.width()
    );
    let corner = image.get_pixel(0, 0);
    assert_eq!(
        corner.0,
        [255, 255, 255],
        "{}: background not white",
        path.display()
    );
    let mut colours = std::collections::HashSet::new();
    let mut inked = 0usize;
    for p in image.pixels() {
        colours.insert(p.0);
        if p.0 != [255, 255, 255] {
            inked += 1;
        }
    }
    let share = inked as f64 / (image.width() * image.height()) as f64;
    assert!(
        colours.len() > 50,
        "{}: only {} colours",
        path.display(),
        colours.len()
    );
    assert!(
        share > 0.02,
        "{}: only {:.1}% of pixels are not white",
        path.display(),
        share * 100.0
    );
}

/// Parses an SVG and checks it is a drawing with a title and the stamp in it.
fn assert_real_chart_svg(path: &Path, stamp_fragment: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{} is not well-formed XML: {e}", path.display()));
    assert_eq!(
        doc.root_element().tag_name().name(),
        "svg",
        "{}",
        path.display()
    );
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    assert!(
        texts.len() > 10,
        "{}: {} text elements",
        path.display(),
        texts.len()
    );
    assert!(
        texts.iter().any(|t| t.contains(stamp_fragment)),
        "{}: no stamp containing {stamp_fragment}",
        path.display()
    );
}

/// The JSON number at `field` ("npc.p50", "p_cheaper") of the option named `option`.
fn json_figure(json: &serde_json::Value, option: &str, field: &str) -> Option<f64> {
    let o = json["options"]
        .as_array()?
        .iter()
        .find(|o| o["name"] == option)?;
    if field == "mean_quality" {
        // The mean of the yearly means, as the summary table shows it.
        let years = o["years"].as_array()?;
        let sum: f64 = years
            .iter()
            .filter_map(|y| y["quality_mean"].as_f64())
            .sum();
        return Some(sum / years.len() as f64);
    }
    field
        .split('.')
        .try_fold(o, |v, key| v.get(key))
        .and_then(|v| v.as_f64())
}

#[test]
fn cli_report_writes_every_file_and_its_numbers_match_the_json() {
    let dir = temp_dir("report");
    // A copy of the default scenario with a note on one input: the report must show it.
    let mut file = default_file();
    let note = "Agreed with the finance business partner, March 2026 <checked>";
    file.notes
        .insert("workforce.agency_premium".to_string(), note.to_string());
    let scenario = dir.join("colleague.ron");
    std::fs::write(&scenario, scenario_to_ron(&file).unwrap()).unwrap();
    let out_dir = dir.join("out");
    let out = exe()
        .args(["report", scenario.to_str().unwrap(), "--out"])
        .arg(&out_dir)
        .args(["--iterations", "400", "--seed", "7"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let hash = care_options::present::stamp::content_hash(&std::fs::read(&scenario).unwrap());
    assert!(
        stdout.contains(&format!("colleague.ron, SHA-256 {hash}")),
        "{stdout}"
    );

    // Every promised file is there.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("results.json")).unwrap())
            .unwrap();
    assert_eq!(json["iterations"], 400);
    assert_eq!(json["seed"], 7);
    let baseline = json["baseline_option"].as_str().unwrap().to_string();
    let mut stems: Vec<String> = care_options::present::chart_data::ChartKind::ALL
        .iter()
        .filter(|k| **k != care_options::present::chart_data::ChartKind::Tornado)
        .map(|k| k.file_stem().to_string())
        .collect();
    for o in json["options"].as_array().unwrap() {
        let name = o["name"].as_str().unwrap();
        if name != baseline {
            stems.push(format!("sensitivity-{}", care_options::report::slug(name)));
        }
    }
    assert_eq!(stems.len(), 10);
    for stem in &stems {
        assert_real_chart_png(&out_dir.join(format!("{stem}.png")));
        assert_real_chart_svg(&out_dir.join(format!("{stem}.svg")), &hash);
    }
    for name in ["report.html", "summary.csv", "years.csv"] {
        assert!(out_dir.join(name).is_file(), "{name} missing");
    }
    let summary = std::fs::read_to_string(out_dir.join("summary.csv")).unwrap();
    assert_eq!(
        summary.lines().count(),
        1 + json["options"].as_array().unwrap().len()
    );

    // The report is well-formed (XHTML), in the promised order, and its numbers are the JSON's.
    let html = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
    // `<!DOCTYPE html>` is a DTD to an XML parser: allow it.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&html, options)
        .expect("report.html is well-formed");
    let sections: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("section"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert_eq!(
        sections,
        ["caveats", "summary", "charts", "assumptions", "method"]
    );
    let images: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("img"))
        .collect();
    assert_eq!(images.len(), stems.len());
    for img in &images {
        let src = img.attribute("src").unwrap();
        assert!(src.starts_with("data:image/png;base64,"), "not embedded");
    }
    let mut checked = 0;
    for cell in doc
        .descendants()
        .filter(|n| n.has_tag_name("td") && n.attribute("data-field").is_some())
    {
        let option = cell.attribute("data-option").unwrap();
        let field = cell.attribute("data-field").unwrap();
        let value: f64 = cell.attribute("data-value").unwrap().parse().unwrap();
        let expected = json_figure(&json, option, field)
            .unwrap_or_else(|| panic!("{option} {field} not in the JSON"));
        assert!(
            (value - expected).abs() <= 1e-9 * expected.abs().max(1.0),
            "{option} {field}: report {value}, JSON {expected}"
        );
        // What is shown is the same figure, rounded.
        let shown = cell.text().unwrap().replace('−', "-").replace('+', "");
        if field.starts_with("npc") {
            let shown: f64 = shown.parse().unwrap();
            assert!(
                (shown - expected / 1e6).abs() <= 0.05 + 1e-9,
                "{option} {field}"
            );
        }
        checked += 1;
    }
    // Three options: four NPC cells each, four vs-baseline cells for two, three chances each.
    assert!(
        checked >= 3 * 4 + 2 * 4 + 3 * 2,
        "only {checked} figures checked"
    );
    // Every uncertain input has a row, with its note where the file has one.
    let rows = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.attribute("data-path").is_some())
        .count();
    assert_eq!(
        rows,
        care_options::report::assumption_rows(&file).len(),
        "assumption rows"
    );
    assert!(html.contains("Agreed with the finance business partner, March 2026 &lt;checked&gt;"));
    assert!(html.contains("@media print") && html.contains("size: A4"));
}

#[test]
fn the_stamp_hash_changes_when_the_file_changes() {
    use care_options::present::stamp::{Source, content_hash};
    let dir = temp_dir("stamp");
    let path = dir.join("scenario.ron");
    let text = scenario_to_ron(&default_file()).unwrap();
    std::fs::write(&path, &text).unwrap();
    let file = parse_scenario(&text).unwrap();
    let before = Source::of(Some(&path), &file);
    assert_eq!(
        before,
        Source::File {
            name: "scenario.ron".to_string(),
            hash: content_hash(text.as_bytes())
        }
    );
    // A comment changes the file but not the scenario: the stamp still follows the file.
    let edited = format!("// Reviewed by the section 151 officer.\n{text}");
    std::fs::write(&path, &edited).unwrap();
    let after = Source::of(Some(&path), &file);
    assert!(matches!(after, Source::File { .. }));
    assert_ne!(before.hash(), after.hash());
    // A change in the window that is not saved: the stamp says so and hashes the scenario.
    let mut changed = file.clone();
    changed.simulation.seed += 1;
    let unsaved = Source::of(Some(&path), &changed);
    assert!(
        matches!(&unsaved, Source::Unsaved { name: Some(n), .. } if n == "scenario.ron"),
        "{unsaved:?}"
    );
    assert!(unsaved.describe().contains("unsaved"));
    assert_ne!(unsaved.hash(), after.hash());
}

/// Degenerate results (every input fixed; a single option) still draw every chart.
#[test]
fn every_chart_draws_for_a_fixed_scenario_and_a_single_option() {
    use care_options::present::chart_data::{ChartData, ChartKind};
    use care_options::present::stamp::{Source, Stamp};
    use care_options::render::{ChartSource, png, svg};
    let fixed = parse_scenario(FIXED).unwrap();
    let mut single = default_file();
    single.options.truncate(1);
    single.appraisal.baseline_option = single.options[0].name.clone();
    for file in [fixed, single] {
        let results = run_file(&file, 50, 3);
        let data = ChartData::new(&results);
        let stamp = Stamp::new(
            &results,
            Source::of(None, &file),
            std::time::SystemTime::now(),
        );
        let source = ChartSource {
            results: &results,
            data: &data,
            threshold: file.appraisal.quality_threshold,
            tornado_option: 0,
            stamp: &stamp,
        };
        for kind in ChartKind::ALL {
            let bytes =
                png(kind, &source, (1600, 1000)).unwrap_or_else(|e| panic!("{}: {e}", file.name));
            let image = image::load_from_memory(&bytes).unwrap();
            assert_eq!(image.width(), 1600);
            let text = svg(kind, &source, (1600, 1000)).unwrap();
            roxmltree::Document::parse(&text).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Comparing scenarios: the input diff.
// ---------------------------------------------------------------------------------------------

/// Every field of a scenario changed on its own, with the one path the diff must list for it.
#[allow(clippy::type_complexity)]
fn one_field_edits() -> Vec<(String, Box<dyn Fn(&mut ScenarioFile)>)> {
    use care_options::model::{OptionInput, OptionKind, WorldInput};
    let mut edits: Vec<(String, Box<dyn Fn(&mut ScenarioFile)>)> = vec![
        ("name".into(), Box::new(|f| f.name.push('!'))),
        ("description".into(), Box::new(|f| f.description.clear())),
        ("start_year".into(), Box::new(|f| f.start_year += 1)),
        ("horizon_years".into(), Box::new(|f| f.horizon_years -= 1)),
        (
            "simulation.iterations".into(),
            Box::new(|f| f.simulation.iterations += 1),
        ),
        (
            "simulation.seed".into(),
            Box::new(|f| f.simulation.seed += 1),
        ),
        (
            "appraisal.discount_rate".into(),
            Box::new(|f| f.appraisal.discount_rate = 0.03),
        ),
        (
            "appraisal.baseline_option".into(),
            Box::new(|f| f.appraisal.baseline_option = "Children's trust".into()),
        ),
        (
            "appraisal.quality_threshold".into(),
            Box::new(|f| f.appraisal.quality_threshold += 1.0),
        ),
        (
            "quality.weights.caseload".into(),
            Box::new(|f| f.quality.weights.caseload += 0.01),
        ),
        (
            "quality.weights.stability".into(),
            Box::new(|f| f.quality.weights.stability += 0.01),
        ),
        (
            "quality.weights.agency".into(),
            Box::new(|f| f.quality.weights.agency += 0.01),
        ),
        (
            "quality.weights.experience".into(),
            Box::new(|f| f.quality.weights.experience += 0.01),
        ),
        (
            "quality.caseload_zero_at".into(),
            Box::new(|f| f.quality.caseload_zero_at += 0.1),
        ),
        (
            "quality.turnover_zero_at".into(),
            Box::new(|f| f.quality.turnover_zero_at += 0.1),
        ),
        (
            "quality.agency_zero_at".into(),
            Box::new(|f| f.quality.agency_zero_at += 0.1),
        ),
        (
            "quality.new_starter_zero_at".into(),
            Box::new(|f| f.quality.new_starter_zero_at += 0.1),
        ),
        (
            "placements.mix[Kinship care].share".into(),
            Box::new(|f| f.placements.mix[2].share += 0.01),
        ),
        (
            "placements.mix[Kinship care].weekly_cost".into(),
            Box::new(|f| f.placements.mix[2].weekly_cost = Dist::Fixed(420.0)),
        ),
        (
            "placements.mix[Kinship care]".into(),
            Box::new(|f| {
                f.placements.mix.remove(2);
            }),
        ),
        (
            "options[Children's trust].kind".into(),
            Box::new(|f| f.options[1].kind = OptionKind::Cic),
        ),
        (
            "options[Children's trust].contract_years".into(),
            Box::new(|f| f.options[1].contract_years = 7),
        ),
        (
            "options[Community interest company]".into(),
            Box::new(|f| {
                f.options.pop();
            }),
        ),
        (
            "notes[workforce.agency_premium]".into(),
            Box::new(|f| {
                f.notes
                    .insert("workforce.agency_premium".into(), "Agreed with HR".into());
            }),
        ),
    ];
    for &input in WorldInput::ALL {
        edits.push((
            input.path().to_string(),
            Box::new(move |f| *input.get_mut(f) = Dist::Fixed(0.123_456)),
        ));
    }
    for &input in OptionInput::ALL {
        edits.push((
            input.path("Children's trust"),
            Box::new(move |f| *input.get_mut(&mut f.options[1]) = Dist::Fixed(0.123_456)),
        ));
    }
    edits
}

#[test]
fn the_diff_lists_exactly_the_changed_field_and_nothing_else() {
    use care_options::model::diff::diff;
    let a = default_file();
    let edits = one_field_edits();
    // Every field of the file is edited once: the 23 scenario-wide and 23 per-option inputs, the
    // plain fields, placements, options and notes.
    assert_eq!(edits.len(), 24 + 23 + 23);
    for (path, edit) in &edits {
        let mut b = a.clone();
        edit(&mut b);
        assert_ne!(a, b, "{path}: the edit changed nothing");
        let listed: Vec<String> = diff(&a, &b).into_iter().map(|d| d.path).collect();
        assert_eq!(listed, std::slice::from_ref(path), "editing {path}");
        // The same field, the other way round.
        let back: Vec<String> = diff(&b, &a).into_iter().map(|d| d.path).collect();
        assert_eq!(
            back,
            std::slice::from_ref(path),
            "editing {path}, B against A"
        );
    }
}

#[test]
fn cli_diff_lists_the_two_changed_inputs_with_their_values_and_exits_like_diff() {
    let dir = temp_dir("diff");
    let mut copy = default_file();
    copy.workforce.agency_premium = Dist::Pert {
        min: 0.3,
        mode: 0.5,
        max: 1.0,
    };
    copy.options[1].annual_turnover = Dist::Fixed(0.12);
    let b = dir.join("copy.ron");
    std::fs::write(&b, scenario_to_ron(&copy).unwrap()).unwrap();

    let out = exe()
        .args(["diff", "scenarios/default.ron"])
        .arg(&b)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("2 fields differ:"), "{text}");
    assert!(
        text.contains(
            "workforce.agency_premium\n  A  Pert(min: 0.2, mode: 0.4, max: 0.8)\n  B  Pert(min: \
             0.3, mode: 0.5, max: 1.0)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "options[Children's trust].annual_turnover\n  A  Pert(min: 0.08, mode: 0.14, max: \
             0.28)\n  B  Fixed(0.12)"
        ),
        "{text}"
    );

    // The same scenario, saved by the program (no comments, another layout): exit 0.
    let same = dir.join("same.ron");
    std::fs::write(&same, scenario_to_ron(&default_file()).unwrap()).unwrap();
    let out = exe()
        .args(["diff", "scenarios/default.ron"])
        .arg(&same)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the same inputs"));

    // A missing or broken file is trouble: exit 2, with the file named.
    let broken = dir.join("broken.ron");
    std::fs::write(&broken, "(format_version: 1, name: ").unwrap();
    for other in [dir.join("missing.ron"), broken.clone()] {
        let out = exe()
            .args(["diff", "scenarios/default.ron"])
            .arg(&other)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&*other.to_string_lossy()), "{err}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------------------------------------
// Council benchmarks: the DfE workforce census.
// ---------------------------------------------------------------------------------------------

/// Sunderland's rows of the embedded CSV, read with a plain split (its name has no comma): year
/// → column → text.
fn raw_rows(council: &str) -> Vec<std::collections::HashMap<String, String>> {
    use care_options::evidence::census::CSV;
    let mut lines = CSV.lines();
    let headers: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .filter(|l| l.contains(&format!(",{council},")) && !l.contains('"'))
        .map(|l| {
            headers
                .iter()
                .zip(l.split(','))
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn the_benchmark_for_a_council_reproduces_the_published_figures() {
    use care_options::evidence::{Indicator, census};
    let census = census().unwrap();
    let sunderland = census.council("Sunderland").unwrap();
    let rows = raw_rows("Sunderland");
    assert_eq!(rows.len(), 7, "2017 to 2023");
    for row in &rows {
        let year: i32 = row["time_period"].parse().unwrap();
        for indicator in Indicator::ALL {
            let published = row[indicator.column()].parse::<f64>().ok();
            assert_eq!(
                sunderland.value(indicator, year),
                published,
                "{} {year}",
                indicator.column()
            );
        }
    }
    // The figures DATA.md quotes for Sunderland and England (DfE CSWW, read by hand).
    let at = |i, y| sunderland.value(i, y).unwrap();
    assert_eq!(at(Indicator::AgencyRate, 2017), 28.8);
    assert_eq!(at(Indicator::AgencyRate, 2020), 0.9);
    assert_eq!(at(Indicator::AgencyRate, 2023), 0.0);
    assert_eq!(at(Indicator::VacancyRate, 2017), 29.4);
    assert_eq!(at(Indicator::Turnover, 2023), 13.4);
    assert_eq!(at(Indicator::Caseload, 2023), 16.1);
    let england = |i| census.england.value(i, 2023).unwrap();
    assert_eq!(england(Indicator::Turnover), 15.9);
    assert_eq!(england(Indicator::AgencyRate), 17.8);
    assert_eq!(england(Indicator::VacancyRate), 18.9);
    assert_eq!(england(Indicator::VacanciesCoveredByAgency), 74.4);
    assert_eq!(england(Indicator::Caseload), 16.0);
    // DATA.md's spread of councils in 2023 (n = 150 for turnover): 10.2 / 15.5 / 23.3. Its
    // percentile estimator differs slightly from the one used for run results.
    let spread = census.spread(Indicator::Turnover, 2023).unwrap();
    assert_eq!(spread.councils, 150);
    for (got, quoted) in [
        (spread.p10, 10.2),
        (spread.median, 15.5),
        (spread.p90, 23.3),
    ] {
        assert!((got - quoted).abs() <= 0.1, "{got} against {quoted}");
    }
    assert!(spread.lowest.1 <= spread.p10 && spread.p90 <= spread.highest.1);
}

#[test]
fn the_embedded_census_is_the_published_file() {
    let shared = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/dfe_csww_indicators_2017_to_2023.csv"),
    );
    // The shared folder sits beside the checkout in development and CI; skip quietly elsewhere.
    if let Ok(shared) = shared {
        assert_eq!(shared, care_options::evidence::census::CSV);
    }
}

#[test]
fn use_as_starting_values_sets_exactly_the_inputs_it_says() {
    use care_options::evidence::starting_values::MIN_RELATIVE_HALF_WIDTH;
    use care_options::evidence::{Indicator, apply, census, plan};
    use care_options::model::diff::diff;
    let census = census().unwrap();
    let before = default_file();
    let sunderland = census.council("Sunderland").unwrap();
    let plan = plan(census, sunderland, &before);
    assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
    let mut after = before.clone();
    apply(&mut after, &plan);

    // The paths it says it sets, each with its note, and nothing else.
    let said: Vec<&str> = plan.set.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        said,
        [
            "workforce.initial_vacancy_rate",
            "options[In-house].annual_turnover",
            "options[In-house].agency_cover",
            "workforce.reference_caseload",
        ]
    );
    let mut expected: Vec<String> = said.iter().map(|p| p.to_string()).collect();
    expected.extend(said.iter().map(|p| format!("notes[{p}]")));
    expected.sort();
    let mut changed: Vec<String> = diff(&before, &after).into_iter().map(|d| d.path).collect();
    changed.sort();
    assert_eq!(changed, expected);
    assert!(validate(&after).is_ok());

    // Each is Pert(lowest of 2021-2023 or 10% below 2023, 2023, highest or 10% above), from the
    // published rows.
    let rows = raw_rows("Sunderland");
    let figure = |indicator: Indicator, year: &str| -> f64 {
        let row = rows.iter().find(|r| r["time_period"] == year).unwrap();
        row[indicator.column()].parse().unwrap()
    };
    for (value, indicator) in plan.set.iter().zip([
        Indicator::VacancyRate,
        Indicator::Turnover,
        Indicator::VacanciesCoveredByAgency,
        Indicator::Caseload,
    ]) {
        let recent = ["2021", "2022", "2023"].map(|y| figure(indicator, y));
        let latest = recent[2];
        let low = recent.iter().copied().fold(f64::INFINITY, f64::min);
        let high = recent.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let scale = if indicator.is_percent() { 100.0 } else { 1.0 };
        let Dist::Pert { min, mode, max } = value.dist else {
            panic!("{}: {:?}", value.path, value.dist);
        };
        let tolerance = 1e-4;
        assert!((mode - latest / scale).abs() < tolerance, "{}", value.path);
        let want_min = low.min(latest * (1.0 - MIN_RELATIVE_HALF_WIDTH)) / scale;
        let want_max = high.max(latest * (1.0 + MIN_RELATIVE_HALF_WIDTH)) / scale;
        assert!((min - want_min).abs() < tolerance, "{}: {min}", value.path);
        assert!((max - want_max).abs() < tolerance, "{}: {max}", value.path);
        let note = &after.notes[&value.path];
        assert!(
            note.contains("Sunderland")
                && note.contains("2023")
                && note.contains("Open Government"),
            "{note}"
        );
    }
}

#[test]
fn inputs_beyond_every_english_council_are_flagged_and_ordinary_ones_are_not() {
    use care_options::evidence::{census, flags};
    let census = census().unwrap();
    for path in scenario_files() {
        let file = parse_scenario(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(flags(&file, census), [], "{}", path.display());
    }
    let mut file = default_file();
    file.options[0].annual_turnover = Dist::Fixed(0.45);
    file.options[1].target_caseload = Dist::Fixed(5.0);
    let found = flags(&file, census);
    let paths: Vec<&str> = found.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "options[In-house].annual_turnover",
            "options[Children's trust].target_caseload"
        ]
    );
    assert!(
        found[0].message.starts_with(
            "In-house: a turnover of 45% a year is above every English council in 2023"
        ),
        "{}",
        found[0].message
    );
    assert!(found[1].message.contains("below every English council"));
}

// ---------------------------------------------------------------------------------------------
// Comparing runs of two scenarios.
// ---------------------------------------------------------------------------------------------

#[test]
fn runs_with_one_seed_share_their_futures_so_pairing_by_iteration_isolates_the_change() {
    use care_options::model::compare::{Pairing, compare_npc};
    let a = default_file();
    let mut b = a.clone();
    // The trust's set-up costs more than the most it could cost before (£7m): only the trust's
    // own input changes.
    b.options[1].setup_cost = Dist::Fixed(8_000_000.0);
    let seed = a.simulation.seed;
    let run_a = run_file(&a, 600, seed);
    let run_b = run_file(&b, 400, seed);

    // In-house and the CIC are the same futures in both: identical, iteration by iteration, over
    // the iterations both runs have.
    for k in [0, 2] {
        let c = compare_npc(
            &run_a.options[k].samples.npc,
            seed,
            &run_b.options[k].samples.npc,
            seed,
        )
        .unwrap();
        assert_eq!(c.pairing, Pairing::ByIteration { iterations: 400 });
        assert_eq!(c.p_same, 1.0, "{}", run_a.options[k].name);
    }
    // Paired, the trust differs only by its set-up cost, so it is dearer under B in every future,
    // although its NPC spreads over tens of millions either way.
    let trust = compare_npc(
        &run_a.options[1].samples.npc,
        seed,
        &run_b.options[1].samples.npc,
        seed,
    )
    .unwrap();
    assert_eq!(trust.p_first_cheaper, 1.0, "{trust:?}");
    // Unpaired (another seed for B), the same change is lost in the spread of futures.
    let unpaired = compare_npc(
        &run_a.options[1].samples.npc,
        seed,
        &run_file(&b, 400, seed + 1).options[1].samples.npc,
        seed + 1,
    )
    .unwrap();
    assert!(unpaired.p_first_cheaper < 0.7, "{unpaired:?}");

    // With another seed the futures are unrelated: in-house is compared as two independent
    // samples of the same distribution, and neither side is cheaper much more often.
    let other = run_file(&a, 600, seed + 1);
    let c = compare_npc(
        &run_a.options[0].samples.npc,
        seed,
        &other.options[0].samples.npc,
        seed + 1,
    )
    .unwrap();
    assert_eq!(
        c.pairing,
        Pairing::Independent {
            first: 600,
            second: 600
        }
    );
    assert!((c.p_first_cheaper - 0.5).abs() < 0.06, "{c:?}");
}
