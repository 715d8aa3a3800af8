//! Changes to the shape of a scenario: adding, duplicating, renaming and removing options, and
//! adding, renaming and removing kinds of placement. Pure functions on the file, applied by the
//! app as commands so each is one undo step. Notes follow their option or placement: renamed,
//! copied or removed with it.

use crate::model::Placement;
use crate::model::{DeliveryOption, Dist, OptionKind, ScenarioFile};

use super::notes::{copy_notes, remove_notes, rename_notes};
use crate::app::default_scenario_file;

fn option_key(name: &str) -> String {
    format!("options[{name}]")
}

fn placement_key(name: &str) -> String {
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

/// The default scenario's option of this kind, as a starting point.
fn template(kind: OptionKind) -> Option<DeliveryOption> {
    default_scenario_file()
        .options
        .into_iter()
        .find(|o| o.kind == kind)
}

/// Adds the default scenario's option of this kind, under a name no other option has.
pub fn add_option(file: &mut ScenarioFile, kind: OptionKind) {
    if let Some(mut option) = template(kind) {
        option.name = unique_name(file, &option.name);
        file.options.push(option);
    }
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

/// Renames option `index`, and the baseline with it.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_edits_keep_names_unique_and_the_baseline_valid() {
        let mut file = default_scenario_file();
        add_option(&mut file, OptionKind::Trust);
        add_option(&mut file, OptionKind::Trust);
        let names: Vec<&str> = file.options.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names[3..], ["Children's trust 2", "Children's trust 3"]);
        duplicate_option(&mut file, 0);
        assert_eq!(file.options[1].name, "In-house (copy)");
        rename_option(&mut file, 0, "Council");
        assert_eq!(file.appraisal.baseline_option, "Council");
        remove_option(&mut file, 0);
        assert_eq!(file.appraisal.baseline_option, "In-house (copy)");
        assert!(crate::model::validate(&file).is_ok());
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
        let mut file = default_scenario_file();
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
        let mut file = default_scenario_file();
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
}
