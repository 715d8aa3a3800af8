//! File > New from council…: type part of a council's name (or its region or ONS code) and pick
//! it; the app builds the council's scenario from its published figures in a new tab
//! ([`crate::evidence::council`]). This only lists the councils and records the choice.

use egui::{Context, RichText, ScrollArea, TextEdit};

use crate::app::command::Command;
use crate::app::palette;
use crate::evidence::council::{label, search};
use crate::evidence::published::LICENCE;

/// What the window remembers.
#[derive(Default)]
pub struct NewCouncilState {
    pub open: bool,
    /// What is typed in the search box.
    pub search: String,
}

/// The window, when open.
pub fn new_council_window(ctx: &Context, state: &mut NewCouncilState, commands: &mut Vec<Command>) {
    if !state.open {
        return;
    }
    let mut open = true;
    let mut picked = false;
    egui::Window::new("New from council")
        .open(&mut open)
        .default_size([520.0, 460.0])
        .collapsible(false)
        .show(ctx, |ui| {
            let published = match crate::evidence::data::published() {
                Ok(p) => p,
                Err(e) => {
                    ui.label(RichText::new(e.to_string()).color(palette::problem_colour(ui)));
                    return;
                }
            };
            ui.label(
                "A new scenario from a council's published figures: its demand and workforce \
                 (DfE, 2025), every line of its budget (MHCLG revenue outturn 2023-24, uprated), \
                 and in-house, trust and company options, with the trust or company that runs \
                 its service today as the baseline. Every figure has a note saying where it \
                 came from.",
            );
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let name = ui.label("Council");
                let edit = ui
                    .add(
                        TextEdit::singleline(&mut state.search)
                            .hint_text("Part of its name, its region or its ONS code")
                            .desired_width(300.0),
                    )
                    .labelled_by(name.id);
                if state.search.is_empty() && !edit.has_focus() {
                    edit.request_focus();
                }
            });
            let matches = search(published, &state.search);
            ui.label(
                RichText::new(format!("{} councils; pick one", matches.len()))
                    .weak()
                    .size(12.0),
            );
            ScrollArea::vertical()
                .id_salt("new-council-list")
                .max_height(300.0)
                .show(ui, |ui| {
                    for council in matches {
                        if ui
                            .button(label(council))
                            .on_hover_text(format!("{}, {}", council.region, council.kind))
                            .clicked()
                        {
                            commands
                                .push(Command::NewFromCouncil(council.ons_code_current.clone()));
                            picked = true;
                        }
                    }
                });
            ui.add_space(4.0);
            ui.label(RichText::new(LICENCE).weak().size(12.0));
        });
    state.open = open && !picked;
}
