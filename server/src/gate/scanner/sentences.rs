//! Sentences and clauses. The normalised text is cut into sentences of bounded length
//! (abbreviations such as "Dr." or "e.g." do not end one), and each sentence is read by
//! the rules through a [`Sentence`], which counts the regex calls it takes, knows its
//! clause boundaries, and collects the findings. Also the small word helpers the rules
//! use to look around a match.

use super::patterns::{re, NEGATION};
use super::Severity;
use regex::{Captures, Regex};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Longest piece of text that a rule reads at once; longer sentences are cut at a space.
pub(super) const MAX_SENTENCE: usize = 800;

/// Words whose full stop does not end a sentence ("Dr.", "e.g.", "Sept.").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sgt", "lt", "capt", "dep", "det", "jr", "sr", "inc", "co", "corp", "ltd", "llc",
    "no", "nos", "vs", "e.g", "i.e", "u.s", "approx", "ave", "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "gov", "rep", "sen", "hon", "ft", "mt", "ext", "fig", "sec", "vol",
    "cf", "al", "rev", "ver",
];

/// Byte ranges of the sentences of `t`, none longer than MAX_SENTENCE.
pub(super) fn sentences(t: &str) -> Vec<(usize, usize)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        let mut s = s;
        while e > s && e - s > MAX_SENTENCE {
            let mut cut = s + MAX_SENTENCE;
            while cut > s && !t.is_char_boundary(cut) {
                cut -= 1;
            }
            let at_space = t[s..cut].rfind(char::is_whitespace).filter(|&o| o > MAX_SENTENCE / 2).map(|o| s + o);
            let cut = at_space.unwrap_or(cut);
            out.push((s, cut));
            s = cut;
        }
        if e > s && !t[s..e].trim().is_empty() {
            out.push((s, e));
        }
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let boundary = match c {
            b'\n' => true,
            b'.' | b'!' | b'?' => {
                let next = b.get(i + 1);
                if next.is_none() {
                    true
                } else if !next.is_some_and(|n| n.is_ascii_whitespace()) {
                    false
                } else {
                    let after = t[i + 1..].trim_start();
                    let starts_new = after.chars().next().is_none_or(|n| {
                        n.is_uppercase() || n.is_ascii_digit() || n == '"' || n == '\'' || n == '(' || n == '-'
                    });
                    let word_start = t[..i]
                        .rfind(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.'))
                        .map(|p| p + t[p..].chars().next().map_or(1, char::len_utf8));
                    let word = t[word_start.unwrap_or(0)..i].to_ascii_lowercase();
                    let abbreviation = c == b'.'
                        && (ABBREVIATIONS.contains(&word.as_str())
                            || (word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic()));
                    starts_new && !abbreviation
                }
            }
            _ => false,
        };
        if boundary {
            push(start, i + 1, &mut out);
            start = i + 1;
        }
        i += 1;
    }
    push(start, b.len(), &mut out);
    out
}

/// A finding inside the normalised text: byte range, rule, severity, hint.
pub(super) type Raw = (usize, usize, &'static str, Severity, Cow<'static, str>);

/// One sentence being read, with its clause boundaries and the findings so far.
pub(super) struct Sentence<'a> {
    pub(super) text: &'a str,
    pub(super) base: usize,
    pub(super) breaks: Vec<usize>,
    pub(super) calls: usize,
    pub(super) out: Vec<Raw>,
}

impl<'a> Sentence<'a> {
    pub(super) fn find(&mut self, re: &Regex) -> Vec<(usize, usize)> {
        self.calls += 1;
        re.find_iter(self.text).map(|m| (m.start(), m.end())).collect()
    }

    pub(super) fn caps(&mut self, re: &Regex) -> Vec<Captures<'a>> {
        self.calls += 1;
        re.captures_iter(self.text).collect()
    }

    pub(super) fn has(&mut self, re: &Regex) -> bool {
        self.calls += 1;
        re.is_match(self.text)
    }

    pub(super) fn has_in(&mut self, re: &Regex, s: &str) -> bool {
        self.calls += 1;
        re.is_match(s)
    }

    pub(super) fn clause(&self, pos: usize) -> usize {
        self.breaks.partition_point(|&b| b <= pos)
    }

    pub(super) fn lower(&self) -> String {
        self.text.to_ascii_lowercase()
    }

    pub(super) fn add(
        &mut self,
        s: usize,
        e: usize,
        rule: &'static str,
        sev: Severity,
        hint: impl Into<Cow<'static, str>>,
    ) {
        let mut e = e;
        while e > s && matches!(self.text.as_bytes()[e - 1], b' ' | b',' | b'\t' | b'.' | b';' | b':') {
            e -= 1;
        }
        if e > s {
            self.out.push((self.base + s, self.base + e, rule, sev, hint.into()));
        }
    }
}

/// Whether a match of an "undo" pattern (restored, changed...) is itself negated
/// ("has not been reconnected", "never been changed", "no longer receives security fixes").
pub(super) fn negated(m: &str) -> bool {
    static NEGATED: OnceLock<Regex> = OnceLock::new();
    NEGATED.get_or_init(|| re(&format!(r"^\s*(?:{NEGATION})\b"))).is_match(m)
}

/// Whether the words just before byte `a` deny what follows ("never connected").
pub(super) fn denied(t: &str, a: usize) -> bool {
    let before = t[..a].to_ascii_lowercase();
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    words.iter().any(|w| {
        ["never", "not", "no", "isn't", "aren't", "doesn't", "don't", "without", "cannot", "can't", "nor"].contains(w)
    })
}

pub(super) fn char_after(t: &str, i: usize) -> Option<char> {
    t[i..].chars().next()
}

/// The word just after byte `i` (skipping spaces), lowercased.
pub(super) fn next_word(t: &str, i: usize) -> String {
    t[i..]
        .trim_start()
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The word just before byte `i` (skipping spaces), lowercased.
pub(super) fn previous_word(t: &str, i: usize) -> String {
    t[..i]
        .trim_end()
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

pub(super) fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}
