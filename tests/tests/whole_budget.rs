//! The whole-budget model (format version 3, docs/MODEL.md) against figures worked by hand, and
//! the properties it promises: vacancies that hold where the market holds them, a scope that
//! names every budget line, options whose numbers do not move when they are renamed, and
//! version 1–2 files upgraded with a note on every input the upgrade adds.
use crate::close;
use care_options::io::{parse_scenario, scenario_to_ron};
use care_options::model::upgrade::{ADDED, to_whole_budget};
use care_options::model::{
    CostLine, RunControl, RunResults, RunSettings, ScenarioFile, run, validate,
};
use care_options::report::results_json;

fn run_file(file: &ScenarioFile, iterations: u64) -> RunResults {
    let scenario = validate(file).unwrap_or_else(|e| panic!("{e}"));
    run(
        &scenario,
        RunSettings {
            iterations,
            seed: file.simulation.seed,
        },
        &RunControl::new(),
    )
    .unwrap()
}

/// Every input fixed, no volatility, shocks or growth, so the year is worked by hand: 1,000 open
/// cases, a vacancy rate the market holds at its start, half as many social workers again who
/// hold no cases, a fixed overhead shared by two councils, and three blocks: one per driver kind
/// the provider runs, one the council keeps.
const FIXED: &str = r#"(
    format_version: 3,
    name: "Whole budget, worked by hand",
    description: "Every input fixed.",
    start_year: 2026,
    horizon_years: 2,
    simulation: (iterations: 1, seed: 1),
    appraisal: (
        discount_rate: 0.035,
        general_inflation: 0.02,
        baseline_option: "In-house",
        quality_threshold: 60.0,
    ),
    demand: (
        open_cases: 1000.0,
        looked_after_share: 0.2,
        annual_growth: 0.0,
        monthly_volatility: 0.0,
        shock_probability_per_year: 0.0,
        shock_size: 0.0,
        effect_ramp_years: 1.0,
        children_in_need: 1500.0,
        child_population: 50000.0,
        child_population_growth: 0.01,
    ),
    workforce: (
        initial_vacancy_rate: 0.1,
        initial_new_starter_share: 0.2,
        new_starter_productivity: 0.5,
        reference_caseload: 20.0,
        turnover_pressure: 1.0,
        salary_new_starter: 40000.0,
        salary_experienced: 45000.0,
        salary_manager: 57000.0,
        salary_support: 28000.0,
        oncost_rate: 0.3,
        pay_inflation: 0.03,
        agency_premium: 0.4,
        cost_per_hire: 6000.0,
        non_pay_per_fte: 9000.0,
        non_case_holding_ratio: 0.5,
    ),
    placements: (
        inflation: 0.05,
        mix: [(name: "All", share: 1.0, weekly_cost: 1000.0)],
    ),
    budget: (
        retained_overhead_rate: 0.1,
        blocks: [
            (id: "leaving", name: "Leaving care", ro3_line: "cla_other", driver: LookedAfter,
             unit_cost: 10000.0, inflation: 0.04),
            (id: "early_help", name: "Early help", ro3_line: "family_support",
             driver: ChildrenInNeed, unit_cost: 4000.0, inflation: 0.03),
            (id: "youth", name: "Youth justice", ro3_line: "youth_justice",
             driver: ChildPopulation, unit_cost: 30.0, inflation: 0.02),
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
            id: "in-house",
            name: "In-house",
            kind: InHouse,
            target_caseload: 16.0,
            agency_cover: 0.8,
            agency_beyond_vacancies: 0.02,
            sustained_vacancy_rate: 0.1,
            span_of_control: 6.5,
            support_staff_ratio: 0.4,
            annual_turnover: 0.12,
            transition_turnover_uplift: 0.0,
            transition_years: 0.0,
            pension_rate_delta: 0.0,
            overhead_rate: 0.15,
            overhead_fixed: 3000000.0,
            vat_leakage: 0.05,
            annual_efficiency: 0.01,
            looked_after_reduction: 0.0,
            practice_quality_delta: 0.0,
            setup_cost: 0.0,
            optimism_bias: 0.0,
            governance_cost: 200000.0,
            client_side_cost: 0.0,
            stranded_cost: 0.0,
            stranded_years: 0.0,
            contract_years: 0,
            reprocurement_cost: 0.0,
            councils_served: 2.0,
            provider_runs: ["social_work", "placements", "leaving", "early_help"],
        ),
    ],
)"#;

