//! Card pages: flat cards one per page; folded cards as a quarter-fold sheet (front and back on
//! the bottom half, the inside on the top half turned 180° so the folded card reads right).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use krilla::geom::{PathBuilder, Size, Transform};
use krilla::image::Image;
use krilla::surface::Surface;
use krilla::Document;

use super::designs::{accent, Accent};
use super::shapes::{fill_color, rect};
use super::text::{FontSet, TextStyle};
use super::{CardError, CardFormat, CardJob, CardRecipient};
use crate::error::Invalid;
use crate::merge::{fill, MergeValues};

pub(crate) const MM: f32 = 72.0 / 25.4;
const INCH: f32 = 72.0;
/// Home printers leave 3–6 mm unprinted at the edges; nothing important goes nearer than this.
const SAFE: f32 = 8.0 * MM;
/// Largest front picture accepted.
const MAX_IMAGE_BYTES: u64 = 40 * 1024 * 1024;

impl CardFormat {
    pub const ALL: [CardFormat; 6] = [
        CardFormat::A6,
        CardFormat::A7,
        CardFormat::FiveBySeven,
        CardFormat::FourBySix,
        CardFormat::FoldedA4,
        CardFormat::FoldedLetter,
    ];

    pub fn id(self) -> &'static str {
        match self {
            CardFormat::A6 => "a6",
            CardFormat::A7 => "a7",
            CardFormat::FiveBySeven => "5x7",
            CardFormat::FourBySix => "4x6",
            CardFormat::FoldedA4 => "folded-a4",
            CardFormat::FoldedLetter => "folded-letter",
        }
    }

    pub fn parse(text: &str) -> Result<CardFormat, Invalid> {
        CardFormat::ALL
            .into_iter()
            .find(|f| f.id().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                let ids: Vec<&str> = CardFormat::ALL.iter().map(|f| f.id()).collect();
                Invalid(format!(
                    "\"{text}\" is not a card format; use one of {}",
                    ids.join(", ")
                ))
            })
    }

    pub fn is_folded(self) -> bool {
        matches!(self, CardFormat::FoldedA4 | CardFormat::FoldedLetter)
    }

    /// The printed sheet, in points.
    pub(crate) fn sheet(self) -> (f32, f32) {
        match self {
            CardFormat::A6 => (105.0 * MM, 148.0 * MM),
            CardFormat::A7 => (74.0 * MM, 105.0 * MM),
            CardFormat::FiveBySeven => (5.0 * INCH, 7.0 * INCH),
            CardFormat::FourBySix => (4.0 * INCH, 6.0 * INCH),
            CardFormat::FoldedA4 => (210.0 * MM, 297.0 * MM),
            CardFormat::FoldedLetter => (8.5 * INCH, 11.0 * INCH),
        }
    }
}

/// A front picture, read once per batch; a JPEG is embedded as it is.
#[derive(Clone)]
pub(crate) struct Picture {
    image: Image,
    width: f32,
    height: f32,
    /// Shown whole (letterboxed) instead of cropped to fill the box: nobody on a team photo, and
    /// no word written on it, is cut off.
    whole: bool,
}

pub(crate) fn load_picture(path: &Path) -> Result<Picture, CardError> {
    let bad = |reason: &str| CardError::Picture {
        path: path.display().to_string(),
        reason: reason.to_string(),
    };
    let size = std::fs::metadata(path)
        .map_err(|e| bad(&e.to_string()))?
        .len();
    if size > MAX_IMAGE_BYTES {
        return Err(bad("it is larger than 40 MB"));
    }
    let bytes = std::fs::read(path).map_err(|e| bad(&e.to_string()))?;
    picture_from_bytes(bytes, false).map_err(bad)
}

