//! The `care-options` binary: the window with no arguments, `run`/`validate`/`report` headless.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    care_options::cli::main()
}
