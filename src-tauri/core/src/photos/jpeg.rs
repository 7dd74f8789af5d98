//! A second look at a JPEG before it is trusted, and decoding a large one at a fraction of its
//! size. A format parser (JPEG's markers and entropy-coded data), long by nature.
//!
//! JPEG decoders are lenient on purpose: bytes overwritten in the middle of a picture decode
//! without an error into grey, smeared or shifted blocks. [`check_entropy_data`] walks the
//! compressed data of a baseline JPEG symbol by symbol (Huffman codes only, no pixels, no memory
//! beyond the tables) and checks it ends exactly where the file says each part ends: at every
//! restart marker and at the end of each scan. Damaged data almost never lines up again, so a
//! picture damaged anywhere in its data is refused. The DC value of each block is followed too:
//! it must stay within what 8-bit pixels can have. Progressive JPEGs are walked the same way,
//! except their AC refinement scans (whose codes depend on every earlier scan), which get the
//! marker-level check (only stuffed bytes and restart markers in order).

use std::io::Cursor;

use image::{DynamicImage, RgbImage};

/// Why the data of a JPEG cannot be right; for the message, and the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage(pub String);

fn damaged<T>(what: impl Into<String>) -> Result<T, Damage> {
    Err(Damage(what.into()))
}

/// A Huffman table in the form decoders use: a 9-bit lookahead and, for longer codes, the
/// canonical code ranges by length.
#[derive(Clone)]
struct Huffman {
    /// (symbol, code length) for every 9-bit prefix; length 0: the code is longer.
    fast: Vec<(u8, u8)>,
    /// For each length 1..=16: the largest code of that length (-1 when none), and the index of
    /// its first symbol minus its first code.
    max_code: [i32; 17],
    offset: [i32; 17],
    symbols: Vec<u8>,
}

const FAST_BITS: u32 = 9;

impl Huffman {
    fn new(counts: &[u8; 16], symbols: Vec<u8>) -> Result<Huffman, Damage> {
        let mut fast = vec![(0u8, 0u8); 1 << FAST_BITS];
        let mut max_code = [-1i32; 17];
        let mut offset = [0i32; 17];
        let mut code: i32 = 0;
        let mut k: usize = 0;
        for len in 1..=16usize {
            let count = usize::from(counts[len - 1]);
            offset[len] = k as i32 - code;
            for _ in 0..count {
                let symbol = *symbols
                    .get(k)
                    .ok_or_else(|| Damage("a code table is cut short".into()))?;
                if len as u32 <= FAST_BITS {
                    let shift = FAST_BITS - len as u32;
                    let first = (code as usize) << shift;
                    for slot in fast.iter_mut().skip(first).take(1 << shift) {
                        *slot = (symbol, len as u8);
                    }
                }
                code += 1;
                k += 1;
            }
            if count > 0 {
                max_code[len] = code - 1;
            }
            if code > (1 << len) {
                return damaged("a code table holds more codes than fit");
            }
            code <<= 1;
        }
        Ok(Huffman {
            fast,
            max_code,
            offset,
            symbols,
        })
    }
}

