//! Editing one uncertain input: its distribution family, its parameters in the field's own unit,
//! the P10–P90 range it implies, and any validation problem right where it is typed, all in the
//! plain words of [`crate::present::plain`] (Smooth peak; Low, Most likely, High).

use std::collections::HashMap;

use egui::{DragValue, RichText, Ui};

use crate::model::dist::{Dist, Family, Range};
use crate::model::maths::Maths;

use super::fields::{FieldSpec, Unit};
use crate::app::palette;
use crate::present::format::{MoneyDetail, short_money, trim_number};
use crate::present::implied::{Implied, SKETCH_BINS, implied_range, range_text};
use crate::present::plain::{
    family_help, family_meaning, family_plain_name, family_technical_name, field_problems,
    parameter_hover, parameter_plain_name, shown_value,
};

/// Cached ranges kept before the cache is emptied (dragging a value makes a new entry per step).
const CACHE_LIMIT: usize = 4_096;

/// Least width of the family box; a longer plain name ("Smooth peak") widens it, still within an
/// option's narrow column at 1366 pixels.
const FAMILY_BOX_WIDTH: f32 = 80.0;

type Key = [u64; 6];

/// P10–P90 and density sketch of each distribution seen, computed once.
#[derive(Default)]
pub struct DistCache {
    implied: HashMap<Key, Option<Implied>>,
}

impl DistCache {
    /// P10 and P90 of the clamped draws, or None when the distribution cannot be drawn from.
    pub fn p10_p90(&mut self, dist: &Dist, range: Range) -> Option<(f64, f64)> {
        self.implied(dist, range).map(|i| (i.p10, i.p90))
    }

    /// Everything the editor shows about a distribution, or None when it cannot be drawn from.
    pub fn implied(&mut self, dist: &Dist, range: Range) -> Option<Implied> {
        let key = key(dist, range);
        if let Some(found) = self.implied.get(&key) {
            return *found;
        }
        if self.implied.len() >= CACHE_LIMIT {
            self.implied.clear();
        }
        let computed = implied_range(dist, range, Maths::Portable);
        self.implied.insert(key, computed);
        computed
    }
}

fn key(dist: &Dist, range: Range) -> Key {
    let family = Family::ALL
        .iter()
        .position(|f| *f == dist.family())
        .unwrap_or(0) as u64;
    let mut k = [family, 0, 0, 0, range.min.to_bits(), range.max.to_bits()];
    for (slot, (_, value)) in k[1..4].iter_mut().zip(dist.parameters()) {
        *slot = value.to_bits();
    }
    k
}

/// A small bar sketch of a distribution's shape, scaled to its tallest bar.
fn density_sketch(ui: &mut Ui, density: &[f32; SKETCH_BINS]) {
    let size = egui::vec2(1.5 * SKETCH_BINS as f32, 14.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let tallest = density.iter().copied().fold(0.0f32, f32::max);
    if tallest <= 0.0 {
        return;
    }
    let colour = ui.visuals().weak_text_color();
    let bar = rect.width() / SKETCH_BINS as f32;
    for (i, d) in density.iter().enumerate() {
        let height = rect.height() * d / tallest;
        let x = rect.left() + i as f32 * bar;
        ui.painter().rect_filled(
            egui::Rect::from_min_max(
                egui::pos2(x, rect.bottom() - height),
                egui::pos2(x + bar * 0.85, rect.bottom()),
            ),
            0.0,
            colour,
        );
    }
    response.on_hover_text(
        "The shape of this distribution: how often each value comes up, from its 1st to its \
         99th percentile.",
    );
}

/// Mutable access to a distribution's parameters, in the order of [`Dist::parameters`].
fn parameters_mut(dist: &mut Dist) -> Vec<&mut f64> {
    match dist {
        Dist::Fixed(x) => vec![x],
        Dist::Uniform { min, max } => vec![min, max],
        Dist::Triangular { min, mode, max } | Dist::Pert { min, mode, max } => {
            vec![min, mode, max]
        }
        Dist::Normal { mean, sd } | Dist::LogNormal { mean, sd } => vec![mean, sd],
    }
}

/// How much room an editor has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One line: family, named parameters, implied range.
    Wide,
    /// A narrow column cell: family and implied range above, parameters below.
    Compact,
}

