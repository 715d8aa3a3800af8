//! UI tests of what lasts beyond one file: File > Open Recent, zoom, dropping files on the window
//! and the preferences kept between sessions. None of them touches the real preferences store:
//! only the eframe wrapper does.

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use super::{TempFile, app, harness, temp_file, wait_for};
use crate::app::panels::dialogs::Modal;
use crate::app::*;

/// A copy of the default scenario under another name, in a file of its own.
fn scenario_file(file_name: &str, scenario_name: &str) -> TempFile {
    let text = crate::DEFAULT_SCENARIO.replace(
        "name: \"An average English council: three delivery options over ten years\"",
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
    // A new file: nothing there to ask about replacing.
    std::fs::remove_file(&saved.path).unwrap();
    h.state_mut().open_path_now(&first.path);
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
    wait_for(&mut h, "the file to be read", |a| !a.is_opening());
    assert_eq!(h.state().scenario().name, "First scenario");
    assert!(!h.state().is_dirty());
    assert_eq!(recent(h.state()), [first.path.clone(), saved.path.clone()]);
}

#[test]
fn open_recent_asks_about_unsaved_changes_and_greys_out_missing_files() {
    let mut h = harness(app());
    let kept = scenario_file("kept.ron", "Kept scenario");
    let gone = scenario_file("gone.ron", "Gone scenario");
    h.state_mut().open_path_now(&gone.path);
    h.state_mut().open_path_now(&kept.path);
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
    // The file is open in a tab already: that tab is shown, with its unsaved edit.
    assert!(h.state().modal().is_none());
    assert_eq!(h.state().tabs().len(), 2);
    assert_eq!(h.state().scenario().name, "Edited");
    h.get_by_label_contains("kept.ron is open already");

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
    h.state_mut().open_path_now(&file.path);
    h.run();
    h.state_mut().push(Command::CloseActiveTab);
    h.run();
    let before = h.state().scenario().clone();
    std::fs::write(&file.path, "(format_version: 1, name: oops)").unwrap();
    h.state_mut().push(Command::OpenPath(file.path.clone()));
    h.run();
    wait_for(&mut h, "the file to be read", |a| !a.is_opening());
    assert!(matches!(h.state().modal(), Some(Modal::LoadProblems(_))));
    h.get_by_label("This file could not be opened");
    assert_eq!(*h.state().scenario(), before);
    assert_eq!(
        h.state().tabs().len(),
        1,
        "a file that does not open opens no tab"
    );
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
        editor_share: Some(0.55),
    };
    let mut window = app();
    window.set_preferences(earlier.clone());
    let mut h = harness(window);
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.5);
    // The split as it was left: the editor's share of the width, whatever the window's size.
    let share = h.state().editor_rect().unwrap().width() / h.ctx.content_rect().width();
    assert!((share - 0.55).abs() < 0.01, "editor share {share}");
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert_eq!(h.state().preferences(), earlier);

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").click();
    h.run();
    h.get_by_label("remembered.ron").click();
    h.run();
    wait_for(&mut h, "the file to be read", |a| !a.is_opening());
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

/// A file as the native backend hands it over when it is dropped on the window.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops files on the window through the harness's raw input, as eframe does.
fn drop_files(h: &mut egui_kittest::Harness<'static, CareOptionsApp>, paths: &[&PathBuf]) {
    for path in paths {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(DroppedPath((*path).clone())));
    }
    h.run();
    wait_for(h, "the dropped files to be read", |a| !a.is_opening());
}

fn hover_files(h: &mut egui_kittest::Harness<'static, CareOptionsApp>, paths: &[&PathBuf]) {
    h.input_mut().hovered_files = paths
        .iter()
        .map(|p| egui::HoveredFile {
            path: Some((*p).clone()),
            mime: String::new(),
        })
        .collect();
    // egui redraws continuously while files hover, so the harness never settles: step instead.
    h.run_steps(2);
}

#[test]
fn a_dropped_ron_file_opens() {
    let mut h = harness(app());
    h.run();
    let file = scenario_file("dropped.ron", "Dropped scenario");
    drop_files(&mut h, &[&file.path]);
    assert!(h.state().modal().is_none());
    assert_eq!(h.state().scenario().name, "Dropped scenario");
    assert!(!h.state().is_dirty());
    assert_eq!(recent(h.state()), std::slice::from_ref(&file.path));
}

#[test]
fn dropped_ron_files_open_in_tabs_of_their_own_beside_unsaved_work() {
    let mut h = harness(app());
    h.state_mut().scenario_mut().name = "Unsaved work".to_string();
    h.run();
    let one = scenario_file("dropped-one.ron", "Dropped one");
    let two = scenario_file("dropped-two.ron", "Dropped two");
    drop_files(&mut h, &[&one.path, &two.path]);
    assert!(h.state().modal().is_none());
    let names: Vec<&str> = h
        .state()
        .tabs()
        .iter()
        .map(|t| t.doc().file.name.as_str())
        .collect();
    assert_eq!(names, ["Unsaved work", "Dropped one", "Dropped two"]);
    assert_eq!(h.state().scenario().name, "Dropped two");
    assert!(h.state().tabs()[0].doc().is_dirty());
}

#[test]
fn a_dropped_file_that_is_not_ron_is_refused_and_changes_nothing() {
    let mut h = harness(app());
    h.state_mut().scenario_mut().name = "Work in progress".to_string();
    h.run();
    let before = h.state().scenario().clone();
    // A scenario inside, but not a .ron file: refused by its type, never read.
    let text = temp_file("notes.txt", crate::DEFAULT_SCENARIO);
    drop_files(&mut h, &[&text.path]);
    assert!(matches!(h.state().modal(), Some(Modal::Message { .. })));
    h.get_by_label("Only .ron scenarios can be opened");
    h.get_by_label_contains("notes.txt is not a scenario file");
    assert_eq!(*h.state().scenario(), before);
    assert!(recent(h.state()).is_empty());
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().modal().is_none());

    // A scenario with a file that is not one: the drop is refused whole.
    let file = scenario_file("one-of-two.ron", "One of two");
    drop_files(&mut h, &[&file.path, &text.path]);
    h.get_by_label("Only .ron scenarios can be opened");
    h.get_by_label_contains("Nothing was opened from this drop");
    assert_eq!(*h.state().scenario(), before);
    assert_eq!(h.state().tabs().len(), 1);
}

#[test]
fn an_overlay_shows_while_a_file_is_dragged_over_the_window() {
    let mut h = harness(app());
    h.run();
    assert!(h.query_by_label_contains(drop::DROP_HINT).is_none());
    let file = PathBuf::from("/somewhere/scenario.ron");
    hover_files(&mut h, &[&file]);
    h.get_by_label(drop::DROP_HINT);
    let other = PathBuf::from("/somewhere/budget.xlsx");
    hover_files(&mut h, &[&other]);
    h.get_by_label_contains("budget.xlsx is not a .ron scenario");
    hover_files(&mut h, &[]);
    h.run();
    assert!(h.query_by_label_contains(drop::DROP_HINT).is_none());
}
