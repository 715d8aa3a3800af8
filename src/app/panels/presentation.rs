//! Presentation mode (F5 or View > Presentation mode): the results of the tab on show as slides
//! for a cabinet meeting. Full screen, a light high-contrast theme, and type scaled so that body
//! text is 32 pixels high on a 1080-pixel screen. One slide at a time ([`slides`]): the agenda,
//! the headlines, the summary table, NPC distributions, difference from the baseline, annual cost, quality,
//! then each option's sensitivity, what would turn its verdict (when the run has switching
//! values) and key assumptions. Arrow keys, Page Up/Down, Space, Home and
//! End move; Esc (or F5) leaves and puts the theme, zoom and window back as they were.
//!
//! Each slide says its generated headline sentence at the top and carries the stamp in small
//! type at the foot; the charts are the window's own, drawn from the same numbers as the exports.
//! While the results are a preview, every slide says so and offers the full run.

use std::sync::Arc;
use std::time::SystemTime;

use egui::{
    Color32, Context, Key, Modifiers, RichText, Theme, ThemePreference, Ui, ViewportCommand,
};

use crate::present::chart_data::{ChartKind, key_inputs, tornado_option};
use crate::present::headline::{chart_headline, display_name};
use crate::present::plain::dist_words;
use crate::present::stamp::Stamp;
use crate::report::{AssumptionRow, assumption_rows, is_judgement};

use super::summary::{headlines_ui, table_ui};
use crate::app::CareOptionsApp;
use crate::app::charts::{ChartInput, ChartsState, chart};
use crate::app::runner::{Finished, RunKind};
use crate::model::RunResults;

/// The slide's height in points: the zoom makes the screen this many points tall, so that egui's
/// 12.5-point body text is 32 pixels on a 1080-pixel screen (and 23 on a 768-pixel one).
const SLIDE_HEIGHT_POINTS: f32 = 420.0;
/// Inputs on the key assumptions slide.
const KEY_INPUTS: usize = 5;

/// One slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    /// The scenario's name and what the slides cover.
    Agenda,
    /// The headline sentences.
    Summary,
    /// The summary table, on a slide of its own so that long names have room to wrap.
    Table,
    Chart(ChartKind),
    /// What moves this option's cost most (the option's position in the results).
    Sensitivity(usize),
    /// The inputs nearest to turning this option's verdict: its switching values (an option other
    /// than the baseline, once the run's switching values are worked out).
    Switching(usize),
    /// The inputs behind this option's cost, with their distributions and sources.
    Assumptions(usize),
}

/// The slides for `results` (none yet: the agenda alone), in order: the agenda, the summary and
/// the charts every option shares, then each option's sensitivity, its switching values (where
/// the run has them, for each option but the baseline) and its key assumptions.
pub fn slides(results: Option<&RunResults>) -> Vec<Slide> {
    let mut all = vec![
        Slide::Agenda,
        Slide::Summary,
        Slide::Table,
        Slide::Chart(ChartKind::NpcDistribution),
        Slide::Chart(ChartKind::Difference),
        Slide::Chart(ChartKind::AnnualCost),
        Slide::Chart(ChartKind::Quality),
    ];
    let Some(r) = results else {
        return all;
    };
    for (i, option) in r.options.iter().enumerate() {
        all.push(Slide::Sensitivity(i));
        if r.switching_values.is_some() && option.name != r.baseline_option {
            all.push(Slide::Switching(i));
        }
        all.push(Slide::Assumptions(i));
    }
    all
}

/// What a slide is about, for the agenda.
fn agenda_title(slide: Slide, results: &RunResults) -> String {
    let name = |i: usize| {
        results
            .options
            .get(i)
            .map_or_else(String::new, |o| o.name.clone())
    };
    match slide {
        Slide::Agenda => "Agenda".to_string(),
        Slide::Summary => "Headlines".to_string(),
        Slide::Table => "Summary table".to_string(),
        Slide::Chart(kind) => kind.tab().to_string(),
        Slide::Sensitivity(i) => format!("{}: what moves its cost", name(i)),
        Slide::Switching(i) => format!("{}: what would turn its verdict", name(i)),
        Slide::Assumptions(i) => format!("{}: key assumptions", name(i)),
    }
}

