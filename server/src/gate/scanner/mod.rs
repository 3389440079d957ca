//! The gate's scanner: finds defensive details in public free text.
//!
//! It reads meaning as well as shape. The text is first normalised (character references
//! decoded, Unicode NFKC, invisible characters removed, numbers spelled in words read as
//! digits) and cut into sentences; then every sentence is read once by a fixed set of
//! rules:
//!
//! - shapes: addresses, ports, CVEs, keys and tokens, credentials with values, access
//!   codes, staff contacts, versions of named systems, internal hosts (also under an
//!   allowed public domain), UNC paths and shares, Wi-Fi network names;
//! - meaning: a secret noun with a disclosure verb and a value or a recipe ("the password
//!   is the clerk's maiden name followed by 2024"); a key, code or password with where it
//!   is kept; a guard, alarm, camera or backup with its schedule or gap; a remote-access
//!   tool with its state; a defence (logging, sensor, MFA...) turned off; a camera,
//!   door or key with its coverage, state or number; a system open to the internet, a
//!   guest network, any badge or any USB drive; the same meaning rules in Spanish.
//!
//! Ordinary public prose — dates, amounts, opening hours, public entrances, purchases of
//! security products with their cost, versions of reports and policies, statute
//! citations, county web addresses, public bodies' domains (.gov, state.XX.us), role
//! mailboxes, toll-free and office numbers — passes. Where prose is ambiguous the finding is a
//! warning whose hint says why.
//!
//! After the rules, a learned second opinion (`model`) reads every sentence they let
//! through: a logistic regression over the sentence's words, word pairs and coarse shapes
//! (a number, a time, an address, a product name), fitted by `cargo run -p server
//! --example train_scanner` on the development and held-out corpora only, never the
//! blind ones. Above its threshold it warns (rule `meaning`), naming the words that
//! weighed most; it never blocks. It adds one hash lookup per feature, so a scan stays
//! linear.
//!
//! Every rule reads a sentence of bounded length a fixed number of times, so a scan is
//! linear in the length of the text; the `regex` crate never backtracks.
//!
//! The parts, in the order a scan uses them:
//!
//! - `normalise`: character references decoded, invisible characters removed, Unicode
//!   NFKC, with a map from every byte back to the author's characters; `numbers`:
//!   numbers spelled in English or Spanish words read as digits, defanged dots
//!   ("10[.]20") as dots;
//! - `sentences`: sentences and clauses, and the reader of one sentence that counts the
//!   regex calls it takes;
//! - `patterns`: the compiled patterns; `words` and `hints`: the word lists several rules
//!   share and the hints shown with findings;
//! - `rules`: the rule families, a file each (shapes, hosts, versions, networks,
//!   secrets, products, kept, schedules, physical, exposure, weakness, lapses, spanish);
//! - `model`: the learned second opinion and its committed weights, `model.tsv`;
//! - `html`: the visible text of rendered HTML, which the gate scans as well.

mod hints;
mod html;
pub mod model;
mod normalise;
mod numbers;
mod patterns;
mod rules;
mod sentences;
#[cfg(test)]
mod tests;
mod words;

pub use html::visible_text_of_html;

use super::policy::Policy;
use model::Model;
use normalise::normalise;
use numbers::numeral_view;
use patterns::re;
use regex::Regex;
use sentences::{sentences, Raw, Sentence};
use std::borrow::Cow;
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Publication is refused until the text is fixed or a reviewer overrides it.
    Block,
    /// Shown to the author and reviewer; does not stop publication.
    Warn,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Block => "block",
            Severity::Warn => "warn",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub field: String,
    /// Character (not byte) range of the finding in the field's ORIGINAL text (before
    /// character references were decoded and the text normalised).
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    pub severity: Severity,
    /// What to do and why; the learned model's hint names the words that weighed most.
    pub hint: Cow<'static, str>,
    /// The matched text as the author wrote it, for the official's eyes only.
    pub excerpt: String,
}

/// How much work a scan did. Every rule reads a sentence of at most MAX_SENTENCE bytes a
/// fixed number of times, so the regex calls per sentence are bounded and a scan is linear.
#[derive(Clone, Copy, Debug, Default)]
pub struct ScanWork {
    pub sentences: usize,
    pub regex_calls: usize,
    pub max_regex_calls_in_a_sentence: usize,
    pub longest_sentence: usize,
}

/// The most regex calls one sentence may take: the rules make a fixed number of passes,
/// and the few per-match checks are capped.
pub const MAX_REGEX_CALLS_PER_SENTENCE: usize = 120;

/// At most this many matches of one rule get a per-match regex check in a sentence.
const PER_MATCH_CHECKS: usize = 8;

/// Reads public text against a policy's lists. The policy's word lists are compiled
/// into patterns once, in [`Scanner::new`]; a scanner can then read any number of fields.
pub struct Scanner<'p> {
    policy: &'p Policy,
    watch: Option<Regex>,
    physical: Option<Regex>,
    remote: Option<Regex>,
    /// The learned second opinion, read on sentences the rules let through.
    model: Option<&'p Model>,
    /// The policy's product and tool names, one word each, which the model sees as `#product`.
    products: HashSet<String>,
}

