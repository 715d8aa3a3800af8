//! The whole-budget rows of the options grid (format version 3): which blocks each option's
//! provider runs, how many councils share its fixed costs, and its contract — the sum, how it
//! moves, who bears an overspend, the triggers and a thin market. One column per option, as the
//! rows above; an option without a contract (in-house) shows "—".

use egui::{ComboBox, DragValue, Ui};

use crate::model::inputs::ContractInput;
use crate::model::scenario::{Contract, Intervention, PLACEMENTS, Renegotiation, SOCIAL_WORK};
use crate::model::{OptionKind, ScenarioFile};
use crate::present::fields::{FieldSpec, Unit, contract_spec};

use super::Rows;
use super::dist_editor::{Layout, dist_editor, problem_lines};
use super::notes::{note_button, note_editor};
use super::options::{OptionsGrid, cell, notes_of_row, wrapped_label};

/// The rows, inside the options grid; nothing for a format version 1–2 scenario.
pub fn contract_rows(
    ui: &mut Ui,
    file: &mut ScenarioFile,
    rows: &mut Rows<'_>,
    grid: &mut OptionsGrid<'_>,
) {
    if !file.is_whole_budget() {
        return;
    }
    provider_runs_row(ui, file, rows, grid);
    councils_row(ui, file, rows, grid);
    if file.options.iter().all(|o| o.contract.is_none()) {
        return;
    }
    for input in ContractInput::ALL {
        dist_contract_row(ui, file, rows, grid, input);
    }
    choice_row(
        ui,
        file,
        rows,
        grid,
        &RENEGOTIATION,
        "renegotiation",
        |ui, c, name| {
            ComboBox::from_id_salt(("renegotiation", name))
                .selected_text(renegotiation_words(c.renegotiation))
                .show_ui(ui, |ui| {
                    for r in [Renegotiation::FixedForTerm, Renegotiation::Yearly] {
                        ui.selectable_value(&mut c.renegotiation, r, renegotiation_words(r));
                    }
                })
                .response
                .accessible_name(name)
                .on_hover_text(RENEGOTIATION.help);
        },
    );
    choice_row(
        ui,
        file,
        rows,
        grid,
        &RETURN_LAG,
        "return_lag_years",
        |ui, c, name| {
            ui.add(
                DragValue::new(&mut c.return_lag_years)
                    .range(0..=1)
                    .suffix(" years"),
            )
            .on_hover_text(RETURN_LAG.help)
            .accessible_name(name);
        },
    );
    choice_row(
        ui,
        file,
        rows,
        grid,
        &KPI_QUALITY,
        "kpi_quality",
        |ui, c, name| {
            ui.add(
                DragValue::new(&mut c.kpi_quality)
                    .range(0.0..=100.0)
                    .speed(0.5)
                    .suffix(" points"),
            )
            .accessible_name(name);
        },
    );
    choice_row(
        ui,
        file,
        rows,
        grid,
        &KPI_YEARS,
        "kpi_years",
        |ui, c, name| {
            ui.add(
                DragValue::new(&mut c.kpi_years)
                    .range(1..=10)
                    .suffix(" years"),
            )
            .accessible_name(name);
        },
    );
    choice_row(
        ui,
        file,
        rows,
        grid,
        &ON_KPI_BREACH,
        "on_kpi_breach",
        |ui, c, name| {
            intervention_box(ui, &mut c.on_kpi_breach, name);
        },
    );
    choice_row(
        ui,
        file,
        rows,
        grid,
        &ON_RESERVES_EXHAUSTED,
        "on_reserves_exhausted",
        |ui, c, name| {
            intervention_box(ui, &mut c.on_reserves_exhausted, name);
        },
    );
}

