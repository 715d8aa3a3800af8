//! Which of eframe's two renderers draws the window, and in what order they are tried.
//!
//! The program carries both: **glow** (OpenGL) and **wgpu** (Direct3D 12 on Windows, Metal on
//! macOS, Vulkan or OpenGL ES on Linux). OpenGL is what fails on council desktops: over Remote
//! Desktop and on virtual desktops without a graphics card Windows offers only its OpenGL 1.1
//! software driver, too old for egui, while Direct3D 12 still works there (with the WARP software
//! adapter if there is no GPU). So Windows and macOS (where Apple has deprecated OpenGL) try wgpu
//! first; Linux tries glow first, as Mesa's OpenGL works everywhere, GPU or none (its llvmpipe
//! software renderer), and it is the renderer the window has always been tested with. Whichever
//! comes first, the other is tried when it cannot start ([`super::window::run`]).
//!
//! `CARE_OPTIONS_RENDERER=glow` or `=wgpu` forces one renderer, with no fall-back, for a machine
//! where the first choice starts but draws badly, and for checking each renderer by hand;
//! `=wgpu,glow` or `=glow,wgpu` sets the order.
//!
//! Pure decisions on the variable's value and the operating system's name, so tests can try
//! every case; depends on nothing but eframe's renderer names.

use std::ffi::OsStr;
use std::fmt;

/// The environment variable that forces one renderer: `glow` or `wgpu`.
pub const RENDERER_VARIABLE: &str = "CARE_OPTIONS_RENDERER";

/// One of the two renderers the program is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    /// OpenGL, through glutin.
    Glow,
    /// wgpu: Direct3D 12, Metal, Vulkan or OpenGL ES, whichever the system has.
    Wgpu,
}

impl Renderer {
    /// The renderer's name, as `CARE_OPTIONS_RENDERER` and the log spell it.
    pub fn name(self) -> &'static str {
        match self {
            Renderer::Glow => "glow",
            Renderer::Wgpu => "wgpu",
        }
    }

    /// The other renderer.
    pub fn other(self) -> Renderer {
        match self {
            Renderer::Glow => Renderer::Wgpu,
            Renderer::Wgpu => Renderer::Glow,
        }
    }

    /// eframe's name for it.
    pub fn eframe(self) -> eframe::Renderer {
        match self {
            Renderer::Glow => eframe::Renderer::Glow,
            Renderer::Wgpu => eframe::Renderer::Wgpu,
        }
    }
}

impl fmt::Display for Renderer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The renderers to try, in turn, and why in that order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Tried first to last until one opens the window; one renderer when forced, else both.
    pub order: Vec<Renderer>,
    /// Why a value of `CARE_OPTIONS_RENDERER` was not understood, said in the log and on standard
    /// error (the usual order is used).
    pub ignored: Option<String>,
}

impl Plan {
    /// Whether one renderer was forced by `CARE_OPTIONS_RENDERER`.
    pub fn forced(&self) -> bool {
        self.order.len() == 1
    }
}

/// The renderer tried first on the operating system `os` (as [`std::env::consts::OS`] names it).
pub fn first_choice(os: &str) -> Renderer {
    match os {
        "windows" | "macos" => Renderer::Wgpu,
        _ => Renderer::Glow,
    }
}

