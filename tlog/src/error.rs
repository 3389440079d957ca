//! The crate-wide error type.

use std::fmt;

/// Everything that can go wrong in this crate.
///
/// Parsing functions never panic on malformed input; they return one of
/// these variants instead.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A leaf index was not smaller than the tree size.
    IndexOutOfRange {
        /// The offending index.
        index: u64,
        /// The tree size it was checked against.
        size: u64,
    },
    /// An old tree size was larger than the new one.
    SizeOrder {
        /// The old (smaller) tree size.
        old_size: u64,
        /// The new (larger) tree size.
        new_size: u64,
    },
    /// A tree size beyond what the stored-hash numbering supports
    /// ([`crate::stored::MAX_TREE_SIZE`]).
    TreeTooLarge(u64),
    /// A Merkle proof did not verify; the text says which check failed.
    InvalidProof(&'static str),
    /// A [`crate::stored::HashReader`] has no hash at this stored-hash index.
    MissingHash(u64),
    /// A [`crate::stored::HashReader`] returned the wrong number of hashes.
    ReaderCount {
        /// Number of hashes asked for.
        expected: usize,
        /// Number of hashes returned.
        got: usize,
    },
    /// An error from the storage behind a [`crate::stored::HashReader`].
    Storage(Box<dyn std::error::Error + Send + Sync + 'static>),
    /// A tile that is out of range (bad level, width, or beyond any tree).
    InvalidTile(&'static str),
    /// An entry bundle could not be built or parsed.
    InvalidBundle(&'static str),
    /// A base64 hash that is not the canonical encoding of 32 bytes.
    MalformedHash,
    /// A checkpoint body that does not follow c2sp.org/tlog-checkpoint.
    MalformedCheckpoint(&'static str),
    /// A signed note that does not follow c2sp.org/signed-note.
    MalformedNote(&'static str),
    /// A key name that is empty or contains spaces, `+` or control characters.
    InvalidKeyName,
    /// A verifier key or signer key string that cannot be parsed.
    MalformedKey(&'static str),
    /// The key ID written in a key string does not match the key.
    KeyIdMismatch,
    /// A signature type byte this crate does not implement.
    UnsupportedKeyType(u8),
    /// The operation needs a key of another type (e.g. a cosigner key
    /// passed where a plain Ed25519 note key is needed).
    WrongKeyType,
    /// Two configured verifiers share both name and key ID.
    AmbiguousKey {
        /// The shared key name.
        name: String,
        /// The shared key ID.
        key_id: u32,
    },
    /// A signature by a known key failed to verify: the note is rejected.
    InvalidSignature {
        /// Key name on the signature line.
        name: String,
        /// Key ID on the signature line.
        key_id: u32,
    },
    /// No signature from any of the given keys (or from the required key)
    /// was found on the note.
    NoVerifiedSignature,
    /// A cosignature timestamp above 2^63 - 1.
    TimestampOutOfRange(u64),
    /// A checkpoint whose origin line is not the expected one.
    OriginMismatch {
        /// Origin the caller expected.
        expected: String,
        /// Origin found in the checkpoint.
        found: String,
    },
    /// A c2sp.org/tlog-proof document that cannot be parsed.
    MalformedTlogProof(&'static str),
    /// The operating system random number generator failed.
    Random(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::IndexOutOfRange { index, size } => {
                write!(f, "index {index} out of range for tree size {size}")
            }
            Error::SizeOrder { old_size, new_size } => {
                write!(f, "old tree size {old_size} is larger than new size {new_size}")
            }
            Error::TreeTooLarge(n) => write!(f, "tree size {n} is too large"),
            Error::InvalidProof(why) => write!(f, "invalid Merkle proof: {why}"),
            Error::MissingHash(i) => write!(f, "no stored hash at index {i}"),
            Error::ReaderCount { expected, got } => {
                write!(f, "hash reader returned {got} hashes, expected {expected}")
            }
            Error::Storage(e) => write!(f, "hash storage error: {e}"),
            Error::InvalidTile(why) => write!(f, "invalid tile: {why}"),
            Error::InvalidBundle(why) => write!(f, "invalid entry bundle: {why}"),
            Error::MalformedHash => write!(f, "malformed base64 hash"),
            Error::MalformedCheckpoint(why) => write!(f, "malformed checkpoint: {why}"),
            Error::MalformedNote(why) => write!(f, "malformed note: {why}"),
            Error::InvalidKeyName => write!(f, "invalid key name"),
            Error::MalformedKey(why) => write!(f, "malformed key: {why}"),
            Error::KeyIdMismatch => write!(f, "key ID does not match the key"),
            Error::UnsupportedKeyType(t) => write!(f, "unsupported signature type 0x{t:02x}"),
            Error::WrongKeyType => write!(f, "wrong key type for this operation"),
            Error::AmbiguousKey { name, key_id } => {
                write!(f, "more than one verifier for key {name}+{key_id:08x}")
            }
            Error::InvalidSignature { name, key_id } => {
                write!(f, "invalid signature for key {name}+{key_id:08x}")
            }
            Error::NoVerifiedSignature => {
                write!(f, "note has no verified signature from a required key")
            }
            Error::TimestampOutOfRange(t) => write!(f, "timestamp {t} out of range"),
            Error::OriginMismatch { expected, found } => {
                write!(f, "checkpoint origin {found:?}, expected {expected:?}")
            }
            Error::MalformedTlogProof(why) => write!(f, "malformed tlog-proof: {why}"),
            Error::Random(e) => write!(f, "random number generator failed: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Storage(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}
