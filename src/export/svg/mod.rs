//! C4 diagrams as SVG: one self-contained file per view, written from the
//! same [`Scene`] the canvas paints.
//!
//! The SVG has real `<text>` elements in the font stack of
//! [`diagram::text::FONT_FAMILY`] (whose fonts are no wider than the widths
//! the scene was measured with), presentation attributes only (no `<style>`,
//! no scripts, no links, no external references), a `viewBox`, and a
//! `<title>` and `<desc>`. Every piece of model text is escaped, and
//! characters XML cannot hold are replaced. Same model, same bytes.
//!
//! This module writes text only: no I/O, no layout decisions of its own.

use rayon::prelude::*;

use super::{Artifact, ExportError, Options};
use crate::diagram::{
    self, Align, Color, LegendKey, LineStyle, Point, Rect, Scene, Shape, TextLine,
};
use crate::model::Document;

/// One `VIEW-ID.svg` per view, or only the view `options.only`.
pub fn export(doc: &Document, options: &Options) -> Result<Vec<Artifact>, ExportError> {
    let views: Vec<_> = match &options.only {
        Some(id) => {
            let Some(v) = doc.view(id) else {
                return Err(ExportError::UnknownTarget {
                    what: "view",
                    id: id.clone(),
                    available: available(doc),
                });
            };
            vec![v]
        }
        None => doc.views.iter().collect(),
    };
    if views.is_empty() {
        return Err(ExportError::Nothing { what: "views" });
    }
    // One lookup of the document for all its views.
    let lookup = diagram::ContentsLookup::new(doc);
    // Views are independent: rayon lays them out and writes them on every
    // core, and the results come back in model order, so the output (and the
    // first error, if several views fail) is the same on any machine.
    let done: Vec<Result<Artifact, ExportError>> =
        views.par_iter().map(|v| view_svg(&lookup, v)).collect();
    done.into_iter().collect()
}

/// One view as `VIEW-ID.svg`.
fn view_svg<'a>(
    lookup: &diagram::ContentsLookup<'a>,
    view: &'a crate::model::View,
) -> Result<Artifact, ExportError> {
    let scene =
        diagram::scene_with(lookup, view).map_err(|e| ExportError::Unsupported(e.to_string()))?;
    Ok(Artifact {
        file_name: format!("{}.svg", view.id),
        text: render(&scene),
    })
}

