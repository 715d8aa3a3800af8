//! Which inputs differ between two scenarios, field by field, with each value written as a
//! scenario file writes it.
//!
//! Every field of the file counts: name and description, the simulation settings, start year and
//! horizon, the appraisal, every distribution by its path, placements and options added, removed
//! or changed, the quality weights and thresholds, and notes. Placements and options are matched
//! by name, as their paths are; an option that is missing by name on one side and has a partner
//! of the same kind on the other is taken as renamed (`options[In-house].name`) and its fields are
//! compared under its new name. A change in order alone is listed once, under
//! `placements.mix (order)` or `options (order)`.
//!
//! Pure: no files, no printing. The command line's `diff` and the window's compare view both use
//! [`diff`].

use std::collections::BTreeSet;

use super::dist::Dist;
use super::inputs::{
    BlockInput, ContractInput, OptionInput, RETAINED_OVERHEAD_PATH, WorldInput, weekly_cost_path,
};
use super::scenario::{Block, Budget, DeliveryOption, OptionKind, Placement, ScenarioFile};

/// What a side shows for a field that one scenario has and the other lacks.
pub const ABSENT: &str = "absent";

/// One field that differs: its path and its value in each scenario, as a file writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Field path as in validation messages: `options[Children's trust].setup_cost`.
    pub path: String,
    /// The value in the first scenario, or [`ABSENT`].
    pub a: String,
    /// The value in the second scenario, or [`ABSENT`].
    pub b: String,
}

/// Every field that differs between `a` and `b`, in file order. Empty when they hold the same
/// scenario (the format version is not compared: it follows from the content).
pub fn diff(a: &ScenarioFile, b: &ScenarioFile) -> Vec<Difference> {
    let mut out = Differences::default();
    out.text("name", &a.name, &b.name);
    out.text("description", &a.description, &b.description);
    out.plain("start_year", a.start_year, b.start_year);
    out.plain("horizon_years", a.horizon_years, b.horizon_years);
    out.plain(
        "simulation.iterations",
        a.simulation.iterations,
        b.simulation.iterations,
    );
    out.plain("simulation.seed", a.simulation.seed, b.simulation.seed);

    out.number(
        "appraisal.discount_rate",
        a.appraisal.discount_rate,
        b.appraisal.discount_rate,
    );
    let world = |prefix: &'static str| {
        WorldInput::ALL
            .iter()
            .copied()
            .filter(move |i| i.path().starts_with(prefix))
    };
    for input in world("appraisal.") {
        out.dist(input.path(), input.get(a), input.get(b));
    }
    out.text(
        "appraisal.baseline_option",
        &a.appraisal.baseline_option,
        &b.appraisal.baseline_option,
    );
    out.number(
        "appraisal.quality_threshold",
        a.appraisal.quality_threshold,
        b.appraisal.quality_threshold,
    );
    for input in world("demand.")
        .chain(world("workforce."))
        .chain(world("placements."))
    {
        out.dist(input.path(), input.get(a), input.get(b));
    }
    placements(&mut out, &a.placements.mix, &b.placements.mix);
    budget(&mut out, a.budget.as_ref(), b.budget.as_ref());

    let (qa, qb) = (&a.quality, &b.quality);
    let weights = [
        ("caseload", qa.weights.caseload, qb.weights.caseload),
        ("stability", qa.weights.stability, qb.weights.stability),
        ("agency", qa.weights.agency, qb.weights.agency),
        ("experience", qa.weights.experience, qb.weights.experience),
    ];
    for (key, wa, wb) in weights {
        out.number(&format!("quality.weights.{key}"), wa, wb);
    }
    let thresholds = [
        ("caseload_zero_at", qa.caseload_zero_at, qb.caseload_zero_at),
        ("turnover_zero_at", qa.turnover_zero_at, qb.turnover_zero_at),
        ("agency_zero_at", qa.agency_zero_at, qb.agency_zero_at),
        (
            "new_starter_zero_at",
            qa.new_starter_zero_at,
            qb.new_starter_zero_at,
        ),
    ];
    for (key, va, vb) in thresholds {
        out.number(&format!("quality.{key}"), va, vb);
    }
    options(&mut out, &a.options, &b.options);

    let keys: BTreeSet<&String> = a.notes.keys().chain(b.notes.keys()).collect();
    for key in keys {
        let side = |file: &ScenarioFile| {
            file.notes
                .get(key)
                .map_or_else(|| ABSENT.to_string(), |n| format!("{n:?}"))
        };
        out.push(format!("notes[{key}]"), side(a), side(b));
    }
    out.0
}

