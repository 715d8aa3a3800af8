//! The window driven headless with egui_kittest: clicks and typing by accessible label, the
//! background runs for real (debug builds run the 2,000-iteration preview in about a second).

mod cabinet;
mod compare;
mod council;
mod editing;
mod installed;
mod layout;
mod safety;
mod session;
mod switching;
mod whole_budget;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::panels::dialogs::Modal;
use super::runner::RunKind;
use super::*;
use crate::model::Dist;

/// Longest a test waits for a background run (debug builds are slow, CI machines slower).
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

const TRUST: usize = 1;

pub(super) fn app() -> CareOptionsApp {
    let mut app = CareOptionsApp::new();
    // Tests must never open a native file dialog.
    app.dialogs_enabled = false;
    // Switching values have a test of their own (switching.rs), which turns them back on.
    app.switching_enabled = false;
    app
}

pub(super) fn harness(app: CareOptionsApp) -> Harness<'static, CareOptionsApp> {
    Harness::builder()
        .with_size([1500.0, 950.0])
        // Shorter than the progress redraw interval, so `run()` settles while a run is under way.
        .with_step_dt(0.05)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut CareOptionsApp| app.show(ui), app)
}

/// Steps frames until `done` holds, then draws one more frame and runs the accessibility check.
pub(super) fn wait_for(
    h: &mut Harness<'static, CareOptionsApp>,
    what: &str,
    done: impl Fn(&CareOptionsApp) -> bool,
) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < RUN_TIMEOUT,
            "timed out waiting for {what}"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run();
}

/// Scrolls a widget into view (the options sit side by side in a scrolling area) and clicks it.
fn click(h: &mut Harness<'static, CareOptionsApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// Results that belong to the scenario as it is now.
pub(super) fn up_to_date(app: &CareOptionsApp) -> bool {
    app.shown().is_some_and(|f| f.file == *app.scenario()) && !app.is_running()
}

fn trust_npc_mean(app: &CareOptionsApp) -> f64 {
    app.shown().unwrap().results.options[TRUST].npc.mean
}

fn trust_turnover(app: &CareOptionsApp) -> Dist {
    app.scenario().options[TRUST].annual_turnover
}

/// A file in a folder of its own, removed when the test ends.
pub(super) struct TempFile {
    dir: PathBuf,
    pub(super) path: PathBuf,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub(super) fn temp_file(name: &str, contents: &str) -> TempFile {
    let dir = std::env::temp_dir().join(format!(
        "care-options-app-tests-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    TempFile { dir, path }
}

#[test]
fn starts_on_the_default_scenario_and_shows_the_summary() {
    let mut h = harness(app());
    let default = default_scenario_file();
    assert_eq!(
        h.state().title(),
        format!("Care Options — {}", default.name)
    );
    wait_for(&mut h, "the first preview", up_to_date);
    let shown = h.state().shown().unwrap();
    assert_eq!(shown.kind, RunKind::Preview);
    assert_eq!(shown.results.iterations, 2_000);
    assert_eq!(shown.results.options.len(), 3);
    // The table, its rows, and where the numbers come from.
    h.get_by_label("P(quality\nat risk)");
    h.get_by_label("P(cheaper\n& better)");
    h.get_by_label("In-house (baseline)");
    h.get_by_label_contains(&format!(
        "Preview: 2,000 iterations, seed {}",
        default.simulation.seed
    ));
    assert!(h.get_all_by_label_contains("simulated futures").count() >= 2);
    h.get_by_label("Valid");
}

#[test]
fn typing_a_new_turnover_for_the_trust_changes_its_results() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    let before = trust_npc_mean(h.state());
    let in_house_before = h.state().shown().unwrap().results.options[0].npc.mean;
    // The options sit below the scenario-wide sections: scrolled to, as a person would.
    h.get_by_label("Children's trust: Annual staff turnover — Most likely")
        .scroll_to_me();
    h.run();
    let field = h.get_by_label("Children's trust: Annual staff turnover — Most likely");
    field.click();
    h.run();
    let field = h.get_by_label("Children's trust: Annual staff turnover — Most likely");
    field.type_text("24");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        trust_turnover(h.state()),
        Dist::Pert {
            min: 0.08,
            mode: 0.24,
            max: 0.28
        }
    );
    wait_for(&mut h, "the preview after the edit", up_to_date);
    let after = trust_npc_mean(h.state());
    assert_ne!(before, after, "the edit must reach the results");
    // In-house is untouched by the trust's turnover, draw for draw (common random numbers).
    let in_house_after = h.state().shown().unwrap().results.options[0].npc.mean;
    assert_eq!(in_house_before, in_house_after);
    assert!(h.state().is_dirty());
    assert!(h.state().title().ends_with(" *"));
}

#[test]
fn undo_restores_a_value_and_redo_brings_it_back() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    let original = trust_turnover(h.state());
    h.get_by_label("Children's trust: Annual staff turnover — High")
        .set_value_accesskit(35.0);
    h.run();
    let edited = trust_turnover(h.state());
    assert_eq!(
        edited,
        Dist::Pert {
            min: 0.08,
            mode: 0.14,
            max: 0.35
        }
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(trust_turnover(h.state()), original);
    assert!(!h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(trust_turnover(h.state()), edited);
}

#[test]
fn an_invalid_value_is_flagged_at_its_field_and_the_last_results_stay() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    let valid_run = h.state().shown().unwrap().results.clone();
    // min above mode: the editor stops a min at its mode, so the scenario is changed as a file
    // that breaks the order would be opened.
    h.state_mut().scenario_mut().options[TRUST].annual_turnover = Dist::Pert {
        min: 0.3,
        mode: 0.14,
        max: 0.28,
    };
    h.run();
    // At the field in the units on screen; the list below the editor keeps the file's words.
    h.get_by_label("Low 30% is above Most likely 14%");
    h.get_by_label_contains("Invalid: options[Children's trust].annual_turnover");
    h.get_by_label_contains("these are the results of the last valid version");
    for _ in 0..8 {
        h.step();
    }
    assert!(!h.state().is_running());
    assert_eq!(h.state().shown().unwrap().results, valid_run);
}

#[test]
fn adding_and_removing_an_option() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.get_by_label("+ Community interest company").click();
    h.run();
    let names: Vec<String> = h
        .state()
        .scenario()
        .options
        .iter()
        .map(|o| o.name.clone())
        .collect();
    assert_eq!(
        names,
        [
            "In-house",
            "Children's trust",
            "Community interest company",
            "Community interest company 2"
        ]
    );
    wait_for(&mut h, "results with the new option", up_to_date);
    assert_eq!(h.state().shown().unwrap().results.options.len(), 4);
    assert!(h.get_all_by_label("Community interest company 2").count() >= 1);

    click(&mut h, "Remove Children's trust");
    h.run();
    let names: Vec<&str> = h
        .state()
        .scenario()
        .options
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "In-house",
            "Community interest company",
            "Community interest company 2"
        ]
    );
    wait_for(&mut h, "results without the trust", up_to_date);
    assert_eq!(h.state().shown().unwrap().results.options.len(), 3);
}

