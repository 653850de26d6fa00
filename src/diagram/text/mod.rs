//! Measuring and wrapping text without a GUI or system fonts.
//!
//! Widths come from a table of advance widths ([`metrics`]) that holds, for
//! every character it covers, the *widest* advance among the fonts of
//! [`FONT_FAMILY`] (DejaVu Sans, and Liberation Sans, which has the metrics
//! of Arial and Helvetica). Whichever of those fonts a renderer picks, a line
//! drawn with it is no wider than [`width`] says; each advance is also rounded
//! up to a whole pixel, which covers renderers that round glyph advances
//! (Chromium on Linux without subpixel positioning). So the canvas, the SVG
//! writer, resvg and browsers agree that a line fits in its box.
//!
//! This module must stay deterministic and free of I/O, font files and egui:
//! the command-line build uses it, and the same text measures the same on
//! every machine.

mod metrics;

/// The font stack written into SVGs. Every font in it is no wider than the
/// table [`width`] measures with; `sans-serif` is the last resort.
pub const FONT_FAMILY: &str = "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/// The families whose advance widths the table covers (the table is the
/// per-character maximum over these), for tests and the metrics generator.
pub const MEASURED_FAMILIES: [&str; 2] = ["DejaVu Sans", "Liberation Sans"];

/// Regular or bold text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

/// Advance width in thousandths of an em for characters outside the table:
/// wide enough for CJK ideographs, emoji and most other scripts.
const FALLBACK_MILLI_EM: u16 = 1300;

/// The advance of one character, in thousandths of an em (rounded up).
pub fn advance_milli_em(c: char, weight: Weight) -> u16 {
    let code = u32::from(c);
    for range in metrics::RANGES {
        let Some(offset) = code.checked_sub(range.start) else {
            continue;
        };
        let table = match weight {
            Weight::Regular => range.regular,
            Weight::Bold => range.bold,
        };
        if let Some(&w) = usize::try_from(offset).ok().and_then(|i| table.get(i)) {
            return w;
        }
    }
    if c.is_control() { 0 } else { FALLBACK_MILLI_EM }
}

/// The width in pixels of one line of `text` at `size_px`, never less than
/// what any font of [`FONT_FAMILY`] draws it at.
pub fn width(text: &str, size_px: f32, weight: Weight) -> f32 {
    if text.is_ascii() {
        return ASCII_WIDTHS.with_borrow_mut(|tables| {
            let table = ascii_table(tables, size_px, weight);
            text.bytes().map(|b| table[usize::from(b)]).sum()
        });
    }
    text.chars().map(|c| char_width(c, size_px, weight)).sum()
}

/// [`char_width`] of the 128 ASCII characters at one size and weight.
type AsciiTable = [f32; 128];