#[derive(Default)]
struct Differences(Vec<Difference>);

impl Differences {
    fn push(&mut self, path: String, a: String, b: String) {
        if a != b {
            self.0.push(Difference { path, a, b });
        }
    }

    /// A string field, quoted as in a file.
    fn text(&mut self, path: &str, a: &str, b: &str) {
        if a != b {
            self.push(path.to_string(), format!("{a:?}"), format!("{b:?}"));
        }
    }

    /// A whole number.
    fn plain<T: PartialEq + std::fmt::Display>(&mut self, path: &str, a: T, b: T) {
        if a != b {
            self.push(path.to_string(), a.to_string(), b.to_string());
        }
    }

    /// A plain (not uncertain) number, with its decimal point as in a file.
    fn number(&mut self, path: &str, a: f64, b: f64) {
        // Compared as written, so that two NaNs (which a file cannot hold anyway) are equal.
        self.push(path.to_string(), format!("{a:?}"), format!("{b:?}"));
    }

    /// A distribution field, which a file of another format version may lack (`absent`).
    fn dist(&mut self, path: &str, a: Option<&Dist>, b: Option<&Dist>) {
        if a != b {
            let show = |d: Option<&Dist>| d.map_or_else(|| "absent".to_string(), Dist::to_string);
            self.push(path.to_string(), show(a), show(b));
        }
    }
}

