//! The real executable against files and settings meant to freeze, trick or outlast it: a 16 MB
//! file of 10,000 invalid options, devices and pipes, a byte-order mark, control characters and
//! near-duplicate names, an output naming the input, spreadsheet formulas in names, a report
//! that fails part way, option names that make the same file name, and a memory limit the free
//! memory does not show.

use std::path::{Path, PathBuf};
use std::process::Output;

use care_options::io::{parse_scenario, scenario_to_ron};
use care_options::model::ScenarioFile;

use crate::{exe, hostile};

/// A folder of its own, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("care-options-robust-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn default_file() -> ScenarioFile {
    parse_scenario(care_options::DEFAULT_SCENARIO).unwrap()
}

fn write_scenario(path: &Path, file: &ScenarioFile) {
    std::fs::write(path, scenario_to_ron(file).unwrap()).unwrap();
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `care-options report` of `scenario` into `folder`, at 50 iterations; it must succeed.
fn report_of(scenario: &Path, folder: &Path) -> Output {
    let out = exe()
        .arg("report")
        .arg(scenario)
        .args(["--iterations", "50", "--out"])
        .arg(folder)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

#[test]
fn a_16_mb_file_of_10000_invalid_options_is_refused_with_every_problem_located() {
    let dir = TempDir::new("hostile");
    for one_line in [false, true] {
        let path = dir.join("hostile.ron");
        std::fs::write(&path, hostile::hostile_text(one_line)).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            hostile::BYTES as u64
        );
        let out = exe().arg("validate").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = stderr(&out);
        let located: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(".agency_cover: 1.2 is outside the allowed range"))
            .collect();
        assert_eq!(located.len(), hostile::OPTIONS, "one_line {one_line}");
        // Each with its own line and column, in file order.
        let shown = path.display().to_string();
        let mut last = (0, 0);
        for line in &located {
            let rest = line.strip_prefix(&format!("{shown}:")).unwrap();
            let mut parts = rest.splitn(3, ':');
            let at: (usize, usize) = (
                parts.next().unwrap().parse().unwrap(),
                parts.next().unwrap().parse().unwrap(),
            );
            assert!(at > last, "{line}");
            last = at;
        }
        if one_line {
            assert!(located.iter().all(|l| l.contains(".ron:1:")));
        }
        assert!(
            text.contains("10000 problem(s)"),
            "{}",
            &text[text.len() - 300..]
        );
    }
}

#[test]
fn what_is_not_a_regular_scenario_file_is_refused_by_name_at_once() {
    let dir = TempDir::new("not-files");
    let mut cases: Vec<(PathBuf, &str)> = vec![(dir.0.clone(), "it is a folder")];
    #[cfg(unix)]
    {
        cases.push((PathBuf::from("/dev/zero"), "it is a device"));
        let fifo = dir.join("pipe.ron");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
        {
            // Nothing ever writes to it: a plain read would wait for ever.
            cases.push((fifo, "it is a named pipe"));
        }
    }
    let huge = dir.join("huge.ron");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(33 * 1024 * 1024)
        .unwrap();
    cases.push((huge, "a scenario file is at most 32 MB"));
    for (path, said) in cases {
        for command in ["validate", "run"] {
            let out = exe().arg(command).arg(&path).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{command} {}", path.display());
            assert!(stderr(&out).contains(said), "{}", stderr(&out));
        }
    }
}

