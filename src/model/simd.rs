//! Vectors of [`WIDTH`] `f64` lanes with the few operations the hot loops need, written as plain
//! element-by-element arithmetic so that the compiler turns them into the widest instructions the
//! function being compiled may use, and [`builds!`], which compiles such a loop for each
//! [`VectorBuild`] and runs the widest one the processor has: four SSE2 instructions to a vector
//! on any x86_64, two with AVX, one with AVX-512.
//!
//! Only IEEE add, subtract, multiply, divide, compare, select, absolute value and max/min are
//! offered, never a fused multiply-add, so every build gives the same bits.

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

/// The builds of a vectorised loop: the same code compiled for three widths of vector
/// instruction. All give the same bits; the wider ones are faster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VectorBuild {
    /// Any processor of the target (on x86_64, SSE2: two lanes to an instruction).
    Portable,
    /// x86_64 with AVX: four lanes to an instruction.
    Avx,
    /// x86_64 with AVX-512 (its foundation and its 64-bit integer multiply, AVX-512DQ, which
    /// every processor with AVX-512 but the Xeon Phi has): eight lanes to an instruction.
    Avx512,
}

impl VectorBuild {
    pub const ALL: [VectorBuild; 3] =
        [VectorBuild::Portable, VectorBuild::Avx, VectorBuild::Avx512];

    /// Whether this processor can run the build. The answer is cached after the first question.
    pub fn available(self) -> bool {
        match self {
            VectorBuild::Portable => true,
            #[cfg(target_arch = "x86_64")]
            VectorBuild::Avx => std::arch::is_x86_feature_detected!("avx"),
            #[cfg(target_arch = "x86_64")]
            VectorBuild::Avx512 => {
                std::arch::is_x86_feature_detected!("avx512f")
                    && std::arch::is_x86_feature_detected!("avx512dq")
            }
            #[cfg(not(target_arch = "x86_64"))]
            VectorBuild::Avx | VectorBuild::Avx512 => false,
        }
    }

    /// The widest build this processor can run.
    pub fn widest() -> Self {
        let mut widest = VectorBuild::Portable;
        for build in VectorBuild::ALL {
            if build.available() {
                widest = build;
            }
        }
        widest
    }

    pub fn name(self) -> &'static str {
        match self {
            VectorBuild::Portable => "portable",
            VectorBuild::Avx => "AVX",
            VectorBuild::Avx512 => "AVX-512",
        }
    }
}

/// `builds!(fn name(a: A, b: B) => body)` defines `fn name(build: VectorBuild, a: A, b: B)`,
/// which runs `body(a, b)` compiled for `build`, or for any processor if this one cannot run
/// `build`. `body` must be `#[inline(always)]`, so that each build compiles all of it with its
/// own instructions. Each build is a function of its own, not inlined, so that profiles show it.
macro_rules! builds {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) => $body:path) => {
        $(#[$meta])*
        $vis fn $name(build: $crate::model::simd::VectorBuild, $($arg: $ty),*) {
            #[inline(never)]
            fn portable($($arg: $ty),*) {
                $body($($arg),*)
            }
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx")]
            #[inline(never)]
            fn avx($($arg: $ty),*) {
                $body($($arg),*)
            }
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx512f,avx512dq")]
            #[inline(never)]
            fn avx512($($arg: $ty),*) {
                $body($($arg),*)
            }
            match build {
                // SAFETY (both): the build needs AVX-512F or AVX, and `available` has checked
                // that the processor has it.
                #[cfg(target_arch = "x86_64")]
                $crate::model::simd::VectorBuild::Avx512 if build.available() => unsafe {
                    avx512($($arg),*)
                },
                #[cfg(target_arch = "x86_64")]
                $crate::model::simd::VectorBuild::Avx if build.available() => unsafe {
                    avx($($arg),*)
                },
                _ => portable($($arg),*),
            }
        }
    };
}
pub(crate) use builds;