/// Presentation mode's state, and what to put back when it ends.
pub struct Presentation {
    slide: usize,
    /// The light theme's style before presenting.
    saved_style: Arc<egui::Style>,
    /// Whether the window was full screen before presenting.
    saved_fullscreen: bool,
    /// The slides' own chart settings: no Export menus; the tornado option of the tab.
    charts: ChartsState,
    /// The stamp and key assumptions of the results shown, worked out once per run.
    cache: Option<SlideCache>,
}

struct SlideCache {
    finished_at: SystemTime,
    tornado_option: usize,
    stamp: Stamp,
    key_rows: Vec<(AssumptionRow, f64)>,
}

impl Presentation {
    /// The position of the slide on show (0 is the summary).
    pub fn slide_index(&self) -> usize {
        self.slide
    }

    /// The slide on show among `all`.
    fn slide_of(&self, all: &[Slide]) -> Slide {
        all.get(self.slide)
            .or(all.last())
            .copied()
            .unwrap_or(Slide::Agenda)
    }
}

/// A light theme with black text on white, for projectors and rooms with the lights on.
fn high_contrast(mut style: egui::Style) -> egui::Style {
    let mut v = egui::Visuals::light();
    v.override_text_color = Some(Color32::BLACK);
    v.panel_fill = Color32::WHITE;
    v.window_fill = Color32::WHITE;
    v.extreme_bg_color = Color32::WHITE;
    v.faint_bg_color = Color32::from_gray(238);
    // Secondary text (how to read a chart, units) dark grey rather than pale.
    v.weak_text_color = Some(Color32::from_gray(45));
    style.visuals = v;
    style
}

impl CareOptionsApp {
    /// Presentation mode, while it is on.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.presentation.as_ref()
    }

    pub(in crate::app) fn toggle_presentation(&mut self, ctx: &Context) {
        if self.presentation.is_some() {
            self.leave_presentation(ctx);
        } else {
            self.enter_presentation(ctx);
        }
    }

    fn enter_presentation(&mut self, ctx: &Context) {
        let saved_style = ctx.style_of(Theme::Light);
        let saved_fullscreen = ctx.input(|i| i.viewport().fullscreen).unwrap_or(false);
        ctx.set_style_of(Theme::Light, high_contrast((*saved_style).clone()));
        ctx.set_theme(ThemePreference::Light);
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
        self.presentation = Some(Presentation {
            slide: 0,
            saved_style,
            saved_fullscreen,
            charts: ChartsState {
                presenting: true,
                tornado_option: self.tab().charts.tornado_option.clone(),
                ..ChartsState::default()
            },
            cache: None,
        });
        self.message = Some("Presentation mode: arrow keys move, Esc leaves.".to_string());
    }

    fn leave_presentation(&mut self, ctx: &Context) {
        if let Some(p) = self.presentation.take() {
            ctx.set_style_of(Theme::Light, p.saved_style);
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(p.saved_fullscreen));
        }
        // Theme and zoom as they were.
        self.apply_view(ctx);
        self.message = None;
    }

    /// A frame in presentation mode: keys, then the slide.
    pub(in crate::app) fn presentation_frame(&mut self, ui: &mut Ui, ctx: &Context) {
        let height_at_100 = ctx.content_rect().height() * ctx.zoom_factor();
        let zoom = (height_at_100 / SLIDE_HEIGHT_POINTS).clamp(1.0, 4.0);
        if (ctx.zoom_factor() - zoom).abs() > 0.01 {
            ctx.set_zoom_factor(zoom);
        }
        let count = slides(self.tab().shown.as_ref().map(|f| &f.results)).len() as i64;
        let mut step: i64 = 0;
        let mut leave = false;
        ctx.input_mut(|i| {
            for key in [Key::ArrowRight, Key::ArrowDown, Key::PageDown, Key::Space] {
                if i.consume_key(Modifiers::NONE, key) {
                    step += 1;
                }
            }
            for key in [Key::ArrowLeft, Key::ArrowUp, Key::PageUp] {
                if i.consume_key(Modifiers::NONE, key) {
                    step -= 1;
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Home) {
                step = -count;
            }
            if i.consume_key(Modifiers::NONE, Key::End) {
                step = count;
            }
            leave = i.consume_key(Modifiers::NONE, Key::Escape);
        });
        if let Some(p) = self.presentation.as_mut() {
            p.slide = (p.slide as i64 + step).clamp(0, (count - 1).max(0)) as usize;
        }
        self.draw_slide(ui);
        // A question raised while presenting (closing the window with unsaved changes).
        self.modal = super::dialogs::modal_ui(ctx, self.modal.take(), &mut self.commands);
        // F5 again, or anything else asked for (Ctrl+S, closing the window).
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command, ctx);
        }
        if leave && self.presentation.is_some() {
            self.leave_presentation(ctx);
        }
        self.update_title(ctx);
        if self.tabs.iter().any(|t| t.runner.is_running()) || self.exporter.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn draw_slide(&mut self, ui: &mut Ui) {
        let CareOptionsApp {
            presentation,
            tabs,
            active,
            commands,
            ..
        } = self;
        let Some(p) = presentation.as_mut() else {
            return;
        };
        let tab = &tabs[*active];
        let finished = tab.shown.as_deref();
        let all = slides(finished.map(|f| &f.results));
        let slide = p.slide_of(&all);
        let position = p.slide.min(all.len().saturating_sub(1));
        // An option's own slides show that option's sensitivity and key assumptions.
        if let (Slide::Sensitivity(i) | Slide::Switching(i) | Slide::Assumptions(i), Some(f)) =
            (slide, finished)
            && let Some(option) = f.results.options.get(i)
        {
            p.charts.tornado_option = Some(option.name.clone());
        }
        if let Some(f) = finished {
            refresh_cache(p, f, tab.doc.path.as_deref());
        }
        if let Some(f) = finished
            && f.kind == RunKind::Preview
        {
            let full = tab.doc.scenario().map(|s| s.iterations());
            egui::Panel::top("slide-preview")
                .frame(
                    egui::Frame::new()
                        .fill(Color32::from_rgb(255, 236, 179))
                        .inner_margin(6.0),
                )
                .show(ui, |ui| {
                    preview_strip(ui, f, full, tab.runner.progress(), commands);
                });
        }
        egui::Panel::bottom("slide-footer")
            .frame(egui::Frame::new().fill(Color32::WHITE).inner_margin(8.0))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(
                            RichText::new(format!(
                                "{} / {} · arrow keys move · Esc leaves",
                                position + 1,
                                all.len()
                            ))
                            .small(),
                        );
                        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                            if let Some(c) = &p.cache {
                                // Wrapped, never cut: the stamp is what makes a figure checkable.
                                ui.add(
                                    egui::Label::new(RichText::new(c.stamp.line()).small()).wrap(),
                                );
                            }
                        });
                    });
                });
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(Color32::WHITE).inner_margin(16.0))
            .show(ui, |ui| {
                let Some(finished) = finished else {
                    ui.centered_and_justified(|ui| {
                        ui.label(RichText::new("Waiting for the first run to finish…").heading());
                    });
                    return;
                };
                slide_ui(ui, slide, &all, finished, p);
            });
    }
}

