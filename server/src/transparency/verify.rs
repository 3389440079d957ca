//! `portal verify URL-or-FILE [--checkpoint OLD] [--key VKEY] [--data FILE]
//! [--origin ORIGIN] [--ca FILE]`: checks, as anyone can, that a published
//! version's bytes are in the log under its current signed checkpoint and, given
//! a checkpoint saved earlier, that the log only grew since. It trusts nothing
//! the portal says without checking it against the log's key and the hashes; it
//! prints each check and exits 1 on any failure.
//!
//! An address may be `http://` or `https://` (the public certificate roots are
//! built in; `--ca FILE` trusts one more, e.g. an office's own). The checkpoint
//! names its log (the origin, `host/log`): it must be the log of the host the
//! address names, or the one `--origin` names when reading a mirror.

use super::{Entry, TRUST_NOTE};
use tlog::{Checkpoint, TlogProof, Verifier};

pub const USAGE: &str =
    "Usage: portal verify URL-or-FILE [--checkpoint OLD] [--key VKEY] [--data FILE] [--origin ORIGIN] [--ca FILE]";

#[derive(Default)]
struct Options {
    target: String,
    checkpoint: Option<String>,
    key: Option<String>,
    data: Option<String>,
    origin: Option<String>,
    ca: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--checkpoint" => o.checkpoint = Some(value("--checkpoint")?),
            "--key" => o.key = Some(value("--key")?),
            "--data" => o.data = Some(value("--data")?),
            "--origin" => o.origin = Some(value("--origin")?),
            "--ca" => o.ca = Some(value("--ca")?),
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other if o.target.is_empty() => o.target = other.to_string(),
            other => return Err(format!("one URL or FILE only (also got {other})")),
        }
    }
    if o.target.is_empty() {
        return Err("give a version's address or a proof file".into());
    }
    let is_url = o.target.starts_with("http://") || o.target.starts_with("https://");
    if o.ca.is_some() && !is_url {
        return Err("--ca applies to an https:// address, not a proof file".into());
    }
    Ok(o)
}

/// Runs the command; returns the exit code.
pub async fn command(args: &[String]) -> i32 {
    let options = match parse_args(args) {
        Ok(o) => o,
        Err(m) => {
            eprintln!("portal verify: {m}\n{USAGE}");
            return 2;
        }
    };
    let result = if options.target.starts_with("http://") || options.target.starts_with("https://") {
        verify_url(&options).await
    } else {
        verify_file(&options).await
    };
    match result {
        Ok(()) => {
            println!("All checks passed.");
            0
        }
        Err(m) => {
            eprintln!("FAILED: {m}");
            1
        }
    }
}

fn ok(what: impl AsRef<str>) {
    println!("ok: {}", what.as_ref());
}

fn sha256_hex(bytes: &[u8]) -> String {
    crate::domain::digest::sha256_hex(bytes)
}

fn read_text(path: &str, what: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("could not read the {what} {path}: {e}"))
}

/// A checkpoint note checked against the log key.
fn open_checkpoint(note: &str, key: &Verifier, what: &str) -> Result<Checkpoint, String> {
    let text =
        tlog::note::verify_note(note, key).map_err(|e| format!("the {what} is not signed by the log key: {e}"))?;
    Checkpoint::parse(&text).map_err(|e| format!("the {what} is not a checkpoint: {e}"))
}

/// A saved older checkpoint, checked against the key.
fn saved_checkpoint(path: &str, key: &Verifier) -> Result<Checkpoint, String> {
    open_checkpoint(&read_text(path, "saved checkpoint")?, key, "saved checkpoint")
}

