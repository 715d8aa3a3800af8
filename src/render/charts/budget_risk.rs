//! Budget risk: for each option under a contract, the provider's cost (P10–P90 band and median)
//! against the median contract sum in each financial year (above), and the mean overspend the
//! council bore (below).

use plotters::prelude::*;

use crate::model::YearResult;
use crate::model::budget_results::ContractYearResult;
use crate::present::chart_data::ChartKind;
use crate::present::colours::{self, option_colour};
use crate::render::ChartSource;
use crate::render::frame::{Area, DrawError, Drawn, LegendEntry, Mark, Scale};

use super::{
    bounds, builder, fan, framed, line_style, mesh, money_ticks, padded, styled_line, year_tick,
    years,
};

/// The contract figures of a year; a year without them (never, for an option under contract)
/// draws nothing.
fn figures(y: &YearResult) -> Option<&ContractYearResult> {
    y.contract.as_ref()
}

pub(super) fn budget_risk<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let kind = ChartKind::BudgetRisk;
    let titles = kind.axis_titles();
    let lower = kind.lower_axis_titles().unwrap_or(titles);
    let contracted: Vec<(usize, &crate::model::OptionResult)> = src
        .results
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.contract.is_some())
        .collect();
    let mut legend: Vec<LegendEntry> = contracted
        .iter()
        .map(|(i, o)| LegendEntry::new(o.name.clone(), option_colour(*i), Mark::Band))
        .collect();
    legend.push(LegendEntry::new(
        "Contract sum (median)",
        colours::REFERENCE,
        Mark::Dashed,
    ));
    let plot = framed(root, kind, src, &legend)?;
    if contracted.is_empty() {
        return super::nothing_to_draw(&plot, "No option runs under a contract.");
    }
    let (_, h) = plot.dim_in_pixel();
    let (top_area, bottom_area) = plot.split_vertically(h as i32 * 62 / 100);
    let (xr, year_count) = years(src);

    let (lo, hi) = bounds(contracted.iter().flat_map(|(_, o)| {
        o.years.iter().filter_map(figures).flat_map(|c| {
            [c.provider_cost_p10, c.provider_cost_p90, c.contract_sum_p50].map(|v| v / 1e6)
        })
    }));
    let (lo, hi) = padded(lo, hi, 0.06);
    let mut chart = builder(&top_area, s, s.px(120.0))
        .build_cartesian_2d(xr.clone(), lo..hi)
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
        (&year_tick, year_count),
        (&money_ticks(hi - lo), 6),
    )?;
    for (i, o) in &contracted {
        let pick = |y: &YearResult| {
            figures(y).map_or((f64::NAN, f64::NAN, f64::NAN), |c| {
                (
                    c.provider_cost_p10 / 1e6,
                    c.provider_cost_p50 / 1e6,
                    c.provider_cost_p90 / 1e6,
                )
            })
        };
        fan(&mut chart, option_colour(*i), &o.years, pick, s)?;
        styled_line(
            &mut chart,
            o.years
                .iter()
                .filter_map(|y| figures(y).map(|c| (f64::from(y.year), c.contract_sum_p50 / 1e6)))
                .collect(),
            line_style(option_colour(*i), s, 4.0),
            Mark::Dashed,
            s,
        )?;
    }

    let (r_lo, r_hi) = bounds(contracted.iter().flat_map(|(_, o)| {
        o.years
            .iter()
            .filter_map(figures)
            .map(|c| c.returned_to_council / 1e6)
    }));
    let (r_lo, r_hi) = padded(r_lo.min(0.0), r_hi.max(0.0), 0.1);
    let mut chart = builder(&bottom_area, s, s.px(120.0))
        .build_cartesian_2d(xr, r_lo..r_hi)
        .drawn()?;
    mesh(
        &mut chart,
        s,
        lower.x,
        lower.y,
        (&year_tick, year_count),
        (&money_ticks(r_hi - r_lo), 4),
    )?;
    for (i, o) in &contracted {
        chart
            .draw_series(LineSeries::new(
                o.years.iter().filter_map(|y| {
                    figures(y).map(|c| (f64::from(y.year), c.returned_to_council / 1e6))
                }),
                line_style(option_colour(*i), s, 4.0),
            ))
            .drawn()?;
    }
    Ok(())
}
