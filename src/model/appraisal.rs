//! Appraisal (MODEL.md §7): net present cost in real terms at start-year prices, Green Book style.

/// `NPC = Σ_y (C_y / I^gen_y) / (1 + r)^y`; year 0 is not discounted.
///
/// `yearly_cost` holds the nominal cost `C_y` of each year.
pub fn net_present_cost(yearly_cost: &[f64], general_inflation: f64, discount_rate: f64) -> f64 {
    yearly_cost
        .iter()
        .enumerate()
        .map(|(y, cost)| {
            let year = y as i32;
            cost / (1.0 + general_inflation).powi(year) / (1.0 + discount_rate).powi(year)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_zero_is_not_discounted() {
        let npc = net_present_cost(&[100.0, 103.5 * 1.02], 0.02, 0.035);
        assert!((npc - 200.0).abs() < 1e-9);
    }
}
