//! Council benchmarks: the DfE workforce census as published, starting values and flags.

use super::*;

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
    assert_eq!(rows.len(), 9, "2017 to 2025");
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
    // The 2025 release writes Sunderland's 2023 agency rate as "low" (suppressed) where the 2023
    // release wrote 0: absent, never zero.
    assert_eq!(sunderland.value(Indicator::AgencyRate, 2023), None);
    assert_eq!(at(Indicator::Turnover, 2025), 11.8);
    assert_eq!(at(Indicator::VacancyRate, 2017), 29.4);
    assert_eq!(at(Indicator::Turnover, 2023), 13.4);
    assert_eq!(at(Indicator::Caseload, 2023), 16.1);
    let england = |i| census.england.value(i, 2023).unwrap();
    assert_eq!(england(Indicator::Turnover), 15.9);
    // The 2025 release revised England's 2023 agency rate from 17.8% to 17.9%.
    assert_eq!(england(Indicator::AgencyRate), 17.9);
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
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/csww_2017_2025.csv"),
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

    // The paths it says it sets, each with its note, and nothing else: every option, and the
    // cost driver as well as the reference caseload.
    let said: Vec<&str> = plan.set.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        said,
        [
            "workforce.initial_vacancy_rate",
            "options[In-house].annual_turnover",
            "options[Children's trust].annual_turnover",
            "options[Community interest company].annual_turnover",
            "options[In-house].agency_cover",
            "options[Children's trust].agency_cover",
            "options[Community interest company].agency_cover",
            "workforce.reference_caseload",
            "demand.open_cases",
        ]
    );
    let mut expected: Vec<String> = said.iter().map(|p| p.to_string()).collect();
    expected.extend(said.iter().map(|p| format!("notes[{p}]")));
    expected.sort();
    let mut changed: Vec<String> = diff(&before, &after).into_iter().map(|d| d.path).collect();
    changed.sort();
    assert_eq!(changed, expected);
    assert!(validate(&after).is_ok());

    // Each rate is Pert(lowest of 2023-2025 or 10% below 2025, 2025, highest or 10% above),
    // from the published rows.
    let rows = raw_rows("Sunderland");
    let text = |column: &str, year: &str| -> String {
        let row = rows.iter().find(|r| r["time_period"] == year).unwrap();
        row[column].clone()
    };
    // A suppressed figure (Sunderland's turnover in 2024 is "u") is left out of the range.
    let figure = |indicator: Indicator, year: &str| -> Option<f64> {
        text(indicator.column(), year).parse().ok()
    };
    for value in &plan.set {
        let indicator = match value.path.as_str() {
            "workforce.initial_vacancy_rate" => Indicator::VacancyRate,
            "workforce.reference_caseload" => Indicator::Caseload,
            "demand.open_cases" => {
                let cases: f64 = text("cases", "2025").parse().unwrap();
                assert_eq!(value.dist, Dist::Fixed(cases));
                assert_eq!(
                    cases, 2297.0,
                    "Sunderland's cases held at 30 September 2025"
                );
                let note = &after.notes[&value.path];
                assert!(note.contains("2,297") && note.contains("2025"), "{note}");
                continue;
            }
            p if p.ends_with("annual_turnover") => Indicator::Turnover,
            p if p.ends_with("agency_cover") => Indicator::VacanciesCoveredByAgency,
            p => panic!("{p}"),
        };
        let recent: Vec<f64> = ["2023", "2024", "2025"]
            .iter()
            .filter_map(|y| figure(indicator, y))
            .collect();
        let latest = figure(indicator, "2025").unwrap();
        let low = recent.iter().copied().fold(f64::INFINITY, f64::min);
        let high = recent.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let scale = if indicator.is_percent() { 100.0 } else { 1.0 };
        let Dist::Pert { min, mode, max } = value.dist else {
            panic!("{}: {:?}", value.path, value.dist);
        };
        let tolerance = 1e-4;
        // Agency cover can reach 100%, the field's limit.
        let cap = |x: f64| {
            x.min(if indicator.is_percent() {
                1.0
            } else {
                f64::MAX
            })
        };
        assert!((mode - latest / scale).abs() < tolerance, "{}", value.path);
        let want_min = low.min(latest * (1.0 - MIN_RELATIVE_HALF_WIDTH)) / scale;
        let want_max = cap(high.max(latest * (1.0 + MIN_RELATIVE_HALF_WIDTH)) / scale);
        assert!((min - want_min).abs() < tolerance, "{}: {min}", value.path);
        assert!((max - want_max).abs() < tolerance, "{}: {max}", value.path);
        let note = &after.notes[&value.path];
        assert!(
            note.contains("Sunderland")
                && note.contains("2025")
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
            "In-house: a turnover of 45% a year is above every English council in 2025"
        ),
        "{}",
        found[0].message
    );
    assert!(found[1].message.contains("below every English council"));
}
