//! Calibration against published spending: for every council with figures, a scenario built from
//! its published demand and workforce only, with the national defaults for everything else, run,
//! and its first year's cost set against the council's gross spend on children's social care in
//! MHCLG's revenue outturn (RO3). The national defaults are judged on the councils as a whole;
//! nothing here is tuned council by council.
//!
//! Depends on the model and the published figures; no files, no printing.

use crate::model::scenario::{CORE_RO3_LINES, Driver, PLACEMENTS, SOCIAL_WORK, ScenarioFile};
use crate::model::{RunControl, RunSettings, prices, run, validate};

use super::published::{Published, WorkforceRow};

/// The targets the national defaults are held to.
pub const COST_RATIO_MEDIAN: (f64, f64) = (0.95, 1.05);
/// P10 and P90 of the cost ratio must lie inside this band.
pub const COST_RATIO_BAND: (f64, f64) = (0.75, 1.30);
pub const FTE_RATIO_MEDIAN: (f64, f64) = (0.9, 1.1);
/// Year-3 vacancy and agency rates within this many percentage points of the census.
pub const RATE_POINTS: f64 = 3.0;

/// Iterations run for each council: enough that the mean year-0 cost is within about 0.1% of its
/// limit (its sampling error), far below the spread between councils.
pub const ITERATIONS: u64 = 400;

/// A council's published demand and workforce figures, as a scenario takes them.
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilFigures {
    pub ons_code: String,
    pub name: String,
    /// Cases held at 30 September.
    pub cases: f64,
    /// Cases per case holder (FTE, agency included).
    pub caseload: f64,
    /// Case holders, FTE, agency included.
    pub case_holders_fte: f64,
    /// In post plus agency social workers, FTE.
    pub social_workers_fte: f64,
    /// Vacancy rate, as a fraction.
    pub vacancy_rate: f64,
    /// Agency rate, as a fraction.
    pub agency_rate: f64,
    /// Share of vacancies covered by agency staff, as a fraction.
    pub agency_cover: f64,
    /// Agency FTE beyond those covering vacancies, as a share of the establishment.
    pub agency_beyond_vacancies: f64,
    /// Turnover, as a fraction.
    pub turnover: f64,
    /// Children looked after at 31 March.
    pub looked_after: f64,
    /// Children in need at 31 March.
    pub children_in_need: f64,
    /// Children aged 0–17 (ONS mid-year before the 31 March count).
    pub child_population: f64,
    /// Figures missing or suppressed for the council and taken from England's, by name.
    pub from_england: Vec<&'static str>,
}

impl CouncilFigures {
    /// The figures of council `code`: workforce at 30 September `census_year`, children at
    /// 31 March `census_year + 1`. `None` when the council has no cases, caseload or children
    /// looked after to build on; other missing rates fall back to England's, and say so.
    pub fn of(published: &Published, code: &str, census_year: i32) -> Option<CouncilFigures> {
        let council = published.council(code)?;
        let own = published.workforce_of(code, census_year)?;
        let england = published.england_workforce(census_year)?;
        let mut from_england = Vec::new();
        let mut pick = |name: &'static str, f: fn(&WorkforceRow) -> Option<f64>| {
            f(own).or_else(|| {
                from_england.push(name);
                f(england)
            })
        };
        let cases = own.cases?;
        let caseload = own.caseload?;
        let vacancy_rate = pick("vacancy rate", |r| r.vacancy_rate)? / 100.0;
        // A small number of agency staff is suppressed on the FTE basis; the headcount rate is
        // the council's own figure still.
        let agency_rate =
            pick("agency rate", |r| r.agency_rate.or(r.agency_rate_headcount))? / 100.0;
        let turnover = pick("turnover", |r| r.turnover_rate)? / 100.0;
        let cover = pick("vacancies covered by agency", |r| {
            r.vacancy_agency_cover_rate
        })? / 100.0;
        let inpost = own.inpost_fte;
        let agency = own.agency_fte;
        // Agency staff beyond those covering vacancies, as a share of posts, from the published
        // rates: agency per member of staff in post a/(1 − a), less the vacancies covered
        // c·v/(1 − v), times posts per member of staff in post (1 − v).
        let beyond = ((1.0 - vacancy_rate) * agency_rate / (1.0 - agency_rate).max(1e-9)
            - cover.min(1.0) * vacancy_rate)
            .max(0.0);
        let counts_year = census_year + 1;
        let looked_after = published.looked_after_of(code, counts_year)?.count?;
        let cin = published.children_in_need_of(code, counts_year)?;
        Some(CouncilFigures {
            ons_code: council.ons_code.clone(),
            name: council.name.clone(),
            cases,
            caseload,
            case_holders_fte: own.case_holders_fte.unwrap_or(cases / caseload),
            social_workers_fte: inpost.zip(agency).map_or(f64::NAN, |(p, a)| p + a),
            vacancy_rate,
            agency_rate,
            agency_cover: cover.min(1.0),
            agency_beyond_vacancies: beyond,
            turnover,
            looked_after,
            children_in_need: cin.count.unwrap_or(f64::NAN),
            child_population: cin.population.unwrap_or(f64::NAN),
            from_england,
        })
    }
}

