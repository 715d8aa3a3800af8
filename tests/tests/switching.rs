//! Switching values: the break-even point of a fixed scenario worked by hand, "none" outside the
//! range searched, and every future moved by the shift of a sampled input (common random
//! numbers).

use care_options::model::scenario::OptionKind;
use care_options::model::switching::{switching_value, switching_value_within};

use super::hand_worked::FIXED;
use super::*;

/// The hand-worked scenario (MODEL.md §11) with a second option, "Trust": the in-house option
/// copied, with its governance cost `extra_governance` a year higher. Nothing else differs, so
/// its net present cost differs from in-house's by exactly
/// `(1 + optimism_bias)·(setup_T − setup_B) + extra_governance·(1 + 1/1.035)`: set-up is paid
/// in year 0 only, governance each year at general-inflation prices (constant in real terms),
/// discounted at 3.5% in year 1; no other line depends on either.
fn two_options(extra_governance: f64, trust_setup: Dist) -> ScenarioFile {
    let mut file = parse_scenario(FIXED).unwrap();
    let mut trust = file.options[0].clone();
    trust.name = "Trust".to_string();
    trust.kind = OptionKind::Trust;
    trust.governance_cost = Dist::Fixed(250_000.0 + extra_governance);
    trust.setup_cost = trust_setup;
    file.options.push(trust);
    file
}

const OPTIMISM_BIAS: f64 = 0.25;
const BASELINE_SETUP: f64 = 1_000_000.0;
const SETUP: &str = "options[Trust].setup_cost";

/// The trust's set-up cost at which the two options cost the same, worked by hand:
/// `1.25·(s − 1,000,000) + G·(1 + 1/1.035) = 0`.
fn break_even_setup(extra_governance: f64) -> f64 {
    BASELINE_SETUP - extra_governance * (1.0 + 1.0 / 1.035) / (1.0 + OPTIMISM_BIAS)
}

#[test]
fn a_fixed_scenario_breaks_even_where_worked_by_hand() {
    // G = £500,000: 500,000 × 1.966184 / 1.25 = £786,473.43 below £1m, so £213,526.57.
    let g = 500_000.0;
    let file = two_options(g, Dist::Fixed(1_500_000.0));
    let scenario = validate(&file).unwrap();
    let results = run_file(&file, 3, 5);
    // The difference at the file's own value, by hand: the premise of the break-even below.
    let trust = &results.options[1];
    close(
        trust.npc_vs_baseline.mean,
        (1.0 + OPTIMISM_BIAS) * (1_500_000.0 - BASELINE_SETUP) + g * (1.0 + 1.0 / 1.035),
        "difference at the file's set-up cost",
    );
    let value = switching_value_within(
        &scenario,
        &results,
        1,
        SETUP,
        (0.0, 2_000_000.0),
        &RunControl::new(),
    )
    .unwrap()
    .unwrap();
    let expected = break_even_setup(g);
    assert!((expected - 213_526.57).abs() < 0.01, "{expected}");
    // The difference is a straight line in the set-up cost, on which the root-finder's first
    // secant step lands on the root: within £1, not merely within its stopping tolerance.
    for (what, found) in [
        ("zero mean difference", value.zero_mean_difference),
        ("even chance", value.even_chance),
    ] {
        let found = found.unwrap_or_else(|| panic!("{what}: none found"));
        assert!(
            (found - expected).abs() < 1.0,
            "{what}: {found} vs {expected}"
        );
    }
    assert_eq!(value.central, 1_500_000.0);
    // A fixed value's P10 and P90 are itself, so the switching value lies outside them.
    assert_eq!(value.zero_mean_within_p10_p90, Some(false));
    assert!(value.runs >= 2, "{}", value.runs);
}

