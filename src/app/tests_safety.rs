//! UI tests of "nothing lost, nothing crashes": autosave and restore after a crash, a crash report
//! mentioned once, saving over a file changed on disk, a failed save, old and new format
//! versions, a run refused for memory, and a panic in a run's worker. Each test has a data folder
//! of its own; none touches a person's files.

use std::fs;
use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;

use super::dialogs::Modal;
use super::tests::{app, harness, temp_file, up_to_date, wait_for};
use super::*;
use crate::io::backup_path;

/// A data folder of its own, removed when the test ends.
struct DataFolder(PathBuf);

impl DataFolder {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("care-options-data-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        DataFolder(dir)
    }
}

impl Drop for DataFolder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A window using `data` as its data folder, as the eframe wrapper starts one.
fn app_in(data: &Path) -> CareOptionsApp {
    let mut a = app();
    a.use_data_folder(data.to_path_buf());
    a
}

fn autosave_files(app: &CareOptionsApp) -> Vec<PathBuf> {
    let folder = app.autosave_folder().unwrap();
    let mut files: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn edits_are_autosaved_after_half_a_minute_and_restored_after_a_crash() {
    let data = DataFolder::new("restore");
    let file = temp_file("autosaved.ron", crate::DEFAULT_SCENARIO);
    // Frames a second apart: half a minute passes in thirty frames.
    let mut h = egui_kittest::Harness::builder()
        .with_size([1500.0, 950.0])
        .with_step_dt(1.0)
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut CareOptionsApp| app.show(ui), app_in(&data.0));
    h.run();
    assert!(h.state().modal().is_none(), "nothing to restore at first");
    h.state_mut().open_path(&file.path);
    h.state_mut().scenario_mut().name = "Edited before the crash".to_string();
    h.state_mut().scenario_mut().horizon_years = 12;
    h.run();
    assert!(h.state().is_dirty());
    // Due half a minute after the change was seen, not before…
    let due = h.state().safety.due.expect("an autosave is due");
    assert!(due - h.state().now > recovery::AUTOSAVE_SECONDS - 10.0);
    while h.state().now < due - 1.0 {
        h.step();
        let files = autosave_files(h.state());
        assert!(
            files.is_empty(),
            "written at {} before it was due at {due} (now due {:?}): {files:?}",
            h.state().now,
            h.state().safety.due
        );
    }
    // …and then written, with no further edit.
    while h.state().now < due + 1.0 {
        h.step();
    }
    assert_eq!(autosave_files(h.state()).len(), 2, "scenario and metadata");

    // The process dies: no clean quit, no end_session. Dropping the app releases the session's
    // lock exactly as the operating system does for a killed process.
    drop(h);

    let mut h = harness(app_in(&data.0));
    h.run();
    let Some(Modal::Recover { items, crash, .. }) = h.state().modal().cloned() else {
        panic!("no offer to restore: {:?}", h.state().modal());
    };
    assert!(crash.is_none());
    assert_eq!(items.len(), 1);
    assert!(items[0].contains("Edited before the crash"), "{}", items[0]);
    assert!(
        items[0].contains(&format!("from {}", file.path.display())),
        "{}",
        items[0]
    );
    assert!(items[0].contains("saved automatically"), "{}", items[0]);
    h.get_by_label("Restore unsaved changes?");
    // The keyboard is on Restore, the choice that loses nothing: Enter restores.
    h.key_press(egui::Key::Enter);
    h.run();
    let restored = h.state();
    assert_eq!(restored.scenario().name, "Edited before the crash");
    assert_eq!(restored.scenario().horizon_years, 12);
    assert!(
        restored.is_dirty(),
        "restored changes are unsaved until saved"
    );
    assert_eq!(
        restored.tabs()[restored.active_index()].doc().path.as_ref(),
        Some(&file.path)
    );
    assert_eq!(
        restored.tabs().len(),
        1,
        "in place of the untouched default"
    );
    // Safe again at once in this session; the earlier session's copy is gone.
    assert_eq!(autosave_files(h.state()).len(), 2);
    drop(h);
    let h = harness(app_in(&data.0));
    // The second session's autosave of the restored tab is offered now, not the first's.
    let Some(Modal::Recover { items, .. }) = h.state().modal().cloned() else {
        panic!("the restored tab's autosave should be offered");
    };
    assert_eq!(items.len(), 1);
}

