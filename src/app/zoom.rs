//! How large the whole window is drawn: the zoom steps of View > Zoom in / Zoom out and their
//! bounds. Outside 50%–300% the window is either unreadable or has no room for the editor.

/// The smallest zoom factor (50%).
pub const MIN_ZOOM: f32 = 0.5;
/// The largest zoom factor (300%).
pub const MAX_ZOOM: f32 = 3.0;
/// One step of Zoom in or Zoom out (10 percentage points).
pub const ZOOM_STEP: f32 = 0.1;

/// A zoom factor within bounds, on a whole percentage; anything unusable (NaN) is 100%.
pub fn clamp_zoom(zoom: f32) -> f32 {
    if zoom.is_finite() {
        ((zoom * 100.0).round() / 100.0).clamp(MIN_ZOOM, MAX_ZOOM)
    } else {
        1.0
    }
}

/// Steps land on whole tens of percent, so 100% is always reachable again by stepping; this
/// much off a whole ten still counts as on it (f32 arithmetic is inexact).
const ON_STEP: f32 = 1e-3;

/// The next whole ten of percent above, up to [`MAX_ZOOM`].
pub fn zoom_in(zoom: f32) -> f32 {
    let tenths = (clamp_zoom(zoom) / ZOOM_STEP + ON_STEP).floor() + 1.0;
    clamp_zoom(tenths * ZOOM_STEP)
}

/// The next whole ten of percent below, down to [`MIN_ZOOM`].
pub fn zoom_out(zoom: f32) -> f32 {
    let tenths = (clamp_zoom(zoom) / ZOOM_STEP - ON_STEP).ceil() - 1.0;
    clamp_zoom(tenths * ZOOM_STEP)
}

/// "120%".
pub fn percent(zoom: f32) -> String {
    format!("{:.0}%", zoom * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_tenths_and_stop_at_the_bounds() {
        assert_eq!(zoom_in(1.0), 1.1);
        assert_eq!(zoom_out(1.0), 0.9);
        assert_eq!(zoom_in(1.25), 1.3);
        assert_eq!(zoom_out(1.25), 1.2);
        assert_eq!(zoom_in(MAX_ZOOM), MAX_ZOOM);
        assert_eq!(zoom_out(MIN_ZOOM), MIN_ZOOM);
        let mut zoom = 1.0;
        for _ in 0..10 {
            zoom = zoom_in(zoom);
        }
        assert_eq!(zoom, 2.0);
        assert_eq!(clamp_zoom(f32::NAN), 1.0);
        assert_eq!(clamp_zoom(9.0), MAX_ZOOM);
        assert_eq!(clamp_zoom(0.0), MIN_ZOOM);
        assert_eq!(percent(1.1), "110%");
    }
}
