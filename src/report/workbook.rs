//! The results of a run as an Excel workbook (`.xlsx`), for finance teams who check and reuse
//! figures in Excel: the summary table with the headlines and the stamp, every per-year figure,
//! each iteration's net present cost, every uncertain input, and the method and caveats, with two
//! native Excel charts (annual cost, and the difference from the baseline) drawn from its cells.
//!
//! Figures are stored as numbers, exact, and shown through number formats (£m, £, %), so a
//! formula that refers to a cell gets the value the program computed, not its rounding. Text is
//! always stored as text: a name starting with `=` stays a name and never becomes a formula. The
//! per-year sheet is the table `run --csv` writes ([`super::data::year_table`]), so the two agree.
//!
//! Depends on the model, present and io (through [`super`]); no window.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Chart, ChartAxisLabelPosition, ChartLegendPosition, ColNum, DocProperties, Format, FormatAlign,
    FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};

use crate::model::{RunResults, ScenarioFile};
use crate::present::financial_year;
use crate::present::headlines;
use crate::present::stamp::{Source, Stamp};
use crate::present::summary_table::{self, COLUMNS, DASH, Figure, GROUPS};

use super::data::{Measure, Value, year_table};
use super::text::{assumption_rows, caveats, method};
use super::{ExportError, format_error, write};

/// The sheets, in order.
pub const SUMMARY_SHEET: &str = "Summary";
pub const YEARS_SHEET: &str = "Years";
pub const ITERATIONS_SHEET: &str = "Iterations";
pub const ASSUMPTIONS_SHEET: &str = "Assumptions";
pub const METHOD_SHEET: &str = "Method and caveats";

/// Number formats. Money is stored in pounds; `,,` shows it in millions.
const MILLIONS: &str = r##""£"#,##0.0,,"m""##;
const SIGNED_MILLIONS: &str = r##"+"£"#,##0.0,,"m";-"£"#,##0.0,,"m";"£"0.0,,"m""##;
const AXIS_MILLIONS: &str = r##""£"#,##0,,"m""##;
const POUNDS: &str = r##""£"#,##0"##;
const SHARE: &str = "0%";
/// Shares of a year's figures (vacancy rates, back in-house) are often a few percent.
const SHARE_TENTHS: &str = "0.0%";
const POINTS: &str = "0.0";
const FTE: &str = "#,##0.0";
const COUNT: &str = "#,##0";
const YEAR: &str = "0";

/// The longest text a cell holds (Excel's limit, in UTF-16 units).
const MAX_CELL_TEXT: usize = 32_767;

/// Widths of text columns, in characters: wide enough to read, narrow enough to see several.
const NAME_WIDTH: usize = 36;
const PROSE_WIDTH: f64 = 110.0;
const NUMBER_WIDTH: usize = 12;

/// Chart size, pixels: readable on a laptop screen beside the table.
const CHART_SIZE: (u32, u32) = (720, 400);
/// Rows a chart covers at the default row height (20 px), with a row to spare.
const CHART_ROWS: RowNum = 22;

/// The formats of one workbook.
struct Formats {
    bold: Format,
    title: Format,
    header: Format,
    wrap: Format,
    right: Format,
    /// A count among text, aligned with it.
    count_left: Format,
    millions: Format,
    signed_millions: Format,
    pounds: Format,
    share: Format,
    share_tenths: Format,
    points: Format,
    fte: Format,
    count: Format,
    year: Format,
}

impl Formats {
    fn new() -> Formats {
        let number = |code: &str| Format::new().set_num_format(code);
        Formats {
            bold: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border_bottom(FormatBorder::Thin),
            wrap: Format::new().set_text_wrap(),
            right: Format::new().set_align(FormatAlign::Right),
            count_left: number(COUNT).set_align(FormatAlign::Left),
            millions: number(MILLIONS),
            signed_millions: number(SIGNED_MILLIONS),
            pounds: number(POUNDS),
            share: number(SHARE),
            share_tenths: number(SHARE_TENTHS),
            points: number(POINTS),
            fte: number(FTE),
            count: number(COUNT),
            year: number(YEAR),
        }
    }

