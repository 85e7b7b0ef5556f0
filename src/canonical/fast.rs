//! The verify path on serde_json's borrowed tokenizer, for the speed-optimised build.
//!
//! jiter reads strings a byte at a time on wasm32 (its SIMD paths are for x86-64 and
//! aarch64), serde_json eight at a time. Here serde_json only finds each value's raw text
//! (`&RawValue`, no copy); the values are judged by the same [`scalar`] rules as the jiter
//! reader, and lists and nested objects by the jiter reader itself. Anything this pass cannot
//! settle (an error of any kind, an API error, an escaped key) returns `None`, and the jiter
//! reader reads the document again and says exactly what is wrong. So it only ever agrees
//! with [`super::read_payment`], faster (checked by the property test below).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::document::code_of;
use super::path::Path;
use super::reader::{check_value, Captures};
use super::scalar::{scalar, Shape};
use super::schema::{Capture, Kind, Schema, PAYMENT};

/// The kept values of a payment document, or `None` to hand it to the jiter reader.
pub(crate) fn read_payment_fast(input: &str) -> Option<Captures<'_>> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut deserializer = serde_json::Deserializer::from_str(input);
    let captures = Document.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    captures
}

/// One payment object being read: which fields were seen and the values kept.
struct Payment<'j> {
    schema: &'static Schema,
    seen: u64,
    hint: usize,
    captures: Captures<'j>,
}

impl<'j> Payment<'j> {
    fn new() -> Self {
        Payment {
            schema: &PAYMENT,
            seen: 0,
            hint: 0,
            captures: Captures::default(),
        }
    }

    /// Reads the value of `key`; any problem is an error (and so a fallback).
    fn field<A: MapAccess<'j>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
        let Some(index) = self.schema.find(key, self.hint) else {
            return map.next_value::<IgnoredAny>().map(drop);
        };
        let field = self
            .schema
            .fields
            .get(index)
            .ok_or_else(|| de::Error::custom("field"))?;
        let bit = 1u64 << (index % 64);
        if self.seen & bit != 0 {
            return Err(de::Error::custom("duplicate field"));
        }
        self.seen |= bit;
        self.hint = index + 1;
        let raw = map.next_value::<&'j RawValue>()?.get();
        let kept = match field.kind {
            Kind::Texts | Kind::List(_) | Kind::Object(_) => {
                check_value(field, raw).map_err(|_| de::Error::custom("nested"))?;
                None
            }
            _ => scalar(field, raw, &Path::Root(""), None, field.capture.is_some())
                .map_err(|_| de::Error::custom("value"))?,
        };
        if let (Some(capture), Some(kept)) = (field.capture, kept) {
            self.captures.keep(capture, kept);
        }
        Ok(())
    }

    /// The kept values when every required field was there.
    fn complete(self) -> Option<Captures<'j>> {
        let all_there = self
            .schema
            .fields
            .iter()
            .enumerate()
            .all(|(index, field)| !field.required || self.seen & (1u64 << (index % 64)) != 0);
        all_there.then_some(self.captures)
    }
}

/// The whole document: a bare payment or an envelope around one.
struct Document;

impl<'j> DeserializeSeed<'j> for Document {
    type Value = Option<Captures<'j>>;
    fn deserialize<D: Deserializer<'j>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'j> Visitor<'j> for Document {
    type Value = Option<Captures<'j>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a payment or an envelope")
    }

    fn visit_map<A: MapAccess<'j>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut bare = Payment::new();
        let mut code: Option<Option<i64>> = None;
        let mut message = false;
        let mut response: Option<Option<Payment<'j>>> = None;
        while let Some(key) = map.next_key::<&'j str>()? {
            match key {
                "code" if code.is_none() => {
                    let raw = map.next_value::<&'j RawValue>()?.get();
                    code = Some(code_of(raw).ok_or_else(|| de::Error::custom("code"))?);
                }
                "message" if !message => {
                    message = true;
                    let raw = map.next_value::<&'j RawValue>()?.get();
                    if matches!(Shape::of(raw), Shape::List | Shape::Object) {
                        return Err(de::Error::custom("message"));
                    }
                }
                "response" if response.is_none() => response = Some(map.next_value_seed(Response)?),
                "code" | "message" | "response" => return Err(de::Error::custom("duplicate")),
                other => bare.field(other, &mut map)?,
            }
        }
        let has_imp_uid = bare.captures.text(Capture::ImpUid).is_some();
        let response_present = matches!(response, Some(Some(_)));
        let is_envelope = !has_imp_uid && (code.flatten().is_some() || response_present);
        Ok(if !is_envelope {
            bare.complete()
        } else if code.flatten().unwrap_or(0) != 0 {
            None // an API error: the jiter reader reports it
        } else {
            response.flatten().and_then(Payment::complete)
        })
    }
}

/// An envelope's `response`: a payment object, or `null`.
struct Response;

impl<'j> DeserializeSeed<'j> for Response {
    type Value = Option<Payment<'j>>;
    fn deserialize<D: Deserializer<'j>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'j> Visitor<'j> for Response {
    type Value = Option<Payment<'j>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a payment object or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'j>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'j>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut payment = Payment::new();
        while let Some(key) = map.next_key::<&'j str>()? {
            payment.field(key, &mut map)?;
        }
        Ok(Some(payment))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::read_payment_fast;
    use crate::canonical::read_payment;

    /// The fast path settles only what the jiter reader accepts, with the same values.
    fn agrees(input: &str) {
        let Some(fast) = read_payment_fast(input) else {
            return;
        };
        let full = read_payment(input, false).unwrap_or_else(|e| {
            panic!("fast path accepted what the reader refuses ({e:?}): {input}")
        });
        assert_eq!(
            format!("{:?}", fast.facts()),
            format!("{:?}", full.captures.facts()),
            "{input}"
        );
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
        assert!(read_payment_fast(&payment.to_string()).is_some());
        let envelope = json!({"code": 0, "message": null, "response": payment});
        assert!(read_payment_fast(&envelope.to_string()).is_some());
        agrees(&envelope.to_string());
        // API errors, escaped keys and bad values go to the jiter reader.
        assert!(read_payment_fast(r#"{"code":1,"message":"x","response":null}"#).is_none());
        assert!(read_payment_fast(
            &payment
                .to_string()
                .replace("\"status\"", "\"st\\u0061tus\"")
        )
        .is_none());
        assert!(read_payment_fast(&payment.to_string().replace("1004", "\"x\"")).is_none());
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
        fn never_settles_garbage_differently(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            agrees(&String::from_utf8_lossy(&bytes));
        }
    }
}
