//! A WebP decoded whole (its decoder has no row-by-row or scaled mode), once its cost — which
//! depends on lossy or lossless, alpha and animation — is known to fit the budget; then reduced.

use std::io::Cursor;

use super::budget;
use super::reduce::{Layout, Reducer};
use super::{PhotoError, MAX_DECODE_BYTES};

pub(super) fn decode(bytes: &[u8], reducer: &mut Reducer) -> Result<(), PhotoError> {
    let mut decoder = image_webp::WebPDecoder::new(Cursor::new(bytes)).map_err(error)?;
    let (width, height) = decoder.dimensions();
    let lossy = decoder.is_lossy();
    let alpha = decoder.has_alpha();
    budget::webp(width, height, lossy, alpha, decoder.is_animated()).check(width, height)?;
    decoder.set_memory_limit(usize::try_from(MAX_DECODE_BYTES).unwrap_or(usize::MAX));
    let size = decoder.output_buffer_size().ok_or(PhotoError::OverLimits)?;
    let mut pixels = vec![0u8; size];
    decoder.read_image(&mut pixels).map_err(error)?;
    let layout = if alpha { Layout::Rgba } else { Layout::Rgb };
    reducer.push_all(&pixels, layout)
}

fn error(e: image_webp::DecodingError) -> PhotoError {
    match e {
        image_webp::DecodingError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            PhotoError::Truncated { format: "WebP" }
        }
        image_webp::DecodingError::MemoryLimitExceeded => PhotoError::OverLimits,
        other => PhotoError::Damaged {
            detail: other.to_string(),
        },
    }
}
