//! Exact decimal amounts.
//!
//! PortOne sends amounts as JSON numbers (KRW integers, USD with cents) and, in the wild, as
//! numeric strings. [`Amount`] keeps the decimal value exactly as written, normalised so that
//! `10.1`, `10.10` and `"10.10"` are equal while `1004` and `1004.0001` are not. No float
//! tolerance is ever applied.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

/// `f64::MAX` written out: the largest amount accepted (a JavaScript number holds no more).
const F64_MAX_DIGITS: &str = "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368";

/// Largest decimal exponent accepted; beyond it a value is rejected rather than expanded.
const MAX_EXPONENT: i64 = 400;

/// An exact decimal amount, compared digit by digit.
///
/// # Example
/// ```
/// use portone_verify::Amount;
/// assert_eq!(Amount::parse("10.10"), Amount::parse("10.1"));
/// assert_ne!(Amount::parse("1004"), Amount::parse("1004.0001"));
/// assert_eq!(Amount::parse("1e3"), Amount::from_f64(1000.0));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Amount {
    /// Canonical text: optional `-`, no leading zeros, no trailing fraction zeros, no exponent.
    canonical: Canonical,
}

/// The canonical text, in place when it is short (every amount seen in practice: a verify
/// reads three amounts, and allocating each was a few percent of it), else on the heap.
/// Equal texts are always stored alike, so the derived comparisons compare the texts.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Canonical {
    /// The text's length and its bytes, zeros after them.
    Short(u8, [u8; SHORT]),
    Long(Box<str>),
}

/// The longest text kept in place.
const SHORT: usize = 22;

impl Canonical {
    fn new(text: &str) -> Canonical {
        let mut bytes = [0; SHORT];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(slot), Ok(len)) => {
                slot.copy_from_slice(text.as_bytes());
                Canonical::Short(len, bytes)
            }
            _ => Canonical::Long(text.into()),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Canonical::Short(len, bytes) => bytes.get(..usize::from(*len)).unwrap_or_default(),
            Canonical::Long(text) => text.as_bytes(),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // A prefix of the bytes copied from a `&str`, ending where that text ended.
            Canonical::Short(..) => std::str::from_utf8(self.as_bytes()).unwrap_or_default(),
            Canonical::Long(text) => text,
        }
    }
}

impl std::ops::Deref for Canonical {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Amount {
    /// Parses a decimal number in JSON number syntax (leading zeros tolerated).
    /// Returns `None` for anything that is not a finite decimal number.
    /// Amounts a JavaScript number cannot hold (beyond `f64::MAX`, e.g. `1e309`) are refused:
    /// no payment is that large, and JavaScript would show it as `Infinity`.
    pub fn parse(text: &str) -> Option<Amount> {
        let amount = match plain_integer(text) {
            Some(canonical) => Amount {
                canonical: Canonical::new(canonical),
            },
            None => Amount {
                canonical: Canonical::new(&canonicalise(text)?),
            },
        };
        amount.is_finite_in_f64().then_some(amount)
    }

    /// Whether the amount is at most `f64::MAX` in size, compared on the digits (no float
    /// parsing: that code would add kilobytes to the wasm builds).
    fn is_finite_in_f64(&self) -> bool {
        if let Canonical::Short(..) = self.canonical {
            return true; // at most 22 characters: far below f64::MAX's 309 digits
        }
        let digits = self.canonical.trim_start_matches('-');
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        match whole.len().cmp(&F64_MAX_DIGITS.len()) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => match whole.cmp(F64_MAX_DIGITS) {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Equal => fraction.is_empty(),
                std::cmp::Ordering::Greater => false,
            },
        }
    }