#[test]
fn a_fixed_year_is_worked_by_hand() {
    let file = parse_scenario(FIXED).unwrap();
    let results = run_file(&file, 1);
    let o = &results.options[0];
    let y0 = &o.years[0];
    let extra = y0.whole_budget.as_ref().unwrap();

    // Case holders: R = 1000 / 16 posts, 10% vacant; 80% of the gap covered, plus agency of 2%
    // of the posts beyond vacancies.
    let r = 1000.0_f64 / 16.0;
    let p = r * (1.0 - 0.1);
    let gap = r - p;
    let agency = 0.8 * gap + 0.02 * r;
    // Turnover at no caseload pressure: load = D / (P − ½N + A) = 17.6 < 20.
    let n0 = p * 0.2;
    assert!(1000.0 / (p - 0.5 * n0 + agency) < 20.0);
    let q = 1.0 - (1.0_f64 - 0.12).powf(1.0 / 12.0);
    // The hire rate that holds vacancies at 10%: f = q(1 − v) / (q(1 − v) + v); hires then equal
    // leavers every month, so P stays where it started.
    let f = q * 0.9 / (q * 0.9 + 0.1);
    let hires = f * (gap + q * p);
    close(hires, q * p, "hires equal leavers");
    let mut n = n0;
    let mut new_starters = 0.0;
    for _ in 0..12 {
        new_starters += n;
        n = (n - q * n) * (11.0 / 12.0) + hires;
    }
    // The whole establishment: 1.5 social workers per case holder.
    let s = 1.5;
    let (sum_p, sum_a, sum_n, sum_h) = (
        12.0 * p * s,
        12.0 * agency * s,
        new_starters * s,
        12.0 * hires * s,
    );
    let managers = (sum_p + sum_a) / 6.5;
    let support = (sum_p + sum_a) * 0.4;
    let permanent = (sum_n * 40000.0 + (sum_p - sum_n) * 45000.0) * 1.3 / 12.0;
    let agency_cost = sum_a * 45000.0 * 1.3 * 1.4 / 12.0;
    let manager_cost = managers * 57000.0 * 1.3 / 12.0;
    let support_cost = support * 28000.0 * 1.3 / 12.0;
    let non_pay = (sum_p + sum_a + managers + support) * 9000.0 / 12.0;
    let staff_overhead = 0.15 * (permanent + agency_cost + manager_cost + support_cost + non_pay);
    // The fixed overhead and governance are shared by two councils.
    let fixed = 3_000_000.0 / 2.0;
    // Blocks: the provider's two with its overhead, the council's one with the council's.
    let leaving = 10000.0 * 200.0;
    let early_help = 4000.0 * 1500.0;
    let youth = 30.0 * 50000.0 * 1.1;
    let lines = &y0.lines;
    close(lines.get(CostLine::Permanent), permanent, "permanent");
    close(lines.get(CostLine::Agency), agency_cost, "agency");
    close(lines.get(CostLine::Managers), manager_cost, "managers");
    close(lines.get(CostLine::Support), support_cost, "support");
    close(
        lines.get(CostLine::Recruitment),
        sum_h * 6000.0,
        "recruitment",
    );
    close(
        lines.get(CostLine::Placements),
        12.0 * 200.0 * 1000.0 * 52.0 / 12.0,
        "placements",
    );
    close(lines.get(CostLine::NonPay), non_pay, "non-pay");
    close(
        lines.get(CostLine::Overhead),
        staff_overhead + fixed,
        "overhead",
    );
    close(
        lines.get(CostLine::Vat),
        0.05 * (non_pay + staff_overhead) + 0.05 * fixed + 0.05 * 0.15 * (leaving + early_help),
        "VAT",
    );
    close(
        lines.get(CostLine::Governance),
        200_000.0 / 2.0,
        "governance",
    );
    close(
        extra.blocks.get("leaving").unwrap(),
        leaving * 1.15,
        "leaving care",
    );
    close(
        extra.blocks.get("early_help").unwrap(),
        early_help * 1.15,
        "early help",
    );
    close(
        extra.blocks.get("youth").unwrap(),
        youth,
        "youth justice (kept by the council)",
    );
    let total: f64 = CostLine::ALL.iter().map(|&l| lines.get(l)).sum::<f64>()
        + leaving * 1.15
        + early_help * 1.15
        + youth;
    close(y0.cost_mean, total, "year 0 cost");

    // FTE as the census counts them, and rates that stay put.
    close(extra.case_holding_fte, p + agency, "case holders");
    close(
        extra.social_workers_fte,
        (p + agency) * s * (1.0 + 1.0 / 6.5),
        "all social workers",
    );
    close(extra.vacancy_rate, gap / r, "vacancy rate");
    close(extra.agency_rate, agency / (agency + p), "agency rate");
    let y1 = o.years[1].whole_budget.as_ref().unwrap();
    close(y1.vacancy_rate, gap / r, "vacancy rate a year on");

    // Year 1: the blocks' own inflation and the child population's growth; the provider's
    // efficiency on the blocks it runs.
    close(
        y1.blocks.get("youth").unwrap(),
        30.0 * 50000.0 * 1.01 * 1.02 * 1.1,
        "youth justice, year 1",
    );
    close(
        y1.blocks.get("early_help").unwrap(),
        4000.0 * 1500.0 * 1.03 * 0.99 * 1.15,
        "early help, year 1",
    );
}