async fn verify_file(o: &Options) -> Result<(), String> {
    let text = read_text(&o.target, "proof file")?;
    let bundle = TlogProof::parse(&text).map_err(|e| format!("{} is not a tlog-proof bundle: {e}", o.target))?;
    let Some(vkey) = &o.key else {
        return Err(format!(
            "a proof file is checked against the log's key: add --key VKEY (from the portal's /about page, /log/key \
             or a copy you trust). {TRUST_NOTE}"
        ));
    };
    let key = Verifier::from_vkey(vkey.trim()).map_err(|e| format!("--key is not a vkey: {e}"))?;
    let entry = Entry::parse(&bundle.extra).map_err(|e| format!("the bundle's entry: {e}"))?;
    let (cp_text, _) = tlog::note::parse_note(&bundle.checkpoint).map_err(|e| e.to_string())?;
    let origin = Checkpoint::parse(&cp_text).map_err(|e| e.to_string())?.origin;
    if let Some(want) = &o.origin {
        if &origin != want {
            return Err(format!("the bundle's checkpoint is of the log {origin}, not {want}"));
        }
    }
    let verified =
        bundle.verify(&entry.leaf_hash(), &origin, &key, &[]).map_err(|e| format!("the proof does not hold: {e}"))?;
    ok(format!("checkpoint {} size {} is signed by {}", origin, verified.checkpoint.size, key.name()));
    ok(format!(
        "entry {} ({} {} v{} {}) is in the log at that size",
        entry.index,
        entry.action.code(),
        entry.slug,
        entry.version,
        entry.url
    ));
    if entry.index != bundle.index {
        return Err(format!("the entry says index {} but the proof is for {}", entry.index, bundle.index));
    }
    if let Some(data) = &o.data {
        let bytes = std::fs::read(data).map_err(|e| format!("could not read {data}: {e}"))?;
        if sha256_hex(&bytes) != entry.sha256 {
            return Err(format!(
                "{data} is not the logged version: its SHA-256 is {}, the log says {}",
                sha256_hex(&bytes),
                entry.sha256
            ));
        }
        ok(format!("{data} has the SHA-256 the log holds ({})", entry.sha256));
    } else {
        println!(
            "note: add --data FILE (the version's data.json) to check its bytes; the log holds SHA-256 {}",
            entry.sha256
        );
    }
    if let Some(path) = &o.checkpoint {
        let old = saved_checkpoint(path, &key)?;
        let new = &verified.checkpoint;
        if old.origin != new.origin {
            return Err(format!("the saved checkpoint is of another log ({}, not {})", old.origin, new.origin));
        }
        if old.size == new.size && old.root == new.root {
            ok("the saved checkpoint is the bundle's");
        } else if old.size == new.size {
            return Err(
                "the saved checkpoint and the bundle's have the same size but different roots: the log forked".into()
            );
        } else {
            return Err("checking that the log only grew needs its consistency proof: verify the version's address (URL) instead of a file".into());
        }
    }
    Ok(())
}

/// A version's address split into the server and the version's path
/// (`/audits/x/v/2`), from any of its addresses.
fn split_url(url: &str) -> Result<(String, String), String> {
    let (scheme, rest) = url.split_once("://").ok_or("not an address")?;
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let path = path.split(['?', '#']).next().unwrap_or("").trim_end_matches('/').to_string();
    let path =
        ["/data.json", "/proof.txt"].iter().fold(path, |p, s| p.strip_suffix(s).map(str::to_string).unwrap_or(p));
    let path = path.strip_prefix("/es").filter(|p| p.starts_with('/')).map(str::to_string).unwrap_or(path);
    Ok((format!("{scheme}://{host}"), path))
}

struct Http {
    client: reqwest::Client,
    base: String,
}

impl Http {
    async fn get(&self, path: &str) -> Result<Vec<u8>, String> {
        let url = format!("{}{path}", self.base);
        let res = self.client.get(&url).send().await.map_err(|e| format!("could not fetch {url}: {}", causes(&e)))?;
        let status = res.status();
        let body = res.bytes().await.map_err(|e| format!("could not read {url}: {e}"))?;
        if !status.is_success() {
            return Err(format!("{url} answered {status}: {}", String::from_utf8_lossy(&body).trim()));
        }
        Ok(body.to_vec())
    }

    async fn text(&self, path: &str) -> Result<String, String> {
        String::from_utf8(self.get(path).await?).map_err(|_| format!("{path} is not text"))
    }

    async fn hashes(&self, path: &str) -> Result<(serde_json::Value, Vec<tlog::Hash>), String> {
        let json: serde_json::Value =
            serde_json::from_slice(&self.get(path).await?).map_err(|e| format!("{path} is not JSON: {e}"))?;
        let hashes = json["hashes"]
            .as_array()
            .ok_or(format!("{path} has no hashes"))?
            .iter()
            .map(|h| h.as_str().ok_or(()).and_then(|s| tlog::decode_hash(s).map_err(|_| ())))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| format!("{path} holds a hash that is not base64 SHA-256"))?;
        Ok((json, hashes))
    }
}

/// The HTTP client: the built-in public roots, plus `--ca FILE` when given.
fn client(ca: Option<&str>) -> Result<reqwest::Client, String> {
    let mut builder = reqwest::Client::builder().user_agent(concat!("portal-verify/", env!("CARGO_PKG_VERSION")));
    if let Some(path) = ca {
        let pem = std::fs::read(path).map_err(|e| format!("could not read the certificate {path}: {e}"))?;
        let certs =
            reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| format!("{path} is not a PEM certificate: {e}"))?;
        if certs.is_empty() {
            return Err(format!("{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"));
        }
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    builder.build().map_err(|e| format!("could not start an HTTPS client: {e}"))
}

/// An error and its causes, down to the one that says what happened (e.g. a
/// certificate from an unknown authority).
fn causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

/// The host (and port) of an address, as a log origin names it.
fn host_of(base: &str) -> &str {
    base.split_once("://").map(|(_, h)| h).unwrap_or(base)
}

