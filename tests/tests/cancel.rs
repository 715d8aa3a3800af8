//! Cancelling a run: it stops, and at most the chunk each thread was in completes.

use super::*;

#[test]
fn cancel_stops_a_run() {
    let scenario = validate(&default_file()).unwrap();
    let control = RunControl::new();
    control.cancel();
    let r = run(
        &scenario,
        RunSettings {
            iterations: 100_000,
            seed: 1,
        },
        &control,
    );
    assert_eq!(r.unwrap_err(), care_options::model::RunError::Cancelled);
}

#[test]
fn after_cancel_at_most_one_chunk_per_thread_completes() {
    use care_options::model::engine::CHUNK_ITERATIONS;
    let scenario = validate(&default_file()).unwrap();
    let control = RunControl::new();
    let threads = rayon::current_num_threads() as u64;
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            run(
                &scenario,
                RunSettings {
                    iterations: 200_000,
                    seed: 1,
                },
                &control,
            )
        });
        // Wait until the draws are under way, then cancel.
        while control.done() == 0 {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        control.cancel();
        let at_cancel = control.done();
        let result = worker.join().unwrap();
        assert_eq!(
            result.unwrap_err(),
            care_options::model::RunError::Cancelled
        );
        let after = control.done() - at_cancel;
        // Each thread finishes at most the chunk it was in (and stops sooner: every group of
        // iterations checks the flag); no new chunk starts.
        assert!(
            after <= threads * CHUNK_ITERATIONS as u64,
            "{after} iterations completed after cancel on {threads} threads"
        );
        assert!(
            at_cancel < 200_000,
            "the run had finished its draws already"
        );
    });
}
