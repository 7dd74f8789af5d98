//! Staff and team photos: a picture from the owner's disk is checked (size, kind, dimensions,
//! completeness, and for a JPEG every part of its compressed data) before it is decoded, decoded
//! within a memory budget worked out from its header (a large JPEG straight at a fraction of its
//! size, a PNG row by row into a reduced copy), turned upright (EXIF orientation), resized and
//! stored as JPEG with a thumbnail.

mod budget;
mod jpeg;
mod png_stream;
mod reduce;
mod webp_decode;

use crate::error::ErrorCode;
use std::io::{Cursor, Read};
use std::path::Path;

use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Larger files are refused before they are read (40 MB, exactly as the message says).
pub const MAX_FILE_BYTES: u64 = 40_000_000;
/// Largest width or height accepted, read from the header before decoding.
pub const MAX_SIDE: u32 = 12_000;
/// Largest picture accepted (40 megapixels: phone cameras stay below).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The decoder of one picture may hold at most this much memory, counted from the header for
/// each kind of picture (bytes a pixel, 16-bit channels, alpha, a progressive JPEG's
/// coefficients); the reduced copy it feeds (at most about 38 MB) and the stored photo come on
/// top.
pub const MAX_DECODE_BYTES: u64 = 200_000_000;
/// Stored photos fit in this square.
pub const STORED_SIDE: u32 = 2048;
/// Thumbnails fit in this square.
pub const THUMB_SIDE: u32 = 256;
pub const JPEG_QUALITY: u8 = 85;

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("The file is empty. Choose a JPEG, PNG or WebP picture.")]
    Empty,
    #[error("The file is {} MB; pictures up to {} MB can be imported. Save a smaller copy from your photo app (for example 4000 × 3000 pixels, as JPEG) and import that.", megabytes(*.bytes), MAX_FILE_BYTES / 1_000_000)]
    TooLarge { bytes: u64 },
    #[error("This file is not a JPEG, PNG or WebP picture (it may be another kind of file with a picture's name). Choose a photo saved as JPEG, PNG or WebP.")]
    NotAPicture,
    #[error("The picture is {} ({width} × {height} pixels); Rapport opens pictures up to {} megapixels and {MAX_SIDE} pixels a side. Save it smaller (for example 4000 × 3000 pixels) and import that.", megapixels_up(u64::from(*.width) * u64::from(*.height)), MAX_PIXELS / 1_000_000)]
    TooManyPixels { width: u32, height: u32 },
    #[error("The picture (a {kind}) is {} ({width} × {height} pixels); Rapport opens pictures of this kind up to {}, to stay within the {} MB of memory it gives one picture. Save it smaller (for example 4000 × 3000 pixels, or as JPEG) and import that.", megapixels_up(u64::from(*.width) * u64::from(*.height)), megapixels_down(*.cap_pixels), MAX_DECODE_BYTES / 1_000_000)]
    OverBudget {
        kind: &'static str,
        width: u32,
        height: u32,
        /// The most pixels a picture of this kind may have.
        cap_pixels: u64,
    },
    #[error("The picture would take more than the {} MB of memory Rapport allows a picture to open. Save it smaller (for example 4000 × 3000 pixels, as JPEG) and import that.", MAX_DECODE_BYTES / 1_000_000)]
    OverLimits,
    #[error("The {format} file is incomplete (it ends before the picture does; perhaps the copy or download was cut short). Copy the picture again and import the new copy.")]
    Truncated { format: &'static str },
    #[error("The picture could not be read ({detail}). It may be damaged; open it in a photo app, save a new copy and import that.")]
    Damaged { detail: String },
    #[error("The picture is damaged inside ({detail}): part of it would show as grey or garbled blocks. Import another copy of the photo (from the camera, phone or a backup); if it looks right in a photo app, saving a new copy from there also works.")]
    Corrupt { detail: String },
    #[error("Rapport cannot read {path}: {reason}.")]
    CannotRead { path: String, reason: String },
    #[error("The picture could not be saved as JPEG ({detail}).")]
    Encode { detail: String },
}

