//! Switching values in people's words: one sentence per option that leads with its most fragile
//! assumption, and the rows of the switching-value table shown in the window, the report and the
//! command line. Depends on the model only.

use crate::model::inputs::{BlockInput, RETAINED_OVERHEAD_PATH};
use crate::model::results::{OptionResult, RunResults};
use crate::model::scenario::ScenarioFile;
use crate::model::switching::SwitchingValue;
use crate::model::{OptionInput, WorldInput};

use super::fields::{RETAINED_OVERHEAD, Unit, WEEKLY_COST, block_spec, option_spec, world_spec};
use super::format::money;
use super::headline::display_name;

/// What an input is called and measured in, and whether it rests on judgement alone.
#[derive(Debug, Clone, PartialEq)]
pub struct InputWords {
    /// "Looked-after reduction".
    pub label: String,
    /// The option whose input it is, for an option's own input.
    pub option: Option<String>,
    pub unit: Unit,
    /// True when the file's note on the input, or where there is none the default's source,
    /// says the value is judgement.
    pub judgement: bool,
}

/// The words for the input at `path` of `file`.
pub fn input_words(path: &str, file: &ScenarioFile) -> InputWords {
    let (label, option, unit, source) = describe(path, file);
    let note = file.notes.get(path).map(String::as_str);
    let judgement = match note {
        Some(n) => note_says_judgement(n),
        None => source.starts_with("Judgement"),
    };
    InputWords {
        label,
        option,
        unit,
        judgement,
    }
}

/// True when a note says the value itself is judgement ("…: judgement.", "(judgement; no
/// published source found)"), not merely its range ("Range 0–5% is judgement.").
pub fn note_says_judgement(note: &str) -> bool {
    const ABOUT_THE_RANGE: [&str; 5] = ["range", "the range", "spread", "split", "size range"];
    note.to_lowercase()
        .split(['.', ';', ':', '(', ')'])
        .map(str::trim)
        .filter(|clause| clause.contains("judgement"))
        .any(|clause| !ABOUT_THE_RANGE.iter().any(|r| clause.starts_with(r)))
}

fn describe(path: &str, file: &ScenarioFile) -> (String, Option<String>, Unit, &'static str) {
    if let Some(w) = WorldInput::ALL.iter().find(|w| w.path() == path) {
        let spec = world_spec(*w);
        return (spec.label.to_string(), None, spec.unit, spec.source);
    }
    if path == RETAINED_OVERHEAD_PATH {
        let spec = RETAINED_OVERHEAD;
        return (spec.label.to_string(), None, spec.unit, spec.source);
    }
    if let Some(rest) = path.strip_prefix("options[")
        && let Some((name, field)) = rest.rsplit_once("].")
        && let Some(j) = OptionInput::ALL.iter().find(|j| j.field() == field)
    {
        let spec = option_spec(*j);
        return (
            spec.label.to_string(),
            Some(name.to_string()),
            spec.unit,
            spec.source,
        );
    }
    if let Some(rest) = path.strip_prefix("placements.mix[")
        && let Some((name, _)) = rest.rsplit_once("].")
    {
        return (
            format!("Weekly cost: {name}"),
            None,
            WEEKLY_COST.unit,
            WEEKLY_COST.source,
        );
    }
    if let Some(rest) = path.strip_prefix("budget.blocks[")
        && let Some((name, field)) = rest.rsplit_once("].")
        && let Some(input) = BlockInput::ALL.into_iter().find(|b| b.field() == field)
        && let Some(block) = file
            .budget
            .as_ref()
            .and_then(|b| b.blocks.iter().find(|k| k.name == name))
    {
        let spec = block_spec(input, block.driver);
        return (
            format!("{name}: {}", spec.label),
            None,
            spec.unit,
            spec.source,
        );
    }
    (super::fields::input_title(path), None, Unit::Count, "")
}

/// A value of an input as the sentences and tables show it: a rate to one decimal ("8.3%"),
/// money in whole pounds, anything else in its unit.
pub fn value_text(unit: Unit, stored: f64) -> String {
    match unit {
        // A value that rounds to zero is written "0.0", never "−0.0".
        Unit::Percent | Unit::PercentPerYear => {
            format!("{:.1}%", not_minus_zero(stored * 100.0)).replacen('-', "−", 1)
        }
        Unit::PercentagePoints => {
            format!("{:.1} pp", not_minus_zero(stored * 100.0)).replacen('-', "−", 1)
        }
        u if u.is_money() => money(stored),
        u => u.format(stored),
    }
}

