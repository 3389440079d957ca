//! Normalisation: the text as the rules read it. Character references are decoded
//! (`&#46;`, `&period;`), invisible characters removed (`pass\u{200B}word`), Unicode NFKC
//! applied (full-width digits, ligatures) and typographic quotes and dashes folded to
//! ASCII. Every byte of the result keeps the range of original characters it came from,
//! so findings point at what the author wrote.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Text as the rules read it, with the original character range of every byte.
pub(super) struct Mapped {
    pub(super) text: String,
    /// For every byte of `text`: the range of characters of the original text it came from.
    pub(super) src: Vec<(u32, u32)>,
}

impl Mapped {
    pub(super) fn with_capacity(n: usize) -> Self {
        Mapped { text: String::with_capacity(n), src: Vec::with_capacity(n) }
    }

    pub(super) fn push_str(&mut self, s: &str, from: u32, to: u32) {
        self.text.push_str(s);
        self.src.extend(std::iter::repeat_n((from, to), s.len()));
    }

    pub(super) fn push_char(&mut self, c: char, from: u32, to: u32) {
        let mut buf = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buf), from, to);
    }

    /// The original character range of the bytes `start..end` of `text`.
    pub(super) fn original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.src.is_empty() {
            return (0, 0);
        }
        let end = end.clamp(1, self.src.len());
        let start = start.min(end - 1);
        (self.src[start].0 as usize, self.src[end - 1].1 as usize)
    }
}

/// Characters that show nothing and can hide a word from a pattern ("pass\u{200B}word").
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Typographic quotes and dashes read as their ASCII forms.
fn fold_typography(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{3002}' => '.',
        _ => c,
    }
}

/// The named character references an author might use to hide a character.
fn named_reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" | "NonBreakingSpace" => '\u{A0}',
        "period" => '.',
        "colon" => ':',
        "sol" => '/',
        "bsol" => '\\',
        "commat" => '@',
        "num" => '#',
        "excl" => '!',
        "lowbar" | "UnderBar" => '_',
        "hyphen" | "dash" => '\u{2010}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "minus" => '\u{2212}',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" | "lbrack" => '[',
        "rsqb" | "rbrack" => ']',
        "lcub" | "lbrace" => '{',
        "rcub" | "rbrace" => '}',
        "comma" => ',',
        "semi" => ';',
        "equals" => '=',
        "plus" => '+',
        "percnt" => '%',
        "dollar" => '$',
        "ast" | "midast" => '*',
        "quest" => '?',
        "Hat" => '^',
        "grave" | "DiacriticalGrave" => '`',
        "verbar" | "vert" | "VerticalLine" => '|',
        "tilde" => '\u{2DC}',
        "shy" => '\u{AD}',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "NoBreak" => '\u{2060}',
        "ZeroWidthSpace"
        | "NegativeVeryThinSpace"
        | "NegativeThinSpace"
        | "NegativeMediumSpace"
        | "NegativeThickSpace" => '\u{200B}',
        "ApplyFunction" | "af" => '\u{2061}',
        "InvisibleTimes" | "it" => '\u{2062}',
        "InvisibleComma" | "ic" => '\u{2063}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "sbquo" => '\u{201A}',
        "bdquo" => '\u{201E}',
        "hellip" => '\u{2026}',
        "middot" | "centerdot" => '\u{B7}',
        "bull" => '\u{2022}',
        "copy" => '\u{A9}',
        "reg" => '\u{AE}',
        "trade" => '\u{2122}',
        "sect" => '\u{A7}',
        "para" => '\u{B6}',
        "deg" => '\u{B0}',
        "times" => '\u{D7}',
        "divide" => '\u{F7}',
        "sup1" => '\u{B9}',
        "sup2" => '\u{B2}',
        "sup3" => '\u{B3}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "NewLine" => '\n',
        "Tab" => '\t',
        _ => return None,
    })
}

