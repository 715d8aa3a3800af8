//! Modal windows: About, the problems of a file that could not be opened, unsaved changes, and
//! typing a path when no file dialog can be shown. Each records the person's choice as a
//! [`Command`]; none acts directly.

use std::path::PathBuf;

use egui::{Context, Id, Modal as EguiModal, RichText, ScrollArea, TextEdit};

use crate::app::command::{Command, Export, Pending, TabId};
use crate::app::files::LoadProblems;
use crate::app::palette;

/// The modal window showing, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    About,
    /// Help > About > Third-party licences.
    Licences,
    /// Help > Guide and glossary.
    Guide,
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
    /// Where to write an export, typed: offered when no file dialog can open, and from the
    /// Export menu. `why` says why no dialog was shown, when none could be.
    ExportPath {
        export: Export,
        text: String,
        why: Option<String>,
        focus: bool,
    },
    /// Something went wrong that the person must know about (a failed save).
    Message {
        title: String,
        text: String,
    },
    /// Autosaves of a session that did not close cleanly: one line each (which scenario, from
    /// which file, when), and a crash report it left, if any. Restore or Discard.
    Recover {
        items: Vec<String>,
        crash: Option<String>,
        /// Puts the keyboard on Restore (the choice that loses nothing) when the window opens.
        focus: bool,
    },
    /// Saving tab `tab` under the name of another file that exists already (`modified`: when
    /// that file was last changed).
    ReplaceOther {
        tab: TabId,
        path: PathBuf,
        modified: Option<String>,
        then: Option<Pending>,
    },
    /// Saving tab `tab` to `path`, which changed on disk since it was opened (`modified`: when).
    ChangedOnDisk {
        tab: TabId,
        path: PathBuf,
        modified: Option<String>,
        then: Option<Pending>,
    },
}

/// Shows the modal; returns the modal to keep showing next frame.
pub fn modal_ui(ctx: &Context, modal: Option<Modal>, commands: &mut Vec<Command>) -> Option<Modal> {
    let mut modal = modal?;
    let mut close = false;
    // Another window to show in this one's place (About and its licences lead to each other).
    let mut next = None;
    let changed = matches!(modal, Modal::ChangedOnDisk { .. });
    let response = EguiModal::new(Id::unique("care-options-modal")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        match &mut modal {
            Modal::About => about(ui, &mut close, &mut next),
            Modal::Licences => super::licences::licences_ui(ui, &mut close, &mut next),
            Modal::Guide => guide(ui, &mut close),
            Modal::LoadProblems(problems) => load_problems(ui, problems, commands, &mut close),
            Modal::Unsaved(pending, name) => unsaved(ui, pending, name, commands, &mut close),
            Modal::TypePath { text, focus } => type_path(ui, text, focus, commands, &mut close),
            Modal::ExportPath {
                export,
                text,
                why,
                focus,
            } => export_path(
                ui,
                *export,
                text,
                why.as_deref(),
                focus,
                commands,
                &mut close,
            ),
            Modal::Message { title, text } => {
                ui.heading(title.as_str());
                ui.label(text.as_str());
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    close = true;
                }
            }
            Modal::Recover {
                items,
                crash,
                focus,
            } => recover(ui, items, crash, focus, commands, &mut close),
            Modal::ChangedOnDisk {
                tab,
                path,
                modified,
                then,
            }
            | Modal::ReplaceOther {
                tab,
                path,
                modified,
                then,
            } => {
                let over = SaveOver {
                    tab: *tab,
                    path,
                    modified,
                    then,
                };
                if changed {
                    changed_on_disk(ui, &over, commands, &mut close);
                } else {
                    replace_other(ui, &over, commands, &mut close);
                }
            }
        }
    });
    // Restore or Discard must be chosen: Escape or a click beside it does not decide.
    if response.should_close() && !matches!(modal, Modal::Recover { .. }) {
        close = true;
    }
    if let Some(next) = next {
        return Some(next);
    }
    (!close).then_some(modal)
}