/// The scenario of a council's published demand and workforce, with `base`'s national defaults
/// for everything else, one in-house option, starting in `start_year` at that year's prices and
/// running `horizon_years`.
///
/// The establishment is sized so that the case holders in post or agency at the start carry the
/// published caseload: `target = caseload × (1 − v·(1 − c) + e)`, since posts left vacant
/// without agency cover carry no cases and agency staff beyond vacancies (`e`) carry some.
/// Open cases, children looked after, children in need and the child population are fixed at the published counts; vacancy, agency and turnover rates at the
/// council's census figures, and the vacancy rate its market sustains at its current one.
pub fn council_scenario(
    base: &ScenarioFile,
    figures: &CouncilFigures,
    start_year: i32,
    horizon_years: i64,
) -> Option<ScenarioFile> {
    let mut file = base.clone();
    prices::restate(&mut file, start_year - base.start_year);
    file.name = format!("{} (published figures)", figures.name);
    file.horizon_years = horizon_years;
    let baseline = file
        .options
        .iter()
        .find(|o| o.name == file.appraisal.baseline_option)?
        .clone();
    file.options = vec![baseline];
    set_figures(&mut file, figures);
    file.notes.clear();
    Some(file)
}

/// Sets `figures` in `file`: demand (open cases, the looked-after share, children in need and the
/// child population) and workforce (vacancy rate, reference caseload), and on every option its
/// target caseload, agency cover, agency beyond vacancies, turnover and sustained vacancy rate
/// (see [`council_scenario`]). Notes are left to the caller.
pub fn set_figures(file: &mut ScenarioFile, figures: &CouncilFigures) {
    use crate::model::Dist::Fixed;
    let f = figures;
    let d = &mut file.demand;
    d.open_cases = Fixed(f.cases);
    d.looked_after_share = Fixed((f.looked_after / f.cases).min(1.0));
    if f.children_in_need.is_finite() {
        d.children_in_need = Some(Fixed(f.children_in_need));
    }
    if f.child_population.is_finite() {
        d.child_population = Some(Fixed(f.child_population));
    }
    let w = &mut file.workforce;
    w.initial_vacancy_rate = Fixed(f.vacancy_rate);
    w.reference_caseload = Fixed(f.caseload);
    for option in &mut file.options {
        option.target_caseload = Fixed(target_caseload(f));
        option.agency_cover = Fixed(f.agency_cover);
        option.agency_beyond_vacancies = Some(Fixed(f.agency_beyond_vacancies));
        option.annual_turnover = Fixed(f.turnover);
        option.sustained_vacancy_rate = Some(Fixed(f.vacancy_rate));
    }
}