/// The line across the top of every slide while the results are a preview: how many futures
/// they rest on, and the full run offered (or its progress).
fn preview_strip(
    ui: &mut Ui,
    finished: &Finished,
    full: Option<u64>,
    progress: Option<crate::app::runner::Progress>,
    commands: &mut Vec<crate::app::Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "Preview: {} simulated futures",
                crate::present::thousands(finished.results.iterations)
            ))
            .strong(),
        );
        match (progress, full) {
            (Some(p), _) if p.kind == RunKind::Full => {
                ui.label(crate::app::panels::results::progress_text(&p));
            }
            (_, Some(n)) if n > finished.results.iterations => {
                ui.label(format!(
                    "— the scenario's full run is {}.",
                    crate::present::thousands(n)
                ));
                if ui
                    .button(format!("Run the full {} now", crate::present::thousands(n)))
                    .on_hover_text("The slides show the full run as soon as it finishes.")
                    .clicked()
                {
                    commands.push(crate::app::Command::RunFull);
                }
            }
            _ => {}
        }
    });
}

/// Works out the stamp and key assumptions once per run (reading the file for its hash, drawing
/// each input's implied range).
fn refresh_cache(p: &mut Presentation, finished: &Finished, path: Option<&std::path::Path>) {
    let r = &finished.results;
    let chosen = tornado_option(r, p.charts.tornado_option.as_deref());
    if p.cache
        .as_ref()
        .is_some_and(|c| c.finished_at == finished.finished_at && c.tornado_option == chosen)
    {
        return;
    }
    let stamp = crate::report::stamp::stamp(r, path, &finished.file, finished.finished_at);
    let key_rows = match r.options.get(chosen) {
        Some(option) => {
            let keys = key_inputs(option, option.name == r.baseline_option, KEY_INPUTS);
            let rows = assumption_rows(&finished.file);
            keys.into_iter()
                .filter_map(|(path, rho)| {
                    rows.iter()
                        .find(|row| row.path == path)
                        .map(|row| (row.clone(), rho))
                })
                .collect()
        }
        None => Vec::new(),
    };
    p.cache = Some(SlideCache {
        finished_at: finished.finished_at,
        tornado_option: chosen,
        stamp,
        key_rows,
    });
}

