//! Fonts and text: layout with parley (bidi, script runs, shaping, line breaking, fallback to the
//! system's fonts through fontique), then drawing the positioned glyph runs with krilla, which
//! embeds each font once, subset, with a ToUnicode map so copied text comes back as written.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use parley::fontique::Blob;
use parley::{
    Alignment, AlignmentOptions, FontContext, FontData, FontFamily, FontStyle, FontWeight, Layout,
    LayoutContext, OverflowWrap, PositionedLayoutItem, StyleProperty,
};

static NOTO_SANS: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
static NOTO_SANS_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");
static NOTO_SANS_ITALIC: &[u8] = include_bytes!("../../fonts/NotoSans-Italic.ttf");
static NOTO_SERIF: &[u8] = include_bytes!("../../fonts/NotoSerif-Regular.ttf");
static NOTO_SERIF_BOLD: &[u8] = include_bytes!("../../fonts/NotoSerif-Bold.ttf");
static NOTO_SERIF_ITALIC: &[u8] = include_bytes!("../../fonts/NotoSerif-Italic.ttf");

/// The fonts a print run may use: the shipped Noto Sans and Noto Serif first, then whatever the
/// system has for other scripts. Load once ([`FontSet::shared`]) and reuse: finding the system's
/// fonts takes a moment.
pub struct FontSet {
    inner: Mutex<Inner>,
}

struct Inner {
    fonts: FontContext,
    layout: LayoutContext<[u8; 4]>,
    /// krilla fonts by (blob id, index): each font object once per process, so a document
    /// embeds each font once.
    pdf_fonts: HashMap<(u64, u32), Font>,
}

impl FontSet {
    /// Shipped fonts and the system's fonts.
    pub fn new() -> FontSet {
        let mut fonts = FontContext::new();
        for data in [
            NOTO_SANS,
            NOTO_SANS_BOLD,
            NOTO_SANS_ITALIC,
            NOTO_SERIF,
            NOTO_SERIF_BOLD,
            NOTO_SERIF_ITALIC,
        ] {
            fonts
                .collection
                .register_fonts(Blob::new(Arc::new(data)), None);
        }
        FontSet {
            inner: Mutex::new(Inner {
                fonts,
                layout: LayoutContext::new(),
                pdf_fonts: HashMap::new(),
            }),
        }
    }

    /// One font set for the whole process.
    pub fn shared() -> &'static FontSet {
        static SHARED: OnceLock<FontSet> = OnceLock::new();
        SHARED.get_or_init(FontSet::new)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while laying out leaves nothing half-written that matters: keep going.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Lays `text` out in `style`, wrapped at `max_width` points.
    pub(crate) fn layout(&self, text: &str, style: &TextStyle, max_width: f32) -> Block {
        let mut guard = self.lock();
        let inner = &mut *guard;
        let family = match style.family {
            Family::Serif => "Noto Serif",
            Family::Sans => "Noto Sans",
        };
        let mut builder = inner
            .layout
            .ranged_builder(&mut inner.fonts, text, 1.0, true);
        builder.push_default(StyleProperty::FontFamily(FontFamily::named(family)));
        builder.push_default(StyleProperty::FontSize(style.size));
        builder.push_default(StyleProperty::LineHeight(
            parley::LineHeight::FontSizeRelative(style.line_height),
        ));
        builder.push_default(StyleProperty::OverflowWrap(OverflowWrap::Anywhere));
        if style.bold {
            builder.push_default(StyleProperty::FontWeight(FontWeight::BOLD));
        }
        if style.italic {
            builder.push_default(StyleProperty::FontStyle(FontStyle::Italic));
        }
        builder.push_default(StyleProperty::LetterSpacing(style.letter_spacing));
        let mut layout: Layout<[u8; 4]> = builder.build(text);
        layout.break_all_lines(Some(max_width));
        let alignment = match style.align {
            Align::Start => Alignment::Start,
            Align::Center => Alignment::Center,
        };
        layout.align(alignment, AlignmentOptions::default());

        let mut runs = Vec::new();
        let mut missing = Vec::new();
        for line in layout.lines() {
            for item in line.items() {
                let PositionedLayoutItem::GlyphRun(glyph_run) = item else {
                    continue;
                };
                let run = glyph_run.run();
                let size = run.font_size();
                let mut glyphs: Vec<KrillaGlyph> = Vec::new();
                // A ligature ("ff", "fi") is one glyph for several characters: the clusters after
                // the first have no glyph of their own. Their text joins the ligature's glyph, so
                // the PDF's text (copy, search, screen readers) keeps every character.
                let mut pending: Option<std::ops::Range<usize>> = None;
                for cluster in run.visual_clusters() {
                    let mut range = cluster.text_range();
                    if cluster.glyphs().next().is_none() {
                        // Left to right the ligature came just before; right to left it comes
                        // next, visually.
                        match glyphs.last_mut() {
                            Some(last) if last.text_range.end == range.start => {
                                last.text_range.end = range.end;
                            }
                            _ => pending = Some(range),
                        }
                        continue;
                    }
                    if let Some(before) = pending.take() {
                        if before.end == range.start {
                            range.start = before.start;
                        } else if range.end == before.start {
                            range.end = before.end;
                        }
                    }
                    for glyph in cluster.glyphs() {
                        if glyph.id == 0 {
                            let cluster_text = text.get(range.clone()).unwrap_or("");
                            missing.extend(cluster_text.chars().filter(|c| is_visible(*c)));
                        }
                        glyphs.push(KrillaGlyph {
                            glyph_id: GlyphId::new(glyph.id),
                            text_range: range.clone(),
                            x_advance: glyph.advance / size,
                            x_offset: glyph.x / size,
                            y_offset: -glyph.y / size,
                            y_advance: 0.0,
                            location: None,
                        });
                    }
                }
                if glyphs.is_empty() {
                    continue;
                }
                runs.push(GlyphRunOut {
                    font: run.font().clone(),
                    size,
                    x: glyph_run.offset(),
                    baseline: glyph_run.baseline(),
                    glyphs,
                });
            }
        }
        Block {
            text: text.to_string(),
            height: layout.height(),
            color: style.color,
            runs,
            missing,
        }
    }

