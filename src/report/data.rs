//! The data files of a run: the JSON of MODEL.md §10, a per-option per-year CSV, a
//! one-row-per-option summary CSV and each iteration's net present cost per option. The command
//! line, the report bundle and the window's CSV exports all write these. Every CSV is
//! spreadsheet-safe ([`crate::io::spreadsheet`]).

use crate::model::{CostLine, RunResults};
use crate::present::financial_year;

use crate::io::spreadsheet::{text_cell, with_bom};

/// The JSON of MODEL.md §10, pretty-printed.
pub fn results_json(results: &RunResults) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(results)
}

/// What a per-year column holds, so that each export can show it: the CSV writes every figure as
/// it is, the workbook with a number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// A name or a key.
    Text,
    /// A calendar year: `2026`.
    Year,
    /// Pounds, nominal.
    Pounds,
    /// A share from 0 to 1.
    Share,
    /// Quality index points, 0–100.
    Points,
    /// Full-time equivalent staff.
    Fte,
    /// A count: cases, children.
    Count,
}

/// One figure of a per-year row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    /// Does not apply (the contract's columns, for an option without one).
    Empty,
}

/// The per-option per-year figures of a run, defined once: `run --csv`, the report's
/// `years.csv` and the workbook's Years sheet all write this table.
#[derive(Debug, Clone, PartialEq)]
pub struct YearTable {
    /// Each column's key (the CSV's header) and what it holds.
    pub columns: Vec<(String, Measure)>,
    /// One row per option and year, options in order; a cell per column.
    pub rows: Vec<Vec<Value>>,
}

/// The per-year columns a whole-budget run adds after its blocks; empty where they do not apply
/// (the contract's, for an option without one).
const WHOLE_BUDGET_COLUMNS: [(&str, Measure); 14] = [
    ("social_workers_fte", Measure::Fte),
    ("case_holding_fte", Measure::Fte),
    ("vacancy_rate", Measure::Share),
    ("agency_rate", Measure::Share),
    ("open_cases", Measure::Count),
    ("looked_after", Measure::Count),
    ("children_in_need", Measure::Count),
    ("contract_sum_gbp", Measure::Pounds),
    ("provider_cost_gbp", Measure::Pounds),
    ("contract_overspend_gbp", Measure::Pounds),
    ("returned_to_council_gbp", Measure::Pounds),
    ("provider_reserves_gbp", Measure::Pounds),
    ("p_back_in_house", Measure::Share),
    ("improvement_and_return_gbp", Measure::Pounds),
];

/// The columns every run has, before the cost lines.
const YEAR_COLUMNS: [(&str, Measure); 15] = [
    ("option", Measure::Text),
    ("kind", Measure::Text),
    ("year", Measure::Year),
    ("financial_year", Measure::Text),
    ("cost_mean_gbp", Measure::Pounds),
    ("cost_p10_gbp", Measure::Pounds),
    ("cost_p50_gbp", Measure::Pounds),
    ("cost_p90_gbp", Measure::Pounds),
    ("quality_mean", Measure::Points),
    ("quality_p10", Measure::Points),
    ("quality_p50", Measure::Points),
    ("quality_p90", Measure::Points),
    ("permanent_fte", Measure::Fte),
    ("agency_fte", Measure::Fte),
    ("uncovered_fte", Measure::Fte),
];

