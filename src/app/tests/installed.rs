//! UI tests of what an installed program offers with no source folder beside it: files named at
//! start (double-click, or the command line) each in a tab, the shipped examples under File > New
//! from example, and the log in the data folder. Each test that logs has a data folder of its
//! own; none touches a person's files.

use std::fs;
use std::path::PathBuf;

use egui_kittest::kittest::Queryable;

use super::{TempFile, app, harness, temp_file, wait_for};
use crate::app::examples::EXAMPLES;
use crate::app::panels::dialogs::Modal;
use crate::app::*;
use crate::io::log_file::{LOG_FILE, log_path};

/// A copy of the default scenario under another name, in a file of its own.
fn scenario_file(file_name: &str, scenario_name: &str) -> TempFile {
    let text = crate::DEFAULT_SCENARIO.replace(
        "name: \"An average English council: three delivery options over ten years\"",
        &format!("name: \"{scenario_name}\""),
    );
    temp_file(file_name, &text)
}

/// A data folder of its own, removed when the test ends.
struct DataFolder(PathBuf);

impl DataFolder {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "care-options-installed-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        DataFolder(dir)
    }

    fn log(&self) -> String {
        fs::read_to_string(log_path(&self.0)).unwrap_or_default()
    }
}

impl Drop for DataFolder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn tab_labels(app: &CareOptionsApp) -> Vec<String> {
    app.tabs().iter().map(|t| t.label()).collect()
}

#[test]
fn files_named_at_start_open_each_in_a_tab_of_its_own() {
    let first = scenario_file("first-plan.ron", "First plan");
    let second = scenario_file("second-plan.ron", "Second plan");
    let mut window = app();
    window.open_at_start(vec![first.path.clone(), second.path.clone()]);
    let mut h = harness(window);
    h.run();
    wait_for(&mut h, "both files to open", |a| {
        !a.is_opening() && a.tabs().len() == 2
    });
    // The default scenario, untouched, gave way to the first file.
    assert_eq!(tab_labels(h.state()), ["First plan", "Second plan"]);
    assert_eq!(
        h.state().tabs()[0].doc().path.as_deref(),
        Some(first.path.as_path())
    );
    assert!(h.state().modal().is_none());
    h.get_by_label("First plan");
    h.get_by_label("Second plan");
}

#[test]
fn a_file_that_cannot_be_opened_at_start_shows_why_and_the_others_open() {
    let good = scenario_file("good-plan.ron", "Good plan");
    let missing = good.path.with_file_name("no-such-plan.ron");
    let mut window = app();
    window.open_at_start(vec![missing.clone(), good.path.clone()]);
    let mut h = harness(window);
    h.run();
    wait_for(&mut h, "the files to be read", |a| !a.is_opening());
    assert_eq!(tab_labels(h.state()), ["Good plan"]);
    let Some(Modal::LoadProblems(problems)) = h.state().modal() else {
        panic!("the missing file's problems are shown");
    };
    assert_eq!(problems.path, missing);
    h.get_by_label("This file could not be opened");
}

#[test]
fn every_example_is_offered_and_opens_in_a_new_unsaved_tab() {
    let mut h = harness(app());
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("New from example").click();
    h.run();
    for example in EXAMPLES {
        h.get_by_label(example.title);
    }
    let surge = EXAMPLES
        .iter()
        .find(|e| e.file == "demand-surge.ron")
        .unwrap();
    h.get_by_label(surge.title).click();
    h.run();
    let expected = crate::io::parse_scenario(surge.text).unwrap();
    assert_eq!(
        h.state().tabs().len(),
        2,
        "beside the default, as File > New"
    );
    assert_eq!(h.state().active_index(), 1);
    assert_eq!(*h.state().scenario(), expected);
    assert!(h.state().tabs()[1].doc().path.is_none(), "never saved");
    assert_eq!(h.state().tabs()[1].label(), expected.name);
    h.get_by_label_contains("New scenario from the example");
}

