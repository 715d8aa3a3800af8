//! Help > Guide and glossary (F1): a short guide to an appraisal, and the words the window, the
//! report and the slides use, in plain English. Text only; the window lays it out.

/// The guide: one step a paragraph.
pub const GUIDE: [&str; 5] = [
    "1. Start from your council: File > New from council… builds a scenario from its published \
     figures (DfE workforce census, children in need and looked after, MHCLG revenue outturn), \
     every input with a note saying where it came from. Or edit the example.",
    "2. Check the inputs on the left. Each uncertain input has a shape (a smooth peak, a \
     bell curve…) and a Low, a Most likely and a High value (or an Average and a Spread); the \
     grey range under it is the P10–P90 it implies. Its note \
     (the button at the end of its row) says whether a value is published data or judgement.",
    "3. Read the results on the right as you type: every edit re-runs a 2,000-iteration preview. \
     Run full runs the scenario's own count; the status bar gives the simulation error of the \
     figures on show.",
    "4. Ask what would change the verdict: each option's switching-value sentence names the \
     assumption nearest to turning it, and the tornado shows how far each input moves the \
     difference from the baseline, in £m.",
    "5. Present (F5) or export (File > Export): the slides and the report carry a stamp (file, \
     hash, iterations, seed) with which anyone can reproduce every figure.",
];

/// Each term and what it means, in alphabetical order (of letters, digits and spaces).
pub const GLOSSARY: [(&str, &str); 22] = [
    (
        "Average, Spread (SD)",
        "The two values that set a bell curve or a skewed-up input: its mean, and its standard \
         deviation, how far values typically fall from the mean (mean and sd in a scenario \
         file).",
    ),
    (
        "Baseline",
        "The option the others are compared with, usually in-house. Each other option's \
         difference is taken in the same simulated future.",
    ),
    (
        "Bell curve (normal)",
        "Values spread evenly either side of the Average, most of them close to it, set by an \
         Average and a Spread (SD).",
    ),
    (
        "Common random numbers",
        "Every option is simulated under the same draws of demand and of the inputs they \
         share, so a difference between options comes from the options, not from luck.",
    ),
    (
        "Contract sum",
        "What the council agrees to pay a trust or company each year. The provider's actual \
         cost above it is an overspend; the risk share and the provider's reserves decide how \
         much of it comes back to the council.",
    ),
    (
        "Costliest tenth",
        "The tenth of simulated futures in which the option costs most against the baseline; \
         the inputs whose values stand apart there say what drives the worst outcomes.",
    ),
    (
        "Fixed value",
        "An input with no uncertainty: the same value in every simulated future.",
    ),
    (
        "Flat range (uniform)",
        "Every value between the Low and the High equally likely.",
    ),
    (
        "Judgement",
        "A value not taken from published data but set by the scenario's author or by the \
         program's defaults; its note says so. Verdicts that rest on judgement deserve a \
         switching value.",
    ),
    (
        "Low, High",
        "The lowest and highest values a flat range, a triangle or a smooth peak allows (min \
         and max in a scenario file).",
    ),
    (
        "Most likely (mode)",
        "The value an input takes most often (mode in a scenario file); with a Low and a High \
         it sets a triangle or a smooth peak.",
    ),
    (
        "Net present cost (NPC)",
        "The cost of every year of the horizon, in start-year prices and discounted at the \
         Treasury Green Book's 3.5% a year, added up: what the whole option costs in today's \
         money.",
    ),
    (
        "P10, P50, P90",
        "The values below which 10%, 50% (the median) and 90% of simulated futures fall. \
         P10 to P90 holds the middle 80% of futures.",
    ),
    (
        "P(cheaper)",
        "The share of simulated futures in which the option costs less than the baseline in \
         the same future.",
    ),
    (
        "P(cheaper and better)",
        "The share of futures in which the option both costs less than the baseline and has \
         a higher mean quality.",
    ),
    (
        "P(quality at risk)",
        "The share of futures in which the quality index falls below its threshold in at \
         least one year.",
    ),
    (
        "Quality index",
        "A score from 0 to 100 of the workforce conditions that inspection evidence links \
         with good practice: caseloads, staff stability, agency reliance and experience. It \
         does not measure outcomes for children.",
    ),
    (
        "Simulation error",
        "How far a figure could move if the run were repeated with other random draws: the \
         half-width of its 95% interval. More iterations narrow it; four times as many halve \
         it.",
    ),
    (
        "Skewed up (log-normal)",
        "Values that are always positive, bunched towards the low end with a long tail of high \
         values, set by an Average and a Spread (SD).",
    ),
    (
        "Smooth peak (PERT)",
        "A smooth curve between the Low and the High, peaking at the Most likely value, with \
         less weight near the ends than a triangle (Beta-PERT).",
    ),
    (
        "Switching value",
        "The value an input would need for the option's verdict to change: its mean \
         difference from the baseline to reach zero, or its P(cheaper) 50% (HM Treasury Green \
         Book).",
    ),
    (
        "Triangle (triangular)",
        "Rises in a straight line from the Low to the Most likely value and falls in another to \
         the High.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glossary_is_in_alphabetical_order_without_repeats() {
        let key = |t: &str| -> String {
            t.to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ')
                .collect()
        };
        let terms: Vec<String> = GLOSSARY.iter().map(|(t, _)| key(t)).collect();
        let mut sorted = terms.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(terms, sorted);
    }

    #[test]
    fn every_shape_is_listed_by_its_plain_and_technical_names() {
        use crate::model::dist::Family;
        use crate::present::plain::family_plain_name;
        for (family, technical) in Family::ALL.into_iter().zip([
            "",
            "uniform",
            "triangular",
            "PERT",
            "normal",
            "log-normal",
        ]) {
            let term = if technical.is_empty() {
                family_plain_name(family).to_string()
            } else {
                format!("{} ({technical})", family_plain_name(family))
            };
            assert!(GLOSSARY.iter().any(|(t, _)| *t == term), "{term}");
        }
    }
}
