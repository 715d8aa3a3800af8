//! Cost (MODEL.md §6): the fifteen cost lines of one option in one year, in nominal pounds.
//!
//! Every line is linear in the month's quantities and every index steps once a year, so a year's
//! cost is computed from the year's sums of FTE-months rather than month by month.

use super::scenario::Driver;
use super::validate::Scenario;
use super::workforce::YearSums;

/// The cost lines of MODEL.md §6, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CostLine {
    Permanent,
    Agency,
    Managers,
    Support,
    Recruitment,
    Placements,
    NonPay,
    Overhead,
    Vat,
    Governance,
    ClientSide,
    Stranded,
    Setup,
    Reprocurement,
    Failure,
}

/// Number of cost lines.
pub const LINE_COUNT: usize = 15;

impl CostLine {
    pub const ALL: [CostLine; LINE_COUNT] = [
        CostLine::Permanent,
        CostLine::Agency,
        CostLine::Managers,
        CostLine::Support,
        CostLine::Recruitment,
        CostLine::Placements,
        CostLine::NonPay,
        CostLine::Overhead,
        CostLine::Vat,
        CostLine::Governance,
        CostLine::ClientSide,
        CostLine::Stranded,
        CostLine::Setup,
        CostLine::Reprocurement,
        CostLine::Failure,
    ];

    /// The JSON key of MODEL.md §10.
    pub fn key(self) -> &'static str {
        match self {
            CostLine::Permanent => "permanent",
            CostLine::Agency => "agency",
            CostLine::Managers => "managers",
            CostLine::Support => "support",
            CostLine::Recruitment => "recruitment",
            CostLine::Placements => "placements",
            CostLine::NonPay => "non_pay",
            CostLine::Overhead => "overhead",
            CostLine::Vat => "vat",
            CostLine::Governance => "governance",
            CostLine::ClientSide => "client_side",
            CostLine::Stranded => "stranded",
            CostLine::Setup => "setup",
            CostLine::Reprocurement => "reprocurement",
            CostLine::Failure => "failure",
        }
    }

    /// Plain-English name for tables and legends.
    pub fn label(self) -> &'static str {
        match self {
            CostLine::Permanent => "Permanent social workers",
            CostLine::Agency => "Agency social workers",
            CostLine::Managers => "Line managers",
            CostLine::Support => "Support staff",
            CostLine::Recruitment => "Recruitment",
            CostLine::Placements => "Placements",
            CostLine::NonPay => "Non-pay",
            CostLine::Overhead => "Overhead",
            CostLine::Vat => "Irrecoverable VAT",
            CostLine::Governance => "Governance",
            CostLine::ClientSide => "Client side",
            CostLine::Stranded => "Stranded costs",
            CostLine::Setup => "Set-up",
            CostLine::Reprocurement => "Re-procurement",
            CostLine::Failure => "Provider failure",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Cost inputs drawn for one option in one iteration (money in £ at start-year prices).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CostDraw {
    pub salary_new_starter: f64,
    pub salary_experienced: f64,
    pub salary_manager: f64,
    pub salary_support: f64,
    pub oncost_rate: f64,
    pub pension_rate_delta: f64,
    pub pay_inflation: f64,
    pub agency_premium: f64,
    pub cost_per_hire: f64,
    pub non_pay_per_fte: f64,
    pub general_inflation: f64,
    pub placement_inflation: f64,
    /// `Σ_k m_k·w_k`: mean weekly placement cost per looked-after child.
    pub weekly_placement_cost: f64,
    pub overhead_rate: f64,
    pub vat_leakage: f64,
    pub annual_efficiency: f64,
    pub governance_cost: f64,
    pub client_side_cost: f64,
    pub stranded_cost: f64,
    pub stranded_years: f64,
    pub setup_cost: f64,
    pub optimism_bias: f64,
    /// `L`; 0 means the service is never re-procured.
    pub contract_years: u32,
    pub reprocurement_cost: f64,
    pub failure_cost: f64,
    /// Whole-budget model: this scenario's share of the provider's fixed overhead, £ a year at
    /// start-year prices (the fixed overhead over the councils served).
    pub overhead_fixed: f64,
    /// Whole-budget model: this scenario's share of the provider's fixed costs (1 over the
    /// councils served), applied to governance.
    pub governance_share: f64,
}

/// The annual indices of one year: `I^pay_y`, `I^plc_y`, `I^gen_y` and `E_y` of MODEL.md §6.
/// Stepped from one year to the next by one multiplication each, not raised to a power.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct YearIndices {
    pub pay: f64,
    pub placement: f64,
    pub general: f64,
    pub efficiency: f64,
}

