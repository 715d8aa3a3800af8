//! Notes on inputs: a free-text note per field path (source, justification, who agreed it), kept
//! in the scenario file's `notes` map. Each input has a small note button; it is filled when the
//! input has a note, its tooltip shows the note, and clicking it opens the note for editing under
//! the input. Editing a note is a plain edit of the scenario, so it is undone like any other.

use egui::{RichText, TextEdit, Ui};

pub use crate::model::edit::Notes;

/// Which note is open for editing.
#[derive(Debug, Default)]
pub struct NoteState {
    /// Field path of the open note.
    pub open: Option<String>,
    /// Put the cursor in the note box on the next frame.
    focus: bool,
}

impl NoteState {
    pub fn is_open(&self, path: &str) -> bool {
        self.open.as_deref() == Some(path)
    }
}

/// The note button of the input at `path`: a small page, outlined when the input has no note and
/// filled when it has one. `name` is the input's accessible name ("Children's trust: Annual
/// staff turnover"); the button is named "`name` — note".
pub fn note_button(ui: &mut Ui, state: &mut NoteState, notes: &Notes, path: &str, name: &str) {
    let note = notes.get(path).filter(|n| !n.trim().is_empty());
    let open = state.is_open(path);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(14.0, 16.0), egui::Sense::click());
    let label = format!("{name} — note");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let response = response.accessible_name(label.as_str());
    if ui.is_rect_visible(rect) {
        paint_page(ui, rect, note.is_some(), open || response.hovered());
    }
    let hover = match note {
        Some(n) => format!("Note: {n}\n\nClick to edit the note."),
        None => "Add a note: the source of this value, why it was chosen, who agreed it. \
                 Notes are saved in the scenario file."
            .to_string(),
    };
    let response = response.on_hover_text(hover);
    if response.clicked() {
        if open {
            state.open = None;
        } else {
            state.open = Some(path.to_string());
            state.focus = true;
        }
    }
}

/// A page with three lines of writing: filled when there is a note, outlined when not.
fn paint_page(ui: &Ui, rect: egui::Rect, has_note: bool, active: bool) {
    let visuals = ui.visuals();
    let ink = if active {
        visuals.strong_text_color()
    } else if has_note {
        visuals.text_color()
    } else {
        visuals.weak_text_color()
    };
    let page = egui::Rect::from_center_size(rect.center(), egui::vec2(10.0, 13.0));
    let painter = ui.painter();
    if has_note {
        painter.rect_filled(page, 1.5, ink);
    } else {
        painter.rect_stroke(
            page,
            1.5,
            egui::Stroke::new(1.0, ink),
            egui::StrokeKind::Inside,
        );
    }
    let line = if has_note {
        visuals.extreme_bg_color
    } else {
        ink
    };
    for k in 1..=3 {
        let y = page.top() + 3.0 * k as f32;
        painter.line_segment(
            [
                egui::pos2(page.left() + 2.5, y),
                egui::pos2(page.right() - 2.5, y),
            ],
            egui::Stroke::new(1.0, line),
        );
    }
}

/// The note box of the input at `path`, when its note is open. Typing writes straight into the
/// scenario's notes (an empty note is removed), so the window's undo covers it.
pub fn note_editor(
    ui: &mut Ui,
    state: &mut NoteState,
    notes: &mut Notes,
    path: &str,
    name: &str,
    width: f32,
) {
    if !state.is_open(path) {
        return;
    }
    let mut text = notes.get(path).cloned().unwrap_or_default();
    let edit = ui
        .add(
            TextEdit::multiline(&mut text)
                .frame(
                    egui::Frame::new()
                        .fill(ui.visuals().extreme_bg_color)
                        .stroke(ui.visuals().widgets.inactive.bg_stroke)
                        .inner_margin(4.0),
                )
                .desired_width(width)
                .desired_rows(2)
                .hint_text("Source, justification, who agreed it…"),
        )
        .accessible_name(format!("{name} — note text"));
    if std::mem::take(&mut state.focus) {
        edit.request_focus();
    }
    if edit.changed() {
        if text.trim().is_empty() {
            notes.remove(path);
        } else {
            notes.insert(path.to_string(), text);
        }
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .small_button("Close note")
            .on_hover_text(format!(
                "The note is saved in the scenario file, on {path}."
            ))
            .clicked()
        {
            state.open = None;
        }
        ui.label(RichText::new("Saved with the scenario").weak().size(11.5));
    });
}

/// A tooltip with the input's note, if it has one, after its other text. A note that starts on a
/// new line is a list of notes (one per option).
pub fn with_note(hover: String, note: Option<&String>) -> String {
    match note.filter(|n| !n.trim().is_empty()) {
        Some(n) if n.starts_with('\n') => format!("{hover}\n\nNotes:{n}"),
        Some(n) => format!("{hover}\n\nNote: {n}"),
        None => hover,
    }
}

/// The notes in the window, driven as a person would.
#[cfg(test)]
mod window_tests {
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable;

    use crate::app::tests::{app, harness, up_to_date, wait_for};

    #[test]
    fn a_note_typed_beside_an_input_is_saved_in_the_scenario_and_undone_like_an_edit() {
        let mut h = harness(app());
        wait_for(&mut h, "the first preview", up_to_date);
        let path = "options[Children's trust].agency_cover";
        let shipped = h.state().scenario().notes.get(path).cloned();
        assert!(shipped.is_some(), "the default scenario cites its sources");

        let button = "Children's trust: Agency cover — note";
        h.get_by_label(button).scroll_to_me();
        h.run();
        h.get_by_label(button).click();
        h.run();
        // The box opens with the cursor in it: replace the shipped note.
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_label("Children's trust: Agency cover — note text")
            .type_text("Agreed with the section 151 officer, March 2026");
        h.run();
        h.get_by_label("Close note").click();
        h.run();
        assert_eq!(
            h.state().scenario().notes[path],
            "Agreed with the section 151 officer, March 2026"
        );
        // A note changes no result: no run starts, and the results shown stay current.
        assert!(!h.state().is_running());
        let shown = h.state().shown().unwrap();
        assert!(shown.file.same_inputs(h.state().scenario()));
        assert!(h.state().is_dirty());

        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert_eq!(h.state().scenario().notes.get(path), shipped.as_ref());
    }

    #[test]
    fn renaming_a_placement_in_the_editor_takes_its_notes_along() {
        let mut h = harness(app());
        h.get_by_role_and_label(egui::accesskit::Role::DisclosureTriangle, "Placements")
            .click();
        h.run();
        let old = "placements.mix[Children's homes].weekly_cost";
        let note = h.state().scenario().notes[old].clone();
        let field = h.get_by_label("Placement 4 name");
        field.scroll_to_me();
        field.click();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_label("Placement 4 name")
            .type_text("Residential homes");
        h.key_press(Key::Enter);
        h.run();
        let file = h.state().scenario();
        assert_eq!(file.placements.mix[3].name, "Residential homes");
        assert!(!file.notes.contains_key(old));
        assert_eq!(
            file.notes["placements.mix[Residential homes].weekly_cost"],
            note
        );
        assert!(
            file.notes
                .contains_key("placements.mix[Residential homes].share")
        );
        // The rename is one step to undo, notes and all.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        let file = h.state().scenario();
        assert_eq!(file.placements.mix[3].name, "Children's homes");
        assert_eq!(file.notes[old], note);
    }
}
