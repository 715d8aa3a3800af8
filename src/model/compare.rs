//! Comparing one option's net present cost across two runs: the chance that it costs less in one
//! scenario than in the other, from the per-iteration NPC samples.
//!
//! Each input of each iteration draws from its own stream, keyed by (seed, iteration, input path)
//! (see [`super::rng`]). Two runs with the same seed therefore share, iteration by iteration, every
//! draw of every input both scenarios have: iteration *i* of A and iteration *i* of B are the same
//! future except for what the scenarios change. Pairing them cancels the shared uncertainty and
//! answers "in the same future, is X cheaper under A or under B?". This holds whatever the
//! iteration counts: with counts that differ, the first iterations of both are paired (iteration
//! *i* has the same streams in a run of 2,000 and in a run of 10,000).
//!
//! Latin hypercube sampling, and rank correlations, assign each iteration a slice of each input
//! that depends on the run's iteration count: such runs share their futures only at the same
//! count ([`Futures::pairs_with`]).
//!
//! With different seeds the futures have nothing in common, so pairing by iteration would be
//! noise. The runs are then compared as independent samples: every future of A against every
//! future of B (the Mann–Whitney probability), which keeps all the shared uncertainty in.

/// What decides a run's futures, for telling whether two runs share them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Futures {
    pub seed: u64,
    pub iterations: u64,
    pub sampling: super::latin::Sampling,
    /// Whether inputs were arranged to rank correlations (which depend on the count too).
    pub correlated: bool,
}

impl Futures {
    /// The futures of a run's results.
    pub fn of(results: &super::RunResults) -> Self {
        Futures {
            seed: results.seed,
            iterations: results.iterations,
            sampling: results.sampling,
            correlated: !results.correlations.is_empty(),
        }
    }

    /// Independent Monte Carlo futures with this seed (any count pairs with any other).
    pub fn monte_carlo(seed: u64, iterations: u64) -> Self {
        Futures {
            seed,
            iterations,
            sampling: super::latin::Sampling::MonteCarlo,
            correlated: false,
        }
    }

    /// True when iteration `i` of both runs is the same future, apart from what the scenarios
    /// change: same seed and method, and, unless both are plain Monte Carlo, the same count.
    pub fn pairs_with(&self, other: &Futures) -> bool {
        let plain = |f: &Futures| f.sampling.is_monte_carlo() && !f.correlated;
        self.seed == other.seed
            && self.sampling == other.sampling
            && (self.iterations == other.iterations || (plain(self) && plain(other)))
    }
}

/// How the futures of the two runs were matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// Same seed: iteration *i* against iteration *i*, over this many iterations.
    ByIteration { iterations: usize },
    /// Different seeds: every future of one against every future of the other.
    Independent { first: usize, second: usize },
}

/// One option's NPC in a first and a second run, compared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostComparison {
    /// Share of (paired or all) futures in which the option costs less in the first run.
    pub p_first_cheaper: f64,
    /// Share in which it costs exactly the same (an option both scenarios leave unchanged, paired).
    pub p_same: f64,
    /// Share in which it costs less in the second run.
    pub p_second_cheaper: f64,
    /// Mean NPC in the first run minus mean NPC in the second, £.
    pub mean_difference: f64,
    pub pairing: Pairing,
}

/// Compares the NPC samples (£, one per iteration) of the same option in two runs with the given
/// futures. None when either run has no samples.
pub fn compare_npc(
    first: &[f64],
    first_futures: Futures,
    second: &[f64],
    second_futures: Futures,
) -> Option<CostComparison> {
    if first.is_empty() || second.is_empty() {
        return None;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let mean_difference = mean(first) - mean(second);
    let (less, same, more, pairing) = if first_futures.pairs_with(&second_futures) {
        let n = first.len().min(second.len());
        let (mut less, mut same, mut more) = (0usize, 0usize, 0usize);
        for (a, b) in first.iter().zip(second).take(n) {
            match a.total_cmp(b) {
                std::cmp::Ordering::Less => less += 1,
                std::cmp::Ordering::Equal => same += 1,
                std::cmp::Ordering::Greater => more += 1,
            }
        }
        let n_f = n as f64;
        (
            less as f64 / n_f,
            same as f64 / n_f,
            more as f64 / n_f,
            Pairing::ByIteration { iterations: n },
        )
    } else {
        let mut sorted = second.to_vec();
        sorted.sort_unstable_by(f64::total_cmp);
        let (mut less, mut same) = (0u128, 0u128);
        for a in first {
            // Futures of the second run dearer than this one, and equal to it.
            let below_or_equal = sorted.partition_point(|b| b.total_cmp(a).is_le());
            let below = sorted.partition_point(|b| b.total_cmp(a).is_lt());
            less += (sorted.len() - below_or_equal) as u128;
            same += (below_or_equal - below) as u128;
        }
        let pairs = (first.len() as u128 * sorted.len() as u128) as f64;
        let (less, same) = (less as f64 / pairs, same as f64 / pairs);
        (
            less,
            same,
            1.0 - less - same,
            Pairing::Independent {
                first: first.len(),
                second: second.len(),
            },
        )
    };
    Some(CostComparison {
        p_first_cheaper: less,
        p_same: same,
        p_second_cheaper: more,
        mean_difference,
        pairing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_futures_are_compared_one_by_one() {
        let a = [1.0, 5.0, 3.0, 4.0];
        let b = [2.0, 4.0, 3.0, 9.0, 100.0];
        let mc = |seed| Futures::monte_carlo(seed, 4);
        let c = compare_npc(&a, mc(7), &b, mc(7)).unwrap();
        assert_eq!(c.pairing, Pairing::ByIteration { iterations: 4 });
        assert_eq!(c.p_first_cheaper, 0.5);
        assert_eq!(c.p_same, 0.25);
        assert_eq!(c.p_second_cheaper, 0.25);
        assert_eq!(c.mean_difference, 13.0 / 4.0 - 118.0 / 5.0);
    }

    #[test]
    fn independent_runs_compare_every_future_with_every_other() {
        let a = [1.0, 3.0];
        let b = [2.0, 3.0, 4.0];
        let mc = |seed| Futures::monte_carlo(seed, 2);
        let c = compare_npc(&a, mc(1), &b, mc(2)).unwrap();
        // 1 < 2, 3, 4; 3 < 4; 3 = 3; 3 > 2.
        assert_eq!(
            c.pairing,
            Pairing::Independent {
                first: 2,
                second: 3
            }
        );
        assert_eq!(c.p_first_cheaper, 4.0 / 6.0);
        assert_eq!(c.p_same, 1.0 / 6.0);
        assert!((c.p_second_cheaper - 1.0 / 6.0).abs() < 1e-12);
        assert!(compare_npc(&[], mc(1), &b, mc(1)).is_none());
    }

    #[test]
    fn latin_hypercube_runs_pair_only_at_the_same_count() {
        use crate::model::latin::Sampling;
        let latin = |iterations| Futures {
            seed: 5,
            iterations,
            sampling: Sampling::LatinHypercube,
            correlated: false,
        };
        assert!(latin(400).pairs_with(&latin(400)));
        assert!(!latin(400).pairs_with(&latin(600)));
        assert!(!latin(400).pairs_with(&Futures::monte_carlo(5, 400)));
        assert!(Futures::monte_carlo(5, 400).pairs_with(&Futures::monte_carlo(5, 600)));
        let correlated = Futures {
            correlated: true,
            ..Futures::monte_carlo(5, 400)
        };
        assert!(!correlated.pairs_with(&Futures::monte_carlo(5, 600)));
        assert!(correlated.pairs_with(&correlated));
    }
}
