//! The stamp of a run as it leaves the program: which file it came from, read off the disk now.
//! A scenario whose file still holds exactly what was run is named and its bytes hashed; any
//! other is "unsaved" and the RON that File > Save would write is hashed. The command line and
//! the window's exports both stamp through here, off the window's thread.

use std::path::Path;
use std::time::SystemTime;

use crate::io::{hash_if_holds, ron_hash};
use crate::model::{RunResults, ScenarioFile};
use crate::present::stamp::{Source, Stamp};

/// Where `file` comes from, last saved at `path` if it has been.
pub fn source(path: Option<&Path>, file: &ScenarioFile) -> Source {
    let name = path
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    if let (Some(path), Some(name)) = (path, &name)
        && let Some(hash) = hash_if_holds(path, file)
    {
        return Source::file(name.clone(), hash);
    }
    Source::unsaved(name, ron_hash(file))
}

/// The stamp of `results`, run from `file` (last saved at `path`) and finished at `finished`.
pub fn stamp(
    results: &RunResults,
    path: Option<&Path>,
    file: &ScenarioFile,
    finished: SystemTime,
) -> Stamp {
    Stamp::new(results, source(path, file), finished)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsaved_scenario_hashes_its_ron_and_a_change_changes_it() {
        let mut file = crate::io::parse_scenario(crate::DEFAULT_SCENARIO).unwrap();
        let a = source(None, &file);
        file.simulation.seed += 1;
        let b = source(None, &file);
        assert!(matches!(a, Source::Unsaved { name: None, .. }));
        assert_ne!(a.hash(), b.hash());
        assert!(a.describe().starts_with("unsaved scenario"));
    }
}