#[test]
fn the_scope_names_every_budget_line() {
    let file = parse_scenario(FIXED).unwrap();
    let results = run_file(&file, 1);
    let scope = results.scope.as_ref().unwrap();
    let lines: Vec<&str> = scope
        .included
        .iter()
        .chain(&scope.excluded)
        .map(|l| l.line.as_str())
        .collect();
    assert_eq!(lines.len(), care_options::model::scenario::RO3_LINES.len());
    let included: Vec<&str> = scope.included.iter().map(|l| l.line.as_str()).collect();
    assert_eq!(
        included,
        [
            "safeguarding",
            "cla_residential",
            "cla_fostering",
            "cla_other",
            "family_support",
            "youth_justice"
        ]
    );
    assert!(
        scope
            .excluded
            .iter()
            .any(|l| l.line == "sure_start_early_years")
    );
    let json = results_json(&results).unwrap();
    assert!(
        json.contains("\"excluded\""),
        "the JSON says what is left out"
    );
    let os = results.options[0].scope.as_ref().unwrap();
    assert_eq!(os.council_keeps, ["youth"]);
}

#[test]
fn a_vacancy_rate_the_market_holds_is_still_there_five_years_on() {
    let mut file = parse_scenario(care_options::DEFAULT_SCENARIO).unwrap();
    file.horizon_years = 6;
    file.workforce.initial_vacancy_rate = care_options::model::Dist::Fixed(0.17);
    for o in &mut file.options {
        o.sustained_vacancy_rate = Some(care_options::model::Dist::Fixed(0.17));
    }
    let results = run_file(&file, 500);
    let in_house = &results.options[0];
    for y in [0, 5] {
        let rate = in_house.years[y]
            .whole_budget
            .as_ref()
            .unwrap()
            .vacancy_rate;
        assert!(
            (rate - 0.17).abs() < 0.01,
            "year {y}: the vacancy rate is {rate:.3}, not about 0.17"
        );
    }
}

#[test]
fn renaming_an_option_changes_no_number() {
    let file = parse_scenario(care_options::DEFAULT_SCENARIO).unwrap();
    let mut renamed = file.clone();
    renamed.options[2].name = "Our company".to_string();
    let before = results_json(&run_file(&file, 300)).unwrap();
    let after = results_json(&run_file(&renamed, 300)).unwrap();
    let old_name = &file.options[2].name;
    assert_ne!(before, after, "the name itself appears in the results");
    assert_eq!(
        before.replace(old_name.as_str(), "Our company"),
        after,
        "only the name may differ"
    );
}

