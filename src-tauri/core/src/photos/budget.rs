//! What opening a picture costs in memory, worked out from its header before anything is
//! decoded, counting what each decoder really holds (16-bit channels, alpha, a progressive
//! JPEG's coefficients): a picture over [`MAX_DECODE_BYTES`] is refused before a byte of it is
//! allocated, and the message names the cap that refused it.

use super::{PhotoError, MAX_DECODE_BYTES};

/// What the decoder of one kind of picture holds while it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cost {
    /// The kind of picture, as the owner would call it ("lossless WebP").
    pub kind: &'static str,
    /// Bytes the decoder holds, all told, for this picture.
    pub bytes: u64,
}

impl Cost {
    /// A decoder that holds `per_pixel_x2 / 2` bytes for every pixel.
    pub fn per_pixel(kind: &'static str, width: u32, height: u32, per_pixel_x2: u64) -> Cost {
        Cost {
            kind,
            bytes: pixels(width, height).saturating_mul(per_pixel_x2) / 2,
        }
    }

    /// Refuses a picture whose decoding would hold more than [`MAX_DECODE_BYTES`]. The cap in
    /// megapixels the message names is the same test turned around: the most pixels of this
    /// kind (at this cost a pixel) that stay within the budget.
    pub fn check(self, width: u32, height: u32) -> Result<(), PhotoError> {
        if self.bytes <= MAX_DECODE_BYTES {
            return Ok(());
        }
        let pixels = pixels(width, height);
        // bytes / pixels is the cost of one pixel; the largest count within the budget:
        let cap_pixels = (u128::from(MAX_DECODE_BYTES) * u128::from(pixels)
            / u128::from(self.bytes.max(1))) as u64;
        Err(PhotoError::OverBudget {
            kind: self.kind,
            width,
            height,
            cap_pixels,
        })
    }
}

pub(super) fn pixels(width: u32, height: u32) -> u64 {
    u64::from(width) * u64::from(height)
}

/// A lossy or lossless WebP decoded by `image-webp` 0.2: the output (3 bytes a pixel, 4 with
/// alpha) and what the decoder holds beside it, read off its code: a lossless picture without
/// alpha is decoded to 4 bytes a pixel and copied; a lossy one keeps its YUV planes (1.5 bytes a
/// pixel) while it converts, and its alpha plane (1 byte, plus 4 while a compressed one is
/// decoded); an animation keeps a canvas and a frame besides.
pub(super) fn webp(width: u32, height: u32, lossy: bool, alpha: bool, animated: bool) -> Cost {
    let (kind, per_pixel_x2) = match (animated, lossy, alpha) {
        (true, _, _) => ("animated WebP", 2 * (4 + 4 + 4) + 21),
        (false, false, false) => ("lossless WebP", 2 * (4 + 3)),
        (false, false, true) => ("lossless WebP with transparency", 2 * 4),
        (false, true, false) => ("lossy WebP", 3 + 2 * 3),
        (false, true, true) => ("lossy WebP with transparency", 3 + 2 * (4 + 1 + 4)),
    };
    Cost::per_pixel(kind, width, height, per_pixel_x2)
}

/// An interlaced PNG is decoded whole (at 8 bits a channel) before it is reduced; other PNGs are
/// read row by row and cost a few rows.
pub(super) fn png(width: u32, height: u32, interlaced: bool, channels: u8) -> Cost {
    if interlaced {
        Cost::per_pixel(
            "interlaced PNG",
            width,
            height,
            2 * u64::from(channels.max(1)),
        )
    } else {
        // The decoder's row and its previous row (at up to 16 bits and 4 channels), ours, and
        // one row of sums.
        Cost {
            kind: "PNG",
            bytes: u64::from(width) * (8 + 8 + 4 + 12) + (1 << 20),
        }
    }
}

/// The frame header of a JPEG: what decoding it costs depends on its components' sampling and
/// whether it is progressive (its every coefficient is kept until the last scan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct JpegFrame {
    pub width: u32,
    pub height: u32,
    pub precision: u8,
    pub progressive: bool,
    /// (horizontal, vertical) sampling of each component.
    pub sampling: Vec<(u8, u8)>,
}

