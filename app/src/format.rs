//! Numbers, money and dates as a reader expects them, in either language.

use crate::i18n::Lang;

/// Groups digits in threes: 7230625 -> "7,230,625".
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Text for HTML: `&`, `<`, `>` and `"` as references (the page's `<title>`, and
/// the planner's answer, which the browser puts in place as markup).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

/// Dollars from cents; whole-dollar amounts print without cents.
pub fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let dollars = grouped((abs / 100) as i64);
    match abs % 100 {
        0 => format!("{sign}${dollars}"),
        c => format!("{sign}${dollars}.{c:02}"),
    }
}

/// A percentage with at most one decimal: 5.0 -> "5%", 12.25 -> "12.3%".
pub fn percent(p: f64) -> String {
    let one = fixed(p, 1);
    format!("{}%", one.strip_suffix(".0").unwrap_or(&one))
}

/// `v` with exactly `places` decimals (at most 9), rounded half away from
/// zero: 12.2613 with 2 -> "12.26". Written with integers, not the float
/// formatter, which would be most of the planner's WASM.
pub fn fixed(v: f64, places: u32) -> String {
    let scale = 10u64.pow(places.min(9));
    // `as` saturates: a value past u64's range (never a percentage) prints its limit.
    let n = (v.abs() * scale as f64).round() as u64;
    let sign = if v < 0.0 && n != 0 { "-" } else { "" };
    match places.min(9) {
        0 => format!("{sign}{n}"),
        p => format!("{sign}{}.{:0width$}", n / scale, n % scale, width = p as usize),
    }
}

/// The shortest of `v`'s decimal forms (up to 9 decimals) that reads back as
/// `v`: 0.5 -> "0.5", 2.0 -> "2", 0.25 -> "0.25".
pub fn shortest(v: f64) -> String {
    (0..9)
        .find(|&d| {
            let scale = 10f64.powi(d as i32);
            (v * scale).round() / scale == v
        })
        .map_or_else(|| fixed(v, 9), |d| fixed(v, d))
}

/// The share of `part` in `whole` as a percentage string.
pub fn share(part: i64, whole: i64) -> String {
    if whole == 0 {
        return "0%".into();
    }
    percent(part as f64 * 100.0 / whole as f64)
}

/// A p-value to three significant decimals, or "< 0.001".
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

/// Parses `YYYY-MM-DD` into (year, month, day), checking the calendar.
pub fn parse_iso_date(s: &str) -> Option<(i32, u32, u32)> {
    crate::values::IsoDate::parse(s).ok().map(|d| (d.year(), d.month(), d.day()))
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// A date for reading: "November 5, 2024" or "5 de noviembre de 2024". Accepts an
/// ISO date or the date part of an RFC 3339 timestamp; anything else is shown as is.
pub fn date(lang: Lang, iso: &str) -> String {
    let Some((y, m, d)) = iso.get(0..10).and_then(parse_iso_date) else {
        return iso.to_string();
    };
    let i = (m - 1) as usize;
    match lang {
        Lang::En => format!("{} {d}, {y}", MONTHS_EN[i]),
        Lang::Es => format!("{d} de {} de {y}", MONTHS_ES[i]),
    }
}

/// A chart's text description: each bar with its amount and share of the total.
pub fn chart_description(bars: &[(String, i64)]) -> String {
    let total: i64 = bars.iter().fold(0i64, |t, b| t.saturating_add(b.1));
    bars.iter()
        .map(|(label, cents)| format!("{label}: {} ({})", money(*cents), share(*cents, total)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A date as APA writes it: "2024, November 5".
pub fn apa_date(iso: &str) -> String {
    match iso.get(0..10).and_then(parse_iso_date) {
        Some((y, m, d)) => format!("{y}, {} {d}", MONTHS_EN[(m - 1) as usize]),
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_the_float_formatter_printed_them() {
        for v in [0.0, 5.0, 12.25, 12.26, 0.04, 99.95, 33.333, 100.0, 7.0 / 3.0, 0.1226 * 100.0] {
            let rounded = (v * 10.0f64).round() / 10.0;
            let old = if rounded.fract() == 0.0 { format!("{rounded:.0}%") } else { format!("{rounded:.1}%") };
            assert_eq!(percent(v), old, "{v}");
            assert_eq!(fixed(v, 2), format!("{v:.2}"), "{v}");
        }
        assert_eq!(fixed(-1.5, 1), "-1.5");
        assert_eq!(fixed(2.0, 0), "2");
        for v in [0.5, 2.0, 0.25, 0.1, 0.01, 49.9, 1.125] {
            assert_eq!(shortest(v), format!("{v}"), "{v}");
        }
    }

    #[test]
    fn money_formats() {
        assert_eq!(money(723_062_500), "$7,230,625");
        assert_eq!(money(36_153_100), "$361,531");
        assert_eq!(money(759_215_600), "$7,592,156");
        assert_eq!(money(123_456), "$1,234.56");
        assert_eq!(money(5), "$0.05");
        assert_eq!(money(0), "$0");
        assert_eq!(money(-100_000), "-$1,000");
    }

    #[test]
    fn dates() {
        assert_eq!(date(Lang::En, "2024-11-05"), "November 5, 2024");
        assert_eq!(date(Lang::Es, "2024-11-05"), "5 de noviembre de 2024");
        assert_eq!(date(Lang::En, "2024-11-05T10:00:00Z"), "November 5, 2024");
        assert!(parse_iso_date("2023-02-29").is_none());
        assert!(parse_iso_date("2024-02-29").is_some());
        assert!(parse_iso_date("2024-13-01").is_none());
        assert_eq!(apa_date("2024-11-05T10:00:00Z"), "2024, November 5");
    }

    #[test]
    fn percents() {
        assert_eq!(percent(5.0), "5%");
        assert_eq!(percent(12.25), "12.3%");
        assert_eq!(share(1, 4), "25%");
        assert_eq!(p_value(0.0004), "< 0.001");
        assert_eq!(p_value(0.0312), "0.031");
    }
}
