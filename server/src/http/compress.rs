//! Content codings for bytes kept in memory (cached responses, hashed assets):
//! each is compressed once, with brotli and gzip, and every request picks the
//! best its `Accept-Encoding` allows.

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue};
use std::io::Write;

/// A response body's content coding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The `Content-Encoding` value, if any.
    pub fn header(self) -> Option<HeaderValue> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some(HeaderValue::from_static("gzip")),
            Encoding::Brotli => Some(HeaderValue::from_static("br")),
        }
    }

    /// The suffix that makes a representation's ETag differ from the others'.
    pub fn etag_suffix(self) -> &'static str {
        match self {
            Encoding::Identity => "",
            Encoding::Gzip => "-gz",
            Encoding::Brotli => "-br",
        }
    }
}

/// What the request accepts, best first: brotli, then gzip, else identity. A
/// coding with `q=0` is refused; `*` accepts both.
pub fn negotiate(headers: &HeaderMap) -> Encoding {
    let (mut br, mut gzip) = (false, false);
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                let p = p.trim().to_ascii_lowercase();
                p.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            match coding.as_str() {
                "br" => br = !refused,
                "gzip" | "x-gzip" => gzip = !refused,
                "*" if !refused => {
                    br = true;
                    gzip = true;
                }
                _ => {}
            }
        }
    }
    if br {
        Encoding::Brotli
    } else if gzip {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// How hard to compress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effort {
    /// Brotli 3 and gzip 1: a few milliseconds for a large page, so a cache miss
    /// answers at once, and an address with a query string (which any reader
    /// can vary at will) never costs the best coding's time. A 6 KB page takes
    /// about 30 µs in gzip 1 against 60 µs in gzip 6, for 14% more bytes.
    Fast,
    /// Brotli 11 (6 past 512 KiB) and gzip 9: the smallest bytes, for what is
    /// kept once per build or publication (assets, the export, a cached response
    /// to one of the site's own addresses). Brotli 11 takes about a second per
    /// megabyte, so it runs on a blocking thread.
    Best,
}

/// The bytes in brotli and gzip at the best effort, each kept only if smaller.
pub fn compress(identity: &[u8]) -> (Option<Bytes>, Option<Bytes>) {
    compress_with(identity, Effort::Best)
}

/// The bytes in brotli and gzip, each kept only if it is smaller.
pub fn compress_with(identity: &[u8], effort: Effort) -> (Option<Bytes>, Option<Bytes>) {
    (coded(identity, Encoding::Brotli, effort), coded(identity, Encoding::Gzip, effort))
}

/// The bytes in one coding at `effort`, if that is smaller (identity is never
/// coded).
pub fn coded(identity: &[u8], encoding: Encoding, effort: Effort) -> Option<Bytes> {
    if identity.len() < 256 {
        return None;
    }
    let out = match encoding {
        Encoding::Identity => return None,
        Encoding::Brotli => brotli(identity, effort),
        Encoding::Gzip if effort == Effort::Fast => gzip_fast(identity),
        Encoding::Gzip => {
            let mut gz =
                flate2::write::GzEncoder::new(Vec::with_capacity(identity.len() / 3), flate2::Compression::best());
            gz.write_all(identity).and_then(|_| gz.finish()).ok()
        }
    }?;
    (out.len() < identity.len()).then(|| Bytes::from(out))
}

fn brotli(identity: &[u8], effort: Effort) -> Option<Vec<u8>> {
    let quality = match effort {
        Effort::Fast => 3,
        Effort::Best if identity.len() <= 512 * 1024 => 11,
        Effort::Best => 6,
    };
    // A window no larger than the input (as brotli does when it knows the size):
    // quality 10-11 keeps a tree of two entries per window position, 32 MB at the
    // default 4 MiB window, which the allocator then keeps resident.
    let lgwin = (usize::BITS - (identity.len() - 1).leading_zeros()).clamp(10, 22) as i32;
    let mut br = Vec::with_capacity(identity.len() / 3);
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin, size_hint: identity.len(), ..Default::default() };
    let mut writer = brotli::CompressorWriter::with_params(&mut br, 16 * 1024, &params);
    writer.write_all(identity).ok()?;
    drop(writer);
    Some(br)
}

