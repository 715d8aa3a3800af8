//! Presentation mode and exports from the window, driven headless with egui_kittest.

use std::time::{Duration, Instant};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use super::{app, harness, temp_file, up_to_date, wait_for};
use crate::app::command::{ChartFormat, Export};
use crate::app::panels::presentation::{Slide, slides};
use crate::app::*;
use crate::present::chart_data::ChartKind;

/// Longest a test waits for an export (debug builds draw ten charts slowly).
const EXPORT_TIMEOUT: Duration = Duration::from_secs(120);

fn slide(h: &Harness<'static, CareOptionsApp>) -> Option<usize> {
    h.state().presentation().map(|p| p.slide_index())
}

fn press(h: &mut Harness<'static, CareOptionsApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// Waits until no export is under way.
fn wait_for_export(h: &mut Harness<'static, CareOptionsApp>) {
    let start = Instant::now();
    while h.state().exporter.is_busy() {
        assert!(start.elapsed() < EXPORT_TIMEOUT, "timed out exporting");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run();
}

fn message(h: &Harness<'static, CareOptionsApp>) -> String {
    h.state().message.clone().unwrap_or_default()
}

#[test]
fn f5_presents_arrows_move_and_esc_puts_the_view_back() {
    let mut a = app();
    a.set_preferences(preferences::Preferences {
        dark: true,
        zoom: 1.25,
        ..preferences::Preferences::default()
    });
    let mut h = harness(a);
    wait_for(&mut h, "the first preview", up_to_date);
    let light_before = h.ctx.style_of(egui::Theme::Light);
    assert_eq!(h.ctx.zoom_factor(), 1.25);

    press(&mut h, Key::F5);
    assert_eq!(slide(&h), Some(0));
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    assert_eq!(
        h.ctx
            .style_of(egui::Theme::Light)
            .visuals
            .override_text_color,
        Some(egui::Color32::BLACK),
        "high-contrast text"
    );
    // The agenda, the headlines, the table, four charts, then each of three options' sensitivity and key
    // assumptions.
    h.get_by_label_contains("1 / 13");
    // The editor is gone: only the slide is drawn.
    assert!(h.query_by_label("Run full (10,000 iterations)").is_none());

    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::ArrowRight);
    assert_eq!(slide(&h), Some(2));
    press(&mut h, Key::PageDown);
    assert_eq!(slide(&h), Some(3));
    press(&mut h, Key::PageUp);
    press(&mut h, Key::ArrowLeft);
    assert_eq!(slide(&h), Some(1));
    press(&mut h, Key::End);
    assert_eq!(slide(&h), Some(12));
    press(&mut h, Key::ArrowRight);
    assert_eq!(slide(&h), Some(12), "stops at the last slide");
    press(&mut h, Key::Home);
    press(&mut h, Key::ArrowLeft);
    assert_eq!(slide(&h), Some(0), "stops at the first slide");

    press(&mut h, Key::Escape);
    assert!(h.state().presentation().is_none());
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert_eq!(h.ctx.zoom_factor(), 1.25);
    assert_eq!(h.ctx.style_of(egui::Theme::Light), light_before);
    h.get_by_label("Run full (10,000 iterations)");

    // F5 leaves as well as enters.
    press(&mut h, Key::F5);
    assert_eq!(slide(&h), Some(0));
    press(&mut h, Key::F5);
    assert!(h.state().presentation().is_none());
}

#[test]
fn every_slide_shows_its_headline_and_the_stamp() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.state_mut().push(Command::Present);
    h.run();
    // Without switching values (off in tests unless asked for): no switching slides.
    let all = slides(h.state().shown().map(|f| &f.results));
    assert_eq!(all.len(), 13);
    for (k, s) in all.iter().enumerate() {
        assert_eq!(slide(&h), Some(k));
        // The stamp: scenario, an unsaved scenario's hash, iterations and seed.
        h.get_by_label_contains("unsaved scenario, SHA-256 of its RON");
        h.get_by_label_contains(&format!(
            "2,000 iterations · seed {}",
            default_scenario_file().simulation.seed
        ));
        // A preview says so on every slide, and offers the full run.
        h.get_by_label_contains("Preview: 2,000 simulated futures");
        h.get_by_label("Run the full 10,000 now");
        let expected = match s {
            Slide::Agenda => "3. Summary table".to_string(),
            Slide::Summary => "of simulated futures".to_string(),
            Slide::Table => "P(cheaper".to_string(),
            Slide::Chart(ChartKind::NpcDistribution) => {
                "Median net present cost over 10 years".into()
            }
            Slide::Chart(ChartKind::Difference) => "than in-house in".into(),
            Slide::Chart(ChartKind::AnnualCost) => "the median annual cost is".into(),
            Slide::Chart(ChartKind::Quality) => "Chance that quality falls below 60".into(),
            Slide::Sensitivity(0) => "What moves in-house's net present cost".into(),
            Slide::Sensitivity(1) => "What moves the children's trust's cost".into(),
            Slide::Sensitivity(_) => "What moves the community interest company's cost".into(),
            Slide::Assumptions(_) => "Key assumptions: the 5 inputs".into(),
            Slide::Chart(other) => panic!("no slide expected for {other:?}"),
            Slide::Switching(_) => panic!("no switching slide without switching values"),
        };
        assert!(
            h.query_all_by_label_contains(&expected).next().is_some(),
            "slide {k}: no \"{expected}\""
        );
        press(&mut h, Key::ArrowRight);
    }
}

