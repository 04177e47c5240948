//! Line charts of series: several series on one time axis, labelled axes and
//! a legend, as SVG or PNG; and terminal sparklines. Lines are steps: a sampled
//! value holds until the next sample.
//!
//! The layout is computed once into a list of shapes (lines, rectangles,
//! texts), which two small renderers draw: SVG as text, PNG with tiny-skia
//! (antialiased paths) and glyph outlines of an embedded font (a DejaVu Sans
//! subset, `font/`, so no system font is needed). Text is measured with the
//! same font for both.
//!
//! Why not plotters: its released version draws text on bitmaps only through
//! font-kit, which needs the system's fontconfig and freetype libraries; without
//! them a PNG would have no labels.

use std::fmt::Write as _;
use std::path::Path;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

use super::error::{Result, TrackError};
use super::time::Millis;

/// The embedded chart font (see `src/track/font/LICENSE`).
pub const FONT: &[u8] = include_bytes!("font/DejaVuSans-subset.ttf");

/// Series colours, in legend order (then repeated, dashed).
const PALETTE: [(u8, u8, u8); 8] = [
    (0x1f, 0x77, 0xb4),
    (0xd6, 0x27, 0x28),
    (0x2c, 0xa0, 0x2c),
    (0xff, 0x7f, 0x0e),
    (0x94, 0x67, 0xbd),
    (0x8c, 0x56, 0x4b),
    (0xe3, 0x77, 0xc2),
    (0x17, 0xbe, 0xcf),
];

/// One series to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub name: String,
    /// `(time, value)`, oldest first.
    pub points: Vec<(Millis, f64)>,
}

/// The picture's size and title.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub width: u32,
    pub height: u32,
    pub title: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 1000,
            height: 500,
            title: None,
        }
    }
}

/// The file types a chart is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// From the file name's extension (`.svg`, `.png`).
    pub fn from_path(path: &Path) -> Result<Format> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => Ok(Format::Svg),
            Some("png") => Ok(Format::Png),
            _ => Err(TrackError::Chart {
                reason: format!("{}: the file name must end in .svg or .png", path.display()),
            }),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Rgb(u8, u8, u8);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Clone, Debug, PartialEq)]
enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Path {
        points: Vec<(f32, f32)>,
        color: Rgb,
        width: f32,
        dashed: bool,
        /// The series name, for a data line (SVG: `class="series"`).
        series: Option<String>,
    },
    Dot {
        x: f32,
        y: f32,
        r: f32,
        color: Rgb,
        series: Option<String>,
    },
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        color: Rgb,
        anchor: Anchor,
    },
}

fn font() -> Result<FontRef<'static>> {
    FontRef::try_from_slice(FONT).map_err(|e| TrackError::Chart {
        reason: format!("embedded font: {e}"),
    })
}

/// The width of `text` at `size` pixels.
fn text_width(font: &FontRef, text: &str, size: f32) -> f32 {
    let f = font.as_scaled(PxScale::from(size));
    let mut w = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(p) = prev {
            w += f.kern(p, id);
        }
        w += f.h_advance(id);
        prev = Some(id);
    }
    w
}

/// A "nice" step (1, 2 or 5 times a power of ten) for about `n` ticks over `range`.
fn nice_step(range: f64, n: f64) -> f64 {
    let raw = (range / n).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

fn value_label(v: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10()).ceil().clamp(0.0, 10.0) as usize
    };
    let s = format!("{v:.decimals$}");
    if s.starts_with("-0") && s.trim_start_matches(['-', '0', '.']).is_empty() {
        s[1..].to_string()
    } else {
        s
    }
}

const TIME_STEPS: [Millis; 24] = [
    1_000,
    2_000,
    5_000,
    10_000,
    15_000,
    30_000,
    60_000,
    120_000,
    300_000,
    600_000,
    900_000,
    1_800_000,
    3_600_000,
    7_200_000,
    10_800_000,
    21_600_000,
    43_200_000,
    86_400_000,
    2 * 86_400_000,
    7 * 86_400_000,
    14 * 86_400_000,
    30 * 86_400_000,
    91 * 86_400_000,
    365 * 86_400_000,
];

