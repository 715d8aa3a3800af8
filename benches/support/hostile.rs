//! A hostile scenario file: 10,000 options, each with an input outside its allowed range, padded
//! with notes to 16 MB; pretty-printed (one field a line) or compact (the whole file on one line).
//! Shared by `benches/validate.rs`, which times checking it, and the tests, which check that every
//! problem is found with its line and column.

use care_options::io::parse_scenario;
use care_options::model::{Dist, ScenarioFile};

/// Options in the hostile file, every one invalid.
pub const OPTIONS: usize = 10_000;
/// Size of the hostile file, in bytes: 16 MB.
pub const BYTES: usize = 16 * 1024 * 1024;

/// The hostile file's text: `one_line` puts all of it on a single line.
pub fn hostile_text(one_line: bool) -> String {
    text_of(OPTIONS, BYTES, one_line)
}

/// A hostile file of `options` invalid options, padded to `bytes`.
pub fn text_of(options: usize, bytes: usize, one_line: bool) -> String {
    let render = |file: &ScenarioFile| {
        if one_line {
            ron::ser::to_string(file).unwrap_or_default()
        } else {
            // One field a line, without indentation: 10,000 whole options fit in 16 MB.
            let config = ron::ser::PrettyConfig::new()
                .indentor(String::new())
                .separate_tuple_members(false);
            ron::ser::to_string_pretty(file, config).unwrap_or_default()
        }
    };
    let mut file = hostile_file(options, 0);
    let unpadded = render(&file).len();
    // Each note adds its text and about 60 bytes of key and punctuation.
    let note_len = bytes.saturating_sub(unpadded) / options;
    file = hostile_file(options, note_len.saturating_sub(60));
    let mut text = render(&file);
    // Top up to the exact size with spaces, which RON ignores.
    if text.len() < bytes {
        text.push_str(&" ".repeat(bytes - text.len()));
    }
    text
}

fn hostile_file(options: usize, note_len: usize) -> ScenarioFile {
    let mut file = parse_scenario(care_options::DEFAULT_SCENARIO).unwrap_or_else(|e| {
        panic!("the default scenario parses: {e}");
    });
    file.notes.clear();
    let template = file.options[0].clone();
    file.options = (0..options)
        .map(|i| {
            let mut o = template.clone();
            o.name = format!("Option {i:05}");
            o.id = Some(format!("option-{i:05}"));
            // Outside [0, 1]: one problem per option.
            o.agency_cover = Dist::Fixed(1.2);
            o
        })
        .collect();
    file.appraisal.baseline_option = file.options[0].name.clone();
    if note_len > 0 {
        let note = "n".repeat(note_len);
        for o in &file.options {
            file.notes
                .insert(format!("options[{}].agency_cover", o.name), note.clone());
        }
    }
    file
}