std::thread_local! {
    /// The ASCII widths at each size and weight measured so far on this
    /// thread: cards and labels use a handful of sizes and measure every
    /// line of every view, mostly ASCII.
    static ASCII_WIDTHS: std::cell::RefCell<Vec<(u32, Weight, AsciiTable)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The table for this size and weight, made on first use.
fn ascii_table(
    tables: &mut Vec<(u32, Weight, AsciiTable)>,
    size_px: f32,
    weight: Weight,
) -> &AsciiTable {
    let key = size_px.to_bits();
    let i = match tables.iter().position(|t| t.0 == key && t.1 == weight) {
        Some(i) => i,
        None => {
            let mut table = [0.0; 128];
            for (b, w) in (0_u8..).zip(table.iter_mut()) {
                *w = char_width(char::from(b), size_px, weight);
            }
            tables.push((key, weight, table));
            tables.len() - 1
        }
    };
    &tables[i].2
}

fn char_width(c: char, size_px: f32, weight: Weight) -> f32 {
    let w = f32::from(advance_milli_em(c, weight)) * size_px / 1000.0;
    // Renderers that snap advances to whole pixels round at most up to the next one.
    ceil(w)
}

/// `w.ceil()`, without a call to the C library's `ceilf` for the usual
/// widths (every character of every measured line rounds up).
fn ceil(w: f32) -> f32 {
    // Below 2^23 a positive float truncates to a whole number exactly, and
    // one more is exact too; zero, negatives and the rest keep `ceil`.
    if w > 0.0 && w < 8_388_608.0 {
        let t = w as u32 as f32;
        if t < w { t + 1.0 } else { t }
    } else {
        w.ceil()
    }
}

/// Splits `text` into lines no wider than `max_width_px`, breaking at spaces
/// and, for a word longer than a line, inside the word. Runs of whitespace
/// (newlines and tabs too) count as one space. Empty text gives no lines.
pub fn wrap(text: &str, max_width_px: f32, size_px: f32, weight: Weight) -> Vec<String> {
    let space = char_width(' ', size_px, weight);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0_f32;
    for word in text.split_whitespace() {
        let word_w = width(word, size_px, weight);
        if !line.is_empty() && line_w + space + word_w <= max_width_px {
            line.push(' ');
            line.push_str(word);
            line_w += space + word_w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_w = 0.0;
        }
        if word_w <= max_width_px {
            line.push_str(word);
            line_w = word_w;
            continue;
        }
        // A word wider than a line: break it between characters.
        for c in word.chars() {
            let w = char_width(c, size_px, weight);
            if !line.is_empty() && line_w + w > max_width_px {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            line.push(c);
            line_w += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Like [`wrap`], but at most `max_lines` lines; when text is cut, the last
/// line ends in "…" and still fits.
pub fn wrap_at_most(
    text: &str,
    max_width_px: f32,
    size_px: f32,
    weight: Weight,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = wrap(text, max_width_px, size_px, weight);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let ellipsis = char_width('…', size_px, weight);
            // Character widths are whole pixels, so taking one off the sum
            // gives exactly the width of what is left: no re-measuring.
            let mut w = width(last, size_px, weight);
            while w + ellipsis > max_width_px {
                let Some(c) = last.pop() else { break };
                w -= char_width(c, size_px, weight);
            }
            let trimmed = last.trim_end().len();
            last.truncate(trimmed);
            last.push('…');
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_positive_and_bold_is_not_narrower() {
        let regular = width("Order service", 14.0, Weight::Regular);
        let bold = width("Order service", 14.0, Weight::Bold);
        assert!(regular > 60.0 && regular < 140.0, "{regular}");
        assert!(bold >= regular);
        assert!(width("", 14.0, Weight::Regular).abs() < f32::EPSILON);
        assert!(width("漢字", 10.0, Weight::Regular) >= 20.0);
    }

    #[test]
    fn ascii_widths_come_from_the_same_measure() {
        let text: String = (0_u8..128).map(char::from).collect();
        for size in [9.0, 11.5, 13.0, 14.0, 100.0] {
            for weight in [Weight::Regular, Weight::Bold] {
                let slow: f32 = text.chars().map(|c| char_width(c, size, weight)).sum();
                assert_eq!(width(&text, size, weight).to_bits(), slow.to_bits());
                assert_eq!(
                    width("Order Service", size, weight),
                    "Order Service"
                        .chars()
                        .map(|c| char_width(c, size, weight))
                        .sum::<f32>()
                );
            }
        }
    }

    #[test]
    fn ceil_is_the_library_ceil() {
        let mut x = 0x2545_f491_u32;
        for i in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let v = (x as f32 / u32::MAX as f32 - 0.25) * [3.0, 100.0, 1.0e7, 3.0e7][i % 4];
            assert_eq!(ceil(v).to_bits(), v.ceil().to_bits(), "{v}");
        }
        for v in [
            0.0,
            -0.0,
            1.0,
            0.5,
            -0.5,
            8_388_607.5,
            8_388_608.0,
            f32::MIN_POSITIVE,
            f32::MAX,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ] {
            assert_eq!(ceil(v).to_bits(), v.ceil().to_bits(), "{v}");
        }
        assert!(ceil(f32::NAN).is_nan());
    }

    #[test]
    fn wrap_keeps_every_line_within_the_width() {
        let text = "Terminates TLS, checks tokens, rate-limits and routes requests to services.";
        let lines = wrap(text, 120.0, 12.0, Weight::Regular);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(width(l, 12.0, Weight::Regular) <= 120.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
        let long = "x".repeat(200);
        let lines = wrap(&long, 50.0, 12.0, Weight::Bold);
        assert!(lines.iter().all(|l| width(l, 12.0, Weight::Bold) <= 50.0));
        assert_eq!(lines.concat(), long);
        assert!(wrap("  \n\t ", 100.0, 12.0, Weight::Regular).is_empty());
    }

    #[test]
    fn wrap_at_most_ends_in_an_ellipsis() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let lines = wrap_at_most(text, 60.0, 12.0, Weight::Regular, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(width(&lines[1], 12.0, Weight::Regular) <= 60.0);
    }
}