#[test]
fn file_export_writes_the_report_charts_csvs_and_workbook() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    let out = temp_file("window-export.txt", "");
    let dir = out.path.parent().unwrap().to_path_buf();

    // With dialogs off, the menu item says so and offers a typed path in the documents folder.
    h.state_mut().push(Command::Export(Export::Report));
    h.run();
    assert!(
        message(&h).contains("File dialogs are off"),
        "{}",
        message(&h)
    );
    match h.state().modal() {
        Some(Modal::ExportPath {
            export: Export::Report,
            text,
            ..
        }) => {
            let offered = std::path::Path::new(text);
            assert!(text.ends_with("-report.html"), "{text}");
            assert_eq!(
                offered.parent(),
                crate::app::files::default_export_folder().as_deref(),
                "{text}"
            );
        }
        other => panic!("no typed path offered: {other:?}"),
    }
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().modal().is_none());

    let report = dir.join("report");
    h.state_mut()
        .push(Command::ExportTo(Export::Report, report.clone()));
    h.run();
    wait_for_export(&mut h);
    let report = report.with_extension("html");
    assert!(
        message(&h).starts_with("Report written to"),
        "{}",
        message(&h)
    );
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<section id=\"assumptions\">"));
    assert!(html.contains("unsaved scenario, SHA-256 of its RON"));

    let charts = dir.join("charts");
    h.state_mut()
        .push(Command::ExportTo(Export::Charts, charts.clone()));
    h.run();
    wait_for_export(&mut h);
    // Every chart the results show (the budget risk chart too, where a contract runs).
    let pngs = std::fs::read_dir(&charts)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("png".as_ref()))
        .count();
    assert!(pngs >= 10, "{pngs} charts");
    assert!(
        message(&h).contains(&format!("{pngs} charts written")),
        "{}",
        message(&h)
    );
    for stem in [
        "annual-cost",
        "sensitivity-childrens-trust",
        "cost-vs-quality",
        "budget-risk",
    ] {
        let png = std::fs::read(charts.join(format!("{stem}.png"))).unwrap();
        assert_eq!(image::load_from_memory(&png).unwrap().width(), 1600);
        assert!(charts.join(format!("{stem}.svg")).is_file());
    }

    let csv = dir.join("figures.csv");
    h.state_mut().push(Command::ExportTo(
        Export::Csv { iterations: true },
        csv.clone(),
    ));
    h.run();
    wait_for_export(&mut h);
    let years = std::fs::read_to_string(&csv).unwrap();
    // A header and one row per option and year.
    assert_eq!(years.lines().count(), 1 + 3 * 10);
    let each = std::fs::read_to_string(dir.join("figures-iterations.csv")).unwrap();
    assert_eq!(
        each.lines().count(),
        1 + 2_000,
        "one row per preview iteration"
    );

    // The Excel workbook: a name without an extension gets `.xlsx`.
    h.state_mut()
        .push(Command::ExportTo(Export::Workbook, dir.join("figures")));
    h.run();
    wait_for_export(&mut h);
    let xlsx = dir.join("figures.xlsx");
    assert!(
        message(&h).starts_with("Workbook written to"),
        "{}",
        message(&h)
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    let svg = dir.join("quality.svg");
    h.state_mut().push(Command::ExportTo(
        Export::Chart(ChartKind::Quality, ChartFormat::Svg),
        svg.clone(),
    ));
    h.run();
    wait_for_export(&mut h);
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
}

