//! A complete whole-budget scenario for one English council, from its published figures
//! (`care-options new --council`, File → New from council…).
//!
//! - **Demand and workforce**: cases held, caseload and the workforce rates at the latest
//!   30 September in the DfE census; children in need, children looked after and the child
//!   population at the latest 31 March. A figure the council did not publish (suppressed, or
//!   reported jointly with a neighbour) is taken from the joint return, its own previous year,
//!   its region or England, in that order, and the note says which.
//! - **Budget**: every part of the year-0 budget is fitted to the council's MHCLG revenue outturn
//!   (RO3) 2023-24, each line uprated to the start year at the mean yearly growth the model
//!   applies to it (see [`uprating_years`]): each block's unit cost to its line; the placements'
//!   weekly costs to residential care plus fostering; the `cla_other` block to what the
//!   `cla_other` and `safeguarding` lines together leave once the social-work teams (costed from
//!   the workforce) are paid for. The fit uses the central case of the in-house option (every
//!   input at its mean), in which every part is linear in its unit cost, so one scaling is exact.
//!   Councils that did not return RO3, or that book most of their spend as a payment to their
//!   trust or company, keep the national unit costs, and the notes say so.
//! - **Options**: in-house, a children's trust and a community interest company; where a trust or
//!   a company runs the service today, it stands in for the option of its kind under its own
//!   name, is the baseline, has no set-up or transition cost, and its contract sum is what the
//!   council paid for the services it runs.
//!
//! Only the scenario file carries a council's figures, as inputs with notes; the model and its
//! defaults are the same for every council. Depends on the model and the published figures.

use std::collections::BTreeMap;

use crate::model::central::central_file;
use crate::model::edit;
use crate::model::prices::uprating;
use crate::model::scenario::{ContractSum, Driver, OptionKind, PLACEMENTS, SOCIAL_WORK};
use crate::model::{Dist, RunControl, RunSettings, ScenarioFile, run, validate};

use super::calibrate::{CouncilFigures, set_figures, target_caseload};
use super::published::{ChildCount, Council, LICENCE, Published, Vehicle, WorkforceRow};

/// Where each kind of figure comes from, as the notes cite it.
pub const WORKFORCE_SOURCE: &str =
    "DfE, Children's social work workforce statistics (at 30 September)";
pub const CHILDREN_IN_NEED_SOURCE: &str = "DfE, Characteristics of children in need (at 31 March)";
pub const LOOKED_AFTER_SOURCE: &str =
    "DfE, Children looked after in England (at 31 March; population: ONS mid-year estimates)";
pub const OUTTURN_SOURCE: &str =
    "MHCLG, Local authority revenue outturn RO3 2023-24 (gross expenditure)";
pub const VEHICLES_SOURCE: &str = "the project's list of children's trusts and council-owned companies (la_delivery_vehicles.csv)";

/// The outturn year the budget is fitted to.
pub const OUTTURN_YEAR: &str = "2023-24";
/// The calendar year in which that financial year starts.
pub const OUTTURN_START: i32 = 2023;

/// Share of a council's RO3 total above which its spend is taken to be booked as one payment to
/// its trust or company (Sandwell books about 92% under "other children's and families
/// services"), so that its lines cannot be matched one by one.
pub const LUMPED_SHARE: f64 = 0.5;

/// A council's placements may cost this many times the national weekly costs at most (and at
/// least its inverse) before its RO3 lines are taken to be booked elsewhere and the national
/// costs kept: judgement, wide enough for every council that books its placements by line.
pub const PLACEMENT_FACTOR_LIMIT: f64 = 4.0;

/// The RO3 lines where councils book qualified social workers outside the safeguarding line, in
/// the order the social-work teams' cost beyond safeguarding is taken from them: fostering,
/// adoption and leaving-care teams (`cla_other`), early-help social workers (`family_support`),
/// and the catch-all line (`other_children_family_services`).
pub const TEAM_LINES: [&str; 3] = [
    "cla_other",
    "family_support",
    "other_children_family_services",
];

/// The highest vacancy rate the model accepts (`workforce.initial_vacancy_rate`'s range), and
/// the highest agency rate taken from the census.
pub const MAX_VACANCY_RATE: f64 = 0.95;

/// Why no scenario could be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CouncilError {
    #[error("no English council matches `{query}`{}", close_words(.close))]
    Unknown { query: String, close: Vec<String> },
    #[error(
        "`{query}` matches {} councils: {}. Give more of the name, or the ONS code",
        .matches.len(),
        .matches.join("; ")
    )]
    Ambiguous { query: String, matches: Vec<String> },
    #[error(
        "{name} ({code}) no longer exists: it last appears in DfE's figures in {last_year}{}",
        close_words(.close)
    )]
    Abolished {
        name: String,
        code: String,
        last_year: i32,
        close: Vec<String>,
    },
    #[error("the published figures cannot be read: {0}")]
    Data(String),
    #[error("{council}: {problem}")]
    Figures { council: String, problem: String },
    #[error("the scenario built for {council} is invalid: {problem}")]
    Invalid { council: String, problem: String },
}

fn close_words(close: &[String]) -> String {
    if close.is_empty() {
        String::new()
    } else {
        format!(". Did you mean: {}?", close.join("; "))
    }
}

/// "Sunderland (E08000024)", as lists of matches show a council.
pub fn label(council: &Council) -> String {
    format!("{} ({})", council.name, council.ons_code_current)
}

