//! Modal windows: About, the problems of a file that could not be opened, unsaved changes, and
//! typing a path when no file dialog can be shown. Each records the person's choice as a
//! [`Command`]; none acts directly.

use std::path::PathBuf;

use egui::{Context, Id, Modal as EguiModal, RichText, ScrollArea, TextEdit};

use super::files::LoadProblems;
use super::{Command, Pending, palette};

/// The modal window showing, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    About,
    /// A file that could not be opened, with every problem.
    LoadProblems(Box<LoadProblems>),
    /// Closing a tab, or quitting, with unsaved changes: what waits, and the scenario's name.
    Unsaved(Pending, String),
    /// A path typed by hand, for when no file dialog can be shown; `focus` puts the cursor in the
    /// box when the window opens.
    TypePath {
        text: String,
        focus: bool,
    },
    /// Something went wrong that the person must know about (a failed save).
    Message {
        title: String,
        text: String,
    },
}

/// Shows the modal; returns the modal to keep showing next frame.
pub fn modal_ui(ctx: &Context, modal: Option<Modal>, commands: &mut Vec<Command>) -> Option<Modal> {
    let mut modal = modal?;
    let mut close = false;
    let response = EguiModal::new(Id::unique("care-options-modal")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        match &mut modal {
            Modal::About => about(ui, &mut close),
            Modal::LoadProblems(problems) => load_problems(ui, problems, commands, &mut close),
            Modal::Unsaved(pending, name) => unsaved(ui, pending, name, commands, &mut close),
            Modal::TypePath { text, focus } => type_path(ui, text, focus, commands, &mut close),
            Modal::Message { title, text } => {
                ui.heading(title.as_str());
                ui.label(text.as_str());
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    close = true;
                }
            }
        }
    });
    if response.should_close() {
        close = true;
    }
    (!close).then_some(modal)
}

fn about(ui: &mut egui::Ui, close: &mut bool) {
    ui.heading("Care Options");
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.add_space(6.0);
    ui.label(
        "Monte Carlo appraisal of how children's social care is delivered: in-house, by an \
         independent children's trust, or by a council-owned community interest company.",
    );
    ui.add_space(6.0);
    ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
    ui.add_space(6.0);
    ui.label(
        "Contains public sector information licensed under the Open Government Licence v3.0: \
         Department for Education, Children's social work workforce statistics 2017 to 2023 \
         (embedded in the program for Evidence > Council benchmarks).",
    );
    ui.hyperlink_to(
        "Open Government Licence v3.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    );
    ui.add_space(8.0);
    if ui.button("Close").clicked() {
        *close = true;
    }
}

fn load_problems(
    ui: &mut egui::Ui,
    problems: &LoadProblems,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    ui.heading("This file could not be opened");
    ui.label(problems.path.display().to_string());
    ui.add_space(4.0);
    ui.label(format!(
        "{} problem{} found. The scenario in the window has not changed.",
        problems.problems.len(),
        if problems.problems.len() == 1 {
            ""
        } else {
            "s"
        }
    ));
    ui.add_space(4.0);
    let colour = palette::problem_colour(ui);
    ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
        for p in &problems.problems {
            ui.label(RichText::new(p.as_str()).color(colour));
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Close").clicked() {
            *close = true;
        }
        if let Some(file) = &problems.parsed
            && ui
                .button("Open it anyway to fix it")
                .on_hover_text(
                    "Opens the scenario with its problems marked in red in the editor; results \
                     appear once they are fixed.",
                )
                .clicked()
        {
            commands.push(Command::OpenAnyway(problems.path.clone(), file.clone()));
            *close = true;
        }
    });
}

fn unsaved(
    ui: &mut egui::Ui,
    pending: &Pending,
    name: &str,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    ui.heading("Save changes?");
    ui.label(format!(
        "“{name}” has unsaved changes. Save them before {}?",
        match pending {
            Pending::Close(_) => "closing it",
            Pending::Quit => "quitting",
        }
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            commands.push(Command::SaveThen(pending.clone()));
            *close = true;
        }
        if ui.button("Discard").clicked() {
            commands.push(Command::Proceed(pending.clone()));
            *close = true;
        }
        if ui.button("Cancel").clicked() {
            *close = true;
        }
    });
}

fn type_path(
    ui: &mut egui::Ui,
    text: &mut String,
    focus: &mut bool,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    ui.heading("Type a path");
    ui.label(
        "For when no file dialog appears (some desktops have no file-dialog service). Type the \
         full path of a .ron scenario file.",
    );
    ui.add_space(4.0);
    let label = ui.label("Path");
    let edit = ui
        .add(
            TextEdit::singleline(text)
                .desired_width(560.0)
                .hint_text("/home/me/scenarios/option-appraisal.ron"),
        )
        .labelled_by(label.id);
    if std::mem::take(focus) {
        edit.request_focus();
    }
    let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.add_space(8.0);
    let path = PathBuf::from(text.trim());
    let has_path = !text.trim().is_empty();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(has_path, egui::Button::new("Open"))
            .on_hover_text("Or press Enter.")
            .clicked()
            || (entered && has_path)
        {
            commands.push(Command::OpenPath(path.clone()));
            *close = true;
        }
        if ui
            .add_enabled(has_path, egui::Button::new("Save here"))
            .clicked()
        {
            commands.push(Command::SaveTo(path.clone()));
            *close = true;
        }
        if ui.button("Cancel").clicked() {
            *close = true;
        }
    });
}
