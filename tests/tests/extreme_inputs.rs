//! Extreme but valid inputs stay finite and in range.

use super::*;
use crate::bad_input::Edit;

fn assert_sane(results: &RunResults) {
    for o in &results.options {
        for y in &o.years {
            for x in [
                y.cost_mean,
                y.cost_p10,
                y.cost_p90,
                y.permanent_fte,
                y.agency_fte,
                y.uncovered_fte,
            ] {
                assert!(x.is_finite() && x >= 0.0, "{}: {x}", o.name);
            }
            for line in CostLine::ALL {
                let x = y.lines.get(line);
                assert!(x.is_finite() && x >= 0.0, "{} {}: {x}", o.name, line.key());
            }
            for q in [y.quality_mean, y.quality_p10, y.quality_p90] {
                assert!((0.0..=100.0).contains(&q), "{}: quality {q}", o.name);
            }
        }
        assert!(o.npc.mean.is_finite() && o.npc.p5 >= 0.0);
        for s in &o.sensitivity {
            assert!(s.npc.is_finite() && s.npc_vs_baseline.is_finite());
        }
        if let Some(c) = &o.contract {
            assert!(c.mean_returned_total.is_finite(), "{}", o.name);
            for p in [c.p_overspend_any_year, c.p_return_in_house] {
                assert!((0.0..=1.0).contains(&p), "{}: {p}", o.name);
            }
        }
    }
}

#[test]
fn extreme_but_valid_inputs_stay_finite_and_in_range() {
    let edits: Vec<Edit> = vec![
        Box::new(|f| f.demand.open_cases = Dist::Fixed(1.0)),
        Box::new(|f| f.demand.open_cases = Dist::Fixed(1_000_000.0)),
        Box::new(|f| {
            for o in &mut f.options {
                o.annual_turnover = Dist::Fixed(0.95);
            }
        }),
        Box::new(|f| f.horizon_years = 30),
        Box::new(|f| {
            f.demand.monthly_volatility = Dist::Fixed(0.5);
            f.demand.shock_probability_per_year = Dist::Fixed(1.0);
        }),
        Box::new(|f| {
            for o in &mut f.options {
                o.agency_cover = Dist::Fixed(0.0);
                // The team model's slow hiring; the whole-budget model's nearest: a labour
                // market that holds nine posts in ten empty.
                if o.time_to_fill_months.is_some() {
                    o.time_to_fill_months = Some(Dist::Fixed(1000.0));
                } else {
                    o.sustained_vacancy_rate = Some(Dist::Fixed(0.9));
                }
            }
        }),
        // Contracts at their limits: the provider bears nothing or everything, holds nothing in
        // reserve or a fortune, nobody ever bids, and the sum is re-based every year.
        Box::new(|f| {
            for (k, o) in f.options.iter_mut().enumerate() {
                if let Some(c) = o.contract.as_mut() {
                    c.provider_share = Dist::Fixed(if k % 2 == 0 { 0.0 } else { 1.0 });
                    c.initial_reserves = Dist::Fixed(if k % 2 == 0 { 0.0 } else { 1e12 });
                    c.bidders = Dist::Fixed(0.0);
                    c.return_lag_years = 1;
                    c.kpi_quality = 100.0;
                    c.kpi_years = 1;
                }
            }
        }),
    ];
    for (i, edit) in edits.iter().enumerate() {
        let mut file = default_file();
        edit(&mut file);
        let results = run_file(&file, if i == 3 { 50 } else { 200 }, 9);
        assert_sane(&results);
    }
    // One iteration.
    let results = run_file(&default_file(), 1, 9);
    assert_sane(&results);
    assert_eq!(results.options[0].npc.sd, 0.0);
}
