//! MODEL.md §11: a fully fixed scenario worked by hand, against the engine to 1e-9.

use super::*;

/// Every input fixed, no volatility, no shocks, no failure. Two years so that year 1's
/// re-procurement, stranded-cost taper and discounting are exercised too.
pub(crate) const FIXED: &str = r#"(
    format_version: 1,
    name: "Hand-worked check",
    description: "Every input fixed (MODEL.md §11).",
    start_year: 2026,
    horizon_years: 2,
    simulation: (iterations: 3, seed: 1),
    appraisal: (
        discount_rate: 0.035,
        general_inflation: 0.02,
        baseline_option: "In-house",
        quality_threshold: 60.0,
    ),
    demand: (
        open_cases: 1200.0,
        looked_after_share: 0.25,
        annual_growth: 0.06,
        monthly_volatility: 0.0,
        shock_probability_per_year: 0.0,
        shock_size: 0.1,
        effect_ramp_years: 2.0,
    ),
    workforce: (
        initial_vacancy_rate: 0.2,
        initial_new_starter_share: 0.25,
        new_starter_productivity: 0.5,
        reference_caseload: 15.0,
        turnover_pressure: 1.0,
        salary_new_starter: 36000.0,
        salary_experienced: 45000.0,
        salary_manager: 57000.0,
        salary_support: 28000.0,
        oncost_rate: 0.3,
        pay_inflation: 0.03,
        agency_premium: 0.4,
        cost_per_hire: 6000.0,
        non_pay_per_fte: 9000.0,
    ),
    placements: (
        inflation: 0.05,
        mix: [
            (name: "Fostering", share: 0.75, weekly_cost: 800.0),
            (name: "Children's homes", share: 0.25, weekly_cost: 6000.0),
        ],
    ),
    quality: (
        weights: (caseload: 0.35, stability: 0.25, agency: 0.2, experience: 0.2),
        caseload_zero_at: 1.5,
        turnover_zero_at: 0.35,
        agency_zero_at: 0.45,
        new_starter_zero_at: 0.5,
    ),
    options: [
        (
            name: "In-house",
            kind: InHouse,
            target_caseload: 15.0,
            agency_cover: 0.5,
            time_to_fill_months: 4.0,
            span_of_control: 6.5,
            support_staff_ratio: 0.8,
            annual_turnover: 0.2,
            transition_turnover_uplift: 0.05,
            transition_years: 0.5,
            pension_rate_delta: 0.01,
            overhead_rate: 0.15,
            vat_leakage: 0.05,
            annual_efficiency: 0.01,
            looked_after_reduction: 0.1,
            practice_quality_delta: 2.0,
            setup_cost: 1000000.0,
            optimism_bias: 0.25,
            governance_cost: 250000.0,
            client_side_cost: 400000.0,
            stranded_cost: 800000.0,
            stranded_years: 2.0,
            contract_years: 1,
            reprocurement_cost: 300000.0,
            failure_probability: 0.0,
            failure_cost: 6000000.0,
        ),
    ],
)"#;

/// One year of the hand-worked model: each cost line summed over its months, as MODEL.md §6
/// writes them (month by month, not from yearly sums as the engine does).
#[derive(Default, Debug)]
struct HandYear {
    lines: [f64; 15],
    quality: f64,
    permanent: f64,
    agency: f64,
    uncovered: f64,
}

