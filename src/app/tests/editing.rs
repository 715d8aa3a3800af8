//! Editing as a person does it: values reach the results while they are typed, a distribution
//! keeps its shape (min ≤ mode ≤ max), and a problem appearing never moves the field being edited.

use egui::Key;
use egui_kittest::kittest::Queryable;

use super::{TRUST, app, harness, trust_turnover, up_to_date, wait_for};
use crate::model::Dist;

const MODE: &str = "Children's trust: Annual staff turnover — Most likely";

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
    h.get_by_label_contains("Most likely stops at High (28%)");
    assert_eq!(h.state().problem_count(), 0, "the shape is kept");
}

#[test]
fn a_min_dragged_past_the_mode_stops_at_it() {
    let mut h = harness(app());
    wait_for(&mut h, "the first preview", up_to_date);
    h.get_by_label("Children's trust: Annual staff turnover — Low")
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
    h.get_by_label_contains("Low stops at Most likely (14%)");
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

#[test]
fn an_uncertain_input_is_shown_in_plain_words() {
    let mut h = harness(app());
    h.run();
    // An option's narrow column: the shape by its plain name, its values named on hover and for
    // screen readers.
    let shape = h.get_by_label("Children's trust: Annual staff turnover — shape");
    assert_eq!(shape.value().as_deref(), Some("Smooth peak"));
    h.get_by_label(MODE);
    h.get_by_label("Children's trust: Annual staff turnover — Low");
    h.get_by_label("Children's trust: Annual staff turnover — High");
    assert!(
        h.query_by_label_contains("— mode").is_none(),
        "no box is named in the file's words"
    );
    // A scenario-wide row names each value beside its box.
    h.get_by_label("Demand").click();
    h.run();
    let growth = h.get_by_label("Annual demand growth — shape");
    assert_eq!(growth.value().as_deref(), Some("Smooth peak"));
    assert!(h.get_all_by_label("Most likely").count() >= 1);
    assert!(h.get_all_by_label("Low").count() >= 1);
    // A fixed share: one value, no shape to name beyond "Fixed value".
    let share = h.get_by_label("Looked-after share — shape");
    assert_eq!(share.value().as_deref(), Some("Fixed value"));
    h.get_by_label("Looked-after share — Value");
}

#[test]
fn a_money_field_says_its_problem_in_pounds() {
    let mut h = harness(app());
    h.run();
    h.state_mut().scenario_mut().options[TRUST].setup_cost = Dist::Triangular {
        min: 600_000.0,
        mode: 450_000.0,
        max: 2_500_000.0,
    };
    h.run();
    h.get_by_label("Low £600k is above Most likely £450k");
}