/// Lower case, `&` as `and`, punctuation as spaces, one space between words.
fn normal(text: &str) -> String {
    text.to_lowercase()
        .replace('&', " and ")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The councils that exist today: those in the latest year of DfE's files, once each (Barnsley
/// and Sheffield have a row under each of their codes), by name.
pub fn current_councils(published: &Published) -> Vec<&Council> {
    let latest = published.councils.iter().filter_map(|c| c.last_year).max();
    let mut out: Vec<&Council> = Vec::new();
    for c in published.councils.iter().filter(|c| c.last_year == latest) {
        match out
            .iter_mut()
            .find(|k| k.ons_code_current == c.ons_code_current)
        {
            Some(kept) if c.ons_code == c.ons_code_current => *kept = c,
            Some(_) => {}
            None => out.push(c),
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Current councils whose name (DfE's or MHCLG's), region or ONS code contains `search`, as a
/// picker lists them.
pub fn search<'a>(published: &'a Published, search: &str) -> Vec<&'a Council> {
    let s = normal(search);
    current_councils(published)
        .into_iter()
        .filter(|c| {
            s.is_empty()
                || normal(&c.name).contains(&s)
                || normal(&c.ro3_name).contains(&s)
                || normal(&c.region).contains(&s)
                || c.ons_code.eq_ignore_ascii_case(search.trim())
                || c.ons_code_current.eq_ignore_ascii_case(search.trim())
        })
        .collect()
}

/// The one council `query` names: an ONS code, a whole name (DfE's or MHCLG's spelling), or part
/// of a name that only one council has. Anything else is refused with the close matches.
pub fn find<'a>(published: &'a Published, query: &str) -> Result<&'a Council, CouncilError> {
    let q = normal(query);
    if q.is_empty() {
        return Err(CouncilError::Unknown {
            query: query.to_string(),
            close: Vec::new(),
        });
    }
    let current = current_councils(published);
    let trimmed = query.trim();
    if let Some(c) = published.councils.iter().find(|c| {
        c.ons_code.eq_ignore_ascii_case(trimmed) || c.ons_code_current.eq_ignore_ascii_case(trimmed)
    }) {
        return match current
            .iter()
            .find(|k| k.ons_code_current == c.ons_code_current)
        {
            Some(today) => Ok(today),
            None => Err(abolished(c, &current)),
        };
    }
    let names = |c: &Council| [normal(&c.name), normal(&c.ro3_name)];
    if let Some(c) = current.iter().find(|c| names(c).contains(&q)) {
        return Ok(c);
    }
    let partial: Vec<&&Council> = current
        .iter()
        .filter(|c| !q.is_empty() && names(c).iter().any(|n| n.contains(&q)))
        .collect();
    match partial.as_slice() {
        [one] => return Ok(one),
        [] => {}
        many => {
            return Err(CouncilError::Ambiguous {
                query: query.to_string(),
                matches: many.iter().map(|c| label(c)).collect(),
            });
        }
    }
    if let Some(old) = published
        .councils
        .iter()
        .find(|c| !current.contains(c) && names(c).iter().any(|n| *n == q || n.contains(&q)))
    {
        return Err(abolished(old, &current));
    }
    Err(CouncilError::Unknown {
        query: query.to_string(),
        close: close_matches(&current, &q),
    })
}

fn abolished(old: &Council, current: &[&Council]) -> CouncilError {
    let first = normal(&old.name)
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    CouncilError::Abolished {
        name: old.name.clone(),
        code: old.ons_code.clone(),
        last_year: old.last_year.unwrap_or_default(),
        close: current
            .iter()
            .filter(|c| normal(&c.name).contains(&first))
            .map(|c| label(c))
            .take(6)
            .collect(),
    }
}

/// Up to five current councils whose names are nearest to `q` by edit distance, or that share a
/// word with it, nearest first.
fn close_matches(current: &[&Council], q: &str) -> Vec<String> {
    if q.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, String)> = current
        .iter()
        .filter_map(|c| {
            let name = normal(&c.name);
            let distance = levenshtein(&name, q).min(
                name.split(' ')
                    .map(|w| levenshtein(w, q))
                    .min()
                    .unwrap_or(usize::MAX),
            );
            let shares_word = q.split(' ').any(|w| w.len() > 3 && name.contains(w));
            let limit = (q.chars().count() / 3).max(2);
            (distance <= limit || shares_word).then(|| (distance, label(c)))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(5).map(|(_, l)| l).collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (here + 1)
                .min(row[j] + 1)
                .min(previous + usize::from(ca != *cb));
            previous = here;
        }
    }
    row[b.len()]
}

/// A council's children aged 0–17 at the latest mid-year DfE uses for rates.
pub fn child_population(published: &Published, council: &Council) -> Option<f64> {
    let latest = published.children_in_need.iter().map(|r| r.year).max()?;
    (latest - 2..=latest).rev().find_map(|y| {
        published
            .children_in_need_of(&council.ons_code_current, y)
            .and_then(|r| r.population)
    })
}

/// Up to `n` councils like `council` for comparing spend: of the same type (unitary, metropolitan
/// district, London borough or county), nearest in children aged 0–17, with an RO3 return;
/// those of its own region first when they are as near (within a quarter in size).
pub fn peers<'a>(published: &'a Published, council: &Council, n: usize) -> Vec<&'a Council> {
    let Some(size) = child_population(published, council) else {
        return Vec::new();
    };
    let mut like: Vec<(bool, f64, &Council)> = current_councils(published)
        .into_iter()
        .filter(|c| c.ons_code_current != council.ons_code_current && c.kind == council.kind)
        .filter(|c| {
            published
                .outturn_of(&c.ons_code_current, OUTTURN_YEAR)
                .and_then(|o| o.total_gross())
                .is_some()
        })
        .filter_map(|c| {
            let distance = (child_population(published, c)? / size).ln().abs();
            let far = !(c.region_code == council.region_code && distance < 0.25f64.ln_1p());
            Some((far, distance, c))
        })
        .collect();
    like.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    like.into_iter().take(n).map(|(_, _, c)| c).collect()
}

/// One published figure and the words that say where it came from.
#[derive(Debug, Clone, PartialEq)]
struct Sourced {
    value: f64,
    says: String,
}

/// The years between the outturn year and the scenario's start year: 2023-24 → 2026/27 is 3.
pub fn uprating_years(start_year: i32) -> i32 {
    start_year - OUTTURN_START
}

/// One part of the year-0 budget beside the RO3 lines it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct LineFit {
    /// `social_work`, `placements` or a block id.
    pub part: String,
    /// What people call it.
    pub name: String,
    /// The RO3 line keys it stands for.
    pub lines: Vec<String>,
    /// Published gross, £ in 2023-24 (`None` where the council did not publish the line).
    pub published: Option<f64>,
    /// The published figure uprated to the start year, £. For the `cla_other` block this is its
    /// line alone: the block holds what that line and `safeguarding` leave once the social-work
    /// teams are paid for, so the two parts match their lines together.
    pub uprated: Option<f64>,
    /// The scenario's year-0 cost in its central case (in-house), £.
    pub year0: f64,
    /// How the part was set.
    pub how: String,
}

/// A council's scenario, with what the program did to build it.
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilScenario {
    pub file: ScenarioFile,
    pub council: Council,
    /// The trust or company that runs the service today, if any.
    pub vehicle: Option<Vehicle>,
    /// Each part of the year-0 budget beside its RO3 lines.
    pub fit: Vec<LineFit>,
    /// The council's RO3 total, 2023-24, £ (`None` where it did not return RO3).
    pub ro3_total: Option<f64>,
    /// Figures the council did not publish, and what stands in for them.
    pub fallbacks: Vec<String>,
}

impl CouncilScenario {
    /// Year-0 cost of the central case, in-house, £.
    pub fn year0_total(&self) -> f64 {
        self.fit.iter().map(|f| f.year0).sum()
    }
}