fn utc(ms: Millis, fmt: &str) -> String {
    use chrono::TimeZone;
    chrono::Utc
        .timestamp_millis_opt(ms)
        .single()
        .map(|t| t.format(fmt).to_string())
        .unwrap_or_else(|| ms.to_string())
}

/// Keeps the first, lowest, highest and last point of each pixel column, so a
/// week of 3-second samples draws as fast as a few thousand points and looks the same.
fn decimate(points: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(points.len().min(8192));
    let mut i = 0;
    while i < points.len() {
        let col = points[i].0.floor();
        let mut j = i;
        let (mut lo, mut hi) = (i, i);
        while j < points.len() && points[j].0.floor() == col {
            if points[j].1 < points[lo].1 {
                lo = j;
            }
            if points[j].1 > points[hi].1 {
                hi = j;
            }
            j += 1;
        }
        let mut idx = [i, lo, hi, j - 1];
        idx.sort_unstable();
        let mut last = usize::MAX;
        for k in idx {
            if k != last {
                out.push(points[k]);
                last = k;
            }
        }
        i = j;
    }
    out
}

/// A sample holds until the next one: each value is drawn flat up to the next
/// sample's time, then the line steps (no slope a sampled value never had).
fn steps(points: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for (i, p) in points.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).map(|j| points[j]) {
            if prev.1 != p.1 && prev.0 != p.0 {
                out.push((p.0, prev.1));
            }
        }
        out.push(*p);
    }
    out
}

