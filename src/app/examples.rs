//! The example scenarios shipped in `scenarios/`, embedded in the program so that an installed
//! copy, which has no `scenarios/` folder beside it, still offers every one under File > New from
//! example. A test reads the folder and fails when a file in it is missing here.

use crate::io::parse_scenario;

use super::CareOptionsApp;
use super::document::Document;

/// One shipped example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Its file name in `scenarios/`.
    pub file: &'static str,
    /// What the menu calls it.
    pub title: &'static str,
    /// What it is for, on hover.
    pub about: &'static str,
    /// The file's text.
    pub text: &'static str,
}

/// Every file in `scenarios/`, in the menu's order: the default first.
pub const EXAMPLES: &[Example] = &[
    Example {
        file: "default.ron",
        title: "An average English council (the default)",
        about: "About 2,100 open cases and 530 children looked after: the whole children's social \
                care budget in-house, by a children's trust or by a community interest company, \
                over ten years.",
        text: crate::DEFAULT_SCENARIO,
    },
    Example {
        file: "demand-surge.ron",
        title: "Stress test: a demand surge",
        about: "The default council facing demand growth of 2–9% a year and a one-in-four yearly \
                chance of a demand shock: a stress test, not a forecast.",
        text: include_str!("../../scenarios/demand-surge.ron"),
    },
    Example {
        file: "dfe-directed-trust.ron",
        title: "A council under DfE direction",
        about: "A council judged inadequate compares an in-house improvement plan with an \
                imposed children's trust.",
        text: include_str!("../../scenarios/dfe-directed-trust.ron"),
    },
    Example {
        file: "shared-cic.ron",
        title: "Several councils sharing a CIC",
        about: "Neighbouring councils compare running children's social care each on its own \
                with one community interest company they jointly own.",
        text: include_str!("../../scenarios/shared-cic.ron"),
    },
];

/// The example shipped as `file`, if there is one.
pub fn example(file: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.file == file)
}

impl CareOptionsApp {
    /// File > New from example: a new tab on the example, as File > New gives one on the
    /// default; never saved, so Save asks where.
    pub(super) fn new_from_example(&mut self, file: &str) {
        let Some(example) = example(file) else {
            self.message = Some(format!("There is no example called {file}."));
            return;
        };
        match parse_scenario(example.text) {
            Ok(scenario) => {
                self.add_tab(Document::new(scenario, None));
                self.message = Some(format!(
                    "New scenario from the example \u{201c}{}\u{201d}: Save As keeps your \
                     changes in a file of your own.",
                    example.title
                ));
            }
            Err(e) => {
                self.message = Some(format!("The example {file} cannot be read: {e}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenarios_folder() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
    }

    #[test]
    fn every_file_in_scenarios_is_an_example_with_its_own_text() {
        let mut on_disk: Vec<String> = std::fs::read_dir(scenarios_folder())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".ron"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = EXAMPLES.iter().map(|e| e.file.to_string()).collect();
        embedded.sort();
        assert_eq!(
            embedded, on_disk,
            "src/app/examples.rs must list every file in scenarios/"
        );
        for e in EXAMPLES {
            let text = std::fs::read_to_string(scenarios_folder().join(e.file)).unwrap();
            assert_eq!(e.text, text, "{} embeds another file's text", e.file);
            assert!(parse_scenario(e.text).is_ok(), "{} parses", e.file);
            assert!(!e.title.trim().is_empty() && !e.about.trim().is_empty());
        }
        let mut titles: Vec<&str> = EXAMPLES.iter().map(|e| e.title).collect();
        titles.sort();
        titles.dedup();
        assert_eq!(titles.len(), EXAMPLES.len(), "each title names one example");
    }
}