/// The scenario of `council`, built on `base` (the built-in default: national figures for
/// everything the council does not publish), starting in `base`'s start year.
pub fn council_file(
    published: &Published,
    base: &ScenarioFile,
    council: &Council,
) -> Result<CouncilScenario, CouncilError> {
    if !base.is_whole_budget() || base.budget.is_none() {
        return Err(CouncilError::Invalid {
            council: council.name.clone(),
            problem: "the base scenario is not a whole-budget (format version 3) scenario"
                .to_string(),
        });
    }
    let mut fallbacks = Vec::new();
    let gathered = gather(published, council, &mut fallbacks)?;
    let mut file = base.clone();
    let name = &council.name;
    file.name = format!("{name}: its children's social care from its published figures");
    file.description = format!(
        "{name} ({kind}, {region}) from {start}/{next:02}: demand and workforce from DfE's \
         latest published figures (workforce at 30 September {wy}, children at 31 March {cy}), \
         every line of the budget from its MHCLG revenue outturn (RO3) 2023-24 uprated to \
         {start}/{next:02}; everything else as the national defaults. Each input's note says \
         where it came from. {LICENCE}",
        kind = council.kind,
        region = council.region,
        start = file.start_year,
        next = (file.start_year + 1) % 100,
        wy = gathered.workforce_year,
        cy = gathered.counts_year,
    );
    set_figures(&mut file, &gathered.figures);
    write_figure_notes(&mut file, &gathered);

    let vehicle = current_vehicle(published, council);
    if let Some(v) = &vehicle {
        adopt_vehicle(&mut file, v, council);
    }

    let outturn = published.outturn_of(&council.ons_code_current, OUTTURN_YEAR);
    let ro3_total = outturn.and_then(|o| o.total_gross());
    let lumped = outturn.and_then(|o| {
        let total = o.total_gross()?;
        let other = o.line("other_children_family_services")?;
        (total > 0.0 && other / total > LUMPED_SHARE).then_some(other / total)
    });
    let fit = match (outturn, lumped) {
        (Some(o), None) if ro3_total.is_some_and(|t| t > 0.0) => {
            fit_budget(&mut file, council, &o.gross)?
        }
        _ => {
            let why = match (outturn, lumped) {
                (Some(_), Some(share)) => format!(
                    "{name} books {:.0}% of its RO3 {OUTTURN_YEAR} spend under other children's \
                     and families services (its payment to its trust or company), so its lines \
                     cannot be matched one by one: national unit costs are used",
                    share * 100.0
                ),
                _ => format!(
                    "{name} did not return its RO3 {OUTTURN_YEAR} in time for MHCLG's \
                     publication: national unit costs are used"
                ),
            };
            fallbacks.push(why.clone());
            national_budget(&mut file, &why)?
        }
    };

    if let Some(v) = &vehicle {
        set_vehicle_sum(
            &mut file,
            v,
            council,
            outturn.map(|o| &o.gross),
            lumped,
            &fit,
        );
    }

    if let Err(e) = validate(&file) {
        return Err(CouncilError::Invalid {
            council: name.clone(),
            problem: e.to_string(),
        });
    }
    Ok(CouncilScenario {
        file,
        council: council.clone(),
        vehicle,
        fit,
        ro3_total,
        fallbacks,
    })
}

/// A council's count of children at 31 March of a year.
type CountOf = for<'a> fn(&'a Published, &str, i32) -> Option<&'a ChildCount>;

/// The published figures of a council with where each came from.
struct Gathered {
    figures: CouncilFigures,
    workforce_year: i32,
    counts_year: i32,
    cases: Sourced,
    caseload: Sourced,
    vacancy: Sourced,
    agency: Sourced,
    cover: Sourced,
    turnover: Sourced,
    looked_after: Sourced,
    children_in_need: Sourced,
    population: Sourced,
}

/// The workforce row that reports for `code` in `year`: its own, or a joint return whose code
/// lists it ("E09000021 / E09000027"), with the number of councils it covers.
fn workforce_row<'a>(
    published: &'a Published,
    council: &Council,
    year: i32,
) -> Option<(&'a WorkforceRow, bool)> {
    if let Some(own) = published.workforce_of(&council.ons_code_current, year) {
        return Some((own, false));
    }
    published
        .workforce
        .iter()
        .find(|r| {
            r.year == year
                && r.level == "Local authority"
                && r.code.contains(" / ")
                && r.code
                    .split(" / ")
                    .any(|c| c.trim() == council.ons_code || c.trim() == council.ons_code_current)
        })
        .map(|r| (r, true))
}

/// A whole number with thousands separated by commas, as the notes write counts and pounds.
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs().round());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < -0.5 { format!("-{out}") } else { out }
}

