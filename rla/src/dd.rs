//! Double-double arithmetic (about 31 significant decimal digits).
//!
//! Arlo computes several quantities with Python's `decimal.Decimal`
//! (28 significant digits).  Plain `f64` arithmetic rounds differently in a
//! few published test cases (for example BRAVO's `ceil(size / p_wr)` where the
//! exact quotient is an integer plus 2e-14).  A double-double number carries
//! more precision than Arlo's decimal context, so computing those steps in
//! double-double reproduces Arlo's results except in cases that would have to
//! lie within about 1e-28 (relative) of a rounding boundary.

use std::cmp::Ordering;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// An unevaluated sum `hi + lo` with `|lo| <= ulp(hi)/2`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Dd {
    pub hi: f64,
    pub lo: f64,
}

const LN2: Dd = Dd { hi: std::f64::consts::LN_2, lo: 2.319_046_813_846_299_6e-17 };

/// 0.5 * ln(2*pi)
pub(crate) const HALF_LN_2PI: Dd = Dd { hi: 0.918_938_533_204_672_8, lo: -3.878_294_158_067_241_4e-17 };

#[inline]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    (s, e)
}

#[inline]
fn quick_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let e = b - (s - a);
    (s, e)
}

#[inline]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let e = a.mul_add(b, -p);
    (p, e)
}

/// `x * 2^k` without intermediate overflow for moderate `k`.
pub(crate) fn ldexp(x: f64, k: i64) -> f64 {
    let mut x = x;
    let mut k = k;
    while k > 1000 {
        x *= 2f64.powi(1000);
        k -= 1000;
    }
    while k < -1000 {
        x *= 2f64.powi(-1000);
        k += 1000;
    }
    x * 2f64.powi(k as i32)
}

impl Dd {
    pub const ZERO: Dd = Dd { hi: 0.0, lo: 0.0 };
    pub const ONE: Dd = Dd { hi: 1.0, lo: 0.0 };

    #[inline]
    pub fn from_f64(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }

    /// Exact for every integer up to 2^106.
    pub fn from_u64(x: u64) -> Dd {
        let hi = (x >> 32) as f64 * 4_294_967_296.0;
        let lo = (x & 0xffff_ffff) as f64;
        let (s, e) = two_sum(hi, lo);
        Dd { hi: s, lo: e }
    }

    pub fn from_i64(x: i64) -> Dd {
        if x < 0 {
            -Dd::from_u64(x.unsigned_abs())
        } else {
            Dd::from_u64(x as u64)
        }
    }

    #[inline]
    pub fn to_f64(self) -> f64 {
        self.hi + self.lo
    }

    pub fn is_nan(self) -> bool {
        self.hi.is_nan() || self.lo.is_nan()
    }

    pub fn is_finite(self) -> bool {
        self.hi.is_finite()
    }

    #[cfg(test)]
    pub fn abs(self) -> Dd {
        if self.hi < 0.0 || (self.hi == 0.0 && self.lo < 0.0) {
            -self
        } else {
            self
        }
    }

    pub fn floor(self) -> Dd {
        let fh = self.hi.floor();
        if fh == self.hi {
            let fl = self.lo.floor();
            let (s, e) = quick_two_sum(fh, fl);
            Dd { hi: s, lo: e }
        } else {
            Dd { hi: fh, lo: 0.0 }
        }
    }

    pub fn ceil(self) -> Dd {
        let ch = self.hi.ceil();
        if ch == self.hi {
            let cl = self.lo.ceil();
            let (s, e) = quick_two_sum(ch, cl);
            Dd { hi: s, lo: e }
        } else {
            Dd { hi: ch, lo: 0.0 }
        }
    }

    /// Value as an integer (the value must already be integral and fit).
    pub fn to_i128(self) -> i128 {
        self.hi as i128 + self.lo as i128
    }

    /// `ceil` as an integer, saturating.
    pub fn ceil_i128(self) -> i128 {
        self.ceil().to_i128()
    }

    /// `floor` as an integer, saturating.
    pub fn floor_i128(self) -> i128 {
        self.floor().to_i128()
    }

    pub fn max(self, other: Dd) -> Dd {
        if self >= other {
            self
        } else {
            other
        }
    }

    pub fn sqrt(self) -> Dd {
        if self.hi <= 0.0 {
            return if self.hi == 0.0 { Dd::ZERO } else { Dd::from_f64(f64::NAN) };
        }
        let x = self.hi.sqrt();
        let (p, e) = two_prod(x, x);
        let r = self - Dd { hi: p, lo: e };
        Dd::from_f64(x) + Dd::from_f64(r.hi / (2.0 * x))
    }

    fn mul_pow2(self, k: i64) -> Dd {
        Dd { hi: ldexp(self.hi, k), lo: ldexp(self.lo, k) }
    }

