//! Numerical building blocks: the normal distribution, binomial
//! probabilities, Python-compatible rounding.
//!
//! These replace the `scipy.stats` calls in Arlo and Athena
//! (`norm.ppf`, `norm.cdf`, `norm.isf`, `binom.pmf`, `binom.ppf`).

use crate::dd::{Dd, HALF_LN_2PI};

/// Standard normal density in double-double.
fn normal_pdf_dd(x: Dd) -> Dd {
    (-(x * x) * Dd::from_f64(0.5) - HALF_LN_2PI).exp()
}

/// Upper tail `Q(x) = 1 - Phi(x)` for `x >= 0`.
fn normal_upper_tail(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= 6.0 {
        // Phi(x) - 1/2 = phi(x) * sum_{n>=0} x^(2n+1) / (2n+1)!!
        let xd = Dd::from_f64(x);
        let x2 = xd * xd;
        let mut term = xd;
        let mut sum = xd;
        let mut k = 1.0;
        loop {
            k += 2.0;
            term = term * x2 / Dd::from_f64(k);
            sum = sum + term;
            if term.hi < sum.hi * 1e-34 || k > 2000.0 {
                break;
            }
        }
        let half_minus = normal_pdf_dd(xd) * sum;
        (Dd::from_f64(0.5) - half_minus).to_f64()
    } else {
        if x > 40.0 {
            return 0.0;
        }
        // continued fraction Q(x) = phi(x) / (x + 1/(x + 2/(x + 3/(x + ...))))
        let mut f = x;
        let mut k = 300.0;
        while k >= 1.0 {
            f = x + k / f;
            k -= 1.0;
        }
        normal_pdf_dd(Dd::from_f64(x)).to_f64() / f
    }
}

/// Standard normal cumulative distribution function (like `scipy.stats.norm.cdf`).
pub fn normal_cdf(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x >= 0.0 {
        1.0 - normal_upper_tail(x)
    } else {
        normal_upper_tail(-x)
    }
}

/// Inverse of the standard normal CDF (like `scipy.stats.norm.ppf`).
///
/// For `p > 0.5` the result is `-ppf(1 - p)` (the subtraction is exact), as
/// in `scipy.special.ndtri`.  The lower tail is found by bisection on an
/// accurate CDF down to adjacent doubles, so the result is within an ulp or
/// two of scipy's.
pub fn normal_ppf(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p > 0.5 {
        return -normal_ppf(1.0 - p);
    }
    // Find x <= 0 with Phi(x) = p; Phi(x) = Q(-x) is accurate here.
    let cdf = |x: f64| normal_upper_tail(-x);
    let mut lo = -40.0f64; // Phi(lo) < p
    let mut hi = 0.0f64; // Phi(hi) >= p
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    if (cdf(lo) - p).abs() < (cdf(hi) - p).abs() {
        lo
    } else {
        hi
    }
}

/// Inverse survival function `norm.isf(q) = -norm.ppf(q)`.
pub fn normal_isf(q: f64) -> f64 {
    -normal_ppf(q)
}

/// `ln(n!)` in double-double.
pub(crate) fn ln_factorial(n: u64) -> Dd {
    if n < 2 {
        return Dd::ZERO;
    }
    if n < 40 {
        let mut s = Dd::ZERO;
        for i in 2..=n {
            s = s + Dd::from_u64(i).ln();
        }
        return s;
    }
    let x = Dd::from_u64(n);
    let lnx = x.ln();
    let mut r = (x + Dd::from_f64(0.5)) * lnx - x + HALF_LN_2PI;
    // Stirling series: 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7)
    //   + 1/(1188x^9) - 691/(360360x^11) + 1/(156x^13)
    let inv = Dd::ONE / x;
    let inv2 = inv * inv;
    let coeffs: [(f64, f64); 7] =
        [(1.0, 12.0), (-1.0, 360.0), (1.0, 1260.0), (-1.0, 1680.0), (1.0, 1188.0), (-691.0, 360_360.0), (1.0, 156.0)];
    let mut pw = inv;
    for (num, den) in coeffs {
        r = r + pw * Dd::from_f64(num) / Dd::from_f64(den);
        pw = pw * inv2;
    }
    r
}

