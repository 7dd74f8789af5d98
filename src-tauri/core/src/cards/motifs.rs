//! The drawn fronts of the built-in designs: one large motif in the middle and small ones
//! scattered on a fixed pattern around it, in the accent's colours. Vector paths, so they print
//! sharp at any size and add little to the PDF.

use krilla::geom::PathBuilder;
use krilla::surface::Surface;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::designs::Accent;
use super::shapes::{fill_color, rect};

/// What a drawn front shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Motif {
    /// Dots of two sizes around a ring: any occasion.
    #[default]
    Confetti,
    Hearts,
    Stars,
    Leaves,
    Snowflakes,
    Pumpkins,
    Flowers,
}

/// Fills the box with the accent's paper colour and draws `motif` on it.
pub(crate) fn draw(
    surface: &mut Surface,
    motif: Motif,
    accent: Accent,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
    if let Some(ground) = rect(x, y, w, h) {
        fill_color(surface, accent.paper);
        surface.draw_path(&ground);
    }
    let unit = w.min(h);
    let mut soft = PathBuilder::new();
    let mut ink = PathBuilder::new();
    // Small shapes on a fixed scatter: calm, and the same on every card of a batch.
    for i in 0..23u32 {
        let fx = ((i * 37 + 11) % 97) as f32 / 97.0;
        let fy = ((i * 53 + 29) % 89) as f32 / 89.0;
        let size = unit * (0.012 + 0.018 * ((i * 7 % 5) as f32 / 4.0));
        let (cx, cy) = (x + fx * w, y + fy * h);
        // Keep the middle free for the large motif.
        if ((cx - (x + w / 2.0)).powi(2) + (cy - (y + h / 2.0)).powi(2)).sqrt() < unit * 0.33 {
            continue;
        }
        let turn = (i * 41 % 360) as f32;
        let target = if i % 4 == 0 { &mut ink } else { &mut soft };
        shape(target, motif, cx, cy, size * small_scale(motif), turn);
    }
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    match motif {
        Motif::Confetti => {
            circle(&mut soft, cx, cy, unit * 0.30);
        }
        other => shape(&mut soft, other, cx, cy, unit * 0.26, 0.0),
    }
    for (path, colour) in [(soft, accent.soft), (ink, accent.ink)] {
        if let Some(path) = path.finish() {
            fill_color(surface, colour);
            surface.draw_path(&path);
        }
    }
    // The confetti's ring is cut out of its disc in the paper colour.
    if motif == Motif::Confetti {
        let mut ring = PathBuilder::new();
        circle(&mut ring, cx, cy, unit * 0.24);
        if let Some(path) = ring.finish() {
            fill_color(surface, accent.paper);
            surface.draw_path(&path);
        }
    }
}

/// Scattered shapes other than dots read better a little larger.
fn small_scale(motif: Motif) -> f32 {
    match motif {
        Motif::Confetti => 1.0,
        _ => 1.8,
    }
}

/// One shape of `motif` of about `r` radius around (cx, cy), turned by `turn` degrees.
fn shape(pb: &mut PathBuilder, motif: Motif, cx: f32, cy: f32, r: f32, turn: f32) {
    match motif {
        Motif::Confetti => circle(pb, cx, cy, r),
        Motif::Hearts => heart(pb, cx, cy, r),
        Motif::Stars => star(pb, cx, cy, r, turn),
        Motif::Leaves => leaf(pb, cx, cy, r, turn),
        Motif::Snowflakes => snowflake(pb, cx, cy, r, turn),
        Motif::Pumpkins => pumpkin(pb, cx, cy, r),
        Motif::Flowers => flower(pb, cx, cy, r, turn),
    }
}

pub(crate) fn circle(pb: &mut PathBuilder, cx: f32, cy: f32, r: f32) {
    ellipse(pb, cx, cy, r, r);
}

fn ellipse(pb: &mut PathBuilder, cx: f32, cy: f32, rx: f32, ry: f32) {
    const K: f32 = 0.552_284_8;
    let (kx, ky) = (rx * K, ry * K);
    pb.move_to(cx + rx, cy);
    pb.cubic_to(cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry);
    pb.cubic_to(cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy);
    pb.cubic_to(cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry);
    pb.cubic_to(cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy);
    pb.close();
}

/// A point at `radius` from (cx, cy) in direction `degrees` (0 = up, clockwise; y grows down).
fn polar(cx: f32, cy: f32, radius: f32, degrees: f32) -> (f32, f32) {
    let a = degrees.to_radians();
    (cx + radius * a.sin(), cy - radius * a.cos())
}

