//! The join code: what a desk needs to find the team's book and trust its server, in one code
//! a person can read out, type or paste: the server's address and port, the database, and the
//! first 128 bits of the SHA-256 fingerprint of the server's certificate (no one can make
//! another certificate that matches them).
//!
//! Written in Crockford's base32 (digits and capital letters without I, L, O, U; read back
//! case-blind, with O read as 0 and I, L as 1), in groups of four, and ending in a 32-bit check:
//! a code typed wrong is refused as such instead of leading to a wrong server.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use sha2::{Digest, Sha256};

use crate::store::postgres::{Pin, ServerAddress, ServerError};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The code's layout version (its first byte).
const VERSION: u8 = 1;
/// Bytes of the certificate's fingerprint the code carries.
pub const PIN_BYTES: usize = 16;
const CHECK_BYTES: usize = 4;
/// The database a code without one names.
pub const DEFAULT_DATABASE: &str = "rapport";

/// A decoded join code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinCode {
    pub address: ServerAddress,
    /// The first [`PIN_BYTES`] of the certificate's SHA-256 fingerprint.
    pub pin: [u8; PIN_BYTES],
}

impl JoinCode {
    pub fn new(address: ServerAddress, fingerprint: &[u8; 32]) -> JoinCode {
        let mut pin = [0; PIN_BYTES];
        pin.copy_from_slice(&fingerprint[..PIN_BYTES]);
        JoinCode { address, pin }
    }

    pub fn pin(&self) -> Pin {
        Pin::Sha256(self.pin.to_vec())
    }