#[test]
fn a_new_block_leaves_the_other_draws_alone() {
    let file = parse_scenario(care_options::DEFAULT_SCENARIO).unwrap();
    let mut more = file.clone();
    let mut extra = more.budget.as_ref().unwrap().blocks[0].clone();
    extra.id = "extra".into();
    extra.name = "Extra".into();
    more.budget.as_mut().unwrap().blocks.push(extra);
    let a = run_file(&file, 200);
    let b = run_file(&more, 200);
    let blocks = |r: &RunResults| r.options[0].years[3].whole_budget.clone().unwrap().blocks;
    for (id, cost) in &blocks(&a).0 {
        assert_eq!(blocks(&b).get(id), Some(*cost), "block {id}");
    }
}

#[test]
fn the_default_is_a_whole_council_budget_with_a_note_on_every_input() {
    let file = parse_scenario(care_options::DEFAULT_SCENARIO).unwrap();
    assert!(file.is_whole_budget());
    let results = run_file(&file, 500);
    let year0 = results.options[0].years[0].cost_mean;
    // An average English council spent £101m gross in 2023-24 (MHCLG RO3, 142 councils):
    // 2026/27 prices put it well above £100m.
    assert!(
        (100e6..150e6).contains(&year0),
        "year 0 costs £{:.1}m",
        year0 / 1e6
    );
    let budget = file.budget.as_ref().unwrap();
    for b in &budget.blocks {
        for field in ["unit_cost", "inflation"] {
            let path = format!("budget.blocks[{}].{field}", b.name);
            assert!(file.notes.contains_key(&path), "{path} has no note");
        }
    }
    for o in &file.options {
        for field in [
            "sustained_vacancy_rate",
            "agency_beyond_vacancies",
            "overhead_fixed",
            "councils_served",
            "provider_runs",
        ] {
            let path = format!("options[{}].{field}", o.name);
            assert!(file.notes.contains_key(&path), "{path} has no note");
        }
    }
}

#[test]
fn an_upgraded_file_keeps_its_inputs_and_notes_what_it_added() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let old =
        parse_scenario(&std::fs::read_to_string(fixtures.join("v2/default.ron")).unwrap()).unwrap();
    let defaults = parse_scenario(care_options::DEFAULT_SCENARIO).unwrap();
    let new = to_whole_budget(&old, &defaults).unwrap();
    assert_eq!(new.format_version, 3);
    validate(&new).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(new.demand.open_cases, old.demand.open_cases);
    assert_eq!(new.workforce.agency_premium, old.workforce.agency_premium);
    for (a, b) in old.options.iter().zip(&new.options) {
        assert_eq!(a.annual_turnover, b.annual_turnover);
        assert_eq!(b.time_to_fill_months, None);
        assert_eq!(b.failure_probability, None);
        assert_eq!(
            b.sustained_vacancy_rate,
            Some(old.workforce.initial_vacancy_rate)
        );
        for field in ["sustained_vacancy_rate", "overhead_fixed", "provider_runs"] {
            let note = &new.notes[&format!("options[{}].{field}", b.name)];
            assert!(note.starts_with(ADDED), "{field}: {note}");
        }
    }
    assert!(new.notes["demand.children_in_need"].starts_with(ADDED));
    // Upgrading is not possible twice, and the old file keeps its own model.
    assert!(to_whole_budget(&new, &defaults).is_err());
    assert!(!old.is_whole_budget());
    // The committed fixture is this upgrade, written out: it loads, validates and runs.
    let fixture = std::fs::read_to_string(fixtures.join("upgraded/default.ron")).unwrap();
    assert_eq!(
        scenario_to_ron(&new).unwrap(),
        fixture,
        "the upgrade of tests/fixtures/v2/default.ron no longer matches \
         tests/fixtures/upgraded/default.ron; if the national defaults changed on purpose, \
         rewrite it with `care-options upgrade tests/fixtures/v2/default.ron --out \
         tests/fixtures/upgraded/default.ron`"
    );
    let upgraded = parse_scenario(&fixture).unwrap();
    assert!(run_file(&upgraded, 50).options[0].years[0].cost_mean > 0.0);
}

