//! UI tests of the whole-budget model in the window: a contract's terms edited where they are
//! shown, the council's exposure moving with them, and the budget-risk chart listed only where
//! an option runs under a contract, and an old scenario upgraded from the Edit menu.

use std::path::Path;

use egui_kittest::kittest::Queryable;

use super::{app, harness, up_to_date, wait_for};
use crate::app::*;

const DIRECTED: &str = "Directed children's trust";

/// The directed trust's mean overspend borne by the council over the horizon, £.
/// Whether the chart picker offers the budget risk chart: the picker's list is opened, read and
/// closed again.
fn budget_risk_offered(h: &mut egui_kittest::Harness<'static, CareOptionsApp>) -> bool {
    h.get_by_label("Charts:").click();
    h.run();
    let offered = h.query_by_label("Budget risk").is_some();
    h.key_press(egui::Key::Escape);
    h.run();
    offered
}

fn returned(app: &CareOptionsApp) -> f64 {
    let results = &app.shown().unwrap().results;
    let trust = results.options.iter().find(|o| o.name == DIRECTED).unwrap();
    trust.contract.as_ref().unwrap().mean_returned_total
}

#[test]
fn a_risk_share_edited_in_the_window_moves_what_comes_back_to_the_council() {
    let mut h = harness(app());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/dfe-directed-trust.ron");
    h.state_mut().open_path_now(&path);
    h.run();
    wait_for(&mut h, "the preview", up_to_date);
    assert!(budget_risk_offered(&mut h));
    let before = returned(h.state());
    assert!(before > 0.0, "the 70/30 share leaves the council a share");

    // 100/0: the provider bears every overspend its reserves can hold.
    let field = format!("{DIRECTED}: Provider's share of an overspend — Value");
    h.get_by_label(&field).scroll_to_me();
    h.run();
    h.get_by_label(&field).set_value_accesskit(100.0);
    h.run();
    let contract = |app: &CareOptionsApp| {
        let o = app.scenario().options.iter().find(|o| o.name == DIRECTED);
        o.and_then(|o| o.contract.clone()).unwrap()
    };
    assert_eq!(
        contract(h.state()).provider_share,
        crate::model::Dist::Fixed(1.0)
    );
    wait_for(&mut h, "the preview of the new share", up_to_date);
    let after = returned(h.state());
    assert!(
        after < before,
        "the council bears less when the provider bears all it can: {after} vs {before}"
    );
}

#[test]
fn the_budget_risk_chart_is_offered_only_where_a_contract_runs() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    // The default scenario's trust and company run under contracts.
    assert!(budget_risk_offered(&mut h));
    h.get_by_label("Budget");

    let v1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron");
    h.state_mut().open_path_now(&v1);
    h.run();
    wait_for(&mut h, "the old file's preview", up_to_date);
    assert!(!budget_risk_offered(&mut h));

    // Edit > Upgrade to the whole budget: blocks and contracts from the defaults, one undo step.
    let old = h.state().scenario().clone();
    h.state_mut().push(Command::UpgradeToWholeBudget);
    h.run();
    assert!(h.state().scenario().is_whole_budget());
    h.get_by_label_contains("Upgraded to the whole budget");
    wait_for(&mut h, "the upgraded preview", up_to_date);
    assert!(budget_risk_offered(&mut h));
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario(), &old);
}
