//! The verify fast path, for the speed-optimised build.
//!
//! One forward pass of [`Scan`] over the text finds each value's raw text (no copy, no
//! tokenizer objects), trying the next documented key first. The values are judged by the same [`scalar`] rules as the jiter reader, and
//! lists and nested objects other than `[]` and `null` by the jiter reader itself, as are
//! strings with escapes. Anything this pass cannot settle (an error of any kind, an API error,
//! an escaped key, a duplicate key) returns `None`, and the jiter reader reads the document
//! again and says exactly what is wrong. So it only ever agrees with
//! [`super::read_payment`], faster (checked by the property tests below).

use std::borrow::Cow;
use std::sync::OnceLock;

mod scan;

use scan::{Key, Scan};

use super::captures::{Capture, Captured, Captures};
use super::envelope::{classify, code_of, Document};
use super::path::Path;
use super::reader::check_value;
use super::scalar::{scalar, Shape};
use super::schema::{Field, Kind, Schema};
use crate::amount::Amount;

/// Calls `then` with the kept values of a payment document, or returns `None` to hand it to
/// the jiter reader. (The values are lent rather than returned: moving them out cost more
/// than a tenth of the instructions of reading the document.)
pub(crate) fn read_payment_fast<R>(
    input: &[u8],
    schema: &'static FastSchema,
    then: impl FnOnce(&Captures<'_>) -> R,
) -> Option<R> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let mut scan = Scan::new(input);
    // The top-level fields as a bare payment and `response` as an enveloped one, read in
    // place; which of the two the document is, is decided at the end.
    let mut bare = Payment::new(schema);
    let mut enveloped = Payment::new(schema);
    let payment = match document(&mut scan, &mut bare, &mut enveloped)? {
        Which::Bare => bare,
        Which::Enveloped => enveloped,
    };
    let captures = payment.complete()?;
    scan.at_end().then(|| then(captures))
}

/// A payment schema with its keys as written, for [`Scan::key_is`] (made on first use).
pub(crate) struct FastSchema {
    schema: &'static Schema,
    keys: OnceLock<Vec<Key>>,
}

impl FastSchema {
    pub(crate) const fn new(schema: &'static Schema) -> Self {
        FastSchema {
            schema,
            keys: OnceLock::new(),
        }
    }

    fn keys(&self) -> &[Key] {
        self.keys.get_or_init(|| {
            self.schema
                .fields
                .iter()
                .map(|f| Key::new(f.name))
                .collect()
        })
    }
}

/// One payment object being read: which fields were seen and the values kept.
struct Payment<'j> {
    fast: &'static FastSchema,
    schema: &'static Schema,
    seen: u64,
    hint: usize,
    captures: Captures<'j>,
}

impl<'j> Payment<'j> {
    fn new(fast: &'static FastSchema) -> Self {
        Payment {
            fast,
            schema: fast.schema,
            seen: 0,
            hint: 0,
            captures: Captures::default(),
        }
    }

    /// Reads the members of the payment object that is next.
    fn read(&mut self, scan: &mut Scan<'j>) -> Option<()> {
        let keys = self.fast.keys();
        scan.members(|scan| {
            // Senders write the fields in the documented order: the next one is tried first.
            let index = if keys.get(self.hint).is_some_and(|key| scan.key_is(key)) {
                Some(self.hint)
            } else {
                let key = scan.key()?;
                scan.expect(b':')?;
                self.schema.find(key, self.hint)
            };
            self.field(index, scan)
        })
    }

    /// Reads the value of the field at `index` (`None`: an unknown key); any problem is
    /// `None` (and so a fallback).
    #[inline(always)]
    fn field(&mut self, index: Option<usize>, scan: &mut Scan<'j>) -> Option<()> {
        let (raw, escaped) = scan.token()?;
        let Some(index) = index else {
            return Some(()); // an unknown field: any valid JSON
        };
        let field = self.schema.fields.get(index)?;
        let bit = 1u64 << (index % 64);
        if self.seen & bit != 0 {
            return None; // a duplicate: the reader says what it makes of it
        }
        self.seen |= bit;
        self.hint = index + 1;
        judge(field, raw, escaped, &mut self.captures)
    }

    /// The kept values when every required field was there.
    fn complete(&self) -> Option<&Captures<'j>> {
        let required = self.schema.required;
        (self.seen & required == required).then_some(&self.captures)
    }
}