/// An alternation of the policy's words, longest first, spaces matching any spacing.
fn alternation(items: &[String], plural: bool) -> Option<Regex> {
    let mut items: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
    if items.is_empty() {
        return None;
    }
    items.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let parts: Vec<String> = items
        .iter()
        .map(|item| {
            let item = item.trim();
            let body = item.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+");
            let front = if item.starts_with(|c: char| c.is_alphanumeric()) { r"\b" } else { "" };
            let back = if item.ends_with(|c: char| c.is_alphanumeric()) {
                if plural {
                    r"s?\b"
                } else {
                    r"\b"
                }
            } else {
                ""
            };
            format!("{front}{body}{back}")
        })
        .collect();
    Some(re(&format!("(?:{})", parts.join("|"))))
}

impl<'p> Scanner<'p> {
    /// The rules with the committed model as their second opinion.
    pub fn new(policy: &'p Policy) -> Self {
        Self::with_model(policy, Some(model::committed()))
    }

    /// The rules with another model (one fitted in a test), or with none.
    pub fn with_model(policy: &'p Policy, model: Option<&'p Model>) -> Self {
        let s = &policy.scanner;
        let products = s
            .remote_access_tools
            .iter()
            .chain(&s.watch_list)
            .filter_map(|p| p.split_whitespace().next())
            .map(|w| w.to_lowercase())
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        Scanner {
            policy,
            watch: alternation(&s.watch_list, true),
            physical: alternation(&s.physical_terms, true),
            remote: alternation(&s.remote_access_tools, false),
            model,
            products,
        }
    }

    /// The model's features of every sentence of `text`, as the scan reads them (for
    /// fitting a model).
    pub fn features(&self, text: &str) -> Vec<Vec<String>> {
        let prepared = numeral_view(&normalise(text));
        let t = prepared.text.as_str();
        sentences(t).into_iter().map(|(s, e)| model::features(&t[s..e], &self.products)).collect()
    }

    /// The model's features of a whole labelled line (all its sentences', each once),
    /// as the model is fitted on them.
    pub fn line_features(&self, text: &str) -> Vec<String> {
        let mut features = self.features(text).concat();
        features.sort_unstable();
        features.dedup();
        features
    }

    /// The learned second opinion on a sentence no rule flagged: a warning over the
    /// whole sentence, naming the words that weighed most, when the model is sure enough.
    fn second_opinion(&self, sentence: &mut Sentence) {
        let Some(model) = self.model else { return };
        let features = model::features(sentence.text, &self.products);
        let opinion = model.judge(&features);
        if opinion.probability < model.threshold {
            return;
        }
        let words: Vec<String> = opinion
            .reasons
            .iter()
            .filter(|r| model::telling(r))
            .take(3)
            .map(|r| format!("'{}'", model::describe(r)))
            .collect();
        let words = if words.is_empty() { "the sentence as a whole".to_string() } else { words.join(", ") };
        let hint = format!("{} {words}{}", hints::HINT_MEANING_LEAD, hints::HINT_MEANING_TAIL);
        let start = sentence.text.len() - sentence.text.trim_start().len();
        sentence.add(start, sentence.text.len(), "meaning", Severity::Warn, hint);
    }

    /// Scans one field's text and returns its findings, in order of position.
    pub fn scan(&self, field: &str, text: &str) -> Vec<Finding> {
        self.scan_counted(field, text).0
    }

    /// Scans and also reports how much work the scan took (for the linearity tests).
    pub fn scan_counted(&self, field: &str, text: &str) -> (Vec<Finding>, ScanWork) {
        let prepared = numeral_view(&normalise(text));
        let t = prepared.text.as_str();
        let mut work = ScanWork::default();
        let mut raw: Vec<Raw> = Vec::new();
        for (s, e) in sentences(t) {
            let mut sentence = Sentence { text: &t[s..e], base: s, breaks: Vec::new(), calls: 0, out: Vec::new() };
            self.read(&mut sentence);
            if sentence.out.is_empty() {
                self.second_opinion(&mut sentence);
            }
            work.sentences += 1;
            work.regex_calls += sentence.calls;
            work.max_regex_calls_in_a_sentence = work.max_regex_calls_in_a_sentence.max(sentence.calls);
            work.longest_sentence = work.longest_sentence.max(e - s);
            raw.extend(sentence.out);
        }

        // Keep the widest finding where findings overlap; a block outranks a warning.
        raw.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut kept: Vec<Raw> = Vec::new();
        for f in raw {
            if let Some(last) = kept.last_mut() {
                if f.0 < last.1 {
                    last.1 = last.1.max(f.1);
                    if f.3 == Severity::Block && last.3 == Severity::Warn {
                        last.2 = f.2;
                        last.3 = Severity::Block;
                        last.4 = f.4;
                    }
                    continue;
                }
            }
            kept.push(f);
        }

        // Back to the original text: character ranges and the author's own characters.
        let offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
        let chars = offsets.len() - 1;
        let findings = kept
            .into_iter()
            .map(|(s, e, rule, severity, hint)| {
                let (start, end) = prepared.original(s, e);
                let (start, end) = (start.min(chars), end.min(chars).max(start.min(chars)));
                Finding {
                    field: field.to_string(),
                    start,
                    end,
                    rule,
                    severity,
                    hint,
                    excerpt: text[offsets[start]..offsets[end]].to_string(),
                }
            })
            .collect();
        (findings, work)
    }
}
