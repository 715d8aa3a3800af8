//! The compare view's table and sentences: each option's cost and quality in every scenario, its
//! difference from A, and the chance it costs less there than in A, in figures and in words.

use egui::{Grid, RichText, Ui};

use crate::model::OptionResult;
use crate::model::compare::{CostComparison, Futures, Pairing, compare_npc};
use crate::model::diff::pair_by_name_then_kind;
use crate::present::{gbp_m, gbp_m_signed, percent, thousands};

use super::{Entry, MAX_COMPARED, SCENARIO_COLOURS};

/// One row per option and scenario.
pub(super) struct Row<'a> {
    /// The position of its scenario among the entries.
    pub(super) entry: usize,
    pub(super) option: &'a OptionResult,
    /// Against the same option in A, for B onwards.
    pub(super) against_a: Option<CostComparison>,
}

/// Options grouped as matched across the scenarios: A's options in order, each followed by its
/// counterpart in every other scenario, then options no other scenario has.
pub(super) fn grouped_rows<'a>(entries: &[Entry<'a>]) -> Vec<Vec<Row<'a>>> {
    let Some(a) = entries.first() else {
        return Vec::new();
    };
    let a_options = &a.finished.results.options;
    let mut groups: Vec<Vec<Row<'a>>> = a_options
        .iter()
        .map(|o| {
            vec![Row {
                entry: 0,
                option: o,
                against_a: None,
            }]
        })
        .collect();
    let mut leftovers = Vec::new();
    for (k, e) in entries.iter().enumerate().skip(1) {
        let options = &e.finished.results.options;
        let key = |o: &'a OptionResult| (o.name.as_str(), o.kind);
        let keys_a: Vec<_> = a_options.iter().map(key).collect();
        let keys_e: Vec<_> = options.iter().map(key).collect();
        for (i, j) in pair_by_name_then_kind(&keys_a, &keys_e) {
            match (i, j) {
                (Some(i), Some(j)) => {
                    let against_a = compare_npc(
                        &options[j].samples.npc,
                        Futures::of(&e.finished.results),
                        &a_options[i].samples.npc,
                        Futures::of(&a.finished.results),
                    );
                    groups[i].push(Row {
                        entry: k,
                        option: &options[j],
                        against_a,
                    });
                }
                (None, Some(j)) => leftovers.push(vec![Row {
                    entry: k,
                    option: &options[j],
                    against_a: None,
                }]),
                _ => {}
            }
        }
    }
    groups.extend(leftovers);
    groups
}

const TABLE_COLUMNS: [(&str, &str); 10] = [
    (
        "Option",
        "Matched across scenarios by name, or by kind when renamed.",
    ),
    ("Scenario", "Which scenario's run the row comes from."),
    (
        "NPC mean",
        "Net present cost: mean over the simulated futures, £m at each scenario's start-year prices.",
    ),
    ("P10", "10% of futures cost less than this (£m)."),
    ("P90", "90% of futures cost less than this (£m)."),
    (
        "Quality",
        "Quality index (0–100), averaged over the years and the futures.",
    ),
    (
        "vs A: NPC",
        "Mean NPC here minus the same option's mean NPC in A (£m; negative = cheaper here).",
    ),
    (
        "vs A:\nquality",
        "Mean quality here minus the same option's in A (index points; positive = better here).",
    ),
    (
        "P(cheaper\nthan in A)",
        "Share of futures in which the option costs less here than in A: paired future by future \
         when the seeds match, otherwise every future against every other.",
    ),
    (
        "P(same\nas in A)",
        "Share of paired futures in which the option costs exactly the same here as in A: what \
         the scenarios change does not reach it.",
    ),
];