    fn measure(&self, measure: Measure) -> Option<&Format> {
        match measure {
            Measure::Text => None,
            Measure::Year => Some(&self.year),
            Measure::Pounds => Some(&self.pounds),
            Measure::Share => Some(&self.share_tenths),
            Measure::Points => Some(&self.points),
            Measure::Fte => Some(&self.fte),
            Measure::Count => Some(&self.count),
        }
    }

    fn summary(&self, figure: Figure) -> &Format {
        match figure {
            Figure::Millions => &self.millions,
            Figure::SignedMillions => &self.signed_millions,
            Figure::Percent => &self.share,
            Figure::Points => &self.points,
        }
    }
}

/// Text as a cell can hold it: cut, with "…", past Excel's limit.
fn fit(text: &str) -> Cow<'_, str> {
    if text.encode_utf16().count() <= MAX_CELL_TEXT {
        return Cow::Borrowed(text);
    }
    let mut units = 0;
    let cut: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units < MAX_CELL_TEXT
        })
        .collect();
    Cow::Owned(format!("{cut}…"))
}

/// Writes text, always as text (never a formula, whatever it starts with).
fn text(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: &str,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    let value = fit(value);
    match format {
        Some(f) => sheet.write_string_with_format(row, col, value.as_ref(), f)?,
        None => sheet.write_string(row, col, value.as_ref())?,
    };
    Ok(())
}

/// Writes a number; one that is not finite (no such figure) leaves the cell empty.
fn number(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: f64,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    if !value.is_finite() {
        return Ok(());
    }
    match format {
        Some(f) => sheet.write_number_with_format(row, col, value, f)?,
        None => sheet.write_number(row, col, value)?,
    };
    Ok(())
}

/// A column index from a position in a row.
fn col(k: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(k).map_err(|_| XlsxError::RowColumnLimitError)
}

/// A row index from a count of rows.
fn row(k: usize) -> Result<RowNum, XlsxError> {
    RowNum::try_from(k).map_err(|_| XlsxError::RowColumnLimitError)
}

/// A width for a column of numbers or short text headed `title`.
fn width_for(title: &str) -> f64 {
    (title.chars().count() + 2).clamp(NUMBER_WIDTH, 40) as f64
}

/// The workbook of a run, as the bytes of an `.xlsx` file.
pub fn workbook_bytes(
    results: &RunResults,
    file: &ScenarioFile,
    stamp: &Stamp,
) -> Result<Vec<u8>, ExportError> {
    build(results, file, stamp).map_err(|e| format_error("Excel workbook", e))
}

/// The workbook of a run at `path`, written safely: the file is replaced whole or not at all.
pub fn write_workbook(
    path: &Path,
    results: &RunResults,
    file: &ScenarioFile,
    stamp: &Stamp,
) -> Result<PathBuf, ExportError> {
    write(path, &workbook_bytes(results, file, stamp)?)
}

fn build(results: &RunResults, file: &ScenarioFile, stamp: &Stamp) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(fit(&results.scenario).as_ref())
            .set_comment(fit(&stamp.line()).as_ref()),
    );
    let years = year_table(results);

    let summary = workbook.add_worksheet().set_name(SUMMARY_SHEET)?;
    let charts_at = summary_sheet(summary, results, file, stamp, &formats)?;
    let (line, column) = charts(results, &years)?;
    summary.insert_chart(charts_at, 0, &line)?;
    summary.insert_chart(charts_at + CHART_ROWS, 0, &column)?;

    years_sheet(
        workbook.add_worksheet().set_name(YEARS_SHEET)?,
        &years,
        &formats,
    )?;
    // Up to a million rows: written row by row to a temporary file rather than held in memory.
    iterations_sheet(
        workbook
            .add_worksheet_with_constant_memory()?
            .set_name(ITERATIONS_SHEET)?,
        results,
        &formats,
    )?;
    assumptions_sheet(
        workbook.add_worksheet().set_name(ASSUMPTIONS_SHEET)?,
        file,
        &formats,
    )?;
    method_sheet(
        workbook.add_worksheet().set_name(METHOD_SHEET)?,
        results,
        file,
        &formats,
    )?;
    workbook.save_to_buffer()
}

