//! Exports of run results: the JSON of MODEL.md §10, a per-option per-year CSV, a one-row-per-option
//! summary CSV and each iteration's net present cost per option.

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
            o.name.clone(),
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
    Ok(String::from_utf8_lossy(&bytes).into_owned())
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
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