/// Names in order, for a change of order alone.
fn order<'a>(names: impl Iterator<Item = &'a String>) -> String {
    names
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn placements(out: &mut Differences, a: &[Placement], b: &[Placement]) {
    let find = |list: &'_ [Placement], name: &str| list.iter().find(|p| p.name == name).cloned();
    let whole = |p: &Placement| format!("(share: {:?}, weekly_cost: {})", p.share, p.weekly_cost);
    let names_a: Vec<&String> = a.iter().map(|p| &p.name).collect();
    let names_b: Vec<&String> = b.iter().map(|p| &p.name).collect();
    let same_set = names_a.iter().collect::<BTreeSet<_>>() == names_b.iter().collect();
    if same_set && names_a != names_b {
        out.push(
            "placements.mix (order)".to_string(),
            order(names_a.iter().copied()),
            order(names_b.iter().copied()),
        );
    }
    for name in union(&names_a, &names_b) {
        let base = format!("placements.mix[{name}]");
        match (find(a, name), find(b, name)) {
            (Some(pa), Some(pb)) => {
                out.number(&format!("{base}.share"), pa.share, pb.share);
                out.dist(
                    &weekly_cost_path(name),
                    Some(&pa.weekly_cost),
                    Some(&pb.weekly_cost),
                );
            }
            (Some(pa), None) => out.push(base, whole(&pa), ABSENT.to_string()),
            (None, Some(pb)) => out.push(base, ABSENT.to_string(), whole(&pb)),
            (None, None) => {}
        }
    }
}

fn options(out: &mut Differences, a: &[DeliveryOption], b: &[DeliveryOption]) {
    let names_a: Vec<&String> = a.iter().map(|o| &o.name).collect();
    let names_b: Vec<&String> = b.iter().map(|o| &o.name).collect();
    let same_set = names_a.iter().collect::<BTreeSet<_>>() == names_b.iter().collect();
    if same_set && names_a != names_b {
        out.push(
            "options (order)".to_string(),
            order(names_a.iter().copied()),
            order(names_b.iter().copied()),
        );
    }
    for pair in pair_options(a, b) {
        match pair {
            (Some(oa), Some(ob)) => {
                if oa.name != ob.name {
                    out.text(&format!("options[{}].name", oa.name), &oa.name, &ob.name);
                }
                let name = &ob.name;
                out.plain(
                    &format!("options[{name}].kind"),
                    oa.kind.key(),
                    ob.kind.key(),
                );
                for &input in OptionInput::ALL {
                    out.dist(&input.path(name), input.get(oa), input.get(ob));
                }
                out.plain(
                    &format!("options[{name}].contract_years"),
                    oa.contract_years,
                    ob.contract_years,
                );
                whole_budget_option(out, name, oa, ob);
            }
            (Some(oa), None) => out.push(
                format!("options[{}]", oa.name),
                whole_option(oa),
                ABSENT.to_string(),
            ),
            (None, Some(ob)) => out.push(
                format!("options[{}]", ob.name),
                ABSENT.to_string(),
                whole_option(ob),
            ),
            (None, None) => {}
        }
    }
}

/// The whole-budget fields of an option (format version 3): its id, the councils it serves, the
/// blocks its provider runs, and its contract term by term.
fn whole_budget_option(out: &mut Differences, name: &str, a: &DeliveryOption, b: &DeliveryOption) {
    let shown = |v: Option<String>| v.unwrap_or_else(|| ABSENT.to_string());
    out.push(
        format!("options[{name}].id"),
        shown(a.id.as_ref().map(|i| format!("{i:?}"))),
        shown(b.id.as_ref().map(|i| format!("{i:?}"))),
    );
    out.push(
        format!("options[{name}].councils_served"),
        shown(a.councils_served.map(|c| format!("{c:?}"))),
        shown(b.councils_served.map(|c| format!("{c:?}"))),
    );
    out.push(
        format!("options[{name}].provider_runs"),
        shown(a.provider_runs.as_ref().map(|r| format!("{r:?}"))),
        shown(b.provider_runs.as_ref().map(|r| format!("{r:?}"))),
    );
    match (&a.contract, &b.contract) {
        (Some(ca), Some(cb)) => {
            let sum_kind = |c: &super::scenario::Contract| match c.sum {
                super::scenario::ContractSum::Typed(_) => "Typed",
                super::scenario::ContractSum::ExpectedCostLess(_) => "ExpectedCostLess",
            };
            out.plain(
                &format!("options[{name}].contract.sum (kind)"),
                sum_kind(ca),
                sum_kind(cb),
            );
            for input in ContractInput::ALL {
                out.dist(&input.path(name), Some(input.get(ca)), Some(input.get(cb)));
            }
            let path = |field: &str| format!("options[{name}].contract.{field}");
            out.push(
                path("renegotiation"),
                format!("{:?}", ca.renegotiation),
                format!("{:?}", cb.renegotiation),
            );
            out.plain(
                &path("return_lag_years"),
                ca.return_lag_years,
                cb.return_lag_years,
            );
            out.number(&path("kpi_quality"), ca.kpi_quality, cb.kpi_quality);
            out.plain(&path("kpi_years"), ca.kpi_years, cb.kpi_years);
            out.push(
                path("on_kpi_breach"),
                format!("{:?}", ca.on_kpi_breach),
                format!("{:?}", cb.on_kpi_breach),
            );
            out.push(
                path("on_reserves_exhausted"),
                format!("{:?}", ca.on_reserves_exhausted),
                format!("{:?}", cb.on_reserves_exhausted),
            );
        }
        (Some(_), None) => out.push(
            format!("options[{name}].contract"),
            "a contract".to_string(),
            ABSENT.to_string(),
        ),
        (None, Some(_)) => out.push(
            format!("options[{name}].contract"),
            ABSENT.to_string(),
            "a contract".to_string(),
        ),
        (None, None) => {}
    }
}

/// The budget of a whole-budget scenario: the council's overhead on what it keeps, and each
/// block by name (its RO3 line, driver, unit cost and growth).
fn budget(out: &mut Differences, a: Option<&Budget>, b: Option<&Budget>) {
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        (None, None) => return,
        (a, b) => {
            let side = |x: Option<&Budget>| {
                x.map_or_else(
                    || ABSENT.to_string(),
                    |x| format!("{} blocks", x.blocks.len()),
                )
            };
            out.push("budget".to_string(), side(a), side(b));
            return;
        }
    };
    out.dist(
        RETAINED_OVERHEAD_PATH,
        Some(&a.retained_overhead_rate),
        Some(&b.retained_overhead_rate),
    );
    let names_a: Vec<&String> = a.blocks.iter().map(|x| &x.name).collect();
    let names_b: Vec<&String> = b.blocks.iter().map(|x| &x.name).collect();
    let find = |list: &[Block], name: &str| list.iter().find(|x| x.name == name).cloned();
    for name in union(&names_a, &names_b) {
        let base = format!("budget.blocks[{name}]");
        match (find(&a.blocks, name), find(&b.blocks, name)) {
            (Some(xa), Some(xb)) => {
                out.text(&format!("{base}.id"), &xa.id, &xb.id);
                out.text(&format!("{base}.ro3_line"), &xa.ro3_line, &xb.ro3_line);
                out.push(
                    format!("{base}.driver"),
                    format!("{:?}", xa.driver),
                    format!("{:?}", xb.driver),
                );
                for input in BlockInput::ALL {
                    out.dist(
                        &input.path(name),
                        Some(input.get(&xa)),
                        Some(input.get(&xb)),
                    );
                }
            }
            (Some(_), None) => out.push(base, "a block".to_string(), ABSENT.to_string()),
            (None, Some(_)) => out.push(base, ABSENT.to_string(), "a block".to_string()),
            (None, None) => {}
        }
    }
}

