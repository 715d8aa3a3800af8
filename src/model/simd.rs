//! Four `f64` lanes with the few operations the monthly workforce loop needs, written as plain
//! element-by-element arithmetic so that the compiler turns them into the widest vectors the
//! function being compiled may use: two SSE2 registers in the portable build, one AVX register in
//! the copy of the loop that [`super::workforce`] runs on processors that have AVX.
//!
//! Only IEEE add, subtract, multiply, divide, compare, select, absolute value and max/min are
//! offered, never a fused multiply-add, so every width gives the same bits.

use std::ops::{Add, Div, Mul, Sub};

/// Lanes in a [`V`].
pub(crate) const WIDTH: usize = 8;

/// `WIDTH` `f64` lanes.
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(align(64))]
pub(crate) struct V([f64; WIDTH]);

/// The outcome of comparing two [`V`]s, lane by lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mask([bool; WIDTH]);

#[inline(always)]
fn map(a: V, f: impl Fn(f64) -> f64) -> V {
    V(std::array::from_fn(|i| f(a.0[i])))
}

#[inline(always)]
fn zip(a: V, b: V, f: impl Fn(f64, f64) -> f64) -> V {
    V(std::array::from_fn(|i| f(a.0[i], b.0[i])))
}

#[inline(always)]
fn compare(a: V, b: V, f: impl Fn(f64, f64) -> bool) -> Mask {
    Mask(std::array::from_fn(|i| f(a.0[i], b.0[i])))
}

impl V {
    pub const ZERO: V = V([0.0; WIDTH]);
    pub const ONE: V = V([1.0; WIDTH]);

    #[inline(always)]
    pub fn new(lanes: [f64; WIDTH]) -> V {
        V(lanes)
    }

    #[inline(always)]
    pub fn splat(x: f64) -> V {
        V([x; WIDTH])
    }

    #[inline(always)]
    pub fn to_array(self) -> [f64; WIDTH] {
        self.0
    }

    #[inline(always)]
    pub fn as_array(&self) -> &[f64; WIDTH] {
        &self.0
    }

    /// `self > other ? self : other` in each lane: one `maxpd` instruction on x86, whose rule
    /// this is (a NaN in `self` gives `other`).
    #[inline(always)]
    #[allow(clippy::float_cmp)]
    pub fn fast_max(self, other: V) -> V {
        zip(self, other, |a, b| if a > b { a } else { b })
    }

    /// `self < other ? self : other` in each lane: one `minpd` instruction on x86.
    #[inline(always)]
    pub fn fast_min(self, other: V) -> V {
        zip(self, other, |a, b| if a < b { a } else { b })
    }

    #[inline(always)]
    pub fn abs(self) -> V {
        map(self, f64::abs)
    }

    #[inline(always)]
    pub fn simd_lt(self, other: V) -> Mask {
        compare(self, other, |a, b| a < b)
    }

    #[inline(always)]
    pub fn simd_le(self, other: V) -> Mask {
        compare(self, other, |a, b| a <= b)
    }

    #[inline(always)]
    #[allow(clippy::float_cmp)]
    pub fn simd_eq(self, other: V) -> Mask {
        compare(self, other, |a, b| a == b)
    }
}

impl Mask {
    /// `yes` in the lanes where the mask holds, `no` elsewhere.
    #[inline(always)]
    pub fn select(self, yes: V, no: V) -> V {
        V(std::array::from_fn(|i| {
            if self.0[i] { yes.0[i] } else { no.0[i] }
        }))
    }

    #[inline(always)]
    pub fn all(self) -> bool {
        self.0.iter().all(|&m| m)
    }

    /// Whether lane `j` holds.
    #[inline(always)]
    pub fn lane(self, j: usize) -> bool {
        self.0[j]
    }
}

impl Add for V {
    type Output = V;
    #[inline(always)]
    fn add(self, rhs: V) -> V {
        zip(self, rhs, |a, b| a + b)
    }
}

impl Sub for V {
    type Output = V;
    #[inline(always)]
    fn sub(self, rhs: V) -> V {
        zip(self, rhs, |a, b| a - b)
    }
}

impl Mul for V {
    type Output = V;
    #[inline(always)]
    fn mul(self, rhs: V) -> V {
        zip(self, rhs, |a, b| a * b)
    }
}

impl Div for V {
    type Output = V;
    #[inline(always)]
    fn div(self, rhs: V) -> V {
        zip(self, rhs, |a, b| a / b)
    }
}