#[test]
fn a_file_that_starts_with_a_byte_order_mark_opens() {
    let dir = TempDir::new("bom");
    let path = dir.join("from-notepad.ron");
    std::fs::write(&path, format!("\u{feff}{}", care_options::DEFAULT_SCENARIO)).unwrap();
    let out = exe().arg("validate").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Problems are still located on the first line too.
    let mut file = default_file();
    file.horizon_years = 0;
    let text = format!("\u{feff}{}", scenario_to_ron(&file).unwrap());
    std::fs::write(&path, text).unwrap();
    let out = exe().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(": horizon_years: 0 is outside"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn control_characters_in_names_are_refused_naming_field_and_character_and_never_printed_raw() {
    let dir = TempDir::new("control");
    let path = dir.join("bell.ron");
    let mut file = default_file();
    file.options[1].name = "Trust\u{7}\u{1b}[31m".to_string();
    file.name = "Plan\0".to_string();
    write_scenario(&path, &file);
    let out = exe().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(!text.contains('\u{7}') && !text.contains('\u{1b}') && !text.contains('\0'));
    assert!(
        text.contains("options[Trust\\u{7}\\u{1b}[31m]: the name holds the control character U+0007 (BEL) at character 6"),
        "{text}"
    );
    assert!(
        text.contains(": name: the name holds the control character U+0000 (NUL)"),
        "{text}"
    );
}

#[test]
fn option_names_differing_only_in_capitals_or_outer_spaces_are_one_name() {
    let dir = TempDir::new("dupes");
    let path = dir.join("dupes.ron");
    let mut file = default_file();
    let base = file.options[0].name.clone();
    file.options[1].name = format!("{base} ");
    file.options[2].name = base.to_uppercase();
    write_scenario(&path, &file);
    let out = exe().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert_eq!(text.matches("is used twice").count(), 2, "{text}");
    assert!(text.contains(&format!("same name as \"{base}\"")), "{text}");
}

#[test]
fn names_longer_than_the_limit_are_refused() {
    let dir = TempDir::new("long");
    let path = dir.join("long.ron");
    let mut file = default_file();
    file.options[1].name = "Trust ".repeat(50);
    file.name = "x".repeat(10_000);
    write_scenario(&path, &file);
    let out = exe().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("the name is 300 characters long; names are at most 80"),
        "{text}"
    );
    assert!(
        text.contains("the name is 10000 characters long; names are at most 200"),
        "{text}"
    );
}

#[test]
fn an_output_that_names_the_scenario_file_is_refused_and_the_file_kept() {
    let dir = TempDir::new("same-output");
    let path = dir.join("plan.ron");
    std::fs::write(&path, care_options::DEFAULT_SCENARIO).unwrap();
    let other_name = dir.join(".").join("plan.ron");
    for args in [
        vec!["--json", path.to_str().unwrap()],
        vec!["--csv", other_name.to_str().unwrap()],
    ] {
        let out = exe()
            .arg("run")
            .arg(&path)
            .args(["--iterations", "50"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("is the scenario file itself"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            care_options::DEFAULT_SCENARIO
        );
    }
    let both = dir.join("out.txt");
    let out = exe()
        .arg("run")
        .arg(&path)
        .arg("--json")
        .arg(&both)
        .arg("--csv")
        .arg(&both)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--json and --csv both name"),
        "{}",
        stderr(&out)
    );
    let out = exe()
        .arg("report")
        .arg(&path)
        .arg("--out")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        care_options::DEFAULT_SCENARIO
    );
}

#[test]
fn iterations_outside_the_limits_are_a_wrong_argument() {
    for n in ["0", "1000001", "ten"] {
        let out = exe()
            .args(["run", "scenarios/default.ron", "--iterations", n])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "--iterations {n}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("--iterations"), "{}", stderr(&out));
    }
}

#[test]
fn spreadsheet_formulas_in_names_stay_text_in_every_csv() {
    let dir = TempDir::new("formulas");
    let path = dir.join("formulas.ron");
    let mut file = default_file();
    let names = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "@SUM(A1:A2)",
        "-2+3 trust",
    ];
    for (o, name) in file.options.iter_mut().zip(names) {
        o.name = name.to_string();
    }
    file.appraisal.baseline_option = names[0].to_string();
    write_scenario(&path, &file);
    let csv = dir.join("years.csv");
    let report = dir.join("report");
    let out = exe()
        .arg("run")
        .arg(&path)
        .args(["--iterations", "50", "--csv"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    report_of(&path, &report);
    for csv in [csv, report.join("summary.csv"), report.join("years.csv")] {
        let text = std::fs::read_to_string(&csv).unwrap();
        assert!(
            text.starts_with('\u{feff}'),
            "{}: no byte-order mark",
            csv.display()
        );
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut firsts = std::collections::BTreeSet::new();
        for row in reader.records() {
            let row = row.unwrap();
            let cell = &row[0];
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{}: {cell}",
                csv.display()
            );
            firsts.insert(cell.to_string());
            // Figures stay figures, negative ones included.
            for figure in row.iter().skip(1) {
                assert!(!figure.starts_with('\''), "{}: {figure}", csv.display());
            }
        }
        assert!(
            firsts.contains("'=HYPERLINK(\"http://x\",\"y\")"),
            "{firsts:?}"
        );
        assert!(firsts.contains("'@SUM(A1:A2)"));
        assert!(firsts.contains("'-2+3 trust"));
    }
}

#[test]
fn options_that_make_the_same_file_name_get_a_chart_each_and_the_count_is_true() {
    let dir = TempDir::new("slugs");
    let path = dir.join("slugs.ron");
    let mut file = default_file();
    file.options[1].name = "A B".to_string();
    file.options[2].name = "A-B".to_string();
    write_scenario(&path, &file);
    let report = dir.join("report");
    let out = report_of(&path, &report);
    let names = names_in(&report);
    assert!(
        names.contains(&"sensitivity-a-b.png".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"sensitivity-a-b-2.png".to_string()),
        "{names:?}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let pngs = names.iter().filter(|n| n.ends_with(".png")).count();
    assert!(
        stdout.contains(&format!(
            "report.html and {} other files ({pngs} charts as PNG and SVG",
            names.len() - 1
        )),
        "{stdout} vs {names:?}"
    );
}

/// Runs the program with a limit set by the shell first.
#[cfg(target_os = "linux")]
fn limited(limit: &str, args: &[&str]) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{limit}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_care-options"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_report_that_fails_part_way_leaves_the_folder_as_it_was() {
    let dir = TempDir::new("half-report");
    let report = dir.join("report");
    std::fs::create_dir(&report).unwrap();
    std::fs::write(report.join("results.json"), "previous results").unwrap();
    std::fs::write(report.join("my-notes.txt"), "mine").unwrap();
    // Files may be at most 512 KB (1 MB where the shell counts in kilobytes), as on a disk that
    // fills up: every chart, CSV and the JSON are written, then the report itself (about 3 MB,
    // written last) fails. (The signal a write past the limit sends is ignored, so the write
    // fails with an error instead of stopping the program.)
    let out = limited(
        "trap '' XFSZ; ulimit -f 1000",
        &[
            "report",
            "scenarios/default.ron",
            "--iterations",
            "50",
            "--out",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write") && stderr(&out).contains("report.html"),
        "{}",
        stderr(&out)
    );
    assert_eq!(names_in(&report), ["my-notes.txt", "results.json"]);
    assert_eq!(
        std::fs::read_to_string(report.join("results.json")).unwrap(),
        "previous results"
    );
    assert_eq!(names_in(&dir.0), ["report"], "nothing left beside it");
}

#[cfg(target_os = "linux")]
#[test]
fn a_run_larger_than_the_address_space_limit_is_refused_with_exit_4_not_aborted() {
    // 1.5 GB of address space; a million iterations need about 1.9 GB.
    let out = limited(
        "ulimit -v 1500000",
        &["run", "scenarios/default.ron", "--iterations", "1000000"],
    );
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{text}");
    assert!(text.contains("a run of 1,000,000 iterations"), "{text}");
    assert!(text.contains("not started"), "{text}");
    assert!(!text.contains("memory allocation of"), "an abort: {text}");
}
