//! RFC 6238 time-based one-time codes (SHA-1, six digits, 30-second steps) for
//! the officials' second factor.

use hmac::{Hmac, Mac};

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn decode_base32(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|c| *c != b'=' && *c != b' ') {
        let v = ALPHABET.iter().position(|a| *a == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push((buffer >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// The code for a time step.
pub fn code_at(secret: &[u8], step: u64) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let n = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    format!("{:06}", n % 1_000_000)
}

/// The current code for a base32 secret (for tests and set-up screens).
pub fn current(secret_base32: &str, unix_secs: u64) -> String {
    code_at(&decode_base32(secret_base32).unwrap_or_default(), unix_secs / 30)
}

/// The time step a code belongs to, if it is this step's or the one before (a
/// code typed as the step turned over; RFC 6238 section 5.2 allows one step of
/// delay and no more). The caller accepts a step only once per account.
pub fn accepted_step(secret_base32: &str, code: &str, unix_secs: u64) -> Option<u64> {
    let secret = decode_base32(secret_base32)?;
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let step = unix_secs / 30;
    [step, step.saturating_sub(1)].into_iter().find(|s| code_at(&secret, *s) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_test_vectors() {
        // RFC 6238 appendix B, SHA-1, eight digits truncated to six.
        let secret = b"12345678901234567890";
        assert_eq!(code_at(secret, 59 / 30), "287082");
        assert_eq!(code_at(secret, 1_111_111_109 / 30), "081804");
        assert_eq!(code_at(secret, 2_000_000_000 / 30), "279037");
    }

    #[test]
    fn base32_round_trips() {
        let bytes = b"any twenty bytes....";
        assert_eq!(decode_base32(&base32(bytes)).unwrap(), bytes);
        assert_eq!(base32(b"12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn codes_of_this_step_and_the_one_before_only() {
        let secret = base32(b"12345678901234567890");
        let now = 1_700_000_000;
        assert_eq!(accepted_step(&secret, &current(&secret, now), now), Some(now / 30));
        assert_eq!(accepted_step(&secret, &current(&secret, now - 30), now), Some(now / 30 - 1));
        assert_eq!(accepted_step(&secret, &current(&secret, now + 30), now), None);
        assert_eq!(accepted_step(&secret, &current(&secret, now - 90), now), None);
        assert_eq!(accepted_step(&secret, "12345", now), None);
    }
}
