//! Shrinking a picture as its rows arrive: each k × k block of pixels is averaged into one
//! (transparent parts laid on white, as on paper), so a big picture is never held whole, only a
//! row of sums. The stored photo is then resized from this reduced copy.

use image::RgbImage;

use super::{PhotoError, STORED_SIDE};

/// The reduced copy's longer side stays at least this long (7/8 of the stored side: as for a
/// JPEG decoded at a fraction of its size, no one can tell the difference).
pub(super) const REDUCE_TO: u32 = STORED_SIDE - STORED_SIDE / 8;

/// The 8-bit pixel layouts decoders give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    Grey,
    GreyAlpha,
    Rgb,
    Rgba,
}

impl Layout {
    pub fn channels(self) -> usize {
        match self {
            Layout::Grey => 1,
            Layout::GreyAlpha => 2,
            Layout::Rgb => 3,
            Layout::Rgba => 4,
        }
    }
}

/// How much a picture of this size is reduced: the largest k that keeps its longer side at least
/// [`REDUCE_TO`] (1: not at all).
pub(super) fn factor(width: u32, height: u32) -> u32 {
    (width.max(height) / REDUCE_TO).max(1)
}

pub(super) struct Reducer {
    width: u32,
    height: u32,
    k: u32,
    out_width: u32,
    /// Sums of the current band of k rows, 3 a reduced pixel; empty when only checking.
    sums: Vec<u32>,
    rows: u32,
    out: Vec<u8>,
    keep: bool,
}

impl Reducer {
    /// A reducer for a `width` × `height` picture; with `keep` false it only counts the rows (a
    /// check needs the picture decoded, not kept).
    pub fn new(width: u32, height: u32, keep: bool) -> Reducer {
        let k = factor(width, height);
        let out_width = width.div_ceil(k);
        let out_height = height.div_ceil(k);
        Reducer {
            width,
            height,
            k,
            out_width,
            sums: if keep {
                vec![0; out_width as usize * 3]
            } else {
                Vec::new()
            },
            rows: 0,
            out: if keep {
                Vec::with_capacity(out_width as usize * out_height as usize * 3)
            } else {
                Vec::new()
            },
            keep,
        }
    }

    /// Adds the next row (`width` pixels in `layout`).
    pub fn push_row(&mut self, row: &[u8], layout: Layout) -> Result<(), PhotoError> {
        if self.rows >= self.height {
            return Err(damaged("it holds more rows than its header says"));
        }
        self.rows += 1;
        if !self.keep {
            return Ok(());
        }
        let channels = layout.channels();
        let row = row
            .get(..self.width as usize * channels)
            .ok_or_else(|| damaged("a row is shorter than the picture is wide"))?;
        let k = self.k as usize;
        let cells = self.sums.chunks_exact_mut(3).zip(row.chunks(k * channels));
        // One loop per layout: this runs for every pixel of a 40-megapixel picture.
        match layout {
            Layout::Rgb => {
                for (cell, block) in cells {
                    for p in block.chunks_exact(3) {
                        cell[0] += u32::from(p[0]);
                        cell[1] += u32::from(p[1]);
                        cell[2] += u32::from(p[2]);
                    }
                }
            }
            Layout::Grey => {
                for (cell, block) in cells {
                    let sum: u32 = block.iter().map(|&v| u32::from(v)).sum();
                    cell[0] += sum;
                    cell[1] += sum;
                    cell[2] += sum;
                }
            }
            Layout::Rgba | Layout::GreyAlpha => {
                for (cell, block) in cells {
                    for pixel in block.chunks_exact(channels) {
                        let [r, g, b] = on_white(pixel, layout);
                        cell[0] += r;
                        cell[1] += g;
                        cell[2] += b;
                    }
                }
            }
        }
        if self.rows.is_multiple_of(self.k) || self.rows == self.height {
            self.flush();
        }
        Ok(())
    }

    /// Ends a band of rows: its averages become one row of the reduced copy.
    fn flush(&mut self) {
        let band = match self.rows % self.k {
            0 => self.k,
            rest => rest,
        };
        let k = self.k;
        let width = self.width;
        for (x, cell) in self.sums.chunks_exact_mut(3).enumerate() {
            let columns = (width - x as u32 * k).min(k);
            let count = columns * band;
            for sum in cell.iter_mut() {
                self.out.push(((*sum + count / 2) / count) as u8);
                *sum = 0;
            }
        }
    }

    /// The reduced copy (an empty 1 × 1 when only checking); every row must have come.
    pub fn finish(self) -> Result<RgbImage, PhotoError> {
        if self.rows != self.height {
            return Err(PhotoError::Truncated { format: "picture" });
        }
        if !self.keep {
            return Ok(RgbImage::new(1, 1));
        }
        let out_height = self.height.div_ceil(self.k);
        RgbImage::from_raw(self.out_width, out_height, self.out)
            .ok_or_else(|| damaged("its rows do not add up to its size"))
    }

    /// Adds every row of a decoded picture held whole.
    pub fn push_all(&mut self, pixels: &[u8], layout: Layout) -> Result<(), PhotoError> {
        let stride = self.width as usize * layout.channels();
        if stride == 0 {
            return Err(damaged("it has no pixels"));
        }
        for row in pixels.chunks_exact(stride).take(self.height as usize) {
            self.push_row(row, layout)?;
        }
        Ok(())
    }
}

fn damaged(detail: &str) -> PhotoError {
    PhotoError::Damaged {
        detail: detail.into(),
    }
}

/// One pixel as RGB, a transparent one laid on white.
fn on_white(pixel: &[u8], layout: Layout) -> [u32; 3] {
    match (layout, pixel) {
        (Layout::Grey, [v]) => [u32::from(*v); 3],
        (Layout::Rgb, [r, g, b]) => [u32::from(*r), u32::from(*g), u32::from(*b)],
        (Layout::GreyAlpha, [v, 255]) => [u32::from(*v); 3],
        (Layout::Rgba, [r, g, b, 255]) => [u32::from(*r), u32::from(*g), u32::from(*b)],
        (Layout::GreyAlpha, [v, a]) => [blend(*v, *a); 3],
        (Layout::Rgba, [r, g, b, a]) => [blend(*r, *a), blend(*g, *a), blend(*b, *a)],
        _ => [255; 3],
    }
}

/// `c` at opacity `a` over white.
fn blend(c: u8, a: u8) -> u32 {
    let (c, a) = (u32::from(c), u32::from(a));
    (c * a + 255 * (255 - a) + 127) / 255
}
