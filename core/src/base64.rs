//! URL-safe base64 with `=` padding (RFC 4648 §5), as the Python tracker's `urlsafe_b64encode`.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn sextet(n: u32, shift: u32) -> u8 {
    // n >> shift & 63 is always < 64, so the lookup cannot miss; b'A' keeps it panic-free.
    ALPHABET.get(((n >> shift) & 63) as usize).copied().unwrap_or(b'A')
}

/// Encode bytes as URL-safe base64 with padding.
pub fn encode(input: &[u8]) -> String {
    let mut out = String::new();
    encode_into(&mut out, input);
    out
}

/// Append the URL-safe base64 (with padding) of `input` to `out`.
pub fn encode_into(out: &mut String, input: &[u8]) {
    let mut bytes = std::mem::take(out).into_bytes();
    bytes.reserve(input.len().div_ceil(3) * 4);
    encode_bytes(&mut bytes, input);
    // The buffer was a String and only alphabet bytes were added: always valid UTF-8.
    *out = String::from_utf8(bytes).unwrap_or_default();
}

fn encode_bytes(out: &mut Vec<u8>, input: &[u8]) {
    let start = out.len();
    out.resize(start + input.len().div_ceil(3) * 4, b'=');
    let Some(dst) = out.get_mut(start..) else { return };
    // Whole quads written in place: no call per byte, which matters at opt-level "z".
    for (quad, chunk) in dst.chunks_exact_mut(4).zip(input.chunks(3)) {
        let (n, len) = match *chunk {
            [a, b, c] => (u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c), 4),
            [a, b] => (u32::from(a) << 16 | u32::from(b) << 8, 3),
            [a] => (u32::from(a) << 16, 2),
            _ => (0, 0),
        };
        if let [q0, q1, q2, q3] = quad {
            *q0 = sextet(n, 18);
            *q1 = sextet(n, 12);
            if len > 2 {
                *q2 = sextet(n, 6);
            }
            if len > 3 {
                *q3 = sextet(n, 0);
            }
        }
    }
}

/// Decode URL-safe or standard base64 (padding optional); `None` on a character outside both
/// alphabets.
pub fn decode(input: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in input.bytes().filter(|&b| b != b'=') {
        let b = match b {
            b'+' => b'-',
            b'/' => b'_',
            _ => b,
        };
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
        // Both alphabets decode alike (collectors take either); anything else is refused.
        assert_eq!(decode("-_8"), decode("+/8"));
        assert_eq!(decode("a*b"), None);
    }
}
