//! Reports and exported charts: `report` writes every file, its numbers match the JSON, the stamp
//! follows the file, and every chart draws even for degenerate results.

use super::*;
use crate::hand_worked::FIXED;

/// An exported PNG must be at least this wide (the promise in the README).
const MIN_EXPORT_WIDTH: u32 = 1600;

/// Decodes a PNG and checks it is wide enough and not blank: a chart has a white background,
/// coloured data and dark text, so it holds many colours and a fair share of non-white pixels.
fn assert_real_chart_png(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let image = image::load_from_memory(&bytes)
        .unwrap_or_else(|e| panic!("{} does not decode: {e}", path.display()))
        .to_rgb8();
    assert!(
        image.width() >= MIN_EXPORT_WIDTH,
        "{} is {} px wide",
        path.display(),
        image.width()
    );
    let corner = image.get_pixel(0, 0);
    assert_eq!(
        corner.0,
        [255, 255, 255],
        "{}: background not white",
        path.display()
    );
    let mut colours = std::collections::HashSet::new();
    let mut inked = 0usize;
    for p in image.pixels() {
        colours.insert(p.0);
        if p.0 != [255, 255, 255] {
            inked += 1;
        }
    }
    let share = inked as f64 / (image.width() * image.height()) as f64;
    assert!(
        colours.len() > 50,
        "{}: only {} colours",
        path.display(),
        colours.len()
    );
    assert!(
        share > 0.02,
        "{}: only {:.1}% of pixels are not white",
        path.display(),
        share * 100.0
    );
}

/// Parses an SVG and checks it is a drawing with a title and the stamp in it.
fn assert_real_chart_svg(path: &Path, stamp_fragment: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{} is not well-formed XML: {e}", path.display()));
    assert_eq!(
        doc.root_element().tag_name().name(),
        "svg",
        "{}",
        path.display()
    );
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    assert!(
        texts.len() > 10,
        "{}: {} text elements",
        path.display(),
        texts.len()
    );
    assert!(
        texts.iter().any(|t| t.contains(stamp_fragment)),
        "{}: no stamp containing {stamp_fragment}",
        path.display()
    );
}

/// The JSON number at `field` ("npc.p50", "p_cheaper") of the option named `option`.
fn json_figure(json: &serde_json::Value, option: &str, field: &str) -> Option<f64> {
    let o = json["options"]
        .as_array()?
        .iter()
        .find(|o| o["name"] == option)?;
    if field == "mean_quality" {
        // The mean of the yearly means, as the summary table shows it.
        let years = o["years"].as_array()?;
        let sum: f64 = years
            .iter()
            .filter_map(|y| y["quality_mean"].as_f64())
            .sum();
        return Some(sum / years.len() as f64);
    }
    field
        .split('.')
        .try_fold(o, |v, key| v.get(key))
        .and_then(|v| v.as_f64())
}