/// Zero for a value that one decimal would write as "-0.0".
fn not_minus_zero(x: f64) -> f64 {
    if x.abs() < 0.05 { 0.0 } else { x }
}

/// The input in a sentence about `option`: "its looked-after reduction", "the overheads of
/// in-house", "agency premium".
fn subject(words: &InputWords, option: &str) -> String {
    let label = lower_first(&words.label);
    match &words.option {
        Some(owner) if owner == option => format!("its {label}"),
        Some(owner) => format!("the {label} of {owner}"),
        None => format!("the {label}"),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// How far the input must move to turn the verdict, in widths of its own P10–P90: the smaller,
/// the more fragile the verdict. `None` when no value within the plausible range turns it.
pub fn fragility(v: &SwitchingValue) -> Option<f64> {
    let spread = (v.p90 - v.p10).abs();
    let switch = v.zero_mean_difference?;
    let distance = (switch - v.central).abs();
    Some(if spread > 0.0 {
        distance / spread
    } else {
        distance
    })
}

/// The switching values of `option`, most fragile first; those with none at the end, in the
/// order of their rank correlation.
pub fn ordered<'a>(values: &'a [SwitchingValue], option: &str) -> Vec<&'a SwitchingValue> {
    let mut mine: Vec<&SwitchingValue> = values.iter().filter(|v| v.option == option).collect();
    mine.sort_by(|a, b| match (fragility(a), fragility(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b
            .rank_correlation
            .abs()
            .total_cmp(&a.rank_correlation.abs()),
    });
    mine
}

/// One sentence for `option` that leads with its most fragile assumption:
/// "The children's trust breaks even with in-house on average if its looked-after reduction were
/// 8.2% or more; the file assumes 2.2% (judgement)." `None` for the baseline, or when no switching
/// values were worked out for the option.
pub fn switching_sentence(
    results: &RunResults,
    option: &OptionResult,
    file: &ScenarioFile,
) -> Option<String> {
    let values = results.switching_values.as_ref()?;
    if option.name == results.baseline_option {
        return None;
    }
    let mine = ordered(values, &option.name);
    let first = mine.first()?;
    let name = capitalise(&display_name(option));
    let baseline = results
        .baseline()
        .map(display_name)
        .unwrap_or_else(|| results.baseline_option.clone());
    let Some(switch) = first.zero_mean_difference else {
        return Some(format!(
            "No single one of {name}'s {} most influential assumptions turns its average \
             verdict against {baseline} anywhere within its plausible range.",
            mine.len()
        ));
    };
    let words = input_words(&first.input, file);
    let verdict = if first.mean_difference > 0.0 {
        format!("breaks even with {baseline}")
    } else {
        format!("loses its saving against {baseline}")
    };
    let beyond = if switch > first.central {
        "more"
    } else {
        "less"
    };
    let basis = if words.judgement { " (judgement)" } else { "" };
    Some(format!(
        "{name} {verdict} on average if {} were {} or {beyond}; the file assumes {}{basis}.",
        subject(&words, &option.name),
        value_text(words.unit, switch),
        value_text(words.unit, first.central),
    ))
}

/// Drivers named in an option's tail sentence.
pub const TAIL_DRIVERS_NAMED: usize = 3;

/// What stands apart in `option`'s costliest tenth of futures, in words: "In the costliest tenth
/// of futures for the children's trust against in-house: its overheads 18.4% on average (15.8%
/// over all futures), …". `None` when nothing sampled stands apart.
pub fn tail_sentence(
    results: &RunResults,
    option: &OptionResult,
    file: &ScenarioFile,
) -> Option<String> {
    let drivers = &option.tail_drivers;
    if drivers.is_empty() {
        return None;
    }
    let name = display_name(option);
    let whose = if option.name == results.baseline_option {
        name
    } else {
        let baseline = results
            .baseline()
            .map(display_name)
            .unwrap_or_else(|| results.baseline_option.clone());
        format!("{name} against {baseline}")
    };
    let parts: Vec<String> = drivers
        .iter()
        .take(TAIL_DRIVERS_NAMED)
        .enumerate()
        .map(|(k, d)| {
            let words = input_words(&d.input, file);
            let verb = if k == 0 { " on average" } else { "" };
            let overall = if k == 0 { " over all futures" } else { "" };
            format!(
                "{} {}{verb} ({}{overall})",
                subject(&words, &option.name),
                value_text(words.unit, d.worst_mean),
                value_text(words.unit, d.mean),
            )
        })
        .collect();
    let list = match parts.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => return None,
    };
    Some(format!(
        "In the costliest tenth of futures for {whose}: {list}."
    ))
}

