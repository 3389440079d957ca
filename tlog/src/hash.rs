//! RFC 9162 §2.1 Merkle tree hashing (SHA-256).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::Error;

/// Size in bytes of every hash in this crate.
pub const HASH_SIZE: usize = 32;

/// A SHA-256 hash: a leaf hash, an interior node hash or a tree root.
pub type Hash = [u8; HASH_SIZE];

/// The root of the empty tree: SHA-256 of the empty string
/// (`e3b0c442…52b855`), per RFC 9162 §2.1.1.
pub const EMPTY_ROOT: Hash = [
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24, 0x27, 0xae, 0x41,
    0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
];

/// Leaf hash of a log entry: `SHA-256(0x00 || entry)`.
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(entry);
    h.finalize().into()
}

/// Interior node hash: `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut buf = [0u8; 1 + 2 * HASH_SIZE];
    buf[0] = 0x01;
    buf[1..1 + HASH_SIZE].copy_from_slice(left);
    buf[1 + HASH_SIZE..].copy_from_slice(right);
    Sha256::digest(buf).into()
}

/// Merkle Tree Hash (RFC 9162 §2.1.1) of a complete list of leaf hashes.
///
/// The empty list hashes to [`EMPTY_ROOT`]; otherwise the list is split at
/// the largest power of two smaller than its length. Runs in O(n) hashes.
pub fn root(leaf_hashes: &[Hash]) -> Hash {
    if leaf_hashes.is_empty() {
        return EMPTY_ROOT;
    }
    mth(leaf_hashes)
}

/// MTH of a non-empty slice.
pub(crate) fn mth(leaves: &[Hash]) -> Hash {
    if leaves.len() == 1 {
        return leaves[0];
    }
    let k = split_point(leaves.len() as u64) as usize;
    node_hash(&mth(&leaves[..k]), &mth(&leaves[k..]))
}

/// The largest power of two strictly smaller than `n` (for `n >= 2`).
pub(crate) fn split_point(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1u64 << (63 - (n - 1).leading_zeros())
}

/// Standard base64 (RFC 4648 §4, padded) of a hash, as used in checkpoints
/// and tlog-proof documents.
pub fn encode_hash(hash: &Hash) -> String {
    STANDARD.encode(hash)
}

/// Parses the canonical standard-base64 encoding of a 32-byte hash.
pub fn decode_hash(s: &str) -> Result<Hash, Error> {
    let bytes = decode_base64(s).ok_or(Error::MalformedHash)?;
    Hash::try_from(bytes.as_slice()).map_err(|_| Error::MalformedHash)
}

/// Strict standard base64 decoding: padding required, no trailing bits,
/// no whitespace. `None` on any deviation.
pub(crate) fn decode_base64(s: &str) -> Option<Vec<u8>> {
    STANDARD.decode(s).ok()
}

/// Parses an ASCII decimal with no sign and no leading zeroes (except "0").
pub(crate) fn parse_decimal(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if s.len() > 1 && s.starts_with('0') {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_point_is_largest_power_below() {
        for n in 2u64..2000 {
            let k = split_point(n);
            assert!(k.is_power_of_two() && k < n && 2 * k >= n, "n={n} k={k}");
        }
        assert_eq!(split_point(u64::MAX), 1 << 63);
    }

    #[test]
    fn decimal_is_strict() {
        assert_eq!(parse_decimal("0"), Some(0));
        assert_eq!(parse_decimal("10"), Some(10));
        assert_eq!(parse_decimal("18446744073709551615"), Some(u64::MAX));
        for bad in ["", "00", "01", "+1", "-1", " 1", "1 ", "1_0", "18446744073709551616", "１"] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn hash_base64_is_strict() {
        let h = leaf_hash(b"x");
        assert_eq!(decode_hash(&encode_hash(&h)).unwrap(), h);
        let good = encode_hash(&h);
        assert!(decode_hash(&good[..43]).is_err(), "missing padding");
        assert!(decode_hash(&format!("{good}\n")).is_err());
        assert!(decode_hash(&format!(" {good}")).is_err());
        // Non-canonical: last symbol carries trailing bits that must be zero.
        let mut nc = good.clone().into_bytes();
        let last = nc[42];
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let pos = alphabet.iter().position(|&c| c == last).unwrap();
        nc[42] = alphabet[(pos & !3) | ((pos + 1) & 3)];
        assert!(decode_hash(std::str::from_utf8(&nc).unwrap()).is_err());
        // 31 and 33 bytes.
        assert!(decode_hash(&STANDARD.encode([0u8; 31])).is_err());
        assert!(decode_hash(&STANDARD.encode([0u8; 33])).is_err());
    }
}
