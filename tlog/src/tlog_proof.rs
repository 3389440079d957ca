//! Offline-verifiable proofs of inclusion (c2sp.org/tlog-proof@v1).
//!
//! ```text
//! c2sp.org/tlog-proof@v1
//! extra <base64 extra data>          (only if there is extra data)
//! index <decimal leaf index>
//! <base64 inclusion proof hash>      (zero or more, leaf's sibling first)
//!
//! <signed checkpoint, verbatim>
//! ```

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::hash::{decode_base64, decode_hash, encode_hash, parse_decimal, Hash};
use crate::note::{open_note, parse_note, KeyType, Note, VerifiedSignature, Verifier};
use crate::proof::verify_inclusion;
use crate::{Checkpoint, Error};

/// First line of every tlog-proof document.
pub const TLOG_PROOF_HEADER: &str = "c2sp.org/tlog-proof@v1";

/// A parsed tlog-proof document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlogProof {
    /// Opaque, unauthenticated extra data; empty means no `extra` line.
    pub extra: Vec<u8>,
    /// Zero-based index of the entry in the log.
    pub index: u64,
    /// RFC 9162 inclusion proof, from the leaf's sibling up to the root's
    /// child.
    pub proof: Vec<Hash>,
    /// The signed checkpoint (with any cosignatures), verbatim.
    pub checkpoint: String,
}

/// What [`TlogProof::verify`] established.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedProof {
    /// The checkpoint the entry was proven against.
    pub checkpoint: Checkpoint,
    /// The opened note (every known signature in it verified).
    pub note: Note,
    /// The verified witness cosignatures (key type cosignature/v1), for
    /// the caller's witness policy (e.g. k of n).
    pub cosignatures: Vec<VerifiedSignature>,
}

/// Removes and returns the next newline-terminated line of `rest`.
fn take_line<'a>(rest: &mut &'a str, what: &'static str) -> Result<&'a str, Error> {
    let (line, r) = rest.split_once('\n').ok_or(Error::MalformedTlogProof(what))?;
    *rest = r;
    Ok(line)
}

impl TlogProof {
    /// Formats the document. Fails if the checkpoint is not a structurally
    /// valid signed note.
    pub fn to_text(&self) -> Result<String, Error> {
        parse_note(&self.checkpoint)?;
        let mut s = String::with_capacity(64 + 45 * self.proof.len() + self.checkpoint.len());
        s.push_str(TLOG_PROOF_HEADER);
        s.push('\n');
        if !self.extra.is_empty() {
            s.push_str("extra ");
            s.push_str(&STANDARD.encode(&self.extra));
            s.push('\n');
        }
        s.push_str(&format!("index {}\n", self.index));
        for h in &self.proof {
            s.push_str(&encode_hash(h));
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&self.checkpoint);
        Ok(s)
    }

    /// Parses a document. The checkpoint part must be a structurally valid
    /// signed note; its signatures are not verified here.
    pub fn parse(text: &str) -> Result<TlogProof, Error> {
        let mut rest = text;
        let mut next_line = |what: &'static str| take_line(&mut rest, what);
        if next_line("missing header")? != TLOG_PROOF_HEADER {
            return Err(Error::MalformedTlogProof("wrong header line"));
        }
        let mut line = next_line("missing index line")?;
        let mut extra = Vec::new();
        if let Some(b64) = line.strip_prefix("extra ") {
            extra = decode_base64(b64).ok_or(Error::MalformedTlogProof("bad base64 extra data"))?;
            if extra.is_empty() {
                return Err(Error::MalformedTlogProof("empty extra data"));
            }
            line = next_line("missing index line")?;
        }
        let index =
            line.strip_prefix("index ").and_then(parse_decimal).ok_or(Error::MalformedTlogProof("bad index line"))?;
        let mut proof = Vec::new();
        loop {
            let line = next_line("missing blank line before the checkpoint")?;
            if line.is_empty() {
                break;
            }
            if proof.len() == 64 {
                return Err(Error::MalformedTlogProof("too many proof hashes"));
            }
            proof.push(decode_hash(line).map_err(|_| Error::MalformedTlogProof("bad proof hash"))?);
        }
        parse_note(rest)?;
        Ok(TlogProof { extra, index, proof, checkpoint: rest.to_string() })
    }

    /// Verifies the proof for an entry whose leaf hash the caller computed:
    ///
    /// 1. the checkpoint note must carry a valid signature by `log_key`
    ///    and every signature by a key in `log_key` or `witnesses` must
    ///    verify (others are ignored);
    /// 2. its origin line must equal `origin`;
    /// 3. the inclusion proof must lead from `leaf_hash` at `index` to the
    ///    checkpoint's root.
    ///
    /// The verified witness cosignatures are returned for the caller's
    /// policy; no minimum number is enforced here.
    pub fn verify(
        &self,
        leaf_hash: &Hash,
        origin: &str,
        log_key: &Verifier,
        witnesses: &[Verifier],
    ) -> Result<VerifiedProof, Error> {
        let mut known = Vec::with_capacity(1 + witnesses.len());
        known.push(log_key.clone());
        known.extend_from_slice(witnesses);
        let note = open_note(&self.checkpoint, &known)?;
        if !note.verified.iter().any(|s| s.name == log_key.name() && s.key_id == log_key.key_id()) {
            return Err(Error::NoVerifiedSignature);
        }
        let checkpoint = Checkpoint::parse(&note.text)?;
        if checkpoint.origin != origin {
            return Err(Error::OriginMismatch { expected: origin.to_string(), found: checkpoint.origin });
        }
        verify_inclusion(leaf_hash, self.index, checkpoint.size, &self.proof, &checkpoint.root)?;
        let cosignatures = note.verified.iter().filter(|s| s.key_type == KeyType::CosignatureV1).cloned().collect();
        Ok(VerifiedProof { checkpoint, note, cosignatures })
    }
}