    pub fn exp(self) -> Dd {
        if self.hi > 709.78 {
            return Dd::from_f64(f64::INFINITY);
        }
        if self.hi < -745.2 {
            return Dd::ZERO;
        }
        if self.hi == 0.0 && self.lo == 0.0 {
            return Dd::ONE;
        }
        let k = (self.hi / LN2.hi).round();
        let r = self - LN2 * Dd::from_f64(k);
        // scale down by 2^10 so the Taylor series converges fast
        let r = r.mul_pow2(-10);
        // expm1(r) by Taylor series
        let mut term = r;
        let mut sum = r;
        let mut i = 2.0;
        loop {
            term = term * r / Dd::from_f64(i);
            sum = sum + term;
            if term.hi.abs() < 1e-36 || i > 40.0 {
                break;
            }
            i += 1.0;
        }
        // (1+s)^2 - 1 = 2s + s^2, applied 10 times
        for _ in 0..10 {
            sum = sum.mul_pow2(1) + sum * sum;
        }
        (sum + Dd::ONE).mul_pow2(k as i64)
    }

    pub fn ln(self) -> Dd {
        if self.hi <= 0.0 {
            return if self.hi == 0.0 { Dd::from_f64(f64::NEG_INFINITY) } else { Dd::from_f64(f64::NAN) };
        }
        if !self.hi.is_finite() {
            return Dd::from_f64(f64::INFINITY);
        }
        // Newton iteration on exp(y) = x, starting from the f64 logarithm.
        let mut y = Dd::from_f64(self.hi.ln());
        for _ in 0..2 {
            y = y + self * (-y).exp() - Dd::ONE;
        }
        y
    }
}

impl From<f64> for Dd {
    fn from(x: f64) -> Dd {
        Dd::from_f64(x)
    }
}

impl Neg for Dd {
    type Output = Dd;
    fn neg(self) -> Dd {
        Dd { hi: -self.hi, lo: -self.lo }
    }
}

impl Add for Dd {
    type Output = Dd;
    fn add(self, b: Dd) -> Dd {
        let (s1, s2) = two_sum(self.hi, b.hi);
        if !s1.is_finite() {
            return Dd { hi: s1, lo: 0.0 };
        }
        let (t1, t2) = two_sum(self.lo, b.lo);
        let s2 = s2 + t1;
        let (s1, s2) = quick_two_sum(s1, s2);
        let s2 = s2 + t2;
        let (hi, lo) = quick_two_sum(s1, s2);
        Dd { hi, lo }
    }
}

impl Sub for Dd {
    type Output = Dd;
    fn sub(self, b: Dd) -> Dd {
        self + (-b)
    }
}

impl Mul for Dd {
    type Output = Dd;
    fn mul(self, b: Dd) -> Dd {
        let (p1, p2) = two_prod(self.hi, b.hi);
        if !p1.is_finite() {
            return Dd { hi: p1, lo: 0.0 };
        }
        let p2 = p2 + (self.hi * b.lo + self.lo * b.hi);
        let (hi, lo) = quick_two_sum(p1, p2);
        Dd { hi, lo }
    }
}

impl Div for Dd {
    type Output = Dd;
    fn div(self, b: Dd) -> Dd {
        let q1 = self.hi / b.hi;
        if !q1.is_finite() || b.hi == 0.0 {
            return Dd { hi: q1, lo: 0.0 };
        }
        let r = self - b * Dd::from_f64(q1);
        let q2 = r.hi / b.hi;
        let r = r - b * Dd::from_f64(q2);
        let q3 = r.hi / b.hi;
        let (q1, q2) = quick_two_sum(q1, q2);
        Dd { hi: q1, lo: q2 } + Dd::from_f64(q3)
    }
}

impl PartialOrd for Dd {
    fn partial_cmp(&self, other: &Dd) -> Option<Ordering> {
        match self.hi.partial_cmp(&other.hi) {
            Some(Ordering::Equal) => self.lo.partial_cmp(&other.lo),
            o => o,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_exp_roundtrip() {
        let x = Dd::from_f64(0.36) + Dd::from_f64(0.32);
        let y = x.ln().exp();
        assert!((y - x).abs().to_f64() < 1e-30);
        let ten = Dd::from_f64(10.0);
        // ln(10) = 2.302585092994045684017991454684364207601...
        let l = ten.ln();
        assert_eq!(l.hi, std::f64::consts::LN_10);
        assert!((l.lo - (-2.170_756_223_382_249_4e-16)).abs() < 1e-31);
    }

    #[test]
    fn exact_binary_sum_ceiling() {
        // Arlo: ceil(Decimal(1683) / (Decimal(0.36) + Decimal(0.32))) == 2476
        let p = Dd::from_f64(0.36) + Dd::from_f64(0.32);
        let q = Dd::from_f64(1683.0) / p;
        assert_eq!(q.ceil_i128(), 2476);
        // while f64 says 2475
        assert_eq!((1683.0 / (0.36f64 + 0.32)).ceil(), 2475.0);
    }

    #[test]
    fn sqrt_and_exp() {
        let two = Dd::from_f64(2.0);
        let r = two.sqrt();
        assert!((r * r - two).abs().to_f64() < 1e-31);
        assert_eq!((two.ln() * Dd::from_f64(10.0)).exp().to_f64(), 1024.0);
    }
}