#[test]
fn declining_the_offer_discards_the_autosaves() {
    let data = DataFolder::new("discard");
    let mut h = harness(app_in(&data.0));
    h.state_mut().scenario_mut().name = "Never saved".to_string();
    h.run();
    h.state_mut().autosave_now();
    drop(h);
    let mut h = harness(app_in(&data.0));
    h.run();
    let Some(Modal::Recover { items, .. }) = h.state().modal().cloned() else {
        panic!("no offer to restore");
    };
    assert!(items[0].contains("never saved to a file"), "{}", items[0]);
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert_ne!(h.state().scenario().name, "Never saved");
    drop(h);
    let h = harness(app_in(&data.0));
    assert!(h.state().modal().is_none(), "declined means gone");
}

#[test]
fn a_clean_save_and_a_clean_quit_remove_the_autosave() {
    let data = DataFolder::new("clean");
    let file = temp_file("clean.ron", crate::DEFAULT_SCENARIO);
    let mut h = harness(app_in(&data.0));
    h.state_mut().open_path(&file.path);
    h.state_mut().scenario_mut().name = "Changed".to_string();
    h.run();
    h.state_mut().autosave_now();
    assert_eq!(autosave_files(h.state()).len(), 2);
    h.state_mut().push(Command::Save);
    h.run();
    assert!(!h.state().is_dirty());
    assert!(
        autosave_files(h.state()).is_empty(),
        "saved: nothing to keep"
    );

    h.state_mut().scenario_mut().name = "Changed again".to_string();
    h.run();
    h.state_mut().autosave_now();
    let folder = h.state().autosave_folder().unwrap();
    assert!(folder.exists());
    // The eframe wrapper calls this on a clean close (changes saved or discarded by choice).
    h.state_mut().end_session();
    assert!(!folder.exists());
    drop(h);
    let h = harness(app_in(&data.0));
    assert!(h.state().modal().is_none());
}

#[test]
fn a_crash_report_is_mentioned_once_with_its_path() {
    use crate::io::crash_log::{CrashReport, write_crash_log};
    let data = DataFolder::new("crash");
    let log = write_crash_log(
        &data.0,
        &CrashReport {
            time: std::time::SystemTime::now(),
            program_version: env!("CARGO_PKG_VERSION").to_string(),
            thread: "main".to_string(),
            message: "a bug".to_string(),
            location: "src/app/mod.rs:1:1".to_string(),
            backtrace: String::new(),
        },
    )
    .unwrap();
    let mut h = harness(app_in(&data.0));
    h.run();
    let Some(Modal::Message { title, text }) = h.state().modal().cloned() else {
        panic!("no mention of the crash");
    };
    assert!(title.contains("stopped unexpectedly"));
    assert!(text.contains(&log.display().to_string()), "{text}");
    h.get_by_label("OK").click();
    h.run();
    drop(h);
    let h = harness(app_in(&data.0));
    assert!(h.state().modal().is_none(), "mentioned once only");
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let file = temp_file("shared.ron", crate::DEFAULT_SCENARIO);
    let mut h = harness(app());
    h.state_mut().open_path(&file.path);
    h.state_mut().scenario_mut().name = "My version".to_string();
    h.run();
    // No run under way: its Cancel button would share the dialog's label.
    wait_for(&mut h, "the preview", up_to_date);
    // A colleague saves their version over the shared file meanwhile.
    let theirs = crate::DEFAULT_SCENARIO.replace("Example unitary council", "Their council");
    fs::write(&file.path, &theirs).unwrap();

    h.state_mut().push(Command::Save);
    h.run();
    assert!(
        matches!(h.state().modal(), Some(Modal::ChangedOnDisk { .. })),
        "{:?}",
        h.state().modal()
    );
    h.get_by_label("The file changed on disk");
    assert_eq!(
        fs::read_to_string(&file.path).unwrap(),
        theirs,
        "not overwritten"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().is_dirty());
    assert_eq!(fs::read_to_string(&file.path).unwrap(), theirs);

    h.state_mut().push(Command::Save);
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    assert!(!h.state().is_dirty());
    assert!(
        fs::read_to_string(&file.path)
            .unwrap()
            .contains("My version")
    );
    assert_eq!(
        fs::read_to_string(backup_path(&file.path)).unwrap(),
        theirs,
        "their version is kept as .bak"
    );
    // Saved by this window now: the next save does not ask.
    h.state_mut().scenario_mut().name = "My version, later".to_string();
    h.run();
    h.state_mut().push(Command::Save);
    h.run();
    assert!(h.state().modal().is_none());
    assert!(!h.state().is_dirty());
}

