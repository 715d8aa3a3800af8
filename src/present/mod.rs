//! How numbers are shown to people: £m formatting, financial-year labels, percentages and the
//! plain-English headline sentences. Shared by the CLI, the window and the report so that every
//! front says the same thing the same way. Depends on the model only.

pub mod format;
pub mod headline;
pub mod sources;

pub use format::{financial_year, gbp_m, gbp_m_signed, percent, thousands};
pub use headline::headlines;