#[test]
fn the_log_holds_the_version_at_start_and_every_problem_shown() {
    let data = DataFolder::new("log");
    let spoilt = temp_file("spoilt-plan.ron", "(format_version: 1, name: oops)");
    let mut window = app();
    window.use_data_folder(data.0.clone());
    assert_eq!(window.log_folder(), Some(data.0.as_path()));
    let started = data.log();
    assert!(
        started.contains(&format!(
            "Care Options {} started",
            env!("CARGO_PKG_VERSION")
        )),
        "{started}"
    );
    let mut h = harness(window);
    h.run();
    h.state_mut().push(Command::OpenPath(spoilt.path.clone()));
    h.run();
    wait_for(&mut h, "the file to be read", |a| !a.is_opening());
    assert!(matches!(h.state().modal(), Some(Modal::LoadProblems(_))));

    let log = data.log();
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines.len() >= 3, "{log}");
    assert!(lines[0].contains("started"), "{log}");
    // Each line starts with the UTC time in RFC 3339: 2026-11-21T14:05:09.123Z.
    for line in &lines {
        let (time, _) = line.split_once(' ').unwrap();
        assert_eq!(time.len(), 24, "{line}");
        assert!(time.ends_with('Z') && time.as_bytes()[10] == b'T', "{line}");
    }
    let shown = format!("Could not open {}", spoilt.path.display());
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with(&format!("status: {shown}"))),
        "the status bar's message is logged:\n{log}"
    );
    assert!(
        lines.iter().any(
            |l| l.contains(&format!("could not open {}: ", spoilt.path.display()))
                && l.contains("line 1")
        ),
        "the file's problems are logged:\n{log}"
    );
    // Logged once, however many frames show it.
    h.run();
    h.run();
    assert_eq!(data.log(), log);
    assert_eq!(
        fs::read_dir(&data.0)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name() == LOG_FILE)
            .count(),
        1
    );
}

#[test]
fn a_log_that_cannot_be_written_is_said_once_and_the_window_carries_on() {
    let data = DataFolder::new("log-unwritable");
    // A folder where the log file should be: every write fails.
    fs::create_dir_all(log_path(&data.0)).unwrap();
    let mut window = app();
    window.use_data_folder(data.0.clone());
    let mut h = harness(window);
    h.run();
    h.get_by_label_contains("cannot be written");
    h.state_mut().push(Command::ZoomIn);
    h.run();
    h.get_by_label_contains("Zoom 110%");
    assert!(
        h.query_by_label_contains("cannot be written").is_none(),
        "said once, not again"
    );
}

#[test]
fn help_open_log_folder_names_the_log() {
    let data = DataFolder::new("log-folder");
    let mut window = app();
    window.use_data_folder(data.0.clone());
    let mut h = harness(window);
    h.run();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Open log folder").click();
    h.run();
    // File dialogs and opening are off in tests: the window says where the log is instead.
    h.get_by_label_contains(&log_path(&data.0).display().to_string());

    let mut h = harness(app());
    h.run();
    h.state_mut().push(Command::OpenLogFolder);
    h.run();
    h.get_by_label_contains("There is no log");
}

#[test]
fn about_opens_the_third_party_licences_and_goes_back() {
    let mut h = harness(app());
    h.state_mut().push(Command::ShowAbout);
    h.run();
    h.get_by_label_contains("open-source crates by others");
    h.get_by_label("Third-party licences").click();
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Licences)));
    h.get_by_label_contains("Care Options is built from");
    // The crates fold open to the list, each with its licence. (Opened through accesskit, as a
    // screen reader does: the sections are far down a scrolled list, out of a pointer's reach.)
    h.get_by_label_contains("Crates and their licences")
        .click_accesskit();
    h.run();
    h.get_by_label_contains("egui 0.37.0: MIT OR Apache-2.0");
    // A licence text opens with the crates it covers.
    h.get_by_label_contains("Apache License 2.0: ab_glyph")
        .click_accesskit();
    h.run();
    h.get_by_label_contains("TERMS AND CONDITIONS FOR USE");
    h.get_by_label("Back to About").click();
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::About)));
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().modal().is_none());
}
