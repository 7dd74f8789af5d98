//! A PNG read row by row at 8 bits a channel (16-bit channels and palettes turned into plain
//! 8-bit ones as each row comes), straight into the reducer: a 40-megapixel 16-bit picture,
//! 320 MB of pixels, costs a few rows. An interlaced PNG arrives in seven passes over the whole
//! picture, so it is decoded whole (at 8 bits) first, within the budget.

use std::io::Cursor;

use png::{ColorType, Transformations};

use super::budget;
use super::reduce::{Layout, Reducer};
use super::{PhotoError, MAX_DECODE_BYTES};

pub(super) fn decode(bytes: &[u8], reducer: &mut Reducer) -> Result<(), PhotoError> {
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            // Chunks other than the pixels (text, colour profile) may hold at most this much.
            bytes: 16 << 20,
        },
    );
    decoder.set_transformations(Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(error)?;
    let info = reader.info();
    let (width, height, interlaced) = (info.width, info.height, info.interlaced);
    let layout = match reader.output_color_type() {
        (ColorType::Grayscale, _) => Layout::Grey,
        (ColorType::GrayscaleAlpha, _) => Layout::GreyAlpha,
        (ColorType::Rgb, _) => Layout::Rgb,
        (ColorType::Rgba, _) => Layout::Rgba,
        (ColorType::Indexed, _) => {
            return Err(PhotoError::Damaged {
                detail: "its palette could not be read".into(),
            })
        }
    };
    budget::png(width, height, interlaced, layout.channels() as u8).check(width, height)?;
    if interlaced {
        let size = reader
            .output_buffer_size()
            .filter(|&s| s as u64 <= MAX_DECODE_BYTES)
            .ok_or(PhotoError::OverLimits)?;
        let mut frame = vec![0u8; size];
        reader.next_frame(&mut frame).map_err(error)?;
        reducer.push_all(&frame, layout)?;
    } else {
        while let Some(row) = reader.next_row().map_err(error)? {
            reducer.push_row(row.data(), layout)?;
        }
    }
    Ok(())
}

fn error(e: png::DecodingError) -> PhotoError {
    match e {
        png::DecodingError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            PhotoError::Truncated { format: "PNG" }
        }
        png::DecodingError::LimitsExceeded => PhotoError::OverLimits,
        other => PhotoError::Damaged {
            detail: other.to_string(),
        },
    }
}