async fn verify_url(o: &Options) -> Result<(), String> {
    let (base, mut path) = split_url(&o.target)?;
    let expected_origin = o.origin.clone().unwrap_or_else(|| format!("{}/log", host_of(&base)));
    let http = Http { client: client(o.ca.as_deref())?, base };
    if !path.contains("/v/") {
        let current = http.get(&format!("{path}/data.json")).await?;
        let v: serde_json::Value = serde_json::from_slice(&current).map_err(|e| format!("{path}/data.json: {e}"))?;
        let n = v["version"].as_i64().ok_or(format!("{path}/data.json names no version"))?;
        path = format!("{path}/v/{n}");
        println!("note: checking the current version, {path}");
    }
    let served_key = http.text("/log/key").await?.trim().to_string();
    let key = Verifier::from_vkey(o.key.as_deref().unwrap_or(&served_key).trim())
        .map_err(|e| format!("the log key is not a vkey: {e}"))?;
    if o.key.is_some() && key.to_vkey() != served_key {
        return Err(format!("the portal's key is {served_key}, not the one you gave: the log's key changed"));
    }
    ok(format!("log key {}", key.to_vkey()));
    let checkpoint = open_checkpoint(&http.text("/log/checkpoint").await?, &key, "current checkpoint")?;
    if checkpoint.origin != expected_origin {
        return Err(match &o.origin {
            Some(want) => format!("the checkpoint is of the log {}, not {want}", checkpoint.origin),
            None => format!(
                "the checkpoint is of the log {}, but you asked {}: if this address is a mirror of that portal, \
                 add --origin {}",
                checkpoint.origin,
                host_of(&http.base),
                checkpoint.origin
            ),
        });
    }
    ok(format!(
        "checkpoint {} size {} root {} is signed by the log key",
        checkpoint.origin,
        checkpoint.size,
        tlog::encode_hash(&checkpoint.root)
    ));
    let data_url = format!("{path}/data.json");
    let bytes = http.get(&data_url).await?;
    let sha = sha256_hex(&bytes);
    let bundle = TlogProof::parse(&http.text(&format!("{path}/proof.txt")).await?)
        .map_err(|e| format!("{path}/proof.txt is not a tlog-proof bundle: {e}"))?;
    let entry = Entry::parse(&bundle.extra).map_err(|e| format!("the proof's entry: {e}"))?;
    if entry.url != data_url {
        return Err(format!("the log entry names {}, not {data_url}", entry.url));
    }
    if entry.sha256 != sha {
        return Err(format!(
            "{data_url} serves bytes with SHA-256 {sha}, but the log recorded {} at index {}: the version was changed \
             after it was published",
            entry.sha256, entry.index
        ));
    }
    ok(format!("{data_url} has SHA-256 {sha}, as log entry {} ({}) records", entry.index, entry.action.code()));
    bundle
        .verify(&entry.leaf_hash(), &checkpoint.origin, &key, &[])
        .map_err(|e| format!("the proof bundle does not hold: {e}"))?;
    ok("the downloadable proof bundle verifies");
    let (_, proof) =
        http.hashes(&format!("/log/proof/inclusion?index={}&size={}", entry.index, checkpoint.size)).await?;
    tlog::verify_inclusion(&entry.leaf_hash(), entry.index, checkpoint.size, &proof, &checkpoint.root)
        .map_err(|e| format!("entry {} is not in the log of size {}: {e}", entry.index, checkpoint.size))?;
    ok(format!("entry {} is included in the log of size {}", entry.index, checkpoint.size));
    if let Some(saved) = &o.checkpoint {
        let old = saved_checkpoint(saved, &key)?;
        if old.origin != checkpoint.origin {
            return Err(format!("the saved checkpoint is of another log ({}, not {})", old.origin, checkpoint.origin));
        }
        if old.size > checkpoint.size {
            return Err(format!(
                "the saved checkpoint has {} entries, the log now {}: the log shrank",
                old.size, checkpoint.size
            ));
        }
        let (_, proof) =
            http.hashes(&format!("/log/proof/consistency?from={}&to={}", old.size, checkpoint.size)).await?;
        tlog::verify_consistency(old.size, checkpoint.size, &proof, &old.root, &checkpoint.root).map_err(|e| {
            format!(
                "the log of size {} does not extend your saved checkpoint of size {}: it was rewritten ({e})",
                checkpoint.size, old.size
            )
        })?;
        ok(format!("the log only grew since your saved checkpoint (size {} → {})", old.size, checkpoint.size));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::split_url;

    #[test]
    fn any_address_of_a_version_names_it() {
        let want = ("http://h:1".to_string(), "/audits/x/v/2".to_string());
        for url in [
            "http://h:1/audits/x/v/2",
            "http://h:1/audits/x/v/2/data.json",
            "http://h:1/es/audits/x/v/2/",
            "http://h:1/audits/x/v/2/proof.txt?x=1",
        ] {
            assert_eq!(split_url(url).unwrap(), want, "{url}");
        }
    }
}
