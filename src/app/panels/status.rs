//! The status bar: where the scenario is saved, whether it is valid (and why not), which run the
//! results come from, and what just happened.

use egui::{RichText, Ui};

use crate::present::thousands;

use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::palette;
use crate::app::runner::Finished;

pub struct StatusView<'a> {
    pub doc: &'a Document,
    pub shown: Option<&'a Finished>,
    /// The last thing that happened ("Saved …", "Run cancelled").
    pub message: Option<&'a str>,
    /// The last export written, to open or show in its folder.
    pub exported: Option<&'a std::path::Path>,
}

pub fn status_bar_ui(ui: &mut Ui, view: &StatusView<'_>, commands: &mut Vec<Command>) {
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
                // The precision of the figures on show, where every screen has room for it.
                if let Some(p) = crate::present::summary_table::precision(&f.results)
                    && f.results.options.len() > 1
                {
                    ui.separator();
                    ui.label(format!(
                        "Simulation error (95%): ±£{:.1}m on a mean difference, ±{:.1} points \
                         on P(cheaper)",
                        p.difference_mean / 1e6,
                        p.p_cheaper * 100.0
                    ))
                    .on_hover_text(
                        crate::present::summary_table::precision_sentence(&f.results)
                            .unwrap_or_default()
                            + " The widest over the options: more iterations narrow it (four \
                               times as many halve it).",
                    );
                    if let Some(how) = crate::present::summary_table::sampling_sentence(&f.results)
                    {
                        ui.separator();
                        let short = match f.results.correlations.len() {
                            0 => "Latin hypercube".to_string(),
                            1 => format!("{} · 1 rank correlation", f.results.sampling.label()),
                            n => format!("{} · {n} rank correlations", f.results.sampling.label()),
                        };
                        ui.label(short).on_hover_text(how);
                    }
                }
            }
            None => {
                ui.label("No results yet");
            }
        }
        if let Some(message) = view.message {
            ui.separator();
            ui.label(RichText::new(message).weak());
        }
        if let Some(path) = view.exported {
            if ui
                .small_button("Open")
                .on_hover_text(format!(
                    "Open {} with the desktop's program for it.",
                    path.display()
                ))
                .clicked()
            {
                commands.push(Command::OpenExported(path.to_path_buf()));
            }
            if ui
                .small_button("Show in folder")
                .on_hover_text("Open the folder the export was written to.")
                .clicked()
            {
                commands.push(Command::ShowExportFolder(path.to_path_buf()));
            }
        }
    });
}
