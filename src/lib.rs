//! Care Options: Monte Carlo appraisal of how children's social care is delivered — in-house, by
//! an independent children's trust, or by a council-owned community interest company.
//!
//! Dependencies point one way: [`model`] ← [`io`] ← [`present`] ← [`render`] ← { [`cli`], `app` }.
//! [`render`] draws the exported charts headless, so the command line's reports need no window.
//! The window (`app`) sits behind the default `gui` feature so the model and CLI build without a
//! windowing stack.

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
