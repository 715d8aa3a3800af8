//! The window's own clock, for timers that must keep running whether or not the window is drawn
//! (the autosave): while a window is covered or minimised, eframe runs no UI pass and egui's
//! time stands still, but this clock goes on. Seconds since the window started, from the system's
//! monotonic clock; tests put in one they move by hand, so half a minute passes without waiting.

#[cfg(test)]
use std::sync::Arc;
#[cfg(test)]
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Seconds since a start.
#[derive(Debug, Clone)]
pub struct Clock(Source);

#[derive(Debug, Clone)]
enum Source {
    System(Instant),
    /// Seconds as the bits of an `f64`, set by a test.
    #[cfg(test)]
    Manual(Arc<AtomicU64>),
}

impl Default for Clock {
    fn default() -> Self {
        Clock(Source::System(Instant::now()))
    }
}

impl Clock {
    /// Seconds since the clock started.
    pub fn seconds(&self) -> f64 {
        match &self.0 {
            Source::System(start) => start.elapsed().as_secs_f64(),
            #[cfg(test)]
            Source::Manual(seconds) => f64::from_bits(seconds.load(Ordering::Relaxed)),
        }
    }

    /// A clock that stands at 0 until its hand is moved.
    #[cfg(test)]
    pub fn manual() -> (Clock, Hand) {
        let seconds = Arc::new(AtomicU64::new(0f64.to_bits()));
        (Clock(Source::Manual(seconds.clone())), Hand(seconds))
    }
}

/// Moves a manual clock.
#[cfg(test)]
pub struct Hand(Arc<AtomicU64>);

#[cfg(test)]
impl Hand {
    pub fn advance(&self, seconds: f64) {
        let now = f64::from_bits(self.0.load(Ordering::Relaxed));
        self.0.store((now + seconds).to_bits(), Ordering::Relaxed);
    }
}