/// Reads the entropy-coded bits of one interval: stuffed `FF 00` is a data byte, any other
/// marker ends the data (bits after it read as "phantom" zeros, which the checks refuse).
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    acc: u64,
    n: u32,
    phantom: u32,
    /// Where the marker that ends this interval starts, once reached.
    marker_at: Option<usize>,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8], pos: usize) -> Bits<'a> {
        Bits {
            data,
            pos,
            acc: 0,
            n: 0,
            phantom: 0,
            marker_at: None,
        }
    }

    fn fill(&mut self) {
        while self.n <= 56 {
            let byte = if self.marker_at.is_some() {
                self.phantom += 8;
                0
            } else {
                match self.data.get(self.pos) {
                    None => {
                        self.marker_at = Some(self.pos);
                        continue;
                    }
                    Some(0xFF) if self.data.get(self.pos + 1) == Some(&0) => {
                        self.pos += 2;
                        0xFF
                    }
                    Some(0xFF) => {
                        self.marker_at = Some(self.pos);
                        continue;
                    }
                    Some(&b) => {
                        self.pos += 1;
                        b
                    }
                }
            };
            self.acc |= u64::from(byte) << (56 - self.n);
            self.n += 8;
        }
    }

    fn bits(&mut self, count: u32) -> u32 {
        if count == 0 {
            return 0;
        }
        if self.n < count {
            self.fill();
        }
        let value = (self.acc >> (64 - count)) as u32;
        self.acc <<= count;
        self.n -= count;
        value
    }

    fn decode(&mut self, table: &Huffman) -> Result<u8, Damage> {
        if self.n < 16 {
            self.fill();
        }
        let peek = (self.acc >> (64 - FAST_BITS)) as usize;
        let (symbol, len) = table.fast[peek];
        if len > 0 {
            self.acc <<= len;
            self.n -= u32::from(len);
            return Ok(symbol);
        }
        let mut code: i32 = 0;
        for len in 1..=16usize {
            code = (code << 1) | self.bits(1) as i32;
            if code <= table.max_code[len] {
                let index = (code + table.offset[len]) as usize;
                return table
                    .symbols
                    .get(index)
                    .copied()
                    .ok_or_else(|| Damage("a code points outside its table".into()));
            }
        }
        damaged("the data holds a code no table has")
    }

    /// Zero bits past the end of the data were needed.
    fn overran(&self) -> bool {
        self.n < self.phantom
    }

    /// At the end of an interval: the data must end here (up to the padding of its last byte)
    /// and no bit past it may have been used. Returns where the next marker starts.
    fn finish(&mut self) -> Result<usize, Damage> {
        self.fill();
        let Some(at) = self.marker_at else {
            return damaged("there is more data than the picture uses");
        };
        if self.overran() {
            return damaged("the picture uses more data than there is");
        }
        // Padding to a whole byte, and at most one spare byte some encoders leave.
        if self.n - self.phantom >= 16 {
            return damaged("there is more data than the picture uses");
        }
        Ok(at)
    }
}

struct Component {
    id: u8,
    h: usize,
    v: usize,
    /// Its quantisation table.
    tq: usize,
}

fn u16_at(data: &[u8], at: usize) -> Result<usize, Damage> {
    match data.get(at..at + 2) {
        Some(b) => Ok(usize::from(u16::from_be_bytes([b[0], b[1]]))),
        None => damaged("the file ends inside a header"),
    }
}

/// The marker at `at` (after any fill bytes): (marker, position after it).
fn marker(data: &[u8], mut at: usize) -> Result<(u8, usize), Damage> {
    if data.get(at) != Some(&0xFF) {
        return damaged("a header is missing where one must be");
    }
    while data.get(at) == Some(&0xFF) {
        at += 1;
    }
    match data.get(at) {
        Some(&m) if m != 0 => Ok((m, at + 1)),
        _ => damaged("a header is missing where one must be"),
    }
}