fn gather(
    published: &Published,
    council: &Council,
    fallbacks: &mut Vec<String>,
) -> Result<Gathered, CouncilError> {
    let name = &council.name;
    let missing = |problem: String| CouncilError::Figures {
        council: name.clone(),
        problem,
    };
    let workforce_year = published
        .workforce
        .iter()
        .map(|r| r.year)
        .max()
        .ok_or_else(|| missing("the workforce census holds no year".to_string()))?;
    let counts_year = published
        .looked_after
        .iter()
        .map(|r| r.year)
        .max()
        .ok_or_else(|| missing("the looked-after figures hold no year".to_string()))?;
    let england = published.england_workforce(workforce_year).ok_or_else(|| {
        missing(format!(
            "the census has no England row for {workforce_year}"
        ))
    })?;
    let region = published.region_workforce(&council.region_code, workforce_year);
    let own = workforce_row(published, council, workforce_year);
    let previous = workforce_row(published, council, workforce_year - 1).filter(|(_, j)| !j);

    // A rate: the council's own (or its joint return's), its own previous year, its region's,
    // England's.
    let mut rate = |what: &str, unit: &str, f: fn(&WorkforceRow) -> Option<f64>| -> Sourced {
        let cite = format!("{WORKFORCE_SOURCE}; published");
        if let Some((row, joint)) = own
            && let Some(v) = f(row)
        {
            let says = if joint {
                format!(
                    "{name} reports jointly as {} ({what} {v}{unit} at 30 September \
                     {workforce_year}, {cite})",
                    row.name
                )
            } else {
                format!("{name}'s {what} {v}{unit} at 30 September {workforce_year} ({cite})")
            };
            return Sourced { value: v, says };
        }
        let fall = |whose: &str, year: i32, v: f64| {
            let says = format!(
                "{name}'s {what} for {workforce_year} is not published (suppressed or not \
                 reported), so {whose} {v}{unit} at 30 September {year} stands in ({cite})"
            );
            (says.clone(), Sourced { value: v, says })
        };
        let (text, sourced) = if let Some((row, _)) = previous
            && let Some(v) = f(row)
        {
            fall(&format!("its own {what}"), workforce_year - 1, v)
        } else if let Some(v) = region.and_then(f) {
            fall(
                &format!("the {} region's {what}", council.region),
                workforce_year,
                v,
            )
        } else {
            fall(
                &format!("England's {what}"),
                workforce_year,
                f(england).unwrap_or(f64::NAN),
            )
        };
        fallbacks.push(text);
        sourced
    };
    let mut vacancy = rate("vacancy rate", "%", |r| r.vacancy_rate);
    let mut agency = rate("agency rate", "%", |r| {
        r.agency_rate.or(r.agency_rate_headcount)
    });
    let cover = rate("share of vacancies covered by agency staff", "%", |r| {
        r.vacancy_agency_cover_rate
    });
    let turnover = rate("turnover", "%", |r| r.turnover_rate);
    let caseload = rate("average caseload", " cases per case holder", |r| r.caseload);

    // Counts at 31 March: the council's own, else its own the year before.
    let count = |rows: CountOf| {
        [counts_year, counts_year - 1].into_iter().find_map(|y| {
            rows(published, &council.ons_code_current, y)
                .and_then(|r| r.count.map(|c| (y, c, r.population)))
        })
    };
    let population_row = [counts_year, counts_year - 1].into_iter().find_map(|y| {
        published
            .children_in_need_of(&council.ons_code_current, y)
            .and_then(|r| r.population)
            .or_else(|| {
                published
                    .looked_after_of(&council.ons_code_current, y)
                    .and_then(|r| r.population)
            })
            .map(|p| (y, p))
    });
    let (pop_year, pop) = population_row.ok_or_else(|| {
        missing(format!(
            "DfE publishes no child population for {name} in {} or {counts_year}",
            counts_year - 1
        ))
    })?;
    let population = Sourced {
        value: pop,
        says: format!(
            "{name}: {} children aged 0–17 at mid-{} (ONS mid-year estimate, as DfE uses it \
             for rates at 31 March {pop_year}; {CHILDREN_IN_NEED_SOURCE})",
            thousands(pop),
            pop_year - 1
        ),
    };
    // England's rate per child, for a council with no count of its own.
    let england_rate = |rows: &[ChildCount]| {
        let (mut n, mut p) = (0.0, 0.0);
        for r in rows.iter().filter(|r| r.year == counts_year) {
            if let (Some(c), Some(q)) = (r.count, r.population) {
                n += c;
                p += q;
            }
        }
        n / p
    };
    let mut children =
        |what: &str, source: &str, rows: CountOf, all: &[ChildCount]| match count(rows) {
            Some((y, c, _)) => {
                let says = format!(
                    "{name}: {} {what} at 31 March {y} ({source}; published)",
                    thousands(c)
                );
                if y != counts_year {
                    fallbacks.push(format!(
                        "{name}'s {what} at 31 March {counts_year} are not published: {y}'s \
                         figure stands in"
                    ));
                }
                Sourced { value: c, says }
            }
            None => {
                let r = england_rate(all);
                let value = (pop * r).round().max(1.0);
                let says = format!(
                    "{name}'s {what} at 31 March {counts_year} are not published (suppressed): \
                     estimated as its {} children aged 0–17 × England's rate of {:.1} per \
                     10,000 = {} ({source}; derived)",
                    thousands(pop),
                    r * 1e4,
                    thousands(value)
                );
                fallbacks.push(says.clone());
                Sourced { value, says }
            }
        };
    let looked_after = children(
        "children looked after",
        LOOKED_AFTER_SOURCE,
        Published::looked_after_of,
        &published.looked_after,
    );
    let children_in_need = children(
        "children in need",
        CHILDREN_IN_NEED_SOURCE,
        Published::children_in_need_of,
        &published.children_in_need,
    );

    // Cases held: the council's own; a share of a joint return in proportion to children in
    // need; else children in need × England's cases held per child in need.
    let cases = match own {
        Some((row, false)) if row.cases.is_some_and(|c| c > 0.0) => {
            let c = row.cases.unwrap_or_default();
            Sourced {
                value: c,
                says: format!(
                    "{name}: {} cases held at 30 September {workforce_year} ({WORKFORCE_SOURCE}; \
                     published)",
                    thousands(c)
                ),
            }
        }
        Some((row, true)) if row.cases.is_some_and(|c| c > 0.0) => {
            let joint = row.cases.unwrap_or_default();
            let partners: Vec<&str> = row.code.split(" / ").map(str::trim).collect();
            let cin_of = |code: &str| {
                published
                    .children_in_need_of(code, children_in_need_year(published, code, counts_year))
                    .and_then(|r| r.count)
            };
            let total: f64 = partners.iter().filter_map(|c| cin_of(c)).sum();
            let share = if total > 0.0 {
                children_in_need.value / total
            } else {
                1.0 / partners.len() as f64
            };
            let value = (joint * share).round().max(1.0);
            let says = format!(
                "{name} reports its workforce jointly as {}: {} cases held at 30 September \
                 {workforce_year}, of which {name}'s share by children in need ({:.1}%) is {} \
                 ({WORKFORCE_SOURCE}; derived)",
                row.name,
                thousands(joint),
                share * 100.0,
                thousands(value)
            );
            fallbacks.push(says.clone());
            Sourced { value, says }
        }
        _ => {
            let (mut c, mut n) = (0.0, 0.0);
            for r in published
                .workforce
                .iter()
                .filter(|r| r.year == workforce_year && r.level == "Local authority")
            {
                if let (Some(cases), Some(cin)) = (
                    r.cases,
                    published
                        .children_in_need_of(&r.code, counts_year)
                        .and_then(|x| x.count),
                ) {
                    c += cases;
                    n += cin;
                }
            }
            let ratio = c / n;
            let value = (children_in_need.value * ratio).round().max(1.0);
            let says = format!(
                "{name}'s cases held at 30 September {workforce_year} are not published: \
                 estimated as its children in need × England's cases held per child in need \
                 ({ratio:.3}) = {} ({WORKFORCE_SOURCE}; derived)",
                thousands(value)
            );
            fallbacks.push(says.clone());
            Sourced { value, says }
        }
    };

    // The model holds at least one post in twenty filled (the Isles of Scilly had no social worker
    // in post at 30 September 2025, only agency staff: a vacancy rate of 100%).
    let mut v = vacancy.value / 100.0;
    if v > MAX_VACANCY_RATE {
        let says = format!(
            "{} That is above the {:.0}% the model allows, so {:.0}% is used",
            vacancy.says,
            MAX_VACANCY_RATE * 100.0,
            MAX_VACANCY_RATE * 100.0
        );
        fallbacks.push(format!("{name}'s vacancy rate: {says}"));
        vacancy.says = says;
        v = MAX_VACANCY_RATE;
    }
    let mut a = agency.value / 100.0;
    if a > MAX_VACANCY_RATE {
        let says = format!(
            "{} Above {:.0}%, agency staff beyond vacancies would be without bound, so {:.0}% is \
             used",
            agency.says,
            MAX_VACANCY_RATE * 100.0,
            MAX_VACANCY_RATE * 100.0
        );
        fallbacks.push(format!("{name}'s agency rate: {says}"));
        agency.says = says;
        a = MAX_VACANCY_RATE;
    }
    let c = (cover.value / 100.0).min(1.0);
    let beyond = ((1.0 - v) * a / (1.0 - a).max(1e-9) - c * v).max(0.0);
    let figures = CouncilFigures {
        ons_code: council.ons_code_current.clone(),
        name: name.clone(),
        cases: cases.value,
        caseload: caseload.value,
        case_holders_fte: cases.value / caseload.value,
        social_workers_fte: f64::NAN,
        vacancy_rate: v,
        agency_rate: a,
        agency_cover: c,
        agency_beyond_vacancies: beyond,
        turnover: turnover.value / 100.0,
        looked_after: looked_after.value,
        children_in_need: children_in_need.value,
        child_population: population.value,
        from_england: Vec::new(),
    };
    let finite = [
        figures.cases,
        figures.caseload,
        figures.vacancy_rate,
        figures.agency_rate,
        figures.agency_cover,
        figures.turnover,
        figures.looked_after,
        figures.children_in_need,
        figures.child_population,
    ]
    .iter()
    .all(|x| x.is_finite());
    if !finite || figures.caseload <= 0.0 {
        return Err(missing(
            "neither it, its region nor England publishes a figure the scenario needs".to_string(),
        ));
    }
    Ok(Gathered {
        figures,
        workforce_year,
        counts_year,
        cases,
        caseload,
        vacancy,
        agency,
        cover,
        turnover,
        looked_after,
        children_in_need,
        population,
    })
}

