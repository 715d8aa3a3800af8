//! Comparing runs of two scenarios: one seed pairs the futures, so the change alone shows.

use super::*;

#[test]
fn runs_with_one_seed_share_their_futures_so_pairing_by_iteration_isolates_the_change() {
    use care_options::model::compare::{Pairing, compare_npc};
    let a = default_file();
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
            seed,
            &run_b.options[k].samples.npc,
            seed,
        )
        .unwrap();
        assert_eq!(c.pairing, Pairing::ByIteration { iterations: 400 });
        assert_eq!(c.p_same, 1.0, "{}", run_a.options[k].name);
    }
    // Paired, the trust differs only by its set-up cost, so it is dearer under B in every future,
    // although its NPC spreads over tens of millions either way.
    let trust = compare_npc(
        &run_a.options[1].samples.npc,
        seed,
        &run_b.options[1].samples.npc,
        seed,
    )
    .unwrap();
    assert_eq!(trust.p_first_cheaper, 1.0, "{trust:?}");
    // Unpaired (another seed for B), the same change is lost in the spread of futures.
    let unpaired = compare_npc(
        &run_a.options[1].samples.npc,
        seed,
        &run_file(&b, 400, seed + 1).options[1].samples.npc,
        seed + 1,
    )
    .unwrap();
    assert!(unpaired.p_first_cheaper < 0.7, "{unpaired:?}");

    // With another seed the futures are unrelated: in-house is compared as two independent
    // samples of the same distribution, and neither side is cheaper much more often.
    let other = run_file(&a, 600, seed + 1);
    let c = compare_npc(
        &run_a.options[0].samples.npc,
        seed,
        &other.options[0].samples.npc,
        seed + 1,
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
