//! Files: scenario RON load and save (with line:column errors, atomic writes and a `.bak` of the
//! previous version), the content hash of a file and stamps to notice changes made on disk by
//! others, autosaves, crash-report files, the log file and the memory available. Depends on the
//! model only.

pub mod autosave;
pub mod crash_log;
pub mod data_folder;
pub mod locate;
pub mod log_file;
pub mod machine;
pub mod memory_limits;
pub mod reading;
pub mod save;
pub mod scenario_file;
pub mod spreadsheet;
pub mod staging;
pub mod stamp;
#[cfg(test)]
mod test_support;

pub use save::{
    Backup, SaveError, Saved, atomic_write, backup_path, backup_paths, real_file, same_file,
    save_scenario,
};
pub use scenario_file::{
    FileProblem, LoadError, Loaded, LocatedProblem, ParseError, hash_if_holds, load_scenario,
    open_scenario, open_scenario_unless, parse_scenario, parse_versioned, read_scenario, ron_hash,
    scenario_from_bytes, scenario_to_ron,
};
pub use stamp::{DiskChange, DiskStamp, content_hash, disk_change};