/// The first option's row on the Summary sheet, below the title, the line saying how the run was
/// made, the group headings and the column headings.
const SUMMARY_FIRST_ROW: RowNum = 5;

/// The Summary sheet: the title, the summary table, the headlines and the stamp. Returns the row
/// below them, where the charts go.
fn summary_sheet(
    sheet: &mut Worksheet,
    r: &RunResults,
    file: &ScenarioFile,
    stamp: &Stamp,
    f: &Formats,
) -> Result<RowNum, XlsxError> {
    let last = r.start_year + r.horizon_years as i32 - 1;
    text(sheet, 0, 0, &r.scenario, Some(&f.title))?;
    text(
        sheet,
        1,
        0,
        &format!(
            "{} iterations, seed {}, {} to {} ({} years). Net present cost (NPC) at {} prices, \
             discounted at {:.1}% a year real; money in £m, each figure exact in its cell.",
            crate::present::thousands(r.iterations),
            r.seed,
            financial_year(r.start_year),
            financial_year(last),
            r.horizon_years,
            financial_year(r.start_year),
            file.appraisal.discount_rate * 100.0
        ),
        None,
    )?;
    for g in GROUPS {
        text(sheet, 3, col(g.first + 1)?, g.title, Some(&f.bold))?;
    }
    text(sheet, 4, 0, "Option", Some(&f.header))?;
    for (k, c) in COLUMNS.iter().enumerate() {
        text(sheet, 4, col(k + 1)?, c.title, Some(&f.header))?;
        sheet.set_column_width(col(k + 1)?, width_for(c.title))?;
    }
    let rows = summary_table::rows(r);
    let name_width = rows
        .iter()
        .map(|row| row.name.chars().count() + 2)
        .max()
        .unwrap_or(0)
        .clamp(20, NAME_WIDTH + 14);
    sheet.set_column_width(0, name_width as f64)?;
    let mut at = SUMMARY_FIRST_ROW;
    for table_row in &rows {
        text(sheet, at, 0, &table_row.name, None)?;
        for (k, (column, cell)) in COLUMNS.iter().zip(&table_row.cells).enumerate() {
            match cell.value {
                Some(v) => number(sheet, at, col(k + 1)?, v, Some(f.summary(column.figure())))?,
                None => text(sheet, at, col(k + 1)?, DASH, Some(&f.right))?,
            }
        }
        at += 1;
    }
    sheet.set_freeze_panes(SUMMARY_FIRST_ROW, 0)?;

    at += 1;
    text(sheet, at, 0, "Headlines", Some(&f.bold))?;
    at += 1;
    for line in headlines(r) {
        text(sheet, at, 0, &line, None)?;
        at += 1;
    }
    if let Some(precision) = summary_table::precision_sentence(r) {
        text(sheet, at, 0, &precision, None)?;
        at += 1;
    }

    at += 1;
    text(sheet, at, 0, "Stamp", Some(&f.bold))?;
    at += 1;
    for (label, value) in stamp.parts() {
        text(sheet, at, 0, label, None)?;
        match label {
            // A count, to compute with; the seed stays text (it may pass the 15 digits Excel
            // keeps exactly).
            "Iterations" => number(sheet, at, 1, stamp.iterations as f64, Some(&f.count_left))?,
            _ => text(sheet, at, 1, &value, None)?,
        }
        at += 1;
    }
    let file_name = match &stamp.source {
        Source::File { name, .. } => name.as_str(),
        Source::Unsaved { .. } => "FILE",
    };
    text(sheet, at, 0, "Reproduce", None)?;
    text(
        sheet,
        at,
        1,
        &format!(
            "care-options report {file_name} --iterations {} --seed {} --out DIR --xlsx",
            r.iterations, r.seed
        ),
        None,
    )?;
    at += 1;
    text(sheet, at, 0, &stamp.line(), None)?;
    Ok(at + 2)
}