fn layout(lines: &[Line], o: &Options) -> Result<Vec<Shape>> {
    let font = font()?;
    let all: Vec<(Millis, f64)> = lines
        .iter()
        .flat_map(|l| l.points.iter().copied())
        .filter(|(_, v)| v.is_finite())
        .collect();
    if all.is_empty() {
        return Err(TrackError::Chart {
            reason: "no samples to draw in the time range".into(),
        });
    }
    let (w, h) = (
        o.width.clamp(200, 8000) as f32,
        o.height.clamp(150, 8000) as f32,
    );
    let ink = Rgb(0x22, 0x22, 0x22);
    let grid = Rgb(0xe4, 0xe4, 0xe4);
    let mut shapes = vec![Shape::Rect {
        x: 0.0,
        y: 0.0,
        w,
        h,
        fill: Some(Rgb(0xff, 0xff, 0xff)),
        stroke: None,
    }];

    // Ranges.
    let (mut t0, mut t1) = (i64::MAX, i64::MIN);
    let (mut v0, mut v1) = (f64::INFINITY, f64::NEG_INFINITY);
    for (t, v) in &all {
        t0 = t0.min(*t);
        t1 = t1.max(*t);
        v0 = v0.min(*v);
        v1 = v1.max(*v);
    }
    if t1 == t0 {
        t0 = t0.saturating_sub(30_000);
        t1 = t1.saturating_add(30_000);
    }
    if v1 - v0 < 1e-12 {
        let d = if v0.abs() > 1e-9 { v0.abs() * 0.1 } else { 1.0 };
        v0 -= d;
        v1 += d;
    } else {
        let pad = (v1 - v0) * 0.05;
        v0 -= pad;
        v1 += pad;
    }
    let ystep = nice_step(v1 - v0, 6.0);
    let yticks: Vec<f64> = {
        let mut v = (v0 / ystep).ceil() * ystep;
        let mut out = Vec::new();
        while v <= v1 + ystep * 1e-9 && out.len() < 50 {
            out.push(v);
            v += ystep;
        }
        out
    };
    let ylabels: Vec<String> = yticks.iter().map(|v| value_label(*v, ystep)).collect();

    // Legend rows (below the x axis), wrapped to the width.
    let legend_size = 13.0;
    let mut legend: Vec<Vec<(usize, f32)>> = vec![Vec::new()];
    let mut x = 0.0;
    let max_row = w - 40.0;
    for (i, l) in lines.iter().enumerate() {
        let item = 28.0 + text_width(&font, &l.name, legend_size) + 24.0;
        if x > 0.0 && x + item > max_row {
            legend.push(Vec::new());
            x = 0.0;
        }
        if let Some(row) = legend.last_mut() {
            row.push((i, x));
        }
        x += item;
    }
    let legend_h = legend.len() as f32 * 20.0;

    let tick_size = 12.0;
    let ylabel_w = ylabels
        .iter()
        .map(|s| text_width(&font, s, tick_size))
        .fold(0.0, f32::max);
    let (left, right) = (ylabel_w + 18.0, w - 24.0);
    let top = if o.title.is_some() { 58.0 } else { 36.0 };
    let bottom = h - 56.0 - legend_h;
    if bottom - top < 40.0 || right - left < 60.0 {
        return Err(TrackError::Chart {
            reason: format!("{w}x{h} is too small for this chart"),
        });
    }
    let px = |t: Millis| {
        left + ((t as f64 - t0 as f64) / (t1 as f64 - t0 as f64)) as f32 * (right - left)
    };
    let py = |v: f64| bottom - ((v - v0) / (v1 - v0)) as f32 * (bottom - top);

    if let Some(title) = &o.title {
        shapes.push(Shape::Text {
            x: w / 2.0,
            y: 26.0,
            text: title.clone(),
            size: 16.0,
            color: ink,
            anchor: Anchor::Middle,
        });
    }

    // Y grid and labels; the axis title above the axis.
    for (v, label) in yticks.iter().zip(&ylabels) {
        let y = py(*v);
        shapes.push(Shape::Path {
            points: vec![(left, y), (right, y)],
            color: grid,
            width: 1.0,
            dashed: false,
            series: None,
        });
        shapes.push(Shape::Text {
            x: left - 8.0,
            y: y + 4.0,
            text: label.clone(),
            size: tick_size,
            color: ink,
            anchor: Anchor::End,
        });
    }
    let unit = if lines.len() == 1 {
        lines[0]
            .name
            .rsplit('.')
            .next()
            .unwrap_or("value")
            .to_string()
    } else {
        "value".to_string()
    };
    shapes.push(Shape::Text {
        x: 8.0,
        y: top - 12.0,
        text: unit,
        size: tick_size,
        color: ink,
        anchor: Anchor::Start,
    });

    // X grid and labels: a time step giving at most 8 ticks, aligned to UTC.
    let span = t1.saturating_sub(t0);
    let step = TIME_STEPS
        .iter()
        .copied()
        .find(|s| span / s <= 8)
        .unwrap_or(365 * 86_400_000);
    let fmt = if step >= 86_400_000 {
        "%Y-%m-%d"
    } else if span >= 86_400_000 {
        "%m-%d %H:%M"
    } else if step >= 60_000 {
        "%H:%M"
    } else {
        "%H:%M:%S"
    };
    let mut t = t0.div_euclid(step).saturating_mul(step);
    if t < t0 {
        t = t.saturating_add(step);
    }
    let mut ticks = 0;
    while t <= t1 && ticks < 50 {
        ticks += 1;
        let x = px(t);
        shapes.push(Shape::Path {
            points: vec![(x, top), (x, bottom)],
            color: grid,
            width: 1.0,
            dashed: false,
            series: None,
        });
        shapes.push(Shape::Text {
            x,
            y: bottom + 18.0,
            text: utc(t, fmt),
            size: tick_size,
            color: ink,
            anchor: Anchor::Middle,
        });
        match t.checked_add(step) {
            Some(n) => t = n,
            None => break,
        }
    }
    shapes.push(Shape::Text {
        x: (left + right) / 2.0,
        y: bottom + 38.0,
        text: format!(
            "time (UTC), {} to {}",
            utc(t0, "%Y-%m-%d %H:%M:%S"),
            utc(t1, "%Y-%m-%d %H:%M:%S")
        ),
        size: tick_size,
        color: ink,
        anchor: Anchor::Middle,
    });
    shapes.push(Shape::Rect {
        x: left,
        y: top,
        w: right - left,
        h: bottom - top,
        fill: None,
        stroke: Some(Rgb(0x88, 0x88, 0x88)),
    });

    // The series.
    for (i, l) in lines.iter().enumerate() {
        let (r, g, b) = PALETTE[i % PALETTE.len()];
        let color = Rgb(r, g, b);
        let dashed = i >= PALETTE.len();
        let pts: Vec<(f32, f32)> = l
            .points
            .iter()
            .filter(|(_, v)| v.is_finite())
            .map(|(t, v)| (px(*t), py(*v)))
            .collect();
        match pts.len() {
            0 => {}
            1 => shapes.push(Shape::Dot {
                x: pts[0].0,
                y: pts[0].1,
                r: 3.5,
                color,
                series: Some(l.name.clone()),
            }),
            _ => shapes.push(Shape::Path {
                points: steps(&decimate(&pts)),
                color,
                width: 2.0,
                dashed,
                series: Some(l.name.clone()),
            }),
        }
    }

    // The legend.
    for (row_i, row) in legend.iter().enumerate() {
        let y = h - 12.0 - legend_h + row_i as f32 * 20.0 + 10.0;
        for (i, x) in row {
            let (r, g, b) = PALETTE[i % PALETTE.len()];
            let x = 20.0 + x;
            shapes.push(Shape::Path {
                points: vec![(x, y - 4.0), (x + 22.0, y - 4.0)],
                color: Rgb(r, g, b),
                width: 3.0,
                dashed: *i >= PALETTE.len(),
                series: None,
            });
            shapes.push(Shape::Text {
                x: x + 28.0,
                y,
                text: lines[*i].name.clone(),
                size: legend_size,
                color: ink,
                anchor: Anchor::Start,
            });
        }
    }
    Ok(shapes)
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The chart as an SVG document. Each series is one element with
/// `class="series"` and `data-series="NAME"`.
pub fn svg(lines: &[Line], o: &Options) -> Result<String> {
    let shapes = layout(lines, o)?;
    let (w, h) = (o.width.clamp(200, 8000), o.height.clamp(150, 8000));
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans, Verdana, sans-serif">"#
    );
    for sh in &shapes {
        match sh {
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    s,
                    r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{}" stroke="{}"/>"#,
                    fill.map(hex).unwrap_or_else(|| "none".into()),
                    stroke.map(hex).unwrap_or_else(|| "none".into())
                );
            }
            Shape::Path {
                points,
                color,
                width,
                dashed,
                series,
            } => {
                let mut p = String::new();
                for (x, y) in points {
                    let _ = write!(p, "{x:.1},{y:.1} ");
                }
                let class = match series {
                    Some(n) => format!(r#" class="series" data-series="{}""#, escape(n)),
                    None => String::new(),
                };
                let dash = if *dashed {
                    r#" stroke-dasharray="6 4""#
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    r#"<polyline{class} fill="none" stroke="{}" stroke-width="{width}"{dash} stroke-linejoin="round" points="{}"/>"#,
                    hex(*color),
                    p.trim_end()
                );
            }
            Shape::Dot {
                x,
                y,
                r,
                color,
                series,
            } => {
                let class = match series {
                    Some(n) => format!(r#" class="series" data-series="{}""#, escape(n)),
                    None => String::new(),
                };
                let _ = writeln!(
                    s,
                    r#"<circle{class} cx="{x:.1}" cy="{y:.1}" r="{r}" fill="{}"/>"#,
                    hex(*color)
                );
            }
            Shape::Text {
                x,
                y,
                text,
                size,
                color,
                anchor,
            } => {
                let a = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let _ = writeln!(
                    s,
                    r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{}" text-anchor="{a}">{}</text>"#,
                    hex(*color),
                    escape(text)
                );
            }
        }
    }
    s.push_str("</svg>\n");
    Ok(s)
}