impl PhotoError {
    pub fn code(&self) -> ErrorCode {
        match self {
            PhotoError::Empty => ErrorCode::PhotoEmpty,
            PhotoError::TooLarge { .. }
            | PhotoError::TooManyPixels { .. }
            | PhotoError::OverBudget { .. }
            | PhotoError::OverLimits => ErrorCode::PhotoTooLarge,
            PhotoError::NotAPicture => ErrorCode::PhotoNotAPicture,
            PhotoError::Truncated { .. }
            | PhotoError::Damaged { .. }
            | PhotoError::Corrupt { .. } => ErrorCode::PhotoDamaged,
            PhotoError::CannotRead { .. } => ErrorCode::CannotRead,
            PhotoError::Encode { .. } => ErrorCode::PhotoEncode,
        }
    }
}

/// A photo ready to store: upright, at most [`STORED_SIDE`] a side, JPEG, with a thumbnail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedPhoto {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
    pub thumb_jpeg: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PhotoKind {
    /// One staff member's portrait.
    Staff,
    /// Several of the team together.
    Team,
}

impl PhotoKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PhotoKind::Staff => "staff",
            PhotoKind::Team => "team",
        }
    }

    pub fn parse(text: &str) -> Option<PhotoKind> {
        match text {
            "staff" => Some(PhotoKind::Staff),
            "team" => Some(PhotoKind::Team),
            _ => None,
        }
    }
}

/// The part of a photo where a welcome is written, in pixels of the stored picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardArea {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhotoInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: PhotoKind,
    /// The staff member a portrait shows.
    #[ts(type = "number | null")]
    pub staff_id: Option<i64>,
    pub caption: String,
    pub width: u32,
    pub height: u32,
    /// Where the whiteboard welcome goes; none picked yet means a default area.
    pub board: Option<BoardArea>,
    #[ts(type = "number")]
    pub bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffMember {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: String,
    pub active: bool,
    /// Their newest portrait.
    #[ts(type = "number | null")]
    pub photo_id: Option<i64>,
}

