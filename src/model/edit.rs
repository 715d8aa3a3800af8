//! Changes to the shape of a scenario: adding, duplicating, renaming and removing options, and
//! adding, renaming and removing kinds of placement. Pure functions on the file; the window
//! applies each as one step to undo. Notes follow their option or placement: renamed, copied or
//! removed with it.

use std::collections::BTreeMap;

use super::scenario::{DeliveryOption, Placement, ScenarioFile};
use super::upgrade::option_id;
use super::{Dist, OptionKind};

/// The notes of a scenario, keyed by field path.
pub type Notes = BTreeMap<String, String>;

/// The path of an option, under which its fields' notes sit: `options[In-house]`.
pub fn option_key(name: &str) -> String {
    format!("options[{name}]")
}

/// The path of a kind of placement: `placements.mix[Children's homes]`.
pub fn placement_key(name: &str) -> String {
    format!("placements.mix[{name}]")
}

/// A name not yet used by any option: `base`, else `base 2`, `base 3`…
fn unique_name(file: &ScenarioFile, base: &str) -> String {
    let taken = |n: &str| file.options.iter().any(|o| o.name == n);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|k| format!("{base} {k}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_string())
}

/// An identifier for `option` (named already) that no other option has, where the file gives
/// options identifiers (format version 3): a copy gets random streams of its own.
fn give_unique_id(file: &ScenarioFile, option: &mut DeliveryOption) {
    if option.id.is_some() || file.is_whole_budget() {
        let taken: Vec<String> = file.options.iter().filter_map(|o| o.id.clone()).collect();
        option.id = Some(option_id(&option.name, &taken));
    }
}

/// Adds `template` (an option to start from, such as the default scenario's option of the kind
/// wanted) under a name and identifier no other option has.
pub fn add_option(file: &mut ScenarioFile, mut template: DeliveryOption) {
    template.name = unique_name(file, &template.name);
    give_unique_id(file, &mut template);
    file.options.push(template);
}

/// The option of `kind` in `file`, to add to another scenario as a starting point.
pub fn template(file: &ScenarioFile, kind: OptionKind) -> Option<DeliveryOption> {
    file.options.iter().find(|o| o.kind == kind).cloned()
}

/// A new kind of placement with no share yet, so the shares still add up.
pub fn add_placement(file: &mut ScenarioFile) {
    let taken = |n: &str| file.placements.mix.iter().any(|p| p.name == n);
    let name = (1..)
        .map(|k| {
            if k == 1 {
                "New placement".to_string()
            } else {
                format!("New placement {k}")
            }
        })
        .find(|n| !taken(n))
        .unwrap_or_else(|| "New placement".to_string());
    file.placements.mix.push(Placement {
        name,
        share: 0.0,
        weekly_cost: Dist::Fixed(1_000.0),
    });
}

/// Inserts a copy of option `index` after it, named "… (copy)".
pub fn duplicate_option(file: &mut ScenarioFile, index: usize) {
    if let Some(original) = file.options.get(index) {
        let mut copy = original.clone();
        copy.name = unique_name(file, &format!("{} (copy)", original.name));
        give_unique_id(file, &mut copy);
        copy_notes(
            &mut file.notes,
            &option_key(&original.name),
            &option_key(&copy.name),
        );
        file.options.insert(index + 1, copy);
    }
}

/// Removes option `index`, keeping at least one; the baseline moves to the first option if it
/// was the one removed.
pub fn remove_option(file: &mut ScenarioFile, index: usize) {
    if file.options.len() <= 1 || index >= file.options.len() {
        return;
    }
    let removed = file.options.remove(index);
    remove_notes(&mut file.notes, &option_key(&removed.name));
    if file.appraisal.baseline_option == removed.name
        && let Some(first) = file.options.first()
    {
        file.appraisal.baseline_option = first.name.clone();
    }
}

/// Renames option `index`, and the baseline and its notes with it.
pub fn rename_option(file: &mut ScenarioFile, index: usize, name: &str) {
    let Some(option) = file.options.get_mut(index) else {
        return;
    };
    let old = std::mem::replace(&mut option.name, name.to_string());
    rename_notes(&mut file.notes, &option_key(&old), &option_key(name));
    if file.appraisal.baseline_option == old {
        file.appraisal.baseline_option = name.to_string();
    }
}

/// Removes kind of placement `index`, keeping at least one.
pub fn remove_placement(file: &mut ScenarioFile, index: usize) {
    if file.placements.mix.len() > 1 && index < file.placements.mix.len() {
        let removed = file.placements.mix.remove(index);
        remove_notes(&mut file.notes, &placement_key(&removed.name));
    }
}

/// Renames kind of placement `index`, and its notes with it.
pub fn rename_placement(file: &mut ScenarioFile, index: usize, name: &str) {
    let Some(placement) = file.placements.mix.get_mut(index) else {
        return;
    };
    let old = std::mem::replace(&mut placement.name, name.to_string());
    rename_notes(&mut file.notes, &placement_key(&old), &placement_key(name));
}

/// Moves the notes under `old` (the key itself and every `old.field` or `old[..]` below it) to
/// `new`, for a renamed option or placement. A note is never moved onto one that exists.
pub fn rename_notes(notes: &mut Notes, old: &str, new: &str) {
    if old == new {
        return;
    }
    let moved: Vec<String> = notes.keys().filter(|k| is_under(k, old)).cloned().collect();
    for key in moved {
        let target = format!("{new}{}", &key[old.len()..]);
        if notes.contains_key(&target) {
            continue;
        }
        if let Some(text) = notes.remove(&key) {
            notes.insert(target, text);
        }
    }
}

/// Copies the notes under `from` to `to` (a duplicated option), leaving existing notes alone.
pub fn copy_notes(notes: &mut Notes, from: &str, to: &str) {
    let copies: Vec<(String, String)> = notes
        .iter()
        .filter(|(k, _)| is_under(k, from))
        .map(|(k, v)| (format!("{to}{}", &k[from.len()..]), v.clone()))
        .collect();
    for (key, text) in copies {
        notes.entry(key).or_insert(text);
    }
}

/// Removes the notes under `prefix`, for a removed option or placement.
pub fn remove_notes(notes: &mut Notes, prefix: &str) {
    notes.retain(|k, _| !is_under(k, prefix));
}

/// True for `prefix` itself and the paths of the fields below it.
fn is_under(key: &str, prefix: &str) -> bool {
    key.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_file() -> ScenarioFile {
        crate::io::parse_scenario(crate::DEFAULT_SCENARIO).unwrap()
    }

    #[test]
    fn option_edits_keep_names_unique_and_the_baseline_valid() {
        let mut file = default_file();
        let trust = template(&file, OptionKind::Trust).unwrap();
        add_option(&mut file, trust.clone());
        add_option(&mut file, trust.clone());
        let names: Vec<&str> = file.options.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names[3..], ["Children's trust 2", "Children's trust 3"]);
        duplicate_option(&mut file, 0);
        assert_eq!(file.options[1].name, "In-house (copy)");
        rename_option(&mut file, 0, "Council");
        assert_eq!(file.appraisal.baseline_option, "Council");
        remove_option(&mut file, 0);
        assert_eq!(file.appraisal.baseline_option, "In-house (copy)");
        assert!(crate::model::validate(&file).is_ok());
        let ids: Vec<&str> = file
            .options
            .iter()
            .filter_map(|o| o.id.as_deref())
            .collect();
        assert_eq!(
            ids.len(),
            file.options.len(),
            "every option keeps an identifier"
        );
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "identifiers stay unique: {ids:?}");
    }

    #[test]
    fn notes_follow_their_option_and_placement() {
        let mut file = default_file_with_notes();
        rename_option(&mut file, 1, "Directed trust");
        duplicate_option(&mut file, 1);
        rename_placement(&mut file, 3, "Residential");
        let keys: Vec<&str> = file.notes.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "options[Directed trust (copy)].setup_cost",
                "options[Directed trust].setup_cost",
                "options[In-house].annual_turnover",
                "placements.mix[Residential].weekly_cost",
                "workforce.agency_premium",
            ]
        );
        remove_option(&mut file, 1);
        remove_placement(&mut file, 3);
        let keys: Vec<&str> = file.notes.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "options[Directed trust (copy)].setup_cost",
                "options[In-house].annual_turnover",
                "workforce.agency_premium",
            ]
        );
    }

    fn default_file_with_notes() -> ScenarioFile {
        let mut file = default_file();
        file.notes.clear();
        for key in [
            "options[Children's trust].setup_cost",
            "options[In-house].annual_turnover",
            "placements.mix[Children's homes].weekly_cost",
            "workforce.agency_premium",
        ] {
            file.notes.insert(key.into(), "a note".into());
        }
        file
    }

    #[test]
    fn the_last_option_and_placement_stay() {
        let mut file = default_file();
        file.options.truncate(1);
        remove_option(&mut file, 0);
        assert_eq!(file.options.len(), 1);
        file.placements.mix.truncate(1);
        remove_placement(&mut file, 0);
        assert_eq!(file.placements.mix.len(), 1);
        add_placement(&mut file);
        add_placement(&mut file);
        assert_eq!(file.placements.mix[2].name, "New placement 2");
    }

    #[test]
    fn renaming_moves_only_the_notes_of_that_option() {
        let mut notes = Notes::new();
        for key in [
            "options[Trust].setup_cost",
            "options[Trust]",
            "options[Trust 2].setup_cost",
            "workforce.agency_premium",
        ] {
            notes.insert(key.into(), format!("about {key}"));
        }
        rename_notes(&mut notes, "options[Trust]", "options[Directed trust]");
        let keys: Vec<&str> = notes.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "options[Directed trust]",
                "options[Directed trust].setup_cost",
                "options[Trust 2].setup_cost",
                "workforce.agency_premium",
            ]
        );
        assert_eq!(
            notes["options[Directed trust].setup_cost"],
            "about options[Trust].setup_cost"
        );
        copy_notes(&mut notes, "options[Directed trust]", "options[Copy]");
        assert_eq!(notes.len(), 6);
        remove_notes(&mut notes, "options[Directed trust]");
        remove_notes(&mut notes, "options[Copy]");
        let keys: Vec<&str> = notes.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["options[Trust 2].setup_cost", "workforce.agency_premium"]
        );
    }
}
