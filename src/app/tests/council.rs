//! File > New from council…: three clicks and some typing give a new tab on the council's own
//! scenario, its company the baseline and every figure with a note.

use egui_kittest::kittest::Queryable;

use super::{app, harness};

#[test]
fn new_from_council_opens_the_councils_scenario_in_a_new_tab() {
    let mut h = harness(app());
    h.run();
    let before = h.state().scenario().clone();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("New from council…").click();
    h.run();
    h.get_by_label("Council").type_text("Sunder");
    h.run();
    h.get_by_label("Sunderland (E08000024)").click();
    h.run();
    let file = h.state().scenario().clone();
    assert_ne!(file, before, "a new tab is on show");
    assert!(file.name.starts_with("Sunderland"), "{}", file.name);
    assert_eq!(
        file.appraisal.baseline_option,
        "Together for Children Sunderland"
    );
    assert_eq!(file.demand.open_cases, crate::model::Dist::Fixed(2297.0));
    assert!(file.notes["demand.open_cases"].contains("30 September 2025"));
    // The picker closes once a council is picked; the scenario runs like any other.
    assert!(h.query_by_label("Sunderland (E08000024)").is_none());
    assert!(crate::model::validate(&file).is_ok());
}