/// [`FIXED`] with a children's trust beside the in-house option: a typed contract sum below its
/// cost, a 30% provider share, £1m of reserves, overspends settled a year late, and a quality KPI
/// no service can meet, so that the service comes back in-house after two years.
fn fixed_with_trust(kpi_quality: f64) -> ScenarioFile {
    let mut file = parse_scenario(FIXED).unwrap();
    file.horizon_years = 4;
    let mut trust = file.options[0].clone();
    trust.id = Some("trust".into());
    trust.name = "Trust".into();
    trust.kind = care_options::model::OptionKind::Trust;
    trust.contract = Some(parse_contract(&format!(
        "(
            sum: Typed(20000000.0),
            indexation: 0.03,
            renegotiation: FixedForTerm,
            provider_share: 0.3,
            underspend_kept: 0.5,
            initial_reserves: 1000000.0,
            return_lag_years: 1,
            kpi_quality: {kpi_quality:?},
            kpi_years: 2,
            on_kpi_breach: ReturnInHouse,
            on_reserves_exhausted: ImprovementPlan,
            improvement_plan_cost: 400000.0,
            return_cost: 2000000.0,
            return_turnover_uplift: 0.05,
            return_years: 1.0,
            return_new_starter_share: 0.25,
            bidders: 1.0,
            no_bidder_premium: 0.1,
            one_bidder_premium: 0.05,
        )"
    )));
    file.options.push(trust);
    file
}

fn parse_contract(text: &str) -> care_options::model::scenario::Contract {
    ron::from_str(text).unwrap()
}

#[test]
fn every_pound_of_a_contract_is_worked_by_hand() {
    let file = fixed_with_trust(100.0);
    let results = run_file(&file, 1);
    let trust = &results.options[1];
    let year = |y: usize| &trust.years[y];
    let contract = |y: usize| year(y).contract.clone().unwrap();
    let extra = |y: usize| year(y).whole_budget.clone().unwrap();

    // Year 0: the typed sum against the provider's cost. The provider bears 30% of the
    // overspend, up to its £1m of reserves; the council's part is settled a year later.
    let (sum0, cost0) = (20_000_000.0, contract(0).provider_cost);
    assert!(
        cost0 > sum0 + 1_000_000.0 / 0.3,
        "a big enough overspend: {cost0}"
    );
    let over0 = cost0 - sum0;
    close(contract(0).contract_sum, sum0, "year 0 sum");
    close(contract(0).overspend, over0, "year 0 overspend");
    close(contract(0).provider_reserves, 0.0, "reserves spent");
    close(
        contract(0).returned_to_council,
        0.0,
        "nothing settled in year 0",
    );
    // The council paid the sum for what the provider runs: its cost is the year's cost less
    // the £1m the provider bore and the part it owes a year late.
    close(
        extra(0).contract_adjustment,
        sum0 - cost0,
        "year 0 adjustment",
    );
    // Year 1: the sum indexed by 3%; last year's council share settled; the empty reserves
    // bear nothing; an improvement plan followed the reserves running out (paid in year 1).
    let sum1 = sum0 * 1.03;
    let cost1 = contract(1).provider_cost;
    close(contract(1).contract_sum, sum1, "year 1 sum");
    close(
        contract(1).returned_to_council,
        over0 - 1_000_000.0,
        "year 0 settled",
    );
    close(
        extra(1).improvement_plan,
        400_000.0 * 1.02,
        "the improvement plan, at year-1 prices",
    );
    // Two years below the KPI: the service is back in-house in year 2, at the return cost; the
    // council settles year 1's overspend then, in full (no reserves left).
    assert_eq!(contract(2).p_in_house, 1.0);
    close(
        extra(2).return_to_in_house,
        2_000_000.0 * 1.02 * 1.02,
        "return cost",
    );
    close(
        extra(2).contract_adjustment,
        cost1 - sum1,
        "year 1's overspend settled in year 2",
    );
    let summary = trust.contract.as_ref().unwrap();
    assert_eq!(summary.p_return_in_house, 1.0);
    assert_eq!(summary.p_return_in_house_by_year, [0.0, 0.0, 1.0, 1.0]);
    close(
        summary.mean_returned_total,
        (over0 - 1_000_000.0) + (cost1 - sum1),
        "overspends the council bore",
    );
    // Every pound lands somewhere: over the four years the council paid the cost of the
    // service, less what the provider bore, plus the plan and the return.
    let paid: f64 = trust.years.iter().map(|y| y.cost_mean).sum();
    let service: f64 = trust
        .years
        .iter()
        .map(|y| {
            let e = y.whole_budget.as_ref().unwrap();
            y.cost_mean - e.contract_adjustment - e.improvement_plan - e.return_to_in_house
        })
        .sum();
    close(
        paid,
        service - 1_000_000.0 + 400_000.0 * 1.02 + 2_000_000.0 * 1.02 * 1.02,
        "the council's total",
    );
    // Back in-house, the service runs on the in-house option's draws with the disruption of a
    // transfer: turnover above in-house's own for a year, so more vacancies than in-house.
    let in_house = &results.options[0];
    let vacancy = |o: &care_options::model::OptionResult, y: usize| {
        o.years[y].whole_budget.as_ref().unwrap().vacancy_rate
    };
    assert!(vacancy(trust, 2) > vacancy(in_house, 2));
}

