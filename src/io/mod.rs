//! Files: scenario RON load and save (with line:column errors, atomic writes and a `.bak` of the
//! previous version), stamps to notice changes made on disk by others, and the JSON and CSV
//! exports of run results. Depends on the model only.

pub mod autosave;
pub mod crash_log;
pub mod export;
pub mod locate;
pub mod machine;
pub mod save;
pub mod scenario_file;
pub mod stamp;

pub use export::{iterations_csv, results_csv, results_json, summary_csv};
pub use save::{Backup, SaveError, Saved, atomic_write, backup_path, save_scenario};
pub use scenario_file::{
    LoadError, Loaded, LocatedProblem, ParseError, load_scenario, open_scenario, parse_scenario,
    parse_versioned, read_scenario, scenario_from_bytes, scenario_to_ron,
};
pub use stamp::{DiskChange, DiskStamp, content_hash, disk_change};