/// `ln` of the binomial probability `P(X = k)`, `X ~ Bin(n, p)`, in double-double.
pub(crate) fn ln_binom_pmf(k: u64, n: u64, p: f64) -> Dd {
    let q = Dd::ONE - Dd::from_f64(p);
    let mut r = ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k);
    if k > 0 {
        r = r + Dd::from_u64(k) * Dd::from_f64(p).ln();
    }
    if n - k > 0 {
        r = r + Dd::from_u64(n - k) * q.ln();
    }
    r
}

/// A probability vector over `0..len` stored as a window `[offset, offset + vals.len())`;
/// entries outside the window are zero (they underflow in `f64` anyway).
#[derive(Clone, Debug)]
pub(crate) struct Dist {
    pub len: usize,
    pub offset: usize,
    pub vals: Vec<f64>,
}

impl Dist {
    pub fn point(len: usize, at: usize) -> Dist {
        Dist { len, offset: at, vals: vec![1.0] }
    }

    /// Sum of the entries with index in `[start, end)` (indices clamped).
    pub fn range_sum(&self, start: usize, end: usize) -> f64 {
        let end = end.min(self.len);
        if start >= end {
            return 0.0;
        }
        let a = start.max(self.offset);
        let b = end.min(self.offset + self.vals.len());
        if a >= b {
            return 0.0;
        }
        // sum from the small end for accuracy (compensated)
        let mut s = 0.0f64;
        let mut c = 0.0f64;
        for &v in self.vals[a - self.offset..b - self.offset].iter() {
            let y = v - c;
            let t = s + y;
            c = (t - s) - y;
            s = t;
        }
        s
    }

    /// Set entries with index >= k to zero.
    pub fn truncate_from(&mut self, k: usize) {
        if k <= self.offset {
            self.vals.clear();
        } else if k < self.offset + self.vals.len() {
            self.vals.truncate(k - self.offset);
        }
    }

    /// Full convolution (like `scipy.signal.convolve(a, b)`).
    pub fn convolve(&self, other: &Dist) -> Dist {
        let len = self.len + other.len - 1;
        if self.vals.is_empty() || other.vals.is_empty() {
            return Dist { len, offset: 0, vals: Vec::new() };
        }
        let offset = self.offset + other.offset;
        let mut vals = vec![0.0f64; self.vals.len() + other.vals.len() - 1];
        for (i, &a) in self.vals.iter().enumerate() {
            if a == 0.0 {
                continue;
            }
            for (j, &b) in other.vals.iter().enumerate() {
                vals[i + j] += a * b;
            }
        }
        Dist { len, offset, vals }
    }
}

/// Binomial probabilities `P(X = k)` for `k = 0..=n`, `X ~ Bin(n, p)`
/// (like `scipy.stats.binom.pmf(range(n + 1), n, p)`), as a window around
/// the mode; entries that underflow are omitted.
pub(crate) fn binom_pmf_dist(n: u64, p: f64) -> Dist {
    let len = (n + 1) as usize;
    if n == 0 {
        return Dist::point(1, 0);
    }
    if p <= 0.0 {
        return Dist::point(len, 0);
    }
    if p >= 1.0 {
        return Dist::point(len, n as usize);
    }
    let mode = (((n + 1) as f64) * p).floor().min(n as f64) as u64;
    let ratio_pq = p / (1.0 - p);
    let anchor_every = 64u64;
    // go right from the mode
    let mut right: Vec<f64> = Vec::new();
    let mut k = mode;
    let mut v = ln_binom_pmf(k, n, p).exp().to_f64();
    loop {
        right.push(v);
        if k == n {
            break;
        }
        k += 1;
        if (k - mode).is_multiple_of(anchor_every) {
            v = ln_binom_pmf(k, n, p).exp().to_f64();
        } else {
            v *= ((n - (k - 1)) as f64 / k as f64) * ratio_pq;
        }
        if v == 0.0 {
            break;
        }
    }
    // go left from the mode
    let mut left: Vec<f64> = Vec::new();
    let mut k = mode;
    let mut v = right[0];
    while k > 0 {
        k -= 1;
        if (mode - k).is_multiple_of(anchor_every) {
            v = ln_binom_pmf(k, n, p).exp().to_f64();
        } else {
            v *= ((k + 1) as f64 / (n - k) as f64) / ratio_pq;
        }
        if v == 0.0 {
            break;
        }
        left.push(v);
    }
    let offset = (mode as usize) - left.len();
    left.reverse();
    left.extend(right);
    Dist { len, offset, vals: left }
}