/// Walks every scan of the JPEG in `data`; an error says how its data is damaged.
pub fn check_entropy_data(data: &[u8]) -> Result<(), Damage> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return damaged("it does not start as a JPEG does");
    }
    let mut at = 2;
    let mut dc: [Option<Huffman>; 4] = [None, None, None, None];
    let mut ac: [Option<Huffman>; 4] = [None, None, None, None];
    let mut frame: Option<(usize, usize, Vec<Component>, bool)> = None;
    // The first (DC) step of each quantisation table, for 8-bit pictures.
    let mut dc_step: [Option<i32>; 4] = [None; 4];
    let mut eight_bit = false;
    let mut restart_interval = 0usize;
    let mut scans = 0usize;
    loop {
        let (m, after) = marker(data, at)?;
        match m {
            0xD9 => {
                return if scans == 0 {
                    damaged("it holds no picture data")
                } else {
                    Ok(())
                };
            }
            0xD0..=0xD7 | 0x01 => {
                at = after;
                continue;
            }
            _ => {}
        }
        let len = u16_at(data, after)?;
        if len < 2 {
            return damaged("a header has an impossible length");
        }
        let body = data
            .get(after + 2..after + len)
            .ok_or_else(|| Damage("the file ends inside a header".into()))?;
        let next = after + len;
        match m {
            // Baseline, extended sequential and progressive Huffman frames.
            0xC0..=0xC2 => {
                if body.len() < 6 {
                    return damaged("the picture header is too short");
                }
                eight_bit = body[0] == 8;
                let height = usize::from(u16::from_be_bytes([body[1], body[2]]));
                let width = usize::from(u16::from_be_bytes([body[3], body[4]]));
                let count = usize::from(body[5]);
                let mut components = Vec::with_capacity(count);
                for i in 0..count {
                    let c = body
                        .get(6 + i * 3..9 + i * 3)
                        .ok_or_else(|| Damage("the picture header is too short".into()))?;
                    let (h, v) = (usize::from(c[1] >> 4), usize::from(c[1] & 15));
                    if !(1..=4).contains(&h) || !(1..=4).contains(&v) {
                        return damaged("the picture header has impossible sampling");
                    }
                    components.push(Component {
                        id: c[0],
                        h,
                        v,
                        tq: usize::from(c[2] & 3),
                    });
                }
                if width == 0 || height == 0 || components.is_empty() {
                    return damaged("the picture header is empty");
                }
                frame = Some((width, height, components, m == 0xC2));
            }
            // Lossless or arithmetic-coded: rare, left to the decoder.
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => return Ok(()),
            0xC4 => {
                let mut rest = body;
                while !rest.is_empty() {
                    let class_id = rest[0];
                    let counts: [u8; 16] = rest
                        .get(1..17)
                        .and_then(|c| c.try_into().ok())
                        .ok_or_else(|| Damage("a code table is cut short".into()))?;
                    let total: usize = counts.iter().map(|&c| usize::from(c)).sum();
                    let symbols = rest
                        .get(17..17 + total)
                        .ok_or_else(|| Damage("a code table is cut short".into()))?
                        .to_vec();
                    let table = Huffman::new(&counts, symbols)?;
                    let slot = usize::from(class_id & 3);
                    if class_id >> 4 == 0 {
                        dc[slot] = Some(table);
                    } else {
                        ac[slot] = Some(table);
                    }
                    rest = &rest[17 + total..];
                }
            }
            0xDD => restart_interval = u16_at(data, after + 2)?,
            0xDB => {
                let mut rest = body;
                while let Some(&pq_tq) = rest.first() {
                    let wide = pq_tq >> 4 == 1;
                    let size = if wide { 129 } else { 65 };
                    let table = rest
                        .get(..size)
                        .ok_or_else(|| Damage("a quantisation table is cut short".into()))?;
                    let first = if wide {
                        i32::from(u16::from_be_bytes([table[1], table[2]]))
                    } else {
                        i32::from(table[1])
                    };
                    dc_step[usize::from(pq_tq & 3)] = Some(first);
                    rest = &rest[size..];
                }
            }
            0xDA => {
                scans += 1;
                let Some((width, height, components, progressive)) = &frame else {
                    return damaged("picture data comes before the picture header");
                };
                let count = usize::from(*body.first().unwrap_or(&0));
                let mut scan = Vec::with_capacity(count);
                for i in 0..count {
                    let s = body
                        .get(1 + i * 2..3 + i * 2)
                        .ok_or_else(|| Damage("a scan header is too short".into()))?;
                    let index = components
                        .iter()
                        .position(|c| c.id == s[0])
                        .ok_or_else(|| Damage("a scan names a colour nobody declared".into()))?;
                    scan.push((index, usize::from(s[1] >> 4), usize::from(s[1] & 15)));
                }
                let tail = body
                    .get(1 + count * 2..4 + count * 2)
                    .ok_or_else(|| Damage("a scan header is too short".into()))?;
                let spectral = if *progressive {
                    Spectral {
                        ss: usize::from(tail[0]),
                        se: usize::from(tail[1]),
                        ah: tail[2] >> 4,
                        al: tail[2] & 15,
                    }
                } else {
                    // Sequential: every coefficient, whatever the header says.
                    Spectral {
                        ss: 0,
                        se: 63,
                        ah: 0,
                        al: 0,
                    }
                };
                let ctx = Scan {
                    width: *width,
                    height: *height,
                    components,
                    scan: &scan,
                    dc: &dc,
                    ac: &ac,
                    restart_interval,
                    dc_step: if eight_bit { dc_step } else { [None; 4] },
                    progressive: *progressive,
                    spectral,
                };
                at = ctx.walk(data, next)?;
                continue;
            }
            _ => {}
        }
        at = next;
    }
}

struct Scan<'a> {
    width: usize,
    height: usize,
    components: &'a [Component],
    /// (component index, DC table, AC table)
    scan: &'a [(usize, usize, usize)],
    dc: &'a [Option<Huffman>; 4],
    ac: &'a [Option<Huffman>; 4],
    restart_interval: usize,
    /// The DC quantisation step per table (8-bit pictures only): an average brightness outside
    /// what 8-bit pixels can have means the data went wrong.
    dc_step: [Option<i32>; 4],
    progressive: bool,
    spectral: Spectral,
}

