//! The published figures behind calibration and council scenarios: DfE's children's social work
//! workforce census (2017–2025), children in need and children looked after (2013–2025), MHCLG's
//! revenue outturn for children's social care (RO3) by line, and the councils with their delivery
//! vehicles. Parsed from the CSV files as published (the names and columns of the project's data
//! folder), whether read from a folder (`care-options calibrate --data DIR`) or embedded.
//!
//! A missing or suppressed figure (`c`, `x`, `z`, `u`, `low`, `k`, `M`…) is `None`, never zero.
//! Depends on nothing but the `csv` crate: no files are read here.

use std::collections::BTreeMap;

/// The attribution the Open Government Licence asks for, wherever these figures are shown.
pub const LICENCE: &str = "Contains public sector information licensed under the Open \
Government Licence v3.0 (Department for Education; Ministry of Housing, Communities and Local \
Government).";

/// The file names of the data folder.
pub const WORKFORCE_FILE: &str = "csww_2017_2025.csv";
pub const CHILDREN_IN_NEED_FILE: &str = "cin_2013_2025.csv";
pub const LOOKED_AFTER_FILE: &str = "cla_2013_2025.csv";
pub const COUNCILS_FILE: &str = "la_lookup.csv";
pub const VEHICLES_FILE: &str = "la_delivery_vehicles.csv";
/// Outturn files are `ro3_<first year>_<two-digit second year>.csv`, e.g. `ro3_2023_24.csv`.
pub const OUTTURN_PREFIX: &str = "ro3_";

/// Why a data file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct DataError {
    pub file: String,
    pub message: String,
}

/// One council as the lookup describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Council {
    /// ONS code in the DfE files.
    pub ons_code: String,
    /// ONS code that is stable across boundary and code changes.
    pub ons_code_current: String,
    pub name: String,
    /// Its name in MHCLG's outturn files.
    pub ro3_name: String,
    /// `UA`, `MD`, `LB` or `SC`.
    pub kind: String,
    pub region_code: String,
    pub region: String,
    /// The last year it appears in DfE's files (a council that no longer exists stops earlier).
    pub last_year: Option<i32>,
    /// Who ran its children's social care at 31 March 2025, as the lookup says.
    pub vehicle_2025: String,
}

/// One delivery vehicle (a children's trust or a council-owned company) and its dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Vehicle {
    pub ons_code: String,
    pub council: String,
    pub name: String,
    pub kind: String,
    /// ISO dates, as published; `end` empty while it runs.
    pub start: String,
    pub end: String,
    pub note: String,
}

impl Vehicle {
    /// True for a trust; false for a council-owned company.
    pub fn is_trust(&self) -> bool {
        self.kind.to_ascii_lowercase().contains("trust")
    }
}

/// One row of the workforce census: a council, a region or England, at 30 September of `year`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorkforceRow {
    pub year: i32,
    /// `National`, `Regional` or `Local authority`.
    pub level: String,
    /// ONS code of the council or region; empty for England.
    pub code: String,
    pub name: String,
    pub region_code: String,
    pub inpost_fte: Option<f64>,
    pub starters_fte: Option<f64>,
    pub leavers_fte: Option<f64>,
    /// Leavers ÷ in post, %.
    pub turnover_rate: Option<f64>,
    pub agency_fte: Option<f64>,
    /// Agency ÷ (agency + in post), %.
    pub agency_rate: Option<f64>,
    /// The same on a headcount basis, %: published where the FTE rate is suppressed for a small
    /// number.
    pub agency_rate_headcount: Option<f64>,
    /// Agency FTE covering vacancies.
    pub agency_cover_fte: Option<f64>,
    pub vacancy_fte: Option<f64>,
    /// Vacancies ÷ (vacancies + in post), %.
    pub vacancy_rate: Option<f64>,
    /// Agency cover ÷ vacancies, %.
    pub vacancy_agency_cover_rate: Option<f64>,
    /// Case holders, FTE, agency included.
    pub case_holders_fte: Option<f64>,
    /// Cases held.
    pub cases: Option<f64>,
    /// Cases ÷ case holders.
    pub caseload: Option<f64>,
}

/// A count of children by council at 31 March of `year` (children in need, or looked after).
#[derive(Debug, Clone, PartialEq)]
pub struct ChildCount {
    pub year: i32,
    pub ons_code: String,
    pub ons_code_current: String,
    pub name: String,
    pub region_code: String,
    pub count: Option<f64>,
    /// Children aged 0–17 at the previous mid-year (ONS), as DfE uses for rates.
    pub population: Option<f64>,
}