thread_local! {
    /// Each thread's quick gzip (level 1) compressor, reset between uses: a new one
    /// allocates and zeroes about 300 KB of tables, which cost more than
    /// compressing a page.
    static DEFLATE: std::cell::RefCell<flate2::Compress> =
        std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::fast(), false));
}

/// Gzip at level 1 (RFC 1952): the fixed ten-byte header, the raw deflate
/// stream from the thread's reused compressor, then the CRC-32 and length.
fn gzip_fast(identity: &[u8]) -> Option<Vec<u8>> {
    DEFLATE.with(|deflate| {
        let mut deflate = deflate.try_borrow_mut().ok()?;
        deflate.reset();
        let mut out = Vec::with_capacity(identity.len() / 2 + 64);
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        loop {
            let read = deflate.total_in() as usize;
            match deflate.compress_vec(&identity[read..], &mut out, flate2::FlushCompress::Finish).ok()? {
                flate2::Status::StreamEnd => break,
                _ => out.reserve(out.capacity().max(1024)),
            }
        }
        out.extend_from_slice(&crc32fast::hash(identity).to_le_bytes());
        out.extend_from_slice(&(identity.len() as u32).to_le_bytes());
        Some(out)
    })
}

/// Adds `Accept-Encoding` to a response's `Vary`, as one header with what is
/// there already (CORS varies on the origin).
pub fn vary_on_encoding(headers: &mut HeaderMap) {
    let present: Vec<String> = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    if present.iter().any(|t| t == "accept-encoding" || t == "*") {
        return;
    }
    let all = present.into_iter().chain(["accept-encoding".to_string()]).collect::<Vec<_>>().join(", ");
    if let Ok(v) = HeaderValue::from_str(&all) {
        headers.insert(header::VARY, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn accepting(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn the_best_accepted_coding_is_chosen() {
        assert_eq!(negotiate(&accepting("gzip, deflate, br")), Encoding::Brotli);
        assert_eq!(negotiate(&accepting("gzip")), Encoding::Gzip);
        assert_eq!(negotiate(&accepting("br;q=0, gzip;q=0.5")), Encoding::Gzip);
        assert_eq!(negotiate(&accepting("identity")), Encoding::Identity);
        assert_eq!(negotiate(&accepting("*")), Encoding::Brotli);
        assert_eq!(negotiate(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn both_codings_decompress_to_the_bytes() {
        let text = "<p>Audits and spending, in plain language.</p>\n".repeat(100);
        let (br, gz) = compress(text.as_bytes());
        let (br, gz) = (br.expect("brotli is smaller"), gz.expect("gzip is smaller"));
        let mut out = Vec::new();
        brotli::Decompressor::new(&br[..], 4096).read_to_end(&mut out).unwrap();
        assert_eq!(out, text.as_bytes());
        out.clear();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut out).unwrap();
        assert_eq!(out, text.as_bytes());
        assert_eq!(compress(b"tiny"), (None, None));
        // The quick codings too, twice on one thread (its gzip compressor is reused).
        for _ in 0..2 {
            let (br, gz) = compress_with(text.as_bytes(), Effort::Fast);
            out.clear();
            brotli::Decompressor::new(&br.expect("smaller")[..], 4096).read_to_end(&mut out).unwrap();
            assert_eq!(out, text.as_bytes());
            out.clear();
            flate2::read::GzDecoder::new(&gz.expect("smaller")[..]).read_to_end(&mut out).unwrap();
            assert_eq!(out, text.as_bytes());
        }
        // A body larger than the first output buffer (random bytes, which do not
        // get smaller), and one that does, past that buffer too.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let big: Vec<u8> = (0..50_000)
            .flat_map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x as u32).to_le_bytes()
            })
            .collect();
        let gz = coded(&big, Encoding::Gzip, Effort::Fast);
        assert!(gz.is_none(), "random bytes do not get smaller");
        let mut mixed = text.as_bytes().to_vec();
        mixed.extend_from_slice(&big[..4096]);
        out.clear();
        flate2::read::GzDecoder::new(&coded(&mixed, Encoding::Gzip, Effort::Fast).unwrap()[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, mixed);
    }
}
