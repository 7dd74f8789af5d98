//! Envelopes and address labels, with addresses written in the order the recipient's country
//! uses.

use std::sync::atomic::{AtomicBool, Ordering};

use krilla::geom::Transform;
use krilla::Document;

use super::render::MM;
use super::text::{FontSet, TextStyle};
use super::{
    CardError, CardRecipient, EnvelopeSize, LabelSheet, Printed, ReturnAddress, SkippedRecipient,
};
use crate::contacts::{country_code, postal_name, PostalAddress};
use crate::error::Invalid;
use isocountry::CountryCode;

const INCH: f32 = 72.0;

impl EnvelopeSize {
    pub const ALL: [EnvelopeSize; 4] = [
        EnvelopeSize::Dl,
        EnvelopeSize::C6,
        EnvelopeSize::Us10,
        EnvelopeSize::A7,
    ];

    pub fn id(self) -> &'static str {
        match self {
            EnvelopeSize::Dl => "dl",
            EnvelopeSize::C6 => "c6",
            EnvelopeSize::Us10 => "us10",
            EnvelopeSize::A7 => "a7",
        }
    }

    pub fn parse(text: &str) -> Result<EnvelopeSize, Invalid> {
        EnvelopeSize::ALL
            .into_iter()
            .find(|s| s.id().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                Invalid(format!(
                    "\"{text}\" is not an envelope size; use dl, c6, us10 or a7"
                ))
            })
    }

    /// Width × height in points, landscape.
    fn size(self) -> (f32, f32) {
        match self {
            EnvelopeSize::Dl => (220.0 * MM, 110.0 * MM),
            EnvelopeSize::C6 => (162.0 * MM, 114.0 * MM),
            EnvelopeSize::Us10 => (9.5 * INCH, 4.125 * INCH),
            EnvelopeSize::A7 => (7.25 * INCH, 5.25 * INCH),
        }
    }
}

/// A label sheet's geometry, in points.
struct SheetGeometry {
    page: (f32, f32),
    columns: usize,
    rows: usize,
    /// Top-left corner of the first label.
    origin: (f32, f32),
    label: (f32, f32),
    pitch: (f32, f32),
}

impl LabelSheet {
    pub const ALL: [LabelSheet; 2] = [LabelSheet::Avery5160, LabelSheet::L7160];

    pub fn id(self) -> &'static str {
        match self {
            LabelSheet::Avery5160 => "avery-5160",
            LabelSheet::L7160 => "l7160",
        }
    }

    pub fn parse(text: &str) -> Result<LabelSheet, Invalid> {
        LabelSheet::ALL
            .into_iter()
            .find(|s| s.id().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                Invalid(format!(
                    "\"{text}\" is not a label sheet; use avery-5160 or l7160"
                ))
            })
    }

    /// Labels per sheet.
    pub fn per_sheet(self) -> usize {
        let g = self.geometry();
        g.columns * g.rows
    }

    fn geometry(self) -> SheetGeometry {
        match self {
            // US Letter, 3 × 10 labels of 2⅝ × 1 in; ½ in top margin, 3⁄16 in left, ⅛ in gutters.
            LabelSheet::Avery5160 => SheetGeometry {
                page: (8.5 * INCH, 11.0 * INCH),
                columns: 3,
                rows: 10,
                origin: (0.1875 * INCH, 0.5 * INCH),
                label: (2.625 * INCH, 1.0 * INCH),
                pitch: (2.75 * INCH, 1.0 * INCH),
            },
            // A4, 3 × 7 labels of 63.5 × 38.1 mm; 15.15 mm top, 7.25 mm left, 2.5 mm gutters.
            LabelSheet::L7160 => SheetGeometry {
                page: (210.0 * MM, 297.0 * MM),
                columns: 3,
                rows: 7,
                origin: (7.25 * MM, 15.15 * MM),
                label: (63.5 * MM, 38.1 * MM),
                pitch: (66.0 * MM, 38.1 * MM),
            },
        }
    }
}