/// Edits one distribution. `name` is the accessible name of the field ("Children's trust:
/// Annual staff turnover"); each value box is named "`name` — `parameter`" with the parameter's
/// plain name ("— Most likely"), the family box "`name` — shape". `trailing` draws at
/// the right end of the parameters' row in the compact layout (the note button). Returns true
/// when the distribution changed.
#[allow(clippy::too_many_arguments)]
pub fn dist_editor(
    ui: &mut Ui,
    dist: &mut Dist,
    spec: &FieldSpec,
    range: Range,
    name: &str,
    problems: Option<&Vec<String>>,
    cache: &mut DistCache,
    layout: Layout,
    trailing: Option<&mut dyn FnMut(&mut Ui)>,
) -> bool {
    let mut changed = false;
    ui.vertical(|ui| {
        let family_row = |ui: &mut Ui, changed: &mut bool, dist: &mut Dist| {
            let mut family = dist.family();
            let combo = egui::ComboBox::from_id_salt((name, "family"))
                .selected_text(family_plain_name(family))
                .width(FAMILY_BOX_WIDTH)
                .show_ui(ui, |ui| {
                    for f in Family::ALL {
                        ui.selectable_value(&mut family, f, family_plain_name(f))
                            .on_hover_text(format!(
                                "{}: {}",
                                family_technical_name(f),
                                family_meaning(f)
                            ));
                    }
                });
            combo
                .response
                .accessible_name(format!("{name} — shape"))
                // Built only while hovered: every distribution field draws this box each frame.
                .on_hover_ui(|ui| {
                    ui.label(family_help());
                });
            if family != dist.family() {
                *dist = dist.as_family(family, range, spec.unit.min_spread());
                *changed = true;
            }
        };
        match layout {
            Layout::Wide => {
                ui.horizontal_wrapped(|ui| {
                    family_row(ui, &mut changed, dist);
                    changed |= parameter_boxes(ui, dist, spec.unit, name, true);
                    implied_label(ui, dist, spec.unit, range, cache, true);
                });
            }
            Layout::Compact => {
                // Wraps rather than spilling into the next option's column.
                ui.horizontal_wrapped(|ui| {
                    family_row(ui, &mut changed, dist);
                    implied_label(ui, dist, spec.unit, range, cache, false);
                });
                ui.horizontal(|ui| {
                    changed |= parameter_boxes(ui, dist, spec.unit, name, false);
                    if let Some(trailing) = trailing {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), trailing);
                    }
                });
            }
        }
        stopped_notice(ui, name);
        // In the units and words on screen, not the file's.
        let problems = problems.map(|p| field_problems(p, dist, spec.unit, range));
        problem_lines(ui, problems.as_ref());
    });
    changed
}

/// Red lines under a field, one per problem.
pub fn problem_lines(ui: &mut Ui, problems: Option<&Vec<String>>) {
    if let Some(problems) = problems {
        let colour = palette::problem_colour(ui);
        for p in problems {
            ui.label(RichText::new(p.as_str()).color(colour).size(12.5));
        }
    }
}

/// A flag under a field: its value lies beyond every English council's published figure. Shown
/// in the theme's warning colour, not as a problem: the scenario still runs.
pub fn flag_lines(ui: &mut Ui, flag: Option<&String>) {
    if let Some(flag) = flag {
        ui.add(
            egui::Label::new(
                RichText::new(flag.as_str())
                    .color(ui.visuals().warn_fg_color)
                    .size(12.0),
            )
            .wrap(),
        );
    }
}