/// One council's revenue outturn for children's social care: gross and net £ by RO3 line key.
#[derive(Debug, Clone, PartialEq)]
pub struct Outturn {
    /// `2023-24`.
    pub year: String,
    pub ons_code: String,
    pub name: String,
    /// Gross £ by line key (`safeguarding`, `cla_other`, …, `total_csc`).
    pub gross: BTreeMap<String, f64>,
    pub net: BTreeMap<String, f64>,
}

impl Outturn {
    /// Gross spend on children's social care (RO3 total), £.
    pub fn total_gross(&self) -> Option<f64> {
        self.gross.get("total_csc").copied()
    }

    /// Gross £ of a line.
    pub fn line(&self, key: &str) -> Option<f64> {
        self.gross.get(key).copied()
    }
}

/// Every published figure the program uses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Published {
    pub councils: Vec<Council>,
    pub vehicles: Vec<Vehicle>,
    pub workforce: Vec<WorkforceRow>,
    pub children_in_need: Vec<ChildCount>,
    pub looked_after: Vec<ChildCount>,
    /// By financial year (`2023-24`), one row per council that returned figures.
    pub outturn: BTreeMap<String, Vec<Outturn>>,
}

/// The text of each data file, by file name.
pub struct Sources<'a> {
    pub councils: &'a str,
    pub vehicles: &'a str,
    pub workforce: &'a str,
    pub children_in_need: &'a str,
    pub looked_after: &'a str,
    /// `(financial year "2023-24", text)` of each outturn file.
    pub outturn: Vec<(String, &'a str)>,
}

/// The financial year an outturn file holds, from its name: `ro3_2023_24.csv` → `2023-24`.
pub fn outturn_year(file_name: &str) -> Option<String> {
    let stem = file_name
        .strip_prefix(OUTTURN_PREFIX)?
        .strip_suffix(".csv")?;
    let (first, second) = stem.split_once('_')?;
    (first.len() == 4
        && second.len() == 2
        && first
            .chars()
            .chain(second.chars())
            .all(|c| c.is_ascii_digit()))
    .then(|| format!("{first}-{second}"))
}

impl Published {
    /// Parses every file.
    pub fn parse(sources: &Sources<'_>) -> Result<Published, DataError> {
        let mut outturn = BTreeMap::new();
        for (year, text) in &sources.outturn {
            outturn.insert(year.clone(), parse_outturn(year, text)?);
        }
        Ok(Published {
            councils: parse_councils(sources.councils)?,
            vehicles: parse_vehicles(sources.vehicles)?,
            workforce: parse_workforce(sources.workforce)?,
            children_in_need: parse_counts(
                CHILDREN_IN_NEED_FILE,
                sources.children_in_need,
                "cin_at_31_march",
            )?,
            looked_after: parse_counts(LOOKED_AFTER_FILE, sources.looked_after, "cla_at_31_march")?,
            outturn,
        })
    }

    /// The council whose ONS code (in the DfE files or current) is `code`.
    pub fn council(&self, code: &str) -> Option<&Council> {
        self.councils
            .iter()
            .find(|c| c.ons_code == code || c.ons_code_current == code)
    }

    /// The codes a council has gone by, for joining files.
    fn codes_of<'a>(&'a self, code: &'a str) -> Vec<&'a str> {
        let mut codes = vec![code];
        for c in &self.councils {
            if c.ons_code == code || c.ons_code_current == code {
                codes.push(&c.ons_code);
                codes.push(&c.ons_code_current);
            }
        }
        codes
    }

    /// A council's workforce row at 30 September of `year`.
    pub fn workforce_of(&self, code: &str, year: i32) -> Option<&WorkforceRow> {
        let codes = self.codes_of(code);
        self.workforce.iter().find(|r| {
            r.year == year && r.level == "Local authority" && codes.contains(&r.code.as_str())
        })
    }

    /// England's workforce row at 30 September of `year`.
    pub fn england_workforce(&self, year: i32) -> Option<&WorkforceRow> {
        self.workforce
            .iter()
            .find(|r| r.year == year && r.level == "National")
    }

    /// A region's workforce row at 30 September of `year`.
    pub fn region_workforce(&self, region_code: &str, year: i32) -> Option<&WorkforceRow> {
        self.workforce
            .iter()
            .find(|r| r.year == year && r.level == "Regional" && r.code == region_code)
    }

    /// A council's children in need at 31 March of `year`.
    pub fn children_in_need_of(&self, code: &str, year: i32) -> Option<&ChildCount> {
        count_of(&self.children_in_need, &self.codes_of(code), year)
    }