/// The plan for `os` given the value of `CARE_OPTIONS_RENDERER`, if set: one renderer's name
/// forces it; two, separated by a comma, give the order to try them in (`wgpu,glow` tries the
/// Windows order anywhere, which is how the fall-back is checked on Linux). Read without regard
/// to case or spaces; empty counts as unset.
pub fn plan(variable: Option<&OsStr>, os: &str) -> Plan {
    let first = first_choice(os);
    let usual = Plan {
        order: vec![first, first.other()],
        ignored: None,
    };
    let Some(value) = variable else {
        return usual;
    };
    let text = value.to_string_lossy();
    if text.trim().is_empty() {
        return usual;
    }
    let named: Option<Vec<Renderer>> = text
        .split(',')
        .map(|name| match name.trim().to_ascii_lowercase().as_str() {
            "glow" => Some(Renderer::Glow),
            "wgpu" => Some(Renderer::Wgpu),
            _ => None,
        })
        .collect();
    match named {
        Some(order) if order.len() == 1 || (order.len() == 2 && order[0] != order[1]) => Plan {
            order,
            ignored: None,
        },
        _ => Plan {
            ignored: Some(format!(
                "{RENDERER_VARIABLE}={text} is not glow, wgpu, glow,wgpu or wgpu,glow: trying \
                 {first} then {}",
                first.other()
            )),
            ..usual
        },
    }
}

/// The plan for this computer: its operating system and its `CARE_OPTIONS_RENDERER`.
pub fn plan_here() -> Plan {
    plan(
        std::env::var_os(RENDERER_VARIABLE).as_deref(),
        std::env::consts::OS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Renderer::{Glow, Wgpu};

    fn order(variable: Option<&str>, os: &str) -> Vec<Renderer> {
        plan(variable.map(OsStr::new), os).order
    }

    #[test]
    fn windows_and_macos_try_wgpu_first_and_linux_glow_then_the_other() {
        assert_eq!(order(None, "windows"), [Wgpu, Glow]);
        assert_eq!(order(None, "macos"), [Wgpu, Glow]);
        assert_eq!(order(None, "linux"), [Glow, Wgpu]);
        assert_eq!(order(None, "freebsd"), [Glow, Wgpu]);
        assert!(!plan(None, "linux").forced());
    }

    #[test]
    fn the_variable_forces_one_renderer_with_no_fall_back() {
        for os in ["windows", "linux", "macos"] {
            assert_eq!(order(Some("glow"), os), [Glow]);
            assert_eq!(order(Some("wgpu"), os), [Wgpu]);
            assert_eq!(order(Some(" WGPU \n"), os), [Wgpu]);
            assert_eq!(order(Some("Glow"), os), [Glow]);
            assert!(plan(Some(OsStr::new("wgpu")), os).forced());
        }
    }

    #[test]
    fn two_names_set_the_order_with_the_fall_back() {
        assert_eq!(order(Some("wgpu,glow"), "linux"), [Wgpu, Glow]);
        assert_eq!(order(Some("glow, WGPU"), "windows"), [Glow, Wgpu]);
        assert!(!plan(Some(OsStr::new("wgpu,glow")), "linux").forced());
    }

    #[test]
    fn an_empty_variable_is_unset_and_a_wrong_one_is_said_and_ignored() {
        assert_eq!(plan(Some(OsStr::new("")), "windows"), plan(None, "windows"));
        assert_eq!(plan(Some(OsStr::new("  ")), "linux"), plan(None, "linux"));
        let wrong = plan(Some(OsStr::new("opengl")), "windows");
        assert_eq!(wrong.order, [Wgpu, Glow]);
        assert_eq!(
            wrong.ignored.as_deref(),
            Some(
                "CARE_OPTIONS_RENDERER=opengl is not glow, wgpu, glow,wgpu or wgpu,glow: trying \
                 wgpu then glow"
            )
        );
        for wrong in ["wgpu,wgpu", "glow,wgpu,glow", "glow,", ",wgpu", "dx12"] {
            let plan = plan(Some(OsStr::new(wrong)), "linux");
            assert_eq!(plan.order, [Glow, Wgpu], "{wrong}");
            assert!(plan.ignored.is_some(), "{wrong}");
        }
    }

    #[test]
    fn names_are_what_the_variable_takes() {
        for renderer in [Glow, Wgpu] {
            assert_eq!(
                order(Some(renderer.name()), "linux"),
                [renderer],
                "{renderer}"
            );
            assert_eq!(renderer.eframe().to_string(), renderer.name());
            assert_eq!(renderer.other().other(), renderer);
        }
    }
}