/// Which coefficients a scan carries (`ss..=se`) and, in progressive JPEGs, which bits of them
/// (`ah`: the earlier bit position, 0 on the first pass; `al`: the shift).
#[derive(Clone, Copy)]
struct Spectral {
    ss: usize,
    se: usize,
    ah: u8,
    al: u8,
}

impl Scan<'_> {
    fn walk(&self, data: &[u8], start: usize) -> Result<usize, Damage> {
        let Spectral { ss, se, ah, al } = self.spectral;
        if se > 63 || ss > se || (self.progressive && ss == 0 && se != 0) {
            return damaged("a scan header is impossible");
        }
        // A refinement scan's codes depend on every earlier scan: only its markers are checked.
        if self.progressive && ss > 0 && ah > 0 {
            return check_markers_only(data, start, self.restart_interval);
        }
        let h_max = self.components.iter().map(|c| c.h).max().unwrap_or(1);
        let v_max = self.components.iter().map(|c| c.v).max().unwrap_or(1);
        let needs_dc = ss == 0 && ah == 0;
        let needs_ac = se > 0;
        let mut parts = Vec::new();
        for &(index, dc, ac) in self.scan {
            let dc = self.dc.get(dc).and_then(Option::as_ref);
            let ac = self.ac.get(ac).and_then(Option::as_ref);
            if (needs_dc && dc.is_none()) || (needs_ac && ac.is_none()) {
                return damaged("a scan uses a code table nobody declared");
            }
            parts.push((index, dc, ac));
        }
        if self.progressive && needs_ac && parts.len() != 1 {
            return damaged("a scan header is impossible");
        }
        let mcus = if let [(index, _, _)] = parts[..] {
            // One colour alone: every block is an MCU.
            let c = &self.components[index];
            let w = (self.width * c.h).div_ceil(h_max).div_ceil(8);
            let h = (self.height * c.v).div_ceil(v_max).div_ceil(8);
            w * h
        } else {
            self.width.div_ceil(8 * h_max) * self.height.div_ceil(8 * v_max)
        };
        let mut bits = Bits::new(data, start);
        let mut next_rst = 0u8;
        let mut brightness = vec![0i32; parts.len()];
        // Progressive: how many more blocks have nothing in this band (an end-of-band run).
        let mut eob_run = 0u32;
        for mcu in 0..mcus {
            if self.restart_interval > 0 && mcu > 0 && mcu % self.restart_interval == 0 {
                if eob_run > 0 {
                    return damaged("an end-of-band run crosses a restart marker");
                }
                let at = bits.finish()?;
                let (m, after) = marker(data, at)?;
                if m != 0xD0 + next_rst {
                    return damaged(format!(
                        "a restart marker is missing or out of order (RST{next_rst} expected)"
                    ));
                }
                next_rst = (next_rst + 1) % 8;
                bits = Bits::new(data, after);
                brightness.iter_mut().for_each(|b| *b = 0);
            }
            for (part, &(index, dc, ac)) in parts.iter().enumerate() {
                let c = &self.components[index];
                let blocks = if parts.len() == 1 { 1 } else { c.h * c.v };
                for _ in 0..blocks {
                    if let (true, Some(dc)) = (needs_dc, dc) {
                        let size = bits.decode(dc)?;
                        if size > 16 {
                            return damaged("a brightness step is impossible");
                        }
                        let raw = bits.bits(u32::from(size)) as i32;
                        let step = match size {
                            0 => 0,
                            _ if raw < 1 << (size - 1) => raw - (1 << size) + 1,
                            _ => raw,
                        };
                        brightness[part] = brightness[part].saturating_add(step);
                        if let Some(q) = self.dc_step[c.tq] {
                            // 8-bit blocks average between -1024 and 1016 (times 8, shifted).
                            let value = brightness[part]
                                .saturating_abs()
                                .saturating_mul(1 << al.min(15));
                            if value.saturating_mul(q) > 1024 + q {
                                return damaged("a block is brighter or darker than pixels can be");
                            }
                        }
                    } else if ss == 0 {
                        // A DC refinement: one bit a block.
                        bits.bits(1);
                    }
                    let Some(ac) = ac.filter(|_| needs_ac) else {
                        continue;
                    };
                    if eob_run > 0 {
                        eob_run -= 1;
                        continue;
                    }
                    let mut k = ss.max(1);
                    while k <= se {
                        let rs = bits.decode(ac)?;
                        let (run, size) = (u32::from(rs >> 4), u32::from(rs & 15));
                        if size == 0 {
                            if run == 15 {
                                k += 16;
                                continue;
                            }
                            if self.progressive {
                                // EOBn: this block and 2^n - 1 (+ n more bits) after it are done.
                                eob_run = (1u32 << run) - 1 + bits.bits(run);
                            }
                            break;
                        }
                        k += run as usize;
                        if k > se {
                            return damaged("a block holds more than 64 values");
                        }
                        bits.bits(size);
                        k += 1;
                    }
                    if k > se + 1 {
                        return damaged("a block holds more than 64 values");
                    }
                }
                if bits.overran() {
                    return damaged("the picture uses more data than there is");
                }
            }
        }
        if eob_run > 0 {
            return damaged("an end-of-band run goes past the picture");
        }
        bits.finish()
    }
}

