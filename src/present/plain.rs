//! The words the window uses for an uncertain input: each distribution family and parameter in
//! plain English (the file's technical name kept for hovers), and every rule a distribution can
//! break said in the units its boxes show.
//!
//! Scenario files, the CLI and the messages of a file that fails to load keep the file's own words
//! (`min`, `mode`, `max`, `0.2`): they describe the file. Depends on the model and on
//! [`super::fields`] only.

use crate::model::dist::{Dist, Family, Range, Sampler};
use crate::model::maths::Maths;

use super::fields::Unit;
use super::format::{MoneyDetail, short_money, trim_number};

/// A family as the window names it: short enough for an option's narrow column.
pub fn family_plain_name(family: Family) -> &'static str {
    match family {
        Family::Fixed => "Fixed value",
        Family::Uniform => "Flat range",
        Family::Triangular => "Triangle",
        Family::Pert => "Smooth peak",
        Family::Normal => "Bell curve",
        Family::LogNormal => "Skewed up",
    }
}

/// A family's technical name, as statisticians and the glossary write it.
pub fn family_technical_name(family: Family) -> &'static str {
    match family {
        Family::Fixed => "fixed (no uncertainty)",
        Family::Uniform => "uniform",
        Family::Triangular => "triangular",
        Family::Pert => "PERT (Beta-PERT)",
        Family::Normal => "normal",
        Family::LogNormal => "log-normal",
    }
}

/// What a family means, in one line.
pub fn family_meaning(family: Family) -> &'static str {
    match family {
        Family::Fixed => "one value, no uncertainty.",
        Family::Uniform => "any value between Low and High equally likely.",
        Family::Triangular => "Most likely value, falling in straight lines to Low and High.",
        Family::Pert => "like Triangle but smoother, with less weight near Low and High.",
        Family::Normal => "an Average and a Spread (SD), symmetrical either side.",
        Family::LogNormal => {
            "an Average and a Spread (SD) of a value that is always positive, with a long tail \
             of high values."
        }
    }
}

