//! Plain geometry in scene units (1 unit = 1 px at 100 %): sizes and
//! axis-aligned rectangles. No drawing, no egui types.

pub use crate::model::Point;

/// A width and a height in scene units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    pub w: f32,
    pub h: f32,
}

impl Size {
    pub const fn new(w: f32, h: f32) -> Self {
        Self { w, h }
    }
}

/// An axis-aligned rectangle: top-left corner and size, y pointing down.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    /// The rectangle with this top-left corner and size.
    pub fn at(top_left: Point, size: Size) -> Self {
        Self::new(top_left.x, top_left.y, size.w, size.h)
    }

    /// The smallest rectangle holding both corners.
    pub fn from_corners(a: Point, b: Point) -> Self {
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        Self::new(x0, y0, x1 - x0, y1 - y0)
    }

    pub fn left(&self) -> f32 {
        self.x
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn top(&self) -> f32 {
        self.y
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn top_left(&self) -> Point {
        Point::new(self.x, self.y)
    }
    pub fn size(&self) -> Size {
        Size::new(self.w, self.h)
    }
    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Grown by `d` on every side (shrunk when `d` is negative).
    pub fn inflate(&self, d: f32) -> Self {
        Self::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }

    /// Moved by (dx, dy).
    pub fn translate(&self, dx: f32, dy: f32) -> Self {
        Self::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Self {
        let x0 = self.x.min(other.x);
        let y0 = self.y.min(other.y);
        let x1 = self.right().max(other.right());
        let y1 = self.bottom().max(other.bottom());
        Self::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// Whether the interiors overlap (touching edges do not count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The area both cover.
    pub fn overlap_area(&self, other: &Rect) -> f32 {
        let w = self.right().min(other.right()) - self.x.max(other.x);
        let h = self.bottom().min(other.bottom()) - self.y.max(other.y);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    /// Whether `other` lies wholly inside (edges may touch).
    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x - 1e-3
            && other.y >= self.y - 1e-3
            && other.right() <= self.right() + 1e-3
            && other.bottom() <= self.bottom() + 1e-3
    }

    /// Whether the point lies inside or on the edge.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// Whether the segment a–b passes through the interior.
    pub fn intersects_segment(&self, a: Point, b: Point) -> bool {
        segment_crosses_box(
            a,
            (b.x - a.x, b.y - a.y),
            [self.x, self.y, self.right(), self.bottom()],
        )
    }

    /// Where the ray from the centre towards `toward` leaves the rectangle.
    pub fn border_point(&self, toward: Point) -> Point {
        let c = self.center();
        let (dx, dy) = (toward.x - c.x, toward.y - c.y);
        if dx.abs() < 1e-6 && dy.abs() < 1e-6 {
            return c;
        }
        let sx = if dx.abs() > 1e-6 {
            (self.w / 2.0) / dx.abs()
        } else {
            f32::INFINITY
        };
        let sy = if dy.abs() > 1e-6 {
            (self.h / 2.0) / dy.abs()
        } else {
            f32::INFINITY
        };
        let s = sx.min(sy);
        Point::new(c.x + dx * s, c.y + dy * s)
    }
}

/// Whether the segment from `a` along `(dx, dy)` passes through the
/// interior of the box `[left, top, right, bottom]`: Liang–Barsky clipping.
pub(crate) fn segment_crosses_box(
    a: Point,
    (dx, dy): (f32, f32),
    [x0, y0, x1, y1]: [f32; 4],
) -> bool {
    let mut t0 = 0.0_f32;
    let mut t1 = 1.0_f32;
    for (p, q) in [
        (-dx, a.x - x0),
        (dx, x1 - a.x),
        (-dy, a.y - y0),
        (dy, y1 - a.y),
    ] {
        if p.abs() < 1e-9 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    t1 - t0 > 1e-4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_borders() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(r.intersects_segment(Point::new(-5.0, 5.0), Point::new(15.0, 5.0)));
        assert!(!r.intersects_segment(Point::new(-5.0, 15.0), Point::new(15.0, 15.0)));
        assert!(!r.intersects_segment(Point::new(-5.0, 0.0), Point::new(15.0, 0.0)));
        let p = r.border_point(Point::new(100.0, 5.0));
        assert!((p.x - 10.0).abs() < 1e-4 && (p.y - 5.0).abs() < 1e-4);
        assert!(r.contains_rect(&Rect::new(1.0, 1.0, 2.0, 2.0)));
        assert!(!r.intersects(&Rect::new(10.0, 0.0, 5.0, 5.0)));
    }
}
