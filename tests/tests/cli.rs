//! The real executable: `run`, `validate` and their exit codes, a reader that stops early, runs
//! refused for memory or iterations, broken files, and format versions.

use super::*;
use crate::bad_input::parse_error;

#[test]
fn cli_run_prints_a_summary_and_writes_json_with_every_key() {
    let dir = temp_dir("run");
    let json = dir.join("out.json");
    let csv = dir.join("out.csv");
    let Ran { stdout, .. } = run_ok(
        exe()
            .args(["run", "scenarios/default.ron"])
            // Switching values have a test of their own, at fewer iterations.
            .args(["--iterations", "2000", "--seed", "5", "--no-switching"])
            .arg("--json")
            .arg(&json)
            .arg("--csv")
            .arg(&csv),
    );
    assert!(stdout.contains("Community interest company"));
    // The summary table, as the window and the report lay it out.
    for column in care_options::present::summary_table::COLUMNS {
        assert!(stdout.contains(column.title), "{}: {stdout}", column.title);
    }
    assert!(stdout.contains("2,000 iterations, seed 5"));

    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    for key in [
        "scenario",
        "iterations",
        "seed",
        "start_year",
        "horizon_years",
        "baseline_option",
        "options",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let option = &v["options"][1];
    for key in [
        "name",
        "kind",
        "npc",
        "npc_vs_baseline",
        "p_cheaper",
        "p_quality_at_risk",
        "p_cheaper_and_better",
        "years",
        "sensitivity",
        "clamped",
    ] {
        assert!(option.get(key).is_some(), "missing options[].{key}");
    }
    for key in ["mean", "sd", "p5", "p10", "p25", "p50", "p75", "p90", "p95"] {
        assert!(option["npc"].get(key).is_some() && option["npc_vs_baseline"].get(key).is_some());
    }
    let year = &option["years"][0];
    for key in [
        "year",
        "cost_mean",
        "cost_p10",
        "cost_p50",
        "cost_p90",
        "quality_mean",
        "quality_p10",
        "quality_p50",
        "quality_p90",
        "permanent_fte",
        "agency_fte",
        "uncovered_fte",
        "lines",
    ] {
        assert!(year.get(key).is_some(), "missing years[].{key}");
    }
    for line in CostLine::ALL {
        assert!(
            year["lines"].get(line.key()).is_some(),
            "missing line {}",
            line.key()
        );
    }
    assert_eq!(option["kind"], "Trust");
    let s = &option["sensitivity"][0];
    assert!(
        s.get("input").is_some() && s.get("npc").is_some() && s.get("npc_vs_baseline").is_some()
    );
    assert!(
        option["clamped"]
            .as_object()
            .unwrap()
            .contains_key("options[Children's trust].setup_cost")
    );

    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(csv_text.lines().count(), 1 + 3 * 10);
    // After the byte-order mark that tells spreadsheets the file is UTF-8.
    assert!(csv_text.starts_with("\u{feff}option,kind,year,financial_year,cost_mean_gbp"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_run_into_a_reader_that_stopped_still_writes_its_files_and_succeeds() {
    // `care-options run … | head`: the reader is gone before the summary is printed.
    let dir = temp_dir("closed-stdout");
    let json = dir.join("out.json");
    let _ = std::fs::remove_file(&json);
    let mut child = exe()
        .args([
            "run",
            "scenarios/default.ron",
            "--iterations",
            "2000",
            "--no-switching",
        ])
        .arg("--json")
        .arg(&json)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(!stderr.contains("internal error"), "{stderr}");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(written["iterations"], 2000);
}

#[test]
fn cli_refuses_a_run_that_would_not_fit_in_memory_and_gives_the_estimate() {
    use care_options::model::MemoryEstimate;
    // 30 years and 400 options: about 200 GB at a million iterations.
    let mut file = default_file();
    file.horizon_years = 30;
    let template = file.options[0].clone();
    file.options = (0..400)
        .map(|i| {
            let mut o = template.clone();
            o.name = format!("Option {i}");
            o.id = Some(format!("option-{i}"));
            o
        })
        .collect();
    file.appraisal.baseline_option = "Option 0".to_string();
    let scenario = validate(&file).unwrap();
    let needed = MemoryEstimate::of(&scenario).bytes(1_000_000);
    let Some(available) = care_options::io::machine::available_memory() else {
        eprintln!("this system does not say how much memory is available: nothing to refuse");
        return;
    };
    if needed <= available {
        eprintln!("{needed} bytes fit in the {available} available here: nothing to refuse");
        return;
    }
    let dir = temp_dir("memory");
    let path = dir.join("huge.ron");
    std::fs::write(&path, scenario_to_ron(&file).unwrap()).unwrap();
    let Ran { stdout, stderr, .. } = run_exit(
        exe()
            .arg("run")
            .arg(&path)
            .args(["--iterations", "1000000"]),
        4,
    );
    assert!(
        stderr.contains("a run of 1,000,000 iterations of this scenario needs about")
            && stderr.contains(" GB of memory")
            && stderr.contains("not started"),
        "{stderr}"
    );
    assert!(stdout.is_empty());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_refuses_more_than_a_million_iterations_naming_the_limit() {
    let Ran { stderr, .. } = run_exit(
        exe().args(["run", "scenarios/default.ron", "--iterations", "1000001"]),
        // A wrong argument, like every other (README: exit 2).
        2,
    );
    assert!(
        stderr.contains("1000001 iterations is outside 1…1000000"),
        "{stderr}"
    );
}

#[test]
fn a_mistyped_command_is_named_and_never_opens_the_window() {
    let Ran { stderr, .. } = run_exit(exe().args(["rnu", "scenarios/default.ron"]), 2);
    assert!(
        stderr.contains("`rnu` is neither a command nor a scenario file. Did you mean `run`?")
            && stderr.contains("report"),
        "{stderr}"
    );
    // A word far from every command is named without a guess.
    let Ran { stderr, .. } = run_exit(exe().args(["budget"]), 2);
    assert!(
        stderr.contains("`budget` is neither") && !stderr.contains("Did you mean"),
        "{stderr}"
    );
}

#[test]
fn cli_validate_reports_file_line_column_path_and_rule() {
    let dir = temp_dir("validate");
    let bad = dir.join("bad.ron");
    let text = care_options::DEFAULT_SCENARIO.replacen(
        "annual_turnover: Pert(min: 0.08, mode: 0.14, max: 0.28)",
        "annual_turnover: Pert(min: 0.3, mode: 0.14, max: 0.28)",
        1,
    );
    std::fs::write(&bad, &text).unwrap();
    let Ran { stderr, .. } = run_exit(exe().arg("validate").arg(&bad), 1);
    let line = text
        .lines()
        .position(|l| l.contains("min: 0.3, mode: 0.14"))
        .unwrap()
        + 1;
    let expected = format!(
        "{}:{line}:13: options[Children's trust].annual_turnover: min 0.3 is above mode 0.14",
        bad.display()
    );
    assert!(stderr.contains(&expected), "{stderr}\nexpected {expected}");

    run_ok(exe().args(["validate", "scenarios/default.ron"]));
    run_exit(exe().arg("validate").arg(dir.join("missing.ron")), 2);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_never_panics_on_broken_files() {
    let dir = temp_dir("broken");
    let text = care_options::DEFAULT_SCENARIO;
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        text.as_bytes()[..text.len() / 2].to_vec(),
        vec![0xff, 0xfe, 0x00, 0x41, 0x80, 0x81],
        b"(format_version: 1)".to_vec(),
        text.replace("10000", "-5").into_bytes(),
        text.replace("horizon_years: 10", "horizon_years: 99999999999999999999")
            .into_bytes(),
    ];
    let mut state = 99u64;
    cases.push(
        (0..2000)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                (state >> 56) as u8
            })
            .collect(),
    );
    for (i, bytes) in cases.iter().enumerate() {
        let path = dir.join(format!("case{i}.ron"));
        std::fs::write(&path, bytes).unwrap();
        for command in ["validate", "run"] {
            let out = exe()
                .arg(command)
                .arg(&path)
                .args(if command == "run" {
                    vec!["--iterations", "50"]
                } else {
                    vec![]
                })
                .output()
                .unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(1) | Some(2)),
                "case {i} {command}: exit {code:?}"
            );
            assert!(
                !out.stderr.is_empty(),
                "case {i}: a rejection needs a message"
            );
            assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn format_versions_load_upgrade_and_save_at_the_oldest_that_holds_the_content() {
    // A version-1 file (MODEL.md §9, before notes existed) loads and is upgraded in memory.
    let v1 = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron"),
    )
    .unwrap();
    assert!(v1.contains("format_version: 1"));
    let mut file = parse_scenario(&v1).unwrap();
    // Upgraded in memory to version 2, the last of the team model: version 3 is another model
    // (the whole budget), which only an explicit upgrade brings.
    assert_eq!(file.format_version, 2);
    assert!(!file.is_whole_budget());
    assert!(file.notes.is_empty());
    // Without notes it is saved as version 1, which any reader of MODEL.md's format reads.
    assert!(
        scenario_to_ron(&file)
            .unwrap()
            .contains("format_version: 1,")
    );

    // With a note it needs version 2, and the note survives save → load.
    let note = "DfE CSWW 2023, England turnover 17.1% (DATA.md)";
    file.notes
        .insert("workforce.initial_vacancy_rate".into(), note.into());
    let text = scenario_to_ron(&file).unwrap();
    assert!(text.contains("format_version: 2,"), "{text}");
    let back = parse_scenario(&text).unwrap();
    assert_eq!(back, file);
    assert_eq!(back.notes["workforce.initial_vacancy_rate"], note);

    // A file from a newer program says which program it needs, not which field it lacks.
    let v4 = v1.replace(
        "format_version: 1,",
        "format_version: 4,\n    colour_scheme: \"teal\",",
    );
    let e = parse_error(&v4);
    assert!(
        e.message
            .contains("format_version 4, written by a newer Care Options")
            && e.message.contains("reads format_version 3 and older"),
        "{}",
        e.message
    );
}

/// `--precision` runs until every option's mean difference and P(cheaper) are as precise as
/// asked, says at how many iterations, and gives exactly the results of `--iterations` that
/// many. A precision of zero is refused. Drawn by Monte Carlo, whose error formula the test works
/// from the JSON (the default's Latin hypercube is precise enough at 2,000 already).
#[test]
fn cli_run_to_a_precision_stops_by_itself_and_names_its_count() {
    let dir = temp_dir("precision");
    let precise = dir.join("precise.json");
    let monte_carlo = dir.join("monte-carlo.ron");
    std::fs::write(
        &monte_carlo,
        care_options::DEFAULT_SCENARIO.replace("        sampling: LatinHypercube,\n", ""),
    )
    .unwrap();
    let Ran { stdout, .. } = run_ok(
        exe()
            .args(["run"])
            .arg(&monte_carlo)
            .args(["--no-switching"])
            .args(["--precision", "1,2", "--json"])
            .arg(&precise),
    );
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Precision ±£1m on a mean difference and ±2 points"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let n: u64 = line
        .split("`--iterations ")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    assert!(line.contains("reached"), "{line}");
    assert!(
        n > 2_000,
        "the 2,000 of the first run are not that precise: {line}"
    );
    // Worked from the JSON: 1.96 × sd / √n for each difference, 1.96 × √(p(1 − p) / n).
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&precise).unwrap()).unwrap();
    assert_eq!(v["iterations"].as_u64(), Some(n));
    let root_n = (n as f64).sqrt();
    for o in v["options"].as_array().unwrap() {
        let sd = o["npc_vs_baseline"]["sd"].as_f64().unwrap();
        let q = o["p_cheaper"].as_f64().unwrap_or(0.0);
        assert!(1.96 * sd / root_n <= 1e6, "{}: sd {sd}", o["name"]);
        assert!(
            1.96 * (q * (1.0 - q)).sqrt() / root_n <= 0.02,
            "{}",
            o["name"]
        );
    }

    let counted = dir.join("counted.json");
    run_ok(
        exe()
            .args(["run"])
            .arg(&monte_carlo)
            .args(["--no-switching"])
            .args(["--iterations", &n.to_string(), "--json"])
            .arg(&counted),
    );
    assert_eq!(
        std::fs::read(&precise).unwrap(),
        std::fs::read(&counted).unwrap(),
        "the same futures as --iterations {n}"
    );
    let refused = run_exit(
        exe().args(["run", "scenarios/default.ron", "--precision", "0,1"]),
        2,
    );
    assert!(
        refused.stderr.contains("both above zero"),
        "{}",
        refused.stderr
    );
}

#[test]
fn cli_run_and_report_write_an_excel_workbook_and_never_over_the_scenario() {
    let dir = temp_dir("xlsx");
    let scenario = dir.join("plan.ron");
    std::fs::write(&scenario, care_options::DEFAULT_SCENARIO).unwrap();
    let xlsx = dir.join("results.xlsx");
    let _ = std::fs::remove_file(&xlsx);
    let Ran { stdout, .. } = run_ok(
        exe()
            .arg("run")
            .arg(&scenario)
            .args(["--iterations", "300", "--seed", "5", "--no-switching"])
            .arg("--xlsx")
            .arg(&xlsx),
    );
    assert!(
        stdout.contains(&format!("Workbook written to {}", xlsx.display())),
        "{stdout}"
    );
    let bytes = std::fs::read(&xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut book = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut book).unwrap();
    for sheet in [
        "Summary",
        "Years",
        "Iterations",
        "Assumptions",
        "Method and caveats",
    ] {
        assert!(book.contains(&format!("<sheet name=\"{sheet}\"")), "{book}");
    }
    assert!(zip.by_name("xl/charts/chart2.xml").is_ok());

    // Over the scenario file, or over another output: refused before the run, the file kept.
    for args in [
        vec!["--xlsx", scenario.to_str().unwrap()],
        vec![
            "--csv",
            xlsx.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ],
    ] {
        let Ran { stderr, .. } = run_exit(
            exe()
                .arg("run")
                .arg(&scenario)
                .args(["--iterations", "50"])
                .args(&args),
            2,
        );
        assert!(
            stderr.contains("is the scenario file itself") || stderr.contains("--csv and --xlsx"),
            "{stderr}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&scenario).unwrap(),
        care_options::DEFAULT_SCENARIO
    );

    // The report bundle holds the workbook when asked.
    let out = dir.join("bundle");
    let Ran { stdout, .. } = run_ok(
        exe()
            .arg("report")
            .arg(&scenario)
            .arg("--out")
            .arg(&out)
            .args(["--iterations", "200", "--no-switching", "--xlsx"]),
    );
    assert!(stdout.contains("results.json, results.xlsx)"), "{stdout}");
    assert!(
        std::fs::read(out.join("results.xlsx"))
            .unwrap()
            .starts_with(b"PK")
    );
    let _ = std::fs::remove_dir_all(dir);
}
