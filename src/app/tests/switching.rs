//! Switching values in the window: worked out after the run on show, then its sentence under
//! the summary and the table of each option.

use egui_kittest::kittest::Queryable;

use super::{app, click, harness, up_to_date, wait_for};

#[test]
fn the_first_screen_says_which_assumption_turns_each_verdict() {
    let mut app = app();
    app.switching_enabled = true;
    let mut h = harness(app);
    // Few iterations, so that the dozens of runs behind the values are quick in a debug build.
    h.state_mut().scenario_mut().simulation.iterations = 40;
    wait_for(&mut h, "the first preview", up_to_date);
    wait_for(&mut h, "the switching values", |a| {
        a.shown()
            .is_some_and(|f| f.results.switching_values.is_some())
    });
    let values = h
        .state()
        .shown()
        .unwrap()
        .results
        .switching_values
        .clone()
        .unwrap();
    assert_eq!(
        values.len(),
        20,
        "ten inputs for each option but the baseline"
    );
    // One sentence per option but the baseline, each naming the file's own value.
    assert_eq!(h.get_all_by_label_contains("the file assumes").count(), 2);
    // The tornado reads in £m by default, with the rank correlations a click away.
    assert!(h.state().shown().unwrap().results.swings.is_some());
    h.get_by_label("£m swing");
    h.get_by_label("Rank correlation");
    // The tables fold under one heading; each option's table folds again inside it.
    click(
        &mut h,
        "Tables: cost by budget block, outcomes two by two, switching values",
    );
    click(&mut h, "Switching values: Children's trust");
    h.get_by_label("Breaks even (mean difference 0)")
        .scroll_to_me();
    h.run();
    h.get_by_label("Breaks even (mean difference 0)");
}
