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

use std::fmt::{self, Write as _};

use super::{Artifact, ExportError, Options};
use crate::diagram::{
    self, Align, Color, LegendKey, LineStyle, Point, Rect, Scene, Shape, TextLine,
};
use crate::model::Document;

/// Whether the SVG export is built.
pub const IS_BUILT: bool = true;

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
    // Views are independent: lay them out and write them on every core,
    // thread t taking views t, t + n, t + 2n… (big and small views mix),
    // then put them back in model order, so the output is the same.
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(views.len());
    if threads <= 1 {
        return views.into_iter().map(|v| view_svg(&lookup, v)).collect();
    }
    let mut done: Vec<(usize, Result<Artifact, ExportError>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (views, lookup) = (&views, &lookup);
                s.spawn(move || {
                    views
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, v)| (i, view_svg(lookup, v)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
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

/// Writes a scene as a standalone SVG document.
pub fn render(scene: &Scene) -> String {
    // Room for a typical file up front, rather than growing it step by step.
    let mut w = Writer {
        out: String::with_capacity(4096 + 600 * scene.nodes.len() + 400 * scene.edges.len()),
    };
    let b = scene.bounds;
    let _ = writeln!(w.out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        w.out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}" width="{}" height="{}" role="img" aria-labelledby="diagram-title diagram-desc" font-family="{}" text-rendering="geometricPrecision">"#,
        Num(b.x),
        Num(b.y),
        Num(b.w),
        Num(b.h),
        Num(b.w),
        Num(b.h),
        Attr(diagram::text::FONT_FAMILY),
    );
    let _ = writeln!(
        w.out,
        r#"<title id="diagram-title">{}</title>"#,
        Text(&scene.title_text)
    );
    let _ = writeln!(
        w.out,
        r#"<desc id="diagram-desc">{}</desc>"#,
        Text(&scene.description)
    );
    let _ = writeln!(
        w.out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
        Num(b.x),
        Num(b.y),
        Num(b.w),
        Num(b.h),
        Hex(scene.background)
    );
    w.open_group("title", None, None);
    for l in &scene.title {
        w.text_line(l);
    }
    w.close_group();

    for bd in &scene.boundaries {
        w.open_group("boundary", Some(&bd.id), None);
        let r = bd.rect;
        let _ = writeln!(
            w.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="none" stroke="{}" stroke-width="1.5" stroke-dasharray="8 5"/>"#,
            Num(r.x),
            Num(r.y),
            Num(r.w),
            Num(r.h),
            Hex(bd.stroke)
        );
        for l in &bd.lines {
            w.text_line(l);
        }
        w.close_group();
    }

    for e in &scene.edges {
        let rels = e.relationships.join(" ");
        w.open_group(
            "edge",
            Some(&format!("{}->{}", e.from, e.to)),
            Some(rels.as_str()),
        );
        w.polyline(&e.points, e.color, e.style.dashed());
        w.polygon(&e.arrow_head, e.color);
        w.close_group();
    }

    for n in &scene.nodes {
        w.open_group("node", Some(&n.id), None);
        w.shape(&n.shape, n.rect, n.colors.fill, n.colors.stroke);
        if let Shape::Table { header_h } = n.shape {
            w.table_header(n.rect, header_h, n.colors.accent);
        }
        for [a, c] in &n.dividers {
            let _ = writeln!(
                w.out,
                r#"<path d="M{} {}H{}" fill="none" stroke="{}" stroke-width="0.75"/>"#,
                Num(a.x),
                Num(a.y),
                Num(c.x),
                Hex(n.colors.stroke)
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
        w.open_group("edge-label", Some(&format!("{}->{}", e.from, e.to)), None);
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
    w.open_group("legend", None, None);
    let r = lg.rect;
    let _ = writeln!(
        w.out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="none" stroke="{}" stroke-width="1"/>"#,
        Num(r.x),
        Num(r.y),
        Num(r.w),
        Num(r.h),
        Hex(lg.stroke)
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
                let _ = writeln!(
                    w.out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="none" stroke="{}" stroke-width="1.5" stroke-dasharray="6 4"/>"#,
                    Num(s.x),
                    Num(s.y + 2.0),
                    Num(s.w),
                    Num(s.h - 4.0),
                    Hex(lg.boundary_color)
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
    fn open_group(&mut self, class: &str, id: Option<&str>, relationships: Option<&str>) {
        let _ = write!(self.out, r#"<g class="{class}""#);
        if let Some(id) = id {
            let _ = write!(self.out, r#" data-id="{}""#, Attr(id));
        }
        if let Some(rels) = relationships.filter(|r| !r.is_empty()) {
            let _ = write!(self.out, r#" data-relationships="{}""#, Attr(rels));
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
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{}""#,
            Num(l.pos.x),
            Num(l.baseline_y()),
            Num(l.size_px)
        );
        if l.bold {
            self.out.push_str(r#" font-weight="bold""#);
        }
        if anchor != "start" {
            let _ = write!(self.out, r#" text-anchor="{anchor}""#);
        }
        let _ = writeln!(
            self.out,
            r#" fill="{}">{}</text>"#,
            Hex(l.color),
            Text(&l.text)
        );
    }

    fn polyline(&mut self, pts: &[Point], color: Color, dashed: bool) {
        let _ = write!(
            self.out,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="1.5" stroke-linejoin="round""#,
            Points(pts),
            Hex(color)
        );
        if dashed {
            self.out.push_str(r#" stroke-dasharray="7 5""#);
        }
        self.out.push_str("/>\n");
    }

    fn polygon(&mut self, pts: &[Point], color: Color) {
        let _ = writeln!(
            self.out,
            r#"<polygon points="{}" fill="{}"/>"#,
            Points(pts),
            Hex(color)
        );
    }

    fn rect_fill(&mut self, r: Rect, fill: Color, rx: f32) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}""#,
            Num(r.x),
            Num(r.y),
            Num(r.w),
            Num(r.h),
            Num(rx),
            Hex(fill)
        );
        if fill.a < 255 {
            let _ = write!(self.out, r#" fill-opacity="{}""#, Num(fill.opacity()));
        }
        self.out.push_str("/>\n");
    }

    fn table_header(&mut self, r: Rect, header_h: f32, fill: Color) {
        let c = 4.0_f32.min(header_h / 2.0);
        let _ = writeln!(
            self.out,
            r#"<path d="M{} {}V{}A{c} {c} 0 0 1 {} {}H{}A{c} {c} 0 0 1 {} {}V{}Z" fill="{}"/>"#,
            Num(r.x + 0.75),
            Num(r.y + header_h),
            Num(r.y + c + 0.75),
            Num(r.x + c + 0.75),
            Num(r.y + 0.75),
            Num(r.right() - c - 0.75),
            Num(r.right() - 0.75),
            Num(r.y + c + 0.75),
            Num(r.y + header_h),
            Hex(fill),
            c = Num(c),
        );
    }

    fn shape(&mut self, shape: &Shape, r: Rect, fill: Color, stroke: Color) {
        let paint = format!(
            r#"fill="{}" stroke="{}" stroke-width="1.5""#,
            Hex(fill),
            Hex(stroke)
        );
        match *shape {
            Shape::Box { corner } => {
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" {paint}/>"#,
                    Num(r.x),
                    Num(r.y),
                    Num(r.w),
                    Num(r.h),
                    Num(corner)
                );
            }
            Shape::Table { .. } => {
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="4" {paint}/>"#,
                    Num(r.x),
                    Num(r.y),
                    Num(r.w),
                    Num(r.h)
                );
            }
            Shape::Person {
                head_center,
                head_radius,
                body,
                corner,
            } => {
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" {paint}/>"#,
                    Num(body.x),
                    Num(body.y),
                    Num(body.w),
                    Num(body.h),
                    Num(corner)
                );
                let _ = writeln!(
                    self.out,
                    r#"<circle cx="{}" cy="{}" r="{}" {paint}/>"#,
                    Num(head_center.x),
                    Num(head_center.y),
                    Num(head_radius)
                );
            }
            Shape::Cylinder { cap_ry } => {
                let (x0, x1) = (r.x, r.right());
                let rx = r.w / 2.0;
                let top = r.y + cap_ry;
                let bottom = r.bottom() - cap_ry;
                let _ = writeln!(
                    self.out,
                    r#"<path d="M{x0} {top}A{rx} {ry} 0 0 1 {x1} {top}V{bottom}A{rx} {ry} 0 0 1 {x0} {bottom}Z" {paint}/>"#,
                    x0 = Num(x0),
                    x1 = Num(x1),
                    top = Num(top),
                    bottom = Num(bottom),
                    rx = Num(rx),
                    ry = Num(cap_ry),
                );
                let _ = writeln!(
                    self.out,
                    r#"<path d="M{x0} {top}A{rx} {ry} 0 0 0 {x1} {top}" fill="none" stroke="{}" stroke-width="1.5"/>"#,
                    Hex(stroke),
                    x0 = Num(x0),
                    x1 = Num(x1),
                    top = Num(top),
                    rx = Num(rx),
                    ry = Num(cap_ry),
                );
            }
            Shape::Pipe { cap_rx } => {
                let (y0, y1) = (r.y, r.bottom());
                let ry = r.h / 2.0;
                let left = r.x + cap_rx;
                let right = r.right() - cap_rx;
                let _ = writeln!(
                    self.out,
                    r#"<path d="M{left} {y0}H{right}A{rx} {ry} 0 0 1 {right} {y1}H{left}A{rx} {ry} 0 0 1 {left} {y0}Z" {paint}/>"#,
                    left = Num(left),
                    right = Num(right),
                    y0 = Num(y0),
                    y1 = Num(y1),
                    rx = Num(cap_rx),
                    ry = Num(ry),
                );
                let _ = writeln!(
                    self.out,
                    r#"<path d="M{right} {y0}A{rx} {ry} 0 0 0 {right} {y1}" fill="none" stroke="{}" stroke-width="1.5"/>"#,
                    Hex(stroke),
                    right = Num(right),
                    y0 = Num(y0),
                    y1 = Num(y1),
                    rx = Num(cap_rx),
                    ry = Num(ry),
                );
            }
        }
    }
}

// The pieces below are `Display` wrappers rather than functions returning
// `String`s: they write straight into the output, sparing an allocation for
// every number and text of a large SVG.

/// A number with at most two decimals and no trailing zeros; never `-0`.
struct Num(f32);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if !v.is_finite() {
            return f.write_str("0");
        }
        let hundredths = (f64::from(v) * 100.0).round();
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
            // Only ASCII digits, a sign and a point: always UTF-8.
            return std::str::from_utf8(&buf[start..]).map_or(Ok(()), |s| f.write_str(s));
        }
        let rounded = hundredths / 100.0;
        let s = format!("{rounded:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" || s.is_empty() {
            f.write_str("0")
        } else {
            f.write_str(s)
        }
    }
}

/// A colour as `#rrggbb` (what [`Color::hex`] gives).
struct Hex(Color);

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let Color { r, g, b, .. } = self.0;
        let mut buf = [b'#'; 7];
        for (i, v) in [r, g, b].into_iter().enumerate() {
            buf[1 + 2 * i] = HEX[usize::from(v >> 4)];
            buf[2 + 2 * i] = HEX[usize::from(v & 0xf)];
        }
        // Only `#` and hex digits: always UTF-8.
        std::str::from_utf8(&buf).map_or(Ok(()), |s| f.write_str(s))
    }
}

/// Points as `x,y x,y …`.
struct Points<'a>(&'a [Point]);

impl fmt::Display for Points<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{},{}", Num(p.x), Num(p.y))?;
        }
        Ok(())
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

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, false)
    }
}

/// An attribute value (double-quoted), escaped.
struct Attr<'a>(&'a str);

impl fmt::Display for Attr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, true)
    }
}

/// Writes `s` with the characters XML cannot hold replaced and markup
/// escaped (quotes too, in attributes); the runs in between go out whole.
fn escape(f: &mut fmt::Formatter<'_>, s: &str, quotes: bool) -> fmt::Result {
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
        f.write_str(&s[run_start..i])?;
        f.write_str(escaped)?;
        run_start = i + c.len_utf8();
    }
    f.write_str(&s[run_start..])
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
        Num(v).to_string()
    }

    fn text(s: &str) -> String {
        Text(s).to_string()
    }

    fn attr(s: &str) -> String {
        Attr(s).to_string()
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
    fn escaping() {
        assert_eq!(text("</text><script>"), "&lt;/text&gt;&lt;script&gt;");
        assert_eq!(attr("a\"b'c&"), "a&quot;b&#39;c&amp;");
        assert_eq!(text("a\u{0}b"), "a\u{FFFD}b");
    }
}
