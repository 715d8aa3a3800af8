//! Contracts (docs/MODEL.md §8): the sum the council pays an outsourced provider each year, the
//! provider's cost against it, who bears an overspend or keeps an underspend, the provider's
//! reserves, and the triggers that bring an improvement plan or the service back in-house.
//!
//! One contract of one iteration is stepped year by year; every pound of the provider's cost
//! lands with the provider (its reserves) or the council, and [`ContractYear`] says which.

use super::scenario::{Intervention, Renegotiation};

/// A contract's terms as drawn for one iteration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ContractTerms {
    /// The sum of year 0, £ (typed, or the expected cost less the savings target).
    pub first_sum: f64,
    pub indexation: f64,
    pub renegotiation: Renegotiation,
    pub provider_share: f64,
    pub underspend_kept: f64,
    pub initial_reserves: f64,
    pub return_lag_years: usize,
    pub kpi_quality: f64,
    pub kpi_years: usize,
    pub on_kpi_breach: Intervention,
    pub on_reserves_exhausted: Intervention,
    /// Extra on a re-based sum when no one bids, and when the incumbent alone bids.
    pub no_bidder_premium: f64,
    pub one_bidder_premium: f64,
}

/// What a re-procurement found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Market {
    /// No re-procurement this year.
    None,
    /// Credible bidders (rounded down).
    Bidders(f64),
}

/// One year of a contract.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct ContractYear {
    /// What the council pays the provider under the contract, £.
    pub sum: f64,
    /// What the provider spent, £.
    pub provider_cost: f64,
    /// Provider cost less sum: positive an overspend, negative an underspend.
    pub overspend: f64,
    /// The part of this year's overspend the provider bore from its reserves.
    pub absorbed: f64,
    /// The part of this year's underspend the provider kept.
    pub kept: f64,
    /// Overspend the council pays back this year (this year's or last year's, by the lag);
    /// an underspend returned to the council is negative.
    pub settled: f64,
    /// The provider's reserves at the end of the year.
    pub reserves: f64,
    /// What the contract does after this year, if a trigger fired.
    pub intervention: Intervention,
}

/// A contract as it runs, year by year.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ContractRun {
    terms: ContractTerms,
    reserves: f64,
    years_below: usize,
    /// The overspend (or returned underspend) still to settle with the council next year.
    owed: f64,
    last_sum: f64,
    last_cost: f64,
}

impl ContractRun {
    pub fn new(terms: ContractTerms) -> Self {
        ContractRun {
            reserves: terms.initial_reserves,
            terms,
            years_below: 0,
            owed: 0.0,
            last_sum: 0.0,
            last_cost: 0.0,
        }
    }

    /// Year `y`: the provider spent `provider_cost` (nominal £) and delivered `quality` (the
    /// year's mean index); `market` says whether the contract was re-procured at its start.
    pub fn year(
        &mut self,
        y: usize,
        provider_cost: f64,
        quality: f64,
        market: Market,
    ) -> ContractYear {
        let t = self.terms;
        let rebased = self.last_cost * (1.0 + t.indexation);
        let sum = match (y, market) {
            (0, _) => t.first_sum,
            (_, Market::Bidders(n)) if n < 1.0 => rebased * (1.0 + t.no_bidder_premium),
            (_, Market::Bidders(n)) if n < 2.0 => rebased * (1.0 + t.one_bidder_premium),
            (_, Market::Bidders(_)) => rebased,
            (_, Market::None) => match t.renegotiation {
                Renegotiation::Yearly => rebased,
                Renegotiation::FixedForTerm => self.last_sum * (1.0 + t.indexation),
            },
        };
        let overspend = provider_cost - sum;
        let (mut absorbed, mut kept, mut exhausted) = (0.0, 0.0, false);
        let to_council = if overspend > 0.0 {
            let share = t.provider_share * overspend;
            absorbed = share.min(self.reserves);
            // The trigger is the year the reserves run out, not every year they stay empty.
            exhausted = share > self.reserves && self.reserves > 0.0;
            self.reserves -= absorbed;
            overspend - absorbed
        } else {
            kept = -overspend * t.underspend_kept;
            self.reserves += kept;
            overspend + kept
        };
        let settled = if t.return_lag_years == 0 {
            to_council
        } else {
            std::mem::replace(&mut self.owed, to_council)
        };
        self.years_below = if quality < t.kpi_quality {
            self.years_below + 1
        } else {
            0
        };
        let mut intervention = Intervention::Nothing;
        for (fired, then) in [
            (self.years_below >= t.kpi_years, t.on_kpi_breach),
            (exhausted, t.on_reserves_exhausted),
        ] {
            if fired && then != Intervention::Nothing {
                // A return in-house outranks an improvement plan.
                if intervention != Intervention::ReturnInHouse {
                    intervention = then;
                }
            }
        }
        if intervention == Intervention::ImprovementPlan && self.years_below >= t.kpi_years {
            // A plan answers the breach: the count starts again.
            self.years_below = 0;
        }
        self.last_sum = sum;
        self.last_cost = provider_cost;
        ContractYear {
            sum,
            provider_cost,
            overspend,
            absorbed,
            kept,
            settled,
            reserves: self.reserves,
            intervention,
        }
    }

