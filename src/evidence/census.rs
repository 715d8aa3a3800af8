//! The DfE children's social work workforce census, by council and year: turnover, agency rate,
//! vacancy rate, vacancies covered by agency staff and caseload, as published (FTE basis, at
//! 30 September), with England's figures and the spread across councils.
//!
//! The published CSV (2017 to 2025, `super::data`) is embedded in the program, so the figures are
//! there without a network or a data folder. Its rates are read as published rather than recomputed from
//! the counts: DfE rounds and suppresses figures its own way, and "the CSV says 13.4%" must be what
//! the window shows. A suppressed figure (`x`, `z`, `u`, `c` and the like) is absent, never zero.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::model::results::percentile_of_sorted;

/// The published file, embedded.
pub const CSV: &str = super::data::WORKFORCE;

/// Where the figures come from, for every place they are shown.
pub const SOURCE: &str = "Department for Education, Children's social work workforce statistics, \
2017 to 2025 (local authority figures, FTE, at 30 September)";

/// The attribution the Open Government Licence asks for.
pub const LICENCE: &str =
    "Contains public sector information licensed under the Open Government Licence v3.0.";

/// One published indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    Turnover,
    AgencyRate,
    VacancyRate,
    VacanciesCoveredByAgency,
    Caseload,
}

impl Indicator {
    pub const ALL: [Indicator; 5] = [
        Indicator::Turnover,
        Indicator::AgencyRate,
        Indicator::VacancyRate,
        Indicator::VacanciesCoveredByAgency,
        Indicator::Caseload,
    ];

    /// The CSV column holding it.
    pub fn column(self) -> &'static str {
        match self {
            Indicator::Turnover => "turnover_rate_fte",
            Indicator::AgencyRate => "agency_rate_fte",
            Indicator::VacancyRate => "vacancy_rate_fte",
            Indicator::VacanciesCoveredByAgency => "vacancy_agency_cover_rate_fte",
            Indicator::Caseload => "caseload_fte",
        }
    }

    /// Short title for people.
    pub fn title(self) -> &'static str {
        match self {
            Indicator::Turnover => "Turnover",
            Indicator::AgencyRate => "Agency rate",
            Indicator::VacancyRate => "Vacancy rate",
            Indicator::VacanciesCoveredByAgency => "Vacancies covered by agency staff",
            Indicator::Caseload => "Caseload",
        }
    }

    /// DfE's definition, in a sentence.
    pub fn definition(self) -> &'static str {
        match self {
            Indicator::Turnover => "Leavers in the year ÷ social workers in post at 30 September.",
            Indicator::AgencyRate => "Agency social workers ÷ (social workers in post + agency).",
            Indicator::VacancyRate => "Vacancies ÷ (social workers in post + vacancies).",
            Indicator::VacanciesCoveredByAgency => {
                "Share of vacancies filled by agency social workers (DfE caps it at 100%)."
            }
            Indicator::Caseload => {
                "Cases held ÷ case-holding social workers (FTE, agency included)."
            }
        }
    }

    /// True for the four percentages; false for caseload.
    pub fn is_percent(self) -> bool {
        !matches!(self, Indicator::Caseload)
    }

    /// The unit, after a number or on an axis.
    pub fn unit(self) -> &'static str {
        if self.is_percent() {
            "%"
        } else {
            "cases per social worker"
        }
    }

    /// A figure as people read it: `13.4%`, `16.1 cases per social worker`.
    pub fn format(self, value: f64) -> String {
        if self.is_percent() {
            format!("{value:.1}%")
        } else {
            format!("{value:.1} cases per social worker")
        }
    }

    /// A range as people read it: `13.4–14.1%`, `14.1–20.8 cases per social worker`.
    pub fn format_range(self, low: f64, high: f64) -> String {
        if self.is_percent() {
            format!("{low:.1}–{high:.1}%")
        } else {
            format!("{low:.1}–{high:.1} cases per social worker")
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One area's published figures: a council, or England.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// As DfE names it: "Sunderland", "Kingston upon Hull, City of".
    pub name: String,
    /// The region the council is in ("North East"); empty for England.
    pub region: String,
    /// Each year's figures, in [`Indicator::ALL`] order; `None` where DfE suppressed the figure.
    years: BTreeMap<i32, [Option<f64>; 5]>,
    /// Cases held at 30 September, by year, where published: the model's cost driver.
    cases: BTreeMap<i32, f64>,
}

impl Area {
    /// The published figure for a year, if there is one.
    pub fn value(&self, indicator: Indicator, year: i32) -> Option<f64> {
        self.years.get(&year).and_then(|v| v[indicator.index()])
    }

    /// Every year with a figure, oldest first.
    pub fn series(&self, indicator: Indicator) -> Vec<(i32, f64)> {
        self.years
            .iter()
            .filter_map(|(y, v)| v[indicator.index()].map(|x| (*y, x)))
            .collect()
    }

    /// Cases held at 30 September of `year`, if published.
    pub fn cases(&self, year: i32) -> Option<f64> {
        self.cases.get(&year).copied()
    }

    /// The years this area reported in (a council created in 2021 starts there).
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }
}