/// The headline sentence at the top of a slide.
fn headline(ui: &mut Ui, text: &str) {
    ui.add(egui::Label::new(RichText::new(text).strong().size(16.0)).wrap());
    ui.add_space(6.0);
}

fn slide_ui(ui: &mut Ui, slide: Slide, all: &[Slide], finished: &Finished, p: &mut Presentation) {
    let r = &finished.results;
    let threshold = finished.file.appraisal.quality_threshold;
    match slide {
        Slide::Agenda => {
            ui.add(egui::Label::new(RichText::new(&r.scenario).heading().strong()).wrap());
            ui.add_space(10.0);
            // Two columns where there are many slides, so the list fits the slide.
            let items: Vec<String> = all
                .iter()
                .skip(1)
                .enumerate()
                .map(|(k, s)| format!("{}. {}", k + 2, agenda_title(*s, r)))
                .collect();
            let half = items.len().div_ceil(2);
            ui.columns(2, |cols| {
                for (col, chunk) in cols.iter_mut().zip(items.chunks(half.max(1))) {
                    for item in chunk {
                        col.add(egui::Label::new(item.as_str()).wrap());
                    }
                }
            });
        }
        Slide::Sensitivity(_) => {
            let chosen = tornado_option(r, p.charts.tornado_option.as_deref());
            headline(
                ui,
                &chart_headline(ChartKind::Tornado, r, threshold, chosen),
            );
            let input = ChartInput {
                results: r,
                data: &finished.charts,
                threshold,
                file: &finished.file,
            };
            let height = (ui.available_height() - 8.0).max(160.0);
            chart(ui, ChartKind::Tornado, &input, &mut p.charts, height);
        }
        Slide::Summary => {
            ui.add(egui::Label::new(RichText::new(&r.scenario).heading().strong()).wrap());
            ui.add_space(8.0);
            // What would turn each verdict has a slide of its own per option (a summary slide
            // with those sentences too ran off a 1366×768 screen with long option names).
            headlines_ui(ui, r, finished.file.appraisal.discount_rate, None);
        }
        Slide::Table => {
            headline(
                ui,
                "Net present cost, the difference from the baseline and the chances",
            );
            table_ui(ui, r);
        }
        Slide::Chart(kind) => {
            let chosen = tornado_option(r, p.charts.tornado_option.as_deref());
            headline(ui, &chart_headline(kind, r, threshold, chosen));
            let input = ChartInput {
                results: r,
                data: &finished.charts,
                threshold,
                file: &finished.file,
            };
            let height = (ui.available_height() - 8.0).max(160.0);
            chart(ui, kind, &input, &mut p.charts, height);
        }
        Slide::Switching(i) => switching_slide(ui, finished, i),
        Slide::Assumptions(_) => assumptions_slide(ui, finished, p),
    }
}

/// Inputs on an option's switching-value slide: the most fragile, as the sentence leads with.
const SWITCHING_INPUTS: usize = 4;