    /// A council's children looked after at 31 March of `year`.
    pub fn looked_after_of(&self, code: &str, year: i32) -> Option<&ChildCount> {
        count_of(&self.looked_after, &self.codes_of(code), year)
    }

    /// A council's outturn for the financial year `year` (`2023-24`).
    pub fn outturn_of(&self, code: &str, year: &str) -> Option<&Outturn> {
        let codes = self.codes_of(code);
        self.outturn
            .get(year)?
            .iter()
            .find(|o| codes.contains(&o.ons_code.as_str()))
    }

    /// The vehicles a council has had, oldest first.
    pub fn vehicles_of(&self, code: &str) -> Vec<&Vehicle> {
        let codes = self.codes_of(code);
        self.vehicles
            .iter()
            .filter(|v| codes.contains(&v.ons_code.as_str()))
            .collect()
    }

    /// The latest financial year with an outturn file.
    pub fn latest_outturn_year(&self) -> Option<&str> {
        self.outturn.keys().next_back().map(String::as_str)
    }
}

fn count_of<'a>(rows: &'a [ChildCount], codes: &[&str], year: i32) -> Option<&'a ChildCount> {
    rows.iter().find(|r| {
        r.year == year
            && (codes.contains(&r.ons_code.as_str())
                || codes.contains(&r.ons_code_current.as_str()))
    })
}

/// A CSV file's rows, each a map from column name to text.
struct Table<'a> {
    file: &'a str,
    headers: Vec<String>,
    rows: Vec<csv::StringRecord>,
}

impl<'a> Table<'a> {
    fn read(file: &'a str, text: &str) -> Result<Self, DataError> {
        let error = |message: String| DataError {
            file: file.to_string(),
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| error(e.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .collect();
        let rows = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| error(e.to_string()))?;
        Ok(Table {
            file,
            headers,
            rows,
        })
    }

    fn column(&self, name: &str) -> Result<usize, DataError> {
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| DataError {
                file: self.file.to_string(),
                message: format!("has no column named `{name}`"),
            })
    }

    /// For each row, the text in `columns`.
    fn rows<const N: usize>(
        &self,
        columns: [&str; N],
    ) -> Result<impl Iterator<Item = [&str; N]>, DataError> {
        let mut at = [0; N];
        for (slot, name) in at.iter_mut().zip(columns) {
            *slot = self.column(name)?;
        }
        Ok(self
            .rows
            .iter()
            .map(move |r| at.map(|i| r.get(i).unwrap_or("").trim())))
    }
}