/// Binomial quantile like `scipy.stats.binom.ppf(q, n, p)` (Boost's
/// `integer_round_up` policy): the smallest `k` with `P(X <= k) >= q`.
pub fn binom_ppf(q: f64, n: u64, p: f64) -> f64 {
    if q.is_nan() || !(0.0..=1.0).contains(&q) || p.is_nan() {
        return f64::NAN;
    }
    if n == 0 {
        return 0.0;
    }
    if q == 0.0 {
        return -1.0;
    }
    if q == 1.0 {
        return n as f64;
    }
    let d = binom_pmf_dist(n, p);
    let mut cdf = 0.0f64;
    let mut c = 0.0f64;
    for (i, &v) in d.vals.iter().enumerate() {
        let y = v - c;
        let t = cdf + y;
        c = (t - cdf) - y;
        cdf = t;
        if cdf >= q {
            return (d.offset + i) as f64;
        }
    }
    n as f64
}

/// Binomial CDF `P(X <= k)`.
pub fn binom_cdf(k: f64, n: u64, p: f64) -> f64 {
    if k < 0.0 {
        return 0.0;
    }
    let kk = k.floor();
    if kk >= n as f64 {
        return 1.0;
    }
    let d = binom_pmf_dist(n, p);
    d.range_sum(0, kk as usize + 1)
}