/// Decodes one character reference at the start of `s` (which starts with `&`): the
/// character and the number of bytes the reference takes.
fn decode_reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.len() < 3 || b[0] != b'&' {
        return None;
    }
    if b[1] == b'#' {
        let hex = b[2] == b'x' || b[2] == b'X';
        let start = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let mut end = start;
        let mut value: u32 = 0;
        while end < b.len() && (b[end] as char).is_digit(radix) {
            value = value.saturating_mul(radix).saturating_add((b[end] as char).to_digit(radix).unwrap_or(0));
            end += 1;
        }
        if end == start {
            return None;
        }
        let c = char::from_u32(value).filter(|&c| c != '\0').unwrap_or('\u{FFFD}');
        let len = if end < b.len() && b[end] == b';' { end + 1 } else { end };
        return Some((c, len));
    }
    let mut end = 1;
    while end < b.len() && end <= 32 && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    let name = &s[1..end];
    if end < b.len() && b[end] == b';' {
        if let Some(c) = named_reference(name) {
            return Some((c, end + 1));
        }
    }
    // The few references that browsers also read without the semicolon.
    for legacy in ["amp", "lt", "gt", "quot", "nbsp", "shy", "copy", "reg"] {
        if name.starts_with(legacy) {
            return named_reference(legacy).map(|c| (c, 1 + legacy.len()));
        }
    }
    None
}

/// Decodes the character references in `text` (`&#46;`, `&#x2e;`, `&period;`, `&amp;`).
pub(super) fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(off) = text[i..].find('&') {
        out.push_str(&text[i..i + off]);
        i += off;
        match decode_reference(&text[i..]) {
            Some((c, len)) => {
                out.push(c);
                i += len;
            }
            None => {
                out.push('&');
                i += 1;
            }
        }
    }
    out.push_str(&text[i..]);
    out
}

/// Normalises `original` for matching: character references decoded, invisible
/// characters removed, Unicode NFKC, typographic quotes and dashes folded to ASCII.
pub(super) fn normalise(original: &str) -> Mapped {
    // Character references decoded, each character with its original character range.
    let mut decoded: Vec<(char, u32, u32)> = Vec::with_capacity(original.len());
    let (mut ci, mut bi) = (0u32, 0usize);
    while bi < original.len() {
        let rest = &original[bi..];
        let c = rest.chars().next().unwrap_or('\0');
        if c == '&' {
            if let Some((d, len)) = decode_reference(rest) {
                let n = len as u32; // references are ASCII
                if !is_invisible(d) {
                    decoded.push((d, ci, ci + n));
                }
                ci += n;
                bi += len;
                continue;
            }
        }
        if !is_invisible(c) {
            decoded.push((c, ci, ci + 1));
        }
        ci += 1;
        bi += c.len_utf8();
    }
    // NFKC one cluster (a starter and the combining marks after it) at a time, so that
    // every output character keeps the range of the cluster it came from.
    let mut out = Mapped::with_capacity(original.len());
    let mut cluster = String::new();
    let mut i = 0;
    while i < decoded.len() {
        let (c, from, mut to) = decoded[i];
        let mut j = i + 1;
        while j < decoded.len() && canonical_combining_class(decoded[j].0) != 0 {
            to = decoded[j].2;
            j += 1;
        }
        if j == i + 1 && c.is_ascii() {
            out.push_char(c, from, to);
        } else {
            cluster.clear();
            cluster.extend(decoded[i..j].iter().map(|t| t.0));
            for n in cluster.nfkc() {
                let n = fold_typography(n);
                if !is_invisible(n) {
                    out.push_char(n, from, to);
                }
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::numbers::numeral_view;
    use super::*;

    #[test]
    fn normalised_text_maps_back_to_the_original() {
        let m = numeral_view(&normalise("a &amp; b ten dot one dot two dot three c"));
        assert_eq!(m.text, "a & b 10.1.2.3 c");
        let s = m.text.find("10").unwrap();
        let e = m.text.find(" c").unwrap();
        assert_eq!(m.original(s, e), (10, 39));
        assert_eq!(m.original(2, 3), (2, 7), "& came from &amp;");
        let m = normalise("e\u{301}x");
        assert_eq!(m.text, "éx");
        assert_eq!(m.original(0, 2), (0, 2), "a composed character covers its base and mark");
    }
}