/// How councils spread on one indicator in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    pub year: i32,
    /// Councils with a published figure.
    pub councils: usize,
    pub p10: f64,
    pub median: f64,
    pub p90: f64,
    /// The lowest and highest council, with their figures.
    pub lowest: (String, f64),
    pub highest: (String, f64),
}

/// The whole census.
#[derive(Debug, Clone, PartialEq)]
pub struct Census {
    pub england: Area,
    /// Councils in alphabetical order. A council that changed its boundaries appears under each
    /// name DfE used (Northamptonshire to 2020; North and West Northamptonshire together after).
    pub councils: Vec<Area>,
}

/// Why the census could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CensusError {
    #[error("the workforce census has no column `{0}`")]
    MissingColumn(&'static str),
    #[error("the workforce census cannot be read at row {row}: {message}")]
    Row { row: usize, message: String },
    #[error("the workforce census has no row for England")]
    NoEngland,
}

const GEOGRAPHY: &str = "geographic_level";
const YEAR: &str = "time_period";
const NAME: &str = "la_name";
const REGION: &str = "region_name";
const CASES: &str = "cases";

impl Census {
    /// Reads the published CSV.
    pub fn parse(text: &str) -> Result<Census, CensusError> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| CensusError::Row {
                row: 1,
                message: e.to_string(),
            })?
            .clone();
        let column = |name: &'static str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or(CensusError::MissingColumn(name))
        };
        let (geography, year_at, name_at, region_at) = (
            column(GEOGRAPHY)?,
            column(YEAR)?,
            column(NAME)?,
            column(REGION)?,
        );
        // Older extracts have no count of cases; the indicators stand without it.
        let cases_at = headers.iter().position(|h| h == CASES);
        let mut indicator_at = [0usize; 5];
        for (slot, indicator) in indicator_at.iter_mut().zip(Indicator::ALL) {
            *slot = column(indicator.column())?;
        }

        let mut england: Option<Area> = None;
        let mut councils: BTreeMap<String, Area> = BTreeMap::new();
        for (k, record) in reader.records().enumerate() {
            let row = k + 2;
            let record = record.map_err(|e| CensusError::Row {
                row,
                message: e.to_string(),
            })?;
            let field = |at: usize| record.get(at).unwrap_or("").trim();
            let year: i32 = field(year_at).parse().map_err(|_| CensusError::Row {
                row,
                message: format!("`{}` is not a year", field(year_at)),
            })?;
            let mut values = [None; 5];
            for (value, at) in values.iter_mut().zip(indicator_at) {
                // Suppressed or not applicable: DfE writes a letter, never a number.
                *value = field(at).parse::<f64>().ok().filter(|x| x.is_finite());
            }
            let area = match field(geography) {
                "National" => england.get_or_insert_with(|| Area {
                    name: "England".to_string(),
                    region: String::new(),
                    years: BTreeMap::new(),
                    cases: BTreeMap::new(),
                }),
                "Local authority" => {
                    let name = field(name_at).to_string();
                    councils.entry(name.clone()).or_insert_with(|| Area {
                        name,
                        region: field(region_at).to_string(),
                        years: BTreeMap::new(),
                        cases: BTreeMap::new(),
                    })
                }
                _ => continue,
            };
            area.years.insert(year, values);
            if let Some(cases) = cases_at
                .and_then(|at| field(at).parse::<f64>().ok())
                .filter(|x| x.is_finite())
            {
                area.cases.insert(year, cases);
            }
        }
        Ok(Census {
            england: england.ok_or(CensusError::NoEngland)?,
            councils: councils.into_values().collect(),
        })
    }

    /// The council of this name, exactly as DfE writes it.
    pub fn council(&self, name: &str) -> Option<&Area> {
        self.councils.iter().find(|c| c.name == name)
    }

    /// Councils whose name or region contains `search` (case does not matter).
    pub fn find<'a>(&'a self, search: &'a str) -> impl Iterator<Item = &'a Area> + 'a {
        let search = search.trim().to_lowercase();
        self.councils.iter().filter(move |c| {
            search.is_empty()
                || c.name.to_lowercase().contains(&search)
                || c.region.to_lowercase().contains(&search)
        })
    }

    /// Every year England's figures cover, oldest first.
    pub fn years(&self) -> Vec<i32> {
        self.england.years().collect()
    }

    /// The most recent year.
    pub fn latest_year(&self) -> Option<i32> {
        self.england.years().last()
    }

    /// The councils' 10th percentile, median and 90th percentile (linear interpolation, as for
    /// run results), and the lowest and highest council, for one indicator and year.
    pub fn spread(&self, indicator: Indicator, year: i32) -> Option<Spread> {
        let mut values: Vec<(f64, &str)> = self
            .councils
            .iter()
            .filter_map(|c| c.value(indicator, year).map(|v| (v, c.name.as_str())))
            .collect();
        if values.is_empty() {
            return None;
        }
        values.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
        let sorted: Vec<f64> = values.iter().map(|(v, _)| *v).collect();
        let (low, high) = (values.first()?, values.last()?);
        Some(Spread {
            year,
            councils: sorted.len(),
            p10: percentile_of_sorted(&sorted, 0.10),
            median: percentile_of_sorted(&sorted, 0.50),
            p90: percentile_of_sorted(&sorted, 0.90),
            lowest: (low.1.to_string(), low.0),
            highest: (high.1.to_string(), high.0),
        })
    }
}

