//! The colours of a diagram, in one place: the C4 blues, grey for external
//! elements. The scene resolves every colour from a [`Theme`]; nothing else
//! in the crate hard-codes a colour.

/// An sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Color {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    /// A colour with alpha.
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Self {
        Self { r, g, b, a }
    }

    /// `#rrggbb`, without the alpha.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Opacity from 0 to 1.
    pub fn opacity(self) -> f32 {
        f32::from(self.a) / 255.0
    }
}

/// Fill, outline and text colour of one element style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Palette {
    pub fill: Color,
    pub stroke: Color,
    pub text: Color,
    /// The header band of a table; the outline colour for other shapes.
    pub accent: Color,
}

const fn palette(fill: Color, stroke: Color, text: Color) -> Palette {
    Palette {
        fill,
        stroke,
        text,
        accent: stroke,
    }
}

const WHITE: Color = Color::rgb(0xff, 0xff, 0xff);

/// Every colour a diagram uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub background: Color,
    pub title: Color,
    pub person: Palette,
    pub external_person: Palette,
    pub system: Palette,
    pub external_system: Palette,
    pub container: Palette,
    pub external_container: Palette,
    pub component: Palette,
    pub external_component: Palette,
    pub entity: Palette,
    /// Secondary text in entity rows (types and markers).
    pub entity_muted_text: Color,
    pub edge: Color,
    pub edge_label_text: Color,
    /// Behind edge labels, so lines do not strike through text.
    pub edge_label_background: Color,
    pub boundary_stroke: Color,
    pub boundary_text: Color,
    pub legend_text: Color,
    pub legend_stroke: Color,
}

impl Theme {
    /// The C4 colours of c4model.com and Structurizr.
    pub const C4: Theme = Theme {
        background: WHITE,
        title: Color::rgb(0x1f, 0x1f, 0x1f),
        person: palette(
            Color::rgb(0x08, 0x42, 0x7b),
            Color::rgb(0x06, 0x31, 0x5c),
            WHITE,
        ),
        external_person: palette(
            Color::rgb(0x68, 0x68, 0x68),
            Color::rgb(0x4d, 0x4d, 0x4d),
            WHITE,
        ),
        system: palette(
            Color::rgb(0x11, 0x68, 0xbd),
            Color::rgb(0x0b, 0x4d, 0x8e),
            WHITE,
        ),
        external_system: palette(
            Color::rgb(0x99, 0x99, 0x99),
            Color::rgb(0x73, 0x73, 0x73),
            WHITE,
        ),
        container: palette(
            Color::rgb(0x43, 0x8d, 0xd5),
            Color::rgb(0x2e, 0x6d, 0xad),
            WHITE,
        ),
        external_container: palette(
            Color::rgb(0xb3, 0xb3, 0xb3),
            Color::rgb(0x8a, 0x8a, 0x8a),
            Color::rgb(0x1f, 0x1f, 0x1f),
        ),
        component: palette(
            Color::rgb(0x85, 0xbb, 0xf0),
            Color::rgb(0x5d, 0x9c, 0xd8),
            Color::rgb(0x0d, 0x1f, 0x33),
        ),
        external_component: palette(
            Color::rgb(0xcc, 0xcc, 0xcc),
            Color::rgb(0x99, 0x99, 0x99),
            Color::rgb(0x1f, 0x1f, 0x1f),
        ),
        entity: Palette {
            fill: Color::rgb(0xfa, 0xfc, 0xff),
            stroke: Color::rgb(0x2e, 0x6d, 0xad),
            text: Color::rgb(0x1f, 0x1f, 0x1f),
            accent: Color::rgb(0x43, 0x8d, 0xd5),
        },
        entity_muted_text: Color::rgb(0x5c, 0x5c, 0x5c),
        edge: Color::rgb(0x70, 0x70, 0x70),
        edge_label_text: Color::rgb(0x3a, 0x3a, 0x3a),
        edge_label_background: Color::rgba(0xff, 0xff, 0xff, 0xe0),
        boundary_stroke: Color::rgb(0x55, 0x55, 0x55),
        boundary_text: Color::rgb(0x33, 0x33, 0x33),
        legend_text: Color::rgb(0x33, 0x33, 0x33),
        legend_stroke: Color::rgb(0xcc, 0xcc, 0xcc),
    };
}

impl Default for Theme {
    fn default() -> Self {
        Self::C4
    }
}
