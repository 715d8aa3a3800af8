//! Comparing scenarios: the input diff lists exactly what changed, and `diff` exits like the
//! Unix diff.

use super::*;

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
            "budget.retained_overhead_rate".into(),
            Box::new(|f| {
                if let Some(b) = f.budget.as_mut() {
                    b.retained_overhead_rate = Dist::Fixed(0.2);
                }
            }),
        ),
        (
            "budget.blocks[Youth justice].unit_cost".into(),
            Box::new(|f| {
                if let Some(b) = f.budget.as_mut() {
                    b.blocks[3].unit_cost = Dist::Fixed(30.0);
                }
            }),
        ),
        (
            "budget.blocks[Youth justice].driver".into(),
            Box::new(|f| {
                if let Some(b) = f.budget.as_mut() {
                    b.blocks[3].driver = care_options::model::scenario::Driver::Fixed;
                }
            }),
        ),
        (
            "budget.blocks[Youth justice]".into(),
            Box::new(|f| {
                if let Some(b) = f.budget.as_mut() {
                    b.blocks.remove(3);
                }
            }),
        ),
        (
            "options[Children's trust].id".into(),
            Box::new(|f| f.options[1].id = Some("another".into())),
        ),
        (
            "options[Children's trust].councils_served".into(),
            Box::new(|f| f.options[1].councils_served = Some(3.0)),
        ),
        (
            "options[Children's trust].provider_runs".into(),
            Box::new(|f| {
                if let Some(r) = f.options[1].provider_runs.as_mut() {
                    r.pop();
                }
            }),
        ),
        (
            "options[Children's trust].contract.renegotiation".into(),
            Box::new(|f| {
                if let Some(c) = f.options[1].contract.as_mut() {
                    c.renegotiation = care_options::model::scenario::Renegotiation::FixedForTerm;
                }
            }),
        ),
        (
            "options[Children's trust].contract.kpi_years".into(),
            Box::new(|f| {
                if let Some(c) = f.options[1].contract.as_mut() {
                    c.kpi_years += 1;
                }
            }),
        ),
        (
            "options[Children's trust].contract".into(),
            Box::new(|f| f.options[1].contract = None),
        ),
        (
            "notes[workforce.agency_premium]".into(),
            Box::new(|f| {
                f.notes
                    .insert("workforce.agency_premium".into(), "Agreed with HR".into());
            }),
        ),
    ];
    let default = default_file();
    for &input in WorldInput::ALL {
        if input.get(&default).is_none() {
            continue;
        }
        edits.push((
            input.path().to_string(),
            Box::new(move |f| {
                if let Some(d) = input.get_mut(f) {
                    *d = Dist::Fixed(0.123_456);
                }
            }),
        ));
    }
    for &input in OptionInput::ALL {
        if input.get(&default.options[1]).is_none() {
            continue;
        }
        edits.push((
            input.path("Children's trust"),
            Box::new(move |f| {
                if let Some(d) = input.get_mut(&mut f.options[1]) {
                    *d = Dist::Fixed(0.123_456);
                }
            }),
        ));
    }
    for input in care_options::model::inputs::ContractInput::ALL {
        edits.push((
            input.path("Children's trust"),
            Box::new(move |f| {
                if let Some(c) = f.options[1].contract.as_mut() {
                    *input.get_mut(c) = Dist::Fixed(0.123_456);
                }
            }),
        ));
    }
    edits
}

#[test]
fn the_diff_lists_exactly_the_changed_field_and_nothing_else() {
    use care_options::model::diff::diff;
    let a = default_file();
    let edits = one_field_edits();
    // Every field of the file is edited once: the scenario-wide and per-option inputs the file
    // holds, the plain fields, placements, the budget, options, contracts and notes.
    use care_options::model::inputs::ContractInput;
    use care_options::model::{OptionInput, WorldInput};
    let world = WorldInput::ALL
        .iter()
        .filter(|i| i.get(&a).is_some())
        .count();
    let option = OptionInput::ALL
        .iter()
        .filter(|i| i.get(&a.options[1]).is_some())
        .count();
    assert_eq!(world, 27, "the default's scenario-wide inputs");
    assert_eq!(option, 23, "the default trust's inputs");
    assert_eq!(edits.len(), 34 + world + option + ContractInput::COUNT);
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

    let Ran { stdout: text, .. } =
        run_exit(exe().args(["diff", "scenarios/default.ron"]).arg(&b), 1);
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
    let same = run_ok(exe().args(["diff", "scenarios/default.ron"]).arg(&same));
    assert!(same.stdout.contains("the same inputs"));

    // A missing or broken file is trouble: exit 2, with the file named.
    let broken = dir.join("broken.ron");
    std::fs::write(&broken, "(format_version: 1, name: ").unwrap();
    for other in [dir.join("missing.ron"), broken.clone()] {
        let Ran { stderr, .. } =
            run_exit(exe().args(["diff", "scenarios/default.ron"]).arg(&other), 2);
        assert!(stderr.contains(&*other.to_string_lossy()), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
