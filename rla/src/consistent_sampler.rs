//! The SHA-256 consistent sampler of `votingworks/consistent_sampler`
//! (a fork of `ron-rivest/consistent_sampler`), as Arlo calls it.
//!
//! Every object id gets a pseudorandom "ticket number" in (0, 1), written as
//! a decimal fraction string; objects are drawn in increasing ticket order
//! (string comparison, as in Python).  Sampling with replacement gives a
//! drawn object a new, larger ticket (`next_fraction`).
//!
//! Ids are hashed through their Python `str()`; [`PyId`] reproduces Python's
//! `str()` of strings, integers and tuples so that Arlo's ballot ids such as
//! `('pct 2', 3)` hash identically.

use sha2::{Digest, Sha256};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A Python value used as an object id or seed; `Display` gives Python's `str()`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PyId {
    /// A Python `str` (its `str()` is itself; inside tuples it is shown with `repr()`).
    Str(String),
    /// A Python `int`.
    Int(i64),
    /// Python `None`.
    None,
    /// A Python tuple.
    Tuple(Vec<PyId>),
}

impl PyId {
    /// Python `repr()` of the value.
    pub fn repr(&self) -> String {
        match self {
            PyId::Str(s) => py_repr_str(s),
            PyId::Int(i) => i.to_string(),
            PyId::None => "None".to_string(),
            PyId::Tuple(items) => {
                let inner: Vec<String> = items.iter().map(|x| x.repr()).collect();
                if items.len() == 1 {
                    format!("({},)", inner[0])
                } else {
                    format!("({})", inner.join(", "))
                }
            }
        }
    }

    /// Python `str()` of the value.
    pub fn py_str(&self) -> String {
        match self {
            PyId::Str(s) => s.clone(),
            other => other.repr(),
        }
    }

    /// Arlo's ballot id `(batch, position)` for a batch named by a string.
    pub fn ballot(batch: &str, position: u64) -> PyId {
        PyId::Tuple(vec![PyId::Str(batch.to_string()), PyId::Int(position as i64)])
    }
}

impl std::fmt::Display for PyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.py_str())
    }
}

/// Characters Python's `str.isprintable()` rejects (a close approximation:
/// controls, separators other than space, common format characters,
/// surrogates and private use).
fn py_nonprintable(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x00..=0x1f | 0x7f..=0xa0 | 0xad
        | 0x0600..=0x0605 | 0x061c | 0x06dd | 0x070f | 0x08e2 | 0x180e
        | 0x1680 | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064
        | 0x2066..=0x206f | 0x3000 | 0xd800..=0xf8ff | 0xfeff | 0xfff9..=0xfffb
        | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3
        | 0x1d173..=0x1d17a | 0xe0001 | 0xe0020..=0xe007f
        | 0xf0000..=0x10ffff)
}