/// What would turn option `i`'s verdict: its switching sentence, then the inputs nearest to
/// turning it, each with the file's value, its P10–P90 and its break-even.
fn switching_slide(ui: &mut Ui, finished: &Finished, i: usize) {
    use crate::present::switching::{SWITCHING_HEADINGS, switching_rows, switching_sentence};
    let r = &finished.results;
    let Some(option) = r.options.get(i) else {
        return;
    };
    let Some(sentence) = switching_sentence(r, option, &finished.file) else {
        headline(ui, "No switching values for this option.");
        return;
    };
    headline(ui, &sentence);
    let rows = switching_rows(r, &option.name, &finished.file);
    ui.label(
        RichText::new(format!(
            "The value each input would need to turn the verdict: the same {} futures run again \
             with only that input moved. The {} most fragile of {}; the report lists them all.",
            crate::present::thousands(r.iterations),
            SWITCHING_INPUTS.min(rows.len()),
            rows.len()
        ))
        .small(),
    );
    ui.add_space(4.0);
    let width = ui.available_width();
    let shares = [0.3, 0.14, 0.15, 0.15, 0.15, 0.11];
    let gap = 10.0;
    let widths: Vec<f32> = shares.iter().map(|s| (width - gap * 5.0) * s).collect();
    ui.spacing_mut().item_spacing.x = gap;
    ui.horizontal_top(|ui| {
        for (heading, w) in SWITCHING_HEADINGS.into_iter().zip(&widths) {
            wrapped_cell(ui, *w, RichText::new(heading).strong());
        }
    });
    // The headline names the option: its own inputs need no second mention.
    let own = format!(" ({})", option.name);
    for row in rows.iter().take(SWITCHING_INPUTS) {
        let input = row
            .input
            .strip_suffix(&own)
            .unwrap_or(&row.input)
            .to_string();
        ui.separator();
        ui.horizontal_top(|ui| {
            let texts = [
                &input,
                &row.assumed,
                &row.p10_p90,
                &row.zero_mean,
                &row.even_chance,
            ]
            .map(|t| RichText::new(t.as_str()))
            .into_iter()
            .chain([RichText::new(row.inside)]);
            for (text, w) in texts.zip(&widths) {
                wrapped_cell(ui, *w, text);
            }
        });
    }
}

/// A table cell `w` points wide whose text wraps within it, so that no column pushes the next
/// off the slide.
fn wrapped_cell(ui: &mut Ui, w: f32, text: RichText) {
    ui.allocate_ui_with_layout(
        egui::vec2(w, 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(w);
            ui.add(egui::Label::new(text).wrap());
        },
    );
}

fn assumptions_slide(ui: &mut Ui, finished: &Finished, p: &Presentation) {
    let r = &finished.results;
    let Some(cache) = &p.cache else {
        return;
    };
    let option = r.options.get(cache.tornado_option);
    let rows = &cache.key_rows;
    let judged = rows
        .iter()
        .filter(|(row, _)| is_judgement(&row.source))
        .count();
    let against = match (option, r.baseline()) {
        (Some(o), Some(base)) if o.name != base.name => {
            format!("{}'s cost against {}", display_name(o), display_name(base))
        }
        (Some(o), _) => format!("{}'s cost", display_name(o)),
        (None, _) => "the result".to_string(),
    };
    headline(
        ui,
        &format!(
            "Key assumptions: the {} inputs that move {against} most. {judged} of them rest on \
             judgement rather than published data.",
            rows.len()
        ),
    );
    egui::ScrollArea::vertical()
        .id_salt("key-assumptions")
        .show(ui, |ui| {
            // Each column a share of the slide's width, its text wrapping within it: long input
            // and option names never push the source off the slide.
            let width = ui.available_width();
            let shares = [0.3, 0.2, 0.14, 0.07, 0.29];
            let gap = 10.0;
            let widths: Vec<f32> = shares.iter().map(|s| (width - gap * 4.0) * s).collect();
            let cell = wrapped_cell;
            ui.spacing_mut().item_spacing.x = gap;
            ui.horizontal_top(|ui| {
                for (heading, w) in ["Input", "Shape and values", "P10–P90", "ρ", "Source"]
                    .into_iter()
                    .zip(&widths)
                {
                    cell(ui, *w, RichText::new(heading).strong());
                }
            });
            for (row, rho) in rows {
                // The headline names the option: its own inputs need no second mention; the
                // baseline's (which move a difference too) and the scenario-wide ones say whose.
                // The baseline by its role, not its name: a long name wrapped to three lines in a
                // narrow column pushed the last rows off a 1366×768 slide.
                let label = match row.group.strip_prefix("Option: ") {
                    Some(owner) if option.is_some_and(|o| o.name == owner) => row.label.clone(),
                    Some(owner) if owner == r.baseline_option => {
                        format!("{} (baseline)", row.label)
                    }
                    Some(owner) => format!("{} ({owner})", row.label),
                    None => format!("{} (all options)", row.label),
                };
                let source = if is_judgement(&row.source) {
                    "Judgement".to_string()
                } else {
                    row.source.clone()
                };
                ui.separator();
                ui.horizontal_top(|ui| {
                    let texts = [
                        RichText::new(label),
                        RichText::new(dist_words(&row.dist, row.unit)),
                        RichText::new(row.implied.as_str()),
                        RichText::new(format!("{rho:+.2}").replace('-', "−")),
                        RichText::new(source).small(),
                    ];
                    for (text, w) in texts.into_iter().zip(&widths) {
                        cell(ui, *w, text);
                    }
                });
            }
        });
}
