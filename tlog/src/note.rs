//! Signed notes (c2sp.org/signed-note) with Ed25519 keys, plus the
//! timestamped Ed25519 cosignatures of c2sp.org/tlog-cosignature (see
//! [`crate::cosignature`]) as a second key type.
//!
//! A signed note is a text ending in a newline, a blank line, and one or
//! more lines `— <key name> <base64(key ID || signature)>`.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::hash::decode_base64;
use crate::Error;

/// Signature type byte for Ed25519 note signatures.
pub const ALG_ED25519: u8 = 0x01;
/// Signature type byte for timestamped Ed25519 checkpoint cosignatures.
pub const ALG_COSIGNATURE_V1: u8 = 0x04;
/// Most signature lines accepted in one note (the spec requires at least 16).
pub const MAX_SIGNATURES: usize = 100;
/// Prefix of every signature line: em dash U+2014 and a space.
pub const SIGNATURE_PREFIX: &str = "\u{2014} ";

/// The key types this crate implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// Ed25519 signature over the note text (type byte 0x01).
    Ed25519,
    /// Timestamped Ed25519 checkpoint cosignature, `cosignature/v1`
    /// (type byte 0x04).
    CosignatureV1,
}

impl KeyType {
    /// The signature type byte.
    pub fn type_byte(self) -> u8 {
        match self {
            KeyType::Ed25519 => ALG_ED25519,
            KeyType::CosignatureV1 => ALG_COSIGNATURE_V1,
        }
    }

    /// The key type for a signature type byte.
    pub fn from_type_byte(b: u8) -> Result<KeyType, Error> {
        match b {
            ALG_ED25519 => Ok(KeyType::Ed25519),
            ALG_COSIGNATURE_V1 => Ok(KeyType::CosignatureV1),
            other => Err(Error::UnsupportedKeyType(other)),
        }
    }
}

/// Key ID: the first four bytes, big-endian, of
/// `SHA-256(name || 0x0A || type byte || public key)`.
pub fn key_id(name: &str, type_byte: u8, public_key: &[u8]) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', type_byte]);
    h.update(public_key);
    let d = h.finalize();
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

/// Whether `name` is a valid key name: non-empty, no Unicode white space,
/// no `+`, and (additionally, as such a name could never appear in a valid
/// note) no control characters.
pub fn is_valid_key_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '+' || c.is_control())
}

fn check_name(name: &str) -> Result<(), Error> {
    if is_valid_key_name(name) {
        Ok(())
    } else {
        Err(Error::InvalidKeyName)
    }
}

/// A private key that signs notes (Ed25519) or cosigns checkpoints
/// (cosignature/v1), with its key name.
#[derive(Clone)]
pub struct Signer {
    name: String,
    key_type: KeyType,
    key_id: u32,
    key: SigningKey,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("name", &self.name)
            .field("key_type", &self.key_type)
            .field("key_id", &format_args!("{:08x}", self.key_id))
            .finish_non_exhaustive()
    }
}

impl Signer {
    /// A signer from a 32-byte Ed25519 seed (RFC 8032 private key).
    pub fn from_seed(name: &str, key_type: KeyType, seed: &[u8; 32]) -> Result<Signer, Error> {
        check_name(name)?;
        let key = SigningKey::from_bytes(seed);
        let id = key_id(name, key_type.type_byte(), key.verifying_key().as_bytes());
        Ok(Signer { name: name.to_string(), key_type, key_id: id, key })
    }