fn paint(c: Rgb) -> tiny_skia::Paint<'static> {
    let mut p = tiny_skia::Paint::default();
    p.set_color_rgba8(c.0, c.1, c.2, 255);
    p.anti_alias = true;
    p
}

fn blend(pm: &mut tiny_skia::Pixmap, x: i32, y: i32, c: Rgb, cov: f32) {
    let (w, h) = (pm.width() as i32, pm.height() as i32);
    if x < 0 || y < 0 || x >= w || y >= h || cov <= 0.0 {
        return;
    }
    let a = cov.min(1.0);
    let idx = (y * w + x) as usize;
    let px = &mut pm.pixels_mut()[idx];
    let mix = |s: u8, d: u8| (s as f32 * a + d as f32 * (1.0 - a)).round() as u8;
    let (r, g, b) = (
        mix(c.0, px.red()),
        mix(c.1, px.green()),
        mix(c.2, px.blue()),
    );
    let alpha = (255.0 * a + px.alpha() as f32 * (1.0 - a)).round() as u8;
    if let Some(p) =
        tiny_skia::PremultipliedColorU8::from_rgba(r.min(alpha), g.min(alpha), b.min(alpha), alpha)
    {
        *px = p;
    }
}

fn draw_text(pm: &mut tiny_skia::Pixmap, font: &FontRef, t: &Shape) {
    let Shape::Text {
        x,
        y,
        text,
        size,
        color,
        anchor,
    } = t
    else {
        return;
    };
    let width = text_width(font, text, *size);
    let mut pen = match anchor {
        Anchor::Start => *x,
        Anchor::Middle => x - width / 2.0,
        Anchor::End => x - width,
    };
    let f = font.as_scaled(PxScale::from(*size));
    let mut prev = None;
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(p) = prev {
            pen += f.kern(p, id);
        }
        let g = id.with_scale_and_position(*size, ab_glyph::point(pen, *y));
        pen += f.h_advance(id);
        prev = Some(id);
        if let Some(og) = font.outline_glyph(g) {
            let b = og.px_bounds();
            og.draw(|gx, gy, cov| {
                blend(
                    pm,
                    b.min.x as i32 + gx as i32,
                    b.min.y as i32 + gy as i32,
                    *color,
                    cov,
                )
            });
        }
    }
}

