//! Latin hypercube sampling and rank correlations between inputs: every stratum used once, the
//! stated correlation reached within a named tolerance, impossible correlations refused with the
//! rule, and files that name no method left as they were.

use care_options::model::correlation::Correlation;
use care_options::model::latin::Sampling;

use super::*;

const TURNOVER: &str = "options[In-house].annual_turnover";
const PREMIUM: &str = "workforce.agency_premium";

/// How far a run's rank correlation may sit from the one asked for: Iman–Conover's rearranged
/// scores carry a sampling error of about 1/√n (0.016 at 4,000 iterations); three of those.
const CORRELATION_TOLERANCE: f64 = 0.05;

fn correlated(sampling: Sampling, pairs: &[(&str, &str, f64)]) -> ScenarioFile {
    let mut file = default_file();
    file.simulation.sampling = sampling;
    file.simulation.correlations = pairs
        .iter()
        .map(|&(a, b, rank)| Correlation {
            a: a.to_string(),
            b: b.to_string(),
            rank,
        })
        .collect();
    file
}

#[test]
fn correlated_inputs_reach_the_stated_rank_correlation_by_either_method() {
    for sampling in [Sampling::LatinHypercube, Sampling::MonteCarlo] {
        for target in [0.6, -0.4] {
            let file = correlated(sampling, &[(PREMIUM, TURNOVER, target)]);
            let results = run_file(&file, 4_000, 11);
            assert_eq!(results.sampling, sampling);
            let [achieved] = results.correlations.as_slice() else {
                panic!("one correlation reported, not {:?}", results.correlations);
            };
            assert_eq!(achieved.target, target);
            assert!(
                (achieved.achieved - target).abs() < CORRELATION_TOLERANCE,
                "{sampling:?}: rank correlation {} against {target}",
                achieved.achieved
            );
        }
    }
    // Without a stated correlation the two are independent.
    let file = correlated(Sampling::LatinHypercube, &[]);
    let results = run_file(&file, 4_000, 11);
    assert!(results.correlations.is_empty());
}

#[test]
fn impossible_correlations_are_refused_with_the_factor_that_would_make_them_hold() {
    // a–b and b–c strongly positive, a–c strongly negative: no set of futures can have all three.
    let file = correlated(
        Sampling::LatinHypercube,
        &[
            (PREMIUM, TURNOVER, 0.9),
            (TURNOVER, "workforce.pay_inflation", 0.9),
            (PREMIUM, "workforce.pay_inflation", -0.9),
        ],
    );
    let problems = validate(&file).unwrap_err().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "simulation.correlations");
    assert!(
        problems[0].message.contains("cannot all hold at once")
            && problems[0].message.contains("multiplied by 0.55"),
        "{}",
        problems[0].message
    );
    // Each pair's own rules, each named by its field.
    let file = correlated(
        Sampling::MonteCarlo,
        &[
            (PREMIUM, "workforce.no_such_input", 0.3),
            (PREMIUM, PREMIUM, 0.3),
            (PREMIUM, TURNOVER, 1.0),
        ],
    );
    let problems = validate(&file).unwrap_err().problems;
    let at = |path: &str| {
        problems
            .iter()
            .find(|p| p.path == path)
            .map(|p| p.message.clone())
            .unwrap_or_else(|| panic!("no problem at {path}: {problems:?}"))
    };
    assert!(at("simulation.correlations[0].b").contains("not an uncertain input"));
    assert!(at("simulation.correlations[1].b").contains("with itself"));
    assert!(at("simulation.correlations[2].rank").contains("strictly between −1 and 1"));
}

#[test]
fn a_latin_hypercube_run_says_so_in_its_json() {
    let file = correlated(Sampling::LatinHypercube, &[(PREMIUM, TURNOVER, 0.5)]);
    let results = run_file(&file, 500, 3);
    let json = serde_json::to_string(&results).unwrap();
    assert!(
        json.contains("\"sampling\":\"LatinHypercube\""),
        "{json:.300}"
    );
    assert!(json.contains("\"correlations\":[{\"a\":\"workforce.agency_premium\""));
    // A Monte Carlo run without correlations writes neither, as runs always have.
    let json =
        serde_json::to_string(&run_file(&correlated(Sampling::MonteCarlo, &[]), 500, 3)).unwrap();
    assert!(!json.contains("\"sampling\"") && !json.contains("\"correlations\""));
}

#[test]
fn a_file_that_names_no_method_is_monte_carlo_and_writes_none() {
    // The shipped default names Latin hypercube sampling, as every new file does.
    assert_eq!(default_file().simulation.sampling, Sampling::LatinHypercube);
    let text = care_options::DEFAULT_SCENARIO.replace("        sampling: LatinHypercube,\n", "");
    let file = parse_scenario(&text).unwrap();
    assert_eq!(file.simulation.sampling, Sampling::MonteCarlo);
    let text = scenario_to_ron(&file).unwrap();
    assert!(!text.contains("sampling"), "{text}");
    let mut latin = file.clone();
    latin.simulation.sampling = Sampling::LatinHypercube;
    let text = scenario_to_ron(&latin).unwrap();
    assert!(text.contains("sampling: LatinHypercube"));
    assert_eq!(parse_scenario(&text).unwrap(), latin);
}

#[test]
fn latin_hypercube_needs_fewer_iterations_for_the_same_precision() {
    // Over 16 seeds, the spread of the trust's mean difference from in-house at 1,000
    // iterations: Latin hypercube's is well under Monte Carlo's (the README's table measures
    // how many iterations each needs).
    let spread = |sampling: Sampling| {
        let file = correlated(sampling, &[]);
        let means: Vec<f64> = (0..16)
            .map(|seed| run_file(&file, 1_000, seed).options[1].npc_vs_baseline.mean)
            .collect();
        let m = means.iter().sum::<f64>() / means.len() as f64;
        (means.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (means.len() - 1) as f64).sqrt()
    };
    let (mc, lhs) = (
        spread(Sampling::MonteCarlo),
        spread(Sampling::LatinHypercube),
    );
    assert!(
        lhs < 0.8 * mc,
        "Latin hypercube {lhs:.0} against Monte Carlo {mc:.0}"
    );
}
