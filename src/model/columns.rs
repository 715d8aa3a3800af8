//! Memory for a run's figures, asked of the system in a way that can be refused: a run the
//! system cannot hold (a limit the estimate could not see) ends with
//! [`RunError::OutOfMemory`] and a clear message, instead of the process aborting.

use super::control::RunError;
use super::memory::MemoryEstimate;
use super::validate::Scenario;

/// `len` zeros, or `None` when the system will not give the memory. Zeroed memory straight from
/// the system, as `vec![0.0; len]` gets it: pages are only touched when written, by whichever
/// thread writes them.
fn zeroed(len: usize) -> Option<Vec<f64>> {
    if len == 0 {
        return Some(Vec::new());
    }
    let layout = std::alloc::Layout::array::<f64>(len).ok()?;
    // SAFETY: `layout` has a non-zero size (len > 0, eight bytes each). `alloc_zeroed` returns
    // null or memory of that layout, all zero bytes, which is `len` valid `0.0_f64`s.
    let pointer = unsafe { std::alloc::alloc_zeroed(layout) }.cast::<f64>();
    if pointer.is_null() {
        return None;
    }
    // SAFETY: allocated above by the global allocator, which `Vec` uses, with the layout of
    // `len` `f64`s; all `len` are initialised; the `Vec` becomes its only owner.
    Some(unsafe { Vec::from_raw_parts(pointer, len, len) })
}

/// The records of a run of `iterations` (each `record_len` figures), after making sure the
/// statistics that follow will find their memory too (the estimate's remainder is asked for and
/// handed straight back: refused where an address-space limit would refuse it later).
pub(crate) fn run_records(
    scenario: &Scenario,
    iterations: usize,
    record_len: usize,
) -> Result<Vec<f64>, RunError> {
    let estimate = MemoryEstimate::of(scenario);
    let total = estimate.bytes(iterations as u64);
    let refused = || RunError::OutOfMemory {
        bytes: total,
        iterations: iterations as u64,
    };
    let len = iterations.checked_mul(record_len).ok_or_else(refused)?;
    let records = zeroed(len).ok_or_else(refused)?;
    let record_bytes = (len as u64).saturating_mul(8);
    let rest = total.saturating_sub(record_bytes) / 8;
    drop(zeroed(usize::try_from(rest).map_err(|_| refused())?).ok_or_else(refused)?);
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeros_are_zeros_and_an_impossible_size_is_refused_not_aborted() {
        let v = zeroed(1000).unwrap();
        assert_eq!(v.len(), 1000);
        assert!(v.iter().all(|x| *x == 0.0));
        assert!(zeroed(0).unwrap().is_empty());
        // More than any address space holds.
        assert!(zeroed(usize::MAX / 16).is_none());
    }
}