/// A JPEG or PNG in memory as a front picture; the error is the reason, for a message.
pub(crate) fn picture_from_bytes(bytes: Vec<u8>, whole: bool) -> Result<Picture, &'static str> {
    let is_jpeg = bytes.starts_with(&[0xFF, 0xD8]);
    let is_png = bytes.starts_with(b"\x89PNG");
    let data: krilla::Data = Arc::new(bytes).into();
    let image = if is_jpeg {
        Image::from_jpeg(data, true)
    } else if is_png {
        Image::from_png(data, true)
    } else {
        return Err("it is not a JPEG or PNG picture");
    }
    .map_err(|_| "the picture is damaged or in an unusual variant")?;
    let (w, h) = image.size();
    if w == 0 || h == 0 {
        return Err("the picture is empty");
    }
    Ok(Picture {
        image,
        width: w as f32,
        height: h as f32,
        whole,
    })
}

/// The words of one card, merged.
pub(crate) struct CardText {
    pub greeting: String,
    pub message: String,
    pub personal: String,
    pub signature: String,
}

pub(crate) fn card_text(job: &CardJob, recipient: &CardRecipient) -> CardText {
    let mut values = MergeValues::new();
    for (name, value) in &recipient.values {
        values.set(name, value.as_str());
    }
    values.set("business_name", job.business_name.trim());
    CardText {
        greeting: fill(&job.design.greeting, &values),
        message: fill(&job.design.message, &values),
        personal: recipient.personal_line.clone().unwrap_or_default(),
        signature: fill(&job.design.signature, &values),
    }
}

