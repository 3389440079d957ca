//! Ed25519 checkpoint cosignatures (c2sp.org/tlog-cosignature,
//! `cosignature/v1`, signature type 0x04).
//!
//! A cosignature line is `— <witness name> base64(key ID || timestamp ||
//! signature)`, with the key ID computed with type byte 0x04, the
//! timestamp as 8 big-endian bytes, and the Ed25519 signature over
//! `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint text.

use crate::note::{add_signatures, open_note, parse_note, KeyType, SignatureLine, Signer, Verifier};
use crate::{Checkpoint, Error};

/// Largest timestamp allowed by the spec (2^63 - 1).
pub const MAX_TIMESTAMP: u64 = i64::MAX as u64;

/// The message a witness signs: `cosignature/v1\ntime <timestamp>\n`
/// followed by the checkpoint note text (including its final newline,
/// excluding signature lines).
pub fn cosigned_message(checkpoint_text: &str, timestamp: u64) -> Result<String, Error> {
    if timestamp > MAX_TIMESTAMP {
        return Err(Error::TimestampOutOfRange(timestamp));
    }
    Ok(format!("cosignature/v1\ntime {timestamp}\n{checkpoint_text}"))
}

/// Cosigns a checkpoint text as a witness at POSIX time `timestamp` and
/// returns the signature line. The signer must be a
/// [`KeyType::CosignatureV1`] key and the text a valid checkpoint.
pub fn cosign(signer: &Signer, checkpoint_text: &str, timestamp: u64) -> Result<SignatureLine, Error> {
    if signer.key_type() != KeyType::CosignatureV1 {
        return Err(Error::WrongKeyType);
    }
    Checkpoint::parse(checkpoint_text)?;
    let msg = cosigned_message(checkpoint_text, timestamp)?;
    let mut signature = Vec::with_capacity(72);
    signature.extend_from_slice(&timestamp.to_be_bytes());
    signature.extend_from_slice(&signer.sign_raw(msg.as_bytes()));
    Ok(SignatureLine { name: signer.name().to_string(), key_id: signer.key_id(), signature })
}

/// Cosigns the checkpoint in a signed note and returns the note with the
/// cosignature line added (replacing an earlier one by the same key).
/// The existing signatures are not verified here.
pub fn cosign_note(signer: &Signer, signed_checkpoint: &str, timestamp: u64) -> Result<String, Error> {
    let (text, _) = parse_note(signed_checkpoint)?;
    let line = cosign(signer, &text, timestamp)?;
    add_signatures(signed_checkpoint, &[line])
}

/// Verifies the cosignature of `witness` (a [`KeyType::CosignatureV1`]
/// verifier) on a signed checkpoint and returns its timestamp.
///
/// Fails if the note is malformed, has no line from this witness (by name
/// and key ID), or that line does not verify. Timestamps in the future
/// are not rejected; callers may apply their own clock policy.
pub fn verify_cosignature(signed_checkpoint: &str, witness: &Verifier) -> Result<u64, Error> {
    if witness.key_type() != KeyType::CosignatureV1 {
        return Err(Error::WrongKeyType);
    }
    let note = open_note(signed_checkpoint, std::slice::from_ref(witness))?;
    note.verified.first().and_then(|s| s.timestamp).ok_or(Error::NoVerifiedSignature)
}

/// The timestamp carried by a cosignature line (not verified). Fails
/// unless the signature payload is 72 bytes with a timestamp ≤ 2^63 - 1.
pub fn cosignature_timestamp(line: &SignatureLine) -> Result<u64, Error> {
    if line.signature.len() != 72 {
        return Err(Error::MalformedNote("cosignature must be 72 bytes after the key ID"));
    }
    let mut ts = [0u8; 8];
    ts.copy_from_slice(&line.signature[..8]);
    let t = u64::from_be_bytes(ts);
    if t > MAX_TIMESTAMP {
        return Err(Error::TimestampOutOfRange(t));
    }
    Ok(t)
}