/// How long the line saying a value stopped at its neighbour stays up, in seconds.
const STOPPED_NOTICE_SECONDS: f64 = 4.0;

/// Value boxes for each parameter, named in plain words (Low, Most likely, High; Average, Spread
/// (SD)) with the file's name on hover. Where the parameters are ordered (Low ≤ Most likely ≤
/// High), a value dragged or typed past its neighbour stops at it, and a line under the boxes says
/// so: the shape is kept and the neighbour is never moved behind the person's back.
fn parameter_boxes(ui: &mut Ui, dist: &mut Dist, unit: Unit, name: &str, named: bool) -> bool {
    let parameters = dist.parameters();
    let ordered = matches!(
        dist,
        Dist::Uniform { .. } | Dist::Triangular { .. } | Dist::Pert { .. }
    );
    let mut changed = false;
    let count = parameters.len();
    let notice_id = egui::Id::unique((name, "stopped-at-neighbour"));
    let now = ui.input(|i| i.time);
    for (i, ((param, _), value)) in parameters.iter().zip(parameters_mut(dist)).enumerate() {
        // A spread is a distance, not a level: shown in the unit's scale but never as "pp".
        let plain = parameter_plain_name(param);
        let label = if named && count > 1 {
            Some(ui.label(RichText::new(plain).weak()).on_hover_ui(|ui| {
                ui.label(parameter_hover(param));
            }))
        } else {
            None
        };
        let response = number_box(ui, value, unit, &format!("{name} — {plain}"));
        let response = match label {
            Some(l) => response.labelled_by(l.id),
            None => response.on_hover_ui(|ui| {
                ui.label(parameter_hover(param));
            }),
        };
        if response.changed() && ordered {
            let below = i.checked_sub(1).and_then(|j| parameters.get(j));
            let above = parameters.get(i + 1);
            let stop = match (below, above) {
                (Some(&(neighbour, at)), _) if *value < at => Some((neighbour, at)),
                (_, Some(&(neighbour, at))) if *value > at => Some((neighbour, at)),
                _ => None,
            };
            if let Some((neighbour, at)) = stop {
                *value = at;
                let neighbour = parameter_plain_name(neighbour);
                let notice = format!(
                    "{plain} stops at {neighbour} ({}): move {neighbour} first to go further.",
                    shown_value(unit, at)
                );
                ui.data_mut(|d| d.insert_temp(notice_id, (notice, now)));
            }
        }
        changed |= response.changed();
        if !named && i + 1 < count {
            ui.label(RichText::new("·").weak());
        }
    }
    if let Some((notice, since)) = ui.data(|d| d.get_temp::<(String, f64)>(notice_id)) {
        if now - since < STOPPED_NOTICE_SECONDS {
            // Shown under the boxes until it expires; nothing above it moves.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(
                    STOPPED_NOTICE_SECONDS - (now - since),
                ));
            ui.data_mut(|d| d.insert_temp(notice_id.with("show"), notice));
        } else {
            ui.data_mut(|d| {
                d.remove::<(String, f64)>(notice_id);
                d.remove::<String>(notice_id.with("show"));
            });
        }
    }
    changed
}

/// The line under a distribution's boxes saying a value stopped at its neighbour, while it is up.
fn stopped_notice(ui: &mut Ui, name: &str) {
    let notice_id = egui::Id::unique((name, "stopped-at-neighbour")).with("show");
    if let Some(notice) = ui.data(|d| d.get_temp::<String>(notice_id)) {
        ui.add(
            egui::Label::new(
                RichText::new(notice)
                    .color(ui.visuals().warn_fg_color)
                    .size(12.0),
            )
            .wrap(),
        );
    }
}

