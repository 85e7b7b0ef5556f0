//! The few fields a verdict needs, read without copying from a JSON payment (bare or
//! enveloped) in one pass, skipping everything else.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::amount::Amount;
use crate::lenient::{Flag, Int, IntOrBlank, Text, TextShape};
use crate::types::{PaymentAnnotation, PaymentCancelAnnotation, Promotion, VbankDepositAnnotation};

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
    /// One bit per `PaymentAnnotation` field already read (see [`known_field`]).
    seen: u64,
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
    /// Reads the value of `key`: verification fields are kept, every other field of
    /// `PaymentAnnotation` is checked with the same tolerant rules as the full parser but not
    /// stored, unknown keys are skipped. So the fast path accepts exactly what
    /// [`crate::parse_payment`] accepts, duplicates included.
    fn read<'de: 'a, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
        let Some((index, kind)) = known_field(key) else {
            return map.next_value::<IgnoredAny>().map(|_| ());
        };
        let bit = 1u64 << index;
        if self.seen & bit != 0 {
            return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
        }
        self.seen |= bit;
        match kind {
            FieldKind::ImpUid => self.imp_uid = map.next_value()?,
            FieldKind::MerchantUid => self.merchant_uid = map.next_value()?,
            FieldKind::Amount => self.amount = amount_token(map.next_value()?)?,
            FieldKind::CancelAmount => self.cancel_amount = amount_token(map.next_value()?)?,
            FieldKind::Currency => self.currency = map.next_value()?,
            FieldKind::Status => self.status = map.next_value()?,
            FieldKind::Sandbox => self.sandbox = map.next_value::<Option<Flag>>()?.map(|f| f.0),
            FieldKind::PayMethod => self.pay_method = map.next_value()?,
            FieldKind::VbankNum => self.vbank_num = map.next_value()?,
            FieldKind::Text => {
                map.next_value::<Option<TextShape>>()?;
            }
            FieldKind::Int => {
                map.next_value::<Option<IntOrBlank>>()?;
            }
            FieldKind::Flag => {
                map.next_value::<Option<Flag>>()?;
            }
            FieldKind::Any => {
                map.next_value::<IgnoredAny>()?;
            }
            FieldKind::Texts => {
                map.next_value::<Option<Vec<Text<'de>>>>()?;
            }
            FieldKind::Cancels => {
                map.next_value::<Option<Vec<PaymentCancelAnnotation>>>()?;
            }
            FieldKind::Deposits => {
                map.next_value::<Option<Vec<VbankDepositAnnotation>>>()?;
            }
            FieldKind::Promotion => {
                map.next_value::<Option<Promotion>>()?;
            }
        }
        Ok(())
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
    Envelope {
        code: i64,
        message: Option<Text<'a>>,
        response: Option<FactFields<'a>>,
    },
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

/// An amount read from its borrowed raw token (no copy of the token itself).
fn amount_token<E: de::Error>(raw: Option<&RawValue>) -> Result<Option<Amount>, E> {
    raw.map(|raw| {
        Amount::from_json_token(raw.get())
            .ok_or_else(|| E::invalid_value(de::Unexpected::Other(raw.get()), &"a decimal amount"))
    })
    .transpose()
}

/// How the fast path reads each `PaymentAnnotation` field.
#[derive(Clone, Copy, Debug)]
enum FieldKind {
    ImpUid,
    MerchantUid,
    Amount,
    CancelAmount,
    Currency,
    Status,
    Sandbox,
    PayMethod,
    VbankNum,
    /// Checked as a lenient text (strings and open enums), not kept.
    Text,
    /// Checked as a lenient integer, not kept.
    Int,
    /// Checked as a lenient boolean, not kept.
    Flag,
    /// Anything goes (`custom_data`).
    Any,
    Texts,
    Cancels,
    Deposits,
    Promotion,
}

/// Index (for duplicate detection) and kind of every `PaymentAnnotation` field, mirroring
/// its serde attributes (the unit test below and the property tests hold the two in step).
fn known_field(key: &str) -> Option<(u8, FieldKind)> {
    use FieldKind as K;
    Some(match key {
        "imp_uid" => (0, K::ImpUid),
        "merchant_uid" => (1, K::MerchantUid),
        "pay_method" => (2, K::PayMethod),
        "channel" => (3, K::Text),
        "pg_provider" => (4, K::Text),
        "emb_pg_provider" => (5, K::Text),
        "pg_tid" => (6, K::Text),
        "pg_id" => (7, K::Text),
        "sandbox" => (8, K::Sandbox),
        "escrow" => (9, K::Flag),
        "apply_num" => (10, K::Text),
        "bank_code" => (11, K::Text),
        "bank_name" => (12, K::Text),
        "card_code" => (13, K::Text),
        "card_name" => (14, K::Text),
        "card_issuer_code" => (15, K::Text),
        "card_issuer_name" => (16, K::Text),
        "card_publisher_code" => (17, K::Text),
        "card_publisher_name" => (18, K::Text),
        "card_quota" => (19, K::Int),
        "card_number" => (20, K::Text),
        "card_type" => (21, K::Text),
        "vbank_code" => (22, K::Text),
        "vbank_name" => (23, K::Text),
        "vbank_num" => (24, K::VbankNum),
        "vbank_holder" => (25, K::Text),
        "vbank_date" => (26, K::Int),
        "vbank_issued_at" => (27, K::Int),
        "name" => (28, K::Text),
        "amount" => (29, K::Amount),
        "cancel_amount" => (30, K::CancelAmount),
        "currency" => (31, K::Currency),
        "buyer_name" => (32, K::Text),
        "buyer_email" => (33, K::Text),
        "buyer_tel" => (34, K::Text),
        "buyer_addr" => (35, K::Text),
        "buyer_postcode" => (36, K::Text),
        "custom_data" => (37, K::Any),
        "user_agent" => (38, K::Text),
        "status" => (39, K::Status),
        "started_at" => (40, K::Int),
        "paid_at" => (41, K::Int),
        "failed_at" => (42, K::Int),
        "cancelled_at" => (43, K::Int),
        "fail_reason" => (44, K::Text),
        "cancel_reason" => (45, K::Text),
        "receipt_url" => (46, K::Text),
        "cancel_history" => (47, K::Cancels),
        "deposit_history" => (48, K::Deposits),
        "cancel_receipt_urls" => (49, K::Texts),
        "cash_receipt_issued" => (50, K::Flag),
        "customer_uid" => (51, K::Text),
        "customer_uid_usage" => (52, K::Text),
        "promotion" => (53, K::Promotion),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_payment_field_is_known_once() {
        let sample = serde_json::to_value(
            crate::parse_payment(
                br#"{"imp_uid":"i","merchant_uid":"m","amount":1,"status":"paid"}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let fields = sample.as_object().unwrap();
        let mut indices: Vec<u8> = fields.keys().map(|k| known_field(k).unwrap().0).collect();
        indices.sort_unstable();
        indices.dedup();
        assert_eq!(indices.len(), fields.len());
        assert!(indices.iter().all(|&i| i < 64));
    }
}