/// The latest year up to `year` with a children-in-need count for `code`.
fn children_in_need_year(published: &Published, code: &str, year: i32) -> i32 {
    [year, year - 1]
        .into_iter()
        .find(|y| {
            published
                .children_in_need_of(code, *y)
                .is_some_and(|r| r.count.is_some())
        })
        .unwrap_or(year)
}

fn write_figure_notes(file: &mut ScenarioFile, g: &Gathered) {
    let f = &g.figures;
    let notes = &mut file.notes;
    let mut put = |path: String, text: String| {
        notes.insert(path, text);
    };
    put("demand.open_cases".into(), format!("{}.", g.cases.says));
    put(
        "demand.looked_after_share".into(),
        format!(
            "Children looked after over cases held: {} / {} = {:.3}. {}; {}.",
            thousands(g.looked_after.value),
            thousands(g.cases.value),
            (f.looked_after / f.cases).min(1.0),
            g.looked_after.says,
            g.cases.says
        ),
    );
    put(
        "demand.children_in_need".into(),
        format!("{}.", g.children_in_need.says),
    );
    put(
        "demand.child_population".into(),
        format!("{}.", g.population.says),
    );
    put(
        "workforce.initial_vacancy_rate".into(),
        format!("{}.", g.vacancy.says),
    );
    put(
        "workforce.reference_caseload".into(),
        format!("{}.", g.caseload.says),
    );
    let names: Vec<String> = file.options.iter().map(|o| o.name.clone()).collect();
    for option in names {
        let at = |field: &str| format!("options[{option}].{field}");
        notes.insert(
            at("target_caseload"),
            format!(
                "Sized so that case holders in post or agency carry the published caseload: \
                 {:.1} × (1 − {:.3} × (1 − {:.3}) + {:.3}) = {:.2} (docs/MODEL.md §5). {}; {}; \
                 {}.",
                f.caseload,
                f.vacancy_rate,
                f.agency_cover,
                f.agency_beyond_vacancies,
                target_caseload(f),
                g.caseload.says,
                g.vacancy.says,
                g.cover.says
            ),
        );
        notes.insert(
            at("agency_cover"),
            format!(
                "{}. Every option starts from the council's own workforce.",
                g.cover.says
            ),
        );
        notes.insert(
            at("agency_beyond_vacancies"),
            format!(
                "Agency staff beyond those covering vacancies, from the published rates: \
                 (1 − v)·a/(1 − a) − c·v = {:.3} (docs/MODEL.md §5.3). {}; {}; {}.",
                f.agency_beyond_vacancies, g.vacancy.says, g.agency.says, g.cover.says
            ),
        );
        notes.insert(
            at("annual_turnover"),
            format!(
                "{}. Every option starts from the council's own workforce.",
                g.turnover.says
            ),
        );
        notes.insert(
            at("sustained_vacancy_rate"),
            format!(
                "The vacancy rate the council's labour market sustains, taken as its current \
                 one: {}.",
                g.vacancy.says
            ),
        );
    }
}

/// The trust or company running the council's service today: one whose end date has not passed.
fn current_vehicle(published: &Published, council: &Council) -> Option<Vehicle> {
    published
        .vehicles_of(&council.ons_code_current)
        .into_iter()
        .rfind(|v| v.end.is_empty())
        .cloned()
}

/// The option of the vehicle's kind becomes the vehicle: its name, the baseline, no set-up,
/// transition or stranded cost (it runs already).
fn adopt_vehicle(file: &mut ScenarioFile, v: &Vehicle, council: &Council) {
    let kind = if v.is_trust() {
        OptionKind::Trust
    } else {
        OptionKind::Cic
    };
    let Some(index) = file.options.iter().position(|o| o.kind == kind) else {
        return;
    };
    edit::rename_option(file, index, &v.name);
    file.appraisal.baseline_option = v.name.clone();
    let running = format!(
        "{} has run {}'s children's social care since {} ({}; {VEHICLES_SOURCE}): it is set up \
         already, so nothing is spent on setting it up, on a transfer or on overheads left \
         behind.",
        v.name, council.name, v.start, v.kind
    );
    if let Some(option) = file.options.get_mut(index) {
        option.setup_cost = Dist::Fixed(0.0);
        option.optimism_bias = Dist::Fixed(0.0);
        option.transition_turnover_uplift = Dist::Fixed(0.0);
        option.transition_years = Dist::Fixed(0.0);
        option.stranded_cost = Dist::Fixed(0.0);
        option.stranded_years = Dist::Fixed(0.0);
    }
    for field in [
        "setup_cost",
        "optimism_bias",
        "transition_turnover_uplift",
        "transition_years",
        "stranded_cost",
        "stranded_years",
    ] {
        file.notes
            .insert(format!("options[{}].{field}", v.name), running.clone());
    }
    file.notes.insert(
        "appraisal.baseline_option".to_string(),
        format!("{running} The baseline is today's arrangement."),
    );
}