#[test]
fn cli_report_writes_every_file_and_its_numbers_match_the_json() {
    let dir = temp_dir("report");
    // A copy of the default scenario with a note on one input: the report must show it.
    let mut file = default_file();
    let note = "Agreed with the finance business partner, March 2026 <checked>";
    file.notes
        .insert("workforce.agency_premium".to_string(), note.to_string());
    let scenario = dir.join("colleague.ron");
    std::fs::write(&scenario, scenario_to_ron(&file).unwrap()).unwrap();
    let out_dir = dir.join("out");
    let Ran { stdout, .. } = run_ok(
        exe()
            .arg("report")
            .arg(&scenario)
            .arg("--out")
            .arg(&out_dir)
            // Switching values have a test of their own, at fewer iterations.
            .args(["--iterations", "400", "--seed", "7", "--no-switching"]),
    );
    let hash = care_options::present::stamp::short_hash(care_options::io::content_hash(
        &std::fs::read(&scenario).unwrap(),
    ));
    assert!(
        stdout.contains(&format!("colleague.ron, SHA-256 {hash}")),
        "{stdout}"
    );

    // Every promised file is there.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("results.json")).unwrap())
            .unwrap();
    assert_eq!(json["iterations"], 400);
    assert_eq!(json["seed"], 7);
    let baseline = json["baseline_option"].as_str().unwrap().to_string();
    let mut stems: Vec<String> = care_options::present::chart_data::ChartKind::ALL
        .iter()
        .filter(|k| **k != care_options::present::chart_data::ChartKind::Tornado)
        .map(|k| k.file_stem().to_string())
        .collect();
    for o in json["options"].as_array().unwrap() {
        let name = o["name"].as_str().unwrap();
        if name != baseline {
            stems.push(format!(
                "sensitivity-{}",
                care_options::present::format::slug(name, "option")
            ));
        }
    }
    // Nine charts besides the tornado (the default's trust and company run under contracts, so
    // the budget-risk chart is one), and a tornado for each option but the baseline.
    assert_eq!(stems.len(), 11);
    for stem in &stems {
        assert_real_chart_png(&out_dir.join(format!("{stem}.png")));
        assert_real_chart_svg(&out_dir.join(format!("{stem}.svg")), &hash);
    }
    for name in ["report.html", "summary.csv", "years.csv"] {
        assert!(out_dir.join(name).is_file(), "{name} missing");
    }
    let summary = std::fs::read_to_string(out_dir.join("summary.csv")).unwrap();
    assert_eq!(
        summary.lines().count(),
        1 + json["options"].as_array().unwrap().len()
    );

    // The report is well-formed (XHTML), in the promised order, and its numbers are the JSON's.
    let html = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
    // `<!DOCTYPE html>` is a DTD to an XML parser: allow it.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&html, options)
        .expect("report.html is well-formed");
    // Its notes cite DfE and MHCLG figures: the attribution their licence asks for.
    assert!(html.contains(
        "Contains public sector information licensed under the Open Government Licence v3.0"
    ));
    let sections: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("section"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert_eq!(
        sections,
        [
            "at-a-glance",
            "caveats",
            "summary",
            "charts",
            "assumptions",
            "method"
        ]
    );
    // The first page: a verdict per option, before anything else.
    let verdicts = doc
        .descendants()
        .filter(|n| n.has_tag_name("ul") && n.attribute("class") == Some("verdicts"))
        .flat_map(|ul| ul.children().filter(|c| c.has_tag_name("li")))
        .count();
    assert_eq!(verdicts, json["options"].as_array().unwrap().len());
    // Printed: page numbers and the stamp as a running header.
    assert!(html.contains("counter(page)") && html.contains("@top-center"));
    let images: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("img"))
        .collect();
    assert_eq!(images.len(), stems.len());
    for img in &images {
        let src = img.attribute("src").unwrap();
        assert!(src.starts_with("data:image/png;base64,"), "not embedded");
    }
    let mut checked = 0;
    for cell in doc
        .descendants()
        .filter(|n| n.has_tag_name("td") && n.attribute("data-field").is_some())
    {
        let option = cell.attribute("data-option").unwrap();
        let field = cell.attribute("data-field").unwrap();
        let value: f64 = cell.attribute("data-value").unwrap().parse().unwrap();
        let expected = json_figure(&json, option, field)
            .unwrap_or_else(|| panic!("{option} {field} not in the JSON"));
        assert!(
            (value - expected).abs() <= 1e-9 * expected.abs().max(1.0),
            "{option} {field}: report {value}, JSON {expected}"
        );
        // What is shown is the same figure, rounded.
        let shown = cell.text().unwrap().replace('−', "-").replace('+', "");
        if field.starts_with("npc") {
            let shown: f64 = shown.parse().unwrap();
            assert!(
                (shown - expected / 1e6).abs() <= 0.05 + 1e-9,
                "{option} {field}"
            );
        }
        checked += 1;
    }
    // Three options: four NPC cells each, four vs-baseline cells for two, three chances each.
    assert!(
        checked >= 3 * 4 + 2 * 4 + 3 * 2,
        "only {checked} figures checked"
    );
    // Every uncertain input has a row, with its note where the file has one.
    let rows = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.attribute("data-path").is_some())
        .count();
    assert_eq!(
        rows,
        care_options::report::assumption_rows(&file).len(),
        "assumption rows"
    );
    assert!(html.contains("Agreed with the finance business partner, March 2026 &lt;checked&gt;"));
    assert!(html.contains("@media print") && html.contains("size: A4"));
}

#[test]
fn the_stamp_hash_changes_when_the_file_changes() {
    use care_options::io::content_hash;
    use care_options::present::stamp::Source;
    use care_options::report::stamp::source;
    let dir = temp_dir("stamp");
    let path = dir.join("scenario.ron");
    let text = scenario_to_ron(&default_file()).unwrap();
    std::fs::write(&path, &text).unwrap();
    let file = parse_scenario(&text).unwrap();
    let before = source(Some(&path), &file);
    assert_eq!(
        before,
        Source::file("scenario.ron", content_hash(text.as_bytes()))
    );
    // A comment changes the file but not the scenario: the stamp still follows the file.
    let edited = format!("// Reviewed by the section 151 officer.\n{text}");
    std::fs::write(&path, &edited).unwrap();
    let after = source(Some(&path), &file);
    assert!(matches!(after, Source::File { .. }));
    assert_ne!(before.hash(), after.hash());
    // A change in the window that is not saved: the stamp says so and hashes the scenario.
    let mut changed = file.clone();
    changed.simulation.seed += 1;
    let unsaved = source(Some(&path), &changed);
    assert!(
        matches!(&unsaved, Source::Unsaved { name: Some(n), .. } if n == "scenario.ron"),
        "{unsaved:?}"
    );
    assert!(unsaved.describe().contains("unsaved"));
    assert_ne!(unsaved.hash(), after.hash());
}

/// Degenerate results (every input fixed; a single option) still draw every chart.
#[test]
fn every_chart_draws_for_a_fixed_scenario_and_a_single_option() {
    use care_options::present::chart_data::{ChartData, ChartKind};
    use care_options::render::{ChartSource, png, svg};
    use care_options::report::stamp::stamp;
    let fixed = parse_scenario(FIXED).unwrap();
    let mut single = default_file();
    single.options.truncate(1);
    single.appraisal.baseline_option = single.options[0].name.clone();
    for file in [fixed, single] {
        let results = run_file(&file, 50, 3);
        let data = ChartData::new(&results);
        let stamp = stamp(&results, None, &file, std::time::SystemTime::now());
        let source = ChartSource {
            results: &results,
            data: &data,
            threshold: file.appraisal.quality_threshold,
            tornado_option: 0,
            stamp: &stamp,
        };
        for kind in ChartKind::ALL {
            let bytes =
                png(kind, &source, (1600, 1000)).unwrap_or_else(|e| panic!("{}: {e}", file.name));
            let image = image::load_from_memory(&bytes).unwrap();
            assert_eq!(image.width(), 1600);
            let text = svg(kind, &source, (1600, 1000)).unwrap();
            roxmltree::Document::parse(&text).unwrap();
        }
    }
}
