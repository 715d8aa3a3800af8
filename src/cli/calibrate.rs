//! `care-options calibrate`: the national defaults against every council's published spending.

use std::path::Path;
use std::process::ExitCode;

use crate::evidence::calibrate::{
    COST_RATIO_BAND, COST_RATIO_MEDIAN, Calibration, FTE_RATIO_MEDIAN, ITERATIONS, RATE_POINTS,
    Spread, calibrate,
};
use crate::evidence::published::LICENCE;
use crate::io::data_folder::read_published;
use crate::io::{atomic_write, parse_scenario, read_scenario};
use crate::model::RunControl;
use crate::render::calibration::{CalibrationChart, calibration_png};

use super::{EXIT_INTERRUPTED, EXIT_INVALID, EXIT_UNREADABLE};

/// Runs the calibration and prints, writes and draws it.
pub fn calibrate_command(
    data: &Path,
    year: Option<&str>,
    out: Option<&Path>,
    scenario: Option<&Path>,
) -> ExitCode {
    let published = match read_published(data) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("care-options: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let base = match scenario {
        Some(path) => match read_scenario(path) {
            Ok(file) => file,
            Err(e) => {
                eprintln!("care-options: {e}");
                return ExitCode::from(EXIT_INVALID);
            }
        },
        None => match parse_scenario(crate::DEFAULT_SCENARIO) {
            Ok(file) => file,
            Err(e) => {
                eprintln!("care-options: the embedded default scenario is unreadable: {e}");
                return ExitCode::from(super::EXIT_BUG);
            }
        },
    };
    let Some(year) = year
        .map(str::to_string)
        .or_else(|| published.latest_outturn_year().map(str::to_string))
    else {
        eprintln!("care-options: no outturn year to compare with");
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let control = RunControl::new();
    let calibration = match calibrate(&published, &base, &year, &control, &mut |_, _| {}) {
        Ok(c) => c,
        Err(crate::evidence::calibrate::CalibrationError::Cancelled) => {
            return ExitCode::from(EXIT_INTERRUPTED);
        }
        Err(e) => {
            eprintln!("care-options: {e}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    out!("{}", summary(&calibration, &base.name));
    out!("{}", parts(&calibration, &published, &base));
    let out = out.unwrap_or(Path::new("."));
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("care-options: cannot create {}: {e}", out.display());
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let csv = match calibration.to_csv() {
        Ok(text) => text,
        Err(e) => {
            eprintln!("care-options: cannot write the table: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let chart = CalibrationChart {
        title: format!(
            "The model's first-year cost against published spend, {} ({} councils)",
            calibration.year,
            calibration.councils.len()
        ),
        subtitle: format!(
            "Each dot is a council: its published demand and workforce run with the national \
             defaults of \"{}\". On the line, the model gives what the council spent. Median \
             ratio {:.2}; 8 in 10 councils between {:.2} and {:.2}.",
            base.name,
            calibration.cost_ratio().median,
            calibration.cost_ratio().p10,
            calibration.cost_ratio().p90,
        ),
        points: calibration
            .councils
            .iter()
            .map(|c| (c.ro3_gross / 1e6, c.model_cost_year0 / 1e6))
            .collect(),
        footnote: format!(
            "Sources: MHCLG revenue outturn RO3 {}; DfE children's social work workforce (30 \
             September {}), children looked after and children in need (31 March {}). {LICENCE}",
            calibration.year,
            calibration.census_year,
            calibration.census_year + 1
        ),
    };
    let png = match calibration_png(&chart) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("care-options: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    for (name, bytes) in [
        ("calibration.csv", csv.as_bytes()),
        ("calibration.png", png.as_slice()),
    ] {
        let path = out.join(name);
        if let Err(e) = atomic_write(&path, bytes) {
            eprintln!("care-options: cannot write {}: {e}", path.display());
            return ExitCode::from(EXIT_UNREADABLE);
        }
    }
    outln!(
        "Wrote calibration.csv (one row per council) and calibration.png to {}.",
        out.display()
    );
    ExitCode::SUCCESS
}

fn spread(s: &Spread, digits: usize) -> String {
    format!(
        "median {:.d$}, P10–P90 {:.d$} to {:.d$}",
        s.median,
        s.p10,
        s.p90,
        d = digits
    )
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT MET" }
}

/// The printed summary.
pub fn summary(c: &Calibration, defaults: &str) -> String {
    let mut s = String::new();
    let [cost_ok, fte_ok, rates_ok] = c.targets_met();
    let cost = c.cost_ratio();
    let (published_e, model_e) = c.elasticities();
    s += &format!(
        "Calibration of \"{defaults}\" against MHCLG revenue outturn (RO3) {}: {} councils, {} \
         iterations each.\n",
        c.year,
        c.councils.len(),
        ITERATIONS
    );
    s += &format!(
        "Each council's scenario: cases held, caseload, vacancy, agency and turnover rates at 30 \
         September {} (DfE workforce census), children looked after and in need at 31 March {} \
         (DfE), the national defaults for the rest.\n",
        c.census_year,
        c.census_year + 1
    );
    s += &format!(
        "Prices: the defaults' money restated {} year(s) back to {} prices, each sum with its own \
         mean inflation rate (pay, placements, each block, general).\n\n",
        -c.years_restated, c.year
    );
    s += &format!(
        "Year-0 cost / published gross spend:     {} (target median {:.2}–{:.2}, P10–P90 inside \
         {:.2}–{:.2}): {}\n",
        spread(&cost, 2),
        COST_RATIO_MEDIAN.0,
        COST_RATIO_MEDIAN.1,
        COST_RATIO_BAND.0,
        COST_RATIO_BAND.1,
        met(cost_ok)
    );
    s += &format!(
        "All social workers, model / census FTE:  {} (target median {:.1}–{:.1}): {}\n",
        spread(&c.social_worker_ratio(), 2),
        FTE_RATIO_MEDIAN.0,
        FTE_RATIO_MEDIAN.1,
        met(fte_ok)
    );
    s += &format!(
        "Case holders, model / census FTE:        {}\n",
        spread(&c.case_holder_ratio(), 2)
    );
    s += &format!(
        "Vacancy rate, model − census (points):   year 0 {}; year 3 {}\n",
        spread(&c.vacancy_gap(0), 1),
        spread(&c.vacancy_gap(3), 1)
    );
    s += &format!(
        "Agency rate, model − census (points):    year 0 {}; year 3 {}\n",
        spread(&c.agency_gap(0), 1),
        spread(&c.agency_gap(3), 1)
    );
    s += &format!(
        "Councils with both year-3 rates within {RATE_POINTS} points of the census: {:.0}% \
         (target: 90% or more): {}\n",
        100.0 * c.share_within_points(),
        met(rates_ok)
    );
    s += &format!(
        "Economies of scale: spend rises with cases with an elasticity of {published_e:.2} in \
         the published figures, {model_e:.2} in the model.\n"
    );
    if !c.unit_costs.is_empty() {
        s += &format!(
            "\nBlocks: national cost per unit, £ at {} prices (published = line ÷ driver over \
             the councils compared; default = the default's mean with the in-house overhead):\n",
            c.year
        );
        for u in &c.unit_costs {
            s += &format!(
                "  {:<24} {:<32} published {:>10.1}  default {:>10.1}  ({})\n",
                u.block,
                u.line,
                u.published,
                u.default,
                u.driver.unit()
            );
        }
    }
    if !c.skipped.is_empty() {
        s += &format!("\nLeft out ({}): ", c.skipped.len());
        s += &c
            .skipped
            .iter()
            .map(|(name, why)| format!("{name} ({why})"))
            .collect::<Vec<_>>()
            .join("; ");
        s += "\n";
    }
    s += &format!("\n{LICENCE}\n");
    s
}

/// The model's parts against the published lines they stand for, over every council.
fn parts(
    c: &Calibration,
    published: &crate::evidence::published::Published,
    base: &crate::model::ScenarioFile,
) -> String {
    let mut s = format!(
        "\nBy part, summed over the {} councils (£m at {} prices):\n",
        c.councils.len(),
        c.year
    );
    let rows = c.parts(published, base);
    for p in &rows {
        s += &format!(
            "  {:<24} model {:>9.1}  published {:>9.1}  ratio {:.2}  ({})\n",
            p.part,
            p.model / 1e6,
            p.published / 1e6,
            p.model / p.published,
            p.lines.join(" + ")
        );
    }
    let (model, paid): (f64, f64) = rows
        .iter()
        .fold((0.0, 0.0), |(m, p), r| (m + r.model, p + r.published));
    s += &format!(
        "  {:<24} model {:>9.1}  published {:>9.1}  ratio {:.2}\n",
        "all",
        model / 1e6,
        paid / 1e6,
        model / paid
    );
    if let Some((excess, unit)) = c.shared_staff(published, base) {
        s += &format!(
            "The social-work teams cost £{:.1}m more than the safeguarding line: the social \
             workers of fostering, adoption and leaving-care teams, which the outturn books under \
             children looked after. Net of them, the rest of the cla_other line is £{:.0} a year \
             per child looked after (with overheads, {} prices).\n",
            excess / 1e6,
            unit,
            c.year
        );
    }
    s
}
