//! What the window draws around the editor: the menu bar, the tab bar, the results and their
//! summary, the status bar, modal windows (About and its third-party licences), the compare view,
//! council benchmarks and presentation mode. Each panel reads the state it is given and records
//! what the person asked for as a [`crate::app::command::Command`]; none changes app-level state
//! itself.

pub mod benchmarks;
pub mod budget;
pub mod compare;
pub mod council_spend;
pub mod dialogs;
pub mod export_menu;
pub mod licences;
pub mod menu;
pub mod new_council;
pub mod presentation;
pub mod results;
pub mod status;
pub mod summary;
pub mod switching;
pub mod tab_bar;
