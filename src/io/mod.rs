//! Files: scenario RON load and save (with line:column errors and atomic writes), and the JSON and
//! CSV exports of run results. Depends on the model only.

pub mod export;
pub mod locate;
pub mod scenario_file;

pub use export::{iterations_csv, results_csv, results_json, summary_csv};
pub use scenario_file::{
    LoadError, LocatedProblem, ParseError, atomic_write, load_scenario, parse_scenario,
    read_scenario, save_scenario, scenario_to_ron,
};
