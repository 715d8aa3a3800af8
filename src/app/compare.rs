//! The compare view: two or more open scenarios, or pinned snapshots of earlier results, side by
//! side. A summary table with each option's cost in every scenario and its difference from the
//! first (A), the chance that the option costs less there than in A, each option's S-curves
//! overlaid, and the inputs that differ between A and each other scenario.
//!
//! Reads results only. The chance comes from [`crate::model::compare`], the inputs that differ
//! from [`crate::model::diff`]; options are matched across scenarios as the diff matches them.

use egui::{Color32, Grid, RichText, ScrollArea, Ui};
use egui_plot::{Line, PlotPoints};

use super::Command;
use super::charts::{base_plot, gbp_m_axis, gbp_m_value, near_point, percent_axis};
use super::editor::fields::input_title;
use super::runner::{Finished, RunKind};
use super::tab::{Tab, TabId};
use crate::model::OptionResult;
use crate::model::compare::{CostComparison, Pairing, compare_npc};
use crate::model::diff::{diff, pair_by_name_then_kind};
use crate::present::{gbp_m, gbp_m_signed, percent, thousands};

/// Most scenarios compared at once (A to F).
pub const MAX_COMPARED: usize = 6;

/// Pinned results, kept while the window is open.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub id: u32,
    /// "Snapshot 1: Example unitary council…".
    pub label: String,
    pub finished: Finished,
}

/// Something that can be compared: an open tab's latest results, or a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Tab(TabId),
    Snapshot(u32),
}

/// What the compare view remembers.
#[derive(Debug, Default)]
pub struct CompareState {
    /// The compare view is on show instead of the editor and results.
    pub open: bool,
    pub snapshots: Vec<Snapshot>,
    /// Ticked sources, in the order ticked: the first is A, the reference.
    pub chosen: Vec<Source>,
    next_id: u32,
}

impl CompareState {
    /// Keeps a copy of `finished` to compare later runs with, ticked for comparison. Returns its
    /// label.
    pub fn pin(&mut self, finished: &Finished) -> String {
        self.next_id += 1;
        let id = self.next_id;
        let label = format!("Snapshot {id}: {}", finished.results.scenario);
        self.snapshots.push(Snapshot {
            id,
            label: label.clone(),
            finished: finished.clone(),
        });
        if self.chosen.len() < MAX_COMPARED {
            self.chosen.push(Source::Snapshot(id));
        }
        label
    }

    /// Opens the view with at least two things ticked where there are: what was ticked before
    /// (a snapshot just pinned, say), then the tab on show, then another tab with results.
    pub fn open_on(&mut self, tabs: &[Tab], active: usize) {
        self.open = true;
        self.chosen.retain(|s| exists(*s, tabs, &self.snapshots));
        let candidates = tabs
            .get(active)
            .into_iter()
            .chain(
                tabs.iter()
                    .enumerate()
                    .filter(|(i, _)| *i != active)
                    .map(|(_, t)| t),
            )
            .filter(|t| t.shown.is_some())
            .map(|t| Source::Tab(t.id));
        for source in candidates {
            if self.chosen.len() >= 2 {
                break;
            }
            if !self.chosen.contains(&source) {
                self.chosen.push(source);
            }
        }
    }
}

fn exists(source: Source, tabs: &[Tab], snapshots: &[Snapshot]) -> bool {
    match source {
        Source::Tab(id) => tabs.iter().any(|t| t.id == id && t.shown.is_some()),
        Source::Snapshot(id) => snapshots.iter().any(|s| s.id == id),
    }
}

/// One scenario in the comparison.
struct Entry<'a> {
    letter: char,
    label: String,
    finished: &'a Finished,
    /// Why its results may not match its inputs now, if they may not.
    warning: Option<&'static str>,
}

/// Colours of the scenarios in the S-curves (Paul Tol's "bright" scheme without its yellow):
/// within one chart the option is fixed and colour tells the scenarios apart, so they must not
/// be the option colours.
const SCENARIO_COLOURS: [Color32; MAX_COMPARED] = [
    Color32::from_rgb(0x44, 0x77, 0xAA),
    Color32::from_rgb(0xEE, 0x66, 0x77),
    Color32::from_rgb(0x22, 0x88, 0x33),
    Color32::from_rgb(0xAA, 0x33, 0x77),
    Color32::from_rgb(0x66, 0xCC, 0xEE),
    Color32::from_rgb(0xBB, 0xBB, 0xBB),
];