#[test]
fn copy_image_puts_the_exported_chart_on_the_clipboard() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    // Each chart has its own Export menu with Copy image.
    h.get_all_by_label("Export").next().unwrap().click();
    h.run();
    h.get_by_label("Copy image").click();
    // Step frame by frame from the click: the copy command is in one frame's output only, and a
    // quick export could finish within the frames a `run()` would step past.
    let start = Instant::now();
    let mut copied = None;
    while copied.is_none() {
        assert!(start.elapsed() < EXPORT_TIMEOUT, "timed out copying");
        h.step();
        copied = h
            .output()
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                egui::OutputCommand::CopyImage(image) => Some(image.size),
                _ => None,
            });
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(copied, Some([1600, 1000]));
    h.run();
    assert!(
        message(&h).starts_with("Copied \"Annual cost\""),
        "{}",
        message(&h)
    );
}

#[test]
fn slides_set_body_text_at_least_24_pixels_on_a_1080_pixel_screen() {
    let mut h = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_pixels_per_point(1.0)
        .with_step_dt(0.05)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut CareOptionsApp| app.show(ui), app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.state_mut().push(Command::Present);
    h.run();
    let body_points = egui::TextStyle::Body
        .resolve(&h.ctx.style_of(egui::Theme::Light))
        .size;
    let pixels = body_points * h.ctx.pixels_per_point();
    assert!(pixels >= 24.0, "body text is {pixels} px");
    let small = egui::TextStyle::Small
        .resolve(&h.ctx.style_of(egui::Theme::Light))
        .size
        * h.ctx.pixels_per_point();
    assert!(small >= 16.0, "the stamp's small type is {small} px");
}

#[test]
fn a_saved_file_is_stamped_with_its_name_and_the_hash_of_its_bytes() {
    let text = crate::io::scenario_to_ron(&default_scenario_file()).unwrap();
    let file = temp_file("colleague.ron", &text);
    let mut h = harness(app());
    h.state_mut().push(Command::OpenPath(file.path.clone()));
    h.run();
    wait_for(&mut h, "the file to open", |a| !a.is_opening());
    wait_for(&mut h, "the preview of the opened file", up_to_date);
    let report = file.path.with_file_name("stamped.html");
    h.state_mut()
        .push(Command::ExportTo(Export::Report, report.clone()));
    h.run();
    wait_for_export(&mut h);
    let html = std::fs::read_to_string(&report).unwrap();
    let hash = crate::present::stamp::short_hash(crate::io::content_hash(text.as_bytes()));
    assert!(
        html.contains(&format!("colleague.ron, SHA-256 {hash}")),
        "no file stamp in the report"
    );
}

#[test]
fn an_export_dialog_closed_without_a_file_says_nothing_was_exported_and_how_else() {
    let export = DialogPurpose::Export {
        tab: crate::app::tab::TabId(1),
        export: Export::Report,
    };
    let said = crate::app::open_save::no_file_chosen(&export);
    assert!(said.contains("nothing was exported"), "{said}");
    assert!(said.contains("care-options report"), "{said}");
    assert!(!said.contains("Type a path"), "{said}");
    let said = crate::app::open_save::no_file_chosen(&DialogPurpose::Open);
    assert!(said.contains("Type a path"), "{said}");
}