#[test]
fn duplicating_renaming_and_choosing_the_baseline() {
    let mut h = harness(app());
    click(&mut h, "Duplicate Children's trust");
    h.run();
    assert_eq!(
        h.state().scenario().options[2].name,
        "Children's trust (copy)"
    );
    click(&mut h, "Option 3 name");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Option 3 name")
        .type_text("Trust with a 15-year contract");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().scenario().options[2].name,
        "Trust with a 15-year contract"
    );
    click(&mut h, "Make Trust with a 15-year contract the baseline");
    assert_eq!(
        h.state().scenario().appraisal.baseline_option,
        "Trust with a 15-year contract"
    );
    wait_for(&mut h, "results against the new baseline", up_to_date);
    assert_eq!(
        h.state().shown().unwrap().results.baseline_option,
        "Trust with a 15-year contract"
    );
}

#[test]
fn opening_an_invalid_file_lists_its_problems_and_keeps_the_scenario() {
    let mut h = harness(app());
    h.run();
    let before = h.state().scenario().clone();
    let text = crate::DEFAULT_SCENARIO.replace(
        "annual_turnover: Pert(min: 0.08, mode: 0.14, max: 0.28)",
        "annual_turnover: Pert(min: 0.3, mode: 0.14, max: 0.28)",
    );
    let invalid = temp_file("invalid.ron", &text);
    h.state_mut().open_path_now(&invalid.path);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::LoadProblems(_))));
    h.get_by_label("This file could not be opened");
    h.get_by_label_contains(
        "options[Children's trust].annual_turnover: min 0.3 is above mode 0.14",
    );
    let Some(Modal::LoadProblems(problems)) = h.state().modal() else {
        panic!("expected the problems window");
    };
    // Located in the file: the trust's annual_turnover is on line 183 of the default scenario.
    let line = crate::io::locate::locate(&text, "options[Children's trust].annual_turnover")
        .unwrap()
        .0;
    assert!(
        problems.problems[0].starts_with(&format!("line {line}, column ")),
        "{:?}",
        problems.problems
    );
    assert_eq!(*h.state().scenario(), before);
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().modal().is_none());

    // Not RON at all: the syntax error carries its line and column.
    let broken = temp_file("broken.ron", "(\n  format_version: 1,\n  name: oops\n)");
    h.state_mut().open_path_now(&broken.path);
    h.run();
    let Some(Modal::LoadProblems(problems)) = h.state().modal() else {
        panic!("expected the problems window");
    };
    assert!(
        problems.problems[0].starts_with("line 3, column"),
        "{:?}",
        problems.problems
    );
    assert_eq!(*h.state().scenario(), before);
}

