//! Money as whole cents, never floating point.

use std::fmt;

/// A non-negative amount of money in cents, at most [`Cents::MAX`] (ten billion
/// dollars), so that sums over millions of records cannot overflow an `i64`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cents(i64);

impl Cents {
    /// $10,000,000,000.00: far above any election grant, far below overflow.
    pub const MAX: Cents = Cents(1_000_000_000_000);
    pub const ZERO: Cents = Cents(0);

    /// An amount from cents, checked against the bounds.
    pub fn new(cents: i64) -> Result<Cents, String> {
        if cents < 0 {
            Err("must not be negative".into())
        } else if cents > Cents::MAX.0 {
            Err("is more than $10,000,000,000; check the amount".into())
        } else {
            Ok(Cents(cents))
        }
    }

    /// Parses dollars as people write them: `1234.56`, `$1,234.56`, `1234`,
    /// `1234.5`. Thousands commas must be in the right places; at most two decimals.
    pub fn parse_dollars(s: &str) -> Result<Cents, String> {
        let t = s.trim();
        let t = t.strip_prefix('$').unwrap_or(t).trim();
        if t.is_empty() {
            return Err("is empty; write an amount such as 1234.56".into());
        }
        let (whole, fraction) = match t.split_once('.') {
            Some((w, f)) => (w, f),
            None => (t, ""),
        };
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("\"{}\" is not an amount in dollars like 1234.56", shorten(s)));
        }
        if fraction.len() > 2 {
            return Err(format!("\"{}\" has more than two decimals; amounts are in dollars and cents", shorten(s)));
        }
        if whole.contains(',') {
            let groups: Vec<&str> = whole.split(',').collect();
            let first_ok = (1..=3).contains(&groups[0].len());
            if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
                return Err(format!("\"{}\" has thousands commas in the wrong places", shorten(s)));
            }
        }
        let digits: String = whole.chars().filter(|c| *c != ',').collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("\"{}\" is not an amount such as 1234.56", shorten(s)));
        }
        if digits.len() > 12 {
            return Err("is more than $10,000,000,000; check the amount".into());
        }
        let dollars: i64 = digits.parse().map_err(|_| format!("\"{}\" is not an amount", shorten(s)))?;
        let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        Cents::new(dollars * 100 + cents)
    }

    pub fn get(self) -> i64 {
        self.0
    }

    /// The sum, or an error naming the bound (a checked sum: no silent overflow).
    pub fn checked_add(self, other: Cents) -> Result<Cents, String> {
        Cents::new(self.0 + other.0)
    }

    /// Dollars with two decimals and no separators, as forms and CSV show them.
    pub fn to_dollars(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

fn shorten(s: &str) -> String {
    s.trim().chars().take(40).collect()
}

impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_dollars())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_become_cents_exactly() {
        assert_eq!(Cents::parse_dollars("1234.56").unwrap().get(), 123_456);
        assert_eq!(Cents::parse_dollars("$7,230,625").unwrap().get(), 723_062_500);
        assert_eq!(Cents::parse_dollars("0.1").unwrap().get(), 10);
        assert_eq!(Cents::parse_dollars(" 12 ").unwrap().get(), 1200);
        assert_eq!(Cents::parse_dollars("10000000000").unwrap(), Cents::MAX);
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in [
            "",
            "$",
            "abc",
            "1.234",
            "-5",
            "1,23",
            "12,3456",
            "1.2.3",
            "1e5",
            "10000000000.01",
            "92233720368547758.07",
            "99999999999999999999",
        ] {
            assert!(Cents::parse_dollars(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn bounds_and_sums_are_checked() {
        assert!(Cents::new(-1).is_err());
        assert!(Cents::new(Cents::MAX.get() + 1).is_err());
        assert!(Cents::MAX.checked_add(Cents::new(1).unwrap()).is_err());
        assert_eq!(Cents::new(150).unwrap().to_dollars(), "1.50");
    }
}