fn about(ui: &mut egui::Ui, close: &mut bool, next: &mut Option<Modal>) {
    ui.heading("Care Options");
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.add_space(6.0);
    ui.label(
        "Monte Carlo appraisal of how children's social care is delivered: in-house, by an \
         independent children's trust, or by a council-owned community interest company.",
    );
    ui.add_space(6.0);
    ui.label(format!(
        "Licence: {} — free to use, change and share under the MIT licence or the Apache \
         License 2.0, whichever you choose (LICENSE-MIT and LICENSE-APACHE in its source).",
        env!("CARGO_PKG_LICENSE")
    ));
    ui.horizontal(|ui| {
        ui.hyperlink_to("MIT licence", "https://opensource.org/license/mit");
        ui.hyperlink_to(
            "Apache License 2.0",
            "https://www.apache.org/licenses/LICENSE-2.0",
        );
    });
    ui.add_space(6.0);
    ui.label(
        "Contains public sector information licensed under the Open Government Licence v3.0: \
         Department for Education, Children's social work workforce statistics 2017 to 2025, \
         Characteristics of children in need and Children looked after in England 2013 to 2025; \
         Ministry of Housing, Communities and Local Government, Local authority revenue outturn \
         (RO3) 2023-24 (embedded in the program for Evidence > Council benchmarks and File > New \
         from council).",
    );
    ui.hyperlink_to(
        "Open Government Licence v3.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    );
    ui.add_space(6.0);
    ui.label(format!(
        "Built from {} open-source crates by others, each under its own licence.",
        super::licences::notices().crates.len()
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Third-party licences").clicked() {
            *next = Some(Modal::Licences);
        }
        if ui.button("Close").clicked() {
            *close = true;
        }
    });
}

/// A short guide to an appraisal and the glossary of the words the results use.
fn guide(ui: &mut egui::Ui, close: &mut bool) {
    use crate::present::glossary::{GLOSSARY, GUIDE};
    ui.heading("Guide and glossary");
    ScrollArea::vertical().max_height(440.0).show(ui, |ui| {
        ui.set_max_width(620.0);
        ui.label(RichText::new("An appraisal in five steps").strong());
        for step in GUIDE {
            ui.add(egui::Label::new(step).wrap());
        }
        ui.add_space(8.0);
        ui.label(RichText::new("Glossary").strong());
        for (term, meaning) in GLOSSARY {
            ui.add(egui::Label::new(RichText::new(format!("{term}: ")).strong()).wrap());
            ui.indent(term, |ui| {
                ui.add(egui::Label::new(meaning).wrap());
            });
        }
    });
    ui.add_space(8.0);
    if ui.button("Close").clicked() {
        *close = true;
    }
}

/// More problems than this are listed one line each, only those in view laid out.
const LONG_LIST: usize = 200;

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
    if problems.problems.len() <= LONG_LIST {
        ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
            for p in &problems.problems {
                ui.label(RichText::new(p.as_str()).color(colour));
            }
        });
    } else {
        // Thousands of problems (a hostile file): only the rows in view are laid out, one line
        // each, so that every frame stays quick; the whole problem shows on hover.
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        ScrollArea::vertical().max_height(320.0).show_rows(
            ui,
            row_height,
            problems.problems.len(),
            |ui, rows| {
                for p in problems.problems.get(rows).unwrap_or_default() {
                    ui.add(egui::Label::new(RichText::new(p.as_str()).color(colour)).truncate())
                        .on_hover_text(p.as_str());
                }
            },
        );
    }
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

fn export_path(
    ui: &mut egui::Ui,
    export: Export,
    text: &mut String,
    why: Option<&str>,
    focus: &mut bool,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    ui.heading(format!("Export {}", export.what()));
    if let Some(why) = why {
        ui.label(why);
    }
    ui.label(if export.extension().is_some() {
        "Type where to write it. A folder that does not exist yet is created."
    } else {
        "Type the folder to write every chart into. It is created if it does not exist."
    });
    ui.add_space(4.0);
    let label = ui.label("Path");
    let edit = ui
        .add(TextEdit::singleline(text).desired_width(560.0))
        .labelled_by(label.id);
    if std::mem::take(focus) {
        edit.request_focus();
    }
    let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.add_space(8.0);
    let has_path = !text.trim().is_empty();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(has_path, egui::Button::new("Export here"))
            .on_hover_text("Or press Enter.")
            .clicked()
            || (entered && has_path)
        {
            commands.push(Command::ExportTo(export, PathBuf::from(text.trim())));
            *close = true;
        }
        if ui.button("Cancel").clicked() {
            *close = true;
        }
    });
}