    /// A new random key, with the seed from the operating system's RNG.
    pub fn generate(name: &str, key_type: KeyType) -> Result<Signer, Error> {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed).map_err(|e| Error::Random(e.to_string()))?;
        let s = Signer::from_seed(name, key_type, &seed);
        seed.fill(0);
        s
    }

    /// Parses a signer key string in Go's `note` format,
    /// `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || 32-byte seed)>`.
    /// Type 0x01 gives an Ed25519 note signer; type 0x04 (this crate's
    /// extension of the same format) a cosignature/v1 signer. The key ID
    /// must match the key.
    pub fn from_skey(skey: &str) -> Result<Signer, Error> {
        let rest =
            skey.strip_prefix("PRIVATE+KEY+").ok_or(Error::MalformedKey("signer key must start with PRIVATE+KEY+"))?;
        let (name, id, key) = split_key_string(rest)?;
        let (&type_byte, seed) = key.split_first().ok_or(Error::MalformedKey("empty key"))?;
        let key_type = KeyType::from_type_byte(type_byte)?;
        let seed: [u8; 32] = seed.try_into().map_err(|_| Error::MalformedKey("Ed25519 seed must be 32 bytes"))?;
        let signer = Signer::from_seed(name, key_type, &seed)?;
        if signer.key_id != id {
            return Err(Error::KeyIdMismatch);
        }
        Ok(signer)
    }

    /// The signer key string (secret!) in the format read by
    /// [`Signer::from_skey`].
    pub fn to_skey(&self) -> String {
        let mut raw = Vec::with_capacity(33);
        raw.push(self.key_type.type_byte());
        raw.extend_from_slice(self.key.as_bytes());
        let s = format!("PRIVATE+KEY+{}+{:08x}+{}", self.name, self.key_id, STANDARD.encode(&raw));
        raw.fill(0);
        s
    }

    /// The same private key and name used as another key type (the key ID
    /// is recomputed). The spec advises against reusing a key across types.
    pub fn with_key_type(&self, key_type: KeyType) -> Signer {
        let id = key_id(&self.name, key_type.type_byte(), self.key.verifying_key().as_bytes());
        Signer { name: self.name.clone(), key_type, key_id: id, key: self.key.clone() }
    }

    /// The matching verifier.
    pub fn verifier(&self) -> Verifier {
        Verifier {
            name: self.name.clone(),
            key_type: self.key_type,
            key_id: self.key_id,
            key: self.key.verifying_key(),
        }
    }

    /// The key name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key ID.
    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    /// The key type.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The 32-byte Ed25519 public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    /// Raw Ed25519 signature of `msg` (crate-internal building block).
    pub(crate) fn sign_raw(&self, msg: &[u8]) -> [u8; 64] {
        self.key.sign(msg).to_bytes()
    }

    /// Signature line for a note text with this (Ed25519 note) key.
    pub fn sign_text(&self, text: &str) -> Result<SignatureLine, Error> {
        if self.key_type != KeyType::Ed25519 {
            return Err(Error::WrongKeyType);
        }
        check_note_text(text)?;
        Ok(SignatureLine {
            name: self.name.clone(),
            key_id: self.key_id,
            signature: self.sign_raw(text.as_bytes()).to_vec(),
        })
    }
}

/// Splits `<name>+<8 lowercase hex>+<base64>` into its parts.
fn split_key_string(s: &str) -> Result<(&str, u32, Vec<u8>), Error> {
    let (name, rest) = s.split_once('+').ok_or(Error::MalformedKey("missing key ID"))?;
    let (id_hex, key64) = rest.split_once('+').ok_or(Error::MalformedKey("missing key material"))?;
    check_name(name)?;
    if id_hex.len() != 8 || !id_hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(Error::MalformedKey("key ID must be 8 lowercase hex digits"));
    }
    let id = u32::from_str_radix(id_hex, 16).map_err(|_| Error::MalformedKey("bad key ID"))?;
    let key = decode_base64(key64).ok_or(Error::MalformedKey("bad base64 key material"))?;
    Ok((name, id, key))
}

/// A public key that verifies note signatures or cosignatures, with its
/// key name and key ID.
#[derive(Clone, PartialEq, Eq)]
pub struct Verifier {
    name: String,
    key_type: KeyType,
    key_id: u32,
    key: VerifyingKey,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_vkey())
    }
}

impl Verifier {
    /// A verifier for a name, key type and 32-byte Ed25519 public key.
    pub fn new(name: &str, key_type: KeyType, public_key: &[u8; 32]) -> Result<Verifier, Error> {
        check_name(name)?;
        let key =
            VerifyingKey::from_bytes(public_key).map_err(|_| Error::MalformedKey("invalid Ed25519 public key"))?;
        if key.is_weak() {
            return Err(Error::MalformedKey("weak Ed25519 public key"));
        }
        Ok(Verifier { name: name.to_string(), key_type, key_id: key_id(name, key_type.type_byte(), public_key), key })
    }

    /// Parses a verifier key `<name>+<hex key ID>+<base64(type || key)>`
    /// with type 0x01 (Ed25519) or 0x04 (cosignature/v1). The key ID must
    /// match the name, type and key.
    pub fn from_vkey(vkey: &str) -> Result<Verifier, Error> {
        let (name, id, key) = split_key_string(vkey)?;
        let (&type_byte, pk) = key.split_first().ok_or(Error::MalformedKey("empty key"))?;
        let key_type = KeyType::from_type_byte(type_byte)?;
        let pk: [u8; 32] = pk.try_into().map_err(|_| Error::MalformedKey("Ed25519 public key must be 32 bytes"))?;
        let v = Verifier::new(name, key_type, &pk)?;
        if v.key_id != id {
            return Err(Error::KeyIdMismatch);
        }
        Ok(v)
    }

    /// The verifier key string `<name>+<hex key ID>+<base64(type || key)>`.
    pub fn to_vkey(&self) -> String {
        let mut raw = Vec::with_capacity(33);
        raw.push(self.key_type.type_byte());
        raw.extend_from_slice(self.key.as_bytes());
        format!("{}+{:08x}+{}", self.name, self.key_id, STANDARD.encode(raw))
    }

