//! URL-safe base64 with `=` padding (RFC 4648 §5), as the Python tracker's `urlsafe_b64encode`.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn sextet(n: u32, shift: u32) -> u8 {
    // n >> shift & 63 is always < 64, so the lookup cannot miss; b'A' keeps it panic-free.
    ALPHABET.get(((n >> shift) & 63) as usize).copied().unwrap_or(b'A')
}

/// Encode bytes as URL-safe base64 with padding.
pub fn encode(input: &[u8]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(input.len().div_ceil(3) * 4);
    let mut chunks = input.chunks_exact(3);
    for c in &mut chunks {
        if let [a, b, d] = *c {
            let n = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(d);
            out.extend_from_slice(&[sextet(n, 18), sextet(n, 12), sextet(n, 6), sextet(n, 0)]);
        }
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend_from_slice(&[sextet(n, 18), sextet(n, 12), b'=', b'=']);
        }
        [a, b] => {
            let n = u32::from(a) << 16 | u32::from(b) << 8;
            out.extend_from_slice(&[sextet(n, 18), sextet(n, 12), sextet(n, 6), b'=']);
        }
        _ => {}
    }
    // Only alphabet bytes were written, so this is always valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Decode URL-safe base64 (padding optional); `None` on a character outside the alphabet.
pub fn decode(input: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in input.bytes().filter(|&b| b != b'=') {
        let v = ALPHABET.iter().position(|&a| a == b)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors_with_padding() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "Zg==");
        assert_eq!(encode(b"fo"), "Zm8=");
        assert_eq!(encode(b"foo"), "Zm9v");
        assert_eq!(encode(b"foobar"), "Zm9vYmFy");
        // URL-safe alphabet: 0xfb 0xff -> "-_8="
        assert_eq!(encode(&[0xfb, 0xff]), "-_8=");
    }

    #[test]
    fn round_trips_unicode_and_binary() {
        let text = "{\"schema\":\"iglu:x\",\"data\":{\"k\":\"çà 🌍 &=+/?#\"}}";
        assert_eq!(decode(&encode(text.as_bytes())).as_deref(), Some(text.as_bytes()));
        let all: Vec<u8> = (0..=255).collect();
        for len in 0..all.len() {
            let slice = all.get(..len).unwrap_or_default();
            assert_eq!(decode(&encode(slice)).as_deref(), Some(slice));
        }
        assert_eq!(decode("a+b"), None);
    }
}
