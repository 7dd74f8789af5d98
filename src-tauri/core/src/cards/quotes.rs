//! A printable page of quotes (the Testimonials screen's PDF): a title, then each quote in
//! italics with who said it, flowing over as many A4 pages as it takes. Shaped by parley, so
//! every script prints right, as on the cards.

use krilla::page::PageSettings;
use krilla::Document;

use super::render::MM;
use super::text::{FontSet, TextStyle};
use super::CardError;

const PAGE: (f32, f32) = (210.0 * MM, 297.0 * MM);
const MARGIN: f32 = 22.0 * MM;

/// One quote and the line under it ("— Ann Lee, Ann's Bakery · March 2026").
pub(crate) struct Quote {
    pub words: String,
    pub said_by: String,
}

/// Quotes under a heading ("" for none).
pub(crate) struct QuoteSection {
    pub heading: String,
    pub quotes: Vec<Quote>,
}

/// The pages as a PDF.
pub(crate) fn quote_pages(
    title: &str,
    subtitle: &str,
    sections: &[QuoteSection],
    fonts: &FontSet,
) -> Result<Vec<u8>, CardError> {
    let (w, h) = PAGE;
    let width = w - 2.0 * MARGIN;
    let mut document = Document::new();
    let settings = || PageSettings::from_wh(w, h).ok_or_else(|| CardError::Pdf("page size".into()));
    let mut page = document.start_page_with(settings()?);
    let mut surface = page.surface();
    let mut y = MARGIN;
    let heading = fonts.layout(
        title,
        &TextStyle::serif(24.0).bold().color([30, 30, 30]),
        width,
    );
    heading.draw(&mut surface, fonts, MARGIN, y);
    y += heading.height + 2.0 * MM;
    let sub = fonts.layout(
        subtitle,
        &TextStyle::sans(10.0).color([110, 110, 110]),
        width,
    );
    sub.draw(&mut surface, fonts, MARGIN, y);
    y += sub.height + 10.0 * MM;
    for section in sections {
        if !section.heading.is_empty() {
            let heading = fonts.layout(
                &section.heading,
                &TextStyle::sans(14.0).bold().color([40, 40, 40]),
                width,
            );
            if y + heading.height + 20.0 * MM > h - MARGIN {
                surface.finish();
                page.finish();
                page = document.start_page_with(settings()?);
                surface = page.surface();
                y = MARGIN;
            }
            heading.draw(&mut surface, fonts, MARGIN, y);
            y += heading.height + 5.0 * MM;
        }
        for quote in &section.quotes {
            let words = fonts.layout(
                &format!("\u{201C}{}\u{201D}", quote.words.trim()),
                &TextStyle::serif(13.0).italic().color([35, 35, 35]),
                width,
            );
            let by = fonts.layout(
                // A left-to-right mark: the line reads from the left whatever script the name is in.
                &format!("\u{200E}\u{2014} {}", quote.said_by),
                &TextStyle::sans(10.0).color([90, 90, 90]),
                width,
            );
            let needed = words.height + 2.0 * MM + by.height;
            // A quote starts on a new page when it does not fit (a very long one is cut by the page).
            if y + needed > h - MARGIN && y > MARGIN {
                surface.finish();
                page.finish();
                page = document.start_page_with(settings()?);
                surface = page.surface();
                y = MARGIN;
            }
            words.draw(&mut surface, fonts, MARGIN, y);
            y += words.height + 2.0 * MM;
            by.draw(&mut surface, fonts, MARGIN + 6.0 * MM, y);
            y += by.height + 9.0 * MM;
        }
        y += 4.0 * MM;
    }
    surface.finish();
    page.finish();
    document
        .finish()
        .map_err(|e| CardError::Pdf(format!("{e:?}")))
}
