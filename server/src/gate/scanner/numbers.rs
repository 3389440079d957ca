//! Numbers spelled in words ("ten dot forty-two", "port thirty-three eighty-nine") read
//! as digits, and defanged dots ("10[.]20", "host(dot)county") read as dots, so that an
//! address or a code written out in words is found like one written in digits. The
//! rewritten text keeps the map back to the original characters.

use super::normalise::Mapped;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum NumKind {
    Unit,
    Teen,
    Tens,
    TensUnit,
    Hundred,
    /// A Spanish hundreds word ("doscientos"): a whole number of hundreds.
    Hundreds,
    Thousand,
}

/// The value of a number word ("seven", "forty-two", "hundred") and what kind it is.
fn number_word(w: &str) -> Option<(u64, NumKind)> {
    const UNITS: [&str; 10] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    const TEENS: [&str; 10] =
        ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    let w = w.to_ascii_lowercase();
    if let Some((a, b)) = w.split_once('-') {
        let t = TENS.iter().position(|x| *x == a)?;
        let u = UNITS.iter().position(|x| *x == b).filter(|&u| u > 0)?;
        return Some(((t as u64 + 2) * 10 + u as u64, NumKind::TensUnit));
    }
    if let Some(u) = UNITS.iter().position(|x| *x == w) {
        return Some((u as u64, NumKind::Unit));
    }
    if let Some(t) = TEENS.iter().position(|x| *x == w) {
        return Some((t as u64 + 10, NumKind::Teen));
    }
    if let Some(t) = TENS.iter().position(|x| *x == w) {
        return Some(((t as u64 + 2) * 10, NumKind::Tens));
    }
    match w.as_str() {
        "hundred" => return Some((100, NumKind::Hundred)),
        "thousand" => return Some((1000, NumKind::Thousand)),
        _ => {}
    }
    spanish_number_word(&w)
}

/// Spanish number words ("cuatro", "dieciséis", "ciento noventa", "tres mil"). "once"
/// (eleven) and "mil" are English words too; the caller reads them only inside a run.
fn spanish_number_word(w: &str) -> Option<(u64, NumKind)> {
    const UNITS: [&str; 10] = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"];
    const TEENS: [&str; 10] =
        ["diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"];
    const TWENTIES: [&str; 10] = [
        "veinte",
        "veintiuno",
        "veintidós",
        "veintitrés",
        "veinticuatro",
        "veinticinco",
        "veintiséis",
        "veintisiete",
        "veintiocho",
        "veintinueve",
    ];
    const TENS: [&str; 7] = ["treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"];
    const HUNDREDS: [&str; 9] = [
        "ciento",
        "doscientos",
        "trescientos",
        "cuatrocientos",
        "quinientos",
        "seiscientos",
        "setecientos",
        "ochocientos",
        "novecientos",
    ];
    let w = w.to_lowercase();
    let w = match w.as_str() {
        "dieciseis" => "dieciséis".to_string(),
        "veintidos" => "veintidós".to_string(),
        "veintitres" => "veintitrés".to_string(),
        "veintiseis" => "veintiséis".to_string(),
        "cien" => "ciento".to_string(),
        _ => w,
    };
    if let Some(u) = UNITS.iter().position(|x| *x == w) {
        return Some((u as u64, NumKind::Unit));
    }
    if let Some(t) = TEENS.iter().position(|x| *x == w) {
        return Some((t as u64 + 10, NumKind::Teen));
    }
    if let Some(t) = TWENTIES.iter().position(|x| *x == w) {
        return Some((20 + t as u64, if t == 0 { NumKind::Tens } else { NumKind::TensUnit }));
    }
    if let Some(t) = TENS.iter().position(|x| *x == w) {
        return Some(((t as u64 + 3) * 10, NumKind::Tens));
    }
    if let Some(h) = HUNDREDS.iter().position(|x| *x == w) {
        return Some(((h as u64 + 1) * 100, NumKind::Hundreds));
    }
    (w == "mil").then_some((1000, NumKind::Thousand))
}

/// The character a spoken separator stands for ("dot" is ".", "slash" is "/").
fn separator_word(w: &str) -> Option<&'static str> {
    Some(match w.to_ascii_lowercase().as_str() {
        "dot" | "point" | "period" | "punto" => ".",
        "slash" | "barra" => "/",
        "colon" => ":",
        "dash" | "hyphen" => "-",
        "hash" | "pound" => "#",
        "star" | "asterisk" => "*",
        _ => return None,
    })
}

/// One group of number words read additively ("two hundred fifty-one" = 251).
#[derive(Default)]
struct Group {
    thousands: u64,
    low: u64,
    last: Option<NumKind>,
    hundred: bool,
}