/// The chart as a PNG image.
pub fn png(lines: &[Line], o: &Options) -> Result<Vec<u8>> {
    use tiny_skia::{FillRule, PathBuilder, Pixmap, Rect, Stroke, StrokeDash, Transform};
    let shapes = layout(lines, o)?;
    let font = font()?;
    let (w, h) = (o.width.clamp(200, 8000), o.height.clamp(150, 8000));
    let mut pm = Pixmap::new(w, h).ok_or_else(|| TrackError::Chart {
        reason: format!("cannot make a {w}x{h} image"),
    })?;
    let id = Transform::identity();
    for sh in &shapes {
        match sh {
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                if let (Some(c), Some(r)) = (fill, Rect::from_xywh(*x, *y, *w, *h)) {
                    pm.fill_rect(r, &paint(*c), id, None);
                }
                if let (Some(c), Some(r)) = (stroke, Rect::from_xywh(*x, *y, *w, *h)) {
                    let path = PathBuilder::from_rect(r);
                    let st = Stroke {
                        width: 1.0,
                        ..Stroke::default()
                    };
                    pm.stroke_path(&path, &paint(*c), &st, id, None);
                }
            }
            Shape::Path {
                points,
                color,
                width,
                dashed,
                ..
            } => {
                let mut pb = PathBuilder::new();
                for (i, (x, y)) in points.iter().enumerate() {
                    if i == 0 {
                        pb.move_to(*x, *y);
                    } else {
                        pb.line_to(*x, *y);
                    }
                }
                if let Some(path) = pb.finish() {
                    let st = Stroke {
                        width: *width,
                        line_join: tiny_skia::LineJoin::Round,
                        dash: if *dashed {
                            StrokeDash::new(vec![6.0, 4.0], 0.0)
                        } else {
                            None
                        },
                        ..Stroke::default()
                    };
                    pm.stroke_path(&path, &paint(*color), &st, id, None);
                }
            }
            Shape::Dot { x, y, r, color, .. } => {
                if let Some(path) = PathBuilder::from_circle(*x, *y, *r) {
                    pm.fill_path(&path, &paint(*color), FillRule::Winding, id, None);
                }
            }
            t @ Shape::Text { .. } => draw_text(&mut pm, &font, t),
        }
    }
    pm.encode_png().map_err(|e| TrackError::Chart {
        reason: format!("PNG encoding: {e}"),
    })
}

