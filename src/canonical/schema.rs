//! What each wire object holds: its fields, how each is read, and which values a caller
//! keeps. One table per type; `tests/canonical_schema.rs` holds them in step with the serde
//! types in `crate::types`.

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

/// The values a caller reads from an object besides its canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Capture {
    ImpUid,
    MerchantUid,
    Amount,
    CancelAmount,
    Currency,
    Status,
    Sandbox,
    PayMethod,
    VbankNum,
    ErrorCode,
    ReportedSuccess,
    ReportedImpSuccess,
}

impl Capture {
    pub(crate) const COUNT: usize = 12;
}

/// The fields of one wire object, in the order they are written out.
#[derive(Debug)]
pub(crate) struct Schema {
    pub fields: &'static [Field],
}

impl Schema {
    /// The index of `key`, trying `hint` (the field after the previous one) first: PortOne
    /// sends fields in a fixed order, so that one comparison usually settles it.
    pub(crate) fn find(&self, key: &str, hint: usize) -> Option<usize> {
        if self.fields.get(hint).is_some_and(|f| f.name == key) {
            return Some(hint);
        }
        self.fields.iter().position(|f| f.name == key)
    }
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

use Kind::{Amount as Amt, Any, Code, Flag, Int, Text, Texts};

/// `PaymentAnnotation`.
pub(crate) static PAYMENT: Schema = Schema {
    fields: &[
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
    ],
};

/// `PaymentCancelAnnotation`.
pub(crate) static PAYMENT_CANCEL: Schema = Schema {
    fields: &[
        field("pg_tid", Text),
        required("amount", Amt),
        field("cancelled_at", Int),
        field("reason", Text),
        field("cancellation_id", Text),
        field("receipt_url", Text),
    ],
};

/// `VbankDepositAnnotation`.
pub(crate) static VBANK_DEPOSIT: Schema = Schema {
    fields: &[
        field("pg_tid", Text),
        required("amount", Amt),
        field("depositor_name", Text),
        field("deposited_at", Int),
    ],
};

/// `Promotion`.
pub(crate) static PROMOTION: Schema = Schema {
    fields: &[field("id", Text), field("discount", Amt)],
};

/// `RequestPayResponse` (without the computed `success`, which is written first).
pub(crate) static REQUEST_PAY: Schema = Schema {
    fields: &[
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
    ],
};
