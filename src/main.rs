//! The `care-options` binary: the window with no arguments or with only files to open in it
//! (`care-options plan.ron`, as double-clicking a file runs it), the command line (`run`,
//! `report`, `validate`, `diff`…) with a command. The one place that knows both.
// Release builds on Windows open no console window behind the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;

use care_options::cli;

fn main() -> ExitCode {
    if std::env::args_os().len() <= 1 {
        return window(Vec::new());
    }
    // Before the arguments are read, so that their errors, --help and --version print there.
    attach_to_parent_console();
    match cli::parse() {
        Ok(cli) if cli.command.is_none() && !cli.files.is_empty() => {
            cli::mistyped_command(&cli.files).unwrap_or_else(|| window(cli.files))
        }
        Ok(cli) => cli::carry_out(cli),
        Err(code) => code,
    }
}

/// The window, on `files` or with none on the default scenario. A bug in it ends the program as
/// one on the command line does: a message and exit code 70, never a raw panic.
#[cfg(feature = "gui")]
fn window(files: Vec<PathBuf>) -> ExitCode {
    cli::without_panics(|| match care_options::app::window::run(files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("care-options: {e}");
            // A double-clicked program has no console: the same words in a box.
            e.show_message_box();
            ExitCode::from(cli::EXIT_UNREADABLE)
        }
    })
}

/// Built without the window: no arguments shows the command line's usage, and files to open say
/// that there is no window.
#[cfg(not(feature = "gui"))]
fn window(files: Vec<PathBuf>) -> ExitCode {
    cli::carry_out(cli::Cli {
        files,
        command: None,
    })
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
