//! A scenario for any council (`care-options new --council`): every council's validates and
//! runs, carries the published figures, reproduces its revenue outturn lines in year 0 after the
//! stated uprating, and a name that is not one council's is refused with the close matches.

use std::collections::HashMap;

use care_options::evidence::council::{
    CouncilError, TEAM_LINES, council_file, current_councils, find, uprating_years,
};
use care_options::evidence::data::published;
use care_options::model::central::central_file;
use care_options::model::{OptionKind, ScenarioFile};

use super::*;

/// Relative tolerance of the year-0 fit: unit costs are written to six significant figures.
const FIT_TOLERANCE: f64 = 2e-5;

/// The rows of a shared data file, read with the csv crate straight from the file the program
/// embeds a copy of: column → text.
fn rows(file: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/data")
            .join(file),
    )
    .unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn number(row: &HashMap<String, String>, column: &str) -> Option<f64> {
    row.get(column).and_then(|v| v.parse().ok())
}

fn built(name: &str) -> care_options::evidence::council::CouncilScenario {
    let published = published().unwrap();
    let council = find(published, name).unwrap();
    council_file(published, &default_file(), council).unwrap()
}

/// The in-house option's year-0 cost by part in the central case: social-work teams,
/// placements, each block by id.
fn year0(file: &ScenarioFile) -> (f64, f64, HashMap<String, f64>) {
    let results = run_file(&central_file(file), 1, file.simulation.seed);
    let option = results
        .options
        .iter()
        .find(|o| o.kind == OptionKind::InHouse)
        .unwrap();
    let y = &option.years[0];
    let blocks: HashMap<String, f64> = y
        .whole_budget
        .as_ref()
        .unwrap()
        .blocks
        .0
        .iter()
        .cloned()
        .collect();
    let placements = y.lines.get(CostLine::Placements);
    (
        y.cost_mean - placements - blocks.values().sum::<f64>(),
        placements,
        blocks,
    )
}

fn near(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= FIT_TOLERANCE * expected.abs().max(1.0) + 1.0,
        "{what}: year 0 £{actual:.0}, RO3 uprated £{expected:.0}"
    );
}

