//! Care Options: Monte Carlo appraisal of how children's social care is delivered — in-house, by
//! an independent children's trust, or by a council-owned community interest company.
//!
//! # Which module may use which
//!
//! Each module uses only the modules named in its row, all above it; nothing points back up the
//! table, so the model and the file formats build and test without the rest, and the command line
//! without the window. `tests/tests/architecture.rs` reads this table and fails when the code
//! breaks it.
//!
//! | module | may use | holds |
//! |---|---|---|
//! | [`model`] | — | the simulation: scenario types, validation, distributions, the engine, statistics, scenario edits; no files, printing or window |
//! | [`evidence`] | `model` | published evidence: the DfE workforce census, a council's figures as starting values, flags on inputs beyond every council, the published figures calibration compares with |
//! | [`present`] | `model` | what people read: number formats, headline sentences, field words, chart data, colours, the summary table, the stamp; no files |
//! | [`io`] | `model`, `evidence` | files: scenarios (RON, line:column errors, atomic saves), content hashes, autosaves, crash reports, a data folder's published files, the memory available |
//! | [`render`] | `model`, `present` | exported charts, drawn headless as PNG and SVG |
//! | [`report`] | `model`, `present`, `io`, `render` | the report bundle, the CSV and JSON of a run, the stamp read off the file on disk |
//! | [`cli`] | `model`, `evidence`, `present`, `io`, `render`, `report` | the command line |
//! | `app` | `model`, `evidence`, `present`, `io`, `render`, `report` | the window, behind the default `gui` feature |
//!
//! `cli` and `app` never use each other: `main.rs` chooses between them, the window with no
//! arguments or only files to open, and the command line with a command. Built without the `gui` feature there is no window,
//! and the model and command line need no windowing stack.

// The library's tests share the hostile-file generator with the benches, which name the library
// `care_options`.
#[cfg(test)]
extern crate self as care_options;

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod evidence;
pub mod io;
pub mod model;
pub mod present;
pub mod render;
pub mod report;

/// The default scenario, embedded so the program always has something to open.
pub const DEFAULT_SCENARIO: &str = include_str!("../scenarios/default.ron");