#[test]
fn a_typed_path_exports_into_a_new_folder_and_offers_to_open_it() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    let out = temp_file("typed-export.txt", "");
    let report = out.path.with_file_name("new folder").join("cabinet.html");

    // File > Export to a typed path > Report…, then the path typed over the one offered.
    h.state_mut().push(Command::ShowExportPath(Export::Report));
    h.run();
    assert!(matches!(
        h.state().modal(),
        Some(Modal::ExportPath {
            export: Export::Report,
            ..
        })
    ));
    let path_box = h.get_by_label("Path");
    path_box.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&report.display().to_string());
    h.run();
    h.get_by_label("Export here").click();
    h.run();
    wait_for_export(&mut h);
    assert!(
        message(&h).starts_with("Report written to"),
        "{}",
        message(&h)
    );
    assert!(std::fs::read_to_string(&report).unwrap().contains("<html"));

    // The status bar offers the file and its folder; opening is off in tests and says where.
    h.get_by_label("Open").click();
    h.run();
    assert!(message(&h).contains("cabinet.html"), "{}", message(&h));
    h.get_by_label("Show in folder").click();
    h.run();
    assert!(message(&h).ends_with("new folder"), "{}", message(&h));
}

/// Every slide, with long option names, on a screen of `size`: no label reaches past its edges.
/// With switching values, so that each option's switching slide is among them.
fn no_slide_is_cut_off(size: egui::Vec2) {
    let mut h = super::layout::harness_at(size);
    // Few iterations, so that the runs behind the switching values are quick in a debug build.
    h.state_mut().switching_enabled = true;
    h.state_mut().scenario_mut().simulation.iterations = 40;
    wait_for(&mut h, "the first preview", up_to_date);
    let long = [
        "In-house children's services, with the improvement partner's practice model",
        "Independent children's services trust for the combined authority area",
        "Council-owned community interest company delivering children's social care",
    ];
    for (i, name) in long.iter().enumerate() {
        h.state_mut()
            .push(Command::RenameOption(i, (*name).to_string()));
        h.run();
    }
    wait_for(&mut h, "the preview with long names", up_to_date);
    wait_for(&mut h, "the switching values", |a| {
        a.shown()
            .is_some_and(|f| f.results.switching_values.is_some())
    });
    h.state_mut().push(Command::Present);
    h.run();
    let all = slides(h.state().shown().map(|f| &f.results));
    let switching: Vec<usize> = (0..all.len())
        .filter(|k| matches!(all[*k], Slide::Switching(_)))
        .collect();
    assert_eq!(switching.len(), 2, "one for each option but the baseline");
    for k in 0..all.len() {
        assert_eq!(slide(&h), Some(k));
        h.run();
        if switching.contains(&k) {
            // The option's switching sentence leads, over the table of its most fragile inputs.
            h.get_by_label_contains("the file assumes");
            h.get_by_label("Breaks even (mean difference 0)");
        }
        let screen = h.ctx.content_rect().expand(1.0);
        for role in [egui::accesskit::Role::Label, egui::accesskit::Role::Button] {
            for node in h.query_all_by_role(role) {
                let rect = node.rect();
                assert!(
                    screen.contains_rect(rect),
                    "slide {} at {size:?}: {:?} at {rect:?} reaches past the screen {screen:?}",
                    k + 1,
                    node.accesskit_node().label()
                );
            }
        }
        press(&mut h, Key::ArrowRight);
    }
}

#[test]
fn with_long_names_nothing_is_cut_off_any_slide_at_1366_by_768() {
    no_slide_is_cut_off(egui::vec2(1366.0, 768.0));
}

#[test]
fn with_long_names_nothing_is_cut_off_any_slide_at_1920_by_1080() {
    no_slide_is_cut_off(egui::vec2(1920.0, 1080.0));
}