/// One line per family: its plain name, its technical name and what it means. The family box's
/// hover text.
pub fn family_help() -> String {
    Family::ALL
        .iter()
        .map(|&f| {
            format!(
                "{} ({}): {}",
                family_plain_name(f),
                family_technical_name(f),
                family_meaning(f)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A parameter as the window names it, from its name in a file ([`Dist::parameters`]): `mode`
/// is "Most likely". A name it does not know is returned as it is.
pub fn parameter_plain_name(file_name: &'static str) -> &'static str {
    match file_name {
        "value" => "Value",
        "min" => "Low",
        "mode" => "Most likely",
        "max" => "High",
        "mean" => "Average",
        "sd" => "Spread (SD)",
        other => other,
    }
}

/// A parameter's hover: its plain name and the name a scenario file gives it, "Most likely
/// (mode in a file)".
pub fn parameter_hover(file_name: &'static str) -> String {
    format!(
        "{} ({file_name} in a scenario file)",
        parameter_plain_name(file_name)
    )
}

/// A stored value as its box shows it, with a typographic minus: `15.5%`, `£45k`, `−3 pp`.
pub fn shown_value(unit: Unit, value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "not a number".to_string()
        } else if value > 0.0 {
            "infinity".to_string()
        } else {
            "minus infinity".to_string()
        };
    }
    if unit.is_money() {
        short_money(value * unit.scale(), MoneyDetail::Typed)
    } else {
        let number = trim_number(value * unit.scale(), 4).replacen('-', "−", 1);
        format!("{number}{}", unit.suffix())
    }
}

/// A distribution in the window's words and its field's unit, short enough for a slide's
/// narrow column: `Smooth peak: 8% to 28%, most likely 14%`, `Bell curve: average 10%, spread
/// 2%`, `Fixed value: £4,000,000`.
pub fn dist_words(dist: &Dist, unit: Unit) -> String {
    let f = |x: f64| unit.format(x);
    let values = match *dist {
        Dist::Fixed(x) => f(x),
        Dist::Uniform { min, max } => format!("{} to {}", f(min), f(max)),
        Dist::Triangular { min, mode, max } | Dist::Pert { min, mode, max } => {
            format!("{} to {}, most likely {}", f(min), f(max), f(mode))
        }
        Dist::Normal { mean, sd } | Dist::LogNormal { mean, sd } => {
            format!("average {}, spread {}", f(mean), f(sd))
        }
    };
    format!("{}: {values}", family_plain_name(dist.family()))
}

/// A field's allowed range in its shown unit: `0–95%`, `−50% to 90%`, `£0 or more`.
pub fn allowed_range_words(unit: Unit, range: Range) -> String {
    let shown = |x| shown_value(unit, x);
    match (range.min.is_finite(), range.max.is_finite()) {
        (true, false) => format!("{} or more", shown(range.min)),
        (false, true) => format!("{} or less", shown(range.max)),
        (false, false) => "any number".to_string(),
        // "0–95%": the unit once, after both figures, as the grey ranges write it.
        (true, true) if range.min >= 0.0 && !unit.is_money() => format!(
            "{}–{}",
            trim_number(range.min * unit.scale(), 4),
            shown(range.max)
        ),
        (true, true) => format!("{} to {}", shown(range.min), shown(range.max)),
    }
}

/// Every rule `dist` breaks as a field of `range`, in the words and units the window shows
/// ("Low 30% is above Most likely 14%"): the same rules, in the same order, as the model's
/// [`Dist::problems`] and [`Sampler::new`], which say them in the file's words. Empty when the
/// field is valid.
pub fn screen_problems(dist: &Dist, unit: Unit, range: Range) -> Vec<String> {
    let shown = |x| shown_value(unit, x);
    let named = |file_name, x| format!("{} {}", parameter_plain_name(file_name), shown(x));
    let mut out = Vec::new();
    for (name, value) in dist.parameters() {
        if value.is_nan() {
            out.push(format!("{} is not a number", parameter_plain_name(name)));
        } else if value.is_infinite() {
            out.push(format!(
                "{} is infinite: type a number",
                parameter_plain_name(name)
            ));
        }
    }
    if !out.is_empty() {
        return out;
    }
    match *dist {
        Dist::Fixed(x) => {
            if !range.contains(x) {
                out.push(format!(
                    "{} is outside the allowed range {}",
                    named("value", x),
                    allowed_range_words(unit, range)
                ));
            }
        }
        Dist::Uniform { min, max }
        | Dist::Triangular { min, max, .. }
        | Dist::Pert { min, max, .. }
            if (max - min).is_infinite() =>
        {
            out.push(format!(
                "{} and {} are too far apart to compute with",
                named("min", min),
                named("max", max)
            ));
        }
        Dist::Uniform { min, max } => {
            if min > max {
                out.push(format!(
                    "{} is above {}",
                    named("min", min),
                    named("max", max)
                ));
            }
        }
        Dist::Triangular { min, mode, max } | Dist::Pert { min, mode, max } => {
            if min > mode {
                out.push(format!(
                    "{} is above {}",
                    named("min", min),
                    named("mode", mode)
                ));
            }
            if mode > max {
                out.push(format!(
                    "{} is above {}",
                    named("mode", mode),
                    named("max", max)
                ));
            }
            if min > max && min <= mode && mode <= max {
                out.push(format!(
                    "{} is above {}",
                    named("min", min),
                    named("max", max)
                ));
            }
        }
        Dist::Normal { sd, .. } => {
            if sd < 0.0 {
                out.push(format!("{} is below zero", named("sd", sd)));
            }
        }
        Dist::LogNormal { mean, sd } => {
            if mean <= 0.0 {
                out.push(format!(
                    "{} must be above zero for “{}”",
                    named("mean", mean),
                    family_plain_name(Family::LogNormal)
                ));
            }
            if sd < 0.0 {
                out.push(format!("{} is below zero", named("sd", sd)));
            }
            if mean > 0.0 && !(sd / mean).powi(2).is_finite() {
                out.push(format!(
                    "{} is too large for {} to compute with",
                    named("sd", sd),
                    named("mean", mean)
                ));
            }
        }
    }
    if out.is_empty() && Sampler::new(dist, range, Maths::Portable).is_err() {
        // Each rule kept, but statrs cannot build the distribution: figures far out of scale.
        out.push("These values cannot be computed with: are they far larger than meant?".into());
    }
    out
}

/// The problems to show under a distribution field in the window. Validation's message of the
/// distribution's broken rule, in the file's words, becomes the same rule in the field's screen
/// units ([`screen_problems`]); any other message (a field of another format version, say) is
/// kept as validation wrote it, as is one about an earlier value of the field.
pub fn field_problems(problems: &[String], dist: &Dist, unit: Unit, range: Range) -> Vec<String> {
    let file_message = Sampler::new(dist, range, Maths::Portable)
        .err()
        .map(|e| e.0);
    let mut out = Vec::with_capacity(problems.len());
    for message in problems {
        let screen = match &file_message {
            Some(m) if m == message => screen_problems(dist, unit, range),
            _ => Vec::new(),
        };
        if screen.is_empty() {
            out.push(message.clone());
        } else {
            out.extend(screen);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_and_parameter_has_a_plain_name() {
        let names: Vec<&str> = Family::ALL.iter().map(|&f| family_plain_name(f)).collect();
        assert_eq!(
            names,
            [
                "Fixed value",
                "Flat range",
                "Triangle",
                "Smooth peak",
                "Bell curve",
                "Skewed up"
            ]
        );
        for f in Family::ALL {
            // Short enough for an option's narrow column at 1366 pixels wide.
            assert!(family_plain_name(f).chars().count() <= 11, "{f}");
            let d = Dist::Fixed(1.0).as_family(f, Range::NON_NEGATIVE, 1.0);
            for (name, _) in d.parameters() {
                assert_ne!(parameter_plain_name(name), name, "{f}: {name}");
            }
        }
        assert_eq!(parameter_plain_name("mode"), "Most likely");
        assert_eq!(parameter_plain_name("sd"), "Spread (SD)");
        assert_eq!(parameter_hover("max"), "High (max in a scenario file)");
        let help = family_help();
        assert!(help.contains("Smooth peak (PERT (Beta-PERT)): like Triangle"));
        assert!(help.contains("Skewed up (log-normal)"));
        assert_eq!(help.lines().count(), 6);
        let d = Dist::Pert {
            min: 0.1,
            mode: 0.15,
            max: 0.2,
        };
        assert_eq!(
            dist_words(&d, Unit::Percent),
            "Smooth peak: 10% to 20%, most likely 15%"
        );
        assert_eq!(
            dist_words(
                &Dist::Normal {
                    mean: 0.1,
                    sd: 0.02
                },
                Unit::PercentPerYear
            ),
            "Bell curve: average 10%, spread 2%"
        );
        assert_eq!(
            dist_words(&Dist::Fixed(4e6), Unit::Pounds),
            "Fixed value: £4,000,000"
        );
    }

    #[test]
    fn a_percent_field_says_its_problem_in_percent() {
        let d = Dist::Pert {
            min: 0.2,
            mode: 0.1,
            max: 0.3,
        };
        assert_eq!(
            screen_problems(&d, Unit::Percent, Range::RATE_95),
            ["Low 20% is above Most likely 10%"]
        );
        let both = Dist::Triangular {
            min: 0.2,
            mode: 0.4,
            max: 0.3,
        };
        assert_eq!(
            screen_problems(&both, Unit::PercentPerYear, Range::RATE_95),
            ["Most likely 40% is above High 30%"]
        );
    }

    #[test]
    fn a_money_field_says_its_problem_in_pounds() {
        let d = Dist::Uniform {
            min: 50_000.0,
            max: 45_000.0,
        };
        assert_eq!(
            screen_problems(&d, Unit::PoundsPerFte, Range::NON_NEGATIVE),
            ["Low £50k is above High £45k"]
        );
        let fixed = Dist::Fixed(-1_200.0);
        assert_eq!(
            screen_problems(&fixed, Unit::Pounds, Range::NON_NEGATIVE),
            ["Value −£1,200 is outside the allowed range £0 or more"]
        );
    }

    #[test]
    fn a_value_out_of_range_is_said_in_percent() {
        let d = Dist::Fixed(1.2);
        assert_eq!(
            screen_problems(&d, Unit::Percent, Range::RATE_95),
            ["Value 120% is outside the allowed range 0–95%"]
        );
        assert_eq!(
            screen_problems(&Dist::Fixed(1.0), Unit::Percent, Range::REDUCTION),
            ["Value 100% is outside the allowed range −50% to 90%"]
        );
        // A distribution reaching past the range is clamped where it is used, not refused.
        let wide = Dist::Uniform { min: 0.5, max: 1.2 };
        assert!(screen_problems(&wide, Unit::Percent, Range::RATE_95).is_empty());
    }

    #[test]
    fn spreads_and_averages_are_named_plainly() {
        let n = Dist::Normal {
            mean: 0.1,
            sd: -0.01,
        };
        assert_eq!(
            screen_problems(&n, Unit::PercentagePoints, Range::SIGNED_95),
            ["Spread (SD) −1 pp is below zero"]
        );
        let l = Dist::LogNormal {
            mean: 0.0,
            sd: 10.0,
        };
        assert_eq!(
            screen_problems(&l, Unit::PoundsPerWeek, Range::NON_NEGATIVE),
            ["Average £0 must be above zero for “Skewed up”"]
        );
        let nan = Dist::Triangular {
            min: 0.0,
            mode: f64::NAN,
            max: f64::INFINITY,
        };
        assert_eq!(
            screen_problems(&nan, Unit::Years, Range::NON_NEGATIVE),
            [
                "Most likely is not a number",
                "High is infinite: type a number"
            ]
        );
    }

    #[test]
    fn every_rule_the_model_names_is_reworded_and_other_messages_kept() {
        let cases = [
            (Dist::Fixed(1.2), Range::RATE_95),
            (Dist::Fixed(f64::NAN), Range::UNIT),
            (
                Dist::Pert {
                    min: 0.3,
                    mode: 0.14,
                    max: 0.28,
                },
                Range::RATE_95,
            ),
            (
                Dist::Uniform {
                    min: -1e308,
                    max: 1e308,
                },
                Range::GROWTH,
            ),
            (
                Dist::Normal {
                    mean: 0.0,
                    sd: -1.0,
                },
                Range::UNIT,
            ),
            (
                Dist::LogNormal {
                    mean: -1.0,
                    sd: 1.0,
                },
                Range::UNIT,
            ),
            (
                Dist::LogNormal {
                    mean: 1e-200,
                    sd: 1e200,
                },
                Range::NON_NEGATIVE,
            ),
        ];
        for (d, range) in cases {
            let file = Sampler::new(&d, range, Maths::Portable).err().map(|e| e.0);
            let file = file.unwrap_or_else(|| panic!("{d} should be refused"));
            let screen = screen_problems(&d, Unit::Percent, range);
            assert!(!screen.is_empty(), "{d}");
            let shown = field_problems(
                &["is missing".to_string(), file.clone()],
                &d,
                Unit::Percent,
                range,
            );
            assert_eq!(shown[0], "is missing", "{d}");
            assert_eq!(shown[1..], screen[..], "{d}");
            assert!(!shown.contains(&file), "{d}: {file}");
        }
        // A message about an earlier value (validation not yet rerun) is left as written.
        let valid = Dist::Fixed(0.5);
        let old = ["0.3 is above mode 0.14".to_string()];
        assert_eq!(
            field_problems(&old, &valid, Unit::Percent, Range::UNIT),
            old
        );
    }
}