    /// Lays `text` out to fit `width` × `height`: at `style.size` when it fits, smaller (down to
    /// `min_size`) when it does not. Never wider than `width`; taller only if even the smallest
    /// size does not fit (the caller clips).
    pub(crate) fn fit(
        &self,
        text: &str,
        style: &TextStyle,
        width: f32,
        height: f32,
        min_size: f32,
    ) -> Block {
        let mut style = style.clone();
        loop {
            let block = self.layout(text, &style, width);
            if block.height <= height || style.size <= min_size {
                return block;
            }
            style.size = (style.size * 0.9).max(min_size);
        }
    }

    /// The characters of `text` no available font can draw, each once.
    pub fn missing_characters(&self, text: &str) -> String {
        let block = self.layout(text, &TextStyle::sans(10.0), f32::MAX);
        let mut seen = String::new();
        for c in block.missing {
            if !seen.contains(c) {
                seen.push(c);
            }
        }
        seen
    }

    fn pdf_font(&self, data: &FontData) -> Option<Font> {
        let mut inner = self.lock();
        let key = (data.data.id(), data.index);
        if let Some(font) = inner.pdf_fonts.get(&key) {
            return Some(font.clone());
        }
        let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(BlobBytes(data.data.clone()));
        let font = Font::new(bytes.into(), data.index)?;
        inner.pdf_fonts.insert(key, font.clone());
        Some(font)
    }
}

impl Default for FontSet {
    fn default() -> FontSet {
        FontSet::new()
    }
}

struct BlobBytes(Blob<u8>);

impl AsRef<[u8]> for BlobBytes {
    fn as_ref(&self) -> &[u8] {
        self.0.data()
    }
}

/// `text` without the characters in `missing`, and without the joiners and variation selectors
/// that held them together (a dropped emoji sequence leaves nothing behind), spaces tidied.
pub(crate) fn without_characters(text: &str, missing: &str) -> String {
    if !text.chars().any(|c| missing.contains(c)) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let dropped = |i: usize| chars.get(i).is_some_and(|c| missing.contains(*c));
    let mut kept = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let joins = matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{20E3}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}');
        let beside_dropped = (i > 0 && dropped(i - 1)) || dropped(i + 1);
        if missing.contains(c) || (joins && beside_dropped) {
            continue;
        }
        kept.push(c);
    }
    kept.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_visible(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_control()
        && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Serif,
    Sans,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Start,
    Center,
}

#[derive(Debug, Clone)]
pub(crate) struct TextStyle {
    pub family: Family,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub color: [u8; 3],
    pub align: Align,
    pub line_height: f32,
    pub letter_spacing: f32,
}

impl TextStyle {
    pub fn sans(size: f32) -> TextStyle {
        TextStyle {
            family: Family::Sans,
            size,
            bold: false,
            italic: false,
            color: [40, 40, 40],
            align: Align::Start,
            line_height: 1.3,
            letter_spacing: 0.0,
        }
    }

    pub fn serif(size: f32) -> TextStyle {
        TextStyle {
            family: Family::Serif,
            ..TextStyle::sans(size)
        }
    }

    pub fn bold(mut self) -> TextStyle {
        self.bold = true;
        self
    }

    pub fn italic(mut self) -> TextStyle {
        self.italic = true;
        self
    }

    pub fn centered(mut self) -> TextStyle {
        self.align = Align::Center;
        self
    }

    pub fn color(mut self, color: [u8; 3]) -> TextStyle {
        self.color = color;
        self
    }
}

struct GlyphRunOut {
    font: FontData,
    size: f32,
    x: f32,
    baseline: f32,
    glyphs: Vec<KrillaGlyph>,
}

/// Text laid out and ready to draw.
pub(crate) struct Block {
    text: String,
    pub height: f32,
    color: [u8; 3],
    runs: Vec<GlyphRunOut>,
    /// Characters drawn as the missing glyph (no font has them).
    pub missing: Vec<char>,
}

impl Block {
    /// Draws the block with its top-left corner at (`x`, `y`).
    pub fn draw(&self, surface: &mut Surface, fonts: &FontSet, x: f32, y: f32) {
        let [r, g, b] = self.color;
        surface.set_fill(Some(krilla::paint::Fill {
            paint: krilla::color::rgb::Color::new(r, g, b).into(),
            ..Default::default()
        }));
        for run in &self.runs {
            let Some(font) = fonts.pdf_font(&run.font) else {
                continue;
            };
            surface.draw_glyphs(
                Point::from_xy(x + run.x, y + run.baseline),
                &run.glyphs,
                font,
                &self.text,
                run.size,
                false,
            );
        }
    }
}
