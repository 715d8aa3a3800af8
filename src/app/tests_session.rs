//! UI tests of what lasts beyond one file: File > Open Recent, zoom, dropping files on the window
//! and the preferences kept between sessions. None of them touches the real preferences store:
//! only the eframe wrapper does.

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use super::dialogs::Modal;
use super::tests::{TempFile, app, harness, temp_file};
use super::*;

/// A copy of the default scenario under another name, in a file of its own.
fn scenario_file(file_name: &str, scenario_name: &str) -> TempFile {
    let text = crate::DEFAULT_SCENARIO.replace(
        "name: \"Example unitary council: three delivery options over ten years\"",
        &format!("name: \"{scenario_name}\""),
    );
    temp_file(file_name, &text)
}

fn recent(app: &CareOptionsApp) -> Vec<PathBuf> {
    app.recent_files().paths().to_vec()
}

#[test]
fn open_recent_lists_opened_and_saved_files_and_opens_them() {
    let mut h = harness(app());
    h.run();
    assert!(recent(h.state()).is_empty());
    let first = scenario_file("first.ron", "First scenario");
    let saved = temp_file("saved-as.ron", "");
    h.state_mut().open_path(&first.path);
    h.run();
    assert_eq!(h.state().scenario().name, "First scenario");
    assert_eq!(recent(h.state()), std::slice::from_ref(&first.path));

    h.state_mut().scenario_mut().name = "Second scenario".to_string();
    h.state_mut().push(Command::SaveTo(saved.path.clone()));
    h.run();
    assert_eq!(
        recent(h.state()),
        [saved.path.clone(), first.path.clone()],
        "most recent first"
    );

    // Through the menus, as a person would.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").click();
    h.run();
    h.get_by_label("saved-as.ron");
    h.get_by_label("first.ron").click();
    h.run();
    assert_eq!(h.state().scenario().name, "First scenario");
    assert!(!h.state().is_dirty());
    assert_eq!(recent(h.state()), [first.path.clone(), saved.path.clone()]);
}

#[test]
fn open_recent_asks_about_unsaved_changes_and_greys_out_missing_files() {
    let mut h = harness(app());
    let kept = scenario_file("kept.ron", "Kept scenario");
    let gone = scenario_file("gone.ron", "Gone scenario");
    h.state_mut().open_path(&gone.path);
    h.state_mut().open_path(&kept.path);
    h.run();
    drop(gone);
    h.state_mut().scenario_mut().name = "Edited".to_string();
    h.run();

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").click();
    h.run();
    h.get_by_label("gone.ron (missing)");
    h.get_by_label("kept.ron").click();
    h.run();
    // Unsaved changes: the same question as File > Open.
    assert!(matches!(
        h.state().modal(),
        Some(Modal::Unsaved(Pending::OpenPath(_)))
    ));
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().scenario().name, "Kept scenario");

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").click();
    h.run();
    h.get_by_label("Clear recent files").click();
    h.run();
    assert!(recent(h.state()).is_empty());
}

#[test]
fn a_recent_file_that_no_longer_opens_shows_its_problems_and_keeps_the_scenario() {
    let mut h = harness(app());
    let file = scenario_file("spoilt.ron", "Soon spoilt");
    h.state_mut().open_path(&file.path);
    h.run();
    let before = h.state().scenario().clone();
    std::fs::write(&file.path, "(format_version: 1, name: oops)").unwrap();
    h.state_mut().push(Command::OpenPath(file.path.clone()));
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::LoadProblems(_))));
    h.get_by_label("This file could not be opened");
    assert_eq!(*h.state().scenario(), before);
}

#[test]
fn zoom_shortcuts_and_menu_change_the_zoom_within_bounds() {
    let mut h = harness(app());
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert_eq!(h.state().zoom(), 1.1);
    assert_eq!(h.ctx.zoom_factor(), 1.1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.2);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Zoom: 120%");
    // The accessible name carries the shortcut: "Reset zoom Ctrl+0".
    h.get_by_label_contains("Reset zoom").click();
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.0);

    for _ in 0..8 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
        h.run();
    }
    assert_eq!(h.state().zoom(), zoom::MIN_ZOOM);
    assert_eq!(h.ctx.zoom_factor(), zoom::MIN_ZOOM);

    for _ in 0..30 {
        h.state_mut().push(Command::ZoomIn);
    }
    h.run();
    assert_eq!(h.state().zoom(), zoom::MAX_ZOOM);
    assert_eq!(h.ctx.zoom_factor(), zoom::MAX_ZOOM);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Zoom: 300%");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.0);
}

#[test]
fn preferences_from_an_earlier_session_reach_the_window_and_come_back() {
    let file = scenario_file("remembered.ron", "Remembered scenario");
    let mut recent_files = recent::RecentFiles::default();
    recent_files.add(&file.path);
    let earlier = preferences::Preferences {
        recent_files,
        dark: true,
        zoom: 1.5,
    };
    let mut window = app();
    window.set_preferences(earlier.clone());
    let mut h = harness(window);
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.5);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert_eq!(h.state().preferences(), earlier);

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").click();
    h.run();
    h.get_by_label("remembered.ron").click();
    h.run();
    assert_eq!(h.state().scenario().name, "Remembered scenario");

    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Light theme").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    let now = h.state().preferences();
    assert!(!now.dark);
    assert_eq!(now.zoom, 1.4);
    // What is saved reads back the same.
    let text = now.to_ron().unwrap();
    assert_eq!(preferences::Preferences::load_or_default(Some(&text)), now);
}