/// Checks one known field's value by the reader's rules, keeping it when asked. `raw` is a
/// whole JSON value, checked as such and as UTF-8 by [`Scan::value`].
#[inline(always)]
fn judge<'j>(
    field: &Field,
    raw: &'j [u8],
    escaped: bool,
    captures: &mut Captures<'j>,
) -> Option<()> {
    let first = *raw.first()?;
    match (field.kind, first) {
        // A kept text without escapes is the characters between the quotes.
        (Kind::Text, b'"') if !escaped => {
            if let Some(capture) = field.capture {
                let inner = raw.get(1..raw.len() - 1)?;
                let text = std::str::from_utf8(inner).ok()?;
                captures.keep(capture, Captured::Text(Cow::Borrowed(text)));
            }
            Some(())
        }
        // An identifier without escapes that is not blank (anything else goes to the reader).
        (Kind::Id, b'"') if !escaped => {
            let inner = std::str::from_utf8(raw.get(1..raw.len() - 1)?).ok()?;
            if inner.trim().is_empty() {
                return None;
            }
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Text(Cow::Borrowed(inner)));
            }
            Some(())
        }
        // The common cases, settled on the bytes: any string, number or boolean is a text
        // (a code is read as one); a plain integer of up to 18 digits fits an `i64`; an empty
        // list or `null` is empty; any value is an `Any`.
        (Kind::Text | Kind::Code, b'"' | b'-' | b'0'..=b'9' | b't' | b'f')
            if field.capture.is_none() =>
        {
            Some(())
        }
        (Kind::Int, b'0'..=b'9') if raw.len() <= 18 && raw.iter().all(u8::is_ascii_digit) => {
            if let Some(capture) = field.capture {
                let int = std::str::from_utf8(raw).ok()?.parse().ok()?;
                captures.keep(capture, Captured::Int(int));
            }
            Some(())
        }
        (Kind::Flag, b't' | b'f') => {
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Flag(first == b't'));
            }
            Some(())
        }
        // Two bytes of valid JSON starting with `[` are `[]`.
        (Kind::Texts | Kind::List(_), b'[') if raw.len() == 2 => Some(()),
        (
            Kind::Text | Kind::Id | Kind::Code | Kind::Texts | Kind::List(_) | Kind::Object(_),
            b'n',
        ) if !field.required => Some(()),
        (Kind::Int | Kind::Any, b'n') | (Kind::Any, _) => Some(()),
        // A number amount, as the reader reads it.
        (Kind::Amount, b'-' | b'0'..=b'9') => {
            let amount = Amount::parse(std::str::from_utf8(raw).ok()?)?;
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Amount(amount));
            }
            Some(())
        }
        _ => judge_text(field, std::str::from_utf8(raw).ok()?, captures),
    }
}

/// The other cases, by the reader's own rules on the value's text.
#[inline(never)]
fn judge_text<'j>(field: &Field, raw: &'j str, captures: &mut Captures<'j>) -> Option<()> {
    match (field.kind, Shape::of(raw)) {
        // A kept text without escapes is the characters between the quotes.
        (Kind::Text, Shape::Str(inner)) if !inner.contains('\\') => {
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Text(Cow::Borrowed(inner)));
            }
            Some(())
        }
        (Kind::Texts | Kind::List(_) | Kind::Object(_), _) => check_value(field, raw).ok(),
        _ => {
            let kept = scalar(field, raw, &Path::Root(""), None, field.capture.is_some()).ok()?;
            if let (Some(capture), Some(kept)) = (field.capture, kept) {
                captures.keep(capture, kept);
            }
            Some(())
        }
    }
}

/// Which of the two payments read a document is.
enum Which {
    Bare,
    Enveloped,
}