/// The countries whose own order of address lines is followed; others get the most common one
/// (postal code before the city).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Country {
    Us,
    Ca,
    Gb,
    De,
    Fr,
    Jp,
    Other,
}

fn layout_of(code: Option<CountryCode>) -> Country {
    match code.map(|c| c.alpha2()) {
        Some("US") => Country::Us,
        Some("CA") => Country::Ca,
        Some("GB") => Country::Gb,
        Some("DE") => Country::De,
        Some("FR") => Country::Fr,
        Some("JP") => Country::Jp,
        _ => Country::Other,
    }
}

/// The address lines for `name` at `address`, in the order its country writes them, posted
/// from `home_country` (a code or name as the owner writes it; empty when not known): within
/// it the country line is left off, as post offices ask; abroad it names the country in full.
pub fn address_lines(name: &str, address: &PostalAddress, home_country: &str) -> Vec<String> {
    lines_posted_from(name, address, country_code(home_country))
}

/// [`address_lines`] with the country posted from already known (once for a whole run).
fn lines_posted_from(
    name: &str,
    address: &PostalAddress,
    home: Option<CountryCode>,
) -> Vec<String> {
    let street: Vec<String> = address
        .street
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let (city, region, postal, country) = (
        address.city.trim(),
        address.region.trim(),
        address.postal_code.trim(),
        address.country.trim(),
    );
    let join = |parts: &[&str], sep: &str| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(sep)
    };
    let mut lines = Vec::new();
    let code = country_code(country);
    let country_line = if country.is_empty() {
        None
    } else {
        match (code, home) {
            (Some(code), Some(home)) if code == home => None,
            (Some(code), _) => Some(postal_name(code)),
            (None, _) => Some(country.to_uppercase()),
        }
    };
    let kind = layout_of(code);
    let japanese = kind == Country::Jp && !address.street.is_ascii();
    if japanese {
        // 〒 postal code, then prefecture, city and street, then the name with 様; from
        // abroad, JAPAN under it in Latin letters.
        if !postal.is_empty() {
            lines.push(format!("〒{postal}"));
        }
        let place = format!("{region}{city}{}", street.join(""));
        if !place.is_empty() {
            lines.push(place);
        }
        lines.push(format!("{name} 様"));
        lines.extend(country_line);
        return lines;
    }
    lines.push(name.to_string());
    lines.extend(street);
    match kind {
        Country::Us | Country::Ca => {
            let region_postal = join(&[region, postal], "  ");
            lines.push(join(&[city, &region_postal], ", "));
        }
        Country::Gb => {
            lines.push(city.to_uppercase());
            if !region.is_empty() {
                lines.push(region.to_string());
            }
            lines.push(postal.to_uppercase());
        }
        Country::De => lines.push(join(&[postal, city], " ")),
        Country::Fr => lines.push(join(&[postal, &city.to_uppercase()], " ")),
        Country::Jp => {
            lines.push(join(&[city, &join(&[region, postal], " ")], ", "));
        }
        Country::Other => {
            lines.push(join(&[postal, city], " "));
            if !region.is_empty() {
                lines.push(region.to_string());
            }
        }
    }
    lines.extend(country_line);
    lines.retain(|l| !l.trim().is_empty());
    lines
}

/// The recipient's address lines, or why they have none worth printing.
fn usable(
    recipient: &CardRecipient,
    home: Option<CountryCode>,
) -> Result<Vec<String>, SkippedRecipient> {
    let skip = |reason: &str| SkippedRecipient {
        contact_id: recipient.contact_id,
        display_name: recipient.display_name.clone(),
        reason: reason.to_string(),
    };
    let Some(address) = &recipient.address else {
        return Err(skip("no postal address"));
    };
    if address.street.trim().is_empty() {
        return Err(skip("the address has no street"));
    }
    if address.city.trim().is_empty() && address.postal_code.trim().is_empty() {
        return Err(skip("the address has no city or postal code"));
    }
    Ok(lines_posted_from(&recipient.display_name, address, home))
}

