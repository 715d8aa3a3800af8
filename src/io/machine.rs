//! What the computer has to offer a run: the memory available now.

use crate::model::Scenario;
use crate::model::memory::{MemoryEstimate, TooLarge, check_fits};

/// Bytes of memory available to this program now: what the system could hand out without
/// swapping (free memory plus the file cache it can drop), or the room left under a limit on the
/// process (a control group's, at any level, or an address-space limit) if that is less. `None`
/// where the system does not say.
pub fn available_memory() -> Option<u64> {
    let mut system = sysinfo::System::new();
    system.refresh_memory();
    let mut available = system.available_memory();
    // The limits on this process itself (its cgroup and its parents', `ulimit -v`), which the
    // machine's free memory does not show.
    if let Some(room) = super::memory_limits::room(std::path::Path::new("/")) {
        available = available.min(room);
    }
    (available > 0).then_some(available)
}

/// Refuses a run that would not fit in the memory available now. Where the system does not say
/// how much there is, the run goes ahead.
pub fn check_run_fits(scenario: &Scenario, iterations: u64) -> Result<MemoryEstimate, TooLarge> {
    match available_memory() {
        Some(available) => check_fits(scenario, iterations, available),
        None => Ok(MemoryEstimate::of(scenario)),
    }
}