/// The whole view.
pub fn compare_ui(
    ui: &mut Ui,
    state: &mut CompareState,
    tabs: &[Tab],
    active: usize,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Compare scenarios");
        if ui
            .button("Back to the scenario")
            .on_hover_text("The editor and results of the tab on show.")
            .clicked()
        {
            state.open = false;
        }
        let can_pin = tabs.get(active).is_some_and(|t| t.shown.is_some());
        if ui
            .add_enabled(can_pin, egui::Button::new("Pin the results on show"))
            .on_hover_text(
                "Keeps a copy of the tab's current results, to compare with after you change \
                 its inputs.",
            )
            .clicked()
        {
            commands.push(Command::PinSnapshot);
        }
    });
    ScrollArea::vertical()
        .id_salt("compare-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            sources_ui(ui, state, tabs, commands);
            ui.separator();
            let entries = entries(state, tabs);
            if entries.len() < 2 {
                ui.add_space(12.0);
                ui.label(
                    RichText::new(
                        "Tick two or more scenarios above. To compare a scenario with itself \
                         before and after a change, pin its results first, then change it.",
                    )
                    .size(15.0)
                    .weak(),
                );
                return;
            }
            legend_ui(ui, &entries);
            ui.add_space(6.0);
            // Matched once a frame: with different seeds each comparison sorts every sample.
            let groups = grouped_rows(&entries);
            findings_ui(ui, &entries, &groups);
            ui.add_space(6.0);
            table_ui(ui, &entries, &groups);
            ui.add_space(10.0);
            s_curves_ui(ui, &entries, &groups);
            ui.add_space(10.0);
            differences_ui(ui, &entries);
        });
}

/// The tabs and snapshots that can be ticked.
fn sources_ui(ui: &mut Ui, state: &mut CompareState, tabs: &[Tab], commands: &mut Vec<Command>) {
    ui.label(
        RichText::new(
            "Scenarios to compare: the first ticked is A, which the others are set against.",
        )
        .strong(),
    );
    let toggle = |ui: &mut Ui,
                  state: &mut CompareState,
                  source: Source,
                  text: String,
                  meta: String,
                  enabled: bool| {
        let position = state.chosen.iter().position(|s| *s == source);
        let mut ticked = position.is_some();
        let letter = position.map_or(String::new(), |p| format!("{}: ", letter(p)));
        ui.horizontal(|ui| {
            let full = state.chosen.len() >= MAX_COMPARED && !ticked;
            let response = ui
                .add_enabled(
                    enabled && !full,
                    egui::Checkbox::new(&mut ticked, format!("{letter}{text}")),
                )
                .on_disabled_hover_text(if full {
                    "Up to six scenarios at once."
                } else {
                    "No results yet: they appear once its preview has run."
                });
            if response.changed() {
                if ticked {
                    state.chosen.push(source);
                } else {
                    state.chosen.retain(|s| *s != source);
                }
            }
            ui.label(RichText::new(meta).weak().size(12.5));
        });
    };
    for tab in tabs {
        let meta = match &tab.shown {
            Some(f) => {
                let mut m = run_words(f);
                if !f.file.same_inputs(&tab.doc.file) {
                    m.push_str(" (inputs changed since: results updating)");
                }
                m
            }
            None => "no results yet".to_string(),
        };
        toggle(
            ui,
            state,
            Source::Tab(tab.id),
            format!("Tab: {}", tab.doc.file.name),
            meta,
            tab.shown.is_some(),
        );
    }
    let mut remove = None;
    for k in 0..state.snapshots.len() {
        let (id, label, meta) = {
            let s = &state.snapshots[k];
            (s.id, s.label.clone(), run_words(&s.finished))
        };
        ui.horizontal(|ui| {
            toggle(ui, state, Source::Snapshot(id), label.clone(), meta, true);
            if ui
                .small_button("Remove")
                .on_hover_text("Forgets this snapshot.")
                .accessible_name(format!("Remove {label}"))
                .clicked()
            {
                remove = Some(id);
            }
        });
    }
    if let Some(id) = remove {
        commands.push(Command::RemoveSnapshot(id));
    }
    if state.snapshots.is_empty() {
        ui.label(
            RichText::new(
                "No snapshots yet. \"Pin the results on show\" keeps a copy of a tab's results \
                 before you change its inputs.",
            )
            .weak()
            .size(12.5),
        );
    }
}