pub(crate) fn envelopes(
    recipients: &[CardRecipient],
    size: EnvelopeSize,
    from: &ReturnAddress,
    home_country: &str,
    fonts: &FontSet,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Printed, CardError> {
    let (w, h) = size.size();
    let home = country_code(home_country);
    let mut document = Document::new();
    let mut skipped = Vec::new();
    let mut pages = 0;
    let sender = [from.business_name.trim(), from.address.trim()]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    for (i, recipient) in recipients.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(CardError::Cancelled);
        }
        progress(i + 1, recipients.len());
        let lines = match usable(recipient, home) {
            Ok(lines) => lines,
            Err(skip) => {
                skipped.push(skip);
                continue;
            }
        };
        let settings = krilla::page::PageSettings::from_wh(w, h)
            .ok_or_else(|| CardError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let m = 10.0 * MM;
        if !sender.is_empty() {
            let block = fonts.fit(
                &sender,
                &TextStyle::sans(7.5).color([90, 90, 90]),
                w * 0.4,
                h * 0.3,
                5.0,
            );
            block.draw(&mut surface, fonts, m, m);
        }
        let block = fonts.fit(
            &lines.join("\n"),
            &TextStyle::sans(11.0).color([20, 20, 20]),
            w * 0.5 - m,
            h * 0.5 - m,
            6.0,
        );
        block.draw(
            &mut surface,
            fonts,
            w * 0.45,
            (h * 0.45).min(h - m - block.height),
        );
        surface.finish();
        page.finish();
        pages += 1;
    }
    if pages == 0 {
        return Err(CardError::NoAddresses(skipped.len()));
    }
    let pdf = document
        .finish()
        .map_err(|e| CardError::Pdf(format!("{e:?}")))?;
    Ok(Printed { pdf, skipped })
}

pub(crate) fn labels(
    recipients: &[CardRecipient],
    sheet: LabelSheet,
    offset_mm: (f32, f32),
    home_country: &str,
    fonts: &FontSet,
) -> Result<Printed, CardError> {
    let (dx, dy) = offset_mm;
    if !(dx.abs() <= 10.0 && dy.abs() <= 10.0) {
        return Err(CardError::Offset);
    }
    let g = sheet.geometry();
    let home = country_code(home_country);
    let mut skipped = Vec::new();
    let mut addresses = Vec::new();
    for recipient in recipients {
        match usable(recipient, home) {
            Ok(lines) => addresses.push(lines.join("\n")),
            Err(skip) => skipped.push(skip),
        }
    }
    if addresses.is_empty() {
        return Err(CardError::NoAddresses(skipped.len()));
    }
    let mut document = Document::new();
    let per_sheet = g.columns * g.rows;
    let inset = 4.0 * MM;
    for chunk in addresses.chunks(per_sheet) {
        let settings = krilla::page::PageSettings::from_wh(g.page.0, g.page.1)
            .ok_or_else(|| CardError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        surface.push_transform(&Transform::from_translate(dx * MM, dy * MM));
        for (i, text) in chunk.iter().enumerate() {
            let (col, row) = (i % g.columns, i / g.columns);
            let x = g.origin.0 + col as f32 * g.pitch.0;
            let y = g.origin.1 + row as f32 * g.pitch.1;
            let (w, h) = (g.label.0 - 2.0 * inset, g.label.1 - 2.0 * 2.5 * MM);
            let block = fonts.fit(text, &TextStyle::sans(9.0).color([20, 20, 20]), w, h, 5.0);
            let top = y + (g.label.1 - block.height.min(h)) / 2.0;
            if let Some(clip) = super::shapes::rect(x, y, g.label.0, g.label.1) {
                surface.push_clip_path(&clip, &krilla::paint::FillRule::NonZero);
                block.draw(&mut surface, fonts, x + inset, top);
                surface.pop();
            }
        }
        surface.pop();
        surface.finish();
        page.finish();
    }
    let pdf = document
        .finish()
        .map_err(|e| CardError::Pdf(format!("{e:?}")))?;
    Ok(Printed { pdf, skipped })
}
