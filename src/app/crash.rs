//! The window's panic hook: a panic anywhere (a bug in this program) is written to a crash report
//! in the data folder as well as to stderr. A panic in a run's worker is then shown in the window,
//! which carries on ([`super::runner`]); one in the window itself ends the program with exit 70
//! (the command line's catch), and the next start mentions the report.

use std::path::PathBuf;
use std::sync::Mutex;

use crate::io::crash_log::{CrashReport, write_crash_log};

/// The report the last panic of this process wrote, for the window to name it.
static LAST_LOG: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The crash report the last panic wrote, if any.
pub fn last_log() -> Option<PathBuf> {
    LAST_LOG.lock().ok().and_then(|l| l.clone())
}

/// From now on, every panic writes a crash report into `data_folder`.
pub fn install_panic_hook(data_folder: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        let message = super::runner::panic_text(info.payload());
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        let thread = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_string();
        let report = CrashReport {
            time: std::time::SystemTime::now(),
            program_version: env!("CARGO_PKG_VERSION").to_string(),
            thread,
            message,
            location,
            backtrace: std::backtrace::Backtrace::force_capture().to_string(),
        };
        match write_crash_log(&data_folder, &report) {
            Ok(path) => {
                eprintln!(
                    "care-options: internal error, please report it: {info}\n\
                     care-options: crash report written to {}",
                    path.display()
                );
                if let Ok(mut last) = LAST_LOG.lock() {
                    *last = Some(path);
                }
            }
            Err(e) => eprintln!(
                "care-options: internal error, please report it: {info}\n\
                 care-options: the crash report could not be written: {e}"
            ),
        }
    }));
}