/// "Full run, 10,000 iterations, seed 20261121".
fn run_words(f: &Finished) -> String {
    format!(
        "{}, {} iterations, seed {}",
        match f.kind {
            RunKind::Preview => "preview",
            RunKind::Full => "full run",
        },
        thousands(f.results.iterations),
        f.results.seed
    )
}

fn letter(position: usize) -> char {
    (b'A' + (position as u8).min(25)) as char
}

fn entries<'a>(state: &'a CompareState, tabs: &'a [Tab]) -> Vec<Entry<'a>> {
    state
        .chosen
        .iter()
        .filter_map(|source| match source {
            Source::Tab(id) => {
                let tab = tabs.iter().find(|t| t.id == *id)?;
                let finished = tab.shown.as_deref()?;
                Some((
                    format!("{} (tab)", tab.doc.file.name),
                    finished,
                    (!finished.file.same_inputs(&tab.doc.file)).then_some(
                        "its inputs have changed since this run; the figures are of the run",
                    ),
                ))
            }
            Source::Snapshot(id) => {
                let s = state.snapshots.iter().find(|s| s.id == *id)?;
                Some((s.label.clone(), &s.finished, None))
            }
        })
        .take(MAX_COMPARED)
        .enumerate()
        .map(|(k, (label, finished, warning))| Entry {
            letter: letter(k),
            label,
            finished,
            warning,
        })
        .collect()
}

/// Which scenario is which, what its results are, and how it is paired with A.
fn legend_ui(ui: &mut Ui, entries: &[Entry<'_>]) {
    let Some(a) = entries.first() else { return };
    for (k, e) in entries.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, SCENARIO_COLOURS[k % MAX_COMPARED]);
            ui.label(RichText::new(format!("{}: {}", e.letter, e.label)).strong());
            ui.label(RichText::new(run_words(e.finished)).weak());
        });
        if let Some(w) = e.warning {
            ui.label(
                RichText::new(format!("   {}: {w}.", e.letter))
                    .weak()
                    .italics(),
            );
        }
        if k > 0 {
            ui.label(
                RichText::new(format!(
                    "   {} against A: {}",
                    e.letter,
                    pairing_words(a, e)
                ))
                .size(12.5),
            );
        }
    }
}

/// How the futures of A and `e` are matched, in words.
fn pairing_words(a: &Entry<'_>, e: &Entry<'_>) -> String {
    let (ra, re) = (&a.finished.results, &e.finished.results);
    if ra.seed == re.seed {
        let n = ra.iterations.min(re.iterations);
        let counts = if ra.iterations == re.iterations {
            String::new()
        } else {
            format!(
                " (the first {} of A's {} and {}'s {})",
                thousands(n),
                thousands(ra.iterations),
                e.letter,
                thousands(re.iterations)
            )
        };
        format!(
            "same seed, so each future is compared with the same future under A: {} paired \
             futures{counts}. Inputs both scenarios share draw the same values in each, so the \
             chances show the effect of what differs.",
            thousands(n)
        )
    } else {
        format!(
            "different seeds ({} and {}), so the futures are unrelated: every future of {} is \
             compared with every future of A. The chances then include the whole spread of \
             uncertainty, not only the effect of what differs; give both the same seed to pair \
             them.",
            ra.seed, re.seed, e.letter
        )
    }
}

/// One row per option and scenario.
struct Row<'a> {
    entry: usize,
    option: &'a OptionResult,
    /// Against the same option in A, for B onwards.
    against_a: Option<CostComparison>,
}

/// Options grouped as matched across the scenarios: A's options in order, each followed by its
/// counterpart in every other scenario, then options no other scenario has.
fn grouped_rows<'a>(entries: &[Entry<'a>]) -> Vec<Vec<Row<'a>>> {
    let Some(a) = entries.first() else {
        return Vec::new();
    };
    let a_options = &a.finished.results.options;
    let mut groups: Vec<Vec<Row<'a>>> = a_options
        .iter()
        .map(|o| {
            vec![Row {
                entry: 0,
                option: o,
                against_a: None,
            }]
        })
        .collect();
    let mut leftovers = Vec::new();
    for (k, e) in entries.iter().enumerate().skip(1) {
        let options = &e.finished.results.options;
        let key = |o: &'a OptionResult| (o.name.as_str(), o.kind);
        let keys_a: Vec<_> = a_options.iter().map(key).collect();
        let keys_e: Vec<_> = options.iter().map(key).collect();
        for (i, j) in pair_by_name_then_kind(&keys_a, &keys_e) {
            match (i, j) {
                (Some(i), Some(j)) => {
                    let against_a = compare_npc(
                        &options[j].samples.npc,
                        e.finished.results.seed,
                        &a_options[i].samples.npc,
                        a.finished.results.seed,
                    );
                    groups[i].push(Row {
                        entry: k,
                        option: &options[j],
                        against_a,
                    });
                }
                (None, Some(j)) => leftovers.push(vec![Row {
                    entry: k,
                    option: &options[j],
                    against_a: None,
                }]),
                _ => {}
            }
        }
    }
    groups.extend(leftovers);
    groups
}

