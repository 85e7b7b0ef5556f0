//! What each wire object holds: its fields, how each is read, and which values a caller
//! keeps. One table per type; `tests/canonical_matches_serde.rs` (payments, callbacks),
//! `tests/client_readers_match_serde.rs` and `tests/webhook_matches_serde.rs` hold them in
//! step with the serde types.

use super::captures::Capture;

/// How a field's value is read and written out.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    /// Text: a string, or a number or boolean kept as written. Written as a JSON string.
    Text,
    /// An open numeric code (`card_type`): read as [`Kind::Text`], written as a JSON integer
    /// when the text is one.
    Code,
    /// An integer, or a string holding one; a blank string counts as absent.
    Int,
    /// A boolean, or the string `"true"`/`"false"` in any case.
    Flag,
    /// An exact decimal amount (a number, or a string holding one).
    Amount,
    /// Any JSON value, written as received (`custom_data`).
    Any,
    /// A list of texts; `null` means empty.
    Texts,
    /// A list of objects; `null` means empty.
    List(&'static Schema),
    /// A nested object, or `null`.
    Object(&'static Schema),
    /// A nested object that is never `null`: absent, it is written as the object with every
    /// field absent (serde's `#[serde(default)]` on a struct field, `WebhookV2::data`). Its
    /// schema has no required fields, so that object is always valid.
    #[cfg_attr(not(feature = "webhook"), allow(dead_code))]
    Record(&'static Schema),
}

/// One field of a wire object.
#[derive(Debug)]
pub(crate) struct Field {
    /// The JSON key.
    pub name: &'static str,
    pub kind: Kind,
    /// Absent is `MISSING_FIELD`, `null` is `INVALID_FIELD`.
    pub required: bool,
    /// Read and checked but not written out (`RequestPayResponse`'s reported flags).
    pub hidden: bool,
    /// Where the value is kept for the caller (see [`Capture`]), if it is.
    pub capture: Option<Capture>,
}

/// The fields of one wire object, in the order they are written out.
#[derive(Debug)]
pub(crate) struct Schema {
    pub fields: &'static [Field],
    /// Bit `i` set when field `i` is required (fields past the 64th are never required).
    required: u64,
    /// Open-addressing hash table of field indices by name, built on first use.
    by_name: OnceLock<[u8; TABLE]>,
}

impl Schema {
    const fn new(fields: &'static [Field]) -> Schema {
        let mut required = 0u64;
        let mut bit = 1u64;
        let mut rest = fields;
        while let [field, tail @ ..] = rest {
            if field.required {
                required |= bit;
            }
            bit = bit.wrapping_shl(1);
            rest = tail;
        }
        Schema {
            fields,
            required,
            by_name: OnceLock::new(),
        }
    }

    /// The fields that must be present, as a bit set by index.
    #[cfg_attr(not(feature = "fast-verify"), allow(dead_code))]
    pub(crate) fn required_mask(&self) -> u64 {
        self.required
    }

    fn name(&self, index: u8) -> &'static str {
        self.fields.get(usize::from(index)).map_or("", |f| f.name)
    }

    /// The index of `key`, trying `hint` (the field after the previous one) first, then a
    /// hash table: one comparison whatever order the keys come in (a linear scan cost 54 per
    /// key when a sender sorts its keys, a binary search six).
    pub(crate) fn find(&self, key: impl AsRef<[u8]>, hint: usize) -> Option<usize> {
        let key = key.as_ref();
        if self
            .fields
            .get(hint)
            .is_some_and(|f| f.name.as_bytes() == key)
        {
            return Some(hint);
        }
        let table = self.by_name.get_or_init(|| {
            let mut table = [EMPTY; TABLE];
            for (index, field) in self.fields.iter().enumerate() {
                let mut slot = hash(field.name);
                while table.get(slot).is_some_and(|&s| s != EMPTY) {
                    slot = (slot + 1) % TABLE;
                }
                if let (Some(entry), Ok(index)) = (table.get_mut(slot), u8::try_from(index)) {
                    *entry = index;
                }
            }
            table
        });
        let mut slot = hash(key);
        for _ in 0..TABLE {
            match table.get(slot).copied() {
                None | Some(EMPTY) => return None,
                Some(index) if self.name(index).as_bytes() == key => {
                    return Some(usize::from(index))
                }
                Some(_) => slot = (slot + 1) % TABLE,
            }
        }
        None
    }
}

/// Hash table size: a power of two, over twice the largest schema (54 fields).
const TABLE: usize = 128;
const EMPTY: u8 = u8::MAX;

/// FNV-1a of the key, reduced to a table slot.
fn hash(key: impl AsRef<[u8]>) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for &byte in key.as_ref() {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    (hash as usize) % TABLE
}

const fn field(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
        hidden: false,
        capture: None,
    }
}

