//! UI tests of "nothing lost, nothing crashes": autosave and restore after a crash, a crash report
//! mentioned once, saving over a file changed on disk, a failed save, old and new format
//! versions, a run refused for memory, and a panic in a run's worker. Each test has a data folder
//! of its own; none touches a person's files.

use std::fs;
use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;

use super::{app, harness, temp_file, up_to_date, wait_for};
use crate::app::clock::Clock;
use crate::app::panels::dialogs::Modal;
use crate::app::*;
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
    let (clock, hand) = Clock::manual();
    let mut window = app_in(&data.0);
    window.safety.clock = clock.clone();
    // A frame a second: half a minute passes in thirty frames.
    let mut h = egui_kittest::Harness::builder()
        .with_size([1500.0, 950.0])
        .with_step_dt(1.0)
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut CareOptionsApp| app.show(ui), window);
    h.run();
    assert!(h.state().modal().is_none(), "nothing to restore at first");
    h.state_mut().open_path_now(&file.path);
    h.state_mut().scenario_mut().name = "Edited before the crash".to_string();
    h.state_mut().scenario_mut().horizon_years = 12;
    h.run();
    assert!(h.state().is_dirty());
    // Due half a minute after the change was seen, not before…
    let due = h.state().safety.due.expect("an autosave is due");
    assert!(due - clock.seconds() > recovery::AUTOSAVE_SECONDS - 10.0);
    while clock.seconds() < due - 1.0 {
        hand.advance(1.0);
        h.step();
        let files = autosave_files(h.state());
        assert!(
            files.is_empty(),
            "written at {} before it was due at {due} (now due {:?}): {files:?}",
            clock.seconds(),
            h.state().safety.due
        );
    }
    // …and then written, with no further edit.
    while clock.seconds() < due + 1.0 {
        hand.advance(1.0);
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

/// A window covered by another or minimised draws nothing: eframe runs no UI pass, egui's time
/// stands still, and only `App::logic` is called, through egui's `run_logic`, when the app asked
/// to be woken. The edit is still autosaved half a minute after it was made.
#[test]
fn a_covered_or_minimised_window_still_autosaves_after_half_a_minute() {
    use std::sync::{Arc, Mutex};
    let data = DataFolder::new("covered");
    let (clock, hand) = Clock::manual();
    let mut app = app_in(&data.0);
    app.safety.clock = clock.clone();
    let ctx = egui::Context::default();
    // The delays after which the app asked to be woken, as eframe hears them.
    let wakes: Arc<Mutex<Vec<f64>>> = Arc::default();
    let heard = wakes.clone();
    ctx.set_request_repaint_callback(move |info| {
        heard.lock().unwrap().push(info.delay.as_secs_f64());
    });
    // The last frame drawn before the window was covered: it has the edit.
    app.scenario_mut().name = "Edited, then covered".to_string();
    let mut frame = ctx.run_ui(egui::RawInput::default(), |ui| app.show(ui));
    // No renderer here to take the frame's textures.
    frame.textures_delta.clear();
    assert!(app.is_dirty());
    let passes = ctx.cumulative_pass_nr();
    let heard = |wakes: &Mutex<Vec<f64>>| wakes.lock().unwrap().drain(..).collect::<Vec<f64>>();

    // Covered from here on: no UI pass, 35 seconds of the window's clock. The frame asked for
    // more frames at once; eframe, finding the window covered, calls only `logic` for them.
    for _ in 0..3 {
        if heard(&wakes).iter().all(|d| *d == 0.0) {
            let _ = ctx.run_logic(&egui::RawInput::default(), |ctx| app.logic(ctx));
        }
    }
    let mut written_at = None;
    for second in 0..=35 {
        if second > 0 {
            hand.advance(1.0);
        }
        let _ = ctx.run_logic(&egui::RawInput::default(), |ctx| app.logic(ctx));
        let files = autosave_files(&app);
        match (files.is_empty(), written_at) {
            (true, _) => {
                assert!(second < 30, "no autosave {second} s after the edit");
                // Still waiting: it asks to be woken again when the autosave is due.
                let remaining = recovery::AUTOSAVE_SECONDS - f64::from(second);
                let asked = heard(&wakes);
                assert!(
                    asked.iter().any(|d| (d - remaining).abs() < 1.0),
                    "{second} s: asked to be woken after {asked:?}, {remaining} s before it is due"
                );
            }
            (false, None) => written_at = Some(second),
            (false, Some(_)) => {}
        }
    }
    assert_eq!(
        ctx.cumulative_pass_nr(),
        passes,
        "no UI pass ran while covered"
    );
    let at = written_at.expect("autosaved while covered");
    assert!((30..=31).contains(&at), "autosaved {at} s after the edit");
    let files = autosave_files(&app);
    assert_eq!(files.len(), 2, "scenario and metadata");
    let saved = fs::read_to_string(
        files
            .iter()
            .find(|p| !p.to_string_lossy().ends_with(".meta.ron"))
            .unwrap(),
    )
    .unwrap();
    assert!(saved.contains("Edited, then covered"));

    // Killed while covered: the next start offers the edit.
    drop(app);
    let next = app_in(&data.0);
    let Some(Modal::Recover { items, .. }) = next.modal() else {
        panic!("no offer to restore: {:?}", next.modal());
    };
    assert!(items[0].contains("Edited, then covered"), "{}", items[0]);
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
    h.state_mut().open_path_now(&file.path);
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
    use crate::app::crash::CrashReport;
    let data = DataFolder::new("crash");
    let log = CrashReport {
        time: std::time::SystemTime::now(),
        program_version: env!("CARGO_PKG_VERSION").to_string(),
        thread: "main".to_string(),
        message: "a bug".to_string(),
        location: "src/app/mod.rs:1:1".to_string(),
        backtrace: String::new(),
    }
    .write(&data.0)
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
    h.state_mut().open_path_now(&file.path);
    h.state_mut().scenario_mut().name = "My version".to_string();
    h.run();
    // No run under way: its Cancel button would share the dialog's label.
    wait_for(&mut h, "the preview", up_to_date);
    // A colleague saves their version over the shared file meanwhile.
    let theirs = crate::DEFAULT_SCENARIO.replace("An average English council", "Their council");
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
    h.state_mut().open_path_now(&file.path);
    h.state_mut().scenario_mut().name = "Edits to keep".to_string();
    h.run();
    // The disk is full: the save's temporary file cannot be written (for any user, root too).
    crate::io::save::fail_next_write(std::io::ErrorKind::StorageFull);
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
    h.state_mut().open_path_now(&old.path);
    h.run();
    h.get_by_label_contains("a format-version-1 file from an older Care Options");
    h.get_by_label_contains("Saving writes format version 1");

    let newer = temp_file(
        "newer.ron",
        &v1.replace(
            "format_version: 1,",
            "format_version: 4,\n    colour: \"teal\",",
        ),
    );
    h.state_mut().open_path_now(&newer.path);
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

#[test]
fn saving_under_the_name_of_another_file_asks_first_and_keeps_it_as_bak() {
    let theirs = temp_file("theirs.ron", "(their scenario)");
    let mut h = harness(app());
    h.state_mut().scenario_mut().name = "Mine".to_string();
    h.run();
    // No run under way: its Cancel button would share the dialog's label.
    wait_for(&mut h, "the preview", up_to_date);
    // File > Type a path… > Save here, naming a file that exists.
    h.state_mut().push(Command::SaveTo(theirs.path.clone()));
    h.run();
    assert!(
        matches!(h.state().modal(), Some(Modal::ReplaceOther { .. })),
        "{:?}",
        h.state().modal()
    );
    h.get_by_label("Replace theirs.ron?");
    h.get_by_label_contains("not the file this scenario was opened from");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        fs::read_to_string(&theirs.path).unwrap(),
        "(their scenario)"
    );
    assert!(h.state().is_dirty());

    h.state_mut().push(Command::SaveTo(theirs.path.clone()));
    h.run();
    h.get_by_label("Replace").click();
    h.run();
    assert!(!h.state().is_dirty());
    assert!(
        fs::read_to_string(&theirs.path)
            .unwrap()
            .contains("\"Mine\"")
    );
    assert_eq!(
        fs::read_to_string(backup_path(&theirs.path)).unwrap(),
        "(their scenario)"
    );
    // Its own file now: saving again does not ask.
    h.state_mut().scenario_mut().name = "Mine, later".to_string();
    h.run();
    h.state_mut().push(Command::SaveTo(theirs.path.clone()));
    h.run();
    assert!(h.state().modal().is_none());
    assert!(!h.state().is_dirty());
}

#[test]
fn a_file_is_read_off_the_windows_thread_and_opening_can_be_cancelled() {
    let file = temp_file("slow-drive.ron", crate::DEFAULT_SCENARIO);
    let mut h = harness(app());
    h.run();
    // As a drive that does not answer: the worker waits until the test lets it go.
    let (release, hold) = std::sync::mpsc::channel::<()>();
    h.state_mut().opening.hold_next = Some(hold);
    h.state_mut().push(Command::OpenPath(file.path.clone()));
    // The window keeps drawing (its spinner turning), and says what it is doing.
    for _ in 0..5 {
        h.step();
        assert!(h.state().is_opening());
    }
    h.get_by_label_contains("Opening slow-drive.ron");
    h.get_by_label("Cancel opening").click();
    h.run();
    assert!(!h.state().is_opening());
    h.get_by_label_contains("cancelled; nothing was opened");
    // The drive answers after all: nothing opens.
    drop(release);
    for _ in 0..10 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    assert_eq!(h.state().tabs().len(), 1);
    assert_ne!(h.state().tabs()[0].doc().path.as_ref(), Some(&file.path));

    // Opened when let go.
    let (release, hold) = std::sync::mpsc::channel::<()>();
    h.state_mut().opening.hold_next = Some(hold);
    h.state_mut().push(Command::OpenPath(file.path.clone()));
    h.step();
    assert!(h.state().is_opening());
    release.send(()).unwrap();
    wait_for(&mut h, "the file to be read", |a| !a.is_opening());
    assert_eq!(h.state().tabs()[0].doc().path.as_ref(), Some(&file.path));
}

// Shared with the benches; this test uses only part of it.
#[allow(dead_code)]
#[path = "../../../benches/support/hostile.rs"]
mod hostile;

#[test]
fn a_hostile_file_is_refused_with_every_problem_while_the_window_draws() {
    // A tenth of the benchmark's file (debug builds are slow): all on one line.
    const OPTIONS: usize = 1_000;
    let file = temp_file(
        "hostile.ron",
        &hostile::text_of(OPTIONS, hostile::BYTES / 10, true),
    );
    let mut h = harness(app());
    h.run();
    h.state_mut().push(Command::OpenPath(file.path.clone()));
    h.run();
    wait_for(&mut h, "the hostile file to be checked", |a| {
        !a.is_opening()
    });
    let Some(Modal::LoadProblems(problems)) = h.state().modal().cloned() else {
        panic!("the hostile file must be refused: {:?}", h.state().modal());
    };
    assert_eq!(problems.problems.len(), OPTIONS);
    assert!(
        problems.problems[OPTIONS - 1].starts_with("line 1, column "),
        "{}",
        problems.problems[OPTIONS - 1]
    );
    h.get_by_label_contains(&format!("{OPTIONS} problems found"));
    // Only the rows in view are laid out: a frame of the list is a frame like any other.
    h.step();
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().modal().is_none());
    assert_eq!(h.state().tabs().len(), 1);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_is_refused_by_name_without_waiting() {
    let mut h = harness(app());
    h.run();
    h.state_mut().open_path_now(Path::new("/dev/zero"));
    let Some(Modal::LoadProblems(problems)) = h.state().modal().cloned() else {
        panic!("/dev/zero must be refused");
    };
    assert!(
        problems.problems[0].contains("it is a device"),
        "{:?}",
        problems.problems
    );
}