const TABLE_COLUMNS: [(&str, &str); 10] = [
    (
        "Option",
        "Matched across scenarios by name, or by kind when renamed.",
    ),
    ("Scenario", "Which scenario's run the row comes from."),
    (
        "NPC mean",
        "Net present cost: mean over the simulated futures, £m at each scenario's start-year prices.",
    ),
    ("P10", "10% of futures cost less than this (£m)."),
    ("P90", "90% of futures cost less than this (£m)."),
    (
        "Quality",
        "Quality index (0–100), averaged over the years and the futures.",
    ),
    (
        "vs A: NPC",
        "Mean NPC here minus the same option's mean NPC in A (£m; negative = cheaper here).",
    ),
    (
        "vs A:\nquality",
        "Mean quality here minus the same option's in A (index points; positive = better here).",
    ),
    (
        "P(cheaper\nthan in A)",
        "Share of futures in which the option costs less here than in A: paired future by future \
         when the seeds match, otherwise every future against every other.",
    ),
    (
        "P(same\nas in A)",
        "Share of paired futures in which the option costs exactly the same here as in A: what \
         the scenarios change does not reach it.",
    ),
];

fn table_ui(ui: &mut Ui, entries: &[Entry<'_>], groups: &[Vec<Row<'_>>]) {
    ui.label(
        RichText::new("Net present cost and quality, scenario by scenario")
            .strong()
            .size(15.0),
    );
    Grid::new("compare-table")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for (title, help) in TABLE_COLUMNS {
                ui.label(RichText::new(title).strong()).on_hover_text(help);
            }
            ui.end_row();
            for group in groups {
                for (r, row) in group.iter().enumerate() {
                    let e = &entries[row.entry];
                    if r == 0 {
                        ui.label(RichText::new(&row.option.name).strong());
                    } else if row.option.name != group[0].option.name {
                        ui.label(RichText::new(format!("  ({})", row.option.name)).weak());
                    } else {
                        ui.label("");
                    }
                    ui.horizontal(|ui| {
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                        ui.painter().rect_filled(
                            rect,
                            2.0,
                            SCENARIO_COLOURS[row.entry % MAX_COMPARED],
                        );
                        ui.label(e.letter.to_string()).on_hover_text(&e.label);
                    });
                    let o = row.option;
                    ui.label(gbp_m(o.npc.mean));
                    ui.label(gbp_m(o.npc.p10));
                    ui.label(gbp_m(o.npc.p90));
                    ui.label(format!("{:.1}", o.mean_quality()));
                    match (row.entry, &row.against_a) {
                        (0, _) => {
                            ui.label(RichText::new("reference").weak());
                            for _ in 0..3 {
                                ui.label("");
                            }
                        }
                        (_, Some(c)) => {
                            // The comparison is "here" first, A second.
                            ui.label(gbp_m_signed(c.mean_difference));
                            ui.label(format!(
                                "{:+.1}",
                                o.mean_quality() - group[0].option.mean_quality()
                            ));
                            ui.label(percent(c.p_first_cheaper))
                                .on_hover_text(chance_words(c, &o.name, e.letter));
                            ui.label(match c.pairing {
                                Pairing::ByIteration { .. } => percent(c.p_same),
                                Pairing::Independent { .. } => "not paired".to_string(),
                            });
                        }
                        (_, None) => {
                            ui.label(RichText::new("not in A").weak());
                            for _ in 0..3 {
                                ui.label("");
                            }
                        }
                    }
                    ui.end_row();
                }
            }
        });
}