const fn required(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
        hidden: false,
        capture: None,
    }
}

const fn kept(mut f: Field, capture: Capture) -> Field {
    f.capture = Some(capture);
    f
}

const fn hidden(mut f: Field) -> Field {
    f.hidden = true;
    f
}

use std::sync::OnceLock;

use Kind::{Amount as Amt, Any, Code, Flag, Int, Text, Texts};

/// An element of a [`Kind::Texts`] list: a text, `null` not allowed.
pub(crate) static TEXT_ITEM: Field = required("", Text);

/// `PaymentAnnotation`.
pub(crate) static PAYMENT: Schema = Schema::new(&[
    kept(required("imp_uid", Text), Capture::ImpUid),
    kept(required("merchant_uid", Text), Capture::MerchantUid),
    kept(field("pay_method", Text), Capture::PayMethod),
    field("channel", Text),
    field("pg_provider", Text),
    field("emb_pg_provider", Text),
    field("pg_tid", Text),
    field("pg_id", Text),
    kept(field("sandbox", Flag), Capture::Sandbox),
    field("escrow", Flag),
    field("apply_num", Text),
    field("bank_code", Text),
    field("bank_name", Text),
    field("card_code", Text),
    field("card_name", Text),
    field("card_issuer_code", Text),
    field("card_issuer_name", Text),
    field("card_publisher_code", Text),
    field("card_publisher_name", Text),
    field("card_quota", Int),
    field("card_number", Text),
    field("card_type", Code),
    field("vbank_code", Text),
    field("vbank_name", Text),
    kept(field("vbank_num", Text), Capture::VbankNum),
    field("vbank_holder", Text),
    field("vbank_date", Int),
    field("vbank_issued_at", Int),
    field("name", Text),
    kept(required("amount", Amt), Capture::Amount),
    kept(field("cancel_amount", Amt), Capture::CancelAmount),
    kept(field("currency", Text), Capture::Currency),
    field("buyer_name", Text),
    field("buyer_email", Text),
    field("buyer_tel", Text),
    field("buyer_addr", Text),
    field("buyer_postcode", Text),
    field("custom_data", Any),
    field("user_agent", Text),
    kept(required("status", Text), Capture::Status),
    field("started_at", Int),
    field("paid_at", Int),
    field("failed_at", Int),
    field("cancelled_at", Int),
    field("fail_reason", Text),
    field("cancel_reason", Text),
    field("receipt_url", Text),
    field("cancel_history", Kind::List(&PAYMENT_CANCEL)),
    field("deposit_history", Kind::List(&VBANK_DEPOSIT)),
    field("cancel_receipt_urls", Texts),
    field("cash_receipt_issued", Flag),
    field("customer_uid", Text),
    field("customer_uid_usage", Text),
    field("promotion", Kind::Object(&PROMOTION)),
]);

/// `PagedList<PaymentAnnotation>`: a page of payments (the client's listing endpoints).
#[cfg(feature = "client")]
pub(crate) static PAYMENT_PAGE: Schema = Schema::new(&[
    required("total", Int),
    required("previous", Int),
    required("next", Int),
    field("list", Kind::List(&PAYMENT)),
]);

/// `PaymentCancelAnnotation`.
pub(crate) static PAYMENT_CANCEL: Schema = Schema::new(&[
    field("pg_tid", Text),
    required("amount", Amt),
    field("cancelled_at", Int),
    field("reason", Text),
    field("cancellation_id", Text),
    field("receipt_url", Text),
]);

/// `VbankDepositAnnotation`.
pub(crate) static VBANK_DEPOSIT: Schema = Schema::new(&[
    field("pg_tid", Text),
    required("amount", Amt),
    field("depositor_name", Text),
    field("deposited_at", Int),
]);

/// `Promotion`.
pub(crate) static PROMOTION: Schema = Schema::new(&[field("id", Text), field("discount", Amt)]);