/// The heading over the tail sentences, in the window, the report and the command line.
pub const TAIL_HEADING: &str = "What stands apart in the costliest tenth of futures";

/// Each option's tail sentence, in the order of the options.
pub fn tail_sentences(results: &RunResults, file: &ScenarioFile) -> Vec<String> {
    results
        .options
        .iter()
        .filter_map(|o| tail_sentence(results, o, file))
        .collect()
}

/// One row of the switching-value table, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct SwitchingRow {
    /// "Looked-after reduction (Children's trust)".
    pub input: String,
    /// The file's central value, with "(judgement)" where it is.
    pub assumed: String,
    /// The input's own P10–P90.
    pub p10_p90: String,
    /// Where the mean difference from the baseline is zero, or "none within X to Y".
    pub zero_mean: String,
    /// Where P(cheaper) is 50%, or "none within X to Y".
    pub even_chance: String,
    /// "yes" when the break-even lies inside the input's own P10–P90, "no", or "".
    pub inside: &'static str,
}

/// The table rows for `option`, most fragile first.
pub fn switching_rows(
    results: &RunResults,
    option: &str,
    file: &ScenarioFile,
) -> Vec<SwitchingRow> {
    let Some(values) = results.switching_values.as_ref() else {
        return Vec::new();
    };
    ordered(values, option)
        .into_iter()
        .map(|v| {
            let words = input_words(&v.input, file);
            let text = |x: f64| value_text(words.unit, x);
            let none = format!(
                "none within {} to {}",
                text(v.search_low),
                text(v.search_high)
            );
            let title = match &words.option {
                Some(owner) => format!("{} ({owner})", words.label),
                None => words.label.clone(),
            };
            SwitchingRow {
                input: title,
                assumed: format!(
                    "{}{}",
                    text(v.central),
                    if words.judgement { " (judgement)" } else { "" }
                ),
                p10_p90: format!("{} to {}", text(v.p10), text(v.p90)),
                zero_mean: v.zero_mean_difference.map_or_else(|| none.clone(), text),
                even_chance: v.even_chance.map_or(none, text),
                inside: match v.zero_mean_within_p10_p90 {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                },
            }
        })
        .collect()
}

/// The headings of the switching-value table, in the order of [`SwitchingRow`]'s fields.
pub const SWITCHING_HEADINGS: [&str; 6] = [
    "Input",
    "File assumes",
    "Its P10–P90",
    "Breaks even (mean difference 0)",
    "Cheaper in 50% of futures",
    "Break-even inside P10–P90",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_on_the_range_alone_leaves_the_value_published() {
        assert!(note_says_judgement(
            "Council's own savings programme: judgement."
        ));
        assert!(note_says_judgement(
            "A trust runs its own back office: 2 points above in-house (judgement; no published \
             source found)."
        ));
        assert!(!note_says_judgement(
            "2.4% of the establishment in England in 2025 (DfE workforce census; derived). \
             Range 0-5% is judgement."
        ));
        assert!(!note_says_judgement(
            "HMRC decides VAT case by case: range is judgement."
        ));
    }

    #[test]
    fn values_read_in_their_unit() {
        assert_eq!(value_text(Unit::Percent, 0.0826), "8.3%");
        assert_eq!(value_text(Unit::Percent, -0.0283), "−2.8%");
        assert_eq!(value_text(Unit::Pounds, 4_500_000.0), "£4,500,000");
    }

    #[test]
    fn the_nearest_switch_in_widths_of_p10_p90_is_the_most_fragile() {
        let v =
            |input: &str, central: f64, switch: Option<f64>, p10: f64, p90: f64| SwitchingValue {
                option: "T".into(),
                input: input.into(),
                rank_correlation: 0.5,
                central,
                p10,
                p90,
                search_low: 0.0,
                search_high: 1.0,
                mean_difference: 1.0,
                zero_mean_difference: switch,
                zero_mean_within_p10_p90: None,
                even_chance: switch,
                even_chance_within_p10_p90: None,
                runs: 1,
            };
        // a: 0.06 away over a spread of 0.04 (1.5 widths); b: 0.3 away over 0.5 (0.6 widths).
        let values = [
            v("a", 0.02, Some(0.08), 0.01, 0.05),
            v("c", 0.5, None, 0.0, 1.0),
            v("b", 0.2, Some(0.5), 0.0, 0.5),
        ];
        let order: Vec<&str> = ordered(&values, "T")
            .iter()
            .map(|v| v.input.as_str())
            .collect();
        assert_eq!(order, ["b", "a", "c"]);
    }
}
