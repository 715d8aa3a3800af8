//! How numbers, money, years and times are written for people: one home for each format, so
//! that the window, the command line, the report and the exported charts write them alike.

use std::time::SystemTime;

use num_format::{Locale, ToFormattedString};

/// "2026/27" for the financial year starting in 2026.
pub fn financial_year(start: i32) -> String {
    format!("{start}/{:02}", (start + 1).rem_euclid(100))
}

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

/// `£4,000,000`, `£950`, `−£1,200`.
pub fn money(pounds: f64) -> String {
    let sign = if pounds < 0.0 { "−" } else { "" };
    let whole = pounds.abs();
    if whole >= 1000.0 || whole.fract() == 0.0 {
        format!("{sign}£{}", thousands(whole.round() as u64))
    } else {
        format!("{sign}£{}", trim_number(whole, 2))
    }
}

/// A number with at most `decimals` decimals and no trailing zeros.
pub fn trim_number(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// How exact a short amount of money is, for [`short_money`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyDetail {
    /// A value typed into a box: `£4m`, `£2.575m`, `£42.5k`, `£6,000`, `£950`, exact for the
    /// round figures inputs usually are, and read back by the box as typed.
    Typed,
    /// An estimate, not worth its pennies: `£2.9m`, `£45k`, `£950`.
    Estimate,
}

/// Money short enough for a narrow column, in millions from £1m and thousands from £10,000.
pub fn short_money(pounds: f64, detail: MoneyDetail) -> String {
    let (millions, thousands) = match detail {
        MoneyDetail::Typed => (3, 2),
        MoneyDetail::Estimate => (1, 0),
    };
    let a = pounds.abs();
    let sign = if pounds < 0.0 { "−" } else { "" };
    if a >= 1e6 {
        format!("{sign}£{}m", trim_number(a / 1e6, millions))
    } else if a >= 1e4 {
        format!("{sign}£{}k", trim_number(a / 1e3, thousands))
    } else if detail == MoneyDetail::Estimate {
        money(pounds.round())
    } else {
        money(pounds)
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

/// A name as part of a file name: `Children's trust` → `childrens-trust`. Letters (of any
/// alphabet) and digits are kept in lower case; apostrophes are dropped, so a possessive reads as
/// one word; every other run of characters becomes one hyphen. A name with no letter or digit
/// gives `fallback`. At most [`MAX_SLUG_CHARS`] characters, so that a file name built on it stays
/// far below the 255 bytes file systems allow, whatever the name. Every file name the program
/// suggests or writes from a name follows this rule.
pub fn slug(name: &str, fallback: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .flat_map(|c| {
            let kept = if c.is_alphanumeric() { c } else { '-' };
            kept.to_lowercase()
        })
        .collect();
    let words: Vec<&str> = cleaned.split('-').filter(|s| !s.is_empty()).collect();
    if words.is_empty() {
        fallback.to_string()
    } else {
        let joined: String = words.join("-").chars().take(MAX_SLUG_CHARS).collect();
        joined.trim_end_matches('-').to_string()
    }
}

/// The longest [`slug`], in characters.
pub const MAX_SLUG_CHARS: usize = 60;

/// How finely [`utc`] writes a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UtcPrecision {
    /// `2026-11-21 14:05 UTC`: the stamp on exports.
    Minute,
    /// `2026-11-21 14:05:09 UTC`: crash reports and file times.
    Second,
}

/// A moment as UTC text: `2026-11-21 14:05 UTC`. UTC rather than local time: the offset cannot be
/// read safely from a program with several threads on every platform, and an auditor compares
/// stamps from anywhere.
pub fn utc(at: SystemTime, precision: UtcPrecision) -> String {
    let t = time::OffsetDateTime::from(at);
    let minute = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    );
    match precision {
        UtcPrecision::Minute => format!("{minute} UTC"),
        UtcPrecision::Second => format!("{minute}:{:02} UTC", t.second()),
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
        assert_eq!(money(4e6), "£4,000,000");
        assert_eq!(money(-1_200.0), "−£1,200");
        assert_eq!(money(12.5), "£12.5");
        assert_eq!(short_money(2_575_000.0, MoneyDetail::Typed), "£2.575m");
        assert_eq!(short_money(2_575_000.0, MoneyDetail::Estimate), "£2.6m");
        assert_eq!(short_money(42_500.0, MoneyDetail::Typed), "£42.5k");
        assert_eq!(short_money(44_600.0, MoneyDetail::Estimate), "£45k");
        assert_eq!(short_money(949.6, MoneyDetail::Estimate), "£950");
        assert_eq!(short_money(-6_000.0, MoneyDetail::Typed), "−£6,000");
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Children's trust", "option"), "childrens-trust");
        assert_eq!(slug("Children’s trust", "option"), "childrens-trust");
        assert_eq!(
            slug("Community interest company", "option"),
            "community-interest-company"
        );
        assert_eq!(
            slug("Café: Option B (2027)", "option"),
            "café-option-b-2027"
        );
        assert_eq!(slug("  /// ", "scenario"), "scenario");
        let long = slug(&"Ab ".repeat(100), "option");
        assert_eq!(long.chars().count(), MAX_SLUG_CHARS - 1);
        assert!(!long.ends_with('-'));
    }

    #[test]
    fn times_are_utc_to_the_minute_or_the_second() {
        use std::time::{Duration, UNIX_EPOCH};
        // 2026-11-21 14:05:59 UTC.
        let t = UNIX_EPOCH + Duration::from_secs(1_795_269_959);
        assert_eq!(utc(t, UtcPrecision::Minute), "2026-11-21 14:05 UTC");
        assert_eq!(utc(t, UtcPrecision::Second), "2026-11-21 14:05:59 UTC");
    }
}