fn heart(pb: &mut PathBuilder, cx: f32, cy: f32, r: f32) {
    let top = cy - r * 0.45;
    pb.move_to(cx, top);
    pb.cubic_to(
        cx - r * 0.15,
        cy - r * 1.05,
        cx - r * 1.1,
        cy - r * 0.85,
        cx - r,
        cy - r * 0.2,
    );
    pb.cubic_to(
        cx - r * 0.9,
        cy + r * 0.35,
        cx - r * 0.3,
        cy + r * 0.6,
        cx,
        cy + r,
    );
    pb.cubic_to(
        cx + r * 0.3,
        cy + r * 0.6,
        cx + r * 0.9,
        cy + r * 0.35,
        cx + r,
        cy - r * 0.2,
    );
    pb.cubic_to(
        cx + r * 1.1,
        cy - r * 0.85,
        cx + r * 0.15,
        cy - r * 1.05,
        cx,
        top,
    );
    pb.close();
}

fn star(pb: &mut PathBuilder, cx: f32, cy: f32, r: f32, turn: f32) {
    for k in 0..10 {
        let radius = if k % 2 == 0 { r } else { r * 0.42 };
        let (px, py) = polar(cx, cy, radius, turn + k as f32 * 36.0);
        if k == 0 {
            pb.move_to(px, py);
        } else {
            pb.line_to(px, py);
        }
    }
    pb.close();
}

/// A pointed leaf along `turn`, its two edges curving out from the tips.
fn leaf(pb: &mut PathBuilder, cx: f32, cy: f32, r: f32, turn: f32) {
    let (tx, ty) = polar(cx, cy, r, turn);
    let (bx, by) = polar(cx, cy, r, turn + 180.0);
    let (lx, ly) = polar(cx, cy, r * 0.75, turn - 90.0);
    let (rx, ry) = polar(cx, cy, r * 0.75, turn + 90.0);
    pb.move_to(tx, ty);
    pb.quad_to(lx, ly, bx, by);
    pb.quad_to(rx, ry, tx, ty);
    pb.close();
}

/// Six arms, each a thin bar with a pair of short branches.
fn snowflake(pb: &mut PathBuilder, cx: f32, cy: f32, r: f32, turn: f32) {
    let width = r * 0.12;
    for arm in 0..6 {
        let angle = turn + arm as f32 * 60.0;
        let (ex, ey) = polar(cx, cy, r, angle);
        bar(pb, cx, cy, ex, ey, width);
        let (mx, my) = polar(cx, cy, r * 0.6, angle);
        for side in [-40.0, 40.0] {
            let (bx, by) = polar(mx, my, r * 0.3, angle + side);
            bar(pb, mx, my, bx, by, width * 0.8);
        }
    }
}

/// A filled bar of `width` from (x1, y1) to (x2, y2).
fn bar(pb: &mut PathBuilder, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let length = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
    let (nx, ny) = (-dy / length * width / 2.0, dx / length * width / 2.0);
    pb.move_to(x1 + nx, y1 + ny);
    pb.line_to(x2 + nx, y2 + ny);
    pb.line_to(x2 - nx, y2 - ny);
    pb.line_to(x1 - nx, y1 - ny);
    pb.close();
}

/// Three overlapping lobes and a short stem.
fn pumpkin(pb: &mut PathBuilder, cx: f32, cy: f32, r: f32) {
    let body_y = cy + r * 0.12;
    ellipse(pb, cx - r * 0.45, body_y, r * 0.55, r * 0.72);
    ellipse(pb, cx + r * 0.45, body_y, r * 0.55, r * 0.72);
    ellipse(pb, cx, body_y, r * 0.5, r * 0.8);
    bar(
        pb,
        cx,
        body_y - r * 0.62,
        cx + r * 0.12,
        cy - r * 0.95,
        r * 0.16,
    );
}

/// Five round petals around a small heart.
fn flower(pb: &mut PathBuilder, cx: f32, cy: f32, r: f32, turn: f32) {
    for petal in 0..5 {
        let (px, py) = polar(cx, cy, r * 0.55, turn + petal as f32 * 72.0);
        circle(pb, px, py, r * 0.42);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_motif_draws_a_shape() {
        for motif in [
            Motif::Confetti,
            Motif::Hearts,
            Motif::Stars,
            Motif::Leaves,
            Motif::Snowflakes,
            Motif::Pumpkins,
            Motif::Flowers,
        ] {
            let mut pb = PathBuilder::new();
            shape(&mut pb, motif, 50.0, 50.0, 10.0, 30.0);
            assert!(pb.finish().is_some(), "{motif:?} drew nothing");
        }
    }
}