impl Group {
    /// Adds a word to the group, or returns false when it starts a new group.
    fn add(&mut self, v: u64, k: NumKind) -> bool {
        use NumKind::*;
        let Some(last) = self.last else {
            if k == Thousand {
                self.thousands = v;
            } else {
                self.low = v;
            }
            self.hundred = k == Hundreds;
            self.last = Some(k);
            return true;
        };
        let ok = match (last, k) {
            (Tens, Unit) if v > 0 => {
                self.low += v;
                true
            }
            (Hundred | Hundreds | Thousand, Unit | Teen | Tens | TensUnit) if self.low.is_multiple_of(100) && v > 0 => {
                self.low += v;
                true
            }
            (Unit | Teen | Tens | TensUnit, Hundred) if !self.hundred && self.low > 0 && self.low < 100 => {
                self.low *= 100;
                self.hundred = true;
                true
            }
            (Thousand, Hundreds) if self.low == 0 => {
                self.low = v;
                self.hundred = true;
                true
            }
            (Unit | Teen | Tens | TensUnit | Hundred | Hundreds, Thousand) if self.thousands == 0 && self.low > 0 => {
                self.thousands = self.low * 1000;
                self.low = 0;
                self.hundred = false;
                true
            }
            _ => false,
        };
        if ok {
            self.last = Some(k);
        }
        ok
    }