pub(crate) fn render(
    job: &CardJob,
    fonts: &FontSet,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, CardError> {
    let picture = match &job.design.front_image {
        Some(path) => Some(load_picture(path)?),
        None => None,
    };
    render_with(job, picture.as_ref(), fonts, progress, cancel)
}

pub(crate) fn render_with(
    job: &CardJob,
    picture: Option<&Picture>,
    fonts: &FontSet,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, CardError> {
    if job.recipients.is_empty() {
        return Err(CardError::NoRecipients);
    }
    let unknown = super::unknown_design_fields(&job.design);
    if !unknown.is_empty() {
        return Err(CardError::UnknownFields(
            unknown.into_iter().map(|u| u.name).collect(),
        ));
    }
    let accent = accent(&job.design.accent);
    let format = job.design.format;
    let (sheet_w, sheet_h) = format.sheet();
    let mut document = Document::new();
    let total = job.recipients.len();
    for (i, recipient) in job.recipients.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(CardError::Cancelled);
        }
        let text = card_text(job, recipient);
        let settings = krilla::page::PageSettings::from_wh(sheet_w, sheet_h)
            .ok_or_else(|| CardError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        if format.is_folded() {
            draw_folded(
                &mut surface,
                fonts,
                &text,
                picture,
                accent,
                job.design.motif,
                sheet_w,
                sheet_h,
            );
        } else {
            draw_flat(
                &mut surface,
                fonts,
                &text,
                picture,
                accent,
                job.design.motif,
                sheet_w,
                sheet_h,
            );
        }
        surface.finish();
        page.finish();
        progress(i + 1, total);
    }
    document
        .finish()
        .map_err(|e| CardError::Pdf(format!("{e:?}")))
}

/// The front: the picture cropped to fill the box (or whole, centred in it), or a drawn design
/// in the accent's colours.
#[allow(clippy::too_many_arguments)]
fn draw_front(
    surface: &mut Surface,
    picture: Option<&Picture>,
    accent: Accent,
    motif: super::Motif,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
    let Some(clip) = rect(x, y, w, h) else {
        return;
    };
    surface.push_clip_path(&clip, &krilla::paint::FillRule::NonZero);
    match picture {
        Some(p) => {
            let scale = if p.whole {
                (w / p.width).min(h / p.height)
            } else {
                (w / p.width).max(h / p.height)
            };
            let (dw, dh) = (p.width * scale, p.height * scale);
            surface.push_transform(&Transform::from_translate(
                x + (w - dw) / 2.0,
                y + (h - dh) / 2.0,
            ));
            if let Some(size) = Size::from_wh(dw, dh) {
                surface.draw_image(p.image.clone(), size);
            }
            surface.pop();
        }
        None => super::motifs::draw(surface, motif, accent, x, y, w, h),
    }
    surface.pop();
}

fn rule(surface: &mut Surface, accent: Accent, cx: f32, y: f32, w: f32) {
    if let Some(path) = rect(cx - w / 2.0, y, w, 0.8) {
        fill_color(surface, accent.soft);
        surface.draw_path(&path);
    }
}

/// Message, personal line and signature in the box (x, y, w, h), centred vertically when
/// `centre` (inside of a folded card), from the top otherwise.
#[allow(clippy::too_many_arguments)]
fn draw_words(
    surface: &mut Surface,
    fonts: &FontSet,
    text: &CardText,
    accent: Accent,
    scale: f32,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    centre: bool,
) {
    let gap = 4.0 * MM * scale;
    let signature = fonts.fit(
        &text.signature,
        &TextStyle::sans(8.0 * scale).centered().color([96, 96, 96]),
        w,
        h * 0.3,
        4.5,
    );
    let personal = (!text.personal.trim().is_empty()).then(|| {
        fonts.fit(
            &text.personal,
            &TextStyle::serif(10.0 * scale)
                .italic()
                .centered()
                .color(accent.ink),
            w,
            h * 0.25,
            5.0,
        )
    });
    let personal_h = personal.as_ref().map(|p| p.height + gap).unwrap_or(0.0);
    let message_room = (h - signature.height - personal_h - gap).max(10.0);
    let message = fonts.fit(
        &text.message,
        &TextStyle::serif(10.5 * scale)
            .centered()
            .color([45, 45, 45]),
        w,
        message_room,
        5.0,
    );
    let used = message.height + personal_h + gap + signature.height;
    let mut top = if centre {
        y + ((h - used) / 2.0).max(0.0)
    } else {
        y
    };
    if let Some(clip) = rect(x - 2.0, y - 2.0, w + 4.0, h + 4.0) {
        surface.push_clip_path(&clip, &krilla::paint::FillRule::NonZero);
        message.draw(surface, fonts, x, top);
        top += message.height + gap;
        if let Some(p) = personal {
            p.draw(surface, fonts, x, top);
        }
        let sig_top = if centre {
            top + personal_h
        } else {
            y + h - signature.height
        };
        signature.draw(surface, fonts, x, sig_top.max(top + personal_h));
        surface.pop();
    }
}

fn greeting(
    fonts: &FontSet,
    text: &str,
    accent: Accent,
    size: f32,
    w: f32,
    h: f32,
) -> super::text::Block {
    fonts.fit(
        text,
        &TextStyle::serif(size).bold().centered().color(accent.ink),
        w,
        h,
        8.0,
    )
}

#[allow(clippy::too_many_arguments)]
fn draw_flat(
    surface: &mut Surface,
    fonts: &FontSet,
    text: &CardText,
    picture: Option<&Picture>,
    accent: Accent,
    motif: super::Motif,
    w: f32,
    h: f32,
) {
    let scale = (w / (105.0 * MM)).clamp(0.72, 1.3);
    let m = SAFE.max(w * 0.08);
    let inner_w = w - 2.0 * m;
    let front_h = h * 0.40;
    draw_front(surface, picture, accent, motif, m, m, inner_w, front_h);
    let mut y = m + front_h + 5.0 * MM * scale;
    let g = greeting(
        fonts,
        &text.greeting,
        accent,
        21.0 * scale,
        inner_w,
        h * 0.12,
    );
    g.draw(surface, fonts, m, y);
    y += g.height + 2.5 * MM * scale;
    rule(surface, accent, w / 2.0, y, 14.0 * MM * scale);
    y += 4.0 * MM * scale;
    draw_words(
        surface,
        fonts,
        text,
        accent,
        scale,
        m,
        y,
        inner_w,
        h - m - y,
        false,
    );
}

/// A quarter-fold sheet: bottom right is the front, bottom left the back, top left the inside
/// right (the message) and top right the inside left, both turned 180°.
#[allow(clippy::too_many_arguments)]
fn draw_folded(
    surface: &mut Surface,
    fonts: &FontSet,
    text: &CardText,
    picture: Option<&Picture>,
    accent: Accent,
    motif: super::Motif,
    sheet_w: f32,
    sheet_h: f32,
) {
    let (pw, ph) = (sheet_w / 2.0, sheet_h / 2.0);
    let scale = (pw / (105.0 * MM)).clamp(0.72, 1.3);
    let m = SAFE.max(pw * 0.09);
    let inner_w = pw - 2.0 * m;

    // Front (bottom right).
    surface.push_transform(&Transform::from_translate(pw, ph));
    let front_h = ph * 0.62;
    draw_front(surface, picture, accent, motif, m, m, inner_w, front_h);
    let g = greeting(
        fonts,
        &text.greeting,
        accent,
        22.0 * scale,
        inner_w,
        ph - front_h - 2.0 * m,
    );
    let room = ph - m - front_h - m;
    g.draw(
        surface,
        fonts,
        m,
        m + front_h + ((room - g.height) / 2.0).max(2.0 * MM),
    );
    surface.pop();

    // Back (bottom left): the sender, small.
    surface.push_transform(&Transform::from_translate(0.0, ph));
    let back = fonts.fit(
        text.signature.lines().last().unwrap_or(""),
        &TextStyle::sans(7.0 * scale)
            .centered()
            .color([130, 130, 130]),
        inner_w,
        20.0 * MM,
        4.5,
    );
    rule(
        surface,
        accent,
        pw / 2.0,
        ph - m - back.height - 3.0 * MM,
        8.0 * MM,
    );
    back.draw(surface, fonts, m, ph - m - back.height);
    surface.pop();

    // Inside right (top left, turned 180°): greeting, message, personal line, signature.
    surface.push_transform(&Transform::from_row(-1.0, 0.0, 0.0, -1.0, pw, ph));
    let small = greeting(
        fonts,
        &text.greeting,
        accent,
        15.0 * scale,
        inner_w,
        ph * 0.15,
    );
    small.draw(surface, fonts, m, m + 4.0 * MM);
    let top = m + 4.0 * MM + small.height + 3.0 * MM;
    rule(surface, accent, pw / 2.0, top, 12.0 * MM);
    draw_words(
        surface,
        fonts,
        text,
        accent,
        scale,
        m,
        top + 5.0 * MM,
        inner_w,
        ph - m - top - 5.0 * MM,
        true,
    );
    surface.pop();

    // Inside left (top right, turned 180°): a quiet ornament.
    surface.push_transform(&Transform::from_row(-1.0, 0.0, 0.0, -1.0, sheet_w, ph));
    let mut dots = PathBuilder::new();
    for i in 0..3 {
        super::motifs::circle(
            &mut dots,
            pw / 2.0 + (i as f32 - 1.0) * 4.0 * MM,
            ph / 2.0,
            0.9 * MM,
        );
    }
    if let Some(path) = dots.finish() {
        fill_color(surface, accent.soft);
        surface.draw_path(&path);
    }
    surface.pop();

    // Fold marks at the sheet's edges (outside the card once folded and trimmed by the fold).
    fill_color(surface, [200, 200, 200]);
    for path in [
        rect(pw - 0.2, 0.0, 0.4, 3.0 * MM),
        rect(pw - 0.2, sheet_h - 3.0 * MM, 0.4, 3.0 * MM),
        rect(0.0, ph - 0.2, 3.0 * MM, 0.4),
        rect(sheet_w - 3.0 * MM, ph - 0.2, 3.0 * MM, 0.4),
    ]
    .into_iter()
    .flatten()
    {
        surface.draw_path(&path);
    }
}
