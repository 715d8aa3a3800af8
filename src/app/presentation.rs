//! Presentation mode (F5 or View > Presentation mode): the results of the tab on show as slides
//! for a cabinet meeting. Full screen, a light high-contrast theme, and type scaled so that body
//! text is at least 24 pixels high on a 1080-pixel screen. One slide at a time: the headline
//! summary, NPC distributions, difference from the baseline, annual cost, quality, sensitivity
//! and the key assumptions. Arrow keys, Page Up/Down, Space, Home and End move; Esc (or F5)
//! leaves and puts the theme, zoom and window back as they were.
//!
//! Each slide says its generated headline sentence at the top and carries the stamp in small
//! type at the foot; the charts are the window's own, drawn from the same numbers as the exports.

use std::sync::Arc;
use std::time::SystemTime;

use egui::{
    Color32, Context, Key, Modifiers, RichText, Theme, ThemePreference, Ui, ViewportCommand,
};

use crate::present::chart_data::{ChartKind, key_inputs, tornado_option};
use crate::present::headline::{chart_headline, display_name};
use crate::present::stamp::{Source, Stamp};
use crate::report::{AssumptionRow, assumption_rows, is_judgement};

use super::CareOptionsApp;
use super::charts::{ChartInput, ChartsState, chart};
use super::runner::Finished;
use super::summary::summary_ui;

/// The slide's height in points: the zoom makes the screen this many points tall, so that egui's
/// 12.5-point body text is 25 pixels on a 1080-pixel screen.
const SLIDE_HEIGHT_POINTS: f32 = 540.0;
/// Inputs on the key assumptions slide.
const KEY_INPUTS: usize = 7;

/// One slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    Summary,
    Chart(ChartKind),
    Assumptions,
}

/// The slides, in order.
pub const SLIDES: [Slide; 7] = [
    Slide::Summary,
    Slide::Chart(ChartKind::NpcDistribution),
    Slide::Chart(ChartKind::Difference),
    Slide::Chart(ChartKind::AnnualCost),
    Slide::Chart(ChartKind::Quality),
    Slide::Chart(ChartKind::Tornado),
    Slide::Assumptions,
];

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

    pub fn slide(&self) -> Slide {
        SLIDES[self.slide.min(SLIDES.len() - 1)]
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

    pub(super) fn toggle_presentation(&mut self, ctx: &Context) {
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
    pub(super) fn presentation_frame(&mut self, ui: &mut Ui, ctx: &Context) {
        let height_at_100 = ctx.content_rect().height() * ctx.zoom_factor();
        let zoom = (height_at_100 / SLIDE_HEIGHT_POINTS).clamp(1.0, 4.0);
        if (ctx.zoom_factor() - zoom).abs() > 0.01 {
            ctx.set_zoom_factor(zoom);
        }
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
                step = -(SLIDES.len() as i64);
            }
            if i.consume_key(Modifiers::NONE, Key::End) {
                step = SLIDES.len() as i64;
            }
            leave = i.consume_key(Modifiers::NONE, Key::Escape);
        });
        if let Some(p) = self.presentation.as_mut() {
            p.slide = (p.slide as i64 + step).clamp(0, SLIDES.len() as i64 - 1) as usize;
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
        let active = self.active;
        let Some(p) = self.presentation.as_mut() else {
            return;
        };
        let tab = &self.tabs[active];
        let finished = tab.shown.as_deref();
        if let Some(f) = finished {
            refresh_cache(p, f, tab.doc.path.as_deref());
        }
        let slide = p.slide();
        let position = p.slide;
        egui::Panel::bottom("slide-footer")
            .frame(egui::Frame::new().fill(Color32::WHITE).inner_margin(8.0))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(
                            RichText::new(format!(
                                "{} / {} · arrow keys move · Esc leaves",
                                position + 1,
                                SLIDES.len()
                            ))
                            .small(),
                        );
                        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                            if let Some(c) = &p.cache {
                                ui.add(
                                    egui::Label::new(RichText::new(c.stamp.line()).small())
                                        .truncate(),
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
                slide_ui(ui, slide, finished, p);
            });
    }
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
    let stamp = Stamp::new(r, Source::of(path, &finished.file), finished.finished_at);
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
    ui.label(RichText::new(text).strong().size(16.0));
    ui.add_space(6.0);
}

fn slide_ui(ui: &mut Ui, slide: Slide, finished: &Finished, p: &mut Presentation) {
    let r = &finished.results;
    let threshold = finished.file.appraisal.quality_threshold;
    match slide {
        Slide::Summary => {
            ui.label(RichText::new(&r.scenario).heading().strong());
            ui.add_space(8.0);
            summary_ui(ui, r, finished.file.appraisal.discount_rate);
        }
        Slide::Chart(kind) => {
            let chosen = tornado_option(r, p.charts.tornado_option.as_deref());
            headline(ui, &chart_headline(kind, r, threshold, chosen));
            let input = ChartInput {
                results: r,
                data: &finished.charts,
                threshold,
            };
            let height = (ui.available_height() - 48.0).max(160.0);
            chart(ui, kind, &input, &mut p.charts, height);
        }
        Slide::Assumptions => assumptions_slide(ui, finished, p),
    }
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
            egui::Grid::new("key-assumptions-grid")
                .striped(true)
                .spacing([14.0, 6.0])
                .show(ui, |ui| {
                    for heading in ["Input", "Distribution", "P10–P90", "ρ", "Source"] {
                        ui.label(RichText::new(heading).strong());
                    }
                    ui.end_row();
                    let source_width = (ui.available_width() * 0.4).max(200.0);
                    for (row, rho) in rows {
                        let label = match row.group.strip_prefix("Option: ") {
                            Some(option) => format!("{} ({option})", row.label),
                            None => row.label.clone(),
                        };
                        ui.label(label);
                        ui.label(&row.distribution);
                        ui.label(&row.implied);
                        ui.label(format!("{rho:+.2}").replace('-', "−"));
                        let source = if is_judgement(&row.source) {
                            "Judgement".to_string()
                        } else {
                            row.source.clone()
                        };
                        ui.vertical(|ui| {
                            ui.set_max_width(source_width);
                            ui.add(egui::Label::new(RichText::new(source).small()).wrap());
                        });
                        ui.end_row();
                    }
                });
        });
}