/// The embedded census, read once. An error here is a broken build (a test reads the same file);
/// the window shows it rather than stopping.
pub fn census() -> Result<&'static Census, &'static CensusError> {
    static CENSUS: OnceLock<Result<Census, CensusError>> = OnceLock::new();
    CENSUS.get_or_init(|| Census::parse(CSV)).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppressed_figures_are_absent_not_zero() {
        let text = "time_period,geographic_level,region_name,la_name,turnover_rate_fte,\
agency_rate_fte,vacancy_rate_fte,vacancy_agency_cover_rate_fte,caseload_fte\n\
2023,National,,,15.9,17.8,18.9,74.4,16\n\
2023,Local authority,North East,Testshire,x,0,4.1,z,16.1\n";
        let census = Census::parse(text).unwrap();
        let c = census.council("Testshire").unwrap();
        assert_eq!(c.value(Indicator::Turnover, 2023), None);
        assert_eq!(c.value(Indicator::AgencyRate, 2023), Some(0.0));
        assert_eq!(c.value(Indicator::VacanciesCoveredByAgency, 2023), None);
        assert_eq!(census.england.value(Indicator::Caseload, 2023), Some(16.0));
    }

    #[test]
    fn a_missing_column_is_named() {
        let e = Census::parse("time_period,geographic_level,la_name\n").unwrap_err();
        assert_eq!(e, CensusError::MissingColumn("region_name"));
    }
}
