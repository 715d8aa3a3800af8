//! Fuzzing: mutated copies of the shipped scenarios through load → validate → a short run → save
//! and reload; nothing panics and every rejection says why.

use super::*;

/// Numbers a mutation puts in place of one in the file: the extremes of f64, i64 and u64 and
/// just past them, signed zero, the non-finite spellings RON reads, and the edges of the rules.
const EXTREME_NUMBERS: &[&str] = &[
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "-0",
    "-0.0",
    "0",
    "NaN",
    "inf",
    "-inf",
    "5e-324",
    "1e-320",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "9223372036854775807",
    "99999999999999999999999999",
    "4294967296",
    "2147483648",
    "1000000",
    "1000001",
    "-1",
    "0.5",
    "1e9",
    "30",
    "31",
    "1e15",
];

/// One change to a file's bytes; positions are taken modulo the file's length.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte {
        at: usize,
        xor: u8,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Duplicate {
        from: usize,
        len: usize,
        to: usize,
    },
    /// A line of one of the shipped files put in place of, or before, a line of this one.
    SpliceLine {
        seed: usize,
        from: usize,
        to: usize,
        replace: bool,
    },
    Number {
        nth: usize,
        with: usize,
    },
}

fn mutation() -> impl proptest::strategy::Strategy<Value = Mutation> {
    use proptest::prelude::*;
    prop_oneof![
        1 => (any::<usize>(), 1..=255u8).prop_map(|(at, xor)| Mutation::FlipByte { at, xor }),
        1 => (any::<usize>(), 1..200usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        1 => (any::<usize>(), 1..400usize, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        1 => (any::<usize>(), any::<usize>(), any::<usize>(), any::<bool>()).prop_map(
            |(seed, from, to, replace)| Mutation::SpliceLine {
                seed,
                from,
                to,
                replace
            }
        ),
        4 => (any::<usize>(), 0..EXTREME_NUMBERS.len())
            .prop_map(|(nth, with)| Mutation::Number { nth, with }),
    ]
}

/// Byte ranges of the numbers in a text: a digit run with its sign, point and exponent.
fn number_spans(text: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let starts = text[i].is_ascii_digit()
            || (text[i] == b'-' && text.get(i + 1).is_some_and(u8::is_ascii_digit));
        let inside_word = i > 0 && (text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'_');
        if starts && !inside_word {
            let start = i;
            i += 1;
            while i < text.len()
                && (text[i].is_ascii_digit()
                    || text[i] == b'.'
                    || text[i] == b'e'
                    || text[i] == b'E'
                    || ((text[i] == b'-' || text[i] == b'+') && matches!(text[i - 1], b'e' | b'E')))
            {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

fn apply_mutation(bytes: &mut Vec<u8>, m: &Mutation, seeds: &[Vec<u8>]) {
    let n = bytes.len();
    match *m {
        Mutation::FlipByte { at, xor } if n > 0 => bytes[at % n] ^= xor,
        Mutation::Delete { at, len } if n > 0 => {
            let at = at % n;
            bytes.drain(at..(at + len).min(n));
        }
        Mutation::Duplicate { from, len, to } if n > 0 => {
            let from = from % n;
            let piece = bytes[from..(from + len).min(n)].to_vec();
            let to = to % (n + 1);
            bytes.splice(to..to, piece);
        }
        Mutation::SpliceLine {
            seed,
            from,
            to,
            replace,
        } => {
            let donor: Vec<&[u8]> = seeds[seed % seeds.len()].split(|&b| b == b'\n').collect();
            let line = donor[from % donor.len()].to_vec();
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let to = to % lines.len();
            if replace {
                lines[to] = line;
            } else {
                lines.insert(to, line);
            }
            *bytes = lines.join(&b'\n');
        }
        Mutation::Number { nth, with } => {
            let spans = number_spans(bytes);
            if !spans.is_empty() {
                let (start, end) = spans[nth % spans.len()];
                bytes.splice(start..end, EXTREME_NUMBERS[with].bytes());
            }
        }
        _ => {}
    }
}

/// The shipped scenarios and the old-format fixture: the files mutations start from.
fn fuzz_seeds() -> Vec<Vec<u8>> {
    let mut paths = scenario_files();
    paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron"));
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// Longest horizon × options a fuzz case runs, so a case that duplicated many options stays quick
/// in debug builds; larger ones are still loaded and validated.
const FUZZ_RUN_CELLS: usize = 30 * 12;

/// Loads, validates and briefly runs one mutated file; the property is that nothing panics and
/// every rejection carries a message.
fn fuzz_one(bytes: Vec<u8>) {
    use care_options::io::{DiskStamp, LoadError, content_hash, scenario_from_bytes};
    let stamp = DiskStamp {
        modified: None,
        len: bytes.len() as u64,
        hash: content_hash(&bytes),
    };
    let parsed = match scenario_from_bytes(Path::new("fuzz.ron"), bytes, stamp) {
        Ok(loaded) => {
            let file = &loaded.file;
            if file.horizon_years as usize * file.options.len() <= FUZZ_RUN_CELLS {
                let settings = RunSettings {
                    iterations: 2,
                    seed: file.simulation.seed,
                };
                match run(&loaded.scenario, settings, &RunControl::new()) {
                    Ok(results) => {
                        let _ = care_options::present::headlines(&results);
                        let _ = care_options::report::results_json(&results);
                        let _ = care_options::report::results_csv(&results);
                    }
                    Err(e) => assert!(!e.to_string().is_empty()),
                }
            }
            loaded.file
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            match e {
                LoadError::Parse { error, .. } => {
                    assert!(!error.message.trim().is_empty(), "{error:?}");
                    return;
                }
                LoadError::Invalid { problems, file, .. } => {
                    assert!(!problems.is_empty());
                    for p in &problems {
                        assert!(!p.problem.message.trim().is_empty(), "{p:?}");
                        assert!(!p.problem.path.is_empty(), "{p:?}");
                    }
                    *file
                }
                LoadError::NotText { .. } | LoadError::Read { .. } => return,
            }
        }
    };
    // Whatever parses, valid or not, can be opened in the window, saved and opened again.
    let text = scenario_to_ron(&parsed).unwrap();
    let back = parse_scenario(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(scenario_to_ron(&back).unwrap(), text);
}

/// Fuzz cases: 2,000 in the test suite; `PROPTEST_CASES=100000` for a long run, with
/// `FUZZ_SEED=n` to explore other cases than the suite's fixed sequence.
fn fuzz_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

#[test]
fn fuzz_mutated_scenarios_never_panic_and_every_rejection_says_why() {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let seeds = fuzz_seeds();
    let config = Config {
        cases: fuzz_cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let rng = match std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        Some(seed) => {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
        }
        None => TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    };
    let mut runner = TestRunner::new_with_rng(config, rng);
    let started = std::time::Instant::now();
    let strategy = (0..seeds.len(), proptest::collection::vec(mutation(), 1..5));
    runner
        .run(&strategy, |(seed, mutations)| {
            let mut bytes = seeds[seed].clone();
            for m in &mutations {
                apply_mutation(&mut bytes, m, &seeds);
            }
            fuzz_one(bytes);
            Ok(())
        })
        .unwrap();
    eprintln!(
        "fuzz: {} cases in {:.1} s",
        fuzz_cases(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn number_spans_find_every_number_and_no_name() {
    let text = b"(a1: 12, b: -3.5e-2, c: Pert(min: 0.1, mode: 2, max: 1e6), d_2: x)";
    let found: Vec<&str> = number_spans(text)
        .iter()
        .map(|&(s, e)| std::str::from_utf8(&text[s..e]).unwrap())
        .collect();
    assert_eq!(found, ["12", "-3.5e-2", "0.1", "2", "1e6"]);
}