/// What each scenario does to each option, in a sentence: the chance it costs less than in A,
/// the mean difference, and quality.
fn findings_ui(ui: &mut Ui, entries: &[Entry<'_>], groups: &[Vec<Row<'_>>]) {
    for group in groups {
        let Some(first) = group.first().filter(|r| r.entry == 0) else {
            continue;
        };
        for row in group.iter().skip(1) {
            let Some(c) = &row.against_a else { continue };
            let e = &entries[row.entry];
            let name = &first.option.name;
            let text = if matches!(c.pairing, Pairing::ByIteration { .. }) && c.p_same >= 1.0 {
                format!(
                    "{name}: the same cost under {} as under A in every paired future; nothing \
                     {} changes reaches it.",
                    e.letter, e.letter
                )
            } else {
                let futures = match c.pairing {
                    Pairing::ByIteration { .. } => "of the same futures",
                    Pairing::Independent { .. } => "of pairs of unrelated futures",
                };
                format!(
                    "{name} costs less under {l} than under A in {p} {futures}; mean net present \
                     cost {d} under {l}; mean quality {qa:.1} under A, {qb:.1} under {l}.",
                    l = e.letter,
                    p = percent(c.p_first_cheaper),
                    d = gbp_m_signed(c.mean_difference),
                    qa = first.option.mean_quality(),
                    qb = row.option.mean_quality(),
                )
            };
            ui.label(RichText::new(format!("• {text}")).size(14.5));
        }
    }
}

/// The chance in a sentence, for the tooltip.
fn chance_words(c: &CostComparison, option: &str, letter: char) -> String {
    let how = match c.pairing {
        Pairing::ByIteration { iterations } => format!(
            "in {} of {} paired futures",
            percent(c.p_first_cheaper),
            thousands(iterations as u64)
        ),
        Pairing::Independent { .. } => format!(
            "in {} of all pairs of a future of {letter} and a future of A",
            percent(c.p_first_cheaper)
        ),
    };
    format!(
        "{option} costs less in {letter} than in A {how}; more in {}; the same in {}.",
        percent(c.p_second_cheaper),
        percent(c.p_same)
    )
}

