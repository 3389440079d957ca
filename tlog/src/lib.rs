//! An append-only Merkle transparency log library.
//!
//! * [`hash`]: RFC 9162 §2.1 hashing — [`leaf_hash`], [`node_hash`],
//!   [`root`], [`EMPTY_ROOT`].
//! * [`proof`]: RFC 9162 inclusion and consistency proofs from a full list
//!   of leaf hashes, and their verification.
//! * [`stored`]: the stored-hash model (as in Go's sumdb/tlog) for
//!   persisting the tree in a table and serving roots, proofs and tiles by
//!   reading O(log n) hashes.
//! * [`tile`]: c2sp.org/tlog-tiles paths, tile contents, entry bundles.
//! * [`checkpoint`]: c2sp.org/tlog-checkpoint bodies.
//! * [`note`]: c2sp.org/signed-note with Ed25519 keys and vkeys.
//! * [`cosignature`]: c2sp.org/tlog-cosignature (Ed25519 `cosignature/v1`).
//! * [`tlog_proof`]: c2sp.org/tlog-proof@v1 documents.
//!
//! ```
//! use tlog::{leaf_hash, verify_inclusion, Checkpoint, KeyType, Signer, StoredTree};
//!
//! # fn main() -> Result<(), tlog::Error> {
//! let mut tree = StoredTree::new();
//! for entry in [&b"first"[..], b"second", b"third"] {
//!     tree.append(&leaf_hash(entry))?;
//! }
//! let key = Signer::from_seed("example.org/log", KeyType::Ed25519, &[7; 32])?;
//! let checkpoint = Checkpoint::new("example.org/log", tree.size(), tree.root());
//! let signed = tlog::note::sign_checkpoint(&checkpoint, &key)?;
//!
//! // A client holding the vkey checks the checkpoint and an inclusion proof.
//! let vkey = key.verifier().to_vkey();
//! let verifier = tlog::Verifier::from_vkey(&vkey)?;
//! let cp = Checkpoint::parse(&tlog::note::verify_note(&signed, &verifier)?)?;
//! let proof = tree.inclusion_proof(cp.size, 1)?;
//! verify_inclusion(&leaf_hash(b"second"), 1, cp.size, &proof, &cp.root)?;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod checkpoint;
pub mod cosignature;
mod error;
pub mod hash;
pub mod note;
pub mod proof;
pub mod stored;
pub mod tile;
pub mod tlog_proof;

pub use checkpoint::Checkpoint;
pub use error::Error;
pub use hash::{decode_hash, encode_hash, leaf_hash, node_hash, root, Hash, EMPTY_ROOT, HASH_SIZE};
pub use note::{KeyType, Note, SignatureLine, Signer, Verifier};
pub use proof::{consistency_proof, inclusion_proof, verify_consistency, verify_inclusion};
pub use stored::{HashReader, StoredTree};
pub use tile::{parse_tile_path, tile_path, Tile};
pub use tlog_proof::TlogProof;
