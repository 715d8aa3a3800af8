//! Number formats.

use num_format::{Locale, ToFormattedString};

pub use crate::io::export::financial_year;

/// Pounds as millions with one decimal: `£48.3m`.
pub fn gbp_m(pounds: f64) -> String {
    let m = pounds / 1e6;
    if m < 0.0 {
        format!("−£{:.1}m", -m)
    } else {
        format!("£{m:.1}m")
    }
}

/// Like [`gbp_m`] but always signed: `+£2.7m`, `−£1.0m`.
pub fn gbp_m_signed(pounds: f64) -> String {
    let m = pounds / 1e6;
    if m < 0.0 {
        format!("−£{:.1}m", -m)
    } else {
        format!("+£{m:.1}m")
    }
}

/// Millions with one decimal and no symbol, for tables whose heading says £m: `612.4`, `−2.7`,
/// and `+15.3` when `signed`.
pub fn millions(pounds: f64, signed: bool) -> String {
    let v = pounds / 1e6;
    let sign = if v < 0.0 {
        "−"
    } else if signed {
        "+"
    } else {
        ""
    };
    format!("{sign}{:.1}", v.abs())
}

/// A share as a whole percentage: `59%`. Shares just off 0 or 1 say so rather than round to it.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if share > 0.0 && p < 0.5 {
        "<1%".to_string()
    } else if share < 1.0 && p > 99.5 {
        ">99%".to_string()
    } else {
        format!("{p:.0}%")
    }
}

/// An axis tick in £m: `£600m`, or `−£2.5m` when the ticks are less than £1m apart.
pub fn gbp_m_tick(value_m: f64, step_m: f64) -> String {
    let sign = if value_m < -1e-9 { "−" } else { "" };
    let a = value_m.abs();
    if step_m >= 1.0 || a == 0.0 {
        format!("{sign}£{a:.0}m")
    } else {
        format!("{sign}£{a:.1}m")
    }
}

/// An integer with thousands separators: `10,000`.
pub fn thousands(n: u64) -> String {
    n.to_formatted_string(&Locale::en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_as_a_finance_officer_expects() {
        assert_eq!(gbp_m(48_300_000.0), "£48.3m");
        assert_eq!(gbp_m_signed(-1_000_000.0), "−£1.0m");
        assert_eq!(gbp_m_signed(2_650_000.0), "+£2.6m");
        assert_eq!(percent(0.594), "59%");
        assert_eq!(percent(0.999), ">99%");
        assert_eq!(percent(0.001), "<1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(thousands(10000), "10,000");
        assert_eq!(financial_year(2026), "2026/27");
        assert_eq!(financial_year(2099), "2099/00");
        assert_eq!(gbp_m_tick(600.0, 20.0), "£600m");
        assert_eq!(gbp_m_tick(-2.5, 0.5), "−£2.5m");
    }
}
