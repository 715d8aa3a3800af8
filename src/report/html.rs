//! The report as one self-contained HTML file: caveats, headlines and the summary table, every
//! chart (PNG embedded as a data URI, the same picture as the exported PNG), the assumptions
//! table and the method. The markup is well-formed XML as well as HTML (every element closed,
//! every text escaped), so it can be checked with an XML parser. An A4 print stylesheet keeps
//! figures, table rows and headings from being cut across pages.

use std::fmt::Write as _;

use base64::Engine as _;

use crate::present::budget::block_table;
use crate::present::chart_data::ChartKind;
use crate::present::colours::option_colour;
use crate::present::format::percent;
use crate::present::headline::chart_headline;
use crate::present::summary_table::{self, COLUMNS, GROUPS};
use crate::present::{financial_year, headlines, thousands};

use super::text::{assumption_rows, caveats, is_judgement, judgement_count, method};
use super::{Rendered, ReportInput};

/// Text made safe for HTML element content and attribute values.
///
/// Five characters carry meaning in HTML; replacing them is all escaping is, so no crate is used.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #111; --weak: #555; --rule: #ccc; --band: #f3f3f3; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--ink); padding-bottom: 0.2rem;
     margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
p.description { color: var(--weak); margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.6rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.25rem 0.4rem; text-align: left;
         vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.baseline td { font-weight: bold; }
thead th.group { text-align: center; border-bottom: 1px solid var(--ink); }
table.summary td:first-child { min-width: 9em; }
table.stamp { width: auto; font-size: 0.8rem; }
table.stamp th { font-weight: normal; color: var(--weak); }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px;
          margin-right: 0.35em; vertical-align: -0.05em; }
ul.headlines li { font-size: 1.05rem; margin: 0.3rem 0; }
figure { margin: 1.5rem 0; }
figure img { width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { font-size: 0.95rem; margin-top: 0.3rem; }
figcaption .files { color: var(--weak); font-size: 0.8rem; }
.judgement { font-weight: bold; }
td.source { font-size: 0.95em; }
td.note { font-size: 0.95em; background: #fffbe6; }
footer { margin-top: 3rem; color: var(--weak); font-size: 0.75rem; border-top: 1px solid var(--rule);
         padding-top: 0.5rem; }
@page { size: A4; margin: 15mm 14mm 17mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { break-before: page; page-break-before: always; }
  h2.first { break-before: auto; page-break-before: auto; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  figure, tr, ul.headlines li, table.stamp, table.summary, div.keep { break-inside: avoid;
          page-break-inside: avoid; }
  /* Two charts to a page: 86% of the text width is 157 mm wide and 98 mm high. */
  figure { margin: 0 0 5mm; }
  figure img { width: 86%; display: block; margin: 0 auto; border: none; }
  thead { display: table-header-group; }
  /* Readable on paper: no table below 9 pt. */
  table { font-size: 9pt; }
  table.summary { font-size: 9pt; }
  table.summary th { white-space: normal; }
  ul.verdicts li { font-size: 11pt; }
  /* The first page holds the verdicts, the headlines and what would turn each verdict. */
  #at-a-glance ul.headlines li { font-size: 10pt; margin: 0.12rem 0; }
}
ul.verdicts li { font-size: 1.1rem; margin: 0.35rem 0; }
"#;

/// The running header (the stamp) and the page numbers of the printed report, in the page's
/// margin boxes (CSS Paged Media, which Chrome, Edge and print-to-PDF tools honour).
fn page_style(stamp_line: &str) -> String {
    // A CSS string: quotes and backslashes escaped, nothing that could close the style element.
    let quoted: String = stamp_line
        .chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '<' => vec!['\\', '3', 'c', ' '],
            '&' => vec!['\\', '2', '6', ' '],
            _ => vec![c],
        })
        .collect();
    format!(
        "@page {{ @top-center {{ content: \"{quoted}\"; font-size: 7pt; color: #555; }} \
         @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); \
         font-size: 8pt; color: #555; }} }}"
    )
}

/// The whole report. `rendered` holds the charts, in the order they appear.
pub fn report_html(input: &ReportInput<'_>, rendered: &[Rendered]) -> String {
    let r = input.results;
    let file = input.file;
    let mut h = String::new();
    let title = format!("{} — Care Options report", r.scenario);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n<meta name=\"generator\" content=\"Care Options {}\"/>\n\
         <title>{}</title>\n<style>{STYLE}\n{}</style>\n</head>\n<body>\n",
        esc(env!("CARGO_PKG_VERSION")),
        esc(&title),
        page_style(&input.stamp.line())
    );
    let _ = writeln!(h, "<header>\n<h1>{}</h1>", esc(&r.scenario));
    if !file.description.trim().is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"description\">{}</p>",
            esc(file.description.trim())
        );
    }
    h.push_str("<table class=\"stamp\" id=\"stamp\">\n");
    for (label, value) in input.stamp.parts() {
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            esc(label),
            esc(&value)
        );
    }
    h.push_str("</table>\n</header>\n");

    at_a_glance(&mut h, input);
    caveats_section(&mut h, input);
    summary_section(&mut h, input);
    charts_section(&mut h, input, rendered);
    assumptions_section(&mut h, input);

    h.push_str("<section id=\"method\">\n<h2>5. Method</h2>\n");
    for paragraph in method(file, r) {
        let _ = writeln!(h, "<p>{}</p>", esc(&paragraph));
    }
    h.push_str("</section>\n");
    let _ = writeln!(
        h,
        "<footer>{}<br/>Reproduce: care-options report {} --iterations {} --seed {} --out DIR</footer>",
        esc(&input.stamp.line()),
        esc(match &input.stamp.source {
            crate::present::stamp::Source::File { name, .. } => name.as_str(),
            crate::present::stamp::Source::Unsaved { .. } => "FILE",
        }),
        r.iterations,
        r.seed
    );
    h.push_str("</body>\n</html>\n");
    h
}

