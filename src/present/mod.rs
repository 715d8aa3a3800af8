//! How numbers are shown to people: £m formatting, financial-year labels, percentages, the
//! plain-English headline sentences, what each input means and where it comes from, the numbers
//! each chart draws, the option colours and the stamp on every export. Shared by the CLI, the
//! window, the exported charts and the report so that every front says the same thing the same
//! way. Depends on the model only: no files, no window.

pub mod budget;
pub mod chart_data;
pub mod colours;
pub mod fields;
pub mod format;
pub mod glossary;
pub mod headline;
pub mod implied;
pub mod outcomes;
pub mod plain;
pub mod sources;
pub mod stamp;
pub mod summary_table;
pub mod switching;

pub use format::{
    UtcPrecision, financial_year, gbp_m, gbp_m_signed, millions, percent, thousands, utc,
};
pub use headline::headlines;