#[test]
fn cancel_stops_a_full_run() {
    let mut h = harness(app());
    // Enough iterations that the full run is still going when Cancel is pressed.
    h.state_mut().scenario_mut().simulation.iterations = 200_000;
    wait_for(&mut h, "the first preview", up_to_date);
    h.get_by_label("Run full (200,000 iterations)").click();
    h.run();
    assert!(h.state().is_running());
    h.get_by_label_contains("Full run:");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().is_running());
    h.get_by_label("Full run cancelled; the results shown are unchanged.");
    assert_eq!(h.state().shown().unwrap().kind, RunKind::Preview);
}

#[test]
fn saving_then_reopening_round_trips_and_clears_the_unsaved_mark() {
    let mut h = harness(app());
    h.state_mut().scenario_mut().name = "Saved scenario".to_string();
    h.run();
    assert_eq!(h.state().title(), "Care Options — Saved scenario *");
    let file = temp_file("saved.ron", "");
    let path = file.path.clone();
    // A new file: nothing there to ask about replacing.
    std::fs::remove_file(&path).unwrap();
    h.state_mut().push(Command::SaveTo(path.clone()));
    h.run();
    assert_eq!(h.state().title(), "Care Options — Saved scenario");
    let saved = h.state().scenario().clone();
    let mut other = harness(app());
    other.state_mut().open_path_now(&path);
    other.run();
    assert!(other.state().modal().is_none());
    assert_eq!(*other.state().scenario(), saved);
}

#[test]
fn new_opens_a_tab_and_closing_a_changed_tab_asks_first() {
    let mut h = harness(app());
    h.state_mut().scenario_mut().name = "Changed".to_string();
    // Let the preview finish, so the only Cancel button is the dialog's.
    wait_for(&mut h, "the preview", up_to_date);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    // The changed scenario keeps its own tab; the new one is on show.
    assert_eq!(h.state().tabs().len(), 2);
    assert_eq!(h.state().active_index(), 1);
    assert_eq!(*h.state().scenario(), default_scenario_file());
    h.get_by_label("Changed *").click();
    h.run();
    assert_eq!(h.state().scenario().name, "Changed");

    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert!(matches!(
        h.state().modal(),
        Some(Modal::Unsaved(Pending::Close(_), name)) if name == "Changed"
    ));
    h.get_by_label_contains("“Changed” has unsaved changes");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().tabs().len(), 2);
    assert_eq!(h.state().scenario().name, "Changed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().tabs().len(), 1);
    assert_eq!(*h.state().scenario(), default_scenario_file());
    // Closing the last tab leaves the default scenario, never an empty window.
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert_eq!(h.state().tabs().len(), 1);
    assert!(h.state().modal().is_none());
}

#[test]
fn each_tab_keeps_its_own_scenario_history_and_results() {
    let mut h = harness(app());
    wait_for(&mut h, "the preview", up_to_date);
    let first_results = h.state().shown().unwrap().results.clone();
    h.state_mut().push(Command::New);
    h.run();
    h.state_mut().scenario_mut().name = "Variant".to_string();
    h.state_mut().scenario_mut().simulation.seed += 1;
    h.run();
    wait_for(&mut h, "the variant's preview", up_to_date);
    let variant_results = h.state().shown().unwrap().results.clone();
    assert_ne!(variant_results, first_results);

    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(h.state().active_index(), 0);
    assert_eq!(h.state().shown().unwrap().results, first_results);
    assert_eq!(
        h.state().title(),
        format!("Care Options — {}", default_scenario_file().name)
    );
    // Undo acts on the tab on show: the default has nothing to undo, the variant keeps its edit.
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(*h.state().scenario(), default_scenario_file());
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(h.state().scenario().name, "Variant");
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario().name, default_scenario_file().name);
}