fn available(doc: &Document) -> String {
    if doc.views.is_empty() {
        "none".to_owned()
    } else {
        doc.views
            .iter()
            .map(|v| v.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The elements this module writes, and no others.
pub const ELEMENTS: [&str; 11] = [
    "svg", "title", "desc", "g", "rect", "path", "circle", "ellipse", "polyline", "polygon", "text",
];

/// The attributes this module writes, and no others.
pub const ATTRIBUTES: [&str; 30] = [
    "xmlns",
    "viewBox",
    "width",
    "height",
    "role",
    "aria-labelledby",
    "font-family",
    "text-rendering",
    "id",
    "class",
    "x",
    "y",
    "rx",
    "ry",
    "cx",
    "cy",
    "r",
    "d",
    "points",
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linejoin",
    "font-size",
    "font-weight",
    "text-anchor",
    "data-id",
    "data-relationships",
];

/// Appends each piece to `out` (a `String`), in order: literal text as it
/// is, and the wrappers below ([`Num`], [`Hex`], [`Text`]…) written straight
/// into it, with none of `write!`'s formatting machinery (an SVG has tens of
/// thousands of pieces).
macro_rules! put {
    ($out:expr; $($piece:expr),+ $(,)?) => {{
        let out: &mut String = &mut $out;
        $( Piece::put($piece, out); )+
    }};
}

/// Something [`put!`] can append.
trait Piece {
    fn put(self, out: &mut String);
}

impl Piece for &str {
    fn put(self, out: &mut String) {
        out.push_str(self);
    }
}

/// Writes a scene as a standalone SVG document.
pub fn render(scene: &Scene) -> String {
    // Room for a typical file up front, rather than growing it step by step.
    let mut w = Writer {
        out: String::with_capacity(4096 + 600 * scene.nodes.len() + 400 * scene.edges.len()),
    };
    let b = scene.bounds;
    put!(w.out; r#"<?xml version="1.0" encoding="UTF-8"?>"#, "\n");
    put!(w.out;
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox=""#, Num(b.x), " ", Num(b.y), " ",
        Num(b.w), " ", Num(b.h), r#"" width=""#, Num(b.w), r#"" height=""#, Num(b.h),
        r#"" role="img" aria-labelledby="diagram-title diagram-desc" font-family=""#,
        Attr(diagram::text::FONT_FAMILY), r#"" text-rendering="geometricPrecision">"#, "\n",
    );
    put!(w.out; r#"<title id="diagram-title">"#, Text(&scene.title_text), "</title>\n");
    put!(w.out; r#"<desc id="diagram-desc">"#, Text(&scene.description), "</desc>\n");
    put!(w.out;
        r#"<rect x=""#, Num(b.x), r#"" y=""#, Num(b.y), r#"" width=""#, Num(b.w),
        r#"" height=""#, Num(b.h), r#"" fill=""#, Hex(scene.background), "\"/>\n",
    );
    w.open_group("title");
    for l in &scene.title {
        w.text_line(l);
    }
    w.close_group();

    for bd in &scene.boundaries {
        w.open_group_of("boundary", Attr(&bd.id), &[]);
        let r = bd.rect;
        put!(w.out;
            r#"<rect x=""#, Num(r.x), r#"" y=""#, Num(r.y), r#"" width=""#, Num(r.w),
            r#"" height=""#, Num(r.h), r#"" rx="6" fill="none" stroke=""#, Hex(bd.stroke),
            r#"" stroke-width="1.5" stroke-dasharray="8 5"/>"#, "\n",
        );
        for l in &bd.lines {
            w.text_line(l);
        }
        w.close_group();
    }

    for e in &scene.edges {
        w.open_group_of("edge", Pair(&e.from, &e.to), &e.relationships);
        w.polyline(&e.points, e.color, e.style.dashed());
        w.polygon(&e.arrow_head, e.color);
        w.close_group();
    }

    for n in &scene.nodes {
        w.open_group_of("node", Attr(&n.id), &[]);
        w.shape(&n.shape, n.rect, n.colors.fill, n.colors.stroke);
        if let Shape::Table { header_h } = n.shape {
            w.table_header(n.rect, header_h, n.colors.accent);
        }
        for [a, c] in &n.dividers {
            put!(w.out;
                r#"<path d="M"#, Num(a.x), " ", Num(a.y), "H", Num(c.x),
                r#"" fill="none" stroke=""#, Hex(n.colors.stroke), r#"" stroke-width="0.75"/>"#,
                "\n",
            );
        }
        for l in &n.lines {
            w.text_line(l);
        }
        w.close_group();
    }

    // Labels last, so no line is drawn over them.
    for e in &scene.edges {
        let Some(r) = e.label_rect else { continue };
        w.open_group_of("edge-label", Pair(&e.from, &e.to), &[]);
        w.rect_fill(r, e.label_background, 3.0);
        for l in &e.label {
            w.text_line(l);
        }
        w.close_group();
    }

    legend(&mut w, scene);
    w.out.push_str("</svg>\n");
    w.out
}

fn legend(w: &mut Writer, scene: &Scene) {
    let lg = &scene.legend;
    w.open_group("legend");
    let r = lg.rect;
    put!(w.out;
        r#"<rect x=""#, Num(r.x), r#"" y=""#, Num(r.y), r#"" width=""#, Num(r.w),
        r#"" height=""#, Num(r.h), r#"" rx="4" fill="none" stroke=""#, Hex(lg.stroke),
        r#"" stroke-width="1"/>"#, "\n",
    );
    w.text_line(&lg.title);
    for entry in &lg.entries {
        let s = entry.swatch;
        match entry.key {
            LegendKey::Element(_) => {
                if let Some((shape, colors)) = &entry.shape {
                    w.shape(shape, s, colors.fill, colors.stroke);
                    if let Shape::Table { header_h } = shape {
                        w.table_header(s, *header_h, colors.accent);
                    }
                }
            }
            LegendKey::Line(style) => {
                let y = s.center().y;
                let pts = [Point::new(s.x, y), Point::new(s.right() - 8.0, y)];
                w.polyline(&pts, lg.line_color, style == LineStyle::Async);
                let head = [
                    Point::new(s.right(), y),
                    Point::new(s.right() - 9.0, y - 4.0),
                    Point::new(s.right() - 9.0, y + 4.0),
                ];
                w.polygon(&head, lg.line_color);
            }
            LegendKey::Boundary => {
                put!(w.out;
                    r#"<rect x=""#, Num(s.x), r#"" y=""#, Num(s.y + 2.0), r#"" width=""#,
                    Num(s.w), r#"" height=""#, Num(s.h - 4.0),
                    r#"" rx="3" fill="none" stroke=""#, Hex(lg.boundary_color),
                    r#"" stroke-width="1.5" stroke-dasharray="6 4"/>"#, "\n",
                );
            }
        }
        w.text_line(&entry.label);
    }
    w.close_group();
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    /// `<g class="CLASS">`.
    fn open_group(&mut self, class: &str) {
        put!(self.out; r#"<g class=""#, class, "\">\n");
    }

    /// `<g class="CLASS" data-id="ID">`, with the relationships' ids too
    /// (space-separated) when there are any.
    fn open_group_of(&mut self, class: &str, id: impl Piece, relationships: &[crate::model::Id]) {
        put!(self.out; r#"<g class=""#, class, r#"" data-id=""#, id, "\"");
        // What joining them with spaces would give, escaped: nothing only
        // when there are none, or one that is empty.
        if relationships.len() > 1 || relationships.first().is_some_and(|id| !id.is_empty()) {
            self.out.push_str(r#" data-relationships=""#);
            for (i, id) in relationships.iter().enumerate() {
                if i > 0 {
                    self.out.push(' ');
                }
                escape(&mut self.out, id, true);
            }
            self.out.push('"');
        }
        self.out.push_str(">\n");
    }

    fn close_group(&mut self) {
        self.out.push_str("</g>\n");
    }

    fn text_line(&mut self, l: &TextLine) {
        if l.text.is_empty() {
            return;
        }
        let anchor = match l.align {
            Align::Start => "start",
            Align::Middle => "middle",
            Align::End => "end",
        };
        put!(self.out;
            r#"<text x=""#, Num(l.pos.x), r#"" y=""#, Num(l.baseline_y()),
            r#"" font-size=""#, Num(l.size_px), "\"",
        );
        if l.bold {
            self.out.push_str(r#" font-weight="bold""#);
        }
        if anchor != "start" {
            put!(self.out; r#" text-anchor=""#, anchor, "\"");
        }
        put!(self.out; r#" fill=""#, Hex(l.color), "\">", Text(&l.text), "</text>\n");
    }

    fn polyline(&mut self, pts: &[Point], color: Color, dashed: bool) {
        put!(self.out;
            r#"<polyline points=""#, Points(pts), r#"" fill="none" stroke=""#, Hex(color),
            r#"" stroke-width="1.5" stroke-linejoin="round""#,
        );
        if dashed {
            self.out.push_str(r#" stroke-dasharray="7 5""#);
        }
        self.out.push_str("/>\n");
    }

    fn polygon(&mut self, pts: &[Point], color: Color) {
        put!(self.out; r#"<polygon points=""#, Points(pts), r#"" fill=""#, Hex(color), "\"/>\n");
    }

    fn rect_fill(&mut self, r: Rect, fill: Color, rx: f32) {
        put!(self.out;
            r#"<rect x=""#, Num(r.x), r#"" y=""#, Num(r.y), r#"" width=""#, Num(r.w),
            r#"" height=""#, Num(r.h), r#"" rx=""#, Num(rx), r#"" fill=""#, Hex(fill), "\"",
        );
        if fill.a < 255 {
            put!(self.out; r#" fill-opacity=""#, Num(fill.opacity()), "\"");
        }
        self.out.push_str("/>\n");
    }

    fn table_header(&mut self, r: Rect, header_h: f32, fill: Color) {
        let c = 4.0_f32.min(header_h / 2.0);
        put!(self.out;
            r#"<path d="M"#, Num(r.x + 0.75), " ", Num(r.y + header_h),
            "V", Num(r.y + c + 0.75),
            "A", Num(c), " ", Num(c), " 0 0 1 ", Num(r.x + c + 0.75), " ", Num(r.y + 0.75),
            "H", Num(r.right() - c - 0.75),
            "A", Num(c), " ", Num(c), " 0 0 1 ", Num(r.right() - 0.75), " ", Num(r.y + c + 0.75),
            "V", Num(r.y + header_h),
            r#"Z" fill=""#, Hex(fill), "\"/>\n",
        );
    }

    fn shape(&mut self, shape: &Shape, r: Rect, fill: Color, stroke: Color) {
        let paint = Paint { fill, stroke };
        match *shape {
            Shape::Box { corner } => {
                put!(self.out;
                    r#"<rect x=""#, Num(r.x), r#"" y=""#, Num(r.y), r#"" width=""#, Num(r.w),
                    r#"" height=""#, Num(r.h), r#"" rx=""#, Num(corner), "\" ", paint, "/>\n",
                );
            }
            Shape::Table { .. } => {
                put!(self.out;
                    r#"<rect x=""#, Num(r.x), r#"" y=""#, Num(r.y), r#"" width=""#, Num(r.w),
                    r#"" height=""#, Num(r.h), r#"" rx="4" "#, paint, "/>\n",
                );
            }
            Shape::Person {
                head_center,
                head_radius,
                body,
                corner,
            } => {
                put!(self.out;
                    r#"<rect x=""#, Num(body.x), r#"" y=""#, Num(body.y), r#"" width=""#,
                    Num(body.w), r#"" height=""#, Num(body.h), r#"" rx=""#, Num(corner), "\" ",
                    paint, "/>\n",
                );
                put!(self.out;
                    r#"<circle cx=""#, Num(head_center.x), r#"" cy=""#, Num(head_center.y),
                    r#"" r=""#, Num(head_radius), "\" ", paint, "/>\n",
                );
            }
            Shape::Cylinder { cap_ry } => {
                let (x0, x1) = (Num(r.x), Num(r.right()));
                let (rx, ry) = (Num(r.w / 2.0), Num(cap_ry));
                let top = Num(r.y + cap_ry);
                let bottom = Num(r.bottom() - cap_ry);
                put!(self.out;
                    r#"<path d="M"#, x0, " ", top, "A", rx, " ", ry, " 0 0 1 ", x1, " ", top,
                    "V", bottom, "A", rx, " ", ry, " 0 0 1 ", x0, " ", bottom, "Z\" ", paint,
                    "/>\n",
                );
                put!(self.out;
                    r#"<path d="M"#, x0, " ", top, "A", rx, " ", ry, " 0 0 0 ", x1, " ", top,
                    r#"" fill="none" stroke=""#, Hex(stroke), r#"" stroke-width="1.5"/>"#, "\n",
                );
            }
            Shape::Pipe { cap_rx } => {
                let (y0, y1) = (Num(r.y), Num(r.bottom()));
                let (rx, ry) = (Num(cap_rx), Num(r.h / 2.0));
                let left = Num(r.x + cap_rx);
                let right = Num(r.right() - cap_rx);
                put!(self.out;
                    r#"<path d="M"#, left, " ", y0, "H", right, "A", rx, " ", ry, " 0 0 1 ",
                    right, " ", y1, "H", left, "A", rx, " ", ry, " 0 0 1 ", left, " ", y0,
                    "Z\" ", paint, "/>\n",
                );
                put!(self.out;
                    r#"<path d="M"#, right, " ", y0, "A", rx, " ", ry, " 0 0 0 ", right, " ", y1,
                    r#"" fill="none" stroke=""#, Hex(stroke), r#"" stroke-width="1.5"/>"#, "\n",
                );
            }
        }
    }
}

// The pieces below are wrappers that [`put!`] writes straight into the
// output, sparing an allocation and a formatting call for every number and
// text of a large SVG.

/// A shape's `fill="#…" stroke="#…" stroke-width="1.5"`.
#[derive(Clone, Copy)]
struct Paint {
    fill: Color,
    stroke: Color,
}

impl Piece for Paint {
    fn put(self, out: &mut String) {
        put!(*out;
            r#"fill=""#, Hex(self.fill), r#"" stroke=""#, Hex(self.stroke),
            r#"" stroke-width="1.5""#,
        );
    }
}

/// An edge's `data-id`: `FROM->TO`, escaped.
struct Pair<'a>(&'a str, &'a str);

impl Piece for Pair<'_> {
    fn put(self, out: &mut String) {
        escape(out, self.0, true);
        out.push_str("-&gt;");
        escape(out, self.1, true);
    }
}

/// A number with at most two decimals and no trailing zeros; never `-0`.
#[derive(Clone, Copy)]
struct Num(f32);

impl Piece for Num {
    fn put(self, out: &mut String) {
        let v = self.0;
        if !v.is_finite() {
            out.push('0');
            return;
        }
        let hundredths = round(f64::from(v) * 100.0);
        if hundredths.abs() < 1e15 {
            // Whole hundredths, written with integer arithmetic: the same
            // digits as formatting the rounded value with two decimals, much
            // faster (an SVG has tens of thousands of numbers).
            let h = hundredths as i64;
            let (mut int, frac) = (h.unsigned_abs() / 100, h.unsigned_abs() % 100);
            // Digits are put in a buffer from the right and written at once,
            // as `{int}.{frac:02}` less trailing zeros would write them.
            let mut buf = [0_u8; 24];
            let mut start = buf.len();
            let mut put = |b: u8| {
                start -= 1;
                buf[start] = b;
            };
            let digit = |d: u64| b'0' + (d % 10) as u8;
            if frac != 0 {
                if frac % 10 != 0 {
                    put(digit(frac));
                }
                put(digit(frac / 10));
                put(b'.');
            }
            loop {
                put(digit(int));
                int /= 10;
                if int == 0 {
                    break;
                }
            }
            if h < 0 {
                put(b'-');
            }
            push_ascii(out, &buf[start..]);
            return;
        }
        let rounded = hundredths / 100.0;
        let s = format!("{rounded:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" || s.is_empty() {
            out.push('0');
        } else {
            out.push_str(s);
        }
    }
}

/// `x.round()` (halves away from zero), without a call to the C library's
/// `round` for every number written.
fn round(x: f64) -> f64 {
    let y = x.abs();
    // Below 2^52 the whole part truncates exactly, and what is left of `y`
    // is exact too; bigger numbers (and NaN) are whole or left to `round`.
    if y < 4_503_599_627_370_496.0 {
        let whole = y as i64 as f64;
        let r = if y - whole >= 0.5 { whole + 1.0 } else { whole };
        r.copysign(x)
    } else {
        x.round()
    }
}

/// A colour as `#rrggbb` (what [`Color::hex`] gives).
struct Hex(Color);

impl Piece for Hex {
    fn put(self, out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let Color { r, g, b, .. } = self.0;
        let mut buf = [b'#'; 7];
        for (i, v) in [r, g, b].into_iter().enumerate() {
            buf[1 + 2 * i] = HEX[usize::from(v >> 4)];
            buf[2 + 2 * i] = HEX[usize::from(v & 0xf)];
        }
        push_ascii(out, &buf);
    }
}

/// Appends bytes known to be ASCII (digits, signs, `#`…), one `char` each:
/// cheaper for a few bytes than checking them as UTF-8.
fn push_ascii(out: &mut String, bytes: &[u8]) {
    out.extend(bytes.iter().map(|&b| char::from(b)));
}

/// Points as `x,y x,y …`.
struct Points<'a>(&'a [Point]);

impl Piece for Points<'_> {
    fn put(self, out: &mut String) {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            Num(p.x).put(out);
            out.push(',');
            Num(p.y).put(out);
        }
    }
}

/// Characters XML 1.0 can hold; the others become U+FFFD.
fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => ' ',
        c if (c as u32) < 0x20 => '\u{FFFD}',
        '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
        c => c,
    }
}

/// Text content, escaped.
struct Text<'a>(&'a str);

impl Piece for Text<'_> {
    fn put(self, out: &mut String) {
        escape(out, self.0, false);
    }
}

/// An attribute value (double-quoted), escaped.
struct Attr<'a>(&'a str);

impl Piece for Attr<'_> {
    fn put(self, out: &mut String) {
        escape(out, self.0, true);
    }
}

/// Writes `s` with the characters XML cannot hold replaced and markup
/// escaped (quotes too, in attributes); the runs in between go out whole.
fn escape(out: &mut String, s: &str, quotes: bool) {
    // The usual text: printable ASCII without markup, written whole.
    if s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(s);
        return;
    }
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        let replaced = xml_char(c);
        let escaped = match replaced {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' if quotes => "&quot;",
            '\'' if quotes => "&#39;",
            ' ' if c != ' ' => " ",
            '\u{FFFD}' if c != '\u{FFFD}' => "\u{FFFD}",
            _ => continue,
        };
        out.push_str(&s[run_start..i]);
        out.push_str(escaped);
        run_start = i + c.len_utf8();
    }
    out.push_str(&s[run_start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_comes_out_in_model_order_as_it_would_alone() {
        // Views are written on several threads; the result must not show it.
        let doc = crate::generate::model(3, 300);
        assert!(doc.views.len() > 4, "enough views to share out");
        let all = export(&doc, &Options::default()).expect("export");
        let names: Vec<&str> = all.iter().map(|a| a.file_name.as_str()).collect();
        let expected: Vec<String> = doc.views.iter().map(|v| format!("{}.svg", v.id)).collect();
        assert_eq!(names, expected);
        for (artifact, view) in all.iter().zip(&doc.views) {
            let alone = export(
                &doc,
                &Options {
                    only: Some(view.id.clone()),
                },
            )
            .expect("one view");
            assert_eq!(alone[0].text, artifact.text, "{}", view.id);
        }
    }

    fn num(v: f32) -> String {
        let mut out = String::new();
        Num(v).put(&mut out);
        out
    }

    fn text(s: &str) -> String {
        let mut out = String::new();
        Text(s).put(&mut out);
        out
    }

    fn attr(s: &str) -> String {
        let mut out = String::new();
        Attr(s).put(&mut out);
        out
    }

    #[test]
    fn numbers_are_short_and_stable() {
        // The fast path writes what formatting the rounded value would.
        let slow = |v: f32| {
            let rounded = (f64::from(v) * 100.0).round() / 100.0;
            let s = format!("{rounded:.2}");
            let s = s.trim_end_matches('0').trim_end_matches('.').to_owned();
            if s == "-0" || s.is_empty() {
                "0".to_owned()
            } else {
                s
            }
        };
        let mut x = 0x2545_f491_u32;
        for i in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let v = (x as f32 / u32::MAX as f32 - 0.5) * [1.0, 100.0, 10_000.0, 1e7][i % 4];
            assert_eq!(num(v), slow(v), "{v}");
        }
        for v in [0.005, -0.005, 0.015, 1.005, -1.995, 99.999, -0.0049] {
            assert_eq!(num(v), slow(v), "{v}");
        }
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(2.345), "2.35");
        assert_eq!(num(f32::NAN), "0");
    }

    #[test]
    fn rounding_is_the_library_rounding() {
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        for i in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x as f64 / u64::MAX as f64 - 0.5) * [3.0, 1_000.0, 1.0e9, 1.0e17][i % 4];
            assert_eq!(round(v).to_bits(), v.round().to_bits(), "{v}");
            let half = (v * 2.0).trunc() / 2.0;
            assert_eq!(round(half).to_bits(), half.round().to_bits(), "{half}");
        }
        for v in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            0.499_999_999_999_999_94,
            2.5,
            -2.5,
            4.5e15,
            f64::MAX,
        ] {
            assert_eq!(round(v).to_bits(), v.round().to_bits(), "{v}");
        }
    }

    #[test]
    fn escaping() {
        assert_eq!(text("</text><script>"), "&lt;/text&gt;&lt;script&gt;");
        assert_eq!(attr("a\"b'c&"), "a&quot;b&#39;c&amp;");
        assert_eq!(text("a\u{0}b"), "a\u{FFFD}b");
    }
}