#[test]
fn a_failed_save_keeps_the_file_and_the_edits_and_says_why() {
    let file = temp_file("blocked.ron", crate::DEFAULT_SCENARIO);
    let mut h = harness(app());
    h.state_mut().open_path(&file.path);
    h.state_mut().scenario_mut().name = "Edits to keep".to_string();
    h.run();
    // Something in the way of the save's temporary file: fails for any user, root included.
    fs::create_dir(crate::io::save::temp_path(&file.path)).unwrap();
    h.state_mut().push(Command::Save);
    h.run();
    let Some(Modal::Message { title, text }) = h.state().modal().cloned() else {
        panic!("the failure was not shown: {:?}", h.state().modal());
    };
    assert_eq!(title, "The scenario was not saved");
    assert!(text.contains(&file.path.display().to_string()), "{text}");
    assert!(
        text.contains("unchanged") && text.contains("Save As"),
        "{text}"
    );
    assert!(text.contains("still here in the window"), "{text}");
    assert_eq!(
        fs::read_to_string(&file.path).unwrap(),
        crate::DEFAULT_SCENARIO
    );
    assert!(h.state().is_dirty());
    assert_eq!(h.state().scenario().name, "Edits to keep");
}

#[test]
fn an_old_format_file_opens_upgraded_and_a_newer_one_names_the_program_needed() {
    let v1 = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron"),
    )
    .unwrap();
    let old = temp_file("old.ron", &v1);
    let mut h = harness(app());
    h.state_mut().open_path(&old.path);
    h.run();
    h.get_by_label_contains("a format-version-1 file from an older Care Options");
    h.get_by_label_contains("Saving writes format version 1");

    let newer = temp_file(
        "newer.ron",
        &v1.replace(
            "format_version: 1,",
            "format_version: 3,\n    colour: \"teal\",",
        ),
    );
    h.state_mut().open_path(&newer.path);
    h.run();
    let Some(Modal::LoadProblems(problems)) = h.state().modal().cloned() else {
        panic!("a newer file must be refused with a message");
    };
    assert!(
        problems.problems[0].contains("written by a newer Care Options"),
        "{:?}",
        problems.problems
    );
    h.get_by_label_contains("written by a newer Care Options");
}

#[test]
fn a_run_too_large_for_the_memory_is_refused_with_the_estimate() {
    let mut a = app();
    a.safety.available_memory = || Some(100_000_000);
    let mut h = harness(a);
    // The 2,000-iteration preview fits in 100 MB; a million iterations do not.
    wait_for(&mut h, "the first preview", up_to_date);
    h.state_mut().scenario_mut().simulation.iterations = 1_000_000;
    h.run();
    wait_for(&mut h, "the preview of the edit", up_to_date);
    h.state_mut().push(Command::RunFull);
    h.run();
    assert!(!h.state().is_running());
    h.get_by_label_contains("Full run not started: a run of 1,000,000 iterations");
    h.get_by_label_contains("of memory, but this computer has 100 MB available");
}

#[test]
fn a_panic_in_a_run_is_shown_and_the_window_carries_on() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    let before = h.state().shown().unwrap().results.iterations;
    let active = h.state().active_index();
    h.state_mut().tabs[active].runner.panic_next_run = true;
    h.state_mut().push(Command::RunFull);
    h.run();
    wait_for(&mut h, "the failed run", |a| !a.is_running());
    h.get_by_label_contains("an internal error in Care Options stopped it");
    h.get_by_label_contains("a test asked the run to panic");
    // The results shown are those of before, and the next run works.
    assert_eq!(h.state().shown().unwrap().results.iterations, before);
    h.state_mut().push(Command::RunFull);
    h.run();
    wait_for(&mut h, "the full run", |a| {
        !a.is_running() && a.shown().is_some_and(|f| f.kind == runner::RunKind::Full)
    });
}
