//! The window on a council laptop's 1366×768 screen and on a 1920×1080 one: the whole summary
//! table, a whole chart with its axes and every option of the default scenario are on screen at
//! once, without scrolling.

use egui::{Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{app, up_to_date, wait_for};
use crate::app::CareOptionsApp;
use crate::present::summary_table;

/// How far a widget may reach past an edge (anti-aliasing, rounding).
const SLACK: f32 = 1.0;

pub(super) fn harness_at(size: Vec2) -> Harness<'static, CareOptionsApp> {
    Harness::builder()
        .with_size(size)
        .with_step_dt(0.05)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut CareOptionsApp| app.show(ui), app())
}

fn inside(outer: Rect, inner: Rect) -> bool {
    outer.expand(SLACK).contains_rect(inner)
}

fn everything_fits(size: Vec2) {
    let mut h = harness_at(size);
    // With each option's switching-value sentence under the summary, as the window shows them;
    // few iterations, so that the runs behind the values are quick in a debug build.
    h.state_mut().switching_enabled = true;
    h.state_mut().scenario_mut().simulation.iterations = 40;
    wait_for(&mut h, "the first preview", up_to_date);
    wait_for(&mut h, "the switching values", |a| {
        a.shown()
            .is_some_and(|f| f.results.switching_values.is_some())
    });
    // Headings are measured on the frame they are first drawn: let the layout settle.
    for _ in 0..3 {
        h.run();
    }
    let screen = Rect::from_min_size(egui::Pos2::ZERO, size);
    let editor = h.state().editor_rect().unwrap();
    assert!(inside(screen, editor), "editor {editor:?} on {size:?}");
    let results = Rect::from_min_max(egui::pos2(editor.right(), 0.0), screen.max);

    // Every option's column, its name box whole inside the editor.
    for i in 1..=3 {
        let name = h.get_by_label(&format!("Option {i} name")).rect();
        assert!(
            inside(editor, name),
            "option {i}'s column {name:?} is outside the editor {editor:?} on {size:?}"
        );
    }

    // The simulation error of the figures on show, whole in the status bar.
    let error = h.get_by_label_contains("Simulation error (95%): ±£").rect();
    assert!(
        inside(screen, error),
        "simulation error {error:?} on {size:?}"
    );

    // The whole summary table: every heading and every figure of every row within the panel.
    let shown = h.state().shown().unwrap();
    let rows = summary_table::rows(&shown.results);
    let mut labels: Vec<String> = summary_table::COLUMNS
        .iter()
        .map(|c| c.narrow_title.to_string())
        .collect();
    for row in &rows {
        labels.push(row.name.clone());
        labels.extend(row.cells.iter().map(|c| c.text.clone()));
    }
    for label in &labels {
        // The table is the first thing in the results with its labels (charts come below it).
        let first = h
            .get_all_by_label(label)
            .map(|n| n.rect())
            .filter(|r| r.left() >= results.left())
            .min_by(|a, b| a.top().total_cmp(&b.top()));
        let rect = first.unwrap_or_else(|| panic!("{label:?} is not in the results"));
        assert!(
            inside(results, rect),
            "{label:?} at {rect:?} is outside the results {results:?} on {size:?}"
        );
    }

    // At least one chart, heading and axes included, whole on screen without scrolling.
    let (charts, viewport) = h.state().drawn_charts();
    let viewport = viewport.unwrap();
    assert!(inside(screen, viewport));
    assert!(
        charts.iter().any(|(_, rect)| inside(viewport, *rect)),
        "no chart is whole on screen {size:?}: viewport {viewport:?}, charts {charts:?}"
    );
}

#[test]
fn on_a_1366_by_768_laptop_the_table_a_chart_and_every_option_fit() {
    everything_fits(egui::vec2(1366.0, 768.0));
}

#[test]
fn on_a_1920_by_1080_screen_the_table_a_chart_and_every_option_fit() {
    everything_fits(egui::vec2(1920.0, 1080.0));
}

#[test]
fn with_more_options_than_fit_the_row_names_stay_while_the_options_scroll() {
    let size = egui::vec2(1366.0, 768.0);
    let mut h = harness_at(size);
    h.run();
    let extra = h.state().scenario().options[2].clone();
    for k in 4..=6 {
        let mut option = extra.clone();
        option.name = format!("Extra option {k}");
        h.state_mut().scenario_mut().options.push(option);
    }
    h.run();
    h.run();
    let editor = h.state().editor_rect().unwrap();
    let kind = h.get_by_label("Kind").rect();
    let first = h.get_by_label("Option 1 name").rect();
    let last = h.get_by_label("Option 6 name").rect();
    assert!(inside(editor, first));
    assert!(
        last.right() > editor.right(),
        "six options do not fit: {last:?}"
    );

    let active = h.state().active;
    let scroll = &mut h.state_mut().tabs[active].editor.options_scroll;
    scroll.offset = scroll.content_width - scroll.view_width;
    h.run();
    h.run();
    assert_eq!(
        h.get_by_label("Kind").rect(),
        kind,
        "the row names stay put"
    );
    let last = h.get_by_label("Option 6 name").rect();
    assert!(
        inside(editor, last),
        "scrolled to the end, the last option {last:?} is within the editor {editor:?}"
    );
    assert!(h.get_by_label("Option 1 name").rect().left() < first.left());
}

#[test]
fn at_1366_each_shape_by_its_plain_name_stays_in_its_own_column() {
    use crate::model::Dist;
    let mut h = harness_at(egui::vec2(1366.0, 768.0));
    h.run();
    // The longest plain names in the narrow columns ("Smooth peak", "Fixed value", "Skewed
    // up"), the last with its values named "Average" and "Spread (SD)".
    let options = &mut h.state_mut().scenario_mut().options;
    options[1].annual_turnover = Dist::Fixed(0.14);
    options[2].annual_turnover = Dist::LogNormal {
        mean: 0.14,
        sd: 0.03,
    };
    h.run();
    h.run();
    let editor = h.state().editor_rect().unwrap();
    // The option name boxes sit one column apart: so do the cells of a row whose every cell
    // keeps within its column.
    let name = |i: usize| h.get_by_label(&format!("Option {i} name")).rect();
    let pitch = name(2).left() - name(1).left();
    let field = |option: &str, part: &str| {
        h.get_by_label(&format!("{option}: Annual staff turnover — {part}"))
            .rect()
    };
    let shapes = [
        field("In-house", "shape"),
        field("Children's trust", "shape"),
        field("Community interest company", "shape"),
    ];
    let last_boxes = [
        field("In-house", "High"),
        field("Children's trust", "Value"),
        field("Community interest company", "Spread (SD)"),
    ];
    for i in 0..3 {
        let left = shapes[0].left() + pitch * i as f32;
        assert!(
            (shapes[i].left() - left).abs() <= SLACK,
            "option {}'s cell starts at {:?}, not at its column's {left}",
            i + 1,
            shapes[i]
        );
        // Within the column: up to the next one (less the gap between them).
        let right = left + pitch;
        for rect in [shapes[i], last_boxes[i]] {
            assert!(
                rect.right() <= right + SLACK && rect.right() <= editor.right() + SLACK,
                "option {}: {rect:?} reaches past its column's right edge {right}",
                i + 1
            );
        }
    }
}