/// Python's `round(x, ndigits)` for floats: round the exact binary value
/// half-to-even at `ndigits` decimals, then return the nearest double.
///
/// Exact without printing the value: `x·10ⁿ` is `p + e` exactly, where `p` is
/// the rounded product and `e` its error from a fused multiply-add. The
/// fraction `p - ⌊p⌋` and its distance from one half are exact too, and when
/// that distance is not zero it is at least an ulp of `p`, more than `|e|`; so
/// the side of one half is the distance's sign, else `e`'s, else a tie (to
/// even). The kept digits over `10ⁿ` is then the nearest double, as Python's
/// `strtod` of the rounded digits gives. (Printing 1,100 digits of `x` would
/// put the float formatter in the browser's planner.)
pub fn py_round(x: f64, ndigits: usize) -> f64 {
    // 10ⁿ is exact up to 10²²; past that (or past 2⁵² after scaling) every
    // digit Python could keep is already in `x`.
    if !x.is_finite() || ndigits > 22 {
        return x;
    }
    let scale = 10f64.powi(ndigits as i32);
    let a = x.abs();
    let p = a * scale;
    if p >= 4_503_599_627_370_496.0 {
        return x;
    }
    let e = a.mul_add(scale, -p);
    let f = p.floor();
    let d = (p - f) - 0.5;
    let up = if d != 0.0 {
        d > 0.0
    } else if e != 0.0 {
        e > 0.0
    } else {
        f % 2.0 == 1.0
    };
    let kept = if up { f + 1.0 } else { f };
    (kept / scale).copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_values() {
        // scipy.stats.norm.ppf(0.9) = 1.2815515655446004
        assert!((normal_ppf(0.9) - 1.281_551_565_544_600_4).abs() < 4e-16);
        // norm.ppf(0.7) = 0.5244005127080407
        assert!((normal_ppf(0.7) - 0.524_400_512_708_040_7).abs() < 4e-16);
        // norm.cdf(1.0) = 0.8413447460685429
        assert!((normal_cdf(1.0) - 0.841_344_746_068_542_9).abs() < 2e-16);
        // norm.cdf(-7) = 1.279812543885835e-12
        assert!((normal_cdf(-7.0) / 1.279_812_543_885_835e-12 - 1.0).abs() < 1e-13);
        assert!((normal_ppf(0.1) + 1.281_551_565_544_600_4).abs() < 4e-16);
    }

    #[test]
    fn binomial_values() {
        let d = binom_pmf_dist(10, 0.5);
        assert!((d.range_sum(5, 6) - 252.0 / 1024.0).abs() < 1e-16);
        let total = d.range_sum(0, 11);
        assert!((total - 1.0).abs() < 1e-15);
        assert_eq!(binom_ppf(0.5, 10, 0.5), 5.0);
        assert_eq!(binom_ppf(0.0009765625, 10, 0.5), 0.0);
        let big = binom_pmf_dist(100_000, 0.3);
        assert!((big.range_sum(0, 100_001) - 1.0).abs() < 1e-12);
    }

    /// The previous `py_round`: the exact decimal expansion, rounded by hand.
    fn py_round_by_printing(x: f64, ndigits: usize) -> f64 {
        let s = format!("{:.*}", 1100, x.abs());
        let (int_part, frac_part) = s.split_once('.').unwrap_or((s.as_str(), ""));
        let mut digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
        let keep = int_part.len() + ndigits;
        let rest = &digits[keep..];
        let first = rest.first().copied().unwrap_or(b'0');
        let tail_nonzero = rest.iter().skip(1).any(|&c| c != b'0');
        let last_kept_odd = keep > 0 && (digits[keep - 1] - b'0') % 2 == 1;
        let round_up = first > b'5' || (first == b'5' && (tail_nonzero || last_kept_odd));
        digits.truncate(keep);
        if round_up {
            let mut i = keep;
            loop {
                if i == 0 {
                    digits.insert(0, b'1');
                    break;
                }
                i -= 1;
                if digits[i] == b'9' {
                    digits[i] = b'0';
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        let n = digits.len();
        let (ip, fp) = digits.split_at(n - ndigits);
        let mut text = String::from(if x < 0.0 { "-" } else { "" });
        text.push_str(if ip.is_empty() { "0" } else { std::str::from_utf8(ip).unwrap() });
        if ndigits > 0 {
            text.push('.');
            text.push_str(std::str::from_utf8(fp).unwrap());
        }
        text.parse::<f64>().unwrap()
    }

    #[test]
    fn py_round_agrees_with_the_exact_decimal_expansion() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for i in 0..200_000u64 {
            let r = next();
            let x = match i % 4 {
                // probabilities and sample sizes, as BRAVO rounds them
                0 => (r >> 11) as f64 / (1u64 << 53) as f64,
                1 => (r >> 11) as f64 / (1u64 << 40) as f64,
                // exact binary ties at the rounding digit (k/2^m)
                2 => (r % 100_000) as f64 / (1u64 << (r % 12)) as f64,
                _ => -((r >> 11) as f64 / (1u64 << 45) as f64),
            };
            let n = (r % 7) as usize;
            assert_eq!(py_round(x, n).to_bits(), py_round_by_printing(x, n).to_bits(), "round({x:?}, {n})");
        }
    }

    #[test]
    fn python_rounding() {
        assert_eq!(py_round(0.125, 2), 0.12);
        assert_eq!(py_round(0.375, 2), 0.38);
        assert_eq!(py_round(0.5149, 2), 0.51);
        assert_eq!(py_round(0.999, 2), 1.0);
        assert_eq!(py_round(2.675, 2), 2.67); // binary value is below 2.675
    }
}
