//! Checkpoint note bodies (c2sp.org/tlog-checkpoint).

use crate::hash::{decode_hash, encode_hash, parse_decimal, Hash};
use crate::Error;

/// A checkpoint body: origin line, tree size, root hash and optional
/// extension lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// Unique identifier of the log, e.g. `example.com/log42`.
    pub origin: String,
    /// Number of leaves in the tree.
    pub size: u64,
    /// RFC 9162 Merkle tree root for that size.
    pub root: Hash,
    /// Opaque extension lines (without newlines); each must be non-empty.
    pub extensions: Vec<String>,
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| (c as u32) < 0x20)
}

impl Checkpoint {
    /// A checkpoint without extension lines.
    pub fn new(origin: impl Into<String>, size: u64, root: Hash) -> Self {
        Checkpoint { origin: origin.into(), size, root, extensions: Vec::new() }
    }

    /// Formats the note text: `origin\nsize\nbase64(root)\n` then one line
    /// per extension. Fails if the origin or an extension line is empty
    /// or contains a control character (including newline).
    pub fn to_text(&self) -> Result<String, Error> {
        if self.origin.is_empty() || has_control(&self.origin) {
            return Err(Error::MalformedCheckpoint("origin must be non-empty without control characters"));
        }
        let mut s = format!("{}\n{}\n{}\n", self.origin, self.size, encode_hash(&self.root));
        for ext in &self.extensions {
            if ext.is_empty() || has_control(ext) {
                return Err(Error::MalformedCheckpoint("extension lines must be non-empty without control characters"));
            }
            s.push_str(ext);
            s.push('\n');
        }
        Ok(s)
    }

    /// Parses a checkpoint note text (the part of a signed note before the
    /// blank line). Requires at least three newline-terminated, non-empty
    /// lines; a decimal size without leading zeroes; the canonical base64
    /// of a 32-byte root; and non-empty extension lines.
    pub fn parse(text: &str) -> Result<Checkpoint, Error> {
        let body = text.strip_suffix('\n').ok_or(Error::MalformedCheckpoint("text must end with a newline"))?;
        if body.chars().any(|c| c != '\n' && (c as u32) < 0x20) {
            return Err(Error::MalformedCheckpoint("control character"));
        }
        let mut lines = body.split('\n');
        let origin = lines.next().unwrap_or("");
        if origin.is_empty() {
            return Err(Error::MalformedCheckpoint("empty origin line"));
        }
        let size = lines.next().and_then(parse_decimal).ok_or(Error::MalformedCheckpoint("bad tree size line"))?;
        let root = lines
            .next()
            .ok_or(Error::MalformedCheckpoint("missing root hash line"))
            .and_then(|l| decode_hash(l).map_err(|_| Error::MalformedCheckpoint("bad root hash line")))?;
        let mut extensions = Vec::new();
        for line in lines {
            if line.is_empty() {
                return Err(Error::MalformedCheckpoint("empty extension line"));
            }
            extensions.push(line.to_string());
        }
        Ok(Checkpoint { origin: origin.to_string(), size, root, extensions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_example_parses() {
        // Body of the example in c2sp.org/tlog-checkpoint.
        let text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        let cp = Checkpoint::parse(text).unwrap();
        assert_eq!(cp.origin, "example.com/behind-the-sofa");
        assert_eq!(cp.size, 20852163);
        assert_eq!(encode_hash(&cp.root), "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
        assert!(cp.extensions.is_empty());
        assert_eq!(cp.to_text().unwrap(), text);
    }

    #[test]
    fn extensions_round_trip() {
        let mut cp = Checkpoint::new("o", 0, crate::EMPTY_ROOT);
        cp.extensions = vec!["ext one".into(), "ext2".into()];
        let text = cp.to_text().unwrap();
        assert!(text.ends_with("\next one\next2\n"));
        assert_eq!(Checkpoint::parse(&text).unwrap(), cp);
    }

    #[test]
    fn rejects_malformed() {
        let root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
        let bad = [
            String::new(),
            "o\n1\n".to_string(),
            format!("o\n1\n{root}"),
            format!("\n1\n{root}\n"),
            format!("o\n01\n{root}\n"),
            format!("o\n-1\n{root}\n"),
            format!("o\n1.0\n{root}\n"),
            format!("o\n18446744073709551616\n{root}\n"),
            format!("o\n1\n{}\n", &root[..43]),
            "o\n1\nAAAA\n".to_string(),
            format!("o\n1\n{root}\n\n"),
            format!("o\n1\n{root}\next\n\n"),
            format!("o\n1\n{root}\r\n"),
            format!("o\t\n1\n{root}\n"),
        ];
        for b in &bad {
            assert!(Checkpoint::parse(b).is_err(), "{b:?}");
        }
        assert!(Checkpoint::new("", 1, [0; 32]).to_text().is_err());
        assert!(Checkpoint::new("a\nb", 1, [0; 32]).to_text().is_err());
        let mut cp = Checkpoint::new("a", 1, [0; 32]);
        cp.extensions.push(String::new());
        assert!(cp.to_text().is_err());
    }
}
