//! Distributions: every family against its analytic mean and variance, and clamping.

use super::*;

/// Draws per family for the moment checks.
const DRAWS: usize = 200_000;
/// Allowed error in the sample mean, in standard errors.
const MEAN_STANDARD_ERRORS: f64 = 5.0;
/// Allowed relative error of the sample variance.
const VARIANCE_RELATIVE: f64 = 0.03;

#[test]
fn every_family_has_its_analytic_mean_and_variance() {
    use rand::SeedableRng;
    let families = [
        Dist::Uniform { min: 2.0, max: 5.0 },
        Dist::Triangular {
            min: 1.0,
            mode: 2.0,
            max: 6.0,
        },
        Dist::Pert {
            min: 0.1,
            mode: 0.17,
            max: 0.25,
        },
        Dist::Pert {
            min: 3000.0,
            mode: 6000.0,
            max: 15000.0,
        },
        Dist::Normal { mean: 0.0, sd: 5.0 },
        Dist::LogNormal {
            mean: 800.0,
            sd: 150.0,
        },
    ];
    let unbounded = Range::new(f64::NEG_INFINITY, f64::INFINITY);
    let both = [
        care_options::model::maths::Maths::Platform,
        care_options::model::maths::Maths::Portable,
    ];
    for (dist, maths) in families.into_iter().flat_map(|d| both.map(|m| (d, m))) {
        let sampler = Sampler::new(&dist, unbounded, maths).unwrap();
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(42);
        let xs: Vec<f64> = (0..DRAWS).map(|_| sampler.draw(&mut rng).0).collect();
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        let se = (dist.variance() / n).sqrt();
        assert!(
            (mean - dist.mean()).abs() <= MEAN_STANDARD_ERRORS * se,
            "{dist:?}, {maths:?}: mean {mean} vs {}",
            dist.mean()
        );
        assert!(
            ((var - dist.variance()) / dist.variance()).abs() <= VARIANCE_RELATIVE,
            "{dist:?}, {maths:?}: variance {var} vs {}",
            dist.variance()
        );
    }
}

#[test]
fn draws_outside_the_range_are_clamped_and_counted() {
    let mut file = default_file();
    // A Normal around 0.1 with sd 0.2 spills below 0 about 31% of the time.
    file.options[0].agency_cover = Dist::Normal { mean: 0.1, sd: 0.2 };
    let results = run_file(&file, 2000, 5);
    let clamped = &results.options[0].clamped.0;
    let (_, count) = clamped
        .iter()
        .find(|(path, _)| path == "options[In-house].agency_cover")
        .unwrap();
    assert!(*count > 400 && *count < 850, "clamped {count} of 2000");
}
