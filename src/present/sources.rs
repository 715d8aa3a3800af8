//! Where each input's default comes from, in one sentence: a published figure (with its source)
//! or judgement. Summarised from DATA.md; shown in the editor's tooltips and in reports. Every
//! range is judgement even where its centre is published, and the sentences say so.

use crate::model::{OptionInput, WorldInput};

/// The source note for a scenario-wide input.
pub fn world_source(input: WorldInput) -> &'static str {
    use WorldInput::*;
    match input {
        GeneralInflation => {
            "Judgement: 1.5–3.5% a year, most likely 2% (the Bank of England target); no single published forecast is used."
        }
        OpenCases => {
            "The council's own caseload. Default 2,200 is a mid-sized council: England held 337,055 cases across about 150 councils in 2023 (DfE children's social work workforce, 2023)."
        }
        LookedAfterShare => {
            "Derived: 83,840 looked-after children ÷ 337,055 cases held ≈ 0.25 (DfE looked-after children and workforce statistics, 2023). The range 0.20–0.30 is judgement."
        }
        AnnualGrowth => {
            "Derived: looked-after children grew 2.4% a year 2015–2023, 1.4% 2019–2024 and fell 1.2% a year 2023–2025 (DfE). The range −1.5% to +3% is judgement."
        }
        MonthlyVolatility => "Judgement: month-to-month noise in open cases; no published figure.",
        ShockProbability => {
            "Judgement, informed by COVID-19: referrals fell 8.2% in 2020-21 (DfE children in need). Default 8% a year."
        }
        ShockSize => {
            "Judgement, informed by the 2020-21 fall in referrals (−8.2%, DfE) and later rebounds: −10% to +12%."
        }
        EffectRampYears => {
            "Judgement: years an option takes to reach its full effect on looked-after numbers."
        }
        ChildrenInNeed => {
            "The council's own count: DfE children in need at 31 March (England 402,398 in 2025). Default: an average council."
        }
        ChildPopulation => {
            "ONS mid-year estimate of children aged 0–17, as DfE publishes it with children in need (England 12.18m, mid-2024)."
        }
        ChildPopulationGrowth => {
            "Derived: England's children aged 0–17 grew about 0.7% a year from 2012 to 2024 (ONS, via DfE children in need); projections are flatter. The range is judgement."
        }
        InitialVacancyRate => {
            "DfE workforce census: England 18.9% (2023), about 17.3% (2024); councils' 10th–90th percentile 5.9–31.5% (2023). The range is judgement."
        }
        InitialNewStarterShare => {
            "Derived: starters ÷ staff in post, 15–19% in 2019–2023 (DfE workforce census). The range is judgement."
        }
        NewStarterProductivity => {
            "Judgement: no English source for the protected caseload of a first-year social worker (ASYE)."
        }
        ReferenceCaseload => {
            "DfE workforce census: average caseload 16.0 (2023), 15.4 (2024). Practitioners report heavier loads."
        }
        TurnoverPressure => {
            "Judgement: how much turnover rises with caseload pressure; Ofsted and DfE analyses link high caseloads with high turnover, without a coefficient."
        }
        SalaryNewStarter => {
            "Derived: 2019/20 and 2021 council pay bands uprated by the NJC awards to 2025/26 (about £36–42k). Judgement within that."
        }
        SalaryExperienced => {
            "Derived: 2019/20 council pay bands uprated to 2025/26 (about £40–50k; ±15% by region). The range is judgement."
        }
        SalaryManager => {
            "Derived: team manager bands uprated to 2025/26 (about £52–62k). The range is judgement."
        }
        SalarySupport => {
            "Derived: West Sussex family worker grades (2021) uprated to 2025/26 (about £24–32k). The range is judgement."
        }
        OncostRate => {
            "Derived: employer National Insurance 15% above £5,000 (from April 2025) + LGPS employer rate 19.8% (2022 valuation) ≈ 33% on a £40k salary."
        }
        PayInflation => "NJC pay award 2025/26: +3.2%. The range 2.5–4.5% a year is judgement.",
        AgencyPremium => {
            "Judgement: no national figure for the agency premium over a permanent post's full cost; managed teams cost about double (CYP Now, 2022)."
        }
        CostPerHire => {
            "Judgement: no English source; golden hellos of up to £6,000 are paid by some councils (Community Care)."
        }
        NonPayPerFte => "Judgement: accommodation, IT, travel and training per FTE; no source.",
        NonCaseHoldingRatio => {
            "DfE workforce census: in-post plus agency social workers are about 1.97 times the case holders (2025); less the line managers the span of control adds. See docs/MODEL.md."
        }
        PlacementInflation => {
            "Derived: a children's home place rose from £239,800 (2019-20) to £318,400 a year (2023-24) in real terms (NAO, 2025). The range 3–9% is judgement."
        }
    }
}