    /// A whole number (every KRW amount), without a string in between.
    ///
    /// ```
    /// use portone_verify::Amount;
    /// assert_eq!(Amount::from_i64(-1004), Amount::parse("-1004").unwrap());
    /// ```
    pub fn from_i64(value: i64) -> Amount {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = value.unsigned_abs();
        loop {
            at -= 1;
            if let Some(digit) = digits.get_mut(at) {
                *digit = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        let mut bytes = [0; SHORT];
        let mut len = 0;
        for &byte in (value < 0)
            .then_some(&b'-')
            .into_iter()
            .chain(digits.get(at..).unwrap_or_default())
        {
            if let Some(slot) = bytes.get_mut(len) {
                *slot = byte;
                len += 1;
            }
        }
        Amount {
            canonical: Canonical::Short(len as u8, bytes),
        }
    }

    /// Converts a finite `f64` through its shortest round-trip decimal form
    /// (the same digits `JSON.stringify` prints). `NaN` and infinities give `None`.
    pub fn from_f64(value: f64) -> Option<Amount> {
        if !value.is_finite() {
            return None;
        }
        Amount::parse(&format!("{value}"))
    }

    /// Zero.
    pub fn zero() -> Amount {
        Amount {
            canonical: Canonical::new("0"),
        }
    }

    /// The canonical decimal text, e.g. `"10.1"`, `"-3"`, `"0"`.
    pub fn as_str(&self) -> &str {
        self.canonical.as_str()
    }

    /// Whether the amount is exactly zero.
    pub fn is_zero(&self) -> bool {
        self.canonical.as_bytes() == b"0"
    }

    /// Whether the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.canonical.as_bytes().first() == Some(&b'-')
    }

    /// The amount as an `i64` when it is whole and fits.
    pub fn as_integer(&self) -> Option<i64> {
        if self.canonical.contains('.') {
            return None;
        }
        self.canonical.parse().ok()
    }

    /// Whether the nearest `f64` (a JavaScript number) is this exact decimal when printed
    /// back: at most 15 significant digits, in the range where an `f64` has them all.
    pub fn is_exact_in_f64(&self) -> bool {
        let digits = self.canonical.trim_start_matches('-').replace('.', "");
        let significant = digits.trim_start_matches('0').trim_end_matches('0');
        significant.len() <= 15 && self.canonical.len() <= 300
    }

    /// The nearest `f64`, for display and for JavaScript numbers.
    pub fn to_f64(&self) -> f64 {
        self.canonical.parse().unwrap_or(f64::NAN)
    }

    /// Reads an amount from a raw JSON token: a number, or a string holding a number.
    pub(crate) fn from_json_token(token: &str) -> Option<Amount> {
        let token = token.trim();
        match token.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inner) if !inner.contains('\\') => Amount::parse(inner.trim()),
            Some(_) => None,
            None => Amount::parse(token),
        }
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({})", self.as_str())
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A JSON number: an integer when the amount is whole (as PortOne sends KRW), else the
/// nearest `f64`.
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_integer() {
            Some(whole) => serializer.serialize_i64(whole),
            None => serializer.serialize_f64(self.to_f64()),
        }
    }
}

/// Reads the raw JSON token so no digit is lost to `f64` rounding. Works with every
/// `serde_json` deserialiser (text, bytes and `Value`).
impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Amount::from_json_token(raw.get()).ok_or_else(|| {
            de::Error::invalid_value(de::Unexpected::Other(raw.get()), &"a decimal amount")
        })
    }
}

/// A plain integer without leading zeros (how PortOne sends KRW) is its own canonical text
/// (`-0` is `0`).
fn plain_integer(text: &str) -> Option<&str> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let plain = !unsigned.is_empty()
        && unsigned.bytes().all(|b| b.is_ascii_digit())
        && (!unsigned.starts_with('0') || unsigned == "0");
    plain.then_some(if unsigned == "0" { "0" } else { text })
}