#[test]
fn no_break_even_within_the_range_searched_is_said_so() {
    let file = two_options(500_000.0, Dist::Fixed(1_500_000.0));
    let scenario = validate(&file).unwrap();
    let results = run_file(&file, 3, 5);
    // The break-even, £213,527, lies below the range searched.
    let value = switching_value_within(
        &scenario,
        &results,
        1,
        SETUP,
        (500_000.0, 2_000_000.0),
        &RunControl::new(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(value.zero_mean_difference, None);
    assert_eq!(value.even_chance, None);
    assert_eq!(value.zero_mean_within_p10_p90, None);
    assert_eq!(
        (value.search_low, value.search_high),
        (500_000.0, 2_000_000.0)
    );
}

/// A sampled input: each future's difference is `1.25·(x_i − 1,000,000) + G·1.966…`, and the
/// shift moves every draw `x_i` by the same amount, so the mean difference reaches zero when
/// the central value has moved by the mean difference ÷ 1.25, and the 50% chance when it has
/// moved by the median difference ÷ 1.25.
#[test]
fn a_shift_moves_every_future_by_the_same_amount() {
    let g = 100_000.0;
    let setup = Dist::Uniform {
        min: 500_000.0,
        max: 1_500_000.0,
    };
    let file = two_options(g, setup);
    let scenario = validate(&file).unwrap();
    let results = run_file(&file, 400, 21);
    let trust = &results.options[1];
    let value = switching_value(&scenario, &results, 1, SETUP, &RunControl::new())
        .unwrap()
        .unwrap();
    // Searched over the input's own stated range.
    assert_eq!(
        (value.search_low, value.search_high),
        (500_000.0, 1_500_000.0)
    );
    assert_eq!(value.central, 1_000_000.0);
    let slope = 1.0 + OPTIMISM_BIAS;
    let mut d = trust.samples.npc_vs_baseline.clone();
    d.sort_by(f64::total_cmp);
    let median = (d[199] + d[200]) / 2.0;
    let expected_mean = 1_000_000.0 - trust.npc_vs_baseline.mean / slope;
    let expected_even = 1_000_000.0 - median / slope;
    // Near £842,705, the break-even of the central draws (by hand: 1,000,000 − 196,618 / 1.25),
    // give or take the sampling error of 400 draws.
    assert!((expected_mean - break_even_setup(g)).abs() < 60_000.0);
    let found_mean = value.zero_mean_difference.unwrap();
    let found_even = value.even_chance.unwrap();
    assert!(
        (found_mean - expected_mean).abs() < 1.0,
        "{found_mean} vs {expected_mean}"
    );
    assert!(
        (found_even - expected_even).abs() < 1.0,
        "{found_even} vs {expected_even}"
    );
    // P10–P90 of Uniform(£0.5m, £1.5m): £0.6m to £1.4m.
    assert!((value.p10 - 600_000.0).abs() < 1e-6 && (value.p90 - 1_400_000.0).abs() < 1e-6);
    assert_eq!(value.zero_mean_within_p10_p90, Some(true));
}

/// The command line: a format version 3 scenario carries its switching values in the summary
/// and the JSON; a version 2 file only when asked, so that its JSON stays what it was.
#[test]
fn the_command_line_writes_switching_values_for_version_3_and_when_asked() {
    let dir = temp_dir("switching-cli");
    let json = dir.join("v3.json");
    let Ran { stdout, .. } = run_ok(
        exe()
            .args([
                "run",
                "scenarios/default.ron",
                "--iterations",
                "60",
                "--seed",
                "3",
            ])
            .arg("--json")
            .arg(&json),
    );
    assert!(stdout.contains("Switching values:"), "{stdout}");
    assert!(
        stdout.contains("Breaks even (mean difference 0)"),
        "{stdout}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let values = v["switching_values"].as_array().unwrap();
    // Ten inputs for each of the two options other than the baseline.
    assert_eq!(values.len(), 20);
    for value in values {
        for key in [
            "option",
            "input",
            "central",
            "p10",
            "p90",
            "zero_mean_difference",
            "zero_mean_within_p10_p90",
            "even_chance",
            "even_chance_within_p10_p90",
            "search_low",
            "search_high",
        ] {
            assert!(value.get(key).is_some(), "{key} missing: {value}");
        }
        // A value found lies within the range searched, and its flag says whether it is
        // inside the input's own P10–P90.
        if let Some(x) = value["zero_mean_difference"].as_f64() {
            let (lo, hi) = (
                value["search_low"].as_f64().unwrap(),
                value["search_high"].as_f64().unwrap(),
            );
            assert!(lo <= x && x <= hi, "{value}");
            let inside = value["p10"].as_f64().unwrap() <= x && x <= value["p90"].as_f64().unwrap();
            assert_eq!(value["zero_mean_within_p10_p90"].as_bool(), Some(inside));
        } else {
            assert!(value["zero_mean_within_p10_p90"].is_null());
        }
    }
    // Every option but the baseline has a sentence that leads with an assumption.
    for option in ["The children's trust", "The community interest company"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(option) && l.contains("the file assumes")),
            "{option}: {stdout}"
        );
    }

    let old = Path::new("tests/fixtures/v2/default.ron");
    let plain = dir.join("v2.json");
    run_ok(
        exe()
            .arg("run")
            .arg(old)
            .args(["--iterations", "60"])
            .arg("--json")
            .arg(&plain),
    );
    let text = std::fs::read_to_string(&plain).unwrap();
    assert!(!text.contains("switching_values") && !text.contains("swings"));
    let asked = dir.join("v2-asked.json");
    let Ran { stdout, .. } = run_ok(
        exe()
            .arg("run")
            .arg(old)
            .args(["--iterations", "60", "--switching"])
            .arg("--json")
            .arg(&asked),
    );
    assert!(stdout.contains("Switching values:"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&asked).unwrap()).unwrap();
    assert!(!v["switching_values"].as_array().unwrap().is_empty());
    assert!(!v["swings"].as_array().unwrap().is_empty());
    // Everything else is as the run without the flag wrote it.
    let mut without = v.clone();
    without.as_object_mut().unwrap().remove("switching_values");
    without.as_object_mut().unwrap().remove("swings");
    let plain: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(without, plain);
    let _ = std::fs::remove_dir_all(dir);
}

/// The report: each option's sentence and table in its summary section, and the values in its
/// `results.json`.
#[test]
fn the_report_shows_what_would_change_the_verdict() {
    let dir = temp_dir("switching-report");
    let out = dir.join("bundle");
    run_ok(
        exe()
            .args(["report", "scenarios/default.ron", "--iterations", "40"])
            .arg("--out")
            .arg(&out),
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("What would change the verdict: switching values"));
    assert_eq!(html.matches("<table class=\"switching\">").count(), 2);
    assert!(html.contains("Cheaper in 50% of futures"));
    let json = std::fs::read_to_string(out.join("results.json")).unwrap();
    assert!(json.contains("\"switching_values\""));
    let _ = std::fs::remove_dir_all(dir);
}

/// The tornado in pounds on known straight-line effects: each future's difference is
/// `1.25·(setup_T − 1,000,000) + (gov_T − gov_B)·(1 + 1/1.035)`, so holding an input at its P10
/// and then its P90 moves the mean difference by exactly its slope times P90 − P10, whatever the
/// other draws are (they are the same futures in both runs).
#[test]
fn the_swing_of_each_input_is_its_slope_times_its_p10_to_p90() {
    let mut file = two_options(
        0.0,
        Dist::Uniform {
            min: 500_000.0,
            max: 1_500_000.0,
        },
    );
    file.options[0].governance_cost = Dist::Uniform {
        min: 100_000.0,
        max: 300_000.0,
    };
    file.options[1].governance_cost = Dist::Uniform {
        min: 200_000.0,
        max: 600_000.0,
    };
    let scenario = validate(&file).unwrap();
    let results = run_file(&file, 300, 8);
    let swings =
        care_options::model::swing::swings(&scenario, &results, 10, &RunControl::new()).unwrap();
    let years = 1.0 + 1.0 / 1.035;
    // Uniform P10 and P90: a tenth of the width in from each end.
    let expected = [
        (SETUP, 1.25 * (1_400_000.0 - 600_000.0)),
        (
            "options[Trust].governance_cost",
            (560_000.0 - 240_000.0) * years,
        ),
        (
            "options[In-house].governance_cost",
            -(280_000.0 - 120_000.0) * years,
        ),
    ];
    assert_eq!(swings.len(), expected.len(), "{swings:?}");
    for (input, want) in expected {
        let s = swings.iter().find(|s| s.input == input).unwrap();
        assert_eq!(s.option, "Trust");
        assert!(
            (s.swing() - want).abs() < SWING_TOLERANCE_POUNDS,
            "{input}: {} vs {want}",
            s.swing()
        );
    }
    // Drawn biggest first, in £m, with the sign of the effect.
    let mut with = results.clone();
    with.swings = Some(swings);
    let bars = care_options::present::chart_data::swing_bars(&with, "Trust");
    let order: Vec<(&str, bool)> = bars
        .iter()
        .map(|b| (b.title.as_str(), b.swing_m() > 0.0))
        .collect();
    assert_eq!(
        order,
        [
            ("Set-up cost (Trust)", true),
            ("Governance cost (Trust)", true),
            ("Governance cost (In-house)", false),
        ]
    );
    assert!((bars[0].swing_m() - 1.0).abs() < 1e-6);
}

/// Rounding in sums of a few hundred NPCs of about £100m each: far below a pound.
const SWING_TOLERANCE_POUNDS: f64 = 1.0;

/// The two-by-two table of each option against the baseline counts the futures as the run's
/// own chances do: its "cheaper, higher quality" cell is P(cheaper and better), its cheaper row
/// adds up to P(cheaper), and the four cells to every future.
#[test]
fn the_two_by_two_table_agrees_with_the_chances_of_the_run() {
    use care_options::present::outcomes::outcomes;
    let results = run_file(&default_file(), 300, 4);
    for o in 1..results.options.len() {
        let option = &results.options[o];
        let t = outcomes(&results, o).unwrap();
        assert_eq!(
            t.cheaper_better, option.p_cheaper_and_better,
            "{}",
            option.name
        );
        assert!((t.cheaper_better + t.cheaper_not_better - option.p_cheaper).abs() < 1e-12);
        let total = t.cheaper_better
            + t.cheaper_not_better
            + t.not_cheaper_better
            + t.not_cheaper_not_better;
        assert!((total - 1.0).abs() < 1e-12);
    }
    assert!(outcomes(&results, 0).is_none(), "none for the baseline");
    // By hand: a trust identical to in-house but for £500,000 more governance a year costs more
    // in every future, with the same quality (not higher).
    let fixed = two_options(500_000.0, Dist::Fixed(1_000_000.0));
    let t = outcomes(&run_file(&fixed, 3, 5), 1).unwrap();
    assert_eq!(t.not_cheaper_not_better, 1.0);
}

/// The cost-and-quality scatter plots each future against the baseline in the same future, so
/// its quadrants split at zero are the two-by-two table's cells: with every future drawn, the
/// share of dots top left is P(cheaper and better) and the share left of zero P(cheaper). The
/// baseline has no dots of its own.
#[test]
fn the_scatter_quadrants_are_the_two_by_two_table() {
    use care_options::present::chart_data::{ChartData, SCATTER_POINTS};
    let iterations = 300;
    assert!(iterations <= SCATTER_POINTS as u64, "every future drawn");
    let results = run_file(&default_file(), iterations, 4);
    let data = ChartData::new(&results);
    assert!(data.options[0].scatter.is_empty(), "none for the baseline");
    for (option, charts) in results.options.iter().zip(&data.options).skip(1) {
        let n = charts.scatter.len() as f64;
        assert_eq!(n, iterations as f64);
        let share = |keep: &dyn Fn(&[f64; 2]) -> bool| {
            charts.scatter.iter().filter(|p| keep(p)).count() as f64 / n
        };
        let corner = share(&|[x, y]| *x < 0.0 && *y > 0.0);
        assert!(
            (corner - option.p_cheaper_and_better).abs() < 1e-12,
            "{}: {corner} against {}",
            option.name,
            option.p_cheaper_and_better
        );
        let left = share(&|[x, _]| *x < 0.0);
        assert!((left - option.p_cheaper).abs() < 1e-12, "{}", option.name);
    }
}

/// What stands apart in the costliest tenth: with the trust's set-up cost the only uncertain
/// input, its costliest tenth of futures against the baseline are exactly those with the highest
/// set-up costs, so the driver's mean there is the mean of the top tenth of its draws, worked
/// from the draws themselves; and the sentence says it in the input's own unit.
#[test]
fn the_costliest_tenth_is_driven_by_the_only_uncertain_input() {
    let file = two_options(
        0.0,
        Dist::Uniform {
            min: 500_000.0,
            max: 1_500_000.0,
        },
    );
    let results = run_file(&file, 200, 3);
    let trust = &results.options[1];
    let [driver] = trust.tail_drivers.as_slice() else {
        panic!("one driver: {:?}", trust.tail_drivers);
    };
    assert_eq!(driver.input, SETUP);
    // The difference is 1.25 × (s − £1m) in every future, so its top tenth is the top tenth of
    // the set-up costs: recover those from the differences.
    let mut setups: Vec<f64> = trust
        .samples
        .npc_vs_baseline
        .iter()
        .map(|d| d / (1.0 + OPTIMISM_BIAS) + BASELINE_SETUP)
        .collect();
    setups.sort_by(|a, b| b.total_cmp(a));
    let top: f64 = setups[..20].iter().sum::<f64>() / 20.0;
    let all: f64 = setups.iter().sum::<f64>() / 200.0;
    close(
        driver.worst_mean,
        top,
        "mean set-up cost in the costliest tenth",
    );
    close(driver.mean, all, "mean set-up cost over all futures");
    assert!(driver.standardised > 1.3, "{driver:?}");
    let sentence = care_options::present::switching::tail_sentence(&results, trust, &file).unwrap();
    assert!(
        sentence.starts_with("In the costliest tenth of futures for Trust against"),
        "{sentence}"
    );
    assert!(sentence.contains("on average (£"), "{sentence}");
    // In-house has nothing uncertain of its own, and the trust's inputs do not move its NPC.
    assert!(results.options[0].tail_drivers.is_empty());
}
