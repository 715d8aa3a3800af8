//! The compare view driven headless: a pinned snapshot against the changed scenario, two tabs
//! with different seeds, and what the view says with fewer than two results.

use egui_kittest::kittest::Queryable;

use super::{app, harness, up_to_date, wait_for};
use crate::app::Command;
use crate::model::Dist;

#[test]
fn a_pinned_snapshot_is_compared_with_the_changed_scenario_future_by_future() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.get_by_label("Pin as snapshot").click();
    h.run();
    assert_eq!(h.state().compare.snapshots.len(), 1);

    // Two inputs of the trust change; in-house and the CIC are untouched.
    h.state_mut().scenario_mut().options[1].annual_turnover = Dist::Fixed(0.10);
    h.state_mut().scenario_mut().options[1].agency_cover = Dist::Fixed(0.8);
    h.run();
    wait_for(&mut h, "the preview after the change", up_to_date);
    h.get_by_label("Compare…").click();
    h.run();
    assert!(h.state().compare.open);

    // The snapshot is A, the tab B, paired by iteration under one seed.
    h.get_by_label_contains("B against A: same seed");
    h.get_by_label(
        "• In-house: the same cost under B as under A in every paired future; nothing B \
         changes reaches it.",
    );
    h.get_by_label_contains("• Children's trust costs less under B than under A in");
    // The input diff lists exactly the two changed inputs.
    h.get_by_label("A and B: 2 fields differ");
    h.get_by_label("Annual staff turnover (Children's trust)");
    h.get_by_label("Agency cover (Children's trust)");
    h.get_by_label("Fixed(0.1)");

    h.get_by_label("Back to the scenario").click();
    h.run();
    assert!(!h.state().compare.open);
}

#[test]
fn with_fewer_than_two_results_the_view_says_what_to_do() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.state_mut().push(Command::ShowCompare);
    h.run();
    h.get_by_label_contains("Tick two or more scenarios above.");
}

#[test]
fn two_tabs_with_different_seeds_are_compared_as_unrelated_futures() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.state_mut().push(Command::New);
    h.run();
    assert_eq!(h.state().tabs().len(), 2);
    h.state_mut().scenario_mut().simulation.seed += 1;
    h.run();
    wait_for(&mut h, "the new tab's preview", up_to_date);
    h.state_mut().push(Command::ShowCompare);
    h.run();
    h.get_by_label_contains("B against A: different seeds (");
    assert!(h.get_all_by_label("not paired").count() >= 3);
    h.get_by_label("A and B: 1 field differs");
    h.get_by_label("simulation.seed");
}