/// Normalises a decimal literal (`-?digits(.digits)?([eE][+-]?digits)?`).
fn canonicalise(text: &str) -> Option<String> {
    if let Some(canonical) = plain_integer(text) {
        return Some(canonical.to_owned());
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (
            unsigned.get(..at)?,
            parse_exponent(unsigned.get(at + 1..)?)?,
        ),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((int_part, frac_part)) if !frac_part.is_empty() => (int_part, frac_part),
        Some(_) => return None,
        None => (mantissa, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() || !all_digits(int_part) || !all_digits(frac_part) {
        return None;
    }
    let digits: String = int_part.chars().chain(frac_part.chars()).collect();
    // The value is 0.DIGITS × 10^point.
    let mut point = i64::try_from(int_part.len()).ok()? + exponent;
    let leading = digits.len() - digits.trim_start_matches('0').len();
    point -= i64::try_from(leading).ok()?;
    let significant = digits.trim_start_matches('0').trim_end_matches('0');
    if significant.is_empty() {
        return Some("0".to_owned());
    }
    if !(-MAX_EXPONENT..=MAX_EXPONENT).contains(&point) {
        return None;
    }
    let len = i64::try_from(significant.len()).ok()?;
    let mut out = String::with_capacity(significant.len() + 4);
    if negative {
        out.push('-');
    }
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', usize::try_from(-point).ok()?));
        out.push_str(significant);
    } else if point >= len {
        out.push_str(significant);
        out.extend(std::iter::repeat_n('0', usize::try_from(point - len).ok()?));
    } else {
        let (whole, fraction) = significant.split_at(usize::try_from(point).ok()?);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    }
    Some(out)
}

fn parse_exponent(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude: i64 = digits.parse().ok()?;
    Some(if text.starts_with('-') {
        -magnitude
    } else {
        magnitude
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(text: &str) -> Option<String> {
        Amount::parse(text).map(|a| a.as_str().to_owned())
    }

    #[test]
    fn normalises_equal_decimals() {
        assert_eq!(canon("10.10").as_deref(), Some("10.1"));
        assert_eq!(canon("0010.100").as_deref(), Some("10.1"));
        assert_eq!(canon("1.5e2").as_deref(), Some("150"));
        assert_eq!(canon("15E-3").as_deref(), Some("0.015"));
        assert_eq!(canon("-0.0").as_deref(), Some("0"));
        assert_eq!(canon("1000").as_deref(), Some("1000"));
        assert_eq!(canon("-12.50").as_deref(), Some("-12.5"));
    }

    #[test]
    fn distinguishes_close_values() {
        assert_ne!(Amount::parse("1004"), Amount::parse("1004.0001"));
        assert_ne!(
            Amount::parse("1000"),
            Amount::parse("1000.00000000000000001")
        );
        assert_eq!(Amount::from_f64(10.1), Amount::parse("10.10"));
    }

    #[test]
    fn rejects_non_numbers() {
        for bad in [
            "", "-", ".5", "5.", "1e", "1e+", "abc", "1,000", "0x10", "1e999999", "NaN", " 1",
        ] {
            assert_eq!(canon(bad), None, "{bad:?}");
        }
        assert_eq!(Amount::from_f64(f64::NAN), None);
    }

    #[test]
    fn short_and_long_texts_compare_alike() {
        let long = format!("1{}", "0".repeat(40));
        assert_eq!(canon(&long).as_deref(), Some(long.as_str()));
        assert_eq!(Amount::parse(&long), Amount::parse(&format!("{long}.000")));
        assert_ne!(Amount::parse(&long), Amount::parse("1"));
        for value in [0, 7, -7, 1004, i64::MAX, i64::MIN, -1_000_000] {
            assert_eq!(
                Amount::from_i64(value),
                Amount::parse(&value.to_string()).unwrap()
            );
            assert_eq!(Amount::from_i64(value).as_str(), value.to_string());
        }
        assert!(Amount::from_i64(0).is_zero() && !Amount::from_i64(-1).is_zero());
        assert!(Amount::from_i64(-1).is_negative() && !Amount::zero().is_negative());
    }

    #[test]
    fn reads_json_tokens() {
        assert_eq!(Amount::from_json_token("\"1004\""), Amount::parse("1004"));
        assert_eq!(Amount::from_json_token("true"), None);
        assert_eq!(Amount::from_json_token("\"1\\u0030\""), None);
        let a: Amount = serde_json::from_str("1004.00").unwrap();
        assert_eq!(a.as_str(), "1004");
    }
}