#[test]
fn quitting_asks_about_every_tab_with_unsaved_changes_in_turn() {
    let mut h = harness(app());
    h.state_mut().scenario_mut().name = "First edit".to_string();
    h.state_mut().push(Command::New);
    h.run();
    h.state_mut().push(Command::New);
    h.run();
    h.state_mut().scenario_mut().name = "Third edit".to_string();
    h.run();
    wait_for(&mut h, "the previews", up_to_date);
    h.state_mut().push(Command::Quit);
    h.run();
    assert!(matches!(
        h.state().modal(),
        Some(Modal::Unsaved(Pending::Quit, name)) if name == "First edit"
    ));
    assert_eq!(h.state().active_index(), 0);
    h.get_by_label("Discard").click();
    h.run();
    // The unchanged middle tab is not asked about.
    assert!(matches!(
        h.state().modal(),
        Some(Modal::Unsaved(Pending::Quit, name)) if name == "Third edit"
    ));
    assert_eq!(h.state().active_index(), 2);
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert_eq!(
        h.state().tabs().len(),
        3,
        "cancelling the quit closes nothing"
    );
    assert_eq!(h.state().tabs()[0].doc().file.name, "First edit");
}

#[test]
fn the_about_box_names_the_licence_and_the_data() {
    let mut h = harness(app());
    h.state_mut().push(Command::ShowAbout);
    h.run();
    h.get_by_label_contains(env!("CARGO_PKG_VERSION"));
    h.get_by_label_contains("Licence: MIT OR Apache-2.0");
    h.get_by_label("Apache License 2.0");
    h.get_by_label_contains("Open Government Licence v3.0: Department for Education");
}

#[test]
fn f1_opens_the_guide_and_glossary() {
    let mut h = harness(app());
    h.run();
    h.key_press(egui::Key::F1);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Guide)));
    h.get_by_label("An appraisal in five steps");
    h.get_by_label_contains("The value an input would need for the option's verdict to change");
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().modal().is_none());
}

#[test]
fn adding_and_removing_a_placement() {
    let mut h = harness(app());
    h.run();
    // The Placements section starts folded. (Once the preview is in, the cost breakdown chart's
    // legend has a "Placements" entry too.)
    h.get_by_role_and_label(egui::accesskit::Role::DisclosureTriangle, "Placements")
        .click();
    h.run();
    click(&mut h, "+ Add a placement");
    let mix = &h.state().scenario().placements.mix;
    assert_eq!(mix.len(), 6);
    assert_eq!(mix[5].name, "New placement");
    assert!(crate::model::validate(h.state().scenario()).is_ok());
    click(&mut h, "Remove placement Kinship care");
    let names: Vec<&str> = h
        .state()
        .scenario()
        .placements
        .mix
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert!(!names.contains(&"Kinship care"));
    // Kinship care's 15% share has gone: the shares no longer add up, and the editor says so.
    h.get_by_label("shares sum to 0.85, not 1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().scenario().placements.mix.len(), 6);
}

/// Every character the window writes must be in the bundled fonts: a missing glyph is drawn as a
/// box. Checks the non-ASCII characters of string literals in the app's own source.
#[test]
fn every_character_in_the_ui_has_a_glyph() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut used = std::collections::BTreeSet::new();
    for folder in ["app", "present", "evidence"] {
        for source in rust_sources(&root.join(folder)) {
            for line in source.lines() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                // Characters between double quotes: string literals.
                for (k, part) in code.split('"').enumerate() {
                    if k % 2 == 1 {
                        used.extend(part.chars().filter(|c| !c.is_ascii()));
                    }
                }
            }
        }
    }
    let ctx = egui::Context::default();
    let mut output = ctx.run_ui(Default::default(), |_| {});
    output.textures_delta.clear();
    let missing: Vec<char> = used
        .into_iter()
        .filter(|c| !ctx.fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(14.0), *c)))
        .collect();
    assert!(missing.is_empty(), "no glyph for {missing:?}");
}

/// The text of every `.rs` file under `folder`, however deep.
fn rust_sources(folder: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
    out
}

#[test]
fn run_until_precise_stops_by_itself_once_every_headline_figure_is_precise() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.get_by_label("Run until precise").click();
    h.run();
    wait_for(&mut h, "a run to precision", |app| {
        !app.is_running()
            && app
                .shown()
                .is_some_and(|f| f.kind == RunKind::Precise && f.results.iterations > 2_000)
    });
    let results = &h.state().shown().unwrap().results;
    // Stopped where the command line's --precision 0.5,1 stops: nothing more is asked for.
    assert_eq!(
        crate::present::summary_table::iterations_for(
            results,
            crate::present::summary_table::WINDOW_PRECISION
        ),
        None
    );
    h.get_by_label_contains(&format!(
        "Precise: every mean difference within ±£0.5m and every P(cheaper) within ±1 point \
         (95%) at {} iterations.",
        crate::present::thousands(results.iterations)
    ));
    h.get_by_label_contains("Run to precision:");
}