    fn digits(&self) -> String {
        (self.thousands + self.low).to_string()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Digits,
}

/// Rewrites numbers spelled in words as digits, and defanged dots as dots.
pub(super) fn numeral_view(m: &Mapped) -> Mapped {
    let t = &m.text;
    let b = t.as_bytes();
    // Words (ASCII letters with inner hyphens) and digit runs.
    let mut toks: Vec<(usize, usize, TokKind)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = t[i..].chars().next().unwrap_or(' ');
        if c.is_alphabetic() {
            let s = i;
            while i < b.len() {
                let c = t[i..].chars().next().unwrap_or(' ');
                let inner_hyphen =
                    c == '-' && i > s && t[i + 1..].chars().next().is_some_and(|n| n.is_ascii_alphabetic());
                if c.is_alphabetic() || inner_hyphen {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            toks.push((s, i, TokKind::Word));
        } else if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            toks.push((s, i, TokKind::Digits));
        } else {
            i += c.len_utf8();
        }
    }
    // What lies between two tokens: a space, a comma, or something that ends a run.
    #[derive(PartialEq)]
    enum Gap {
        Space,
        Comma,
        Other,
    }
    let gap = |a: usize, z: usize| -> Gap {
        let g = &t[a..z];
        if g.is_empty() || g.len() > 4 {
            return Gap::Other;
        }
        if g.chars().all(|c| c == ' ') {
            Gap::Space
        } else if g.trim() == "," {
            Gap::Comma
        } else {
            Gap::Other
        }
    };
    let word = |k: usize| &t[toks[k].0..toks[k].1];
    // "once" (Spanish eleven) and "mil" (Spanish thousand) are English words too: they
    // count only right after a Spanish number word.
    let after_spanish =
        |k: usize| k > 0 && toks[k - 1].2 == TokKind::Word && spanish_number_word(word(k - 1)).is_some();
    let is_num = |k: usize, mid_run: bool| -> bool {
        match toks[k].2 {
            TokKind::Digits => true,
            TokKind::Word => {
                let w = word(k).to_lowercase();
                if w == "once" || w == "mil" {
                    return mid_run && after_spanish(k);
                }
                number_word(&w).is_some() || (mid_run && w == "oh")
            }
        }
    };
    let mut replacements: Vec<(usize, usize, String)> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if !is_num(k, false) {
            k += 1;
            continue;
        }
        // Extend the run: NUM ((space | comma | space SEP space) NUM)*
        let mut items: Vec<(usize, Option<&'static str>)> = vec![(k, None)];
        let mut j = k;
        loop {
            let n = j + 1;
            if n >= toks.len() {
                break;
            }
            match gap(toks[j].1, toks[n].0) {
                Gap::Space if is_num(n, true) => {
                    items.push((n, None));
                    j = n;
                }
                Gap::Comma if is_num(n, false) && toks[n].2 == TokKind::Word => {
                    items.push((n, Some(", ")));
                    j = n;
                }
                Gap::Space if toks[n].2 == TokKind::Word => {
                    let w = word(n);
                    let sep = separator_word(w);
                    let and = w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("y");
                    let m2 = n + 1;
                    if (sep.is_some() || and)
                        && m2 < toks.len()
                        && gap(toks[n].1, toks[m2].0) == Gap::Space
                        && is_num(m2, true)
                    {
                        if and {
                            // "one hundred and twelve", "noventa y dos" only.
                            let prev = word(j).to_lowercase();
                            let english = prev == "hundred" || prev == "thousand";
                            let spanish = w.eq_ignore_ascii_case("y")
                                && spanish_number_word(&prev).is_some_and(|(_, k)| k == NumKind::Tens)
                                && spanish_number_word(word(m2)).is_some_and(|(v, k)| k == NumKind::Unit && v > 0);
                            let english = english && w.eq_ignore_ascii_case("and");
                            if !(english || spanish) {
                                break;
                            }
                            items.push((m2, None));
                        } else {
                            items.push((m2, sep));
                        }
                        j = m2;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        let spelled = items.iter().any(|&(x, sep)| toks[x].2 == TokKind::Word || sep.is_some_and(|s| s != ", "));
        let lone_one = items.len() == 1 && (word(k).eq_ignore_ascii_case("one") || word(k).eq_ignore_ascii_case("uno"));
        if spelled && !lone_one {
            let mut out = String::new();
            let mut group = Group::default();
            let flush = |g: &mut Group, out: &mut String| {
                if g.last.is_some() {
                    out.push_str(&g.digits());
                }
                *g = Group::default();
            };
            for &(x, sep) in &items {
                if let Some(sep) = sep {
                    flush(&mut group, &mut out);
                    out.push_str(sep);
                }
                match toks[x].2 {
                    TokKind::Digits => {
                        flush(&mut group, &mut out);
                        out.push_str(word(x));
                    }
                    TokKind::Word => {
                        let (v, kind) = number_word(word(x)).unwrap_or((0, NumKind::Unit));
                        if !group.add(v, kind) {
                            flush(&mut group, &mut out);
                            group.add(v, kind);
                        }
                    }
                }
            }
            flush(&mut group, &mut out);
            replacements.push((toks[k].0, toks[j].1, out));
        }
        k = j + 1;
    }

    // Copy the text with the replacements, reading defanged dots as dots on the way.
    let mut out = Mapped::with_capacity(t.len());
    let mut r = 0;
    let mut i = 0;
    while i < b.len() {
        if r < replacements.len() && replacements[r].0 == i {
            let (s, e, ref digits) = replacements[r];
            let (from, to) = m.original(s, e);
            out.push_str(digits, from as u32, to as u32);
            i = e;
            r += 1;
            continue;
        }
        if matches!(b[i], b'[' | b'(' | b'{') && i > 0 && b[i - 1].is_ascii_alphanumeric() {
            let rest = &t[i..];
            let mut hit = None;
            for (pat, rep) in
                [("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("(dot)", "."), ("[at]", "@"), ("(at)", "@")]
            {
                if rest.get(..pat.len()).is_some_and(|head| head.eq_ignore_ascii_case(pat)) {
                    if b.get(i + pat.len()).is_some_and(|c| c.is_ascii_alphanumeric()) {
                        hit = Some((pat.len(), rep));
                    }
                    break;
                }
            }
            if let Some((len, rep)) = hit {
                let (from, to) = m.original(i, i + len);
                out.push_str(rep, from as u32, to as u32);
                i += len;
                continue;
            }
        }
        let clen = t[i..].chars().next().map(char::len_utf8).unwrap_or(1);
        out.text.push_str(&t[i..i + clen]);
        out.src.extend_from_slice(&m.src[i..i + clen]);
        i += clen;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::normalise::normalise;
    use super::super::tests::rules_found;
    use super::*;

    #[test]
    fn numbers_spelled_in_words_are_read_as_digits() {
        let view = |s: &str| numeral_view(&normalise(s)).text;
        assert_eq!(view("ten dot forty-two dot eight dot fifteen"), "10.42.8.15");
        assert_eq!(view("port thirty-three eighty-nine"), "port 3389");
        assert_eq!(view("one nine two dot one six eight dot one dot fifty"), "192.168.1.50");
        assert_eq!(view("one seventy-two dot sixteen dot two hundred fifty-one dot five"), "172.16.251.5");
        assert_eq!(view("code zero four one seven"), "code 0417");
        assert_eq!(view("eight thousand eighty"), "8080");
        assert_eq!(view("twenty-seven, fourteen, thirty-nine"), "27, 14, 39");
        assert_eq!(view("one hundred and twelve precincts"), "112 precincts");
        assert_eq!(view("no one saw it; the one at the door"), "no one saw it; the one at the door");
        assert_eq!(view("a two-person team"), "a two-person team");
        assert_eq!(view("vault01[.]county[dot]org"), "vault01.county.org");
        assert_eq!(view("diez punto cero punto tres punto doce"), "10.0.3.12");
        assert_eq!(view("ciento noventa y dos punto ciento sesenta y ocho punto uno punto diez"), "192.168.1.10");
        assert_eq!(view("el tres mil trescientos ochenta y nueve"), "el 3389");
        assert_eq!(view("dieciocho, treinta y dos, siete"), "18, 32, 7");
        assert_eq!(view("cuatro cuatro siete dos"), "4472");
        assert_eq!(view("backups run once a quarter on 4 mil bags"), "backups run once a quarter on 4 mil bags");
        assert_eq!(view("una vez al año"), "una vez al año");
        assert_eq!(rules_found("The server moved to ten dot forty-two dot eight dot fifteen."), ["ipv4"]);
        assert_eq!(rules_found("The vendor gets in on port thirty-three eighty-nine."), ["port"]);
        assert_eq!(rules_found("The door code is four eight two one."), ["access-code"]);
        assert_eq!(rules_found("The new code for the side door is six one one nine."), ["access-code"]);
        assert_eq!(rules_found("Use lockbox code 1962 at the annex."), ["access-code"]);
        assert_eq!(rules_found("The ZIP code 65201 and RSMo code 115.447 are public."), Vec::<&str>::new());
    }
}