/// Writes the chart to `path` (SVG or PNG by its extension).
pub fn write(path: &Path, lines: &[Line], o: &Options) -> Result<()> {
    let bytes = match Format::from_path(path)? {
        Format::Svg => svg(lines, o)?.into_bytes(),
        Format::Png => png(lines, o)?,
    };
    std::fs::write(path, bytes).map_err(|source| TrackError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// A sparkline of `values` in `width` characters (each the mean of its share of the values).
pub fn sparkline(values: &[f64], width: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let vals: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if vals.is_empty() || width == 0 {
        return String::new();
    }
    let cols = width.min(vals.len());
    let means: Vec<f64> = (0..cols)
        .map(|c| {
            let (a, b) = (
                c * vals.len() / cols,
                ((c + 1) * vals.len() / cols).max(c * vals.len() / cols + 1),
            );
            vals[a..b].iter().sum::<f64>() / (b - a) as f64
        })
        .collect();
    let lo = means.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    means
        .iter()
        .map(|v| {
            if hi - lo < 1e-12 {
                BARS[3]
            } else {
                BARS[(((v - lo) / (hi - lo)) * 7.0).round().clamp(0.0, 7.0) as usize]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines() -> Vec<Line> {
        vec![
            Line {
                name: "bm.1.25.0.back_odds".into(),
                points: (0..100)
                    .map(|i| (1_700_000_000_000 + i * 3000, 2.0 + (i % 7) as f64 * 0.1))
                    .collect(),
            },
            Line {
                name: "bm.1.25.0.lay_odds".into(),
                points: vec![(1_700_000_000_000, 1.5)],
            },
        ]
    }

    #[test]
    fn svg_has_one_element_per_series() {
        let s = svg(&lines(), &Options::default()).unwrap();
        assert!(s.starts_with("<?xml") && s.trim_end().ends_with("</svg>"));
        assert_eq!(s.matches(r#"class="series""#).count(), 2);
        assert!(s.contains("bm.1.25.0.lay_odds"));
    }

    #[test]
    fn png_decodes() {
        let bytes = png(&lines(), &Options::default()).unwrap();
        let pm = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        assert_eq!((pm.width(), pm.height()), (1000, 500));
    }

    #[test]
    fn empty_and_sparkline() {
        assert!(svg(&[], &Options::default()).is_err());
        assert_eq!(sparkline(&[1.0, 2.0, 3.0], 3), "▁▅█");
        assert_eq!(sparkline(&[5.0; 4], 2), "▄▄");
        assert!(Format::from_path(Path::new("x.jpg")).is_err());
    }

    #[test]
    fn decimation_keeps_extremes() {
        let pts: Vec<(f32, f32)> = (0..1000)
            .map(|i| (i as f32 / 100.0, (i % 13) as f32))
            .collect();
        let d = decimate(&pts);
        assert!(d.len() <= 40);
        assert!(d.iter().any(|p| p.1 == 12.0) && d.iter().any(|p| p.1 == 0.0));
    }
}
