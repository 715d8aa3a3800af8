//! Reproducibility: the same seed gives the same bits on any number of threads, and adding an
//! option leaves the others alone.

use super::*;

#[test]
fn same_seed_same_bits_and_another_seed_differs() {
    let file = default_file();
    let a = run_file(&file, 1500, 11);
    let b = run_file(&file, 1500, 11);
    assert_eq!(a, b);
    let c = run_file(&file, 1500, 12);
    assert_ne!(a.options[0].npc.mean, c.options[0].npc.mean);
}

#[test]
fn one_thread_and_many_threads_give_identical_bits() {
    let file = default_file();
    let in_pool = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| run_file(&file, 3000, 7))
    };
    let one = in_pool(1);
    let three = in_pool(3);
    assert_eq!(one, three);
    for (x, y) in one.options[1]
        .samples
        .npc
        .iter()
        .zip(&three.options[1].samples.npc)
    {
        assert_eq!(x.to_bits(), y.to_bits());
    }
}

#[test]
fn adding_an_option_leaves_the_others_unchanged() {
    let file = default_file();
    let before = run_file(&file, 1000, 3);
    let mut more = file.clone();
    let mut extra = more.options[2].clone();
    extra.name = "Second company".to_string();
    extra.id = Some("second-company".to_string());
    more.options.insert(1, extra);
    let after = run_file(&more, 1000, 3);
    for name in ["In-house", "Children's trust", "Community interest company"] {
        let a = before.options.iter().find(|o| o.name == name).unwrap();
        let b = after.options.iter().find(|o| o.name == name).unwrap();
        assert_eq!(a.samples.npc, b.samples.npc, "{name}");
        assert_eq!(a.years, b.years, "{name}");
    }
}
