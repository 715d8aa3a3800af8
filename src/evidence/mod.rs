//! Published evidence a scenario can be grounded in: the DfE children's social work workforce
//! census by council ([`census`]), a council's own figures as starting values
//! ([`starting_values`]), and flags on inputs far outside what English councils report
//! ([`flags`]). Depends on the model only; the window and the command line show it.

pub mod calibrate;
pub mod census;
pub mod council;
pub mod data;
pub mod flags;
pub mod published;
pub mod starting_values;

pub use census::{Area, Census, Indicator, census};
pub use flags::{Flag, flags};
pub use starting_values::{Plan, StartingValue, apply, plan};
