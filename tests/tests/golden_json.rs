//! Old files keep their numbers: scenario files of format versions 1 and 2 give, byte for byte,
//! the JSON that Care Options 0.2.0 wrote for them (tests/fixtures/golden-json.sha256). The
//! 10,000-iteration rows are checked by `.ci/run` with the release build.

use super::*;

#[test]
fn old_format_files_give_byte_identical_json() {
    use sha2::{Digest, Sha256};
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let table = std::fs::read_to_string(fixtures.join("golden-json.sha256")).unwrap();
    let mut checked = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut fields = line.split_whitespace();
        let (hash, file, iterations) = (
            fields.next().unwrap(),
            fields.next().unwrap(),
            fields.next().unwrap().parse::<u64>().unwrap(),
        );
        if iterations > 2000 {
            continue;
        }
        let text = std::fs::read_to_string(fixtures.join(file)).unwrap();
        let parsed = parse_scenario(&text).unwrap();
        let results = run_file(&parsed, iterations, parsed.simulation.seed);
        let json = care_options::report::results_json(&results).unwrap();
        let got = format!("{:x}", Sha256::digest(json.as_bytes()));
        assert_eq!(
            got, hash,
            "{file} at {iterations} iterations no longer gives the same JSON"
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} golden rows checked");
}