/// The whole document: a bare payment (its fields read into `bare`) or an envelope around
/// one (read into `enveloped`); `None` for anything the jiter reader must judge.
fn document<'j>(
    scan: &mut Scan<'j>,
    bare: &mut Payment<'j>,
    enveloped: &mut Payment<'j>,
) -> Option<Which> {
    let mut code: Option<Option<i64>> = None;
    let mut message = false;
    // Whether `response` was there and held an object.
    let mut response: Option<bool> = None;
    scan.members(|scan| {
        let key = scan.key()?;
        scan.expect(b':')?;
        match key {
            b"code" if code.is_none() => {
                let raw = scan.value()?;
                code = Some(if let [b'0'] = raw {
                    Some(0)
                } else {
                    code_of(std::str::from_utf8(raw).ok()?)?
                });
                Some(())
            }
            b"message" if !message => {
                message = true;
                let raw = scan.value()?;
                (!matches!(raw.first(), Some(b'[' | b'{'))).then_some(())
            }
            b"response" if response.is_none() => {
                scan.space();
                let object = scan.peek()? != b'n';
                if object {
                    enveloped.read(scan)?;
                } else {
                    scan.literal(b"null")?;
                }
                response = Some(object);
                Some(())
            }
            b"code" | b"message" | b"response" => None,
            other => {
                let index = bare.schema.find(other, bare.hint);
                bare.field(index, scan)
            }
        }
    })?;
    let has_imp_uid = bare.captures.text(Capture::ImpUid).is_some();
    match classify(has_imp_uid, code.flatten(), response == Some(true)) {
        Document::Bare => Some(Which::Bare),
        Document::Enveloped => Some(Which::Enveloped),
        Document::Failed => None, // the jiter reader reports it
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::{read_payment_fast, FastSchema};
    use crate::types::declare::sealed::Declared;
    use crate::types::PaymentAnnotation;

    static FAST: FastSchema = FastSchema::new(<PaymentAnnotation as Declared>::SCHEMA);

    /// The facts the fast path settles `input` with, as text (`None`: left to the reader).
    fn fast(input: &[u8]) -> Option<String> {
        read_payment_fast(input, &FAST, |captures| format!("{:?}", captures.facts()))
    }

    fn read_payment_fast_str(input: &str) -> Option<String> {
        fast(input.as_bytes())
    }
    use crate::read::read_payment;

    /// The fast path settles only what the jiter reader accepts, with the same values.
    fn agrees(input: &str) {
        let Some(fast) = fast(input.as_bytes()) else {
            return;
        };
        let full = read_payment(input, <PaymentAnnotation as Declared>::SCHEMA, false)
            .unwrap_or_else(|e| {
                panic!("fast path accepted what the reader refuses ({e:?}): {input}")
            });
        assert_eq!(fast, format!("{:?}", full.captures.facts()), "{input}");
    }

    fn base() -> Value {
        json!({"imp_uid": "imp_1", "merchant_uid": "o-1", "pay_method": "card", "amount": 1004,
            "cancel_amount": 0, "currency": "KRW", "status": "paid", "sandbox": false,
            "vbank_num": null, "paid_at": 1648344363, "cancel_history": [],
            "promotion": null, "custom_data": "{\"a\":1}", "card_type": 0})
    }

    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            prop::sample::select(vec![1.5, 1e300, -0.0, 1004.0]).prop_map(Value::from),
            "[a-z0-9 .+\\-]{0,8}".prop_map(Value::String),
            prop::sample::select(vec!["true", "FALSE", "1004", "\u{1}", "q\"\\", "é"])
                .prop_map(|s| Value::String(s.to_owned())),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
                prop::collection::btree_map("amount|id|x|reason", inner, 0..3)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    #[test]
    fn settles_the_usual_documents() {
        let payment = base();
        assert!(read_payment_fast_str(&payment.to_string()).is_some());
        let envelope = json!({"code": 0, "message": null, "response": payment});
        assert!(read_payment_fast_str(&envelope.to_string()).is_some());
        agrees(&envelope.to_string());
        // API errors, escaped keys and bad values go to the jiter reader.
        assert!(read_payment_fast_str(r#"{"code":1,"message":"x","response":null}"#).is_none());
        assert!(read_payment_fast_str(
            &payment
                .to_string()
                .replace("\"status\"", "\"st\\u0061tus\"")
        )
        .is_none());
        assert!(read_payment_fast_str(&payment.to_string().replace("1004", "\"x\"")).is_none());
    }

    #[test]
    fn settles_pretty_printed_escaped_and_reordered_documents() {
        let pretty = include_str!("../../../tests/fixtures/payments/card-paid.json");
        assert!(
            read_payment_fast_str(pretty).is_some(),
            "whitespace between tokens"
        );
        agrees(pretty);
        let mut payment = base();
        if let Some(map) = payment.as_object_mut() {
            map.insert(
                "custom_data".into(),
                json!("{\"order\":\"o-1\",\"memo\":\"\\u00e9\"}"),
            );
            map.insert("name".into(), json!("tab\tquote\"slash\\"));
            map.insert(
                "cancel_history".into(),
                json!([{"amount": 1, "reason": "x"}]),
            );
            map.insert("promotion".into(), json!({"id": "p", "discount": "10.5"}));
            map.insert("extra".into(), json!({"deep": [1, {"x": null}]}));
        }
        let text = json!({"code": 0, "message": "", "response": payment}).to_string();
        assert!(
            read_payment_fast_str(&text).is_some(),
            "escapes and nested values: {text}"
        );
        agrees(&text);
        // Keys in another order are found by name.
        let sorted = serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
        assert!(read_payment_fast_str(&sorted).is_some());
        agrees(&sorted);
    }

    #[test]
    fn leaves_every_doubtful_token_to_the_reader() {
        let text = json!({"code": 0, "message": null, "response": base()}).to_string();
        for (from, to) in [
            ("\"amount\":1004", "\"amount\":01004"), // a leading zero
            ("\"amount\":1004", "\"amount\":-"),     // a sign alone
            ("\"amount\":1004", "\"amount\":1004."), // a point without digits
            ("\"amount\":1004", "\"amount\":1e"),    // an exponent without digits
            ("\"amount\":1004", "\"amount\":1004,"), // a trailing comma
            ("\"o-1\"", "\"o\u{1}1\""),              // a control character
            ("\"o-1\"", "\"o\\x1\""),                // an unknown escape
            ("\"o-1\"", "\"o\\ud800\""),             // a lone surrogate
            ("\"status\"", "\"st\\u0061tus\""),      // an escaped key
            ("\"paid_at\"", "\"paid_at\":1,\"paid_at\""), // a duplicate
            ("\"sandbox\":false", "\"sandbox\":fals"),
            ("\"sandbox\":false", "\"sandbox\":nul"),
            ("\"cancel_history\":[]", "\"cancel_history\":[1,]"),
            ("\"cancel_history\":[]", "\"cancel_history\":{}"),
        ] {
            let changed = text.replacen(from, to, 1);
            assert_ne!(changed, text, "{from}");
            assert!(read_payment_fast_str(&changed).is_none(), "{changed}");
            agrees(&changed);
        }
        // Bytes that are not UTF-8, in a string or in a nested value.
        for (from, to) in [
            ("o-1", "o-\u{e9}"),
            ("\"cancel_history\":[]", "\"cancel_history\":[\"\u{e9}\"]"),
        ] {
            let mut bytes = text.replacen(from, to, 1).into_bytes();
            let at = bytes.iter().position(|&b| b == 0xc3).unwrap();
            bytes[at] = 0xff;
            assert!(fast(&bytes).is_none());
            assert!(crate::read::utf8(&bytes).is_err());
        }
        let huge = format!("{{\"x\":{},\"response\":null}}", "9".repeat(5000));
        assert!(read_payment_fast_str(&huge).is_none());
        agrees(&huge);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

        #[test]
        fn never_settles_differently(
            key in prop::sample::select(vec!["imp_uid", "merchant_uid", "amount", "cancel_amount",
                "currency", "status", "sandbox", "pay_method", "vbank_num", "paid_at",
                "cancel_history", "promotion", "custom_data", "card_type", "code", "message",
                "response", "other"]),
            value in prop::option::of(any_value()),
            wrap in 0..4u8,
        ) {
            let mut payment = base();
            if let Some(map) = payment.as_object_mut() {
                match value.clone() {
                    Some(v) => map.insert(key.to_owned(), v),
                    None => map.remove(key),
                };
            }
            let document = match wrap {
                0 => payment,
                1 => json!({"code": 0, "message": null, "response": payment}),
                2 => json!({"code": value.clone().unwrap_or(Value::Null), "response": payment}),
                _ => json!({"response": payment, "imp_uid": value.unwrap_or(Value::Null)}),
            };
            agrees(&document.to_string());
        }

        #[test]
        fn never_settles_a_mutated_envelope_differently(
            at in 0..1481usize,
            byte in prop::sample::select(b" \t\n\"\\,:{}[]0123456789.eE+-tfnulr\x01\x7f".to_vec()),
            change in 0..3u8,
        ) {
            let text = include_str!("../../../tests/fixtures/payments/card-paid.json");
            let mut bytes = serde_json::to_vec(&serde_json::from_str::<Value>(text).unwrap()).unwrap();
            let at = at % bytes.len();
            match change {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => { bytes.remove(at); }
            }
            agrees(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn never_settles_garbage_differently(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            agrees(&String::from_utf8_lossy(&bytes));
        }
    }
}
