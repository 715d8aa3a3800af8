//! What the whole-budget model adds to the sentences people read (docs/MODEL.md §7–§8): what the
//! figures cover and what they leave out, and for each outsourced option how likely its
//! contract is to overspend, how much comes back to the council, and how often the service
//! comes back in-house. The window, the report and the command line all show these.

use crate::model::{CostLine, RunResults, ScenarioFile};

use super::format::{financial_year, gbp_m, percent};
use super::headline::display_name;

/// What the figures cover, in one sentence; `None` for a format version 1–2 scenario, whose
/// figures cover social-work teams and placements only (its caveats say so).
pub fn scope_sentence(results: &RunResults) -> Option<String> {
    let scope = results.scope.as_ref()?;
    let names = |lines: &[crate::model::ScopeLine]| {
        lines
            .iter()
            .map(|l| l.name.to_lowercase())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut s = format!(
        "The figures cover {} of the {} lines of children's social care spending in the \
         revenue outturn (RO3): {}.",
        scope.included.len(),
        scope.included.len() + scope.excluded.len(),
        names(&scope.included)
    );
    if !scope.excluded.is_empty() {
        s += &format!(" Not in the figures: {}.", names(&scope.excluded));
    }
    Some(s)
}

/// One or two sentences per outsourced option about its contract: overspends and what comes
/// back to the council, and the return in-house.
pub fn contract_headlines(results: &RunResults) -> Vec<String> {
    let years = results.horizon_years;
    let mut out = Vec::new();
    for o in &results.options {
        let Some(c) = &o.contract else {
            continue;
        };
        let name = display_name(o);
        out.push(format!(
            "In {} of futures {name} overspends its contract by more than 1% in at least one \
             year (by more than 5% in {}); on average {} comes back to the council over {years} \
             years.",
            percent(c.p_overspend_any_year),
            percent(c.p_overspend_over_5pct_any_year),
            gbp_m(c.mean_returned_total),
        ));
        if c.p_return_in_house > 0.0 {
            let first = c
                .p_return_in_house_by_year
                .iter()
                .position(|&p| p > 0.0)
                .map(|y| financial_year(results.start_year + y as i32));
            out.push(format!(
                "The service comes back in-house under its contract's triggers in {} of \
                 futures{}.",
                percent(c.p_return_in_house),
                first
                    .map(|y| format!(", from {y} at the earliest"))
                    .unwrap_or_default()
            ));
        }
    }
    out
}

/// One year's cost of every option by budget block, as means over the futures (nominal £).
#[derive(Debug, Clone, PartialEq)]
pub struct BlockTable {
    /// The financial year shown.
    pub year: i32,
    /// The options, in file order.
    pub options: Vec<String>,
    /// One row per block in file order, then the rest of each option's cost (overheads on the
    /// client side, transition, contract settlements and the like) and the total.
    pub rows: Vec<BlockRow>,
}

/// A row of [`BlockTable`].
#[derive(Debug, Clone, PartialEq)]
pub struct BlockRow {
    pub name: String,
    /// The RO3 line the block stands for; empty for the rest and the total.
    pub ro3_line: String,
    /// Nominal £ per option.
    pub values: Vec<f64>,
}

/// Year `index`'s cost by block for every option; `None` for a format version 1–2 run, which
/// has no blocks, or a year past the horizon.
pub fn block_table(file: &ScenarioFile, results: &RunResults, index: usize) -> Option<BlockTable> {
    let budget = file.budget.as_ref()?;
    let years: Vec<_> = results
        .options
        .iter()
        .map(|o| o.years.get(index))
        .collect::<Option<Vec<_>>>()?;
    let budgets: Vec<_> = years
        .iter()
        .map(|y| y.whole_budget.as_ref())
        .collect::<Option<Vec<_>>>()?;
    let lines = |name: &str, ro3: &str, of: &[CostLine]| BlockRow {
        name: name.to_string(),
        ro3_line: ro3.to_string(),
        values: years
            .iter()
            .map(|y| of.iter().map(|&l| y.lines.get(l)).sum())
            .collect(),
    };
    let mut rows = vec![
        lines(
            "Social-work teams (staff, agency, recruitment, running costs)",
            "safeguarding",
            &[
                CostLine::Permanent,
                CostLine::Agency,
                CostLine::Managers,
                CostLine::Support,
                CostLine::Recruitment,
                CostLine::NonPay,
            ],
        ),
        lines(
            "Placements of children looked after",
            "residential + fostering",
            &[CostLine::Placements],
        ),
    ];
    rows.extend(budget.blocks.iter().map(|block| {
        BlockRow {
            name: block.name.clone(),
            ro3_line: block.ro3_line.clone(),
            values: budgets
                .iter()
                .map(|b| b.blocks.get(&block.id).unwrap_or(0.0))
                .collect(),
        }
    }));
    let totals: Vec<f64> = years.iter().map(|y| y.cost_mean).collect();
    let rest: Vec<f64> = totals
        .iter()
        .enumerate()
        .map(|(o, total)| total - rows.iter().map(|r| r.values[o]).sum::<f64>())
        .collect();
    rows.push(BlockRow {
        name: "Overheads, VAT, client side, transition, contract settlements".to_string(),
        ro3_line: String::new(),
        values: rest,
    });
    rows.push(BlockRow {
        name: "Total".to_string(),
        ro3_line: String::new(),
        values: totals,
    });
    Some(BlockTable {
        year: results.start_year + index as i32,
        options: results.options.iter().map(|o| o.name.clone()).collect(),
        rows,
    })
}
