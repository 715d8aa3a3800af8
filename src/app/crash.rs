//! The window's panic hook: a panic anywhere (a bug in this program) is written to a crash report
//! in the data folder as well as to stderr, and named in the log. A panic in a run's worker is
//! then shown in the window, which carries on ([`super::runner`]); one in the window itself ends
//! the program with exit 70, and the next start mentions the report.
//!
//! What a report says is decided here; where reports live and which were mentioned already is
//! [`crate::io::crash_log`]'s.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::SystemTime;

use crate::io::crash_log::write_crash_log;
use crate::present::{UtcPrecision, utc};

/// The report the last panic of this process wrote, for the window to name it.
static LAST_LOG: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The crash report the last panic wrote, if any.
pub fn last_log() -> Option<PathBuf> {
    LAST_LOG.lock().ok().and_then(|l| l.clone())
}

/// The text of a panic's payload (what `panic!` was given), where it is text.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

/// What is known about a panic.
#[derive(Debug, Clone)]
pub struct CrashReport {
    pub time: SystemTime,
    pub program_version: String,
    /// The thread that panicked ("main", "care-options-full run").
    pub thread: String,
    pub message: String,
    /// `file:line:column` in the source.
    pub location: String,
    /// Empty when none could be captured.
    pub backtrace: String,
}

impl CrashReport {
    /// The report as written to its file.
    pub fn render(&self) -> String {
        format!(
            "Care Options crash report\n\
             time: {}\n\
             program version: {}\n\
             system: {} {}\n\
             thread: {}\n\
             message: {}\n\
             location: {}\n\
             \n\
             backtrace:\n{}\n",
            utc(self.time, UtcPrecision::Second),
            self.program_version,
            std::env::consts::OS,
            std::env::consts::ARCH,
            self.thread,
            self.message,
            self.location,
            if self.backtrace.trim().is_empty() {
                "(not available)"
            } else {
                self.backtrace.as_str()
            }
        )
    }

    /// Writes the report into `data_folder`'s crash reports; returns its path.
    pub fn write(&self, data_folder: &std::path::Path) -> std::io::Result<PathBuf> {
        write_crash_log(data_folder, self.time, &self.render())
    }
}

/// From now on, every panic writes a crash report into `data_folder`.
pub fn install_panic_hook(data_folder: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        let message = panic_text(info.payload());
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        let thread = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_string();
        let report = CrashReport {
            time: SystemTime::now(),
            program_version: env!("CARGO_PKG_VERSION").to_string(),
            thread,
            message,
            location,
            backtrace: std::backtrace::Backtrace::force_capture().to_string(),
        };
        // The log names the report, so that whoever reads the log finds it.
        let logged = |report_at: &str| {
            let _ = crate::io::log_file::append(
                &data_folder,
                report.time,
                &format!(
                    "internal error in thread {}: {} at {}; crash report {report_at}",
                    report.thread, report.message, report.location
                ),
            );
        };
        match report.write(&data_folder) {
            Ok(path) => {
                logged(&path.display().to_string());
                eprintln!(
                    "care-options: internal error, please report it: {info}\n\
                     care-options: crash report written to {}",
                    path.display()
                );
                if let Ok(mut last) = LAST_LOG.lock() {
                    *last = Some(path);
                }
            }
            Err(e) => {
                logged(&format!("not written: {e}"));
                eprintln!(
                    "care-options: internal error, please report it: {info}\n\
                     care-options: the crash report could not be written: {e}"
                );
            }
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_says_when_where_and_what() {
        let report = CrashReport {
            time: std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_000_000),
            program_version: "0.2.0".to_string(),
            thread: "main".to_string(),
            message: "index out of bounds".to_string(),
            location: "src/model/engine.rs:10:5".to_string(),
            backtrace: String::new(),
        };
        let text = report.render();
        for part in [
            "time: 2026-11-18 ",
            "program version: 0.2.0",
            "message: index out of bounds",
            "location: src/model/engine.rs:10:5",
            "backtrace:\n(not available)",
        ] {
            assert!(text.contains(part), "{part} missing from\n{text}");
        }
    }
}
