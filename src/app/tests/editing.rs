//! Editing as a person does it: values reach the results while they are typed, a distribution
//! keeps its shape (min ≤ mode ≤ max), and a problem appearing never moves the field being edited.

use egui::Key;
use egui_kittest::kittest::Queryable;

use super::{TRUST, app, harness, trust_turnover, up_to_date, wait_for};
use crate::model::Dist;

const MODE: &str = "Children's trust: Annual staff turnover — mode";

#[test]
fn a_value_reaches_the_scenario_and_the_preview_while_it_is_typed() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.get_by_label(MODE).scroll_to_me();
    h.run();
    h.get_by_label(MODE).click();
    h.run();
    h.get_by_label(MODE).type_text("21");
    h.run();
    // No Enter, and the box still has the keyboard: the value is in the scenario already.
    assert!(h.get_by_label(MODE).is_focused());
    assert_eq!(
        trust_turnover(h.state()),
        Dist::Pert {
            min: 0.08,
            mode: 0.21,
            max: 0.28
        }
    );
    // A moment after typing stops, the preview runs on the value as typed.
    wait_for(&mut h, "the preview of the typed value", |a| {
        up_to_date(a) && a.shown().unwrap().file.options[TRUST].annual_turnover == trust_turnover(a)
    });
    assert!(
        h.get_by_label(MODE).is_focused(),
        "typing is not interrupted"
    );
}

#[test]
fn a_mode_typed_past_the_max_stops_at_it_and_says_so() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.get_by_label(MODE).scroll_to_me();
    h.run();
    h.get_by_label(MODE).click();
    h.run();
    h.get_by_label(MODE).type_text("45");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        trust_turnover(h.state()),
        Dist::Pert {
            min: 0.08,
            mode: 0.28,
            max: 0.28
        },
        "the mode stops at the max, which stays where it was"
    );
    h.get_by_label_contains("mode stops at max (28%)");
    assert_eq!(h.state().problem_count(), 0, "the shape is kept");
}

#[test]
fn a_min_dragged_past_the_mode_stops_at_it() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.get_by_label("Children's trust: Annual staff turnover — min")
        .set_value_accesskit(20.0);
    h.run();
    assert_eq!(
        trust_turnover(h.state()),
        Dist::Pert {
            min: 0.14,
            mode: 0.14,
            max: 0.28
        }
    );
    h.get_by_label_contains("min stops at mode (14%)");
}

#[test]
fn a_problem_appearing_does_not_move_the_field_being_edited() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.get_by_label(MODE).scroll_to_me();
    h.run();
    let before = h.get_by_label(MODE).rect();
    // A problem in the same row (in-house's turnover, beside the trust's): the list of problems
    // appears below the editor, and the row's own red lines below its boxes.
    h.state_mut().scenario_mut().options[0].annual_turnover = Dist::Pert {
        min: 0.5,
        mode: 0.1,
        max: 0.6,
    };
    h.run();
    assert!(h.state().problem_count() > 0, "the scenario has a problem");
    h.get_by_label_contains("to fix before results can update");
    assert_eq!(h.get_by_label(MODE).rect(), before);
}