/// The year-0 figures of the in-house option's central case.
struct Year0 {
    social_work: f64,
    placements: f64,
    blocks: BTreeMap<String, f64>,
}

fn central_year0(file: &ScenarioFile, council: &str) -> Result<Year0, CouncilError> {
    let invalid = |problem: String| CouncilError::Invalid {
        council: council.to_string(),
        problem,
    };
    let central = central_file(file);
    let scenario = validate(&central).map_err(|e| invalid(e.to_string()))?;
    let results = run(
        &scenario,
        RunSettings {
            iterations: 1,
            seed: file.simulation.seed,
        },
        &RunControl::new(),
    )
    .map_err(|e| invalid(e.to_string()))?;
    let option = results
        .options
        .iter()
        .find(|o| o.kind == OptionKind::InHouse)
        .ok_or_else(|| invalid("it has no in-house option".to_string()))?;
    let year = option
        .years
        .first()
        .ok_or_else(|| invalid("the run has no year 0".to_string()))?;
    let budget = year
        .whole_budget
        .as_ref()
        .ok_or_else(|| invalid("the run has no whole-budget figures".to_string()))?;
    let placements = year.lines.get(crate::model::CostLine::Placements);
    let blocks: BTreeMap<String, f64> = budget.blocks.0.iter().cloned().collect();
    Ok(Year0 {
        social_work: year.cost_mean - placements - blocks.values().sum::<f64>(),
        placements,
        blocks,
    })
}

/// Six significant figures: files read as people write numbers, and the fit stays within a
/// millionth.
fn tidy(d: Dist) -> Dist {
    let round = |x: f64| {
        if x == 0.0 || !x.is_finite() {
            return x;
        }
        let scale = 10f64.powi(5 - x.abs().log10().floor() as i32);
        (x * scale).round() / scale
    };
    match d {
        Dist::Pert { min, mode, max } if round(max) <= round(min) => Dist::Fixed(round(mode)),
        Dist::Pert { min, mode, max } => Dist::Pert {
            min: round(min),
            mode: round(mode),
            max: round(max),
        },
        Dist::Triangular { min, mode, max } => Dist::Triangular {
            min: round(min),
            mode: round(mode),
            max: round(max),
        },
        Dist::Uniform { min, max } => Dist::Uniform {
            min: round(min),
            max: round(max),
        },
        Dist::Fixed(x) => Dist::Fixed(round(x)),
        other => other,
    }
}

fn money(x: f64) -> String {
    format!("£{}", thousands(x))
}

fn is_fostering(placement: &str) -> bool {
    let p = placement.to_lowercase();
    p.contains("foster") || p.contains("kinship")
}

