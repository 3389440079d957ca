//! Risk limits and p-values.

/// A percentage strictly between 0 and 100 (an audit's risk limit).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Percent(f64);

impl Percent {
    pub fn new(p: f64) -> Result<Percent, String> {
        if p.is_finite() && p > 0.0 && p < 100.0 {
            Ok(Percent(p))
        } else {
            Err("must be a percentage between 0 and 100".into())
        }
    }

    /// Parses `5`, `5%` or `2.5 %`.
    pub fn parse(s: &str) -> Result<Percent, String> {
        let t = s.trim().trim_end_matches('%').trim();
        let p: f64 = t.parse().map_err(|_| "must be a percentage such as 5 or 5%".to_string())?;
        Percent::new(p)
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// A probability between 0 and 1 inclusive (a p-value).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct PValue(f64);

impl PValue {
    pub fn new(p: f64) -> Result<PValue, String> {
        if p.is_finite() && (0.0..=1.0).contains(&p) {
            Ok(PValue(p))
        } else {
            Err("must be between 0 and 1".into())
        }
    }

    pub fn parse(s: &str) -> Result<PValue, String> {
        let p: f64 = s.trim().parse().map_err(|_| "must be a number between 0 and 1".to_string())?;
        PValue::new(p)
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_are_strictly_between_0_and_100() {
        assert_eq!(Percent::parse("5%").unwrap().get(), 5.0);
        assert_eq!(Percent::parse(" 2.5 ").unwrap().get(), 2.5);
        for bad in ["0", "100", "-1", "abc", "NaN", "inf", ""] {
            assert!(Percent::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn p_values_are_probabilities() {
        assert_eq!(PValue::parse("0.031").unwrap().get(), 0.031);
        assert!(PValue::parse("0").is_ok());
        assert!(PValue::parse("1").is_ok());
        for bad in ["1.01", "-0.1", "NaN", "x"] {
            assert!(PValue::parse(bad).is_err(), "{bad} was accepted");
        }
    }
}
