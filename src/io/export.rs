//! Exports of run results: the JSON of MODEL.md §10 and a per-option per-year CSV.

use crate::model::{CostLine, RunResults};

/// The JSON of MODEL.md §10, pretty-printed.
pub fn results_json(results: &RunResults) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(results)
}

/// "2026/27" for the financial year starting in 2026.
pub fn financial_year(start: i32) -> String {
    format!("{start}/{:02}", (start + 1).rem_euclid(100))
}

/// One row per option and year: costs (nominal £), quality, FTE and the mean of each cost line.
pub fn results_csv(results: &RunResults) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "option",
        "kind",
        "year",
        "financial_year",
        "cost_mean_gbp",
        "cost_p10_gbp",
        "cost_p50_gbp",
        "cost_p90_gbp",
        "quality_mean",
        "quality_p10",
        "quality_p50",
        "quality_p90",
        "permanent_fte",
        "agency_fte",
        "uncovered_fte",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(CostLine::ALL.iter().map(|l| format!("{}_gbp", l.key())));
    w.write_record(&header)?;
    for o in &results.options {
        for y in &o.years {
            let mut row = vec![
                o.name.clone(),
                o.kind.key().to_string(),
                y.year.to_string(),
                financial_year(y.year),
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
                .iter()
                .map(|x| x.to_string()),
            );
            row.extend(CostLine::ALL.iter().map(|l| y.lines.get(*l).to_string()));
            w.write_record(&row)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