/// Fits every part of the budget to the council's RO3 lines (see the module's notes).
fn fit_budget(
    file: &mut ScenarioFile,
    council: &Council,
    lines: &BTreeMap<String, f64>,
) -> Result<Vec<LineFit>, CouncilError> {
    let name = council.name.clone();
    let years = uprating_years(file.start_year);
    let to_start = format!("{}/{:02}", file.start_year, (file.start_year + 1) % 100);
    let before = central_year0(file, &name)?;
    let mut fit = Vec::new();
    let line = |key: &str| lines.get(key).copied();

    // Social-work teams and the `cla_other` block share the `safeguarding` and `cla_other` lines.
    let pay = file.workforce.pay_inflation.mean();
    let pay_up = uprating(pay, years);
    let safeguarding = line("safeguarding");
    fit.push(LineFit {
        part: SOCIAL_WORK.to_string(),
        name: "Social-work teams".to_string(),
        lines: vec!["safeguarding".to_string()],
        published: safeguarding,
        uprated: safeguarding.map(|s| s * pay_up),
        year0: before.social_work,
        how: "costed from the council's workforce at the national salaries and overheads; \
              matched with safeguarding and the lines where councils book other social workers \
              together"
            .to_string(),
    });

    // Placements: fostering kinds to the fostering line, the rest to residential care.
    let placement_up = uprating(file.placements.inflation.mean(), years);
    let (residential, fostering) = (line("cla_residential"), line("cla_fostering"));
    let weights: Vec<f64> = file
        .placements
        .mix
        .iter()
        .map(|p| p.share * p.weekly_cost.mean())
        .collect();
    let all: f64 = weights.iter().sum();
    let part_of = |fostering_kind: bool| {
        file.placements
            .mix
            .iter()
            .zip(&weights)
            .filter(|(p, _)| is_fostering(&p.name) == fostering_kind)
            .map(|(_, w)| w)
            .sum::<f64>()
            / all
    };
    let (foster_share, residential_share) = (part_of(true), part_of(false));
    let factors = residential.zip(fostering).map(|(r, f)| {
        (
            r * placement_up / (before.placements * residential_share),
            f * placement_up / (before.placements * foster_share),
        )
    });
    let within = |k: f64| (1.0 / PLACEMENT_FACTOR_LIMIT..=PLACEMENT_FACTOR_LIMIT).contains(&k);
    // Each kind to its own line; else, where the council splits the two lines unusually, both
    // kinds by one factor to the two lines together; else the national weekly costs.
    let both = residential
        .zip(fostering)
        .map(|(r, f)| (r + f) * placement_up / before.placements);
    let chosen = match (factors, both) {
        (Some((kr, kf)), _) if within(kr) && within(kf) => Some((kr, kf, true)),
        (_, Some(k)) if within(k) => Some((k, k, false)),
        _ => None,
    };
    let placements_how = match chosen {
        Some((kr, kf, split)) => {
            let mut changed = Vec::new();
            for p in &mut file.placements.mix {
                let k = if is_fostering(&p.name) { kf } else { kr };
                p.weekly_cost = tidy(p.weekly_cost.scaled(k));
                changed.push((p.name.clone(), k, p.weekly_cost.mean()));
            }
            let pace = format!(
                "uprated {years} years to {to_start} at the placements' mean cost growth ({:.1}% \
                 a year, ×{placement_up:.3})",
                file.placements.inflation.mean() * 100.0
            );
            for (placement, k, mean) in changed {
                let what = if !split {
                    format!(
                        "{name}'s RO3 {OUTTURN_YEAR} lines for residential care and fostering \
                         services are {} and {} gross ({OUTTURN_SOURCE}), {pace}. Split between \
                         them as the council books them, one kind of placement would cost under \
                         a quarter or over four times the national weekly cost, so every \
                         national weekly cost is scaled by the same {k:.3}",
                        money(residential.unwrap_or_default()),
                        money(fostering.unwrap_or_default())
                    )
                } else if is_fostering(&placement) {
                    format!(
                        "{name}'s RO3 {OUTTURN_YEAR} line for fostering services is {} gross \
                         ({OUTTURN_SOURCE}), {pace}. The national weekly costs of fostering and \
                         kinship care are scaled by {k:.3}",
                        money(fostering.unwrap_or_default())
                    )
                } else {
                    format!(
                        "{name}'s RO3 {OUTTURN_YEAR} line for residential care is {} gross \
                         ({OUTTURN_SOURCE}), {pace}. The national weekly costs of children's \
                         homes and of supported accommodation and other placements are scaled \
                         by {k:.3}",
                        money(residential.unwrap_or_default())
                    )
                };
                file.notes.insert(
                    format!("{}.weekly_cost", edit::placement_key(&placement)),
                    format!(
                        "{what}, so that the council's children looked after, in the national \
                         mix of placements, cost that in year 0 (mean now £{mean:.0} a week at {to_start} prices); \
                         the range keeps the national default's shape: judgement."
                    ),
                );
            }
            if split {
                "weekly costs scaled to the residential care and fostering lines".to_string()
            } else {
                "weekly costs scaled by one factor to the two lines together".to_string()
            }
        }
        None => {
            let why = format!(
                "{name}'s RO3 residential care and fostering lines ({} and {}) would take the \
                 national weekly costs below a quarter or above four times: they are taken to \
                 be booked elsewhere, and the national weekly costs are kept",
                residential.map_or("not published".to_string(), money),
                fostering.map_or("not published".to_string(), money)
            );
            for p in &file.placements.mix {
                file.notes
                    .entry(format!("{}.weekly_cost", edit::placement_key(&p.name)))
                    .and_modify(|n| *n = format!("{n} {why}."));
            }
            why
        }
    };
    for p in &file.placements.mix {
        let key = format!("{}.share", edit::placement_key(&p.name));
        let note = format!(
            "The national mix of placements: DfE does not publish {name}'s children looked after \
             by kind of placement in the figures embedded here. {}",
            file.notes.get(&key).cloned().unwrap_or_default()
        );
        file.notes.insert(key, note.trim().to_string());
    }

    // Blocks.
    let Some(budget) = &mut file.budget else {
        return Err(CouncilError::Invalid {
            council: name,
            problem: "the scenario has no budget".to_string(),
        });
    };
    let retained = budget.retained_overhead_rate.mean();
    // What the teams cost beyond the safeguarding line is taken out of the lines where councils
    // book other social workers, in turn; a council whose teams cost less than its safeguarding
    // line has the difference added to `cla_other`.
    let mut surplus = safeguarding.map_or(0.0, |s| before.social_work - s * pay_up);
    let mut taken: BTreeMap<&str, f64> = BTreeMap::new();
    for key in TEAM_LINES {
        let Some(b) = budget.blocks.iter().find(|b| b.ro3_line == key) else {
            continue;
        };
        let Some(u) = line(key).map(|p| (p * uprating(b.inflation.mean(), years)).max(0.0)) else {
            continue;
        };
        let take = if surplus < 0.0 {
            surplus
        } else {
            surplus.min(u)
        };
        taken.insert(key, take);
        surplus -= take;
    }
    if surplus > 0.5
        && let Some(teams) = fit.first_mut()
    {
        teams.how = format!(
            "costed from the council's workforce at the national salaries and overheads: {} \
             more than the safeguarding line and the lines where councils book other social \
             workers ({}) hold together, left over",
            money(surplus),
            TEAM_LINES.join(", ")
        );
    }
    let mut block_fits = Vec::new();
    let mut notes = Vec::new();
    for b in &mut budget.blocks {
        let up = uprating(b.inflation.mean(), years);
        let now = before.blocks.get(&b.id).copied().unwrap_or_default();
        let published = (!b.ro3_line.is_empty())
            .then(|| line(&b.ro3_line))
            .flatten();
        let mut how = format!(
            "RO3 {OUTTURN_YEAR} `{}` uprated {years} years at {:.1}% a year",
            b.ro3_line,
            b.inflation.mean() * 100.0
        );
        let uprated_line = published.map(|p| p * up);
        // A line published below zero (income above spending) costs nothing in the model.
        let mut target = uprated_line.map(|t| t.max(0.0));
        if published.is_some_and(|p| p < 0.0) {
            how.push_str(" (published below zero: set to nothing)");
        }
        let take = taken.get(b.ro3_line.as_str()).copied().unwrap_or_default();
        if take != 0.0 {
            target = target.map(|t| (t - take).max(0.0));
            how.push_str(&if take > 0.0 {
                format!(
                    ", less {} of the social-work teams' cost beyond safeguarding",
                    money(take)
                )
            } else {
                format!(
                    ", plus {} by which safeguarding exceeds the social-work teams",
                    money(-take)
                )
            });
        }
        let driver_words = match b.driver {
            Driver::Cases => "open case",
            Driver::ChildrenInNeed => "child in need",
            Driver::LookedAfter => "child looked after",
            Driver::ChildPopulation => "child aged 0–17",
            Driver::Fixed => "year",
        };
        let note = match target {
            Some(t) if now > 0.0 => {
                let k = t / now;
                b.unit_cost = tidy(b.unit_cost.scaled(k));
                if t == 0.0 {
                    b.unit_cost = Dist::Fixed(0.0);
                }
                let base = format!(
                    "{name}'s RO3 {OUTTURN_YEAR} line `{line}` is {p} gross ({OUTTURN_SOURCE}), \
                     uprated {years} years to {to_start} at the block's mean cost growth \
                     ({g:.1}% a year, ×{up:.3})",
                    line = b.ro3_line,
                    p = money(published.unwrap_or_default()),
                    g = b.inflation.mean() * 100.0,
                );
                let shared = if take > 0.0 {
                    format!(
                        ", less {} of the social-work teams' year-0 cost beyond the safeguarding \
                         line ({} uprated at pay inflation, ×{pay_up:.3}; the teams cost {}), \
                         since the teams hold every qualified social worker and the council books \
                         some of them here, = {}",
                        money(take),
                        money(safeguarding.unwrap_or_default()),
                        money(before.social_work),
                        money(t)
                    )
                } else if take < 0.0 {
                    format!(
                        ", plus {} by which the safeguarding line ({} uprated at pay inflation, \
                         ×{pay_up:.3}) exceeds the social-work teams' year-0 cost ({}), = {}",
                        money(-take),
                        money(safeguarding.unwrap_or_default()),
                        money(before.social_work),
                        money(t)
                    )
                } else {
                    format!(" = {}", money(t))
                };
                format!(
                    "{base}{shared}. As a unit cost: per {driver_words} in year 0, before the \
                     overhead the model adds (the in-house overhead rate where the provider runs \
                     the block, else the council's retained {:.0}%), mean {}. The range keeps \
                     the national default's shape: judgement.",
                    retained * 100.0,
                    money(b.unit_cost.mean())
                )
            }
            _ => {
                how = "national unit cost (no line published)".to_string();
                format!(
                    "{name} published no RO3 {OUTTURN_YEAR} `{}` line: the national unit cost is \
                     kept.",
                    b.ro3_line
                )
            }
        };
        notes.push((b.name.clone(), note));
        block_fits.push((
            b.id.clone(),
            b.name.clone(),
            b.ro3_line.clone(),
            published,
            uprated_line,
            how,
        ));
    }
    for (block, note) in notes {
        file.notes
            .insert(format!("budget.blocks[{block}].unit_cost"), note);
    }

    let after = central_year0(file, &name)?;
    if let Some(first) = fit.first_mut() {
        first.year0 = after.social_work;
    }
    fit.push(LineFit {
        part: PLACEMENTS.to_string(),
        name: "Placements".to_string(),
        lines: vec!["cla_residential".to_string(), "cla_fostering".to_string()],
        published: residential.zip(fostering).map(|(r, f)| r + f),
        uprated: residential
            .zip(fostering)
            .map(|(r, f)| (r + f) * placement_up),
        year0: after.placements,
        how: placements_how,
    });
    for (id, block_name, ro3_line, published, uprated, how) in block_fits {
        fit.push(LineFit {
            year0: after.blocks.get(&id).copied().unwrap_or_default(),
            part: id,
            name: block_name,
            lines: vec![ro3_line],
            published,
            uprated,
            how,
        });
    }
    Ok(fit)
}