#[test]
fn a_contract_the_service_meets_keeps_it_out() {
    let results = run_file(&fixed_with_trust(0.0), 1);
    let summary = results.options[1].contract.as_ref().unwrap();
    assert_eq!(summary.p_return_in_house, 0.0);
    assert_eq!(summary.p_overspend_any_year, 1.0);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// For any contract terms, each year's cost is exactly the sum of its parts: the cost lines,
    /// the blocks, and what the contract, plans and a return add.
    #[test]
    fn the_councils_cost_is_the_sum_of_its_parts(
        share in 0.0..=1.0_f64,
        kept in 0.0..=1.0_f64,
        lag in 0..=1_i64,
        yearly in proptest::bool::ANY,
        kpi in 40.0..90.0_f64,
        kpi_years in 1..=3_i64,
        reserves in 0.0..5e6_f64,
        seed in 0..1000_u64,
    ) {
        use care_options::model::scenario::{Intervention, Renegotiation};
        let mut file = parse_scenario(care_options::DEFAULT_SCENARIO).unwrap();
        file.simulation.seed = seed;
        for o in &mut file.options {
            if let Some(c) = &mut o.contract {
                c.provider_share = share.into();
                c.underspend_kept = kept.into();
                c.return_lag_years = lag;
                c.renegotiation = if yearly { Renegotiation::Yearly } else { Renegotiation::FixedForTerm };
                c.kpi_quality = kpi;
                c.kpi_years = kpi_years;
                c.initial_reserves = reserves.into();
                c.on_reserves_exhausted = Intervention::ImprovementPlan;
            }
        }
        let results = run_file(&file, 40);
        for o in &results.options {
            for y in &o.years {
                let e = y.whole_budget.as_ref().unwrap();
                let parts = CostLine::ALL.iter().map(|&l| y.lines.get(l)).sum::<f64>()
                    + e.blocks.0.iter().map(|(_, v)| v).sum::<f64>()
                    + e.contract_adjustment
                    + e.improvement_plan
                    + e.return_to_in_house;
                let scale = y.cost_mean.abs().max(1.0);
                proptest::prop_assert!(
                    ((parts - y.cost_mean) / scale).abs() < 1e-9,
                    "{} {}: parts {} against cost {}", o.name, y.year, parts, y.cost_mean
                );
            }
            if let Some(c) = &o.contract {
                proptest::prop_assert!(c.p_return_in_house_by_year.windows(2).all(|w| w[0] <= w[1]));
            }
        }
    }
}