#[test]
fn every_council_in_the_data_yields_a_scenario_that_validates_and_runs() {
    let published = published().unwrap();
    let base = default_file();
    let councils = current_councils(published);
    assert_eq!(councils.len(), 153, "the councils of England in 2025");
    let mut failures = Vec::new();
    for council in councils {
        match council_file(published, &base, council) {
            Ok(b) => {
                assert_eq!(b.file.format_version, 3);
                let scenario =
                    validate(&b.file).unwrap_or_else(|e| panic!("{}: {e}", council.name));
                let results = run(
                    &scenario,
                    RunSettings {
                        iterations: 20,
                        seed: 1,
                    },
                    &RunControl::new(),
                )
                .unwrap_or_else(|e| panic!("{}: {e}", council.name));
                assert_eq!(results.options.len(), 3, "{}", council.name);
                for o in &results.options {
                    assert!(
                        o.years
                            .iter()
                            .all(|y| y.cost_mean.is_finite() && y.cost_mean > 0.0),
                        "{}: {}",
                        council.name,
                        o.name
                    );
                }
                // Every input the council's figures set carries a note naming the council.
                for path in [
                    "demand.open_cases",
                    "demand.looked_after_share",
                    "demand.children_in_need",
                    "demand.child_population",
                    "workforce.initial_vacancy_rate",
                    "workforce.reference_caseload",
                ] {
                    assert!(
                        b.file.notes[path].contains(&council.name),
                        "{}: {path}",
                        council.name
                    );
                }
            }
            Err(e) => failures.push(format!("{}: {e}", council.name)),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_figures_a_scenario_carries_equal_the_data_files() {
    let workforce = rows("csww_2017_2025.csv");
    let cla = rows("cla_2013_2025.csv");
    let cin = rows("cin_2013_2025.csv");
    for name in ["Sunderland", "Leeds", "Cornwall", "Camden", "Doncaster"] {
        let b = built(name);
        let code = b.council.ons_code_current.clone();
        let w = workforce
            .iter()
            .find(|r| r["time_period"] == "2025" && r["new_la_code"] == code)
            .unwrap();
        let at_march = |rows: &[HashMap<String, String>], column: &str| {
            let r = rows
                .iter()
                .find(|r| r["year"] == "2025" && r["ons_code_current"] == code)
                .unwrap();
            number(r, column).unwrap()
        };
        let file = &b.file;
        let cases = number(w, "cases").unwrap();
        assert_eq!(file.demand.open_cases, Dist::Fixed(cases), "{name}");
        assert_eq!(
            file.workforce.reference_caseload,
            Dist::Fixed(number(w, "caseload_fte").unwrap()),
            "{name}"
        );
        assert_eq!(
            file.workforce.initial_vacancy_rate,
            Dist::Fixed(number(w, "vacancy_rate_fte").unwrap() / 100.0),
            "{name}"
        );
        let looked_after = at_march(&cla, "cla_at_31_march");
        assert_eq!(
            file.demand.looked_after_share,
            Dist::Fixed((looked_after / cases).min(1.0)),
            "{name}"
        );
        assert_eq!(
            file.demand.children_in_need,
            Some(Dist::Fixed(at_march(&cin, "cin_at_31_march"))),
            "{name}"
        );
        assert_eq!(
            file.demand.child_population,
            Some(Dist::Fixed(at_march(&cin, "pop_0_17_mid_prev_year"))),
            "{name}"
        );
        for o in &file.options {
            assert_eq!(
                o.annual_turnover,
                Dist::Fixed(number(w, "turnover_rate_fte").unwrap() / 100.0),
                "{name}: {}",
                o.name
            );
        }
        let note = &file.notes["demand.open_cases"];
        assert!(
            note.contains(name) && note.contains("2025") && note.contains("workforce"),
            "{note}"
        );
    }
}

#[test]
fn a_councils_year0_cost_by_block_reproduces_its_outturn_lines_after_the_stated_uprating() {
    let outturn = rows("ro3_2023_24.csv");
    let published = published().unwrap();
    let base = default_file();
    let mut fitted = 0;
    for council in current_councils(published) {
        let Some(row) = outturn.iter().find(|r| {
            r["ons_code"] == council.ons_code_current || r["ons_code"] == council.ons_code
        }) else {
            continue;
        };
        let line = |stem: &str| number(row, &format!("{stem}_gross_gbp"));
        let (Some(total), Some(other)) =
            (line("total_csc"), line("other_children_family_services"))
        else {
            continue;
        };
        if other / total > 0.5 {
            continue; // Booked as one payment to a trust: matched on the total only.
        }
        let b = council_file(published, &base, council).unwrap();
        let file = &b.file;
        let years = uprating_years(file.start_year);
        assert_eq!(years, 3, "2023-24 to 2026/27");
        let up = |rate: f64| (1.0 + rate).powi(years);
        let (teams, placements, blocks) = year0(file);
        let name = &council.name;
        let placement_up = up(file.placements.inflation.mean());
        let residential_and_fostering =
            line("cla_residential").unwrap() + line("cla_fostering").unwrap();
        let placements_fitted = b
            .fit
            .iter()
            .any(|f| f.part == "placements" && f.how.contains("scaled"));
        if placements_fitted {
            near(
                placements,
                residential_and_fostering * placement_up,
                &format!("{name} placements"),
            );
        }
        let safeguarding = line("safeguarding").unwrap() * up(file.workforce.pay_inflation.mean());
        let mut sum = teams + placements;
        let mut published_sum = safeguarding + residential_and_fostering * placement_up;
        // The teams and the lines where councils book other social workers, together.
        let (mut group, mut group_published) = (teams, safeguarding);
        for block in &file.budget.as_ref().unwrap().blocks {
            let cost = blocks[&block.id];
            // A line published below zero costs nothing.
            let uprated = (line(&block.ro3_line).unwrap() * up(block.inflation.mean())).max(0.0);
            sum += cost;
            published_sum += uprated;
            if TEAM_LINES.contains(&block.ro3_line.as_str()) {
                group += cost;
                group_published += uprated;
            } else {
                near(cost, uprated, &format!("{name} {}", block.ro3_line));
            }
        }
        // Where the teams cost more than all those lines hold, the rest is left over, and said.
        let held = b.fit.iter().all(|f| !f.how.contains("more than"));
        if held {
            near(
                group,
                group_published,
                &format!("{name} teams and {TEAM_LINES:?}"),
            );
        } else {
            assert!(group > group_published, "{name}");
        }
        if placements_fitted && held {
            near(sum, published_sum, &format!("{name} total"));
            fitted += 1;
        }
    }
    assert!(fitted >= 120, "only {fitted} councils fitted line by line");
}

#[test]
fn sunderland_runs_with_its_company_as_the_baseline_and_its_sum_is_what_it_paid() {
    let b = built("Sunderland");
    let file = &b.file;
    let vehicle = "Together for Children Sunderland";
    assert_eq!(file.appraisal.baseline_option, vehicle);
    let option = file.options.iter().find(|o| o.name == vehicle).unwrap();
    assert_eq!(option.kind, OptionKind::Cic);
    assert_eq!(option.setup_cost, Dist::Fixed(0.0));
    let Some(care_options::model::scenario::ContractSum::Typed(Dist::Fixed(sum))) =
        option.contract.as_ref().map(|c| c.sum.clone())
    else {
        panic!("a typed sum");
    };
    // The in-house year-0 cost of what the company runs, to the nearest £1,000.
    let runs = option.provider_runs.clone().unwrap();
    let expected: f64 = b
        .fit
        .iter()
        .filter(|f| runs.contains(&f.part))
        .map(|f| f.year0)
        .sum();
    assert!((sum - expected).abs() <= 500.0, "{sum} against {expected}");
    assert!(file.notes[&format!("options[{vehicle}].contract.sum")].contains("Sunderland"));
    // Sandwell books 92% of its spend as its payment to the trust: that is the sum.
    let sandwell = built("Sandwell");
    let trust = sandwell
        .file
        .options
        .iter()
        .find(|o| o.name == "Sandwell Children's Trust")
        .unwrap();
    assert_eq!(trust.kind, OptionKind::Trust);
    let paid = 81_455_000.0 * (1.0 + sandwell.file.appraisal.general_inflation.mean()).powi(3);
    let Some(care_options::model::scenario::ContractSum::Typed(Dist::Fixed(sum))) =
        trust.contract.as_ref().map(|c| c.sum.clone())
    else {
        panic!("a typed sum");
    };
    assert!((sum - paid).abs() <= 500.0, "{sum} against {paid}");
}

#[test]
fn names_that_are_not_one_council_are_refused_with_the_close_matches() {
    let published = published().unwrap();
    assert_eq!(find(published, "sunderland").unwrap().name, "Sunderland");
    assert_eq!(find(published, "E08000024").unwrap().name, "Sunderland");
    assert_eq!(
        find(published, "Barking & Dagenham").unwrap().name,
        "Barking and Dagenham"
    );
    match find(published, "Kingston") {
        Err(CouncilError::Ambiguous { matches, .. }) => assert_eq!(
            matches,
            [
                "Kingston upon Hull, City of (E06000010)",
                "Kingston upon Thames (E09000021)"
            ]
        ),
        other => panic!("{other:?}"),
    }
    match find(published, "Sunderlnd") {
        Err(CouncilError::Unknown { close, .. }) => {
            assert_eq!(
                close.first().map(String::as_str),
                Some("Sunderland (E08000024)")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        find(published, "Cumbria"),
        Err(CouncilError::Abolished { .. })
    ));
    assert!(matches!(
        find(published, "  "),
        Err(CouncilError::Unknown { .. })
    ));

    // The executable: exit 2 and the list on standard error.
    let ran = run_exit(exe().args(["new", "--council", "Kingston"]), 2);
    assert!(
        ran.stderr.contains("Kingston upon Hull") && ran.stderr.contains("Kingston upon Thames"),
        "{}",
        ran.stderr
    );
    let ran = run_exit(exe().args(["new", "--council", "Sunderlnd"]), 2);
    assert!(
        ran.stderr.contains("Did you mean: Sunderland"),
        "{}",
        ran.stderr
    );
}

#[test]
fn cli_new_writes_a_scenario_that_runs() {
    let dir = temp_dir("new-council");
    let out = dir.join("sunderland.ron");
    let Ran { stdout, .. } = run_ok(
        exe()
            .args(["new", "--council", "Sunderland", "--out"])
            .arg(&out),
    );
    assert!(
        stdout.contains("Together for Children Sunderland"),
        "{stdout}"
    );
    assert!(stdout.contains("Open Government Licence v3.0"), "{stdout}");
    let Ran { stdout, .. } = run_ok(exe().arg("run").arg(&out).args(["--iterations", "50"]));
    assert!(
        stdout.contains("Together for Children Sunderland"),
        "{stdout}"
    );
}
