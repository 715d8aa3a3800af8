//! Crash reports: what a panic (a bug in this program) leaves behind in the data folder, so that
//! the next start can say that it happened and where the report is, once.
//!
//! Reports are plain text files `crash-reports/crash-<time>-<process>.log`; the names of those
//! already mentioned are listed in `crash-reports/reported.txt`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The folder of crash reports within the data folder.
pub const CRASH_FOLDER: &str = "crash-reports";
const REPORTED: &str = "reported.txt";

/// Writes `text`, the report of a panic at `time`, into `data_folder`'s crash reports; returns its
/// path.
pub fn write_crash_log(
    data_folder: &Path,
    time: SystemTime,
    text: &str,
) -> std::io::Result<PathBuf> {
    let folder = data_folder.join(CRASH_FOLDER);
    fs::create_dir_all(&folder)?;
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let path = folder.join(format!("crash-{seconds}-{}.log", std::process::id()));
    // Plain write, not atomic: a panic hook should do as little as possible, and a partial
    // report is still worth having.
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(path)
}

/// Crash reports not yet mentioned to the person, oldest first.
pub fn unreported(data_folder: &Path) -> Vec<PathBuf> {
    let folder = data_folder.join(CRASH_FOLDER);
    let reported = fs::read_to_string(folder.join(REPORTED)).unwrap_or_default();
    let mentioned: Vec<&str> = reported.lines().collect();
    let Ok(entries) = fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut logs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("crash-") && n.ends_with(".log"))
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| mentioned.contains(&n))
        })
        .collect();
    logs.sort();
    logs
}

/// Records that these reports have been mentioned, so no later start mentions them again.
pub fn mark_reported(data_folder: &Path, logs: &[PathBuf]) -> std::io::Result<()> {
    if logs.is_empty() {
        return Ok(());
    }
    let folder = data_folder.join(CRASH_FOLDER);
    fs::create_dir_all(&folder)?;
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(folder.join(REPORTED))?;
    for log in logs {
        if let Some(name) = log.file_name().and_then(|n| n.to_str()) {
            writeln!(f, "{name}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_written_mentioned_once_and_then_kept_quiet() {
        let root = std::env::temp_dir().join(format!("care-options-crash-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        assert!(unreported(&root).is_empty(), "no folder yet is no error");
        let time = UNIX_EPOCH + std::time::Duration::from_secs(1_795_000_000);
        let path = write_crash_log(&root, time, "Care Options crash report\n").unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "Care Options crash report\n"
        );
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("crash-1795000000-"), "{name}");
        assert_eq!(unreported(&root), vec![path.clone()]);
        mark_reported(&root, &[path]).unwrap();
        assert!(unreported(&root).is_empty());
        let _ = fs::remove_dir_all(root);
    }
}