const RENEGOTIATION: FieldSpec = FieldSpec {
    label: "Contract sum moves",
    unit: Unit::Count,
    help: "Fixed for the term (indexed each year, re-based at re-procurement), or re-based each \
           year to the provider's cost of the year before.",
    source: "Judgement, informed by trusts whose sums were renegotiated yearly (council papers).",
};
const RETURN_LAG: FieldSpec = FieldSpec {
    label: "Overspend settled after",
    unit: Unit::Years,
    help: "When the council settles an overspend: 0, the same year; 1, the next year.",
    source: "Judgement: settled at the year-end.",
};
const KPI_QUALITY: FieldSpec = FieldSpec {
    label: "Quality KPI",
    unit: Unit::IndexPoints,
    help: "The quality index below which a year counts as a KPI breach.",
    source: "Judgement.",
};
const KPI_YEARS: FieldSpec = FieldSpec {
    label: "KPI breach after",
    unit: Unit::Years,
    help: "Consecutive years below the KPI before the breach trigger fires.",
    source: "Judgement.",
};
const ON_KPI_BREACH: FieldSpec = FieldSpec {
    label: "On a KPI breach",
    unit: Unit::Count,
    help: "What the contract does when quality stays below the KPI.",
    source: "Judgement, informed by Doncaster's return in-house (2022).",
};
const ON_RESERVES_EXHAUSTED: FieldSpec = FieldSpec {
    label: "When reserves run out",
    unit: Unit::Count,
    help: "What the contract does when the provider's reserves cannot bear its share.",
    source: "Judgement, informed by Slough and Sandwell.",
};
const PROVIDER_RUNS: FieldSpec = FieldSpec {
    label: "Provider runs",
    unit: Unit::Count,
    help: "The blocks the option's provider runs under its contract; the council keeps the rest \
           and pays its own overhead on them. In-house, the council runs everything.",
    source: "The council's own choice.",
};
const COUNCILS_SERVED: FieldSpec = FieldSpec {
    label: "Councils served",
    unit: Unit::Count,
    help: "Councils whose services the provider runs together: its fixed overhead is shared \
           among them.",
    source: "The council's own choice.",
};

fn renegotiation_words(r: Renegotiation) -> &'static str {
    match r {
        Renegotiation::FixedForTerm => "Fixed for the term",
        Renegotiation::Yearly => "Re-based yearly",
    }
}

fn intervention_words(i: Intervention) -> &'static str {
    match i {
        Intervention::Nothing => "Nothing",
        Intervention::ImprovementPlan => "Improvement plan",
        Intervention::ReturnInHouse => "Back in-house",
    }
}

/// `name` says whose and which setting, for the id and for screen readers.
fn intervention_box(ui: &mut Ui, value: &mut Intervention, name: &str) {
    ComboBox::from_id_salt(name)
        .selected_text(intervention_words(*value))
        .show_ui(ui, |ui| {
            for i in [
                Intervention::Nothing,
                Intervention::ImprovementPlan,
                Intervention::ReturnInHouse,
            ] {
                ui.selectable_value(value, i, intervention_words(i));
            }
        })
        .response
        .accessible_name(name);
}

/// The row label, with each option's note in its tooltip.
fn label(ui: &mut Ui, file: &ScenarioFile, rows: &Rows<'_>, spec: &FieldSpec, field: &str) {
    let path_of = |name: &str| format!("options[{name}].{field}");
    let notes = notes_of_row(file, rows.notes, path_of);
    wrapped_label(ui, spec, &format!("options[…].{field}"), notes);
}

/// An uncertain contract input: a distribution per option under a contract.
fn dist_contract_row(
    ui: &mut Ui,
    file: &mut ScenarioFile,
    rows: &mut Rows<'_>,
    grid: &mut OptionsGrid<'_>,
    input: ContractInput,
) {
    // The row's words follow the first contract: a typed sum reads as money, a target as a share.
    let Some(first) = file.options.iter().find_map(|o| o.contract.as_ref()) else {
        return;
    };
    let spec = contract_spec(input, first);
    let columns = grid.columns;
    grid.row(ui, |ui, r| {
        r.label(ui, |ui| {
            label(
                ui,
                file,
                rows,
                &spec,
                &format!("contract.{}", input.field()),
            )
        });
        r.cells(ui, |ui| {
            for option in file.options.iter_mut() {
                let path = input.path(&option.name);
                cell(ui, columns, |ui| {
                    let Some(contract) = option.contract.as_mut() else {
                        ui.label("—");
                        return;
                    };
                    let spec = contract_spec(input, contract);
                    let name = format!("{}: {}", option.name, spec.label);
                    let (note, notes) = (&mut *rows.note, &*rows.notes);
                    let mut button = |ui: &mut Ui| note_button(ui, note, notes, &path, &name);
                    let range = input.range(contract);
                    dist_editor(
                        ui,
                        input.get_mut(contract),
                        &spec,
                        range,
                        &name,
                        rows.problems.get(&path),
                        rows.cache,
                        Layout::Compact,
                        Some(&mut button),
                    );
                    note_editor(ui, rows.note, rows.notes, &path, &name, columns.width);
                });
            }
        });
    });
}

