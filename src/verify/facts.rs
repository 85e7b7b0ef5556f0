//! The few fields a verdict needs, read without copying from a JSON payment (bare or
//! enveloped) in one pass, skipping everything else.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use crate::amount::Amount;
use crate::lenient::{Flag, Int, Text};
use crate::types::PaymentAnnotation;

/// A view of the fields verification reads.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PaymentFacts<'a> {
    pub imp_uid: &'a str,
    pub merchant_uid: &'a str,
    pub amount: &'a Amount,
    pub cancel_amount: Option<&'a Amount>,
    pub currency: Option<&'a str>,
    pub status: &'a str,
    pub sandbox: Option<bool>,
    pub pay_method: Option<&'a str>,
    pub vbank_num: Option<&'a str>,
}

impl PaymentAnnotation {
    pub(crate) fn facts(&self) -> PaymentFacts<'_> {
        PaymentFacts {
            imp_uid: &self.imp_uid,
            merchant_uid: &self.merchant_uid,
            amount: &self.amount,
            cancel_amount: self.cancel_amount.as_ref(),
            currency: self.currency.as_deref(),
            status: self.status.as_str(),
            sandbox: self.sandbox,
            pay_method: self.pay_method.as_ref().map(|m| m.as_str()),
            vbank_num: self.vbank_num.as_deref(),
        }
    }
}

/// The verification fields of one payment object, as parsed.
#[derive(Default, Debug)]
pub(crate) struct FactFields<'a> {
    imp_uid: Option<Text<'a>>,
    merchant_uid: Option<Text<'a>>,
    amount: Option<Amount>,
    cancel_amount: Option<Amount>,
    currency: Option<Text<'a>>,
    status: Option<Text<'a>>,
    sandbox: Option<bool>,
    pay_method: Option<Text<'a>>,
    vbank_num: Option<Text<'a>>,
}

impl<'a> FactFields<'a> {
    /// Reads the value of `key` if it is a verification field, else skips it.
    fn read<'de: 'a, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
        fn put<T, E: de::Error>(slot: &mut Option<T>, value: Option<T>, key: &str) -> Result<(), E> {
            if slot.is_some() {
                return Err(E::custom(format_args!("duplicate field `{key}`")));
            }
            *slot = value;
            Ok(())
        }
        match key {
            "imp_uid" => put(&mut self.imp_uid, map.next_value()?, key),
            "merchant_uid" => put(&mut self.merchant_uid, map.next_value()?, key),
            "amount" => put(&mut self.amount, map.next_value()?, key),
            "cancel_amount" => put(&mut self.cancel_amount, map.next_value()?, key),
            "currency" => put(&mut self.currency, map.next_value()?, key),
            "status" => put(&mut self.status, map.next_value()?, key),
            "sandbox" => put(&mut self.sandbox, map.next_value::<Option<Flag>>()?.map(|f| f.0), key),
            "pay_method" => put(&mut self.pay_method, map.next_value()?, key),
            "vbank_num" => put(&mut self.vbank_num, map.next_value()?, key),
            _ => map.next_value::<IgnoredAny>().map(|_| ()),
        }
    }

    /// The view, when every field verification cannot do without is present.
    pub(crate) fn facts(&self) -> Option<PaymentFacts<'_>> {
        Some(PaymentFacts {
            imp_uid: &self.imp_uid.as_ref()?.0,
            merchant_uid: &self.merchant_uid.as_ref()?.0,
            amount: self.amount.as_ref()?,
            cancel_amount: self.cancel_amount.as_ref(),
            currency: self.currency.as_ref().map(|t| &*t.0),
            status: &self.status.as_ref()?.0,
            sandbox: self.sandbox,
            pay_method: self.pay_method.as_ref().map(|t| &*t.0),
            vbank_num: self.vbank_num.as_ref().map(|t| &*t.0),
        })
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for FactFields<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for FieldsVisitor<'a> {
            type Value = FactFields<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a payment object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = FactFields::default();
                while let Some(key) = map.next_key::<Text<'de>>()? {
                    fields.read(&key.0, &mut map)?;
                }
                Ok(fields)
            }
        }
        deserializer.deserialize_map(FieldsVisitor(std::marker::PhantomData))
    }
}

/// A payment document: a bare payment, or an envelope `{code, message, response}`.
#[derive(Debug)]
pub(crate) enum FactsDocument<'a> {
    /// A bare payment object.
    Bare(FactFields<'a>),
    /// An envelope; `response` is `None` when absent or `null`.
    Envelope { code: i64, message: Option<Text<'a>>, response: Option<FactFields<'a>> },
}

impl<'de: 'a, 'a> Deserialize<'de> for FactsDocument<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DocumentVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for DocumentVisitor<'a> {
            type Value = FactsDocument<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a payment object or a {code, message, response} envelope")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut bare = FactFields::default();
                let mut code: Option<Int> = None;
                let mut message: Option<Text<'a>> = None;
                let mut response: Option<Option<FactFields<'a>>> = None;
                while let Some(key) = map.next_key::<Text<'de>>()? {
                    match &*key.0 {
                        "code" => code = map.next_value()?,
                        "message" => message = map.next_value()?,
                        "response" => response = Some(map.next_value()?),
                        other => bare.read(other, &mut map)?,
                    }
                }
                let is_envelope = bare.imp_uid.is_none() && (code.is_some() || response.is_some());
                Ok(if is_envelope {
                    FactsDocument::Envelope {
                        code: code.map_or(0, |c| c.0),
                        message,
                        response: response.flatten(),
                    }
                } else {
                    FactsDocument::Bare(bare)
                })
            }
        }
        deserializer.deserialize_map(DocumentVisitor(std::marker::PhantomData))
    }
}
