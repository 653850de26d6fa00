//! The editor's own colours (the diagram's come from
//! [`crate::diagram::Theme`]): the canvas paper and grid, the selection, the
//! tools drawn while a gesture runs, and the finding badges, for the light
//! and the dark look.

use egui::Color32;

/// Every colour the canvas paints that is not part of the scene.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CanvasColors {
    /// Behind everything.
    pub background: Color32,
    pub grid: Color32,
    /// Behind the legend.
    pub legend_background: Color32,
    /// The scene's text that sits on the paper itself (the view's title,
    /// boundary titles, the legend), made for white paper: drawn in this
    /// colour instead, on a dark one.
    pub paper_text: Option<Color32>,
    /// The outline of a selected element and the line of a selected edge.
    pub selection: Color32,
    /// The connection handle, the line being connected and the
    /// selection rectangle's outline.
    pub tool: Color32,
    /// Inside the selection rectangle.
    pub tool_fill: Color32,
    /// Around the connection handle.
    pub handle_ring: Color32,
    /// "Laying out…".
    pub hint: Color32,
    pub error: Color32,
    pub warning: Color32,
    pub info: Color32,
    /// The mark on a badge.
    pub badge_text: Color32,
    /// The tag of an element added since the compared version.
    pub added: Color32,
    /// The tag of an element changed since the compared version.
    pub changed: Color32,
}

impl CanvasColors {
    pub const LIGHT: CanvasColors = CanvasColors {
        background: Color32::from_gray(250),
        grid: Color32::from_gray(228),
        legend_background: Color32::WHITE,
        paper_text: None,
        selection: Color32::from_rgb(230, 120, 0),
        tool: Color32::from_rgb(0, 120, 215),
        tool_fill: Color32::from_rgba_unmultiplied_const(0, 120, 215, 30),
        handle_ring: Color32::WHITE,
        hint: Color32::GRAY,
        error: Color32::from_rgb(200, 30, 30),
        warning: Color32::from_rgb(220, 150, 0),
        info: Color32::from_rgb(60, 120, 200),
        badge_text: Color32::WHITE,
        added: Color32::from_rgb(30, 140, 70),
        changed: Color32::from_rgb(120, 80, 190),
    };

    /// The light look on dark paper.
    pub const DARK: CanvasColors = CanvasColors {
        background: Color32::from_gray(24),
        grid: Color32::from_gray(40),
        legend_background: Color32::from_gray(36),
        paper_text: Some(Color32::from_gray(215)),
        ..Self::LIGHT
    };

    pub fn new(dark: bool) -> Self {
        if dark { Self::DARK } else { Self::LIGHT }
    }
}