impl YearIndices {
    /// Year 0: every index is 1.
    pub const START: YearIndices = YearIndices {
        pay: 1.0,
        placement: 1.0,
        general: 1.0,
        efficiency: 1.0,
    };

    /// The indices of the following year.
    pub fn next(&self, c: &CostDraw) -> Self {
        YearIndices {
            pay: self.pay * (1.0 + c.pay_inflation),
            placement: self.placement * (1.0 + c.placement_inflation),
            general: self.general * (1.0 + c.general_inflation),
            efficiency: self.efficiency * (1.0 - c.annual_efficiency),
        }
    }
}

/// The cost lines of year `y` (nominal £), whose indices are `index`. `looked_after_months` is
/// Σ `CLA_t` over the year; `failed` says whether the provider failed in this year.
// Inlined: returned through memory, its fifteen lines were read back wider than written,
// which stalls store forwarding.
#[inline]
#[allow(clippy::too_many_arguments)]
pub(crate) fn year_lines(
    y: usize,
    horizon_years: usize,
    sums: &YearSums,
    looked_after_months: f64,
    c: &CostDraw,
    failed: bool,
    index: &YearIndices,
) -> [f64; LINE_COUNT] {
    let pay_index = index.pay;
    let placement_index = index.placement;
    let general_index = index.general;
    let efficiency = index.efficiency;
    let oncost = c.oncost_rate + c.pension_rate_delta;

    let mut lines = [0.0; LINE_COUNT];
    let permanent = (sums.new_starters * c.salary_new_starter
        + (sums.permanent - sums.new_starters) * c.salary_experienced)
        * (1.0 + oncost)
        * pay_index
        / 12.0;
    let agency = sums.agency
        * c.salary_experienced
        * (1.0 + c.oncost_rate)
        * (1.0 + c.agency_premium)
        * pay_index
        / 12.0;
    let managers = sums.managers * c.salary_manager * (1.0 + oncost) * pay_index / 12.0;
    let support = sums.support * c.salary_support * (1.0 + oncost) * pay_index / 12.0;
    let non_pay = (sums.permanent + sums.agency + sums.managers + sums.support)
        * c.non_pay_per_fte
        * general_index
        / 12.0
        * efficiency;
    let overhead =
        c.overhead_rate * (permanent + agency + managers + support + non_pay) * efficiency;

    lines[CostLine::Permanent.index()] = permanent;
    lines[CostLine::Agency.index()] = agency;
    lines[CostLine::Managers.index()] = managers;
    lines[CostLine::Support.index()] = support;
    lines[CostLine::Recruitment.index()] = sums.hires * c.cost_per_hire * general_index;
    lines[CostLine::Placements.index()] =
        looked_after_months * c.weekly_placement_cost * (52.0 / 12.0) * placement_index;
    lines[CostLine::NonPay.index()] = non_pay;
    lines[CostLine::Overhead.index()] = overhead;
    lines[CostLine::Vat.index()] = c.vat_leakage * (non_pay + overhead);
    // Twelve months of an annual cost divided by 12.
    lines[CostLine::Governance.index()] = c.governance_cost * general_index;
    lines[CostLine::ClientSide.index()] = c.client_side_cost * general_index;
    if c.stranded_years > 0.0 {
        lines[CostLine::Stranded.index()] =
            c.stranded_cost * (1.0 - y as f64 / c.stranded_years).max(0.0) * general_index;
    }
    if y == 0 {
        lines[CostLine::Setup.index()] = c.setup_cost * (1.0 + c.optimism_bias);
    }
    // Re-let at month 12·L·n (n ≥ 1), i.e. at the start of year L·n, while inside the horizon.
    let contract = c.contract_years as usize;
    if contract >= 1 && y >= contract && y.is_multiple_of(contract) && y < horizon_years {
        lines[CostLine::Reprocurement.index()] = c.reprocurement_cost * general_index;
    }
    if failed && y >= 1 {
        lines[CostLine::Failure.index()] = c.failure_cost * general_index;
    }
    lines
}