impl JpegFrame {
    /// Reads the frame header (SOFn), walking the markers before it; `None` when there is none.
    pub fn read(data: &[u8]) -> Option<JpegFrame> {
        if !data.starts_with(&[0xFF, 0xD8]) {
            return None;
        }
        let mut at = 2;
        loop {
            // Fill bytes before a marker.
            while data.get(at) == Some(&0xFF) && data.get(at + 1) == Some(&0xFF) {
                at += 1;
            }
            if data.get(at) != Some(&0xFF) {
                return None;
            }
            let marker = *data.get(at + 1)?;
            if matches!(marker, 0xD0..=0xD8 | 0x01) {
                at += 2;
                continue;
            }
            let len = usize::from(u16::from_be_bytes([*data.get(at + 2)?, *data.get(at + 3)?]));
            let body = data.get(at + 4..at + 2 + len)?;
            match marker {
                0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                    let count = usize::from(*body.get(5)?);
                    let sampling = (0..count)
                        .map(|i| body.get(6 + i * 3 + 1).map(|s| (s >> 4, s & 15)))
                        .collect::<Option<Vec<_>>>()?;
                    return Some(JpegFrame {
                        precision: body[0],
                        height: u32::from(u16::from_be_bytes([body[1], body[2]])),
                        width: u32::from(u16::from_be_bytes([body[3], body[4]])),
                        progressive: matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE),
                        sampling,
                    });
                }
                0xD9 | 0xDA => return None,
                _ => at += 2 + len,
            }
        }
    }

    /// Blocks of 8×8 samples in each component, padded to whole MCUs as decoders store them.
    fn blocks(&self) -> u64 {
        let h_max = u64::from(self.sampling.iter().map(|s| s.0).max().unwrap_or(1).max(1));
        let v_max = u64::from(self.sampling.iter().map(|s| s.1).max().unwrap_or(1).max(1));
        let mcus_x = u64::from(self.width).div_ceil(8 * h_max);
        let mcus_y = u64::from(self.height).div_ceil(8 * v_max);
        self.sampling
            .iter()
            .map(|&(h, v)| mcus_x * u64::from(h) * mcus_y * u64::from(v))
            .sum()
    }

    /// A progressive JPEG's decoder keeps every coefficient (two bytes each, 64 a block) until
    /// its last scan, whatever size it is decoded at.
    fn coefficients(&self) -> u64 {
        if self.progressive {
            self.blocks() * 64 * 2
        } else {
            0
        }
    }

    fn kind(&self) -> &'static str {
        match (self.sampling.len(), self.progressive) {
            (4, _) => "CMYK JPEG",
            (_, true) => "progressive JPEG",
            _ => "JPEG",
        }
    }

    /// Decoded at 1/2, 1/4 or 1/8 of its size (DCT scaling): the coefficients of a progressive
    /// one, and the reduced planes and picture counted as if at 1/2 (three copies of a quarter of
    /// the samples), so the cost stays the same for every picture of a kind and size.
    pub fn reduced(&self) -> Cost {
        let samples = self.blocks() * 64;
        Cost {
            kind: self.kind(),
            bytes: self.coefficients() + samples * 3 / 4,
        }
    }

    /// Decoded at full size by the `image` crate: the picture (4 bytes a pixel at most: CMYK is
    /// turned into RGB as it goes) and the coefficients of a progressive one.
    pub fn full(&self) -> Cost {
        let channels = if self.sampling.len() == 1 { 1 } else { 4 };
        Cost {
            kind: self.kind(),
            bytes: pixels(self.width, self.height) * channels + self.coefficients(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The cap a refusal names is the one enforced: a picture of that many pixels of the same
    /// kind passes, one a little larger is refused.
    #[test]
    fn the_cap_named_is_the_cap_enforced() {
        let kinds: Vec<Box<dyn Fn(u32, u32) -> Cost>> = vec![
            Box::new(|w, h| webp(w, h, false, false, false)),
            Box::new(|w, h| webp(w, h, true, true, false)),
            Box::new(|w, h| webp(w, h, false, false, true)),
            Box::new(|w, h| {
                JpegFrame {
                    width: w,
                    height: h,
                    precision: 8,
                    progressive: true,
                    sampling: vec![(1, 1); 3],
                }
                .reduced()
            }),
            Box::new(|w, h| {
                JpegFrame {
                    width: w,
                    height: h,
                    precision: 8,
                    progressive: false,
                    sampling: vec![(1, 1); 4],
                }
                .full()
            }),
        ];
        for cost in kinds {
            let Err(PhotoError::OverBudget { cap_pixels, .. }) =
                cost(11_992, 11_992).check(11_992, 11_992)
            else {
                panic!("144 megapixels should be over every budget");
            };
            // A picture of 4:3 at the cap (within a row: sizes are whole pixels) passes …
            let width = ((cap_pixels as f64 * 4.0 / 3.0).sqrt() as u32) / 8 * 8;
            let height = (cap_pixels / u64::from(width)) as u32 / 8 * 8;
            assert!(
                cost(width, height).check(width, height).is_ok(),
                "{width} × {height} of {cap_pixels}"
            );
            // … and one 2% larger is refused, naming the same cap.
            let (w2, h2) = (width + width / 100, height + height / 100);
            match cost(w2, h2).check(w2, h2) {
                Err(PhotoError::OverBudget {
                    cap_pixels: named, ..
                }) => {
                    let diff = named.abs_diff(cap_pixels);
                    // Blocks padded to whole MCUs make a JPEG's cost a hair off proportional.
                    assert!(diff * 200 < cap_pixels, "{named} vs {cap_pixels}");
                }
                other => panic!("{w2} × {h2}: {other:?}"),
            }
        }
    }
}