/// National unit costs, said so in every block's and placement's note.
fn national_budget(file: &mut ScenarioFile, why: &str) -> Result<Vec<LineFit>, CouncilError> {
    let year0 = central_year0(file, &file.name.clone())?;
    let mut notes = Vec::new();
    let mut fit = vec![
        LineFit {
            part: SOCIAL_WORK.to_string(),
            name: "Social-work teams".to_string(),
            lines: vec!["safeguarding".to_string()],
            published: None,
            uprated: None,
            year0: year0.social_work,
            how: "costed from the council's workforce".to_string(),
        },
        LineFit {
            part: PLACEMENTS.to_string(),
            name: "Placements".to_string(),
            lines: vec!["cla_residential".to_string(), "cla_fostering".to_string()],
            published: None,
            uprated: None,
            year0: year0.placements,
            how: "national weekly costs".to_string(),
        },
    ];
    for p in &file.placements.mix {
        notes.push(format!("{}.weekly_cost", edit::placement_key(&p.name)));
    }
    if let Some(budget) = &file.budget {
        for b in &budget.blocks {
            notes.push(format!("budget.blocks[{}].unit_cost", b.name));
            fit.push(LineFit {
                part: b.id.clone(),
                name: b.name.clone(),
                lines: vec![b.ro3_line.clone()],
                published: None,
                uprated: None,
                year0: year0.blocks.get(&b.id).copied().unwrap_or_default(),
                how: "national unit cost".to_string(),
            });
        }
    }
    for key in notes {
        let old = file.notes.get(&key).cloned().unwrap_or_default();
        file.notes
            .insert(key, format!("{why}. {old}").trim().to_string());
    }
    Ok(fit)
}

/// The vehicle's contract sum: what the council paid it in 2023-24, uprated.
fn set_vehicle_sum(
    file: &mut ScenarioFile,
    v: &Vehicle,
    council: &Council,
    lines: Option<&BTreeMap<String, f64>>,
    lumped: Option<f64>,
    fit: &[LineFit],
) {
    let Some(option) = file.options.iter().find(|o| o.name == v.name) else {
        return;
    };
    let runs: Vec<String> = option.provider_runs.clone().unwrap_or_default();
    let general = file.appraisal.general_inflation.mean();
    let years = uprating_years(file.start_year);
    let (sum, note) = match (lines, lumped) {
        (Some(l), Some(_)) => {
            let paid = l
                .get("other_children_family_services")
                .copied()
                .unwrap_or_default();
            let up = uprating(general, years);
            (
                paid * up,
                format!(
                    "What {} paid: its RO3 {OUTTURN_YEAR} other children's and families services \
                     line, where it books its payment to {}, {} gross ({OUTTURN_SOURCE}), \
                     uprated {years} years at general inflation ({:.1}% a year, ×{up:.3}) = {}.",
                    council.name,
                    v.name,
                    money(paid),
                    general * 100.0,
                    money(paid * up)
                ),
            )
        }
        (Some(_), None) => {
            let parts: Vec<&LineFit> = fit.iter().filter(|f| runs.contains(&f.part)).collect();
            let sum: f64 = parts.iter().map(|f| f.year0).sum();
            (
                sum,
                format!(
                    "What {} pays {} for the services it runs ({}): those RO3 {OUTTURN_YEAR} lines \
                     ({OUTTURN_SOURCE}), each uprated to the start year as its own note says, = \
                     {} in year 0.",
                    council.name,
                    v.name,
                    parts
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    money(sum)
                ),
            )
        }
        _ => return,
    };
    let sum = (sum / 1000.0).round() * 1000.0;
    if let Some(contract) = file
        .options
        .iter_mut()
        .find(|o| o.name == v.name)
        .and_then(|o| o.contract.as_mut())
    {
        contract.sum = ContractSum::Typed(Dist::Fixed(sum));
        file.notes
            .insert(format!("options[{}].contract.sum", v.name), note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_without_case_or_punctuation() {
        assert_eq!(normal("Barking & Dagenham"), "barking and dagenham");
        assert_eq!(normal("  Bristol, City of "), "bristol city of");
        assert_eq!(levenshtein("sunderlnd", "sunderland"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
    }

    #[test]
    fn six_significant_figures() {
        assert_eq!(tidy(Dist::Fixed(1234.5678)), Dist::Fixed(1234.57));
        assert_eq!(tidy(Dist::Fixed(0.0)), Dist::Fixed(0.0));
    }
}