    /// The key name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key ID.
    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    /// The key type.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The 32-byte Ed25519 public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// Checks one signature line's payload (after the key ID) over `text`.
    /// Returns the cosignature timestamp for cosignature keys.
    fn check(&self, text: &str, sig: &[u8]) -> Result<Option<u64>, ()> {
        match self.key_type {
            KeyType::Ed25519 => {
                let sig = Signature::from_slice(sig).map_err(|_| ())?;
                self.key.verify_strict(text.as_bytes(), &sig).map_err(|_| ())?;
                Ok(None)
            }
            KeyType::CosignatureV1 => {
                if sig.len() != 72 {
                    return Err(());
                }
                let mut ts = [0u8; 8];
                ts.copy_from_slice(&sig[..8]);
                let timestamp = u64::from_be_bytes(ts);
                let msg = crate::cosignature::cosigned_message(text, timestamp).map_err(|_| ())?;
                let sig = Signature::from_slice(&sig[8..]).map_err(|_| ())?;
                self.key.verify_strict(msg.as_bytes(), &sig).map_err(|_| ())?;
                Ok(Some(timestamp))
            }
        }
    }
}

impl fmt::Display for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_vkey())
    }
}

impl FromStr for Verifier {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Verifier::from_vkey(s)
    }
}

/// Generates a random Ed25519 note key for `name`; returns
/// `(signer key string, verifier key string)`.
pub fn generate_key(name: &str) -> Result<(String, String), Error> {
    let s = Signer::generate(name, KeyType::Ed25519)?;
    Ok((s.to_skey(), s.verifier().to_vkey()))
}

/// One signature line of a note, verified or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureLine {
    /// Key name.
    pub name: String,
    /// Key ID (first four bytes of the decoded signature).
    pub key_id: u32,
    /// The rest of the decoded signature (64 bytes for Ed25519, 72 for a
    /// cosignature: timestamp then signature).
    pub signature: Vec<u8>,
}

impl SignatureLine {
    /// Parses one line `— <name> <base64>`, with or without its final
    /// newline.
    pub fn parse(line: &str) -> Result<SignatureLine, Error> {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let rest = line
            .strip_prefix(SIGNATURE_PREFIX)
            .ok_or(Error::MalformedNote("signature line must start with an em dash and a space"))?;
        let (name, b64) =
            rest.split_once(' ').ok_or(Error::MalformedNote("signature line needs a name and a signature"))?;
        if !is_valid_key_name(name) {
            return Err(Error::MalformedNote("invalid key name on signature line"));
        }
        let raw = decode_base64(b64).ok_or(Error::MalformedNote("bad base64 signature"))?;
        if raw.len() < 5 {
            return Err(Error::MalformedNote("signature too short"));
        }
        Ok(SignatureLine {
            name: name.to_string(),
            key_id: u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]),
            signature: raw[4..].to_vec(),
        })
    }

    /// The line, including its final newline.
    pub fn to_line(&self) -> String {
        let mut raw = Vec::with_capacity(4 + self.signature.len());
        raw.extend_from_slice(&self.key_id.to_be_bytes());
        raw.extend_from_slice(&self.signature);
        format!("{}{} {}\n", SIGNATURE_PREFIX, self.name, STANDARD.encode(raw))
    }
}

/// A signature that was verified by a configured key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedSignature {
    /// Key name.
    pub name: String,
    /// Key ID.
    pub key_id: u32,
    /// Type of the key that verified it.
    pub key_type: KeyType,
    /// For cosignatures, the signed POSIX timestamp.
    pub timestamp: Option<u64>,
}

/// A note whose signatures were checked by [`open_note`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The signed text, including its final newline.
    pub text: String,
    /// Signatures from known keys, all verified (at least one).
    pub verified: Vec<VerifiedSignature>,
    /// Signatures from unknown keys, which were ignored.
    pub unverified: Vec<SignatureLine>,
}

/// Checks a note text: ends with a newline, no control characters other
/// than newline.
fn check_note_text(text: &str) -> Result<(), Error> {
    if !text.ends_with('\n') {
        return Err(Error::MalformedNote("text must end with a newline"));
    }
    if text.chars().any(|c| c != '\n' && (c as u32) < 0x20) {
        return Err(Error::MalformedNote("control character in text"));
    }
    Ok(())
}

