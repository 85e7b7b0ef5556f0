//! What a JavaScript caller's object becomes before the package sees it: `JSON.parse` of the
//! body, then (inside `verifyPayment`/`parsePayment`) `JSON.stringify` of the object.
//!
//! The model is honest about what that loses, and says so in [`Object::lossless`]:
//! - numbers become doubles, and `JSON.stringify` prints a double's shortest digits in its
//!   own notation (`1e+21`, `1.5`, `0`), so `1.50`, `1e3`, `-0` or `12345678901234567890`
//!   come back spelled otherwise or as another value;
//! - a repeated key keeps its last value at the place of the first;
//! - keys that are array indices (`"0"`, `"17"`) move to the front in ascending order.
//!
//! Key order and string escapes are not losses (a JSON object's value does not depend on
//! them), so they stay in the oracle.

use jiter::{Jiter, Peek};

/// A JavaScript value parsed from JSON.
#[derive(Debug)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written; [`stringify`] prints the double it stands for.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Members in JavaScript's property order.
    Object(Vec<(String, Value)>),
}

/// A parsed body and whether re-serialising it loses nothing a verdict may depend on.
#[derive(Debug)]
pub struct Object {
    pub value: Value,
    /// No repeated key, and every number prints back as written.
    pub lossless: bool,
}

/// Nesting beyond this is not modelled (the recursion would be the fuzz target's own).
const MAX_DEPTH: usize = 256;

/// `JSON.parse(text)` when it gives an object or an array (what `JSON.stringify` is then
/// applied to); `None` for anything else, for text `JSON.parse` refuses, and for strings
/// holding lone surrogates (valid in JavaScript, not representable here).
pub fn parse(text: &[u8]) -> Option<Object> {
    let mut jiter = Jiter::new(text);
    let mut lossless = true;
    let value = read(&mut jiter, &mut lossless, 0)?;
    jiter.finish().ok()?;
    matches!(value, Value::Object(_) | Value::Array(_)).then_some(Object { value, lossless })
}

fn read(jiter: &mut Jiter<'_>, lossless: &mut bool, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    let peek = jiter.peek().ok()?;
    Some(match peek {
        Peek::Null => {
            jiter.known_null().ok()?;
            Value::Null
        }
        Peek::True | Peek::False => Value::Bool(jiter.known_bool(peek).ok()?),
        Peek::String => Value::String(jiter.known_str().ok()?.to_owned()),
        Peek::Array => {
            let mut items = Vec::new();
            let mut next = jiter.known_array().ok()?;
            while next.is_some() {
                items.push(read(jiter, lossless, depth + 1)?);
                next = jiter.array_step().ok()?;
            }
            Value::Array(items)
        }
        Peek::Object => {
            let mut members: Vec<(String, Value)> = Vec::new();
            let mut key = jiter.known_object().ok()?.map(str::to_owned);
            while let Some(k) = key {
                let value = read(jiter, lossless, depth + 1)?;
                match members.iter_mut().find(|(name, _)| *name == k) {
                    Some(member) => {
                        *lossless = false;
                        member.1 = value;
                    }
                    None => members.push((k, value)),
                }
                key = jiter.next_key().ok()?.map(str::to_owned);
            }
            // Array-index keys first, ascending; the others in insertion order.
            members.sort_by_key(|(name, _)| array_index(name).unwrap_or(u64::MAX));
            Value::Object(members)
        }
        _ => {
            let raw = std::str::from_utf8(jiter.known_number_bytes(peek).ok()?).ok()?;
            if number(raw).as_deref() != Some(raw) {
                *lossless = false; // another spelling, or `null` for a number beyond a double
            }
            Value::Number(raw.to_owned())
        }
    })
}

/// ECMAScript's array index: a canonical decimal below 2^32 − 1.
fn array_index(key: &str) -> Option<u64> {
    let index: u64 = key.parse().ok()?;
    (index < u64::from(u32::MAX) && index.to_string() == key).then_some(index)
}

/// `JSON.stringify(value)`.
pub fn stringify(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(raw) => out.push_str(&number(raw).unwrap_or_else(|| "null".to_owned())),
        Value::String(s) => string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, value)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(key, out);
                out.push(':');
                write(value, out);
            }
            out.push('}');
        }
    }
}

/// `JSON.stringify` of a string: `"` `\` and controls escaped, the rest as is.
fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The JSON number token `raw` as `JSON.stringify` prints the double it parses to
/// (`Number.prototype.toString`); `None` when that double is infinite (`null` in JSON).
pub fn number(raw: &str) -> Option<String> {
    let value: f64 = raw.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    if value == 0.0 {
        return Some("0".to_owned()); // -0 too
    }
    // Shortest round-trip digits and the exponent, from Rust's `{:e}` (`d.ddde±x`).
    let scientific = format!("{:e}", value.abs());
    let (mantissa, exponent) = scientific.split_once('e')?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i64;
    let n = exponent.parse::<i64>().ok()? + 1; // value = 0.digits × 10^n
    let sign = if value < 0.0 { "-" } else { "" };
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        let (whole, fraction) = digits.split_at(n as usize);
        format!("{whole}.{fraction}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let (first, rest) = digits.split_at(1);
        let e = n - 1;
        let e = if e >= 0 { format!("+{e}") } else { e.to_string() };
        if rest.is_empty() {
            format!("{first}e{e}")
        } else {
            format!("{first}.{rest}e{e}")
        }
    };
    Some(format!("{sign}{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_numbers_as_javascript_does() {
        for (raw, js) in [
            ("1004", "1004"),
            ("1.50", "1.5"),
            ("1e3", "1000"),
            ("1e21", "1e+21"),
            ("123456789012345678901", "123456789012345680000"),
            ("0.000001", "0.000001"),
            ("0.0000001", "1e-7"),
            ("-0", "0"),
            ("1.5e-10", "1.5e-10"),
            ("12345678901234567890", "12345678901234567000"),
        ] {
            assert_eq!(number(raw).as_deref(), Some(js), "{raw}");
        }
        assert_eq!(number("1e400"), None);
    }

    #[test]
    fn models_objects() {
        let parsed = parse(br#"{"b":1,"2":[true,null],"a":"\u00e9\n","b":2}"#).unwrap();
        assert!(!parsed.lossless);
        assert_eq!(stringify(&parsed.value), r#"{"2":[true,null],"b":2,"a":"é\n"}"#);
        assert!(parse(br#"{"a":1.0}"#).is_some_and(|o| !o.lossless));
        assert!(parse(b"\"text\"").is_none());
        assert!(parse(br#"{"a":"\ud800"}"#).is_none());
    }
}