/// A value box in the field's unit: percentages as 15.5%, money with thousands separators.
/// The stored value follows each keystroke, so the live preview re-runs as the person types
/// (a moment after typing stops); the undo history records the edit once the box is left.
pub fn number_box(ui: &mut Ui, value: &mut f64, unit: Unit, accessible: &str) -> egui::Response {
    let scale = unit.scale();
    let mut shown = *value * scale;
    let before = shown;
    let mut drag = DragValue::new(&mut shown)
        .speed(unit.drag_speed(before))
        .update_while_editing(true);
    if unit.is_money() {
        drag = drag
            .custom_formatter(|n, _| short_money(n, MoneyDetail::Typed))
            .custom_parser(parse_money);
    } else {
        let suffix = unit.suffix();
        drag = drag
            .custom_formatter(move |n, _| format!("{}{suffix}", trim_number(n, 4)))
            .custom_parser(parse_number);
    }
    let response = ui.add(drag).accessible_name(accessible);
    if shown != before && shown.is_finite() {
        *value = shown / scale;
    }
    response
}

/// Reads "15.5%", "3 pp", "1.5×" or "2,200".
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches(['%', '×'])
        .trim_end_matches("pp")
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    cleaned.parse().ok()
}

/// Reads "£4,000,000", "4000000", "-1,200" or "−£1,200".
pub fn parse_money(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '£' | ',' | ' ' | '_'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let cleaned = cleaned.to_lowercase();
    if let Some(m) = cleaned.strip_suffix('m') {
        return m.parse::<f64>().ok().map(|x| x * 1e6);
    }
    if let Some(k) = cleaned.strip_suffix('k') {
        return k.parse::<f64>().ok().map(|x| x * 1e3);
    }
    cleaned.parse().ok()
}

/// The P10–P90 a distribution implies, in grey; `named` writes "P10–P90" before it (narrow
/// columns explain the grey range once, above them).
fn implied_label(
    ui: &mut Ui,
    dist: &Dist,
    unit: Unit,
    range: Range,
    cache: &mut DistCache,
    named: bool,
) {
    if dist.is_fixed() {
        return;
    }
    if let Some(Implied { p10, p90, density }) = cache.implied(dist, range) {
        density_sketch(ui, &density);
        let prefix = if named { "P10–P90 " } else { "" };
        ui.label(
            RichText::new(format!("{prefix}{}", range_text(unit, p10, p90)))
                .weak()
                .size(11.5),
        )
        .on_hover_text(
            "The range this distribution implies: 10% of draws fall below the first figure and \
             10% above the second (after clamping to the field's allowed range).",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implied_range_of_a_uniform_is_its_deciles() {
        let mut cache = DistCache::default();
        let d = Dist::Uniform { min: 0.0, max: 1.0 };
        let (p10, p90) = cache.p10_p90(&d, Range::UNIT).unwrap();
        assert!((p10 - 0.1).abs() < 1e-12, "{p10}");
        assert!((p90 - 0.9).abs() < 1e-12, "{p90}");
        assert_eq!(cache.p10_p90(&d, Range::UNIT), Some((p10, p90)));
    }

    #[test]
    fn money_reads_as_typed() {
        assert_eq!(parse_money("£4,000,000"), Some(4e6));
        assert_eq!(parse_money("−£1,200"), Some(-1200.0));
        assert_eq!(parse_money("2.5m"), Some(2.5e6));
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_number("15.5%"), Some(15.5));
        assert_eq!(range_text(Unit::Percent, 0.104, 0.172), "10.4–17.2%");
        assert_eq!(
            range_text(Unit::PercentagePoints, -0.005, 0.017),
            "−0.5–1.7 pp"
        );
        assert_eq!(range_text(Unit::Pounds, 2.9e6, 5.6e6), "£2.9m–£5.6m");
        for x in [4e6, 2.5e6, 45_000.0, 42_500.0, 6_000.0, 950.0, -1_200.0] {
            let shown = short_money(x, MoneyDetail::Typed);
            assert_eq!(parse_money(&shown), Some(x), "{x}");
        }
        assert_eq!(parse_number(" 3 pp"), Some(3.0));
        assert_eq!(parse_number("−1.5"), Some(-1.5));
    }
}
