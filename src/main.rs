//! The `care-options` binary: the window with no arguments, `run`/`validate` headless.
// Release builds on Windows open no console window behind the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    if std::env::args_os().len() > 1 {
        attach_to_parent_console();
    }
    care_options::cli::main()
}

/// A Windows-subsystem program has no console of its own: print to the one the command was typed
/// in, if any. Elsewhere, and in debug builds, the program already has its terminal.
#[cfg(windows)]
fn attach_to_parent_console() {
    // SAFETY: AttachConsole takes a process id (here the documented ATTACH_PARENT_PROCESS) and
    // only fails, harmlessly, when there is no parent console or one is already attached.
    unsafe {
        windows_sys::Win32::System::Console::AttachConsole(
            windows_sys::Win32::System::Console::ATTACH_PARENT_PROCESS,
        );
    }
}

#[cfg(not(windows))]
fn attach_to_parent_console() {}