/// MODEL.md §4–8 written out directly, month by month, for the FIXED scenario.
fn hand_worked() -> Vec<HandYear> {
    let (d0, ell, g, ramp): (f64, f64, f64, f64) = (1200.0, 0.25, 0.06, 2.0);
    let (v0, ns0, rho, kref, beta) = (0.2, 0.25, 0.5, 15.0, 1.0);
    let (s_new, s_exp, s_mgr, s_sup) = (36000.0, 45000.0, 57000.0, 28000.0);
    let (oncost, pi_pay, premium, cph, npf): (f64, f64, f64, f64, f64) =
        (0.3, 0.03, 0.4, 6000.0, 9000.0);
    let (pi_plc, pi_gen): (f64, f64) = (0.05, 0.02);
    let weekly = 0.75 * 800.0 + 0.25 * 6000.0; // Σ m_k·w_k = £2,100 a week
    let (k, c, ttf, span, ssr): (f64, f64, f64, f64, f64) = (15.0, 0.5, 4.0, 6.5, 0.8);
    let (tau0, uplift, d_years, pension) = (0.2, 0.05, 0.5, 0.01);
    let (overhead_rate, vat, eff, reduction, delta): (f64, f64, f64, f64, f64) =
        (0.15, 0.05, 0.01, 0.1, 2.0);
    let (setup, ob, gov, client, stranded, stranded_years) =
        (1_000_000.0, 0.25, 250_000.0, 400_000.0, 800_000.0, 2.0);
    let (contract_years, reproc) = (1usize, 300_000.0);
    let (wc, ws, wa, we) = (0.35, 0.25, 0.2, 0.2);
    let (zc, zt, za, zn) = (1.5, 0.35, 0.45, 0.5);
    let oc = oncost + pension;
    let f = (1.0 / ttf).min(1.0);
    let horizon = 2;
    let months = 12 * horizon;

    let mut years: Vec<HandYear> = (0..horizon).map(|_| HandYear::default()).collect();
    let mut d = d0;
    let mut p = d0 / k * (1.0 - v0);
    let mut n = p * ns0;
    for t in 0..months {
        if t >= 1 {
            d = (d * (1.0 + g).powf(1.0 / 12.0)).max(1.0);
        }
        let y = t / 12;
        let yf = y as i32;
        let i_pay = (1.0 + pi_pay).powi(yf);
        let i_plc = (1.0 + pi_plc).powi(yf);
        let i_gen = (1.0 + pi_gen).powi(yf);
        let e_y = (1.0 - eff).powi(yf);

        let cla = d * ell * (1.0 - reduction * (t as f64 / (12.0 * ramp)).min(1.0));
        let r = d / k;
        let gap = (r - p).max(0.0);
        let a = c * gap;
        let u = gap - a;
        let cap = p - (1.0 - rho) * n + a;
        let load = d / cap.max(0.1);
        let press = (load / kref - 1.0).max(0.0);
        let up = if (t as f64) < 12.0 * d_years {
            uplift
        } else {
            0.0
        };
        let tau = (tau0 * (1.0 + beta * press) + up).clamp(0.0, 0.95);
        let q = 1.0 - (1.0 - tau).powf(1.0 / 12.0);
        let leavers = q * p;
        let h = f * (r - (p - leavers)).max(0.0);
        let m = (p + a) / span;
        let s = (p + a) * ssr;

        let permanent = (n * s_new + (p - n) * s_exp) * (1.0 + oc) * i_pay / 12.0;
        let agency = a * s_exp * (1.0 + oncost) * (1.0 + premium) * i_pay / 12.0;
        let managers = m * s_mgr * (1.0 + oc) * i_pay / 12.0;
        let support = s * s_sup * (1.0 + oc) * i_pay / 12.0;
        let recruitment = h * cph * i_gen;
        let placements = cla * weekly * (52.0 / 12.0) * i_plc;
        let non_pay = (p + a + m + s) * npf * i_gen / 12.0 * e_y;
        let overhead = overhead_rate * (permanent + agency + managers + support + non_pay) * e_y;
        let vat_line = vat * (non_pay + overhead);
        let governance = gov * i_gen / 12.0;
        let client_side = client * i_gen / 12.0;
        let stranded_line = stranded * (1.0 - y as f64 / stranded_years).max(0.0) * i_gen / 12.0;
        let setup_line = if t == 0 { setup * (1.0 + ob) } else { 0.0 };
        let reproc_line = if t > 0 && t % (12 * contract_years) == 0 {
            reproc * i_gen
        } else {
            0.0
        };

        let s_case = (1.0 - (load / kref - 1.0) / (zc - 1.0)).clamp(0.0, 1.0);
        let s_stab = (1.0 - tau / zt).clamp(0.0, 1.0);
        let s_agcy = (1.0 - (a / (p + a)) / za).clamp(0.0, 1.0);
        let s_exp_score = (1.0 - (n / p) / zn).clamp(0.0, 1.0);
        let quality = (100.0 * (wc * s_case + ws * s_stab + wa * s_agcy + we * s_exp_score)
            + delta)
            .clamp(0.0, 100.0);

        let out = &mut years[y];
        let lines = [
            permanent,
            agency,
            managers,
            support,
            recruitment,
            placements,
            non_pay,
            overhead,
            vat_line,
            governance,
            client_side,
            stranded_line,
            setup_line,
            reproc_line,
            0.0,
        ];
        for (total, line) in out.lines.iter_mut().zip(lines) {
            *total += line;
        }
        out.quality += quality / 12.0;
        out.permanent += p / 12.0;
        out.agency += a / 12.0;
        out.uncovered += u / 12.0;

        p = p - leavers + h;
        n = (n - q * n) * (11.0 / 12.0) + h;
    }
    years
}

#[test]
fn fixed_scenario_matches_the_hand_worked_model() {
    let file = parse_scenario(FIXED).unwrap();
    let results = run_file(&file, 3, 99);
    let hand = hand_worked();
    let o = &results.options[0];
    for (y, (got, want)) in o.years.iter().zip(&hand).enumerate() {
        for line in CostLine::ALL {
            close(
                got.lines.get(line),
                want.lines[line.index()],
                &format!("year {y} {}", line.key()),
            );
        }
        let total: f64 = want.lines.iter().sum();
        close(got.cost_mean, total, &format!("year {y} cost"));
        close(got.cost_p10, total, &format!("year {y} cost P10"));
        close(got.cost_p90, total, &format!("year {y} cost P90"));
        close(got.quality_mean, want.quality, &format!("year {y} quality"));
        close(
            got.quality_p50,
            want.quality,
            &format!("year {y} quality P50"),
        );
        close(
            got.permanent_fte,
            want.permanent,
            &format!("year {y} permanent FTE"),
        );
        close(got.agency_fte, want.agency, &format!("year {y} agency FTE"));
        close(
            got.uncovered_fte,
            want.uncovered,
            &format!("year {y} uncovered FTE"),
        );
    }
    // NPC = Σ_y (C_y / I^gen_y) / (1 + r)^y.
    let npc: f64 = hand
        .iter()
        .enumerate()
        .map(|(y, h)| {
            h.lines.iter().sum::<f64>() / 1.02_f64.powi(y as i32) / 1.035_f64.powi(y as i32)
        })
        .sum();
    close(o.npc.mean, npc, "NPC");
    for p in [o.npc.p5, o.npc.p25, o.npc.p50, o.npc.p75, o.npc.p95] {
        close(p, npc, "NPC percentile");
    }
    assert_eq!(o.npc.sd, 0.0);
    // Year 1 holds the one re-procurement (contract of one year) and half the stranded cost.
    close(
        o.years[1].lines.get(CostLine::Reprocurement),
        300_000.0 * 1.02,
        "re-procurement",
    );
    close(
        o.years[1].lines.get(CostLine::Stranded),
        400_000.0 * 1.02,
        "stranded taper",
    );
    close(
        o.years[0].lines.get(CostLine::Setup),
        1_250_000.0,
        "set-up with optimism bias",
    );
    assert!(
        o.sensitivity.is_empty(),
        "a fixed scenario has no sampled input"
    );
}
