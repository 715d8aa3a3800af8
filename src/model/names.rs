//! The rules for names (the scenario's, each option's and each placement's): no control
//! characters, a length people can read in a table and a file system can hold in a file name, and
//! no two the same once capitals and spaces at either end are set aside ("In-house", "in-house "
//! and "IN-HOUSE" are one option to anyone reading a report).

use std::collections::HashMap;

/// The longest scenario name, in characters.
pub const MAX_SCENARIO_NAME_CHARS: usize = 200;
/// The longest option or placement name, in characters: it heads table columns and names chart
/// files.
pub const MAX_NAME_CHARS: usize = 80;

/// How a character that may not appear in a name is named in a message: `U+0007 (BEL)`.
pub fn describe_char(c: char) -> String {
    let name = match c {
        '\0' => Some("NUL"),
        '\u{7}' => Some("BEL"),
        '\u{8}' => Some("backspace"),
        '\t' => Some("tab"),
        '\n' => Some("line break"),
        '\r' => Some("carriage return"),
        '\u{1b}' => Some("ESC"),
        '\u{7f}' => Some("DEL"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some("text-direction control"),
        _ => None,
    };
    match name {
        Some(name) => format!("U+{:04X} ({name})", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// Characters no name may hold: control characters, which garble terminals and make SVG files
/// invalid, and the invisible controls that reverse the direction of text, which can make a name
/// read as another.
fn forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What is wrong with a name's characters and length, if anything (`what`: "the name").
pub fn check_text(name: &str, max_chars: usize) -> Option<String> {
    if let Some((at, c)) = name.chars().enumerate().find(|(_, c)| forbidden(*c)) {
        return Some(format!(
            "the name holds the control character {} at character {}; names may not hold tabs, \
             line breaks or other control characters",
            describe_char(c),
            at + 1
        ));
    }
    let chars = name.chars().count();
    (chars > max_chars).then(|| {
        format!("the name is {chars} characters long; names are at most {max_chars} characters")
    })
}

/// The form in which two names are compared: without spaces at either end, in small letters.
pub fn comparable(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Names seen so far in one list, to find one used twice.
#[derive(Debug, Default)]
pub struct SeenNames(HashMap<String, String>);

impl SeenNames {
    /// Notes `name`; if an earlier name is the same once compared, says which, as a message that
    /// starts "is used twice".
    pub fn repeat_of(&mut self, name: &str) -> Option<String> {
        let key = comparable(name);
        match self.0.get(&key) {
            Some(earlier) if earlier == name => Some("is used twice".to_string()),
            Some(earlier) => Some(format!(
                "is used twice: it is the same name as \"{earlier}\" (names are compared \
                 ignoring capitals and spaces at either end)"
            )),
            None => {
                self.0.insert(key, name.to_string());
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_named_with_their_place() {
        let m = check_text("In\u{7}house", MAX_NAME_CHARS).unwrap();
        assert!(m.contains("U+0007 (BEL) at character 3"), "{m}");
        assert!(
            check_text("A\u{1b}[31m", MAX_NAME_CHARS)
                .unwrap()
                .contains("(ESC)")
        );
        assert!(check_text("\0", MAX_NAME_CHARS).unwrap().contains("(NUL)"));
        assert!(
            check_text("abc\u{202e}fed", MAX_NAME_CHARS)
                .unwrap()
                .contains("text-direction")
        );
        assert_eq!(check_text("Children's trust — £ é", MAX_NAME_CHARS), None);
    }

    #[test]
    fn long_names_are_refused_with_the_limit() {
        assert_eq!(check_text(&"é".repeat(80), 80), None);
        let m = check_text(&"é".repeat(81), 80).unwrap();
        assert!(
            m.contains("81 characters long") && m.contains("at most 80"),
            "{m}"
        );
    }

    #[test]
    fn names_differing_in_capitals_or_outer_spaces_are_the_same() {
        let mut seen = SeenNames::default();
        assert_eq!(seen.repeat_of("In-house"), None);
        assert_eq!(seen.repeat_of("Trust"), None);
        assert_eq!(seen.repeat_of("In-house").unwrap(), "is used twice");
        let m = seen.repeat_of(" in-HOUSE ").unwrap();
        assert!(m.contains("same name as \"In-house\""), "{m}");
        assert_eq!(seen.repeat_of("In house"), None, "inner spaces count");
    }
}