fn caveats_section(h: &mut String, input: &ReportInput<'_>) {
    let rows = assumption_rows(input.file);
    let judged: Vec<&super::AssumptionRow> =
        rows.iter().filter(|r| is_judgement(&r.source)).collect();
    h.push_str("<section id=\"caveats\">\n<h2>1. Caveats: read these first</h2>\n<ul>\n");
    for caveat in caveats(input.file, input.results) {
        let _ = writeln!(h, "<li>{}</li>", esc(&caveat));
    }
    h.push_str("</ul>\n");
    let _ = writeln!(
        h,
        "<h3>Inputs that rest on judgement</h3>\n<p>{} of the {} uncertain inputs have no \
         published figure behind them and are judgement (marked <span class=\"judgement\">\
         Judgement</span> in the assumptions table, section 4). Every range is judgement, even \
         where its centre is a published figure.</p>",
        judgement_count(&rows),
        rows.len()
    );
    // Judgement inputs by name, each once even when every option has it.
    let mut names: Vec<String> = Vec::new();
    for row in judged {
        let name = match row.group.strip_prefix("Option: ") {
            Some(_) => format!("{} (options)", row.label),
            None => row.label.clone(),
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let _ = writeln!(h, "<p>{}.</p>", esc(&names.join("; ")));
    h.push_str("</section>\n");
}

/// A number cell that carries the exact figure behind what it shows, so the report can be
/// checked against results.json.
fn num(h: &mut String, option: &str, field: &str, value: f64, shown: &str) {
    let _ = write!(
        h,
        "<td class=\"num\" data-option=\"{}\" data-field=\"{field}\" data-value=\"{value}\">{}</td>",
        esc(option),
        esc(shown)
    );
}

/// The first page's verdicts: for each option, its net present cost and, against the baseline,
/// how often it is cheaper and by how much on average, and how often quality is at risk; then
/// the headline sentences. For a reader who reads one page.
fn at_a_glance(h: &mut String, input: &ReportInput<'_>) {
    let r = input.results;
    let column = |field: &str| COLUMNS.iter().position(|c| c.field == field);
    let text = |row: &summary_table::Row, field: &str| {
        column(field)
            .and_then(|i| row.cells.get(i))
            .map_or_else(String::new, |c| c.text.clone())
    };
    h.push_str(
        "<section id=\"at-a-glance\">\n<h2 class=\"first\">At a glance</h2>\n<ul class=\"verdicts\">\n",
    );
    for row in summary_table::rows(r) {
        let cost = format!(
            "net present cost £{}m (P10 £{}m, P90 £{}m)",
            text(&row, "npc.p50"),
            text(&row, "npc.p10"),
            text(&row, "npc.p90")
        );
        let against = if row.is_baseline {
            "the baseline the others are set against".to_string()
        } else {
            format!(
                "cheaper than {} in {} of futures; mean difference £{}m (negative: a saving)",
                r.baseline_option,
                text(&row, "p_cheaper"),
                text(&row, "npc_vs_baseline.mean")
            )
        };
        let _ = writeln!(
            h,
            "<li><strong>{}</strong>: {}; {}; quality at risk in {} of futures.</li>",
            esc(&row.name),
            esc(&cost),
            esc(&against),
            esc(&text(&row, "p_quality_at_risk"))
        );
    }
    h.push_str("</ul>\n<ul class=\"headlines\">\n");
    for line in headlines(r) {
        let _ = writeln!(h, "<li>{}</li>", esc(&line));
    }
    h.push_str("</ul>\n");
    // What would turn each verdict, where the run has switching values: the key assumptions a
    // cabinet should test, on the first page.
    let turns: Vec<String> = r
        .options
        .iter()
        .filter_map(|o| crate::present::switching::switching_sentence(r, o, input.file))
        .collect();
    if !turns.is_empty() {
        h.push_str("<p><strong>What would turn each verdict</strong> (section 2):</p>\n<ul class=\"headlines\">\n");
        for line in turns {
            let _ = writeln!(h, "<li>{}</li>", esc(&line));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

fn summary_section(h: &mut String, input: &ReportInput<'_>) {
    let r = input.results;
    h.push_str(
        "<section id=\"summary\">\n<h2>2. Headlines and summary</h2>\n<ul class=\"headlines\">\n",
    );
    for line in headlines(r) {
        let _ = writeln!(h, "<li>{}</li>", esc(&line));
    }
    h.push_str("</ul>\n");
    let last = r.start_year + r.horizon_years as i32 - 1;
    let _ = writeln!(
        h,
        "<p>Net present cost (NPC) over {} to {}, £m at {} prices, discounted at {:.1}% a year \
         real. Quality: workforce-driven index 0–100, averaged over the years and the futures. \
         Chances are shares of {} simulated futures.{}</p>",
        financial_year(r.start_year),
        financial_year(last),
        financial_year(r.start_year),
        input.file.appraisal.discount_rate * 100.0,
        thousands(r.iterations),
        crate::present::summary_table::precision_sentence(r)
            .map_or(String::new(), |p| format!(" {}", esc(&p)))
    );
    h.push_str("<table class=\"summary\" id=\"summary-table\">\n<thead>\n<tr><th></th>");
    for g in GROUPS {
        let _ = write!(
            h,
            "<th class=\"group\" colspan=\"{}\">{}</th>",
            g.span,
            esc(g.title)
        );
    }
    h.push_str("</tr>\n<tr><th>Option</th>");
    for c in COLUMNS {
        let _ = write!(h, "<th class=\"num\">{}</th>", esc(c.title));
    }
    h.push_str("</tr>\n</thead>\n<tbody>\n");
    for (i, (o, row)) in r.options.iter().zip(summary_table::rows(r)).enumerate() {
        summary_row(h, i, &o.name, &row);
    }
    h.push_str("</tbody>\n</table>\n");
    budget_tables(h, input);
    outcome_tables(h, input);
    tail_drivers(h, input);
    switching_tables(h, input);
    h.push_str("</section>\n");
}

/// For a whole-budget run: the first year's cost by block, and each contract's figures.
fn budget_tables(h: &mut String, input: &ReportInput<'_>) {
    let r = input.results;
    if let Some(table) = block_table(input.file, r, 0) {
        // Heading, note and table on one page: a short table that never leaves its heading.
        let _ = writeln!(
            h,
            "<div class=\"keep\"><h3>Cost in {} by block</h3>\n<p>£m nominal, mean over the futures. Social-work \
             teams and placements stand for the RO3 safeguarding, residential and fostering \
             lines; each other block for the RO3 line it names.</p>",
            financial_year(table.year)
        );
        h.push_str("<table class=\"summary\" id=\"block-table\">\n<thead><tr><th>Block</th>");
        for o in &table.options {
            let _ = write!(h, "<th class=\"num\">{}</th>", esc(o));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            let _ = write!(h, "<tr><td>{}</td>", esc(&row.name));
            for v in &row.values {
                let _ = write!(h, "<td class=\"num\">{:.1}</td>", v / 1e6);
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n</div>\n");
    }
    let contracted: Vec<_> = r.options.iter().filter(|o| o.contract.is_some()).collect();
    if contracted.is_empty() {
        return;
    }
    h.push_str(
        "<h3>Contracts</h3>\n<p>Each outsourced option's contract over the horizon: how often \
         the provider overspends its sum, what comes back to the council, and how often the \
         service comes back in-house (docs/MODEL.md §8).</p>\n",
    );
    h.push_str(
        "<table class=\"summary\" id=\"contract-table\">\n<thead><tr><th>Option</th>\
         <th class=\"num\">P(overspend &gt;1% in some year)</th>\
         <th class=\"num\">P(overspend &gt;5% in some year)</th>\
         <th class=\"num\">First-year overspend, P10 / P50 / P90 of the sum</th>\
         <th class=\"num\">Mean borne by the council (£m, nominal, all years)</th>\
         <th class=\"num\">P(back in-house)</th></tr></thead>\n<tbody>\n",
    );
    for o in &contracted {
        let Some(c) = &o.contract else { continue };
        let f = &c.first_year_overspend_share;
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{} / {} / {}</td><td class=\"num\">{:.1}</td>\
             <td class=\"num\">{}</td></tr>",
            esc(&o.name),
            percent(c.p_overspend_any_year),
            percent(c.p_overspend_over_5pct_any_year),
            signed_percent(f.p10),
            signed_percent(f.p50),
            signed_percent(f.p90),
            c.mean_returned_total / 1e6,
            percent(c.p_return_in_house)
        );
    }
    h.push_str("</tbody>\n</table>\n");
    // Year by year: the sum, the provider's cost and the settlement.
    for o in &contracted {
        let _ = writeln!(
            h,
            "<div class=\"keep\"><h4>{}: the contract year by year</h4>\n<table class=\"summary\">\n<thead><tr>\
             <th>Year</th><th class=\"num\">Contract sum (£m)</th>\
             <th class=\"num\">Provider cost (£m)</th><th class=\"num\">Overspend (£m)</th>\
             <th class=\"num\">Borne by the council (£m)</th>\
             <th class=\"num\">Provider reserves (£m)</th>\
             <th class=\"num\">P(back in-house by then)</th></tr></thead>\n<tbody>",
            esc(&o.name)
        );
        for y in &o.years {
            let Some(c) = &y.contract else { continue };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"num\">{:.1}</td><td class=\"num\">{:.1}</td>\
                 <td class=\"num\">{:.1}</td><td class=\"num\">{:.1}</td>\
                 <td class=\"num\">{:.1}</td><td class=\"num\">{}</td></tr>",
                financial_year(y.year),
                c.contract_sum / 1e6,
                c.provider_cost / 1e6,
                c.overspend / 1e6,
                c.returned_to_council / 1e6,
                c.provider_reserves / 1e6,
                percent(c.p_in_house)
            );
        }
        h.push_str("</tbody>\n</table>\n</div>\n");
    }
}

/// A share with its sign: `+7.1%`, `−2.0%`.
fn signed_percent(share: f64) -> String {
    let p = share * 100.0;
    if p < 0.0 {
        format!("−{:.1}%", -p)
    } else {
        format!("+{p:.1}%")
    }
}

/// Each option against the baseline, two by two (cheaper or not, higher quality or not), as
/// shares of futures; the "cheaper" and "higher quality" cell is P(cheaper and better).
fn outcome_tables(h: &mut String, input: &ReportInput<'_>) {
    use crate::present::outcomes::{COLUMNS, ROWS, outcomes};
    use crate::present::percent;
    let r = input.results;
    for (o, option) in r.options.iter().enumerate() {
        let Some(table) = outcomes(r, o) else {
            continue;
        };
        let _ = writeln!(
            h,
            "<table class=\"outcomes\"><caption>{} against {}: share of futures</caption>\n\
             <thead><tr><th></th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>",
            esc(&option.name),
            esc(&r.baseline_option),
            esc(COLUMNS[0]),
            esc(COLUMNS[1])
        );
        for (row, cells) in ROWS.iter().zip(table.cells()) {
            let _ = writeln!(
                h,
                "<tr><th>{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(row),
                esc(&percent(cells[0])),
                esc(&percent(cells[1]))
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
}

/// What stands apart in each option's costliest tenth of futures, one sentence per option.
fn tail_drivers(h: &mut String, input: &ReportInput<'_>) {
    use crate::present::switching::{TAIL_HEADING, tail_sentences};
    let sentences = tail_sentences(input.results, input.file);
    if sentences.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<h3 id=\"tail\">{}</h3>\n<p>Each input's mean in the option's costliest tenth of \
         futures (against the baseline; the baseline's own by its net present cost), and in \
         brackets over all futures: the inputs that stand furthest apart, in their own spread, \
         first.</p>",
        esc(TAIL_HEADING)
    );
    for sentence in sentences {
        let _ = writeln!(h, "<p>{}</p>", esc(&sentence));
    }
}

/// What would change each verdict: each option's sentence and its switching-value table, when
/// the run has them.
fn switching_tables(h: &mut String, input: &ReportInput<'_>) {
    use crate::present::switching::{SWITCHING_HEADINGS, switching_rows, switching_sentence};
    let r = input.results;
    if r.switching_values.is_none() {
        return;
    }
    let _ = writeln!(
        h,
        "<h3 id=\"switching\">What would change the verdict: switching values</h3>\n<p>For each \
         option and the ten inputs that move its difference from {} most, the value the input \
         (its distribution's mean) would need for the mean difference in net present cost to be \
         zero, and for the option to cost less in 50% of futures. Found by running the same \
         futures again with only that input's distribution moved, its shape kept. \"None\" \
         means no value within the range shown turns the verdict. Most fragile first: the \
         fewest widths of the input's own P10–P90 away from the file's value.</p>",
        esc(&r.baseline_option)
    );
    for option in &r.options {
        let Some(sentence) = switching_sentence(r, option, input.file) else {
            continue;
        };
        let _ = writeln!(
            h,
            "<p class=\"switching-sentence\"><strong>{}</strong></p>",
            esc(&sentence)
        );
        h.push_str("<table class=\"switching\">\n<thead><tr>");
        for heading in SWITCHING_HEADINGS {
            let _ = write!(h, "<th>{}</th>", esc(heading));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for row in switching_rows(r, &option.name, input.file) {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&row.input),
                esc(&row.assumed),
                esc(&row.p10_p90),
                esc(&row.zero_mean),
                esc(&row.even_chance),
                row.inside
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
}

fn summary_row(h: &mut String, index: usize, option: &str, row: &summary_table::Row) {
    let _ = write!(
        h,
        "<tr{}><td><span class=\"swatch\" style=\"background:{}\"></span>{}</td>",
        if row.is_baseline {
            " class=\"baseline\""
        } else {
            ""
        },
        option_colour(index).hex(),
        esc(&row.name),
    );
    for (column, cell) in COLUMNS.iter().zip(&row.cells) {
        match cell.value {
            Some(value) => num(h, option, column.field, value, &cell.text),
            None => {
                let _ = write!(h, "<td class=\"num\">{}</td>", esc(&cell.text));
            }
        }
    }
    h.push_str("</tr>\n");
}

fn charts_section(h: &mut String, input: &ReportInput<'_>, rendered: &[Rendered]) {
    let r = input.results;
    h.push_str("<section id=\"charts\">\n<h2>3. Charts</h2>\n");
    for (k, chart) in rendered.iter().enumerate() {
        let c = &chart.chart;
        let mut title = c.kind.title(r);
        if c.kind == ChartKind::Tornado
            && let Some(o) = r.options.get(c.tornado_option)
        {
            title = format!("{title}: {}", o.name);
        }
        let sentence = chart_headline(
            c.kind,
            r,
            input.file.appraisal.quality_threshold,
            c.tornado_option,
        );
        let data = base64::engine::general_purpose::STANDARD.encode(&chart.png);
        let _ = writeln!(
            h,
            "<figure id=\"chart-{}\">\n<img src=\"data:image/png;base64,{data}\" width=\"1600\" \
             height=\"1000\" alt=\"{}\"/>\n<figcaption><strong>Figure {}. {}.</strong> {} \
             <span class=\"files\">({}.png, {}.svg)</span></figcaption>\n</figure>",
            esc(&c.stem),
            esc(&format!("{title}. {sentence}")),
            k + 1,
            esc(&title),
            esc(&sentence),
            esc(&c.stem),
            esc(&c.stem)
        );
    }
    h.push_str("</section>\n");
}

fn assumptions_section(h: &mut String, input: &ReportInput<'_>) {
    let file = input.file;
    let rows = assumption_rows(file);
    // The scenario's own notes on inputs (the file's `notes` map) get a column when there are any.
    let with_notes = rows.iter().any(|r| r.note.is_some());
    h.push_str(
        "<section id=\"assumptions\">\n<h2>4. Assumptions</h2>\n<p>Every uncertain input, as \
         the scenario file gives it. P10–P90 is the range the distribution implies: 10% of draws \
         fall below the first figure and 10% above the second. Source: where the default value \
         comes from (DATA.md), or that it is judgement. A scenario's own values may differ from \
         the defaults the source describes.</p>\n",
    );
    let mut group = String::new();
    for row in &rows {
        if row.group != group {
            if !group.is_empty() {
                h.push_str("</tbody>\n</table>\n");
            }
            group = row.group.clone();
            let _ = writeln!(
                h,
                "<h3>{}</h3>\n<table class=\"assumptions\">\n<thead><tr><th>Input</th>\
                 <th>Distribution</th><th class=\"num\">P10–P90</th><th>Source or judgement</th>{}\
                 </tr></thead>\n<tbody>",
                esc(&group),
                if with_notes {
                    "<th>Note in the scenario</th>"
                } else {
                    ""
                }
            );
        }
        let source = if is_judgement(&row.source) {
            format!(
                "<span class=\"judgement\">Judgement</span>{}",
                esc(row.source.trim_start_matches("Judgement"))
            )
        } else {
            esc(&row.source)
        };
        let _ = write!(
            h,
            "<tr data-path=\"{}\"><td>{}</td><td>{}</td><td class=\"num\">{}</td>\
             <td class=\"source\">{source}</td>",
            esc(&row.path),
            esc(&row.label),
            esc(&row.distribution),
            esc(&row.implied)
        );
        if with_notes {
            let _ = write!(
                h,
                "<td class=\"note\">{}</td>",
                esc(row.note.as_deref().unwrap_or(""))
            );
        }
        h.push_str("</tr>\n");
    }
    if !group.is_empty() {
        h.push_str("</tbody>\n</table>\n");
    }
    fixed_settings(h, input);
    if crate::present::sources::cites_public_statistics(file) {
        let _ = writeln!(
            h,
            "<p class=\"licence\">{}</p>",
            esc(crate::present::sources::OPEN_GOVERNMENT_LICENCE)
        );
    }
    h.push_str("</section>\n");
}

/// The settings that are plain numbers rather than distributions.
fn fixed_settings(h: &mut String, input: &ReportInput<'_>) {
    let file = input.file;
    let a = &file.appraisal;
    let q = &file.quality;
    let mut rows: Vec<(String, String)> = vec![
        (
            "Start".to_string(),
            format!(
                "{} for {} years",
                financial_year(file.start_year),
                file.horizon_years
            ),
        ),
        (
            "Discount rate (real)".to_string(),
            format!("{:.1}% a year (Green Book)", a.discount_rate * 100.0),
        ),
        ("Baseline option".to_string(), a.baseline_option.clone()),
        (
            "Quality threshold".to_string(),
            format!("{:.0} points", a.quality_threshold),
        ),
        (
            "Quality weights".to_string(),
            format!(
                "caseload {:.0}%, stability {:.0}%, agency {:.0}%, experience {:.0}%",
                q.weights.caseload * 100.0,
                q.weights.stability * 100.0,
                q.weights.agency * 100.0,
                q.weights.experience * 100.0
            ),
        ),
        (
            "Quality scores reach zero at".to_string(),
            format!(
                "caseload {}× the reference, turnover {:.0}%, agency share {:.0}%, new-starter \
                 share {:.0}%",
                q.caseload_zero_at,
                q.turnover_zero_at * 100.0,
                q.agency_zero_at * 100.0,
                q.new_starter_zero_at * 100.0
            ),
        ),
    ];
    for p in &file.placements.mix {
        rows.push((
            format!("Placement share: {}", p.name),
            format!("{:.1}% of looked-after children", p.share * 100.0),
        ));
    }
    for o in &file.options {
        rows.push((
            format!("Contract length: {}", o.name),
            if o.contract_years == 0 {
                "never re-let".to_string()
            } else {
                format!("{} years", o.contract_years)
            },
        ));
    }
    h.push_str(
        "<h3>Fixed settings</h3>\n<table class=\"assumptions\">\n<thead><tr><th>Setting</th>\
         <th>Value</th></tr></thead>\n<tbody>\n",
    );
    for (label, value) in rows {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&label),
            esc(&value)
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_header_is_a_safe_css_string_and_pages_are_numbered() {
        let css = page_style("A \"quoted\" & <odd> name \\ here");
        assert!(
            css.contains("counter(page)") && css.contains("counter(pages)"),
            "{css}"
        );
        assert!(
            css.contains(r#"A \"quoted\" \26  \3c odd> name \\ here"#),
            "{css}"
        );
        assert!(!css.contains('<') && !css.contains('&'), "{css}");
    }

    #[test]
    fn printed_tables_are_at_least_9_points() {
        for size in STYLE.split("font-size:").skip(1) {
            let value = size.trim_start().split(';').next().unwrap_or_default();
            if let Some(points) = value.strip_suffix("pt") {
                let points: f64 = points.trim().parse().unwrap();
                assert!(points >= 9.0, "{value}");
            }
        }
    }

    #[test]
    fn escaping_covers_markup_characters() {
        assert_eq!(
            esc(r#"<b> & "quotes" 'here'"#),
            "&lt;b&gt; &amp; &quot;quotes&quot; &#39;here&#39;"
        );
        assert_eq!(esc("Children’s £m"), "Children’s £m");
    }
}
