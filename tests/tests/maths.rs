//! `simulation.maths` (docs/MODEL.md §3.3): shipped files compute in portable maths; a file that
//! names no choice uses the platform's, writes none, and runs as it always did; the two agree to
//! rounding. That the portable run gives the same bytes on Windows is checked under Wine in CI
//! (`packaging/windows/wine-check --require-same-bytes`).

use super::*;
use care_options::model::maths::Maths;

#[test]
fn every_shipped_scenario_computes_in_portable_maths() {
    for path in scenario_files() {
        let file = parse_scenario(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(file.simulation.maths, Maths::Portable, "{}", path.display());
    }
}

#[test]
fn a_file_that_names_no_maths_uses_the_platform_and_writes_none() {
    let text = care_options::DEFAULT_SCENARIO.replace("        maths: Portable,\n", "");
    let file = parse_scenario(&text).unwrap();
    assert_eq!(file.simulation.maths, Maths::Platform);
    assert!(!scenario_to_ron(&file).unwrap().contains("maths"));
    let json = serde_json::to_string(&run_file(&file, 200, 3)).unwrap();
    assert!(!json.contains("\"maths\""));
    let portable = default_file();
    let text = scenario_to_ron(&portable).unwrap();
    assert!(text.contains("maths: Portable"), "{text:.400}");
    assert_eq!(parse_scenario(&text).unwrap(), portable);
    let json = serde_json::to_string(&run_file(&portable, 200, 3)).unwrap();
    assert!(json.contains("\"maths\":\"Portable\""));
}

/// Every number of two runs' JSON, in order, with its path.
fn numbers(value: &serde_json::Value, path: &str, out: &mut Vec<(String, f64)>) {
    match value {
        serde_json::Value::Number(n) => out.push((path.to_string(), n.as_f64().unwrap())),
        serde_json::Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                numbers(v, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(o) => {
            for (k, v) in o {
                numbers(v, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn platform_and_portable_maths_agree_to_rounding_on_every_shipped_scenario() {
    // The same algorithms on the same random numbers: they may differ only where one library's
    // last bit differs from the other's, and a month-by-month model carries that a little way.
    for path in scenario_files() {
        let portable = parse_scenario(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut platform = portable.clone();
        platform.simulation.maths = Maths::Platform;
        let run_json = |file: &ScenarioFile| {
            let mut v = serde_json::to_value(run_file(file, 1_000, 11)).unwrap();
            if let serde_json::Value::Object(o) = &mut v {
                o.remove("maths");
            }
            v
        };
        let (a, b) = (run_json(&platform), run_json(&portable));
        let (mut x, mut y) = (Vec::new(), Vec::new());
        numbers(&a, "", &mut x);
        numbers(&b, "", &mut y);
        assert_eq!(x.len(), y.len(), "{}", path.display());
        for ((p, u), (_, v)) in x.iter().zip(&y) {
            assert!(
                (u - v).abs() <= 1e-12 * u.abs().max(v.abs()).max(1.0),
                "{}: {p}: {u} against {v}",
                path.display()
            );
        }
    }
}