pub(super) fn table_ui(ui: &mut Ui, entries: &[Entry<'_>], groups: &[Vec<Row<'_>>]) {
    ui.label(
        RichText::new("Net present cost and quality, scenario by scenario")
            .strong()
            .size(15.0),
    );
    Grid::new("compare-table")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for (title, help) in TABLE_COLUMNS {
                ui.label(RichText::new(title).strong()).on_hover_text(help);
            }
            ui.end_row();
            for group in groups {
                for (r, row) in group.iter().enumerate() {
                    let e = &entries[row.entry];
                    if r == 0 {
                        ui.label(RichText::new(&row.option.name).strong());
                    } else if row.option.name != group[0].option.name {
                        ui.label(RichText::new(format!("  ({})", row.option.name)).weak());
                    } else {
                        ui.label("");
                    }
                    ui.horizontal(|ui| {
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                        ui.painter().rect_filled(
                            rect,
                            2.0,
                            SCENARIO_COLOURS[row.entry % MAX_COMPARED],
                        );
                        ui.label(e.letter.to_string()).on_hover_text(&e.label);
                    });
                    let o = row.option;
                    ui.label(gbp_m(o.npc.mean));
                    ui.label(gbp_m(o.npc.p10));
                    ui.label(gbp_m(o.npc.p90));
                    ui.label(format!("{:.1}", o.mean_quality()));
                    match (row.entry, &row.against_a) {
                        (0, _) => {
                            ui.label(RichText::new("reference").weak());
                            for _ in 0..3 {
                                ui.label("");
                            }
                        }
                        (_, Some(c)) => {
                            // The comparison is "here" first, A second.
                            ui.label(gbp_m_signed(c.mean_difference));
                            ui.label(format!(
                                "{:+.1}",
                                o.mean_quality() - group[0].option.mean_quality()
                            ));
                            ui.label(percent(c.p_first_cheaper))
                                .on_hover_text(chance_words(c, &o.name, e.letter));
                            ui.label(match c.pairing {
                                Pairing::ByIteration { .. } => percent(c.p_same),
                                Pairing::Independent { .. } => "not paired".to_string(),
                            });
                        }
                        (_, None) => {
                            ui.label(RichText::new("not in A").weak());
                            for _ in 0..3 {
                                ui.label("");
                            }
                        }
                    }
                    ui.end_row();
                }
            }
        });
}

/// What each scenario does to each option, in a sentence: the chance it costs less than in A,
/// the mean difference, and quality.
pub(super) fn findings_ui(ui: &mut Ui, entries: &[Entry<'_>], groups: &[Vec<Row<'_>>]) {
    for group in groups {
        let Some(first) = group.first().filter(|r| r.entry == 0) else {
            continue;
        };
        for row in group.iter().skip(1) {
            let Some(c) = &row.against_a else { continue };
            let e = &entries[row.entry];
            let name = &first.option.name;
            let text = if matches!(c.pairing, Pairing::ByIteration { .. }) && c.p_same >= 1.0 {
                format!(
                    "{name}: the same cost under {} as under A in every paired future; nothing \
                     {} changes reaches it.",
                    e.letter, e.letter
                )
            } else {
                let futures = match c.pairing {
                    Pairing::ByIteration { .. } => "of the same futures",
                    Pairing::Independent { .. } => "of pairs of unrelated futures",
                };
                format!(
                    "{name} costs less under {l} than under A in {p} {futures}; mean net present \
                     cost {d} under {l}; mean quality {qa:.1} under A, {qb:.1} under {l}.",
                    l = e.letter,
                    p = percent(c.p_first_cheaper),
                    d = gbp_m_signed(c.mean_difference),
                    qa = first.option.mean_quality(),
                    qb = row.option.mean_quality(),
                )
            };
            ui.label(RichText::new(format!("• {text}")).size(14.5));
        }
    }
}

/// The chance in a sentence, for the tooltip.
pub(super) fn chance_words(c: &CostComparison, option: &str, letter: char) -> String {
    let how = match c.pairing {
        Pairing::ByIteration { iterations } => format!(
            "in {} of {} paired futures",
            percent(c.p_first_cheaper),
            thousands(iterations as u64)
        ),
        Pairing::Independent { .. } => format!(
            "in {} of all pairs of a future of {letter} and a future of A",
            percent(c.p_first_cheaper)
        ),
    };
    format!(
        "{option} costs less in {letter} than in A {how}; more in {}; the same in {}.",
        percent(c.p_second_cheaper),
        percent(c.p_same)
    )
}