fn whole_option(o: &DeliveryOption) -> String {
    format!("an option of kind {}", o.kind.key())
}

/// The options of `a` and `b` side by side, as [`pair_by_name_then_kind`] matches them.
fn pair_options<'a>(
    a: &'a [DeliveryOption],
    b: &'a [DeliveryOption],
) -> Vec<(Option<&'a DeliveryOption>, Option<&'a DeliveryOption>)> {
    let key = |o: &'a DeliveryOption| (o.name.as_str(), o.kind);
    let keys_a: Vec<_> = a.iter().map(key).collect();
    let keys_b: Vec<_> = b.iter().map(key).collect();
    pair_by_name_then_kind(&keys_a, &keys_b)
        .into_iter()
        .map(|(i, j)| (i.map(|i| &a[i]), j.map(|j| &b[j])))
        .collect()
}

/// Matches two lists of options (name, kind): first by name; then an option left over in `a` is
/// taken as renamed to the first one left over in `b` of the same kind, so that a renamed option
/// is compared with itself rather than listed as one removed and one added; the rest stand
/// alone. Index pairs in `a`'s order, then `b`'s leftovers. The compare view matches run results
/// the same way.
pub fn pair_by_name_then_kind(
    a: &[(&str, OptionKind)],
    b: &[(&str, OptionKind)],
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut b_taken = vec![false; b.len()];
    let mut partner: Vec<Option<usize>> = a
        .iter()
        .map(|(name, _)| {
            let j = b.iter().position(|(other, _)| other == name)?;
            b_taken[j] = true;
            Some(j)
        })
        .collect();
    for (i, (_, kind)) in a.iter().enumerate() {
        if partner[i].is_some() {
            continue;
        }
        let renamed = (0..b.len()).find(|&j| {
            !b_taken[j] && b[j].1 == *kind && !a.iter().any(|(name, _)| *name == b[j].0)
        });
        if let Some(j) = renamed {
            b_taken[j] = true;
            partner[i] = Some(j);
        }
    }
    let mut out: Vec<_> = partner
        .into_iter()
        .enumerate()
        .map(|(i, j)| (Some(i), j))
        .collect();
    out.extend(
        b_taken
            .iter()
            .enumerate()
            .filter(|(_, taken)| !**taken)
            .map(|(j, _)| (None, Some(j))),
    );
    out
}

/// Names in `a`'s order, then those only in `b`, each once.
fn union<'a>(a: &[&'a String], b: &[&'a String]) -> Vec<&'a String> {
    let mut out: Vec<&String> = Vec::new();
    for name in a.iter().chain(b) {
        if !out.contains(name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_file() -> ScenarioFile {
        ron::from_str(crate::DEFAULT_SCENARIO).unwrap()
    }

    #[test]
    fn a_scenario_does_not_differ_from_itself() {
        let a = default_file();
        assert!(diff(&a, &a.clone()).is_empty());
    }

    #[test]
    fn a_renamed_option_is_compared_field_by_field() {
        let a = default_file();
        let mut b = a.clone();
        b.options[1].name = "Directed trust".to_string();
        b.options[1].contract_years = 7;
        b.options.remove(2);
        let d = diff(&a, &b);
        let paths: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "options[Children's trust].name",
                "options[Directed trust].contract_years",
                "options[Community interest company]",
            ]
        );
        assert_eq!(d[0].b, "\"Directed trust\"");
        assert_eq!((d[1].a.as_str(), d[1].b.as_str()), ("10", "7"));
        assert_eq!(d[2].b, ABSENT);
    }

    #[test]
    fn added_removed_and_reordered_options_and_placements_are_named() {
        let a = default_file();
        let mut b = a.clone();
        b.options.swap(1, 2);
        b.placements.mix.pop();
        b.options[0].kind = OptionKind::Cic;
        let paths: Vec<String> = diff(&a, &b).into_iter().map(|d| d.path).collect();
        assert_eq!(
            paths,
            [
                "placements.mix[Supported accommodation and other]",
                "options (order)",
                "options[In-house].kind",
            ]
        );
        let d = diff(&b, &a);
        assert_eq!(d[0].a, ABSENT);
        assert!(
            d[0].b.starts_with("(share: 0.08, weekly_cost: Pert("),
            "{}",
            d[0].b
        );
    }
}
