//! A reference decimal for the `Amount` oracle, written independently of `src/amount.rs`:
//! a value is `sign × m × 10^e` with `m` a big integer (no digit strings are compared).
//!
//! The rules it encodes are `Amount::parse`'s documented contract:
//! - syntax: `-?digits(.digits)?([eE][+-]?digits)?`, leading zeros allowed, at most six
//!   exponent digits;
//! - zero in any spelling is `0`;
//! - other values are refused when their decimal point lies more than 400 places away
//!   (`0.d₁d₂… × 10^p` with `|p| > 400`), or when their magnitude is above `f64::MAX`
//!   (compared exactly, not after rounding).

use num_bigint::BigUint;

/// An exact decimal, normalised: `m` has no factor 10 (so equal values are equal structs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub negative: bool,
    pub m: BigUint,
    pub e: i64,
}

impl Decimal {
    pub fn is_zero(&self) -> bool {
        self.m == BigUint::ZERO
    }

    /// Digits of `m` in decimal.
    pub fn digits(&self) -> usize {
        if self.is_zero() {
            1
        } else {
            self.m.to_str_radix(10).len()
        }
    }

    /// `p` in `0.d₁d₂… × 10^p`.
    pub fn point(&self) -> i64 {
        self.digits() as i64 + self.e
    }

    /// The value as plain decimal text, written from `m` and `e` (for messages and for
    /// comparing the crate's canonical text).
    pub fn plain(&self) -> String {
        if self.is_zero() {
            return "0".to_owned();
        }
        let digits = self.m.to_str_radix(10);
        let sign = if self.negative { "-" } else { "" };
        if self.e >= 0 {
            format!("{sign}{digits}{}", "0".repeat(self.e as usize))
        } else {
            let frac = (-self.e) as usize;
            if digits.len() > frac {
                let (whole, fraction) = digits.split_at(digits.len() - frac);
                format!("{sign}{whole}.{fraction}")
            } else {
                format!("{sign}0.{}{digits}", "0".repeat(frac - digits.len()))
            }
        }
    }

    /// Whether `|v| ≤ f64::MAX = (2^53 − 1) × 2^971`, exactly.
    pub fn at_most_f64_max(&self) -> bool {
        let point = self.point();
        if self.is_zero() || point <= 308 {
            return true;
        }
        if point >= 310 {
            return false;
        }
        let limit = ((BigUint::from(1u8) << 53u32) - 1u8) << 971u32;
        if self.e >= 0 {
            &self.m * BigUint::from(10u8).pow(self.e as u32) <= limit
        } else {
            self.m <= limit * BigUint::from(10u8).pow((-self.e) as u32)
        }
    }

    /// The value as an `i64`, when it is whole and fits.
    pub fn as_i64(&self) -> Option<i64> {
        if self.e < 0 {
            return None;
        }
        if self.is_zero() {
            return Some(0);
        }
        if self.e > 19 {
            return None;
        }
        let magnitude = &self.m * BigUint::from(10u8).pow(self.e as u32);
        let magnitude: i128 = magnitude.to_string().parse().ok()?;
        i64::try_from(if self.negative { -magnitude } else { magnitude }).ok()
    }
}

/// Reads `text` by the syntax above (no range checks): `None` when it is not a decimal.
pub fn syntax(text: &str) -> Option<Decimal> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let negative = bytes.first() == Some(&b'-');
    if negative {
        at += 1;
    }
    let digits_from = |at: usize| bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    let int_len = digits_from(at);
    if int_len == 0 {
        return None;
    }
    let int_part = &text[at..at + int_len];
    at += int_len;
    let mut frac_part = "";
    if bytes.get(at) == Some(&b'.') {
        let len = digits_from(at + 1);
        if len == 0 {
            return None;
        }
        frac_part = &text[at + 1..at + 1 + len];
        at += 1 + len;
    }
    let mut exponent: i64 = 0;
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        let sign = match bytes.get(at) {
            Some(b'-') => {
                at += 1;
                -1
            }
            Some(b'+') => {
                at += 1;
                1
            }
            _ => 1,
        };
        let len = digits_from(at);
        if len == 0 || len > 6 {
            return None;
        }
        exponent = sign * text[at..at + len].parse::<i64>().ok()?;
        at += len;
    }
    if at != bytes.len() {
        return None;
    }
    let mut m: BigUint = format!("{int_part}{frac_part}").parse().ok()?;
    let mut e = exponent - frac_part.len() as i64;
    let ten = BigUint::from(10u8);
    if m == BigUint::ZERO {
        return Some(Decimal {
            negative: false,
            m,
            e: 0,
        });
    }
    while (&m % &ten) == BigUint::ZERO {
        m /= &ten;
        e += 1;
    }
    Some(Decimal { negative, m, e })
}

/// What `Amount::parse` must make of `text`: the value, or `None` when it must refuse it.
pub fn parse(text: &str) -> Option<Decimal> {
    let value = syntax(text)?;
    if value.is_zero() {
        return Some(value);
    }
    if !(-400..=400).contains(&value.point()) || !value.at_most_f64_max() {
        return None;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        let plain = |t: &str| parse(t).map(|d| d.plain());
        assert_eq!(plain("10.10").as_deref(), Some("10.1"));
        assert_eq!(plain("-0.0").as_deref(), Some("0"));
        assert_eq!(plain("0010.100").as_deref(), Some("10.1"));
        assert_eq!(plain("15E-3").as_deref(), Some("0.015"));
        assert_eq!(plain("1e3").as_deref(), Some("1000"));
        assert_eq!(plain("1e309"), None);
        assert_eq!(plain("1.7976931348623157e308").is_some(), true);
        assert_eq!(plain("1.7976931348623158e308"), None);
        let max = "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368";
        assert_eq!(plain(max).as_deref(), Some(max));
        assert_eq!(plain(&format!("{max}.0000001")), None);
        assert_eq!(plain(&format!("-{max}")).map(|p| p.len()), Some(max.len() + 1));
        assert_eq!(plain("1e-400").as_deref().map(str::len), Some(402));
        assert_eq!(plain("1e-401").is_some(), true);
        assert_eq!(plain("1e-402"), None);
        assert_eq!(plain("0e9999999"), None);
        assert_eq!(plain("0e999999").as_deref(), Some("0"));
        for bad in ["", "-", ".5", "5.", "1e", "+1", " 1", "1 ", "0x1", "1e+"] {
            assert_eq!(syntax(bad), None, "{bad}");
        }
    }
}