/// A published number; `None` where it is empty or a suppression symbol.
fn number(text: &str) -> Option<f64> {
    let cleaned = text.replace(',', "");
    cleaned.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn year(file: &str, text: &str) -> Result<i32, DataError> {
    text.parse().map_err(|_| DataError {
        file: file.to_string(),
        message: format!("`{text}` is not a year"),
    })
}

fn parse_councils(text: &str) -> Result<Vec<Council>, DataError> {
    let t = Table::read(COUNCILS_FILE, text)?;
    Ok(t.rows([
        "ons_code",
        "ons_code_current",
        "la_name",
        "ro3_la_name",
        "la_type",
        "region_code",
        "region_name",
        "last_year_in_dfe_files",
        "delivery_vehicle_at_2025_03_31",
    ])?
    .map(|r| Council {
        ons_code: r[0].to_string(),
        ons_code_current: r[1].to_string(),
        name: r[2].to_string(),
        ro3_name: r[3].to_string(),
        kind: r[4].to_string(),
        region_code: r[5].to_string(),
        region: r[6].to_string(),
        last_year: r[7].parse().ok(),
        vehicle_2025: r[8].to_string(),
    })
    .collect())
}

fn parse_vehicles(text: &str) -> Result<Vec<Vehicle>, DataError> {
    let t = Table::read(VEHICLES_FILE, text)?;
    Ok(t.rows([
        "ons_code",
        "la_name",
        "vehicle_name",
        "vehicle_type",
        "start_date",
        "end_date",
        "note",
    ])?
    .map(|r| Vehicle {
        ons_code: r[0].to_string(),
        council: r[1].to_string(),
        name: r[2].to_string(),
        kind: r[3].to_string(),
        start: r[4].to_string(),
        end: r[5].to_string(),
        note: r[6].to_string(),
    })
    .collect())
}

fn parse_workforce(text: &str) -> Result<Vec<WorkforceRow>, DataError> {
    let t = Table::read(WORKFORCE_FILE, text)?;
    let mut out = Vec::new();
    for r in t.rows([
        "time_period",
        "geographic_level",
        "new_la_code",
        "region_code",
        "la_name",
        "region_name",
        "inpost_fte",
        "starters_fte",
        "leavers_fte",
        "turnover_rate_fte",
        "agency_fte",
        "agency_rate_fte",
        "agency_cover_fte",
        "agency_rate_headcount",
        "vacancy_fte",
        "vacancy_rate_fte",
        "vacancy_agency_cover_rate_fte",
        "case_holders_fte",
        "cases",
        "caseload_fte",
    ])? {
        let level = r[1].to_string();
        let (code, name) = match level.as_str() {
            "Local authority" => (r[2], r[4]),
            "Regional" => (r[3], r[5]),
            _ => ("", "England"),
        };
        out.push(WorkforceRow {
            year: year(WORKFORCE_FILE, r[0])?,
            level,
            code: code.to_string(),
            name: name.to_string(),
            region_code: r[3].to_string(),
            inpost_fte: number(r[6]),
            starters_fte: number(r[7]),
            leavers_fte: number(r[8]),
            turnover_rate: number(r[9]),
            agency_fte: number(r[10]),
            agency_rate: number(r[11]),
            agency_cover_fte: number(r[12]),
            agency_rate_headcount: number(r[13]),
            vacancy_fte: number(r[14]),
            vacancy_rate: number(r[15]),
            vacancy_agency_cover_rate: number(r[16]),
            case_holders_fte: number(r[17]),
            cases: number(r[18]),
            caseload: number(r[19]),
        });
    }
    Ok(out)
}

fn parse_counts(file: &str, text: &str, count_column: &str) -> Result<Vec<ChildCount>, DataError> {
    let t = Table::read(file, text)?;
    let mut out = Vec::new();
    for r in t.rows([
        "year",
        "ons_code",
        "ons_code_current",
        "la_name",
        "region_code",
        count_column,
        "pop_0_17_mid_prev_year",
    ])? {
        out.push(ChildCount {
            year: year(file, r[0])?,
            ons_code: r[1].to_string(),
            ons_code_current: r[2].to_string(),
            name: r[3].to_string(),
            region_code: r[4].to_string(),
            count: number(r[5]),
            population: number(r[6]),
        });
    }
    Ok(out)
}

/// The line keys of an outturn file: every `<key>_gross_gbp` column.
fn parse_outturn(year: &str, text: &str) -> Result<Vec<Outturn>, DataError> {
    let file = format!("{OUTTURN_PREFIX}{}.csv", year.replace('-', "_"));
    let t = Table::read(&file, text)?;
    let code = t.column("ons_code")?;
    let name = t.column("la_name")?;
    let lines: Vec<(String, usize, Option<usize>)> = t
        .headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let key = h.strip_suffix("_gross_gbp")?;
            let net = t
                .headers
                .iter()
                .position(|n| *n == format!("{key}_net_gbp"));
            Some((key.to_string(), i, net))
        })
        .collect();
    if lines.is_empty() {
        return Err(DataError {
            file,
            message: "has no `<line>_gross_gbp` columns".to_string(),
        });
    }
    let mut out = Vec::new();
    for r in &t.rows {
        let get = |i: usize| r.get(i).map(str::trim).and_then(number);
        let mut gross = BTreeMap::new();
        let mut net = BTreeMap::new();
        for (key, g, n) in &lines {
            if let Some(x) = get(*g) {
                gross.insert(key.clone(), x);
            }
            if let Some(x) = n.and_then(get) {
                net.insert(key.clone(), x);
            }
        }
        if gross.is_empty() {
            // A council that did not return its figures in time.
            continue;
        }
        out.push(Outturn {
            year: year.to_string(),
            ons_code: r.get(code).unwrap_or("").trim().to_string(),
            name: r.get(name).unwrap_or("").trim().to_string(),
            gross,
            net,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppressed_figures_are_absent_not_zero() {
        assert_eq!(number("x"), None);
        assert_eq!(number(""), None);
        assert_eq!(number("low"), None);
        assert_eq!(number("1,234.5"), Some(1234.5));
        assert_eq!(number("0"), Some(0.0));
    }

    #[test]
    fn outturn_years_come_from_file_names() {
        assert_eq!(outturn_year("ro3_2023_24.csv").as_deref(), Some("2023-24"));
        assert_eq!(outturn_year("ro3_2023.csv"), None);
        assert_eq!(outturn_year("cla_2013_2025.csv"), None);
    }
}