/// One row per option and year: costs (nominal £), quality, FTE and the mean of each cost line;
/// for a whole-budget run also each block, the establishment and the contract.
pub fn year_table(results: &RunResults) -> YearTable {
    let mut columns: Vec<(String, Measure)> = YEAR_COLUMNS
        .iter()
        .map(|(key, measure)| (key.to_string(), *measure))
        .collect();
    columns.extend(
        CostLine::ALL
            .iter()
            .map(|l| (format!("{}_gbp", l.key()), Measure::Pounds)),
    );
    // A whole-budget run adds each block's cost, the establishment and the contract, by the
    // block ids of the first option (every option has the same blocks).
    let block_ids: Vec<String> = results
        .options
        .first()
        .and_then(|o| o.years.first())
        .and_then(|y| y.whole_budget.as_ref())
        .map(|b| b.blocks.0.iter().map(|(id, _)| id.clone()).collect())
        .unwrap_or_default();
    let whole_budget = results.scope.is_some();
    if whole_budget {
        columns.extend(
            block_ids
                .iter()
                .map(|id| (format!("block_{id}_gbp"), Measure::Pounds)),
        );
        columns.extend(
            WHOLE_BUDGET_COLUMNS
                .iter()
                .map(|(key, measure)| (key.to_string(), *measure)),
        );
    }
    let number = |v: Option<f64>| v.map_or(Value::Empty, Value::Number);
    let mut rows = Vec::new();
    for o in &results.options {
        for y in &o.years {
            let mut row = vec![
                Value::Text(o.name.clone()),
                Value::Text(o.kind.key().to_string()),
                Value::Number(f64::from(y.year)),
                Value::Text(financial_year(y.year)),
            ];
            row.extend(
                [
                    y.cost_mean,
                    y.cost_p10,
                    y.cost_p50,
                    y.cost_p90,
                    y.quality_mean,
                    y.quality_p10,
                    y.quality_p50,
                    y.quality_p90,
                    y.permanent_fte,
                    y.agency_fte,
                    y.uncovered_fte,
                ]
                .map(Value::Number),
            );
            row.extend(CostLine::ALL.iter().map(|l| Value::Number(y.lines.get(*l))));
            if whole_budget {
                let b = y.whole_budget.as_ref();
                row.extend(
                    block_ids
                        .iter()
                        .map(|id| number(b.and_then(|b| b.blocks.get(id)))),
                );
                let c = y.contract.as_ref();
                let cells: [Option<f64>; 14] = [
                    b.map(|b| b.social_workers_fte),
                    b.map(|b| b.case_holding_fte),
                    b.map(|b| b.vacancy_rate),
                    b.map(|b| b.agency_rate),
                    b.map(|b| b.cases),
                    b.map(|b| b.looked_after),
                    b.map(|b| b.children_in_need),
                    c.map(|c| c.contract_sum),
                    c.map(|c| c.provider_cost),
                    c.map(|c| c.overspend),
                    c.map(|c| c.returned_to_council),
                    c.map(|c| c.provider_reserves),
                    c.map(|c| c.p_in_house),
                    b.map(|b| b.improvement_plan + b.return_to_in_house),
                ];
                row.extend(cells.map(number));
            }
            rows.push(row);
        }
    }
    YearTable { columns, rows }
}

/// [`year_table`] as CSV.
pub fn results_csv(results: &RunResults) -> Result<String, csv::Error> {
    let table = year_table(results);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(table.columns.iter().map(|(key, _)| key))?;
    for row in &table.rows {
        w.write_record(row.iter().map(|cell| match cell {
            Value::Text(text) => text_cell(text).into_owned(),
            Value::Number(x) => x.to_string(),
            Value::Empty => String::new(),
        }))?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(with_bom(&bytes))
}

/// One row per option: the summary table of the report, in £ (not £m) and shares (0–1), with the
/// NPC percentiles and the paired difference from the baseline.
pub fn summary_csv(results: &RunResults) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let stats = ["mean", "sd", "p5", "p10", "p25", "p50", "p75", "p90", "p95"];
    let mut header: Vec<String> = ["option", "kind", "baseline"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(stats.iter().map(|s| format!("npc_{s}_gbp")));
    header.extend(stats.iter().map(|s| format!("npc_vs_baseline_{s}_gbp")));
    header.extend(
        [
            "p_cheaper",
            "p_quality_at_risk",
            "p_cheaper_and_better",
            "mean_quality",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    w.write_record(&header)?;
    for o in &results.options {
        let mut row = vec![
            text_cell(&o.name).into_owned(),
            o.kind.key().to_string(),
            (o.name == results.baseline_option).to_string(),
        ];
        for s in [&o.npc, &o.npc_vs_baseline] {
            row.extend(
                [s.mean, s.sd, s.p5, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95]
                    .iter()
                    .map(|x| x.to_string()),
            );
        }
        row.extend(
            [
                o.p_cheaper,
                o.p_quality_at_risk,
                o.p_cheaper_and_better,
                o.mean_quality(),
            ]
            .iter()
            .map(|x| x.to_string()),
        );
        w.write_record(&row)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(with_bom(&bytes))
}

/// One row per iteration: its number and each option's net present cost (£), then each other
/// option's difference from the baseline, for checking the percentiles in a spreadsheet.
pub fn iterations_csv(results: &RunResults) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let others: Vec<&crate::model::OptionResult> = results
        .options
        .iter()
        .filter(|o| o.name != results.baseline_option)
        .collect();
    let mut header = vec!["iteration".to_string()];
    header.extend(
        results
            .options
            .iter()
            .map(|o| format!("npc_gbp[{}]", o.name)),
    );
    header.extend(
        others
            .iter()
            .map(|o| format!("npc_vs_baseline_gbp[{}]", o.name)),
    );
    w.write_record(&header)?;
    let n = results
        .options
        .iter()
        .map(|o| o.samples.npc.len())
        .max()
        .unwrap_or(0);
    for i in 0..n {
        let mut row = vec![i.to_string()];
        row.extend(
            results
                .options
                .iter()
                .map(|o| o.samples.npc.get(i).map_or(String::new(), f64::to_string)),
        );
        row.extend(others.iter().map(|o| {
            o.samples
                .npc_vs_baseline
                .get(i)
                .map_or(String::new(), f64::to_string)
        }));
        w.write_record(&row)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(with_bom(&bytes))
}