/// A progressive scan: inside the data only stuffed bytes and restart markers in order.
fn check_markers_only(data: &[u8], start: usize, restart_interval: usize) -> Result<usize, Damage> {
    let mut at = start;
    let mut next_rst = 0u8;
    loop {
        let Some(offset) = data
            .get(at..)
            .and_then(|d| d.iter().position(|&b| b == 0xFF))
        else {
            return damaged("the picture data has no end");
        };
        at += offset;
        match data.get(at + 1) {
            Some(0) => at += 2,
            Some(&m @ 0xD0..=0xD7) => {
                if restart_interval == 0 || m != 0xD0 + next_rst {
                    return damaged("a restart marker is out of order");
                }
                next_rst = (next_rst + 1) % 8;
                at += 2;
            }
            // Fill bytes before a marker.
            Some(0xFF) => at += 1,
            Some(0xD9 | 0xDA | 0xC4 | 0xDD | 0xDB | 0xFE | 0xE0..=0xEF) => return Ok(at),
            _ => return damaged("a header appears inside the picture data"),
        }
    }
}

/// The smallest of 1/8, 1/4 or 1/2 of the picture whose longer side is still at least 7/8 of
/// `side` (a 12-megapixel photo is stored 2000 pixels wide instead of 2048: no one can tell, and
/// it needs a quarter of the memory); `None` when even half would be smaller.
pub fn reduced_size(width: u32, height: u32, side: u32) -> Option<(u16, u16)> {
    let long = width.max(height);
    let enough = side - side / 8;
    let divisor = [8, 4, 2].into_iter().find(|d| long / d >= enough)?;
    let scaled = |v: u32| v.div_ceil(divisor).clamp(1, u32::from(u16::MAX)) as u16;
    Some((scaled(width), scaled(height)))
}

/// Decodes a JPEG at a fraction of its size (DCT scaling: the reduced picture is computed
/// directly, the full one never exists). RGB or greyscale JPEGs only; `None` for others
/// (CMYK), which the caller decodes the ordinary way.
pub fn decode_reduced(
    data: &[u8],
    width: u32,
    height: u32,
    side: u32,
    max_memory: u64,
) -> Result<Option<DynamicImage>, String> {
    let Some((w, h)) = reduced_size(width, height, side) else {
        return Ok(None);
    };
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(data));
    decoder.set_max_decoding_buffer_size(usize::try_from(max_memory).unwrap_or(usize::MAX));
    decoder.read_info().map_err(|e| e.to_string())?;
    let format = decoder.info().map(|i| i.pixel_format);
    if !matches!(
        format,
        Some(jpeg_decoder::PixelFormat::RGB24 | jpeg_decoder::PixelFormat::L8)
    ) {
        return Ok(None);
    }
    let (sw, sh) = decoder.scale(w, h).map_err(|e| e.to_string())?;
    let pixels = decoder.decode().map_err(|e| e.to_string())?;
    let (sw, sh) = (u32::from(sw), u32::from(sh));
    Ok(match format {
        Some(jpeg_decoder::PixelFormat::L8) => {
            image::GrayImage::from_raw(sw, sh, pixels).map(DynamicImage::ImageLuma8)
        }
        _ => RgbImage::from_raw(sw, sh, pixels).map(DynamicImage::ImageRgb8),
    })
}
