//! "Welcome, Ann of Ann's Bakery" written onto the team photo, like a whiteboard the team holds
//! up: a real text layout (bidi, Arabic joining, CJK through font fallback) shrunk until it fits
//! the area the owner picked.

use std::sync::{Arc, Mutex, OnceLock};

use cosmic_text::{
    fontdb, Align, Attrs, Buffer, Color, Family, FontSystem, Metrics, Shaping, SwashCache, Wrap,
};
use image::{DynamicImage, Rgb, RgbImage};

use crate::photos::BoardArea;

/// The shipped fonts (Noto Sans); other scripts come from the system's fonts.
const SHIPPED_FONTS: &[&[u8]] = &[
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
];

/// Largest and smallest letter size tried, in pixels.
const MAX_FONT_PX: f32 = 160.0;
const MIN_FONT_PX: f32 = 8.0;
/// Marker ink on the board.
const INK: [u8; 3] = [0x1d, 0x3a, 0x6e];
const BOARD: [u8; 3] = [0xfb, 0xfb, 0xf8];
const FRAME: [u8; 3] = [0x9a, 0x9e, 0xa6];

struct Fonts {
    system: FontSystem,
    cache: SwashCache,
}

fn fonts() -> &'static Mutex<Fonts> {
    static FONTS: OnceLock<Mutex<Fonts>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let sources = SHIPPED_FONTS
            .iter()
            .map(|bytes| fontdb::Source::Binary(Arc::new(*bytes)));
        Mutex::new(Fonts {
            system: FontSystem::new_with_fonts(sources),
            cache: SwashCache::new(),
        })
    })
}

/// Draws a board into `area` of `photo` and writes `text` on it, as large as fits.
pub fn write_on_photo(photo: &DynamicImage, area: BoardArea, text: &str) -> DynamicImage {
    let mut canvas: RgbImage = photo.to_rgb8();
    let area = clamp_area(area, canvas.width(), canvas.height());
    draw_board(&mut canvas, area);
    let margin = (area.width.min(area.height) / 12).max(2);
    let inner_w = area.width.saturating_sub(2 * margin).max(1) as f32;
    let inner_h = area.height.saturating_sub(2 * margin).max(1) as f32;

    let mut guard = match fonts().lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    let Fonts { system, cache } = &mut *guard;
    let (buffer, height) = fit_text(system, text, inner_w, inner_h);
    let top = area.y as f32 + margin as f32 + ((inner_h - height) / 2.0).max(0.0);
    let left = (area.x + margin) as i32;
    let right = (area.x + area.width - margin) as i32;
    let bottom = (area.y + area.height - margin) as i32;
    buffer.draw(
        system,
        cache,
        Color::rgb(INK[0], INK[1], INK[2]),
        |x, y, w, h, color| {
            let alpha = u32::from(color.a());
            if alpha == 0 {
                return;
            }
            for dy in 0..h as i32 {
                for dx in 0..w as i32 {
                    let px = left + x + dx;
                    let py = top as i32 + y + dy;
                    if px < left || py < area.y as i32 || px >= right || py >= bottom {
                        continue;
                    }
                    let pixel = canvas.get_pixel_mut(px as u32, py as u32);
                    let ink = [color.r(), color.g(), color.b()];
                    for (channel, ink) in pixel.0.iter_mut().zip(ink) {
                        let blended =
                            (u32::from(ink) * alpha + u32::from(*channel) * (255 - alpha)) / 255;
                        *channel = blended as u8;
                    }
                }
            }
        },
    );
    DynamicImage::ImageRgb8(canvas)
}

/// Lays `text` out centred, shrinking the letters until every line fits the width (no word
/// broken inside unless it alone is too wide at the smallest size) and all lines fit the height.
fn fit_text(system: &mut FontSystem, text: &str, width: f32, height: f32) -> (Buffer, f32) {
    let mut size = MAX_FONT_PX.min(height);
    loop {
        let (buffer, used_h, widest) = layout(system, text, size, width);
        let fits = used_h <= height && widest <= width + 0.5;
        if fits || size <= MIN_FONT_PX {
            return (buffer, used_h);
        }
        size = (size * 0.92).max(MIN_FONT_PX);
    }
}

fn layout(system: &mut FontSystem, text: &str, size: f32, width: f32) -> (Buffer, f32, f32) {
    let mut buffer = Buffer::new(system, Metrics::new(size, size * 1.2));
    buffer.set_wrap(system, Wrap::WordOrGlyph);
    buffer.set_size(system, Some(width), None);
    let attrs = Attrs::new().family(Family::Name("Noto Sans"));
    buffer.set_text(system, text, &attrs, Shaping::Advanced);
    for line in buffer.lines.iter_mut() {
        line.set_align(Some(Align::Center));
    }
    buffer.shape_until_scroll(system, false);
    let mut used_h: f32 = 0.0;
    let mut widest: f32 = 0.0;
    let mut words_broken = false;
    let mut previous_line = None;
    for run in buffer.layout_runs() {
        used_h = used_h.max(run.line_top + run.line_height);
        widest = widest.max(run.line_w);
        // A line continuing the same text line after a break inside a word means the word was
        // too long at this size: try smaller.
        if previous_line == Some(run.line_i) {
            // Glyphs run in visual order (right to left for Arabic): take the logical start.
            if let Some(start) = run.glyphs.iter().map(|g| g.start).min() {
                let before = run.text.get(..start).unwrap_or("");
                if !before.is_empty() && !before.ends_with(char::is_whitespace) {
                    words_broken = true;
                }
            }
        }
        previous_line = Some(run.line_i);
    }
    if words_broken {
        widest = f32::INFINITY;
    }
    (buffer, used_h, widest)
}

fn clamp_area(area: BoardArea, width: u32, height: u32) -> BoardArea {
    let x = area.x.min(width.saturating_sub(1));
    let y = area.y.min(height.saturating_sub(1));
    BoardArea {
        x,
        y,
        width: area.width.min(width - x).max(1),
        height: area.height.min(height - y).max(1),
    }
}

fn draw_board(canvas: &mut RgbImage, area: BoardArea) {
    let frame = (area.width.min(area.height) / 60).max(1);
    for y in area.y..area.y + area.height {
        for x in area.x..area.x + area.width {
            let edge = x < area.x + frame
                || y < area.y + frame
                || x >= area.x + area.width - frame
                || y >= area.y + area.height - frame;
            canvas.put_pixel(x, y, Rgb(if edge { FRAME } else { BOARD }));
        }
    }
}