/// The target caseload at which case holders in post or agency carry the published caseload:
/// `caseload × (1 − v·(1 − c) + e)`.
pub fn target_caseload(f: &CouncilFigures) -> f64 {
    f.caseload * (1.0 - f.vacancy_rate * (1.0 - f.agency_cover) + f.agency_beyond_vacancies)
}

/// One council's comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilCalibration {
    pub figures: CouncilFigures,
    /// Mean cost of the first year, £ at the outturn year's prices.
    pub model_cost_year0: f64,
    /// Published gross spend on children's social care (RO3 total), £.
    pub ro3_gross: f64,
    /// All qualified social workers in post or agency, FTE, year 0.
    pub model_sw_fte: f64,
    pub model_case_holders_fte: f64,
    pub model_vacancy_year0: f64,
    pub model_vacancy_year3: f64,
    pub model_agency_year0: f64,
    pub model_agency_year3: f64,
    /// The year-0 cost by part, £: social-work teams (every line but placements), placements,
    /// then each block by id.
    pub model_parts: Vec<(String, f64)>,
}

impl CouncilCalibration {
    pub fn ratio(&self) -> f64 {
        self.model_cost_year0 / self.ro3_gross
    }
}

/// The spread of a figure over the councils.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub p10: f64,
    pub median: f64,
    pub p90: f64,
    pub count: usize,
}

impl Spread {
    pub fn of(values: impl Iterator<Item = f64>) -> Spread {
        let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        let p = |q| crate::model::results::percentile_of_sorted(&v, q);
        Spread {
            p10: p(0.1),
            median: p(0.5),
            p90: p(0.9),
            count: v.len(),
        }
    }
}

/// A national unit cost as the published figures give it, beside the default's.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitCost {
    pub block: String,
    pub line: String,
    pub driver: Driver,
    /// Σ line ÷ Σ driver over the councils compared, £ at the outturn year's prices.
    pub published: f64,
    /// The default's mean unit cost with the in-house overhead, at the same prices.
    pub default: f64,
}

/// The comparison over every council.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// The outturn year, `2023-24`.
    pub year: String,
    /// 30 September of this year for the workforce; 31 March of the next for children.
    pub census_year: i32,
    /// Years the national defaults were moved back to reach the outturn year's prices.
    pub years_restated: i32,
    pub councils: Vec<CouncilCalibration>,
    /// Councils left out, and why.
    pub skipped: Vec<(String, String)>,
    pub unit_costs: Vec<UnitCost>,
}

/// Why calibration could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalibrationError {
    #[error("there is no outturn file for {0}")]
    NoOutturn(String),
    #[error("`{0}` is not a financial year such as 2023-24")]
    Year(String),
    #[error("the national defaults are not a whole-budget (format version 3) scenario")]
    NotWholeBudget,
    #[error("the scenario of {council} is invalid: {problem}")]
    Invalid { council: String, problem: String },
    #[error("the run was cancelled")]
    Cancelled,
}