/// Most budget blocks a scenario may have (their yearly costs are kept on the stack).
pub const MAX_INLINE_BLOCKS: usize = 32;

/// The indices of the whole-budget model's blocks and child population in one year, stepped
/// once a year like [`YearIndices`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BudgetIndices {
    /// `I^b_y = Π (1 + π_b)` for each block `b`.
    pub blocks: [f64; MAX_INLINE_BLOCKS],
    /// `(1 + growth)^y` of the child population.
    pub population: f64,
}

impl BudgetIndices {
    pub fn start(blocks: usize) -> Self {
        let mut b = [0.0; MAX_INLINE_BLOCKS];
        b[..blocks.min(MAX_INLINE_BLOCKS)].fill(1.0);
        BudgetIndices {
            blocks: b,
            population: 1.0,
        }
    }

    /// Steps to the following year, in place.
    pub fn advance(&mut self, inflation: &[f64], population_growth: f64) {
        for (i, rate) in self.blocks.iter_mut().zip(inflation) {
            *i *= 1.0 + rate;
        }
        self.population *= 1.0 + population_growth;
    }
}

/// The year's mean level of each cost driver (docs/MODEL.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Drivers {
    pub cases: f64,
    pub looked_after: f64,
    pub children_in_need: f64,
    pub child_population: f64,
}

impl Drivers {
    pub fn of(&self, driver: Driver) -> f64 {
        match driver {
            Driver::Cases => self.cases,
            Driver::ChildrenInNeed => self.children_in_need,
            Driver::LookedAfter => self.looked_after,
            Driver::ChildPopulation => self.child_population,
            Driver::Fixed => 1.0,
        }
    }
}

/// What the whole-budget model adds to one option's year.
pub(crate) struct WholeBudgetYear<'a> {
    pub scenario: &'a Scenario,
    pub option: usize,
    pub cost: &'a CostDraw,
    pub index: &'a YearIndices,
    pub budget: &'a BudgetIndices,
    pub drivers: &'a Drivers,
    /// Each block's unit cost this iteration.
    pub units: &'a [f64],
    pub retained_overhead: f64,
}

/// The whole-budget model's additions to a year's cost lines (docs/MODEL.md §6): the provider's
/// fixed overhead, shared between the councils it serves (into `overhead`, with VAT leakage on it
/// into `vat`), governance likewise shared, and each block's cost into `blocks`. A block the
/// provider runs costs `unit · driver · I^b_y · E_y · (1 + overhead rate)`, with VAT leakage on
/// its overhead part; a block the council keeps costs `unit · driver · I^b_y · (1 + retained
/// overhead)`. A block's line holds its overhead, so that it compares with the outturn line it
/// stands for, which carries its share of overheads too.
pub(crate) fn whole_budget_lines(
    lines: &mut [f64; LINE_COUNT],
    blocks: &mut [f64],
    year: &WholeBudgetYear<'_>,
) {
    let c = year.cost;
    let efficiency = year.index.efficiency;
    let fixed = c.overhead_fixed * year.index.general * efficiency;
    let mut vat = c.vat_leakage * fixed;
    lines[CostLine::Governance.index()] *= c.governance_share;
    let option = &year.scenario.options[year.option];
    for (k, (b, out)) in year
        .scenario
        .blocks
        .iter()
        .zip(blocks.iter_mut())
        .enumerate()
    {
        let base = year.units[k] * year.drivers.of(b.driver) * year.budget.blocks[k];
        if option.runs_block.get(k).copied().unwrap_or(false) {
            let direct = base * efficiency;
            let overhead = c.overhead_rate * direct;
            vat += c.vat_leakage * overhead;
            *out = direct + overhead;
        } else {
            *out = base * (1.0 + year.retained_overhead);
        }
    }
    lines[CostLine::Overhead.index()] += fixed;
    lines[CostLine::Vat.index()] += vat;
}