/// The Years sheet: [`year_table`], one row per option and year, figures as numbers.
fn years_sheet(
    sheet: &mut Worksheet,
    table: &super::data::YearTable,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (k, (key, _)) in table.columns.iter().enumerate() {
        text(sheet, 0, col(k)?, key, Some(&f.header))?;
        // The first column holds the option's name.
        let width = if k == 0 {
            NAME_WIDTH as f64
        } else {
            width_for(key)
        };
        sheet.set_column_width(col(k)?, width)?;
    }
    for (i, cells) in table.rows.iter().enumerate() {
        let at = row(i + 1)?;
        for (k, (cell, (_, measure))) in cells.iter().zip(&table.columns).enumerate() {
            match cell {
                Value::Text(t) => text(sheet, at, col(k)?, t, None)?,
                Value::Number(x) => number(sheet, at, col(k)?, *x, f.measure(*measure))?,
                Value::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The Iterations sheet: each iteration's net present cost per option, then each other option's
/// difference from the baseline, as the iterations CSV has them. Written in row order (the
/// sheet is in constant-memory mode).
fn iterations_sheet(sheet: &mut Worksheet, r: &RunResults, f: &Formats) -> Result<(), XlsxError> {
    let others: Vec<&crate::model::OptionResult> = r
        .options
        .iter()
        .filter(|o| o.name != r.baseline_option)
        .collect();
    let mut header = vec!["iteration".to_string()];
    header.extend(r.options.iter().map(|o| format!("npc_gbp[{}]", o.name)));
    header.extend(
        others
            .iter()
            .map(|o| format!("npc_vs_baseline_gbp[{}]", o.name)),
    );
    sheet.set_column_width(0, NUMBER_WIDTH as f64)?;
    for k in 1..header.len() {
        sheet.set_column_width(col(k)?, 20)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    for (k, title) in header.iter().enumerate() {
        text(sheet, 0, col(k)?, title, Some(&f.header))?;
    }
    let n = r
        .options
        .iter()
        .map(|o| o.samples.npc.len())
        .max()
        .unwrap_or(0);
    let columns = r
        .options
        .iter()
        .map(|o| &o.samples.npc)
        .chain(others.iter().map(|o| &o.samples.npc_vs_baseline));
    let columns: Vec<&Vec<f64>> = columns.collect();
    for i in 0..n {
        let at = row(i + 1)?;
        number(sheet, at, 0, i as f64, Some(&f.year))?;
        for (k, values) in columns.iter().enumerate() {
            if let Some(v) = values.get(i) {
                number(sheet, at, col(k + 1)?, *v, Some(&f.pounds))?;
            }
        }
    }
    Ok(())
}

/// The Assumptions sheet: every uncertain input, as the report's assumptions table has it.
fn assumptions_sheet(
    sheet: &mut Worksheet,
    file: &ScenarioFile,
    f: &Formats,
) -> Result<(), XlsxError> {
    let rows = assumption_rows(file);
    // Short columns as wide as their longest entry; the source and the note wrap.
    let widest = |cell: fn(&super::AssumptionRow) -> &str, least: usize| {
        rows.iter()
            .map(|a| cell(a).chars().count() + 2)
            .fold(least, usize::max)
            .min(72) as f64
    };
    let columns: [(&str, f64); 7] = [
        ("Group", widest(|a| &a.group, 12)),
        ("Input", widest(|a| &a.label, 20)),
        ("Path", widest(|a| &a.path, 20)),
        ("Distribution", widest(|a| &a.distribution, 20)),
        ("P10–P90", widest(|a| &a.implied, 12)),
        ("Source", SOURCE_WIDTH),
        ("Note", NOTE_WIDTH),
    ];
    for (k, (title, width)) in columns.iter().enumerate() {
        text(sheet, 0, col(k)?, title, Some(&f.header))?;
        sheet.set_column_width(col(k)?, *width)?;
    }
    for (i, a) in rows.iter().enumerate() {
        let at = row(i + 1)?;
        let cells = [
            a.group.as_str(),
            a.label.as_str(),
            a.path.as_str(),
            a.distribution.as_str(),
            a.implied.as_str(),
        ];
        for (k, value) in cells.iter().enumerate() {
            text(sheet, at, col(k)?, value, None)?;
        }
        text(sheet, at, 5, &a.source, Some(&f.wrap))?;
        let note = a.note.as_deref().unwrap_or("");
        if !note.is_empty() {
            text(sheet, at, 6, note, Some(&f.wrap))?;
        }
        let lines = wrapped_lines(&a.source, SOURCE_WIDTH).max(wrapped_lines(note, NOTE_WIDTH));
        fit_row(sheet, at, lines)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Widths of the wrapped columns of the Assumptions sheet, in characters.
const SOURCE_WIDTH: f64 = 70.0;
const NOTE_WIDTH: f64 = 50.0;

/// About how many lines `text` takes wrapped in a column `width` characters wide (a little more
/// rather than less: a row cut short hides words).
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width * 0.95).max(1.0);
    text.lines()
        .map(|line| (line.chars().count() as f64 / per_line).ceil().max(1.0) as usize)
        .sum::<usize>()
        .max(1)
}

/// Sets a row of wrapped text tall enough for `lines`. Spreadsheets do not all work out the height
/// of wrapped text for themselves when they open a file (LibreOffice leaves such rows one line
/// high), so it is given.
fn fit_row(sheet: &mut Worksheet, at: RowNum, lines: usize) -> Result<(), XlsxError> {
    if lines > 1 {
        sheet.set_row_height(at, (LINE_HEIGHT * lines as f64).min(MAX_ROW_HEIGHT))?;
    }
    Ok(())
}

/// Height of one line of text at the default font, and the tallest row Excel allows, points.
const LINE_HEIGHT: f64 = 15.0;
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The Method and caveats sheet: the report's method and caveats, and the licence of the
/// published data where the scenario draws on it.
fn method_sheet(
    sheet: &mut Worksheet,
    r: &RunResults,
    file: &ScenarioFile,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_column_width(0, PROSE_WIDTH)?;
    let mut sections = vec![("Method", method(file, r)), ("Caveats", caveats(file, r))];
    if crate::present::sources::cites_public_statistics(file) {
        sections.push((
            "Data",
            vec![crate::present::sources::OPEN_GOVERNMENT_LICENCE.to_string()],
        ));
    }
    let mut at = 0;
    for (heading, paragraphs) in sections {
        text(sheet, at, 0, heading, Some(&f.header))?;
        at += 1;
        for paragraph in paragraphs {
            text(sheet, at, 0, &paragraph, Some(&f.wrap))?;
            fit_row(sheet, at, wrapped_lines(&paragraph, PROSE_WIDTH))?;
            at += 1;
        }
        at += 1;
    }
    Ok(())
}

/// The two charts, drawn by Excel from the workbook's cells: each option's median annual cost
/// (a line per option, from the Years sheet) and each option's mean difference in net present
/// cost from the baseline (a column per option, from the summary table).
fn charts(r: &RunResults, years: &super::data::YearTable) -> Result<(Chart, Chart), XlsxError> {
    let position = |key: &str| {
        years
            .columns
            .iter()
            .position(|(k, _)| k == key)
            .ok_or_else(|| XlsxError::ParameterError(format!("no {key} column")))
            .and_then(col)
    };
    let year_col = position("financial_year")?;
    let cost_col = position("cost_p50_gbp")?;

    let mut line = Chart::new_line();
    line.title().set_name("Annual cost, median (nominal)");
    line.x_axis().set_name("Financial year");
    line.y_axis()
        .set_name("Cost a year (£m, nominal)")
        .set_num_format(AXIS_MILLIONS);
    line.legend().set_position(ChartLegendPosition::Bottom);
    line.set_width(CHART_SIZE.0).set_height(CHART_SIZE.1);
    // The Years sheet holds each option's years together, in the order of the options.
    let mut first = 1;
    for o in &r.options {
        let count = o.years.len();
        if count == 0 {
            continue;
        }
        let (top, bottom) = (row(first)?, row(first + count - 1)?);
        line.add_series()
            .set_name((YEARS_SHEET, top, 0))
            .set_categories((YEARS_SHEET, top, year_col, bottom, year_col))
            .set_values((YEARS_SHEET, top, cost_col, bottom, cost_col));
        first += count;
    }

    let mut column = Chart::new_column();
    // A fixed title: a chart title starting with `=` would be read as a cell reference, and the
    // baseline's name may start with one.
    column
        .title()
        .set_name("Net present cost against the baseline, mean difference");
    column
        .y_axis()
        .set_name("Difference (£m; below zero is cheaper)")
        .set_num_format(AXIS_MILLIONS);
    // The option names below the plot, clear of bars that fall below zero.
    column
        .x_axis()
        .set_label_position(ChartAxisLabelPosition::Low);
    column.legend().set_hidden();
    column.set_width(CHART_SIZE.0).set_height(CHART_SIZE.1);
    let difference_col = COLUMNS
        .iter()
        .position(|c| c.field == "npc_vs_baseline.mean")
        .ok_or_else(|| XlsxError::ParameterError("no difference column".to_string()))?;
    let difference_col = col(difference_col + 1)?;
    if !r.options.is_empty() {
        let (top, bottom) = (
            SUMMARY_FIRST_ROW,
            SUMMARY_FIRST_ROW + row(r.options.len() - 1)?,
        );
        column
            .add_series()
            .set_categories((SUMMARY_SHEET, top, 0, bottom, 0))
            .set_values((SUMMARY_SHEET, top, difference_col, bottom, difference_col));
    }
    Ok((line, column))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::model::{RunControl, RunSettings};
    use crate::present::stamp::Source;

    /// The default scenario, renamed to something a spreadsheet would run as a formula, at a
    /// small count.
    fn run_default(iterations: u64) -> (RunResults, ScenarioFile, Stamp) {
        let mut file = crate::io::parse_scenario(crate::DEFAULT_SCENARIO).unwrap();
        file.name = "=1+2 council".to_string();
        let scenario = crate::model::validate(&file).unwrap();
        let settings = RunSettings {
            iterations,
            seed: 11,
        };
        let results = crate::model::run(&scenario, settings, &RunControl::new()).unwrap();
        let stamp = Stamp::new(
            &results,
            Source::file("default.ron", 0xba78_16bf_8f01_cfea),
            std::time::UNIX_EPOCH,
        );
        (results, file, stamp)
    }

    /// The parts of an `.xlsx` (a zip), by name.
    fn parts(bytes: Vec<u8>) -> std::collections::BTreeMap<String, String> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut part = zip.by_index(i).unwrap();
                let mut text = String::new();
                part.read_to_string(&mut text).unwrap();
                (part.name().unwrap().into_owned(), text)
            })
            .collect()
    }

    /// The opening tag of the cell whose value is `<v>value</v>`.
    fn cell_holding<'a>(sheet: &'a str, value: &str) -> &'a str {
        let at = sheet
            .find(&format!("<v>{value}</v>"))
            .unwrap_or_else(|| panic!("no cell holds {value}"));
        let start = sheet[..at].rfind("<c ").unwrap();
        &sheet[start..at]
    }

    #[test]
    fn the_workbook_holds_every_sheet_numbers_as_numbers_text_as_text_and_two_charts() {
        let (results, file, stamp) = run_default(200);
        let parts = parts(workbook_bytes(&results, &file, &stamp).unwrap());

        let book = &parts["xl/workbook.xml"];
        let sheets = [
            SUMMARY_SHEET,
            YEARS_SHEET,
            ITERATIONS_SHEET,
            ASSUMPTIONS_SHEET,
            METHOD_SHEET,
        ];
        let at: Vec<usize> = sheets
            .iter()
            .map(|s| {
                book.find(&format!("<sheet name=\"{s}\""))
                    .unwrap_or_else(|| panic!("no sheet {s}: {book}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "sheets out of order");

        // A figure of the summary table is a number cell holding the exact value, in £m.
        let summary = &parts["xl/worksheets/sheet1.xml"];
        let first = &results.options[0];
        let cell = cell_holding(summary, &first.npc.mean.to_string());
        assert!(!cell.contains("t=\""), "stored as text: {cell}");
        assert!(parts["xl/styles.xml"].contains("#,##0.0,,&quot;m&quot;"));
        assert!(parts["xl/styles.xml"].contains("formatCode=\"0%\""));

        // A name that starts with "=" is a string, never a formula.
        let a1 = summary.find("<c r=\"A1\"").unwrap();
        assert!(summary[a1..].starts_with("<c r=\"A1\" s=\"") && summary[a1..].contains("t=\"s\""));
        assert!(parts["xl/sharedStrings.xml"].contains("<t>=1+2 council</t>"));
        for (name, xml) in &parts {
            if name.starts_with("xl/worksheets/") {
                assert!(!xml.contains("<f>"), "{name} holds a formula");
            }
        }

        // The Years sheet is the per-year CSV's table: a row per option and year.
        let years = &parts["xl/worksheets/sheet2.xml"];
        let table = year_table(&results);
        assert_eq!(years.matches("<row ").count(), 1 + table.rows.len());
        assert_eq!(table.rows.len(), results.options.len() * 10);
        let cost = first.years[0].cost_p50.to_string();
        assert!(!cell_holding(years, &cost).contains("t=\""));

        // Each iteration's net present cost, one row each.
        let iterations = &parts["xl/worksheets/sheet3.xml"];
        assert_eq!(iterations.matches("<row ").count(), 1 + 200);
        let npc = results.options[2].samples.npc[199].to_string();
        assert!(!cell_holding(iterations, &npc).contains("t=\""));

        // Every uncertain input, and the method with the data's licence.
        let assumptions = &parts["xl/worksheets/sheet4.xml"];
        assert_eq!(
            assumptions.matches("<row ").count(),
            1 + assumption_rows(&file).len()
        );
        assert!(parts["xl/sharedStrings.xml"].contains("Open Government Licence v3.0"));

        // Two native charts: annual cost by option, and the difference from the baseline.
        let line = &parts["xl/charts/chart1.xml"];
        assert!(line.contains("<c:lineChart>"));
        assert_eq!(line.matches("<c:ser>").count(), results.options.len());
        assert!(line.contains("Years!$G$2:$G$11"), "{line}");
        let column = &parts["xl/charts/chart2.xml"];
        assert!(column.contains("<c:barDir val=\"col\"/>"));
        assert!(column.contains("Summary!$F$6:$F$8"), "{column}");
    }

    #[test]
    fn a_file_that_cannot_be_written_is_named_and_nothing_panics() {
        let (results, file, stamp) = run_default(20);
        let d = std::env::temp_dir().join(format!("care-options-xlsx-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        // A path whose folder is a file.
        let blocker = d.join("not-a-folder");
        std::fs::write(&blocker, "x").unwrap();
        let path = blocker.join("results.xlsx");
        let e = write_workbook(&path, &results, &file, &stamp).unwrap_err();
        assert!(e.to_string().contains(&path.display().to_string()), "{e}");
        let ok = d.join("results.xlsx");
        write_workbook(&ok, &results, &file, &stamp).unwrap();
        assert!(std::fs::read(&ok).unwrap().starts_with(b"PK"));
        let _ = std::fs::remove_dir_all(d);
    }

    #[test]
    fn text_past_the_cell_limit_is_cut() {
        assert_eq!(fit("short"), "short");
        let long = "£".repeat(MAX_CELL_TEXT + 5);
        let cut = fit(&long);
        assert!(cut.encode_utf16().count() <= MAX_CELL_TEXT);
        assert!(cut.ends_with('…'));
    }
}
