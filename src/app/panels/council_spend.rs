//! The spending part of Evidence > Council benchmarks: the council's published spend on
//! children's social care by RO3 line (2023-24), per child aged 0–17 beside similar councils, and
//! beside the year-0 cost of each part of the scenario on show. The figures come from
//! [`crate::evidence`]; this only lays them out.

use egui::{RichText, Ui};

use crate::app::palette;
use crate::app::runner::Finished;
use crate::evidence::council::{OUTTURN_SOURCE, OUTTURN_YEAR, child_population, peers};
use crate::evidence::published::{Council, Published};
use crate::model::CostLine;
use crate::model::scenario::{CORE_RO3_LINES, RO3_LINES};
use crate::present::format::{millions, money};

/// How many similar councils the table compares with.
pub const PEERS: usize = 5;

/// The year-0 cost of each RO3 line's part in a run's baseline option, £: the social-work teams
/// stand for safeguarding, the placements for residential care and fostering together (shown on
/// the first of them), each block for its own line.
fn year0_by_line(shown: &Finished) -> Vec<(String, f64)> {
    let results = &shown.results;
    let file = &shown.file;
    let Some(option) = results
        .options
        .iter()
        .find(|o| o.name == file.appraisal.baseline_option)
    else {
        return Vec::new();
    };
    let Some(year) = option.years.first() else {
        return Vec::new();
    };
    let Some(budget) = year.whole_budget.as_ref() else {
        return Vec::new();
    };
    let placements = year.lines.get(CostLine::Placements);
    let blocks: f64 = budget.blocks.0.iter().map(|(_, v)| v).sum();
    let mut out = vec![
        (
            "safeguarding".to_string(),
            year.cost_mean - placements - blocks,
        ),
        ("cla_residential".to_string(), placements),
    ];
    if let Some(b) = &file.budget {
        for block in &b.blocks {
            if let Some(v) = budget.blocks.get(&block.id) {
                out.push((block.ro3_line.clone(), v));
            }
        }
    }
    out
}

/// The spending table for `council`, with the scenario's year 0 from `shown` when a run of a
/// whole-budget scenario is on show.
pub fn spending_ui(
    ui: &mut Ui,
    published: &Published,
    council: &Council,
    shown: Option<&Finished>,
) {
    ui.label(
        RichText::new(format!(
            "Spending on children's social care, {OUTTURN_YEAR}"
        ))
        .strong()
        .size(15.0),
    );
    let Some(outturn) = published.outturn_of(&council.ons_code_current, OUTTURN_YEAR) else {
        ui.label(format!(
            "{} did not return its revenue outturn for {OUTTURN_YEAR} in time for MHCLG's \
             publication.",
            council.name
        ));
        return;
    };
    let children = child_population(published, council);
    let like = peers(published, council, PEERS);
    let year0 = shown.map(year0_by_line).unwrap_or_default();
    let scenario_name = shown.map_or(String::new(), |s| s.file.name.clone());
    ui.label(format!(
        "{}'s gross spend by line ({OUTTURN_SOURCE}), per child aged 0–17, beside the median of \
         {} similar councils ({}, nearest in children aged 0–17: {}){}.",
        council.name,
        like.len(),
        kind_words(&council.kind),
        like.iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        if year0.is_empty() {
            ", and beside the scenario's year 0 once a whole-budget run is on show".to_string()
        } else {
            format!(
                ", and the year-0 cost of the part of \"{scenario_name}\" that stands for each \
                 line (its baseline option, at its start year's prices)"
            )
        }
    ));
    let per_child = |c: &Council, line: &str| -> Option<f64> {
        let o = published.outturn_of(&c.ons_code_current, OUTTURN_YEAR)?;
        Some(o.line(line)? / child_population(published, c)?)
    };
    let mut lines: Vec<(&str, &str)> = RO3_LINES.to_vec();
    lines.push(("total_csc", "Total children's social care"));
    egui::Grid::new("council-spend")
        .num_columns(5)
        .striped(true)
        .spacing([14.0, 3.0])
        .show(ui, |ui| {
            for heading in [
                "RO3 line",
                "£m",
                "£ per child",
                "similar councils, median £ per child",
                "scenario year 0, £m",
            ] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for (key, name) in lines {
                ui.label(name).on_hover_text(key);
                let own = outturn.line(key);
                ui.label(own.map_or("—".to_string(), |v| millions(v, false)));
                ui.label(
                    own.zip(children)
                        .map_or("—".to_string(), |(v, n)| money((v / n).round())),
                );
                let mut theirs: Vec<f64> = like.iter().filter_map(|c| per_child(c, key)).collect();
                theirs.sort_by(f64::total_cmp);
                ui.label(if theirs.is_empty() {
                    "—".to_string()
                } else {
                    money(crate::model::results::percentile_of_sorted(&theirs, 0.5).round())
                });
                let part = if key == "total_csc" {
                    (!year0.is_empty()).then(|| year0.iter().map(|(_, v)| v).sum::<f64>())
                } else if key == "cla_fostering" {
                    None
                } else {
                    year0.iter().find(|(l, _)| l == key).map(|(_, v)| *v)
                };
                let words = match (part, key) {
                    (Some(v), "cla_residential") => {
                        format!("{} (placements, with fostering)", millions(v, false))
                    }
                    (Some(v), "safeguarding") => {
                        format!("{} (social-work teams)", millions(v, false))
                    }
                    (Some(v), _) => millions(v, false),
                    (None, _) => "—".to_string(),
                };
                ui.label(words);
                ui.end_row();
            }
        });
    let core: Vec<&str> = CORE_RO3_LINES.iter().map(|(_, l)| *l).collect();
    ui.label(
        RichText::new(format!(
            "The social-work teams hold every qualified social worker, while councils book some \
             under children looked after and family support; the teams and {} compare as a \
             group, not line by line. Trust and company councils book most of their spend as \
             the payment to it, under other children's and families services.",
            core.join(", ")
        ))
        .weak()
        .size(12.0),
    );
    if shown.is_some_and(|s| s.file.budget.is_none()) {
        ui.label(
            RichText::new(
                "The scenario on show is not a whole-budget scenario (format version 3): its \
                 parts cannot be set beside the lines.",
            )
            .color(palette::problem_colour(ui)),
        );
    }
}

fn kind_words(kind: &str) -> &'static str {
    match kind {
        "UA" => "unitary authorities",
        "MD" => "metropolitan districts",
        "LB" => "London boroughs",
        "SC" => "county councils",
        _ => "councils of its type",
    }
}