/// Runs the calibration of `base`'s national defaults against the outturn of `year`.
/// `progress` is told each council as it is done.
pub fn calibrate(
    published: &Published,
    base: &ScenarioFile,
    year: &str,
    control: &RunControl,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Calibration, CalibrationError> {
    if !base.is_whole_budget() {
        return Err(CalibrationError::NotWholeBudget);
    }
    let census_year: i32 = year
        .split('-')
        .next()
        .and_then(|y| y.parse().ok())
        .ok_or_else(|| CalibrationError::Year(year.to_string()))?;
    let outturn = published
        .outturn
        .get(year)
        .ok_or_else(|| CalibrationError::NoOutturn(year.to_string()))?;
    let mut councils = Vec::new();
    let mut skipped = Vec::new();
    for (done, spend) in outturn.iter().enumerate() {
        progress(done, outturn.len());
        if control.is_cancelled() {
            return Err(CalibrationError::Cancelled);
        }
        let Some(ro3_gross) = spend.total_gross().filter(|x| *x > 0.0) else {
            skipped.push((spend.name.clone(), "no gross spend published".to_string()));
            continue;
        };
        let Some(figures) = CouncilFigures::of(published, &spend.ons_code, census_year) else {
            skipped.push((
                spend.name.clone(),
                format!(
                    "no cases held, caseload or children looked after published for {census_year}"
                ),
            ));
            continue;
        };
        let Some(file) = council_scenario(base, &figures, census_year, 4) else {
            return Err(CalibrationError::NotWholeBudget);
        };
        let scenario = validate(&file).map_err(|e| CalibrationError::Invalid {
            council: figures.name.clone(),
            problem: e.to_string(),
        })?;
        let settings = RunSettings {
            iterations: ITERATIONS,
            seed: base.simulation.seed,
        };
        let results = match run(&scenario, settings, control) {
            Ok(r) => r,
            Err(crate::model::RunError::Cancelled) => return Err(CalibrationError::Cancelled),
            Err(e) => {
                return Err(CalibrationError::Invalid {
                    council: figures.name.clone(),
                    problem: e.to_string(),
                });
            }
        };
        let Some(option) = results.options.first() else {
            continue;
        };
        let year_of = |y: usize| option.years.get(y).and_then(|r| r.whole_budget.as_ref());
        let (Some(first), Some(third)) = (year_of(0), year_of(3)) else {
            continue;
        };
        let y0 = &option.years[0];
        let placements = y0.lines.get(crate::model::CostLine::Placements);
        let blocks: f64 = first.blocks.0.iter().map(|(_, v)| v).sum();
        let mut model_parts = vec![
            (SOCIAL_WORK.to_string(), y0.cost_mean - placements - blocks),
            (PLACEMENTS.to_string(), placements),
        ];
        model_parts.extend(first.blocks.0.iter().cloned());
        councils.push(CouncilCalibration {
            model_parts,
            model_cost_year0: option.years[0].cost_mean,
            ro3_gross,
            model_sw_fte: first.social_workers_fte,
            model_case_holders_fte: first.case_holding_fte,
            model_vacancy_year0: first.vacancy_rate,
            model_vacancy_year3: third.vacancy_rate,
            model_agency_year0: first.agency_rate,
            model_agency_year3: third.agency_rate,
            figures,
        });
    }
    progress(outturn.len(), outturn.len());
    let years_restated = census_year - base.start_year;
    Ok(Calibration {
        year: year.to_string(),
        census_year,
        years_restated,
        unit_costs: unit_costs(published, base, &councils, year, years_restated),
        councils,
        skipped,
    })
}

/// Each block's national unit cost in the published figures (Σ line ÷ Σ driver over the councils
/// compared), beside the default's, with its overhead, restated at the same prices.
fn unit_costs(
    published: &Published,
    base: &ScenarioFile,
    councils: &[CouncilCalibration],
    year: &str,
    years_restated: i32,
) -> Vec<UnitCost> {
    let Some(budget) = &base.budget else {
        return Vec::new();
    };
    let overhead = base
        .options
        .iter()
        .find(|o| o.name == base.appraisal.baseline_option)
        .map_or(0.0, |o| o.overhead_rate.mean());
    budget
        .blocks
        .iter()
        .filter(|b| !b.ro3_line.is_empty())
        .map(|b| {
            let (mut spend, mut units) = (0.0, 0.0);
            for c in councils {
                let f = &c.figures;
                let driver = match b.driver {
                    Driver::Cases => f.cases,
                    Driver::ChildrenInNeed => f.children_in_need,
                    Driver::LookedAfter => f.looked_after,
                    Driver::ChildPopulation => f.child_population,
                    Driver::Fixed => 1.0,
                };
                let line = published
                    .outturn_of(&f.ons_code, year)
                    .and_then(|o| o.line(&b.ro3_line));
                if let Some(line) = line.filter(|_| driver.is_finite()) {
                    spend += line;
                    units += driver;
                }
            }
            UnitCost {
                block: b.id.clone(),
                line: b.ro3_line.clone(),
                driver: b.driver,
                published: spend / units,
                default: b.unit_cost.mean()
                    * prices::uprating(b.inflation.mean(), years_restated)
                    * (1.0 + overhead),
            }
        })
        .collect()
}

/// One part of the model beside the published lines it stands for, summed over the councils.
#[derive(Debug, Clone, PartialEq)]
pub struct PartTotal {
    /// `social_work`, `placements` or a block id.
    pub part: String,
    /// The RO3 lines it stands for.
    pub lines: Vec<String>,
    /// Σ model year-0 cost, £.
    pub model: f64,
    /// Σ published gross, £.
    pub published: f64,
}

impl Calibration {
    /// Each part of the model against the lines it stands for, over every council compared.
    pub fn parts(&self, published: &Published, base: &ScenarioFile) -> Vec<PartTotal> {
        let mut out: Vec<PartTotal> = Vec::new();
        let mut add = |part: &str, line: &str| {
            if let Some(p) = out.iter_mut().find(|p| p.part == part) {
                p.lines.push(line.to_string());
            } else {
                out.push(PartTotal {
                    part: part.to_string(),
                    lines: vec![line.to_string()],
                    model: 0.0,
                    published: 0.0,
                });
            }
        };
        for (part, line) in CORE_RO3_LINES {
            add(part, line);
        }
        if let Some(budget) = &base.budget {
            for b in &budget.blocks {
                add(&b.id, &b.ro3_line);
            }
        }
        for p in &mut out {
            for c in &self.councils {
                let Some(outturn) = published.outturn_of(&c.figures.ons_code, &self.year) else {
                    continue;
                };
                p.model += c
                    .model_parts
                    .iter()
                    .find(|(k, _)| *k == p.part)
                    .map_or(0.0, |(_, v)| *v);
                p.published += p.lines.iter().filter_map(|l| outturn.line(l)).sum::<f64>();
            }
        }
        out
    }

    /// The social-work teams hold every qualified social worker, while the outturn books those
    /// of fostering, adoption and leaving-care teams under children looked after. Returns how
    /// much more the teams cost than the safeguarding line (£, over the councils compared), and
    /// the cost per child looked after of the rest of the `cla_other` line once that is taken
    /// out (£ a year with overheads, at the outturn year's prices): the calibration of the
    /// block that stands for `cla_other`.
    pub fn shared_staff(&self, published: &Published, base: &ScenarioFile) -> Option<(f64, f64)> {
        let parts = self.parts(published, base);
        let teams = parts.iter().find(|p| p.part == SOCIAL_WORK)?;
        let excess = teams.model - teams.published;
        let (mut other, mut looked_after) = (0.0, 0.0);
        for c in &self.councils {
            if let Some(line) = published
                .outturn_of(&c.figures.ons_code, &self.year)
                .and_then(|o| o.line("cla_other"))
            {
                other += line;
                looked_after += c.figures.looked_after;
            }
        }
        Some((excess, (other - excess) / looked_after))
    }

    pub fn cost_ratio(&self) -> Spread {
        Spread::of(self.councils.iter().map(CouncilCalibration::ratio))
    }

    /// Model ÷ census, all qualified social workers in post or agency.
    pub fn social_worker_ratio(&self) -> Spread {
        Spread::of(
            self.councils
                .iter()
                .map(|c| c.model_sw_fte / c.figures.social_workers_fte),
        )
    }

    /// Model ÷ census, case holders.
    pub fn case_holder_ratio(&self) -> Spread {
        Spread::of(
            self.councils
                .iter()
                .map(|c| c.model_case_holders_fte / c.figures.case_holders_fte),
        )
    }

    /// Model minus census vacancy rate in `year` (0 or 3), percentage points.
    pub fn vacancy_gap(&self, year: usize) -> Spread {
        Spread::of(self.councils.iter().map(|c| {
            let model = if year == 0 {
                c.model_vacancy_year0
            } else {
                c.model_vacancy_year3
            };
            100.0 * (model - c.figures.vacancy_rate)
        }))
    }

    /// Model minus census agency rate in `year` (0 or 3), percentage points.
    pub fn agency_gap(&self, year: usize) -> Spread {
        Spread::of(self.councils.iter().map(|c| {
            let model = if year == 0 {
                c.model_agency_year0
            } else {
                c.model_agency_year3
            };
            100.0 * (model - c.figures.agency_rate)
        }))
    }

    /// Share of councils whose year-3 vacancy and agency rates are both within
    /// [`RATE_POINTS`] of the census.
    pub fn share_within_points(&self) -> f64 {
        let within = self
            .councils
            .iter()
            .filter(|c| {
                (100.0 * (c.model_vacancy_year3 - c.figures.vacancy_rate)).abs() <= RATE_POINTS
                    && (100.0 * (c.model_agency_year3 - c.figures.agency_rate)).abs() <= RATE_POINTS
            })
            .count();
        within as f64 / self.councils.len().max(1) as f64
    }

    /// Elasticity of cost on cases across councils (the slope of log cost on log cases): in the
    /// published figures and in the model.
    pub fn elasticities(&self) -> (f64, f64) {
        let x: Vec<f64> = self.councils.iter().map(|c| c.figures.cases.ln()).collect();
        let published: Vec<f64> = self.councils.iter().map(|c| c.ro3_gross.ln()).collect();
        let model: Vec<f64> = self
            .councils
            .iter()
            .map(|c| c.model_cost_year0.ln())
            .collect();
        (slope(&x, &published), slope(&x, &model))
    }

    /// Whether each target is met: cost ratio, social-worker FTE, rates.
    pub fn targets_met(&self) -> [bool; 3] {
        let cost = self.cost_ratio();
        let fte = self.social_worker_ratio();
        [
            (COST_RATIO_MEDIAN.0..=COST_RATIO_MEDIAN.1).contains(&cost.median)
                && cost.p10 >= COST_RATIO_BAND.0
                && cost.p90 <= COST_RATIO_BAND.1,
            (FTE_RATIO_MEDIAN.0..=FTE_RATIO_MEDIAN.1).contains(&fte.median),
            self.share_within_points() >= 0.9,
        ]
    }
}

/// Least-squares slope of `y` on `x`.
fn slope(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
    }
    sxy / sxx
}