fn recover(
    ui: &mut egui::Ui,
    items: &[String],
    crash: &Option<String>,
    focus: &mut bool,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    ui.heading("Restore unsaved changes?");
    if let Some(crash) = crash {
        ui.label(crash.as_str());
        ui.add_space(4.0);
    }
    ui.label(
        "Care Options did not close normally last time, and it had kept these unsaved changes:",
    );
    ui.add_space(4.0);
    ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
        for item in items {
            ui.label(format!("• {item}"));
        }
    });
    ui.add_space(4.0);
    ui.label(
        "Restore opens each in a tab, still unsaved, so that you can look and save it. Discard \
         deletes these copies for good; the files you saved are not touched either way.",
    );
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let restore = ui.button("Restore");
        if std::mem::take(focus) {
            restore.request_focus();
        }
        if restore.clicked() {
            commands.push(Command::RestoreAutosaves);
            *close = true;
        }
        if ui.button("Discard").clicked() {
            commands.push(Command::DiscardAutosaves);
            *close = true;
        }
    });
}

/// A save that would replace a file, waiting for a yes: which tab, where, when that file last
/// changed, and what follows the save.
struct SaveOver<'a> {
    tab: TabId,
    path: &'a std::path::Path,
    modified: &'a Option<String>,
    then: &'a Option<Pending>,
}

impl SaveOver<'_> {
    /// " (last changed 3 minutes ago (…))", where known.
    fn last_changed(&self) -> String {
        self.modified
            .as_ref()
            .map(|m| format!(" (last changed {m})"))
            .unwrap_or_default()
    }

    /// The button that saves over the file, as agreed.
    fn button(
        &self,
        ui: &mut egui::Ui,
        label: &str,
        hover: &str,
        commands: &mut Vec<Command>,
        close: &mut bool,
    ) {
        if ui.button(label).on_hover_text(hover).clicked() {
            commands.push(Command::SaveOverwrite {
                tab: self.tab,
                path: self.path.to_path_buf(),
                then: self.then.clone(),
            });
            *close = true;
        }
    }
}

fn replace_other(
    ui: &mut egui::Ui,
    over: &SaveOver<'_>,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    let name = over.path.file_name().map_or_else(
        || over.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    ui.heading(format!("Replace {name}?"));
    ui.label(over.path.display().to_string());
    ui.add_space(4.0);
    ui.label(format!(
        "A file of this name exists already{}, and it is not the file this scenario was opened \
         from. Replacing it puts this scenario in its place; its present content is kept beside \
         it as {name}.bak.",
        over.last_changed()
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        over.button(
            ui,
            "Replace",
            "Put this scenario in the file's place; its content is kept as .bak beside it.",
            commands,
            close,
        );
        let cancel = ui.button("Cancel");
        // The keyboard starts on Cancel: Enter replaces nothing.
        if ui.memory(|m| m.focused().is_none()) {
            cancel.request_focus();
        }
        if cancel.clicked() {
            *close = true;
        }
    });
}

fn changed_on_disk(
    ui: &mut egui::Ui,
    over: &SaveOver<'_>,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    ui.heading("The file changed on disk");
    ui.label(over.path.display().to_string());
    ui.add_space(4.0);
    ui.label(format!(
        "Someone or something changed this file{} since you opened it here. Saving now would \
         replace their version with yours.",
        over.last_changed()
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        over.button(
            ui,
            "Overwrite",
            "Replace the file with your version; theirs is kept as .bak beside it.",
            commands,
            close,
        );
        if ui
            .button("Save As…")
            .on_hover_text("Keep their file as it is and save yours under another name.")
            .clicked()
        {
            commands.push(Command::SaveAs);
            *close = true;
        }
        if ui.button("Cancel").clicked() {
            *close = true;
        }
    });
}