/// Python's `repr()` of a `str`.
pub fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if py_nonprintable(c) => {
                let u = c as u32;
                if u <= 0xff {
                    out.push_str(&format!("\\x{u:02x}"));
                } else if u <= 0xffff {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\U{u:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// 64-character lowercase hex SHA-256 of the UTF-8 text (`sha256_hex`).
pub fn sha256_hex(input: &str) -> String {
    let digest = Sha256::digest(input.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Decimal digits of a 256-bit big-endian number.
fn u256_to_decimal(bytes: &[u8]) -> String {
    // little-endian u32 limbs
    let mut limbs: Vec<u32> = bytes
        .rchunks(4)
        .map(|ch| {
            let mut v = 0u32;
            for &b in ch {
                v = (v << 8) | b as u32;
            }
            v
        })
        .collect();
    let mut parts: Vec<u32> = Vec::new();
    while limbs.iter().any(|&l| l != 0) {
        let mut rem: u64 = 0;
        for limb in limbs.iter_mut().rev() {
            let cur = (rem << 32) | *limb as u64;
            *limb = (cur / 1_000_000_000) as u32;
            rem = cur % 1_000_000_000;
        }
        parts.push(rem as u32);
    }
    if parts.is_empty() {
        return "0".to_string();
    }
    let mut s = parts.last().map(|p| p.to_string()).unwrap_or_default();
    for p in parts.iter().rev().skip(1) {
        s.push_str(&format!("{p:09}"));
    }
    s
}

/// SHA-256 of the text as a decimal fraction string in (0, 1)
/// (`sha256_uniform`): the hash as an integer, written with at least 64
/// digits (zero padded), digits reversed, after `"0."`.
pub fn sha256_uniform(input: &str) -> String {
    let digest = Sha256::digest(input.as_bytes());
    let dec = u256_to_decimal(&digest);
    let padded = if dec.len() < 64 { format!("{}{}", "0".repeat(64 - dec.len()), dec) } else { dec };
    let rev: String = padded.chars().rev().collect();
    format!("0.{rev}")
}

/// Generation-1 ticket number of an id (`first_fraction`):
/// `sha256_uniform(sha256_hex(str(seed)) + str(id))`.
pub fn first_fraction(id: &str, seed: &str) -> String {
    first_fraction_with_hash(id, &sha256_hex(seed))
}

fn first_fraction_with_hash(id: &str, seed_hash: &str) -> String {
    let mut s = String::with_capacity(seed_hash.len() + id.len());
    s.push_str(seed_hash);
    s.push_str(id);
    sha256_uniform(&s)
}

fn first_non_9_position(x0: &str) -> usize {
    x0.bytes().enumerate().skip(2).find(|&(_, c)| c < b'9').map(|(i, _)| i).unwrap_or(x0.len())
}

/// A pseudorandom fraction larger than `x` (`next_fraction`): keep the
/// leading 9s of `x`, append `sha256_uniform(x + ':' + i)` digits for
/// i = 1, 2, ... until the result exceeds `x`.
pub fn next_fraction(x: &str) -> String {
    let x0 = format!("{x}0");
    let pos = first_non_9_position(&x0);
    let mut i: u64 = 0;
    let mut y = String::from("0.");
    while y.as_str() <= x0.as_str() {
        i += 1;
        let u = sha256_uniform(&format!("{x}:{i}"));
        y = format!("{}{}", &x0[..pos], &u[2..]);
    }
    y
}

/// Shorten a ticket number to `digits` significant digits after its initial
/// run of 9s (truncating, not rounding), like `trim`.
pub fn trim(x: &str, digits: usize) -> String {
    let x0 = format!("{x}0");
    let pos = first_non_9_position(&x0);
    let end = (pos + digits).min(x.len());
    x[..end].to_string()
}

/// One drawn ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    /// Ticket number (trimmed as requested).
    pub ticket_number: String,
    /// Index of the id in the input list.
    pub index: usize,
    /// 1 for the first draw of this id, 2 for the second, ...
    pub generation: u64,
}

/// The smallest `max_tickets` generation-1 tickets, sorted
/// (`make_ticket_heap`, returned in increasing order): `(ticket, index)`.
pub fn make_ticket_heap(ids: &[String], max_tickets: usize, seed: &str) -> Vec<(String, usize)> {
    smallest_tickets(ids.iter().cloned(), max_tickets, seed)
}

fn smallest_tickets<I: Iterator<Item = String>>(ids: I, max_tickets: usize, seed: &str) -> Vec<(String, usize)> {
    let seed_hash = sha256_hex(seed);
    let mut heap: BinaryHeap<(String, usize)> = BinaryHeap::new();
    if max_tickets == 0 {
        return Vec::new();
    }
    for (i, id) in ids.enumerate() {
        let t = first_fraction_with_hash(&id, &seed_hash);
        if heap.len() < max_tickets {
            heap.push((t, i));
        } else if let Some(top) = heap.peek() {
            if (t.as_str(), i) < (top.0.as_str(), top.1) {
                heap.pop();
                heap.push((t, i));
            }
        }
    }
    let mut v = heap.into_vec();
    v.sort();
    v
}

/// `sampler(id_list, seed, with_replacement, drop, take, output='tuple', digits)`:
/// the draws after the first `drop`, at most `take` of them, in ticket order.
///
/// `ids` are the Python `str()` forms of the ids (see [`PyId`]); they must be
/// distinct.  Equal ticket numbers (which SHA-256 makes practically
/// impossible) are ordered by input position.
pub fn sampler(
    ids: &[String],
    seed: &str,
    with_replacement: bool,
    drop: usize,
    take: usize,
    digits: usize,
) -> Result<Vec<Ticket>, String> {
    let mut sorted: Vec<&String> = ids.iter().collect();
    sorted.sort();
    if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("the ids contain a duplicate: {}", w[0]));
    }
    Ok(sampler_iter(ids.iter().cloned(), seed, with_replacement, drop, take, digits))
}

/// [`sampler`] over an iterator of ids (Python's iterator case: the caller
/// guarantees the ids are distinct; memory use is proportional to
/// `drop + take`, not to the number of ids).
pub fn sampler_iter<I: Iterator<Item = String>>(
    ids: I,
    seed: &str,
    with_replacement: bool,
    drop: usize,
    take: usize,
    digits: usize,
) -> Vec<Ticket> {
    let max_tickets = drop.saturating_add(take);
    let initial = smallest_tickets(ids, max_tickets, seed);
    let mut heap: BinaryHeap<Reverse<(String, usize, u64)>> =
        initial.into_iter().map(|(t, i)| Reverse((t, i, 1u64))).collect();
    let mut out = Vec::new();
    let mut count = 0usize;
    while let Some(Reverse((t, i, g))) = heap.pop() {
        count += 1;
        if count > max_tickets {
            break;
        }
        if with_replacement {
            heap.push(Reverse((next_fraction(&t), i, g + 1)));
        }
        if count > drop {
            out.push(Ticket { ticket_number: trim(&t, digits), index: i, generation: g });
        }
    }
    out
}

/// One ballot drawn by Arlo's `draw_sample`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BallotDraw {
    /// Ticket number trimmed to 18 digits.
    pub ticket_number: String,
    /// Batch key.
    pub batch: PyId,
    /// Ballot position within the batch (as listed in the manifest).
    pub position: u64,
    /// How many times this ballot has been drawn so far (including this draw).
    pub generation: u64,
}

/// Arlo's `sampler.draw_sample(seed, manifest, sample_size, num_sampled, with_replacement)`:
/// ids are `(batch, position)` tuples for every listed position, tickets
/// trimmed to 18 digits; returns draws `num_sampled .. num_sampled + sample_size`.
pub fn arlo_draw_sample(
    seed: &str,
    manifest: &[(PyId, Vec<u64>)],
    sample_size: usize,
    num_sampled: usize,
    with_replacement: bool,
) -> Result<Vec<BallotDraw>, String> {
    let mut keys: Vec<(usize, u64)> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for (bi, (batch, positions)) in manifest.iter().enumerate() {
        for &p in positions {
            keys.push((bi, p));
            ids.push(PyId::Tuple(vec![batch.clone(), PyId::Int(p as i64)]).py_str());
        }
    }
    let tickets = sampler(&ids, seed, with_replacement, 0, sample_size.saturating_add(num_sampled), 18)?;
    Ok(tickets
        .into_iter()
        .skip(num_sampled)
        .map(|t| {
            let (bi, p) = keys[t.index];
            BallotDraw {
                ticket_number: t.ticket_number,
                batch: manifest[bi].0.clone(),
                position: p,
                generation: t.generation,
            }
        })
        .collect())
}