/// `RequestPayResponse` (without the computed `success`, which is written first).
pub(crate) static REQUEST_PAY: Schema = Schema::new(&[
    hidden(kept(field("success", Flag), Capture::ReportedSuccess)),
    hidden(kept(
        field("imp_success", Flag),
        Capture::ReportedImpSuccess,
    )),
    kept(field("error_code", Text), Capture::ErrorCode),
    field("error_msg", Text),
    field("imp_uid", Text),
    field("merchant_uid", Text),
    field("pay_method", Text),
    field("paid_amount", Amt),
    kept(field("status", Text), Capture::Status),
    field("name", Text),
    field("pg_provider", Text),
    field("emb_pg_provider", Text),
    field("pg_tid", Text),
    field("pg_type", Text),
    field("buyer_name", Text),
    field("buyer_email", Text),
    field("buyer_tel", Text),
    field("buyer_addr", Text),
    field("buyer_postcode", Text),
    field("custom_data", Any),
    field("paid_at", Int),
    field("receipt_url", Text),
    field("apply_num", Text),
    field("vbank_num", Text),
    field("vbank_name", Text),
    field("vbank_holder", Text),
    field("vbank_date", Text),
    field("currency", Text),
    field("card_name", Text),
    field("card_number", Text),
    field("card_quota", Int),
    field("bank_name", Text),
    field("request_id", Text),
]);

// The client's other answers: `POST /users/getToken`, the balance and the prepared amount.

#[cfg(feature = "client")]
pub(crate) static AUTH: Schema = Schema::new(&[
    kept(required("access_token", Text), Capture::AccessToken),
    kept(required("expired_at", Int), Capture::ExpiredAt),
    kept(required("now", Int), Capture::Now),
]);

#[cfg(feature = "client")]
pub(crate) static BALANCE_PART: Schema = Schema::new(&[
    required("tax_free", Amt),
    required("supply", Amt),
    required("vat", Amt),
    required("service", Amt),
]);

#[cfg(feature = "client")]
pub(crate) static BALANCE_HISTORY: Schema = Schema::new(&[
    required("cash_receipt", Kind::Object(&BALANCE_PART)),
    required("primary", Kind::Object(&BALANCE_PART)),
    required("secondary", Kind::Object(&BALANCE_PART)),
    required("discount", Kind::Object(&BALANCE_PART)),
    field("created", Int),
]);

#[cfg(feature = "client")]
pub(crate) static BALANCE: Schema = Schema::new(&[
    required("amount", Amt),
    required("cash_receipt", Kind::Object(&BALANCE_PART)),
    required("primary", Kind::Object(&BALANCE_PART)),
    required("secondary", Kind::Object(&BALANCE_PART)),
    required("discount", Kind::Object(&BALANCE_PART)),
    field("histories", Kind::List(&BALANCE_HISTORY)),
]);

#[cfg(feature = "client")]
pub(crate) static PREPARED: Schema = Schema::new(&[
    required("merchant_uid", Text),
    required("amount", Amt),
    field("currency", Text),
]);

// Webhooks.

/// `WebhookV1` sent as JSON: only the kept values are used (it is built from them).
#[cfg(feature = "webhook")]
pub(crate) static WEBHOOK_V1: Schema = Schema::new(&[
    kept(required("imp_uid", Text), Capture::ImpUid),
    kept(required("merchant_uid", Text), Capture::MerchantUid),
    kept(field("status", Text), Capture::Status),
    kept(field("cancellation_id", Text), Capture::CancellationId),
]);

/// `WebhookV2`.
#[cfg(feature = "webhook")]
pub(crate) static WEBHOOK_V2: Schema = Schema::new(&[
    required("type", Text),
    field("timestamp", Text),
    field("data", Kind::Record(&WEBHOOK_V2_DATA)),
]);

/// `WebhookV2Data` (camelCase keys).
#[cfg(feature = "webhook")]
pub(crate) static WEBHOOK_V2_DATA: Schema = Schema::new(&[
    field("paymentId", Text),
    field("storeId", Text),
    field("transactionId", Text),
    field("cancellationId", Text),
    field("billingKey", Text),
    field("totalAmount", Amt),
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_found_in_any_order() {
        for schema in [
            &PAYMENT,
            &PAYMENT_CANCEL,
            &VBANK_DEPOSIT,
            &PROMOTION,
            &REQUEST_PAY,
        ] {
            assert!(schema.fields.len() <= 64, "the seen-set is a u64");
            for (index, field) in schema.fields.iter().enumerate() {
                for hint in [0, index, index + 1, schema.fields.len()] {
                    assert_eq!(schema.find(field.name, hint), Some(index), "{}", field.name);
                }
            }
            assert_eq!(schema.find("no_such_field", 0), None);
            assert_eq!(schema.find("", 3), None);
        }
    }
}