/// Each option's S-curve in every scenario, one small chart per option.
fn s_curves_ui(ui: &mut Ui, entries: &[Entry<'_>], groups: &[Vec<Row<'_>>]) {
    ui.label(
        RichText::new("Net present cost: S-curves")
            .strong()
            .size(15.0),
    );
    ui.label(
        RichText::new(
            "For each option, the share of simulated futures in which its NPC is at or below each \
             amount, one line per scenario (read P80 at 80%). A curve to the left is cheaper.",
        )
        .weak()
        .size(12.5),
    );
    let width = ((ui.available_width() - 16.0) / 2.0).max(300.0);
    Grid::new("compare-s-curves")
        .num_columns(2)
        .spacing([16.0, 12.0])
        .show(ui, |ui| {
            for (g, group) in groups.iter().enumerate() {
                let Some(first) = group.first() else { continue };
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.label(RichText::new(&first.option.name).strong());
                    base_plot(&format!("compare-s-curve-{g}"), 220.0)
                        .x_axis_label("Net present cost (£m)")
                        .y_axis_label("Futures at or below (%)")
                        .x_axis_formatter(gbp_m_axis)
                        .y_axis_formatter(percent_axis)
                        .include_y(0.0)
                        .include_y(100.0)
                        .label_formatter(near_point(|p| {
                            format!("P{:.0}: {}", p.y, gbp_m_value(p.x))
                        }))
                        .show(ui, |plot| {
                            for row in group {
                                let e = &entries[row.entry];
                                let Some(index) = e
                                    .finished
                                    .results
                                    .options
                                    .iter()
                                    .position(|o| std::ptr::eq(o, row.option))
                                else {
                                    continue;
                                };
                                let Some(data) = e.finished.charts.options.get(index) else {
                                    continue;
                                };
                                let points: Vec<[f64; 2]> =
                                    data.s_curve.iter().map(|[x, p]| [*x, p * 100.0]).collect();
                                plot.line(
                                    Line::new(
                                        format!("{}: {}", e.letter, row.option.name),
                                        PlotPoints::from(points),
                                    )
                                    .color(SCENARIO_COLOURS[row.entry % MAX_COMPARED])
                                    // A drawn widest, so that identical curves still show
                                    // each scenario's colour at their edges.
                                    .width((4.0 - row.entry as f32 * 0.9).max(1.2)),
                                );
                            }
                        });
                });
                if g % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}

/// The inputs that differ between A and each other scenario.
fn differences_ui(ui: &mut Ui, entries: &[Entry<'_>]) {
    let Some(a) = entries.first() else { return };
    ui.label(RichText::new("Inputs that differ").strong().size(15.0));
    ui.label(
        RichText::new(
            "Every field that differs between the inputs each run came from, with its value in \
             each, as the scenario file writes it (care-options diff gives the same list).",
        )
        .weak()
        .size(12.5),
    );
    for e in entries.iter().skip(1) {
        let differences = diff(&a.finished.file, &e.finished.file);
        egui::CollapsingHeader::new(format!(
            "A and {}: {} field{} differ{}",
            e.letter,
            differences.len(),
            if differences.len() == 1 { "" } else { "s" },
            if differences.len() == 1 { "s" } else { "" }
        ))
        .id_salt(("compare-diff", e.letter))
        .default_open(true)
        .show(ui, |ui| {
            if differences.is_empty() {
                ui.label("The two runs come from the same inputs.");
                return;
            }
            diff_grid(ui, &differences, e.letter);
        });
    }
}

fn diff_grid(ui: &mut Ui, differences: &[crate::model::diff::Difference], letter: char) {
    let value_width = ((ui.available_width() - 260.0) / 2.0).max(200.0);
    Grid::new(("compare-diff-grid", letter))
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Field").strong());
            ui.label(RichText::new("A").strong());
            ui.label(RichText::new(letter.to_string()).strong());
            ui.end_row();
            for d in differences {
                ui.label(input_title(&d.path)).on_hover_text(&d.path);
                for value in [&d.a, &d.b] {
                    ui.scope(|ui| {
                        ui.set_max_width(value_width);
                        ui.add(
                            egui::Label::new(RichText::new(value).monospace().size(12.0)).wrap(),
                        );
                    });
                }
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable;

    use crate::app::Command;
    use crate::app::tests::{app, harness, up_to_date, wait_for};
    use crate::model::Dist;

    #[test]
    fn a_pinned_snapshot_is_compared_with_the_changed_scenario_future_by_future() {
        let mut h = harness(app());
        wait_for(&mut h, "the first preview", up_to_date);
        h.get_by_label("Pin as snapshot").click();
        h.run();
        assert_eq!(h.state().compare.snapshots.len(), 1);

        // Two inputs of the trust change; in-house and the CIC are untouched.
        h.state_mut().scenario_mut().options[1].annual_turnover = Dist::Fixed(0.10);
        h.state_mut().scenario_mut().options[1].agency_cover = Dist::Fixed(0.8);
        h.run();
        wait_for(&mut h, "the preview after the change", up_to_date);
        h.get_by_label("Compare…").click();
        h.run();
        assert!(h.state().compare.open);

        // The snapshot is A, the tab B, paired by iteration under one seed.
        h.get_by_label_contains("B against A: same seed");
        h.get_by_label(
            "• In-house: the same cost under B as under A in every paired future; nothing B \
             changes reaches it.",
        );
        h.get_by_label_contains("• Children's trust costs less under B than under A in");
        // The input diff lists exactly the two changed inputs.
        h.get_by_label("A and B: 2 fields differ");
        h.get_by_label("Annual staff turnover (Children's trust)");
        h.get_by_label("Agency cover (Children's trust)");
        h.get_by_label("Fixed(0.1)");

        h.get_by_label("Back to the scenario").click();
        h.run();
        assert!(!h.state().compare.open);
    }

    #[test]
    fn with_fewer_than_two_results_the_view_says_what_to_do() {
        let mut h = harness(app());
        wait_for(&mut h, "the first preview", up_to_date);
        h.state_mut().push(Command::ShowCompare);
        h.run();
        h.get_by_label_contains("Tick two or more scenarios above.");
    }

    #[test]
    fn two_tabs_with_different_seeds_are_compared_as_unrelated_futures() {
        let mut h = harness(app());
        wait_for(&mut h, "the first preview", up_to_date);
        h.state_mut().push(Command::New);
        h.run();
        assert_eq!(h.state().tabs().len(), 2);
        h.state_mut().scenario_mut().simulation.seed += 1;
        h.run();
        wait_for(&mut h, "the new tab's preview", up_to_date);
        h.state_mut().push(Command::ShowCompare);
        h.run();
        h.get_by_label_contains("B against A: different seeds (");
        assert!(h.get_all_by_label("not paired").count() >= 3);
        h.get_by_label("A and B: 1 field differs");
        h.get_by_label("simulation.seed");
    }
}