    /// The code, as printed: groups of four characters joined by dashes.
    pub fn encode(&self) -> Result<String, ServerError> {
        let mut bytes = vec![VERSION];
        match self.address.host.parse::<IpAddr>() {
            Ok(IpAddr::V4(ip)) => {
                bytes.push(4);
                bytes.extend(ip.octets());
            }
            Ok(IpAddr::V6(ip)) => {
                bytes.push(6);
                bytes.extend(ip.octets());
            }
            Err(_) => {
                let name = self.address.host.as_bytes();
                let len = u8::try_from(name.len())
                    .ok()
                    .filter(|&len| len > 0)
                    .ok_or_else(|| {
                        ServerError::Invalid(format!(
                            "The server name {:?} is too long for a join code; use its IP address.",
                            self.address.host
                        ))
                    })?;
                bytes.push(0);
                bytes.push(len);
                bytes.extend(name);
            }
        }
        bytes.extend(self.address.port.to_be_bytes());
        bytes.extend(self.pin);
        if self.address.database == DEFAULT_DATABASE {
            bytes.push(0);
        } else {
            let name = self.address.database.as_bytes();
            let len = u8::try_from(name.len()).map_err(|_| {
                ServerError::Invalid("The database name is too long for a join code.".into())
            })?;
            bytes.push(len);
            bytes.extend(name);
        }
        let check = Sha256::digest(&bytes);
        bytes.extend(&check[..CHECK_BYTES]);
        let text = to_base32(&bytes);
        Ok(text
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-"))
    }

    /// Reads a code as typed or pasted: case, dashes and spaces do not matter.
    pub fn decode(typed: &str) -> Result<JoinCode, ServerError> {
        let bad = |reason: String| ServerError::BadJoinCode { reason };
        let mut values = Vec::new();
        let mut position = 0;
        for c in typed.chars() {
            if c == '-' || c.is_whitespace() {
                continue;
            }
            position += 1;
            let value = match c.to_ascii_uppercase() {
                'O' => Some(0),
                'I' | 'L' => Some(1),
                upper => ALPHABET
                    .iter()
                    .position(|&a| char::from(a) == upper)
                    .and_then(|v| u8::try_from(v).ok()),
            };
            match value {
                Some(value) => values.push(value),
                None => {
                    return Err(bad(format!(
                        "cannot contain {c:?} (character {position}): join codes hold only the digits 0–9 and the letters A–Z except U. Check that part against the owner's screen."
                    )))
                }
            }
        }
        if values.is_empty() {
            return Err(bad(
                "is empty: type or paste the code `rapport server init` printed on the owner's screen."
                    .into(),
            ));
        }
        let mistyped = || {
            bad("has a typing mistake: its check does not add up. Compare it with the owner's screen character by character (O and 0 count the same, and so do I, L and 1).".into())
        };
        let bytes = from_base32(&values).ok_or_else(mistyped)?;
        let shortest = 1 + 1 + 4 + 2 + PIN_BYTES + 1 + CHECK_BYTES;
        if bytes.len() < shortest {
            return Err(bad(format!(
                "is too short ({} characters; a join code has at least {}): a part is missing. Copy it again from the owner's screen.",
                values.len(),
                (shortest * 8).div_ceil(5)
            )));
        }
        let (body, check) = bytes.split_at(bytes.len() - CHECK_BYTES);
        if Sha256::digest(body)[..CHECK_BYTES] != *check {
            return Err(mistyped());
        }
        let mut reader = Reader { bytes: body, at: 0 };
        let version = reader.byte().ok_or_else(mistyped)?;
        if version != VERSION {
            return Err(bad(
                "was made by a newer version of Rapport. Install the newer version on this desk, then join."
                    .into(),
            ));
        }
        let host = match reader.byte().ok_or_else(mistyped)? {
            4 => {
                let b = reader.take(4).ok_or_else(mistyped)?;
                Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string()
            }
            6 => {
                let b: [u8; 16] = reader
                    .take(16)
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(mistyped)?;
                Ipv6Addr::from(b).to_string()
            }
            0 => {
                let len = reader.byte().ok_or_else(mistyped)?;
                let name = reader.take(len.into()).ok_or_else(mistyped)?;
                String::from_utf8(name.to_vec()).map_err(|_| mistyped())?
            }
            _ => return Err(mistyped()),
        };
        let port = reader.take(2).ok_or_else(mistyped)?;
        let port = u16::from_be_bytes([port[0], port[1]]);
        let pin: [u8; PIN_BYTES] = reader
            .take(PIN_BYTES)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(mistyped)?;
        let database = match reader.byte().ok_or_else(mistyped)? {
            0 => DEFAULT_DATABASE.to_string(),
            len => String::from_utf8(reader.take(len.into()).ok_or_else(mistyped)?.to_vec())
                .map_err(|_| mistyped())?,
        };
        // Anything after the fields but before the check means the code is not what it says.
        if reader.at != body.len() {
            return Err(mistyped());
        }
        Ok(JoinCode {
            address: ServerAddress {
                host,
                port,
                database,
            },
            pin,
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }
}

fn to_base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Bytes from 5-bit values; the few bits left over at the end are padding, and must be zero
/// (otherwise the last character was mistyped). None then.
fn from_base32(values: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(values.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &value in values {
        buffer = (buffer << 5) | u32::from(value & 31);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xFF) as u8);
        }
    }
    (buffer & ((1 << bits) - 1) == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(host: &str, port: u16, database: &str) -> JoinCode {
        let fingerprint: [u8; 32] = Sha256::digest(b"a certificate").into();
        JoinCode::new(
            ServerAddress {
                host: host.into(),
                port,
                database: database.into(),
            },
            &fingerprint,
        )
    }

    #[test]
    fn a_code_reads_back_as_written() {
        for original in [
            code("192.168.1.20", 5432, "rapport"),
            code("fe80::1", 6543, "shop_book"),
            code("office-pc.local", 5432, "rapport"),
        ] {
            let text = original.encode().expect("encode");
            assert_eq!(JoinCode::decode(&text).expect("decode"), original);
            // Typed by hand: lower case, no dashes, O for 0 and l for 1.
            let typed = text
                .replace('-', " ")
                .to_lowercase()
                .replace('0', "o")
                .replace('1', "l");
            assert_eq!(JoinCode::decode(&typed).expect("decode typed"), original);
        }
        let text = code("192.168.1.20", 5432, "rapport")
            .encode()
            .expect("encode");
        assert_eq!(text.len(), 47 + 11, "{text}");
    }

    #[test]
    fn every_single_typo_is_caught() {
        let text = code("192.168.1.20", 5432, "rapport")
            .encode()
            .expect("encode");
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == '-' {
                continue;
            }
            for replacement in ALPHABET.iter().map(|&b| char::from(b)) {
                if replacement == c {
                    continue;
                }
                let mut typed = chars.clone();
                typed[i] = replacement;
                let typed: String = typed.into_iter().collect();
                let result = JoinCode::decode(&typed);
                assert!(
                    matches!(result, Err(ServerError::BadJoinCode { .. })),
                    "{typed} was taken"
                );
            }
        }
        // Two characters swapped, one left out.
        let mut swapped = chars.clone();
        swapped.swap(5, 6);
        let swapped: String = swapped.into_iter().collect();
        assert!(JoinCode::decode(&swapped).is_err());
        let short: String = text.chars().take(text.len() - 1).collect();
        assert!(JoinCode::decode(&short).is_err());
    }

    #[test]
    fn a_wrong_code_says_what_is_wrong() {
        let message = |typed: &str| JoinCode::decode(typed).err().map(|e| e.to_string());
        assert!(message("").is_some_and(|m| m.contains("is empty")));
        assert!(message("ABCD-EFUH").is_some_and(|m| m.contains("'U' (character 7)")));
        assert!(message("ABCD-EFGH").is_some_and(|m| m.contains("too short")));
        let text = code("10.0.0.2", 5432, "rapport").encode().expect("encode");
        let wrong = format!(
            "{}{}",
            &text[..text.len() - 1],
            if text.ends_with('0') { '1' } else { '0' }
        );
        assert!(message(&wrong).is_some_and(|m| m.contains("typing mistake")));
    }
}
