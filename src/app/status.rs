//! The status bar: where the scenario is saved, whether it is valid (and why not), which run the
//! results come from, and what just happened.

use egui::{RichText, Ui};

use crate::present::thousands;

use super::document::Document;
use super::palette;
use super::runner::Finished;

pub struct StatusView<'a> {
    pub doc: &'a Document,
    pub shown: Option<&'a Finished>,
    /// The last thing that happened ("Saved …", "Run cancelled").
    pub message: Option<&'a str>,
}

pub fn status_bar_ui(ui: &mut Ui, view: &StatusView<'_>) {
    ui.horizontal_wrapped(|ui| {
        let path = match &view.doc.path {
            Some(p) => p.display().to_string(),
            None => "Not saved to a file yet".to_string(),
        };
        let dirty = if view.doc.is_dirty() {
            " (unsaved changes)"
        } else {
            ""
        };
        ui.label(format!("{path}{dirty}"));
        ui.separator();
        let problems = view.doc.problem_list();
        match problems.first() {
            None => {
                ui.label("Valid");
            }
            Some(first) => {
                let more = if problems.len() > 1 {
                    format!(" (and {} more)", problems.len() - 1)
                } else {
                    String::new()
                };
                ui.label(
                    RichText::new(format!("Invalid: {first}{more}"))
                        .color(palette::problem_colour(ui)),
                )
                .on_hover_text(
                    problems
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
        }
        ui.separator();
        match view.shown {
            Some(f) => {
                ui.label(format!(
                    "Results: {} of {} iterations, seed {}, ran in {:.2} s",
                    f.kind.label().to_lowercase(),
                    thousands(f.settings.iterations),
                    f.settings.seed,
                    f.elapsed.as_secs_f64()
                ));
            }
            None => {
                ui.label("No results yet");
            }
        }
        if let Some(message) = view.message {
            ui.separator();
            ui.label(RichText::new(message).weak());
        }
    });
}
