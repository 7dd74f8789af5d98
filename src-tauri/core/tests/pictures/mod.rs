//! Pictures made by the tests: good ones, and hostile ones written byte by byte.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Cursor, Write};

use image::{ImageFormat, Rgb, RgbImage};

fn encode(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    image.write_to(&mut Cursor::new(&mut out), format).unwrap();
    out
}

/// Red left half, blue right half.
pub fn jpeg_two_halves(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([230, 20, 20])
        } else {
            Rgb([20, 20, 230])
        }
    });
    encode(&image, ImageFormat::Jpeg)
}

fn noise(width: u32, height: u32) -> RgbImage {
    let mut state: u32 = 0x1234_5678;
    RgbImage::from_fn(width, height, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [a, b, c, _] = state.to_le_bytes();
        Rgb([a, b, c])
    })
}

/// A greyscale JPEG (one colour channel: its data is not interleaved).
pub fn jpeg_grey(width: u32, height: u32) -> Vec<u8> {
    let colour = noise(width, height);
    let image = image::GrayImage::from_fn(width, height, |x, y| {
        image::Luma([colour.get_pixel(x, y)[0] / 2 + (x % 128) as u8])
    });
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
        .unwrap();
    out
}

pub fn jpeg_noise(width: u32, height: u32) -> Vec<u8> {
    encode(&noise(width, height), ImageFormat::Jpeg)
}

pub fn png_noise(width: u32, height: u32) -> Vec<u8> {
    encode(&noise(width, height), ImageFormat::Png)
}

/// A smooth gradient, as PNG.
pub fn png_of(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    });
    encode(&image, ImageFormat::Png)
}

pub fn webp_of(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 90]));
    encode(&image, ImageFormat::WebP)
}

/// Inserts an EXIF APP1 segment holding only the orientation tag right after SOI.
pub fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // big endian, IFD0 at offset 8
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // count
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]); // value padding
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    app1(jpeg, &tiff)
}

/// Inserts an EXIF APP1 segment carrying a JPEG thumbnail (with its own SOS and EOI).
pub fn with_exif_thumbnail(jpeg: &[u8], thumbnail: &[u8]) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    tiff.extend_from_slice(&0u16.to_be_bytes()); // IFD0: no entries
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(thumbnail); // lies inside the segment, as cameras store it
    app1(jpeg, &tiff)
}

fn app1(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(tiff);
    let mut out = jpeg[..2].to_vec(); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

fn png_with_idat(width: u32, height: u32, color_type: u8, idat: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, color_type, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A well-formed PNG header claiming `width` × `height` RGB pixels, with a tiny IDAT.
pub fn png_claiming(width: u32, height: u32, idat: &[u8]) -> Vec<u8> {
    png_with_idat(width, height, 2, idat)
}

/// A grey PNG whose every pixel is 0: compresses about a thousand to one.
pub fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let row = vec![0u8; width as usize + 1]; // filter byte + pixels
    for _ in 0..height {
        encoder.write_all(&row).unwrap();
    }
    let idat = encoder.finish().unwrap();
    png_with_idat(width, height, 0, &idat)
}

/// A PNG written row by row (never held whole): `pixel(x, y)` gives each pixel's samples
/// (as many as the colour type has, 8 or 16 bits as `depth` says), in Adam7's seven passes when
/// `interlaced`. Rows use the Sub filter, so smooth pictures compress to little.
pub fn png_streamed(
    width: u32,
    height: u32,
    color_type: u8,
    depth: u8,
    interlaced: bool,
    pixel: impl Fn(u32, u32) -> Vec<u16>,
) -> Vec<u8> {
    let channels = match color_type {
        0 => 1,
        4 => 2,
        2 => 3,
        _ => 4,
    };
    let bytes_per_sample = usize::from(depth / 8);
    let bpp = channels * bytes_per_sample;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // (x step, x start, y step, y start) of each pass; one pass of every pixel when not interlaced.
    let passes: &[(u32, u32, u32, u32)] = if interlaced {
        &[
            (8, 0, 8, 0),
            (8, 4, 8, 0),
            (4, 0, 8, 4),
            (4, 2, 4, 0),
            (2, 0, 4, 2),
            (2, 1, 2, 0),
            (1, 0, 2, 1),
        ]
    } else {
        &[(1, 0, 1, 0)]
    };
    for &(xs, x0, ys, y0) in passes {
        let columns: Vec<u32> = (x0..width).step_by(xs as usize).collect();
        if columns.is_empty() {
            continue;
        }
        let mut row = vec![0u8; columns.len() * bpp];
        let mut filtered = vec![0u8; row.len() + 1];
        for y in (y0..height).step_by(ys as usize) {
            for (i, &x) in columns.iter().enumerate() {
                let samples = pixel(x, y);
                for (c, &sample) in samples.iter().enumerate().take(channels) {
                    let at = i * bpp + c * bytes_per_sample;
                    if depth == 16 {
                        row[at..at + 2].copy_from_slice(&sample.to_be_bytes());
                    } else {
                        row[at] = sample as u8;
                    }
                }
            }
            filtered[0] = 1; // Sub
            for i in 0..row.len() {
                let left = if i >= bpp { row[i - bpp] } else { 0 };
                filtered[i + 1] = row[i].wrapping_sub(left);
            }
            encoder.write_all(&filtered).unwrap();
        }
    }
    let idat = encoder.finish().unwrap();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[depth, color_type, 0, 0, u8::from(interlaced)]);
    chunk(&mut out, b"IHDR", &ihdr);
    for part in idat.chunks(1 << 20) {
        chunk(&mut out, b"IDAT", part);
    }
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A PNG with its header's width and height replaced (the checksum made right again).
pub fn png_with_size(png: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut out = png.to_vec();
    out[16..20].copy_from_slice(&width.to_be_bytes());
    out[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&out[12..29]);
    out[29..33].copy_from_slice(&crc.to_be_bytes());
    out
}

/// A progressive JPEG of a smooth picture, with the chroma sampling given.
pub fn jpeg_progressive(
    width: u16,
    height: u16,
    sampling: jpeg_encoder::SamplingFactor,
) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(usize::from(width) * usize::from(height) * 3);
    for y in 0..u32::from(height) {
        for x in 0..u32::from(width) {
            rgb.extend_from_slice(&[(x / 29) as u8, (y / 21) as u8, 90]);
        }
    }
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 80);
    encoder.set_progressive(true);
    encoder.set_sampling_factor(sampling);
    encoder
        .encode(&rgb, width, height, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

/// The picture fixtures (made by other encoders) in `tests/fixtures/photos`.
pub fn photo_fixture(name: &str) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photos");
    std::fs::read(dir.join(name)).unwrap()
}
