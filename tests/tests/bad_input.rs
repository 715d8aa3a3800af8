//! Bad input: every rule has its own message, every syntax error its line and column, and
//! nothing panics.

use super::*;

/// An edit to the default scenario.
pub(crate) type Edit = Box<dyn Fn(&mut ScenarioFile)>;

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
            Box::new(|f| f.format_version = 4),
            "format_version: this file is format_version 4, written by a newer Care Options",
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

pub(crate) fn parse_error(text: &str) -> care_options::io::ParseError {
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
        "seed: 20261201,",
        "seed: 20261201,\n        sed: 3,",
        1,
    );
    let e = parse_error(&unknown);
    assert!(e.message.contains("sed"), "unknown field named: {e}");

    let bad_dist =
        care_options::DEFAULT_SCENARIO.replacen("Fixed(2100.0)", "Gaussian(mean: 1.0)", 1);
    assert_ne!(bad_dist, care_options::DEFAULT_SCENARIO);
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