/// Reads a picture file, refusing one larger than [`MAX_FILE_BYTES`] before reading it.
pub fn read_picture_file(path: &Path) -> Result<Vec<u8>, PhotoError> {
    let cannot = |e: std::io::Error| PhotoError::CannotRead {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    if len > MAX_FILE_BYTES {
        return Err(PhotoError::TooLarge { bytes: len });
    }
    // The file may grow while we read: never read more than the limit allows.
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(PhotoError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Checks, decodes within limits, turns upright, resizes and re-encodes a picture.
pub fn normalize(bytes: &[u8]) -> Result<NormalizedPhoto, PhotoError> {
    let (image, orientation) = decode(bytes, true)?;
    // Resize first, then turn: turning the small picture needs far less memory.
    let mut image = fit(DynamicImage::ImageRgb8(image), STORED_SIDE);
    image.apply_orientation(orientation);
    let thumb = image.thumbnail(THUMB_SIDE, THUMB_SIDE);
    Ok(NormalizedPhoto {
        width: image.width(),
        height: image.height(),
        jpeg: encode_jpeg(&image)?,
        thumb_jpeg: encode_jpeg(&thumb)?,
    })
}

/// The checks [`normalize`] makes, without its work: the picture is decoded (damage inside its
/// data shows only then) but not kept, resized or encoded. Both run the same code up to there,
/// so a picture one refuses, the other refuses too (a dry run of an import relies on it).
pub fn check(bytes: &[u8]) -> Result<(), PhotoError> {
    decode(bytes, false).map(|_| ())
}

/// Checks and decodes a picture into a reduced RGB copy (transparent parts on white), within
/// [`MAX_DECODE_BYTES`]; with `keep` false the pixels are decoded and dropped as they come.
fn decode(bytes: &[u8], keep: bool) -> Result<(RgbImage, Orientation), PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(PhotoError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let format = image::guess_format(bytes).map_err(|_| PhotoError::NotAPicture)?;
    check_complete(format, bytes)?;
    // The `image` crate's decoder reads the header (size, EXIF orientation); its limits are
    // only a backstop: the dimensions are checked here, the memory by `budget`.
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut probe_limits = Limits::no_limits();
    probe_limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(probe_limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    let orientation = decoder.orientation().map_err(decode_error)?;
    drop(decoder);
    let reducer = match format {
        ImageFormat::Png => {
            let mut reducer = reduce::Reducer::new(width, height, keep);
            png_stream::decode(bytes, &mut reducer)?;
            reducer
        }
        ImageFormat::WebP => {
            let mut reducer = reduce::Reducer::new(width, height, keep);
            webp_decode::decode(bytes, &mut reducer)?;
            reducer
        }
        _ => {
            let image = decode_jpeg(bytes, width, height)?;
            let mut reducer = reduce::Reducer::new(image.width(), image.height(), keep);
            push_image(&mut reducer, image)?;
            reducer
        }
    };
    Ok((reducer.finish()?, orientation))
}

/// A JPEG: its every part checked, then decoded at 1/2, 1/4 or 1/8 of its size when it is about
/// twice the stored size or more, otherwise whole; each within the budget for its kind.
fn decode_jpeg(bytes: &[u8], width: u32, height: u32) -> Result<DynamicImage, PhotoError> {
    jpeg::check_entropy_data(bytes).map_err(|d| PhotoError::Corrupt { detail: d.0 })?;
    let frame = budget::JpegFrame::read(bytes).ok_or_else(|| PhotoError::Damaged {
        detail: "its picture header could not be read".into(),
    })?;
    // RGB and grey 8-bit JPEGs (nearly all); CMYK and 12-bit ones are decoded whole.
    let reducible = matches!(frame.sampling.len(), 1 | 3) && frame.precision == 8;
    if reducible && jpeg::reduced_size(width, height, STORED_SIDE).is_some() {
        frame.reduced().check(width, height)?;
        // Otherwise one only the `image` crate's decoder reads: whole, if that fits too.
        if let Ok(Some(image)) =
            jpeg::decode_reduced(bytes, width, height, STORED_SIDE, MAX_DECODE_BYTES)
        {
            return Ok(image);
        }
    }
    frame.full().check(width, height)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Jpeg);
    reader.limits(limits());
    DynamicImage::from_decoder(reader.into_decoder().map_err(decode_error)?).map_err(decode_error)
}

/// Feeds a decoded picture's rows to the reducer.
fn push_image(reducer: &mut reduce::Reducer, image: DynamicImage) -> Result<(), PhotoError> {
    use reduce::Layout;
    match image {
        DynamicImage::ImageLuma8(grey) => reducer.push_all(grey.as_raw(), Layout::Grey),
        DynamicImage::ImageLumaA8(grey) => reducer.push_all(grey.as_raw(), Layout::GreyAlpha),
        DynamicImage::ImageRgb8(rgb) => reducer.push_all(rgb.as_raw(), Layout::Rgb),
        DynamicImage::ImageRgba8(rgba) => reducer.push_all(rgba.as_raw(), Layout::Rgba),
        other => reducer.push_all(other.to_rgba8().as_raw(), Layout::Rgba),
    }
}

/// A picture's size in megapixels, rounded up to a tenth, and a cap rounded down: a refused
/// picture never reads as within the cap named beside it.
fn megapixels_up(pixels: u64) -> String {
    let tenths = pixels.div_ceil(100_000);
    format!("{}.{} megapixels", tenths / 10, tenths % 10)
}

fn megapixels_down(pixels: u64) -> String {
    let tenths = pixels / 100_000;
    format!("{}.{} megapixels", tenths / 10, tenths % 10)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

/// JPEG bytes of `image` at [`JPEG_QUALITY`].
pub fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    image
        .to_rgb8()
        .write_with_encoder(encoder)
        .map_err(|e| PhotoError::Encode {
            detail: e.to_string(),
        })?;
    Ok(out)
}

/// Decodes a JPEG this module stored (trusted, already checked, still within limits).
pub fn decode_stored(jpeg: &[u8]) -> Result<DynamicImage, PhotoError> {
    let mut reader = ImageReader::with_format(Cursor::new(jpeg), ImageFormat::Jpeg);
    reader.limits(limits());
    reader.decode().map_err(decode_error)
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

fn check_dimensions(width: u32, height: u32) -> Result<(), PhotoError> {
    if width == 0 || height == 0 {
        return Err(PhotoError::Damaged {
            detail: "it has no pixels".into(),
        });
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    Ok(())
}

fn decode_error(error: image::ImageError) -> PhotoError {
    match error {
        image::ImageError::Limits(_) => PhotoError::OverLimits,
        image::ImageError::Unsupported(_) => PhotoError::NotAPicture,
        other => PhotoError::Damaged {
            detail: other.to_string(),
        },
    }
}

/// Decoders fill a cut-off picture with grey instead of failing: a file must end where its
/// format says it ends.
fn check_complete(format: ImageFormat, bytes: &[u8]) -> Result<(), PhotoError> {
    match format {
        ImageFormat::Jpeg => {
            // The image data (after the last start-of-scan) must be followed by end-of-image.
            // Data after it (camera trailers) is allowed; an EXIF thumbnail's end does not count.
            let last_scan = rfind(bytes, &[0xFF, 0xDA]);
            let last_end = rfind(bytes, &[0xFF, 0xD9]);
            match (last_scan, last_end) {
                (Some(scan), Some(end)) if end > scan => Ok(()),
                _ => Err(PhotoError::Truncated { format: "JPEG" }),
            }
        }
        ImageFormat::Png => {
            const IEND: &[u8] = &[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];
            if rfind(bytes, IEND).is_some() {
                Ok(())
            } else {
                Err(PhotoError::Truncated { format: "PNG" })
            }
        }
        ImageFormat::WebP => {
            let declared = bytes
                .get(4..8)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map(|b| u64::from(u32::from_le_bytes(b)) + 8);
            match declared {
                Some(size) if size <= bytes.len() as u64 => Ok(()),
                _ => Err(PhotoError::Truncated { format: "WebP" }),
            }
        }
        _ => Err(PhotoError::NotAPicture),
    }
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn fit(image: DynamicImage, side: u32) -> DynamicImage {
    if image.width() <= side && image.height() <= side {
        image
    } else {
        image.resize(side, side, FilterType::CatmullRom)
    }
}

/// The area a welcome is written in when the owner has not picked one: the lower middle.
pub fn default_board(width: u32, height: u32) -> BoardArea {
    BoardArea {
        x: width / 6,
        y: height * 3 / 5,
        width: width * 2 / 3,
        height: height / 3,
    }
}

/// Checks an area picked by the owner lies inside the picture and is big enough to write in.
pub fn check_board(area: BoardArea, width: u32, height: u32) -> Result<(), crate::Error> {
    let inside = u64::from(area.x) + u64::from(area.width) <= u64::from(width)
        && u64::from(area.y) + u64::from(area.height) <= u64::from(height);
    if !inside {
        return Err(crate::Error::invalid(
            "board",
            format!("the area must lie inside the picture ({width} × {height})"),
        ));
    }
    if area.width < 40 || area.height < 20 {
        return Err(crate::Error::invalid(
            "board",
            "drag a larger area (at least 40 × 20 pixels) so the words can be read",
        ));
    }
    Ok(())
}

/// A picture the window read from a file and sent as base64; checked for size before decoding.
pub fn from_base64(text: &str) -> Result<Vec<u8>, PhotoError> {
    use base64::Engine;
    let approx = (text.len() as u64 / 4) * 3;
    if approx > MAX_FILE_BYTES {
        return Err(PhotoError::TooLarge { bytes: approx });
    }
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| PhotoError::NotAPicture)
}

/// `data:image/jpeg;base64,…` for showing a stored JPEG in the window.
pub fn data_url(jpeg: &[u8]) -> String {
    use base64::Engine;
    format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(jpeg)
    )
}
