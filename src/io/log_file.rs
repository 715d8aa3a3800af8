//! The program's log file: `care-options.log` in the data folder, one line per entry, each
//! starting with the UTC time in RFC 3339 (`2026-11-21T14:05:09.123Z`), so that whoever supports
//! Care Options can read afterwards what happened and when. It is kept to about a megabyte: an
//! entry that would take it past [`ROTATE_BYTES`] first renames it to `care-options.log.1`
//! (replacing the one before), so at most two files and about 2 MB are ever kept.
//!
//! What goes into the log is decided by the window; this file knows only where and how. Writing
//! is one append of a whole line, so two windows logging at once never interleave their lines.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The log's name in the data folder.
pub const LOG_FILE: &str = "care-options.log";
/// The log before the last rotation.
pub const OLD_LOG_FILE: &str = "care-options.log.1";
/// Past this size (1 MB) the log is rotated.
pub const ROTATE_BYTES: u64 = 1_000_000;
/// An entry longer than this (in characters) is cut short, so that one huge message (a file with
/// thousands of problems) cannot crowd everything else out of the log.
pub const MAX_ENTRY_CHARS: usize = 4_000;

/// Where the log is kept in `data_folder`.
pub fn log_path(data_folder: &Path) -> PathBuf {
    data_folder.join(LOG_FILE)
}

/// Appends `entry`, stamped with `at`, to the log in `data_folder` (created if missing), rotating
/// it first if the line would take it past [`ROTATE_BYTES`].
pub fn append(data_folder: &Path, at: SystemTime, entry: &str) -> std::io::Result<()> {
    append_within(data_folder, at, entry, ROTATE_BYTES)
}

/// [`append`] with the size at which the log rotates.
pub fn append_within(
    data_folder: &Path,
    at: SystemTime,
    entry: &str,
    rotate_bytes: u64,
) -> std::io::Result<()> {
    fs::create_dir_all(data_folder)?;
    let path = log_path(data_folder);
    let line = line(at, entry);
    if let Ok(meta) = fs::metadata(&path)
        && meta.len() > 0
        && meta.len() + line.len() as u64 > rotate_bytes
    {
        // Replaces the older file on every platform (MoveFileEx with REPLACE_EXISTING on Windows).
        fs::rename(&path, data_folder.join(OLD_LOG_FILE))?;
    }
    let mut file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    // One write of the whole line: appends from two processes do not interleave.
    file.write_all(line.as_bytes())
}

/// One line of the log: the time, a space, the entry on one line, a newline.
pub fn line(at: SystemTime, entry: &str) -> String {
    format!("{} {}\n", rfc3339(at), one_line(entry))
}

/// A moment as RFC 3339 in UTC, to the millisecond: `2026-11-21T14:05:09.123Z`.
pub fn rfc3339(at: SystemTime) -> String {
    let t = time::OffsetDateTime::from(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// The entry on one line: its lines joined by " / ", other control characters escaped (a file
/// name may hold them), and cut short past [`MAX_ENTRY_CHARS`].
fn one_line(entry: &str) -> String {
    let joined = entry
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    let mut out = String::with_capacity(joined.len().min(MAX_ENTRY_CHARS + 40));
    for (count, c) in joined.chars().enumerate() {
        if count == MAX_ENTRY_CHARS {
            let rest = joined.chars().count() - count;
            out.push_str(&format!("… ({rest} more characters)"));
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::test_support::{fresh_dir, names_in};
    use std::time::{Duration, UNIX_EPOCH};

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(seconds * 1000 + 123)
    }

    #[test]
    fn each_line_starts_with_the_utc_time_in_rfc_3339() {
        assert_eq!(
            line(at(1_795_000_000), "Care Options 0.2.0 started"),
            "2026-11-18T11:06:40.123Z Care Options 0.2.0 started\n"
        );
    }

    #[test]
    fn an_entry_is_one_line_with_control_characters_escaped_and_a_length_limit() {
        assert_eq!(
            one_line("Not saved\n\nYour changes are\tstill here.\r\n"),
            "Not saved / Your changes are\\tstill here."
        );
        let long = "x".repeat(MAX_ENTRY_CHARS + 10);
        let cut = one_line(&long);
        assert!(cut.ends_with("… (10 more characters)"), "{cut}");
        assert!(cut.chars().count() < MAX_ENTRY_CHARS + 40);
    }

    #[test]
    fn lines_are_appended_and_the_folder_made_when_missing() {
        let root = fresh_dir("log-append");
        let folder = root.join("not yet there");
        append(&folder, at(1_795_000_000), "first").unwrap();
        append(&folder, at(1_795_000_001), "second").unwrap();
        let text = fs::read_to_string(log_path(&folder)).unwrap();
        assert_eq!(
            text,
            "2026-11-18T11:06:40.123Z first\n2026-11-18T11:06:41.123Z second\n"
        );
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn the_log_rotates_at_one_megabyte_keeping_one_old_file() {
        let folder = fresh_dir("log-rotate");
        let line_bytes = line(at(0), "entry").len() as u64;
        // Just under the limit: the next line still fits.
        let filler = "f".repeat((ROTATE_BYTES - 2 * line_bytes) as usize);
        fs::write(log_path(&folder), &filler).unwrap();
        append(&folder, at(0), "entry").unwrap();
        assert_eq!(names_in(&folder), [LOG_FILE]);
        assert_eq!(
            fs::metadata(log_path(&folder)).unwrap().len(),
            ROTATE_BYTES - line_bytes
        );
        // Exactly at the limit: still one file.
        append(&folder, at(0), "entry").unwrap();
        assert_eq!(names_in(&folder), [LOG_FILE]);
        assert_eq!(fs::metadata(log_path(&folder)).unwrap().len(), ROTATE_BYTES);
        // Past it: the full log becomes the old one and a new log starts with the line.
        append(&folder, at(1), "after rotation").unwrap();
        assert_eq!(names_in(&folder), [LOG_FILE, OLD_LOG_FILE]);
        assert_eq!(
            fs::metadata(folder.join(OLD_LOG_FILE)).unwrap().len(),
            ROTATE_BYTES
        );
        assert_eq!(
            fs::read_to_string(log_path(&folder)).unwrap(),
            line(at(1), "after rotation")
        );
        // The next rotation replaces the old file: never more than two.
        append_within(&folder, at(2), "small limit", 10).unwrap();
        assert_eq!(names_in(&folder), [LOG_FILE, OLD_LOG_FILE]);
        assert_eq!(
            fs::read_to_string(folder.join(OLD_LOG_FILE)).unwrap(),
            line(at(1), "after rotation")
        );
        let _ = fs::remove_dir_all(folder);
    }
}