/// The source note for an option's own input.
pub fn option_source(input: OptionInput) -> &'static str {
    use OptionInput::*;
    match input {
        TargetCaseload => {
            "Councils' 10th–90th percentile caseload 13.2–18.8 (DfE workforce census, 2023). The option's own target is judgement."
        }
        AgencyCover => {
            "DfE workforce census: 67.5–74.4% of vacancies were covered by agency staff, 2017–2023. The range is judgement."
        }
        TimeToFillMonths => "Judgement: no source for the time to fill a social-work vacancy.",
        AgencyBeyondVacancies => {
            "DfE workforce census: agency FTE beyond those covering vacancies, 1,025 of 42,152 establishment FTE in England in 2025 (2.4%)."
        }
        SustainedVacancyRate => {
            "DfE workforce census: England's vacancy rate stayed between 14.2% and 20.0% from 2017 to 2025 (14.2% in 2025)."
        }
        SpanOfControl => {
            "Derived: about 3.6 social workers per manager across all tiers (DfE 2021 role mix); team managers about 6.5 (judgement)."
        }
        SupportStaffRatio => {
            "Judgement: family support and business support staff per social worker."
        }
        AnnualTurnover => {
            "DfE workforce census: England 15.9% (2023), 13.8% (2024); councils' 10th–90th percentile 10.2–23.3% (2023). A trust's or company's own figure is judgement."
        }
        TransitionTurnoverUplift => {
            "Judgement, informed by turnover spikes after transfers (Slough from 15.6% to 32–40%, Doncaster to 19.4%; DfE), which other events confound."
        }
        TransitionYears => "Judgement: how long the disruption of a transfer lasts (1–2 years).",
        PensionRateDelta => {
            "Judgement: an admitted body's LGPS rate is set by the fund actuary and may differ from the council's (CLG admitted-body guidance)."
        }
        OverheadRate => {
            "Judgement: 10–25%; bottom-up unit-cost research exists (Holmes, 2021) but its overhead figures were not retrieved."
        }
        OverheadFixed => {
            "Calibrated: the fixed part that gives the economies of scale seen across councils (spend rises with cases with an elasticity of about 0.88; MHCLG RO3 2023-24 and DfE). See docs/MODEL.md."
        }
        VatLeakage => {
            "Judgement: HMRC decides case by case whether a trust's supply is exempt welfare (VAT manual VATGPB8225)."
        }
        AnnualEfficiency => {
            "Derived for a CIC: Achieving for Children planned £6m savings over 3 years on a £107m budget (≈1.9% a year). For a trust, judgement (several overspent)."
        }
        LookedAfterReduction => {
            "Judgement: an option's effect on looked-after numbers; evaluations of trusts say it is too early to judge outcomes (DfE, 2017)."
        }
        PracticeQualityDelta => {
            "Judgement: trusts and companies range from outstanding (Sunderland) to requires improvement with inadequate leadership (Slough, 2023)."
        }
        SetupCost => {
            "DfE set-up contributions £2.5–3.3m per trust (2014–17); Worcestershire's company about £4.6m; Achieving for Children £1.5m. The range is judgement."
        }
        OptimismBias => {
            "HM Treasury Green Book supplementary guidance: outsourcing projects 0–41%. Default 25% is judgement."
        }
        GovernanceCost => {
            "Derived: winding up Worcestershire's company saved about £200,000 a year in directors and board (2024). The range is judgement."
        }
        ClientSideCost => {
            "Judgement: no published figure for the council's commissioning and contract management."
        }
        StrandedCost => {
            "Judgement: council overheads that do not leave with the service, tapering over the stranded years."
        }
        StrandedYears => "Judgement: years until stranded overheads are removed.",
        ReprocurementCost => "Judgement: no published figure for re-letting the contract.",
        FailureProbability => {
            "Derived roughly: about 3 returns to council control in about 60 trust-years since 2014 (DfE, Community Care). The range is judgement."
        }
        FailureCost => {
            "Informed by Slough (£5.5m debt absorbed, 2021) and Worcestershire (£28.6m forecast overspend, 2023-24). The range is judgement."
        }
    }
}

/// The source note for a placement's weekly cost.
pub const WEEKLY_COST_SOURCE: &str = "Derived: foster care £646 a week (PSSRU, 2016-17); independent fostering agencies about £820 and large children's home providers £3,830 (CMA, 2020 data); a children's home place about £6,120 a week (NAO, 2023-24). Ranges at 2025 prices are judgement.";

/// The attribution the Open Government Licence v3.0 asks for wherever DfE or MHCLG figures are
/// shown: the embedded data's, and the figures scenario notes cite.
pub const OPEN_GOVERNMENT_LICENCE: &str = "Contains public sector information licensed under the \
Open Government Licence v3.0 (Department for Education; Ministry of Housing, Communities and \
Local Government).";

/// True when a scenario's description or notes cite DfE or MHCLG statistics (every shipped
/// scenario, and every scenario built from a council's published figures), so that what shows
/// them carries [`OPEN_GOVERNMENT_LICENCE`].
pub fn cites_public_statistics(file: &crate::model::ScenarioFile) -> bool {
    let cites = |text: &str| {
        ["DfE", "Department for Education", "MHCLG", "RO3"]
            .iter()
            .any(|s| text.contains(s))
    };
    cites(&file.description) || file.notes.values().any(|n| cites(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_has_a_source_note() {
        for &w in WorldInput::ALL {
            assert!(world_source(w).len() > 20, "{}", w.path());
        }
        for &o in OptionInput::ALL {
            assert!(option_source(o).len() > 20, "{}", o.field());
        }
    }
}