    /// What is still owed to or by the council when the contract ends (the service returns
    /// in-house, or the horizon ends): settled in the next year.
    pub fn owed(&self) -> f64 {
        self.owed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> ContractTerms {
        ContractTerms {
            first_sum: 100.0,
            indexation: 0.02,
            renegotiation: Renegotiation::FixedForTerm,
            provider_share: 0.3,
            underspend_kept: 1.0,
            initial_reserves: 5.0,
            return_lag_years: 1,
            kpi_quality: 60.0,
            kpi_years: 2,
            on_kpi_breach: Intervention::ReturnInHouse,
            on_reserves_exhausted: Intervention::ImprovementPlan,
            no_bidder_premium: 0.1,
            one_bidder_premium: 0.05,
        }
    }

    #[test]
    fn every_pound_of_an_overspend_lands_somewhere() {
        let mut c = ContractRun::new(terms());
        // Year 0: cost 110 against 100. The provider's 30% share is 3, within its reserves
        // of 5; the council's 7 comes back a year later.
        let y0 = c.year(0, 110.0, 70.0, Market::None);
        assert_eq!(
            (y0.sum, y0.overspend, y0.absorbed, y0.settled),
            (100.0, 10.0, 3.0, 0.0)
        );
        assert_eq!(y0.reserves, 2.0);
        // Year 1: sum indexed to 102; cost 112: share 3 but reserves 2, so 2 absorbed, the
        // reserves are exhausted and a plan follows. Last year's 7 is settled now.
        let y1 = c.year(1, 112.0, 70.0, Market::None);
        assert!((y1.sum - 102.0).abs() < 1e-12);
        assert!((y1.absorbed - 2.0).abs() < 1e-12);
        assert!((y1.settled - 7.0).abs() < 1e-12);
        assert_eq!(y1.reserves, 0.0);
        assert_eq!(y1.intervention, Intervention::ImprovementPlan);
        assert!((c.owed() - 8.0).abs() < 1e-12);
        // Year 2: an underspend of 4.04 is kept whole; the 8 owed is settled.
        let y2 = c.year(2, 100.0, 70.0, Market::None);
        assert!((y2.overspend + 4.04).abs() < 1e-9);
        assert!((y2.kept - 4.04).abs() < 1e-9 && (y2.reserves - 4.04).abs() < 1e-9);
        assert!((y2.settled - 8.0).abs() < 1e-12);
        // Over the three years the provider spent 322; the council paid the sums (306.04) and
        // settled 15, the provider bore 5 and kept 4.04, and 0 is still owed.
        let paid = y0.sum + y1.sum + y2.sum + y0.settled + y1.settled + y2.settled;
        let borne = y0.absorbed + y1.absorbed - y2.kept;
        assert!((paid + borne + c.owed() - 322.0).abs() < 1e-9);
    }

    #[test]
    fn reserves_that_stay_empty_trigger_nothing_more() {
        let mut c = ContractRun::new(ContractTerms {
            initial_reserves: 1.0,
            ..terms()
        });
        let first = c.year(0, 110.0, 70.0, Market::None);
        assert_eq!(first.intervention, Intervention::ImprovementPlan);
        let later = c.year(1, 112.2, 70.0, Market::None);
        assert_eq!(
            (later.absorbed, later.intervention),
            (0.0, Intervention::Nothing)
        );
    }

    #[test]
    fn two_years_below_the_kpi_bring_the_service_back() {
        let mut c = ContractRun::new(terms());
        assert_eq!(
            c.year(0, 100.0, 55.0, Market::None).intervention,
            Intervention::Nothing
        );
        assert_eq!(
            c.year(1, 102.0, 55.0, Market::None).intervention,
            Intervention::ReturnInHouse
        );
    }

    #[test]
    fn a_thin_market_raises_the_sum() {
        for (bidders, premium) in [(0.0, 0.1), (1.0, 0.05), (3.0, 0.0)] {
            let mut c = ContractRun::new(terms());
            c.year(0, 100.0, 70.0, Market::None);
            let y = c.year(1, 100.0, 70.0, Market::Bidders(bidders));
            assert!(
                (y.sum - 100.0 * 1.02 * (1.0 + premium)).abs() < 1e-9,
                "{bidders}"
            );
        }
    }

    #[test]
    fn a_yearly_renegotiation_rebases_the_sum_on_last_years_cost() {
        let mut c = ContractRun::new(ContractTerms {
            renegotiation: Renegotiation::Yearly,
            ..terms()
        });
        c.year(0, 120.0, 70.0, Market::None);
        assert!((c.year(1, 130.0, 70.0, Market::None).sum - 122.4).abs() < 1e-9);
    }
}