impl Calibration {
    /// One row per council: the published and modelled figures side by side (money in £ at the
    /// outturn year's prices, rates as fractions), and the figures taken from England's.
    pub fn to_csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "ons_code",
            "la_name",
            "model_cost_year0",
            "ro3_gross",
            "ratio",
            "model_sw_fte",
            "census_sw_fte",
            "model_vacancy_year3",
            "census_vacancy",
            "model_agency_year3",
            "census_agency",
            "model_case_holders_fte",
            "census_case_holders_fte",
            "model_vacancy_year0",
            "model_agency_year0",
            "cases",
            "from_england",
        ])?;
        for c in &self.councils {
            let f = &c.figures;
            let n = |x: f64| format!("{x}");
            w.write_record([
                f.ons_code.clone(),
                f.name.clone(),
                n(c.model_cost_year0),
                n(c.ro3_gross),
                n(c.ratio()),
                n(c.model_sw_fte),
                n(f.social_workers_fte),
                n(c.model_vacancy_year3),
                n(f.vacancy_rate),
                n(c.model_agency_year3),
                n(f.agency_rate),
                n(c.model_case_holders_fte),
                n(f.case_holders_fte),
                n(c.model_vacancy_year0),
                n(c.model_agency_year0),
                n(f.cases),
                f.from_england.join("; "),
            ])?;
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slope_of_a_line_is_its_gradient() {
        let x = [1.0, 2.0, 3.0, 4.0];
        let y = [3.0, 5.0, 7.0, 9.0];
        assert!((slope(&x, &y) - 2.0).abs() < 1e-12);
    }
}
