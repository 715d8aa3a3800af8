//! CSV that a spreadsheet reads as data, never as a formula or in the wrong encoding.
//!
//! A text cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which
//! spreadsheets skip before looking) is run as a formula by Excel, LibreOffice and Google Sheets:
//! an option named `=HYPERLINK(…)` would become a live link, `=cmd|…` an attempt to run a program.
//! Such a cell gets a leading apostrophe, the mark spreadsheets themselves use for "this is text"
//! and the usual defence (OWASP, "CSV injection"). Numbers are never changed: `-1234.5` stays a
//! number. Every file starts with a UTF-8 byte-order mark, without which Excel reads `£` and
//! accented names as two strange characters each.

use std::borrow::Cow;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// Characters that make a spreadsheet treat a cell as a formula when they start it (with the
/// full-width forms East Asian keyboards type, which some spreadsheets accept too).
const FORMULA_STARTS: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// A text cell (a name, a kind) as it is safe to write: unchanged, or with a leading apostrophe
/// when it would otherwise start a formula.
pub fn text_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The bytes of a CSV written by the `csv` crate, as text for a file: with the byte-order mark.
pub fn with_bom(csv: &[u8]) -> String {
    format!("{BOM}{}", String::from_utf8_lossy(csv))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_other_cells_stay_as_they_are() {
        for formula in [
            "=cmd|' /C calc'!A0",
            "@SUM(A1:A9)",
            "=HYPERLINK(\"http://example.com\",\"click\")",
            "+1+1",
            "-2+3",
            "\t=1+1",
            "\r=1+1",
            "\u{ff1d}1+1",
        ] {
            assert_eq!(text_cell(formula), format!("'{formula}"));
        }
        for plain in [
            "In-house",
            "Children's trust",
            "Option = 2",
            " =x",
            "£5m",
            "",
        ] {
            assert_eq!(text_cell(plain), plain);
        }
    }

    #[test]
    fn a_file_starts_with_the_byte_order_mark() {
        let text = with_bom("option\n£\n".as_bytes());
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(&text[3..], "option\n£\n");
    }
}