/// A contract setting that is a choice or a whole number, not a distribution.
fn choice_row(
    ui: &mut Ui,
    file: &mut ScenarioFile,
    rows: &mut Rows<'_>,
    grid: &mut OptionsGrid<'_>,
    spec: &FieldSpec,
    field: &str,
    mut edit: impl FnMut(&mut Ui, &mut Contract, &str),
) {
    let columns = grid.columns;
    grid.row(ui, |ui, r| {
        r.label(ui, |ui| {
            label(ui, file, rows, spec, &format!("contract.{field}"))
        });
        r.cells(ui, |ui| {
            for option in file.options.iter_mut() {
                let path = format!("options[{}].contract.{field}", option.name);
                let name = format!("{}: {}", option.name, spec.label);
                cell(ui, columns, |ui| {
                    let Some(contract) = option.contract.as_mut() else {
                        ui.label("—");
                        return;
                    };
                    ui.horizontal(|ui| {
                        edit(ui, contract, &name);
                        note_button(ui, rows.note, rows.notes, &path, &name);
                    });
                    problem_lines(ui, rows.problems.get(&path));
                    note_editor(ui, rows.note, rows.notes, &path, &name, columns.width);
                });
            }
        });
    });
}

/// Which blocks each outsourced option's provider runs: a tick per block.
fn provider_runs_row(
    ui: &mut Ui,
    file: &mut ScenarioFile,
    rows: &mut Rows<'_>,
    grid: &mut OptionsGrid<'_>,
) {
    let mut blocks: Vec<(String, String)> = vec![
        (SOCIAL_WORK.to_string(), "Social-work teams".to_string()),
        (PLACEMENTS.to_string(), "Placements".to_string()),
    ];
    if let Some(budget) = &file.budget {
        blocks.extend(budget.blocks.iter().map(|b| (b.id.clone(), b.name.clone())));
    }
    let columns = grid.columns;
    grid.row(ui, |ui, r| {
        r.label(ui, |ui| {
            label(ui, file, rows, &PROVIDER_RUNS, "provider_runs")
        });
        r.cells(ui, |ui| {
            for option in file.options.iter_mut() {
                let path = format!("options[{}].provider_runs", option.name);
                cell(ui, columns, |ui| {
                    if option.kind == OptionKind::InHouse {
                        ui.label("Everything (the council)");
                        return;
                    }
                    // Drawing changes nothing: the list is written only when a tick changes.
                    for (id, name) in &blocks {
                        let runs = option.provider_runs.as_deref().unwrap_or_default();
                        let mut on = runs.iter().any(|r| r == id);
                        if ui
                            .checkbox(&mut on, name.as_str())
                            .on_hover_text(format!("{}: {name}", option.name))
                            .changed()
                        {
                            let runs = option.provider_runs.get_or_insert_with(Vec::new);
                            if on {
                                runs.push(id.clone());
                            } else {
                                runs.retain(|r| r != id);
                            }
                        }
                    }
                    problem_lines(ui, rows.problems.get(&path));
                });
            }
        });
    });
}

/// How many councils share each outsourced provider's fixed costs.
fn councils_row(
    ui: &mut Ui,
    file: &mut ScenarioFile,
    rows: &mut Rows<'_>,
    grid: &mut OptionsGrid<'_>,
) {
    let columns = grid.columns;
    grid.row(ui, |ui, r| {
        r.label(ui, |ui| {
            label(ui, file, rows, &COUNCILS_SERVED, "councils_served")
        });
        r.cells(ui, |ui| {
            for option in file.options.iter_mut() {
                let path = format!("options[{}].councils_served", option.name);
                let name = format!("{}: {}", option.name, COUNCILS_SERVED.label);
                cell(ui, columns, |ui| {
                    if option.kind == OptionKind::InHouse {
                        ui.label("—");
                        return;
                    }
                    let mut served = option.councils_served.unwrap_or(1.0);
                    if ui
                        .add(DragValue::new(&mut served).range(1.0..=20.0).speed(0.05))
                        .accessible_name(name.as_str())
                        .changed()
                    {
                        option.councils_served = Some(served);
                    }
                    problem_lines(ui, rows.problems.get(&path));
                });
            }
        });
    });
}
