//! Staff and team photos: a picture from the owner's disk is checked (size, kind, dimensions,
//! completeness, and for a JPEG every part of its compressed data) before it is decoded, decoded
//! within memory limits (a large JPEG straight at a fraction of its size), turned upright (EXIF
//! orientation), resized and stored as JPEG with a thumbnail.

mod jpeg;

use std::io::{Cursor, Read};
use std::path::Path;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Larger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 40 * 1024 * 1024;
/// Largest width or height accepted, read from the header before decoding.
pub const MAX_SIDE: u32 = 12_000;
/// Largest picture accepted (40 megapixels: phone cameras stay below).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The decoder may hold at most this much memory.
pub const MAX_DECODE_BYTES: u64 = 200 * 1024 * 1024;
/// Stored photos fit in this square.
pub const STORED_SIDE: u32 = 2048;
/// Thumbnails fit in this square.
pub const THUMB_SIDE: u32 = 256;
pub const JPEG_QUALITY: u8 = 85;

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("The file is empty. Choose a JPEG, PNG or WebP picture.")]
    Empty,
    #[error("The file is {} MB; pictures up to {} MB can be imported. Export a smaller copy from your photo app and import that.", .bytes / 1_000_000, MAX_FILE_BYTES / 1_000_000)]
    TooLarge { bytes: u64 },
    #[error("This file is not a JPEG, PNG or WebP picture (it may be another kind of file with a picture's name). Choose a photo saved as JPEG, PNG or WebP.")]
    NotAPicture,
    #[error("The picture claims to be {width} × {height} pixels, more than Rapport accepts ({MAX_SIDE} pixels a side, {} megapixels). Export a smaller copy and import that.", MAX_PIXELS / 1_000_000)]
    TooManyPixels { width: u32, height: u32 },
    #[error("The picture is larger than Rapport can open safely ({MAX_SIDE} pixels a side, {} MB of memory). Export a smaller copy and import that.", MAX_DECODE_BYTES / 1_000_000)]
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
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::Empty => "photoEmpty",
            PhotoError::TooLarge { .. }
            | PhotoError::TooManyPixels { .. }
            | PhotoError::OverLimits => "photoTooLarge",
            PhotoError::NotAPicture => "photoNotAPicture",
            PhotoError::Truncated { .. }
            | PhotoError::Damaged { .. }
            | PhotoError::Corrupt { .. } => "photoDamaged",
            PhotoError::CannotRead { .. } => "cannotRead",
            PhotoError::Encode { .. } => "photoEncode",
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
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    let orientation = decoder.orientation().map_err(decode_error)?;
    let image = if format == ImageFormat::Jpeg {
        jpeg::check_entropy_data(bytes).map_err(|d| PhotoError::Corrupt { detail: d.0 })?;
        // A picture about twice the stored size or more is decoded at 1/2, 1/4 or 1/8 directly.
        match jpeg::decode_reduced(bytes, width, height, STORED_SIDE, MAX_DECODE_BYTES) {
            Ok(Some(image)) => {
                drop(decoder);
                image
            }
            // Another kind of JPEG (CMYK, 12-bit…), or one only image's decoder reads.
            Ok(None) | Err(_) => DynamicImage::from_decoder(decoder).map_err(decode_error)?,
        }
    } else {
        DynamicImage::from_decoder(decoder).map_err(decode_error)?
    };
    // Resize first, then turn: turning the small picture needs far less memory.
    let mut image = fit(image, STORED_SIDE);
    drop_alpha(&mut image);
    image.apply_orientation(orientation);
    let thumb = image.thumbnail(THUMB_SIDE, THUMB_SIDE);
    Ok(NormalizedPhoto {
        width: image.width(),
        height: image.height(),
        jpeg: encode_jpeg(&image)?,
        thumb_jpeg: encode_jpeg(&thumb)?,
    })
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

/// Transparent parts become white (as on paper), not black.
fn drop_alpha(image: &mut DynamicImage) {
    if !image.color().has_alpha() {
        return;
    }
    let mut rgba = image.to_rgba8();
    for pixel in rgba.pixels_mut() {
        let a = u16::from(pixel[3]);
        for channel in pixel.0.iter_mut().take(3) {
            *channel = ((u16::from(*channel) * a + 255 * (255 - a)) / 255) as u8;
        }
        pixel[3] = 255;
    }
    *image = DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).to_rgb8());
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