/// Splits a signed note into its text and signature lines without
/// verifying anything. Enforces the format: no control characters but
/// newline, text ending in newline, then a blank line, then 1 to
/// [`MAX_SIGNATURES`] well-formed signature lines each ending in newline.
pub fn parse_note(msg: &str) -> Result<(String, Vec<SignatureLine>), Error> {
    if msg.chars().any(|c| c != '\n' && (c as u32) < 0x20) {
        return Err(Error::MalformedNote("control character"));
    }
    let split = msg.rfind("\n\n").ok_or(Error::MalformedNote("no blank line before the signatures"))?;
    let text = &msg[..split + 1];
    let sigs = &msg[split + 2..];
    if sigs.is_empty() {
        return Err(Error::MalformedNote("no signatures"));
    }
    let body = sigs.strip_suffix('\n').ok_or(Error::MalformedNote("signature block must end with a newline"))?;
    let mut lines = Vec::new();
    for line in body.split('\n') {
        if lines.len() == MAX_SIGNATURES {
            return Err(Error::MalformedNote("too many signatures"));
        }
        lines.push(SignatureLine::parse(line)?);
    }
    Ok((text.to_string(), lines))
}

/// Formats a note from its text and signature lines.
fn format_note(text: &str, lines: &[SignatureLine]) -> Result<String, Error> {
    check_note_text(text)?;
    if lines.is_empty() {
        return Err(Error::MalformedNote("no signatures"));
    }
    if lines.len() > MAX_SIGNATURES {
        return Err(Error::MalformedNote("too many signatures"));
    }
    let mut out = String::with_capacity(text.len() + 1 + lines.len() * 110);
    out.push_str(text);
    out.push('\n');
    for l in lines {
        if !is_valid_key_name(&l.name) {
            return Err(Error::InvalidKeyName);
        }
        out.push_str(&l.to_line());
    }
    Ok(out)
}

/// Signs `text` (which must end in a newline) with one or more Ed25519
/// note keys and returns the signed note. Cosignature keys are refused:
/// use [`crate::cosignature::cosign_note`].
pub fn sign_note(text: &str, signers: &[&Signer]) -> Result<String, Error> {
    let lines = signers.iter().map(|s| s.sign_text(text)).collect::<Result<Vec<_>, _>>()?;
    format_note(text, &lines)
}

/// Adds signature lines to a signed note (for instance witness
/// cosignatures). A new line replaces an existing one with the same key
/// name and key ID; identical lines are kept once. Nothing is verified.
pub fn add_signatures(msg: &str, new_lines: &[SignatureLine]) -> Result<String, Error> {
    let (text, mut lines) = parse_note(msg)?;
    for nl in new_lines {
        if let Some(old) = lines.iter_mut().find(|l| l.name == nl.name && l.key_id == nl.key_id) {
            *old = nl.clone();
        } else {
            lines.push(nl.clone());
        }
    }
    format_note(&text, &lines)
}

/// Opens a signed note with a set of known keys.
///
/// Signature lines whose (key name, key ID) match no known key are
/// ignored (returned in [`Note::unverified`]). A line matching a known key
/// must verify, or the whole note is rejected with
/// [`Error::InvalidSignature`]. At least one known key must have signed,
/// or the result is [`Error::NoVerifiedSignature`]. Repeated signatures by
/// one key are checked once.
pub fn open_note(msg: &str, known: &[Verifier]) -> Result<Note, Error> {
    let (text, lines) = parse_note(msg)?;
    let mut verified: Vec<VerifiedSignature> = Vec::new();
    let mut unverified: Vec<SignatureLine> = Vec::new();
    for line in lines {
        let mut matching = known.iter().filter(|v| v.name == line.name && v.key_id == line.key_id);
        let Some(v) = matching.next() else {
            if !unverified.contains(&line) {
                unverified.push(line);
            }
            continue;
        };
        if matching.next().is_some() {
            return Err(Error::AmbiguousKey { name: line.name, key_id: line.key_id });
        }
        if verified.iter().any(|s| s.name == line.name && s.key_id == line.key_id) {
            continue;
        }
        let timestamp = v
            .check(&text, &line.signature)
            .map_err(|()| Error::InvalidSignature { name: line.name.clone(), key_id: line.key_id })?;
        verified.push(VerifiedSignature { name: line.name, key_id: line.key_id, key_type: v.key_type, timestamp });
    }
    if verified.is_empty() {
        return Err(Error::NoVerifiedSignature);
    }
    Ok(Note { text, verified, unverified })
}

/// Verifies that `msg` carries a valid signature by `verifier` and returns
/// the note text. Same rules as [`open_note`] with a single known key.
pub fn verify_note(msg: &str, verifier: &Verifier) -> Result<String, Error> {
    open_note(msg, std::slice::from_ref(verifier)).map(|n| n.text)
}

/// Signs a checkpoint body with the log's Ed25519 note key and returns the
/// signed checkpoint.
pub fn sign_checkpoint(checkpoint: &crate::Checkpoint, signer: &Signer) -> Result<String, Error> {
    sign_note(&checkpoint.to_text()?, &[signer])
}
