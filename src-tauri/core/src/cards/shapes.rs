//! The two drawing primitives every printed page uses: a rectangle's path and a fill colour.

use krilla::geom::{PathBuilder, Rect};
use krilla::surface::Surface;

pub(crate) fn rect(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(Rect::from_xywh(x, y, w.max(0.1), h.max(0.1))?);
    pb.finish()
}

pub(crate) fn fill_color(surface: &mut Surface, [r, g, b]: [u8; 3]) {
    surface.set_fill(Some(krilla::paint::Fill {
        paint: krilla::color::rgb::Color::new(r, g, b).into(),
        ..Default::default()
    }));
}
