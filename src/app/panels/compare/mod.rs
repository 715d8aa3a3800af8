//! The compare view: two or more open scenarios, or pinned snapshots of earlier results, side by
//! side. A summary table with each option's cost in every scenario and its difference from the
//! first (A), the chance that the option costs less there than in A, each option's S-curves
//! overlaid, and the inputs that differ between A and each other scenario.
//!
//! Reads results only. The chance comes from [`crate::model::compare`], the inputs that differ
//! from [`crate::model::diff`]; options are matched across scenarios as the diff matches them.
//!
//! Here: what is ticked and pinned, and which scenario is which. The table and sentences are in
//! [`table`], the S-curves in [`s_curves`], the inputs that differ in [`differences`].

mod differences;
mod s_curves;
mod table;

use egui::{Color32, RichText, ScrollArea, Ui};

use crate::app::command::{Command, TabId};
use crate::app::runner::{Finished, RunKind};
use crate::app::tab::Tab;
use crate::present::thousands;

/// Most scenarios compared at once (A to F).
pub const MAX_COMPARED: usize = 6;

/// Pinned results, kept while the window is open.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub id: u32,
    /// "Snapshot 1: An average English council…".
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
            let groups = table::grouped_rows(&entries);
            table::findings_ui(ui, &entries, &groups);
            ui.add_space(6.0);
            table::table_ui(ui, &entries, &groups);
            ui.add_space(10.0);
            s_curves::s_curves_ui(ui, &entries, &groups);
            ui.add_space(10.0);
            differences::differences_ui(ui, &entries);
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

/// "Full run, 10,000 iterations, seed 20261201".
fn run_words(f: &Finished) -> String {
    format!(
        "{}, {} iterations, seed {}",
        match f.kind {
            RunKind::Preview => "preview",
            RunKind::Full => "full run",
            RunKind::Precise => "run to precision",
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
    use crate::model::compare::Futures;
    let (ra, re) = (&a.finished.results, &e.finished.results);
    if ra.seed == re.seed && !Futures::of(ra).pairs_with(&Futures::of(re)) {
        format!(
            "same seed, but not the same futures (A: {} iterations, {}; {}: {}, {}): under Latin \
             hypercube sampling or rank correlations each iteration's share of each input \
             depends on the count, so every future of {} is compared with every future of A. \
             Run both by the same method with the same number of iterations to pair them.",
            thousands(ra.iterations),
            ra.sampling.label(),
            e.letter,
            thousands(re.iterations),
            re.sampling.label(),
            e.letter
        )
    } else if ra.seed == re.seed {
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
