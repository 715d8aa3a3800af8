//! Comparing runs of two scenarios: one seed pairs the futures, so the change alone shows.

use super::*;

#[test]
fn runs_with_one_seed_share_their_futures_so_pairing_by_iteration_isolates_the_change() {
    use care_options::model::compare::{Futures, Pairing, compare_npc};
    // Plain Monte Carlo: a run of 400 iterations is the first 400 futures of a run of 600.
    let mut a = default_file();
    a.simulation.sampling = care_options::model::latin::Sampling::MonteCarlo;
    let mut b = a.clone();
    // The trust's set-up costs more than the most it could cost before (£7m): only the trust's
    // own input changes.
    b.options[1].setup_cost = Dist::Fixed(8_000_000.0);
    let seed = a.simulation.seed;
    let run_a = run_file(&a, 600, seed);
    let run_b = run_file(&b, 400, seed);

    // In-house and the CIC are the same futures in both: identical, iteration by iteration, over
    // the iterations both runs have.
    for k in [0, 2] {
        let c = compare_npc(
            &run_a.options[k].samples.npc,
            Futures::of(&run_a),
            &run_b.options[k].samples.npc,
            Futures::of(&run_b),
        )
        .unwrap();
        assert_eq!(c.pairing, Pairing::ByIteration { iterations: 400 });
        assert_eq!(c.p_same, 1.0, "{}", run_a.options[k].name);
    }
    // Paired, the trust differs only by its set-up cost, so it is dearer under B in every future,
    // although its NPC spreads over tens of millions either way.
    let trust = compare_npc(
        &run_a.options[1].samples.npc,
        Futures::of(&run_a),
        &run_b.options[1].samples.npc,
        Futures::of(&run_b),
    )
    .unwrap();
    assert_eq!(trust.p_first_cheaper, 1.0, "{trust:?}");
    // Unpaired (another seed for B), the same change is lost in the spread of futures.
    let run_b_other = run_file(&b, 400, seed + 1);
    let unpaired = compare_npc(
        &run_a.options[1].samples.npc,
        Futures::of(&run_a),
        &run_b_other.options[1].samples.npc,
        Futures::of(&run_b_other),
    )
    .unwrap();
    assert!(unpaired.p_first_cheaper < 0.7, "{unpaired:?}");

    // With another seed the futures are unrelated: in-house is compared as two independent
    // samples of the same distribution, and neither side is cheaper much more often.
    let other = run_file(&a, 600, seed + 1);
    let c = compare_npc(
        &run_a.options[0].samples.npc,
        Futures::of(&run_a),
        &other.options[0].samples.npc,
        Futures::of(&other),
    )
    .unwrap();
    assert_eq!(
        c.pairing,
        Pairing::Independent {
            first: 600,
            second: 600
        }
    );
    assert!((c.p_first_cheaper - 0.5).abs() < 0.06, "{c:?}");
}

#[test]
fn latin_hypercube_runs_share_their_futures_only_at_the_same_count() {
    use care_options::model::compare::{Futures, Pairing, compare_npc};
    // The shipped default draws by Latin hypercube: each iteration's slice of each input
    // depends on the count, so only runs of the same count are paired.
    let a = default_file();
    let mut b = a.clone();
    b.options[1].setup_cost = Dist::Fixed(8_000_000.0);
    let seed = a.simulation.seed;
    let (run_a, run_b) = (run_file(&a, 400, seed), run_file(&b, 400, seed));
    let paired = compare_npc(
        &run_a.options[1].samples.npc,
        Futures::of(&run_a),
        &run_b.options[1].samples.npc,
        Futures::of(&run_b),
    )
    .unwrap();
    assert_eq!(paired.pairing, Pairing::ByIteration { iterations: 400 });
    assert_eq!(paired.p_first_cheaper, 1.0, "{paired:?}");
    let longer = run_file(&b, 600, seed);
    let unpaired = compare_npc(
        &run_a.options[1].samples.npc,
        Futures::of(&run_a),
        &longer.options[1].samples.npc,
        Futures::of(&longer),
    )
    .unwrap();
    assert_eq!(
        unpaired.pairing,
        Pairing::Independent {
            first: 400,
            second: 600
        }
    );
}
